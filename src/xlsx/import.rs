//! `vanban import`: a district's biểu (xlsx, xls, ods) → an indicator file.
//!
//! The sheet is read as a person reads it: a title block, the header rows
//! (merged cells filled forward), an optional column-number row ("A, B, 1, 2, …
//! 5=4/3*100"), then group rows (Roman TT), indicators (Arabic TT) and sub-rows
//! ("-" or "+"). Each number is written as the sheet shows it (its number
//! format), exactly; derived columns are only compared with vanban's
//! computation. Every problem names the sheet and cell.
//!
//! Which column set (`src/indicators/columns.rs`): the formulas of the
//! column-number row say it when there are some — a named set's
//! ([`super::columns::SETS`]: `sau_thang`, `ke_hoach_nam`), or else a set of the
//! sheet's own, written as a `cot:` list (letters: text columns, numbers: input
//! columns, "3=2/1*100": derived columns). Without formulas the header words
//! decide: an "ước thực hiện" column and no "cùng kỳ" make the yearly plan.
//! Columns of a named set are matched by their header words, by their place
//! beside another column, then by the column-number row; its `cot:` labels come
//! from the headers. A header that is no known set's is an error naming every
//! column that was not understood.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Dimensions, Reader, Sheets};
use rust_decimal::{Decimal, RoundingStrategy};

use super::columns::{
    column_number_label, compose, contains_words, formula_text, label_of, normalise, same_formula, ColumnKind, ColumnSpec, SheetSet, KNOWN_EXTRA, SETS,
};
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
    /// The indicator file key (or `tt`, `ten`), or `None` when ignored.
    pub key: Option<String>,
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
    /// What the reader decided that is worth telling (where the table ended).
    pub notes: Vec<Msg>,
    /// The table as vanban reads the written file back.
    pub table: indicators::Table,
}

/// Reads a biểu. `Err` carries the diagnostics when there is at least one error.
pub fn import(path: &Path, sheet: Option<&str>) -> Result<Imported, Vec<Diagnostic>> {
    let by_name = open_workbook_auto(path).map_err(|e| e.to_string());
    match by_name {
        Ok(book) => import_book(path, book, sheet),
        // A workbook under another format's name (an .xls or .ods saved as
        // "….xlsx"): read as what it is, and said.
        Err(reason) => match open_by_content(path) {
            Some(book) => {
                let is = match &book {
                    Sheets::Xls(_) => ".xls",
                    Sheets::Ods(_) => ".ods",
                    Sheets::Xlsb(_) => ".xlsb",
                    Sheets::Xlsx(_) => ".xlsx",
                };
                let mut imported = import_book(path, book, sheet)?;
                imported.notes.push(Msg::new(
                    format!("tệp là bảng tính {is} dù tên ghi khác; vanban đọc nó như tệp {is}"),
                    format!("the file is an {is} workbook under another name; vanban read it as {is}"),
                ));
                Ok(imported)
            }
            None => {
                let (message, hint) = not_a_workbook(path, &reason);
                let mut d = Diagnostic::file_error(Kind::Encoding, path, message);
                d.hint = hint;
                Err(vec![d])
            }
        },
    }
}

/// A workbook recognised by its content, whatever its name says; `None` when
/// it is none (or larger than a biểu ever is).
fn open_by_content(path: &Path) -> Option<Sheets<std::io::Cursor<Vec<u8>>>> {
    const MAX_BYTES: u64 = 256 * 1024 * 1024;
    if std::fs::metadata(path).ok()?.len() > MAX_BYTES {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).ok()
}

fn import_book<RS: std::io::Read + std::io::Seek>(path: &Path, mut book: Sheets<RS>, sheet: Option<&str>) -> Result<Imported, Vec<Diagnostic>> {
    let file_error = |vi: String, en: String| vec![Diagnostic::file_error(Kind::Encoding, path, Msg::new(vi, en))];
    let names = book.sheet_names();
    if names.is_empty() {
        return Err(vec![Diagnostic::file_error(
            Kind::Encoding,
            path,
            Msg::new("bảng tính không có trang tính nào: tệp bị hỏng hoặc không phải do Excel hay LibreOffice lưu", "the workbook has no sheet: the file is damaged or was not saved by Excel or LibreOffice"),
        )
        .with_hint(Msg::new("mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại thành .xlsx rồi nhập lại; hoặc xin lại biểu gốc", "open the file in Excel or LibreOffice Calc, save it as .xlsx and import again; or ask for the biểu again"))]);
    }
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
        // The visible sheets first, in the workbook's order: a hidden sheet is
        // often last year's biểu kept for reference, read only when no
        // visible sheet holds a biểu.
        None => {
            let hidden: Vec<&str> = book.sheets_metadata().iter().filter(|m| m.visible != calamine::SheetVisible::Visible).map(|m| m.name.as_str()).collect();
            let (mut visible, hidden): (Vec<String>, Vec<String>) = names.iter().cloned().partition(|n| !hidden.contains(&n.as_str()));
            visible.extend(hidden);
            visible
        }
    };
    let hidden_sheets: Vec<String> = names.iter().filter(|n| book_hidden(&book, n)).cloned().collect();
    let hidden_sheet = |name: &str| hidden_sheets.iter().any(|h| h == name);
    let mut first_failure = None;
    // The first sheet with a header row that did not read as a biểu (an
    // instructions sheet "TT | Chỉ tiêu | Cách ghi"), and why: when vanban
    // chose the sheet, the next one is tried.
    let mut not_a_bieu: Option<(String, Vec<Diagnostic>)> = None;
    for name in &chosen {
        if let Some(far) = sheet_too_large(&mut book, name) {
            return Err(vec![Diagnostic::in_sheet(Severity::Error, Kind::SheetLayout, path, name.clone(), far).with_hint(Msg::new(
                "xóa nội dung và định dạng của các ô ngoài biểu (chọn các hàng, cột thừa, Delete), hoặc chép riêng biểu sang một trang tính mới rồi nhập lại",
                "clear the contents and formats of the cells outside the biểu (select the extra rows and columns, Delete), or copy the biểu alone to a new sheet and import again",
            ))]);
        }
        let grid = match Grid::read(&mut book, path, name) {
            Ok(g) => g,
            Err(e) => {
                return Err(file_error(format!("không đọc được trang tính \"{name}\": {e}"), format!("cannot read sheet \"{name}\": {e}")))
            }
        };
        match SheetImport::new(path, name, &grid) {
            Some(mut s) => {
                // A sheet with figures under its header is a biểu, however
                // its header reads: never passed over for another sheet.
                let (data_start, tt_col) = (s.data_start, s.tt_col);
                let has_figures = (data_start..grid.rows).any(|r| (0..grid.cols).filter(|&c| c != tt_col).any(|c| matches!(grid.get(r, c), Data::Float(_) | Data::Int(_))));
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
                let mut imported = match s.run() {
                    Ok(imported) => imported,
                    // Only a sheet that is no biểu is passed over: a biểu with
                    // a wrong cell stops here, never for another sheet's data.
                    Err((diags, true)) if sheet.is_none() && chosen.len() > 1 && !has_figures => {
                        not_a_bieu.get_or_insert((name.clone(), diags));
                        continue;
                    }
                    Err((diags, _)) => return Err(diags),
                };
                if let Some((skipped, _)) = &not_a_bieu {
                    imported.notes.push(Msg::new(
                        format!("trang tính \"{skipped}\" có hàng TT và Chỉ tiêu nhưng không đọc được như biểu: bỏ qua"),
                        format!("sheet \"{skipped}\" has a TT and Chỉ tiêu row but does not read as a biểu: skipped"),
                    ));
                }
                if sheet.is_none() && names.len() > 1 {
                    let others: Vec<String> = names.iter().filter(|n| *n != name).cloned().collect();
                    imported.notes.push(Msg::new(
                        format!("đã đọc trang tính \"{name}\"{}; tệp còn có: {} (chọn trang khác bằng --sheet TÊN)", if hidden_sheet(name) { " (đang ẩn)" } else { "" }, quoted(&others)),
                        format!("read sheet \"{name}\"{}; the workbook also has: {} (choose another with --sheet NAME)", if hidden_sheet(name) { " (hidden)" } else { "" }, quoted(&others)),
                    ));
                }
                return Ok(imported);
            }
            None if first_failure.is_none() => first_failure = Some(name.clone()),
            None => {}
        }
    }
    if let Some((name, mut diags)) = not_a_bieu {
        // No sheet read: what the first one said, and where else to look.
        let others: Vec<String> = names.iter().filter(|n| **n != name).cloned().collect();
        diags.push(
            Diagnostic::in_sheet(
                Severity::Error,
                Kind::SheetLayout,
                path,
                name.clone(),
                Msg::new(
                    format!("không trang tính nào đọc được như biểu; các lỗi trên là của trang \"{name}\", trang đầu tiên có hàng TT và Chỉ tiêu"),
                    format!("no sheet reads as a biểu; the errors above are those of sheet \"{name}\", the first with a TT and Chỉ tiêu row"),
                ),
            )
            .with_hint(Msg::new(
                format!("chọn trang tính của biểu bằng --sheet TÊN; tệp còn có: {}", quoted(&others)),
                format!("choose the biểu's sheet with --sheet NAME; the workbook also has: {}", quoted(&others)),
            )),
        );
        return Err(diags);
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

/// Whether a sheet is hidden in the workbook (Format › Sheet › Hide).
fn book_hidden<RS: std::io::Read + std::io::Seek>(book: &Sheets<RS>, name: &str) -> bool {
    book.sheets_metadata().iter().any(|m| m.name == name && m.visible != calamine::SheetVisible::Visible)
}

fn quoted(names: &[String]) -> String {
    names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ")
}

/// The most cells a sheet may span (from its first used cell to its last):
/// a biểu of 5 000 rows by 100 columns fits.
const MAX_SHEET_CELLS: u64 = 500_000;

/// Whether an .xlsx sheet spans more cells than a biểu could: the reader
/// lays a sheet out as a dense grid from its first cell to its last, so one
/// stray cell at XFD1048576 would ask for hundreds of gigabytes. Counted
/// cell by cell first, without the grid. Said as the far cell and the size.
fn sheet_too_large<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> Option<Msg> {
    let Sheets::Xlsx(x) = book else { return None };
    let mut reader = x.worksheet_cells_reader(name).ok()?;
    let (mut first, mut last) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    let mut far = (0u32, 0u32);
    // Formatted empty cells count: the formats are laid out on a grid too.
    while let Ok(Some(cell)) = reader.next_cell() {
        let (r, c) = cell.get_position();
        first = (first.0.min(r), first.1.min(c));
        last = (last.0.max(r), last.1.max(c));
        if u64::from(r) + u64::from(c) > u64::from(far.0) + u64::from(far.1) {
            far = (r, c);
        }
    }
    if first.0 == u32::MAX {
        return None;
    }
    let rows = u64::from(last.0 - first.0) + 1;
    let cols = u64::from(last.1 - first.1) + 1;
    (rows * cols > MAX_SHEET_CELLS).then(|| {
        let cell = super::cell_name(far.0, far.1);
        Msg::new(
            format!("trang tính dùng đến ô {cell}: {rows} hàng × {cols} cột, quá lớn cho một biểu (tối đa {MAX_SHEET_CELLS} ô)"),
            format!("the sheet reaches cell {cell}: {rows} rows × {cols} columns, too large for a biểu (at most {MAX_SHEET_CELLS} cells)"),
        )
    })
}

/// A sheet's cells at absolute positions, with their number formats and merges.
struct Grid {
    cells: calamine::Range<Data>,
    /// Formula texts (without "="); empty when the format keeps none.
    formulas: calamine::Range<String>,
    styles: calamine::StyleRange,
    /// An .ods's percentage cells (its number formats are not read).
    ods_percent: std::collections::HashSet<(u32, u32)>,
    /// Whether a cell shown as a percentage can be told (xlsx: its number
    /// format; ods: its value type). An .xls's formats are not read.
    percent_known: bool,
    merges: Vec<Dimensions>,
    /// Some formula of the sheet has its result saved (see `unsaved_formula`).
    results_saved: bool,
    /// .xlsx: the formulas without a saved result, read from the sheet part.
    unsaved_formulas: Option<std::collections::BTreeSet<(u32, u32)>>,
    /// Rows hidden in the workbook (xlsx, ods): imported, and named.
    hidden_rows: std::collections::BTreeSet<u32>,
    /// Columns hidden in the workbook (xlsx, ods): a shown column of the same
    /// name is read first.
    hidden_cols: std::collections::BTreeSet<u32>,
    rows: u32,
    cols: u32,
}

impl Grid {
    fn read<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, path: &Path, name: &str) -> Result<Grid, String> {
        let cells = book.worksheet_range(name).map_err(|e| e.to_string())?;
        // Styles (number formats) are read from xlsx only; other formats show
        // their stored value ("General").
        let styles = book.worksheet_style(name).unwrap_or_else(|_| calamine::StyleRange::empty());
        // An .ods's merges and percentage cells, which calamine does not keep.
        let ods = match book {
            Sheets::Ods(_) => super::ods::cells(path, name),
            _ => Default::default(),
        };
        #[allow(deprecated)]
        let merges = match book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.worksheet_merge_cells(name).unwrap_or_default(),
            _ => ods.merges,
        };
        // A generator (openpyxl, scripts) may write formulas without their
        // results: the formula itself still tells a derived cell from an empty one.
        let formulas = book.worksheet_formula(name).unwrap_or_else(|_| calamine::Range::empty());
        let ods_percent = ods.percent;
        let percent_known = matches!(book, Sheets::Xlsx(_) | Sheets::Ods(_));
        let hidden = match book {
            Sheets::Xlsx(_) => super::hidden::xlsx(path, name),
            Sheets::Ods(_) => super::hidden::ods(path, name),
            _ => Default::default(),
        };
        let (rows, cols) = cells.end().map_or((0, 0), |(r, c)| (r + 1, c + 1));
        // A program that calculates (Excel, LibreOffice) saves every formula's
        // result; one that only writes (a script) saves none.
        let results_saved = formulas.cells().any(|(r, c, f)| {
            let (r, c) = (r as u32 + formulas.start().map_or(0, |s| s.0), c as u32 + formulas.start().map_or(0, |s| s.1));
            !f.trim().is_empty() && !matches!(cells.get_value((r, c)), None | Some(Data::Empty)) && !matches!(cells.get_value((r, c)), Some(Data::String(v)) if v.is_empty())
        });
        let super::hidden::Hidden { rows: hidden_rows, cols: hidden_cols, unsaved_formulas } = hidden;
        Ok(Grid { cells, formulas, styles, ods_percent, percent_known, merges, hidden_rows, hidden_cols, rows, cols, results_saved, unsaved_formulas })
    }

    fn get(&self, r: u32, c: u32) -> &Data {
        self.cells.get_value((r, c)).unwrap_or(&Data::Empty)
    }

    /// The formula of a cell whose result the file did not save: `None` when
    /// the cell has no formula or has a value. In a sheet whose other formulas
    /// have their results saved, an empty one is the formula's own result
    /// (`=IF(E5=0;"";…)`, saved as an empty string): an empty cell.
    fn unsaved_formula(&self, r: u32, c: u32) -> Option<&str> {
        let f = self.formulas.get_value((r, c)).map(String::as_str).filter(|f| !f.trim().is_empty())?;
        // An .xlsx says it cell by cell: `<f>` without a `<v>` that says
        // something (a script that appended the formula to a saved sheet).
        if self.unsaved_formulas.as_ref().is_some_and(|u| u.contains(&(r, c))) {
            return Some(f);
        }
        // An empty string result (`t="str"`, `<v></v>`) is the formula's own
        // in a sheet whose formulas have results; in a sheet where none has,
        // a generator wrote it so (rust_xlsxwriter's default result).
        if self.results_saved {
            return None;
        }
        match self.get(r, c) {
            Data::Empty => Some(f),
            Data::String(s) if s.trim().is_empty() => Some(f),
            _ => None,
        }
    }

    fn format(&self, r: u32, c: u32) -> &str {
        if self.ods_percent.contains(&(r, c)) {
            return "0.##########%";
        }
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
            // A date as the sheet shows it in Vietnam (15/06/2023), never
            // as its serial number (45092) or ISO text.
            Data::DateTimeIso(s) => iso_date_text(s).unwrap_or_else(|| s.clone()),
            Data::DurationIso(s) => s.clone(),
            Data::DateTime(d) if d.is_datetime() => {
                let (y, mo, day, h, mi, _, _) = d.to_ymd_hms_milli();
                // A time of day alone ("h:mm") is stored below 1 (a day).
                if d.as_f64() < 1.0 { format!("{h:02}:{mi:02}") } else { date_text(y, mo, day, h, mi) }
            }
            Data::DateTime(d) => d.to_string(),
            Data::Error(e) => e.to_string(),
            Data::Empty => String::new(),
        }
    }

    /// A cell's text, or the text of the merge above it when the cell lies in
    /// a region merged down over rows (a Ghi chú for several rows).
    fn text_merged_down(&self, r: u32, c: u32) -> String {
        let own = self.text(r, c);
        if !own.is_empty() {
            return own;
        }
        match self.merge_of(r, c) {
            Some(m) if m.start.0 < r => self.text(m.start.0, m.start.1),
            _ => own,
        }
    }

    /// The merged region a cell lies in, if any.
    fn merge_of(&self, r: u32, c: u32) -> Option<&Dimensions> {
        self.merges.iter().find(|m| m.start.0 <= r && r <= m.end.0 && m.start.1 <= c && c <= m.end.1)
    }
}

