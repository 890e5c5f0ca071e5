//! Puts generated files on disk without ever harming anything else.
//!
//! The writer works in two steps. [`plan_changes`] reads the disk and decides
//! what to create, update, leave alone and remove, and refuses (naming the
//! file) before anything is written when a destination holds a file trackc
//! did not generate, when a path would leave its output directory, or when
//! two outputs want the same file. [`Changes::apply`] then writes each file
//! atomically (a temporary file in the same directory, renamed over the old
//! one), so an interrupted build leaves every file either old or new.
//! `build --check` stops after the first step.

use super::names::unsafe_path_reason;
use super::target::is_generated;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// One file to put on disk: `rel` (a `/`-separated relative path, checked
/// again here) below `root`.
#[derive(Clone, Debug)]
pub struct FileToWrite {
    pub root: PathBuf,
    pub rel: String,
    pub contents: String,
}

/// Why the writer refused to run. Nothing has been written when this is
/// returned from [`plan_changes`].
#[derive(Debug)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for WriteError {}

/// What a build would do, decided before anything is written. Paths are
/// absolute and sorted.
#[derive(Debug, Default)]
pub struct Changes {
    pub create: Vec<(PathBuf, String)>,
    pub update: Vec<(PathBuf, String)>,
    pub unchanged: Vec<PathBuf>,
    /// Files trackc generated earlier that no output produces any more.
    pub remove: Vec<PathBuf>,
    /// The directories swept for `remove`, to clean up emptied folders.
    sweep_roots: Vec<PathBuf>,
}

/// What [`Changes::apply`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

impl Changes {
    pub fn is_up_to_date(&self) -> bool {
        self.create.is_empty() && self.update.is_empty() && self.remove.is_empty()
    }

    /// Writes and removes. Each write is atomic; a failure stops the build
    /// and names the file.
    pub fn apply(&self) -> Result<Applied, WriteError> {
        for (path, contents) in self.create.iter().chain(&self.update) {
            write_atomic(path, contents.as_bytes()).map_err(|e| write_error(path, &e))?;
        }
        let dirs: BTreeSet<&Path> = self
            .create
            .iter()
            .chain(&self.update)
            .map(|(p, _)| p.as_path())
            .chain(self.unchanged.iter().map(PathBuf::as_path))
            .filter_map(Path::parent)
            .collect();
        for dir in dirs {
            remove_orphaned_temps(dir);
        }
        for path in &self.remove {
            match std::fs::remove_file(path) {
                // A build running at the same time removed it first.
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    return Err(WriteError(format!(
                        "{}: cannot remove: {e}",
                        path.display()
                    )));
                }
                Ok(()) => {}
            }
            self.remove_emptied_dirs(path);
        }
        Ok(Applied {
            written: self.create.len() + self.update.len(),
            unchanged: self.unchanged.len(),
            removed: self.remove.len(),
        })
    }

    /// Removes folders left empty by a removal, up to (not including) the
    /// output directory. A folder with anything else in it stays.
    fn remove_emptied_dirs(&self, removed: &Path) {
        let Some(root) = self.sweep_roots.iter().find(|r| removed.starts_with(r)) else {
            return;
        };
        let mut dir = removed.parent();
        while let Some(d) = dir {
            if d == root.as_path() || !d.starts_with(root) || std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
}

/// Decides what to write and remove. `sweep_roots` are the output
/// directories searched (recursively, hidden folders and symbolic links
/// skipped) for files trackc generated earlier that are no longer produced.
/// Nothing at or below a path in `keep` is removed (the outputs of targets
/// not built this time, when they sit inside a swept directory).
pub fn plan_changes(
    files: Vec<FileToWrite>,
    sweep_roots: &[PathBuf],
    keep: &[PathBuf],
) -> Result<Changes, WriteError> {
    let keep: Vec<PathBuf> = keep.iter().map(|k| normalize(k)).collect();
    let mut wanted: BTreeMap<PathBuf, String> = BTreeMap::new();
    let mut folded: BTreeMap<String, PathBuf> = BTreeMap::new();
    // One symbolic-link check per folder, not per file.
    let mut checked_dirs: BTreeSet<PathBuf> = BTreeSet::new();
    for f in files {
        if let Some(reason) = unsafe_path_reason(&f.rel) {
            return Err(WriteError(format!(
                "refusing to write `{}` below {}: {reason}",
                f.rel.escape_debug(),
                f.root.display()
            )));
        }
        let root = normalize(&f.root);
        let dest = normalize(&root.join(&f.rel));
        if !dest.starts_with(&root) {
            return Err(WriteError(format!(
                "refusing to write {}: outside its output directory {}",
                dest.display(),
                root.display()
            )));
        }
        if let Some(parent) = dest.parent()
            && checked_dirs.insert(parent.to_path_buf())
        {
            check_stays_inside(&root, &dest)?;
        }
        // Two files differing only in case are one file on macOS and Windows.
        let key = dest.to_string_lossy().to_lowercase();
        if let Some(other) = folded.get(&key) {
            return Err(WriteError(format!(
                "two outputs produce the same file: {} and {} (file names that differ only in case are one file on macOS and Windows); give the outputs different `out` paths",
                other.display(),
                dest.display()
            )));
        }
        folded.insert(key, dest.clone());
        wanted.insert(dest, f.contents);
    }

    let wanted_paths: BTreeSet<PathBuf> = wanted.keys().cloned().collect();
    let mut changes = Changes::default();
    for (dest, contents) in wanted {
        match std::fs::symlink_metadata(&dest) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                changes.create.push((dest, contents))
            }
            Err(e) => {
                return Err(WriteError(format!("{}: cannot read: {e}", dest.display())));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(WriteError(format!(
                    "{} exists and is not a regular file (a folder or a symbolic link); trackc will not replace it",
                    dest.display()
                )));
            }
            Ok(_) => {
                let existing = std::fs::read(&dest)
                    .map_err(|e| WriteError(format!("{}: cannot read: {e}", dest.display())))?;
                if !is_generated(&existing) {
                    return Err(not_ours(&dest, "overwrite"));
                }
                if existing == contents.as_bytes() {
                    changes.unchanged.push(dest);
                } else {
                    changes.update.push((dest, contents));
                }
            }
        }
    }

    let mut remove = BTreeSet::new();
    let mut roots: Vec<PathBuf> = sweep_roots.iter().map(|r| normalize(r)).collect();
    roots.sort();
    roots.dedup();
    for root in &roots {
        if !root.is_dir() {
            continue;
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(false)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
        for entry in walker {
            let entry = entry.map_err(|e| WriteError(format!("{}: {e}", root.display())))?;
            if !entry.file_type().is_file() {
                continue;
            }
            let path = normalize(entry.path());
            if wanted_paths.contains(&path)
                || folded.contains_key(&path.to_string_lossy().to_lowercase())
                || keep.iter().any(|k| path.starts_with(k))
            {
                continue;
            }
            if starts_generated(&path)? {
                remove.insert(path);
            }
        }
    }
    changes.remove = remove.into_iter().collect();
    changes.sweep_roots = roots;
    Ok(changes)
}

