//! The two renderers. Both draw a [`crate::resolve::Document`] and decide nothing.

pub mod docx;
pub mod pdf;
