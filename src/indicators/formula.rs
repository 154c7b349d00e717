//! The formula of a derived column, as printed in the column-number row:
//! "4/3*100", "2-4", "(2+3)/1*100", over the column numbers vanban assigns.
//!
//! Small and exact: `+ - * /` and parentheses over column numbers and decimal
//! constants, evaluated with `rust_decimal` (never f64). Which numbers are
//! constants: 100 and 1000 (the percent and per-mille factors) and any number
//! written with a decimal comma ("1,5"); every other whole number names a column,
//! so that a typo ("4/13") is reported instead of read as a constant.

use rust_decimal::Decimal;

use crate::model::number::VnNumber;

/// The longest formula accepted, in characters: a sum of forty columns fits.
pub const MAX_FORMULA_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expr {
    /// A column by its printed number.
    Column(u32),
    /// A column by its printed letter ("C"): a text column, which no formula may
    /// compute with; kept so that the error can name it.
    Letter(char),
    Const(Decimal),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
}

/// A parse error: what is wrong, and the character (0-based) where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormulaError {
    pub at: usize,
    pub vi: String,
    pub en: String,
}

/// A parsed formula with its printed text (spaces removed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Formula {
    pub text: String,
    pub expr: Expr,
    /// What is still to do ("Còn phải thực hiện" = 2-4): a difference shown
    /// only when positive ("-" once the target is met). Set by the column set
    /// from the column's name; any other difference ("Chênh lệch" = 3-2)
    /// shows its sign.
    pub remainder: bool,
}

impl Formula {
    pub fn parse(text: &str) -> Result<Self, FormulaError> {
        let chars: Vec<char> = text.chars().collect();
        // A formula of a column-number cell is a few operations. A longer one
        // is a mistake, and its tree (evaluated, walked and dropped by
        // recursion) must stay shallow enough for the stack.
        if chars.len() > MAX_FORMULA_CHARS {
            return Err(FormulaError {
                at: 0,
                vi: format!(
                    "công thức quá dài ({} ký tự, tối đa {MAX_FORMULA_CHARS}): một cột tính chỉ gồm vài phép tính trên số cột, ví dụ 4/3*100 hoặc (2+3)/1*100",
                    chars.len()
                ),
                en: format!(
                    "the formula is too long ({} characters, at most {MAX_FORMULA_CHARS}): a computed column is a few operations on column numbers, e.g. 4/3*100 or (2+3)/1*100",
                    chars.len()
                ),
            });
        }
        let mut p = Parser { chars: &chars, at: 0 };
        p.skip_spaces();
        if p.at == chars.len() {
            return Err(FormulaError { at: 0, vi: "công thức trống".into(), en: "the formula is empty".into() });
        }
        let expr = p.expr()?;
        p.skip_spaces();
        if p.at < chars.len() {
            let c = chars[p.at];
            return Err(p.error(format!("thừa \"{c}\""), format!("unexpected \"{c}\"")));
        }
        let printed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        Ok(Self { text: printed, expr, remainder: false })
    }

    /// Every column the formula names by number, in order of appearance.
    pub fn columns(&self) -> Vec<u32> {
        self.refs().into_iter().filter_map(|(r, _)| match r {
            Ref::Number(n) => Some(n),
            Ref::Letter(_) => None,
        }).collect()
    }

    /// Every column the formula names, and whether it stands in a divisor.
    pub fn refs(&self) -> Vec<(Ref, bool)> {
        let mut out = Vec::new();
        self.expr.walk(false, &mut |r, divisor| out.push((r, divisor)));
        out
    }

    /// The columns that stand in a divisor.
    pub fn divisor_columns(&self) -> Vec<u32> {
        self.refs().into_iter().filter_map(|(r, d)| match r {
            Ref::Number(n) if d => Some(n),
            _ => None,
        }).collect()
    }

    /// A ratio: its result is rounded to 2 decimals.
    pub fn divides(&self) -> bool {
        fn any_div(e: &Expr) -> bool {
            match e {
                Expr::Bin(Op::Div, ..) => true,
                Expr::Bin(_, a, b) => any_div(a) || any_div(b),
                Expr::Neg(a) => any_div(a),
                _ => false,
            }
        }
        any_div(&self.expr)
    }

