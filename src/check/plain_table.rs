//! Checks of plain tables (`bang`): one cell per column, no bare floats.

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use super::token_at;
use crate::model::{At, Block, CellInput, Location, PlainColumn, PlainTable};

/// Walks the body and checks every plain table.
pub fn check_blocks(file: &Path, text: &str, blocks: &[Block], diags: &mut Vec<Diagnostic>) {
    for block in crate::model::walk(blocks) {
        if let Block::Bang(t) = block {
            check_table(file, text, t, diags);
        }
    }
}

fn check_table(file: &Path, text: &str, table: &PlainTable, diags: &mut Vec<Diagnostic>) {
    let columns = table.cot.len();
    if table.dong.is_empty() {
        if let Some(first) = table.cot.first() {
            let (line, column) = super::lint::key_position(text, "dong", first.ten.referenced.line())
                .unwrap_or((first.ten.referenced.line(), first.ten.referenced.column()));
            diags.push(
                Diagnostic::at(
                    Severity::Warning,
                    Kind::Empty,
                    file,
                    line,
                    column,
                    Msg::new("bảng không có dòng nào (`dong` trống): chỉ in ra hàng tiêu đề", "the table has no rows (`dong` is empty): only its headings print"),
                )
                .with_hint(Msg::new("thêm các dòng: dong: [[\"1\", \"…\"]], hoặc xóa bảng", "add rows: dong: [[\"1\", \"…\"]], or delete the table")),
            );
        }
    }
    if columns == 0 {
        if let Some(first) = table.dong.first() {
            diags.push(Diagnostic::error(
                Kind::MissingField,
                file,
                first.referenced,
                Msg::new("bảng không có cột nào (`cot`)", "the table has no columns (`cot`)"),
            ).with_hint(Msg::new("thêm cot: [{ ten: \"TT\" }, { ten: \"Nội dung\" }]", "add cot: [{ ten: \"TT\" }, { ten: \"Nội dung\" }]")));
        }
        return;
    }
    for column in &table.cot {
        if let Some(w) = &column.rong {
            if w.value == 0 {
                diags.push(Diagnostic::error(
                    Kind::WrongType,
                    file,
                    w.referenced,
                    Msg::new("độ rộng cột phải lớn hơn 0", "a column width must be above 0"),
                ).with_hint(Msg::new("ví dụ: rong: 2", "e.g. rong: 2")));
            }
        }
    }
    malformed_numbers(file, table, diags);
    for row in &table.dong {
        if row.value.len() != columns {
            diags.push(
                Diagnostic::error(
                    Kind::WrongType,
                    file,
                    row.referenced,
                    Msg::new(
                        format!("dòng có {} ô nhưng bảng có {columns} cột", row.value.len()),
                        format!("the row has {} cells but the table has {columns} columns", row.value.len()),
                    ),
                )
                .with_hint(Msg::new("mỗi dòng ghi đúng một ô cho mỗi cột; ô trống ghi \"\"", "write one cell per column; an empty cell is \"\"")),
            );
        }
        for cell in &row.value {
            match &cell.value {
                CellInput::BareFloat | CellInput::Integer(_) if looks_like_phone(&token_at(text, cell)) => {
                    diags.push(phone_number(file, cell.referenced, &token_at(text, cell), true))
                }
                CellInput::Integer(year @ 1900..=2100) if !is_year_column(&table.cot, row, cell) && !is_count_column(table, row, cell) => diags.push(
                    Diagnostic::warning(
                        Kind::BadNumber,
                        file,
                        cell.referenced,
                        Msg::new(
                            format!("{year} không có ngoặc kép được in như một con số: \"{}\"; nếu là năm, đặt trong ngoặc kép", group(*year)),
                            format!("an unquoted {year} prints as a number: \"{}\"; if it is a year, put it in quotes", group(*year)),
                        ),
                    )
                    .with_hint(Msg::new(format!("nếu là năm, viết \"{year}\" (trong ngoặc kép)"), format!("for a year, write \"{year}\" (in quotes)"))),
                ),
                CellInput::BareFloat => diags.push(
                    Diagnostic::error(
                        Kind::BareFloat,
                        file,
                        cell.referenced,
                        Msg::new(
                            "số thập phân không có ngoặc kép: YAML đọc nó theo kiểu Anh (dấu chấm là dấu thập phân)",
                            "unquoted decimal: YAML reads it in English notation (the dot as decimal point)",
                        ),
                    )
                    .with_hint(Msg::new("đặt trong ngoặc kép, như muốn in ra: \"4.150\", \"5,5\"", "quote it as it should print: \"4.150\", \"5,5\"")),
                ),
                CellInput::Other => diags.push(Diagnostic::error(
                    Kind::WrongType,
                    file,
                    cell.referenced,
                    Msg::new("ô bảng phải là chữ hoặc số", "a table cell must be text or a number"),
                ).with_hint(Msg::new("đặt trong ngoặc kép: \"có\"", "quote it: \"có\""))),
                _ => {}
            }
        }
    }
}

/// A cell of digits and separators only, that could be meant as a number.
fn number_like(t: &str) -> bool {
    let body = t.trim().trim_start_matches('-');
    body.chars().any(|c| c.is_ascii_digit()) && body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',')
}

