//! Broken and hostile input (issue 6).
//!
//! Every case of the corpus `tests/bad/` (listed with its expected diagnostics in
//! `tests/bad/EXPECT.tsv`) goes through `vanban::prepare` and through the CLI
//! (`check`, `render`): the diagnostic has the expected kind, file, line and
//! column; errors exit 1 and render nothing, warnings exit 0 and render; nothing
//! panics, nothing hangs. Then: a failed render loses no older output, an
//! unwritable output folder exits 3, a symlink cannot lead out of the folder, a
//! 1 MB paragraph renders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use vanban::check::Diagnostic;
use vanban::layout::SizeProfile;
use vanban::resolve::Document;

/// How long `prepare` may take on any case of the corpus (alias bombs and
/// 10 000-deep nesting included): an error at once, never a hang.
const PREPARE_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one CLI run may take (a render of a small report takes well under a second).
const CLI_TIMEOUT: Duration = Duration::from_secs(120);

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn bad_dir() -> PathBuf {
    repo().join("tests/bad")
}

#[derive(Debug, Clone)]
struct Expect {
    severity: String,
    kind: String,
    file: String,
    line: u64,
    column: u64,
    contains: Vec<String>,
}

/// The cases of EXPECT.tsv, each with its expected diagnostics (none for `ok`).
fn cases() -> BTreeMap<String, (String, Vec<Expect>)> {
    let text = fs::read_to_string(bad_dir().join("EXPECT.tsv")).expect("tests/bad/EXPECT.tsv");
    let mut cases: BTreeMap<String, (String, Vec<Expect>)> = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let where_ = format!("EXPECT.tsv line {}", i + 1);
        let (case, severity) = (f[0].to_owned(), f.get(1).copied().unwrap_or_else(|| panic!("{where_}: no severity")));
        assert!(bad_dir().join(&case).is_file(), "{where_}: no file tests/bad/{case}");
        let entry = cases.entry(case).or_insert_with(|| (severity.to_owned(), Vec::new()));
        match severity {
            "ok" => assert_eq!(f.len(), 2, "{where_}: an ok case has no diagnostic"),
            "error" | "warning" => {
                assert!(f.len() >= 6, "{where_}: want case, severity, kind, file, line, column[, contains]");
                if severity == "error" {
                    entry.0 = "error".to_owned();
                }
                entry.1.push(Expect {
                    severity: severity.to_owned(),
                    kind: f[2].to_owned(),
                    file: f[3].to_owned(),
                    line: f[4].parse().unwrap_or_else(|_| panic!("{where_}: line")),
                    column: f[5].parse().unwrap_or_else(|_| panic!("{where_}: column")),
                    contains: f.get(6).map_or(Vec::new(), |c| c.split(" && ").map(str::to_owned).filter(|s| !s.is_empty()).collect()),
                });
            }
            other => panic!("{where_}: unknown severity {other:?}"),
        }
    }
    cases
}

/// Runs `prepare` in a thread and fails if it takes longer than [`PREPARE_TIMEOUT`].
fn prepare_bounded(path: &Path) -> Result<(Document, Vec<Diagnostic>), Vec<Diagnostic>> {
    let (tx, rx) = mpsc::channel();
    let p = path.to_owned();
    std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(vanban::prepare(&p, SizeProfile::P14));
        })
        .expect("thread");
    match rx.recv_timeout(PREPARE_TIMEOUT) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{}: prepare did not finish in {PREPARE_TIMEOUT:?}", path.display()),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{}: prepare panicked", path.display()),
    }
}

struct Run {
    code: Option<i32>,
    stderr: String,
}

