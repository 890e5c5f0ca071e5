//! A spanned YAML tree built from `saphyr-parser` events.
//!
//! trackc does not deserialize plans with serde: a linter must report every
//! problem in a file, not stop at the first, and must know whether a scalar
//! was quoted (to warn about YAML 1.1 booleans). So the loader walks this tree
//! by hand. The builder is iterative (no recursion on user input) and enforces
//! the bounds that keep hostile files cheap: nesting depth and alias expansion.

use crate::source::{FileId, SourceFile, Span};
use saphyr_parser::{Event, Parser, ScalarStyle};

/// Deeper nesting than this is rejected. Real plans stay under 20 levels.
pub const MAX_DEPTH: usize = 128;
/// Nodes that alias expansion may add to one file (an alias bomb stops here).
pub const MAX_ALIAS_NODES: usize = 100_000;

#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Plain,
    Quoted,
    Block,
}

#[derive(Clone, Debug)]
pub struct Scalar {
    pub text: Box<str>,
    pub style: Style,
    /// `!!str`, `!!int`, ... as `str`, `int`; custom tags as written.
    pub tag: Option<Box<str>>,
}

/// A scalar resolved with the YAML 1.2 core schema.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str,
}

impl Scalar {
    pub fn resolve(&self) -> Resolved {
        if let Some(tag) = &self.tag {
            return match &**tag {
                "str" => Resolved::Str,
                "null" => Resolved::Null,
                "bool" => match &*self.text {
                    "true" | "True" | "TRUE" => Resolved::Bool(true),
                    _ => Resolved::Bool(false),
                },
                "int" => parse_int(&self.text).map_or(Resolved::Str, Resolved::Int),
                "float" => parse_float(&self.text).map_or(Resolved::Str, Resolved::Float),
                _ => Resolved::Str,
            };
        }
        if self.style != Style::Plain {
            return Resolved::Str;
        }
        let t = &*self.text;
        match t {
            "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
            "true" | "True" | "TRUE" => return Resolved::Bool(true),
            "false" | "False" | "FALSE" => return Resolved::Bool(false),
            _ => {}
        }
        if let Some(i) = parse_int(t) {
            return Resolved::Int(i);
        }
        if let Some(f) = parse_float(t) {
            return Resolved::Float(f);
        }
        Resolved::Str
    }

    /// True when YAML 1.1 would have read this plain scalar as a boolean or
    /// a number while YAML 1.2 reads it as a string (`yes`, `off`, `0755`...).
    pub fn is_yaml11_ambiguous(&self) -> Option<&'static str> {
        if self.style != Style::Plain || self.tag.is_some() {
            return None;
        }
        let lower = self.text.to_ascii_lowercase();
        let bool_words = ["yes", "no", "on", "off", "y", "n"];
        if bool_words.contains(&lower.as_str()) && self.text.len() <= 3 {
            return Some("a boolean");
        }
        let t = &*self.text;
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
        if (t.len() > 1 && t.starts_with('0') && digits(&t[1..]))
            || t.strip_prefix("0b").is_some_and(digits)
            || (t.contains(':')
                && t.split(':').all(|p| digits(p) && p.len() <= 2)
                && t.split(':').count() > 1)
            || (t.contains('_') && digits(t))
        {
            return Some("a number");
        }
        None
    }
}

fn parse_int(t: &str) -> Option<i64> {
    let (neg, body) = match t.as_bytes().first()? {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let v = if let Some(h) = body.strip_prefix("0x") {
        i64::from_str_radix(h, 16).ok()?
    } else if let Some(o) = body.strip_prefix("0o") {
        i64::from_str_radix(o, 8).ok()?
    } else if !body.is_empty() && body.bytes().all(|b| b.is_ascii_digit()) {
        body.parse().ok()?
    } else {
        return None;
    };
    Some(if neg { -v } else { v })
}

fn parse_float(t: &str) -> Option<f64> {
    match t {
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    // YAML 1.2 core: [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    let b = t.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        i += 1;
    }
    let int_start = i;
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = i - int_start;
    let mut frac_digits = 0;
    if i < b.len() && b[i] == b'.' {
        i += 1;
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = i - s;
    }
    if int_digits == 0 && frac_digits == 0 {
        return None;
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            i += 1;
        }
        let s = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == s {
            return None;
        }
    }
    if i != b.len() {
        return None;
    }
    t.parse().ok()
}

