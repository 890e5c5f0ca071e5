//! The markdown target: pages rendered with a real CommonMark/GFM parser
//! have no broken relative link or anchor, hostile descriptions do not break
//! tables, example payloads validate against the generated schemas, and the
//! pages for the example plan are snapshotted.

mod common;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use trackc::build::target::{Header, OutputFile, TargetContext};
use trackc::check::Checked;
use trackc::config::OutputConfig;
use trackc::lint::RuleSettings;

fn example_plan() -> Checked {
    let root = common::repo_root().join("plans/invoicely");
    trackc::check::check_path(&root, &RuleSettings::default()).unwrap()
}

fn plan_from(yaml: &str) -> Checked {
    common::check_files(
        vec![(PathBuf::from("plan.yaml"), yaml.to_string())],
        Path::new("."),
    )
}

fn output(side: Option<trackc::model::Side>) -> OutputConfig {
    OutputConfig {
        target: "markdown".into(),
        out: PathBuf::from("docs"),
        sources: vec![],
        side,
        additional_properties: None,
    }
}

fn render(checked: &Checked, out: &OutputConfig) -> Vec<OutputFile> {
    let root = common::repo_root().join("plans/invoicely");
    let header = trackc::build::header(
        &checked.plan,
        trackc::build::plan_hash(&checked.sources, &root),
    );
    render_with(checked, out, &header)
}

fn render_with(checked: &Checked, out: &OutputConfig, header: &Header) -> Vec<OutputFile> {
    let cx = TargetContext {
        plan: &checked.plan,
        events: trackc::build::select_events(&checked.plan, out),
        header,
        output: out,
    };
    trackc::build::markdown::generate(&cx).unwrap()
}

fn gfm(text: &str) -> Parser<'_> {
    Parser::new_ext(
        text,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_GFM,
    )
}

/// GitHub's heading ids (github-slugger), written independently of the
/// generator's: lowercase, drop punctuation but `-` and `_`, spaces to `-`,
/// repeats numbered.
fn anchors(text: &str) -> HashSet<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = HashSet::new();
    let mut in_heading = false;
    let mut current = String::new();
    for ev in gfm(text) {
        match ev {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                current.clear();
            }
            Event::End(TagEnd::Heading(_)) => {
                in_heading = false;
                let base: String = current
                    .trim()
                    .to_lowercase()
                    .chars()
                    .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ' ')
                    .map(|c| if c == ' ' { '-' } else { c })
                    .collect();
                let mut slug = base.clone();
                while seen.contains_key(&slug) {
                    let n = seen.get_mut(&base).unwrap();
                    *n += 1;
                    slug = format!("{base}-{n}");
                }
                seen.insert(slug.clone(), 0);
                out.insert(slug);
            }
            Event::Text(t) | Event::Code(t) if in_heading => current.push_str(&t),
            _ => {}
        }
    }
    out
}