/// Runs the binary with a time limit; kills it and fails past [`CLI_TIMEOUT`].
fn cli(args: &[&std::ffi::OsStr], cwd: &Path) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vanban");
    let stderr = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = std::io::Read::read_to_string(&mut std::io::BufReader::new(stderr), &mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > CLI_TIMEOUT {
            let _ = child.kill();
            panic!("vanban {args:?} did not finish in {CLI_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    Run { code: status.code(), stderr: reader.join().unwrap_or_default() }
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

/// What must never reach an official: a panic, a backtrace, an internal error.
fn assert_no_crash(what: &str, stderr: &str, failures: &mut Vec<String>) {
    for bad in ["panicked", "RUST_BACKTRACE", "internal error", "lỗi nội bộ"] {
        if stderr.contains(bad) {
            failures.push(format!("{what}: stderr contains {bad:?}:\n{stderr}"));
        }
    }
}

fn matches(d: &Diagnostic, e: &Expect, dir: &Path) -> bool {
    let severity = if d.is_error() { "error" } else { "warning" };
    severity == e.severity
        && format!("{:?}", d.kind) == e.kind
        && d.file == dir.join(&e.file)
        && d.line == e.line
        && d.column == e.column
}

fn describe(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| format!("  {:?} {:?} {}:{}:{}: {} | {}", d.severity, d.kind, d.file.display(), d.line, d.column, d.message.en, d.hint.as_ref().map_or("", |h| &h.en)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corpus_is_complete() {
    let cases = cases();
    assert!(cases.len() >= 40, "the corpus has only {} cases", cases.len());
    // Every file of tests/bad is a case or the indicator file of one.
    for entry in fs::read_dir(bad_dir()).expect("tests/bad") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if name == "EXPECT.tsv" || name == "README.md" {
            continue;
        }
        let owner = name.strip_suffix(".chi-tieu.yaml").map(|stem| format!("{stem}.yaml"));
        assert!(
            cases.contains_key(&name) || owner.as_ref().is_some_and(|o| cases.contains_key(o)),
            "tests/bad/{name} is neither a case of EXPECT.tsv nor the indicator file of one"
        );
    }
}

#[test]
fn library_reports_each_case_at_its_value() {
    let dir = bad_dir();
    let mut failures = Vec::new();
    for (case, (severity, expects)) in cases() {
        let path = dir.join(&case);
        let result = prepare_bounded(&path);
        let diags = match (&result, severity.as_str()) {
            (Err(diags), "error") => diags.clone(),
            (Ok((_, warnings)), "warning" | "ok") => warnings.clone(),
            (Ok((_, warnings)), _) => {
                failures.push(format!("{case}: prepare succeeded, an error was expected\n{}", describe(warnings)));
                continue;
            }
            (Err(diags), _) => {
                failures.push(format!("{case}: prepare failed, none was expected\n{}", describe(diags)));
                continue;
            }
        };
        if severity == "ok" && !diags.is_empty() {
            failures.push(format!("{case}: no diagnostic was expected\n{}", describe(&diags)));
        }
        for d in &diags {
            if d.line == 0 || d.column == 0 {
                failures.push(format!("{case}: a diagnostic without a place\n{}", describe(std::slice::from_ref(d))));
            }
        }
        for e in &expects {
            match diags.iter().find(|d| matches(d, e, &dir)) {
                None => failures.push(format!("{case}: expected {e:?}, got\n{}", describe(&diags))),
                Some(d) => {
                    let text = format!("{} {}", d.message.en, d.hint.as_ref().map_or("", |h| &h.en));
                    for want in &e.contains {
                        if !text.contains(want.as_str()) {
                            failures.push(format!("{case}: {want:?} is not in the message or hint: {text}"));
                        }
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn cli_check_and_render_each_case() {
    let dir = bad_dir();
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut failures = Vec::new();
    for (case, (severity, expects)) in cases() {
        let path = dir.join(&case);
        let want_code = if severity == "error" { 1 } else { 0 };

        let check = cli(&[os("--lang"), os("en"), os("check"), path.as_os_str()], repo());
        assert_no_crash(&format!("{case}: check"), &check.stderr, &mut failures);
        if check.code != Some(want_code) {
            failures.push(format!("{case}: check exited {:?}, want {want_code}\n{}", check.code, check.stderr));
        }
        for e in &expects {
            let at = format!("{}:{}:{}: {}", dir.join(&e.file).display(), e.line, e.column, e.severity);
            if !check.stderr.contains(&at) {
                failures.push(format!("{case}: check does not print {at:?}:\n{}", check.stderr));
            }
        }

        let out = tmp.path().join(case.trim_end_matches(".yaml"));
        let render = cli(&[os("--lang"), os("en"), os("render"), path.as_os_str(), os("-o"), out.as_os_str()], repo());
        assert_no_crash(&format!("{case}: render"), &render.stderr, &mut failures);
        if render.code != Some(want_code) {
            failures.push(format!("{case}: render exited {:?}, want {want_code}\n{}", render.code, render.stderr));
        }
        let written: Vec<String> = fs::read_dir(&out)
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        if severity == "error" {
            if !written.is_empty() {
                failures.push(format!("{case}: render wrote {written:?} despite errors"));
            }
        } else {
            let stem = case.trim_end_matches(".yaml");
            for ext in ["pdf", "docx"] {
                let file = out.join(format!("{stem}.{ext}"));
                if !fs::metadata(&file).is_ok_and(|m| m.len() > 0) {
                    failures.push(format!("{case}: render did not write {}\n{}", file.display(), render.stderr));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

/// Words of the YAML parser and of the operating system, which are English
/// whatever the language: a Vietnamese message says what they mean instead.
const FOREIGN_IN_VIETNAMESE: [&str; 8] = [
    "while parsing",
    "disallowed",
    "did not find expected",
    "found unknown",
    "os error",
    "Too many levels",
    "invalid length",
    "expected a ",
];

/// Every case of the corpus, checked in Vietnamese (the default): no message
/// or hint passes on the parser's or the system's English.
#[test]
fn vietnamese_messages_hold_no_english_of_the_parser() {
    let dir = bad_dir();
    let mut failures = Vec::new();
    for case in cases().keys() {
        let check = cli(&[os("check"), dir.join(case).as_os_str()], repo());
        for words in FOREIGN_IN_VIETNAMESE {
            if check.stderr.contains(words) {
                failures.push(format!("{case}: {words:?} in\n{}", check.stderr));
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n\n"));
}

/// A report, or its indicator file, that is a symbolic link leading back to
/// itself: said in Vietnamese, with what to do, not as the system's
/// "Too many levels of symbolic links (os error 40)".
#[cfg(unix)]
#[test]
fn a_symlink_loop_is_said_in_the_users_words() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let report = tmp.path().join("vong.yaml");
    std::os::unix::fs::symlink("vong.yaml", &report).expect("symlink");
    let check = cli(&[os("check"), report.as_os_str()], tmp.path());
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert!(check.stderr.contains("trỏ vòng về chính nó") && check.stderr.contains("cách sửa:"), "{}", check.stderr);
    assert!(!check.stderr.contains("os error"), "{}", check.stderr);

    let text = fs::read_to_string(bad_dir().join("zero-plan.yaml")).expect("zero-plan.yaml");
    fs::write(tmp.path().join("bao-cao.yaml"), text.replace("zero-plan.chi-tieu.yaml", "vong.chi-tieu.yaml")).expect("write");
    std::os::unix::fs::symlink("vong.chi-tieu.yaml", tmp.path().join("vong.chi-tieu.yaml")).expect("symlink");
    let check = cli(&[os("check"), os("bao-cao.yaml")], tmp.path());
    assert_eq!(check.code, Some(1), "{}", check.stderr);
    assert!(check.stderr.contains("tệp chỉ tiêu \"vong.chi-tieu.yaml\" là một liên kết (symlink) trỏ vòng"), "{}", check.stderr);
}

/// The table row of the corpus' indicator files, as displayed.
fn row_cells(doc: &Document, name: &str) -> Vec<String> {
    for block in &doc.body {
        if let vanban::resolve::Block::Table(t) = block {
            if let Some(row) = t.rows.iter().find(|r| r.cells.iter().any(|c| c.text == name)) {
                return row.texts();
            }
        }
    }
    panic!("no row {name:?}")
}

#[test]
fn zero_plan_and_negative_values_compute_without_panic() {
    let (doc, _) = prepare_bounded(&bad_dir().join("zero-plan.yaml")).expect("zero-plan prepares");
    let cells = row_cells(&doc, "Sản lượng lương thực");
    // TT, name, unit, plan 0, last year 2.240, done 2.300, 5 = 4/3·100, 6 = 4/2·100 (÷0), 7 = 2−4, note
    assert_eq!(cells[3..9], ["0", "2.240", "2.300", "102,68", "-", "-"], "{cells:?}");

    let (doc, _) = prepare_bounded(&bad_dir().join("negative-values.yaml")).expect("negative-values prepares");
    let cells = row_cells(&doc, "Sản lượng lương thực");
    assert_eq!(cells[3..9], ["-4.150", "-2.240", "-2.300", "102,68", "55,42", "-"], "{cells:?}");
}

#[test]
fn warnings_are_corrected_in_the_document() {
    let (doc, warnings) = prepare_bounded(&bad_dir().join("nfd-text.yaml")).expect("nfd-text prepares");
    assert_eq!(warnings.len(), 1);
    let json = serde_json::to_string(&doc).expect("json");
    assert!(json.contains("An Bình"), "the place is not NFC in the document");
    assert!(!json.contains("Bi\u{300}nh"), "NFD text reached the document");

    let (doc, _) = prepare_bounded(&bad_dir().join("pdf-u-horn.yaml")).expect("pdf-u-horn prepares");
    let json = serde_json::to_string(&doc).expect("json");
    assert!(json.contains("Kết quả thưc hiện"), "ƣ was not replaced by ư");
    assert!(!json.contains('ƣ'), "ƣ reached the document");
}

/// Zero-width spaces, soft hyphens and direction marks pasted from the web
/// print nothing but split words for search: taken out, and each line that
/// had one is named, at the first one's column. A comment is left alone.
#[test]
fn invisible_characters_are_removed_and_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = fs::read_to_string(bad_dir().join("zero-plan.yaml")).expect("zero-plan.yaml");
    let report = base
        .replace("\"Sản xuất nông nghiệp cơ bản ổn định.\"", "\"Sản xuất nông\u{200B} nghiệp cơ\u{AD}bản ổn\u{200E} định.\"  # ghi\u{200B}chú")
        .replace("  - bang_chi_tieu: zero-plan.chi-tieu.yaml\n", "  - bang_chi_tieu: zero-plan.chi-tieu.yaml\n# chú\u{200B}thích\n");
    assert_ne!(report, base);
    fs::copy(bad_dir().join("zero-plan.chi-tieu.yaml"), tmp.path().join("zero-plan.chi-tieu.yaml")).expect("copy table");
    let path = tmp.path().join("vo-hinh.yaml");
    fs::write(&path, &report).expect("write");
    let (doc, warnings) = prepare_bounded(&path).expect("prepares with warnings");
    let json = serde_json::to_string(&doc).expect("json");
    assert!(json.contains("Sản xuất nông nghiệp cơbản ổn định."), "{json}");
    for c in ['\u{200B}', '\u{AD}', '\u{200E}'] {
        assert!(!json.contains(c), "U+{:04X} reached the document", c as u32);
    }
    let line = report.lines().position(|l| l.contains("nông\u{200B}")).unwrap() as u64 + 1;
    let column = report.lines().nth(line as usize - 1).unwrap().chars().position(|c| c == '\u{200B}').unwrap() as u64 + 1;
    let invisible: Vec<&Diagnostic> = warnings.iter().filter(|d| d.message.en.contains("invisible character")).collect();
    assert_eq!(invisible.len(), 1, "one warning for the paragraph's line, none for the comments: {warnings:?}");
    assert_eq!((invisible[0].line, invisible[0].column), (line, column));
    assert!(invisible[0].message.en.contains("U+200B zero width space") && invisible[0].message.en.contains("3 such characters"), "{:?}", invisible[0].message);
}

#[test]
fn one_megabyte_paragraph_renders() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let base = fs::read_to_string(bad_dir().join("zero-plan.yaml")).expect("zero-plan.yaml");
    let sentence = "Sản xuất nông nghiệp cơ bản ổn định, các chỉ tiêu đạt khá. ";
    let long: String = sentence.repeat(1024 * 1024 / sentence.len() + 1);
    assert!(long.len() >= 1024 * 1024);
    let report = base
        .replace("  - bang_chi_tieu: zero-plan.chi-tieu.yaml\n", "")
        .replace("\"Sản xuất nông nghiệp cơ bản ổn định.\"", &format!("\"{long}\""));
    assert!(report.len() > 1024 * 1024);
    let path = tmp.path().join("dai.yaml");
    fs::write(&path, report).expect("write");
    let (doc, warnings) = prepare_bounded(&path).expect("a 1 MB paragraph is no error");
    assert!(warnings.is_empty(), "{}", describe(&warnings));
    assert!(vanban::plain_text(&doc).len() >= 1024 * 1024);

    let out = tmp.path().join("out");
    let run = cli(&[os("render"), path.as_os_str(), os("-o"), out.as_os_str()], repo());
    let mut failures = Vec::new();
    assert_no_crash("1 MB paragraph", &run.stderr, &mut failures);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert!(out.join("dai.pdf").is_file() && out.join("dai.docx").is_file());
}

#[cfg(unix)]
#[test]
fn symlink_out_of_the_folder_is_refused() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let report = fs::read_to_string(bad_dir().join("zero-plan.yaml"))
        .expect("zero-plan.yaml")
        .replace("zero-plan.chi-tieu.yaml", "lien-ket.chi-tieu.yaml");
    fs::write(tmp.path().join("bao-cao.yaml"), report).expect("write");
    std::os::unix::fs::symlink("/etc/passwd", tmp.path().join("lien-ket.chi-tieu.yaml")).expect("symlink");
    // From inside the folder, with a bare file name (its parent is "").
    let run = cli(&[os("--lang"), os("en"), os("check"), os("bao-cao.yaml")], tmp.path());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("bao-cao.yaml:11:20: error") && run.stderr.contains("outside"), "{}", run.stderr);
    assert!(!run.stderr.contains("root:"), "the contents of /etc/passwd leaked: {}", run.stderr);
    // And by a path from elsewhere.
    let run = cli(&[os("--lang"), os("en"), os("check"), tmp.path().join("bao-cao.yaml").as_os_str()], repo());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert!(run.stderr.contains("outside"), "{}", run.stderr);
}

/// Files of a folder with their bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .expect("read_dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), fs::read(e.path()).expect("read")))
        .collect()
}

/// A folder with a good report rendered into out/; returns (report, out).
fn rendered_once(tmp: &Path) -> (PathBuf, PathBuf) {
    for name in ["zero-plan.yaml", "zero-plan.chi-tieu.yaml"] {
        fs::copy(bad_dir().join(name), tmp.join(name)).expect("copy");
    }
    let report = tmp.join("zero-plan.yaml");
    let out = tmp.join("out");
    let run = cli(&[os("render"), report.as_os_str(), os("-o"), out.as_os_str()], repo());
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let before = snapshot(&out);
    assert!(before.contains_key("zero-plan.pdf") && before.contains_key("zero-plan.docx"), "{before:?}");
    (report, out)
}

fn no_temporary_files(dir: &Path) {
    for e in fs::read_dir(dir).expect("read_dir").filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        assert!(!(name.starts_with(".vanban-") && name.ends_with(".tmp")), "temporary file left: {name}");
    }
}

#[test]
fn failed_render_keeps_older_outputs() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let (report, out) = rendered_once(tmp.path());
    let before = snapshot(&out);
    // The same report, now broken: a content error.
    let broken = fs::read_to_string(&report).expect("read").replace("loai: bao_cao", "loai: bao_coa");
    fs::write(&report, broken).expect("write");
    let run = cli(&[os("render"), report.as_os_str(), os("-o"), out.as_os_str()], repo());
    assert_eq!(run.code, Some(1), "{}", run.stderr);
    assert_eq!(snapshot(&out), before, "an older output changed");
    no_temporary_files(&out);
}

/// Whether this process can write into a folder it made read-only (root can).
fn chmod_blocks_writes(tmp: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    let probe = tmp.join("probe");
    fs::create_dir(&probe).expect("mkdir");
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o555)).expect("chmod");
    let blocked = fs::write(probe.join("x"), b"x").is_err();
    fs::set_permissions(&probe, fs::Permissions::from_mode(0o755)).expect("chmod back");
    blocked
}

#[cfg(unix)]
#[test]
fn unwritable_output_exits_3_and_keeps_older_outputs() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tempdir");
    let (report, out) = rendered_once(tmp.path());
    let before = snapshot(&out);

    // An output folder that cannot be created: its parent is a regular file.
    let below_a_file = out.join("zero-plan.pdf").join("out");
    let run = cli(&[os("render"), report.as_os_str(), os("-o"), below_a_file.as_os_str()], repo());
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_eq!(snapshot(&out), before, "an older output changed");

    // An output that cannot be replaced: a folder stands where the PDF goes.
    let other = tmp.path().join("other");
    fs::create_dir_all(other.join("zero-plan.pdf")).expect("mkdir");
    fs::write(other.join("zero-plan.docx"), b"older").expect("write");
    let run = cli(&[os("render"), report.as_os_str(), os("-o"), other.as_os_str()], repo());
    assert_eq!(run.code, Some(3), "{}", run.stderr);
    assert_eq!(fs::read(other.join("zero-plan.docx")).expect("read"), b"older");
    assert!(other.join("zero-plan.pdf").is_dir());
    no_temporary_files(&other);

    // A read-only output folder, where permissions are enforced (not as root).
    if chmod_blocks_writes(tmp.path()) {
        fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).expect("chmod");
        let run = cli(&[os("render"), report.as_os_str(), os("-o"), out.as_os_str()], repo());
        fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).expect("chmod back");
        assert_eq!(run.code, Some(3), "{}", run.stderr);
        assert_eq!(snapshot(&out), before, "an older output changed");
        no_temporary_files(&out);
    }
}

/// A trích yếu or a Kính gửi of one line may be written without a list
/// (`trich_yeu: "…"`): the same document as the list (`["…"]`), and the line
/// keeps its place for the messages about it.
#[test]
fn a_single_line_may_be_written_without_a_list() {
    let one = fs::read_to_string(bad_dir().join("one-line-trich-yeu.yaml")).expect("the case");
    let list = one
        .replace(
            "trich_yeu: \"Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024\"",
            "trich_yeu: [\"Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024\"]",
        )
        .replace("kinh_gui: \"Ủy ban nhân dân huyện Hoằng Hóa\"", "kinh_gui:\n  - \"Ủy ban nhân dân huyện Hoằng Hóa\"");
    assert_ne!(one, list, "both keys rewritten as lists");
    let path = Path::new("mot-dong.yaml");
    let json = |text: &str| {
        let (doc, _) = vanban::prepare_str(path, text, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
        serde_json::to_string(&doc).expect("the document serialises")
    };
    let (a, b) = (json(&one), json(&list));
    assert_eq!(a, b);
    assert!(a.contains("Kính gửi: Ủy ban nhân dân huyện Hoằng Hóa."), "one recipient, on the Kính gửi line");
    assert!(a.contains("Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024"));

    // A character the font lacks, in a one-line trích yếu: named at its column.
    let snowman = one.replace("năm 2024\"", "năm 2024 ☃\"");
    let errors = vanban::prepare_str(path, &snowman, SizeProfile::P14).expect_err("a glyph the font lacks");
    let line = snowman.lines().position(|l| l.starts_with("trich_yeu:")).expect("the key") as u64 + 1;
    let column = snowman.lines().nth(line as usize - 1).expect("the line").chars().position(|c| c == '☃').expect("☃") as u64 + 1;
    assert!(errors.iter().any(|d| d.line == line && d.column == column), "{errors:#?}");
}

/// A block of lines (`kinh_gui: |`, one recipient a line) is the list it
/// means: two recipients, not one run-on name.
#[test]
fn a_block_of_lines_is_read_as_a_list() {
    let one = fs::read_to_string(bad_dir().join("one-line-trich-yeu.yaml")).expect("the case");
    let block = one.replace(
        "kinh_gui: \"Ủy ban nhân dân huyện Hoằng Hóa\"",
        "kinh_gui: |\n  Ủy ban nhân dân huyện Hoằng Hóa\n  Phòng Tài chính - Kế hoạch huyện\n",
    );
    let list = one.replace(
        "kinh_gui: \"Ủy ban nhân dân huyện Hoằng Hóa\"",
        "kinh_gui:\n  - \"Ủy ban nhân dân huyện Hoằng Hóa\"\n  - \"Phòng Tài chính - Kế hoạch huyện\"",
    );
    let json = |text: &str| {
        let (doc, _) = vanban::prepare_str(Path::new("khoi.yaml"), text, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
        serde_json::to_string(&doc).expect("the document serialises")
    };
    let (a, b) = (json(&block), json(&list));
    assert_eq!(a, b);
    assert!(!a.contains("Hoằng Hóa Phòng"), "two recipients, not one run-on name");
}

/// Nơi nhận of one recipient may be written without a list, and a block of
/// lines is the list it means, as for Kính gửi (review: it was refused).
#[test]
fn a_noi_nhan_may_be_one_line_or_a_block() {
    let one = fs::read_to_string(bad_dir().join("one-line-trich-yeu.yaml")).expect("the case");
    let start = one.find("noi_nhan:").expect("noi_nhan");
    let end = one[start..].find("\nnguoi_ky:").expect("nguoi_ky") + start + 1;
    let with = |noi_nhan: &str| format!("{}{noi_nhan}{}", &one[..start], &one[end..]);
    let json = |text: &str| {
        let (doc, _) = vanban::prepare_str(Path::new("noi-nhan.yaml"), text, SizeProfile::P14).unwrap_or_else(|d| panic!("{d:#?}"));
        serde_json::to_string(&doc).expect("the document serialises")
    };
    assert_eq!(json(&with("noi_nhan: \"Lưu: VT.\"\n")), json(&with("noi_nhan:\n  - \"Lưu: VT.\"\n")));
    assert_eq!(
        json(&with("noi_nhan: |\n  Như trên;\n  Lưu: VT.\n")),
        json(&with("noi_nhan:\n  - \"Như trên;\"\n  - \"Lưu: VT.\"\n"))
    );
}
