//! `trackc::fmt::format_source`: the canonical form on messy inputs
//! (snapshots, each reviewed by eye), and its invariants on every bundled
//! plan, every fixture and random plans laid out badly: the same model once
//! loaded, and formatting twice changes nothing.
//!
//! The random plans run 64 cases by default; `TRACKC_PROPTEST_CASES` for
//! more.

mod common;

use common::plan_gen::plan_text;
use proptest::prelude::*;
use proptest::test_runner::Config;
use std::path::{Path, PathBuf};
use trackc::fmt::{FormatError, format_source};
use trackc::yaml::{self, Node, Value};

/// Formats, and checks that formatting the result changes nothing.
fn fmt(text: &str) -> String {
    let out = format_source(text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
    let again = format_source(&out).unwrap_or_else(|e| panic!("{e:?}\n{out}"));
    assert_eq!(again, out, "not idempotent; first pass:\n{out}");
    out
}

/// The snapshot shows the input above the output.
fn snap(input: &str) -> String {
    format!("{input}\n----- formatted -----\n{}", fmt(input))
}

#[test]
fn indentation_of_four_spaces_and_mixed_becomes_two() {
    insta::assert_snapshot!(snap(
        "\
plan:
    id: acme
    name: Acme
events:
      Signed Up:
         description: Done.
         owner: growth
         side: server
         properties:
            email:
                type: string
                description: Address.
funnels:
    activation:
        steps:
        - Signed Up
        -   Email Verified
"
    ));
}

#[test]
fn known_keys_are_ordered_and_unknown_keys_follow_in_their_order() {
    insta::assert_snapshot!(snap(
        "\
events:
  Signed Up:
    properties:
      plan_tier:
        descripton: typo, kept after the known keys
        description: Billing tier.
        enum: [free, pro]
        zzz: unknown, kept second
        type: string
    side: server
    owner: growth
    description: Sign-up completed.
owners:
  growth:
    contact: \"#growth\"
    name: Growth
plan:
  name: Acme
  conventions:
    property_case: snake
    event_case: title
  id: acme
extra_section:
  b: 2
  a: 1
"
    ));
}

#[test]
fn a_key_comment_moved_above_the_first_entry_is_kept() {
    // The value on the next line moves up; the key's comment goes above the
    // entry, after the file's (empty) header.
    assert_eq!(
        fmt("\na: # on the key\n  [1, # in the list\n   2]\n"),
        "# on the key\na: [1, # in the list\n  2]\n"
    );
}

#[test]
fn user_named_maps_keep_their_order() {
    let text = "\
events:
  Zebra Seen:
    description: z
  Apple Eaten:
    description: a
  Middle Reached:
    description: m
";
    assert_eq!(fmt(text), text);
}

#[test]
fn comments_stay_with_their_entries() {
    insta::assert_snapshot!(snap(
        "\
# Header of the file: stays on top.

# About the events section: moves with it.
events:   # the events
    # Before Signed Up.
    Signed Up:
        owner: growth     # aligned trailing comment
        description: Done.  # another
        tags: [a, # inside a flow list: kept as written
               b]
        # End of Signed Up's block.
    # Before Logged In, less indented.
    Logged In:
        description: In.
        # End of Logged In.
    # End of events.
plan:
    # Before name: moves with it.
    name: Acme
    id: acme # the id
# The end of the file.
"
    ));
}

#[test]
fn blank_lines_are_collapsed_and_dropped_after_a_block_opens() {
    insta::assert_snapshot!(snap(
        "\n\nplan:\n\n\n  id: acme\n\n\n\n  name: Acme\nevents:\n\n  A:\n    description: a\n\n\n\n  B:\n    description: b\n\n\n"
    ));
}

#[test]
fn block_scalars_keep_their_content_when_reindented() {
    let text = "\
plan:
    description: |
        Line one.
          Indented line.

        After an empty line.
    name: >-
        Folded
        text.
events:
    A:
        description: |2
             Three of the spaces are content.
          None here.
        tags:
            - |
                literal in a list
            - >+
                keep trailing

            - x
";
    insta::assert_snapshot!(snap(text));
}

#[test]
fn trailing_spaces_inside_a_literal_block_are_content_and_stay() {
    let text = "a: |\n    x  \n    y\n";
    assert_eq!(fmt(text), "a: |\n  x  \n  y\n");
}

#[test]
fn no_blank_line_is_added_after_a_keep_block_scalar_that_moved() {
    // A blank line after `|+` content is content: the one before `events`
    // cannot follow `description` once it sorts last in `plan`.
    let text = "plan:\n  description: |+\n    x\n  id: a\n\nevents:\n  A:\n    description: a\n";
    assert_eq!(
        fmt(text),
        "plan:\n  id: a\n  description: |+\n    x\nevents:\n  A:\n    description: a\n"
    );
}

#[test]
fn an_empty_keep_block_scalar_stays_empty_when_it_moves() {
    let text = "plan:\n  description: |+\n  id: a\n\nevents: {}\n";
    assert_eq!(fmt(text), "plan:\n  id: a\n  description: |+\nevents: {}\n");
}

#[test]
fn a_comment_after_a_tagged_block_scalar_header_stays_out_of_the_header() {
    // `|2+` must still be read as the header (the comment is not part of
    // it), so the content keeps its spaces beyond the two of the indicator.
    let text = "x:\n    b: !!str |2+ # note\n\n          # content, not a comment\n              kept\n\n    c: 2\n";
    assert_eq!(
        fmt(text),
        "x:\n  b: !!str |2+ # note\n\n        # content, not a comment\n            kept\n\n  c: 2\n"
    );
}

#[test]
fn the_empty_lines_of_a_keep_block_scalar_without_content_are_its_value() {
    // `a` is "\n": the blank line is content, not a separator to drop.
    let text = "plan:\n  name: |+\n\n  id: a\n";
    assert_eq!(fmt(text), "plan:\n  id: a\n  name: |+\n\n");
}

#[test]
fn multi_line_plain_and_quoted_scalars_are_reindented() {
    insta::assert_snapshot!(snap(
        "\
plan:
    description: a plain scalar
                 over two lines
    name: \"a double-quoted
      scalar\"
    id: 'single
        quoted'
"
    ));
}

#[test]
fn crlf_files_stay_crlf_and_mixed_ones_become_lf() {
    let crlf = "plan:\r\n    name: A\r\n    id: a  \r\n";
    assert_eq!(fmt(crlf), "plan:\r\n  id: a\r\n  name: A\r\n");
    let mixed = "plan:\r\n    id: a\n";
    assert_eq!(fmt(mixed), "plan:\n  id: a\n");
}

#[test]
fn a_file_with_aliases_is_reindented_but_not_reordered() {
    // Sorting `description` first would put `*shared` before `&shared`.
    let text = "\
events:
    A:
        properties: &shared
            id: {type: string}
        description: a
    B:
        properties: *shared
        description: b
";
    insta::assert_snapshot!(snap(text));
}

#[test]
fn an_alias_inside_a_flow_collection_also_pins_the_order() {
    let text = "events:\n    A:\n        tags: &t [a]\nplan:\n    id: [*t]\n";
    assert_eq!(
        fmt(text),
        "events:\n  A:\n    tags: &t [a]\nplan:\n  id: [*t]\n"
    );
}

#[test]
fn flow_collections_and_empty_mappings_are_kept_as_written() {
    let text = "\
events:
  A:
    tags: [ x,y ]
    properties:
      id: {}
      tier: { }
";
    assert_eq!(fmt(text), text);
}

#[test]
fn a_file_of_comments_only_and_an_empty_file() {
    assert_eq!(fmt("\n\n# one   \n\n\n# two\n\n"), "# one\n\n# two\n");
    assert_eq!(fmt(""), "");
    assert_eq!(fmt("\n\n"), "");
}

#[test]
fn exactly_one_final_newline() {
    assert_eq!(fmt("plan:\n  id: a"), "plan:\n  id: a\n");
    assert_eq!(fmt("plan:\n  id: a\n\n\n"), "plan:\n  id: a\n");
}

#[test]
fn document_markers_and_lists_at_the_top_level() {
    assert_eq!(
        fmt("---\n- a\n-    b: 1\n     c: 2\n...\n"),
        "---\n- a\n- b: 1\n  c: 2\n...\n"
    );
}

#[test]
fn invalid_yaml_and_duplicate_keys_are_refused_with_a_location() {
    let Err(FormatError::Invalid(problems)) = format_source("plan:\n  id: [a\n") else {
        panic!("accepted invalid YAML");
    };
    assert!(!problems.is_empty());
    let Err(FormatError::Invalid(problems)) = format_source("a: 1\nb: 2\na: 3\n") else {
        panic!("accepted a duplicate key");
    };
    assert_eq!(problems[0].span.start, 10, "points at the second `a`");
}

#[test]
fn explicit_keys_are_left_alone_with_a_reason() {
    let Err(FormatError::Unsupported(why)) = format_source("? a\n: 1\n") else {
        panic!("laid out an explicit key");
    };
    assert!(why.contains("line 1"), "{why}");
}

// ---------------------------------------------------------------------------
// Invariants on real plans

/// What a plan means: its events as a schema sees them, and what check
/// says about it (so owners, sources, conventions and unknown keys count).
fn meaning(files: Vec<(PathBuf, String)>) -> (serde_json::Value, Vec<String>) {
    let loaded = trackc::load::load_files(
        files
            .into_iter()
            .map(|(p, t)| (p, t.into_bytes()))
            .collect(),
    );
    let checked = trackc::check::check_loaded(loaded, &trackc::lint::RuleSettings::default());
    let mut diags: Vec<String> = checked
        .diagnostics
        .iter()
        .map(|d| format!("{} {:?} {}", d.rule, d.severity, d.message))
        .collect();
    diags.sort();
    (common::schema_fields(&checked.plan), diags)
}

fn plan_files(dir: &Path) -> Vec<(PathBuf, String)> {
    trackc::load::discover(dir)
        .unwrap()
        .into_iter()
        .map(|p| {
            let t = std::fs::read_to_string(&p).unwrap();
            (p, t)
        })
        .collect()
}

#[test]
fn bundled_plans_are_canonical() {
    for plan in ["plans/invoicely", "plans/tour"] {
        for (path, text) in plan_files(&common::repo_root().join(plan)) {
            assert_eq!(
                format_source(&text).unwrap(),
                text,
                "{} is not in canonical form: run `trackc fmt`",
                path.display()
            );
        }
    }
}

#[test]
fn every_fixture_plan_keeps_its_model_and_formats_idempotently() {
    let root = common::repo_root().join("tests/fixtures");
    let mut formatted = 0;
    for entry in walk(&root) {
        let text = match std::fs::read_to_string(&entry) {
            Ok(t) => t,
            Err(_) => continue, // deliberately not UTF-8
        };
        let out = match format_source(&text) {
            Ok(out) => out,
            Err(FormatError::Invalid(_)) => continue,
            Err(e) => panic!("{}: {e:?}", entry.display()),
        };
        assert_eq!(
            format_source(&out).unwrap(),
            out,
            "{}: not idempotent",
            entry.display()
        );
        assert_eq!(
            meaning(vec![(entry.clone(), text)]),
            meaning(vec![(entry.clone(), out)]),
            "{}: the model changed",
            entry.display()
        );
        formatted += 1;
    }
    assert!(
        formatted > 50,
        "only {formatted} fixture files were formatted"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------
// Random plans, laid out badly

/// Writes a tree again with 4-space indentation, lists at the key's column,
/// every mapping's entries in the order `shuffle` gives, and comments here
/// and there, copying scalars and flow collections as written (they are
/// single-line in the generated plans).
fn relayout(text: &str, node: &Node, indent: usize, seed: &mut u64, out: &mut String) {
    let pad = " ".repeat(indent);
    match &node.value {
        Value::Map(entries) if !is_flow(text, node) => {
            let mut order: Vec<usize> = (0..entries.len()).collect();
            shuffle(&mut order, seed);
            for i in order {
                let e = &entries[i];
                if next(seed).is_multiple_of(4) {
                    out.push_str(&format!("{pad}# about {}\n\n", slice(text, &e.key)));
                }
                out.push_str(&format!("{pad}{}:", slice(text, &e.key)));
                child(text, &e.value, indent, seed, out);
            }
        }
        Value::Seq(items) if !is_flow(text, node) => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                child(text, item, indent, seed, out);
            }
        }
        _ => unreachable!("a scalar is written by its parent"),
    }
}

fn child(text: &str, node: &Node, indent: usize, seed: &mut u64, out: &mut String) {
    match &node.value {
        Value::Map(_) if !is_flow(text, node) => {
            out.push('\n');
            relayout(text, node, indent + 4, seed, out);
        }
        // Lists at the key's column, the other style YAML allows.
        Value::Seq(_) if !is_flow(text, node) => {
            out.push('\n');
            relayout(text, node, indent, seed, out);
        }
        _ => {
            out.push_str(&format!(" {}", slice(text, node)));
            if next(seed).is_multiple_of(3) {
                out.push_str("   # trailing");
            }
            out.push('\n');
        }
    }
}

fn next(seed: &mut u64) -> u64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    *seed >> 33
}

