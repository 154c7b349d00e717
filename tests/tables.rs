//! Tables fitted to their content: a wide plain table (12 columns, numbers up
//! to "99.999.999.999", headings such as "2023/2022(%)" and "Tr.đồng/người", a
//! 70-character token) must keep every number whole and every glyph inside its
//! cell, in the PDF and in LibreOffice's rendering of the DOCX; a `bang`
//! repeats only its heading row; a table that cannot fit is refused.

mod common;

use std::path::{Path, PathBuf};

use vanban::layout::SizeProfile;
use vanban::measure::styled_width_pt;
use vanban::model::number::VnNumber;
use vanban::resolve::{Block, Document, GridTable};

/// 70 characters, no space, no number: breakable only as a last resort.
const TOKEN: &str = "https://dichvucong.thanhhoa.gov.vn/portaldvc/KenhTin/dichvucongtructuy";

fn wide_report() -> String {
    assert_eq!(TOKEN.chars().count(), 70);
    format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "THỊ TRẤN BÚT SƠN"], viet_tat: UBND }}
dia_danh: Bút Sơn
ngay: {{ nam: 2023 }}
trich_yeu: ["Số liệu kinh tế theo đơn vị"]
noi_dung:
  - doan: "Số liệu như sau:"
  - bang:
      tieu_de: "Biểu 02: Số liệu theo đơn vị"
      cot:
        - {{ ten: "TT", can: giua }}
        - {{ ten: "Đơn vị", rong: 4 }}
        - {{ ten: "Dân số (người)", rong: 2 }}
        - {{ ten: "Thu nhập bình quân Tr.đồng/người", rong: 2 }}
        - {{ ten: "2023/2022(%)", rong: 2 }}
        - {{ ten: "Giá trị sản xuất (đồng)", rong: 2 }}
        - {{ ten: "Vốn đầu tư (đồng)", rong: 2 }}
        - {{ ten: "Thu ngân sách (Tr.đồng)", rong: 2 }}
        - {{ ten: "Chi ngân sách (Tr.đồng)", rong: 2 }}
        - {{ ten: "Diện tích (m2)", rong: 2 }}
        - {{ ten: "Tỷ lệ hộ nghèo (%)", rong: 2 }}
        - {{ ten: "Ghi chú", rong: 3 }}
      dong:
        - ["1", "Thị trấn Bút Sơn", "12.345", "72,4", "108,25", "99.999.999.999", "1.284.671.000", "5.595,7", "2.400,75", "1.000,25", "1,25", "Vượt kế hoạch"]
        - ["2", "{TOKEN}", "8.765", "65,1", "97,5", "1.234.567.890", "45.000.000", "12.345,67", "-", "98.765", "2,5", "Tra cứu trên cổng"]
        - ["3", "Xã Hoằng Lộc", "10.203", "61,05", "101,1", "888.888.888", "7.777.777.777", "3.210,5", "4.321,75", "54.321", "3,75", ""]
  - doan: "Các số liệu trên là số ước tính."
noi_nhan: ["UBND huyện (b/c);", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Tám }}
"#
    )
}

fn prepare(yaml: &str) -> Document {
    match vanban::prepare_str(Path::new("bang-rong.yaml"), yaml, SizeProfile::P14) {
        Ok((doc, _)) => doc,
        Err(d) => panic!("{d:#?}"),
    }
}

fn the_table(doc: &Document) -> &GridTable {
    doc.body.iter().find_map(|b| match b { Block::Table(t) => Some(t), _ => None }).expect("a table")
}

/// Every number of five or more characters in the table's cells.
fn long_numbers(t: &GridTable) -> Vec<String> {
    t.rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.text.clone())
        .filter(|s| s.chars().count() >= 5 && VnNumber::parse(s).is_ok())
        .collect()
}

