//! One diagnostic type for every stage: where, how bad, what, and what to write.
//!
//! At the bottom of the crate: every stage (`model`, `check`, `resolve`, `xlsx`)
//! reports through it, none imports a later stage to do so.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_saphyr::Location;

/// The language of messages: Vietnamese for officials (default), English on request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

/// A sentence in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    pub vi: String,
    pub en: String,
}

impl Msg {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Self {
        Self { vi: vi.into(), en: en.into() }
    }
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// What a diagnostic is about, so tests and tools can tell kinds apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The file cannot be read or decoded (missing, binary, UTF-16, bad UTF-8).
    Encoding,
    /// YAML syntax, or the YAML does not fit the report's shape.
    Syntax,
    UnknownKey,
    MissingField,
    WrongType,
    DuplicateKey,
    /// The YAML budget (alias bombs, deep nesting) was exceeded.
    TooComplex,
    BareFloat,
    BadNumber,
    BadDate,
    /// A typed derived value disagrees with the computed one.
    DerivedMismatch,
    /// A column set that cannot be built: an unknown `mau`, a formula that does not
    /// parse or names a column that does not exist or holds text.
    BadFormula,
    /// A path to an indicator file that is missing or leaves the content folder.
    BadPath,
    NotNfc,
    WrongLetter,
    LegacyEncoding,
    Punctuation,
    Format,
    /// A character the chosen font cannot draw.
    MissingGlyph,
    /// Something left empty that should hold content (a title, a table's rows).
    Empty,
    /// A spreadsheet whose layout cannot be read as a biểu (no header, a missing column).
    SheetLayout,
    /// A spreadsheet cell holding an error (#DIV/0!, #REF!) or a value of the wrong type.
    CellError,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub kind: Kind,
    pub file: PathBuf,
    /// 1-based; 0 when the whole file is meant.
    pub line: u64,
    pub column: u64,
    pub message: Msg,
    pub hint: Option<Msg>,
    /// A place that is not a line and column: a spreadsheet cell ("Sheet1!D12").
    /// When set, it is printed instead of the line and column.
    pub place: Option<String>,
}

impl Diagnostic {
    pub fn error(kind: Kind, file: &Path, at: Location, message: Msg) -> Self {
        Self {
            severity: Severity::Error,
            kind,
            file: file.to_owned(),
            line: at.line(),
            column: at.column(),
            message,
            hint: None,
            place: None,
        }
    }

    pub fn warning(kind: Kind, file: &Path, at: Location, message: Msg) -> Self {
        Self { severity: Severity::Warning, ..Self::error(kind, file, at, message) }
    }

    /// A diagnostic about a whole file (it cannot be opened, it is empty, …).
    pub fn file_error(kind: Kind, file: &Path, message: Msg) -> Self {
        Self::at(Severity::Error, kind, file, 1, 1, message)
    }

    pub fn at(severity: Severity, kind: Kind, file: &Path, line: u64, column: u64, message: Msg) -> Self {
        Self { severity, kind, file: file.to_owned(), line, column, message, hint: None, place: None }
    }

    /// A diagnostic about a spreadsheet cell or range: `bieu.xlsx: Sheet1!D12: lỗi: …`.
    pub fn in_sheet(severity: Severity, kind: Kind, file: &Path, place: impl Into<String>, message: Msg) -> Self {
        Self { place: Some(place.into()), ..Self::at(severity, kind, file, 0, 0, message) }
    }

