crate::declare_rule! {
    /// A `pattern` that is not a valid regular expression.
    ///
    /// ## What it does
    /// Compiles every `pattern` the way JSON Schema validation does:
    /// patterns are ECMA-262 regular expressions, translated to Rust syntax
    /// by `jsonschema-regex` and compiled with `fancy-regex`, exactly as the
    /// `jsonschema` crate behind `trackc validate` and the generated JSON
    /// Schemas does. A pattern that fails here would fail there too.
    ///
    /// ## Why
    /// A pattern that does not compile either breaks every validator that
    /// loads the schema or is silently skipped, and then nothing is checked.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Invoice Sent:
    ///     description: An invoice was delivered to the client.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       invoice_number:
    ///         type: string
    ///         pattern: "^INV-[0-9]{4"
    ///         description: Number printed on the invoice.
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
    ///       invoice_number:
    ///         type: string
    ///         pattern: "^INV-[0-9]{4}$"
    ///         description: Number printed on the invoice.
    /// ```
    pub static RULE = ("types/invalid-pattern", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::value_check::compile_pattern;
use std::collections::HashMap;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    // One compile per distinct pattern text.
    let mut compiled: HashMap<&str, Result<(), String>> = HashMap::new();
    for p in super::definitions(cx.plan, |p| [span_of(&p.pattern)]) {
        let Some(pattern) = &p.pattern else { continue };
        let result = compiled
            .entry(&pattern.value)
            .or_insert_with(|| compile_pattern(&pattern.value).map(|_| ()));
        if let Err(why) = result {
            out.push(
                RULE.diag(format!(
                    "`pattern` of property `{}` does not compile: {}",
                    p.name.value,
                    first_line(why)
                ))
                .label(pattern.span, "not a valid regular expression")
                .help(
                    "patterns are ECMA-262 (JavaScript) regular expressions, as in JSON Schema; \
                     in YAML, single-quote them ('^\\d+$') so backslashes stay as written",
                ),
            );
        }
    }
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}
