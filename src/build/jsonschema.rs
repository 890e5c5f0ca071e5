//! The `jsonschema` target: JSON Schema (draft 2020-12) documents built
//! with serde_json from the model, one per event (its `properties` object),
//! one each for identify traits, every group's traits and the context
//! properties, and a bundle for a whole wire event that dispatches on the
//! event name.
//!
//! [`schemas`] and [`bundle`] return the same documents as values without
//! touching the disk, for `validate`.

use super::names::unique_slugs;
use super::target::{Header, OutputFile, TargetContext};
use crate::model::{Deprecation, Event, Pii, Plan, Property, Type};
use serde_json::{Map, Value, json};
use std::collections::HashMap;

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// How the documents are built.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options<'a> {
    /// `additionalProperties` on every object with declared properties.
    pub additional_properties: bool,
    /// Written as the `$comment` of every document when present.
    pub header: Option<&'a Header>,
}

/// Every document with default options, as (relative file path, schema):
/// `events/<slug>.schema.json` per event, `identify.schema.json`,
/// `groups/<slug>.schema.json`, `context.schema.json`, `bundle.schema.json`.
pub fn schemas(plan: &Plan) -> Vec<(String, Value)> {
    let events: Vec<&Event> = plan.events.iter().collect();
    let mut out = Vec::new();
    let _ = documents(plan, &events, Options::default(), &mut |path, schema| {
        out.push((path, schema));
        Ok(())
    });
    out
}

/// The wire-event bundle for every event, with default options.
pub fn bundle(plan: &Plan) -> Value {
    let events: Vec<&Event> = plan.events.iter().collect();
    bundle_schema(plan, &events, Options::default())
}

/// The schema of one event's `properties` object, with default options.
pub fn event_schema(plan: &Plan, event: &Event) -> Value {
    let slugs = slug_map(plan);
    let slug = slug_of(&slugs, event);
    event_document(plan, event, &slug, Options::default())
}

pub fn generate(cx: &TargetContext<'_>) -> Result<Vec<OutputFile>, String> {
    let options = Options {
        additional_properties: cx.output.additional_properties.unwrap_or(false),
        header: Some(cx.header),
    };
    let mut files = Vec::new();
    documents(cx.plan, &cx.events, options, &mut |path, schema| {
        let mut contents = serde_json::to_string_pretty(&schema)
            .map_err(|e| format!("cannot serialise {path}: {e}"))?;
        contents.push('\n');
        files.push(OutputFile { path, contents });
        Ok(())
    })?;
    Ok(files)
}

/// File slugs for every event of the plan (not only an output's selection),
/// so a file's name never depends on which filter produced it.
pub fn event_slugs(plan: &Plan) -> Vec<String> {
    let names: Vec<&str> = plan.events.iter().map(|e| e.name.value.as_str()).collect();
    unique_slugs(&names)
}

pub fn group_slugs(plan: &Plan) -> Vec<String> {
    let names: Vec<&str> = plan.groups.iter().map(|g| g.key.value.as_str()).collect();
    unique_slugs(&names)
}

/// Event name -> file slug (the first event of a name wins; two events of
/// one name are a lint error that stops the build anyway).
fn slug_map(plan: &Plan) -> HashMap<&str, String> {
    let mut map = HashMap::new();
    for (e, slug) in plan.events.iter().zip(event_slugs(plan)) {
        map.entry(e.name.value.as_str()).or_insert(slug);
    }
    map
}

fn slug_of(slugs: &HashMap<&str, String>, event: &Event) -> String {
    slugs
        .get(event.name.value.as_str())
        .cloned()
        .unwrap_or_else(|| super::names::slug(&event.name.value))
}

/// `urn:trackc:<plan id>[:v<version>]:<kind>[:<slug>]`: stable across
/// builds, changes with the plan version, and needs no domain name.
pub fn schema_id(plan: &Plan, kind: &str, slug: Option<&str>) -> String {
    let mut id = format!("urn:trackc:{}", plan.meta.id.value);
    if let Some(v) = &plan.meta.version {
        id.push_str(&format!(":v{}", v.value));
    }
    id.push(':');
    id.push_str(kind);
    if let Some(s) = slug {
        id.push(':');
        id.push_str(s);
    }
    id
}

