//! The diagnostic type lives at the bottom of the crate ([`crate::diag`]), so that
//! `model` reports through it without importing `check`; re-exported here for
//! the stages that know it by this path.

pub use crate::diag::{has_errors, Diagnostic, Kind, Lang, Msg, Severity};
