//! One module per resource.

pub mod documents;
pub mod health;
pub mod pages;
pub mod search;
pub mod suggest;
