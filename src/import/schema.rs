//! One JSON Schema -> plan properties, and `trackc import jsonschema`
//! (plain schemas and Snowplow self-describing schemas).

use super::{Imported, Warning, new_draft};
use crate::draft::{Draft, name, unspanned};
use crate::model::*;
use serde_json::{Map, Value as Json};
use std::path::{Path, PathBuf};

/// Nesting beyond this becomes `type: any` (a hostile schema must not recurse forever).
const MAX_DEPTH: usize = 32;

/// Keywords that carry nothing a plan keeps, read without a warning.
const IGNORED: &[&str] = &[
    "$schema", "$id", "id", "title", "$comment", "self", "labels",
];

#[derive(Default)]
pub struct Converter {
    pub warnings: Vec<Warning>,
    /// Notes for the draft, keyed by the property's path in the plan.
    pub notes: Vec<(Vec<String>, String)>,
}

impl Converter {
    fn warn(&mut self, place: &str, at: &[String], message: String) {
        self.warnings.push(Warning {
            place: place.to_string(),
            message: message.clone(),
        });
        self.notes
            .push((at.to_vec(), format!("trackc import: {message}")));
    }

    /// The properties of an object schema (`properties` and `required`).
    /// `at` is the plan path of the `properties:` key's parent.
    pub fn object_properties(&mut self, s: &Json, place: &str, at: &[String]) -> Vec<Property> {
        self.props_of(s, place, at, 0)
    }

    fn props_of(&mut self, s: &Json, place: &str, at: &[String], depth: usize) -> Vec<Property> {
        let Some(obj) = s.as_object() else {
            return Vec::new();
        };
        let required: Vec<&str> = obj
            .get("required")
            .and_then(Json::as_array)
            .map(|r| r.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        let Some(props) = obj.get("properties").and_then(Json::as_object) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, sub) in props {
            let mut path = at.to_vec();
            path.push("properties".into());
            path.push(key.clone());
            let place = format!("{place} > {key}");
            let mut p = self.property(key, sub, &place, &path, depth + 1);
            p.required = required.contains(&key.as_str());
            out.push(p);
        }
        for r in required {
            if !props.contains_key(r) {
                let mut p = Property::new(name(r), unspanned(Type::Any));
                let mut path = at.to_vec();
                path.push("properties".into());
                path.push(r.to_string());
                self.warn(
                    &format!("{place} > {r}"),
                    &path,
                    "required but not described; imported as type any".into(),
                );
                p.required = true;
                out.push(p);
            }
        }
        out
    }

