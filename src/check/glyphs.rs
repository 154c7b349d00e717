//! Characters the chosen font cannot draw (✓ ☐ ① ℃ ⇒ 😀 中, Word's Wingdings
//! bullets U+F0A7 / U+F0D8): a content error at the place they were typed,
//! found before anything is rendered. Without it typst fails in the PDF export
//! with a message about the template, and the DOCX shows boxes.
//!
//! The YAML text itself is scanned (comments skipped), so every occurrence has
//! its line and column, in the report and in its indicator files alike.

use std::path::Path;

pub use crate::fonts::FontCoverage;

use super::diagnostic::{Diagnostic, Kind, Msg, Severity};

/// At most this many occurrences are listed per file; a summary line counts the rest.
const MAX_PER_FILE: usize = 50;

/// Reports every character of `text` (a YAML file) outside comments that the
/// font lacks.
pub fn check_text(file: &Path, text: &str, font: &FontCoverage, diags: &mut Vec<Diagnostic>) {
    let mut found = 0usize;
    let mut first_unlisted: Option<(u64, u64)> = None;
    let mut quote: Option<char> = None;
    for (i, line) in text.lines().enumerate() {
        let mut prev: Option<char> = None;
        let chars: Vec<char> = line.chars().collect();
        let mut escaped = false;
        for (col, &c) in chars.iter().enumerate() {
            match quote {
                None if c == '#' && prev.is_none_or(char::is_whitespace) => break,
                None if (c == '"' || c == '\'') && prev.is_none_or(|p| p.is_whitespace() || "[{,:-".contains(p)) => quote = Some(c),
                Some('"') if c == '"' && !escaped => quote = None,
                Some('\'') if c == '\'' => quote = None,
                _ => {}
            }
            prev = Some(c);
            // An escape of a double-quoted string ("\x07", "\0", "\uE000")
            // stands for its character: checked as if it were written.
            let (c, escape) = if quote == Some('"') && c == '\\' && !escaped {
                escaped = true;
                match unescape(&chars[col + 1..]) {
                    Some(e) => (e, true),
                    None => continue,
                }
            } else {
                escaped = false;
                (c, false)
            };
            if escape && matches!(c, '\t' | '\n' | ' ' | '"' | '/' | '\\') {
                continue;
            }
            if font.covers(c) && !unprintable(c) {
                continue;
            }
            found += 1;
            if found > MAX_PER_FILE {
                first_unlisted.get_or_insert((i as u64 + 1, col as u64 + 1));
                continue;
            }
            diags.push(missing(file, i as u64 + 1, col as u64 + 1, c, font));
        }
    }
    if let Some((line, column)) = first_unlisted {
        let more = found - MAX_PER_FILE;
        diags.push(Diagnostic::at(
            Severity::Error,
            Kind::MissingGlyph,
            file,
            line,
            column,
            Msg::new(
                format!("còn {more} ký tự nữa mà phông chữ \"{}\" không có, từ chỗ này trở đi", font.family),
                format!("{more} more characters the font \"{}\" lacks, from here on", font.family),
            ),
        ));
    }
}

/// The character a YAML escape stands for, given what follows its backslash.
fn unescape(after: &[char]) -> Option<char> {
    let hex = |n: usize| -> Option<char> {
        let digits: String = after.get(1..=n)?.iter().collect();
        char::from_u32(u32::from_str_radix(&digits, 16).ok()?)
    };
    Some(match after.first()? {
        '0' => '\0',
        'a' => '\u{7}',
        'b' => '\u{8}',
        't' | '\t' => '\t',
        'n' => '\n',
        'v' => '\u{B}',
        'f' => '\u{C}',
        'r' => '\r',
        'e' => '\u{1B}',
        'N' => '\u{85}',
        '_' => '\u{A0}',
        'L' => '\u{2028}',
        'P' => '\u{2029}',
        'x' => hex(2)?,
        'u' => hex(4)?,
        'U' => hex(8)?,
        &c => c,
    })
}

/// A character no page shows, whatever the font: a control character, a
/// line or paragraph separator, a noncharacter, a private-use code point.
fn unprintable(c: char) -> bool {
    let u = c as u32;
    // A tab reads as a space, as before.
    c.is_control() && c != '\t'
        || matches!(c, '\u{2028}' | '\u{2029}')
        || (0xFDD0..=0xFDEF).contains(&u)
        || u & 0xFFFE == 0xFFFE
        || (0xE000..=0xF8FF).contains(&u) && !(0xF000..=0xF0FF).contains(&u)
        || u >= 0xF0000
}

fn missing(file: &Path, line: u64, column: u64, c: char, font: &FontCoverage) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
    if unprintable(c) {
        let message = Msg::new(
            format!("ký tự {code} (ký tự điều khiển hoặc không dùng để in) không in ra được"),
            format!("the character {code} (a control or non-printing character) cannot be printed"),
        );
        let hint = Msg::new(
            "xóa ký tự này (hoặc chuỗi thoát viết nó, như \\x07, \\0); một dòng mới trong đoạn văn là một đoạn mới (- doan: …)",
            "delete it (or the escape that writes it, such as \\x07 or \\0); a new line in a paragraph is a new paragraph (- doan: …)",
        );
        return Diagnostic::at(Severity::Error, Kind::MissingGlyph, file, line, column, message).with_hint(hint);
    }
    let what = describe(c);
    let (what_vi, what_en) = what.map_or((String::new(), String::new()), |(vi, en)| (format!(", {vi}"), format!(", {en}")));
    let message = Msg::new(
        format!("phông chữ \"{}\" không có ký tự \"{c}\" ({code}{what_vi}): ký tự này không in ra được", font.family),
        format!("the font \"{}\" has no \"{c}\" ({code}{what_en}): it cannot be printed", font.family),
    );
    let hint = match replacement(c, font) {
        Some(r) => Msg::new(format!("thay bằng \"{r}\""), format!("write \"{r}\" instead")),
        None => Msg::new(
            "xóa ký tự này, hoặc chọn phông chữ có nó (--font-dir THƯ_MỤC, --font TÊN_PHÔNG)",
            "delete it, or choose a font that has it (--font-dir DIR, --font FAMILY)",
        ),
    };
    Diagnostic::at(Severity::Error, Kind::MissingGlyph, file, line, column, message).with_hint(hint)
}

