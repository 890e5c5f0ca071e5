//! Two [`Plan`]s in, a list of classified changes out.
//!
//! Events are matched by wire name; an unmatched pair whose names fold alike
//! is a case/separator change, and an unmatched pair with close names and
//! properties a likely rename. Shared property definitions are not compared
//! on their own: they are already applied to every event that uses them, so
//! a change to one shows once per event it affects, where it matters.

use super::kind::Kind;
use super::{Change, Revision};
use crate::lint::util::fold;
use crate::model::{Deprecation, Event, Group, Plan, Property, Status};
use crate::source::{Span, Spanned};
use serde_json::{Value as Json, json};
use std::collections::HashMap;

/// How close two names must be (normalised Damerau-Levenshtein on lowercase)
/// and how much their property names must overlap (Jaccard) for a removed
/// and an added event to be reported as a likely rename.
const RENAME_NAME_SIMILARITY: f64 = 0.7;
const RENAME_PROPERTY_OVERLAP: f64 = 0.6;

pub fn compare(old: &Plan, new: &Plan) -> Vec<Change> {
    let mut out = Vec::new();
    compare_events(old, new, &mut out);
    compare_traits(
        &Container::Identify,
        old.identify.as_ref().map(|t| &t.properties[..]),
        new.identify.as_ref().map(|t| &t.properties[..]),
        &mut out,
    );
    compare_groups(&old.groups, &new.groups, &mut out);
    compare_traits(
        &Container::Context,
        old.context.as_ref().map(|t| &t.properties[..]),
        new.context.as_ref().map(|t| &t.properties[..]),
        &mut out,
    );
    out
}

/// What holds a property list; decides how changes are worded and owned.
#[derive(Clone, Debug)]
enum Container {
    Event { name: String, owner: Option<String> },
    Identify,
    Group(String),
    Context,
}

impl Container {
    fn property(&self, path: &str) -> String {
        match self {
            Container::Event { name, .. } => format!("property `{path}` of event `{name}`"),
            Container::Identify => format!("identify trait `{path}`"),
            Container::Group(g) => format!("trait `{path}` of group `{g}`"),
            Container::Context => format!("context property `{path}`"),
        }
    }

    fn change(&self, kind: Kind, at: (Revision, Span), message: String) -> Change {
        let (event, owner) = match self {
            Container::Event { name, owner } => (Some(name.clone()), owner.clone()),
            _ => (None, None),
        };
        Change {
            kind,
            at: Some(at),
            location: None,
            event,
            owner,
            message,
            before: None,
            after: None,
        }
    }
}

fn event_change(kind: Kind, e: &Event, at: (Revision, Span), message: String) -> Change {
    Change {
        kind,
        at: Some(at),
        location: None,
        event: Some(e.name.value.clone()),
        owner: e.owner.as_ref().map(|o| o.value.clone()),
        message,
        before: None,
        after: None,
    }
}

