//! Model → display-ready document: every number formatted, every date written
//! out, every section numbered, once, for both renderers.

pub mod document;
pub use document::*;

use unicode_normalization::UnicodeNormalization;

use crate::check::CheckedReport;
use crate::indicators::{self, Cell};
use crate::layout::Profile;
use crate::model::{self, PartStyle, Run, StyledRun, SummaryKind, Text};

pub const NATIONAL_TITLE: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const MOTTO: &str = "Độc lập - Tự do - Hạnh phúc";
/// Blank space left in "Số:      /BC-UBND" for the văn thư.
pub const BLANK_NUMBER: &str = "      ";

/// NFC, and runs of spaces/newlines collapsed to one space: YAML folding and
/// copy-paste leave both behind.
fn clean(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds the display-ready document of a checked report.
pub fn resolve(checked: &CheckedReport, profile: Profile) -> Document {
    let r = checked.report;
    let issuer: Vec<String> = r.co_quan.ten.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let summary: Vec<String> = r.trich_yeu.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect();
    let doc_type = r.loai.value.heading().to_owned();
    let ky_hieu = format!("{}-{}", r.loai.value.abbreviation(), clean(&r.co_quan.viet_tat.value));
    let number = match &r.so {
        Some(n) => format!("Số: {:02}/{ky_hieu}", n.value),
        None => format!("Số:{BLANK_NUMBER}/{ky_hieu}"),
    };
    let (year, month, day) = checked.date.for_metadata();

    let mut ctx = Context { tables: checked.tables.iter(), part_style: r.kieu_phan };
    let mut body = Vec::new();
    resolve_blocks(&r.noi_dung, 0, &mut Vec::new(), &mut ctx, &mut body, checked);
    let closing_mark = if r.ket_thuc { append_closing_mark(&mut body, CLOSING_MARK) } else { None };

    Document {
        meta: Meta {
            title: clean(&format!("{} {}", doc_type, summary.join(" "))),
            author: issuer.join(" "),
            year,
            month,
            day,
            language: "vi-VN".into(),
        },
        profile,
        header: Header {
            parent_body: r.co_quan.chu_quan.iter().map(|l| clean(&l.value)).filter(|l| !l.is_empty()).collect(),
            issuing_body: issuer,
            number,
            national_title: NATIONAL_TITLE.into(),
            motto: r.tieu_ngu.as_ref().map_or(MOTTO.to_owned(), |m| clean(&m.value)),
            place_date: format!("{}, {}", clean(&r.dia_danh.value), checked.date.written()),
            doc_type,
            summary,
            addressees: addressees(&r.kinh_gui),
        },
        body,
        closing_mark,
        recipients: Recipients {
            label: "Nơi nhận:".into(),
            items: r
                .noi_nhan
                .iter()
                .map(|i| format!("- {}", clean(i.value.trim_start_matches(['-', ' ']))))
                .collect(),
        },
        signature: signature(&r.nguoi_ky),
    }
}

/// "./." — the mark that ends the body of every model in Phụ lục III.
pub const CLOSING_MARK: &str = "./.";

/// Appends "./." to the text of the last block ("… đã đề ra./.": the mark's own
/// "." ends the sentence, so a final "." is not doubled). Returns the mark when it
/// must stand alone because the body ends with a table or a part title.
fn append_closing_mark(body: &mut [Block], mark: &str) -> Option<String> {
    let inlines = match body.last_mut() {
        Some(Block::Paragraph { inlines }) | Some(Block::Item { inlines, .. }) => inlines,
        Some(Block::Heading { title, run_in, .. }) => {
            if run_in.is_empty() { title } else { run_in }
        }
        _ => return Some(mark.to_owned()),
    };
    if let Some(last) = inlines.last_mut() {
        let trimmed = last.text.trim_end();
        let trimmed = match trimmed.strip_suffix('.') {
            Some(rest) if !rest.ends_with('.') => rest,
            _ => trimmed,
        };
        last.text = trimmed.to_owned();
    }
    inlines.push(Inline::plain(mark));
    None
}

fn addressees(list: &[model::At<String>]) -> Vec<String> {
    let items: Vec<String> = list
        .iter()
        .map(|a| clean(a.value.trim_start_matches(['-', ' ']).trim_end_matches([';', '.', ','])))
        .filter(|a| !a.is_empty())
        .collect();
    match items.len() {
        0 => Vec::new(),
        1 => vec![format!("Kính gửi: {}.", items[0])],
        n => {
            let mut lines = vec!["Kính gửi:".to_owned()];
            for (i, item) in items.iter().enumerate() {
                lines.push(format!("- {item}{}", if i + 1 == n { "." } else { ";" }));
            }
            lines
        }
    }
}

fn signature(s: &model::Signature) -> Signature {
    let mut authority = Vec::new();
    let upper = |v: &model::At<String>| clean(&v.value).to_uppercase();
    if let Some(tm) = &s.tm {
        authority.push(format!("TM. {}", upper(tm)));
    }
    for (prefix, v) in [("KT.", &s.kt), ("Q.", &s.q), ("TL.", &s.tl), ("TUQ.", &s.tuq)] {
        if let Some(v) = v {
            authority.push(format!("{prefix} {}", upper(v)));
        }
    }
    if let Some(c) = &s.chuc_vu {
        authority.push(upper(c));
    }
    Signature { authority, name: s.ho_ten.as_ref().map_or(String::new(), |n| clean(&n.value)) }
}

struct Context<'a> {
    tables: std::slice::Iter<'a, indicators::Table>,
    part_style: PartStyle,
}