    /// A difference ("2-4", "3-2").
    pub fn is_difference(&self) -> bool {
        matches!(self.expr, Expr::Bin(Op::Sub, ..))
    }

    /// A remainder: a difference of a column named for what is still to do
    /// ("Còn phải thực hiện", "Còn lại", "còn thiếu"); shown only when positive.
    pub fn is_remainder(&self) -> bool {
        self.remainder && self.is_difference()
    }

    /// Whether a column named `name` is a remainder ([`Self::is_remainder`]).
    pub fn names_a_remainder(name: &str) -> bool {
        let lower = name.to_lowercase();
        lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "còn")
    }

    /// The value, exact; `None` when an input is missing, a divisor is zero or
    /// the result overflows.
    pub fn eval(&self, value: &dyn Fn(u32) -> Option<Decimal>) -> Option<Decimal> {
        self.expr.eval(value)
    }

    /// The displayed result after the report.md rules: ratios rounded half away
    /// from zero to 2 decimals, trailing zeros dropped; a remainder only when
    /// positive. `None` prints "-".
    pub fn display_value(&self, value: &dyn Fn(u32) -> Option<Decimal>) -> Option<VnNumber> {
        let v = self.eval(value)?;
        if self.is_remainder() && v <= Decimal::ZERO {
            return None;
        }
        Some(if self.divides() { VnNumber(v).rounded(2) } else { VnNumber(v.normalize()) })
    }
}

/// A column a formula names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Number(u32),
    Letter(char),
}

impl Expr {
    fn walk(&self, divisor: bool, f: &mut dyn FnMut(Ref, bool)) {
        match self {
            Expr::Column(n) => f(Ref::Number(*n), divisor),
            Expr::Letter(c) => f(Ref::Letter(*c), divisor),
            Expr::Const(_) => {}
            Expr::Neg(a) => a.walk(divisor, f),
            Expr::Bin(op, a, b) => {
                a.walk(divisor, f);
                b.walk(divisor || *op == Op::Div, f);
            }
        }
    }

    fn eval(&self, value: &dyn Fn(u32) -> Option<Decimal>) -> Option<Decimal> {
        match self {
            Expr::Column(n) => value(*n),
            Expr::Letter(_) => None,
            Expr::Const(c) => Some(*c),
            Expr::Neg(a) => Some(-a.eval(value)?),
            Expr::Bin(op, a, b) => {
                let (a, b) = (a.eval(value)?, b.eval(value)?);
                match op {
                    Op::Add => a.checked_add(b),
                    Op::Sub => a.checked_sub(b),
                    Op::Mul => a.checked_mul(b),
                    // A positive figure against a negative base means
                    // nothing ("12,3 so với -4,5" is no -273,33 %): "-", as
                    // for a zero base. Two negatives (a planned fall of 10,
                    // a fall of 5 done) are a share: 50 %.
                    Op::Div if b.is_zero() || (b < Decimal::ZERO && a > Decimal::ZERO) => None,
                    Op::Div => a.checked_div(b),
                }
            }
        }
    }
}

