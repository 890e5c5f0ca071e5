//! Arbitrary bytes as a plan file: load, lint, render every format, and
//! build every target when the plan happens to be clean.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;

fuzz_target!(|data: &[u8]| {
    common::check_render_build(vec![(PathBuf::from("plan.yaml"), data.to_vec())], true);
});
