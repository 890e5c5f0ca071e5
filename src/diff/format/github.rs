//! `--format github`: workflow commands, so changes show on the pull
//! request's lines. Breaking changes are errors, the rest notices.
//! A removal has no line in the new files, so its annotation names the old
//! location in the message instead of pointing at a wrong line.

use super::{Annotation, annotations};
use crate::diff::{Report, Revision};
use crate::render::{github_command, github_escape_property};

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for Annotation {
        level,
        id,
        class,
        location,
        message,
    } in annotations(report)
    {
        let level = match level {
            super::Level::Breaking => "error",
            super::Level::NonBreaking => "notice",
            super::Level::Warning => "warning",
        };
        let title = match class {
            Some(class) => format!("trackc diff: {id} ({})", class.as_str()),
            None => format!("trackc {id}"),
        };
        let mut props = Vec::new();
        if let Some(l) = location.filter(|l| l.revision == Revision::New) {
            props.push(format!("file={}", github_escape_property(&l.file)));
            props.push(format!("line={}", l.line));
            props.push(format!("col={}", l.column));
        }
        out.push_str(&github_command(level, props, &title, &message));
    }
    out
}
