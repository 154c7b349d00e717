//! A `bang` as a dự toán needs it: headings grouped under a spanning heading
//! (`nhom` on the columns, as in a `bang_chi_tieu`) and a computed total row
//! (`tong_cong: true`): what is added up, to how many decimals, and how both
//! the PDF and the DOCX (and LibreOffice's print of it) show them. The broken
//! inputs (a group split apart, a typed total, a malformed cell, nothing to
//! add) are in tests/bad (EXPECT.tsv).

mod common;

use std::io::Read;
use std::path::Path;

use common::pdf_read::{self, PageContent, Word};
use vanban::layout::SizeProfile;
use vanban::resolve::{Block, Document, GridTable, HeadCell};

const CAPTION: &str = "Dự toán chi ngân sách xã năm 2027";
const GROUP: &str = "Dự toán năm 2027 (triệu đồng)";

fn sample() -> std::path::PathBuf {
    common::repo().join("content/mau/to-trinh.yaml")
}

fn table<'a>(doc: &'a Document, caption: &str) -> &'a GridTable {
    doc.body
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.caption == caption => Some(t),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no table \"{caption}\""))
}

fn texts(cells: &[HeadCell]) -> Vec<(&str, usize, usize)> {
    cells.iter().map(|c| (c.text.as_str(), c.colspan, c.rowspan)).collect()
}

#[test]
fn the_sample_groups_its_budget_headings_and_adds_its_total() {
    let (doc, warnings) = vanban::prepare(&sample(), SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(warnings.is_empty(), "{warnings:#?}");
    let t = table(&doc, CAPTION);
    assert_eq!(t.head.len(), 2, "{:#?}", t.head);
    // Ungrouped columns span both heading rows; the group spans its three.
    assert_eq!(texts(&t.head[0]), [("TT", 1, 2), ("Nội dung chi", 1, 2), (GROUP, 3, 1), ("Ghi chú", 1, 2)]);
    assert_eq!(texts(&t.head[1]), [("Tổng số", 1, 1), ("Ngân sách tỉnh hỗ trợ", 1, 1), ("Ngân sách xã", 1, 1)]);
    let last = t.rows.last().unwrap();
    assert_eq!(last.texts(), ["", "Tổng cộng", "5.595,7", "2.700", "2.895,7", ""]);
    assert!(last.cells.iter().all(|c| c.bold));
    // The group rows I, II (their own sums) and the "- Trong đó" row are not
    // added again; III, with no rows under it, is.
    assert_eq!(t.rows.len(), 10, "nine rows typed, one total");
}

/// A report whose only table has these columns, rows and `tong_cong: true`.
fn report(columns: &str, rows: &str) -> String {
    format!(
        r#"loai: to_trinh
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }}
so: 96
dia_danh: An Bình
ngay: {{ ngay: 20, thang: 11, nam: 2026 }}
trich_yeu: "Về việc đề nghị phê duyệt dự toán"
kinh_gui: ["Hội đồng nhân dân xã An Bình"]
noi_dung:
  - doan: "Dự toán như sau:"
  - bang:
      tieu_de: "Bảng"
      tong_cong: true
      cot: [{columns}]
      dong:
{rows}
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Nguyễn Văn Hùng }}
"#
    )
}

