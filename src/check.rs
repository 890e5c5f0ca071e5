//! The check pipeline as a library call: load, lint, filter.

use crate::diagnostic::{Diagnostic, Summary};
use crate::lint::{self, LintContext, RuleSettings};
use crate::load::{self, LoadError, Loaded};
use crate::model::Plan;
use crate::source::SourceMap;
use std::path::Path;

pub struct Checked {
    pub sources: SourceMap,
    pub plan: Plan,
    /// Sorted, with configured severities and in-plan suppressions applied.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads and lints the plan at `path`.
pub fn check_path(path: &Path, settings: &RuleSettings) -> Result<Checked, LoadError> {
    Ok(check_loaded(load::load(path)?, settings))
}

/// Lints an already loaded plan.
pub fn check_loaded(loaded: Loaded, settings: &RuleSettings) -> Checked {
    let Loaded {
        sources,
        plan,
        mut diagnostics,
    } = loaded;
    let cx = LintContext {
        plan: &plan,
        sources: &sources,
    };
    diagnostics.extend(lint::run(&cx));
    let diagnostics = lint::finish(diagnostics, Some(&plan), settings);
    Checked {
        sources,
        plan,
        diagnostics,
    }
}
