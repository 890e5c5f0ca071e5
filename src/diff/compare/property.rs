//! Comparing two property lists (event properties, identify and group
//! traits, context), recursively through nested objects and array items.

use super::{Container, RENAME_NAME_SIMILARITY, same_folded_name, take_pairs};
use crate::diff::kind::Kind;
use crate::diff::{Change, Revision};
use crate::model::{Deprecation, Property};
use crate::source::{Span, Spanned};
use serde_json::{Value as Json, json};

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

pub(super) fn compare_properties(
    container: &Container,
    prefix: &str,
    old: &[Property],
    new: &[Property],
    out: &mut Vec<Change>,
) {
    let mut removed: Vec<&Property> = old
        .iter()
        .filter(|o| find(new, &o.name.value).is_none())
        .collect();
    let mut added: Vec<&Property> = new
        .iter()
        .filter(|n| find(old, &n.name.value).is_none())
        .collect();
    // Pairs that are "the same" property under another wire name.
    let case_pairs = take_pairs(
        &mut removed,
        &mut added,
        same_folded_name(|p: &Property| &p.name.value),
    );
    let renames = take_pairs(&mut removed, &mut added, best_rename);

    for n in new {
        let path = join(prefix, &n.name.value);
        if let Some(o) = find(old, &n.name.value) {
            compare_property(container, &path, o, n, out);
        } else if let Some((o, _)) = case_pairs.iter().find(|(_, a)| std::ptr::eq(*a, n)) {
            out.push(name_change(
                container,
                Kind::PropertyNameCaseChanged,
                (prefix, o, n),
                "is now sent as `{new}`: only case or separators changed, but it is a different property on the wire",
            ));
            compare_property(container, &path, o, n, out);
        } else if let Some((o, _)) = renames.iter().find(|(_, a)| std::ptr::eq(*a, n)) {
            out.push(name_change(
                container,
                Kind::PropertyRenamed,
                (prefix, o, n),
                "was removed and `{new}` added with nearly the same name and the same type: likely a rename, which breaks every query on the old name",
            ));
        } else {
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
    for o in removed {
        let path = join(prefix, &o.name.value);
        out.push(container.change(
            Kind::PropertyRemoved,
            (Revision::Old, o.name.span),
            format!("{} was removed", container.property(&path)),
        ));
    }
}

/// A change from the old name of a property to its new one; `what` follows
/// the old property's description, with `{new}` standing for the new name.
fn name_change(
    container: &Container,
    kind: Kind,
    (prefix, o, n): (&str, &Property, &Property),
    what: &str,
) -> Change {
    let mut c = container.change(
        kind,
        (Revision::New, n.name.span),
        format!(
            "{} {}",
            container.property(&join(prefix, &o.name.value)),
            what.replace("{new}", &n.name.value)
        ),
    );
    c.before = Some(json!(o.name.value));
    c.after = Some(json!(n.name.value));
    c
}

/// The added property most like `removed`, if it is close enough to be a
/// rename: the same type and a name at least [`RENAME_NAME_SIMILARITY`]
/// alike. Property names are short, so unlike events there is no property
/// overlap to weigh, and the type has to agree instead.
fn best_rename(removed: &Property, added: &[&Property]) -> Option<usize> {
    let name = removed.name.value.to_lowercase();
    added
        .iter()
        .enumerate()
        .filter(|(_, a)| a.ty.value == removed.ty.value)
        .map(|(i, a)| {
            let score = strsim::normalized_damerau_levenshtein(&name, &a.name.value.to_lowercase());
            (i, score)
        })
        .filter(|(_, score)| *score >= RENAME_NAME_SIMILARITY)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
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
