//! The DOCX of the seed report, as the built binary writes it: schema validity
//! (openxml-audit), what LibreOffice makes of it next to the typst PDF, its XML
//! (page, styles, the indicator table, the page header, core properties),
//! reproducibility and text hygiene.
//!
//! The XML tests need nothing but Rust. Three tests need outside tools —
//! `openxml-audit` (Python, `.venv/bin` on PATH in CI), LibreOffice (`soffice`)
//! and poppler (`pdftotext`, `pdfinfo`) — and are marked `#[ignore = "needs …"]`:
//! `cargo test --release` lists them as ignored with what they need, and
//! `.ci/run` (`-- --include-ignored`) runs them. Run that way, a missing tool
//! FAILS the test with a message saying what to install.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use quick_xml::events::Event;
use quick_xml::Reader;
use unicode_normalization::{is_nfc, UnicodeNormalization};
use vanban::layout::{Profile, SizeProfile};

mod common;

// ---------------------------------------------------------------------------
// Rendering with the built binary
// ---------------------------------------------------------------------------

const SEED: &str = "content/but-son-2023-6-thang.yaml";
const STEM: &str = "but-son-2023-6-thang";

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A render of the seed into a fresh temporary folder (deleted on drop).
struct Render {
    dir: tempfile::TempDir,
}

impl Render {
    fn docx(&self) -> PathBuf {
        self.dir.path().join(format!("{STEM}.docx"))
    }
    fn pdf(&self) -> PathBuf {
        self.dir.path().join(format!("{STEM}.pdf"))
    }
}

/// `vanban render SEED -o <temp> EXTRA…`, asserting success and both files.
fn render(extra: &[&str]) -> Render {
    let dir = tempfile::Builder::new()
        .prefix("vanban-docx-")
        .tempdir()
        .expect("temp dir");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .arg("render")
        .arg(SEED)
        .arg("-o")
        .arg(dir.path())
        .args(extra)
        .current_dir(repo())
        .output()
        .expect("run the vanban binary");
    assert!(
        out.status.success(),
        "vanban render {SEED} {extra:?} failed ({}):\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let r = Render { dir };
    for f in [r.docx(), r.pdf()] {
        assert!(f.is_file(), "vanban render did not write {}", f.display());
    }
    r
}

fn profile(p: SizeProfile) -> Profile {
    p.load().expect("layouts/profile.yaml loads")
}

/// Millimetres → twips, as the renderer rounds them.
fn twips(mm: f32) -> i64 {
    (mm * 1440.0 / 25.4).round() as i64
}

// ---------------------------------------------------------------------------
// External tools
// ---------------------------------------------------------------------------

/// Runs a tool, failing the test with `install` advice when it is not on PATH,
/// and killing it after `timeout`.
fn run_tool(program: &str, args: &[&str], install: &str, timeout: Duration) -> Output {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "required tool `{program}` could not be run ({e}); it is not optional: {install}"
            )
        });
    // Read the pipes on threads so that a chatty tool cannot block on a full pipe.
    let mut stdout = child.stdout.take().expect("stdout");
    let mut stderr = child.stderr.take().expect("stderr");
    let out_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stdout.read_to_end(&mut v);
        v
    });
    let err_thread = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = stderr.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for tool") {
            break status;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`{program} {args:?}` did not finish within {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_thread.join().unwrap_or_default(),
        stderr: err_thread.join().unwrap_or_default(),
    }
}

const POPPLER: &str = "install poppler (Debian/Ubuntu: apt-get install poppler-utils)";
const LIBREOFFICE: &str =
    "install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui)";
const AUDIT: &str =
    "install it with `python3 -m venv .venv && .venv/bin/pip install openxml-audit` \
                     and put .venv/bin on PATH (.ci/run does both)";

fn pdf_pages(pdf: &Path) -> usize {
    let out = run_tool(
        "pdfinfo",
        &[pdf.to_str().unwrap()],
        POPPLER,
        Duration::from_secs(60),
    );
    assert!(
        out.status.success(),
        "pdfinfo {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo gave no page count for {}:\n{text}", pdf.display()))
}

