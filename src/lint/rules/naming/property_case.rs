crate::declare_rule! {
    /// A property name that does not follow the plan's property casing.
    ///
    /// ## What it does
    /// Checks every property name (shared, event, identify, group, context
    /// and nested object properties) against `conventions.property_case`
    /// (`title`, `sentence`, `snake`, `camel`, `pascal`, `kebab`; `any` turns
    /// the check off). When the convention is not set, the casing that more
    /// than half of the distinct property names share is taken as the
    /// convention and the others are reported; with fewer than three names
    /// or no majority, nothing is reported. A one-word name fits several
    /// casings (`email` is snake, camel and kebab case). Each distinct name is
    /// reported once, where it first appears.
    ///
    /// ## Why
    /// Mixed casings (`plan_tier` next to `seatCount`) make queries and
    /// generated code inconsistent, and invite one property under two names.
    ///
    /// ## Fails
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     property_case: snake
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       signupMethod:
    ///         type: string
    ///         description: How the user signed up.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// plan:
    ///   id: example
    ///   name: Example
    ///   conventions:
    ///     property_case: snake
    /// owners:
    ///   growth: {name: Growth Team}
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       signup_method:
    ///         type: string
    ///         description: How the user signed up.
    /// ```
    pub static RULE = ("naming/property-case", Warning);
}

use crate::diagnostic::Diagnostic;
use crate::lint::LintContext;
use crate::model::Name;
use std::collections::HashSet;

pub fn check(cx: &LintContext<'_>, out: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut names: Vec<&Name> = Vec::new();
    for list in super::property_lists(cx.plan) {
        for p in list.properties {
            // A reused shared definition's name is the definition's, seen first.
            if !p.shared && !super::is_items_entry(p) && seen.insert(&p.name.value) {
                names.push(&p.name);
            }
        }
    }
    let convention = cx.plan.meta.conventions.property_case.as_ref();
    super::check_casing(&RULE, "property", "property_case", &names, convention, out);
}
