//! The `markdown` target: docs a growth team reads on GitHub.
//!
//! `README.md` (the index: events by category, owners, funnels, metrics),
//! `events/<slug>.md` per event, `identify.md`, `groups.md`, `context.md`
//! and `glossary.md` (shared properties and where they are used).
//!
//! Rust builds plain view data (this file) and escapes plan text
//! ([`escape`]); the layout lives in `templates/markdown/*.j2`, rendered
//! with minijinja and embedded in the binary at compile time. Anchors are
//! computed here, in page order, with GitHub's rules, so every link and
//! anchor the pages use exists.

pub mod escape;
pub mod example;

use super::jsonschema::{event_slugs, group_slugs};
use super::target::{CommentStyle, OutputFile, TargetContext};
use crate::model::{Deprecation, Event, MetricKind, Pii, Plan, Property, Type};
use escape::Slugger;
use minijinja::syntax::SyntaxConfig;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::HashMap;

pub fn generate(cx: &TargetContext<'_>) -> Result<Vec<OutputFile>, String> {
    let env = environment();
    let docs = Docs::new(cx);
    let mut files = Vec::new();
    let mut render = |template: &str, path: String, data: Value| -> Result<(), String> {
        let body = env
            .get_template(template)
            .and_then(|t| t.render(minijinja::value::Serde(&data)))
            .map_err(|e| format!("template {template}: {e:#}"))?;
        let mut contents = cx.header.comment(CommentStyle::Html);
        contents.push('\n');
        contents.push_str(body.trim());
        contents.push('\n');
        files.push(OutputFile { path, contents });
        Ok(())
    };
    render("index.md.j2", "README.md".into(), docs.index())?;
    for event in &cx.events {
        let slug = docs.slug(event);
        render(
            "event.md.j2",
            format!("events/{slug}.md"),
            docs.event(event),
        )?;
    }
    if let Some(identify) = &cx.plan.identify {
        let data = docs.traits(
            "Identify traits",
            "Traits sent with `identify` calls, describing the user.",
            &identify.properties,
            json!({"type": "identify", "userId": "user_123"}),
            "traits",
        );
        render("traits.md.j2", "identify.md".into(), data)?;
    }
    if !cx.plan.groups.is_empty() {
        render("groups.md.j2", "groups.md".into(), docs.groups())?;
    }
    if let Some(context) = &cx.plan.context {
        let data = docs.traits(
            "Context properties",
            "Properties sent with every event, next to the event's own properties.",
            &context.properties,
            Value::Null,
            "properties",
        );
        render("traits.md.j2", "context.md".into(), data)?;
    }
    if !cx.plan.properties.is_empty() {
        render("glossary.md.j2", "glossary.md".into(), docs.glossary())?;
    }
    Ok(files)
}

fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    if let Ok(syntax) = SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env.add_filter("text", |s: String| escape::text(&s));
    env.add_filter("cell", |s: String| escape::cell(&s));
    env.add_filter("code", |s: String| escape::code(&s));
    env.add_filter("code_cell", |s: String| escape::code_cell(&s));
    env.add_filter("block", |s: String| escape::block(&s));
    env.add_filter("mermaid", |s: String| escape::mermaid_label(&s));
    with_embedded_templates(env)
}

// The templates are compiled into the binary and each is rendered by the
// build tests, so a failure here is a trackc bug, never user input; the
// macro's generated code uses `expect`.
#[allow(clippy::expect_used)]
fn with_embedded_templates(mut env: Environment<'static>) -> Environment<'static> {
    minijinja_embed::load_templates!(&mut env, "markdown");
    env
}

/// Everything pages share: slugs, which pages exist, and the index's anchors.
struct Docs<'a> {
    cx: &'a TargetContext<'a>,
    /// Event name -> file slug, for events that have a page in this output.
    pages: HashMap<&'a str, String>,
    category_anchor: HashMap<String, String>,
    funnel_anchor: HashMap<&'a str, String>,
    metric_anchor: HashMap<&'a str, String>,
    group_anchor: HashMap<&'a str, String>,
    glossary_anchor: HashMap<&'a str, String>,
    /// Event name -> the events it replaces (their `replaced_by`), plan order.
    replaced: HashMap<&'a str, Vec<&'a str>>,
}

