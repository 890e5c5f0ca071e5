//! Example payloads built from the plan, valid against the generated schemas.
//!
//! A property's own `examples` come first, then `const`, then the first
//! `enum` value, then a value made up from its type, format and bounds.
//! A `pattern` cannot be satisfied in general (nor a `format` with length
//! bounds no value of it meets: an email of 5 characters), so a made-up
//! string that does not fit is reported back:
//! the page then asks for an `examples:` entry instead of showing an
//! invalid payload as valid.

use crate::model::{Format, Property, Type};
use serde_json::{Map, Value, json};

/// The longest string and array an example makes up to meet `min_length`
/// or `min_items`; a property that needs more gets no made-up value that
/// would pass, and its page asks for an `examples:` entry.
const MADE_UP_STRING_MAX: u64 = 256;
const MADE_UP_ITEMS_MAX: u64 = 16;

/// The example object for a property list, and the names of properties
/// whose made-up value is not valid (a `pattern` without `examples`).
pub fn object(props: &[Property]) -> (Value, Vec<String>) {
    let mut problems = Vec::new();
    let v = object_inner(props, "", &mut problems);
    (v, problems)
}

fn object_inner(props: &[Property], prefix: &str, problems: &mut Vec<String>) -> Value {
    let mut m = Map::new();
    for p in props {
        let path = format!("{prefix}{}", p.name.value);
        m.insert(p.name.value.clone(), value(p, &path, problems));
    }
    Value::Object(m)
}

fn value(p: &Property, path: &str, problems: &mut Vec<String>) -> Value {
    if let Some(e) = p.examples.first() {
        return e.value.clone();
    }
    if let Some(c) = &p.const_value {
        return c.value.clone();
    }
    if let Some(first) = p
        .enum_values
        .as_ref()
        .and_then(|e| e.value.iter().find(|v| !v.value.is_null()))
    {
        return first.value.clone();
    }
    match p.ty.value {
        Type::String | Type::Datetime | Type::Date => {
            let s = string(p);
            let len = s.chars().count() as u64;
            let fits_length = p.min_length.as_ref().is_none_or(|m| len >= m.value)
                && p.max_length.as_ref().is_none_or(|m| len <= m.value);
            let fits_pattern = p.pattern.as_ref().is_none_or(|pattern| {
                fancy_regex::Regex::new(&pattern.value)
                    .ok()
                    .and_then(|re| re.is_match(&s).ok())
                    .unwrap_or(false)
            });
            if !fits_length || !fits_pattern {
                problems.push(path.to_string());
            }
            Value::String(s)
        }
        Type::Integer => json!(integer(p)),
        Type::Number => number(p),
        Type::Boolean => Value::Bool(true),
        Type::Array => {
            let min = p.min_items.as_ref().map_or(0, |n| n.value);
            let max = p.max_items.as_ref().map_or(u64::MAX, |n| n.value);
            // One item shows the shape; `min_items` asks for more.
            let mut count = min.max(1).min(max);
            if count > MADE_UP_ITEMS_MAX {
                problems.push(path.to_string());
                count = MADE_UP_ITEMS_MAX;
            }
            let Some(items) = &p.items else {
                return Value::Array(vec![json!("example"); count as usize]);
            };
            let item_path = format!("{path}[]");
            let first = value(items, &item_path, problems);
            let mut out = vec![first.clone()];
            for i in 1..count {
                out.push(if p.unique_items {
                    distinct(items, &first, i)
                } else {
                    first.clone()
                });
            }
            if p.unique_items && count > 1 {
                let mut seen = Vec::new();
                for v in &out {
                    if seen.contains(&v) {
                        problems.push(path.to_string());
                        break;
                    }
                    seen.push(v);
                }
            }
            Value::Array(out)
        }
        Type::Object => object_inner(&p.properties, &format!("{path}."), problems),
        Type::Any => json!("example"),
    }
}

/// Another item for a `unique_items` array: the next enum value or example,
/// or a variation of the first.
fn distinct(items: &Property, first: &Value, i: u64) -> Value {
    let pool: Vec<&Value> = items
        .examples
        .iter()
        .map(|e| &e.value)
        .chain(
            items
                .enum_values
                .iter()
                .flat_map(|e| e.value.iter().map(|v| &v.value)),
        )
        .filter(|v| *v != first && !v.is_null())
        .collect();
    if let Some(v) = pool.get(i as usize - 1) {
        return (*v).clone();
    }
    match first {
        Value::String(s) if items.pattern.is_none() && items.format.is_none() => {
            let mut s = s.clone();
            s.push_str(&i.to_string());
            if let Some(max) = items.max_length.as_ref().map(|m| m.value as usize)
                && s.chars().count() > max
            {
                let skip = s.chars().count() - max;
                s = s.chars().skip(skip).collect();
            }
            Value::String(s)
        }
        Value::Number(n) if n.is_i64() => {
            let v = n.as_i64().unwrap_or(0).saturating_add(i as i64);
            match items.maximum.as_ref() {
                Some(max) if v as f64 > max.value => first.clone(),
                _ => json!(v),
            }
        }
        _ => first.clone(),
    }
}