fn is_flow(text: &str, node: &Node) -> bool {
    slice(text, node).starts_with(['[', '{'])
}

fn slice<'a>(text: &'a str, node: &Node) -> &'a str {
    &text[node.span.start as usize..node.span.end as usize]
}

fn shuffle(v: &mut [usize], seed: &mut u64) {
    for i in (1..v.len()).rev() {
        let j = next(seed) as usize % (i + 1);
        v.swap(i, j);
    }
}

fn cases() -> u32 {
    std::env::var("TRACKC_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

proptest! {
    #![proptest_config(Config { cases: cases(), ..Config::default() })]

    #[test]
    fn random_plans_laid_out_badly_format_to_the_same_model(text in plan_text(), seed in any::<u64>()) {
        let file = trackc::source::SourceFile::new(PathBuf::from("plan.yaml"), text.clone());
        let root = yaml::parse(trackc::source::FileId(0), &file).root.unwrap();
        let mut messy = String::new();
        let mut seed = seed;
        relayout(&text, &root, 0, &mut seed, &mut messy);

        let out = format_source(&messy).map_err(|e| TestCaseError::fail(format!("{e:?}\n{messy}")))?;
        prop_assert_eq!(&format_source(&out).unwrap(), &out, "not idempotent");
        let path = PathBuf::from("plan.yaml");
        prop_assert_eq!(meaning(vec![(path.clone(), messy)]), meaning(vec![(path, out)]));
    }
}

#[test]
fn the_before_and_after_example_of_docs_fmt_md_is_what_fmt_does() {
    let doc = std::fs::read_to_string(common::repo_root().join("docs/fmt.md")).unwrap();
    let blocks: Vec<&str> = doc
        .split("```yaml\n")
        .skip(1)
        .map(|b| &b[..b.find("```").unwrap()])
        .collect();
    assert_eq!(blocks.len(), 2, "docs/fmt.md: one before, one after");
    assert_eq!(fmt(blocks[0]), blocks[1]);
}

/// Random line edits of real plan files (comments and blank lines added
/// anywhere, indentation doubled or changed, lines swapped, values moved to
/// the next line, anchors, tags and `|+` inserted; some with CR LF line
/// ends). Most stay valid YAML; for each, fmt must either refuse it as
/// invalid or give text that formats to itself. The safety net turns any
/// lost value or comment into an error, so this looks for the bugs it
/// catches. Fixed seed; `TRACKC_PROPTEST_CASES` scales the rounds.
#[test]
fn random_edits_of_real_plans_never_trip_the_safety_net() {
    let mut files: Vec<PathBuf> = ["plans/invoicely", "plans/tour"]
        .iter()
        .flat_map(|p| trackc::load::discover(&common::repo_root().join(p)).unwrap())
        .collect();
    files.extend(walk(&common::repo_root().join("tests/fixtures")));
    let rounds = cases() as usize / 2;
    let mut inputs: Vec<(String, String, usize)> = files
        .iter()
        .filter_map(|p| {
            Some((
                p.display().to_string(),
                std::fs::read_to_string(p).ok()?,
                rounds,
            ))
        })
        .collect();
    // Small files of the constructs real plans rarely hold get more rounds.
    for (i, text) in EDGE_CASES.iter().enumerate() {
        inputs.push((format!("EDGE_CASES[{i}]"), text.to_string(), rounds * 8));
    }
    let mut seed = 7u64;
    let mut formatted = 0;
    let total: usize = inputs.iter().map(|i| i.2).sum();
    for (path, text, rounds) in &inputs {
        for _ in 0..*rounds {
            let edited = edit(text, &mut seed);
            match format_source(&edited) {
                Ok(out) => {
                    let again = format_source(&out)
                        .unwrap_or_else(|e| panic!("{path}: second pass: {e:?}\n{out}"));
                    assert_eq!(again, out, "{path}: not idempotent on\n{edited}");
                    formatted += 1;
                }
                Err(FormatError::Invalid(_)) => {}
                Err(e) => panic!("{path}: {e:?} on\n{edited}"),
            }
        }
    }
    assert!(
        formatted > total / 3,
        "only {formatted} edits were valid YAML"
    );
}

const EDGE_CASES: &[&str] = &[
    "a:\n  [1, # in the list\n   2]\nb: {x: 1}\n",
    "a: |+\n  keep\n\n\nb: 1\n",
    "plan:\n  description: |+\n    x\n  id: a\n\nevents:\n  A:\n    description: a\n",
    "a: plain multi\n  line here\nb: !!str |2+\n    keep\n\nc:\n  - |\n    in seq\n  - &q >-\n    anchored\nd: x\n",
    "# header\na: &anc\n  b: 1   # trailing\n  c: !!str 2\n  # end of a\nd: *anc\ne: |\n  text\n   more\n\nf: >-\n  folded\ng:\n- x\n- y: 1\n  z: 2\n- - nested\nh: \"multi\n  line\"\ni: [a,\n  b]\nj:\nk: {}\n",
    "- # c\n  a: 1\n-\n  # lead\n  b: 2\n- &x\n  c: 3\n- !!map\n  d: 4\n",
    "a:\n    b:\n        c: 1\n        # deep end\n    # mid end\n# top end\n",
    "a: \"multi \\\n    line\"\nb: \"esc\\ \n  x\"\n",
];

fn edit(text: &str, seed: &mut u64) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..1 + next(seed) % 4 {
        let at = next(seed) as usize % lines.len().max(1);
        let Some(line) = lines.get(at).cloned() else {
            continue;
        };
        let indent = line.len() - line.trim_start().len();
        match next(seed) % 9 {
            0 => {
                let pad = " ".repeat(next(seed) as usize % 12);
                lines.insert(at, format!("{pad}# note"));
            }
            1 => lines[at].push_str(" # trailing"),
            2 => lines.insert(at, String::new()),
            3 => {
                for l in &mut lines {
                    let n = l.len() - l.trim_start().len();
                    *l = format!("{}{}", " ".repeat(n * 2), l.trim_start());
                }
            }
            4 => lines[at].push_str("   "),
            5 if at + 1 < lines.len() => lines.swap(at, at + 1),
            6 => {
                if let Some(i) = line.find(": ") {
                    lines[at].truncate(i + 1);
                    let value = format!("{}  {}", " ".repeat(indent), &line[i + 2..]);
                    lines.insert(at + 1, value);
                }
            }
            7 => {
                if let Some(i) = line.find(": ") {
                    let insert = ["&a1 ", "!!str ", "|+\n"][next(seed) as usize % 3];
                    lines[at].insert_str(i + 2, insert);
                }
            }
            _ => {
                let pad = " ".repeat(next(seed) as usize % 10);
                lines[at] = format!("{pad}{}", line.trim_start());
            }
        }
    }
    let eol = if next(seed).is_multiple_of(8) {
        "\r\n"
    } else {
        "\n"
    };
    lines.join(eol) + eol
}
