//! The columns of a biểu, as data: which key of the indicator file a sheet
//! column feeds, the header words that name it, the label it carries in the
//! column-number row, and the formula of a derived column.
//!
//! Each named column set of vanban (`src/indicators/columns.rs`) that import
//! reads is a [`SheetSet`]: a list of [`ColumnSpec`]s, the columns that may stand
//! beside another, and where its `cot:` labels come from. Matching goes down the
//! list in order and a sheet column is taken once, so more specific names come
//! first ("so với cùng kỳ" before "cùng kỳ", "số đã thực hiện" before the plain
//! "thực hiện"). A biểu whose column-number row matches no set here is read as a
//! set of its own (see `import`).

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
    ColumnSpec { key: "so_cung_ky", kind: ColumnKind::Derived, names: &["so voi cung ky", "so cung ky", "so voi cung ky nam truoc", "so sanh th ck", "so voi ck"], number: "5", formula: Some("4/3*100"), required: false, heading: "So với cùng kỳ (%)" },
    ColumnSpec { key: "so_ke_hoach", kind: ColumnKind::Derived, names: &["so voi ke hoach", "so voi kh", "so kh", "so ke hoach", "so sanh th kh"], number: "6", formula: Some("4/2*100"), required: false, heading: "So với kế hoạch (%)" },
    ColumnSpec { key: "con_lai", kind: ColumnKind::Derived, names: &["con phai thuc hien", "con lai", "con phai th"], number: "7", formula: Some("2-4"), required: false, heading: "Còn phải thực hiện" },
    ColumnSpec { key: "ten", kind: ColumnKind::Name, names: &["chi tieu", "ten chi tieu", "noi dung", "ten"], number: "B", formula: None, required: true, heading: "CHỈ TIÊU" },
    ColumnSpec { key: "tt", kind: ColumnKind::Number, names: &["tt", "stt", "so tt", "thu tu"], number: "A", formula: None, required: true, heading: "TT" },
    ColumnSpec { key: "dvt", kind: ColumnKind::Text, names: &["dvt", "don vi tinh", "don vi"], number: "1", formula: None, required: false, heading: "ĐVT" },
    ColumnSpec { key: "ghi_chu", kind: ColumnKind::Text, names: &["ghi chu"], number: "", formula: None, required: false, heading: "Ghi chú" },
    ColumnSpec { key: "thuc_hien", kind: ColumnKind::Input, names: &["so da thuc hien", "da thuc hien", "so thuc hien", "ket qua thuc hien", "ket qua", "uoc thuc hien"], number: "4", formula: None, required: true, heading: "Số đã thực hiện" },
    ColumnSpec { key: "ke_hoach", kind: ColumnKind::Input, names: &["ke hoach", "kh", "chi tieu giao", "ke hoach giao"], number: "2", formula: None, required: true, heading: "KH (kế hoạch)" },
    ColumnSpec { key: "cung_ky", kind: ColumnKind::Input, names: &["cung ky", "nam truoc", "thuc hien", "th"], number: "3", formula: None, required: true, heading: "Thực hiện cùng kỳ năm trước" },
];

