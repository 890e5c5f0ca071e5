//! Silencing rules: `lint_ignore:` inside the plan, and per-rule severities
//! from `trackc.yaml`.

mod common;

use common::*;
use std::path::Path;
use trackc::check::{Checked, check_loaded};
use trackc::diagnostic::Severity;
use trackc::lint::RuleSettings;

fn check(text: &str) -> Checked {
    check_files(split_files(text, "plan.yaml"), Path::new("suppression"))
}

fn check_with(text: &str, settings: &RuleSettings) -> Checked {
    let mut files = split_files(text, "plan.yaml");
    files.insert(
        0,
        (Path::new(BASE_NAME).to_path_buf(), BASE_PLAN.to_string()),
    );
    let loaded = trackc::load::load_files(
        files
            .into_iter()
            .map(|(p, t)| (p, t.into_bytes()))
            .collect(),
    );
    check_loaded(loaded, settings)
}

/// Every diagnostic as (rule, the text under its primary label).
fn found(checked: &Checked) -> Vec<(&'static str, String)> {
    checked
        .diagnostics
        .iter()
        .map(|d| {
            let text = d
                .primary_span()
                .map(|s| checked.sources.get(s.file).slice(s).to_string())
                .unwrap_or_default();
            (d.rule, text)
        })
        .collect()
}

fn has(checked: &Checked, rule: &str, at: &str) -> bool {
    found(checked).iter().any(|(r, t)| *r == rule && t == at)
}

/// Two client events named like outcomes, a PII-looking property on each,
/// and no owner on either: several rules fire on each entry.
const TWO_EVENTS: &str = "\
events:
  Order Completed:
    description: The order was paid.
    side: client
    lint_ignore: [side/client-outcome]
    properties:
      email:
        type: string
        description: Buyer's address.
  Subscription Started:
    description: A subscription began.
    side: client
    properties:
      phone:
        type: string
        description: Buyer's phone.
";

#[test]
fn lint_ignore_on_an_event_silences_only_that_rule_on_only_that_event() {
    let without = check(&TWO_EVENTS.replace("    lint_ignore: [side/client-outcome]\n", ""));
    assert!(has(&without, "side/client-outcome", "Order Completed"));

    let with = check(TWO_EVENTS);
    // Silenced on the event that asks for it...
    assert!(!has(&with, "side/client-outcome", "Order Completed"));
    // ...but not on its sibling,
    assert!(has(&with, "side/client-outcome", "Subscription Started"));
    // and every other rule still reports the silenced event.
    assert!(has(&with, "docs/missing-owner", "Order Completed"));
    assert!(has(&with, "privacy/undeclared-pii", "email"));
    // Nothing else changed.
    assert_eq!(found(&without).len(), found(&with).len() + 1);
}

#[test]
fn lint_ignore_on_a_property_silences_only_that_property() {
    let text = TWO_EVENTS.replace(
        "        description: Buyer's address.\n",
        "        description: Buyer's address.\n        lint_ignore: [privacy/undeclared-pii]\n",
    );
    let checked = check(&text);
    assert!(!has(&checked, "privacy/undeclared-pii", "email"));
    assert!(has(&checked, "privacy/undeclared-pii", "phone"));
    // The event holding the property is not covered by the property's ignore.
    assert!(has(&checked, "docs/missing-owner", "Order Completed"));
}

#[test]
fn a_property_level_ignore_does_not_reach_up_to_its_event() {
    let checked = check(
        "\
events:
  Invoice Sent:
    owner: growth
    side: server
    properties:
      amount_cents:
        type: integer
        lint_ignore: [docs/missing-description]
      invoice_number:
        type: string
",
    );
    assert_eq!(
        found(&checked),
        [
            ("docs/missing-description", "Invoice Sent".to_string()),
            ("docs/missing-description", "invoice_number".to_string()),
        ]
    );
}

#[test]
fn an_entry_level_ignore_covers_what_is_written_inside_the_entry() {
    let checked = check(
        "\
events:
  Invoice Sent:
    owner: growth
    side: server
    lint_ignore: [docs/missing-description]
    properties:
      amount_cents:
        type: integer
  Invoice Viewed:
    owner: growth
    side: client
",
    );
    assert_eq!(
        found(&checked),
        [("docs/missing-description", "Invoice Viewed".to_string())]
    );
}

#[test]
fn lint_ignore_works_on_groups_funnels_metrics_and_shared_properties() {
    let text = "\
properties:
  legacy_id:
    type: string
    description: Kept for the old warehouse import.
    lint_ignore: [references/unused-property]
  old_tier:
    type: string
    description: Unused as well, and not ignored.
events:
  Invoice Sent:
    description: An invoice was emailed to a client.
    owner: growth
    side: server
groups:
  account:
    lint_ignore: [docs/missing-description]
  workspace:
    properties: {}
funnels:
  invoicing:
    description: Steps that are planned but not tracked yet.
    lint_ignore: [references/unknown-event]
    steps: [Invoice Sent, Invoice Paid]
  payments:
    description: Not ignored.
    steps: [Invoice Paid]
metrics:
  legacy_rate:
    description: Computed in the warehouse from an old funnel.
    funnel: legacy
    lint_ignore: [references/unknown-funnel]
  paid_rate:
    description: Not ignored.
    funnel: legacy
";
    let mut got = found(&check(text));
    got.sort();
    let mut want = vec![
        ("references/unused-property", "old_tier".to_string()),
        ("docs/missing-description", "workspace".to_string()),
        ("references/unknown-event", "Invoice Paid".to_string()),
        ("references/unknown-funnel", "legacy".to_string()),
    ];
    want.sort();
    assert_eq!(got, want);
}

