//! `--format json`: one document, documented in docs/output-formats.md.

use crate::diff::{Change, Report};
use serde_json::{Value, json};

pub fn render(report: &Report) -> String {
    let changes: Vec<Value> = report.changes.iter().map(change).collect();
    let reviewers: Vec<Value> = report
        .reviewers()
        .into_iter()
        .map(|key| match report.owner(key) {
            Some(o) => json!(o),
            None => json!({ "key": key, "name": key, "contact": null }),
        })
        .collect();
    let doc = json!({
        "version": 1,
        "tool": { "name": "trackc", "version": env!("CARGO_PKG_VERSION") },
        "against": report.against,
        "summary": {
            "breaking": report.breaking(),
            "non_breaking": report.non_breaking(),
        },
        "plan_version": { "old": report.old_version, "new": report.new_version },
        "plan_errors": { "old": report.old_errors, "new": report.new_errors },
        "reviewers": reviewers,
        "changes": changes,
        "warnings": report.warnings,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn change(c: &Change) -> Value {
    json!({
        "kind": c.kind,
        "class": c.kind.class(),
        "message": c.message,
        "event": c.event,
        "owner": c.owner,
        "location": c.location,
        "before": c.before,
        "after": c.after,
    })
}
