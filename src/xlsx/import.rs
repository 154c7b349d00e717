//! `vanban import`: a district's biểu (xlsx, xls, ods) → an indicator file.
//!
//! The sheet is read as a person reads it: a title block, the header rows
//! (merged cells filled forward), an optional column-number row ("A, B, 1, 2, …
//! 5=4/3*100"), then group rows (Roman TT), indicators (Arabic TT) and sub-rows
//! ("-" or "+"). Columns are matched to the column set by their header words and
//! by the column-number row. Each number is written as the sheet shows it (its
//! number format), exactly; derived columns are only compared with vanban's
//! computation. Every problem names the sheet and cell.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Dimensions, Reader, Sheets};
use rust_decimal::{Decimal, RoundingStrategy};

use super::columns::{column_number_label, contains_words, normalise, ColumnKind, ColumnSpec, KNOWN_EXTRA, SAU_THANG};
use super::numfmt::{self, Shown};
use super::{cell_name, column_name};
use crate::check::{Diagnostic, Kind, Msg, Severity};
use crate::indicators::{self, Cell};
use crate::model::number::VnNumber;
use crate::model::Judgement;

/// A sheet column and what it was matched to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappedColumn {
    /// Column letter ("D").
    pub column: String,
    /// The header as written (header rows joined).
    pub header: String,
    /// The indicator file key, or `None` when ignored.
    pub key: Option<&'static str>,
    /// How it was matched: by header words or by the column-number row.
    pub by_number: bool,
}

/// The result of an import that produced a file.
#[derive(Debug)]
pub struct Imported {
    /// The sheet that was read.
    pub sheet: String,
    /// The indicator file, as YAML text.
    pub yaml: String,
    pub columns: Vec<MappedColumn>,
    /// Warnings (an error stops the import).
    pub warnings: Vec<Diagnostic>,
    /// The table as vanban reads the written file back.
    pub table: indicators::Table,
}

/// Reads a biểu. `Err` carries the diagnostics when there is at least one error.
pub fn import(path: &Path, sheet: Option<&str>) -> Result<Imported, Vec<Diagnostic>> {
    let file_error = |vi: String, en: String| vec![Diagnostic::file_error(Kind::Encoding, path, Msg::new(vi, en))];
    let mut book = open_workbook_auto(path).map_err(|e| {
        file_error(
            format!("không đọc được bảng tính ({e}); vanban đọc các tệp .xlsx, .xls, .ods"),
            format!("cannot read the workbook ({e}); vanban reads .xlsx, .xls and .ods files"),
        )
    })?;
    let names = book.sheet_names();
    let chosen: Vec<String> = match sheet {
        Some(want) => match names.iter().find(|n| n.as_str() == want || normalise(n) == normalise(want)) {
            Some(n) => vec![n.clone()],
            None => {
                return Err(file_error(
                    format!("không có trang tính \"{want}\"; các trang tính: {}", quoted(&names)),
                    format!("no sheet \"{want}\"; the sheets are: {}", quoted(&names)),
                ))
            }
        },
        None => names.clone(),
    };
    let mut first_failure = None;
    for name in &chosen {
        let grid = match Grid::read(&mut book, name) {
            Ok(g) => g,
            Err(e) => {
                return Err(file_error(format!("không đọc được trang tính \"{name}\": {e}"), format!("cannot read sheet \"{name}\": {e}")))
            }
        };
        match SheetImport::new(path, name, &grid) {
            Some(mut s) => {
                if !matches!(book, Sheets::Xlsx(_)) {
                    s.diags.push(Diagnostic::in_sheet(
                        Severity::Warning,
                        Kind::SheetLayout,
                        path,
                        name.clone(),
                        Msg::new(
                            "vanban chỉ đọc được định dạng số (số chữ số thập phân) của tệp .xlsx; ở tệp này số được ghi theo giá trị lưu trong ô (\"5,0\" thành \"5\")",
                            "vanban reads number formats (decimals shown) from .xlsx files only; here numbers are written as stored (\"5,0\" becomes \"5\")",
                        ),
                    ).with_hint(Msg::new("lưu biểu thành .xlsx rồi nhập lại để giữ số chữ số thập phân", "save the biểu as .xlsx and import again to keep the decimals")));
                }
                return s.run();
            }
            None if first_failure.is_none() => first_failure = Some(name.clone()),
            None => {}
        }
    }
    let where_ = first_failure.unwrap_or_default();
    Err(vec![Diagnostic::in_sheet(
        Severity::Error,
        Kind::SheetLayout,
        path,
        if chosen.len() == 1 { where_ } else { quoted(&chosen) },
        Msg::new(
            "không tìm thấy hàng tiêu đề của biểu chỉ tiêu (một hàng có cột \"TT\" và cột \"Chỉ tiêu\")",
            "no header row of an indicator table found (a row with a \"TT\" column and a \"Chỉ tiêu\" column)",
        ),
    )
    .with_hint(Msg::new(
        "chọn trang tính bằng --sheet TÊN; hàng tiêu đề phải có ô \"TT\" (hoặc \"STT\") và ô \"Chỉ tiêu\" (hoặc \"Nội dung\")",
        "choose the sheet with --sheet NAME; the header row needs a \"TT\" (or \"STT\") cell and a \"Chỉ tiêu\" (or \"Nội dung\") cell",
    ))])
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// A sheet's cells at absolute positions, with their number formats and merges.
struct Grid {
    cells: calamine::Range<Data>,
    styles: calamine::StyleRange,
    merges: Vec<Dimensions>,
    rows: u32,
    cols: u32,
}

impl Grid {
    fn read<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> Result<Grid, String> {
        let cells = book.worksheet_range(name).map_err(|e| e.to_string())?;
        // Styles (number formats) are read from xlsx only; other formats show
        // their stored value ("General").
        let styles = book.worksheet_style(name).unwrap_or_else(|_| calamine::StyleRange::empty());
        #[allow(deprecated)]
        let merges = match book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(name).unwrap_or_default(),
            _ => Vec::new(),
        };
        let (rows, cols) = cells.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
        Ok(Grid { cells, styles, merges, rows, cols })
    }

    fn get(&self, r: u32, c: u32) -> &Data {
        self.cells.get_value((r, c)).unwrap_or(&Data::Empty)
    }

    fn format(&self, r: u32, c: u32) -> &str {
        self.styles
            .get((r, c))
            .and_then(|s| s.number_format.as_ref())
            .map_or("General", |f| f.format_code.as_str())
    }

    /// The text a cell shows, for header and name cells.
    fn text(&self, r: u32, c: u32) -> String {
        match self.get(r, c) {
            Data::String(s) => clean(s),
            Data::Int(i) => i.to_string(),
            Data::Float(f) => numfmt::shown(*f, self.format(r, c)).map_or_else(|| f.to_string(), |s| s.number.to_string()),
            Data::Bool(b) => b.to_string(),
            Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::DateTime(d) => d.to_string(),
            Data::Error(e) => e.to_string(),
            Data::Empty => String::new(),
        }
    }

    /// The merged region a cell lies in, if any.
    fn merge_of(&self, r: u32, c: u32) -> Option<&Dimensions> {
        self.merges.iter().find(|m| m.start.0 <= r && r <= m.end.0 && m.start.1 <= c && c <= m.end.1)
    }
}

