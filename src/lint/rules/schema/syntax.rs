crate::declare_rule! {
    /// The file is not valid YAML, or not a file trackc can read as a plan.
    ///
    /// ## What it does
    /// Reports YAML syntax errors with their line and column, and files that
    /// cannot hold a plan at all: text that is not UTF-8 (UTF-16 included),
    /// NUL bytes, more than one YAML document, nesting deeper than 128 levels,
    /// aliases that expand past 100,000 nodes (an "alias bomb"), or a file
    /// larger than 32 MiB.
    ///
    /// ## Why
    /// A plan that does not parse cannot be checked or built. The bounds keep
    /// a hostile or broken file from hanging a pre-commit hook.
    ///
    /// This rule cannot be turned off.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Signed Up:
    ///     description: "unterminated
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events: {}
    /// ```
    pub static RULE = ("schema/syntax", Error);
}
