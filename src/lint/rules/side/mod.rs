//! Events sent from the right side of the wire.
pub mod client_outcome;
