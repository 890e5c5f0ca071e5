//! One compiled `jsonschema::Validator` per event, identify, group and
//! context, built once before any line is read.

use super::schema::{self, PlanSchemas};
use crate::lint::value_check::compile_schema;
use crate::model::Plan;
use jsonschema::Validator;
use serde_json::Value as Json;
use std::collections::HashMap;

pub struct EventValidator {
    pub name: String,
    pub deprecated: bool,
    pub validator: Validator,
}

pub struct Validators {
    /// Plan order; the index is the event's key in reports.
    pub events: Vec<EventValidator>,
    pub by_name: HashMap<String, usize>,
    /// `None` when the plan has no `identify:` section: traits are not checked.
    pub identify: Option<Validator>,
    /// Group calls carry no group type, so a group call is valid when its
    /// traits fit any planned group.
    pub groups: Vec<Validator>,
    pub group_names: Vec<String>,
    /// Lenient at the top level: analytics libraries add their own context
    /// keys (`library`, `ip`, `userAgent`), which the plan does not list.
    pub context: Option<Validator>,
}

/// Compiles every schema of the plan.
pub fn compile_validators(plan: &Plan) -> Result<Validators, String> {
    compile_schemas(schema::schemas(plan), plan)
}

pub fn compile_schemas(schemas: PlanSchemas, plan: &Plan) -> Result<Validators, String> {
    let mut events = Vec::with_capacity(schemas.events.len());
    let mut by_name = HashMap::new();
    for (name, s) in &schemas.events {
        let validator = build(s).map_err(|e| format!("event `{name}`: {e}"))?;
        let deprecated = plan.event(name).is_some_and(|e| e.is_deprecated());
        by_name.insert(name.clone(), events.len());
        events.push(EventValidator {
            name: name.clone(),
            deprecated,
            validator,
        });
    }
    let identify = match &schemas.identify {
        Some(s) => Some(build(s).map_err(|e| format!("identify traits: {e}"))?),
        None => None,
    };
    let mut groups = Vec::new();
    let mut group_names = Vec::new();
    for (name, s) in &schemas.groups {
        groups.push(build(s).map_err(|e| format!("group `{name}`: {e}"))?);
        group_names.push(name.clone());
    }
    let context = match &schemas.context {
        Some(s) => {
            let mut s = s.clone();
            if let Some(obj) = s.as_object_mut() {
                obj.remove("additionalProperties");
            }
            Some(build(&s).map_err(|e| format!("context: {e}"))?)
        }
        None => None,
    };
    Ok(Validators {
        events,
        by_name,
        identify,
        groups,
        group_names,
        context,
    })
}

fn build(schema: &Json) -> Result<Validator, String> {
    compile_schema(schema).map_err(|e| format!("the plan's JSON Schema does not compile: {e}"))
}