/// Hands each document to `out` as soon as it is built, so a large plan's
/// schemas are never all in memory as values at once.
fn documents(
    plan: &Plan,
    events: &[&Event],
    options: Options<'_>,
    out: &mut dyn FnMut(String, Value) -> Result<(), String>,
) -> Result<(), String> {
    let slugs = slug_map(plan);
    for event in events {
        let slug = slug_of(&slugs, event);
        out(
            format!("events/{slug}.schema.json"),
            event_document(plan, event, &slug, options),
        )?;
    }
    if let Some(identify) = &plan.identify {
        let body = object_schema(&identify.properties, Some(options.additional_properties));
        out(
            "identify.schema.json".into(),
            document(
                options,
                schema_id(plan, "identify", None),
                "Identify traits",
                Some("Traits sent with identify calls."),
                body,
            ),
        )?;
    }
    for (group, slug) in plan.groups.iter().zip(group_slugs(plan)) {
        let body = object_schema(&group.properties, Some(options.additional_properties));
        out(
            format!("groups/{slug}.schema.json"),
            document(
                options,
                schema_id(plan, "groups", Some(&slug)),
                &format!("Group: {}", group.key.value),
                group.description.as_ref().map(|d| d.value.as_str()),
                body,
            ),
        )?;
    }
    if let Some(context) = &plan.context {
        let body = object_schema(&context.properties, Some(options.additional_properties));
        out(
            "context.schema.json".into(),
            document(
                options,
                schema_id(plan, "context", None),
                "Context properties",
                Some("Properties sent with every event."),
                body,
            ),
        )?;
    }
    out(
        "bundle.schema.json".into(),
        bundle_schema(plan, events, options),
    )?;
    Ok(())
}

fn event_document(plan: &Plan, event: &Event, slug: &str, options: Options<'_>) -> Value {
    let mut body = object_schema(&event.properties, Some(options.additional_properties));
    if event.is_deprecated() {
        body.insert("deprecated".into(), Value::Bool(true));
    }
    document(
        options,
        schema_id(plan, "events", Some(slug)),
        &event.name.value,
        event.description.as_ref().map(|d| d.value.as_str()),
        body,
    )
}

/// A standalone document: header comment first (the writer looks for it in
/// the first KiB), then `$schema`, `$id`, title and description, then `body`.
fn document(
    options: Options<'_>,
    id: String,
    title: &str,
    description: Option<&str>,
    body: Map<String, Value>,
) -> Value {
    let mut doc = Map::new();
    if let Some(h) = options.header {
        doc.insert("$comment".into(), Value::String(h.json_comment()));
    }
    doc.insert("$schema".into(), Value::String(DRAFT.into()));
    doc.insert("$id".into(), Value::String(id));
    doc.insert("title".into(), Value::String(title.into()));
    if let Some(d) = description {
        doc.insert("description".into(), Value::String(d.trim_end().into()));
    }
    doc.extend(body);
    Value::Object(doc)
}

/// `{"type": "object", "properties", "required", "additionalProperties"}`;
/// `additional: None` leaves `additionalProperties` out (the bundle closes
/// merged objects with `unevaluatedProperties` instead).
pub fn object_schema(props: &[Property], additional: Option<bool>) -> Map<String, Value> {
    let mut s = Map::new();
    s.insert("type".into(), json!("object"));
    let mut properties = Map::new();
    for p in props {
        properties.insert(
            p.name.value.clone(),
            Value::Object(property_schema(p, additional.unwrap_or(false))),
        );
    }
    s.insert("properties".into(), Value::Object(properties));
    let required: Vec<Value> = props
        .iter()
        .filter(|p| p.required)
        .map(|p| Value::String(p.name.value.clone()))
        .collect();
    if !required.is_empty() {
        s.insert("required".into(), Value::Array(required));
    }
    if let Some(a) = additional {
        s.insert("additionalProperties".into(), Value::Bool(a));
    }
    s
}

