//! Arbitrary text as a Segment Protocols export: the import must not panic,
//! and the draft it writes must be YAML that trackc itself reads back
//! without a syntax error.
#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(imported) = trackc::import::segment::import(text, "export.json") {
        common::draft_reads_back(&imported.draft.to_yaml());
    }
});
