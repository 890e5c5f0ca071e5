//! The adversarial corpus (tests/adversarial/cases.yaml): every hostile
//! input with its documented outcome. Cases with `args:` run here, through
//! the built binary, under an address-space limit and a 60-second kill
//! switch (a hang fails the test; nothing is timed). Cases with
//! `covered_by:` run in the test they name; here we only check that the test
//! exists and its file still asserts the documented message.

mod cli_support;

use cli_support::*;
use serde_json::Value;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space allowed to trackc: generous next to what the inputs need
/// (a 10 MB line, a 100 MB file that must be refused unread), small next to
/// what an unbounded expansion would take.
const MEMORY_LIMIT: &str = "--as=2147483648"; // 2 GiB
const KILL_AFTER: Duration = Duration::from_secs(60);

const PLAN_HEAD: &str = "plan:\n  id: demo\n  name: Demo\n";

/// The plan `validate` cases check events against: one event, one enum and
/// one length-bounded string.
const VALIDATE_PLAN: &str = "\
plan:
  id: demo
  name: Demo
owners:
  growth:
    name: Growth Team
events:
  Order Completed:
    description: The order was paid.
    owner: growth
    side: server
    properties:
      tier:
        type: string
        enum: [free, pro]
        description: Billing tier.
      code:
        type: string
        max_length: 12
        required: false
        description: Discount code.
";

fn cases() -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/adversarial/cases.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = trackc::source::SourceFile::new(path, text);
    let parsed = trackc::yaml::parse(trackc::source::FileId(0), &file);
    assert!(parsed.problems.is_empty(), "cases.yaml does not parse");
    let doc = parsed.root.unwrap().to_json();
    doc["cases"].as_array().unwrap().clone()
}

fn str_of<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("case {case}: no `{key}`"))
}

