//! Dates, times of day and weekdays written in the free-text fields a
//! document prints: a giấy mời's and a biên bản's `thoi_gian`, a biên bản's
//! `ket_thuc_hop`, a giấy giới thiệu's `gia_tri_den` ("30 tháng 11 năm 2026",
//! "30/11/2026", "08 giờ 00 phút", "8h30", "thứ Hai").
//!
//! A day the calendar does not have, a time the clock does not have, a
//! weekday that does not exist ("thứ Tám") is an error: the reader would not
//! know when to come or until when the paper holds. A weekday that is not
//! the date's is a warning (one of the two is wrong, and which one is not
//! known). Text that holds no date is not judged: these fields are free
//! ("cho đến khi hoàn thành nhiệm vụ").
//!
//! And the dates a document writes must agree with its own date (`ngay`):
//! see [`lint_valid_until`] and [`lint_minutes`].

use std::path::Path;

use time::{Date, Month, Weekday};

use crate::diag::{Diagnostic, Kind, Msg, Severity};
use crate::model::date::{days_in_month, written_dates, written_times, DateError, DocDate};
use crate::model::{At, IssueDate, Report};

/// The weekdays as written in Vietnamese: in words ("thứ Hai", "Chủ nhật")
/// and in digits ("thứ 2"); "thứ Bẩy" is an old spelling of "thứ Bảy".
const WEEKDAYS: [(Weekday, &str, &[&str]); 7] = [
    (Weekday::Monday, "thứ Hai", &["hai", "2"]),
    (Weekday::Tuesday, "thứ Ba", &["ba", "3"]),
    (Weekday::Wednesday, "thứ Tư", &["tư", "4"]),
    (Weekday::Thursday, "thứ Năm", &["năm", "5"]),
    (Weekday::Friday, "thứ Sáu", &["sáu", "6"]),
    (Weekday::Saturday, "thứ Bảy", &["bảy", "bẩy", "7"]),
    (Weekday::Sunday, "Chủ nhật", &[]),
];

/// After "thứ", the numbers no weekday has: there is no "thứ Một" (Sunday is
/// "Chủ nhật") and no "thứ Tám".
const NOT_WEEKDAYS: [&str; 6] = ["một", "nhất", "tám", "chín", "mười", "bốn"];

/// Words before "thứ" that make it an ordinal, not a weekday: "kỳ họp thứ 6"
/// (the sixth session), "lần thứ 8", "đợt thứ 2".
const ORDINAL_NOUNS: [&str; 13] = ["lần", "kỳ", "kì", "họp", "khóa", "khoá", "phiên", "đợt", "tuần", "lớp", "hạng", "vòng", "buổi"];

pub(crate) fn weekday_name(w: Weekday) -> &'static str {
    WEEKDAYS.iter().find(|(d, _, _)| *d == w).map_or("", |(_, name, _)| name)
}

pub(crate) fn date(day: u32, month: u32, year: u32) -> Option<Date> {
    let month = Month::try_from(u8::try_from(month).ok()?).ok()?;
    Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?).ok()
}

/// "09/12/2026", as an official writes a date in a sentence of a message.
fn dmy(d: Date) -> String {
    format!("{:02}/{:02}/{}", d.day(), u8::from(d.month()), d.year())
}

const MONTHS_EN: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// A weekday named in free text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Named {
    Day(Weekday),
    /// "thứ" and a number no weekday has, as written ("thứ Tám").
    NotADay(String),
}

/// The weekdays named in `text`, in order.
fn weekdays_named(text: &str) -> Vec<Named> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')' | '"' | '\'' | '.' | ':'))
        .filter(|w| !w.is_empty())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let mut named = Vec::new();
    for i in 0..words.len() {
        let Some(next) = lower.get(i + 1) else { continue };
        if lower[i] == "chủ" && next == "nhật" {
            named.push(Named::Day(Weekday::Sunday));
        }
        if lower[i] != "thứ" || i.checked_sub(1).is_some_and(|j| ORDINAL_NOUNS.contains(&lower[j].as_str())) {
            continue;
        }
        if let Some((day, _, _)) = WEEKDAYS.iter().find(|(_, _, written)| written.contains(&next.as_str())) {
            named.push(Named::Day(*day));
        } else if NOT_WEEKDAYS.contains(&next.as_str()) || next.parse::<u32>().is_ok() {
            named.push(Named::NotADay(format!("{} {}", words[i], words[i + 1])));
        }
    }
    named
}

