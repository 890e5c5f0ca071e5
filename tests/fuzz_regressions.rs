//! Inputs the fuzz targets in fuzz/ found crashing, reduced and kept here
//! so the fix stays fixed (docs/testing.md lists each finding).

use std::path::PathBuf;
use trackc::source::{FileId, SourceFile};

/// What the import fuzz targets assert: the draft `import` prints must read
/// back as YAML.
fn assert_reads_back(yaml: &str) {
    let loaded = trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        yaml.as_bytes().to_vec(),
    )]);
    let syntax: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule == "schema/syntax")
        .map(|d| d.message.as_str())
        .collect();
    assert!(syntax.is_empty(), "{syntax:?}\n{yaml}");
}

/// fmt refuses `text` as a layout it does not handle (the file is left as
/// it is), for a reason that mentions `why`.
fn assert_left_as_it_is(text: &str, why: &str) {
    match trackc::fmt::format_source(text) {
        Err(trackc::fmt::FormatError::Unsupported(reason)) => {
            assert!(reason.contains(why), "{text:?}: {reason}")
        }
        other => panic!("{text:?}: {other:?}"),
    }
}

/// import_segment, crash-5a0c8b17: a type name holding a lone carriage
/// return went into a YAML comment note verbatim; YAML ends a line at a lone
/// CR, so the rest of the note became a plan line.
#[test]
fn a_line_break_in_an_unsupported_type_stays_inside_the_comment() {
    for brk in ["\r", "\n", "\r\n", "\u{85}", "\u{2028}"] {
        let export = serde_json::json!({
            "display_name": "X",
            "rules": {
                "events": [],
                "identify": {
                    "type": "object",
                    "properties": {"traits": {"type": "object", "properties": {
                        "age": {"type": format!("integ{brk}` cannot: [be")}
                    }}}
                }
            }
        })
        .to_string();
        let imported = trackc::import::segment::import(&export, "export.json").unwrap();
        assert_reads_back(&imported.draft.to_yaml());
    }
}

/// The same note path through `import jsonschema`.
#[test]
fn a_line_break_in_a_json_schema_note_stays_inside_the_comment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("event.json");
    std::fs::write(
        &path,
        r##"{"type":"object","properties":{"a":{"type":"str\ring\r- x: ["},"b":{"$ref":"#/x\r{y"}}}"##,
    )
    .unwrap();
    let imported = trackc::import::schema::import(&[path]).unwrap();
    assert_reads_back(&imported.draft.to_yaml());
}

/// import_jsonschema, crash-e37d5117: a byte order mark inside a type name
/// was copied into a comment note; YAML allows neither it nor other
/// non-printable characters anywhere in a document, comments included.
#[test]
fn non_printable_characters_in_a_note_are_escaped() {
    for c in [
        '\u{feff}', '\0', '\u{7}', '\u{1b}', '\u{7f}', '\u{9f}', '\u{fffe}',
    ] {
        let schema = serde_json::json!({
            "type": "object",
            "properties": {"tags": {"type": format!("a{c}rray")}}
        });
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("event.json");
        std::fs::write(&path, schema.to_string()).unwrap();
        let imported = trackc::import::schema::import(&[path]).unwrap();
        let yaml = imported.draft.to_yaml();
        assert_reads_back(&yaml);
        assert!(
            yaml.contains(&format!("a\\u{{{:x}}}rray", c as u32)),
            "{c:?}\n{yaml}"
        );
    }
}

/// The properties of the one event of a small plan whose `props` block is
/// given as YAML (indented for `properties:`).
fn event_properties(props: &str) -> trackc::model::Plan {
    let text = format!(
        "plan: {{id: p, name: P}}\nowners: {{o: {{name: O}}}}\nevents:\n  Order Placed:\n    description: d\n    owner: o\n    side: server\n    properties:\n{props}"
    );
    let loaded = trackc::load::load_files(vec![(PathBuf::from("plan.yaml"), text.into_bytes())]);
    let errors: Vec<&str> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("schema/"))
        .map(|d| d.message.as_str())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    loaded.plan
}