#[test]
fn number_columns_are_never_narrower_than_their_widest_number() {
    let doc = prepare(&wide_report());
    let t = the_table(&doc);
    let p = &doc.profile;
    assert!(t.font_size >= p.size_table_min && t.font_size <= p.size_table, "size {}", t.font_size);
    let available = if t.landscape { p.page.height - p.margin.left - p.margin.right } else { p.text_width() };
    let total: f32 = t.columns.iter().map(|c| c.width).sum();
    assert!((total - available).abs() < 0.01, "the columns fill the width: {total} of {available} mm");
    let mm = |pt: f32| pt * 25.4 / 72.0;
    for row in &t.rows {
        for (i, c) in row.cells.iter().enumerate() {
            if VnNumber::parse(&c.text).is_ok() {
                let need = mm(styled_width_pt(&c.text, t.font_size, c.bold, c.italic) + 2.0 * p.table_inset_x);
                assert!(t.columns[i].width >= need, "column {i} is {} mm, \"{}\" needs {need} mm", t.columns[i].width, c.text);
            }
        }
    }
    // The widest number sets its column: "99.999.999.999" is the widest of column 5.
    assert!(long_numbers(t).contains(&"99.999.999.999".to_owned()));
}

#[test]
fn a_table_too_wide_for_a_landscape_page_is_refused_at_its_first_column() {
    let columns: String = (1..=30).map(|i| format!("        - {{ ten: \"Cột {i}\" }}\n")).collect();
    let row = format!("        - [{}]\n", vec!["\"99.999.999.999\""; 30].join(", "));
    let yaml = wide_report();
    let start = yaml.find("      cot:\n").unwrap() + "      cot:\n".len();
    let end = yaml.find("  - doan: \"Các số liệu").unwrap();
    let yaml = format!("{}{columns}      dong:\n{row}{}", &yaml[..start], &yaml[end..]);
    let diags = vanban::prepare_str(Path::new("bang-rong.yaml"), &yaml, SizeProfile::P14).err().expect("refused");
    let d = diags.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!((d.line, d.column), (11, 18), "{d:?}");
    assert!(d.message.en.contains("too wide") && d.message.vi.contains("quá rộng"), "{d:?}");
}

