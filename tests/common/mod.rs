//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod plan_gen;

use std::path::{Path, PathBuf};
use trackc::check::{Checked, check_loaded};
use trackc::lint::RuleSettings;

/// The plan block, owners and sources every rule example and fixture may
/// lean on, added when the example has no `plan:` block of its own.
pub const BASE_PLAN: &str = "\
plan:
  id: example
  name: Example
owners:
  growth:
    name: Growth Team
sources:
  web:
    side: client
    description: The browser app.
  api:
    side: server
    description: The backend API.
";

pub const BASE_NAME: &str = "_base.yaml";

fn has_plan_block(text: &str) -> bool {
    text.lines().any(|l| l.starts_with("plan:"))
}

/// Splits an example at `# file: NAME` lines into files.
pub fn split_files(text: &str, default_name: &str) -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    for line in text.lines() {
        if let Some(name) = line.strip_prefix("# file: ") {
            files.push((PathBuf::from(name.trim()), String::new()));
            continue;
        }
        if files.is_empty() {
            files.push((PathBuf::from(default_name), String::new()));
        }
        let last = files.last_mut().unwrap();
        last.1.push_str(line);
        last.1.push('\n');
    }
    files
}

/// Checks in-memory files, adding the base plan when none has a `plan:` block.
pub fn check_files(mut files: Vec<(PathBuf, String)>, dir: &Path) -> Checked {
    if !files.iter().any(|(_, t)| has_plan_block(t)) {
        files.insert(0, (dir.join(BASE_NAME), BASE_PLAN.to_string()));
    }
    let loaded = trackc::load::load_files(
        files
            .into_iter()
            .map(|(p, t)| (p, t.into_bytes()))
            .collect(),
    );
    check_loaded(loaded, &RuleSettings::default())
}

/// Checks a fixture: a YAML file, or a directory of them.
pub fn check_fixture(path: &Path) -> Checked {
    let files: Vec<(PathBuf, String)> = if path.is_dir() {
        trackc::load::discover(path)
            .unwrap()
            .into_iter()
            .map(|p| {
                let t = std::fs::read_to_string(&p).unwrap();
                (p, t)
            })
            .collect()
    } else {
        vec![(path.to_path_buf(), std::fs::read_to_string(path).unwrap())]
    };
    let dir = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().unwrap().to_path_buf()
    };
    check_files(files, &dir)
}

pub fn human(checked: &Checked) -> String {
    trackc::render::render(
        trackc::render::Format::Human,
        &checked.diagnostics,
        &checked.sources,
        &trackc::render::HumanOptions {
            color: false,
            width: 100,
        },
    )
}

pub fn rules_of(checked: &Checked) -> Vec<&'static str> {
    checked.diagnostics.iter().map(|d| d.rule).collect()
}

/// The trackc binary built for these tests.
pub fn trackc() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_trackc"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn norm_prop(p: &trackc::model::Property) -> serde_json::Value {
    // `type: string` with `format: date-time` is `type: datetime` in a
    // schema (and `date` likewise): one form is compared.
    let (ty, format) = match (
        p.ty.value.as_str(),
        p.format.as_ref().map(|f| f.value.as_str()),
    ) {
        ("string", Some("date-time")) => ("datetime", None),
        ("string", Some("date")) => ("date", None),
        (ty, format) => (ty, format),
    };
    serde_json::json!({
        "name": p.name.value,
        "type": ty,
        "description": p.description.as_ref().map(|d| d.value.trim_end()),
        "required": p.required,
        // `any` admits null already; a schema has no way to say it twice.
        "nullable": p.nullable && p.ty.value != trackc::model::Type::Any,
        // A nullable `const: x` is `enum: [x, null]` in a schema, as is a
        // nullable `enum: [x]`: the same values, so one form is compared.
        "enum": match (&p.const_value, p.nullable) {
            (Some(c), true) => Some(vec![&c.value]),
            _ => p.enum_json(),
        },
        "const": p.const_value.as_ref().filter(|_| !p.nullable).map(|c| &c.value),
        "pattern": p.pattern.as_ref().map(|x| &x.value),
        "format": format,
        "minimum": p.minimum.as_ref().map(|m| m.value),
        "maximum": p.maximum.as_ref().map(|m| m.value),
        "min_length": p.min_length.as_ref().map(|m| m.value),
        "max_length": p.max_length.as_ref().map(|m| m.value),
        "items": p.items.as_deref().map(norm_prop),
        "min_items": p.min_items.as_ref().map(|m| m.value),
        "max_items": p.max_items.as_ref().map(|m| m.value),
        "unique_items": p.unique_items,
        "properties": p.properties.iter().map(norm_prop).collect::<Vec<_>>(),
        "deprecated": p.deprecated.is_some(),
        "examples": p.examples.iter().map(|e| &e.value).collect::<Vec<_>>(),
    })
}

/// The fields of every event that a JSON Schema carries, in a form two
/// models compare by (import round trips). Left out: spans, `shared`, `pii`
/// and deprecation text. Forms a schema cannot tell apart are compared in
/// one form: `string` + `format: date-time` and `datetime`, a nullable
/// `const` and a nullable one-value `enum`, `nullable` on `any`; a YAML
/// block scalar's final newline is not part of a description.
pub fn schema_fields(plan: &trackc::model::Plan) -> serde_json::Value {
    serde_json::Value::Array(
        plan.events
            .iter()
            .map(|e| {
                serde_json::json!({
                    "name": e.name.value,
                    "description": e.description.as_ref().map(|d| d.value.trim_end()),
                    "properties": e.properties.iter().map(norm_prop).collect::<Vec<_>>(),
                })
            })
            .collect(),
    )
}
