//! Typed emitters: one function per event in TypeScript, Python, Rust, Go,
//! Java and Kotlin, rendered from minijinja templates.
//!
//! The built-in templates (templates/<target>/) are embedded in the binary.
//! A `templates_dir` from trackc.yaml overlays them file by file: a file
//! there replaces the built-in file of the same name, and a folder for an
//! unknown target adds that target. Every `*.j2` file whose name does not
//! start with `_` renders to the file of the same name without `.j2`;
//! `_`-files are for `{% include %}` and `{% import %}`.
//!
//! All escaping happens in Rust ([`naming`], [`lower`]); templates receive
//! ready identifiers, literals and comment lines, so a template cannot
//! forget to escape.

pub mod lower;
pub mod naming;

use crate::build::target::{CommentStyle, OutputFile, TargetContext};
use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use naming::Lang;
use serde::Serialize;
use std::path::Path;

/// The built-in emitter targets.
pub const TARGETS: &[&str] = &["typescript", "python", "rust", "go", "java", "kotlin"];

/// Renders `target` with the built-in templates; `None` when `target` is
/// not an emitter target.
pub fn generate(target: &str, cx: &TargetContext<'_>) -> Option<Result<Vec<OutputFile>, String>> {
    generate_with(target, cx, None)
}

/// Renders `target`, with templates in `templates_dir/<target>/` replacing
/// or adding to the built-in ones. `None` when neither has the target.
pub fn generate_with(
    target: &str,
    cx: &TargetContext<'_>,
    templates_dir: Option<&Path>,
) -> Option<Result<Vec<OutputFile>, String>> {
    let user = match templates_dir.map(|d| user_templates(d, target)) {
        Some(Ok(files)) => files,
        Some(Err(e)) => return Some(Err(e)),
        None => Vec::new(),
    };
    let builtin = TARGETS.contains(&target);
    if !builtin && user.is_empty() {
        return None;
    }
    Some(render(target, cx, user))
}

/// True when `target` is built in or has a folder in `templates_dir`.
pub fn is_target(target: &str, templates_dir: Option<&Path>) -> bool {
    TARGETS.contains(&target) || templates_dir.is_some_and(|d| d.join(target).is_dir())
}

fn user_templates(dir: &Path, target: &str) -> Result<Vec<(String, String)>, String> {
    let tdir = dir.join(target);
    if !tdir.is_dir() {
        return Ok(Vec::new());
    }
    let entries = std::fs::read_dir(&tdir)
        .map_err(|e| format!("cannot read templates in {}: {e}", tdir.display()))?;
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| format!("cannot read {}: {e}", tdir.display()))?;
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !name.ends_with(".j2") || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read template {}: {e}", path.display()))?;
        out.push((format!("{target}/{name}"), text));
    }
    out.sort();
    Ok(out)
}

fn comment_style(target: &str) -> CommentStyle {
    match target {
        "python" => CommentStyle::Hash,
        _ => CommentStyle::Slash,
    }
}

fn environment(lang: Lang) -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    if let Ok(syntax) = minijinja::syntax::SyntaxConfig::builder()
        .trim_blocks(true)
        .lstrip_blocks(true)
        .keep_trailing_newline(true)
        .build()
    {
        env.set_syntax(syntax);
    }
    env = with_embedded_templates(env);
    env.add_filter("camel", |s: String| naming::camel(&s));
    env.add_filter("pascal", |s: String| naming::pascal(&s));
    env.add_filter("snake", |s: String| naming::snake(&s));
    env.add_filter("upper_snake", |s: String| naming::upper_snake(&s));
    env.add_filter("string_literal", move |s: String| {
        naming::string_literal(lang, &s)
    });
    env.add_filter("comment_lines", move |s: String| {
        naming::comment_lines(lang, &s)
    });
    env.add_filter("function_name", move |s: String| {
        naming::ident(lang, naming::Kind::Function, &s)
    });
    env.add_filter("field_name", move |s: String| {
        naming::ident(lang, naming::Kind::Field, &s)
    });
    env.add_filter("type_name", move |s: String| {
        naming::ident(lang, naming::Kind::Type, &s)
    });
    env
}

fn render(
    target: &str,
    cx: &TargetContext<'_>,
    user: Vec<(String, String)>,
) -> Result<Vec<OutputFile>, String> {
    let lang = Lang::for_target(target).unwrap_or(Lang::Generic);
    let mut env = environment(lang);
    for (name, text) in user {
        env.add_template_owned(name.clone(), text)
            .map_err(|e| format!("template {name}: {e}"))?;
    }
    let model = lower::lower(lang, cx)?;
    let prefix = format!("{target}/");
    let mut names: Vec<String> = env
        .templates()
        .map(|(n, _)| n.to_string())
        .filter(|n| {
            n.strip_prefix(&prefix)
                .is_some_and(|f| f.ends_with(".j2") && !f.starts_with('_') && !f.contains('/'))
        })
        .collect();
    names.sort();
    let header = cx.header.comment(comment_style(target));
    let ctx = Value::from(Serde(&TemplateContext {
        target,
        header: &header,
        model: &model,
    }));
    let mut files = Vec::new();
    for name in names {
        let tmpl = env
            .get_template(&name)
            .map_err(|e| format!("template {name}: {e}"))?;
        let contents = tmpl
            .render(&ctx)
            .map_err(|e| format!("template {name}: {e:#}"))?;
        let path = name
            .strip_prefix(&prefix)
            .and_then(|f| f.strip_suffix(".j2"))
            .unwrap_or(&name)
            .to_string();
        files.push(OutputFile { path, contents });
    }
    Ok(files)
}

/// What every template sees: `target`, `header` (the writer's header as a
/// comment), and the lowered model (`plan`, `events`, `enums`, `objects`,
/// `identify`, `groups`, `context`).
#[derive(Serialize)]
struct TemplateContext<'a> {
    target: &'a str,
    header: &'a str,
    #[serde(flatten)]
    model: &'a lower::Model,
}

// The templates are compiled into the binary and each target is compiled by
// the emitter tests, so a failure here is a trackc bug, never user input; the
// macro's generated code uses `expect`.
#[allow(clippy::expect_used)]
fn with_embedded_templates(mut env: Environment<'static>) -> Environment<'static> {
    minijinja_embed::load_templates!(&mut env);
    env
}