    fn property(
        &mut self,
        key: &str,
        s: &Json,
        place: &str,
        at: &[String],
        depth: usize,
    ) -> Property {
        let mut p = Property::new(name(key), unspanned(Type::Any));
        let obj = match s {
            Json::Object(o) => o,
            Json::Bool(true) => return p,
            _ => {
                self.warn(
                    place,
                    at,
                    "schema is not an object; imported as type any".into(),
                );
                return p;
            }
        };
        if let Some(d) = obj.get("description").and_then(Json::as_str) {
            p.description = Some(name(d));
        }
        if depth > MAX_DEPTH {
            self.warn(
                place,
                at,
                format!("nested deeper than {MAX_DEPTH} levels; imported as type any"),
            );
            return p;
        }
        for kw in ["$ref", "allOf", "not", "if", "$dynamicRef"] {
            if obj.contains_key(kw) {
                self.warn(
                    place,
                    at,
                    format!("`{kw}` cannot be expressed in a plan; imported as type any"),
                );
                return p;
            }
        }
        for kw in ["anyOf", "oneOf"] {
            if let Some(branches) = obj.get(kw) {
                return match null_union(branches) {
                    Some(inner) => {
                        let mut merged = inner.clone();
                        if let (Some(m), Some(d)) = (merged.as_object_mut(), &p.description) {
                            m.entry("description")
                                .or_insert(Json::String(d.value.clone()));
                        }
                        let mut q = self.property(key, &merged, place, at, depth + 1);
                        q.nullable = true;
                        q
                    }
                    None => {
                        self.warn(
                            place,
                            at,
                            format!("`{kw}` with other than one type and null cannot be expressed; imported as type any"),
                        );
                        p
                    }
                };
            }
        }
        let (types, nullable) = match obj.get("type") {
            None => (Vec::new(), false),
            Some(Json::String(t)) => (vec![t.as_str()], false),
            Some(Json::Array(ts)) => {
                let ts: Vec<&str> = ts.iter().filter_map(Json::as_str).collect();
                let nullable = ts.contains(&"null");
                (ts.into_iter().filter(|t| *t != "null").collect(), nullable)
            }
            Some(_) => {
                self.warn(
                    place,
                    at,
                    "`type` is neither a name nor a list; imported as type any".into(),
                );
                return p;
            }
        };
        p.nullable = nullable;
        let ty = match types.as_slice() {
            [] => implied_type(obj),
            [t] => match *t {
                "string" => Some(Type::String),
                "integer" => Some(Type::Integer),
                "number" => Some(Type::Number),
                "boolean" => Some(Type::Boolean),
                "array" => Some(Type::Array),
                "object" => Some(Type::Object),
                other => {
                    self.warn(
                        place,
                        at,
                        format!("type `{other}` cannot be expressed; imported as type any"),
                    );
                    return p;
                }
            },
            ts if ts.len() == 2 && ts.contains(&"integer") && ts.contains(&"number") => {
                Some(Type::Number)
            }
            ts => {
                self.warn(
                    place,
                    at,
                    format!(
                        "a union of types ({}) cannot be expressed; imported as type any",
                        ts.join(", ")
                    ),
                );
                return p;
            }
        };
        let mut ty = ty.unwrap_or(Type::Any);
        let format = obj.get("format").and_then(Json::as_str);
        if ty == Type::String {
            match format {
                Some("date-time") => ty = Type::Datetime,
                Some("date") => ty = Type::Date,
                _ => {}
            }
        }
        p.ty = unspanned(ty);
        for (k, v) in obj {
            let k = k.as_str();
            match k {
                "type" | "description" => {}
                "format" => match v.as_str() {
                    Some("date-time") if ty == Type::Datetime => {}
                    Some("date") if ty == Type::Date => {}
                    Some(f) => match Format::ALL.iter().find(|(n, _)| *n == f) {
                        Some((_, fmt)) => p.format = Some(unspanned(*fmt)),
                        None => self.warn(
                            place,
                            at,
                            format!("format `{f}` is not one trackc knows; left out"),
                        ),
                    },
                    None => self.warn(place, at, "`format` is not a string; left out".into()),
                },
                "enum" => match v.as_array() {
                    Some(values) => {
                        if values.contains(&Json::Null) {
                            p.nullable = true;
                        }
                        let kept: Vec<_> = values
                            .iter()
                            .filter(|v| !v.is_null())
                            .map(|v| unspanned(v.clone()))
                            .collect();
                        p.enum_values = Some(unspanned(kept));
                    }
                    None => self.warn(place, at, "`enum` is not a list; left out".into()),
                },
                "const" => {
                    if v.is_null() {
                        p.nullable = true;
                        self.warn(
                            place,
                            at,
                            "`const: null` cannot be expressed; imported as nullable".into(),
                        );
                    } else {
                        p.const_value = Some(unspanned(v.clone()));
                    }
                }
                "pattern" => match v.as_str() {
                    Some(s) => p.pattern = Some(name(s)),
                    None => self.warn(place, at, "`pattern` is not a string; left out".into()),
                },
                "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                    let Some(f) = v.as_f64() else {
                        self.warn(place, at, format!("`{k}` is not a number; left out"));
                        continue;
                    };
                    let exclusive = k.starts_with("exclusive");
                    let lower = k.ends_with("inimum");
                    let f = if exclusive && ty == Type::Integer && f.fract() == 0.0 {
                        if lower { f + 1.0 } else { f - 1.0 }
                    } else {
                        if exclusive {
                            self.warn(place, at, format!("`{k}` is kept as an inclusive bound (plans have no exclusive bounds)"));
                        }
                        f
                    };
                    if lower {
                        p.minimum = Some(unspanned(f));
                    } else {
                        p.maximum = Some(unspanned(f));
                    }
                }
                "minLength" | "maxLength" | "minItems" | "maxItems" => {
                    let Some(n) = v.as_u64() else {
                        self.warn(place, at, format!("`{k}` is not a whole number; left out"));
                        continue;
                    };
                    let slot = match k {
                        "minLength" => &mut p.min_length,
                        "maxLength" => &mut p.max_length,
                        "minItems" => &mut p.min_items,
                        _ => &mut p.max_items,
                    };
                    *slot = Some(unspanned(n));
                }
                "uniqueItems" => p.unique_items = v.as_bool().unwrap_or(false),
                "items" => {
                    if v.is_object() || v.is_boolean() {
                        let mut path = at.to_vec();
                        path.push("items".into());
                        let item = self.property(
                            &format!("{key}[]"),
                            v,
                            &format!("{place} > items"),
                            &path,
                            depth + 1,
                        );
                        p.items = Some(Box::new(item));
                    } else {
                        self.warn(place, at, "tuple `items` (a list of schemas) cannot be expressed; items left untyped".into());
                    }
                }
                "properties" => p.properties = self.props_of(s, place, at, depth),
                "required" => {}
                "additionalProperties" => {
                    let closed = v == &Json::Bool(false);
                    let open_without_properties =
                        v == &Json::Bool(true) && !obj.contains_key("properties");
                    let empty_schema = v.as_object().is_some_and(Map::is_empty);
                    if !(closed || open_without_properties || empty_schema) {
                        self.warn(place, at, "`additionalProperties` other than false cannot be expressed; unlisted properties will be rejected".into());
                    }
                }
                "examples" => match v.as_array() {
                    Some(ex) => p.examples = ex.iter().map(|e| unspanned(e.clone())).collect(),
                    None => self.warn(place, at, "`examples` is not a list; left out".into()),
                },
                "deprecated" => {
                    if v == &Json::Bool(true) {
                        p.deprecated = Some(unspanned(Deprecation::Yes));
                    }
                }
                // trackc's own JSON Schema target writes `pii` as `x-pii`.
                "x-pii" => match v {
                    Json::Bool(b) => p.pii = Some(unspanned(if *b { Pii::Yes } else { Pii::No })),
                    Json::String(c) if PII_CATEGORIES.contains(&c.as_str()) => {
                        p.pii = Some(unspanned(Pii::Category(c.clone())))
                    }
                    _ => self.warn(
                        place,
                        at,
                        "`x-pii` is not true, false or a pii category; left out".into(),
                    ),
                },
                k if IGNORED.contains(&k) => {}
                k => self.warn(
                    place,
                    at,
                    format!("keyword `{k}` cannot be expressed in a plan; left out"),
                ),
            }
        }
        p
    }
}

