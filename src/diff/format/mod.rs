//! `trackc diff` output formats. All render the same [`Report`]; the JSON
//! shape is documented in docs/output-formats.md (`## diff`).

mod github;
mod human;
mod json;
mod markdown;

use super::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
    Markdown,
    Github,
}

pub fn render(format: DiffFormat, report: &Report, color: bool) -> String {
    match format {
        DiffFormat::Human => human::render(report, color),
        DiffFormat::Json => json::render(report),
        DiffFormat::Markdown => markdown::render(report),
        DiffFormat::Github => github::render(report),
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
