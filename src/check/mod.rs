//! Validation and NĐ 30 lints over the loaded model.
//!
//! `check` parses what the YAML left as text (numbers, dates), converts the
//! indicator tables into [`indicators::Table`]s, compares any typed derived value
//! with the computed one, and runs the lints. Every problem becomes a
//! [`Diagnostic`] with file, line and column; all of them are collected, not only
//! the first.

pub mod diagnostic;
pub mod doc_type;
pub mod glyphs;
pub mod lint;
pub mod markers;
pub mod meeting;
pub mod when;
pub mod overflow;
pub mod appendix;
pub mod plain_table;

use std::path::Path;

pub use diagnostic::{has_errors, Diagnostic, Kind, Lang, Msg, Severity};

use crate::indicators::columns::{self, ColumnSpec, SpecKind, CUSTOM, PRESETS};
use crate::indicators::{self, Cell, ColumnKind, ColumnSet};
use crate::model::date::{DateError, DocDate};
use crate::model::load::LoadedReport;
use crate::model::number::{NumberError, VnNumber};
use crate::model::{At, Block, CellInput, ColumnType, Columns, Indicator, IndicatorTable, Judgement, Report, TableId, TableSource};

/// A report that passed `check`: the model plus what `check` decided.
#[derive(Debug)]
pub struct CheckedReport<'a> {
    pub file: &'a Path,
    pub report: &'a Report,
    pub date: DocDate,
    /// The indicator tables, by their blocks' ids ([`CheckedReport::table`]).
    pub tables: Vec<indicators::Table>,
}

impl CheckedReport<'_> {
    /// The checked table of a `bang_chi_tieu` block.
    pub fn table(&self, id: TableId) -> Option<&indicators::Table> {
        self.tables.get(id.0)
    }
}

/// Checks a loaded report, for typesetting with `font`. Returns `None` when
/// there are errors (all reported).
pub fn check<'a>(loaded: &'a LoadedReport, font: &glyphs::FontCoverage, diags: &mut Vec<Diagnostic>) -> Option<CheckedReport<'a>> {
    let file = loaded.file.as_path();
    let report = &loaded.report;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();

    glyphs::check_text(file, &loaded.text, font, diags);
    for table in &loaded.tables {
        glyphs::check_text(&table.file, &table.text, font, diags);
    }

    lint::lint_report(file, &loaded.text, report, diags);
    doc_type::check_type(file, &loaded.text, report, diags);
    for blocks in report.bodies() {
        plain_table::check_blocks(file, &loaded.text, blocks, diags);
    }
    appendix::check_appendices(file, &loaded.text, report, diags);
    lint::lint_first_landscape(loaded, diags);
    let date = check_date(file, report, diags);
    check_header(file, report, diags);

    let (tables, places) = collect_tables(loaded, diags);
    if let (Some(first), Some((table_file, at))) = (tables.first(), places.first()) {
        if first.columns.evaluation.is_none() && report.bodies().any(uses_summary) {
            diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    table_file,
                    *at,
                    if first.columns.name == crate::indicators::columns::CUSTOM {
                        Msg::new(
                            "báo cáo dùng `tom_tat: chi_tieu` nhưng biểu có bộ cột riêng (`cot:` là danh sách) mà không ghi cột nào đánh giá chỉ tiêu (`danh_gia_theo`)",
                            "the report uses `tom_tat: chi_tieu` but the table has a column set of its own (`cot:` as a list) that names no column judging the indicators (`danh_gia_theo`)",
                        )
                    } else {
                        Msg::new(
                            format!("báo cáo dùng `tom_tat: chi_tieu` nhưng mẫu biểu `{}` không đánh giá chỉ tiêu nào", first.columns.name),
                            format!("the report uses `tom_tat: chi_tieu` but the `{}` column set judges no indicator", first.columns.name),
                        )
                    },
                )
                .with_hint(Msg::new(
                    "bỏ `tom_tat: chi_tieu` khỏi báo cáo, hoặc ghi trong biểu `danh_gia_theo: <số cột so với kế hoạch>` (cột tính có công thức dạng \"3/1*100\")",
                    "remove `tom_tat: chi_tieu` from the report, or write in the table `danh_gia_theo: <number of the column compared with the plan>` (a derived column with a formula like \"3/1*100\")",
                )),
            );
        }
        // The sentence would say "6 tháng đầu năm" under a heading of another period.
        let heading = evaluation_headings(&first.columns).first().map(|h| h.to_string());
        if let Some(heading) = heading.filter(|h| first.period_assumed && !h.to_lowercase().contains(indicators::FIRST_HALF) && report.bodies().any(uses_summary)) {
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    table_file,
                    *at,
                    Msg::new(
                        format!("câu tóm tắt (`tom_tat: chi_tieu`) sẽ nói \"{}\", nhưng tiêu đề cột đánh giá là \"{heading}\"", indicators::FIRST_HALF),
                        format!("the summary sentence (`tom_tat: chi_tieu`) will say \"{}\", but the evaluation column's heading is \"{heading}\"", indicators::FIRST_HALF),
                    ),
                )
                .with_hint(Msg::new(
                    "ghi kỳ đánh giá trong biểu, ví dụ: ky_danh_gia: \"9 tháng\" hoặc ky_danh_gia: \"cả năm\"",
                    "write the period in the table, e.g. ky_danh_gia: \"9 tháng\" or ky_danh_gia: \"cả năm\"",
                )),
            );
        }
    }

    // A summary with no table to sum up would print nothing where the sentence goes.
    let has_table = report.all_blocks().any(|b| matches!(b, Block::BangChiTieu(_)));
    if let (false, Some(at)) = (has_table, report.bodies().find_map(summary_at)) {
        diags.push(
            Diagnostic::error(
                Kind::MissingField,
                file,
                at,
                Msg::new(
                    "`tom_tat: chi_tieu` tóm tắt bảng chỉ tiêu, nhưng văn bản không có bảng chỉ tiêu nào (`bang_chi_tieu`)",
                    "`tom_tat: chi_tieu` sums up the indicator table, but the document has no indicator table (`bang_chi_tieu`)",
                ),
            )
            .with_hint(Msg::new(
                "thêm khối `- bang_chi_tieu: TÊN.chi-tieu.yaml` vào nội dung, hoặc viết câu tóm tắt bằng lời và bỏ `tom_tat: chi_tieu`",
                "add a `- bang_chi_tieu: NAME.chi-tieu.yaml` block to the body, or write the summary in words and remove `tom_tat: chi_tieu`",
            )),
        );
    }

    check_table_rows(loaded, &tables, &places, diags);

    let errors_after = diags.iter().filter(|d| d.is_error()).count();
    match date {
        Some(date) if errors_after == errors_before => Some(CheckedReport { file, report, date, tables }),
        _ => None,
    }
}

