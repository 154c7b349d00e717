//! The columns of a biểu chỉ tiêu as data: a [`ColumnSet`].
//!
//! Every set starts with TT (A) and CHỈ TIÊU (B); its own columns follow. Input
//! and derived columns are numbered 1, 2, … in order (the six-month biểu also
//! numbers its ĐVT); other text columns get the next letters C, D, …; Ghi chú gets
//! no mark. A derived column prints "5=4/3*100" in the column-number row and is
//! computed by that formula (see [`super::formula`]).
//!
//! The named sets are [`PRESETS`]: to add one, add an entry there and a test of
//! its values (tests/column_sets.rs).

use super::formula::{Formula, Ref};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnKind {
    /// ĐVT: the row's `dvt`.
    Unit,
    /// Ghi chú: the row's `ghi_chu`.
    Note,
    /// Text typed per row ("Mã số"), printed as written.
    Text,
    /// A number typed per row.
    Input,
    /// Computed from other columns.
    Derived(Formula),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// The key a row's value is written under (`ke_hoach`, `ma_so`); for a derived
    /// column, the key a typed value would be checked under.
    pub key: String,
    pub label: String,
    /// The spanning label above this and its neighbours with the same group.
    pub group: Option<String>,
    pub kind: ColumnKind,
    /// Its printed number, for input and derived columns (and a numbered ĐVT).
    pub number: Option<u32>,
    /// What the column-number row prints: "C", "2", "5=4/3*100", "".
    pub mark: String,
}

/// The columns of an indicator table after TT and CHỈ TIÊU, and which derived
/// column judges a row (and so gives the summary sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnSet {
    /// The preset's name (`sau_thang`), or `tuy_chinh` for a set written out.
    pub name: String,
    pub columns: Vec<Column>,
    /// The number of the derived column that judges each row; `None`: rows are
    /// not judged and there is no summary sentence.
    pub evaluation: Option<u32>,
}

/// A column as written in a preset or a file, before numbering.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub key: String,
    pub label: String,
    pub group: Option<String>,
    pub kind: SpecKind,
    /// Gets a number (1, 2, …) rather than a letter.
    pub numbered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpecKind {
    Unit,
    Note,
    Text,
    Input,
    Derived(String),
}

/// Why a set cannot be built: which column (index in the spec list, or `None`
/// for the evaluation) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetError {
    pub column: Option<usize>,
    /// Characters into the formula, when the error is in one.
    pub at: Option<usize>,
    pub vi: String,
    pub en: String,
}