impl Node {
    /// This node and every node under it, keys included, depth first and
    /// without recursion (trees can be deep).
    pub fn walk(&self) -> impl Iterator<Item = &Node> {
        let mut todo = vec![self];
        std::iter::from_fn(move || {
            let n = todo.pop()?;
            match &n.value {
                Value::Scalar(_) => {}
                Value::Seq(items) => todo.extend(items.iter()),
                Value::Map(entries) => {
                    for e in entries {
                        todo.push(&e.key);
                        todo.push(&e.value);
                    }
                }
            }
            Some(n)
        })
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The scalar's text when it is a string under YAML 1.2 (or any plain
    /// scalar used as a map key).
    pub fn as_str(&self) -> Option<&str> {
        self.as_scalar().map(|s| &*s.text)
    }

    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar(s) if s.resolve() == Resolved::Null)
    }

    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => "null",
                Resolved::Bool(_) => "a boolean",
                Resolved::Int(_) => "an integer",
                Resolved::Float(_) => "a number",
                Resolved::Str => "a string",
            },
        }
    }

    /// Converts to JSON using YAML 1.2 resolution.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Scalar(s) => match s.resolve() {
                Resolved::Null => J::Null,
                Resolved::Bool(b) => J::Bool(b),
                Resolved::Int(i) => J::from(i),
                Resolved::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
                Resolved::Str => J::String(s.text.to_string()),
            },
            Value::Seq(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Map(entries) => J::Object(
                entries
                    .iter()
                    .map(|e| {
                        (
                            e.key.as_str().unwrap_or_default().to_string(),
                            e.value.to_json(),
                        )
                    })
                    .collect(),
            ),
        }
    }
}

/// Why a file could not be turned into a tree, or what was wrong in it.
#[derive(Clone, Debug)]
pub struct YamlProblem {
    pub kind: ProblemKind,
    pub message: String,
    pub span: Span,
    /// For duplicate keys: where the key was first defined.
    pub first: Option<Span>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    Syntax,
    DuplicateKey,
}

/// The result of parsing one file: a tree (absent after a fatal error, or
/// for an empty file) and every problem found.
pub struct Parsed {
    pub root: Option<Node>,
    pub problems: Vec<YamlProblem>,
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<Entry>,
        pending_key: Option<Node>,
        /// Keys seen so far: duplicate detection in O(1) per key.
        keys: std::collections::HashMap<String, Span>,
    },
}

/// The length of the anchor (`&a`) or tag (`!t`, `!<tag:x>`) that `s`
/// starts with. Neither holds white space, a line break or (outside a
/// verbatim tag's `<...>`) a flow indicator: `&a[1]` is the anchor `a` on
/// the flow sequence `[1]`.
pub fn prop_len(s: &str) -> usize {
    let end = |s: &str| s.find([' ', '\t', '\n', '\r', ',', '[', ']', '{', '}']);
    if s.starts_with("!<")
        && let Some(close) = s.find('>')
    {
        return close + 1;
    }
    end(s).unwrap_or(s.len())
}

/// Where a list written at its key's indentation (`a:\n- x`, an
/// "indentless" sequence) really starts: saphyr opens it after its first
/// `-`, at the first item (or at the line break or comment after the dash);
/// a node's span must hold the dash, or the item's own text (an empty block
/// scalar's `> # comment` header) passes for the list's. `None` when the
/// sequence at `start` opens at its own dash (or at its anchor or tag).
fn indentless_dash(text: &str, key_end: usize, start: usize) -> Option<usize> {
    let before = text.get(key_end..start)?;
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = &before[line_start..];
    let item = line.trim_start_matches(' ');
    let after_dash = item.strip_prefix('-')?;
    if !(after_dash.is_empty() || after_dash.starts_with([' ', '\t'])) {
        return None;
    }
    Some(key_end + line_start + (line.len() - item.len()))
}

/// `span` (the end event of the collection opened at `start`) widened to the
/// collection's closing bracket. saphyr ends a flow mapping with a trailing
/// comma (`{a: 1,}`) before its `}`; a node's span must hold all of it, or
/// text copied from it (`trackc fmt`, snippets) is cut short. Between the
/// last entry and the bracket there can only be white space, line breaks,
/// commas and comments.
fn flow_close(text: &str, start: Span, span: Span) -> Span {
    let bytes = text.as_bytes();
    // The start event's span opens at the collection's anchor or tag, if
    // it has one (`! {a,}`).
    let mut open = start.start as usize;
    loop {
        match bytes.get(open) {
            Some(b'&' | b'!') => open += prop_len(text.get(open..).unwrap_or("")).max(1),
            Some(b' ' | b'\t' | b'\n' | b'\r') => open += 1,
            Some(b'#') => {
                open =
                    memchr::memchr2(b'\n', b'\r', &bytes[open..]).map_or(bytes.len(), |n| open + n)
            }
            _ => break,
        }
    }
    let close = match bytes.get(open) {
        Some(b'{') => b'}',
        Some(b'[') => b']',
        _ => return span,
    };
    let end = span.end as usize;
    if end > 0 && bytes.get(end - 1) == Some(&close) {
        return span;
    }
    let mut i = end;
    while let Some(&b) = bytes.get(i) {
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b',' => i += 1,
            b'#' => i = memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(bytes.len(), |n| i + n),
            b if b == close => return Span::new(span.file, span.start as usize, i + 1),
            _ => return span,
        }
    }
    span
}

