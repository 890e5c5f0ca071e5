//! One module per rule category, one file per rule.
pub mod docs;
pub mod lifecycle;
pub mod naming;
pub mod privacy;
pub mod references;
pub mod schema;
pub mod side;
pub mod types;
