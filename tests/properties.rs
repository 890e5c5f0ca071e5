//! Property tests over random valid plans: they load without `schema/*`
//! diagnostics (and with no errors at all), build byte-for-byte the same
//! twice, give JSON Schemas valid against the 2020-12 meta-schema, survive
//! plan -> JSON Schema -> import unchanged, and their example payloads pass
//! while a payload with one constraint broken fails that constraint alone,
//! and `check`'s value checker agrees with jsonschema on each such value.
//! The generated TypeScript, Python and Rust of a batch of random plans is
//! compiled once per language.
//!
//! Cases: 64 by default; `TRACKC_PROPTEST_CASES=2000` for a longer run
//! (docs/testing.md).

mod common;

use common::plan_gen::{plan_text, q};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use trackc::build::jsonschema::property_schema;
use trackc::build::target::{Header, TargetContext};
use trackc::build::{ResolvedOutput, render_outputs};
use trackc::check::Checked;
use trackc::config::OutputConfig;
use trackc::lint::value_check::ValueChecker;
use trackc::model::{Plan, Property};

// ---------------------------------------------------------------------------
// Helpers

fn cases() -> u32 {
    std::env::var("TRACKC_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

fn config() -> Config {
    Config {
        cases: cases(),
        ..Config::default()
    }
}

fn check(text: &str) -> Checked {
    let loaded =
        trackc::load::load_files(vec![(PathBuf::from("plan.yaml"), text.as_bytes().to_vec())]);
    trackc::check::check_loaded(loaded, &trackc::lint::RuleSettings::default())
}

/// A random plan that checks without errors (and without any `schema/*`
/// diagnostic, warnings included).
fn checked(text: &str) -> Checked {
    let c = check(text);
    let schema: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("schema/") || c.has_errors())
        .map(|d| format!("{} {:?}: {}", d.rule, d.severity, d.message))
        .collect();
    assert!(schema.is_empty(), "{schema:#?}\n{text}");
    c
}

fn header() -> Header {
    Header {
        plan_id: "props".into(),
        plan_version: Some(1),
        plan_hash: "0".repeat(64),
    }
}

fn output(target: &str) -> OutputConfig {
    OutputConfig {
        target: target.into(),
        out: PathBuf::from("out").join(target),
        sources: vec![],
        side: None,
        additional_properties: None,
    }
}

fn validator(schema: &Value) -> jsonschema::Validator {
    trackc::lint::value_check::compile_schema(schema)
        .unwrap_or_else(|e| panic!("schema does not compile: {e}\n{schema:#}"))
}

// ---------------------------------------------------------------------------
// Check, build, meta-schema

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_plans_check_clean_and_build_deterministically(text in plan_text()) {
        let c = checked(&text);
        let outputs: Vec<ResolvedOutput> = trackc::build::target_names()
            .into_iter()
            .map(|t| ResolvedOutput { config: output(t), out: PathBuf::from("out").join(t) })
            .collect();
        let header = header();
        let render = || {
            render_outputs(&c.plan, &header, &outputs, None)
                .unwrap_or_else(|e| panic!("{e}\n{text}"))
                .0
                .into_iter()
                .map(|f| (f.root.join(&f.rel), f.contents))
                .collect::<Vec<_>>()
        };
        let first = render();
        prop_assert!(first.len() >= 8, "every target produced files");
        // A second load of the same text, not only a second render.
        let again = checked(&text);
        let second: Vec<_> = render_outputs(&again.plan, &header, &outputs, None)
            .unwrap()
            .0
            .into_iter()
            .map(|f| (f.root.join(&f.rel), f.contents))
            .collect();
        prop_assert_eq!(&first, &second);
        prop_assert_eq!(first, render());
    }

    #[test]
    fn random_plans_give_json_schemas_valid_against_the_meta_schema(text in plan_text()) {
        let c = checked(&text);
        let header = header();
        let out = output("jsonschema");
        let cx = TargetContext {
            plan: &c.plan,
            events: c.plan.events.iter().collect(),
            header: &header,
            output: &out,
        };
        for file in trackc::build::jsonschema::generate(&cx).unwrap() {
            let doc: Value = serde_json::from_str(&file.contents).unwrap();
            if let Err(e) = jsonschema::meta::validate(&doc) {
                panic!("{}: {e}\n{doc:#}", file.path);
            }
            validator(&doc);
        }
    }

    #[test]
    fn plan_to_json_schema_to_import_gives_the_same_model(text in plan_text()) {
        let c = checked(&text);
        let dir = tempfile::tempdir().unwrap();
        for (i, (_, schema)) in trackc::validate::schema::schemas(&c.plan).events.iter().enumerate() {
            std::fs::write(
                dir.path().join(format!("{i:02}.json")),
                serde_json::to_string_pretty(schema).unwrap(),
            )
            .unwrap();
        }
        let imported = trackc::import::schema::import(&[dir.path().to_path_buf()]).unwrap();
        prop_assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
        let draft = imported.draft.to_yaml();
        let back = trackc::load::load_files(vec![(PathBuf::from("draft.yaml"), draft.clone().into_bytes())]);
        let unexpected: Vec<String> = back
            .diagnostics
            .iter()
            .filter(|d| !(d.rule == "schema/missing-key" && d.message.contains("has no `side`")))
            .map(|d| format!("{}: {}", d.rule, d.message))
            .collect();
        prop_assert!(unexpected.is_empty(), "{:?}\n{}", unexpected, draft);
        prop_assert_eq!(common::schema_fields(&back.plan), common::schema_fields(&c.plan), "{}", draft);
    }

    #[test]
    fn example_payloads_pass_and_each_broken_constraint_fails_alone(text in plan_text()) {
        let c = checked(&text);
        for (props, schema) in payload_schemas(&c.plan) {
            let v = validator(&schema);
            let (payload, problems) = trackc::build::markdown::example::object(props);
            prop_assert!(problems.is_empty(), "{:?}", problems);
            let errors: Vec<String> = v.iter_errors(&payload).map(|e| e.to_string()).collect();
            prop_assert!(errors.is_empty(), "{}: {:?}\n{}", payload, errors, text);

            // Every breakage, one at a time: exactly one error, with the
            // broken keyword at the broken place.
            for b in breakages(props, &payload, "") {
                let errors: Vec<(String, String)> = v
                    .iter_errors(&b.payload)
                    .map(|e| (e.kind().keyword().to_string(), e.instance_path().to_string()))
                    .collect();
                prop_assert_eq!(
                    errors,
                    vec![(b.keyword.to_string(), b.at.clone())],
                    "{}: {}", b.what, b.payload
                );
            }
        }
    }
}

