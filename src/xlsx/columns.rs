//! The columns of a biểu, as data: which key of the indicator file a sheet
//! column feeds, the header words that name it, the label it carries in the
//! column-number row, and the formula of a derived column.
//!
//! The list is the six-month biểu (`mau: sau_thang`) today; another column set
//! is another list of [`ColumnSpec`]s. Matching goes down the list in order and a
//! sheet column is taken once, so more specific names come first ("so với cùng
//! kỳ" before "cùng kỳ", "số đã thực hiện" before the plain "thực hiện").

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnKind {
    /// TT: the row's number (Roman for a group, Arabic for an indicator, "-" for a sub-row).
    Number,
    /// CHỈ TIÊU: the indicator's name.
    Name,
    /// Text copied as written (ĐVT, Ghi chú, Mã số).
    Text,
    /// A number typed by the commune.
    Input,
    /// Computed by vanban: the sheet's value is only compared.
    Derived,
}

/// One column of a column set.
#[derive(Debug, Clone, Copy)]
pub struct ColumnSpec {
    /// The key in the indicator file (`ke_hoach`, `thuc_hien`, …).
    pub key: &'static str,
    pub kind: ColumnKind,
    /// Normalised header phrases (lower case, no diacritics, single spaces) that
    /// name this column; a header matches when it contains one as whole words.
    pub names: &'static [&'static str],
    /// The label in the column-number row ("A", "B", "1", … "5").
    pub number: &'static str,
    /// The formula printed after the label ("4/3*100"), for derived columns.
    pub formula: Option<&'static str>,
    /// The import fails without this column.
    pub required: bool,
    /// The heading vanban prints (for messages).
    pub heading: &'static str,
}

/// The six-month biểu (the seed's columns).
pub const SAU_THANG: &[ColumnSpec] = &[
    ColumnSpec { key: "so_cung_ky", kind: ColumnKind::Derived, names: &["so voi cung ky", "so cung ky", "so voi cung ky nam truoc"], number: "5", formula: Some("4/3*100"), required: false, heading: "So với cùng kỳ (%)" },
    ColumnSpec { key: "so_ke_hoach", kind: ColumnKind::Derived, names: &["so voi ke hoach", "so voi kh", "so kh", "so ke hoach"], number: "6", formula: Some("4/2*100"), required: false, heading: "So với kế hoạch (%)" },
    ColumnSpec { key: "con_lai", kind: ColumnKind::Derived, names: &["con phai thuc hien", "con lai", "con phai th"], number: "7", formula: Some("2-4"), required: false, heading: "Còn phải thực hiện" },
    ColumnSpec { key: "ten", kind: ColumnKind::Name, names: &["chi tieu", "ten chi tieu", "noi dung", "ten"], number: "B", formula: None, required: true, heading: "CHỈ TIÊU" },
    ColumnSpec { key: "tt", kind: ColumnKind::Number, names: &["tt", "stt", "so tt", "thu tu"], number: "A", formula: None, required: true, heading: "TT" },
    ColumnSpec { key: "dvt", kind: ColumnKind::Text, names: &["dvt", "don vi tinh", "don vi"], number: "1", formula: None, required: false, heading: "ĐVT" },
    ColumnSpec { key: "ghi_chu", kind: ColumnKind::Text, names: &["ghi chu"], number: "", formula: None, required: false, heading: "Ghi chú" },
    ColumnSpec { key: "thuc_hien", kind: ColumnKind::Input, names: &["so da thuc hien", "da thuc hien", "so thuc hien", "ket qua thuc hien", "ket qua", "uoc thuc hien"], number: "4", formula: None, required: true, heading: "Số đã thực hiện" },
    ColumnSpec { key: "ke_hoach", kind: ColumnKind::Input, names: &["ke hoach", "kh", "chi tieu giao", "ke hoach giao"], number: "2", formula: None, required: true, heading: "KH (kế hoạch)" },
    ColumnSpec { key: "cung_ky", kind: ColumnKind::Input, names: &["cung ky", "nam truoc", "thuc hien", "th"], number: "3", formula: None, required: true, heading: "Thực hiện cùng kỳ năm trước" },
];

/// A column that a sheet may carry and vanban keeps nowhere: recognised so that
/// it is not reported as unknown.
pub const KNOWN_EXTRA: &[(&str, &[&str])] = &[("ma_so", &["ma so"])];

/// Header text in comparable form: lower case, no diacritics (đ → d), runs of
/// spaces and punctuation as one space.
pub fn normalise(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut space = true;
    for c in text.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.trim_end().to_owned()
}

/// Whether the normalised `text` contains `phrase` as whole words.
pub fn contains_words(text: &str, phrase: &str) -> bool {
    let padded = format!(" {text} ");
    padded.contains(&format!(" {phrase} "))
}

/// Splits a column-number label "5=4/3*100" (or "5 = 4/3 x 100") into its number
/// and formula; `None` when the text is not such a label.
pub fn column_number_label(text: &str) -> Option<(String, Option<String>)> {
    let t = text.trim();
    let (label, formula) = match t.split_once('=') {
        Some((l, f)) => (l.trim(), Some(f.split_whitespace().collect::<String>())),
        None => (t, None),
    };
    let is_letter = label.len() == 1 && label.chars().all(|c| c.is_ascii_uppercase());
    let is_number = !label.is_empty() && label.len() <= 3 && label.chars().all(|c| c.is_ascii_digit());
    (is_letter || is_number).then(|| (label.to_owned(), formula))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_headers() {
        assert_eq!(normalise("  ĐVT "), "dvt");
        assert_eq!(normalise("Đơn vị\ntính"), "don vi tinh");
        assert_eq!(normalise("KH 2023 (theo KH huyện giao)"), "kh 2023 theo kh huyen giao");
        assert_eq!(normalise("So với cùng kỳ (%)"), "so voi cung ky");
        assert!(contains_words("kh 2023 theo kh huyen giao", "kh"));
        assert!(!contains_words("khoi luong", "kh"));
    }

    #[test]
    fn reads_column_number_labels() {
        assert_eq!(column_number_label("5=4/3*100"), Some(("5".into(), Some("4/3*100".into()))));
        assert_eq!(column_number_label(" 7 = 2 - 4 "), Some(("7".into(), Some("2-4".into()))));
        assert_eq!(column_number_label("A"), Some(("A".into(), None)));
        assert_eq!(column_number_label("TT"), None);
        assert_eq!(column_number_label("2023"), None);
    }
}