/// plan_build, timeout-975b81a5: a `min_length` in the billions made the
/// Markdown example pad a string one character at a time, counting the
/// characters again after each: a build that never ends (and would then
/// run out of memory). The example now asks for an `examples:` entry.
#[test]
fn a_huge_min_length_asks_for_an_example_instead_of_padding() {
    let plan =
        event_properties("      code:\n        type: string\n        min_length: 1000000000000\n");
    let (payload, problems) = trackc::build::markdown::example::object(&plan.events[0].properties);
    assert_eq!(problems, ["code"]);
    let made_up = payload["code"].as_str().unwrap();
    assert!(made_up.len() <= 256, "{} characters", made_up.len());
}

/// Found beside the timeout, reading the same code: an array whose
/// `min_items` is over three got a three-item example, invalid against its
/// own schema and not reported.
#[test]
fn an_example_array_has_at_least_min_items() {
    let plan = event_properties(
        "      tags:\n        type: array\n        items: {type: string, max_length: 3}\n        min_items: 5\n        unique_items: true\n",
    );
    let (payload, problems) = trackc::build::markdown::example::object(&plan.events[0].properties);
    assert!(problems.is_empty(), "{problems:?}");
    let schemas = trackc::validate::schema::schemas(&plan);
    let (_, schema) = &schemas.events[0];
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&payload)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{payload}: {errors:?}");
    assert_eq!(payload["tags"].as_array().unwrap().len(), 5);
}

/// fmt_source, crash-e051915b (found in its first second): fmt trimmed
/// "trailing white space" with `str::trim_end`, which also strips a
/// vertical tab. YAML's white space is only space and tab, so the value
/// `ste\x0b` lost a character; the safety net refused to write it (exit 2,
/// "a trackc bug"). Every Unicode space YAML reads as content must stay.
#[test]
fn fmt_trims_only_spaces_and_tabs() {
    let crash = "pl{a'a &x:a'a &x: ste\u{b} \n";
    let formatted = trackc::fmt::format_source(crash).unwrap();
    assert_eq!(formatted, "pl{a'a &x:a'a &x: ste\u{b}\n");
    for space in ['\u{b}', '\u{c}', '\u{85}', '\u{a0}', '\u{2028}', '\u{3000}'] {
        let text = format!("plan:\n    id: a{space}\n    name: {space}b  # c{space}\n");
        let formatted =
            trackc::fmt::format_source(&text).unwrap_or_else(|e| panic!("{space:?}: {e}"));
        assert_eq!(
            formatted,
            format!("plan:\n  id: a{space}\n  name: {space}b  # c{space}\n"),
            "{space:?}"
        );
    }
}

/// fmt_source, crash-2976b27f (reduced to `- - :`): a list item whose value
/// is a block, inside a list item written compactly (`- - a: 1`), lost the
/// outer dash: fmt took the whole line back to rewrite it compactly. The
/// safety net refused the output ("holds different data").
#[test]
fn fmt_keeps_every_dash_of_nested_compact_list_items() {
    for (text, canonical) in [
        ("- - :", "- - :\n"),
        ("- - a: 1\n  - b\n", "- - a: 1\n  - b\n"),
        ("x:\n- - a: 1\n    b: 2\n", "x:\n  - - a: 1\n      b: 2\n"),
        (
            "- - - a: 1\n      b: [1]\n    - c\n  - d\n- e\n",
            "- - - a: 1\n      b: [1]\n    - c\n  - d\n- e\n",
        ),
        ("- -\n    # lead\n    a: 1\n", "- -\n    # lead\n    a: 1\n"),
    ] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(formatted, canonical, "{text:?}");
    }
}

/// fmt_source, crash-f111748f (reduced to `#\r:`): a comment ended by a
/// lone CR. The safety net read the original's comment up to the next LF,
/// `#\r:`, and the formatted text's (line breaks made LF) as `#`, so it
/// refused a correct output.
#[test]
fn fmt_ends_a_comment_at_a_lone_carriage_return() {
    assert_eq!(trackc::fmt::format_source("#\r:").unwrap(), "#\n:\n");
    assert_eq!(
        trackc::fmt::format_source("# c\ra:\r    b: 1 # d\r").unwrap(),
        "# c\na:\n  b: 1 # d\n"
    );
}