fn compare_events(old: &Plan, new: &Plan, out: &mut Vec<Change>) {
    // Indexed: `Plan::event` is a linear scan, and plans have 10,000 events.
    let index = |plan: &'_ Plan| -> HashMap<String, usize> {
        let mut map = HashMap::with_capacity(plan.events.len());
        for (i, e) in plan.events.iter().enumerate() {
            // The first definition wins, as in `Plan::event`.
            map.entry(e.name.value.clone()).or_insert(i);
        }
        map
    };
    let (old_index, new_index) = (index(old), index(new));
    let old_event = |name: &str| old_index.get(name).and_then(|&i| old.events.get(i));
    let mut removed: Vec<&Event> = old
        .events
        .iter()
        .filter(|e| !new_index.contains_key(&e.name.value))
        .collect();
    let mut added: Vec<&Event> = new
        .events
        .iter()
        .filter(|e| !old_index.contains_key(&e.name.value))
        .collect();

    // Pairs that are "the same" event under another wire name.
    let mut case_pairs = Vec::new();
    removed.retain(|r| {
        let folded = fold(&r.name.value);
        match added.iter().position(|a| fold(&a.name.value) == folded) {
            Some(i) => {
                case_pairs.push((*r, added.remove(i)));
                false
            }
            None => true,
        }
    });
    let mut renames = Vec::new();
    removed.retain(|r| match best_rename(r, &added) {
        Some(i) => {
            renames.push((*r, added.remove(i)));
            false
        }
        None => true,
    });

    for n in &new.events {
        if let Some(o) = old_event(&n.name.value) {
            compare_event(o, n, out);
        } else if let Some((o, _)) = case_pairs.iter().find(|(_, a)| std::ptr::eq(*a, n)) {
            let mut c = event_change(
                Kind::EventNameCaseChanged,
                n,
                (Revision::New, n.name.span),
                format!(
                    "event `{}` is now sent as `{}`: only case or separators changed, but it is a different event on the wire",
                    o.name.value, n.name.value
                ),
            );
            c.before = Some(json!(o.name.value));
            c.after = Some(json!(n.name.value));
            out.push(c);
            compare_event(o, n, out);
        } else if let Some((o, _)) = renames.iter().find(|(_, a)| std::ptr::eq(*a, n)) {
            let mut c = event_change(
                Kind::EventRenamed,
                n,
                (Revision::New, n.name.span),
                format!(
                    "event `{}` was removed and `{}` added with nearly the same name and properties: likely a rename, which breaks every query on the old name",
                    o.name.value, n.name.value
                ),
            );
            c.before = Some(json!(o.name.value));
            c.after = Some(json!(n.name.value));
            out.push(c);
        } else {
            out.push(event_change(
                Kind::EventAdded,
                n,
                (Revision::New, n.name.span),
                format!("event `{}` was added", n.name.value),
            ));
        }
    }
    for o in removed {
        out.push(event_change(
            Kind::EventRemoved,
            o,
            (Revision::Old, o.name.span),
            format!("event `{}` was removed", o.name.value),
        ));
    }
}

/// The added event most like `removed`, if it is close enough to be a rename.
fn best_rename(removed: &Event, added: &[&Event]) -> Option<usize> {
    let name = removed.name.value.to_lowercase();
    let props =
        |e: &Event| -> Vec<String> { e.properties.iter().map(|p| p.name.value.clone()).collect() };
    let old_props = props(removed);
    added
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let name_score =
                strsim::normalized_damerau_levenshtein(&name, &a.name.value.to_lowercase());
            let overlap = jaccard(&old_props, &props(a));
            (name_score >= RENAME_NAME_SIMILARITY && overlap >= RENAME_PROPERTY_OVERLAP)
                .then_some((i, name_score + overlap))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let common = a.iter().filter(|x| b.contains(x)).count();
    let union = a.len() + b.len() - common;
    common as f64 / union as f64
}

