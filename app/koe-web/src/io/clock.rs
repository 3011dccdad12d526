//! The browser's clock, in one place: the default report period and the months offered
//! depend on today.

use chrono::NaiveDate;

/// Today in the browser's calendar, for the default period and the months offered.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or_default()
}
