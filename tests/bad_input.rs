//! Hostile and broken input (issue 2, "Bad input"): each case gets the
//! right exit code and a clear message, with a location where there is one,
//! and never a panic. Time is bounded by the loader's limits, not asserted
//! here (no timed tests); memory is bounded with `prlimit` where installed.

mod cli_support;

use cli_support::*;
use serde_json::Value;
use std::path::Path;

/// `check --format json` on `plan`, expecting exit `code`.
fn check_json(dir: &Path, plan: &str, code: i32) -> Value {
    let out = run(dir, &["check", "--plan", plan, "--format", "json"]).expect(code);
    assert_eq!(out.stderr, "", "nothing on stderr when the check ran");
    out.json()
}

/// The only diagnostic of a check, asserting there is exactly one.
fn only(doc: &Value) -> &Value {
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 1, "{doc:#}");
    &diags[0]
}

/// (line, column, end_column) of a diagnostic's primary label.
fn at(d: &Value) -> (u64, u64, u64) {
    let l = &d["labels"][0];
    (
        l["line"].as_u64().unwrap(),
        l["column"].as_u64().unwrap(),
        l["end_column"].as_u64().unwrap(),
    )
}

/// Runs the binary under an address-space limit when `prlimit` exists: a
/// hostile file must not make trackc grow without bound.
fn check_bounded(dir: &Path, plan: &str) -> Run {
    let mut cmd = match prlimit() {
        Some(prlimit) => {
            let mut c = std::process::Command::new(prlimit);
            c.current_dir(dir)
                .arg("--as=1073741824") // 1 GiB of address space
                .arg("--")
                .arg(env!("CARGO_BIN_EXE_trackc"));
            c
        }
        None => command(dir),
    };
    cmd.args(["check", "--plan", plan, "--format", "json"]);
    output(cmd)
}

const PLAN_HEAD: &str = "plan:\n  id: demo\n  name: Demo\n";

#[test]
fn malformed_yaml_is_a_syntax_error_at_its_position() {
    let dir = temp();
    write(
        dir.path(),
        "plan.yaml",
        "plan:\n  id: demo\n  name: Demo\nevents: {a: 1\n",
    );
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("before the end of the file"),
        "{d}"
    );
    // Just after `1`, on the line a reader sees.
    assert_eq!(at(d).0, 4);
    assert_eq!(at(d).1, 14);

    write(
        dir.path(),
        "plan2.yaml",
        "plan:\n  id: demo\n   name: Demo\n",
    );
    let d2 = check_json(dir.path(), "plan2.yaml", 1);
    assert_eq!(only(&d2)["rule"], "schema/syntax");
    assert_eq!(at(only(&d2)).0, 3);
}

#[test]
fn an_empty_file_says_the_plan_is_empty() {
    let dir = temp();
    for (name, text) in [("empty.yaml", ""), ("blank.yaml", "\n\n# only a comment\n")] {
        write(dir.path(), name, text);
        let doc = check_json(dir.path(), name, 1);
        let d = only(&doc);
        assert_eq!(d["rule"], "schema/missing-key");
        // "the plan is empty", or for a comment-only file "no `plan:` block".
        let message = d["message"].as_str().unwrap();
        assert!(
            message.contains("empty") || message.contains("`plan:`"),
            "{d}"
        );
        assert_eq!(at(d).0, 1);
    }
}

