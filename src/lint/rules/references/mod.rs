//! Names that must refer to something defined elsewhere in the plan.
pub mod source_side;
pub mod unknown_event;
pub mod unknown_funnel;
pub mod unknown_owner;
pub mod unknown_source;
pub mod unused_property;
