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

use super::numfmt::code_for;
use crate::indicators::formula::{Expr, Op};
use crate::indicators::{self, Cell, Column, ColumnKind, ColumnSet, Judgement, Row, Table};

/// Columns of the sheet (0-based): A TT, B CHỈ TIÊU, then the table's column
/// set in order (the six-month set: C ĐVT, D KH, E cùng kỳ, F đã thực hiện,
/// G 5 = 4/3·100, H 6 = 4/2·100, I 7 = 2−4, J Ghi chú).
const TT: u16 = 0;
const NAME: u16 = 1;
/// The sheet column of the set's first column.
const FIRST: u16 = 2;
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

/// The sheet column of the set's column `i`.
fn sheet_col(i: usize) -> u16 {
    FIRST + i as u16
}

/// Runs of neighbouring columns under the same group label: (first, last, label).
fn group_spans(set: &ColumnSet) -> Vec<(usize, usize, &str)> {
    let mut spans: Vec<(usize, usize, &str)> = Vec::new();
    for (i, c) in set.columns.iter().enumerate() {
        let Some(g) = c.group.as_deref() else { continue };
        match spans.last_mut() {
            Some((_, last, label)) if *last + 1 == i && *label == g => *last = i,
            _ => spans.push((i, i, g)),
        }
    }
    spans
}

