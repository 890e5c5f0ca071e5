//! A generator of random valid plans (as YAML text), shared by the
//! property tests of the pipeline (tests/properties.rs) and of fmt
//! (tests/fmt.rs).

use proptest::prelude::*;

// ---------------------------------------------------------------------------
// Random plans

/// Characters names and descriptions are drawn from: ASCII, separators,
/// YAML and Markdown punctuation, quotes and backslashes, accented Latin,
/// letters whose case mapping changes length (`ß`, `İ`), Cyrillic, CJK and
/// an emoji outside the Basic Multilingual Plane.
const CHARS: &[char] = &[
    'a', 'Z', 'q', '0', '7', ' ', '_', '-', '.', '/', '~', 'é', 'ß', 'İ', 'Ж', 'ы', '日', '本',
    '🎉', '\'', '"', '\\', '#', ':', '$', '&', '<', '>', '{', '}', '%', '@', '*', '|', '`',
];

/// One per sibling: every name ends with a different word of the same
/// length, so no two siblings are equal after folding case and separators,
/// whatever noise comes before it.
const WORDS: &[&str] = &[
    "alpha", "bravo", "delta", "gecko", "hotel", "india", "kilos", "lemon",
];

const STRING_ENUM: &[&str] = &["red", "grün", "日本", "a b", "x\"y", "back\\slash", "🎉"];
const INT_ENUM: &[i64] = &[-5, 0, 1, 2, 10, 300];
const FORMATS: &[&str] = &[
    "email",
    "uri",
    "uuid",
    "date-time",
    "date",
    "ipv4",
    "ipv6",
    "hostname",
];

#[derive(Clone, Debug)]
enum Kind {
    Str {
        min_len: Option<u64>,
        max_len: Option<u64>,
    },
    StrEnum(Vec<&'static str>),
    StrConst,
    StrFormat(&'static str),
    StrPattern,
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    IntEnum(Vec<i64>),
    Num {
        min: Option<f64>,
        max: Option<f64>,
    },
    Bool,
    Datetime,
    Date,
    Any,
    Array {
        items: Box<Kind>,
        min_items: Option<u64>,
        max_items: Option<u64>,
        unique: bool,
    },
    Object(Vec<Prop>),
}

#[derive(Clone, Debug)]
struct Prop {
    name: String,
    kind: Kind,
    required: bool,
    nullable: bool,
    description: String,
}

#[derive(Clone, Debug)]
struct Ev {
    name: String,
    client: bool,
    description: String,
    props: Vec<Prop>,
}

fn noise(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(CHARS), 0..max)
        .prop_map(|cs| cs.into_iter().collect())
}

fn description() -> impl Strategy<Value = String> {
    noise(12).prop_map(|n| format!("Says why {n}"))
}

fn scalar_kind() -> BoxedStrategy<Kind> {
    prop_oneof![
        (proptest::option::of(0u64..4), proptest::option::of(0u64..6)).prop_map(|(a, b)| {
            let (min_len, max_len) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b).max(1))),
                other => other,
            };
            Kind::Str { min_len, max_len }
        }),
        proptest::sample::subsequence(STRING_ENUM, 1..4).prop_map(Kind::StrEnum),
        Just(Kind::StrConst),
        proptest::sample::select(FORMATS).prop_map(Kind::StrFormat),
        Just(Kind::StrPattern),
        (
            proptest::option::of(-20i64..20),
            proptest::option::of(-20i64..20)
        )
            .prop_map(|(a, b)| match (a, b) {
                (Some(a), Some(b)) => Kind::Int {
                    min: Some(a.min(b)),
                    max: Some(a.max(b)),
                },
                (min, max) => Kind::Int { min, max },
            }),
        proptest::sample::subsequence(INT_ENUM, 1..4).prop_map(Kind::IntEnum),
        (
            proptest::option::of(-8i32..8),
            proptest::option::of(-8i32..8)
        )
            .prop_map(|(a, b)| {
                let half = |x: i32| f64::from(x) / 2.0;
                match (a, b) {
                    (Some(a), Some(b)) => Kind::Num {
                        min: Some(half(a.min(b))),
                        max: Some(half(a.max(b))),
                    },
                    (min, max) => Kind::Num {
                        min: min.map(half),
                        max: max.map(half),
                    },
                }
            }),
        Just(Kind::Bool),
        Just(Kind::Datetime),
        Just(Kind::Date),
        Just(Kind::Any),
    ]
    .boxed()
}

