//! What real authors type (issue 11): markers typed by hand, "./." typed out of
//! habit, characters the font lacks, empty titles and tables, years and phone
//! numbers in cells. Each case has its warning or error at its line and column,
//! and, where it changes what prints, the text read back from the PDF and from
//! LibreOffice's PDF of the DOCX (those tests need poppler and LibreOffice:
//! `#[ignore]`d, run by `.ci/run`).

mod common;

use std::path::{Path, PathBuf};

use vanban::check::{Diagnostic, Kind, Lang, Severity};
use vanban::layout::SizeProfile;
use vanban::resolve::Document;

fn prepare(yaml: &str) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    vanban::prepare_str(Path::new("r.yaml"), yaml, SizeProfile::P14)
}

fn warnings(yaml: &str) -> (Document, Vec<Diagnostic>) {
    prepare(yaml).unwrap_or_else(|d| panic!("refused:\n{}", show(&d)))
}

fn errors(yaml: &str) -> Vec<Diagnostic> {
    match prepare(yaml) {
        Ok(_) => panic!("accepted, but it should be refused"),
        Err(d) => d,
    }
}

fn show(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| d.render(Lang::En)).collect::<Vec<_>>().join("\n")
}

/// The diagnostic at `line:column`, which must be of `kind` and `severity`.
fn at(diags: &[Diagnostic], line: u64, column: u64, kind: Kind, severity: Severity) -> &Diagnostic {
    let d = diags
        .iter()
        .find(|d| d.line == line && d.column == column)
        .unwrap_or_else(|| panic!("no diagnostic at {line}:{column}; got:\n{}", show(diags)));
    assert_eq!((d.kind, d.severity), (kind, severity), "{}", d.render(Lang::En));
    d
}

/// The text of each page of `pdf` (pdftotext), whitespace collapsed.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let pdftotext = common::require_tool("pdftotext");
    let text = common::run_ok(&pdftotext, [pdf.as_os_str(), "-".as_ref()]);
    let mut pages: Vec<String> = text.split('\u{c}').map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect();
    if pages.last().is_some_and(String::is_empty) {
        pages.pop();
    }
    pages
}

/// The lines of `pdf`'s text as pdftotext reads them (reading order), trimmed.
fn pdf_lines(pdf: &Path) -> Vec<String> {
    let pdftotext = common::require_tool("pdftotext");
    common::run_ok(&pdftotext, [pdf.as_os_str(), "-".as_ref()]).lines().map(|l| l.trim().to_owned()).collect()
}

/// What one report printed: the pages of its PDF and of LibreOffice's PDF of
/// its DOCX (whitespace collapsed), and the lines of each.
struct Printed {
    pdf: Vec<String>,
    docx: Vec<String>,
    pdf_lines: Vec<String>,
    docx_lines: Vec<String>,
}

