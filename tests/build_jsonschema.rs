//! The jsonschema target: every document is valid 2020-12, every plan
//! example passes its schema, each constraint accepts a valid payload and
//! rejects one that breaks only it, the bundle dispatches on event names,
//! and the files for the example plan are snapshotted.

mod common;

use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use trackc::build::jsonschema::{self, bundle, event_schema, property_schema, schemas};
use trackc::build::target::{Header, TargetContext};
use trackc::check::Checked;
use trackc::config::OutputConfig;
use trackc::lint::RuleSettings;

fn example_plan() -> Checked {
    let root = common::repo_root().join("plans/invoicely");
    trackc::check::check_path(&root, &RuleSettings::default()).unwrap()
}

fn plan_from(yaml: &str) -> Checked {
    let checked = common::check_files(
        vec![(PathBuf::from("plan.yaml"), yaml.to_string())],
        Path::new("."),
    );
    assert!(!checked.has_errors(), "{}", common::human(&checked));
    checked
}

fn validator(schema: &Value) -> ::jsonschema::Validator {
    ::jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{schema:#}"))
}

fn output(additional: Option<bool>) -> OutputConfig {
    OutputConfig {
        target: "jsonschema".into(),
        out: PathBuf::from("generated/jsonschema"),
        sources: vec![],
        side: None,
        additional_properties: additional,
    }
}

fn header() -> Header {
    Header {
        plan_id: "invoicely".into(),
        plan_version: Some(1),
        plan_hash: "0".repeat(64),
    }
}

/// A plan exercising every constraint, on one event.
const CONSTRAINTS: &str = include_str!("fixtures/build/constraints.yaml");

fn valid_order() -> Value {
    json!({
        "name": "abc",
        "code": "ABC",
        "email": "a@example.com",
        "id": "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        "at": "2025-01-31T14:30:00Z",
        "day": "2025-01-31",
        "count": 3,
        "ratio": 0.5,
        "paid": true,
        "tier": "pro",
        "kind": "order",
        "note": null,
        "tags": ["a"],
        "address": {"city": "Paris"},
        "anything": [1, {"x": 2}]
    })
}

#[test]
fn every_document_is_valid_draft_2020_12_and_compiles() {
    for checked in [example_plan(), plan_from(CONSTRAINTS)] {
        let docs = schemas(&checked.plan);
        assert!(docs.len() > 3);
        for (path, schema) in &docs {
            assert_eq!(schema["$schema"], jsonschema::DRAFT, "{path}");
            if let Err(e) = ::jsonschema::meta::validate(schema) {
                panic!("{path} is not a valid 2020-12 schema: {e}\n{schema:#}");
            }
            validator(schema);
        }
    }
}

#[test]
fn every_example_in_the_plan_is_valid_against_its_schema() {
    let mut checked_examples = 0;
    for checked in [example_plan(), plan_from(CONSTRAINTS)] {
        for (owner, p) in checked.plan.all_properties() {
            let mut schema = Value::Object(property_schema(p, false));
            schema["$schema"] = json!(jsonschema::DRAFT);
            let v = validator(&schema);
            for example in &p.examples {
                assert!(
                    v.is_valid(&example.value),
                    "{}: `{}` example {} is invalid against {schema:#}",
                    owner.describe(),
                    p.name.value,
                    example.value
                );
                checked_examples += 1;
            }
        }
    }
    assert!(checked_examples >= 6, "only {checked_examples} examples");
}

#[test]
fn each_constraint_accepts_a_valid_payload_and_rejects_one_breaking_only_it() {
    let checked = plan_from(CONSTRAINTS);
    let event = checked.plan.event("Order Completed").unwrap();
    let v = validator(&event_schema(&checked.plan, event));
    let base = valid_order();
    assert!(
        v.is_valid(&base),
        "{:?}",
        v.iter_errors(&base)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );

    // Passing variations: optional absent or present, nullable null or set.
    let passing: Vec<(&str, Value)> = vec![
        ("optional property present", json!({"coupon": "SPRING"})),
        ("nullable property with a value", json!({"note": "hello"})),
        ("number at its maximum", json!({"ratio": 1.5})),
        ("integer at its minimum", json!({"count": 1})),
        ("string at max length", json!({"name": "abcde"})),
        ("array at max items", json!({"tags": ["a", "b"]})),
        (
            "nested optional present",
            json!({"address": {"city": "Paris", "zip": "75001"}}),
        ),
        ("any accepts null", json!({"anything": null})),
    ];
    for (what, patch) in passing {
        let payload = merge(&base, &patch);
        assert!(v.is_valid(&payload), "{what}: {payload}");
    }

    let failing: Vec<(&str, Value)> = vec![
        ("type: string", json!({"name": 12})),
        ("type: integer", json!({"count": 2.5})),
        ("type: number", json!({"ratio": "half"})),
        ("type: boolean", json!({"paid": "yes"})),
        ("type: datetime is a string", json!({"at": 1700000000})),
        ("format: date-time", json!({"at": "yesterday"})),
        ("format: date", json!({"day": "31/01/2025"})),
        ("format: email", json!({"email": "not an email"})),
        ("format: uuid", json!({"id": "1234"})),
        ("pattern", json!({"code": "abc"})),
        ("min_length", json!({"name": "a"})),
        ("max_length", json!({"name": "abcdef"})),
        ("minimum", json!({"count": 0})),
        ("maximum", json!({"count": 11})),
        ("number maximum", json!({"ratio": 1.6})),
        ("enum", json!({"tier": "gold"})),
        ("const", json!({"kind": "refund"})),
        ("not nullable", json!({"tier": null})),
        ("min_items", json!({"tags": []})),
        ("max_items", json!({"tags": ["a", "b", "c"]})),
        ("unique_items", json!({"tags": ["a", "a"]})),
        ("items constraint", json!({"tags": ["long"]})),
        ("nested type", json!({"address": {"city": 7}})),
        (
            "nested additionalProperties",
            json!({"address": {"city": "Paris", "planet": "Earth"}}),
        ),
        ("additionalProperties", json!({"unexpected": 1})),
    ];
    for (what, patch) in failing {
        let payload = merge(&base, &patch);
        assert!(!v.is_valid(&payload), "{what} should fail: {payload}");
    }

    for required in ["name", "note", "address"] {
        let mut payload = base.clone();
        payload.as_object_mut().unwrap().remove(required);
        assert!(
            !v.is_valid(&payload),
            "missing required `{required}` passed"
        );
    }
    let mut payload = base.clone();
    payload["address"].as_object_mut().unwrap().remove("city");
    assert!(!v.is_valid(&payload), "missing nested required passed");
    let mut payload = base.clone();
    payload.as_object_mut().unwrap().remove("coupon");
    assert!(v.is_valid(&payload), "optional property absent failed");
}

fn merge(base: &Value, patch: &Value) -> Value {
    let mut out = base.clone();
    for (k, v) in patch.as_object().unwrap() {
        out[k] = v.clone();
    }
    out
}

#[test]
fn additional_properties_is_configurable() {
    let checked = plan_from(CONSTRAINTS);
    let header = header();
    let out = output(Some(true));
    let cx = TargetContext {
        plan: &checked.plan,
        events: checked.plan.events.iter().collect(),
        header: &header,
        output: &out,
    };
    let files = jsonschema::generate(&cx).unwrap();
    let file = files
        .iter()
        .find(|f| f.path == "events/order-completed.schema.json")
        .unwrap();
    let schema: Value = serde_json::from_str(&file.contents).unwrap();
    assert_eq!(schema["additionalProperties"], json!(true));
    let payload = merge(&valid_order(), &json!({"unexpected": 1}));
    assert!(validator(&schema).is_valid(&payload));
}

#[test]
fn ids_are_stable_and_derived_from_plan_id_version_and_name() {
    let checked = plan_from(CONSTRAINTS);
    let docs = schemas(&checked.plan);
    let ids: Vec<&str> = docs
        .iter()
        .map(|(_, s)| s["$id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"urn:trackc:constraints:v2:events:order-completed"));
    assert!(ids.contains(&"urn:trackc:constraints:v2:identify"));
    assert!(ids.contains(&"urn:trackc:constraints:v2:groups:account"));
    assert!(ids.contains(&"urn:trackc:constraints:v2:context"));
    assert!(ids.contains(&"urn:trackc:constraints:v2:bundle"));
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len());
    // Same plan, same documents.
    assert_eq!(docs, schemas(&plan_from(CONSTRAINTS).plan));
}

#[test]
fn the_bundle_checks_whole_wire_events_by_event_name() {
    let checked = plan_from(CONSTRAINTS);
    let b = bundle(&checked.plan);
    ::jsonschema::meta::validate(&b).unwrap();
    let v = validator(&b);
    // Context properties travel in `context`, beside keys libraries add.
    let track = json!({
        "type": "track", "event": "Order Completed", "properties": valid_order(),
        "context": {"app_version": "1.2.3", "library": {"name": "analytics.js"}},
        "userId": "u1", "timestamp": "2025-01-31T14:30:00Z"
    });
    assert!(
        v.is_valid(&track),
        "{:?}",
        v.iter_errors(&track)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    let bad = |patch: Value| merge(&track, &patch);
    let mut wrong_type = track.clone();
    wrong_type["properties"]["count"] = json!("three");
    assert!(!v.is_valid(&wrong_type), "wrong property type passed");
    let mut extra = track.clone();
    extra["properties"]["surprise"] = json!(true);
    assert!(!v.is_valid(&extra), "undeclared property passed");
    let mut no_context = track.clone();
    no_context["context"]
        .as_object_mut()
        .unwrap()
        .remove("app_version");
    assert!(!v.is_valid(&no_context), "missing context property passed");
    let mut bad_context = track.clone();
    bad_context["context"]["app_version"] = json!(4);
    assert!(
        !v.is_valid(&bad_context),
        "mistyped context property passed"
    );
    let mut context_in_properties = track.clone();
    context_in_properties["properties"]["app_version"] = json!("1.2.3");
    assert!(
        !v.is_valid(&context_in_properties),
        "context property accepted in properties"
    );
    assert!(!v.is_valid(&bad(json!({"event": "Order Refunded"}))));
    assert!(!v.is_valid(&bad(json!({"type": "teleport"}))));
    assert!(!v.is_valid(&json!({"event": "Order Completed"})), "no type");
    assert!(!v.is_valid(&json!({"type": "track", "event": "Order Completed"})));

    let identify = json!({"type": "identify", "userId": "u1", "traits": {"email": "a@b.example"}});
    assert!(v.is_valid(&identify));
    assert!(!v.is_valid(&json!({"type": "identify", "traits": {"email": "nope"}})));
    assert!(!v.is_valid(&json!({"type": "identify", "traits": {"email": "a@b.example", "x": 1}})));
    let group = json!({"type": "group", "groupId": "g1", "traits": {"seats": 3}});
    assert!(v.is_valid(&group));
    assert!(!v.is_valid(&json!({"type": "group", "groupId": "g1", "traits": {"seats": 0}})));
    assert!(!v.is_valid(&json!({"type": "group", "traits": {"seats": 3}})));
}

#[test]
fn output_filters_select_the_events() {
    let checked = example_plan();
    let header = header();
    let mut out = output(None);
    out.side = Some(trackc::model::Side::Client);
    let events = trackc::build::select_events(&checked.plan, &out);
    assert!(!events.is_empty());
    let cx = TargetContext {
        plan: &checked.plan,
        events,
        header: &header,
        output: &out,
    };
    let files = jsonschema::generate(&cx).unwrap();
    let event_files: Vec<&str> = files
        .iter()
        .filter(|f| f.path.starts_with("events/"))
        .map(|f| f.path.as_str())
        .collect();
    assert!(event_files.contains(&"events/invoice-viewed.schema.json"));
    assert!(!event_files.contains(&"events/invoice-sent.schema.json"));
    let mut sources = output(None);
    sources.sources = vec!["billing_worker".into()];
    let selected = trackc::build::select_events(&checked.plan, &sources);
    let names: Vec<&str> = selected.iter().map(|e| e.name.value.as_str()).collect();
    assert_eq!(names, ["Payment Received"]);
}

#[test]
fn generated_files_for_the_example_plan() {
    let checked = example_plan();
    let root = common::repo_root().join("plans/invoicely");
    let header = trackc::build::header(
        &checked.plan,
        trackc::build::plan_hash(&checked.sources, &root),
    );
    let out = output(None);
    let cx = TargetContext {
        plan: &checked.plan,
        events: checked.plan.events.iter().collect(),
        header: &header,
        output: &out,
    };
    let files = jsonschema::generate(&cx).unwrap();
    for f in &files {
        assert!(
            trackc::build::target::is_generated(f.contents.as_bytes()),
            "{}",
            f.path
        );
        let name = f.path.replace('/', "__");
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("jsonschema", f.contents);
        });
    }
}
