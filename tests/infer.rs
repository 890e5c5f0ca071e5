//! `trackc infer`: a draft plan from events that the loader reads back,
//! keeping what the data hides visible to `trackc check`.

mod common;

use common::*;
use std::path::PathBuf;
use trackc::model::Type;

const SAMPLE: &str = "tests/fixtures/events/sample.jsonl";

fn infer(args: &[&str]) -> (i32, String, String) {
    let out = trackc()
        .current_dir(repo_root())
        .arg("infer")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn load(text: &str) -> trackc::load::Loaded {
    trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        text.as_bytes().to_vec(),
    )])
}

#[test]
fn the_sample_draft_keeps_both_spellings_and_both_amount_types() {
    let (code, out, err) = infer(&[SAMPLE]);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("infer_sample", out);
    let loaded = load(&out);
    // The draft is valid YAML in the plan format; only the placeholders'
    // missing `side` is reported.
    for d in &loaded.diagnostics {
        assert!(
            d.rule == "schema/missing-key" && d.message.contains("has no `side`"),
            "{}: {}",
            d.rule,
            d.message
        );
    }
    assert_eq!(loaded.diagnostics.len(), 4);
    let plan = &loaded.plan;
    assert!(plan.event("signed_up").is_some() && plan.event("SignedUp").is_some());
    let amount = |event: &str| {
        plan.event(event)
            .unwrap()
            .properties
            .iter()
            .find(|p| p.name.value == "amount")
            .unwrap()
            .ty
            .value
    };
    assert_eq!(amount("Invoice Paid"), Type::Number);
    assert_eq!(amount("Refund Issued"), Type::String);
    let signed = plan.event("signed_up").unwrap();
    let referrer = &signed.properties[1];
    assert!(referrer.nullable && referrer.required);
    assert_eq!(signed.properties[2].ty.value, Type::Datetime);
    let paid = plan.event("Invoice Paid").unwrap();
    let items = paid
        .properties
        .iter()
        .find(|p| p.name.value == "items")
        .unwrap();
    let item = items.items.as_ref().unwrap();
    assert_eq!(item.ty.value, Type::Object);
    assert_eq!(item.properties[1].ty.value, Type::Integer);
    assert_eq!(
        paid.properties
            .iter()
            .find(|p| p.name.value == "paid_on")
            .unwrap()
            .ty
            .value,
        Type::Date
    );
}

#[test]
fn enums_follow_the_thresholds_and_optional_properties_are_not_required() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jsonl");
    let mut text = String::new();
    for i in 0..30 {
        let extra = if i % 3 == 0 {
            r#","coupon":"SPRING""#
        } else {
            ""
        };
        text.push_str(&format!(
            "{{\"event\":\"Checkout\",\"properties\":{{\"tier\":\"{}\",\"n\":{i}{extra}}}}}\n",
            ["free", "pro"][i % 2]
        ));
    }
    std::fs::write(&path, text).unwrap();
    let p = path.to_str().unwrap();
    let (_, out, _) = infer(&[p]);
    let plan = load(&out).plan;
    let props = &plan.event("Checkout").unwrap().properties;
    assert_eq!(props[0].enum_json().unwrap().len(), 2);
    assert!(props[1].enum_values.is_none(), "integers never get an enum");
    assert!(!props[2].required, "coupon is in 10 of 30 events");
    assert!(out.contains("# present in 10 of 30"), "{out}");
    let (_, out, _) = infer(&["--enum-min-count", "50", p]);
    let plan = load(&out).plan;
    assert!(
        plan.event("Checkout").unwrap().properties[0]
            .enum_values
            .is_none()
    );
}

/// validate holds only track calls to `context:`, so identify and group
/// calls, with or without a context, do not shape it.
#[test]
fn only_track_calls_shape_the_context() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"event":"A","context":{"app":"x"}}"#,
            "\n",
            r#"{"type":"identify","traits":{"a":1}}"#,
            "\n",
            r#"{"type":"group","traits":{"b":1},"context":{"device":"d"}}"#,
            "\n",
        ),
    )
    .unwrap();
    let (_, out, _) = infer(&[path.to_str().unwrap()]);
    let context = load(&out).plan.context.unwrap();
    let names: Vec<(&str, bool)> = context
        .properties
        .iter()
        .map(|p| (p.name.value.as_str(), p.required))
        .collect();
    assert_eq!(names, [("app", true)], "{out}");
}

#[test]
fn lines_that_are_not_events_are_warned_about_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("e.jsonl");
    std::fs::write(&path, "{\"event\":\"A\"}\nnot json\n[1]\n").unwrap();
    let (code, out, err) = infer(&[path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(err.contains("2 lines are not events"), "{err}");
    assert!(err.contains(":2: not JSON"), "{err}");
    assert!(load(&out).plan.event("A").is_some());
}

#[test]
fn a_draft_with_its_placeholders_filled_validates_the_data_it_came_from() {
    let (_, out, _) = infer(&[SAMPLE]);
    let filled = out.replace("# side: TODO client or server", "side: server");
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(&plan, filled).unwrap();
    let out = trackc()
        .current_dir(repo_root())
        .args([
            "validate",
            "--format",
            "json",
            "--plan",
            plan.to_str().unwrap(),
            SAMPLE,
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["summary"]["invalid"], 0, "{report:#}");
    assert_eq!(report["summary"]["unknown"], 0);
    assert_eq!(out.status.code(), Some(0));
}

/// The README shows `check` on the inferred sample finding the collision
/// and the type conflict; that excerpt must be what trackc prints.
#[test]
fn readme_infer_excerpt_is_real_output() {
    let dir = tempfile::tempdir().unwrap();
    let infer = common::trackc()
        .args(["infer", "tests/fixtures/events/sample.jsonl"])
        .current_dir(common::repo_root())
        .output()
        .unwrap();
    assert!(
        infer.status.success(),
        "{}",
        String::from_utf8_lossy(&infer.stderr)
    );
    std::fs::write(dir.path().join("draft.yaml"), &infer.stdout).unwrap();
    let check = common::trackc()
        .args(["check", "--plan", "draft.yaml", "--color", "never"])
        .env("COLUMNS", "100")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(1));
    let actual = String::from_utf8_lossy(&check.stdout);
    let readme = std::fs::read_to_string(common::repo_root().join("README.md")).unwrap();
    let start = readme
        .find("$ trackc check --plan draft.yaml\n...\n")
        .expect("README excerpt")
        + "$ trackc check --plan draft.yaml\n...\n".len();
    let end = start
        + readme[start..]
            .find("...\nFound")
            .expect("README excerpt end");
    let excerpt = &readme[start..end];
    assert!(excerpt.contains("naming/collision") && excerpt.contains("types/conflict"));
    for block in excerpt.split("\n\n").filter(|b| !b.trim().is_empty()) {
        assert!(
            actual.contains(block.trim_end()),
            "README block not in output:\n{block}\n--- output:\n{actual}"
        );
    }
}
