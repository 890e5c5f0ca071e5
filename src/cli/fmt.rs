use super::{CmdResult, Fatal, GlobalArgs, Workspace, print};
use crate::diagnostic::Diagnostic;
use crate::fmt::{FormatError, format_source};
use crate::lint::rules::schema::{duplicate_key, syntax};
use crate::render::{self, Format, HumanOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Rewrite plan files in canonical form, keeping comments
///
/// Formats every file of the plan (`--plan`, or `plan:` in trackc.yaml), or
/// the FILEs given. Only files whose text changes are written, each
/// atomically and with its permissions kept. See docs/fmt.md for the
/// canonical form.
///
/// Exit codes: 0 done (with --check: every file is formatted); 1 with
/// --check or --diff: a file would change, or a file is not valid YAML (a
/// diagnostic with its line and column; the file is left untouched);
/// 2 could not run (a path that cannot be read, a trackc bug caught before
/// writing).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Plan files or directories to format [default: the plan]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Write nothing; list the files that would change, exit 1 if any would
    #[arg(long)]
    pub check: bool,
    /// Write nothing; print a unified diff of what would change, exit 1 if
    /// anything would
    #[arg(long)]
    pub diff: bool,
}

/// What formatting one file gave.
enum Outcome {
    Unchanged,
    Changed {
        before: String,
        after: Vec<u8>,
    },
    /// Not valid YAML (or UTF-8): diagnostics, the file is not touched.
    Invalid(Vec<Diagnostic>, crate::source::SourceMap),
    /// A construct fmt does not lay out: left as it is, with a warning.
    Skipped(String),
}

pub fn run(args: Args, global: &GlobalArgs) -> CmdResult {
    let (paths, human) = if args.files.is_empty() {
        let ws = Workspace::discover(global)?;
        let human = ws.human_options();
        (vec![ws.plan_path], human)
    } else {
        let human = HumanOptions {
            color: super::use_color(global.color),
            width: super::terminal_width(),
        };
        (args.files.clone(), human)
    };
    let mut files = Vec::new();
    for p in &paths {
        files.extend(crate::load::discover(p)?);
    }

    // Everything is formatted (and checked by the safety net) before
    // anything is written: a bug found in one file stops all writes.
    let mut outcomes = Vec::with_capacity(files.len());
    for path in &files {
        outcomes.push((path, format_file(path)?));
    }

    let dry_run = args.check || args.diff;
    let mut invalid_files = 0usize;
    let mut skipped = 0usize;
    let mut changed = 0usize;
    for (path, outcome) in &outcomes {
        match outcome {
            Outcome::Unchanged => {}
            Outcome::Changed { before, after } => {
                changed += 1;
                // Printed as it goes: if a write fails, what came before shows.
                if args.diff {
                    print(&unified_diff(path, before, after));
                } else if args.check {
                    print(&format!("would reformat {}\n", path.display()));
                } else {
                    write_in_place(path, after).map_err(|e| {
                        Fatal(format!(
                            "{}: cannot write: {}",
                            path.display(),
                            crate::load::io_reason(&e)
                        ))
                    })?;
                    print(&format!("reformatted {}\n", path.display()));
                }
            }
            Outcome::Invalid(diags, sources) => {
                invalid_files += 1;
                to_stderr(&render::render(Format::Human, diags, sources, &human));
            }
            Outcome::Skipped(why) => {
                skipped += 1;
                to_stderr(&format!(
                    "warning: {}: fmt cannot lay out this file ({why}); left unchanged\n",
                    path.display()
                ));
            }
        }
    }
    let unchanged = outcomes.len() - changed - invalid_files - skipped;
    let verb = if dry_run {
        "would be reformatted"
    } else {
        "reformatted"
    };
    let mut summary = format!(
        "{changed} {} {verb}, {unchanged} unchanged",
        if changed == 1 { "file" } else { "files" }
    );
    if invalid_files > 0 {
        summary.push_str(&format!(", {invalid_files} not valid YAML"));
    }
    if skipped > 0 {
        summary.push_str(&format!(", {skipped} left as they are"));
    }
    to_stderr(&format!("{summary}\n"));
    let failed = invalid_files > 0 || (dry_run && changed > 0);
    Ok(ExitCode::from(u8::from(failed)))
}

/// Writes to stderr, treating a closed pipe as done (as `print` does).
fn to_stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
}

const BOM: &str = "\u{feff}";

fn format_file(path: &Path) -> Result<Outcome, Fatal> {
    // The loader's bound: a file trackc will not check is not formatted.
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > crate::load::MAX_FILE_BYTES
    {
        return Err(Fatal(format!(
            "{}: file is {} MiB; trackc reads plan files up to {} MiB: split the plan into one file per team or area",
            path.display(),
            meta.len() / (1024 * 1024),
            crate::load::MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Fatal(format!(
            "{}: cannot read: {}",
            path.display(),
            crate::load::io_reason(&e)
        ))
    })?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(invalid(path, bytes));
    };
    // The byte order mark is not YAML; it is kept as it was.
    let (bom, body) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text),
    };
    if body.contains('\0') {
        return Ok(invalid(path, bytes));
    }
    match format_source(body) {
        Ok(formatted) if formatted == body => Ok(Outcome::Unchanged),
        Ok(formatted) => Ok(Outcome::Changed {
            before: body.to_string(),
            after: format!("{bom}{formatted}").into_bytes(),
        }),
        Err(FormatError::Invalid(_)) => Ok(invalid(path, bytes)),
        Err(FormatError::Unsupported(why)) => Ok(Outcome::Skipped(why)),
        Err(FormatError::Bug(why)) => Err(Fatal(format!(
            "{}: {why}; nothing was written. This is a trackc bug: please report it with the file (or the smallest part of it that shows the problem)",
            path.display()
        ))),
    }
}

/// The loader's own diagnostics for a file that does not parse, so fmt
/// reports it exactly as `trackc check` does.
fn invalid(path: &Path, bytes: Vec<u8>) -> Outcome {
    let loaded = crate::load::load_files(vec![(path.to_path_buf(), bytes)]);
    let diags = loaded
        .diagnostics
        .into_iter()
        .filter(|d| d.rule == syntax::RULE.id || d.rule == duplicate_key::RULE.id)
        .collect();
    Outcome::Invalid(diags, loaded.sources)
}

fn unified_diff(path: &Path, before: &str, after: &[u8]) -> String {
    let after = String::from_utf8_lossy(after);
    let after = after.strip_prefix(BOM).unwrap_or(&after);
    let name = path.display().to_string();
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(&name, &name)
        .to_string()
}

/// Replaces the file atomically: a temporary file in the same directory,
/// with the file's permissions, renamed over it. A symbolic link is
/// followed, so the link stays a link.
fn write_in_place(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new()
        .prefix(".trackc-fmt-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.as_file().set_permissions(permissions)?;
    tmp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}
