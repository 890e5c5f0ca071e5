//! `trackc import`: other tools' plans -> a trackc [`Draft`].
//!
//! Both importers go through [`schema::Converter`], which turns one JSON
//! Schema into a plan property. What a plan cannot say (unions other than
//! with null, `allOf`/`anyOf`, `$ref`, keywords like `multipleOf`) is never
//! dropped silently: the property becomes `type: any`, or the keyword is
//! left out, with a [`Warning`] naming the place, printed on stderr and
//! written as a comment above the entry.

pub mod schema;
pub mod segment;

use crate::draft::{Draft, name};
use crate::model::{Plan, PlanMeta};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    /// `file.json: event `Signed Up` > amount`.
    pub place: String,
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.message)
    }
}

pub struct Imported {
    pub draft: Draft,
    pub warnings: Vec<Warning>,
}

/// A plan block for a draft: `id` made from `name` (`[a-z0-9_-]+`).
pub fn meta(plan_name: &str) -> PlanMeta {
    let mut id: String = plan_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while id.contains("--") {
        id = id.replace("--", "-");
    }
    let id = id.trim_matches('-').to_string();
    PlanMeta {
        id: name(if id.is_empty() { "imported".into() } else { id }),
        name: name(plan_name),
        ..Default::default()
    }
}

/// An empty draft with placeholders on, for importers and infer.
pub fn new_draft(plan_name: &str, header: Vec<String>) -> Draft {
    Draft {
        plan: Plan {
            meta: meta(plan_name),
            ..Default::default()
        },
        header,
        placeholders: true,
        ..Default::default()
    }
}
