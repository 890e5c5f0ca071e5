use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::PropertyOwner;
use std::collections::HashSet;

crate::declare_rule! {
    /// A shared property that no event, identify, group or context uses.
    ///
    /// ## What it does
    /// Reports every definition under the top-level `properties:` whose name
    /// appears in no event's properties, no identify trait, no group's
    /// properties and no context property.
    ///
    /// ## Why
    /// A shared definition only takes effect where an entry of the same name
    /// reuses it. An unused one is usually left over from a removed event,
    /// or a sign that an event spells the name differently (`plan_tier` /
    /// `planTier`) and so silently misses the shared type and enum.
    ///
    /// ## Fails
    /// ```yaml
    /// properties:
    ///   invoice_id:
    ///     type: string
    ///     description: ID of the invoice.
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// properties:
    ///   invoice_id:
    ///     type: string
    ///     description: ID of the invoice.
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was emailed to a client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       invoice_id: {}
    /// ```
    pub static RULE = ("references/unused-property", Warning);
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    if cx.plan.properties.is_empty() {
        return;
    }
    let mut unused: HashSet<&str> = cx
        .plan
        .properties
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    // Only top-level entries reuse shared definitions (nested object
    // properties never do), so the top-level lists are all that counts.
    for (owner, list) in cx.plan.property_lists() {
        if matches!(owner, PropertyOwner::Shared) {
            continue;
        }
        for p in list {
            unused.remove(p.name.value.as_str());
        }
    }
    for shared in &cx.plan.properties {
        if !unused.contains(shared.name.value.as_str()) {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "shared property `{}` is not used anywhere",
                shared.name.value
            ))
            .label(
                shared.name.span,
                "no event, identify, group or context uses it",
            )
            .help(format!(
                "add `{}: {{}}` to the events that send it, or remove the definition",
                shared.name.value
            )),
        );
    }
}
