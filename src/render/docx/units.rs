//! Units of the DOCX (twips, half-points) and the facts of Word's line model
//! that turn the profile's spacing into Word's.

use docx_rs::{LineSpacing, LineSpacingType, Paragraph, RunProperty};

use super::runs::spaced;
use super::styles::style;
use super::Builder;
use crate::resolve::Block;

// Vertical spacing: the same profile numbers as layouts/vanban.typ, so
// that the DOCX and the PDF breathe alike. Two facts of Word's model (which
// LibreOffice follows for a DOCX) shape the conversion:
//  - between two paragraphs Word leaves the LARGER of the first one's space after
//    and the second one's space before, not their sum (between a paragraph and a
//    table cell's first paragraph, the two add up);
//  - a body line at 1.15 lines is a whole line pitch high: it already holds the
//    leading that typst puts between line boxes ([`Builder::body_leading`]).
// The spacing itself is the profile's (header_row_gap, doc_type_above, …),
// read by both renderers.
/// The rule paragraph's own line (the Rule style is 1 pt): the profile's
/// rule_gap less this is the space above it.
pub(super) const RULE_LINE_PT: f32 = 1.0;
pub(super) use crate::layout::{LINE_BOX_EM, SINGLE_LINE_EM};
/// Times New Roman's ascender in em (typst: top-edge 0.891em).
pub(super) const ASCENT_EM: f32 = 0.891;

/// Millimetres → twips (1/1440 inch).
pub(super) fn mm(x: f32) -> i32 {
    (x * 1440.0 / 25.4).round() as i32
}

/// Points → twips.
pub(super) fn pt(x: f32) -> i32 {
    (x * 20.0).round() as i32
}

/// Points → half-points (w:sz).
pub(super) fn half_points(size: f32) -> usize {
    (size * 2.0).round() as usize
}

/// Twips as the unsigned widths docx-rs takes (negative clamps to 0).
pub(super) fn unsigned(twips: i32) -> usize {
    usize::try_from(twips).unwrap_or(0)
}

/// Column widths in mm → twips, rounding the running sum so that the columns add
/// up to the rounded total (no drift of a twip per column).
pub(super) fn column_twips(widths_mm: &[f32]) -> Vec<usize> {
    let mut sum = 0.0;
    let mut previous = 0;
    widths_mm
        .iter()
        .map(|w| {
            sum += w;
            let edge = mm(sum);
            let width = edge - previous;
            previous = edge;
            unsigned(width)
        })
        .collect()
}

impl Builder<'_> {
    pub(super) fn em(&self, x: f32) -> i32 {
        pt(x * self.p.size_body)
    }
    /// The leading typst puts between two body line boxes (layouts/vanban.typ:
    /// body-leading), in twips. A DOCX body line at `line_spacing` lines holds it.
    fn body_leading(&self) -> i32 {
        let p = self.p;
        pt((p.line_spacing * SINGLE_LINE_EM - LINE_BOX_EM).max(0.0) * p.size_body)
    }

    /// typst's para-gap: the space between two body line boxes of two paragraphs.
    pub(super) fn para_gap(&self) -> i32 {
        pt(self.p.paragraph_spacing) + self.body_leading()
    }

    /// The space typst leaves above a block's first line box (its `above`).
    pub(super) fn space_above(&self, block: &Block) -> i32 {
        match block {
            Block::Part { .. } => self.em(self.p.part_above) + self.para_gap(),
            Block::Centered { extra_above, .. } => self.em(*extra_above) + self.para_gap(),
            Block::Table(_) => self.para_gap() + pt(self.p.table_above),
            _ => self.para_gap(),
        }
    }

    /// typst's space between a table and the block after it (the table's
    /// `below`): the space above a text after a table (at least), and the
    /// spacer between two tables.
    pub(super) fn gap_below_table(&self) -> i32 {
        self.para_gap() + pt(self.p.table_below)
    }

    /// The space after a text that a table follows (with the text's own
    /// leading, typst's `above` of the table).
    pub(super) fn gap_above_table(&self) -> i32 {
        pt(self.p.paragraph_spacing + self.p.table_above)
    }

    /// Space above the first line of the signature block's columns (typst: above
    /// size_body + para-gap; the paragraph before adds its own space after).
    pub(super) fn signature_above(&self) -> i32 {
        pt(self.p.size_body)
    }

    /// The empty paragraph a document must end with (Word and LibreOffice
    /// need one after the signature table). typst's PDF has nothing there, so
    /// it takes no room: a line of exactly 1 twip, and its mark hidden (Word's
    /// own advice against a blank last page). A 1 pt spacer pushed a signature
    /// block ending at a page's foot onto a blank page with only a number.
    pub(super) fn document_end() -> Paragraph {
        Self::takes_no_room(Paragraph::new().style(style::SPACER)).run_property(RunProperty::new().size(2).vanish())
    }

    /// `p` as a line of exactly 1 twip with no space around it: an empty
    /// paragraph that only carries something (a section's end, the document's).
    pub(super) fn takes_no_room(p: Paragraph) -> Paragraph {
        p.line_spacing(LineSpacing::new().before(0).after(0).line(1).line_rule(LineSpacingType::Exact))
    }

    /// An empty 1 pt paragraph followed by `after` twips of space.
    pub(super) fn spacer(&self, after: i32) -> Paragraph {
        let height = pt(SINGLE_LINE_EM);
        spaced(
            Paragraph::new().style(style::SPACER),
            None,
            Some(after - height),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_add_up_to_the_rounded_total() {
        let widths = column_twips(&[9.0, 44.0, 14.0, 14.0, 15.0, 14.0, 14.0, 14.0, 13.0, 14.0]);
        assert_eq!(widths.iter().sum::<usize>(), unsigned(mm(165.0)));
        assert_eq!(widths[0], 510);
    }

    #[test]
    fn units() {
        assert_eq!(mm(210.0), 11906);
        assert_eq!(mm(297.0), 16838);
        assert_eq!(half_points(13.0), 26);
        assert_eq!(pt(6.0), 120);
    }
}
