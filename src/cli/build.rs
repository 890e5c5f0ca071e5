use super::{CmdResult, Fatal, GlobalArgs, Workspace, print};
use crate::build::{self, ResolvedOutput, writer};
use crate::config::OutputConfig;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Check the plan, then write the outputs (JSON Schemas, Markdown docs, ...).
///
/// Outputs come from `build.outputs` in trackc.yaml; without any, every
/// target is written under `generated/<target>/`. Nothing is written when
/// check finds errors. trackc never overwrites or removes a file it did not
/// generate, and removes files it generated earlier that are no longer
/// produced.
///
/// Exit codes: 0 built (or up to date with --check), 1 check found errors
/// or --check found missing, stale or extra files, 2 could not run (bad
/// config or arguments, a file trackc did not generate in the way).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write nothing; list missing, out-of-date and extra files and exit 1
    /// if there are any (for CI)
    #[arg(long)]
    pub check: bool,
    /// Build only this target (repeatable): jsonschema, markdown, ...
    #[arg(long = "target", value_name = "NAME")]
    pub targets: Vec<String>,
    /// Write every selected target under DIR/<target>/ instead of the
    /// configured outputs
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

pub fn run(args: Args, global: &GlobalArgs) -> CmdResult {
    let ws = Workspace::discover(global)?;
    let templates_dir = ws
        .config
        .build
        .templates_dir
        .as_ref()
        .map(|d| ws.cwd.join(&ws.config.root).join(d));
    let templates_dir = templates_dir.as_deref();
    for t in &args.targets {
        if let Some(reason) = build::unavailable_reason(t, templates_dir) {
            return Err(Fatal(reason));
        }
    }
    let outputs = resolve_outputs(&ws, &args)?;

    let checked = crate::check::check_path(&ws.plan_path, &ws.config.rules.clone())?;
    if !checked.diagnostics.is_empty() {
        eprint!(
            "{}",
            crate::render::render(
                crate::render::Format::Human,
                &checked.diagnostics,
                &checked.sources,
                &ws.human_options(),
            )
        );
    }
    if checked.has_errors() {
        let n = checked.summary().errors;
        eprintln!(
            "build: the plan has {n} error{}; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }

    let plan_root = if ws.plan_path.is_dir() {
        ws.plan_path.clone()
    } else {
        ws.plan_path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default()
    };
    let header = build::header(
        &checked.plan,
        build::plan_hash(&checked.sources, &plan_root),
    );
    let (files, sweep) =
        build::render_outputs(&checked.plan, &header, &outputs, templates_dir).map_err(Fatal)?;
    let changes = writer::plan_changes(files, &sweep, &skipped_outputs(&ws, &outputs))?;

    let show = |p: &Path| display(&ws.cwd, p);
    if args.check {
        let mut out = String::new();
        for (p, _) in &changes.create {
            out.push_str(&format!("missing: {}\n", show(p)));
        }
        for (p, _) in &changes.update {
            out.push_str(&format!("stale:   {}\n", show(p)));
        }
        for p in &changes.remove {
            out.push_str(&format!("extra:   {}\n", show(p)));
        }
        if changes.is_up_to_date() {
            out.push_str(&format!(
                "build --check: {} files up to date\n",
                changes.unchanged.len()
            ));
            print(&out);
            return Ok(ExitCode::SUCCESS);
        }
        out.push_str(&format!(
            "build --check: {} missing, {} stale, {} extra; run `trackc build`\n",
            changes.create.len(),
            changes.update.len(),
            changes.remove.len()
        ));
        print(&out);
        return Ok(ExitCode::from(1));
    }

    let applied = changes.apply()?;
    let roots: Vec<String> = outputs.iter().map(|o| show(&o.out)).collect();
    print(&format!(
        "build: {} written, {} unchanged, {} removed ({})\n",
        applied.written,
        applied.unchanged,
        applied.removed,
        roots.join(", ")
    ));
    Ok(ExitCode::SUCCESS)
}

/// The outputs to build: `--out DIR` (every selected target under
/// DIR/<target>/), else `build.outputs` from the config (filtered by
/// `--target`), else every target under `generated/<target>/`.
/// Configured targets and `out` paths were checked when the config loaded.
fn resolve_outputs(ws: &Workspace, args: &Args) -> Result<Vec<ResolvedOutput>, Fatal> {
    let cwd = &ws.cwd;
    let all_targets: Vec<String> = build::target_names()
        .into_iter()
        .map(str::to_string)
        .collect();
    let selected = |names: &[String]| -> Vec<String> {
        if args.targets.is_empty() {
            names.to_vec()
        } else {
            names
                .iter()
                .filter(|n| args.targets.contains(n))
                .cloned()
                .collect()
        }
    };
    let default_outputs = |root: PathBuf| -> Vec<ResolvedOutput> {
        selected(&all_targets)
            .into_iter()
            .map(|target| ResolvedOutput {
                out: root.join(&target),
                config: OutputConfig {
                    target,
                    out: PathBuf::new(),
                    sources: Vec::new(),
                    side: None,
                    additional_properties: None,
                },
            })
            .collect()
    };
    if let Some(dir) = &args.out {
        return Ok(default_outputs(cwd.join(dir)));
    }
    let configured = &ws.config.build.outputs;
    if configured.is_empty() {
        return Ok(default_outputs(cwd.join(&ws.config.root).join("generated")));
    }
    let config_file = ws
        .config
        .path
        .as_ref()
        .map_or_else(|| "trackc.yaml".to_string(), |p| display(cwd, p));
    let mut outputs = Vec::new();
    for o in configured {
        if !args.targets.is_empty() && !args.targets.contains(&o.target) {
            continue;
        }
        outputs.push(ResolvedOutput {
            out: cwd.join(&ws.config.root).join(&o.out),
            config: o.clone(),
        });
    }
    if outputs.is_empty() {
        return Err(Fatal(format!(
            "no output in {config_file} has target {}",
            args.targets.join(" or ")
        )));
    }
    Ok(outputs)
}

/// Configured outputs not built this time (`--target`): a swept directory
/// that contains one must not lose its files.
fn skipped_outputs(ws: &Workspace, building: &[ResolvedOutput]) -> Vec<PathBuf> {
    ws.config
        .build
        .outputs
        .iter()
        .map(|o| ws.cwd.join(&ws.config.root).join(&o.out))
        .filter(|p| {
            !building
                .iter()
                .any(|b| writer::normalize(&b.out) == writer::normalize(p))
        })
        .collect()
}

/// A path relative to the working directory where possible, `/`-separated.
fn display(cwd: &Path, p: &Path) -> String {
    let p = writer::normalize(p);
    let shown = p.strip_prefix(writer::normalize(cwd)).unwrap_or(&p);
    let s = shown.to_string_lossy().replace('\\', "/");
    if s.is_empty() { ".".into() } else { s }
}
