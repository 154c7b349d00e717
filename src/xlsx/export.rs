//! `--format xlsx`: each indicator table of a report as a sheet laid out like
//! the biểu — the two-row merged header, the column-number row, groups,
//! indicators and sub-rows. Inputs are numeric cells with the number format
//! that shows the decimals as written ("5,0" → `#,##0.0`); derived columns are
//! formulas with vanban's values cached, so a reader that does not recalculate
//! sees the same numbers as the report, and a district can add up the
//! communes' sheets.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

use super::columns::{ColumnKind, SAU_THANG};
use super::numfmt::code_for;
use crate::indicators::{self, Cell, Judgement, Row, Table};
use crate::resolve::COLUMN_NUMBERS;

/// Columns of the sheet (0-based): A TT, B CHỈ TIÊU, C ĐVT, D KH, E cùng kỳ,
/// F đã thực hiện, G 5 = 4/3·100, H 6 = 4/2·100, I 7 = 2−4, J Ghi chú.
const TT: u16 = 0;
const NAME: u16 = 1;
const UNIT: u16 = 2;
const PLAN: u16 = 3;
const LAST_YEAR: u16 = 4;
const DONE: u16 = 5;
const VS_LAST_YEAR: u16 = 6;
const VS_PLAN: u16 = 7;
const REMAINING: u16 = 8;
const NOTE: u16 = 9;
const HEADER_ROWS: u32 = 3;

const FONT: &str = "Times New Roman";

/// The workbook of a report's indicator tables, one sheet each. The bytes are
/// the same for the same tables (the creation date is fixed).
pub fn workbook(tables: &[Table]) -> Result<Vec<u8>, String> {
    build(tables).map_err(|e| format!("cannot write the xlsx workbook: {e}"))
}

fn build(tables: &[Table]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed date: the same report gives the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created).set_title("Biểu chỉ tiêu").set_author("vanban"));
    for (i, table) in tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        let name = if tables.len() == 1 { "Biểu chỉ tiêu".to_owned() } else { format!("Biểu {}", i + 1) };
        sheet.set_name(name)?;
        write_table(sheet, table)?;
    }
    book.save_to_buffer()
}

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(12).set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter)
}

fn heading(text_of: &str) -> String {
    SAU_THANG.iter().find(|s| s.key == text_of).map_or(String::new(), |s| s.heading.to_owned())
}

fn write_table(sheet: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let head = base().set_bold().set_align(FormatAlign::Center).set_text_wrap();
    // Header row 1 and 2: the spanning columns are merged over both rows.
    for (col, text) in [
        (TT, "TT".to_owned()),
        (NAME, "CHỈ TIÊU".to_owned()),
        (UNIT, "ĐVT".to_owned()),
        (PLAN, t.plan_label.clone()),
        (LAST_YEAR, t.last_year_label.clone()),
        (NOTE, "Ghi chú".to_owned()),
    ] {
        sheet.merge_range(0, col, 1, col, &text, &head)?;
    }
    sheet.merge_range(0, DONE, 0, REMAINING, &t.result_label, &head)?;
    for (col, key) in [(DONE, "thuc_hien"), (VS_LAST_YEAR, "so_cung_ky"), (VS_PLAN, "so_ke_hoach"), (REMAINING, "con_lai")] {
        sheet.write_string_with_format(1, col, heading(key), &head)?;
    }
    let numbers = base().set_italic().set_align(FormatAlign::Center);
    for (col, label) in COLUMN_NUMBERS.iter().enumerate() {
        sheet.write_string_with_format(2, col as u16, *label, &numbers)?;
    }

    let widths = Widths::measure(t);
    let columns = widths.finish();
    header_heights(sheet, t, &columns)?;
    let mut r = HEADER_ROWS;
    let mut tt = 0;
    let group_fmt = base().set_bold();
    for (gi, group) in t.groups.iter().enumerate() {
        sheet.write_string_with_format(r, TT, crate::resolve::roman(gi + 1), &group_fmt.clone().set_align(FormatAlign::Center))?;
        let title = group_title(group);
        sheet.write_string_with_format(r, NAME, &title, &group_fmt.clone().set_text_wrap())?;
        for col in UNIT..=NOTE {
            sheet.write_blank(r, col, &group_fmt)?;
        }
        r += 1;
        for row in &group.rows {
            tt += 1;
            sheet.write_number_with_format(r, TT, tt as f64, &base().set_align(FormatAlign::Center))?;
            write_row(sheet, r, row, &columns)?;
            r += 1;
            for sub in &row.sub_rows {
                sheet.write_string_with_format(r, TT, "-", &base().set_align(FormatAlign::Center))?;
                write_row(sheet, r, sub, &columns)?;
                r += 1;
            }
        }
    }
    for (col, &width) in columns.iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    sheet.set_freeze_panes(HEADER_ROWS, 0)?;
    sheet.set_repeat_rows(0, HEADER_ROWS - 1)?;
    sheet.set_landscape();
    sheet.set_paper_size(9); // A4
    sheet.set_print_fit_to_pages(1, 0);
    Ok(())
}