/// Labels of a preset: fixed, or taken from the file's `cot:` map.
#[derive(Debug, Clone, Copy)]
pub enum Label {
    Fixed(&'static str),
    /// The label written under this key of `cot:`.
    Cot(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub enum PresetKind {
    Unit,
    Note,
    Input,
    Derived(&'static str),
}

#[derive(Debug, Clone, Copy)]
pub struct PresetColumn {
    pub key: &'static str,
    pub label: Label,
    pub group: Option<Label>,
    pub kind: PresetKind,
    pub numbered: bool,
}

/// A named column set.
#[derive(Debug, Clone, Copy)]
pub struct Preset {
    /// What a file writes: `mau: sau_thang`.
    pub name: &'static str,
    pub description: &'static str,
    pub columns: &'static [PresetColumn],
    /// The derived column that judges rows and gives the summary sentence.
    pub evaluation: Option<u32>,
}

const fn col(key: &'static str, label: Label, kind: PresetKind) -> PresetColumn {
    let numbered = !matches!(kind, PresetKind::Note);
    PresetColumn { key, label, group: None, kind, numbered }
}

const fn grouped(key: &'static str, label: &'static str, group: &'static str, kind: PresetKind) -> PresetColumn {
    PresetColumn { key, label: Label::Fixed(label), group: Some(Label::Cot(group)), kind, numbered: true }
}

/// The named column sets. The first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        name: "sau_thang",
        description: "biểu 6 tháng: KH năm, cùng kỳ năm trước, kết quả thực hiện so với cùng kỳ và KH",
        columns: &[
            col("dvt", Label::Fixed("ĐVT"), PresetKind::Unit),
            col("ke_hoach", Label::Cot("ke_hoach"), PresetKind::Input),
            col("cung_ky", Label::Cot("cung_ky"), PresetKind::Input),
            grouped("thuc_hien", "Số đã thực hiện", "ket_qua", PresetKind::Input),
            grouped("so_cung_ky", "So với cùng kỳ (%)", "ket_qua", PresetKind::Derived("4/3*100")),
            grouped("so_ke_hoach", "So với kế hoạch (%)", "ket_qua", PresetKind::Derived("4/2*100")),
            grouped("con_lai", "Còn phải thực hiện", "ket_qua", PresetKind::Derived("2-4")),
            col("ghi_chu", Label::Fixed("Ghi chú"), PresetKind::Note),
        ],
        evaluation: Some(6),
    },
    Preset {
        name: "ke_hoach_nam",
        description: "biểu kế hoạch năm: KH năm trước, ước thực hiện năm trước, KH năm nay",
        columns: &[
            PresetColumn { numbered: false, ..col("dvt", Label::Fixed("ĐVT"), PresetKind::Unit) },
            col("ke_hoach_truoc", Label::Cot("ke_hoach_truoc"), PresetKind::Input),
            col("uoc_thuc_hien", Label::Cot("uoc_thuc_hien"), PresetKind::Input),
            col("so_ke_hoach_truoc", Label::Fixed("Ước thực hiện so với KH (%)"), PresetKind::Derived("2/1*100")),
            col("ke_hoach", Label::Cot("ke_hoach"), PresetKind::Input),
            col("so_uoc_thuc_hien", Label::Fixed("KH so với ước thực hiện (%)"), PresetKind::Derived("4/2*100")),
            col("ghi_chu", Label::Fixed("Ghi chú"), PresetKind::Note),
        ],
        evaluation: None,
    },
];

/// The name a file's own column list is known by.
pub const CUSTOM: &str = "tuy_chinh";

pub fn preset(name: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.name == name)
}

impl Preset {
    /// The keys of `cot:` this preset reads its labels from.
    pub fn label_keys(&self) -> Vec<&'static str> {
        let mut keys = Vec::new();
        for c in self.columns {
            for l in [Some(c.label), c.group].into_iter().flatten() {
                if let Label::Cot(k) = l {
                    if !keys.contains(&k) {
                        keys.push(k);
                    }
                }
            }
        }
        keys
    }

    /// The preset's columns with the file's labels. `labels` must answer every
    /// key of [`Self::label_keys`] (check makes sure); a missing one is empty.
    pub fn specs(&self, labels: &dyn Fn(&str) -> Option<String>) -> Vec<ColumnSpec> {
        let text = |l: Label| match l {
            Label::Fixed(s) => s.to_owned(),
            Label::Cot(k) => labels(k).unwrap_or_default(),
        };
        self.columns
            .iter()
            .map(|c| ColumnSpec {
                key: c.key.to_owned(),
                label: text(c.label),
                group: c.group.map(text),
                kind: match c.kind {
                    PresetKind::Unit => SpecKind::Unit,
                    PresetKind::Note => SpecKind::Note,
                    PresetKind::Input => SpecKind::Input,
                    PresetKind::Derived(f) => SpecKind::Derived(f.to_owned()),
                },
                numbered: c.numbered,
            })
            .collect()
    }

    /// The set, for labels that are all given.
    pub fn column_set(&self, labels: &dyn Fn(&str) -> Option<String>) -> Result<ColumnSet, Vec<SetError>> {
        ColumnSet::build(self.name, self.specs(labels), self.evaluation)
    }
}

/// Letters after A (TT) and B (CHỈ TIÊU).
fn letter(n: usize) -> String {
    const LETTERS: &str = "CDEGHIKLMNOPQRSTUVXY";
    LETTERS.chars().nth(n).map_or_else(|| format!("C{n}"), String::from)
}

