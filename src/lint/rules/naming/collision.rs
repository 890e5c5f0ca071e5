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

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::lint::util::fold;
use crate::model::Name;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    let events: Vec<&Name> = plan.events.iter().map(|e| &e.name).collect();
    report(&events, || "events".into(), true, out);
    let funnels: Vec<&Name> = plan.funnels.iter().map(|f| &f.key).collect();
    report(&funnels, || "funnels".into(), false, out);
    let groups: Vec<&Name> = plan.groups.iter().map(|g| &g.key).collect();
    report(&groups, || "groups".into(), true, out);
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
            true,
            out,
        );
    }
}

/// Reports each name whose fold equals an earlier name's, against the
/// first such name. `on_wire`: the names are sent (events, properties,
/// group types), not only documented (funnels).
fn report(names: &[&Name], among: impl Fn() -> String, on_wire: bool, out: &mut Vec<Diagnostic>) {
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
    for (later, first) in found {
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
