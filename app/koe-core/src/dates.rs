//! Reading the dates that spreadsheets and social-media tools write.
//!
//! Dates without an offset are taken as local time; dates with an offset are moved to
//! Japan time (+09:00), where Koe's users work.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};

/// Japan Standard Time, the local time dates with an offset are converted to.
const JST_SECONDS: i32 = 9 * 3600;

const DATE_TIME_FORMATS: [&str; 6] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];

const DATE_FORMATS: [&str; 4] = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"];

/// Reads a date or date-time; `None` when the text is not a date that exists (2024-02-30).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        let jst = FixedOffset::east_opt(JST_SECONDS)?;
        return Some(with_offset.with_timezone(&jst).naive_local());
    }
    for format in DATE_TIME_FORMATS {
        if let Ok(date_time) = NaiveDateTime::parse_from_str(text, format) {
            return Some(date_time);
        }
    }
    for format in DATE_FORMATS {
        if let Ok(date) = NaiveDate::parse_from_str(text, format) {
            return Some(date.and_time(NaiveTime::MIN));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_local(input).map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn reads_common_forms() {
        check("2024-04-01", Some("2024-04-01 00:00:00"));
        check("2024/4/1", Some("2024-04-01 00:00:00"));
        check("2024/4/1 9:05", Some("2024-04-01 09:05:00"));
        check("2024/04/01 09:05:30", Some("2024-04-01 09:05:30"));
        check("2024-04-01T09:05:00", Some("2024-04-01 09:05:00"));
        check("2024年4月1日", Some("2024-04-01 00:00:00"));
        check("  2024-04-01  ", Some("2024-04-01 00:00:00"));
    }

    #[test]
    fn moves_offsets_to_japan_time() {
        check("2024-03-31T16:00:00Z", Some("2024-04-01 01:00:00"));
        check("2024-04-01T09:00:00+09:00", Some("2024-04-01 09:00:00"));
    }

    #[test]
    fn rejects_dates_that_do_not_exist_or_are_not_dates() {
        check("2024-02-30", None);
        check("2023/2/29", None);
        check("昨日", None);
        check("", None);
        check("12345", None);
    }
}
