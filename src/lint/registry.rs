//! Every lint rule, in the order `trackc rules` lists them.

use super::rules::*;
use super::{CheckFn, RuleMeta};

pub struct RegisteredRule {
    pub meta: &'static RuleMeta,
    /// `None` for rules the loader reports while reading YAML.
    pub check: Option<CheckFn>,
}

impl RegisteredRule {
    /// Rules without which the plan cannot be read stay errors whatever the
    /// config says: turning them off would hide why a build refuses to run.
    pub fn can_disable(&self) -> bool {
        !matches!(
            self.meta.id,
            "schema/syntax"
                | "schema/invalid-value"
                | "schema/missing-key"
                | "schema/duplicate-key"
                | "schema/duplicate-definition"
        )
    }
}

macro_rules! registry {
    ($( $path:ident :: $rule:ident $(=> $check:expr)? ),* $(,)?) => {
        pub static RULES: &[RegisteredRule] = &[
            $( RegisteredRule { meta: &$path::$rule::RULE, check: registry!(@check $($check)?) } ),*
        ];
    };
    (@check) => { None };
    (@check $check:expr) => { Some($check) };
}

registry! {
    schema::syntax,
    schema::unknown_key,
    schema::invalid_value,
    schema::missing_key,
    schema::duplicate_key,
    schema::duplicate_definition,
    schema::ambiguous_scalar,
    naming::collision => naming::collision::check,
    naming::near_duplicate => naming::near_duplicate::check,
    naming::event_case => naming::event_case::check,
    naming::property_case => naming::property_case::check,
    naming::event_grammar => naming::event_grammar::check,
    naming::reserved => naming::reserved::check,
    types::conflict => types::conflict::check,
    types::enum_type => types::enum_type::check,
    types::duplicate_enum => types::duplicate_enum::check,
    types::invalid_pattern => types::invalid_pattern::check,
    types::invalid_bounds => types::invalid_bounds::check,
    types::format_type => types::format_type::check,
    types::invalid_example => types::invalid_example::check,
    types::array_items => types::array_items::check,
    references::unknown_owner => references::unknown_owner::check,
    references::unknown_source => references::unknown_source::check,
    references::source_side => references::source_side::check,
    references::unknown_event => references::unknown_event::check,
    references::unknown_funnel => references::unknown_funnel::check,
    references::unused_property => references::unused_property::check,
    docs::missing_description => docs::missing_description::check,
    docs::missing_owner => docs::missing_owner::check,
    privacy::undeclared_pii => privacy::undeclared_pii::check,
    lifecycle::deprecated_in_funnel => lifecycle::deprecated_in_funnel::check,
    lifecycle::missing_replacement => lifecycle::missing_replacement::check,
    side::client_outcome => side::client_outcome::check,
}

pub fn lookup(id: &str) -> Option<&'static RegisteredRule> {
    RULES.iter().find(|r| r.meta.id == id)
}

pub fn ids() -> impl Iterator<Item = &'static str> {
    RULES.iter().map(|r| r.meta.id)
}
