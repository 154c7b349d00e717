//! Header and title lines decided once, in resolve (src/resolve/lines.rs), and
//! drawn as decided by both renderers: a trích yếu or a part title wider than
//! the page in balanced lines (no word left alone on the last line), the same
//! lines in the PDF and in the DOCX; a document symbol ("06/QĐ-TTg") in a Kính
//! gửi line or a Nơi nhận item never split across lines.

mod common;

use std::io::Read;
use std::path::Path;

use common::pdf_read::{self, Word};
use vanban::layout::SizeProfile;
use vanban::measure::{text_width_pt, wrap};
use vanban::resolve::{Block, Document, Line};

const MM: f32 = 72.0 / 25.4;

/// As one line wider than the page (14 pt bold): plain wrapping leaves "2023"
/// alone on the second line.
const LONG_TITLE: &str = "Tình hình thực hiện nhiệm vụ phát triển KT-XH, QP-AN 6 tháng đầu năm 2023";

fn report(kinh_gui: &[String], noi_nhan: &[String]) -> String {
    let list = |items: &[String]| items.iter().map(|i| format!("  - \"{i}\"\n")).collect::<String>();
    format!(
        r#"
loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }}
so: 12
dia_danh: An Bình
ngay: {{ ngay: 5, thang: 7, nam: 2026 }}
trich_yeu: ["{LONG_TITLE}"]
kinh_gui:
{}kieu_phan: thu
noi_dung:
  - phan:
      tieu_de: "{LONG_TITLE}"
      noi_dung:
        - doan: "Các nhiệm vụ đã hoàn thành đúng tiến độ."
noi_nhan:
{}nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }}
"#,
        list(kinh_gui),
        list(noi_nhan)
    )
}

fn prepare(yaml: &str) -> Document {
    match vanban::prepare_str(Path::new("dong.yaml"), yaml, SizeProfile::P14) {
        Ok((doc, _)) => doc,
        Err(d) => panic!("{d:#?}"),
    }
}

