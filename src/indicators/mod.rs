//! The biểu chỉ tiêu: derived columns, each row's evaluation, the summary.
//!
//! The columns are data, a [`ColumnSet`] (see [`columns`]). The default set is the
//! seed's: A TT, B CHỈ TIÊU, 1 ĐVT, 2 KH, 3 cùng kỳ, 4 đã thực hiện, 5 = 4/3·100,
//! 6 = 4/2·100, 7 = 2−4, Ghi chú.
//!
//! Rules, exact on decimals, for every set's formulas:
//! - ratios are rounded half away from zero to 2 decimals, trailing zeros dropped;
//! - a ratio whose input is missing ("-"), not a number, or a zero divisor is "-";
//! - a difference such as 7 = 2−4 is shown when positive; when the target is reached or
//!   exceeded (≤ 0) it is "-": nothing is left to do (the seed writes "-" there);
//! - rows judged at year end and rate rows have no derived columns; "Duy trì"
//!   rows read "Duy trì" in the ratio columns (5 and 6).

pub mod columns;
pub mod formula;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

pub use columns::{Column, ColumnKind, ColumnSet};
pub use crate::model::Judgement;
use crate::model::number::VnNumber;

/// A table cell after checking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Not given.
    Empty,
    /// "-": no data.
    Missing,
    Number(VnNumber),
    /// A word such as "Duy trì".
    Word(String),
}

impl Cell {
    pub fn number(&self) -> Option<VnNumber> {
        match self {
            Cell::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Missing => "-".to_owned(),
            Cell::Number(n) => n.to_string(),
            Cell::Word(w) => w.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Row {
    pub name: String,
    pub unit: String,
    /// Values of the set's input and text columns, by column key.
    pub values: BTreeMap<String, Cell>,
    pub note: String,
    pub judgement: Judgement,
    pub sub_rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    pub rows: Vec<Row>,
}

/// The period a summary sentence speaks of when nothing names another.
pub const FIRST_HALF: &str = "6 tháng đầu năm";

#[derive(Debug, Clone)]
pub struct Table {
    pub columns: ColumnSet,
    pub period: String,
    /// Neither `ky_danh_gia` nor the evaluation column's heading named the
    /// period: `period` is [`FIRST_HALF`], assumed.
    pub period_assumed: bool,
    pub landscape: bool,
    pub groups: Vec<Group>,
}

impl Row {
    pub fn value(&self, key: &str) -> &Cell {
        self.values.get(key).unwrap_or(&Cell::Empty)
    }

    /// Every cell of the set's columns (after TT and CHỈ TIÊU), display-ready:
    /// - rows judged at year end and rate rows have no derived values;
    /// - "Duy trì" rows read "Duy trì" in the ratio columns;
    /// - otherwise each formula is computed exactly (see [`formula::Formula::display_value`]);
    ///   a missing input or a zero divisor gives "-".
    pub fn cells(&self, set: &ColumnSet) -> Vec<Cell> {
        // Exact values by column number, for formulas that name a derived column.
        let mut exact: BTreeMap<u32, Decimal> = BTreeMap::new();
        let mut out = Vec::with_capacity(set.columns.len());
        for c in &set.columns {
            let cell = match &c.kind {
                ColumnKind::Unit => Cell::Word(self.unit.clone()),
                ColumnKind::Note => Cell::Word(self.note.clone()),
                ColumnKind::Text | ColumnKind::Input => self.value(&c.key).clone(),
                ColumnKind::Derived(f) => match self.judgement {
                    Judgement::CuoiNam | Judgement::TyLe => Cell::Empty,
                    Judgement::DuyTri if f.divides() => Cell::Word("Duy trì".into()),
                    Judgement::DuyTri => Cell::Empty,
                    Judgement::TheoKeHoach => {
                        let value = |n: u32| -> Option<Decimal> {
                            let col = set.by_number(n)?;
                            match col.kind {
                                ColumnKind::Derived(_) => exact.get(&n).copied(),
                                _ => self.value(&col.key).number().map(|v| v.0),
                            }
                        };
                        let computed = f.eval(&value);
                        let shown = f.display_value(&value).map_or(Cell::Missing, Cell::Number);
                        if let (Some(n), Some(v)) = (c.number, computed) {
                            exact.insert(n, v);
                        }
                        shown
                    }
                },
            };
            out.push(cell);
        }
        out
    }

    /// The displayed value of the derived column numbered `n`.
    pub fn derived(&self, set: &ColumnSet, n: u32) -> Cell {
        let i = set.columns.iter().position(|c| c.number == Some(n));
        i.and_then(|i| self.cells(set).into_iter().nth(i)).unwrap_or(Cell::Empty)
    }

    /// How this row counts in the summary, judged by the set's evaluation column.
    pub fn evaluation(&self, set: &ColumnSet) -> Evaluation {
        match self.judgement {
            Judgement::CuoiNam => Evaluation::YearEnd,
            Judgement::TyLe | Judgement::DuyTri => Evaluation::Achieved,
            Judgement::TheoKeHoach => {
                if set.result_key().is_some_and(|k| self.value(k).number().is_some_and(VnNumber::is_zero)) {
                    return Evaluation::NotDone;
                }
                let Some(n) = set.evaluation else { return Evaluation::NotDone };
                match self.derived(set, n).number() {
                    Some(r) if r.0 >= Decimal::from(50) => Evaluation::Achieved,
                    Some(r) if r.0 > Decimal::ZERO => Evaluation::Below50,
                    Some(_) => Evaluation::NotDone,
                    // No usable plan or result: nothing can be said at mid-year.
                    None => Evaluation::NotDone,
                }
            }
        }
    }
}

/// How an indicator stands at mid-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evaluation {
    YearEnd,
    /// "đạt và vượt trên 50%" (rates and "Duy trì" count here).
    Achieved,
    /// "đạt dưới 50%".
    Below50,
    /// "chưa thực hiện".
    NotDone,
}

/// The counts of the evaluation summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub total: usize,
    pub year_end: usize,
    pub achieved: usize,
    pub below_50: usize,
    pub not_done: usize,
}

/// Counts below 10 are written with a leading zero, as the seed does ("01 chỉ tiêu").
pub fn count(n: usize) -> String {
    format!("{n:02}")
}

impl Table {
    pub fn indicator_count(&self) -> usize {
        self.groups.iter().map(|g| g.rows.len()).sum()
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary::default();
        for row in self.groups.iter().flat_map(|g| &g.rows) {
            s.total += 1;
            match row.evaluation(&self.columns) {
                Evaluation::YearEnd => s.year_end += 1,
                Evaluation::Achieved => s.achieved += 1,
                Evaluation::Below50 => s.below_50 += 1,
                Evaluation::NotDone => s.not_done += 1,
            }
        }
        s
    }

