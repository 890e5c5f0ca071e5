//! Identifiers, string literals and comments for each target language.
//!
//! Everything that turns plan text into source text goes through here, so a
//! template never has to escape anything: names from the plan become valid,
//! non-keyword identifiers, and strings from the plan become literals or
//! comment lines that cannot end early and inject code.

use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    TypeScript,
    Python,
    Rust,
    Go,
    Java,
    Kotlin,
    /// A target added through `templates_dir`: camelCase names, JSON strings.
    Generic,
}

impl Lang {
    pub fn for_target(target: &str) -> Option<Lang> {
        Some(match target {
            "typescript" => Lang::TypeScript,
            "python" => Lang::Python,
            "rust" => Lang::Rust,
            "go" => Lang::Go,
            "java" => Lang::Java,
            "kotlin" => Lang::Kotlin,
            _ => return None,
        })
    }
}

/// The words of a name: split at anything that is not an ASCII letter or
/// digit and at lower-to-upper case changes. A non-ASCII character becomes a
/// word of its own, `u` and its code point in hex, so `Café` and `Cafe`
/// stay apart and every identifier stays ASCII.
pub fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_alphanumeric() {
            let prev = if cur.is_empty() {
                None
            } else {
                i.checked_sub(1).map(|j| chars[j])
            };
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            // `signedUp` and `XMLParser`: a new word at an upper-case letter
            // after a lower-case one, or before a lower-case one in a run.
            let split = c.is_ascii_uppercase()
                && prev.is_some_and(|p| {
                    p.is_ascii_lowercase() || (p.is_ascii_uppercase() && next_lower)
                });
            if split {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c.to_ascii_lowercase());
        } else {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_ascii() {
                out.push(format!("u{:x}", c as u32));
            }
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    if out.is_empty() {
        out.push("unnamed".into());
    }
    // An identifier cannot start with a digit in any target.
    if out[0].starts_with(|c: char| c.is_ascii_digit()) {
        out[0].insert(0, 'n');
    }
    out
}

