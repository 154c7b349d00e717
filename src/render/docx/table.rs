//! A table of the body: one grid table as resolve decided it.

use docx_rs::{
    AlignmentType, BorderType, Paragraph, Table, TableAlignmentType, TableBorders, TableCell, TableCellBorder, TableCellBorderPosition,
    TableCellBorders, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use super::runs::run;
use super::styles::{border_size, style};
use super::units::{column_twips, half_points};
use super::Builder;
use crate::resolve::{Align, GridTable};

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
        for head_row in &t.head {
            let mut cells = Vec::new();
            let mut pending = head_row.iter();
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
                let span = h.colspan.max(1);
                let mut paragraph = Paragraph::new().style(style::TABLE_HEADING);
                // The column-number row at resolve's smaller size, when it chose
                // one; the paragraph mark too (LibreOffice sizes a line, and an
                // empty cell, by it).
                let number_size = h.size;
                if let Some(s) = number_size {
                    paragraph = paragraph.size(half_points(s));
                }
                if !h.text.is_empty() {
                    let room_mm: f32 = widths_mm[column..(column + span).min(n)].iter().sum::<f32>() - 2.0 * self.p.table_inset_x * 25.4 / 72.0;
                    let text = formula_breaks(&h.text, h.italic, number_size.unwrap_or(t.font_size), room_mm);
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
            rows.push(TableRow::new(cells).cant_split());
        }

        let first_kept = t.rows.len().saturating_sub(keep_tail);
        let keeps = |r: usize| t.rows[r].keep_with_next || r >= first_kept;
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
                    paragraph = paragraph.add_run(text_run(&c.text, c.bold.then_some(true), c.italic));
                }
                let cell = cell_of(span_width(column, span)?, span, paragraph);
                cells.push(match &borders {
                    Some(b) => cell.set_borders(b.clone()),
                    None => cell,
                });
                column += span;
            }
            if column != n {
                return Err(format!("table: a row fills {column} of {n} columns"));
            }
            rows.push(TableRow::new(cells).cant_split());
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
    use super::formula_breaks;

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
