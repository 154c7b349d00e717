//! NĐ 30 lints: what an experienced văn thư would mark in red.
//!
//! Some work on the raw text (so they see every string, with exact columns):
//! "ƣ" for "ư" and legacy TCVN3/VNI text. Others work on the model: nơi nhận
//! punctuation, the Tiêu ngữ's dashes, the Party forms "T/M", "K/T".

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use crate::model::{At, Report};

/// Characters that TCVN3 (ABC) text shows when read as Unicode, and that no
/// Vietnamese word contains.
const TCVN3_MARKS: &[char] = &[
    '¨', '©', 'ª', '«', '¬', '\u{AD}', '®', 'µ', '¶', '·', '¸', '¹', '»', '¼', '½', '¾', 'Æ', 'Ç',
    'Ë', 'Î', 'Ï', 'Ñ', 'Ö', 'Ø', 'Ü', 'Þ', 'ß', 'æ', 'ç', 'ë', 'î', 'ï', 'ñ', 'ö', '÷', 'ø', 'û',
    'ü', 'þ', 'ÿ', '¡', '¢', '¤', '¥', '¦', '§',
];
/// Characters typical of VNI text read as Unicode ("Coäng hoøa"): Latin letters
/// with diacritics Vietnamese does not use.
const VNI_MARKS: &[char] = &['ä', 'ë', 'ï', 'ö', 'ü', 'ø', 'å', 'æ', 'ç', 'ñ', 'û', 'ÿ', 'Ä', 'Ö', 'Ø', 'Ñ', 'Û', 'Ï'];

/// Lints on the decoded text of a file. Replaces "ƣ"/"Ƣ" by "ư"/"Ư" in `text`
/// (with a warning each line), reports legacy-encoded lines as errors.
pub fn lint_source_text(path: &Path, text: &mut String, diags: &mut Vec<Diagnostic>) {
    let mut legacy_reported = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        if let Some(col) = line.chars().position(|c| c == 'ƣ' || c == 'Ƣ') {
            diags.push(
                Diagnostic::at(
                    Severity::Warning,
                    Kind::WrongLetter,
                    path,
                    line_no,
                    col as u64 + 1,
                    Msg::new(
                        "chữ \"ƣ\" (U+01A3, lỗi phông khi chép từ PDF) đứng ở chỗ của \"ư\"; vanban đã sửa thành \"ư\"",
                        "\"ƣ\" (U+01A3, a font artefact of text copied from a PDF) stands where \"ư\" belongs; vanban replaced it",
                    ),
                )
                .with_hint(Msg::new("thay \"ƣ\" bằng \"ư\" và \"Ƣ\" bằng \"Ư\" trong tệp", "replace \"ƣ\" by \"ư\" and \"Ƣ\" by \"Ư\" in the file")),
            );
        }
        if legacy_reported < 3 {
            if let Some(d) = legacy_line(path, line_no, line) {
                diags.push(d);
                legacy_reported += 1;
            }
        }
    }
    if text.contains(['ƣ', 'Ƣ']) {
        *text = text.replace('ƣ', "ư").replace('Ƣ', "Ư");
    }
}

fn legacy_line(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    let content = line.split(" #").next().unwrap_or(line);
    if content.trim_start().starts_with('#') {
        return None;
    }
    let tcvn3: Vec<usize> = content.chars().enumerate().filter(|(_, c)| TCVN3_MARKS.contains(c)).map(|(i, _)| i).collect();
    let vni = content.chars().filter(|c| VNI_MARKS.contains(c)).count();
    let (name, col) = if tcvn3.len() >= 2 && tcvn3.len() >= vni {
        ("TCVN3 (ABC)", tcvn3[0])
    } else if vni >= 2 {
        ("VNI", content.chars().position(|c| VNI_MARKS.contains(&c)).unwrap_or(0))
    } else {
        return None;
    };
    Some(
        Diagnostic::at(
            Severity::Error,
            Kind::LegacyEncoding,
            path,
            line_no,
            col as u64 + 1,
            Msg::new(
                format!("dòng này có vẻ được gõ bằng bảng mã cũ {name}, không phải Unicode"),
                format!("this line looks like legacy {name} text, not Unicode"),
            ),
        )
        .with_hint(Msg::new(
            "chuyển mã sang Unicode dựng sẵn (ví dụ: Unikey → Công cụ chuyển mã, nguồn TCVN3 hoặc VNI Windows, đích Unicode), rồi dán lại",
            "convert the text to precomposed Unicode (e.g. Unikey's converter, source TCVN3 or VNI Windows, target Unicode) and paste it again",
        )),
    )
}

