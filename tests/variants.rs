//! Reports the seed does not exercise: other document types, a numbered and dated
//! document, a parent body, kính gửi, a deputy signature, "Phần I" parts, lettered
//! points, no parts at all, an inline landscape table, the 13-pt profile.

mod common;

use std::path::Path;
use std::process::Command;

use vanban::layout::SizeProfile;
use vanban::resolve::{Block, Document};

const BIN: &str = env!("CARGO_BIN_EXE_vanban");

fn prepare(yaml: &str) -> Document {
    match vanban::prepare_str(Path::new("variant.yaml"), yaml, SizeProfile::P14) {
        Ok((doc, _)) => doc,
        Err(d) => panic!("{d:#?}"),
    }
}

/// Renders through the CLI and returns the PDF's text (read back in Rust) and the DOCX.
fn render_text(yaml: &str, extra: &[&str]) -> (String, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v.yaml");
    std::fs::write(&path, yaml).unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["render", path.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = Command::new(BIN).args(&args).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(out.join("v.pdf")).unwrap();
    let text: Vec<String> = common::pdf_read::read(&pdf).iter().map(|p| p.text()).collect();
    let docx = std::fs::read(out.join("v.docx")).unwrap();
    (text.join(" ").split_whitespace().collect::<Vec<_>>().join(" "), docx)
}

const KE_HOACH: &str = r#"
loai: ke_hoach
co_quan:
  chu_quan: ["UBND HUYỆN HOẰNG HÓA"]
  ten: ["ỦY BAN NHÂN DÂN", "XÃ HOẰNG LỘC"]
  viet_tat: UBND
so: 5
dia_danh: Hoằng Lộc
ngay: { ngay: 5, thang: 1, nam: 2024 }
trich_yeu: ["Triển khai chuyển đổi số năm 2024"]
kinh_gui: ["Ủy ban nhân dân huyện Hoằng Hóa", "Phòng Văn hóa và Thông tin huyện"]
kieu_phan: la_ma
noi_dung:
  - phan:
      tieu_de: "MỤC ĐÍCH, YÊU CẦU"
      noi_dung:
        - muc:
            tieu_de: "Mục đích"
            noi_dung:
              - diem: "Nâng cao nhận thức về chuyển đổi số;"
              - diem: "Số hóa hồ sơ một cửa;"
              - diem: "Cung cấp dịch vụ công trực tuyến;"
              - diem: "Đào tạo cán bộ;"
              - diem: "Kết nối các tổ dân phố."
  - phan:
      tieu_de: "NHIỆM VỤ"
      noi_dung:
        - doan: "Giao các bộ phận chuyên môn tổ chức thực hiện."
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky:
  tm: ủy ban nhân dân
  kt: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Lê Văn Bình
"#;

#[test]
fn a_plan_with_deputy_signature_parent_body_and_addressees() {
    let doc = prepare(KE_HOACH);
    assert_eq!(doc.header.doc_type, "KẾ HOẠCH");
    assert_eq!(doc.header.number, "Số: 05/KH-UBND");
    assert_eq!(doc.header.place_date, "Hoằng Lộc, ngày 05 tháng 01 năm 2024");
    assert_eq!(doc.header.parent_body, ["UBND HUYỆN HOẰNG HÓA"]);
    assert_eq!(
        doc.header.addressees,
        ["Kính gửi:", "- Ủy ban nhân dân huyện Hoằng Hóa;", "- Phòng Văn hóa và Thông tin huyện."]
    );
    assert_eq!(doc.signature.authority, ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    let labels: Vec<String> = doc.body.iter().filter_map(|b| match b { Block::Part { label, .. } => Some(label.clone()), _ => None }).collect();
    assert_eq!(labels, ["Phần I", "Phần II"]);
    let markers: Vec<String> = doc.body.iter().filter_map(|b| match b { Block::Item { marker, .. } => Some(marker.clone()), _ => None }).collect();
    assert_eq!(markers, ["a)", "b)", "c)", "d)", "đ)"]);

    let (text, _) = render_text(KE_HOACH, &[]);
    for needle in [
        "UBND HUYỆN HOẰNG HÓA",
        "Số: 05/KH-UBND",
        "Hoằng Lộc, ngày 05 tháng 01 năm 2024",
        "KẾ HOẠCH",
        "Kính gửi:",
        "- Phòng Văn hóa và Thông tin huyện.",
        "Phần I",
        "đ) Kết nối các tổ dân phố.",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Lê Văn Bình",
        "Giao các bộ phận chuyên môn tổ chức thực hiện./.",
    ] {
        assert!(text.contains(needle), "PDF lacks {needle:?}:\n{text}");
    }
}

const FLAT_WITH_INLINE_LANDSCAPE_TABLE: &str = r#"
loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ TÂN LẬP"], viet_tat: UBND }
dia_danh: Tân Lập
ngay: { nam: 2024 }
trich_yeu: ["Kết quả thực hiện các chỉ tiêu năm 2024"]
ket_thuc: false
noi_dung:
  - muc:
      tieu_de: "KẾT QUẢ"
      chay_tiep: "Các chỉ tiêu như sau:"
      noi_dung:
        - bang_chi_tieu:
            cot: { ke_hoach: "KH 2024", cung_ky: "Năm 2023", ket_qua: "Kết quả năm 2024" }
            ky_danh_gia: "năm 2024"
            ngang: true
            nhom:
              - ten: "Kinh tế"
                chi_tieu:
                  - { ten: "Thu ngân sách", dvt: "Tr. đồng", ke_hoach: "1.000", cung_ky: "800", thuc_hien: "1.250" }
                  - { ten: "Đường giao thông", dvt: "Km", ke_hoach: "2,5", cung_ky: "0", thuc_hien: "1" }
                  - { ten: "Hộ nghèo", dvt: "hộ", ke_hoach: 10, cung_ky: "-", thuc_hien: 0 }
  - muc:
      tieu_de: "KIẾN NGHỊ"
      noi_dung:
        - doan: [ { nghieng: "Không có." } ]
noi_nhan: ["Lưu: VT."]
nguoi_ky: { q: CHỦ TỊCH, ho_ten: Trần Thị C }
"#;

#[test]
fn a_report_without_parts_and_an_inline_landscape_table() {
    let doc = prepare(FLAT_WITH_INLINE_LANDSCAPE_TABLE);
    assert_eq!(doc.header.place_date, format!("Tân Lập, ngày {b} tháng {b} năm 2024", b = vanban::model::date::BLANK));
    assert_eq!(doc.signature.authority, ["Q. CHỦ TỊCH"]);
    assert!(doc.closing_mark.is_none());
    let table = doc.body.iter().find_map(|b| match b { Block::Table(t) => Some(t), _ => None }).unwrap();
    assert!(table.landscape);
    let cells: Vec<Vec<String>> = table.rows.iter().map(|r| r.texts()).collect();
    assert_eq!(cells[0][1], "Kinh tế (03 chỉ tiêu)");
    assert_eq!(cells[1][6..9], ["156,25", "125", "-"]);
    assert_eq!(cells[2][6..9], ["-", "40", "1,5"]);
    assert_eq!(cells[3][6..9], ["-", "0", "10"]);

    let (text, _) = render_text(FLAT_WITH_INLINE_LANDSCAPE_TABLE, &[]);
    assert!(text.contains("I. KẾT QUẢ Các chỉ tiêu như sau:"), "{text}");
    assert!(text.contains("II. KIẾN NGHỊ"));
    assert!(text.contains("Q. CHỦ TỊCH"));
    assert!(text.contains("156,25"));
    assert!(!text.contains("./."));
}

#[test]
fn the_13_point_profile_renders() {
    let (text, docx) = render_text(KE_HOACH, &["--profile", "13"]);
    assert!(text.contains("KẾ HOẠCH"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut styles = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
    assert!(styles.contains(r#"w:val="26""#), "13 pt body (26 half-points) in the styles");
}

const WITH_PLAIN_TABLE: &str = r#"
loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN", "PHƯỜNG ĐÔNG SƠN"], viet_tat: UBND }
dia_danh: Đông Sơn
ngay: { ngay: 12, thang: 12, nam: 2024 }
trich_yeu: ["Kết quả giải quyết thủ tục hành chính năm 2024"]
noi_dung:
  - doan: "Kết quả cụ thể như sau:"
  - bang:
      tieu_de: "Biểu 01: Số hồ sơ theo lĩnh vực"
      cot:
        - { ten: "TT", rong: 1, can: giua }
        - { ten: "Lĩnh vực", rong: 6 }
        - { ten: "Số hồ sơ", rong: 2 }
        - { ten: "Tỷ lệ đúng hạn", rong: 2 }
      dong:
        - ["1", "Chứng thực", 1250, "99,6%"]
        - ["2", "Hộ tịch #eval(\"1+1\")", "98", "100%"]
  - doan: "Các hồ sơ quá hạn đã được xử lý."
noi_nhan: ["UBND quận (b/c);", "Lưu: VT."]
nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH }
"#;

#[test]
fn a_plain_table_prints_as_written() {
    let doc = prepare(WITH_PLAIN_TABLE);
    let t = doc.body.iter().find_map(|b| match b { Block::Table(t) => Some(t), _ => None }).expect("plain table");
    assert_eq!(t.origin, vanban::resolve::TableOrigin::Plain);
    assert_eq!(t.caption, "Biểu 01: Số hồ sơ theo lĩnh vực");
    assert_eq!(t.rows[0].texts(), ["1", "Chứng thực", "1.250", "99,6%"]);
    use vanban::resolve::Align::*;
    // "99,6%" and "100%" are figures: right-aligned like the counts.
    assert_eq!(t.rows[0].cells.iter().map(|c| c.align).collect::<Vec<_>>(), [Center, Left, Right, Right]);
    // One heading row, and it is the only one that repeats.
    assert_eq!(t.head.len(), 1);
    let widths: Vec<f32> = t.columns.iter().map(|c| c.width).collect();
    let total: f32 = widths.iter().sum();
    assert!((total - 165.0).abs() < 1e-3 && (widths[1] - 6.0 / 11.0 * 165.0).abs() < 1e-3, "{widths:?}");

    let (text, docx) = render_text(WITH_PLAIN_TABLE, &[]);
    // pdftotext reads a table column by column: look for the cells one by one.
    for needle in ["Biểu 01: Số hồ sơ theo lĩnh vực", "Chứng thực", "1.250", "99,6%", "Hộ tịch #eval(\"1+1\")", "Các hồ sơ quá hạn đã được xử lý./."] {
        assert!(text.contains(needle), "PDF lacks {needle:?}:\n{text}");
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("Biểu 01: Số hồ sơ theo lĩnh vực") && xml.contains("1.250"));
    assert_eq!(xml.matches("<w:tbl>").count(), 3, "header block, the plain table, signature block");
}

#[test]
fn a_plain_table_row_with_the_wrong_cell_count_is_pointed_at() {
    let bad = WITH_PLAIN_TABLE.replace(r#"        - ["1", "Chứng thực", 1250, "99,6%"]"#, r#"        - ["1", "Chứng thực", 1250]"#);
    let diags = vanban::prepare_str(Path::new("bang.yaml"), &bad, SizeProfile::P14).err().expect("an error");
    let d = diags.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.kind, vanban::check::Kind::WrongType);
    assert_eq!((d.line, d.column), (17, 11), "{d:?}");
    assert!(d.message.en.contains("3 cells but the table has 4 columns"));
    let bare = WITH_PLAIN_TABLE.replace("\"98\"", "9.80");
    let diags = vanban::prepare_str(Path::new("bang.yaml"), &bare, SizeProfile::P14).err().expect("an error");
    assert!(diags.iter().any(|d| d.kind == vanban::check::Kind::BareFloat && d.line == 18), "{diags:?}");
}
