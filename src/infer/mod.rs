//! `trackc infer`: a draft plan from recorded events.
//!
//! Every message updates running statistics ([`Shape`]) per event and
//! property; nothing per line is kept, so memory grows with the number of
//! distinct events and properties (each capped), never with the input.

mod shape;

use crate::draft::{Draft, name, unspanned};
use crate::import::{new_draft, schema::new_event};
use crate::jsonl::Lines;
use crate::model::{Group, Property, TraitSet};
use crate::validate::report::{count, thousands};
use crate::wire::{self, Kind, LineProblem};
use indexmap::IndexMap;
use serde_json::Value as Json;
pub use shape::{Fields, Options, Shape};

/// Distinct event names kept; further names are counted and reported.
pub const MAX_EVENTS: usize = 10_000;

#[derive(Default)]
struct EventStats {
    count: u64,
    first: (usize, u64),
    payload: Fields,
}

pub struct Inferrer {
    opts: Options,
    inputs: Vec<String>,
    events: IndexMap<String, EventStats>,
    events_overflow: u64,
    identify: Option<Fields>,
    group: Option<Fields>,
    context: Option<Fields>,
    pub lines: u64,
    pub skipped: u64,
    pub bad_lines: u64,
    /// The first few lines that are not events, for the warning.
    pub bad_examples: Vec<String>,
    /// Messages carrying what no plan can describe: a payload or context
    /// that is neither an object nor null, a property named "".
    pub undescribable: u64,
    /// The first few of them, for the warning.
    pub undescribable_examples: Vec<String>,
}

impl Inferrer {
    pub fn new(opts: Options) -> Inferrer {
        Inferrer {
            opts,
            inputs: Vec::new(),
            events: IndexMap::new(),
            events_overflow: 0,
            identify: None,
            group: None,
            context: None,
            lines: 0,
            skipped: 0,
            bad_lines: 0,
            bad_examples: Vec::new(),
            undescribable: 0,
            undescribable_examples: Vec::new(),
        }
    }

    /// Reads one input to its end.
    pub fn read(&mut self, spec: &str) -> Result<(), String> {
        let input = crate::jsonl::open(spec, None)?;
        let file = self.inputs.len();
        self.inputs.push(input.name.clone());
        let mut lines = Lines::new(input.reader);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            let Some(meta) = lines
                .next_into(&mut buf)
                .map_err(|e| format!("{}: {e}", input.name))?
            else {
                return Ok(());
            };
            self.lines += 1;
            let result = if meta.too_long {
                Err(LineProblem::TooLong(meta.len))
            } else {
                wire::parse(&buf)
            };
            match result {
                Ok(m) => self.message(m, (file, meta.number)),
                Err(LineProblem::Blank) => {}
                Err(p) => {
                    self.bad_lines += 1;
                    if self.bad_examples.len() < 5 {
                        self.bad_examples.push(format!(
                            "{}:{}: {}",
                            input.name,
                            meta.number,
                            p.describe()
                        ));
                    }
                }
            }
        }
    }

    fn message(&mut self, m: wire::Message<'_>, at: (usize, u64)) {
        let opts = self.opts;
        let fields = match m.kind {
            Kind::Page | Kind::Screen | Kind::Alias => {
                self.skipped += 1;
                return;
            }
            Kind::Track => {
                let n = m.event.as_deref().unwrap_or_default();
                if !self.events.contains_key(n) && self.events.len() >= MAX_EVENTS {
                    self.events_overflow += 1;
                    return;
                }
                let e = self
                    .events
                    .entry(n.to_string())
                    .or_insert_with(|| EventStats {
                        first: at,
                        ..Default::default()
                    });
                e.count += 1;
                &mut e.payload
            }
            Kind::Identify => self.identify.get_or_insert_with(Fields::default),
            Kind::Group => self.group.get_or_insert_with(Fields::default),
        };
        // validate checks a missing or null payload or context as `{}`, so
        // such a message counts as an empty object: keys it lacks are not
        // required. What no plan can describe (a payload that is not an
        // object, a property named "") is left out and named in a warning.
        let key = m.kind.payload_key();
        let mut undescribable = match &m.payload {
            Some(Json::Object(map)) => {
                (!fields.add(map, &opts, 0)).then(|| format!("`{key}` holds a property named \"\""))
            }
            None | Some(Json::Null) => {
                fields.add(&Default::default(), &opts, 0);
                None
            }
            Some(other) => Some(format!("`{key}` is {}", wire::json_kind(other))),
        };
        // validate holds only track calls to the context properties (the
        // emitters send context with track calls only), so only they shape it.
        let context = match &m.context {
            _ if m.kind != Kind::Track => None,
            Some(Json::Object(ctx)) => {
                // validate leaves the context open at its top level (SDKs add
                // their own keys there), so a "" there is no problem; the
                // objects inside it are closed.
                let open_top;
                let ctx = if ctx.contains_key("") {
                    open_top = ctx
                        .iter()
                        .filter(|(k, _)| !k.is_empty())
                        .map(|(k, v)| (k.clone(), v.clone()))
                        .collect();
                    &open_top
                } else {
                    ctx
                };
                (!self.context_fields().add(ctx, &opts, 0))
                    .then(|| "`context` holds a property named \"\"".to_string())
            }
            None | Some(Json::Null) => {
                self.context_fields().add(&Default::default(), &opts, 0);
                None
            }
            Some(other) => Some(format!("`context` is {}", wire::json_kind(other))),
        };
        undescribable = undescribable.or(context);
        if let Some(what) = undescribable {
            self.undescribable += 1;
            if self.undescribable_examples.len() < 5 {
                self.undescribable_examples
                    .push(format!("{}:{}: {what}", self.inputs[at.0], at.1));
            }
        }
    }

    fn context_fields(&mut self) -> &mut Fields {
        self.context.get_or_insert_with(Fields::default)
    }

    /// Warnings for stderr: lines skipped, caps reached.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if self.bad_lines > 0 {
            let lines = match self.bad_lines {
                1 => "1 line is not an event and was".to_string(),
                n => format!("{} lines are not events and were", thousands(n)),
            };
            w.push(format!(
                "{lines} skipped, e.g.\n  {}",
                self.bad_examples.join("\n  ")
            ));
        }
        if self.undescribable > 0 {
            let events = match self.undescribable {
                1 => "1 event carries".to_string(),
                n => format!("{} events carry", thousands(n)),
            };
            w.push(format!(
                "{events} what no plan can describe (left out of the draft; \
                 `trackc validate` reports such events), e.g.\n  {}",
                self.undescribable_examples.join("\n  ")
            ));
        }
        if self.events_overflow > 0 {
            w.push(format!(
                "more than {MAX_EVENTS} distinct event names; {} events with further names were left out",
                thousands(self.events_overflow)
            ));
        }
        w
    }

    pub fn into_draft(self) -> Draft {
        let total: u64 = self.events.values().map(|e| e.count).sum();
        let mut draft = new_draft(
            "Inferred plan",
            vec![
                format!(
                    "Drafted by `trackc infer` from {} of {}.",
                    count(self.lines, "line", "lines"),
                    self.inputs.join(", ")
                ),
                format!(
                    "{} of {}{}.",
                    count(total, "track call", "track calls"),
                    count(self.events.len() as u64, "event", "events"),
                    if self.skipped > 0 {
                        format!(
                            "; {} skipped",
                            count(
                                self.skipped,
                                "page/screen/alias call",
                                "page/screen/alias calls"
                            )
                        )
                    } else {
                        String::new()
                    }
                ),
                "Types, required, nullable and enums are guesses from the data: review them,"
                    .into(),
                "fill in each TODO, then run `trackc check`.".into(),
            ],
        );
        let mut events: Vec<(String, EventStats)> = self.events.into_iter().collect();
        events.sort_by(|a, b| a.0.cmp(&b.0));
        for (n, stats) in events {
            let at = ["events".to_string(), n.clone()];
            let (file, line) = stats.first;
            let file_name = self.inputs.get(file).cloned().unwrap_or_default();
            draft.note(
                &["events", &n],
                format!(
                    "seen {} times; first at {file_name}:{line}",
                    thousands(stats.count)
                ),
            );
            let mut ev = new_event(&n);
            ev.properties = properties(&stats.payload, &self.opts, &at, &mut draft);
            draft.plan.events.push(ev);
        }
        if let Some(f) = &self.identify {
            let props = properties(f, &self.opts, &["identify".to_string()], &mut draft);
            draft.plan.identify = Some(TraitSet {
                properties: props,
                span: Default::default(),
            });
        }
        if let Some(f) = &self.group {
            let at = ["groups".to_string(), "group".to_string()];
            draft.note(
                &["groups", "group"],
                "TODO: name this group type (account, workspace, ...)",
            );
            let props = properties(f, &self.opts, &at, &mut draft);
            draft.plan.groups.push(Group {
                key: name("group"),
                description: None,
                properties: props,
                span: Default::default(),
            });
        }
        if let Some(f) = self.context.as_ref().filter(|f| !f.map.is_empty()) {
            let props = properties(f, &self.opts, &["context".to_string()], &mut draft);
            draft.plan.context = Some(TraitSet {
                properties: props,
                span: Default::default(),
            });
        }
        draft
    }
}

