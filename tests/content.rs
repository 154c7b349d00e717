//! The seed report as YAML: whole, exact, and its indicator arithmetic right.

use std::path::Path;

use vanban::layout::SizeProfile;
use vanban::resolve::{Block, Document, GridTable, RowKind, TableOrigin};

const SEED_YAML: &str = "content/but-son-2023-6-thang.yaml";

fn seed() -> Document {
    match vanban::prepare(Path::new(SEED_YAML), SizeProfile::P14) {
        Ok((doc, warnings)) => {
            assert!(warnings.is_empty(), "the seed should be clean: {warnings:?}");
            doc
        }
        Err(diags) => panic!("the seed does not load: {diags:#?}"),
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The documented repairs of ../shared/seed/README.md, applied to the extracted text.
fn repaired_seed() -> String {
    let raw = std::fs::read_to_string("tests/fixtures/but-son-bao-cao-6-thang-2023.txt").unwrap();
    raw.replace('ƣ', "ư")
        .replace('Ƣ', "Ư")
        .replace("chặt ch ", "chặt chẽ ")
        .replace("chặt ch\n", "chặt chẽ\n")
        .replace("NGUYÊN NGÂN", "NGUYÊN NHÂN")
}

/// Narrative sentences of the seed: the text before the indicator table and after
/// it, cut at sentence ends. The table itself is checked cell by cell below.
fn seed_sentences() -> Vec<String> {
    let text = repaired_seed();
    let table_start = text.find("TT CHỈ TIÊU ĐVT").expect("table start");
    let table_end = text.find("II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU").expect("table end");
    let signature = text.find("Nơi nhận:").expect("signature block");
    let mut sentences = Vec::new();
    for piece in [&text[..table_start], &text[table_end..signature]] {
        // Lines that are only page furniture (page numbers) are dropped; a line
        // broken after a hyphen ("89/KH-" / "UBND") joins without a space.
        let lines: Vec<&str> = piece.lines().map(str::trim).filter(|l| l.is_empty() || !l.chars().all(|c| c.is_ascii_digit())).collect();
        let mut flat = String::new();
        for line in lines.iter().filter(|l| !l.is_empty()) {
            if !(flat.ends_with('-') && !flat.ends_with(" -")) && !flat.is_empty() {
                flat.push(' ');
            }
            flat.push_str(line);
        }
        let flat = collapse(&flat);
        sentences.extend(
            flat.split_inclusive(['.', ';'])
                .map(|s| s.trim().to_owned())
                .filter(|s| s.chars().filter(|c| c.is_alphabetic()).count() >= 12),
        );
    }
    sentences
}

#[test]
fn every_sentence_of_the_seed_is_in_the_model() {
    let doc = seed();
    let model_text = collapse(&vanban::plain_text(&doc));
    // The model's text joins heading numbers and titles with single spaces, as the
    // extraction does once whitespace is collapsed.
    let sentences = seed_sentences();
    assert!(sentences.len() > 200, "too few sentences extracted: {}", sentences.len());
    let missing: Vec<&String> = sentences.iter().filter(|s| !model_text.contains(s.as_str())).collect();
    assert!(missing.is_empty(), "{} of {} seed sentences are missing, e.g.:\n{:#?}", missing.len(), sentences.len(), &missing[..missing.len().min(5)]);
}

#[test]
fn the_repairs_of_the_extraction_are_made() {
    let text = vanban::plain_text(&seed());
    assert!(!text.contains('ƣ') && !text.contains('Ƣ'));
    assert!(text.contains("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"));
    assert!(text.contains("Kiểm soát chặt chẽ tình trạng ô nhiễm môi trường"));
    assert!(text.contains("quản lý chặt chẽ việc sử dụng ngân sách nhà nước"));
    assert!(text.contains("I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"));
    assert!(!text.contains("NGUYÊN NGÂN"));
    use unicode_normalization::is_nfc;
    assert!(is_nfc(&text));
}

#[test]
fn the_header_block_is_restored() {
    let doc = seed();
    let h = &doc.header;
    assert_eq!(h.issuing_body, ["ỦY BAN NHÂN DÂN", "THỊ TRẤN BÚT SƠN"]);
    assert_eq!(h.number, "Số:      /BC-UBND");
    assert_eq!(h.place_date, format!("Bút Sơn, ngày {} tháng 6 năm 2023", vanban::model::date::BLANK));
    assert_eq!(h.doc_type, "BÁO CÁO");
    assert_eq!(h.motto, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(doc.signature.authority, ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]);
    assert_eq!(doc.recipients.items, ["- UBND huyện (b/c);", "- Đảng ủy, HĐND (b/c);", "- Lưu: VT."]);
    // The body ends with a paragraph: "./." closes its last sentence.
    assert_eq!(doc.closing_mark, None);
    assert!(vanban::plain_text(&doc).ends_with("các mục tiêu đã đề ra./."));
}

#[test]
fn sections_are_numbered_from_their_position() {
    let doc = seed();
    let numbers: Vec<(u32, String)> = doc
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level, number, .. } => Some((*level, number.clone())),
            _ => None,
        })
        .collect();
    let parts: Vec<&str> = doc.body.iter().filter_map(|b| match b { Block::Part { label, .. } => Some(label.as_str()), _ => None }).collect();
    assert_eq!(parts, ["Phần thứ nhất", "Phần thứ hai"]);
    let top: Vec<&str> = numbers.iter().filter(|(l, _)| *l == 1).map(|(_, n)| n.as_str()).collect();
    assert_eq!(top, ["I.", "II.", "I.", "II."]);
    let level3: Vec<&str> = numbers.iter().filter(|(l, _)| *l == 3).map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        level3,
        ["1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "2.1.", "2.2.", "2.3.", "2.4.", "3.1.", "3.2.", "3.3.", "3.4.",
         "1.1.", "1.2.", "1.3.", "1.4.", "1.5.", "2.1.", "2.2.", "2.3.", "2.4.", "3.1.", "3.2.", "3.3."]
    );
}

