//! Dates as NĐ 30 writes them: "ngày 05 tháng 7 năm 2023".
//!
//! The day is padded below 10; the month only for 01 and 02 (so "tháng 01" but
//! "tháng 6"). A draft may leave the day, or the day and month, blank for the văn
//! thư to fill in by hand.

/// Blank space left for a day or month the văn thư writes in by hand.
pub const BLANK: &str = "      ";

/// A month as a date writes it: "01", "02", then "3" … "12".
pub fn written_month(m: u32) -> String {
    if m <= 2 { format!("{m:02}") } else { m.to_string() }
}

/// A checked document date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocDate {
    pub day: Option<u32>,
    pub month: Option<u32>,
    pub year: u32,
}

/// Why a date is impossible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Month(u32),
    Day { day: u32, month: u32, max: u32 },
    Year(u32),
    /// A day without a month.
    DayWithoutMonth,
}

pub fn days_in_month(month: u32, year: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl DocDate {
    pub fn new(day: Option<u32>, month: Option<u32>, year: u32) -> Result<Self, DateError> {
        if !(1900..=2999).contains(&year) {
            return Err(DateError::Year(year));
        }
        if let Some(m) = month {
            if !(1..=12).contains(&m) {
                return Err(DateError::Month(m));
            }
        }
        match (day, month) {
            (Some(_), None) => return Err(DateError::DayWithoutMonth),
            (Some(d), Some(m)) => {
                let max = days_in_month(m, year);
                if d == 0 || d > max {
                    return Err(DateError::Day { day: d, month: m, max });
                }
            }
            _ => {}
        }
        Ok(Self { day, month, year })
    }

    /// "ngày 05 tháng 7 năm 2023", with blanks for what is left out.
    pub fn written(&self) -> String {
        let day = self.day.map_or(BLANK.to_owned(), |d| format!("{d:02}"));
        let month = self.month.map_or(BLANK.to_owned(), written_month);
        format!("ngày {day} tháng {month} năm {}", self.year)
    }

    /// A full date for document metadata (PDF/A needs one): blanks become the 1st.
    pub fn for_metadata(&self) -> (u32, u32, u32) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }
}

/// The first date written in free text, as (day, month, year), not checked
/// against the calendar: "15/7/2024" (or with "-" or "."), "2024-07-15", or
/// "ngày 15 tháng 7 năm 2024". A giấy mời's `thoi_gian` is read with it, and a
/// date of issue typed as one value ("31/02/2027") to show its three keys.
pub fn written_date(text: &str) -> Option<(u32, u32, u32)> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let number = |w: &str| w.trim_end_matches('.').parse::<u32>().ok();
    for (i, w) in words.iter().enumerate() {
        let parts: Vec<Option<u32>> = w.trim_end_matches('.').split(['/', '-', '.']).map(number).collect();
        match parts[..] {
            [Some(y), Some(m), Some(d)] if y >= 1000 => return Some((d, m, y)),
            [Some(d), Some(m), Some(y)] if y >= 1000 => return Some((d, m, y)),
            _ => {}
        }
        if w.to_lowercase() == "ngày" {
            if let [d, t, m, n, y, ..] = words.get(i + 1..).unwrap_or(&[]) {
                if t.to_lowercase() == "tháng" && n.to_lowercase() == "năm" {
                    if let (Some(d), Some(m), Some(y)) = (number(d), number(m), number(y)) {
                        return Some((d, m, y));
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_days_below_ten_and_only_months_one_and_two() {
        for month in 1..=12 {
            for day in 1..=days_in_month(month, 2024) {
                let text = DocDate::new(Some(day), Some(month), 2024).unwrap().written();
                let want_day = if day < 10 { format!("0{day}") } else { day.to_string() };
                let want_month = if month <= 2 { format!("0{month}") } else { month.to_string() };
                assert_eq!(text, format!("ngày {want_day} tháng {want_month} năm 2024"));
            }
        }
        assert_eq!(DocDate::new(Some(5), Some(7), 2023).unwrap().written(), "ngày 05 tháng 7 năm 2023");
        assert_eq!(DocDate::new(Some(31), Some(12), 2023).unwrap().written(), "ngày 31 tháng 12 năm 2023");
    }

    #[test]
    fn leaves_blanks_for_the_van_thu() {
        assert_eq!(DocDate::new(None, Some(6), 2023).unwrap().written(), format!("ngày {BLANK} tháng 6 năm 2023"));
        assert_eq!(DocDate::new(None, None, 2023).unwrap().written(), format!("ngày {BLANK} tháng {BLANK} năm 2023"));
        assert_eq!(DocDate::new(None, Some(6), 2023).unwrap().for_metadata(), (2023, 6, 1));
    }

    #[test]
    fn refuses_impossible_dates() {
        assert_eq!(DocDate::new(Some(31), Some(2), 2023), Err(DateError::Day { day: 31, month: 2, max: 28 }));
        assert_eq!(DocDate::new(Some(29), Some(2), 2023), Err(DateError::Day { day: 29, month: 2, max: 28 }));
        assert!(DocDate::new(Some(29), Some(2), 2024).is_ok());
        assert!(DocDate::new(Some(29), Some(2), 1900).is_err());
        assert!(DocDate::new(Some(29), Some(2), 2000).is_ok());
        assert_eq!(DocDate::new(Some(31), Some(4), 2023), Err(DateError::Day { day: 31, month: 4, max: 30 }));
        assert_eq!(DocDate::new(Some(0), Some(4), 2023), Err(DateError::Day { day: 0, month: 4, max: 30 }));
        assert_eq!(DocDate::new(Some(1), Some(13), 2023), Err(DateError::Month(13)));
        assert_eq!(DocDate::new(None, Some(0), 2023), Err(DateError::Month(0)));
        assert_eq!(DocDate::new(Some(3), None, 2023), Err(DateError::DayWithoutMonth));
        assert_eq!(DocDate::new(None, Some(6), 23), Err(DateError::Year(23)));
    }
}