#[test]
fn a_file_that_is_not_utf8_points_at_the_first_bad_byte() {
    let dir = temp();
    write(
        dir.path(),
        "plan.yaml",
        b"plan:\n  id: demo\n  name: D\xe9mo\n",
    );
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax");
    assert_eq!(d["message"], "file is not valid UTF-8");
    assert_eq!(at(d), (3, 10, 11));
    let human = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(1);
    assert!(human.stdout.contains("plan.yaml:3:10"), "{}", human.stdout);
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let dir = temp();
    for (name, bom, le) in [
        ("le.yaml", [0xFF, 0xFE], true),
        ("be.yaml", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for unit in PLAN_HEAD.encode_utf16() {
            bytes.extend(if le {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        write(dir.path(), name, bytes);
        let doc = check_json(dir.path(), name, 1);
        let d = only(&doc);
        assert_eq!(d["rule"], "schema/syntax");
        assert!(d["message"].as_str().unwrap().contains("UTF-16"), "{d}");
        assert!(d["help"].as_str().unwrap().contains("UTF-8"), "{d}");
        assert_eq!(at(d).0, 1);
    }
}

#[test]
fn a_utf16_file_without_a_byte_order_mark_is_named_too() {
    let dir = temp();
    for (name, le) in [("le.yaml", true), ("be.yaml", false)] {
        let bytes: Vec<u8> = PLAN_HEAD
            .encode_utf16()
            .flat_map(|u| if le { u.to_le_bytes() } else { u.to_be_bytes() })
            .collect();
        write(dir.path(), name, bytes);
        let doc = check_json(dir.path(), name, 1);
        let d = only(&doc);
        assert_eq!(d["rule"], "schema/syntax");
        assert!(d["message"].as_str().unwrap().contains("UTF-16"), "{d}");
        // The first NUL: after `p` in little-endian, before it in big-endian.
        assert_eq!(at(d).1, if le { 2 } else { 1 });
    }
    // One stray NUL in UTF-8 text is not called UTF-16.
    write(dir.path(), "nul.yaml", format!("{PLAN_HEAD}  x\0: 1\n"));
    let doc = check_json(dir.path(), "nul.yaml", 1);
    assert!(!doc.to_string().contains("UTF-16"), "{doc}");
}

#[test]
fn more_than_one_yaml_document_is_an_error_at_the_separator() {
    let dir = temp();
    write(
        dir.path(),
        "plan.yaml",
        format!("{PLAN_HEAD}---\nevents: {{}}\n"),
    );
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax");
    assert!(
        d["message"].as_str().unwrap().contains("one YAML document"),
        "{d}"
    );
    assert_eq!(at(d), (4, 1, 4));
}

#[test]
fn small_aliases_are_allowed() {
    // The alias bound stops bombs, not ordinary reuse.
    let dir = temp();
    let text = CLEAN_PLAN.replace(
        "    sources: [web]\n",
        "    sources: &web [web]\n  Checkout Page Viewed:\n    description: The checkout page was shown.\n    owner: growth\n    side: client\n    sources: *web\n",
    );
    write(dir.path(), "plan.yaml", text);
    check_json(dir.path(), "plan.yaml", 0);
}

#[test]
fn a_utf8_bom_is_skipped_and_positions_stay_right() {
    let dir = temp();
    let text = format!("\u{feff}{PLAN_HEAD}  bogus: 1\n");
    write(dir.path(), "plan.yaml", text);
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/unknown-key");
    assert_eq!(at(d), (4, 3, 8));
    // A BOM on a clean plan is no problem at all.
    write(dir.path(), "clean.yaml", format!("\u{feff}{CLEAN_PLAN}"));
    check_json(dir.path(), "clean.yaml", 0);
}

#[test]
fn crlf_line_ends_keep_lines_and_columns_right() {
    let dir = temp();
    let text = format!("{PLAN_HEAD}  bogus: 1\n  \"é\": 2\n").replace('\n', "\r\n");
    write(dir.path(), "plan.yaml", text);
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let diags = doc["diagnostics"].as_array().unwrap();
    assert_eq!(diags.len(), 2, "{doc:#}");
    assert_eq!(at(&diags[0]), (4, 3, 8));
    assert_eq!(at(&diags[1]), (5, 3, 6), "`\"é\"` is 3 characters");
    write(dir.path(), "clean.yaml", CLEAN_PLAN.replace('\n', "\r\n"));
    check_json(dir.path(), "clean.yaml", 0);
    // The human snippet shows no stray carriage returns.
    let human = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(1);
    assert!(!human.stdout.contains('\r'), "{:?}", human.stdout);
}

#[test]
fn lone_cr_line_ends_count_as_lines_in_every_format() {
    let dir = temp();
    write(
        dir.path(),
        "plan.yaml",
        format!("{PLAN_HEAD}  bogus: 1\n").replace('\n', "\r"),
    );
    let doc = check_json(dir.path(), "plan.yaml", 1);
    assert_eq!(at(only(&doc)), (4, 3, 8));
    let gh = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--format", "github"],
    )
    .expect(1);
    assert!(
        gh.stdout.contains("line=4,col=3,endLine=4,endColumn=8"),
        "{}",
        gh.stdout
    );
    let human = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(1);
    assert!(human.stdout.contains("[plan.yaml:4:3]"), "{}", human.stdout);
    assert!(
        human.stdout.contains(" 4 │   bogus: 1\n"),
        "{}",
        human.stdout
    );
    assert!(!human.stdout.contains('\r'), "{:?}", human.stdout);
}

#[test]
fn tab_indentation_is_an_error_at_the_tab_but_tabs_in_values_are_fine() {
    let dir = temp();
    write(dir.path(), "plan.yaml", "plan:\n  id: demo\n\tname: Demo\n");
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax");
    assert!(
        d["message"].as_str().unwrap().contains("spaces only"),
        "{d}"
    );
    assert_eq!(at(d).0, 3);
    assert_eq!(at(d).1, 1);
    let clean = CLEAN_PLAN.replace("The pricing page was shown.", "\"The\tpricing page.\"");
    assert!(clean.contains('\t'));
    write(dir.path(), "clean.yaml", clean);
    check_json(dir.path(), "clean.yaml", 0);
}

#[test]
fn a_nul_byte_is_reported_where_it_is() {
    let dir = temp();
    write(dir.path(), "plan.yaml", format!("{PLAN_HEAD}  x\0: 1\n"));
    let doc = check_json(dir.path(), "plan.yaml", 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["rule"], "schema/syntax");
    assert!(d["message"].as_str().unwrap().contains("NUL"), "{d}");
    assert_eq!(at(d).0, 4);
    assert_eq!(at(d).1, 4);
}

#[test]
fn an_alias_bomb_is_an_error_not_a_hang() {
    let dir = temp();
    // "Billion laughs": nine levels of nine aliases each, 9^9 nodes expanded.
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names: Vec<char> = "abcdefghi".chars().collect();
    for w in names.windows(2) {
        let (prev, next) = (w[0], w[1]);
        let refs = vec![format!("*{prev}"); 9].join(",");
        text.push_str(&format!("{next}: &{next} [{refs}]\n"));
    }
    write(dir.path(), "bomb.yaml", &text);
    let out = check_bounded(dir.path(), "bomb.yaml").expect(1);
    let doc = out.json();
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax");
    assert!(d["message"].as_str().unwrap().contains("alias bomb"), "{d}");
    // Stopped where the expansion crossed the bound: the line of `f`.
    assert_eq!(at(d).0, 6);
}

fn assert_too_deep(dir: &Path, name: &str, text: &str) {
    write(dir, name, text);
    let out = check_bounded(dir, name).expect(1);
    let doc = out.json();
    let d = only(&doc);
    assert_eq!(d["rule"], "schema/syntax", "{name}");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .starts_with("nesting deeper than 128 levels"),
        "{name}: {d}"
    );
    // The human report names the place without echoing a 100,000-character line.
    let human = run(dir, &["check", "--plan", name, "--color", "never"]).expect(1);
    assert!(
        human.stdout.len() < 2_000,
        "{name}: {} bytes of output",
        human.stdout.len()
    );
    assert!(
        human.stdout.contains(&format!("{name}:")),
        "{}",
        human.stdout
    );
}

#[test]
fn nesting_100_000_levels_deep_is_an_error() {
    let dir = temp();
    let n = 100_000;
    assert_too_deep(
        dir.path(),
        "flow-seq.yaml",
        &format!("{}{}\n", "[".repeat(n), "]".repeat(n)),
    );
    assert_too_deep(
        dir.path(),
        "flow-map.yaml",
        &format!("{}1{}\n", "{a: ".repeat(n), "}".repeat(n)),
    );
    // Block sequences nest on one line: `- - - x`.
    assert_too_deep(
        dir.path(),
        "block-seq.yaml",
        &format!("{}x\n", "- ".repeat(n)),
    );
    // Block mappings need one more space of indentation per level, so the
    // file grows with the square of the depth: 100,000 levels would be 5 GB,
    // far past the 32 MiB file limit. 3,000 levels (4.5 MB) is as deep as
    // anything that limit lets through needs to be for the point to hold.
    let block: String = (0..3_000)
        .map(|i| format!("{}k{i}:\n", " ".repeat(i)))
        .collect();
    assert_too_deep(dir.path(), "block-map.yaml", &block);
}

/// A synthetic plan of at least `bytes` bytes.
fn synthetic_plan(bytes: usize) -> String {
    let sample = trackc::synth::plan(200, 7).len();
    let mut events = bytes / (sample / 200) + 200;
    loop {
        let text = trackc::synth::plan(events, 7);
        if text.len() >= bytes {
            return text;
        }
        // Event sizes vary with the seed: grow the estimate and try again.
        events += events / 20 + 1;
    }
}

#[test]
fn a_50_mb_plan_is_refused_with_advice_to_split_it_and_a_20_mib_one_loads() {
    let dir = temp();
    let mib = 1024 * 1024;
    // Generated once: a 20 MiB plan, then the same plan padded with
    // comments to 50 MB (still valid YAML; only its size is wrong).
    let plan = synthetic_plan(20 * mib);
    let plan = plan[..plan.len().min(21 * mib)].to_string();
    let plan = match plan.len() > 20 * mib {
        // Cut at the last whole event if the generator overshot 20 MiB.
        true => {
            let cut = plan[..20 * mib].rfind("\n  ").unwrap();
            let cut = plan[..cut].rfind("\n  ").unwrap();
            plan[..cut + 1].to_string()
        }
        false => plan,
    };
    assert!(
        plan.len() <= 20 * mib && plan.len() > 19 * mib,
        "{}",
        plan.len()
    );
    write(dir.path(), "big.yaml", &plan);
    let mut huge = plan.clone();
    let padding = "# padding to make the file too large to read in one go\n";
    while huge.len() < 50_000_000 {
        huge.push_str(padding);
    }
    write(dir.path(), "huge.yaml", &huge);
    drop(huge);

    let refused = run(dir.path(), &["check", "--plan", "huge.yaml"]).expect(2);
    assert_eq!(refused.stdout, "");
    assert_eq!(
        refused.stderr,
        "error: huge.yaml: file is 47 MiB; trackc reads plan files up to 32 MiB: \
         split the plan into one file per team or area\n"
    );

    // Loaded in-process: the loader is what the size limit guards, and
    // linting 40,000 events in a debug build would only slow the suite.
    let events = plan.matches("\n    description: The ").count();
    drop(plan);
    let loaded = trackc::load::load(&dir.path().join("big.yaml")).expect("a 20 MiB plan loads");
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.rule, d.message))
        .take(3)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(loaded.plan.events.len(), events);
    assert!(events > 30_000, "{events}");
}

