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

/// In human output, the first `[file:line:col]` header of each diagnostic
/// is its primary location, as in the JSON, GitHub and SARIF outputs, even
/// when another label sits earlier in the same file.
#[test]
fn human_output_opens_each_diagnostic_at_its_primary_location() {
    let mut problems = Vec::new();
    for rule in RULES {
        let Some(fail) = fixture(rule.meta.id, "fail") else {
            continue;
        };
        let checked = check_fixture(&fail);
        for d in &checked.diagnostics {
            let Some(span) = d.primary_span() else {
                continue;
            };
            let at = checked.sources.line_col(span);
            let expected = format!(
                "[{}:{}:{}]",
                checked.sources.path(span.file).display(),
                at.line,
                at.column
            );
            let text = trackc::render::render(
                trackc::render::Format::Human,
                std::slice::from_ref(d),
                &checked.sources,
                &trackc::render::HumanOptions::default(),
            );
            let first = text
                .lines()
                .find_map(|l| l.split_once("─[").map(|(_, h)| format!("[{h}")));
            if first.as_deref() != Some(expected.as_str()) {
                problems.push(format!("{}: expected {expected} first:\n{text}", d.rule));
            }
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

/// docs/rules.md as generated from the registry.
fn rules_markdown() -> String {
    let mut out = String::from(
        "# Lint rules\n\n<!-- Generated from the rule registry by tests/rules.rs; run\n     `TRACKC_UPDATE_DOCS=1 cargo test --test rules` after changing a rule. -->\n\n",
    );
    out.push_str("Every rule has a stable id. Set a rule's severity in `trackc.yaml`\n(`lint: rules: {ID: error|warn|off}`), or silence it for one entry with\n`lint_ignore: [ID]` (see [plan-format.md](plan-format.md#silencing-a-rule)).\n`trackc explain ID` prints the same text as below.\n\n");
    out.push_str("| rule | default | summary |\n| --- | --- | --- |\n");
    for r in RULES {
        let anchor = r.meta.id.replace('/', "");
        out.push_str(&format!(
            "| [`{}`](#{anchor}) | {} | {} |\n",
            r.meta.id,
            r.meta.default_severity.as_str(),
            r.meta.summary().replace('|', "\\|")
        ));
    }
    for r in RULES {
        // Demote the docs' headings below the rule's own.
        let docs = r.meta.docs().replace("\n## ", "\n#### ");
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: **{}**{}.\n\n{}\n",
            r.meta.id,
            r.meta.default_severity.as_str(),
            if r.can_disable() {
                ""
            } else {
                " (cannot be turned off)"
            },
            docs
        ));
    }
    out
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let path = repo_root().join("docs/rules.md");
    let expected = rules_markdown();
    if std::env::var_os("TRACKC_UPDATE_DOCS").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/rules.md is out of date: run `TRACKC_UPDATE_DOCS=1 cargo test --test rules`"
    );
}
