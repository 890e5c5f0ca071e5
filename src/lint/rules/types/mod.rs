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
use std::collections::HashSet;

/// Every property at any depth, each distinct definition once: an event
/// property that reuses a shared definition unchanged has the same spans as
/// the definition, and checking it again would only repeat the same report.
/// `key` picks the spans that decide the rule's outcome.
pub(crate) fn distinct_properties<K: std::hash::Hash + Eq>(
    plan: &Plan,
    key: impl Fn(&Property) -> K,
) -> Vec<&Property> {
    let mut seen: HashSet<K> = HashSet::new();
    plan.all_properties()
        .into_iter()
        .map(|(_, p)| p)
        .filter(|p| seen.insert(key(p)))
        .collect()
}

pub(crate) fn span_of<T>(x: &Option<crate::source::Spanned<T>>) -> Option<Span> {
    x.as_ref().map(|s| s.span)
}