fn string(p: &Property) -> String {
    let base = match (p.format.as_ref().map(|f| f.value), p.ty.value) {
        (Some(Format::Email), _) => "jane@example.com",
        (Some(Format::Uri), _) => "https://example.com/",
        (Some(Format::Uuid), _) => "3f2504e0-4f89-41d3-9a0c-0305e82c3301",
        (Some(Format::DateTime), _) | (None, Type::Datetime) => "2025-01-31T14:30:00Z",
        (Some(Format::Date), _) | (None, Type::Date) => "2025-01-31",
        (Some(Format::Ipv4), _) => "192.0.2.1",
        (Some(Format::Ipv6), _) => "2001:db8::1",
        (Some(Format::Hostname), _) => "example.com",
        (None, _) => "example",
    };
    let min = p.min_length.as_ref().map_or(0, |n| n.value);
    let max = p.max_length.as_ref().map_or(u64::MAX, |n| n.value);
    if let Some(f) = p.format.as_ref().map(|f| f.value)
        && let Some(s) = sized_for_format(f, min, max)
    {
        return s;
    }
    let mut s = base.to_string();
    if p.format.is_none() && p.ty.value == Type::String {
        // A longer made-up string would only fill the page; past this the
        // length check in `value` reports the property, and the page asks
        // for an `examples:` entry.
        let min = p.min_length.as_ref().map_or(0, |n| n.value);
        let have = s.chars().count() as u64;
        if min > have && min <= MADE_UP_STRING_MAX {
            s.extend(std::iter::repeat_n('x', (min - have) as usize));
        }
        if let Some(max) = p.max_length.as_ref().map(|n| n.value as usize) {
            s = s.chars().take(max).collect();
        }
    }
    s
}

/// A value of `format` between `min` and `max` characters, for the formats
/// whose values can grow or shrink (`None` when the usual one fits, or
/// when none can): an email's local part and a hostname's first label are
/// padded (each stays within its 64 / 63 limit) or shortened; a URI's path
/// is padded.
fn sized_for_format(format: Format, min: u64, max: u64) -> Option<String> {
    // Shorter values to try, then how a longer one is made: `before`, the
    // filler repeated (1 to `most` times), `after`.
    let (short, before, filler, after, most): (&[&str], &str, char, &str, usize) = match format {
        Format::Email => (
            &["jane@example.com", "j@example.com", "j@e.io"],
            "",
            'j',
            "@example.com",
            64,
        ),
        Format::Hostname => (&["example.com", "e.io", "e"], "", 'e', ".example.com", 63),
        Format::Uri => (
            &["https://example.com/", "https://e.io", "e:e"],
            "https://example.com/",
            'e',
            "",
            usize::MAX,
        ),
        _ => return None,
    };
    let fits = |s: &str| (min..=max).contains(&(s.chars().count() as u64));
    if fits(short[0]) {
        return None;
    }
    if let Some(s) = short.iter().find(|s| fits(s)) {
        return Some(s.to_string());
    }
    let fixed = (before.len() + after.len()) as u64;
    let pad = min.checked_sub(fixed)? as usize;
    (min <= MADE_UP_STRING_MAX && min <= max && (1..=most).contains(&pad))
        .then(|| format!("{before}{}{after}", filler.to_string().repeat(pad)))
}

fn integer(p: &Property) -> i64 {
    let min = p.minimum.as_ref().map(|m| m.value.ceil());
    let max = p.maximum.as_ref().map(|m| m.value.floor());
    let mut v: f64 = 1.0;
    if let Some(lo) = min {
        v = v.max(lo);
    }
    if let Some(hi) = max {
        v = v.min(hi);
    }
    v.clamp(i64::MIN as f64, i64::MAX as f64) as i64
}

fn number(p: &Property) -> Value {
    let mut v: f64 = 1.5;
    if let Some(lo) = p.minimum.as_ref() {
        v = v.max(lo.value);
    }
    if let Some(hi) = p.maximum.as_ref() {
        v = v.min(hi.value);
    }
    serde_json::Number::from_f64(v).map_or(json!(0), Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::jsonschema::property_schema;
    use crate::lint::value_check::compile_schema;
    use crate::source::Spanned;

    /// A made-up value for a `format` with length bounds is valid against
    /// the property's own schema (format checked as `validate` checks it)
    /// whenever one exists, and reported when none does.
    #[test]
    fn formatted_strings_meet_length_bounds() {
        let cases: &[(Format, Option<u64>, Option<u64>, bool)] = &[
            (Format::Email, None, None, true),
            (Format::Email, Some(30), None, true),
            (Format::Email, Some(76), None, true),
            (Format::Email, Some(77), None, false),
            (Format::Email, None, Some(13), true),
            (Format::Email, None, Some(6), true),
            (Format::Email, None, Some(5), false),
            (Format::Email, Some(20), Some(25), true),
            (Format::Hostname, Some(40), None, true),
            (Format::Hostname, None, Some(4), true),
            (Format::Hostname, None, Some(1), true),
            (Format::Uri, Some(100), None, true),
            (Format::Uri, None, Some(12), true),
            (Format::Uri, None, Some(3), true),
            (Format::Uri, None, Some(2), false),
        ];
        for &(format, min, max, possible) in cases {
            let mut p = Property::new(
                Spanned::new("p".into(), Default::default()),
                Spanned::new(Type::String, Default::default()),
            );
            p.format = Some(Spanned::new(format, Default::default()));
            p.min_length = min.map(|n| Spanned::new(n, Default::default()));
            p.max_length = max.map(|n| Spanned::new(n, Default::default()));
            let mut problems = Vec::new();
            let v = value(&p, "p", &mut problems);
            let schema = Value::Object(property_schema(&p, false));
            let valid = compile_schema(&schema).unwrap().is_valid(&v);
            let case = format!("{format:?} {min:?}..{max:?}: {v}");
            if possible {
                assert!(valid && problems.is_empty(), "{case}: {problems:?}");
            } else {
                assert_eq!(problems, ["p"], "{case}");
            }
        }
    }
}
