//! One module per rule category, one file per rule.
pub mod schema;