fn not_ours(path: &Path, verb: &str) -> WriteError {
    WriteError(format!(
        "{} was not generated by trackc (it has no trackc header); refusing to {verb} it. Move it away or choose another `out` directory",
        path.display()
    ))
}

/// Reads the first KiB: enough for the header, cheap for large files.
fn starts_generated(path: &Path) -> Result<bool, WriteError> {
    let mut head = Vec::with_capacity(1024);
    std::fs::File::open(path)
        .and_then(|f| f.take(1024).read_to_end(&mut head))
        .map_err(|e| WriteError(format!("{}: cannot read: {e}", path.display())))?;
    Ok(is_generated(&head))
}

/// Refuses a destination whose existing folders lead, through a symbolic
/// link, outside the output directory.
fn check_stays_inside(root: &Path, dest: &Path) -> Result<(), WriteError> {
    let Ok(real_root) = root.canonicalize() else {
        return Ok(()); // nothing exists yet, so nothing below it can be a link
    };
    let mut dir = dest.parent();
    while let Some(d) = dir {
        if let Ok(real) = d.canonicalize() {
            if !real.starts_with(&real_root) {
                return Err(WriteError(format!(
                    "refusing to write {}: {} leads outside the output directory {} (symbolic link?)",
                    dest.display(),
                    d.display(),
                    root.display()
                )));
            }
            return Ok(());
        }
        if d == root {
            break;
        }
        dir = d.parent();
    }
    Ok(())
}

/// Resolves `.` and `..` without touching the disk.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

fn write_atomic(dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    // Another build running at once can take a temporary file in the
    // instant between its creation and its lock (see
    // `remove_orphaned_temps`), or remove a folder it emptied just before
    // this write; the write then finds nothing, and writing again (folder
    // included) is the whole remedy.
    let mut attempts = 0;
    loop {
        attempts += 1;
        match write_temp_then_rename(dir, dest, bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && attempts < 3 => continue,
            result => return result,
        }
    }
}

const TEMP_PREFIX: &str = ".trackc-";
const TEMP_SUFFIX: &str = ".tmp";

