use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::suggestion;

crate::declare_rule! {
    /// An event lists a source that is not defined.
    ///
    /// ## What it does
    /// Reports every entry of an event's `sources:` that is not a key of the
    /// top-level `sources:` section, with a "did you mean" suggestion when a
    /// defined source is close.
    ///
    /// ## Why
    /// Build outputs pick events by source (`sources: [web]` in
    /// `trackc.yaml`). An event listing a misspelt source silently drops out
    /// of the emitter that should send it.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///     sources: [apii]
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///     sources: [api]
    /// ```
    pub static RULE = ("references/unknown-source", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let known = || plan.sources.iter().map(|s| s.key.value.as_str());
    for event in &plan.events {
        for source in &event.sources {
            if plan.source(&source.value).is_some() {
                continue;
            }
            let help = suggestion(&source.value, known()).unwrap_or_else(|| {
                let list: Vec<&str> = known().collect();
                if list.is_empty() {
                    "define it under `sources:` with its `side`".to_string()
                } else {
                    format!(
                        "define it under `sources:`, or use one of: {}",
                        list.join(", ")
                    )
                }
            });
            out.push(
                RULE.diag(format!(
                    "event `{}` lists unknown source `{}`",
                    event.name.value, source.value
                ))
                .label(source.span, "not defined under `sources:`")
                .help(help),
            );
        }
    }
}
