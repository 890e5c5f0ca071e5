//! The plan lowered for one language: every identifier, type expression,
//! literal and comment line already derived and escaped, so templates only
//! arrange text. Enum and object types get one name each, shared where the
//! plan shares the property; two things deriving to the same identifier are
//! an error here rather than code that does not compile.

use super::naming::{self, Kind, Lang, comment_lines, ident, string_literal};
use crate::build::target::TargetContext;
use crate::model::{Deprecation, Event, Format, Plan, Property, Side, Type};
use serde::Serialize;
use serde_json::Value as Json;
use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Write;

#[derive(Clone, Debug, Serialize)]
pub struct Model {
    pub plan: PlanInfo,
    pub events: Vec<EventL>,
    pub enums: Vec<EnumL>,
    pub objects: Vec<ObjectL>,
    pub identify: Option<RecordL>,
    pub groups: Vec<GroupL>,
    pub context: Option<RecordL>,
    /// Which of Go's spec helpers (`num`, `count`) the specs call, so a plan
    /// without bounds declares no unused function.
    pub spec_helpers: SpecHelpers,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct SpecHelpers {
    pub num: bool,
    pub count: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct PlanInfo {
    pub id: String,
    pub id_lit: String,
    pub name_doc: Vec<String>,
    pub version: Option<i64>,
    /// Package or namespace name derived from the plan id (Go, Java, Kotlin).
    pub package: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct EventL {
    pub wire: String,
    pub wire_lit: String,
    /// The function or method name.
    pub name: String,
    /// The properties type (record, struct, class) for this event.
    pub type_name: String,
    pub doc: Vec<String>,
    pub deprecated: bool,
    /// Comment-safe text of the deprecation notice.
    pub deprecation: Vec<String>,
    pub deprecation_lit: String,
    pub fields: Vec<FieldL>,
    pub spec: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct GroupL {
    pub wire: String,
    pub wire_lit: String,
    pub name: String,
    pub type_name: String,
    pub doc: Vec<String>,
    pub fields: Vec<FieldL>,
    pub spec: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct RecordL {
    pub type_name: String,
    pub fields: Vec<FieldL>,
    pub spec: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct FieldL {
    pub wire: String,
    pub wire_lit: String,
    /// Parameter or field identifier.
    pub name: String,
    /// Declared type, with the language's optional and nullable wrappers.
    pub ty: String,
    /// The value type alone.
    pub base: String,
    pub required: bool,
    pub nullable: bool,
    pub doc: Vec<String>,
    pub shape: Shape,
}

/// A value's type, for code that builds values (test drivers, docs).
#[derive(Clone, Debug, Serialize)]
pub struct Shape {
    /// string, integer, number, boolean, any, map, array, enum, object
    pub kind: &'static str,
    /// The enum or object type name.
    pub name: String,
    pub items: Option<Box<Shape>>,
    /// For enums: (wire value, member identifier).
    pub members: Vec<(Json, String)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct EnumL {
    pub name: String,
    pub doc: Vec<String>,
    /// string, integer
    pub kind: &'static str,
    pub members: Vec<MemberL>,
}

#[derive(Clone, Debug, Serialize)]
pub struct MemberL {
    pub name: String,
    /// The value as a literal of the language.
    pub lit: String,
    pub wire: Json,
}

#[derive(Clone, Debug, Serialize)]
pub struct ObjectL {
    pub name: String,
    pub doc: Vec<String>,
    pub fields: Vec<FieldL>,
}

/// Regular expressions standing in for `format:`, written in the subset
/// every target's regex engine reads the same way (no lookaround, no `\d`).
pub fn format_pattern(f: Format) -> &'static str {
    match f {
        Format::Email => r"^[^@\s]+@[^@\s]+$",
        Format::Uri => r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$",
        Format::Uuid => {
            r"^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$"
        }
        Format::DateTime => {
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})$"
        }
        Format::Date => r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
        Format::Ipv4 => {
            r"^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$"
        }
        Format::Ipv6 => r"^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$",
        Format::Hostname => {
            r"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"
        }
    }
}

struct Lowerer<'a> {
    lang: Lang,
    plan: &'a Plan,
    enums: Vec<EnumL>,
    /// Enum type name -> index in `enums`.
    enum_index: HashMap<String, usize>,
    objects: Vec<ObjectL>,
    /// Type name -> structural signature, to share identical types and to
    /// tell apart different ones that would get the same name.
    types: HashMap<String, String>,
    errors: Vec<String>,
    /// Set while rendering specs (which borrow `self` immutably).
    uses_num: Cell<bool>,
    uses_count: Cell<bool>,
}

pub fn lower(lang: Lang, cx: &TargetContext<'_>) -> Result<Model, String> {
    let plan = cx.plan;
    let mut l = Lowerer {
        lang,
        plan,
        enums: Vec::new(),
        enum_index: HashMap::new(),
        objects: Vec::new(),
        types: HashMap::new(),
        errors: Vec::new(),
        uses_num: Cell::new(false),
        uses_count: Cell::new(false),
    };
    let events: Vec<EventL> = cx.events.iter().map(|e| l.event(e)).collect();
    let identify = plan.identify.as_ref().map(|t| {
        let fields = l.fields("Traits", &t.properties);
        RecordL {
            type_name: "Traits".into(),
            spec: l.spec_record(&t.properties),
            fields,
        }
    });
    let context = plan.context.as_ref().map(|t| {
        let fields = l.fields("Context", &t.properties);
        RecordL {
            type_name: "Context".into(),
            spec: l.spec_record(&t.properties),
            fields,
        }
    });
    let groups: Vec<GroupL> = plan
        .groups
        .iter()
        .map(|g| {
            let type_name = l.type_ident(&format!("{} Group", g.key.value));
            let fields = l.fields(&format!("{} Group", g.key.value), &g.properties);
            let mut doc = text_lines(lang, g.description.as_ref().map(|d| d.value.as_str()));
            doc.push(String::new());
            doc.extend(comment_lines(
                lang,
                &format!("Group type `{}`.", g.key.value),
            ));
            GroupL {
                wire: g.key.value.clone(),
                wire_lit: string_literal(lang, &g.key.value),
                name: ident(lang, Kind::Function, &format!("{} group", g.key.value)),
                type_name,
                doc,
                spec: l.spec_record(&g.properties),
                fields,
            }
        })
        .collect();

    let mut names: Vec<(String, String)> = Vec::new();
    for e in &events {
        names.push((e.name.clone(), format!("event `{}`", e.wire)));
    }
    for g in &groups {
        names.push((g.name.clone(), format!("group `{}`", g.wire)));
    }
    l.unique("function", names);
    let mut types: Vec<(String, String)> = Vec::new();
    for e in &events {
        if !e.fields.is_empty() || lang == Lang::Go {
            types.push((e.type_name.clone(), format!("event `{}`", e.wire)));
        }
    }
    for g in &groups {
        types.push((g.type_name.clone(), format!("group `{}`", g.wire)));
    }
    if lang == Lang::Go {
        // Go enum constants share the package namespace with types.
        for e in &l.enums {
            for m in &e.members {
                types.push((m.name.clone(), format!("constant `{}`", m.name)));
            }
        }
    }
    for n in l
        .enums
        .iter()
        .map(|e| &e.name)
        .chain(l.objects.iter().map(|o| &o.name))
    {
        types.push((n.clone(), format!("type `{n}`")));
    }
    l.unique("type", types);
    if !l.errors.is_empty() {
        return Err(l.errors.join("\n"));
    }
    // Go packages are one lower-case word (`hostileplan`); Java and Kotlin
    // packages are snake case (`hostile_plan`).
    let package = match lang {
        Lang::Go => naming::words(&plan.meta.id.value).concat(),
        _ => naming::snake(&plan.meta.id.value),
    };
    Ok(Model {
        plan: PlanInfo {
            id: plan.meta.id.value.clone(),
            id_lit: string_literal(lang, &plan.meta.id.value),
            name_doc: comment_lines(lang, &plan.meta.name.value),
            version: plan.meta.version.as_ref().map(|v| v.value),
            package: naming::escape_ident(lang, package),
        },
        events,
        enums: l.enums,
        objects: l.objects,
        identify,
        groups,
        context,
        spec_helpers: SpecHelpers {
            num: l.uses_num.get(),
            count: l.uses_count.get(),
        },
    })
}

fn text_lines(lang: Lang, text: Option<&str>) -> Vec<String> {
    text.map(|t| comment_lines(lang, t)).unwrap_or_default()
}

impl Lowerer<'_> {
    fn unique(&mut self, what: &str, names: Vec<(String, String)>) {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (n, from) in &names {
            if let Some(prev) = seen.insert(n, from) {
                self.errors.push(format!(
                    "{prev} and {from} both become the {what} `{n}`; rename one of them"
                ));
            }
        }
    }

    fn type_ident(&self, name: &str) -> String {
        ident(self.lang, Kind::Type, name)
    }

    fn event(&mut self, e: &Event) -> EventL {
        let lang = self.lang;
        let type_name = self.type_ident(&format!("{} Properties", e.name.value));
        let fields = self.fields(&e.name.value, &e.properties);
        let mut doc = text_lines(lang, e.description.as_ref().map(|d| d.value.as_str()));
        doc.push(String::new());
        let owner = e.owner.as_ref().map(|o| {
            self.plan
                .owner(&o.value)
                .map_or(o.value.clone(), |ow| match &ow.contact {
                    Some(c) => format!("{} ({})", ow.name.value, c.value),
                    None => ow.name.value.clone(),
                })
        });
        let mut about = format!("Event `{}`", e.name.value);
        if let Some(o) = owner {
            let _ = write!(about, ", owned by {o}");
        }
        if let Some(s) = &e.side {
            let _ = write!(about, ", sent from the {} side", s.value.as_str());
        }
        if !e.sources.is_empty() {
            let srcs: Vec<&str> = e.sources.iter().map(|s| s.value.as_str()).collect();
            let _ = write!(about, " ({})", srcs.join(", "));
        }
        about.push('.');
        doc.extend(comment_lines(lang, &about));
        let notice = match &e.replaced_by {
            Some(r) => format!("Use `{}` instead.", r.value),
            None => "This event is deprecated.".to_string(),
        };
        EventL {
            wire: e.name.value.clone(),
            wire_lit: string_literal(lang, &e.name.value),
            name: ident(lang, Kind::Function, &e.name.value),
            type_name,
            doc,
            deprecated: e.is_deprecated(),
            deprecation: comment_lines(lang, &notice),
            deprecation_lit: string_literal(lang, &notice),
            spec: self.spec_record(&e.properties),
            fields,
        }
    }

    fn fields(&mut self, owner: &str, props: &[Property]) -> Vec<FieldL> {
        let out: Vec<FieldL> = props.iter().map(|p| self.field(owner, p)).collect();
        let names = out
            .iter()
            .map(|f| (f.name.clone(), format!("property `{}` of {owner}", f.wire)))
            .collect();
        self.unique("field", names);
        out
    }

    fn field(&mut self, owner: &str, p: &Property) -> FieldL {
        let lang = self.lang;
        let (base, shape) = self.value_type(owner, p);
        let nullable_ty = if p.nullable {
            match lang {
                Lang::TypeScript => format!("{base} | null"),
                Lang::Python => format!("Optional[{base}]"),
                Lang::Rust => format!("Option<{base}>"),
                Lang::Go if base != "any" => format!("*{base}"),
                Lang::Kotlin if !base.ends_with('?') => format!("{base}?"),
                _ => base.clone(),
            }
        } else {
            base.clone()
        };
        let ty = if p.required {
            nullable_ty
        } else {
            match lang {
                Lang::Rust => format!("Option<{nullable_ty}>"),
                Lang::Go => format!("Opt[{nullable_ty}]"),
                Lang::Kotlin if p.nullable => format!("Value<{nullable_ty}>?"),
                Lang::Kotlin if !nullable_ty.ends_with('?') => format!("{nullable_ty}?"),
                _ => nullable_ty,
            }
        };
        let mut doc = text_lines(lang, p.description.as_ref().map(|d| d.value.as_str()));
        if let Some(d) = &p.deprecated {
            let msg = match &d.value {
                Deprecation::Yes => "Deprecated.".to_string(),
                Deprecation::UseInstead(s) => format!("Deprecated: {s}"),
            };
            doc.extend(comment_lines(lang, &msg));
        }
        let name = match lang {
            // TypeScript records are keyed by wire name; quote when needed.
            Lang::TypeScript if is_plain_ident(&p.name.value) => p.name.value.clone(),
            Lang::TypeScript => string_literal(lang, &p.name.value),
            _ => ident(lang, Kind::Field, &p.name.value),
        };
        FieldL {
            wire: p.name.value.clone(),
            wire_lit: string_literal(lang, &p.name.value),
            name,
            ty,
            base,
            required: p.required,
            nullable: p.nullable,
            doc,
            shape,
        }
    }

    /// The value type of `p` (no optional or nullable wrapper), defining
    /// enum and object types on the way.
    fn value_type(&mut self, owner: &str, p: &Property) -> (String, Shape) {
        let lang = self.lang;
        let shape = |kind: &'static str| Shape {
            kind,
            name: String::new(),
            items: None,
            members: Vec::new(),
        };
        if let Some(values) = enum_values(p) {
            let kind = match p.ty.value {
                Type::String | Type::Date | Type::Datetime
                    if values.iter().all(Json::is_string) =>
                {
                    Some("string")
                }
                Type::Integer if values.iter().all(|v| v.is_i64()) => Some("integer"),
                _ => None,
            };
            if let Some(kind) = kind {
                let name = self.enum_type(owner, p, kind, &values);
                let members = self
                    .enum_index
                    .get(&name)
                    .and_then(|&i| self.enums.get(i))
                    .map(|e| {
                        e.members
                            .iter()
                            .map(|m| (m.wire.clone(), m.name.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                return (
                    name.clone(),
                    Shape {
                        kind: "enum",
                        name,
                        items: None,
                        members,
                    },
                );
            }
        }
        let t = |ts: &str, py: &str, rs: &str, go: &str, java: &str, kt: &str| -> String {
            match lang {
                Lang::TypeScript | Lang::Generic => ts,
                Lang::Python => py,
                Lang::Rust => rs,
                Lang::Go => go,
                Lang::Java => java,
                Lang::Kotlin => kt,
            }
            .to_string()
        };
        match p.ty.value {
            Type::String | Type::Date | Type::Datetime => (
                t("string", "str", "String", "string", "String", "String"),
                shape("string"),
            ),
            Type::Integer => (
                t("number", "int", "i64", "int64", "Long", "Long"),
                shape("integer"),
            ),
            Type::Number => (
                t("number", "float", "f64", "float64", "Double", "Double"),
                shape("number"),
            ),
            Type::Boolean => (
                t("boolean", "bool", "bool", "bool", "Boolean", "Boolean"),
                shape("boolean"),
            ),
            Type::Any => (
                t(
                    "JsonValue",
                    "JsonValue",
                    "serde_json::Value",
                    "any",
                    "Object",
                    "Any?",
                ),
                shape("any"),
            ),
            Type::Array => {
                let (inner, ishape) = match &p.items {
                    Some(items) => {
                        let mut item = (**items).clone();
                        item.name.value = "item".into();
                        item.shared = false;
                        self.value_type(&format!("{owner} {}", p.name.value), &item)
                    }
                    None => (
                        t(
                            "JsonValue",
                            "JsonValue",
                            "serde_json::Value",
                            "any",
                            "Object",
                            "Any?",
                        ),
                        shape("any"),
                    ),
                };
                let ty = match lang {
                    Lang::TypeScript | Lang::Generic => format!("Array<{inner}>"),
                    Lang::Python => format!("list[{inner}]"),
                    Lang::Rust => format!("Vec<{inner}>"),
                    Lang::Go => format!("[]{inner}"),
                    Lang::Java | Lang::Kotlin => format!("List<{inner}>"),
                };
                let mut s = shape("array");
                s.items = Some(Box::new(ishape));
                (ty, s)
            }
            Type::Object if p.properties.is_empty() => (
                t(
                    "JsonObject",
                    "dict[str, JsonValue]",
                    "serde_json::Map<String, serde_json::Value>",
                    "map[string]any",
                    "Map<String, Object>",
                    "Map<String, Any?>",
                ),
                shape("map"),
            ),
            Type::Object => {
                let name = self.object_type(owner, p);
                let mut s = shape("object");
                s.name = name.clone();
                (name, s)
            }
        }
    }

    /// The name for an enum or object type of `p`: the property's own name
    /// when it is a shared definition, else prefixed by its owner. The same
    /// name with a different structure falls back to the prefixed name.
    fn type_name_for(&mut self, owner: &str, p: &Property, sig: &str) -> (String, bool) {
        let mut candidates = Vec::new();
        if p.shared {
            candidates.push(self.type_ident(&p.name.value));
        }
        candidates.push(self.type_ident(&format!("{owner} {}", p.name.value)));
        for c in &candidates {
            match self.types.get(c) {
                Some(s) if s == sig => return (c.clone(), true),
                Some(_) => continue,
                None => {
                    self.types.insert(c.clone(), sig.to_string());
                    return (c.clone(), false);
                }
            }
        }
        // Both taken by different types: the duplicate check reports it.
        (candidates.pop().unwrap_or_default(), false)
    }

    fn enum_type(
        &mut self,
        owner: &str,
        p: &Property,
        kind: &'static str,
        values: &[Json],
    ) -> String {
        let sig = format!("enum {kind} {}", Json::Array(values.to_vec()));
        let (name, existed) = self.type_name_for(owner, p, &sig);
        if existed {
            return name;
        }
        let lang = self.lang;
        let mut members: Vec<MemberL> = Vec::new();
        for v in values {
            let base = match v {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            let mut m = match lang {
                Lang::Go => format!("{name}{}", naming::go_pascal(&base)),
                _ => ident(lang, Kind::EnumMember, &base),
            };
            // Values are data, not names: disambiguate instead of failing.
            let stem = m.clone();
            let mut n = 2;
            while members.iter().any(|x| x.name == m) {
                m = format!("{stem}{n}");
                n += 1;
            }
            let lit = match v {
                Json::String(s) => string_literal(lang, s),
                other => other.to_string(),
            };
            members.push(MemberL {
                name: m,
                lit,
                wire: v.clone(),
            });
        }
        self.enum_index.insert(name.clone(), self.enums.len());
        self.enums.push(EnumL {
            name: name.clone(),
            doc: text_lines(lang, p.description.as_ref().map(|d| d.value.as_str())),
            kind,
            members,
        });
        name
    }

    fn object_type(&mut self, owner: &str, p: &Property) -> String {
        let sig = format!("object {}", signature(p));
        let (name, existed) = self.type_name_for(owner, p, &sig);
        if existed {
            return name;
        }
        // Children first, so languages that need definitions before use
        // (Python type aliases) get them in order.
        let fields = self.fields(&name, &p.properties);
        self.objects.push(ObjectL {
            name: name.clone(),
            doc: text_lines(self.lang, p.description.as_ref().map(|d| d.value.as_str())),
            fields,
        });
        name
    }

    fn spec_record(&self, props: &[Property]) -> String {
        let children: Vec<(String, String)> = props
            .iter()
            .filter_map(|p| self.spec(p).map(|s| (p.name.value.clone(), s)))
            .collect();
        self.render_spec(&Constraints::default(), None, &children)
            .unwrap_or_else(|| self.empty_spec())
    }

    fn empty_spec(&self) -> String {
        match self.lang {
            Lang::TypeScript | Lang::Generic => "{}".into(),
            Lang::Python => "{}".into(),
            Lang::Rust => "Spec::EMPTY".into(),
            Lang::Go => "&Spec{}".into(),
            Lang::Java | Lang::Kotlin => "Spec.EMPTY".into(),
        }
    }

    /// The run-time checks for `p` as an expression, or None without any.
    fn spec(&self, p: &Property) -> Option<String> {
        let mut c = Constraints::default();
        if let Some(pat) = &p.pattern {
            c.patterns.push(pat.value.clone());
        }
        if let Some(f) = &p.format {
            c.patterns.push(format_pattern(f.value).to_string());
        }
        if p.ty.value == Type::Date && p.format.is_none() {
            c.patterns.push(format_pattern(Format::Date).to_string());
        }
        if p.ty.value == Type::Datetime && p.format.is_none() {
            c.patterns
                .push(format_pattern(Format::DateTime).to_string());
        }
        c.min = p.minimum.as_ref().map(|v| v.value);
        c.max = p.maximum.as_ref().map(|v| v.value);
        c.min_length = p.min_length.as_ref().map(|v| v.value);
        c.max_length = p.max_length.as_ref().map(|v| v.value);
        c.min_items = p.min_items.as_ref().map(|v| v.value);
        c.max_items = p.max_items.as_ref().map(|v| v.value);
        c.unique = p.unique_items;
        c.integer = p.ty.value == Type::Integer && matches!(self.lang, Lang::TypeScript);
        if let Some(values) = enum_values(p) {
            let typed = match p.ty.value {
                Type::String | Type::Date | Type::Datetime => values.iter().all(Json::is_string),
                Type::Integer => values.iter().all(Json::is_i64),
                _ => false,
            };
            if !typed {
                c.one_of = values
                    .into_iter()
                    .filter(|v| v.is_number() || v.is_boolean())
                    .collect();
            }
        }
        let items = p.items.as_ref().and_then(|i| self.spec(i));
        let children: Vec<(String, String)> = p
            .properties
            .iter()
            .filter_map(|q| self.spec(q).map(|s| (q.name.value.clone(), s)))
            .collect();
        self.render_spec(&c, items, &children)
    }

    fn render_spec(
        &self,
        c: &Constraints,
        items: Option<String>,
        props: &[(String, String)],
    ) -> Option<String> {
        if c.is_empty() && items.is_none() && props.is_empty() {
            return None;
        }
        let lang = self.lang;
        let lit = |s: &str| string_literal(lang, s);
        let float = |f: f64| format!("{f:?}");
        let mut parts: Vec<String> = Vec::new();
        let pats: Vec<String> = c.patterns.iter().map(|p| lit(p)).collect();
        let one_of: Vec<String> = c
            .one_of
            .iter()
            .map(|v| match (lang, v) {
                (Lang::Python, Json::Bool(true)) => "True".into(),
                (Lang::Python, Json::Bool(false)) => "False".into(),
                (_, Json::Number(n)) => float(n.as_f64().unwrap_or_default()),
                (_, other) => other.to_string(),
            })
            .collect();
        match lang {
            Lang::TypeScript | Lang::Python | Lang::Generic => {
                let py = lang == Lang::Python;
                let key = |k: &str| {
                    if py {
                        format!("\"{k}\"")
                    } else {
                        k.to_string()
                    }
                };
                let t = if py { "True" } else { "true" };
                if !pats.is_empty() {
                    parts.push(format!("{}: [{}]", key("patterns"), pats.join(", ")));
                }
                for (k, v) in [("min", c.min), ("max", c.max)] {
                    if let Some(v) = v {
                        parts.push(format!("{}: {}", key(k), float(v)));
                    }
                }
                for (k, v) in [
                    ("minLength", c.min_length),
                    ("maxLength", c.max_length),
                    ("minItems", c.min_items),
                    ("maxItems", c.max_items),
                ] {
                    if let Some(v) = v {
                        parts.push(format!("{}: {v}", key(k)));
                    }
                }
                if c.unique {
                    parts.push(format!("{}: {t}", key("unique")));
                }
                if c.integer {
                    parts.push(format!("{}: {t}", key("integer")));
                }
                if !one_of.is_empty() {
                    parts.push(format!("{}: [{}]", key("oneOf"), one_of.join(", ")));
                }
                if let Some(i) = items {
                    parts.push(format!("{}: {i}", key("items")));
                }
                if !props.is_empty() {
                    let ps: Vec<String> = props
                        .iter()
                        .map(|(k, v)| format!("[{}, {v}]", lit(k)))
                        .collect();
                    parts.push(format!("{}: [{}]", key("props"), ps.join(", ")));
                }
                Some(format!("{{ {} }}", parts.join(", ")))
            }
            Lang::Rust => {
                if !pats.is_empty() {
                    parts.push(format!("patterns: &[{}]", pats.join(", ")));
                }
                for (k, v) in [("min", c.min), ("max", c.max)] {
                    if let Some(v) = v {
                        parts.push(format!("{k}: Some({})", float(v)));
                    }
                }
                for (k, v) in [
                    ("min_length", c.min_length),
                    ("max_length", c.max_length),
                    ("min_items", c.min_items),
                    ("max_items", c.max_items),
                ] {
                    if let Some(v) = v {
                        parts.push(format!("{k}: Some({v})"));
                    }
                }
                if c.unique {
                    parts.push("unique: true".into());
                }
                if !c.one_of.is_empty() {
                    let vs: Vec<String> = c
                        .one_of
                        .iter()
                        .map(|v| match v {
                            Json::Bool(b) => format!("Lit::Bool({b})"),
                            other => {
                                format!("Lit::Num({})", float(other.as_f64().unwrap_or_default()))
                            }
                        })
                        .collect();
                    parts.push(format!("one_of: &[{}]", vs.join(", ")));
                }
                if let Some(i) = items {
                    parts.push(format!("items: Some(&{i})"));
                }
                if !props.is_empty() {
                    let ps: Vec<String> = props
                        .iter()
                        .map(|(k, v)| format!("({}, &{v})", lit(k)))
                        .collect();
                    parts.push(format!("props: &[{}]", ps.join(", ")));
                }
                parts.push("..Spec::EMPTY".into());
                Some(format!("Spec {{ {} }}", parts.join(", ")))
            }
            Lang::Go => {
                if !pats.is_empty() {
                    parts.push(format!("Patterns: []string{{{}}}", pats.join(", ")));
                }
                for (k, v) in [("Min", c.min), ("Max", c.max)] {
                    if let Some(v) = v {
                        parts.push(format!("{k}: num({})", float(v)));
                        self.uses_num.set(true);
                    }
                }
                for (k, v) in [
                    ("MinLength", c.min_length),
                    ("MaxLength", c.max_length),
                    ("MinItems", c.min_items),
                    ("MaxItems", c.max_items),
                ] {
                    if let Some(v) = v {
                        parts.push(format!("{k}: count({v})"));
                        self.uses_count.set(true);
                    }
                }
                if c.unique {
                    parts.push("Unique: true".into());
                }
                if !one_of.is_empty() {
                    parts.push(format!("OneOf: []any{{{}}}", one_of.join(", ")));
                }
                if let Some(i) = items {
                    parts.push(format!("Items: {i}"));
                }
                if !props.is_empty() {
                    let ps: Vec<String> = props
                        .iter()
                        .map(|(k, v)| format!("{{{}, {v}}}", lit(k)))
                        .collect();
                    parts.push(format!("Props: []SpecProp{{{}}}", ps.join(", ")));
                }
                Some(format!("&Spec{{{}}}", parts.join(", ")))
            }
            Lang::Java | Lang::Kotlin => {
                let new = if lang == Lang::Java {
                    "new Spec()"
                } else {
                    "Spec()"
                };
                let mut s = new.to_string();
                let long = |v: u64| format!("{v}L");
                if !pats.is_empty() {
                    let _ = write!(s, ".patterns({})", pats.join(", "));
                }
                for (k, v) in [("min", c.min), ("max", c.max)] {
                    if let Some(v) = v {
                        let _ = write!(s, ".{k}({})", float(v));
                    }
                }
                for (k, v) in [
                    ("minLength", c.min_length),
                    ("maxLength", c.max_length),
                    ("minItems", c.min_items),
                    ("maxItems", c.max_items),
                ] {
                    if let Some(v) = v {
                        let _ = write!(s, ".{k}({})", long(v));
                    }
                }
                if c.unique {
                    s.push_str(".unique()");
                }
                if !one_of.is_empty() {
                    let _ = write!(s, ".oneOf({})", one_of.join(", "));
                }
                if let Some(i) = items {
                    let _ = write!(s, ".items({i})");
                }
                for (k, v) in props {
                    let _ = write!(s, ".prop({}, {v})", lit(k));
                }
                Some(s)
            }
        }
    }
}

#[derive(Default)]
struct Constraints {
    patterns: Vec<String>,
    min: Option<f64>,
    max: Option<f64>,
    min_length: Option<u64>,
    max_length: Option<u64>,
    min_items: Option<u64>,
    max_items: Option<u64>,
    unique: bool,
    integer: bool,
    one_of: Vec<Json>,
}

impl Constraints {
    fn is_empty(&self) -> bool {
        self.patterns.is_empty()
            && self.min.is_none()
            && self.max.is_none()
            && self.min_length.is_none()
            && self.max_length.is_none()
            && self.min_items.is_none()
            && self.max_items.is_none()
            && !self.unique
            && !self.integer
            && self.one_of.is_empty()
    }
}

/// `enum:` values, with `const:` treated as a one-value enum.
fn enum_values(p: &Property) -> Option<Vec<Json>> {
    if let Some(e) = p.enum_json() {
        return Some(e.into_iter().cloned().collect());
    }
    p.const_value.as_ref().map(|c| vec![c.value.clone()])
}

/// A structural description of a property's type, to tell whether two
/// uses can share one generated type.
fn signature(p: &Property) -> String {
    let mut s = p.ty.value.as_str().to_string();
    if let Some(e) = enum_values(p) {
        let _ = write!(s, "{}", Json::Array(e));
    }
    if let Some(i) = &p.items {
        let _ = write!(s, "[{}]", signature(i));
    }
    if !p.properties.is_empty() {
        s.push('{');
        for q in &p.properties {
            let _ = write!(
                s,
                "{:?}:{}{}{};",
                q.name.value,
                if q.required { "" } else { "?" },
                if q.nullable { "|null" } else { "" },
                signature(q)
            );
        }
        s.push('}');
    }
    s
}

fn is_plain_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// The events of the plan on `side`, or all of them (for tests and tools
/// that build a context without a build output).
pub fn events_on(plan: &Plan, side: Option<Side>) -> Vec<&Event> {
    plan.events
        .iter()
        .filter(|e| side.is_none() || e.side.as_ref().map(|s| s.value) == side)
        .collect()
}
