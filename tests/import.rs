//! `trackc import`: the plan -> JSON Schema -> import round trip, the
//! Segment export shapes, Snowplow schemas, and warnings for what a plan
//! cannot express.

mod common;

use common::*;
use serde_json::json;
use std::path::PathBuf;

fn load_yaml(text: &str) -> trackc::load::Loaded {
    trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        text.as_bytes().to_vec(),
    )])
}

/// Only the placeholders' missing keys may be reported on a draft.
fn assert_loads_cleanly(loaded: &trackc::load::Loaded, text: &str) {
    let unexpected: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| !(d.rule == "schema/missing-key" && d.message.contains("has no `side`")))
        .map(|d| format!("{}: {}", d.rule, d.message))
        .collect();
    assert!(unexpected.is_empty(), "{unexpected:?}\n{text}");
}

#[test]
fn plan_to_json_schema_to_import_gives_the_same_model() {
    let original = trackc::load::load(&repo_root().join("plans/invoicely")).unwrap();
    assert!(original.diagnostics.is_empty());
    let schemas = trackc::validate::schema::schemas(&original.plan);
    let dir = tempfile::tempdir().unwrap();
    for (i, (_, schema)) in schemas.events.iter().enumerate() {
        let path = dir.path().join(format!("{i:02}.json"));
        std::fs::write(&path, serde_json::to_string_pretty(schema).unwrap()).unwrap();
    }
    let imported = trackc::import::schema::import(&[dir.path().to_path_buf()]).unwrap();
    assert_eq!(imported.warnings, vec![]);
    let text = imported.draft.to_yaml();
    let back = load_yaml(&text);
    assert_loads_cleanly(&back, &text);
    assert_eq!(
        common::schema_fields(&back.plan),
        common::schema_fields(&original.plan)
    );
}

fn import_cli(args: &[&str]) -> (i32, String, String) {
    let out = trackc()
        .current_dir(repo_root())
        .arg("import")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn segment_public_api_export_imports_with_a_warning_for_each_loss() {
    let (code, out, err) =
        import_cli(&["segment", "tests/fixtures/import/segment-public-api.json"]);
    assert_eq!(code, 0, "{err}");
    let loaded = load_yaml(&out);
    assert_loads_cleanly(&loaded, &out);
    insta::assert_snapshot!("import_segment_public_api", out);
    for place in [
        "event `Order Completed` > shipping: `anyOf`",
        "event `Order Completed` > address: `$ref`",
        "event `Order Completed` > count: keyword `multipleOf`",
        "rule 5: page rules",
    ] {
        assert!(err.contains(place), "no warning for {place} in:\n{err}");
    }
    let plan = &loaded.plan;
    let order = plan.event("Order Completed").unwrap();
    let names: Vec<&str> = order
        .properties
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    assert!(!names.contains(&"old"), "the higher rule version wins");
    let coupon = order
        .properties
        .iter()
        .find(|p| p.name.value == "coupon")
        .unwrap();
    assert!(coupon.nullable && !coupon.required);
    let age = &plan.identify.as_ref().unwrap().properties[1];
    assert!(age.nullable, "anyOf [integer, null] is a nullable integer");
    assert_eq!(
        plan.context.as_ref().unwrap().properties[0].name.value,
        "app_version"
    );
}

#[test]
fn segment_config_api_export_imports_events_identify_and_group() {
    let (code, out, err) =
        import_cli(&["segment", "tests/fixtures/import/segment-config-api.json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err, "");
    let loaded = load_yaml(&out);
    assert_loads_cleanly(&loaded, &out);
    let plan = &loaded.plan;
    assert_eq!(plan.meta.name.value, "Acme Web");
    assert_eq!(plan.meta.id.value, "acme-web");
    let e = plan.event("Signed Up").unwrap();
    assert_eq!(
        e.description.as_ref().unwrap().value,
        "A user created an account."
    );
    assert_eq!(
        e.properties[0].enum_json().unwrap(),
        vec![&json!("free"), &json!("pro")]
    );
    assert!(e.properties[0].required && !e.properties[1].required);
    assert_eq!(
        plan.identify.as_ref().unwrap().properties[0]
            .max_length
            .as_ref()
            .unwrap()
            .value,
        100
    );
    assert_eq!(plan.groups[0].properties[0].name.value, "seats");
}

/// Several exports (a web and a server plan, say) import as one plan; what
/// both define is kept once, with a warning naming the file.
#[test]
fn several_segment_exports_import_as_one_plan() {
    let public = "tests/fixtures/import/segment-public-api.json";
    let config = "tests/fixtures/import/segment-config-api.json";
    let (code, out, err) = import_cli(&["segment", public, config]);
    assert_eq!(code, 0, "{err}");
    let loaded = load_yaml(&out);
    assert_loads_cleanly(&loaded, &out);
    let plan = &loaded.plan;
    let names: Vec<&str> = plan.events.iter().map(|e| e.name.value.as_str()).collect();
    assert_eq!(names, ["Order Completed", "Signed Up"], "{out}");
    assert!(plan.identify.is_some() && plan.groups.len() == 1, "{out}");
    assert!(
        err.contains(&format!(
            "{config}: identify: `identify` rules given more than once"
        )),
        "{err}"
    );
    assert!(
        out.starts_with(&format!(
            "# Imported by `trackc import segment` from {public}, {config}.\n"
        )),
        "{out}"
    );
    // The same export twice: each event once, its definition unchanged.
    let (code, twice, _) = import_cli(&["segment", config, config]);
    assert_eq!(code, 0);
    let (_, once, _) = import_cli(&["segment", config]);
    let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&twice), body(&once));
}

#[test]
fn snowplow_schemas_keep_the_highest_version_of_each_name() {
    let (code, out, err) = import_cli(&["jsonschema", "tests/fixtures/import/snowplow"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("link_click") && err.contains("1-0-1"), "{err}");
    let loaded = load_yaml(&out);
    assert_loads_cleanly(&loaded, &out);
    let e = loaded.plan.event("link_click").unwrap();
    assert_eq!(e.description.as_ref().unwrap().value, "A link was clicked.");
    let el = &e.properties[1];
    assert_eq!(el.name.value, "element_id");
    assert!(el.nullable && !el.required);
    assert!(
        out.contains("iglu:com.acme/link_click/jsonschema/1-0-1"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_json_is_exit_2_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{nope").unwrap();
    let (code, _, err) = import_cli(&["jsonschema", bad.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("bad.json") && err.contains("not JSON"),
        "{err}"
    );
}