fn kind(depth: u32) -> BoxedStrategy<Kind> {
    if depth == 0 {
        return scalar_kind();
    }
    let array = (
        scalar_kind(),
        proptest::option::of(0u64..3),
        proptest::option::of(1u64..4),
        any::<bool>(),
    )
        .prop_map(|(items, a, b, unique)| {
            let (min_items, max_items) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            };
            // Only items with room for distinct values can be unique.
            let unique = unique
                && matches!(
                    items,
                    Kind::Str { max_len: None, .. }
                        | Kind::Int {
                            min: None,
                            max: None
                        }
                );
            Kind::Array {
                items: Box::new(items),
                min_items,
                max_items,
                unique,
            }
        });
    prop_oneof![
        4 => scalar_kind(),
        1 => array,
        1 => props(depth - 1, 1..4).prop_map(Kind::Object),
    ]
    .boxed()
}

fn props(depth: u32, count: std::ops::Range<usize>) -> BoxedStrategy<Vec<Prop>> {
    proptest::collection::vec(
        (
            noise(5),
            kind(depth),
            any::<bool>(),
            any::<bool>(),
            description(),
        ),
        count,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (n, kind, required, nullable, description))| Prop {
                name: format!("{n}{}", WORDS[i]),
                kind,
                required,
                nullable,
                description,
            })
            .collect()
    })
    .boxed()
}

/// The sections besides events: identify traits, context, and groups
/// (each group: name and properties).
#[derive(Clone, Debug)]
struct Rest {
    identify: Option<Vec<Prop>>,
    context: Option<Vec<Prop>>,
    groups: Vec<(String, Vec<Prop>)>,
}

fn rest() -> impl Strategy<Value = Rest> {
    (
        proptest::option::of(props(1, 1..3)),
        proptest::option::of(props(1, 1..3)),
        proptest::collection::vec((noise(4), props(1, 0..3)), 0..3),
    )
        .prop_map(|(identify, context, groups)| Rest {
            identify,
            context,
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (n, p))| (format!("{n}{}", WORDS[i]), p))
                .collect(),
        })
}

fn events() -> impl Strategy<Value = Vec<Ev>> {
    proptest::collection::vec(
        (noise(6), any::<bool>(), description(), props(2, 0..5)),
        1..4,
    )
    .prop_map(|raw| {
        raw.into_iter()
            .enumerate()
            .map(|(i, (n, client, description, props))| Ev {
                name: format!("{n} {}", WORDS[i]),
                client,
                description,
                props,
            })
            .collect::<Vec<_>>()
    })
    .prop_map(|mut events| {
        let mut counter = 0;
        for e in &mut events {
            tag(&mut e.props, &mut counter);
        }
        events
    })
}

/// Ends every property name with a tag of two letters unique in the plan:
/// one name, one definition (`types/conflict` compares same-named
/// properties across events), and siblings still differ in their word.
fn tag(props: &mut [Prop], counter: &mut u32) {
    for p in props {
        let (hi, lo) = (*counter / 26 % 26, *counter % 26);
        *counter += 1;
        p.name.push(char::from(b'a' + hi as u8));
        p.name.push(char::from(b'a' + lo as u8));
        if let Kind::Object(inner) = &mut p.kind {
            tag(inner, counter);
        }
    }
}

// ---------------------------------------------------------------------------
// Plans as YAML text

