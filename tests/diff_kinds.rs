//! One case per change kind: an old plan, a new plan, the kinds `diff`
//! must report (exactly; nothing extra) and their classification.

use trackc::diff::{self, Kind, Report, Side, VERSION_NOT_BUMPED};

const BASE: &str = "\
plan:
  id: example
  name: Example
  version: 1
owners:
  growth:
    name: Growth Team
  billing:
    name: Billing Team
    contact: \"#billing\"
sources:
  web:
    side: client
    description: The browser app.
  api:
    side: server
    description: The backend API.
  worker:
    side: server
    description: The job runner.
";

fn side(yaml: &str, config: Option<&str>) -> Side {
    let loaded = trackc::load::load_files(vec![(
        "plan.yaml".into(),
        format!("{BASE}{yaml}").into_bytes(),
    )]);
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.message.clone())
        .collect();
    assert!(
        errors.is_empty(),
        "case plan has errors: {errors:?}\n{yaml}"
    );
    Side::from_loaded(loaded, config.map(|c| ("trackc.yaml".into(), c.into())))
}

fn report(old: &str, new: &str) -> Report {
    diff::diff(&side(old, None), &side(new, None), "old")
}

/// `      name:` followed by the body lines, indented under it.
fn prop(name: &str, body: &str) -> String {
    let mut s = format!("      {name}:\n");
    for line in body.lines() {
        s.push_str(&format!("        {line}\n"));
    }
    s
}

/// One event; `keys` are extra event keys (4-space indented lines).
fn event(name: &str, keys: &str, props: &str) -> String {
    let mut s = format!(
        "  {name}:\n    description: An invoice was sent.\n    owner: growth\n    side: server\n    sources: [api]\n"
    );
    for line in keys.lines() {
        s.push_str(&format!("    {line}\n"));
    }
    s.push_str("    properties:\n");
    s.push_str(props);
    s
}

fn events(list: &[String]) -> String {
    format!("events:\n{}", list.concat())
}

/// The event `Invoice Sent` with one property `p` whose body is given.
fn with_prop(body: &str) -> String {
    with_named_prop("p", body)
}

/// The event `Invoice Sent` with one more property, `name`, whose body is given.
fn with_named_prop(name: &str, body: &str) -> String {
    events(&[event(
        "Invoice Sent",
        "",
        &(prop("invoice_id", "type: string\ndescription: The invoice.") + &prop(name, body)),
    )])
}

fn plain() -> String {
    events(&[event(
        "Invoice Sent",
        "",
        &prop("invoice_id", "type: string\ndescription: The invoice."),
    )])
}

const D: &str = "description: A property.\n";

struct Case {
    name: &'static str,
    old: String,
    new: String,
    kinds: &'static [&'static str],
    breaking: bool,
}

fn case(
    name: &'static str,
    old: String,
    new: String,
    kinds: &'static [&'static str],
    breaking: bool,
) -> Case {
    Case {
        name,
        old,
        new,
        kinds,
        breaking,
    }
}

fn traits(section: &str, props: &str) -> String {
    match section {
        "identify" => format!("identify:\n  properties:\n{props}"),
        "context" => format!("context:\n  properties:\n{props}"),
        _ => format!(
            "groups:\n  account:\n    description: A customer.\n    properties:\n{}",
            props
                .lines()
                .map(|l| format!("  {l}\n"))
                .collect::<String>()
        ),
    }
}