/// The total row's cells and the warnings, for these columns and rows (one
/// YAML flow list per row).
fn total(columns: &str, rows: &[&str]) -> (Vec<String>, Vec<vanban::check::Diagnostic>) {
    let rows: String = rows.iter().map(|r| format!("        - {r}\n")).collect();
    let yaml = report(columns, &rows);
    let (doc, warnings) = vanban::prepare_str(Path::new("du-toan.yaml"), &yaml, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    let t = table(&doc, "Bảng");
    (t.rows.last().unwrap().texts(), warnings)
}

const TT_NAME_AMOUNT: &str = r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Kinh phí" }"#;

#[test]
fn only_the_rows_at_the_foot_of_the_numbering_are_added() {
    // 1 is split into 1.1 and 1.2: it is their sum, only they are added.
    let (row, w) = total(TT_NAME_AMOUNT, &[r#"["1", "Đường", "300"]"#, r#"["1.1", "Thôn Đông", "100"]"#, r#"["1.2", "Thôn Tây", "200"]"#, r#"["2", "Cầu", "50"]"#]);
    assert_eq!(row, ["", "Tổng cộng", "350"]);
    assert!(w.is_empty(), "{w:?}");
    // Letter groups over Roman ones over rows; a group with no rows under it
    // (II) is added; a "-" breakdown and a typed subtotal "Cộng" are not.
    let (row, w) = total(
        TT_NAME_AMOUNT,
        &[
            r#"["A", "Chi cân đối", "1.010"]"#,
            r#"["I", "Đầu tư", "1.000"]"#,
            r#"["1", "Đường", "600"]"#,
            r#"["-", "Trong đó: mặt đường", "400"]"#,
            r#"["2", "Cầu", "400"]"#,
            r#"["", "Cộng", "1.000"]"#,
            r#"["II", "Dự phòng", "10"]"#,
            r#"["B", "Chi có mục tiêu", "7"]"#,
        ],
    );
    assert_eq!(row, ["", "Tổng cộng", "1.017"]);
    assert!(w.is_empty(), "a subtotal \"Cộng\" is no second total: {w:?}");
    // Without a TT column every row is added but a total.
    let (row, _) = total(r#"{ ten: "Thôn", rong: 4 }, { ten: "Số hộ" }"#, &[r#"["Thôn Đông", 412]"#, r#"["Thôn Tây", "385"]"#, r#"["Cộng", 797]"#]);
    assert_eq!(row, ["Tổng cộng", "797"]);
}

#[test]
fn the_sum_is_exact_with_the_most_decimals_of_its_cells() {
    let columns = r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "A" }, { ten: "B" }, { ten: "C" }, { ten: "D" }"#;
    let (row, w) = total(
        columns,
        &[
            r#"["1", "Một", "1,5", "1,50", "999.999.999.999.999,9", "0,1"]"#,
            r#"["2", "Hai", "2,25", 2, "0,1", "0,2"]"#,
            r#"["3", "Ba", 3, "-", "", "-0,3"]"#,
        ],
    );
    // 0,1 + 0,2 - 0,3 is 0,0 exactly (in floats it is 5.55e-17).
    assert_eq!(row, ["", "Tổng cộng", "6,75", "3,50", "1.000.000.000.000.000,0", "0,0"]);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn text_numbering_year_and_ratio_columns_get_no_total() {
    let columns = r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Năm" }, { ten: "Tỷ lệ (%)" }, { ten: "Mã số" }, { ten: "Số hộ" }, { ten: "Ghi chú" }"#;
    let (row, w) = total(columns, &[r#"["1", "Một", "2025", "50,5", "01", 10, "Xong"]"#, r#"["2", "Hai", "2026", "60", "02", 20, ""]"#]);
    assert_eq!(row, ["", "Tổng cộng", "", "", "", "30", ""]);
    assert!(w.is_empty(), "{w:?}");
}

/// A column headed with a year ("Năm 2025", "Năm học 2025-2026") holds that
/// year's figures: added, and its numbers grouped (they are no years); a
/// column of changes with "+12,5" is right-aligned like its "-3,96".
#[test]
fn columns_of_a_named_year_are_added_and_signed_changes_align_as_numbers() {
    let columns = r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Năm 2025" }, { ten: "Năm học 2025-2026" }, { ten: "Tăng, giảm (%)" }"#;
    let (row, w) = total(columns, &[r#"["1", "Thuế", "125,5", 1980, "+12,5"]"#, r#"["2", "Phí", "2.150", 12, "-3,96"]"#]);
    assert_eq!(row, ["", "Tổng cộng", "2.275,5", "1.992", ""]);
    assert!(w.is_empty(), "{w:?}");
    let rows: String = [r#"["1", "Thuế", "125,5", 1980, "+12,5"]"#, r#"["2", "Phí", "2.150", 12, "-3,96"]"#].iter().map(|r| format!("        - {r}\n")).collect();
    let (doc, _) = vanban::prepare_str(Path::new("du-toan.yaml"), &report(columns, &rows), SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    let t = table(&doc, "Bảng");
    assert_eq!(t.rows[0].texts()[3], "1.980", "a figure, not a year");
    let aligns: Vec<_> = t.rows[0].cells.iter().map(|c| c.align).collect();
    assert_eq!(aligns[2..], [vanban::resolve::Align::Right; 3]);
}

/// A dự toán: quantities in m², m and "Hệ thống" do not add up, nor do unit
/// prices; the amounts do. `cong:` overrides the rules either way.
#[test]
fn unit_prices_rates_and_quantities_in_mixed_units_get_no_total() {
    let columns = r#"{ ten: "TT" }, { ten: "Hạng mục", rong: 4 }, { ten: "Đơn vị tính" }, { ten: "Khối lượng" }, { ten: "Đơn giá (đồng)" }, { ten: "Thành tiền (đồng)" }"#;
    let rows = [
        r#"["1", "Lợp lại mái ngói", "m²", "210", "185.000", 38850000]"#,
        r#"["2", "Xây tường rào", "m", "86", "1.450.000", 124700000]"#,
        r#"["3", "Hệ thống điện", "Hệ thống", "1", "42.500.000", 42500000]"#,
    ];
    let (row, w) = total(columns, &rows);
    assert_eq!(row, ["", "Tổng cộng", "", "", "", "206.050.000"]);
    assert!(w.is_empty(), "{w:?}");
    // One unit throughout: the quantities add.
    let same = [r#"["1", "Thôn Đông", "cây", "1.200", "15.000", 18000000]"#, r#"["2", "Thôn Tây", "cây", "800", "15.000", 12000000]"#];
    let (row, _) = total(columns, &same);
    assert_eq!(row, ["", "Tổng cộng", "", "2.000", "", "30.000.000"]);
    // Rates and averages ("tạ/ha", "Bình quân") do not add.
    let rates = r#"{ ten: "TT" }, { ten: "Cây trồng", rong: 4 }, { ten: "Năng suất (tạ/ha)" }, { ten: "Bình quân đầu người" }, { ten: "Diện tích (ha)" }"#;
    let (row, _) = total(rates, &[r#"["1", "Lúa", "62,5", "3", "120,5"]"#, r#"["2", "Ngô", "48", "2", "30"]"#]);
    assert_eq!(row, ["", "Tổng cộng", "", "", "150,5"]);
    // A bare "Đơn vị" names communes, not units; "tỉnh/huyện" outside a
    // unit's parentheses is no rate: both columns add.
    let by_commune = r#"{ ten: "TT" }, { ten: "Đơn vị", rong: 3 }, { ten: "Diện tích (ha)" }, { ten: "Vốn NS tỉnh/huyện" }"#;
    let (row, _) = total(by_commune, &[r#"["1", "Xã A", "120,5", "300"]"#, r#"["2", "Xã B", "30", "200"]"#]);
    assert_eq!(row, ["", "Tổng cộng", "150,5", "500"]);
    // `cong:` says otherwise: the quantities added, the amounts left blank.
    let forced = r#"{ ten: "TT" }, { ten: "Hạng mục", rong: 4 }, { ten: "Đơn vị tính" }, { ten: "Khối lượng", cong: true }, { ten: "Đơn giá (đồng)" }, { ten: "Thành tiền (đồng)", cong: false }"#;
    let (row, _) = total(forced, &rows);
    assert_eq!(row, ["", "Tổng cộng", "", "297", "", ""]);
}

#[test]
fn a_malformed_number_leaves_its_total_blank_with_a_warning_at_the_cell() {
    // The third row's "1,250.5" (line 17 of the report, column 23).
    let (row, w) = total(
        r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Tổng số" }, { ten: "Ngân sách xã" }"#,
        &[r#"["1", "Một", "1.000", "5"]"#, r#"["2", "Hai", "2.000", "6"]"#, r#"["3", "Ba", "1,250.5", "7"]"#],
    );
    assert_eq!(row, ["", "Tổng cộng", "", "18"]);
    let d = w.iter().find(|d| d.message.en.contains("Tổng cộng")).unwrap_or_else(|| panic!("{w:#?}"));
    assert_eq!((d.line, d.column), (17, 23), "{d:?}");
    assert!(d.message.en.contains("\"1,250.5\"") && d.message.vi.contains("để trống"), "{d:?}");
    assert_eq!(w.iter().filter(|d| (d.line, d.column) == (17, 23)).count(), 1, "one warning for the cell: {w:#?}");
}

/// A negative typeset "−50" (U+2212) or written as accounting does,
/// "(120,5)", and thousands spaced "1 200 000", left the total blank without
/// a word (probe): each is now said at its cell, with the form to write.
#[test]
fn numbers_written_the_typesetters_or_the_accountants_way_are_said_at_their_cell() {
    for (cell, want) in [("−50", "-50"), ("–50", "-50"), ("(120,5)", "-120,5"), ("1 200 000", "1.200.000")] {
        let (row, w) = total(
            r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Tổng số" }, { ten: "Ngân sách xã" }"#,
            &[r#"["1", "Một", "1.000", "5"]"#, r#"["2", "Hai", "2.000", "6"]"#, &format!(r#"["3", "Ba", "{cell}", "7"]"#)],
        );
        assert_eq!(row, ["", "Tổng cộng", "", "18"], "{cell}");
        let d = w.iter().find(|d| (d.line, d.column) == (17, 23)).unwrap_or_else(|| panic!("{cell}: no warning at its cell: {w:#?}"));
        assert!(d.message.vi.contains("để trống"), "{cell}: {d:?}");
        let hint = d.hint.as_ref().map(|h| h.vi.clone()).unwrap_or_default();
        assert!(hint.contains(&format!("\"{want}\"")), "{cell}: hint {hint:?}");
    }
    // Text that only looks numeric is not a number written another way
    // (review): a footnote, a year, a phone number, a list of days.
    for cell in ["(3)", "(2023)", "0912 345 678", "5, 20", "0236 3821 456"] {
        let (_, w) = total(
            r#"{ ten: "TT" }, { ten: "Nội dung", rong: 4 }, { ten: "Tổng số" }, { ten: "Ngân sách xã" }"#,
            &[r#"["1", "Một", "1.000", "5"]"#, r#"["2", "Hai", "2.000", "6"]"#, &format!(r#"["3", "Ba", "{cell}", "7"]"#)],
        );
        assert!(!w.iter().any(|d| (d.line, d.column) == (17, 23)), "{cell}: {w:#?}");
        assert!(!w.iter().any(|d| d.hint.as_ref().is_some_and(|h| h.en.contains("did you mean \"-"))), "{cell}: {w:#?}");
    }
}

/// The words of the page that holds the sample's table, and checks on them.
fn check_table_page(pages: &[PageContent], what: &str) {
    let page = pages
        .iter()
        .find(|p| p.words().iter().any(|w| w.text == "cộng"))
        .unwrap_or_else(|| panic!("{what}: no page with \"Tổng cộng\""));
    // The table's words: under its caption, above the text after it.
    let caption = page.lines().into_iter().find(|(_, l)| l == CAPTION).unwrap_or_else(|| panic!("{what}: no caption in\n{}", page.text())).0;
    let words: Vec<Word> = page.words().into_iter().filter(|w| w.base > caption + 0.6).collect();
    let find = |text: &str| -> &Word { words.iter().find(|w| w.text == text).unwrap_or_else(|| panic!("{what}: no word {text:?} in\n{}", page.text())) };
    let line_of = |w: &Word| -> Vec<&Word> { words.iter().filter(|o| (o.base - w.base).abs() < 0.6).collect() };
    // The total: bold, its sums on its line, left to right.
    let label = words.iter().find(|w| w.text == "cộng" && w.bold()).unwrap_or_else(|| panic!("{what}: \"cộng\" is not bold"));
    let row: Vec<&str> = line_of(label).iter().map(|w| w.text.as_str()).collect();
    assert_eq!(row, ["Tổng", "cộng", "5.595,7", "2.700", "2.895,7"], "{what}");
    assert!(line_of(label).iter().all(|w| w.bold()), "{what}: the total row is bold");
    // The group heading stands above its three sub-headings, centred over them.
    let group = find("(triệu");
    let first = find("Tổng");
    let last = words.iter().filter(|w| w.text == "xã" && w.bold() && w.base < label.base).last().expect("Ngân sách xã");
    assert!(group.base < first.base, "{what}: the group heading is above \"Tổng số\"");
    // The group's cell: from the rule left of "Tổng số" to the rule right of
    // "Ngân sách xã", as drawn through the sub-headings' row.
    let rules: Vec<f64> = page.paths.iter().filter(|r| r.x1 - r.x0 < 2.0 && r.top < first.base && r.bottom > first.base).map(|r| (r.x0 + r.x1) / 2.0).collect();
    let left = rules.iter().copied().filter(|x| *x < first.x0).fold(f64::NEG_INFINITY, f64::max);
    let right = rules.iter().copied().filter(|x| *x > last.x1).fold(f64::INFINITY, f64::min);
    assert!(left.is_finite() && right.is_finite(), "{what}: no cell rules around the sub-headings: {rules:?}");
    let mid = (left + right) / 2.0;
    let group_line: Vec<&Word> = line_of(group);
    let centre = (group_line.first().unwrap().x0 + group_line.last().unwrap().x1) / 2.0;
    assert!((centre - mid).abs() < 1.5, "{what}: the group heading's line is centred at {centre}, its columns at {mid}");
    // "TT" spans both heading rows: centred between the top of the group's
    // row and the bottom of the sub-headings' rows, lower than the group line.
    let tt = find("TT");
    assert!(tt.base > group.base && tt.base < first.base + 8.0, "{what}: TT at {} between {} and {}", tt.base, group.base, first.base);
}

#[test]
fn the_pdf_shows_the_grouped_heading_and_the_total() {
    let out = common::render(&sample(), &["--format", "pdf"]);
    check_table_page(&pdf_read::read(&std::fs::read(out.pdf()).unwrap()), "PDF");
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn the_docx_merges_the_heading_cells_and_prints_the_total() {
    let out = common::render(&sample(), &["--format", "docx"]);
    let docx = out.file("docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let start = xml.find(GROUP).expect("the group heading in the DOCX");
    let table = &xml[xml[..start].rfind("<w:tbl>").unwrap()..];
    let table = &table[..table.find("</w:tbl>").unwrap()];
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    let cells = |row: &str| -> Vec<String> { row.split("<w:tc>").skip(1).map(str::to_owned).collect() };
    // Heading row 1: TT, Nội dung chi and Ghi chú start a vertical merge; the
    // group spans three grid columns.
    let top = cells(rows[0]);
    assert_eq!(top.len(), 4, "{}", rows[0]);
    for k in [0, 1, 3] {
        assert!(top[k].contains(r#"<w:vMerge w:val="restart"/>"#), "cell {k} of row 1: {}", top[k]);
    }
    assert!(top[2].contains(r#"<w:gridSpan w:val="3"/>"#) && top[2].contains(GROUP), "{}", top[2]);
    // Heading row 2: the merged cells continue, the sub-headings stand alone.
    let under = cells(rows[1]);
    assert_eq!(under.len(), 6, "{}", rows[1]);
    for k in [0, 1, 5] {
        assert!(under[k].contains("<w:vMerge") && !under[k].contains("restart"), "cell {k} of row 2: {}", under[k]);
    }
    for (k, text) in [(2, "Tổng số"), (3, "Ngân sách tỉnh hỗ trợ"), (4, "Ngân sách xã")] {
        assert!(under[k].contains(text) && !under[k].contains("vMerge") && !under[k].contains("gridSpan"), "{}", under[k]);
    }
    // Both heading rows repeat on a new page; the total is the last row, bold.
    assert!(rows[0].contains("<w:tblHeader/>") && rows[1].contains("<w:tblHeader/>"));
    let last = rows.last().unwrap();
    for text in ["Tổng cộng", "5.595,7", "2.700", "2.895,7"] {
        assert!(last.contains(&format!(">{text}<")), "{text} in the last row: {last}");
    }
    assert!(last.contains("<w:b/>"), "bold: {last}");

    // LibreOffice prints the same.
    let dir = tempfile::tempdir().unwrap();
    let soffice = common::require_tool("soffice");
    let lo = dir.path().join("lo");
    common::run_ok(
        &soffice,
        [
            format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display()),
            "--headless".into(),
            "--norestore".into(),
            "--convert-to".into(),
            "pdf".into(),
            "--outdir".into(),
            lo.display().to_string(),
            docx.display().to_string(),
        ],
    );
    let printed = std::fs::read(lo.join("to-trinh.pdf")).unwrap();
    check_table_page(&pdf_read::read(&printed), "LibreOffice's print of the DOCX");
}
