//! Diagnostic output formats: human (miette), json, github, sarif.
//!
//! Every format gets the same sorted diagnostics; only the presentation
//! differs. The JSON shape is documented in docs/output-formats.md and is
//! versioned: fields are added, never renamed or removed.

mod github;
mod human;
mod json;
pub(crate) mod sarif;

pub use github::command as github_command;
pub use github::escape_data as github_escape_data;
pub use github::escape_property as github_escape_property;
pub use human::HumanOptions;

use crate::diagnostic::Diagnostic;
use crate::source::SourceMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
    Github,
    Sarif,
}

pub fn render(
    format: Format,
    diags: &[Diagnostic],
    sources: &SourceMap,
    human: &HumanOptions,
) -> String {
    match format {
        Format::Human => human::render(diags, sources, human),
        Format::Json => json::render(diags, sources),
        Format::Github => github::render(diags, sources),
        Format::Sarif => sarif::render(diags, sources),
    }
}

/// A path as shown in reports: forward slashes on every platform.
pub fn display_path(sources: &SourceMap, file: crate::source::FileId) -> String {
    sources.path(file).to_string_lossy().replace('\\', "/")
}