/// The PDF (its pages, read back) and the DOCX's word/document.xml.
fn render(yaml: &str) -> (Vec<pdf_read::PageContent>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dong.yaml");
    std::fs::write(&path, yaml).unwrap();
    let r = common::render(&path, &[]);
    let pages = pdf_read::read(&std::fs::read(r.pdf()).unwrap());
    let mut zip = zip::ZipArchive::new(std::fs::File::open(r.file("docx")).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    (pages, xml)
}

/// Words grouped into lines (one baseline), top to bottom.
fn lines_of<'a>(words: impl IntoIterator<Item = &'a Word>) -> Vec<Vec<&'a Word>> {
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    for w in words {
        match lines.iter_mut().find(|l| (l[0].base - w.base).abs() < 0.6) {
            Some(l) => l.push(w),
            None => lines.push(vec![w]),
        }
    }
    lines.sort_by(|a, b| a[0].base.total_cmp(&b[0].base));
    for l in &mut lines {
        l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

fn line_text(words: &[&Word]) -> String {
    words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

fn texts(lines: &[Line]) -> Vec<String> {
    lines.iter().map(Line::text).collect()
}

/// The text of a DOCX paragraph (or of one of its line-broken pieces), as the
/// reader sees it: no-break spaces as spaces, Word's non-breaking hyphen "-".
fn docx_text(xml: &str) -> String {
    let mut text = String::new();
    let xml = xml.replace("<w:noBreakHyphen/>", "<w:t>-</w:t>");
    for part in xml.split("<w:t").skip(1) {
        let Some(start) = part.find('>') else { continue };
        let body = &part[start + 1..];
        text.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
    }
    text.replace('\u{a0}', " ")
}

/// The paragraphs of style `style` in the DOCX, each split at its line breaks.
fn docx_styled(xml: &str, style: &str) -> Vec<Vec<String>> {
    let mark = format!("<w:pStyle w:val=\"{style}\"/>");
    xml.split("</w:p>")
        .filter(|p| p.contains(&mark))
        .map(|p| p.split("<w:br ").map(docx_text).collect())
        .collect()
}

#[test]
fn a_long_trich_yeu_and_part_title_are_balanced_alike_in_the_pdf_and_the_docx() {
    let yaml = report(&["Ủy ban nhân dân huyện Hoằng Hóa".into()], &["Như trên;".into(), "Lưu: VT.".into()]);
    let doc = prepare(&yaml);
    let p = &doc.profile;
    let width = p.text_width() * MM;

    // Plain wrapping would leave a word alone; resolve's lines do not.
    let (greedy, _) = wrap(LONG_TITLE, p.size_summary, true, width);
    assert_eq!(&LONG_TITLE[greedy[0] + 1..], "2023", "the test's title no longer wraps badly");
    let summary = texts(&doc.header.summary);
    assert_eq!(summary.len(), 2, "{summary:?}");
    assert_eq!(summary.join(" "), LONG_TITLE);
    let widths: Vec<f32> = summary.iter().map(|l| text_width_pt(l, p.size_summary, true)).collect();
    assert!(widths.iter().all(|&w| w < 0.98 * width), "{widths:?}");
    assert!(widths[1] > 0.6 * widths[0] && widths[0] > 0.6 * widths[1], "not balanced: {summary:?} {widths:?}");
    let part = doc.body.iter().find_map(|b| match b { Block::Part { title, .. } => Some(texts(title)), _ => None }).unwrap();
    assert_eq!(part, summary, "the part title (same size, same text) breaks as the trích yếu");
    // The title rule: summary_rule_fraction of the wider line.
    let widest = widths.iter().copied().fold(0.0, f32::max);
    assert!((doc.header.title_rule - p.summary_rule_fraction * widest).abs() < 0.01, "{}", doc.header.title_rule);

    let (pages, xml) = render(&yaml);
    // PDF, page 1: the bold 14 pt lines between "BÁO CÁO" and the rule under them.
    let page = &pages[0];
    let words = page.words();
    let doc_type = words.iter().find(|w| w.text == "CÁO" && w.bold()).expect("BÁO CÁO");
    let rule = page
        .paths
        .iter()
        .filter(|r| r.top > doc_type.base && r.bottom - r.top < 2.0)
        .min_by(|a, b| a.top.total_cmp(&b.top))
        .expect("the rule under the trích yếu");
    let printed: Vec<String> = lines_of(words.iter().filter(|w| w.base > doc_type.base + 1.0 && w.base < rule.top))
        .iter()
        .map(|l| line_text(l))
        .collect();
    assert_eq!(printed, summary, "the PDF's trích yếu lines");
    let rule_width = (rule.x1 - rule.x0) as f32;
    assert!((rule_width - doc.header.title_rule).abs() < 0.5, "rule {rule_width} pt, resolve {}", doc.header.title_rule);
    // The part title: the lines under "Phần thứ nhất".
    let (page, label) = pages
        .iter()
        .find_map(|pg| {
            let ws = pg.words();
            let at = lines_of(&ws).iter().find(|l| line_text(l) == "Phần thứ nhất").map(|l| l[0].base);
            at.map(|b| (pg, b))
        })
        .expect("Phần thứ nhất");
    let ws = page.words();
    let below: Vec<String> = lines_of(ws.iter().filter(|w| w.base > label + 1.0)).iter().take(2).map(|l| line_text(l)).collect();
    assert_eq!(below, part, "the PDF's part title lines");

    // DOCX: one Summary paragraph per line, the part title's lines after its label.
    let docx_summary: Vec<String> = docx_styled(&xml, "Summary").into_iter().flatten().collect();
    assert_eq!(docx_summary, summary, "the DOCX's trích yếu lines");
    let heading = docx_styled(&xml, "Heading1");
    assert_eq!(heading.len(), 1, "{heading:?}");
    assert_eq!(heading[0][0], "Phần thứ nhất");
    assert_eq!(heading[0][1..], part[..], "the DOCX's part title lines");
}

/// Items "<lead> <filler words> 06/QĐ-TTg<end>" whose symbol would cross the
/// end of the first line of a column `width` pt wide (size `size`, upright):
/// "06/" still fits on it, "06/QĐ-TTg" does not, by the font's advance widths.
/// A line breaker that may break after "/" or "-" would split the symbol there.
fn straddling(lead: &str, end: &str, size: f32, width: f32) -> Vec<String> {
    const FILLER: &str = "các cơ quan, đơn vị, địa phương trong toàn huyện về việc triển khai thực hiện nghiêm túc, có hiệu quả đề án theo Quyết định số";
    let words: Vec<&str> = FILLER.split(' ').collect();
    let mut out = Vec::new();
    for n in 1..=words.len() {
        let prefix = format!("{lead} {}", words[..n].join(" "));
        let head = text_width_pt(&format!("{prefix} 06/"), size, false);
        let whole = text_width_pt(&format!("{prefix} 06/QĐ-TTg{end}"), size, false);
        if head < width - 3.0 && whole > width + 3.0 {
            out.push(format!("{} 06/QĐ-TTg{end}", &prefix[lead.len() + 1..]));
        }
    }
    assert!(!out.is_empty(), "no filler makes the symbol cross the line end at {width} pt");
    out
}

#[test]
fn a_symbol_in_kinh_gui_and_noi_nhan_is_never_split() {
    let p = SizeProfile::P14.load().unwrap();
    // One addressee: "Kính gửi: X." from addressee_indent to the text's right edge.
    let kinh_gui = straddling("Kính gửi:", ".", p.size_body, (p.text_width() - p.addressee_indent) * MM);
    let kinh_gui = vec![kinh_gui[0].clone()];
    // Nơi nhận items in the left column of the signature block.
    let mut noi_nhan = straddling("-", ";", p.size_recipients, p.signature_columns[0] * MM);
    noi_nhan.truncate(2);
    noi_nhan.push("Lưu: VT.".into());
    let yaml = report(&kinh_gui, &noi_nhan);
    let doc = prepare(&yaml);

    // Resolve marks the symbol in each line as a span that may not break.
    let marked = |l: &Line| l.0.iter().any(|i| i.unbreakable && i.text.contains("06/QĐ-TTg"));
    assert!(doc.header.addressees.iter().all(marked), "{:?}", doc.header.addressees);
    let with_symbol: Vec<&Line> = doc.recipients.items.iter().filter(|l| l.text().contains("06/")).collect();
    assert_eq!(with_symbol.len(), noi_nhan.len() - 1);
    assert!(with_symbol.iter().all(|l| marked(l)), "{:?}", doc.recipients.items);

    let (pages, xml) = render(&yaml);
    let words: Vec<Word> = pages.iter().flat_map(|pg| pg.words()).collect();
    // Never split after "/" or "-": the symbol is whole every time, and it
    // begins a line (it was pushed whole onto the next one).
    assert!(!words.iter().any(|w| w.text.ends_with("06/") || w.text.ends_with("06/QĐ-")), "a split symbol");
    let whole: Vec<&Word> = words.iter().filter(|w| w.text.starts_with("06/QĐ-TTg")).collect();
    assert_eq!(whole.len(), kinh_gui.len() + noi_nhan.len() - 1, "{:?}", words.iter().map(|w| &w.text).collect::<Vec<_>>());
    for w in whole {
        let line_start = words
            .iter()
            .filter(|o| (o.base - w.base).abs() < 0.6 && o.x1 <= w.x0 && w.x0 - o.x1 < 0.5 * w.size)
            .count();
        assert_eq!(line_start, 0, "\"{}\" at {:.1} does not begin its line", w.text, w.x0);
    }

    // The DOCX: the same spans, kept by Word's non-breaking hyphen.
    let joined = r#"06/QĐ</w:t><w:noBreakHyphen/><w:t xml:space="preserve">TTg"#;
    for style in ["Addressee", "Recipient"] {
        let paragraphs: Vec<&str> =
            xml.split("</w:p>").filter(|p| p.contains(&format!("<w:pStyle w:val=\"{style}\"/>")) && p.contains("06/")).collect();
        assert!(!paragraphs.is_empty(), "no {style} paragraph with the symbol");
        assert!(paragraphs.iter().all(|p| p.contains(joined)), "{style}: a symbol without word joiners");
    }
}

/// A V/v that fits its column in six lines only by splitting "kiên | cố hóa":
/// it takes a seventh rather than break a word in two (a review found the
/// split; a Vietnamese reader sees it as a typo).
#[test]
fn a_v_v_takes_one_more_line_rather_than_split_a_word() {
    const SUBJECT: &str = "Đề nghị bổ sung kinh phí thực hiện chính sách hỗ trợ sửa chữa nhà ở cho hộ nghèo, hộ có hoàn cảnh khó khăn bị thiệt hại do bão số 5 năm 2026 và kiên cố hóa kênh mương nội đồng";
    let yaml = format!(
        r#"
loai: cong_van
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ HÒA PHÚ"], viet_tat: UBND }}
don_vi_soan_thao: KT
dia_danh: Hòa Phú
ngay: {{ ngay: 16, thang: 11, nam: 2026 }}
trich_yeu: "{SUBJECT}"
kinh_gui: "Ủy ban nhân dân tỉnh Thanh Hóa"
noi_dung:
  - doan: "Ủy ban nhân dân xã Hòa Phú kính đề nghị Ủy ban nhân dân tỉnh xem xét, giải quyết."
noi_nhan: ["Như trên;", "Lưu: VT, KT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }}
"#
    );
    let doc = prepare(&yaml);
    let lines = texts(&doc.header.summary_under_number);
    assert_eq!(lines.join(" "), format!("V/v {SUBJECT}"));
    for word in ["kiên cố hóa", "hoàn cảnh", "khó khăn", "thiệt hại", "kênh mương", "nội đồng", "chính sách"] {
        assert!(lines.iter().any(|l| l.contains(word)), "\"{word}\" split: {lines:?}");
    }
    assert_eq!(lines.len(), 7, "{lines:?}");
}

/// A công văn whose "V/v …" is too long for the left header column: resolve
/// breaks it into balanced lines of that column, the symbol whole, and the PDF
/// and the DOCX print exactly those lines under the số.
#[test]
fn a_long_v_v_is_balanced_under_the_number_alike_in_the_pdf_and_the_docx() {
    const SUBJECT: &str = "Triển khai thực hiện Quyết định số 06/QĐ-TTg về phát triển ứng dụng dữ liệu dân cư, định danh và xác thực điện tử";
    let yaml = format!(
        r#"
loai: cong_van
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }}
don_vi_soan_thao: VP
so: 215
dia_danh: An Bình
ngay: {{ ngay: 14, thang: 9, nam: 2026 }}
trich_yeu: ["{SUBJECT}"]
kinh_gui: ["Ủy ban nhân dân huyện Hoằng Hóa"]
noi_dung:
  - doan: "Ủy ban nhân dân xã An Bình báo cáo như sau."
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }}
"#
    );
    let doc = prepare(&yaml);
    let p = &doc.profile;
    let lines = texts(&doc.header.summary_under_number);
    assert!(lines.len() >= 3, "{lines:?}");
    assert_eq!(lines.join(" "), format!("V/v {SUBJECT}"));
    let column = p.header_columns[0] * MM;
    let widths: Vec<f32> = lines.iter().map(|l| text_width_pt(l, p.size_summary_under_number, false)).collect();
    assert!(widths.iter().all(|&w| w < 0.98 * column), "{widths:?} in {column}");
    assert!(lines.iter().any(|l| l.contains("06/QĐ-TTg")), "{lines:?}");
    // Balanced: the last line is not much shorter than the others.
    assert!(widths[widths.len() - 1] > 0.5 * widths[0], "{lines:?} {widths:?}");

    let (pages, xml) = render(&yaml);
    let words = pages[0].words();
    let number = words.iter().find(|w| w.text == "Số:").expect("Số:");
    let label = words.iter().find(|w| w.text == "Kính").expect("Kính gửi");
    let left_edge = p.margin.left * MM;
    let printed: Vec<String> = lines_of(
        words
            .iter()
            .filter(|w| w.base > number.base + 1.0 && w.base < label.base - 1.0 && w.x1 <= f64::from(left_edge + column) + 0.5),
    )
    .iter()
    .map(|l| line_text(l))
    .collect();
    assert_eq!(printed, lines, "the PDF's V/v lines");
    let docx: Vec<String> = docx_styled(&xml, "SummaryUnderNumber").into_iter().flatten().collect();
    assert_eq!(docx, lines, "the DOCX's V/v lines");
}

