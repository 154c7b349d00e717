//! Markers vanban prints itself ("I.", "1.", "- ", "+ ", "a) ", "TM. ",
//! "Kính gửi:") and that authors type again out of habit, which would print
//! twice ("I. I. NHỮNG…").
//!
//! One matcher serves both stages: `check` warns where a typed marker stands,
//! `resolve` drops it. Only a marker of the form vanban generates in that very
//! place is taken: "1.1 triệu" opening a paragraph is content, and so is
//! "1. " opening a Mục (level 1 is numbered "I.").

/// Where a text stands, which decides the marker vanban prints before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A section title at this depth: 1 "I.", 2 "1.", 3 "1.1.", …
    Section(usize),
    /// A `gach` item, printed after "- ".
    Dash,
    /// A `cong` item, printed after "+ ".
    Plus,
    /// A `diem`, printed after "a) ", "b) ", …
    Point,
    /// A signature line printed after this prefix ("TM.", "KT.", "Q.", "TL.", "TUQ.").
    Authority(&'static str),
    /// A `kinh_gui` entry, printed after "Kính gửi:".
    Addressee,
    /// A khoản of an article, printed after "1.", "2.", …
    Clause,
}

impl Place {
    /// The marker as vanban writes it, for messages.
    pub fn example(self) -> String {
        match self {
            Place::Section(1) => "I.".into(),
            Place::Section(2) => "1.".into(),
            Place::Section(d) => format!("1.{}", "1.".repeat(d.saturating_sub(2))),
            Place::Dash => "-".into(),
            Place::Plus => "+".into(),
            Place::Point => "a), b), …".into(),
            Place::Authority(p) => p.into(),
            Place::Addressee => "Kính gửi:".into(),
            Place::Clause => "1.".into(),
        }
    }
}

/// The letters of điểm a), b), … in the Vietnamese alphabet (no f, j, w, z; đ after d).
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
];