impl Printed {
    fn pdf_text(&self) -> String {
        self.pdf.join(" ")
    }
    fn docx_text(&self) -> String {
        self.docx.join(" ")
    }
    /// Both texts, named, for assertions that hold for either.
    fn both(&self) -> [(&'static str, String); 2] {
        [("PDF", self.pdf_text()), ("LibreOffice's PDF of the DOCX", self.docx_text())]
    }
}

/// Renders every report in one `vanban render` call (PDF and DOCX), converts
/// the DOCX files with LibreOffice in one call, and reads all of them back.
fn print_all(reports: &[&str]) -> Vec<Printed> {
    let dir = tempfile::tempdir().expect("temp dir");
    let files: Vec<PathBuf> = reports
        .iter()
        .enumerate()
        .map(|(i, yaml)| {
            let path = dir.path().join(format!("r{i}.yaml"));
            std::fs::write(&path, yaml).expect("write the report");
            path
        })
        .collect();
    let out = dir.path().join("out");
    let mut args = vec!["render".as_ref(), "-o".as_ref(), out.as_os_str()];
    args.extend(files.iter().map(|f| f.as_os_str()));
    let o = common::vanban(&args);
    assert!(o.status.success(), "render failed:\n{}", String::from_utf8_lossy(&o.stderr));
    let soffice = common::require_tool("soffice");
    let lo = dir.path().join("lo");
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("lo-profile").display());
    let mut lo_args: Vec<std::ffi::OsString> =
        vec![profile.into(), "--headless".into(), "--norestore".into(), "--convert-to".into(), "pdf".into(), "--outdir".into(), lo.clone().into()];
    lo_args.extend((0..reports.len()).map(|i| out.join(format!("r{i}.docx")).into_os_string()));
    common::run_ok(&soffice, &lo_args);
    (0..reports.len())
        .map(|i| {
            let (pdf, docx) = (out.join(format!("r{i}.pdf")), lo.join(format!("r{i}.pdf")));
            Printed { pdf: pdf_pages(&pdf), docx: pdf_pages(&docx), pdf_lines: pdf_lines(&pdf), docx_lines: pdf_lines(&docx) }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// 1. Markers typed by hand
// ---------------------------------------------------------------------------

const MARKERS: &str = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { ngay: 5, thang: 1, nam: 2024 }
trich_yeu: ["Kết quả công tác năm 2023"]
kinh_gui: ["Kính gửi: Ủy ban nhân dân huyện Hoằng Hóa"]
noi_dung:
  - muc:
      tieu_de: "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC"
      noi_dung:
        - muc:
            tieu_de: "1. Kinh tế"
            noi_dung:
              - doan: "1.1 triệu đồng là mức thu bình quân."
              - gach: "- Trồng lúa 300 ha;"
              - cong: "+ Lúa xuân 200 ha;"
              - diem: "a) Số hóa hồ sơ;"
              - diem: "b) Kết nối các thôn"
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky:
  tm: "TM. ỦY BAN NHÂN DÂN"
  kt: "KT. CHỦ TỊCH"
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Lê Văn Bình
"#;

#[test]
fn typed_markers_are_warned_about_at_their_place() {
    let (_, diags) = warnings(MARKERS);
    for (line, column, typed) in [
        (6, 12, "Kính gửi:"),
        (9, 16, "\"I.\""),
        (12, 22, "\"1.\""),
        (15, 23, "\"-\""),
        (16, 23, "\"+\""),
        (17, 23, "\"a)\""),
        (18, 23, "\"b)\""),
        (21, 7, "\"TM.\""),
        (22, 7, "\"KT.\""),
    ] {
        let d = at(&diags, line, column, Kind::Punctuation, Severity::Warning);
        assert!(d.message.en.contains(typed) && d.message.en.contains("dropped"), "{}", d.render(Lang::En));
        assert!(d.message.vi.contains("đã bỏ"), "{}", d.render(Lang::Vi));
    }
    // Real text that only looks like a marker is content: no warning there.
    assert!(!diags.iter().any(|d| d.line == 14), "{}", show(&diags));
    assert_eq!(diags.len(), 9, "{}", show(&diags));
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn typed_markers_print_once() {
    let printed = print_all(&[MARKERS]);
    for (what, text) in printed[0].both() {
        for once in [
            "I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC",
            "1. Kinh tế",
            "1.1 triệu đồng là mức thu bình quân.",
            "- Trồng lúa 300 ha;",
            "+ Lúa xuân 200 ha;",
            "a) Số hóa hồ sơ;",
            "b) Kết nối các thôn./.",
            "TM. ỦY BAN NHÂN DÂN",
            "KT. CHỦ TỊCH",
            "Kính gửi: Ủy ban nhân dân huyện Hoằng Hóa.",
        ] {
            assert!(text.contains(once), "{what} lacks {once:?}:\n{text}");
        }
        for twice in ["I. I.", "1. 1.", "- -", "+ +", "a) a)", "b) b)", "TM. TM.", "KT. KT.", "Kính gửi: Kính gửi"] {
            assert!(!text.contains(twice), "{what} prints {twice:?}:\n{text}");
        }
    }
}

// ---------------------------------------------------------------------------
// 2. The closing mark on typed punctuation
// ---------------------------------------------------------------------------

fn ending_with(last: &str) -> String {
    format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }}
dia_danh: Hoằng Lộc
ngay: {{ nam: 2024 }}
trich_yeu: ["Kết quả công tác năm 2023"]
noi_dung:
  - doan: "Trên đây là báo cáo của UBND xã."
  - muc:
      tieu_de: "NHIỆM VỤ"
      noi_dung:
        - gach: "{last}"
noi_nhan: ["Lưu: VT."]
nguoi_ky: {{ chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }}
"#
    )
}

#[test]
fn typed_punctuation_before_the_closing_mark_is_warned_about() {
    for (last, says) in [("Báo cáo UBND huyện./.", "\"./.\""), ("Báo cáo UBND huyện;", "\";\""), ("Báo cáo UBND huyện:", "\":\""), ("Báo cáo UBND huyện,", "\",\"")] {
        let (doc, diags) = warnings(&ending_with(last));
        let d = at(&diags, 11, 17, Kind::Punctuation, Severity::Warning);
        assert!(d.message.en.contains(says), "{}", d.render(Lang::En));
        assert!(d.hint.as_ref().is_some_and(|h| h.en.contains("UBND huyện.")), "{}", d.render(Lang::En));
        assert_eq!(diags.len(), 1, "{}", show(&diags));
        assert!(vanban::plain_text(&doc).ends_with("- Báo cáo UBND huyện./."), "{}", vanban::plain_text(&doc));
    }
    // A sentence ending with "." takes the mark's dot: nothing to say.
    let (_, diags) = warnings(&ending_with("Báo cáo UBND huyện."));
    assert!(diags.is_empty(), "{}", show(&diags));
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn the_closing_mark_prints_once_after_typed_punctuation() {
    let printed = print_all(&[&ending_with("Báo cáo UBND huyện./."), &ending_with("Báo cáo UBND huyện;"), &ending_with("Báo cáo UBND huyện:")]);
    for p in &printed {
        for (what, text) in p.both() {
            assert!(text.contains("- Báo cáo UBND huyện./."), "{what}:\n{text}");
            for wrong in ["././.", ";./.", ":./.", "huyện../."] {
                assert!(!text.contains(wrong), "{what} prints {wrong:?}:\n{text}");
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 3. Characters the font lacks
// ---------------------------------------------------------------------------

/// Every character the issue names, each at a known place, and one in a comment.
const GLYPHS: &str = "loai: bao_cao
co_quan: { ten: [\"ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC\"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { nam: 2024 }
trich_yeu: [\"Kết quả công tác năm 2023\"]
noi_dung:
  - doan: \"Đã hoàn thành ✓ và chưa làm ☐\"   # ✓ in a comment is not printed
  - gach: \"① Nhiệt độ 30℃ ⇒ nắng 😀\"
  - gach: \"\u{F0A7} Dán từ Word, \u{F0D8} cũng vậy, chữ 中\"
noi_nhan: [\"Lưu: VT.\"]
nguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }
";

/// (line, column, character, replacement offered or "")
const GLYPH_PLACES: [(u64, u64, &str, &str); 9] = [
    (7, 26, "✓", "\"x\""),
    (7, 40, "☐", "\"□\""),
    (8, 12, "①", "\"1.\""),
    (8, 25, "℃", "\"°C\""),
    (8, 27, "⇒", "\"→\""),
    (8, 34, "😀", ""),
    (9, 12, "\u{F0A7}", "\"•\""),
    (9, 27, "\u{F0D8}", "\"•\""),
    (9, 43, "中", ""),
];

#[test]
fn check_reports_every_missing_glyph_at_its_place() {
    let diags = errors(GLYPHS);
    for (line, column, c, replacement) in GLYPH_PLACES {
        let d = at(&diags, line, column, Kind::MissingGlyph, Severity::Error);
        assert!(d.message.en.contains(c) && d.message.en.contains("Liberation Serif"), "{}", d.render(Lang::En));
        assert!(d.message.vi.contains("không có ký tự"), "{}", d.render(Lang::Vi));
        let hint = d.hint.as_ref().expect("a hint").en.clone();
        if replacement.is_empty() {
            assert!(hint.contains("--font"), "{hint}");
        } else {
            assert!(hint.contains(replacement), "{c}: {hint}");
        }
    }
    assert_eq!(diags.len(), GLYPH_PLACES.len(), "the comment's ✓ is not printed, so not reported:\n{}", show(&diags));
}

#[test]
fn a_missing_glyph_is_a_content_error_in_every_command_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("r.yaml");
    std::fs::write(&yaml, GLYPHS).unwrap();
    let out = dir.path().join("out");
    let runs: [&[&str]; 4] = [
        &["check"],
        &["--lang", "en", "check", "--font-dir", "fonts", "--font", "Liberation Serif"],
        &["render", "--format", "docx", "-o"],
        &["render", "-o"],
    ];
    for args in runs {
        let mut all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        if args.last() == Some(&"-o") {
            all.push(out.as_os_str());
        }
        all.push(yaml.as_os_str());
        let o = common::vanban(&all);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "vanban {args:?}: a content error exits 1:\n{stderr}");
        for (line, column, c, _) in GLYPH_PLACES {
            let place = format!("r.yaml:{line}:{column}: ");
            assert!(stderr.lines().any(|l| l.contains(&place) && l.contains(c)), "vanban {args:?}: nothing at {place} about {c}:\n{stderr}");
        }
        let english = args.contains(&"en");
        assert_eq!(stderr.contains("has no"), english, "{stderr}");
        assert_eq!(stderr.contains("không có ký tự"), !english, "{stderr}");
        assert!(!stderr.contains("vanban.typ"), "no message about the template:\n{stderr}");
        assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(), "vanban {args:?} wrote output");
    }
}

#[test]
fn check_uses_the_font_it_is_given() {
    let o = common::vanban(["check", "--font", "No Such Family", "content/but-son-2023-6-thang.yaml"]);
    assert_eq!(o.status.code(), Some(3), "{}", String::from_utf8_lossy(&o.stderr));
    // A font that has "✓" (here: the bundled one, told it has it) lets it through.
    let bundled = vanban::bundled_coverage();
    let mut faces: Vec<u32> = (0x20..0x2FFFF).filter(|&c| char::from_u32(c).is_some_and(|c| bundled.covers(c))).collect();
    faces.push('✓' as u32);
    let with_check = vanban::check::glyphs::FontCoverage::new("Test Serif", vec![typst::text::Coverage::from_vec(faces)]);
    let dir = tempfile::tempdir().unwrap();
    let yaml = dir.path().join("r.yaml");
    std::fs::write(&yaml, GLYPHS).unwrap();
    let diags = match vanban::prepare_for(&yaml, SizeProfile::P14, &with_check) {
        Ok(_) => panic!("the other characters are still missing"),
        Err(d) => d,
    };
    assert!(!diags.iter().any(|d| d.message.en.contains('✓')), "{}", show(&diags));
    assert!(diags.iter().all(|d| d.message.en.contains("\"Test Serif\"")), "{}", show(&diags));
    assert_eq!(diags.len(), GLYPH_PLACES.len() - 1, "{}", show(&diags));
}

// ---------------------------------------------------------------------------
// 4. A Nơi nhận taller than a page; 7. a long place name
// ---------------------------------------------------------------------------

fn report_with(place: &str, recipients: &[String]) -> String {
    let quoted: Vec<String> = recipients.iter().map(|r| format!("{r:?}")).collect();
    format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "THỊ TRẤN NÔNG TRƯỜNG MỘC CHÂU"], viet_tat: UBND }}
dia_danh: {place}
ngay: {{ ngay: 24, thang: 12, nam: 2022 }}
trich_yeu: ["Kết quả công tác năm 2022"]
noi_dung:
  - doan: "Trên đây là báo cáo kết quả công tác năm 2022 của UBND thị trấn."
noi_nhan: [{}]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }}
"#,
        quoted.join(", ")
    )
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn a_noi_nhan_taller_than_a_page_flows_on_and_loses_nothing() {
    let mut recipients: Vec<String> =
        (1..=60).map(|i| format!("Phòng Văn hóa và Thông tin huyện Hoằng Hóa, đơn vị số {i} (để biết);")).collect();
    recipients.push("Lưu: VT.".into());
    let printed = print_all(&[&report_with("Mộc Châu", &recipients)]);
    for (what, pages) in [("PDF", &printed[0].pdf), ("LibreOffice's PDF of the DOCX", &printed[0].docx)] {
        let text = pages.join(" ");
        for i in 1..=60 {
            let item = format!("đơn vị số {i} (để biết);");
            assert!(text.contains(&item), "{what} lost {item:?}:\n{text}");
        }
        assert!(text.contains("- Lưu: VT."), "{what} lost \"Lưu: VT.\":\n{text}");
        // The signer stays with the first part of the list.
        let page_of = |needle: &str| pages.iter().position(|p| p.contains(needle)).unwrap_or_else(|| panic!("{what}: no {needle:?}"));
        assert_eq!(page_of("TM. ỦY BAN NHÂN DÂN"), page_of("Nơi nhận:"), "{what}");
        assert_eq!(page_of("Lê Văn Bình"), page_of("Nơi nhận:"), "{what}");
        assert!(page_of("Lưu: VT.") > page_of("Nơi nhận:"), "{what}: the list flows onto later pages");
    }
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn a_long_place_name_moves_the_whole_date_onto_the_next_line() {
    let printed = print_all(&[&report_with("Thị trấn Nông trường Mộc Châu", &["Lưu: VT.".into()])]);
    for (what, lines) in [("PDF", &printed[0].pdf_lines), ("LibreOffice's PDF of the DOCX", &printed[0].docx_lines)] {
        assert!(lines.iter().any(|l| l == "Thị trấn Nông trường Mộc Châu,"), "{what}:\n{lines:#?}");
        assert!(lines.iter().any(|l| l == "ngày 24 tháng 12 năm 2022"), "{what}: the date is broken:\n{lines:#?}");
    }
}

// ---------------------------------------------------------------------------
// 5. A body that ends with a table
// ---------------------------------------------------------------------------

/// 28 rows: the table ends at the foot of page 1, which left "./." there and
/// Nơi nhận and the signature alone on page 2.
fn ending_with_table(rows: usize) -> String {
    let rows: Vec<String> =
        (1..=rows).map(|i| format!("        - [\"{i}\", \"Hồ sơ chứng thực bản sao từ bản chính số {i}\", \"{}\"]", i * 3)).collect();
    format!(
        r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }}
dia_danh: Hoằng Lộc
ngay: {{ ngay: 5, thang: 1, nam: 2024 }}
trich_yeu: ["Kết quả giải quyết thủ tục hành chính năm 2023"]
noi_dung:
  - doan: "Kết quả giải quyết thủ tục hành chính trong năm như sau."
  - bang:
      cot: [{{ ten: "TT" }}, {{ ten: "Lĩnh vực", rong: 6 }}, {{ ten: "Số hồ sơ", rong: 2 }}]
      dong:
{}
noi_nhan: ["UBND huyện;", "Lưu: VT."]
nguoi_ky: {{ chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }}
"#,
        rows.join("\n")
    )
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn the_signature_never_stands_alone_after_a_table() {
    let printed = print_all(&[&ending_with_table(28), &ending_with_table(30), &ending_with_table(1)]);
    for (p, rows) in printed.iter().zip([28, 30, 1]) {
        for (what, pages) in [("PDF", &p.pdf), ("LibreOffice's PDF of the DOCX", &p.docx)] {
            let signature = pages.iter().find(|p| p.contains("Nơi nhận:")).unwrap_or_else(|| panic!("{what}: no Nơi nhận"));
            let last_row = format!("Hồ sơ chứng thực bản sao từ bản chính số {rows} {}", rows * 3);
            assert!(signature.contains(&last_row), "{what}, {rows} rows: the last row is not with the signature:\n{signature}");
            assert!(signature.contains("./.") && signature.contains("Lê Văn Bình"), "{what}, {rows} rows:\n{signature}");
            // Rows on a page carry the table's heading row, also when only the
            // last rows moved onto the signature's page.
            assert!(signature.contains("Lĩnh vực"), "{what}, {rows} rows: the signature's page has rows but no heading row:\n{signature}");
        }
        // Every row once, in order, although the table is set in two parts.
        let text = p.pdf_text();
        let mut from = 0;
        for i in 1..=rows {
            let row = format!("bản chính số {i} {}", i * 3);
            assert_eq!(text.matches(&row).count(), 1, "PDF: {row:?}:\n{text}");
            let at = text.find(&row).unwrap();
            assert!(at > from, "PDF: {row:?} out of order");
            from = at;
        }
    }
}

// ---------------------------------------------------------------------------
// 6. A landscape table as the first content
// ---------------------------------------------------------------------------

const LANDSCAPE_FIRST: &str = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { ngay: 5, thang: 1, nam: 2024 }
trich_yeu: ["Kết quả thực hiện các chỉ tiêu năm 2023"]
noi_dung:
  - phan:
      tieu_de: "KẾT QUẢ THỰC HIỆN"
      noi_dung:
        - muc:
            tieu_de: "CÁC CHỈ TIÊU"
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

#[test]
fn a_landscape_table_as_the_first_content_is_printed_portrait_with_a_warning() {
    let (doc, diags) = warnings(LANDSCAPE_FIRST);
    let d = at(&diags, 14, 26, Kind::Format, Severity::Warning);
    assert!(d.message.en.contains("page 1") && d.message.en.contains("portrait"), "{}", d.render(Lang::En));
    assert_eq!(diags.len(), 1, "{}", show(&diags));
    assert!(doc.body.iter().any(|b| matches!(b, vanban::resolve::Block::Table(t) if !t.landscape)));
    // After a paragraph, the same table stays landscape.
    let after_text = LANDSCAPE_FIRST.replace("      noi_dung:\n        - muc:", "      noi_dung:\n        - doan: \"Mở đầu.\"\n        - muc:");
    let (doc, diags) = warnings(&after_text);
    assert!(diags.is_empty(), "{}", show(&diags));
    assert!(doc.body.iter().any(|b| matches!(b, vanban::resolve::Block::Table(t) if t.landscape)));
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn a_landscape_table_as_the_first_content_prints_on_page_1() {
    let printed = print_all(&[LANDSCAPE_FIRST]);
    for (what, pages) in [("PDF", &printed[0].pdf), ("LibreOffice's PDF of the DOCX", &printed[0].docx)] {
        let first = &pages[0];
        for on_page_1 in ["BÁO CÁO", "Phần thứ nhất", "KẾT QUẢ THỰC HIỆN", "I. CÁC CHỈ TIÊU", "Thu ngân sách", "Trồng lúa 300 ha"] {
            assert!(first.contains(on_page_1), "{what}: page 1 lacks {on_page_1:?}:\n{first}");
        }
    }
}

// ---------------------------------------------------------------------------
// 8. Years, phone numbers, empty things, "Kính gửi:" typed twice
// ---------------------------------------------------------------------------

const CELLS: &str = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { nam: 2024 }
trich_yeu: ["Kết quả công tác năm 2023"]
noi_dung:
  - bang:
      cot: [{ ten: "Năm" }, { ten: "Số hồ sơ" }, { ten: "Ghi chú" }]
      dong:
        - [2022, 1250, "Tăng"]
        - [2023, 2022, "Giảm"]
        - [2024, 12, 2021]
noi_nhan: ["Lưu: VT."]
nguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }
"#;

#[test]
fn years_print_as_written_in_a_year_column_and_are_warned_about_elsewhere() {
    let (doc, diags) = warnings(CELLS);
    // 2021 in the Ghi chú column may be a year that prints "2.021"; 2022 in
    // "Số hồ sơ" is a count (review: counts 1924–2072 were warned about).
    let d = at(&diags, 12, 22, Kind::BadNumber, Severity::Warning);
    assert!(d.message.en.contains("\"2.021\"") && d.hint.as_ref().unwrap().en.contains("\"2021\""), "{}", d.render(Lang::En));
    assert_eq!(diags.len(), 1, "the Năm column's years are years, the Số hồ sơ column's numbers counts: {}", show(&diags));
    let text = vanban::plain_text(&doc);
    assert!(text.contains("2022 | 1.250 | Tăng") && text.contains("2023 | 2.022 | Giảm"), "{text}");
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn years_print_as_written_in_the_pdf_and_the_docx() {
    let printed = print_all(&[CELLS]);
    for (what, text) in printed[0].both() {
        assert!(text.contains("2022 1.250 Tăng") && text.contains("2023 2.022 Giảm"), "{what}:\n{text}");
        assert!(!text.contains("2.023"), "{what}:\n{text}");
    }
}

#[test]
fn a_phone_number_in_a_cell_is_refused_as_a_phone_number() {
    let bang = CELLS.replace("[2023, 2022, \"Giảm\"]", "[\"2023\", 0912345678, \"Giảm\"]");
    let diags = errors(&bang);
    let d = at(&diags, 11, 20, Kind::BadNumber, Severity::Error);
    assert!(d.message.en.contains("0912345678 looks like a phone number"), "{}", d.render(Lang::En));
    assert!(d.hint.as_ref().unwrap().en.contains("\"0912345678\""), "{}", d.render(Lang::En));
    assert!(!show(&diags).contains("unquoted decimal"), "{}", show(&diags));
    // In an indicator table too.
    let indicator = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { nam: 2024 }
trich_yeu: ["Kết quả công tác năm 2023"]
noi_dung:
  - bang_chi_tieu:
      cot: { ke_hoach: "KH 2024", cung_ky: "6 tháng 2023", ket_qua: "Kết quả 6 tháng 2024" }
      nhom:
        - ten: "Về kinh tế"
          chi_tieu:
            - { ten: "Đường dây nóng", dvt: "Số", ke_hoach: 0912345678, thuc_hien: 1 }
noi_nhan: ["Lưu: VT."]
nguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }
"#;
    let diags = errors(indicator);
    let d = at(&diags, 12, 61, Kind::BadNumber, Severity::Error);
    assert!(d.message.en.contains("looks like a phone number") && d.hint.as_ref().unwrap().en.contains("ghi_chu"), "{}", d.render(Lang::En));
}

#[test]
fn empty_titles_sections_tables_and_summaries_are_reported_where_they_are() {
    let yaml = r#"loai: bao_cao
co_quan: { ten: ["ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC"], viet_tat: UBND }
dia_danh: Hoằng Lộc
ngay: { nam: 2024 }
trich_yeu: ["Kết quả công tác năm 2023"]
noi_dung:
  - muc:
      tieu_de: ""
      noi_dung:
        - doan: "Nội dung."
  - muc:
      tieu_de: "NHIỆM VỤ"
  - bang:
      cot: [{ ten: "TT" }, { ten: "Nội dung" }]
      dong: []
  - doan: "Hết."
noi_nhan: ["Lưu: VT."]
nguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn Bình }
"#;
    let (_, diags) = warnings(yaml);
    assert!(at(&diags, 8, 16, Kind::Empty, Severity::Warning).message.en.contains("title is empty"), "{}", show(&diags));
    assert!(at(&diags, 12, 16, Kind::Empty, Severity::Warning).message.en.contains("no content"), "{}", show(&diags));
    assert!(at(&diags, 15, 13, Kind::Empty, Severity::Warning).message.en.contains("no rows"), "{}", show(&diags));
    assert_eq!(diags.len(), 3, "{}", show(&diags));
    // A run-in text is content enough (after a title that ends with its colon:
    // without it, the run-in text is warned about on its own).
    let run_in = yaml.replace("      tieu_de: \"NHIỆM VỤ\"\n", "      tieu_de: \"NHIỆM VỤ:\"\n      chay_tiep: \"Như năm trước.\"\n");
    assert_eq!(warnings(&run_in).1.len(), 2, "{}", show(&warnings(&run_in).1));