struct Parser<'a> {
    chars: &'a [char],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, vi: String, en: String) -> FormulaError {
        FormulaError { at: self.at, vi, en }
    }

    fn skip_spaces(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn peek_op(&mut self) -> Option<Op> {
        self.skip_spaces();
        match self.chars.get(self.at)? {
            '+' => Some(Op::Add),
            '-' | '−' | '–' => Some(Op::Sub),
            '*' | '×' | '·' => Some(Op::Mul),
            '/' | ':' => Some(Op::Div),
            _ => None,
        }
    }

    fn expr(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.term()?;
        while let Some(op @ (Op::Add | Op::Sub)) = self.peek_op() {
            self.at += 1;
            let right = self.term()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut left = self.factor()?;
        while let Some(op @ (Op::Mul | Op::Div)) = self.peek_op() {
            self.at += 1;
            let right = self.factor()?;
            left = Expr::Bin(op, Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn factor(&mut self) -> Result<Expr, FormulaError> {
        self.skip_spaces();
        match self.chars.get(self.at) {
            None => Err(self.error("công thức dừng giữa chừng: thiếu số cột".into(), "the formula ends too early: a column number is missing".into())),
            Some('(') => {
                self.at += 1;
                let e = self.expr()?;
                self.skip_spaces();
                if self.chars.get(self.at) != Some(&')') {
                    return Err(self.error("thiếu dấu \")\"".into(), "a \")\" is missing".into()));
                }
                self.at += 1;
                Ok(e)
            }
            Some('-' | '−') => {
                self.at += 1;
                Ok(Expr::Neg(Box::new(self.factor()?)))
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.at;
                while self.chars.get(self.at).is_some_and(|c| c.is_ascii_digit() || matches!(c, ',' | '.')) {
                    self.at += 1;
                }
                let token: String = self.chars[start..self.at].iter().collect();
                let number = VnNumber::parse(&token).map_err(|_| FormulaError {
                    at: start,
                    vi: format!("\"{token}\" không phải số cột hay hằng số"),
                    en: format!("\"{token}\" is neither a column number nor a constant"),
                })?;
                let whole = number.0.fract().is_zero() && !token.contains(',');
                if whole && number.0 != Decimal::from(100) && number.0 != Decimal::from(1000) {
                    let n = u32::try_from(number.0.mantissa()).ok().filter(|_| number.0.scale() == 0);
                    return match n {
                        Some(n) => Ok(Expr::Column(n)),
                        None => Err(FormulaError { at: start, vi: format!("không có cột {token}"), en: format!("there is no column {token}") }),
                    };
                }
                Ok(Expr::Const(number.0))
            }
            Some(&c) if c.is_ascii_uppercase() && !self.chars.get(self.at + 1).is_some_and(|n| n.is_alphanumeric()) => {
                self.at += 1;
                Ok(Expr::Letter(c))
            }
            Some(c) => {
                let c = *c;
                Err(self.error(
                    format!("\"{c}\" không dùng được trong công thức: chỉ số cột, + - * / và dấu ngoặc"),
                    format!("\"{c}\" cannot be used in a formula: only column numbers, + - * / and parentheses"),
                ))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_of<'a>(values: &'a [(u32, &'a str)]) -> impl Fn(u32) -> Option<Decimal> + 'a {
        move |n| values.iter().find(|(k, _)| *k == n).and_then(|(_, v)| VnNumber::parse(v).ok()).map(|v| v.0)
    }

    fn show(formula: &str, values: &[(u32, &str)]) -> String {
        show_in("", formula, values)
    }

    /// The value shown in a column named `name`.
    fn show_in(name: &str, formula: &str, values: &[(u32, &str)]) -> String {
        let mut f = Formula::parse(formula).unwrap();
        f.remainder = Formula::names_a_remainder(name);
        f.display_value(&value_of(values)).map_or("-".to_owned(), |v| v.to_string())
    }

    /// A runaway formula (a pasted column of "+3", thousands of brackets) is
    /// refused before its tree could overflow the stack; the longest allowed
    /// still parses and evaluates.
    #[test]
    fn an_overlong_formula_is_refused_not_a_crash() {
        let sum = format!("3{}", "+3".repeat(50_000));
        assert!(Formula::parse(&sum).unwrap_err().vi.contains("quá dài"));
        let nested = format!("{}3{}", "(".repeat(20_000), ")".repeat(20_000));
        assert!(Formula::parse(&nested).unwrap_err().en.contains("too long"));
        let longest = format!("{}3{}", "(".repeat(99), ")".repeat(99));
        assert_eq!(longest.chars().count(), 199);
        assert_eq!(show(&longest, &[(3, "7")]), "7");
        let sum = format!("3{}", "+3".repeat((MAX_FORMULA_CHARS - 1) / 2));
        assert_eq!(show(&sum, &[(3, "1")]), "100");
    }

    #[test]
    fn parses_columns_and_constants() {
        let f = Formula::parse("4 / 3 * 100").unwrap();
        assert_eq!(f.text, "4/3*100");
        assert_eq!(f.columns(), [4, 3]);
        assert_eq!(f.divisor_columns(), [3]);
        assert!(f.divides());
        assert!(!f.is_difference());
        let f = Formula::parse("(2+3)/1,5").unwrap();
        assert_eq!(f.columns(), [2, 3]);
        assert!(Formula::parse("2-4").unwrap().is_difference());
        assert_eq!(Formula::parse("2/1*1000").unwrap().columns(), [2, 1]);
    }

    #[test]
    fn computes_exactly_with_the_report_rounding() {
        // Seed row 3: 2.300 / 2.240 and 2.300 / 4.150, remainder 4.150 − 2.300.
        let row = [(2, "4.150"), (3, "2.240"), (4, "2.300")];
        assert_eq!(show("4/3*100", &row), "102,68");
        assert_eq!(show("4/2*100", &row), "55,42");
        assert_eq!(show_in("Còn phải thực hiện", "2-4", &row), "1.850");
        // Half away from zero: 1/8 = 0,125 → 0,13; −0,125 → −0,13.
        assert_eq!(show("1/2", &[(1, "1"), (2, "8")]), "0,13");
        assert_eq!(show("1/2", &[(1, "-1"), (2, "8")]), "-0,13");
        // Trailing zeros dropped.
        assert_eq!(show("1/2*100", &[(1, "8"), (2, "5")]), "160");
        // What is still to do only when positive; a zero divisor or missing input is "-".
        assert_eq!(show_in("Còn phải thực hiện", "2-4", &[(2, "5"), (4, "5")]), "-");
        assert_eq!(show_in("Còn lại", "2-4", &[(2, "5"), (4, "7,5")]), "-");
        assert_eq!(show("1/2*100", &[(1, "5"), (2, "0")]), "-");
        assert_eq!(show("1/2*100", &[(1, "5")]), "-");
        assert_eq!(show("(1+2)*1,5", &[(1, "1,1"), (2, "2")]), "4,65");
        // 0.1 + 0.2 is 0.3, not 0.30000000000000004.
        assert_eq!(show("1+2", &[(1, "0,1"), (2, "0,2")]), "0,3");
    }

    /// Any other difference shows its sign ("Chênh lệch KH 2027 - TH 2026"
    /// of −10,4 printed "-" read as "no data"), and a positive figure against
    /// a negative base has no ratio, as against zero (it printed "-273,33" %)
    /// (review).
    #[test]
    fn a_difference_keeps_its_sign_and_a_negative_base_has_no_ratio() {
        assert_eq!(show_in("Chênh lệch KH 2027 - TH 2026", "3-2", &[(2, "50,5"), (3, "40,1")]), "-10,4");
        assert_eq!(show_in("Tăng, giảm", "3-2", &[(2, "5"), (3, "5")]), "0");
        assert!(!Formula::names_a_remainder("Tăng (+), giảm (-) so với cùng kỳ"));
        assert!(Formula::names_a_remainder("KH còn phải thực hiện 6 tháng cuối năm"));
        assert_eq!(show("2/1*100", &[(1, "-4,5"), (2, "12,3")]), "-");
        // A negative share of a positive base is a real figure.
        assert_eq!(show("2/1*100", &[(1, "4"), (2, "-1")]), "-25");
    }

    #[test]
    fn errors_name_the_place() {
        let e = Formula::parse("4/3*").unwrap_err();
        assert_eq!(e.at, 4);
        let e = Formula::parse("4/a").unwrap_err();
        assert_eq!(e.at, 2);
        assert!(e.en.contains("\"a\""), "{e:?}");
        let e = Formula::parse("(4/3").unwrap_err();
        assert!(e.en.contains(")"), "{e:?}");
        assert!(Formula::parse("  ").is_err());
        assert!(Formula::parse("4 3").is_err());
    }
}