proptest! {
    #![proptest_config(config())]

    /// `check` judges `examples` and `default` values with its own value
    /// checker; `validate` judges events with jsonschema. On every value of
    /// the payload test above (the example, then each single breakage),
    /// property by property, the two give the same verdict.
    #[test]
    fn check_judges_property_values_as_validate_does(text in plan_text()) {
        let c = checked(&text);
        let mut checker = ValueChecker::new();
        for (props, _) in payload_schemas(&c.plan) {
            let (payload, _) = trackc::build::markdown::example::object(props);
            let mut payloads = vec![payload.clone()];
            payloads.extend(breakages(props, &payload, "").into_iter().map(|b| b.payload));
            for p in props {
                let v = validator(&Value::Object(property_schema(p, false)));
                for value in payloads.iter().filter_map(|payload| payload.get(&p.name.value)) {
                    prop_assert_eq!(
                        checker.check(p, value).is_none(),
                        v.is_valid(value),
                        "`{}` = {}: {:?}\n{}", p.name.value, value, checker.check(p, value), text
                    );
                }
            }
        }
    }
}

/// Each payload object's properties with its schema: events, identify
/// traits, groups and context.
fn payload_schemas(plan: &Plan) -> Vec<(&[Property], Value)> {
    let s = trackc::validate::schema::schemas(plan);
    let mut out: Vec<(&[Property], Value)> = Vec::new();
    for (name, schema) in s.events {
        out.push((&plan.event(&name).unwrap().properties, schema));
    }
    if let (Some(t), Some(schema)) = (&plan.identify, s.identify) {
        out.push((&t.properties, schema));
    }
    if let (Some(t), Some(schema)) = (&plan.context, s.context) {
        out.push((&t.properties, schema));
    }
    for (g, (_, schema)) in plan.groups.iter().zip(s.groups) {
        out.push((&g.properties, schema));
    }
    out
}

// ---------------------------------------------------------------------------
// Breaking one constraint

struct Break {
    what: String,
    payload: Value,
    keyword: &'static str,
    /// JSON Pointer of the failing instance.
    at: String,
}

fn pointer_token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

/// `payload` with the value at `pointer` replaced (or removed with `None`).
fn with(payload: &Value, parent: &str, key: &str, value: Option<Value>) -> Value {
    let mut p = payload.clone();
    let obj = if parent.is_empty() {
        p.as_object_mut()
    } else {
        p.pointer_mut(parent).and_then(Value::as_object_mut)
    }
    .unwrap();
    match value {
        Some(v) => obj.insert(key.to_string(), v),
        None => obj.remove(key),
    };
    p
}

