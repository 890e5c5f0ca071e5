//! Rules the loader reports while reading YAML.
pub mod ambiguous_scalar;
pub mod duplicate_definition;
pub mod duplicate_key;
pub mod invalid_value;
pub mod missing_key;
pub mod syntax;
pub mod unknown_key;