/// fmt_source, crash-5ebe5800 (reduced to `: {d,}`): the YAML parser ends a
/// flow mapping with a trailing comma before its `}`, so the node's span,
/// which fmt copies flow collections from, lost the bracket and fmt's
/// output was not YAML. The safety net refused it.
#[test]
fn a_flow_mapping_with_a_trailing_comma_keeps_its_bracket() {
    for text in [
        ": {d,}\n",
        "a: {d: 1,}\n",
        "a: {d: 1, }\n",
        "a: {d,} # c\n",
        "a: {d: 1, # x\n  }\n",
        "a: [d,]\n",
    ] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(formatted, text);
    }
}

/// fmt_source, crash-7c5f2afb (reduced to `! :`): a key empty but for its
/// tag or anchor. Its span is the mark alone, fmt wrote `!:`, which YAML
/// reads as one plain scalar: other data, refused by the safety net.
#[test]
fn fmt_keeps_the_space_after_a_key_that_is_only_a_tag_or_anchor() {
    for text in [
        "! :\n",
        "&a : 1\n",
        "b: 1\n! : 2\n",
        "- ! : 1\n",
        "!!str : 1\n",
        "!!str \"\": 1\n",
    ] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(formatted, text);
    }
    assert_eq!(
        trackc::fmt::format_source("x:\n    &k : 2\n").unwrap(),
        "x:\n  &k : 2\n"
    );
}

/// import_segment, crash-34596f2e: a property name over 1,024 characters.
/// YAML allows no longer implicit key (`name:`), so the draft did not read
/// back. Such keys are written as explicit keys (`? name` then `: value`).
#[test]
fn a_name_over_1024_characters_is_written_as_an_explicit_key() {
    let long = "x".repeat(1500);
    let export = serde_json::json!({
        "data": {"rules": [{
            "type": "TRACK",
            "key": "Order Completed",
            "jsonSchema": {"type": "object", "properties": {"properties": {
                "type": "object",
                "properties": {
                    long.clone(): {"type": "string"},
                    "flow": {"type": "object", "examples": [{long.clone(): 1}]}
                }
            }}}
        }]}
    })
    .to_string();
    let imported = trackc::import::segment::import(&export, "export.json").unwrap();
    let yaml = imported.draft.to_yaml();
    assert_reads_back(&yaml);
    let loaded = trackc::load::load_files(vec![(PathBuf::from("d.yaml"), yaml.into_bytes())]);
    let names: Vec<&str> = loaded.plan.events[0]
        .properties
        .iter()
        .map(|p| p.name.value.as_str())
        .collect();
    assert!(names.contains(&long.as_str()), "{names:?}");
}

/// fmt_source, crash-0db219c2 (reduced to `: l\r\t#\n -`): the parser
/// reads a plain scalar across a tab-indented `#` line (`l\n\t#\n -` is
/// `"l\n-"`); fmt re-indented that line into a comment that ended the
/// scalar, and its output was not YAML (the safety net refused it). fmt now
/// leaves such a file as it is, with a warning, as it does `? key`.
#[test]
fn fmt_leaves_a_comment_line_inside_a_plain_scalar_alone() {
    for text in [
        ": l\r\t#\n -",
        "a: l\n\t#\n -\n",
        "x:\n  a: one\n  \t# two\n   three\n",
    ] {
        assert_left_as_it_is(text, "comment line inside a multi-line plain scalar");
    }
}

/// fmt_source, crash-67e6008f (reduced to `-\n -\n\r  :`): not idempotent.
/// A blank line before the block of a nested list item kept fmt from
/// writing it compactly; the blank is dropped there, so the second pass
/// wrote it compactly: two passes, two texts.
#[test]
fn fmt_is_idempotent_on_a_blank_line_before_a_nested_item() {
    let once = trackc::fmt::format_source("-\n -\n\r  :").unwrap();
    assert_eq!(once, "- - :\n");
    assert_eq!(trackc::fmt::format_source(&once).unwrap(), once);
}

/// fmt_source, crash-6b448191 (reduced to `: |+\n\r `): a `|+` block
/// scalar ending the file in a line of spaces with no line break. Whether
/// that line is one more line break of the value depends on its width and
/// on the lines before it (saphyr reads `a: |+\n ` as "\n" but `: |+\n\n `
/// as "\n" too), so fmt's output held other data and the safety net
/// stopped it as a trackc bug. fmt now leaves such a file as it is, with
/// a warning, like the other YAML it does not lay out.
#[test]
fn fmt_leaves_a_keep_scalar_ending_the_file_in_spaces_as_it_is() {
    for text in [
        ": |+\n\r ",
        "a: |+\n ",
        "a: |+\n  x\n  ",
        "a:\n  b: |+\n    x\n\n   ",
    ] {
        assert_left_as_it_is(text, "block scalar that ends the file");
    }
    // A line break after the spaces makes them an ordinary empty line.
    assert_eq!(
        trackc::fmt::format_source("a: |+\n\n \n").unwrap(),
        "a: |+\n\n\n"
    );
}

