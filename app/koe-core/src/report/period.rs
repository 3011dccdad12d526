//! Report periods: a month, a fiscal quarter, a week or a custom range, and the periods they are
//! compared with (the one before, and the same one a year earlier).

use chrono::{Datelike, Duration, Months, NaiveDate, NaiveDateTime};

use crate::text::date_text::{month_year_en, ym, ymd};
use crate::text::lang::Lang;

/// The calendar months (year, month) in which at least one comment was made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MonthsWithComments(std::collections::BTreeSet<(i32, u32)>);

impl MonthsWithComments {
    /// The months of the comments' days (comments without a date have none).
    pub fn of(days: &crate::project::days::CommentDays) -> Self {
        MonthsWithComments(days.months())
    }
}

/// What kind of period a report covers; decides how "the previous period" is meant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodKind {
    /// A calendar month.
    Month,
    /// A quarter of the fiscal year (Q1 starts in the fiscal start month, April in Japan).
    Quarter {
        /// The month the fiscal year starts in (1–12).
        fiscal_start: u32,
    },
    /// A week, Monday to Sunday.
    Week,
    /// Any range of days.
    Custom,
}

/// A span of days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// What kind of period it is.
    pub kind: PeriodKind,
    /// First day.
    pub start: NaiveDate,
    /// Last day, included.
    pub end: NaiveDate,
}

impl Period {
    /// A calendar month; `None` for a month that does not exist.
    pub fn month(year: i32, month: u32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        let end = start.checked_add_months(Months::new(1))?.pred_opt()?;
        Some(Period { kind: PeriodKind::Month, start, end })
    }

    /// The last month that has fully ended on `today`: the report members usually write.
    pub fn last_complete_month(today: NaiveDate) -> Option<Period> {
        let previous = today.with_day(1)?.pred_opt()?;
        Period::month(previous.year(), previous.month())
    }

    /// The month a report opens on: the last complete month that has comments, else the latest
    /// month that has any, else the last complete month (a page of zeros is nobody's report).
    pub fn default_month(today: NaiveDate, with_comments: &MonthsWithComments) -> Option<Period> {
        let last_complete = Period::last_complete_month(today)?;
        let complete = (last_complete.start.year(), last_complete.start.month());
        let chosen =
            with_comments.0.range(..=complete).next_back().or_else(|| with_comments.0.iter().next_back());
        match chosen {
            Some(&(year, month)) => Period::month(year, month),
            None => Some(last_complete),
        }
    }

    /// The months a period menu offers, newest first: those that have comments, the current
    /// month, and `also` (the month shown now, whatever it is).
    pub fn months_offered(
        today: NaiveDate,
        with_comments: &MonthsWithComments,
        also: Option<Period>,
    ) -> Vec<Period> {
        let mut months = with_comments.0.clone();
        months.insert((today.year(), today.month()));
        if let Some(also) = also {
            months.insert((also.start.year(), also.start.month()));
        }
        months.into_iter().rev().filter_map(|(year, month)| Period::month(year, month)).collect()
    }

    /// Quarter `quarter` (1–4) of fiscal year `fiscal_year`, which starts in `fiscal_start`
    /// (4 = April: FY2024 Q1 is April–June 2024, Q4 is January–March 2025).
    pub fn fiscal_quarter(fiscal_year: i32, quarter: u32, fiscal_start: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let year_start = NaiveDate::from_ymd_opt(fiscal_year, fiscal_start, 1)?;
        let start = year_start.checked_add_months(Months::new(3 * (quarter - 1)))?;
        let end = start.checked_add_months(Months::new(3))?.pred_opt()?;
        Some(Period { kind: PeriodKind::Quarter { fiscal_start }, start, end })
    }

    /// The fiscal quarter a day falls in, as (fiscal year, quarter).
    pub fn fiscal_quarter_of(day: NaiveDate, fiscal_start: u32) -> (i32, u32) {
        let months_in = (day.month() + 12 - fiscal_start) % 12;
        let fiscal_year = if day.month() >= fiscal_start { day.year() } else { day.year() - 1 };
        (fiscal_year, months_in / 3 + 1)
    }

    /// The week (Monday to Sunday) containing `day`.
    pub fn week(day: NaiveDate) -> Period {
        let start = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
        Period { kind: PeriodKind::Week, start, end: start + Duration::days(6) }
    }

