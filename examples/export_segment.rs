//! Writes a plan as the `plan.json` Segment Typewriter keeps next to its
//! generated client, so Typewriter can build the same plan from its local
//! copy without a workspace or the network (bench/emitters.sh).
//!
//! `cargo run --release --example export_segment -- PLAN [--config-api] > plan.json`
//!
//! Default: the Public API shape Typewriter 8 and later store (`rules` is a
//! list of `{key, type, version, jsonSchema}`). `--config-api`: the older
//! Config API shape Typewriter 7 stores (`rules.events`, `identify_traits`,
//! `group_traits`), which later versions also read.
//!
//! Each rule's schema wraps a whole message, as Segment's do: the event's own
//! schema sits under `properties.properties`. That inner schema is trackc's
//! (`build::jsonschema::object_schema`), the one the `jsonschema` target and
//! `validate` use, so both tools compile the same constraints.

use serde_json::{Map, Value, json};
use trackc::build::jsonschema::object_schema;
use trackc::model::Property;

const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

fn main() {
    let mut plan_path = None;
    let mut config_api = false;
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--config-api" => config_api = true,
            _ => plan_path = Some(arg),
        }
    }
    let plan_path = plan_path.unwrap_or_else(|| "plans/invoicely".into());
    let loaded = match trackc::load::load(std::path::Path::new(&plan_path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let plan = &loaded.plan;

    let mut rules = Vec::new();
    for event in &plan.events {
        rules.push(Rule {
            kind: "TRACK",
            key: event.name.value.clone(),
            description: event.description.as_ref().map(|d| d.value.clone()),
            schema: message_schema("properties", &event.properties),
        });
    }
    if let Some(identify) = &plan.identify {
        rules.push(Rule {
            kind: "IDENTIFY",
            key: "Identify".into(),
            description: None,
            schema: message_schema("traits", &identify.properties),
        });
    }
    // Segment has a single group-traits rule; trackc's groups are merged
    // into it (the benchmark only needs track events, Typewriter's scope).
    let group_props: Vec<Property> = plan
        .groups
        .iter()
        .flat_map(|g| g.properties.iter().cloned())
        .collect();
    if !plan.groups.is_empty() {
        rules.push(Rule {
            kind: "GROUP",
            key: "Group".into(),
            description: None,
            schema: message_schema("traits", &group_props),
        });
    }

    let id = plan.meta.id.value.clone();
    let name = plan.meta.name.value.clone();
    let doc = if config_api {
        config_api_plan(&id, &name, rules)
    } else {
        public_api_plan(&id, &name, rules)
    };
    match serde_json::to_string_pretty(&doc) {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    }
}

struct Rule {
    kind: &'static str,
    key: String,
    description: Option<String>,
    schema: Value,
}

/// `{"properties": {"context": {}, "traits": {}, FIELD: <object schema>}}`
/// with FIELD required, the wrapping Segment's API returns.
fn message_schema(field: &str, props: &[Property]) -> Value {
    let mut inner = object_schema(props, None);
    // Segment writes `required: []` when nothing is required; Typewriter
    // reads either, so trackc's omission stays.
    inner.remove("additionalProperties");
    let mut properties = Map::new();
    properties.insert("context".into(), json!({}));
    properties.insert("traits".into(), json!({}));
    properties.insert("properties".into(), json!({}));
    properties.insert(field.into(), Value::Object(inner));
    json!({
        "$schema": DRAFT_07,
        "type": "object",
        "labels": {},
        "properties": properties,
        "required": [field],
    })
}

const TIMESTAMP: &str = "2026-01-01T00:00:00.000Z";

fn public_api_plan(id: &str, name: &str, rules: Vec<Rule>) -> Value {
    let rules: Vec<Value> = rules
        .into_iter()
        .map(|r| {
            json!({
                "key": r.key,
                "type": r.kind,
                "version": 1,
                "description": r.description.unwrap_or_default(),
                "jsonSchema": r.schema,
                "createdAt": TIMESTAMP,
                "updatedAt": TIMESTAMP,
            })
        })
        .collect();
    json!({
        "id": id,
        "name": name,
        "slug": id,
        "description": "",
        "type": "LIVE",
        "createdAt": TIMESTAMP,
        "updatedAt": TIMESTAMP,
        "rules": rules,
    })
}

fn config_api_plan(id: &str, name: &str, rules: Vec<Rule>) -> Value {
    let mut events = Vec::new();
    let mut identify = json!({});
    let mut group = json!({});
    for r in rules {
        let entry = json!({
            "name": r.key,
            "description": r.description.unwrap_or_default(),
            "rules": r.schema,
            "version": 1,
        });
        match r.kind {
            "IDENTIFY" => identify = entry,
            "GROUP" => group = entry,
            _ => events.push(entry),
        }
    }
    json!({
        "name": format!("workspaces/local/tracking-plans/{id}"),
        "display_name": name,
        "create_time": TIMESTAMP,
        "update_time": TIMESTAMP,
        "rules": {
            "events": events,
            "identify_traits": identify,
            "group_traits": group,
        },
    })
}
