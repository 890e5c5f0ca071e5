//! Lint rules: the registry, the context rules read, and the driver.
//!
//! Each rule lives in its own file under `rules/<category>/`, declared with
//! [`declare_rule!`]: the doc comment is the rule's documentation (printed by
//! `trackc explain`), and its `## Fails` / `## Passes` examples are run by the
//! test suite. Rules in `schema/` are reported by the loader; the rest read
//! only the [`Plan`] model.

pub mod casing;
pub mod registry;
pub mod rules;
pub mod util;
pub mod value_check;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Plan;
use crate::source::SourceMap;
use std::collections::BTreeMap;

/// A rule's identity and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable id, `category/name`. Never renamed once released.
    pub id: &'static str,
    pub default_severity: Severity,
    /// The rule's doc comment, one leading space per line as rustc keeps it.
    docs: &'static str,
}

impl RuleMeta {
    #[doc(hidden)]
    pub const fn new(id: &'static str, default_severity: Severity, docs: &'static str) -> Self {
        RuleMeta {
            id,
            default_severity,
            docs,
        }
    }

    /// A diagnostic from this rule at its default severity.
    pub fn diag(&'static self, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.id, self.default_severity, message)
    }

    pub fn category(&self) -> &'static str {
        self.id.split('/').next().unwrap_or(self.id)
    }

    /// The documentation as Markdown.
    pub fn docs(&self) -> String {
        self.docs
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim()
            .to_string()
    }

    /// The docs' first paragraph, on one line.
    pub fn summary(&self) -> String {
        self.docs()
            .lines()
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Declares a rule's [`RuleMeta`] static, taking the docs from the doc comment.
#[macro_export]
macro_rules! declare_rule {
    ($(#[doc = $doc:expr])+ pub static $name:ident = ($id:literal, $sev:ident);) => {
        $(#[doc = $doc])+
        pub static $name: $crate::lint::RuleMeta = $crate::lint::RuleMeta::new(
            $id,
            $crate::diagnostic::Severity::$sev,
            concat!($($doc, "\n"),+),
        );
    };
}

/// What a rule's check function reads.
pub struct LintContext<'a> {
    pub plan: &'a Plan,
    pub sources: &'a SourceMap,
}

pub type CheckFn = fn(&LintContext<'_>, &mut Vec<Diagnostic>);

/// Per-rule severity from `trackc.yaml` (`None` = off).
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    pub overrides: BTreeMap<String, Option<Severity>>,
}

/// Runs every model rule.
pub fn run(cx: &LintContext<'_>) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for rule in registry::RULES {
        if let Some(check) = rule.check {
            check(cx, &mut out);
        }
    }
    out
}

/// Applies configured severities and in-plan suppressions, then sorts.
pub fn finish(
    mut diags: Vec<Diagnostic>,
    plan: Option<&Plan>,
    settings: &RuleSettings,
) -> Vec<Diagnostic> {
    diags.retain_mut(|d| {
        if let (Some(plan), Some(primary)) = (plan, d.primary_span()) {
            let silenced = plan
                .suppressions
                .iter()
                .any(|s| s.rule.value == d.rule && s.scope.contains(primary));
            if silenced {
                return false;
            }
        }
        match settings.overrides.get(d.rule) {
            Some(None) => registry::lookup(d.rule).is_some_and(|r| !r.can_disable()),
            Some(Some(sev)) => {
                if registry::lookup(d.rule).is_some_and(|r| r.can_disable()) {
                    d.severity = *sev;
                }
                true
            }
            None => true,
        }
    });
    crate::diagnostic::sort(&mut diags);
    diags.dedup();
    diags
}
