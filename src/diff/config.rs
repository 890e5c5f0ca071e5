//! The one breaking change that lives in trackc.yaml rather than the plan:
//! a JSON Schema output's `additional_properties` going from true to false.
//! Outputs are matched by the directory or file their `out` names (so
//! `schemas/` and `./schemas` are one output) and, among outputs sharing one,
//! by their order: `build` refuses two outputs writing the same files, but an
//! old config read from git may still hold them, and an output must never be
//! compared with another one.
//!
//! The config texts are read with the spanned YAML tree (not
//! `config::load`, which wants a file on disk) so the change can point at the
//! line; an old config that does not parse is treated as absent.

use super::{Change, Kind, Revision, locate_in_text};
use crate::source::{FileId, SourceFile};
use crate::yaml::{self, Node, Value};
use serde_json::json;
use std::path::{Path, PathBuf};

struct SchemaOutput {
    /// As written, for the message.
    out: String,
    /// What `out` names, spelled one way: `schemas/`, `schemas`,
    /// `./schemas//` and `v1/../schemas` all write the same files.
    target: PathBuf,
    additional: bool,
    /// Byte offset of `additional_properties` (or of the output entry).
    at: usize,
}

pub fn compare(old: Option<&(String, String)>, new: Option<&(String, String)>) -> Vec<Change> {
    let (Some(old), Some((new_path, new_text))) = (old, new) else {
        return Vec::new();
    };
    let old_outputs = schema_outputs(&old.0, &old.1);
    let new_outputs = schema_outputs(new_path, new_text);
    let mut out = Vec::new();
    for (i, n) in new_outputs.iter().enumerate() {
        let earlier = new_outputs[..i]
            .iter()
            .filter(|e| e.target == n.target)
            .count();
        let Some(o) = old_outputs
            .iter()
            .filter(|o| o.target == n.target)
            .nth(earlier)
        else {
            continue;
        };
        let (kind, what) = match (o.additional, n.additional) {
            (true, false) => (
                Kind::AdditionalPropertiesClosed,
                "no longer allows additional properties: events with properties the plan does not list now fail validation",
            ),
            (false, true) => (
                Kind::AdditionalPropertiesOpened,
                "now allows additional properties",
            ),
            _ => continue,
        };
        out.push(Change {
            kind,
            at: None,
            location: Some(locate_in_text(new_path, new_text, Revision::New, n.at)),
            event: None,
            owner: None,
            message: format!("JSON Schema output `{}` {what}", n.out),
            before: Some(json!(o.additional)),
            after: Some(json!(n.additional)),
        });
    }
    out
}

fn entry<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .find(|e| e.key.as_str() == Some(key))
            .map(|e| &e.value),
        _ => None,
    }
}

fn schema_outputs(path: &str, text: &str) -> Vec<SchemaOutput> {
    let file = SourceFile::new(path.into(), text.to_string());
    let parsed = yaml::parse(FileId(0), &file);
    let Some(root) = parsed.root.filter(|_| parsed.problems.is_empty()) else {
        return Vec::new();
    };
    let Some(Value::Seq(items)) = entry(&root, "build")
        .and_then(|b| entry(b, "outputs"))
        .map(|o| &o.value)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter(|item| entry(item, "target").and_then(Node::as_str) == Some("jsonschema"))
        .filter_map(|item| {
            let out = entry(item, "out")?.as_str()?.to_string();
            let flag = entry(item, "additional_properties");
            Some(SchemaOutput {
                // As `build` resolves it, so both agree on which files it writes.
                target: crate::build::writer::normalize(Path::new(&out)),
                out,
                // The documented default is false (closed).
                additional: flag.and_then(Node::as_str) == Some("true"),
                at: flag.map_or(item.span.start, |f| f.span.start) as usize,
            })
        })
        .collect()
}