/// NFC, one space between words (cells often hold line breaks).
fn clean(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A number or word read from a value cell.
#[derive(Debug, Clone, PartialEq)]
enum Value {
    Empty,
    /// "-": no data.
    Missing,
    Number(Shown),
    Word(String),
}

impl Value {
    fn cell(&self) -> Cell {
        match self {
            Value::Empty => Cell::Empty,
            Value::Missing => Cell::Missing,
            Value::Number(s) => Cell::Number(s.number),
            Value::Word(w) => Cell::Word(w.clone()),
        }
    }
    fn display(&self) -> String {
        self.cell().display()
    }
}

/// One sheet being read as a biểu.
struct SheetImport<'a> {
    path: &'a Path,
    sheet: &'a str,
    grid: &'a Grid,
    header_start: u32,
    header_end: u32,
    number_row: Option<u32>,
    data_start: u32,
    tt_col: u32,
    diags: Vec<Diagnostic>,
}

/// What the rows are made of.
struct ReadRow {
    at: u32,
    name: String,
    unit: String,
    note: String,
    plan: Value,
    last_year: Value,
    done: Value,
    judgement: Judgement,
    reason: &'static str,
    subs: Vec<ReadRow>,
}

struct ReadGroup {
    at: u32,
    title: String,
    rows: Vec<ReadRow>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    Group,
    Indicator,
    SubRow,
}

