//! One module per rule category, one file per rule.
pub mod naming;
pub mod schema;
pub mod types;