/// The length in bytes of a typed marker (and the spaces after it) at the start
/// of `text`, when it has the form vanban prints in `place`.
pub fn typed_marker(text: &str, place: Place) -> Option<usize> {
    let lead = text.len() - text.trim_start().len();
    let t = &text[lead..];
    let marker = match place {
        Place::Section(1) => {
            let n = t.chars().take_while(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C')).count();
            (n > 0 && t[n..].starts_with('.')).then_some(n + 1)
        }
        Place::Section(depth) => section_digits(t, depth),
        Place::Clause => section_digits(t, 2),
        Place::Dash => {
            let c = t.chars().next()?;
            matches!(c, '-' | '–' | '—' | '•').then_some(c.len_utf8())
        }
        Place::Plus => t.starts_with('+').then_some(1),
        Place::Point => {
            let close = t.find(')')?;
            let letters = &t[..close];
            let first = letters.chars().next()?;
            let same = letters.chars().all(|c| c == first);
            (same && letters.chars().count() <= 3 && POINT_LETTERS.contains(&first.to_string().as_str())).then_some(close + 1)
        }
        Place::Authority(prefix) => {
            let head = t.get(..prefix.len())?;
            head.eq_ignore_ascii_case(prefix).then_some(prefix.len())
        }
        Place::Addressee => {
            let head: String = t.chars().take(8).collect();
            if head.to_lowercase() != "kính gửi" {
                return None;
            }
            let rest = &t[head.len()..];
            let colon = rest.len() - rest.trim_start().len();
            rest[colon..].starts_with(':').then_some(head.len() + colon + 1)
        }
    }?;
    let after = &t[marker..];
    let spaces = after.len() - after.trim_start().len();
    // A marker is followed by a space ("- Nội dung", not "-5%"), except "TM."
    // and "Kính gửi:", which say what they are.
    let needs_space = !matches!(place, Place::Authority(_) | Place::Addressee);
    if (needs_space && spaces == 0) || after.trim().is_empty() {
        return None;
    }
    Some(lead + marker + spaces)
}

/// "1." at depth 2, "1.1." at depth 3, …: depth−1 numbers, each followed by a dot.
fn section_digits(t: &str, depth: usize) -> Option<usize> {
    let mut pos = 0;
    for _ in 1..depth {
        let digits = t[pos..].chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || !t[pos + digits..].starts_with('.') {
            return None;
        }
        pos += digits + 1;
    }
    Some(pos)
}

/// `text` without its typed marker, if it has one.
pub fn strip(text: &str, place: Place) -> Option<&str> {
    typed_marker(text, place).map(|n| &text[n..])
}

/// A công văn's trích yếu without the "V/v" (or "Về việc") the author typed:
/// vanban writes "V/v " itself (Phụ lục I §II.5.b).
pub fn strip_subject_prefix(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let head: String = t.chars().take(7).collect::<String>().to_lowercase();
    let len = if head.starts_with("v/v") {
        3
    } else if head.starts_with("về việc") {
        "về việc".len()
    } else {
        return None;
    };
    // The prefix is a word of its own: "V/v hướng dẫn", "V/v: hướng dẫn".
    if !t[len..].starts_with([' ', ':', '.']) {
        return None;
    }
    let rest = t[len..].trim_start_matches([':', '.', ' ']);
    (!rest.is_empty()).then_some(rest)
}

/// The length of a typed "Điều 1." / "Điều 1:" / "Điều 1 -" at the start of `text`.
pub fn typed_article_label(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("Điều ")?;
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let after = &rest[digits..];
    let sep = after.chars().next()?;
    let len = "Điều ".len() + digits;
    match sep {
        '.' | ':' => Some(len + 1),
        ' ' if after.trim_start().starts_with(['-', '–']) => {
            let trimmed = after.trim_start();
            Some(len + (after.len() - trimmed.len()) + trimmed.chars().next()?.len_utf8())
        }
        _ => None,
    }
}

/// "./." — the mark that ends the body of every model in Phụ lục III.
pub const CLOSING_MARK: &str = "./.";

/// The last sentence without what the closing mark replaces: a typed "./." (out
/// of habit), a final "." (the mark's own dot ends the sentence), or a ";", ":"
/// or "," left from a list (`check` warns about the last three). An ellipsis
/// ("…", "...") stays.
pub fn before_closing_mark(text: &str) -> &str {
    let mut t = text.trim_end();
    if let Some(rest) = t.strip_suffix(CLOSING_MARK) {
        t = rest.trim_end();
    }
    let t = t.trim_end_matches([';', ':', ',']).trim_end();
    match t.strip_suffix('.') {
        Some(rest) if !rest.ends_with('.') => rest,
        _ => t,
    }
}

/// A number in Roman numerals ("IV"): parts, sections, appendices, groups.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_markers_vanban_generates() {
        assert_eq!(strip("I. NHỮNG KẾT QUẢ", Place::Section(1)), Some("NHỮNG KẾT QUẢ"));
        assert_eq!(strip("IV.NHIỆM VỤ", Place::Section(1)), None, "no space: not a marker");
        assert_eq!(strip("1. Kinh tế", Place::Section(2)), Some("Kinh tế"));
        assert_eq!(strip("2.3. Văn hóa", Place::Section(3)), Some("Văn hóa"));
        assert_eq!(strip("- Như trên", Place::Dash), Some("Như trên"));
        assert_eq!(strip("+ Trồng lúa", Place::Plus), Some("Trồng lúa"));
        assert_eq!(strip("a) Số hóa", Place::Point), Some("Số hóa"));
        assert_eq!(strip("đ) Kết nối", Place::Point), Some("Kết nối"));
        assert_eq!(strip("TM. ỦY BAN NHÂN DÂN", Place::Authority("TM.")), Some("ỦY BAN NHÂN DÂN"));
        assert_eq!(strip("kt.CHỦ TỊCH", Place::Authority("KT.")), Some("CHỦ TỊCH"));
        assert_eq!(strip("Kính gửi: UBND huyện", Place::Addressee), Some("UBND huyện"));
        assert_eq!(strip("Kính gửi : UBND huyện", Place::Addressee), Some("UBND huyện"));
    }

    #[test]
    fn leaves_real_text_alone() {
        assert_eq!(strip("1.1 triệu đồng", Place::Section(3)), None);
        assert_eq!(strip("1. Kinh tế", Place::Section(1)), None, "a Mục is numbered I., not 1.");
        assert_eq!(strip("I. Kinh tế", Place::Section(2)), None);
        assert_eq!(strip("-5% so với cùng kỳ", Place::Dash), None);
        assert_eq!(strip("f) không phải chữ Việt", Place::Point), None);
        assert_eq!(strip("ab) hai chữ khác nhau", Place::Point), None);
        assert_eq!(strip("Tăng 10% (a) so với", Place::Point), None);
        assert_eq!(strip("TMĐT", Place::Authority("TM.")), None);
        assert_eq!(strip("CHỦ TỊCH", Place::Authority("KT.")), None);
        assert_eq!(strip("Ủy ban nhân dân huyện", Place::Addressee), None);
        assert_eq!(strip("- ", Place::Dash), None, "a marker alone is not stripped to nothing");
    }

    #[test]
    fn a_typed_subject_prefix_is_found() {
        assert_eq!(strip_subject_prefix("V/v hướng dẫn"), Some("hướng dẫn"));
        assert_eq!(strip_subject_prefix("v/v: hướng dẫn"), Some("hướng dẫn"));
        assert_eq!(strip_subject_prefix("Về việc hướng dẫn"), Some("hướng dẫn"));
        assert_eq!(strip_subject_prefix("Hướng dẫn kê khai"), None);
        assert_eq!(strip_subject_prefix("V/v"), None, "nothing left: not stripped to nothing");
    }

    #[test]
    fn the_closing_mark_replaces_typed_punctuation_once() {
        assert_eq!(before_closing_mark("của UBND xã./."), "của UBND xã");
        assert_eq!(before_closing_mark("của UBND xã ./. "), "của UBND xã");
        assert_eq!(before_closing_mark("thực hiện;"), "thực hiện");
        assert_eq!(before_closing_mark("như sau:"), "như sau");
        assert_eq!(before_closing_mark("đã đề ra."), "đã đề ra");
        assert_eq!(before_closing_mark("và còn nữa..."), "và còn nữa...");
        assert_eq!(before_closing_mark("1.1 triệu"), "1.1 triệu");
    }
}
