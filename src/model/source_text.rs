//! What the decoded text of a file shows before it is parsed (every string,
//! with exact columns): "ƣ" for "ư", and legacy TCVN3/VNI text.

use std::path::Path;

use crate::diag::{Diagnostic, Kind, Msg, Severity};

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
    // What only some characters can raise is looked for line by line only if
    // the text holds one of them at all (one pass instead of three a line).
    let (mut wrong_u, mut invisible, mut legacy) = (false, false, false);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        wrong_u |= c == 'ƣ' || c == 'Ƣ';
        invisible |= is_invisible(c);
        // (Every mark lies in U+00A1–U+00FF.)
        legacy |= ('\u{A1}'..='\u{FF}').contains(&c) && (TCVN3_MARKS.contains(&c) || VNI_MARKS.contains(&c));
    }
    let mut legacy_reported = 0;
    for (i, line) in text.lines().enumerate() {
        let line_no = i as u64 + 1;
        if let Some(col) = wrong_u.then(|| line.chars().position(|c| c == 'ƣ' || c == 'Ƣ')).flatten() {
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
        if let Some(d) = invisible.then(|| invisible_characters(path, line_no, line)).flatten() {
            diags.push(d);
        }
        if let Some(d) = curly_quotes_around(path, line_no, line) {
            diags.push(d);
        }
        if let Some(d) = hash_in_plain_value(path, line_no, line) {
            diags.push(d);
        }
        if let Some(d) = sign_eats_a_word(path, line_no, line) {
            diags.push(d);
        }
        diags.extend(numbers_yaml_rewrites(path, line_no, line));
        if legacy && legacy_reported < 3 {
            if let Some(d) = legacy_line(path, line_no, line) {
                diags.push(d);
                legacy_reported += 1;
            }
        }
    }
    if wrong_u {
        *text = text.replace('ƣ', "ư").replace('Ƣ', "Ư");
    }
    if invisible {
        text.retain(|c| !is_invisible(c));
    }
}

/// Characters that print nothing but split a word for search and copy: text
/// pasted from web pages, chat apps and PDFs brings zero-width spaces, soft
/// hyphens and direction marks, and "An\u{200B}Bình" is not found by a
/// search for "An Bình" or "AnBình". No Vietnamese text needs them.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(c, '\u{AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

fn invisible_name(c: char) -> &'static str {
    match c {
        '\u{AD}' => "soft hyphen",
        '\u{200B}' => "zero width space",
        '\u{200C}' => "zero width non-joiner",
        '\u{200D}' => "zero width joiner",
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => "direction mark",
        '\u{2060}' | '\u{FEFF}' => "word joiner",
        _ => "invisible",
    }
}

/// One warning a line: where the first invisible character is, what it is and
/// how many the line has. They are taken out of the text.
fn invisible_characters(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    // In a comment they are removed too, but harm nothing printed.
    let line = line.split(" #").next().unwrap_or(line);
    if line.trim_start().starts_with('#') {
        return None;
    }
    let (col, c) = line.chars().enumerate().find(|&(_, c)| is_invisible(c))?;
    let count = line.chars().filter(|&c| is_invisible(c)).count();
    let code = format!("U+{:04X} {}", c as u32, invisible_name(c));
    let more = |vi: bool| match (count, vi) {
        (1, _) => String::new(),
        (n, true) => format!(" (dòng này có {n} ký tự như vậy)"),
        (n, false) => format!(" ({n} such characters on this line)"),
    };
    Some(
        Diagnostic::at(
            Severity::Warning,
            Kind::WrongLetter,
            path,
            line_no,
            col as u64 + 1,
            Msg::new(
                format!("ký tự vô hình ({code}) nằm trong chữ{}, thường do chép từ trang web hoặc tin nhắn; nó làm hỏng việc tìm kiếm, vanban đã bỏ nó", more(true)),
                format!("an invisible character ({code}) sits in the text{}, usually pasted from a web page or a chat; it breaks search, vanban removed it", more(false)),
            ),
        )
        .with_hint(Msg::new("xóa ký tự vô hình trong tệp (gõ lại chữ ở chỗ này)", "delete the invisible character from the file (retype the text here)")),
    )
}

/// What a line of YAML writes: its vanban key, if any (`doan`, `- gach`), and
/// the value after it; without a key, the list item (`- Lưu: VT.`) or the line.
/// For messages about text that YAML reads otherwise than meant.
pub(crate) fn written_value(line: &str) -> (Option<&str>, &str) {
    let body = line.trim_start();
    let item = body.strip_prefix("- ").unwrap_or(body).trim_start();
    match item.split_once(": ") {
        Some((key, rest)) if !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') => (Some(key), rest.trim_start()),
        _ => (None, item),
    }
}