/// PL I §II.9: one recipient stands on the line of "Kính gửi:"; where it
/// wraps, the probe's công văn went on under "Kính gửi", away from the
/// recipient. Its later lines start under the recipient's first word, in the
/// PDF and (a hanging indent) in the DOCX.
#[test]
fn a_single_recipient_that_wraps_goes_on_under_itself() {
    let one = "Ủy ban nhân dân huyện Điện Biên Đông, Phòng Nông nghiệp và Môi trường huyện Điện Biên Đông".to_owned();
    let yaml = report(&[one], &["Lưu: VT.".to_owned()]);
    let doc = prepare(&yaml);
    let p = &doc.profile;
    assert!((doc.header.addressee_hang - text_width_pt("Kính gửi: ", p.size_body, false)).abs() < 1e-3);

    let (pages, xml) = render(&yaml);
    let words = pages[0].words();
    let lines = lines_of(words.iter().filter(|w| w.size > 13.5 && w.size < 14.5));
    let at = lines.iter().position(|l| line_text(l).starts_with("Kính gửi:")).expect("the Kính gửi line");
    let (first, next) = (&lines[at], &lines[at + 1]);
    assert!(line_text(next).contains("Điện Biên Đông."), "the recipient in one line? {:?}", line_text(next));
    let recipient_x = first[2].x0;
    assert!((next[0].x0 - recipient_x).abs() < 1.0, "second line at {:.1} pt, the recipient at {:.1} pt", next[0].x0, recipient_x);

    let twips = |x: f32| (x * 20.0).round() as i64;
    let left = twips(p.addressee_indent * MM) + twips(doc.header.addressee_hang);
    let addressee = xml.split("</w:p>").find(|s| s.contains("<w:pStyle w:val=\"Addressee\"/>")).expect("the Addressee paragraph");
    let hang = twips(doc.header.addressee_hang);
    assert!(
        (left - 1..=left + 1).any(|l| addressee.contains(&format!("w:left=\"{l}\""))) && addressee.contains(&format!("w:hanging=\"{hang}\"")),
        "no hanging indent of {hang} twips from {left}: {addressee}"
    );
    // Several recipients keep their list: no hanging indent.
    let doc = prepare(&report(&["A".into(), "B".into()], &["Lưu: VT.".into()]));
    assert_eq!(doc.header.addressee_hang, 0.0);
}

