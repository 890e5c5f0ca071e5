//! RFC 3339 dates and date-times, exactly as JSON Schema's `date` and
//! `date-time` formats accept them.
//!
//! Three parts of trackc judge these strings: `check` holds a `date` or
//! `datetime` property's examples to them, `infer` drafts a property as
//! `date` or `datetime` when every value seen is one, and `validate` checks
//! events with the jsonschema crate. If the first two were looser than the
//! third, a plan could carry an example its own validators reject, and a
//! draft could reject the very events it was inferred from (the
//! `infer_lines` fuzz target found that). The tests below hold both
//! functions to jsonschema's verdict.

/// `YYYY-MM-DD`, a day that exists (29 February only in leap years).
pub fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (number(&b[0..4]), number(&b[5..7]), number(&b[8..10]))
    else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// `2024-05-01T12:00:00Z`: a date, `T` (or `t`), a time with optional
/// fraction, and `Z` or an offset. No space instead of the `T`: RFC 3339
/// allows it as an option, JSON Schema's `date-time` does not.
pub fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() > 11 && matches!(b[10], b'T' | b't') && is_date(&s[..10]) && is_time(&b[11..])
}

/// `HH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)`. Second 60 (a leap second) only
/// at 23:59 UTC, after applying the offset.
fn is_time(b: &[u8]) -> bool {
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) =
        (number(&b[0..2]), number(&b[3..5]), number(&b[6..8]))
    else {
        return false;
    };
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut zone = &b[8..];
    if let Some(fraction) = zone.strip_prefix(b".") {
        let digits = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        zone = &fraction[digits..];
    }
    let local = (hour * 60 + minute) as i64;
    let utc = match zone {
        [b'Z' | b'z'] => local,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (Some(oh), Some(om)) = (number(&[*h1, *h2]), number(&[*m1, *m2])) else {
                return false;
            };
            if oh > 23 || om > 59 {
                return false;
            }
            let offset = (oh * 60 + om) as i64;
            if *sign == b'+' {
                local - offset
            } else {
                local + offset
            }
        }
        _ => return false,
    };
    second < 60 || utc.rem_euclid(24 * 60) == 23 * 60 + 59
}

/// The value of a run of ASCII digits (at most four here).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0u32, |n, &c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    /// jsonschema's verdict on `s` under `format`, as `validate` runs it.
    fn jsonschema_accepts(format: &str, s: &str) -> bool {
        crate::lint::value_check::compile_schema(&json!({"type": "string", "format": format}))
            .unwrap()
            .is_valid(&json!(s))
    }

    fn agree(s: &str) {
        assert_eq!(is_date(s), jsonschema_accepts("date", s), "date {s:?}");
        assert_eq!(
            is_date_time(s),
            jsonschema_accepts("date-time", s),
            "date-time {s:?}"
        );
    }

    #[test]
    fn edge_cases_agree_with_jsonschema() {
        for s in [
            "2024-02-29",
            "2023-02-29",
            "1900-02-29",
            "2000-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "20240101",
            "2024-1-01",
            "２０２４-01-01",
            "2024-05-01T12:30:00Z",
            "2024-05-01t12:30:00z",
            "2024-05-01 12:30:00Z",
            "2024-05-01T12:30Z",
            "2024-05-01T24:00:00Z",
            "2024-05-05T74:14:00Z",
            "2024-05-01T12:60:00Z",
            "2024-05-01T12:30:00.Z",
            "2024-05-01T12:30:00.123456789+02:00",
            "2024-05-01T12:30:00+24:00",
            "2024-05-01T12:30:00+02:60",
            "2024-05-01T12:30:00+0200",
            "2024-05-01T12:30:00",
            "2024-12-31T23:59:60Z",
            "2024-12-31T23:58:60Z",
            "2024-12-31T22:59:60-01:00",
            "2024-12-31T00:59:60+01:00",
            "2024-12-31T23:59:61Z",
            "2024-05-01T12:30:00Zx",
            "2024-05-01TT12:30:00Z",
        ] {
            agree(s);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(cases()))]

        /// Strings shaped like dates and date-times, most of them slightly
        /// wrong: out-of-range fields, other separators, leap seconds.
        #[test]
        fn near_misses_agree_with_jsonschema(
            s in "[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,2})?([Zz]|[+-][0-9]{2}:[0-9]{2}|[+-][0-9]{4})?)?"
        ) {
            agree(&s);
        }

        #[test]
        fn likely_ones_agree_with_jsonschema(
            s in "(19|20)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T(([01][0-9]|2[0-3]):[0-5][0-9]:(60|[0-5][0-9]))(\\.[0-9])?(Z|[+-](0[0-9]|1[0-4]):(00|30|59))"
        ) {
            agree(&s);
        }
    }

    /// 32 strings for each random plan of the other property tests: 2,048
    /// by default, more under `TRACKC_PROPTEST_CASES` (tests/properties.rs).
    fn cases() -> u32 {
        32 * std::env::var("TRACKC_PROPTEST_CASES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(64)
    }
}
