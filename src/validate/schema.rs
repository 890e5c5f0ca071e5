//! The schemas `validate` compiles, one per payload object, taken from the
//! JSON Schema build target so that `validate` and the generated schemas
//! can never disagree.

use crate::build::jsonschema::{DRAFT, event_schema, object_schema};
use crate::model::{Plan, Property};
use serde_json::{Value as Json, json};

/// Every schema validate compiles, in plan order. Each describes a payload
/// object (`properties`, `traits` or `context`), not the whole message.
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
            .map(|e| (e.name.value.clone(), event_schema(plan, e)))
            .collect(),
        identify: plan.identify.as_ref().map(|t| document(&t.properties)),
        groups: plan
            .groups
            .iter()
            .map(|g| (g.key.value.clone(), document(&g.properties)))
            .collect(),
        context: plan.context.as_ref().map(|t| document(&t.properties)),
    }
}

/// A closed top-level schema for one payload object.
fn document(props: &[Property]) -> Json {
    let mut doc = object_schema(props, Some(false));
    doc.insert("$schema".into(), json!(DRAFT));
    Json::Object(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::{name, unspanned};
    use crate::model::Type;

    #[test]
    fn nullable_enum_admits_null_and_datetime_is_a_formatted_string() {
        let mut p = Property::new(name("tier"), unspanned(Type::String));
        p.nullable = true;
        p.enum_values = Some(unspanned(vec![unspanned(json!("free"))]));
        assert_eq!(
            serde_json::Value::Object(crate::build::jsonschema::property_schema(&p, false)),
            json!({"type": ["string", "null"], "enum": ["free", null]})
        );
        let d = Property::new(name("at"), unspanned(Type::Datetime));
        assert_eq!(
            serde_json::Value::Object(crate::build::jsonschema::property_schema(&d, false)),
            json!({"type": "string", "format": "date-time"})
        );
    }
}