fn group_title(group: &indicators::Group) -> String {
    format!("{} ({} chỉ tiêu)", group.title, indicators::count(group.rows.len()))
}

/// Points per line of 12-pt text: spreadsheets do not grow a row for wrapped
/// text on their own (LibreOffice keeps the stored height), so vanban sets it.
const LINE: f64 = 15.75;

/// Lines a text takes when wrapped greedily at spaces in a column `width`
/// characters wide. A column's width counts digits of the default font; 12-pt
/// Times New Roman letters are a little narrower on average (measured in
/// LibreOffice's pages), less a character of cell padding.
fn lines(text: &str, width: f64) -> usize {
    let usable = ((width - 1.0) * 1.15).max(1.0);
    let mut count = 1;
    let mut used = 0.0;
    for word in text.split_whitespace() {
        let w = word.chars().count() as f64;
        if used > 0.0 && used + 1.0 + w > usable {
            count += 1;
            used = w;
        } else {
            used += if used > 0.0 { 1.0 + w } else { w };
        }
        // A word longer than the column breaks across lines.
        while used > usable {
            count += 1;
            used -= usable;
        }
    }
    count
}

/// Heights of the two header rows: the spanning labels share both rows; the
/// merged "Kết quả …" sits over the four result headings.
fn header_heights(sheet: &mut Worksheet, t: &Table, columns: &[f64]) -> Result<(), XlsxError> {
    let result_width: f64 = columns[DONE as usize..=REMAINING as usize].iter().sum();
    let top = lines(&t.result_label, result_width);
    let second = [(DONE, "thuc_hien"), (VS_LAST_YEAR, "so_cung_ky"), (VS_PLAN, "so_ke_hoach"), (REMAINING, "con_lai")]
        .iter()
        .map(|&(c, key)| lines(&heading(key), columns[c as usize]))
        .max()
        .unwrap_or(1);
    let spanning = [(PLAN, t.plan_label.as_str()), (LAST_YEAR, t.last_year_label.as_str()), (NAME, "CHỈ TIÊU"), (NOTE, "Ghi chú")]
        .iter()
        .map(|&(c, text)| lines(text, columns[c as usize]))
        .max()
        .unwrap_or(1);
    sheet.set_row_height(0, top as f64 * LINE + 2.0)?;
    sheet.set_row_height(1, second.max(spanning.saturating_sub(top)) as f64 * LINE + 2.0)?;
    Ok(())
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &Row, columns: &[f64]) -> Result<(), XlsxError> {
    let text = base().set_text_wrap();
    sheet.write_string_with_format(r, NAME, &row.name, &text)?;
    sheet.write_string_with_format(r, UNIT, &row.unit, &base().set_align(FormatAlign::Center))?;
    for (col, cell) in [(PLAN, &row.plan), (LAST_YEAR, &row.last_year), (DONE, &row.done)] {
        write_input(sheet, r, col, cell)?;
    }
    sheet.write_string_with_format(r, NOTE, &row.note, &text)?;
    let needed = lines(&row.name, columns[NAME as usize]).max(lines(&row.note, columns[NOTE as usize]));
    if needed > 1 {
        sheet.set_row_height(r, needed as f64 * LINE + 2.0)?;
    }

    let derived = row.derived();
    let n = r + 1;
    match row.judgement {
        Judgement::TheoKeHoach => {
            let ratio = |num: u16, den: u16| {
                let (a, b) = (letter(num), letter(den));
                format!("=IF(AND(ISNUMBER({a}{n}),ISNUMBER({b}{n})),IF({b}{n}<>0,ROUND({a}{n}/{b}{n}*100,2),\"-\"),\"-\")")
            };
            let decimals = [&row.plan, &row.done].iter().filter_map(|c| c.number()).map(|x| x.0.scale()).max().unwrap_or(0);
            let (p, d) = (letter(PLAN), letter(DONE));
            let remaining =
                format!("=IF(AND(ISNUMBER({p}{n}),ISNUMBER({d}{n})),IF({p}{n}-{d}{n}>0,ROUND({p}{n}-{d}{n},{decimals}),\"-\"),\"-\")");
            for (col, formula, value, code) in [
                (VS_LAST_YEAR, ratio(DONE, LAST_YEAR), &derived.vs_last_year, "General".to_owned()),
                (VS_PLAN, ratio(DONE, PLAN), &derived.vs_plan, "General".to_owned()),
                (REMAINING, remaining, &derived.remaining, remaining_code(&derived.remaining)),
            ] {
                let cached = match value {
                    Cell::Number(x) => x.0.to_string(),
                    other => other.display(),
                };
                let align = if matches!(value, Cell::Number(_)) { FormatAlign::Right } else { FormatAlign::Center };
                sheet.write_formula_with_format(r, col, Formula::new(formula).set_result(cached), &base().set_num_format(code).set_align(align))?;
            }
        }
        Judgement::DuyTri | Judgement::TyLe | Judgement::CuoiNam => {
            for (col, value) in [(VS_LAST_YEAR, &derived.vs_last_year), (VS_PLAN, &derived.vs_plan), (REMAINING, &derived.remaining)] {
                sheet.write_string_with_format(r, col, value.display(), &base().set_align(FormatAlign::Center))?;
            }
        }
    }
    Ok(())
}

