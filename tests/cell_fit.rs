//! Resolve marks the table body cells whose setting it knows (src/resolve/fit.rs,
//! `CellFit`), and the template sets those without measuring them
//! (layouts/vanban.typ, `cell-text`). The marks must agree with typst's own
//! measure, and the pages must be the same as when every cell is measured.

use std::path::Path;

use vanban::layout::SizeProfile;
use vanban::fonts;
use vanban::render::pdf::{Typesetter, TEMPLATE};
use vanban::resolve::Document;

/// The seed, the other sample reports (indicator tables of three column sets)
/// and a plain table with a 70-character token and numbers up to
/// "99.999.999.999" (which `fitted` must break or shrink: left unmarked).
fn documents() -> Vec<(String, Document)> {
    let mut docs = Vec::new();
    for path in ["content/but-son-2023-6-thang.yaml", "content/dan-so-2023.yaml", "content/ke-hoach-2024.yaml", "content/mau/bao-cao.yaml"] {
        let doc = vanban::prepare(Path::new(path), SizeProfile::P14).unwrap_or_else(|d| panic!("{path}: {d:#?}")).0;
        docs.push((path.to_owned(), doc));
    }
    let wide = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN", "THỊ TRẤN BÚT SƠN"], viet_tat: UBND }
dia_danh: Bút Sơn
ngay: { nam: 2023 }
trich_yeu: ["Số liệu kinh tế theo đơn vị"]
noi_dung:
  - doan: "Số liệu như sau:"
  - bang:
      tieu_de: "Biểu 02: Số liệu theo đơn vị"
      cot:
        - { ten: "TT", can: giua }
        - { ten: "Đơn vị", rong: 4 }
        - { ten: "Dân số (người)", rong: 2 }
        - { ten: "Thu nhập bình quân Tr.đồng/người", rong: 2 }
        - { ten: "2023/2022(%)", rong: 2 }
        - { ten: "Giá trị sản xuất (đồng)", rong: 2 }
        - { ten: "Vốn đầu tư (đồng)", rong: 2 }
        - { ten: "Thu ngân sách (Tr.đồng)", rong: 2 }
        - { ten: "Chi ngân sách (Tr.đồng)", rong: 2 }
        - { ten: "Diện tích (m2)", rong: 2 }
        - { ten: "Tỷ lệ hộ nghèo (%)", rong: 2 }
        - { ten: "Ghi chú", rong: 3 }
      dong:
        - ["1", "Thị trấn Bút Sơn", "12.345", "72,4", "108,25", "99.999.999.999", "1.284.671.000", "5.595,7", "2.400,75", "1.000,25", "1,25", "Vượt kế hoạch"]
        - ["2", "https://dichvucong.thanhhoa.gov.vn/portaldvc/KenhTin/dichvucongtructuy", "8.765", "65,1", "97,5", "1.234.567.890", "45.000.000", "12.345,67", "-", "98.765", "2,5", "Tra cứu trên cổng"]
        - ["3", "Xã Hoằng Lộc", "10.203", "61,05", "101,1", "888.888.888", "7.777.777.777", "3.210,5", "4.321,75", "54.321", "3,75", ""]
  - doan: "Các số liệu trên là số ước tính."
noi_nhan: ["UBND huyện (b/c);", "Lưu: VT."]
nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Tám }
"#;
    let doc = vanban::prepare_str(Path::new("bang-rong.yaml"), wide, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}")).0;
    docs.push(("bang-rong.yaml".to_owned(), doc));
    docs
}

/// Where the template reads a cell's mark, and what it sets for it: once in
/// `cell-text` (heading cells) and once in the body cells' loop (which sets a
/// plain cell as its bare string).
const MARK_READ: &str = "let fit = c.at(\"fit\", default: none)";
const MARK_SET_HEAD: &str =
    "if fit == \"line\" or fit == \"words\" { text(..style, c.text) } else { fitted(c.text, ..style) }";
const MARK_SET_BODY: &str = "if fit == \"line\" or fit == \"words\" { if c.bold or c.italic { text(..style, c.text) } else { c.text } } else { fitted(c.text, ..style) }";

/// The template with `from` replaced by `to` in both places that read a mark.
fn patched(from: &str, to: &str) -> String {
    assert_eq!(TEMPLATE.matches(from).count(), 2, "the heading cells and the body cells read the mark alike: {from}");
    TEMPLATE.replace(from, to)
}

