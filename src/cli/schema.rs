use super::{CmdResult, print};
use std::process::ExitCode;

/// Print the JSON Schema (draft 2020-12) of the plan format, for editors.
///
/// Save it and point yaml-language-server at it, for example with
/// `# yaml-language-server: $schema=../plan.schema.json` as the first line
/// of a plan file; see the README for VS Code settings.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> CmdResult {
    let schema = crate::plan_schema::plan_schema();
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    print(&text);
    Ok(ExitCode::SUCCESS)
}