fn compare_event(o: &Event, n: &Event, out: &mut Vec<Change>) {
    let new_at = |span: Span| (Revision::New, span);
    let name = &n.name.value;
    if let (Some(os), Some(ns)) = (&o.side, &n.side)
        && os.value != ns.value
    {
        let mut c = event_change(
            Kind::EventSideChanged,
            n,
            new_at(ns.span),
            format!(
                "event `{name}` moved from the {} side to the {} side",
                os.value.as_str(),
                ns.value.as_str()
            ),
        );
        c.before = Some(json!(os.value.as_str()));
        c.after = Some(json!(ns.value.as_str()));
        out.push(c);
    } else {
        let names =
            |e: &Event| -> Vec<String> { e.sources.iter().map(|s| s.value.clone()).collect() };
        if names(o) != names(n) {
            let at = n.sources.first().map_or(n.name.span, |s| s.span);
            let mut c = event_change(
                Kind::EventSourcesChanged,
                n,
                new_at(at),
                format!("sources of event `{name}` changed"),
            );
            c.before = Some(json!(names(o)));
            c.after = Some(json!(names(n)));
            out.push(c);
        }
    }
    match (o.status.value, n.status.value) {
        (Status::Active, Status::Deprecated) => {
            let hint = n
                .replaced_by
                .as_ref()
                .map(|r| format!(" (replaced by `{}`)", r.value))
                .unwrap_or_default();
            out.push(event_change(
                Kind::EventDeprecated,
                n,
                new_at(n.status.span),
                format!("event `{name}` was deprecated{hint}"),
            ));
        }
        (Status::Deprecated, Status::Active) => out.push(event_change(
            Kind::EventUndeprecated,
            n,
            new_at(n.name.span),
            format!("event `{name}` is no longer deprecated"),
        )),
        _ => {}
    }
    type Text = Option<Spanned<String>>;
    let text_fields: [(Kind, &str, &Text, &Text); 3] = [
        (
            Kind::EventDescriptionChanged,
            "description",
            &o.description,
            &n.description,
        ),
        (Kind::EventOwnerChanged, "owner", &o.owner, &n.owner),
        (
            Kind::EventCategoryChanged,
            "category",
            &o.category,
            &n.category,
        ),
    ];
    for (kind, what, ov, nv) in text_fields {
        let value = |v: &Text| v.as_ref().map(|s| s.value.clone());
        if value(ov) != value(nv) {
            let at = nv.as_ref().map_or(n.name.span, |s| s.span);
            let mut c = event_change(
                kind,
                n,
                new_at(at),
                format!("{what} of event `{name}` changed"),
            );
            c.before = value(ov).map(Json::from);
            c.after = value(nv).map(Json::from);
            out.push(c);
        }
    }
    let tags = |e: &Event| -> Vec<String> { e.tags.iter().map(|s| s.value.clone()).collect() };
    if tags(o) != tags(n) {
        let at = n.tags.first().map_or(n.name.span, |s| s.span);
        let mut c = event_change(
            Kind::EventTagsChanged,
            n,
            new_at(at),
            format!("tags of event `{name}` changed"),
        );
        c.before = Some(json!(tags(o)));
        c.after = Some(json!(tags(n)));
        out.push(c);
    }
    let container = Container::Event {
        name: name.clone(),
        owner: n.owner.as_ref().map(|o| o.value.clone()),
    };
    compare_properties(&container, "", &o.properties, &n.properties, out);
}

fn compare_groups(old: &[Group], new: &[Group], out: &mut Vec<Change>) {
    let find = |list: &[Group], key: &str| list.iter().any(|g| g.key.value == key);
    for n in new {
        match old.iter().find(|o| o.key.value == n.key.value) {
            Some(o) => compare_properties(
                &Container::Group(n.key.value.clone()),
                "",
                &o.properties,
                &n.properties,
                out,
            ),
            None => out.push(Container::Group(n.key.value.clone()).change(
                Kind::GroupAdded,
                (Revision::New, n.key.span),
                format!("group `{}` was added", n.key.value),
            )),
        }
    }
    for o in old.iter().filter(|o| !find(new, &o.key.value)) {
        out.push(Container::Group(o.key.value.clone()).change(
            Kind::GroupRemoved,
            (Revision::Old, o.key.span),
            format!("group `{}` was removed", o.key.value),
        ));
    }
}

fn compare_traits(
    container: &Container,
    old: Option<&[Property]>,
    new: Option<&[Property]>,
    out: &mut Vec<Change>,
) {
    compare_properties(
        container,
        "",
        old.unwrap_or_default(),
        new.unwrap_or_default(),
        out,
    );
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_string()
    } else {
        format!("{prefix}.{name}")
    }
}

fn find<'a>(list: &'a [Property], name: &str) -> Option<&'a Property> {
    list.iter().find(|p| p.name.value == name)
}

fn compare_properties(
    container: &Container,
    prefix: &str,
    old: &[Property],
    new: &[Property],
    out: &mut Vec<Change>,
) {
    for n in new {
        let path = join(prefix, &n.name.value);
        match find(old, &n.name.value) {
            Some(o) => compare_property(container, &path, o, n, out),
            None => {
                let (kind, what) = if n.required {
                    (
                        Kind::PropertyAddedRequired,
                        "was added as required: producers that do not send it now fail validation",
                    )
                } else {
                    (Kind::PropertyAdded, "was added (optional)")
                };
                out.push(container.change(
                    kind,
                    (Revision::New, n.name.span),
                    format!("{} {what}", container.property(&path)),
                ));
            }
        }
    }
    for o in old.iter().filter(|o| find(new, &o.name.value).is_none()) {
        let path = join(prefix, &o.name.value);
        out.push(container.change(
            Kind::PropertyRemoved,
            (Revision::Old, o.name.span),
            format!("{} was removed", container.property(&path)),
        ));
    }
}

