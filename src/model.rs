//! The resolved tracking plan: plain typed data, independent of YAML.
//!
//! Every stage after loading (lint rules, outputs, diff, validate) reads only
//! this. Collections keep source order (files in sorted path order, entries in
//! file order), so everything derived from the model is deterministic.
//! Spans are kept for diagnostics; nothing here depends on the YAML parser.
//!
//! Shared property definitions are already applied: an event property that
//! reuses `properties.plan_tier` carries the merged definition, with
//! [`Property::shared`] set.

use crate::source::{Span, Spanned};
use serde_json::Value as Json;

pub type Name = Spanned<String>;

#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub meta: PlanMeta,
    pub owners: Vec<Owner>,
    pub sources: Vec<Source>,
    /// Shared property definitions (`properties:` at the top level).
    pub properties: Vec<Property>,
    pub events: Vec<Event>,
    pub identify: Option<TraitSet>,
    pub groups: Vec<Group>,
    pub context: Option<TraitSet>,
    pub funnels: Vec<Funnel>,
    pub metrics: Vec<Metric>,
    /// Rules silenced inside the plan (`lint_ignore:`), with the span of the
    /// entry they apply to.
    pub suppressions: Vec<Suppression>,
}

#[derive(Clone, Debug, Default)]
pub struct PlanMeta {
    pub id: Name,
    pub name: Name,
    pub version: Option<Spanned<i64>>,
    pub description: Option<Name>,
    pub conventions: Conventions,
    /// The `plan:` key; default span when the block is missing.
    pub span: Span,
}

