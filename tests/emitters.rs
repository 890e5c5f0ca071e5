//! The emitters, proven by their own compilers: for the example plan and a
//! hostile plan, each target's code is compiled or type-checked by the real
//! toolchain, and a driver program per language runs the shared vectors
//! (tests/vectors/emitters.json) through the generated functions and a
//! capturing transport. A missing toolchain fails the test; docs/emitters.md
//! says how to install each one.
//!
//! Every language gets one compiler run for both plans and its driver.
//! Work directories stay under target/emitter-tests/ for reading.

#[path = "emitters/drivers.rs"]
mod drivers;
#[path = "emitters/plans.rs"]
mod plans;
#[path = "emitters/vectors.rs"]
mod vectors;

use std::collections::HashMap;
use std::path::Path;
use std::process::Command;
use trackc::codegen::naming::Lang;

/// Runs a toolchain command, failing the test with its output unless it
/// succeeds. A command that cannot start is a missing toolchain: a failure.
fn run(dir: &Path, program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `{program}` ({e}); the emitter tests need every toolchain, \
                 see docs/emitters.md"
            )
        });
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "`{program} {}` failed in {}:\n{stdout}\n{stderr}",
        args.join(" "),
        dir.display()
    );
    stdout
}

/// Generates `target` for both plans into `dir/<plan>/` (or `dir/<sub>/<plan>`).
fn generate_all(target: &str, dir: &Path) {
    for (name, plan) in plans::plans() {
        plans::write(&dir.join(name), &plans::generate(target, &plan));
    }
}

fn models(lang: Lang) -> (drivers::Models, HashMap<String, String>) {
    let mut models = HashMap::new();
    let mut packages = HashMap::new();
    for (name, plan) in plans::plans() {
        let m = plans::model(lang, &plan);
        packages.insert(name.to_string(), m.plan.package.clone());
        models.insert(name.to_string(), m);
    }
    (models, packages)
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn typescript_compiles_under_strict_and_sends_the_vectors() {
    let dir = plans::scratch("typescript");
    generate_all("typescript", &dir);
    let cases = vectors::load();
    let (models, _) = models(Lang::TypeScript);
    write(
        &dir.join("driver.ts"),
        &drivers::typescript(&cases, &models),
    );
    write(
        &dir.join("tsconfig.json"),
        r#"{ "compilerOptions": { "strict": true, "noUnusedLocals": true, "noUnusedParameters": true,
  "noImplicitReturns": true, "noFallthroughCasesInSwitch": true, "target": "es2020",
  "module": "commonjs", "outDir": "out" },
  "files": ["invoicely/analytics.ts", "hostile/analytics.ts", "minimal/analytics.ts", "driver.ts"] }"#,
    );
    let tsc = plans::root().join("tests/toolchains/node_modules/typescript/bin/tsc");
    assert!(
        tsc.exists(),
        "TypeScript is not installed: run `npm ci` in tests/toolchains"
    );
    run(
        &dir,
        "node",
        &[tsc.to_str().unwrap(), "-p", "tsconfig.json"],
    );
    let stdout = run(&dir, "node", &["out/driver.js"]);
    vectors::verify("typescript", &stdout, &cases);
}

#[test]
fn python_passes_mypy_strict_and_sends_the_vectors() {
    let dir = plans::scratch("python");
    generate_all("python", &dir);
    for (name, _) in plans::plans() {
        write(&dir.join(name).join("__init__.py"), "");
    }
    let cases = vectors::load();
    let (models, _) = models(Lang::Python);
    write(&dir.join("driver.py"), &drivers::python(&cases, &models));
    run(
        &dir,
        "python3",
        &[
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "invoicely",
            "hostile",
            "minimal",
            "driver.py",
        ],
    );
    let stdout = run(&dir, "python3", &["driver.py"]);
    vectors::verify("python", &stdout, &cases);
}