fn capitalize(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

pub fn camel(name: &str) -> String {
    let w = words(name);
    let mut s = w[0].clone();
    for x in &w[1..] {
        s.push_str(&capitalize(x));
    }
    s
}

pub fn pascal(name: &str) -> String {
    words(name).iter().map(|w| capitalize(w)).collect()
}

/// Go's spelling: PascalCase with initialisms in capitals (`workspace_id`
/// is `WorkspaceID`, `api_url` is `APIURL`), as Go code is written and
/// staticcheck's ST1003 asks. The list is golint's.
pub fn go_pascal(name: &str) -> String {
    const INITIALISMS: &[&str] = &[
        "acl", "api", "ascii", "cpu", "css", "dns", "eof", "guid", "html", "http", "https", "id",
        "ip", "json", "lhs", "qps", "ram", "rhs", "rpc", "sla", "smtp", "sql", "ssh", "tcp", "tls",
        "ttl", "udp", "ui", "uid", "uuid", "uri", "url", "utf8", "vm", "xml", "xmpp", "xsrf",
        "xss",
    ];
    words(name)
        .iter()
        .map(|w| {
            if INITIALISMS.contains(&w.as_str()) {
                w.to_ascii_uppercase()
            } else {
                capitalize(w)
            }
        })
        .collect()
}

pub fn snake(name: &str) -> String {
    words(name).join("_")
}

pub fn upper_snake(name: &str) -> String {
    snake(name).to_ascii_uppercase()
}

/// Words no generated identifier may be, per language: keywords, and the
/// names the generated runtime itself uses in the same scope.
fn reserved(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::TypeScript => &[
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "default",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "as",
            "implements",
            "interface",
            "let",
            "package",
            "private",
            "protected",
            "public",
            "static",
            "yield",
            "any",
            "boolean",
            "constructor",
            "declare",
            "get",
            "module",
            "require",
            "number",
            "set",
            "string",
            "symbol",
            "type",
            "from",
            "of",
            "await",
            "async",
            "never",
            "unknown",
            "object",
            "Object",
            "String",
            "Number",
            "Boolean",
            "Array",
            "Record",
            "Set",
            "Map",
            "Error",
            "RegExp",
            "JSON",
            "Math",
            "Symbol",
            "Promise",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "JsonValue",
            "JsonObject",
            "Spec",
            "identify",
            "group",
            "setContext",
            "check",
            "send",
            "transport",
            "onViolation",
            "context",
            "Traits",
            "Context",
            "ctx",
            "report",
        ],
        Lang::Python => &[
            "False",
            "None",
            "True",
            "and",
            "as",
            "assert",
            "async",
            "await",
            "break",
            "class",
            "continue",
            "def",
            "del",
            "elif",
            "else",
            "except",
            "finally",
            "for",
            "from",
            "global",
            "if",
            "import",
            "in",
            "is",
            "lambda",
            "nonlocal",
            "not",
            "or",
            "pass",
            "raise",
            "return",
            "try",
            "while",
            "with",
            "yield",
            "match",
            "case",
            "type",
            "self",
            "print",
            "Any",
            "Dict",
            "List",
            "Optional",
            "Union",
            "Literal",
            "TypedDict",
            "Protocol",
            "Callable",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "JsonValue",
            "Spec",
            "MISSING",
            "Missing",
            "identify",
            "group",
            "set_context",
            "re",
            "json",
            "warnings",
            "enum",
            "typing",
            "Traits",
            "Context",
            "user_id",
            "group_id",
            "ViolationError",
            "raise_on_violation",
        ],
        Lang::Rust => &[
            "as",
            "break",
            "const",
            "continue",
            "crate",
            "else",
            "enum",
            "extern",
            "false",
            "fn",
            "for",
            "if",
            "impl",
            "in",
            "let",
            "loop",
            "match",
            "mod",
            "move",
            "mut",
            "pub",
            "ref",
            "return",
            "self",
            "Self",
            "static",
            "struct",
            "super",
            "trait",
            "true",
            "type",
            "unsafe",
            "use",
            "where",
            "while",
            "async",
            "await",
            "dyn",
            "abstract",
            "become",
            "box",
            "do",
            "final",
            "macro",
            "override",
            "priv",
            "typeof",
            "unsized",
            "virtual",
            "yield",
            "try",
            "gen",
            "union",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "Spec",
            "ToJson",
            "Value",
            "Map",
            "Option",
            "Some",
            "None",
            "Result",
            "Ok",
            "Err",
            "String",
            "Vec",
            "Box",
            "identify",
            "group",
            "set_context",
            "Traits",
            "Context",
            "new",
            "send",
            "report",
            "Lit",
            "user_id",
            "group_id",
        ],
        Lang::Go => &[
            "break",
            "case",
            "chan",
            "const",
            "continue",
            "default",
            "defer",
            "else",
            "fallthrough",
            "for",
            "func",
            "go",
            "goto",
            "if",
            "import",
            "interface",
            "map",
            "package",
            "range",
            "return",
            "select",
            "struct",
            "switch",
            "type",
            "var",
            "any",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "Spec",
            "Opt",
            "Some",
            "Identify",
            "Group",
            "SetContext",
            "New",
            "Traits",
            "Context",
            "JSONValue",
            "SpecProp",
            "JSONObject",
            "Ptr",
            "PanicOnViolation",
        ],
        Lang::Java => &[
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null",
            "var",
            "record",
            "yield",
            "sealed",
            "permits",
            "_",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "Spec",
            "JsonObject",
            "Object",
            "String",
            "Long",
            "Double",
            "Boolean",
            "List",
            "Map",
            "identify",
            "group",
            "setContext",
            "Traits",
            "Context",
            "json",
            "toJson",
            "Deprecated",
            "Override",
            "send",
            "report",
            "userId",
            "groupId",
            "Number",
            "Integer",
            "RuntimeException",
            "Objects",
            "ArrayList",
            "LinkedHashMap",
            "HashSet",
            "Arrays",
            "Pattern",
            "Optional",
            "ConcurrentHashMap",
            "Math",
            "WireEnum",
            "ViolationException",
            "SuppressWarnings",
            "THROW",
        ],
        Lang::Kotlin => &[
            "as",
            "break",
            "class",
            "continue",
            "do",
            "else",
            "false",
            "for",
            "fun",
            "if",
            "in",
            "interface",
            "is",
            "null",
            "object",
            "package",
            "return",
            "super",
            "this",
            "throw",
            "true",
            "try",
            "typealias",
            "typeof",
            "val",
            "var",
            "when",
            "while",
            "Analytics",
            "Transport",
            "Violation",
            "ViolationHandler",
            "Spec",
            "JsonObject",
            "Value",
            "Any",
            "String",
            "Long",
            "Double",
            "Boolean",
            "List",
            "Map",
            "Unit",
            "identify",
            "group",
            "setContext",
            "Traits",
            "Context",
            "toJson",
            "Deprecated",
            "send",
            "report",
            "userId",
            "groupId",
            "LinkedHashMap",
            "Regex",
            "WireEnum",
            "ViolationException",
            "Suppress",
            "Number",
            "Int",
            "Spec",
            "throwOnViolation",
            "json",
            "check",
            "matches",
            "oneOf",
        ],
        Lang::Generic => &[],
    }
}

