//! Column sets of the biểu chỉ tiêu: the yearly-plan preset and a set of one's
//! own with a "Mã số" column, from their examples in content/, value by value.
//! (The six-month preset is the seed's: tests/content.rs checks every row of it.)

use std::path::Path;

use vanban::layout::SizeProfile;
use vanban::resolve::{Block, Document, GridTable, RowKind, TableOrigin};

fn prepare(path: &str) -> Document {
    match vanban::prepare(Path::new(path), SizeProfile::P14) {
        Ok((doc, warnings)) => {
            assert!(warnings.is_empty(), "{path} should be clean: {warnings:?}");
            doc
        }
        Err(diags) => panic!("{path} does not load: {diags:#?}"),
    }
}

fn table(doc: &Document) -> &GridTable {
    doc.body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.origin == TableOrigin::Indicators => Some(t),
            _ => None,
        })
        .expect("an indicator table")
}

fn texts<'a>(cells: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    cells.into_iter().map(String::as_str).collect()
}

/// The display cells of the indicator row numbered `tt`.
fn row<'a>(t: &'a GridTable, tt: &str) -> Vec<&'a str> {
    let r = t
        .rows
        .iter()
        .find(|r| r.kind == RowKind::Indicator && r.cells[0].text == tt)
        .unwrap_or_else(|| panic!("no row {tt}"));
    texts(r.cells.iter().map(|c| &c.text))
}

fn head(t: &GridTable, i: usize) -> Vec<(&str, usize, usize)> {
    t.head[i].iter().map(|h| (h.text.as_str(), h.colspan, h.rowspan)).collect()
}

#[test]
fn yearly_plan_preset_numbers_its_columns_and_computes_3_and_5() {
    let doc = prepare("content/ke-hoach-2024.yaml");
    let t = table(&doc);
    assert_eq!(t.columns.len(), 9);
    // No group labels: one row of labels, then the column-number row.
    assert_eq!(t.head.len(), 2);
    assert_eq!(
        head(t, 0),
        [
            ("TT", 1, 1),
            ("CHỈ TIÊU", 1, 1),
            ("ĐVT", 1, 1),
            ("Kế hoạch năm 2023", 1, 1),
            ("Ước thực hiện năm 2023", 1, 1),
            ("Ước thực hiện so với KH (%)", 1, 1),
            ("Kế hoạch năm 2024", 1, 1),
            ("KH so với ước thực hiện (%)", 1, 1),
            ("Ghi chú", 1, 1),
        ]
    );
    assert_eq!(texts(t.head[1].iter().map(|h| &h.text)), ["A", "B", "C", "1", "2", "3=2/1*100", "4", "5=4/2*100", ""]);
    // 3 = 2/1·100 and 5 = 4/2·100, rounded half away from zero, zeros dropped.
    assert_eq!(row(t, "1")[2..8], ["Tỷ đồng", "110,2", "112,5", "102,09", "115", "102,22"]);
    assert_eq!(row(t, "2")[3..8], ["4.150", "4.210", "101,45", "4.200", "99,76"]);
    assert_eq!(row(t, "3")[3..8], ["100", "96,5", "96,5", "105", "108,81"]);
    assert_eq!(row(t, "4")[3..8], ["72,4", "73,1", "100,97", "78", "106,7"]);
    assert_eq!(row(t, "5")[3..8], ["5.595,7", "6.120,35", "109,38", "6.300", "102,94"]);
    // Nothing done last year: 0 % of the plan; this year's plan over 0 is "-".
    assert_eq!(row(t, "6")[3..8], ["2", "0", "0", "3", "-"]);
    // Rate rows get no ratios; "Duy trì" rows read "Duy trì" in them.
    assert_eq!(row(t, "7")[3..8], ["1,2", "1,05", "", "0,9", ""]);
    assert_eq!(row(t, "10")[3..8], ["Duy trì"; 5]);
    assert_eq!(row(t, "11")[3..8], ["8", "8", "100", "9", "112,5"]);
    // No summary sentence: this set judges no row.
    assert!(!vanban::plain_text(&doc).contains("chỉ tiêu giao đầu năm"));
}

