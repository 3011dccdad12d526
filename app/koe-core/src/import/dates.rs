//! Reading the dates that spreadsheets and social-media tools write.
//!
//! Dates without an offset are taken as local time; dates with an offset are moved to
//! Japan time (+09:00), where Koe's users work.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};

/// Japan Standard Time, the default local time.
const JST_MINUTES: i32 = 9 * 60;

const DATE_TIME_FORMATS: [&str; 8] = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
];

const DATE_FORMATS: [&str; 4] = ["%Y-%m-%d", "%Y/%m/%d", "%Y年%m月%d日", "%Y.%m.%d"];

/// How a cell holding a plain number is read as a date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NumberDates {
    /// Days since 1899-12-30, with Excel's fictitious 1900-02-29 (serial 60) refused.
    #[default]
    Excel1900,
    /// Days since 1904-01-01 (old Mac workbooks).
    Excel1904,
    /// Seconds since 1970-01-01 UTC.
    UnixSeconds,
    /// Milliseconds since 1970-01-01 UTC.
    UnixMillis,
}

impl NumberDates {
    /// Every kind, in the order of `Texts::date_numbers_names`.
    pub const ALL: [NumberDates; 4] =
        [NumberDates::Excel1900, NumberDates::Excel1904, NumberDates::UnixSeconds, NumberDates::UnixMillis];
}

/// How dates are read: what plain numbers mean, and which local time dates are kept in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateSettings {
    /// What a plain number in a date column is.
    pub numbers: NumberDates,
    /// The local time's offset from UTC in minutes (Japan: +540). Dates with an offset and
    /// Unix times are moved to it; dates without one are taken as already local.
    pub offset_minutes: i32,
}

impl Default for DateSettings {
    fn default() -> Self {
        DateSettings { numbers: NumberDates::default(), offset_minutes: JST_MINUTES }
    }
}

/// A Japanese era: its name, its one-letter abbreviation, and its first and last day.
struct Era {
    name: &'static str,
    letter: char,
    first: (i32, u32, u32),
    last: (i32, u32, u32),
}

const ERAS: [Era; 5] = [
    Era { name: "令和", letter: 'R', first: (2019, 5, 1), last: (9999, 12, 31) },
    Era { name: "平成", letter: 'H', first: (1989, 1, 8), last: (2019, 4, 30) },
    Era { name: "昭和", letter: 'S', first: (1926, 12, 25), last: (1989, 1, 7) },
    Era { name: "大正", letter: 'T', first: (1912, 7, 30), last: (1926, 12, 24) },
    Era { name: "明治", letter: 'M', first: (1868, 1, 25), last: (1912, 7, 29) },
];

/// Reads a date with the default settings (Japan time, Excel 1900 serials).
pub fn parse_local(text: &str) -> Option<NaiveDateTime> {
    parse_with(text, &DateSettings::default())
}

/// Reads a date or date-time; `None` when the text is not a date that exists (2024-02-30,
/// 平成31年5月1日).
pub fn parse_with(text: &str, settings: &DateSettings) -> Option<NaiveDateTime> {
    let text = to_half_width(text.trim());
    let text: &str = &text;
    if text.is_empty() {
        return None;
    }
    if let Some(date_time) = common_numeric(text) {
        return Some(date_time);
    }
    parse_slowly(text, settings)
}

/// The forms nearly every file uses (`2026/04/05 09:05`, `2026-04-05T09:05:00`, `2026/4/5`),
/// read by hand because trying each format in turn is most of an import's date time.
/// `None` sends the text to the full reader, which accepts everything this does.
fn common_numeric(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    let number = |from: usize, min: usize, max: usize| -> Option<(u32, usize)> {
        let digits =
            bytes[from.min(bytes.len())..].iter().take(max).take_while(|b| b.is_ascii_digit()).count();
        if digits < min {
            return None;
        }
        let value = bytes[from..from + digits].iter().fold(0, |v, b| v * 10 + u32::from(b - b'0'));
        Some((value, from + digits))
    };
    let (year, at) = number(0, 4, 4)?;
    let separator = *bytes.get(at)?;
    if separator != b'-' && separator != b'/' {
        return None;
    }
    let (month, at) = number(at + 1, 1, 2)?;
    (bytes.get(at) == Some(&separator)).then_some(())?;
    let (day, at) = number(at + 1, 1, 2)?;
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if at == bytes.len() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    let between = bytes[at];
    if !(between == b' ' || (between == b'T' && separator == b'-')) {
        return None;
    }
    let (hour, at) = number(at + 1, 1, 2)?;
    (bytes.get(at) == Some(&b':')).then_some(())?;
    let (minute, at) = number(at + 1, 2, 2)?;
    let (second, at) = match bytes.get(at) {
        None => (0, at),
        Some(b':') => number(at + 1, 2, 2)?,
        Some(_) => return None,
    };
    (at == bytes.len()).then_some(())?;
    date.and_hms_opt(hour, minute, second)
}