/// Renders the wide report; returns (the PDF, LibreOffice's PDF of the DOCX,
/// the DOCX's document.xml, the temp dir that holds them).
fn render_both() -> (PathBuf, PathBuf, String, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("bang-rong.yaml");
    std::fs::write(&yaml, wide_report()).unwrap();
    let out = dir.path().join("out");
    let o = common::vanban([std::ffi::OsStr::new("render"), yaml.as_os_str(), "-o".as_ref(), out.as_os_str()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let docx = out.join("bang-rong.docx");
    let soffice = common::require_tool("soffice");
    let profile = dir.path().join("lo-profile");
    let lo = dir.path().join("lo");
    common::run_ok(
        &soffice,
        [
            format!("-env:UserInstallation=file://{}", profile.display()),
            "--headless".into(),
            "--norestore".into(),
            "--convert-to".into(),
            "pdf".into(),
            "--outdir".into(),
            lo.display().to_string(),
            docx.display().to_string(),
        ],
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    (out.join("bang-rong.pdf"), lo.join("bang-rong.pdf"), xml, dir)
}

/// For each page: chars that overprint another char, and chars that a vertical
/// rule of the table runs through (pdfplumber's char boxes and edges).
const OVERLAPS: &str = r#"
import sys, pdfplumber
bad = []
with pdfplumber.open(sys.argv[1]) as pdf:
    for n, page in enumerate(pdf.pages, 1):
        chars = [c for c in page.chars if c["text"].strip()]
        edges = [e for e in page.vertical_edges if e["bottom"] - e["top"] > 4]
        for c in chars:
            for e in edges:
                overlap_v = min(c["bottom"], e["bottom"]) - max(c["top"], e["top"])
                if overlap_v > 2 and c["x0"] + 0.3 < e["x0"] < c["x1"] - 0.3:
                    bad.append(f"page {n}: {c['text']!r} at x {c['x0']:.1f}-{c['x1']:.1f} crosses the rule at x {e['x0']:.1f}")
        # Overprinting: two glyphs on (nearly) one line whose boxes overlap.
        chars.sort(key=lambda c: c["x0"])
        for i, a in enumerate(chars):
            for b in chars[i + 1:]:
                if b["x0"] >= a["x1"]:
                    break
                dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
                dx = min(a["x1"], b["x1"]) - b["x0"]
                # Kerning ("r." in "Tr.đồng") tucks a glyph a little under its
                # neighbour: an overprint covers most of the narrower glyph.
                narrow = min(a["x1"] - a["x0"], b["x1"] - b["x0"])
                if dy > 0.5 * (a["bottom"] - a["top"]) and dx > 0.5 * narrow:
                    bad.append(f"page {n}: {a['text']!r} and {b['text']!r} overprint at x {a['x0']:.1f}, y {a['top']:.1f}")
print("\n".join(bad[:40]))
"#;

#[test]
#[ignore = "needs LibreOffice, poppler and a Python with pdfplumber (.ci/run installs them)"]
fn numbers_stay_whole_and_glyphs_stay_in_their_cells_in_both_formats() {
    let doc = prepare(&wide_report());
    let numbers = long_numbers(the_table(&doc));
    assert!(numbers.len() >= 20, "{numbers:?}");
    let (pdf, lo_pdf, xml, _dir) = render_both();
    let pdftotext = common::require_tool("pdftotext");
    for (what, file) in [("PDF", &pdf), ("LibreOffice's PDF of the DOCX", &lo_pdf)] {
        let text = common::run_ok(&pdftotext, [file.as_os_str(), "-".as_ref()]);
        let words: Vec<&str> = text.split_whitespace().collect();
        for n in &numbers {
            assert!(words.contains(&n.as_str()), "{what}: the number {n} is not one word:\n{text}");
        }
        let report = common::run_python(&["pdfplumber"], OVERLAPS, &[file]);
        let problems: Vec<&str> = report.lines().filter(|l| l.starts_with("page ")).collect();
        assert!(problems.is_empty(), "{what}: glyphs cross rules or each other:\n{}", problems.join("\n"));
    }
    // The DOCX repeats the plain table's heading row, and no body row.
    let table = xml.split("<w:tbl>").find(|t| t.contains("Đơn vị")).expect("the plain table in the DOCX");
    let table = &table[..table.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    let marked: Vec<usize> = rows.iter().enumerate().filter(|(_, r)| r.contains("<w:tblHeader/>")).map(|(i, _)| i).collect();
    assert_eq!(marked, [0], "rows with w:tblHeader");
}

/// The six-month biểu's column-number marks ("5=4/3*100", "6=4/2*100") are
/// wider than their 14 mm columns at 11 pt: resolve sets the row at the
/// profile's `size_column_numbers`, and each mark stands on one line in the PDF
/// (it used to break into "5=4/3*" / "100") and in the DOCX at that size.
#[test]
fn the_column_number_marks_of_the_seed_stay_on_one_line() {
    let (seed, _) = vanban::prepare(&common::seed_yaml(), SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    let p = SizeProfile::P14.load().unwrap();
    let t = seed
        .body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.head.iter().flatten().any(|c| c.text == "5=4/3*100") => Some(t),
            _ => None,
        })
        .expect("the indicator table");
    assert_eq!(t.number_row_size, Some(p.size_column_numbers));
    assert!(p.size_column_numbers < t.font_size);

    let out = common::render(&common::seed_yaml(), &[]);
    let pages = common::pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    for mark in ["5=4/3*100", "6=4/2*100"] {
        let words: Vec<_> = pages.iter().flat_map(|p| p.words()).filter(|w| w.text == mark).collect();
        assert!(!words.is_empty(), "{mark} is not one word in the PDF");
        assert!(words.iter().all(|w| (w.size - f64::from(p.size_column_numbers)).abs() < 0.05), "{mark}: {words:?}");
    }
    let xml = {
        let file = std::fs::File::open(out.file("docx")).unwrap();
        let mut zip = zip::ZipArchive::new(file).unwrap();
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut s).unwrap();
        s
    };
    let half_points = format!("<w:sz w:val=\"{}\"/>", (p.size_column_numbers * 2.0).round());
    let run = xml.split("<w:r>").find(|r| r.contains(">5=4/3*100<")).expect("the mark, unbroken, in one run");
    assert!(run.contains(&half_points), "the mark's run is not at {half_points}: {run}");
}
