use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::{fold, suggestion};
use crate::model::Name;
use std::collections::HashSet;

crate::declare_rule! {
    /// A funnel step, `replaced_by` or metric names an unknown event.
    ///
    /// ## What it does
    /// Reports every event name in a funnel's `steps`, an event's
    /// `replaced_by` and a metric's `events` that is not an event of the
    /// plan, with a "did you mean" suggestion when one is close or differs
    /// only in case and separators (`invoice_sent` -> `Invoice Sent`).
    ///
    /// ## Why
    /// Event names are matched exactly on the wire. A funnel step spelt
    /// differently from the event it means never matches anything, and the
    /// funnel reports a conversion of zero.
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
    ///     description: From the first invoice to the first payment.
    ///     steps: [Invoice Sent, Payment Recieved]
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///   Payment Received:
    ///     description: The payment provider confirmed a payment.
    ///     owner: growth
    ///     side: server
    /// funnels:
    ///   invoicing:
    ///     description: From the first invoice to the first payment.
    ///     steps: [Invoice Sent, Payment Received]
    /// ```
    pub static RULE = ("references/unknown-event", Error);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut refs: Vec<(String, &Name)> = Vec::new();
    for event in &plan.events {
        if let Some(r) = &event.replaced_by {
            refs.push((format!("`replaced_by` of event `{}`", event.name.value), r));
        }
    }
    for funnel in &plan.funnels {
        for step in &funnel.steps {
            refs.push((format!("funnel `{}`", funnel.key.value), step));
        }
    }
    for metric in &plan.metrics {
        for event in &metric.events {
            refs.push((format!("metric `{}`", metric.key.value), event));
        }
    }
    if refs.is_empty() {
        return;
    }
    // Hashed: a 10,000-event plan may have a thousand `replaced_by`s.
    let events: HashSet<&str> = plan.events.iter().map(|e| e.name.value.as_str()).collect();
    for (place, name) in refs {
        if !events.contains(name.value.as_str()) {
            out.push(
                RULE.diag(format!("{place} names unknown event `{}`", name.value))
                    .label(name.span, "no event with this exact name")
                    .help(help(cx, &name.value)),
            );
        }
    }
}

fn help(cx: &LintContext<'_>, name: &str) -> String {
    let names = || cx.plan.events.iter().map(|e| e.name.value.as_str());
    let folded = fold(name);
    // Case and separators first: `invoice_sent` is nearer `Invoice Sent`
    // than any edit distance says.
    if let Some(same) = names().find(|n| fold(n) == folded) {
        return format!("did you mean `{same}`? event names are matched exactly");
    }
    suggestion(name, names()).unwrap_or_else(|| {
        "no event is named like this; define it under `events:` or fix the name".into()
    })
}
