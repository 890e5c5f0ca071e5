crate::declare_rule! {
    /// A required key is missing.
    ///
    /// ## What it does
    /// Reports a missing `plan:` block (exactly one must exist across the
    /// files), a missing `plan.id` or `plan.name`, an event without `side`,
    /// an owner without `name`, a source without `side`, a property without
    /// `type` that reuses no shared definition, and a funnel without `steps`.
    ///
    /// ## Why
    /// Without these the plan cannot be compiled: an event without a side
    /// cannot be routed to the browser or the server emitters.
    ///
    /// This rule cannot be turned off.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
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
    pub static RULE = ("schema/missing-key", Error);
}