/// A signer's title wider than the signature column is broken at a phrase
/// ("PHÓ CHỦ TỊCH THƯỜNG TRỰC" / "ỦY BAN NHÂN DÂN XÃ"), decided in resolve as
/// for a biên bản's signers, not word by word by each renderer ("… ỦY" /
/// "BAN NHÂN DÂN XÃ", as the probe found), and printed as decided.
#[test]
fn a_long_signer_title_breaks_between_phrases() {
    let yaml = report(&["Ủy ban nhân dân huyện".to_owned()], &["Lưu: VT.".to_owned()])
        .replace("nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH,", "nguoi_ky: { kt: CHỦ TỊCH, chuc_vu: PHÓ CHỦ TỊCH THƯỜNG TRỰC ỦY BAN NHÂN DÂN XÃ,");
    let doc = prepare(&yaml);
    assert_eq!(texts(&doc.signature.authority), ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "ỦY BAN NHÂN DÂN XÃ"]);
    let (pages, xml) = render(&yaml);
    let words = pages.last().unwrap().words();
    let lines = lines_of(words.iter().filter(|w| w.bold()));
    for title in ["PHÓ CHỦ TỊCH THƯỜNG TRỰC", "ỦY BAN NHÂN DÂN XÃ"] {
        assert!(lines.iter().any(|l| line_text(l).ends_with(title) && line_text(l).len() - title.len() < 2), "{title:?} is not a line of its own: {:?}", lines.iter().map(|l| line_text(l)).collect::<Vec<_>>());
    }
    // The DOCX: one paragraph a line, as decided.
    let docx: Vec<String> = docx_styled(&xml, "SignerAuthority").into_iter().flatten().collect();
    assert_eq!(docx, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "ỦY BAN NHÂN DÂN XÃ"]);
}