const UNCATEGORISED: &str = "Other events";

impl<'a> Docs<'a> {
    fn new(cx: &'a TargetContext<'a>) -> Docs<'a> {
        let plan = cx.plan;
        let slugs = event_slugs(plan);
        let selected: std::collections::HashSet<*const Event> =
            cx.events.iter().map(|e| *e as *const Event).collect();
        let mut pages = HashMap::new();
        for (e, slug) in plan.events.iter().zip(slugs) {
            if selected.contains(&(e as *const Event)) {
                pages.entry(e.name.value.as_str()).or_insert(slug);
            }
        }
        // The index's headings, in page order (see index.md.j2).
        let mut s = Slugger::default();
        s.anchor(&format!("{} tracking plan", plan.meta.name.value));
        s.anchor("Events");
        let mut category_anchor = HashMap::new();
        let categories = categories(&cx.events);
        if categories.len() > 1 || categories.first().is_some_and(|(c, _)| c.is_some()) {
            for (c, _) in &categories {
                let name = c.unwrap_or(UNCATEGORISED).to_string();
                let a = s.anchor(&name);
                category_anchor.insert(name, a);
            }
        }
        s.anchor("Owners");
        let mut funnel_anchor = HashMap::new();
        if !plan.funnels.is_empty() {
            s.anchor("Funnels");
            for f in &plan.funnels {
                funnel_anchor.insert(
                    f.key.value.as_str(),
                    s.anchor(&format!("Funnel: {}", f.key.value)),
                );
            }
        }
        let mut metric_anchor = HashMap::new();
        if !plan.metrics.is_empty() {
            s.anchor("Metrics");
            for m in &plan.metrics {
                metric_anchor.insert(
                    m.key.value.as_str(),
                    s.anchor(&format!("Metric: {}", m.key.value)),
                );
            }
        }
        let mut gs = Slugger::default();
        gs.anchor("Groups");
        let group_anchor = plan
            .groups
            .iter()
            .map(|g| (g.key.value.as_str(), gs.anchor(&g.key.value)))
            .collect();
        let mut ps = Slugger::default();
        ps.anchor("Shared properties");
        let glossary_anchor = plan
            .properties
            .iter()
            .map(|p| (p.name.value.as_str(), ps.anchor(&p.name.value)))
            .collect();
        let mut replaced: HashMap<&str, Vec<&str>> = HashMap::new();
        for e in &plan.events {
            if let Some(r) = &e.replaced_by {
                replaced
                    .entry(r.value.as_str())
                    .or_default()
                    .push(e.name.value.as_str());
            }
        }
        Docs {
            replaced,
            cx,
            pages,
            category_anchor,
            funnel_anchor,
            metric_anchor,
            group_anchor,
            glossary_anchor,
        }
    }

    fn plan(&self) -> &'a Plan {
        self.cx.plan
    }

    fn slug(&self, e: &Event) -> String {
        self.pages
            .get(e.name.value.as_str())
            .cloned()
            .unwrap_or_else(|| super::names::slug(&e.name.value))
    }

    /// A link to an event's page from a page in `from_dir` ("" or "events/"),
    /// or the escaped name when the event has no page in this output.
    fn event_link(&self, name: &str, from_events_dir: bool) -> String {
        match self.pages.get(name) {
            Some(slug) if from_events_dir => format!("[{}]({slug}.md)", escape::text(name)),
            Some(slug) => format!("[{}](events/{slug}.md)", escape::text(name)),
            None => escape::text(name),
        }
    }

    fn owner_text(&self, key: Option<&str>) -> Option<String> {
        let key = key?;
        Some(match self.plan().owner(key) {
            Some(o) => o.name.value.clone(),
            None => key.to_string(),
        })
    }

    fn meta(&self) -> Value {
        let p = &self.plan().meta;
        json!({
            "name": p.name.value,
            "id": p.id.value,
            "version": p.version.as_ref().map(|v| v.value),
            "description": p.description.as_ref().map(|d| d.value.clone()),
            "has_identify": self.plan().identify.is_some(),
            "has_groups": !self.plan().groups.is_empty(),
            "has_context": self.plan().context.is_some(),
            "has_glossary": !self.plan().properties.is_empty(),
        })
    }

    fn index(&self) -> Value {
        let plan = self.plan();
        let grouped = categories(&self.cx.events);
        let show_categories =
            grouped.len() > 1 || grouped.first().is_some_and(|(c, _)| c.is_some());
        let categories: Vec<Value> = grouped
            .iter()
            .map(|(c, events)| {
                let name = c.unwrap_or(UNCATEGORISED);
                json!({
                    "name": name,
                    "events": events.iter().map(|e| self.event_row(e)).collect::<Vec<_>>(),
                })
            })
            .collect();
        let owners: Vec<Value> = plan
            .owners
            .iter()
            .map(|o| {
                let events: Vec<String> = self
                    .cx
                    .events
                    .iter()
                    .filter(|e| e.owner.as_ref().is_some_and(|k| k.value == o.key.value))
                    .map(|e| self.event_link(&e.name.value, false))
                    .collect();
                json!({
                    "name": o.name.value,
                    "key": o.key.value,
                    "contact": o.contact.as_ref().map(|c| c.value.clone()),
                    "events": events.join(", "),
                })
            })
            .collect();
        let funnels: Vec<Value> = plan
            .funnels
            .iter()
            .map(|f| {
                let steps: Vec<Value> = f
                    .steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        json!({
                            "id": format!("s{}", i + 1),
                            "name": s.value,
                            "link": self.event_link(&s.value, false),
                            "href": self.pages.get(s.value.as_str()).map(|slug| format!("events/{slug}.md")),
                        })
                    })
                    .collect();
                json!({
                    "key": f.key.value,
                    "description": f.description.as_ref().map(|d| d.value.clone()),
                    "owner": self.owner_text(f.owner.as_ref().map(|o| o.value.as_str())),
                    "steps": steps,
                })
            })
            .collect();
        let metrics: Vec<Value> = plan
            .metrics
            .iter()
            .map(|m| {
                json!({
                    "key": m.key.value,
                    "description": m.description.as_ref().map(|d| d.value.clone()),
                    "kind": m.kind.as_ref().map(|k| kind_text(k.value)),
                    "owner": self.owner_text(m.owner.as_ref().map(|o| o.value.as_str())),
                    "built_from": self.built_from(m, false),
                })
            })
            .collect();
        json!({
            "plan": self.meta(),
            "event_count": self.cx.events.len(),
            "show_categories": show_categories,
            "categories": categories,
            "owners": owners,
            "funnels": funnels,
            "metrics": metrics,
        })
    }

    fn event_row(&self, e: &Event) -> Value {
        json!({
            "link": self.event_link(&e.name.value, false),
            "side": e.side.as_ref().map_or("", |s| s.value.as_str()),
            "owner": self.owner_text(e.owner.as_ref().map(|o| o.value.as_str())).unwrap_or_default(),
            "status": if e.is_deprecated() { "**deprecated**" } else { "active" },
            "summary": escape::cell(&escape::summary(e.description.as_ref().map_or("", |d| d.value.as_str()))),
        })
    }

    /// "the [activation](#funnel-activation) funnel" or a list of event links.
    fn built_from(&self, m: &crate::model::Metric, from_event_page: bool) -> String {
        let index = if from_event_page { "../README.md" } else { "" };
        if let Some(f) = &m.funnel {
            return match self.funnel_anchor.get(f.value.as_str()) {
                Some(a) => format!("the [{}]({index}#{a}) funnel", escape::text(&f.value)),
                None => format!("the {} funnel", escape::text(&f.value)),
            };
        }
        let links: Vec<String> = m
            .events
            .iter()
            .map(|e| self.event_link(&e.value, from_event_page))
            .collect();
        if links.is_empty() {
            String::new()
        } else {
            format!("events {}", links.join(", "))
        }
    }

    fn event(&self, e: &Event) -> Value {
        let plan = self.plan();
        let owner = e.owner.as_ref().map(|k| {
            let o = plan.owner(&k.value);
            json!({
                "name": o.map_or(k.value.clone(), |o| o.name.value.clone()),
                "contact": o.and_then(|o| o.contact.as_ref().map(|c| c.value.clone())),
            })
        });
        let sources: Vec<Value> = e
            .sources
            .iter()
            .map(|s| {
                json!({
                    "key": s.value,
                    "description": plan.source(&s.value).and_then(|x| x.description.as_ref().map(|d| d.value.clone())),
                })
            })
            .collect();
        let replacement = e
            .replaced_by
            .as_ref()
            .map(|r| self.event_link(&r.value, true));
        let replaces: Vec<String> = self
            .replaced
            .get(e.name.value.as_str())
            .map(|olds| olds.iter().map(|o| self.event_link(o, true)).collect())
            .unwrap_or_default();
        let mut usage = Vec::new();
        for f in &plan.funnels {
            let total = f.steps.len();
            for (i, s) in f.steps.iter().enumerate() {
                if s.value == e.name.value {
                    let name = escape::text(&f.key.value);
                    let link = match self.funnel_anchor.get(f.key.value.as_str()) {
                        Some(a) => format!("[{name}](../README.md#{a})"),
                        None => name,
                    };
                    usage.push(format!("Step {} of {total} in the {link} funnel", i + 1));
                }
            }
        }
        for m in &plan.metrics {
            let via_funnel = m.funnel.as_ref().and_then(|f| {
                plan.funnels
                    .iter()
                    .find(|x| x.key.value == f.value)
                    .filter(|x| x.steps.iter().any(|s| s.value == e.name.value))
            });
            let direct = m.events.iter().any(|x| x.value == e.name.value);
            if via_funnel.is_some() || direct {
                let name = escape::text(&m.key.value);
                let link = match self.metric_anchor.get(m.key.value.as_str()) {
                    Some(a) => format!("[{name}](../README.md#{a})"),
                    None => name,
                };
                let kind = m
                    .kind
                    .as_ref()
                    .map(|k| format!(" ({})", kind_text(k.value)))
                    .unwrap_or_default();
                usage.push(format!(
                    "Metric {link}{kind}, built from {}",
                    self.built_from(m, true)
                ));
            }
        }
        let (payload, mut problems) = example::object(&e.properties);
        let mut example = json!({"type": "track", "event": e.name.value, "properties": payload});
        // The whole message, as sent: context properties travel in `context`.
        if let Some(context) = &self.plan().context {
            let (ctx, ctx_problems) = example::object(&context.properties);
            example["context"] = ctx;
            problems.extend(ctx_problems);
        }
        json!({
            "plan": self.meta(),
            "name": e.name.value,
            "description": e.description.as_ref().map(|d| d.value.clone()),
            "deprecated": e.is_deprecated(),
            "replacement": replacement,
            "replaces": replaces,
            "side": e.side.as_ref().map(|s| s.value.as_str()),
            "sources": sources,
            "owner": owner,
            "category": e.category.as_ref().map(|c| {
                let anchor = self.category_anchor.get(&c.value).cloned();
                json!({"name": c.value, "anchor": anchor})
            }),
            "tags": e.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
            "rows": self.rows(&e.properties, "../"),
            "example": example_view(&example, problems),
            "usage": usage,
        })
    }

    fn traits(
        &self,
        title: &str,
        intro: &str,
        props: &[Property],
        wrapper: Value,
        key: &str,
    ) -> Value {
        let (payload, problems) = example::object(props);
        let example = match wrapper {
            Value::Object(mut m) => {
                m.insert(key.into(), payload);
                Value::Object(m)
            }
            _ => payload,
        };
        json!({
            "plan": self.meta(),
            "title": title,
            "intro": intro,
            "rows": self.rows(props, ""),
            "example": example_view(&example, problems),
        })
    }

    fn groups(&self) -> Value {
        let groups: Vec<Value> = self
            .plan()
            .groups
            .iter()
            .zip(group_slugs(self.plan()))
            .map(|(g, _)| {
                let (payload, problems) = example::object(&g.properties);
                let example = json!({"type": "group", "groupId": "group_123", "traits": payload});
                json!({
                    "key": g.key.value,
                    "description": g.description.as_ref().map(|d| d.value.clone()),
                    "rows": self.rows(&g.properties, ""),
                    "example": example_view(&example, problems),
                })
            })
            .collect();
        json!({"plan": self.meta(), "groups": groups})
    }

    fn glossary(&self) -> Value {
        let plan = self.plan();
        let props: Vec<Value> = plan
            .properties
            .iter()
            .map(|p| {
                let name = p.name.value.as_str();
                let mut used = Vec::new();
                for e in &self.cx.events {
                    if e.properties
                        .iter()
                        .any(|x| x.shared && x.name.value == name)
                    {
                        used.push(self.event_link(&e.name.value, false));
                    }
                }
                if plan
                    .identify
                    .as_ref()
                    .is_some_and(|t| uses(&t.properties, name))
                {
                    used.push("[Identify traits](identify.md)".to_string());
                }
                for g in &plan.groups {
                    if uses(&g.properties, name) {
                        let a = self
                            .group_anchor
                            .get(g.key.value.as_str())
                            .cloned()
                            .unwrap_or_default();
                        used.push(format!(
                            "[{} group](groups.md#{a})",
                            escape::text(&g.key.value)
                        ));
                    }
                }
                if plan
                    .context
                    .as_ref()
                    .is_some_and(|t| uses(&t.properties, name))
                {
                    used.push("[Context properties](context.md)".to_string());
                }
                json!({
                    "name": name,
                    "anchor": self.glossary_anchor.get(name).cloned().unwrap_or_default(),
                    "description": p.description.as_ref().map(|d| d.value.clone()),
                    "type": type_text(p),
                    "allowed": allowed_text(p, false),
                    "allowed_cell": allowed_text(p, true),
                    "pii": pii_text(p),
                    "used": used,
                })
            })
            .collect();
        json!({"plan": self.meta(), "properties": props})
    }

    /// Property table rows, nested properties flattened (`viewer.device`,
    /// `tags[]`), every cell escaped.
    fn rows(&self, props: &[Property], up: &str) -> Vec<Row> {
        let mut rows = Vec::new();
        for p in props {
            self.push_rows(p, &p.name.value, up, true, &mut rows);
        }
        rows
    }

    fn push_rows(&self, p: &Property, path: &str, up: &str, top: bool, rows: &mut Vec<Row>) {
        let is_item = path.ends_with("[]");
        let mut description = String::new();
        if let Some(d) = &p.deprecated {
            description.push_str("**Deprecated**");
            if let Deprecation::UseInstead(note) = &d.value {
                description.push_str(": ");
                description.push_str(&escape::cell(note));
            }
            description.push_str(". ");
        }
        if let Some(d) = &p.description {
            description.push_str(&escape::cell(&d.value));
        }
        if let Some(a) = self
            .glossary_anchor
            .get(p.name.value.as_str())
            .filter(|_| top && p.shared)
        {
            if !description.is_empty() {
                description.push(' ');
            }
            description.push_str(&format!("([shared]({up}glossary.md#{a}))"));
        }
        rows.push(Row {
            name: escape::code_cell(path),
            ty: escape::text_cell(&type_text(p)),
            required: if is_item {
                "—"
            } else if p.required {
                "yes"
            } else {
                "no"
            }
            .into(),
            nullable: if p.nullable { "yes" } else { "no" }.into(),
            allowed: allowed_text(p, true),
            pii: escape::text_cell(&pii_text(p)),
            description,
        });
        for child in &p.properties {
            self.push_rows(
                child,
                &format!("{path}.{}", child.name.value),
                up,
                false,
                rows,
            );
        }
        if let Some(items) = &p.items
            && (!items.properties.is_empty()
                || items.description.is_some()
                || has_constraints(items))
        {
            self.push_rows(items, &format!("{path}[]"), up, false, rows);
        }
    }
}

