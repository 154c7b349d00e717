//! serde-saphyr's errors in the user's terms: kind, place, and what to write.

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};

/// Text between the first pair of backticks after `after`, e.g. the field name in
/// "unknown field `tieu_de2`, expected one of …".
fn backticked(msg: &str, after: &str) -> Option<String> {
    let rest = &msg[msg.find(after)? + after.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(rest[start..end].to_owned())
}

/// The names after "expected one of", backticked or not:
/// "… expected one of loai, co_quan, so" or "… expected one of `loai`, `so`".
fn expected_names(msg: &str) -> Vec<String> {
    let Some(pos) = msg.find("expected one of") else { return Vec::new() };
    msg[pos + "expected one of".len()..]
        .split(',')
        .map(|n| n.trim().trim_matches('`').trim())
        .filter(|n| !n.is_empty())
        .map(str::to_owned)
        .collect()
}

/// serde-saphyr appends " at line N, column M"; the diagnostic says that already.
fn strip_position(msg: &str) -> &str {
    match msg.rfind(" at line ") {
        Some(pos) => &msg[..pos],
        None => msg,
    }
}

/// The closest known name, if one is close enough to be a typo.
pub fn did_you_mean(unknown: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(unknown, k), k))
        .filter(|(dist, k)| *dist <= 2.max(k.chars().count() / 3))
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, k)| k.clone())
}

pub fn to_diagnostic(file: &Path, text: &str, err: &serde_saphyr::Error) -> Diagnostic {
    let raw = err.without_snippet().to_string();
    // The rendered message may repeat the position; keep the first line's words.
    let msg = strip_position(raw.lines().next().unwrap_or("").trim()).to_owned();
    let (line, column) = err
        .location()
        .map(|l| (l.line(), l.column()))
        .filter(|(l, _)| *l > 0)
        .unwrap_or((1, 1));
    let lower = msg.to_lowercase();
    let source_line = text.lines().nth(line.saturating_sub(1) as usize).unwrap_or("");

    let (kind, message, hint) = if let Some(name) = backticked(&msg, "unknown field") {
        let known = expected_names(&msg);
        let hint = match did_you_mean(&name, &known) {
            Some(close) => Msg::new(format!("có phải ý bạn là `{close}`?"), format!("did you mean `{close}`?")),
            None if known.is_empty() => Msg::new("xóa khóa này", "remove this key"),
            None => Msg::new(
                format!("các khóa hợp lệ ở đây: {}", known.join(", ")),
                format!("the keys allowed here: {}", known.join(", ")),
            ),
        };
        (
            Kind::UnknownKey,
            Msg::new(format!("khóa `{name}` không có trong mẫu báo cáo"), format!("unknown key `{name}`")),
            Some(hint),
        )
    } else if let Some(name) = backticked(&msg, "unknown variant") {
        let known = expected_names(&msg);
        let hint = match did_you_mean(&name, &known) {
            Some(close) => Msg::new(format!("có phải ý bạn là `{close}`?"), format!("did you mean `{close}`?")),
            None => Msg::new(
                format!("các giá trị hợp lệ: {}", known.join(", ")),
                format!("the values allowed: {}", known.join(", ")),
            ),
        };
        (
            Kind::UnknownKey,
            Msg::new(format!("giá trị `{name}` không hợp lệ ở đây"), format!("`{name}` is not allowed here")),
            Some(hint),
        )
    } else if let Some(name) = backticked(&msg, "missing field") {
        (
            Kind::MissingField,
            Msg::new(format!("thiếu mục bắt buộc `{name}`"), format!("missing required field `{name}`")),
            Some(Msg::new(format!("thêm `{name}: …` vào đây"), format!("add `{name}: …` here"))),
        )
    } else if lower.contains("duplicate") {
        (
            Kind::DuplicateKey,
            Msg::new(format!("khóa bị lặp lại: {msg}"), format!("duplicate key: {msg}")),
            Some(Msg::new("mỗi khóa chỉ được ghi một lần; xóa hoặc gộp bản lặp", "write each key once; remove or merge the repeat")),
        )
    } else if lower.contains("budget") || lower.contains("depth") || lower.contains("alias") || lower.contains("limit") {
        (
            Kind::TooComplex,
            Msg::new(
                format!("tệp YAML quá phức tạp (lồng quá sâu hoặc quá nhiều alias): {msg}"),
                format!("the YAML is too complex (nested too deep or too many aliases): {msg}"),
            ),
            Some(Msg::new("viết nội dung trực tiếp, không dùng anchor/alias lồng nhau", "write the content out plainly, without nested anchors/aliases")),
        )
    } else if lower.starts_with("invalid") || lower.starts_with("expected") || lower.contains("invalid type") || lower.contains("invalid value") {
        (
            Kind::WrongType,
            Msg::new(format!("sai kiểu giá trị: {msg}"), format!("wrong kind of value: {msg}")),
            Some(Msg::new(
                "xem mẫu trong README (mục \"Định dạng YAML\") hoặc chạy vanban schema",
                "see the README's YAML format section, or run vanban schema",
            )),
        )
    } else {
        let hint = if source_line.starts_with('\t') || source_line.trim_start_matches(' ').starts_with('\t') {
            Msg::new("YAML không cho phép thụt lề bằng phím Tab; dùng dấu cách", "YAML does not allow tab indentation; use spaces")
        } else {
            Msg::new(
                "kiểm tra thụt lề (các mục cùng cấp thẳng cột), dấu ngoặc kép và ngoặc vuông phải được đóng",
                "check indentation (siblings aligned), and that quotes and brackets are closed",
            )
        };
        (
            Kind::Syntax,
            Msg::new(format!("lỗi cú pháp YAML: {msg}"), format!("YAML syntax error: {msg}")),
            Some(hint),
        )
    };
    let mut d = Diagnostic::at(Severity::Error, kind, file, line, column, message);
    d.hint = hint;
    d
}
