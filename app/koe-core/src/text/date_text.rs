//! Dates as the app writes them (`2026-10-05`, `2026/10`, `October 2026`): a few fixed shapes
//! written from the date's numbers. chrono's `format` parses its pattern on every call and
//! brings its whole formatting machinery into the page's download, for shapes this small.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Year, month and day with `separator`: `2026-10-05`, `2026/10/05`.
pub fn ymd(date: NaiveDate, separator: char) -> String {
    format!("{:04}{separator}{:02}{separator}{:02}", date.year(), date.month(), date.day())
}

/// Year and month with `separator`: `2026-10`, `2026/10`.
pub fn ym(date: NaiveDate, separator: char) -> String {
    format!("{:04}{separator}{:02}", date.year(), date.month())
}

/// Date and time to the minute: `2026-10-05 14:03`.
pub fn ymd_hm(at: NaiveDateTime) -> String {
    format!("{} {:02}:{:02}", ymd(at.date(), '-'), at.hour(), at.minute())
}

/// The month in English and the year: `October 2026`, or `Oct 2026` when `short`.
pub fn month_year_en(date: NaiveDate, short: bool) -> String {
    let name = MONTHS[date.month0() as usize];
    let name = if short { &name[..3] } else { name };
    format!("{name} {:04}", date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape equals chrono's own formatting, over days of many years.
    #[test]
    fn the_shapes_are_chronos_formats() {
        let mut date = NaiveDate::from_ymd_opt(1, 1, 1).expect("a date");
        let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a date");
        let mut checked = 0;
        while date <= last {
            let at = date.and_hms_opt((checked % 24) as u32, (checked % 60) as u32, 7).expect("a time");
            assert_eq!(ymd(date, '-'), date.format("%Y-%m-%d").to_string());
            assert_eq!(ymd(date, '/'), date.format("%Y/%m/%d").to_string());
            assert_eq!(ym(date, '-'), date.format("%Y-%m").to_string());
            assert_eq!(ym(date, '/'), date.format("%Y/%m").to_string());
            assert_eq!(ymd_hm(at), at.format("%Y-%m-%d %H:%M").to_string());
            assert_eq!(month_year_en(date, false), date.format("%B %Y").to_string());
            assert_eq!(month_year_en(date, true), date.format("%b %Y").to_string());
            checked += 1;
            date = date + chrono::Days::new(97);
        }
        assert!(checked > 37_000, "{checked} dates");
    }
}
