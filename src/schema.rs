//! The JSON Schema of the report's YAML, for editors (VS Code's YAML extension).

use crate::model::{IndicatorTable, Report};

/// The schema of a report file.
pub fn report_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The schema of an indicator table file.
pub fn table_schema() -> String {
    let schema = schemars::schema_for!(IndicatorTable);
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}