/// The first level of mục: Roman in a báo cáo or kế hoạch, Arabic in a công
/// văn (which has no Roman headings) and a thông báo, either by `kieu_muc`;
/// deeper levels follow.
#[test]
fn kieu_muc_chooses_roman_or_arabic_section_numbers() {
    let numbers = |file: &str, kieu: &str| {
        let dir = tempfile::tempdir().unwrap();
        let sample = std::fs::read_to_string(format!("content/mau/{file}.yaml")).unwrap();
        let body = "noi_dung:\n  - muc:\n      tieu_de: \"Tình hình\"\n      noi_dung:\n        - doan: \"A.\"\n        - muc:\n            tieu_de: \"Chi tiết\"\n            noi_dung: [{ doan: \"B.\" }]\n  - muc:\n      tieu_de: \"Đề nghị\"\n      noi_dung: [{ doan: \"C.\" }]\n";
        let start = sample.find("\nnoi_dung:").unwrap() + 1;
        let end = start + sample[start..].find("\nnoi_nhan:").unwrap() + 1;
        let text = format!("{}{kieu}{body}{}", &sample[..start].replace("../vanban.schema.json", "x.json"), &sample[end..]);
        let path = dir.path().join(format!("{file}.yaml"));
        std::fs::write(&path, text).unwrap();
        let (doc, _) = vanban::prepare(&path, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:?}"));
        doc.body.iter().filter_map(|b| match b { Block::Heading { number, .. } => Some(number.clone()), _ => None }).collect::<Vec<_>>()
    };
    assert_eq!(numbers("cong-van", ""), ["1.", "1.1.", "2."]);
    assert_eq!(numbers("cong-van", "kieu_muc: la_ma\n"), ["I.", "1.", "II."]);
    // A thông báo's points are "1.", "2." (Mẫu 1.4; nd30-types §6).
    assert_eq!(numbers("thong-bao", ""), ["1.", "1.1.", "2."]);
    assert_eq!(numbers("thong-bao", "kieu_muc: la_ma\n"), ["I.", "1.", "II."]);
    assert_eq!(numbers("ke-hoach", ""), ["I.", "1.", "II."]);
}

fn table(doc: &Document) -> &GridTable {
    doc.body
        .iter()
        .find_map(|b| match b { Block::Table(t) if t.origin == TableOrigin::Indicators => Some(t), _ => None })
        .expect("the seed has an indicator table")
}

/// Row of indicator number `tt` (its ten display cells).
fn row(t: &GridTable, tt: &str) -> Vec<String> {
    t.rows.iter().find(|r| r.kind == RowKind::Indicator && r.cells[0].text == tt).unwrap_or_else(|| panic!("row {tt}")).texts()
}