fn check_header(file: &Path, report: &Report, diags: &mut Vec<Diagnostic>) {
    if report.co_quan.ten.iter().all(|l| l.value.trim().is_empty()) {
        diags.push(Diagnostic::file_error(
            Kind::MissingField,
            file,
            Msg::new("thiếu tên cơ quan ban hành (co_quan.ten)", "the issuing body's name (co_quan.ten) is missing"),
        ));
    }
    for line in report.co_quan.ten.iter().chain(&report.co_quan.chu_quan) {
        if line.value != line.value.to_uppercase() {
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    file,
                    line.referenced,
                    Msg::new("tên cơ quan phải viết IN HOA", "the body's name is written IN CAPITALS"),
                )
                .with_hint(Msg::new(format!("viết: \"{}\"", line.value.to_uppercase()), format!("write: \"{}\"", line.value.to_uppercase()))),
            );
        }
    }
    if let Some(name) = place_name_only(&report.dia_danh.value) {
        diags.push(
            Diagnostic::warning(
                Kind::Format,
                file,
                report.dia_danh.referenced,
                Msg::new(
                    "địa danh chỉ ghi tên riêng của đơn vị hành chính nơi cơ quan đóng trụ sở (NĐ 30/2020, Phụ lục I), không ghi cấp xã, huyện, tỉnh",
                    "the place name is only the proper name of the administrative unit where the body sits (NĐ 30/2020, Appendix I), without xã, huyện, tỉnh",
                ),
            )
            .with_hint(Msg::new(
                format!("viết: dia_danh: {name} (giữ chữ Xã, Phường… nếu tên đơn vị đặt theo tên người hoặc bằng số, như \"Phường 15\", \"Thành phố Hồ Chí Minh\")"),
                format!("write: dia_danh: {name} (keep Xã, Phường… when the unit is named after a person or by a number, as \"Phường 15\", \"Thành phố Hồ Chí Minh\")"),
            )),
        );
    }
    if let Some(so) = &report.so {
        if so.value == 0 {
            diags.push(Diagnostic::error(
                Kind::Format,
                file,
                so.referenced,
                Msg::new("số văn bản bắt đầu từ 01", "document numbers start at 01"),
            ).with_hint(Msg::new("bỏ trống `so` để văn thư điền", "leave `so` out for the văn thư to fill in")));
        }
    }
}

/// The proper name a địa danh should be, when it is written with its level or
/// with the levels above ("Thị trấn Nga Sơn, huyện Nga Sơn, tỉnh Thanh Hóa" →
/// "Nga Sơn"). A unit named by a number keeps its level ("Phường 15").
fn place_name_only(place: &str) -> Option<String> {
    // Only a name with the levels above it is surely wrong: "Xã Lê Lợi" alone
    // may be right (a unit named after a person keeps its level word, as
    // "Thành phố Hồ Chí Minh" and "Phường 15" do).
    if !place.contains(',') {
        return None;
    }
    let first = place.split(',').next().unwrap_or("").trim();
    let lower = first.to_lowercase();
    let mut name = first.to_owned();
    for level in ["thị trấn ", "xã ", "phường ", "thị xã ", "thành phố ", "huyện ", "quận ", "tỉnh ", "đặc khu "] {
        if lower.starts_with(level) {
            let rest: String = first.chars().skip(level.chars().count()).collect();
            let rest = rest.trim().to_owned();
            if !rest.starts_with(|c: char| c.is_ascii_digit()) {
                name = rest;
            }
            break;
        }
    }
    (name != place.trim() && !name.is_empty()).then_some(name)
}

#[cfg(test)]
mod place_name_tests {
    #[test]
    fn a_place_name_with_its_levels_is_cut_to_its_proper_name() {
        let cut = |p: &str| super::place_name_only(p);
        assert_eq!(cut("Thị trấn Nga Sơn, huyện Nga Sơn, tỉnh Thanh Hóa").as_deref(), Some("Nga Sơn"));
        assert_eq!(cut("Xã Hoằng Lộc"), None, "one name alone may keep its level (named after a person)");
        assert_eq!(cut("Thành phố Hồ Chí Minh"), None);
        assert_eq!(cut("Bút Sơn, Hoằng Hóa").as_deref(), Some("Bút Sơn"));
        assert_eq!(cut("Bút Sơn"), None);
        assert_eq!(cut("Phường 15"), None);
        assert_eq!(cut("Phường 15, quận Tân Bình").as_deref(), Some("Phường 15"));
    }
}

fn check_date(file: &Path, report: &Report, diags: &mut Vec<Diagnostic>) -> Option<DocDate> {
    let d = &report.ngay;
    let day = d.ngay.as_ref().map(|v| v.value);
    let month = d.thang.as_ref().map(|v| v.value);
    match DocDate::new(day, month, d.nam.value) {
        Ok(date) => Some(date),
        Err(e) => {
            let (at, message) = match e {
                DateError::Month(m) => (
                    d.thang.as_ref().map_or(d.nam.referenced, |v| v.referenced),
                    Msg::new(format!("tháng {m} không tồn tại (1–12)"), format!("month {m} does not exist (1–12)")),
                ),
                DateError::Day { day, month, max } => (
                    d.ngay.as_ref().map_or(d.nam.referenced, |v| v.referenced),
                    Msg::new(
                        format!("ngày {day} không có trong tháng {month} (tháng này có {max} ngày)"),
                        format!("day {day} does not exist in month {month} (it has {max} days)"),
                    ),
                ),
                DateError::Year(y) if y < 1000 => {
                    (d.nam.referenced, Msg::new(format!("năm {y} không hợp lệ; ghi đủ 4 chữ số (2023, không phải 23)"), format!("year {y} is not valid; write all four digits (2023, not 23)")))
                }
                DateError::Year(y) => (
                    d.nam.referenced,
                    Msg::new(format!("năm {y} không thể là năm ban hành (từ 1900 đến 2999)"), format!("{y} cannot be the year of issue (1900 to 2999)")),
                ),
                DateError::DayWithoutMonth => (
                    d.ngay.as_ref().map_or(d.nam.referenced, |v| v.referenced),
                    Msg::new("có ngày mà không có tháng", "a day without a month"),
                ),
            };
            diags.push(
                Diagnostic::error(Kind::BadDate, file, at, message)
                    .with_hint(Msg::new("ví dụ: ngay: { ngay: 5, thang: 7, nam: 2023 }; bỏ `ngay` để văn thư điền", "e.g. ngay: { ngay: 5, thang: 7, nam: 2023 }; leave `ngay` out for the văn thư")),
            );
            None
        }
    }
}

