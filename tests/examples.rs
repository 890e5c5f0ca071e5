//! The two example plans: the bundled Invoicely plan is clean, and the tour
//! plan (docs/tour.md) keeps showing every mistake the tour walks through.

mod common;

use common::*;

fn check_dir(dir: &str) -> std::process::Output {
    trackc()
        .args(["check", "--plan", dir])
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

#[test]
fn the_bundled_plan_is_clean() {
    let out = trackc()
        .arg("check")
        .current_dir(repo_root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "No problems found.\n");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn the_tour_plan_shows_each_deliberate_mistake() {
    let checked = check_fixture(&repo_root().join("plans/tour"));
    let found: Vec<(&str, String)> = checked
        .diagnostics
        .iter()
        .map(|d| {
            let at = d
                .primary_span()
                .map(|s| checked.sources.get(s.file).slice(s).to_string())
                .unwrap_or_default();
            (d.rule, at)
        })
        .collect();
    // Other rules may add to these (naming rules on `signed_up` /
    // `SignedUp`); docs/tour.md must describe each of these.
    for (rule, at) in [
        ("side/client-outcome", "SignedUp"),
        ("side/client-outcome", "Order Completed"),
        ("references/unknown-owner", "chekout"),
        ("docs/missing-description", "Order Completed"),
        ("schema/unknown-key", "requierd"),
        ("references/unused-property", "coupon_code"),
        ("privacy/undeclared-pii", "billing_email"),
        ("schema/ambiguous-scalar", "yes"),
        ("schema/ambiguous-scalar", "no"),
        ("references/unknown-event", "Order Complete"),
    ] {
        assert!(
            found.iter().any(|(r, a)| *r == rule && a == at),
            "{rule} at `{at}` missing from {found:?}"
        );
    }
    let out = check_dir("plans/tour/");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_tour_doc_shows_the_rules_the_tour_plan_triggers() {
    let doc = std::fs::read_to_string(repo_root().join("docs/tour.md")).unwrap();
    let out = check_dir("plans/tour/");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // Each rule id line the check prints appears in the doc's pasted output.
    for line in stdout
        .lines()
        .filter(|l| l.contains('/') && !l.starts_with(' ') && !l.contains(' ') && !l.is_empty())
    {
        assert!(doc.contains(line), "docs/tour.md does not mention `{line}`");
    }
    assert!(doc.contains(stdout.lines().last().unwrap_or_default()));
}
