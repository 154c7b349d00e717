//! Text no line can hold: a piece with no break opportunity (a row of fill-in
//! dots "………", a 60-letter "word", a URL without "/" or "-") wider than the
//! text. typst sets it past the right margin, into the paper's edge; Word and
//! LibreOffice cut it wherever the line ends, so the two files also disagree.
//! A warning at the place it was typed, before anything is rendered.
//!
//! The YAML text itself is scanned, as [`super::glyphs`] does, so that the
//! column is exact; the pieces are those the line breaker keeps whole
//! ([`crate::resolve::fit::unbreakable_pieces`]), measured at the body's size.

use std::path::Path;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};
use crate::layout::Profile;
use crate::measure::text_width_pt;
use crate::model::source_text::written_value;
use crate::model::Report;
use crate::resolve::fit::unbreakable_pieces;
use crate::resolve::{clean, lines::header_name_lines};

const MM_PER_PT: f32 = 25.4 / 72.0;

/// At most this many pieces are reported per file.
const MAX_PER_FILE: usize = 10;

/// Warns of every piece of `text` (a YAML file) outside comments that is wider
/// than the text width of `layout` at its body size.
pub fn check_text(file: &Path, text: &str, layout: &Profile, diags: &mut Vec<Diagnostic>) {
    let width_mm = layout.text_width();
    // A token of fewer characters than this fits whatever they are: most
    // words are not measured at all.
    let widest_mm = crate::measure::widest_advance_em() as f32 * layout.size_body * MM_PER_PT;
    let mut found = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim_start().starts_with('#') {
            continue;
        }
        let value = written_value(line).1;
        // An unquoted value ends where a comment begins.
        let value = match value.starts_with(['"', '\'']) {
            true => value,
            false => value.split(" #").next().unwrap_or(value),
        };
        let value_at = line.len() - written_value(line).1.len();
        for (token_at, token) in tokens(value) {
            if token.chars().count() as f32 * widest_mm <= width_mm {
                continue;
            }
            for piece in unbreakable_pieces(token, false) {
                let piece_mm = text_width_pt(piece, layout.size_body, false) * MM_PER_PT;
                if piece_mm <= width_mm {
                    continue;
                }
                found += 1;
                if found > MAX_PER_FILE {
                    return;
                }
                let byte_at = value_at + token_at + (piece.as_ptr() as usize - token.as_ptr() as usize);
                let column = line[..byte_at].chars().count() as u64 + 1;
                diags.push(too_wide(file, i as u64 + 1, column, piece, piece_mm, width_mm));
            }
        }
    }
}

/// Warns of each line of `co_quan.ten` or `co_quan.chu_quan` that is split
/// into three lines or more in the header's left column, naming the lines resolve splits it into
/// ([`crate::resolve::lines::header_name_lines`]): the office typed its lines
/// one per entry and may want the split elsewhere.
pub fn check_header_names(file: &Path, report: &Report, layout: &Profile, diags: &mut Vec<Diagnostic>) {
    let column_mm = layout.header_columns[0];
    let keys = [("co_quan.ten", &report.co_quan.ten, true), ("co_quan.chu_quan", &report.co_quan.chu_quan, false)];
    for (key, typed, bold) in keys {
        for line in typed {
            let split = header_name_lines(&[clean(&line.value)], bold, layout);
            // Two lines from one entry ("ỦY BAN NHÂN DÂN XÃ HOẰNG LỘC") is how
            // a name is usually typed and set: said only from three on.
            if split.len() < 3 {
                continue;
            }
            let shown = split.iter().map(|l| format!("\"{l}\"")).collect::<Vec<_>>();
            diags.push(
                Diagnostic::warning(
                    Kind::Format,
                    file,
                    line.referenced,
                    Msg::new(
                        format!("dòng `{key}` này rộng hơn cột tên cơ quan ({column_mm:.0} mm): in thành {} dòng {}", split.len(), shown.join(" / ")),
                        format!("this `{key}` line is wider than the issuer column ({column_mm:.0} mm): it prints as {} lines {}", split.len(), shown.join(" / ")),
                    ),
                )
                .with_hint(Msg::new(
                    format!("để chia chỗ khác, tự viết mỗi dòng một mục, ví dụ: [{}]", shown.join(", ")),
                    format!("to break it elsewhere, write each line as an entry of its own, e.g. [{}]", shown.join(", ")),
                )),
            );
        }
    }
}

/// The space-separated tokens of a value with their byte offsets, without the
/// YAML punctuation around them (quotes, brackets, commas of a flow list).
fn tokens(value: &str) -> impl Iterator<Item = (usize, &str)> {
    value.split(' ').scan(0, |at, word| {
        let start = *at;
        *at += word.len() + 1;
        let trimmed = word.trim_start_matches(['"', '\'', '[', '{']);
        let lead = word.len() - trimmed.len();
        let trimmed = trimmed.trim_end_matches(['"', '\'', ']', '}', ',']);
        Some((start + lead, trimmed))
    })
    .filter(|(_, t)| !t.is_empty())
}

/// A run of characters without a break longer than this is refused, not
/// warned about: the longest web address in a document is a few hundred.
const LONGEST_PIECE: usize = 1000;

