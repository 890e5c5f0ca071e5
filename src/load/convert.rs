//! YAML tree -> per-file declarations, reporting every `schema/*` problem.
//!
//! Nothing here stops at the first problem: a wrong value is reported and
//! skipped (or defaulted), and the walk goes on, so one `check` run shows
//! every mistake in a file.

use crate::diagnostic::Diagnostic;
use crate::lint::rules::schema::{
    ambiguous_scalar, duplicate_key, invalid_value, missing_key, syntax, unknown_key,
};
use crate::lint::util::suggestion;
use crate::model::*;
use crate::source::{FileId, Span, Spanned};
use crate::yaml::{Entry, Node, Parsed, ProblemKind, Resolved, Value};
use serde_json::Value as Json;

/// A property entry as written, before shared definitions are applied.
#[derive(Clone, Debug, Default)]
pub(super) struct PropDecl {
    pub name: Name,
    pub span: Span,
    pub ty: Option<Spanned<Type>>,
    pub description: Option<Name>,
    pub required: Option<bool>,
    pub nullable: Option<bool>,
    pub enum_values: Option<Spanned<Vec<Spanned<Json>>>>,
    pub const_value: Option<Spanned<Json>>,
    pub pattern: Option<Name>,
    pub format: Option<Spanned<Format>>,
    pub minimum: Option<Spanned<f64>>,
    pub maximum: Option<Spanned<f64>>,
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub items: Option<Box<PropDecl>>,
    pub min_items: Option<Spanned<u64>>,
    pub max_items: Option<Spanned<u64>>,
    pub unique_items: Option<bool>,
    pub properties: Option<Vec<PropDecl>>,
    pub pii: Option<Spanned<Pii>>,
    pub deprecated: Option<Spanned<Deprecation>>,
    pub examples: Option<Vec<Spanned<Json>>>,
}

pub(super) struct EventDecl {
    pub event: Event,
    pub properties: Vec<PropDecl>,
}

pub(super) struct GroupDecl {
    pub group: Group,
    pub properties: Vec<PropDecl>,
}

pub(super) struct TraitDecl {
    pub span: Span,
    pub properties: Vec<PropDecl>,
}

#[derive(Default)]
pub(super) struct FileDecls {
    pub plan: Option<PlanMeta>,
    pub owners: Vec<Owner>,
    pub sources: Vec<Source>,
    pub properties: Vec<PropDecl>,
    pub events: Vec<EventDecl>,
    pub identify: Option<TraitDecl>,
    pub groups: Vec<GroupDecl>,
    pub context: Option<TraitDecl>,
    pub funnels: Vec<Funnel>,
    pub metrics: Vec<Metric>,
    pub suppressions: Vec<Suppression>,
}

pub(crate) const TOP_KEYS: &[&str] = &[
    "plan",
    "owners",
    "sources",
    "properties",
    "events",
    "identify",
    "groups",
    "context",
    "funnels",
    "metrics",
];
pub(crate) const PLAN_KEYS: &[&str] = &["id", "name", "version", "description", "conventions"];
pub(crate) const CONVENTION_KEYS: &[&str] = &["event_case", "property_case", "event_grammar"];
pub(crate) const OWNER_KEYS: &[&str] = &["name", "contact"];
pub(crate) const SOURCE_KEYS: &[&str] = &["side", "description"];
pub(crate) const EVENT_KEYS: &[&str] = &[
    "description",
    "owner",
    "side",
    "sources",
    "category",
    "tags",
    "status",
    "replaced_by",
    "properties",
    "lint_ignore",
];
pub(crate) const PROPERTY_KEYS: &[&str] = &[
    "type",
    "description",
    "required",
    "nullable",
    "enum",
    "const",
    "pattern",
    "format",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "items",
    "min_items",
    "max_items",
    "unique_items",
    "properties",
    "pii",
    "deprecated",
    "examples",
    "lint_ignore",
];
pub(crate) const TRAIT_KEYS: &[&str] = &["properties"];
pub(crate) const GROUP_KEYS: &[&str] = &["description", "properties", "lint_ignore"];
pub(crate) const FUNNEL_KEYS: &[&str] = &["description", "owner", "steps", "lint_ignore"];
pub(crate) const METRIC_KEYS: &[&str] = &[
    "description",
    "kind",
    "funnel",
    "events",
    "owner",
    "lint_ignore",
];

