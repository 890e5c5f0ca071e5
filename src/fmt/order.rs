//! The canonical key order of each known mapping of a plan file.
//!
//! A mapping's shape comes from where it sits (`events.<name>` is an
//! event). Keys of a known shape are sorted by these tables; keys the table
//! does not list (typos, which lint reports) follow, in their own order.
//! Mappings keyed by user names (events, properties, owners...) are never
//! sorted: people group events by meaning.

use crate::load::convert::{
    CONVENTION_KEYS, EVENT_KEYS, FUNNEL_KEYS, GROUP_KEYS, METRIC_KEYS, OWNER_KEYS, PLAN_KEYS,
    SOURCE_KEYS, TOP_KEYS, TRAIT_KEYS,
};

/// A property entry: what the value is (its type, the element type of an
/// array), then the constraints on it, then presence, privacy and
/// lifecycle, then the description and the examples that illustrate it,
/// then nested properties, which are the body of an object as an event's
/// properties are the body of an event. The plan-format spec's examples
/// all follow this order.
pub const PROPERTY_ORDER: &[&str] = &[
    "type",
    "items",
    "enum",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "min_items",
    "max_items",
    "unique_items",
    "required",
    "nullable",
    "pii",
    "deprecated",
    "description",
    "examples",
    "properties",
    "lint_ignore",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Top,
    Plan,
    Conventions,
    Owner,
    Source,
    Event,
    Property,
    Traits,
    Group,
    Funnel,
    Metric,
    /// A map whose keys are user names; its values have the given shape.
    Named(Named),
    /// Anything else (an unknown key's value, a list item...): kept as is.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Named {
    Owners,
    Sources,
    Properties,
    Events,
    Groups,
    Funnels,
    Metrics,
}

impl Shape {
    /// The key order, when this mapping's keys are sorted.
    pub fn order(self) -> Option<&'static [&'static str]> {
        Some(match self {
            Shape::Top => TOP_KEYS,
            Shape::Plan => PLAN_KEYS,
            Shape::Conventions => CONVENTION_KEYS,
            Shape::Owner => OWNER_KEYS,
            Shape::Source => SOURCE_KEYS,
            Shape::Event => EVENT_KEYS,
            Shape::Property => PROPERTY_ORDER,
            Shape::Traits => TRAIT_KEYS,
            Shape::Group => GROUP_KEYS,
            Shape::Funnel => FUNNEL_KEYS,
            Shape::Metric => METRIC_KEYS,
            Shape::Named(_) | Shape::Other => return None,
        })
    }

    /// The shape of the value under `key` in a mapping of this shape.
    pub fn child(self, key: &str) -> Shape {
        match self {
            Shape::Top => match key {
                "plan" => Shape::Plan,
                "owners" => Shape::Named(Named::Owners),
                "sources" => Shape::Named(Named::Sources),
                "properties" => Shape::Named(Named::Properties),
                "events" => Shape::Named(Named::Events),
                "identify" | "context" => Shape::Traits,
                "groups" => Shape::Named(Named::Groups),
                "funnels" => Shape::Named(Named::Funnels),
                "metrics" => Shape::Named(Named::Metrics),
                _ => Shape::Other,
            },
            Shape::Plan if key == "conventions" => Shape::Conventions,
            Shape::Event | Shape::Traits | Shape::Group if key == "properties" => {
                Shape::Named(Named::Properties)
            }
            Shape::Property => match key {
                "items" => Shape::Property,
                "properties" => Shape::Named(Named::Properties),
                _ => Shape::Other,
            },
            Shape::Named(named) => match named {
                Named::Owners => Shape::Owner,
                Named::Sources => Shape::Source,
                Named::Properties => Shape::Property,
                Named::Events => Shape::Event,
                Named::Groups => Shape::Group,
                Named::Funnels => Shape::Funnel,
                Named::Metrics => Shape::Metric,
            },
            _ => Shape::Other,
        }
    }
}

/// Where `key` goes in a mapping with this order: its index, and keys not
/// in the table after all of them.
pub fn rank(order: &[&str], key: Option<&str>) -> usize {
    key.and_then(|k| order.iter().position(|o| *o == k))
        .unwrap_or(order.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::convert::PROPERTY_KEYS;

    #[test]
    fn property_order_lists_every_property_key_once() {
        let mut ours: Vec<&str> = PROPERTY_ORDER.to_vec();
        let mut loader: Vec<&str> = PROPERTY_KEYS.to_vec();
        ours.sort_unstable();
        loader.sort_unstable();
        assert_eq!(ours, loader);
    }

    #[test]
    fn description_follows_the_constraints_and_precedes_nested_properties() {
        let at = |k| rank(PROPERTY_ORDER, Some(k));
        assert!(at("type") < at("enum"));
        assert!(at("format") < at("pii"));
        assert!(at("required") < at("description"));
        assert!(at("description") < at("properties"));
        assert_eq!(at("typo"), PROPERTY_ORDER.len());
    }

    #[test]
    fn shapes_follow_the_plan_structure() {
        let event = Shape::Top.child("events").child("Signed Up");
        assert_eq!(event, Shape::Event);
        let prop = event.child("properties").child("email");
        assert_eq!(prop, Shape::Property);
        assert_eq!(prop.child("items"), Shape::Property);
        assert_eq!(Shape::Top.child("extra"), Shape::Other);
        assert!(Shape::Named(Named::Events).order().is_none());
    }
}