/// saphyr skips a reserved directive (`%FOO ...`, which YAML ignores)
/// counting bytes where it counts characters everywhere else, so every
/// marker after one holding a non-ASCII character would be off. The text
/// is parsed with those characters replaced by as many `_` as they have
/// bytes: the same byte layout, so spans are those of the real text, and
/// the same data, since the parser ignores the directive. `None` when no
/// directive needs it.
fn ascii_reserved_directives(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut out: Option<String> = None;
    let mut pos = if text.starts_with('\u{feff}') { 3 } else { 0 };
    // Directives come before a document: at the start of the file, or
    // after a `...` end marker.
    let mut prologue = true;
    while pos < text.len() {
        let end =
            memchr::memchr2(b'\n', b'\r', &text.as_bytes()[pos..]).map_or(text.len(), |n| pos + n);
        let line = text.get(pos..end).unwrap_or("");
        if line
            .strip_prefix("...")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
        {
            prologue = true;
        } else if prologue && line.starts_with('%') {
            let known = ["%YAML", "%TAG"].iter().any(|d| {
                line.strip_prefix(d)
                    .is_some_and(|rest| rest.starts_with([' ', '\t']))
            });
            if !known && !line.is_ascii() {
                let ascii: String = line
                    .chars()
                    .flat_map(|c| {
                        let n = if c.is_ascii() { 0 } else { c.len_utf8() };
                        std::iter::once(c)
                            .filter(char::is_ascii)
                            .chain(std::iter::repeat_n('_', n))
                    })
                    .collect();
                out.get_or_insert_with(|| text.to_string())
                    .replace_range(pos..end, &ascii);
            }
        } else {
            let content = line.trim_start_matches([' ', '\t']);
            if !(content.is_empty() || content.starts_with('#')) {
                // The prologue ends at `---` or the first content line.
                prologue = false;
            }
        }
        pos = end + 1;
    }
    out
}

