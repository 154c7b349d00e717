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

/// A date found in free text, as written: not checked against the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FoundDate {
    pub day: u32,
    pub month: u32,
    pub year: u32,
    /// Written with words ("ngày 5 tháng 6 năm 2026", "5 tháng 6 năm 2026"),
    /// so surely meant as a date; else in digits ("05/6/2026").
    pub worded: bool,
}

impl FoundDate {
    /// Whether it is meant as a date at all: words say so; three numbers do
    /// only when they could be a day and a month ("31/04/2027", not the
    /// telephone number "0912.345.6789").
    pub fn meant_as_date(&self) -> bool {
        self.worded || (self.day <= 31 && self.month <= 12)
    }

    /// Why the calendar has no such day, if it has none (the year is not
    /// judged: free text may name any).
    pub fn impossible(&self) -> Option<DateError> {
        if !(1..=12).contains(&self.month) {
            return Some(DateError::Month(self.month));
        }
        let max = days_in_month(self.month, self.year);
        (self.day == 0 || self.day > max).then_some(DateError::Day { day: self.day, month: self.month, max })
    }
}

/// Splits free text into words: at spaces and at , ; ( ) and quotes.
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'' | '“' | '”'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A word without the sentence's closing marks ("2026." or "2026./.").
fn bare(word: &str) -> &str {
    word.trim_end_matches(['.', '/', ':', '!', '?'])
}

fn number(word: &str) -> Option<u32> {
    let w = bare(word);
    (!w.is_empty() && w.len() <= 9 && w.bytes().all(|b| b.is_ascii_digit())).then(|| w.parse().ok()).flatten()
}

/// Every date written in free text, in order: "15/7/2024" (or with "-" or
/// "."), "2024-07-15", "ngày 15 tháng 7 năm 2024" and "15 tháng 7 năm 2024"
/// (a giấy giới thiệu's "có giá trị đến hết ngày 30 tháng 11 năm 2026" is
/// written without the "ngày", which the sentence holds).
fn all_dates(text: &str) -> Vec<FoundDate> {
    let words = words(text);
    let mut found = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let parts: Vec<Option<u32>> = bare(w).split(['/', '-', '.']).map(number).collect();
        match parts[..] {
            [Some(y), Some(m), Some(d)] if y >= 1000 => found.push(FoundDate { day: d, month: m, year: y, worded: false }),
            [Some(d), Some(m), Some(y)] if y >= 1000 => found.push(FoundDate { day: d, month: m, year: y, worded: false }),
            _ => {}
        }
        if let [d, t, m, n, y, ..] = words.get(i..).unwrap_or(&[]) {
            if t.to_lowercase() == "tháng" && n.to_lowercase() == "năm" {
                if let (Some(day), Some(month), Some(year)) = (number(d), number(m), number(y)) {
                    found.push(FoundDate { day, month, year, worded: true });
                }
            }
        }
    }
    found
}

/// The first date written in free text, as (day, month, year), not checked
/// against the calendar nor for being meant as a date ([`written_dates`]
/// for that): a date of issue typed as one value ("31/02/2027") is read with
/// it to show its three keys, and `sign --ngay`.
pub fn written_date(text: &str) -> Option<(u32, u32, u32)> {
    all_dates(text).first().map(|d| (d.day, d.month, d.year))
}

/// The dates written in free text that are meant as dates
/// ([`FoundDate::meant_as_date`]), in order: a giấy mời's or a biên bản's
/// `thoi_gian`, a giấy giới thiệu's `gia_tri_den`.
pub fn written_dates(text: &str) -> Vec<FoundDate> {
    all_dates(text).into_iter().filter(FoundDate::meant_as_date).collect()
}

/// A time of day found in free text, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTime {
    pub hour: u32,
    pub minute: Option<u32>,
    /// The words it was read from ("25 giờ 70 phút", "8h30").
    pub written: String,
}

impl FoundTime {
    /// Whether the day has this time: 0 to 23 hours, 0 to 59 minutes, and
    /// "24 giờ" (the end of a day: "đến 24 giờ ngày 31/12/2026").
    pub fn on_the_clock(&self) -> bool {
        let minute = self.minute.unwrap_or(0);
        minute <= 59 && (self.hour <= 23 || (self.hour == 24 && minute == 0))
    }
}

/// Words before a number of hours that make it a length of time, not a time
/// of day: "trong 48 giờ", "kéo dài 36 giờ".
/// ("khoảng", "sau", "gần" go with both, "vào khoảng 8 giờ": not among them.)
const DURATION_WORDS: [&str; 6] = ["trong", "dài", "mất", "vòng", "tổng", "đủ"];

/// Words around a bare "N giờ" that make it a time of day: "lúc 8 giờ",
/// "từ 25 giờ", "8 giờ sáng", "8 giờ ngày 5/6/2026".
const CLOCK_BEFORE: [&str; 6] = ["lúc", "từ", "vào", "đến", "tới", "đầu"];
const CLOCK_AFTER: [&str; 6] = ["sáng", "trưa", "chiều", "tối", "đêm", "ngày"];