    /// The summary as the seed's "Tóm lại" paragraph says it:
    /// "trong 29 chỉ tiêu giao đầu năm, có 12 chỉ tiêu được đánh giá vào cuối năm, …".
    /// Categories with no indicator are left out. `None`: the column set judges
    /// no rows, so there is nothing to sum up.
    pub fn summary_sentence(&self) -> Option<String> {
        self.columns.evaluation?;
        let s = self.summary();
        let mut parts = Vec::new();
        if s.year_end > 0 {
            parts.push(format!("{} chỉ tiêu được đánh giá vào cuối năm", count(s.year_end)));
        }
        if s.achieved > 0 {
            parts.push(format!("{} chỉ tiêu {} được đánh giá là đạt và vượt trên 50%", count(s.achieved), self.period));
        }
        if s.below_50 > 0 {
            parts.push(format!("{} chỉ tiêu đạt dưới 50%", count(s.below_50)));
        }
        if s.not_done > 0 {
            parts.push(format!("{} chỉ tiêu chưa thực hiện", count(s.not_done)));
        }
        Some(format!("trong {} chỉ tiêu giao đầu năm, có {}", count(s.total), parts.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Cell {
        Cell::Number(VnNumber::parse(s).unwrap())
    }

    fn six_month() -> ColumnSet {
        columns::preset("sau_thang").unwrap().column_set(&|k| Some(k.to_owned())).unwrap()
    }

    fn row(plan: Cell, last_year: Cell, done: Cell) -> Row {
        let values = [("ke_hoach", plan), ("cung_ky", last_year), ("thuc_hien", done)]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        Row {
            name: "x".into(),
            unit: String::new(),
            values,
            note: String::new(),
            judgement: Judgement::TheoKeHoach,
            sub_rows: vec![],
        }
    }

    /// Columns 5, 6, 7 of the six-month set.
    fn derived(r: &Row) -> [Cell; 3] {
        let set = six_month();
        [r.derived(&set, 5), r.derived(&set, 6), r.derived(&set, 7)]
    }

    #[test]
    fn zero_and_missing_inputs_never_divide() {
        let [vs_last_year, vs_plan, remaining] = derived(&row(n("2"), Cell::Missing, n("0")));
        assert_eq!(vs_last_year, Cell::Missing);
        assert_eq!(vs_plan, n("0"));
        assert_eq!(remaining, n("2"));
        let [vs_last_year, vs_plan, remaining] = derived(&row(n("0"), n("0"), n("5")));
        assert_eq!(vs_last_year, Cell::Missing);
        assert_eq!(vs_plan, Cell::Missing);
        assert_eq!(remaining, Cell::Missing);
    }

    #[test]
    fn exceeded_target_leaves_nothing_to_do() {
        let [_, vs_plan, remaining] = derived(&row(n("99"), n("100"), n("100")));
        assert_eq!(vs_plan.display(), "101,01");
        assert_eq!(remaining, Cell::Missing);
        assert_eq!(derived(&row(n("100"), n("100"), n("100")))[2].display(), "-");
    }

    #[test]
    fn negative_values_compute_exactly() {
        let [vs_last_year, vs_plan, remaining] = derived(&row(n("-10"), n("-4"), n("-5")));
        assert_eq!(vs_plan.display(), "50");
        assert_eq!(vs_last_year.display(), "125");
        assert_eq!(remaining.display(), "-");
    }

    #[test]
    fn evaluation_thresholds() {
        let set = six_month();
        assert_eq!(row(n("100"), Cell::Empty, n("50")).evaluation(&set), Evaluation::Achieved);
        assert_eq!(row(n("100"), Cell::Empty, n("49,99")).evaluation(&set), Evaluation::Below50);
        assert_eq!(row(n("100"), Cell::Empty, n("0")).evaluation(&set), Evaluation::NotDone);
        let mut r = row(n("5,5"), n("5,6"), n("5,0"));
        r.judgement = Judgement::TyLe;
        assert_eq!(r.evaluation(&set), Evaluation::Achieved);
        assert_eq!(r.derived(&set, 6), Cell::Empty);
        r.judgement = Judgement::DuyTri;
        assert_eq!(r.derived(&set, 5), Cell::Word("Duy trì".into()));
        assert_eq!(r.derived(&set, 7), Cell::Empty);
    }

    #[test]
    fn counts_are_zero_padded() {
        assert_eq!(count(1), "01");
        assert_eq!(count(12), "12");
        assert_eq!(count(120), "120");
    }
}