fn too_wide(file: &Path, line: u64, column: u64, piece: &str, piece_mm: f32, width_mm: f32) -> Diagnostic {
    let shown: String = match piece.chars().count() > 24 {
        true => piece.chars().take(20).chain("…".chars()).collect(),
        false => piece.to_owned(),
    };
    let dots = piece.chars().all(|c| matches!(c, '.' | '…' | '·' | '_'));
    let chars = piece.chars().count();
    if chars > LONGEST_PIECE {
        // Not a word, a paste gone wrong: typst cannot put it in a PDF string
        // (32 767 at most) and no reader could use it.
        return Diagnostic::at(
            Severity::Error,
            Kind::Format,
            file,
            line,
            column,
            Msg::new(
                format!("\"{shown}\" dài {chars} ký tự liền nhau, không có dấu cách: không thể in thành văn bản"),
                format!("\"{shown}\" is {chars} characters with no space: it cannot be printed as text"),
            ),
        )
        .with_hint(Msg::new(
            "kiểm tra lại đoạn đã dán: chèn dấu cách giữa các từ, hoặc xóa phần thừa",
            "check what was pasted: put spaces between the words, or delete what is not meant to be there",
        ));
    }
    let hint = match dots {
        true => Msg::new(
            "viết dòng chấm ngắn hơn bề rộng dòng, hoặc chia thành nhiều đoạn chấm cách nhau bằng dấu cách",
            "write the row of dots shorter than the line, or as several runs of dots separated by spaces",
        ),
        false => Msg::new(
            "chèn dấu cách (hoặc dấu \"/\", \"-\" giữa hai chữ) ở chỗ dòng có thể xuống, hoặc viết ngắn lại",
            "put a space (or a \"/\" or \"-\" between two letters) where the line may break, or write it shorter",
        ),
    };
    Diagnostic::at(
        Severity::Warning,
        Kind::Format,
        file,
        line,
        column,
        Msg::new(
            format!("\"{shown}\" dài {piece_mm:.0} mm mà không có chỗ xuống dòng, rộng hơn dòng chữ ({width_mm:.0} mm): bản PDF in tràn ra lề phải, Word cắt nó ở chỗ khác"),
            format!("\"{shown}\" is {piece_mm:.0} mm long with no place to break, wider than the text ({width_mm:.0} mm): the PDF sets it into the right margin, Word cuts it elsewhere"),
        ),
    )
    .with_hint(hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::SizeProfile;

    fn warnings(yaml: &str) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        check_text(Path::new("a.yaml"), yaml, &SizeProfile::P14.load().expect("profile"), &mut diags);
        diags
    }

    #[test]
    fn a_run_of_thousands_of_characters_without_a_space_is_an_error() {
        let long = "a".repeat(1001);
        let d = warnings(&format!("noi_dung:\n  - doan: \"Xem {long} nhé\"\n"));
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].severity, d[0].line, d[0].column), (Severity::Error, 2, 16), "{d:?}");
        assert!(d[0].message.vi.contains("dài 1001 ký tự liền nhau"), "{:?}", d[0].message);
        // 1 000 is still a warning (a very long address).
        let d = warnings(&format!("noi_dung:\n  - doan: \"{}\"\n", "a".repeat(1000)));
        assert_eq!(d[0].severity, Severity::Warning);
    }

    #[test]
    fn a_word_just_wider_than_the_line_is_measured_not_skipped() {
        // "W" is 0.944 em: at 14 pt, 36 of them (168 mm) overflow the 165 mm
        // line and 35 (163 mm) fit. Words too short to overflow are skipped
        // unmeasured (at most the widest advance a character): these must not be.
        let w = crate::measure::text_width_pt("W", 14.0, false) * MM_PER_PT;
        let width = SizeProfile::P14.load().expect("profile").text_width();
        let over = (width / w) as usize + 1;
        assert_eq!(warnings(&format!("doan: {}\n", "W".repeat(over))).len(), 1);
        assert!(warnings(&format!("doan: {}\n", "W".repeat(over - 1))).is_empty());
    }

    #[test]
    fn a_row_of_dots_wider_than_the_line_is_pointed_at() {
        let dots = "…".repeat(90);
        let d = warnings(&format!("noi_dung:\n  - doan: \"Họ và tên: {dots}\"\n"));
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (2, 23));
        assert!(d[0].message.vi.contains("tràn ra lề phải"), "{:?}", d[0].message);
        assert!(d[0].hint.as_ref().is_some_and(|h| h.vi.contains("dòng chấm")));
    }

    #[test]
    fn what_fits_or_may_break_is_left_alone() {
        // 30 dots (148 mm) fit; a URL breaks after its "/" and "-"; words break at spaces.
        let yaml = format!(
            "- doan: \"Họ và tên: {}\"\n- doan: https://dichvucong.quangbinh.gov.vn/portaldvc/KenhTin/dich-vu-cong-truc-tuyen.aspx\n- doan: {}\n# {}\n",
            "…".repeat(30),
            "chữ ".repeat(200),
            "a".repeat(300),
        );
        assert!(warnings(&yaml).is_empty(), "{:?}", warnings(&yaml));
    }

    #[test]
    fn a_long_word_in_an_unquoted_value_and_in_a_flow_list() {
        let word = "a".repeat(90);
        let d = warnings(&format!("ten: [\"UBND\", \"{word}\"]\ndoan: x {word} # {word}\n"));
        assert_eq!(d.iter().map(|d| (d.line, d.column)).collect::<Vec<_>>(), [(1, 16), (2, 9)], "{d:?}");
    }
}
