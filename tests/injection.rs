//! Typst markup in the content is text, never code (issue 6).
//!
//! A report whose every kind of string (paragraphs, headings, table cells,
//! issuer name, nơi nhận, signature, …) holds typst markup is rendered by the
//! CLI; the PDF's text (read back in Rust) must contain each string literally,
//! and must not contain what `#read("/etc/passwd")` would have read.

mod common;

use std::path::Path;
use std::process::Command;

/// The markup that must come out as written.
const MARKUP: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    r#"#eval("1+1")"#,
    "$x$",
    "*bold*",
    "_em_",
    "<label>",
    "@ref",
    "#set page(width: 1cm)",
    r"\",
    "]",
    "\"",
];

/// A YAML double-quoted string holding `s`.
fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn report() -> String {
    let m = |i: usize| q(MARKUP[i]);
    let items: String = MARKUP.iter().map(|s| format!("              - gach: {}\n", q(&format!("Mục {s} hết")))).collect();
    format!(
        r#"loai: bao_cao
co_quan:
  chu_quan: [{chu_quan}]
  ten: ["ỦY BAN NHÂN DÂN", {ten}]
  viet_tat: UBND
dia_danh: {dia_danh}
ngay: {{ ngay: 5, thang: 7, nam: 2024 }}
trich_yeu:
  - {trich_yeu}
kinh_gui: [{kinh_gui}]
noi_dung:
  - phan:
      tieu_de: {phan}
      noi_dung:
        - muc:
            tieu_de: {muc}
            chay_tiep: {chay_tiep}
            noi_dung:
              - doan: {doan}
              - doan:
                  - dam: {dam}
                  - " và "
                  - nghieng: {nghieng}
{items}              - diem: {diem}
              - bang_chi_tieu: bang.chi-tieu.yaml
noi_nhan:
  - {nn1}
  - {nn2}
  - "Lưu: VT."
nguoi_ky:
  tm: {tm}
  chuc_vu: CHỦ TỊCH
  ho_ten: {ho_ten}
"#,
        chu_quan = m(6),
        ten = m(0),
        dia_danh = m(4),
        trich_yeu = q(&format!("Báo cáo {} và {}", MARKUP[2], MARKUP[8])),
        kinh_gui = m(5),
        phan = m(1),
        muc = m(7),
        chay_tiep = m(3),
        doan = q(&format!("Đoạn {} thử {}", MARKUP[0], MARKUP[10])),
        dam = m(9),
        nghieng = m(2),
        diem = m(1),
        nn1 = q(&format!("{};", MARKUP[0])),
        nn2 = q(&format!("{};", MARKUP[7])),
        tm = m(3),
        ho_ten = m(4),
    )
}

fn table() -> String {
    format!(
        r#"cot:
  ke_hoach: {kh}
  cung_ky: "Thực hiện 6 tháng năm 2023"
  ket_qua: "Kết quả 6 tháng đầu năm 2024"
nhom:
  - ten: {nhom}
    chi_tieu:
      - ten: {ten}
        dvt: {dvt}
        ke_hoach: "4.150"
        cung_ky: "2.240"
        thuc_hien: "2.300"
        ghi_chu: {ghi_chu}
      - ten: {ten2}
        ke_hoach: "-"
        ghi_chu: {ghi_chu2}
        danh_gia: cuoi_nam
"#,
        kh = q(MARKUP[6]),
        nhom = q(MARKUP[7]),
        ten = q(MARKUP[0]),
        dvt = q(MARKUP[2]),
        ghi_chu = q(MARKUP[1]),
        ten2 = q(&format!("{} {} {}", MARKUP[3], MARKUP[8], MARKUP[9])),
        ghi_chu2 = q(&format!("{} {}", MARKUP[5], MARKUP[10])),
    )
}

/// The PDF's text, read back in Rust (tests/common/pdf_read.rs), pages
/// separated by form feeds.
fn pdftotext(pdf: &Path) -> String {
    let bytes = std::fs::read(pdf).expect("read the PDF");
    common::pdf_read::read(&bytes).iter().map(|p| p.text()).collect::<Vec<_>>().join("\u{c}")
}

/// Whitespace runs as one space (lines may break anywhere in the PDF).
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn typst_markup_in_content_is_printed_literally() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(tmp.path().join("bao-cao.yaml"), report()).expect("write");
    std::fs::write(tmp.path().join("bang.chi-tieu.yaml"), table()).expect("write");
    let out = tmp.path().join("out");
    let run = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "en", "render"])
        .arg(tmp.path().join("bao-cao.yaml"))
        .arg("-o")
        .arg(&out)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run vanban");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "render failed:\n{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("internal error"), "{stderr}");

    let text = pdftotext(&out.join("bao-cao.pdf"));
    let flat = squash(&text);
    for s in MARKUP {
        assert!(flat.contains(&squash(s)), "{s:?} is not in the PDF's text:\n{text}");
    }
    // Strings that combine several marks come out whole, in order.
    for s in [format!("Đoạn {} thử {}", MARKUP[0], MARKUP[10]), format!("Mục {} hết", MARKUP[7]), format!("Mục {} hết", MARKUP[8])] {
        assert!(flat.contains(&squash(&s)), "{s:?} is not in the PDF's text:\n{text}");
    }
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    assert!(!text.contains("root:x:0:0"), "the PDF holds /etc/passwd:\n{text}");
    if let Some(first) = passwd.lines().next().filter(|l| l.len() > 8) {
        assert!(!text.contains(first), "the PDF holds /etc/passwd:\n{text}");
    }
    // `#eval("1+1")` printed as "2", `#set page(width: 1cm)` obeyed: the page is A4.
    let info = Command::new("pdfinfo").arg(out.join("bao-cao.pdf")).output();
    if let Ok(info) = info {
        let info = String::from_utf8_lossy(&info.stdout);
        if let Some(size) = info.lines().find(|l| l.starts_with("Page size:")) {
            assert!(size.contains("595") && size.contains("841"), "not an A4 page: {size}");
        }
    }

    // The DOCX carries the same strings (XML-escaped by the writer).
    let docx = std::fs::read(out.join("bao-cao.docx")).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("docx is a zip");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").expect("document.xml"), &mut xml).expect("read");
    let unescaped = xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&");
    for s in MARKUP {
        assert!(unescaped.contains(s), "{s:?} is not in the DOCX");
    }
}
