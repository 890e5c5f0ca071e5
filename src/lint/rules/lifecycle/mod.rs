//! Deprecation done properly.
pub mod deprecated_in_funnel;
pub mod missing_replacement;