/// Does any text of the body ask for the summary sentence?
fn uses_summary(blocks: &[Block]) -> bool {
    summary_at(blocks).is_some()
}

/// Where the first `tom_tat: chi_tieu` is written (the text holding it).
fn summary_at(blocks: &[Block]) -> Option<serde_saphyr::Location> {
    use crate::model::{Run, StyledRun, Text};
    let in_text = |t: &Text| matches!(t, Text::Runs(runs) if runs.runs.iter().any(|r| matches!(r, Run::Styled(StyledRun::TomTat(_))))).then(|| t.at());
    crate::model::walk(blocks).find_map(|b| match b {
        Block::Phan(p) => in_text(&p.tieu_de),
        Block::Muc(s) => in_text(&s.tieu_de).or_else(|| s.chay_tiep.as_ref().and_then(in_text)),
        Block::Doan(t) | Block::Gach(t) | Block::Cong(t) | Block::Diem(t) => in_text(t),
        _ => None,
    })
}

/// The indicator tables, indexed by their blocks' ids, and where each declares
/// its columns (its file, and its `mau` or `cot`).
/// The most table rows one document may hold. Each row costs typst about
/// 150 KB while it lays the pages out: 10 000 rows are some 800 pages and
/// over a gigabyte; an indicator file of 20 000 groups ran for two minutes in
/// 6 GB, which would bring an office computer to a halt before any message.
pub const MAX_TABLE_ROWS: usize = 10_000;

/// Refuses a document whose tables hold more than [`MAX_TABLE_ROWS`] rows, at
/// the table that passes the limit.
fn check_table_rows(loaded: &LoadedReport, tables: &[indicators::Table], places: &[(&Path, serde_saphyr::Location)], diags: &mut Vec<Diagnostic>) {
    let mut total = 0;
    let mut indicator = tables.iter().zip(places);
    for block in loaded.report.all_blocks() {
        let (rows, file, at) = match block {
            Block::BangChiTieu(_) => {
                let Some((t, (file, at))) = indicator.next() else { continue };
                let rows: usize = t.groups.iter().map(|g| 1 + g.rows.iter().map(|r| 1 + r.sub_rows.len()).sum::<usize>()).sum();
                (rows, *file, *at)
            }
            Block::Bang(t) => (t.dong.len(), loaded.file.as_path(), t.cot.first().map_or_else(|| t.dong.first().map_or(serde_saphyr::Location::UNKNOWN, |r| r.referenced), |c| c.ten.referenced)),
            _ => continue,
        };
        total += rows;
        if total > MAX_TABLE_ROWS {
            let vn = |n: usize| crate::model::number::VnNumber::from_int(n as i128).map_or_else(|| n.to_string(), |v| v.to_string());
            let (total_vn, most_vn) = (vn(total), vn(MAX_TABLE_ROWS));
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    at,
                    Msg::new(
                        format!("các bảng của văn bản có {total_vn} dòng tính đến bảng này; vanban dựng nhiều nhất {most_vn} dòng bảng trong một văn bản (khoảng 800 trang)"),
                        format!("the document's tables hold {total} rows up to this one; vanban sets at most {MAX_TABLE_ROWS} table rows in one document (some 800 pages)"),
                    ),
                )
                .with_hint(Msg::new(
                    "tách số liệu thành nhiều văn bản hoặc phụ lục, hoặc gửi kèm biểu Excel (vanban render … --format xlsx) thay cho bảng in",
                    "split the data over several documents or appendices, or send the Excel workbook along (vanban render … --format xlsx) instead of a printed table",
                )),
            );
            return;
        }
    }
}

fn collect_tables<'a>(
    loaded: &'a LoadedReport,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<indicators::Table>, Vec<(&'a Path, serde_saphyr::Location)>) {
    let place = |t: &IndicatorTable| t.mau.as_ref().map_or(t.cot.referenced, |m| m.referenced);
    let (mut tables, mut places) = (Vec::new(), Vec::new());
    for block in loaded.report.all_blocks() {
        let Block::BangChiTieu(b) = block else { continue };
        let (file, text, table) = match &b.source {
            TableSource::Inline(t) => (loaded.file.as_path(), loaded.text.as_str(), &**t),
            TableSource::File(_) => match loaded.table_file(b.id) {
                Some(t) => (t.file.as_path(), t.text.as_str(), &t.table),
                // Load stops on a file it cannot read: never here.
                None => continue,
            },
        };
        // Ids are given in reading order, the order of this walk.
        debug_assert_eq!(tables.len(), b.id.0);
        tables.push(check_table(file, text, table, diags));
        places.push((file, place(table)));
    }
    (tables, places)
}

/// Converts and checks one indicator table.
pub fn check_table(file: &Path, text: &str, table: &IndicatorTable, diags: &mut Vec<Diagnostic>) -> indicators::Table {
    let columns = column_set(file, text, table, diags);
    // An empty table or group would print "trong 00 chỉ tiêu …" or a group
    // of "(00 chỉ tiêu)" without a word.
    if table.nhom.is_empty() {
        let (line, column) = text
            .lines()
            .enumerate()
            .find_map(|(i, l)| l.find("nhom:").filter(|_| l.trim_start().starts_with("nhom:")).map(|c| (i as u64 + 1, c as u64 + 1)))
            .unwrap_or((1, 1));
        diags.push(
            Diagnostic::at(Severity::Error, Kind::Empty, file, line, column, Msg::new("bảng chỉ tiêu không có nhóm nào", "the indicator table has no group"))
                .with_hint(Msg::new(
                    "thêm các nhóm dưới nhom:, mỗi nhóm có tên và chỉ tiêu: - ten: \"Về kinh tế\" rồi chi_tieu: [- ten: …]",
                    "add the groups under nhom:, each with a name and its indicators: - ten: \"Về kinh tế\" then chi_tieu: [- ten: …]",
                )),
        );
    }
    for g in table.nhom.iter().filter(|g| g.chi_tieu.is_empty()) {
        diags.push(
            Diagnostic::error(
                Kind::Empty,
                file,
                g.ten.referenced,
                Msg::new(format!("nhóm \"{}\" không có chỉ tiêu nào", g.ten.value.trim()), format!("the group \"{}\" has no indicator", g.ten.value.trim())),
            )
            .with_hint(Msg::new("thêm chỉ tiêu dưới chi_tieu: (- ten: …), hoặc xóa nhóm", "add indicators under chi_tieu: (- ten: …), or remove the group")),
        );
    }
    let groups = table
        .nhom
        .iter()
        .map(|g| indicators::Group {
            title: g.ten.value.trim().to_owned(),
            rows: g.chi_tieu.iter().map(|i| check_row(file, text, &columns, i, diags)).collect(),
        })
        .collect();
    let (period, period_assumed) = match (&table.ky_danh_gia, period_of_heading(&columns)) {
        (Some(p), _) => (p.value.trim().to_owned(), false),
        (None, Some(p)) => (p, false),
        (None, None) => (indicators::FIRST_HALF.to_owned(), true),
    };
    indicators::Table {
        columns,
        period,
        period_assumed,
        landscape: crate::model::landscape(&table.ngang),
        groups,
    }
}