#[test]
fn own_set_with_a_code_column_spans_its_group_and_judges_by_its_column() {
    let doc = prepare("content/dan-so-2023.yaml");
    let t = table(&doc);
    assert_eq!(t.columns.len(), 10);
    assert_eq!(t.head.len(), 3);
    assert_eq!(
        head(t, 0),
        [
            ("TT", 1, 2),
            ("CHỈ TIÊU", 1, 2),
            ("Mã số", 1, 2),
            ("ĐVT", 1, 2),
            ("Thực hiện năm 2022", 1, 2),
            ("Năm 2023", 4, 1),
            ("Ghi chú", 1, 2),
        ]
    );
    assert_eq!(texts(t.head[1].iter().map(|h| &h.text)), ["Kế hoạch", "Thực hiện", "So với năm 2022 (%)", "So với kế hoạch (%)"]);
    assert_eq!(texts(t.head[2].iter().map(|h| &h.text)), ["A", "B", "C", "D", "1", "2", "3", "4=3/1*100", "5=3/2*100", ""]);
    // The group title spans every column after the TT, whatever their number.
    let group = t.rows.iter().find(|r| r.kind == RowKind::Group).unwrap();
    assert_eq!(group.cells[1].colspan, 9);
    assert_eq!(row(t, "1")[2..9], ["01", "Người", "8.412", "8.500", "8.530", "101,4", "100,35"]);
    assert_eq!(row(t, "2")[2..9], ["02", "%", "1,02", "0,95", "0,98", "", ""]);
    assert_eq!(row(t, "3")[4..9], ["210", "220", "95", "45,24", "43,18"]);
    assert_eq!(row(t, "5")[4..9], ["7.746", "8.075", "8.027", "103,63", "99,41"]);
    assert_eq!(row(t, "6")[4..10], ["3", "2", "0", "0", "0", "Không còn học sinh bỏ học"]);
    // Column 5 judges: 1, 4, 5 ≥ 50 % and the rate row achieved, 3 below 50 %, 6 at 0.
    assert!(
        vanban::plain_text(&doc).contains(
            "trong 06 chỉ tiêu giao đầu năm, có 04 chỉ tiêu năm 2023 được đánh giá là đạt và vượt trên 50%, 01 chỉ tiêu đạt dưới 50%, 01 chỉ tiêu chưa thực hiện"
        ),
        "{}",
        vanban::plain_text(&doc)
    );
}

#[test]
fn every_example_names_its_schema_and_a_set() {
    for (file, set) in [("content/ke-hoach-2024.chi-tieu.yaml", "mau: ke_hoach_nam"), ("content/dan-so-2023.chi-tieu.yaml", "cong_thuc:")] {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(text.starts_with("# yaml-language-server: $schema=vanban-chi-tieu.schema.json"), "{file}");
        assert!(text.contains(set), "{file}");
    }
}

mod common;

/// The examples render, and every number of their tables that could break
/// ("5.595,7", "6.120,35", "101,45") is one word of the PDF's text.
#[test]
fn examples_render_with_their_numbers_whole() {
    for yaml in ["content/ke-hoach-2024.yaml", "content/dan-so-2023.yaml"] {
        let doc = prepare(yaml);
        let numbers: Vec<String> = table(&doc)
            .rows
            .iter()
            .flat_map(|r| r.cells.iter().skip(2))
            .map(|c| c.text.clone())
            .filter(|t| t.chars().count() >= 4 && t.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-')))
            .collect();
        assert!(numbers.len() >= 8, "{yaml}: {numbers:?}");
        let rendered = common::render(&common::repo().join(yaml), &["--format", "pdf,docx"]);
        let pdf = std::fs::read(rendered.pdf()).expect("pdf");
        let words: Vec<String> = common::pdf_read::read(&pdf).iter().flat_map(|p| p.words()).map(|w| w.text).collect();
        for n in &numbers {
            assert!(words.iter().any(|w| w == n), "{yaml}: {n} is not one word of the PDF");
        }
        assert!(rendered.file("docx").metadata().expect("docx").len() > 5_000);
    }
}
