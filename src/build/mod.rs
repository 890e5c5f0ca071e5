//! `trackc build`: targets turn the model into files; the writer puts them
//! on disk safely.
//!
//! [`target`] is the contract between the two, [`targets`] the registry of
//! targets this binary has, [`render_outputs`] runs the configured outputs
//! (pure, no disk), and [`writer`] decides and applies the changes.

pub mod jsonschema;
pub mod markdown;
pub mod names;
pub mod target;
pub mod writer;

use crate::config::OutputConfig;
use crate::model::{Event, Plan};
use crate::source::SourceMap;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use target::{Header, OutputFile, TargetContext};
use writer::FileToWrite;

/// A target: the model in, files out, no disk access.
pub type GenerateFn = fn(&TargetContext<'_>) -> Result<Vec<OutputFile>, String>;

/// Every target this binary can build, by name. Adding one is one line.
/// (Typed-code emitters from `crate::codegen` go here too, e.g.
/// `("typescript", |cx| codegen_target("typescript", cx))`.)
pub fn targets() -> &'static [(&'static str, GenerateFn)] {
    &[
        ("jsonschema", jsonschema::generate),
        ("markdown", markdown::generate),
    ]
}

pub fn lookup(target: &str) -> Option<GenerateFn> {
    targets()
        .iter()
        .find(|(name, _)| *name == target)
        .map(|(_, f)| *f)
}

/// Why `target` cannot be built here, or `None` when it can.
pub fn unavailable_reason(target: &str) -> Option<String> {
    if lookup(target).is_some() {
        return None;
    }
    let available: Vec<&str> = targets().iter().map(|(n, _)| *n).collect();
    let available = available.join(", ");
    if crate::config::TARGETS.contains(&target) {
        Some(format!(
            "target `{target}` is not available in this trackc build; available targets: {available}"
        ))
    } else {
        let hint = crate::lint::util::suggestion(target, targets().iter().map(|(n, _)| *n))
            .map(|s| format!("{s}; "))
            .unwrap_or_default();
        Some(format!(
            "`{target}` is not a build target; {hint}available targets: {available}"
        ))
    }
}

/// SHA-256 over the plan's source files: each file's path relative to
/// `plan_root` (`/`-separated) and its text, in sorted path order, so the
/// hash is the same from any working directory and on any machine.
pub fn plan_hash(sources: &SourceMap, plan_root: &Path) -> String {
    let mut files: Vec<(String, &str)> = sources
        .files()
        .map(|(_, f)| (relative_name(&f.path, plan_root), f.text.as_str()))
        .collect();
    files.sort();
    let mut h = Sha256::new();
    for (path, text) in files {
        h.update((path.len() as u64).to_le_bytes());
        h.update(path.as_bytes());
        h.update((text.len() as u64).to_le_bytes());
        h.update(text.as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// `path` relative to `root` with `/` separators; the file name when `path`
/// is the root itself (a single-file plan).
fn relative_name(path: &Path, root: &Path) -> String {
    let rel = match path.strip_prefix(root) {
        Ok(r) if !r.as_os_str().is_empty() => r.to_path_buf(),
        _ => PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
    };
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

pub fn header(plan: &Plan, plan_hash: String) -> Header {
    Header {
        plan_id: plan.meta.id.value.clone(),
        plan_version: plan.meta.version.as_ref().map(|v| v.value),
        plan_hash,
    }
}

/// The events an output carries after its `side:` and `sources:` filters,
/// in plan order. An event without `sources` is left out by a sources filter.
pub fn select_events<'p>(plan: &'p Plan, output: &OutputConfig) -> Vec<&'p Event> {
    plan.events
        .iter()
        .filter(|e| {
            output
                .side
                .is_none_or(|side| e.side.as_ref().is_some_and(|s| s.value == side))
        })
        .filter(|e| {
            output.sources.is_empty() || e.sources.iter().any(|s| output.sources.contains(&s.value))
        })
        .collect()
}

/// An output with its `out` resolved against the config's directory (or the
/// working directory).
#[derive(Clone, Debug)]
pub struct ResolvedOutput {
    pub config: OutputConfig,
    pub out: PathBuf,
}

/// The rendered files of every output, and the directories to sweep for
/// files no longer produced. A target returning one file for an `out` that
/// names a file (has an extension) writes exactly that file and sweeps
/// nothing; otherwise `out` is a directory.
pub fn render_outputs(
    plan: &Plan,
    header: &Header,
    outputs: &[ResolvedOutput],
) -> Result<(Vec<FileToWrite>, Vec<PathBuf>), String> {
    let mut files = Vec::new();
    let mut sweep = Vec::new();
    for output in outputs {
        let generate = lookup(&output.config.target).ok_or_else(|| {
            unavailable_reason(&output.config.target).unwrap_or_else(|| "unknown target".into())
        })?;
        for s in &output.config.sources {
            if plan.source(s).is_none() {
                let hint = crate::lint::util::suggestion(
                    s,
                    plan.sources.iter().map(|x| x.key.value.as_str()),
                )
                .map(|h| format!("; {h}"))
                .unwrap_or_default();
                return Err(format!(
                    "output `{}` filters on source `{s}`, which the plan does not define{hint}",
                    output.out.display()
                ));
            }
        }
        let cx = TargetContext {
            plan,
            events: select_events(plan, &output.config),
            header,
            output: &output.config,
        };
        let produced =
            generate(&cx).map_err(|e| format!("target `{}`: {e}", output.config.target))?;
        let names_a_file = output.out.extension().is_some();
        match produced.as_slice() {
            [single] if names_a_file => {
                let root = output
                    .out
                    .parent()
                    .map(Path::to_path_buf)
                    .unwrap_or_default();
                let name = output
                    .out
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                files.push(FileToWrite {
                    root,
                    rel: name,
                    contents: single.contents.clone(),
                });
            }
            _ if names_a_file && produced.len() > 1 => {
                return Err(format!(
                    "target `{}` writes {} files, so `out` must be a directory, not {}",
                    output.config.target,
                    produced.len(),
                    output.out.display()
                ));
            }
            _ => {
                sweep.push(output.out.clone());
                files.extend(produced.into_iter().map(|f| FileToWrite {
                    root: output.out.clone(),
                    rel: f.path,
                    contents: f.contents,
                }));
            }
        }
    }
    Ok((files, sweep))
}