/// Makes `ident` safe in `lang`: a reserved word gets a trailing `_`.
pub fn escape_ident(lang: Lang, ident: String) -> String {
    if reserved(lang).contains(&ident.as_str()) {
        ident + "_"
    } else {
        ident
    }
}

/// Identifier kinds, each derived idiomatically per language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A function or method sending an event.
    Function,
    /// A parameter or field holding a property.
    Field,
    /// A type (properties record, enum, nested object).
    Type,
    /// A member of an enum type.
    EnumMember,
}

pub fn ident(lang: Lang, kind: Kind, name: &str) -> String {
    use Kind::*;
    use Lang::*;
    let raw = match (lang, kind) {
        (Go, _) => go_pascal(name),
        (_, Type) => pascal(name),
        (Python | Rust, Function | Field) => snake(name),
        (Java | Kotlin, EnumMember) => upper_snake(name),
        (Rust | TypeScript | Python | Generic, EnumMember) => pascal(name),
        (TypeScript | Java | Kotlin | Generic, Function | Field) => camel(name),
    };
    escape_ident(lang, raw)
}

/// A string literal in `lang` holding exactly `s`. Only printable ASCII is
/// written as itself; everything else is an escape, so no plan text can
/// close the literal, start an interpolation (`${}`), or break a line.
pub fn string_literal(lang: Lang, s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            // Kotlin interpolates `$name` and `${...}` in every string.
            '$' if lang == Lang::Kotlin => out.push_str("\\$"),
            ' '..='~' => out.push(c),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => escape_char(lang, c, &mut out),
        }
    }
    out.push('"');
    out
}

fn escape_char(lang: Lang, c: char, out: &mut String) {
    let cp = c as u32;
    match lang {
        Lang::Rust => {
            let _ = write!(out, "\\u{{{cp:x}}}");
        }
        Lang::Python => {
            if cp > 0xFFFF {
                let _ = write!(out, "\\U{cp:08x}");
            } else {
                let _ = write!(out, "\\u{cp:04x}");
            }
        }
        Lang::Go => {
            if cp > 0xFFFF {
                let _ = write!(out, "\\U{cp:08x}");
            } else {
                let _ = write!(out, "\\u{cp:04x}");
            }
        }
        // Java turns `\uXXXX` into the character before it lexes the file,
        // so control characters must be octal escapes; anything else is
        // harmless once decoded (it is not a quote, backslash or line end).
        Lang::Java if cp < 0x20 => {
            let _ = write!(out, "\\{cp:o}");
        }
        Lang::TypeScript | Lang::Java | Lang::Kotlin | Lang::Generic => {
            let mut buf = [0u16; 2];
            for unit in c.encode_utf16(&mut buf) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        }
    }
}

