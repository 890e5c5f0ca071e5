use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;

crate::declare_rule! {
    /// A deprecated event does not say what replaces it.
    ///
    /// ## What it does
    /// Reports every event with `status: deprecated` and no `replaced_by`.
    ///
    /// ## Why
    /// Whoever finds the deprecated event in a dashboard, a funnel or the
    /// generated docs needs to know which event to use instead. When nothing
    /// replaces it, say so in the description and silence this rule for the
    /// event with `lint_ignore: [lifecycle/missing-replacement]`.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Exported:
    ///     description: The invoice was exported as a file.
    ///     owner: growth
    ///     side: client
    ///     status: deprecated
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
    /// ```
    pub static RULE = ("lifecycle/missing-replacement", Warning);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for event in &cx.plan.events {
        if event.is_deprecated() && event.replaced_by.is_none() {
            out.push(
                RULE.diag(format!(
                    "deprecated event `{}` has no `replaced_by`",
                    event.name.value
                ))
                .label(event.status.span, "deprecated without a replacement")
                .help("add `replaced_by:` with the event to use instead; if nothing replaces it, say so in the description and add `lint_ignore: [lifecycle/missing-replacement]`"),
            );
        }
    }
}