#[test]
fn an_unknown_rule_id_in_lint_ignore_is_an_error_with_a_suggestion() {
    let checked = check(
        "\
events:
  Order Completed:
    description: The order was paid.
    owner: growth
    side: client
    lint_ignore: [side/client-outcomes]
",
    );
    let d = checked
        .diagnostics
        .iter()
        .find(|d| d.rule == "schema/invalid-value")
        .expect("an invalid-value error");
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.message
            .contains("`side/client-outcomes` is not a lint rule")
    );
    assert_eq!(
        d.help.as_deref(),
        Some("did you mean `side/client-outcome`?")
    );
    // An unknown id silences nothing.
    assert!(has(&checked, "side/client-outcome", "Order Completed"));
    assert!(checked.has_errors());
}

#[test]
fn lint_ignore_on_identify_traits_and_context_properties() {
    let checked = check(
        "\
identify:
  properties:
    email:
      type: string
      description: Sign-up address.
      lint_ignore: [privacy/undeclared-pii]
    phone:
      type: string
      description: Contact number.
context:
  properties:
    ip:
      type: string
      description: Client IP, truncated to /24 before sending.
      lint_ignore: [privacy/undeclared-pii]
",
    );
    assert_eq!(
        found(&checked),
        [("privacy/undeclared-pii", "phone".to_string())]
    );
}

const MISSING_DESCRIPTION: &str = "\
events:
  Invoice Sent:
    owner: growth
    side: server
  Order Completed:
    description: The order was paid.
    owner: growth
    side: client
";

fn settings(pairs: &[(&str, Option<Severity>)]) -> RuleSettings {
    RuleSettings {
        overrides: pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
    }
}

fn severity_of(checked: &Checked, rule: &str) -> Vec<Severity> {
    checked
        .diagnostics
        .iter()
        .filter(|d| d.rule == rule)
        .map(|d| d.severity)
        .collect()
}

#[test]
fn configured_severities_apply_per_rule() {
    let default = check_with(MISSING_DESCRIPTION, &RuleSettings::default());
    assert_eq!(
        severity_of(&default, "docs/missing-description"),
        [Severity::Error]
    );
    assert_eq!(
        severity_of(&default, "side/client-outcome"),
        [Severity::Warning]
    );

    let changed = check_with(
        MISSING_DESCRIPTION,
        &settings(&[
            ("docs/missing-description", Some(Severity::Warning)),
            ("side/client-outcome", Some(Severity::Error)),
        ]),
    );
    assert_eq!(
        severity_of(&changed, "docs/missing-description"),
        [Severity::Warning]
    );
    assert_eq!(
        severity_of(&changed, "side/client-outcome"),
        [Severity::Error]
    );

    let off = check_with(
        MISSING_DESCRIPTION,
        &settings(&[("docs/missing-description", None)]),
    );
    assert_eq!(rules_of(&off), ["side/client-outcome"]);
}

#[test]
fn rules_the_plan_cannot_be_read_without_stay_errors_whatever_the_config() {
    let text = "\
events:
  Invoice Sent:
    description: An invoice was emailed to a client.
    owner: growth
";
    let checked = check_with(
        text,
        &settings(&[("schema/missing-key", None), ("schema/invalid-value", None)]),
    );
    assert_eq!(
        severity_of(&checked, "schema/missing-key"),
        [Severity::Error]
    );
    let lowered = check_with(
        text,
        &settings(&[("schema/missing-key", Some(Severity::Warning))]),
    );
    assert_eq!(
        severity_of(&lowered, "schema/missing-key"),
        [Severity::Error]
    );
}

/// The same through the binary: `trackc.yaml` found from the working
/// directory, exit codes following the configured severities.
#[test]
fn trackc_yaml_severities_change_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let plan = format!("{BASE_PLAN}{MISSING_DESCRIPTION}");
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    std::fs::write(dir.path().join("plans/plan.yaml"), plan).unwrap();
    let run = |config: &str| {
        std::fs::write(dir.path().join("trackc.yaml"), config).unwrap();
        let out = trackc()
            .args(["check", "--format", "json"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        (
            out.status.code(),
            json,
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (code, _, _) = run("plan: plans/\n");
    assert_eq!(code, Some(1), "missing description is an error by default");

    let (code, json, _) =
        run("plan: plans/\nlint:\n  rules:\n    docs/missing-description: warn\n");
    assert_eq!(code, Some(0), "{json}");
    let text = json.to_string();
    assert!(text.contains("docs/missing-description"), "{text}");

    let (code, json, _) = run(
        "plan: plans/\nlint:\n  rules:\n    docs/missing-description: off\n    side/client-outcome: error\n",
    );
    assert_eq!(code, Some(1), "{json}");
    let text = json.to_string();
    assert!(!text.contains("docs/missing-description"), "{text}");
    assert!(text.contains("side/client-outcome"), "{text}");

    let (code, _, stderr) =
        run("plan: plans/\nlint:\n  rules:\n    docs/missing-descriptions: off\n");
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("did you mean `docs/missing-description`?"),
        "{stderr}"
    );
}
