//! YAML scalar emission: quoting chosen so that `crate::yaml` (YAML 1.2,
//! saphyr) reads back exactly the string written, and YAML 1.1 tools do not
//! misread it either (`no`, `0755`, `12:30` are quoted).
//!
//! The rule is conservative: a string is written plain only when it starts
//! with a letter, digit or `_`, holds no character with meaning in flow or
//! block context, and resolves to a string under both YAML versions.
//! Everything else is double-quoted with escapes; multi-line text that is
//! safe for it becomes a literal block (`|`), which keeps descriptions readable.

use crate::yaml::{Resolved, Scalar, Style};
use serde_json::Value as Json;

/// True when `s` can be written as a plain scalar and read back unchanged.
pub fn is_plain_safe(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if !(first.is_alphanumeric() || first == '_') {
        return false;
    }
    if s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    // YAML 1.1 reads `2024-06-01` as a timestamp and `1.5.0`-like text is
    // easy to misread; digits followed by punctuation are always quoted.
    if first.is_ascii_digit() && s.contains(['-', ':', '.', '+']) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") {
        return false;
    }
    if s.chars().any(|c| {
        needs_escape(c)
            || matches!(
                c,
                ',' | '[' | ']' | '{' | '}' | '"' | '\'' | '\t' | '#' | '`'
            )
    }) {
        return false;
    }
    let scalar = Scalar {
        text: s.into(),
        style: Style::Plain,
        tag: None,
    };
    scalar.resolve() == Resolved::Str && scalar.is_yaml11_ambiguous().is_none() && !yaml11_word(s)
}

/// YAML 1.1 booleans and nulls that `is_yaml11_ambiguous` leaves to the
/// length check (`true`-likes longer than three letters are fine in 1.2 but
/// we quote them anyway so no reader guesses).
fn yaml11_word(s: &str) -> bool {
    matches!(
        s.to_ascii_lowercase().as_str(),
        "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false" | "null" | "nan" | "inf"
    )
}

