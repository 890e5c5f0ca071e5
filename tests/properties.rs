//! Property tests over random valid plans: they load without `schema/*`
//! diagnostics (and with no errors at all), build byte-for-byte the same
//! twice, give JSON Schemas valid against the 2020-12 meta-schema, survive
//! plan -> JSON Schema -> import unchanged, and their example payloads pass
//! while a payload with one constraint broken fails that constraint alone.
//! The generated TypeScript, Python and Rust of a batch of random plans is
//! compiled once per language.
//!
//! Cases: 64 by default; `TRACKC_PROPTEST_CASES=2000` for a longer run
//! (docs/testing.md).

mod common;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use trackc::build::target::{Header, TargetContext};
use trackc::build::{ResolvedOutput, render_outputs};
use trackc::check::Checked;
use trackc::config::OutputConfig;
use trackc::model::{Plan, Property};

// ---------------------------------------------------------------------------
// Random plans

/// Characters names and descriptions are drawn from: ASCII, separators,
/// YAML and Markdown punctuation, quotes and backslashes, accented Latin,
/// letters whose case mapping changes length (`ß`, `İ`), Cyrillic, CJK and
/// an emoji outside the Basic Multilingual Plane.
const CHARS: &[char] = &[
    'a', 'Z', 'q', '0', '7', ' ', '_', '-', '.', '/', '~', 'é', 'ß', 'İ', 'Ж', 'ы', '日', '本',
    '🎉', '\'', '"', '\\', '#', ':', '$', '&', '<', '>', '{', '}', '%', '@', '*', '|', '`',
];

/// One per sibling: every name ends with a different word of the same
/// length, so no two siblings are equal after folding case and separators,
/// whatever noise comes before it.
const WORDS: &[&str] = &[
    "alpha", "bravo", "delta", "gecko", "hotel", "india", "kilos", "lemon",
];

const STRING_ENUM: &[&str] = &["red", "grün", "日本", "a b", "x\"y", "back\\slash", "🎉"];
const INT_ENUM: &[i64] = &[-5, 0, 1, 2, 10, 300];
const FORMATS: &[&str] = &[
    "email",
    "uri",
    "uuid",
    "date-time",
    "date",
    "ipv4",
    "ipv6",
    "hostname",
];

#[derive(Clone, Debug)]
enum Kind {
    Str {
        min_len: Option<u64>,
        max_len: Option<u64>,
    },
    StrEnum(Vec<&'static str>),
    StrConst,
    StrFormat(&'static str),
    StrPattern,
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    IntEnum(Vec<i64>),
    Num {
        min: Option<f64>,
        max: Option<f64>,
    },
    Bool,
    Datetime,
    Date,
    Any,
    Array {
        items: Box<Kind>,
        min_items: Option<u64>,
        max_items: Option<u64>,
        unique: bool,
    },
    Object(Vec<Prop>),
}

#[derive(Clone, Debug)]
struct Prop {
    name: String,
    kind: Kind,
    required: bool,
    nullable: bool,
    description: String,
}

#[derive(Clone, Debug)]
struct Ev {
    name: String,
    client: bool,
    description: String,
    props: Vec<Prop>,
}

fn noise(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARS), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

fn description() -> impl Strategy<Value = String> {
    noise(12).prop_map(|n| format!("Says why {n}"))
}

fn scalar_kind() -> BoxedStrategy<Kind> {
    prop_oneof![
        (proptest::option::of(0u64..4), proptest::option::of(0u64..6)).prop_map(|(a, b)| {
            let (min_len, max_len) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b).max(1))),
                other => other,
            };
            Kind::Str { min_len, max_len }
        }),
        proptest::sample::subsequence(STRING_ENUM, 1..4).prop_map(Kind::StrEnum),
        Just(Kind::StrConst),
        proptest::sample::select(FORMATS).prop_map(Kind::StrFormat),
        Just(Kind::StrPattern),
        (
            proptest::option::of(-20i64..20),
            proptest::option::of(-20i64..20)
        )
            .prop_map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => Kind::Int {
                    min: Some(a.min(b)),
                    max: Some(a.max(b)),
                },
                (min, max) => Kind::Int { min, max },
            }),
        proptest::sample::subsequence(INT_ENUM, 1..4).prop_map(Kind::IntEnum),
        (
            proptest::option::of(-8i32..8),
            proptest::option::of(-8i32..8)
        )
            .prop_map(|(a, b)| {
                let half = |x: i32| f64::from(x) / 2.0;
                match (a, b) {
                    (Some(a), Some(b)) => Kind::Num {
                        min: Some(half(a.min(b))),
                        max: Some(half(a.max(b))),
                    },
                    (min, max) => Kind::Num {
                        min: min.map(half),
                        max: max.map(half),
                    },
                }
            }),
        Just(Kind::Bool),
        Just(Kind::Datetime),
        Just(Kind::Date),
        Just(Kind::Any),
    ]
    .boxed()
}

