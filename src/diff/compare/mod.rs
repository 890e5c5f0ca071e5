//! Two [`Plan`]s in, a list of classified changes out.
//!
//! Events are matched by wire name; an unmatched pair whose names fold alike
//! is a case/separator change, and an unmatched pair with close names and
//! properties a likely rename. Properties are paired the same way, except
//! that a likely rename needs a close name and the same type. Shared property
//! definitions are not compared on their own: they are already applied to
//! every event that uses them, so a change to one shows once per event it
//! affects, where it matters.

mod property;

use super::kind::Kind;
use super::{Change, Revision};
use crate::lint::util::fold;
use crate::model::{Event, Group, Plan, Property, Status};
use crate::source::{Span, Spanned};
use property::compare_properties;
use serde_json::{Value as Json, json};
use std::collections::HashMap;

/// How close two names must be (normalised Damerau-Levenshtein on lowercase)
/// and how much their property names must overlap (Jaccard) for a removed
/// and an added event to be reported as a likely rename.
pub(super) const RENAME_NAME_SIMILARITY: f64 = 0.7;
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
pub(super) enum Container {
    Event { name: String, owner: Option<String> },
    Identify,
    Group(String),
    Context,
}

impl Container {
    pub(super) fn property(&self, path: &str) -> String {
        match self {
            Container::Event { name, .. } => format!("property `{path}` of event `{name}`"),
            Container::Identify => format!("identify trait `{path}`"),
            Container::Group(g) => format!("trait `{path}` of group `{g}`"),
            Container::Context => format!("context property `{path}`"),
        }
    }

    pub(super) fn change(&self, kind: Kind, at: (Revision, Span), message: String) -> Change {
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
    let case_pairs = take_pairs(
        &mut removed,
        &mut added,
        same_folded_name(|e: &Event| &e.name.value),
    );
    let renames = take_pairs(&mut removed, &mut added, best_rename);

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

/// Takes out of `removed` and `added` the pairs that are one thing under two
/// names: each removed item in turn, with the added one `partner` picks (an
/// index into the added items still unpaired), so each is reported once.
pub(super) fn take_pairs<'a, T>(
    removed: &mut Vec<&'a T>,
    added: &mut Vec<&'a T>,
    mut partner: impl FnMut(&T, &[&'a T]) -> Option<usize>,
) -> Vec<(&'a T, &'a T)> {
    let mut pairs = Vec::new();
    removed.retain(|r| match partner(r, added) {
        Some(i) if i < added.len() => {
            pairs.push((*r, added.remove(i)));
            false
        }
        _ => true,
    });
    pairs
}

/// A `take_pairs` partner: the added item whose name folds (case and
/// separators away) like the removed one's.
pub(super) fn same_folded_name<T>(
    name: fn(&T) -> &String,
) -> impl FnMut(&T, &[&T]) -> Option<usize> {
    move |removed, added| {
        let folded = fold(name(removed));
        added.iter().position(|a| fold(name(a)) == folded)
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