/// Checks the dates, times of day and weekdays written in `value` (the
/// field `key`; times only when `clock`). Returns the first date it writes,
/// when that is a day of the calendar.
pub fn lint_written_when(file: &Path, key: &str, value: &At<String>, clock: bool, diags: &mut Vec<Diagnostic>) -> Option<Date> {
    let at = value.referenced;
    let dates = written_dates(&value.value);
    for found in &dates {
        let (d, m, y) = (found.day, found.month, found.year);
        let (message, hint) = match found.impossible() {
            None => continue,
            Some(DateError::Day { max, .. }) => {
                let span = if d == 0 {
                    Msg::new(format!("tháng {m} năm {y} có từ ngày 01 đến ngày {max}"), format!("{} {y} runs from the 1st to the {max}th", MONTHS_EN[m as usize - 1]))
                } else {
                    Msg::new(format!("tháng {m} năm {y} chỉ có {max} ngày"), format!("{} {y} has only {max} days", MONTHS_EN[m as usize - 1]))
                };
                (
                    Msg::new(format!("không có ngày {d:02}/{m:02}/{y}: {}", span.vi), format!("there is no date {d:02}/{m:02}/{y}: {}", span.en)),
                    Msg::new(
                        format!("sửa ngày trong `{key}`: một ngày từ 01 đến {max} (ngày cuối tháng là {max}/{m:02}/{y})"),
                        format!("correct the date in `{key}`: a day from 1 to {max} (the month's last day is {max}/{m:02}/{y})"),
                    ),
                )
            }
            Some(_) => (
                Msg::new(format!("không có tháng {m} (ngày {d:02}/{m:02}/{y}): một năm có 12 tháng"), format!("there is no month {m} (date {d:02}/{m:02}/{y}): months run from 1 to 12")),
                Msg::new(format!("sửa tháng trong `{key}`: từ 1 đến 12"), format!("correct the month in `{key}`: from 1 to 12")),
            ),
        };
        diags.push(Diagnostic::error(Kind::BadDate, file, at, message).with_hint(hint));
    }
    if clock {
        for time in written_times(&value.value).into_iter().filter(|t| !t.on_the_clock()) {
            let written = &time.written;
            let bad_hour = time.hour > 24 || (time.hour == 24 && time.minute.is_some_and(|m| m > 0));
            let bad_minute = time.minute.is_some_and(|m| m > 59);
            let (vi, en) = match (bad_hour, bad_minute) {
                (true, true) => ("giờ chỉ từ 0 đến 23 và phút từ 00 đến 59", "hours run from 0 to 23 and minutes from 00 to 59"),
                (false, true) => ("phút chỉ từ 00 đến 59", "minutes run from 00 to 59"),
                _ => ("giờ trong ngày chỉ từ 0 đến 23 (24 giờ là hết ngày)", "the hours of a day run from 0 to 23 (24 giờ is the end of the day)"),
            };
            diags.push(
                Diagnostic::error(Kind::BadDate, file, at, Msg::new(format!("không có giờ \"{written}\": {vi}"), format!("there is no time of day \"{written}\": {en}")))
                    .with_hint(Msg::new(format!("sửa giờ trong `{key}`, ví dụ: \"07 giờ 30 phút\""), format!("correct the time in `{key}`, e.g. \"07 giờ 30 phút\""))),
            );
        }
    }
    let first = dates.first().and_then(|d| date(d.day, d.month, d.year));
    let mut compared = false;
    for named in weekdays_named(&value.value) {
        match named {
            Named::NotADay(written) => diags.push(
                Diagnostic::error(
                    Kind::BadDate,
                    file,
                    at,
                    Msg::new(format!("không có \"{written}\": các ngày trong tuần là thứ Hai đến thứ Bảy và Chủ nhật"), format!("there is no weekday \"{written}\": the week runs from thứ Hai (Monday) to thứ Bảy (Saturday) and Chủ nhật (Sunday)")),
                )
                .with_hint(match first {
                    Some(day) => Msg::new(
                        format!("ngày {} là {}: viết \"{}\" trong `{key}`", dmy(day), weekday_name(day.weekday()), weekday_name(day.weekday())),
                        format!("{} is a {:?}: write \"{}\" in `{key}`", dmy(day), day.weekday(), weekday_name(day.weekday())),
                    ),
                    None => Msg::new(format!("sửa thứ trong `{key}`"), format!("correct the weekday in `{key}`")),
                }),
            ),
            Named::Day(named) if !compared => {
                compared = true;
                let Some(day) = first else { continue };
                if named != day.weekday() {
                    diags.push(
                        Diagnostic::warning(
                            Kind::BadDate,
                            file,
                            at,
                            Msg::new(
                                format!("ngày {} là {}, không phải {}", dmy(day), weekday_name(day.weekday()), weekday_name(named)),
                                format!("{} is a {:?}, not a {named:?}", dmy(day), day.weekday()),
                            ),
                        )
                        .with_hint(Msg::new(
                            format!("sửa thứ hoặc ngày trong `{key}` cho khớp nhau"),
                            format!("correct the weekday or the date in `{key}` so that they agree"),
                        )),
                    );
                }
            }
            Named::Day(_) => {}
        }
    }
    first
}

