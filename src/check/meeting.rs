//! The time of a meeting a giấy mời invites to (`thoi_gian`, free text such as
//! "07 giờ 30 phút, thứ Hai, ngày 15/7/2024"): the date it names must fall on
//! the weekday it names, and after the invitation's own date by at least three
//! working days — an invitation reaches the invitees at the latest 03 working
//! days before the meeting (QĐ 45/2018/QĐ-TTg on meetings of state
//! administrative bodies; ../shared/spec/nd30-types.md §9). Warnings only: the
//! text is free, public holidays are not known, and a draft may be dated later.
//! (A day, a time or a weekday that does not exist is an error: [`super::when`].)

use std::path::Path;

use time::{Date, Weekday};

use crate::diag::{Diagnostic, Kind, Msg};
use super::when::date;
use crate::model::date::written_date;
use crate::model::{At, IssueDate};

/// Working days the invitation must leave before the meeting.
const NOTICE_WORKING_DAYS: u32 = 3;

/// The first date written in `text` ([`written_date`]), if it is a real day.
pub fn date_in(text: &str) -> Option<Date> {
    let (d, m, y) = written_date(text)?;
    date(d, m, y)
}

/// Working days (Monday to Friday) from `from` up to, not including, `to`.
fn working_days(from: Date, to: Date) -> u32 {
    let mut n = 0;
    let mut d = from;
    while d < to {
        if !matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday) {
            n += 1;
        }
        match d.next_day() {
            Some(next) => d = next,
            None => break,
        }
    }
    n
}

/// Lints a giấy mời's `thoi_gian` against its weekday and its issue date.
pub fn lint_meeting_time(file: &Path, time_text: &At<String>, issued: &IssueDate, diags: &mut Vec<Diagnostic>) {
    let at = time_text.referenced;
    // A day, a time, a weekday that do not exist; a weekday not the date's.
    let Some(meeting) = super::when::lint_written_when(file, "thoi_gian", time_text, true, diags) else { return };
    // The issue date, when the văn thư has filled it in.
    let (Some(day), Some(month)) = (&issued.ngay, &issued.thang) else { return };
    let Some(issue) = date(day.value, month.value, issued.nam.value) else { return };
    if meeting < issue {
        diags.push(
            Diagnostic::warning(
                Kind::BadDate,
                file,
                at,
                Msg::new("cuộc họp diễn ra trước ngày ban hành giấy mời", "the meeting is before the date of the invitation"),
            )
            .with_hint(Msg::new("kiểm tra lại ngày trong `thoi_gian` và `ngay`", "check the dates in `thoi_gian` and `ngay`")),
        );
    } else if working_days(issue, meeting) < NOTICE_WORKING_DAYS {
        let n = working_days(issue, meeting);
        diags.push(
            Diagnostic::warning(
                Kind::BadDate,
                file,
                at,
                Msg::new(
                    format!("giấy mời ban hành chỉ {n} ngày làm việc trước cuộc họp; giấy mời phải đến người được mời chậm nhất 03 ngày làm việc trước cuộc họp"),
                    format!("the invitation is dated only {n} working day(s) before the meeting; it must reach the invitees at least 3 working days ahead"),
                ),
            )
            .with_hint(Msg::new(
                "ban hành giấy mời sớm hơn, hoặc dời ngày họp (QĐ 45/2018/QĐ-TTg)",
                "issue the invitation earlier, or move the meeting (QĐ 45/2018/QĐ-TTg)",
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_meeting_day_the_calendar_lacks_is_an_error() {
        use crate::model::{At, IssueDate};
        let issued: IssueDate = serde_json::from_str(r#"{"nam": 2026}"#).expect("an issue date");
        for (text, wrong) in [("08 giờ, thứ Hai, ngày 31 tháng 11 năm 2026", true), ("08 giờ, ngày 29/02/2026", true), ("08 giờ, thứ Hai, ngày 30 tháng 11 năm 2026", false), ("Số máy 0912.345.6789", false)] {
            let mut diags = Vec::new();
            let at = At { value: text.to_owned(), referenced: serde_saphyr::Location::UNKNOWN, defined: serde_saphyr::Location::UNKNOWN };
            super::lint_meeting_time(std::path::Path::new("gm.yaml"), &at, &issued, &mut diags);
            assert_eq!(diags.iter().any(|d| d.is_error() && d.message.vi.starts_with("không có ngày")), wrong, "{text}: {diags:?}");
        }
    }

    use super::*;

    #[test]
    fn dates_are_found_in_both_notations() {
        assert_eq!(date_in("07 giờ 30 phút, thứ Hai, ngày 15/7/2024"), date(15, 7, 2024));
        assert_eq!(date_in("14 giờ 00 phút ngày 05 tháng 8 năm 2024 (thứ Hai)"), date(5, 8, 2024));
        assert_eq!(date_in("01 buổi, bắt đầu từ 7 giờ 30, ngày 15-7-2024."), date(15, 7, 2024));
        assert_eq!(date_in("08 giờ 00 phút, thứ Hai tuần sau"), None);
        assert_eq!(date_in("ngày 31/2/2024"), None);
    }

    #[test]
    fn working_days_skip_the_weekend() {
        // Thursday 11/7/2024 → Monday 15/7: Thursday and Friday only.
        assert_eq!(working_days(date(11, 7, 2024).unwrap(), date(15, 7, 2024).unwrap()), 2);
        // Wednesday 10/7 → Monday 15/7: three.
        assert_eq!(working_days(date(10, 7, 2024).unwrap(), date(15, 7, 2024).unwrap()), 3);
    }
}
