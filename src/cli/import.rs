use super::{CmdResult, Fatal, print};
use crate::import::{self, Imported};
use std::path::PathBuf;
use std::process::ExitCode;

/// Convert another tool's plan to a trackc plan, written on stdout.
///
/// Names, descriptions, required, nullable, enums, const, patterns,
/// formats, bounds, arrays and nested objects are kept. What a plan cannot
/// express becomes `type: any` (or is left out) with a warning on stderr
/// naming the place, and a comment in the output. Events get TODO comments
/// for owner, side and description, which `trackc check` reports until
/// they are filled in.
#[derive(clap::Subcommand, Debug)]
pub enum Format {
    /// A Segment Protocols tracking plan export (Public API rules or Config API)
    Segment {
        /// The exported JSON files (`-` for stdin), imported as one plan
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// JSON Schema files or directories (Snowplow self-describing schemas too)
    Jsonschema {
        /// Files, or directories searched for *.json and Iglu-style files
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

pub fn run(format: Format) -> CmdResult {
    let imported = match format {
        Format::Segment { files } => {
            let mut exports = Vec::new();
            for file in files {
                exports.push(if file == "-" {
                    let text = std::io::read_to_string(std::io::stdin())
                        .map_err(|e| Fatal(format!("<stdin>: {e}")))?;
                    // As `validate` names it, in messages and the header.
                    (text, "<stdin>".to_string())
                } else {
                    let text = std::fs::read_to_string(&file)
                        .map_err(|e| Fatal(format!("{file}: {}", crate::load::io_reason(&e))))?;
                    (text, file)
                });
            }
            let exports: Vec<(&str, &str)> = exports
                .iter()
                .map(|(t, f)| (t.as_str(), f.as_str()))
                .collect();
            import::segment::import_all(&exports).map_err(Fatal)?
        }
        Format::Jsonschema { paths } => import::schema::import(&paths).map_err(Fatal)?,
    };
    emit(imported)
}

fn emit(imported: Imported) -> CmdResult {
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    print(&imported.draft.to_yaml());
    Ok(ExitCode::SUCCESS)
}
