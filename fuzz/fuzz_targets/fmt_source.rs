//! Arbitrary text through `trackc fmt`: it must not panic, its safety net
//! must never fire (a `Bug` means fmt produced text with other data or
//! other comments than the input, which it refused to write), and the
//! canonical form must be a fixed point: formatting it again changes
//! nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trackc::fmt::{FormatError, format_source};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match format_source(text) {
        Ok(formatted) => match format_source(&formatted) {
            Ok(again) => assert_eq!(again, formatted, "fmt is not idempotent"),
            Err(e) => panic!("fmt's own output does not format again: {e}\n{formatted}"),
        },
        Err(FormatError::Bug(why)) => panic!("the safety net fired: {why}"),
        Err(FormatError::Invalid(_) | FormatError::Unsupported(_)) => {}
    }
});
