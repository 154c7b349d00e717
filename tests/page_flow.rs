//! The page-flow decisions resolve makes once for both renderers
//! (src/resolve/flow.rs): the titles that go onto a landscape table's first
//! page, whether the signature block flows on, what stays with it. Then that
//! the PDF draws them, and that LibreOffice's print of the DOCX breaks its
//! pages alike.

mod common;

use std::path::{Path, PathBuf};

use common::pdf_read;
use vanban::layout::SizeProfile;
use vanban::resolve::{Block, Document};

fn prepare(yaml: &str) -> Document {
    match vanban::prepare_str(Path::new("flow.yaml"), yaml, SizeProfile::P14) {
        Ok((doc, _)) => doc,
        Err(d) => panic!("{d:#?}"),
    }
}

/// A part and two headings without run-in text, right before a landscape table.
const LANDSCAPE_AFTER_TITLES: &str = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { ngay: 5, thang: 1, nam: 2024 }
trich_yeu: ["Kết quả thực hiện các chỉ tiêu năm 2023"]
noi_dung:
  - phan:
      tieu_de: "TÌNH HÌNH CHUNG"
      noi_dung:
        - doan: "Năm 2023, xã triển khai thực hiện các chỉ tiêu trong điều kiện còn nhiều khó khăn."
  - phan:
      tieu_de: "KẾT QUẢ THỰC HIỆN"
      noi_dung:
        - muc:
            tieu_de: "CÁC CHỈ TIÊU"
            noi_dung:
              - muc:
                  tieu_de: "Chỉ tiêu kinh tế"
                  noi_dung:
                    - bang:
                        ngang: true
                        cot: [{ ten: "TT" }, { ten: "Chỉ tiêu", rong: 6 }, { ten: "Kết quả", rong: 2 }]
                        dong:
                          - ["1", "Thu ngân sách", "105%"]
                          - ["2", "Trồng lúa", "300 ha"]
              - doan: "Các chỉ tiêu đều đạt."
noi_nhan: ["Lưu: VT."]
nguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }
"#;

fn write(dir: &Path, name: &str, yaml: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn resolve_moves_a_part_and_two_headings_onto_the_landscape_page() {
    let doc = prepare(LANDSCAPE_AFTER_TITLES);
    let (i, t) = doc
        .body
        .iter()
        .enumerate()
        .find_map(|(i, b)| match b {
            Block::Table(t) => Some((i, t)),
            _ => None,
        })
        .expect("a table");
    assert!(t.landscape);
    let lead: Vec<String> = t
        .lead
        .iter()
        .map(|b| match b {
            Block::Part { label, .. } => label.clone(),
            Block::Heading { number, .. } => number.clone(),
            other => panic!("not a title in the lead: {other:?}"),
        })
        .collect();
    assert_eq!(lead, ["Phần thứ hai", "I.", "1."]);
    // They left the body: before the table, the first part and its paragraph only.
    assert_eq!(i, 2, "{:#?}", &doc.body[..i]);
    assert!(matches!(doc.body[1], Block::Paragraph { .. }));
    // Read in order, nothing moved.
    let text = vanban::plain_text(&doc);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} missing:\n{text}"));
    assert!(at("triển khai") < at("Phần thứ hai") && at("Phần thứ hai") < at("KẾT QUẢ THỰC HIỆN"));
    assert!(at("I. CÁC CHỈ TIÊU") < at("1. Chỉ tiêu kinh tế") && at("1. Chỉ tiêu kinh tế") < at("Thu ngân sách"));
    // In the JSON for the template, under the table.
    let json = serde_json::to_value(&doc).unwrap();
    assert_eq!(json["body"][2]["lead"][0]["kind"], "part");
    assert!(json["body"][0].get("lead").is_none(), "left out when empty");
}

/// A paragraph that introduces a landscape table ("… như sau:") goes onto
/// its page with it, and the titles before it too, instead of standing alone
/// at the foot of the page before (review); a paragraph that does not
/// introduce it stays where it is.
#[test]
fn a_paragraph_introducing_a_landscape_table_goes_onto_its_page() {
    let introduced = LANDSCAPE_AFTER_TITLES.replace(
        "                  noi_dung:\n                    - bang:",
        "                  noi_dung:\n                    - doan: \"Kết quả các chỉ tiêu kinh tế như sau:\"\n                    - bang:",
    );
    assert_ne!(introduced, LANDSCAPE_AFTER_TITLES);
    let lead_of = |yaml: &str| -> Vec<String> {
        let doc = prepare(yaml);
        let t = doc.body.iter().find_map(|b| if let Block::Table(t) = b { Some(t.clone()) } else { None }).expect("a table");
        t.lead
            .iter()
            .map(|b| match b {
                Block::Part { label, .. } => label.clone(),
                Block::Heading { number, .. } => number.clone(),
                Block::Paragraph { inlines } => inlines.iter().map(|i| i.text.as_str()).collect(),
                other => panic!("{other:?}"),
            })
            .collect()
    };
    assert_eq!(lead_of(&introduced), ["Phần thứ hai", "I.", "1.", "Kết quả các chỉ tiêu kinh tế như sau:"]);
    let plain = introduced.replace("như sau:", "tăng so với năm trước.");
    assert!(lead_of(&plain).is_empty(), "a paragraph ending a sentence stays, and so do the titles above it");
    let dir = tempfile::tempdir().unwrap();
    let out = common::render(&write(dir.path(), "l.yaml", &introduced), &["--format", "pdf"]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let table = pages.iter().position(|p| p.text().contains("Thu ngân sách")).expect("the table");
    let text = pages[table].text().split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("1. Chỉ tiêu kinh tế Kết quả các chỉ tiêu kinh tế như sau:"), "{text}");
}

