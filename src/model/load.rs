//! Reading a report and its indicator files from disk into the model.
//!
//! Whatever arrives (binary, UTF-16, legacy encodings, YAML errors, alias bombs),
//! the result is either the model or diagnostics with file, line and column.
//! Text is decoded, checked for legacy encodings and "ƣ", and normalised to NFC
//! before the YAML parser sees it.

use std::path::{Component, Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_saphyr::{budget::Budget, options::DuplicateKeyPolicy, Options};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::{source_text, Block, IndicatorBlock, IndicatorTable, Report, TableSource};
use crate::diag::{Diagnostic, Kind, Msg, Severity};

/// Files larger than this are refused before parsing (a report is a few hundred KB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// A decoded source file.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: PathBuf,
    pub text: String,
}

/// An indicator table with the file its positions refer to.
#[derive(Debug)]
pub struct LoadedTable {
    /// The `bang_chi_tieu` block that names this file.
    pub id: super::TableId,
    pub file: PathBuf,
    /// The decoded text, for quoting values as written.
    pub text: String,
    pub table: IndicatorTable,
}

/// A report as read: the model, its file, and its indicator tables in the order
/// they appear in the body.
#[derive(Debug)]
pub struct LoadedReport {
    pub file: PathBuf,
    pub text: String,
    pub report: Report,
    pub tables: Vec<LoadedTable>,
}