#[derive(Serialize)]
struct Row {
    name: String,
    ty: String,
    required: String,
    nullable: String,
    allowed: String,
    pii: String,
    description: String,
}

fn uses(props: &[Property], name: &str) -> bool {
    props.iter().any(|p| p.shared && p.name.value == name)
}

/// Events by category, categories sorted by name (uncategorised last),
/// events sorted by name within each.
fn categories<'e>(events: &[&'e Event]) -> Vec<(Option<&'e str>, Vec<&'e Event>)> {
    let mut map: Vec<(Option<&'e str>, Vec<&'e Event>)> = Vec::new();
    for e in events {
        let c = e.category.as_ref().map(|c| c.value.as_str());
        match map.iter_mut().find(|(k, _)| *k == c) {
            Some((_, list)) => list.push(e),
            None => map.push((c, vec![e])),
        }
    }
    let key = |c: &Option<&str>| (c.is_none(), c.map(str::to_lowercase), c.map(str::to_string));
    map.sort_by_key(|a| key(&a.0));
    for (_, list) in &mut map {
        list.sort_by(|a, b| {
            (a.name.value.to_lowercase(), &a.name.value)
                .cmp(&(b.name.value.to_lowercase(), &b.name.value))
        });
    }
    map
}

fn kind_text(k: MetricKind) -> &'static str {
    match k {
        MetricKind::Leading => "leading",
        MetricKind::Lagging => "lagging",
    }
}

