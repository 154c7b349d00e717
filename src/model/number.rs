//! Numbers written the Vietnamese way: thousands ".", decimals ",".
//!
//! "4.150" is four thousand one hundred fifty, "5,5" is five and a half,
//! "1.284.671.000" is a bit over a billion. Values are exact decimals
//! ([`rust_decimal::Decimal`]) from the text; nothing passes through f64.

use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::str::FromStr;

/// An exact number as the author wrote it. The scale (digits after the comma) is
/// kept, so "5,0" prints back as "5,0".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VnNumber(pub Decimal);

/// Why a string is not a Vietnamese number. Each carries what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    /// A character that has no place in a number ("12a", "1 000").
    BadCharacter(char),
    /// More than one decimal comma ("1,2,3").
    SeveralCommas,
    /// Thousands groups not of three digits ("4.15.0", "1.23", "68.5").
    BadGrouping,
    /// A thousands dot after a leading 0 ("0.150", "012.500"): no number is
    /// written so; most likely a decimal with the English dot ("0,150").
    ZeroBeforeThousands,
    /// A separator with no digits on one side ("1.", ",5", "1,").
    MissingDigits,
    /// More than 28 significant digits, or more than 28 after the comma.
    TooLarge,
}

impl NumberError {
    /// What is wrong, in Vietnamese and in English.
    pub fn describe(&self) -> (&'static str, &'static str) {
        match self {
            Self::Empty => ("ô số bị để trống", "the number is empty"),
            Self::BadCharacter(_) => (
                "có ký tự không thuộc về một con số",
                "a character that does not belong in a number",
            ),
            Self::SeveralCommas => (
                "có nhiều dấu phẩy thập phân",
                "more than one decimal comma",
            ),
            Self::BadGrouping => (
                "các nhóm hàng nghìn phải có đúng 3 chữ số sau mỗi dấu chấm",
                "thousands groups must have exactly 3 digits after each dot",
            ),
            Self::ZeroBeforeThousands => (
                "số không bắt đầu bằng 0 trước dấu chấm hàng nghìn (dấu thập phân là dấu phẩy)",
                "a number does not start with 0 before a thousands dot (the decimal mark is the comma)",
            ),
            Self::MissingDigits => (
                "thiếu chữ số trước hoặc sau dấu phân cách",
                "a separator without digits on one side",
            ),
            Self::TooLarge => ("con số quá lớn hoặc quá nhiều chữ số (nhiều nhất 28 chữ số)", "the number is too large or has too many digits (28 at most)"),
        }
    }
}

impl VnNumber {
    pub fn from_int(i: i128) -> Option<Self> {
        i64::try_from(i).ok().map(|v| Self(Decimal::from(v)))
    }

    /// Parses Vietnamese notation: optional "-", digits grouped by "." in threes
    /// (or not grouped at all), optional "," and decimals.
    pub fn parse(text: &str) -> Result<Self, NumberError> {
        let s = text.trim();
        if s.is_empty() {
            return Err(NumberError::Empty);
        }
        let (negative, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        if let Some(c) = body.chars().find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ',')) {
            return Err(NumberError::BadCharacter(c));
        }
        let mut parts = body.split(',');
        let int_part = parts.next().unwrap_or("");
        let frac_part = parts.next();
        if parts.next().is_some() {
            return Err(NumberError::SeveralCommas);
        }
        if int_part.is_empty() || frac_part.is_some_and(|f| f.is_empty()) {
            return Err(NumberError::MissingDigits);
        }
        let groups: Vec<&str> = int_part.split('.').collect();
        if groups.iter().any(|g| g.is_empty()) {
            return Err(NumberError::MissingDigits);
        }
        if groups.len() > 1 && groups[0].starts_with('0') {
            return Err(NumberError::ZeroBeforeThousands);
        }
        if groups.len() > 1
            && (groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
        {
            return Err(NumberError::BadGrouping);
        }
        let mut plain: String = groups.concat();
        if let Some(frac) = frac_part {
            if frac.contains('.') {
                return Err(NumberError::BadGrouping);
            }
            plain.push('.');
            plain.push_str(frac);
        }
        // rust_decimal would round a 29th significant digit away ("0,1234…"
        // of 33 digits) without a word: refused, as a number too large is.
        let significant = plain.trim_start_matches(['0', '.']).bytes().filter(u8::is_ascii_digit).count();
        let decimals = frac_part.map_or(0, str::len);
        if significant > 28 || decimals > 28 {
            return Err(NumberError::TooLarge);
        }
        let value = Decimal::from_str(&plain).map_err(|_| NumberError::TooLarge)?;
        Ok(Self(if negative { -value } else { value }))
    }