/// The text of `pdf` (or of its pages `first..=last`), NFC.
fn pdf_text(pdf: &Path, layout: bool, pages: Option<(usize, usize)>) -> String {
    let mut args: Vec<String> = Vec::new();
    if layout {
        args.push("-layout".into());
    }
    if let Some((first, last)) = pages {
        args.extend([
            "-f".into(),
            first.to_string(),
            "-l".into(),
            last.to_string(),
        ]);
    }
    args.extend([pdf.to_str().unwrap().to_owned(), "-".into()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = run_tool("pdftotext", &args, POPPLER, Duration::from_secs(60));
    assert!(
        out.status.success(),
        "pdftotext {} failed: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).nfc().collect()
}

/// Converts a DOCX to PDF with LibreOffice, in a user profile of its own (so
/// that tests running at the same time do not share one), into `out_dir`.
fn libreoffice_pdf(docx: &Path, out_dir: &Path) -> PathBuf {
    let profile = tempfile::Builder::new()
        .prefix("lo-")
        .tempdir()
        .expect("temp dir");
    let installation = format!("-env:UserInstallation=file://{}", profile.path().display());
    let out = run_tool(
        "soffice",
        &[
            &installation,
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            out_dir.to_str().unwrap(),
            docx.to_str().unwrap(),
        ],
        LIBREOFFICE,
        Duration::from_secs(300),
    );
    let pdf = out_dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        out.status.success() && pdf.is_file(),
        "LibreOffice did not convert {} ({}):\nstdout: {}\nstderr: {}",
        docx.display(),
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

// ---------------------------------------------------------------------------
// The package and a small XML tree
// ---------------------------------------------------------------------------

/// The parts of a DOCX by name.
fn parts(docx: &Path) -> BTreeMap<String, Vec<u8>> {
    let file = std::fs::File::open(docx).expect("open the DOCX");
    let mut zip = zip::ZipArchive::new(file).expect("the DOCX is a zip");
    let mut out = BTreeMap::new();
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).expect("zip entry");
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).expect("read zip entry");
        out.insert(entry.name().to_owned(), bytes);
    }
    out
}

#[derive(Debug)]
struct El {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

#[derive(Debug)]
enum Node {
    El(El),
    Text(String),
}

impl El {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a El> + 'a {
        self.elements().filter(move |e| e.name == name)
    }
    /// All descendants (and self) called `name`, in document order.
    fn all<'a>(&'a self, name: &str) -> Vec<&'a El> {
        let mut out = Vec::new();
        fn walk<'a>(e: &'a El, name: &str, out: &mut Vec<&'a El>) {
            if e.name == name {
                out.push(e);
            }
            for c in e.elements() {
                walk(c, name, out);
            }
        }
        walk(self, name, &mut out);
        out
    }
    /// The visible text: `w:t` contents, a space for `w:br` and `w:tab`, "-"
    /// for `w:noBreakHyphen` (as python-docx reads them).
    fn text(&self) -> String {
        let mut s = String::new();
        fn walk(e: &El, s: &mut String) {
            match e.name.as_str() {
                "w:br" | "w:tab" | "w:cr" => s.push(' '),
                "w:noBreakHyphen" => s.push('-'),
                "w:t" => {
                    for n in &e.children {
                        if let Node::Text(t) = n {
                            s.push_str(t);
                        }
                    }
                }
                // Field instructions are not text.
                "w:instrText" => {}
                _ => e.elements().for_each(|c| walk(c, s)),
            }
        }
        walk(self, &mut s);
        s
    }
    /// The value of `w:val` of the child `name`.
    fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }
}

fn parse_xml(bytes: &[u8], part: &str) -> El {
    let text = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{part} is not UTF-8: {e}"));
    let mut reader = Reader::from_str(text);
    let mut stack: Vec<El> = vec![El {
        name: "#document".into(),
        attrs: vec![],
        children: vec![],
    }];
    let element = |e: &quick_xml::events::BytesStart| El {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.unwrap_or_else(|err| panic!("{part}: bad attribute: {err}"));
                let value = a
                    .normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap_or_else(|err| panic!("{part}: bad attribute value: {err}"));
                (
                    String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                    value.into_owned(),
                )
            })
            .collect(),
        children: vec![],
    };
    loop {
        match reader
            .read_event()
            .unwrap_or_else(|e| panic!("{part}: XML error: {e}"))
        {
            Event::Eof => break,
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack.last_mut().unwrap().children.push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().expect("balanced XML");
                stack
                    .last_mut()
                    .unwrap_or_else(|| panic!("{part}: unbalanced XML"))
                    .children
                    .push(Node::El(el));
            }
            Event::Text(t) => {
                let t = t
                    .decode()
                    .unwrap_or_else(|e| panic!("{part}: bad text: {e}"))
                    .into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(t));
            }
            Event::GeneralRef(r) => {
                let name = r
                    .decode()
                    .unwrap_or_else(|e| panic!("{part}: bad reference: {e}"));
                let t = quick_xml::escape::unescape(&format!("&{name};"))
                    .unwrap_or_else(|e| panic!("{part}: unknown entity &{name};: {e}"))
                    .into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(t));
            }
            Event::CData(t) => {
                let t = String::from_utf8_lossy(&t).into_owned();
                stack.last_mut().unwrap().children.push(Node::Text(t));
            }
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "{part}: unclosed elements");
    stack.pop().unwrap()
}

/// The DOCX's XML parts, parsed.
struct Package {
    parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    fn open(docx: &Path) -> Self {
        Package { parts: parts(docx) }
    }
    fn raw(&self, name: &str) -> &[u8] {
        self.parts.get(name).unwrap_or_else(|| {
            panic!(
                "the DOCX has no part {name}; parts: {:?}",
                self.parts.keys()
            )
        })
    }
    fn xml(&self, name: &str) -> El {
        parse_xml(self.raw(name), name)
    }
    fn document(&self) -> El {
        self.xml("word/document.xml")
    }
    fn styles(&self) -> El {
        self.xml("word/styles.xml")
    }
    /// The part a relationship id of the main document points to.
    fn target(&self, id: &str) -> String {
        let rels = self.xml("word/_rels/document.xml.rels");
        let rel = rels
            .all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(id))
            .unwrap_or_else(|| panic!("no relationship {id} in word/_rels/document.xml.rels"));
        format!("word/{}", rel.attr("Target").expect("Target"))
    }
}

/// Paragraph styles by id.
fn styles_by_id(styles: &El) -> HashMap<String, &El> {
    styles
        .all("w:style")
        .into_iter()
        .filter_map(|s| s.attr("w:styleId").map(|id| (id.to_owned(), s)))
        .collect()
}

/// The font size (half-points) a run of paragraph `p` gets: the run's own, else
/// the paragraph style's (following basedOn), else the document default.
fn effective_size(p: &El, styles: &El) -> Option<u32> {
    let by_id = styles_by_id(styles);
    let run_size = p
        .all("w:r")
        .into_iter()
        .find(|r| !r.text().trim().is_empty())
        .and_then(|r| r.child("w:rPr"))
        .and_then(|rpr| rpr.val("w:sz"));
    if let Some(sz) = run_size {
        return sz.parse().ok();
    }
    let mut style = p
        .child("w:pPr")
        .and_then(|ppr| ppr.val("w:pStyle"))
        .unwrap_or("Normal")
        .to_owned();
    for _ in 0..16 {
        let Some(s) = by_id.get(&style) else { break };
        if let Some(sz) = s.child("w:rPr").and_then(|r| r.val("w:sz")) {
            return sz.parse().ok();
        }
        match s.val("w:basedOn") {
            Some(base) => style = base.to_owned(),
            None => break,
        }
    }
    styles
        .all("w:rPrDefault")
        .first()
        .and_then(|d| d.all("w:sz").first().and_then(|s| s.attr("w:val")))
        .and_then(|v| v.parse().ok())
}

