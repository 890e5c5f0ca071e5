//! Loading: plan path -> source files -> YAML trees -> [`Plan`] model.
//!
//! `discover` finds the files, `read` turns bytes into checked UTF-8 text,
//! `yaml::parse` builds a spanned tree, `convert` walks each tree into
//! declarations (reporting every `schema/*` problem), and `resolve` merges
//! the files and applies shared property definitions.

pub(crate) mod convert;
mod resolve;

use crate::diagnostic::Diagnostic;
use crate::lint::rules::schema::syntax;
use crate::model::Plan;
use crate::source::{SourceMap, Span};
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest plan file trackc reads. A 10,000-event plan is about 5 MiB.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// The plan could not be loaded at all (exit code 2): the path is missing or
/// unreadable, or holds no YAML. Problems *inside* files are diagnostics.
#[derive(Debug)]
pub struct LoadError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for LoadError {}

pub struct Loaded {
    pub sources: SourceMap,
    pub plan: Plan,
    /// Every `schema/*` diagnostic, unsorted and unfiltered.
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads a plan file or directory.
pub fn load(path: &Path) -> Result<Loaded, LoadError> {
    let files = discover(path)?;
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    for file in files {
        let bytes = read_bytes(&file)?;
        add_source(&mut sources, &mut diagnostics, file, bytes);
    }
    Ok(load_sources(sources, diagnostics))
}

/// Loads a plan from in-memory files (path, contents), as read from git by
/// `diff` or written by tests.
pub fn load_files(files: Vec<(PathBuf, Vec<u8>)>) -> Loaded {
    let mut sources = SourceMap::default();
    let mut diagnostics = Vec::new();
    for (path, bytes) in files {
        add_source(&mut sources, &mut diagnostics, path, bytes);
    }
    load_sources(sources, diagnostics)
}

fn load_sources(sources: SourceMap, mut diagnostics: Vec<Diagnostic>) -> Loaded {
    let mut files = Vec::new();
    for (id, file) in sources.files() {
        if diagnostics
            .iter()
            .any(|d| d.rule == syntax::RULE.id && d.primary_span().is_some_and(|s| s.file == id))
        {
            continue; // unreadable text: already reported
        }
        let parsed = crate::yaml::parse(id, file);
        files.push(convert::convert_file(id, parsed, &mut diagnostics));
    }
    // A file that did not parse may well hold the `plan:` block: saying it is
    // missing would only add noise to the syntax error.
    let unparsed = diagnostics.iter().any(|d| d.rule == syntax::RULE.id);
    let plan = resolve::resolve(files, &sources, !unparsed, &mut diagnostics);
    Loaded {
        sources,
        plan,
        diagnostics,
    }
}

/// The YAML files of a plan path, in sorted order.
pub fn discover(path: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let err = |message: String| LoadError {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
    if meta.is_file() {
        return Ok(vec![path.to_path_buf()]);
    }
    if !meta.is_dir() {
        return Err(err("not a file or a directory".into()));
    }
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(path)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let at = e.path().unwrap_or(path).to_path_buf();
            let reason = if let Some(ancestor) = e.loop_ancestor() {
                format!("symbolic link loop back to {}", ancestor.display())
            } else if let Some(io) = e.io_error() {
                broken_link_reason(&at, io)
            } else {
                e.to_string()
            };
            LoadError {
                path: at,
                message: reason,
            }
        })?;
        let is_yaml = entry
            .path()
            .extension()
            .is_some_and(|x| x == "yaml" || x == "yml");
        if entry.file_type().is_file() && is_yaml {
            files.push(entry.into_path());
        }
    }
    if files.is_empty() {
        return Err(err("no *.yaml or *.yml files in this directory".into()));
    }
    Ok(files)
}

/// A symbolic link whose target is missing says so, rather than claiming
/// the link itself does not exist (`ls` shows it).
fn broken_link_reason(path: &Path, e: &std::io::Error) -> String {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if is_link && e.kind() == std::io::ErrorKind::NotFound {
        "broken symbolic link (its target does not exist)".into()
    } else {
        io_reason(e)
    }
}

pub(crate) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, LoadError> {
    let err = |message: String| LoadError {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| err(io_reason(&e)))?;
    if meta.is_dir() {
        return Err(err("is a directory, expected a YAML file".into()));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(err(format!(
            "file is {} MiB; trackc reads plan files up to {} MiB: split the plan into one file per team or area",
            meta.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    std::fs::read(path).map_err(|e| err(io_reason(&e)))
}

/// ASCII text saved as UTF-16 without a byte order mark: every other byte
/// of its start is NUL.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64)];
    if head.len() < 4 {
        return false;
    }
    let nul_at = |parity: usize| {
        head.iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == parity)
            .all(|(_, &b)| b == 0)
    };
    nul_at(0) || nul_at(1)
}

/// Decodes a file's bytes and adds it; undecodable text becomes a
/// `schema/syntax` diagnostic pointing at the first bad byte.
fn add_source(sources: &mut SourceMap, diags: &mut Vec<Diagnostic>, path: PathBuf, bytes: Vec<u8>) {
    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let bytes = match bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if utf16 {
        let id = sources.add(path, String::new());
        diags.push(
            syntax::RULE
                .diag("file is UTF-16 encoded; plan files must be UTF-8")
                .label(Span::new(id, 0, 0), "UTF-16 byte order mark")
                .help("re-save the file as UTF-8 (for example `iconv -f UTF-16 -t UTF-8`)"),
        );
        return;
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            let nul = text.find('\0');
            let id = sources.add(path, text);
            if let Some(at) = nul {
                let text = &sources.get(id).text;
                let diag = if looks_like_utf16(text.as_bytes()) {
                    syntax::RULE
                        .diag("file looks UTF-16 encoded (without a byte order mark); plan files must be UTF-8")
                        .label(Span::new(id, at, at + 1), "NUL byte here")
                        .help("re-save the file as UTF-8 (for example `iconv -f UTF-16LE -t UTF-8`)")
                } else {
                    syntax::RULE
                        .diag("file contains a NUL byte; plan files are text")
                        .label(Span::new(id, at, at + 1), "NUL byte here")
                };
                diags.push(diag);
            }
        }
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            // In the lossy text the bad byte became U+FFFD at the same offset.
            let id = sources.add(path, text);
            diags.push(
                syntax::RULE
                    .diag("file is not valid UTF-8")
                    .label(Span::new(id, valid, valid + 1), "invalid UTF-8 byte here")
                    .help("re-save the file as UTF-8"),
            );
        }
    }
}