/// Writes the input of case `id` into `dir`.
fn generate(id: &str, dir: &Path) {
    match id {
        "plan-100mb" => {
            let mut text = trackc::synth::plan(50, 1);
            let padding = "# padding: a plan file far larger than anyone should write\n";
            text.reserve(100_000_000);
            while text.len() < 100_000_000 {
                text.push_str(padding);
            }
            write(dir, "plan.yaml", text);
        }
        "mixed-line-ends" => write(
            dir,
            "plan.yaml",
            "plan:\n  id: demo\r\n  name: Demo\r  bogus: 1\r\n",
        ),
        "number-and-boolean-keys" => write(
            dir,
            "plan.yaml",
            format!(
                "{PLAN_HEAD}owners:\n  123:\n    name: X\n  true:\n    name: Y\n\
                 events:\n  1.5:\n    description: d\n    owner: 123\n    side: client\n    \
                 properties:\n      yes: {{type: string, description: d}}\n      \
                 null: {{type: string, description: d}}\n"
            ),
        ),
        "split-1000-files" => {
            write(
                dir,
                "plans/plan.yaml",
                format!("{PLAN_HEAD}owners:\n  growth:\n    name: Growth Team\n"),
            );
            for i in 0..1000 {
                write(
                    dir,
                    &format!("plans/area{}/file{i:04}.yaml", i % 10),
                    format!(
                        "events:\n  Report {i:04} Viewed:\n    description: Report {i} was shown.\n    \
                         owner: growth\n    side: client\n"
                    ),
                );
            }
        }
        "unreadable-file-in-plan-dir" | "unreadable-dir-in-plan-dir" => {
            use std::os::unix::fs::PermissionsExt;
            write(dir, "plans/a.yaml", CLEAN_PLAN);
            let locked = if id == "unreadable-file-in-plan-dir" {
                write(dir, "plans/b.yaml", "owners: {}\n");
                dir.join("plans/b.yaml")
            } else {
                write(dir, "plans/sub/c.yaml", "owners: {}\n");
                dir.join("plans/sub")
            };
            std::fs::set_permissions(locked, std::fs::Permissions::from_mode(0o000)).unwrap();
        }
        "validate-10mb-line" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            let big = "x".repeat(10 * 1024 * 1024);
            let good = r#"{"type":"track","event":"Order Completed","properties":{"tier":"pro"}}"#;
            let line = format!(
                r#"{{"type":"track","event":"Order Completed","properties":{{"tier":"pro","code":"{big}"}}}}"#
            );
            write(dir, "events.jsonl", format!("{good}\n{line}\n{good}\n"));
        }
        "validate-line-over-limit" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            let mut text = String::with_capacity(66 * 1024 * 1024);
            text.push_str(r#"{"type":"track","event":"Order Completed","properties":{"code":""#);
            text.push_str(&"x".repeat(65 * 1024 * 1024));
            text.push_str("\"}}\n");
            text.push_str(
                r#"{"type":"track","event":"Order Completed","properties":{"tier":"pro"}}"#,
            );
            text.push('\n');
            write(dir, "events.jsonl", text);
        }
        "validate-duplicate-envelope-keys" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            write(
                dir,
                "events.jsonl",
                concat!(
                    r#"{"type":"identify","type":"track","event":"Order Completed","properties":{"tier":"pro"}}"#,
                    "\n",
                    r#"{"type":"track","event":"Order Completed","event":"Other","properties":{"tier":"pro"}}"#,
                    "\n"
                ),
            );
        }
        "validate-duplicate-property-keys-last-wins" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            write(
                dir,
                "events.jsonl",
                r#"{"type":"track","event":"Order Completed","properties":{"tier":"gold","tier":"pro"}}"#,
            );
        }
        "validate-duplicate-property-keys-last-fails" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            write(
                dir,
                "events.jsonl",
                r#"{"type":"track","event":"Order Completed","properties":{"tier":"pro","tier":"gold"}}"#,
            );
        }
        "validate-invalid-utf8" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            write(
                dir,
                "events.jsonl",
                b"{\"type\":\"track\",\"event\":\"Order \xff Completed\",\"properties\":{}}\n\
                  {\"type\":\"track\",\"event\":\"Order Completed\",\"properties\":{\"tier\":\"\xfe\"}}\n",
            );
        }
        "validate-utf16" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            let line = "{\"type\":\"track\",\"event\":\"Order Completed\",\"properties\":{\"tier\":\"pro\"}}\n";
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(line.encode_utf16().flat_map(u16::to_le_bytes));
            write(dir, "events.jsonl", bytes);
        }
        "validate-deep-nesting" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            let n = 100_000;
            let arrays = format!("{}{}", "[".repeat(n), "]".repeat(n));
            let objects = format!(
                r#"{{"type":"track","event":"Order Completed","properties":{{"tier":{}1{}}}}}"#,
                r#"{"a":"#.repeat(n),
                "}".repeat(n)
            );
            write(dir, "events.jsonl", format!("{arrays}\n{objects}\n"));
        }
        "validate-nul-and-cr" => {
            write(dir, "plan.yaml", VALIDATE_PLAN);
            let good = r#"{"type":"track","event":"Order Completed","properties":{"tier":"pro"}}"#;
            write(
                dir,
                "events.jsonl",
                format!("{good}\r\n\0\0\0\n{good}\r{good}\n{{\"type\":\"track\",\0}}\n"),
            );
        }
        "import-jsonschema-duplicate-keys" => write(
            dir,
            "dup.json",
            r#"{"type":"object","properties":{"a":{"type":"string"},"a":{"type":"integer"}}}"#,
        ),
        "import-segment-duplicate-keys" => write(
            dir,
            "export.json",
            r#"{"display_name":"Dup","rules":{"events":[{"name":"Signed Up","rules":{"type":"object","properties":{"properties":{"type":"object","properties":{"first":{"type":"string"}}},"properties":{"type":"object","properties":{"second":{"type":"string"}}}}}}]}}"#,
        ),
        "import-deep-nesting" => {
            let n = 100_000;
            write(
                dir,
                "deep.json",
                format!(
                    "{}{{}}{}",
                    r#"{"properties":{"a":"#.repeat(n),
                    "}}".repeat(n)
                ),
            );
        }
        "import-invalid-utf8" => write(dir, "export.json", b"{\"display_name\":\"\xff\"}"),
        other => panic!("cases.yaml: no generator for case `{other}`"),
    }
}