impl ColumnSet {
    /// Numbers the columns, parses the formulas and checks what they name.
    pub fn build(name: &str, specs: Vec<ColumnSpec>, evaluation: Option<u32>) -> Result<Self, Vec<SetError>> {
        let mut errors = Vec::new();
        let mut columns: Vec<Column> = Vec::new();
        let (mut numbers, mut letters) = (0_u32, 0_usize);
        for (i, spec) in specs.into_iter().enumerate() {
            let number = if spec.numbered && spec.kind != SpecKind::Note {
                numbers += 1;
                Some(numbers)
            } else {
                None
            };
            let (kind, mark) = match spec.kind {
                SpecKind::Unit | SpecKind::Text if number.is_none() => {
                    letters += 1;
                    let kind = if spec.kind == SpecKind::Unit { ColumnKind::Unit } else { ColumnKind::Text };
                    (kind, letter(letters - 1))
                }
                SpecKind::Unit => (ColumnKind::Unit, number.unwrap_or_default().to_string()),
                SpecKind::Text => (ColumnKind::Text, number.unwrap_or_default().to_string()),
                SpecKind::Note => (ColumnKind::Note, String::new()),
                SpecKind::Input => (ColumnKind::Input, number.unwrap_or_default().to_string()),
                SpecKind::Derived(text) => match Formula::parse(&text) {
                    Ok(mut f) => {
                        f.remainder = Formula::names_a_remainder(&spec.label);
                        let mark = format!("{}={}", number.unwrap_or_default(), f.text);
                        (ColumnKind::Derived(f), mark)
                    }
                    Err(e) => {
                        errors.push(SetError { column: Some(i), at: Some(e.at), vi: e.vi, en: e.en });
                        continue;
                    }
                },
            };
            columns.push(Column { key: spec.key, label: spec.label, group: spec.group, kind, number, mark });
        }
        // A formula that does not parse leaves `columns` out of step with the specs.
        if !errors.is_empty() {
            return Err(errors);
        }
        // What each formula names must be a number column to its left.
        for (i, c) in columns.iter().enumerate() {
            let ColumnKind::Derived(f) = &c.kind else { continue };
            for (r, divisor) in f.refs() {
                let target = match r {
                    Ref::Number(n) => columns.iter().find(|t| t.number == Some(n)),
                    Ref::Letter(l) => columns.iter().find(|t| t.number.is_none() && t.mark == l.to_string()),
                };
                let name = match r {
                    Ref::Number(n) => n.to_string(),
                    Ref::Letter(l) => l.to_string(),
                };
                let problem = match target {
                    None => Some((
                        format!("công thức \"{}\" dùng cột {name}, nhưng bảng không có cột {name}", f.text),
                        format!("the formula \"{}\" uses column {name}, but the table has no column {name}", f.text),
                    )),
                    Some(t) if matches!(t.kind, ColumnKind::Unit | ColumnKind::Text | ColumnKind::Note) => Some(if divisor {
                        (
                            format!("công thức \"{}\" chia cho cột {name} (\"{}\"), là cột chữ, không phải cột số", f.text, t.label),
                            format!("the formula \"{}\" divides by column {name} (\"{}\"), a text column, not a number column", f.text, t.label),
                        )
                    } else {
                        (
                            format!("công thức \"{}\" dùng cột {name} (\"{}\"), là cột chữ, không tính được", f.text, t.label),
                            format!("the formula \"{}\" uses column {name} (\"{}\"), a text column, which cannot be computed with", f.text, t.label),
                        )
                    }),
                    Some(t) if matches!(t.kind, ColumnKind::Derived(_)) && t.number >= c.number => Some((
                        format!("công thức \"{}\" dùng cột {name}, là cột tính ở sau nó", f.text),
                        format!("the formula \"{}\" uses column {name}, a derived column to its right", f.text),
                    )),
                    Some(_) => None,
                };
                if let Some((vi, en)) = problem {
                    errors.push(SetError { column: Some(i), at: None, vi, en });
                }
            }
        }
        if let Some(e) = evaluation {
            let ok = columns.iter().any(|c| c.number == Some(e) && matches!(c.kind, ColumnKind::Derived(_)));
            if !ok {
                errors.push(SetError {
                    column: None,
                    at: None,
                    vi: format!("cột đánh giá phải là một cột tính (có công thức); cột {e} không phải"),
                    en: format!("the evaluation column must be a derived column (with a formula); column {e} is not"),
                });
            }
        }
        if errors.is_empty() { Ok(Self { name: name.to_owned(), columns, evaluation }) } else { Err(errors) }
    }

