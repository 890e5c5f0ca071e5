crate::declare_rule! {
    /// A `format` on a property whose type is not a string.
    ///
    /// ## What it does
    /// Reports `format` (`email`, `uri`, `uuid`, `date-time`, `date`,
    /// `ipv4`, `ipv6`, `hostname`) on a property whose `type` is not
    /// `string`, `datetime` or `date` (or `any`).
    ///
    /// ## Why
    /// Formats describe strings. JSON Schema ignores `format` on any other
    /// value, so the constraint would look enforced and never be.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       invoice_ref:
    ///         type: integer
    ///         format: uuid
    ///         description: Reference of the invoice.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       invoice_ref:
    ///         type: string
    ///         format: uuid
    ///         description: Reference of the invoice.
    /// ```
    pub static RULE = ("types/format-type", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::Type;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in super::definitions(cx.plan, |p| [span_of(&p.format), Some(p.ty.span)]) {
        let Some(format) = &p.format else { continue };
        let ty = p.ty.value;
        if ty.is_stringy() || ty == Type::Any {
            continue;
        }
        out.push(
            RULE.diag(format!(
                "`format: {}` on property `{}`, whose type is `{}`",
                format.value.as_str(),
                p.name.value,
                ty.as_str()
            ))
            .label(format.span, "a string format")
            .label(p.ty.span, format!("`type: {}` here", ty.as_str()))
            .help(format!(
                "formats apply to strings only: make the type `string`, or remove `format`{}",
                match ty {
                    Type::Integer | Type::Number => " and use `minimum` / `maximum` for numbers",
                    _ => "",
                }
            )),
        );
    }
}
