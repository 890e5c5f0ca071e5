//! `--format github`: GitHub Actions workflow commands, so problems show on
//! the pull request's lines.

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceMap;

/// Escapes a workflow command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command, `::LEVEL PROPS,title=TITLE::MESSAGE` and a newline.
/// `props` are `name=value` pairs whose values are already escaped with
/// [`escape_property`]; the title and message are escaped here. Every
/// verb's `--format github` writes its commands through this.
pub fn command(level: &str, mut props: Vec<String>, title: &str, message: &str) -> String {
    props.push(format!("title={}", escape_property(title)));
    format!("::{level} {}::{}\n", props.join(","), escape_data(message))
}

pub fn render(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diags {
        let level = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        for l in d.labels.iter().skip(1) {
            let at = sources.line_col(l.span);
            message.push_str(&format!(
                "\n{}: {}:{}:{}",
                l.message,
                super::display_path(sources, l.span.file),
                at.line,
                at.column
            ));
        }
        if let Some(h) = &d.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        let mut props = Vec::new();
        if let Some(l) = d.labels.first() {
            let start = sources.line_col(l.span);
            let end = sources.end_line_col(l.span);
            props.push(format!(
                "file={}",
                escape_property(&super::display_path(sources, l.span.file))
            ));
            props.push(format!("line={}", start.line));
            props.push(format!("col={}", start.column));
            props.push(format!("endLine={}", end.line));
            props.push(format!("endColumn={}", end.column));
        }
        out.push_str(&command(
            level,
            props,
            &format!("trackc {}", d.rule),
            &message,
        ));
    }
    out
}
