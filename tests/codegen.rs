//! Emitter generation without toolchains: template overrides, filtering,
//! collisions, headers and deprecation markers.

#[path = "emitters/plans.rs"]
#[allow(dead_code)]
mod plans;

use trackc::build::target::{CommentStyle, TargetContext};
use trackc::codegen::{self, lower};
use trackc::model::Side;

fn invoicely() -> trackc::check::Checked {
    plans::load(&plans::root().join("plans/invoicely"))
}

#[test]
fn every_target_starts_with_the_header_and_marks_deprecated_events() {
    let checked = invoicely();
    let header = plans::header();
    let marker = [
        (
            "typescript",
            "@deprecated Use `Invoice Downloaded` instead.",
        ),
        (
            "python",
            "warnings.warn(\"Use `Invoice Downloaded` instead.\", DeprecationWarning",
        ),
        (
            "rust",
            "#[deprecated(note = \"Use `Invoice Downloaded` instead.\")]",
        ),
        ("go", "// Deprecated: Use `Invoice Downloaded` instead."),
        ("java", "@Deprecated\n    public void invoiceExported("),
        (
            "kotlin",
            "@Deprecated(\"Use `Invoice Downloaded` instead.\")",
        ),
    ];
    for (target, deprecated) in marker {
        let out = plans::output(target);
        let cx = TargetContext {
            plan: &checked.plan,
            events: lower::events_on(&checked.plan, None),
            header: &header,
            output: &out,
        };
        let files = codegen::generate(target, &cx).unwrap().unwrap();
        assert_eq!(files.len(), 1, "{target}");
        let style = if target == "python" {
            CommentStyle::Hash
        } else {
            CommentStyle::Slash
        };
        assert!(
            files[0].contents.starts_with(&header.comment(style)),
            "{target}"
        );
        assert!(
            files[0].contents.contains(deprecated),
            "{target} lacks {deprecated:?}"
        );
        assert!(
            files[0].contents.contains("Billing Team (#team-billing)"),
            "{target}: owner in docs"
        );
    }
}

#[test]
fn a_side_filter_leaves_other_events_out() {
    let checked = invoicely();
    let header = plans::header();
    let out = plans::output("typescript");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, Some(Side::Client)),
        header: &header,
        output: &out,
    };
    let ts = &codegen::generate("typescript", &cx).unwrap().unwrap()[0].contents;
    assert!(ts.contains("invoiceViewed(properties: InvoiceViewedProperties)"));
    assert!(!ts.contains("invoiceCreated"));
    assert!(!ts.contains("\"Payment Received\""));
}

#[test]
fn unknown_targets_are_not_codegen_targets() {
    let checked = invoicely();
    let header = plans::header();
    let out = plans::output("markdown");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    assert!(codegen::generate("markdown", &cx).is_none());
    assert!(codegen::generate_with("markdown", &cx, Some(&plans::root())).is_none());
}

