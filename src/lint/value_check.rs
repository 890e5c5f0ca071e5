//! Checks one JSON value against one property entry: type, `enum`, `const`,
//! `pattern`, numeric bounds, lengths, array bounds, `format`, and nested
//! `items` / `properties`.
//!
//! Used by `types/invalid-example` and `types/enum-type`, and meant for any
//! stage that needs "does this value fit this entry" without building a JSON
//! Schema. Patterns are translated from ECMA-262 and compiled exactly as the
//! `jsonschema` crate does (see [`compile_pattern`]), so a plan example and a
//! validated event never disagree about a pattern.

use crate::model::{Format, Property, Type};
use crate::rfc3339::{is_date, is_date_time};
use jsonschema::Validator;
use serde_json::Value as Json;
use std::cmp::Ordering;
use std::collections::HashMap;

/// Why a value does not fit, as a phrase that follows the value:
/// "`12` is not a string".
#[derive(Clone, Debug, PartialEq)]
pub struct Mismatch {
    /// Where in the value, for nested values (`items[2]`, `viewer.device`);
    /// empty for the value itself.
    pub path: String,
    pub reason: String,
}

impl std::fmt::Display for Mismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(f, "at `{}`: {}", self.path, self.reason)
        }
    }
}

/// Compiles an ECMA-262 pattern the way `jsonschema` does: translated to
/// Rust regex syntax by `jsonschema-regex`, then built with `fancy-regex`.
pub fn compile_pattern(pattern: &str) -> Result<fancy_regex::Regex, String> {
    let translated = jsonschema_regex::to_rust_regex(pattern).map_err(|()| {
        // The translator gives no reason; the regex parser usually can.
        match fancy_regex::Regex::new(pattern) {
            Err(e) => e.to_string(),
            Ok(_) => "it is not a valid ECMA-262 (JavaScript) regular expression".to_string(),
        }
    })?;
    fancy_regex::Regex::new(&translated).map_err(|e| e.to_string())
}

/// Compiles `schema` as `validate` does: jsonschema with formats checked.
/// The one place these options live, so check and validate judge formats
/// alike.
pub fn compile_schema(schema: &Json) -> Result<Validator, String> {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| e.to_string())
}

/// Checks values, compiling each pattern and format validator once.
#[derive(Default)]
pub struct ValueChecker {
    patterns: HashMap<String, Option<fancy_regex::Regex>>,
    formats: HashMap<Format, Option<Validator>>,
}

impl ValueChecker {
    pub fn new() -> Self {
        Self::default()
    }

    /// The first way `value` breaks `prop`, if any.
    pub fn check(&mut self, prop: &Property, value: &Json) -> Option<Mismatch> {
        self.check_at(prop, value, String::new())
    }

    /// Does the string `value` fit `format`? jsonschema's own format
    /// checks decide, as in `validate`; a format it cannot compile (none
    /// today) lets every value through.
    fn format_ok(&mut self, format: Format, value: &Json) -> bool {
        let validator = self.formats.entry(format).or_insert_with(|| {
            compile_schema(&serde_json::json!({"type": "string", "format": format.as_str()})).ok()
        });
        validator.as_ref().is_none_or(|v| v.is_valid(value))
    }