    /// Any range; the ends are put in order.
    pub fn custom(a: NaiveDate, b: NaiveDate) -> Period {
        Period { kind: PeriodKind::Custom, start: a.min(b), end: a.max(b) }
    }

    /// The period's key among the rewritten summaries: its first and last day
    /// (`2026-10-01..2026-10-31`), whatever kind of period it was chosen as.
    pub fn key(&self) -> String {
        format!("{}..{}", self.start, self.end)
    }

    /// Days in the period.
    pub fn days(&self) -> i64 {
        (self.end - self.start).num_days() + 1
    }

    /// Whether a moment falls in the period.
    pub fn contains(&self, moment: NaiveDateTime) -> bool {
        self.contains_day(moment.date())
    }

    /// Its first and last day, for [`crate::project::days::CommentDays::positions_in`].
    pub fn first_and_last(&self) -> (NaiveDate, NaiveDate) {
        (self.start, self.end)
    }

    /// Whether the period includes this day.
    pub fn contains_day(&self, day: NaiveDate) -> bool {
        (self.start..=self.end).contains(&day)
    }

    /// The period just before: the previous month, quarter or week, or as many days before.
    pub fn previous(&self) -> Period {
        match self.kind {
            PeriodKind::Month | PeriodKind::Quarter { .. } => {
                let months = if self.kind == PeriodKind::Month { 1 } else { 3 };
                let start = self.start.checked_sub_months(Months::new(months)).unwrap_or(self.start);
                Period { kind: self.kind, start, end: self.start.pred_opt().unwrap_or(self.start) }
            }
            PeriodKind::Week | PeriodKind::Custom => {
                let length = Duration::days(self.days());
                Period { kind: self.kind, start: self.start - length, end: self.end - length }
            }
        }
    }

    /// The same period a year earlier (for a week: 52 weeks earlier, so weekdays match).
    pub fn year_earlier(&self) -> Period {
        match self.kind {
            PeriodKind::Week => Period {
                kind: self.kind,
                start: self.start - Duration::weeks(52),
                end: self.end - Duration::weeks(52),
            },
            PeriodKind::Month | PeriodKind::Quarter { .. } => {
                let start = self.start.checked_sub_months(Months::new(12)).unwrap_or(self.start);
                let months = if self.kind == PeriodKind::Month { 1 } else { 3 };
                let end =
                    start.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt()).unwrap_or(start);
                Period { kind: self.kind, start, end }
            }
            PeriodKind::Custom => {
                let shift = |d: NaiveDate| d.checked_sub_months(Months::new(12)).unwrap_or(d);
                Period { kind: self.kind, start: shift(self.start), end: shift(self.end) }
            }
        }
    }

    /// The period in words, for titles.
    pub fn label(&self, lang: Lang) -> String {
        let (y, m) = (self.start.year(), self.start.month());
        match (self.kind, lang) {
            (PeriodKind::Month, Lang::Ja) => format!("{y}年{m}月"),
            (PeriodKind::Month, Lang::En) => month_year_en(self.start, false),
            (PeriodKind::Quarter { fiscal_start }, lang) => {
                let (fy, q) = Period::fiscal_quarter_of(self.start, fiscal_start);
                match lang {
                    Lang::Ja => {
                        format!("{fy}年度 第{q}四半期（{}〜{}）", ym(self.start, '/'), ym(self.end, '/'))
                    }
                    Lang::En => {
                        format!(
                            "FY{fy} Q{q} ({} – {})",
                            month_year_en(self.start, true),
                            month_year_en(self.end, true)
                        )
                    }
                }
            }
            (_, Lang::Ja) => format!("{}〜{}", ymd(self.start, '/'), ymd(self.end, '/')),
            (_, Lang::En) => format!("{} – {}", ymd(self.start, '-'), ymd(self.end, '-')),
        }
    }

    /// The part of export file names that says which period: `2024-04`, `FY2024-Q1`, `2024-W14`.
    pub fn file_stem(&self) -> String {
        match self.kind {
            PeriodKind::Month => ym(self.start, '-'),
            PeriodKind::Quarter { fiscal_start } => {
                let (fy, q) = Period::fiscal_quarter_of(self.start, fiscal_start);
                format!("FY{fy}-Q{q}")
            }
            PeriodKind::Week => {
                let week = self.start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            PeriodKind::Custom => {
                format!("{}_{}", ymd(self.start, '-'), ymd(self.end, '-'))
            }
        }
    }
}

