use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;

crate::declare_rule! {
    /// An event lists a source whose side differs from the event's side.
    ///
    /// ## What it does
    /// Reports every entry of an event's `sources:` whose definition has a
    /// different `side` than the event, labelling the source in the event,
    /// the event's `side` and the source's definition.
    ///
    /// ## Why
    /// The side says where an event is allowed to fire: a server event is
    /// only sent after the backend has committed the change. Listing it under
    /// a browser source would generate a browser emitter for it, and the
    /// event would be counted even when the request behind it failed.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///     sources: [web]
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
    pub static RULE = ("references/source-side", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for event in &cx.plan.events {
        // Without a side the event is already a schema error.
        let Some(side) = &event.side else { continue };
        for reference in &event.sources {
            let Some(source) = cx.plan.source(&reference.value) else {
                continue; // references/unknown-source
            };
            if source.side.value == side.value {
                continue;
            }
            out.push(
                RULE.diag(format!(
                    "event `{}` is {}-side but its source `{}` is {}-side",
                    event.name.value,
                    side.value.as_str(),
                    reference.value,
                    source.side.value.as_str()
                ))
                .label(reference.span, format!("a {} source", source.side.value.as_str()))
                .label(side.span, format!("the event is {}-side", side.value.as_str()))
                .label(
                    source.side.span,
                    format!("`{}` is defined {}-side here", source.key.value, source.side.value.as_str()),
                )
                .help(format!(
                    "list a {} source here, or change the event's `side` if it really fires {}-side",
                    side.value.as_str(),
                    source.side.value.as_str()
                )),
            );
        }
    }
}
