//! Reading the source text around the tree: lines, comments, and the small
//! facts the spanned tree leaves out (is a collection flow or block, is a
//! node an alias).
//!
//! Comments are not in the tree. They are found in the text *between* the
//! nodes that are kept verbatim (scalars, flow collections, aliases): a `#`
//! there that starts a line or follows a space starts a comment.

use crate::yaml::{Node, Style, Value, prop_len};

/// YAML's white space: space and tab. `str::trim` also strips vertical tab,
/// form feed, NEL, no-break space and the other Unicode spaces, which YAML
/// reads as content: trimming them would change a value.
pub const WHITE: [char; 2] = [' ', '\t'];
/// [`WHITE`] and the line breaks (the original text, which the safety net
/// reads, may still have CR LF).
pub const WHITE_OR_BREAK: [char; 4] = [' ', '\t', '\n', '\r'];

/// Line starts of an LF text (0-based lines, byte offsets).
pub struct Lines<'a> {
    pub text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { text, starts }
    }

    /// Number of lines; a final line break does not open another line.
    pub fn count(&self) -> usize {
        if self.text.ends_with('\n') {
            self.starts.len() - 1
        } else {
            self.starts.len()
        }
    }

    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    pub fn start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(self.text.len())
    }

    /// The line's text without its line break.
    pub fn get(&self, line: usize) -> &'a str {
        let start = self.start(line);
        let end = self.start(line + 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches('\n')
    }

    /// Byte column of an offset. Indentation is spaces, so bytes are columns
    /// wherever this is used.
    pub fn col(&self, offset: usize) -> usize {
        offset - self.start(self.line_of(offset))
    }
}

pub fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or("")
}

pub fn node_text<'a>(text: &'a str, node: &Node) -> &'a str {
    slice(text, node.span.start as usize, node.span.end as usize)
}

/// Skips leading anchor and tag tokens (`&a`, `!!str`), comments and
/// whitespace.
fn skip_props(s: &str) -> &str {
    let mut s = s.trim_start_matches(WHITE_OR_BREAK);
    loop {
        let end = if s.starts_with('&') || s.starts_with('!') {
            prop_len(s)
        } else if s.starts_with('#') {
            s.find(['\n', '\r']).unwrap_or(s.len())
        } else {
            return s;
        };
        s = s[end..].trim_start_matches(WHITE_OR_BREAK);
    }
}

/// Where a block scalar's content starts: after the line of its `|` or `>`
/// header, which follows the `indicator` (`:` or `-`) found after `from`.
/// `None` when the text there is not laid out that way.
fn block_content_start(text: &str, from: usize, indicator: char) -> Option<usize> {
    let rest = skip_props(text.get(from..)?).strip_prefix(indicator)?;
    let rest = skip_props(rest);
    if !rest.starts_with(['|', '>']) {
        return None;
    }
    let header = text.len() - rest.len();
    Some(memchr::memchr2(b'\n', b'\r', rest.as_bytes()).map_or(text.len(), |n| header + n + 1))
}

fn first_child_start(node: &Node) -> Option<u32> {
    match &node.value {
        Value::Scalar(_) => None,
        Value::Seq(items) => items.first().map(|n| n.span.start),
        Value::Map(entries) => entries.first().map(|e| e.key.span.start),
    }
}

/// An alias (`*name`) carries a copy of its anchor's node under its own span.
pub fn is_alias(text: &str, node: &Node) -> bool {
    let s = node_text(text, node);
    if !s.starts_with('*') {
        return false;
    }
    match &node.value {
        // A block scalar's span starts at its content, which may begin with
        // `*`; its content spans a line break unless it ends the file.
        Value::Scalar(sc) if sc.style == Style::Block => {
            !s.contains('\n') && (node.span.end as usize) < text.len()
        }
        Value::Scalar(_) => true,
        // The copied children keep the anchor's spans, which come earlier.
        _ => first_child_start(node).is_none_or(|c| c < node.span.start),
    }
}

