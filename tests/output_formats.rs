//! `check --format human|json|github|sarif` on a plan split over two files:
//! a diagnostic about two places labels both files, at the right line and
//! column (counted in characters), in every format. SARIF is validated
//! against the SARIF 2.1.0 JSON Schema; GitHub workflow commands are escaped.

mod cli_support;
mod sarif_schema;

use cli_support::*;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use std::path::Path;

/// The plan block and an owner in one file; in the other, the same owner
/// again, after a non-ASCII name on the same line: `billing` starts at
/// character 46 of line 2 but at byte 50.
fn duplicate_owner_plan(dir: &Path) {
    write(
        dir,
        "plans/billing.yaml",
        "plan:\n  id: demo\n  name: Demo\nowners:\n  billing:\n    name: Billing Team\n",
    );
    write(
        dir,
        "plans/growth.yaml",
        "# Growth's owners. The first one's name is not ASCII.\n\
         owners: {\"équipe-über\": {name: Équipe Über}, billing: {name: Billing Squad}}\n",
    );
}

type Position = (String, u64, u64);

fn pos(file: &str, line: u64, column: u64) -> Position {
    (file.to_string(), line, column)
}

/// Runs every format and checks that the one `rule` diagnostic labels
/// exactly `expected` (file, line, column), in each.
fn assert_labels_in_every_format(dir: &Path, rule: &str, expected: &BTreeSet<Position>) {
    // json
    let doc = run(dir, &["check", "--plan", "plans", "--format", "json"])
        .expect(1)
        .json();
    let found: Vec<&Value> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect();
    assert_eq!(found.len(), 1, "one {rule} diagnostic: {doc:#}");
    let d = found[0];
    assert_eq!(d["severity"], "error");
    let labels = d["labels"].as_array().unwrap();
    assert_eq!(labels[0]["primary"], true);
    assert!(labels[1..].iter().all(|l| l["primary"] == false));
    let got: BTreeSet<Position> = labels
        .iter()
        .map(|l| {
            pos(
                l["file"].as_str().unwrap(),
                l["line"].as_u64().unwrap(),
                l["column"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(&got, expected, "json labels");

    // sarif
    let sarif = run(dir, &["check", "--plan", "plans", "--format", "sarif"])
        .expect(1)
        .json();
    let results: Vec<&Value> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == rule)
        .collect();
    assert_eq!(results.len(), 1, "one {rule} result");
    let r = results[0];
    assert_eq!(r["level"], "error");
    let index = r["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        sarif["runs"][0]["tool"]["driver"]["rules"][index]["id"],
        rule
    );
    let mut locations: Vec<&Value> = r["locations"].as_array().unwrap().iter().collect();
    locations.extend(r["relatedLocations"].as_array().unwrap());
    let got: BTreeSet<Position> = locations
        .iter()
        .map(|l| {
            let p = &l["physicalLocation"];
            pos(
                p["artifactLocation"]["uri"].as_str().unwrap(),
                p["region"]["startLine"].as_u64().unwrap(),
                p["region"]["startColumn"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(&got, expected, "sarif locations");

    // github: the primary location as properties, the others in the message.
    let gh = run(dir, &["check", "--plan", "plans", "--format", "github"]).expect(1);
    let title = format!("title=trackc {rule}::");
    let lines: Vec<&str> = gh.stdout.lines().filter(|l| l.contains(&title)).collect();
    assert_eq!(lines.len(), 1, "{}", gh.stdout);
    let line = lines[0];
    assert!(line.starts_with("::error "), "{line}");
    let (props, message) = line["::error ".len()..].split_once("::").unwrap();
    let prop = |name: &str| {
        props
            .split(',')
            .find_map(|p| p.strip_prefix(&format!("{name}=")))
            .unwrap_or_else(|| panic!("no {name} in {props}"))
            .to_string()
    };
    let primary = pos(
        &prop("file"),
        prop("line").parse().unwrap(),
        prop("col").parse().unwrap(),
    );
    assert!(
        expected.contains(&primary),
        "{primary:?} not in {expected:?}"
    );
    for other in expected.iter().filter(|p| **p != primary) {
        let at = format!("{}:{}:{}", other.0, other.1, other.2);
        assert!(message.contains(&at), "{at} not in {message}");
    }

    // human: one snippet header per file, `[file:line:col]`.
    let human = run(dir, &["check", "--plan", "plans", "--color", "never"]).expect(1);
    for (file, line, column) in expected {
        let header = format!("[{file}:{line}:{column}]");
        assert!(
            human.stdout.contains(&header),
            "{header} in\n{}",
            human.stdout
        );
    }
    assert!(human.stdout.contains(rule), "the rule id is shown");
}

#[test]
fn a_duplicate_definition_labels_both_files_in_every_format() {
    let dir = temp();
    duplicate_owner_plan(dir.path());
    let expected = BTreeSet::from([
        pos("plans/billing.yaml", 5, 3),
        pos("plans/growth.yaml", 2, 46),
    ]);
    assert_labels_in_every_format(dir.path(), "schema/duplicate-definition", &expected);
}

#[test]
fn signed_up_and_signedup_in_two_files_are_one_collision_labelled_in_both() {
    // The acceptance case.
    let dir = temp();
    write(
        dir.path(),
        "plans/plan.yaml",
        "plan:\n  id: demo\n  name: Demo\nowners:\n  growth:\n    name: Growth Team\n\
         events:\n  signed_up:\n    description: Sign-up completed.\n    owner: growth\n    side: server\n",
    );
    write(
        dir.path(),
        "plans/web.yaml",
        "# Ünïcode before the name, on the same line.\n\
         events: {\"Ça Marché\": {description: It worked., owner: growth, side: client}, \
         SignedUp: {description: Sign-up form posted., owner: growth, side: client}}\n",
    );
    let expected = BTreeSet::from([
        pos("plans/plan.yaml", 8, 3),
        // `SignedUp` follows 78 characters (80 bytes) on line 2.
        pos("plans/web.yaml", 2, 79),
    ]);
    let run1 = run(
        dir.path(),
        &["check", "--plan", "plans", "--format", "json"],
    )
    .expect(1);
    let doc = run1.json();
    let collisions = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "naming/collision")
        .count();
    assert_eq!(collisions, 1, "{doc:#}");
    assert_labels_in_every_format(dir.path(), "naming/collision", &expected);
}

/// Output with the parts that change for reasons of their own (the version,
/// the rule catalogue other branches extend) replaced by placeholders.
fn stable(format: &str, text: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match format {
        "json" | "sarif" => {
            let mut doc: Value = serde_json::from_str(text).unwrap();
            if format == "json" {
                assert_eq!(doc["tool"]["version"], version);
                doc["tool"]["version"] = json!("[version]");
            } else {
                let driver = &mut doc["runs"][0]["tool"]["driver"];
                assert_eq!(driver["version"], version);
                driver["version"] = json!("[version]");
                let rules = driver["rules"].as_array().unwrap();
                assert_eq!(rules.len(), trackc::lint::registry::RULES.len());
                driver["rules"] = json!("[every registered rule]");
            }
            serde_json::to_string_pretty(&doc).unwrap()
        }
        _ => text.to_string(),
    }
}

#[test]
fn every_format_of_a_two_file_diagnostic_is_snapshotted() {
    let dir = temp();
    duplicate_owner_plan(dir.path());
    for format in ["human", "json", "github", "sarif"] {
        let mut cmd = command(dir.path());
        cmd.env("NO_COLOR", "1").args([
            "check", "--plan", "plans", "--color", "never", "--format", format,
        ]);
        let out = output(cmd).expect(1);
        assert_eq!(out.stderr, "");
        insta::assert_snapshot!(format!("two_files_{format}"), stable(format, &out.stdout));
    }
}

const ESC: &str = "\u{1b}[";

#[test]
fn color_always_emits_ansi_escapes_and_never_does_not() {
    let dir = temp();
    duplicate_owner_plan(dir.path());
    let always = run(
        dir.path(),
        &["check", "--plan", "plans", "--color", "always"],
    )
    .expect(1);
    assert!(always.stdout.contains(ESC), "{}", always.stdout);
    let never = run(
        dir.path(),
        &["check", "--plan", "plans", "--color", "never"],
    )
    .expect(1);
    assert!(!never.stdout.contains(ESC), "{}", never.stdout);
    // Only human output is ever coloured.
    for format in ["json", "github", "sarif"] {
        let out = run(
            dir.path(),
            &[
                "check", "--plan", "plans", "--color", "always", "--format", format,
            ],
        )
        .expect(1);
        assert!(!out.stdout.contains(ESC), "{format}: {}", out.stdout);
    }
}

/// Runs `trackc check` on a pseudo-terminal with `script` (util-linux), so
/// that `--color auto` has a terminal to decide for.
fn on_a_terminal(dir: &Path, no_color: Option<&str>) -> Option<String> {
    let script = ["/usr/bin/script", "/bin/script"]
        .into_iter()
        .find(|p| Path::new(p).exists())?;
    let mut cmd = std::process::Command::new(script);
    let line = format!("{} check --plan plans", env!("CARGO_BIN_EXE_trackc"));
    cmd.current_dir(dir)
        .args(["-qec", &line, "/dev/null"])
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    if let Some(v) = no_color {
        cmd.env("NO_COLOR", v);
    }
    let out = output(cmd);
    assert_eq!(out.code, Some(1), "{out:?}");
    Some(out.stdout)
}

#[test]
fn color_auto_follows_the_terminal_and_no_color() {
    let dir = temp();
    duplicate_owner_plan(dir.path());
    // Piped: no colour.
    let piped = run(dir.path(), &["check", "--plan", "plans"]).expect(1);
    assert!(!piped.stdout.contains(ESC));
    let Some(tty) = on_a_terminal(dir.path(), None) else {
        eprintln!("`script` not installed: the terminal half of this test did not run");
        return;
    };
    assert!(tty.contains(ESC), "a terminal gets colour:\n{tty}");
    let no_color = on_a_terminal(dir.path(), Some("1")).unwrap();
    assert!(
        !no_color.contains(ESC),
        "NO_COLOR=1 turns it off:\n{no_color}"
    );
    assert!(no_color.contains("schema/duplicate-definition"));
    // An empty NO_COLOR does not count (no-color.org).
    let empty = on_a_terminal(dir.path(), Some("")).unwrap();
    assert!(empty.contains(ESC));
}

#[test]
fn sarif_output_is_valid_against_the_sarif_2_1_0_schema() {
    let validator = sarif_schema::validator();

    let dir = temp();
    duplicate_owner_plan(dir.path());
    // Errors and warnings, several files, related locations...
    write(
        dir.path(),
        "plans/web.yaml",
        "sources:\n  web: {side: client, description: Browser.}\nevents:\n  Toggle Flipped:\n    \
         description: A toggle.\n    owner: billing\n    side: client\n    properties:\n      \
         state: {type: string, description: On or off., enum: [on, off]}\n      bad: {tpye: string}\n",
    );
    // ... a syntax error, and an empty plan.
    write(dir.path(), "broken/plan.yaml", "plan: {id: x\n");
    write(dir.path(), "clean/plan.yaml", CLEAN_PLAN);
    for (plan, code) in [("plans", 1), ("broken", 1), ("clean", 0)] {
        let doc = run(dir.path(), &["check", "--plan", plan, "--format", "sarif"])
            .expect(code)
            .json();
        sarif_schema::assert_valid(&validator, &doc, plan);
        let results = doc["runs"][0]["results"].as_array().unwrap();
        assert_eq!(results.is_empty(), code == 0, "{plan}");
    }
}

#[test]
fn github_commands_escape_file_names_and_messages() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    // A file name with every character a workflow command property escapes.
    let name = "50%,a:b\nc.yaml";
    write(
        dir.path(),
        &format!("plans/{name}"),
        "owners:\n  \"100%\": {}\n",
    );
    let out = run(
        dir.path(),
        &["check", "--plan", "plans", "--format", "github"],
    )
    .expect(1);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(!lines.is_empty(), "{}", out.stdout);
    for line in &lines {
        assert!(
            line.starts_with("::error ") || line.starts_with("::warning "),
            "{line:?}"
        );
        assert!(
            line.contains("file=plans/50%25%2Ca%3Ab%0Ac.yaml,line="),
            "{line:?}"
        );
    }
    // One command per diagnostic: no raw newline split a command in two.
    let doc = run(
        dir.path(),
        &["check", "--plan", "plans", "--format", "json"],
    )
    .json();
    assert_eq!(lines.len(), doc["diagnostics"].as_array().unwrap().len());
    // In the message only %, CR and LF are escaped.
    assert!(
        lines.iter().any(|l| l.contains("`100%25`")),
        "{}",
        out.stdout
    );
    // SARIF gets the same name as a URI reference, percent-encoded.
    let sarif = run(
        dir.path(),
        &["check", "--plan", "plans", "--format", "sarif"],
    )
    .json();
    let uri =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(uri["uri"], "plans/50%25%2Ca%3Ab%0Ac.yaml");
    assert_eq!(uri["uriBaseId"], "%SRCROOT%");
    // An absolute plan path becomes a file: URI, with no base.
    let abs = dir.path().join("plans");
    let sarif = run(
        dir.path(),
        &[
            "check",
            "--plan",
            abs.to_str().unwrap(),
            "--format",
            "sarif",
        ],
    )
    .json();
    let uri =
        &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    let expected = format!("file://{}/50%25%2Ca%3Ab%0Ac.yaml", abs.display());
    assert_eq!(uri["uri"], expected.as_str());
    assert!(uri.get("uriBaseId").is_none());
    assert_eq!(
        trackc::render::github_escape_property("a%b\r\nc:d,e"),
        "a%25b%0D%0Ac%3Ad%2Ce"
    );
    assert_eq!(
        trackc::render::github_escape_data("a%b\r\nc:d,e"),
        "a%25b%0D%0Ac:d,e"
    );
}

/// A plan whose one error sits at the end of a line `len` characters long.
fn error_after_a_long_line(dir: &Path, len: usize) {
    let description = "x".repeat(len);
    let head = "  Pricing Page Viewed: {owner: growth, side: client, description: ";
    let tail = ", bogus: 1}";
    let line = format!("{head}{description}{tail}");
    assert!(line.len() > len);
    write(
        dir,
        "plan.yaml",
        format!(
            "plan:\n  id: demo\n  name: Demo\nowners:\n  growth:\n    name: Growth Team\nevents:\n{line}\n"
        ),
    );
}

#[test]
fn human_output_shows_long_lines_but_not_huge_ones() {
    let dir = temp();
    error_after_a_long_line(dir.path(), 1_000);
    let shown = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(1);
    assert!(
        shown.stdout.contains("[plan.yaml:8:1069]"),
        "{}",
        shown.stdout
    );
    assert!(
        shown.stdout.contains(&"x".repeat(1_000)),
        "the line is shown"
    );

    error_after_a_long_line(dir.path(), 5_000);
    let hidden = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(1);
    assert!(!hidden.stdout.contains("xxxxxxxxxx"), "{}", hidden.stdout);
    assert!(
        hidden
            .stdout
            .contains("at plan.yaml:8:5069 (the line is too long to show)"),
        "{}",
        hidden.stdout
    );
    // The machine formats are unchanged by it.
    let doc = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--format", "json"],
    )
    .json();
    assert_eq!(doc["diagnostics"][0]["labels"][0]["column"], 5069);
}

/// The formats each verb's `--help` offers, as a sorted list.
fn formats_in_help(verb: &str) -> Vec<String> {
    let dir = temp();
    let help = run(dir.path(), &[verb, "--help"]).expect(0).stdout;
    let at = help.find("--format <FORMAT>").expect("a --format option");
    let values = help[at..]
        .split("[possible values: ")
        .nth(1)
        .and_then(|v| v.split(']').next())
        .expect("possible values");
    let mut v: Vec<String> = values.split(',').map(|s| s.trim().to_string()).collect();
    v.sort();
    v
}

/// shared/spec/cli.md: `check`, `diff` and `validate` take human, json,
/// github and sarif; `diff` also markdown. `--help` and the docs say so.
#[test]
fn check_diff_and_validate_offer_the_formats_the_spec_and_docs_name() {
    let docs = |name: &str| {
        std::fs::read_to_string(format!("{}/docs/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    };
    let four = ["github", "human", "json", "sarif"];
    assert_eq!(formats_in_help("check"), four);
    assert_eq!(formats_in_help("validate"), four);
    assert_eq!(
        formats_in_help("diff"),
        ["github", "human", "json", "markdown", "sarif"]
    );
    assert!(
        docs("output-formats.md").contains(
            "`trackc check`, `diff` and `validate` take `--format human|json|github|sarif`"
        )
    );
    assert!(docs("diff.md").contains("| `--format human\\|json\\|markdown\\|github\\|sarif` |"));
    assert!(docs("validate.md").contains("`--format human|json|github|sarif` [default: human]"));
}
