//! The CI story end to end: docs/ci.md's workflows are valid YAML and their
//! `trackc` commands are exactly the ones run here against a pull-request
//! branch; the pre-commit hooks run through `pre-commit try-repo`; the
//! README's changelog is the command's real output.

#[path = "common/git.rs"]
mod gitrepo;

use gitrepo::{Repo, code, copy_dir, git_env, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Command;
use trackc::source::{FileId, SourceFile};
use trackc::yaml::{self, Node, Value};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Edits to the example plan (file, from, to) that make one pull request:
/// two breaking changes, two non-breaking ones, `plan.version` untouched.
const EXAMPLE_CHANGE: &[(&str, &str, &str)] = &[
    (
        "plans/invoicely/billing.yaml",
        "enum: [card, bank_transfer, paypal]",
        "enum: [card, bank_transfer]",
    ),
    (
        "plans/invoicely/billing.yaml",
        "        minimum: 1\n        maximum: 20\n",
        "        minimum: 1\n        maximum: 50\n",
    ),
    (
        "plans/invoicely/growth.yaml",
        "        required: false\n        nullable: true\n",
        "        nullable: true\n",
    ),
    (
        "plans/invoicely/growth.yaml",
        "        description: Which price toggle was selected when the page loaded.\n",
        "        description: Which price toggle was selected when the page loaded.\n      utm_source:\n        type: string\n        required: false\n        description: The utm_source parameter of the landing page URL, if any.\n",
    ),
];

/// `origin` holds the example project on `main`; the returned clone is on a
/// branch with [`EXAMPLE_CHANGE`] committed, as a CI job checks it out.
fn pull_request() -> (Repo, Repo) {
    let origin = Repo::new();
    copy_dir(
        &root().join("plans/invoicely"),
        &origin.path().join("plans/invoicely"),
    );
    std::fs::copy(
        root().join("trackc.yaml"),
        origin.path().join("trackc.yaml"),
    )
    .unwrap();
    build(&origin);
    origin.commit("example plan");
    let work = Repo::clone_of(&origin);
    work.git(&["checkout", "-q", "-b", "change"]);
    for (file, from, to) in EXAMPLE_CHANGE {
        work.edit(file, from, to);
    }
    build(&work);
    work.commit("change the plan");
    (origin, work)
}

/// Commits generated outputs alongside the plan, as a real project does
/// (once `build` exists on this branch).
fn build(repo: &Repo) {
    if PENDING_VERBS.contains(&"build") {
        return;
    }
    let out = repo.trackc(&["build"]);
    assert_eq!(code(&out), 0, "trackc build: {}", stderr(&out));
}

fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut rest = markdown;
    while let Some(start) = rest.find("```yaml\n") {
        let body = &rest[start + "```yaml\n".len()..];
        let end = body.find("\n```").expect("closed fence");
        blocks.push(body[..=end].to_string());
        rest = &body[end..];
    }
    blocks
}

fn parse_yaml(name: &str, text: &str) -> Node {
    let file = SourceFile::new(name.into(), text.to_string());
    let parsed = yaml::parse(FileId(0), &file);
    let problems: Vec<_> = parsed.problems.iter().map(|p| p.message.clone()).collect();
    assert!(
        problems.is_empty(),
        "{name} is not valid YAML: {problems:?}\n{text}"
    );
    parsed.root.unwrap_or_else(|| panic!("{name} is empty"))
}

fn scalars<'a>(node: &'a Node, out: &mut Vec<&'a str>) {
    match &node.value {
        Value::Scalar(s) => out.push(&s.text),
        Value::Seq(items) => items.iter().for_each(|n| scalars(n, out)),
        Value::Map(entries) => entries.iter().for_each(|e| scalars(&e.value, out)),
    }
}

/// A `trackc ...` shell line as the tests run it: CI variables for the base
/// branch become `origin/main`, and redirections are dropped.
fn normalize(line: &str) -> String {
    let line = line
        .replace("\"origin/${{ github.base_ref }}\"", "origin/main")
        .replace(
            "\"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME\"",
            "origin/main",
        );
    let cut = [" > ", " || ", " | "]
        .iter()
        .filter_map(|s| line.find(s))
        .min()
        .unwrap_or(line.len());
    let command = line[..cut].trim().to_string();
    assert!(
        !command.contains(['$', '"', '\'']),
        "the test cannot run `{command}`: teach normalize() about it"
    );
    command
}