/// Every single-constraint breakage of the object at `parent` (a JSON
/// Pointer into `payload`) and the objects inside it.
fn breakages(props: &[Property], payload: &Value, parent: &str) -> Vec<Break> {
    use trackc::model::Type;
    let mut out = vec![Break {
        what: format!("unknown key in {parent:?}"),
        payload: with(payload, parent, "unknown key", Some(json!(1))),
        keyword: "additionalProperties",
        at: parent.to_string(),
    }];
    let current = if parent.is_empty() {
        payload.clone()
    } else {
        payload.pointer(parent).unwrap().clone()
    };
    for p in props {
        let name = &p.name.value;
        let at = format!("{parent}/{}", pointer_token(name));
        let value = current[name.as_str()].clone();
        let mut add = |what: &str, v: Option<Value>, keyword: &'static str, at: &str| {
            out.push(Break {
                what: format!("{what} at {at}"),
                payload: with(payload, parent, name, v),
                keyword,
                at: at.to_string(),
            })
        };
        if p.required {
            add("missing", None, "required", parent);
        }
        let constrained_values = p.enum_values.is_some() || p.const_value.is_some();
        if !constrained_values && p.ty.value != Type::Any {
            let wrong = if p.ty.value == Type::String
                || p.ty.value == Type::Datetime
                || p.ty.value == Type::Date
            {
                json!(12345)
            } else {
                json!("not this type")
            };
            add("wrong type", Some(wrong), "type", &at);
            if !p.nullable {
                add("null", Some(Value::Null), "type", &at);
            }
        }
        if let Some(e) = p.enum_json() {
            let outsider = if p.ty.value == Type::Integer {
                json!(987_654)
            } else {
                json!("not in the enum")
            };
            if !e.contains(&&outsider) {
                add("outside the enum", Some(outsider), "enum", &at);
            }
        }
        if p.const_value.is_some() {
            let keyword = if p.nullable { "enum" } else { "const" };
            add("not the const", Some(json!("other")), keyword, &at);
        }
        if p.format.is_some() || matches!(p.ty.value, Type::Datetime | Type::Date) {
            add(
                "bad format",
                Some(json!("not a valid value")),
                "format",
                &at,
            );
        }
        if p.pattern.is_some() {
            add("pattern mismatch", Some(json!("ABC")), "pattern", &at);
        }
        if let Some(n) = p.min_length.as_ref().map(|n| n.value).filter(|&n| n > 0) {
            let s = "m".repeat(n as usize - 1);
            add("too short", Some(json!(s)), "minLength", &at);
        }
        if let Some(n) = p.max_length.as_ref().map(|n| n.value) {
            let s = "m".repeat(n as usize + 1);
            if p.min_length.as_ref().is_none_or(|m| m.value <= n + 1) {
                add("too long", Some(json!(s)), "maxLength", &at);
            }
        }
        let below = |m: f64| {
            if p.ty.value == Type::Integer {
                json!(m as i64 - 1)
            } else {
                json!(m - 0.5)
            }
        };
        if let Some(m) = &p.minimum {
            add("below the minimum", Some(below(m.value)), "minimum", &at);
        }
        if let Some(m) = &p.maximum {
            let above = if p.ty.value == Type::Integer {
                json!(m.value as i64 + 1)
            } else {
                json!(m.value + 0.5)
            };
            add("above the maximum", Some(above), "maximum", &at);
        }
        if let Value::Array(items) = &value {
            if let Some(n) = p.min_items.as_ref().map(|n| n.value).filter(|&n| n > 0) {
                let fewer: Vec<Value> = items.iter().take(n as usize - 1).cloned().collect();
                add("too few items", Some(Value::Array(fewer)), "minItems", &at);
            }
            if let (Some(n), Some(first), false) = (
                p.max_items.as_ref().map(|n| n.value),
                items.first(),
                p.unique_items,
            ) {
                let more = vec![first.clone(); n as usize + 1];
                add("too many items", Some(Value::Array(more)), "maxItems", &at);
            }
            if let Some(first) = items.first() {
                let two = p.max_items.as_ref().is_none_or(|m| m.value >= 2)
                    && p.min_items.as_ref().is_none_or(|m| m.value <= 2);
                if p.unique_items && two {
                    let dup = vec![first.clone(), first.clone()];
                    add(
                        "duplicate items",
                        Some(Value::Array(dup)),
                        "uniqueItems",
                        &at,
                    );
                }
            }
        }
        if p.ty.value == Type::Object && !p.properties.is_empty() && value.is_object() {
            out.extend(breakages(&p.properties, payload, &at));
        }
    }
    out
}