    pub fn by_number(&self, n: u32) -> Option<&Column> {
        self.columns.iter().find(|c| c.number == Some(n))
    }

    /// The derived column that judges rows.
    pub fn evaluation_column(&self) -> Option<&Column> {
        self.evaluation.and_then(|n| self.by_number(n))
    }

    /// The input column whose value is a row's result: the first one the
    /// evaluation formula names (4 in "4/2*100", `thuc_hien`). A row that has it
    /// is judged by default; a row judged without it is an error.
    pub fn result_key(&self) -> Option<&str> {
        let ColumnKind::Derived(f) = &self.evaluation_column()?.kind else { return None };
        let first = *f.columns().first()?;
        self.by_number(first).filter(|c| c.kind == ColumnKind::Input).map(|c| c.key.as_str())
    }

    /// The keys a row may give a value under (input and text columns).
    pub fn value_keys(&self) -> Vec<&str> {
        self.columns.iter().filter(|c| matches!(c.kind, ColumnKind::Input | ColumnKind::Text)).map(|c| c.key.as_str()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(k: &str) -> Option<String> {
        Some(format!("<{k}>"))
    }

    #[test]
    fn every_preset_builds_and_names_its_label_keys() {
        for p in PRESETS {
            let set = p.column_set(&labels).unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
            assert!(!p.label_keys().is_empty());
            if let Some(n) = set.evaluation {
                assert!(matches!(set.by_number(n).map(|c| &c.kind), Some(ColumnKind::Derived(_))));
            }
        }
        assert_eq!(PRESETS[0].name, "sau_thang", "the default stays first");
    }

    #[test]
    fn the_six_month_set_prints_the_seed_marks() {
        let set = preset("sau_thang").unwrap().column_set(&labels).unwrap();
        let marks: Vec<&str> = set.columns.iter().map(|c| c.mark.as_str()).collect();
        assert_eq!(marks, ["1", "2", "3", "4", "5=4/3*100", "6=4/2*100", "7=2-4", ""]);
        assert_eq!(set.result_key(), Some("thuc_hien"));
    }

    #[test]
    fn the_yearly_plan_set_numbers_its_inputs() {
        let set = preset("ke_hoach_nam").unwrap().column_set(&labels).unwrap();
        let marks: Vec<&str> = set.columns.iter().map(|c| c.mark.as_str()).collect();
        assert_eq!(marks, ["C", "1", "2", "3=2/1*100", "4", "5=4/2*100", ""]);
        assert_eq!(set.evaluation, None);
    }

    fn spec(key: &str, kind: SpecKind) -> ColumnSpec {
        let numbered = matches!(kind, SpecKind::Input | SpecKind::Derived(_));
        ColumnSpec { key: key.into(), label: key.into(), group: None, kind, numbered }
    }

    #[test]
    fn formulas_may_only_name_number_columns_to_their_left() {
        let err = |specs: Vec<ColumnSpec>| ColumnSet::build(CUSTOM, specs, None).unwrap_err();
        let e = err(vec![spec("a", SpecKind::Input), spec("r", SpecKind::Derived("1/3*100".into()))]);
        assert_eq!(e[0].column, Some(1));
        assert!(e[0].en.contains("no column 3"), "{e:?}");
        let e = err(vec![
            ColumnSpec { numbered: true, ..spec("ma_so", SpecKind::Text) },
            spec("a", SpecKind::Input),
            spec("r", SpecKind::Derived("2/1".into())),
        ]);
        assert!(e[0].en.contains("divides by column 1"), "{e:?}");
        let e = err(vec![spec("ma_so", SpecKind::Text), spec("a", SpecKind::Input), spec("r", SpecKind::Derived("1/C".into()))]);
        assert!(e[0].en.contains("divides by column C (\"ma_so\")"), "{e:?}");
        let e = err(vec![spec("a", SpecKind::Input), spec("r", SpecKind::Derived("1/D".into()))]);
        assert!(e[0].en.contains("no column D"), "{e:?}");
        let e = ColumnSet::build(CUSTOM, vec![spec("a", SpecKind::Input)], Some(1)).unwrap_err();
        assert_eq!(e[0].column, None);
    }
}