/// A YAML double-quoted scalar: JSON's string syntax is a subset of it.
pub fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn kind_yaml(kind: &Kind, out: &mut String, pad: &str) {
    let mut line = |k: &str, v: String| out.push_str(&format!("{pad}{k}: {v}\n"));
    match kind {
        Kind::Str { min_len, max_len } => {
            line("type", "string".into());
            if let Some(n) = min_len {
                line("min_length", n.to_string());
            }
            if let Some(n) = max_len {
                line("max_length", n.to_string());
            }
        }
        Kind::StrEnum(values) => {
            line("type", "string".into());
            let vs: Vec<String> = values.iter().map(|v| q(v)).collect();
            line("enum", format!("[{}]", vs.join(", ")));
        }
        Kind::StrConst => {
            line("type", "string".into());
            line("const", q("fixed"));
        }
        Kind::StrFormat(f) => {
            line("type", "string".into());
            line("format", (*f).into());
        }
        Kind::StrPattern => {
            line("type", "string".into());
            line("pattern", q("^[a-z]{2,4}$"));
            line("examples", format!("[{}]", q("abc")));
        }
        Kind::Int { min, max } => {
            line("type", "integer".into());
            if let Some(n) = min {
                line("minimum", n.to_string());
            }
            if let Some(n) = max {
                line("maximum", n.to_string());
            }
        }
        Kind::IntEnum(values) => {
            line("type", "integer".into());
            let vs: Vec<String> = values.iter().map(i64::to_string).collect();
            line("enum", format!("[{}]", vs.join(", ")));
        }
        Kind::Num { min, max } => {
            line("type", "number".into());
            if let Some(n) = min {
                line("minimum", format!("{n:?}"));
            }
            if let Some(n) = max {
                line("maximum", format!("{n:?}"));
            }
        }
        Kind::Bool => line("type", "boolean".into()),
        Kind::Datetime => line("type", "datetime".into()),
        Kind::Date => line("type", "date".into()),
        Kind::Any => line("type", "any".into()),
        Kind::Array {
            items,
            min_items,
            max_items,
            unique,
        } => {
            line("type", "array".into());
            if let Some(n) = min_items {
                line("min_items", n.to_string());
            }
            if let Some(n) = max_items {
                line("max_items", n.to_string());
            }
            if *unique {
                line("unique_items", "true".into());
            }
            out.push_str(&format!("{pad}items:\n"));
            out.push_str(&format!("{pad}  description: {}\n", q("One item.")));
            kind_yaml(items, out, &format!("{pad}  "));
        }
        Kind::Object(props) => {
            line("type", "object".into());
            props_yaml(props, out, pad);
        }
    }
}

fn props_yaml(props: &[Prop], out: &mut String, pad: &str) {
    if props.is_empty() {
        return;
    }
    out.push_str(&format!("{pad}properties:\n"));
    for p in props {
        out.push_str(&format!("{pad}  {}:\n", q(&p.name)));
        let inner = format!("{pad}    ");
        out.push_str(&format!("{inner}description: {}\n", q(&p.description)));
        if !p.required {
            out.push_str(&format!("{inner}required: false\n"));
        }
        if p.nullable {
            out.push_str(&format!("{inner}nullable: true\n"));
        }
        kind_yaml(&p.kind, out, &inner);
    }
}

fn plan_yaml(events: &[Ev]) -> String {
    let mut out = String::from(
        "plan:\n  id: props\n  name: \"Random plan\"\n  version: 1\n  conventions:\n    event_case: any\n    property_case: any\n    event_grammar: any\n\
         owners:\n  growth:\n    name: \"Growth\"\n\
         sources:\n  web:\n    side: client\n    description: \"Browser.\"\n  api:\n    side: server\n    description: \"Backend.\"\n\
         events:\n",
    );
    for e in events {
        out.push_str(&format!("  {}:\n", q(&e.name)));
        out.push_str(&format!("    description: {}\n", q(&e.description)));
        out.push_str("    owner: growth\n");
        out.push_str(if e.client {
            "    side: client\n"
        } else {
            "    side: server\n"
        });
        props_yaml(&e.props, &mut out, "    ");
    }
    out
}

pub fn plan_text() -> impl Strategy<Value = String> {
    (events(), rest()).prop_map(|(events, mut rest)| {
        // Property names stay unique across every section.
        let mut counter = 1000;
        for props in rest
            .identify
            .iter_mut()
            .chain(rest.context.iter_mut())
            .chain(rest.groups.iter_mut().map(|(_, p)| p))
        {
            tag(props, &mut counter);
        }
        let mut text = plan_yaml(&events);
        for (section, props) in [("identify", &rest.identify), ("context", &rest.context)] {
            if let Some(props) = props {
                text.push_str(&format!("{section}:\n"));
                props_yaml(props, &mut text, "  ");
            }
        }
        if !rest.groups.is_empty() {
            text.push_str("groups:\n");
            for (name, props) in &rest.groups {
                text.push_str(&format!("  {}:\n", q(name)));
                text.push_str(&format!("    description: {}\n", q("A group.")));
                props_yaml(props, &mut text, "    ");
            }
        }
        text
    })
}
