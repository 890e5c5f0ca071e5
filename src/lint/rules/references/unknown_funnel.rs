use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::suggestion;

crate::declare_rule! {
    /// A metric names a funnel that is not defined.
    ///
    /// ## What it does
    /// Reports a metric's `funnel:` that is not a key of the top-level
    /// `funnels:` section, with a "did you mean" suggestion when one is close.
    ///
    /// ## Why
    /// A metric defined over a funnel that does not exist cannot be computed,
    /// and its documentation would link nowhere.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    /// funnels:
    ///   invoicing:
    ///     description: Invoices sent.
    ///     steps: [Invoice Sent]
    /// metrics:
    ///   invoices_per_week:
    ///     description: Invoices sent per workspace per week.
    ///     funnel: invoicng
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    /// funnels:
    ///   invoicing:
    ///     description: Invoices sent.
    ///     steps: [Invoice Sent]
    /// metrics:
    ///   invoices_per_week:
    ///     description: Invoices sent per workspace per week.
    ///     funnel: invoicing
    /// ```
    pub static RULE = ("references/unknown-funnel", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let known = || cx.plan.funnels.iter().map(|f| f.key.value.as_str());
    for metric in &cx.plan.metrics {
        let Some(funnel) = &metric.funnel else {
            continue;
        };
        if known().any(|k| k == funnel.value) {
            continue;
        }
        let help = suggestion(&funnel.value, known()).unwrap_or_else(|| {
            let list: Vec<&str> = known().collect();
            if list.is_empty() {
                "define it under `funnels:`, or list the metric's `events:` instead".to_string()
            } else {
                format!(
                    "define it under `funnels:`, or use one of: {}",
                    list.join(", ")
                )
            }
        });
        out.push(
            RULE.diag(format!(
                "metric `{}` names unknown funnel `{}`",
                metric.key.value, funnel.value
            ))
            .label(funnel.span, "not defined under `funnels:`")
            .help(help),
        );
    }
}
