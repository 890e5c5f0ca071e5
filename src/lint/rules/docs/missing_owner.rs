use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;

crate::declare_rule! {
    /// An event without an `owner`.
    ///
    /// ## What it does
    /// Reports every event that has no `owner:`. Funnels and metrics may
    /// name an owner but need not.
    ///
    /// ## Why
    /// The plan format requires an owner on every event: when an event stops
    /// arriving or changes shape, someone must be asked. Generated docs list
    /// each event under its owner.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    /// ```
    pub static RULE = ("docs/missing-owner", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let owners: Vec<&str> = cx
        .plan
        .owners
        .iter()
        .map(|o| o.key.value.as_str())
        .collect();
    let help = if owners.is_empty() {
        "define a team under `owners:` and name it in `owner:`".to_string()
    } else {
        format!("add `owner:` with one of: {}", owners.join(", "))
    };
    for event in &cx.plan.events {
        if event.owner.is_none() {
            out.push(
                RULE.diag(format!("event `{}` has no owner", event.name.value))
                    .label(event.name.span, "add an `owner:` to this event")
                    .help(help.clone()),
            );
        }
    }
}
