//! Arbitrary bytes as the two sides of `trackc diff`: the old plan, the new
//! plan, and optionally the old and new trackc.yaml, separated by NUL bytes.
//! Beyond "no panic, no hang" (pairing renamed events and properties
//! compares names with each other): every format renders, the JSON one is
//! JSON, and a plan compared with itself has no changes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trackc::diff::{self, Side, format::DiffFormat};

fn side(plan: &[u8], config: Option<&[u8]>) -> Side {
    let loaded = trackc::load::load_files(vec![("plan.yaml".into(), plan.to_vec())]);
    let config = config.map(|c| {
        (
            "trackc.yaml".to_string(),
            String::from_utf8_lossy(c).into_owned(),
        )
    });
    Side::from_loaded(loaded, config)
}

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(4, |&b| b == 0);
    let old_plan = parts.next().unwrap_or_default();
    let new_plan = parts.next().unwrap_or(old_plan);
    let old_config = parts.next();
    let new_config = parts.next().or(old_config);

    let report = diff::diff(
        &side(old_plan, old_config),
        &side(new_plan, new_config),
        "HEAD",
    );
    for format in [
        DiffFormat::Human,
        DiffFormat::Json,
        DiffFormat::Markdown,
        DiffFormat::Github,
        DiffFormat::Sarif,
    ] {
        let out = diff::format::render(format, &report, true);
        if format == DiffFormat::Json || format == DiffFormat::Sarif {
            serde_json::from_str::<serde_json::Value>(&out)
                .unwrap_or_else(|e| panic!("the {format:?} report is not JSON ({e}):\n{out}"));
        }
    }

    let same = diff::diff(
        &side(new_plan, new_config),
        &side(new_plan, new_config),
        "HEAD",
    );
    assert!(
        same.changes.is_empty(),
        "a plan compared with itself has changes: {:?}",
        same.changes.iter().map(|c| c.kind).collect::<Vec<_>>()
    );
});