/// Vietnamese ordinals for "Phần thứ …".
fn part_label(style: PartStyle, n: usize) -> String {
    const ORDINALS: [&str; 10] = ["nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười"];
    match style {
        PartStyle::Thu => match ORDINALS.get(n - 1) {
            Some(word) => format!("Phần thứ {word}"),
            None => format!("Phần thứ {n}"),
        },
        PartStyle::LaMa => format!("Phần {}", roman(n)),
    }
}

pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// The letters of điểm a), b), … in the Vietnamese alphabet (no f, j, w, z; đ after d).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
];

fn point_label(n: usize) -> String {
    let letters = POINT_LETTERS.len();
    let mut label = POINT_LETTERS[(n - 1) % letters].to_owned();
    if n > letters {
        label = label.repeat((n - 1) / letters + 1);
    }
    format!("{label})")
}

/// A section number from its path: depth 1 "I.", then "1.", "1.1.", "1.1.1.", …
fn section_number(path: &[usize]) -> String {
    match path {
        [] => String::new(),
        [first] => format!("{}.", roman(*first)),
        [_, rest @ ..] => rest.iter().map(|n| format!("{n}.")).collect(),
    }
}

fn resolve_blocks(
    blocks: &[model::Block],
    part_count: usize,
    path: &mut Vec<usize>,
    ctx: &mut Context,
    out: &mut Vec<Block>,
    checked: &CheckedReport,
) {
    let mut parts = part_count;
    let mut sections = 0;
    let mut points = 0;
    for block in blocks {
        match block {
            model::Block::Phan(part) => {
                parts += 1;
                out.push(Block::Part { label: part_label(ctx.part_style, parts), title: inlines(&part.tieu_de, checked) });
                // Sections restart at I. in every part.
                resolve_blocks(&part.noi_dung, 0, &mut Vec::new(), ctx, out, checked);
            }
            model::Block::Muc(section) => {
                sections += 1;
                path.push(sections);
                out.push(Block::Heading {
                    level: path.len() as u32,
                    number: section_number(path),
                    title: inlines(&section.tieu_de, checked),
                    run_in: section.chay_tiep.as_ref().map_or(Vec::new(), |t| inlines(t, checked)),
                });
                resolve_blocks(&section.noi_dung, 0, path, ctx, out, checked);
                path.pop();
            }
            model::Block::Doan(t) => out.push(Block::Paragraph { inlines: inlines(t, checked) }),
            model::Block::Gach(t) => out.push(Block::Item { marker: "-".into(), inlines: inlines(t, checked) }),
            model::Block::Cong(t) => out.push(Block::Item { marker: "+".into(), inlines: inlines(t, checked) }),
            model::Block::Diem(t) => {
                points += 1;
                out.push(Block::Item { marker: point_label(points), inlines: inlines(t, checked) });
            }
            model::Block::Bang(t) => out.push(Block::PlainTable(plain_table_view(t))),
            model::Block::BangChiTieu(_) => {
                if let Some(table) = ctx.tables.next() {
                    out.push(Block::IndicatorTable(table_view(table)));
                }
            }
        }
    }
}

