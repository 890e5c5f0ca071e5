//! The SARIF 2.1.0 JSON Schema as a validator, for every verb's
//! `--format sarif` tests.
#![allow(dead_code)] // each test crate uses its own part

use serde_json::{Value, json};

/// The vendored published schema (tests/schemas/), compiled.
pub fn validator() -> jsonschema::Validator {
    // The `language` patterns in the published schema have a stray `]` that
    // JavaScript reads as a literal and the jsonschema crate rejects; they
    // constrain `language` properties trackc never writes. Fixed in memory
    // only, so the vendored file stays byte-for-byte the published one.
    let published = include_str!("../schemas/sarif-2.1.0-rtm.5.json");
    let bad = r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#;
    assert_eq!(published.matches(bad).count(), 2);
    let fixed = published.replace(bad, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    let schema: Value = serde_json::from_str(&fixed).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the SARIF schema compiles");
    // The schema has teeth: a document missing `version` is rejected, and
    // so is a result whose level is not one of SARIF's.
    assert!(!validator.is_valid(&json!({ "runs": [] })));
    assert!(!validator.is_valid(&json!({
        "version": "2.1.0",
        "runs": [{ "tool": { "driver": { "name": "x" } },
                   "results": [{ "message": { "text": "m" }, "level": "notice" }] }]
    })));
    validator
}

/// Panics with every schema error in `doc`, if there are any.
pub fn assert_valid(validator: &jsonschema::Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = validator
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{what}: {}\n{doc:#}", errors.join("\n"));
}

/// Every result's `ruleId` is the id of the rule its `ruleIndex` points at,
/// and every rule listed is used (the rules are "the kinds used").
pub fn assert_rules_match_results(doc: &Value) {
    let run = &doc["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    for r in results {
        let i = r["ruleIndex"]
            .as_u64()
            .expect("every result has a ruleIndex") as usize;
        assert_eq!(rules[i]["id"], r["ruleId"], "{r:#}");
    }
    for rule in rules {
        assert!(
            results.iter().any(|r| r["ruleId"] == rule["id"]),
            "rule {} is listed but not used",
            rule["id"]
        );
    }
}
