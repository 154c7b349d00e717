//! Nơi nhận and the signature block (ô 9b, 7a–7c), one signer or a biên bản's several.

use docx_rs::{Paragraph, SpecialIndentType, Table, TableCell, TableRow};

use super::lines::line_paragraph;
use super::runs::{cell, layout_table, level_pads, line, spaced};
use super::styles::style;
use super::units::{column_twips, mm, pt};
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

    /// Nơi nhận's items, each a paragraph; a group's members ("+ …") set in
    /// on their first line, as the PDF sets them. They keep with the next
    /// (the block stays whole), unless the block flows on: set on each
    /// paragraph (see [`keep_whole`]).
    /// `right`: the right indent of every item (twips; Nơi nhận under a
    /// biên bản's signers spans the table, its text as wide as resolve says).
    fn recipient_items(&self, mut column: TableCell, right: Option<i32>) -> TableCell {
        let r = &self.doc.recipients;
        let flows = self.signature_flows();
        for (k, item) in r.items.iter().enumerate() {
            let mut paragraph = line_paragraph(style::RECIPIENT, item, false);
            let first_line = r.sub_items.contains(&k).then(|| SpecialIndentType::FirstLine(mm(self.p.recipients_sub_indent)));
            if first_line.is_some() || right.is_some() {
                paragraph = paragraph.indent(None, first_line, right, None);
            }
            column = column.add_paragraph(keep_whole(paragraph, !flows));
        }
        column
    }

    /// A biên bản's signature block (Mẫu 1.9): the signers side by side in
    /// the grid resolve decided (thư ký | gap | chủ tọa; three columns; two
    /// rows of two), level, then Nơi nhận under them in the left column; one
    /// table whose rows never split (typst: one unbreakable block).
    fn signer_grid_block(&self, g: &crate::resolve::SignerGrid) -> Table {
        let widths = column_twips(&g.columns);
        let w = |i: usize| widths.get(i).copied().unwrap_or(0);
        let mut rows = Vec::new();
        for (k, row) in g.rows.iter().enumerate() {
            // The first row: the space above the block; the next, a body
            // line's size (typst: the grid's row gutter).
            let above = if k == 0 { self.signature_above() } else { pt(self.p.size_body) };
            let cells = row
                .iter()
                .enumerate()
                .map(|(c, i)| match i.and_then(|i| g.signers.get(i)) {
                    Some(s) => self.signer_cell(s, w(c), above),
                    None => cell(w(c)).add_paragraph(Paragraph::new().style(style::SPACER)),
                })
                .collect();
            rows.push(TableRow::new(cells).cant_split());
        }
        let r = &self.doc.recipients;
        // Taller than a page with Nơi nhận (decided in resolve): Nơi nhận
        // flows on; the signers' rows stay whole.
        let flows = self.signature_flows();
        // One cell across the table, its text held to Nơi nhận's width by a
        // right indent (the width need not fall on a column's edge).
        let total: usize = widths.iter().sum();
        let right = (total as i32 - mm(g.recipients_width)).max(0);
        let label = spaced(line(style::RECIPIENTS_LABEL, &r.label), Some(pt(self.p.size_body)), None).indent(None, None, Some(right), None);
        // Not even "Nơi nhận:" keeps with its first item when the list flows
        // on: kept, LibreOffice moved the signers' row with it to the next
        // page in 63 of 780 documents of a sweep, against the 1 it mended
        // (the label alone at a page's foot under the signers).
        let label = keep_whole(label, !flows);
        let recipients = self.recipient_items(cell(total).grid_span(widths.len().max(1)).add_paragraph(label), Some(right));
        let below = TableRow::new(vec![recipients]);
        rows.push(if flows { below } else { below.cant_split() });
        layout_table(rows, widths)
    }

    pub(super) fn signature_block(&self) -> Table {
        if let Some(grid) = &self.doc.signer_grid {
            return self.signer_grid_block(grid);
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

        let flows = self.signature_flows();
        let label = spaced(line(style::RECIPIENTS_LABEL, &r.label), Some(above + label_pad), None);
        let recipients = self.recipient_items(cell(left_w).add_paragraph(keep_whole(label, !flows)), None);

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

/// Keep-with-next and keep-lines on a paragraph of Nơi nhận when `keep`.
/// Direct formatting, never the style's: docx-rs writes `keep_next(false)` as
/// nothing at all, so a style's keep-with-next could not be switched off, and
/// LibreOffice moved a flowing Nơi nhận whole onto the next page.
fn keep_whole(paragraph: Paragraph, keep: bool) -> Paragraph {
    if keep { paragraph.keep_next(true).keep_lines(true) } else { paragraph }
}