/// The first and the last day the document's own date (`ngay`) can be: a day
/// left blank for the văn thư is any of its month's, a month left blank any
/// of the year's. `None` when `ngay` is no date (reported elsewhere).
fn issue_span(issued: &IssueDate) -> Option<(Date, Date)> {
    let y = issued.nam.value;
    let (day, month) = (issued.ngay.as_ref().map(|v| v.value), issued.thang.as_ref().map(|v| v.value));
    DocDate::new(day, month, y).ok()?;
    Some(match (day, month) {
        (Some(d), Some(m)) => (date(d, m, y)?, date(d, m, y)?),
        (_, Some(m)) => (date(1, m, y)?, date(days_in_month(m, y), m, y)?),
        _ => (date(1, 1, y)?, date(31, 12, y)?),
    })
}

/// The document's own date as a message says it: "16/11/2026", "tháng
/// 11/2026" (the day blank), "năm 2026".
fn issue_written(issued: &IssueDate) -> Msg {
    let y = issued.nam.value;
    match (&issued.ngay, &issued.thang) {
        (Some(d), Some(m)) => Msg::new(format!("ngày {:02}/{:02}/{y}", d.value, m.value), format!("{:02}/{:02}/{y}", d.value, m.value)),
        (_, Some(m)) => Msg::new(format!("tháng {:02}/{y}", m.value), format!("{} {y}", MONTHS_EN.get(m.value as usize - 1).unwrap_or(&""))),
        _ => Msg::new(format!("năm {y}"), y.to_string()),
    }
}

/// A giấy giới thiệu's `gia_tri_den`: a real day, and not before the
/// letter's own date.
///
/// An error, not a warning: the letter exists to be shown where the person
/// is sent while it holds (Mẫu 1.8, "Giấy này có giá trị đến hết ngày …");
/// valid until a day before its issue, it is void the day it is signed, and
/// nothing the văn thư fills in later mends it (a blank day or month is
/// taken at its earliest). The same day is fine: an errand of that day.
pub fn lint_valid_until(file: &Path, r: &Report, diags: &mut Vec<Diagnostic>) {
    let Some(until_text) = &r.gia_tri_den else { return };
    let Some(until) = lint_written_when(file, "gia_tri_den", until_text, false, diags) else { return };
    let Some((earliest, _)) = issue_span(&r.ngay) else { return };
    if until < earliest {
        let issued = issue_written(&r.ngay);
        diags.push(
            Diagnostic::error(
                Kind::BadDate,
                file,
                until_text.referenced,
                Msg::new(
                    format!("giấy giới thiệu có giá trị đến hết ngày {}, trước khi ban hành ({}): giấy hết giá trị ngay khi ký", dmy(until), issued.vi),
                    format!("the giấy giới thiệu holds until {}, before it is issued ({}): it is void the day it is signed", dmy(until), issued.en),
                ),
            )
            .with_hint(Msg::new(
                format!("sửa `gia_tri_den` thành một ngày từ {} trở đi (kiểm tra năm), hoặc sửa `ngay`", issued.vi),
                format!("make `gia_tri_den` a day from {} on (check the year), or correct `ngay`", issued.en),
            )),
        );
    }
}