/// Where the value of the document's own `key:` is (line, column): a key at
/// the start of a line. A block nested deeper (a quy chế's `dieu:` under
/// `kem_theo:`, a phụ lục's `noi_dung:`) has a key of the same name that is
/// not the document's: a missing top-level key is never reported there.
pub fn top_level_key_position(text: &str, key: &str) -> Option<(u64, u64)> {
    text.lines().enumerate().find_map(|(i, line)| {
        let rest = line.strip_prefix(key)?.strip_prefix(':')?;
        if !(rest.is_empty() || rest.starts_with([' ', '\t'])) {
            return None;
        }
        let value = line.len() - rest.trim_start().len();
        Some((i as u64 + 1, line[..value].chars().count() as u64 + 1))
    })
}

/// A value as [`written_value`] gives it, without the comment YAML cuts off
/// (`Nguyễn Văn A   # tiến sĩ` → `Nguyễn Văn A`): a "#" after whitespace,
/// outside quotes. A quoted value ends at its closing quote, so a "#" inside
/// it is text; a quote later in a plain value (`An "Bình"`) is text too.
pub(crate) fn without_comment(value: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut prev: Option<char> = None;
    let flow = value.starts_with(['[', '{']);
    let mut chars = value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match quote {
            Some('"') if c == '\\' => {
                chars.next();
                prev = None;
                continue;
            }
            Some('\'') if c == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                continue;
            }
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '#' && prev.is_none_or(char::is_whitespace) => return value[..i].trim_end(),
            // A quote opens where the value begins, or an item of a flow
            // list or block (`["A", "B"]`, `{ ten: "A" }`).
            None if matches!(c, '"' | '\'') && prev.is_none_or(|p| flow && (p.is_whitespace() || matches!(p, '[' | '{' | ',' | ':'))) => quote = Some(c),
            None => {}
        }
        prev = Some(c);
    }
    value.trim_end()
}

/// `doan: “Sản xuất ổn định.”`: curly quotes around a whole value, as Word's
/// autocorrect makes of "…", are text to YAML and print. Meant as quotes of
/// the text they are right, but usually they were meant as YAML's.
fn curly_quotes_around(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let (key, value) = written_value(line);
    key?;
    let value = without_comment(value);
    let inner = super::yaml_error::curly_quoted(value)?;
    // A quotation with more quotes inside is meant to print.
    if inner.contains(['“', '”', '"']) {
        return None;
    }
    let column = line[..line.len() - written_value(line).1.len()].chars().count() as u64 + 1;
    let straight = format!("\"{inner}\"");
    Some(
        Diagnostic::at(
            Severity::Warning,
            Kind::Punctuation,
            path,
            line_no,
            column,
            Msg::new(
                "cả giá trị nằm trong ngoặc kép cong “ ”: YAML coi chúng là chữ nên chúng được in ra",
                "the whole value is in curly quotes “ ”: YAML takes them as text, so they print",
            ),
        )
        .with_hint(Msg::new(
            format!("nếu không muốn in dấu ngoặc, dùng ngoặc kép thẳng: {straight}; nếu đó là lời trích dẫn, giữ ngoặc cong trong ngoặc thẳng: \"{value}\""),
            format!("if the quotes should not print, use straight quotes: {straight}; if it is a quotation, keep the curly quotes inside straight ones: \"{value}\""),
        )),
    )
}

/// `doan: Thôn số #5 đạt chuẩn` prints "Thôn số": YAML takes " #" and what
/// follows for a comment. A comment begins "# " by habit; a "#" glued to the
/// next character (a number "#5", a tag "#chuyendoiso") in an unquoted value
/// was meant as text.
fn hash_in_plain_value(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    let body = line.trim_start();
    if body.starts_with('#') {
        return None;
    }
    let value = written_value(line).1;
    if value.is_empty() || value.starts_with(['"', '\'', '[', '{', '|', '>', '&', '*', '!']) {
        return None;
    }
    let at = value.find(" #")?;
    let after = value[at + 2..].chars().next()?;
    if after.is_whitespace() || value[..at].trim().is_empty() {
        return None;
    }
    let column = line[..line.len() - value.len() + at + 1].chars().count() as u64 + 1;
    // The value meant ends where a comment by habit begins: "#" after
    // whitespace and before whitespace (`Thôn số #5 đạt chuẩn   # ghi chú`).
    let after_hash = &value[at + 2..];
    let meant_end = after_hash
        .char_indices()
        .find(|&(i, c)| c == '#' && after_hash[..i].ends_with(char::is_whitespace) && after_hash[i + 1..].chars().next().is_none_or(char::is_whitespace))
        .map_or(value.len(), |(i, _)| at + 2 + i);
    let quoted = format!("\"{}\"", value[..meant_end].trim_end().replace('"', "\\\""));
    Some(
        Diagnostic::at(
            Severity::Warning,
            Kind::Syntax,
            path,
            line_no,
            column,
            Msg::new(
                format!("YAML coi \" #\" và phần sau là ghi chú: chỉ in ra \"{}\"", value[..at].trim_end()),
                format!("YAML takes \" #\" and what follows for a comment: only \"{}\" prints", value[..at].trim_end()),
            ),
        )
        .with_hint(Msg::new(format!("đặt cả giá trị trong ngoặc kép: {quoted}"), format!("put the whole value in quotes: {quoted}"))),
    )
}

