//! `trackc import segment FILE`: a Segment Protocols tracking plan export.
//!
//! Two shapes are read:
//! - Public API (`/tracking-plans/{id}/rules`): a list of rules, each
//!   `{type: TRACK|IDENTIFY|GROUP|PAGE|SCREEN|COMMON, key, version,
//!   jsonSchema}`, as the bare list, under `rules`, or under `data.rules`.
//!   The JSON Schema describes the whole message: the event's properties are
//!   at `properties.properties`, traits at `properties.traits`.
//! - Config API (the older one): `{display_name, rules: {events: [{name,
//!   description, rules, version}], identify, group, global}}`, possibly
//!   wrapped in `tracking_plan`.

use super::schema::{Converter, finish, new_event, payload_of};
use super::{Imported, Warning, new_draft};
use crate::draft::name;
use crate::model::{Group, TraitSet};
use serde_json::Value as Json;

pub fn import(text: &str, file: &str) -> Result<Imported, String> {
    import_all(&[(text, file)])
}

/// Several exports (say, a workspace's web and server plans) as one plan:
/// an event in more than one keeps its highest version, as within one
/// export, and the plan takes the first export's name.
pub fn import_all(exports: &[(&str, &str)]) -> Result<Imported, String> {
    let mut out = Collected::default();
    let mut plan_name = None;
    for (text, file) in exports {
        let name = out.export(text, file)?;
        plan_name.get_or_insert(name);
    }
    let files: Vec<&str> = exports.iter().map(|(_, f)| *f).collect();
    let mut draft = new_draft(
        plan_name.as_deref().unwrap_or("Imported Segment plan"),
        vec![
            format!(
                "Imported by `trackc import segment` from {}.",
                files.join(", ")
            ),
            "Fill in each event's TODO lines, then run `trackc check`.".into(),
        ],
    );
    draft.plan.events = out.events.into_iter().map(|(e, _)| e).collect();
    draft.plan.identify = out.identify;
    draft.plan.groups = out.group.into_iter().collect();
    draft.plan.context = out.context;
    let mut warnings = out.conv.warnings;
    warnings.extend(out.extra);
    finish(&mut draft, out.conv.notes);
    Ok(Imported { draft, warnings })
}

fn public_rules(root: &Json) -> Option<&Vec<Json>> {
    match root {
        Json::Array(a) => Some(a),
        _ => root.get("rules").and_then(Json::as_array),
    }
}

#[derive(Default)]
struct Collected {
    conv: Converter,
    extra: Vec<Warning>,
    /// With the rule's version, to keep the highest.
    events: Vec<(crate::model::Event, f64)>,
    identify: Option<TraitSet>,
    group: Option<Group>,
    context: Option<TraitSet>,
}

impl Collected {
    /// Reads one export into the plan so far; returns its plan's name.
    fn export(&mut self, text: &str, file: &str) -> Result<String, String> {
        let doc: Json = serde_json::from_str(text).map_err(|e| format!("{file}: not JSON: {e}"))?;
        let root = doc
            .get("tracking_plan")
            .or_else(|| doc.get("trackingPlan"))
            .unwrap_or(&doc);
        let plan_name = root
            .get("display_name")
            .or_else(|| root.get("displayName"))
            .or_else(|| {
                root.get("name")
                    .filter(|n| n.as_str().is_some_and(|s| !s.contains('/')))
            })
            .and_then(Json::as_str)
            .unwrap_or("Imported Segment plan")
            .to_string();
        let rules =
            public_rules(root).or_else(|| doc.pointer("/data/rules").and_then(Json::as_array));
        if let Some(rules) = rules {
            for (i, r) in rules.iter().enumerate() {
                self.public_rule(r, i, file);
            }
        } else if let Some(rules) = root.get("rules").filter(|r| r.is_object()) {
            self.config_rules(rules, file);
        } else {
            return Err(format!(
                "{file}: not a Segment tracking plan export: expected a list of rules (Public API) or `rules.events` (Config API)"
            ));
        }
        Ok(plan_name)
    }

    fn warn(&mut self, place: String, message: impl Into<String>) {
        self.extra.push(Warning {
            place,
            message: message.into(),
        });
    }

    fn public_rule(&mut self, r: &Json, i: usize, file: &str) {
        let kind = r
            .get("type")
            .and_then(Json::as_str)
            .unwrap_or("")
            .to_ascii_uppercase();
        let key = r.get("key").and_then(Json::as_str);
        let version = r.get("version").and_then(Json::as_f64).unwrap_or(0.0);
        let schema = r
            .get("jsonSchema")
            .or_else(|| r.get("json_schema"))
            .unwrap_or(&Json::Null);
        let place = format!("{file}: rule {}", i + 1);
        match (kind.as_str(), key) {
            ("TRACK", Some(k)) => self.event(k, None, schema, version, file),
            ("TRACK", None) => self.warn(place, "a TRACK rule without `key`; left out"),
            ("IDENTIFY", _) => self.traits(schema, file, "identify"),
            ("GROUP", _) => self.traits(schema, file, "group"),
            ("COMMON", _) => self.common(schema, file),
            (k @ ("PAGE" | "SCREEN"), _) => self.warn(
                place,
                format!("{} rules cannot be expressed (the plan format has no page or screen calls); left out", k.to_lowercase()),
            ),
            (k, _) => self.warn(place, format!("unknown rule type `{k}`; left out")),
        }
    }