/// The JSON type name and the format a plan type implies.
fn json_type(ty: Type) -> (Option<&'static str>, Option<&'static str>) {
    match ty {
        Type::String => (Some("string"), None),
        Type::Datetime => (Some("string"), Some("date-time")),
        Type::Date => (Some("string"), Some("date")),
        Type::Integer => (Some("integer"), None),
        Type::Number => (Some("number"), None),
        Type::Boolean => (Some("boolean"), None),
        Type::Array => (Some("array"), None),
        Type::Object => (Some("object"), None),
        Type::Any => (None, None),
    }
}

/// One property entry as a schema. `nullable` adds `null` to the type (and
/// to `enum`/`const`); `required` is the parent's business, so the two stay
/// apart.
pub fn property_schema(p: &Property, additional: bool) -> Map<String, Value> {
    let mut s = Map::new();
    if let Some(d) = &p.description {
        s.insert(
            "description".into(),
            Value::String(d.value.trim_end().into()),
        );
    }
    let (ty, implied_format) = json_type(p.ty.value);
    if let Some(t) = ty {
        let t = if p.nullable {
            json!([t, "null"])
        } else {
            json!(t)
        };
        s.insert("type".into(), t);
    }
    if let Some(f) = p
        .format
        .as_ref()
        .map(|f| f.value.as_str())
        .or(implied_format)
    {
        s.insert("format".into(), json!(f));
    }
    if let Some(values) = p.enum_json() {
        let mut values: Vec<Value> = values.into_iter().cloned().collect();
        if p.nullable && !values.contains(&Value::Null) {
            values.push(Value::Null);
        }
        s.insert("enum".into(), Value::Array(values));
    }
    if let Some(c) = &p.const_value {
        if p.nullable && !c.value.is_null() {
            s.insert("enum".into(), json!([c.value, null]));
        } else {
            s.insert("const".into(), c.value.clone());
        }
    }
    if let Some(pattern) = &p.pattern {
        s.insert("pattern".into(), json!(pattern.value));
    }
    if let Some(n) = &p.min_length {
        s.insert("minLength".into(), json!(n.value));
    }
    if let Some(n) = &p.max_length {
        s.insert("maxLength".into(), json!(n.value));
    }
    if let Some(n) = &p.minimum {
        s.insert("minimum".into(), number(n.value));
    }
    if let Some(n) = &p.maximum {
        s.insert("maximum".into(), number(n.value));
    }
    if let Some(items) = &p.items {
        s.insert(
            "items".into(),
            Value::Object(property_schema(items, additional)),
        );
    }
    if let Some(n) = &p.min_items {
        s.insert("minItems".into(), json!(n.value));
    }
    if let Some(n) = &p.max_items {
        s.insert("maxItems".into(), json!(n.value));
    }
    if p.unique_items {
        s.insert("uniqueItems".into(), Value::Bool(true));
    }
    // An object without declared properties is any object: closing it would
    // reject every key.
    if !p.properties.is_empty() {
        let mut obj = object_schema(&p.properties, Some(additional));
        obj.shift_remove("type");
        s.extend(obj);
    }
    if let Some(d) = &p.deprecated {
        s.insert("deprecated".into(), Value::Bool(true));
        if let Deprecation::UseInstead(note) = &d.value {
            s.insert("$comment".into(), json!(format!("Deprecated: {note}")));
        }
    }
    match p.pii.as_ref().map(|p| &p.value) {
        Some(Pii::Yes) => {
            s.insert("x-pii".into(), Value::Bool(true));
        }
        Some(Pii::Category(c)) => {
            s.insert("x-pii".into(), json!(c));
        }
        Some(Pii::No) | None => {}
    }
    if !p.examples.is_empty() {
        s.insert(
            "examples".into(),
            Value::Array(p.examples.iter().map(|e| e.value.clone()).collect()),
        );
    }
    s
}

