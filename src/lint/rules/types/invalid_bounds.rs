crate::declare_rule! {
    /// Bounds that no value can meet, or bounds on a type they do not apply to.
    ///
    /// ## What it does
    /// Reports, labelling both keys:
    /// - `minimum` greater than `maximum`, `min_length` greater than
    ///   `max_length`, `min_items` greater than `max_items`;
    /// - `minimum` / `maximum` on a type other than `integer` or `number`;
    /// - `min_length` / `max_length` on a type other than `string`,
    ///   `datetime` or `date` (the types sent as JSON strings);
    /// - `min_items` / `max_items` on a type other than `array`.
    ///
    /// Properties of type `any` may carry any bound.
    ///
    /// ## Why
    /// Crossed bounds make the property impossible to send. A bound on the
    /// wrong type is ignored by JSON Schema, so it looks enforced and never
    /// is; usually the type or the key is a mistake (`minimum` meant as
    /// `min_length`).
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Created:
    ///     description: An invoice was saved for the first time.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       line_item_count:
    ///         type: integer
    ///         minimum: 10
    ///         maximum: 1
    ///         description: Number of line items.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Created:
    ///     description: An invoice was saved for the first time.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       line_item_count:
    ///         type: integer
    ///         minimum: 1
    ///         maximum: 10
    ///         description: Number of line items.
    /// ```
    pub static RULE = ("types/invalid-bounds", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::{Property, Type};
use crate::source::Spanned;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let props = super::definitions(cx.plan, |p| {
        [
            Some(p.ty.span),
            span_of(&p.minimum),
            span_of(&p.maximum),
            span_of(&p.min_length),
            span_of(&p.max_length),
            span_of(&p.min_items),
            span_of(&p.max_items),
        ]
    });
    for p in props {
        crossed(p, &p.minimum, &p.maximum, ("minimum", "maximum"), out);
        crossed(
            p,
            &p.min_length,
            &p.max_length,
            ("min_length", "max_length"),
            out,
        );
        crossed(
            p,
            &p.min_items,
            &p.max_items,
            ("min_items", "max_items"),
            out,
        );
        let ty = p.ty.value;
        if ty == Type::Any {
            continue;
        }
        let numeric = matches!(ty, Type::Integer | Type::Number);
        let keys = [
            ("minimum", span_of(&p.minimum), "numbers", numeric),
            ("maximum", span_of(&p.maximum), "numbers", numeric),
            (
                "min_length",
                span_of(&p.min_length),
                "strings",
                ty.is_stringy(),
            ),
            (
                "max_length",
                span_of(&p.max_length),
                "strings",
                ty.is_stringy(),
            ),
            (
                "min_items",
                span_of(&p.min_items),
                "arrays",
                ty == Type::Array,
            ),
            (
                "max_items",
                span_of(&p.max_items),
                "arrays",
                ty == Type::Array,
            ),
        ];
        for (key, span, applies_to, fits) in keys {
            let Some(span) = span.filter(|_| !fits) else {
                continue;
            };
            out.push(
                RULE.diag(format!(
                    "`{key}` on property `{}`, whose type is `{}`: it only applies to {applies_to}",
                    p.name.value,
                    ty.as_str()
                ))
                .label(span, format!("`{key}` applies to {applies_to}"))
                .label(p.ty.span, format!("`type: {}` here", ty.as_str()))
                .help(format!("fix the type, or {}", bounds_for(ty))),
            );
        }
    }
}

/// What bounds a type does take, for the help text.
fn bounds_for(ty: Type) -> String {
    let t = ty.as_str();
    match ty {
        Type::Integer | Type::Number => format!("bound a `{t}` with `minimum` / `maximum`"),
        Type::String | Type::Datetime | Type::Date => {
            format!("bound a `{t}`'s length with `min_length` / `max_length`")
        }
        Type::Array => format!("bound an `{t}`'s length with `min_items` / `max_items`"),
        _ => format!("remove the bound: a `{t}` takes none"),
    }
}

fn crossed<T: PartialOrd + std::fmt::Display>(
    p: &Property,
    low: &Option<Spanned<T>>,
    high: &Option<Spanned<T>>,
    (low_key, high_key): (&str, &str),
    out: &mut Vec<Diagnostic>,
) {
    let (Some(low), Some(high)) = (low, high) else {
        return;
    };
    if low.value > high.value {
        out.push(
            RULE.diag(format!(
                "property `{}` has `{low_key}` {} above `{high_key}` {}: no value can meet both",
                p.name.value, low.value, high.value
            ))
            .label(low.span, format!("`{low_key}` {}", low.value))
            .label(high.span, format!("`{high_key}` {}", high.value))
            .help(format!(
                "`{low_key}` must be at most `{high_key}`; were the two swapped?"
            )),
        );
    }
}
