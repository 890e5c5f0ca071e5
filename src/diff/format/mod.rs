//! `trackc diff` output formats. All render the same [`Report`]; the JSON
//! shape is documented in docs/output-formats.md (`## diff`).

mod github;
mod human;
mod json;
mod markdown;
mod sarif;

use super::{Class, Location, Report, Revision};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
    Github,
    Sarif,
}

pub fn render(format: DiffFormat, report: &Report, color: bool) -> String {
    match format {
        DiffFormat::Human => human::render(report, color),
        DiffFormat::Json => json::render(report),
        DiffFormat::Markdown => markdown::render(report),
        DiffFormat::Github => github::render(report),
        DiffFormat::Sarif => sarif::render(report),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Notes about plans with errors: compared anyway, but the reader should know.
fn error_notes(report: &Report) -> Vec<String> {
    let mut notes = Vec::new();
    if report.old_errors > 0 {
        notes.push(format!(
            "the plan at `{}` has {}; it was compared as far as it could be read",
            report.against,
            plural(report.old_errors, "error", "errors")
        ));
    }
    if report.new_errors > 0 {
        notes.push(format!(
            "the plan has {}; run `trackc check` to see them",
            plural(report.new_errors, "error", "errors")
        ));
    }
    notes
}

/// How an annotating format (github, sarif) ranks an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Level {
    Breaking,
    NonBreaking,
    /// A lint-style warning about the change as a whole.
    Warning,
}

/// One change or warning as the annotating formats (github, sarif) show
/// it: the same text and place in both.
struct Annotation<'r> {
    level: Level,
    /// The change kind's id, or the warning's rule id.
    id: &'static str,
    /// `None` for warnings.
    class: Option<Class>,
    location: Option<&'r Location>,
    /// The message, then the owner's name (changes) or help (warnings), then
    /// for a place on the old side `(was at FILE:LINE:COL in REF)`.
    message: String,
}

/// Changes in report order (breaking first), then warnings.
fn annotations(report: &Report) -> Vec<Annotation<'_>> {
    let was_at = |message: &mut String, location: Option<&Location>| {
        if let Some(l) = location.filter(|l| l.revision == Revision::Old) {
            message.push_str(&format!("\n(was at {l} in {})", report.against));
        }
    };
    let mut out = Vec::new();
    for c in &report.changes {
        let mut message = c.message.clone();
        if let Some(key) = &c.owner {
            let name = report.owner(key).map_or(key.as_str(), |o| o.name.as_str());
            message.push_str(&format!("\nowner: {name}"));
        }
        was_at(&mut message, c.location.as_ref());
        out.push(Annotation {
            level: if c.is_breaking() {
                Level::Breaking
            } else {
                Level::NonBreaking
            },
            id: c.kind.id(),
            class: Some(c.kind.class()),
            location: c.location.as_ref(),
            message,
        });
    }
    for w in &report.warnings {
        let mut message = w.message.clone();
        if let Some(h) = &w.help {
            message.push_str(&format!("\nhelp: {h}"));
        }
        was_at(&mut message, w.location.as_ref());
        out.push(Annotation {
            level: Level::Warning,
            id: w.rule,
            class: None,
            location: w.location.as_ref(),
            message,
        });
    }
    out
}
