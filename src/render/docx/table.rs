//! A table of the body: one grid table as resolve decided it.

use docx_rs::{
    AlignmentType, BorderType, HeightRule, Paragraph, Table, TableAlignmentType, TableBorders, TableCell, TableCellBorder,
    TableCellBorderPosition, TableCellBorders, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::runs::run;
use super::styles::{border_size, cell_padding_y, style};
use super::units::{column_twips, half_points, pt, SINGLE_LINE_EM};
use super::Builder;
use crate::resolve::{Align, CellFit, GridTable};

impl Builder<'_> {
    /// A table of the body: its heading rows (marked to repeat by the post-pass,
    /// and only they), then its body rows, every cell as resolve decided it.
    /// The last `keep_tail` rows keep with what follows the table.
    pub(super) fn grid_table(&self, t: &GridTable, keep_tail: usize) -> Result<Table, String> {
        let widths_mm: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
        let widths = column_twips(&widths_mm);
        let n = widths.len();
        // A run in the table's size when it differs from the table style's.
        let size = (t.font_size != self.p.size_table).then(|| half_points(t.font_size));
        let text_run = |text: &str, bold: Option<bool>, italic: bool| {
            let r = run(text, bold, italic);
            match size {
                Some(s) => r.size(s),
                None => r,
            }
        };
        let span_width = |from: usize, span: usize| -> Result<usize, String> {
            widths
                .get(from..from + span)
                .map(|w| w.iter().sum())
                .ok_or_else(|| format!("table: a cell spans columns {}–{} of {n}", from + 1, from + span))
        };
        let cell_of = |width: usize, span: usize, paragraph: Paragraph| {
            let c = TableCell::new()
                .width(width, WidthType::Dxa)
                .vertical_align(VAlignType::Center)
                .add_paragraph(paragraph);
            if span > 1 { c.grid_span(span) } else { c }
        };

        // Heading rows. A cell spanning rows is vMerge restart in its first row
        // and an empty vMerge continue cell (of the same span) in the rows below.
        let mut rows = Vec::new();
        // covered[col] = (rows still covered, columns spanned) for a rowspan
        // cell that started above.
        let mut covered: Vec<(usize, usize)> = vec![(0, 0); n];
        let room_of = |column: usize, span: usize| -> f32 {
            widths_mm[column..(column + span).min(n)].iter().sum::<f32>() - 2.0 * self.p.table_inset_x * 25.4 / 72.0
        };
        // The lines each heading cell takes, for the heights of the spanned rows
        // (see `spanned_heights`): (row, rowspan, lines, size).
        let mut head_lines: Vec<(usize, usize, usize, f32)> = Vec::new();
        let mut head_cells = Vec::new();
        for (row_index, head_row) in t.head.iter().enumerate() {
            let mut cells = Vec::new();
            let mut pending = head_row.iter();
            // Index of `h` in the row, as `head_fit` counts.
            let mut next_cell = 0;
            let mut column = 0;
            while column < n {
                let (left, span) = covered[column];
                if left > 0 {
                    covered[column].0 -= 1;
                    let empty = Paragraph::new().style(style::TABLE_HEADING);
                    cells.push(cell_of(span_width(column, span)?, span, empty).vertical_merge(VMergeType::Continue));
                    column += span;
                    continue;
                }
                let Some(h) = pending.next() else { break };
                let cell_index = next_cell;
                next_cell += 1;
                let span = h.colspan.max(1);
                let mut paragraph = Paragraph::new().style(style::TABLE_HEADING);
                // The column-number row at resolve's smaller size, when it chose
                // one; the paragraph mark too (LibreOffice sizes a line, and an
                // empty cell, by it).
                let number_size = h.size;
                if let Some(s) = number_size {
                    paragraph = paragraph.size(half_points(s));
                }
                let cell_size = number_size.unwrap_or(t.font_size);
                let room_mm = room_of(column, span);
                head_lines.push((row_index, h.rowspan.max(1), crate::resolve::fit::wrapped_lines(&h.text, cell_size, true, h.italic, room_mm), cell_size));
                if !h.text.is_empty() {
                    let text = if h.italic {
                        formula_breaks(&h.text, h.italic, cell_size, room_mm)
                    } else {
                        let fit = t.head_fit.get(row_index).and_then(|r| r.get(cell_index)).copied().unwrap_or_default();
                        slash_breaks(&h.text, fit)
                    };
                    let r = text_run(&text, None, h.italic);
                    paragraph = paragraph.add_run(match number_size {
                        Some(s) => r.size(half_points(s)),
                        None => r,
                    });
                }
                let mut c = cell_of(span_width(column, span)?, span, paragraph);
                if h.rowspan > 1 {
                    covered[column] = (h.rowspan - 1, span);
                    c = c.vertical_merge(VMergeType::Restart);
                }
                cells.push(c);
                column += span;
            }
            if column != n || pending.next().is_some() {
                return Err(format!("table: a heading row fills {column} of {n} columns"));
            }
            head_cells.push(cells);
        }
        // A row's height beyond its lines: its padding and its border.
        let extra_pt = 2.0 * cell_padding_y(self.p) + self.p.rule_thickness;
        let heights = spanned_heights(t.head.len(), &head_lines, t.font_size, extra_pt);
        for (cells, height) in head_cells.into_iter().zip(heights) {
            let row = TableRow::new(cells).cant_split();
            rows.push(match height {
                Some(h) => row.row_height(pt(h) as f32).height_rule(HeightRule::AtLeast),
                None => row,
            });
        }

        let first_kept = t.rows.len().saturating_sub(keep_tail);
        // A total row's unit (`tail_rows`): each of its rows but the last keeps
        // with the next, so no page break falls inside it.
        let tail_start = t.rows.len().saturating_sub(t.tail_rows.unwrap_or(0));
        let keeps = |r: usize| t.rows[r].keep_with_next || r >= first_kept || (r >= tail_start && r + 1 < t.rows.len());
        // The line under the table's first unit (its first body row, with the
        // rows kept with it) is drawn as the next row's top border, not as its
        // own bottom. LibreOffice (7.4, collapsing borders) asks twice whether
        // that unit fits at the foot of a page: once with its bottom line, once
        // without (SwTabFrame::Split, ::CalcHeightOfFirstContentLine). When
        // only the second says yes, the table neither splits nor moves, and the
        // rows after the unit are never printed. With no bottom line the two
        // answers agree. The cost: where the page breaks right after that row,
        // it stands open at the foot of the page.
        let unit_end = (0..t.rows.len()).find(|&r| !keeps(r)).filter(|&r| r + 1 < t.rows.len());
        let line = |side| TableCellBorder::new(side).border_type(BorderType::Single).size(border_size(self.p)).color("000000");
        let nil = |side| TableCellBorder::new(side).border_type(BorderType::Nil);
        for (r, row) in t.rows.iter().enumerate() {
            let keep = keeps(r);
            let borders = match unit_end {
                Some(e) if r == e => Some(TableCellBorders::with_empty().set(nil(TableCellBorderPosition::Bottom))),
                Some(e) if r == e + 1 => Some(TableCellBorders::with_empty().set(line(TableCellBorderPosition::Top))),
                _ => None,
            };
            let mut cells = Vec::new();
            let mut column = 0;
            for c in &row.cells {
                let span = c.colspan.max(1);
                let align = match c.align {
                    Align::Left => AlignmentType::Left,
                    Align::Center => AlignmentType::Center,
                    Align::Right => AlignmentType::Right,
                };
                // A row kept with the next: every paragraph of it keeps (Word
                // keeps a row with the next when its paragraphs do).
                let mut paragraph = Paragraph::new()
                    .style(style::TABLE_TEXT)
                    .align(align)
                    .keep_next(keep);
                if !c.text.is_empty() {
                    paragraph = paragraph.add_run(text_run(&slash_breaks(&c.text, c.fit), c.bold.then_some(true), c.italic));
                }
                let mut cell = cell_of(span_width(column, span)?, span, paragraph);
                if row.breakable {
                    // Centred, a row running over pages would start mid-page.
                    cell = cell.vertical_align(VAlignType::Top);
                }
                cells.push(match &borders {
                    Some(b) => cell.set_borders(b.clone()),
                    None => cell,
                });
                column += span;
            }
            if column != n {
                return Err(format!("table: a row fills {column} of {n} columns"));
            }
            // A row taller than a page breaks across pages, as in the PDF.
            rows.push(if row.breakable { TableRow::new(cells) } else { TableRow::new(cells).cant_split() });
        }

        let total = widths.iter().sum();
        let align = if t.landscape {
            TableAlignmentType::Center
        } else {
            TableAlignmentType::Left
        };
        Ok(Table::new(rows)
            .style(style::GRID_TABLE)
            // Borders and cell padding come from the table style.
            .set_borders(TableBorders::with_empty())
            .set_grid(widths)
            .width(total, WidthType::Dxa)
            .align(align)
            .layout(TableLayoutType::Fixed))
    }
}

