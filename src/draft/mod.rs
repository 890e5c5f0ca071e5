//! Drafts: a plan built by `import` or `infer`, written as YAML that the
//! loader reads back into the same model.
//!
//! A draft is a [`Plan`] (spans are meaningless and left default) plus
//! comments: a header, notes above events and properties (counts, what an
//! import could not express), and TODO placeholders where the plan needs
//! what the input cannot tell (owner, side, description). Placeholders are
//! comments, never values, so `trackc check` reports the keys as missing
//! until someone fills them in.

pub mod emit;

use crate::model::*;
use emit::{flow_json, inline_str, key_str, number, string_value};
use std::collections::HashMap;
use std::fmt::Write;

/// Where a note goes: the path of keys to the entry it sits above, e.g.
/// `["events", "Signed Up", "properties", "plan"]`.
pub type NotePath = Vec<String>;

#[derive(Default)]
pub struct Draft {
    pub plan: Plan,
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    pub notes: HashMap<NotePath, Vec<String>>,
    /// Write `# TODO` lines for an event's missing description, owner and side.
    pub placeholders: bool,
}

impl Draft {
    pub fn note(&mut self, path: &[&str], line: impl Into<String>) {
        self.notes
            .entry(path.iter().map(|s| s.to_string()).collect())
            .or_default()
            .push(line.into());
    }

    pub fn to_yaml(&self) -> String {
        let mut w = Writer {
            out: String::new(),
            notes: &self.notes,
            path: Vec::new(),
        };
        for h in &self.header {
            w.comment(0, h);
        }
        if !self.header.is_empty() {
            w.out.push('\n');
        }
        w.plan(&self.plan, self.placeholders);
        w.out
    }
}

/// The lines of a comment's text, ready to follow `# `. Notes quote user
/// input (type names, `$ref`s): a comment ends at any YAML line break, a
/// lone CR included (`str::lines` keeps that one), and NEL, LS and PS are
/// breaks in YAML 1.1, so all of them split lines. YAML allows no
/// non-printable character (a BOM, controls) even in a comment: those are
/// shown as `\u{...}`.
fn comment_lines(text: &str) -> Vec<String> {
    const BREAKS: [char; 5] = ['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'];
    let printable = |line: &str| -> String {
        line.chars()
            .map(|c| match c {
                c if emit::needs_escape(c) => format!("\\u{{{:x}}}", c as u32),
                c => c.to_string(),
            })
            .collect()
    };
    let mut lines = Vec::new();
    let mut rest = text;
    // Like `str::lines`: no empty line after a final break.
    while !rest.is_empty() {
        let Some(i) = rest.find(BREAKS) else {
            lines.push(printable(rest));
            break;
        };
        lines.push(printable(&rest[..i]));
        let tail = &rest[i..];
        let len = match tail.chars().next() {
            _ if tail.starts_with("\r\n") => 2,
            Some(c) => c.len_utf8(),
            None => 0,
        };
        rest = &tail[len..];
    }
    lines
}

struct Writer<'a> {
    out: String,
    notes: &'a HashMap<NotePath, Vec<String>>,
    path: Vec<String>,
}

