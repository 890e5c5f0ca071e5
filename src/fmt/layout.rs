//! From the spanned tree and its source text to a layout tree: block
//! collections as items, each item carrying its comments and blank lines,
//! and everything fmt never rewrites (scalars, flow collections, aliases,
//! keys) as the text the user wrote.
//!
//! Where comments go:
//! - own-line comments (and blank lines) before an item are its `leading`
//!   trivia, and move with it;
//! - a comment after a value on its line is the item's `trailing` comment;
//! - comments after the last item of a block belong to that block (its
//!   `end` trivia) when they are indented deeper than the block's key,
//!   else to the enclosing block.

use super::order::Shape;
use super::scan::{
    Comment, Lines, WHITE, WHITE_OR_BREAK, comment_text, has_alias, is_alias, is_flow, node_text,
    slice,
};
use crate::yaml::{Node, Style, Value, prop_len};
use std::collections::HashMap;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trivia {
    Blank,
    Comment(String),
    /// A line outside the root node that is neither (`---`, `%YAML 1.2`).
    Verbatim(String),
}

#[derive(Clone, Debug)]
pub struct Trailing {
    /// The white space the user put between the value and the `#`.
    pub gap: String,
    pub text: String,
}

#[derive(Debug)]
pub struct Item {
    pub leading: Vec<Trivia>,
    /// A mapping entry's key as written (with its anchor or tag, if any);
    /// `None` for a list item.
    pub key: Option<String>,
    /// The key as a name, for ordering.
    pub name: Option<String>,
    pub value: Layout,
    pub trailing: Option<Trailing>,
}

#[derive(Debug)]
pub enum Layout {
    /// `key:` with nothing after it (null), perhaps with an anchor or tag.
    Empty {
        props: String,
    },
    /// A scalar, flow collection or alias, as written: its first line, then
    /// its continuation lines without their indentation (which YAML folds
    /// away); an empty string is an empty line, kept.
    Leaf {
        lines: Vec<String>,
    },
    /// `|` or `>` with its header as written; content lines without the
    /// block's indentation (`None`: an empty line).
    BlockScalar {
        header: String,
        indicator: Option<usize>,
        /// `+` chomping: blank lines after it would be content.
        keep: bool,
        lines: Vec<Option<String>>,
    },
    Block(Block),
}

#[derive(Debug)]
pub struct Block {
    pub is_seq: bool,
    /// Anchor or tag written before the block (`key: &base`).
    pub props: String,
    pub items: Vec<Item>,
    pub end: Vec<Trivia>,
}

pub struct Doc {
    pub prefix: Vec<Trivia>,
    pub root: Block,
    pub suffix: Vec<Trivia>,
    /// Aliases pin the order of the file: one moved before its anchor
    /// would not parse.
    pub has_aliases: bool,
}

pub type Unsupported = String;

struct Builder<'a> {
    text: &'a str,
    lines: Lines<'a>,
    /// Comments that follow something on their line, by line.
    trailing: HashMap<usize, Comment>,
    has_aliases: bool,
}

