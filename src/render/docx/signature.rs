//! Nơi nhận and the signature block (ô 9b, 7a–7c), one signer or two.

use docx_rs::{Paragraph, Table, TableCell, TableRow};

use super::lines::line_paragraph;
use super::runs::{cell, layout_table, level_pads, line, spaced};
use super::styles::style;
use super::units::{column_twips, pt};
use super::Builder;

impl Builder<'_> {
    /// One signer's column: quyền hạn and chức vụ, the room (the name's space
    /// before), the name. `above`: the space above the first line.
    fn signer_cell(&self, s: &crate::resolve::Signature, width: usize, above: i32) -> TableCell {
        let mut signer = cell(width);
        for (i, l) in s.authority.iter().enumerate() {
            let paragraph = line_paragraph(style::AUTHORITY, l, true);
            signer = signer.add_paragraph(if i == 0 { spaced(paragraph, Some(above), None) } else { paragraph });
        }
        // The name (or an empty line of its height: the room stays in a draft).
        signer.add_paragraph(line(style::SIGNER_NAME, &s.name))
    }

    /// A biên bản's signature block (Mẫu 1.9): the thư ký and the chủ tọa side
    /// by side, level, then Nơi nhận under them in the left column; one table
    /// whose rows never split (typst: one unbreakable block).
    fn two_signer_block(&self, left: &crate::resolve::Signature) -> Table {
        let widths = column_twips(&self.p.two_signer_columns);
        let w = |i: usize| widths.get(i).copied().unwrap_or(0);
        let above = self.signature_above();
        let signers = TableRow::new(vec![
            self.signer_cell(left, w(0), above),
            cell(w(1)).add_paragraph(Paragraph::new().style(style::SPACER)),
            self.signer_cell(&self.doc.signature, w(2), above),
        ])
        .cant_split();
        let r = &self.doc.recipients;
        // Taller than a page with Nơi nhận (decided in resolve): Nơi nhận
        // flows on; the signers' row stays whole.
        let flows = self.signature_flows();
        let mut recipients = cell(w(0)).add_paragraph(spaced(line(style::RECIPIENTS_LABEL, &r.label), Some(pt(self.p.size_body)), None));
        for item in &r.items {
            let paragraph = line_paragraph(style::RECIPIENT, item, false);
            recipients = recipients.add_paragraph(if flows { paragraph.keep_next(false) } else { paragraph });
        }
        let rest = cell(w(1) + w(2)).grid_span(2).add_paragraph(Paragraph::new().style(style::SPACER));
        let below = TableRow::new(vec![recipients, rest]);
        layout_table(vec![signers, if flows { below } else { below.cant_split() }], widths)
    }

    pub(super) fn signature_block(&self) -> Table {
        if let Some(left) = &self.doc.left_signer {
            return self.two_signer_block(left);
        }
        let (r, s) = (&self.doc.recipients, &self.doc.signature);
        let widths = column_twips(&self.p.signature_columns);
        let (left_w, right_w) = (
            widths.first().copied().unwrap_or(0),
            widths.get(1).copied().unwrap_or(0),
        );
        // Space above the block (typst: above size_body + para-gap), on the first
        // line of each column so that "Nơi nhận:" stays level with the authority.
        // The smaller "Nơi nhận:" is pushed down by the difference of the ascents.
        let above = self.signature_above();
        let (label_pad, authority_pad) =
            level_pads(self.p.size_recipients_label, self.p.size_signature);

        let mut recipients = cell(left_w).add_paragraph(spaced(
            line(style::RECIPIENTS_LABEL, &r.label),
            Some(above + label_pad),
            None,
        ));
        let flows = self.signature_flows();
        for item in &r.items {
            // Items keep with the next (the block stays whole), unless it flows on.
            let paragraph = line_paragraph(style::RECIPIENT, item, false);
            recipients = recipients.add_paragraph(if flows { paragraph.keep_next(false) } else { paragraph });
        }

        let signer = self.signer_cell(s, right_w, above + authority_pad);

        // The block is never split across pages, unless it is taller than a
        // page (a Nơi nhận of 60 recipients; decided in resolve): then it flows
        // on, the signer's column staying with the first part.
        let row = TableRow::new(vec![recipients, signer]);
        layout_table(vec![if flows { row } else { row.cant_split() }], widths)
    }

    /// Whether Nơi nhận and the signature are taller than a page, so that the
    /// block may break across pages (decided in resolve; typst reads the same).
    fn signature_flows(&self) -> bool {
        self.doc.signature_flows
    }
}
