//! Every NĐ 30 document type a commune office issues (Phụ lục III), from the
//! examples in content/mau/: each page measured as a clerk would check it
//! against its model (Mẫu 1.1–1.9): what is printed where, in which style, in
//! what order; the DOCX saying the same; `vanban new --loai`; the signature
//! fields of a biên bản's two signers. The broken inputs of each type are in
//! tests/bad (EXPECT.tsv, "document types").

mod common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use common::pdf_read::{self, PageContent, Word};

const TYPES: [&str; 12] = [
    "bao-cao",
    "cong-van",
    "quyet-dinh",
    "quyet-dinh-ban-hanh",
    "to-trinh",
    "ke-hoach",
    "thong-bao",
    "nghi-quyet",
    "bien-ban",
    "bien-ban-ban-giao",
    "giay-moi",
    "giay-gioi-thieu",
];

/// The examples rendered once (PDF and DOCX, 14-pt profile) in one batch call.
struct Outputs {
    dir: tempfile::TempDir,
}

impl Outputs {
    fn pdf(&self, name: &str) -> Vec<PageContent> {
        pdf_read::read(&std::fs::read(self.dir.path().join(format!("{name}.pdf"))).unwrap())
    }
    fn docx_text(&self, name: &str) -> String {
        docx_paragraphs(&self.dir.path().join(format!("{name}.docx"))).join("\n")
    }
}

static OUT: LazyLock<Outputs> = LazyLock::new(|| {
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<PathBuf> = vec!["render".into(), "-o".into(), dir.path().into()];
    args.extend(TYPES.iter().map(|t| example(t)));
    let o = common::vanban(&args);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{stderr}");
    // The examples are clean: no warning at all.
    assert!(!stderr.contains("cảnh báo") && !stderr.contains("warning"), "{stderr}");
    Outputs { dir }
});

fn example(name: &str) -> PathBuf {
    common::repo().join("content/mau").join(format!("{name}.yaml"))
}

/// The paragraphs of a DOCX's body, each as its text.
fn docx_paragraphs(path: &Path) -> Vec<String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    // Word's non-breaking hyphen reads as "-" (python-docx reads it so).
    let xml = xml.replace("<w:noBreakHyphen/>", "<w:t>-</w:t>");
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            for part in p.split("<w:t").skip(1) {
                let Some(start) = part.find('>') else { continue };
                let body = &part[start + 1..];
                text.push_str(&body[..body.find("</w:t>").unwrap_or(0)]);
            }
            text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
        })
        .filter(|t| !t.trim().is_empty())
        .collect()
}

/// The words of a page that make up `phrase` (consecutive words on one line).
fn find<'a>(words: &'a [Word], phrase: &str) -> Option<&'a [Word]> {
    let parts: Vec<&str> = phrase.split(' ').collect();
    (0..words.len()).find_map(|i| {
        let run = words.get(i..i + parts.len())?;
        let same_line = run.iter().all(|w| (w.base - run[0].base).abs() < 0.6);
        (same_line && run.iter().zip(&parts).all(|(w, p)| w.text == *p)).then_some(run)
    })
}

fn must<'a>(words: &'a [Word], phrase: &str) -> &'a [Word] {
    find(words, phrase).unwrap_or_else(|| {
        panic!("\"{phrase}\" is not on the page; it reads:\n{}", words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "))
    })
}

fn centre(run: &[Word]) -> f64 {
    (run[0].x0 + run[run.len() - 1].x1) / 2.0
}

const MM: f64 = 72.0 / 25.4;
/// The profile's page: 210 mm wide, margins left 30, right 15.
const TEXT_LEFT: f64 = 30.0 * MM;
const TEXT_RIGHT: f64 = (210.0 - 15.0) * MM;
const TEXT_CENTRE: f64 = (TEXT_LEFT + TEXT_RIGHT) / 2.0;
/// The first-page header's left column (64 mm).
const LEFT_COLUMN_RIGHT: f64 = TEXT_LEFT + 64.0 * MM;

fn all_words(pages: &[PageContent]) -> Vec<Word> {
    pages.iter().flat_map(|p| p.words()).collect()
}