    /// Rounds half away from zero to `dp` decimals and drops trailing zeros:
    /// the rule for derived ratios ("160", "55,42", "0,3").
    pub fn rounded(self, dp: u32) -> Self {
        Self(self.0.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize())
    }

    pub fn is_zero(self) -> bool {
        self.0.is_zero()
    }
}

impl fmt::Display for VnNumber {
    /// Vietnamese notation: "1.284.671.000", "55,42", "-2".
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let plain = self.0.abs().to_string();
        let (int_part, frac_part) = match plain.split_once('.') {
            Some((i, fr)) => (i, Some(fr)),
            None => (plain.as_str(), None),
        };
        if self.0.is_sign_negative() && !self.0.is_zero() {
            f.write_str("-")?;
        }
        let digits = int_part.as_bytes();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                f.write_str(".")?;
            }
            write!(f, "{}", *d as char)?;
        }
        if let Some(frac) = frac_part {
            write!(f, ",{frac}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn parses_vietnamese_notation() {
        let table = [
            ("0", "0"),
            ("7", "7"),
            ("4150", "4150"),
            ("4.150", "4150"),
            ("2.300", "2300"),
            ("1.284.671.000", "1284671000"),
            ("5,5", "5.5"),
            ("0,3", "0.3"),
            ("68,5", "68.5"),
            ("14,53", "14.53"),
            ("4.150,25", "4150.25"),
            ("-2", "-2"),
            ("-1.850,5", "-1850.5"),
            (" 12 ", "12"),
        ];
        for (text, want) in table {
            assert_eq!(VnNumber::parse(text), Ok(VnNumber(d(want))), "{text}");
        }
    }

    #[test]
    fn keeps_the_written_scale() {
        assert_eq!(VnNumber::parse("5,0").unwrap().to_string(), "5,0");
        assert_eq!(VnNumber::parse("94,0").unwrap().to_string(), "94,0");
    }

    #[test]
    fn refuses_malformed_numbers() {
        use NumberError::*;
        let table = [
            ("", Empty),
            ("   ", Empty),
            ("4.15.0", BadGrouping),
            ("1.23", BadGrouping),
            ("0.150", ZeroBeforeThousands),
            ("-0.500", ZeroBeforeThousands),
            ("012.500", ZeroBeforeThousands),
            ("68.5", BadGrouping),
            ("1234.567", BadGrouping),
            ("1,2,3", SeveralCommas),
            ("1,5.000", BadGrouping),
            ("1.", MissingDigits),
            (".5", MissingDigits),
            (",5", MissingDigits),
            ("5,", MissingDigits),
            ("1..000", MissingDigits),
            ("12a", BadCharacter('a')),
            ("1 000", BadCharacter(' ')),
            ("1e3", BadCharacter('e')),
            ("--1", BadCharacter('-')),
            ("99999999999999999999999999999999", TooLarge),
            // 33 digits, most after the comma: not rounded to 28 behind the writer's back.
            ("1,23456789012345678901234567890123", TooLarge),
            ("0,00000000000000000000000000000001", TooLarge),
        ];
        for (text, want) in table {
            assert_eq!(VnNumber::parse(text), Err(want), "{text:?}");
        }
    }

    #[test]
    fn formats_vietnamese_notation() {
        let table = [
            ("0", "0"),
            ("12", "12"),
            ("999", "999"),
            ("1000", "1.000"),
            ("1850", "1.850"),
            ("140603", "140.603"),
            ("1284671000", "1.284.671.000"),
            ("55.42", "55,42"),
            ("0.3", "0,3"),
            ("-2", "-2"),
            ("-1234.5", "-1.234,5"),
        ];
        for (value, want) in table {
            assert_eq!(VnNumber(d(value)).to_string(), want);
        }
    }

    #[test]
    fn rounds_half_away_from_zero_and_drops_zeros() {
        let table = [
            ("102.6785", "102,68"),
            ("55.4216", "55,42"),
            ("160.00", "160"),
            ("78.5714", "78,57"),
            ("0.125", "0,13"),
            ("-0.125", "-0,13"),
            ("100.005", "100,01"),
            ("0.30", "0,3"),
        ];
        for (value, want) in table {
            assert_eq!(VnNumber(d(value)).rounded(2).to_string(), want, "{value}");
        }
    }

    #[test]
    fn round_trips() {
        for text in ["1.284.671.000", "55,42", "0,3", "4.150", "-7", "1.000,5"] {
            assert_eq!(VnNumber::parse(text).unwrap().to_string(), text);
        }
    }
}