/// fmt_source, crash-6f07020c (reduced to `: {i\n\t#\rb}`): saphyr reads
/// a flow mapping whose key runs over a comment line as the one plain key
/// `"i\nb"`. fmt re-indents the continuation lines of a flow collection,
/// and indented, the comment line ends the key: the output did not parse.
/// Such files are left as they are, as with the same case in block style.
#[test]
fn fmt_leaves_a_comment_line_inside_a_flow_plain_scalar_as_it_is() {
    assert_left_as_it_is(": {i\n\t#\rb}", "comment line inside");
}

/// fmt_source, crash-97debb91 (reduced to `: | #\nplan:`): whether saphyr's
/// span of a block scalar covers its header line (`| # comment`) depends on
/// its properties, its content and what follows it, and the comment scan
/// skipped what the span covered. Moved to the end of the file, the empty
/// scalar's header comment went into its span, and the safety net counted
/// one comment less. The scan now reads the header line in every case.
#[test]
fn fmt_counts_a_block_scalar_header_comment_wherever_the_scalar_moves() {
    assert_eq!(
        trackc::fmt::format_source(": | #\nplan:").unwrap(),
        "plan:\n: | #\n"
    );
    // An anchor on the key's line and `|` on the next: left as it is.
    assert_left_as_it_is("a: &x\n  | #\n  x\nb:", "later line than its anchor");
}

/// fmt_source, crash-129f7979 (reduced to `: |\n |\n `): the same end of
/// file as crash-6b448191 under a clipped scalar. saphyr reads
/// `a: |\n  x\n  ` as "x\n\n" (a clipped scalar keeps one line break at
/// most, so YAML 1.2 says "x\n") but `a: |\n  x\n ` as "x\n"; fmt's output
/// ends in a line break and read "x\n". Any block scalar that ends the file
/// in a line of spaces with no line break is now left as it is.
#[test]
fn fmt_leaves_any_block_scalar_ending_the_file_in_spaces_as_it_is() {
    for text in [
        ": |\n |\n ",
        "a: |\n  x\n  ",
        "a: >\n  x\n\n  ",
        "a: |-\n  x\n  ",
    ] {
        assert_left_as_it_is(text, "block scalar that ends the file");
    }
}

/// fmt_source, crash-c614baf5 (reduced to `%\u{759}\r---\ni :`): saphyr
/// skips a reserved directive (`%FOO ...`, which YAML ignores) counting
/// bytes where it counts characters everywhere else, so every span after
/// one with a non-ASCII character was off by the extra bytes: the key `i`
/// spanned the space before it, and fmt wrote ` :`, another key. `check`
/// pointed at the wrong place too.
#[test]
fn spans_after_a_reserved_directive_with_non_ascii_characters_are_right() {
    for text in [
        "%\u{759}\n---\ni: x\n",
        "%FOO bar \u{759}\u{759}\n---\ni: x\n",
        "%YAML 1.2\n%F\u{759} x\r---\ni: x\n",
        "# \u{e9}\n%\u{1F600}\n---\ni: x\n",
        "\u{feff}%\u{759}\r\n---\r\ni: x\r\n",
    ] {
        let file = SourceFile::new(PathBuf::new(), text.to_string());
        let root = trackc::yaml::parse(FileId(0), &file).root.unwrap();
        let spans: Vec<&str> = root
            .walk()
            .map(|n| &text[n.span.start as usize..n.span.end as usize])
            .collect();
        assert!(
            spans.contains(&"i") && spans.contains(&"x"),
            "{text:?}: {spans:?}"
        );
    }
    assert_eq!(
        trackc::fmt::format_source("%\u{759}\r---\ni :").unwrap(),
        "%\u{759}\n---\ni:\n"
    );
}