/// The paragraph whose text contains `needle`.
fn paragraph_with<'a>(doc: &'a El, needle: &str) -> &'a El {
    doc.all("w:p")
        .into_iter()
        .find(|p| p.text().contains(needle))
        .unwrap_or_else(|| panic!("no paragraph of word/document.xml contains {needle:?}"))
}

/// The body's section properties (the last `w:sectPr`, a child of `w:body`).
fn body_section(doc: &El) -> &El {
    let body = doc.all("w:body").into_iter().next().expect("w:body");
    body.child("w:sectPr").expect("w:body has a final w:sectPr")
}

fn num(e: &El, attr: &str) -> i64 {
    e.attr(attr)
        .unwrap_or_else(|| panic!("<{}> has no {attr}", e.name))
        .parse()
        .unwrap_or_else(|err| panic!("<{}> {attr}: {err}", e.name))
}

/// The indicator table: the table whose first row says "CHỈ TIÊU".
fn indicator_table(doc: &El) -> &El {
    doc.all("w:tbl")
        .into_iter()
        .find(|t| {
            t.children_named("w:tr")
                .next()
                .is_some_and(|r| r.text().contains("CHỈ TIÊU"))
        })
        .expect("a table with a CHỈ TIÊU header row")
}

// ---------------------------------------------------------------------------
// Text comparison
// ---------------------------------------------------------------------------

/// NFC, whitespace collapsed to single spaces, and a line break after a hyphen
/// or slash that is attached to the word before it removed ("KT-\nXH" → "KT-XH";
/// "kinh tế - xã hội" keeps its spaces). Applied to both sides of a comparison.
fn normalize(s: &str) -> String {
    // No-break spaces (where a line may not break) count as spaces; nothing
    // invisible is dropped: the DOCX must hold the document's own characters.
    let collapsed = s
        .nfc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let chars: Vec<char> = collapsed.chars().collect();
    let mut out = String::with_capacity(collapsed.len());
    for (i, &c) in chars.iter().enumerate() {
        let joined_break = c == ' '
            && i >= 2
            && matches!(chars[i - 1], '-' | '/' | '–')
            && !chars[i - 2].is_whitespace();
        if !joined_break {
            out.push(c);
        }
    }
    out
}