const SIDES: &[(&str, Side)] = &[("client", Side::Client), ("server", Side::Server)];
const STATUSES: &[(&str, Status)] = &[
    ("active", Status::Active),
    ("deprecated", Status::Deprecated),
];
const GRAMMARS: &[(&str, Grammar)] = &[
    ("object_action", Grammar::ObjectAction),
    ("action_object", Grammar::ActionObject),
    ("any", Grammar::Any),
];
const KINDS: &[(&str, MetricKind)] = &[
    ("leading", MetricKind::Leading),
    ("lagging", MetricKind::Lagging),
];

pub(super) fn convert_file(
    _file: FileId,
    parsed: Parsed,
    diags: &mut Vec<Diagnostic>,
) -> FileDecls {
    let mut cx = Cx { diags };
    for p in parsed.problems {
        let d = match p.kind {
            ProblemKind::Syntax => syntax::RULE.diag(p.message.clone()).label(p.span, "here"),
            ProblemKind::DuplicateKey => {
                let mut d = duplicate_key::RULE
                    .diag(p.message.clone())
                    .label(p.span, "defined again here");
                if let Some(first) = p.first {
                    d = d.label(first, "first defined here");
                }
                d.help("remove one of the two; trackc keeps the first")
            }
        };
        cx.diags.push(d);
    }
    let mut out = FileDecls::default();
    let Some(root) = parsed.root else { return out };
    if root.is_null() {
        return out; // an empty file holds nothing, which is fine in a directory
    }
    let Some(entries) = cx.map(&root, "the top level of a plan file") else {
        return out;
    };
    cx.unknown_keys(entries, TOP_KEYS, "at the top level");
    for e in entries {
        let Some(key) = e.key.as_str() else { continue };
        match key {
            "plan" => out.plan = cx.plan(e),
            "owners" => out.owners = cx.named(&e.value, "owners", |cx, name, e| cx.owner(name, e)),
            "sources" => {
                out.sources = cx.named(&e.value, "sources", |cx, name, e| cx.source(name, e))
            }
            "properties" => {
                out.properties = cx.props(&e.value, &mut out.suppressions);
            }
            "events" => {
                let sup = &mut out.suppressions;
                out.events = cx.named(&e.value, "events", |cx, name, e| cx.event(name, e, sup));
            }
            "identify" => out.identify = cx.traits(e, &mut out.suppressions),
            "context" => out.context = cx.traits(e, &mut out.suppressions),
            "groups" => {
                let sup = &mut out.suppressions;
                out.groups = cx.named(&e.value, "groups", |cx, name, e| cx.group(name, e, sup));
            }
            "funnels" => {
                let sup = &mut out.suppressions;
                out.funnels = cx.named(&e.value, "funnels", |cx, name, e| cx.funnel(name, e, sup));
            }
            "metrics" => {
                let sup = &mut out.suppressions;
                out.metrics = cx.named(&e.value, "metrics", |cx, name, e| cx.metric(name, e, sup));
            }
            _ => {}
        }
    }
    out
}

fn entry_span(e: &Entry) -> Span {
    e.key.span.to(e.value.span)
}

struct Cx<'d> {
    diags: &'d mut Vec<Diagnostic>,
}

