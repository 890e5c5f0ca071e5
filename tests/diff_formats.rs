//! Every `diff --format` on one comparison with breaking and non-breaking
//! changes, a removal (located on the old side) and the version warning.

mod sarif_schema;

use trackc::diff::format::{DiffFormat, render};
use trackc::diff::{self, Report, Side};

const OLD: &str = "\
plan:
  id: shop
  name: Shop
  version: 3
owners:
  growth:
    name: Growth Team
    contact: \"#growth\"
  checkout:
    name: Checkout Team
sources:
  web:
    side: client
    description: Web app.
events:
  Cart Viewed:
    description: The cart page was shown.
    owner: growth
    side: client
    properties:
      item_count:
        type: integer
        minimum: 0
        description: Items in the cart.
  Coupon Applied:
    description: A coupon was applied.
    owner: checkout
    side: client
    properties:
      code:
        type: string
        description: The coupon code.
  Order Placed:
    description: An order was placed.
    owner: checkout
    side: client
    properties:
      payment:
        type: string
        enum: [card, paypal]
        description: How the order was paid.
";

fn new_plan() -> String {
    OLD.replace(
        "  Coupon Applied:
    description: A coupon was applied.
    owner: checkout
    side: client
    properties:
      code:
        type: string
        description: The coupon code.
",
        "",
    )
    .replace("enum: [card, paypal]", "enum: [card, paypal, klarna]")
    .replace("minimum: 0", "minimum: 1")
    .replace(
        "The cart page was shown.",
        "The cart page or drawer was shown.",
    )
}

fn report() -> Report {
    let side = |text: &str| {
        Side::from_loaded(
            trackc::load::load_files(vec![("plans/shop.yaml".into(), text.as_bytes().to_vec())]),
            None,
        )
    };
    diff::diff(&side(OLD), &side(&new_plan()), "origin/main")
}

#[test]
fn human() {
    insta::assert_snapshot!(render(DiffFormat::Human, &report(), false));
}

#[test]
fn human_in_colour_marks_breaking_changes_red() {
    let out = render(DiffFormat::Human, &report(), true);
    assert!(
        out.contains("\x1b[1;31mbreaking[event.removed]\x1b[0m"),
        "{out}"
    );
}

#[test]
fn markdown() {
    insta::assert_snapshot!(render(DiffFormat::Markdown, &report(), false));
}

#[test]
fn github() {
    insta::assert_snapshot!(render(DiffFormat::Github, &report(), false));
}

#[test]
fn sarif() {
    let out = render(DiffFormat::Sarif, &report(), false);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    sarif_schema::assert_valid(&sarif_schema::validator(), &doc, "diff --format sarif");
    sarif_schema::assert_rules_match_results(&doc);
    let results = doc["runs"][0]["results"].as_array().unwrap();
    let levels: Vec<(&str, &str)> = results
        .iter()
        .map(|r| (r["ruleId"].as_str().unwrap(), r["level"].as_str().unwrap()))
        .collect();
    assert_eq!(
        levels,
        [
            ("constraint.narrowed", "error"),
            ("event.removed", "error"),
            ("event.description_changed", "note"),
            ("enum.value_added", "note"),
            ("diff/version-not-bumped", "warning"),
        ]
    );
    // A change in the new plan points at its line; a removal at its old
    // file, without a region, and says where it was in the message.
    let place = |i: usize| &results[i]["locations"][0]["physicalLocation"];
    assert_eq!(place(0)["artifactLocation"]["uri"], "plans/shop.yaml");
    assert_eq!(place(0)["region"]["startLine"], 23);
    assert_eq!(place(1)["artifactLocation"]["uri"], "plans/shop.yaml");
    assert!(place(1).get("region").is_none(), "{:#}", place(1));
    assert!(
        results[1]["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("(was at plans/shop.yaml:25:3 in origin/main)")
    );
    insta::assert_snapshot!(out.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn json() {
    let out = render(DiffFormat::Json, &report(), false);
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["summary"]["breaking"], 2);
    assert_eq!(doc["summary"]["non_breaking"], 2);
    let removed = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "event.removed")
        .unwrap();
    assert_eq!(removed["class"], "breaking");
    assert_eq!(removed["location"]["revision"], "old");
    assert_eq!(removed["location"]["line"], 25);
    assert_eq!(doc["reviewers"][1]["key"], "checkout");
    insta::assert_snapshot!(out.replace(env!("CARGO_PKG_VERSION"), "[version]"));
}

#[test]
fn no_changes() {
    let side = || {
        Side::from_loaded(
            trackc::load::load_files(vec![("plans/shop.yaml".into(), OLD.as_bytes().to_vec())]),
            None,
        )
    };
    let r = diff::diff(&side(), &side(), "HEAD");
    assert_eq!(
        render(DiffFormat::Markdown, &r, false),
        "## Tracking plan changes against `HEAD`\n\nNo changes to the tracking plan.\n"
    );
    assert_eq!(
        render(DiffFormat::Human, &r, false),
        "no changes against HEAD\n"
    );
    assert_eq!(render(DiffFormat::Github, &r, false), "");
    let sarif: serde_json::Value =
        serde_json::from_str(&render(DiffFormat::Sarif, &r, false)).unwrap();
    sarif_schema::assert_valid(&sarif_schema::validator(), &sarif, "no changes");
    assert_eq!(sarif["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"],
        serde_json::json!([])
    );
}

#[test]
fn the_documented_json_example_has_the_real_shape() {
    let docs = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/docs/output-formats.md"
    ))
    .unwrap();
    let section = docs.split("## diff\n").nth(1).unwrap();
    let start = section.find("```json\n").unwrap() + "```json\n".len();
    let end = section[start..].find("```").unwrap() + start;
    let example: serde_json::Value = serde_json::from_str(&section[start..end]).unwrap();
    let real: serde_json::Value =
        serde_json::from_str(&render(DiffFormat::Json, &report(), false)).unwrap();
    let keys =
        |v: &serde_json::Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(keys(&example), keys(&real));
    assert_eq!(keys(&example["changes"][0]), keys(&real["changes"][0]));
    assert_eq!(
        keys(&example["changes"][0]["location"]),
        keys(&real["changes"][0]["location"])
    );
    assert_eq!(keys(&example["warnings"][0]), keys(&real["warnings"][0]));
}
