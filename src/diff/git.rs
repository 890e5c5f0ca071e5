//! Reading a plan as it was at a git ref, without checking anything out.
//!
//! Runs the `git` binary (the user's git, with their config, worktrees and
//! partial clones, rather than a library that may disagree with it):
//! `rev-parse` to resolve the ref, `ls-tree` to list the plan's files at that
//! commit and one `cat-file --batch` to read them all.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};

/// Files read from git, with the paths they would have in the working tree
/// (relative to the working directory, as the new side shows them).
pub struct Snapshot {
    pub commit: String,
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

pub struct Repo {
    cwd: PathBuf,
    /// The working directory relative to the repository's top level
    /// (`git rev-parse --show-prefix`), empty at the top.
    prefix: PathBuf,
    toplevel: PathBuf,
}

fn git(cwd: &Path, args: &[&str]) -> Result<std::process::Output, String> {
    Command::new("git")
        .arg("--literal-pathspecs")
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not run git: {e}"))
}

fn stdout_line(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim_end().to_string()
}

impl Repo {
    /// The repository holding `cwd`; an error says why there is none.
    pub fn open(cwd: &Path) -> Result<Repo, String> {
        let out = git(cwd, &["rev-parse", "--show-toplevel", "--show-prefix"])?;
        if !out.status.success() {
            return Err(format!(
                "not inside a git repository ({})",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        let mut lines = text.lines();
        let toplevel = PathBuf::from(lines.next().unwrap_or_default());
        let prefix = PathBuf::from(lines.next().unwrap_or_default());
        Ok(Repo {
            cwd: cwd.to_path_buf(),
            prefix,
            toplevel,
        })
    }

    /// The commit `rev` names, or `None` when there is no such ref.
    pub fn resolve(&self, rev: &str) -> Result<Option<String>, String> {
        if rev.starts_with('-') {
            return Ok(None);
        }
        let out = git(
            &self.cwd,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{rev}^{{commit}}"),
            ],
        )?;
        Ok(out.status.success().then(|| stdout_line(&out)))
    }

    pub fn is_shallow(&self) -> bool {
        git(&self.cwd, &["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|o| stdout_line(&o) == "true")
    }

    /// Why `rev` could not be found, with the fix.
    pub fn missing_ref_message(&self, rev: &str) -> String {
        if self.is_shallow() {
            format!(
                "git ref `{rev}` is not in this clone, which is shallow: only the latest commits were fetched, so the base branch and older commits are missing. \
                 Fetch the full history: in GitHub Actions set `fetch-depth: 0` on actions/checkout; in GitLab CI set `GIT_DEPTH: 0`; \
                 by hand run `git fetch --unshallow` (for a branch, also `git fetch origin <branch>`)"
            )
        } else {
            format!(
                "git ref `{rev}` does not exist: no branch, tag or commit by that name. \
                 For a remote branch, fetch it first (`git fetch origin <branch>`) and pass `origin/<branch>`"
            )
        }
    }

    /// `path` (relative to the working directory, or absolute) as a path from
    /// the repository's top level, with `.` and `..` folded away.
    pub fn repo_path(&self, path: &Path) -> Result<PathBuf, String> {
        let joined = if path.is_absolute() {
            let top = self
                .toplevel
                .canonicalize()
                .unwrap_or(self.toplevel.clone());
            let abs = normalize(path).ok_or_else(|| outside(path))?;
            abs.strip_prefix(&top)
                .map(Path::to_path_buf)
                .map_err(|_| outside(path))?
        } else {
            self.prefix.join(path)
        };
        normalize(&joined).ok_or_else(|| outside(path))
    }

    /// Reads every plan file under `plan` (a file or directory, as given on
    /// the command line) at `commit`. `Ok` with no files when the plan is not
    /// there.
    pub fn read_plan(&self, commit: &str, plan: &Path) -> Result<Snapshot, String> {
        let root = self.repo_path(plan)?;
        let root_str = slash(&root);
        let listed = git(
            &self.cwd,
            &[
                "ls-tree",
                "-r",
                "-z",
                "--full-tree",
                "--name-only",
                commit,
                "--",
                if root_str.is_empty() { "." } else { &root_str },
            ],
        )?;
        if !listed.status.success() {
            return Err(format!(
                "git ls-tree failed: {}",
                String::from_utf8_lossy(&listed.stderr).trim()
            ));
        }
        let mut names: Vec<(String, PathBuf)> = Vec::new();
        for raw in listed.stdout.split(|&b| b == 0).filter(|s| !s.is_empty()) {
            let name = String::from_utf8_lossy(raw).to_string();
            let rest = if name == root_str {
                ""
            } else if root_str.is_empty() {
                name.as_str()
            } else if let Some(r) = name.strip_prefix(&format!("{root_str}/")) {
                r
            } else {
                continue;
            };
            let hidden = rest.split('/').any(|c| c.starts_with('.'));
            let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            if hidden || !yaml {
                continue;
            }
            let shown = if rest.is_empty() {
                plan.to_path_buf()
            } else {
                plan.join(rest)
            };
            names.push((name, shown));
        }
        names.sort();
        let blobs = self.read_blobs(commit, names.iter().map(|(n, _)| n.as_str()))?;
        Ok(Snapshot {
            commit: commit.to_string(),
            files: names.into_iter().map(|(_, p)| p).zip(blobs).collect(),
        })
    }

    /// One file at `commit`, `None` when it is not there.
    pub fn read_file(&self, commit: &str, path: &Path) -> Result<Option<Vec<u8>>, String> {
        let Ok(rel) = self.repo_path(path) else {
            return Ok(None);
        };
        let name = slash(&rel);
        let out = git(&self.cwd, &["cat-file", "-e", &format!("{commit}:{name}")])?;
        if !out.status.success() {
            return Ok(None);
        }
        Ok(self.read_blobs(commit, [name.as_str()])?.pop())
    }

    fn read_blobs<'a>(
        &self,
        commit: &str,
        names: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<Vec<u8>>, String> {
        let mut request = String::new();
        let mut count = 0;
        for n in names {
            request.push_str(&format!("{commit}:{n}\n"));
            count += 1;
        }
        if count == 0 {
            return Ok(Vec::new());
        }
        let mut child = Command::new("git")
            .args(["cat-file", "--batch"])
            .current_dir(&self.cwd)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("could not run git: {e}"))?;
        // Written from a thread: git answers while we write, and a plan
        // larger than the pipe buffer would otherwise deadlock.
        let stdin = child.stdin.take();
        let writer = std::thread::spawn(move || {
            if let Some(mut s) = stdin {
                let _ = s.write_all(request.as_bytes());
            }
        });
        let out = child
            .wait_with_output()
            .map_err(|e| format!("git cat-file failed: {e}"))?;
        let _ = writer.join();
        if !out.status.success() {
            return Err(format!(
                "git cat-file failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        parse_batch(&out.stdout, count)
    }
}

/// Parses `git cat-file --batch` output: `<oid> <type> <size>\n<bytes>\n`.
fn parse_batch(mut data: &[u8], count: usize) -> Result<Vec<Vec<u8>>, String> {
    let mut blobs = Vec::with_capacity(count);
    for _ in 0..count {
        let nl = data
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("git cat-file: truncated output")?;
        let header = String::from_utf8_lossy(&data[..nl]).to_string();
        let fields: Vec<&str> = header.split(' ').collect();
        let size: usize = match fields.as_slice() {
            [_, "blob", size] => size
                .parse()
                .map_err(|_| format!("git cat-file: bad header `{header}`"))?,
            _ => return Err(format!("git cat-file: cannot read `{header}`")),
        };
        let body = data
            .get(nl + 1..nl + 1 + size)
            .ok_or("git cat-file: truncated output")?;
        blobs.push(body.to_vec());
        data = data.get(nl + 2 + size..).unwrap_or_default();
    }
    Ok(blobs)
}

fn outside(path: &Path) -> String {
    format!("{} is outside the git repository", path.display())
}

fn slash(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Folds `.` and `..` without touching the file system; `None` when `..`
/// climbs above the start.
fn normalize(p: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batch_output_is_split_by_declared_size() {
        let data = b"abc blob 5\nhe\nlo\ndef blob 0\n\n";
        let blobs = parse_batch(data, 2).unwrap();
        assert_eq!(blobs, vec![b"he\nlo".to_vec(), Vec::new()]);
        assert!(parse_batch(b"abc missing\n", 1).is_err());
        assert!(parse_batch(b"abc blob 99\nshort\n", 1).is_err());
    }

    #[test]
    fn normalize_folds_dots_and_refuses_to_climb_out() {
        assert_eq!(
            normalize(Path::new("a/./b/../c")),
            Some(PathBuf::from("a/c"))
        );
        assert_eq!(normalize(Path::new("../x")), None);
    }
}