impl<'a> SheetImport<'a> {
    /// Finds the header; `None` when the sheet has no header of a biểu.
    fn new(path: &'a Path, sheet: &'a str, grid: &'a Grid) -> Option<Self> {
        let tt_names = ["tt", "stt", "so tt", "thu tu"];
        let mut found = None;
        'rows: for r in 0..grid.rows {
            let texts: Vec<String> = (0..grid.cols).map(|c| normalise(&grid.text(r, c))).collect();
            if let Some(tt_col) = texts.iter().position(|t| tt_names.contains(&t.as_str())) {
                if texts.iter().any(|t| contains_words(t, "chi tieu") || contains_words(t, "noi dung")) {
                    found = Some((r, tt_col as u32));
                    break 'rows;
                }
            }
        }
        let (header_start, tt_col) = found?;
        // The column-number row: several cells "A", "B", "1", "2", "5=4/3*100".
        let number_row = (header_start + 1..grid.rows.min(header_start + 5)).find(|&r| {
            let labels: Vec<String> =
                (0..grid.cols).filter_map(|c| column_number_label(&number_text(grid, r, c)).map(|(l, _)| l)).collect();
            labels.len() >= 4
                && ((labels.iter().any(|l| l == "A") && labels.iter().any(|l| l == "B"))
                    || (labels.iter().any(|l| l == "1") && labels.iter().any(|l| l == "2") && labels.iter().any(|l| l == "3")))
        });
        let (header_end, data_start) = match number_row {
            Some(n) => (n - 1, n + 1),
            None => {
                let first_data = (header_start + 1..grid.rows)
                    .find(|&r| matches!(row_kind_of(grid, r, tt_col, ""), Some(RowKind::Group | RowKind::Indicator)))
                    .unwrap_or(grid.rows);
                (first_data.saturating_sub(1).max(header_start), first_data)
            }
        };
        Some(SheetImport { path, sheet, grid, header_start, header_end, number_row, data_start, tt_col, diags: Vec::new() })
    }

    fn place(&self, r: u32, c: u32) -> String {
        format!("{}!{}", self.sheet, cell_name(r, c))
    }

    fn push(&mut self, severity: Severity, kind: Kind, r: u32, c: u32, message: Msg, hint: Option<Msg>) {
        let mut d = Diagnostic::in_sheet(severity, kind, self.path, self.place(r, c), message);
        d.hint = hint;
        self.diags.push(d);
    }

    /// A header cell with merged regions filled forward. Without merge
    /// information (ods), a blank cell over a labelled cell takes the label on its
    /// left when that label also stands over labelled cells: the spanning
    /// "Kết quả thực hiện …" over columns 4–7.
    fn header_cell(&self, r: u32, c: u32) -> String {
        let own = self.grid.text(r, c);
        if !own.is_empty() {
            return own;
        }
        if let Some(m) = self.grid.merge_of(r, c) {
            return self.grid.text(m.start.0, m.start.1);
        }
        if self.grid.merges.is_empty() && r < self.header_end {
            let below = |col: u32| !self.grid.text(r + 1, col).is_empty();
            let mut col = c;
            while col > 0 && below(col) {
                col -= 1;
                let left = self.grid.text(r, col);
                if !left.is_empty() {
                    return if below(col) { left } else { String::new() };
                }
            }
        }
        String::new()
    }

    /// The header parts of a column, top to bottom, repeats dropped.
    fn header_parts(&self, c: u32) -> Vec<String> {
        let mut parts: Vec<String> = Vec::new();
        for r in self.header_start..=self.header_end {
            let t = self.header_cell(r, c);
            if !t.is_empty() && parts.last() != Some(&t) {
                parts.push(t);
            }
        }
        parts
    }

    fn run(mut self) -> Result<Imported, Vec<Diagnostic>> {
        let grid = self.grid;
        // Map columns.
        let headers: Vec<Vec<String>> = (0..grid.cols).map(|c| self.header_parts(c)).collect();
        let normalised: Vec<String> = headers.iter().map(|p| normalise(&p.join(" "))).collect();
        // A yearly-plan biểu (KH năm trước, ước thực hiện, KH năm nay) has other
        // columns than the six-month one: read as six-month, "ước thực hiện" would
        // pass for the result. Say so at its header rather than guess.
        let has = |phrases: &[&str]| normalised.iter().position(|h| phrases.iter().any(|p| contains_words(h, p)));
        if let (Some(c), Some(_)) = (
            has(&["uoc thuc hien"]),
            has(&["kh nam truoc", "ke hoach nam truoc", "kh nam nay", "ke hoach nam nay"]),
        ) {
            let header = headers[c].join(" / ");
            self.push(
                Severity::Error,
                Kind::SheetLayout,
                self.header_start,
                c as u32,
                Msg::new(
                    format!("cột \"{header}\" cho thấy đây là biểu kế hoạch năm (mau: ke_hoach_nam); vanban import mới đọc được biểu 6 tháng (mau: sau_thang)"),
                    format!("the column \"{header}\" shows a yearly-plan biểu (mau: ke_hoach_nam); vanban import reads only the six-month biểu (mau: sau_thang) so far"),
                ),
                Some(Msg::new(
                    "ghi tệp .chi-tieu.yaml với `mau: ke_hoach_nam` bằng tay (xem content/ke-hoach-2024.chi-tieu.yaml)",
                    "write the .chi-tieu.yaml with `mau: ke_hoach_nam` by hand (see content/ke-hoach-2024.chi-tieu.yaml)",
                )),
            );
            return Err(self.diags);
        }
        let numbers: Vec<Option<String>> = (0..grid.cols)
            .map(|c| self.number_row.and_then(|r| column_number_label(&number_text(grid, r, c)).map(|(l, _)| l)))
            .collect();
        let mut assigned: Vec<Option<(&'static ColumnSpec, bool)>> = vec![None; grid.cols as usize];
        assigned[self.tt_col as usize] = Some((&SAU_THANG[SAU_THANG.iter().position(|s| s.kind == ColumnKind::Number).unwrap_or(0)], false));
        for spec in SAU_THANG.iter().filter(|s| s.kind != ColumnKind::Number) {
            let hit = (0..grid.cols as usize).find(|&c| {
                assigned[c].is_none() && !normalised[c].is_empty() && spec.names.iter().any(|n| contains_words(&normalised[c], n))
            });
            if let Some(c) = hit {
                assigned[c] = Some((spec, false));
            }
        }
        // The column-number row places what the words did not.
        for spec in SAU_THANG.iter() {
            if spec.number.is_empty() || assigned.iter().flatten().any(|(s, _)| s.key == spec.key) {
                continue;
            }
            if let Some(c) = (0..grid.cols as usize).find(|&c| assigned[c].is_none() && numbers[c].as_deref() == Some(spec.number)) {
                assigned[c] = Some((spec, true));
            }
        }
        let col_of = |key: &str| assigned.iter().position(|a| a.is_some_and(|(s, _)| s.key == key)).map(|c| c as u32);

        let mut columns = Vec::new();
        for c in 0..grid.cols {
            let header = headers[c as usize].join(" / ");
            let key = assigned[c as usize].map(|(s, _)| s.key);
            if header.is_empty() && key.is_none() && numbers[c as usize].is_none() {
                continue;
            }
            columns.push(MappedColumn { column: column_name(c), header: header.clone(), key, by_number: assigned[c as usize].is_some_and(|(_, n)| n) });
            if key.is_none() {
                let extra = KNOWN_EXTRA.iter().any(|(_, names)| names.iter().any(|n| contains_words(&normalised[c as usize], n)));
                let numeric_at = (self.data_start..grid.rows).find(|&r| matches!(grid.get(r, c), Data::Float(_) | Data::Int(_)));
                if let (false, Some(r)) = (extra, numeric_at) {
                    self.push(
                        Severity::Warning,
                        Kind::SheetLayout,
                        self.header_start,
                        c,
                        Msg::new(
                            format!("cột {} (\"{header}\") có số (ví dụ ô {}) nhưng không ứng với cột nào của biểu; bỏ qua", column_name(c), cell_name(r, c)),
                            format!("column {} (\"{header}\") holds numbers (e.g. cell {}) but matches no column of the table; ignored", column_name(c), cell_name(r, c)),
                        ),
                        Some(Msg::new(
                            "đặt tiêu đề cột như biểu mẫu (KH, cùng kỳ, số đã thực hiện, …) hoặc ghi số thứ tự cột (2, 3, 4, …) ở hàng dưới tiêu đề",
                            "name the column as the model biểu does (KH, cùng kỳ, số đã thực hiện, …) or label it (2, 3, 4, …) in the column-number row",
                        )),
                    );
                }
            }
        }
        for spec in SAU_THANG.iter().filter(|s| s.required) {
            if col_of(spec.key).is_none() {
                let rows = if self.header_end > self.header_start {
                    format!("{}–{}", self.header_start + 1, self.header_end + 1)
                } else {
                    format!("{}", self.header_start + 1)
                };
                self.push(
                    Severity::Error,
                    Kind::SheetLayout,
                    self.header_start,
                    self.tt_col,
                    Msg::new(
                        format!("không thấy cột \"{}\" (cột {}) trong tiêu đề ở hàng {rows}", spec.heading, spec.number),
                        format!("no column \"{}\" (column {}) in the header on row(s) {rows}", spec.heading, spec.number),
                    ),
                    Some(Msg::new(
                        format!("thêm cột đó, đặt tiêu đề có chữ \"{}\", hoặc ghi \"{}\" ở ô của nó trong hàng số thứ tự cột", spec.names[0], spec.number),
                        format!("add that column, give it a header with \"{}\", or write \"{}\" in its cell of the column-number row", spec.names[0], spec.number),
                    )),
                );
            }
        }
        if self.diags.iter().any(Diagnostic::is_error) {
            return Err(self.diags);
        }
        let col = |key: &str| col_of(key).unwrap_or(u32::MAX);
        let name_col = col("ten");
        let label_of = |key: &str, top: bool| -> Option<String> {
            let parts = col_of(key).map(|c| headers[c as usize].clone())?;
            if top { parts.first().cloned() } else { parts.last().cloned() }
        };
        let plan_label = label_of("ke_hoach", false).unwrap_or_else(|| "Kế hoạch".into());
        let last_year_label = label_of("cung_ky", false).unwrap_or_else(|| "Cùng kỳ năm trước".into());
        let result_label = label_of("thuc_hien", true).unwrap_or_else(|| "Kết quả thực hiện".into());
        let derived_cols: Vec<u32> = ["so_cung_ky", "so_ke_hoach", "con_lai"].iter().filter_map(|k| col_of(k)).collect();

        // Rows.
        let mut groups: Vec<ReadGroup> = Vec::new();
        for r in self.data_start..grid.rows {
            let name_raw = grid.text(r, name_col);
            let mapped_empty = assigned
                .iter()
                .enumerate()
                .filter(|(_, a)| a.is_some())
                .all(|(c, _)| matches!(grid.get(r, c as u32), Data::Empty) || grid.text(r, c as u32).is_empty());
            if mapped_empty {
                continue;
            }
            let kind = match row_kind_of(grid, r, self.tt_col, &name_raw) {
                Some(k) => k,
                None => {
                    let tt = grid.text(r, self.tt_col);
                    self.push(
                        Severity::Warning,
                        Kind::SheetLayout,
                        r,
                        self.tt_col,
                        Msg::new(
                            format!("không hiểu số thứ tự \"{tt}\"; coi hàng {} là một chỉ tiêu", r + 1),
                            format!("cannot read the number \"{tt}\"; row {} is read as an indicator", r + 1),
                        ),
                        Some(Msg::new(
                            "ghi số La Mã (I, II, …) cho nhóm, số (1, 2, …) cho chỉ tiêu, \"-\" cho dòng con",
                            "write a Roman numeral (I, II, …) for a group, a number (1, 2, …) for an indicator, \"-\" for a sub-row",
                        )),
                    );
                    RowKind::Indicator
                }
            };
            if kind == RowKind::Group {
                groups.push(ReadGroup { at: r, title: drop_count(&name_raw), rows: Vec::new() });
                continue;
            }
            let name = match kind {
                RowKind::SubRow => name_raw.trim_start_matches(['-', '+', '–', ' ']).to_owned(),
                _ => name_raw.clone(),
            };
            let read = self.read_row(r, name, &col, &derived_cols);
            if groups.is_empty() {
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    r,
                    self.tt_col,
                    Msg::new(
                        format!("chỉ tiêu ở hàng {} đứng trước mọi nhóm (I, II, …); đặt vào nhóm \"{}\"", r + 1, self.sheet),
                        format!("the indicator on row {} comes before any group (I, II, …); put into a group \"{}\"", r + 1, self.sheet),
                    ),
                    None,
                );
                groups.push(ReadGroup { at: r, title: self.sheet.to_owned(), rows: Vec::new() });
            }
            let group = groups.last_mut().expect("a group exists");
            match kind {
                RowKind::SubRow => match group.rows.last_mut() {
                    Some(parent) => parent.subs.push(read),
                    None => {
                        self.push(
                            Severity::Error,
                            Kind::SheetLayout,
                            r,
                            self.tt_col,
                            Msg::new("dòng con (\"-\") không có chỉ tiêu nào ở trên", "a sub-row (\"-\") with no indicator above it"),
                            Some(Msg::new("đặt dòng con ngay dưới chỉ tiêu của nó", "put the sub-row right under its indicator")),
                        );
                    }
                },
                _ => group.rows.push(read),
            }
        }
        if groups.iter().all(|g| g.rows.is_empty()) {
            self.push(
                Severity::Error,
                Kind::SheetLayout,
                self.data_start.min(grid.rows.saturating_sub(1)),
                self.tt_col,
                Msg::new("không có chỉ tiêu nào dưới tiêu đề", "no indicator under the header"),
                Some(Msg::new("mỗi chỉ tiêu cần số thứ tự (1, 2, …) ở cột TT", "each indicator needs a number (1, 2, …) in the TT column")),
            );
        }
        if self.diags.iter().any(Diagnostic::is_error) {
            return Err(self.diags);
        }
        let yaml = write_yaml(self.path, self.sheet, &plan_label, &last_year_label, &result_label, &groups);
        // Read the file back as `vanban check` would: what was written must be valid.
        let mut back = Vec::new();
        let source = crate::model::load::SourceFile { path: self.path.with_extension("chi-tieu.yaml"), text: yaml.clone() };
        let table = crate::model::load::parse_yaml::<crate::model::IndicatorTable>(&source, &mut back)
            .map(|t| crate::check::check_table(&source.path, &source.text, &t, &mut back));
        match table {
            Some(table) if !back.iter().any(Diagnostic::is_error) => {
                Ok(Imported { sheet: self.sheet.to_owned(), yaml, columns, warnings: self.diags, table })
            }
            _ => {
                self.diags.extend(back.into_iter().filter(Diagnostic::is_error));
                Err(self.diags)
            }
        }
    }

    /// Reads an indicator or sub-row: its values, its evaluation, and the sheet's
    /// derived cells compared with vanban's.
    fn read_row(&mut self, r: u32, name: String, col: &dyn Fn(&str) -> u32, derived_cols: &[u32]) -> ReadRow {
        let grid = self.grid;
        let text_at = |c: u32| if c == u32::MAX { String::new() } else { grid.text(r, c) };
        let unit = text_at(col("dvt"));
        let note = text_at(col("ghi_chu"));
        let plan = self.value(r, col("ke_hoach"), false);
        let last_year = self.value(r, col("cung_ky"), false);
        let done = self.value(r, col("thuc_hien"), false);
        let derived_empty = derived_cols.iter().all(|&c| matches!(grid.get(r, c), Data::Empty) || grid.text(r, c).is_empty());
        let (judgement, reason) = if contains_words(&normalise(&note), "cuoi nam") {
            (Judgement::CuoiNam, "Ghi chú nói đánh giá vào cuối năm")
        } else if [&plan, &last_year, &done].iter().any(|v| matches!(v, Value::Word(w) if normalise(w) == "duy tri")) {
            (Judgement::DuyTri, "các ô ghi \"Duy trì\"")
        } else if done == Value::Empty {
            (Judgement::CuoiNam, "không có số thực hiện")
        } else if !derived_cols.is_empty() && derived_empty {
            (Judgement::TyLe, "có số thực hiện nhưng các cột so sánh để trống")
        } else {
            (Judgement::TheoKeHoach, "có số thực hiện, so với kế hoạch")
        };
        if judgement != Judgement::DuyTri {
            for (v, key) in [(&plan, "ke_hoach"), (&last_year, "cung_ky"), (&done, "thuc_hien")] {
                if let Value::Word(w) = v {
                    self.push(
                        Severity::Error,
                        Kind::BadNumber,
                        r,
                        col(key),
                        Msg::new(format!("ô số ghi chữ \"{w}\""), format!("a number cell holds the words \"{w}\"")),
                        Some(Msg::new(
                            "ghi con số hoặc \"-\"; chỉ chỉ tiêu \"Duy trì\" mới ghi chữ; lời giải thích ghi ở cột Ghi chú",
                            "write a number or \"-\"; only \"Duy trì\" indicators hold words; remarks go in the Ghi chú column",
                        )),
                    );
                }
            }
        }
        let values = [("ke_hoach", &plan), ("cung_ky", &last_year), ("thuc_hien", &done)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v.cell()))
            .collect();
        let row = indicators::Row { name: name.clone(), unit: unit.clone(), values, note: note.clone(), judgement, sub_rows: vec![] };
        let set = six_month_set();
        let ours = row.cells(&set);
        let computed_of = |key: &str| set.columns.iter().position(|c| c.key == key).map_or(Cell::Empty, |i| ours[i].clone());
        for key in ["so_cung_ky", "so_ke_hoach", "con_lai"] {
            let computed = &computed_of(key);
            let c = col(key);
            if c == u32::MAX {
                continue;
            }
            let theirs = self.value(r, c, true);
            if !agrees(&theirs, computed) {
                let spec = SAU_THANG.iter().find(|s| s.key == key).expect("derived key in the set");
                self.push(
                    Severity::Warning,
                    Kind::DerivedMismatch,
                    r,
                    c,
                    Msg::new(
                        format!(
                            "cột {} = {} ({}): bảng tính ghi \"{}\", vanban tính được \"{}\"",
                            spec.number,
                            spec.formula.unwrap_or(""),
                            spec.heading,
                            theirs.display(),
                            computed.display()
                        ),
                        format!(
                            "column {} = {} ({}): the sheet says \"{}\", vanban computes \"{}\"",
                            spec.number,
                            spec.formula.unwrap_or(""),
                            spec.heading,
                            theirs.display(),
                            computed.display()
                        ),
                    ),
                    Some(Msg::new(
                        "vanban không lấy số ở cột này: báo cáo in số vanban tính; kiểm tra công thức trong bảng tính",
                        "vanban does not take this column's numbers: the report prints vanban's; check the sheet's formula",
                    )),
                );
            }
        }
        ReadRow { at: r, name, unit, note, plan, last_year, done, judgement, reason, subs: vec![] }
    }

    /// Reads a value cell. In a derived column (`derived`), an Excel error is a
    /// warning: vanban does not use the value.
    fn value(&mut self, r: u32, c: u32, derived: bool) -> Value {
        if c == u32::MAX {
            return Value::Empty;
        }
        let grid = self.grid;
        match grid.get(r, c) {
            Data::Empty => Value::Empty,
            Data::Int(i) => numfmt::shown_exact(Decimal::from(*i), grid.format(r, c)).map_or(Value::Empty, Value::Number),
            Data::Float(f) => match numfmt::shown(*f, grid.format(r, c)) {
                Some(s) => Value::Number(s),
                None => {
                    self.push(
                        Severity::Error,
                        Kind::CellError,
                        r,
                        c,
                        Msg::new(format!("không đọc được số {f} (định dạng \"{}\")", grid.format(r, c)), format!("cannot read the number {f} (format \"{}\")", grid.format(r, c))),
                        Some(Msg::new("định dạng ô là số (Number), không phải ngày tháng", "format the cell as a number, not a date")),
                    );
                    Value::Empty
                }
            },
            Data::String(s) => self.text_value(r, c, s, derived),
            Data::Error(e) => {
                let (severity, vi, en) = if derived {
                    (Severity::Warning, "; vanban tự tính cột này", "; vanban computes this column itself")
                } else {
                    (Severity::Error, "", "")
                };
                self.push(
                    severity,
                    Kind::CellError,
                    r,
                    c,
                    Msg::new(format!("ô có lỗi Excel {e}{vi}"), format!("the cell holds the Excel error {e}{en}")),
                    (!derived).then(|| Msg::new("sửa công thức trong bảng tính hoặc ghi số, hoặc \"-\" nếu không có số liệu", "fix the formula in the sheet or type the number, or \"-\" when there is no data")),
                );
                Value::Empty
            }
            Data::Bool(_) | Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                let shown = grid.text(r, c);
                self.push(
                    Severity::Error,
                    Kind::CellError,
                    r,
                    c,
                    Msg::new(format!("ô số ghi \"{shown}\" (ngày tháng hoặc đúng/sai), không phải con số"), format!("a number cell holds \"{shown}\" (a date or a true/false), not a number")),
                    Some(Msg::new("định dạng ô là số (Number) và ghi lại con số", "format the cell as a number and type the number again")),
                );
                Value::Empty
            }
        }
    }

    /// A value typed as text: "-", a word, or a number typed as text ("4.150"),
    /// which is read the Vietnamese way and flagged.
    fn text_value(&mut self, r: u32, c: u32, s: &str, derived: bool) -> Value {
        let t = clean(s);
        if t.is_empty() {
            return Value::Empty;
        }
        if matches!(t.as_str(), "-" | "–" | "—" | "x" | "X") {
            return Value::Missing;
        }
        if !t.chars().any(|ch| ch.is_ascii_digit()) {
            return Value::Word(t);
        }
        let (body, percent) = match t.strip_suffix('%') {
            Some(b) => (b.trim(), true),
            None => (t.as_str(), false),
        };
        match VnNumber::parse(body) {
            Ok(n) => {
                if !derived {
                    self.push(
                        Severity::Warning,
                        Kind::BadNumber,
                        r,
                        c,
                        Msg::new(
                            format!("số \"{t}\" được gõ dưới dạng chữ; đọc theo cách Việt Nam là {n}"),
                            format!("the number \"{t}\" is typed as text; read the Vietnamese way as {n}"),
                        ),
                        Some(Msg::new(
                            "định dạng ô là số (Number) để bảng tính cộng được, rồi ghi lại con số",
                            "format the cell as a number so that the sheet can add it up, then type it again",
                        )),
                    );
                }
                Value::Number(Shown { number: n, percent, scaled: n.0 })
            }
            Err(e) => {
                let (vi, en) = e.describe();
                let swapped: String = body.chars().map(|ch| match ch { '.' => ',', ',' => '.', ch => ch }).collect();
                let guess = VnNumber::parse(&swapped).ok().filter(|_| swapped != body);
                let hint = match guess {
                    Some(g) => Msg::new(format!("nếu là số viết kiểu Anh, ghi \"{g}\""), format!("if it is English notation, write \"{g}\"")),
                    None => Msg::new(
                        "ghi con số theo cách Việt Nam (\"4.150\", \"5,5\"), hoặc định dạng ô là số",
                        "write the number the Vietnamese way (\"4.150\", \"5,5\"), or format the cell as a number",
                    ),
                };
                self.push(
                    if derived { Severity::Warning } else { Severity::Error },
                    Kind::BadNumber,
                    r,
                    c,
                    Msg::new(format!("\"{t}\" không phải số viết theo cách Việt Nam: {vi}"), format!("\"{t}\" is not a number in Vietnamese notation: {en}")),
                    Some(hint),
                );
                Value::Empty
            }
        }
    }
}