/// Every form Koe reads, tried in turn.
fn parse_slowly(text: &str, settings: &DateSettings) -> Option<NaiveDateTime> {
    let local = FixedOffset::east_opt(settings.offset_minutes * 60)?;
    if let Ok(with_offset) = DateTime::parse_from_rfc3339(text) {
        return Some(with_offset.with_timezone(&local).naive_local());
    }
    if let Some(number) = plain_number(text) {
        return from_number(number, settings.numbers, local);
    }
    if let Some(date_time) = japanese_era(text) {
        return Some(date_time);
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

/// Full-width digits and separators (２０２４／４／１) as their ASCII forms.
fn to_half_width(text: &str) -> Cow<'_, str> {
    // Nearly every date is ASCII already: no copy then (one allocation a row less on import).
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' | '／' | '－' | '：' | '．' | 'Ｒ' | 'Ｈ' | 'Ｓ' | 'Ｔ' | 'Ｍ' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '　' => ' ',
            _ => c,
        })
        .collect::<String>()
        .into()
}

fn plain_number(text: &str) -> Option<f64> {
    let digits_only = text.chars().all(|c| c.is_ascii_digit() || c == '.');
    if digits_only { text.parse::<f64>().ok() } else { None }
}

fn from_number(number: f64, kind: NumberDates, local: FixedOffset) -> Option<NaiveDateTime> {
    const SECONDS_PER_DAY: f64 = 86_400.0;
    match kind {
        NumberDates::Excel1900 | NumberDates::Excel1904 => {
            let (epoch, days) = match kind {
                // Excel counts 1900-02-29, which never was: serial 60 is refused, and
                // serials from 61 on are one day ahead of a plain count from 1899-12-31.
                NumberDates::Excel1900 if (60.0..61.0).contains(&number) => return None,
                NumberDates::Excel1900 if number < 60.0 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, number),
                NumberDates::Excel1900 => (NaiveDate::from_ymd_opt(1899, 12, 30)?, number),
                _ => (NaiveDate::from_ymd_opt(1904, 1, 1)?, number),
            };
            if !(1.0..=2_958_465.0).contains(&days) {
                return None;
            }
            let whole = days.trunc();
            let seconds = ((days - whole) * SECONDS_PER_DAY).round() as i64;
            let date = epoch.checked_add_signed(chrono::Duration::days(whole as i64))?;
            date.and_time(NaiveTime::MIN).checked_add_signed(chrono::Duration::seconds(seconds))
        }
        NumberDates::UnixSeconds | NumberDates::UnixMillis => {
            let millis = if kind == NumberDates::UnixSeconds { number * 1000.0 } else { number };
            let utc = DateTime::from_timestamp_millis(millis.round() as i64)?;
            Some(utc.with_timezone(&local).naive_local())
        }
    }
}

