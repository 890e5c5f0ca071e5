//! `trackc diff --against` end to end: a real git repository in a temporary
//! directory, the built binary, its output and exit codes.

#[path = "common/git.rs"]
mod gitrepo;

use gitrepo::{Repo, code, git, stderr, stdout};

const CONFIG: &str = "plan: plans/\n";

const PLAN: &str = "\
plan:
  id: shop
  name: Shop
  version: 1
owners:
  checkout:
    name: Checkout Team
    contact: \"#checkout\"
sources:
  web:
    side: client
    description: Web app.
";

const EVENTS: &str = "\
events:
  Order Placed:
    description: An order was placed.
    owner: checkout
    side: client
    properties:
      payment:
        type: string
        enum: [card, paypal]
        description: How the order was paid.
  Coupon Applied:
    description: A coupon was applied.
    owner: checkout
    side: client
    properties:
      code:
        type: string
        description: The coupon code.
";

fn project() -> Repo {
    let repo = Repo::new();
    repo.write("trackc.yaml", CONFIG);
    repo.write("plans/plan.yaml", PLAN);
    repo.write("plans/events.yaml", EVENTS);
    repo.commit("plan");
    repo
}

fn remove_coupon_event(repo: &Repo) {
    let text = repo.read("plans/events.yaml");
    let cut = text.find("  Coupon Applied:").unwrap();
    repo.write("plans/events.yaml", &text[..cut]);
}

fn add_optional_property(repo: &Repo) {
    repo.edit(
        "plans/events.yaml",
        "        description: How the order was paid.\n",
        "        description: How the order was paid.\n      gift:\n        type: boolean\n        required: false\n        description: Sent as a gift.\n",
    );
}

fn exit_codes(repo: &Repo) -> [i32; 3] {
    ["breaking", "any", "none"]
        .map(|f| code(&repo.trackc(&["diff", "--against", "HEAD", "--fail-on", f])))
}

#[test]
fn no_changes_exit_0_for_every_fail_on() {
    let repo = project();
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    assert_eq!(
        stdout(&out),
        "no changes against HEAD\n",
        "{}",
        stderr(&out)
    );
    assert_eq!(exit_codes(&repo), [0, 0, 0]);
}

#[test]
fn non_breaking_changes_fail_only_with_fail_on_any() {
    let repo = project();
    add_optional_property(&repo);
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    let text = stdout(&out);
    assert!(
        text.contains("change[property.added]: property `gift` of event `Order Placed` was added (optional)\n  --> plans/events.yaml:11:7\n"),
        "{text}"
    );
    assert!(
        text.ends_with("0 breaking changes, 1 non-breaking change against HEAD\n"),
        "{text}"
    );
    assert_eq!(exit_codes(&repo), [0, 1, 0]);
}

#[test]
fn breaking_changes_fail_unless_fail_on_none() {
    let repo = project();
    remove_coupon_event(&repo);
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    let text = stdout(&out);
    assert!(
        text.contains("breaking[event.removed]: event `Coupon Applied` was removed\n  --> plans/events.yaml:11:3 (in HEAD)\n  owner: Checkout Team (checkout, #checkout)\n"),
        "{text}"
    );
    assert!(text.contains("warning[diff/version-not-bumped]"), "{text}");
    assert_eq!(exit_codes(&repo), [1, 1, 0]);

    // Bumping the version silences the warning, not the failure.
    repo.edit("plans/plan.yaml", "version: 1", "version: 2");
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    assert!(!stdout(&out).contains("version-not-bumped"));
    assert_eq!(code(&out), 1);
}

