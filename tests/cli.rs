//! The command line as an office and a CI use it: exit codes, batches, `new`,
//! `watch`, messages in Vietnamese or English.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_vanban");

fn vanban(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env_remove("LANG").env_remove("LC_ALL").env_remove("LC_MESSAGES").output().expect("run vanban")
}

fn code(o: &Output) -> i32 {
    o.status.code().expect("exit code")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A copy of the seed (report + indicator file) under `name` in `dir`.
fn seed_copy(dir: &Path, name: &str) -> PathBuf {
    let report = std::fs::read_to_string("content/but-son-2023-6-thang.yaml").unwrap();
    std::fs::copy("content/but-son-2023-6-thang.chi-tieu.yaml", dir.join("but-son-2023-6-thang.chi-tieu.yaml")).unwrap();
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(&path, report).unwrap();
    path
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir).map_or(Vec::new(), |d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect());
    names.sort();
    names
}

#[test]
fn exit_codes_say_what_happened() {
    let dir = tempfile::tempdir().unwrap();
    let good = seed_copy(dir.path(), "good");
    assert_eq!(code(&vanban(&["check", good.to_str().unwrap()])), 0);
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "loai: bao_cao\nco_quan: [1, 2\n").unwrap();
    assert_eq!(code(&vanban(&["check", bad.to_str().unwrap()])), 1);
    // Usage errors: unknown command, unknown option, missing argument, bad profile.
    assert_eq!(code(&vanban(&["frobnicate"])), 2);
    assert_eq!(code(&vanban(&["render", "--no-such-flag", good.to_str().unwrap()])), 2);
    assert_eq!(code(&vanban(&["render"])), 2);
    assert_eq!(code(&vanban(&["render", "--profile", "12", good.to_str().unwrap()])), 2);
    // Help exits 0 and shows an example.
    let help = vanban(&["render", "--help"]);
    assert_eq!(code(&help), 0);
    assert!(String::from_utf8_lossy(&help.stdout).contains("vanban render content/but-son-2023-6-thang.yaml"));
    // An output folder that cannot be created is an internal error (3), not a content error.
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("out");
    assert_eq!(code(&vanban(&["render", good.to_str().unwrap(), "-o", out.to_str().unwrap()])), 3);
}

#[test]
fn messages_are_vietnamese_by_default_and_english_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yaml");
    std::fs::write(&bad, "loai: bao_cao\ndia_danhh: X\n").unwrap();
    let vi = stderr(&vanban(&["check", bad.to_str().unwrap()]));
    assert!(vi.contains(":2:1: lỗi:"), "{vi}");
    assert!(vi.contains("dia_danh"), "did-you-mean missing: {vi}");
    assert!(vi.contains("không có trong mẫu báo cáo"), "{vi}");
    // The unknown key is said of the document's own type.
    let qd = dir.path().join("qd.yaml");
    std::fs::write(&qd, "loai: quyet_dinh\ntrich_yue: X\n").unwrap();
    let vi_qd = stderr(&vanban(&["check", qd.to_str().unwrap()]));
    assert!(vi_qd.contains(":2:1: lỗi: khóa `trich_yue` không có trong mẫu quyết định"), "{vi_qd}");
    assert!(vi_qd.contains("trich_yeu"), "did-you-mean missing: {vi_qd}");
    let en = stderr(&vanban(&["--lang", "en", "check", bad.to_str().unwrap()]));
    assert!(en.contains(":2:1: error: unknown key `dia_danhh`"), "{en}");
    assert!(en.contains("did you mean `dia_danh`?"), "{en}");
    let by_locale = Command::new(BIN).args(["check", bad.to_str().unwrap()]).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("LC_MESSAGES").output().unwrap();
    assert!(stderr(&by_locale).contains("error:"));
}