fn write_table(sheet: &mut Worksheet, t: &Table) -> Result<(), XlsxError> {
    let set = &t.columns;
    let head = base().set_bold().set_align(FormatAlign::Center).set_text_wrap();
    // Header rows 1 and 2: a column without a group is merged over both rows;
    // a group's label spans its columns on row 1, their labels on row 2.
    sheet.merge_range(0, TT, 1, TT, "TT", &head)?;
    sheet.merge_range(0, NAME, 1, NAME, "CHỈ TIÊU", &head)?;
    for (i, c) in set.columns.iter().enumerate() {
        if c.group.is_none() {
            sheet.merge_range(0, sheet_col(i), 1, sheet_col(i), &c.label, &head)?;
        } else {
            sheet.write_string_with_format(1, sheet_col(i), &c.label, &head)?;
        }
    }
    for (first, last, label) in group_spans(set) {
        if first == last {
            sheet.write_string_with_format(0, sheet_col(first), label, &head)?;
        } else {
            sheet.merge_range(0, sheet_col(first), 0, sheet_col(last), label, &head)?;
        }
    }
    let numbers = base().set_italic().set_align(FormatAlign::Center);
    sheet.write_string_with_format(2, TT, "A", &numbers)?;
    sheet.write_string_with_format(2, NAME, "B", &numbers)?;
    for (i, c) in set.columns.iter().enumerate() {
        sheet.write_string_with_format(2, sheet_col(i), &c.mark, &numbers)?;
    }

    let widths = Widths::measure(t);
    let columns = widths.finish(set);
    header_heights(sheet, set, &columns)?;
    let last = sheet_col(set.columns.len()) - 1;
    let mut r = HEADER_ROWS;
    let mut tt = 0;
    let group_fmt = base().set_bold();
    for (gi, group) in t.groups.iter().enumerate() {
        sheet.write_string_with_format(r, TT, crate::resolve::roman(gi + 1), &group_fmt.clone().set_align(FormatAlign::Center))?;
        let title = group_title(group);
        sheet.write_string_with_format(r, NAME, &title, &group_fmt.clone().set_text_wrap())?;
        for col in FIRST..=last {
            sheet.write_blank(r, col, &group_fmt)?;
        }
        r += 1;
        for row in &group.rows {
            tt += 1;
            sheet.write_number_with_format(r, TT, tt as f64, &base().set_align(FormatAlign::Center))?;
            write_row(sheet, r, row, set, &columns)?;
            r += 1;
            for sub in &row.sub_rows {
                sheet.write_string_with_format(r, TT, "-", &base().set_align(FormatAlign::Center))?;
                write_row(sheet, r, sub, set, &columns)?;
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

/// Heights of the two header rows: the spanning labels share both rows; a
/// group's label sits over its columns' labels.
fn header_heights(sheet: &mut Worksheet, set: &ColumnSet, columns: &[f64]) -> Result<(), XlsxError> {
    let width = |i: usize| columns[sheet_col(i) as usize];
    let top = group_spans(set).iter().map(|&(a, b, label)| lines(label, (a..=b).map(width).sum())).max().unwrap_or(1);
    let second = set.columns.iter().enumerate().filter(|(_, c)| c.group.is_some()).map(|(i, c)| lines(&c.label, width(i))).max().unwrap_or(1);
    let spanning = set
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.group.is_none())
        .map(|(i, c)| lines(&c.label, width(i)))
        .chain([lines("CHỈ TIÊU", columns[NAME as usize])])
        .max()
        .unwrap_or(1);
    sheet.set_row_height(0, top as f64 * LINE + 2.0)?;
    sheet.set_row_height(1, second.max(spanning.saturating_sub(top)) as f64 * LINE + 2.0)?;
    Ok(())
}

/// The value cached with a formula: the number exact, else what the cell shows.
fn cached(value: &Cell) -> String {
    match value {
        Cell::Number(x) => x.0.to_string(),
        other => other.display(),
    }
}

fn write_row(sheet: &mut Worksheet, r: u32, row: &Row, set: &ColumnSet, columns: &[f64]) -> Result<(), XlsxError> {
    let text = base().set_text_wrap();
    sheet.write_string_with_format(r, NAME, &row.name, &text)?;
    let mut needed = lines(&row.name, columns[NAME as usize]);
    let cells = row.cells(set);
    for (i, (c, value)) in set.columns.iter().zip(&cells).enumerate() {
        let col = sheet_col(i);
        match &c.kind {
            ColumnKind::Unit => sheet.write_string_with_format(r, col, &row.unit, &base().set_align(FormatAlign::Center)).map(drop)?,
            ColumnKind::Note => {
                sheet.write_string_with_format(r, col, &row.note, &text)?;
                needed = needed.max(lines(&row.note, columns[col as usize]));
            }
            ColumnKind::Text => sheet.write_string_with_format(r, col, value.display(), &base().set_align(FormatAlign::Center)).map(drop)?,
            ColumnKind::Input => write_input(sheet, r, col, value)?,
            ColumnKind::Derived(f) => match row.judgement {
                Judgement::TheoKeHoach => {
                    let formula = excel_formula(f, set, row, r + 1);
                    let code = if f.divides() { "General".to_owned() } else { number_code(value) };
                    let align = if matches!(value, Cell::Number(_)) { FormatAlign::Right } else { FormatAlign::Center };
                    sheet.write_formula_with_format(r, col, Formula::new(formula).set_result(cached(value)), &base().set_num_format(code).set_align(align))?;
                }
                Judgement::DuyTri | Judgement::TyLe | Judgement::CuoiNam => {
                    sheet.write_string_with_format(r, col, value.display(), &base().set_align(FormatAlign::Center))?;
                }
            },
        }
    }
    if needed > 1 {
        sheet.set_row_height(r, needed as f64 * LINE + 2.0)?;
    }
    Ok(())
}

/// The sheet formula of a derived column on sheet row `n` (1-based): the set's
/// formula with column numbers as this row's cells, guarded as vanban computes:
/// "-" when an input is not a number or a divisor is zero; a ratio rounded to 2
/// decimals; a difference only when positive, rounded to its inputs' decimals.
fn excel_formula(f: &indicators::formula::Formula, set: &ColumnSet, row: &Row, n: u32) -> String {
    let cell = |num: u32| -> String {
        let i = set.columns.iter().position(|c| c.number == Some(num)).unwrap_or(0);
        format!("{}{n}", letter(sheet_col(i)))
    };
    let mut inputs: Vec<String> = Vec::new();
    for num in f.columns() {
        let c = cell(num);
        if !inputs.contains(&c) {
            inputs.push(c);
        }
    }
    let mut divisors: Vec<String> = Vec::new();
    for num in f.divisor_columns() {
        let c = cell(num);
        if !divisors.contains(&c) {
            divisors.push(c);
        }
    }
    let body = expr_text(&f.expr, &cell, 0);
    let all = |items: Vec<String>| if items.len() == 1 { items[0].clone() } else { format!("AND({})", items.join(",")) };
    let numbers = all(inputs.iter().map(|c| format!("ISNUMBER({c})")).collect());
    let value = if f.divides() {
        let rounded = format!("ROUND({body},2)");
        if divisors.is_empty() {
            rounded
        } else {
            format!("IF({},{rounded},\"-\")", all(divisors.iter().map(|c| format!("{c}>0")).collect()))
        }
    } else {
        let decimals = f
            .columns()
            .iter()
            .filter_map(|&num| set.by_number(num))
            .filter_map(|c| row.value(&c.key).number())
            .map(|x| x.0.scale())
            .max()
            .unwrap_or(0);
        if f.is_remainder() {
            format!("IF({body}>0,ROUND({body},{decimals}),\"-\")")
        } else {
            format!("ROUND({body},{decimals})")
        }
    };
    if inputs.is_empty() { format!("={value}") } else { format!("=IF({numbers},{value},\"-\")") }
}

/// An expression in spreadsheet syntax; `outer` is the binding strength around it
/// (0 none, 1 a sum, 2 a product, 3 a divisor or negation).
fn expr_text(e: &Expr, cell: &dyn Fn(u32) -> String, outer: u8) -> String {
    match e {
        Expr::Column(num) => cell(*num),
        // A formula never names a text column (the set is checked when built).
        Expr::Letter(l) => l.to_string(),
        Expr::Const(d) => d.normalize().to_string(),
        Expr::Neg(a) => format!("-{}", expr_text(a, cell, 3)),
        Expr::Bin(op, a, b) => {
            let (own, right) = match op {
                Op::Add => (1, 1),
                Op::Sub => (1, 2),
                Op::Mul => (2, 2),
                Op::Div => (2, 3),
            };
            let sym = match op {
                Op::Add => '+',
                Op::Sub => '-',
                Op::Mul => '*',
                Op::Div => '/',
            };
            let text = format!("{}{sym}{}", expr_text(a, cell, own), expr_text(b, cell, right));
            if own < outer { format!("({text})") } else { text }
        }
    }
}

fn number_code(value: &Cell) -> String {
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
    chars: Vec<usize>,
}

impl Widths {
    /// The widest content of each column: headings by their longest word (they
    /// wrap), cells whole.
    fn measure(t: &Table) -> Widths {
        let set = &t.columns;
        let mut w = Widths { chars: vec![0; FIRST as usize + set.columns.len()] };
        // Headers wrap, but a column is never narrower than its longest word.
        for (i, c) in set.columns.iter().enumerate() {
            if !matches!(c.kind, ColumnKind::Unit | ColumnKind::Note) {
                w.word(sheet_col(i), &c.label);
            }
            w.text(sheet_col(i), &c.mark);
        }
        w.text(TT, "A");
        w.text(NAME, "B");
        for group in &t.groups {
            w.text(NAME, &group_title(group));
            for row in group.rows.iter().flat_map(|r| std::iter::once(r).chain(&r.sub_rows)) {
                w.text(NAME, &row.name);
                for (i, cell) in row.cells(set).iter().enumerate() {
                    w.text(sheet_col(i), &cell.display());
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

    fn finish(&self, set: &ColumnSet) -> Vec<f64> {
        self.chars
            .iter()
            .enumerate()
            .map(|(col, &n)| {
                let n = n as f64 + 2.0;
                let kind = (col >= FIRST as usize).then(|| set.columns.get(col - FIRST as usize)).flatten().map(|c: &Column| &c.kind);
                match (col as u16, kind) {
                    (NAME, _) => n.clamp(24.0, 52.0),
                    (TT, _) => n.clamp(5.0, 8.0),
                    (_, Some(ColumnKind::Note)) => n.clamp(10.0, 26.0),
                    (_, Some(ColumnKind::Unit | ColumnKind::Text)) => n.clamp(7.0, 12.0),
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

/// Whether the workbook at `path` may be replaced by a new export: there is
/// none, or it is one vanban wrote that no one has saved since (its author
/// and last editor "vanban", modified at the fixed date vanban writes; Excel
/// and LibreOffice put the user and the time there on saving). A report named like the district's biểu it
/// was imported from (`bieu.yaml` beside `bieu.xlsx`) would otherwise have its
/// export written over the original, or over figures typed into an export.
pub fn may_replace(path: &std::path::Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return !path.exists() };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else { return false };
    let Ok(mut core) = zip.by_name("docProps/core.xml") else { return false };
    let mut xml = String::new();
    if std::io::Read::read_to_string(&mut core, &mut xml).is_err() {
        return false;
    }
    xml.contains("<dc:creator>vanban</dc:creator>")
        && xml.contains("<cp:lastModifiedBy>vanban</cp:lastModifiedBy>")
        && xml.contains(">2000-01-01T00:00:00Z</dcterms:modified>")
}
