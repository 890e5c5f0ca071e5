crate::declare_rule! {
    /// Two names that are equal once case and separators are folded away.
    ///
    /// ## What it does
    /// Folds every name to lower case without spaces, `_`, `-` or other
    /// separators (`signed_up`, `SignedUp`, `Signed Up` and `signed-up` all
    /// become `signedup`) and reports two names that fold alike: among
    /// events, among the properties of one property list (an event's,
    /// identify's, a group's, context's, a nested object's), among shared
    /// properties, among funnels and among groups. Both names are labelled,
    /// even when they sit in different files; with three or more names folding
    /// alike, each later one is reported against the first.
    ///
    /// Names that fold apart but still become the same identifier in one of
    /// the code targets, after its keyword escaping and digit prefixes
    /// (`1st Place Won` and `N1st Place Won` are both `n1stPlaceWon` in
    /// TypeScript), are reported too, naming the target.
    ///
    /// ## Why
    /// Generated code derives one identifier per name (`signedUp` in
    /// TypeScript, `signed_up` in Python), so the two would clash, and on the
    /// wire they are two different events or properties for one thing, which
    /// splits every chart built on them.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///   signed_up:
    ///     description: Sign-up completed, as the API names it.
    ///     owner: growth
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    /// ```
    pub static RULE = ("naming/collision", Error);
}

use crate::codegen::naming::{Kind, Lang, ident};
use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::fold;
use crate::model::Name;
use std::collections::HashMap;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let events: Vec<&Name> = plan.events.iter().map(|e| &e.name).collect();
    report(&events, || "events".into(), Some(Kind::Function), out);
    let funnels: Vec<&Name> = plan.funnels.iter().map(|f| &f.key).collect();
    report(&funnels, || "funnels".into(), None, out);
    let groups: Vec<&Name> = plan.groups.iter().map(|g| &g.key).collect();
    report(&groups, || "groups".into(), Some(Kind::Type), out);
    let mut names: Vec<&Name> = Vec::new();
    for list in super::property_lists(plan) {
        names.clear();
        names.extend(
            list.properties
                .iter()
                .filter(|p| !super::is_items_entry(p))
                .map(|p| &p.name),
        );
        report(
            &names,
            || format!("properties of {}", list.describe()),
            Some(Kind::Field),
            out,
        );
    }
}

/// Reports each name whose fold equals an earlier name's, against the
/// first such name, then names that fold apart but still derive the same
/// identifier in a code target (`1st Place` and `N1st Place` both become
/// `n1stPlace`). `code`: the names are sent and become identifiers of that
/// kind (events, properties, group types); `None` for funnels, which are
/// only documented.
fn report(
    names: &[&Name],
    among: impl Fn() -> String,
    code: Option<Kind>,
    out: &mut Vec<Diagnostic>,
) {
    let on_wire = code.is_some();
    if names.len() < 2 {
        return;
    }
    // Sorting by fold (then position) groups colliding names without a map.
    let mut folded: Vec<(String, usize)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| (fold(&n.value), i))
        .filter(|(f, _)| !f.is_empty()) // nothing to derive an identifier from
        .collect();
    folded.sort_unstable();
    let mut found: Vec<(usize, usize)> = Vec::new();
    for group in folded.chunk_by(|a, b| a.0 == b.0) {
        let first = group[0].1;
        for &(_, later) in &group[1..] {
            // Exact repeats are schema/duplicate-definition or duplicate-key.
            if names[later].value != names[first].value {
                found.push((later, first));
            }
        }
    }
    found.sort_unstable();
    let by_fold = found.clone();
    if let Some(kind) = code {
        identifier_collisions(names, kind, &by_fold, &among, out);
    }
    for (later, first) in by_fold {
        let (name, earlier) = (names[later], names[first]);
        out.push(
            RULE.diag(format!(
                "`{}` and `{}` collide among {}: both fold to `{}`",
                name.value,
                earlier.value,
                among(),
                fold(&name.value)
            ))
            .label(name.span, format!("collides with `{}`", earlier.value))
            .label(earlier.span, format!("`{}` defined here", earlier.value))
            .help(if on_wire {
                "generated code derives one identifier from each name (camelCase in \
                 TypeScript, snake_case in Python), so these two would clash, and the \
                 wire would carry two different names for one thing; keep one of them"
            } else {
                "generated docs and code derive one identifier from each name, so these \
                 two would clash; keep one of them"
            }),
        );
    }
}

/// Pairs that fold apart but derive one identifier in some code target
/// (after keyword escaping and digit prefixes); reported once per pair,
/// naming the first target where they clash.
fn identifier_collisions(
    names: &[&Name],
    kind: Kind,
    already: &[(usize, usize)],
    among: &impl Fn() -> String,
    out: &mut Vec<Diagnostic>,
) {
    let mut reported: Vec<(usize, usize)> = already.to_vec();
    for target in crate::codegen::TARGETS {
        let Some(lang) = Lang::for_target(target) else {
            continue;
        };
        let mut first_of: HashMap<String, usize> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            if fold(&n.value).is_empty() {
                continue;
            }
            let id = ident(lang, kind, &n.value);
            match first_of.get(&id) {
                None => {
                    first_of.insert(id, i);
                }
                Some(&first) => {
                    if names[i].value == names[first].value || reported.contains(&(i, first)) {
                        continue;
                    }
                    reported.push((i, first));
                    let (name, earlier) = (names[i], names[first]);
                    out.push(
                        RULE.diag(format!(
                            "`{}` and `{}` collide among {}: both become `{id}` in {target}",
                            name.value,
                            earlier.value,
                            among()
                        ))
                        .label(name.span, format!("collides with `{}`", earlier.value))
                        .label(earlier.span, format!("`{}` defined here", earlier.value))
                        .help(format!(
                            "the {target} emitter derives the same identifier from both names; rename one of them"
                        )),
                    );
                }
            }
        }
    }
}
