use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::suggestion;
use crate::model::Name;

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
    let refs = plan
        .events
        .iter()
        .filter_map(|e| Some((format!("event `{}`", e.name.value), e.owner.as_ref()?)))
        .chain(
            plan.funnels
                .iter()
                .filter_map(|f| Some((format!("funnel `{}`", f.key.value), f.owner.as_ref()?))),
        )
        .chain(
            plan.metrics
                .iter()
                .filter_map(|m| Some((format!("metric `{}`", m.key.value), m.owner.as_ref()?))),
        );
    for (what, owner) in refs {
        if plan.owner(&owner.value).is_none() {
            out.push(diagnostic(cx, &what, owner));
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