/// Lints on the report model.
pub fn lint_report(file: &Path, report: &Report, diags: &mut Vec<Diagnostic>) {
    lint_recipients(file, &report.noi_nhan, diags);
    if let Some(motto) = &report.tieu_ngu {
        if motto.value.contains(['–', '—']) {
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    motto.referenced,
                    Msg::new("Tiêu ngữ dùng gạch ngang dài (–); NĐ 30 dùng gạch nối \"-\" có dấu cách", "the Tiêu ngữ uses an en dash (–); NĐ 30 uses a hyphen \"-\" with spaces"),
                )
                .with_hint(Msg::new("viết: Độc lập - Tự do - Hạnh phúc", "write: Độc lập - Tự do - Hạnh phúc")),
            );
        }
    }
    let s = &report.nguoi_ky;
    for line in [&s.tm, &s.kt, &s.q, &s.tl, &s.tuq, &s.chuc_vu].into_iter().flatten() {
        let upper = line.value.to_uppercase();
        if upper.contains("T/M") || upper.contains("K/T") {
            diags.push(
                Diagnostic::error(
                    Kind::Format,
                    file,
                    line.referenced,
                    Msg::new(
                        "\"T/M\", \"K/T\" là cách viết của văn bản Đảng; văn bản hành chính viết \"TM.\", \"KT.\"",
                        "\"T/M\", \"K/T\" are the Party forms; administrative documents write \"TM.\", \"KT.\"",
                    ),
                )
                .with_hint(Msg::new(
                    "ghi tm: ỦY BAN NHÂN DÂN (vanban tự thêm \"TM.\")",
                    "write tm: ỦY BAN NHÂN DÂN (vanban adds \"TM.\")",
                )),
            );
        }
    }
}

/// Each nơi nhận item ends with ";", the last one with ".".
fn lint_recipients(file: &Path, items: &[At<String>], diags: &mut Vec<Diagnostic>) {
    let last = items.len().saturating_sub(1);
    for (i, item) in items.iter().enumerate() {
        let text = item.value.trim_end();
        let (want, ok) = if i == last { (".", text.ends_with('.')) } else { (";", text.ends_with(';')) };
        if !ok {
            let fixed = format!("{}{want}", text.trim_end_matches([';', '.', ',']));
            diags.push(
                Diagnostic::warning(
                    Kind::Punctuation,
                    file,
                    item.referenced,
                    Msg::new(
                        if i == last { "mục cuối của nơi nhận phải kết thúc bằng dấu chấm \".\"" } else { "mỗi mục nơi nhận (trừ mục cuối) kết thúc bằng dấu chấm phẩy \";\"" },
                        if i == last { "the last nơi nhận item ends with \".\"" } else { "each nơi nhận item but the last ends with \";\"" },
                    ),
                )
                .with_hint(Msg::new(format!("viết: \"{fixed}\""), format!("write: \"{fixed}\""))),
            );
        }
        if text.starts_with('-') {
            diags.push(
                Diagnostic::warning(
                    Kind::Punctuation,
                    file,
                    item.referenced,
                    Msg::new("không cần gõ dấu \"-\" đầu mục: vanban tự thêm", "no need to type the leading \"-\": vanban adds it"),
                )
                .with_hint(Msg::new(
                    format!("viết: \"{}\"", text.trim_start_matches(['-', ' '])),
                    format!("write: \"{}\"", text.trim_start_matches(['-', ' '])),
                )),
            );
        }
    }
}