#[derive(Clone, Debug, Default)]
pub struct Conventions {
    pub event_case: Option<Spanned<Case>>,
    pub property_case: Option<Spanned<Case>>,
    pub event_grammar: Option<Spanned<Grammar>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Case {
    Title,
    Sentence,
    Snake,
    Camel,
    Pascal,
    Kebab,
    Any,
}

impl Case {
    pub const ALL: &'static [(&'static str, Case)] = &[
        ("title", Case::Title),
        ("sentence", Case::Sentence),
        ("snake", Case::Snake),
        ("camel", Case::Camel),
        ("pascal", Case::Pascal),
        ("kebab", Case::Kebab),
        ("any", Case::Any),
    ];

    pub fn as_str(self) -> &'static str {
        Case::ALL
            .iter()
            .find(|(_, c)| *c == self)
            .map_or("any", |(s, _)| s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Grammar {
    ObjectAction,
    ActionObject,
    Any,
}

#[derive(Clone, Debug)]
pub struct Owner {
    pub key: Name,
    pub name: Name,
    pub contact: Option<Name>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Side {
    Client,
    Server,
}

impl Side {
    pub fn as_str(self) -> &'static str {
        match self {
            Side::Client => "client",
            Side::Server => "server",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Source {
    pub key: Name,
    pub side: Spanned<Side>,
    pub description: Option<Name>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Active,
    Deprecated,
}

#[derive(Clone, Debug)]
pub struct Event {
    /// The wire name, exactly as sent.
    pub name: Name,
    /// Empty when missing (the loader has reported it).
    pub description: Option<Name>,
    pub owner: Option<Name>,
    /// `None` only when the plan omitted it (a schema error).
    pub side: Option<Spanned<Side>>,
    pub sources: Vec<Name>,
    pub category: Option<Name>,
    pub tags: Vec<Name>,
    pub status: Spanned<Status>,
    pub replaced_by: Option<Name>,
    pub properties: Vec<Property>,
    /// The whole entry, key and body.
    pub span: Span,
}

impl Event {
    pub fn is_deprecated(&self) -> bool {
        self.status.value == Status::Deprecated
    }
}

/// Properties sent with identify calls, with context, or with a group.
#[derive(Clone, Debug, Default)]
pub struct TraitSet {
    pub properties: Vec<Property>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Group {
    pub key: Name,
    pub description: Option<Name>,
    pub properties: Vec<Property>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Funnel {
    pub key: Name,
    pub description: Option<Name>,
    pub owner: Option<Name>,
    pub steps: Vec<Name>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MetricKind {
    Leading,
    Lagging,
}

#[derive(Clone, Debug)]
pub struct Metric {
    pub key: Name,
    pub description: Option<Name>,
    pub kind: Option<Spanned<MetricKind>>,
    pub funnel: Option<Name>,
    pub events: Vec<Name>,
    pub owner: Option<Name>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    String,
    Integer,
    Number,
    Boolean,
    Datetime,
    Date,
    Array,
    Object,
    Any,
}

impl Type {
    pub const ALL: &'static [(&'static str, Type)] = &[
        ("string", Type::String),
        ("integer", Type::Integer),
        ("number", Type::Number),
        ("boolean", Type::Boolean),
        ("datetime", Type::Datetime),
        ("date", Type::Date),
        ("array", Type::Array),
        ("object", Type::Object),
        ("any", Type::Any),
    ];

    pub fn as_str(self) -> &'static str {
        Type::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("any", |(s, _)| s)
    }

    /// Types carried on the wire as JSON strings.
    pub fn is_stringy(self) -> bool {
        matches!(self, Type::String | Type::Datetime | Type::Date)
    }

    /// Does a JSON value fit this type (ignoring constraints)?
    pub fn accepts(self, v: &Json) -> bool {
        match self {
            Type::String | Type::Datetime | Type::Date => v.is_string(),
            Type::Integer => v.is_i64() || v.is_u64(),
            Type::Number => v.is_number(),
            Type::Boolean => v.is_boolean(),
            Type::Array => v.is_array(),
            Type::Object => v.is_object(),
            Type::Any => true,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Email,
    Uri,
    Uuid,
    DateTime,
    Date,
    Ipv4,
    Ipv6,
    Hostname,
}

impl Format {
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("email", Format::Email),
        ("uri", Format::Uri),
        ("uuid", Format::Uuid),
        ("date-time", Format::DateTime),
        ("date", Format::Date),
        ("ipv4", Format::Ipv4),
        ("ipv6", Format::Ipv6),
        ("hostname", Format::Hostname),
    ];

    pub fn as_str(self) -> &'static str {
        Format::ALL
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("", |(s, _)| s)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Pii {
    /// `pii: true`
    Yes,
    /// `pii: email` and the other categories.
    Category(String),
    /// `pii: false`, an explicit "not personal data".
    No,
}

pub const PII_CATEGORIES: &[&str] = &["email", "phone", "name", "address", "ip", "id", "other"];

#[derive(Clone, Debug, PartialEq)]
pub enum Deprecation {
    Yes,
    UseInstead(String),
}

#[derive(Clone, Debug)]
pub struct Property {
    pub name: Name,
    /// `Any` when the plan omitted it (a schema error, already reported).
    pub ty: Spanned<Type>,
    pub description: Option<Name>,
    pub required: bool,
    pub nullable: bool,
    pub enum_values: Option<Spanned<Vec<Spanned<Json>>>>,
    pub const_value: Option<Spanned<Json>>,
    pub pattern: Option<Name>,
    pub format: Option<Spanned<Format>>,
    pub minimum: Option<Spanned<f64>>,
    pub maximum: Option<Spanned<f64>>,
    pub min_length: Option<Spanned<u64>>,
    pub max_length: Option<Spanned<u64>>,
    pub items: Option<Box<Property>>,
    pub min_items: Option<Spanned<u64>>,
    pub max_items: Option<Spanned<u64>>,
    pub unique_items: bool,
    /// For `object`: nested properties.
    pub properties: Vec<Property>,
    pub pii: Option<Spanned<Pii>>,
    pub deprecated: Option<Spanned<Deprecation>>,
    pub examples: Vec<Spanned<Json>>,
    /// True when this entry reuses a shared definition of the same name.
    pub shared: bool,
    /// The whole entry, key and body.
    pub span: Span,
}

impl Property {
    /// A property with the given name and type and every other key defaulted.
    pub fn new(name: Name, ty: Spanned<Type>) -> Property {
        Property {
            span: name.span,
            name,
            ty,
            description: None,
            required: true,
            nullable: false,
            enum_values: None,
            const_value: None,
            pattern: None,
            format: None,
            minimum: None,
            maximum: None,
            min_length: None,
            max_length: None,
            items: None,
            min_items: None,
            max_items: None,
            unique_items: false,
            properties: Vec::new(),
            pii: None,
            deprecated: None,
            examples: Vec::new(),
            shared: false,
        }
    }

    pub fn enum_json(&self) -> Option<Vec<&Json>> {
        self.enum_values
            .as_ref()
            .map(|e| e.value.iter().map(|v| &v.value).collect())
    }
}

#[derive(Clone, Debug)]
pub struct Suppression {
    pub rule: Name,
    /// The entry (event, property, ...) the suppression covers.
    pub scope: Span,
}

/// Where a property sits in the plan, for rules that walk every property.
#[derive(Clone, Copy, Debug)]
pub enum PropertyOwner<'a> {
    Shared,
    Event(&'a Event),
    Identify,
    Group(&'a Group),
    Context,
}

impl PropertyOwner<'_> {
    pub fn describe(&self) -> String {
        match self {
            PropertyOwner::Shared => "shared properties".into(),
            PropertyOwner::Event(e) => format!("event `{}`", e.name.value),
            PropertyOwner::Identify => "identify traits".into(),
            PropertyOwner::Group(g) => format!("group `{}`", g.key.value),
            PropertyOwner::Context => "context properties".into(),
        }
    }
}

impl Plan {
    pub fn event(&self, name: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.name.value == name)
    }

    pub fn owner(&self, key: &str) -> Option<&Owner> {
        self.owners.iter().find(|o| o.key.value == key)
    }

    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key.value == key)
    }

    pub fn shared_property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name.value == name)
    }

    /// Every top-level property list in the plan, with what holds it
    /// (nested object properties are reached through [`Property::properties`]).
    pub fn property_lists(&self) -> Vec<(PropertyOwner<'_>, &[Property])> {
        let mut lists: Vec<(PropertyOwner<'_>, &[Property])> =
            vec![(PropertyOwner::Shared, &self.properties)];
        for e in &self.events {
            lists.push((PropertyOwner::Event(e), &e.properties));
        }
        if let Some(t) = &self.identify {
            lists.push((PropertyOwner::Identify, &t.properties));
        }
        for g in &self.groups {
            lists.push((PropertyOwner::Group(g), &g.properties));
        }
        if let Some(t) = &self.context {
            lists.push((PropertyOwner::Context, &t.properties));
        }
        lists
    }

    /// Every property at any depth (nested object properties and array items
    /// included), with what holds it, in source order.
    pub fn all_properties(&self) -> Vec<(PropertyOwner<'_>, &Property)> {
        let mut out = Vec::new();
        for (owner, list) in self.property_lists() {
            let mut todo: Vec<&Property> = list.iter().rev().collect();
            while let Some(p) = todo.pop() {
                out.push((owner, p));
                todo.extend(p.properties.iter().rev());
                if let Some(items) = &p.items {
                    todo.push(items);
                }
            }
        }
        out
    }
}
