//! Checks of plain tables (`bang`): one cell per column, no bare floats,
//! groups of headings that stand together; and what its total row adds up
//! ([`column_totals`]), which `resolve` prints.

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
    check_groups(file, table, diags);
    check_total(file, table, diags);
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
                CellInput::BareFloat => {
                    let token = token_at(text, cell);
                    diags.push(
                        Diagnostic::error(
                            Kind::BareFloat,
                            file,
                            cell.referenced,
                            Msg::new(
                                format!("số thập phân không có ngoặc kép: YAML đọc {token} theo kiểu Anh (dấu chấm là dấu thập phân)"),
                                format!("unquoted decimal: YAML reads {token} in English notation (the dot as decimal point)"),
                            ),
                        )
                        .with_hint(super::bare_float_hint(&token)),
                    )
                }
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
    let t = t.trim();
    let plain = |body: &str| body.chars().any(|c| c.is_ascii_digit()) && body.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',');
    // Also what a spreadsheet or a word processor writes for a number that
    // vanban cannot add as written: a minus typed "−" (U+2212) or "–"; an
    // accounting negative with a separator, "(120,5)", "(1.200)" (not "(3)", a
    // footnote, or "(2023)", a year); thousands spaced in threes, "1 200 000"
    // (not a phone number "0912 345 678", nor a list "5, 20").
    if let Some(inner) = t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        return plain(inner) && inner.contains(['.', ',']);
    }
    let body = t.trim_start_matches(['-', '\u{2212}', '\u{2013}']);
    if body.contains([' ', '\u{a0}']) {
        let (int, frac) = body.split_once(',').unwrap_or((body, ""));
        let groups: Vec<&str> = int.split([' ', '\u{a0}']).collect();
        let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
        return groups[0].len() <= 3
            && groups.iter().all(|g| digits(g))
            && groups[1..].iter().all(|g| g.len() == 3)
            && frac.chars().all(|c| c.is_ascii_digit());
    }
    plain(body)
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
/// A heading that names a year ("Năm 2025", "Năm học 2024-2025") heads that
/// year's figures, not years.
pub fn is_year_heading(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    let mut words = lower.split(|c: char| !c.is_alphanumeric());
    let names_a_year = lower.split(|c: char| !c.is_ascii_digit()).any(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")));
    words.any(|w| w == "năm") && !names_a_year
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

/// Whether a plain table's row is its total: its first cell says "Tổng cộng",
/// "Tổng số", "Tổng", "Cộng" or "Toàn xã/huyện…" and nothing more (a colon
/// allowed, and what it adds up in brackets: "Tổng cộng (I+II)").
pub fn is_total_label(text: &str) -> bool {
    total_label_base(text).is_some()
}

/// The label of a total without its colon and brackets, lower case ("cộng" for
/// "Cộng (I):"); `None` for any other text.
fn total_label_base(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(':').trim();
    let t = match t.rfind(" (") {
        Some(open) if t.ends_with(')') => &t[..open],
        _ => t,
    };
    let t = t.trim().trim_end_matches(':').trim().to_lowercase();
    matches!(t.as_str(), "tổng cộng" | "tổng số" | "tổng" | "cộng" | "tổng cộng toàn xã" | "toàn xã" | "toàn phường" | "toàn thị trấn" | "toàn huyện")
        .then_some(t)
}

/// A group's number in a TT column: "A", "B" … or "I", "II" … (a row's own
/// number is Arabic: "1", "2", "1.1").
pub fn is_group_number(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    (t.len() == 1 && t.bytes().all(|b| b.is_ascii_uppercase())) || (1..=50).any(|n| super::markers::roman(n) == t)
}

/// Whether the first column numbers the rows ("TT", "STT", "Số TT").
pub fn has_tt_column(table: &PlainTable) -> bool {
    table.cot.first().is_some_and(|c| {
        let heading = c.ten.value.split_whitespace().collect::<Vec<_>>().join(" ").to_uppercase();
        matches!(heading.as_str(), "TT" | "STT" | "SỐ TT")
    })
}

/// The text of a row's first non-empty cell (where a total's label stands).
fn row_label(row: &[At<CellInput>]) -> Option<&At<CellInput>> {
    row.iter().find(|c| !matches!(&c.value, CellInput::Text(t) if t.trim().is_empty()))
}

fn is_total_row(row: &[At<CellInput>]) -> bool {
    row_label(row).is_some_and(|c| matches!(&c.value, CellInput::Text(t) if is_total_label(t)))
}

/// A row's own number in a TT column: "1", "2.", "1.2" (digits and dots).
fn row_number(text: &str) -> Option<&str> {
    let t = text.trim().trim_end_matches('.');
    (!t.is_empty() && t.split('.').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))).then_some(t)
}