/// A figure next to the same figure in another period.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Comparison {
    /// This period's value.
    pub current: f64,
    /// The other period's value.
    pub other: f64,
}

impl Comparison {
    /// This minus the other.
    pub fn difference(&self) -> f64 {
        self.current - self.other
    }

    /// The change in percent of the other; `None` when the other is zero.
    pub fn percent(&self) -> Option<f64> {
        (self.other != 0.0).then(|| (self.current - self.other) / self.other * 100.0)
    }

    /// The figures as a table shows them: this, other, difference, change. A share (0–1) reads
    /// in % with its difference in points and no % change.
    pub fn cells(&self, share: bool) -> [String; 4] {
        if share {
            let percent = |v: f64| format!("{:.1}%", v * 100.0);
            [
                percent(self.current),
                percent(self.other),
                format!("{:+.1}pt", self.difference() * 100.0),
                String::new(),
            ]
        } else {
            let change = self.percent().map_or("—".to_owned(), |p| format!("{p:+.1}%"));
            let count = |v: f64| crate::text::lang::grouped(v.round() as i64);
            [
                count(self.current),
                count(self.other),
                crate::text::lang::grouped_signed(self.difference().round() as i64),
                change,
            ]
        }
    }
}

/// How a report template meets periods: the kind a template saved now keeps, and the period
/// it opens when applied.
impl Period {
    /// The kind of period a template saved while this period is shown starts with (a custom
    /// range is kept as a month).
    pub fn template_kind(&self) -> crate::project::layout::TemplatePeriod {
        use crate::project::layout::TemplatePeriod;
        match self.kind {
            PeriodKind::Quarter { .. } => TemplatePeriod::Quarter,
            PeriodKind::Week => TemplatePeriod::Week,
            PeriodKind::Month | PeriodKind::Custom => TemplatePeriod::Month,
        }
    }

    /// The period a template of kind `kind` opens on when applied while this period is
    /// shown: the month, fiscal quarter or week that holds this period's first day; else the
    /// last complete month before `today`; else this period unchanged.
    pub fn for_template(
        &self,
        kind: crate::project::layout::TemplatePeriod,
        fiscal_start: u32,
        today: NaiveDate,
    ) -> Period {
        use crate::project::layout::TemplatePeriod;
        let start = self.start;
        let period = match kind {
            TemplatePeriod::Month => Period::month(start.year(), start.month()),
            TemplatePeriod::Quarter => {
                let (fiscal_year, quarter) = Period::fiscal_quarter_of(start, fiscal_start);
                Period::fiscal_quarter(fiscal_year, quarter, fiscal_start)
            }
            TemplatePeriod::Week => Some(Period::week(start)),
        };
        period.or_else(|| Period::last_complete_month(today)).unwrap_or(*self)
    }
}

#[cfg(test)]
mod tests {
    use crate::project::layout::TemplatePeriod;