/// A cell's text that wraps, with a zero-width space (U+200B) after each "/"
/// that ends a compound before a letter ("Tr. đồng/" | "ha").
///
/// Resolve sized the column for the pieces of [`unbreakable_pieces`] and typst
/// breaks after such a "/" (UAX #14); LibreOffice (7.4) does not, and cuts a
/// compound wider than the cell after its last character that fits
/// ("đồng/h" | "a") where the PDF has "đồng/" | "ha". A zero-width space is a
/// break opportunity for LibreOffice and Word alike, so the DOCX breaks where
/// the PDF does. It stays in the text (a copy of the cell holds it, a search
/// for "đồng/ha" misses it), so it goes only where the text may wrap: never
/// into a cell resolve knows sets on one line (`CellFit::Line`). NFC is kept:
/// U+200B composes with nothing and stands before a letter that begins a
/// character of its own.
///
/// [`unbreakable_pieces`]: crate::resolve::fit::unbreakable_pieces
fn slash_breaks(text: &str, fit: CellFit) -> String {
    if fit == CellFit::Line || !text.contains('/') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 3);
    let mut chars = text.chars().peekable();
    let mut previous: Option<char> = None;
    while let Some(c) = chars.next() {
        out.push(c);
        let next = chars.peek().copied();
        // Only after "/": Word and LibreOffice already break after a "-".
        if c == '/' && crate::resolve::fit::compound_joint(c, previous.is_some_and(|p| p != ' '), next) {
            out.push('\u{200B}');
        }
        previous = Some(c);
    }
    out
}

