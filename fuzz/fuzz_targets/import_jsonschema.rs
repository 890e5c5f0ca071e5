//! Arbitrary bytes as a JSON Schema file for `import jsonschema`: no panic,
//! and the draft reads back without a syntax error.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::io::Write;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir_in("/dev/shm").expect("temp dir");
    let path = dir.path().join("event.json");
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(data))
        .expect("write input");
    if let Ok(imported) = trackc::import::schema::import(&[path]) {
        common::draft_reads_back(&imported.draft.to_yaml());
    }
});