    fn check_at(&mut self, prop: &Property, value: &Json, path: String) -> Option<Mismatch> {
        let fail = |reason: String| {
            Some(Mismatch {
                path: path.clone(),
                reason,
            })
        };
        if value.is_null() {
            return if prop.nullable || prop.ty.value == Type::Any {
                None
            } else {
                fail("is null, and the property is not `nullable`".into())
            };
        }
        if let Some(reason) = type_mismatch(prop.ty.value, value) {
            return fail(reason);
        }
        if let Some(values) = &prop.enum_values
            && !values.value.iter().any(|v| same_value(&v.value, value))
        {
            return fail("is not one of the `enum` values".into());
        }
        if let Some(c) = &prop.const_value
            && !same_value(&c.value, value)
        {
            return fail(format!("is not the `const` value {}", c.value));
        }
        match value {
            Json::String(s) => {
                let len = s.chars().count() as u64;
                if let Some(min) = &prop.min_length
                    && len < min.value
                {
                    return fail(format!("is shorter than `min_length` {}", min.value));
                }
                if let Some(max) = &prop.max_length
                    && len > max.value
                {
                    return fail(format!("is longer than `max_length` {}", max.value));
                }
                if let Some(pattern) = &prop.pattern {
                    let re = self
                        .patterns
                        .entry(pattern.value.clone())
                        .or_insert_with(|| compile_pattern(&pattern.value).ok());
                    // An invalid pattern is types/invalid-pattern's to report;
                    // a pattern too costly to run is not a mismatch either.
                    if let Some(re) = re
                        && re.is_match(s).ok() == Some(false)
                    {
                        return fail(format!("does not match `pattern` `{}`", pattern.value));
                    }
                }
                if let Some(format) = &prop.format
                    && !self.format_ok(format.value, value)
                {
                    return fail(format!("is not a valid `{}`", format.value.as_str()));
                }
            }
            Json::Number(n) => {
                if let Some(min) = &prop.minimum
                    && compare(n, min.value) == Some(Ordering::Less)
                {
                    return fail(format!("is below `minimum` {}", min.value));
                }
                if let Some(max) = &prop.maximum
                    && compare(n, max.value) == Some(Ordering::Greater)
                {
                    return fail(format!("is above `maximum` {}", max.value));
                }
            }
            Json::Array(items) => {
                let n = items.len() as u64;
                if let Some(min) = &prop.min_items
                    && n < min.value
                {
                    return fail(format!("has fewer than `min_items` {} items", min.value));
                }
                if let Some(max) = &prop.max_items
                    && n > max.value
                {
                    return fail(format!("has more than `max_items` {} items", max.value));
                }
                if prop.unique_items {
                    for (i, a) in items.iter().enumerate() {
                        if items[..i].iter().any(|b| same_value(a, b)) {
                            return fail(format!("repeats {a}, and `unique_items` is set"));
                        }
                    }
                }
                if let Some(item) = &prop.items {
                    for (i, v) in items.iter().enumerate() {
                        let at = format!("{path}[{i}]");
                        if let Some(m) = self.check_at(item, v, at) {
                            return Some(m);
                        }
                    }
                }
            }
            Json::Object(fields) => {
                for p in &prop.properties {
                    let at = if path.is_empty() {
                        p.name.value.clone()
                    } else {
                        format!("{path}.{}", p.name.value)
                    };
                    match fields.get(&p.name.value) {
                        Some(v) => {
                            if let Some(m) = self.check_at(p, v, at) {
                                return Some(m);
                            }
                        }
                        None if p.required => {
                            return fail(format!("lacks the required `{}`", p.name.value));
                        }
                        None => {}
                    }
                }
                // Closed as validate's schemas close it; an object without
                // declared properties is any object.
                if !prop.properties.is_empty()
                    && let Some(key) = fields
                        .keys()
                        .find(|k| !prop.properties.iter().any(|p| p.name.value == **k))
                {
                    return fail(format!("has `{key}`, which is not among its `properties`"));
                }
            }
            _ => {}
        }
        None
    }
}

/// JSON equality where `1` and `1.0` are the same number, as in JSON Schema.
/// Integers compare exactly, as jsonschema compares them: 2^53 + 1 is not
/// 2^53, though both are the same `f64`.
pub fn same_value(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => match (integer(x), integer(y)) {
            (Some(i), Some(j)) => i == j,
            _ => x.as_f64() == y.as_f64(),
        },
        _ => a == b,
    }
}

fn integer(n: &serde_json::Number) -> Option<i128> {
    n.as_i64()
        .map(i128::from)
        .or_else(|| n.as_u64().map(i128::from))
}

/// `n` against a bound, exactly when `n` is an integer and the bound whole
/// (every whole `f64` in range is exactly an `i128`); as `f64`s otherwise.
fn compare(n: &serde_json::Number, bound: f64) -> Option<Ordering> {
    match integer(n) {
        Some(i) if bound.fract() == 0.0 && bound.abs() < 1e38 => Some(i.cmp(&(bound as i128))),
        _ => n.as_f64().and_then(|x| x.partial_cmp(&bound)),
    }
}

