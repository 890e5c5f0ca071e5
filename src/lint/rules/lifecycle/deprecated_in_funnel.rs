use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::Event;
use std::collections::HashMap;

crate::declare_rule! {
    /// A funnel uses a deprecated event as a step.
    ///
    /// ## What it does
    /// Reports every funnel step that names an event with
    /// `status: deprecated`, labelling the step and the event's status, and
    /// suggesting the event's `replaced_by` when it has one.
    ///
    /// ## Why
    /// A deprecated event is on its way out: new code stops sending it, so a
    /// funnel built on it shows a conversion that drops towards zero as
    /// clients update, which reads like a product problem. The funnel should
    /// move to the replacement.
    ///
    /// It is a warning, not an error: deprecation is a transition during
    /// which old clients still send the event, and marking an event
    /// deprecated should not be blocked until every funnel has moved. Set it
    /// to `error` in `trackc.yaml` to make finishing the move mandatory.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Exported:
    ///     description: The invoice was exported as a file.
    ///     owner: growth
    ///     side: client
    ///     status: deprecated
    ///     replaced_by: Invoice Downloaded
    ///   Invoice Downloaded:
    ///     description: The invoice was downloaded as a PDF or CSV file.
    ///     owner: growth
    ///     side: client
    /// funnels:
    ///   invoicing:
    ///     description: Invoices that were exported.
    ///     steps: [Invoice Exported]
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Exported:
    ///     description: The invoice was exported as a file.
    ///     owner: growth
    ///     side: client
    ///     status: deprecated
    ///     replaced_by: Invoice Downloaded
    ///   Invoice Downloaded:
    ///     description: The invoice was downloaded as a PDF or CSV file.
    ///     owner: growth
    ///     side: client
    /// funnels:
    ///   invoicing:
    ///     description: Invoices that were downloaded.
    ///     steps: [Invoice Downloaded]
    /// ```
    pub static RULE = ("lifecycle/deprecated-in-funnel", Warning);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let deprecated: HashMap<&str, &Event> = cx
        .plan
        .events
        .iter()
        .filter(|e| e.is_deprecated())
        .map(|e| (e.name.value.as_str(), e))
        .collect();
    if deprecated.is_empty() {
        return;
    }
    for funnel in &cx.plan.funnels {
        for step in &funnel.steps {
            let Some(event) = deprecated.get(step.value.as_str()) else {
                continue;
            };
            let help = match &event.replaced_by {
                Some(r) => format!("use its replacement `{}` as the step", r.value),
                None => "use the event that replaces it as the step".to_string(),
            };
            out.push(
                RULE.diag(format!(
                    "funnel `{}` uses deprecated event `{}`",
                    funnel.key.value, step.value
                ))
                .label(step.span, "a deprecated event")
                .label(event.status.span, "deprecated here")
                .help(help),
            );
        }
    }
}