    let no_summary = yaml.replace("trich_yeu: [\"Kết quả công tác năm 2023\"]", "trich_yeu: []");
    let diags = errors(&no_summary);
    let d = at(&diags, 5, 12, Kind::MissingField, Severity::Error);
    assert!(d.message.en.contains("trích yếu") && d.message.en.contains("BÁO CÁO"), "{}", d.render(Lang::En));
}

/// `- diem: ["…;", "…;", "…."]` in the body, as a khoản's points are written:
/// each text is its own point (a), b), c)), dash item or paragraph, not pieces
/// of one run together ("…05;Trực…"). A list with a styled run stays one
/// paragraph of runs.
#[test]
fn a_list_of_plain_texts_is_one_item_each() {
    let yaml = r#"loai: thong_bao
co_quan: { ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }
so: 5
dia_danh: An Bình
ngay: { ngay: 6, thang: 10, nam: 2026 }
trich_yeu: ["Lịch trực Tết"]
noi_dung:
  - doan: "Ủy ban nhân dân xã thông báo các việc sau:"
  - diem: ["Trực 24/24 giờ từ ngày 01 đến ngày 05;", "Trực lãnh đạo theo lịch;", "Báo cáo trước 16 giờ hằng ngày."]
  - muc:
      tieu_de: "Các thôn"
      noi_dung:
        - gach: ["Thôn Đông;", "Thôn Tây."]
  - doan: ["Tổng số ", { dam: "12" }, " người trực."]
noi_nhan: ["Các thôn;", "Lưu: VT."]
nguoi_ky: { tl: CHỦ TỊCH, chuc_vu: CHÁNH VĂN PHÒNG, ho_ten: Nguyễn Thị Hạnh }
"#;
    let (doc, _) = warnings(yaml);
    let items: Vec<(String, String)> = doc
        .blocks()
        .filter_map(|b| match b {
            vanban::resolve::Block::Item { marker, inlines } => Some((marker.clone(), inlines.iter().map(|i| i.text.as_str()).collect())),
            _ => None,
        })
        .collect();
    let want = [
        ("a)", "Trực 24/24 giờ từ ngày 01 đến ngày 05;"),
        ("b)", "Trực lãnh đạo theo lịch;"),
        ("c)", "Báo cáo trước 16 giờ hằng ngày."),
        ("-", "Thôn Đông;"),
        ("-", "Thôn Tây."),
    ];
    assert_eq!(items.len(), want.len(), "{items:#?}");
    for ((m, t), (wm, wt)) in items.iter().zip(want) {
        assert_eq!((m.as_str(), t.as_str()), (wm, wt));
    }
    // The styled list: one paragraph, its runs in order.
    let last = doc
        .blocks()
        .filter_map(|b| match b {
            vanban::resolve::Block::Paragraph { inlines } => Some(inlines.iter().map(|i| i.text.as_str()).collect::<String>()),
            _ => None,
        })
        .last()
        .unwrap();
    assert_eq!(last, "Tổng số 12 người trực./.");
}