/// Loads a report and the indicator tables it refers to. Warnings (NFC, "ƣ")
/// go into `diags` along with errors; `None` means errors stopped loading.
pub fn load_report(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<LoadedReport> {
    let source = read_source(path, diags)?;
    load_source(source, diags)
}

/// Loads the given text as if it were the file `path` (for tests and the fuzzer).
pub fn load_report_from_str(path: &Path, text: &str, diags: &mut Vec<Diagnostic>) -> Option<LoadedReport> {
    let source = decode(path, text.as_bytes(), diags)?;
    load_source(source, diags)
}

/// A decoded report → the model and the indicator files it names.
fn load_source(source: SourceFile, diags: &mut Vec<Diagnostic>) -> Option<LoadedReport> {
    if let Some(d) = indicator_file_given(&source) {
        diags.push(d);
        return None;
    }
    let mut report = parse_report(&source, diags)?;
    let mut numbered = 0;
    for blocks in report.bodies_mut() {
        split_plain_lists(blocks);
        number_tables(blocks, &mut numbered);
    }
    let mut tables = Vec::new();
    let mut ok = true;
    // Inline tables are taken from the report itself by `check`.
    for block in report.all_blocks() {
        if let Block::BangChiTieu(IndicatorBlock { source: TableSource::File(rel), id }) = block {
            match load_table_file(&source.path, *id, rel, diags) {
                Some(t) => tables.push(t),
                None => ok = false,
            }
        }
    }
    ok.then_some(LoadedReport { file: source.path, text: source.text, report, tables })
}

/// An indicator file given where a document is expected (`vanban render
/// bao-cao.chi-tieu.yaml`, or `content/*.yaml`): named by its `.chi-tieu.yaml`
/// ending, or by a top-level `nhom:` without `loai:`. Said as such, with the
/// document that names it when one lies beside it, instead of "unknown key".
fn indicator_file_given(source: &SourceFile) -> Option<Diagnostic> {
    let name = source.path.file_name()?.to_string_lossy().to_lowercase();
    let top = |key: &str| source.text.lines().position(|l| l.strip_prefix(key).is_some_and(|r| r.starts_with(':')));
    let by_name = [".chi-tieu.yaml", ".chi-tieu.yml"].iter().find_map(|end| name.strip_suffix(end));
    let by_content = top("nhom").filter(|_| top("loai").is_none());
    if by_name.is_none() && by_content.is_none() {
        return None;
    }
    let line = by_content.map_or(1, |l| l as u64 + 1);
    let beside = by_name
        .map(|stem| source.path.with_file_name(format!("{stem}.yaml")))
        .filter(|p| p.is_file());
    let hint = match beside {
        Some(p) => Msg::new(
            format!("dựng văn bản ghi tên bảng này ở khối `bang_chi_tieu`, ví dụ: vanban render {}", p.display()),
            format!("render the document whose `bang_chi_tieu` names this table, e.g. vanban render {}", p.display()),
        ),
        None => Msg::new(
            "dựng văn bản ghi tên bảng này ở khối `bang_chi_tieu: <tên tệp>`; bảng được in cùng văn bản",
            "render the document that names this table in a `bang_chi_tieu: <file name>` block; the table prints with it",
        ),
    };
    Some(
        Diagnostic::at(
            Severity::Error,
            Kind::Syntax,
            &source.path,
            line,
            1,
            Msg::new(
                "tệp này là bảng chỉ tiêu (.chi-tieu.yaml), không phải một văn bản",
                "this file is an indicator table (.chi-tieu.yaml), not a document",
            ),
        )
        .with_hint(hint),
    )
}

/// `- diem: ["…;", "…;", "…."]`: a list of plain texts under `doan`, `gach`,
/// `cong` or `diem` is several paragraphs or items, one per text, as a list of
/// points is under a khoản. Read as runs it would print the texts run together
/// ("…05;Trực…") with one letter. A list with a styled run (`dam:`, `nghieng:`,
/// `tom_tat:`) stays the runs of one paragraph.
fn split_plain_lists(blocks: &mut Vec<Block>) {
    use super::{Run, Text};
    let mut out = Vec::with_capacity(blocks.len());
    for mut block in blocks.drain(..) {
        match &mut block {
            Block::Phan(p) => split_plain_lists(&mut p.noi_dung),
            Block::Muc(s) => split_plain_lists(&mut s.noi_dung),
            _ => {}
        }
        let (Block::Doan(Text::Runs(r)) | Block::Gach(Text::Runs(r)) | Block::Cong(Text::Runs(r)) | Block::Diem(Text::Runs(r))) = &mut block
        else {
            out.push(block);
            continue;
        };
        if r.runs.len() < 2 || !r.runs.iter().all(|run| matches!(run, Run::Plain(_))) {
            out.push(block);
            continue;
        }
        let at = r.at;
        let texts: Vec<String> = r
            .runs
            .drain(..)
            .filter_map(|run| match run {
                Run::Plain(t) => Some(t),
                Run::Styled(_) => None,
            })
            .collect();
        for t in texts {
            let text = Text::Plain(super::At { value: t, referenced: at, defined: at });
            out.push(match block {
                Block::Doan(_) => Block::Doan(text),
                Block::Gach(_) => Block::Gach(text),
                Block::Cong(_) => Block::Cong(text),
                _ => Block::Diem(text),
            });
        }
    }
    *blocks = out;
}

/// Gives every `bang_chi_tieu` block its id, in reading order.
fn number_tables(blocks: &mut [Block], next: &mut usize) {
    for block in blocks {
        if let Block::BangChiTieu(b) = block {
            b.id = super::TableId(*next);
            *next += 1;
        }
        number_tables(block.children_mut(), next);
    }
}

impl LoadedReport {
    /// The indicator file a `bang_chi_tieu` block names (`None` for a table
    /// written in the report itself).
    pub fn table_file(&self, id: super::TableId) -> Option<&LoadedTable> {
        self.tables.iter().find(|t| t.id == id)
    }
}

fn load_table_file(
    report_path: &Path,
    id: super::TableId,
    rel: &super::At<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<LoadedTable> {
    // The parent of a bare file name ("bao-cao.yaml") is "", which cannot be
    // canonicalised: the symlink check below would be skipped. It is ".".
    let folder = report_path.parent().unwrap_or(Path::new(""));
    let real_folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let requested = Path::new(rel.value.trim());
    // "sub/../x.chi-tieu.yaml" stays in the folder; "../x.chi-tieu.yaml" leaves it.
    let mut depth = 0_i32;
    let escapes = requested.is_absolute()
        || requested.components().any(|c| match c {
            Component::ParentDir => {
                depth -= 1;
                depth < 0
            }
            Component::Normal(_) => {
                depth += 1;
                false
            }
            Component::CurDir => false,
            Component::RootDir | Component::Prefix(_) => true,
        });
    if rel.value.trim().is_empty() {
        diags.push(
            Diagnostic::error(
                Kind::BadPath,
                report_path,
                rel.referenced,
                Msg::new("thiếu tên tệp bảng chỉ tiêu", "the indicator table's file name is empty"),
            )
            .with_hint(Msg::new(
                "ghi tên tệp chỉ tiêu đặt cạnh báo cáo, ví dụ: bang_chi_tieu: bao-cao.chi-tieu.yaml",
                "write the name of the indicator file beside the report, e.g. bang_chi_tieu: report.chi-tieu.yaml",
            )),
        );
        return None;
    }
    if escapes {
        diags.push(
            Diagnostic::error(
                Kind::BadPath,
                report_path,
                rel.referenced,
                Msg::new(
                    format!("đường dẫn bảng chỉ tiêu \"{}\" ra ngoài thư mục của báo cáo", rel.value),
                    format!("the indicator table path \"{}\" leaves the report's folder", rel.value),
                ),
            )
            .with_hint(Msg::new(
                "đặt tệp chỉ tiêu cạnh tệp báo cáo và ghi tên tệp, ví dụ: bang_chi_tieu: bao-cao.chi-tieu.yaml",
                "put the indicator file beside the report and write its name, e.g. bang_chi_tieu: report.chi-tieu.yaml",
            )),
        );
        return None;
    }
    let path = folder.join(requested);
    // A symlink inside the folder may still point outside it.
    if let (Ok(real), Ok(real_folder)) = (path.canonicalize(), real_folder.canonicalize()) {
        if !real.starts_with(&real_folder) {
            diags.push(Diagnostic::error(
                Kind::BadPath,
                report_path,
                rel.referenced,
                Msg::new(
                    format!("tệp chỉ tiêu \"{}\" trỏ ra ngoài thư mục của báo cáo", rel.value),
                    format!("the indicator file \"{}\" points outside the report's folder", rel.value),
                ),
            ));
            return None;
        }
    }
    if std::fs::metadata(&path).is_err_and(|e| crate::diag::is_symlink_loop(&e)) {
        diags.push(
            Diagnostic::error(
                Kind::BadPath,
                report_path,
                rel.referenced,
                Msg::new(
                    format!("tệp chỉ tiêu \"{}\" là một liên kết (symlink) trỏ vòng về chính nó, không tới tệp nào", rel.value),
                    format!("the indicator file \"{}\" is a symbolic link that loops back on itself and leads to no file", rel.value),
                ),
            )
            .with_hint(symlink_loop_hint()),
        );
        return None;
    }
    if !path.is_file() {
        diags.push(
            Diagnostic::error(
                Kind::BadPath,
                report_path,
                rel.referenced,
                Msg::new(
                    format!("không tìm thấy tệp chỉ tiêu \"{}\"", path.display()),
                    format!("indicator file \"{}\" not found", path.display()),
                ),
            )
            .with_hint(Msg::new(
                "kiểm tra tên tệp; đường dẫn tính từ thư mục chứa báo cáo",
                "check the file name; the path is relative to the report's folder",
            )),
        );
        return None;
    }
    let source = read_source(&path, diags)?;
    let table: IndicatorTable = parse_yaml(&source, diags)?;
    Some(LoadedTable { id, file: source.path, text: source.text, table })
}

fn symlink_loop_hint() -> Msg {
    Msg::new(
        "xóa liên kết này và tạo lại cho trỏ tới tệp thật, hoặc ghi đường dẫn của chính tệp đó",
        "delete the link and make it again pointing at the real file, or give the file's own path",
    )
}

#[cfg(unix)]
fn is_pipe(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_fifo() || meta.file_type().is_socket()
}

#[cfg(not(unix))]
fn is_pipe(_: &std::fs::Metadata) -> bool {
    false
}

/// The file's bytes, stopping one past `limit`: a device that never ends
/// (/dev/zero) is read no further.

/// Reads and decodes a file.
pub fn read_source(path: &Path, diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let bytes = match std::fs::metadata(path) {
        // Opening a named pipe waits for a writer that may never come.
        Ok(meta) if is_pipe(&meta) => {
            diags.push(Diagnostic::file_error(
                Kind::Encoding,
                path,
                Msg::new("đây là một ống dẫn (FIFO) hay socket, không phải tệp văn bản", "this is a named pipe (FIFO) or a socket, not a text file"),
            ).with_hint(Msg::new("lưu nội dung vào một tệp .yaml rồi đưa tên tệp đó", "save the content to a .yaml file and give that file's name")));
            return None;
        }
        Ok(meta) if meta.len() as usize > MAX_FILE_BYTES => {
            diags.push(Diagnostic::file_error(
                Kind::Encoding,
                path,
                Msg::new(
                    format!("tệp quá lớn ({} byte); giới hạn là {} byte", meta.len(), MAX_FILE_BYTES),
                    format!("file too large ({} bytes); the limit is {} bytes", meta.len(), MAX_FILE_BYTES),
                ),
            ));
            return None;
        }
        _ => match crate::diag::read_at_most(path, MAX_FILE_BYTES as u64) {
            Ok(b) if b.len() > MAX_FILE_BYTES => {
                // A device or a pipe (/dev/zero) says nothing of its size.
                diags.push(Diagnostic::file_error(
                    Kind::Encoding,
                    path,
                    Msg::new(
                        format!("tệp quá lớn (hơn {MAX_FILE_BYTES} byte), hoặc không phải một tệp văn bản"),
                        format!("file too large (over {MAX_FILE_BYTES} bytes), or not a text file"),
                    ),
                ));
                return None;
            }
            Ok(b) => b,
            Err(e) => {
                let (message, hint) = match e.kind() {
                    std::io::ErrorKind::NotFound => (
                        Msg::new("không có tệp này", "there is no such file"),
                        Some(Msg::new(
                            "kiểm tra tên và thư mục của tệp; tạo văn bản mới: vanban new THƯ_MỤC --loai LOẠI",
                            "check the file's name and folder; start a new document: vanban new FOLDER --loai TYPE",
                        )),
                    ),
                    std::io::ErrorKind::PermissionDenied => (Msg::new("không có quyền đọc tệp này", "no permission to read this file"), None),
                    std::io::ErrorKind::IsADirectory => (
                        Msg::new("đây là một thư mục, không phải tệp", "this is a folder, not a file"),
                        Some(Msg::new("ghi tên tệp .yaml trong thư mục, ví dụ: thu-muc/bao-cao.yaml", "name a .yaml file in it, e.g. folder/report.yaml")),
                    ),
                    _ if crate::diag::is_symlink_loop(&e) => (
                        Msg::new(
                            "không đọc được tệp: đây là một liên kết (symlink) trỏ vòng về chính nó, không tới tệp nào",
                            "cannot read the file: it is a symbolic link that loops back on itself and leads to no file",
                        ),
                        Some(symlink_loop_hint()),
                    ),
                    _ => {
                        let reason = crate::diag::io_reason(&e);
                        (
                            Msg::new(format!("không đọc được tệp: {}", reason.vi), format!("cannot read the file: {}", reason.en)),
                            Some(Msg::new("kiểm tra tệp còn đó và mở được bằng trình soạn thảo", "check that the file is there and opens in an editor")),
                        )
                    }
                };
                let mut d = Diagnostic::at(Severity::Error, Kind::BadPath, path, 0, 0, message);
                d.hint = hint;
                diags.push(d);
                return None;
            }
        },
    };
    decode(path, &bytes, diags)
}

/// Bytes → NFC text, refusing what is not UTF-8 YAML.
pub fn decode(path: &Path, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<SourceFile> {
    let save_as_utf8 = Msg::new(
        "mở tệp trong trình soạn thảo và lưu lại với bảng mã UTF-8",
        "open the file in an editor and save it as UTF-8",
    );
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        diags.push(
            Diagnostic::file_error(Kind::Encoding, path, Msg::new("tệp được lưu bằng bảng mã UTF-32", "the file is saved as UTF-32"))
                .with_hint(save_as_utf8),
        );
        return None;
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        diags.push(
            Diagnostic::file_error(
                Kind::Encoding,
                path,
                Msg::new("tệp được lưu bằng bảng mã UTF-16", "the file is saved as UTF-16"),
            )
            .with_hint(save_as_utf8),
        );
        return None;
    }
    // UTF-16 without a byte order mark: every other byte of ASCII text is NUL.
    if looks_like_utf16(bytes) {
        diags.push(
            Diagnostic::file_error(
                Kind::Encoding,
                path,
                Msg::new("tệp được lưu bằng bảng mã UTF-16", "the file is saved as UTF-16"),
            )
            .with_hint(save_as_utf8),
        );
        return None;
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        let (line, column) = line_col_of_byte(bytes, pos);
        diags.push(
            Diagnostic::at(
                Severity::Error,
                Kind::Encoding,
                path,
                line,
                column,
                Msg::new(
                    "tệp chứa dữ liệu nhị phân, không phải văn bản YAML",
                    "the file holds binary data, not YAML text",
                ),
            )
            .with_hint(Msg::new(
                "chỉ định một tệp .yaml soạn bằng trình soạn thảo văn bản",
                "name a .yaml file written in a text editor",
            )),
        );
        return None;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let (line, column) = line_col_of_byte(bytes, e.valid_up_to());
            diags.push(
                Diagnostic::at(
                    Severity::Error,
                    Kind::Encoding,
                    path,
                    line,
                    column,
                    Msg::new(
                        "tệp không phải UTF-8 (có thể là bảng mã cũ như TCVN3 hoặc VNI)",
                        "the file is not UTF-8 (perhaps a legacy code page such as TCVN3 or VNI)",
                    ),
                )
                .with_hint(Msg::new(
                    "chuyển sang Unicode dựng sẵn (UTF-8), ví dụ bằng công cụ chuyển mã của Unikey, rồi lưu lại",
                    "convert to Unicode (UTF-8, precomposed), e.g. with Unikey's converter, and save again",
                )),
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut text = text.to_owned();
    // Lines ended by a lone CR (old Mac editors, some exports) are lines to
    // YAML too, but the parser read such a file as one line. One byte for one:
    // every position stays where it was.
    if text.contains('\r') {
        let bytes: Vec<u8> = text.as_bytes().iter().enumerate().map(|(i, &b)| if b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n') { b'\n' } else { b }).collect();
        text = String::from_utf8(bytes).unwrap_or(text);
    }
    if is_nfc_quick(text.chars()) != IsNormalized::Yes {
        let nfc: String = text.nfc().collect();
        if nfc != text {
            let (line, column) = first_difference(&text, &nfc);
            diags.push(
                Diagnostic::at(
                    Severity::Warning,
                    Kind::NotNfc,
                    path,
                    line,
                    column,
                    Msg::new(
                        "văn bản ở dạng dấu tách rời (NFD); vanban đã chuẩn hóa sang dạng dựng sẵn (NFC)",
                        "text is decomposed (NFD); vanban normalised it to precomposed form (NFC)",
                    ),
                )
                .with_hint(Msg::new(
                    "lưu tệp ở dạng Unicode dựng sẵn (NFC) để tránh lỗi tìm kiếm và hiển thị",
                    "save the file in precomposed Unicode (NFC) so search and display work",
                )),
            );
            text = nfc;
        }
    }
    source_text::lint_source_text(path, &mut text, diags);
    if diags.iter().any(|d| d.is_error() && d.file == path) {
        return None;
    }
    Some(SourceFile { path: path.to_owned(), text })
}

/// Most of the first bytes' odd (or even) positions NUL and the others not:
/// UTF-16 text without a byte order mark.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(512) & !1];
    if head.len() < 8 {
        return false;
    }
    let pairs = head.len() / 2;
    let zero_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zero_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    (zero_odd * 10 >= pairs * 7 && zero_even * 10 <= pairs) || (zero_even * 10 >= pairs * 7 && zero_odd * 10 <= pairs)
}

fn line_col_of_byte(bytes: &[u8], pos: usize) -> (u64, u64) {
    let before = &bytes[..pos.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    (line, column)
}

fn first_difference(a: &str, b: &str) -> (u64, u64) {
    let mut line = 1;
    let mut column = 1;
    for (ca, cb) in a.chars().zip(b.chars()) {
        if ca != cb {
            break;
        }
        if ca == '\n' {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// The parser's limits: generous for real reports, tight against alias bombs and
/// 10 000-deep nesting.
fn yaml_options() -> Options {
    let mut budget = Budget::default();
    budget.max_depth = 64;
    budget.max_aliases = 1_000;
    budget.max_nodes = 2_000_000;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.duplicate_keys = DuplicateKeyPolicy::Error;
    options.alias_limits.max_total_replayed_events = 100_000;
    options
}

/// Parses YAML into `T`, mapping any error to a diagnostic in the user's terms.
pub fn parse_yaml<T: DeserializeOwned>(source: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<T> {
    if !has_content(source, diags) {
        return None;
    }
    match serde_saphyr::from_str_with_options::<T>(&source.text, yaml_options()) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(super::yaml_error::to_diagnostic(&source.path, &source.text, &e));
            None
        }
    }
}

/// Whether the file has anything but blank lines and comments (else an error).
fn has_content(source: &SourceFile, diags: &mut Vec<Diagnostic>) -> bool {
    let meaningful = source
        .text
        .lines()
        .any(|l| { let t = l.trim(); !t.is_empty() && !t.starts_with('#') && t != "---" && t != "..." });
    if !meaningful {
        diags.push(
            Diagnostic::file_error(
                Kind::Syntax,
                &source.path,
                Msg::new("tệp không có nội dung (trống hoặc chỉ có chú thích)", "the file has no content (empty or only comments)"),
            )
            .with_hint(Msg::new(
                "bắt đầu từ mẫu: vanban new THƯ_MỤC",
                "start from the template: vanban new FOLDER",
            )),
        );
        return false;
    }
    true
}

/// Parses a report. The model reads paragraphs and `bang_chi_tieu` through
/// serde's untagged enums ([`super::Text`], [`TableSource`]), which buffer their
/// input and lose every position in it: an inline table's bad cell would be
/// reported at 0:0, an unknown key inside it only as "did not match any variant".
/// A second, position-keeping pass over the same text ([`shadow`]) gives back
/// those positions, and the precise error when the untagged ones failed.
fn parse_report(source: &SourceFile, diags: &mut Vec<Diagnostic>) -> Option<Report> {
    if !has_content(source, diags) {
        return None;
    }
    // Both passes read the same text: side by side, the second costs no time.
    let (parsed, shadowed) = std::thread::scope(|scope| {
        let shadow_pass = || serde_saphyr::from_str_with_options::<shadow::Report>(&source.text, yaml_options());
        let shadow = std::thread::Builder::new().spawn_scoped(scope, shadow_pass);
        let parsed = serde_saphyr::from_str_with_options::<Report>(&source.text, yaml_options());
        // No thread to be had: the second pass runs here.
        let shadowed = match shadow {
            Ok(handle) => handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            Err(_) => shadow_pass(),
        };
        (parsed, shadowed)
    });
    match parsed {
        Ok(mut report) => {
            if let Ok(shadow) = shadowed {
                let mut found = Vec::new();
                shadow::flatten(shadow.noi_dung, &mut found);
                for appendix in shadow.phu_luc {
                    shadow::flatten(appendix.noi_dung, &mut found);
                }
                let mut found = found.into_iter();
                for blocks in report.bodies_mut() {
                    if !shadow::patch(blocks, &mut found) {
                        break;
                    }
                }
            }
            Some(report)
        }
        Err(e) => {
            let untagged = e.without_snippet().to_string().contains("untagged enum");
            let precise = if untagged {
                shadowed.err()
            } else {
                None
            };
            let line = e.location().map_or(0, |l| l.line());
            if untagged && precise.is_none() {
                // The position-keeping pass took it: the model's buffered pass read an
                // unquoted "2023" or "yes" of an inline table as a number or a boolean.
                if let Some(d) = typed_scalar_in_table(source, line) {
                    diags.push(d);
                    return None;
                }
            }
            let e = precise.as_ref().unwrap_or(&e);
            diags.push(super::yaml_error::to_diagnostic(&source.path, &source.text, e));
            None
        }
    }
}

/// In the block of an inline table that starts on `line`, the first text field
/// (`ten`, `dvt`, `ghi_chu`, `ky_danh_gia`) whose unquoted value YAML reads as
/// a number, a boolean or null: an error there, asking for quotes.
fn typed_scalar_in_table(source: &SourceFile, line: u64) -> Option<Diagnostic> {
    let lines: Vec<&str> = source.text.lines().collect();
    let first = lines.get(line.checked_sub(1)? as usize)?;
    let indent = first.chars().take_while(|c| *c == ' ').count();
    for (idx, l) in lines.iter().enumerate().skip(line as usize - 1) {
        let lead = l.chars().take_while(|c| *c == ' ').count();
        if idx + 1 > line as usize && !l.trim().is_empty() && !l.trim_start().starts_with('#') && lead < indent {
            break;
        }
        let chars: Vec<char> = l.chars().collect();
        for key in ["ten", "dvt", "ghi_chu", "ky_danh_gia"] {
            let pattern: Vec<char> = format!("{key}:").chars().collect();
            let mut i = 0;
            while i + pattern.len() <= chars.len() {
                let boundary = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
                if boundary && chars[i..i + pattern.len()] == pattern[..] {
                    let start = i + pattern.len() + chars[i + pattern.len()..].iter().take_while(|c| **c == ' ').count();
                    let value: String = chars[start..].iter().take_while(|c| !matches!(c, ',' | '}' | ']' | '#')).collect();
                    let value = value.trim();
                    if yaml_reads_as_non_text(value) {
                        return Some(
                            Diagnostic::at(
                                Severity::Error,
                                Kind::WrongType,
                                &source.path,
                                idx as u64 + 1,
                                start as u64 + 1,
                                Msg::new(
                                    format!("YAML đọc `{value}` (không có ngoặc kép) là số hoặc có/không, nhưng `{key}` cần một đoạn chữ"),
                                    format!("YAML reads the unquoted `{value}` as a number or yes/no, but `{key}` needs text"),
                                ),
                            )
                            .with_hint(Msg::new(format!("đặt trong ngoặc kép: \"{value}\""), format!("put it in quotes: \"{value}\""))),
                        );
                    }
                }
                i += 1;
            }
        }
    }
    None
}

/// A plain scalar that YAML types as something other than a string.
fn yaml_reads_as_non_text(value: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on",
        "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL", ".inf", ".nan", "-.inf", ".NaN", ".Inf",
    ];
    !value.is_empty()
        && !value.starts_with(['"', '\''])
        && (WORDS.contains(&value) || value.parse::<f64>().is_ok() || value.parse::<i128>().is_ok() || value.starts_with("0x") || value.starts_with("0o"))
}

/// A mirror of the report's body that keeps positions: strings are only
/// accepted, tables are read as the model's [`IndicatorTable`] without serde's
/// untagged buffering. Everything else is ignored here: the model's own pass
/// checks it.
mod shadow {
    use serde::de::value::MapAccessDeserializer;
    use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
    use serde::Deserialize;

    use crate::model::{At, IndicatorTable, SummaryKind};

    #[derive(Deserialize)]
    pub struct Report {
        #[serde(default)]
        pub noi_dung: Vec<Block>,
        #[serde(default)]
        pub phu_luc: Vec<Appendix>,
    }

    /// A phụ lục's content.
    #[derive(Deserialize)]
    pub struct Appendix {
        #[serde(default)]
        pub noi_dung: Vec<Block>,
    }

    /// One block of the body. Read by hand rather than derived, so that a block
    /// kind this mirror does not know (one added to the model later, like `bang`)
    /// is skipped instead of failing the whole pass.
    pub enum Block {
        Part(Part),
        Table(At<TableSource>),
        Text(At<Text>),
        Other,
    }

    impl<'de> Deserialize<'de> for Block {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Block;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("a block such as doan: \"…\"")
                }
                fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
                    let Some(key) = map.next_key::<String>()? else { return Ok(Block::Other) };
                    let block = match key.as_str() {
                        "phan" | "muc" => Block::Part(map.next_value()?),
                        "doan" | "gach" | "cong" | "diem" => Block::Text(map.next_value()?),
                        "bang_chi_tieu" => Block::Table(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                            Block::Other
                        }
                    };
                    while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                    Ok(block)
                }
                // Not a block at all: the model's own pass says so.
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Block, A::Error> {
                    while seq.next_element::<IgnoredAny>()?.is_some() {}
                    Ok(Block::Other)
                }
                fn visit_str<E>(self, _: &str) -> Result<Block, E> {
                    Ok(Block::Other)
                }
                fn visit_bool<E>(self, _: bool) -> Result<Block, E> {
                    Ok(Block::Other)
                }
                fn visit_i64<E>(self, _: i64) -> Result<Block, E> {
                    Ok(Block::Other)
                }
                fn visit_u64<E>(self, _: u64) -> Result<Block, E> {
                    Ok(Block::Other)
                }
                fn visit_f64<E>(self, _: f64) -> Result<Block, E> {
                    Ok(Block::Other)
                }
                fn visit_unit<E>(self) -> Result<Block, E> {
                    Ok(Block::Other)
                }
            }
            d.deserialize_any(V)
        }
    }

    /// A part or a section.
    #[derive(Deserialize)]
    pub struct Part {
        #[serde(default)]
        tieu_de: Option<At<Text>>,
        #[serde(default)]
        chay_tiep: Option<At<Text>>,
        #[serde(default)]
        pub noi_dung: Vec<Block>,
    }

    pub struct Text;

    impl<'de> Deserialize<'de> for Text {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Text;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("text (\"…\") or a list of runs (- dam: \"…\")")
                }
                // Only strings: the model's buffered pass refuses an unquoted 2023
                // or yes as text too, but without saying where.
                fn visit_str<E>(self, _: &str) -> Result<Text, E> {
                    Ok(Text)
                }
                fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                    while seq.next_element::<Run>()?.is_some() {}
                    Ok(Text)
                }
            }
            d.deserialize_any(V)
        }
    }

    struct Run;

    /// Text only (see [`Text`]).
    struct Str;

    impl<'de> Deserialize<'de> for Str {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = Str;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("text (in quotes if it looks like a number or yes/no)")
                }
                fn visit_str<E>(self, _: &str) -> Result<Str, E> {
                    Ok(Str)
                }
            }
            d.deserialize_any(V)
        }
    }

    /// The model's [`StyledRun`], with text only.
    #[derive(Deserialize)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    enum StyledRun {
        Dam(Str),
        Nghieng(Str),
        DamNghieng(Str),
        TomTat(SummaryKind),
    }

    impl<'de> Deserialize<'de> for Run {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = Run;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("text, or one of dam:, nghieng:, dam_nghieng:, tom_tat:")
                }
                fn visit_str<E>(self, _: &str) -> Result<Run, E> {
                    Ok(Run)
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Run, A::Error> {
                    StyledRun::deserialize(MapAccessDeserializer::new(map)).map(|_| Run)
                }
            }
            d.deserialize_any(V)
        }
    }

    pub enum TableSource {
        File,
        Inline(Box<IndicatorTable>),
    }

    impl<'de> Deserialize<'de> for TableSource {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            struct V;
            impl<'de> Visitor<'de> for V {
                type Value = TableSource;
                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str("the indicator file's name, or the table itself (cot:, nhom:)")
                }
                fn visit_str<E>(self, _: &str) -> Result<TableSource, E> {
                    Ok(TableSource::File)
                }
                fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TableSource, A::Error> {
                    IndicatorTable::deserialize(MapAccessDeserializer::new(map)).map(|t| TableSource::Inline(Box::new(t)))
                }
            }
            d.deserialize_any(V)
        }
    }

    /// What the model's untagged enums lose: table sources and where texts stand.
    pub enum Found {
        Table(At<TableSource>),
        Text(crate::model::Location),
    }

    /// The table sources and texts of a body in document order.
    pub fn flatten(blocks: Vec<Block>, out: &mut Vec<Found>) {
        for block in blocks {
            match block {
                Block::Part(p) => {
                    out.extend(p.tieu_de.into_iter().chain(p.chay_tiep).map(|t| Found::Text(t.referenced)));
                    flatten(p.noi_dung, out)
                }
                Block::Table(t) => out.push(Found::Table(t)),
                Block::Text(t) => out.push(Found::Text(t.referenced)),
                Block::Other => {}
            }
        }
    }

    fn patch_text(text: &mut crate::model::Text, found: Option<Found>) -> bool {
        use crate::model::Text as T;
        match (text, found) {
            (T::Plain(s), Some(Found::Text(at))) => {
                s.referenced = at;
                true
            }
            (T::Runs(r), Some(Found::Text(at))) => {
                r.at = at;
                true
            }
            _ => false,
        }
    }

    /// Gives the model's table sources and texts their positions back, in
    /// document order; stops at the first one whose kind differs (never expected).
    pub fn patch(blocks: &mut [crate::model::Block], found: &mut impl Iterator<Item = Found>) -> bool {
        use crate::model::{Block as B, TableSource as T};
        for block in blocks {
            let ok = match block {
                B::Phan(p) => patch_text(&mut p.tieu_de, found.next()) && patch(&mut p.noi_dung, found),
                B::Muc(s) => {
                    patch_text(&mut s.tieu_de, found.next())
                        && s.chay_tiep.as_mut().is_none_or(|t| patch_text(t, found.next()))
                        && patch(&mut s.noi_dung, found)
                }
                B::Doan(t) | B::Gach(t) | B::Cong(t) | B::Diem(t) => patch_text(t, found.next()),
                B::BangChiTieu(block) => match (&mut block.source, found.next()) {
                    (T::File(rel), Some(Found::Table(At { value: TableSource::File, referenced, defined }))) => {
                        rel.referenced = referenced;
                        rel.defined = defined;
                        true
                    }
                    (T::Inline(table), Some(Found::Table(At { value: TableSource::Inline(precise), .. }))) => {
                        *table = precise;
                        true
                    }
                    _ => false,
                },
                B::Bang(_) => true,
            };
            if !ok {
                return false;
            }
        }
        true
    }
}
