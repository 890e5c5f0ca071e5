//! `trackc validate` end to end: the report in every format, exit codes,
//! determinism across thread counts, gzip and stdin input, and very long
//! lines.

mod common;
mod sarif_schema;

use common::*;
use serde_json::Value;
use std::io::Write;
use std::path::Path;

const FIXTURE: &str = "tests/fixtures/events/invoicely.jsonl";

fn validate(args: &[&str]) -> (i32, String, String) {
    let out = trackc()
        .current_dir(repo_root())
        .env("CI", "true")
        .arg("validate")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json_report(args: &[&str]) -> (i32, Value) {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (code, out, err) = validate(&all);
    assert!(err.is_empty(), "stderr: {err}");
    (code, serde_json::from_str(&out).unwrap())
}

#[test]
fn the_human_report_lists_counts_unknown_events_violations_and_bad_lines() {
    let (code, out, _) = validate(&[FIXTURE]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("validate_human", out);
}

#[test]
fn the_json_report_has_every_finding_with_line_numbers() {
    let (code, r) = json_report(&[FIXTURE]);
    assert_eq!(code, 1);
    let s = &r["summary"];
    assert_eq!(s["lines"], 14);
    assert_eq!(s["blank_lines"], 1);
    assert_eq!(s["events"], 9);
    assert_eq!(s["valid"], 2);
    assert_eq!(s["invalid"], 5);
    assert_eq!(s["unknown"], 2);
    assert_eq!(s["skipped"]["page"], 1);
    assert_eq!(s["bad_lines"], 3);
    let unknown: Vec<(&str, &str)> = r["unknown_events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["name"].as_str().unwrap(),
                u["did_you_mean"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        unknown,
        vec![
            ("Invoice Snet", "Invoice Sent"),
            ("invoice_sent", "Invoice Sent")
        ]
    );
    let found: Vec<(String, String, String, u64)> = r["violations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["event"].as_str().unwrap().to_string(),
                v["path"].as_str().unwrap().to_string(),
                v["keyword"].as_str().unwrap().to_string(),
                v["lines"][0]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    let has = |e: &str, p: &str, k: &str, line: u64| {
        assert!(
            found.contains(&(e.into(), p.into(), k.into(), line)),
            "no {e} {p} {k} at line {line} in {found:?}"
        )
    };
    has("Invoice Sent", "workspace_id", "format", 2);
    has("Invoice Sent", "delivery_method", "enum", 2);
    has("Invoice Sent", "recipient_count", "minimum", 2);
    has("Invoice Sent", "sent_by", "additionalProperties", 2);
    has("Invoice Sent", "context.app_version", "required", 12);
    has("Invoice Viewed", "viewer.is_owner", "type", 3);
    has("Invoice Viewed", "context.app_version", "pattern", 3);
    has("Invoice Created", "tags[]", "type", 5);
    has("group", "seat_count", "minimum", 11);
    let bad: Vec<u64> = r["bad_lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["line"].as_u64().unwrap())
        .collect();
    assert_eq!(bad, vec![6, 7, 14]);
}

#[test]
fn valid_data_exits_0_and_unknown_events_fail_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let lines: Vec<&str> = std::fs::read_to_string(repo_root().join(FIXTURE))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect::<Vec<_>>()
        .leak()
        .iter()
        .map(String::as_str)
        .collect();
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, format!("{}\n{}\n", lines[0], lines[9])).unwrap();
    let (code, _, _) = validate(&[good.to_str().unwrap()]);
    assert_eq!(code, 0);
    let unknown = dir.path().join("unknown.jsonl");
    std::fs::write(&unknown, format!("{}\n{}\n", lines[0], lines[12])).unwrap();
    assert_eq!(validate(&[unknown.to_str().unwrap()]).0, 1);
    assert_eq!(
        validate(&["--allow-unknown", unknown.to_str().unwrap()]).0,
        0
    );
}

/// Many copies of the fixture, so the input spans many batches.
fn big_input(dir: &Path, copies: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo_root().join(FIXTURE)).unwrap();
    let path = dir.join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for _ in 0..copies {
        f.write_all(text.as_bytes()).unwrap();
    }
    f.flush().unwrap();
    path
}

#[test]
fn the_report_is_the_same_whatever_the_number_of_threads() {
    let dir = tempfile::tempdir().unwrap();
    let big = big_input(dir.path(), 3000);
    let big = big.to_str().unwrap();
    let (_, one) = json_report(&["-j", "1", big]);
    let (_, four) = json_report(&["-j", "4", big]);
    assert_eq!(one, four);
    assert_eq!(one["summary"]["lines"], 14 * 3000);
    assert_eq!(one["summary"]["invalid"], 5 * 3000);
    // Examples are the first lines of the input, in order.
    let lines: Vec<u64> = one["violations"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
}

#[test]
fn gzip_files_and_stdin_give_the_same_report_as_the_plain_file() {
    use flate2::{Compression, write::GzEncoder};
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(repo_root().join(FIXTURE)).unwrap();
    let gz = dir.path().join("events.jsonl.gz");
    let mut enc = GzEncoder::new(Vec::new(), Compression::default());
    enc.write_all(&text).unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let (_, plain) = json_report(&[FIXTURE]);
    let (_, zipped) = json_report(&[gz.to_str().unwrap()]);
    assert_eq!(plain["summary"], zipped["summary"]);
    assert_eq!(
        plain["violations"].as_array().unwrap().len(),
        zipped["violations"].as_array().unwrap().len()
    );

    let mut child = trackc()
        .current_dir(repo_root())
        .args(["validate", "--format", "json", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    let from_stdin: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(from_stdin["summary"], plain["summary"]);
    assert_eq!(from_stdin["inputs"][0], "<stdin>");
}

#[test]
fn a_ten_megabyte_line_is_validated_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.jsonl");
    let long = "x".repeat(10 * 1024 * 1024);
    let line = format!(
        "{{\"type\":\"track\",\"event\":\"Invoice Viewed\",\"properties\":{{\"invoice_id\":\"{long}\"}},\"context\":{{\"app_version\":\"1.0.0\"}}}}\n"
    );
    std::fs::write(&path, line).unwrap();
    let (code, r) = json_report(&[path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(r["summary"]["invalid"], 1);
    let v = &r["violations"][0];
    assert_eq!(v["path"], "invoice_id");
    assert_eq!(v["keyword"], "pattern");
    // The message never quotes the 10 MB value.
    assert!(v["message"].as_str().unwrap().len() < 200);
}

#[test]
fn a_missing_input_is_exit_2() {
    let (code, _, err) = validate(&["no/such/file.jsonl"]);
    assert_eq!(code, 2);
    assert!(err.contains("no/such/file.jsonl"), "{err}");
}

#[test]
fn distinct_unknown_names_past_the_cap_are_counted_not_listed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.jsonl");
    let cap = trackc::validate::MAX_DISTINCT;
    let text: String = (0..cap + 50)
        .map(|i| format!("{{\"type\":\"track\",\"event\":\"Made Up {i}\"}}\n"))
        .collect();
    std::fs::write(&path, text).unwrap();
    let (code, r) = json_report(&["--allow-unknown", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["unknown"], (cap + 50) as u64);
    assert_eq!(r["summary"]["not_itemised"], 50);
    assert_eq!(r["unknown_events"].as_array().unwrap().len(), cap);
}

/// Runs validate with `input` on stdin.
fn validate_stdin(args: &[&str], input: &[u8]) -> (i32, String) {
    let mut child = trackc()
        .current_dir(repo_root())
        .env("CI", "true")
        .arg("validate")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

/// (file, line) of every example line the JSON report lists, with the
/// problem's rule id as the annotating formats name it.
fn example_lines(r: &Value) -> Vec<(String, String, u64)> {
    let mut all = Vec::new();
    let mut add = |rule: String, lines: &Value| {
        for l in lines.as_array().unwrap() {
            all.push((
                rule.clone(),
                l["file"].as_str().unwrap().to_string(),
                l["line"].as_u64().unwrap(),
            ));
        }
    };
    for v in r["violations"].as_array().unwrap() {
        add(
            format!("violations/{}", v["keyword"].as_str().unwrap()),
            &v["lines"],
        );
    }
    for u in r["unknown_events"].as_array().unwrap() {
        add("unknown_events".into(), &u["lines"]);
    }
    add("bad_lines".into(), &r["bad_lines"]);
    all.sort();
    all
}

#[test]
fn github_format_annotates_every_example_line_of_the_json_report() {
    let (code, out, err) = validate(&["--format", "github", FIXTURE]);
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    let (_, r) = json_report(&[FIXTURE]);
    let mut got: Vec<(String, String, u64)> = out
        .lines()
        .map(|l| {
            let props = l
                .strip_prefix("::error ")
                .expect(l)
                .split("::")
                .next()
                .unwrap();
            let prop = |name: &str| {
                props
                    .split(',')
                    .find_map(|p| p.strip_prefix(&format!("{name}=")))
                    .unwrap_or_else(|| panic!("no {name} in {l}"))
                    .to_string()
            };
            let rule = prop("title")
                .strip_prefix("trackc validate%3A ")
                .unwrap()
                .to_string();
            (rule, prop("file"), prop("line").parse().unwrap())
        })
        .collect();
    got.sort();
    assert_eq!(got, example_lines(&r));
    assert!(!out.contains("col="), "validate knows lines, not columns");
    insta::assert_snapshot!("validate_github", out);
}

#[test]
fn sarif_format_is_valid_sarif_with_a_result_per_example_line() {
    let validator = sarif_schema::validator();
    let (code, out, err) = validate(&["--format", "sarif", FIXTURE]);
    assert_eq!(code, 1);
    assert!(err.is_empty(), "{err}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    sarif_schema::assert_valid(&validator, &doc, "validate --format sarif");
    sarif_schema::assert_rules_match_results(&doc);
    let (_, r) = json_report(&[FIXTURE]);
    let mut got: Vec<(String, String, u64)> = doc["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|res| {
            let place = &res["locations"][0]["physicalLocation"];
            assert_eq!(place["artifactLocation"]["uriBaseId"], "%SRCROOT%");
            assert_eq!(res["level"], "error", "{res:#}");
            (
                res["ruleId"].as_str().unwrap().to_string(),
                place["artifactLocation"]["uri"]
                    .as_str()
                    .unwrap()
                    .to_string(),
                place["region"]["startLine"].as_u64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(got, example_lines(&r));
    let version = env!("CARGO_PKG_VERSION");
    let stable = out.replace(
        &format!("\"version\": \"{version}\""),
        "\"version\": \"[version]\"",
    );
    insta::assert_snapshot!("validate_sarif", stable);

    // Valid data is an empty run; stdin, an absolute path, --allow-unknown
    // and --max-examples 0 are valid SARIF too.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.jsonl");
    let fixture = std::fs::read_to_string(repo_root().join(FIXTURE)).unwrap();
    let first = fixture.lines().next().unwrap();
    std::fs::write(&good, format!("{first}\n")).unwrap();
    let (code, out, _) = validate(&["--format", "sarif", good.to_str().unwrap()]);
    assert_eq!(code, 0);
    let doc: Value = serde_json::from_str(&out).unwrap();
    sarif_schema::assert_valid(&validator, &doc, "valid data");
    assert_eq!(doc["runs"][0]["results"], serde_json::json!([]));
    assert_eq!(
        doc["runs"][0]["tool"]["driver"]["rules"],
        serde_json::json!([])
    );
    let copy = dir.path().join("events.jsonl");
    std::fs::write(&copy, &fixture).unwrap();
    for args in [
        vec!["--format", "sarif", copy.to_str().unwrap()],
        vec![
            "--format",
            "sarif",
            "--allow-unknown",
            "--max-examples",
            "0",
            FIXTURE,
        ],
    ] {
        let (code, out, _) = validate(&args);
        assert_eq!(code, 1, "{args:?}");
        let doc: Value = serde_json::from_str(&out).unwrap();
        sarif_schema::assert_valid(&validator, &doc, &format!("{args:?}"));
        sarif_schema::assert_rules_match_results(&doc);
    }
    let (code, out) = validate_stdin(&["--format", "sarif", "-"], fixture.as_bytes());
    assert_eq!(code, 1);
    let doc: Value = serde_json::from_str(&out).unwrap();
    sarif_schema::assert_valid(&validator, &doc, "stdin");
}

#[test]
fn stdin_annotations_keep_the_line_but_name_no_file() {
    let fixture = std::fs::read(repo_root().join(FIXTURE)).unwrap();
    let (code, gh) = validate_stdin(&["--format", "github", "-"], &fixture);
    assert_eq!(code, 1);
    assert!(!gh.contains("file="), "{gh}");
    assert!(!gh.contains("line="), "{gh}");
    assert!(
        gh.contains("title=trackc validate%3A bad_lines::not JSON: expected ident (column 2)%0A(at <stdin>:6)\n"),
        "{gh}"
    );
    let (_, sarif) = validate_stdin(&["--format", "sarif", "-"], &fixture);
    let doc: Value = serde_json::from_str(&sarif).unwrap();
    for res in doc["runs"][0]["results"].as_array().unwrap() {
        let place = &res["locations"][0]["physicalLocation"];
        assert!(place["artifactLocation"].get("uri").is_none(), "{res:#}");
        assert!(place["region"]["startLine"].as_u64().unwrap() > 0);
    }
}

#[test]
fn the_format_does_not_change_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string(repo_root().join(FIXTURE)).unwrap();
    let lines: Vec<&str> = fixture.lines().collect();
    let good = dir.path().join("good.jsonl");
    std::fs::write(&good, format!("{}\n{}\n", lines[0], lines[9])).unwrap();
    let unknown = dir.path().join("unknown.jsonl");
    std::fs::write(&unknown, format!("{}\n{}\n", lines[0], lines[12])).unwrap();
    let (good, unknown) = (good.to_str().unwrap(), unknown.to_str().unwrap());
    for format in ["human", "json", "github", "sarif"] {
        let code = |args: &[&str]| {
            let mut all = vec!["--format", format];
            all.extend_from_slice(args);
            validate(&all).0
        };
        assert_eq!(code(&[FIXTURE]), 1, "{format}");
        assert_eq!(code(&[good]), 0, "{format}");
        assert_eq!(code(&[unknown]), 1, "{format}");
        assert_eq!(code(&["--allow-unknown", unknown]), 0, "{format}");
    }
    // An unknown event that does not fail the run is a warning.
    let (_, gh, _) = validate(&["--format", "github", "--allow-unknown", unknown]);
    assert!(gh.starts_with("::warning file="), "{gh}");
    let (_, gh, _) = validate(&["--format", "github", unknown]);
    assert!(gh.starts_with("::error file="), "{gh}");
    let (_, sarif, _) = validate(&["--format", "sarif", "--allow-unknown", unknown]);
    let doc: Value = serde_json::from_str(&sarif).unwrap();
    assert_eq!(doc["runs"][0]["results"][0]["level"], "warning");
    assert_eq!(doc["runs"][0]["results"][0]["ruleId"], "unknown_events");
}

#[test]
fn github_annotations_escape_file_names_and_messages_and_count_what_they_leave_out() {
    let dir = tempfile::tempdir().unwrap();
    // `,` and `:` end a property, `%` starts an escape; an event name can
    // hold all three and a line break.
    let path = dir.path().join("50%,a:b.jsonl");
    let line = r#"{"type":"track","event":"Made: 50%, up\nnow"}"#;
    std::fs::write(&path, format!("{line}\n{line}\n")).unwrap();
    let (code, gh, _) = validate(&[
        "--format",
        "github",
        "--max-examples",
        "1",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(gh.lines().count(), 1, "{gh}");
    let escaped_dir = trackc::render::github_escape_property(dir.path().to_str().unwrap());
    assert!(
        gh.starts_with(&format!(
            "::error file={escaped_dir}/50%25%2Ca%3Ab.jsonl,line=1,"
        )),
        "{gh}"
    );
    assert!(
        gh.ends_with("%0A2 events have this name; the first is annotated (--max-examples)\n"),
        "{gh}"
    );
    let message = gh.split_once("::").unwrap().1.split_once("::").unwrap().1;
    assert!(message.contains("50%25"), "{gh}");
    assert!(!message.trim_end().contains('\n'), "{gh}");

    // With no example lines kept, one annotation per finding, with no line.
    let (_, gh, _) = validate(&["--format", "github", "--max-examples", "0", FIXTURE]);
    assert!(gh.lines().all(|l| !l.contains("line=")), "{gh}");
    assert!(
        gh.contains("::error title=trackc validate%3A bad_lines::3 lines are not events; no lines were kept (--max-examples 0)\n"),
        "{gh}"
    );
}

/// A plan that does not load stops validate (exit 2), and says where, as
/// `check` would.
#[test]
fn a_plan_that_does_not_load_is_exit_2_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    std::fs::write(&plan, "plan: {id: x, name: X}\nevents:\n  A B: [\n").unwrap();
    let (code, out, err) = validate(&["--plan", plan.to_str().unwrap(), FIXTURE]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("schema/syntax") && err.contains("plan.yaml:3:9]"),
        "{err}"
    );
    assert!(err.contains("does not load cleanly"), "{err}");
}
