//! `trackc diff`: what changed between two plans, and whether it breaks
//! anything downstream.
//!
//! [`compare`] works on two [`Plan`] models only; [`diff`] adds what needs
//! the source files (locations, the trackc.yaml comparison, the version
//! warning) and returns a [`Report`] that every output format renders.
//! Reading the old plan from git lives in [`git`].

mod compare;
mod config;
pub mod format;
pub mod git;
pub mod kind;

pub use compare::compare;
pub use kind::{Class, Kind};

use crate::model::Plan;
use crate::source::{SourceFile, SourceMap, Span};
use serde::Serialize;
use serde_json::Value as Json;

/// Which side of the comparison a location is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Revision {
    Old,
    New,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Location {
    pub revision: Revision,
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

#[derive(Clone, Debug)]
pub struct Change {
    pub kind: Kind,
    /// Where, as a span in the old or new plan; resolved into `location`.
    pub at: Option<(Revision, Span)>,
    pub location: Option<Location>,
    /// The event the change is about (the new name for renames).
    pub event: Option<String>,
    /// The event's owner key.
    pub owner: Option<String>,
    pub message: String,
    /// The value before and after, where one value says it (a type, a bound,
    /// an enum value); absent for additions and removals of whole entries.
    pub before: Option<Json>,
    pub after: Option<Json>,
}

impl Change {
    pub fn is_breaking(&self) -> bool {
        self.kind.is_breaking()
    }
}

/// A lint-style warning about the change as a whole.
#[derive(Clone, Debug, Serialize)]
pub struct Warning {
    pub rule: &'static str,
    pub message: String,
    pub help: Option<String>,
    pub location: Option<Location>,
}

pub const VERSION_NOT_BUMPED: &str = "diff/version-not-bumped";

#[derive(Clone, Debug, Serialize)]
pub struct OwnerInfo {
    pub key: String,
    pub name: String,
    pub contact: Option<String>,
}

/// One side of the comparison, as loaded.
pub struct Side {
    pub sources: SourceMap,
    pub plan: Plan,
    /// Errors the loader reported; the plan is compared anyway.
    pub errors: usize,
    /// trackc.yaml at this side, when there is one: (path as shown, text).
    pub config: Option<(String, String)>,
}

impl Side {
    pub fn from_loaded(loaded: crate::load::Loaded, config: Option<(String, String)>) -> Side {
        Side {
            errors: loaded.diagnostics.iter().filter(|d| d.is_error()).count(),
            sources: loaded.sources,
            plan: loaded.plan,
            config,
        }
    }
}

pub struct Report {
    /// What the plan was compared against, as the user named it.
    pub against: String,
    /// Breaking changes first, then the rest; plan order within each.
    pub changes: Vec<Change>,
    pub warnings: Vec<Warning>,
    /// Every owner the changes name, from the new plan (else the old one).
    pub owners: Vec<OwnerInfo>,
    pub old_version: Option<i64>,
    pub new_version: Option<i64>,
    pub old_errors: usize,
    pub new_errors: usize,
}

impl Report {
    pub fn breaking(&self) -> usize {
        self.changes.iter().filter(|c| c.is_breaking()).count()
    }

    pub fn non_breaking(&self) -> usize {
        self.changes.len() - self.breaking()
    }

    pub fn owner(&self, key: &str) -> Option<&OwnerInfo> {
        self.owners.iter().find(|o| o.key == key)
    }

    /// Owners of events with breaking changes, in first-seen order: the
    /// people who must agree before this merges.
    pub fn reviewers(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        for c in self.changes.iter().filter(|c| c.is_breaking()) {
            if let Some(o) = c.owner.as_deref()
                && !keys.contains(&o)
            {
                keys.push(o);
            }
        }
        keys
    }
}

/// Compares two loaded plans.
pub fn diff(old: &Side, new: &Side, against: &str) -> Report {
    let mut changes = compare(&old.plan, &new.plan);
    for c in &mut changes {
        if let Some((rev, span)) = c.at {
            let sources = match rev {
                Revision::Old => &old.sources,
                Revision::New => &new.sources,
            };
            c.location = locate(sources, rev, span);
        }
    }
    changes.extend(config::compare(old.config.as_ref(), new.config.as_ref()));
    // Stable: keeps plan order within each class.
    changes.sort_by_key(|c| c.kind.class());

    let old_version = old.plan.meta.version.as_ref().map(|v| v.value);
    let new_version = new.plan.meta.version.as_ref().map(|v| v.value);
    let mut warnings = Vec::new();
    let breaking = changes.iter().filter(|c| c.is_breaking()).count();
    if breaking > 0 {
        warnings.extend(version_warning(breaking, old_version, new, &new.plan));
    }

    let mut owners = Vec::new();
    for plan in [&new.plan, &old.plan] {
        for o in &plan.owners {
            if !owners.iter().any(|x: &OwnerInfo| x.key == o.key.value) {
                owners.push(OwnerInfo {
                    key: o.key.value.clone(),
                    name: o.name.value.clone(),
                    contact: o.contact.as_ref().map(|c| c.value.clone()),
                });
            }
        }
    }
    Report {
        against: against.to_string(),
        changes,
        warnings,
        owners,
        old_version,
        new_version,
        old_errors: old.errors,
        new_errors: new.errors,
    }
}

fn locate(sources: &SourceMap, revision: Revision, span: Span) -> Option<Location> {
    if span.file.0 as usize >= sources.len() {
        return None;
    }
    let at = sources.line_col(span);
    Some(Location {
        revision,
        file: crate::render::display_path(sources, span.file),
        line: at.line,
        column: at.column,
    })
}

fn version_warning(
    breaking: usize,
    old_version: Option<i64>,
    new: &Side,
    plan: &Plan,
) -> Option<Warning> {
    let new_version = plan.meta.version.as_ref();
    let changes = if breaking == 1 {
        "1 breaking change".to_string()
    } else {
        format!("{breaking} breaking changes")
    };
    let (message, next) = match (old_version, new_version) {
        (Some(o), Some(n)) if n.value > o => return None,
        (Some(o), Some(n)) => (
            format!(
                "{changes}, but `plan.version` is still {} (was {o})",
                n.value
            ),
            o.saturating_add(1),
        ),
        (None, Some(_)) => return None,
        (Some(o), None) => (
            format!("{changes}, but `plan.version` was removed (was {o})"),
            o.saturating_add(1),
        ),
        (None, None) => (format!("{changes}, but the plan has no `plan.version`"), 2),
    };
    let span = new_version.map_or(plan.meta.span, |v| v.span);
    let location = if new.sources.is_empty() {
        None
    } else {
        locate(&new.sources, Revision::New, span)
    };
    Some(Warning {
        rule: VERSION_NOT_BUMPED,
        message,
        help: Some(format!(
            "set `version: {next}` in the `plan:` block so generated code, docs and consumers can tell the two plans apart"
        )),
        location,
    })
}

/// A location in a file that is not part of the plan (trackc.yaml).
fn locate_in_text(path: &str, text: &str, revision: Revision, byte: usize) -> Location {
    let file = SourceFile::new(path.into(), text.to_string());
    let at = file.line_col(byte);
    Location {
        revision,
        file: path.to_string(),
        line: at.line,
        column: at.column,
    }
}