#[test]
fn a_path_that_does_not_exist_and_a_directory_without_yaml_exit_2() {
    let dir = temp();
    let missing = run(dir.path(), &["check", "--plan", "missing.yaml"]).expect(2);
    assert_eq!(
        missing.stderr,
        "error: missing.yaml: no such file or directory\n"
    );
    // Hidden YAML does not count.
    write(dir.path(), "plans/.draft.yaml", CLEAN_PLAN);
    write(dir.path(), "plans/notes.md", "# notes\n");
    let empty = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert_eq!(
        empty.stderr,
        "error: plans: no *.yaml or *.yml files in this directory\n"
    );
}

#[test]
fn a_directory_named_like_a_plan_file_is_walked_not_read() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    std::fs::create_dir_all(dir.path().join("plans/x.yaml")).unwrap();
    check_json(dir.path(), "plans", 0);
    // Given as the plan itself, it is a directory with no YAML in it.
    let out = run(dir.path(), &["check", "--plan", "plans/x.yaml"]).expect(2);
    assert!(
        out.stderr.contains("no *.yaml or *.yml files"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_symlink_loop_in_the_plan_directory_exits_2_naming_it() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    std::os::unix::fs::symlink("..", dir.path().join("plans/up")).unwrap();
    let out = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert_eq!(
        out.stderr,
        "error: plans/up/plans/up: symbolic link loop back to plans/up\n"
    );

    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    std::os::unix::fs::symlink("self.yaml", dir.path().join("plans/self.yaml")).unwrap();
    let out = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert!(
        out.stderr.starts_with("error: plans/self.yaml: "),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("symbolic link"), "{}", out.stderr);
}

#[test]
fn a_dangling_symlink_is_named_as_such() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    std::os::unix::fs::symlink("gone.yaml", dir.path().join("plans/old.yaml")).unwrap();
    let out = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert_eq!(
        out.stderr,
        "error: plans/old.yaml: broken symbolic link (its target does not exist)\n"
    );
}

