crate::declare_rule! {
    /// The same key twice in one YAML mapping.
    ///
    /// ## What it does
    /// Reports the second occurrence of a key in a mapping and points at the
    /// first. The first definition is kept.
    ///
    /// ## Why
    /// Most YAML parsers silently keep the last value, so the first definition
    /// (often a whole event) disappears without a trace.
    ///
    /// This rule cannot be turned off.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///   Signed Up:
    ///     description: Sign-up completed, again.
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
    pub static RULE = ("schema/duplicate-key", Error);
}