#[test]
fn derived_columns_of_the_seed() {
    let doc = seed();
    let t = table(&doc);
    // TT → (5 = 4/3·100, 6 = 4/2·100, 7 = 2−4)
    let expected = [
        ("3", "102,68", "55,42", "1.850"),
        ("4", "94,89", "65", "35"),
        ("7", "-", "0", "2"),
        ("9", "160", "80", "2"),
        ("11", "220", "78,57", "0,3"),
        ("12", "-", "0", "500"),
        ("16", "160", "42,11", "11"),
        ("19", "119,51", "50,26", "97"),
        ("26", "100", "100", "-"),
        ("27", "100", "100", "-"),
        ("28", "100", "101,01", "-"),
        ("13", "Duy trì", "Duy trì", ""),
        ("14", "", "", ""),
        ("1", "", "", ""),
    ];
    for (tt, c5, c6, c7) in expected {
        let cells = row(t, tt);
        assert_eq!((cells[6].as_str(), cells[7].as_str(), cells[8].as_str()), (c5, c6, c7), "row {tt}: {cells:?}");
    }
    // Inputs come out in Vietnamese notation, as typed.
    assert_eq!(&row(t, "3")[3..6], ["4.150", "2.240", "2.300"]);
    assert_eq!(&row(t, "14")[3..6], ["5,5", "5,6", "5,0"]);
}

#[test]
fn groups_are_counted_and_indicators_numbered_straight_through() {
    let doc = seed();
    let t = table(&doc);
    let groups: Vec<(&str, &str)> = t.rows.iter().filter(|r| r.kind == RowKind::Group).map(|r| (r.cells[0].text.as_str(), r.cells[1].text.as_str())).collect();
    assert_eq!(
        groups,
        [
            ("I", "Về kinh tế (12 chỉ tiêu)"),
            ("II", "Văn hóa-xã hội (14 chỉ tiêu)"),
            ("III", "Về môi trường (02 chỉ tiêu)"),
            ("IV", "An ninh trật tự (01 chỉ tiêu)"),
        ]
    );
    let numbers: Vec<String> = t.rows.iter().filter(|r| r.kind == RowKind::Indicator).map(|r| r.cells[0].text.clone()).collect();
    assert_eq!(numbers, (1..=29).map(|n| n.to_string()).collect::<Vec<_>>());
    let subs: Vec<&str> = t.rows.iter().filter(|r| r.kind == RowKind::SubRow).map(|r| r.cells[1].text.as_str()).collect();
    assert_eq!(subs, ["Nông, lâm, thủy sản", "Công nghiệp - xây dựng", "Dịch vụ - thương mại", "Tỷ lệ xử lý bằng công nghệ cao"]);
    let column_numbers: Vec<&str> = t.head[2].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(column_numbers[6..9], ["5=4/3*100", "6=4/2*100", "7=2-4"]);
    assert_eq!(t.head[0][3].text, "KH 2023 (theo KH huyện giao)");
    assert_eq!((t.head[0][5].colspan, t.head[0][3].rowspan), (4, 2), "the result group over four columns; KH over both label rows");
}

#[test]
fn the_summary_reproduces_the_seed_sentence() {
    let text = vanban::plain_text(&seed());
    let seed_sentence = collapse(
        "trong 29 chỉ tiêu giao đầu năm, có 12 chỉ tiêu được đánh giá vào
         cuối năm, 14 chỉ tiêu 6 tháng đầu năm được đánh giá là đạt và vượt trên 50%, 01 chỉ
         tiêu đạt dưới 50%, 02 chỉ tiêu chưa thực hiện ( trong đó",
    );
    assert!(repaired_seed().split_whitespace().collect::<Vec<_>>().join(" ").contains(&seed_sentence));
    assert!(text.contains(&seed_sentence), "summary differs from the seed's");
}

#[test]
fn inserting_a_section_renumbers_those_after_it() {
    let yaml = std::fs::read_to_string(SEED_YAML).unwrap();
    // A new first khoản under "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC".
    let marker = "tieu_de: \"Lĩnh vực kinh tế\"";
    let pos = yaml.find(marker).expect("marker");
    let line_start = yaml[..pos].rfind('\n').unwrap() + 1;
    let indent = &yaml[line_start..pos];
    let dash_indent = &indent[..indent.len() - 4];
    let insert = format!("{dash_indent}- muc:\n{indent}tieu_de: \"Mục chèn thêm\"\n");
    // Insert before the "- muc:" line that holds the marker.
    let muc_line = yaml[..line_start - 1].rfind('\n').unwrap() + 1;
    let changed = format!("{}{}{}", &yaml[..muc_line], insert, &yaml[muc_line..]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy("content/but-son-2023-6-thang.chi-tieu.yaml", dir.path().join("but-son-2023-6-thang.chi-tieu.yaml")).unwrap();
    let path = dir.path().join("r.yaml");
    std::fs::write(&path, changed).unwrap();
    let (doc, _) = vanban::prepare(&path, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
    let text = vanban::plain_text(&doc);
    assert!(text.contains("1. Mục chèn thêm"));
    assert!(text.contains("2. Lĩnh vực kinh tế"));
    assert!(text.contains("2.1. Sản xuất nông nghiệp, thủy sản"));
}