fn write_temp_then_rename(dir: &Path, dest: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    // Held until the rename: it marks the file as in use by a live build.
    tmp.as_file().lock()?;
    tmp.write_all(bytes)?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// Removes the temporary files a killed build left in `dir`. A build holds
/// an exclusive lock on each temporary file until it renames it, and the
/// system releases the lock when the process dies, so a temporary file that
/// can be locked belongs to no running build. Best effort: a leftover that
/// cannot be removed harms nothing (it is hidden and never read).
fn remove_orphaned_temps(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// A write failure, naming the directory when it is the directory that
/// refuses (read-only, no permission), since that is what the user must fix.
fn write_error(path: &Path, e: &std::io::Error) -> WriteError {
    use std::io::ErrorKind;
    // The deepest folder that exists is the one that refused.
    let dir = path
        .ancestors()
        .skip(1)
        .find(|d| d.is_dir())
        .unwrap_or(Path::new("."));
    match e.kind() {
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => WriteError(format!(
            "cannot write in {}: {e}; trackc needs write access to its output directory (writing {})",
            dir.display(),
            path.display()
        )),
        _ => WriteError(format!("{}: cannot write: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(root: &Path, rel: &str, contents: &str) -> FileToWrite {
        FileToWrite {
            root: root.to_path_buf(),
            rel: rel.into(),
            contents: contents.into(),
        }
    }

    const GENERATED: &str = "<!-- Generated by trackc from tracking plan `p` (plan hash 0). -->\n";

    #[test]
    fn only_temporary_files_nobody_holds_are_cleaned_up() {
        let dir = tempfile::tempdir().unwrap();
        let held = dir.path().join(".trackc-held.tmp");
        let orphan = dir.path().join(".trackc-orphan.tmp");
        let other = dir.path().join(".other.tmp");
        for p in [&held, &orphan, &other] {
            std::fs::write(p, "x").unwrap();
        }
        // A lock through another open file description, as another build has.
        let lock = std::fs::File::open(&held).unwrap();
        lock.lock().unwrap();
        remove_orphaned_temps(dir.path());
        assert!(held.exists() && other.exists() && !orphan.exists());
        drop(lock);
        remove_orphaned_temps(dir.path());
        assert!(!held.exists() && other.exists());
    }

    #[test]
    fn unsafe_target_paths_are_refused_and_named() {
        let dir = tempfile::tempdir().unwrap();
        for rel in [
            "../x.md",
            "a/../../x.md",
            "/etc/x",
            "events/CON.md",
            "a\\b.md",
            "",
        ] {
            let err = plan_changes(vec![file(dir.path(), rel, GENERATED)], &[], &[])
                .expect_err(rel)
                .0;
            assert!(err.contains("refusing to write"), "{rel}: {err}");
        }
        assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());
    }

    #[test]
    fn paths_differing_only_in_case_are_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![
            file(dir.path(), "events/Signup.md", GENERATED),
            file(dir.path(), "events/signup.md", GENERATED),
        ];
        let err = plan_changes(files, &[], &[]).unwrap_err().0;
        assert!(err.contains("differ only in case"), "{err}");
    }

    #[test]
    fn a_folder_in_the_way_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("README.md")).unwrap();
        let err = plan_changes(vec![file(dir.path(), "README.md", GENERATED)], &[], &[])
            .unwrap_err()
            .0;
        assert!(err.contains("not a regular file"), "{err}");
    }

    #[test]
    fn only_generated_files_inside_swept_roots_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let other = dir.path().join("other");
        for d in [&out, &other, &out.join("kept"), &out.join("old")] {
            std::fs::create_dir_all(d).unwrap();
        }
        std::fs::write(out.join("old/gone.md"), GENERATED).unwrap();
        std::fs::write(out.join("mine.md"), "hand-written\n").unwrap();
        std::fs::write(out.join("kept/other-target.md"), GENERATED).unwrap();
        std::fs::write(other.join("outside.md"), GENERATED).unwrap();
        let changes = plan_changes(
            vec![file(&out, "new.md", GENERATED)],
            std::slice::from_ref(&out),
            &[out.join("kept")],
        )
        .unwrap();
        assert_eq!(changes.remove, vec![normalize(&out.join("old/gone.md"))]);
        assert_eq!(changes.create.len(), 1);
        let applied = changes.apply().unwrap();
        assert_eq!(
            applied,
            Applied {
                written: 1,
                unchanged: 0,
                removed: 1
            }
        );
        assert!(!out.join("old").exists(), "emptied folder left behind");
        assert!(out.join("mine.md").exists());
        assert!(out.join("kept/other-target.md").exists());
        assert!(other.join("outside.md").exists());
        assert_eq!(
            std::fs::read_to_string(out.join("new.md")).unwrap(),
            GENERATED
        );
        // A second plan with the same files changes nothing.
        let again = plan_changes(
            vec![file(&out, "new.md", GENERATED)],
            std::slice::from_ref(&out),
            &[],
        )
        .unwrap();
        assert!(again.create.is_empty() && again.update.is_empty());
        assert_eq!(again.unchanged.len(), 1);
    }

    #[test]
    fn normalize_resolves_dots_lexically() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("a/../../b")), PathBuf::from("../b"));
    }
}