/// `anyOf: [X, {type: null}]` (either order) -> X.
fn null_union(branches: &Json) -> Option<&Json> {
    let b = branches.as_array()?;
    if b.len() != 2 {
        return None;
    }
    let is_null = |s: &Json| {
        s.get("type") == Some(&Json::String("null".into()))
            && s.as_object().is_some_and(|o| o.len() == 1)
    };
    match (is_null(&b[0]), is_null(&b[1])) {
        (true, false) => Some(&b[1]),
        (false, true) => Some(&b[0]),
        _ => None,
    }
}

/// The type of a schema without `type`, from what it holds.
fn implied_type(obj: &Map<String, Json>) -> Option<Type> {
    if obj.contains_key("properties") {
        return Some(Type::Object);
    }
    if obj.contains_key("items") {
        return Some(Type::Array);
    }
    let values: Vec<&Json> = match (obj.get("enum"), obj.get("const")) {
        (Some(Json::Array(v)), _) => v.iter().filter(|v| !v.is_null()).collect(),
        (_, Some(c)) => vec![c],
        _ => return None,
    };
    let all = |f: fn(&Json) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
    if all(Json::is_string) {
        Some(Type::String)
    } else if all(|v| v.is_i64() || v.is_u64()) {
        Some(Type::Integer)
    } else if all(Json::is_number) {
        Some(Type::Number)
    } else if all(Json::is_boolean) {
        Some(Type::Boolean)
    } else {
        None
    }
}

/// A whole-message schema (Segment rules, or an envelope with `event`,
/// `properties`, `context`) -> the schema of its `properties` payload.
pub fn payload_of<'a>(s: &'a Json, field: &str) -> Option<&'a Json> {
    const ENVELOPE: &[&str] = &[
        "context",
        "traits",
        "properties",
        "event",
        "type",
        "userId",
        "anonymousId",
        "timestamp",
        "messageId",
        "integrations",
        "groupId",
        "name",
    ];
    let props = s.get("properties")?.as_object()?;
    let is_envelope =
        props.contains_key(field) && props.keys().all(|k| ENVELOPE.contains(&k.as_str()));
    if is_envelope { props.get(field) } else { None }
}