/// The period the summary sentence speaks of when `ky_danh_gia` is not
/// written: the one the evaluation column's heading names ("Kết quả thực hiện
/// 9 tháng năm 2025" → "9 tháng"); `None` when it names none.
fn period_of_heading(columns: &ColumnSet) -> Option<String> {
    evaluation_headings(columns).into_iter().find_map(period_named_in)
}

/// The headings over the evaluation column, outermost first: its group's
/// ("Kết quả thực hiện …") if it has one, then its own ("So với kế hoạch (%)").
fn evaluation_headings(columns: &ColumnSet) -> Vec<&str> {
    columns.evaluation_column().map_or(Vec::new(), |c| c.group.as_deref().into_iter().chain([c.label.as_str()]).collect())
}

/// The period a heading names, in the words the summary sentence uses:
/// "N tháng", "N tháng đầu năm" (or cuối, giữa), "quý III", "cả năm"
/// ("Kết quả thực hiện 9 tháng năm 2025" → "9 tháng"; "6 THÁNG ĐẦU NĂM 2023" →
/// "6 tháng đầu năm"). Only these forms: what else a heading says ("(ước)", "so
/// với KH", a year) is not the period.
fn period_named_in(heading: &str) -> Option<String> {
    let spaced: String = heading.chars().map(|c| if c.is_alphanumeric() { c } else { ' ' }).collect();
    let words: Vec<String> = spaced.split_whitespace().map(str::to_lowercase).collect();
    let word = |i: usize| words.get(i).map_or("", String::as_str);
    let is_number = |w: &str| !w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()) && !w.starts_with('0');
    let is_roman = |w: &str| matches!(w, "i" | "ii" | "iii" | "iv");
    (0..words.len()).find_map(|i| match word(i) {
        n if is_number(n) && word(i + 1) == "tháng" => Some(match (word(i + 2), word(i + 3)) {
            (part @ ("đầu" | "cuối" | "giữa"), "năm") => format!("{n} tháng {part} năm"),
            _ => format!("{n} tháng"),
        }),
        "quý" if is_roman(word(i + 1)) => Some(format!("quý {}", word(i + 1).to_uppercase())),
        "quý" if matches!(word(i + 1), "1" | "2" | "3" | "4") => Some(format!("quý {}", word(i + 1))),
        "cả" if word(i + 1) == "năm" => Some("cả năm".to_owned()),
        _ => None,
    })
}

fn preset_names() -> String {
    PRESETS.iter().map(|p| format!("`{}`", p.name)).collect::<Vec<_>>().join(", ")
}