/// Why `value` is not of type `ty` (`None` when it is); datetimes and dates
/// must also have their RFC 3339 shape.
pub fn type_mismatch(ty: Type, value: &Json) -> Option<String> {
    let whole = |v: &Json| v.as_f64().is_some_and(|f| f.fract() == 0.0);
    let ok = match ty {
        Type::Integer => value.is_i64() || value.is_u64() || (value.is_number() && whole(value)),
        Type::Datetime => {
            return match value.as_str() {
                None => Some("is not a string (a `datetime` is an RFC 3339 string)".into()),
                Some(s) if !is_date_time(s) => {
                    Some("is not an RFC 3339 date-time (`2024-05-01T12:00:00Z`)".into())
                }
                Some(_) => None,
            };
        }
        Type::Date => {
            return match value.as_str() {
                None => Some("is not a string (a `date` is an RFC 3339 string)".into()),
                Some(s) if !is_date(s) => Some("is not an RFC 3339 date (`2024-05-01`)".into()),
                Some(_) => None,
            };
        }
        other => other.accepts(value),
    };
    (!ok).then(|| format!("is not {}", a_type(ty)))
}

/// "a string", "an integer", ...
pub fn a_type(ty: Type) -> String {
    let name = ty.as_str();
    let article = if matches!(ty, Type::Integer | Type::Object | Type::Array | Type::Any) {
        "an"
    } else {
        "a"
    };
    format!("{article} {name}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Spanned;
    use serde_json::json;

    fn prop(ty: Type) -> Property {
        Property::new(
            Spanned::new("p".into(), Default::default()),
            Spanned::new(ty, Default::default()),
        )
    }

    #[test]
    fn checks_type_enum_and_bounds() {
        let mut c = ValueChecker::new();
        let mut p = prop(Type::Integer);
        p.minimum = Some(Spanned::new(1.0, Default::default()));
        assert!(c.check(&p, &json!(3)).is_none());
        assert!(c.check(&p, &json!(3.0)).is_none());
        assert_eq!(
            c.check(&p, &json!("3")).unwrap().reason,
            "is not an integer"
        );
        assert_eq!(
            c.check(&p, &json!(0)).unwrap().reason,
            "is below `minimum` 1"
        );
        let mut s = prop(Type::String);
        s.enum_values = Some(Spanned::new(
            vec![Spanned::new(json!("a"), Default::default())],
            Default::default(),
        ));
        assert!(c.check(&s, &json!("a")).is_none());
        assert!(c.check(&s, &json!("b")).is_some());
        assert!(c.check(&s, &json!(null)).is_some());
        s.nullable = true;
        assert!(c.check(&s, &json!(null)).is_none());
    }

    #[test]
    fn patterns_are_ecma_and_unanchored() {
        let mut c = ValueChecker::new();
        let mut p = prop(Type::String);
        p.pattern = Some(Spanned::new(r"\d{3}".into(), Default::default()));
        assert!(c.check(&p, &json!("ab123")).is_none());
        assert!(c.check(&p, &json!("ab12")).is_some());
        assert!(compile_pattern("[a-").is_err());
        assert!(compile_pattern("(?<year>\\d{4})").is_ok());
    }

    #[test]
    fn checks_nested_items_and_objects() {
        let mut c = ValueChecker::new();
        let mut arr = prop(Type::Array);
        arr.items = Some(Box::new(prop(Type::String)));
        let m = c.check(&arr, &json!(["a", 2])).unwrap();
        assert_eq!(m.to_string(), "at `[1]`: is not a string");
        let mut obj = prop(Type::Object);
        obj.properties = vec![prop(Type::Boolean)];
        assert_eq!(
            c.check(&obj, &json!({})).unwrap().reason,
            "lacks the required `p`"
        );
        assert!(c.check(&obj, &json!({"p": true})).is_none());
        assert_eq!(
            c.check(&obj, &json!({"p": true, "q": 1})).unwrap().reason,
            "has `q`, which is not among its `properties`"
        );
        assert!(c.check(&prop(Type::Object), &json!({"q": 1})).is_none());
    }

    /// `validate`'s verdict on `value` for the property `p`: its schema as
    /// build writes it, compiled as validate compiles it.
    fn validate_accepts(p: &Property, value: &Json) -> bool {
        let schema = Json::Object(crate::build::jsonschema::property_schema(p, false));
        compile_schema(&schema).unwrap().is_valid(value)
    }

    /// `check` judges examples and defaults by each format as `validate`
    /// does (jsonschema with formats on): an example that check accepts and
    /// validate rejects would teach a team to send events that fail.
    #[test]
    fn formats_agree_with_jsonschema() {
        let cases: &[(Format, &[&str])] = &[
            (
                Format::Email,
                &[
                    "ana@example.com",
                    "ana@localhost",
                    "ana.b@example.com",
                    "a..b@example.com",
                    ".ana@example.com",
                    "ana.@example.com",
                    "\"ana b\"@example.com",
                    "ana b@example.com",
                    "ana@@example.com",
                    "@example.com",
                    "ana@",
                    "ana@[127.0.0.1]",
                    "ana@[IPv6:::1]",
                    "ana@[not an address]",
                    "ana@-example.com",
                    "ana@example..com",
                    "ana@exa_mple.com",
                    "ana@example.com.",
                    "ana+tag@example.com",
                    "anä@example.com",
                    "ana@exämple.com",
                ],
            ),
            (
                Format::Uri,
                &[
                    "https://example.com/a",
                    "https://example.com/a b",
                    "https://example.com/%zz",
                    "https://[::1]/",
                    "https://[::1/",
                    "urn:isbn:0451450523",
                    "mailto:ana@example.com",
                    "a:b",
                    "1a:b",
                    "example.com",
                    "/relative/path",
                    "https://exämple.com/",
                    "https://example.com/ä",
                    "https://example.com:99999/",
                    "https://example.com:port/",
                    "https://ana@example.com/",
                    "https://example.com/a#b#c",
                    "https://example.com/a\\b",
                    "https:",
                    "https://",
                ],
            ),
            (
                Format::Uuid,
                &[
                    "0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f00",
                    "0B6F0F0E-6F2A-4C55-9A57-3C2A8C6A1F00",
                    "0b6f0f0e6f2a4c559a573c2a8c6a1f00",
                    "{0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f00}",
                    "urn:uuid:0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f00",
                    "0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f0",
                    "0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f0g",
                    "0b6f0f0e-6f2a4-c55-9a57-3c2a8c6a1f00",
                    "00000000-0000-0000-0000-000000000000",
                ],
            ),
            (
                Format::Hostname,
                &[
                    "app.example.com",
                    "localhost",
                    "app.example.com.",
                    "-app.example.com",
                    "app-.example.com",
                    "a_b.example.com",
                    "xn--bcher-kva.example",
                    "bücher.example",
                    "1.2.3.4",
                    "123",
                    "a..b",
                    ".",
                    "",
                    &"a".repeat(63),
                    &"a".repeat(64),
                    &["a"; 127].join("."),
                    &format!("{}.a", ["a"; 127].join(".")),
                ],
            ),
            (
                Format::Date,
                &[
                    "2024-02-29",
                    "2023-02-29",
                    "2024-5-1",
                    "2024-05-01T00:00:00Z",
                ],
            ),
            (
                Format::DateTime,
                &[
                    "2024-05-01T12:30:00Z",
                    "2024-05-01 12:30:00Z",
                    "2024-12-31T23:58:60Z",
                    "2024-05-01",
                ],
            ),
            (
                Format::Ipv4,
                &[
                    "10.0.0.1",
                    "010.0.0.1",
                    "256.0.0.1",
                    "1.2.3",
                    "1.2.3.4.5",
                    " 1.2.3.4",
                    "0x7f.0.0.1",
                ],
            ),
            (
                Format::Ipv6,
                &[
                    "::1",
                    "::",
                    "fe80::1",
                    "fe80::1%eth0",
                    "::ffff:1.2.3.4",
                    "1:2:3:4:5:6:7:8",
                    "1:2:3:4:5:6:7:8:9",
                    "1::2::3",
                    "[::1]",
                    "FE80::1",
                ],
            ),
        ];
        let mut checker = ValueChecker::new();
        let mut disagreements = Vec::new();
        for (format, values) in cases {
            let mut p = prop(Type::String);
            p.format = Some(Spanned::new(*format, Default::default()));
            for s in *values {
                let value = json!(s);
                let check_accepts = checker.check(&p, &value).is_none();
                if check_accepts != validate_accepts(&p, &value) {
                    disagreements.push(format!(
                        "{} {s:?}: check accepts it: {check_accepts}",
                        format.as_str()
                    ));
                }
            }
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }

    fn format_ok(format: Format, s: &str) -> bool {
        let mut p = prop(Type::String);
        p.format = Some(Spanned::new(format, Default::default()));
        ValueChecker::new().check(&p, &json!(s)).is_none()
    }

    /// `pattern:` is compiled as jsonschema compiles it, but jsonschema
    /// also takes shortcuts (prefixes, exact matches, alternations) and
    /// its own whitespace class; check's verdict must be the same on each.
    #[test]
    fn patterns_agree_with_jsonschema() {
        let patterns = [
            "^abc",
            "^abc$",
            "abc$",
            "^(a|b|c)$",
            "^(ab|é)$",
            "\\d+",
            "^\\d+$",
            "\\s",
            "^\\S+$",
            "^\\w+$",
            "\\bfoo\\b",
            "^\\p{L}+$",
            "a{2,}",
            "^$",
            "\\u00e9",
            "\\cJ",
            ".",
            "^.$",
            "^[\\s\\S]$",
            "\\D",
            "\\W",
            "(?=a)a",
            "(?<!a)b",
            "[^a]",
            "^a|b$",
            "^\\x41$",
            "^[A-Z][a-z]+$",
            "^\\$",
            "\\.",
            "^(?:a|ab)$",
        ];
        let values = [
            "", "abc", "xabc", "abcx", "abc\n", "a", "b", "ab", "aa", "aaa", "é", "e\u{301}",
            "\u{a0}", "\u{2028}", "\u{feff}", "\u{3000}", "\u{1680}", "\u{85}", "\n", "\r", "𝟘",
            "٣", "12", "ß", "A", "Abc", "foo bar", "x.y", "$", "\u{0}",
        ];
        let mut checker = ValueChecker::new();
        let mut disagreements = Vec::new();
        for pattern in patterns {
            let mut p = prop(Type::String);
            p.pattern = Some(Spanned::new(pattern.to_string(), Default::default()));
            for s in values {
                let value = json!(s);
                let check_accepts = checker.check(&p, &value).is_none();
                if check_accepts != validate_accepts(&p, &value) {
                    disagreements.push(format!(
                        "{pattern:?} on {s:?}: check accepts it: {check_accepts}"
                    ));
                }
            }
        }
        assert!(disagreements.is_empty(), "{disagreements:#?}");
    }

    /// jsonschema compares integers exactly, past the 2^53 that an `f64`
    /// holds; so must check, or an example of 2^53 would pass `enum:
    /// [2^53 + 1]` in check and fail in validate.
    #[test]
    fn big_integers_are_compared_exactly_as_in_jsonschema() {
        let big = 9_007_199_254_740_993_u64; // 2^53 + 1
        let mut in_enum = prop(Type::Integer);
        in_enum.enum_values = Some(Spanned::new(
            vec![Spanned::new(json!(big), Default::default())],
            Default::default(),
        ));
        let mut at_most = prop(Type::Integer);
        at_most.maximum = Some(Spanned::new((big - 1) as f64, Default::default()));
        let mut unique = prop(Type::Array);
        unique.unique_items = true;
        let mut checker = ValueChecker::new();
        for (p, value) in [
            (&in_enum, json!(big - 1)),
            (&in_enum, json!(big)),
            (&at_most, json!(big)),
            (&at_most, json!(big - 1)),
            (&unique, json!([big, big - 1])),
            (&unique, json!([big, big])),
        ] {
            assert_eq!(
                checker.check(p, &value).is_none(),
                validate_accepts(p, &value),
                "{value}"
            );
        }
    }

    #[test]
    fn formats() {
        assert!(format_ok(Format::Email, "ana@example.com"));
        assert!(!format_ok(Format::Email, "ana.example.com"));
        assert!(format_ok(
            Format::Uuid,
            "0b6f0f0e-6f2a-4c55-9a57-3c2a8c6a1f00"
        ));
        assert!(!format_ok(Format::Uuid, "0b6f0f0e"));
        assert!(format_ok(Format::DateTime, "2024-02-29T23:59:59.5+01:00"));
        assert!(!format_ok(Format::DateTime, "2023-02-29T10:00:00Z"));
        assert!(!format_ok(Format::DateTime, "2024-02-01T10:00:00+é:0"));
        assert!(!format_ok(Format::DateTime, "2024-02-01Té0:00:00Z"));
        assert!(!format_ok(Format::Date, "2024-é1-01"));
        assert!(format_ok(Format::Date, "2024-05-01"));
        assert!(!format_ok(Format::Date, "2024-5-1"));
        assert!(format_ok(Format::Uri, "https://example.com/a"));
        assert!(!format_ok(Format::Uri, "example.com"));
        assert!(format_ok(Format::Ipv4, "10.0.0.1"));
        assert!(format_ok(Format::Hostname, "app.example.com"));
    }
}
