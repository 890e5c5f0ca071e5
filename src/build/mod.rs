//! `trackc build`: targets turn the model into files; the writer puts them
//! on disk safely. This module holds the contract between the two.

pub mod target;