/// The table's column set: a preset with the file's labels, or the file's own
/// list. On errors (all reported) the default set stands in, so that the rows
/// are still checked.
fn column_set(file: &Path, text: &str, table: &IndicatorTable, diags: &mut Vec<Diagnostic>) -> ColumnSet {
    // Named `""`: rows are not checked against it (their keys would all be wrong).
    let fallback = || ColumnSet { name: String::new(), ..PRESETS[0].column_set(&|k| Some(k.to_owned())).expect("the default preset builds") };
    let built = match &table.cot.value {
        Columns::Labels(labels) => {
            let preset = match &table.mau {
                None => &PRESETS[0],
                Some(name) => match columns::preset(name.value.trim()) {
                    Some(p) => p,
                    None => {
                        diags.push(
                            Diagnostic::error(
                                Kind::UnknownKey,
                                file,
                                name.referenced,
                                Msg::new(format!("không có mẫu biểu `{}`", name.value), format!("there is no column set `{}`", name.value)),
                            )
                            .with_hint(Msg::new(
                                format!("viết một trong {}, hoặc liệt kê các cột dưới `cot:`", preset_names()),
                                format!("write one of {}, or list the columns under `cot:`", preset_names()),
                            )),
                        );
                        return fallback();
                    }
                },
            };
            let wanted = preset.label_keys();
            let given = labels.given();
            let mut ok = true;
            for key in &wanted {
                if !given.iter().any(|(k, _)| k == key) {
                    ok = false;
                    diags.push(
                        Diagnostic::error(
                            Kind::MissingField,
                            file,
                            table.cot.referenced,
                            Msg::new(
                                format!("mẫu `{}` cần nhãn cột `{key}` dưới `cot:`", preset.name),
                                format!("the `{}` set needs the column label `{key}` under `cot:`", preset.name),
                            ),
                        )
                        .with_hint(Msg::new(
                            format!("thêm `{key}: \"…\"`; mẫu này dùng {}", list(&wanted)),
                            format!("add `{key}: \"…\"`; this set uses {}", list(&wanted)),
                        )),
                    );
                }
            }
            for (key, at) in &given {
                if !wanted.contains(key) {
                    ok = false;
                    diags.push(
                        Diagnostic::error(
                            Kind::UnknownKey,
                            file,
                            at.referenced,
                            Msg::new(
                                format!("mẫu `{}` không có cột `{key}`", preset.name),
                                format!("the `{}` set has no column `{key}`", preset.name),
                            ),
                        )
                        .with_hint(Msg::new(
                            format!("mẫu này dùng {}; mẫu khác: `mau:` {}", list(&wanted), preset_names()),
                            format!("this set uses {}; other sets: `mau:` {}", list(&wanted), preset_names()),
                        )),
                    );
                }
            }
            if !ok {
                return fallback();
            }
            let label = |k: &str| given.iter().find(|(g, _)| *g == k).map(|(_, v)| v.value.trim().to_owned());
            let evaluation = table.danh_gia_theo.as_ref().map(|e| e.value).or(preset.evaluation);
            ColumnSet::build(preset.name, preset.specs(&label), evaluation).map_err(|e| (e, Vec::new()))
        }
        Columns::Own(own) => {
            if let Some(m) = &table.mau {
                diags.push(
                    Diagnostic::error(
                        Kind::UnknownKey,
                        file,
                        m.referenced,
                        Msg::new("`mau:` và danh sách cột dưới `cot:` không dùng cùng nhau", "`mau:` and a list of columns under `cot:` do not go together"),
                    )
                    .with_hint(Msg::new(
                        "bỏ `mau:` (các cột đã liệt kê), hoặc viết `cot:` là các nhãn của mẫu",
                        "drop `mau:` (the columns are listed), or write `cot:` as the set's labels",
                    )),
                );
                return fallback();
            }
            let mut specs = Vec::new();
            let mut places = Vec::new();
            let mut ok = true;
            for c in own {
                let key = c.ma.as_ref().map(|k| k.value.trim().to_owned());
                let kind = match (&c.cong_thuc, key.as_deref(), c.kieu.as_ref().map(|k| k.value)) {
                    (Some(f), _, _) => SpecKind::Derived(f.value.clone()),
                    (None, Some("dvt"), _) => SpecKind::Unit,
                    (None, Some("ghi_chu"), _) => SpecKind::Note,
                    (None, Some(_), Some(ColumnType::Chu)) => SpecKind::Text,
                    (None, Some(_), _) => SpecKind::Input,
                    (None, None, _) => {
                        ok = false;
                        diags.push(
                            Diagnostic::error(
                                Kind::MissingField,
                                file,
                                c.ten.referenced,
                                Msg::new(format!("cột \"{}\" thiếu `ma` (khóa của số liệu) hoặc `cong_thuc`", c.ten.value), format!("column \"{}\" has neither `ma` (the key of its values) nor `cong_thuc`", c.ten.value)),
                            )
                            .with_hint(Msg::new("ví dụ: `ma: nam_nay` rồi ở mỗi chỉ tiêu `so_lieu: { nam_nay: \"1.250\" }`", "e.g. `ma: nam_nay`, then in each row `so_lieu: { nam_nay: \"1.250\" }`")),
                        );
                        continue;
                    }
                };
                let numbered = matches!(kind, SpecKind::Input | SpecKind::Derived(_));
                let key = key.unwrap_or_else(|| format!("cot_{}", specs.len() + 1));
                if specs.iter().any(|s: &ColumnSpec| s.key == key) {
                    ok = false;
                    let at = c.ma.as_ref().map_or(c.ten.referenced, |m| m.referenced);
                    diags.push(Diagnostic::error(Kind::DuplicateKey, file, at, Msg::new(format!("hai cột cùng khóa `{key}`"), format!("two columns have the key `{key}`"))));
                    continue;
                }
                specs.push(ColumnSpec {
                    key,
                    label: c.ten.value.trim().to_owned(),
                    group: c.nhom.as_ref().map(|g| g.value.trim().to_owned()),
                    kind,
                    numbered,
                });
                places.push(c);
            }
            if !ok {
                return fallback();
            }
            let evaluation = table.danh_gia_theo.as_ref().map(|e| e.value);
            ColumnSet::build(CUSTOM, specs, evaluation).map_err(|e| (e, places))
        }
    };
    match built {
        Ok(set) => set,
        Err((errors, places)) => {
            for e in errors {
                // The place: the formula (at its character when it is on one line),
                // else the column's heading, else `danh_gia_theo`.
                let column = e.column.and_then(|i| places.get(i));
                let at = match (column, &table.danh_gia_theo) {
                    (Some(c), _) => match &c.cong_thuc {
                        Some(f) => within(text, f.referenced, e.at),
                        None => place(c.ten.referenced),
                    },
                    (None, Some(d)) => place(d.referenced),
                    (None, None) => place(table.mau.as_ref().map_or(table.cot.referenced, |m| m.referenced)),
                };
                diags.push(
                    Diagnostic::at(Severity::Error, Kind::BadFormula, file, at.0, at.1, Msg::new(e.vi, e.en)).with_hint(Msg::new(
                        "công thức dùng số cột như ở hàng đánh số cột (1, 2, …), + - * / và dấu ngoặc: \"4/3*100\", \"2-4\"",
                        "a formula uses the column numbers of the column-number row (1, 2, …), + - * / and parentheses: \"4/3*100\", \"2-4\"",
                    )),
                );
            }
            fallback()
        }
    }
}

