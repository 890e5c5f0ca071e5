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
use std::collections::HashMap;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let plan = cx.plan;
    report(plan.events.iter().map(|e| &e.name), "events", true, out);
    report(plan.funnels.iter().map(|f| &f.key), "funnels", false, out);
    report(plan.groups.iter().map(|g| &g.key), "groups", true, out);
    for list in super::property_lists(plan) {
        let names = list
            .properties
            .iter()
            .filter(|p| !super::is_items_entry(p))
            .map(|p| &p.name);
        report(
            names,
            &format!("properties of {}", list.describe()),
            true,
            out,
        );
    }
}

/// `on_wire`: the names are sent (events, properties, group types), not
/// only documented (funnels).
fn report<'a>(
    names: impl Iterator<Item = &'a Name>,
    among: &str,
    on_wire: bool,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<String, &Name> = HashMap::new();
    for name in names {
        let folded = fold(&name.value);
        if folded.is_empty() {
            continue; // nothing to derive an identifier from; naming/reserved's concern
        }
        match first.get(&folded) {
            // Exact repeats are schema/duplicate-definition or duplicate-key.
            Some(earlier) if earlier.value != name.value => {
                out.push(
                    RULE.diag(format!(
                        "`{}` and `{}` collide among {among}: both fold to `{folded}`",
                        name.value, earlier.value
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
            Some(_) => {}
            None => {
                first.insert(folded, name);
            }
        }
    }
}