/// `doan: &Văn phòng xã thông báo …` prints "phòng xã thông báo …", and
/// `ho_ten: !TS Nguyễn Thị Hạnh` prints "Nguyễn Thị Hạnh": YAML reads a first
/// word after "&" as an anchor and after "!" as a tag, and drops it. Text
/// after the word means it was text. (An anchor over a mapping or list, `&cq`
/// alone or before "{" or "[", is YAML's own; a tag with letters beyond ASCII
/// is a syntax error the parser reports.)
fn sign_eats_a_word(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let written = written_value(line).1;
    let column = line[..line.len() - written.len()].chars().count() as u64 + 1;
    let value = without_comment(written);
    let sign = value.chars().next().filter(|c| matches!(c, '&' | '!'))?;
    if value.starts_with("!!") {
        return None;
    }
    let (word, rest) = value.split_once(char::is_whitespace)?;
    let rest = rest.trim();
    if word.len() < 2 || rest.is_empty() || rest.starts_with(['{', '[', '"', '\'', '|', '>', '#', '&', '*']) || (sign == '!' && !word.is_ascii()) {
        return None;
    }
    let quoted = format!("\"{}\"", value.replace('"', "\\\""));
    let what = if sign == '&' { ("một nhãn (anchor)", "an anchor") } else { ("một thẻ kiểu (tag)", "a tag") };
    Some(
        Diagnostic::at(
            Severity::Error,
            Kind::Syntax,
            path,
            line_no,
            column,
            Msg::new(
                format!("YAML đọc \"{word}\" là {} và bỏ nó đi: chỉ in ra \"{rest}\"", what.0),
                format!("YAML reads \"{word}\" as {} and drops it: only \"{rest}\" prints", what.1),
            ),
        )
        .with_hint(Msg::new(format!("đặt cả giá trị trong ngoặc kép: {quoted}"), format!("put the whole value in quotes: {quoted}"))),
    )
}

/// `so: 0x10` printed "Số: 16", `ke_hoach: 1e3` computed with 1000 and
/// `1_000` with 1000: YAML reads hexadecimal, octal, binary, exponents and
/// digit separators as numbers of its own. No office writes a number so, so
/// an unquoted value written so is an error at the value, not a number that
/// silently changes.
fn numbers_yaml_rewrites(path: &Path, line_no: u64, line: &str) -> Vec<Diagnostic> {
    if line.trim_start().starts_with('#') {
        return Vec::new();
    }
    let mut found = Vec::new();
    let mut in_quotes: Option<char> = None;
    let mut start: Option<usize> = None;
    let mut prev = ' ';
    let bytes_end = line.len();
    let is_stop = |c: char| c.is_whitespace() || matches!(c, ',' | '{' | '}' | '[' | ']');
    for (i, c) in line.char_indices().chain(std::iter::once((bytes_end, ' '))) {
        if let Some(q) = in_quotes {
            if c == q {
                in_quotes = None;
            }
            prev = c;
            continue;
        }
        if start.is_none() && matches!(c, '"' | '\'') && (prev.is_whitespace() || matches!(prev, ':' | ',' | '[' | '{')) {
            in_quotes = Some(c);
            prev = c;
            continue;
        }
        if c == '#' && prev.is_whitespace() {
            break;
        }
        match (start, is_stop(c)) {
            (None, false) if prev.is_whitespace() || matches!(prev, ',' | '[' | '{') => start = Some(i),
            (Some(s), true) => {
                let token = &line[s..i];
                let before = line[..s].trim_end();
                let is_value = before.ends_with(':') || before.ends_with(',') || before.ends_with('[') || before.ends_with('-');
                if is_value && yaml_own_number(token) {
                    let column = line[..s].chars().count() as u64 + 1;
                    found.push(
                        Diagnostic::at(
                            Severity::Error,
                            Kind::WrongType,
                            path,
                            line_no,
                            column,
                            Msg::new(
                                format!("YAML đọc \"{token}\" là một số viết kiểu lập trình (hệ 16, hệ 8, lũy thừa hoặc có dấu _), không phải số như in ra"),
                                format!("YAML reads \"{token}\" as a number in a programmer's notation (hexadecimal, octal, exponent or with _), not a number as printed"),
                            ),
                        )
                        .with_hint(Msg::new(
                            "viết số như in ra, theo cách Việt Nam: 16, \"1.000\", \"2,5\"; hoặc đặt nó trong ngoặc kép nếu đó là chữ",
                            "write the number as it prints, the Vietnamese way: 16, \"1.000\", \"2,5\"; or put it in quotes if it is text",
                        )),
                    );
                }
                start = None;
            }
            _ => {}
        }
        prev = c;
    }
    found
}

