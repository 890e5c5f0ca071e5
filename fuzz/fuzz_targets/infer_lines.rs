//! Arbitrary bytes as recorded events (JSON Lines, possibly gzip) for
//! `trackc infer`. Beyond "no panic": the draft reads back, and it accepts
//! the very events it was inferred from, which is what a user checks next
//! (`trackc validate --plan draft.yaml` on the same file).
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::PathBuf;
use trackc::infer::{Inferrer, Options};
use trackc::validate::{self, Report};

fuzz_target!(|data: &[u8]| {
    let mut file = tempfile::NamedTempFile::new_in("/dev/shm").expect("temp file");
    file.write_all(data).expect("write input");
    let inputs = vec![file.path().to_string_lossy().into_owned()];

    // Low thresholds, so that short inputs reach enums and examples.
    let mut inferrer = Inferrer::new(Options {
        enum_max_values: 3,
        enum_min_count: 2,
        examples: 2,
    });
    if inferrer.read(&inputs[0]).is_err() {
        return; // a broken gzip stream, reported as such
    }
    // Past the caps on distinct events and properties the draft leaves
    // things out on purpose, and says so; the events then need not validate.
    let capped = inferrer
        .warnings()
        .iter()
        .any(|w| w.contains("distinct event names"));
    let undescribable = inferrer.undescribable;
    let yaml = inferrer.into_draft().to_yaml();
    let capped = capped || yaml.contains("distinct properties; the rest were left out");
    common::draft_reads_back(&yaml);

    let loaded = trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        yaml.clone().into_bytes(),
    )]);
    let validators = validate::compile_validators(&loaded.plan)
        .unwrap_or_else(|e| panic!("the draft's schemas do not compile: {e}\n{yaml}"));
    let opts = validate::Options {
        max_examples: 3,
        jobs: 1,
        progress: None,
    };
    let tally = validate::run(&inputs, &validators, &opts).expect("the input reads again");
    if capped {
        return;
    }
    // The events infer named as carrying what no plan can describe (a
    // payload that is not an object, a property named "") may fail.
    let invalid: u64 = tally.counts.iter().map(|c| c.invalid).sum();
    if invalid > undescribable || !tally.unknown.is_empty() {
        let report = Report::build(&inputs, tally, &validators);
        panic!(
            "the draft rejects events it was inferred from:\n{}\n--- draft ---\n{yaml}",
            report.to_human(10)
        );
    }
});
