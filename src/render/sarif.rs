//! `--format sarif`: SARIF 2.1.0 for code-scanning dashboards.

use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::registry;
use crate::source::{SourceMap, Span};
use serde_json::{Value, json};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// Percent-encodes a path for a URI: SARIF wants a valid URI reference, and
/// a file named `a:b.yaml` would otherwise read as a URI with scheme `a`.
fn uri_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Where a file is, as SARIF wants it: a path relative to the working
/// directory is a percent-encoded URI relative to `%SRCROOT%`, an absolute
/// one a `file://` URI with no base.
pub fn artifact_location(path: &str) -> Value {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        json!({ "uri": format!("file://{}", uri_path(&path)) })
    } else {
        json!({ "uri": uri_path(&path), "uriBaseId": "%SRCROOT%" })
    }
}

fn location(sources: &SourceMap, span: Span) -> Value {
    let start = sources.line_col(span);
    let end = sources.end_line_col(span);
    json!({
        "physicalLocation": {
            "artifactLocation": artifact_location(&super::display_path(sources, span.file)),
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
            }
        }
    })
}

pub fn render(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let rules: Vec<Value> = registry::RULES
        .iter()
        .map(|r| {
            rule(
                r.meta.id,
                &r.meta.summary(),
                Some(&r.meta.docs()),
                level(r.meta.default_severity),
            )
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push_str(&format!("\nhelp: {h}"));
            }
            let mut result = json!({
                "ruleId": d.rule,
                "level": level(d.severity),
                "message": { "text": text },
            });
            if let Some(i) = registry::RULES.iter().position(|r| r.meta.id == d.rule) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(first) = d.labels.first() {
                let mut loc = location(sources, first.span);
                if !first.message.is_empty() {
                    loc["message"] = json!({ "text": first.message });
                }
                result["locations"] = json!([loc]);
            }
            let related: Vec<Value> = d
                .labels
                .iter()
                .skip(1)
                .enumerate()
                .map(|(i, l)| {
                    let mut loc = location(sources, l.span);
                    loc["id"] = json!(i + 1);
                    loc["message"] = json!({ "text": l.message });
                    loc
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = json!(related);
            }
            result
        })
        .collect();
    document(rules, results)
}

/// The SARIF log every verb's `--format sarif` prints: one run of trackc
/// with these rules (`tool.driver.rules`) and results, pretty-printed and
/// ending in a newline.
pub fn document(rules: Vec<Value>, results: Vec<Value>) -> String {
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "trackc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "The directory trackc ran in." } } },
            "results": results,
        }]
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

/// A `reportingDescriptor` for `tool.driver.rules`: the id, one line of
/// description (short and full alike), the documentation when there is
/// more to say (as `help`, text and Markdown alike) and the default level.
pub fn rule(id: &str, description: &str, help: Option<&str>, level: &str) -> Value {
    let mut rule = json!({
        "id": id,
        "shortDescription": { "text": description },
        "fullDescription": { "text": description },
    });
    if let Some(h) = help {
        rule["help"] = json!({ "text": h, "markdown": h });
    }
    rule["defaultConfiguration"] = json!({ "level": level });
    rule
}