/// The template with what both places set for a mark replaced by `to`.
fn patched_sets(to: &str) -> String {
    for set in [MARK_SET_HEAD, MARK_SET_BODY] {
        assert_eq!(TEMPLATE.matches(set).count(), 1, "a place that sets a marked cell: {set}");
    }
    TEMPLATE.replace(MARK_SET_HEAD, to).replace(MARK_SET_BODY, to)
}

/// The template with every body cell measured by `fitted`, as before the marks.
fn measuring_template() -> String {
    patched(MARK_READ, "let fit = none")
}

fn typesetter(template: String) -> Typesetter {
    Typesetter::with_template(fonts::discover(&[], None).expect("the bundled font"), template)
}

/// Every marked cell is checked against typst's measure of the cell: a "line"
/// cell is no wider than the cell, a "words" cell is wider but none of its
/// words is. A wrong mark fails the layout with the cell's text.
#[test]
fn the_marks_agree_with_typsts_measure() {
    let checked = "#let checked-mark(c, fit, style) = layout(size => {
  let t(x) = text(..style, x)
  let whole = measure(t(c.text)).width
  if fit == \"line\" { assert(whole <= size.width, message: \"marked line, wider than its cell: \" + c.text) }
  else {
    assert(whole > size.width, message: \"marked words, fits on one line: \" + c.text)
    for w in c.text.split(\" \") { assert(measure(t(w)).width <= size.width, message: \"marked words, a word wider than its cell: \" + c.text) }
  }
  fit-text(c.text, style, size.width)
})
";
    let checking = patched_sets("if fit in (\"line\", \"words\") { checked-mark(c, fit, style) } else { fitted(c.text, ..style) }")
        .replacen("#let cell-text(", &format!("{checked}#let cell-text("), 1);
    assert_ne!(checking, TEMPLATE);
    let ts = typesetter(checking);
    let (mut lines, mut words, mut measured) = (0, 0, 0);
    for (name, doc) in documents() {
        let json = String::from_utf8(ts.data_json(&doc)).unwrap();
        lines += json.matches("\"fit\": \"line\"").count();
        words += json.matches("\"fit\": \"words\"").count();
        measured += json.matches("\"colspan\"").count();
        if let Err(e) = ts.layout(&doc) {
            panic!("{name}: {e:?}");
        }
    }
    // Not vacuous: both marks occur, and some cells are left to `fitted`
    // (the 70-character token, the widest numbers of their columns).
    assert!(lines > 300 && words > 40, "{lines} line, {words} words");
    assert!(measured > lines + words, "every cell marked: {measured} cells");
}

fn pixels(png_bytes: &[u8]) -> Vec<u8> {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png_bytes)).read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    buf.truncate(info.buffer_size());
    buf
}

/// The pages are the same with the marks as with every cell measured: the
/// same glyphs in the same places, so at 2 pixels per pt no pixel differs by
/// more than the rounding of a centred line's position can make (a heading
/// cell set in `layout` centres its lines in its own block first: the
/// anti-aliasing of a few edges moves by 1 of 255). A glyph moved by a tenth of
/// a point, or a line broken elsewhere, changes pixels by far more.
#[test]
fn marked_cells_set_as_measured_cells() {
    let marked = typesetter(TEMPLATE.to_owned());
    let measuring = typesetter(measuring_template());
    for (name, doc) in documents() {
        let a = marked.png_pages(&doc, 2.0).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let b = measuring.png_pages(&doc, 2.0).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(a.len(), b.len(), "{name}: page count");
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            let (x, y) = (pixels(x), pixels(y));
            assert_eq!(x.len(), y.len(), "{name}: page {} size", i + 1);
            let worst = x.iter().zip(&y).map(|(p, q)| p.abs_diff(*q)).max().unwrap_or(0);
            assert!(worst <= 2, "{name}: page {} differs (a pixel by {worst} of 255)", i + 1);
        }
    }
}

/// Where the template hands typst the heights of the rows whose lines resolve
/// knows (`GridRow::lines`).
const ROW_HEIGHTS: &str = "rows: if with-head { (auto,) * t.head.len() + heights } else { heights },";