#[test]
fn a_batch_renders_the_good_files_and_reports_the_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let a = seed_copy(dir.path(), "xa-a");
    let b = seed_copy(dir.path(), "xa-b");
    let broken = dir.path().join("xa-c.yaml");
    let text = std::fs::read_to_string(&a).unwrap().replace("dia_danh: Bút Sơn", "dia_danh: Bút Sơn\nthang_sai: 1");
    std::fs::write(&broken, text).unwrap();
    let out = dir.path().join("out");
    let o = vanban(&["render", a.to_str().unwrap(), broken.to_str().unwrap(), b.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert_eq!(files_in(&out), ["xa-a.docx", "xa-a.pdf", "xa-b.docx", "xa-b.pdf"]);
    let err = stderr(&o);
    assert!(err.contains("xa-c.yaml:"), "the bad file is named: {err}");
    assert!(err.contains("thang_sai"), "{err}");
    assert!(err.contains("Tổng: 3 tệp; đã dựng 2; lỗi nội dung 1"), "closing summary: {err}");
    assert!(!err.contains("panicked"));
}

/// A device that never ends is read no further than the size limit, then
/// refused: `check /dev/zero` ran forever (review).
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_not_read_forever() {
    let o = vanban(&["check", "/dev/zero"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("/dev/zero") && stderr(&o).contains("lỗi: tệp quá lớn"), "{}", stderr(&o));
}

/// A named pipe is refused at once: opening it waited for a writer forever
/// (review: `check` on a FIFO hung).
#[cfg(unix)]
#[test]
fn a_named_pipe_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("bao-cao.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let o = vanban(&["check", fifo.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("bao-cao.yaml") && stderr(&o).contains("ống dẫn (FIFO)"), "{}", stderr(&o));
}

/// `watch` of a file that is not there says so and stops (it used to watch
/// the folder and re-render the missing file at every save there).
#[test]
fn watch_of_a_missing_file_stops_with_the_error() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("bao-cao-sai-ten.yaml");
    let o = vanban(&["watch", missing.to_str().unwrap(), "-o", dir.path().join("out").to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("bao-cao-sai-ten.yaml") && stderr(&o).contains("không có tệp này"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("đang theo dõi"), "{}", stderr(&o));
}

/// Two reports of one file name in different folders would write the same
/// output files, the second silently over the first (review): a usage error
/// naming both, before anything is written. The same file named twice is no clash.
#[test]
fn two_reports_of_one_name_into_one_folder_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let first = seed_copy(&a, "bao-cao");
    let second = seed_copy(&b, "bao-cao");
    let out = dir.path().join("out");
    let o = vanban(&["render", first.to_str().unwrap(), second.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("a/bao-cao.yaml và ") && err.contains("b/bao-cao.yaml cùng tên"), "{err}");
    assert!(files_in(&out).is_empty(), "nothing written: {:?}", files_in(&out));
    let o = vanban(&["render", first.to_str().unwrap(), first.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "docx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files_in(&out), ["bao-cao.docx"]);
}

#[test]
fn a_failed_render_keeps_the_older_output_intact() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_copy(dir.path(), "r");
    let out = dir.path().join("out");
    assert_eq!(code(&vanban(&["render", report.to_str().unwrap(), "-o", out.to_str().unwrap()])), 0);
    let pdf_before = std::fs::read(out.join("r.pdf")).unwrap();
    let docx_before = std::fs::read(out.join("r.docx")).unwrap();
    // Break the indicator file: a derived value that disagrees with the figures.
    let table = dir.path().join("but-son-2023-6-thang.chi-tieu.yaml");
    let t = std::fs::read_to_string(&table).unwrap().replacen("thuc_hien: \"2.300\"", "thuc_hien: \"2.300\"\n        so_ke_hoach: \"60\"", 1);
    std::fs::write(&table, t).unwrap();
    let o = vanban(&["render", report.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("\"60\"") && stderr(&o).contains("55,42"), "{}", stderr(&o));
    assert_eq!(std::fs::read(out.join("r.pdf")).unwrap(), pdf_before);
    assert_eq!(std::fs::read(out.join("r.docx")).unwrap(), docx_before);
    assert_eq!(files_in(&out), ["r.docx", "r.pdf"], "no temporary file left behind");
}

#[test]
fn new_scaffolds_a_report_that_checks_and_renders() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("bao-cao-moi");
    let o = vanban(&["new", target.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let report = target.join("bao-cao.yaml");
    let check = vanban(&["check", report.to_str().unwrap()]);
    assert_eq!(code(&check), 0, "{}", stderr(&check));
    assert!(!stderr(&check).contains("cảnh báo"), "the template is lint-clean: {}", stderr(&check));
    let out = dir.path().join("out");
    let r = vanban(&["render", report.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code(&r), 0, "{}", stderr(&r));
    assert_eq!(files_in(&out), ["bao-cao.docx", "bao-cao.pdf"]);
    // A second `new` into the same, now non-empty folder is refused.
    assert_eq!(code(&vanban(&["new", target.to_str().unwrap()])), 2);
}

#[test]
fn typst_export_holds_the_template_and_data() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_copy(dir.path(), "r");
    let export = dir.path().join("typst");
    let o = vanban(&["render", report.to_str().unwrap(), "-o", dir.path().join("out").to_str().unwrap(), "--typst", export.to_str().unwrap(), "--format", "pdf"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let main = std::fs::read_to_string(export.join("main.typ")).unwrap();
    assert!(main.contains("json(\"/data.json\")") || main.contains("json(\"data.json\")"));
    let data: serde_json::Value = serde_json::from_slice(&std::fs::read(export.join("data.json")).unwrap()).unwrap();
    assert_eq!(data["header"]["doc_type"], "BÁO CÁO");
    assert_eq!(data["font"], "Liberation Serif");
}

#[test]
fn png_previews_one_per_page() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("mau.yaml");
    std::fs::copy("content/mau/bao-cao.yaml", &report).unwrap();
    std::fs::copy("content/mau/bao-cao.chi-tieu.yaml", dir.path().join("bao-cao.chi-tieu.yaml")).unwrap();
    let out = dir.path().join("out");
    let o = vanban(&["render", report.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "png"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let pngs: Vec<String> = files_in(&out).into_iter().filter(|n| n.ends_with(".png")).collect();
    assert!(!pngs.is_empty() && pngs[0] == "mau-1.png", "{pngs:?}");
    let first = std::fs::read(out.join("mau-1.png")).unwrap();
    assert_eq!(&first[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn watch_re_renders_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_copy(dir.path(), "w");
    let out = dir.path().join("out");
    let mut child = Command::new(BIN)
        .args(["watch", report.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "docx"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let docx = out.join("w.docx");
    let wait_for = |cond: &dyn Fn() -> bool| {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if cond() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    };
    let first_ok = wait_for(&|| std::fs::read(&docx).is_ok_and(|b| !b.is_empty()));
    let first = std::fs::read(&docx).unwrap_or_default();
    // Save a change: the place name.
    let text = std::fs::read_to_string(&report).unwrap().replace("dia_danh: Bút Sơn", "dia_danh: Hoằng Hóa");
    std::fs::write(&report, text).unwrap();
    let changed = wait_for(&|| std::fs::read(&docx).is_ok_and(|b| b != first && !b.is_empty()));
    let _ = child.kill();
    let _ = child.wait();
    assert!(first_ok, "watch did not render at start");
    assert!(changed, "watch did not re-render after the change");
    let bytes = std::fs::read(&docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("Hoằng Hóa"));
}

#[test]
fn schema_describes_the_yaml_keys() {
    let o = vanban(&["schema"]);
    assert_eq!(code(&o), 0);
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let props = &schema["properties"];
    let keys = ["loai", "co_quan", "so", "dia_danh", "ngay", "trich_yeu", "kinh_gui", "noi_dung", "noi_nhan", "nguoi_ky"];
    // The types' own keys (a quyết định's articles, a biên bản's fields, …).
    let type_keys = ["don_vi_soan_thao", "tham_quyen", "can_cu", "dieu", "thong_qua", "thanh_phan", "chu_tri", "thu_ky", "kinh_moi", "gioi_thieu"];
    for key in keys.iter().chain(&type_keys) {
        assert!(props.get(key).is_some(), "schema lacks {key}");
    }
    let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
    // Every type has a signer; a quyết định has articles instead of `noi_dung`.
    assert!(required.contains(&"nguoi_ky") && required.contains(&"loai"));
    assert!(!required.contains(&"so") && !required.contains(&"noi_dung") && !required.contains(&"dieu"));
    // The values of `loai`: an enum, or (with documented variants) a oneOf of enums and consts.
    let def = &schema["$defs"]["DocumentType"];
    let mut types: Vec<&str> = Vec::new();
    for v in std::iter::once(def).chain(def["oneOf"].as_array().into_iter().flatten()) {
        types.extend(v["enum"].as_array().into_iter().flatten().filter_map(|s| s.as_str()));
        types.extend(v["const"].as_str());
    }
    for t in ["bao_cao", "cong_van", "quyet_dinh", "to_trinh", "ke_hoach", "thong_bao", "nghi_quyet", "bien_ban", "giay_moi", "giay_gioi_thieu"] {
        assert!(types.contains(&t), "schema's loai lacks {t}: {types:?}");
    }
}

#[test]
fn the_committed_schemas_are_current() {
    // content/*.yaml point editors at these files; they must match the model.
    let report = vanban(&["schema"]);
    let table = vanban(&["schema", "--table"]);
    let committed = std::fs::read_to_string("content/vanban.schema.json").unwrap();
    let committed_table = std::fs::read_to_string("content/vanban-chi-tieu.schema.json").unwrap();
    assert_eq!(String::from_utf8_lossy(&report.stdout), committed, "run: vanban schema > content/vanban.schema.json");
    assert_eq!(String::from_utf8_lossy(&table.stdout), committed_table, "run: vanban schema --table > content/vanban-chi-tieu.schema.json");
}

/// `vanban render content/*.yaml` takes the indicator files too: each is said
/// to be a table, not a document (not "unknown key `cot`"), with the document
/// beside it that prints it, and nothing is written for it.
#[test]
fn an_indicator_file_given_as_a_document_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    for f in ["bao-cao.yaml", "bao-cao.chi-tieu.yaml"] {
        std::fs::copy(format!("content/mau/{f}"), dir.path().join(f)).unwrap();
    }
    let table = dir.path().join("bao-cao.chi-tieu.yaml");
    let out = dir.path().join("out");
    let o = vanban(&["render", table.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("bao-cao.chi-tieu.yaml:") && err.contains("là bảng chỉ tiêu"), "{err}");
    assert!(err.contains(&format!("vanban render {}", dir.path().join("bao-cao.yaml").display())), "{err}");
    assert!(!err.contains("không có trong mẫu"), "{err}");
    assert!(!out.join("bao-cao.chi-tieu.pdf").exists());
    // Renamed, it is still known by its content: the line of its `nhom:`.
    let renamed = dir.path().join("bang.yaml");
    std::fs::copy(&table, &renamed).unwrap();
    let o = vanban(&["--lang", "en", "check", renamed.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let nhom = std::fs::read_to_string(&renamed).unwrap().lines().position(|l| l.starts_with("nhom:")).unwrap() + 1;
    assert!(stderr(&o).contains(&format!("bang.yaml:{nhom}:1: error: this file is an indicator table")), "{}", stderr(&o));
}

/// A render leaves nothing behind that contradicts it: the page images of an
/// earlier, longer version past the new last page, and a signature-field
/// sidecar when the new PDF has no fields. Other files stay.
#[test]
fn stale_page_images_and_sidecars_are_removed() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let report = dir.path().join("vb.yaml");
    let render = |source: &str, extra: &[&str]| {
        std::fs::copy(source, &report).unwrap();
        let mut args = vec!["render", report.to_str().unwrap(), "-o", out.to_str().unwrap()];
        args.extend_from_slice(extra);
        let o = vanban(&args);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        o
    };
    // content/mau/ke-hoach.yaml is two pages, thong-bao.yaml one.
    render("content/mau/ke-hoach.yaml", &["--format", "pdf,png", "--signature-fields"]);
    assert!(out.join("vb-2.png").exists() && out.join("vb.sig.json").exists());
    std::fs::write(out.join("vb-notes.png"), b"mine").unwrap();
    std::fs::write(out.join("vb-2-1.png"), b"another report's page").unwrap();
    let o = render("content/mau/thong-bao.yaml", &["--format", "pdf,png"]);
    assert!(out.join("vb-1.png").exists());
    assert!(!out.join("vb-2.png").exists(), "the old page 2 is still there");
    assert!(!out.join("vb.sig.json").exists(), "the old sidecar is still there");
    assert!(stderr(&o).contains("vb-2.png") && stderr(&o).contains("vb.sig.json"), "{}", stderr(&o));
    assert!(out.join("vb-notes.png").exists() && out.join("vb-2-1.png").exists());
    // Without PNGs asked for, page images are not touched.
    render("content/mau/ke-hoach.yaml", &["--format", "pdf,png"]);
    render("content/mau/thong-bao.yaml", &["--format", "docx"]);
    assert!(out.join("vb-2.png").exists());
}

/// A file that is not there, or a folder given for a file: said in words, with
/// no ":0:0" and no operating-system error text.
#[test]
fn a_missing_file_or_a_folder_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("khong-co.yaml");
    let o = vanban(&["check", missing.to_str().unwrap(), dir.path().to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    let err = stderr(&o);
    assert!(err.contains(&format!("{}: lỗi: không có tệp này", missing.display())), "{err}");
    assert!(err.contains(&format!("{}: lỗi: đây là một thư mục", dir.path().display())), "{err}");
    assert!(!err.contains(":0:0") && !err.contains("os error"), "{err}");
}

/// An output folder that cannot be made (`-o` names a file, or a folder under
/// a file) is said in Vietnamese, with what to do, not as "File exists (os
/// error 17)"; nothing is written.
#[test]
fn an_output_folder_over_a_file_is_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ket-qua");
    std::fs::write(&file, b"not a folder").unwrap();
    for (out, reason) in [
        (file.clone(), "đã có một tệp cùng tên ở đó (không phải thư mục)"),
        (file.join("con"), "một phần của đường dẫn là tệp, không phải thư mục"),
    ] {
        let o = vanban(&["render", "content/mau/thong-bao.yaml", "-o", out.to_str().unwrap()]);
        assert_eq!(code(&o), 3);
        let err = stderr(&o);
        assert!(err.contains(&format!("không tạo được thư mục {}: {reason}", out.display())), "{err}");
        assert!(err.contains("-o THƯ_MỤC") && !err.contains("os error"), "{err}");
    }
    assert_eq!(std::fs::read(&file).unwrap(), b"not a folder");
}

/// `vanban new quyet_dinh` (the type where the folder goes) is a usage error
/// that shows `--loai`, not a báo cáo made in a folder named quyet_dinh.
#[test]
fn a_type_given_as_the_folder_of_new_is_shown_loai() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("quyet_dinh");
    let o = vanban(&["new", folder.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("--loai quyet_dinh"), "{}", stderr(&o));
    assert!(!folder.exists());
    // With the type given, the folder may be named anything.
    let o = vanban(&["new", folder.to_str().unwrap(), "--loai", "quyet_dinh"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(folder.join("quyet-dinh.yaml").exists());
}

/// `vanban new bao-cao.yaml` (a file name where the folder goes) or the name of
/// an existing file is a usage error that says what to write; nothing is made.
#[test]
fn a_file_name_given_to_new_is_shown_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let named = dir.path().join("bao-cao.yaml");
    let o = vanban(&["new", named.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("bỏ đuôi .yaml: vanban new {}", dir.path().join("bao-cao").display())), "{}", stderr(&o));
    assert!(!named.exists());
    let file = dir.path().join("ghi-chu");
    std::fs::write(&file, b"").unwrap();
    let o = vanban(&["new", file.to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("là một tệp có sẵn"), "{}", stderr(&o));
    assert!(file.is_file());
}

/// A command line clap refuses is said in Vietnamese (clap speaks English):
/// what is wrong, the suggestion, how to call the command; exit 2. With
/// `--lang en` clap's own English stays.
#[test]
fn a_wrong_command_line_is_said_in_vietnamese() {
    let cases: [(&[&str], &[&str]); 6] = [
        (&["render", "--fromat", "pdf", "x.yaml"], &["vanban: lỗi: không có tùy chọn \"--fromat\" ở đây", "có phải là \"--format\"?", "Cách dùng: vanban render"]),
        (&["rendr", "x.yaml"], &["vanban: lỗi: không có lệnh \"rendr\"", "có phải là \"render\"?"]),
        (&["render"], &["vanban: lỗi: thiếu tên tệp văn bản (.yaml)", "Cách dùng: vanban render"]),
        (&["render", "--format", "pfd", "x.yaml"], &["giá trị \"pfd\" không dùng được cho --format", "các giá trị dùng được: pdf, docx, png, xlsx", "có phải là \"pdf\"?"]),
        (&["new", "--loai"], &["--loai <LOAI> cần một giá trị; các giá trị dùng được: bao_cao, cong_van"]),
        (&["render", "x.yaml", "-o"], &["--output <OUTPUT> cần một giá trị\n"]),
    ];
    for (args, says) in cases {
        let o = vanban(args);
        assert_eq!(code(&o), 2, "{args:?}");
        let err = stderr(&o);
        for s in says {
            assert!(err.contains(s), "{args:?}: {s} not in:\n{err}");
        }
        assert!(!err.contains("error:") && !err.contains("Usage:"), "{args:?}: {err}");
    }
    let o = vanban(&["--lang", "en", "render", "--fromat", "pdf", "x.yaml"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unexpected argument '--fromat' found"), "{}", stderr(&o));
}

/// An indicator file named through a folder and back ("sub/../x.chi-tieu.yaml")
/// stays in the report's folder and is read; one that leaves it is refused.
#[test]
fn an_indicator_path_that_stays_in_the_folder_is_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("bieu")).unwrap();
    std::fs::copy("content/mau/bao-cao.chi-tieu.yaml", dir.path().join("bieu/x.chi-tieu.yaml")).unwrap();
    let report = std::fs::read_to_string("content/mau/bao-cao.yaml").unwrap();
    assert!(report.contains("bang_chi_tieu: bao-cao.chi-tieu.yaml"));
    for (path, ok) in [("./bieu/../bieu/x.chi-tieu.yaml", true), ("bieu/../../x/bieu/x.chi-tieu.yaml", false)] {
        let file = dir.path().join("r.yaml");
        std::fs::write(&file, report.replace("bang_chi_tieu: bao-cao.chi-tieu.yaml", &format!("bang_chi_tieu: {path}"))).unwrap();
        let o = vanban(&["check", file.to_str().unwrap()]);
        assert_eq!(code(&o) == 0, ok, "{path}: {}", stderr(&o));
        assert_eq!(stderr(&o).contains("ra ngoài thư mục của báo cáo"), !ok, "{path}: {}", stderr(&o));
    }
}

/// `import -o FOLDER` writes into that folder under the usual name (it said
/// "already exists; use --force", then failed with --force); `verify` of a
/// file that is no PDF says so in Vietnamese, not "couldn't parse input".
#[test]
fn import_into_a_folder_and_verify_of_no_pdf_are_said_plainly() {
    let dir = tempfile::tempdir().unwrap();
    let report = seed_copy(dir.path(), "r");
    let xlsx_dir = dir.path().join("xlsx");
    let o = vanban(&["render", report.to_str().unwrap(), "--format", "xlsx", "-o", xlsx_dir.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let into = dir.path().join("nhap");
    std::fs::create_dir(&into).unwrap();
    let o = vanban(&["import", xlsx_dir.join("r.xlsx").to_str().unwrap(), "-o", into.to_str().unwrap()]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(into.join("r.chi-tieu.yaml").is_file(), "{}", stderr(&o));
    let o = vanban(&["verify", report.to_str().unwrap()]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("không phải tệp PDF, hoặc tệp PDF bị hỏng"), "{}", stderr(&o));
    assert!(!stderr(&o).contains("couldn't parse"), "{}", stderr(&o));
}

/// `--help` speaks Vietnamese by default, every line of it: clap's headings,
/// each option's help (a new option without a Vietnamese text fails here),
/// and `vanban help LỆNH` says what `vanban LỆNH --help` says.
#[test]
fn help_is_vietnamese_by_default_and_english_on_request() {
    let subcommands = ["render", "sign", "verify", "check", "import", "schema", "new", "watch"];
    let vietnamese_letter = |line: &str| line.chars().any(|c| "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ".contains(c.to_lowercase().next().unwrap_or(c)));
    let top = vanban(&["--help"]);
    assert_eq!(code(&top), 0);
    let top = String::from_utf8_lossy(&top.stdout).into_owned();
    for sub in subcommands {
        let line = top.lines().find(|l| l.trim_start().starts_with(&format!("{sub} "))).unwrap_or_else(|| panic!("{sub} not listed:\n{top}"));
        assert!(vietnamese_letter(line), "{line}");
    }
    for args in std::iter::once(vec!["--help"]).chain(subcommands.iter().map(|s| vec![*s, "--help"])) {
        let o = vanban(&args);
        assert_eq!(code(&o), 0, "{args:?}");
        let help = String::from_utf8_lossy(&o.stdout).into_owned();
        assert!(help.contains("Cách dùng: vanban"), "{args:?}:\n{help}");
        for english in ["Usage:", "Options:", "Arguments:", "Commands:", "Print help", "[default:", "[possible values"] {
            assert!(!help.contains(english), "{args:?}: \"{english}\" in:\n{help}");
        }
        // Every option and argument line says what it is in Vietnamese.
        for line in help.lines().filter(|l| l.starts_with("  -") || l.starts_with("      --") || l.starts_with("  <")) {
            assert!(vietnamese_letter(line), "{args:?}: untranslated: {line}");
        }
        if args.len() == 2 {
            let by_word = vanban(&["help", args[0]]);
            assert_eq!(String::from_utf8_lossy(&by_word.stdout), help, "vanban help {}", args[0]);
        }
    }
    // English on request, and by an English locale.
    let en = vanban(&["--lang", "en", "render", "--help"]);
    let en = String::from_utf8_lossy(&en.stdout).into_owned();
    assert!(en.contains("Usage: vanban render") && en.contains("Output folder"), "{en}");
    let by_locale = Command::new(BIN).args(["--help"]).env("LANG", "en_US.UTF-8").env_remove("LC_ALL").env_remove("LC_MESSAGES").output().unwrap();
    assert!(String::from_utf8_lossy(&by_locale.stdout).contains("Usage: vanban"));
}

/// Output that cannot be written (stdout on a full disk) is exit 3 with a
/// message, never a panic's 101; a closed pipe ends the process quietly by
/// SIGPIPE, as `… | head -1` expects of any Unix tool.
#[cfg(target_os = "linux")]
#[test]
fn stdout_on_a_full_disk_is_exit_3_and_a_closed_pipe_is_quiet() {
    use std::os::unix::process::ExitStatusExt;
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_vanban")).arg("schema").stdout(full).stderr(Stdio::piped()).output().unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lỗi nội bộ"), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked at"));

    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban")).arg("schema").stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.signal() == Some(13) || out.status.success(), "{:?}: {}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// `--typst DIR` is one template and one document: the probe's two reports
/// left whichever finished last, and a re-export silently replaced the
/// main.typ the README invites an official to adjust. Several reports are a
/// usage error; an adjusted main.typ stops the render (exit 1) and stays.
#[test]
fn the_typst_export_never_replaces_an_adjusted_template() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed_copy(dir.path(), "bao-cao");
    let (out, tx) = (dir.path().join("ra"), dir.path().join("tx"));
    let args = ["--lang", "en", "render", seed.to_str().unwrap(), "-o", out.to_str().unwrap(), "--typst", tx.to_str().unwrap()];
    assert_eq!(code(&vanban(&args)), 0);
    // Unchanged, it is vanban's own: exported again freely.
    assert_eq!(code(&vanban(&args)), 0, "{}", stderr(&vanban(&args)));
    let main = tx.join("main.typ");
    let adjusted = format!("{}\n// lề trái 35 mm theo yêu cầu\n", std::fs::read_to_string(&main).unwrap());
    std::fs::write(&main, &adjusted).unwrap();
    let data = std::fs::read(tx.join("data.json")).unwrap();
    let o = vanban(&args);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("main.typ differs from this vanban's template"), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&main).unwrap(), adjusted);
    assert_eq!(std::fs::read(tx.join("data.json")).unwrap(), data);

    let other = seed_copy(dir.path(), "bao-cao-2");
    let o = vanban(&["--lang", "en", "render", seed.to_str().unwrap(), other.to_str().unwrap(), "--typst", dir.path().join("ty").to_str().unwrap()]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("one report at a time"), "{}", stderr(&o));
}

/// The binary's jemalloc options (`malloc_conf` in src/main.rs) are the ones
/// jemalloc reads: one arena for all threads. A misspelt symbol would leave
/// jemalloc's default (four arenas a CPU) without a word.
#[test]
fn jemalloc_reads_the_binarys_options() {
    let out = Command::new(BIN).arg("--version").env("_RJEM_MALLOC_CONF", "stats_print:true").output().expect("run vanban");
    assert!(out.status.success());
    let stats = String::from_utf8_lossy(&out.stderr);
    assert!(stats.contains("opt.narenas: 1\n"), "jemalloc's statistics do not show one arena:\n{}", &stats[..stats.len().min(2000)]);
}
