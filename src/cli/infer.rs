use super::{CmdResult, Fatal, print};
use crate::infer::{Inferrer, Options};
use std::process::ExitCode;

/// Draft a plan from recorded events (JSON Lines), written on stdout.
///
/// Every event name seen becomes an event; its properties get types
/// inferred from the values (datetime and date recognised in strings),
/// `required` when present in every occurrence, `nullable` when null was
/// seen, an `enum` for strings with few distinct values, and first-seen
/// `examples`. Owner, side and descriptions are left as TODO comments,
/// which `trackc check` reports until they are filled in.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON Lines files (`-` for stdin, `.gz` read as gzip)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// At most this many distinct strings make an enum
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub enum_max_values: usize,
    /// A property must be seen at least this many times to get an enum
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub enum_min_count: u64,
    /// First-seen example values kept per property
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub examples: usize,
}

pub fn run(args: Args) -> CmdResult {
    for f in &args.files {
        if f != "-" && !std::path::Path::new(f).exists() {
            return Err(Fatal(format!("{f}: no such file or directory")));
        }
    }
    let mut inferrer = Inferrer::new(Options {
        enum_max_values: args.enum_max_values,
        enum_min_count: args.enum_min_count,
        examples: args.examples,
    });
    for f in &args.files {
        inferrer.read(f).map_err(Fatal)?;
    }
    for w in inferrer.warnings() {
        eprintln!("warning: {w}");
    }
    print(&inferrer.into_draft().to_yaml());
    Ok(ExitCode::SUCCESS)
}
