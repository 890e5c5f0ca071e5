//! `--format json`: one document, documented in docs/output-formats.md.

use crate::diagnostic::{Diagnostic, Summary};
use crate::source::SourceMap;
use serde_json::json;

pub fn render(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let items: Vec<_> = diags.iter().map(|d| diagnostic_json(d, sources)).collect();
    let doc = json!({
        "version": 1,
        "tool": { "name": "trackc", "version": env!("CARGO_PKG_VERSION") },
        "summary": Summary::of(diags),
        "diagnostics": items,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// One diagnostic as JSON; shared with other commands' JSON reports.
pub fn diagnostic_json(d: &Diagnostic, sources: &SourceMap) -> serde_json::Value {
    let labels: Vec<_> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let start = sources.line_col(l.span);
            let end = sources.end_line_col(l.span);
            json!({
                "primary": i == 0,
                "file": super::display_path(sources, l.span.file),
                "line": start.line,
                "column": start.column,
                "end_line": end.line,
                "end_column": end.column,
                "offset": l.span.start,
                "length": l.span.len(),
                "message": l.message,
            })
        })
        .collect();
    json!({
        "rule": d.rule,
        "severity": d.severity,
        "message": d.message,
        "help": d.help,
        "labels": labels,
    })
}
