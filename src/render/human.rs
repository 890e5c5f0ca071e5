//! Human output: miette reports with the source line, labels, the rule id
//! and help. One miette report labels one file, so labels in other files
//! become related reports with their own snippet.

use crate::diagnostic::{Diagnostic, Severity, Summary};
use crate::source::{FileId, SourceMap};
use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};
use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct HumanOptions {
    pub color: bool,
    /// Terminal width for wrapping.
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            color: false,
            width: 100,
        }
    }
}

#[derive(Debug)]
struct Report {
    message: String,
    code: Option<String>,
    severity: miette::Severity,
    help: Option<String>,
    source: Option<NamedSource<Arc<CharColumns>>>,
    labels: Vec<LabeledSpan>,
    related: Vec<Report>,
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Report {}

impl miette::Diagnostic for Report {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.code
            .as_ref()
            .map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source.as_ref().map(|s| s as &dyn miette::SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        if self.labels.is_empty() {
            None
        } else {
            Some(Box::new(self.labels.iter().cloned()))
        }
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        if self.related.is_empty() {
            None
        } else {
            Some(Box::new(
                self.related.iter().map(|r| r as &dyn miette::Diagnostic),
            ))
        }
    }
}

/// A file's text for miette, read through a line index.
///
/// Two reasons not to hand miette the plain string: miette counts columns in
/// bytes, so `file:line:col` in the report header would disagree with the
/// JSON, GitHub and SARIF outputs on non-ASCII lines; and miette scans the
/// text from its start for every label, which made human output quadratic
/// (thousands of diagnostics on a 5 MB plan took seconds). Here miette only
/// sees the few lines around the span.
#[derive(Debug)]
struct CharColumns {
    text: Arc<String>,
    line_starts: Vec<usize>,
}

impl CharColumns {
    fn new(text: String) -> CharColumns {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        CharColumns {
            text: Arc::new(text),
            line_starts,
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

impl miette::SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let text = self.text.as_str();
        let start = span.offset().min(text.len());
        let end = (span.offset() + span.len()).min(text.len());
        let first = self.line_of(start).saturating_sub(context_lines_before);
        let last = self.line_of(end.saturating_sub(1).max(start)) + context_lines_after;
        let window_start = self.line_starts[first];
        let window_end = self
            .line_starts
            .get(last + 1)
            .copied()
            .unwrap_or(text.len());
        let window = text.get(window_start..window_end).unwrap_or("");
        let local = miette::SourceSpan::new((start - window_start).into(), end - start);
        let contents = window.read_span(&local, context_lines_before, context_lines_after)?;
        let line_start = self.line_starts[self.line_of(start)];
        let column = if contents.column() == 0 {
            0
        } else {
            text.get(line_start..start)
                .map_or(start - line_start, |s| s.chars().count())
        };
        Ok(Box::new(miette::MietteSpanContents::new(
            contents.data(),
            miette::SourceSpan::new(
                (contents.span().offset() + window_start).into(),
                contents.span().len(),
            ),
            contents.line() + first,
            column,
            contents.line_count(),
        )))
    }
}

/// miette splits lines at LF and CRLF but not at a lone CR (old Mac line
/// ends, which YAML accepts); swapping each for LF keeps every byte offset.
fn lone_cr_to_lf(text: &str) -> String {
    if !text.contains('\r') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Source lines shown above and below each label (miette's default).
const CONTEXT_LINES: usize = 1;

/// Source lines longer than this are not echoed: a minified or hostile file
/// can hold one line of megabytes, which no terminal should be flooded with.
const MAX_SNIPPET_LINE_BYTES: usize = 2048;

/// `file:line:col` when the line under `span` is too long to show, else None.
fn too_long_to_show(sources: &SourceMap, span: crate::source::Span) -> Option<String> {
    let file = sources.get(span.file);
    let at = sources.line_col(span);
    let end = sources.end_line_col(span);
    let long = (at.line..=end.line).any(|l| file.line_text(l).len() > MAX_SNIPPET_LINE_BYTES);
    long.then(|| {
        format!(
            "at {}:{}:{} (the line is too long to show)",
            super::display_path(sources, span.file),
            at.line,
            at.column
        )
    })
}

pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: &HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_context_lines(CONTEXT_LINES)
        .with_width(opts.width)
        .with_links(false);
    let mut texts: HashMap<FileId, NamedSource<Arc<CharColumns>>> = HashMap::new();
    let mut source_of = |file: FileId| {
        texts
            .entry(file)
            .or_insert_with(|| {
                NamedSource::new(
                    super::display_path(sources, file),
                    Arc::new(CharColumns::new(lone_cr_to_lf(&sources.get(file).text))),
                )
            })
            .clone()
    };
    let mut out = String::new();
    for d in diags {
        let report = to_report(d, sources, &mut source_of);
        // Writing to a String cannot fail.
        let _ = handler.render_report(&mut out, &report);
        out.push('\n');
    }
    let summary = Summary::of(diags);
    if diags.is_empty() {
        out.push_str("No problems found.\n");
    } else {
        out.push_str(&format!(
            "Found {} error{} and {} warning{}.\n",
            summary.errors,
            if summary.errors == 1 { "" } else { "s" },
            summary.warnings,
            if summary.warnings == 1 { "" } else { "s" },
        ));
    }
    out
}

fn to_report(
    d: &Diagnostic,
    sources: &SourceMap,
    source_of: &mut impl FnMut(FileId) -> NamedSource<Arc<CharColumns>>,
) -> Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let primary_file = d.primary_span().map(|s| s.file);
    let mut message = d.message.clone();
    let mut labels = Vec::new();
    let mut related = Vec::new();
    // Labels on over-long lines become plain text locations, and the file's
    // snippet is dropped for the whole report (miette shows whole lines).
    let mut hide_primary_source = false;
    for (i, l) in d.labels.iter().enumerate() {
        if Some(l.span.file) != primary_file {
            continue;
        }
        if let Some(at) = too_long_to_show(sources, l.span) {
            hide_primary_source = true;
            // The message already says what the primary location is.
            let prefix = if i == 0 {
                String::new()
            } else {
                label_prefix(&l.message)
            };
            message.push_str(&format!("\n{prefix}{at}"));
        }
    }
    // miette shows a file's labels in line order, one snippet per cluster,
    // each under its own `[file:line:col]` header. A label well above the
    // primary one would make the first header disagree with the location
    // every other format gives, so it becomes a related report instead.
    let primary_line = d.primary_span().map(|s| sources.line_col(s).line);
    let well_above_primary = |span| {
        primary_line.is_some_and(|p| sources.line_col(span).line + CONTEXT_LINES * 2 + 1 < p)
    };
    for (i, l) in d.labels.iter().enumerate() {
        if Some(l.span.file) == primary_file && hide_primary_source {
            continue;
        }
        let span = (l.span.start as usize, l.span.len());
        let text = Some(l.message.clone()).filter(|m| !m.is_empty());
        if Some(l.span.file) == primary_file && (i == 0 || !well_above_primary(l.span)) {
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
            });
        } else if let Some(at) = too_long_to_show(sources, l.span) {
            related.push(Report {
                message: format!("{}{at}", label_prefix(&l.message)),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: None,
                labels: Vec::new(),
                related: Vec::new(),
            });
        } else {
            related.push(Report {
                message: l.message.clone(),
                code: None,
                severity: miette::Severity::Advice,
                help: None,
                source: Some(source_of(l.span.file)),
                labels: vec![LabeledSpan::new_primary_with_span(None, span)],
                related: Vec::new(),
            });
        }
    }
    Report {
        message,
        code: Some(d.rule.to_string()),
        severity,
        help: d.help.clone(),
        source: primary_file
            .filter(|_| !hide_primary_source)
            .map(&mut *source_of),
        labels,
        related,
    }
}

fn label_prefix(label: &str) -> String {
    if label.is_empty() {
        String::new()
    } else {
        format!("{label}: ")
    }
}