/// The page of the landscape table, in our PDF: it starts with the three titles.
#[test]
fn the_pdf_prints_the_lead_at_the_top_of_the_landscape_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::render(&write(dir.path(), "l.yaml", LANDSCAPE_AFTER_TITLES), &["--format", "pdf"]);
    let bytes = std::fs::read(out.pdf()).unwrap();
    let pages = pdf_read::read(&bytes);
    let boxes = pdf_read::page_boxes(&bytes);
    let table = pages.iter().position(|p| p.text().contains("Thu ngân sách")).expect("the table");
    let landscape = |i: usize| boxes[i].width > boxes[i].height;
    assert!(landscape(table) && !landscape(0), "{boxes:?}");
    let text = pages[table].text();
    let start = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        start.contains("Phần thứ hai KẾT QUẢ THỰC HIỆN I. CÁC CHỈ TIÊU 1. Chỉ tiêu kinh tế"),
        "the landscape page does not start with its titles:\n{text}"
    );
    for (i, p) in pages.iter().enumerate().filter(|(i, _)| *i != table) {
        assert!(!p.text().contains("Phần thứ hai"), "page {} has the part title too", i + 1);
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn libreoffice_prints_the_lead_on_the_landscape_page_too() {
    let soffice = common::require_tool("soffice");
    let dir = tempfile::tempdir().unwrap();
    let out = common::render(&write(dir.path(), "l.yaml", LANDSCAPE_AFTER_TITLES), &[]);
    let lo = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    common::run_ok(&soffice, [std::ffi::OsString::from(profile), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let theirs = pdf_read::read(&std::fs::read(lo.path().join("l.pdf")).unwrap());
    assert_eq!(ours.len(), theirs.len(), "page counts");
    for (what, pages) in [("PDF", &ours), ("LibreOffice", &theirs)] {
        let table = pages.iter().position(|p| p.text().contains("Thu ngân sách")).expect("the table");
        let text = pages[table].text();
        for title in ["Phần thứ hai", "KẾT QUẢ THỰC HIỆN", "I. CÁC CHỈ TIÊU", "1. Chỉ tiêu kinh tế"] {
            assert!(text.contains(title), "{what}: {title:?} is not on the table's page:\n{text}");
        }
        assert!(!pages[table - 1].text().contains("Phần thứ hai"), "{what}");
    }
}

/// A biên bản with `n` recipients (70: Nơi nhận taller than a page).
fn bien_ban(n: usize) -> String {
    let items: String = (1..=n).map(|i| format!("  - \"Thành viên số {i} của Ban Chỉ đạo phòng, chống thiên tai;\"\n")).collect();
    let yaml = std::fs::read_to_string(common::repo().join("content/mau/bien-ban.yaml")).unwrap();
    let yaml = yaml.replace("noi_nhan:\n  - \"Thành viên Ban Chỉ đạo;\"\n", &format!("noi_nhan:\n{items}"));
    assert!(yaml.contains(&format!("Thành viên số {n} ")));
    yaml
}

#[test]
fn the_signature_block_flows_only_when_it_is_taller_than_a_page() {
    let (seed, _) = vanban::prepare(&common::seed_yaml(), SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    assert!(!seed.signature_flows);
    // The seed ends with a paragraph: it stays with the signature.
    assert!(seed.keep_with_signature);
    let long = prepare(&bien_ban(70));
    assert!(long.signer_grid.is_some() && long.signature_flows);
    assert!(!long.keep_with_signature, "a flowing block keeps nothing before it");
    // A few recipients: whole.
    let short = prepare(&bien_ban(5));
    assert!(!short.signature_flows && short.keep_with_signature);
    let json = serde_json::to_value(&long).unwrap();
    assert_eq!(json["signature_flows"], true);
}

/// The signers of a biên bản whose block flows stay whole in both prints, and
/// LibreOffice's print of the DOCX has as many pages as the PDF.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_flowing_block_prints_alike_in_the_pdf_and_the_docx() {
    let soffice = common::require_tool("soffice");
    let dir = tempfile::tempdir().unwrap();
    for (name, n) in [("bb5.yaml", 5), ("bb70.yaml", 70)] {
        let out = common::render(&write(dir.path(), name, &bien_ban(n)), &[]);
        let lo = tempfile::tempdir().unwrap();
        let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
        common::run_ok(&soffice, [std::ffi::OsString::from(profile), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
        let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
        let theirs = pdf_read::read(&std::fs::read(lo.path().join(name.replace("yaml", "pdf"))).unwrap());
        assert_eq!(ours.len(), theirs.len(), "{n} recipients: page counts");
        let on = |pages: &[pdf_read::PageContent], w: &str| pages.iter().position(|p| p.text().contains(w));
        for w in ["THƯ KÝ", "CHỦ TỌA", "Nơi nhận:", "Lưu: VT, Hồ sơ."] {
            assert_eq!(on(&ours, w), on(&theirs, w), "{n} recipients: {w:?} on another page");
        }
    }
}

/// A tờ trình whose Nơi nhận (30 items, in groups) makes the block taller
/// than a page: it flows on from page 1.
fn long_to_trinh() -> PathBuf {
    common::repo().join("tests/fixtures/to-trinh-noi-nhan-dai.yaml")
}

/// The paragraphs of `document.xml` in the style `id`, each as its XML.
fn paragraphs_in_style<'a>(xml: &'a str, id: &str) -> Vec<&'a str> {
    let style = format!("<w:pStyle w:val=\"{id}\"/>");
    xml.split("</w:p>").filter(|p| p.contains(&style)).collect()
}

/// Nơi nhận keeps together by direct formatting, not by its styles: docx-rs
/// writes keep-with-next switched off as nothing, so a style's could not be
/// undone, and LibreOffice moved a flowing Nơi nhận whole onto the next page
/// (the PDF starts it on page 1).
#[test]
fn only_a_whole_noi_nhan_keeps_with_the_next_in_the_docx() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let read = |yaml: &Path, part: &str| {
        let out = common::render(yaml, &["--format", "docx"]);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(out.file("docx")).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
        xml
    };
    let styles = read(&long_to_trinh(), "word/styles.xml");
    for id in ["RecipientsLabel", "Recipient"] {
        let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("style {id}"));
        let style = &styles[at..at + styles[at..].find("</w:style>").unwrap()];
        assert!(!style.contains("<w:keepNext"), "{id}: {style}");
    }
    let short = write(dir.path(), "bb5.yaml", &bien_ban(5));
    for (yaml, whole) in [(long_to_trinh(), false), (short, true)] {
        let xml = read(&yaml, "word/document.xml");
        let label = paragraphs_in_style(&xml, "RecipientsLabel");
        let items = paragraphs_in_style(&xml, "Recipient");
        assert_eq!(label.len(), 1);
        assert!(items.len() >= 5, "{}", items.len());
        for p in label.iter().chain(&items) {
            assert_eq!(p.contains("<w:keepNext/>"), whole, "{}: {p}", yaml.display());
        }
    }
}

/// The tờ trình's flowing Nơi nhận in LibreOffice's print of the DOCX: it
/// starts on page 1 beside the signer, as in the PDF, and page 2 begins with
/// the same item.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_flowing_noi_nhan_starts_on_the_same_page_in_both_prints() {
    let soffice = common::require_tool("soffice");
    let out = common::render(&long_to_trinh(), &[]);
    let lo = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    common::run_ok(&soffice, [std::ffi::OsString::from(profile), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let theirs = pdf_read::read(&std::fs::read(lo.path().join("to-trinh-noi-nhan-dai.pdf")).unwrap());
    assert_eq!(ours.len(), 2, "the PDF");
    assert_eq!(ours.len(), theirs.len(), "page counts");
    for (what, pages) in [("PDF", &ours), ("LibreOffice", &theirs)] {
        let first = pages[0].text();
        for w in ["Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "Nguyễn Văn Hùng"] {
            assert!(first.contains(w), "{what}: {w:?} is not on page 1");
        }
    }
    // Page 2's first item (after its page number), alike.
    let opening = |p: &pdf_read::PageContent| p.text().split_whitespace().skip(1).take(4).collect::<Vec<_>>().join(" ");
    assert_eq!(opening(&ours[1]), opening(&theirs[1]));
}

/// A biên bản whose four signers start page 2 (Nơi nhận, 32 items, flows on).
fn four_signers_on_page_2() -> PathBuf {
    common::repo().join("tests/fixtures/bien-ban-bon-nguoi-ky-noi-nhan-dai.yaml")
}

/// A tờ trình of one paragraph kept with a signature block too tall for what
/// is left of page 1.
fn one_paragraph_to_trinh() -> PathBuf {
    common::repo().join("tests/fixtures/to-trinh-mot-doan-noi-nhan-dai.yaml")
}

/// Signers that start a page keep the block's space above (14 pt), as the
/// DOCX keeps it (their row's space before, inside the table); typst drops a
/// block's `above` at a page's top, and the PDF's Nơi nhận then split a line
/// apart from LibreOffice's.
#[test]
fn signers_that_start_a_page_keep_their_room_above() {
    let out = common::render(&four_signers_on_page_2(), &["--format", "pdf"]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let first = pages[1].words().into_iter().find(|w| w.text == "THƯ").expect("THƯ KÝ on page 2");
    // The top margin (1 134 twips), the room, then the 14 pt line's ascent.
    let expected = 56.7 + 14.0 + 0.891 * 14.0;
    assert!((first.base - expected).abs() < 0.1, "THƯ KÝ's baseline {:.2} pt from the top, not {expected:.2}", first.base);
    // Under the body on page 1, no room is added: the seed's signature stands
    // where it did (tests/pdf.rs checks its place against the body).
}

/// The title stays on page 1 and the paragraph goes to page 2 with the
/// signature, in the PDF; in the DOCX the title's keep-with-next ends in a
/// spacer, so that LibreOffice does not take the title along and leave
/// page 1 with the header alone.
#[test]
fn a_paragraph_kept_with_the_signature_does_not_take_the_title_along() {
    use std::io::Read;
    let out = common::render(&one_paragraph_to_trinh(), &[]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    assert_eq!(pages.len(), 2);
    assert!(pages[0].text().contains("Kính gửi: Hội đồng nhân dân xã An Bình."));
    assert!(!pages[0].text().contains("Tổng an ủy"), "the paragraph is on page 1");
    assert!(pages[1].text().contains("Tổng an ủy") && pages[1].text().contains("Nơi nhận:"));
    let mut zip = zip::ZipArchive::new(std::fs::File::open(out.file("docx")).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let paragraphs: Vec<&str> = xml.split("</w:p>").collect();
    let addressee = paragraphs.iter().position(|p| p.contains("Kính gửi: Hội đồng")).expect("Kính gửi");
    let next = paragraphs[addressee + 1];
    assert!(next.contains("<w:pStyle w:val=\"Spacer\"/>") && !next.contains("<w:keepNext"), "after Kính gửi: {next}");
    // Where the body does not keep to the signature (the seed), no spacer.
    let seed = common::render(&common::seed_yaml(), &["--format", "docx"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(seed.file("docx")).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let rule = xml.find("<w:pStyle w:val=\"Rule\"/>").expect("the title's rule");
    let after = &xml[rule..];
    let after = &after[after.find("</w:p>").unwrap()..];
    assert!(!after[..after[6..].find("</w:p>").unwrap()].contains("Spacer"));
}

/// Both documents above, and one whose line fitted here by a hair, in
/// LibreOffice's print of the DOCX: every page starts with the words the
/// PDF's does.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn libreoffice_breaks_the_pages_of_both_alike() {
    let soffice = common::require_tool("soffice");
    // And a paragraph whose first line fits typst's old 165 mm by 0.01 pt.
    let by_a_hair = common::repo().join("tests/fixtures/bien-ban-dong-vua-kin.yaml");
    for yaml in [four_signers_on_page_2(), one_paragraph_to_trinh(), by_a_hair] {
        let out = common::render(&yaml, &[]);
        let lo = tempfile::tempdir().unwrap();
        let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
        common::run_ok(&soffice, [std::ffi::OsString::from(profile), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
        let name = yaml.file_stem().unwrap().to_string_lossy().into_owned();
        let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
        let theirs = pdf_read::read(&std::fs::read(lo.path().join(format!("{name}.pdf"))).unwrap());
        let starts = |pages: &[pdf_read::PageContent]| -> Vec<String> {
            pages.iter().enumerate().map(|(i, p)| p.text().split_whitespace().skip(usize::from(i > 0)).take(4).collect::<Vec<_>>().join(" ")).collect()
        };
        assert_eq!(starts(&ours), starts(&theirs), "{name}");
    }
}

#[test]
fn a_body_ending_with_a_table_keeps_its_last_rows_with_the_signature() {
    let rows: String = (1..=6).map(|i| format!("        - [\"{i}\", \"Lĩnh vực {i}\", \"{i}\"]\n")).collect();
    let yaml = format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }}
dia_danh: Hoằng Lộc
ngay: {{ ngay: 5, thang: 1, nam: 2024 }}
trich_yeu: ["Kết quả giải quyết thủ tục hành chính năm 2023"]
noi_dung:
  - doan: "Kết quả như sau."
  - bang:
      cot: [{{ ten: "TT" }}, {{ ten: "Lĩnh vực", rong: 6 }}, {{ ten: "Số hồ sơ", rong: 2 }}]
      dong:
{rows}noi_nhan: ["Lưu: VT."]
nguoi_ky: {{ chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }}
"#
    );
    let doc = prepare(&yaml);
    let Some(Block::Table(t)) = doc.body.last() else { panic!("{:#?}", doc.body) };
    assert_eq!(t.signature_rows, Some(doc.profile.signature_keeps_rows));
    assert!(doc.keep_with_signature && doc.closing_mark.is_some());
    // Without "./." (ket_thuc: false) nothing is marked.
    let doc = prepare(&yaml.replace("noi_dung:", "ket_thuc: false\nnoi_dung:"));
    let Some(Block::Table(t)) = doc.body.last() else { panic!() };
    assert_eq!(t.signature_rows, None);
    assert!(!doc.keep_with_signature);
}

/// The last rows of a table that ends the body go to the next page with the
/// signature only when they do not fit: then they carry the heading rows
/// again. The probe's report broke with 38 mm left on page 1: the template
/// asked whether the rows stood at a page's top, typst's first pass said yes,
/// the heading rows made them too tall, and that moved them to a page's top.
/// So at the step from one page to two, page 1 of the one-page report is full
/// (less room left than the one line added), and page 2 of the other starts
/// with the heading rows.
#[test]
fn the_last_rows_go_to_the_next_page_only_when_the_page_is_full() {
    let rows: String = (1..=6).map(|i| format!("        - [\"{i}\", \"Lĩnh vực {i}\", \"{i}\"]\n")).collect();
    let report = |lines: usize| {
        let paragraphs: String = (0..lines).map(|_| "  - doan: \"Đoạn văn thử một dòng.\"\n").collect();
        format!(
            r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }}
dia_danh: Hoằng Lộc
ngay: {{ ngay: 5, thang: 1, nam: 2024 }}
trich_yeu: ["Kết quả giải quyết thủ tục hành chính năm 2023"]
noi_dung:
{paragraphs}  - bang:
      cot: [{{ ten: "TT" }}, {{ ten: "Lĩnh vực", rong: 6 }}, {{ ten: "Số hồ sơ", rong: 2 }}]
      dong:
{rows}noi_nhan: ["Lưu: VT."]
nguoi_ky: {{ chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }}
"#
        )
    };
    let dir = tempfile::tempdir().unwrap();
    let pages_of = |lines: usize| {
        let out = common::render(&write(dir.path(), &format!("r{lines}.yaml"), &report(lines)), &["--format", "pdf"]);
        pdf_read::read(&std::fs::read(out.pdf()).unwrap())
    };
    let profile = prepare(&report(1)).profile;
    let mut lines = 8;
    let (mut one, mut two) = (pages_of(lines), pages_of(lines + 1));
    while two.len() == 1 {
        assert!(lines < 40, "never two pages");
        lines += 1;
        (one, two) = (two, pages_of(lines + 1));
    }
    assert_eq!((one.len(), two.len()), (1, 2), "at {lines} lines");
    let page = &one[0];
    let name = page.words().into_iter().filter(|w| w.text == "Bình").last().expect("the signer's name");
    let room_mm = (page.height - profile.margin.bottom as f64 * 72.0 / 25.4 - name.bottom) * 25.4 / 72.0;
    // One more line (14 pt at 1.15, 6 pt after) is 7.8 mm.
    assert!(room_mm < 9.0, "{room_mm:.1} mm left on page 1, yet one more line breaks the page");
    let next = two[1].text();
    assert!(next.contains("Lĩnh vực Số hồ sơ") || next.contains("Lĩnh vực"), "page 2 without the heading rows:\n{next}");
    let heading = next.find("Số hồ sơ").expect("the heading rows on page 2");
    assert!(heading < next.find("Lĩnh vực 6").expect("the last row on page 2"), "{next}");
}

/// A thông báo whose body opens with a paragraph (no Kính gửi, no part, no
/// centred line), `n` numbered paragraphs long: 3 pages at n = 13.
fn notice(n: usize) -> String {
    let paragraphs: String = (1..=n)
        .map(|i| {
            format!(
                "  - doan: \"Đoạn {i}: Ủy ban nhân dân xã đề nghị Trưởng các bản tổ chức tuyên truyền sâu rộng đến từng hộ gia đình về lịch tiếp công dân, niêm yết công khai tại nhà văn hóa bản, thông báo trên hệ thống loa truyền thanh ít nhất 02 lần/tuần trong tháng đầu của quý.\"\n"
            )
        })
        .collect();
    format!(
        r#"loai: thong_bao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ ĐIỆN BIÊN ĐÔNG"], viet_tat: UBND }}
so: 3
dia_danh: Điện Biên Đông
ngay: {{ ngay: 29, thang: 2, nam: 2028 }}
trich_yeu: ["Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã quý I năm 2028"]
noi_dung:
  - doan: "Thực hiện Luật Tiếp công dân năm 2013 và Nghị định số 64/2014/NĐ-CP ngày 26/6/2014 của Chính phủ, Ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ như sau:"
  - gach: "Thời gian: từ 07 giờ 30 phút đến 11 giờ 00 phút các ngày 05 và 20 hằng tháng;"
  - gach: "Địa điểm: Phòng tiếp công dân, trụ sở UBND xã, bản Na Phát."
{paragraphs}  - doan: "Ủy ban nhân dân xã thông báo để nhân dân biết, liên hệ."
noi_nhan: ["Các bản (niêm yết);", "Lưu: VT."]
nguoi_ky: {{ tl: CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG, ho_ten: Lò Văn Piêng }}
"#
    )
}

/// The first words of each page (after the page number).
fn page_starts(pages: &[pdf_read::PageContent]) -> Vec<String> {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let number = (i + 1).to_string();
            p.text()
                .lines()
                .filter(|l| l.trim() != number)
                .flat_map(str::split_whitespace)
                .take(6)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The baseline of the body's first line on page 1: the line that starts with
/// `first_word`, left of the page's middle.
fn first_body_base(page: &pdf_read::PageContent, first_word: &str) -> f64 {
    page.words()
        .iter()
        .filter(|w| w.text == first_word && w.x0 < page.width / 2.0)
        .map(|w| w.base)
        .fold(f64::INFINITY, f64::min)
}

/// A body that opens with a paragraph stands title_block_below + the paragraph
/// spacing under the title block in both prints (typst used to drop the
/// paragraph's own spacing after the title block's closing space, the DOCX did
/// not: LibreOffice set the whole body 8.6 pt lower and broke its pages
/// elsewhere). Both profiles: the first line within 1.5 pt, the same page starts.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_body_opening_with_a_paragraph_starts_and_breaks_alike_in_the_pdf_and_the_docx() {
    let soffice = common::require_tool("soffice");
    let dir = tempfile::tempdir().unwrap();
    let yaml = write(dir.path(), "tb.yaml", &notice(13));
    for profile in ["14", "13"] {
        let out = common::render(&yaml, &["--profile", profile]);
        let lo = tempfile::tempdir().unwrap();
        let installation = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
        common::run_ok(&soffice, [std::ffi::OsString::from(installation), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
        let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
        let theirs = pdf_read::read(&std::fs::read(lo.path().join("tb.pdf")).unwrap());
        assert!((2..=3).contains(&ours.len()), "{profile}: the PDF has {} pages", ours.len());
        // Measured from the tên loại's baseline: LibreOffice sets the header
        // table and the tên loại ~2.5 pt lower than typst (each first line of
        // a cell or block gets the font's line gap above it), which is not
        // this gap's doing.
        let below_title = |page: &pdf_read::PageContent| first_body_base(page, "Thực") - first_body_base(page, "THÔNG");
        let (a, b) = (below_title(&ours[0]), below_title(&theirs[0]));
        assert!(a.is_finite() && b.is_finite(), "{profile}: no tên loại or no first body line");
        assert!(
            (a - b).abs() <= 1.5,
            "{profile}: the first body line stands {a:.2} pt under the tên loại in the PDF, {b:.2} pt in LibreOffice's print"
        );
        assert_eq!(page_starts(&ours), page_starts(&theirs), "{profile}: page starts (PDF, LibreOffice)");
    }
}

/// A tờ trình whose table of `n` rows ends with the total `tong_cong` adds,
/// followed by a paragraph; only the last row says "cuối".
fn costs(n: usize) -> String {
    let rows: String =
        (1..=n).map(|i| format!("        - [\"{i}\", \"Hạng mục {i}{}\", \"{}\"]\n", if i == n { " cuối" } else { "" }, 100 + i)).collect();
    let paragraphs: String = (0..12).map(|_| "  - doan: \"Ủy ban nhân dân xã trình Hội đồng nhân dân xã xem xét nội dung đề án.\"\n").collect();
    format!(
        r#"loai: to_trinh
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ PHÌNH GIÀNG"], viet_tat: UBND }}
so: 4
dia_danh: Phình Giàng
ngay: {{ ngay: 2, thang: 1, nam: 2027 }}
trich_yeu: ["Về việc đề nghị thông qua Đề án phát triển sản xuất"]
kinh_gui: ["Hội đồng nhân dân xã Phình Giàng"]
noi_dung:
{paragraphs}  - bang:
      cot: [{{ ten: "TT" }}, {{ ten: "Nội dung", rong: 6 }}, {{ ten: "Kinh phí", rong: 2 }}]
      tong_cong: true
      dong:
{rows}  - doan: "Ủy ban nhân dân xã kính trình Hội đồng nhân dân xã xem xét, thông qua."
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lò Văn Pâng }}
"#
    )
}

/// The page that holds `needle`, counted from 0.
fn page_of(pages: &[pdf_read::PageContent], needle: &str) -> usize {
    pages.iter().position(|p| p.text().contains(needle)).unwrap_or_else(|| panic!("{needle:?} on no page"))
}

#[test]
fn a_total_row_is_marked_to_go_with_the_row_above_it() {
    let doc = prepare(&costs(3));
    let table = doc.body.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).expect("the table");
    assert_eq!(table.tail_rows, Some(2));
    // A total typed as the last row counts as one; a table without a total has no tail.
    let typed = costs(3).replace("      tong_cong: true\n", "").replace("cuối\", \"103\"]\n", "cuối\", \"103\"]\n        - [\"\", \"Cộng\", \"306\"]\n");
    let doc = prepare(&typed);
    let table = doc.body.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
    assert_eq!((table.rows.len(), table.tail_rows), (4, Some(2)));
    let doc = prepare(&costs(3).replace("      tong_cong: true\n", ""));
    let table = doc.body.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
    assert_eq!(table.tail_rows, None);
}

/// The probe's tờ trình printed "Tổng cộng" alone under the repeated heading
/// rows of page 2. As the table grows by one row at a time its end crosses
/// the page's foot once, row by row; at every step the total shares its page
/// with the last row, and where the table does break, the heading rows open
/// the next page.
#[test]
fn a_total_row_never_stands_alone_on_a_page() {
    let dir = tempfile::tempdir().unwrap();
    let mut broke = 0;
    for n in 2..=30 {
        let out = common::render(&write(dir.path(), &format!("c{n}.yaml"), &costs(n)), &["--format", "pdf"]);
        let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
        let total = page_of(&pages, "Tổng cộng");
        assert_eq!(page_of(&pages, &format!("Hạng mục {n} cuối")), total, "{n} rows: the total without the last row");
        if page_of(&pages, "Hạng mục 1") != total {
            broke += 1;
            let text = pages[total].text();
            assert!(text.find("Nội dung").is_some_and(|h| h < text.find("cuối").unwrap()), "{n} rows: no heading rows above the total:\n{text}");
        }
    }
    assert!(broke > 0, "the table never broke across pages: the test proves nothing");
}

/// The same in the DOCX as LibreOffice prints it, at the sizes around the
/// one where the PDF's table first breaks.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn libreoffice_keeps_the_total_with_the_row_above_it_too() {
    let soffice = common::require_tool("soffice");
    let dir = tempfile::tempdir().unwrap();
    let first_break = (2..=30)
        .find(|&n| {
            let out = common::render(&write(dir.path(), &format!("p{n}.yaml"), &costs(n)), &["--format", "pdf"]);
            let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
            page_of(&pages, "Hạng mục 1") != page_of(&pages, "Tổng cộng")
        })
        .expect("a size that breaks the table");
    let lo = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    let sizes: Vec<usize> = (first_break.saturating_sub(3).max(2)..=first_break + 3).collect();
    let mut args: Vec<std::ffi::OsString> = vec![profile.into(), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into()];
    // Each render's folder lives as long as its `Rendered`.
    let outs: Vec<_> = sizes.iter().map(|n| common::render(&write(dir.path(), &format!("d{n}.yaml"), &costs(*n)), &["--format", "docx"])).collect();
    args.extend(outs.iter().map(|o| o.file("docx").into()));
    common::run_ok(&soffice, args);
    let mut broke = 0;
    for n in sizes {
        let pages = pdf_read::read(&std::fs::read(lo.path().join(format!("d{n}.pdf"))).unwrap());
        let total = page_of(&pages, "Tổng cộng");
        assert_eq!(page_of(&pages, &format!("Hạng mục {n} cuối")), total, "LibreOffice, {n} rows: the total without the last row");
        broke += usize::from(page_of(&pages, "Hạng mục 1") != total);
    }
    assert!(broke > 0, "LibreOffice never broke the table: the test proves nothing");
}

/// A quyết định whose Điều 1 has `k` khoản, then a titled Điều 2 with its text.
fn titled_article_after(k: usize) -> String {
    let clauses: String = (0..k).map(|_| "        - noi_dung: \"Công chức chuyên môn thực hiện nhiệm vụ theo quy định của pháp luật và phân công của Chủ tịch.\"\n").collect();
    format!(
        r#"loai: quyet_dinh
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ PHÌNH GIÀNG"], viet_tat: UBND }}
so: 12
dia_danh: Phình Giàng
ngay: {{ ngay: 3, thang: 2, nam: 2027 }}
trich_yeu: ["Về việc phân công nhiệm vụ công chức chuyên môn"]
tham_quyen: ["ỦY BAN NHÂN DÂN XÃ PHÌNH GIÀNG"]
can_cu: ["Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"]
dieu:
  - noi_dung: "Phân công nhiệm vụ như sau:"
    khoan:
{clauses}  - tieu_de: "Trách nhiệm thi hành"
    noi_dung: "Văn phòng HĐND và UBND xã có trách nhiệm theo dõi, đôn đốc việc thực hiện Quyết định này."
  - noi_dung: "Quyết định này có hiệu lực kể từ ngày ký."
noi_nhan: ["Như Điều 3;", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lò Văn Pâng }}
"#
    )
}