/// The yearly-plan biểu: KH năm trước (1), ước thực hiện (2), 3 = 2/1*100, KH năm
/// nay (4), 5 = 4/2*100. The two plans have the same words ("Kế hoạch năm 2023",
/// "Kế hoạch năm 2024"): "năm trước"/"năm nay" tell them apart, else their place
/// beside the ước thực hiện column ([`KE_HOACH_NAM_BESIDE`]).
pub const KE_HOACH_NAM: &[ColumnSpec] = &[
    ColumnSpec { key: "so_uoc_thuc_hien", kind: ColumnKind::Derived, names: &["so voi uoc thuc hien", "so voi uoc th", "so voi uoc", "so uoc thuc hien", "so uoc th"], number: "5", formula: Some("4/2*100"), required: false, heading: "KH so với ước thực hiện (%)" },
    ColumnSpec { key: "so_ke_hoach_truoc", kind: ColumnKind::Derived, names: &["so voi ke hoach", "so voi kh", "so kh", "so ke hoach"], number: "3", formula: Some("2/1*100"), required: false, heading: "Ước thực hiện so với KH (%)" },
    ColumnSpec { key: "ten", kind: ColumnKind::Name, names: &["chi tieu", "ten chi tieu", "noi dung", "ten"], number: "B", formula: None, required: true, heading: "CHỈ TIÊU" },
    ColumnSpec { key: "tt", kind: ColumnKind::Number, names: &["tt", "stt", "so tt", "thu tu"], number: "A", formula: None, required: true, heading: "TT" },
    ColumnSpec { key: "dvt", kind: ColumnKind::Text, names: &["dvt", "don vi tinh", "don vi"], number: "C", formula: None, required: false, heading: "ĐVT" },
    ColumnSpec { key: "ghi_chu", kind: ColumnKind::Text, names: &["ghi chu"], number: "", formula: None, required: false, heading: "Ghi chú" },
    ColumnSpec { key: "uoc_thuc_hien", kind: ColumnKind::Input, names: &["uoc thuc hien", "uoc th", "uoc tinh", "uoc dat", "uoc"], number: "2", formula: None, required: true, heading: "Ước thực hiện (năm trước)" },
    ColumnSpec { key: "ke_hoach_truoc", kind: ColumnKind::Input, names: &["kh nam truoc", "ke hoach nam truoc"], number: "1", formula: None, required: true, heading: "KH năm trước" },
    ColumnSpec { key: "ke_hoach", kind: ColumnKind::Input, names: &["kh nam nay", "ke hoach nam nay", "kh nam toi", "ke hoach nam toi", "kh nam sau", "ke hoach nam sau"], number: "4", formula: None, required: true, heading: "KH năm nay" },
];

/// A column known by plain words ("kế hoạch") only when it stands on one side of
/// another column: the nearest such column on that side.
#[derive(Debug, Clone, Copy)]
pub struct Beside {
    pub key: &'static str,
    pub anchor: &'static str,
    /// On the anchor's right (else its left).
    pub right: bool,
    pub names: &'static [&'static str],
}

pub const KE_HOACH_NAM_BESIDE: &[Beside] = &[
    Beside { key: "ke_hoach_truoc", anchor: "uoc_thuc_hien", right: false, names: &["ke hoach", "kh"] },
    Beside { key: "ke_hoach", anchor: "uoc_thuc_hien", right: true, names: &["ke hoach", "kh"] },
];

/// Which header text of a column gives a `cot:` label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The levels above the column's own label: the label spanning a group
    /// ("Kết quả thực hiện …"), with any level above it ("Năm 2023").
    Top,
    /// The whole header, as [`Part::Whole`]: the column stands alone in
    /// vanban's heading, so every level of the sheet's goes into its label.
    Bottom,
    /// The whole header, a period above written after the label: "Năm 2023" over
    /// "Kế hoạch" → "Kế hoạch năm 2023".
    Whole,
}
/// A `cot:` label: its key, the column it is read from, which part, and the
/// label written when the sheet has no such column.
#[derive(Debug, Clone, Copy)]
pub struct LabelSource {
    pub key: &'static str,
    pub column: &'static str,
    pub part: Part,
    pub default: &'static str,
}

/// A named column set as import reads it.
#[derive(Debug, Clone, Copy)]
pub struct SheetSet {
    /// The preset's name (`mau:`).
    pub name: &'static str,
    /// How a message names it.
    pub vi: &'static str,
    pub en: &'static str,
    pub specs: &'static [ColumnSpec],
    pub beside: &'static [Beside],
    pub labels: &'static [LabelSource],
}

/// The sets import reads; the first is the default.
pub const SETS: &[SheetSet] = &[
    SheetSet {
        name: "sau_thang",
        vi: "biểu 6 tháng",
        en: "the six-month biểu",
        specs: SAU_THANG,
        beside: &[],
        labels: &[
            LabelSource { key: "ke_hoach", column: "ke_hoach", part: Part::Bottom, default: "Kế hoạch" },
            LabelSource { key: "cung_ky", column: "cung_ky", part: Part::Bottom, default: "Cùng kỳ năm trước" },
            LabelSource { key: "ket_qua", column: "thuc_hien", part: Part::Top, default: "Kết quả thực hiện" },
        ],
    },
    SheetSet {
        name: "ke_hoach_nam",
        vi: "biểu kế hoạch năm",
        en: "the yearly-plan biểu",
        specs: KE_HOACH_NAM,
        beside: KE_HOACH_NAM_BESIDE,
        labels: &[
            LabelSource { key: "ke_hoach_truoc", column: "ke_hoach_truoc", part: Part::Whole, default: "Kế hoạch năm trước" },
            LabelSource { key: "uoc_thuc_hien", column: "uoc_thuc_hien", part: Part::Whole, default: "Ước thực hiện năm trước" },
            LabelSource { key: "ke_hoach", column: "ke_hoach", part: Part::Whole, default: "Kế hoạch năm nay" },
        ],
    },
];

