crate::declare_rule! {
    /// One property name defined with different types or enums in different places.
    ///
    /// ## What it does
    /// Compares every top-level property of the plan (shared, event,
    /// identify, group and context properties) by name, and reports a name
    /// whose `type`, `enum` set or array `items` type differs from the
    /// first definition of that name. Both places are labelled. Nested
    /// object properties are not compared: `device` inside `viewer` is a
    /// different thing from a top-level `device`.
    ///
    /// ## Why
    /// Destinations and warehouses keep one column per property name: the
    /// first type they see wins, and values of the other type are dropped
    /// or fail to load. A shared definition under `properties:` keeps one
    /// type for every use.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Seat Added:
    ///     description: A seat was added to the account.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       seat_count:
    ///         type: integer
    ///         description: Seats after the change.
    ///   Seat Removed:
    ///     description: A seat was removed from the account.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       seat_count:
    ///         type: string
    ///         description: Seats after the change.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Seat Added:
    ///     description: A seat was added to the account.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       seat_count:
    ///         type: integer
    ///         description: Seats after the change.
    ///   Seat Removed:
    ///     description: A seat was removed from the account.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       seat_count:
    ///         type: integer
    ///         description: Seats after the change.
    /// ```
    pub static RULE = ("types/conflict", Error);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::{Property, PropertyOwner, Type};
use crate::source::Span;
use std::collections::HashMap;

/// What must agree between two definitions of one name.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Shape {
    ty: Type,
    /// Sorted, canonical JSON text of the enum values.
    enum_set: Option<Vec<String>>,
    items: Option<Type>,
}

impl Shape {
    fn of(p: &Property) -> Shape {
        Shape {
            ty: p.ty.value,
            enum_set: p.enum_values.as_ref().map(|e| {
                let mut v: Vec<String> = e.value.iter().map(|x| shown(&x.value)).collect();
                v.sort_unstable();
                v.dedup();
                v
            }),
            items: p.items.as_ref().map(|i| i.ty.value),
        }
    }

    fn describe(&self) -> String {
        let mut s = format!("`{}`", self.ty.as_str());
        if let Some(items) = self.items {
            s = format!("`{}` of `{}`", self.ty.as_str(), items.as_str());
        }
        if let Some(e) = &self.enum_set {
            s.push_str(&format!(" with enum [{}]", e.join(", ")));
        }
        s
    }
}

struct Place<'a> {
    owner: PropertyOwner<'a>,
    prop: &'a Property,
    /// How many places share this shape.
    count: usize,
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // name -> shapes in order of first appearance, each with its first place.
    let mut by_name: HashMap<&str, Vec<(Shape, Place<'_>)>> = HashMap::new();
    let mut order: Vec<&str> = Vec::new();
    for (owner, list) in cx.plan.property_lists() {
        for p in list {
            let shape = Shape::of(p);
            let shapes = by_name.entry(&p.name.value).or_insert_with(|| {
                order.push(&p.name.value);
                Vec::new()
            });
            match shapes.iter_mut().find(|(s, _)| *s == shape) {
                Some((_, place)) => place.count += 1,
                None => shapes.push((
                    shape,
                    Place {
                        owner,
                        prop: p,
                        count: 1,
                    },
                )),
            }
        }
    }
    for name in order {
        let Some(shapes) = by_name.get(name) else {
            continue;
        };
        let Some(((first_shape, first), rest)) = shapes.split_first() else {
            continue;
        };
        for (shape, place) in rest {
            let (here, there) = differing_spans(place.prop, first.prop, shape, first_shape);
            let more = match place.count {
                1 => String::new(),
                2 => " (and 1 more place)".to_string(),
                n => format!(" (and {} more places)", n - 1),
            };
            out.push(
                RULE.diag(format!(
                    "property `{name}` is {} in {}{more} but {} in {}",
                    shape.describe(),
                    place.owner.describe(),
                    first_shape.describe(),
                    first.owner.describe(),
                ))
                .label(here, format!("{} here", shape.describe()))
                .label(
                    there,
                    format!("{} in {}", first_shape.describe(), first.owner.describe()),
                )
                .help(format!(
                    "give `{name}` one definition: define it once under the top-level \
                     `properties:` and reuse it with `{name}: {{}}`, or rename one of them"
                )),
            );
        }
    }
}

/// The spans that show the difference: the types, else the enums, else the items.
fn differing_spans(a: &Property, b: &Property, sa: &Shape, sb: &Shape) -> (Span, Span) {
    if sa.ty != sb.ty {
        return (a.ty.span, b.ty.span);
    }
    if sa.enum_set != sb.enum_set {
        let enum_or_name = |p: &Property| p.enum_values.as_ref().map_or(p.name.span, |e| e.span);
        return (enum_or_name(a), enum_or_name(b));
    }
    let items_or_name = |p: &Property| p.items.as_ref().map_or(p.name.span, |i| i.ty.span);
    (items_or_name(a), items_or_name(b))
}

/// A value as written in YAML: strings without their JSON quotes.
fn shown(v: &serde_json::Value) -> String {
    match v.as_str() {
        Some(s) => s.to_string(),
        None => v.to_string(),
    }
}