/// Text → inlines. Runs keep their spaces as written (they join into one line);
/// a plain string is cleaned.
fn inlines(text: &Text, checked: &CheckedReport) -> Vec<Inline> {
    match text {
        Text::Plain(s) => vec![Inline::plain(clean(&s.value))],
        Text::Runs(runs) => {
            let mut out: Vec<Inline> = runs
                .iter()
                .map(|run| match run {
                    Run::Plain(s) => Inline::plain(collapse_keep_edges(s)),
                    Run::Styled(StyledRun::Dam(s)) => Inline::bold(collapse_keep_edges(s)),
                    Run::Styled(StyledRun::Nghieng(s)) => Inline { text: collapse_keep_edges(s), bold: false, italic: true },
                    Run::Styled(StyledRun::DamNghieng(s)) => Inline { text: collapse_keep_edges(s), bold: true, italic: true },
                    Run::Styled(StyledRun::TomTat(SummaryKind::ChiTieu)) => Inline::plain(
                        checked.tables.first().map_or_else(String::new, indicators::Table::summary_sentence),
                    ),
                })
                .filter(|i| !i.text.is_empty())
                .collect();
            if let Some(first) = out.first_mut() {
                first.text = first.text.trim_start().to_owned();
            }
            if let Some(last) = out.last_mut() {
                last.text = last.text.trim_end().to_owned();
            }
            out
        }
    }
}

/// Like `clean`, but a leading or trailing space survives: runs are glued together.
fn collapse_keep_edges(s: &str) -> String {
    let core = clean(s);
    if core.is_empty() {
        return if s.is_empty() { String::new() } else { " ".into() };
    }
    let lead = if s.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if s.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{core}{trail}")
}

/// The column-number row the seed prints under the header.
pub const COLUMN_NUMBERS: [&str; 10] = ["A", "B", "1", "2", "3", "4", "5=4/3*100", "6=4/2*100", "7=2-4", ""];

fn table_view(t: &indicators::Table) -> Table {
    let mut rows = Vec::new();
    let mut tt = 0;
    for (gi, group) in t.groups.iter().enumerate() {
        let mut cells = vec![String::new(); 10];
        cells[0] = roman(gi + 1);
        cells[1] = format!("{} ({} chỉ tiêu)", clean(&group.title), indicators::count(group.rows.len()));
        rows.push(TableRow { kind: RowKind::Group, cells });
        for row in &group.rows {
            tt += 1;
            rows.push(TableRow { kind: RowKind::Indicator, cells: row_cells(tt.to_string(), row) });
            for sub in &row.sub_rows {
                rows.push(TableRow { kind: RowKind::SubRow, cells: row_cells("-".into(), sub) });
            }
        }
    }
    Table {
        head: TableHead {
            spanning: vec![
                Some("TT".into()),
                Some("CHỈ TIÊU".into()),
                Some("ĐVT".into()),
                Some(clean(&t.plan_label)),
                Some(clean(&t.last_year_label)),
                None,
                None,
                None,
                None,
                Some("Ghi chú".into()),
            ],
            result_group: clean(&t.result_label),
            result_columns: vec![
                "Số đã thực hiện".into(),
                "So với cùng kỳ (%)".into(),
                "So với kế hoạch (%)".into(),
                "Còn phải thực hiện".into(),
            ],
        },
        column_numbers: COLUMN_NUMBERS.iter().map(|s| s.to_string()).collect(),
        rows,
        landscape: t.landscape,
    }
}

fn plain_cell(cell: &model::CellInput) -> Option<String> {
    match cell {
        model::CellInput::Integer(i) => crate::model::number::VnNumber::from_int(*i).map(|n| n.to_string()),
        model::CellInput::Text(t) => Some(clean(t)),
        // Refused by `check`.
        model::CellInput::BareFloat | model::CellInput::Other => None,
    }
}