/// The text of a PDF without the page numbers at the head of its pages (a
/// sentence running over a page break would have one in the middle). Pages are
/// separated by form feeds in pdftotext's output.
fn without_page_numbers(text: &str) -> String {
    text.split('\u{c}')
        .enumerate()
        .map(|(i, page)| {
            let number = (i + 1).to_string();
            let mut lines = page.lines().skip_while(|l| l.trim().is_empty()).peekable();
            if lines.peek().is_some_and(|l| l.trim() == number) {
                lines.next();
            }
            lines.collect::<Vec<_>>().join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Sentences of the seed report, exactly as content/but-son-2023-6-thang.yaml
/// writes them (checked against the file, so the sample cannot drift from it).
const SEED_SENTENCES: [&str; 9] = [
    "Tổng sản lượng lương thực có hạt 6 tháng đầu năm là 2.300 tấn đạt 55,42% KH.",
    "Tổng đàn gia súc, gia cầm đạt 140.603 con = 87,44%KH.",
    "Tổng nguồn vốn quỹ tín dụng nhân dân thị trấn là 146,4 tỷ đồng, số thành viên 2.119 thành viên; dư nợ cho vay 112,6 tỷ đồng; vốn huy động tiền gửi đạt 130,7 tỷ đồng; vốn cổ phần 3,830 tỷ đồng.",
    "Thu điều tiết các loại thuế: 1.284.671.000đ, đạt 49,6%KH",
    "Kết quả, năm học 2022-2023 đạt 429 giải (trong đó: cấp tỉnh 40 giải, cấp huyện 389 giải).",
    "6 tháng đầu năm 2023, trên địa bàn thị trấn xảy ra 28 vụ việc, đã xử lý và giải quyết 13 vụ, chuyển công an huyện xử lý theo thẩm quyền 15 vụ.",
    "Chứng thực chữ ký: 96 trường hợp, chứng thực hợp đồng giao dịch: 01 trường hợp; chứng thực bản sao từ bản chính 1.306 trường hợp.",
    "Đến nay, toàn thị trấn đã xây dựng được 24 vườn mẫu (cụ thể: Đạo Sơn 05, Hoằng Lọc 03, Bút Cương 04, Phú Vinh Tây 06, Vinh Sơn 01, Tân Sơn 04, Thọ Văn 01).",
    "Triển khai kế hoạch kỷ niệm 76 năm ngày Thương binh liệt sỹ 27/7/1947 - 27/7/2023 đạt hiệu quả cao.",
];

/// Values vanban derives (columns 5–7 of the indicator table).
const DERIVED_VALUES: [&str; 10] = [
    "102,68", "55,42", "1.850", "94,89", "78,57", "0,3", "42,11", "119,51", "50,26", "101,01",
];

/// The evaluation summary vanban writes into the "Tóm lại" paragraph.
const SUMMARY_SENTENCE: &str =
    "trong 29 chỉ tiêu giao đầu năm, có 12 chỉ tiêu được đánh giá vào cuối năm, \
     14 chỉ tiêu 6 tháng đầu năm được đánh giá là đạt và vượt trên 50%, 01 chỉ tiêu đạt dưới 50%, \
     02 chỉ tiêu chưa thực hiện";

// ---------------------------------------------------------------------------
// 1. Schema validity
// ---------------------------------------------------------------------------

/// openxml-audit (strict policy, unlimited findings, JSON) finds no error and
/// no warning, against the oldest and the newest Office schema sets.
#[test]
#[ignore = "needs openxml-audit (Python; .ci/run installs it)"]
fn openxml_audit_finds_no_errors() {
    let r = render(&[]);
    let docx = r.docx();
    for format in ["office2007", "microsoft365"] {
        let out = run_tool(
            "openxml-audit",
            &[
                "--format",
                format,
                "--policy",
                "strict",
                "--max-errors",
                "0",
                "--output",
                "json",
                docx.to_str().unwrap(),
            ],
            AUDIT,
            Duration::from_secs(300),
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let report: serde_json::Value = serde_json::from_str(&stdout).unwrap_or_else(|e| {
            panic!(
                "openxml-audit ({format}) gave no JSON report ({e}; exit {}):\n{stdout}\n{stderr}",
                out.status
            )
        });
        let results = report
            .as_array()
            .unwrap_or_else(|| panic!("openxml-audit ({format}): not a list:\n{stdout}"));
        assert_eq!(
            results.len(),
            1,
            "openxml-audit ({format}) reported on {} files:\n{stdout}",
            results.len()
        );
        let result = &results[0];
        let errors = result["errors"].as_array().map_or(0, Vec::len);
        let listing = serde_json::to_string_pretty(&result["errors"]).unwrap_or_default();
        assert_eq!(
            result["error_count"].as_u64(),
            Some(0),
            "openxml-audit ({format}) errors:\n{listing}"
        );
        assert_eq!(errors, 0, "openxml-audit ({format}) errors:\n{listing}");
        assert_eq!(
            result["valid"].as_bool(),
            Some(true),
            "openxml-audit ({format}) says invalid:\n{stdout}"
        );
        assert_eq!(
            result["warning_count"].as_u64(),
            Some(0),
            "openxml-audit ({format}) warnings:\n{stdout}"
        );
        // Its exit code says the same (1 when it finds errors).
        assert!(
            out.status.success(),
            "openxml-audit ({format}) exited {}:\n{stdout}\n{stderr}",
            out.status
        );
    }
}

// ---------------------------------------------------------------------------
// 2. LibreOffice's rendering next to the typst PDF
// ---------------------------------------------------------------------------

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn libreoffice_renders_the_docx_like_the_pdf() {
    let r = render(&[]);
    let lo_dir = tempfile::Builder::new()
        .prefix("vanban-lo-")
        .tempdir()
        .expect("temp dir");
    let lo_pdf = libreoffice_pdf(&r.docx(), lo_dir.path());

    // Within one page of the typst PDF.
    let (lo_pages, typst_pages) = (pdf_pages(&lo_pdf), pdf_pages(&r.pdf()));
    assert!(
        lo_pages.abs_diff(typst_pages) <= 1,
        "LibreOffice sets the DOCX on {lo_pages} pages, typst the PDF on {typst_pages}"
    );

    // The seed's sentences, the derived values and the summary sentence.
    let text = normalize(&without_page_numbers(&pdf_text(&lo_pdf, false, None)));
    let seed_yaml = std::fs::read_to_string(repo().join(SEED)).expect("read the seed");
    for sentence in SEED_SENTENCES {
        assert!(
            seed_yaml.contains(sentence),
            "test sample is not in {SEED}: {sentence:?}"
        );
        assert!(
            text.contains(&normalize(sentence)),
            "LibreOffice's PDF lacks the seed sentence {sentence:?}"
        );
    }
    assert!(
        text.contains(&normalize(SUMMARY_SENTENCE)),
        "LibreOffice's PDF lacks the summary sentence {SUMMARY_SENTENCE:?}"
    );
    // The closing mark ends the last sentence without doubling its ".".
    assert!(
        text.contains("các mục tiêu đã đề ra./."),
        "the body does not end with \"đã đề ra./.\""
    );
    assert!(
        !text.contains("../."),
        "a doubled \".\" before the closing mark"
    );

    // Derived values, as whole cells of the table (so "0,3" is not found in "130,7").
    let layout = pdf_text(&lo_pdf, true, None);
    let tokens: std::collections::HashSet<&str> = layout.split_whitespace().collect();
    for value in DERIVED_VALUES {
        assert!(
            tokens.contains(value),
            "LibreOffice's PDF lacks the derived value {value}"
        );
    }

    // Page numbers: none on page 1; "2" alone on the first line of page 2.
    // Page 1 begins with the header block (issuer | Quốc hiệu), nothing above it,
    // and no line of it is the number 1.
    let page1 = pdf_text(&lo_pdf, true, Some((1, 1)));
    let first = page1
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    assert!(
        first.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "page 1 should begin with the header block, begins with {first:?}"
    );
    assert!(
        !page1.lines().any(|l| l.trim() == "1"),
        "page 1 carries a page number:\n{page1}"
    );
    for page in [2, 3] {
        let text = pdf_text(&lo_pdf, true, Some((page, page)));
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        assert_eq!(
            first,
            page.to_string(),
            "the first line of page {page} should be its number"
        );
    }
    // …centred on the page (in the top margin, which spans the page width), as
    // in the typst PDF, not on the text area between the unequal side margins.
    let (page_width, words) = pdf_words(&lo_pdf, 2);
    let number = words
        .iter()
        .find(|w| w.text == "2")
        .expect("the word \"2\" on page 2");
    let top_text = words
        .iter()
        .filter(|w| w.text != "2")
        .map(|w| w.y_min)
        .fold(f64::MAX, f64::min);
    assert!(
        number.y_max <= top_text,
        "the page number is not above the text"
    );
    assert!(
        number.y_max < 20.0 * 72.0 / 25.4,
        "the page number is not in the top margin (y {})",
        number.y_max
    );
    let centre = (number.x_min + number.x_max) / 2.0;
    assert!(
        (centre - page_width / 2.0).abs() < 1.5,
        "the page number's centre is at {centre:.1} pt, the page's at {:.1} pt",
        page_width / 2.0
    );
}

struct Word {
    text: String,
    x_min: f64,
    x_max: f64,
    y_min: f64,
    y_max: f64,
}

/// The page width and the words (with their boxes, in pt from the top left) of
/// one page, from `pdftotext -bbox`.
fn pdf_words(pdf: &Path, page: usize) -> (f64, Vec<Word>) {
    let n = page.to_string();
    let out = run_tool(
        "pdftotext",
        &["-bbox", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
        POPPLER,
        Duration::from_secs(60),
    );
    assert!(
        out.status.success(),
        "pdftotext -bbox failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8_lossy(&out.stdout);
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag
            .find(&format!("{name}=\""))
            .unwrap_or_else(|| panic!("no {name} in {tag}"))
            + name.len()
            + 2;
        tag[at..]
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|e| panic!("{name} in {tag}: {e}"))
    };
    let page_tag = html
        .split("<page ")
        .nth(1)
        .expect("a <page> in pdftotext -bbox output");
    let page_width = attr(page_tag.split('>').next().unwrap(), "width");
    let words = html
        .split("<word ")
        .skip(1)
        .map(|w| {
            let (tag, rest) = w.split_once('>').expect("word tag");
            let text = rest.split("</word>").next().unwrap_or("").to_owned();
            Word {
                text,
                x_min: attr(tag, "xMin"),
                x_max: attr(tag, "xMax"),
                y_min: attr(tag, "yMin"),
                y_max: attr(tag, "yMax"),
            }
        })
        .collect();
    (page_width, words)
}

// ---------------------------------------------------------------------------
// 3. The XML
// ---------------------------------------------------------------------------

#[test]
fn page_size_margins_and_first_page() {
    let p = profile(SizeProfile::P14);
    let pkg = Package::open(&render(&[]).docx());
    let doc = pkg.document();
    let sections = doc.all("w:sectPr");
    assert_eq!(
        sections.len(),
        1,
        "the seed (no landscape table) is one section"
    );
    let sect = body_section(&doc);

    // A4 portrait (NĐ 30), and the same as the profile says.
    let size = sect.child("w:pgSz").expect("w:pgSz");
    assert_eq!(
        (num(size, "w:w"), num(size, "w:h")),
        (11906, 16838),
        "A4 in twips"
    );
    assert_eq!(
        (num(size, "w:w"), num(size, "w:h")),
        (twips(p.page.width), twips(p.page.height))
    );
    assert_ne!(size.attr("w:orient"), Some("landscape"));

    // Margins from layouts/profile.yaml, within the decree's ranges.
    let margin = sect.child("w:pgMar").expect("w:pgMar");
    let m = |side: &str| num(margin, side);
    assert_eq!(m("w:top"), twips(p.margin.top), "top margin");
    assert_eq!(m("w:bottom"), twips(p.margin.bottom), "bottom margin");
    assert_eq!(m("w:left"), twips(p.margin.left), "left margin");
    assert_eq!(m("w:right"), twips(p.margin.right), "right margin");
    for (side, lo, hi) in [
        ("w:top", 20.0, 25.0),
        ("w:bottom", 20.0, 25.0),
        ("w:left", 30.0, 35.0),
        ("w:right", 15.0, 20.0),
    ] {
        assert!(
            (twips(lo)..=twips(hi)).contains(&m(side)),
            "{side} {} twips is outside NĐ 30's {lo}–{hi} mm",
            m(side)
        );
    }
    // The page header sits inside the top margin.
    assert!(
        (0..m("w:top")).contains(&m("w:header")),
        "header distance {} twips",
        m("w:header")
    );

    // A distinct first page (titlePg) whose header is empty; the other pages'
    // header holds a PAGE field.
    assert!(
        sect.child("w:titlePg")
            .is_some_and(|t| t.attr("w:val").is_none_or(|v| v != "0" && v != "false")),
        "w:titlePg"
    );
    let reference = |kind: &str| {
        let r = sect
            .children_named("w:headerReference")
            .find(|r| r.attr("w:type") == Some(kind))
            .unwrap_or_else(|| panic!("no {kind} header reference"));
        pkg.target(r.attr("r:id").expect("r:id"))
    };
    let default = pkg.xml(&reference("default"));
    let has_page_field = default.all("w:fldSimple").iter().any(|f| {
        f.attr("w:instr")
            .is_some_and(|i| i.split_whitespace().next() == Some("PAGE"))
    }) || default.all("w:instrText").iter().any(|i| {
        let instr: String = i
            .children
            .iter()
            .map(|n| {
                if let Node::Text(t) = n {
                    t.as_str()
                } else {
                    ""
                }
            })
            .collect();
        instr.split_whitespace().next() == Some("PAGE")
    });
    assert!(has_page_field, "the default header has no PAGE field");
    if !default.all("w:instrText").is_empty() {
        let kinds: Vec<&str> = default
            .all("w:fldChar")
            .iter()
            .filter_map(|f| f.attr("w:fldCharType"))
            .collect();
        assert_eq!(
            kinds,
            ["begin", "separate", "end"],
            "the PAGE field's fldChar sequence"
        );
    }
    let header_paragraph = default
        .all("w:p")
        .into_iter()
        .next()
        .expect("a header paragraph");
    let ppr = header_paragraph.child("w:pPr");
    let styles = pkg.styles();
    let by_id = styles_by_id(&styles);
    let jc = ppr.and_then(|p| p.val("w:jc")).or_else(|| {
        let style = ppr.and_then(|p| p.val("w:pStyle"))?;
        by_id.get(style)?.child("w:pPr")?.val("w:jc")
    });
    assert_eq!(jc, Some("center"), "the page number is centred");
    let first = pkg.xml(&reference("first"));
    assert!(
        first.text().trim().is_empty(),
        "the first-page header has text: {:?}",
        first.text()
    );
    assert!(
        first.all("w:fldSimple").is_empty() && first.all("w:instrText").is_empty(),
        "a field in the first-page header"
    );
    // No footers at all (page numbers belong in the header).
    assert!(
        sect.child("w:footerReference").is_none(),
        "a footer reference"
    );
}

#[test]
fn fonts_sizes_language_and_heading_styles() {
    let p = profile(SizeProfile::P14);
    let pkg = Package::open(&render(&[]).docx());
    let (doc, styles) = (pkg.document(), pkg.styles());
    let by_id = styles_by_id(&styles);

    // Times New Roman everywhere, Vietnamese.
    let defaults = styles.all("w:rPrDefault");
    let default_rpr = defaults
        .first()
        .and_then(|d| d.child("w:rPr"))
        .expect("w:rPrDefault/w:rPr");
    let fonts = default_rpr.child("w:rFonts").expect("default w:rFonts");
    for slot in ["w:ascii", "w:hAnsi", "w:cs"] {
        assert_eq!(
            fonts.attr(slot),
            Some("Times New Roman"),
            "default font {slot}"
        );
    }
    let normal = by_id.get("Normal").expect("a Normal style");
    let normal_rpr = normal.child("w:rPr").expect("Normal w:rPr");
    if let Some(f) = normal_rpr.child("w:rFonts") {
        assert_eq!(f.attr("w:ascii"), Some("Times New Roman"), "Normal's font");
    }
    for f in styles
        .all("w:rFonts")
        .into_iter()
        .chain(doc.all("w:rFonts"))
    {
        for (k, v) in &f.attrs {
            if !k.ends_with("Theme") {
                assert_eq!(
                    v, "Times New Roman",
                    "a font other than Times New Roman: {k}={v}"
                );
            }
        }
    }
    let lang = default_rpr
        .child("w:lang")
        .expect("w:lang in the run defaults");
    assert_eq!(lang.attr("w:val"), Some("vi-VN"), "w:lang");

    // Sizes: Normal is the body size (14 pt = 28 half-points), Nơi nhận items 11 pt.
    let half = |pt: f32| (pt * 2.0).round() as u32;
    assert_eq!(half(p.size_body), 28);
    assert_eq!(
        normal_rpr.val("w:sz"),
        Some(half(p.size_body).to_string().as_str()),
        "Normal's w:sz"
    );
    let body = paragraph_with(&doc, "Tổng đàn gia súc, gia cầm đạt 140.603 con");
    assert_eq!(
        effective_size(body, &styles),
        Some(half(p.size_body)),
        "a body paragraph's size"
    );
    let recipient = paragraph_with(&doc, "Lưu: VT.");
    assert_eq!(
        effective_size(recipient, &styles),
        Some(half(p.size_recipients)),
        "a Nơi nhận item's size"
    );
    assert_eq!(half(p.size_recipients), 22);
    let label = paragraph_with(&doc, "Nơi nhận:");
    assert_eq!(
        effective_size(label, &styles),
        Some(half(p.size_recipients_label)),
        "Nơi nhận's size"
    );
    let national = paragraph_with(&doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(
        effective_size(national, &styles),
        Some(half(p.size_national_title)),
        "Quốc hiệu's size"
    );
    let motto = paragraph_with(&doc, "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(
        effective_size(motto, &styles),
        Some(half(p.size_motto)),
        "Tiêu ngữ's size"
    );

    // Heading 1–4 with outline levels 0–3, each used by the body.
    let used: Vec<&str> = doc
        .all("w:pStyle")
        .into_iter()
        .filter_map(|s| s.attr("w:val"))
        .collect();
    for (level, id) in ["Heading1", "Heading2", "Heading3", "Heading4"]
        .iter()
        .enumerate()
    {
        let style = by_id.get(*id).unwrap_or_else(|| panic!("no style {id}"));
        assert_eq!(style.attr("w:type"), Some("paragraph"));
        let outline = style.child("w:pPr").and_then(|p| p.val("w:outlineLvl"));
        assert_eq!(
            outline,
            Some(level.to_string().as_str()),
            "{id}'s outline level"
        );
        assert!(used.contains(id), "no paragraph uses {id}");
    }
    // The headings are where they should be, and bold (from the style, never
    // switched off in their titles).
    for (text, id) in [
        ("Phần thứ nhất", "Heading1"),
        ("I. NHỮNG KẾT QUẢ ĐẠT ĐƯỢC", "Heading2"),
        ("1. Lĩnh vực kinh tế", "Heading3"),
        ("1.1. Sản xuất nông nghiệp, thủy sản", "Heading4"),
    ] {
        let para = paragraph_with(&doc, text);
        assert_eq!(
            para.child("w:pPr").and_then(|p| p.val("w:pStyle")),
            Some(id),
            "{text:?}"
        );
        assert!(
            by_id[id]
                .child("w:rPr")
                .is_some_and(|r| r.child("w:b").is_some()),
            "{id} is not bold"
        );
        for run in para.all("w:r") {
            let off = run
                .child("w:rPr")
                .and_then(|r| r.child("w:b"))
                .and_then(|b| b.attr("w:val"));
            assert!(
                !matches!(off, Some("0" | "false")),
                "bold switched off in {text:?}: {:?}",
                run.text()
            );
        }
    }
}

#[test]
fn indicator_table_structure() {
    let p = profile(SizeProfile::P14);
    let pkg = Package::open(&render(&[]).docx());
    let doc = pkg.document();
    let sect = body_section(&doc);
    let size = sect.child("w:pgSz").expect("w:pgSz");
    let margin = sect.child("w:pgMar").expect("w:pgMar");
    let text_width = num(size, "w:w") - num(margin, "w:left") - num(margin, "w:right");
    assert_eq!(text_width, 11906 - 1701 - 850);

    let table = indicator_table(&doc);
    let grid: Vec<i64> = table
        .child("w:tblGrid")
        .expect("w:tblGrid")
        .children_named("w:gridCol")
        .map(|c| num(c, "w:w"))
        .collect();
    assert_eq!(grid.len(), 10, "grid columns: {grid:?}");
    assert_eq!(grid.len(), p.table_columns.len());
    let total: i64 = grid.iter().sum();
    assert!(
        (total - text_width).abs() <= 10,
        "the columns add up to {total}, the text width is {text_width}"
    );
    // Each column as the profile says (mm → twips, within rounding).
    for (i, (w, mm)) in grid.iter().zip(&p.table_columns).enumerate() {
        assert!(
            (w - twips(*mm)).abs() <= 2,
            "column {i}: {w} twips, profile {mm} mm"
        );
    }
    let layout = table
        .child("w:tblPr")
        .and_then(|p| p.child("w:tblLayout"))
        .and_then(|l| l.attr("w:type"));
    assert_eq!(
        layout,
        Some("fixed"),
        "fixed layout (Word keeps the widths)"
    );

    let rows: Vec<&El> = table.children_named("w:tr").collect();
    assert!(rows.len() > 30, "{} rows", rows.len());
    let cells = table.all("w:tc");
    let tc_val = |c: &El, name: &str| {
        c.child("w:tcPr")
            .and_then(|p| p.child(name))
            .map(|e| e.attr("w:val").unwrap_or("continue").to_owned())
    };
    assert!(
        cells
            .iter()
            .any(|c| tc_val(c, "w:gridSpan").as_deref() == Some("4")),
        "no gridSpan=4 (the result group)"
    );
    let merges: Vec<String> = cells.iter().filter_map(|c| tc_val(c, "w:vMerge")).collect();
    assert!(merges.iter().any(|m| m == "restart"), "no vMerge restart");
    assert!(merges.iter().any(|m| m == "continue"), "no vMerge continue");
    // The spans fill the grid on every row.
    for (i, row) in rows.iter().enumerate() {
        let span: i64 = row
            .children_named("w:tc")
            .map(|c| {
                tc_val(c, "w:gridSpan")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1)
            })
            .sum();
        assert_eq!(span, 10, "row {i} spans {span} grid columns");
    }

    // The three header rows repeat, no other; no row splits across pages.
    let row_flag = |r: &El, name: &str| {
        r.child("w:trPr")
            .and_then(|p| p.child(name))
            .is_some_and(|f| !matches!(f.attr("w:val"), Some("0" | "false" | "off")))
    };
    let header_rows: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| row_flag(r, "w:tblHeader"))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(header_rows, [0, 1, 2], "rows with w:tblHeader");
    let split: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !row_flag(r, "w:cantSplit"))
        .map(|(i, _)| i)
        .collect();
    assert!(split.is_empty(), "rows without w:cantSplit: {split:?}");
    // The header says what the columns are.
    let head = rows[0].text();
    for label in ["TT", "CHỈ TIÊU", "ĐVT", "Ghi chú"] {
        assert!(
            head.contains(label),
            "header row 1 lacks {label:?}: {head:?}"
        );
    }
}

/// The PDF's indicator table has its column lines where the DOCX's grid puts
/// them, to a hundredth of a point: both round each column's edge to the
/// twip the same way (the template used to round nothing, and a cell could
/// be a twip wider in one print than in the other).
#[test]
fn the_pdf_table_columns_stand_on_the_docx_grid() {
    let r = render(&[]);
    let parts = parts(&r.docx());
    let doc = parse_xml(&parts["word/document.xml"], "word/document.xml");
    let left = num(body_section(&doc).all("w:pgMar")[0], "w:left");
    let mut edge = left;
    let mut edges = vec![edge];
    for col in indicator_table(&doc).all("w:gridCol") {
        edge += num(col, "w:w");
        edges.push(edge);
    }
    assert!(edges.len() > 4, "{edges:?}");
    let pages = common::pdf_read::read(&std::fs::read(r.pdf()).unwrap());
    let page = pages.iter().find(|p| p.text().contains("CHỈ TIÊU")).expect("the table's page");
    // Vertical lines: thin and tall.
    let lines: Vec<f64> = page.paths.iter().filter(|b| b.x1 - b.x0 < 1.0 && b.bottom - b.top > 5.0).map(|b| (b.x0 + b.x1) / 2.0).collect();
    for twips in edges {
        let x = twips as f64 / 20.0;
        let nearest = lines.iter().map(|l| (l - x).abs()).fold(f64::INFINITY, f64::min);
        assert!(nearest < 0.01, "no column line at {x:.2} pt (nearest {nearest:.3} pt off): {lines:?}");
    }
}

#[test]
fn core_properties() {
    let pkg = Package::open(&render(&[]).docx());
    let core = pkg.xml("docProps/core.xml");
    let field = |name: &str| -> String {
        core.all(name)
            .first()
            .map(|e| e.text_content())
            .unwrap_or_else(|| panic!("docProps/core.xml has no {name}"))
    };
    assert!(
        field("dc:title").contains("BÁO CÁO"),
        "dc:title {:?}",
        field("dc:title")
    );
    assert_eq!(field("dc:creator"), "ỦY BAN NHÂN DÂN THỊ TRẤN BÚT SƠN");
    assert_eq!(field("dc:language"), "vi-VN");
    for date in ["dcterms:created", "dcterms:modified"] {
        assert!(
            field(date).starts_with("2023-06-01"),
            "{date} {:?}",
            field(date)
        );
    }
}

impl El {
    /// All text nodes below, concatenated (for non-WordprocessingML parts).
    fn text_content(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::El(e) => s.push_str(&e.text_content()),
            }
        }
        s
    }
}