fn cases() -> Vec<Case> {
    let p = |body: &str| with_prop(&format!("{D}{body}"));
    let named = |name: &str, body: &str| with_named_prop(name, &format!("{D}{body}"));
    let two = |a: &str, b: &str| events(&[a.to_string(), b.to_string()]);
    let billing_props = prop("invoice_id", "type: string\ndescription: The invoice.")
        + &prop("amount", "type: integer\ndescription: Total.");
    vec![
        // Events.
        case(
            "event removed",
            two(
                &event(
                    "Invoice Sent",
                    "",
                    &prop("invoice_id", "type: string\ndescription: The invoice."),
                ),
                &event(
                    "Invoice Paid",
                    "",
                    &prop("amount", "type: integer\ndescription: x"),
                ),
            ),
            plain(),
            &["event.removed"],
            true,
        ),
        case(
            "event added",
            plain(),
            two(
                &event(
                    "Invoice Sent",
                    "",
                    &prop("invoice_id", "type: string\ndescription: The invoice."),
                ),
                &event(
                    "Invoice Paid",
                    "",
                    &prop("amount", "type: integer\ndescription: x"),
                ),
            ),
            &["event.added"],
            false,
        ),
        case(
            "likely rename",
            events(&[event("Invoice Emailed", "", &billing_props)]),
            events(&[event("Invoice Mailed", "", &billing_props)]),
            &["event.renamed"],
            true,
        ),
        case(
            "wire name changed in case and separators only",
            plain(),
            events(&[event(
                "invoice_sent",
                "",
                &prop("invoice_id", "type: string\ndescription: The invoice."),
            )]),
            &["event.name_case_changed"],
            true,
        ),
        case(
            "side changed",
            plain(),
            events(&[event(
                "Invoice Sent",
                "",
                &prop("invoice_id", "type: string\ndescription: The invoice."),
            )
            .replace(
                "side: server\n    sources: [api]",
                "side: client\n    sources: [web]",
            )]),
            &["event.side_changed"],
            true,
        ),
        case(
            "deprecated",
            plain(),
            plain().replace("    properties:", "    status: deprecated\n    properties:"),
            &["event.deprecated"],
            false,
        ),
        case(
            "undeprecated",
            plain().replace("    properties:", "    status: deprecated\n    properties:"),
            plain(),
            &["event.undeprecated"],
            false,
        ),
        case(
            "event description changed",
            plain(),
            plain().replace("An invoice was sent.", "The invoice left the building."),
            &["event.description_changed"],
            false,
        ),
        case(
            "owner changed",
            plain(),
            plain().replace("owner: growth", "owner: billing"),
            &["event.owner_changed"],
            false,
        ),
        case(
            "category changed",
            plain().replace("    properties:", "    category: Billing\n    properties:"),
            plain().replace("    properties:", "    category: Revenue\n    properties:"),
            &["event.category_changed"],
            false,
        ),
        case(
            "tags changed",
            plain().replace("    properties:", "    tags: [a]\n    properties:"),
            plain().replace("    properties:", "    tags: [a, b]\n    properties:"),
            &["event.tags_changed"],
            false,
        ),
        case(
            "sources changed on the same side",
            plain(),
            plain().replace("sources: [api]", "sources: [api, worker]"),
            &["event.sources_changed"],
            false,
        ),
        // Properties.
        case(
            "property removed",
            p("type: string"),
            plain(),
            &["property.removed"],
            true,
        ),
        case(
            "property renamed: close name, same type",
            named("referer", "type: string"),
            named("referrer", "type: string"),
            &["property.renamed"],
            true,
        ),
        case(
            "property wire name changed in case and separators only",
            named("invoiceTotal", "type: integer"),
            named("invoice_total", "type: integer"),
            &["property.name_case_changed"],
            true,
        ),
        case(
            "a case-changed property is still compared",
            named("invoiceTotal", "type: integer"),
            named("invoice_total", "type: integer\nrequired: false"),
            &["property.name_case_changed", "property.made_optional"],
            true,
        ),
        case(
            "a close name of another type is a removal and an addition",
            named("referer", "type: string"),
            named("referrer", "type: integer"),
            &["property.removed", "property.added_required"],
            true,
        ),
        case(
            "a nested property renamed",
            named(
                "viewer",
                "type: object\nproperties:\n  referer:\n    type: string\n    description: x",
            ),
            named(
                "viewer",
                "type: object\nproperties:\n  referrer:\n    type: string\n    description: x",
            ),
            &["property.renamed"],
            true,
        ),
        case(
            "optional property added",
            plain(),
            p("type: string\nrequired: false"),
            &["property.added"],
            false,
        ),
        case(
            "required property added",
            plain(),
            p("type: string"),
            &["property.added_required"],
            true,
        ),
        case(
            "type changed",
            p("type: string\nmax_length: 3"),
            p("type: integer\nmaximum: 3"),
            &["property.type_changed"],
            true,
        ),
        case(
            "optional to required",
            p("type: string\nrequired: false"),
            p("type: string"),
            &["property.made_required"],
            true,
        ),
        case(
            "required to optional",
            p("type: string"),
            p("type: string\nrequired: false"),
            &["property.made_optional"],
            false,
        ),
        case(
            "nullable to non-nullable",
            p("type: string\nnullable: true"),
            p("type: string"),
            &["property.made_non_nullable"],
            true,
        ),
        case(
            "non-nullable to nullable",
            p("type: string"),
            p("type: string\nnullable: true"),
            &["property.made_nullable"],
            false,
        ),
        case(
            "enum value removed",
            p("type: string\nenum: [a, b]"),
            p("type: string\nenum: [a]"),
            &["enum.value_removed"],
            true,
        ),
        case(
            "enum value added",
            p("type: string\nenum: [a]"),
            p("type: string\nenum: [a, b]"),
            &["enum.value_added"],
            false,
        ),
        case(
            "const changed",
            p("type: string\nconst: a"),
            p("type: string\nconst: b"),
            &["property.const_changed"],
            true,
        ),
        case(
            "const added",
            p("type: string"),
            p("type: string\nconst: b"),
            &["property.const_changed"],
            true,
        ),
        case(
            "pattern changed",
            p("type: string\npattern: \"^a\""),
            p("type: string\npattern: \"^b\""),
            &["property.pattern_changed"],
            true,
        ),
        case(
            "minimum raised",
            p("type: integer\nminimum: 0"),
            p("type: integer\nminimum: 1"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "maximum lowered",
            p("type: integer\nmaximum: 10"),
            p("type: integer\nmaximum: 5"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "maximum added",
            p("type: number"),
            p("type: number\nmaximum: 5"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "length bounds narrowed",
            p("type: string\nmin_length: 1\nmax_length: 10"),
            p("type: string\nmin_length: 2\nmax_length: 9"),
            &["constraint.narrowed", "constraint.narrowed"],
            true,
        ),
        case(
            "item bounds narrowed and unique_items turned on",
            p("type: array\nitems:\n  type: string\n  description: x\nmax_items: 5"),
            p(
                "type: array\nitems:\n  type: string\n  description: x\nmin_items: 1\nmax_items: 4\nunique_items: true",
            ),
            &[
                "constraint.narrowed",
                "constraint.narrowed",
                "constraint.narrowed",
            ],
            true,
        ),
        case(
            "format added",
            p("type: string"),
            p("type: string\nformat: email"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "enum added to a free property",
            p("type: string"),
            p("type: string\nenum: [a]"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "minimum lowered and maximum raised",
            p("type: integer\nminimum: 1\nmaximum: 5"),
            p("type: integer\nminimum: 0\nmaximum: 6"),
            &["constraint.widened", "constraint.widened"],
            false,
        ),
        case(
            "pattern, format and const removed",
            p("type: string\npattern: \"^a\"\nformat: email\nconst: a@b.c"),
            p("type: string"),
            &[
                "constraint.widened",
                "constraint.widened",
                "constraint.widened",
            ],
            false,
        ),
        case(
            "enum removed and length bound dropped",
            p("type: string\nenum: [a]\nmax_length: 3"),
            p("type: string"),
            &["constraint.widened", "constraint.widened"],
            false,
        ),
        case(
            "property description changed",
            p("type: string"),
            with_prop("type: string\ndescription: Another text."),
            &["property.description_changed"],
            false,
        ),
        case(
            "examples changed",
            p("type: string\nexamples: [a]"),
            p("type: string\nexamples: [b]"),
            &["property.examples_changed"],
            false,
        ),
        case(
            "pii changed",
            p("type: string"),
            p("type: string\npii: email"),
            &["property.pii_changed"],
            false,
        ),
        case(
            "property deprecated",
            p("type: string"),
            p("type: string\ndeprecated: use q"),
            &["property.deprecated"],
            false,
        ),
        case(
            "property undeprecated",
            p("type: string\ndeprecated: true"),
            p("type: string"),
            &["property.undeprecated"],
            false,
        ),
        case(
            "nested object property removed",
            p(
                "type: object\nproperties:\n  a:\n    type: string\n    description: x\n  b:\n    type: string\n    description: x",
            ),
            p("type: object\nproperties:\n  a:\n    type: string\n    description: x"),
            &["property.removed"],
            true,
        ),
        case(
            "items added to an array",
            p("type: array"),
            p("type: array\nitems:\n  type: string\n  description: x"),
            &["constraint.narrowed"],
            true,
        ),
        case(
            "items removed from an array",
            p("type: array\nitems:\n  type: string\n  description: x"),
            p("type: array"),
            &["constraint.widened"],
            false,
        ),
        case(
            "array item type changed",
            p("type: array\nitems:\n  type: string\n  description: x"),
            p("type: array\nitems:\n  type: integer\n  description: x"),
            &["property.type_changed"],
            true,
        ),
        // Identify, groups, context.
        case(
            "identify trait removed",
            plain() + &traits("identify", &prop("email", "type: string\ndescription: x")),
            plain()
                + &traits(
                    "identify",
                    &prop("name", "type: string\nrequired: false\ndescription: x"),
                ),
            &["property.added", "property.removed"],
            true,
        ),
        case(
            "identify trait retyped",
            plain() + &traits("identify", &prop("age", "type: string\ndescription: x")),
            plain() + &traits("identify", &prop("age", "type: integer\ndescription: x")),
            &["property.type_changed"],
            true,
        ),
        case(
            "group trait removed",
            plain()
                + &traits(
                    "group",
                    &(prop("seats", "type: integer\ndescription: x")
                        + &prop("name", "type: string\ndescription: x")),
                ),
            plain() + &traits("group", &prop("name", "type: string\ndescription: x")),
            &["property.removed"],
            true,
        ),
        case(
            "group trait retyped",
            plain() + &traits("group", &prop("seats", "type: integer\ndescription: x")),
            plain() + &traits("group", &prop("seats", "type: string\ndescription: x")),
            &["property.type_changed"],
            true,
        ),
        case(
            "group removed",
            plain() + &traits("group", &prop("seats", "type: integer\ndescription: x")),
            plain(),
            &["group.removed"],
            true,
        ),
        case(
            "group added",
            plain(),
            plain() + &traits("group", &prop("seats", "type: integer\ndescription: x")),
            &["group.added"],
            false,
        ),
        case(
            "context property removed",
            plain() + &traits("context", &prop("locale", "type: string\ndescription: x")),
            plain(),
            &["property.removed"],
            true,
        ),
    ]
}

fn kinds(r: &Report) -> Vec<&'static str> {
    r.changes.iter().map(|c| c.kind.id()).collect()
}

#[test]
fn every_case_reports_exactly_the_expected_kinds_and_class() {
    let mut problems = Vec::new();
    for c in cases() {
        let r = report(&c.old, &c.new);
        let mut got = kinds(&r);
        got.sort_unstable();
        let mut want = c.kinds.to_vec();
        want.sort_unstable();
        if got != want {
            problems.push(format!("{}: expected {want:?}, got {got:?}", c.name));
            continue;
        }
        let class_breaking = r.changes.iter().any(|ch| ch.is_breaking());
        if class_breaking != c.breaking {
            problems.push(format!(
                "{}: expected breaking={}, got {:?}",
                c.name,
                c.breaking,
                r.changes
                    .iter()
                    .map(|ch| (ch.kind.id(), ch.kind.class()))
                    .collect::<Vec<_>>()
            ));
        }
        if r.changes.iter().any(|ch| ch.location.is_none()) {
            problems.push(format!("{}: a change has no location", c.name));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn identical_plans_have_no_changes() {
    let r = report(
        &with_prop("type: string\ndescription: x"),
        &with_prop("type: string\ndescription: x"),
    );
    assert!(r.changes.is_empty(), "{:?}", kinds(&r));
    assert!(r.warnings.is_empty());
}

#[test]
fn every_kind_is_covered_by_a_case() {
    let mut covered: Vec<&str> = cases()
        .iter()
        .flat_map(|c| c.kinds.iter().copied())
        .collect();
    // Config-level kinds are covered below, with trackc.yaml on both sides.
    covered.extend([
        "additional_properties.closed",
        "additional_properties.opened",
    ]);
    let missing: Vec<&str> = Kind::ALL
        .iter()
        .map(|k| k.id())
        .filter(|id| !covered.contains(id))
        .collect();
    assert!(missing.is_empty(), "kinds without a case: {missing:?}");
}

fn schema_config(additional: Option<bool>) -> String {
    let mut s = "plan: plans/\nbuild:\n  outputs:\n    - target: jsonschema\n      out: schemas/\n"
        .to_string();
    if let Some(a) = additional {
        s.push_str(&format!("      additional_properties: {a}\n"));
    }
    s
}

#[test]
fn additional_properties_closed_is_breaking_and_opened_is_not() {
    let diff_configs = |old: Option<bool>, new: Option<bool>| {
        let o = side(&plain(), Some(&schema_config(old)));
        let n = side(&plain(), Some(&schema_config(new)));
        diff::diff(&o, &n, "old")
    };
    let closed = diff_configs(Some(true), None);
    assert_eq!(kinds(&closed), ["additional_properties.closed"]);
    assert!(closed.changes[0].is_breaking());
    let at = closed.changes[0].location.as_ref().unwrap();
    assert_eq!((at.file.as_str(), at.line), ("trackc.yaml", 4));

    let opened = diff_configs(Some(false), Some(true));
    assert_eq!(kinds(&opened), ["additional_properties.opened"]);
    assert!(!opened.changes[0].is_breaking());
    assert_eq!(opened.changes[0].location.as_ref().unwrap().line, 6);

    assert!(diff_configs(None, Some(false)).changes.is_empty());
}

/// `out: schemas/`, `out: schemas` and `out: ./schemas` write the same
/// files, so closing the output while respelling its path is still caught.
#[test]
fn an_out_path_spelled_another_way_is_the_same_output() {
    let old = side(&plain(), Some(&schema_config(Some(true))));
    for out in [
        "schemas",
        "./schemas",
        "schemas//",
        "./schemas/.",
        "v1/../schemas",
    ] {
        let config = schema_config(None).replace("out: schemas/", &format!("out: {out}"));
        let new = side(&plain(), Some(&config));
        assert_eq!(
            kinds(&diff::diff(&old, &new, "old")),
            ["additional_properties.closed"],
            "{out}"
        );
    }
    let elsewhere = schema_config(None).replace("out: schemas/", "out: schemas/v2");
    let new = side(&plain(), Some(&elsewhere));
    assert!(diff::diff(&old, &new, "old").changes.is_empty());
}

#[test]
fn an_unrelated_removed_and_added_event_are_not_a_rename() {
    let r = report(
        &events(&[event(
            "Invoice Emailed",
            "",
            &prop("invoice_id", "type: string\ndescription: x"),
        )]),
        &events(&[event(
            "Payment Failed",
            "",
            &prop("reason", "type: string\ndescription: x"),
        )]),
    );
    let mut got = kinds(&r);
    got.sort_unstable();
    assert_eq!(got, ["event.added", "event.removed"]);
}

#[test]
fn removals_point_at_the_old_side_and_the_rest_at_the_new() {
    let r = report(
        &with_prop("type: string\ndescription: x"),
        &with_prop("type: integer\ndescription: x").replace("      p:", "      q:"),
    );
    for c in &r.changes {
        let l = c.location.as_ref().unwrap();
        let want = if c.kind == Kind::PropertyRemoved {
            diff::Revision::Old
        } else {
            diff::Revision::New
        };
        assert_eq!(l.revision, want, "{}", c.kind.id());
        assert_eq!(l.file, "plan.yaml");
    }
    let removed = r
        .changes
        .iter()
        .find(|c| c.kind == Kind::PropertyRemoved)
        .unwrap();
    // `p:` is on line 31 of the old plan (BASE is 20 lines).
    assert_eq!(removed.location.as_ref().unwrap().line, 31);
    assert_eq!(removed.owner.as_deref(), Some("growth"));
    assert_eq!(removed.event.as_deref(), Some("Invoice Sent"));
}

#[test]
fn a_shared_property_change_shows_on_every_event_using_it_at_the_shared_definition() {
    let shared = |values: &str| {
        format!(
            "properties:\n  currency:\n    type: string\n    enum: [{values}]\n    description: x\n{}",
            events(&[
                event(
                    "Invoice Sent",
                    "",
                    &prop("currency", "{}").replace(":\n        {}", ": {}")
                ),
                event(
                    "Invoice Paid",
                    "",
                    &prop("currency", "{}").replace(":\n        {}", ": {}")
                ),
            ])
        )
    };
    let r = report(&shared("USD, EUR"), &shared("USD"));
    assert_eq!(kinds(&r), ["enum.value_removed", "enum.value_removed"]);
    let events: Vec<_> = r.changes.iter().map(|c| c.event.clone().unwrap()).collect();
    assert_eq!(events, ["Invoice Sent", "Invoice Paid"]);
    for c in &r.changes {
        // Line 24: the `enum:` of the shared definition, not the events' `currency: {}`.
        assert_eq!(c.location.as_ref().unwrap().line, 24);
    }
}

/// A plan with the given `plan.version` (BASE has 1) and property body.
fn versioned(version: i64, body: &str) -> Side {
    let text = format!("{BASE}{}", with_prop(&format!("{D}{body}")))
        .replace("version: 1\n", &format!("version: {version}\n"));
    Side::from_loaded(
        trackc::load::load_files(vec![("plan.yaml".into(), text.into_bytes())]),
        None,
    )
}

#[test]
fn breaking_changes_without_a_version_bump_warn() {
    let old = versioned(1, "type: string");
    let same = diff::diff(&old, &versioned(1, "type: integer"), "old");
    assert_eq!(same.warnings.len(), 1);
    let w = &same.warnings[0];
    assert_eq!(w.rule, VERSION_NOT_BUMPED);
    assert!(w.message.contains("still 1 (was 1)"), "{}", w.message);
    assert!(w.help.as_deref().unwrap().contains("version: 2"));
    // Line 4 is `version: 1` in the new plan.
    assert_eq!(w.location.as_ref().unwrap().line, 4);

    let bumped = diff::diff(&old, &versioned(2, "type: integer"), "old");
    assert_eq!((bumped.old_version, bumped.new_version), (Some(1), Some(2)));
    assert!(bumped.warnings.is_empty());

    let lowered = diff::diff(
        &versioned(3, "type: string"),
        &versioned(2, "type: integer"),
        "old",
    );
    assert_eq!(lowered.warnings.len(), 1);

    let only_non_breaking = diff::diff(&old, &versioned(1, "type: string\nexamples: [a]"), "old");
    assert_eq!(kinds(&only_non_breaking), ["property.examples_changed"]);
    assert!(only_non_breaking.warnings.is_empty());
}

#[test]
fn docs_list_every_kind_with_its_class_and_description() {
    let docs =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diff.md")).unwrap();
    for k in Kind::ALL {
        let row = format!("| `{}` | {} | {} |", k.id(), k.class().as_str(), k.doc());
        assert!(docs.contains(&row), "docs/diff.md lacks the row:\n{row}");
    }
    let rows = docs
        .lines()
        .filter(|l| l.starts_with("| `") && l.contains("breaking |"))
        .count();
    assert_eq!(
        rows,
        Kind::ALL.len(),
        "docs/diff.md lists kinds that do not exist"
    );
}

#[test]
fn kind_ids_are_unique() {
    let mut ids: Vec<&str> = Kind::ALL.iter().map(|k| k.id()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), Kind::ALL.len());
}

#[test]
fn a_property_rename_names_both_names_and_points_at_the_new_one() {
    let r = report(
        &with_named_prop("referer", "type: string\ndescription: x"),
        &with_named_prop("referrer", "type: string\ndescription: x"),
    );
    assert_eq!(kinds(&r), ["property.renamed"]);
    let c = &r.changes[0];
    assert_eq!(
        c.message,
        "property `referer` of event `Invoice Sent` was removed and `referrer` added with nearly \
         the same name and the same type: likely a rename, which breaks every query on the old name"
    );
    assert_eq!(c.before, Some(serde_json::json!("referer")));
    assert_eq!(c.after, Some(serde_json::json!("referrer")));
    let at = c.location.as_ref().unwrap();
    // `referrer:` is on line 31 of the new plan (BASE is 20 lines).
    assert_eq!((at.revision, at.line), (diff::Revision::New, 31));
}