/// Whether any node of the tree, inside flow collections too, is an alias.
pub fn has_alias(text: &str, root: &Node) -> bool {
    root.walk().any(|n| is_alias(text, n))
}

/// A flow collection (`[a, b]`, `{}`): its span opens with the bracket,
/// before its first child. (A block collection's span may also open at a
/// bracket: the one of its first child.)
pub fn is_flow(text: &str, node: &Node) -> bool {
    if matches!(node.value, Value::Scalar(_)) || is_alias(text, node) {
        return false;
    }
    let s = node_text(text, node);
    let rest = skip_props(s);
    if !(rest.starts_with('[') || rest.starts_with('{')) {
        return false;
    }
    let bracket = node.span.start as usize + (s.len() - rest.len());
    first_child_start(node).is_none_or(|c| c as usize > bracket)
}

/// A comment: from its `#` to the end of its line.
#[derive(Clone, Copy, Debug)]
pub struct Comment {
    pub start: usize,
    pub end: usize,
}

/// Every comment of the text, in order. `root` must be the tree parsed from
/// this text.
pub fn comments(text: &str, root: Option<&Node>) -> Vec<Comment> {
    let mut opaque: Vec<(usize, usize)> = Vec::new();
    if let Some(root) = root {
        // Each node with where its entry opens: the `:` after a key or the
        // `-` of a list item, searched for from the offset given.
        let mut todo = vec![(root, None)];
        while let Some((n, opened_at)) = todo.pop() {
            let verbatim =
                matches!(n.value, Value::Scalar(_)) || is_alias(text, n) || is_flow(text, n);
            if verbatim {
                let mut start = n.span.start as usize;
                let end = n.span.end as usize;
                if matches!(&n.value, Value::Scalar(s) if s.style == Style::Block) {
                    // The header line (`| # comment`) is in the span or not
                    // depending on the scalar's properties and content; its
                    // comment is a comment either way.
                    if let Some(content) = opened_at
                        .and_then(|(from, indicator)| block_content_start(text, from, indicator))
                    {
                        start = start.max(content).min(end);
                    }
                }
                opaque.push((start, end));
                continue;
            }
            match &n.value {
                Value::Scalar(_) => {}
                Value::Seq(items) => {
                    let mut from = n.span.start as usize;
                    for item in items {
                        todo.push((item, Some((from, '-'))));
                        from = item.span.end as usize;
                    }
                }
                Value::Map(entries) => {
                    for e in entries {
                        todo.push((&e.key, None));
                        todo.push((&e.value, Some((e.key.span.end as usize, ':'))));
                    }
                }
            }
        }
    }
    opaque.sort_unstable();
    let mut found = Vec::new();
    let mut pos = 0;
    let mut gaps = opaque.iter().map(|&(s, e)| (s, e)).peekable();
    loop {
        // The gap runs from `pos` to the next opaque span (or the end).
        let (gap_end, next_pos) = match gaps.next() {
            Some((s, e)) => (s.max(pos), e.max(pos)),
            None => (text.len(), text.len()),
        };
        scan_gap(text, pos, gap_end, &mut found);
        if gap_end >= text.len() {
            break;
        }
        pos = next_pos;
    }
    found
}

fn scan_gap(text: &str, from: usize, to: usize, out: &mut Vec<Comment>) {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < to {
        if bytes[i] == b'#' && (i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r')) {
            // A lone CR ends a line too (the safety net reads the original
            // text, line breaks not yet made LF).
            let end = memchr::memchr2(b'\n', b'\r', &bytes[i..]).map_or(text.len(), |n| i + n);
            out.push(Comment { start: i, end });
            i = end;
        } else {
            i += 1;
        }
    }
}

/// The comment's text, without trailing whitespace.
pub fn comment_text(text: &str, c: Comment) -> &str {
    slice(text, c.start, c.end).trim_end_matches(WHITE_OR_BREAK)
}
