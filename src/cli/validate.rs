use super::{CmdResult, Fatal, GlobalArgs, Workspace, print};
use crate::validate::{self, Options, Report};
use std::io::IsTerminal;
use std::process::ExitCode;

/// Validate recorded events (JSON Lines) against the plan.
///
/// One JSON object per line, as Segment and RudderStack send them: track
/// calls are checked against their event's properties and their `context`
/// against `context:`, identify calls against `identify:`, group calls
/// against `groups:`. Page, screen and alias calls are counted
/// and skipped. Files ending in `.gz` (or starting with gzip's magic bytes)
/// are decompressed; `-` reads stdin.
///
/// --format github and sarif annotate the inputs' lines: one workflow
/// command or SARIF result per example line kept (--max-examples); lines
/// read from stdin name no file (see docs/validate.md).
///
/// Exit codes (whatever the format): 0 every event is planned and valid; 1 invalid events,
/// unknown events (unless --allow-unknown) or lines that are not events;
/// 2 the plan or an input could not be read.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON Lines files (`-` for stdin, `.gz` read as gzip)
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<String>,
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Example line numbers kept per violation, per unknown event, and
    /// lines listed that are not events
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub max_examples: usize,
    /// Violation kinds listed in human output
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub top: usize,
    /// Do not fail on events missing from the plan (they are still reported)
    #[arg(long)]
    pub allow_unknown: bool,
    /// Validating threads [default: the number of cores]
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Human,
    Json,
    Github,
    Sarif,
}

pub fn run(args: Args, global: &GlobalArgs) -> CmdResult {
    let ws = Workspace::discover(global)?;
    // Only problems that stop the plan from loading as written block
    // validation; lint findings (naming, docs) say nothing about the data.
    let loaded = crate::load::load(&ws.plan_path)?;
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if !errors.is_empty() {
        // Each with its file, line and column, as `check` shows them.
        eprint!(
            "{}",
            crate::render::render(
                crate::render::Format::Human,
                &errors,
                &loaded.sources,
                &ws.human_options()
            )
        );
        return Err(Fatal(format!(
            "the plan at {} does not load cleanly (above); fix it before validating events against it",
            ws.plan_path.display(),
        )));
    }
    for f in &args.files {
        if f != "-" && !std::path::Path::new(f).exists() {
            return Err(Fatal(format!("{f}: no such file or directory")));
        }
    }
    let validators = validate::compile_validators(&loaded.plan).map_err(Fatal)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = progress_bar(&args.files);
    let opts = Options {
        max_examples: args.max_examples,
        jobs: jobs.max(1),
        progress: progress.clone(),
    };
    let tally = validate::run(&args.files, &validators, &opts).map_err(Fatal)?;
    if let Some(pb) = progress {
        pb.finish_and_clear();
    }
    let report = Report::build(&args.files, tally, &validators);
    print(&match args.format {
        ReportFormat::Human => report.to_human(args.top),
        ReportFormat::Json => report.to_json(),
        ReportFormat::Github => report.to_github(args.allow_unknown),
        ReportFormat::Sarif => report.to_sarif(args.allow_unknown),
    });
    Ok(ExitCode::from(u8::from(report.failed(args.allow_unknown))))
}

/// A byte-count bar on stderr, only on a terminal and never under CI.
fn progress_bar(files: &[String]) -> Option<indicatif::ProgressBar> {
    let in_ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty());
    if in_ci || !std::io::stderr().is_terminal() {
        return None;
    }
    let sizes: Option<Vec<u64>> = files.iter().map(|f| crate::jsonl::size_of(f)).collect();
    let pb = match sizes {
        Some(s) => {
            let pb = indicatif::ProgressBar::new(s.iter().sum());
            pb.set_style(
                indicatif::ProgressStyle::with_template(
                    "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} eta {eta}",
                )
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            pb
        }
        None => indicatif::ProgressBar::new_spinner(),
    };
    pb.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    Some(pb)
}