fn trackc_commands(node: &Node) -> Vec<String> {
    let mut texts = Vec::new();
    scalars(node, &mut texts);
    texts
        .iter()
        .flat_map(|t| t.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("trackc "))
        .map(normalize)
        .collect()
}

/// Every command in docs/ci.md and `.pre-commit-hooks.yaml`, with the exit
/// code it must have on the pull-request branch of [`pull_request`].
const CI_COMMANDS: &[(&str, i32)] = &[
    ("trackc check --format github", 0),
    ("trackc check", 0),
    ("trackc build --check", 0),
    (
        "trackc diff --against origin/main --format github --fail-on none",
        0,
    ),
    ("trackc diff --against origin/main --format markdown", 1),
    // Last: `trackc fmt` may rewrite the plan (it changes no value).
    ("trackc fmt --check", 0),
    ("trackc fmt", 0),
];

/// Verbs documented in the workflows that are built on another branch. The
/// `pending_verbs_are_still_pending` test fails once they exist, so the
/// list cannot go stale.
const PENDING_VERBS: &[&str] = &[];

#[test]
fn docs_ci_yaml_is_valid_and_runs_only_tested_commands() {
    let docs = std::fs::read_to_string(root().join("docs/ci.md")).unwrap();
    let blocks = yaml_blocks(&docs);
    assert_eq!(blocks.len(), 4, "GitHub, GitLab and two pre-commit configs");
    let mut commands = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        commands.extend(trackc_commands(&parse_yaml(
            &format!("docs/ci.md block {i}"),
            block,
        )));
    }
    let hooks = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).unwrap();
    commands.extend(trackc_commands(&parse_yaml(
        ".pre-commit-hooks.yaml",
        &hooks,
    )));
    commands.sort();
    commands.dedup();
    let mut tested: Vec<String> = CI_COMMANDS.iter().map(|(c, _)| c.to_string()).collect();
    tested.sort();
    assert_eq!(commands, tested, "docs/ci.md and CI_COMMANDS disagree");

    // The GitHub workflow fetches the history diff needs.
    assert!(blocks[0].contains("fetch-depth: 0"));
    assert!(blocks[1].contains("GIT_DEPTH: \"0\""));
}

#[test]
fn the_ci_commands_have_the_documented_exit_codes_on_a_pull_request() {
    let (_origin, work) = pull_request();
    for (command, want) in CI_COMMANDS {
        let args: Vec<&str> = command.split_whitespace().skip(1).collect();
        if PENDING_VERBS.contains(&args[0]) {
            continue;
        }
        let out = work.trackc(&args);
        assert_eq!(
            code(&out),
            *want,
            "`{command}`:\n{}\n{}",
            stdout(&out),
            stderr(&out)
        );
    }
}

#[test]
fn pending_verbs_are_still_pending() {
    for verb in PENDING_VERBS {
        let out = Command::new(env!("CARGO_BIN_EXE_trackc"))
            .args([verb, "--help"])
            .output()
            .unwrap();
        assert_eq!(
            code(&out),
            2,
            "`trackc {verb}` exists now: remove it from PENDING_VERBS in tests/ci.rs so its CI command is run"
        );
    }
}