/// A few words on where such a character comes from.
fn describe(c: char) -> Option<(&'static str, &'static str)> {
    Some(match c {
        '\u{F000}'..='\u{F0FF}' => (
            "ký hiệu của phông Symbol/Wingdings, thường đi theo khi chép từ Word",
            "a Symbol/Wingdings character, which comes along when pasting from Word",
        ),
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' => ("biểu tượng cảm xúc hoặc ký hiệu hình", "an emoji or pictograph"),
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' => ("chữ Hán", "a Chinese character"),
        _ => return None,
    })
}

/// A common replacement the font has, if there is one.
fn replacement(c: char, font: &FontCoverage) -> Option<String> {
    let candidates: Vec<String> = match c {
        // Word's bullets (Wingdings §, Ø; Symbol •): a dash item is `gach`.
        '\u{F000}'..='\u{F0FF}' | '▪' | '■' | '◆' | '❖' | '➢' | '►' => vec!["•".into(), "-".into()],
        '①'..='⑳' => vec![format!("{}.", c as u32 - '①' as u32 + 1)],
        '❶'..='❿' => vec![format!("{}.", c as u32 - '❶' as u32 + 1)],
        '℃' => vec!["°C".into(), "độ C".into()],
        '℉' => vec!["°F".into()],
        '⇒' | '⟹' | '➔' | '➜' => vec!["→".into(), "=>".into()],
        '✓' | '✔' | '☑' | '✗' | '✘' | '☒' => vec!["x".into()],
        '☐' => vec!["□".into(), "[ ]".into()],
        '“' | '”' | '„' => vec!["\"".into()],
        '‘' | '’' => vec!["'".into()],
        '–' | '—' => vec!["-".into()],
        _ => return None,
    };
    candidates.into_iter().find(|r| r.chars().all(|c| font.covers(c)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use typst::text::Coverage;

    fn latin() -> FontCoverage {
        let chars: Vec<u32> = (0x20..0x250).chain(0x1EA0..0x1F00).chain([0x2022, 0x2192, 0x25A1]).collect();
        FontCoverage::new("Test Serif", vec![Coverage::from_vec(chars)])
    }

    #[test]
    fn reports_each_missing_character_at_its_place_outside_comments() {
        let text = "a: \"Đạt ✓\"  # ✓ in a comment\n# ☐ whole-line comment\nb: '☐ x # not a comment ℃'\nc: ①\n";
        let mut diags = Vec::new();
        check_text(Path::new("r.yaml"), text, &latin(), &mut diags);
        let places: Vec<(u64, u64)> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, vec![(1, 9), (3, 5), (3, 25), (4, 4)], "{diags:#?}");
        assert!(diags[0].hint.as_ref().unwrap().en.contains("\"x\""), "{diags:#?}");
        assert!(diags[1].hint.as_ref().unwrap().en.contains("\"□\""), "{diags:#?}");
        assert!(diags[2].hint.as_ref().unwrap().en.contains("°C"), "{diags:#?}");
        assert!(diags[3].hint.as_ref().unwrap().en.contains("\"1.\""), "{diags:#?}");
    }

    /// An escape in a double-quoted string is checked as the character it
    /// writes: "\0", "\x07", "\e", "\uFFFE", "\uE000" reached typst (an error
    /// in the template) and the DOCX (invalid XML) before (review). "\n", "\t",
    /// "\"" and a Vietnamese letter written as "\u1EA1" pass.
    #[test]
    fn escapes_are_checked_as_the_characters_they_write() {
        let text = "a: \"x \\0 y \\x07 \\e\"\nb: \"\\uFFFE \\uE000 \\x9f\"\nc: \"\\n \\t \\\" \\\\ \\u1EA1 \\x41\"\nd: '\\x07 is text here'\n";
        let mut diags = Vec::new();
        check_text(Path::new("r.yaml"), text, &latin(), &mut diags);
        let places: Vec<(u64, u64)> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, vec![(1, 7), (1, 12), (1, 17), (2, 5), (2, 12), (2, 19)], "{diags:#?}");
        assert!(diags.iter().all(|d| d.message.vi.contains("không in ra được") && d.message.vi.contains("điều khiển")), "{diags:#?}");
        assert!(diags[1].message.en.contains("U+0007"), "{diags:#?}");
    }

    #[test]
    fn offers_a_bullet_for_words_wingdings() {
        let mut diags = Vec::new();
        check_text(Path::new("r.yaml"), "- gach: \"\u{F0A7} Nội dung\"\n", &latin(), &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.en.contains("U+F0A7") && diags[0].message.en.contains("Word"), "{diags:#?}");
        assert!(diags[0].hint.as_ref().unwrap().en.contains("\"•\""), "{diags:#?}");
    }
}