/// Pushes one change about a property, with before/after values.
struct PropertyChanges<'a> {
    container: &'a Container,
    subject: String,
    fallback: Span,
    out: &'a mut Vec<Change>,
}

impl PropertyChanges<'_> {
    fn push(&mut self, kind: Kind, at: Option<Span>, what: String, before: Json, after: Json) {
        let mut c = self.container.change(
            kind,
            (Revision::New, at.unwrap_or(self.fallback)),
            format!("{}: {what}", self.subject),
        );
        c.before = Some(before).filter(|v| !v.is_null());
        c.after = Some(after).filter(|v| !v.is_null());
        self.out.push(c);
    }
}

fn compare_property(
    container: &Container,
    path: &str,
    o: &Property,
    n: &Property,
    out: &mut Vec<Change>,
) {
    let mut ch = PropertyChanges {
        container,
        subject: container.property(path),
        fallback: n.name.span,
        out,
    };
    if o.ty.value != n.ty.value {
        ch.push(
            Kind::PropertyTypeChanged,
            Some(n.ty.span),
            format!(
                "type changed from {} to {}",
                o.ty.value.as_str(),
                n.ty.value.as_str()
            ),
            json!(o.ty.value.as_str()),
            json!(n.ty.value.as_str()),
        );
        // Every other comparison is meaningless across types.
        return;
    }
    match (o.required, n.required) {
        (false, true) => ch.push(
            Kind::PropertyMadeRequired,
            None,
            "became required".into(),
            json!(false),
            json!(true),
        ),
        (true, false) => ch.push(
            Kind::PropertyMadeOptional,
            None,
            "became optional".into(),
            json!(true),
            json!(false),
        ),
        _ => {}
    }
    match (o.nullable, n.nullable) {
        (true, false) => ch.push(
            Kind::PropertyMadeNonNullable,
            None,
            "no longer accepts null".into(),
            json!(true),
            json!(false),
        ),
        (false, true) => ch.push(
            Kind::PropertyMadeNullable,
            None,
            "now accepts null".into(),
            json!(false),
            json!(true),
        ),
        _ => {}
    }
    compare_enum(&mut ch, o, n);
    compare_const_and_pattern(&mut ch, o, n);
    let lower = [
        (
            "minimum",
            num(&o.minimum),
            num(&n.minimum),
            n.minimum.as_ref().map(|s| s.span),
        ),
        (
            "min_length",
            uint(&o.min_length),
            uint(&n.min_length),
            n.min_length.as_ref().map(|s| s.span),
        ),
        (
            "min_items",
            uint(&o.min_items),
            uint(&n.min_items),
            n.min_items.as_ref().map(|s| s.span),
        ),
    ];
    for (key, ov, nv, at) in lower {
        compare_bound(&mut ch, key, Bound::Lower, ov, nv, at);
    }
    let upper = [
        (
            "maximum",
            num(&o.maximum),
            num(&n.maximum),
            n.maximum.as_ref().map(|s| s.span),
        ),
        (
            "max_length",
            uint(&o.max_length),
            uint(&n.max_length),
            n.max_length.as_ref().map(|s| s.span),
        ),
        (
            "max_items",
            uint(&o.max_items),
            uint(&n.max_items),
            n.max_items.as_ref().map(|s| s.span),
        ),
    ];
    for (key, ov, nv, at) in upper {
        compare_bound(&mut ch, key, Bound::Upper, ov, nv, at);
    }
    let format = |p: &Property| p.format.as_ref().map(|f| f.value.as_str());
    match (format(o), format(n)) {
        (None, Some(f)) => ch.push(
            Kind::ConstraintNarrowed,
            n.format.as_ref().map(|f| f.span),
            format!("`format: {f}` was added"),
            Json::Null,
            json!(f),
        ),
        (Some(a), Some(b)) if a != b => ch.push(
            Kind::ConstraintNarrowed,
            n.format.as_ref().map(|f| f.span),
            format!("`format` changed from {a} to {b}"),
            json!(a),
            json!(b),
        ),
        (Some(f), None) => ch.push(
            Kind::ConstraintWidened,
            None,
            format!("`format: {f}` was removed"),
            json!(f),
            Json::Null,
        ),
        _ => {}
    }
    match (o.unique_items, n.unique_items) {
        (false, true) => ch.push(
            Kind::ConstraintNarrowed,
            None,
            "`unique_items` was turned on".into(),
            json!(false),
            json!(true),
        ),
        (true, false) => ch.push(
            Kind::ConstraintWidened,
            None,
            "`unique_items` was turned off".into(),
            json!(true),
            json!(false),
        ),
        _ => {}
    }
    compare_docs(&mut ch, o, n);

    match (&o.items, &n.items) {
        (Some(oi), Some(ni)) => {
            compare_property(container, &format!("{path}[]"), oi, ni, &mut *ch.out)
        }
        (None, Some(ni)) => ch.push(
            Kind::ConstraintNarrowed,
            Some(ni.span),
            format!("`items` was added (type {})", ni.ty.value.as_str()),
            Json::Null,
            json!(ni.ty.value.as_str()),
        ),
        (Some(oi), None) => ch.push(
            Kind::ConstraintWidened,
            None,
            "`items` was removed".into(),
            json!(oi.ty.value.as_str()),
            Json::Null,
        ),
        (None, None) => {}
    }
    if !o.properties.is_empty() || !n.properties.is_empty() {
        compare_properties(container, path, &o.properties, &n.properties, ch.out);
    }
}

