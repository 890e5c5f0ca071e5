//! Structured plans: `arbitrary` drives a generator of plan YAML text
//! (names from a wide alphabet with quotes, backslashes, line breaks, emoji
//! and keywords of every target language; nesting; enums; constraints;
//! optional and nullable mixes; several files), then load, lint, render
//! every format and run every build target.
#![no_main]

mod common;

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use std::fmt::Write;
use std::path::PathBuf;

/// Words that are keywords, builtins or YAML 1.1 specials somewhere.
const WORDS: &[&str] = &[
    "signed",
    "up",
    "Signed",
    "Up",
    "SignedUp",
    "signed_up",
    "order",
    "id",
    "class",
    "type",
    "fn",
    "impl",
    "match",
    "import",
    "def",
    "None",
    "null",
    "true",
    "false",
    "yes",
    "No",
    "on",
    "OFF",
    "~",
    "__proto__",
    "constructor",
    "prototype",
    "self",
    "Self",
    "async",
    "await",
    "package",
    "interface",
    "object",
    "String",
    "enum",
    "when",
    "val",
    "var",
    "fun",
    "func",
    "struct",
    "return",
    "0",
    "1e3",
    "0x1F",
    "-",
    "_",
    "properties",
    "events",
    "plan",
    "context",
    "event",
    "track",
    "Any",
    "Optional",
    "typing",
    "json",
    "serde",
    "Box",
];

const SPECIALS: &[char] = &[
    '"', '\'', '\\', '\n', '\t', '\r', ' ', ' ', '$', '{', '}', '#', ':', '/', '.', '*', '`', '<',
    '>', '&', '-', '_', '😀', 'é', 'ß', 'İ', 'Σ', '中', '\u{200b}', '\u{0}', '\u{7f}', '\u{2028}',
    '\u{feff}', '\u{1b}', '%', '@', '!', '|', '[', ']', ',', '?', '=', '+',
];

#[derive(Arbitrary, Debug)]
enum Piece {
    Word(u8),
    Special(u8),
    Char(char),
    Digit(u8),
}

#[derive(Arbitrary, Debug)]
struct Name(Vec<Piece>);

impl Name {
    fn text(&self) -> String {
        let mut s = String::new();
        for p in self.0.iter().take(12) {
            match p {
                Piece::Word(i) => s.push_str(WORDS[*i as usize % WORDS.len()]),
                Piece::Special(i) => s.push(SPECIALS[*i as usize % SPECIALS.len()]),
                Piece::Char(c) => s.push(*c),
                Piece::Digit(d) => s.push(char::from(b'0' + d % 10)),
            }
        }
        if s.is_empty() {
            s.push('x');
        }
        s
    }
}

/// A YAML double-quoted scalar holding exactly `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c if matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{85}') => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// How a name is written: mostly quoted (so the plan reaches the build
/// targets), sometimes plain or single-quoted (so the loader sees raw text).
#[derive(Arbitrary, Debug)]
enum Style {
    Double,
    Double2,
    Double3,
    Plain,
    Single,
}

fn scalar(name: &Name, style: &Style) -> String {
    let s = name.text();
    match style {
        Style::Plain => s.replace(['\n', '\r'], " "),
        Style::Single => format!("'{}'", s.replace('\'', "''")),
        _ => quoted(&s),
    }
}

#[derive(Arbitrary, Debug)]
enum Num {
    Int(i64),
    Small(i8),
    Float(f64),
}

impl Num {
    fn text(&self) -> String {
        match self {
            Num::Int(i) => i.to_string(),
            Num::Small(i) => i.to_string(),
            Num::Float(f) if f.is_nan() => ".nan".into(),
            Num::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
            Num::Float(f) => format!("{f:?}"),
        }
    }
}

/// A value for `examples:`, of any JSON shape: the check of examples against
/// their property's type and constraints has branches for arrays, objects,
/// formats and wrong types that numbers alone never reach.
#[derive(Arbitrary, Debug)]
enum Example {
    Null,
    Bool(bool),
    Num(Num),
    Text(Name, Style),
    /// A string shaped like a `format:` value, valid or nearly so.
    Formatted(u8),
    List(Vec<Example>),
    Map(Vec<(Name, Example)>),
}

const FORMATTED: &[&str] = &[
    "ada@example.com",
    "ada@",
    "ada@[::1]",
    "https://example.com/a?b=c",
    "ht tp://x",
    "123e4567-e89b-12d3-a456-426614174000",
    "123e4567-e89b-12d3-a456",
    "2024-05-01T10:00:00Z",
    "2024-05-01T10:00:00+25:00",
    "2024-05-01",
    "2024-02-30",
    "192.168.0.1",
    "256.1.1.1",
    "::1",
    "example.com.",
    "-bad-.example",
];

