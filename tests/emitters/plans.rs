//! Generating the emitters of a plan, for the compile and behaviour tests.

use std::path::{Path, PathBuf};
use trackc::build::target::{Header, OutputFile, TargetContext};
use trackc::check::{Checked, check_path};
use trackc::codegen::lower::{self, Model};
use trackc::codegen::naming::Lang;
use trackc::config::OutputConfig;
use trackc::lint::RuleSettings;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The plans every emitter test covers: (short name, directory).
pub fn plans() -> Vec<(&'static str, PathBuf)> {
    vec![
        ("invoicely", root().join("plans/invoicely")),
        ("hostile", root().join("tests/fixtures/hostile")),
        ("minimal", root().join("tests/fixtures/minimal")),
    ]
}

pub fn load(dir: &Path) -> Checked {
    let checked = check_path(dir, &RuleSettings::default()).expect("plan loads");
    assert!(
        !checked.has_errors(),
        "{} has lint errors: {:?}",
        dir.display(),
        checked.diagnostics
    );
    checked
}

pub fn header() -> Header {
    Header {
        plan_id: "test".into(),
        plan_version: Some(1),
        plan_hash: "0123456789abcdef0123456789abcdef".into(),
    }
}

pub fn output(target: &str) -> OutputConfig {
    OutputConfig {
        target: target.into(),
        out: PathBuf::from("out"),
        sources: Vec::new(),
        side: None,
        additional_properties: None,
    }
}

/// Renders `target` for the plan in `dir` with every event.
pub fn generate(target: &str, dir: &Path) -> Vec<OutputFile> {
    let checked = load(dir);
    let header = header();
    let out = output(target);
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    trackc::codegen::generate(target, &cx)
        .expect("a codegen target")
        .unwrap_or_else(|e| panic!("{target} for {}: {e}", dir.display()))
}

/// The lowered model the templates saw, for writing test drivers.
pub fn model(lang: Lang, dir: &Path) -> Model {
    let checked = load(dir);
    let header = header();
    let out = output("x");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    lower::lower(lang, &cx).expect("lowers")
}

/// Writes `files` under `dir`.
pub fn write(dir: &Path, files: &[OutputFile]) {
    for f in files {
        let p = dir.join(&f.path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, &f.contents).unwrap();
    }
}

/// A scratch directory under target/, kept after the run for reading.
pub fn scratch(name: &str) -> PathBuf {
    let d = root().join("target/emitter-tests").join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}