/// Every time of day written in free text, in order: "8 giờ 30 phút",
/// "8 giờ 30", "8h30", "8g30", "08:30", and "8 giờ" or "8h" where the words
/// around say it is a time ("lúc 8 giờ", "8 giờ sáng"; not "trong 48 giờ").
pub fn written_times(text: &str) -> Vec<FoundTime> {
    let words = words(text);
    let lower: Vec<String> = words.iter().map(|w| bare(w).to_lowercase()).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let before = i.checked_sub(1).map(|j| lower[j].as_str());
        if before.is_some_and(|b| DURATION_WORDS.contains(&b)) {
            i += 1;
            continue;
        }
        // "8 giờ", "8 giờ 30", "8 giờ 30 phút"
        if let (Some(hour), Some("giờ")) = (number(words[i]), lower.get(i + 1).map(String::as_str)) {
            let minute = words.get(i + 2).and_then(|w| number(w));
            let with_word = minute.is_some() && lower.get(i + 3).is_some_and(|w| w == "phút");
            let after = lower.get(i + 2).map(String::as_str);
            let clock = minute.is_some()
                || before.is_some_and(|b| CLOCK_BEFORE.contains(&b))
                || after.is_some_and(|a| CLOCK_AFTER.contains(&a));
            let len = 2 + usize::from(minute.is_some()) + usize::from(with_word);
            if clock {
                found.push(FoundTime { hour, minute, written: words[i..i + len].iter().map(|w| bare(w)).collect::<Vec<_>>().join(" ") });
            }
            i += len;
            continue;
        }
        // "8h30", "8h", "8g30", "08:30"
        let w = bare(words[i]);
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            let (hour, rest) = w.split_at(digits);
            let mut rest = rest.chars();
            let mark = rest.next();
            let minutes: String = rest.collect();
            let minute = (!minutes.is_empty() && minutes.len() <= 2 && minutes.bytes().all(|b| b.is_ascii_digit())).then(|| minutes.parse().ok()).flatten();
            let fits = match mark {
                Some('h' | 'H') => minutes.is_empty() || minute.is_some(),
                Some('g' | 'G') => minute.is_some(),
                Some(':') => minutes.len() == 2 && minute.is_some(),
                _ => false,
            };
            if fits {
                found.push(FoundTime { hour: hour.parse().unwrap_or(0), minute, written: w.to_owned() });
            }
        }
        i += 1;
    }
    found
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

    #[test]
    fn finds_dates_with_and_without_the_word_ngay() {
        let worded = |day, month, year| FoundDate { day, month, year, worded: true };
        let digits = |day, month, year| FoundDate { day, month, year, worded: false };
        assert_eq!(written_dates("30 tháng 02 năm 2027"), vec![worded(30, 2, 2027)]);
        assert_eq!(written_dates("ngày 05 tháng 6 năm 2026."), vec![worded(5, 6, 2026)]);
        assert_eq!(written_dates("hết ngày 31/04/2027./."), vec![digits(31, 4, 2027)]);
        assert_eq!(written_dates("từ 15-7-2024 đến 2024-07-17"), vec![digits(15, 7, 2024), digits(17, 7, 2024)]);
        // A telephone number is three numbers, but no day and month.
        assert_eq!(written_dates("điện thoại 0912.345.6789, ngày 15/7/2024"), vec![digits(15, 7, 2024)]);
        assert_eq!(written_dates("hết tháng 11 năm 2026"), vec![]);
        assert_eq!(written_dates("cho đến khi hoàn thành nhiệm vụ"), vec![]);
        // `written_date` still reads the first three numbers, for `ngay: 31/02/2027`.
        assert_eq!(written_date("0912.345.6789"), Some((912, 345, 6789)));
        assert_eq!(written_date("15 tháng 6 năm 2026"), Some((15, 6, 2026)));
    }

    #[test]
    fn tells_impossible_dates() {
        let date = |day, month, year| FoundDate { day, month, year, worded: true };
        assert_eq!(date(30, 2, 2027).impossible(), Some(DateError::Day { day: 30, month: 2, max: 28 }));
        assert_eq!(date(29, 2, 2028).impossible(), None);
        assert_eq!(date(31, 11, 2026).impossible(), Some(DateError::Day { day: 31, month: 11, max: 30 }));
        assert_eq!(date(0, 11, 2026).impossible(), Some(DateError::Day { day: 0, month: 11, max: 30 }));
        assert_eq!(date(5, 13, 2026).impossible(), Some(DateError::Month(13)));
        assert_eq!(date(30, 11, 2026).impossible(), None);
    }

    #[test]
    fn finds_times_of_day() {
        let read = |text: &str| written_times(text).into_iter().map(|t| (t.hour, t.minute, t.on_the_clock())).collect::<Vec<_>>();
        assert_eq!(read("01 buổi, bắt đầu từ 07 giờ 30 phút, thứ Tư"), vec![(7, Some(30), true)]);
        assert_eq!(read("bắt đầu từ 25 giờ 70 phút"), vec![(25, Some(70), false)]);
        assert_eq!(read("8h30 ngày 5/6/2026; kết thúc 11h"), vec![(8, Some(30), true), (11, None, true)]);
        assert_eq!(read("8g30, 14:00, 23h75"), vec![(8, Some(30), true), (14, Some(0), true), (23, Some(75), false)]);
        assert_eq!(read("lúc 26 giờ"), vec![(26, None, false)]);
        assert_eq!(read("đến 24 giờ ngày 31/12/2026"), vec![(24, None, true)]);
        // Lengths of time and other numbers are not times of day.
        assert_eq!(read("trả lời trong 48 giờ"), vec![]);
        assert_eq!(read("kéo dài 36 giờ 30 phút"), vec![]);
        assert_eq!(read("48 giờ"), vec![]);
        assert_eq!(read("tỷ lệ 1:500, số 12/GM-UBND, 2g muối"), vec![]);
    }
}
