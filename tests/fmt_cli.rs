//! `trackc fmt` on disk: which files it writes and how, what it prints,
//! and its exit codes.

mod common;

use common::trackc;
use std::path::Path;
use std::process::Output;

const MESSY: &str = "plan:\n    name: Acme\n    id: acme\n";
const CANONICAL: &str = "plan:\n  id: acme\n  name: Acme\n";
const EVENTS: &str = "events:\n  A:\n    description: a\n";

fn run(dir: &Path, args: &[&str]) -> Output {
    trackc()
        .args(["fmt", "--color", "never"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A project: trackc.yaml pointing at plans/, with the given files.
fn project(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("trackc.yaml"), "plan: plans/\n").unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join("plans").join(name), text).unwrap();
    }
    dir
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join("plans").join(name)).unwrap()
}

#[test]
fn check_lists_the_files_that_would_change_and_exits_1() {
    let p = project(&[("a.yaml", MESSY), ("b.yaml", EVENTS)]);
    let out = run(p.path(), &["--check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), "would reformat plans/a.yaml\n");
    assert!(stderr(&out).contains("1 file would be reformatted, 1 unchanged"));
    assert_eq!(read(p.path(), "a.yaml"), MESSY, "--check wrote the file");
}

#[test]
fn check_exits_0_when_every_file_is_canonical() {
    let p = project(&[("a.yaml", CANONICAL), ("b.yaml", EVENTS)]);
    let out = run(p.path(), &["--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");
}

#[test]
fn fmt_rewrites_changed_files_in_place_and_names_them() {
    let p = project(&[("a.yaml", MESSY), ("b.yaml", EVENTS)]);
    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "reformatted plans/a.yaml\n");
    assert_eq!(read(p.path(), "a.yaml"), CANONICAL);
    assert_eq!(read(p.path(), "b.yaml"), EVENTS);
    let leftovers: Vec<_> = std::fs::read_dir(p.path().join("plans"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with('.'))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    assert_eq!(run(p.path(), &["--check"]).status.code(), Some(0));
}

#[test]
fn an_unchanged_file_is_not_written() {
    let p = project(&[("a.yaml", MESSY), ("b.yaml", EVENTS)]);
    let b = p.path().join("plans/b.yaml");
    let old = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&b)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(std::fs::metadata(&b).unwrap().modified().unwrap(), old);
}

#[cfg(unix)]
#[test]
fn a_rewritten_file_keeps_its_permissions_and_a_link_stays_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let p = project(&[("a.yaml", MESSY)]);
    let a = p.path().join("plans/a.yaml");
    std::fs::set_permissions(&a, std::fs::Permissions::from_mode(0o640)).unwrap();
    let real = p.path().join("real.yaml");
    std::fs::write(&real, MESSY).unwrap();
    std::os::unix::fs::symlink(&real, p.path().join("plans/link.yaml")).unwrap();

    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mode = std::fs::metadata(&a).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let link = p.path().join("plans/link.yaml");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&real).unwrap(), CANONICAL);
}

#[test]
fn explicit_files_are_formatted_without_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("one.yaml"), MESSY).unwrap();
    std::fs::write(dir.path().join("two.yml"), MESSY).unwrap();
    let out = run(dir.path(), &["one.yaml", "two.yml"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "reformatted one.yaml\nreformatted two.yml\n");
    for f in ["one.yaml", "two.yml"] {
        assert_eq!(
            std::fs::read_to_string(dir.path().join(f)).unwrap(),
            CANONICAL
        );
    }
}

#[test]
fn diff_prints_a_unified_diff_and_writes_nothing() {
    let p = project(&[("a.yaml", MESSY)]);
    let out = run(p.path(), &["--diff"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "--- plans/a.yaml\n+++ plans/a.yaml\n@@ -1,3 +1,3 @@\n plan:\n-    name: Acme\n-    id: acme\n+  id: acme\n+  name: Acme\n"
    );
    assert_eq!(read(p.path(), "a.yaml"), MESSY);
}

#[test]
fn invalid_yaml_is_a_diagnostic_with_its_location_and_the_file_is_untouched() {
    let broken = "plan:\n    id: [acme\n    name: x\n";
    let p = project(&[("a.yaml", MESSY), ("broken.yaml", broken)]);
    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("schema/syntax"), "{err}");
    assert!(err.contains("plans/broken.yaml:"), "{err}");
    assert!(err.contains("1 not valid YAML"), "{err}");
    assert_eq!(read(p.path(), "broken.yaml").as_bytes(), broken.as_bytes());
    // The valid file beside it is still formatted.
    assert_eq!(read(p.path(), "a.yaml"), CANONICAL);
}

#[test]
fn a_duplicate_key_is_reported_and_nothing_is_lost() {
    let dup = "plan:\n  id: a\n  id: b\n";
    let p = project(&[("dup.yaml", dup)]);
    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("schema/duplicate-key"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(p.path(), "dup.yaml"), dup);
}

#[test]
fn a_path_that_does_not_exist_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["missing.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.yaml: no such file or directory"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["--plan", "nowhere/"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_construct_fmt_does_not_lay_out_is_left_alone_with_a_warning() {
    let text = "? plan\n: {id: a}\n";
    let p = project(&[("odd.yaml", text)]);
    let out = run(p.path(), &["--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("warning: plans/odd.yaml: fmt cannot lay out"),
        "{}",
        stderr(&out)
    );
    assert_eq!(read(p.path(), "odd.yaml"), text);
}

#[test]
fn a_closed_stderr_is_not_a_crash() {
    // The pipe's reading end is closed before trackc writes its diagnostic.
    let p = project(&[("broken.yaml", "a: [\n")]);
    let mut child = trackc()
        .args(["fmt", "--check"])
        .current_dir(p.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stderr.take());
    assert_eq!(child.wait().unwrap().code(), Some(1));
}

#[test]
fn a_byte_order_mark_is_kept() {
    let p = project(&[("bom.yaml", &format!("\u{feff}{MESSY}"))]);
    let out = run(p.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(read(p.path(), "bom.yaml"), format!("\u{feff}{CANONICAL}"));
}

#[test]
fn the_bundled_plans_pass_fmt_check() {
    for plan in ["plans/invoicely", "plans/tour"] {
        let out = trackc()
            .args(["fmt", "--check", "--plan", plan])
            .current_dir(common::repo_root())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{plan}: {}", stdout(&out));
    }
}