/// A titled article ("Điều 2. Trách nhiệm thi hành") is a title: the probe's
/// quy chế left one at the foot of page 2 and its text on page 3. However
/// long the article before it, the title's page holds the first words of its
/// text.
#[test]
fn a_titled_article_never_stands_alone_at_the_foot_of_a_page() {
    let doc = prepare(&titled_article_after(1));
    assert!(
        doc.body.iter().any(|b| matches!(b, Block::Heading { keep_with_next: true, title, .. }
            if title.iter().map(|i| i.text.as_str()).collect::<String>() == "Điều 2. Trách nhiệm thi hành")),
        "{:#?}",
        doc.body
    );
    let dir = tempfile::tempdir().unwrap();
    let mut moved = 0;
    for k in 8..=24 {
        let out = common::render(&write(dir.path(), &format!("q{k}.yaml"), &titled_article_after(k)), &["--format", "pdf"]);
        let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
        let title = page_of(&pages, "Trách nhiệm thi hành");
        assert_eq!(page_of(&pages, "có trách nhiệm theo dõi"), title, "{k} khoản: the title apart from its text");
        // The title opened its page (its first line after the page number).
        let text = pages[title].text();
        let first = text.lines().find(|l| !l.trim().is_empty() && l.trim().parse::<u32>().is_err()).unwrap_or_default();
        moved += usize::from(title > 0 && first.contains("Điều 2"));
    }
    assert!(moved > 0, "the title never opened a page: the test proves nothing");
}

