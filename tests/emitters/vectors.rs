//! The shared test vectors and the comparison of a driver's output with them.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub struct Case {
    pub id: String,
    pub plan: String,
    /// track, identify, group, context
    pub call: String,
    pub event: String,
    pub args: Map<String, Value>,
    pub user_id: String,
    pub group: String,
    pub group_id: String,
    /// For `context`: the event sent after setting it.
    pub then: Option<(String, Map<String, Value>)>,
    pub expect: Option<Value>,
    pub violations: Vec<String>,
}

pub fn load() -> Vec<Case> {
    let text = std::fs::read_to_string(super::plans::root().join("tests/vectors/emitters.json"))
        .expect("vectors");
    let doc: Value = serde_json::from_str(&text).expect("vectors are JSON");
    let s = |c: &Value, k: &str| c.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    doc["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| Case {
            id: s(c, "id"),
            plan: s(c, "plan"),
            call: s(c, "call"),
            event: s(c, "event"),
            args: c["args"].as_object().cloned().unwrap_or_default(),
            user_id: s(c, "user_id"),
            group: s(c, "group"),
            group_id: s(c, "group_id"),
            then: c.get("then").map(|t| {
                (
                    s(t, "event"),
                    t["args"].as_object().cloned().unwrap_or_default(),
                )
            }),
            expect: c.get("expect").cloned(),
            violations: c
                .get("violations")
                .and_then(Value::as_array)
                .map(|v| {
                    v.iter()
                        .map(|p| p.as_str().unwrap_or_default().to_string())
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect()
}

/// Canonical JSON: keys sorted, no whitespace, and numbers with an integral
/// value written as integers (so `3.0` from Java equals `3` from Go).
pub fn canonical(v: &Value) -> String {
    fn norm(v: &Value) -> Value {
        match v {
            Value::Object(m) => {
                let sorted: BTreeMap<&String, Value> =
                    m.iter().map(|(k, v)| (k, norm(v))).collect();
                Value::Object(sorted.into_iter().map(|(k, v)| (k.clone(), v)).collect())
            }
            Value::Array(a) => Value::Array(a.iter().map(norm).collect()),
            Value::Number(n) => match n.as_f64() {
                Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 9e15 => {
                    Value::from(f as i64)
                }
                _ => v.clone(),
            },
            other => other.clone(),
        }
    }
    norm(v).to_string()
}

/// Checks a driver's stdout (one JSON object per case:
/// `{"id", "sent", "violations"}`) against the vectors of `plans`.
pub fn verify(lang: &str, stdout: &str, cases: &[Case]) {
    let mut seen = 0;
    let mut failures = Vec::new();
    let by_id: BTreeMap<&str, &Case> = cases.iter().map(|c| (c.id.as_str(), c)).collect();
    for line in stdout.lines().filter(|l| l.starts_with('{')) {
        let got: Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{lang}: driver printed invalid JSON {line:?}: {e}"));
        let id = got["id"].as_str().unwrap_or_default();
        let case = by_id
            .get(id)
            .unwrap_or_else(|| panic!("{lang}: unknown case {id}"));
        seen += 1;
        if let Some(expect) = &case.expect {
            let (want, have) = (canonical(expect), canonical(&got["sent"]));
            if want != have {
                failures.push(format!("{id}: sent\n    {have}\n  expected\n    {want}"));
            }
        }
        let violations: Vec<String> = got["violations"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| v.as_str().unwrap_or_default().to_string())
                    .collect()
            })
            .unwrap_or_default();
        if violations != case.violations {
            failures.push(format!(
                "{id}: violations {violations:?}, expected {:?}",
                case.violations
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{lang}: {} of {} vectors failed:\n{}\nstdout:\n{stdout}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    assert_eq!(
        seen,
        cases.len(),
        "{lang}: driver ran {seen} of {} cases",
        cases.len()
    );
}