/// A plain table of 240 rows whose cells wrap at every length: names of 1 to
/// 16 words (units, compounds, brackets, numbers among them) in columns of
/// five widths, so that many lines end close to their cell's edge.
fn stress_table() -> Document {
    const WORDS: [&str; 24] = [
        "Tổng", "sản", "lượng", "lương", "thực", "có", "hạt", "(phố", "Thọ", "Văn)", "Tr.đồng/người", "KT-XH", "2023/2022", "12,5%",
        "nghiêng", "thủy", "Hoằng", "Lọc,", "mã", "1.234.567", "khu", "dân", "cư;", "Đ/c",
    ];
    let mut state: u64 = 20261205;
    let mut next = |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut rows = String::new();
    for i in 1..=240 {
        let mut cell = |most: u64| {
            let n = 1 + next(most);
            (0..n).map(|_| WORDS[next(WORDS.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
        };
        let (a, b, c, d) = (cell(16), cell(3), cell(6), cell(9));
        rows.push_str(&format!("        - [\"{i}\", \"{a}\", \"{b}\", \"{c}\", \"{d}\"]\n"));
    }
    let yaml = format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "THỊ TRẤN BÚT SƠN"], viet_tat: UBND }}
dia_danh: Bút Sơn
ngay: {{ nam: 2023 }}
trich_yeu: ["Số liệu theo thôn"]
noi_dung:
  - doan: "Số liệu như sau:"
  - bang:
      cot:
        - {{ ten: "TT", can: giua }}
        - {{ ten: "Nội dung", rong: 9 }}
        - {{ ten: "ĐVT", rong: 2 }}
        - {{ ten: "Kết quả", rong: 4 }}
        - {{ ten: "Ghi chú", rong: 5 }}
      dong:
{rows}  - doan: "Các số liệu trên là số ước tính."
noi_nhan: ["UBND huyện (b/c);", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Tám }}
"#
    );
    vanban::prepare_str(Path::new("bang-dai.yaml"), &yaml, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}")).0
}

/// The rows whose lines resolve knows are as high as typst measures them:
/// the pages with the heights handed over are the pages without them, pixel
/// for pixel at 2 px/pt (a row a hundredth of a point off moves every rule
/// and line under it). Not vacuous: most rows of the tables carry a count,
/// rows of 1 to 5 lines among them, and some rows are left to typst.
#[test]
fn rows_of_known_lines_stand_as_measured() {
    assert_eq!(TEMPLATE.matches(ROW_HEIGHTS).count(), 1, "the template hands over the row heights: {ROW_HEIGHTS}");
    let given = typesetter(TEMPLATE.to_owned());
    let measured = typesetter(TEMPLATE.replace(ROW_HEIGHTS, ""));
    let mut docs = documents();
    docs.push(("bang-dai.yaml".to_owned(), stress_table()));
    let (mut known, mut left, mut counts) = (0, 0, std::collections::BTreeSet::new());
    for (name, doc) in &docs {
        let json: serde_json::Value = serde_json::from_slice(&given.data_json(doc)).unwrap();
        let mut tables = Vec::new();
        collect_tables(&json, &mut tables);
        for rows in tables {
            for r in rows {
                match r.get("lines").and_then(serde_json::Value::as_u64) {
                    Some(n) => {
                        known += 1;
                        counts.insert(n);
                    }
                    None => left += 1,
                }
            }
        }
        let a = given.png_pages(doc, 2.0).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        let b = measured.png_pages(doc, 2.0).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(a.len(), b.len(), "{name}: page count");
        for (i, (x, y)) in a.iter().zip(&b).enumerate() {
            assert!(pixels(x) == pixels(y), "{name}: page {} differs with the row heights handed over", i + 1);
        }
    }
    assert!(known > 200 && left > 10, "{known} rows with their lines, {left} left to typst");
    assert!((1..=5).all(|n| counts.contains(&n)), "line counts seen: {counts:?}");
}

/// The body rows of every table in the template's data.
fn collect_tables<'a>(v: &'a serde_json::Value, out: &mut Vec<&'a Vec<serde_json::Value>>) {
    match v {
        serde_json::Value::Object(m) => {
            if let (Some(serde_json::Value::Array(rows)), true) = (m.get("rows"), m.contains_key("columns")) {
                out.push(rows);
            }
            m.values().for_each(|x| collect_tables(x, out));
        }
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_tables(x, out)),
        _ => {}
    }
}
