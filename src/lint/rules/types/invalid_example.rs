crate::declare_rule! {
    /// An `examples` value that breaks its own property entry.
    ///
    /// ## What it does
    /// Checks every value under `examples` against the entry it documents:
    /// type, `enum`, `const`, `pattern`, `minimum` / `maximum`, string
    /// lengths, array bounds and `unique_items`, `format`, `nullable`, and
    /// nested `items` and object `properties` (required ones must be
    /// present, and no others). The check is `trackc::lint::value_check`,
    /// shared with other stages, and judges a value as `validate` would.
    ///
    /// ## Why
    /// Examples end up in generated docs and code comments; an example that
    /// the plan itself rejects teaches people to send invalid data, and
    /// usually means the constraint or the example is out of date.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       recipient_count:
    ///         type: integer
    ///         minimum: 1
    ///         description: Number of addresses the invoice went to.
    ///         examples: [0]
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
    ///       recipient_count:
    ///         type: integer
    ///         minimum: 1
    ///         description: Number of addresses the invoice went to.
    ///         examples: [1, 3]
    /// ```
    pub static RULE = ("types/invalid-example", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::value_check::ValueChecker;
use crate::model::Property;
use crate::source::Span;

/// Every key that can change whether an example fits.
fn fingerprint(p: &Property) -> Vec<Option<Span>> {
    let mut v = vec![
        p.examples.first().map(|e| e.span),
        Some(p.ty.span),
        span_of(&p.enum_values),
        span_of(&p.const_value),
        span_of(&p.pattern),
        span_of(&p.format),
        span_of(&p.minimum),
        span_of(&p.maximum),
        span_of(&p.min_length),
        span_of(&p.max_length),
        span_of(&p.min_items),
        span_of(&p.max_items),
        p.items.as_ref().map(|i| i.span),
    ];
    v.extend(p.properties.iter().map(|q| Some(q.span)));
    // `nullable` and `unique_items` carry no span; encode them.
    v.push(Some(Span::new(
        Default::default(),
        p.nullable as usize,
        p.unique_items as usize,
    )));
    v
}

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut checker = ValueChecker::new();
    let props = super::definitions(cx.plan, |p| {
        if p.examples.is_empty() {
            Vec::new()
        } else {
            fingerprint(p)
        }
    });
    for p in props {
        for example in &p.examples {
            if let Some(m) = checker.check(p, &example.value) {
                out.push(
                    RULE.diag(format!(
                        "example {} of property `{}` {m}",
                        example.value, p.name.value
                    ))
                    .label(example.span, "does not fit the property")
                    .label(p.name.span, format!("`{}` defined here", p.name.value))
                    .help(
                        "fix the example, or the constraint if the example is what is really sent",
                    ),
                );
            }
        }
    }
}