/// Every relative link target in a page, with mermaid `click ... href`s.
fn links(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_mermaid = false;
    for ev in gfm(text) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => out.push(dest_url.to_string()),
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) => {
                in_mermaid = &*lang == "mermaid"
            }
            Event::End(TagEnd::CodeBlock) => in_mermaid = false,
            Event::Text(t) if in_mermaid => {
                for line in t.lines() {
                    if let Some(rest) = line.trim().strip_prefix("click ") {
                        let href = rest.split('"').nth(1).unwrap_or_default();
                        out.push(href.to_string());
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn resolve(from: &str, link: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in link.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Fails on any relative link to a missing page or a missing anchor.
fn assert_links_work(files: &[OutputFile]) -> usize {
    let pages: BTreeMap<&str, &str> = files
        .iter()
        .map(|f| (f.path.as_str(), f.contents.as_str()))
        .collect();
    let page_anchors: HashMap<&str, HashSet<String>> =
        pages.iter().map(|(p, t)| (*p, anchors(t))).collect();
    let mut checked = 0;
    let mut broken = Vec::new();
    for (page, text) in &pages {
        for link in links(text) {
            if link.starts_with("http://")
                || link.starts_with("https://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (path, anchor) = match link.split_once('#') {
                Some((p, a)) => (p, Some(a)),
                None => (link.as_str(), None),
            };
            let target = if path.is_empty() {
                page.to_string()
            } else {
                resolve(page, path)
            };
            checked += 1;
            let Some(found) = page_anchors.get(target.as_str()) else {
                broken.push(format!("{page}: link to missing page `{link}`"));
                continue;
            };
            if let Some(a) = anchor
                && !found.contains(a)
            {
                broken.push(format!(
                    "{page}: link `{link}`: no heading with id `{a}` in {target} (ids: {found:?})"
                ));
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    checked
}

#[test]
fn every_relative_link_and_anchor_in_the_example_docs_works() {
    let files = render(&example_plan(), &output(None));
    let n = assert_links_work(&files);
    assert!(n > 50, "only {n} links checked");
}

#[test]
fn filtered_outputs_link_only_to_pages_they_contain() {
    let files = render(&example_plan(), &output(Some(trackc::model::Side::Client)));
    assert!(files.iter().any(|f| f.path == "events/invoice-viewed.md"));
    assert!(!files.iter().any(|f| f.path == "events/invoice-sent.md"));
    assert_links_work(&files);
}

const HOSTILE: &str = r#"
plan:
  id: hostile
  name: "Hostile | <Plan> *name*"
  description: |
    # A heading inside the description
    Text with a | pipe and <div>an unclosed div
    <!-- a comment never closed
    ```
    an unclosed fence
owners:
  growth:
    name: "Growth | Team <b>"
    contact: "`#growth` | chat"
sources:
  web:
    side: client
    description: "Web | app"
properties:
  plan_tier:
    type: string
    enum: ["a|b", "c`d", "<e>"]
    description: "Tier | with `code|span` and <script>alert(1)</script>"
events:
  "Checkout *Started* | <b>now</b>":
    description: |
      First line with a | pipe, `backticks`, ``double `tick``, <img src=x onerror=y>
      and **bold**.

      ## Second paragraph heading
      - a list
    owner: growth
    side: client
    sources: [web]
    category: Activation
    tags: ["x|y", "`t`"]
    properties:
      plan_tier: {}
      "weird|name":
        type: string
        pattern: "^(a|b)$"
        description: "Pipe | in | description ENDMARK-1"
      "back`tick":
        type: string
        description: "Backtick ` unbalanced ENDMARK-2"
      html:
        type: object
        description: "<table><tr><td>ENDMARK-3"
        properties:
          "inner|x":
            type: integer
            description: "nested\nacross lines | ENDMARK-4"
  "checkout started":
    description: A second event whose file name clashes with the first.
    owner: growth
    side: client
    status: deprecated
    replaced_by: "Checkout *Started* | <b>now</b>"
    category: "Activation"
funnels:
  activation:
    description: "Funnel | with pipes"
    owner: growth
    steps: ["Checkout *Started* | <b>now</b>", "checkout started", "Not An Event \"quoted\""]
metrics:
  activation:
    description: Same key as the funnel and the category.
    kind: leading
    funnel: activation
groups:
  activation:
    description: "Group | named like the rest"
    properties:
      plan_tier: {}
"#;

#[test]
fn hostile_text_neither_breaks_tables_nor_links() {
    let checked = plan_from(HOSTILE);
    let files = render(&checked, &output(None));
    assert_links_work(&files);
    let events: Vec<&OutputFile> = files
        .iter()
        .filter(|f| f.path.starts_with("events/"))
        .collect();
    assert_eq!(
        events.len(),
        2,
        "{:?}",
        files.iter().map(|f| &f.path).collect::<Vec<_>>()
    );
    let page = events
        .iter()
        .find(|f| f.contents.contains("ENDMARK-1"))
        .expect("the hostile event page");

    // The properties table: one header, one row per property (nested
    // flattened), each row's last cell holding its whole description.
    let mut tables = Vec::new();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cell = String::new();
    let mut row: Vec<String> = Vec::new();
    let mut in_table = false;
    let mut html_in_tables = Vec::new();
    for ev in gfm(&page.contents) {
        match ev {
            Event::Start(Tag::Table(_)) => {
                in_table = true;
                rows.clear();
            }
            Event::End(TagEnd::Table) => {
                in_table = false;
                tables.push(std::mem::take(&mut rows));
            }
            Event::Start(Tag::TableRow) | Event::Start(Tag::TableHead) => row.clear(),
            Event::End(TagEnd::TableRow) | Event::End(TagEnd::TableHead) => {
                rows.push(std::mem::take(&mut row))
            }
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::End(TagEnd::TableCell) => row.push(std::mem::take(&mut cell)),
            Event::Text(t) | Event::Code(t) if in_table => cell.push_str(&t),
            Event::Html(h) | Event::InlineHtml(h) if in_table && &*h != "<br>" => {
                html_in_tables.push(h.to_string())
            }
            _ => {}
        }
    }
    assert!(
        html_in_tables.is_empty(),
        "raw HTML in a table: {html_in_tables:?}"
    );
    let props = tables
        .iter()
        .find(|t| {
            t.first()
                .is_some_and(|h| h.first().is_some_and(|c| c == "Property"))
        })
        .expect("a properties table");
    let body = &props[1..];
    assert_eq!(body.len(), 5, "{body:#?}");
    for r in body {
        assert_eq!(r.len(), 7, "{r:?}");
    }
    let names: Vec<&str> = body.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        names,
        [
            "plan_tier",
            "weird|name",
            "back`tick",
            "html",
            "html.inner|x"
        ]
    );
    for (i, r) in body[1..].iter().enumerate() {
        assert!(
            r[6].contains(&format!("ENDMARK-{}", i + 1)),
            "row {i} lost its description: {r:?}"
        );
    }
    assert!(body[1][4].contains("^(a|b)$"), "{:?}", body[1]);
    assert!(body[0][4].contains("a|b") && body[0][4].contains("c`d") && body[0][4].contains("<e>"));
    assert!(
        body[4][6].contains("nested across lines | ENDMARK-4"),
        "{:?}",
        body[4]
    );
    assert!(
        body[3][6].contains("<table><tr><td>ENDMARK-3"),
        "HTML shown as text"
    );

    // Headings from descriptions do not become page headings.
    let index = files.iter().find(|f| f.path == "README.md").unwrap();
    let ids = anchors(&index.contents);
    assert!(!ids.contains("a-heading-inside-the-description"), "{ids:?}");
    for id in [
        "events",
        "owners",
        "funnels",
        "funnel-activation",
        "metric-activation",
    ] {
        assert!(ids.contains(id), "`{id}` swallowed: {ids:?}");
    }
    // A description ending in a list does not absorb the page's own list.
    let mut items_with_side = 0;
    let mut depth = 0;
    let mut list_has_description_item = false;
    for ev in gfm(&page.contents) {
        match ev {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => {
                depth -= 1;
                if depth == 0 {
                    list_has_description_item = false;
                }
            }
            Event::Text(t) if depth > 0 && &*t == "a list" => list_has_description_item = true,
            Event::Text(t) if depth > 0 && t.starts_with("Side:") => {
                items_with_side += 1;
                assert!(
                    !list_has_description_item,
                    "metadata merged into the description's list"
                );
            }
            _ => {}
        }
    }
    assert_eq!(items_with_side, 1);
    assert!(!anchors(&page.contents).contains("second-paragraph-heading"));
    // The event name survives as written in the page title.
    let title: String = {
        let mut t = String::new();
        let mut on = false;
        for ev in gfm(&page.contents) {
            match ev {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1,
                    ..
                }) => on = true,
                Event::End(TagEnd::Heading(HeadingLevel::H1)) => break,
                Event::Text(s) | Event::Code(s) if on => t.push_str(&s),
                _ => {}
            }
        }
        t
    };
    assert_eq!(title, "Checkout *Started* | <b>now</b>");
    // Mermaid labels cannot close the node's quotes.
    assert!(
        index.contents.contains("#quot;quoted#quot;"),
        "{}",
        index.contents
    );
}

#[test]
fn example_payloads_validate_against_the_generated_schemas() {
    for checked in [
        example_plan(),
        plan_from(include_str!("fixtures/build/constraints.yaml")),
    ] {
        assert!(!checked.has_errors(), "{}", common::human(&checked));
        let files = render(&checked, &output(None));
        let bundle = jsonschema::options()
            .should_validate_formats(true)
            .build(&trackc::build::jsonschema::bundle(&checked.plan))
            .unwrap();
        let context_example = files
            .iter()
            .find(|f| f.path == "context.md")
            .map(|f| first_json_block(&f.contents));
        let mut seen = 0;
        for event in &checked.plan.events {
            let schema = trackc::build::jsonschema::event_schema(&checked.plan, event);
            let v = jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap();
            let slug = trackc::build::names::slug(&event.name.value);
            let page = files
                .iter()
                .find(|f| f.path == format!("events/{slug}.md"))
                .unwrap_or_else(|| panic!("no page for {}", event.name.value));
            let example = first_json_block(&page.contents);
            assert_eq!(example["event"], json!(event.name.value));
            let props = &example["properties"];
            let errors: Vec<String> = v.iter_errors(props).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "{}: {errors:?}\n{props:#}",
                event.name.value
            );
            // The page's example is the whole message, context included.
            let wire = example.clone();
            if let Some(ctx) = &context_example {
                assert_eq!(&wire["context"], ctx, "{}", event.name.value);
            }
            let errors: Vec<String> = bundle.iter_errors(&wire).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "bundle, {}: {errors:?}\n{wire:#}",
                event.name.value
            );
            seen += 1;
        }
        assert!(seen > 0);
        for (page, _) in [("identify.md", "identify"), ("groups.md", "group")] {
            if let Some(f) = files.iter().find(|f| f.path == page) {
                let example = first_json_block(&f.contents);
                let errors: Vec<String> = bundle
                    .iter_errors(&example)
                    .map(|e| e.to_string())
                    .collect();
                assert!(errors.is_empty(), "{page}: {errors:?}\n{example:#}");
            }
        }
    }
}

fn first_json_block(text: &str) -> Value {
    let mut on = false;
    let mut body = String::new();
    for ev in gfm(text) {
        match ev {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(lang))) if &*lang == "json" => {
                on = true
            }
            Event::End(TagEnd::CodeBlock) if on => break,
            Event::Text(t) if on => body.push_str(&t),
            _ => {}
        }
    }
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn a_pattern_without_examples_is_flagged_not_shown_as_valid() {
    let checked = plan_from(
        r#"
events:
  Code Entered:
    description: A code was entered.
    owner: growth
    side: client
    properties:
      code:
        type: string
        pattern: "^[A-Z]{3}-[0-9]{4}$"
        description: The code.
      contact:
        type: string
        format: email
        max_length: 5
        description: Too short for any made-up address.
      label:
        type: string
        min_length: 12
        description: Padded to fit, so not flagged.
"#,
    );
    let files = render(&checked, &output(None));
    let page = files
        .iter()
        .find(|f| f.path == "events/code-entered.md")
        .unwrap();
    assert!(page.contents.contains("> [!NOTE]"), "{}", page.contents);
    let note = page.contents.split("> [!NOTE]").nth(1).unwrap();
    assert!(
        note.contains("`code`") && note.contains("`contact`"),
        "{note}"
    );
    assert!(!note.contains("`label`"), "{note}");
}

#[test]
fn rendering_is_deterministic() {
    let a = render(&example_plan(), &output(None));
    let b = render(&example_plan(), &output(None));
    assert_eq!(a, b);
}

#[test]
fn generated_pages_for_the_example_plan() {
    let files = render(&example_plan(), &output(None));
    assert!(files.iter().any(|f| f.path == "README.md"));
    for f in &files {
        assert!(
            trackc::build::target::is_generated(f.contents.as_bytes()),
            "{}",
            f.path
        );
        let name = f.path.replace('/', "__");
        insta::with_settings!({ snapshot_suffix => name, prepend_module_to_snapshot => false }, {
            insta::assert_snapshot!("markdown", f.contents);
        });
    }
}
