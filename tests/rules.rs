//! Every lint rule: its documented examples hold, and its fixtures trigger
//! (or do not trigger) it, with the human output snapshotted.

mod common;

use common::*;
use std::path::{Path, PathBuf};
use trackc::lint::registry::RULES;

/// The ```yaml block under a `## Heading` of a rule's docs.
fn example(docs: &str, heading: &str) -> Option<String> {
    let after = docs.split(&format!("## {heading}\n")).nth(1)?;
    let start = after.find("```yaml\n")? + "```yaml\n".len();
    let end = after[start..].find("```")?;
    Some(after[start..start + end].to_string())
}

#[test]
fn every_rule_documents_a_failing_and_a_passing_example_that_hold() {
    let mut problems = Vec::new();
    for rule in RULES {
        let id = rule.meta.id;
        let docs = rule.meta.docs();
        let dir = PathBuf::from(format!("docs-example/{id}"));
        match example(&docs, "Fails") {
            None => problems.push(format!("{id}: no `## Fails` yaml example")),
            Some(text) => {
                let checked = check_files(split_files(&text, "plan.yaml"), &dir);
                if !rules_of(&checked).contains(&id) {
                    problems.push(format!(
                        "{id}: the Fails example does not trigger it:\n{}",
                        human(&checked)
                    ));
                }
            }
        }
        match example(&docs, "Passes") {
            None => problems.push(format!("{id}: no `## Passes` yaml example")),
            Some(text) => {
                let checked = check_files(split_files(&text, "plan.yaml"), &dir);
                if !checked.diagnostics.is_empty() {
                    problems.push(format!(
                        "{id}: the Passes example is not clean:\n{}",
                        human(&checked)
                    ));
                }
            }
        }
        if rule.meta.summary().is_empty() {
            problems.push(format!("{id}: empty summary line"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

fn fixture(id: &str, kind: &str) -> Option<PathBuf> {
    let base = Path::new("tests/fixtures/rules").join(id);
    [base.join(format!("{kind}.yaml")), base.join(kind)]
        .into_iter()
        .find(|p| p.exists())
}

#[test]
fn every_rule_has_fixtures_that_trigger_it_and_do_not() {
    let mut problems = Vec::new();
    for rule in RULES {
        let id = rule.meta.id;
        let (Some(fail), Some(pass)) = (fixture(id, "fail"), fixture(id, "pass")) else {
            problems.push(format!(
                "{id}: missing tests/fixtures/rules/{id}/fail.yaml or pass.yaml"
            ));
            continue;
        };
        let checked = check_fixture(&fail);
        if !rules_of(&checked).contains(&id) {
            problems.push(format!("{id}: {} does not trigger it", fail.display()));
        }
        insta::with_settings!({ snapshot_suffix => id.replace('/', "__"), prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("rule", human(&checked));
        });
        let checked = check_fixture(&pass);
        if rules_of(&checked).contains(&id) {
            problems.push(format!(
                "{id}: {} triggers it:\n{}",
                pass.display(),
                human(&checked)
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn rule_ids_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in RULES {
        let id = rule.meta.id;
        assert!(seen.insert(id), "{id} registered twice");
        let (cat, name) = id.split_once('/').expect("category/name");
        assert!(!cat.is_empty() && !name.is_empty());
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'/' || b == b'-'),
            "{id}"
        );
    }
}
