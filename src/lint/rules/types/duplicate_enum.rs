crate::declare_rule! {
    /// The same value listed twice in one `enum`.
    ///
    /// ## What it does
    /// Reports every `enum` value equal to an earlier one in the same list
    /// (`1` and `1.0` are the same number), labelling both.
    ///
    /// ## Why
    /// A repeated value is at best noise and usually a typo for a value that
    /// is missing; generated enum types would declare the member twice.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Report Exported:
    ///     description: A report was downloaded.
    ///     owner: growth
    ///     side: client
    ///     properties:
    ///       file_format:
    ///         type: string
    ///         enum: [pdf, csv, pdf]
    ///         description: Format of the file.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Report Exported:
    ///     description: A report was downloaded.
    ///     owner: growth
    ///     side: client
    ///     properties:
    ///       file_format:
    ///         type: string
    ///         enum: [pdf, csv, xlsx]
    ///         description: Format of the file.
    /// ```
    pub static RULE = ("types/duplicate-enum", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::value_check::same_value;
use serde_json::Value as Json;
use std::collections::HashMap;

const SMALL: usize = 16;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    for p in super::definitions(cx.plan, |p| [span_of(&p.enum_values)]) {
        let Some(values) = &p.enum_values else {
            continue;
        };
        let mut first: HashMap<String, usize> = HashMap::new();
        for (i, v) in values.value.iter().enumerate() {
            // Short enums (almost all) are compared pairwise, without a map.
            let earlier = if values.value.len() <= SMALL {
                values.value[..i]
                    .iter()
                    .position(|e| same_value(&e.value, &v.value))
            } else {
                let key = canonical(&v.value);
                let j = first.get(&key).copied();
                first.entry(key).or_insert(i);
                j
            };
            if let Some(j) = earlier {
                let earlier = &values.value[j];
                out.push(
                    RULE.diag(format!(
                        "`enum` of property `{}` lists {} twice",
                        p.name.value, v.value
                    ))
                    .label(v.span, "listed again here")
                    .label(earlier.span, "first listed here")
                    .help("remove the repeated value, or fix it if another value was meant"),
                );
            }
        }
    }
}

/// Text equal for equal values, with `1` and `1.0` alike.
fn canonical(v: &Json) -> String {
    match v {
        Json::Number(n) => match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 9e15 => format!("{}", f as i64),
            _ => n.to_string(),
        },
        other => other.to_string(),
    }
}