fn remaining_code(value: &Cell) -> String {
    value.number().map_or_else(|| "General".to_owned(), code_for)
}

/// An input cell: a number with the format that shows its written decimals,
/// "-" or a word as text, nothing when empty (but framed).
fn write_input(sheet: &mut Worksheet, r: u32, col: u16, cell: &Cell) -> Result<(), XlsxError> {
    match cell {
        Cell::Number(n) => {
            // The stored double is the one nearest the exact decimal (the only
            // way a spreadsheet holds a number); the format shows it as written.
            let value: f64 = n.0.to_string().parse().unwrap_or(0.0);
            sheet.write_number_with_format(r, col, value, &base().set_num_format(code_for(*n)).set_align(FormatAlign::Right))?;
        }
        Cell::Missing | Cell::Word(_) => {
            sheet.write_string_with_format(r, col, cell.display(), &base().set_align(FormatAlign::Center))?;
        }
        Cell::Empty => {
            sheet.write_blank(r, col, &base())?;
        }
    }
    Ok(())
}

fn letter(col: u16) -> String {
    super::column_name(col as u32)
}

/// Column widths fitted to the longest content, in Excel character units.
/// Text columns wrap; number columns fit their widest number.
struct Widths {
    chars: [usize; 10],
}

impl Widths {
    /// The widest content of each column: headings by their longest word (they
    /// wrap), cells whole.
    fn measure(t: &Table) -> Widths {
        let mut w = Widths { chars: [0; 10] };
        // Headers wrap, but a column is never narrower than its longest word.
        let labels = [t.plan_label.as_str(), t.last_year_label.as_str()];
        for (col, label) in [(PLAN, labels[0]), (LAST_YEAR, labels[1])] {
            w.word(col, label);
        }
        for (col, key) in [(DONE, "thuc_hien"), (VS_LAST_YEAR, "so_cung_ky"), (VS_PLAN, "so_ke_hoach"), (REMAINING, "con_lai")] {
            w.word(col, &heading(key));
        }
        for (col, label) in COLUMN_NUMBERS.iter().enumerate() {
            w.chars[col] = w.chars[col].max(label.chars().count());
        }
        for group in &t.groups {
            w.text(NAME, &group_title(group));
            for row in group.rows.iter().flat_map(|r| std::iter::once(r).chain(&r.sub_rows)) {
                let d = row.derived();
                for (col, text) in [
                    (NAME, row.name.clone()),
                    (UNIT, row.unit.clone()),
                    (PLAN, row.plan.display()),
                    (LAST_YEAR, row.last_year.display()),
                    (DONE, row.done.display()),
                    (VS_LAST_YEAR, d.vs_last_year.display()),
                    (VS_PLAN, d.vs_plan.display()),
                    (REMAINING, d.remaining.display()),
                    (NOTE, row.note.clone()),
                ] {
                    w.text(col, &text);
                }
            }
        }
        w
    }

    fn word(&mut self, col: u16, text: &str) {
        let longest = text.split_whitespace().map(|s| s.chars().count()).max().unwrap_or(0);
        self.chars[col as usize] = self.chars[col as usize].max(longest);
    }

    fn text(&mut self, col: u16, text: &str) {
        self.chars[col as usize] = self.chars[col as usize].max(text.chars().count());
    }

    fn finish(&self) -> Vec<f64> {
        let kinds = [ColumnKind::Number, ColumnKind::Name, ColumnKind::Text, ColumnKind::Input, ColumnKind::Input, ColumnKind::Input, ColumnKind::Derived, ColumnKind::Derived, ColumnKind::Derived, ColumnKind::Text];
        self.chars
            .iter()
            .zip(kinds)
            .enumerate()
            .map(|(col, (&n, kind))| {
                let n = n as f64 + 2.0;
                match (col as u16, kind) {
                    (NAME, _) => n.clamp(24.0, 52.0),
                    (NOTE, _) => n.clamp(10.0, 26.0),
                    (TT, _) => n.clamp(5.0, 8.0),
                    (UNIT, _) => n.clamp(7.0, 12.0),
                    _ => n.clamp(9.0, 16.0),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_a_cell() {
        assert_eq!(lines("", 10.0), 1);
        assert_eq!(lines("Tấn", 10.0), 1);
        // usable width (10 − 1)·1,15 = 10,35 characters
        assert_eq!(lines("Số đã thực", 10.0), 1);
        assert_eq!(lines("Số đã thực hiện", 10.0), 2);
        assert_eq!(lines("So với kế hoạch (%)", 10.0), 2);
        assert_eq!(lines("So với kế hoạch năm 2023 (%)", 10.0), 3);
        assert_eq!(lines(&"x".repeat(20), 10.0), 2);
        assert_eq!(lines(&"x".repeat(21), 10.0), 3);
    }
}