/// 令和6年4月1日, 令和元年5月1日, R6.4.1, H31/4/30, optionally followed by a time.
fn japanese_era(text: &str) -> Option<NaiveDateTime> {
    let (era, rest) = ERAS.iter().find_map(|era| {
        text.strip_prefix(era.name)
            .or_else(|| text.strip_prefix(era.letter))
            .or_else(|| text.strip_prefix(era.letter.to_ascii_lowercase()))
            .map(|rest| (era, rest))
    })?;
    let rest = rest.trim_start();
    let (year_text, rest) = match rest.strip_prefix('元') {
        Some(rest) => ("1", rest),
        None => {
            let end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
            rest.split_at(end)
        }
    };
    let era_year: i32 = year_text.parse().ok()?;
    let year = era.first.0 + era_year - 1;
    let rest = rest.strip_prefix(['年', '.', '/', '-'])?;
    let (date_part, time_part) = match rest.split_once(' ') {
        Some((date, time)) => (date, Some(time.trim())),
        None => (rest, None),
    };
    let numbers: Vec<u32> = date_part
        .split(['月', '日', '.', '/', '-'])
        .filter(|part| !part.is_empty())
        .map(|part| part.parse().ok())
        .collect::<Option<Vec<u32>>>()?;
    let [month, day] = numbers[..] else { return None };
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    let first = NaiveDate::from_ymd_opt(era.first.0, era.first.1, era.first.2)?;
    let last = NaiveDate::from_ymd_opt(era.last.0, era.last.1, era.last.2)?;
    if date < first || date > last {
        return None;
    }
    let time = match time_part {
        None => NaiveTime::MIN,
        Some(time) => NaiveTime::parse_from_str(time, "%H:%M:%S")
            .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
            .ok()?,
    };
    Some(date.and_time(time))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: Option<&str>) {
        let got = parse_local(input).map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string());
        assert_eq!(got.as_deref(), expected, "input {input:?}");
    }

    #[test]
    fn the_hand_reader_agrees_with_the_full_reader() {
        // Date-like texts built from right and wrong pieces in every position.
        let years = ["2026", "1999", "202", "20261"];
        let separators = ["-", "/", ".", ":"];
        let numbers = ["04", "4", "31", "2", "29", "00", "09", "9", "59", "60", "123", "", "x"];
        let betweens = ["", " ", "T", "  ", "t"];
        let settings = DateSettings::default();
        let mut seed = 11_u64;
        let mut pick = |choices: &[&'static str]| {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            choices[(seed >> 33) as usize % choices.len()]
        };
        let mut read_by_hand = 0;
        for _ in 0..30_000 {
            let mut text = String::from(pick(&years));
            let separator = pick(&separators);
            text.push_str(separator);
            text.push_str(pick(&numbers));
            text.push_str(if pick(&["same", "same", "other"]) == "same" {
                separator
            } else {
                pick(&separators)
            });
            text.push_str(pick(&numbers));
            let between = pick(&betweens);
            if !between.is_empty() {
                text.push_str(between);
                text.push_str(pick(&numbers));
                text.push_str(pick(&[":", ":", "."]));
                text.push_str(pick(&numbers));
                if pick(&["", "seconds"]) == "seconds" {
                    text.push(':');
                    text.push_str(pick(&numbers));
                }
            }
            if let Some(by_hand) = common_numeric(&text) {
                read_by_hand += 1;
                assert_eq!(Some(by_hand), parse_slowly(&text, &settings), "text {text:?}");
            }
        }
        assert!(read_by_hand > 100, "the generator reaches the hand reader ({read_by_hand})");
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
    fn reads_japanese_eras() {
        check("令和6年4月1日", Some("2024-04-01 00:00:00"));
        check("令和元年5月1日", Some("2019-05-01 00:00:00"));
        check("R6.4.1", Some("2024-04-01 00:00:00"));
        check("H31.4.30", Some("2019-04-30 00:00:00"));
        check("平成31年4月30日 9:05", Some("2019-04-30 09:05:00"));
        check("昭和64年1月7日", Some("1989-01-07 00:00:00"));
        check("Ｒ６．４．１", Some("2024-04-01 00:00:00"));
        // Days outside their era never were.
        check("平成31年5月1日", None);
        check("令和元年4月30日", None);
        check("昭和64年1月8日", None);
    }

    #[test]
    fn reads_full_width_digits() {
        check("２０２４／４／１", Some("2024-04-01 00:00:00"));
        check("２０２４年４月１日", Some("2024-04-01 00:00:00"));
    }

    #[test]
    fn reads_excel_serials_with_the_1900_leap_year_bug() {
        check("1", Some("1900-01-01 00:00:00"));
        check("59", Some("1900-02-28 00:00:00"));
        check("60", None);
        check("61", Some("1900-03-01 00:00:00"));
        check("45383", Some("2024-04-01 00:00:00"));
        check("45383.5", Some("2024-04-01 12:00:00"));
        let mac = DateSettings { numbers: NumberDates::Excel1904, ..DateSettings::default() };
        let got = parse_with("43921", &mac).map(|d| d.to_string());
        assert_eq!(got.as_deref(), Some("2024-04-01 00:00:00"));
    }

    #[test]
    fn reads_unix_times_in_local_time_when_asked() {
        let seconds = DateSettings { numbers: NumberDates::UnixSeconds, ..DateSettings::default() };
        let millis = DateSettings { numbers: NumberDates::UnixMillis, ..DateSettings::default() };
        let utc = DateSettings { offset_minutes: 0, ..seconds };
        let read = |text: &str, settings: &DateSettings| parse_with(text, settings).map(|d| d.to_string());
        assert_eq!(read("1711897200", &seconds).as_deref(), Some("2024-04-01 00:00:00"));
        assert_eq!(read("1711897200000", &millis).as_deref(), Some("2024-04-01 00:00:00"));
        assert_eq!(read("1711897200", &utc).as_deref(), Some("2024-03-31 15:00:00"));
    }

    #[test]
    fn rejects_dates_that_do_not_exist_or_are_not_dates() {
        check("2024-02-30", None);
        check("2023/2/29", None);
        check("昨日", None);
        check("", None);
        check("3000000", None);
        check("2024-04", None);
    }
}
