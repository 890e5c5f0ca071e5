//! Writes a layout tree in canonical form: two spaces per level, lists
//! indented under their key, known keys in order, one blank line at most.

use super::layout::{Block, Doc, Item, Layout, Trailing, Trivia};
use super::order::{Shape, rank};

const INDENT: usize = 2;

struct Printer {
    out: String,
    reorder: bool,
    /// Just after a `|+` block scalar: a blank line here would be content.
    after_keep: bool,
}

pub fn print(doc: &Doc) -> String {
    let mut p = Printer {
        out: String::with_capacity(4096),
        reorder: !doc.has_aliases,
        after_keep: false,
    };
    p.trivia(&doc.prefix, 0, true);
    let shape = if doc.root.is_seq {
        Shape::Other
    } else {
        Shape::Top
    };
    p.block(&doc.root, 0, shape, None);
    p.trivia(&doc.suffix, 0, false);
    if p.after_keep {
        // The file ends in a `|+` scalar: its empty lines are its value.
        return p.out;
    }
    let mut out = p.out;
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// A file with no content but comments (or nothing at all).
pub fn print_trivia_only(trivia: &[Trivia]) -> String {
    let mut p = Printer {
        out: String::new(),
        reorder: false,
        after_keep: false,
    };
    p.trivia(trivia, 0, true);
    let mut out = p.out;
    let kept = out.trim_end_matches('\n').len();
    out.truncate(kept);
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

fn spaces(out: &mut String, n: usize) {
    out.extend(std::iter::repeat_n(' ', n));
}

impl Printer {
    /// Whether a blank line must not be written here: one is there
    /// already, or the file starts, or it would extend a `|+` scalar.
    fn no_blank_here(&self) -> bool {
        self.after_keep || self.out.is_empty() || self.out.ends_with("\n\n")
    }

    /// `at_start`: the trivia opens a block (or the file), where blank
    /// lines before the first comment are dropped.
    fn trivia(&mut self, trivia: &[Trivia], indent: usize, mut at_start: bool) {
        for t in trivia {
            match t {
                Trivia::Blank => {
                    if !at_start && !self.no_blank_here() {
                        self.out.push('\n');
                    }
                }
                Trivia::Comment(c) => {
                    self.after_keep = false;
                    spaces(&mut self.out, indent);
                    self.out.push_str(c);
                    self.out.push('\n');
                    at_start = false;
                }
                Trivia::Verbatim(v) => {
                    self.after_keep = false;
                    self.out.push_str(v);
                    self.out.push('\n');
                    at_start = false;
                }
            }
        }
    }

    fn trailing(&mut self, t: &Option<Trailing>) {
        if let Some(t) = t {
            self.out
                .push_str(if t.gap.is_empty() { " " } else { &t.gap });
            self.out.push_str(&t.text);
        }
    }

    /// Prints a block's items at `indent`. `dash`: the block is the value
    /// of a list item, written compactly on the item's line (`- key: v`),
    /// the dash at that column.
    fn block(&mut self, block: &Block, indent: usize, shape: Shape, dash: Option<usize>) {
        let mut order: Vec<&Item> = block.items.iter().collect();
        if self.reorder
            && let Some(keys) = shape.order()
        {
            // Stable: unknown keys keep their order, after the known ones.
            order.sort_by_key(|item| rank(keys, item.name.as_deref()));
        }
        // Entries that were all set apart by blank lines stay so when
        // their order changes (the first one had none to carry).
        let separated = block.items.len() > 1
            && block.items[1..]
                .iter()
                .all(|item| item.leading.first() == Some(&Trivia::Blank));
        for (i, item) in order.into_iter().enumerate() {
            let compact = if i == 0 { dash } else { None };
            if separated && i > 0 && !self.no_blank_here() {
                self.out.push('\n');
            }
            self.trivia(&item.leading, compact.unwrap_or(indent), i == 0);
            match compact {
                Some(d) => {
                    // Up to the dash's column: the line may already hold
                    // outer dashes (`- - a: 1`).
                    let line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
                    let column = self.out.len() - line_start;
                    spaces(&mut self.out, d.saturating_sub(column));
                    self.out.push_str("- ");
                }
                None => spaces(&mut self.out, indent),
            }
            let child = item
                .name
                .as_deref()
                .map_or(Shape::Other, |n| shape.child(n));
            self.item(item, indent, child);
        }
        self.trivia(&block.end, indent, block.items.is_empty());
    }

    /// Prints an item from its marker (`key:` or `-`) on; the line's
    /// indentation is already written.
    fn item(&mut self, item: &Item, indent: usize, shape: Shape) {
        self.after_keep = false;
        match &item.key {
            Some(k) => {
                self.out.push_str(k);
                self.out.push(':');
            }
            None => self.out.push('-'),
        }
        match &item.value {
            Layout::Empty { props } => {
                if !props.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(props);
                }
                self.trailing(&item.trailing);
                self.out.push('\n');
            }
            Layout::Leaf { lines } => {
                for (i, l) in lines.iter().enumerate() {
                    if i == 0 {
                        self.out.push(' ');
                    } else {
                        self.out.push('\n');
                        if !l.is_empty() {
                            spaces(&mut self.out, indent + INDENT);
                        }
                    }
                    self.out.push_str(l);
                }
                self.trailing(&item.trailing);
                self.out.push('\n');
            }
            Layout::BlockScalar {
                header,
                indicator,
                keep,
                lines,
            } => {
                self.out.push(' ');
                self.out.push_str(header);
                self.trailing(&item.trailing);
                self.out.push('\n');
                let content = indent + indicator.unwrap_or(INDENT);
                for l in lines {
                    if let Some(l) = l {
                        spaces(&mut self.out, content);
                        self.out.push_str(l);
                    }
                    self.out.push('\n');
                }
                self.after_keep = *keep;
            }
            Layout::Block(b) => {
                // `- key: v`: the block starts on the dash's line. In
                // `- - a: 1` that line also holds the outer items' dashes,
                // so only this item's `-` is taken back, and only when no
                // comment has to come between the dashes and the block.
                let dash_line_start = self.out.rfind('\n').map_or(0, |i| i + 1);
                let dashes = self.out[dash_line_start..].trim_start_matches(' ');
                let dash_alone = dashes == "-";
                let compact = item.key.is_none()
                    && b.props.is_empty()
                    && item.trailing.is_none()
                    && (dash_alone
                        || (dashes.trim_start_matches("- ") == "-"
                            && b.items
                                .first()
                                .is_some_and(|f| f.leading.iter().all(|t| *t == Trivia::Blank))));
                if compact {
                    // `- ` is written again by the block, on its first line.
                    if dash_alone {
                        self.out.truncate(dash_line_start);
                    } else {
                        self.out.pop();
                    }
                    self.block(b, indent + INDENT, shape, Some(indent));
                    return;
                }
                if !b.props.is_empty() {
                    self.out.push(' ');
                    self.out.push_str(&b.props);
                }
                self.trailing(&item.trailing);
                self.out.push('\n');
                self.block(b, indent + INDENT, shape, None);
            }
        }
    }
}
