//! Rules about property types and constraints.
pub mod array_items;
pub mod conflict;
pub mod duplicate_enum;
pub mod enum_type;
pub mod format_type;
pub mod invalid_bounds;
pub mod invalid_example;
pub mod invalid_pattern;

use crate::model::{Plan, Property};
use crate::source::Span;

/// Every property definition at any depth that a rule must check, each
/// once. An event property reusing a shared definition carries the shared
/// definition's spans for every key it does not override; checking it again
/// would only repeat the shared definition's report. So a reusing property
/// is returned only when one of the `relevant` keys is its own (its span
/// lies inside the reusing entry), and nested properties it inherits are not
/// visited. No hashing: this runs once per rule over every property.
pub(crate) fn definitions<I: IntoIterator<Item = Option<Span>>>(
    plan: &Plan,
    relevant: impl Fn(&Property) -> I,
) -> Vec<&Property> {
    let mut out = Vec::new();
    for (_, list) in plan.property_lists() {
        let mut todo: Vec<&Property> = list.iter().rev().collect();
        while let Some(p) = todo.pop() {
            let own = |span: Span| !p.shared || p.span.contains(span);
            if !p.shared || relevant(p).into_iter().flatten().any(own) {
                out.push(p);
            }
            let children = p.properties.iter().rev().chain(p.items.as_deref());
            todo.extend(children.filter(|q| own(q.span)));
        }
    }
    out
}

pub(crate) fn span_of<T>(x: &Option<crate::source::Spanned<T>>) -> Option<Span> {
    x.as_ref().map(|s| s.span)
}
