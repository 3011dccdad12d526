//! Time buckets of a trend chart, chosen from the period's length: days for a month or less,
//! weeks up to half a year, months beyond.

use chrono::{Datelike, Months, NaiveDate};

use crate::report::period::Period;

/// The width of one bucket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BucketSize {
    /// One day.
    Day,
    /// Seven days, counted from the period's first day.
    Week,
    /// A calendar month.
    Month,
}

impl BucketSize {
    /// The bucket size that gives a readable number of bars for this period.
    pub fn for_period(period: &Period) -> BucketSize {
        match period.days() {
            ..=31 => BucketSize::Day,
            32..=183 => BucketSize::Week,
            _ => BucketSize::Month,
        }
    }
}

/// The buckets that cover a period, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Buckets {
    size: BucketSize,
    starts: Vec<NaiveDate>,
    /// The first day after the last bucket, worked out once (every comment is placed).
    end: Option<NaiveDate>,
}

impl Buckets {
    /// The buckets of `period`.
    pub fn of(period: &Period) -> Buckets {
        let size = BucketSize::for_period(period);
        let mut starts = Vec::new();
        let mut day = match size {
            BucketSize::Month => period.start.with_day(1).unwrap_or(period.start),
            _ => period.start,
        };
        while day <= period.end {
            starts.push(day);
            let next = match size {
                BucketSize::Day => day.succ_opt(),
                BucketSize::Week => day.checked_add_days(chrono::Days::new(7)),
                BucketSize::Month => day.checked_add_months(Months::new(1)),
            };
            match next {
                Some(next) => day = next,
                None => break,
            }
        }
        let end = starts.last().and_then(|last| match size {
            BucketSize::Day => last.succ_opt(),
            BucketSize::Week => last.checked_add_days(chrono::Days::new(7)),
            BucketSize::Month => last.checked_add_months(Months::new(1)),
        });
        Buckets { size, starts, end }
    }

    /// The bucket size.
    pub fn size(&self) -> BucketSize {
        self.size
    }

    /// How many buckets.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// Whether there are none (a period always has at least one).
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The bucket a day falls in, if inside the buckets.
    pub fn index_of(&self, day: NaiveDate) -> Option<usize> {
        if self.end.is_some_and(|end| day >= end) {
            return None;
        }
        self.starts.partition_point(|start| *start <= day).checked_sub(1)
    }

    /// Labels along the axis: `04/01` for days and weeks (the week's first day), `2024-04` for months.
    pub fn labels(&self) -> Vec<String> {
        let format = match self.size {
            BucketSize::Day => "%m/%d",
            BucketSize::Week => "%m/%d〜",
            BucketSize::Month => "%Y-%m",
        };
        self.starts.iter().map(|d| d.format(format).to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("a day")
    }

    #[test]
    fn a_month_is_counted_by_day_a_quarter_by_week_a_year_by_month() {
        let april = Period::month(2024, 4).expect("April");
        let buckets = Buckets::of(&april);
        assert_eq!((buckets.size(), buckets.len()), (BucketSize::Day, 30));
        assert_eq!(buckets.index_of(day(2024, 4, 30)), Some(29));
        assert_eq!(buckets.index_of(day(2024, 5, 1)), None);
        assert_eq!(buckets.index_of(day(2024, 3, 31)), None);

        let q1 = Period::fiscal_quarter(2024, 1, 4).expect("Q1");
        let weeks = Buckets::of(&q1);
        assert_eq!((weeks.size(), weeks.len()), (BucketSize::Week, 13), "91 days: 13 weeks");
        assert_eq!(weeks.labels()[1], "04/08〜");
        assert_eq!(weeks.index_of(day(2024, 6, 30)), Some(12));

        let year = Period::custom(day(2024, 1, 15), day(2024, 12, 31));
        let months = Buckets::of(&year);
        assert_eq!((months.size(), months.len()), (BucketSize::Month, 12));
        assert_eq!(months.labels()[0], "2024-01");
        assert_eq!(months.index_of(day(2024, 1, 20)), Some(0));
        assert_eq!(months.index_of(day(2025, 1, 1)), None);
    }
}
