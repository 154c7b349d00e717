//! The biểu chỉ tiêu: derived columns, each row's evaluation, the summary.
//!
//! Columns (as the seed numbers them): A TT, B CHỈ TIÊU, 1 ĐVT, 2 KH, 3 cùng kỳ,
//! 4 đã thực hiện, 5 = 4/3·100, 6 = 4/2·100, 7 = 2−4, Ghi chú.
//!
//! Rules, exact on decimals:
//! - ratios are rounded half away from zero to 2 decimals, trailing zeros dropped;
//! - a ratio whose input is missing ("-"), not a number, or a zero divisor is "-";
//! - the remainder 7 = 2−4 is shown when positive; when the target is reached or
//!   exceeded (≤ 0) it is "-": nothing is left to do (the seed writes "-" there);
//! - rows judged at year end and rate rows have no derived columns; "Duy trì"
//!   rows read "Duy trì" in columns 5 and 6.

use rust_decimal::Decimal;

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
    pub plan: Cell,
    pub last_year: Cell,
    pub done: Cell,
    pub note: String,
    pub judgement: Judgement,
    pub sub_rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Group {
    pub title: String,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone)]
pub struct Table {
    pub plan_label: String,
    pub last_year_label: String,
    pub result_label: String,
    pub period: String,
    pub landscape: bool,
    pub groups: Vec<Group>,
}

/// Columns 5, 6, 7 of a row, display-ready.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Derived {
    pub vs_last_year: Cell,
    pub vs_plan: Cell,
    pub remaining: Cell,
}

fn ratio(numerator: &Cell, denominator: &Cell) -> Cell {
    match (numerator.number(), denominator.number()) {
        (Some(n), Some(d)) if !d.is_zero() => match n.0.checked_mul(Decimal::ONE_HUNDRED).and_then(|x| x.checked_div(d.0)) {
            Some(r) => Cell::Number(VnNumber(r).rounded(2)),
            None => Cell::Missing,
        },
        _ => Cell::Missing,
    }
}

impl Row {
    /// Derived columns 5, 6, 7 of this row.
    pub fn derived(&self) -> Derived {
        match self.judgement {
            Judgement::CuoiNam | Judgement::TyLe => {
                Derived { vs_last_year: Cell::Empty, vs_plan: Cell::Empty, remaining: Cell::Empty }
            }
            Judgement::DuyTri => Derived {
                vs_last_year: Cell::Word("Duy trì".into()),
                vs_plan: Cell::Word("Duy trì".into()),
                remaining: Cell::Empty,
            },
            Judgement::TheoKeHoach => {
                let remaining = match (self.plan.number(), self.done.number()) {
                    (Some(p), Some(d)) => match p.0.checked_sub(d.0) {
                        Some(r) if r > Decimal::ZERO => Cell::Number(VnNumber(r.normalize())),
                        Some(_) => Cell::Missing,
                        None => Cell::Missing,
                    },
                    _ => Cell::Missing,
                };
                Derived {
                    vs_last_year: ratio(&self.done, &self.last_year),
                    vs_plan: ratio(&self.done, &self.plan),
                    remaining,
                }
            }
        }
    }

    /// How this row counts in the summary.
    pub fn evaluation(&self) -> Evaluation {
        match self.judgement {
            Judgement::CuoiNam => Evaluation::YearEnd,
            Judgement::TyLe | Judgement::DuyTri => Evaluation::Achieved,
            Judgement::TheoKeHoach => {
                if self.done.number().is_some_and(VnNumber::is_zero) {
                    return Evaluation::NotDone;
                }
                match self.derived().vs_plan.number() {
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
            match row.evaluation() {
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
    /// Categories with no indicator are left out.
    pub fn summary_sentence(&self) -> String {
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
        format!("trong {} chỉ tiêu giao đầu năm, có {}", count(s.total), parts.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Cell {
        Cell::Number(VnNumber::parse(s).unwrap())
    }

    fn row(plan: Cell, last_year: Cell, done: Cell) -> Row {
        Row {
            name: "x".into(),
            unit: String::new(),
            plan,
            last_year,
            done,
            note: String::new(),
            judgement: Judgement::TheoKeHoach,
            sub_rows: vec![],
        }
    }

    #[test]
    fn zero_and_missing_inputs_never_divide() {
        let d = row(n("2"), Cell::Missing, n("0")).derived();
        assert_eq!(d.vs_last_year, Cell::Missing);
        assert_eq!(d.vs_plan, n("0"));
        assert_eq!(d.remaining, n("2"));
        let d = row(n("0"), n("0"), n("5")).derived();
        assert_eq!(d.vs_last_year, Cell::Missing);
        assert_eq!(d.vs_plan, Cell::Missing);
        assert_eq!(d.remaining, Cell::Missing);
    }

    #[test]
    fn exceeded_target_leaves_nothing_to_do() {
        let d = row(n("99"), n("100"), n("100")).derived();
        assert_eq!(d.vs_plan.display(), "101,01");
        assert_eq!(d.remaining, Cell::Missing);
        assert_eq!(row(n("100"), n("100"), n("100")).derived().remaining.display(), "-");
    }

    #[test]
    fn negative_values_compute_exactly() {
        let d = row(n("-10"), n("-4"), n("-5")).derived();
        assert_eq!(d.vs_plan.display(), "50");
        assert_eq!(d.vs_last_year.display(), "125");
        assert_eq!(d.remaining.display(), "-");
    }

    #[test]
    fn evaluation_thresholds() {
        assert_eq!(row(n("100"), Cell::Empty, n("50")).evaluation(), Evaluation::Achieved);
        assert_eq!(row(n("100"), Cell::Empty, n("49,99")).evaluation(), Evaluation::Below50);
        assert_eq!(row(n("100"), Cell::Empty, n("0")).evaluation(), Evaluation::NotDone);
        let mut r = row(n("5,5"), n("5,6"), n("5,0"));
        r.judgement = Judgement::TyLe;
        assert_eq!(r.evaluation(), Evaluation::Achieved);
        assert_eq!(r.derived().vs_plan, Cell::Empty);
    }

    #[test]
    fn counts_are_zero_padded() {
        assert_eq!(count(1), "01");
        assert_eq!(count(12), "12");
        assert_eq!(count(120), "120");
    }
}
