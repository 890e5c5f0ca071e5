//! Merges per-file declarations into one [`Plan`] and applies shared
//! property definitions.

use super::convert::{FileDecls, PropDecl};
use crate::diagnostic::Diagnostic;
use crate::lint::rules::schema::{duplicate_definition, missing_key};
use crate::lint::util::suggestion;
use crate::model::*;
use crate::source::{SourceMap, Span, Spanned};
use std::collections::HashMap;

pub(super) fn resolve(
    files: Vec<FileDecls>,
    sources: &SourceMap,
    require_plan_block: bool,
    diags: &mut Vec<Diagnostic>,
) -> Plan {
    let mut plan = Plan::default();
    let mut plan_seen: Option<Span> = None;
    let mut seen = Seen::default();
    let mut shared: Vec<PropDecl> = Vec::new();
    let mut events = Vec::new();
    let mut groups = Vec::new();
    let mut identify: Option<(Span, Vec<PropDecl>)> = None;
    let mut context: Option<(Span, Vec<PropDecl>)> = None;

    for f in files {
        if let Some(meta) = f.plan {
            match plan_seen {
                Some(first) => diags.push(dup("the `plan:` block", meta.span, first)),
                None => {
                    plan_seen = Some(meta.span);
                    plan.meta = meta;
                }
            }
        }
        for o in f.owners {
            if seen.first("owner", &o.key, diags) {
                plan.owners.push(o);
            }
        }
        for s in f.sources {
            if seen.first("source", &s.key, diags) {
                plan.sources.push(s);
            }
        }
        for p in f.properties {
            if seen.first("shared property", &p.name, diags) {
                shared.push(p);
            }
        }
        for e in f.events {
            if seen.first("event", &e.event.name, diags) {
                events.push(e);
            }
        }
        for g in f.groups {
            if seen.first("group", &g.group.key, diags) {
                groups.push(g);
            }
        }
        for fu in f.funnels {
            if seen.first("funnel", &fu.key, diags) {
                plan.funnels.push(fu);
            }
        }
        for m in f.metrics {
            if seen.first("metric", &m.key, diags) {
                plan.metrics.push(m);
            }
        }
        for (slot, decl, what) in [
            (&mut identify, f.identify, "`identify:`"),
            (&mut context, f.context, "`context:`"),
        ] {
            if let Some(t) = decl {
                match slot {
                    Some((first, _)) => diags.push(dup(what, t.span, *first)),
                    None => *slot = Some((t.span, t.properties)),
                }
            }
        }
        plan.suppressions.extend(f.suppressions);
    }

    if plan_seen.is_none() && require_plan_block {
        let empty = sources.files().all(|(_, f)| f.text.trim().is_empty());
        let message = if empty {
            "the plan is empty: it needs at least a `plan:` block"
        } else {
            "no `plan:` block: exactly one file of the plan must have one"
        };
        let at = sources
            .files()
            .next()
            .map(|(id, _)| Span::new(id, 0, 0))
            .unwrap_or_default();
        diags.push(
            missing_key::RULE
                .diag(message)
                .label(at, "plan starts here")
                .help("add\nplan:\n  id: my-product\n  name: My Product"),
        );
    }

    let shared_by_name: HashMap<&str, &PropDecl> =
        shared.iter().map(|p| (p.name.value.as_str(), p)).collect();
    let mut r = Resolver {
        shared: &shared_by_name,
        diags,
    };
    plan.properties = shared.iter().map(|p| r.prop(p, None)).collect();
    plan.events = events
        .into_iter()
        .map(|mut e| {
            e.event.properties = r.props(&e.properties);
            e.event
        })
        .collect();
    plan.groups = groups
        .into_iter()
        .map(|mut g| {
            g.group.properties = r.props(&g.properties);
            g.group
        })
        .collect();
    plan.identify = identify.map(|(span, props)| TraitSet {
        properties: r.props(&props),
        span,
    });
    plan.context = context.map(|(span, props)| TraitSet {
        properties: r.props(&props),
        span,
    });
    plan
}

fn dup(what: &str, again: Span, first: Span) -> Diagnostic {
    duplicate_definition::RULE
        .diag(format!("{what} is defined twice"))
        .label(again, "defined again here")
        .label(first, "first defined here")
        .help("keep one definition; trackc uses the first")
}

#[derive(Default)]
struct Seen {
    by_kind: HashMap<(&'static str, String), Span>,
}

impl Seen {
    /// True the first time a name of this kind is seen; reports repeats
    /// (within one file the YAML layer already reported a duplicate key).
    fn first(&mut self, kind: &'static str, name: &Name, diags: &mut Vec<Diagnostic>) -> bool {
        match self.by_kind.get(&(kind, name.value.clone())) {
            Some(&first) => {
                if first.file != name.span.file {
                    diags.push(dup(&format!("{kind} `{}`", name.value), name.span, first));
                }
                false
            }
            None => {
                self.by_kind.insert((kind, name.value.clone()), name.span);
                true
            }
        }
    }
}

struct Resolver<'a, 'd> {
    shared: &'a HashMap<&'a str, &'a PropDecl>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Resolver<'_, '_> {
    fn props(&mut self, decls: &[PropDecl]) -> Vec<Property> {
        decls
            .iter()
            .map(|d| {
                let base = self.shared.get(d.name.value.as_str()).copied();
                self.prop(d, base)
            })
            .collect()
    }

    /// Applies `base` (a shared definition) under `d`: keys given in `d` win.
    fn prop(&mut self, d: &PropDecl, base: Option<&PropDecl>) -> Property {
        let from = |given: bool| {
            if given || base.is_none() {
                Some(d)
            } else {
                base
            }
        };
        macro_rules! field {
            ($f:ident) => {
                from(d.$f.is_some()).and_then(|x| x.$f.clone())
            };
        }
        let ty = match field!(ty) {
            Some(t) => t,
            None => {
                let mut diag = missing_key::RULE
                    .diag(format!("property `{}` has no `type`", d.name.value))
                    .label(d.name.span, "in this property");
                diag = diag.help(match suggestion(&d.name.value, self.shared.keys().copied()) {
                    Some(s) if base.is_none() => format!(
                        "an entry without `type` reuses the shared property of the same name, and there is none named `{}`; {s}",
                        d.name.value
                    ),
                    _ => format!(
                        "add `type:` (string, integer, number, boolean, datetime, date, array, object or any), or define `{}` under the top-level `properties:`",
                        d.name.value
                    ),
                });
                self.diags.push(diag);
                Spanned::new(Type::Any, d.name.span)
            }
        };
        let nested = field!(properties);
        let items = field!(items);
        Property {
            name: d.name.clone(),
            ty,
            description: field!(description),
            required: field!(required).unwrap_or(true),
            nullable: field!(nullable).unwrap_or(false),
            enum_values: field!(enum_values),
            const_value: field!(const_value),
            pattern: field!(pattern),
            format: field!(format),
            minimum: field!(minimum),
            maximum: field!(maximum),
            min_length: field!(min_length),
            max_length: field!(max_length),
            items: items.map(|i| Box::new(self.prop(&i, None))),
            min_items: field!(min_items),
            max_items: field!(max_items),
            unique_items: field!(unique_items).unwrap_or(false),
            properties: nested
                .map(|ps| ps.iter().map(|p| self.prop(p, None)).collect())
                .unwrap_or_default(),
            pii: field!(pii),
            deprecated: field!(deprecated),
            examples: field!(examples).unwrap_or_default(),
            shared: base.is_some(),
            span: d.span,
        }
    }
}