/// The text of a cell of the column-number row ("1" even when typed as a number).
fn number_text(grid: &Grid, r: u32, c: u32) -> String {
    match grid.get(r, c) {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1000.0 => format!("{}", *f as i64),
        _ => grid.text(r, c),
    }
}

/// Group, indicator or sub-row, from the TT cell (and a name that starts with "-").
fn row_kind_of(grid: &Grid, r: u32, tt_col: u32, name: &str) -> Option<RowKind> {
    match grid.get(r, tt_col) {
        Data::Int(_) => return Some(RowKind::Indicator),
        Data::Float(f) if f.fract() == 0.0 && *f > 0.0 => return Some(RowKind::Indicator),
        _ => {}
    }
    let tt = grid.text(r, tt_col);
    let tt = tt.trim().trim_end_matches(['.', ')']);
    if tt.is_empty() {
        return match name.trim_start().chars().next() {
            Some('-' | '+' | '–') => Some(RowKind::SubRow),
            _ => None,
        };
    }
    if matches!(tt, "-" | "+" | "–" | "*") {
        return Some(RowKind::SubRow);
    }
    if tt.chars().all(|c| c.is_ascii_digit()) {
        return Some(RowKind::Indicator);
    }
    if is_roman(tt) {
        return Some(RowKind::Group);
    }
    if tt.chars().count() == 1 && tt.chars().all(|c| c.is_lowercase()) {
        return Some(RowKind::SubRow);
    }
    None
}