/// Builds the layout of a file whose root is a block collection; `None`
/// for any other root (a scalar, a flow collection, nothing).
pub fn build(text: &str, root: &Node, comments: &[Comment]) -> Result<Option<Doc>, Unsupported> {
    let lines = Lines::new(text);
    let mut trailing = HashMap::new();
    for c in comments {
        let line = lines.line_of(c.start);
        if !lines.get(line).trim_start_matches(WHITE).starts_with('#') {
            trailing.insert(line, *c);
        }
    }
    let mut b = Builder {
        text,
        lines,
        trailing,
        has_aliases: has_alias(text, root),
    };
    if matches!(root.value, Value::Scalar(_)) || is_alias(text, root) || is_flow(text, root) {
        return Ok(None);
    }
    if let Value::Map(entries) = &root.value
        && let Some(key) = entries
            .iter()
            .find(|e| looks_like_a_document_marker(node_text(text, &e.key)))
    {
        // Indented, `--- x` is a key; in the first column, where the top
        // level goes, `---` and a space start a new document.
        return b.err(
            key.key.span.start as usize,
            "a top-level key that would start like a document marker (`---` or `...`)",
        );
    }
    let content_line = match &root.value {
        Value::Map(entries) => match entries.first() {
            Some(e) => b.lines.line_of(e.key.span.start as usize),
            None => return Ok(None),
        },
        _ => {
            let mut l = 0;
            while l < b.lines.count() && is_outside_line(b.lines.get(l)) {
                l += 1;
            }
            l
        }
    };
    // Before the first entry only the document's own lines may stand; a
    // `?` there is an explicit key whose `:` opened the entry.
    if let Some(l) = (0..content_line).find(|&l| !is_outside_line(b.lines.get(l))) {
        return Err(unexpected_line(l, b.lines.get(l).trim_matches(WHITE)));
    }
    let mut prefix = b.outside(0, content_line);
    let (mut root_block, next) = match &root.value {
        Value::Map(entries) => b.map(entries, content_line, 0, Shape::Top)?,
        Value::Seq(items) => {
            let line = b.lines.get(content_line);
            let dash =
                b.lines.start(content_line) + (line.len() - line.trim_start_matches(WHITE).len());
            b.seq(items, dash, content_line, 0)?
        }
        Value::Scalar(_) => return Ok(None),
    };
    // The comments just above the first key (after the last blank line of
    // the file's opening comments) are about that entry and move with it;
    // the rest is the file's header and stays at the top.
    if let Some(first) = root_block.items.first_mut()
        && let Some(last_blank) = prefix.iter().rposition(|t| *t == Trivia::Blank)
        && prefix[last_blank + 1..]
            .iter()
            .all(|t| matches!(t, Trivia::Comment(_)))
    {
        let mut moved = prefix.split_off(last_blank + 1);
        moved.append(&mut first.leading);
        first.leading = moved;
    }
    let suffix = b.outside(next, b.lines.count());
    let unclaimed: Vec<usize> = b.trailing.keys().map(|l| l + 1).collect();
    if let Some(line) = unclaimed.iter().min() {
        return Err(format!(
            "line {line}: a comment fmt cannot place (after a construct it does not lay out)"
        ));
    }
    Ok(Some(Doc {
        prefix,
        root: root_block,
        suffix,
        has_aliases: b.has_aliases,
    }))
}

/// Lines before or after the root node: blank, comments, `---`, `...`,
/// directives.
fn is_outside_line(line: &str) -> bool {
    let t = line.trim_matches(WHITE);
    t.is_empty()
        || t.starts_with('#')
        || t.starts_with('%')
        || t == "---"
        || t.starts_with("--- ")
        || t == "..."
        || t.starts_with("... ")
}