#[test]
fn hidden_files_and_directories_are_skipped_and_yml_is_read() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    write(dir.path(), "plans/.hidden.yaml", "{{{ not yaml");
    write(dir.path(), "plans/.git/config.yaml", "{{{ not yaml");
    write(dir.path(), "plans/notes.txt", "{{{ not yaml");
    check_json(dir.path(), "plans", 0);
    write(
        dir.path(),
        "plans/extra.yml",
        "owners:\n  growth2: {nmae: X}\n",
    );
    let doc = check_json(dir.path(), "plans", 1);
    let files: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["labels"][0]["file"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"plans/extra.yml"), "{files:?}");
}

#[test]
fn files_are_read_in_sorted_path_order() {
    let dir = temp();
    write(dir.path(), "plans/b.yaml", "owners:\n  b: {nmae: B}\n");
    write(
        dir.path(),
        "plans/a.yaml",
        format!("{CLEAN_PLAN}  Zed Viewed: {{bogus: 1}}\n"),
    );
    write(dir.path(), "plans/c/d.yaml", "owners:\n  d: {nmae: D}\n");
    write(dir.path(), "plans/B.yaml", "owners:\n  B2: {nmae: B}\n");
    let doc = check_json(dir.path(), "plans", 1);
    let mut files: Vec<&str> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["labels"][0]["file"].as_str().unwrap())
        .collect();
    files.dedup();
    assert_eq!(
        files,
        [
            "plans/B.yaml",
            "plans/a.yaml",
            "plans/b.yaml",
            "plans/c/d.yaml"
        ]
    );
}
