//! One module per rule category, one file per rule.
pub mod docs;
pub mod lifecycle;
pub mod privacy;
pub mod references;
pub mod schema;
pub mod side;
