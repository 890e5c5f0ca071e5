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
    source: Option<NamedSource<Arc<String>>>,
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

pub fn render(diags: &[Diagnostic], sources: &SourceMap, opts: &HumanOptions) -> String {
    let theme = if opts.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(opts.width)
        .with_links(false);
    let mut texts: HashMap<FileId, NamedSource<Arc<String>>> = HashMap::new();
    let mut source_of = |file: FileId| {
        texts
            .entry(file)
            .or_insert_with(|| {
                NamedSource::new(
                    super::display_path(sources, file),
                    Arc::new(sources.get(file).text.clone()),
                )
            })
            .clone()
    };
    let mut out = String::new();
    for d in diags {
        let report = to_report(d, &mut source_of);
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
    source_of: &mut impl FnMut(FileId) -> NamedSource<Arc<String>>,
) -> Report {
    let severity = match d.severity {
        Severity::Error => miette::Severity::Error,
        Severity::Warning => miette::Severity::Warning,
    };
    let primary_file = d.primary_span().map(|s| s.file);
    let mut labels = Vec::new();
    let mut related = Vec::new();
    for (i, l) in d.labels.iter().enumerate() {
        let span = (l.span.start as usize, l.span.len());
        let text = Some(l.message.clone()).filter(|m| !m.is_empty());
        if Some(l.span.file) == primary_file {
            labels.push(if i == 0 {
                LabeledSpan::new_primary_with_span(text, span)
            } else {
                LabeledSpan::new_with_span(text, span)
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
        message: d.message.clone(),
        code: Some(d.rule.to_string()),
        severity,
        help: d.help.clone(),
        source: primary_file.map(&mut *source_of),
        labels,
        related,
    }
}
