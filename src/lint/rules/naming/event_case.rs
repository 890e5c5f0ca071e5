crate::declare_rule! {
    /// An event name that does not follow the plan's event casing.
    ///
    /// ## What it does
    /// Checks every event name against `conventions.event_case` (`title`,
    /// `sentence`, `snake`, `camel`, `pascal`, `kebab`; `any` turns the check
    /// off). When the convention is not set, the casing that more than half
    /// of the events share is taken as the convention and the others are
    /// reported, as Avo does; with fewer than three events or no majority,
    /// nothing is reported. A one-word name fits several casings (`Login` is
    /// title, sentence and pascal case) and is never an outlier for any of
    /// them. The help text gives the name in the expected casing.
    ///
    /// ## Why
    /// Analysts search events by name; a plan that mixes `Order Completed`
    /// and `order_shipped` makes every search a guess.
    ///
    /// ## Fails
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     event_case: title
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   signed_up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     event_case: title
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    /// ```
    pub static RULE = ("naming/event-case", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::Name;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let names: Vec<&Name> = cx.plan.events.iter().map(|e| &e.name).collect();
    let convention = cx.plan.meta.conventions.event_case.as_ref();
    super::check_casing(&RULE, "event", "event_case", &names, convention, out);
}
