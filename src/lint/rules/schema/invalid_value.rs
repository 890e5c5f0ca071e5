crate::declare_rule! {
    /// A value of the wrong shape or outside the allowed choices.
    ///
    /// ## What it does
    /// Reports values that do not fit their key: `side: browser` (must be
    /// `client` or `server`), a list where a mapping belongs, a plan id with
    /// characters outside `[a-z0-9_-]`, a negative length bound, an empty
    /// `enum`, an unknown rule id in `lint_ignore`, and the like. The message
    /// names the allowed values.
    ///
    /// ## Why
    /// The model and every output depend on these values; a wrong one cannot
    /// be guessed at.
    ///
    /// This rule cannot be turned off.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: browser
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
    pub static RULE = ("schema/invalid-value", Error);
}
