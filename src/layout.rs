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
    /// From the text's left edge to "Kính gửi:" (mm).
    pub addressee_indent: f32,
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
    /// The column-number row's size when a mark does not fit at the table's size.
    pub size_column_numbers: f32,
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
    pub size_appendix_label: f32,
    pub address_foot: f32,
    pub summary_under_number_above: f32,
    /// Space above the authority line of a quyết định / nghị quyết ("one empty
    /// line" after the trích yếu's rule, Mẫu 1.2), em, on top of the body's
    /// own spacing.
    pub authority_above: f32,
    /// A biên bản's two signers (Mẫu 1.9: 6.0 | 0.75 | 9.75 cm): the left
    /// signer's column, the gap, the right signer's column (mm).
    pub two_signer_columns: [f32; 3],
    /// A biên bản's three signers (a hand-over's two sides and a witness):
    /// three equal columns (mm).
    pub three_signer_columns: [f32; 3],
    /// Four signers: two rows of two equal columns (mm).
    pub four_signer_columns: [f32; 2],
    /// A Nơi nhận group's members ("+ Phòng Tài chính;"): set in this far
    /// under their group's line (mm).
    pub recipients_sub_indent: f32,
    /// How many last rows of a table that ends the body go with "./.", Nơi
    /// nhận and the signature (so that these never stand alone on a page).
    pub signature_keeps_rows: usize,
}

impl Profile {
    /// Text width in mm (portrait).
    pub fn text_width(&self) -> f32 {
        self.page.width - self.margin.left - self.margin.right
    }

    /// The same profile on landscape pages (the margins keep their names, as
    /// on the rotated pages of a wide table): for measuring lines set there.
    pub fn landscape(&self) -> Profile {
        Profile { page: PageSize { width: self.page.height, height: self.page.width }, ..self.clone() }
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
    /// so failing to read it is a build defect: the caller reports it as an
    /// internal error (exit 3), never as an error in the report.
    pub fn load(self) -> Result<Profile, ProfileError> {
        parse_profile(PROFILE_YAML, self.key())
    }
}

/// The file the profile comes from, as named in messages.
pub const PROFILE_FILE: &str = "layouts/profile.yaml";

/// The layout profile cannot be read: vanban itself is broken, not the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// What went wrong, without the file name (see [`PROFILE_FILE`]).
    pub reason: String,
}

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{PROFILE_FILE}: {}", self.reason)
    }
}

impl std::error::Error for ProfileError {}

/// Times New Roman's single line pitch in em (ascender + descender + line
/// gap): Word's "single" line spacing (Liberation Serif has the same metrics).
pub const SINGLE_LINE_EM: f32 = 1.149;
/// Times New Roman's line box (ascender + descender) in em: typst's line box
/// (layouts/vanban.typ: top-edge 0.891em, bottom-edge -0.216em).
pub const LINE_BOX_EM: f32 = 1.107;

/// Reads profile `key` from the text of a profile file.
fn parse_profile(yaml: &str, key: &str) -> Result<Profile, ProfileError> {
    let file: ProfileFile = serde_saphyr::from_str(yaml).map_err(|e| ProfileError { reason: e.to_string() })?;
    file.profiles
        .get(key)
        .cloned()
        .ok_or_else(|| ProfileError { reason: format!("no profile \"{key}\"") })
}

impl Profile {
    /// The table cells' space above and below their text in the DOCX: the
    /// profile's inset less half of what a Word row counts besides (a line's
    /// line gap, the row's border), which typst's row does not hold. (Written
    /// in whole twips: 2.019 pt at 2.5 pt is written 2.0. Moving the inset to
    /// whole twips brought one-line rows closer, 0.011 pt apart instead of
    /// 0.027, but rows of two lines and more further apart, for LibreOffice
    /// rounds each line's height to the twip, 12.65 pt for 12.639: left for a
    /// change of both, the lines' pitch in the cells with the padding.)
    pub fn table_cell_padding_y(&self) -> f32 {
        (self.table_inset_y - self.table_row_extra_y() / 2.0).max(0.0)
    }

    fn table_row_extra_y(&self) -> f32 {
        (SINGLE_LINE_EM - LINE_BOX_EM) * self.size_table + self.rule_thickness
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_bundled_profiles_load() {
        assert_eq!(SizeProfile::P13.load().map(|p| p.name.is_empty()), Ok(false));
        assert_eq!(SizeProfile::P14.load().map(|p| p.name.is_empty()), Ok(false));
    }

    #[test]
    fn an_unreadable_profile_file_is_an_error_naming_it() {
        let e = parse_profile("profiles: [not, a, map", "14").expect_err("broken YAML");
        assert!(e.to_string().starts_with("layouts/profile.yaml: "), "{e}");
    }

    #[test]
    fn a_missing_profile_is_an_error_naming_the_file_and_the_profile() {
        let only_14 = PROFILE_YAML.replace("\"13\":", "\"thirteen\":");
        assert_ne!(only_14, PROFILE_YAML, "the fixture must rename profile 13");
        assert!(parse_profile(&only_14, "14").is_ok());
        let e = parse_profile(&only_14, "13").expect_err("no profile 13");
        assert_eq!(e.to_string(), "layouts/profile.yaml: no profile \"13\"");
    }
}