impl Cx<'_> {
    fn invalid(&mut self, node: &Node, message: String, help: Option<String>) {
        let mut d = invalid_value::RULE
            .diag(message)
            .label(node.span, format!("found {}", node.kind_name()));
        if let Some(h) = help {
            d = d.help(h);
        }
        self.diags.push(d);
    }

    fn missing(&mut self, at: Span, message: String) {
        self.diags
            .push(missing_key::RULE.diag(message).label(at, "in this entry"));
    }

    /// A mapping, or `None` after reporting; `null` counts as an empty mapping.
    fn map<'n>(&mut self, node: &'n Node, what: &str) -> Option<&'n [Entry]> {
        match &node.value {
            Value::Map(entries) => Some(entries),
            _ if node.is_null() => Some(&[]),
            _ => {
                self.invalid(node, format!("{what} must be a mapping"), None);
                None
            }
        }
    }

    fn unknown_keys(&mut self, entries: &[Entry], allowed: &[&str], place: &str) {
        for e in entries {
            let Some(key) = e.key.as_str() else {
                self.invalid(&e.key, format!("keys {place} must be plain names"), None);
                continue;
            };
            if !allowed.contains(&key) {
                let mut d = unknown_key::RULE
                    .diag(format!("unknown key `{key}` {place}"))
                    .label(e.key.span, "not a key the plan format knows here");
                d = d.help(match suggestion(key, allowed.iter().copied()) {
                    Some(s) => s,
                    None => format!("known keys here: {}", allowed.join(", ")),
                });
                self.diags.push(d);
            }
        }
    }

    /// Iterates a `name: {...}` mapping, calling `f` for each entry.
    fn named<T>(
        &mut self,
        node: &Node,
        what: &str,
        mut f: impl FnMut(&mut Self, Name, &Entry) -> Option<T>,
    ) -> Vec<T> {
        let Some(entries) = self.map(node, &format!("`{what}`")) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for e in entries {
            let Some(name) = self.name(&e.key) else {
                continue;
            };
            if let Some(t) = f(self, name, e) {
                out.push(t);
            }
        }
        out
    }

    /// A map key used as a name.
    fn name(&mut self, key: &Node) -> Option<Name> {
        let s = key.as_scalar()?;
        if s.text.is_empty() {
            self.invalid(key, "a name must not be empty".into(), None);
            return None;
        }
        self.warn_ambiguous(key, "name");
        Some(Spanned::new(s.text.to_string(), key.span))
    }

    fn warn_ambiguous(&mut self, node: &Node, place: &str) {
        let Some(s) = node.as_scalar() else { return };
        let reading = match (s.is_yaml11_ambiguous(), s.resolve()) {
            (Some(r), _) => r,
            (None, Resolved::Bool(_)) if s.style == crate::yaml::Style::Plain => "a boolean",
            (None, Resolved::Int(_) | Resolved::Float(_))
                if s.style == crate::yaml::Style::Plain =>
            {
                "a number"
            }
            _ => return,
        };
        self.diags.push(
            ambiguous_scalar::RULE
                .diag(format!(
                    "`{}` is used as a {place} but YAML 1.1 reads it as {reading}",
                    s.text
                ))
                .label(node.span, "unquoted")
                .help(format!("quote it: \"{}\"", s.text)),
        );
    }

    /// A string value; non-string plain scalars are taken as written, with a warning.
    fn string(&mut self, node: &Node, what: &str) -> Option<Name> {
        match node.as_scalar() {
            Some(s) if !node.is_null() => {
                self.warn_ambiguous(node, "string");
                Some(Spanned::new(s.text.to_string(), node.span))
            }
            _ => {
                self.invalid(node, format!("`{what}` must be a string"), None);
                None
            }
        }
    }

    fn strings(&mut self, node: &Node, what: &str) -> Vec<Name> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| self.string(n, what)).collect(),
            _ if node.is_null() => Vec::new(),
            _ => {
                self.invalid(
                    node,
                    format!("`{what}` must be a list"),
                    Some(format!("write `{what}: [a, b]`")),
                );
                Vec::new()
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        node: &Node,
        what: &str,
        choices: &[(&str, T)],
    ) -> Option<Spanned<T>> {
        let text = node.as_str().filter(|_| !node.is_null());
        if let Some(found) = text.and_then(|t| choices.iter().find(|(k, _)| *k == t)) {
            return Some(Spanned::new(found.1, node.span));
        }
        let names: Vec<&str> = choices.iter().map(|(k, _)| *k).collect();
        let mut help = format!("`{what}` is one of: {}", names.join(", "));
        if let Some(s) = text.and_then(|t| suggestion(t, names.iter().copied())) {
            help = format!("{s} ({help})");
        }
        let shown = text.map_or_else(|| node.kind_name().to_string(), |t| format!("`{t}`"));
        self.diags.push(
            invalid_value::RULE
                .diag(format!("{shown} is not a valid `{what}`"))
                .label(node.span, "not allowed here")
                .help(help),
        );
        None
    }

    fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.as_scalar().map(|s| s.resolve()) {
            Some(Resolved::Bool(b)) => Some(b),
            _ => {
                let help = match node.as_str() {
                    Some("yes" | "on" | "y") => {
                        Some("YAML 1.2 reads this as a string; write `true`".into())
                    }
                    Some("no" | "off" | "n") => {
                        Some("YAML 1.2 reads this as a string; write `false`".into())
                    }
                    _ => None,
                };
                self.invalid(node, format!("`{what}` must be `true` or `false`"), help);
                None
            }
        }
    }

    fn number(&mut self, node: &Node, what: &str) -> Option<Spanned<f64>> {
        match node.as_scalar().map(|s| s.resolve()) {
            Some(Resolved::Int(i)) => Some(Spanned::new(i as f64, node.span)),
            Some(Resolved::Float(f)) if f.is_finite() => Some(Spanned::new(f, node.span)),
            _ => {
                self.invalid(node, format!("`{what}` must be a finite number"), None);
                None
            }
        }
    }

    fn count(&mut self, node: &Node, what: &str) -> Option<Spanned<u64>> {
        match node.as_scalar().map(|s| s.resolve()) {
            Some(Resolved::Int(i)) if i >= 0 => Some(Spanned::new(i as u64, node.span)),
            _ => {
                self.invalid(
                    node,
                    format!("`{what}` must be a whole number, 0 or more"),
                    None,
                );
                None
            }
        }
    }

    fn json(&mut self, node: &Node) -> Spanned<Json> {
        Spanned::new(node.to_json(), node.span)
    }

    fn lint_ignore(&mut self, node: &Node, scope: Span, out: &mut Vec<Suppression>) {
        for rule in self.strings(node, "lint_ignore") {
            if crate::lint::registry::lookup(&rule.value).is_none() {
                let help = suggestion(&rule.value, crate::lint::registry::ids())
                    .unwrap_or_else(|| "`trackc rules` lists the rule ids".into());
                self.diags.push(
                    invalid_value::RULE
                        .diag(format!("`{}` is not a lint rule", rule.value))
                        .label(rule.span, "unknown rule id")
                        .help(help),
                );
                continue;
            }
            out.push(Suppression { rule, scope });
        }
    }

    fn plan(&mut self, e: &Entry) -> Option<PlanMeta> {
        let entries = self.map(&e.value, "`plan`")?;
        self.unknown_keys(entries, PLAN_KEYS, "in `plan`");
        let mut meta = PlanMeta {
            span: e.key.span,
            ..Default::default()
        };
        let (mut id, mut name) = (None, None);
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "id" => {
                    id = self.string(&f.value, "plan.id");
                    if let Some(v) = &id {
                        let ok = v
                            .value
                            .bytes()
                            .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-'));
                        if !ok {
                            self.diags.push(
                                invalid_value::RULE
                                    .diag(format!(
                                        "plan id `{}` may only use a-z, 0-9, `_` and `-`",
                                        v.value
                                    ))
                                    .label(v.span, "used in schema ids and file names")
                                    .help("for example `acme` or `acme-invoicing`"),
                            );
                        }
                    }
                }
                "name" => name = self.string(&f.value, "plan.name"),
                "version" => match f.value.as_scalar().map(|s| s.resolve()) {
                    Some(Resolved::Int(v)) if v >= 0 => {
                        meta.version = Some(Spanned::new(v, f.value.span))
                    }
                    _ => self.invalid(
                        &f.value,
                        "`plan.version` must be a whole number".into(),
                        None,
                    ),
                },
                "description" => meta.description = self.string(&f.value, "plan.description"),
                "conventions" => {
                    let Some(cs) = self.map(&f.value, "`conventions`") else {
                        continue;
                    };
                    self.unknown_keys(cs, CONVENTION_KEYS, "in `conventions`");
                    for c in cs {
                        match c.key.as_str().unwrap_or_default() {
                            "event_case" => {
                                meta.conventions.event_case =
                                    self.choice(&c.value, "event_case", Case::ALL)
                            }
                            "property_case" => {
                                meta.conventions.property_case =
                                    self.choice(&c.value, "property_case", Case::ALL)
                            }
                            "event_grammar" => {
                                meta.conventions.event_grammar =
                                    self.choice(&c.value, "event_grammar", GRAMMARS)
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        match id {
            Some(id) => meta.id = id,
            None => self.missing(e.key.span, "`plan` has no `id`".into()),
        }
        match name {
            Some(n) => meta.name = n,
            None => self.missing(e.key.span, "`plan` has no `name`".into()),
        }
        Some(meta)
    }

    fn owner(&mut self, key: Name, e: &Entry) -> Option<Owner> {
        let entries = self.map(&e.value, &format!("owner `{}`", key.value))?;
        self.unknown_keys(entries, OWNER_KEYS, &format!("in owner `{}`", key.value));
        let mut name = None;
        let mut contact = None;
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "name" => name = self.string(&f.value, "name"),
                "contact" => contact = self.string(&f.value, "contact"),
                _ => {}
            }
        }
        let name = name.unwrap_or_else(|| {
            self.missing(key.span, format!("owner `{}` has no `name`", key.value));
            key.clone()
        });
        Some(Owner { key, name, contact })
    }

    fn source(&mut self, key: Name, e: &Entry) -> Option<Source> {
        let entries = self.map(&e.value, &format!("source `{}`", key.value))?;
        self.unknown_keys(entries, SOURCE_KEYS, &format!("in source `{}`", key.value));
        let mut side = None;
        let mut description = None;
        let mut had_side = false;
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "side" => {
                    had_side = true;
                    side = self.choice(&f.value, "side", SIDES);
                }
                "description" => description = self.string(&f.value, "description"),
                _ => {}
            }
        }
        if !had_side {
            self.missing(
                key.span,
                format!("source `{}` has no `side` (client or server)", key.value),
            );
        }
        let side = side?;
        Some(Source {
            key,
            side,
            description,
        })
    }

    fn event(&mut self, name: Name, e: &Entry, sup: &mut Vec<Suppression>) -> Option<EventDecl> {
        let span = entry_span(e);
        let entries = self.map(&e.value, &format!("event `{}`", name.value))?;
        self.unknown_keys(entries, EVENT_KEYS, &format!("in event `{}`", name.value));
        let mut ev = Event {
            name: name.clone(),
            description: None,
            owner: None,
            side: None,
            sources: Vec::new(),
            category: None,
            tags: Vec::new(),
            status: Spanned::new(Status::Active, name.span),
            replaced_by: None,
            properties: Vec::new(),
            span,
        };
        let mut props = Vec::new();
        let mut had_side = false;
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "description" => ev.description = self.string(&f.value, "description"),
                "owner" => ev.owner = self.string(&f.value, "owner"),
                "side" => {
                    had_side = true;
                    ev.side = self.choice(&f.value, "side", SIDES);
                }
                "sources" => ev.sources = self.strings(&f.value, "sources"),
                "category" => ev.category = self.string(&f.value, "category"),
                "tags" => ev.tags = self.strings(&f.value, "tags"),
                "status" => {
                    if let Some(s) = self.choice(&f.value, "status", STATUSES) {
                        ev.status = s;
                    }
                }
                "replaced_by" => ev.replaced_by = self.string(&f.value, "replaced_by"),
                "properties" => props = self.props(&f.value, sup),
                "lint_ignore" => self.lint_ignore(&f.value, span, sup),
                _ => {}
            }
        }
        if !had_side {
            self.diags.push(
                missing_key::RULE
                    .diag(format!("event `{}` has no `side`", name.value))
                    .label(name.span, "in this event")
                    .help("add `side: server` for events confirmed by your backend, or `side: client` for browser and app events"),
            );
        }
        Some(EventDecl {
            event: ev,
            properties: props,
        })
    }

    fn traits(&mut self, e: &Entry, sup: &mut Vec<Suppression>) -> Option<TraitDecl> {
        let what = e.key.as_str().unwrap_or_default().to_string();
        let entries = self.map(&e.value, &format!("`{what}`"))?;
        self.unknown_keys(entries, TRAIT_KEYS, &format!("in `{what}`"));
        let mut properties = Vec::new();
        for f in entries {
            if f.key.as_str() == Some("properties") {
                properties = self.props(&f.value, sup);
            }
        }
        Some(TraitDecl {
            span: e.key.span,
            properties,
        })
    }

    fn group(&mut self, key: Name, e: &Entry, sup: &mut Vec<Suppression>) -> Option<GroupDecl> {
        let span = entry_span(e);
        let entries = self.map(&e.value, &format!("group `{}`", key.value))?;
        self.unknown_keys(entries, GROUP_KEYS, &format!("in group `{}`", key.value));
        let mut group = Group {
            key,
            description: None,
            properties: Vec::new(),
            span,
        };
        let mut props = Vec::new();
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "description" => group.description = self.string(&f.value, "description"),
                "properties" => props = self.props(&f.value, sup),
                "lint_ignore" => self.lint_ignore(&f.value, span, sup),
                _ => {}
            }
        }
        Some(GroupDecl {
            group,
            properties: props,
        })
    }

    fn funnel(&mut self, key: Name, e: &Entry, sup: &mut Vec<Suppression>) -> Option<Funnel> {
        let span = entry_span(e);
        let entries = self.map(&e.value, &format!("funnel `{}`", key.value))?;
        self.unknown_keys(entries, FUNNEL_KEYS, &format!("in funnel `{}`", key.value));
        let mut funnel = Funnel {
            key,
            description: None,
            owner: None,
            steps: Vec::new(),
            span,
        };
        let mut had_steps = false;
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "description" => funnel.description = self.string(&f.value, "description"),
                "owner" => funnel.owner = self.string(&f.value, "owner"),
                "steps" => {
                    had_steps = true;
                    funnel.steps = self.strings(&f.value, "steps");
                }
                "lint_ignore" => self.lint_ignore(&f.value, span, sup),
                _ => {}
            }
        }
        if !had_steps {
            self.missing(
                funnel.key.span,
                format!("funnel `{}` has no `steps`", funnel.key.value),
            );
        }
        Some(funnel)
    }

    fn metric(&mut self, key: Name, e: &Entry, sup: &mut Vec<Suppression>) -> Option<Metric> {
        let span = entry_span(e);
        let entries = self.map(&e.value, &format!("metric `{}`", key.value))?;
        self.unknown_keys(entries, METRIC_KEYS, &format!("in metric `{}`", key.value));
        let mut m = Metric {
            key,
            description: None,
            kind: None,
            funnel: None,
            events: Vec::new(),
            owner: None,
            span,
        };
        for f in entries {
            match f.key.as_str().unwrap_or_default() {
                "description" => m.description = self.string(&f.value, "description"),
                "kind" => m.kind = self.choice(&f.value, "kind", KINDS),
                "funnel" => m.funnel = self.string(&f.value, "funnel"),
                "events" => m.events = self.strings(&f.value, "events"),
                "owner" => m.owner = self.string(&f.value, "owner"),
                "lint_ignore" => self.lint_ignore(&f.value, span, sup),
                _ => {}
            }
        }
        Some(m)
    }

    fn props(&mut self, node: &Node, sup: &mut Vec<Suppression>) -> Vec<PropDecl> {
        self.named(node, "properties", |cx, name, e| {
            Some(cx.prop(name, e, sup))
        })
    }

    fn prop(&mut self, name: Name, e: &Entry, sup: &mut Vec<Suppression>) -> PropDecl {
        let span = entry_span(e);
        let mut p = PropDecl {
            name: name.clone(),
            span,
            ..Default::default()
        };
        // `plan_tier:` with no value reuses the shared definition, like `{}`.
        let Some(entries) = self.map(&e.value, &format!("property `{}`", name.value)) else {
            return p;
        };
        self.unknown_keys(
            entries,
            PROPERTY_KEYS,
            &format!("in property `{}`", name.value),
        );
        for f in entries {
            let v = &f.value;
            match f.key.as_str().unwrap_or_default() {
                // An invalid type is reported here; `Any` keeps it from also
                // being reported as missing.
                "type" => {
                    p.ty = Some(
                        self.choice(v, "type", Type::ALL)
                            .unwrap_or(Spanned::new(Type::Any, v.span)),
                    )
                }
                "description" => p.description = self.string(v, "description"),
                "required" => p.required = self.boolean(v, "required"),
                "nullable" => p.nullable = self.boolean(v, "nullable"),
                "enum" => match &v.value {
                    // No value could be sent, and `type X = ;` is what the
                    // emitters would make of it.
                    Value::Seq(items) if items.is_empty() => self.diags.push(
                        invalid_value::RULE
                            .diag(format!(
                                "`enum` of property `{}` lists no value, so no event could send it",
                                name.value
                            ))
                            .label(v.span, "an empty list")
                            .help("list the allowed values, or remove `enum`"),
                    ),
                    Value::Seq(items) => {
                        p.enum_values = Some(Spanned::new(
                            items.iter().map(|n| self.enum_value(n)).collect(),
                            v.span,
                        ))
                    }
                    _ => self.invalid(v, "`enum` must be a list of allowed values".into(), None),
                },
                "const" => p.const_value = Some(self.enum_value(v)),
                "pattern" => p.pattern = self.string(v, "pattern"),
                "format" => p.format = self.choice(v, "format", Format::ALL),
                "minimum" => p.minimum = self.number(v, "minimum"),
                "maximum" => p.maximum = self.number(v, "maximum"),
                "min_length" => p.min_length = self.count(v, "min_length"),
                "max_length" => p.max_length = self.count(v, "max_length"),
                "min_items" => p.min_items = self.count(v, "min_items"),
                "max_items" => p.max_items = self.count(v, "max_items"),
                "unique_items" => p.unique_items = self.boolean(v, "unique_items"),
                "items" => {
                    let item_name = Spanned::new(format!("{}[]", name.value), f.key.span);
                    p.items = Some(Box::new(self.prop(item_name, f, sup)));
                }
                "properties" => p.properties = Some(self.props(v, sup)),
                "pii" => p.pii = self.pii(v),
                "deprecated" => {
                    p.deprecated = match v.as_scalar().map(|s| (s.resolve(), s)) {
                        Some((Resolved::Bool(true), _)) => {
                            Some(Spanned::new(Deprecation::Yes, v.span))
                        }
                        Some((Resolved::Bool(false), _)) => None,
                        Some((_, s)) if !v.is_null() => Some(Spanned::new(
                            Deprecation::UseInstead(s.text.to_string()),
                            v.span,
                        )),
                        _ => {
                            self.invalid(
                                v,
                                "`deprecated` is `true` or a string saying what to use instead"
                                    .into(),
                                None,
                            );
                            None
                        }
                    }
                }
                "examples" => match &v.value {
                    Value::Seq(items) => {
                        p.examples = Some(items.iter().map(|n| self.json(n)).collect())
                    }
                    _ => self.invalid(
                        v,
                        "`examples` must be a list of example values".into(),
                        None,
                    ),
                },
                "lint_ignore" => self.lint_ignore(v, span, sup),
                _ => {}
            }
        }
        p
    }

    /// An enum or const value: kept as YAML 1.2 reads it, with a warning for
    /// YAML 1.1 booleans (the type check against `type` is a lint rule).
    fn enum_value(&mut self, node: &Node) -> Spanned<Json> {
        if node
            .as_scalar()
            .is_some_and(|s| s.is_yaml11_ambiguous().is_some())
        {
            self.warn_ambiguous(node, "value");
        }
        self.json(node)
    }

    fn pii(&mut self, node: &Node) -> Option<Spanned<Pii>> {
        let pii = match node.as_scalar().map(|s| (s.resolve(), &*s.text)) {
            Some((Resolved::Bool(true), _)) => Pii::Yes,
            Some((Resolved::Bool(false), _)) => Pii::No,
            Some((Resolved::Str, t)) if PII_CATEGORIES.contains(&t) => Pii::Category(t.to_string()),
            _ => {
                let help = format!(
                    "`pii` is `true`, `false`, or one of: {}",
                    PII_CATEGORIES.join(", ")
                );
                self.diags.push(
                    invalid_value::RULE
                        .diag("not a valid `pii` value")
                        .label(node.span, "here")
                        .help(help),
                );
                return None;
            }
        };
        Some(Spanned::new(pii, node.span))
    }
}