impl Example {
    /// Flow YAML, nested at most four deep.
    fn text(&self, depth: usize) -> String {
        match self {
            Example::Null => "null".into(),
            Example::Bool(b) => b.to_string(),
            Example::Num(n) => n.text(),
            // Plain scalars inside a flow collection end at `,` `]` `}`; a
            // broken example is still worth loading, but mostly quote.
            Example::Text(name, style) => scalar(name, style),
            Example::Formatted(i) => quoted(FORMATTED[*i as usize % FORMATTED.len()]),
            Example::List(items) if depth < 4 => {
                let items: Vec<String> = items.iter().take(4).map(|e| e.text(depth + 1)).collect();
                format!("[{}]", items.join(", "))
            }
            Example::Map(entries) if depth < 4 => {
                let entries: Vec<String> = entries
                    .iter()
                    .take(4)
                    .map(|(k, v)| format!("{}: {}", quoted(&k.text()), v.text(depth + 1)))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            Example::List(_) => "[]".into(),
            Example::Map(_) => "{}".into(),
        }
    }
}

const PATTERNS: &[&str] = &[
    "^[a-z]+$",
    "^\\d{3}-\\d{4}$",
    "(a|b)*c",
    "^(?!x).*",
    "\\p{L}+",
    "[",
    "a{2,1}",
    "^[0-9]+\\.[0-9]+$",
    "",
    ".*",
    "\\bword\\b",
    "(?i)abc",
    "\\/",
    "$^",
];
const FORMATS: &[&str] = &[
    "email",
    "uri",
    "uuid",
    "date-time",
    "date",
    "ipv4",
    "ipv6",
    "hostname",
    "bogus",
];
const PII: &[&str] = &[
    "true", "false", "email", "phone", "name", "address", "ip", "id", "other", "x",
];

#[derive(Arbitrary, Debug)]
enum Kind {
    String {
        values: Option<Vec<(Name, Style)>>,
        pattern: Option<u8>,
        format: Option<u8>,
        min_length: Option<Num>,
        max_length: Option<Num>,
    },
    Integer {
        values: Option<Vec<Num>>,
        minimum: Option<Num>,
        maximum: Option<Num>,
    },
    Number {
        minimum: Option<Num>,
        maximum: Option<Num>,
        constant: Option<Num>,
    },
    Boolean,
    Datetime,
    Date,
    Array {
        items: Option<Box<Prop>>,
        min_items: Option<Num>,
        max_items: Option<Num>,
        unique: Option<bool>,
    },
    Object(Vec<Field>),
    Any,
    /// `{}`: reuse the shared definition of the same name, if any.
    Shared,
    /// A type trackc does not know.
    Unknown(Name),
}

#[derive(Arbitrary, Debug)]
struct Prop {
    kind: Kind,
    required: Option<bool>,
    nullable: Option<bool>,
    /// Always written: a missing description is an error, and most plans
    /// should reach the build targets.
    description: Name,
    pii: Option<u8>,
    deprecated: Option<Option<Name>>,
    examples: Option<Vec<Example>>,
}

fn props(out: &mut String, indent: usize, list: &[(Name, Style, Prop)], depth: usize) {
    for (name, style, p) in list.iter().take(6) {
        let _ = writeln!(out, "{:indent$}{}:", "", scalar(name, style));
        prop(out, indent + 2, p, depth + 1);
    }
}

fn prop(out: &mut String, indent: usize, p: &Prop, depth: usize) {
    let pad = " ".repeat(indent);
    let mut line = |s: String| {
        out.push_str(&pad);
        out.push_str(&s);
        out.push('\n');
    };
    match &p.kind {
        Kind::Shared => {
            // An empty flow map on the key's own line would be `key: {}`;
            // here the key line is already written, so override nothing.
            line("required: true".into());
            return;
        }
        Kind::String {
            values,
            pattern,
            format,
            min_length,
            max_length,
        } => {
            line("type: string".into());
            if let Some(v) = values {
                let items: Vec<String> = v.iter().take(8).map(|(n, s)| scalar(n, s)).collect();
                line(format!("enum: [{}]", items.join(", ")));
            }
            if let Some(i) = pattern {
                line(format!(
                    "pattern: {}",
                    quoted(PATTERNS[*i as usize % PATTERNS.len()])
                ));
            }
            if let Some(i) = format {
                line(format!("format: {}", FORMATS[*i as usize % FORMATS.len()]));
            }
            if let Some(n) = min_length {
                line(format!("min_length: {}", n.text()));
            }
            if let Some(n) = max_length {
                line(format!("max_length: {}", n.text()));
            }
        }
        Kind::Integer {
            values,
            minimum,
            maximum,
        } => {
            line("type: integer".into());
            if let Some(v) = values {
                let items: Vec<String> = v.iter().take(8).map(Num::text).collect();
                line(format!("enum: [{}]", items.join(", ")));
            }
            if let Some(n) = minimum {
                line(format!("minimum: {}", n.text()));
            }
            if let Some(n) = maximum {
                line(format!("maximum: {}", n.text()));
            }
        }
        Kind::Number {
            minimum,
            maximum,
            constant,
        } => {
            line("type: number".into());
            if let Some(n) = minimum {
                line(format!("minimum: {}", n.text()));
            }
            if let Some(n) = maximum {
                line(format!("maximum: {}", n.text()));
            }
            if let Some(n) = constant {
                line(format!("const: {}", n.text()));
            }
        }
        Kind::Boolean => line("type: boolean".into()),
        Kind::Datetime => line("type: datetime".into()),
        Kind::Date => line("type: date".into()),
        Kind::Any => line("type: any".into()),
        Kind::Unknown(n) => line(format!("type: {}", quoted(&n.text()))),
        Kind::Array {
            items,
            min_items,
            max_items,
            unique,
        } => {
            line("type: array".into());
            if let Some(n) = min_items {
                line(format!("min_items: {}", n.text()));
            }
            if let Some(n) = max_items {
                line(format!("max_items: {}", n.text()));
            }
            if let Some(u) = unique {
                line(format!("unique_items: {u}"));
            }
            if let Some(items) = items
                && depth < 8
            {
                line("items:".into());
                prop(out, indent + 2, items, depth + 1);
            }
        }
        Kind::Object(list) => {
            line("type: object".into());
            if depth < 8 && !list.is_empty() {
                line("properties:".into());
                props(out, indent + 2, list, depth);
            }
        }
    }
    let mut line = |s: String| {
        out.push_str(&pad);
        out.push_str(&s);
        out.push('\n');
    };
    if let Some(r) = p.required {
        line(format!("required: {r}"));
    }
    if let Some(n) = p.nullable {
        line(format!("nullable: {n}"));
    }
    line(format!("description: {}", quoted(&p.description.text())));
    if let Some(i) = p.pii {
        line(format!("pii: {}", PII[i as usize % PII.len()]));
    }
    match &p.deprecated {
        Some(Some(n)) => line(format!("deprecated: {}", quoted(&n.text()))),
        Some(None) => line("deprecated: true".into()),
        None => {}
    }
    if let Some(ex) = &p.examples {
        let items: Vec<String> = ex.iter().take(4).map(|e| e.text(0)).collect();
        line(format!("examples: [{}]", items.join(", ")));
    }
}

#[derive(Arbitrary, Debug)]
struct Event {
    name: Name,
    style: Style,
    /// Most events are complete, so that most plans reach the build targets;
    /// `omit % 8 == 0` leaves out the description, owner and side.
    omit: u8,
    description: Name,
    owner: u8,
    server: bool,
    sources: Vec<u8>,
    category: Option<Name>,
    deprecated: Option<Option<u8>>,
    properties: Vec<Field>,
    file: u8,
}

#[derive(Arbitrary, Debug)]
struct Input {
    id: Name,
    name: Name,
    version: Option<Num>,
    cases: Option<(u8, u8, u8)>,
    owners: Vec<(Name, Style)>,
    sources: Vec<(Name, Style, bool)>,
    shared: Vec<Field>,
    events: Vec<Event>,
    identify: Option<Vec<Field>>,
    groups: Vec<(Name, Style, Vec<Field>)>,
    context: Option<Vec<Field>>,
    funnels: Vec<(Name, Vec<u8>)>,
}

const CASES: &[&str] = &[
    "title", "sentence", "snake", "camel", "pascal", "kebab", "any", "x",
];
const GRAMMAR: &[&str] = &["object_action", "action_object", "any"];

/// A named property as the generator writes it: name, quoting, definition.
type Field = (Name, Style, Prop);

fn pick<T>(list: &[T], i: u8) -> Option<&T> {
    if list.is_empty() {
        None
    } else {
        list.get(i as usize % list.len())
    }
}

fn plan_files(input: &Input) -> Vec<(PathBuf, Vec<u8>)> {
    let mut owners: Vec<String> = input
        .owners
        .iter()
        .take(3)
        .map(|(n, s)| scalar(n, s))
        .collect();
    if owners.is_empty() {
        owners.push("growth".into());
    }
    let mut main = String::new();
    let _ = writeln!(
        main,
        "plan:\n  id: {}\n  name: {}",
        quoted(&input.id.text()),
        quoted(&input.name.text())
    );
    if let Some(v) = &input.version {
        let _ = writeln!(main, "  version: {}", v.text());
    }
    if let Some((e, p, g)) = input.cases {
        let _ = writeln!(
            main,
            "  conventions:\n    event_case: {}\n    property_case: {}\n    event_grammar: {}",
            CASES[e as usize % CASES.len()],
            CASES[p as usize % CASES.len()],
            GRAMMAR[g as usize % GRAMMAR.len()]
        );
    }
    main.push_str("owners:\n");
    for owner in &owners {
        let _ = writeln!(main, "  {owner}:\n    name: Team");
    }
    if !input.sources.is_empty() {
        main.push_str("sources:\n");
        for (n, s, server) in input.sources.iter().take(3) {
            let side = if *server { "server" } else { "client" };
            let _ = writeln!(
                main,
                "  {}:\n    side: {side}\n    description: d",
                scalar(n, s)
            );
        }
    }
    if !input.shared.is_empty() {
        main.push_str("properties:\n");
        props(&mut main, 2, &input.shared, 0);
    }
    if let Some(list) = &input.identify {
        main.push_str("identify:\n  properties:\n");
        props(&mut main, 4, list, 0);
    }
    if !input.groups.is_empty() {
        main.push_str("groups:\n");
        for (n, s, list) in input.groups.iter().take(3) {
            let _ = writeln!(
                main,
                "  {}:\n    description: g\n    properties:",
                scalar(n, s)
            );
            props(&mut main, 6, list, 0);
        }
    }
    if let Some(list) = &input.context {
        main.push_str("context:\n  properties:\n");
        props(&mut main, 4, list, 0);
    }
    let sources: Vec<String> = input
        .sources
        .iter()
        .take(3)
        .map(|(n, s, _)| scalar(n, s))
        .collect();
    let event_names: Vec<String> = input
        .events
        .iter()
        .take(12)
        .map(|e| quoted(&e.name.text()))
        .collect();

    // Events spread over up to three more files.
    let mut files = vec![main, String::new(), String::new(), String::new()];
    for ev in input.events.iter().take(12) {
        let f = 1 + ev.file as usize % 3;
        let out = &mut files[f];
        if out.is_empty() {
            out.push_str("events:\n");
        }
        let _ = writeln!(out, "  {}:", scalar(&ev.name, &ev.style));
        if ev.omit % 8 != 0 {
            let _ = writeln!(out, "    description: {}", quoted(&ev.description.text()));
            if let Some(o) = pick(&owners, ev.owner) {
                let _ = writeln!(out, "    owner: {o}");
            }
            let side = if ev.server { "server" } else { "client" };
            let _ = writeln!(out, "    side: {side}");
        }
        let srcs: Vec<&String> = ev
            .sources
            .iter()
            .take(3)
            .filter_map(|i| pick(&sources, *i))
            .collect();
        if !srcs.is_empty() {
            let list: Vec<&str> = srcs.iter().map(|s| s.as_str()).collect();
            let _ = writeln!(out, "    sources: [{}]", list.join(", "));
        }
        if let Some(c) = &ev.category {
            let _ = writeln!(out, "    category: {}", quoted(&c.text()));
        }
        if let Some(r) = ev.deprecated {
            out.push_str("    status: deprecated\n");
            if let Some(n) = r.and_then(|i| pick(&event_names, i)) {
                let _ = writeln!(out, "    replaced_by: {n}");
            }
        }
        if !ev.properties.is_empty() {
            out.push_str("    properties:\n");
            props(out, 6, &ev.properties, 0);
        }
    }
    if !input.funnels.is_empty() {
        let out = &mut files[0];
        out.push_str("funnels:\n");
        for (n, steps) in input.funnels.iter().take(2) {
            let steps: Vec<&str> = steps
                .iter()
                .take(5)
                .filter_map(|i| pick(&event_names, *i))
                .map(String::as_str)
                .collect();
            let _ = writeln!(
                out,
                "  {}:\n    description: f\n    steps: [{}]",
                quoted(&n.text()),
                steps.join(", ")
            );
            if let Some(o) = owners.first() {
                let _ = writeln!(out, "    owner: {o}");
            }
        }
    }
    files
        .into_iter()
        .enumerate()
        .filter(|(i, text)| *i == 0 || !text.is_empty())
        .map(|(i, text)| (PathBuf::from(format!("plan/{i}.yaml")), text.into_bytes()))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(input) = Input::arbitrary(&mut u) else {
        return;
    };
    common::check_render_build(plan_files(&input), true);
});
