crate::declare_rule! {
    /// An unquoted value that YAML 1.1 would read as a boolean or a number.
    ///
    /// ## What it does
    /// trackc reads YAML 1.2, where `yes`, `no`, `on`, `off`, `y` and `n` are
    /// strings and `0755` is the integer 755. Where such a plain scalar stands
    /// in a place that wants a string (a name, a description, a value of a
    /// string enum), this rule warns and suggests quoting it. Numbers and
    /// booleans used as names are reported too.
    ///
    /// ## Why
    /// Many tools that read the same file (older YAML parsers, CI systems)
    /// still use YAML 1.1: there `enum: [yes, no]` becomes `[true, false]`,
    /// and a country code `NO` becomes `false`.
    ///
    /// ## Fails
    /// ```yaml
    /// events:
    ///   Survey Answered:
    ///     description: A survey question was answered.
    ///     owner: growth
    ///     side: client
    ///     properties:
    ///       answer:
    ///         type: string
    ///         enum: [yes, no]
    ///         description: The answer given.
    /// ```
    ///
    /// ## Passes
    /// ```yaml
    /// events:
    ///   Survey Answered:
    ///     description: A survey question was answered.
    ///     owner: growth
    ///     side: client
    ///     properties:
    ///       answer:
    ///         type: string
    ///         enum: ["yes", "no"]
    ///         description: The answer given.
    /// ```
    pub static RULE = ("schema/ambiguous-scalar", Warning);
}
