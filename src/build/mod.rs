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

/// The document targets; the typed-code targets come from [`crate::codegen`].
const DOC_TARGETS: &[(&str, GenerateFn)] = &[
    ("jsonschema", jsonschema::generate),
    ("markdown", markdown::generate),
];

/// Every built-in target, in the order a build without config writes them.
pub fn target_names() -> Vec<&'static str> {
    crate::codegen::TARGETS
        .iter()
        .copied()
        .chain(DOC_TARGETS.iter().map(|(n, _)| *n))
        .collect()
}

/// Renders `target`; `templates_dir` (from `build.templates_dir`) may
/// override a code target's templates or add a target. `None` when there is
/// no such target.
pub fn generate(
    target: &str,
    cx: &TargetContext<'_>,
    templates_dir: Option<&Path>,
) -> Option<Result<Vec<OutputFile>, String>> {
    match DOC_TARGETS.iter().find(|(name, _)| *name == target) {
        Some((_, generate)) => Some(generate(cx)),
        None => crate::codegen::generate_with(target, cx, templates_dir),
    }
}

/// Why `target` cannot be built, or `None` when it can.
pub fn unavailable_reason(target: &str, templates_dir: Option<&Path>) -> Option<String> {
    if DOC_TARGETS.iter().any(|(n, _)| *n == target)
        || crate::codegen::is_target(target, templates_dir)
    {
        return None;
    }
    let names = target_names();
    if crate::config::TARGETS.contains(&target) {
        return Some(format!(
            "target `{target}` is not available in this trackc build (a folder `{target}/` of templates in `build.templates_dir` can add it); available targets: {}",
            names.join(", ")
        ));
    }
    let hint = crate::lint::util::suggestion(target, names.iter().copied())
        .map(|s| format!("{s}; "))
        .unwrap_or_default();
    Some(format!(
        "`{target}` is not a build target; {hint}available targets: {}{}",
        names.join(", "),
        if templates_dir.is_some() {
            ", or a folder of templates in `build.templates_dir`"
        } else {
            ""
        }
    ))
}

/// SHA-256 over the plan's source files: each file's path relative to
/// `plan_root` (`/`-separated) and its text (CRLF read as LF), in sorted
/// path order, so the hash is the same from any working directory and on
/// any machine.
pub fn plan_hash(sources: &SourceMap, plan_root: &Path) -> String {
    // CRLF is folded so a Windows checkout (git autocrlf) hashes the same.
    let mut files: Vec<(String, String)> = sources
        .files()
        .map(|(_, f)| {
            (
                relative_name(&f.path, plan_root),
                f.text.replace("\r\n", "\n"),
            )
        })
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
    templates_dir: Option<&Path>,
) -> Result<(Vec<FileToWrite>, Vec<PathBuf>), String> {
    let mut files = Vec::new();
    let mut sweep = Vec::new();
    for output in outputs {
        if let Some(reason) = unavailable_reason(&output.config.target, templates_dir) {
            return Err(reason);
        }
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
        let produced = generate(&output.config.target, &cx, templates_dir)
            .unwrap_or_else(|| Err("no such target".into()))
            .map_err(|e| format!("target `{}`: {e}", output.config.target))?;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(files: &[(&str, &str)], root: &str) -> String {
        let mut sources = SourceMap::default();
        for (p, t) in files {
            sources.add(PathBuf::from(p), t.to_string());
        }
        plan_hash(&sources, Path::new(root))
    }

    #[test]
    fn the_plan_hash_ignores_where_the_plan_is_and_line_endings() {
        let a = hash(
            &[("plans/b.yaml", "b: 1\n"), ("plans/a.yaml", "a: 1\n")],
            "plans",
        );
        let moved = hash(
            &[
                ("/home/x/p/plans/a.yaml", "a: 1\n"),
                ("/home/x/p/plans/b.yaml", "b: 1\n"),
            ],
            "/home/x/p/plans",
        );
        let crlf = hash(
            &[("plans/a.yaml", "a: 1\r\n"), ("plans/b.yaml", "b: 1\r\n")],
            "plans",
        );
        assert_eq!(a, moved);
        assert_eq!(a, crlf);
        assert_eq!(a.len(), 64);
        let edited = hash(
            &[("plans/a.yaml", "a: 2\n"), ("plans/b.yaml", "b: 1\n")],
            "plans",
        );
        let renamed = hash(
            &[("plans/c.yaml", "a: 1\n"), ("plans/b.yaml", "b: 1\n")],
            "plans",
        );
        assert_ne!(a, edited);
        assert_ne!(a, renamed);
        // A single-file plan: the file's own name.
        assert_eq!(
            hash(&[("/x/plan.yaml", "a: 1\n")], "/x"),
            hash(&[("plan.yaml", "a: 1\n")], "")
        );
    }
}
