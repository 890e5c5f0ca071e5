crate::declare_rule! {
    /// An `array` property without `items`.
    ///
    /// ## What it does
    /// Reports properties of type `array` that do not say what their
    /// elements are.
    ///
    /// ## Why
    /// Without `items`, generated code types the elements as unknown and
    /// validation accepts anything in the list, so a list of IDs can turn
    /// into a list of objects unnoticed. Write `items: {type: any}` if the
    /// elements really can be anything.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Created:
    ///     description: An invoice was saved for the first time.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       labels:
    ///         type: array
    ///         description: Labels attached to the invoice.
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
    ///       labels:
    ///         type: array
    ///         items:
    ///           type: string
    ///           description: One label.
    ///         description: Labels attached to the invoice.
    /// ```
    pub static RULE = ("types/array-items", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::Type;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in super::definitions(cx.plan, |p| {
        [Some(p.ty.span), p.items.as_ref().map(|i| i.span)]
    }) {
        if p.ty.value == Type::Array && p.items.is_none() {
            out.push(
                RULE.diag(match p.name.value.strip_suffix("[]") {
                    Some(outer) => format!(
                        "the elements of `{outer}` are arrays that do not say what their elements are"
                    ),
                    None => format!(
                        "array property `{}` does not say what its elements are",
                        p.name.value
                    ),
                })
                .label(p.ty.span, "`array` without `items`")
                .help("add `items:` with a property entry for the elements, e.g. `items: {type: string}`"),
            );
        }
    }
}