/// A column of numbers (more than half of its filled cells digits and
/// separators, one at least in Vietnamese notation) in which a cell is written
/// another way: "1,234.5",
/// "68.5", "4.15.0" print as typed and read as another number, or none. A
/// warning with the reading that is valid, if one is: a `bang` prints its
/// cells as written, so vanban cannot know. A numbering column (TT, STT, Mã
/// số: "1.1", "1.2") is left alone.
fn malformed_numbers(file: &Path, table: &PlainTable, diags: &mut Vec<Diagnostic>) {
    use crate::model::number::VnNumber;
    for (k, column) in table.cot.iter().enumerate() {
        let heading = column.ten.value.trim().to_lowercase();
        if matches!(heading.as_str(), "tt" | "stt" | "số tt" | "số thứ tự") || heading.starts_with("mã") {
            continue;
        }
        let texts: Vec<(&str, Location)> = table
            .dong
            .iter()
            .filter_map(|row| row.value.get(k))
            .filter_map(|c| match &c.value {
                CellInput::Text(t) if !t.trim().is_empty() && t.trim() != "-" => Some((t.as_str(), c.referenced)),
                _ => None,
            })
            .collect();
        // A column of numbers: most of its cells are digits and separators,
        // and at least one is written the Vietnamese way (a bare whole number,
        // 12 or 1250, is one: it prints "1.250").
        let integers = table.dong.iter().filter_map(|row| row.value.get(k)).filter(|c| matches!(c.value, CellInput::Integer(_))).count();
        let numeric = texts.iter().filter(|(t, _)| number_like(t)).count() + integers;
        let vietnamese = integers > 0 || texts.iter().any(|(t, _)| VnNumber::parse(t).is_ok());
        if numeric * 2 <= texts.len() + integers || !vietnamese {
            continue;
        }
        for (t, at) in texts.iter().filter(|(t, _)| number_like(t)) {
            let t = t.trim();
            let Err(e) = VnNumber::parse(t) else { continue };
            let (vi, en) = e.describe();
            diags.push(
                Diagnostic::warning(
                    Kind::BadNumber,
                    file,
                    *at,
                    Msg::new(
                        format!("\"{t}\" trong cột số \"{}\" không phải số viết theo cách Việt Nam: {vi}", column.ten.value.trim()),
                        format!("\"{t}\" in the number column \"{}\" is not a number in Vietnamese notation: {en}", column.ten.value.trim()),
                    ),
                )
                .with_hint(super::notation_hint(t)),
            );
        }
    }
}

/// A column headed "Năm …" holds years: they print as written ("2022").
/// `resolve` follows the same rule ([`is_year_heading`]).
fn is_year_column(columns: &[PlainColumn], row: &At<Vec<At<CellInput>>>, cell: &At<CellInput>) -> bool {
    let index = row.value.iter().position(|c| std::ptr::eq(c, cell));
    index.and_then(|i| columns.get(i)).is_some_and(|c| is_year_heading(&c.ten.value))
}

/// A column of counts or amounts, where 1924 is a number, not a year: its
/// heading says so ("Số lượt", "Số hộ", "Kinh phí", "Diện tích"), or another
/// whole number in it is no year (12, 25 000).
fn is_count_column(table: &PlainTable, row: &At<Vec<At<CellInput>>>, cell: &At<CellInput>) -> bool {
    let Some(k) = row.value.iter().position(|c| std::ptr::eq(c, cell)) else { return false };
    let heading = table.cot.get(k).map_or(String::new(), |c| c.ten.value.to_lowercase());
    let words: Vec<&str> = heading.split(|c: char| !c.is_alphanumeric()).collect();
    let says_count = ["số", "lượt", "người", "hộ", "tổng", "lượng", "phí", "tiền", "đồng", "diện", "khẩu"].iter().any(|w| words.contains(w));
    let other_numbers = table.dong.iter().filter_map(|r| r.value.get(k)).any(|c| matches!(c.value, CellInput::Integer(n) if !(1900..=2100).contains(&n)));
    says_count || other_numbers
}

/// Whether a column heading says its cells are years ("Năm", "Năm ban hành").
pub fn is_year_heading(heading: &str) -> bool {
    heading.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| w == "năm")
}

/// 1.950, 2.022: how resolve prints a whole number.
fn group(n: i128) -> String {
    crate::model::number::VnNumber::from_int(n).map_or(n.to_string(), |v| v.to_string())
}

/// Digits with a leading 0, 9 to 11 of them: 0912345678, 02373812345.
pub fn looks_like_phone(token: &str) -> bool {
    let digits = token.trim_start_matches('+');
    digits.starts_with('0') && (9..=11).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit())
}

/// "0912345678" typed bare: YAML reads the leading 0 away, or refuses the digits
/// as a number. `text_cell`: the cell prints text (a `bang`), not a figure.
pub fn phone_number(file: &Path, at: Location, token: &str, text_cell: bool) -> Diagnostic {
    let hint = if text_cell {
        Msg::new(format!("đặt trong ngoặc kép để in đúng như đã gõ: \"{token}\""), format!("put it in quotes to print it as typed: \"{token}\""))
    } else {
        Msg::new(
            format!("ô này chỉ ghi số liệu; số điện thoại ghi ở `ghi_chu`, trong ngoặc kép: \"{token}\""),
            format!("this cell holds figures; write the phone number in `ghi_chu`, in quotes: \"{token}\""),
        )
    };
    Diagnostic::error(
        Kind::BadNumber,
        file,
        at,
        Msg::new(
            format!("{token} có vẻ là số điện thoại (hoặc mã số bắt đầu bằng 0), không phải con số: không có ngoặc kép, YAML làm mất số 0 đầu"),
            format!("{token} looks like a phone number (or a code starting with 0), not a figure: unquoted, YAML drops the leading 0"),
        ),
    )
    .with_hint(hint)
}
