//! `trackc check`, `rules`, `explain` and `init` as a user runs them: the
//! built binary in a temporary directory, with exit codes exactly as
//! shared/spec/cli.md says (0 success, 1 problems found, 2 could not run).

mod cli_support;

use cli_support::*;
use trackc::lint::registry::RULES;

// --- exit 0 and 1 -----------------------------------------------------------

#[test]
fn a_clean_plan_exits_0_and_says_so() {
    let dir = temp();
    write(dir.path(), "plan.yaml", CLEAN_PLAN);
    let run = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--color", "never"],
    )
    .expect(0);
    assert_eq!(run.stdout, "No problems found.\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn warnings_exit_0() {
    let dir = temp();
    write(dir.path(), "plan.yaml", WARNING_PLAN);
    let run = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--format", "json"],
    )
    .expect(0);
    let doc = run.json();
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["warnings"], 2);
}

#[test]
fn warnings_exit_1_with_deny_warnings() {
    let dir = temp();
    write(dir.path(), "plan.yaml", WARNING_PLAN);
    run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--deny-warnings"],
    )
    .expect(1);
    // --deny-warnings does not turn a clean plan into a failure.
    write(dir.path(), "clean.yaml", CLEAN_PLAN);
    run(
        dir.path(),
        &["check", "--plan", "clean.yaml", "--deny-warnings"],
    )
    .expect(0);
}

#[test]
fn lint_errors_exit_1() {
    let dir = temp();
    write(dir.path(), "plan.yaml", ERROR_PLAN);
    let run = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--format", "json"],
    )
    .expect(1);
    let doc = run.json();
    assert_eq!(doc["summary"]["errors"], 1);
    let d = &doc["diagnostics"][0];
    assert_eq!(d["rule"], "schema/unknown-key");
    assert_eq!(d["labels"][0]["line"], 14);
    assert_eq!(d["labels"][0]["column"], 5);
    assert!(d["help"].as_str().unwrap().contains("`owner`"), "{d}");
}

#[test]
fn a_file_that_is_not_yaml_exits_1_with_a_diagnostic_at_its_line_and_column() {
    let dir = temp();
    write(
        dir.path(),
        "plan.yaml",
        "plan:\n  id: demo\n  name: \"Demo\n  version: 1\n",
    );
    let run = run(
        dir.path(),
        &["check", "--plan", "plan.yaml", "--format", "json"],
    )
    .expect(1);
    let doc = run.json();
    let d = &doc["diagnostics"][0];
    assert_eq!(d["rule"], "schema/syntax");
    assert_eq!(
        doc["summary"]["errors"], 1,
        "one syntax error, not noise after it"
    );
    let label = &d["labels"][0];
    assert_eq!(label["file"], "plan.yaml");
    // At the quote that opens the unterminated string: line 3, column 9.
    assert_eq!(label["line"], 3, "{label}");
    assert_eq!(label["column"], 9, "{label}");
}

// --- exit 2: could not run --------------------------------------------------

#[test]
fn a_plan_path_that_does_not_exist_exits_2_naming_it() {
    let dir = temp();
    let run = run(dir.path(), &["check", "--plan", "nowhere/plan.yaml"]).expect(2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "error: nowhere/plan.yaml: no such file or directory\n"
    );
}

#[test]
fn without_plan_or_config_the_default_plans_dir_is_read_or_named_when_missing() {
    let dir = temp();
    let run = run(dir.path(), &["check"]).expect(2);
    assert!(
        run.stderr.contains("plans: no such file or directory"),
        "{}",
        run.stderr
    );
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    run_ok(dir.path());
}

fn run_ok(dir: &std::path::Path) {
    let run = run(dir, &["check", "--color", "never"]).expect(0);
    assert_eq!(run.stdout, "No problems found.\n");
}

#[test]
fn a_directory_with_no_yaml_exits_2() {
    let dir = temp();
    write(dir.path(), "plans/README.md", "# not a plan\n");
    write(dir.path(), "plans/notes.txt", "plan: no\n");
    let run = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: plans: no *.yaml or *.yml files in this directory\n"
    );
}

#[test]
fn an_unreadable_plan_file_exits_2_saying_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp();
    write(dir.path(), "plan.yaml", CLEAN_PLAN);
    let path = dir.path().join("plan.yaml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    let root_like = can_read_mode_000(dir.path());
    let mut cmd = match (root_like, setpriv()) {
        // As root, drop the capabilities that bypass file modes, so the file
        // really is unreadable to trackc.
        (true, Some(setpriv)) => {
            let mut c = std::process::Command::new(setpriv);
            c.current_dir(dir.path())
                .arg("--bounding-set=-dac_override,-dac_read_search")
                .arg(env!("CARGO_BIN_EXE_trackc"));
            c
        }
        (true, None) => {
            // Root without setpriv: the file is readable, and trackc must read it.
            run(dir.path(), &["check", "--plan", "plan.yaml"]).expect(0);
            return;
        }
        (false, _) => command(dir.path()),
    };
    cmd.args(["check", "--plan", "plan.yaml"]);
    let run = output(cmd).expect(2);
    assert_eq!(run.stderr, "error: plan.yaml: permission denied\n");
}

