crate::declare_rule! {
    /// The same event, property, owner, source, group, funnel or metric is
    /// defined in two files.
    ///
    /// ## What it does
    /// When a plan is split over several files, reports a definition that
    /// appears in more than one of them, pointing at both. It also reports a
    /// second `plan:` block, `identify:` or `context:` section.
    ///
    /// ## Why
    /// Merging would have to pick one silently; the team owning each file
    /// must agree on one definition instead.
    ///
    /// This rule cannot be turned off.
    ///
    /// ## Fails
    /// ```yaml
    /// # file: billing.yaml
    /// owners:
    ///   billing: {name: Billing Team}
    /// # file: growth.yaml
    /// owners:
    ///   billing: {name: Billing Squad}
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// # file: billing.yaml
    /// owners:
    ///   billing: {name: Billing Team}
    /// # file: growth.yaml
    /// owners:
    ///   lifecycle: {name: Lifecycle Team}
    /// ```
    pub static RULE = ("schema/duplicate-definition", Error);
}
