use super::{CmdResult, Fatal, GlobalArgs, Workspace, print};
use crate::diff::format::{self, DiffFormat};
use crate::diff::git::Repo;
use crate::diff::{self, Side};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Compare the plan with the plan at a git ref or another path, and classify
/// every change as breaking or not.
///
/// REF is anything git names a commit by (`main`, `origin/main`, `v1.2.0`,
/// `HEAD~1`, a commit id); the plan is read from git without checking
/// anything out. REF may also be a path: a plan file, a plan directory, or
/// another checkout of the project (the plan is then at the same relative
/// path inside it).
///
/// Exit codes: 0 nothing that --fail-on counts, 1 such changes found,
/// 2 the comparison could not run (unknown ref, plan missing at the ref,
/// unreadable files).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
REF is a git ref (main, origin/main, v1.2.0, HEAD~1, a commit id), read from git without a checkout, \
or a path: a plan file, another checkout of the project, or a plan directory.

Exit codes: 0 no changes that --fail-on counts; 1 such changes found; \
2 could not compare (unknown ref, plan missing at the ref, unreadable files).
In a shallow CI clone, fetch the base branch's history first (actions/checkout: fetch-depth: 0).

Change kinds and classes: docs/diff.md")]
pub struct Args {
    /// Git ref (branch, tag, commit, HEAD~1) or path to compare against
    #[arg(long, value_name = "REF")]
    pub against: String,
    /// Where the plan was on the old side, when it moved [default: --plan]
    #[arg(long, value_name = "PATH")]
    pub against_plan: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    pub format: DiffFormat,
    /// Which changes make the exit code 1
    #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
    pub fail_on: FailOn,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    Breaking,
    Any,
    None,
}

pub fn run(args: Args, global: &GlobalArgs) -> CmdResult {
    let ws = Workspace::discover(global)?;
    let new_config = ws.config.path.as_ref().and_then(|p| {
        let text = std::fs::read_to_string(p).ok()?;
        Some((shown(&ws, p), text))
    });
    let new = Side::from_loaded(crate::load::load(&ws.plan_path)?, new_config);
    let old_plan = args.against_plan.clone().unwrap_or(ws.plan_path.clone());
    let old = load_old(&ws, &args.against, &old_plan)?;
    let report = diff::diff(&old, &new, &args.against);
    print(&format::render(
        args.format,
        &report,
        ws.human_options().color && args.format == DiffFormat::Human,
    ));
    let failed = match args.fail_on {
        FailOn::Breaking => report.breaking() > 0,
        FailOn::Any => !report.changes.is_empty(),
        FailOn::None => false,
    };
    Ok(ExitCode::from(u8::from(failed)))
}

/// The config path as shown in reports: relative to the working directory.
fn shown(ws: &Workspace, p: &Path) -> String {
    p.strip_prefix(&ws.cwd)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

fn load_old(ws: &Workspace, against: &str, plan: &Path) -> Result<Side, Fatal> {
    let repo = Repo::open(&ws.cwd);
    let commit = match &repo {
        Ok(r) => r.resolve(against).map_err(Fatal)?,
        Err(_) => None,
    };
    match (repo, commit) {
        (Ok(repo), Some(commit)) => from_git(ws, &repo, against, &commit, plan),
        _ if Path::new(against).exists() => from_path(ws, Path::new(against), plan),
        (Ok(repo), None) => Err(Fatal(repo.missing_ref_message(against))),
        (Err(why), _) => Err(Fatal(format!(
            "`{against}` is not a path, and it cannot be a git ref here: {why}"
        ))),
    }
}

fn from_git(
    ws: &Workspace,
    repo: &Repo,
    against: &str,
    commit: &str,
    plan: &Path,
) -> Result<Side, Fatal> {
    let snapshot = repo.read_plan(commit, plan).map_err(Fatal)?;
    if snapshot.files.is_empty() {
        return Err(Fatal(format!(
            "the plan `{}` does not exist at `{against}` (no *.yaml or *.yml files there); \
             if it moved, pass its old location with --against-plan",
            plan.display()
        )));
    }
    let config = match &ws.config.path {
        Some(p) => repo
            .read_file(commit, p)
            .map_err(Fatal)?
            .map(|bytes| (shown(ws, p), String::from_utf8_lossy(&bytes).into_owned())),
        None => None,
    };
    Ok(Side::from_loaded(
        crate::load::load_files(snapshot.files),
        config,
    ))
}

/// `--against PATH`: a plan file, another checkout holding the plan at the
/// same relative path, or a plan directory.
fn from_path(ws: &Workspace, root: &Path, plan: &Path) -> Result<Side, Fatal> {
    let in_checkout = root.join(plan);
    let (plan_path, config_path) = if root.is_dir() && !plan.is_absolute() && in_checkout.exists() {
        let config = ws
            .config
            .path
            .as_ref()
            .and_then(|p| p.strip_prefix(&ws.cwd).ok())
            .map(|rel| root.join(rel));
        (in_checkout, config)
    } else {
        (root.to_path_buf(), None)
    };
    let config = config_path.and_then(|p| {
        let text = std::fs::read_to_string(&p).ok()?;
        Some((p.to_string_lossy().replace('\\', "/"), text))
    });
    Ok(Side::from_loaded(crate::load::load(&plan_path)?, config))
}
