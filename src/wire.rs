//! Recorded events on the wire (shared/spec/cli.md): one JSON object per
//! line in the Segment / RudderStack shape. `validate` and `infer` both read
//! messages through [`parse`], so they agree on what a line means.
//!
//! Only the fields trackc uses are materialised; the rest of the line is
//! scanned by serde and dropped, which is most of the speed of `validate`.

use serde::Deserialize;
use serde_json::Value as Json;
use std::borrow::Cow;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Track,
    Identify,
    Group,
    /// Counted and skipped: the plan format has no page, screen or alias calls.
    Page,
    Screen,
    Alias,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Track => "track",
            Kind::Identify => "identify",
            Kind::Group => "group",
            Kind::Page => "page",
            Kind::Screen => "screen",
            Kind::Alias => "alias",
        }
    }

    /// The field that carries a message's payload.
    pub fn payload_key(self) -> &'static str {
        match self {
            Kind::Identify | Kind::Group => "traits",
            Kind::Track | Kind::Page | Kind::Screen | Kind::Alias => "properties",
        }
    }

    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "track" => Kind::Track,
            "identify" => Kind::Identify,
            "group" => Kind::Group,
            "page" => Kind::Page,
            "screen" => Kind::Screen,
            "alias" => Kind::Alias,
            _ => return None,
        })
    }
}

#[derive(Deserialize)]
struct Raw<'a> {
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    event: Option<Cow<'a, str>>,
    #[serde(default)]
    properties: Option<Json>,
    #[serde(default)]
    traits: Option<Json>,
    #[serde(default)]
    context: Option<Json>,
}

/// One message, reduced to what trackc checks.
#[derive(Debug)]
pub struct Message<'a> {
    pub kind: Kind,
    /// The event name of a track call.
    pub event: Option<Cow<'a, str>>,
    /// `properties` of a track call, `traits` of identify and group calls.
    pub payload: Option<Json>,
    pub context: Option<Json>,
}

/// Why a line is not a message trackc can check.
#[derive(Clone, Debug, PartialEq)]
pub enum LineProblem {
    Blank,
    TooLong(usize),
    NotJson(String),
    NotObject(&'static str),
    NotEvent(String),
}

impl LineProblem {
    pub fn describe(&self) -> String {
        match self {
            LineProblem::Blank => "blank line".into(),
            LineProblem::TooLong(n) => format!(
                "line is {n} bytes, longer than the {} MiB limit; skipped",
                crate::jsonl::MAX_LINE_BYTES / (1024 * 1024)
            ),
            LineProblem::NotJson(e) => format!("not JSON: {e}"),
            LineProblem::NotObject(k) => format!("not a JSON object: found {k}"),
            LineProblem::NotEvent(e) => format!("not an event: {e}"),
        }
    }
}

pub fn parse(line: &[u8]) -> Result<Message<'_>, LineProblem> {
    let first = line.iter().find(|b| !b.is_ascii_whitespace());
    match first {
        None => return Err(LineProblem::Blank),
        Some(b'{') => {}
        Some(_) => {
            return Err(match serde_json::from_slice::<Json>(line) {
                Ok(v) => LineProblem::NotObject(json_kind(&v)),
                Err(e) => not_json(line, &e),
            });
        }
    }
    let raw: Raw<'_> = serde_json::from_slice(line).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            LineProblem::NotEvent(short_error(&e))
        } else {
            not_json(line, &e)
        }
    })?;
    let kind = match (&raw.kind, &raw.event) {
        (Some(k), _) => Kind::parse(k).ok_or_else(|| {
            LineProblem::NotEvent(format!(
                "unknown message type `{}` (expected track, identify, group, page, screen or alias)",
                truncate(k, 60)
            ))
        })?,
        (None, Some(_)) => Kind::Track,
        (None, None) => {
            return Err(LineProblem::NotEvent(
                "no `type` and no `event` field".into(),
            ));
        }
    };
    if kind == Kind::Track && raw.event.is_none() {
        return Err(LineProblem::NotEvent(
            "a track call without an `event` name".into(),
        ));
    }
    // No plan can name an event "" (the loader rejects an empty name), so
    // such a call is a broken line, not an event missing from the plan.
    if kind == Kind::Track && raw.event.as_deref() == Some("") {
        return Err(LineProblem::NotEvent(
            "a track call with an empty `event` name".into(),
        ));
    }
    let payload = match kind {
        Kind::Track | Kind::Page | Kind::Screen => raw.properties,
        Kind::Identify | Kind::Group => raw.traits,
        Kind::Alias => None,
    };
    Ok(Message {
        kind,
        event: raw.event,
        payload,
        context: raw.context,
    })
}