fn list(keys: &[&str]) -> String {
    keys.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn place(at: serde_saphyr::Location) -> (u64, u64) {
    (at.line(), at.column())
}

/// The line and column of the `offset`-th character of a scalar that starts at
/// `at`: past its opening quote, when the scalar is on one line.
fn within(text: &str, at: serde_saphyr::Location, offset: Option<usize>) -> (u64, u64) {
    let Some(offset) = offset else { return place(at) };
    let line = text.lines().nth(at.line().saturating_sub(1) as usize).unwrap_or("");
    let start = at.column().saturating_sub(1) as usize;
    let quoted = matches!(line.chars().nth(start), Some('"' | '\''));
    let column = at.column() + u64::from(quoted) + offset as u64;
    if line.chars().count() as u64 >= column { (at.line(), column) } else { place(at) }
}

fn check_row(file: &Path, text: &str, set: &ColumnSet, ind: &Indicator, diags: &mut Vec<Diagnostic>) -> indicators::Row {
    let result_key = set.result_key();
    // The values as written: the named fields, then `so_lieu`.
    let named: [(&str, &Option<At<CellInput>>); 5] = [
        ("ke_hoach", &ind.ke_hoach),
        ("cung_ky", &ind.cung_ky),
        ("thuc_hien", &ind.thuc_hien),
        ("ke_hoach_truoc", &ind.ke_hoach_truoc),
        ("uoc_thuc_hien", &ind.uoc_thuc_hien),
    ];
    let written: Vec<(&str, &At<CellInput>)> = named
        .iter()
        .filter_map(|(k, v)| v.as_ref().map(|v| (*k, v)))
        .chain(ind.so_lieu.iter().map(|(k, v)| (k.as_str(), v)))
        .collect();
    let judgement = match &ind.danh_gia {
        Some(j) => j.value,
        None if result_key.is_none() => Judgement::TheoKeHoach,
        None if written.iter().any(|(k, _)| Some(*k) == result_key) => Judgement::TheoKeHoach,
        None => Judgement::CuoiNam,
    };
    let words_allowed = judgement == Judgement::DuyTri;
    let keys = set.value_keys();
    let mut values = std::collections::BTreeMap::new();
    for (key, v) in &written {
        let column = set.columns.iter().find(|c| c.key == *key && keys.contains(key));
        match column {
            // The set was refused (reported): the values are still checked as numbers.
            None if set.name.is_empty() => {
                values.insert((*key).to_owned(), parse_cell(file, text, v, words_allowed, diags));
            }
            None => diags.push(
                Diagnostic::error(
                    Kind::UnknownKey,
                    file,
                    v.referenced,
                    Msg::new(format!("bảng này không có cột `{key}` (mẫu `{}`)", set.name), format!("this table has no column `{key}` (set `{}`)", set.name)),
                )
                .with_hint(Msg::new(format!("các cột nhập số liệu: {}", list(&keys)), format!("the columns that take values: {}", list(&keys)))),
            ),
            Some(c) if c.kind == ColumnKind::Text => {
                let t = match &v.value {
                    CellInput::Integer(i) => i.to_string(),
                    CellInput::Text(t) => t.trim().to_owned(),
                    _ => String::new(),
                };
                values.insert((*key).to_owned(), if t.is_empty() { Cell::Empty } else { Cell::Word(t) });
            }
            Some(_) => {
                values.insert((*key).to_owned(), parse_cell(file, text, v, words_allowed, diags));
            }
        }
    }
    if ind.ten.value.trim().is_empty() {
        // A row without a name is not an indicator (a footnote or signature
        // line taken into the table); it would still be counted in the summary.
        diags.push(
            Diagnostic::error(Kind::Empty, file, ind.ten.referenced, Msg::new("chỉ tiêu không có tên (`ten: \"\"`)", "an indicator without a name (`ten: \"\"`)"))
                .with_hint(Msg::new("ghi tên chỉ tiêu, hoặc xóa dòng này nếu nó không phải chỉ tiêu", "write the indicator's name, or delete the row if it is no indicator")),
        );
    }
    let row = indicators::Row {
        name: ind.ten.value.trim().to_owned(),
        unit: ind.dvt.as_ref().map_or(String::new(), |u| u.value.trim().to_owned()),
        values,
        note: ind.ghi_chu.as_ref().map_or(String::new(), |n| n.value.trim().to_owned()),
        judgement,
        sub_rows: ind.dong_con.iter().map(|s| check_row(file, text, set, s, diags)).collect(),
    };
    if let Some(key) = result_key.filter(|_| !set.name.is_empty()) {
        if judgement == Judgement::TheoKeHoach && *row.value(key) == Cell::Empty {
            diags.push(
                Diagnostic::error(
                    Kind::MissingField,
                    file,
                    ind.ten.referenced,
                    Msg::new(
                        format!("chỉ tiêu \"{}\" được đánh giá theo kế hoạch nhưng thiếu `{key}`", row.name),
                        format!("indicator \"{}\" is judged against the plan but has no `{key}`", row.name),
                    ),
                )
                .with_hint(Msg::new(
                    format!("ghi `{key}: …`, hoặc `danh_gia: cuoi_nam` nếu đánh giá vào cuối năm"),
                    format!("write `{key}: …`, or `danh_gia: cuoi_nam` if it is judged at year end"),
                )),
            );
        }
    }
    // Typed derived values are allowed only as a check of the computation.
    let cells = row.cells(set);
    for (key, typed) in [("so_cung_ky", &ind.so_cung_ky), ("so_ke_hoach", &ind.so_ke_hoach), ("con_lai", &ind.con_lai)] {
        let Some(typed) = typed else { continue };
        let Some((column, computed)) = set.columns.iter().zip(&cells).find(|(c, _)| c.key == key && matches!(c.kind, ColumnKind::Derived(_))) else {
            if set.name.is_empty() {
                continue;
            }
            diags.push(Diagnostic::error(
                Kind::UnknownKey,
                file,
                typed.referenced,
                Msg::new(format!("bảng này không có cột `{key}` (mẫu `{}`)", set.name), format!("this table has no column `{key}` (set `{}`)", set.name)),
            ));
            continue;
        };
        let label = format!("{key} ({})", column.mark.replace('*', "·"));
        let typed_cell = parse_cell(file, text, typed, true, diags);
        let agrees = match (&typed_cell, computed) {
            (Cell::Number(a), Cell::Number(b)) => a.0 == b.0,
            (Cell::Missing | Cell::Empty, Cell::Missing | Cell::Empty) => true,
            (a, b) => a == b,
        };
        if !agrees {
            diags.push(
                Diagnostic::error(
                    Kind::DerivedMismatch,
                    file,
                    typed.referenced,
                    Msg::new(
                        format!("{label} ghi \"{}\" nhưng tính từ số liệu được \"{}\"", typed_cell.display(), computed.display()),
                        format!("{label} says \"{}\" but the figures give \"{}\"", typed_cell.display(), computed.display()),
                    ),
                )
                .with_hint(Msg::new("xóa giá trị này: vanban tự tính các cột có công thức", "delete this value: vanban computes the columns with a formula")),
            );
        }
    }
    row
}

/// Parses one typed cell, reporting why it is not a number.
fn parse_cell(file: &Path, text: &str, v: &At<CellInput>, words_allowed: bool, diags: &mut Vec<Diagnostic>) -> Cell {
    match &v.value {
        CellInput::Integer(_) | CellInput::BareFloat if plain_table::looks_like_phone(&token_at(text, v)) => {
            diags.push(plain_table::phone_number(file, v.referenced, &token_at(text, v), false));
            Cell::Empty
        }
        CellInput::Integer(i) => match VnNumber::from_int(*i) {
            Some(n) => Cell::Number(n),
            None => {
                diags.push(Diagnostic::error(Kind::BadNumber, file, v.referenced, Msg::new("con số quá lớn", "the number is too large")));
                Cell::Empty
            }
        },
        CellInput::BareFloat if !is_plain_decimal(&token_at(text, v)) => {
            // Not "4.150": an integer too large for i128, or "4e3", ".inf". The
            // message about the decimal dot would make no sense there.
            let token = token_at(text, v);
            let too_large = token.trim_start_matches(['-', '+']).chars().all(|c| c.is_ascii_digit());
            let (kind, vi, en) = if too_large {
                (Kind::BadNumber, format!("con số {token} quá lớn"), format!("the number {token} is too large"))
            } else {
                (
                    Kind::BareFloat,
                    format!("{token} là cách viết số kiểu Anh (số thực), không phải cách viết Việt Nam"),
                    format!("{token} is a number in English (floating-point) notation, not Vietnamese notation"),
                )
            };
            let hint = if too_large {
                Msg::new("dùng đơn vị tính lớn hơn (ví dụ Tỷ đồng thay cho đồng)", "use a larger unit (e.g. Tỷ đồng instead of đồng)")
            } else {
                Msg::new(
                    "ghi đủ các chữ số, theo cách Việt Nam, trong ngoặc kép: \"4.000\", \"5,5\"",
                    "write all the digits, in Vietnamese notation, in quotes: \"4.000\", \"5,5\"",
                )
            };
            diags.push(Diagnostic::error(kind, file, v.referenced, Msg::new(vi, en)).with_hint(hint));
            Cell::Empty
        }
        CellInput::BareFloat => {
            let token = token_at(text, v);
            let message = if let Some(meant) = thousands_reading(&token) {
                Msg::new(
                    format!("số thập phân không có ngoặc kép: YAML đọc {token} thành số thực kiểu Anh (dấu chấm là dấu thập phân), không biết bạn muốn {token} hay {meant}"),
                    format!("unquoted decimal: YAML reads {token} as an English float (the dot as decimal point), so {token} and {meant} cannot be told apart"),
                )
            } else {
                Msg::new(
                    format!("số thập phân không có ngoặc kép: YAML đọc {token} theo kiểu Anh (dấu chấm là dấu thập phân)"),
                    format!("unquoted decimal: YAML reads {token} in English notation (the dot as decimal point)"),
                )
            };
            diags.push(Diagnostic::error(Kind::BareFloat, file, v.referenced, message).with_hint(bare_float_hint(&token)));
            Cell::Empty
        }
        CellInput::Other => {
            diags.push(Diagnostic::error(
                Kind::WrongType,
                file,
                v.referenced,
                Msg::new("ô này phải là một con số, \"-\" hoặc để trống", "this cell must be a number, \"-\" or left out"),
            ).with_hint(Msg::new("ví dụ: 12, \"4.150\", \"5,5\" hoặc \"-\"", "e.g. 12, \"4.150\", \"5,5\" or \"-\"")));
            Cell::Empty
        }
        CellInput::Text(t) => {
            let t = t.trim();
            if t == "-" {
                return Cell::Missing;
            }
            if t.is_empty() {
                return Cell::Empty;
            }
            let looks_numeric = t.chars().any(|c| c.is_ascii_digit());
            if !looks_numeric && words_allowed {
                return Cell::Word(t.to_owned());
            }
            match VnNumber::parse(t) {
                Ok(n) => {
                    if let Some(thousands) = english_thousands(t) {
                        diags.push(
                            Diagnostic::warning(
                                Kind::BadNumber,
                                file,
                                v.referenced,
                                Msg::new(
                                    format!("\"{t}\" được đọc theo cách Việt Nam là {t} (dấu phẩy là dấu thập phân), không phải {thousands}"),
                                    format!("\"{t}\" reads the Vietnamese way as {t} (the comma as decimal point), not {thousands}"),
                                ),
                            )
                            .with_hint(Msg::new(
                                format!("nếu là {thousands}, ghi \"{thousands}\"; nếu đúng là số thập phân, bỏ các số 0 cuối (\"{}\")", n.0.normalize().to_string().replace('.', ",")),
                                format!("for {thousands}, write \"{thousands}\"; if it is a decimal, drop the trailing zeros (\"{}\")", n.0.normalize().to_string().replace('.', ",")),
                            )),
                        );
                    }
                    Cell::Number(n)
                }
                Err(e) => {
                    let (vi, en) = e.describe();
                    diags.push(
                        Diagnostic::error(
                            Kind::BadNumber,
                            file,
                            v.referenced,
                            Msg::new(format!("\"{t}\" không phải số viết theo cách Việt Nam: {vi}"), format!("\"{t}\" is not a number in Vietnamese notation: {en}")),
                        )
                        .with_hint(if matches!(e, NumberError::BadCharacter(_)) && t.chars().any(char::is_alphabetic) {
                            Msg::new("ô số chỉ ghi con số; đơn vị tính ghi ở `dvt`, lời giải thích ở `ghi_chu`", "a number cell holds only the number; the unit goes in `dvt`, remarks in `ghi_chu`")
                        } else if looks_numeric {
                            notation_hint(t)
                        } else {
                            Msg::new(
                                "chỉ các chỉ tiêu `danh_gia: duy_tri` mới ghi chữ (\"Duy trì\"); ở đây ghi số hoặc \"-\"",
                                "only `danh_gia: duy_tri` rows hold words (\"Duy trì\"); write a number or \"-\" here",
                            )
                        }),
                    );
                    Cell::Empty
                }
            }
        }
    }
}

/// "2,000", "1,500": a comma before three digits ending "00" reads in
/// Vietnamese as 2 and 1,5, but nobody writes a decimal's trailing zeros in a
/// biểu; it is English thousands. The Vietnamese writing of what was meant
/// ("2.000", "1.500").
fn english_thousands(t: &str) -> Option<String> {
    let (whole, fraction) = t.split_once(',')?;
    let digits = whole.trim_start_matches('-');
    let english = fraction.len() == 3
        && fraction.ends_with("00")
        && fraction.chars().all(|c| c.is_ascii_digit())
        && !digits.is_empty()
        && digits.len() <= 3
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits != "0";
    english.then(|| format!("{whole}.{fraction}"))
}

/// How to write a number the Vietnamese way, with the reading of `t` that is
/// a valid number when there is one ("1.23" → "1,23", English "1,234.5" →
/// "1.234,5", "1 000" → "1.000"; nothing for "4.15.0").
pub(crate) fn notation_hint(t: &str) -> Msg {
    let swapped: String = t.chars().map(|c| match c { '.' => ',', ',' => '.', c => c }).collect();
    // "−50", "–50" and "(50)" (a negative as typesetting and accounting write it) are "-50".
    let minus = t.trim().replace(['\u{2212}', '\u{2013}'], "-");
    let minus = match minus.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => format!("-{inner}"),
        None => minus,
    };
    let guess = [t.replace('.', ","), swapped, t.replace([' ', '\u{a0}'], "."), minus].into_iter().find(|g| g != t && VnNumber::parse(g).is_ok());
    let (vi_guess, en_guess) = match &guess {
        Some(g) => (format!("; có phải ý bạn là \"{g}\"?"), format!("; did you mean \"{g}\"?")),
        None => (String::new(), String::new()),
    };
    Msg::new(
        format!("hàng nghìn ngăn bằng dấu chấm theo nhóm 3 chữ số, thập phân bằng dấu phẩy: \"4.150\", \"5,5\"{vi_guess}"),
        format!("group thousands by dots in threes, decimals after a comma: \"4.150\", \"5,5\"{en_guess}"),
    )
}