#[test]
fn every_format_runs_against_git() {
    let repo = project();
    remove_coupon_event(&repo);
    let md = repo.trackc(&["diff", "--against", "HEAD", "--format", "markdown"]);
    assert_eq!(code(&md), 1);
    assert!(stdout(&md).starts_with("## Tracking plan changes against `HEAD`\n"));
    assert!(stdout(&md).contains("**Review needed from:** Checkout Team (`checkout`, #checkout)"));
    let gh = repo.trackc(&[
        "diff",
        "--against",
        "HEAD",
        "--format",
        "github",
        "--fail-on",
        "none",
    ]);
    assert_eq!(code(&gh), 0);
    assert!(
        stdout(&gh).starts_with("::error title=trackc diff%3A event.removed (breaking)::"),
        "{}",
        stdout(&gh)
    );
    let json = repo.trackc(&["diff", "--against", "HEAD", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["summary"]["breaking"], 1);
    assert_eq!(doc["changes"][0]["location"]["file"], "plans/events.yaml");
    // SARIF on stdout, and the format does not change the exit code.
    for (fail_on, want) in [("breaking", 1), ("none", 0)] {
        let sarif = repo.trackc(&[
            "diff",
            "--against",
            "HEAD",
            "--format",
            "sarif",
            "--fail-on",
            fail_on,
        ]);
        assert_eq!(code(&sarif), want, "{}", stderr(&sarif));
        let doc: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
        let result = &doc["runs"][0]["results"][0];
        assert_eq!(result["ruleId"], "event.removed");
        assert_eq!(result["level"], "error");
        assert_eq!(
            result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            "plans/events.yaml"
        );
    }
}

#[test]
fn older_commits_tags_and_branches_are_refs_too() {
    let repo = project();
    repo.git(&["tag", "v1"]);
    add_optional_property(&repo);
    repo.commit("gift");
    remove_coupon_event(&repo);
    repo.commit("no coupons");
    repo.git(&["branch", "feature"]);

    let kinds = |against: &str| -> Vec<String> {
        let out = repo.trackc(&["diff", "--against", against, "--format", "json"]);
        assert_ne!(code(&out), 2, "{}", stderr(&out));
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["kind"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(kinds("HEAD~1"), ["event.removed"]);
    assert_eq!(kinds("v1"), ["event.removed", "property.added"]);
    assert_eq!(kinds("HEAD~2"), kinds("v1"));
    assert!(kinds("feature").is_empty());
    let commit = repo.git(&["rev-parse", "HEAD~1"]);
    assert_eq!(kinds(commit.trim()), ["event.removed"]);
}

#[test]
fn runs_from_a_subdirectory_of_the_repository() {
    let repo = project();
    remove_coupon_event(&repo);
    let out = repo.trackc_in("plans", &["diff", "--against", "HEAD"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("--> ./events.yaml:11:3 (in HEAD)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_missing_ref_is_exit_2_with_a_clear_message() {
    let repo = project();
    let out = repo.trackc(&["diff", "--against", "origin/mian"]);
    assert_eq!(code(&out), 2);
    assert_eq!(stdout(&out), "");
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "error: git ref `origin/mian` does not exist: no branch, tag or commit by that name."
        ),
        "{err}"
    );
    assert!(!err.contains("shallow"));
}

#[test]
fn a_missing_ref_in_a_shallow_clone_says_how_to_fetch_it() {
    let repo = project();
    add_optional_property(&repo);
    repo.commit("second");
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git(
        clones.path(),
        &["clone", "-q", "--depth", "1", &url, "clone"],
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trackc"))
        .current_dir(clones.path().join("clone"))
        .args(["diff", "--against", "HEAD~1"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("git ref `HEAD~1` is not in this clone, which is shallow"),
        "{err}"
    );
    assert!(
        err.contains("`fetch-depth: 0` on actions/checkout"),
        "{err}"
    );
    assert!(err.contains("git fetch --unshallow"), "{err}");
}

#[test]
fn a_plan_missing_at_the_ref_is_exit_2_and_against_plan_finds_it() {
    let repo = Repo::new();
    repo.write("trackc.yaml", CONFIG);
    repo.write("tracking/plan.yaml", PLAN);
    repo.write("tracking/events.yaml", EVENTS);
    repo.commit("plan in tracking/");
    repo.git(&["mv", "tracking", "plans"]);
    remove_coupon_event(&repo);
    repo.commit("moved to plans/");

    let out = repo.trackc(&["diff", "--against", "HEAD~1"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("the plan `plans` does not exist at `HEAD~1`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("--against-plan"));

    let out = repo.trackc(&["diff", "--against", "HEAD~1", "--against-plan", "tracking"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("--> tracking/events.yaml:11:3 (in HEAD~1)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn an_old_plan_with_lint_errors_is_still_compared() {
    let repo = Repo::new();
    repo.write("trackc.yaml", CONFIG);
    repo.write("plans/plan.yaml", PLAN);
    repo.write(
        "plans/events.yaml",
        &EVENTS.replace(
            "        type: string\n        description: The coupon code.",
            "        type: string\n        requierd: false\n        description: The coupon code.",
        ),
    );
    repo.commit("typo");
    std::fs::write(repo.path().join("plans/events.yaml"), EVENTS).unwrap();
    remove_coupon_event(&repo);
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("breaking[event.removed]"), "{text}");
    assert!(
        text.contains(
            "note: the plan at `HEAD` has 1 error; it was compared as far as it could be read"
        ),
        "{text}"
    );
}

#[test]
fn the_config_at_the_ref_is_compared_too() {
    let repo = Repo::new();
    let config = "plan: plans/\nbuild:\n  outputs:\n    - target: jsonschema\n      out: schemas/\n      additional_properties: true\n";
    repo.write("trackc.yaml", config);
    repo.write("plans/plan.yaml", PLAN);
    repo.write("plans/events.yaml", EVENTS);
    repo.commit("open schemas");
    repo.edit(
        "trackc.yaml",
        "additional_properties: true",
        "additional_properties: false",
    );
    let out = repo.trackc(&["diff", "--against", "HEAD"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("breaking[additional_properties.closed]: JSON Schema output `schemas/` no longer allows additional properties"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("--> trackc.yaml:6:30\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn against_a_path_compares_with_another_copy() {
    let repo = project();
    let old = tempfile::tempdir().unwrap();
    gitrepo::copy_dir(&repo.path().join("plans"), &old.path().join("plans"));
    remove_coupon_event(&repo);
    // Another checkout: the plan is at the same relative path inside it.
    let out = repo.trackc(&["diff", "--against", old.path().to_str().unwrap()]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stdout(&out).contains("breaking[event.removed]"));
    // A plan directory itself.
    let out = repo.trackc(&[
        "diff",
        "--against",
        old.path().join("plans").to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["changes"][0]["kind"], "event.removed");
}

#[test]
fn outside_a_repository_a_name_that_is_not_a_path_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("plans")).unwrap();
    std::fs::write(
        dir.path().join("plans/plan.yaml"),
        format!("{PLAN}{EVENTS}"),
    )
    .unwrap();
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_trackc"));
    gitrepo::git_env(&mut cmd);
    let out = cmd
        .current_dir(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["diff", "--against", "main"])
        .output()
        .unwrap();
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).starts_with("error: `main` is not a path, and it cannot be a git ref here: not inside a git repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_single_file_plan_is_read_from_git_too() {
    let repo = Repo::new();
    repo.write("tracking.yaml", &format!("{PLAN}{EVENTS}"));
    repo.commit("one file");
    let text = repo.read("tracking.yaml");
    let cut = text.find("  Coupon Applied:").unwrap();
    repo.write("tracking.yaml", &text[..cut]);
    let out = repo.trackc(&["diff", "--plan", "tracking.yaml", "--against", "HEAD"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stdout(&out).contains("--> tracking.yaml:23:3 (in HEAD)"),
        "{}",
        stdout(&out)
    );
}