fn kind(depth: u32) -> BoxedStrategy<Kind> {
    if depth == 0 {
        return scalar_kind();
    }
    let array = (
        scalar_kind(),
        proptest::option::of(0u64..3),
        proptest::option::of(1u64..4),
        any::<bool>(),
    )
        .prop_map(|(items, a, b, unique)| {
            let (min_items, max_items) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            };
            // Only items with room for distinct values can be unique.
            let unique = unique
                && matches!(
                    items,
                    Kind::Str { max_len: None, .. }
                        | Kind::Int {
                            min: None,
                            max: None
                        }
                );
            Kind::Array {
                items: Box::new(items),
                min_items,
                max_items,
                unique,
            }
        });
    prop_oneof![
        4 => scalar_kind(),
        1 => array,
        1 => props(depth - 1, 1..4).prop_map(Kind::Object),
    ]
    .boxed()
}

fn props(depth: u32, count: std::ops::Range<usize>) -> BoxedStrategy<Vec<Prop>> {
    proptest::collection::vec(
        (
            noise(5),
            kind(depth),
            any::<bool>(),
            any::<bool>(),
            description(),
        ),
        count,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (n, kind, required, nullable, description))| Prop {
                name: format!("{n}{}", WORDS[i]),
                kind,
                required,
                nullable,
                description,
            })
            .collect()
    })
    .boxed()
}

/// The sections besides events: identify traits, context, and groups
/// (each group: name and properties).
#[derive(Clone, Debug)]
struct Rest {
    identify: Option<Vec<Prop>>,
    context: Option<Vec<Prop>>,
    groups: Vec<(String, Vec<Prop>)>,
}

fn rest() -> impl Strategy<Value = Rest> {
    (
        proptest::option::of(props(1, 1..3)),
        proptest::option::of(props(1, 1..3)),
        proptest::collection::vec((noise(4), props(1, 0..3)), 0..3),
    )
        .prop_map(|(identify, context, groups)| Rest {
            identify,
            context,
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (n, p))| (format!("{n}{}", WORDS[i]), p))
                .collect(),
        })
}

fn events() -> impl Strategy<Value = Vec<Ev>> {
    proptest::collection::vec(
        (noise(6), any::<bool>(), description(), props(2, 0..5)),
        1..4,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (n, client, description, props))| Ev {
                name: format!("{n} {}", WORDS[i]),
                client,
                description,
                props,
            })
            .collect::<Vec<_>>()
    })
    .prop_map(|mut events| {
        let mut counter = 0;
        for e in &mut events {
            tag(&mut e.props, &mut counter);
        }
        events
    })
}

/// Ends every property name with a tag of two letters unique in the plan:
/// one name, one definition (`types/conflict` compares same-named
/// properties across events), and siblings still differ in their word.
fn tag(props: &mut [Prop], counter: &mut u32) {
    for p in props {
        let (hi, lo) = (*counter / 26 % 26, *counter % 26);
        *counter += 1;
        p.name.push(char::from(b'a' + hi as u8));
        p.name.push(char::from(b'a' + lo as u8));
        if let Kind::Object(inner) = &mut p.kind {
            tag(inner, counter);
        }
    }
}

// ---------------------------------------------------------------------------
// Plans as YAML text

/// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn kind_yaml(kind: &Kind, out: &mut String, pad: &str) {
    let mut line = |k: &str, v: String| out.push_str(&format!("{pad}{k}: {v}\n"));
    match kind {
        Kind::Str { min_len, max_len } => {
            line("type", "string".into());
            if let Some(n) = min_len {
                line("min_length", n.to_string());
            }
            if let Some(n) = max_len {
                line("max_length", n.to_string());
            }
        }
        Kind::StrEnum(values) => {
            line("type", "string".into());
            let vs: Vec<String> = values.iter().map(|v| q(v)).collect();
            line("enum", format!("[{}]", vs.join(", ")));
        }
        Kind::StrConst => {
            line("type", "string".into());
            line("const", q("fixed"));
        }
        Kind::StrFormat(f) => {
            line("type", "string".into());
            line("format", (*f).into());
        }
        Kind::StrPattern => {
            line("type", "string".into());
            line("pattern", q("^[a-z]{2,4}$"));
            line("examples", format!("[{}]", q("abc")));
        }
        Kind::Int { min, max } => {
            line("type", "integer".into());
            if let Some(n) = min {
                line("minimum", n.to_string());
            }
            if let Some(n) = max {
                line("maximum", n.to_string());
            }
        }
        Kind::IntEnum(values) => {
            line("type", "integer".into());
            let vs: Vec<String> = values.iter().map(i64::to_string).collect();
            line("enum", format!("[{}]", vs.join(", ")));
        }
        Kind::Num { min, max } => {
            line("type", "number".into());
            if let Some(n) = min {
                line("minimum", format!("{n:?}"));
            }
            if let Some(n) = max {
                line("maximum", format!("{n:?}"));
            }
        }
        Kind::Bool => line("type", "boolean".into()),
        Kind::Datetime => line("type", "datetime".into()),
        Kind::Date => line("type", "date".into()),
        Kind::Any => line("type", "any".into()),
        Kind::Array {
            items,
            min_items,
            max_items,
            unique,
        } => {
            line("type", "array".into());
            if let Some(n) = min_items {
                line("min_items", n.to_string());
            }
            if let Some(n) = max_items {
                line("max_items", n.to_string());
            }
            if *unique {
                line("unique_items", "true".into());
            }
            out.push_str(&format!("{pad}items:\n"));
            out.push_str(&format!("{pad}  description: {}\n", q("One item.")));
            kind_yaml(items, out, &format!("{pad}  "));
        }
        Kind::Object(props) => {
            line("type", "object".into());
            props_yaml(props, out, pad);
        }
    }
}

fn props_yaml(props: &[Prop], out: &mut String, pad: &str) {
    if props.is_empty() {
        return;
    }
    out.push_str(&format!("{pad}properties:\n"));
    for p in props {
        out.push_str(&format!("{pad}  {}:\n", q(&p.name)));
        let inner = format!("{pad}    ");
        out.push_str(&format!("{inner}description: {}\n", q(&p.description)));
        if !p.required {
            out.push_str(&format!("{inner}required: false\n"));
        }
        if p.nullable {
            out.push_str(&format!("{inner}nullable: true\n"));
        }
        kind_yaml(&p.kind, out, &inner);
    }
}

fn plan_yaml(events: &[Ev]) -> String {
    let mut out = String::from(
        "plan:\n  id: props\n  name: \"Random plan\"\n  version: 1\n  conventions:\n    event_case: any\n    property_case: any\n    event_grammar: any\n\
         owners:\n  growth:\n    name: \"Growth\"\n\
         sources:\n  web:\n    side: client\n    description: \"Browser.\"\n  api:\n    side: server\n    description: \"Backend.\"\n\
         events:\n",
    );
    for e in events {
        out.push_str(&format!("  {}:\n", q(&e.name)));
        out.push_str(&format!("    description: {}\n", q(&e.description)));
        out.push_str("    owner: growth\n");
        out.push_str(if e.client {
            "    side: client\n"
        } else {
            "    side: server\n"
        });
        props_yaml(&e.props, &mut out, "    ");
    }
    out
}

fn plan_text() -> impl Strategy<Value = String> {
    (events(), rest()).prop_map(|(events, mut rest)| {
        // Property names stay unique across every section.
        let mut counter = 1000;
        for props in rest
            .identify
            .iter_mut()
            .chain(rest.context.iter_mut())
            .chain(rest.groups.iter_mut().map(|(_, p)| p))
        {
            tag(props, &mut counter);
        }
        let mut text = plan_yaml(&events);
        for (section, props) in [("identify", &rest.identify), ("context", &rest.context)] {
            if let Some(props) = props {
                text.push_str(&format!("{section}:\n"));
                props_yaml(props, &mut text, "  ");
            }
        }
        if !rest.groups.is_empty() {
            text.push_str("groups:\n");
            for (name, props) in &rest.groups {
                text.push_str(&format!("  {}:\n", q(name)));
                text.push_str(&format!("    description: {}\n", q("A group.")));
                props_yaml(props, &mut text, "    ");
            }
        }
        text
    })
}

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
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
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