/// `trackc import jsonschema PATH...`
pub fn import(paths: &[PathBuf]) -> Result<Imported, String> {
    let mut files = Vec::new();
    for p in paths {
        files.extend(schema_files(p)?);
    }
    let mut conv = Converter::default();
    let mut draft = new_draft(
        "Imported plan",
        vec![
            format!(
                "Imported by `trackc import jsonschema` from {} schema file(s).",
                files.len()
            ),
            "Fill in each event's TODO lines, then run `trackc check`.".into(),
        ],
    );
    // Snowplow schemas: keep the highest version of each name.
    let mut seen: Vec<(String, Option<Version>, PathBuf)> = Vec::new();
    let mut events: Vec<Event> = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file)
            .map_err(|e| format!("{}: {}", file.display(), crate::load::io_reason(&e)))?;
        let doc: Json = serde_json::from_str(&text)
            .map_err(|e| format!("{}: not JSON: {e}", file.display()))?;
        let shown = file.display().to_string();
        let (event_name, version) = event_name(&doc, &file);
        if let Some(i) = seen.iter().position(|(n, _, _)| *n == event_name) {
            let (_, old_version, old_file) = &seen[i];
            let newer = version > *old_version;
            let (kept, dropped) = if newer {
                (&file, old_file.clone())
            } else {
                (old_file, file.clone())
            };
            conv.warnings.push(Warning {
                place: shown.clone(),
                message: format!(
                    "event `{event_name}` is defined again; keeping {} and leaving out {}",
                    kept.display(),
                    dropped.display()
                ),
            });
            if !newer {
                continue;
            }
            events.remove(i);
            seen.remove(i);
        }
        let place = format!("{shown}: event `{event_name}`");
        let at = vec!["events".to_string(), event_name.clone()];
        let payload = payload_of(&doc, "properties").unwrap_or(&doc);
        let mut ev = new_event(&event_name);
        ev.description = doc
            .get("description")
            .or_else(|| payload.get("description"))
            .and_then(Json::as_str)
            .map(name);
        ev.properties = conv.object_properties(payload, &place, &at);
        if let Some(s) = doc.get("self") {
            let v = s.get("version").and_then(Json::as_str).unwrap_or("?");
            let vendor = s.get("vendor").and_then(Json::as_str).unwrap_or("?");
            draft.note(
                &["events", &event_name],
                format!("Snowplow iglu:{vendor}/{event_name}/jsonschema/{v}"),
            );
        }
        seen.push((event_name, version, file));
        events.push(ev);
    }
    draft.plan.events = events;
    finish(&mut draft, conv.notes);
    Ok(Imported {
        draft,
        warnings: conv.warnings,
    })
}

pub(super) fn finish(draft: &mut Draft, notes: Vec<(Vec<String>, String)>) {
    for (path, line) in notes {
        draft.notes.entry(path).or_default().push(line);
    }
}

pub fn new_event(event_name: &str) -> Event {
    Event {
        name: name(event_name),
        description: None,
        owner: None,
        side: None,
        sources: Vec::new(),
        category: None,
        tags: Vec::new(),
        status: unspanned(Status::Active),
        replaced_by: None,
        properties: Vec::new(),
        span: Default::default(),
    }
}

/// A Snowplow SchemaVer `MODEL-REVISION-ADDITION`.
type Version = (u64, u64, u64);

/// The event's name: Snowplow `self.name`, then `title`, then an envelope's
/// `event.const`, then the file name; with the Snowplow version if any.
fn event_name(doc: &Json, file: &Path) -> (String, Option<Version>) {
    if let Some(s) = doc.get("self")
        && let Some(n) = s.get("name").and_then(Json::as_str)
    {
        let version = s.get("version").and_then(Json::as_str).and_then(|v| {
            let parts: Vec<u64> = v.split('-').filter_map(|p| p.parse().ok()).collect();
            match parts.as_slice() {
                [a, b, c] => Some((*a, *b, *c)),
                _ => None,
            }
        });
        return (n.to_string(), version);
    }
    if let Some(t) = doc.get("title").and_then(Json::as_str) {
        return (t.to_string(), None);
    }
    if let Some(c) = doc
        .pointer("/properties/event/const")
        .and_then(Json::as_str)
    {
        return (c.to_string(), None);
    }
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    (stem, None)
}

/// The schema files under a path: `*.json`, and extensionless files as in
/// Snowplow's Iglu layout (`vendor/name/jsonschema/1-0-0`), sorted.
fn schema_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("{}: {}", path.display(), crate::load::io_reason(&e)))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| format!("{}: {e}", path.display()))?;
        let p = entry.path();
        let ext = p.extension().map(|e| e.to_string_lossy().into_owned());
        if entry.file_type().is_file() && matches!(ext.as_deref(), Some("json") | None) {
            out.push(p.to_path_buf());
        }
    }
    if out.is_empty() {
        return Err(format!(
            "{}: no JSON Schema files (*.json) here",
            path.display()
        ));
    }
    Ok(out)
}