/// fmt_source, crash-aba1d057 (reduced to `- &x[1]\n-`) and crash-ec03c46e
/// (`: &&[a - :]`): an anchor written against a flow collection. An anchor
/// name cannot hold a flow indicator, so `&x[1]` is the anchor `x` on the
/// flow sequence `[1]`; fmt read `&x[1]` as one anchor token, took the
/// sequence for a block one, and wrote a dash inside it.
#[test]
fn fmt_ends_an_anchor_at_a_flow_indicator() {
    for text in [
        "- &x[1]\n-\n",
        ": &&[a - :]\n",
        "k: &a[b]\n",
        "k: &a{b: 1}\nj: 2\n",
    ] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(formatted, text);
    }
}

/// fmt_source, crash-cac95f4a (reduced to ` --- -:`): an indented top-level
/// key that starts like a document marker. Indented, `--- -` is a plain
/// key; moved to the first column, `---` followed by a space starts a new
/// document. fmt leaves such a file as it is.
#[test]
fn fmt_does_not_move_a_key_like_a_document_marker_to_the_first_column() {
    for text in [" --- -:", "  --- x: 1\n  y: 2\n", " ... a: 1\n"] {
        assert_left_as_it_is(text, "document marker");
    }
    // Not followed by a space, `---` is an ordinary key.
    assert_eq!(trackc::fmt::format_source(" ---:").unwrap(), "---:\n");
}

/// fmt_source, crash-72ec953c (reduced to `- ! {a,}`): find 7 again, with a
/// tag or anchor before the flow mapping. The span's widening to the `}`
/// looked for the bracket where the span starts, which is at the tag.
#[test]
fn a_tagged_flow_mapping_with_a_trailing_comma_keeps_its_bracket() {
    for text in [
        "- ! {a,}\n",
        "k: !t {a,}\n",
        "- &a {a: 1,}\n",
        "k: &a ! [b,]\n",
    ] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!(formatted, text);
    }
}

/// fmt_source, crash-af3e2942 (reduced to `...\n%\u{759}\r---\n- \x16#`):
/// find 16 in a later document's prologue. The fix looked for reserved
/// directives only before the first document; after a `...` end marker
/// another prologue, with directives, may begin.
#[test]
fn spans_after_a_reserved_directive_in_a_later_prologue_are_right() {
    for text in [
        "...\n%\u{759}\r---\ni: x\n",
        "# c\n...\n\n%F \u{e9}\n---\ni: x\n",
    ] {
        let file = SourceFile::new(PathBuf::new(), text.to_string());
        let root = trackc::yaml::parse(FileId(0), &file).root.unwrap();
        let spans: Vec<&str> = root
            .walk()
            .map(|n| &text[n.span.start as usize..n.span.end as usize])
            .collect();
        assert!(
            spans.contains(&"i") && spans.contains(&"x"),
            "{text:?}: {spans:?}"
        );
    }
}