fn num(v: &Option<Spanned<f64>>) -> Option<f64> {
    v.as_ref().map(|s| s.value)
}

fn uint(v: &Option<Spanned<u64>>) -> Option<f64> {
    v.as_ref().map(|s| s.value as f64)
}

fn number_json(v: f64) -> Json {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Bound {
    Lower,
    Upper,
}

fn compare_bound(
    ch: &mut PropertyChanges,
    key: &str,
    bound: Bound,
    old: Option<f64>,
    new: Option<f64>,
    at: Option<Span>,
) {
    let shown = |v: f64| number_json(v).to_string();
    let (kind, what) = match (old, new) {
        (None, Some(b)) => (
            Kind::ConstraintNarrowed,
            format!("`{key}: {}` was added", shown(b)),
        ),
        (Some(a), None) => (
            Kind::ConstraintWidened,
            format!("`{key}: {}` was removed", shown(a)),
        ),
        (Some(a), Some(b)) if a != b => {
            let raised = b > a;
            let narrowed = raised == (bound == Bound::Lower);
            let verb = if raised { "raised" } else { "lowered" };
            let kind = if narrowed {
                Kind::ConstraintNarrowed
            } else {
                Kind::ConstraintWidened
            };
            (
                kind,
                format!("`{key}` {verb} from {} to {}", shown(a), shown(b)),
            )
        }
        _ => return,
    };
    ch.push(
        kind,
        at,
        what,
        old.map_or(Json::Null, number_json),
        new.map_or(Json::Null, number_json),
    );
}

fn compare_enum(ch: &mut PropertyChanges, o: &Property, n: &Property) {
    let at = n.enum_values.as_ref().map(|e| e.span);
    match (o.enum_json(), n.enum_json()) {
        (None, Some(values)) => ch.push(
            Kind::ConstraintNarrowed,
            at,
            "an `enum` was added".into(),
            Json::Null,
            json!(values),
        ),
        (Some(values), None) => ch.push(
            Kind::ConstraintWidened,
            None,
            "its `enum` was removed".into(),
            json!(values),
            Json::Null,
        ),
        (Some(ov), Some(nv)) => {
            for v in ov.iter().filter(|v| !nv.contains(v)) {
                ch.push(
                    Kind::EnumValueRemoved,
                    at,
                    format!("enum value {v} was removed"),
                    (*v).clone(),
                    Json::Null,
                );
            }
            for v in nv.iter().filter(|v| !ov.contains(v)) {
                // Point at the value itself when we can find it.
                let value_at = n
                    .enum_values
                    .as_ref()
                    .and_then(|e| e.value.iter().find(|x| &&x.value == v))
                    .map(|x| x.span)
                    .or(at);
                ch.push(
                    Kind::EnumValueAdded,
                    value_at,
                    format!("enum value {v} was added"),
                    Json::Null,
                    (*v).clone(),
                );
            }
        }
        (None, None) => {}
    }
}

fn compare_const_and_pattern(ch: &mut PropertyChanges, o: &Property, n: &Property) {
    let oc = o.const_value.as_ref().map(|c| &c.value);
    let nc = n.const_value.as_ref().map(|c| &c.value);
    match (oc, nc) {
        (a, Some(b)) if a != Some(b) => ch.push(
            Kind::PropertyConstChanged,
            n.const_value.as_ref().map(|c| c.span),
            match a {
                Some(a) => format!("`const` changed from {a} to {b}"),
                None => format!("`const: {b}` was added"),
            },
            a.cloned().unwrap_or(Json::Null),
            b.clone(),
        ),
        (Some(a), None) => ch.push(
            Kind::ConstraintWidened,
            None,
            format!("`const: {a}` was removed"),
            a.clone(),
            Json::Null,
        ),
        _ => {}
    }
    let op = o.pattern.as_ref().map(|p| p.value.as_str());
    let np = n.pattern.as_ref().map(|p| p.value.as_str());
    match (op, np) {
        (a, Some(b)) if a != Some(b) => ch.push(
            Kind::PropertyPatternChanged,
            n.pattern.as_ref().map(|p| p.span),
            match a {
                Some(a) => format!("`pattern` changed from `{a}` to `{b}`"),
                None => format!("`pattern: {b}` was added"),
            },
            a.map_or(Json::Null, Json::from),
            json!(b),
        ),
        (Some(a), None) => ch.push(
            Kind::ConstraintWidened,
            None,
            format!("`pattern: {a}` was removed"),
            json!(a),
            Json::Null,
        ),
        _ => {}
    }
}

fn compare_docs(ch: &mut PropertyChanges, o: &Property, n: &Property) {
    let desc = |p: &Property| p.description.as_ref().map(|d| d.value.clone());
    if desc(o) != desc(n) {
        ch.push(
            Kind::PropertyDescriptionChanged,
            n.description.as_ref().map(|d| d.span),
            "description changed".into(),
            desc(o).map_or(Json::Null, Json::from),
            desc(n).map_or(Json::Null, Json::from),
        );
    }
    let examples =
        |p: &Property| -> Vec<Json> { p.examples.iter().map(|e| e.value.clone()).collect() };
    if examples(o) != examples(n) {
        ch.push(
            Kind::PropertyExamplesChanged,
            n.examples.first().map(|e| e.span),
            "examples changed".into(),
            json!(examples(o)),
            json!(examples(n)),
        );
    }
    let pii = |p: &Property| p.pii.as_ref().map(|x| x.value.clone());
    if pii(o) != pii(n) {
        let shown = |v: Option<crate::model::Pii>| match v {
            None => Json::Null,
            Some(crate::model::Pii::Yes) => json!(true),
            Some(crate::model::Pii::No) => json!(false),
            Some(crate::model::Pii::Category(c)) => json!(c),
        };
        ch.push(
            Kind::PropertyPiiChanged,
            n.pii.as_ref().map(|x| x.span),
            "`pii` changed".into(),
            shown(pii(o)),
            shown(pii(n)),
        );
    }
    let deprecated = |p: &Property| p.deprecated.as_ref().map(|d| d.value.clone());
    match (deprecated(o), deprecated(n)) {
        (None, Some(d)) => {
            let hint = match d {
                Deprecation::UseInstead(s) => format!(": {s}"),
                Deprecation::Yes => String::new(),
            };
            ch.push(
                Kind::PropertyDeprecated,
                n.deprecated.as_ref().map(|x| x.span),
                format!("was deprecated{hint}"),
                Json::Null,
                json!(true),
            );
        }
        (Some(_), None) => ch.push(
            Kind::PropertyUndeprecated,
            None,
            "is no longer deprecated".into(),
            json!(true),
            Json::Null,
        ),
        _ => {}
    }
}