/// The review's table: the row above the total a page long. Kept with the
/// total as one unbreakable unit it ran past the page's foot and the total
/// was drawn over its text. Such a row breaks across pages as any row that
/// tall does, and the total follows it; every line of it is printed.
#[test]
fn a_row_of_a_page_above_the_total_is_not_kept_with_it() {
    let long = "Nội dung rất dài lặp lại nhiều lần để hàng này cao hơn một trang giấy. ".repeat(60);
    let yaml = costs(3).replace("Hạng mục 3 cuối", &format!("Hạng mục 3 cuối {long}"));
    let doc = prepare(&yaml);
    let table = doc.body.iter().find_map(|b| if let Block::Table(t) = b { Some(t) } else { None }).unwrap();
    assert!(table.rows[2].breakable, "the long row is not taller than a page: the case proves nothing");
    assert_eq!(table.tail_rows, None);
    let dir = tempfile::tempdir().unwrap();
    let out = common::render(&write(dir.path(), "dai.yaml", &yaml), &["--format", "pdf"]);
    let text: String = pdf_read::read(&std::fs::read(out.pdf()).unwrap()).iter().map(|p| p.text()).collect::<Vec<_>>().join(" ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(text.matches("trang giấy.").count(), 60, "lines of the long row are lost");
    assert!(text.contains("Tổng cộng"));
}

/// The second review's tờ trình: its body ends with a table whose last two
/// rows are each 0.6 of a page. Kept with "./." as one unbreakable unit they
/// ran past the page's foot and "./." was drawn over a row. Only as many
/// rows go with the signature as stand on a page together; nothing is
/// printed below the bottom margin.
#[test]
fn the_rows_kept_with_the_signature_stand_on_one_page_together() {
    let yaml = std::fs::read_to_string(common::repo().join("tests/fixtures/bang-cuoi-hai-dong-cao.yaml")).unwrap();
    let doc = prepare(&yaml);
    let Some(Block::Table(t)) = doc.body.last() else { panic!("the body ends with the table") };
    assert!(!t.rows[1].breakable && !t.rows[2].breakable && t.row_heights[1] + t.row_heights[2] > t.unit_limit, "the case proves nothing: {:?}", t.row_heights);
    assert_eq!(t.signature_rows, Some(1));
    let dir = tempfile::tempdir().unwrap();
    let out = common::render(&write(dir.path(), "cao.yaml", &yaml), &["--format", "pdf"]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let foot = doc.profile.margin.bottom as f64 * 72.0 / 25.4;
    for (n, page) in pages.iter().enumerate() {
        let lowest = page.words().iter().map(|w| w.bottom).fold(0.0, f64::max);
        assert!(lowest <= page.height - foot + 0.5, "page {}: text down to {lowest:.1} pt of {:.1}", n + 1, page.height);
    }
}

/// LibreOffice's print of `docx`, read back.
fn libreoffice_print(docx: &Path) -> Vec<pdf_read::PageContent> {
    let soffice = common::require_tool("soffice");
    let lo = tempfile::tempdir().unwrap();
    let installation = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    common::run_ok(&soffice, [std::ffi::OsString::from(installation), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), docx.into()]);
    pdf_read::read(&std::fs::read(lo.path().join(docx.with_extension("pdf").file_name().unwrap())).unwrap())
}

/// A thông báo whose signature block ends less than a point above the page's
/// foot in the PDF (the name "Lò Văn Piêng" is the last line of page 1).
fn signature_at_the_foot() -> String {
    let long = "Thực hiện Luật Tiếp công dân năm 2013 và Nghị định số 64/2014/NĐ-CP ngày 26/6/2014 của Chính phủ quy định chi tiết một số điều của Luật Tiếp công dân, Ủy ban nhân dân xã thông báo lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã như sau; đề nghị các bộ phận chuyên môn, Trưởng các bản và các tổ chức đoàn thể phối hợp tuyên truyền để nhân dân biết, thực hiện; trong quá trình thực hiện nếu có vướng mắc, phản ánh kịp thời về Văn phòng HĐND và UBND xã để tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân xã xem xét, giải quyết theo quy định.";
    let short = "Ủy ban nhân dân xã đề nghị Trưởng các bản tổ chức tuyên truyền sâu rộng đến từng hộ gia đình";
    let mid = format!("{short} về lịch tiếp công dân, niêm yết công khai tại nhà văn hóa bản, thông báo trên hệ thống loa truyền thanh");
    format!(
        r#"loai: thong_bao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ ĐIỆN BIÊN ĐÔNG"], viet_tat: UBND }}
so: 3
dia_danh: Điện Biên Đông
ngay: {{ ngay: 28, thang: 2, nam: 2028 }}
trich_yeu: ["Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã quý I năm 2028"]
noi_dung:
  - doan: "Đoạn 0: {short}."
  - doan: "Đoạn 1: {long}"
  - muc:
      tieu_de: "Nhiệm vụ 2"
      noi_dung:
        - doan: "{mid} ít nhất 02 lần/tuần trong tháng đầu của quý; các hộ gia đình có ý kiến gửi về bộ phận một cửa trước ngày 15 hằng tháng để tổng hợp."
  - doan: "Đoạn 3: {mid}."
  - doan: "Đoạn 4: {short}."
  - doan: "Ủy ban nhân dân xã thông báo để nhân dân biết, liên hệ."
noi_nhan: ["Các bản (niêm yết);", "Lưu: VT."]
nguoi_ky: {{ tl: CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG, ho_ten: Lò Văn Piêng }}
"#
    )
}

/// The DOCX must end with a paragraph after the signature table. It was a
/// 1 pt spacer: when the signature ended within that point of the page's
/// foot, LibreOffice (and Word) put it on a second page, blank but for its
/// number, which the PDF does not have. It now takes no room.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_signature_at_the_page_foot_leaves_no_blank_last_page_in_the_docx() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = write(dir.path(), "tb.yaml", &signature_at_the_foot());
    let out = common::render(&yaml, &[]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    assert_eq!(ours.len(), 1, "the PDF has {} pages", ours.len());
    let theirs = libreoffice_print(out.file("docx"));
    // Still the case this test is about: in LibreOffice's print the name's
    // baseline stands 3.2 pt above the bottom margin (20 mm), its descent
    // (3.0 pt) and the cell's foot fill that, and a 1 pt spacer did not fit.
    let foot = theirs[0].height - 20.0 * 72.0 / 25.4;
    let name = theirs[0].words().into_iter().filter(|w| w.text == "Piêng").map(|w| w.base).fold(f64::NAN, f64::max);
    assert!(foot - name < 3.6, "the name's baseline stands {:.2} pt above the foot: no longer the edge case", foot - name);
    assert_eq!(theirs.len(), 1, "LibreOffice prints the DOCX on {} pages", theirs.len());
}

/// How much lower LibreOffice prints the lines of `ours` on its page: the
/// median over the lines each page holds once, with the same text.
fn median_drift(ours: &pdf_read::PageContent, theirs: &pdf_read::PageContent) -> f64 {
    let once = |page: &pdf_read::PageContent| {
        let mut seen: std::collections::HashMap<String, Option<f64>> = std::collections::HashMap::new();
        for (base, text) in page.lines() {
            seen.entry(text).and_modify(|b| *b = None).or_insert(Some(base));
        }
        seen.into_iter().filter_map(|(text, base)| base.map(|b| (text, b))).collect::<std::collections::HashMap<_, _>>()
    };
    let theirs = once(theirs);
    let mut drift: Vec<f64> = once(ours).into_iter().filter_map(|(text, base)| theirs.get(&text).map(|b| b - base)).collect();
    assert!(drift.len() >= 10, "only {} lines in common", drift.len());
    drift.sort_by(f64::total_cmp);
    drift[drift.len() / 2]
}

/// Word and LibreOffice put a line's line gap (0.042 em) above its text, so
/// a first line under a page's top, the header table or a table stands that
/// much lower than in typst's own line boxes. The seed's PDF stood 0.7 pt
/// higher than LibreOffice's print of its DOCX on every page and 3.3 pt on
/// page 1, and a page the PDF filled to its foot broke a line or two
/// earlier in the DOCX (2 of 195 probe variants). Free text now takes the
/// line gap on top too, and the header's first row ends under its rules as
/// the DOCX's rule paragraphs do: the lines stand where LibreOffice prints
/// them, within a few tenths of a point.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn body_lines_stand_where_libreoffice_prints_them() {
    let out = common::render(&common::seed_yaml(), &[]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let theirs = libreoffice_print(out.file("docx"));
    assert_eq!(ours.len(), theirs.len(), "pages: PDF, LibreOffice");
    let first = median_drift(&ours[0], &theirs[0]);
    assert!(first.abs() <= 0.6, "page 1: LibreOffice prints the body {first:.2} pt lower than the PDF");
    // Pages 2 to 8: text only.
    for k in 1..8 {
        let drift = median_drift(&ours[k], &theirs[k]);
        assert!(drift.abs() <= 0.3, "page {}: LibreOffice prints the body {drift:.2} pt lower than the PDF", k + 1);
    }
}

/// The first words of each page of `yaml`'s PDF and of LibreOffice's print
/// of its DOCX.
fn pdf_and_libreoffice_page_starts(yaml: &Path) -> (Vec<String>, Vec<String>) {
    let out = common::render(yaml, &[]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    (page_starts(&ours), page_starts(&libreoffice_print(out.file("docx"))))
}

/// A phụ lục's "(Kèm theo …)" line stood 0.6 pt lower than LibreOffice
/// prints it (the line gap counted twice: once in its box, once as the title
/// block's spacing), and the page with it: a table that ends at the foot of
/// the phụ lục's page lost its last row and total to a page of their own in
/// the PDF, not in the DOCX (found by a review of the line-gap change).
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn an_appendix_table_ending_at_the_page_foot_breaks_alike() {
    let yaml = common::repo().join("tests/fixtures/phu-luc-bang-cuoi-trang.yaml");
    let (ours, theirs) = pdf_and_libreoffice_page_starts(&yaml);
    assert_eq!(ours.len(), 3, "PDF pages: {ours:?}");
    assert_eq!(ours, theirs, "page starts (PDF, LibreOffice)");
}

/// A section ended on an empty paragraph of its own. After a phụ lục (or a
/// quy chế) whose last paragraph ends at the page's foot, with its space
/// after, that paragraph opened a page of its own in LibreOffice's print,
/// blank but for its number. A section now ends on its last paragraph's mark,
/// as Word writes it; after a table, on a paragraph that takes no room.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_section_ending_at_the_page_foot_leaves_no_blank_page_in_the_docx() {
    let yaml = common::repo().join("tests/fixtures/phu-luc-het-trang.yaml");
    let (ours, theirs) = pdf_and_libreoffice_page_starts(&yaml);
    assert_eq!(ours.len(), 2, "PDF pages: {ours:?}");
    assert_eq!(ours, theirs, "page starts (PDF, LibreOffice)");
}

/// A single Kính gửi line under the trích yếu's rule stood 0.45 pt lower than
/// LibreOffice prints it (the rule's spacing and the line's own line gap both
/// above it), and page 1's body with it. Within 0.3 pt now, in a tờ trình.
#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_single_kinh_gui_line_stands_where_libreoffice_prints_it() {
    let out = common::render(&common::repo().join("content/mau/to-trinh.yaml"), &[]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let theirs = libreoffice_print(out.file("docx"));
    let kinh_gui = |page: &pdf_read::PageContent| {
        page.lines().into_iter().find(|(_, text)| text.starts_with("Kính gửi:")).map(|(base, _)| base).expect("a Kính gửi line on page 1")
    };
    let drift = kinh_gui(&theirs[0]) - kinh_gui(&ours[0]);
    assert!(drift.abs() <= 0.3, "LibreOffice prints Kính gửi {drift:.2} pt lower than the PDF");
    let body = median_drift(&ours[0], &theirs[0]);
    assert!(body.abs() <= 0.4, "LibreOffice prints page 1's body {body:.2} pt lower than the PDF");
}