/// Where a TT cell stands in the numbering: 0 for a letter group (A, B …),
/// 1 for a Roman one (I, II …), 2 for "1", 3 for "1.1" …; `None` for "-",
/// "+", "a)", an empty cell or text. `roman`: the column numbers groups in
/// Roman numerals (it holds "II" or more), so "I", "V", "X" are Roman.
fn numbering_level(text: &str, roman: bool) -> Option<usize> {
    let t = text.trim().trim_end_matches('.');
    if let Some(n) = row_number(t) {
        return Some(2 + n.matches('.').count());
    }
    if !is_group_number(t) {
        return None;
    }
    let single_letter = t.len() == 1 && !(roman && matches!(t, "I" | "V" | "X" | "L"));
    Some(if single_letter { 0 } else { 1 })
}

/// Which rows `tong_cong` adds up. Never a typed total ("Tổng cộng", "Cộng").
/// In a table with a TT column, the rows at the foot of the numbering: a row
/// numbered A, B, I, II, 1, 1.1 … with no row numbered deeper under it (before
/// the next row of its own level or above). A group (I) or a row split into
/// 1.1, 1.2 already holds the sum of its rows, and a "-" or "+" row (or one
/// with no number) breaks down the row above it ("- Trong đó: …"); each would
/// be counted twice. A group with no numbered rows under it ("III. Dự
/// phòng") is added. Without a TT column, every row that is not a total.
pub fn summed_rows(table: &PlainTable) -> Vec<bool> {
    if !has_tt_column(table) {
        return table.dong.iter().map(|r| !is_total_row(&r.value)).collect();
    }
    let first = |r: &At<Vec<At<CellInput>>>| match r.value.first().map(|c| &c.value) {
        Some(CellInput::Text(t)) => t.trim().to_owned(),
        Some(CellInput::Integer(i)) => i.to_string(),
        _ => String::new(),
    };
    let tts: Vec<String> = table.dong.iter().map(first).collect();
    let roman = tts.iter().any(|t| t.trim_end_matches('.').len() > 1 && is_group_number(t));
    let levels: Vec<Option<usize>> = table
        .dong
        .iter()
        .zip(&tts)
        .map(|(r, tt)| if is_total_row(&r.value) { None } else { numbering_level(tt, roman) })
        .collect();
    levels
        .iter()
        .enumerate()
        .map(|(i, level)| {
            let Some(level) = level else { return false };
            levels[i + 1..].iter().flatten().next().is_none_or(|next| next <= level)
        })
        .collect()
}

/// What the computed total row holds under a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnTotal {
    /// Nothing: a column of text, a numbering, year or percentage column, or
    /// no number to add.
    Blank,
    /// The exact sum, with as many decimals as the most precise cell added.
    Sum(crate::model::number::VnNumber),
    /// Left blank because a cell that should be added looks like a number but
    /// is not one in Vietnamese notation ("1,250.5"): what it says, and where.
    Malformed { text: String, at: Location },
}