/// A biên bản's `thoi_gian` (when the meeting or the hand-over began) and
/// `ket_thuc_hop` (when it ended): real days and times; the end not before the
/// beginning (an error: the paper prints both); and neither after the biên
/// bản's own date.
///
/// A biên bản records what happened and is signed by its thư ký and chủ tọa
/// when it is over (Mẫu 1.9 closes with the end of the meeting, then the
/// signatures), so its date is that day or a later one; dated before the
/// events it records, it says they had not happened when it was signed. How
/// bad that is depends on what the paper prints. Mẫu 1.9 has no date line
/// (ô 4 is absent): the only date on the paper is the meeting's, and `ngay`
/// goes to the register, the number and the file's metadata, so the paper
/// itself is right and a wrong register date is a warning. With
/// `in_dia_danh_ngay: true` the paper prints "…, ngày … tháng … năm …" above
/// a meeting held after it, and contradicts itself: an error. A blank day or
/// month of `ngay` is taken at its latest.
pub fn lint_minutes(file: &Path, r: &Report, diags: &mut Vec<Diagnostic>) {
    let start = r.thoi_gian.as_ref().and_then(|t| lint_written_when(file, "thoi_gian", t, true, diags));
    let end = r.ket_thuc_hop.as_ref().and_then(|t| lint_written_when(file, "ket_thuc_hop", t, true, diags));
    if let (Some(start), Some(end), Some(end_text)) = (start, end, &r.ket_thuc_hop) {
        if end < start {
            diags.push(
                Diagnostic::error(
                    Kind::BadDate,
                    file,
                    end_text.referenced,
                    Msg::new(
                        format!("cuộc họp kết thúc ngày {}, trước khi bắt đầu (`thoi_gian`: {})", dmy(end), dmy(start)),
                        format!("the meeting ends on {}, before it begins (`thoi_gian`: {})", dmy(end), dmy(start)),
                    ),
                )
                .with_hint(Msg::new("sửa ngày trong `ket_thuc_hop` hoặc `thoi_gian`", "correct the date in `ket_thuc_hop` or `thoi_gian`")),
            );
        }
    }
    let Some((_, latest)) = issue_span(&r.ngay) else { return };
    let issued = issue_written(&r.ngay);
    for (key, day, text) in [("thoi_gian", start, &r.thoi_gian), ("ket_thuc_hop", end, &r.ket_thuc_hop)] {
        let (Some(day), Some(text)) = (day, text) else { continue };
        if day > latest {
            let printed = r.in_dia_danh_ngay.as_ref().is_some_and(|v| v.value);
            diags.push(
                Diagnostic::at(
                    if printed { Severity::Error } else { Severity::Warning },
                    Kind::BadDate,
                    file,
                    text.referenced.line(),
                    text.referenced.column(),
                    Msg::new(
                        format!("biên bản ghi sự việc ngày {} (`{key}`), sau ngày của chính biên bản ({}, khóa `ngay`): biên bản lập trong hoặc sau cuộc họp, không lập trước", dmy(day), issued.vi),
                        format!("the biên bản records {} (`{key}`), after its own date ({}, key `ngay`): minutes are drawn up during or after the meeting, not before", dmy(day), issued.en),
                    ),
                )
                .with_hint(Msg::new(format!("sửa ngày trong `{key}` (kiểm tra năm), hoặc sửa `ngay`"), format!("correct the date in `{key}` (check the year), or correct `ngay`"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> At<String> {
        At { value: text.to_owned(), referenced: serde_saphyr::Location::UNKNOWN, defined: serde_saphyr::Location::UNKNOWN }
    }

    fn lint(text: &str, clock: bool) -> (Option<Date>, Vec<Diagnostic>) {
        let mut diags = Vec::new();
        let first = lint_written_when(Path::new("x.yaml"), "thoi_gian", &at(text), clock, &mut diags);
        (first, diags)
    }

    fn errors(diags: &[Diagnostic]) -> Vec<&str> {
        diags.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.vi.as_str()).collect()
    }

    #[test]
    fn an_impossible_day_says_how_long_the_month_is() {
        let (first, diags) = lint("30 tháng 02 năm 2027", false);
        assert_eq!(first, None);
        assert_eq!(errors(&diags), ["không có ngày 30/02/2027: tháng 2 năm 2027 chỉ có 28 ngày"]);
        assert!(diags[0].hint.as_ref().is_some_and(|h| h.vi.contains("28/02/2027")), "{diags:?}");
        assert_eq!(errors(&lint("31/04/2027", false).1), ["không có ngày 31/04/2027: tháng 4 năm 2027 chỉ có 30 ngày"]);
        assert_eq!(errors(&lint("08 giờ 00 phút, ngày 31 tháng 11 năm 2026", true).1), ["không có ngày 31/11/2026: tháng 11 năm 2026 chỉ có 30 ngày"]);
        assert_eq!(errors(&lint("ngày 05 tháng 13 năm 2026", true).1).len(), 1);
        // A later day in the text is checked too.
        assert_eq!(errors(&lint("từ ngày 27/02/2027 đến ngày 30/02/2027", false).1).len(), 1);
    }

    #[test]
    fn real_days_and_text_without_a_date_pass() {
        for text in [
            "30 tháng 11 năm 2026",
            "29/02/2028",
            "01 buổi, bắt đầu từ 07 giờ 30 phút, thứ Tư, ngày 09 tháng 12 năm 2026",
            "cho đến khi hoàn thành nhiệm vụ",
            "liên hệ 0912.345.6789",
            "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày.",
            "8h30, Chủ nhật, 13/12/2026",
            "kỳ họp thứ 8, ngày 15/12/2026",
        ] {
            let (_, diags) = lint(text, true);
            assert!(diags.is_empty(), "{text}: {diags:?}");
        }
        assert_eq!(lint("ngày 09 tháng 12 năm 2026", false).0, date(9, 12, 2026));
    }

    #[test]
    fn a_time_the_clock_lacks_is_an_error() {
        assert_eq!(errors(&lint("bắt đầu từ 25 giờ 70 phút, thứ Tư, ngày 09 tháng 12 năm 2026", true).1), ["không có giờ \"25 giờ 70 phút\": giờ chỉ từ 0 đến 23 và phút từ 00 đến 59"]);
        assert_eq!(errors(&lint("8h75", true).1), ["không có giờ \"8h75\": phút chỉ từ 00 đến 59"]);
        assert_eq!(errors(&lint("lúc 25 giờ", true).1).len(), 1);
        // Not a time field: not judged.
        assert!(lint("25 giờ 70 phút", false).1.is_empty());
    }

    #[test]
    fn a_weekday_that_does_not_exist_is_an_error_naming_the_right_one() {
        let (_, diags) = lint("07 giờ 30 phút, thứ Tám, ngày 09 tháng 12 năm 2026", true);
        assert_eq!(errors(&diags).len(), 1, "{diags:?}");
        assert!(diags[0].message.vi.contains("\"thứ Tám\""));
        assert!(diags[0].hint.as_ref().is_some_and(|h| h.vi.contains("là thứ Tư")), "{diags:?}");
        for text in ["thứ 8, 12/12/2026", "thứ Một ngày 07/12/2026", "thứ 1, ngày 07/12/2026"] {
            assert_eq!(errors(&lint(text, true).1).len(), 1, "{text}");
        }
        // A weekday that is not the date's: a warning.
        let (_, diags) = lint("thứ Năm, ngày 09/12/2026", true);
        assert_eq!((diags.len(), diags[0].severity), (1, Severity::Warning), "{diags:?}");
        assert_eq!(weekdays_named("thứ Bảy, Chủ nhật"), [Named::Day(Weekday::Saturday), Named::Day(Weekday::Sunday)]);
        assert_eq!(weekdays_named("Thứ 7, ngày 20/7/2024"), [Named::Day(Weekday::Saturday)]);
        assert_eq!(weekdays_named("sáng Chủ nhật 21/7/2024"), [Named::Day(Weekday::Sunday)]);
        assert_eq!(weekdays_named("thứ Hai, ngày 15/7/2024"), [Named::Day(Weekday::Monday)]);
        assert_eq!(weekdays_named("ngày 15/7/2024"), []);
        assert_eq!(weekdays_named("lần thứ tám; theo thứ tự"), []);
    }

    fn report(yaml: &str) -> Report {
        let mut diags = Vec::new();
        let loaded = crate::model::load::load_report_from_str(Path::new("x.yaml"), yaml, &mut diags);
        loaded.unwrap_or_else(|| panic!("{diags:?}")).report
    }

    const GGT: &str = "loai: giay_gioi_thieu\nco_quan: { ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"], viet_tat: UBND }\ndia_danh: An Bình\nnguoi_ky: { chuc_vu: CHỦ TỊCH, ho_ten: A }\n";

    fn valid_until(ngay: &str, until: &str) -> Vec<Diagnostic> {
        let r = report(&format!("{GGT}ngay: {ngay}\ngia_tri_den: \"{until}\"\n"));
        let mut diags = Vec::new();
        lint_valid_until(Path::new("ggt.yaml"), &r, &mut diags);
        diags
    }

    #[test]
    fn a_letter_valid_until_before_its_issue_is_an_error() {
        let diags = valid_until("{ ngay: 16, thang: 11, nam: 2026 }", "30 tháng 11 năm 2025");
        assert_eq!(errors(&diags).len(), 1, "{diags:?}");
        assert!(diags[0].message.vi.contains("trước khi ban hành (ngày 16/11/2026)"), "{diags:?}");
        assert!(valid_until("{ ngay: 16, thang: 11, nam: 2026 }", "16/11/2026").is_empty());
        assert!(valid_until("{ ngay: 16, thang: 11, nam: 2026 }", "30 tháng 11 năm 2026").is_empty());
        // The văn thư fills in the day: any day of November 2026.
        assert!(valid_until("{ thang: 11, nam: 2026 }", "01/11/2026").is_empty());
        assert_eq!(errors(&valid_until("{ thang: 11, nam: 2026 }", "31/10/2026")).len(), 1);
        assert!(valid_until("{ ngay: 16, thang: 11, nam: 2026 }", "khi hoàn thành công việc").is_empty());
    }

    const BB: &str = "loai: bien_ban\nco_quan: { ten: [\"ỦY BAN NHÂN DÂN\", \"XÃ AN BÌNH\"], viet_tat: UBND }\ndia_danh: An Bình\nnguoi_ky: [{ chuc_vu: THƯ KÝ, ho_ten: A }, { chuc_vu: CHỦ TỌA, ho_ten: B }]\n";

    fn minutes(ngay: &str, start: &str, end: &str) -> Vec<Diagnostic> {
        let r = report(&format!("{BB}ngay: {ngay}\nthoi_gian: \"{start}\"\nket_thuc_hop: \"{end}\"\n"));
        let mut diags = Vec::new();
        lint_minutes(Path::new("bb.yaml"), &r, &mut diags);
        diags
    }

    #[test]
    fn minutes_dated_before_their_meeting_are_warned_and_refused_when_printed() {
        let day = "{ ngay: 12, thang: 11, nam: 2026 }";
        let same_day_end = "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày.";
        assert!(minutes(day, "08 giờ 00 phút, ngày 12 tháng 11 năm 2026", same_day_end).is_empty());
        // Signed days later: fine.
        assert!(minutes("{ ngay: 16, thang: 11, nam: 2026 }", "08 giờ 00 phút, ngày 12 tháng 11 năm 2026", same_day_end).is_empty());
        let diags = minutes(day, "08 giờ 00 phút, ngày 12 tháng 11 năm 2027", same_day_end);
        assert_eq!(diags.iter().map(|d| d.severity).collect::<Vec<_>>(), [Severity::Warning], "{diags:?}");
        assert!(diags[0].message.vi.contains("sau ngày của chính biên bản"), "{diags:?}");
        // Printed above it, the date contradicts the paper: an error.
        let diags = minutes(&format!("{day}\nin_dia_danh_ngay: true"), "08 giờ 00 phút, ngày 12 tháng 11 năm 2027", same_day_end);
        assert_eq!(errors(&diags).len(), 1, "{diags:?}");
        // The day left for the văn thư: any day of the month.
        assert!(minutes("{ thang: 11, nam: 2026 }", "ngày 30/11/2026", same_day_end).is_empty());
        // Ending after the biên bản's date, or before beginning.
        assert_eq!(minutes(day, "ngày 12/11/2026", "kết thúc 17 giờ ngày 13/11/2026").len(), 1);
        assert_eq!(errors(&minutes("{ ngay: 20, thang: 11, nam: 2026 }", "ngày 12/11/2026", "kết thúc ngày 11/11/2026")).len(), 1);
        assert_eq!(errors(&minutes(day, "ngày 31 tháng 11 năm 2026", same_day_end)), ["không có ngày 31/11/2026: tháng 11 năm 2026 chỉ có 30 ngày"]);
    }
}