/// "4.150" read the Vietnamese way: the whole number it would be (4150), when
/// what follows each dot is a group of three digits and the first group is
/// one vanban reads before a thousands dot (1–3 digits, not starting with 0).
fn thousands_reading(token: &str) -> Option<String> {
    let sign = if token.starts_with('-') { "-" } else { "" };
    let body = token.trim_start_matches(['-', '+']);
    let mut groups = body.split('.');
    let first = groups.next()?;
    let rest: Vec<&str> = groups.collect();
    let digits = |g: &str| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit());
    let first_ok = digits(first) && first.len() <= 3 && !first.starts_with('0');
    (first_ok && !rest.is_empty() && rest.iter().all(|g| g.len() == 3 && digits(g))).then(|| format!("{sign}{}", body.replace('.', "")))
}

/// `token` ("187.5", ".5", "5.", "+1.5") as a decimal in Vietnamese notation
/// as vanban reads it: "187,5", "0,5", "5", "1,5".
fn vietnamese_decimal(token: &str) -> String {
    let sign = if token.starts_with('-') { "-" } else { "" };
    let body = token.trim_start_matches(['-', '+']);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    let whole = if whole.is_empty() { "0" } else { whole };
    if fraction.is_empty() { format!("{sign}{whole}") } else { format!("{sign}{whole},{fraction}") }
}

