use super::{CmdResult, Fatal, print};
use crate::lint::registry;
use std::process::ExitCode;

/// Show a lint rule's documentation, with a failing and a passing example.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Rule id, e.g. naming/collision
    pub rule: String,
}

pub fn run(args: Args) -> CmdResult {
    let Some(rule) = registry::lookup(&args.rule) else {
        let hint = crate::lint::util::suggestion(&args.rule, registry::ids())
            .unwrap_or_else(|| "`trackc rules` lists them".into());
        return Err(Fatal(format!("no lint rule `{}`; {hint}", args.rule)));
    };
    let mut out = format!(
        "# {}\n\nDefault severity: {}{}\n\n{}\n",
        rule.meta.id,
        rule.meta.default_severity.as_str(),
        if rule.can_disable() {
            ""
        } else {
            " (cannot be turned off)"
        },
        rule.meta.docs()
    );
    if !out.ends_with('\n') {
        out.push('\n');
    }
    print(&out);
    Ok(ExitCode::SUCCESS)
}
