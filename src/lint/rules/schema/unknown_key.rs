crate::declare_rule! {
    /// A key that the plan format does not define.
    ///
    /// ## What it does
    /// Reports every key the plan format does not know at that place, with a
    /// "did you mean" suggestion when a known key is close (`requierd` ->
    /// `required`).
    ///
    /// ## Why
    /// A misspelt key is otherwise silently ignored: `requierd: false` would
    /// leave the property required and nobody would know why.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       industry:
    ///         type: string
    ///         description: Industry chosen on the form.
    ///         requierd: false
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: Sign-up completed.
    ///     owner: growth
    ///     side: server
    ///     properties:
    ///       industry:
    ///         type: string
    ///         description: Industry chosen on the form.
    ///         required: false
    /// ```
    pub static RULE = ("schema/unknown-key", Error);
}