fn heading_of(column: &PlainColumn) -> String {
    column.ten.value.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Whether a heading has `phrase` as whole words ("giá" in "Đơn giá (đồng)",
/// not in "Đánh giá").
fn has_words(heading: &str, phrase: &str) -> bool {
    let words: Vec<&str> = heading.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let wanted: Vec<&str> = phrase.split(' ').collect();
    words.windows(wanted.len()).any(|w| w == wanted.as_slice())
}

/// A column whose sum means nothing: it numbers the rows (TT, Mã số), holds
/// years ("Năm"), ratios ("Tỷ lệ (%)"), prices per unit ("Đơn giá"), averages
/// or rates ("Bình quân", "Định mức", "Năng suất (tạ/ha)").
fn never_summed(column: &PlainColumn) -> bool {
    let heading = heading_of(column);
    matches!(heading.as_str(), "tt" | "stt" | "số tt" | "số thứ tự")
        || heading.starts_with("mã")
        || is_year_heading(&heading)
        || heading.contains('%')
        || heading.starts_with("tỷ lệ")
        || ["đơn giá", "giá đơn vị", "định mức", "bình quân", "trung bình", "mật độ", "hệ số", "lãi suất", "năng suất", "chỉ số"]
            .iter()
            .any(|p| has_words(&heading, p))
        // "(tạ/ha)", "(người/km²)", "(đồng/người)": a rate, in its unit's
        // parentheses ("Vốn NS tỉnh/huyện" is no rate).
        || heading.split('(').skip(1).filter_map(|part| part.split(')').next()).any(|unit| unit.contains('/') && unit.chars().any(char::is_alphabetic))
}

/// A column of quantities (Khối lượng, Số lượng, Sản lượng, Diện tích), which
/// adds up only when every row counts in the same unit.
fn is_quantity(column: &PlainColumn) -> bool {
    let heading = heading_of(column);
    ["khối lượng", "số lượng", "sản lượng", "diện tích", "quy mô"].iter().any(|p| has_words(&heading, p))
}

/// The unit column (ĐVT, Đơn vị tính), if the table has one.
fn unit_column(table: &PlainTable) -> Option<usize> {
    // Not a bare "Đơn vị", which in a breakdown by unit names communes.
    table.cot.iter().position(|c| matches!(heading_of(c).as_str(), "đvt" | "đơn vị tính" | "đv tính"))
}

/// Whether the rows `summed` count in more than one unit (m², m, bộ …).
fn mixed_units(table: &PlainTable, summed: &[bool]) -> bool {
    let Some(k) = unit_column(table) else { return false };
    let mut units = table.dong.iter().zip(summed).filter(|(_, s)| **s).filter_map(|(r, _)| match r.value.get(k).map(|c| &c.value) {
        Some(CellInput::Text(t)) if !t.trim().is_empty() => Some(t.trim().to_lowercase()),
        _ => None,
    });
    let Some(first) = units.next() else { return false };
    units.any(|u| u != first)
}

/// Whether `tong_cong` adds column `column`: its `cong:` if written, else
/// the rules of [`never_summed`] and [`is_quantity`].
fn column_added(column: &PlainColumn, mixed: bool) -> bool {
    match &column.cong {
        Some(flag) => flag.value,
        None => !never_summed(column) && !(mixed && is_quantity(column)),
    }
}

/// The total row of a table with `tong_cong: true`, column by column: the sum
/// of the [`summed_rows`], parsed as the cells print ([`VnNumber`], never a
/// float). A column with any text that is no number gets no total; "" and "-"
/// are no data.
///
/// [`VnNumber`]: crate::model::number::VnNumber
pub fn column_totals(table: &PlainTable) -> Vec<ColumnTotal> {
    use crate::model::number::VnNumber;
    let summed = summed_rows(table);
    let mixed = mixed_units(table, &summed);
    table
        .cot
        .iter()
        .enumerate()
        .map(|(k, column)| {
            if !column_added(column, mixed) {
                return ColumnTotal::Blank;
            }
            let mut sum = rust_decimal::Decimal::ZERO;
            let mut scale = 0;
            let mut any = false;
            let mut malformed = None;
            for row in table.dong.iter().zip(&summed).filter(|(_, s)| **s).map(|(r, _)| r) {
                let Some(cell) = row.value.get(k) else { continue };
                let value = match &cell.value {
                    CellInput::Integer(i) => match VnNumber::from_int(*i) {
                        Some(v) => v,
                        None => return ColumnTotal::Blank,
                    },
                    CellInput::Text(t) if matches!(t.trim(), "" | "-") => continue,
                    CellInput::Text(t) => match VnNumber::parse(t) {
                        Ok(v) => v,
                        Err(_) if number_like(t) => {
                            malformed.get_or_insert_with(|| (t.trim().to_owned(), cell.referenced));
                            continue;
                        }
                        Err(_) => return ColumnTotal::Blank,
                    },
                    // Refused elsewhere.
                    CellInput::BareFloat | CellInput::Other => return ColumnTotal::Blank,
                };
                scale = scale.max(value.0.scale());
                sum = match sum.checked_add(value.0) {
                    Some(s) => s,
                    None => return ColumnTotal::Blank,
                };
                any = true;
            }
            if let Some((text, at)) = malformed {
                return ColumnTotal::Malformed { text, at };
            }
            if !any {
                return ColumnTotal::Blank;
            }
            sum.rescale(scale);
            ColumnTotal::Sum(VnNumber(sum))
        })
        .collect()
}

/// The warnings of `tong_cong: true`: a total typed as well (two totals would
/// print), a cell the total cannot add, and a table with nothing to add.
fn check_total(file: &Path, table: &PlainTable, diags: &mut Vec<Diagnostic>) {
    let Some(flag) = table.tong_cong.as_ref().filter(|f| f.value) else {
        // `cong:` says what the total row adds: without one it says nothing.
        if let Some(cong) = table.cot.iter().find_map(|c| c.cong.as_ref()) {
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    file,
                    cong.referenced,
                    Msg::new("`cong:` chỉ có tác dụng khi bảng có `tong_cong: true`", "`cong:` only counts when the table has `tong_cong: true`"),
                )
                .with_hint(Msg::new("thêm `tong_cong: true` vào bảng để in dòng \"Tổng cộng\", hoặc bỏ `cong:`", "add `tong_cong: true` to the table to print the \"Tổng cộng\" row, or remove `cong:`")),
            );
        }
        return;
    };
    for row in &table.dong {
        let Some(label) = row_label(&row.value) else { continue };
        let CellInput::Text(text) = &label.value else { continue };
        // "Cộng" under a group is its subtotal, which offices type; another
        // total is the one `tong_cong` prints.
        if total_label_base(text).is_some_and(|base| base != "cộng") {
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    file,
                    label.referenced,
                    Msg::new(
                        format!("bảng đã có `tong_cong: true` nên vanban tự thêm dòng \"Tổng cộng\"; dòng \"{}\" gõ tay sẽ in thành hai dòng tổng", text.trim()),
                        format!("the table has `tong_cong: true`, so vanban adds the \"Tổng cộng\" row; the typed \"{}\" row would print a second total", text.trim()),
                    ),
                )
                .with_hint(Msg::new("xóa dòng tổng gõ tay, hoặc bỏ `tong_cong: true`", "delete the typed total row, or remove `tong_cong: true`")),
            );
        }
    }
    let totals = column_totals(table);
    for (column, total) in table.cot.iter().zip(&totals) {
        if let ColumnTotal::Malformed { text, at } = total {
            let (vi, en) = crate::model::number::VnNumber::parse(text).err().map_or(("", ""), |e| e.describe());
            // The column's notation warning at this cell (`malformed_numbers`)
            // says it once, with what it does to the total.
            let same_cell = |d: &&mut Diagnostic| d.kind == Kind::BadNumber && (d.line, d.column) == (at.line(), at.column());
            if let Some(d) = diags.iter_mut().find(|d| same_cell(d)) {
                d.message.vi.push_str("; dòng \"Tổng cộng\" để trống ô của cột này");
                d.message.en.push_str("; the \"Tổng cộng\" row leaves this column blank");
                continue;
            }
            diags.push(
                Diagnostic::warning(
                    Kind::BadNumber,
                    file,
                    *at,
                    Msg::new(
                        format!("dòng \"Tổng cộng\" để trống ô của cột \"{}\": không cộng được \"{text}\" ({vi})", column.ten.value.trim()),
                        format!("the \"Tổng cộng\" row leaves column \"{}\" blank: \"{text}\" cannot be added ({en})", column.ten.value.trim()),
                    ),
                )
                .with_hint(super::notation_hint(text)),
            );
        }
    }
    if !totals.iter().any(|t| matches!(t, ColumnTotal::Sum(_) | ColumnTotal::Malformed { .. })) {
        diags.push(
            Diagnostic::warning(
                Kind::Format,
                file,
                flag.referenced,
                Msg::new(
                    "`tong_cong: true` nhưng bảng không có cột số nào để cộng: dòng \"Tổng cộng\" sẽ trống",
                    "`tong_cong: true` but the table has no column of numbers to add: the \"Tổng cộng\" row would be empty",
                ),
            )
            .with_hint(Msg::new(
                "số ghi theo cách Việt Nam: 1250, \"1.250\", \"5,5\"; cột TT, Mã, Năm, tỷ lệ (%), đơn giá không được cộng trừ khi ghi `cong: true` ở cột đó; hoặc bỏ `tong_cong`",
                "write numbers the Vietnamese way: 1250, \"1.250\", \"5,5\"; TT, Mã, Năm, ratio (%) and unit price columns are not added unless the column says `cong: true`; or remove `tong_cong`",
            )),
        );
    }
}