/// A heading row's least height, pt, where a cell spanning rows needs more than
/// the rows it spans take by their own cells: the last of those rows gets the
/// rest as `w:trHeight` (hRule atLeast), and no other row gets one.
///
/// Word and LibreOffice grow the last row of a vertical merge until the merged
/// cell's text fits, so on the table's first page this height is what they
/// give the row anyway. LibreOffice (7.4) forgets the merged cell on the copies
/// of the heading rows that `w:tblHeader` repeats on the next pages: those rows
/// are only as high as their own cells, and the merged cell's last lines are
/// cut ("KH năm 2027 (Nghị quyết HĐND xã)" loses "xã)"). A row height of its own
/// is kept on the copies.
///
/// `cells`: (row, rowspan, lines, size pt) of every heading cell; a row's own
/// height is its tallest single-row cell (at least one line: an empty vMerge
/// continuation paragraph), `lines` × the single line pitch plus `extra_pt`
/// (the cell's vertical padding and the row's border, as the table style
/// sets them).
fn spanned_heights(rows: usize, cells: &[(usize, usize, usize, f32)], table_size: f32, extra_pt: f32) -> Vec<Option<f32>> {
    let height = |lines: usize, size: f32| lines.max(1) as f32 * SINGLE_LINE_EM * size + extra_pt;
    let mut own = vec![height(1, table_size); rows];
    for &(row, span, lines, size) in cells {
        if span == 1 && row < rows {
            own[row] = own[row].max(height(lines, size));
        }
    }
    let mut least: Vec<Option<f32>> = vec![None; rows];
    let mut spans: Vec<_> = cells.iter().filter(|c| c.1 > 1 && c.0 < rows).collect();
    // Spans ending higher first: a row's height is known before a span below
    // it counts on it.
    spans.sort_by_key(|c| c.0 + c.1);
    for &&(row, span, lines, size) in &spans {
        let last = (row + span - 1).min(rows - 1);
        let above: f32 = (row..last).map(|r| least[r].unwrap_or(own[r])).sum();
        let need = height(lines, size) - above;
        // Half a point of rounding is no reason to set a height.
        if need > least[last].unwrap_or(own[last]) + 0.5 {
            least[last] = Some(need);
        }
    }
    least
}