fn plain_table_view(t: &model::PlainTable) -> PlainTable {
    let columns = t.cot.len();
    let rows: Vec<Vec<String>> = t
        .dong
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row.value.iter().map(|c| plain_cell(&c.value).unwrap_or_default()).collect();
            cells.resize(columns, String::new());
            cells
        })
        .collect();
    let weights: Vec<f32> = t.cot.iter().map(|c| c.rong.as_ref().map_or(1, |w| w.value.max(1)) as f32).collect();
    let total: f32 = weights.iter().sum::<f32>().max(1.0);
    let align = t
        .cot
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let numeric = t.dong.iter().all(|r| match r.value.get(i).map(|c| &c.value) {
                Some(model::CellInput::Integer(_)) | None => true,
                Some(model::CellInput::Text(s)) => s.trim().is_empty() || crate::model::number::VnNumber::parse(s).is_ok(),
                _ => false,
            });
            match c.can {
                Some(model::Alignment::Trai) => "left",
                Some(model::Alignment::Giua) => "center",
                Some(model::Alignment::Phai) => "right",
                None if numeric && !t.dong.is_empty() => "right",
                None => "left",
            }
            .to_owned()
        })
        .collect();
    PlainTable {
        caption: t.tieu_de.as_ref().map_or(String::new(), |c| clean(&c.value)),
        headings: t.cot.iter().map(|c| clean(&c.ten.value)).collect(),
        widths: weights.iter().map(|w| w / total).collect(),
        align,
        rows,
        landscape: t.ngang,
    }
}

fn row_cells(tt: String, row: &indicators::Row) -> Vec<String> {
    let d = row.derived();
    let show = |c: &Cell| c.display();
    vec![
        tt,
        clean(&row.name),
        clean(&row.unit),
        show(&row.plan),
        show(&row.last_year),
        show(&row.done),
        show(&d.vs_last_year),
        show(&d.vs_plan),
        show(&d.remaining),
        clean(&row.note),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_sections_from_their_path() {
        assert_eq!(section_number(&[1]), "I.");
        assert_eq!(section_number(&[4]), "IV.");
        assert_eq!(section_number(&[1, 2]), "2.");
        assert_eq!(section_number(&[1, 2, 3]), "2.3.");
        assert_eq!(section_number(&[2, 1, 1, 4]), "1.1.4.");
    }

    #[test]
    fn labels_parts_and_points() {
        assert_eq!(part_label(PartStyle::Thu, 1), "Phần thứ nhất");
        assert_eq!(part_label(PartStyle::Thu, 4), "Phần thứ tư");
        assert_eq!(part_label(PartStyle::LaMa, 3), "Phần III");
        assert_eq!(point_label(1), "a)");
        assert_eq!(point_label(5), "đ)");
        assert_eq!(point_label(6), "e)");
        assert_eq!(point_label(7), "g)");
        assert_eq!(point_label(23), "y)");
    }

    #[test]
    fn the_closing_mark_ends_the_last_sentence_once() {
        let mut body = vec![Block::Paragraph { inlines: vec![Inline::plain("… đã đề ra.")] }];
        assert_eq!(append_closing_mark(&mut body, "./."), None);
        let Block::Paragraph { inlines } = &body[0] else { unreachable!() };
        let text: String = inlines.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(text, "… đã đề ra./.");
        let mut body = vec![Block::Item { marker: "-".into(), inlines: vec![Inline::plain("Lưu hồ sơ")] }];
        append_closing_mark(&mut body, "./.");
        let Block::Item { inlines, .. } = &body[0] else { unreachable!() };
        assert_eq!(inlines.iter().map(|i| i.text.as_str()).collect::<String>(), "Lưu hồ sơ./.");
        let mut body = vec![Block::Part { label: "Phần thứ nhất".into(), title: vec![] }];
        assert_eq!(append_closing_mark(&mut body, "./.").as_deref(), Some("./."));
    }

    #[test]
    fn roman_numerals() {
        for (n, r) in [(1, "I"), (4, "IV"), (9, "IX"), (14, "XIV"), (40, "XL"), (1994, "MCMXCIV")] {
            assert_eq!(roman(n), r);
        }
    }
}
