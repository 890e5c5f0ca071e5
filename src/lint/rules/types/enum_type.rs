crate::declare_rule! {
    /// An `enum` or `const` value that is not of the property's type.
    ///
    /// ## What it does
    /// Checks each `enum` value and the `const` value against `type`: a
    /// number in a `string` enum, a quoted `"3"` in an `integer` enum, a
    /// `date` enum value that is not an RFC 3339 date, and so on. `null` is
    /// accepted when the property is `nullable`. Properties of type `any`
    /// are not checked.
    ///
    /// ## Why
    /// A value of the wrong type can never be sent: the generated types
    /// reject it, and JSON Schema validation fails every event carrying it.
    /// In YAML the usual cause is an unquoted number in a string enum.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Plan Changed:
    ///     description: The account moved to another plan.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       plan_code:
    ///         type: string
    ///         enum: [basic, 2024, pro]
    ///         description: Code of the new plan.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Plan Changed:
    ///     description: The account moved to another plan.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       plan_code:
    ///         type: string
    ///         enum: [basic, "2024", pro]
    ///         description: Code of the new plan.
    /// ```
    pub static RULE = ("types/enum-type", Error);
}

use super::span_of;
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::value_check::{a_type, type_mismatch};
use crate::model::{Property, Type};
use crate::source::Spanned;
use serde_json::Value as Json;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let props = super::definitions(cx.plan, |p| {
        [
            span_of(&p.enum_values),
            span_of(&p.const_value),
            Some(p.ty.span),
        ]
    });
    for p in props {
        if p.ty.value == Type::Any {
            continue;
        }
        if let Some(values) = &p.enum_values {
            for v in &values.value {
                check_value(p, v, "enum", out);
            }
        }
        if let Some(v) = &p.const_value {
            check_value(p, v, "const", out);
        }
    }
}

fn check_value(p: &Property, v: &Spanned<Json>, key: &str, out: &mut Vec<Diagnostic>) {
    if v.value.is_null() && p.nullable {
        return;
    }
    let Some(reason) = type_mismatch(p.ty.value, &v.value) else {
        return;
    };
    let ty = p.ty.value;
    let help = match &v.value {
        Json::Number(_) | Json::Bool(_) if ty.is_stringy() => {
            format!("quote it: \"{}\"", v.value)
        }
        Json::String(s)
            if matches!(ty, Type::Integer | Type::Number) && s.trim().parse::<f64>().is_ok() =>
        {
            format!("write it without quotes: {}", s.trim())
        }
        Json::String(s)
            if ty == Type::Boolean
                && matches!(s.as_str(), "yes" | "no" | "on" | "off" | "y" | "n") =>
        {
            format!("`{s}` is a string here; write `true` or `false`")
        }
        Json::Null => format!("add `nullable: true` to allow null, or remove it from `{key}`"),
        _ => format!(
            "every `{key}` value of `{}` must be {}",
            p.name.value,
            a_type(ty)
        ),
    };
    out.push(
        RULE.diag(format!(
            "`{key}` value {} of property `{}` {reason}",
            v.value, p.name.value
        ))
        .label(v.span, format!("not {}", a_type(ty)))
        .label(p.ty.span, format!("`type: {}` here", ty.as_str()))
        .help(help),
    );
}