/// Characters that only a double-quoted scalar can carry.
pub(crate) fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// A double-quoted scalar with every special character escaped.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02x}"));
                } else {
                    out.push_str(&format!("\\u{n:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// YAML's bound on an implicit key (`key:`), in characters; a longer key
/// must be written as an explicit one (`? key`).
const IMPLICIT_KEY_MAX: usize = 1024;

/// `s` as a mapping key, up to and including its `:`. A key too long to be
/// implicit becomes `? key`, the `:` then on the next line at `indent`;
/// in a flow mapping (`indent` None) it stays on the line.
pub fn key_str(s: &str, indent: Option<usize>) -> String {
    let k = inline_str(s);
    if k.chars().count() < IMPLICIT_KEY_MAX {
        return format!("{k}:");
    }
    match indent {
        Some(n) => format!("? {k}\n{:n$}:", ""),
        None => format!("? {k}:"),
    }
}

/// A string in inline position (a key, a flow item): plain or double-quoted.
pub fn inline_str(s: &str) -> String {
    if is_plain_safe(s) {
        s.to_string()
    } else {
        double_quoted(s)
    }
}

/// Can `s` be written as a literal block scalar and read back unchanged?
fn block_safe(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n', '\t'])
        && !s.chars().any(|c| needs_escape(c) && c != '\n')
        && !s.contains('\r')
        && s.trim_end_matches('\n')
            .split('\n')
            .all(|l| !l.ends_with([' ', '\t']) && !l.starts_with('\t'))
}

/// `key: value` for a string value at `indent`, using a literal block for
/// multi-line text. Returns the text after `key:` including the newline.
pub fn string_value(s: &str, indent: usize) -> String {
    if !block_safe(s) {
        return format!(" {}\n", inline_str(s));
    }
    let trailing = s.len() - s.trim_end_matches('\n').len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent + 2);
    let mut out = format!(" |{chomp}\n");
    let body = s.strip_suffix('\n').unwrap_or(s);
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// A JSON value in flow style: scalars, `[a, b]`, `{k: v}`.
pub fn flow_json(v: &Json) -> String {
    match v {
        Json::Null => "null".into(),
        Json::Bool(b) => b.to_string(),
        Json::Number(n) => n.to_string(),
        Json::String(s) => inline_str(s),
        Json::Array(items) => {
            let parts: Vec<String> = items.iter().map(flow_json).collect();
            format!("[{}]", parts.join(", "))
        }
        Json::Object(map) => {
            let parts: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{} {}", key_str(k, None), flow_json(v)))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// A number as YAML reads it back: integral floats keep a `.0` so that a
/// `number` bound never turns into an integer-looking one by accident.
pub fn number(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{FileId, SourceFile};

    fn read_back(doc: &str) -> Json {
        let file = SourceFile::new("t.yaml".into(), doc.to_string());
        let parsed = crate::yaml::parse(FileId(0), &file);
        assert!(parsed.problems.is_empty(), "{doc}: {:?}", parsed.problems);
        parsed.root.expect("a document").to_json()
    }

    const HOSTILE: &[&str] = &[
        "",
        " ",
        "yes",
        "No",
        "on",
        "OFF",
        "y",
        "n",
        "true",
        "False",
        "null",
        "~",
        "NULL",
        "0755",
        "012",
        "1_000",
        "12:30",
        "0b101",
        "0x1F",
        "1e3",
        ".5",
        "-1",
        "+1",
        ".inf",
        "-.inf",
        ".nan",
        "1.0",
        "3",
        "- item",
        "-",
        "?",
        "? x",
        ": x",
        "a: b",
        "a:b",
        "a #b",
        "#comment",
        "&anchor",
        "*alias",
        "!tag",
        "!!str",
        "|",
        ">",
        "%YAML",
        "@at",
        "`tick",
        "'single'",
        "\"double\"",
        "[x]",
        "{x}",
        "a, b",
        "trailing ",
        " leading",
        "tab\there",
        "line\nbreak",
        "two\n\nparas\n",
        "ends\n\n",
        "\n",
        "\nlead",
        "crlf\r\n",
        "nul\0byte",
        "bell\u{7}",
        "nel\u{85}x",
        "ls\u{2028}x",
        "bom\u{feff}",
        "back\\slash",
        "ünïcödé",
        "emoji 🎉",
        "Signed Up",
        "signed_up",
        "<<",
        "=",
        "key:",
        "a\t",
        "  indented\nx",
        "x\n  y",
        "\ttab first",
        "#",
        "a #",
        "...",
        "---",
        "--- x",
        "a\n---\nb",
        "a\n...\nb",
    ];

    #[test]
    fn hostile_strings_round_trip_as_keys_values_and_flow_items() {
        for s in HOSTILE {
            let doc = format!(
                "{}:{}list: [{}]\n",
                inline_str(s),
                string_value(s, 0),
                inline_str(s)
            );
            let back = read_back(&doc);
            let map = back.as_object().expect("a mapping");
            let (k, v) = map.iter().next().expect("one entry");
            assert_eq!(k, s, "key of {doc:?}");
            assert_eq!(v, &Json::String(s.to_string()), "value of {doc:?}");
            assert_eq!(
                map.get("list"),
                Some(&Json::Array(vec![Json::String(s.to_string())])),
                "flow item of {doc:?}"
            );
        }
    }

    #[test]
    fn nested_block_scalars_keep_their_text() {
        let s = "first line\n  indented second\nthird\n";
        let doc = format!("outer:\n  inner:{}  after: 1\n", string_value(s, 2));
        let back = read_back(&doc);
        assert_eq!(back["outer"]["inner"], Json::String(s.into()));
        assert_eq!(back["outer"]["after"], Json::from(1));
    }

    #[test]
    fn ordinary_words_stay_plain_and_ambiguous_ones_are_quoted() {
        assert_eq!(inline_str("Signed Up"), "Signed Up");
        assert_eq!(inline_str("plan_tier"), "plan_tier");
        assert_eq!(inline_str("no"), "\"no\"");
        assert_eq!(inline_str("0755"), "\"0755\"");
        assert_eq!(inline_str("a: b"), "\"a: b\"");
        assert_eq!(inline_str("2024-06-01"), "\"2024-06-01\"");
    }

    #[test]
    fn flow_json_round_trips() {
        let v = serde_json::json!([1, 2.5, "yes", null, true, {"a b": ["x", "1"]}]);
        assert_eq!(read_back(&format!("v: {}\n", flow_json(&v)))["v"], v);
    }
}
