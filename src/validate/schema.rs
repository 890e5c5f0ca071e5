//! Plan model -> JSON Schema (draft 2020-12), the part `validate` and the
//! import round-trip tests need.
//!
//! TEMPORARY: to be replaced by build::jsonschema when merged. The build
//! target (branch `build`) owns the JSON Schema output; this minimal copy
//! exists only so validate could be written in parallel. When merging,
//! [`schemas`] should call the build target and keep this signature: one
//! schema per event, identify, group and context, each describing the
//! *payload object* (`properties` or `traits` or `context`), not the whole
//! message.

use crate::model::{Plan, Property, Type};
use serde_json::{Map, Value as Json, json};

pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";

/// Every schema validate compiles, in plan order.
#[derive(Clone, Debug, Default)]
pub struct PlanSchemas {
    pub events: Vec<(String, Json)>,
    pub identify: Option<Json>,
    pub groups: Vec<(String, Json)>,
    pub context: Option<Json>,
}

pub fn schemas(plan: &Plan) -> PlanSchemas {
    PlanSchemas {
        events: plan
            .events
            .iter()
            .map(|e| {
                let desc = e.description.as_ref().map(|d| d.value.as_str());
                (
                    e.name.value.clone(),
                    document(&e.name.value, desc, &e.properties),
                )
            })
            .collect(),
        identify: plan
            .identify
            .as_ref()
            .map(|t| document("identify", None, &t.properties)),
        groups: plan
            .groups
            .iter()
            .map(|g| {
                let desc = g.description.as_ref().map(|d| d.value.as_str());
                (
                    g.key.value.clone(),
                    document(&g.key.value, desc, &g.properties),
                )
            })
            .collect(),
        context: plan
            .context
            .as_ref()
            .map(|t| document("context", None, &t.properties)),
    }
}

/// A top-level schema for one payload object.
pub fn document(title: &str, description: Option<&str>, props: &[Property]) -> Json {
    let mut doc = Map::new();
    doc.insert("$schema".into(), json!(DRAFT));
    doc.insert("title".into(), json!(title));
    if let Some(d) = description {
        doc.insert("description".into(), json!(d));
    }
    object_body(&mut doc, props);
    doc.insert("additionalProperties".into(), json!(false));
    Json::Object(doc)
}

fn object_body(out: &mut Map<String, Json>, props: &[Property]) {
    out.insert("type".into(), json!("object"));
    let mut properties = Map::new();
    let mut required = Vec::new();
    for p in props {
        properties.insert(p.name.value.clone(), property(p));
        if p.required {
            required.push(json!(p.name.value));
        }
    }
    out.insert("properties".into(), Json::Object(properties));
    out.insert("required".into(), Json::Array(required));
}

/// The schema of one property value.
pub fn property(p: &Property) -> Json {
    let mut s = Map::new();
    let (ty, implied_format) = match p.ty.value {
        Type::String => (Some("string"), None),
        Type::Integer => (Some("integer"), None),
        Type::Number => (Some("number"), None),
        Type::Boolean => (Some("boolean"), None),
        Type::Datetime => (Some("string"), Some("date-time")),
        Type::Date => (Some("string"), Some("date")),
        Type::Array => (Some("array"), None),
        Type::Object => (Some("object"), None),
        Type::Any => (None, None),
    };
    if let Some(d) = &p.description {
        s.insert("description".into(), json!(d.value));
    }
    if p.ty.value == Type::Object && !p.properties.is_empty() {
        object_body(&mut s, &p.properties);
        s.insert("additionalProperties".into(), json!(false));
    }
    if let Some(t) = ty {
        let t = if p.nullable {
            json!([t, "null"])
        } else {
            json!(t)
        };
        s.insert("type".into(), t);
    }
    let format = p
        .format
        .as_ref()
        .map(|f| f.value.as_str())
        .or(implied_format);
    if let Some(f) = format {
        s.insert("format".into(), json!(f));
    }
    if let Some(values) = p.enum_json() {
        let mut values: Vec<Json> = values.into_iter().cloned().collect();
        if p.nullable && !values.contains(&Json::Null) {
            values.push(Json::Null);
        }
        s.insert("enum".into(), Json::Array(values));
    }
    if let Some(c) = &p.const_value {
        if p.nullable {
            s.insert("enum".into(), json!([c.value, null]));
        } else {
            s.insert("const".into(), c.value.clone());
        }
    }
    if let Some(pat) = &p.pattern {
        s.insert("pattern".into(), json!(pat.value));
    }
    let num = |f: f64| {
        if f.fract() == 0.0 && f.abs() < 9.0e15 {
            json!(f as i64)
        } else {
            json!(f)
        }
    };
    if let Some(m) = &p.minimum {
        s.insert("minimum".into(), num(m.value));
    }
    if let Some(m) = &p.maximum {
        s.insert("maximum".into(), num(m.value));
    }
    if let Some(m) = &p.min_length {
        s.insert("minLength".into(), json!(m.value));
    }
    if let Some(m) = &p.max_length {
        s.insert("maxLength".into(), json!(m.value));
    }
    if let Some(items) = &p.items {
        s.insert("items".into(), property(items));
    }
    if let Some(m) = &p.min_items {
        s.insert("minItems".into(), json!(m.value));
    }
    if let Some(m) = &p.max_items {
        s.insert("maxItems".into(), json!(m.value));
    }
    if p.unique_items {
        s.insert("uniqueItems".into(), json!(true));
    }
    if p.deprecated.is_some() {
        s.insert("deprecated".into(), json!(true));
    }
    if !p.examples.is_empty() {
        let ex: Vec<Json> = p.examples.iter().map(|e| e.value.clone()).collect();
        s.insert("examples".into(), Json::Array(ex));
    }
    Json::Object(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{name, unspanned};

    #[test]
    fn nullable_enum_admits_null_and_datetime_is_a_formatted_string() {
        let mut p = Property::new(name("tier"), unspanned(Type::String));
        p.nullable = true;
        p.enum_values = Some(unspanned(vec![unspanned(json!("free"))]));
        assert_eq!(
            property(&p),
            json!({"type": ["string", "null"], "enum": ["free", null]})
        );
        let d = Property::new(name("at"), unspanned(Type::Datetime));
        assert_eq!(
            property(&d),
            json!({"type": "string", "format": "date-time"})
        );
    }
}