#[test]
fn readme_shows_the_real_changelog_of_the_example_change() {
    let (_origin, work) = pull_request();
    let out = work.trackc(&["diff", "--against", "origin/main", "--format", "markdown"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let changelog = stdout(&out);
    assert!(
        changelog.contains("**2 breaking changes** and 2 non-breaking changes."),
        "{changelog}"
    );
    assert!(changelog.contains("diff/version-not-bumped"), "{changelog}");

    let readme_path = root().join("README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let (start, end) = (
        "<!-- diff-example:start -->\n````markdown\n",
        "````\n<!-- diff-example:end -->",
    );
    let from = readme
        .find(start)
        .expect("README has the diff-example markers")
        + start.len();
    let to = readme[from..].find(end).expect("end marker") + from;
    if std::env::var_os("TRACKC_UPDATE_DOCS").is_some() {
        let updated = format!("{}{changelog}{}", &readme[..from], &readme[to..]);
        std::fs::write(&readme_path, updated).unwrap();
        return;
    }
    assert_eq!(
        &readme[from..to],
        changelog,
        "README's example changelog is stale: rerun with TRACKC_UPDATE_DOCS=1"
    );
}

/// `pre-commit`, from PyPI (`pip install pre-commit`; .ci/run installs it).
fn pre_commit() -> Command {
    let ok = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(ok, "pre-commit is not installed: pip install pre-commit");
    Command::new("pre-commit")
}

/// A repository holding this project's `.pre-commit-hooks.yaml`, committed,
/// as `pre-commit try-repo` needs.
fn hooks_repo() -> Repo {
    let repo = Repo::new();
    std::fs::copy(
        root().join(".pre-commit-hooks.yaml"),
        repo.path().join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    repo.commit("hooks");
    repo
}

fn try_repo(project: &Repo, hooks: &Repo, hook: &str, cache: &Path) -> std::process::Output {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_trackc")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut cmd = pre_commit();
    git_env(&mut cmd)
        .current_dir(project.path())
        .env("PATH", path)
        .env("PRE_COMMIT_HOME", cache)
        .env("NO_COLOR", "1")
        .args([
            "try-repo",
            hooks.path().to_str().unwrap(),
            hook,
            "--all-files",
            "--color",
            "never",
        ])
        .output()
        .unwrap()
}

#[test]
fn pre_commit_try_repo_runs_the_hooks_on_a_sample_plan() {
    let hooks = hooks_repo();
    let cache = tempfile::tempdir().unwrap();
    let project = Repo::new();
    copy_dir(
        &root().join("plans/invoicely"),
        &project.path().join("plans/invoicely"),
    );
    std::fs::copy(
        root().join("trackc.yaml"),
        project.path().join("trackc.yaml"),
    )
    .unwrap();
    project.commit("plan");

    let out = try_repo(&project, &hooks, "trackc-check", cache.path());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 0, "{text}");
    assert!(
        text.contains("trackc check") && text.contains("Passed"),
        "{text}"
    );

    project.edit(
        "plans/invoicely/billing.yaml",
        "    category: Revenue\n",
        "    categroy: Revenue\n",
    );
    project.git(&["add", "-A"]);
    let out = try_repo(&project, &hooks, "trackc-check", cache.path());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 1, "{text}");
    assert!(text.contains("Failed"), "{text}");
    assert!(text.contains("schema/unknown-key"), "{text}");
    assert!(text.contains("did you mean `category`?"), "{text}");

    // The build hook runs `trackc build --check`: it passes exactly when the
    // command does, and shows its output.
    let direct = project.trackc(&["build", "--check"]);
    let out = try_repo(&project, &hooks, "trackc-build-check", cache.path());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert!(text.contains("trackc build --check"), "{text}");
    assert_eq!(code(&out) == 0, code(&direct) == 0, "{text}");
    let first_line = format!("{}{}", stdout(&direct), stderr(&direct));
    let first_line = first_line.lines().next().unwrap_or_default();
    assert!(text.contains(first_line), "{text}\nlacks: {first_line}");

    // The fmt hook passes on the canonical plan; on a file indented by 4 it
    // rewrites the file and fails the commit, naming the file.
    project.edit(
        "plans/invoicely/billing.yaml",
        "    categroy: Revenue\n",
        "    category: Revenue\n",
    );
    let out = try_repo(&project, &hooks, "trackc-fmt", cache.path());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 0, "{text}");
    assert!(
        text.contains("trackc fmt") && text.contains("Passed"),
        "{text}"
    );
    let plan = project.path().join("plans/invoicely/plan.yaml");
    let canonical = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(&plan, canonical.replace("\n  ", "\n    ")).unwrap();
    project.git(&["add", "-A"]);
    let out = try_repo(&project, &hooks, "trackc-fmt", cache.path());
    let text = format!("{}{}", stdout(&out), stderr(&out));
    assert_eq!(code(&out), 1, "{text}");
    assert!(
        text.contains("reformatted plans/invoicely/plan.yaml"),
        "{text}"
    );
    assert_eq!(std::fs::read_to_string(&plan).unwrap(), canonical);
}
