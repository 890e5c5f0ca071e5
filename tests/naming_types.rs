//! The naming/* and types/* rules beyond their fixtures: the two-file
//! collision from the issue in every output format, suppression, the bundled
//! plan staying clean, and near-duplicate detection on a large plan.

mod common;

use common::*;
use std::fmt::Write as _;
use std::path::PathBuf;

fn two_file_collision() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.yaml"), BASE_PLAN).unwrap();
    std::fs::write(
        dir.path().join("billing.yaml"),
        "events:\n  SignedUp:\n    description: Sign-up completed.\n    owner: growth\n    side: server\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("growth.yaml"),
        "# Growth's events.\nevents:\n    signed_up:\n      description: Sign-up completed.\n      owner: growth\n      side: server\n",
    )
    .unwrap();
    dir
}

fn run_check(dir: &std::path::Path, format: &str) -> (i32, String) {
    let out = trackc()
        .args(["check", "--format", format, "--plan"])
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn a_collision_across_two_files_is_one_error_labelling_both_in_every_format() {
    let dir = two_file_collision();
    let (code, json) = run_check(dir.path(), "json");
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let collisions: Vec<&serde_json::Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "naming/collision")
        .collect();
    assert_eq!(collisions.len(), 1, "{json}");
    let labels = collisions[0]["labels"].as_array().unwrap();
    let at = |l: &serde_json::Value| {
        (
            l["file"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string(),
            l["line"].as_u64().unwrap(),
            l["column"].as_u64().unwrap(),
        )
    };
    assert_eq!(at(&labels[0]), ("growth.yaml".into(), 3, 5));
    assert_eq!(at(&labels[1]), ("billing.yaml".into(), 2, 3));

    let (code, github) = run_check(dir.path(), "github");
    assert_eq!(code, 1);
    let line = github
        .lines()
        .find(|l| l.contains("naming/collision"))
        .unwrap_or_else(|| panic!("{github}"));
    assert!(line.starts_with("::error file="), "{line}");
    assert!(line.contains("growth.yaml,line=3,col=5"), "{line}");
    assert!(line.contains("billing.yaml:2:3"), "{line}");

    let (code, sarif) = run_check(dir.path(), "sarif");
    assert_eq!(code, 1);
    let doc: serde_json::Value = serde_json::from_str(&sarif).unwrap();
    let results: Vec<&serde_json::Value> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "naming/collision")
        .collect();
    assert_eq!(results.len(), 1);
    let text = results[0].to_string();
    assert!(
        text.contains("growth.yaml") && text.contains("billing.yaml"),
        "{text}"
    );

    let (code, human) = run_check(dir.path(), "human");
    assert_eq!(code, 1);
    assert_eq!(human.matches("naming/collision").count(), 1, "{human}");
    assert!(
        human.contains("growth.yaml:3:5") && human.contains("billing.yaml:2:3"),
        "{human}"
    );
}

#[test]
fn a_near_duplicate_is_silenced_on_the_event_it_points_at() {
    let plan = "\
events:
  Email Updated:
    description: The user changed their email address.
    owner: growth
    side: server
  Updated Email:
    description: The email address was changed by an admin.
    owner: growth
    side: server
    lint_ignore: [naming/near-duplicate]
";
    let checked = check_files(split_files(plan, "plan.yaml"), &PathBuf::from("mem"));
    assert!(
        !rules_of(&checked).contains(&"naming/near-duplicate"),
        "{}",
        human(&checked)
    );
    let loud = plan.replace("    lint_ignore: [naming/near-duplicate]\n", "");
    let checked = check_files(split_files(&loud, "plan.yaml"), &PathBuf::from("mem"));
    assert_eq!(
        rules_of(&checked),
        ["naming/near-duplicate"],
        "{}",
        human(&checked)
    );
}

#[test]
fn the_bundled_example_plan_is_clean() {
    let checked = check_fixture(&repo_root().join("plans/invoicely"));
    assert!(checked.diagnostics.is_empty(), "{}", human(&checked));
}

/// A large plan of distinct, realistic names gives no near-duplicate noise,
/// and the few planted ones are all found (the index finds pairs without
/// comparing every pair; speed is measured by the benchmark, not here).
#[test]
fn near_duplicates_in_a_large_plan_are_found_without_noise() {
    const OBJECTS: &[&str] = &[
        "Invoice",
        "Payment",
        "Client",
        "Workspace",
        "Report",
        "Project",
        "Task",
        "Comment",
        "Seat",
        "Subscription",
        "Coupon",
        "Reminder",
        "Estimate",
        "Expense",
        "Receipt",
        "Template",
        "Integration",
        "Webhook",
        "Export",
        "Import",
    ];
    const ACTIONS: &[&str] = &[
        "Created",
        "Sent",
        "Viewed",
        "Paid",
        "Archived",
        "Restored",
        "Shared",
        "Duplicated",
        "Approved",
        "Rejected",
        "Scheduled",
        "Cancelled",
        "Opened",
        "Closed",
        "Assigned",
        "Renamed",
        "Moved",
        "Locked",
        "Printed",
        "Exported",
    ];
    let mut plan = String::from("events:\n");
    let mut n = 0;
    for area in 0..6 {
        for o in OBJECTS {
            for a in ACTIONS {
                n += 1;
                let _ = write!(
                    plan,
                    "  Area{area} {o} {a}:\n    description: x.\n    owner: growth\n    side: server\n"
                );
            }
        }
    }
    assert_eq!(n, 2400);
    for planted in [
        "Area1 Invoices Sent",
        "Area2 Paid Payment",
        "Area3 Clinet Viewed",
    ] {
        let _ = write!(
            plan,
            "  {planted}:\n    description: x.\n    owner: growth\n    side: server\n"
        );
    }
    let checked = check_files(split_files(&plan, "plan.yaml"), &PathBuf::from("mem"));
    let mut found: Vec<&str> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "naming/near-duplicate")
        .map(|d| d.message.as_str())
        .collect();
    found.sort_unstable();
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("`Area1 Invoices Sent` and `Area1 Invoice Sent`"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("`Area2 Paid Payment` and `Area2 Payment Paid`"),
        "{found:#?}"
    );
    assert!(
        found[2].starts_with("`Area3 Clinet Viewed` and `Area3 Client Viewed`"),
        "{found:#?}"
    );
}

/// Names that fold apart can still derive one identifier once a target
/// escapes them (a leading digit gets a prefix): that is a collision too.
#[test]
fn names_deriving_the_same_identifier_collide() {
    let plan = "\
events:
  1st Place Won:
    description: The first place was won.
    owner: growth
    side: server
  N1st Place Won:
    description: Another event whose identifier is the same.
    owner: growth
    side: server
";
    let checked = check_files(
        vec![(std::path::PathBuf::from("plan.yaml"), plan.to_string())],
        std::path::Path::new("."),
    );
    let collisions: Vec<_> = checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == "naming/collision")
        .collect();
    assert_eq!(collisions.len(), 1, "{}", human(&checked));
    assert!(
        collisions[0]
            .message
            .contains("both become `n1stPlaceWon` in typescript")
    );
    assert_eq!(collisions[0].labels.len(), 2);
}
