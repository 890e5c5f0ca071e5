use super::{CmdResult, print};
use crate::lint::registry::RULES;
use std::process::ExitCode;

/// List every lint rule with its default severity.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

pub fn run(args: Args) -> CmdResult {
    if args.json {
        let rules: Vec<_> = RULES
            .iter()
            .map(|r| {
                serde_json::json!({
                    "id": r.meta.id,
                    "severity": r.meta.default_severity,
                    "summary": r.meta.summary(),
                    "can_disable": r.can_disable(),
                })
            })
            .collect();
        print(&format!("{}\n", serde_json::to_string_pretty(&rules)?));
        return Ok(ExitCode::SUCCESS);
    }
    let width = RULES.iter().map(|r| r.meta.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in RULES {
        out.push_str(&format!(
            "{:width$}  {:7}  {}\n",
            r.meta.id,
            r.meta.default_severity.as_str(),
            r.meta.summary()
        ));
    }
    out.push_str("\n`trackc explain RULE` shows a rule's documentation.\n");
    print(&out);
    Ok(ExitCode::SUCCESS)
}
