//! `--format github`: workflow commands, so changes show on the pull
//! request's lines. Breaking changes are errors, the rest notices.
//! A removal has no line in the new files, so its annotation names the old
//! location in the message instead of pointing at a wrong line.

use crate::diff::{Location, Report, Revision};
use crate::render::{github_command, github_escape_property};

fn command(
    level: &str,
    title: &str,
    location: Option<&Location>,
    message: &str,
    against: &str,
) -> String {
    let mut props = Vec::new();
    let mut message = message.to_string();
    match location {
        Some(l) if l.revision == Revision::New => {
            props.push(format!("file={}", github_escape_property(&l.file)));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
        }
        Some(l) => message.push_str(&format!("\n(was at {l} in {against})")),
        None => {}
    }
    github_command(level, props, title, &message)
}

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for c in &report.changes {
        let level = if c.is_breaking() { "error" } else { "notice" };
        let mut message = c.message.clone();
        if let Some(key) = &c.owner {
            let name = report.owner(key).map_or(key.as_str(), |o| o.name.as_str());
            message.push_str(&format!("\nowner: {name}"));
        }
        let title = format!("trackc diff: {} ({})", c.kind.id(), c.kind.class().as_str());
        out.push_str(&command(
            level,
            &title,
            c.location.as_ref(),
            &message,
            &report.against,
        ));
    }
    for w in &report.warnings {
        let mut message = w.message.clone();
        if let Some(h) = &w.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        out.push_str(&command(
            "warning",
            &format!("trackc {}", w.rule),
            w.location.as_ref(),
            &message,
            &report.against,
        ));
    }
    out
}
