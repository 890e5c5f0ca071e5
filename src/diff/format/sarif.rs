//! `--format sarif`: SARIF 2.1.0, one result per change and per warning.
//! Breaking changes are `error`, non-breaking ones `note` (as github's
//! notices), warnings `warning`. `ruleId` is the change kind's id;
//! `tool.driver.rules` lists the kinds the report uses, in docs/diff.md
//! order. A change located in the new plan points at its line and column;
//! a removal points at the file it was removed from, with no region (the
//! old line means nothing in the new file), and names the old place in its
//! message.

use super::{Annotation, Level, annotations};
use crate::diff::{Kind, Revision, VERSION_NOT_BUMPED};
use crate::render::sarif;
use serde_json::{Value, json};

fn level(l: Level) -> &'static str {
    match l {
        Level::Breaking => "error",
        Level::NonBreaking => "note",
        Level::Warning => "warning",
    }
}

/// The rules for the ids used: change kinds in their documented order, then
/// the warnings.
fn rules(used: &[Annotation]) -> Vec<(&'static str, Value)> {
    let mut rules: Vec<(&'static str, Value)> = Kind::ALL
        .iter()
        .filter(|k| used.iter().any(|a| a.id == k.id()))
        .map(|k| {
            let l = if k.is_breaking() {
                Level::Breaking
            } else {
                Level::NonBreaking
            };
            let doc = format!("{} ({})", k.doc(), k.class().as_str());
            (k.id(), sarif::rule(k.id(), &doc, None, level(l)))
        })
        .collect();
    for a in used.iter().filter(|a| a.level == Level::Warning) {
        if rules.iter().any(|(id, _)| *id == a.id) {
            continue;
        }
        let doc = match a.id {
            VERSION_NOT_BUMPED => {
                "The plan has breaking changes but `plan.version` was not raised."
            }
            _ => "A warning about the change as a whole.",
        };
        rules.push((a.id, sarif::rule(a.id, doc, None, "warning")));
    }
    rules
}

pub fn render(report: &crate::diff::Report) -> String {
    let annotations = annotations(report);
    let rules = rules(&annotations);
    let results: Vec<Value> = annotations
        .iter()
        .map(|a| {
            let mut result = json!({
                "ruleId": a.id,
                "level": level(a.level),
                "message": { "text": a.message },
            });
            if let Some(i) = rules.iter().position(|(id, _)| *id == a.id) {
                result["ruleIndex"] = json!(i);
            }
            if let Some(l) = a.location {
                let mut physical = json!({
                    "artifactLocation": sarif::artifact_location(&l.file),
                });
                if l.revision == Revision::New {
                    physical["region"] = json!({
                        "startLine": l.line,
                        "startColumn": l.column,
                    });
                }
                result["locations"] = json!([{ "physicalLocation": physical }]);
            }
            result
        })
        .collect();
    sarif::document(rules.into_iter().map(|(_, r)| r).collect(), results)
}
