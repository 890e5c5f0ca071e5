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
        /// The exported JSON file (`-` for stdin)
        file: String,
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
        Format::Segment { file } => {
            let text = if file == "-" {
                std::io::read_to_string(std::io::stdin())
                    .map_err(|e| Fatal(format!("<stdin>: {e}")))?
            } else {
                std::fs::read_to_string(&file)
                    .map_err(|e| Fatal(format!("{file}: {}", crate::load::io_reason(&e))))?
            };
            import::segment::import(&text, &file).map_err(Fatal)?
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