/// Plan properties for an object's fields, with notes at `at`.
fn properties(f: &Fields, opts: &Options, at: &[String], draft: &mut Draft) -> Vec<Property> {
    let mut out = Vec::new();
    for (key, field) in &f.map {
        let mut path = at.to_vec();
        path.push("properties".into());
        path.push(key.clone());
        let mut p = property(key, &field.shape, opts, &path, draft);
        p.required = field.present == f.objects;
        if !p.required {
            let refs: Vec<&str> = path.iter().map(String::as_str).collect();
            draft.note(
                &refs,
                format!(
                    "present in {} of {}",
                    thousands(field.present),
                    thousands(f.objects)
                ),
            );
        }
        out.push(p);
    }
    if f.overflow > 0 {
        let refs: Vec<&str> = at.iter().map(String::as_str).collect();
        draft.note(
            &refs,
            format!(
                "more than {} distinct properties; the rest were left out",
                shape::MAX_FIELDS
            ),
        );
    }
    out
}

fn property(key: &str, s: &Shape, opts: &Options, at: &[String], draft: &mut Draft) -> Property {
    let (ty, mixed) = s.resolved_type();
    let mut p = Property::new(name(key), unspanned(ty));
    p.nullable = s.nulls > 0;
    if let Some(seen) = mixed {
        let refs: Vec<&str> = at.iter().map(String::as_str).collect();
        draft.note(&refs, format!("mixed types seen: {seen}"));
    }
    if let Some(values) = s.enum_values(opts) {
        p.enum_values = Some(unspanned(
            values
                .into_iter()
                .map(|v| unspanned(Json::String(v)))
                .collect(),
        ));
    } else if ty != crate::model::Type::Array && ty != crate::model::Type::Object {
        p.examples = s.examples.iter().map(|e| unspanned(e.clone())).collect();
    }
    if let Some(items) = &s.items {
        let mut path = at.to_vec();
        path.push("items".into());
        p.items = Some(Box::new(property(
            &format!("{key}[]"),
            items,
            opts,
            &path,
            draft,
        )));
    }
    if let Some(fields) = &s.fields {
        p.properties = properties(fields, opts, at, draft);
    }
    p
}