pub fn parse(file_id: FileId, file: &SourceFile) -> Parsed {
    let ascii_directives =
        ascii_reserved_directives(&file.text).map(|text| SourceFile::new(file.path.clone(), text));
    let file = ascii_directives.as_ref().unwrap_or(file);
    let mut problems = Vec::new();
    let span_of = |s: saphyr_parser::Span| {
        Span::new(
            file_id,
            file.byte_offset(s.start.index()),
            file.byte_offset(s.end.index()),
        )
    };
    let fatal = |message: String, span: Span, mut problems: Vec<YamlProblem>| {
        problems.push(YamlProblem {
            kind: ProblemKind::Syntax,
            message,
            span,
            first: None,
        });
        Parsed {
            root: None,
            problems,
        }
    };

    let mut parser = Parser::new_from_str(&file.text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: std::collections::HashMap<usize, (Node, usize)> = Default::default();
    let mut alias_nodes = 0usize;
    let mut root: Option<Node> = None;
    let mut documents = 0usize;

    while let Some(next) = parser.next_event() {
        let (event, raw_span) = match next {
            Ok(ev) => ev,
            Err(e) => {
                let m = e.marker();
                let mut at = file.byte_offset(m.index());
                let mut message = if e.info() == "recursion limit exceeded" {
                    // The scanner's own bound on flow nesting, hit before ours.
                    format!(
                        "nesting deeper than {MAX_DEPTH} levels; a tracking plan never needs this"
                    )
                } else {
                    format!("invalid YAML: {}", e.info())
                };
                if e.info().contains("tab") {
                    // The scanner marks where the scalar began; point at the tab itself.
                    if let Some(i) = file.text.get(at..).and_then(|rest| rest.find('\t')) {
                        at += i;
                    }
                    message.push_str(" (YAML indents with spaces only)");
                }
                let content_end = file.text.trim_end().len();
                if at >= content_end {
                    // The scanner reports end-of-input errors past the final
                    // line break, on a line no snippet shows; point just
                    // after the last thing written instead.
                    at = content_end;
                    message.push_str(" before the end of the file");
                }
                let span = Span::new(
                    file_id,
                    at,
                    at + usize::from(file.text.get(at..).is_some_and(|r| !r.is_empty())),
                );
                return fatal(message, span, problems);
            }
        };
        let span = span_of(raw_span);
        let done: Option<(Node, usize)> = match event {
            Event::StreamStart | Event::Nothing | Event::DocumentEnd => None,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return fatal(
                        "a plan file holds one YAML document; split this one at `---` into separate files".into(),
                        span,
                        problems,
                    );
                }
                None
            }
            Event::Scalar(text, style, anchor, tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => Style::Quoted,
                    _ => Style::Block,
                };
                let tag = tag.map(|t| {
                    if t.handle == "tag:yaml.org,2002:" || t.handle == "!!" {
                        t.suffix.clone()
                    } else {
                        format!("{}{}", t.handle, t.suffix)
                    }
                });
                Some((
                    Node {
                        span,
                        value: Value::Scalar(Scalar {
                            text: text.into_owned().into_boxed_str(),
                            style,
                            tag: tag.map(String::into_boxed_str),
                        }),
                    },
                    anchor,
                ))
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return fatal(
                        format!(
                            "nesting deeper than {MAX_DEPTH} levels; a tracking plan never needs this"
                        ),
                        span,
                        problems,
                    );
                }
                if matches!(event, Event::SequenceStart(..)) {
                    let mut start = span;
                    if let Some(Frame::Map {
                        pending_key: Some(key),
                        ..
                    }) = stack.last()
                        && let Some(dash) =
                            indentless_dash(&file.text, key.span.end as usize, span.start as usize)
                    {
                        start = Span::new(file_id, dash, span.end as usize);
                    }
                    stack.push(Frame::Seq {
                        start,
                        anchor,
                        items: Vec::new(),
                    });
                } else {
                    stack.push(Frame::Map {
                        start: span,
                        anchor,
                        entries: Vec::new(),
                        pending_key: None,
                        keys: Default::default(),
                    });
                }
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq {
                    start,
                    anchor,
                    items,
                }) => Some((
                    Node {
                        span: start.to(flow_close(&file.text, start, span)),
                        // Growth slack is a third of a large tree's memory.
                        value: Value::Seq(items.into_boxed_slice().into_vec()),
                    },
                    anchor,
                )),
                Some(Frame::Map {
                    start,
                    anchor,
                    entries,
                    ..
                }) => Some((
                    Node {
                        span: start.to(flow_close(&file.text, start, span)),
                        value: Value::Map(entries.into_boxed_slice().into_vec()),
                    },
                    anchor,
                )),
                None => None,
            },
            Event::Alias(id) => match anchors.get(&id) {
                Some((node, size)) => {
                    alias_nodes += size;
                    if alias_nodes > MAX_ALIAS_NODES {
                        return fatal(
                            format!(
                                "aliases here expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?); use shared `properties:` instead of YAML aliases"
                            ),
                            span,
                            problems,
                        );
                    }
                    let mut copy = node.clone();
                    copy.span = span;
                    Some((copy, 0))
                }
                None => return fatal("alias to an unknown anchor".into(), span, problems),
            },
        };
        let Some((node, anchor)) = done else { continue };
        if anchor != 0 {
            let size = count_nodes(&node);
            anchors.insert(anchor, (node.clone(), size));
        }
        match stack.last_mut() {
            None => root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map {
                entries,
                pending_key,
                keys,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    if let Some(k) = key.as_str() {
                        // Most mappings are a handful of keys: scan those, and
                        // index only large ones (an `events:` map of 10,000).
                        let first = if entries.len() < 16 {
                            entries
                                .iter()
                                .find(|e| e.key.as_str() == Some(k))
                                .map(|e| e.key.span)
                        } else {
                            if keys.is_empty() {
                                keys.extend(entries.iter().filter_map(|e| {
                                    Some((e.key.as_str()?.to_string(), e.key.span))
                                }));
                            }
                            keys.get(k).copied()
                        };
                        if let Some(first) = first {
                            problems.push(YamlProblem {
                                kind: ProblemKind::DuplicateKey,
                                message: format!("duplicate key `{k}` in one mapping"),
                                span: key.span,
                                first: Some(first),
                            });
                            continue;
                        }
                        if !keys.is_empty() || entries.len() >= 16 {
                            keys.insert(k.to_string(), key.span);
                        }
                    }
                    entries.push(Entry { key, value: node });
                }
            },
        }
    }
    Parsed { root, problems }
}

/// Counts nodes iteratively (a deep alias target must not recurse).
fn count_nodes(node: &Node) -> usize {
    node.walk().count()
}
