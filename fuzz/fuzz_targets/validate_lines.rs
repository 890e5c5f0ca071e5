//! Arbitrary bytes as a `validate` input (JSON Lines, possibly gzip), read
//! by `jsonl` and `wire`, validated against a small plan with every kind of
//! constraint, and reported in both formats. Also reads the same bytes with
//! a tiny line bound, so the too-long path runs on every input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;
use trackc::validate::{self, Options, Report, compile::Validators};

const PLAN: &str = include_str!("../seeds/validate_plan.yaml");

fn validators() -> &'static Validators {
    static V: OnceLock<Validators> = OnceLock::new();
    V.get_or_init(|| {
        let loaded =
            trackc::load::load_files(vec![(PathBuf::from("plan.yaml"), PLAN.as_bytes().to_vec())]);
        validate::compile_validators(&loaded.plan).expect("the fixed plan compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let mut lines = trackc::jsonl::Lines::with_max(std::io::Cursor::new(data), 64);
    let mut buf = Vec::new();
    while let Ok(Some(_meta)) = lines.next_into(&mut buf) {
        let _ = trackc::wire::parse(&buf);
        buf.clear();
    }

    let mut file = tempfile::NamedTempFile::new_in("/dev/shm").expect("temp file");
    file.write_all(data).expect("write input");
    let inputs = vec![file.path().to_string_lossy().into_owned()];
    let opts = Options {
        max_examples: 3,
        jobs: 1,
        progress: None,
    };
    if let Ok(tally) = validate::run(&inputs, validators(), &opts) {
        let report = Report::build(&inputs, tally, validators());
        let _ = report.to_human(10);
        let json = report.to_json();
        serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report is JSON");
        for allow_unknown in [false, true] {
            let _ = report.to_github(allow_unknown);
            let sarif = report.to_sarif(allow_unknown);
            serde_json::from_str::<serde_json::Value>(&sarif).expect("the SARIF report is JSON");
        }
    }
});