/// Signing authorities no office signs: two of KT., Q., TL., TUQ. together, or
/// TL. under TM. Each is an error at the key; the forms NĐ 30 gives pass.
#[test]
fn impossible_signing_authorities_are_refused() {
    let with = |signer: &str| {
        format!(
            "loai: thong_bao
co_quan: {{ ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"], viet_tat: UBND }}
so: 5
dia_danh: An Bình
ngay: {{ ngay: 6, thang: 10, nam: 2026 }}
trich_yeu: [\"Lịch trực Tết\"]
noi_dung:
  - doan: \"Ủy ban nhân dân xã thông báo lịch trực.\"
noi_nhan: [\"Các thôn;\", \"Lưu: VT.\"]
nguoi_ky:
{signer}
"
        )
    };
    // Line 11 is the signer's first key.
    let two = errors(&with("  kt: CHỦ TỊCH\n  tl: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG\n  ho_ten: Nguyễn Thị Hạnh"));
    let d = at(&two, 12, 7, Kind::Format, Severity::Error);
    assert!(d.render(Lang::En).contains("`kt`, `tl`"), "{}", d.render(Lang::En));
    let under_tm = errors(&with("  tm: ỦY BAN NHÂN DÂN\n  tl: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG\n  ho_ten: Nguyễn Thị Hạnh"));
    assert!(at(&under_tm, 12, 7, Kind::Format, Severity::Error).render(Lang::En).contains("\"TL.\" is not signed under \"TM.\""));
    for fine in [
        "  tm: ỦY BAN NHÂN DÂN\n  kt: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH\n  ho_ten: Lê Văn Thành",
        "  tm: ỦY BAN NHÂN DÂN\n  chuc_vu: CHỦ TỊCH\n  ho_ten: Lê Văn Thành",
        "  tl: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG\n  ho_ten: Nguyễn Thị Hạnh",
        "  tuq: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG\n  ho_ten: Nguyễn Thị Hạnh",
    ] {
        let (_, d) = warnings(&with(fine));
        assert!(!d.iter().any(|d| d.kind == Kind::Format && d.is_error()), "{fine}: {}", show(&d));
    }
}

/// Dates as people write them: the date of issue typed as one value gets the
/// three-key form to write instead (its own numbers in it, when they make a
/// day of the calendar); a year that has
/// four digits is not told to "write four digits".
#[test]
fn a_date_written_as_text_is_shown_its_three_keys() {
    let example = std::fs::read_to_string("content/mau/thong-bao.yaml").unwrap();
    let line = example.lines().position(|l| l.starts_with("ngay:")).unwrap() as u64 + 1;
    let with = |date: &str| example.lines().map(|l| if l.starts_with("ngay:") { format!("ngay: {date}") } else { l.to_owned() }).collect::<Vec<_>>().join("\n");
    // A date not on the calendar is said so, and its impossible three keys are
    // not offered.
    let e = errors(&with("\"31/02/2027\""));
    let text = at(&e, line, 7, Kind::WrongType, Severity::Error).render(Lang::Vi);
    assert!(text.contains("ba khóa ngày, tháng, năm") && text.contains("ngày 31 tháng 2 năm 2027 không có trên lịch") && !text.contains("ngay: 31"), "{text}");
    for (written, want) in [("\"28/02/2027\"", "ngay: { ngay: 28, thang: 2, nam: 2027 }"), ("2027-02-28", "ngay: { ngay: 28, thang: 2, nam: 2027 }")] {
        let e = errors(&with(written));
        let d = at(&e, line, 7, Kind::WrongType, Severity::Error);
        let text = d.render(Lang::Vi);
        assert!(text.contains("ba khóa ngày, tháng, năm") && text.contains(want), "{text}");
    }
    let e = errors(&with("{ ngay: 5, thang: 3, nam: 3027 }"));
    let text = show(&e);
    assert!(text.contains("3027 cannot be the year of issue") && !text.contains("four digits"), "{text}");
    let e = errors(&with("{ ngay: 5, thang: 3, nam: 27 }"));
    assert!(show(&e).contains("write all four digits"), "{}", show(&e));
}

/// "ngày 05 tháng 07", "số 07": the zero a văn thư writes before a number
/// below 10, bare or quoted, is the number (the YAML parser alone reads a bare
/// 07 as a float and 05 as text).
#[test]
fn numbers_written_with_a_leading_zero_are_the_number() {
    let example = std::fs::read_to_string("content/mau/thong-bao.yaml").unwrap();
    let with = |date: &str, number: &str| {
        example
            .lines()
            .map(|l| if l.starts_with("ngay:") { format!("ngay: {date}\nso: {number}") } else if l.starts_with("so:") { String::new() } else { l.to_owned() })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (date, number) in [("{ ngay: 05, thang: 01, nam: 2027 }", "07"), ("{ ngay: \"05\", thang: \"01\", nam: 2027 }", "\"07\""), ("{ ngay: 5, thang: 1, nam: 2027 }", "7")] {
        let (doc, d) = warnings(&with(date, number));
        assert!(!d.iter().any(Diagnostic::is_error), "{date}: {}", show(&d));
        assert!(doc.header.date.ends_with("ngày 05 tháng 01 năm 2027"), "{date}: {}", doc.header.date);
        assert!(doc.header.number.starts_with("Số: 07/"), "{number}: {}", doc.header.number);
    }
    // Not a whole number: still refused.
    let e = errors(&with("{ ngay: 5, thang: 7.5, nam: 2027 }", "7"));
    assert!(show(&e).contains("7.5"), "{}", show(&e));
}

/// A `bang` prints its cells as written, so a number typed the English way in
/// a column of numbers would print as another number: warned at the cell, with
/// the Vietnamese reading when there is one. A TT column's "1.1" is numbering.
#[test]
fn malformed_numbers_in_a_plain_table_are_warned_about() {
    let yaml = r#"loai: to_trinh
co_quan: { ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }
so: 7
dia_danh: An Bình
ngay: { ngay: 6, thang: 10, nam: 2026 }
trich_yeu: ["Đề nghị hỗ trợ kinh phí"]
kinh_gui: ["Ủy ban nhân dân huyện Hoằng Hóa"]
noi_dung:
  - doan: "Kinh phí dự kiến như sau:"
  - bang:
      cot: [{ ten: TT }, { ten: Hạng mục }, { ten: "Kinh phí (triệu đồng)" }]
      dong:
        - ["1.1", "Kênh Đông", "1.234,5"]
        - ["1.2", "Kênh Tây", "1,234.5"]
        - ["1.3", "Cống số 3", "68.5"]
        - ["1.4", "Bờ bao", "4.15.0"]
        - ["1.5", "Dự phòng", "250"]
        - ["", "Cộng", "1.553,0"]
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }
"#;
    let (_, d) = warnings(yaml);
    let bad: Vec<&Diagnostic> = d.iter().filter(|d| d.kind == Kind::BadNumber).collect();
    assert_eq!(bad.len(), 3, "{}", show(&d));
    for (line, column, guess) in [(14, 31, Some("1.234,5")), (15, 32, Some("68,5")), (16, 29, None)] {
        let w = at(&d, line, column, Kind::BadNumber, Severity::Warning).render(Lang::En);
        match guess {
            Some(g) => assert!(w.contains(&format!("did you mean \"{g}\"")), "{w}"),
            None => assert!(!w.contains("did you mean"), "{w}"),
        }
    }
}

/// A heading with run-in text and no colon or full stop between them prints
/// "1. Công an xã Là cơ quan…": warned at the run-in text; with the colon, not.
#[test]
fn run_in_text_without_a_separator_is_warned_about() {
    let with = |title: &str| {
        format!(
            r#"loai: bao_cao
co_quan: {{ ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }}
so: 12
dia_danh: An Bình
ngay: {{ ngay: 5, thang: 7, nam: 2026 }}
trich_yeu: ["Kết quả công tác quân sự, quốc phòng"]
noi_dung:
  - muc:
      tieu_de: "{title}"
      chay_tiep: "Là cơ quan thường trực bảo đảm an ninh trật tự trên địa bàn."
noi_nhan: ["UBND huyện (b/c);", "Lưu: VT."]
nguoi_ky: {{ tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }}
"#
        )
    };
    let (_, d) = warnings(&with("Công an xã"));
    let w = at(&d, 10, 18, Kind::Punctuation, Severity::Warning).render(Lang::En);
    assert!(w.contains("\"Công an xã Là cơ quan") && w.contains("tieu_de: \"Công an xã:\""), "{w}");
    for fine in ["Công an xã:", "Công an xã."] {
        let (_, d) = warnings(&with(fine));
        assert!(!d.iter().any(|d| d.kind == Kind::Punctuation), "{fine}: {}", show(&d));
    }
}

/// A plain table's total row ("Tổng cộng", "Cộng:") is set bold, as offices set
/// it in Word; a row that merely mentions a total is not.
#[test]
fn a_total_row_of_a_plain_table_is_bold() {
    let yaml = LANDSCAPE_FIRST.replace(
        "                    - [\"2\", \"Trồng lúa\", \"300 ha\"]\n",
        "                    - [\"2\", \"Trồng lúa\", \"300 ha\"]\n                    - [\"\", \"Tổng cộng\", \"2 chỉ tiêu\"]\n                    - [\"3\", \"Tổng số hộ nghèo giảm\", \"12 hộ\"]\n                    - [\"Cộng:\", \"\", \"14\"]\n",
    );
    let (doc, _) = warnings(&yaml);
    let table = doc.body.iter().find_map(|b| if let vanban::resolve::Block::Table(t) = b { Some(t) } else { None }).expect("a table");
    let bold: Vec<bool> = table.rows.iter().map(|r| r.cells.iter().all(|c| c.bold)).collect();
    let any_bold: Vec<bool> = table.rows.iter().map(|r| r.cells.iter().any(|c| c.bold)).collect();
    assert_eq!(bold, [false, false, true, false, true]);
    assert_eq!(any_bold, bold);
}

/// A total that says what it adds up ("Tổng cộng (I+II)") is bold too; in a
/// table whose first column is "TT", group rows numbered "A" or "I" are bold
/// and the rows numbered 1, 2 are not.
#[test]
fn group_rows_and_a_bracketed_total_of_a_plain_table_are_bold() {
    let yaml = r#"loai: to_trinh
co_quan: { ten: ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"], viet_tat: UBND }
so: 7
dia_danh: An Bình
ngay: { ngay: 6, thang: 10, nam: 2026 }
trich_yeu: ["Đề nghị phê duyệt dự toán"]
kinh_gui: ["Ủy ban nhân dân huyện"]
noi_dung:
  - doan: "Dự toán như sau:"
  - bang:
      cot: [{ ten: "TT" }, { ten: "Nội dung", rong: 3 }, { ten: "Thành tiền (đồng)", rong: 2 }]
      dong:
        - ["A", "Chi xây lắp", "120.000.000"]
        - ["1", "Nạo vét kênh", "80.000.000"]
        - ["II", "Chi khác", "20.000.000"]
        - ["", "Tổng cộng (A+II)", "140.000.000"]
        - ["3", "Cộng thêm nhân công", "5.000.000"]
noi_nhan: ["Như trên;", "Lưu: VT."]
nguoi_ky: { tm: ỦY BAN NHÂN DÂN, chuc_vu: CHỦ TỊCH, ho_ten: Lê Văn An }
"#;
    let (doc, _) = warnings(yaml);
    let table = doc.body.iter().find_map(|b| if let vanban::resolve::Block::Table(t) = b { Some(t) } else { None }).expect("a table");
    let bold: Vec<bool> = table.rows.iter().map(|r| r.cells.iter().all(|c| c.bold)).collect();
    assert_eq!(bold, [true, false, true, true, false]);
}

/// A giấy giới thiệu of `ten`, with `extra` keys of co_quan.
fn introduction(ten: &str, extra: &str) -> String {
    format!(
        r#"loai: giay_gioi_thieu
co_quan: {{ ten: {ten}, viet_tat: UBND{extra} }}
dia_danh: Phường 15
ngay: {{ ngay: 9, thang: 6, nam: 2027 }}
gioi_thieu: "Ông Mùa A Sử"
duoc_cu_den: "Phòng Tài chính - Kế hoạch"
ve_viec: "Liên hệ công tác."
gia_tri_den: "30 tháng 6 năm 2027"
nguoi_ky: {{ chuc_vu: CHỦ TỊCH, ho_ten: Lò Văn Pâng }}
"#
    )
}

/// PL II §III.1.b–c and §IV.1: the opening sentence names the body with the
/// capitals the decree gives ("Phường 15", "Ban Chỉ huy Quân sự"), as the
/// date line beside it already did; words vanban does not know are warned
/// about, with the sentence as it prints and where to write it otherwise.
#[test]
fn the_body_is_named_in_running_text_with_the_decrees_capitals() {
    let opening = |doc: &Document| vanban::plain_text(doc).lines().find(|l| l.contains("trân trọng giới thiệu")).unwrap_or_default().to_owned();
    let (doc, diags) = warnings(&introduction(r#"["ỦY BAN NHÂN DÂN", "PHƯỜNG 15"]"#, ""));
    assert_eq!(opening(&doc), "Ủy ban nhân dân Phường 15 trân trọng giới thiệu:");
    assert!(diags.iter().all(|d| d.kind != Kind::Format), "{}", show(&diags));
    let (doc, _) = warnings(&introduction(r#"["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"]"#, ""));
    assert_eq!(opening(&doc), "Ủy ban nhân dân Thành phố Hồ Chí Minh trân trọng giới thiệu:");
    let (doc, _) = warnings(&introduction(r#"["BAN CHỈ HUY QUÂN SỰ", "XÃ PHÌNH GIÀNG"]"#, ""));
    assert_eq!(opening(&doc), "Ban Chỉ huy Quân sự xã Phình Giàng trân trọng giới thiệu:");

    let (doc, diags) = warnings(&introduction(r#"["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "XÃ PHÌNH GIÀNG"]"#, ""));
    assert_eq!(opening(&doc), "Ban Chỉ đạo chuyển đổi số xã Phình Giàng trân trọng giới thiệu:");
    let d = at(&diags, 2, 18, Kind::Format, Severity::Warning);
    let text = d.render(Lang::Vi);
    assert!(text.contains("\"CHUYỂN ĐỔI SỐ\"") && text.contains("ten_goi"), "{text}");
    // Written by the author, the name is theirs: no warning.
    let (doc, diags) = warnings(&introduction(r#"["BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ", "XÃ PHÌNH GIÀNG"]"#, r#", ten_goi: "Ban Chỉ đạo Chuyển đổi số xã Phình Giàng""#));
    assert_eq!(opening(&doc), "Ban Chỉ đạo Chuyển đổi số xã Phình Giàng trân trọng giới thiệu:");
    assert!(diags.iter().all(|d| d.kind != Kind::Format), "{}", show(&diags));
}

/// PL I §II.2.a: the issuing body's name in full; only the parent body may
/// be abbreviated.
#[test]
fn an_abbreviated_issuing_body_is_warned_about_with_its_full_name() {
    let (_, diags) = warnings(&introduction(r#"["UBND XÃ PHÌNH GIÀNG"]"#, ""));
    let d = at(&diags, 2, 18, Kind::Format, Severity::Warning);
    assert!(d.render(Lang::Vi).contains("\"ỦY BAN NHÂN DÂN XÃ PHÌNH GIÀNG\""), "{}", d.render(Lang::Vi));
    let (_, diags) = warnings(&introduction(r#"["ỦY BAN NHÂN DÂN", "XÃ PHÌNH GIÀNG"]"#, r#", chu_quan: ["UBND HUYỆN ĐIỆN BIÊN ĐÔNG"]"#));
    assert!(diags.iter().all(|d| d.kind != Kind::Format), "{}", show(&diags));
}