/// A column's label from its header parts (top to bottom).
pub fn label_of(parts: &[String], part: Part) -> Option<String> {
    match part {
        Part::Top if parts.len() > 1 => compose(&parts[..parts.len() - 1]),
        Part::Top => parts.first().cloned(),
        Part::Bottom | Part::Whole => compose(parts),
    }
}

/// Whether a header level names a period: "Năm 2023", "Năm trước", "6 tháng
/// đầu năm", "Cả năm", "Quý II", "Tháng 6", "Giai đoạn 2021-2025".
pub fn is_period(part: &str) -> bool {
    let n = normalise(part);
    let words: Vec<&str> = n.split(' ').collect();
    let number = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
    match words.as_slice() {
        ["nam", _, ..] | ["ca", "nam", ..] | ["quy", _, ..] | ["giai", "doan", ..] => true,
        [n, "thang", ..] => number(n),
        ["thang", m, ..] => number(m),
        _ => false,
    }
}

/// One label from the levels of a header (top to bottom), every level in it,
/// none twice: the words top to bottom ("Kết quả thực hiện" - "Số đã thực
/// hiện"), then the periods from the nearest to the broadest, as Vietnamese
/// writes them ("Kế hoạch" under "6 tháng đầu năm" under "Năm 2023" → "Kế
/// hoạch 6 tháng đầu năm 2023"). A level whose words the label already has
/// is left out ("Năm 2023" over "KH năm 2023"), and words a period repeats
/// where it joins the label are written once ("… đầu năm" + "năm 2023").
pub fn compose(parts: &[String]) -> Option<String> {
    let (periods, words): (Vec<&String>, Vec<&String>) = parts.iter().partition(|p| is_period(p));
    let mut out = String::new();
    let lower_first = |p: &str| {
        let mut chars = p.chars();
        let first = chars.next().map(|c| c.to_lowercase().collect::<String>()).unwrap_or_default();
        format!("{first}{}", chars.as_str())
    };
    for (i, level) in words.iter().chain(periods.iter().rev()).enumerate() {
        let level = level.trim();
        if level.is_empty() {
            continue;
        }
        if out.is_empty() {
            out = level.to_owned();
            continue;
        }
        let (have, new) = (normalise(&out), normalise(level));
        if new.is_empty() || contains_words(&have, &new) {
            continue;
        }
        // Replaced by the level that says more: "KH" then "KH năm 2023".
        if contains_words(&new, &have) && i < words.len() {
            out = level.to_owned();
            continue;
        }
        if i < words.len() {
            out = format!("{out} - {level}");
        } else {
            // A period continues the label: lower case ("năm 2023"), the words
            // it repeats where it joins left out.
            let rest = drop_overlap(&have, level);
            if !rest.is_empty() {
                out = format!("{out} {}", lower_first(&rest));
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// `level` without its first words when they repeat the last words of
/// `have` (normalised): "đầu năm" + "năm 2023" → "2023".
fn drop_overlap(have: &str, level: &str) -> String {
    let have: Vec<&str> = have.split(' ').collect();
    let words: Vec<&str> = level.split_whitespace().collect();
    let normalised: Vec<String> = words.iter().map(|w| normalise(w)).collect();
    // The most written words whose normalised words end `have`.
    for take in (1..=words.len()).rev() {
        let joined = normalised[..take].iter().filter(|w| !w.is_empty()).cloned().collect::<Vec<_>>().join(" ");
        let n: Vec<&str> = joined.split(' ').filter(|w| !w.is_empty()).collect();
        if !n.is_empty() && n.len() <= have.len() && have[have.len() - n.len()..] == n[..] {
            return words[take..].join(" ");
        }
    }
    level.to_owned()
}

/// A formula of the column-number row in vanban's terms: "4/3x100", "4/3 × 100",
/// "4:3*100" → "4/3*100".
pub fn formula_text(sheet: &str) -> String {
    sheet
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'x' | 'X' | '×' => '*',
            ':' | '÷' => '/',
            c => c,
        })
        .collect()
}

/// Whether two formulas of the column-number row say the same thing.
pub fn same_formula(a: &str, b: &str) -> bool {
    use crate::indicators::formula::Formula;
    match (Formula::parse(&formula_text(a)), Formula::parse(&formula_text(b))) {
        (Ok(x), Ok(y)) => x.expr == y.expr,
        _ => false,
    }
}

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
    fn labels_put_the_period_after_the_words() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(label_of(&parts(&["Năm 2023", "Kế hoạch"]), Part::Whole).as_deref(), Some("Kế hoạch năm 2023"));
        assert_eq!(label_of(&parts(&["Kế hoạch năm 2024"]), Part::Whole).as_deref(), Some("Kế hoạch năm 2024"));
        assert_eq!(label_of(&parts(&["Kết quả", "Số đã thực hiện"]), Part::Top).as_deref(), Some("Kết quả"));
        // Two levels of words: both, top first, told apart (was "Kết quả Số đã thực hiện").
        assert_eq!(label_of(&parts(&["Kết quả", "Số đã thực hiện"]), Part::Whole).as_deref(), Some("Kết quả - Số đã thực hiện"));
    }

    #[test]
    fn formulas_compare_by_meaning() {
        assert!(same_formula("4/3*100", "4 / 3 x 100"));
        assert!(same_formula("2/1*100", "2:1×100"));
        assert!(!same_formula("4/3*100", "4/2*100"));
        assert!(!same_formula("4/3*100", "4/3"));
    }

    #[test]
    fn every_set_names_its_presets_columns() {
        for set in SETS {
            let preset = crate::indicators::columns::preset(set.name).expect("a preset of that name");
            for c in preset.columns {
                assert!(set.specs.iter().any(|s| s.key == c.key), "{}: no spec for {}", set.name, c.key);
            }
            assert_eq!(set.labels.iter().map(|l| l.key).collect::<Vec<_>>(), preset.label_keys(), "{}", set.name);
            let built = preset.column_set(&|k| Some(k.to_owned())).unwrap();
            for c in &built.columns {
                let spec = set.specs.iter().find(|s| s.key == c.key).unwrap();
                let mark = match spec.formula {
                    Some(f) => format!("{}={f}", spec.number),
                    None => spec.number.to_owned(),
                };
                assert_eq!(mark, c.mark, "{}: {}", set.name, c.key);
            }
        }
    }

    #[test]
    fn every_level_of_a_header_reaches_the_label_once() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        // The period nearest the label first, then the broader one; "năm" once.
        assert_eq!(compose(&parts(&["Năm 2023", "6 tháng đầu năm", "Kế hoạch"])).as_deref(), Some("Kế hoạch 6 tháng đầu năm 2023"));
        assert_eq!(compose(&parts(&["Cả năm", "Thực hiện"])).as_deref(), Some("Thực hiện cả năm"));
        assert_eq!(compose(&parts(&["Quý II", "Kế hoạch"])).as_deref(), Some("Kế hoạch quý II"));
        // A level the label already says is not said twice.
        assert_eq!(compose(&parts(&["Năm 2023", "KH năm 2023"])).as_deref(), Some("KH năm 2023"));
        assert_eq!(compose(&parts(&["KH", "KH năm 2023 (huyện giao)"])).as_deref(), Some("KH năm 2023 (huyện giao)"));
        // The group's label over the result: every level above the column's own.
        let result = parts(&["Năm 2023", "Kết quả thực hiện 6 tháng đầu năm", "Số đã thực hiện"]);
        assert_eq!(label_of(&result, Part::Top).as_deref(), Some("Kết quả thực hiện 6 tháng đầu năm 2023"));
        assert_eq!(label_of(&parts(&["Số đã thực hiện"]), Part::Top).as_deref(), Some("Số đã thực hiện"));
        assert!(is_period("6 tháng đầu năm") && is_period("Năm 2023") && is_period("Tháng 6") && !is_period("Kế hoạch năm 2023") && !is_period("Năm"));
        assert_eq!(compose(&[]), None);
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
