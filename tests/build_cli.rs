//! `trackc build` end to end: what it writes, what it refuses to touch,
//! `--check`, stale files, unsafe paths, lint errors, determinism.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

/// A project in a temporary directory: the example plan under `plans/`,
/// and `trackc.yaml` when `config` is given.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    for entry in std::fs::read_dir(common::repo_root().join("plans/invoicely")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, plans.join(p.file_name().unwrap())).unwrap();
    }
    if let Some(c) = config {
        std::fs::write(dir.path().join("trackc.yaml"), c).unwrap();
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> Output {
    common::trackc()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Every file below `dir`, relative path -> bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return out;
    }
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read(e.path()).unwrap());
        }
    }
    out
}

fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).unwrap();
    assert!(s.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, s.replacen(from, to, 1)).unwrap();
}

#[test]
fn build_writes_every_target_and_a_second_run_changes_nothing() {
    let p = project(None);
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let first = tree(&p.path().join("generated"));
    assert!(first.contains_key("jsonschema/events/invoice-created.schema.json"));
    assert!(first.contains_key("jsonschema/bundle.schema.json"));
    assert!(first.contains_key("markdown/README.md"));
    assert!(first.contains_key("markdown/events/invoice-created.md"));
    assert!(text(&o).contains(&format!("{} written, 0 unchanged, 0 removed", first.len())));
    // No temporary files left behind.
    assert!(
        first.keys().all(|k| !k.contains(".trackc-")),
        "{:?}",
        first.keys()
    );

    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(
        text(&o).contains(&format!("0 written, {} unchanged, 0 removed", first.len())),
        "{}",
        text(&o)
    );
    assert_eq!(first, tree(&p.path().join("generated")));

    let o = run(p.path(), &["build", "--check"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("up to date"));
}

#[test]
fn check_lists_missing_stale_and_extra_files_and_writes_nothing() {
    let p = project(None);
    let o = run(p.path(), &["build", "--check"]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(
        text(&o).contains("missing: generated/markdown/README.md"),
        "{}",
        text(&o)
    );
    assert!(!p.path().join("generated").exists(), "--check wrote files");

    assert_eq!(code(&run(p.path(), &["build"])), 0);
    let plans = p.path().join("plans");
    edit(
        &plans.join("billing.yaml"),
        "The invoice was downloaded as a file.",
        "The invoice was downloaded as a PDF or CSV file.",
    );
    // Remove an event: its files become extra.
    edit(
        &plans.join("growth.yaml"),
        "  Email Verified:\n",
        "  Email Confirmed:\n",
    );
    edit(
        &plans.join("growth.yaml"),
        "steps: [Account Created, Email Verified,",
        "steps: [Account Created, Email Confirmed,",
    );
    std::fs::remove_file(p.path().join("generated/markdown/glossary.md")).unwrap();
    let before = tree(&p.path().join("generated"));
    let o = run(p.path(), &["build", "--check"]);
    let out = text(&o);
    assert_eq!(code(&o), 1, "{out}");
    assert!(
        out.contains("stale:   generated/markdown/events/invoice-downloaded.md"),
        "{out}"
    );
    assert!(
        out.contains("missing: generated/markdown/glossary.md"),
        "{out}"
    );
    assert!(
        out.contains("missing: generated/markdown/events/email-confirmed.md"),
        "{out}"
    );
    assert!(
        out.contains("extra:   generated/markdown/events/email-verified.md"),
        "{out}"
    );
    assert!(
        out.contains("extra:   generated/jsonschema/events/email-verified.schema.json"),
        "{out}"
    );
    assert_eq!(
        before,
        tree(&p.path().join("generated")),
        "--check changed files"
    );

    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let after = tree(&p.path().join("generated"));
    assert!(!after.contains_key("markdown/events/email-verified.md"));
    assert!(!after.contains_key("jsonschema/events/email-verified.schema.json"));
    assert!(after.contains_key("markdown/events/email-confirmed.md"));
    assert_eq!(code(&run(p.path(), &["build", "--check"])), 0);
}

#[test]
fn hand_written_files_are_never_touched() {
    let p = project(None);
    assert_eq!(code(&run(p.path(), &["build"])), 0);
    let md = p.path().join("generated/markdown");
    // A note next to the generated files, even one mentioning trackc.
    let note = "# Notes\nThese pages are Generated by trackc; see the plan.\n";
    std::fs::write(md.join("NOTES.md"), note).unwrap();
    std::fs::write(md.join("events/extra.md"), "hand-written\n").unwrap();
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(std::fs::read_to_string(md.join("NOTES.md")).unwrap(), note);
    assert!(md.join("events/extra.md").exists());

    // A hand-written file where trackc wants to write: refuse, name it,
    // write nothing at all.
    std::fs::write(md.join("README.md"), "my own readme\n").unwrap();
    edit(
        &p.path().join("plans/billing.yaml"),
        "The invoice was downloaded as a file.",
        "Downloaded.",
    );
    let before = tree(&p.path().join("generated"));
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(
        text(&o).contains("generated/markdown/README.md"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("not generated by trackc"), "{}", text(&o));
    assert_eq!(before, tree(&p.path().join("generated")));
    let o = run(p.path(), &["build", "--check"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
}

#[test]
fn build_refuses_to_write_when_check_finds_errors() {
    let p = project(None);
    edit(
        &p.path().join("plans/billing.yaml"),
        "    side: server\n",
        "    side: sever\n",
    );
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 1, "{}", text(&o));
    assert!(text(&o).contains("nothing was written"), "{}", text(&o));
    assert!(!p.path().join("generated").exists());
}

#[test]
fn configured_outputs_filters_and_targets() {
    let p = project(Some(
        "plan: plans/\nbuild:\n  outputs:\n    - target: jsonschema\n      out: schemas/client\n      side: client\n      additional_properties: true\n    - target: markdown\n      out: docs/tracking-plan/\n",
    ));
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let schemas = tree(&p.path().join("schemas/client"));
    assert!(schemas.contains_key("events/invoice-viewed.schema.json"));
    assert!(!schemas.contains_key("events/invoice-sent.schema.json"));
    let viewed = String::from_utf8(schemas["events/invoice-viewed.schema.json"].clone()).unwrap();
    assert!(viewed.contains("\"additionalProperties\": true"));
    assert!(p.path().join("docs/tracking-plan/README.md").exists());
    assert!(!p.path().join("generated").exists());

    // --target builds only the named configured outputs.
    std::fs::remove_dir_all(p.path().join("docs")).unwrap();
    let o = run(p.path(), &["build", "--target", "jsonschema"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(!p.path().join("docs").exists());

    // Building one target never sweeps away another's files, even when
    // its directory is inside the one being built.
    let p2 = project(Some(
        "plan: plans/\nbuild:\n  outputs:\n    - target: jsonschema\n      out: gen\n    - target: markdown\n      out: gen/docs\n",
    ));
    assert_eq!(code(&run(p2.path(), &["build"])), 0);
    let o = run(p2.path(), &["build", "--target", "jsonschema"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(text(&o).contains("0 removed"), "{}", text(&o));
    assert!(p2.path().join("gen/docs/README.md").exists());
    assert_eq!(code(&run(p2.path(), &["build", "--check"])), 0);

    // --out puts every selected target under DIR/<target>/.
    let o = run(
        p.path(),
        &["build", "--out", "elsewhere", "--target", "markdown"],
    );
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(p.path().join("elsewhere/markdown/README.md").exists());
    assert!(!p.path().join("elsewhere/jsonschema").exists());
}

#[test]
fn unknown_and_unavailable_targets_are_exit_2() {
    let p = project(None);
    let o = run(p.path(), &["build", "--target", "markdwn"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("did you mean `markdown`"), "{}", text(&o));
    let o = run(p.path(), &["build", "--target", "swift"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("not available"), "{}", text(&o));
    // A code target configured to write one file writes exactly that file.
    let p = project(Some(
        "build:\n  outputs:\n    - target: kotlin\n      out: gen/Analytics.kt\n",
    ));
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let kt = std::fs::read_to_string(p.path().join("gen/Analytics.kt")).unwrap();
    assert!(kt.starts_with("// Generated by trackc"), "{kt}");
    let p = project(Some(
        "build:\n  outputs:\n    - target: swift\n      out: gen/\n",
    ));
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(
        text(&o).contains("trackc.yaml") && text(&o).contains("swift"),
        "{}",
        text(&o)
    );
}

#[test]
fn output_paths_cannot_leave_the_project() {
    for (out, why) in [
        ("../outside", ".."),
        ("/tmp/trackc-abs", "absolute"),
        (".", "below"),
        ("docs/CON", "reserved"),
    ] {
        let p = project(Some(&format!(
            "plan: plans/\nbuild:\n  outputs:\n    - target: markdown\n      out: \"{out}\"\n"
        )));
        let o = run(p.path(), &["build"]);
        assert_eq!(code(&o), 2, "{out}: {}", text(&o));
        assert!(text(&o).contains(why), "{out}: {}", text(&o));
    }
    assert!(!Path::new("/tmp/trackc-abs").exists());
    // A multi-file target cannot write to a file path.
    let p = project(Some(
        "plan: plans/\nbuild:\n  outputs:\n    - target: markdown\n      out: docs/plan.md\n",
    ));
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(text(&o).contains("must be a directory"), "{}", text(&o));
}

/// Every verb loads trackc.yaml the same way, so a pre-commit `check`
/// fails on a config that CI's `build` would refuse, and says where.
#[test]
fn every_verb_refuses_a_config_build_would_refuse_with_its_position() {
    for (output, at, why) in [
        (
            "target: typescrpt\n      out: gen/",
            "trackc.yaml:4:15",
            "did you mean `typescript`",
        ),
        (
            "target: swift\n      out: gen/",
            "trackc.yaml:4:15",
            "not available",
        ),
        (
            "target: markdown\n      out: ../gen/",
            "trackc.yaml:5:12",
            "`..`",
        ),
        (
            "target: markdown\n      out: /tmp/trackc-abs",
            "trackc.yaml:5:12",
            "absolute",
        ),
    ] {
        let p = project(Some(&format!(
            "plan: plans/\nbuild:\n  outputs:\n    - {output}\n"
        )));
        for verb in [&["check"][..], &["build", "--check"], &["fmt", "--check"]] {
            let o = run(p.path(), verb);
            assert_eq!(code(&o), 2, "{verb:?} {output}: {}", text(&o));
            assert!(
                text(&o).contains(&format!("error: {at}: ")) && text(&o).contains(why),
                "{verb:?} {output}: {}",
                text(&o)
            );
        }
    }
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_cannot_lead_writes_outside_the_output_directory() {
    let p = project(None);
    let outside = tempfile::tempdir().unwrap();
    let md = p.path().join("generated/markdown");
    std::fs::create_dir_all(&md).unwrap();
    std::os::unix::fs::symlink(outside.path(), md.join("events")).unwrap();
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 2, "{}", text(&o));
    assert!(
        text(&o).contains("outside the output directory"),
        "{}",
        text(&o)
    );
    assert!(tree(outside.path()).is_empty());
}

#[test]
fn output_is_identical_from_any_directory_and_any_location() {
    let a = project(Some("plan: plans/\n"));
    let b = project(Some("plan: plans/\n"));
    assert_eq!(code(&run(a.path(), &["build"])), 0);
    // From a subdirectory: trackc.yaml is found in the parent.
    let sub = b.path().join("plans");
    let o = run(&sub, &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let ta = tree(&a.path().join("generated"));
    let tb = tree(&b.path().join("generated"));
    assert!(!ta.is_empty());
    assert_eq!(ta, tb);
    // No absolute path leaks into any file.
    let root = a.path().to_string_lossy().to_string();
    for (name, bytes) in &ta {
        assert!(!String::from_utf8_lossy(bytes).contains(&root), "{name}");
    }
    // --plan given as an absolute path: the same plan hash.
    let c = project(None);
    let plan = c.path().join("plans");
    let o = run(c.path(), &["--plan", plan.to_str().unwrap(), "build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(ta, tree(&c.path().join("generated")));
}

#[test]
fn binary_runs_from_anywhere_with_embedded_templates() {
    // The templates are compiled in: a project far from the source tree builds.
    let p = project(None);
    let o = run(p.path(), &["build", "--target", "markdown"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let readme = std::fs::read_to_string(p.path().join("generated/markdown/README.md")).unwrap();
    assert!(readme.contains("# Invoicely tracking plan"));
}

#[test]
fn the_starter_project_from_init_builds() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(dir.path(), &["init"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let o = run(dir.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    // What README's first run says `trackc build` writes.
    for written in [
        "generated/analytics.ts",
        "generated/schemas/bundle.schema.json",
        "docs/tracking-plan/README.md",
    ] {
        assert!(dir.path().join(written).exists(), "{written}: {}", text(&o));
    }
    assert_eq!(code(&run(dir.path(), &["build", "--check"])), 0);
}

#[test]
fn templates_dir_adds_a_target_through_the_build_command() {
    let p = project(Some(
        "build:\n  templates_dir: my-templates\n  outputs:\n    - target: eventlist\n      out: gen/events/\n",
    ));
    let t = p.path().join("my-templates/eventlist");
    std::fs::create_dir_all(&t).unwrap();
    std::fs::write(
        t.join("events.txt.j2"),
        "{{ header }}{% for e in events %}{{ e.wire }}\n{% endfor %}",
    )
    .unwrap();
    let o = run(p.path(), &["build"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let out = std::fs::read_to_string(p.path().join("gen/events/events.txt")).unwrap();
    assert!(out.starts_with("// Generated by trackc"), "{out}");
    assert!(out.contains("Invoice Sent\n"), "{out}");
    assert_eq!(code(&run(p.path(), &["build", "--check"])), 0);
}