/// What to write for an unquoted decimal `token` ("4.150", "187.5"), in the
/// Vietnamese notation vanban reads: both readings when the dot could group
/// thousands ("4.150": 4150, or 4,150), else the decimal with a comma ("187,5").
pub(crate) fn bare_float_hint(token: &str) -> Msg {
    let decimal = vietnamese_decimal(token);
    match thousands_reading(token) {
        Some(meant) => Msg::new(
            format!("đặt số trong ngoặc kép theo cách viết Việt Nam: \"{token}\" nếu là {meant}, hoặc \"{decimal}\" nếu là số thập phân"),
            format!("quote it in Vietnamese notation: \"{token}\" for {meant}, or \"{decimal}\" for a decimal"),
        ),
        None => Msg::new(
            format!("viết theo cách Việt Nam (dấu phẩy thập phân), trong ngoặc kép: \"{decimal}\""),
            format!("write it in Vietnamese notation (decimal comma), in quotes: \"{decimal}\""),
        ),
    }
}

/// "4.150", "-0.5": digits with one decimal dot, what the bare-float message is about.
fn is_plain_decimal(token: &str) -> bool {
    let body = token.trim_start_matches(['-', '+']);
    body.split_once('.').is_some_and(|(a, b)| {
        !b.is_empty() && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
    })
}

/// The scalar as written at a value's position, for messages ("4.150").
pub(crate) fn token_at(text: &str, v: &At<CellInput>) -> String {
    // The parser's byte offset when it gave one (a file read as a string), so
    // that a table of thousands of cells is not rescanned line by line for
    // each cell; else the line and column.
    let from_offset = v.referenced.span().byte_offset().and_then(|o| text.get(o as usize..));
    let rest: &str = match from_offset {
        Some(rest) => rest,
        None => {
            let line = text.lines().nth(v.referenced.line().saturating_sub(1) as usize).unwrap_or("");
            let start = v.referenced.column().saturating_sub(1) as usize;
            line.char_indices().nth(start).map_or("", |(i, _)| &line[i..])
        }
    };
    let token: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ',' | '}' | ']' | '#')).collect();
    if token.is_empty() { "?".to_owned() } else { token }
}

#[cfg(test)]
mod period_and_decimal_tests {
    use super::{bare_float_hint, period_named_in, thousands_reading, vietnamese_decimal};

    #[test]
    fn a_heading_names_its_period_in_the_sentences_words() {
        let period = |h: &str| period_named_in(h);
        assert_eq!(period("Kết quả thực hiện 9 tháng năm 2025").as_deref(), Some("9 tháng"));
        assert_eq!(period("Kết quả thực hiện 6 tháng đầu năm 2023").as_deref(), Some("6 tháng đầu năm"));
        assert_eq!(period("KẾT QUẢ THỰC HIỆN 6 THÁNG CUỐI NĂM 2025").as_deref(), Some("6 tháng cuối năm"));
        assert_eq!(period("Kết quả thực hiện quý III năm 2025").as_deref(), Some("quý III"));
        assert_eq!(period("Thực hiện Quý 3").as_deref(), Some("quý 3"));
        assert_eq!(period("Ước thực hiện cả năm 2025").as_deref(), Some("cả năm"));
        // What else the heading says is not the period.
        assert_eq!(period("Kết quả thực hiện 9 tháng (ước)").as_deref(), Some("9 tháng"));
        assert_eq!(period("Thực hiện 9 tháng năm 2025, ước cả năm").as_deref(), Some("9 tháng"));
        assert_eq!(period("Thực hiện 9 tháng/2025").as_deref(), Some("9 tháng"));
        assert_eq!(period("TH 9 tháng so với KH (%)").as_deref(), Some("9 tháng"));
        assert_eq!(period("Năm 2025"), None);
        assert_eq!(period("Thực hiện đến 30/6/2025"), None);
        assert_eq!(period("So với kế hoạch (%)"), None);
    }

    #[test]
    fn an_unquoted_decimal_is_offered_only_what_vanban_reads() {
        assert_eq!(thousands_reading("4.150").as_deref(), Some("4150"));
        assert_eq!(thousands_reading("-4.150").as_deref(), Some("-4150"));
        assert_eq!(thousands_reading("0.500"), None, "no thousands dot after a leading 0");
        assert_eq!(thousands_reading("187.5"), None);
        assert_eq!(vietnamese_decimal("187.5"), "187,5");
        assert_eq!(vietnamese_decimal(".5"), "0,5");
        assert_eq!(vietnamese_decimal("5."), "5");
        assert_eq!(vietnamese_decimal("+1.5"), "1,5");
        assert_eq!(vietnamese_decimal("-0.5"), "-0,5");
        assert!(bare_float_hint("0.500").en.contains("\"0,500\"") && !bare_float_hint("0.500").en.contains("for 0500"));
        for typed in ["187.5", ".5", "5.", "+1.5", "-0.5", "0.500", "4.150", "12.0"] {
            let decimal = vietnamese_decimal(typed);
            assert!(crate::model::number::VnNumber::parse(&decimal).is_ok(), "{typed}: the hint's {decimal} is not read by vanban");
        }
    }
}
