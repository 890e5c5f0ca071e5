//! What every plan-loading target does with a loaded plan: lint it, render
//! the diagnostics in every format and, when it has no errors, run every
//! built-in build target. Nothing here may panic on any plan.
#![allow(dead_code)]

use std::path::PathBuf;
use trackc::build::{self, target::TargetContext};
use trackc::config::OutputConfig;
use trackc::lint::RuleSettings;
use trackc::render::{self, Format, HumanOptions};

pub fn check_render_build(files: Vec<(PathBuf, Vec<u8>)>, build_outputs: bool) {
    let loaded = trackc::load::load_files(files);
    let checked = trackc::check::check_loaded(loaded, &RuleSettings::default());
    for format in [Format::Human, Format::Json, Format::Github, Format::Sarif] {
        let out = render::render(
            format,
            &checked.diagnostics,
            &checked.sources,
            &HumanOptions::default(),
        );
        if matches!(format, Format::Json | Format::Sarif) {
            serde_json::from_str::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("{format:?} output is not JSON ({e}):\n{out}"));
        }
    }
    if !build_outputs || checked.has_errors() {
        return;
    }
    let header = build::header(&checked.plan, "0123456789abcdef".repeat(4));
    for target in build::target_names() {
        let output = OutputConfig {
            target: target.to_string(),
            out: PathBuf::from("generated").join(target),
            sources: Vec::new(),
            side: None,
            additional_properties: None,
        };
        let cx = TargetContext {
            plan: &checked.plan,
            events: build::select_events(&checked.plan, &output),
            header: &header,
            output: &output,
        };
        let Some(Ok(files)) = build::generate(target, &cx, None) else {
            continue; // a reported error (e.g. an identifier collision) is fine
        };
        for f in files {
            if f.path.ends_with(".json") {
                serde_json::from_str::<serde_json::Value>(&f.contents).unwrap_or_else(|e| {
                    panic!("{target}: {} is not JSON ({e}):\n{}", f.path, f.contents)
                });
            }
        }
    }
}

/// A draft written by `import` must parse as YAML and convert without a
/// syntax error (other diagnostics, like TODO owners, are expected).
pub fn draft_reads_back(yaml: &str) {
    let loaded = trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        yaml.as_bytes().to_vec(),
    )]);
    if let Some(d) = loaded
        .diagnostics
        .iter()
        .find(|d| d.rule == "schema/syntax")
    {
        panic!("the draft does not read back: {}\n{yaml}", d.message);
    }
}

/// The spans `check` points with: the text under a one-line plain scalar's
/// span must hold that scalar. (saphyr once counted bytes for characters
/// after a reserved directive, and every span after it was off.)
pub fn spans_hold_their_scalars(text: &str) {
    use trackc::source::{FileId, SourceFile};
    use trackc::yaml::{Style, Value};
    let file = SourceFile::new(PathBuf::from("plan.yaml"), text.to_string());
    let Some(root) = trackc::yaml::parse(FileId(0), &file).root else {
        return;
    };
    for node in root.walk() {
        let Value::Scalar(scalar) = &node.value else {
            continue;
        };
        let under = text
            .get(node.span.start as usize..node.span.end as usize)
            .unwrap_or_else(|| panic!("span {:?} is not on character boundaries", node.span));
        // An alias keeps its anchor's value under its own span.
        if scalar.style != Style::Plain || under.contains(['\n', '\r']) || under.starts_with('*') {
            continue;
        }
        assert!(
            under.contains(&*scalar.text),
            "the span of {:?} covers {under:?}",
            scalar.text
        );
    }
}