    #[test]
    fn a_template_keeps_the_kind_of_period_and_opens_the_one_that_holds_the_shown_day() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a day");
        let today = day(2026, 12, 1);
        let october = Period::month(2026, 10).expect("October");
        assert_eq!(october.template_kind(), TemplatePeriod::Month);
        let quarter = october.for_template(TemplatePeriod::Quarter, 4, today);
        assert_eq!(quarter, Period::fiscal_quarter(2026, 3, 4).expect("Q3 of FY2026"));
        assert_eq!(quarter.template_kind(), TemplatePeriod::Quarter);
        assert_eq!(quarter.for_template(TemplatePeriod::Month, 4, today), october);
        let week = october.for_template(TemplatePeriod::Week, 4, today);
        assert_eq!((week.start, week.end), (day(2026, 9, 28), day(2026, 10, 4)), "the week of 1 October");
        assert_eq!(week.template_kind(), TemplatePeriod::Week);
        let custom = Period { kind: PeriodKind::Custom, start: day(2026, 7, 15), end: day(2026, 8, 3) };
        assert_eq!(custom.template_kind(), TemplatePeriod::Month);
        assert_eq!(
            custom.for_template(TemplatePeriod::Month, 4, today),
            Period::month(2026, 7).expect("July")
        );
    }

    use super::*;
    use chrono::Weekday;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn the_report_opens_on_the_last_complete_month_that_has_comments() {
        let months = |list: &[(i32, u32)]| MonthsWithComments(list.iter().copied().collect());
        let today = day(2026, 12, 1);
        let sample = months(&[(2026, 5), (2026, 6), (2026, 10)]);
        assert_eq!(Period::default_month(today, &sample), Period::month(2026, 10), "not the empty November");
        // Only the current, incomplete month has comments: that one.
        assert_eq!(Period::default_month(today, &months(&[(2026, 12)])), Period::month(2026, 12));
        assert_eq!(Period::default_month(today, &months(&[])), Period::month(2026, 11));
        assert_eq!(Period::default_month(today, &months(&[(2026, 11), (2026, 12)])), Period::month(2026, 11));
        let offered: Vec<String> = Period::months_offered(today, &sample, Period::month(2026, 8))
            .iter()
            .map(|p| p.start.format("%Y-%m").to_string())
            .collect();
        assert_eq!(offered, ["2026-12", "2026-10", "2026-08", "2026-06", "2026-05"]);
    }

    #[test]
    fn months_and_the_last_complete_month() {
        let feb = Period::month(2024, 2).expect("Feb");
        assert_eq!((feb.start, feb.end, feb.days()), (day(2024, 2, 1), day(2024, 2, 29), 29));
        assert_eq!(Period::last_complete_month(day(2024, 5, 15)), Period::month(2024, 4));
        assert_eq!(Period::last_complete_month(day(2025, 1, 1)), Period::month(2024, 12));
        assert_eq!(feb.previous(), Period::month(2024, 1).expect("Jan"));
        assert_eq!(Period::month(2024, 3).expect("Mar").previous(), feb);
        assert_eq!(feb.year_earlier(), Period::month(2023, 2).expect("Feb 2023"));
        assert_eq!(feb.file_stem(), "2024-02");
        assert_eq!(feb.label(Lang::Ja), "2024年2月");
        assert!(Period::month(2024, 13).is_none());
    }

    #[test]
    fn fiscal_quarters_start_in_april_by_default_and_can_start_elsewhere() {
        let q1 = Period::fiscal_quarter(2024, 1, 4).expect("Q1");
        assert_eq!((q1.start, q1.end), (day(2024, 4, 1), day(2024, 6, 30)));
        let q4 = Period::fiscal_quarter(2024, 4, 4).expect("Q4");
        assert_eq!((q4.start, q4.end), (day(2025, 1, 1), day(2025, 3, 31)));
        assert_eq!(Period::fiscal_quarter_of(day(2025, 2, 10), 4), (2024, 4));
        assert_eq!(Period::fiscal_quarter_of(day(2024, 4, 1), 4), (2024, 1));
        assert_eq!(q1.previous(), Period::fiscal_quarter(2023, 4, 4).expect("prev"));
        assert_eq!(q1.year_earlier(), Period::fiscal_quarter(2023, 1, 4).expect("year earlier"));
        assert_eq!(q4.file_stem(), "FY2024-Q4");
        assert_eq!(q1.label(Lang::Ja), "2024年度 第1四半期（2024/04〜2024/06）");
        let calendar = Period::fiscal_quarter(2024, 2, 1).expect("Apr–Jun");
        assert_eq!(calendar.start, day(2024, 4, 1));
        assert!(Period::fiscal_quarter(2024, 5, 4).is_none());
    }

    #[test]
    fn weeks_and_custom_ranges_compare_with_as_many_days_before() {
        let week = Period::week(day(2024, 4, 3));
        assert_eq!((week.start, week.end), (day(2024, 4, 1), day(2024, 4, 7)));
        assert_eq!(week.previous().start, day(2024, 3, 25));
        assert_eq!(week.year_earlier().start.weekday(), Weekday::Mon);
        assert_eq!(week.file_stem(), "2024-W14");
        let range = Period::custom(day(2024, 4, 15), day(2024, 4, 1));
        assert_eq!((range.start, range.days()), (day(2024, 4, 1), 15));
        assert_eq!((range.previous().start, range.previous().end), (day(2024, 3, 17), day(2024, 3, 31)));
        assert!(range.contains(day(2024, 4, 15).and_hms_opt(23, 59, 0).expect("time")));
        assert!(!range.contains(day(2024, 4, 16).and_hms_opt(0, 0, 0).expect("time")));
    }

    #[test]
    fn comparisons_give_difference_and_percent() {
        let up = Comparison { current: 120.0, other: 100.0 };
        assert_eq!((up.difference(), up.percent()), (20.0, Some(20.0)));
        assert_eq!(Comparison { current: 3.0, other: 0.0 }.percent(), None);
    }
}
