//! The command line: argument parsing, workspace discovery, exit codes.
//!
//! Each verb lives in its own file with its `Args` and `run`. Exit codes
//! follow shared/spec/cli.md: 0 success, 1 problems found, 2 could not run.

mod build;
mod check;
mod diff;
mod explain;
mod fmt;
mod import;
mod infer;
mod init;
mod rules;
mod schema;
mod validate;

use crate::config::{self, Config};
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "trackc",
    version,
    about = "The tracking-plan compiler: lint, build, diff and validate analytics tracking plans.",
    propagate_version = true
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Args, Debug, Clone)]
pub struct GlobalArgs {
    /// Plan file or directory [default: `plan:` in trackc.yaml, else plans/]
    #[arg(long, global = true, value_name = "PATH")]
    pub plan: Option<PathBuf>,
    /// Config file [default: trackc.yaml in this directory or a parent]
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// When to use colours in human output (NO_COLOR is honoured with auto)
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse and lint the plan; print diagnostics
    Check(check::Args),
    /// Check the plan, then write the outputs (emitters, schemas, docs)
    Build(build::Args),
    /// Compare the plan with the plan at a git ref or path; classify changes as breaking or not
    Diff(diff::Args),
    // Validate, infer and fmt take their help (with exit codes) from their Args.
    Validate(validate::Args),
    Infer(infer::Args),
    Fmt(fmt::Args),
    /// Convert another tool's plan to a trackc plan, on stdout
    #[command(subcommand)]
    Import(import::Format),
    /// Print the JSON Schema of the plan format, for YAML editors
    Schema(schema::Args),
    /// List the lint rules
    Rules(rules::Args),
    /// Show one lint rule's documentation
    Explain(explain::Args),
    /// Write a starter plan and config in the current directory
    Init(init::Args),
}

/// A failure that stops a command (exit 2), with the reason.
#[derive(Debug)]
pub struct Fatal(pub String);

impl<E: std::fmt::Display> From<E> for Fatal {
    fn from(e: E) -> Self {
        Fatal(e.to_string())
    }
}

pub type CmdResult = Result<ExitCode, Fatal>;

/// What every command needs: the config, and where the plan is.
pub struct Workspace {
    pub cwd: PathBuf,
    pub config: Config,
    pub plan_path: PathBuf,
    pub global: GlobalArgs,
}

impl Workspace {
    pub fn discover(global: &GlobalArgs) -> Result<Workspace, Fatal> {
        let cwd = std::env::current_dir()
            .map_err(|e| Fatal(format!("cannot read the current directory: {e}")))?;
        let config = match &global.config {
            Some(path) => {
                if !path.is_file() {
                    return Err(Fatal(format!("{}: config file not found", path.display())));
                }
                config::load(path)?
            }
            // Found by walking up from an absolute working directory: show
            // it as the user would type it when it is below them.
            None => config::discover(&cwd).map_err(|mut e| {
                e.path = relative_to(&cwd, &e.path);
                e
            })?,
        };
        let plan_path = match (&global.plan, &config.plan) {
            (Some(p), _) => p.clone(),
            (None, Some(p)) => relative_to(&cwd, &config.root.join(p)),
            (None, None) => relative_to(&cwd, &config.root.join("plans")),
        };
        Ok(Workspace {
            cwd,
            config,
            plan_path,
            global: global.clone(),
        })
    }

    /// A path in the config, resolved against the config's directory and
    /// shown relative to the working directory where possible.
    pub fn config_path(&self, p: &Path) -> PathBuf {
        relative_to(&self.cwd, &self.config.root.join(p))
    }

    pub fn human_options(&self) -> crate::render::HumanOptions {
        crate::render::HumanOptions {
            color: use_color(self.global.color),
            width: terminal_width(),
        }
    }
}

fn relative_to(cwd: &Path, p: &Path) -> PathBuf {
    match p.strip_prefix(cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Ok(rel) => rel.to_path_buf(),
        Err(_) => p.to_path_buf(),
    }
}

pub fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    }
}

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(100)
}

/// The default `--format` for human-facing commands: human on a terminal.
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args, &cli.global),
        Command::Diff(args) => diff::run(args, &cli.global),
        Command::Rules(args) => rules::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Init(args) => init::run(args),
        Command::Build(args) => build::run(args, &cli.global),
        Command::Schema(args) => schema::run(args),
        Command::Validate(args) => validate::run(args, &cli.global),
        Command::Infer(args) => infer::run(args),
        Command::Import(format) => import::run(format),
        Command::Fmt(args) => fmt::run(args, &cli.global),
    };
    match result {
        Ok(code) => code,
        Err(Fatal(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

/// Writes to stdout, treating a closed pipe (`trackc check | head`) as done.
pub fn print(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}
