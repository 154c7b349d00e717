//! The layout profile of `layouts/profile.yaml`: the numbers of the NĐ 30 page.
//!
//! Compiled into the binary so that the tool needs no files at run time but its
//! fonts; both renderers take their measures from here.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const PROFILE_YAML: &str = include_str!("../layouts/profile.yaml");

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
pub struct PageSize {
    pub width: f32,
    pub height: f32,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub bottom: f32,
    pub left: f32,
    pub right: f32,
}

/// Measures of one size profile. Lengths in mm, sizes in pt. These are layout
/// geometry, not report numbers, so plain floats are right here.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
pub struct Profile {
    pub name: String,
    pub page: PageSize,
    pub margin: Margins,
    pub header_columns: [f32; 2],
    pub signature_columns: [f32; 2],
    /// The signature image's box inside the gap, width × height (mm).
    pub signature_box: [f32; 2],
    /// The seal's diameter (mm).
    pub seal_diameter: f32,
    pub issuer_rule_fraction: f32,
    pub summary_rule_fraction: f32,
    pub rule_thickness: f32,
    pub first_line_indent: f32,
    pub paragraph_spacing: f32,
    pub line_spacing: f32,
    pub header_row_gap: f32,
    pub rule_gap: f32,
    pub doc_type_above: f32,
    pub addressees_above: f32,
    pub addressee_gap: f32,
    pub title_block_below: f32,
    pub part_above: f32,
    pub table_above: f32,
    pub table_below: f32,
    pub caption_below: f32,
    pub signature_room: f32,
    pub header_ascent: f32,
    pub table_columns: Vec<f32>,
    pub table_columns_landscape: Vec<f32>,
    pub size_table: f32,
    pub size_table_min: f32,
    pub table_inset_x: f32,
    pub table_inset_y: f32,
    pub size_recipients_label: f32,
    pub size_recipients: f32,
    pub size_body: f32,
    pub size_national_title: f32,
    pub size_motto: f32,
    pub size_issuer: f32,
    pub size_number: f32,
    pub size_date: f32,
    pub size_doc_type: f32,
    pub size_summary: f32,
    pub size_signature: f32,
    pub size_page_number: f32,
    /// A công văn's "V/v …" under the số (12–13 pt, Mẫu 1.5), and the space
    /// above it (pt).
    pub size_summary_under_number: f32,
    /// A công văn's address block (ô 13) at the foot of page 1 (pt), and how
    /// far its rule sits below the text area (mm).
    pub size_address: f32,
    pub address_below: f32,
    pub summary_under_number_above: f32,
    /// Space above the authority line of a quyết định / nghị quyết ("one empty
    /// line" after the trích yếu's rule, Mẫu 1.2), em, on top of the body's
    /// own spacing.
    pub authority_above: f32,
    /// A biên bản's two signers (Mẫu 1.9: 6.0 | 0.75 | 9.75 cm): the left
    /// signer's column, the gap, the right signer's column (mm).
    pub two_signer_columns: [f32; 3],
    /// How many last rows of a table that ends the body go with "./.", Nơi
    /// nhận and the signature (so that these never stand alone on a page).
    pub signature_keeps_rows: usize,
}

impl Profile {
    /// Text width in mm (portrait).
    pub fn text_width(&self) -> f32 {
        self.page.width - self.margin.left - self.margin.right
    }
}

#[derive(Deserialize)]
struct ProfileFile {
    profiles: BTreeMap<String, Profile>,
}

/// Which size profile to use: "14" (default) or "13".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SizeProfile {
    P13,
    #[default]
    P14,
}

impl SizeProfile {
    pub fn key(self) -> &'static str {
        match self {
            Self::P13 => "13",
            Self::P14 => "14",
        }
    }

    /// The profile's measures. The file is part of the binary and covered by tests,
    /// so failing to read it is a build defect, reported as an internal error.
    pub fn load(self) -> Result<Profile, String> {
        let file: ProfileFile = serde_saphyr::from_str(PROFILE_YAML)
            .map_err(|e| format!("layouts/profile.yaml: {e}"))?;
        file.profiles
            .get(self.key())
            .cloned()
            .ok_or_else(|| format!("layouts/profile.yaml has no profile \"{}\"", self.key()))
    }
}