fn is_roman(s: &str) -> bool {
    (1..=50).any(|n| crate::resolve::roman(n) == s)
}

/// "Về kinh tế (12 chỉ tiêu)" → "Về kinh tế": vanban counts the rows itself.
fn drop_count(title: &str) -> String {
    let t = title.trim();
    if let Some(open) = t.rfind('(') {
        let inner = normalise(&t[open..]);
        let mut words = inner.split(' ');
        let is_count = words.next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
            && words.next() == Some("chi")
            && words.next() == Some("tieu")
            && words.next().is_none()
            && t.ends_with(')');
        if is_count {
            return t[..open].trim_end().to_owned();
        }
    }
    t.to_owned()
}

/// Whether a sheet's derived cell says what vanban computes: the same number at
/// 2 decimals (or at the fewer decimals the sheet shows), or both empty / "-".
fn agrees(theirs: &Value, ours: &Cell) -> bool {
    match (theirs, ours) {
        (Value::Empty | Value::Missing, Cell::Empty | Cell::Missing) => true,
        (Value::Number(s), Cell::Number(n)) => {
            let two = s.scaled.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
            let shown_dp = s.number.0.scale();
            two == n.0 || (shown_dp < 2 && n.0.round_dp_with_strategy(shown_dp, RoundingStrategy::MidpointAwayFromZero) == s.number.0)
        }
        (Value::Word(a), Cell::Word(b)) => normalise(a) == normalise(b),
        _ => false,
    }
}