/// Splits plan text into lines that are safe inside a line or block comment
/// of `lang`: every line break a compiler knows (CR, LF, U+2028, U+2029,
/// NEL, form and vertical tab) splits, control characters are dropped, and
/// sequences that end or nest a comment are broken up.
pub fn comment_lines(lang: Lang, text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let normalized = text.replace("\r\n", "\n");
    for raw in normalized.split([
        '\n', '\r', '\u{2028}', '\u{2029}', '\u{85}', '\u{b}', '\u{c}',
    ]) {
        let mut line: String = raw
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        line = line.trim_end().to_string();
        line = match lang {
            // gofmt rewrites indented doc lines into code blocks and lists.
            Lang::Go => line.trim_start().to_string(),
            // Javadoc is HTML and javac decodes `\u` escapes inside comments.
            Lang::Java => line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('\\', "&#92;")
                .replace('@', "&#64;")
                .replace("*/", "*&#47;"),
            // Kotlin block comments nest.
            Lang::Kotlin => line.replace("*/", "*&#47;").replace("/*", "&#47;*"),
            Lang::TypeScript => line.replace("*/", "*\\/").replace('@', "\\@"),
            // Inside a docstring: nothing may close it or form an escape.
            Lang::Python => line.replace('\\', "\\\\").replace('"', "\\\""),
            Lang::Rust | Lang::Generic => line,
        };
        lines.push(line);
    }
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| l.is_empty()) {
        lines.remove(0);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_per_language() {
        assert_eq!(
            ident(Lang::TypeScript, Kind::Function, "Signed Up"),
            "signedUp"
        );
        assert_eq!(
            ident(Lang::Python, Kind::Function, "Signed Up"),
            "signed_up"
        );
        assert_eq!(ident(Lang::Go, Kind::Function, "Signed Up"), "SignedUp");
        assert_eq!(
            ident(Lang::Java, Kind::EnumMember, "bank-transfer"),
            "BANK_TRANSFER"
        );
        assert_eq!(ident(Lang::Kotlin, Kind::Field, "fun"), "fun_");
        assert_eq!(ident(Lang::Go, Kind::Field, "func"), "Func");
        assert_eq!(ident(Lang::Go, Kind::Field, "workspace_id"), "WorkspaceID");
        assert_eq!(ident(Lang::Go, Kind::Type, "api url Item"), "APIURLItem");
        assert_eq!(ident(Lang::Go, Kind::Field, "idle_time"), "IdleTime");
        assert_eq!(ident(Lang::Rust, Kind::Type, "workspace_id"), "WorkspaceId");
        assert_eq!(ident(Lang::Python, Kind::Field, "class"), "class_");
        assert_eq!(ident(Lang::Rust, Kind::Field, "type"), "type_");
        assert_eq!(ident(Lang::Java, Kind::Field, "default"), "default_");
        assert_eq!(ident(Lang::TypeScript, Kind::Function, "import"), "import_");
        assert_eq!(ident(Lang::Rust, Kind::Type, "3D View"), "N3dView");
        assert_eq!(
            ident(Lang::Python, Kind::Field, "Café 🚀"),
            "caf_ue9_u1f680"
        );
        assert_eq!(camel("userID"), "userId");
        assert_eq!(pascal("XMLParser"), "XmlParser");
        assert_eq!(snake("QuoteXYProperties"), "quote_xy_properties");
        assert_eq!(camel("!!!"), "unnamed");
    }

    #[test]
    fn literals_cannot_be_closed() {
        let nasty = "a\"b\\c\n${x}\u{2028}\0🚀$";
        assert_eq!(
            string_literal(Lang::TypeScript, nasty),
            r#""a\"b\\c\n${x}\u2028\u0000\ud83d\ude80$""#
        );
        assert_eq!(
            string_literal(Lang::Rust, nasty),
            r#""a\"b\\c\n${x}\u{2028}\u{0}\u{1f680}$""#
        );
        assert_eq!(
            string_literal(Lang::Java, nasty),
            r#""a\"b\\c\n${x}\u2028\0\ud83d\ude80$""#
        );
        assert_eq!(
            string_literal(Lang::Kotlin, nasty),
            r#""a\"b\\c\n\${x}\u2028\u0000\ud83d\ude80\$""#
        );
        assert_eq!(
            string_literal(Lang::Python, nasty),
            r#""a\"b\\c\n${x}\u2028\u0000\U0001f680$""#
        );
    }

    /// TypeScript and Java literals use only JSON's escapes (plus octal in
    /// Java), so JSON can read a TypeScript literal back.
    #[test]
    fn typescript_literals_round_trip_through_json() {
        let mut samples: Vec<String> = (0u32..0x3000)
            .step_by(7)
            .filter_map(char::from_u32)
            .map(|c| format!("a{c}b"))
            .collect();
        samples.extend(
            [
                "",
                "\"\"\"",
                "*/",
                "${}",
                "{{ }}",
                "\\\\",
                "\u{2028}\u{2029}\0",
                "🚀👩‍👩‍👧",
                "\r\n\t",
            ]
            .map(String::from),
        );
        for s in samples {
            let lit = string_literal(Lang::TypeScript, &s);
            assert!(
                lit[1..lit.len() - 1]
                    .chars()
                    .all(|c| (' '..='~').contains(&c))
            );
            let back: String = serde_json::from_str(&lit).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn comments_cannot_be_closed() {
        let text = "one */ two\r\nthree\u{2028}four /* \\u000a @x";
        assert_eq!(
            comment_lines(Lang::Java, text),
            ["one *&#47; two", "three", "four /* &#92;u000a &#64;x"]
        );
        assert_eq!(
            comment_lines(Lang::Kotlin, text),
            ["one *&#47; two", "three", "four &#47;* \\u000a @x"]
        );
        assert_eq!(
            comment_lines(Lang::Python, "a \"\"\" b\\"),
            ["a \\\"\\\"\\\" b\\\\"]
        );
    }
}