/// "4,150" or "12,500,000": digits grouped by threes with commas and no dot,
/// which the English way is a whole number; that number written the
/// Vietnamese way ("4.150"), else `None`.
fn english_thousands(text: &str) -> Option<String> {
    let sign = if text.trim().starts_with('-') { "-" } else { "" };
    let groups: Vec<&str> = text.trim().trim_start_matches('-').split(',').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3);
    grouped.then(|| format!("{sign}{}", groups.join(".")))
}

/// "1 234" or "-12 500 000,5": digits grouped by threes with spaces (any
/// kind: `clean` has made them one space), written with dots ("1.234");
/// else `None`.
fn space_grouped(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(r) => ("-", r.trim_start()),
        None => ("", text),
    };
    let (int, frac) = match rest.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (rest, None),
    };
    let groups: Vec<&str> = int.split(' ').collect();
    let grouped = groups.len() > 1
        && (1..=3).contains(&groups[0].len())
        && groups.iter().all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && groups[1..].iter().all(|g| g.len() == 3)
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    grouped.then(|| format!("{sign}{}{}", groups.join("."), frac.map(|f| format!(",{f}")).unwrap_or_default()))
}

/// "15/06/2023", with "08:30" after it when the time is not midnight.
fn date_text(year: u16, month: u8, day: u8, hour: u8, minute: u8) -> String {
    let date = format!("{day:02}/{month:02}/{year}");
    if (hour, minute) == (0, 0) { date } else { format!("{date} {hour:02}:{minute:02}") }
}

/// An ods date ("2023-06-15" or "2023-06-15T08:30:00") as [`date_text`].
fn iso_date_text(s: &str) -> Option<String> {
    let (date, time) = s.split_once('T').unwrap_or((s, ""));
    let mut ymd = date.split('-').map(|p| p.parse::<u16>().ok());
    let (y, m, d) = (ymd.next()??, ymd.next()??, ymd.next()??);
    let mut hm = time.split(':').map(|p| p.parse::<u8>().ok());
    let (h, mi) = (hm.next().flatten().unwrap_or(0), hm.next().flatten().unwrap_or(0));
    Some(date_text(y, u8::try_from(m).ok()?, u8::try_from(d).ok()?, h, mi))
}

/// NFC, one space between words (cells often hold line breaks).
fn clean(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    // A control character (Excel's "_x0007_", a line break typed with
    // Alt+Enter) is no letter of the biểu: it reads as a space.
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
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
    notes: Vec<Msg>,
    /// Derived cells holding a formula whose result was not saved.
    unsaved: Vec<(u32, u32)>,
}

/// What the rows are made of.
struct ReadRow {
    at: u32,
    name: String,
    unit: String,
    note: String,
    /// The values of the set's input and text columns, by key, in its order.
    values: Vec<(String, Value)>,
    judgement: Judgement,
    reason: &'static str,
    subs: Vec<ReadRow>,
}

/// How the sheet's columns are read: vanban's column set (with the sheet's
/// labels) and the sheet column of each of its columns.
struct Layout {
    set: indicators::ColumnSet,
    /// The sheet column of each of `set.columns` (`None`: the sheet has none).
    at: Vec<Option<u32>>,
    name_col: u32,
    /// The named set (`mau:`), or `None` for a set of the sheet's own.
    preset: Option<&'static SheetSet>,
    /// The `cot:` labels of a named set, in its order.
    labels: Vec<(&'static str, String)>,
    /// A set of its own: the derived column that compares with the plan,
    /// offered as `danh_gia_theo` in a comment.
    suggested_evaluation: Option<u32>,
    columns: Vec<MappedColumn>,
}

impl Layout {
    /// The sheet column of ĐVT, if the sheet has one.
    fn unit_column(&self) -> Option<u32> {
        self.set.columns.iter().zip(&self.at).find(|(c, _)| matches!(c.kind, indicators::ColumnKind::Unit)).and_then(|(_, a)| *a)
    }

