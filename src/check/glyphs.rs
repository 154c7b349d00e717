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
        for (col, c) in line.chars().enumerate() {
            match quote {
                None if c == '#' && prev.is_none_or(char::is_whitespace) => break,
                None if (c == '"' || c == '\'') && prev.is_none_or(|p| p.is_whitespace() || "[{,:-".contains(p)) => quote = Some(c),
                Some('"') if c == '"' && prev != Some('\\') => quote = None,
                Some('\'') if c == '\'' => quote = None,
                _ => {}
            }
            prev = Some(c);
            if font.covers(c) {
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

fn missing(file: &Path, line: u64, column: u64, c: char, font: &FontCoverage) -> Diagnostic {
    let code = format!("U+{:04X}", c as u32);
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

    #[test]
    fn offers_a_bullet_for_words_wingdings() {
        let mut diags = Vec::new();
        check_text(Path::new("r.yaml"), "- gach: \"\u{F0A7} Nội dung\"\n", &latin(), &mut diags);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.en.contains("U+F0A7") && diags[0].message.en.contains("Word"), "{diags:#?}");
        assert!(diags[0].hint.as_ref().unwrap().en.contains("\"•\""), "{diags:#?}");
    }
}
