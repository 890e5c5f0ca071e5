//! Arbitrary bytes as a plan file: load, lint, render every format, and
//! build every target when the plan happens to be clean; and the YAML
//! tree's spans point at what they stand for.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        common::spans_hold_their_scalars(text);
    }
    common::check_render_build(vec![(PathBuf::from("plan.yaml"), data.to_vec())], true);
});