    /// The sheet columns of the set's input and text columns (the values).
    fn input_columns(&self) -> Vec<u32> {
        use indicators::ColumnKind as K;
        self.set.columns.iter().zip(&self.at).filter(|(c, _)| matches!(c.kind, K::Input | K::Text)).filter_map(|(_, a)| *a).collect()
    }
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
                // A section "A", "B" opens the data too (it is no header row).
                let letter = |r: u32| {
                    let t = grid.text(r, tt_col);
                    let t = t.trim().trim_end_matches(['.', ')']);
                    t.chars().count() == 1 && t.chars().all(|c| c.is_ascii_uppercase())
                };
                let first_data = (header_start + 1..grid.rows)
                    .find(|&r| matches!(row_kind_of(grid, r, tt_col, ""), Some(RowKind::Group | RowKind::Indicator)) || letter(r))
                    .unwrap_or(grid.rows);
                (first_data.saturating_sub(1).max(header_start), first_data)
            }
        };
        Some(SheetImport { path, sheet, grid, header_start, header_end, number_row, data_start, tt_col, diags: Vec::new(), notes: Vec::new(), unsaved: Vec::new() })
    }

    /// The first row of the merge that cell (r, c) lies in, when the cell is
    /// empty and the merge starts on a row above: the cell shows that row's text.
    fn merged_above(&self, r: u32, c: u32) -> Option<u32> {
        if !self.grid.text(r, c).is_empty() {
            return None;
        }
        self.grid.merge_of(r, c).filter(|m| m.start.0 < r).map(|m| m.start.0)
    }

    fn place(&self, r: u32, c: u32) -> String {
        format!("{}!{}", self.sheet, cell_name(r, c))
    }

    /// An .xls does not say which cells it shows as percentages: a row in "%"
    /// whose numbers are all fractions (0,928) may be 92,8 % shown as such.
    /// Said once a row, at its first such cell; the number is kept as stored.
    fn fractions_under_percent(&mut self, r: u32, unit: &str, values: &[(String, Value, Option<u32>, bool)]) {
        if self.grid.percent_known || unit.trim() != "%" {
            return;
        }
        let numbers: Vec<(&Shown, u32)> = values
            .iter()
            .filter_map(|(_, v, c, typed)| match (v, c) {
                (Value::Number(s), Some(c)) if *typed => Some((s, *c)),
                _ => None,
            })
            .collect();
        let fraction = |s: &Shown| !s.number.0.is_zero() && s.number.0.abs() < Decimal::ONE;
        let Some(&(first, c)) = numbers.first().filter(|_| numbers.iter().all(|(s, _)| fraction(s))) else { return };
        let as_percent = first.number.0.checked_mul(Decimal::ONE_HUNDRED).map(|x| VnNumber(x.normalize()).to_string()).unwrap_or_default();
        let stored = first.number.to_string();
        self.push(
            Severity::Warning,
            Kind::SheetLayout,
            r,
            c,
            Msg::new(
                format!("dòng có ĐVT \"%\" nhưng mọi số đều nhỏ hơn 1 (ô này ghi {stored}); tệp .xls không cho biết ô có hiện dưới dạng phần trăm ({as_percent}%) hay không: vanban giữ {stored}"),
                format!("a row in \"%\" whose numbers are all below 1 (this cell holds {stored}); an .xls does not say whether the cell shows as a percentage ({as_percent}%): vanban keeps {stored}"),
            ),
            Some(Msg::new(
                format!("nếu biểu hiện {as_percent}%, lưu biểu thành .xlsx (Excel: Save As → .xlsx) rồi nhập lại, hoặc sửa số trong tệp đã nhập"),
                format!("if the biểu shows {as_percent}%, save it as .xlsx (Excel: Save As → .xlsx) and import again, or correct the numbers in the imported file"),
            )),
        );
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

    /// Reads the sheet. `Err`: its diagnostics, and whether the sheet is no
    /// biểu at all (its columns match no biểu, or no indicator stands under
    /// its header: an instructions sheet), which lets the caller try another.
    fn run(mut self) -> Result<Imported, (Vec<Diagnostic>, bool)> {
        let grid = self.grid;
        let headers: Vec<Vec<String>> = (0..grid.cols).map(|c| self.header_parts(c)).collect();
        let normalised: Vec<String> = headers.iter().map(|p| normalise(&ratio_words(&p.join(" ")))).collect();
        let numbers: Vec<Option<(String, Option<String>)>> =
            (0..grid.cols).map(|c| self.number_row.and_then(|r| column_number_label(&number_text(grid, r, c)))).collect();
        let layout = match choose_set(&normalised, &numbers) {
            Some(set) => self.preset_layout(set, &headers, &normalised, &numbers),
            None => self.own_layout(&headers, &normalised, &numbers),
        };
        let layout = match layout {
            Some(l) if !self.diags.iter().any(Diagnostic::is_error) => l,
            _ => return Err((self.diags, true)),
        };
        let name_col = layout.name_col;
        let mapped: Vec<u32> = layout.at.iter().flatten().copied().chain([self.tt_col, name_col]).collect();

        // Rows, down to the end of the table.
        let inputs = layout.input_columns();
        let mut groups: Vec<ReadGroup> = Vec::new();
        let mut blank_run = 0;
        // Hidden rows read into the table: (row, name).
        let mut hidden_read: Vec<(u32, String)> = Vec::new();
        // The number vanban prints for the last indicator, and the sheet's own
        // numbers that differ: (row, sheet's TT, printed).
        let mut printed_no = 0usize;
        // The sheet's TT of the last indicator read ("1"), for its parts "1.1".
        let mut last_indicator_tt: Option<String> = None;
        let mut renumbered: Vec<(u32, String, usize)> = Vec::new();
        for r in self.data_start..grid.rows {
            let name_raw = grid.text(r, name_col);
            let mapped_empty = mapped.iter().all(|&c| matches!(grid.get(r, c), Data::Empty) || grid.text(r, c).is_empty());
            if mapped_empty {
                blank_run += 1;
                continue;
            }
            let gap = std::mem::take(&mut blank_run);
            let mut kind = row_kind_of(grid, r, self.tt_col, &name_raw);
            // "1.1" is a part of indicator 1 only right under it (its parts);
            // a biểu numbering its indicators 1.1, 1.2 … under group I has no "1".
            let tt_text = grid.text(r, self.tt_col);
            if let Some((whole, _)) = dotted_number(&tt_text) {
                if kind == Some(RowKind::SubRow) && last_indicator_tt.as_deref() != Some(whole) {
                    kind = Some(RowKind::Indicator);
                }
            }
            // An indicator whose TT (and name) are merged down over a row per
            // unit ("Sản lượng lúa": Tấn on one row, Tạ/ha on the next): one
            // number, so one indicator; each further row is a sub-row of it,
            // with its own unit and figures (under the indicator's name when
            // the name is merged too).
            let mut merged_name: Option<(u32, String)> = None;
            if kind.is_none() && tt_text.trim().is_empty() {
                let merged_from = self.merged_above(r, self.tt_col).or_else(|| self.merged_above(r, name_col).filter(|_| name_raw.trim().is_empty()));
                let parent_at = groups.last().and_then(|g| g.rows.last()).map(|i| i.at);
                if let Some(p) = merged_from.filter(|&p| Some(p) == parent_at) {
                    kind = Some(RowKind::SubRow);
                    if name_raw.trim().is_empty() {
                        merged_name = Some((p, grid.text(p, name_col)));
                    }
                }
            }
            // "A", "B" with a heading and no figures: a section over the Roman
            // groups when one follows before the next indicator, else a group.
            if kind.is_none() && self.letter_group(r, &name_raw, &inputs, name_col) {
                kind = Some(RowKind::Group);
            }
            if kind.is_none() {
                if let Some(why) = self.table_end(r, gap, &layout, &inputs) {
                    self.end_table(r, why, &layout, &inputs);
                    break;
                }
            }
            // "Trong đó:" on a line of its own, no number, no figures: the label
            // of the sub-rows below, which belong to the indicator above. It is
            // no indicator (the summary would count it).
            let label_only = normalise(&name_raw) == "trong do" && inputs.iter().all(|&c| grid.text(r, c).is_empty());
            if kind.is_none() && label_only {
                self.notes.push(Msg::new(
                    format!("{}: hàng {} (\"{}\") là lời dẫn của các dòng con bên dưới, không phải chỉ tiêu; không ghi", self.sheet, r + 1, name_raw.trim()),
                    format!("{}: row {} (\"{}\") introduces the sub-rows below, it is no indicator; not written", self.sheet, r + 1, name_raw.trim()),
                ));
                continue;
            }
            let no_figures = inputs.iter().all(|&c| grid.text(r, c).is_empty());
            if kind.is_none() {
                if let Some(skip) = self.not_an_indicator(r, &name_raw, no_figures, &mut groups) {
                    self.notes.push(skip);
                    continue;
                }
            }
            let kind = match kind {
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
            if grid.hidden_rows.contains(&r) {
                hidden_read.push((r, name_raw.trim().to_owned()));
            }
            if kind == RowKind::Group {
                let tt = grid.text(r, self.tt_col);
                let title = if name_raw.trim().is_empty() { roman_heading(&tt).unwrap_or_default().to_owned() } else { name_raw.clone() };
                groups.push(ReadGroup { at: r, title: drop_count(&title), rows: Vec::new() });
                continue;
            }
            let name = match (kind, &merged_name) {
                (RowKind::SubRow, Some((_, name))) => name.clone(),
                (RowKind::SubRow, None) => name_raw.trim_start_matches(['-', '+', '–', ' ']).to_owned(),
                _ => name_raw.clone(),
            };
            if let Some((p, merged)) = &merged_name {
                let unit = layout.unit_column().map(|c| grid.text_merged_down(r, c)).unwrap_or_default();
                let unit = if unit.is_empty() { String::new() } else { format!(", ĐVT \"{unit}\"") };
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    r,
                    name_col,
                    Msg::new(
                        format!("ô {} gộp dọc xuống hàng {} (\"{merged}\"): một số thứ tự nên là một chỉ tiêu; hàng {}{unit} được nhập làm dòng con của nó, cùng tên, với số liệu riêng", cell_name(*p, name_col), r + 1, r + 1),
                        format!("cell {} is merged down over row {} (\"{merged}\"): one number is one indicator; row {}{unit} is imported as its sub-row, under the same name, with its own figures", cell_name(*p, name_col), r + 1, r + 1),
                    ),
                    Some(Msg::new(
                        "đặt tên riêng cho dòng con trong tệp đã nhập (ví dụ \"Năng suất lúa\"); nếu đó là hai chỉ tiêu, bỏ gộp ô trong bảng tính, ghi số thứ tự và tên cho từng hàng rồi nhập lại",
                        "give the sub-row a name of its own in the imported file (e.g. \"Năng suất lúa\"); if they are two indicators, unmerge the cells in the workbook, give each row its number and name, and import again",
                    )),
                );
            }
            if name.is_empty() {
                let tt = grid.text(r, self.tt_col);
                // The name cell of a row with its own number, merged down from
                // the row above: which cell, and the two ways out.
                if let Some(p) = self.merged_above(r, name_col) {
                    let merged = grid.text(p, name_col);
                    self.push(
                        Severity::Error,
                        Kind::Empty,
                        r,
                        name_col,
                        Msg::new(
                            format!("hàng {} có số thứ tự riêng \"{tt}\" nhưng ô tên {} nằm trong vùng gộp dọc với ô {} (\"{merged}\") ở trên, nên hàng này không có tên chỉ tiêu", r + 1, cell_name(r, name_col), cell_name(p, name_col)),
                            format!("row {} has its own number \"{tt}\" but its name cell {} lies in the merge with cell {} (\"{merged}\") above, so the row has no indicator name", r + 1, cell_name(r, name_col), cell_name(p, name_col)),
                        ),
                        Some(Msg::new(
                            format!("nếu là chỉ tiêu riêng, bỏ gộp ô {} và ghi tên vào ô {}; nếu là một đơn vị tính khác của chỉ tiêu trên, xóa số \"{tt}\" ở ô {} (hoặc gộp ô đó với ô số thứ tự ở trên)", cell_name(p, name_col), cell_name(r, name_col), cell_name(r, self.tt_col)),
                            format!("if it is an indicator of its own, unmerge cell {} and write its name in cell {}; if it is another unit of the indicator above, delete the number \"{tt}\" in cell {} (or merge that cell with the number above)", cell_name(p, name_col), cell_name(r, name_col), cell_name(r, self.tt_col)),
                        )),
                    );
                    continue;
                }
                self.push(
                    Severity::Error,
                    Kind::Empty,
                    r,
                    name_col,
                    Msg::new(
                        format!("hàng {} (số thứ tự \"{tt}\") có số liệu nhưng không có tên chỉ tiêu", r + 1),
                        format!("row {} (number \"{tt}\") holds values but no indicator name", r + 1),
                    ),
                    Some(Msg::new(
                        format!("ghi tên chỉ tiêu vào ô {}; nếu hàng này không phải chỉ tiêu, xóa nó hoặc chuyển xuống dưới bảng", cell_name(r, name_col)),
                        format!("write the indicator's name in cell {}; if the row is no indicator, delete it or move it below the table", cell_name(r, name_col)),
                    )),
                );
                continue;
            }
            let read = self.read_row(r, name, &layout);
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
                _ => {
                    group.rows.push(read);
                    last_indicator_tt = Some(tt_text.trim().trim_end_matches('.').to_owned());
                    printed_no += 1;
                    let tt = grid.text(r, self.tt_col);
                    if tt.trim().trim_end_matches('.').parse::<usize>().is_ok_and(|n| n != printed_no) {
                        renumbered.push((r, tt.trim().to_owned(), printed_no));
                    }
                }
            }
        }
        // vanban numbers the indicators 1, 2, 3 … through the table: a sheet
        // numbered otherwise (each group from 1, a number twice, a gap) prints
        // other numbers than it shows, which a reader comparing the two must know.
        if let Some(&(r, _, _)) = renumbered.first() {
            let shown: Vec<String> = renumbered.iter().take(5).map(|(r, tt, n)| format!("{} {tt} → {n}", r + 1)).collect();
            let more = if renumbered.len() > 5 { ", …" } else { "" };
            self.notes.push(Msg::new(
                format!("{}: số thứ tự trong bảng tính khác số vanban in (vanban đánh số chỉ tiêu liền 1, 2, 3… qua cả bảng), từ hàng {}: hàng {}{more}", self.sheet, r + 1, shown.join(", hàng ")),
                format!("{}: the sheet's TT numbers differ from those vanban prints (it numbers the indicators 1, 2, 3… through the table), from row {}: row {}{more}", self.sheet, r + 1, shown.join(", row ")),
            ));
        }
        if let Some(&(r, c)) = self.unsaved.first() {
            let cells: Vec<String> = self.unsaved.iter().take(6).map(|&(r, c)| cell_name(r, c)).collect();
            let more = if self.unsaved.len() > 6 { ", …" } else { "" };
            let n = self.unsaved.len();
            self.push(
                Severity::Warning,
                Kind::CellError,
                r,
                c,
                Msg::new(
                    format!("{n} ô của các cột tính là công thức mà tệp không lưu kết quả ({}{more}); vanban tự tính các cột này nên không so được với bảng tính; đánh giá suy ra như khi có kết quả", cells.join(", ")),
                    format!("{n} cells of the derived columns are formulas whose results the file did not save ({}{more}); vanban computes these columns itself, so they are not compared with the sheet; the evaluation is inferred as with results", cells.join(", ")),
                ),
                Some(Msg::new(
                    "để so sánh, mở tệp bằng Excel hoặc LibreOffice Calc, lưu lại rồi nhập lại",
                    "to compare them, open the file in Excel or LibreOffice Calc, save it and import again",
                )),
            );
        }
        if let Some(&(first, _)) = hidden_read.first() {
            // Imported all the same: the figures are the biểu's, and a row left
            // out without a word is worse than one too many, which shows.
            let rows: Vec<String> = hidden_read.iter().take(5).map(|(r, name)| format!("{} (\"{name}\")", r + 1)).collect();
            let more = if hidden_read.len() > 5 { format!(", … ({})", hidden_read.len()) } else { String::new() };
            self.push(
                Severity::Warning,
                Kind::SheetLayout,
                first,
                self.tt_col,
                Msg::new(
                    format!("hàng {}{more} đang ẩn trong bảng tính nhưng vẫn được nhập vào bảng chỉ tiêu", rows.join(", ")),
                    format!("row {}{more} is hidden in the workbook but imported into the indicator table all the same", rows.join(", ")),
                ),
                Some(Msg::new(
                    "nếu không đưa các hàng này vào báo cáo, xóa chúng trong tệp .chi-tieu.yaml vừa ghi, hoặc xóa hàng trong bảng tính rồi nhập lại",
                    "if these rows are not for the report, delete them from the .chi-tieu.yaml just written, or delete the rows in the workbook and import again",
                )),
            );
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
            return Err((self.diags, groups.is_empty()));
        }
        let yaml = write_yaml(self.path, self.sheet, &layout, &groups);
        // Read the file back as `vanban check` would: what was written must be valid.
        let mut back = Vec::new();
        let source = crate::model::load::SourceFile { path: self.path.with_extension("chi-tieu.yaml"), text: yaml.clone() };
        let table = crate::model::load::parse_yaml::<crate::model::IndicatorTable>(&source, &mut back)
            .map(|t| crate::check::check_table(&source.path, &source.text, &t, &mut back));
        match table {
            Some(table) if !back.iter().any(Diagnostic::is_error) => {
                Ok(Imported { sheet: self.sheet.to_owned(), yaml, columns: layout.columns, warnings: self.diags, notes: self.notes, table })
            }
            _ => {
                self.diags.extend(back.into_iter().filter(Diagnostic::is_error));
                Err((self.diags, false))
            }
        }
    }

    /// Whether row `r`, whose TT is no number of the table (no group, indicator
    /// or sub-row), is where the table ends, and why. Rows under a biểu are a
    /// footnote, a source, the date line and the signatures; they are told by
    /// their words, by a cell merged across the table, by two or more blank
    /// rows above them, or by holding no value while nothing numbered follows.
    /// The words alone would miss a footer worded otherwise; the structure alone
    /// would take a "Trong đó:" heading for one, which is why a row without
    /// values ends the table only when no numbered row comes after it.
    fn table_end(&self, r: u32, gap: u32, layout: &Layout, inputs: &[u32]) -> Option<Msg> {
        let grid = self.grid;
        let texts: Vec<String> = (0..grid.cols).map(|c| grid.text(r, c)).filter(|t| !t.is_empty()).collect();
        let first = texts.first().map_or(String::new(), |t| normalise(t));
        // "Nguồn" only as "Nguồn:" or "Nguồn số liệu": "Nguồn vốn …" may be an indicator.
        let raw_first = texts.first().map_or("", |t| t.as_str());
        let source = first.starts_with("nguon so lieu") || normalise(raw_first.split(':').next().unwrap_or("")) == "nguon" && raw_first.contains(':');
        let footnote = ["ghi chu", "chu thich", "luu y", "chu y"];
        if source || footnote.iter().any(|w| first == *w || first.starts_with(&format!("{w} "))) {
            return Some(Msg::new("một dòng ghi chú hoặc nguồn số liệu dưới bảng", "a footnote or source line under the table"));
        }
        let signature = |t: &String| {
            let n = normalise(t);
            let first_word = n.split(' ').next().unwrap_or("");
            ["tm", "kt", "tl", "tuq", "q"].contains(&first_word) && n.contains(' ')
                || ["nguoi lap bieu", "nguoi lap", "nguoi ky", "thu truong", "chu tich", "pho chu tich", "xac nhan", "ke toan truong", "giam doc"]
                    .iter()
                    .any(|w| n == *w || n.starts_with(&format!("{w} ")))
                || (t.contains(',') && contains_words(&n, "ngay") && contains_words(&n, "thang") && contains_words(&n, "nam"))
        };
        if let Some(t) = texts.iter().find(|t| signature(t)) {
            return Some(Msg::new(format!("phần ký tên dưới bảng (\"{t}\")"), format!("the signature block under the table (\"{t}\")")));
        }
        let last_input = inputs.iter().copied().max().unwrap_or(layout.name_col);
        let across = grid.merges.iter().any(|m| {
            m.start.0 <= r && r <= m.end.0 && m.start.1 <= layout.name_col.min(self.tt_col) && m.end.1 >= last_input.max(layout.name_col)
        });
        if across {
            return Some(Msg::new("một ô gộp ngang cả bảng", "a cell merged across the whole table"));
        }
        if gap >= 2 {
            return Some(Msg::new(format!("sau {gap} hàng trống"), format!("after {gap} blank rows")));
        }
        let has_values = |r: u32| inputs.iter().any(|&c| !grid.text(r, c).is_empty());
        let numbered_below = (r + 1..grid.rows).any(|b| {
            let name = grid.text(b, layout.name_col);
            row_kind_of(grid, b, self.tt_col, &name).is_some()
        });
        if !has_values(r) && !numbered_below {
            return Some(Msg::new(
                "không có số thứ tự, không có số liệu và không có hàng đánh số nào ở dưới",
                "no number in the TT column, no values and no numbered row below",
            ));
        }
        None
    }

    /// Ends the table at row `r`: a note says where and why; an indicator with
    /// values further down is an error (the row that ended the table may belong
    /// to it), never silently dropped.
    fn end_table(&mut self, r: u32, why: Msg, layout: &Layout, inputs: &[u32]) {
        let grid = self.grid;
        let text = (0..grid.cols).map(|c| grid.text(r, c)).find(|t| !t.is_empty()).unwrap_or_default();
        let short: String = if text.chars().count() > 40 { format!("{}…", text.chars().take(40).collect::<String>()) } else { text };
        self.notes.push(Msg::new(
            format!("{}: bảng chỉ tiêu dừng trước hàng {} (\"{short}\"): {}; từ hàng đó trở xuống không đọc", self.sheet, r + 1, why.vi),
            format!("{}: the indicator table ends before row {} (\"{short}\"): {}; nothing from that row down is read", self.sheet, r + 1, why.en),
        ));
        let below = (r + 1..grid.rows).find(|&b| {
            let name = grid.text(b, layout.name_col);
            row_kind_of(grid, b, self.tt_col, &name) == Some(RowKind::Indicator)
                && !name.is_empty()
                && inputs.iter().any(|&c| !grid.text(b, c).is_empty())
        });
        if let Some(b) = below {
            let name = grid.text(b, layout.name_col);
            self.push(
                Severity::Error,
                Kind::SheetLayout,
                r,
                self.tt_col,
                Msg::new(
                    format!("bảng chỉ tiêu dừng ở hàng {} ({}), nhưng hàng {} bên dưới là một chỉ tiêu (\"{name}\")", r + 1, why.vi, b + 1),
                    format!("the indicator table ends at row {} ({}), but row {} below it is an indicator (\"{name}\")", r + 1, why.en, b + 1),
                ),
                Some(Msg::new(
                    format!("nếu hàng {} thuộc bảng, ghi số thứ tự (I, 1, -) ở cột TT; nếu là ghi chú hay chữ ký, chuyển nó xuống dưới chỉ tiêu cuối cùng", r + 1),
                    format!("if row {} belongs to the table, give it a number (I, 1, -) in the TT column; if it is a footnote or signature, move it below the last indicator", r + 1),
                )),
            );
        }
    }

    /// A row without a number vanban can read that is no indicator, and what
    /// is done with it (a note for the import's output); `None`: read it as an
    /// indicator, with a warning. Counted as indicators, these changed the
    /// "(03 chỉ tiêu)" counts and the summary:
    /// - a total row ("Tổng cộng", "Cộng", "Toàn xã") with no number: vanban
    ///   adds no indicators of different units;
    /// - a section above the groups ("A", "B" with a heading, no figures):
    ///   the indicator file has groups only;
    /// - the rest of the name above on a line of its own ("(giá so sánh
    ///   2010)"), no number, no figures: joined to that name.
    /// Whether row `r`, "A"/"B" with a heading and no figures, is a group:
    /// true unless a Roman group row ("I") comes before the next indicator, in
    /// which case it is a section over the groups ([`Self::not_an_indicator`]).
    fn letter_group(&self, r: u32, name_raw: &str, inputs: &[u32], name_col: u32) -> bool {
        let grid = self.grid;
        let tt = grid.text(r, self.tt_col);
        let tt = tt.trim().trim_end_matches(['.', ')']);
        let letter = tt.chars().count() == 1 && tt.chars().all(|c| c.is_ascii_uppercase());
        if !letter || name_raw.trim().is_empty() || !inputs.iter().all(|&c| grid.text(r, c).is_empty()) {
            return false;
        }
        for below in r + 1..grid.rows {
            match row_kind_of(grid, below, self.tt_col, &grid.text(below, name_col)) {
                Some(RowKind::Group) => return false,
                Some(RowKind::Indicator) => return true,
                _ => {}
            }
        }
        true
    }

    fn not_an_indicator(&self, r: u32, name_raw: &str, no_figures: bool, groups: &mut [ReadGroup]) -> Option<Msg> {
        let grid = self.grid;
        let tt = grid.text(r, self.tt_col);
        let tt = tt.trim().trim_end_matches(['.', ')']);
        let name = name_raw.trim();
        let n = normalise(name);
        let place = format!("{}: hàng {}", self.sheet, r + 1);
        let place_en = format!("{}: row {}", self.sheet, r + 1);
        const TOTALS: [&str; 8] = ["tong cong", "tong so", "cong", "tong", "toan xa", "toan phuong", "toan thi tran", "tong cong toan xa"];
        if tt.is_empty() && TOTALS.contains(&n.as_str()) {
            return Some(Msg::new(
                format!("{place} (\"{name}\") là dòng tổng, không phải chỉ tiêu; không ghi"),
                format!("{place_en} (\"{name}\") is a total row, no indicator; not written"),
            ));
        }
        let letter = tt.chars().count() == 1 && tt.chars().all(|c| c.is_ascii_uppercase());
        if letter && no_figures && !name.is_empty() {
            return Some(Msg::new(
                format!("{place} (\"{tt}. {name}\") là tiêu đề phần, trên các nhóm I, II…; tệp chỉ tiêu chỉ có nhóm, nên không ghi"),
                format!("{place_en} (\"{tt}. {name}\") is a section heading above the groups I, II…; the indicator file has groups only, so it is not written"),
            ));
        }
        if tt.is_empty() && no_figures && name.starts_with('(') {
            let indicator = groups.last_mut().and_then(|g| g.rows.last_mut())?;
            // The line right above: the indicator's last part, if it has parts.
            let above = match indicator.subs.last_mut() {
                Some(part) => part,
                None => indicator,
            };
            let joined = format!("{} {name}", above.name.trim_end());
            let msg = Msg::new(
                format!("{place} (\"{name}\") là phần tiếp theo của tên chỉ tiêu ở trên; đã nối vào: \"{joined}\""),
                format!("{place_en} (\"{name}\") continues the name of the indicator above; joined: \"{joined}\""),
            );
            above.name = joined;
            return Some(msg);
        }
        None
    }

    /// The rows of the header, for messages: "5" or "5–6".
    fn header_rows(&self) -> String {
        if self.header_end > self.header_start {
            format!("{}–{}", self.header_start + 1, self.header_end + 1)
        } else {
            format!("{}", self.header_start + 1)
        }
    }

    /// Reads the columns as the named set `set`: by header words, by place
    /// beside another column, then by the column-number row. A missing column is
    /// an error, and then every header that matched nothing is named at its cell.
    fn preset_layout(
        &mut self,
        set: &'static SheetSet,
        headers: &[Vec<String>],
        normalised: &[String],
        numbers: &[Option<(String, Option<String>)>],
    ) -> Option<Layout> {
        let grid = self.grid;
        let cols = grid.cols as usize;
        let mut assigned: Vec<Option<(&'static ColumnSpec, bool)>> = vec![None; cols];
        let tt_spec = set.specs.iter().find(|s| s.kind == ColumnKind::Number).expect("every set has a TT column");
        assigned[self.tt_col as usize] = Some((tt_spec, false));
        // A shown column first: a biểu hides the plan given at the start of
        // the year beside the adjusted one it reports against.
        let shown_first: Vec<usize> = (0..cols).filter(|c| !grid.hidden_cols.contains(&(*c as u32))).chain((0..cols).filter(|c| grid.hidden_cols.contains(&(*c as u32)))).collect();
        for spec in set.specs.iter().filter(|s| s.kind != ColumnKind::Number) {
            let hit = shown_first
                .iter()
                .copied()
                .find(|&c| assigned[c].is_none() && !normalised[c].is_empty() && spec.names.iter().any(|n| contains_words(&normalised[c], n)));
            if let Some(c) = hit {
                assigned[c] = Some((spec, false));
            }
        }
        fn col_of(assigned: &[Option<(&ColumnSpec, bool)>], key: &str) -> Option<usize> {
            assigned.iter().position(|a| a.is_some_and(|(s, _)| s.key == key))
        }
        split_thuc_hien(set, normalised, &mut assigned);
        // Plain words ("Kế hoạch năm 2023") by their place beside another column,
        // unless the column-number row numbers the column as another one
        // (this year's plan "4" left of the estimate, beside last year's "1").
        // The number row is the set's own numbering when every column placed
        // by its words carries its number there ("A, B, C, 1, 4, 2, …"); a row
        // numbered otherwise (1, 2, 3 … across) says nothing of the columns.
        let placed: Vec<(usize, &ColumnSpec)> = assigned.iter().enumerate().filter_map(|(c, a)| a.map(|(s, _)| (c, s))).filter(|(_, s)| !s.number.is_empty()).collect();
        let row_is_the_sets = !placed.is_empty() && placed.iter().all(|(c, s)| numbers[*c].as_ref().is_some_and(|(label, _)| label == s.number));
        for b in set.beside {
            if col_of(&assigned, b.key).is_some() {
                continue;
            }
            let Some(anchor) = col_of(&assigned, b.anchor) else { continue };
            let Some(spec) = set.specs.iter().find(|s| s.key == b.key) else { continue };
            let numbered_otherwise = |c: usize| row_is_the_sets && numbers[c].as_ref().is_some_and(|(label, _)| label != spec.number);
            let nearest = (0..cols)
                .filter(|&c| if b.right { c > anchor } else { c < anchor })
                .filter(|&c| assigned[c].is_none() && !numbered_otherwise(c) && b.names.iter().any(|n| contains_words(&normalised[c], n)))
                .min_by_key(|&c| c.abs_diff(anchor));
            if let Some(c) = nearest {
                assigned[c] = Some((spec, false));
            }
        }
        // The column-number row places what the words did not; a label with a
        // formula only the column of that formula.
        for spec in set.specs {
            if spec.number.is_empty() || col_of(&assigned, spec.key).is_some() {
                continue;
            }
            let fits = |c: usize| match &numbers[c] {
                Some((label, formula)) => {
                    label == spec.number
                        && match (formula, spec.formula) {
                            (None, _) => true,
                            (Some(f), Some(g)) => same_formula(f, g),
                            (Some(_), None) => false,
                        }
                }
                None => false,
            };
            if let Some(c) = (0..cols).find(|&c| assigned[c].is_none() && fits(c)) {
                assigned[c] = Some((spec, true));
            }
        }
        let missing: Vec<&ColumnSpec> = set.specs.iter().filter(|s| s.required && col_of(&assigned, s.key).is_none()).collect();
        let set_name = |vi: bool| if vi { format!("{} (mau: {})", set.vi, set.name) } else { format!("{} (mau: {})", set.en, set.name) };
        let mut columns = Vec::new();
        for c in 0..grid.cols {
            let header = headers[c as usize].join(" / ");
            let key = assigned[c as usize].map(|(s, _)| s.key);
            if header.is_empty() && key.is_none() && numbers[c as usize].is_none() {
                continue;
            }
            columns.push(MappedColumn {
                column: column_name(c),
                header: header.clone(),
                key: key.map(str::to_owned),
                by_number: assigned[c as usize].is_some_and(|(_, n)| n),
            });
            if let (Some(key), true) = (key, grid.hidden_cols.contains(&c)) {
                // Read, as no shown column has its name: said, as a hidden row is.
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    self.header_start,
                    c,
                    Msg::new(
                        format!("cột {} (\"{header}\") đang ẩn trong bảng tính nhưng vẫn được nhập làm cột {key}", column_name(c)),
                        format!("column {} (\"{header}\") is hidden in the workbook but imported as {key} all the same", column_name(c)),
                    ),
                    Some(Msg::new(
                        "nếu báo cáo theo một cột khác, hiện cột đó và ẩn hoặc xóa cột này trong bảng tính, rồi nhập lại",
                        "if the report goes by another column, show that one and hide or delete this one in the workbook, then import again",
                    )),
                );
            }
            if key.is_some() {
                continue;
            }
            let extra = KNOWN_EXTRA.iter().any(|(_, names)| names.iter().any(|n| contains_words(&normalised[c as usize], n)));
            if extra {
                continue;
            }
            if !missing.is_empty() && !header.is_empty() {
                // The header is not the set's: say which columns were not understood.
                self.push(
                    Severity::Error,
                    Kind::SheetLayout,
                    self.header_start,
                    c,
                    Msg::new(
                        format!("không hiểu cột {} (\"{header}\"): không ứng với cột nào của {}", column_name(c), set_name(true)),
                        format!("column {} (\"{header}\") is not understood: it matches no column of {}", column_name(c), set_name(false)),
                    ),
                    Some(Msg::new(
                        format!("vanban đọc {}; đặt tiêu đề cột như biểu mẫu, hoặc ghi số thứ tự và công thức của mỗi cột (1, 2, \"3=2/1*100\", …) ở hàng dưới tiêu đề", sets_known(true)),
                        format!("vanban reads {}; name the columns as the model biểu does, or write each column's number and formula (1, 2, \"3=2/1*100\", …) in the row under the header", sets_known(false)),
                    )),
                );
                continue;
            }
            let numeric_at = (self.data_start..grid.rows).find(|&r| matches!(grid.get(r, c), Data::Float(_) | Data::Int(_)));
            // A second column of figures with the words of an input already
            // read ("Kế hoạch" under "Cả năm" beside "Kế hoạch" under "6 tháng
            // đầu năm"): the sheet has more columns than the set, and which one
            // the report means is the reader's to say: the first is read, as
            // before, and the twin named. Comparisons ("TH/KH", "tỷ lệ") are
            // left to the warning below; a hidden twin gives way.
            let n = &normalised[c as usize];
            let compared = ["so voi", "so", "con", "ty le", "tang giam", "ck"].iter().any(|p| contains_words(n, p));
            let twin = set
                .specs
                .iter()
                .filter(|s| s.kind == ColumnKind::Input && !compared && !grid.hidden_cols.contains(&c))
                .filter(|s| s.names.iter().any(|w| contains_words(n, w)))
                .find_map(|s| col_of(&assigned, s.key).map(|at| (s, at)));
            if let (Some((spec, at)), Some(r)) = (twin, numeric_at) {
                let other = headers[at].join(" / ");
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    self.header_start,
                    c,
                    Msg::new(
                        format!("cột {} (\"{header}\") có số (ví dụ ô {}) và cũng là cột \"{}\" như cột {} (\"{other}\"): {} chỉ có một cột như thế; vanban đọc cột {} và bỏ qua cột này", column_name(c), cell_name(r, c), spec.heading, column_name(at as u32), set_name(true), column_name(at as u32)),
                        format!("column {} (\"{header}\") holds numbers (e.g. cell {}) and is a \"{}\" column like column {} (\"{other}\"): {} has one such column; vanban reads column {} and leaves this one", column_name(c), cell_name(r, c), spec.heading, column_name(at as u32), set_name(false), column_name(at as u32)),
                    ),
                    Some(Msg::new(
                        "nếu báo cáo theo cột này, ẩn hoặc xóa cột kia; nếu biểu có bộ cột riêng, ghi hàng số thứ tự cột ngay dưới tiêu đề: chữ (C, D) cho cột chữ, số (1, 2, …) cho cột số và số kèm công thức (\"5=4/3*100\") cho ít nhất một cột tính; rồi nhập lại",
                        "if the report goes by this column, hide or delete the other; if the biểu has columns of its own, write the column-number row right under the header: letters (C, D) for text columns, numbers (1, 2, …) for number columns and a number with its formula (\"5=4/3*100\") for at least one derived column; then import again",
                    )),
                );
                continue;
            }
            if let Some(r) = numeric_at {
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
                continue;
            }
            // Words under a heading that matches nothing (a second "Ghi chú
            // (nguyên nhân)"): not imported, and said.
            // Only rows with a TT: the signatures under the table are no content.
            let text_at = (self.data_start..grid.rows)
                .filter(|&r| !grid.text(r, self.tt_col).is_empty())
                .find(|&r| matches!(grid.get(r, c), Data::String(t) if !t.trim().is_empty() && t.trim() != "-"));
            if let Some(r) = text_at {
                let sample: String = grid.text(r, c).chars().take(40).collect();
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    self.header_start,
                    c,
                    Msg::new(
                        format!("cột {} (\"{header}\") có chữ (ví dụ ô {}: \"{sample}\") nhưng không ứng với cột nào của biểu; nội dung cột này không được nhập", column_name(c), cell_name(r, c)),
                        format!("column {} (\"{header}\") holds text (e.g. cell {}: \"{sample}\") but matches no column of the table; its content is not imported", column_name(c), cell_name(r, c)),
                    ),
                    Some(Msg::new(
                        "nếu cần giữ nội dung, chép nó vào cột Ghi chú của biểu rồi nhập lại, hoặc thêm vào ghi_chu trong tệp đã nhập",
                        "to keep it, copy it into the biểu's Ghi chú column and import again, or add it to ghi_chu in the imported file",
                    )),
                );
            }
        }
        let rows = self.header_rows();
        for spec in &missing {
            self.push(
                Severity::Error,
                Kind::SheetLayout,
                self.header_start,
                self.tt_col,
                Msg::new(
                    format!("không thấy cột \"{}\" (cột {}) trong tiêu đề ở hàng {rows}; bảng được đọc như {}", spec.heading, spec.number, set_name(true)),
                    format!("no column \"{}\" (column {}) in the header on row(s) {rows}; the table is read as {}", spec.heading, spec.number, set_name(false)),
                ),
                Some(Msg::new(
                    format!("thêm cột đó, đặt tiêu đề có chữ \"{}\", hoặc ghi \"{}\" ở ô của nó trong hàng số thứ tự cột", spec.names[0], spec.number),
                    format!("add that column, give it a header with \"{}\", or write \"{}\" in its cell of the column-number row", spec.names[0], spec.number),
                )),
            );
        }
        if !missing.is_empty() {
            return None;
        }
        let labels: Vec<(&'static str, String)> = set
            .labels
            .iter()
            .map(|l| (l.key, col_of(&assigned, l.column).and_then(|c| label_of(&headers[c], l.part)).unwrap_or_else(|| l.default.to_owned())))
            .collect();
        let preset = indicators::columns::preset(set.name).expect("each set import reads is a preset");
        let vset = preset
            .column_set(&|k| labels.iter().find(|(l, _)| *l == k).map(|(_, v)| v.clone()))
            .expect("a preset builds with any labels");
        let at = vset.columns.iter().map(|c| col_of(&assigned, &c.key).map(|c| c as u32)).collect();
        let name_col = col_of(&assigned, "ten").expect("the name column is required") as u32;
        Some(Layout { set: vset, at, name_col, preset: Some(set), labels, suggested_evaluation: None, columns })
    }

    /// Reads the columns as a set of the sheet's own, from the column-number
    /// row: a letter is a text column (Mã số), a number an input column, a
    /// number with a formula ("3=2/1*100") a derived column; ĐVT and Ghi chú by
    /// their words. Labels from the header: the bottom part, the part above it
    /// as the spanning group.
    fn own_layout(&mut self, headers: &[Vec<String>], normalised: &[String], numbers: &[Option<(String, Option<String>)>]) -> Option<Layout> {
        let grid = self.grid;
        let number_row = self.number_row.expect("a set of its own is read from the column-number row");
        let name_names = ["chi tieu", "ten chi tieu", "noi dung"];
        let Some(name_col) = (0..grid.cols).find(|&c| c != self.tt_col && name_names.iter().any(|n| contains_words(&normalised[c as usize], n))) else {
            self.push(
                Severity::Error,
                Kind::SheetLayout,
                self.header_start,
                self.tt_col,
                Msg::new("không thấy cột \"Chỉ tiêu\"", "no \"Chỉ tiêu\" column"),
                Some(Msg::new("đặt tiêu đề \"Chỉ tiêu\" cho cột tên chỉ tiêu", "head the column of indicator names \"Chỉ tiêu\"")),
            );
            return None;
        };
        let mut specs: Vec<indicators::columns::ColumnSpec> = Vec::new();
        let mut sheet_cols: Vec<u32> = Vec::new();
        let mut columns = Vec::new();
        let mut suggested = None;
        for c in 0..grid.cols {
            let parts = &headers[c as usize];
            let header = parts.join(" / ");
            let label = numbers[c as usize].clone();
            if c == self.tt_col || c == name_col {
                let key = if c == self.tt_col { "tt" } else { "ten" };
                columns.push(MappedColumn { column: column_name(c), header, key: Some(key.into()), by_number: false });
                continue;
            }
            if parts.is_empty() && label.is_none() {
                continue;
            }
            let n = &normalised[c as usize];
            let is = |names: &[&str]| names.iter().any(|p| contains_words(n, p));
            use indicators::columns::SpecKind;
            let (kind, key) = if is(&["dvt", "don vi tinh", "don vi"]) {
                (SpecKind::Unit, "dvt".to_owned())
            } else if is(&["ghi chu"]) {
                (SpecKind::Note, "ghi_chu".to_owned())
            } else {
                match &label {
                    Some((_, Some(f))) => (SpecKind::Derived(formula_text(f)), format!("cot_{}", specs.len() + 1)),
                    Some((l, None)) => {
                        let kind = if l.chars().all(|ch| ch.is_ascii_digit()) { SpecKind::Input } else { SpecKind::Text };
                        let own = if parts.len() > 1 { compose(&parts[1..]) } else { parts.first().cloned() };
                        let base = slug(own.as_deref().unwrap_or(""));
                        let mut key = base.clone();
                        let mut i = 2;
                        while specs.iter().any(|s| s.key == key) || ["dvt", "ghi_chu", "tt", "ten"].contains(&key.as_str()) {
                            key = format!("{base}_{i}");
                            i += 1;
                        }
                        (kind, key)
                    }
                    None => {
                        self.push(
                            Severity::Error,
                            Kind::SheetLayout,
                            number_row,
                            c,
                            Msg::new(
                                format!("không hiểu cột {} (\"{header}\"): ô của nó ở hàng số thứ tự cột để trống, nên không biết là cột số, cột chữ hay cột tính", column_name(c)),
                                format!("column {} (\"{header}\") is not understood: its cell of the column-number row is empty, so it is neither a number, a text nor a derived column", column_name(c)),
                            ),
                            Some(Msg::new(
                                "ghi ở ô đó số thứ tự (1, 2, …) cho cột số, chữ (C, D, …) cho cột chữ như Mã số, hoặc số và công thức (\"3=2/1*100\") cho cột tính",
                                "write in that cell a number (1, 2, …) for a number column, a letter (C, D, …) for a text column such as Mã số, or a number and formula (\"3=2/1*100\") for a derived column",
                            )),
                        );
                        continue;
                    }
                }
            };
            // The column that compares the result with the plan judges each row,
            // as the six-month set's "So với kế hoạch (%)" does: a ratio in percent.
            let ratio = matches!(&kind, SpecKind::Derived(f) if is_percent_ratio(f));
            if ratio && (is(&["so voi ke hoach", "so voi kh", "so ke hoach", "so kh", "th kh", "th so kh", "th so voi kh", "so voi khn", "so khn"])) && suggested.is_none() {
                suggested = label.as_ref().and_then(|(l, _)| l.parse::<u32>().ok());
            }
            let numbered = matches!(kind, SpecKind::Input | SpecKind::Derived(_));
            // The top level spans its neighbours (`nhom`); every level under it
            // goes into the column's own label, so that a third level ("6
            // tháng đầu năm" between "Thực hiện năm 2023" and "Kế hoạch") is
            // not lost.
            let (ten, nhom) = match parts.len() {
                0 => (String::new(), None),
                1 => (parts[0].clone(), None),
                _ => (compose(&parts[1..]).unwrap_or_default(), Some(parts[0].clone())),
            };
            // ĐVT and Ghi chú were told by their words, the others by the column-number row.
            let by_number = !matches!(kind, SpecKind::Unit | SpecKind::Note);
            // A derived column has no key of its own in the file: shown by its
            // number and formula ("cột 4 = 3/2*100").
            let shown = match (&kind, &label) {
                (SpecKind::Derived(f), Some((l, _))) => format!("cột {l} = {f}"),
                _ => key.clone(),
            };
            columns.push(MappedColumn { column: column_name(c), header, key: Some(shown), by_number });
            specs.push(indicators::columns::ColumnSpec { key, label: ten, group: nhom, kind, numbered });
            sheet_cols.push(c);
        }
        // No heading says "so với kế hoạch" ("Tỷ lệ (%)", "So sánh / 5"): the
        // one percent ratio whose divisor is the plan column judges the rows.
        if suggested.is_none() {
            suggested = plan_ratio(&specs);
        }
        // vanban numbers number columns 1, 2, … and letters text columns C, D, …
        // from left to right; a formula means the sheet's numbers, so they must
        // agree before the formulas are read.
        use indicators::columns::SpecKind;
        let unformulated = specs
            .iter()
            .map(|s| indicators::columns::ColumnSpec { kind: if matches!(s.kind, SpecKind::Derived(_)) { SpecKind::Input } else { s.kind.clone() }, ..s.clone() })
            .collect();
        if let Ok(marks) = indicators::ColumnSet::build(indicators::columns::CUSTOM, unformulated, None) {
            for (col, &c) in marks.columns.iter().zip(&sheet_cols) {
                let sheet = numbers[c as usize].as_ref().map_or(String::new(), |(l, _)| l.clone());
                // Many forms number their Ghi chú too ("…, 6=1-3, 7"): it is the
                // last column and shifts no formula, so its mark is not held
                // against the sheet.
                let note_marked = matches!(col.kind, indicators::ColumnKind::Note) && !sheet.is_empty();
                if sheet != col.mark && !note_marked {
                    self.misnumbered(number_row, c, &sheet, &headers[c as usize].join(" / "), &col.mark);
                }
            }
        }
        if self.diags.iter().any(Diagnostic::is_error) {
            return None;
        }
        // The column that compares with the plan judges the rows, so that a row
        // with no result is read as the six-month set reads it.
        let set = match indicators::ColumnSet::build(indicators::columns::CUSTOM, specs, suggested) {
            Ok(set) => set,
            Err(errors) => {
                for e in errors {
                    let c = e.column.and_then(|i| sheet_cols.get(i).copied()).unwrap_or(self.tt_col);
                    self.push(
                        Severity::Error,
                        Kind::BadFormula,
                        number_row,
                        c,
                        Msg::new(e.vi, e.en),
                        Some(Msg::new(
                            "công thức dùng số cột như ở hàng số thứ tự cột (1, 2, …), + - * / và dấu ngoặc: \"4/3*100\", \"2-4\"",
                            "a formula uses the column numbers of the column-number row (1, 2, …), + - * / and parentheses: \"4/3*100\", \"2-4\"",
                        )),
                    );
                }
                return None;
            }
        };
        let at = sheet_cols.iter().map(|&c| Some(c)).collect();
        Some(Layout { set, at, name_col, preset: None, labels: Vec::new(), suggested_evaluation: suggested, columns })
    }

    fn misnumbered(&mut self, row: u32, c: u32, sheet: &str, header: &str, ours: &str) {
        self.push(
            Severity::Error,
            Kind::SheetLayout,
            row,
            c,
            Msg::new(
                format!("hàng số thứ tự cột ghi \"{sheet}\" ở cột {} (\"{header}\"), nhưng vanban đánh cột này là \"{ours}\"", column_name(c)),
                format!("the column-number row says \"{sheet}\" in column {} (\"{header}\"), but vanban marks this column \"{ours}\"", column_name(c)),
            ),
            Some(Msg::new(
                "vanban đánh chữ C, D, … cho cột chữ (Mã số, ĐVT) và số 1, 2, … cho cột số và cột tính, từ trái sang phải; sửa hàng số thứ tự cột và các công thức theo đó",
                "vanban letters text columns (Mã số, ĐVT) C, D, … and numbers number and derived columns 1, 2, … from left to right; correct the column-number row and the formulas to match",
            )),
        );
    }

    /// Reads an indicator or sub-row: its values, its evaluation, and the sheet's
    /// derived cells compared with vanban's.
    fn read_row(&mut self, r: u32, name: String, layout: &Layout) -> ReadRow {
        use indicators::ColumnKind as K;
        let grid = self.grid;
        let set = &layout.set;
        let text_at = |c: Option<u32>| c.map_or(String::new(), |c| grid.text(r, c));
        let (mut unit, mut note) = (String::new(), String::new());
        // (key, value, sheet column, typed number)
        let mut values: Vec<(String, Value, Option<u32>, bool)> = Vec::new();
        let mut derived_cols = Vec::new();
        for (c, &at) in set.columns.iter().zip(&layout.at) {
            match &c.kind {
                // ĐVT and Ghi chú are often merged down over several rows: each
                // row of the merge has them.
                K::Unit => unit = at.map_or(String::new(), |c| grid.text_merged_down(r, c)),
                K::Note => note = at.map_or(String::new(), |c| grid.text_merged_down(r, c)),
                K::Text => {
                    let t = text_at(at);
                    values.push((c.key.clone(), if t.is_empty() { Value::Empty } else { Value::Word(t) }, at, false));
                }
                K::Input => {
                    let v = at.map_or(Value::Empty, |a| self.value(r, a, false));
                    values.push((c.key.clone(), v, at, true));
                }
                K::Derived(_) => derived_cols.extend(at),
            }
        }
        self.fractions_under_percent(r, &unit, &values);
        let result_key = set.result_key();
        let result = result_key.and_then(|k| values.iter().find(|v| v.0 == k)).map(|v| &v.1);
        // A formula counts as filled in even when the file saved no result.
        let derived_empty = derived_cols
            .iter()
            .all(|&c| (matches!(grid.get(r, c), Data::Empty) || grid.text(r, c).is_empty()) && grid.unsaved_formula(r, c).is_none());
        let (judgement, reason) = if contains_words(&normalise(&note), "cuoi nam") {
            (Judgement::CuoiNam, "Ghi chú nói đánh giá vào cuối năm")
        } else if values.iter().any(|v| v.3 && matches!(&v.1, Value::Word(w) if normalise(w) == "duy tri")) {
            (Judgement::DuyTri, "các ô ghi \"Duy trì\"")
        } else if normalise(&note) == "duy tri" {
            // Only a Ghi chú that is just "Duy trì": the seed's "Tiếp tục duy
            // trì" stands beside rates and ratios judged otherwise.
            (Judgement::DuyTri, "Ghi chú ghi \"Duy trì\"")
        } else if result_key.is_some() && result.is_none_or(|v| *v == Value::Empty) {
            // A Ghi chú that says something else ("Chưa có số liệu") may mean
            // the figure is missing, not that the row is judged at year end:
            // the summary would count it so without a word.
            let result_col = result_key.and_then(|k| values.iter().find(|v| v.0 == k)).and_then(|v| v.2);
            // "Chưa đánh giá" (the seed's row 25) does say it is not judged yet.
            let says_judged_later = contains_words(&normalise(&note), "danh gia");
            if let (Some(c), false) = (result_col, note.trim().is_empty() || says_judged_later) {
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    r,
                    c,
                    Msg::new(
                        format!("ô thực hiện để trống, Ghi chú \"{}\": vanban tính chỉ tiêu này vào số \"được đánh giá vào cuối năm\"", note.trim()),
                        format!("the result cell is empty, Ghi chú \"{}\": vanban counts this indicator as \"judged at year end\"", note.trim()),
                    ),
                    Some(Msg::new(
                        "nếu chỉ tiêu được đánh giá giữa năm, ghi số thực hiện (hoặc 0); nếu đánh giá vào cuối năm, ghi \"Tính vào cuối năm\" ở Ghi chú",
                        "if the indicator is judged at mid-year, write its result (or 0); if at year end, write \"Tính vào cuối năm\" in Ghi chú",
                    )),
                );
            }
            (Judgement::CuoiNam, "không có số thực hiện")
        } else if !derived_cols.is_empty() && derived_empty && is_rate(&unit, &name) {
            if result_key.is_some() {
                (Judgement::TyLe, "có số thực hiện nhưng các cột so sánh để trống")
            } else {
                (Judgement::TyLe, "các cột so sánh để trống")
            }
        } else if !derived_cols.is_empty() && derived_empty {
            // Empty ratios beside a quantity (ha, tấn, người) are a district that
            // did not compute them, not a rate: a "tỷ lệ" row would be counted
            // as achieved whatever its figures. vanban computes them.
            if let Some(&c) = derived_cols.first() {
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    r,
                    c,
                    Msg::new(
                        format!("các cột so sánh của chỉ tiêu \"{name}\"{} để trống; vanban tự tính và đánh giá theo kế hoạch", if unit.trim().is_empty() { String::new() } else { format!(" ({})", unit.trim()) }),
                        format!("the comparison cells of \"{name}\"{} are empty; vanban computes them and judges the row against the plan", if unit.trim().is_empty() { String::new() } else { format!(" ({})", unit.trim()) }),
                    ),
                    Some(Msg::new(
                        "nếu đây là chỉ tiêu tỷ lệ (không so sánh được), ghi ĐVT \"%\" hoặc sửa thành danh_gia: ty_le trong tệp đã nhập",
                        "if this is a rate (no ratio makes sense), write the unit \"%\" or change it to danh_gia: ty_le in the imported file",
                    )),
                );
            }
            (Judgement::TheoKeHoach, "các cột so sánh để trống, vanban tự tính")
        } else if result_key.is_some() {
            (Judgement::TheoKeHoach, "có số thực hiện, so với kế hoạch")
        } else {
            (Judgement::TheoKeHoach, "các cột so sánh do vanban tính")
        };
        if judgement != Judgement::DuyTri {
            for (_, v, at, typed) in &values {
                if let (Value::Word(w), Some(c), true) = (v, at, typed) {
                    self.push(
                        Severity::Error,
                        Kind::BadNumber,
                        r,
                        *c,
                        Msg::new(format!("ô số ghi chữ \"{w}\""), format!("a number cell holds the words \"{w}\"")),
                        Some(Msg::new(
                            "ghi con số hoặc \"-\"; chỉ chỉ tiêu \"Duy trì\" mới ghi chữ; lời giải thích ghi ở cột Ghi chú",
                            "write a number or \"-\"; only \"Duy trì\" indicators hold words; remarks go in the Ghi chú column",
                        )),
                    );
                }
            }
        }
        let row = indicators::Row {
            name: name.clone(),
            unit: unit.clone(),
            values: values.iter().map(|(k, v, _, _)| (k.clone(), v.cell())).collect(),
            note: note.clone(),
            judgement,
            sub_rows: vec![],
        };
        let ours = row.cells(set);
        for ((column, &at), computed) in set.columns.iter().zip(&layout.at).zip(&ours) {
            let (K::Derived(f), Some(c)) = (&column.kind, at) else { continue };
            if grid.unsaved_formula(r, c).is_some() {
                self.unsaved.push((r, c));
                continue;
            }
            if matches!(grid.get(r, c), Data::Error(_)) {
                // Reported by `value` already; there is no number to compare.
                let _ = self.value(r, c, true);
                continue;
            }
            let theirs = self.value(r, c, true);
            // An empty cell is a figure the district did not compute, not one
            // that disagrees (a row left without any is warned about above).
            if theirs == Value::Empty {
                continue;
            }
            // Inputs shown as percentages (0.95 under "0.0%" reads 95,0) are
            // fractions to the sheet: a difference of them not itself formatted
            // as a percentage is 100 times smaller than vanban's ("2-4" of
            // 95,0% and 93,0% is 0,02 to the sheet, 2 to vanban).
            let percent_inputs = values.iter().any(|v| matches!(&v.1, Value::Number(s) if s.percent));
            let as_percent = match &theirs {
                Value::Number(s) if percent_inputs && !s.percent => s.scaled.checked_mul(Decimal::ONE_HUNDRED).map(|x| {
                    Value::Number(Shown { number: VnNumber(x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)), percent: true, scaled: x })
                }),
                _ => None,
            };
            if !agrees(&theirs, computed) && !as_percent.is_some_and(|p| agrees(&p, computed)) {
                // A no-data mark ("x", "…") as the sheet writes it, not as vanban prints it ("-").
                let theirs_shown = match (&theirs, grid.get(r, c)) {
                    (Value::Missing, Data::String(text)) => text.trim().to_owned(),
                    _ => sheet_display(&theirs),
                };
                let number = column.number.unwrap_or_default();
                self.push(
                    Severity::Warning,
                    Kind::DerivedMismatch,
                    r,
                    c,
                    Msg::new(
                        format!("cột {number} = {} ({}): bảng tính ghi \"{theirs_shown}\", vanban tính được \"{}\"", f.text, column.label, computed.display()),
                        format!("column {number} = {} ({}): the sheet says \"{theirs_shown}\", vanban computes \"{}\"", f.text, column.label, computed.display()),
                    ),
                    Some(Msg::new(
                        "vanban không lấy số ở cột này: báo cáo in số vanban tính; kiểm tra công thức trong bảng tính",
                        "vanban does not take this column's numbers: the report prints vanban's; check the sheet's formula",
                    )),
                );
            }
        }
        let values = values.into_iter().map(|(k, v, _, _)| (k, v)).collect();
        ReadRow { at: r, name, unit, note, values, judgement, reason, subs: vec![] }
    }

    /// Reads a value cell. In a derived column (`derived`), an Excel error is a
    /// warning: vanban does not use the value.
    fn value(&mut self, r: u32, c: u32, derived: bool) -> Value {
        if c == u32::MAX {
            return Value::Empty;
        }
        let grid = self.grid;
        if let (false, Some(f)) = (derived, grid.unsaved_formula(r, c)) {
            self.push(
                Severity::Error,
                Kind::CellError,
                r,
                c,
                Msg::new(
                    format!("ô số là công thức (={f}) nhưng tệp không lưu kết quả của nó, nên không biết số"),
                    format!("the number cell is a formula (={f}) but the file saved no result for it, so its number is unknown"),
                ),
                Some(Msg::new(
                    "mở tệp bằng Excel hoặc LibreOffice Calc và lưu lại (bảng tính tính lại và lưu kết quả), rồi nhập lại; hoặc ghi số vào ô",
                    "open the file in Excel or LibreOffice Calc and save it again (the sheet recalculates and saves the results), then import again; or type the number",
                )),
            );
            return Value::Empty;
        }
        // A number merged down over rows (one plan for two indicators) stands,
        // as the sheet shows it, in each row of the merge: said, once a row.
        if let (Data::Empty, Some(m)) = (grid.get(r, c), grid.merge_of(r, c)) {
            let (top, left) = m.start;
            // One column merged down; a block over several columns is no one
            // number of this cell's column.
            if top < r && left == c && m.end.1 == c && !matches!(grid.get(top, left), Data::Empty) {
                let shown = grid.text(top, left);
                self.push(
                    Severity::Warning,
                    Kind::SheetLayout,
                    r,
                    c,
                    Msg::new(
                        format!("ô này nằm trong vùng gộp dọc với ô {} ghi \"{shown}\": vanban lấy số đó cho cả dòng này", cell_name(top, left)),
                        format!("this cell is merged down with {}, which holds \"{shown}\": vanban takes that number for this row too", cell_name(top, left)),
                    ),
                    Some(Msg::new(
                        "nếu số chỉ thuộc dòng trên, bỏ gộp ô và ghi \"-\" ở dòng này",
                        "if the number belongs to the row above only, unmerge the cells and write \"-\" in this row",
                    )),
                );
                return self.value(top, left, derived);
            }
        }
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
        // Thousands set apart by spaces ("1 234,5", a non-breaking or thin
        // space pasted from Word or a French-set LibreOffice): the groups are
        // the Vietnamese dots.
        let spaced = space_grouped(body);
        let body = spaced.as_deref().unwrap_or(body);
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
                        Some(match english_thousands(body) {
                            // "4,150": 4,15 the Vietnamese way, 4150 the English way.
                            Some(thousands) => Msg::new(
                                format!("nếu đây là số {thousands} viết theo kiểu tiếng Anh (dấu phẩy ngăn nghìn), sửa ô thành {thousands}; định dạng ô là số (Number) để bảng tính cộng được"),
                                format!("if this is {thousands} written the English way (a comma between thousands), change the cell to {thousands}; format the cell as a number so that the sheet can add it up"),
                            ),
                            None => Msg::new(
                                "định dạng ô là số (Number) để bảng tính cộng được, rồi ghi lại con số",
                                "format the cell as a number so that the sheet can add it up, then type it again",
                            ),
                        }),
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

/// A sheet's derived value for a message: as the cell shows it, and never with
/// the noise of binary arithmetic a "General" cell keeps (0,95 − 0,93 is stored
/// 0,019999999999999907; Excel shows "0.02"): at most 10 significant digits,
/// as a cell of General format shows.
fn sheet_display(v: &Value) -> String {
    match v {
        Value::Number(s) => {
            let n = s.number.0;
            let digits = n.mantissa().unsigned_abs().to_string().len() as u32;
            if digits > 10 && n.scale() > 0 {
                let dp = n.scale().saturating_sub(digits - 10);
                VnNumber(n.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize()).to_string()
            } else {
                v.display()
            }
        }
        _ => v.display(),
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
/// "1.1" → ("1", "1"): a TT of numbers joined by dots, and its first number.
fn dotted_number(tt: &str) -> Option<(&str, &str)> {
    let t = tt.trim().trim_end_matches(['.', ')']);
    let (whole, rest) = t.split_once('.')?;
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    (digits(whole) && rest.split('.').all(digits)).then_some((whole, rest))
}

fn row_kind_of(grid: &Grid, r: u32, tt_col: u32, name: &str) -> Option<RowKind> {
    match grid.get(r, tt_col) {
        Data::Int(_) => return Some(RowKind::Indicator),
        Data::Float(f) if f.fract() == 0.0 && *f > 0.0 => return Some(RowKind::Indicator),
        _ => {}
    }
    let tt = grid.text(r, tt_col);
    if name.trim().is_empty() && roman_heading(&tt).is_some() {
        return Some(RowKind::Group);
    }
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
    // "1.1", "1.2": the parts of indicator 1 (when they stand under it: see
    // the rows' loop).
    if dotted_number(tt).is_some() {
        return Some(RowKind::SubRow);
    }
    None
}

/// A group row typed whole in the TT cell, merged across the table as many
/// district biểu do: "I. VỀ KINH TẾ", "II - Văn hóa - xã hội". The title after
/// the Roman numeral.
fn roman_heading(tt: &str) -> Option<&str> {
    let tt = tt.trim();
    let end = tt.find(|c: char| !c.is_ascii_uppercase())?;
    let (numeral, rest) = tt.split_at(end);
    let title = rest.trim_start();
    let title = title.strip_prefix(['.', ')', '-', '–', ':']).unwrap_or(title);
    // A separator after the numeral: "IV Hộ nghèo" has one (the space), "IVAN" none.
    (is_roman(numeral) && rest.starts_with(['.', ')', '-', '–', ':', ' ']) && !title.trim().is_empty()).then(|| title.trim())
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

/// The named set a sheet is. By the formulas of its column-number row when it
/// prints some: the set whose derived columns they are, or `None` when they are
/// no named set's (the sheet has a set of its own). Else by the header words: a
/// column "ước thực hiện"/"ước TH" and none of the six-month "cùng kỳ", "số đã
/// thực hiện" make a yearly plan.
fn choose_set(normalised: &[String], numbers: &[Option<(String, Option<String>)>]) -> Option<&'static SheetSet> {
    let marks: Vec<(&str, &str)> = numbers.iter().flatten().filter_map(|(l, f)| f.as_deref().map(|f| (l.as_str(), f))).collect();
    if !marks.is_empty() {
        // The sheet's formulas must be the set's, all of them: "3=2/1*100" alone
        // is a sheet of its own, not a yearly plan biểu missing its column 5.
        return SETS.iter().find(|set| {
            let formulas = set.specs.iter().filter(|s| s.formula.is_some()).count();
            marks.len() == formulas
                && marks.iter().all(|(l, f)| set.specs.iter().any(|s| s.number == *l && s.formula.is_some_and(|g| same_formula(f, g))))
        });
    }
    let any = |p: &str| normalised.iter().any(|h| contains_words(h, p));
    let yearly = any("uoc") && !any("cung ky") && !any("da thuc hien");
    let name = if yearly { "ke_hoach_nam" } else { "sau_thang" };
    SETS.iter().find(|s| s.name == name)
}

/// The named sets import reads, for messages.
fn sets_known(vi: bool) -> String {
    let names: Vec<String> = SETS.iter().map(|s| format!("{} (mau: {})", if vi { s.vi } else { s.en }, s.name)).collect();
    let own = if vi {
        "và biểu có bộ cột riêng khi hàng số thứ tự cột ghi công thức của các cột tính"
    } else {
        "and a biểu with its own columns when its column-number row gives the derived columns' formulas"
    };
    format!("{}, {own}", names.join(", "))
}

/// A key of an own column from its heading: "Thực hiện năm 2022" →
/// `thuc_hien_nam_2022` (at most 30 characters, whole words).
fn slug(heading: &str) -> String {
    let mut key = String::new();
    for word in normalise(heading).split(' ').filter(|w| !w.is_empty()) {
        if !key.is_empty() && key.len() + 1 + word.len() > 30 {
            break;
        }
        if !key.is_empty() {
            key.push('_');
        }
        key.push_str(word);
    }
    if key.is_empty() || key.starts_with(|c: char| c.is_ascii_digit()) {
        format!("cot_{key}").trim_end_matches('_').to_owned()
    } else {
        key
    }
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

/// Why a file the spreadsheet reader refused is no workbook, told from its
/// first bytes: what a clerk most often has in hand is a web page or a CSV
/// saved with an .xls name, a workbook with a password, or a download cut off.
/// The reader's own words (English, "Could not find EOCD") only for the rest.
fn not_a_workbook(path: &Path, reader_error: &str) -> (Msg, Option<Msg>) {
    use std::io::Read as _;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    let save_as = || {
        Some(Msg::new(
            "mở tệp bằng Excel hoặc LibreOffice Calc, chọn Lưu thành (Save As) kiểu Excel Workbook (.xlsx), rồi nhập tệp mới",
            "open it in Excel or LibreOffice Calc, Save As an Excel Workbook (.xlsx), then import the new file",
        ))
    };
    let copy_again = || Some(Msg::new("tải hoặc chép lại tệp từ nơi gửi", "download or copy the file again from its sender"));
    let text = String::from_utf8_lossy(&head).trim_start_matches('\u{feff}').trim_start().to_lowercase();
    if let Err(e) = read {
        let reason = crate::diag::io_reason(&e);
        let hint = (e.kind() == std::io::ErrorKind::NotFound).then(|| Msg::new("kiểm tra tên và thư mục của tệp", "check the file's name and folder"));
        (Msg::new(format!("không đọc được tệp bảng tính: {}", reason.vi), format!("cannot read the workbook file: {}", reason.en)), hint)
    } else if head.is_empty() {
        (Msg::new("tệp rỗng (0 byte), không có bảng tính nào", "the file is empty (0 bytes): there is no workbook in it"), copy_again())
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) && path.extension().is_some_and(|e| e.eq_ignore_ascii_case("xlsx")) {
        // An .xlsx in an OLE container is one saved with a password.
        (
            Msg::new("bảng tính có mật khẩu (được mã hóa) nên không đọc được", "the workbook is protected by a password (encrypted), so it cannot be read"),
            Some(Msg::new(
                "mở bằng Excel, gỡ mật khẩu (File > Info > Protect Workbook), lưu lại rồi nhập lại",
                "open it in Excel, remove the password (File > Info > Protect Workbook), save and import again",
            )),
        )
    } else if ["<html", "<!doctype", "<table", "<?xml", "<meta"].iter().any(|t| text.starts_with(t)) {
        (
            Msg::new(
                "tệp là một trang web (HTML) mang đuôi bảng tính, như tệp \"xuất Excel\" của nhiều phần mềm, không phải bảng tính thật",
                "the file is a web page (HTML) with a spreadsheet's extension, as many programs' \"export to Excel\" make, not a real workbook",
            ),
            save_as(),
        )
    } else if head.starts_with(b"PK\x03\x04") && odf_encrypted(path) {
        // An .ods saved with a password: its parts are encrypted, the zip is whole.
        (
            Msg::new("bảng tính có mật khẩu (được mã hóa) nên không đọc được", "the workbook is protected by a password (encrypted), so it cannot be read"),
            Some(Msg::new(
                "mở bằng LibreOffice Calc, bỏ mật khẩu (Tệp > Lưu thành, bỏ chọn \"Lưu với mật khẩu\"), lưu lại rồi nhập lại",
                "open it in LibreOffice Calc, Save As without \"Save with password\", then import again",
            )),
        )
    } else if head.starts_with(b"PK\x03\x04") {
        (
            Msg::new(
                "tệp bảng tính bị hỏng hoặc chưa tải về hết (tệp nén .xlsx không trọn)",
                "the workbook is damaged or was not downloaded completely (the .xlsx archive is incomplete)",
            ),
            copy_again(),
        )
    } else if std::str::from_utf8(&head).is_ok_and(|t| t.chars().all(|c| !c.is_control() || c.is_whitespace())) {
        (
            Msg::new(
                "tệp là văn bản (như CSV) mang đuôi bảng tính, không phải bảng tính",
                "the file is plain text (such as CSV) with a spreadsheet's extension, not a workbook",
            ),
            save_as(),
        )
    } else {
        (
            Msg::new(
                format!("tệp không phải bảng tính .xlsx, .xls hay .ods mà vanban đọc được ({reader_error})"),
                format!("the file is not an .xlsx, .xls or .ods workbook vanban can read ({reader_error})"),
            ),
            save_as(),
        )
    }
}

/// An OpenDocument file whose manifest says its parts are encrypted.
fn odf_encrypted(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else { return false };
    super::hidden::part_text(&mut zip, "META-INF/manifest.xml").is_some_and(|m| m.contains("encryption-data"))
}

/// A rate row, whose ratios make no sense: unit "%" (or ‰), or a name that
/// says "Tỷ lệ …".
fn is_rate(unit: &str, name: &str) -> bool {
    let u = unit.trim();
    let n = normalise(name);
    u == "%" || u == "‰" || n.starts_with("ty le") || n.starts_with("- ty le")
}

/// The number of the one derived column "a/b*100" whose divisor b is a plan
/// column ("Kế hoạch năm 2027", "KH 2024") and whose numerator is not: the
/// ratio to plan, by its formula. Columns are numbered as vanban numbers them
/// (input and derived columns 1, 2, … left to right), which the sheet's
/// numbering has been checked to match.
fn plan_ratio(specs: &[indicators::columns::ColumnSpec]) -> Option<u32> {
    use indicators::columns::SpecKind;
    let numbered: Vec<&indicators::columns::ColumnSpec> = specs.iter().filter(|s| matches!(s.kind, SpecKind::Input | SpecKind::Derived(_))).collect();
    let is_plan = |n: usize| {
        numbered.get(n.wrapping_sub(1)).is_some_and(|s| {
            let label = normalise(&format!("{} {}", s.group.as_deref().unwrap_or(""), s.label));
            s.kind == SpecKind::Input && (contains_words(&label, "ke hoach") || contains_words(&label, "kh") || contains_words(&label, "khn"))
        })
    };
    let found: Vec<u32> = numbered
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let SpecKind::Derived(f) = &s.kind else { return None };
            let f: String = f.chars().filter(|c| !c.is_whitespace()).collect();
            let (a, b) = f.strip_suffix("*100")?.split_once('/')?;
            let (a, b) = (a.parse::<usize>().ok()?, b.parse::<usize>().ok()?);
            (is_plan(b) && !is_plan(a)).then_some(i as u32 + 1)
        })
        .collect();
    match found[..] {
        [one] => Some(one),
        _ => None,
    }
}

/// "3/1*100": one column divided by another, in percent.
fn is_percent_ratio(formula: &str) -> bool {
    let f: String = formula.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(ratio) = f.strip_suffix("*100") else { return false };
    let mut parts = ratio.split('/');
    let number = |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    number(parts.next()) && number(parts.next()) && parts.next().is_none()
}

fn judgement_key(j: Judgement) -> &'static str {
    match j {
        Judgement::TheoKeHoach => "theo_ke_hoach",
        Judgement::TyLe => "ty_le",
        Judgement::DuyTri => "duy_tri",
        Judgement::CuoiNam => "cuoi_nam",
    }
}

fn write_row(out: &mut String, row: &ReadRow, indent: &str, own: bool) {
    use std::fmt::Write as _;
    let _ = writeln!(out, "{indent}- ten: {}", q(&row.name));
    let pad = format!("{indent}  ");
    if !row.unit.is_empty() {
        let _ = writeln!(out, "{pad}dvt: {}", q(&row.unit));
    }
    let written: Vec<(&str, String)> = row.values.iter().filter_map(|(k, v)| yaml_value(v).map(|t| (k.as_str(), t))).collect();
    if own {
        // A set of its own: values under `so_lieu`, by the columns' `ma`.
        if !written.is_empty() {
            let items: Vec<String> = written.iter().map(|(k, t)| format!("{k}: {t}")).collect();
            let _ = writeln!(out, "{pad}so_lieu: {{ {} }}", items.join(", "));
        }
    } else {
        for (key, text) in &written {
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
            write_row(out, sub, &format!("{pad}  "), own);
        }
    }
}

fn write_yaml(path: &Path, sheet: &str, layout: &Layout, groups: &[ReadGroup]) -> String {
    use std::fmt::Write as _;
    use indicators::ColumnKind as K;
    let file = path.file_name().map_or_else(|| path.display().to_string(), |f| f.to_string_lossy().into_owned());
    let set = &layout.set;
    let derived: Vec<String> = set.columns.iter().filter(|c| matches!(c.kind, K::Derived(_))).filter_map(|c| c.number.map(|n| n.to_string())).collect();
    let mut out = String::new();
    out.push_str("# yaml-language-server: $schema=vanban-chi-tieu.schema.json\n");
    let _ = writeln!(out, "# Nhập từ {file}, trang tính \"{sheet}\", bằng `vanban import`.");
    out.push_str("# Chỉ các cột nhập được ghi (ĐVT, các cột số, ghi chú);\n");
    if derived.is_empty() {
        out.push_str("# số chỉ tiêu của mỗi nhóm do vanban tính.\n");
    } else {
        let _ = writeln!(out, "# các cột {} và số chỉ tiêu của mỗi nhóm do vanban tính.", derived.join(", "));
    }
    match layout.preset {
        Some(p) => {
            if p.name != SETS[0].name {
                let _ = writeln!(out, "mau: {}", p.name);
            }
            out.push_str("cot:\n");
            for (key, label) in &layout.labels {
                let _ = writeln!(out, "  {key}: {}", q(label));
            }
        }
        None => {
            out.push_str("# Bộ cột riêng của biểu, đọc từ tiêu đề và hàng số thứ tự cột.\n");
            out.push_str("cot:\n");
            for c in &set.columns {
                let mut fields = Vec::new();
                if !matches!(c.kind, K::Derived(_)) {
                    fields.push(format!("ma: {}", c.key));
                }
                fields.push(format!("ten: {}", q(&c.label)));
                if let Some(g) = &c.group {
                    fields.push(format!("nhom: {}", q(g)));
                }
                match &c.kind {
                    K::Text => fields.push("kieu: chu".to_owned()),
                    K::Derived(f) => fields.push(format!("cong_thuc: {}", q(&f.text))),
                    _ => {}
                }
                let _ = writeln!(out, "  - {{ {} }}", fields.join(", "));
            }
            if let Some(n) = layout.suggested_evaluation {
                let _ = writeln!(out, "danh_gia_theo: {n}  # cột {n} (so với kế hoạch) đánh giá từng chỉ tiêu và cho câu tóm tắt; xóa dòng này nếu không đúng");
            }
        }
    }
    out.push_str("nhom:\n");
    let own = layout.preset.is_none();
    let mut tt = 0;
    for g in groups {
        let _ = writeln!(out, "  - ten: {}  # {sheet}!{}", q(&g.title), cell_name(g.at, layout.name_col));
        if g.rows.is_empty() {
            out.push_str("    chi_tieu: []\n");
            continue;
        }
        out.push_str("    chi_tieu:\n");
        for row in &g.rows {
            tt += 1;
            let _ = writeln!(out, "      # {tt} ({sheet}, hàng {})", row.at + 1);
            write_row(&mut out, row, "      ", own);
        }
    }
    // Text is NFC throughout: a sheet or file name typed decomposed (macOS)
    // must not make the written file warn of NFD when it is rendered.
    use unicode_normalization::UnicodeNormalization;
    out.nfc().collect()
}

/// A ratio written with a slash, "TH/CK (%)", "TH 6T/KH", "Thực hiện/Cùng kỳ",
/// reads "TH so với CK": the header words then say a comparison, which the
/// slash alone (lost when headers are normalised) could not, and "TH CK 2023"
/// (last year's figure) stays what it is.
fn ratio_words(header: &str) -> String {
    let Some((left, right)) = header.split_once('/') else { return header.to_owned() };
    let next = normalise(right);
    let compared_to = ["ck", "kh", "cung ky", "ke hoach"].iter().any(|w| next == *w || next.starts_with(&format!("{w} ")));
    if compared_to && !normalise(left).is_empty() { format!("{left} so với {right}") } else { header.to_owned() }
}

/// "Thực hiện …" and "TH" name both this period's result and last year's
/// (cùng kỳ): the words alone gave the first such column to cùng kỳ and left
/// the result missing ("Kế hoạch 2023 | Thực hiện 6 tháng năm 2022 | Thực hiện
/// 6 tháng năm 2023", or "KH | Cùng kỳ | TH"). Among the columns named only so
/// (no "cùng kỳ", "năm trước", "so với"): with a column that says cùng kỳ, the
/// one left is the result; two of them, the later year (else the right one)
/// is the result, the other cùng kỳ, as the biểu orders them.
fn split_thuc_hien(set: &SheetSet, normalised: &[String], assigned: &mut [Option<(&'static ColumnSpec, bool)>]) {
    let (Some(result), Some(last_year)) = (set.specs.iter().find(|s| s.key == "thuc_hien"), set.specs.iter().find(|s| s.key == "cung_ky")) else { return };
    if assigned.iter().any(|a| a.is_some_and(|(s, _)| s.key == "thuc_hien")) {
        return;
    }
    let free_or_last_year = |c: usize, assigned: &[Option<(&ColumnSpec, bool)>]| assigned[c].is_none_or(|(s, _)| s.key == "cung_ky");
    let says = |c: usize, p: &str| contains_words(&normalised[c], p);
    // A comparison, never the result: "So với …", "Còn lại", "Tỷ lệ", "Tăng
    // giảm", and the abbreviated ratios "TH/CK", "TH 6T/CK (%)", "TH/KH".
    let compared = |c: usize| ["so voi", "so", "con", "ke hoach", "kh", "ty le", "tang giam"].iter().any(|p| says(c, p));
    let explicit = |c: usize| (says(c, "cung ky") || says(c, "nam truoc")) && !compared(c);
    let generic = |c: usize| (says(c, "thuc hien") || says(c, "th")) && !explicit(c) && !compared(c);
    let candidates: Vec<usize> = (0..normalised.len()).filter(|&c| generic(c) && free_or_last_year(c, assigned)).collect();
    let year = |c: usize| normalised[c].split(' ').filter_map(|w| w.parse::<u32>().ok()).filter(|y| (1900..=2100).contains(y)).max();
    let (result_col, last_year_col) = match candidates[..] {
        [c] => match (0..normalised.len()).find(|&e| e != c && explicit(e) && free_or_last_year(e, assigned)) {
            Some(e) => (c, Some(e)),
            None => (c, None),
        },
        [a, b] => match (year(a), year(b)) {
            (Some(ya), Some(yb)) if ya > yb => (a, Some(b)),
            _ => (b, Some(a)),
        },
        _ => return,
    };
    for a in assigned.iter_mut() {
        if a.is_some_and(|(s, _)| s.key == "cung_ky") {
            *a = None;
        }
    }
    assigned[result_col] = Some((result, false));
    if let Some(c) = last_year_col {
        assigned[c] = Some((last_year, false));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Excel's escaped control characters ("_x0007_" reads as U+0007) and
    /// Alt+Enter line breaks are spaces in a name, never characters the
    /// report could not print (review).
    #[test]
    fn control_characters_in_a_cell_read_as_spaces() {
        assert_eq!(clean("Sản\u{7}lượng \u{0}lúa\r\n(tấn)"), "Sản lượng lúa (tấn)");
        assert_eq!(clean("Tỷ le\u{302}̣"), "Tỷ lệ");
    }

    /// A file the reader refused is named for what it is: a password-protected
    /// .ods is whole (its manifest says its parts are encrypted), not a
    /// download cut off; a zip that ends early is.
    #[test]
    fn a_password_protected_ods_is_not_called_damaged() {
        use std::io::Write as _;
        let dir = tempfile::tempdir().unwrap();
        let zip_with = |name: &str, manifest: &str| {
            let path = dir.path().join(name);
            let mut z = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            let o = zip::write::SimpleFileOptions::default();
            z.start_file("mimetype", o).unwrap();
            z.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
            z.start_file("META-INF/manifest.xml", o).unwrap();
            z.write_all(manifest.as_bytes()).unwrap();
            z.start_file("content.xml", o).unwrap();
            z.write_all(&[0x9d, 0x17, 0x42, 0xee]).unwrap();
            z.finish().unwrap();
            path
        };
        let locked = zip_with("khoa.ods", r#"<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry>"#);
        let (msg, hint) = not_a_workbook(&locked, "reader error");
        assert!(msg.en.contains("protected by a password"), "{}", msg.en);
        assert!(hint.is_some_and(|h| h.en.contains("Save with password")));
        let plain = zip_with("hong.ods", r#"<manifest:file-entry manifest:full-path="content.xml"/>"#);
        let (msg, _) = not_a_workbook(&plain, "reader error");
        assert!(msg.en.contains("damaged"), "{}", msg.en);
    }

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
    fn a_group_typed_whole_in_the_tt_cell_is_read() {
        assert_eq!(roman_heading("I. VỀ KINH TẾ"), Some("VỀ KINH TẾ"));
        assert_eq!(roman_heading("II - Văn hóa - xã hội"), Some("Văn hóa - xã hội"));
        assert_eq!(roman_heading("IV Hộ nghèo"), Some("Hộ nghèo"));
        assert_eq!(roman_heading("II"), None);
        assert_eq!(roman_heading("IVAN"), None);
        assert_eq!(roman_heading("Tổng số"), None);
        assert_eq!(roman_heading("I."), None);
    }

    #[test]
    fn roman_numerals_are_groups() {
        assert!(is_roman("IV"));
        assert!(is_roman("XII"));
        assert!(!is_roman("IIII"));
        assert!(!is_roman("A"));
    }

    #[test]
    fn english_thousands_are_told_apart_from_vietnamese_decimals() {
        assert_eq!(english_thousands("4,150").as_deref(), Some("4.150"));
        assert_eq!(english_thousands("12,500,000").as_deref(), Some("12.500.000"));
        assert_eq!(english_thousands("-1,100").as_deref(), Some("-1.100"));
        // Vietnamese decimals, and what no English writer groups so.
        for text in ["4,15", "87,4", "4150", "1.234,5", "12,34,567", "1234,567", ""] {
            assert_eq!(english_thousands(text), None, "{text}");
        }
    }
}
