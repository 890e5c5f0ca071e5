use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::property_phrase;
use crate::model::{Name, Property, PropertyOwner};
use crate::source::Span;
use std::collections::HashSet;

crate::declare_rule! {
    /// An event, property, group, funnel or metric without a description.
    ///
    /// ## What it does
    /// Reports a missing or blank `description` on:
    /// - every event;
    /// - every property, at every level: shared definitions, event
    ///   properties, identify traits, group properties, context properties
    ///   and the nested `properties` of objects. An entry that reuses a shared
    ///   definition inherits its description, so only the shared definition
    ///   is reported. The `items` entry of an array is not reported: the
    ///   array's own description covers its elements;
    /// - every group, funnel and metric.
    ///
    /// Owners have a required `name` instead, and sources, the `plan:` block
    /// and identify/context sections are optional to describe.
    ///
    /// ## Why
    /// The description is the contract between the people who send an event
    /// and the people who analyse it: *when* exactly is `Invoice Sent` sent,
    /// what is `amount` in? Generated docs and typed emitters show it. The
    /// plan format requires it, so this is an error by default; set it to
    /// `warn` in `trackc.yaml` while documenting an existing plan.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       amount_cents:
    ///         type: integer
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       amount_cents:
    ///         type: integer
    ///         description: Invoice total in cents.
    /// ```
    pub static RULE = ("docs/missing-description", Error);
}

fn missing(description: &Option<Name>) -> bool {
    description
        .as_ref()
        .is_none_or(|d| d.value.trim().is_empty())
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let mut report = |what: String, at: Span, help: &str| {
        out.push(
            RULE.diag(format!("{what} has no description"))
                .label(at, "add a `description:` to this entry")
                .help(help.to_string()),
        );
    };
    for event in &plan.events {
        if missing(&event.description) {
            report(
                format!("event `{}`", event.name.value),
                event.name.span,
                "say exactly when the event is sent and what has happened by then",
            );
        }
    }
    // A shared definition's nested properties reach every entry that reuses
    // it; report each once, where it is written.
    let mut seen = HashSet::new();
    for (owner, list) in plan.property_lists() {
        for p in list {
            properties(p, &owner, &p.name.value, 0, &mut seen, &mut report);
        }
    }
    for group in &plan.groups {
        if missing(&group.description) {
            report(
                format!("group `{}`", group.key.value),
                group.key.span,
                "say what one group of this type is, e.g. \"a customer organisation\"",
            );
        }
    }
    for funnel in &plan.funnels {
        if missing(&funnel.description) {
            report(
                format!("funnel `{}`", funnel.key.value),
                funnel.key.span,
                "say what journey the funnel follows and what its last step means",
            );
        }
    }
    for metric in &plan.metrics {
        if missing(&metric.description) {
            report(
                format!("metric `{}`", metric.key.value),
                metric.key.span,
                "say how the metric is computed, over which events and which time window",
            );
        }
    }
}

fn properties(
    p: &Property,
    owner: &PropertyOwner<'_>,
    path: &str,
    depth: usize,
    seen: &mut HashSet<Span>,
    report: &mut impl FnMut(String, Span, &str),
) {
    // Top-level entries are each written once; nested ones may be reached
    // again through every entry that reuses their shared parent.
    if !p.shared && (depth == 0 || seen.insert(p.name.span)) && missing(&p.description) {
        report(
            property_phrase(owner, path),
            p.name.span,
            "say what the value means, with its unit or where it comes from",
        );
    }
    for child in &p.properties {
        let child_path = format!("{path}.{}", child.name.value);
        properties(child, owner, &child_path, depth + 1, seen, report);
    }
    // The items entry itself is covered by the array's description, but
    // objects inside an array still need their fields described.
    if let Some(items) = &p.items {
        for child in &items.properties {
            let child_path = format!("{path}[].{}", child.name.value);
            properties(child, owner, &child_path, depth + 1, seen, report);
        }
    }
}
