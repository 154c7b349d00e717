//! What a spreadsheet cell shows, recovered exactly from its stored value and its
//! number format code.
//!
//! The format code is parsed by `ssfmt` (ECMA-376 number format codes, as Excel
//! reads them); only its structure is used: how many decimals it shows, whether
//! it is a percentage, whether it groups thousands, whether it scales by
//! thousands ("#,##0,"). The value itself goes from the cell's stored double to
//! an exact decimal through the double's shortest round-trip text ("4150",
//! "0.5542"), then is scaled and rounded with `rust_decimal`: no arithmetic in
//! f64, so 4150 with `#,##0` shows "4.150", 5 with `#,##0.0` shows "5,0", and
//! 0.5542 with `0.00%` shows "55,42" (%).

use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};
use ssfmt::ast::{DigitPlaceholder, FormatPart};

use crate::model::number::VnNumber;

/// Excel shows at most 15 significant digits; "General" rounds there
/// (0.1 + 0.2 = 0.30000000000000004 shows "0.3").
const GENERAL_DIGITS: u32 = 15;

/// The parts of a format code that decide how a number is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NumberLayout {
    /// Decimals always shown ("0.00" → 2).
    pub min_decimals: u32,
    /// Decimals shown at most ("0.0#" → 2).
    pub max_decimals: u32,
    /// "%": the value is multiplied by 100 and shown as a percentage.
    pub percent: bool,
    /// Thousands are grouped ("#,##0").
    pub grouping: bool,
    /// Trailing commas divide by 1000 each ("#,##0," shows thousands).
    pub thousands_scale: u32,
    /// "General" (or a code vanban cannot read as a fixed layout: scientific,
    /// fractions): shortest exact form, up to 15 significant digits.
    pub general: bool,
    /// A date or time format: the cell is not a quantity.
    pub date: bool,
}

impl NumberLayout {
    pub const GENERAL: NumberLayout =
        NumberLayout { min_decimals: 0, max_decimals: 0, percent: false, grouping: false, thousands_scale: 0, general: true, date: false };

    /// The layout of the section of `code` that applies to a value of this sign.
    /// An unreadable code counts as General.
    pub fn of(code: &str, negative: bool, zero: bool) -> NumberLayout {
        let Ok(format) = ssfmt::NumberFormat::parse(code) else { return Self::GENERAL };
        let sections = format.sections();
        // Sections: positive; negative; zero; text. Conditional sections are rare in a
        // biểu; they are read as the first section.
        let section = match (sections.len(), negative, zero) {
            (n, _, true) if n >= 3 => &sections[2],
            (n, true, _) if n >= 2 && sections[1].condition.is_none() => &sections[1],
            _ => match sections.first() {
                Some(s) => s,
                None => return Self::GENERAL,
            },
        };
        let parts = &section.parts;
        if section.has_date_parts() {
            return NumberLayout { date: true, ..Self::GENERAL };
        }
        let has_digits = parts.iter().any(|p| matches!(p, FormatPart::Digit(_)));
        let unreadable = parts.iter().any(|p| matches!(p, FormatPart::Scientific { .. } | FormatPart::Fraction { .. } | FormatPart::GeneralNumber));
        if !has_digits || unreadable {
            return NumberLayout { percent: section.has_percent(), ..Self::GENERAL };
        }
        let mut layout = NumberLayout {
            min_decimals: 0,
            max_decimals: 0,
            percent: section.has_percent(),
            grouping: false,
            thousands_scale: 0,
            general: false,
            date: false,
        };
        let mut after_point = false;
        // Commas seen since the last digit placeholder of the integer part.
        let mut pending_commas = 0;
        for part in parts {
            match part {
                FormatPart::DecimalPoint => {
                    layout.thousands_scale += pending_commas;
                    pending_commas = 0;
                    after_point = true;
                }
                FormatPart::Digit(d) if after_point => {
                    // A comma between decimals is nothing; only trailing ones scale.
                    pending_commas = 0;
                    layout.max_decimals += 1;
                    if *d == DigitPlaceholder::Zero {
                        layout.min_decimals = layout.max_decimals;
                    }
                }
                FormatPart::Digit(_) => {
                    if pending_commas > 0 {
                        layout.grouping = true;
                    }
                    pending_commas = 0;
                }
                // Commas after the last digit placeholder scale by a thousand
                // each, after the decimals too: "#,##0.0,," shows millions
                // with one decimal (a biểu's "triệu đồng" column).
                FormatPart::ThousandsSeparator => pending_commas += 1,
                _ => {}
            }
        }
        layout.thousands_scale += pending_commas;
        layout
    }
}

/// The exact decimal of a stored double: its shortest round-trip text.
/// `None` for NaN, infinities and magnitudes beyond 28 digits.
pub fn stored_decimal(value: f64) -> Option<Decimal> {
    if !value.is_finite() {
        return None;
    }
    // Display of f64 never uses an exponent and is the shortest text that
    // reads back to the same double.
    Decimal::from_str(&format!("{value}")).ok().map(|d| d.normalize())
}

/// What the cell shows, as an exact number (a percentage as its percent value:
/// 0.5542 under `0.00%` is 55.42) and whether it was a percentage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shown {
    /// As shown: rounded to the format's decimals.
    pub number: VnNumber,
    pub percent: bool,
    /// Before rounding (scaled for "%" and trailing commas): for comparing a
    /// sheet's computed value with vanban's.
    pub scaled: Decimal,
}