/// Why fmt stops at line `l` (0-based), whose trimmed text `t` is neither
/// blank nor a comment where only those may stand.
fn unexpected_line(l: usize, t: &str) -> Unsupported {
    match t.strip_prefix('?') {
        Some(rest) if rest.is_empty() || rest.starts_with(WHITE) => format!(
            "line {}: explicit keys (`? key`) are not laid out by fmt",
            l + 1
        ),
        _ => format!("line {}: unexpected `{t}`", l + 1),
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Removes trailing white space, except after a backslash, where it may be
/// an escaped space of a double-quoted scalar.
fn trim_end_safe(s: &str) -> &str {
    let t = s.trim_end_matches(WHITE);
    if t.ends_with('\\') { s } else { t }
}

impl<'a> Builder<'a> {
    fn err<T>(&self, offset: usize, what: &str) -> Result<T, Unsupported> {
        Err(format!("line {}: {what}", self.lines.line_of(offset) + 1))
    }

    fn outside(&mut self, from: usize, to: usize) -> Vec<Trivia> {
        let mut out = Vec::new();
        for l in from..to {
            let t = self.lines.get(l).trim_matches(WHITE);
            if t.is_empty() {
                push_blank(&mut out);
            } else if t.starts_with('#') {
                out.push(Trivia::Comment(t.to_string()));
            } else {
                let line = self.lines.get(l).trim_end_matches(WHITE);
                // `--- # comment`: the comment stays in the kept line.
                self.trailing.remove(&l);
                out.push(Trivia::Verbatim(line.to_string()));
            }
        }
        out
    }

    /// Comment and blank lines from `from` up to (not including) `to`.
    fn trivia(&self, from: usize, to: usize) -> Result<Vec<Trivia>, Unsupported> {
        let mut out = Vec::new();
        for l in from..to {
            let t = self.lines.get(l).trim_matches(WHITE);
            if t.is_empty() {
                push_blank(&mut out);
            } else if t.starts_with('#') {
                out.push(Trivia::Comment(t.to_string()));
            } else {
                return Err(unexpected_line(l, t));
            }
        }
        Ok(out)
    }

    /// The comments after a block's last item that belong to it: those
    /// indented at least `threshold`, with the blank lines between them.
    /// A block of `items` whose last one ends before line `cursor`, with
    /// the trivia that still belongs to it, and the line after it.
    fn close(
        &self,
        is_seq: bool,
        items: Vec<Item>,
        cursor: usize,
        threshold: usize,
    ) -> (Block, usize) {
        let (end, next) = self.tail(cursor, threshold);
        let block = Block {
            is_seq,
            props: String::new(),
            items,
            end,
        };
        (block, next)
    }

    fn tail(&self, from: usize, threshold: usize) -> (Vec<Trivia>, usize) {
        let mut out = Vec::new();
        let mut blank = false;
        let mut next = from;
        let mut l = from;
        while l < self.lines.count() {
            let line = self.lines.get(l);
            let t = line.trim_matches(WHITE);
            if t.is_empty() {
                blank = true;
            } else if t.starts_with('#') && indent_of(line) >= threshold {
                if blank {
                    out.push(Trivia::Blank);
                }
                out.push(Trivia::Comment(t.to_string()));
                blank = false;
                next = l + 1;
            } else {
                break;
            }
            l += 1;
        }
        (out, next)
    }

    fn take_trailing(&mut self, line: usize) -> Option<Trailing> {
        let c = self.trailing.remove(&line)?;
        let before = slice(self.text, self.lines.start(line), c.start);
        let gap = &before[before.trim_end_matches(WHITE_OR_BREAK).len()..];
        Some(Trailing {
            gap: gap.to_string(),
            text: comment_text(self.text, c).to_string(),
        })
    }

    /// Skips white space and comments from `pos`.
    fn skip_space(&self, mut pos: usize) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(pos) {
            match b {
                b' ' | b'\t' | b'\n' => pos += 1,
                b'#' => pos = memchr::memchr(b'\n', &bytes[pos..]).map_or(bytes.len(), |n| pos + n),
                _ => break,
            }
        }
        pos
    }

    /// Anchor and tag tokens between `from` and `to` (comments skipped),
    /// and the line of the last one.
    fn props(&self, from: usize, to: usize) -> Result<(String, Option<usize>), Unsupported> {
        let mut tokens = Vec::new();
        let mut last_line = None;
        let mut pos = self.skip_space(from);
        while pos < to {
            let rest = slice(self.text, pos, to);
            let len = prop_len(rest).max(1);
            let token = &rest[..len];
            if !(token.starts_with('&') || token.starts_with('!')) {
                return Err(unexpected_line(self.lines.line_of(pos), token));
            }
            tokens.push(token);
            last_line = Some(self.lines.line_of(pos));
            pos = self.skip_space(pos + len);
        }
        Ok((tokens.join(" "), last_line))
    }

    fn map(
        &mut self,
        entries: &[crate::yaml::Entry],
        from_line: usize,
        threshold: usize,
        shape: Shape,
    ) -> Result<(Block, usize), Unsupported> {
        let mut cursor = from_line;
        let mut items = Vec::with_capacity(entries.len());
        for e in entries {
            let key_start = e.key.span.start as usize;
            let key_line = self.lines.line_of(key_start);
            if key_line < cursor {
                return self.err(key_start, "two entries on one line");
            }
            let mut leading = self.trivia(cursor, key_line)?;
            let col = self.lines.col(key_start);
            let before = slice(self.text, self.lines.start(key_line), key_start);
            if before.trim_end_matches(WHITE_OR_BREAK).ends_with('?') {
                return self.err(key_start, "explicit keys (`? key`) are not laid out by fmt");
            }
            if !matches!(e.key.value, Value::Scalar(_)) || is_alias(self.text, &e.key) {
                return self.err(key_start, "a key that is not a plain or quoted scalar");
            }
            let key = node_text(self.text, &e.key);
            if key.contains('\n') {
                return self.err(key_start, "a key written over several lines");
            }
            // A key empty but for its tag or anchor (`! : 1`, `&a : 1`) is
            // written as that mark, which needs its space before the `:`:
            // `!:` would be one plain scalar.
            let key = match &e.key.value {
                Value::Scalar(sc)
                    if sc.text.is_empty() && sc.style == Style::Plain && !key.is_empty() =>
                {
                    format!("{key} ")
                }
                _ => key.to_string(),
            };
            let after_key = slice(self.text, e.key.span.end as usize, self.text.len());
            let colon = e.key.span.end as usize
                + (after_key.len() - after_key.trim_start_matches([' ', '\t']).len());
            if self.text.as_bytes().get(colon) != Some(&b':') {
                return self.err(key_start, "expected `:` after the key");
            }
            let name = e.key.as_str().map(str::to_string);
            let child = name.as_deref().map_or(Shape::Other, |n| shape.child(n));
            let (value, trailing, extra, next) =
                self.value(&e.value, colon + 1, key_line, col, child)?;
            leading.extend(extra);
            items.push(Item {
                leading,
                key: Some(key),
                name,
                value,
                trailing,
            });
            cursor = next;
        }
        Ok(self.close(false, items, cursor, threshold))
    }

    fn seq(
        &mut self,
        nodes: &[Node],
        first_dash: usize,
        from_line: usize,
        threshold: usize,
    ) -> Result<(Block, usize), Unsupported> {
        let mut cursor = from_line;
        let mut items = Vec::with_capacity(nodes.len());
        for (i, node) in nodes.iter().enumerate() {
            let dash = if i == 0 {
                first_dash
            } else {
                let mut l = cursor;
                while l < self.lines.count() && {
                    let t = self.lines.get(l).trim_matches(WHITE);
                    t.is_empty() || t.starts_with('#')
                } {
                    l += 1;
                }
                self.lines.start(l) + indent_of(self.lines.get(l))
            };
            let dash_line = self.lines.line_of(dash);
            let is_dash = self.text.as_bytes().get(dash) == Some(&b'-')
                && matches!(
                    self.text.as_bytes().get(dash + 1),
                    None | Some(b' ' | b'\n')
                );
            if !is_dash || dash_line < cursor {
                return self.err(dash, "expected a list item (`- `)");
            }
            let mut leading = self.trivia(cursor, dash_line)?;
            let col = self.lines.col(dash);
            let (value, trailing, extra, next) =
                self.value(node, dash + 1, dash_line, col, Shape::Other)?;
            leading.extend(extra);
            items.push(Item {
                leading,
                key: None,
                name: None,
                value,
                trailing,
            });
            cursor = next;
        }
        Ok(self.close(true, items, cursor, threshold))
    }

    /// Lays out the value after an indicator (`:` or `-`) that ends at
    /// `indicator_end` on `line`; `parent_col` is the column of the key or
    /// dash. Returns the layout, its trailing comment, comments that must
    /// move before the item, and the first line after the value.
    #[allow(clippy::type_complexity)]
    fn value(
        &mut self,
        node: &Node,
        indicator_end: usize,
        line: usize,
        parent_col: usize,
        shape: Shape,
    ) -> Result<(Layout, Option<Trailing>, Vec<Trivia>, usize), Unsupported> {
        let text = self.text;
        let alias = is_alias(text, node);
        let block_collection =
            !alias && !matches!(node.value, Value::Scalar(_)) && !is_flow(text, node);
        if block_collection {
            let content = match &node.value {
                Value::Map(entries) => match entries.first() {
                    Some(e) => e.key.span.start as usize,
                    None => return self.err(node.span.start as usize, "an empty block mapping"),
                },
                _ => {
                    // The first dash: after any anchor or tag.
                    let mut pos = self.skip_space(indicator_end);
                    while matches!(text.as_bytes().get(pos), Some(b'&' | b'!')) {
                        let rest = slice(text, pos, text.len());
                        pos += prop_len(rest);
                        pos = self.skip_space(pos);
                    }
                    pos
                }
            };
            let (props, props_line) = self.props(indicator_end, content)?;
            let mut extra = Vec::new();
            // An anchor or tag on a line of its own moves up to the key.
            let props_line = match props_line {
                Some(p) if p > line => {
                    if let Some(t) = self.take_trailing(line) {
                        extra.push(Trivia::Comment(t.text));
                    }
                    extra.extend(self.trivia(line + 1, p)?);
                    p
                }
                _ => line,
            };
            let content_line = self.lines.line_of(content);
            let (trailing, from_line) = if content_line > props_line {
                (self.take_trailing(props_line), props_line + 1)
            } else {
                (None, content_line)
            };
            // Comments after the block indented deeper than its key (or
            // dash) end the block; the others are the parent's.
            let threshold = parent_col + 1;
            let (mut block, next) = match &node.value {
                Value::Map(entries) => self.map(entries, from_line, threshold, shape)?,
                Value::Seq(items) => self.seq(items, content, from_line, threshold)?,
                Value::Scalar(_) => return self.err(content, "unexpected scalar"),
            };
            block.props = props;
            return Ok((Layout::Block(block), trailing, extra, next));
        }
        // Before the empty case: a block scalar without content has an
        // empty span too.
        if !alias && matches!(&node.value, Value::Scalar(s) if s.style == Style::Block) {
            return self.block_scalar(indicator_end, line, parent_col);
        }
        if node.span.is_empty() {
            let end = self
                .trailing
                .get(&line)
                .map_or(self.lines.start(line + 1), |c| c.start);
            let props = slice(text, indicator_end, end)
                .trim_matches(WHITE_OR_BREAK)
                .to_string();
            let trailing = self.take_trailing(line);
            return Ok((Layout::Empty { props }, trailing, Vec::new(), line + 1));
        }
        let start = node.span.start as usize;
        let end = node.span.end as usize;
        let first_line = self.lines.line_of(start);
        let mut extra = Vec::new();
        if first_line > line {
            // `key:` with its value on a later line: the value moves up to
            // the key, and what was between goes before the entry.
            if let Some(t) = self.take_trailing(line) {
                extra.push(Trivia::Comment(t.text));
            }
            extra.extend(self.trivia(line + 1, first_line)?);
        }
        let source = slice(text, start, end);
        // The parser reads `l\n\t#\n -` (and `{i\n\t#\nb}`) as one plain
        // scalar whose middle line is a comment; re-indented, that line
        // would end it.
        if source.contains('\n') && has_comment_line_in_plain_scalar(text, node) {
            return self.err(start, "a comment line inside a multi-line plain scalar");
        }
        let mut lines = Vec::new();
        for (i, l) in source.split('\n').enumerate() {
            let l = if i == 0 {
                trim_end_safe(l)
            } else {
                trim_end_safe(l).trim_start_matches(WHITE)
            };
            lines.push(l.to_string());
        }
        let last_line = self.lines.line_of(end.saturating_sub(1).max(start));
        let trailing = self.take_trailing(last_line);
        Ok((Layout::Leaf { lines }, trailing, extra, last_line + 1))
    }

    #[allow(clippy::type_complexity)]
    fn block_scalar(
        &mut self,
        indicator_end: usize,
        key_line: usize,
        parent_col: usize,
    ) -> Result<(Layout, Option<Trailing>, Vec<Trivia>, usize), Unsupported> {
        let header_start = self.skip_space(indicator_end);
        let line = self.lines.line_of(header_start);
        let mut extra = Vec::new();
        if line > key_line {
            // `key:` with `|` on a later line: the header moves up to the
            // key, and what was between goes before the entry.
            if let Some(t) = self.take_trailing(key_line) {
                extra.push(Trivia::Comment(t.text));
            }
            extra.extend(self.trivia(key_line + 1, line)?);
        }
        // The header's comment is read here, not from the scanned comments:
        // with an anchor or tag before `|`, the scalar's span (which the
        // scanner skips) starts at that anchor and covers the comment.
        let rest = slice(self.text, header_start, self.lines.start(line + 1))
            .trim_end_matches(WHITE_OR_BREAK);
        let comment_at = rest
            .char_indices()
            .find(|&(i, c)| c == '#' && rest[..i].ends_with([' ', '\t']))
            .map(|(i, _)| i);
        let header = rest[..comment_at.unwrap_or(rest.len())].trim_end_matches(WHITE);
        let trailing = comment_at.map(|i| Trailing {
            gap: rest[header.len()..i].to_string(),
            text: rest[i..].to_string(),
        });
        self.trailing.remove(&line);
        let header = header.to_string();
        let Some(last_token) = header.rsplit(WHITE).find(|t| !t.is_empty()) else {
            return self.err(header_start, "a block scalar without its `|` or `>` header");
        };
        if !last_token.starts_with(['|', '>']) {
            // `key: &anchor` with `|` on the next line.
            return self.err(
                header_start,
                "a block scalar whose `|` or `>` is on a later line than its anchor or tag",
            );
        }
        let indicators = last_token.get(1..).unwrap_or("");
        let indicator = indicators
            .chars()
            .find_map(|c| c.to_digit(10))
            .map(|d| d as usize);
        let keep = indicators.contains('+');

        let count = self.lines.count();
        let mut ci = indicator.map(|d| parent_col + d);
        if ci.is_none() {
            // Auto-detected: the indentation of the first non-empty line.
            let mut l = line + 1;
            while l < count {
                let s = self.lines.get(l);
                if !s.trim_start_matches(' ').is_empty() {
                    ci = Some(indent_of(s));
                    break;
                }
                l += 1;
            }
        }
        let ci = ci.filter(|&c| c > parent_col);
        let mut lines: Vec<Option<String>> = Vec::new();
        let mut last = line; // last line of the scalar
        let mut pending = 0usize;
        let mut l = line + 1;
        while l < count {
            let s = self.lines.get(l);
            // Without content, every line of spaces is an empty line.
            let blank = s.bytes().all(|b| b == b' ') && ci.is_none_or(|ci| s.len() <= ci);
            if l + 1 == count
                && !s.is_empty()
                && !self.text.ends_with('\n')
                && s.bytes().all(|b| b == b' ')
            {
                // Whether saphyr reads such a line as one more line break
                // of the value depends on its width and the lines before
                // it, whatever the chomping (`a: |\n  x\n  ` is "x\n\n",
                // `a: |\n  x\n ` is "x\n"); fmt does not guess.
                return self.err(
                    self.lines.start(l),
                    "a block scalar that ends the file with spaces and no line break",
                );
            }
            match ci {
                _ if blank => pending += 1,
                Some(ci) if indent_of(s) >= ci => {
                    lines.extend(std::iter::repeat_n(None, pending));
                    pending = 0;
                    lines.push(Some(s[ci..].to_string()));
                    last = l;
                }
                _ => break,
            }
            l += 1;
        }
        // Kept (`+`) trailing empty lines are content; clipped ones are
        // blank lines between entries.
        if keep && pending > 0 {
            lines.extend(std::iter::repeat_n(None, pending));
            last += pending;
        }
        Ok((
            Layout::BlockScalar {
                header,
                indicator,
                keep,
                lines,
            },
            trailing,
            extra,
            last + 1,
        ))
    }
}

/// A plain scalar in `node` (or `node` itself) with a line after its first
/// that starts with `#`: a comment the parser took into the scalar.
fn has_comment_line_in_plain_scalar(text: &str, node: &Node) -> bool {
    node.walk().any(|n| {
        matches!(&n.value, Value::Scalar(s) if s.style == Style::Plain)
            && slice(text, n.span.start as usize, n.span.end as usize)
                .split('\n')
                .skip(1)
                .any(|l| l.trim_start_matches(WHITE).starts_with('#'))
    })
}

/// A key that starts with `---` or `...` and white space: in the first
/// column, a document marker. (A key that is only `---` is written `---:`,
/// which is not one.)
fn looks_like_a_document_marker(key: &str) -> bool {
    ["---", "..."].iter().any(|m| {
        key.strip_prefix(m)
            .is_some_and(|rest| rest.starts_with(WHITE_OR_BREAK))
    })
}

fn push_blank(out: &mut Vec<Trivia>) {
    if out.last() != Some(&Trivia::Blank) {
        out.push(Trivia::Blank);
    }
}