/// The pages' text as one line (a phrase wrapped at a line end reads on).
fn text_of(pages: &[PageContent]) -> String {
    pages.iter().map(|p| p.text()).collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pages' text line by line.
fn lines_of(pages: &[PageContent]) -> Vec<String> {
    pages.iter().flat_map(|p| p.text().lines().map(str::to_owned).collect::<Vec<_>>()).collect()
}

/// `needles` appear in this order in `hay`.
fn in_order(hay: &str, needles: &[&str]) {
    let mut from = 0;
    for n in needles {
        match hay[from..].find(n) {
            Some(i) => from += i + n.len(),
            None => panic!("\"{n}\" missing or out of order after byte {from} in:\n{hay}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Công văn (Mẫu 1.5)
// ---------------------------------------------------------------------------

#[test]
fn cong_van_prints_v_v_under_the_number_and_no_type_name() {
    let pages = OUT.pdf("cong-van");
    let words = pages[0].words();
    let number = must(&words, "Số: 215/UBND-VP");
    // "V/v …" in the left column, under the số, upright, smaller than the body.
    let vv = must(&words, "V/v Đề nghị hỗ trợ kinh phí sửa chữa");
    assert!(vv[0].base > number[0].base + 10.0, "V/v must be under the số");
    assert!(vv.iter().all(|w| w.x1 <= LEFT_COLUMN_RIGHT + 0.5 && w.x0 >= TEXT_LEFT - 0.5), "V/v stays in the left column");
    assert!((centre(vv) - centre(number)).abs() < 2.0, "V/v is centred under the số: {} vs {}", centre(vv), centre(number));
    assert!(vv.iter().all(|w| !w.bold() && !w.italic() && (w.size - 12.0).abs() < 0.1), "V/v: 12 pt upright: {:?}", vv[0]);
    let second = must(&words, "kênh mương nội đồng sau mưa lũ");
    assert!(second[0].base > vv[0].base && (centre(second) - centre(number)).abs() < 2.0);
    // No rule under the V/v lines: the only short rules of the left column are
    // the issuer's (above the số).
    let rules_under = pages[0].paths.iter().filter(|p| p.top > number[0].base && p.bottom < second[0].base + 20.0 && p.x1 <= LEFT_COLUMN_RIGHT).count();
    assert_eq!(rules_under, 0, "a công văn draws no rule under V/v");
    // No tên loại: nothing bold between the header and "Kính gửi:".
    let kinh_gui = must(&words, "Kính gửi:");
    let bold_between: Vec<&Word> = words.iter().filter(|w| w.bold() && w.base > number[0].base + 1.0 && w.base < kinh_gui[0].base).collect();
    assert!(bold_between.is_empty(), "no tên loại or bold trích yếu in a công văn: {bold_between:?}");
    // "Kính gửi:" 3.5 cm from the text's left edge (Mẫu 1.5); the recipients'
    // dashes aligned with each other, right after the label.
    assert!((kinh_gui[0].x0 - (TEXT_LEFT + 35.0 * MM)).abs() < 1.0, "Kính gửi at {}", kinh_gui[0].x0);
    let dashes: Vec<&Word> = words.iter().filter(|w| w.text == "-" && w.base > kinh_gui[0].base - 1.0 && w.base < kinh_gui[0].base + 40.0).collect();
    assert_eq!(dashes.len(), 2, "{dashes:?}");
    assert!((dashes[0].x0 - dashes[1].x0).abs() < 0.5 && dashes[0].x0 > kinh_gui[1].x1 && dashes[0].x0 - kinh_gui[1].x1 < 14.0, "{dashes:?}");
    // Two recipients or more: "Kính gửi:" alone on its line (PL I §II.9.b),
    // the first recipient a single line's pitch under it.
    let on_label_line = words.iter().filter(|w| (w.base - kinh_gui[0].base).abs() < 0.6).count();
    assert_eq!(on_label_line, 2, "only \"Kính gửi:\" on its line");
    let pitch = dashes[0].base - kinh_gui[0].base;
    assert!((pitch - 1.149 * 14.0).abs() < 0.2 && (dashes[1].base - dashes[0].base - pitch).abs() < 0.2, "single spacing: {pitch}");
    // Several recipients: "Kính gửi:" then the "- …;" lines, the last ending ".".
    let text = text_of(&pages);
    in_order(&text, &["Kính gửi:", "- Ủy ban nhân dân tỉnh Thanh Hóa;", "- Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa.", "Ngày 08 và 09"]);
    in_order(&text, &["Nơi nhận:", "- Như trên;", "- Lưu: VT, KT."]);
    // The numbers of the body, as written.
    assert!(text.contains("1.284.671.000 đồng"), "{text}");
    // Ô 13: the address block at the foot of page 1, 11 pt, under a rule as
    // wide as the text, set as Word sets a footer: its last line ends 10 mm
    // above the page's edge (the DOCX's footer distance).
    let address = must(&words, "Địa chỉ: thôn Phú");
    assert!(address.iter().all(|w| (w.size - 11.0).abs() < 0.1), "{:?}", address[0]);
    let last = must(&words, "ubndanbinh@thanhhoa.gov.vn");
    assert!((last[0].base + ADDRESS_DESCENT - (pages[0].height - ADDRESS_FOOT)).abs() < 0.5, "the address ends at {}", last[0].base);
    let rule = address_rule(&pages[0], address[0].base);
    assert!((rule.x0 - TEXT_LEFT).abs() < 1.0 && (rule.x1 - TEXT_RIGHT).abs() < 1.0, "the rule spans the text: {rule:?}");
    let signer = must(&words, "Lê Văn Thành");
    assert!(signer[0].base < rule.top, "the signature stays above the address block");
    // The DOCX: page 1's footer, 10 mm from the edge.
    let footer = docx_part("cong-van", "word/footer1.xml");
    assert!(footer.contains("Địa chỉ: thôn Phú Xuân") && footer.contains("w:top"), "{footer}");
    let document = document_xml("cong-van");
    assert!(document.contains(r#"<w:footerReference w:type="first""#));
    assert!(document.contains(r#"w:footer="567""#), "footer distance 10 mm");
    // The DOCX's Kính gửi: the label's table row holds no recipient.
    let label_row = document.split("<w:tr").find(|r| r.contains(">Kính gửi:<")).expect("Kính gửi in a table row");
    assert!(!label_row.contains("Thanh Hóa"), "a recipient on the label's line: {label_row}");
    assert!(document.split("<w:tr").any(|r| r.contains("Ủy ban nhân dân tỉnh Thanh Hóa;") && r.contains("Sở Nông nghiệp")), "the recipients share the next row");
}

/// Ô 13's last line ends this far above the page's edge (Word's footer distance).
const ADDRESS_FOOT: f64 = 10.0 * MM;
/// From an 11 pt line's baseline to its bottom edge (0.216 em).
const ADDRESS_DESCENT: f64 = 0.216 * 11.0;

/// The rule over an address block whose first line sits at `first_base`.
fn address_rule(page: &PageContent, first_base: f64) -> &pdf_read::PathBox {
    page.paths
        .iter()
        .filter(|p| p.bottom < first_base && p.top > first_base - 20.0 && p.x1 - p.x0 > 100.0)
        .last()
        .expect("a rule over the address")
}

fn docx_part(name: &str, part: &str) -> String {
    let file = std::fs::File::open(OUT.dir.path().join(format!("{name}.docx"))).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name(part).expect("the part").read_to_string(&mut xml).unwrap();
    xml
}

/// A longer address rises above the bottom margin: it still ends 10 mm above
/// the edge, on the page, and page 1's text ends above it, as Word pushes a
/// body up under a tall footer (LibreOffice prints the same page breaks).
#[test]
fn a_long_address_grows_upwards_and_page_one_ends_above_it() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = std::fs::read_to_string(example("cong-van")).unwrap();
    let long = "dia_chi: \"Địa chỉ: Khu phố Hiệp Thương, thị trấn Định Quán, huyện Định Quán, tỉnh Đồng Nai; ĐT: 0251.3853.123; \
Fax: 0251.3853.124; E-mail: pyt.dinhquan@dongnai.gov.vn; Cổng thông tin điện tử: https://dinhquan.dongnai.gov.vn/phong-y-te\"";
    let line = yaml.lines().find(|l| l.starts_with("dia_chi:")).expect("the example has an address");
    // Body enough to fill page 1.
    let more = "  - doan: \"Ủy ban nhân dân xã An Bình cam kết sử dụng kinh phí đúng mục đích, công khai, minh bạch, có sự giám sát của Ban Thanh tra nhân dân và nhân dân trong xã; báo cáo kết quả thực hiện về Ủy ban nhân dân tỉnh.\"\n";
    let yaml = yaml.replace(line, long).replacen("noi_dung:\n", &format!("noi_dung:\n{}", more.repeat(6)), 1);
    let file = dir.path().join("cv-dia-chi-dai.yaml");
    std::fs::write(&file, yaml).unwrap();
    let o = common::vanban(&["render".as_ref(), file.as_os_str(), "-o".as_ref(), dir.path().as_os_str(), "--format".as_ref(), "pdf".as_ref()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pages = pdf_read::read(&std::fs::read(dir.path().join("cv-dia-chi-dai.pdf")).unwrap());
    assert!(pages.len() > 1, "page 1 is full");
    let words = pages[0].words();
    let first = must(&words, "Địa chỉ: Khu phố");
    let last = must(&words, "https://dinhquan.dongnai.gov.vn/phong-y-te");
    assert!(last[0].base - first[0].base > 20.0, "three lines");
    assert!((last[0].base + ADDRESS_DESCENT - (pages[0].height - ADDRESS_FOOT)).abs() < 0.5, "the address ends at {}", last[0].base);
    let rule = address_rule(&pages[0], first[0].base);
    assert!(rule.top < pages[0].height - 20.0 * MM, "the block rises above the 20 mm margin");
    let body_last = words.iter().filter(|w| w.size > 12.0).map(|w| w.base).fold(0.0, f64::max);
    assert!(body_last + 4.0 < rule.top, "page 1's text ({body_last}) ends above the rule ({})", rule.top);
}

// ---------------------------------------------------------------------------
// Quyết định (Mẫu 1.2), nghị quyết (Mẫu 1.1)
// ---------------------------------------------------------------------------

#[test]
fn quyet_dinh_has_authority_can_cu_decision_word_and_numbered_articles() {
    let pages = OUT.pdf("quyet-dinh");
    let words = all_words(&pages);
    let page1 = pages[0].words();
    let heading = must(&page1, "QUYẾT ĐỊNH");
    let authority = must(&page1, "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH");
    assert!(authority[0].base > heading[0].base, "the authority line comes under the tên loại and trích yếu");
    assert!(authority.iter().all(Word::bold), "the authority line is bold");
    assert!((centre(authority) - TEXT_CENTRE).abs() < 1.5, "the authority line is centred: {} vs {TEXT_CENTRE}", centre(authority));
    // Căn cứ: italic, each on its own line start, after the authority.
    let can_cu = must(&page1, "Căn cứ Luật Tổ chức chính quyền địa phương");
    assert!(can_cu.iter().all(Word::italic) && can_cu[0].base > authority[0].base);
    let proposal = must(&page1, "Theo đề nghị của Chánh Văn phòng");
    assert!(proposal.iter().all(Word::italic));
    // "QUYẾT ĐỊNH:" bold, centred, after the last căn cứ and before Điều 1.
    let decide = must(&page1, "QUYẾT ĐỊNH:");
    assert!(decide.iter().all(Word::bold) && decide[0].base > proposal[0].base);
    assert!((centre(decide) - TEXT_CENTRE).abs() < 1.5);
    // Articles numbered by vanban: "Điều 1." bold, its text regular on the same line.
    let article1 = must(&page1, "Điều 1. Thành lập");
    assert!(article1[0].bold() && article1[1].bold() && !article1[2].bold(), "{article1:?}");
    assert!(article1[0].base > decide[0].base);
    let text = text_of(&pages);
    in_order(&text, &["Điều 1.", "1. Ông Lê Văn Thành", "4. Bà Phạm Thu Trang", "Điều 2.", "1. Tham mưu", "a) Số hóa", "b) Hướng dẫn", "c) Duy trì", "2. Định kỳ", "Điều 3.", "Điều 4.", "thi hành Quyết định này./."]);
    assert!(!text.contains("Điều 5."));
    // Every article label "Điều N." is bold ("tại Điều 1" in running text is not a label).
    let labels: Vec<&[Word]> = words.windows(2).filter(|w| w[0].text == "Điều" && w[1].text.ends_with('.') && w[1].text.trim_end_matches('.').parse::<u32>().is_ok()).collect();
    assert_eq!(labels.len(), 4, "four article labels");
    for l in labels {
        assert!(l[0].bold() && l[1].bold(), "\"Điều N.\" is bold: {l:?}");
    }
    // A chairman's decision: signed "CHỦ TỊCH" without "TM.".
    in_order(&text, &["Nơi nhận:", "CHỦ TỊCH", "- Như Điều 4;", "Nguyễn Văn Hùng"]);
    assert!(!text.contains("TM."), "{text}");
}

/// A decision that issues a Quy chế (Mẫu 1.3): the Quy chế follows the
/// signature on a page of its own, numbered from 1 again, under the issuer and
/// the Quốc hiệu without Số and date.
#[test]
fn quyet_dinh_carries_the_text_it_issues_on_pages_of_its_own() {
    let pages = OUT.pdf("quyet-dinh-ban-hanh");
    assert_eq!(pages.len(), 2, "the decision, then the Quy chế");
    let decision = text_of(&pages[..1]);
    in_order(&decision, &["Điều 1. Ban hành kèm theo Quyết định này Quy chế", "Điều 3.", "CHỦ TỊCH", "Nguyễn Văn Hùng"]);
    let words = pages[1].words();
    // No page number on the attachment's first page (it is its page 1).
    let top = 20.0 * MM;
    assert!(words.iter().all(|w| w.base > top), "a number in the top margin: {:?}", words.iter().find(|w| w.base <= top));
    // Its header: the issuer and the Quốc hiệu; no Số, no date.
    let text = text_of(&pages[1..]);
    assert!(text.starts_with("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
    assert!(!text.contains("Số:") && !text.contains("An Bình, ngày"), "{text}");
    let heading = must(&words, "QUY CHẾ");
    assert!(heading.iter().all(Word::bold) && (centre(heading) - TEXT_CENTRE).abs() < 1.5);
    // "(Kèm theo …)": italic, centred, broken before the date, which stays whole.
    let reference = must(&words, "(Kèm theo Quyết định số 351/QĐ-UBND");
    let date = must(&words, "ngày 09 tháng 10 năm 2026 của Chủ tịch Ủy ban nhân dân xã An Bình)");
    assert!(reference.iter().chain(date).all(Word::italic) && !reference[0].bold());
    assert!(date[0].base > reference[0].base && (centre(date) - TEXT_CENTRE).abs() < 1.5);
    // Chapters, and articles numbered on through them; every label bold.
    in_order(&text, &["Chương I", "QUY ĐỊNH CHUNG", "Điều 1. Phạm vi điều chỉnh", "Điều 2. Nguyên tắc làm việc", "Chương II", "NHIỆM VỤ VÀ CHẾ ĐỘ LÀM VIỆC", "Điều 3. Nhiệm vụ của thành viên", "a) Hướng dẫn", "Điều 4. Chế độ họp"]);
    let chapter = must(&words, "Chương II");
    assert!(chapter.iter().all(Word::bold) && (centre(chapter) - TEXT_CENTRE).abs() < 1.5);
    assert!(must(&words, "Điều 3. Nhiệm vụ của thành viên").iter().all(Word::bold), "a titled article: the whole line bold");
    // The DOCX: the attachment is its own section, numbered from 1, its
    // first page without a number.
    let xml = document_xml("quyet-dinh-ban-hanh");
    let last_section = &xml[xml.rfind("<w:sectPr").unwrap()..];
    assert!(last_section.contains("<w:pgNumType w:start=\"1\"") && last_section.contains("<w:titlePg"), "{last_section}");
    assert_eq!(xml.matches("<w:sectPr").count(), 2, "two sections: the decision, the Quy chế");
}

#[test]
fn nghi_quyet_has_two_authority_lines_and_quyet_nghi() {
    let pages = OUT.pdf("nghi-quyet");
    let page1 = pages[0].words();
    must(&page1, "Số: 45/NQ-HĐND");
    let council = must(&page1, "HỘI ĐỒNG NHÂN DÂN XÃ AN BÌNH");
    let session = must(&page1, "KHÓA I, KỲ HỌP THỨ 6");
    assert!(session[0].base > council[0].base && session.iter().all(Word::bold));
    assert!((centre(session) - TEXT_CENTRE).abs() < 1.5);
    let text = text_of(&pages);
    in_order(&text, &["NGHỊ QUYẾT", "Về dự toán thu, chi ngân sách xã năm 2027", "KHÓA I, KỲ HỌP THỨ 6", "Căn cứ Luật", "QUYẾT NGHỊ:", "Điều 1.", "a) Chi đầu tư", "Điều 2.", "Nghị quyết này đã được", "năm 2027./.", "CHỦ TỊCH", "Đỗ Minh Quang"]);
}

// ---------------------------------------------------------------------------
// Biên bản (Mẫu 1.9)
// ---------------------------------------------------------------------------

#[test]
fn bien_ban_has_no_date_line_and_two_signers_side_by_side() {
    let pages = OUT.pdf("bien-ban");
    let page1 = pages[0].words();
    let number = must(&page1, "Số: 31/BB-UBND");
    // No place/date line (ô 4): nothing italic in the header row of the số.
    assert!(!page1.iter().any(|w| w.italic() && (w.base - number[0].base).abs() < 3.0), "a biên bản has no date line in its header");
    let text = text_of(&pages);
    assert!(!text.contains("An Bình, ngày"), "{text}");
    in_order(&text, &[
        "BIÊN BẢN",
        "Họp Ban Chỉ đạo phòng, chống thiên tai",
        "Thời gian bắt đầu: 08 giờ 00 phút",
        "Địa điểm: Hội trường",
        "Thành phần tham dự:",
        "- Ông Nguyễn Văn Hùng",
        "Chủ trì (chủ tọa): Ông Nguyễn Văn Hùng",
        "Thư ký (người ghi biên bản): Bà Nguyễn Thị Hạnh",
        "Nội dung:",
        "I. Đánh giá thiệt hại",
        "Cuộc họp kết thúc vào 10 giờ 30 phút",
        "trước cuộc họp./.",
    ]);
    // The date line, when asked for (`in_dia_danh_ngay: true`), where every
    // other type has it.
    let yaml = std::fs::read_to_string(example("bien-ban")).unwrap().replace("# in_dia_danh_ngay: true", "in_dia_danh_ngay: true");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bb.yaml"), yaml).unwrap();
    let out = common::render(&dir.path().join("bb.yaml"), &["--format", "pdf"]);
    let dated = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let words = dated[0].words();
    let date = must(&words, "An Bình, ngày 12 tháng 11 năm 2026");
    assert!(date.iter().all(Word::italic) && (date[0].base - must(&words, "Số: 31/BB-UBND")[0].base).abs() < 0.6);
    // The two signers: titles level, names level, the secretary left of the chair.
    let last = pages.last().unwrap().words();
    let (secretary, chair) = (must(&last, "THƯ KÝ"), must(&last, "CHỦ TỌA"));
    assert!((secretary[0].base - chair[0].base).abs() < 0.6, "the two titles are on one line");
    assert!(secretary[0].x1 < chair[0].x0 && secretary.iter().chain(chair).all(Word::bold));
    let (left_name, right_name) = (must(&last, "Nguyễn Thị Hạnh"), must(&last, "Nguyễn Văn Hùng"));
    let names: Vec<&Word> = last.iter().filter(|w| w.base > chair[0].base).collect();
    assert!(!names.is_empty());
    assert!((left_name[0].base - right_name[0].base).abs() < 0.6, "the two names are on one line");
    assert!(left_name[0].base - secretary[0].base > 25.0 * MM, "room for the signature between title and name");
    assert!((centre(right_name) - centre(chair)).abs() < 2.0 && (centre(left_name) - centre(secretary)).abs() < 2.0);
    // Nơi nhận under the signers, in the left column.
    let recipients = must(&last, "Nơi nhận:");
    assert!(recipients[0].base > left_name[0].base && recipients[0].x0 < centre(secretary));
    in_order(&text_of(&pages[pages.len() - 1..]), &["THƯ KÝ", "Nguyễn Thị Hạnh", "Nơi nhận:", "- Thành viên Ban Chỉ đạo;", "- Lưu: VT, Hồ sơ."]);
}

/// A biên bản bàn giao: no chủ trì, no thư ký, no closing time; thành phần by
/// side ("Đại diện bên giao:" then its "- " lines); three signers in three
/// equal columns, their titles and names level; Nơi nhận under them on the
/// left, a group's "+ " members set in under its "- …:" line.
#[test]
fn a_hand_over_has_three_signers_in_three_columns_and_grouped_lists() {
    let pages = OUT.pdf("bien-ban-ban-giao");
    let text = text_of(&pages);
    assert!(!text.contains("Chủ trì") && !text.contains("Thư ký") && !text.contains("Cuộc họp"), "{text}");
    in_order(&text, &[
        "BIÊN BẢN",
        "Thời gian bắt đầu: 14 giờ 00 phút",
        "Thành phần tham dự:",
        "Đại diện bên giao:",
        "- Ông Trần Văn Minh",
        "Đại diện bên nhận:",
        "- Bà Phạm Thị Lan",
        "- Ông Đỗ Văn Tài",
        "Người chứng kiến:",
        "- Ông Lê Văn Thành",
        "Nội dung:",
    ]);
    // The group's lead is plain, a line of its own, at the paragraph's indent;
    // its members are "- " lines under it.
    let words = all_words(&pages);
    let lead = must(&words, "Đại diện bên giao:");
    assert!(lead.iter().all(|w| !w.bold() && !w.italic()), "the lead line is plain");
    let member = must(&words, "- Ông Trần Văn Minh,");
    assert!(member[0].base > lead[0].base + 10.0, "the member is on the line under its side");

    let last = pages.last().unwrap().words();
    let titles = [must(&last, "ĐẠI DIỆN BÊN GIAO"), must(&last, "ĐẠI DIỆN BÊN NHẬN"), must(&last, "NGƯỜI CHỨNG KIẾN")];
    let names = [must(&last, "Trần Văn Minh"), must(&last, "Phạm Thị Lan"), must(&last, "Lê Văn Thành")];
    // Level: the three titles on one line, the three names on one line, the
    // room for the signatures between.
    for k in 1..3 {
        assert!((titles[k][0].base - titles[0][0].base).abs() < 0.6, "title {k} is not level with the first");
        assert!((names[k][0].base - names[0][0].base).abs() < 0.6, "name {k} is not level with the first");
    }
    assert!(names[0][0].base - titles[0][0].base > 25.0 * MM, "room for the signatures between title and name");
    assert!(titles.iter().chain(&names).all(|r| r.iter().all(Word::bold)));
    // Three equal columns of 55 mm across the text: each signer centred in
    // its own, left to right in the order written.
    for (k, (t, n)) in titles.iter().zip(&names).enumerate() {
        let column_centre = TEXT_LEFT + (55.0 * k as f64 + 27.5) * MM;
        assert!((centre(t) - column_centre).abs() < 2.0, "title {k} at {} not in column {k} ({column_centre})", centre(t));
        assert!((centre(n) - column_centre).abs() < 2.0, "name {k} at {} not in column {k} ({column_centre})", centre(n));
    }
    // Nơi nhận under the signers, on the left; the group's "+" lines set in
    // by the profile's 5 mm under their "- …:" line.
    let label = must(&last, "Nơi nhận:");
    assert!(label[0].base > names[0][0].base && (label[0].x0 - TEXT_LEFT).abs() < 1.0);
    let group = must(&last, "- Các công chức:");
    let plain = must(&last, "- Chủ tịch, các Phó");
    let subs = [must(&last, "+ Địa chính - Xây dựng;"), must(&last, "+ Văn phòng - Thống kê;"), must(&last, "+ Tài chính - Kế toán;")];
    assert!((group[0].x0 - plain[0].x0).abs() < 0.5, "the group's line starts as the other items");
    let mut above = group[0].base;
    for sub in subs {
        assert!(((sub[0].x0 - group[0].x0) - 5.0 * MM).abs() < 0.5, "a \"+\" line is set in 5 mm: {} vs {}", sub[0].x0, group[0].x0);
        assert!(sub[0].base > above, "the \"+\" lines follow their group in order");
        above = sub[0].base;
    }
    assert!(must(&last, "- Lưu: VT, Hồ sơ.")[0].base > above);
    // As wide as Nơi nhận beside one signer (70 mm), not the first signer's
    // 55 mm column: this item fits on one line and is not wrapped.
    let item = must(&last, "- Chủ tịch, các Phó Chủ tịch UBND xã;");
    assert!(item.iter().all(|w| (w.base - item[0].base).abs() < 0.6), "\"- Chủ tịch, các Phó Chủ tịch UBND xã;\" is wrapped");
    assert!(item.last().unwrap().x1 > TEXT_LEFT + 55.0 * MM, "the item reaches past the first column");
    // The DOCX: one table row holds the three titles, each in a column of
    // 55 mm (3118 twips); the "+" paragraphs carry the first-line indent (5 mm
    // = 283 twips), the "- " ones none.
    let xml = document_xml("bien-ban-ban-giao");
    let row = xml.split("<w:tr>").chain(xml.split("<w:tr ")).find(|r| r.contains("ĐẠI DIỆN BÊN GIAO")).expect("a row with the first title");
    let row = &row[..row.find("</w:tr>").unwrap()];
    assert!(row.contains("ĐẠI DIỆN BÊN NHẬN") && row.contains("NGƯỜI CHỨNG KIẾN"), "the three titles share a table row");
    assert_eq!(row.matches("<w:tcW w:w=\"3118\"").count(), 3, "{row}");
    let paragraph_of = |text: &str| -> String {
        let at = xml.find(text).unwrap_or_else(|| panic!("{text} is not in the DOCX"));
        let start = xml[..at].rfind("<w:p>").into_iter().chain(xml[..at].rfind("<w:p ")).max().unwrap();
        xml[start..at].to_owned()
    };
    // (A run ends at "+ Văn ": "phòng - Thống" is kept on one line.)
    assert!(paragraph_of(">+ Văn ").contains("w:firstLine=\"283\""), "{}", paragraph_of(">+ Văn "));
    assert!(!paragraph_of(">- Các ").contains("w:firstLine=\"283\""), "{}", paragraph_of(">- Các "));
    // Nơi nhận spans the table, held to 70 mm by a right indent of 95 mm
    // (165 − 70: 5386 twips, less a twip of the columns' rounding).
    for text in [">Nơi nhận:<", ">- Các ", ">+ Văn "] {
        let p = paragraph_of(text);
        assert!(p.contains("w:right=\"5385\"") || p.contains("w:right=\"5386\""), "{text}: {p}");
    }
    let paragraphs = docx_paragraphs(&OUT.dir.path().join("bien-ban-ban-giao.docx"));
    for part in ["Đại diện bên giao:", "- Ông Trần Văn Minh, công chức", "- Các công chức:", "+ Tài chính"] {
        assert!(paragraphs.iter().any(|p| p == part || p.starts_with(part)), "the DOCX has no paragraph \"{part}\"");
    }
}

/// Four signers: two rows of two, the names of each row level, the second
/// row under the first.
#[test]
fn four_signers_stand_in_two_rows_of_two() {
    let yaml = std::fs::read_to_string(example("bien-ban-ban-giao")).unwrap() + "  - chuc_vu: ĐẠI DIỆN THÔN ĐÔNG HẢI\n    ho_ten: Nguyễn Văn Cường\n";
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bb.yaml"), yaml).unwrap();
    let out = common::render(&dir.path().join("bb.yaml"), &["--format", "pdf"]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let words = all_words(&pages);
    let names = [must(&words, "Trần Văn Minh"), must(&words, "Phạm Thị Lan"), must(&words, "Lê Văn Thành"), must(&words, "Nguyễn Văn Cường")];
    assert!((names[0][0].base - names[1][0].base).abs() < 0.6 && (names[2][0].base - names[3][0].base).abs() < 0.6, "each row's names are level");
    assert!(names[2][0].base - names[0][0].base > 30.0 * MM, "the second row stands under the first");
    for (k, n) in names.iter().enumerate() {
        let column_centre = TEXT_LEFT + (if k % 2 == 0 { 41.25 } else { 123.75 }) * MM;
        assert!((centre(n) - column_centre).abs() < 2.0, "name {k} at {} not centred at {column_centre}", centre(n));
    }
}

/// A biên bản whose Nơi nhận is taller than a page (70 recipients): Nơi nhận
/// flows on and nothing is lost, but the two signers (titles, room, names)
/// never split, and the last paragraph goes with them; LibreOffice's print of
/// the DOCX breaks its pages at the same lines.
fn long_bien_ban() -> (tempfile::TempDir, PathBuf) {
    let items: String = (1..=70).map(|i| format!("  - \"Thành viên số {i} của Ban Chỉ đạo phòng, chống thiên tai;\"\n")).collect();
    let yaml = std::fs::read_to_string(example("bien-ban")).unwrap().replace("noi_nhan:\n  - \"Thành viên Ban Chỉ đạo;\"\n", &format!("noi_nhan:\n{items}"));
    assert!(yaml.contains("Thành viên số 70"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bb.yaml");
    std::fs::write(&path, yaml).unwrap();
    (dir, path)
}

#[test]
fn a_bien_ban_with_a_long_noi_nhan_keeps_its_two_signers_whole() {
    let (_dir, path) = long_bien_ban();
    let out = common::render(&path, &["--format", "pdf"]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let on = |word: &str| pages.iter().position(|p| p.text().contains(word)).unwrap_or_else(|| panic!("{word} is missing"));
    let titles = on("THƯ KÝ");
    assert_eq!(titles, on("CHỦ TỌA"));
    assert!(pages[titles].text().contains("Nguyễn Thị Hạnh Nguyễn Văn Hùng"), "the names are on the page of the titles");
    assert_eq!(titles, on("Nơi nhận:"), "Nơi nhận starts under the signers");
    assert!(pages.len() > titles + 1, "Nơi nhận flows onto further pages");
    let text = text_of(&pages);
    for i in [1, 35, 70] {
        assert!(text.contains(&format!("- Thành viên số {i} của Ban Chỉ đạo")), "recipient {i} lost");
    }
    assert!(text.ends_with("- Lưu: VT, Hồ sơ."), "{}", &text[text.len() - 80..]);
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn a_long_bien_ban_breaks_its_pages_alike_in_the_docx() {
    let soffice = common::require_tool("soffice");
    let (_dir, path) = long_bien_ban();
    let out = common::render(&path, &[]);
    let lo = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    common::run_ok(&soffice, [std::ffi::OsString::from(profile), "--headless".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into(), out.file("docx").into()]);
    let ours = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let theirs = pdf_read::read(&std::fs::read(lo.path().join("bb.pdf")).unwrap());
    assert_eq!(ours.len(), theirs.len());
    // Page 2 starts where our rules put it: the signers (and the last
    // paragraph's place) are decided alike. Further pages of the flowing list
    // may differ by a line (Word splits a two-line item where typst moves it).
    let first = |p: &PageContent| p.text().lines().nth(1).unwrap_or_default().to_owned();
    assert_eq!(first(&ours[1]), first(&theirs[1]), "page 2 starts elsewhere");
    let signers_page = |pages: &[PageContent]| pages.iter().position(|p| p.text().contains("THƯ KÝ"));
    assert_eq!(signers_page(&ours), signers_page(&theirs));
}

// ---------------------------------------------------------------------------
// Giấy mời (Mẫu 1.7), giấy giới thiệu (Mẫu 1.8)
// ---------------------------------------------------------------------------

#[test]
fn giay_moi_says_who_is_invited_to_what_when_and_where() {
    let pages = OUT.pdf("giay-moi");
    let text = text_of(&pages);
    in_order(&text, &[
        "GIẤY MỜI",
        "Hội nghị tổng kết công tác năm 2026",
        // The body's name in running text, derived from co_quan.ten.
        "Ủy ban nhân dân xã An Bình trân trọng kính mời: Đồng chí Bí thư Chi bộ",
        "Tới dự Hội nghị tổng kết",
        "Chủ trì: Ông Nguyễn Văn Hùng",
        "Thời gian: 01 buổi, bắt đầu từ 07 giờ 30 phút, thứ Tư",
        "Địa điểm: Hội trường",
        "0237.3861.234)./.",
        "Nơi nhận:",
        "- Như thành phần mời;",
    ]);
    assert!(!text.contains("Kính gửi"), "a giấy mời invites in its first sentence, not with Kính gửi");
}

#[test]
fn giay_gioi_thieu_has_its_rule_under_the_type_name_and_fixed_recipients() {
    let pages = OUT.pdf("giay-gioi-thieu");
    assert_eq!(pages.len(), 1);
    let words = pages[0].words();
    let heading = must(&words, "GIẤY GIỚI THIỆU");
    // The short rule directly under the tên loại, centred, shorter than it.
    let rule = pages[0]
        .paths
        .iter()
        .find(|p| p.top > heading[0].base && p.top < heading[0].base + 12.0)
        .unwrap_or_else(|| panic!("no rule under the tên loại: {:?}", pages[0].paths));
    let width = rule.x1 - rule.x0;
    let heading_width = heading[heading.len() - 1].x1 - heading[0].x0;
    assert!(width > heading_width / 4.0 && width < heading_width, "rule {width} under a heading {heading_width} wide");
    assert!(((rule.x0 + rule.x1) / 2.0 - centre(heading)).abs() < 1.5);
    // The opening line, centred, regular; then the person and the errand.
    let opening = must(&words, "Ủy ban nhân dân xã An Bình trân trọng giới thiệu:");
    assert!((centre(opening) - TEXT_CENTRE).abs() < 1.5 && !opening[0].bold());
    assert!(opening[0].base - rule.bottom < 40.0, "no trích yếu between the rule and the body");
    let text = text_of(&pages);
    in_order(&text, &[
        "Ông Trần Quốc Bảo",
        "Chức vụ: Công chức Văn phòng - Thống kê",
        "Được cử đến: Sở Nông nghiệp và Môi trường",
        "Về việc: Nộp hồ sơ",
        "Đề nghị Quý cơ quan tạo điều kiện để ông có tên ở trên hoàn thành nhiệm vụ.",
        "Giấy này có giá trị đến hết ngày 30 tháng 11 năm 2026./.",
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
    ]);
}

// ---------------------------------------------------------------------------
// Tờ trình, kế hoạch, thông báo (Mẫu 1.4)
// ---------------------------------------------------------------------------

#[test]
fn to_trinh_ke_hoach_and_thong_bao_keep_the_bao_cao_page() {
    let pages = OUT.pdf("to-trinh");
    let words = pages[0].words();
    let single = must(&words, "Kính gửi: Hội đồng nhân dân xã An Bình.");
    assert!((single[0].x0 - (TEXT_LEFT + 35.0 * MM)).abs() < 1.0, "one recipient, on the label's line, 3.5 cm in: {}", single[0].x0);
    let text = text_of(&pages);
    in_order(&text, &["Số: 96/TTr-UBND", "TỜ TRÌNH", "Kính gửi: Hội đồng nhân dân xã An Bình.", "I. DỰ TOÁN THU", "Nơi nhận:", "- Như trên;"]);

    // A kế hoạch with a yearly-plan table: the ratios computed by vanban.
    let pages = OUT.pdf("ke-hoach");
    let text = text_of(&pages);
    in_order(&text, &["Số: 188/KH-UBND", "KẾ HOẠCH", "Phát triển kinh tế - xã hội năm 2027", "I. MỤC ĐÍCH, YÊU CẦU"]);
    assert!(!text.contains("Kính gửi"));
    // 4.265,5 / 4.200 × 100 = 101,56; 4.300 / 4.265,5 × 100 = 100,81 (the
    // row's name wraps in its cell; its numbers share the first line).
    let lines = lines_of(&pages);
    let row = lines.iter().find(|l| l.contains("4.265,5")).unwrap_or_else(|| panic!("{text}"));
    assert_eq!(row, "1 Tấn 4.200 4.265,5 101,56 4.300 100,81");

    let text = text_of(&OUT.pdf("thong-bao"));
    in_order(&text, &["Số: 74/TB-UBND", "THÔNG BÁO", "1. Đánh giá chung:", "TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Nguyễn Thị Hạnh"]);
}

// ---------------------------------------------------------------------------
// The DOCX says the same
// ---------------------------------------------------------------------------

#[test]
fn every_types_docx_holds_its_own_parts() {
    let expect: BTreeMap<&str, &[&str]> = BTreeMap::from([
        ("cong-van", &["Số: 215/UBND-VP", "V/v Đề nghị hỗ trợ kinh phí sửa chữa", "Kính gửi:", "- Như trên;"][..]),
        ("quyet-dinh", &["QUYẾT ĐỊNH", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ AN BÌNH", "QUYẾT ĐỊNH:", "Điều 1. Thành lập", "a) Số hóa", "Điều 4. Chánh Văn phòng"][..]),
        ("nghi-quyet", &["KHÓA I, KỲ HỌP THỨ 6", "QUYẾT NGHỊ:", "Điều 2. Giao"][..]),
        ("bien-ban", &["Thời gian bắt đầu: 08 giờ", "Thư ký (người ghi biên bản):", "THƯ KÝ", "CHỦ TỌA"][..]),
        ("giay-moi", &["Ủy ban nhân dân xã An Bình trân trọng kính mời: Đồng chí", "Địa điểm: Hội trường"][..]),
        ("giay-gioi-thieu", &["GIẤY GIỚI THIỆU", "Ủy ban nhân dân xã An Bình trân trọng giới thiệu:", "Giấy này có giá trị đến hết ngày 30 tháng 11 năm 2026./."][..]),
    ]);
    for (name, parts) in expect {
        let paragraphs = docx_paragraphs(&OUT.dir.path().join(format!("{name}.docx")));
        for part in parts {
            assert!(paragraphs.iter().any(|p| p.starts_with(part) || p == part), "{name}.docx has no paragraph starting \"{part}\":\n{}", paragraphs.join("\n"));
        }
    }
    // A công văn has no tên loại paragraph, a biên bản no date line.
    assert!(!OUT.docx_text("cong-van").contains("CÔNG VĂN"));
    assert!(!OUT.docx_text("bien-ban").contains("An Bình, ngày"));
    // A biên bản's signers: one table row holding both titles.
    let xml = document_xml("bien-ban");
    let row = xml.split("<w:tr").find(|r| r.contains("THƯ KÝ")).expect("a row with THƯ KÝ");
    assert!(row.contains("CHỦ TỌA"), "THƯ KÝ and CHỦ TỌA share a table row");
}

fn document_xml(name: &str) -> String {
    let file = std::fs::File::open(OUT.dir.path().join(format!("{name}.docx"))).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// LibreOffice's pages of each type's DOCX: as many as the PDF's, every line
/// it prints within a few points of where the PDF has it, and every DOCX
/// passes the strict schema validator.
#[test]
#[ignore = "needs LibreOffice (soffice) and openxml-audit; .ci/run runs it"]
fn office_suite_pages_match_and_the_docx_is_valid_for_every_type() {
    let soffice = common::require_tool("soffice");
    let audit = common::require_tool("openxml-audit");
    let lo = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", lo.path().join("profile").display());
    let mut args: Vec<std::ffi::OsString> = vec![profile.into(), "--headless".into(), "--norestore".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.path().into()];
    args.extend(TYPES.iter().map(|t| OUT.dir.path().join(format!("{t}.docx")).into_os_string()));
    common::run_ok(&soffice, &args);
    for t in TYPES {
        let ours = OUT.pdf(t);
        let theirs = pdf_read::read(&std::fs::read(lo.path().join(format!("{t}.pdf"))).unwrap());
        assert_eq!(ours.len(), theirs.len(), "{t}: the PDF has {} pages, LibreOffice's print of the DOCX {}", ours.len(), theirs.len());
        for (page, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert_lines_agree(t, page + 1, &a.lines(), &b.lines());
        }
        let docx = OUT.dir.path().join(format!("{t}.docx"));
        let o = std::process::Command::new(&audit).args(["--format", "microsoft365", "--policy", "strict", "--max-errors", "0", "--output", "json"]).arg(&docx).output().unwrap();
        let report = String::from_utf8_lossy(&o.stdout);
        let json: serde_json::Value = serde_json::from_str(&report).unwrap_or_else(|e| panic!("{t}: openxml-audit gave no JSON ({e}):\n{report}"));
        let result = &json[0];
        assert_eq!(result["error_count"].as_u64(), Some(0), "{t}.docx: {:#}", result["errors"]);
        assert_eq!(result["valid"].as_bool(), Some(true), "{t}.docx: {report}");
        assert!(o.status.success(), "{t}.docx: openxml-audit exited {}", o.status);
    }
}

/// The lines of one page that both prints have once each (matched on their
/// first 25 characters, so that a line broken a word apart elsewhere is not
/// compared) stand at the same height within 5 pt: the DOCX's spacing says
/// what the template's does. LibreOffice sets the page ~2 pt higher overall.
fn assert_lines_agree(t: &str, page: usize, ours: &[(f64, String)], theirs: &[(f64, String)]) {
    let key = |s: &str| s.chars().take(25).collect::<String>();
    let once = |lines: &[(f64, String)], k: &str| {
        let found: Vec<f64> = lines.iter().filter(|(_, s)| key(s) == k).map(|(b, _)| *b).collect();
        if found.len() == 1 { Some(found[0]) } else { None }
    };
    let mut compared = 0;
    for (_, line) in ours.iter().filter(|(_, s)| s.chars().count() >= 12) {
        let k = key(line);
        if let (Some(a), Some(b)) = (once(ours, &k), once(theirs, &k)) {
            compared += 1;
            assert!((a - b).abs() < 5.0, "{t}, page {page}: \"{k}…\" at {a:.1} pt in the PDF, {b:.1} pt in LibreOffice's print of the DOCX");
        }
    }
    assert!(compared >= 3, "{t}, page {page}: only {compared} lines to compare");
}

// ---------------------------------------------------------------------------
// Every type through the rest of the tool
// ---------------------------------------------------------------------------

#[test]
fn every_type_renders_in_the_13_pt_profile_with_its_body_at_13_pt() {
    let dir = tempfile::tempdir().unwrap();
    let mut args: Vec<PathBuf> = vec!["render".into(), "--profile".into(), "13".into(), "--format".into(), "pdf".into(), "-o".into(), dir.path().into()];
    args.extend(TYPES.iter().map(|t| example(t)));
    let o = common::vanban(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for t in TYPES {
        let pages = pdf_read::read(&std::fs::read(dir.path().join(format!("{t}.pdf"))).unwrap());
        // The document's own pages: a phụ lục of tables is mostly table text.
        let pages: Vec<PageContent> = pages.into_iter().take_while(|p| !p.text().trim_start().starts_with("Phụ lục")).collect();
        let words = all_words(&pages);
        // The most common size of the page's words is the body's.
        let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
        for w in &words {
            *sizes.entry((w.size * 10.0).round() as i64).or_default() += w.text.chars().count();
        }
        let body = sizes.iter().max_by_key(|(_, n)| **n).map(|(s, _)| *s).unwrap();
        assert_eq!(body, 130, "{t}: the body is set at {} pt", body as f64 / 10.0);
    }
}

/// Every type's PDF is the archive's PDF: PDF/A-2, tagged, in Vietnamese, its
/// title the tên loại and trích yếu (a công văn's: its "V/v …"), its author
/// the issuing body; fonts embedded.
#[test]
fn every_types_pdf_is_archival_with_its_own_title() {
    let titles: BTreeMap<&str, &str> = BTreeMap::from([
        ("cong-van", "V/v Đề nghị hỗ trợ kinh phí sửa chữa kênh mương nội đồng sau mưa lũ"),
        ("quyet-dinh", "QUYẾT ĐỊNH Về việc thành lập Tổ công tác chuyển đổi số xã An Bình năm 2026"),
        ("bien-ban", "BIÊN BẢN Họp Ban Chỉ đạo phòng, chống thiên tai và tìm kiếm cứu nạn xã An Bình"),
        ("giay-gioi-thieu", "GIẤY GIỚI THIỆU"),
    ]);
    for t in TYPES {
        let bytes = std::fs::read(OUT.dir.path().join(format!("{t}.pdf"))).unwrap();
        let info = pdf_read::info(&bytes);
        let xmp = info.xmp.clone().unwrap_or_default();
        assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "{t}: not PDF/A-2: {xmp}");
        assert!(info.marked, "{t}: not tagged");
        assert_eq!(pdf_read::catalog_lang(&bytes).as_deref(), Some("vi-VN"), "{t}");
        assert!(info.author.as_deref().is_some_and(|a| a.contains("XÃ AN BÌNH")), "{t}: {:?}", info.author);
        if let Some(want) = titles.get(t) {
            assert_eq!(info.title.as_deref(), Some(*want), "{t}");
        }
        let pages = pdf_read::read(&bytes);
        assert!(pages.iter().flat_map(|p| &p.glyphs).all(|g| g.embedded), "{t}: a glyph from a font not embedded");
    }
}

#[test]
fn new_scaffolds_each_type_from_its_example() {
    let tmp = tempfile::tempdir().unwrap();
    for (loai, file) in [("cong_van", "cong-van.yaml"), ("bien_ban", "bien-ban.yaml"), ("giay_gioi_thieu", "giay-gioi-thieu.yaml"), ("bao_cao", "bao-cao.yaml")] {
        let dir = tmp.path().join(loai);
        let o = common::vanban([std::ffi::OsStr::new("new"), dir.as_os_str(), "--loai".as_ref(), loai.as_ref()]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let yaml = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(yaml.contains(&format!("loai: {loai}")), "{file}: {yaml}");
        // Its schema is beside it, and it checks clean.
        assert!(yaml.contains("$schema=vanban.schema.json") && dir.join("vanban.schema.json").exists());
        let check = common::vanban([std::ffi::OsStr::new("--lang"), "en".as_ref(), "check".as_ref(), dir.join(file).as_os_str()]);
        let stderr = String::from_utf8_lossy(&check.stderr);
        assert!(check.status.success() && !stderr.contains("warning"), "{file}: {stderr}");
    }
    // An unknown type is refused with the list of types.
    let o = common::vanban([std::ffi::OsStr::new("new"), tmp.path().join("x").as_os_str(), "--loai".as_ref(), "cong-van".as_ref()]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cong_van"));
}

/// A biên bản's two signers each get a field (signing order: thư ký, chủ tọa,
/// then the body's seal over the chủ tọa's signature).
#[test]
fn bien_ban_signature_fields_are_the_two_signers_then_the_seal() {
    let out = common::render(&example("bien-ban"), &["--format", "pdf", "--signature-fields"]);
    let sidecar: serde_json::Value = serde_json::from_slice(&std::fs::read(out.file("json")).unwrap()).unwrap();
    let order: Vec<&str> = sidecar["signing_order"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    assert_eq!(order, ["ThuKy", "ChuToa", "CoQuan"]);
    let fields = sidecar["fields"].as_array().unwrap();
    let rect = |i: usize| -> Vec<f64> { fields[i]["rect"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect() };
    let (secretary, chair, seal) = (rect(0), rect(1), rect(2));
    assert!(secretary[2] < chair[0], "the secretary's field is left of the chair's: {secretary:?} {chair:?}");
    assert!((secretary[1] - chair[1]).abs() < 0.5, "level: {secretary:?} {chair:?}");
    assert!(seal[2] > chair[0] && seal[0] < chair[0], "the seal covers the left of the chair's signature: {seal:?} {chair:?}");
    assert_eq!(fields[0]["signer"]["name"], "Nguyễn Thị Hạnh");
    assert_eq!(fields[1]["signer"]["name"], "Nguyễn Văn Hùng");
}

/// A giấy mời's meeting time against the calendar: a weekday that does not
/// match the date, and a meeting fewer than 03 working days after the
/// invitation, are warned about at `thoi_gian`; the example is clean.
#[test]
fn a_giay_moi_meeting_date_is_checked_against_its_weekday_and_the_notice() {
    let example = std::fs::read_to_string("content/mau/giay-moi.yaml").unwrap();
    let warnings = |yaml: &str| -> Vec<vanban::check::Diagnostic> {
        match vanban::prepare_str(Path::new("giay-moi.yaml"), yaml, vanban::layout::SizeProfile::P14) {
            Ok((_, d)) => d.into_iter().filter(|d| d.kind == vanban::diag::Kind::BadDate).collect(),
            Err(d) => panic!("{d:#?}"),
        }
    };
    assert!(warnings(&example).is_empty(), "{:#?}", warnings(&example));
    let line = example.lines().position(|l| l.starts_with("thoi_gian:")).unwrap() as u64 + 1;
    // Issued Tuesday 1/12/2026; Thursday 3/12 is two working days later, and
    // it is not a Wednesday.
    let early = example.replace("thứ Tư, ngày 09 tháng 12 năm 2026", "thứ Tư, ngày 03 tháng 12 năm 2026");
    assert_ne!(early, example, "the example's thoi_gian changed");
    let w = warnings(&early);
    let text: Vec<String> = w.iter().map(|d| d.render(vanban::check::Lang::Vi)).collect();
    assert_eq!(w.len(), 2, "{text:#?}");
    assert!(w.iter().all(|d| d.line == line && d.severity == vanban::diag::Severity::Warning), "{text:#?}");
    assert!(text[0].contains("ngày 03/12/2026 là thứ Năm, không phải thứ Tư"), "{text:#?}");
    assert!(text[1].contains("chỉ 2 ngày làm việc"), "{text:#?}");
    // Before the invitation's own date.
    let before = example.replace("thứ Tư, ngày 09 tháng 12 năm 2026", "thứ Hai, ngày 30/11/2026");
    let text: Vec<String> = warnings(&before).iter().map(|d| d.render(vanban::check::Lang::Vi)).collect();
    assert_eq!(text.len(), 1, "{text:#?}");
    assert!(text[0].contains("trước ngày ban hành"), "{text:#?}");
}

/// The dates and times a giấy giới thiệu, a biên bản and a giấy mời print in
/// their own fields: a day the calendar lacks, a time the clock lacks, a
/// weekday that does not exist, and a date that contradicts the document's own
/// (valid until before issue; minutes dated before their meeting, with the
/// date printed) each stop `check` with exit 1 and an error at the field's
/// line and column that says what to write. Each broken copy is the example
/// with a line or two changed.
#[test]
fn dates_and_times_printed_in_a_field_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bb_time = "thoi_gian: \"08 giờ 00 phút, ngày 12 tháng 11 năm 2026\"";
    let bb_next_year = "thoi_gian: \"08 giờ 00 phút, ngày 12 tháng 11 năm 2027\"";
    let printed = ("# in_dia_danh_ngay: true", "in_dia_danh_ngay: true #");
    let ggt_until = "gia_tri_den: \"30 tháng 11 năm 2026\"";
    #[allow(clippy::type_complexity)]
    let cases: [(&str, &[(&str, &str)], &str, Option<&str>); 8] = [
        ("giay-gioi-thieu", &[(ggt_until, "gia_tri_den: \"30 tháng 02 năm 2027\"")], "gia_tri_den", Some("không có ngày 30/02/2027: tháng 2 năm 2027 chỉ có 28 ngày")),
        ("giay-gioi-thieu", &[(ggt_until, "gia_tri_den: \"31/04/2027\"")], "gia_tri_den", Some("tháng 4 năm 2027 chỉ có 30 ngày")),
        ("giay-gioi-thieu", &[(ggt_until, "gia_tri_den: \"30 tháng 11 năm 2025\"")], "gia_tri_den", Some("30/11/2025, trước khi ban hành (ngày 16/11/2026)")),
        ("bien-ban", &[(bb_time, "thoi_gian: \"08 giờ 00 phút, ngày 31 tháng 11 năm 2026\"")], "thoi_gian", Some("tháng 11 năm 2026 chỉ có 30 ngày")),
        ("bien-ban", &[(bb_time, bb_next_year), printed], "thoi_gian", Some("12/11/2027 (`thoi_gian`), sau ngày của chính biên bản")),
        // The same, the date not printed (Mẫu 1.9 has no date line): a warning.
        ("bien-ban", &[(bb_time, bb_next_year)], "thoi_gian", None),
        ("giay-moi", &[("thứ Tư, ngày 09 tháng 12 năm 2026", "thứ Tám, ngày 09 tháng 12 năm 2026")], "thoi_gian", Some("\"thứ Tám\"")),
        ("giay-moi", &[("07 giờ 30 phút, thứ Tư", "25 giờ 70 phút, thứ Tư")], "thoi_gian", Some("\"25 giờ 70 phút\": giờ chỉ từ 0 đến 23 và phút từ 00 đến 59")),
    ];
    for (i, (name, edits, key, error)) in cases.iter().enumerate() {
        let example = std::fs::read_to_string(example(name)).unwrap();
        let mut broken = example.clone();
        for (good, bad) in *edits {
            assert!(broken.contains(good), "{name}: the example no longer has {good}");
            broken = broken.replacen(good, bad, 1);
        }
        let (line, text) = broken.lines().enumerate().find(|(_, l)| l.starts_with(&format!("{key}:"))).unwrap();
        let (line, column) = (line + 1, key.len() + 3);
        assert!(text[column - 1..].starts_with('"'), "{text}");
        let path = dir.path().join(format!("{i}-{name}.yaml"));
        std::fs::write(&path, &broken).unwrap();
        let o = common::vanban([std::ffi::OsStr::new("check"), path.as_os_str()]);
        let stderr = String::from_utf8_lossy(&o.stderr);
        let label = if error.is_some() { "lỗi" } else { "cảnh báo" };
        let at = format!("{}:{line}:{column}: {label}: ", path.display());
        let said: Vec<&str> = stderr.lines().filter(|l| l.starts_with(&at)).collect();
        assert_eq!(said.len(), 1, "{edits:?}: one {label} at {line}:{column}: {stderr}");
        assert_eq!(o.status.code(), Some(if error.is_some() { 1 } else { 0 }), "{edits:?}: {stderr}");
        if let Some(error) = error {
            assert!(said[0].contains(error), "{edits:?}: {error:?} not in {stderr}");
            // And what to write.
            assert!(stderr.contains("cách sửa: ") && stderr.contains(&format!("`{key}`")), "{stderr}");
        }
    }
}

/// The text a document type lays out itself (căn cứ, articles, khoản, điểm)
/// keeps its document symbols whole as a `doan` does: "30/2020/NĐ-CP" and
/// "52/KH-UBND" are unbreakable spans in resolve, so neither renderer may break
/// after their "/" or "-".
#[test]
fn symbols_in_can_cu_and_articles_never_break() {
    let yaml = std::fs::read_to_string("content/mau/quyet-dinh.yaml")
        .unwrap()
        .replacen("noi_dung: \"", "noi_dung: \"Theo Quyết định số 06/QĐ-TTg, ", 1);
    let (doc, _) = vanban::prepare_str(Path::new("quyet-dinh.yaml"), &yaml, vanban::layout::SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    let mut symbols = Vec::new();
    for b in doc.blocks() {
        let inlines = match b {
            vanban::resolve::Block::Paragraph { inlines } | vanban::resolve::Block::Item { inlines, .. } => inlines,
            _ => continue,
        };
        for i in inlines {
            for word in i.text.split(' ').filter(|w| w.trim_end_matches([',', ';', '.']).contains('/') && w.len() > 4) {
                assert!(i.unbreakable, "\"{word}\" in a breakable run: {:?}", i.text);
                symbols.push(word.to_owned());
            }
        }
    }
    for want in ["30/2020/NĐ-CP", "52/KH-UBND", "06/QĐ-TTg,"] {
        assert!(symbols.iter().any(|s| s == want), "{want} not found in {symbols:?}");
    }
}

/// A giấy mời's invitees: one on the line of "… trân trọng kính mời:", or a
/// list, one invitee a line ("- …;", the last "- ….") under it, in that order,
/// before "Tới dự".
#[test]
fn giay_moi_lists_several_invitees_one_a_line() {
    let yaml = std::fs::read_to_string("content/mau/giay-moi.yaml").unwrap();
    let one = yaml.lines().find(|l| l.starts_with("kinh_moi:")).expect("the sample's kinh_moi").to_owned();
    // Punctuated as a Kính gửi list whatever the author typed: ";" after each, "." after the last.
    let list = yaml.replace(&one, "kinh_moi:\n  - \"Đồng chí Bí thư Chi bộ xã\"\n  - \"Trưởng thôn các thôn;\"");
    let body = |text: &str| -> Vec<(String, String)> {
        let (doc, _) = vanban::prepare_str(Path::new("giay-moi.yaml"), text, vanban::layout::SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
        doc.blocks()
            .filter_map(|b| match b {
                vanban::resolve::Block::Paragraph { inlines } => Some((String::new(), inlines.iter().map(|i| i.text.as_str()).collect())),
                vanban::resolve::Block::Item { marker, inlines } => Some((marker.clone(), inlines.iter().map(|i| i.text.as_str()).collect())),
                _ => None,
            })
            .collect()
    };
    let listed = body(&list);
    let at = listed.iter().position(|(_, t)| t == "Ủy ban nhân dân xã An Bình trân trọng kính mời:").expect("the sentence alone on its line");
    assert_eq!(
        listed[at + 1..at + 3],
        [("-".to_owned(), "Đồng chí Bí thư Chi bộ xã;".to_owned()), ("-".to_owned(), "Trưởng thôn các thôn.".to_owned())]
    );
    assert!(listed[at + 3].1.starts_with("Tới dự"), "{listed:#?}");
    // One invitee, as text: on the sentence's line, as before.
    let single = body(&yaml);
    assert!(single.iter().any(|(_, t)| t == "Ủy ban nhân dân xã An Bình trân trọng kính mời: Đồng chí Bí thư Chi bộ, Trưởng thôn các thôn"), "{single:#?}");
}

// ---------------------------------------------------------------------------
// Phụ lục (PL I §III.1)
// ---------------------------------------------------------------------------

/// The kế hoạch's two phụ lục: after the signature, each from a new page whose
/// number starts again at 1 (no number on its first page), "Phụ lục I" / "Phụ
/// lục II" (two of them: Roman numerals) bold and centred, the name IN HOA,
/// the italic "(Kèm theo Kế hoạch số …)" line; the first, with its wide table,
/// on a landscape page whose lines span its width.
#[test]
fn ke_hoach_phu_luc_follow_the_signature_each_numbered_on_its_own() {
    let pages = OUT.pdf("ke-hoach");
    assert_eq!(pages.len(), 4, "the kế hoạch (2 pages), Phụ lục I (landscape), Phụ lục II");
    let signer = text_of(&pages[..2]);
    in_order(&signer, &["tại Phụ lục I;", "Phụ lục II kèm theo Kế hoạch này./.", "Nơi nhận:", "Nguyễn Văn Hùng"]);
    assert!(!signer.contains("DANH MỤC NHIỆM VỤ"), "the phụ lục starts a page of its own");

    let first = &pages[2];
    assert!(first.width > first.height, "Phụ lục I is landscape: {} × {}", first.width, first.height);
    let words = first.words();
    // Its first page has no number in the top margin.
    assert!(words.iter().all(|w| w.base > 20.0 * MM), "a number in the top margin: {:?}", words.iter().find(|w| w.base <= 20.0 * MM));
    // Centred on the landscape text area (left margin 30, right 15 mm).
    let centre_landscape = (TEXT_LEFT + first.width - 15.0 * MM) / 2.0;
    let label = must(&words, "Phụ lục I");
    assert!(label.iter().all(Word::bold) && (centre(label) - centre_landscape).abs() < 1.5, "{:?}", centre(label));
    assert!(label.iter().all(|w| (w.size - 14.0).abs() < 0.1), "cỡ chữ 14");
    // The name on one line of the wide page; the reference line whole too.
    let name = must(&words, "DANH MỤC NHIỆM VỤ TRIỂN KHAI KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM 2027");
    assert!(name.iter().all(Word::bold) && name[0].base > label[0].base);
    let reference = must(&words, "(Kèm theo Kế hoạch số 188/KH-UBND ngày 25 tháng 11 năm 2026 của Ủy ban nhân dân xã An Bình)");
    assert!(reference.iter().all(Word::italic) && reference[0].base > name[0].base);
    // Its table spreads over the landscape text width (252 mm).
    let right = first.paths.iter().map(|p| p.x1).fold(0.0, f64::max);
    assert!((right - (first.width - 15.0 * MM)).abs() < 1.0, "the table's right edge {right}");

    let second = &pages[3];
    assert!(second.height > second.width, "Phụ lục II is portrait");
    let words = second.words();
    assert!(words.iter().all(|w| w.base > 20.0 * MM), "its first page has no number either");
    let label = must(&words, "Phụ lục II");
    assert!((centre(label) - TEXT_CENTRE).abs() < 1.5);
    in_order(&text_of(&pages[3..]), &["Phụ lục II", "CHỈ TIÊU GIAO CHO CÁC THÔN NĂM 2027", "(Kèm theo Kế hoạch số 188/KH-UBND", "Các thôn căn cứ", "Thôn Đông", "Tổng cộng 1.199 286,8"]);

    // The DOCX: the main text, then one section a phụ lục, each numbered from
    // 1 with a first page of its own; the first landscape.
    let xml = document_xml("ke-hoach");
    let sections: Vec<&str> = xml.split("<w:sectPr").skip(1).collect();
    assert_eq!(sections.len(), 3, "the kế hoạch, Phụ lục I, Phụ lục II");
    assert!(!sections[0].contains("w:pgNumType"), "the kế hoạch numbers on from its page 1");
    for s in &sections[1..] {
        assert!(s.contains("<w:pgNumType w:start=\"1\"") && s.contains("<w:titlePg"), "{s}");
    }
    assert!(sections[1].contains("w:orient=\"landscape\"") && !sections[2].contains("w:orient=\"landscape\""));
    let text = OUT.docx_text("ke-hoach");
    in_order(&text, &["Nguyễn Văn Hùng", "Phụ lục I", "DANH MỤC NHIỆM VỤ", "(Kèm theo Kế hoạch số 188/KH-UBND", "Phụ lục II", "CHỈ TIÊU GIAO CHO CÁC THÔN"]);
}

/// A member list under an Điều and under a khoản is written `gach:` and
/// prints as "- …" lines after the text it follows, in the PDF and the DOCX; a
/// "- " typed under `diem` is warned about (it would print "a) - …").
#[test]
fn quyet_dinh_lists_dash_items_under_an_article_and_a_clause() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(example("quyet-dinh")).unwrap();
    let from = sample.find("dieu:\n").unwrap();
    let to = sample[from..].find("\n  - noi_dung: \"Tổ công tác có nhiệm vụ:\"").unwrap() + from;
    let text = format!(
        "{}dieu:\n  - noi_dung: \"Thành lập Tổ công tác, gồm các ông (bà) có tên sau:\"\n    gach:\n      - \"Ông Lê Văn Thành, Phó Chủ tịch - Tổ trưởng;\"\n      - \"- Bà Phạm Thu Trang, Bí thư Đoàn - Thành viên.\"\n    khoan:\n      - noi_dung: \"Hồ sơ giao nộp:\"\n        gach: [\"Tờ trình;\", \"Danh sách.\"]\n        diem: [\"- Biên bản họp.\"]{}",
        &sample[..from].replace("../vanban.schema.json", "x.json"),
        &sample[to..]
    );
    let yaml = dir.path().join("qd-gach.yaml");
    std::fs::write(&yaml, text).unwrap();
    let o = common::vanban([std::ffi::OsStr::new("--lang"), "en".as_ref(), "check".as_ref(), yaml.as_os_str()]);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("under `diem` prints as \"a) - …\"") && stderr.contains("no need to type the leading \"-\""), "{stderr}");
    let out = common::render(&yaml, &[]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let text = text_of(&pages);
    in_order(&text, &[
        "Điều 1. Thành lập Tổ công tác, gồm các ông (bà) có tên sau:",
        "- Ông Lê Văn Thành, Phó Chủ tịch - Tổ trưởng;",
        "- Bà Phạm Thu Trang, Bí thư Đoàn - Thành viên.",
        "1. Hồ sơ giao nộp:",
        "- Tờ trình;",
        "- Danh sách.",
        "a) - Biên bản họp.",
        "Điều 2.",
    ]);
    assert!(!text.contains("- - Bà"), "the typed dash prints once");
    let plain = docx_paragraphs(out.file("docx")).join("\n").replace('\u{a0}', " ");
    in_order(&plain, &["Thành lập Tổ công tác", "- Ông Lê Văn Thành, Phó Chủ tịch - Tổ trưởng;", "- Bà Phạm Thu Trang", "1. Hồ sơ giao nộp:", "- Tờ trình;", "- Danh sách.", "a) - Biên bản họp."]);
}

/// A công văn's address block (ô 13) is page 1's footer only: a phụ lục's
/// first page (a first page again, in a section of its own) does not carry it
/// on, in the PDF nor in the DOCX, where Word would take the first-page footer
/// of the section before for a section that names none.
#[test]
fn cong_van_phu_luc_has_no_address_block() {
    let dir = tempfile::tempdir().unwrap();
    let sample = std::fs::read_to_string(example("cong-van")).unwrap();
    assert!(sample.contains("\ndia_chi:"), "the sample has an address block");
    let yaml = dir.path().join("cong-van-phu-luc.yaml");
    let text = sample.replace("../vanban.schema.json", "x.json").replace("noi_dung:\n", "noi_dung:\n  - doan: \"Danh sách tại Phụ lục kèm theo.\"\n")
        + "phu_luc:\n  - tieu_de: \"Danh sách kèm theo\"\n    noi_dung:\n      - doan: \"Nội dung phụ lục.\"\n";
    std::fs::write(&yaml, text).unwrap();
    let out = common::render(&yaml, &[]);
    let pages = pdf_read::read(&std::fs::read(out.pdf()).unwrap());
    let last = pages.last().unwrap().text();
    assert!(last.contains("Phụ lục") && !last.contains("Địa chỉ"), "{last}");
    assert!(pages[0].text().contains("Địa chỉ"), "page 1 keeps it");

    let file = std::fs::File::open(out.file("docx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml").unwrap().read_to_string(&mut xml).unwrap();
    let sections: Vec<&str> = xml.split("<w:sectPr").skip(1).collect();
    assert_eq!(sections.len(), 2);
    let first_footer = |s: &str| s.split("<w:footerReference").skip(1).find(|r| r.contains("w:type=\"first\"")).and_then(|r| r.split("r:id=\"").nth(1)).map(|r| r[..r.find('"').unwrap()].to_owned());
    let (page1, appendix) = (first_footer(sections[0]).expect("page 1's footer"), first_footer(sections[1]).expect("the phụ lục names its own first-page footer"));
    assert_ne!(page1, appendix);
    // The footer it names is empty.
    let rels = {
        let mut s = String::new();
        zip.by_name("word/_rels/document.xml.rels").unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let target = rels.split("<Relationship ").find(|r| r.contains(&format!("Id=\"{appendix}\""))).and_then(|r| r.split("Target=\"").nth(1)).map(|t| t[..t.find('"').unwrap()].to_owned()).unwrap();
    let mut footer = String::new();
    zip.by_name(&format!("word/{target}")).unwrap().read_to_string(&mut footer).unwrap();
    assert!(!footer.contains("<w:t"), "{footer}");
}