/// The number a cell with this stored value and format code shows. `None` when
/// the value cannot be held exactly (NaN, infinite, beyond 28 digits) or the
/// format is a date.
pub fn shown(value: f64, code: &str) -> Option<Shown> {
    shown_exact(stored_decimal(value)?, code)
}

/// [`shown`] for a value already exact (an integer cell, a stored value read as text).
pub fn shown_exact(exact: Decimal, code: &str) -> Option<Shown> {
    let layout = NumberLayout::of(code, exact.is_sign_negative() && !exact.is_zero(), exact.is_zero());
    if layout.date {
        return None;
    }
    let mut v = exact;
    if layout.percent {
        v = v.checked_mul(Decimal::ONE_HUNDRED)?;
    }
    for _ in 0..layout.thousands_scale {
        v = v.checked_div(Decimal::ONE_THOUSAND)?;
    }
    let scaled = v;
    let v = if layout.general {
        general(v)
    } else {
        let mut r = v.round_dp_with_strategy(layout.max_decimals, RoundingStrategy::MidpointAwayFromZero).normalize();
        if r.scale() < layout.min_decimals {
            r.rescale(layout.min_decimals);
        }
        r
    };
    // "-0" shows as "0".
    let v = if v.is_zero() { Decimal::new(0, v.scale()) } else { v };
    Some(Shown { number: VnNumber(v), percent: layout.percent, scaled })
}

/// Rounds to Excel's 15 significant digits, trailing zeros dropped.
fn general(v: Decimal) -> Decimal {
    if v.is_zero() {
        return Decimal::ZERO;
    }
    let digits_before_point = {
        let int = v.abs().trunc();
        if int.is_zero() { 0 } else { int.to_string().len() as i64 }
    };
    let dp = if digits_before_point > 0 {
        (GENERAL_DIGITS as i64 - digits_before_point).max(0)
    } else {
        // 0.000123: leading zeros after the point do not count.
        let s = v.abs().to_string();
        let leading = s.split_once('.').map_or(0, |(_, f)| f.chars().take_while(|c| *c == '0').count() as i64);
        (GENERAL_DIGITS as i64 + leading).min(28)
    };
    v.round_dp_with_strategy(dp as u32, RoundingStrategy::MidpointAwayFromZero).normalize()
}

/// The number format code that shows `n` with exactly its written decimals,
/// thousands grouped: "4.150" → `#,##0`, "5,0" → `#,##0.0`, "14,53" → `#,##0.00`.
pub fn code_for(n: VnNumber) -> String {
    match n.0.scale() {
        0 => "#,##0".to_owned(),
        s => format!("#,##0.{}", "0".repeat(s as usize)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(v: f64, code: &str) -> String {
        shown(v, code).map(|s| s.number.to_string()).unwrap_or_else(|| "?".into())
    }

    #[test]
    fn shows_what_excel_shows() {
        let table = [
            (4150.0, "#,##0", "4.150"),
            (5.0, "#,##0.0", "5,0"),
            (68.5, "#,##0.0", "68,5"),
            (14.53, "0.00", "14,53"),
            (1.1, "0.00", "1,10"),
            (102.67857142857143, "0.00", "102,68"),
            (0.5542, "0.00%", "55,42"),
            (0.055, "0.0%", "5,5"),
            (0.125, "0%", "13"),
            (2.675, "0.00", "2,68"),
            (1284671000.0, "#,##0", "1.284.671.000"),
            (1284671000.0, "#,##0,", "1.284.671"),
            (0.30000000000000004, "General", "0,3"),
            (4150.0, "General", "4.150"),
            (-1850.5, "#,##0.0;[Red]-#,##0.0", "-1.850,5"),
            (0.0, "#,##0.0", "0,0"),
            (3.14259, "0.0#", "3,14"),
            (3.1, "0.0#", "3,1"),
            (1234.5, "\"Tấn \"#,##0.0", "1.234,5"),
            // Trailing commas after the decimals scale as well.
            (1234567.0, "#,##0.0,,\" tr\"", "1,2"),
            (1234567.0, "#,##0.00,", "1.234,57"),
            (1234567.0, "0.0,", "1.234,6"),
        ];
        for (value, code, want) in table {
            assert_eq!(show(value, code), want, "{value} with {code}");
        }
    }

    #[test]
    fn percent_is_flagged_and_dates_are_not_numbers() {
        assert!(shown(0.5542, "0.00%").unwrap().percent);
        assert!(!shown(55.42, "0.00").unwrap().percent);
        assert_eq!(shown(45000.0, "dd/mm/yyyy"), None);
        assert_eq!(shown(f64::NAN, "General"), None);
    }

    #[test]
    fn codes_keep_the_written_decimals() {
        for (text, code) in [("4.150", "#,##0"), ("5,0", "#,##0.0"), ("14,53", "#,##0.00")] {
            let n = VnNumber::parse(text).unwrap();
            assert_eq!(code_for(n), code);
            let stored: f64 = n.0.to_string().parse().unwrap();
            assert_eq!(show(stored, &code_for(n)), text, "round trip of {text}");
        }
    }
}