/// fmt_source, crash-dd6b4641 (reduced to `:\r- > #`): a list written at
/// its key's indentation (an "indentless" sequence) got a span that started
/// after its first dash, at the item. An empty block scalar there holds its
/// header line in its span, so the comment after `>` was hidden from the
/// original's comment scan; the formatted text, indented, showed it, and
/// the safety net saw a comment appear.
#[test]
fn an_indentless_list_starts_at_its_first_dash() {
    for (text, seq) in [
        ("a:\n- > #", "- > #"),
        ("a:\n- x\n- y\n", "- x\n- y"),
        ("a:\n- - b\n", "- - b"),
        ("a:\n-\n  b\n", "-\n  b"),
        ("a:\n- &y x\n", "- &y x"),
        ("a:\n- c: d\n", "- c: d"),
    ] {
        let file = SourceFile::new(PathBuf::new(), text.to_string());
        let root = trackc::yaml::parse(FileId(0), &file).root.unwrap();
        let value = match &root.value {
            trackc::yaml::Value::Map(entries) => &entries[0].value,
            other => panic!("{text:?}: {other:?}"),
        };
        // Its end is saphyr's, at the next token: past the last line break.
        assert_eq!(
            text[value.span.start as usize..value.span.end as usize].trim_end_matches('\n'),
            seq,
            "{text:?}"
        );
    }
    for text in [":\r- > #", "a:\n- > #\n", "a:\n- | # c\n"] {
        let formatted =
            trackc::fmt::format_source(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(formatted.contains("  - "), "{text:?} -> {formatted:?}");
    }
}

/// fmt_source, crash-e3c459d1 (reduced to `?\r:\nevents:`): an explicit
/// key whose `?` stands alone on the line before its `:` was not seen as
/// one; before the first entry the `?` line was kept as a document line,
/// and `events` sorted in between the `?` and its `:`. fmt leaves such a
/// file as it is, as it does any `? key`.
#[test]
fn fmt_leaves_an_explicit_key_on_its_own_line_alone() {
    for text in [
        "?\r:\nevents:",
        "?\n:\nevents:\n",
        "? # c\n: 1\nevents:\n",
        "a:\n  ?\n  : 1\n  b: 2\n",
    ] {
        assert_left_as_it_is(text, "explicit key");
    }
}

/// What the infer_lines fuzz target asserts: `trackc infer` on `lines`,
/// then `validate` with the draft on the same file. Returns the warnings,
/// the draft, and the (valid, invalid) counts.
fn infer_then_validate(lines: &[&str]) -> (String, String, (u64, u64)) {
    let dir = tempfile::tempdir().unwrap();
    let events = dir.path().join("events.jsonl");
    std::fs::write(&events, lines.join("\n")).unwrap();
    let input = events.to_string_lossy().into_owned();
    let mut inferrer = trackc::infer::Inferrer::new(trackc::infer::Options::default());
    inferrer.read(&input).unwrap();
    let warnings = inferrer.warnings().join("\n");
    let yaml = inferrer.into_draft().to_yaml();
    let loaded = trackc::load::load_files(vec![(
        PathBuf::from("draft.yaml"),
        yaml.clone().into_bytes(),
    )]);
    let validators = trackc::validate::compile_validators(&loaded.plan).unwrap();
    let opts = trackc::validate::Options {
        max_examples: 10,
        jobs: 1,
        progress: None,
    };
    let tally = trackc::validate::run(&[input], &validators, &opts).unwrap();
    assert!(tally.unknown.is_empty(), "{:?}", tally.unknown.keys());
    let valid = tally.counts.iter().map(|c| c.valid).sum();
    let invalid = tally.counts.iter().map(|c| c.invalid).sum();
    (warnings, yaml, (valid, invalid))
}

/// infer_lines, on its first seed (tests/fixtures/events/mixed.jsonl): a
/// track call whose `properties` is an array was drafted as if it were `{}`,
/// silently, and `validate` then rejected the draft's own data. A plan can
/// only describe objects there, so infer must say which lines it could not
/// describe, and those must be the only ones the draft rejects.
#[test]
fn infer_names_the_lines_whose_properties_or_context_are_not_objects() {
    let (warnings, _, counts) = infer_then_validate(&[
        r#"{"type":"track","event":"A","properties":{"n":1},"context":{"app":"x"}}"#,
        r#"{"type":"track","event":"A","properties":[1,2]}"#,
        r#"{"type":"track","event":"A","properties":{"n":2},"context":"web"}"#,
        r#"{"type":"identify","userId":"u","traits":{"name":"N"}}"#,
        r#"{"type":"identify","userId":"u","traits":7}"#,
        r#"{"type":"track","event":"A","properties":null,"context":null}"#,
    ]);
    for line in [
        ":2: `properties` is an array",
        ":3: `context` is a string",
        ":5: `traits` is a number",
    ] {
        assert!(warnings.contains(line), "{line} in:\n{warnings}");
    }
    assert_eq!(counts, (3, 3));
}

/// infer_lines crash-15afbf60: a property named "" (here inside an array's
/// objects) was drafted, the loader dropped it (a name must not be empty),
/// and validate rejected the event as having a property not in the plan.
/// (The context is open at its top level, so a "" there is fine.)
#[test]
fn infer_names_the_events_with_a_property_named_empty() {
    let (warnings, yaml, counts) = infer_then_validate(&[
        r#"{"event":"A","properties":{"items":[{"sku":"x"}]},"context":{"app":"x","device":{"m":"p"}}}"#,
        r#"{"event":"A","properties":{"items":[{"sku":"y","":3}]}}"#,
        r#"{"event":"A","properties":{"items":[]},"context":{"app":"y","":1}}"#,
        r#"{"event":"A","properties":{"items":[]},"context":{"app":"z","device":{"m":"q","":1}}}"#,
    ]);
    assert!(
        warnings.contains(":2: `properties` holds a property named \"\""),
        "{warnings}"
    );
    assert!(
        warnings.contains(":4: `context` holds a property named \"\""),
        "{warnings}"
    );
    assert!(!warnings.contains(":3:"), "{warnings}");
    assert!(!yaml.contains("\"\":"), "{yaml}");
    assert_eq!(counts, (2, 2));
}

/// infer_lines crash-c4d0df22: infer took "2024-05-05T74:14:00Z" for a
/// date-time (it checked the shape, not the ranges) and drafted `datetime`,
/// which validate's `date-time` format then rejected. Dates had the same
/// gap ("2023-02-29"). A value either format rejects makes the property a
/// string.
#[test]
fn infer_drafts_datetime_and_date_only_from_values_validate_accepts() {
    for (good, bad) in [
        ("2024-05-05T09:14:00Z", "2024-05-05T74:14:00Z"),
        ("2024-05-05T09:14:00Z", "2024-05-05 09:14:00Z"),
        ("2024-05-05T09:14:00Z", "2024-12-31T23:58:60Z"),
        ("2024-02-29", "2023-02-29"),
        ("2024-04-30", "2024-04-31"),
    ] {
        let event = |at: &str| format!(r#"{{"event":"A","properties":{{"at":"{at}"}}}}"#);
        let (_, yaml, counts) = infer_then_validate(&[&event(good), &event(bad)]);
        assert!(yaml.contains("type: string"), "{bad}:\n{yaml}");
        assert_eq!(counts, (2, 0), "{bad}:\n{yaml}");
        let (_, yaml, _) = infer_then_validate(&[&event(good), &event(good)]);
        assert!(!yaml.contains("type: string"), "{good}:\n{yaml}");
    }
}

/// infer_lines crash-86f0dea1: a track call named "" became a draft event
/// named "", which the loader drops (a name must not be empty), so validate
/// called the same call an unknown event. It is a broken line to both now.
#[test]
fn a_track_call_with_an_empty_name_is_not_an_event() {
    let (warnings, yaml, counts) =
        infer_then_validate(&[r#"{"type":"track","event":""}"#, r#"{"event":"A"}"#]);
    assert!(
        warnings.contains(":1: not an event: a track call with an empty `event` name"),
        "{warnings}"
    );
    assert!(!yaml.contains("\"\":"), "{yaml}");
    assert_eq!(counts, (1, 0));
}

/// A diff side with `config` as its trackc.yaml, over a small valid plan.
fn diff_side(config: &str) -> trackc::diff::Side {
    let plan = "events:\n  A:\n    description: a\n    owner: t\n    side: server\n";
    let loaded =
        trackc::load::load_files(vec![(PathBuf::from("plan.yaml"), plan.as_bytes().to_vec())]);
    trackc::diff::Side::from_loaded(loaded, Some(("trackc.yaml".into(), config.into())))
}

/// diff_plans crash-56edd33b: two JSON Schema outputs with the same `out`,
/// one closed and one open. Outputs were paired by `out` alone, so the
/// open one met the closed one and a config compared with itself "opened"
/// additional properties. (`build` refuses such a config; `diff` reads the
/// old side's from git, where it may be.)
#[test]
fn outputs_sharing_an_out_path_are_paired_in_order() {
    let outputs = |first: &str, second: &str| {
        format!(
            "build:\n  outputs:\n    - target: jsonschema\n      out: schemas/\n      additional_properties: {first}\n    - target: jsonschema\n      out: schemas/\n      additional_properties: {second}\n"
        )
    };
    let kinds = |old: &str, new: &str| -> Vec<&'static str> {
        trackc::diff::diff(&diff_side(old), &diff_side(new), "HEAD")
            .changes
            .iter()
            .map(|c| c.kind.id())
            .collect()
    };
    let mixed = outputs("false", "true");
    assert_eq!(kinds(&mixed, &mixed), Vec::<&str>::new());
    assert_eq!(
        kinds(&mixed, &outputs("false", "false")),
        ["additional_properties.closed"]
    );
    assert_eq!(
        kinds(&outputs("false", "false"), &mixed),
        ["additional_properties.opened"]
    );
}
