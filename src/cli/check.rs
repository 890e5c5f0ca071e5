use super::{CmdResult, GlobalArgs, Workspace, print};
use crate::render::{self, Format};
use std::process::ExitCode;

/// Parse and lint the plan.
///
/// Exit codes: 0 no errors (warnings allowed unless --deny-warnings),
/// 1 errors found (a file that is not valid YAML is an error with its line
/// and column), 2 the plan or config could not be read.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit 1 on warnings too
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: Args, global: &GlobalArgs) -> CmdResult {
    let ws = Workspace::discover(global)?;
    let checked = crate::check::check_path(&ws.plan_path, &ws.config.rules.clone())?;
    print(&render::render(
        args.format,
        &checked.diagnostics,
        &checked.sources,
        &ws.human_options(),
    ));
    let summary = checked.summary();
    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    Ok(ExitCode::from(u8::from(failed)))
}
