//! Putting plan text into Markdown without breaking the page.
//!
//! Names (events, properties, owners) are plain text and are escaped so
//! `*`, `_`, `<` or `|` in them show as written. Descriptions are Markdown
//! and keep their formatting, but inside a table cell they are folded onto
//! one line, pipes are escaped and HTML is shown as text, so no description
//! can break a table. Anchors follow GitHub's heading-id rules.

use std::collections::HashMap;

/// Plain text as inline Markdown: punctuation that means something is
/// backslash-escaped, `&` cannot start an entity, line breaks become spaces.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            // `_` inside a word (`plan_tier`) never starts emphasis.
            '_' if i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()) =>
            {
                out.push(c)
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Plain text for a table cell.
pub fn text_cell(s: &str) -> String {
    text(s) // `text` already escapes `|` and folds lines
}

/// A Markdown description inside a table cell: one line, paragraphs
/// separated by `<br>`, pipes escaped, HTML shown as text.
pub fn cell(s: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
            continue;
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    paragraphs
        .iter()
        .map(|p| escape_cell_markdown(p))
        .collect::<Vec<_>>()
        .join("<br>")
}

fn escape_cell_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '|' => out.push_str("\\|"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The first sentence of a description, for one-line summaries in tables.
pub fn summary(s: &str) -> String {
    let first_paragraph: Vec<&str> = s
        .lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty())
        .take_while(|l| !l.is_empty())
        .collect();
    let para = first_paragraph.join(" ");
    let end = para.find(". ").map_or(para.len(), |i| i + 1);
    let mut out = para[..end].to_string();
    const MAX: usize = 160;
    if out.chars().count() > MAX {
        out = out
            .chars()
            .take(MAX - 1)
            .collect::<String>()
            .trim_end()
            .to_string();
        out.push('…');
    }
    out
}

/// A Markdown description as a block of its own. Headings inside it are
/// shown as text, so a description can never add to, or shift the anchors
/// of, the page's own headings.
pub fn block(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut fence: Option<&str> = None;
    for line in s.trim_end().lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if indent <= 3 {
            if let Some(f) = fence {
                if trimmed.starts_with(f) {
                    fence = None;
                }
            } else if trimmed.starts_with("```") {
                fence = Some("```");
            } else if trimmed.starts_with("~~~") {
                fence = Some("~~~");
            } else if trimmed.starts_with('#')
                || is_setext_underline(trimmed)
                || opens_unbounded_html(trimmed)
            {
                out.push_str(&line[..indent]);
                out.push('\\');
                out.push_str(trimmed);
                out.push('\n');
                continue;
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    if let Some(f) = fence {
        // An unclosed fence would swallow the rest of the page.
        out.push_str(f);
        out.push('\n');
    }
    let out = out.trim_end().to_string();
    // A list at the end would absorb the list the page puts next.
    let last = out.lines().last().unwrap_or("").trim_start();
    let ends_in_list = ["- ", "* ", "+ "].iter().any(|m| last.starts_with(m))
        || last.split_once(['.', ')']).is_some_and(|(n, rest)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && rest.starts_with(' ')
        })
        || last.starts_with("> ");
    if ends_in_list {
        format!("{out}\n\n<!-- end of description -->")
    } else {
        out
    }
}

/// HTML blocks that run until a closing marker rather than a blank line
/// (`<!--`, `<script>`, `<pre>`...): left open, they would swallow the page.
fn opens_unbounded_html(line: &str) -> bool {
    let lower = line.to_ascii_lowercase();
    ["<!", "<?", "<script", "<pre", "<style", "<textarea"]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn is_setext_underline(line: &str) -> bool {
    let t = line.trim_end();
    !t.is_empty() && (t.bytes().all(|b| b == b'=') || t.bytes().all(|b| b == b'-'))
}

/// An inline code span holding `s` exactly, whatever backticks it contains.
pub fn code(s: &str) -> String {
    let s = s.replace(['\n', '\r'], " ");
    let longest = s.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') || s.starts_with(' ') && s.ends_with(' ') {
        " "
    } else {
        ""
    };
    format!("{ticks}{pad}{s}{pad}{ticks}")
}

/// A code span inside a table cell (GFM reads `\|` as a pipe even there).
pub fn code_cell(s: &str) -> String {
    code(s).replace('|', "\\|")
}

/// A label inside a Mermaid `["..."]` node.
pub fn mermaid_label(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '#' => out.push_str("#35;"),
            '`' => out.push_str("#96;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// GitHub's heading id for a heading's rendered text: lowercase, spaces to
/// `-`, punctuation other than `-` and `_` dropped.
pub fn github_anchor(heading_text: &str) -> String {
    heading_text
        .trim()
        .chars()
        .filter_map(|c| {
            if c == ' ' {
                Some('-')
            } else if c.is_alphanumeric() || c == '-' || c == '_' {
                Some(c)
            } else {
                None
            }
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Hands out anchors for a page's headings in page order, numbering
/// repeats (`activation`, `activation-1`) as GitHub does.
#[derive(Default)]
pub struct Slugger {
    seen: HashMap<String, usize>,
}

impl Slugger {
    /// github-slugger's rule: a repeat of `base` becomes `base-N` with N
    /// counting that base's repeats, skipping ids already taken.
    pub fn anchor(&mut self, heading_text: &str) -> String {
        let base = github_anchor(heading_text);
        let mut slug = base.clone();
        while self.seen.contains_key(&slug) {
            let n = self.seen.entry(base.clone()).or_insert(0);
            *n += 1;
            slug = format!("{base}-{n}");
        }
        self.seen.insert(slug.clone(), 0);
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_markdown_and_html() {
        assert_eq!(text("a_b*c _x_"), "a_b\\*c \\_x\\_");
        assert_eq!(text("<b>|x</b>"), "\\<b\\>\\|x\\</b\\>");
        assert_eq!(text("A & B\nC"), "A &amp; B C");
    }

    #[test]
    fn cells_stay_on_one_line_without_raw_pipes_or_html() {
        let c = cell("First | line\nsame paragraph\n\n<script>x</script> `a|b`");
        assert!(!c.contains('\n'));
        assert_eq!(
            c,
            "First \\| line same paragraph<br>&lt;script&gt;x&lt;/script&gt; `a\\|b`"
        );
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("plan_tier"), "`plan_tier`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code_cell("a|b"), "`a\\|b`");
    }

    #[test]
    fn blocks_cannot_add_headings_or_leave_fences_open() {
        assert_eq!(block("# Title\ntext\n---"), "\\# Title\ntext\n\\---");
        assert_eq!(block("```\n# in code\n```"), "```\n# in code\n```");
        assert_eq!(block("```\nopen"), "```\nopen\n```");
        assert_eq!(block("<!-- open\ntext"), "\\<!-- open\ntext");
        assert_eq!(block("<script>x"), "\\<script>x");
        assert_eq!(
            block("Text\n- item"),
            "Text\n- item\n\n<!-- end of description -->"
        );
        assert_eq!(block("1. first"), "1. first\n\n<!-- end of description -->");
        assert_eq!(block("Version 1.2 shipped."), "Version 1.2 shipped.");
    }

    #[test]
    fn summaries_take_the_first_sentence() {
        assert_eq!(summary("One. Two."), "One.");
        assert_eq!(summary("\nLine one\nline two\n\nNext"), "Line one line two");
        assert!(summary(&"x".repeat(500)).ends_with('…'));
    }

    #[test]
    fn anchors_follow_github() {
        assert_eq!(github_anchor("Funnel: activation"), "funnel-activation");
        assert_eq!(github_anchor("plan_tier"), "plan_tier");
        assert_eq!(github_anchor("Invoice Created (v2)!"), "invoice-created-v2");
        let mut s = Slugger::default();
        assert_eq!(s.anchor("Activation"), "activation");
        assert_eq!(s.anchor("activation"), "activation-1");
        assert_eq!(s.anchor("Activation"), "activation-2");
        assert_eq!(s.anchor("activation-1"), "activation-1-1");
    }
}
