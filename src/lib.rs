//! trackc: the tracking-plan compiler.
//!
//! The pipeline is load -> model -> lint -> outputs; see ARCHITECTURE.md.

#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod build;
pub mod check;
pub mod cli;
pub mod codegen;
pub mod config;
pub mod diagnostic;
pub mod diff;
pub mod draft;
pub mod fmt;
pub mod import;
pub mod infer;
pub mod jsonl;
pub mod lint;
pub mod load;
pub mod model;
pub mod plan_schema;
pub mod render;
pub mod rfc3339;
pub mod source;
pub mod synth;
pub mod validate;
pub mod wire;
pub mod yaml;
