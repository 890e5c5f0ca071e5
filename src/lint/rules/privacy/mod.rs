//! Personal data must be declared.
pub mod undeclared_pii;
