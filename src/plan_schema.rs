//! The JSON Schema of the plan format itself (`trackc schema`), so YAML
//! editors (yaml-language-server) complete keys and flag mistakes while
//! typing. It describes one plan *file*: every section is optional there
//! because a plan may be split across files; rules that span files (exactly
//! one `plan:` block, references between entries) are `trackc check`'s job.
//!
//! The key lists come from the loader, and a test checks that each section
//! of this schema allows exactly the keys the loader accepts.

use crate::load::convert as keys;
use crate::model::{Case, Format, PII_CATEGORIES, Type};
use serde_json::{Map, Value, json};

pub const ID: &str = "urn:trackc:plan-format:v1";

fn names<T>(all: &[(&str, T)]) -> Vec<Value> {
    all.iter().map(|(n, _)| json!(n)).collect()
}

/// An object allowing exactly `allowed`, with schemas for those listed in
/// `props` (the rest accept any value).
fn closed(allowed: &[&str], props: Value, required: &[&str]) -> Value {
    let mut properties = Map::new();
    let given = props.as_object().cloned().unwrap_or_default();
    for k in allowed {
        properties.insert(
            (*k).to_string(),
            given.get(*k).cloned().unwrap_or_else(|| json!({})),
        );
    }
    let mut s = json!({
        "type": "object",
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        s["required"] = json!(required);
    }
    s
}

/// A `name: entry` mapping (events, owners, ...).
fn named(entry: Value, what: &str) -> Value {
    json!({
        "type": ["object", "null"],
        "description": what,
        "propertyNames": {"minLength": 1},
        "additionalProperties": entry,
    })
}

pub fn plan_schema() -> Value {
    let text = |d: &str| json!({"type": "string", "description": d});
    let strings =
        |d: &str| json!({"type": ["array", "null"], "items": {"type": "string"}, "description": d});
    let side = json!({"enum": ["client", "server"], "description": "client (browser, app) or server (backend)"});
    let rule_ids: Vec<&str> = crate::lint::registry::ids().collect();
    let lint_ignore = json!({
        "type": ["array", "null"],
        "items": {"enum": rule_ids},
        "description": "Lint rules silenced for this entry (`trackc rules` lists them)."
    });
    let case = json!({"enum": names(Case::ALL)});

    let property = closed(
        keys::PROPERTY_KEYS,
        json!({
            "type": {"enum": names(Type::ALL), "description": "The value's type."},
            "description": text("What the property means (Markdown)."),
            "required": {"type": "boolean", "description": "Default true; false means the property may be absent."},
            "nullable": {"type": "boolean", "description": "Default false; true means null is a valid value."},
            "enum": {"type": "array", "minItems": 1, "description": "The allowed values."},
            "const": {"description": "The single allowed value."},
            "pattern": text("A regular expression the value must match."),
            "format": {"enum": names(Format::ALL)},
            "minimum": {"type": "number"},
            "maximum": {"type": "number"},
            "min_length": {"type": "integer", "minimum": 0},
            "max_length": {"type": "integer", "minimum": 0},
            "items": {"$ref": "#/$defs/property"},
            "min_items": {"type": "integer", "minimum": 0},
            "max_items": {"type": "integer", "minimum": 0},
            "unique_items": {"type": "boolean"},
            "properties": {"$ref": "#/$defs/properties"},
            "pii": {
                "description": "true, false, or a category of personal data.",
                "anyOf": [{"type": "boolean"}, {"enum": PII_CATEGORIES}]
            },
            "deprecated": {
                "description": "true, or a string saying what to use instead.",
                "type": ["boolean", "string"]
            },
            "examples": {"type": "array", "description": "Example values; each must be valid."},
            "lint_ignore": lint_ignore,
        }),
        &[],
    );
    // `plan_tier:` or `plan_tier: {}` reuses the shared definition.
    let mut property_or_null = property.clone();
    property_or_null["type"] = json!(["object", "null"]);

    let plan = closed(
        keys::PLAN_KEYS,
        json!({
            "id": {"type": "string", "pattern": "^[a-z0-9_-]+$", "description": "Used in schema $ids and file names."},
            "name": text("Shown in docs."),
            "version": {"type": "integer", "minimum": 0},
            "description": text("What the plan covers (Markdown)."),
            "conventions": closed(keys::CONVENTION_KEYS, json!({
                "event_case": case,
                "property_case": case,
                "event_grammar": {"enum": ["object_action", "action_object", "any"]},
            }), &[]),
        }),
        &["id", "name"],
    );
    let owner = closed(
        keys::OWNER_KEYS,
        json!({"name": text("Team or person name."), "contact": text("Email, chat channel or URL.")}),
        &["name"],
    );
    let source = closed(
        keys::SOURCE_KEYS,
        json!({"side": side, "description": text("What this source is.")}),
        &["side"],
    );
    let event = closed(
        keys::EVENT_KEYS,
        json!({
            "description": text("When exactly the event is sent (Markdown)."),
            "owner": text("A key of `owners`."),
            "side": side,
            "sources": strings("Keys of `sources`; each source's side must equal the event's."),
            "category": text("Groups events in the docs."),
            "tags": strings("Free-form tags."),
            "status": {"enum": ["active", "deprecated"]},
            "replaced_by": text("With status: deprecated, the event to use instead."),
            "properties": {"$ref": "#/$defs/properties"},
            "lint_ignore": lint_ignore,
        }),
        &["description", "owner", "side"],
    );
    let traits = closed(
        keys::TRAIT_KEYS,
        json!({"properties": {"$ref": "#/$defs/properties"}}),
        &[],
    );
    let group = closed(
        keys::GROUP_KEYS,
        json!({
            "description": text("What this group type is."),
            "properties": {"$ref": "#/$defs/properties"},
            "lint_ignore": lint_ignore,
        }),
        &[],
    );
    let funnel = closed(
        keys::FUNNEL_KEYS,
        json!({
            "description": text("What the funnel measures."),
            "owner": text("A key of `owners`."),
            "steps": strings("Event names, in order."),
            "lint_ignore": lint_ignore,
        }),
        &["steps"],
    );
    let metric = closed(
        keys::METRIC_KEYS,
        json!({
            "description": text("How the metric is computed."),
            "kind": {"enum": ["leading", "lagging"]},
            "funnel": text("A key of `funnels`."),
            "events": strings("Event names the metric is built from."),
            "owner": text("A key of `owners`."),
            "lint_ignore": lint_ignore,
        }),
        &[],
    );
    let mut top = closed(
        keys::TOP_KEYS,
        json!({
            "plan": plan,
            "owners": named(owner, "Who implements and answers for events."),
            "sources": named(source, "Where events are emitted from."),
            "properties": {"$ref": "#/$defs/properties"},
            "events": named(event, "Events by wire name, exactly as sent."),
            "identify": traits.clone(),
            "groups": named(group, "Group (account) types."),
            "context": traits,
            "funnels": named(funnel, "Ordered steps, for docs and metrics."),
            "metrics": named(metric, "Metrics built from funnels or events."),
        }),
        &[],
    );
    top["type"] = json!(["object", "null"]);
    let mut doc = Map::new();
    doc.insert("$schema".into(), json!(super::build::jsonschema::DRAFT));
    doc.insert("$id".into(), json!(ID));
    doc.insert("title".into(), json!("trackc tracking plan file"));
    doc.insert(
        "description".into(),
        json!("One file of a trackc tracking plan (format v1). A plan may be split over several files; `trackc check` checks the rules that span files."),
    );
    if let Value::Object(m) = top {
        doc.extend(m);
    }
    doc.insert(
        "$defs".into(),
        json!({
            "property": property,
            "properties": named(property_or_null, "Property entries by name."),
        }),
    );
    Value::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(schema: &Value) -> Vec<String> {
        let mut k: Vec<String> = schema["properties"]
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default();
        k.sort();
        k
    }

    fn sorted(keys: &[&str]) -> Vec<String> {
        let mut k: Vec<String> = keys.iter().map(|s| s.to_string()).collect();
        k.sort();
        k
    }

    #[test]
    fn every_section_allows_exactly_the_loaders_keys() {
        let s = plan_schema();
        assert_eq!(allowed(&s), sorted(keys::TOP_KEYS));
        assert_eq!(allowed(&s["properties"]["plan"]), sorted(keys::PLAN_KEYS));
        assert_eq!(
            allowed(&s["properties"]["plan"]["properties"]["conventions"]),
            sorted(keys::CONVENTION_KEYS)
        );
        let entry = |section: &str| s["properties"][section]["additionalProperties"].clone();
        assert_eq!(allowed(&entry("owners")), sorted(keys::OWNER_KEYS));
        assert_eq!(allowed(&entry("sources")), sorted(keys::SOURCE_KEYS));
        assert_eq!(allowed(&entry("events")), sorted(keys::EVENT_KEYS));
        assert_eq!(allowed(&entry("groups")), sorted(keys::GROUP_KEYS));
        assert_eq!(allowed(&entry("funnels")), sorted(keys::FUNNEL_KEYS));
        assert_eq!(allowed(&entry("metrics")), sorted(keys::METRIC_KEYS));
        assert_eq!(
            allowed(&s["properties"]["identify"]),
            sorted(keys::TRAIT_KEYS)
        );
        assert_eq!(
            allowed(&s["$defs"]["property"]),
            sorted(keys::PROPERTY_KEYS)
        );
    }
}
