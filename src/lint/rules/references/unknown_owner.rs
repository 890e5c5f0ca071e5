use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::suggestion;
use crate::model::Name;
use std::collections::HashSet;

crate::declare_rule! {
    /// An event, funnel or metric names an owner that is not defined.
    ///
    /// ## What it does
    /// Reports every `owner:` of an event, funnel or metric that is not a key
    /// of the top-level `owners:` section, with a "did you mean" suggestion
    /// when a defined owner is close.
    ///
    /// ## Why
    /// The owner is who answers for an event when it breaks. A misspelt owner
    /// (`grwoth`) means nobody does, and generated docs would link to a team
    /// that does not exist.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: grwoth
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
    pub static RULE = ("references/unknown-owner", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let owners: HashSet<&str> = plan.owners.iter().map(|o| o.key.value.as_str()).collect();
    let unknown = |owner: &Option<Name>| {
        owner
            .as_ref()
            .filter(|o| !owners.contains(o.value.as_str()))
            .cloned()
    };
    for e in &plan.events {
        if let Some(o) = unknown(&e.owner) {
            out.push(diagnostic(cx, &format!("event `{}`", e.name.value), &o));
        }
    }
    for f in &plan.funnels {
        if let Some(o) = unknown(&f.owner) {
            out.push(diagnostic(cx, &format!("funnel `{}`", f.key.value), &o));
        }
    }
    for m in &plan.metrics {
        if let Some(o) = unknown(&m.owner) {
            out.push(diagnostic(cx, &format!("metric `{}`", m.key.value), &o));
        }
    }
}

fn diagnostic(cx: &LintContext<'_>, what: &str, owner: &Name) -> Diagnostic {
    let known = || cx.plan.owners.iter().map(|o| o.key.value.as_str());
    let help = suggestion(&owner.value, known()).unwrap_or_else(|| {
        let list: Vec<&str> = known().collect();
        if list.is_empty() {
            "define it under `owners:` with a `name`".to_string()
        } else {
            format!(
                "define it under `owners:`, or use one of: {}",
                list.join(", ")
            )
        }
    });
    RULE.diag(format!("{what} has unknown owner `{}`", owner.value))
        .label(owner.span, "not defined under `owners:`")
        .help(help)
}