/// A formula of the column-number row ("3=2/1*100") too wide for its cell
/// breaks after "=" or "*" in the template (layouts/vanban.typ, `fitted`). Word
/// and LibreOffice see no break opportunity in it and cut it after the last
/// character that fits; when that cut falls elsewhere ("3=2/1*1" | "00"), a
/// zero-width space after the last "=" or "*" before it offers them the
/// template's place instead. A formula that fits, or whose cut already falls
/// after "=" or "*" (the seed's "5=4/3*" | "100"), is left as it is.
fn formula_breaks(text: &str, italic: bool, size: f32, room_mm: f32) -> String {
    let fits = |s: &str| crate::measure::styled_width_pt(s, size, true, true) * 25.4 / 72.0 <= room_mm;
    if !(italic && text.contains('=')) || fits(text) {
        return text.to_owned();
    }
    let chars: Vec<char> = text.chars().collect();
    // The longest prefix that fits (at least one character, as the cut does).
    let mut cut = 1;
    while cut < chars.len() && fits(&chars[..=cut].iter().collect::<String>()) {
        cut += 1;
    }
    if matches!(chars[cut - 1], '=' | '*') {
        return text.to_owned();
    }
    let Some(at) = chars[..cut].iter().rposition(|c| matches!(c, '=' | '*')) else { return text.to_owned() };
    let mut out: String = chars[..=at].iter().collect();
    out.push('\u{200B}');
    out.extend(&chars[at + 1..]);
    out
}

#[cfg(test)]
mod formula_break_tests {
    use super::{formula_breaks, slash_breaks, spanned_heights};
    use crate::resolve::CellFit;

    #[test]
    fn a_wrapping_cell_may_break_after_a_slash_before_a_letter() {
        assert_eq!(slash_breaks("Tr. đồng/ha", CellFit::Measure), "Tr. đồng/\u{200B}ha");
        assert_eq!(slash_breaks("Tr.đồng/người", CellFit::Words), "Tr.đồng/\u{200B}người");
        // On one line, between digits, at a word's start: left alone.
        assert_eq!(slash_breaks("kg/ha", CellFit::Line), "kg/ha");
        assert_eq!(slash_breaks("2023/2022(%)", CellFit::Measure), "2023/2022(%)");
        assert_eq!(slash_breaks("a /b", CellFit::Measure), "a /b");
    }

    #[test]
    fn only_the_last_row_of_a_span_taller_than_its_rows_gets_a_height() {
        // Row 0: a 2-line cell, a 7-line cell spanning rows 0–1; row 1: a
        // 4-line cell; row 2: one line. 10 pt lines, 2 pt padding.
        let line = super::SINGLE_LINE_EM * 10.0;
        let cells = [(0, 1, 2, 10.0), (0, 2, 7, 10.0), (1, 1, 4, 10.0), (2, 1, 1, 10.0)];
        let h = spanned_heights(3, &cells, 10.0, 2.0);
        assert_eq!(h[0], None);
        assert!((h[1].unwrap() - (5.0 * line)).abs() < 1e-3, "{h:?}");
        assert_eq!(h[2], None);
        // A span no taller than its rows: no height anywhere.
        let cells = [(0, 1, 2, 10.0), (0, 2, 3, 10.0), (1, 1, 4, 10.0)];
        assert_eq!(spanned_heights(2, &cells, 10.0, 2.0), [None, None]);
    }

    fn mm(text: &str) -> f32 {
        crate::measure::styled_width_pt(text, 11.0, true, true) * 25.4 / 72.0
    }

    #[test]
    fn an_overlong_formula_is_offered_the_templates_break() {
        // Room for "3=2/1*1" but not the whole: the cut would split "100".
        let room = (mm("3=2/1*1") + mm("3=2/1*10")) / 2.0;
        assert_eq!(formula_breaks("3=2/1*100", true, 11.0, room), "3=2/1*\u{200B}100");
        // A cut that already falls after "*", a formula that fits, and a heading
        // that is no formula are left alone.
        let room = (mm("5=4/3*") + mm("5=4/3*1")) / 2.0;
        assert_eq!(formula_breaks("5=4/3*100", true, 11.0, room), "5=4/3*100");
        assert_eq!(formula_breaks("5=4/3*100", true, 11.0, mm("5=4/3*100") + 1.0), "5=4/3*100");
        assert_eq!(formula_breaks("Kế hoạch năm 2024", false, 11.0, 5.0), "Kế hoạch năm 2024");
    }
}