impl Writer<'_> {
    fn comment(&mut self, indent: usize, text: &str) {
        for line in comment_lines(text) {
            let _ = writeln!(self.out, "{:indent$}# {line}", "");
        }
        if text.is_empty() {
            let _ = writeln!(self.out, "{:indent$}#", "");
        }
    }

    /// Writes `key:` (with its notes above it) and leaves the line open.
    fn key(&mut self, indent: usize, key: &str) {
        self.path.push(key.to_string());
        if let Some(lines) = self.notes.get(&self.path) {
            for l in lines.iter().flat_map(|l| comment_lines(l)) {
                let _ = writeln!(self.out, "{:indent$}# {l}", "");
            }
        }
        self.path.pop();
        let _ = write!(self.out, "{:indent$}{}", "", key_str(key, Some(indent)));
    }

    fn enter(&mut self, key: &str) {
        self.path.push(key.to_string());
    }

    fn leave(&mut self) {
        self.path.pop();
    }

    fn string(&mut self, indent: usize, key: &str, value: &str) {
        self.key(indent, key);
        self.out.push_str(&string_value(value, indent));
    }

    fn raw(&mut self, indent: usize, key: &str, value: &str) {
        self.key(indent, key);
        let _ = writeln!(self.out, " {value}");
    }

    fn open(&mut self, indent: usize, key: &str) {
        self.key(indent, key);
        self.out.push('\n');
    }

    fn names(&mut self, indent: usize, key: &str, names: &[Name]) {
        if names.is_empty() {
            return;
        }
        let items: Vec<String> = names.iter().map(|n| inline_str(&n.value)).collect();
        self.raw(indent, key, &format!("[{}]", items.join(", ")));
    }

    fn plan(&mut self, plan: &Plan, placeholders: bool) {
        let m = &plan.meta;
        self.open(0, "plan");
        self.enter("plan");
        self.string(2, "id", &m.id.value);
        self.string(2, "name", &m.name.value);
        if let Some(v) = &m.version {
            self.raw(2, "version", &v.value.to_string());
        }
        if let Some(d) = &m.description {
            self.string(2, "description", &d.value);
        }
        self.leave();
        if !plan.owners.is_empty() {
            self.out.push('\n');
            self.open(0, "owners");
            self.enter("owners");
            for o in &plan.owners {
                self.open(2, &o.key.value);
                self.enter(&o.key.value);
                self.string(4, "name", &o.name.value);
                if let Some(c) = &o.contact {
                    self.string(4, "contact", &c.value);
                }
                self.leave();
            }
            self.leave();
        }
        if !plan.sources.is_empty() {
            self.out.push('\n');
            self.open(0, "sources");
            self.enter("sources");
            for s in &plan.sources {
                self.open(2, &s.key.value);
                self.enter(&s.key.value);
                self.raw(4, "side", s.side.value.as_str());
                if let Some(d) = &s.description {
                    self.string(4, "description", &d.value);
                }
                self.leave();
            }
            self.leave();
        }
        if !plan.properties.is_empty() {
            self.out.push('\n');
            self.props(0, &plan.properties);
        }
        if !plan.events.is_empty() {
            self.out.push('\n');
            self.open(0, "events");
            self.enter("events");
            for (i, e) in plan.events.iter().enumerate() {
                if i > 0 {
                    self.out.push('\n');
                }
                self.event(e, placeholders);
            }
            self.leave();
        }
        if let Some(t) = &plan.identify {
            self.out.push('\n');
            self.open(0, "identify");
            self.enter("identify");
            self.props(2, &t.properties);
            self.leave();
        }
        if !plan.groups.is_empty() {
            self.out.push('\n');
            self.open(0, "groups");
            self.enter("groups");
            for g in &plan.groups {
                self.open(2, &g.key.value);
                self.enter(&g.key.value);
                match &g.description {
                    Some(d) => self.string(4, "description", &d.value),
                    None if placeholders => self.comment(4, "description: TODO"),
                    None => {}
                }
                self.props(4, &g.properties);
                self.leave();
            }
            self.leave();
        }
        if let Some(t) = &plan.context {
            self.out.push('\n');
            self.open(0, "context");
            self.enter("context");
            self.props(2, &t.properties);
            self.leave();
        }
    }

    fn event(&mut self, e: &Event, placeholders: bool) {
        self.open(2, &e.name.value);
        self.enter(&e.name.value);
        match &e.description {
            Some(d) => self.string(4, "description", &d.value),
            None if placeholders => self.comment(
                4,
                "description: TODO what happened, and when exactly it is sent",
            ),
            None => {}
        }
        match &e.owner {
            Some(o) => self.string(4, "owner", &o.value),
            None if placeholders => self.comment(4, "owner: TODO a key of `owners:`"),
            None => {}
        }
        match &e.side {
            Some(s) => self.raw(4, "side", s.value.as_str()),
            None if placeholders => self.comment(4, "side: TODO client or server"),
            None => {}
        }
        self.names(4, "sources", &e.sources);
        if let Some(c) = &e.category {
            self.string(4, "category", &c.value);
        }
        self.names(4, "tags", &e.tags);
        if e.is_deprecated() {
            self.raw(4, "status", "deprecated");
        }
        if let Some(r) = &e.replaced_by {
            self.string(4, "replaced_by", &r.value);
        }
        self.props(4, &e.properties);
        self.leave();
    }

    /// `properties:` and its entries; an empty list writes `properties: {}`.
    fn props(&mut self, indent: usize, props: &[Property]) {
        if props.is_empty() {
            self.raw(indent, "properties", "{}");
            return;
        }
        self.open(indent, "properties");
        self.enter("properties");
        for p in props {
            self.open(indent + 2, &p.name.value);
            self.enter(&p.name.value);
            self.prop_body(indent + 4, p);
            self.leave();
        }
        self.leave();
    }

    fn prop_body(&mut self, i: usize, p: &Property) {
        self.raw(i, "type", p.ty.value.as_str());
        if let Some(d) = &p.description {
            self.string(i, "description", &d.value);
        }
        if !p.required {
            self.raw(i, "required", "false");
        }
        if p.nullable {
            self.raw(i, "nullable", "true");
        }
        if let Some(values) = p.enum_json() {
            let items: Vec<String> = values.into_iter().map(flow_json).collect();
            self.raw(i, "enum", &format!("[{}]", items.join(", ")));
        }
        if let Some(c) = &p.const_value {
            self.raw(i, "const", &flow_json(&c.value));
        }
        if let Some(pat) = &p.pattern {
            self.string(i, "pattern", &pat.value);
        }
        if let Some(f) = &p.format {
            self.raw(i, "format", f.value.as_str());
        }
        for (key, v) in [("minimum", &p.minimum), ("maximum", &p.maximum)] {
            if let Some(v) = v {
                self.raw(i, key, &number(v.value));
            }
        }
        for (key, v) in [("min_length", &p.min_length), ("max_length", &p.max_length)] {
            if let Some(v) = v {
                self.raw(i, key, &v.value.to_string());
            }
        }
        if let Some(items) = &p.items {
            self.open(i, "items");
            self.enter("items");
            self.prop_body(i + 2, items);
            self.leave();
        }
        for (key, v) in [("min_items", &p.min_items), ("max_items", &p.max_items)] {
            if let Some(v) = v {
                self.raw(i, key, &v.value.to_string());
            }
        }
        if p.unique_items {
            self.raw(i, "unique_items", "true");
        }
        if !p.properties.is_empty() {
            self.props(i, &p.properties);
        }
        if let Some(pii) = &p.pii {
            let v = match &pii.value {
                Pii::Yes => "true".to_string(),
                Pii::No => "false".to_string(),
                Pii::Category(c) => inline_str(c),
            };
            self.raw(i, "pii", &v);
        }
        if let Some(d) = &p.deprecated {
            match &d.value {
                Deprecation::Yes => self.raw(i, "deprecated", "true"),
                Deprecation::UseInstead(s) => self.string(i, "deprecated", s),
            }
        }
        if !p.examples.is_empty() {
            let items: Vec<String> = p.examples.iter().map(|e| flow_json(&e.value)).collect();
            self.raw(i, "examples", &format!("[{}]", items.join(", ")));
        }
    }
}

/// A name with no span, for models built by import and infer.
pub fn name(s: impl Into<String>) -> Name {
    crate::source::Spanned::new(s.into(), Default::default())
}

/// A value with no span.
pub fn unspanned<T>(v: T) -> crate::source::Spanned<T> {
    crate::source::Spanned::new(v, Default::default())
}
