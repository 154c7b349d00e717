//! The first page's top: the header table (ô 1–4), the title block (tên loại,
//! trích yếu and its rule) and the addressees (Kính gửi).

use docx_rs::{AlignmentType, BreakType, Paragraph, Run, SpecialIndentType, Table, TableRow};

use super::flow::Flow;
use super::lines::line_paragraph;
use super::runs::{cell, layout_table, level_pads, line, rule, spaced};
use super::styles::style;
use super::units::{column_twips, mm, pt, unsigned};
use super::Builder;
use crate::measure::text_width_pt;
use crate::resolve::Line;

/// A paragraph or a table of the title block.
pub(super) enum Piece {
    Paragraph(Box<Paragraph>),
    Table(Box<Table>),
}

impl Builder<'_> {
    // -- First-page header (ô 1–4) -------------------------------------------

    pub(super) fn header_block(&self) -> Table {
        self.header_table(true)
    }

    /// The header table; `with_number_row: false` gives only the issuer and the
    /// Quốc hiệu (an attached text's top, Mẫu 1.3).
    pub(super) fn header_table(&self, with_number_row: bool) -> Table {
        let (p, h) = (self.p, &self.doc.header);
        let widths = column_twips(&p.header_columns);
        let (left_w, right_w) = (
            widths.first().copied().unwrap_or(0),
            widths.get(1).copied().unwrap_or(0),
        );

        // Left: cơ quan chủ quản, tên cơ quan ban hành, the rule resolve
        // measured (issuer_rule_fraction × the longest issuer line, at most the
        // column).
        let mut issuer = cell(left_w);
        for l in &h.parent_body {
            issuer = issuer.add_paragraph(line(style::PARENT_BODY, l));
        }
        for l in &h.issuing_body {
            issuer = issuer.add_paragraph(line(style::ISSUING_BODY, l));
        }
        if h.issuer_rule > 0.0 {
            issuer = issuer.add_paragraph(rule(pt(h.issuer_rule), left_w as i32));
        }

        // Right: Quốc hiệu, Tiêu ngữ, a rule as long as the Tiêu ngữ (resolve's).
        let national = cell(right_w)
            .add_paragraph(line(style::NATIONAL_TITLE, &h.national_title))
            .add_paragraph(line(style::MOTTO, &h.motto))
            .add_paragraph(rule(pt(h.motto_rule), right_w as i32));

        // Row 2: "Số: …" level with the date: the smaller size is pushed down by
        // the difference of the two ascents, so that the baselines match.
        let row_gap = self.em(p.header_row_gap);
        let (number_pad, date_pad) = level_pads(p.size_number, p.size_date);
        let mut number = cell(left_w).add_paragraph(spaced(
            line(style::NUMBER, &h.number),
            Some(row_gap + number_pad),
            None,
        ));
        // A công văn's "V/v …" under the số, centred in the left column.
        for (i, l) in h.summary_under_number.iter().enumerate() {
            let before = (i == 0).then(|| pt(p.summary_under_number_above));
            number = number.add_paragraph(spaced(line_paragraph(style::SUMMARY_UNDER_NUMBER, l, false), before, None));
        }
        // "ngày … tháng … năm …" never breaks: when the line is too long for
        // the column, it goes whole onto a line of its own (typst: a box).
        let fits = pt(text_width_pt(&h.place_date, p.size_date, false)) <= right_w as i32;
        let place_date = match h.place_date.strip_suffix(&h.date) {
            Some(place) if !fits && !h.date.is_empty() => Paragraph::new().style(style::PLACE_DATE).add_run(
                Run::new().add_text(place.trim_end()).add_break(BreakType::TextWrapping).add_text(&h.date),
            ),
            _ => line(style::PLACE_DATE, &h.place_date),
        };
        // A type without a date line (a biên bản) leaves the cell empty.
        let place_date = if h.place_date.is_empty() { Paragraph::new().style(style::PLACE_DATE) } else { place_date };
        let date = cell(right_w).add_paragraph(spaced(
            place_date,
            Some(row_gap + date_pad),
            None,
        ));

        let mut rows = vec![TableRow::new(vec![issuer, national]).cant_split()];
        if with_number_row {
            rows.push(TableRow::new(vec![number, date]).cant_split());
        }
        layout_table(rows, widths)
    }
    /// Tên loại, trích yếu with a rule under it, Kính gửi; then the space typst
    /// leaves before `first`, the first item of the body.
    pub(super) fn title_block(&self, first: Option<&Flow>) -> Vec<Piece> {
        let (p, h) = (self.p, &self.doc.header);
        // A type without a tên loại (a công văn) centres nothing here.
        let mut out = Vec::new();
        if !h.doc_type.is_empty() {
            out.push(line(style::DOC_TYPE, &h.doc_type));
        }
        // The trích yếu in resolve's lines (the author's, or balanced ones when
        // a line is wider than the page), one paragraph each; the rule under it,
        // or under the tên loại when there is none (a giấy giới thiệu).
        for l in &h.summary {
            out.push(line_paragraph(style::SUMMARY, l, true));
        }
        if h.title_rule > 0.0 {
            out.push(rule(pt(h.title_rule), self.text_width));
        }
        // Without a tên loại, Kính gửi keeps the tên loại's distance from the
        // header (typst: the same).
        let addressees_above = if h.doc_type.is_empty() { self.em(p.doc_type_above) } else { self.em(p.addressees_above) };
        // title_block_below, then the first block's own space above. The lines here
        // are single-spaced: no leading to take off.
        let above = match first {
            Some(Flow::Text(block)) => self.space_above(block),
            Some(Flow::Table(_)) => self.para_gap() + pt(self.p.table_above),
            _ => self.para_gap(),
        };
        let below = self.em(p.title_block_below) + above;
        let a = &h.addressees;
        let mut out: Vec<Piece> = out
            .into_iter()
            .map(|p| Piece::Paragraph(Box::new(p)))
            .collect();
        if a.len() > 1 && a[0].text().trim().ends_with(':') {
            // Several recipients: the label "Kính gửi:", then the "- X;" lines in
            // a column to its right, the whole block centred (typst: a grid).
            match out.pop() {
                Some(Piece::Paragraph(last)) => {
                    let last = spaced(*last, None, Some(addressees_above));
                    out.push(Piece::Paragraph(Box::new(last)));
                }
                _ => out.push(Piece::Paragraph(Box::new(self.spacer(addressees_above)))),
            }
            out.push(Piece::Table(Box::new(self.addressee_table(&a[0], &a[1..]))));
            out.push(Piece::Paragraph(Box::new(self.spacer(below))));
            return out;
        }
        let count = a.len();
        for (i, l) in a.iter().enumerate() {
            let before = (i == 0).then_some(addressees_above);
            // From addressee_indent on, left-aligned (typst: the same); a
            // single recipient's later lines under the recipient (hanging).
            let hang = pt(h.addressee_hang);
            let special = if hang > 0 { SpecialIndentType::Hanging(hang) } else { SpecialIndentType::FirstLine(0) };
            let paragraph = line_paragraph(style::ADDRESSEE, l, false)
                .align(AlignmentType::Left)
                .indent(Some(mm(p.addressee_indent) + hang), Some(special), None, None);
            out.push(Piece::Paragraph(Box::new(spaced(paragraph, before, None))));
        }
        if let Some(Piece::Paragraph(last)) = out.pop() {
            let before = (count == 1).then_some(addressees_above);
            if self.doc.body_keeps_to_signature {
                // The space below in a paragraph of its own that keeps with
                // nothing: the title's keeps end there (see the field).
                out.push(Piece::Paragraph(Box::new(spaced(*last, before, None))));
                out.push(Piece::Paragraph(Box::new(self.spacer(below))));
            } else {
                out.push(Piece::Paragraph(Box::new(spaced(*last, before, Some(below)))));
            }
        }
        out
    }

    /// "Kính gửi:" addressee_indent from the text's left edge, alone on its
    /// line, and under it, in a column that starts right after it, the
    /// recipients one per line, wrapping within the text width: a borderless
    /// table of two rows (typst: a grid).
    fn addressee_table(&self, label: &Line, items: &[Line]) -> Table {
        let size = self.p.size_body;
        let indent = mm(self.p.addressee_indent);
        // A little room over the measured label, so that it never wraps on a
        // rounding; the gap between the columns is the profile's addressee_gap.
        let slack = pt(1.0);
        let label = label.text();
        let label_w = pt(text_width_pt(label.trim(), size, false) + self.p.addressee_gap * size) + slack;
        let items_w = self.text_width - indent - label_w;
        let widths = vec![unsigned(label_w), unsigned(items_w)];
        let label_cell = cell(widths[0]).add_paragraph(line(style::ADDRESSEE, label.trim()).align(AlignmentType::Left));
        let items_cell = items
            .iter()
            .fold(cell(widths[1]), |c, l| c.add_paragraph(line_paragraph(style::ADDRESSEE, l, false).align(AlignmentType::Left)));
        let empty = |w: usize| cell(w).add_paragraph(line(style::ADDRESSEE, "").align(AlignmentType::Left));
        layout_table(
            vec![
                TableRow::new(vec![label_cell, empty(widths[1])]).cant_split(),
                TableRow::new(vec![empty(widths[0]), items_cell]).cant_split(),
            ],
            widths,
        )
        .indent(indent)
    }

}
