use super::{CmdResult, Fatal};
use std::path::Path;
use std::process::ExitCode;

const STARTER_PLAN: &str = include_str!("../../templates/init/plan.yaml");
const STARTER_CONFIG: &str = include_str!("../../templates/init/trackc.yaml");

/// Write a starter plan (plans/tracking-plan.yaml) and trackc.yaml in the
/// current directory. Existing files are never overwritten.
#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_args: Args) -> CmdResult {
    let plan = Path::new("plans/tracking-plan.yaml");
    let config = Path::new(crate::config::FILE_NAME);
    for p in [plan, config] {
        if p.exists() {
            return Err(Fatal(format!(
                "{} already exists; trackc init writes nothing over existing files",
                p.display()
            )));
        }
    }
    std::fs::create_dir_all("plans").map_err(|e| Fatal(format!("plans/: {e}")))?;
    std::fs::write(plan, STARTER_PLAN).map_err(|e| Fatal(format!("{}: {e}", plan.display())))?;
    std::fs::write(config, STARTER_CONFIG)
        .map_err(|e| Fatal(format!("{}: {e}", config.display())))?;
    eprintln!(
        "wrote {} and {}\nnext: trackc check",
        config.display(),
        plan.display()
    );
    Ok(ExitCode::SUCCESS)
}
