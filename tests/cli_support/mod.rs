//! Running the built `trackc` binary in temporary directories.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Stdio};

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// `None` when killed by a signal (a crash, or a memory limit hit).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts the exit code, showing both streams when it is wrong.
    #[track_caller]
    pub fn expect(self, code: i32) -> Run {
        assert_eq!(
            self.code,
            Some(code),
            "expected exit {code}\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// The binary, with an environment that does not depend on the caller's
/// terminal or colour settings.
pub fn command(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trackc"));
    cmd.current_dir(dir)
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env("COLUMNS", "100")
        .stdin(Stdio::null());
    cmd
}

pub fn output(mut cmd: Command) -> Run {
    let out = cmd.output().expect("run trackc");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Runs `trackc ARGS` in `dir`.
pub fn run(dir: &Path, args: &[&str]) -> Run {
    let mut cmd = command(dir);
    cmd.args(args);
    output(cmd)
}

/// Writes a file, creating its parent directories.
pub fn write(dir: &Path, rel: &str, contents: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, contents).unwrap();
}

pub fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// A small plan with no problems at all.
pub const CLEAN_PLAN: &str = "\
plan:
  id: demo
  name: Demo
owners:
  growth:
    name: Growth Team
sources:
  web:
    side: client
    description: The browser app.
events:
  Pricing Page Viewed:
    description: The pricing page was shown.
    owner: growth
    side: client
    sources: [web]
";

/// [`CLEAN_PLAN`] plus one event whose enum holds YAML 1.1 booleans:
/// warnings (`schema/ambiguous-scalar`), no errors.
pub const WARNING_PLAN: &str = "\
plan:
  id: demo
  name: Demo
owners:
  growth:
    name: Growth Team
sources:
  web:
    side: client
    description: The browser app.
events:
  Pricing Page Viewed:
    description: The pricing page was shown.
    owner: growth
    side: client
    sources: [web]
    properties:
      annual:
        type: string
        description: Whether the annual toggle was on.
        enum: [yes, no]
";

/// [`CLEAN_PLAN`] with a misspelt key: one error.
pub const ERROR_PLAN: &str = "\
plan:
  id: demo
  name: Demo
owners:
  growth:
    name: Growth Team
sources:
  web:
    side: client
    description: The browser app.
events:
  Pricing Page Viewed:
    description: The pricing page was shown.
    ownr: growth
    owner: growth
    side: client
    sources: [web]
";

/// True when this process can read a file whose mode is 000 (root, or
/// CAP_DAC_OVERRIDE): then `chmod 000` proves nothing on its own.
pub fn can_read_mode_000(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = dir.join(".probe");
    std::fs::write(&probe, "x").unwrap();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o000)).unwrap();
    let readable = std::fs::read(&probe).is_ok();
    std::fs::set_permissions(&probe, std::fs::Permissions::from_mode(0o600)).unwrap();
    std::fs::remove_file(&probe).unwrap();
    readable
}

/// `setpriv` from util-linux, when installed: it runs a command without the
/// capabilities that let root read any file.
pub fn setpriv() -> Option<&'static str> {
    ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}

/// `prlimit` from util-linux, when installed: it caps a command's memory.
pub fn prlimit() -> Option<&'static str> {
    ["/usr/bin/prlimit", "/bin/prlimit"]
        .into_iter()
        .find(|p| Path::new(p).exists())
}