/// Whole numbers as JSON integers (`1`, not `1.0`), so schemas read as written.
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
        json!(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

/// One schema for a whole recorded event (`{"type": "track", "event": ...,
/// "properties": ...}`, `identify` with `traits`, `group` with `groupId` and
/// `traits`). A track event's `properties` are checked against the event;
/// the message's `context` against the context properties.
fn bundle_schema(plan: &Plan, events: &[&Event], options: Options<'_>) -> Value {
    let slugs = slug_map(plan);
    let mut defs = Map::new();
    let mut branches = Vec::new();
    let names: Vec<Value> = events.iter().map(|e| json!(e.name.value)).collect();
    branches.push(json!({
        "if": {"properties": {"type": {"const": "track"}}},
        "then": {"required": ["event"], "properties": {"event": {"enum": names}}}
    }));
    if let Some(identify) = &plan.identify {
        defs.insert(
            "identify".into(),
            Value::Object(object_schema(
                &identify.properties,
                Some(options.additional_properties),
            )),
        );
        let mut then = json!({"properties": {"traits": {"$ref": "#/$defs/identify"}}});
        if identify.properties.iter().any(|p| p.required) {
            then["required"] = json!(["traits"]);
        }
        branches.push(json!({
            "if": {"properties": {"type": {"const": "identify"}}},
            "then": then
        }));
    }
    let mut group_refs = Vec::new();
    for (group, slug) in plan.groups.iter().zip(group_slugs(plan)) {
        let key = format!("group.{slug}");
        let mut body = Map::new();
        body.insert("title".into(), json!(group.key.value));
        body.extend(object_schema(
            &group.properties,
            Some(options.additional_properties),
        ));
        defs.insert(key.clone(), Value::Object(body));
        group_refs.push(json!({"$ref": format!("#/$defs/{key}")}));
    }
    let mut group_then = json!({"required": ["groupId"]});
    if !group_refs.is_empty() {
        group_then["properties"] = json!({"traits": {"anyOf": group_refs}});
    }
    branches.push(json!({
        "if": {"properties": {"type": {"const": "group"}}},
        "then": group_then
    }));
    // Context properties travel in the message's `context` object, as the
    // emitters send them and as Segment and RudderStack carry them. Its top
    // level stays open: analytics libraries add their own keys there
    // (`library`, `ip`, `userAgent`).
    let context_required = plan
        .context
        .as_ref()
        .is_some_and(|c| c.properties.iter().any(|p| p.required));
    if let Some(context) = &plan.context {
        defs.insert(
            "context".into(),
            Value::Object(object_schema(&context.properties, Some(true))),
        );
        // The emitters send context with track calls only.
        let mut then = json!({"properties": {"context": {"$ref": "#/$defs/context"}}});
        if context_required {
            then["required"] = json!(["context"]);
        }
        branches.push(json!({
            "if": {"properties": {"type": {"const": "track"}}},
            "then": then
        }));
    }
    for event in events {
        let slug = slug_of(&slugs, event);
        let key = format!("event.{slug}");
        let mut body = Map::new();
        body.insert("title".into(), json!(event.name.value));
        body.extend(object_schema(
            &event.properties,
            Some(options.additional_properties),
        ));
        defs.insert(key.clone(), Value::Object(body));
        let mut then = json!({"properties": {"properties": {"$ref": format!("#/$defs/{key}")}}});
        if event.properties.iter().any(|p| p.required) {
            then["required"] = json!(["properties"]);
        }
        branches.push(json!({
            "if": {
                "required": ["type", "event"],
                "properties": {"type": {"const": "track"}, "event": {"const": event.name.value}}
            },
            "then": then
        }));
    }
    let mut body = Map::new();
    body.insert("type".into(), json!("object"));
    body.insert("required".into(), json!(["type"]));
    body.insert(
        "properties".into(),
        json!({"type": {"enum": ["track", "identify", "group"]}}),
    );
    body.insert("allOf".into(), Value::Array(branches));
    body.insert("$defs".into(), Value::Object(defs));
    let description = format!(
        "A whole recorded event of the {} plan, as sent on the wire: track (checked by event name), identify or group.",
        plan.meta.name.value
    );
    document(
        options,
        schema_id(plan, "bundle", None),
        &format!("{}: wire events", plan.meta.name.value),
        Some(&description),
        body,
    )
}
