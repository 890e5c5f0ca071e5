//! Rules about names: collisions, near-duplicates, casing, grammar, and
//! names that destinations reserve.
pub mod collision;
pub mod event_case;
pub mod event_grammar;
pub mod near_duplicate;
pub mod property_case;
pub mod reserved;

use crate::model::{Plan, Property, PropertyOwner};

/// One list of sibling properties: an event's, identify's, a group's,
/// context's, the shared ones, or a nested object's.
pub(crate) struct PropertyList<'a> {
    pub owner: PropertyOwner<'a>,
    /// The object property holding this list, for nested lists.
    pub parent: Option<&'a Property>,
    pub properties: &'a [Property],
}

impl PropertyList<'_> {
    pub fn describe(&self) -> String {
        match self.parent {
            Some(p) => format!("object `{}` in {}", p.name.value, self.owner.describe()),
            None => self.owner.describe(),
        }
    }
}

/// Every property list in the plan, nested object lists (also under array
/// `items`) included, in source order.
pub(crate) fn property_lists(plan: &Plan) -> Vec<PropertyList<'_>> {
    let mut out = Vec::new();
    for (owner, list) in plan.property_lists() {
        let mut todo: Vec<(Option<&Property>, &[Property])> = vec![(None, list)];
        while let Some((parent, properties)) = todo.pop() {
            out.push(PropertyList {
                owner,
                parent,
                properties,
            });
            for p in properties.iter().rev() {
                let mut inner = Some(p);
                while let Some(q) = inner {
                    if !q.properties.is_empty() {
                        todo.push((Some(q), &q.properties));
                    }
                    inner = q.items.as_deref();
                }
            }
        }
    }
    out
}

/// Array `items` entries carry a synthetic `name[]` name; they are not names
/// anyone chose.
pub(crate) fn is_items_entry(p: &Property) -> bool {
    p.name.value.ends_with("[]")
}

/// Reports names that do not fit the convention, or, without one, the casing
/// most names share. `names` holds each distinct name once, at its first
/// place.
pub(crate) fn check_casing(
    rule: &'static crate::lint::RuleMeta,
    kind: &str,
    key: &str,
    names: &[&crate::model::Name],
    convention: Option<&crate::source::Spanned<crate::model::Case>>,
    out: &mut Vec<crate::diagnostic::Diagnostic>,
) {
    use crate::lint::casing;
    use crate::model::Case;
    let (expected, why) = match convention {
        Some(c) if c.value == Case::Any => return,
        Some(c) => (c.value, None),
        None => match casing::dominant(names.iter().map(|n| n.value.as_str())) {
            Some(case) => {
                let fitting = names
                    .iter()
                    .filter(|n| casing::fits(&n.value, case))
                    .count();
                let plural = if kind == "property" {
                    "properties"
                } else {
                    "events"
                };
                (
                    case,
                    Some(format!(
                        "which {fitting} of the plan's {} {plural} use",
                        names.len()
                    )),
                )
            }
            None => return,
        },
    };
    for name in names {
        if casing::fits(&name.value, expected) {
            continue;
        }
        let suggested = casing::convert(&name.value, expected);
        let mut d = match &why {
            Some(why) => rule
                .diag(format!(
                    "{kind} `{}` is not in {}, {why}",
                    name.value,
                    casing::describe(expected)
                ))
                .label(name.span, format!("not {}", casing::describe(expected)))
                .help(format!(
                    "rename it `{suggested}`, or set `conventions.{key}` in the `plan:` block to \
                     the casing the plan means to use"
                )),
            None => rule
                .diag(format!(
                    "{kind} `{}` is not in {}, as `conventions.{key}` asks",
                    name.value,
                    casing::describe(expected)
                ))
                .label(name.span, format!("not {}", casing::describe(expected)))
                .help(format!("rename it `{suggested}`")),
        };
        if let Some(c) = convention {
            d = d.label(c.span, "convention set here");
        }
        out.push(d);
    }
}