/// Everything the reader sees in the document is in the DOCX: every text block
/// of the resolved document, and every cell of the indicator table.
#[test]
fn no_content_is_lost() {
    let (resolved, _) =
        vanban::prepare(&repo().join(SEED), SizeProfile::P14).expect("the seed prepares");
    let pkg = Package::open(&render(&[]).docx());
    let doc = pkg.document();
    let paragraphs: Vec<String> = doc
        .all("w:p")
        .iter()
        .map(|p| normalize(&p.text()))
        .collect();
    let all = paragraphs.join("\n");
    let table_cells: std::collections::HashSet<String> = indicator_table(&doc)
        .all("w:tc")
        .iter()
        .map(|c| normalize(&c.text()))
        .collect();
    for block in &resolved.body {
        if let vanban::resolve::Block::Table(t) = block {
            for row in &t.rows {
                for cell in row.texts().iter().filter(|c| !c.is_empty()) {
                    assert!(
                        table_cells.contains(&normalize(cell)),
                        "table cell {cell:?} is not in the DOCX"
                    );
                }
            }
            continue;
        }
        let text = vanban::plain_text(&vanban::resolve::Document {
            body: vec![block.clone()],
            ..resolved.clone()
        });
        for line in text.lines().map(normalize).filter(|l| !l.is_empty()) {
            assert!(
                all.contains(&line),
                "text of the body missing from the DOCX: {line:?}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Reproducibility
// ---------------------------------------------------------------------------

#[test]
fn rendering_twice_gives_the_same_bytes() {
    for extra in [&[][..], &["--profile", "13"][..]] {
        let (a, b) = (render(extra), render(extra));
        let (x, y) = (
            std::fs::read(a.docx()).unwrap(),
            std::fs::read(b.docx()).unwrap(),
        );
        assert!(
            x == y,
            "two renders with {extra:?} differ ({} and {} bytes)",
            x.len(),
            y.len()
        );
    }
}

/// The 13 profile is a different document: sizes fall together.
#[test]
fn profile_13_sizes_fall_together() {
    let p = profile(SizeProfile::P13);
    let pkg = Package::open(&render(&["--profile", "13"]).docx());
    let (doc, styles) = (pkg.document(), pkg.styles());
    let half = |pt: f32| (pt * 2.0).round() as u32;
    assert_eq!(half(p.size_body), 26);
    let body = paragraph_with(&doc, "Tổng đàn gia súc, gia cầm đạt 140.603 con");
    assert_eq!(effective_size(body, &styles), Some(half(p.size_body)));
    let national = paragraph_with(&doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(
        effective_size(national, &styles),
        Some(half(p.size_national_title))
    );
}

// ---------------------------------------------------------------------------
// 5. Text hygiene
// ---------------------------------------------------------------------------

/// No "ƣ" (a legacy-font artefact standing for "ư") and only NFC text, in the
/// document, its headers and its properties.
#[test]
fn text_is_nfc_without_legacy_letters() {
    let pkg = Package::open(&render(&[]).docx());
    let doc = pkg.document();
    let text: String = doc
        .all("w:t")
        .iter()
        .map(|t| t.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        String::from_utf8_lossy(pkg.raw("word/document.xml")).contains(r#">KT</w:t><w:noBreakHyphen/><w:t xml:space="preserve">XH"#),
        "the seed's \"KT-XH\" with Word's non-breaking hyphen"
    );
    assert!(
        text.contains("Hạnh phúc") && text.len() > 10_000,
        "too little text extracted ({} bytes)",
        text.len()
    );
    for (name, bytes) in &pkg.parts {
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let xml = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{name} is not UTF-8: {e}"));
        assert!(
            !xml.contains('ƣ') && !xml.contains('Ƣ'),
            "{name} contains \"ƣ\""
        );
        assert!(is_nfc(xml), "{name} is not NFC");
        // Only the document's own characters: no word joiner, zero-width space or
        // stray non-breaking-hyphen character (Word's Find, copy-paste and text
        // readers would see them); a hyphen that must not break is Word's element.
        if let Some(c) = xml.chars().find(|c| matches!(c, '\u{2060}' | '\u{200B}' | '\u{2011}' | '\u{FEFF}')) {
            panic!("{name} holds U+{:04X}", c as u32);
        }
    }
    assert!(!text.contains('ƣ'), "the document text contains \"ƣ\"");
    assert!(is_nfc(&text), "the document text is not NFC");
}

/// The first words of each page's body (after the page number), for comparing
/// where two renderings break their pages.
fn page_starts(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf, false, None);
    text.split('\u{c}')
        .enumerate()
        .filter(|(_, page)| !page.trim().is_empty())
        .map(|(i, page)| {
            let number = (i + 1).to_string();
            page.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && *l != number)
                .flat_map(str::split_whitespace)
                .take(5)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
#[ignore = "needs LibreOffice and poppler (.ci/run installs them)"]
fn the_docx_breaks_its_pages_where_the_pdf_does() {
    // Both renderers break lines greedily (typst: linebreaks "simple", as Word
    // and LibreOffice do), keep the same headings with what follows and keep the
    // same spans unbroken (all decided in resolve), so an office suite's pages
    // start on the same line as the PDF's, in both size profiles.
    for extra in [&[][..], &["--profile", "13"][..]] {
        let r = render(extra);
        let lo_dir = tempfile::Builder::new().prefix("vanban-lo-").tempdir().expect("temp dir");
        let lo_pdf = libreoffice_pdf(&r.docx(), lo_dir.path());
        let (typst, office) = (page_starts(&r.pdf()), page_starts(&lo_pdf));
        assert_eq!(typst, office, "{extra:?}: pages start differently (typst, then LibreOffice)");
    }
}