#[test]
fn templates_dir_overrides_a_file_adds_files_and_adds_targets() {
    let dir = tempfile::tempdir().unwrap();
    let t = dir.path();
    std::fs::create_dir_all(t.join("typescript")).unwrap();
    std::fs::write(
        t.join("typescript/analytics.ts.j2"),
        "{{ header }}// {{ events | length }} events\n{% for e in events %}export const {{ e.name }} = {{ e.wire_lit }};\n{% endfor %}",
    )
    .unwrap();
    std::fs::create_dir_all(t.join("go")).unwrap();
    std::fs::write(
        t.join("go/events.txt.j2"),
        "{% for e in events %}{{ e.name }}\n{% endfor %}",
    )
    .unwrap();
    std::fs::create_dir_all(t.join("swift")).unwrap();
    std::fs::write(
        t.join("swift/_helpers.j2"),
        "{% macro f(e) %}func {{ e.wire | camel }}(){% endmacro %}",
    )
    .unwrap();
    std::fs::write(
        t.join("swift/Analytics.swift.j2"),
        "{% from \"swift/_helpers.j2\" import f %}{% for e in events %}{{ f(e) }} // {{ e.wire | string_literal }}\n{% endfor %}",
    )
    .unwrap();

    let checked = invoicely();
    let header = plans::header();
    let out = plans::output("x");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    let ts = codegen::generate_with("typescript", &cx, Some(t))
        .unwrap()
        .unwrap();
    assert_eq!(ts.len(), 1);
    assert!(
        ts[0]
            .contents
            .contains("// 10 events\nexport const invoiceCreated = \"Invoice Created\";")
    );
    assert!(!ts[0].contents.contains("class Analytics"));

    let go = codegen::generate_with("go", &cx, Some(t)).unwrap().unwrap();
    let names: Vec<&str> = go.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(names, ["analytics.go", "events.txt"]);
    assert!(go[1].contents.starts_with("InvoiceCreated\nInvoiceSent\n"));

    assert!(codegen::is_target("swift", Some(t)));
    let swift = codegen::generate_with("swift", &cx, Some(t))
        .unwrap()
        .unwrap();
    assert_eq!(swift.len(), 1, "partials starting with _ render nothing");
    assert_eq!(swift[0].path, "Analytics.swift");
    assert!(
        swift[0]
            .contents
            .starts_with("func invoiceCreated() // \"Invoice Created\"\n")
    );
}

#[test]
fn a_broken_user_template_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("python")).unwrap();
    std::fs::write(
        dir.path().join("python/analytics.py.j2"),
        "{{ no_such_value }}",
    )
    .unwrap();
    let checked = invoicely();
    let header = plans::header();
    let out = plans::output("python");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    let err = codegen::generate_with("python", &cx, Some(dir.path()))
        .unwrap()
        .unwrap_err();
    assert!(err.contains("python/analytics.py.j2"), "{err}");
}

#[test]
fn names_deriving_to_the_same_identifier_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.yaml"),
        "plan:\n  id: clash\n  name: Clash\nowners:\n  o:\n    name: O\n\
         events:\n  Signed Up:\n    description: a\n    owner: o\n    side: server\n\
         \x20 signed-up!:\n    description: b\n    owner: o\n    side: server\n\
         \x20 Page:\n    description: c\n    owner: o\n    side: client\n    properties:\n\
         \x20     class:\n        type: string\n        description: d\n\
         \x20     class_:\n        type: string\n        description: e\n",
    )
    .unwrap();
    let checked = trackc::check::check_path(dir.path(), &Default::default()).unwrap();
    let header = plans::header();
    let out = plans::output("python");
    let cx = TargetContext {
        plan: &checked.plan,
        events: lower::events_on(&checked.plan, None),
        header: &header,
        output: &out,
    };
    let err = codegen::generate("python", &cx).unwrap().unwrap_err();
    assert!(
        err.contains(
            "event `Signed Up` and event `signed-up!` both become the function `signed_up`"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "`class` of Page and property `class_` of Page both become the field `class_`"
        ),
        "{err}"
    );
}

/// The README's generated excerpts are what the templates produce today.
#[test]
fn readme_excerpts_match_the_generated_code() {
    let readme = std::fs::read_to_string(plans::root().join("README.md")).unwrap();
    let checked = invoicely();
    let header = plans::header();
    let mut found = 0;
    for block in readme.split("```").skip(1).step_by(2) {
        let mut lines = block.lines();
        lines.next(); // the language tag
        let Some(first) = lines.next() else { continue };
        let Some(target) = first
            .trim_start_matches(['/', '#', ' '])
            .strip_prefix("trackc build --target ")
        else {
            continue;
        };
        let out = plans::output(target);
        let cx = TargetContext {
            plan: &checked.plan,
            events: lower::events_on(&checked.plan, None),
            header: &header,
            output: &out,
        };
        let code = &codegen::generate(target, &cx).unwrap().unwrap()[0].contents;
        for excerpt in lines.collect::<Vec<_>>().join("\n").split("\n\n") {
            assert!(
                code.contains(excerpt),
                "README excerpt for {target} is stale:\n{excerpt}"
            );
        }
        found += 1;
    }
    assert_eq!(found, 6, "one excerpt per language");
}
