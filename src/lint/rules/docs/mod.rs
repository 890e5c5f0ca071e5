//! Documentation every entry must carry.
pub mod missing_description;
pub mod missing_owner;