    pub fn with_hint(mut self, hint: Msg) -> Self {
        self.hint = Some(hint);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: lỗi: message` and, indented below, the hint.
    pub fn render(&self, lang: Lang) -> String {
        let label = match (self.severity, lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        };
        let mut out = match &self.place {
            Some(place) => format!("{}: {place}: {label}: {}", self.file.display(), self.message.get(lang)),
            // A whole file (it cannot be read, it is empty): no line to name.
            None if self.line == 0 => format!("{}: {}: {}", self.file.display(), label, self.message.get(lang)),
            None => format!("{}:{}:{}: {}: {}", self.file.display(), self.line, self.column, label, self.message.get(lang)),
        };
        if let Some(hint) = &self.hint {
            let word = if lang == Lang::Vi { "cách sửa" } else { "hint" };
            let _ = write!(out, "\n  {word}: {}", hint.get(lang));
        }
        out
    }
}

/// Whether any diagnostic is an error.
pub fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(Diagnostic::is_error)
}

/// What went wrong with a file or folder, in the user's words. The system's own
/// text ("File exists (os error 17)") is English and, from a temporary file,
/// names a file the user never asked for.
/// The first `limit` + 1 bytes of a file: one more than allowed tells a file
/// past the limit (or one growing while read) without reading all of it.
pub fn read_at_most(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads a regular file of at most `limit` bytes: a device (`/dev/zero`), a
/// pipe or a folder in a file's place would be read without end or never
/// answer, and a file past the limit is not what the command reads (a PDF,
/// a .p12, a picture). The reason is the user's.
pub fn read_regular_file(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, Msg> {
    let meta = std::fs::metadata(path).map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(Msg::new("không phải một tệp thường (một thư mục, thiết bị hay ống dẫn)", "not a regular file (a folder, a device or a pipe)"));
    }
    let too_large = || Msg::new(format!("tệp quá lớn (giới hạn {} MB)", limit >> 20), format!("the file is too large (the limit is {} MB)", limit >> 20));
    if meta.len() > limit {
        return Err(too_large());
    }
    let bytes = read_at_most(path, limit).map_err(|e| io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// A symbolic link that leads back to itself (ELOOP, "Too many levels of
/// symbolic links"). std's `ErrorKind::FilesystemLoop` is not stable yet.
pub fn is_symlink_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    return e.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    return false;
}

pub fn io_reason(e: &std::io::Error) -> Msg {
    use std::io::ErrorKind as K;
    if is_symlink_loop(e) {
        return Msg::new(
            "đường dẫn là một liên kết (symlink) trỏ vòng về chính nó, không tới tệp nào",
            "the path is a symbolic link that loops back on itself and leads to no file",
        );
    }
    match e.kind() {
        K::NotFound => Msg::new("không có tệp hoặc thư mục này", "there is no such file or folder"),
        K::PermissionDenied => Msg::new("không có quyền ghi hoặc đọc ở đó", "no permission to write or read there"),
        K::AlreadyExists => Msg::new("đã có một tệp cùng tên ở đó (không phải thư mục)", "a file of that name is already there (not a folder)"),
        K::NotADirectory => Msg::new("một phần của đường dẫn là tệp, không phải thư mục", "part of the path is a file, not a folder"),
        K::IsADirectory => Msg::new("đây là một thư mục, không phải tệp", "this is a folder, not a file"),
        K::ReadOnlyFilesystem => Msg::new("ổ đĩa này chỉ cho đọc", "the disk is read-only"),
        K::StorageFull | K::QuotaExceeded => Msg::new("ổ đĩa đã đầy", "the disk is full"),
        K::InvalidFilename => Msg::new("tên tệp không hợp lệ", "the file name is not valid"),
        _ => Msg::new(format!("lỗi hệ thống: {e}"), e.to_string()),
    }
}

#[cfg(test)]
mod io_reason_tests {
    use super::*;

    #[test]
    fn a_folder_over_a_file_is_named_in_vietnamese() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("ket-qua");
        std::fs::write(&file, b"").unwrap();
        let e = std::fs::create_dir_all(&file).unwrap_err();
        assert_eq!(io_reason(&e).vi, "đã có một tệp cùng tên ở đó (không phải thư mục)");
        let e = std::fs::create_dir_all(file.join("con")).unwrap_err();
        assert_eq!(io_reason(&e).vi, "một phần của đường dẫn là tệp, không phải thư mục");
    }
}