fn type_text(p: &Property) -> String {
    match (p.ty.value, &p.items) {
        (Type::Array, Some(items)) => format!("array of {}", type_text(items)),
        (t, _) => t.as_str().to_string(),
    }
}

fn has_constraints(p: &Property) -> bool {
    !allowed_text(p, true).is_empty()
}

/// "`a`, `b`", "pattern `^x$`", "1 to 500", "at most 40 characters"...,
/// escaped for a table cell or for running text.
fn allowed_text(p: &Property, in_cell: bool) -> String {
    let code = |s: &str| {
        if in_cell {
            escape::code_cell(s)
        } else {
            escape::code(s)
        }
    };
    let mut parts: Vec<String> = Vec::new();
    if let Some(values) = p.enum_json() {
        let shown: Vec<String> = values.iter().map(|v| code(&json_text(v))).collect();
        parts.push(shown.join(", "));
    }
    if let Some(c) = &p.const_value {
        parts.push(format!("always {}", code(&json_text(&c.value))));
    }
    if let Some(f) = &p.format {
        parts.push(format!("format {}", code(f.value.as_str())));
    }
    if let Some(pattern) = &p.pattern {
        parts.push(format!("pattern {}", code(&pattern.value)));
    }
    let num = |v: f64| json_text(&json!(v)).trim_end_matches(".0").to_string();
    match (&p.minimum, &p.maximum) {
        (Some(lo), Some(hi)) => parts.push(format!("{} to {}", num(lo.value), num(hi.value))),
        (Some(lo), None) => parts.push(format!("at least {}", num(lo.value))),
        (None, Some(hi)) => parts.push(format!("at most {}", num(hi.value))),
        (None, None) => {}
    }
    match (&p.min_length, &p.max_length) {
        (Some(lo), Some(hi)) => parts.push(format!("{} to {} characters", lo.value, hi.value)),
        (Some(lo), None) => parts.push(format!("at least {} characters", lo.value)),
        (None, Some(hi)) => parts.push(format!("at most {} characters", hi.value)),
        (None, None) => {}
    }
    match (&p.min_items, &p.max_items) {
        (Some(lo), Some(hi)) => parts.push(format!("{} to {} items", lo.value, hi.value)),
        (Some(lo), None) => parts.push(format!("at least {} items", lo.value)),
        (None, Some(hi)) => parts.push(format!("at most {} items", hi.value)),
        (None, None) => {}
    }
    if p.unique_items {
        parts.push("unique items".into());
    }
    parts.join("; ")
}

fn pii_text(p: &Property) -> String {
    match p.pii.as_ref().map(|x| &x.value) {
        Some(Pii::Yes) => "yes".into(),
        Some(Pii::Category(c)) => c.clone(),
        Some(Pii::No) | None => String::new(),
    }
}

fn json_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A JSON example in a fenced block whose fence no backtick run inside it
/// can close.
fn example_view(v: &Value, problems: Vec<String>) -> Value {
    let text = serde_json::to_string_pretty(v).unwrap_or_default();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    json!({
        "fence": "`".repeat(longest.max(2) + 1),
        "text": text,
        "problems": problems,
    })
}