#[test]
fn a_plan_file_that_fails_to_read_exits_2_with_the_reason() {
    // Reading /proc/self/mem at offset 0 fails with EIO, even for root: a
    // read error that chmod cannot give a root test run.
    let dir = temp();
    write(dir.path(), "plans/a.yaml", CLEAN_PLAN);
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("plans/b.yaml")).unwrap();
    let run = run(dir.path(), &["check", "--plan", "plans"]).expect(2);
    assert!(
        run.stderr.starts_with("error: plans/b.yaml: ") && run.stderr.contains("error"),
        "{}",
        run.stderr
    );
}

fn config_error(config: &str) -> String {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    write(dir.path(), "trackc.yaml", config);
    let run = run(dir.path(), &["check"]).expect(2);
    assert_eq!(run.stdout, "");
    let prefix = "error: trackc.yaml:";
    run.stderr
        .strip_prefix(prefix)
        .unwrap_or_else(|| panic!("{:?} does not start with {prefix:?}", run.stderr))
        .to_string()
}

#[test]
fn an_unknown_key_in_trackc_yaml_exits_2_at_its_line_and_column() {
    assert_eq!(
        config_error("plan: plans/\nlint:\n  rulez: {}\n"),
        "3:3: unknown key `rulez` in `lint`; did you mean `rules`?\n"
    );
    assert_eq!(
        config_error("plan: plans/\nplugins: []\n"),
        "2:1: unknown key `plugins` in trackc.yaml; known keys: plan, lint, build\n"
    );
}

#[test]
fn a_bad_severity_in_trackc_yaml_exits_2_at_the_value() {
    assert_eq!(
        config_error("lint:\n  rules:\n    schema/ambiguous-scalar: loud\n"),
        "3:30: severity of `schema/ambiguous-scalar` must be error, warn or off\n"
    );
}

#[test]
fn an_unknown_rule_id_in_trackc_yaml_exits_2_with_a_suggestion() {
    assert_eq!(
        config_error("lint:\n  rules:\n    schema/unknown-kye: warn\n"),
        "3:5: `schema/unknown-kye` is not a lint rule; did you mean `schema/unknown-key`?\n"
    );
}

#[test]
fn a_trackc_yaml_that_is_not_yaml_exits_2_at_the_error() {
    // Unterminated at the end of the file: reported just after the last `[`.
    assert_eq!(
        config_error("plan: plans/\nlint: {rules: [\n"),
        "2:16: invalid YAML: while parsing a node, did not find expected node content \
         before the end of the file\n"
    );
}

#[test]
fn a_config_error_found_from_a_subdirectory_names_the_config_in_full() {
    let dir = temp();
    write(dir.path(), "trackc.yaml", "plugins: []\n");
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    let run = run(&dir.path().join("src"), &["check"]).expect(2);
    let expected = format!(
        "error: {}/trackc.yaml:1:1: unknown key `plugins` in trackc.yaml; known keys: plan, lint, build\n",
        dir.path().display()
    );
    assert_eq!(run.stderr, expected);
}

#[test]
fn a_trackc_yaml_that_is_not_utf8_exits_2_at_the_first_bad_byte() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    write(
        dir.path(),
        "trackc.yaml",
        b"plan: plans/\nlint:\n  rules: {} # caf\xe9\n",
    );
    let run = run(dir.path(), &["check"]).expect(2);
    assert_eq!(
        run.stderr,
        "error: trackc.yaml:3:18: file is not valid UTF-8; re-save it as UTF-8\n"
    );
}

#[test]
fn an_unreadable_trackc_yaml_exits_2_without_a_made_up_position() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", CLEAN_PLAN);
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("ci.yaml")).unwrap();
    let run = run(dir.path(), &["check", "--config", "ci.yaml"]).expect(2);
    assert!(run.stderr.starts_with("error: ci.yaml: "), "{}", run.stderr);
    assert!(!run.stderr.contains(":0:0"), "{}", run.stderr);
}

#[test]
fn a_trackc_yaml_with_a_byte_order_mark_is_read() {
    let dir = temp();
    write(dir.path(), "tracking/plan.yaml", ERROR_PLAN);
    write(dir.path(), "trackc.yaml", "\u{feff}plan: tracking/\n");
    run(dir.path(), &["check"]).expect(1);
}