/// Runs the case's command under the memory limit, killing it after
/// [`KILL_AFTER`].
fn run_bounded(dir: &Path, args: &[String], drop_file_capabilities: bool) -> Run {
    let mut cmd = match prlimit() {
        Some(p) => {
            let mut c = Command::new(p);
            c.arg(MEMORY_LIMIT).arg("--");
            c
        }
        None => Command::new("env"),
    };
    if drop_file_capabilities && let Some(s) = setpriv() {
        cmd.arg(s)
            .arg("--bounding-set=-dac_override,-dac_read_search");
    }
    cmd.arg(env!("CARGO_BIN_EXE_trackc"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn trackc");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).ok();
        v
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > KILL_AFTER {
            child.kill().ok();
            child.wait().ok();
            panic!("{args:?} did not finish within {KILL_AFTER:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&out.join().unwrap()).into_owned(),
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
    }
}

fn run_case(case: &Value) {
    let id = str_of(case, "id");
    let expected_exit = case["exit"].as_i64().unwrap() as i32;
    let message = str_of(case, "message");
    let args: Vec<String> = case["args"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let drop_caps = case["drop_file_capabilities"] == Value::Bool(true);
    let dir = temp();
    generate(id, dir.path());
    if drop_caps && setpriv().is_none() && can_read_mode_000(dir.path()) {
        eprintln!("{id}: root without setpriv: cannot make a file unreadable; not run");
        return;
    }
    let run = run_bounded(dir.path(), &args, drop_caps);
    // Give the temporary directory back its permissions so it can be removed.
    if drop_caps {
        use std::os::unix::fs::PermissionsExt;
        for p in ["plans/b.yaml", "plans/sub"] {
            let p = dir.path().join(p);
            if p.exists() {
                std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o755)).unwrap();
            }
        }
    }
    assert_eq!(
        run.code,
        Some(expected_exit),
        "case {id}: expected exit {expected_exit}\n--- stdout\n{}\n--- stderr\n{}",
        truncated(&run.stdout),
        truncated(&run.stderr)
    );
    assert!(
        run.stdout.contains(message) || run.stderr.contains(message),
        "case {id}: `{message}` not in the output\n--- stdout\n{}\n--- stderr\n{}",
        truncated(&run.stdout),
        truncated(&run.stderr)
    );
    assert!(
        !run.stderr.contains("panicked"),
        "case {id}: panic\n{}",
        run.stderr
    );
}

fn truncated(s: &str) -> &str {
    match s.char_indices().nth(4000) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// The cases this file runs, by id.
fn runnable(group: &str) -> Vec<Value> {
    cases()
        .into_iter()
        .filter(|c| c.get("args").is_some() && str_of(c, "id").starts_with(group))
        .collect()
}

#[test]
fn plan_file_cases() {
    let cases: Vec<Value> = cases()
        .into_iter()
        .filter(|c| c.get("args").is_some() && c["args"][0] == "check")
        .collect();
    assert!(cases.len() >= 5);
    for case in &cases {
        run_case(case);
    }
}

#[test]
fn validate_cases() {
    let cases = runnable("validate-");
    assert!(cases.len() >= 8);
    for case in &cases {
        run_case(case);
    }
}

#[test]
fn import_cases() {
    let cases = runnable("import-");
    assert!(cases.len() >= 4);
    for case in &cases {
        run_case(case);
    }
}

#[test]
fn every_case_is_run_somewhere_and_documented() {
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/testing.md"))
            .unwrap();
    let mut ids = std::collections::HashSet::new();
    for case in cases() {
        let id = str_of(&case, "id");
        assert!(ids.insert(id.to_string()), "case {id} listed twice");
        str_of(&case, "input");
        let message = str_of(&case, "message");
        assert!(case["exit"].is_i64(), "case {id}: no exit code");
        match (case.get("args"), case.get("covered_by")) {
            (Some(args), None) => {
                let verb = args[0].as_str().unwrap();
                assert!(
                    verb == "check" || id.starts_with(verb),
                    "case {id}: a `{verb}` case must be named `{verb}-...` to be run"
                );
            }
            (None, Some(by)) => {
                let by = by.as_str().unwrap();
                let (file, function) = by.split_once("::").unwrap();
                let source =
                    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(file))
                        .unwrap_or_else(|e| panic!("case {id}: {file}: {e}"));
                assert!(
                    source.contains(&format!("fn {function}()")),
                    "case {id}: no test `{function}` in {file}"
                );
                // The message may be asserted by a helper the test calls.
                assert!(
                    source.contains(message),
                    "case {id}: {file} does not assert `{message}`"
                );
            }
            _ => panic!("case {id}: needs exactly one of `args` and `covered_by`"),
        }
        assert!(
            docs.contains(&format!("| `{id}` |")),
            "case {id} is missing from the table in docs/testing.md"
        );
    }
}
