//! `trackc fmt`: plan files in canonical form, comments kept.
//!
//! [`format_source`] works from the spanned tree of [`crate::yaml`]: the
//! tree gives the structure, the source text gives everything else. Block
//! collections are laid out again (indentation, key order, blank lines);
//! scalars, flow collections, keys and comments are copied as written.
//! See docs/fmt.md for the canonical form.
//!
//! The invariant, checked on every file before anything is written (the
//! safety net): the formatted text parses without a problem, holds the same
//! data as the original (compared as JSON, where mappings compare
//! regardless of order), and the same comments. A formatter bug can make
//! fmt refuse a file; it cannot make it lose a value or a comment.

mod layout;
mod order;
mod print;
mod scan;

pub use order::PROPERTY_ORDER;

use crate::source::{FileId, SourceFile};
use crate::yaml::{self, YamlProblem};
use scan::WHITE;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum FormatError {
    /// Not valid YAML, or a duplicate key: nothing to format. Spans point
    /// into the text given to [`format_source`] (file id 0).
    Invalid(Vec<YamlProblem>),
    /// A construct fmt does not lay out (`? key`, ...); the file is left
    /// as it is.
    Unsupported(String),
    /// The safety net caught a formatter bug: the formatted text would not
    /// have held the same data or comments.
    Bug(String),
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormatError::Invalid(problems) => match problems.first() {
                Some(p) => f.write_str(&p.message),
                None => f.write_str("invalid YAML"),
            },
            FormatError::Unsupported(why) => write!(f, "fmt cannot lay out this file: {why}"),
            FormatError::Bug(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for FormatError {}

/// The canonical form of one plan file's text (UTF-8, without a byte order
/// mark). Returns the text unchanged when it is already canonical, and
/// for a file whose top level is not a block mapping or list.
pub fn format_source(text: &str) -> Result<String, FormatError> {
    let original = SourceFile::new(PathBuf::new(), text.to_string());
    let parsed = yaml::parse(FileId(0), &original);
    if !parsed.problems.is_empty() {
        return Err(FormatError::Invalid(parsed.problems));
    }
    let formatted = if text.contains('\r') {
        // Lines are handled as LF; YAML reads CR LF and a lone CR as LF too.
        let lf = SourceFile::new(
            PathBuf::new(),
            text.replace("\r\n", "\n").replace('\r', "\n"),
        );
        let reparsed = yaml::parse(FileId(0), &lf);
        if !reparsed.problems.is_empty() {
            return Err(FormatError::Bug(
                "the text did not parse once its line breaks were made LF".into(),
            ));
        }
        let crlf = is_crlf(text);
        lay_out(&lf.text, reparsed.root.as_ref())?
            .map(|f| if crlf { f.replace('\n', "\r\n") } else { f })
    } else {
        lay_out(text, parsed.root.as_ref())?
    };
    let Some(formatted) = formatted else {
        return Ok(text.to_string());
    };
    if formatted == text {
        return Ok(formatted);
    }
    // The original's side of the net; its tree goes before the formatted
    // text is parsed, so that two trees of a large file never coexist.
    let before = Checked::of(text, parsed.root.as_ref());
    drop(parsed);
    drop(original);
    safety_net(&before, &formatted)?;
    Ok(formatted)
}

/// The canonical text of an LF text and its tree; `None` when fmt leaves
/// this kind of file as it is.
fn lay_out(text: &str, root: Option<&yaml::Node>) -> Result<Option<String>, FormatError> {
    match root {
        Some(root) if !is_empty_document(root) => {
            let comments = scan::comments(text, Some(root));
            let doc = layout::build(text, root, &comments).map_err(FormatError::Unsupported)?;
            Ok(doc.map(|doc| print::print(&doc)))
        }
        _ => {
            let lines = scan::Lines::new(text);
            let mut trivia = Vec::new();
            for l in 0..lines.count() {
                let t = lines.get(l).trim_matches(WHITE);
                trivia.push(if t.is_empty() {
                    layout::Trivia::Blank
                } else if t.starts_with('#') {
                    layout::Trivia::Comment(t.to_string())
                } else {
                    layout::Trivia::Verbatim(lines.get(l).trim_end_matches(WHITE).to_string())
                });
            }
            Ok(Some(print::print_trivia_only(&trivia)))
        }
    }
}

/// Every line ends with CR LF (and there is at least one line break).
fn is_crlf(text: &str) -> bool {
    let lf = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    lf > 0 && text.matches("\r\n").count() == lf
}

fn is_empty_document(root: &yaml::Node) -> bool {
    root.span.is_empty() && root.is_null()
}

/// What the safety net compares: the data and the comments of a text.
#[derive(PartialEq)]
struct Checked {
    data: Option<serde_json::Value>,
    /// Comment texts, sorted: a multiset.
    comments: Vec<String>,
}

impl Checked {
    fn of(text: &str, root: Option<&yaml::Node>) -> Checked {
        let mut comments: Vec<String> = scan::comments(text, root)
            .into_iter()
            .map(|c| scan::comment_text(text, c).to_string())
            .collect();
        comments.sort_unstable();
        Checked {
            data: root
                .filter(|r| !is_empty_document(r))
                .map(yaml::Node::to_json),
            comments,
        }
    }
}

/// Refuses a formatted text that differs from the original in anything
/// but layout: YAML validity, data, comments.
fn safety_net(before: &Checked, formatted: &str) -> Result<(), FormatError> {
    let bug = |what: &str| FormatError::Bug(format!("the formatted text {what}"));
    let file = SourceFile::new(PathBuf::new(), formatted.to_string());
    let parsed = yaml::parse(FileId(0), &file);
    if let Some(p) = parsed.problems.first() {
        let at = file.line_col(p.span.start as usize);
        return Err(bug(&format!(
            "is not valid YAML (line {}: {})",
            at.line, p.message
        )));
    }
    let after = Checked::of(formatted, parsed.root.as_ref());
    if before.data != after.data {
        return Err(bug("holds different data"));
    }
    if before.comments != after.comments {
        return Err(bug("does not hold the same comments"));
    }
    Ok(())
}