/// 0x10, 0o12, 0b101, 1e3, 2.5E-3, 1_000: numbers YAML reads in its own way.
fn yaml_own_number(token: &str) -> bool {
    let t = token.strip_prefix(['+', '-']).unwrap_or(token);
    let radix = |prefix: &str, ok: fn(char) -> bool| t.strip_prefix(prefix).is_some_and(|d| !d.is_empty() && d.chars().all(ok));
    if radix("0x", |c| c.is_ascii_hexdigit()) || radix("0o", |c| matches!(c, '0'..='7')) || radix("0b", |c| matches!(c, '0' | '1')) {
        return true;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    // Digit separators: 1_000, 12_345_678.
    if t.contains('_') && t.split('_').all(digits) {
        return true;
    }
    // An exponent: 1e3, 2.5E-3.
    match t.split_once(['e', 'E']) {
        Some((mantissa, exp)) => {
            let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
            let mantissa_ok = match mantissa.split_once('.') {
                Some((a, b)) => digits(a) && (b.is_empty() || digits(b)),
                None => digits(mantissa),
            };
            mantissa_ok && digits(exp)
        }
        None => false,
    }
}

fn legacy_line(path: &Path, line_no: u64, line: &str) -> Option<Diagnostic> {
    let content = line.split(" #").next().unwrap_or(line);
    if content.trim_start().starts_with('#') {
        return None;
    }
    let tcvn3: Vec<usize> = content.chars().enumerate().filter(|(_, c)| TCVN3_MARKS.contains(c)).map(|(i, _)| i).collect();
    let vni = content.chars().filter(|c| VNI_MARKS.contains(c)).count();
    // Soft hyphens alone are pasted web text, not TCVN3 (where 0xAD is "ư").
    let soft_hyphens_only = content.chars().all(|c| c == '\u{AD}' || !TCVN3_MARKS.contains(&c));
    let (name, col) = if tcvn3.len() >= 2 && tcvn3.len() >= vni && !soft_hyphens_only {
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

#[cfg(test)]
mod tests {
    use super::{top_level_key_position, without_comment};

    #[test]
    fn a_top_level_key_is_found_at_the_start_of_a_line_only() {
        let text = "loai: quyet_dinh\nkem_theo:\n  chuong:\n    - dieu:\n        - noi_dung: x\n  dieu: []\ndieu:\n  - noi_dung: y\nnoi_dung_khac: 1\n";
        assert_eq!(top_level_key_position(text, "dieu"), Some((7, 6)));
        assert_eq!(top_level_key_position(text, "loai"), Some((1, 7)));
        assert_eq!(top_level_key_position(text, "noi_dung"), None);
        assert_eq!(top_level_key_position("a:\n  trich_yeu: [x]\n", "trich_yeu"), None);
    }

    #[test]
    fn a_comment_is_cut_off_the_value() {
        assert_eq!(without_comment("Nguyễn Văn A   # tiến sĩ"), "Nguyễn Văn A");
        assert_eq!(without_comment("15/BC-UBND\t# văn thư điền"), "15/BC-UBND");
        assert_eq!(without_comment("# only a comment"), "");
        // Not a comment: "#" glued to a word, or inside quotes.
        assert_eq!(without_comment("Thôn#5 đạt chuẩn"), "Thôn#5 đạt chuẩn");
        assert_eq!(without_comment("\"Thôn số # 5\"  # ghi chú"), "\"Thôn số # 5\"");
        assert_eq!(without_comment("'it''s # here' # x"), "'it''s # here'");
        assert_eq!(without_comment("\"a \\\" # b\" # c"), "\"a \\\" # b\"");
        assert_eq!(without_comment("[\"A # 1\", B] # c"), "[\"A # 1\", B]");
        // A quote inside a plain value is text.
        assert_eq!(without_comment("An \"Bình # x"), "An \"Bình");
    }
}