/// The six-month column set, whose derived values a sheet's are compared with
/// (the labels do not matter for the values).
fn six_month_set() -> indicators::ColumnSet {
    indicators::columns::preset("sau_thang")
        .and_then(|p| p.column_set(&|k| Some(k.to_owned())).ok())
        .expect("the six-month preset builds")
}

/// A YAML double-quoted string.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value as the seed writes it: small whole numbers bare, others quoted in
/// Vietnamese notation ("4.150", "5,0"), "-", words quoted.
fn yaml_value(v: &Value) -> Option<String> {
    match v {
        Value::Empty => None,
        Value::Missing => Some(q("-")),
        Value::Number(s) => {
            let n = s.number;
            if n.0.scale() == 0 && n.0.abs() < Decimal::ONE_THOUSAND {
                Some(n.0.to_string())
            } else {
                Some(q(&n.to_string()))
            }
        }
        Value::Word(w) => Some(q(w)),
    }
}

fn judgement_key(j: Judgement) -> &'static str {
    match j {
        Judgement::TheoKeHoach => "theo_ke_hoach",
        Judgement::TyLe => "ty_le",
        Judgement::DuyTri => "duy_tri",
        Judgement::CuoiNam => "cuoi_nam",
    }
}

fn write_row(out: &mut String, row: &ReadRow, indent: &str) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "{indent}- ten: {}", q(&row.name));
    let pad = format!("{indent}  ");
    if !row.unit.is_empty() {
        let _ = writeln!(out, "{pad}dvt: {}", q(&row.unit));
    }
    for (key, v) in [("ke_hoach", &row.plan), ("cung_ky", &row.last_year), ("thuc_hien", &row.done)] {
        if let Some(text) = yaml_value(v) {
            let _ = writeln!(out, "{pad}{key}: {text}");
        }
    }
    if !row.note.is_empty() {
        let _ = writeln!(out, "{pad}ghi_chu: {}", q(&row.note));
    }
    let _ = writeln!(out, "{pad}danh_gia: {}  # suy ra từ hàng {}: {}", judgement_key(row.judgement), row.at + 1, row.reason);
    if !row.subs.is_empty() {
        let _ = writeln!(out, "{pad}dong_con:");
        for sub in &row.subs {
            write_row(out, sub, &format!("{pad}  "));
        }
    }
}

