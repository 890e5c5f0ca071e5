//! `trackc schema`: the plan-format JSON Schema accepts the bundled plans
//! and rejects unknown keys and wrong types, as an editor would show them.

mod common;

use serde_json::Value;
use std::path::Path;
use trackc::source::SourceFile;

fn yaml_to_json(path: &Path, text: &str) -> Value {
    let file = SourceFile::new(path.to_path_buf(), text.to_string());
    let parsed = trackc::yaml::parse(Default::default(), &file);
    assert!(
        parsed.problems.is_empty(),
        "{}: {:?}",
        path.display(),
        parsed.problems
    );
    parsed.root.map_or(Value::Null, |n| n.to_json())
}

fn validator() -> jsonschema::Validator {
    let schema = trackc::plan_schema::plan_schema();
    jsonschema::meta::validate(&schema).expect("a valid 2020-12 schema");
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(v: &jsonschema::Validator, doc: &Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

#[test]
fn the_bundled_plans_are_valid() {
    let v = validator();
    let mut files = trackc::load::discover(&common::repo_root().join("plans/invoicely")).unwrap();
    files.push(common::repo_root().join("templates/init/plan.yaml"));
    files.push(common::repo_root().join("tests/fixtures/build/constraints.yaml"));
    assert!(files.len() >= 5);
    for f in files {
        let doc = yaml_to_json(&f, &std::fs::read_to_string(&f).unwrap());
        let errs = errors(&v, &doc);
        assert!(errs.is_empty(), "{}: {errs:?}", f.display());
    }
}

/// The tour plan's deliberate mistakes include some an editor can flag
/// while typing: the misspelt key and the missing description.
#[test]
fn the_tour_plans_schema_mistakes_show_in_the_editor() {
    let v = validator();
    let f = common::repo_root().join("plans/tour/checkout.yaml");
    let errs = errors(&v, &yaml_to_json(&f, &std::fs::read_to_string(&f).unwrap()));
    assert!(errs.iter().any(|e| e.contains("requierd")), "{errs:?}");
    assert!(
        errs.iter()
            .any(|e| e.contains("\"description\" is a required property")),
        "{errs:?}"
    );
}

#[test]
fn unknown_keys_and_wrong_types_are_invalid() {
    let v = validator();
    let cases = [
        ("unknown top-level key", "evnets: {}\n"),
        (
            "unknown plan key",
            "plan:\n  id: a\n  name: A\n  owner: x\n",
        ),
        ("plan without id", "plan:\n  name: A\n"),
        ("bad plan id", "plan:\n  id: Bad Id\n  name: A\n"),
        (
            "unknown event key",
            "events:\n  A:\n    description: d\n    owner: o\n    side: client\n    requierd: true\n",
        ),
        (
            "wrong side",
            "events:\n  A:\n    description: d\n    owner: o\n    side: browser\n",
        ),
        (
            "unknown property key",
            "properties:\n  x:\n    type: string\n    requierd: false\n",
        ),
        ("wrong property type", "properties:\n  x:\n    type: text\n"),
        (
            "required not a boolean",
            "properties:\n  x:\n    type: string\n    required: \"no\"\n",
        ),
        (
            "minimum not a number",
            "properties:\n  x:\n    type: integer\n    minimum: low\n",
        ),
        (
            "nested unknown key",
            "properties:\n  x:\n    type: object\n    properties:\n      y:\n        tpye: string\n",
        ),
        (
            "bad pii",
            "properties:\n  x:\n    type: string\n    pii: maybe\n",
        ),
        ("steps not a list", "funnels:\n  f:\n    steps: A\n"),
        ("metric kind", "metrics:\n  m:\n    kind: sideways\n"),
        ("owner without name", "owners:\n  g:\n    contact: x\n"),
        (
            "version not an integer",
            "plan:\n  id: a\n  name: A\n  version: one\n",
        ),
        (
            "unknown lint rule",
            "funnels:\n  f:\n    steps: [A]\n    lint_ignore: [no/such-rule]\n",
        ),
    ];
    for (what, yaml) in cases {
        let doc = yaml_to_json(Path::new("case.yaml"), yaml);
        assert!(!v.is_valid(&doc), "{what} was accepted:\n{yaml}");
    }
    // And the near-misses of those cases are fine.
    for yaml in [
        "events: {}\n",
        "properties:\n  x:\n    type: string\n    required: false\n",
        "properties:\n  plan_tier:\n",
        "properties:\n  x:\n    type: string\n    pii: email\n    deprecated: use y\n",
        "funnels:\n  f:\n    steps: [A]\n    lint_ignore: [schema/unknown-key]\n",
    ] {
        let doc = yaml_to_json(Path::new("case.yaml"), yaml);
        assert!(v.is_valid(&doc), "{yaml}: {:?}", errors(&v, &doc));
    }
}

#[test]
fn the_schema_command_prints_the_schema() {
    let o = common::trackc().arg("schema").output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(printed, trackc::plan_schema::plan_schema());
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
}