#[test]
fn a_config_severity_applies() {
    let dir = temp();
    write(dir.path(), "plans/plan.yaml", WARNING_PLAN);
    write(
        dir.path(),
        "trackc.yaml",
        "lint:\n  rules:\n    schema/ambiguous-scalar: error\n",
    );
    let doc = run(dir.path(), &["check", "--format", "json"])
        .expect(1)
        .json();
    assert_eq!(doc["summary"]["errors"], 2);
    write(
        dir.path(),
        "trackc.yaml",
        "lint:\n  rules:\n    schema/ambiguous-scalar: off\n",
    );
    let doc = run(dir.path(), &["check", "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(doc["diagnostics"], serde_json::json!([]));
}

#[test]
fn bad_arguments_exit_2() {
    let dir = temp();
    let run1 = run(dir.path(), &["check", "--bogus"]).expect(2);
    assert!(
        run1.stderr.contains("unexpected argument '--bogus'"),
        "{}",
        run1.stderr
    );
    let run2 = run(dir.path(), &["check", "--format", "xml"]).expect(2);
    assert!(
        run2.stderr.contains("invalid value 'xml'"),
        "{}",
        run2.stderr
    );
    let run3 = run(dir.path(), &["check", "--color", "sometimes"]).expect(2);
    assert!(
        run3.stderr.contains("invalid value 'sometimes'"),
        "{}",
        run3.stderr
    );
    run(dir.path(), &["frobnicate"]).expect(2);
    // No verb at all: usage on stderr, exit 2.
    let run4 = run(dir.path(), &[]).expect(2);
    assert!(run4.stderr.contains("Usage: trackc"), "{}", run4.stderr);
    run(dir.path(), &["explain"]).expect(2);
}

#[test]
fn help_and_version_exit_0() {
    let dir = temp();
    let help = run(dir.path(), &["check", "--help"]).expect(0);
    assert!(help.stdout.contains("--deny-warnings"), "{}", help.stdout);
    let version = run(dir.path(), &["--version"]).expect(0);
    assert_eq!(
        version.stdout,
        format!("trackc {}\n", env!("CARGO_PKG_VERSION"))
    );
}

/// clap appends `[default: X]` to an option with a default value; a help
/// text that says it too prints the default twice.
#[test]
fn no_help_text_repeats_the_default_clap_shows() {
    fn walk(cmd: &clap::Command, path: &str, found: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.get_default_values().is_empty() || arg.is_hide_default_value_set() {
                continue;
            }
            for help in [arg.get_help(), arg.get_long_help()].into_iter().flatten() {
                if help.to_string().contains("[default:") {
                    found.push(format!("{path} --{}: {help}", arg.get_id()));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            walk(sub, &format!("{path} {}", sub.get_name()), found);
        }
    }
    let mut found = Vec::new();
    walk(
        &<trackc::cli::Cli as clap::CommandFactory>::command(),
        "trackc",
        &mut found,
    );
    assert!(found.is_empty(), "{found:#?}");
    // And as printed.
    let dir = temp();
    let help = run(dir.path(), &["check", "--help"]).expect(0);
    assert_eq!(
        help.stdout.matches("[default: human]").count(),
        1,
        "{}",
        help.stdout
    );
}

// --- finding the plan -------------------------------------------------------

#[test]
fn the_config_is_found_from_a_subdirectory() {
    let dir = temp();
    write(dir.path(), "trackc.yaml", "plan: tracking/\n");
    write(dir.path(), "tracking/plan.yaml", ERROR_PLAN);
    std::fs::create_dir_all(dir.path().join("src/deep")).unwrap();
    let doc = run(&dir.path().join("src/deep"), &["check", "--format", "json"])
        .expect(1)
        .json();
    // The plan named by the parent's config was read: its one error.
    assert_eq!(doc["summary"]["errors"], 1);
    let file = doc["diagnostics"][0]["labels"][0]["file"].as_str().unwrap();
    assert!(file.ends_with("tracking/plan.yaml"), "{file}");
}

#[test]
fn the_plan_flag_overrides_the_config() {
    let dir = temp();
    write(dir.path(), "trackc.yaml", "plan: tracking/\n");
    write(dir.path(), "tracking/plan.yaml", ERROR_PLAN);
    write(dir.path(), "other/plan.yaml", CLEAN_PLAN);
    run(dir.path(), &["check"]).expect(1);
    run(dir.path(), &["check", "--plan", "other"]).expect(0);
    // The config's other settings still apply with --plan.
    write(
        dir.path(),
        "trackc.yaml",
        "plan: tracking/\nlint:\n  rules:\n    schema/ambiguous-scalar: error\n",
    );
    write(dir.path(), "other/plan.yaml", WARNING_PLAN);
    run(dir.path(), &["check", "--plan", "other"]).expect(1);
}

#[test]
fn the_config_flag_names_the_config_and_paths_are_relative_to_it() {
    let dir = temp();
    write(dir.path(), "trackc.yaml", "plan: broken/\n");
    write(dir.path(), "broken/plan.yaml", ERROR_PLAN);
    write(dir.path(), "ci/trackc.yaml", "plan: ../good/\n");
    write(dir.path(), "good/plan.yaml", CLEAN_PLAN);
    run(dir.path(), &["check"]).expect(1);
    run(dir.path(), &["check", "--config", "ci/trackc.yaml"]).expect(0);
    let missing = run(dir.path(), &["check", "--config", "nope.yaml"]).expect(2);
    assert_eq!(missing.stderr, "error: nope.yaml: config file not found\n");
}

// --- rules, explain, init ---------------------------------------------------

#[test]
fn rules_lists_every_registered_rule_with_its_severity() {
    let dir = temp();
    let run = run(dir.path(), &["rules"]).expect(0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    for (i, rule) in RULES.iter().enumerate() {
        let line = lines[i];
        let fields: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(fields[0], rule.meta.id, "{line}");
        assert_eq!(fields[1], rule.meta.default_severity.as_str(), "{line}");
        assert!(line.ends_with(&rule.meta.summary()), "{line}");
    }
    let json = cli_support::run(dir.path(), &["rules", "--json"])
        .expect(0)
        .json();
    let ids: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let expected: Vec<&str> = RULES.iter().map(|r| r.meta.id).collect();
    assert_eq!(ids, expected);
}

#[test]
fn rule_summaries_are_whole_sentences() {
    // The summary is what `trackc rules` and SARIF show: a doc comment's
    // first sentence wrapped over two lines must not be cut at the wrap.
    for rule in RULES {
        let summary = rule.meta.summary();
        assert!(summary.ends_with('.'), "{}: {summary:?}", rule.meta.id);
    }
}

#[test]
fn explain_prints_each_rules_documentation() {
    let dir = temp();
    for rule in RULES {
        let id = rule.meta.id;
        let run = run(dir.path(), &["explain", id]).expect(0);
        assert!(
            run.stdout.starts_with(&format!("# {id}\n")),
            "{}",
            run.stdout
        );
        assert!(
            run.stdout.contains(&format!(
                "Default severity: {}",
                rule.meta.default_severity.as_str()
            )),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains(&rule.meta.docs()), "{id}");
        assert!(run.stdout.contains("## Fails"), "{id}");
        assert!(run.stdout.contains("## Passes"), "{id}");
    }
}

#[test]
fn explain_an_unknown_rule_exits_2_with_a_suggestion() {
    let dir = temp();
    let run1 = run(dir.path(), &["explain", "schema/unknown-kye"]).expect(2);
    assert_eq!(
        run1.stderr,
        "error: no lint rule `schema/unknown-kye`; did you mean `schema/unknown-key`?\n"
    );
    assert_eq!(run1.stdout, "");
    let run2 = run(dir.path(), &["explain", "nothing/like-it"]).expect(2);
    assert!(
        run2.stderr.contains("`trackc rules` lists them"),
        "{}",
        run2.stderr
    );
}

#[test]
fn init_writes_a_plan_that_checks_clean() {
    let dir = temp();
    let init = run(dir.path(), &["init"]).expect(0);
    assert!(init.stderr.contains("trackc check"), "{}", init.stderr);
    assert!(dir.path().join("trackc.yaml").is_file());
    assert!(dir.path().join("plans/tracking-plan.yaml").is_file());
    let doc = run(dir.path(), &["check", "--format", "json"])
        .expect(0)
        .json();
    assert_eq!(doc["diagnostics"], serde_json::json!([]), "{doc:#}");
    run(dir.path(), &["check", "--deny-warnings"]).expect(0);
}

#[test]
fn init_refuses_to_overwrite_existing_files() {
    for existing in ["trackc.yaml", "plans/tracking-plan.yaml"] {
        let dir = temp();
        write(dir.path(), existing, "# mine\n");
        let run = run(dir.path(), &["init"]).expect(2);
        assert!(run.stderr.contains(existing), "{}", run.stderr);
        assert!(run.stderr.contains("already exists"), "{}", run.stderr);
        assert_eq!(
            std::fs::read_to_string(dir.path().join(existing)).unwrap(),
            "# mine\n"
        );
        // Nothing else was written either.
        let other = if existing == "trackc.yaml" {
            "plans/tracking-plan.yaml"
        } else {
            "trackc.yaml"
        };
        assert!(!dir.path().join(other).exists(), "{other} was written");
    }
}