fn write_yaml(path: &Path, sheet: &str, plan: &str, last_year: &str, result: &str, groups: &[ReadGroup]) -> String {
    use std::fmt::Write as _;
    let file = path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into_owned());
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=vanban-chi-tieu.schema.json\n");
    let _ = writeln!(out, "# Nhập từ {file}, trang tính \"{sheet}\", bằng `vanban import`.");
    out.push_str("# Chỉ các cột nhập được ghi (ĐVT, kế hoạch, cùng kỳ, số đã thực hiện, ghi chú);\n");
    out.push_str("# các cột 5, 6, 7 và số chỉ tiêu của mỗi nhóm do vanban tính.\n");
    out.push_str("cot:\n");
    let _ = writeln!(out, "  ke_hoach: {}", q(plan));
    let _ = writeln!(out, "  cung_ky: {}", q(last_year));
    let _ = writeln!(out, "  ket_qua: {}", q(result));
    out.push_str("nhom:\n");
    let mut tt = 0;
    for g in groups {
        let _ = writeln!(out, "  - ten: {}  # {sheet}!{}", q(&g.title), cell_name(g.at, 1));
        if g.rows.is_empty() {
            out.push_str("    chi_tieu: []\n");
            continue;
        }
        out.push_str("    chi_tieu:\n");
        for row in &g.rows {
            tt += 1;
            let _ = writeln!(out, "      # {tt} ({sheet}, hàng {})", row.at + 1);
            write_row(&mut out, row, "      ");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_the_group_count() {
        assert_eq!(drop_count("Về kinh tế (12 chỉ tiêu)"), "Về kinh tế");
        assert_eq!(drop_count("An ninh trật tự (01 chỉ tiêu)"), "An ninh trật tự");
        assert_eq!(drop_count("Văn hóa-xã hội ( 14 Chỉ Tiêu )"), "Văn hóa-xã hội");
        assert_eq!(drop_count("Tỷ lệ bao phủ (BHYT)"), "Tỷ lệ bao phủ (BHYT)");
    }

    #[test]
    fn quotes_yaml_strings() {
        assert_eq!(q("a \"b\" \\ c"), r#""a \"b\" \\ c""#);
        assert_eq!(q("Tấn"), "\"Tấn\"");
    }

    #[test]
    fn roman_numerals_are_groups() {
        assert!(is_roman("IV"));
        assert!(is_roman("XII"));
        assert!(!is_roman("IIII"));
        assert!(!is_roman("A"));
    }
}