/// The groups of headings (`nhom`): one name on columns that do not stand
/// together cannot be one merged heading.
fn check_groups(file: &Path, table: &PlainTable, diags: &mut Vec<Diagnostic>) {
    let name = |c: &PlainColumn| c.nhom.as_ref().map(|g| g.value.split_whitespace().collect::<Vec<_>>().join(" "));
    for (k, column) in table.cot.iter().enumerate() {
        let Some(group) = &column.nhom else { continue };
        let this = name(column).unwrap_or_default();
        if this.is_empty() {
            diags.push(
                Diagnostic::error(Kind::Empty, file, group.referenced, Msg::new("tên nhóm cột (`nhom`) trống", "the column group's name (`nhom`) is empty"))
                    .with_hint(Msg::new("ghi tên nhóm, ví dụ nhom: \"Kinh phí (triệu đồng)\", hoặc bỏ `nhom`", "write the group's name, e.g. nhom: \"Kinh phí (triệu đồng)\", or remove `nhom`")),
            );
            continue;
        }
        // The group ran before, and something else stands between.
        let earlier = table.cot[..k].iter().position(|c| name(c).as_deref() == Some(this.as_str()));
        let broken = k > 0 && name(&table.cot[k - 1]).as_deref() != Some(this.as_str());
        if let (Some(first), true) = (earlier, broken) {
            diags.push(
                Diagnostic::error(
                    Kind::WrongType,
                    file,
                    group.referenced,
                    Msg::new(
                        format!("nhóm \"{this}\" đã dùng ở cột {} (\"{}\"), các cột cùng nhóm phải đứng liền nhau để in chung một ô tiêu đề", first + 1, table.cot[first].ten.value.trim()),
                        format!("the group \"{this}\" is already used by column {} (\"{}\"); the columns of a group must stand together to share one heading", first + 1, table.cot[first].ten.value.trim()),
                    ),
                )
                .with_hint(Msg::new(
                    format!("chuyển cột này về ngay sau các cột của nhóm \"{this}\", hoặc đặt tên nhóm khác"),
                    format!("move this column next to the other columns of \"{this}\", or give it another group"),
                )),
            );
        }
    }
}