/// Not vacuous: over a deterministic sample, the breakages reach every
/// constraint kind the generator writes, nested ones included.
#[test]
fn breakages_cover_every_constraint_kind() {
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    let mut nested = false;
    for _ in 0..64 {
        let c = checked(&plan_text().new_tree(&mut runner).unwrap().current());
        for event in &c.plan.events {
            let (payload, _) = trackc::build::markdown::example::object(&event.properties);
            for b in breakages(&event.properties, &payload, "") {
                nested |= b.at.matches('/').count() >= 2;
                seen.insert(b.keyword);
            }
        }
    }
    let all = [
        "additionalProperties",
        "required",
        "type",
        "enum",
        "const",
        "format",
        "pattern",
        "minLength",
        "maxLength",
        "minimum",
        "maximum",
        "minItems",
        "maxItems",
        "uniqueItems",
    ];
    let missing: Vec<&str> = all.into_iter().filter(|k| !seen.contains(k)).collect();
    assert!(missing.is_empty(), "never broken: {missing:?}");
    assert!(nested, "no breakage inside a nested object");
}

// ---------------------------------------------------------------------------
// Generated code compiles: one compiler run per language for a batch

const BATCH: usize = 8;

fn batch() -> Vec<Checked> {
    let mut runner = TestRunner::deterministic();
    (0..BATCH)
        .map(|_| {
            let text = plan_text().new_tree(&mut runner).unwrap().current();
            checked(&text)
        })
        .collect()
}

fn generate(target: &str, c: &Checked) -> Vec<trackc::build::target::OutputFile> {
    let header = header();
    let out = output(target);
    let cx = TargetContext {
        plan: &c.plan,
        events: c.plan.events.iter().collect(),
        header: &header,
        output: &out,
    };
    trackc::codegen::generate(target, &cx)
        .unwrap()
        .unwrap_or_else(|e| panic!("{target}: {e}"))
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn run(dir: &Path, program: &str, args: &[&str]) {
    let out = std::process::Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run `{program}` ({e}); see docs/emitters.md"));
    assert!(
        out.status.success(),
        "`{program} {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn scratch(lang: &str) -> PathBuf {
    let dir = common::repo_root().join("target/property-tests").join(lang);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn random_plans_generate_typescript_that_compiles_under_strict() {
    let dir = scratch("typescript");
    let mut files = Vec::new();
    for (i, c) in batch().iter().enumerate() {
        for f in generate("typescript", c) {
            let rel = format!("p{i}/{}", f.path);
            write(&dir.join(&rel), &f.contents);
            files.push(rel);
        }
    }
    let files: Vec<String> = files.iter().map(|f| q(f)).collect();
    write(
        &dir.join("tsconfig.json"),
        &format!(
            r#"{{ "compilerOptions": {{ "strict": true, "noUnusedLocals": true, "noUnusedParameters": true,
  "noImplicitReturns": true, "target": "es2020", "module": "commonjs", "noEmit": true }},
  "files": [{}] }}"#,
            files.join(", ")
        ),
    );
    let tsc = common::repo_root().join("tests/toolchains/node_modules/typescript/bin/tsc");
    assert!(
        tsc.exists(),
        "TypeScript is not installed: run `npm ci` in tests/toolchains"
    );
    run(
        &dir,
        "node",
        &[tsc.to_str().unwrap(), "-p", "tsconfig.json"],
    );
}

#[test]
fn random_plans_generate_python_that_passes_mypy_strict() {
    let dir = scratch("python");
    let mut packages = Vec::new();
    for (i, c) in batch().iter().enumerate() {
        let pkg = format!("p{i}");
        for f in generate("python", c) {
            write(&dir.join(&pkg).join(&f.path), &f.contents);
        }
        write(&dir.join(&pkg).join("__init__.py"), "");
        packages.push(pkg);
    }
    let mut args = vec!["-m", "mypy", "--strict", "--no-incremental"];
    args.extend(packages.iter().map(String::as_str));
    run(&dir, "python3", &args);
}

#[test]
fn random_plans_generate_rust_that_compiles() {
    let dir = scratch("rust");
    let mut lib = String::new();
    let mut by_module = BTreeMap::new();
    for (i, c) in batch().iter().enumerate() {
        let files = generate("rust", c);
        assert_eq!(files.len(), 1);
        by_module.insert(format!("p{i}"), files[0].contents.clone());
    }
    for (m, text) in &by_module {
        write(&dir.join("src").join(format!("{m}.rs")), text);
        lib.push_str(&format!("pub mod {m};\n"));
    }
    write(&dir.join("src/lib.rs"), &lib);
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"property_check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nregex = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
    );
    // trackc's lock file pins versions cargo has already downloaded.
    std::fs::copy(
        common::repo_root().join("Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    let target = common::repo_root().join("target/emitter-cargo");
    run(
        &dir,
        env!("CARGO"),
        &[
            "check",
            "--offline",
            "--quiet",
            "--target-dir",
            target.to_str().unwrap(),
        ],
    );
}
