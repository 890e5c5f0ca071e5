//! Files are never lost: a build killed at any point leaves every output
//! either its old or its new version, builds running at once do not
//! corrupt each other, a later build repairs everything, and an output
//! directory that cannot be written is a clear error.
//!
//! Two synthetic plans, `old` and `new`, differ in every file (the header
//! carries the plan hash) and in their sets of files (different events), so
//! a kill during the writes leaves a visible mix and removals are exercised.

mod common;

use common::trackc;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Instant;
use trackc::synth::{self, Rng};

const EVENTS: usize = 50;

type Tree = BTreeMap<String, Vec<u8>>;

/// Every file below `root`, hidden ones included, by `/`-separated path.
fn tree(root: &Path) -> Tree {
    let mut out = Tree::new();
    if !root.exists() {
        return out;
    }
    for e in walkdir::WalkDir::new(root) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(root).unwrap().to_string_lossy();
            out.insert(rel.replace('\\', "/"), std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn is_temp(rel: &str) -> bool {
    rel.rsplit('/')
        .next()
        .is_some_and(|n| n.starts_with(".trackc-") && n.ends_with(".tmp"))
}

fn build(plan: &Path, out: &Path) -> Command {
    let mut c = trackc();
    c.arg("build").arg("--plan").arg(plan).arg("--out").arg(out);
    c
}

fn ok(mut c: Command) -> Output {
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{:?}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

struct Fixture {
    dir: tempfile::TempDir,
    /// Plan directory -> the outputs a clean build of it writes.
    versions: Vec<(PathBuf, Tree)>,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let mut versions = Vec::new();
    for (name, seed) in [("old", 1), ("new", 2)] {
        let plan = dir.path().join(name);
        std::fs::create_dir_all(&plan).unwrap();
        std::fs::write(plan.join("plan.yaml"), synth::plan(EVENTS, seed)).unwrap();
        let out = dir.path().join(format!("expected-{name}"));
        ok(build(&plan, &out));
        let t = tree(&out);
        assert!(t.len() > 60, "a sizeable build: {} files", t.len());
        versions.push((plan, t));
    }
    let (old, new) = (&versions[0].1, &versions[1].1);
    assert!(
        old.keys().any(|k| !new.contains_key(k)),
        "new removes files"
    );
    assert!(new.keys().any(|k| !old.contains_key(k)), "new adds files");
    assert!(
        old.iter().all(|(k, v)| new.get(k) != Some(v)),
        "every file differs between the versions"
    );
    Fixture { dir, versions }
}

/// Which version each output file is; panics on a file that is neither
/// (truncated, half written, or foreign). Temporary files are counted apart.
fn classify(out: &Path, versions: &[(PathBuf, Tree)]) -> (BTreeMap<String, usize>, usize) {
    let mut seen = BTreeMap::new();
    let mut temps = 0;
    for (rel, bytes) in tree(out) {
        if is_temp(&rel) {
            temps += 1;
            continue;
        }
        let which = versions
            .iter()
            .position(|(_, t)| t.get(&rel) == Some(&bytes))
            .unwrap_or_else(|| {
                panic!(
                    "{rel} ({} bytes) is not a complete version of any build",
                    bytes.len()
                )
            });
        seen.insert(rel, which);
    }
    (seen, temps)
}

fn assert_exactly(out: &Path, expected: &Tree) {
    let got = tree(out);
    let temps: Vec<&String> = got.keys().filter(|k| is_temp(k)).collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
    let missing: Vec<&String> = expected.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing {missing:?}, extra {extra:?}"
    );
    for (k, v) in expected {
        assert!(got[k] == *v, "{k} differs from a clean build");
    }
}

#[test]
fn a_build_killed_at_random_points_leaves_old_or_new_files_and_the_next_build_repairs() {
    let f = fixture();
    let out = f.dir.path().join("out");
    ok(build(&f.versions[0].0, &out));

    // Kills spread over a whole build, as long as the writes take here.
    let start = Instant::now();
    ok(build(&f.versions[1].0, &out));
    let full = start.elapsed();
    eprintln!("one build: {full:?}");
    ok(build(&f.versions[0].0, &out));

    // The kill window follows the writes as load on the machine changes
    // how long a build takes: a kill before any write widens it, a build
    // that finished first narrows it.
    let mut rng = Rng::new(0x7ac4);
    let mut scale = 1.0f64;
    let (mut runs, mut killed, mut mixed, mut with_temps) = (0, 0, 0, 0);
    while runs < 24 || (mixed < 5 && runs < 120) {
        runs += 1;
        let (before, _) = classify(&out, &f.versions);
        let olds = before.values().filter(|&&v| v == 0).count();
        let to = usize::from(olds * 2 >= before.len());
        let mut child = build(&f.versions[to].0, &out)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let fraction = rng.below(1000) as f64 / 1000.0;
        std::thread::sleep(full.mul_f64(scale * fraction));
        child.kill().unwrap(); // SIGKILL
        if !child.wait().unwrap().success() {
            killed += 1;
        }
        let (after, temps) = classify(&out, &f.versions);
        if temps > 0 {
            with_temps += 1;
        }
        let complete = after.len() == f.versions[to].1.len() && after.values().all(|&v| v == to);
        if complete {
            scale *= 0.85;
        } else if after == before {
            scale *= 1.15;
        } else {
            mixed += 1;
        }
    }
    // Not vacuous: kills landed before the end, and some in the middle of
    // the writes (files of both versions at once).
    eprintln!("{runs} runs: {killed} killed, {mixed} mid-write, {with_temps} left temporary files");
    assert!(killed >= 10, "only {killed} of {runs} builds were killed");
    assert!(mixed >= 5, "only {mixed} kills landed during the writes");

    for (plan, expected) in f.versions.iter().rev() {
        ok(build(plan, &out));
        assert_exactly(&out, expected);
    }
}

#[test]
fn builds_running_at_once_leave_complete_files_and_the_next_build_repairs() {
    let f = fixture();
    let out = f.dir.path().join("out");
    ok(build(&f.versions[0].0, &out));
    for round in 0..4 {
        // The same plan twice, and the two plans against each other.
        let plans: Vec<&Path> = match round % 2 {
            0 => vec![&f.versions[1].0, &f.versions[1].0],
            _ => vec![&f.versions[0].0, &f.versions[1].0],
        };
        let children: Vec<_> = plans
            .iter()
            .map(|p| {
                build(p, &out)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|c| c.wait_with_output().unwrap())
            .collect();
        if round % 2 == 0 {
            // Two builds of one plan agree on every file: both succeed and
            // the result is exactly that plan's.
            for o in &outputs {
                assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            }
            assert_exactly(&out, &f.versions[1].1);
        } else {
            // Two plans race: each file is one complete version.
            classify(&out, &f.versions);
        }
    }
    ok(build(&f.versions[0].0, &out));
    assert_exactly(&out, &f.versions[0].1);
}

fn setpriv() -> Option<PathBuf> {
    ["/usr/bin/setpriv", "/bin/setpriv"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

#[test]
fn a_read_only_output_directory_is_exit_2_naming_the_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(&plan, synth::plan(3, 1)).unwrap();
    let out = dir.path().join("locked");
    std::fs::create_dir(&out).unwrap();
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o555)).unwrap();

    // Root ignores directory modes; without CAP_DAC_OVERRIDE it does not.
    let probe = out.join("probe");
    let root_like = std::fs::write(&probe, "x").is_ok();
    let _ = std::fs::remove_file(&probe);
    let mut cmd = match (root_like, setpriv()) {
        (true, Some(setpriv)) => {
            let mut c = Command::new(setpriv);
            c.arg("--bounding-set=-dac_override,-dac_read_search")
                .arg(env!("CARGO_BIN_EXE_trackc"));
            c
        }
        (true, None) => panic!("running as root without setpriv: install util-linux"),
        (false, _) => trackc(),
    };
    let o = cmd
        .arg("build")
        .arg("--plan")
        .arg(&plan)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("cannot write in {}:", out.display())),
        "{stderr}"
    );
    assert!(tree(&out).is_empty(), "nothing was written");
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o755)).unwrap();
}