/// Ruff's default rules plus the sets a careful Python team enables, for
/// the Python 3.9 the emitter promises. Left out: E501 (line length is the
/// formatter's business, and plan texts make lines of any length) and UP013
/// (class-syntax TypedDicts: the functional form is the one every wire name
/// fits, keywords and hyphens included).
#[test]
fn python_passes_ruff() {
    let dir = plans::scratch("python-ruff");
    generate_all("python", &dir);
    run(
        &dir,
        "python3",
        &[
            "-m",
            "ruff",
            "check",
            "--isolated",
            "--no-cache",
            "--quiet",
            "--target-version",
            "py39",
            "--extend-select",
            "E,W,I,UP,B,N,RUF",
            "--ignore",
            "E501,UP013",
            "invoicely",
            "hostile",
            "minimal",
        ],
    );
    // A repository's `ruff format --check` must pass with the generated
    // module in it (the file turns formatting off for itself).
    run(
        &dir,
        "python3",
        &[
            "-m",
            "ruff",
            "format",
            "--isolated",
            "--no-cache",
            "--check",
            "--target-version",
            "py39",
            "invoicely",
            "hostile",
            "minimal",
        ],
    );
}

#[test]
fn rust_passes_clippy_and_sends_the_vectors() {
    let dir = plans::scratch("rust");
    for (name, plan) in plans::plans() {
        let files = plans::generate("rust", &plan);
        assert_eq!(files.len(), 1);
        write(
            &dir.join("src").join(format!("{name}.rs")),
            &files[0].contents,
        );
    }
    write(
        &dir.join("src/lib.rs"),
        "pub mod hostile;\npub mod invoicely;\npub mod minimal;\n",
    );
    write(
        &dir.join("Cargo.toml"),
        "[package]\nname = \"emitter_check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nregex = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
    );
    // trackc's own lock file pins regex and serde_json to versions cargo has
    // already downloaded, so the offline build resolves on a fresh machine.
    std::fs::copy(plans::root().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    // `cargo fmt --check` in the user's crate must pass with the generated
    // module in it (the file tells rustfmt to leave it as generated).
    run(
        &dir,
        "rustfmt",
        &[
            "--edition",
            "2021",
            "--check",
            "src/hostile.rs",
            "src/invoicely.rs",
            "src/minimal.rs",
        ],
    );
    let cases = vectors::load();
    let (models, packages) = models(Lang::Rust);
    write(
        &dir.join("src/main.rs"),
        &drivers::rust(&cases, &models, &packages),
    );
    let target = plans::root().join("target/emitter-cargo");
    let target = target.to_str().unwrap();
    run(
        &dir,
        env!("CARGO"),
        &[
            "clippy",
            "--offline",
            "--quiet",
            "--all-targets",
            "--target-dir",
            target,
            "--",
            "-D",
            "warnings",
        ],
    );
    let stdout = run(
        &dir,
        env!("CARGO"),
        &["run", "--offline", "--quiet", "--target-dir", target],
    );
    vectors::verify("rust", &stdout, &cases);
}

#[test]
fn go_passes_vet_and_gofmt_and_sends_the_vectors() {
    let dir = plans::scratch("go");
    generate_all("go", &dir);
    write(
        &dir.join("go.mod"),
        "module example.com/emitters\n\ngo 1.19\n",
    );
    let cases = vectors::load();
    let (models, packages) = models(Lang::Go);
    write(
        &dir.join("driver/main.go"),
        &drivers::go(&cases, &models, &packages),
    );
    let unformatted = run(&dir, "gofmt", &["-l", "invoicely", "hostile", "minimal"]);
    assert!(
        unformatted.trim().is_empty(),
        "gofmt would change: {unformatted}"
    );
    run(&dir, "go", &["vet", "./..."]);
    let stdout = run(&dir, "go", &["run", "./driver"]);
    vectors::verify("go", &stdout, &cases);
}

/// staticcheck with every check, style ones included (doc comments that
/// name what they document, `WorkspaceID` not `WorkspaceId`). The `DO NOT
/// EDIT` marker is dropped first: staticcheck skips several checks on
/// generated files, and this is about the code as a Go reader sees it.
#[test]
fn go_passes_staticcheck() {
    let dir = plans::scratch("go-staticcheck");
    generate_all("go", &dir);
    write(
        &dir.join("go.mod"),
        "module example.com/emitters\n\ngo 1.19\n",
    );
    for plan in ["invoicely", "hostile", "minimal"] {
        let path = dir.join(plan).join("analytics.go");
        let code = std::fs::read_to_string(&path).unwrap();
        assert!(code.contains("DO NOT EDIT"), "{}", path.display());
        let code: String = code
            .lines()
            .filter(|l| !l.contains("DO NOT EDIT"))
            .map(|l| format!("{l}\n"))
            .collect();
        std::fs::write(&path, code).unwrap();
    }
    // Debian names the command go-staticcheck; `go install` names it staticcheck.
    let tool = ["go-staticcheck", "staticcheck"]
        .into_iter()
        .find(|t| Command::new(t).arg("-version").output().is_ok())
        .expect("staticcheck is not installed: .ci/run installs it (apt go-staticcheck)");
    run(&dir, tool, &["-checks", "all", "./..."]);
}

#[test]
fn java_compiles_with_all_lints_as_errors_and_sends_the_vectors() {
    let dir = plans::scratch("java");
    generate_all("java", &dir);
    let cases = vectors::load();
    let (models, packages) = models(Lang::Java);
    write(
        &dir.join("Driver.java"),
        &drivers::java(&cases, &models, &packages),
    );
    run(
        &dir,
        "javac",
        &[
            "-Xlint:all",
            "-Werror",
            "-encoding",
            "UTF-8",
            "-d",
            "out",
            "invoicely/Analytics.java",
            "hostile/Analytics.java",
            "minimal/Analytics.java",
            "Driver.java",
        ],
    );
    let stdout = run(
        &dir,
        "java",
        &["-Dfile.encoding=UTF-8", "-cp", "out", "Driver"],
    );
    vectors::verify("java", &stdout, &cases);
}

#[test]
fn kotlin_compiles_and_sends_the_vectors() {
    let dir = plans::scratch("kotlin");
    generate_all("kotlin", &dir);
    let cases = vectors::load();
    let (models, packages) = models(Lang::Kotlin);
    write(
        &dir.join("Driver.kt"),
        &drivers::kotlin(&cases, &models, &packages),
    );
    run(
        &dir,
        "kotlinc",
        &[
            "-Werror",
            "-include-runtime",
            "-d",
            "driver.jar",
            "invoicely/Analytics.kt",
            "hostile/Analytics.kt",
            "minimal/Analytics.kt",
            "Driver.kt",
        ],
    );
    let stdout = run(
        &dir,
        "java",
        &[
            "-Dfile.encoding=UTF-8",
            "-cp",
            "driver.jar",
            "driver.DriverKt",
        ],
    );
    vectors::verify("kotlin", &stdout, &cases);
}

#[test]
#[should_panic(expected = "vectors failed")]
fn a_driver_sending_a_different_payload_fails_the_vectors() {
    let cases = vectors::load();
    let case = cases.iter().find(|c| c.expect.is_some()).unwrap();
    let mut sent = case.expect.clone().unwrap();
    sent[0]["type"] = "oops".into();
    let line = serde_json::json!({"id": case.id, "sent": sent, "violations": []});
    vectors::verify("test", &line.to_string(), std::slice::from_ref(case));
}

#[test]
fn canonical_json_sorts_keys_and_unifies_integral_numbers() {
    let a: serde_json::Value =
        serde_json::from_str(r#"{"b": 3.0, "a": [1, {"d": 2, "c": 1.5}]}"#).unwrap();
    assert_eq!(vectors::canonical(&a), r#"{"a":[1,{"c":1.5,"d":2}],"b":3}"#);
}