pub fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

/// A line that is not JSON; when it looks like UTF-16 (a UTF-16 byte order
/// mark, or a NUL byte beside most ASCII characters), saying so is the
/// useful part: serde_json only sees an unexpected byte.
fn not_json(line: &[u8], e: &serde_json::Error) -> LineProblem {
    let bom = line.starts_with(&[0xFF, 0xFE]) || line.starts_with(&[0xFE, 0xFF]);
    let nuls = line.iter().filter(|&&b| b == 0).count();
    let ascii = line.iter().filter(|&&b| b != 0 && b.is_ascii()).count();
    if bom || (nuls > 0 && ascii > 0 && nuls * 3 >= line.len()) {
        return LineProblem::NotJson(
            "the file looks like UTF-16; trackc reads UTF-8 JSON Lines (convert it, e.g. `iconv -f UTF-16 -t UTF-8`)"
                .into(),
        );
    }
    LineProblem::NotJson(short_error(e))
}

/// serde_json's message, without the "at line 1" that is always line 1 here.
fn short_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    format!("{msg} (column {})", e.column())
}

/// At most `n` characters, with an ellipsis when cut.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_track_identify_and_group_payloads() {
        let m = parse(br#"{"type":"track","event":"Signed Up","properties":{"a":1},"userId":"u"}"#)
            .unwrap();
        assert_eq!(
            (m.kind, m.event.as_deref()),
            (Kind::Track, Some("Signed Up"))
        );
        assert_eq!(m.payload, Some(serde_json::json!({"a": 1})));
        let m = parse(br#"{"type":"identify","traits":{"email":"x"}}"#).unwrap();
        assert_eq!(m.payload, Some(serde_json::json!({"email": "x"})));
        let m = parse(br#"{"event":"No Type"}"#).unwrap();
        assert_eq!(m.kind, Kind::Track);
    }

    #[test]
    fn names_utf16_lines() {
        let line: Vec<u8> = "{\"event\":\"A\"}"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        for l in [&line[..], &line[1..], &[&[0xFF, 0xFE][..], &line].concat()] {
            match parse(l).unwrap_err() {
                LineProblem::NotJson(m) => assert!(m.contains("UTF-16"), "{m}"),
                other => panic!("{other:?}"),
            }
        }
        // A lone NUL in UTF-8 text is not called UTF-16.
        match parse(b"{\"event\":\"A\0B\"}").unwrap_err() {
            LineProblem::NotJson(m) => assert!(!m.contains("UTF-16"), "{m}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn classifies_bad_lines() {
        assert_eq!(parse(b"  ").unwrap_err(), LineProblem::Blank);
        assert_eq!(
            parse(b"[1]").unwrap_err(),
            LineProblem::NotObject("an array")
        );
        assert!(matches!(
            parse(b"{\"type\":").unwrap_err(),
            LineProblem::NotJson(_)
        ));
        assert!(matches!(
            parse(b"nope").unwrap_err(),
            LineProblem::NotJson(_)
        ));
        assert!(matches!(
            parse(br#"{"type":"track","event":5}"#).unwrap_err(),
            LineProblem::NotEvent(_)
        ));
        assert!(matches!(
            parse(br#"{"type":"track"}"#).unwrap_err(),
            LineProblem::NotEvent(_)
        ));
        assert!(matches!(
            parse(br#"{"type":"tracks","event":"x"}"#).unwrap_err(),
            LineProblem::NotEvent(m) if m.contains("tracks")
        ));
    }
}