    fn config_rules(&mut self, rules: &Json, file: &str) {
        if let Some(events) = rules.get("events").and_then(Json::as_array) {
            for (i, e) in events.iter().enumerate() {
                let Some(n) = e.get("name").and_then(Json::as_str) else {
                    self.warn(
                        format!("{file}: rules.events[{i}]"),
                        "an event without `name`; left out",
                    );
                    continue;
                };
                let version = e.get("version").and_then(Json::as_f64).unwrap_or(0.0);
                let desc = e.get("description").and_then(Json::as_str);
                self.event(
                    n,
                    desc,
                    e.get("rules").unwrap_or(&Json::Null),
                    version,
                    file,
                );
            }
        }
        if let Some(s) = rules.get("identify") {
            self.traits(s, file, "identify");
        }
        if let Some(s) = rules.get("group") {
            self.traits(s, file, "group");
        }
        if let Some(s) = rules.get("global") {
            self.common(s, file);
        }
    }

    fn event(&mut self, key: &str, desc: Option<&str>, schema: &Json, version: f64, file: &str) {
        if let Some(i) = self.events.iter().position(|(e, _)| e.name.value == key) {
            let keep_new = version > self.events[i].1;
            self.warn(
                format!("{file}: event `{key}`"),
                format!(
                    "defined in more than one rule; keeping version {}",
                    if keep_new { version } else { self.events[i].1 }
                ),
            );
            if !keep_new {
                return;
            }
            self.events.remove(i);
        }
        let place = format!("{file}: event `{key}`");
        let at = vec!["events".to_string(), key.to_string()];
        let mut ev = new_event(key);
        ev.description = desc
            .or_else(|| schema.get("description").and_then(Json::as_str))
            .filter(|d| !d.is_empty())
            .map(name);
        let payload = payload_of(schema, "properties");
        ev.properties = match payload {
            Some(p) => self.conv.object_properties(p, &place, &at),
            None => Vec::new(),
        };
        for other in ["traits", "context"] {
            if payload_of(schema, other).is_some_and(has_rules) {
                self.conv.warnings.push(Warning {
                    place: place.clone(),
                    message: format!(
                        "rules on `{other}` of a single event cannot be expressed; left out"
                    ),
                });
            }
        }
        self.events.push((ev, version));
    }

    fn traits(&mut self, schema: &Json, file: &str, which: &str) {
        let place = format!("{file}: {which}");
        let payload = payload_of(schema, "traits").unwrap_or(schema);
        let seen = match which {
            "identify" => self.identify.is_some(),
            _ => self.group.is_some(),
        };
        if seen {
            self.warn(
                place.clone(),
                format!("`{which}` rules given more than once; keeping these, the last"),
            );
        }
        if which == "identify" {
            let at = vec!["identify".to_string()];
            let properties = self.conv.object_properties(payload, &place, &at);
            self.identify = Some(TraitSet {
                properties,
                span: Default::default(),
            });
        } else {
            let at = vec!["groups".to_string(), "group".to_string()];
            let properties = self.conv.object_properties(payload, &place, &at);
            self.group = Some(Group {
                key: name("group"),
                description: None,
                properties,
                span: Default::default(),
            });
        }
    }

    /// COMMON (Public API) or `global` (Config API): rules for every call.
    /// Their `context` rules become `context:`; common event properties
    /// and traits have no place in a plan.
    fn common(&mut self, schema: &Json, file: &str) {
        let place = format!("{file}: common rules");
        if let Some(ctx) = payload_of(schema, "context") {
            let at = vec!["context".to_string()];
            let properties = self.conv.object_properties(ctx, &place, &at);
            if !properties.is_empty() {
                if self.context.is_some() {
                    self.warn(
                        place.clone(),
                        "`context` rules given more than once; keeping these, the last",
                    );
                }
                self.context = Some(TraitSet {
                    properties,
                    span: Default::default(),
                });
            }
        }
        for other in ["properties", "traits"] {
            if payload_of(schema, other).is_some_and(has_rules) {
                self.warn(
                    place.clone(),
                    format!(
                        "common `{other}` rules (for every event) cannot be expressed; left out"
                    ),
                );
            }
        }
    }
}

fn has_rules(s: &Json) -> bool {
    s.get("properties")
        .and_then(Json::as_object)
        .is_some_and(|p| !p.is_empty())
        || s.get("required")
            .and_then(Json::as_array)
            .is_some_and(|r| !r.is_empty())
}
