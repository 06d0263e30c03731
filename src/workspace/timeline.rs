//! Documents and claims over publication date, in days, weeks or months as the span of
//! the corpus asks.

use chrono::{Datelike, Duration, NaiveDate};

use super::Workspace;

/// Spans up to this many days are counted by day.
const DAYS_BY_DAY: i64 = 62;
/// Spans up to this many days are counted by week.
const DAYS_BY_WEEK: i64 = 730;
/// Spans up to this many days are counted by month (longer ones by year).
const DAYS_BY_MONTH: i64 = 20 * 366;
/// Publication years outside these are no publication dates (a scraped `0001-01-01`):
/// such documents count as undated.
const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

/// How long each bar of the timeline is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// One day.
    Day,
    /// A week from Monday.
    Week,
    /// A calendar month.
    Month,
    /// A calendar year.
    Year,
}

impl Step {
    /// How the step is named under the chart.
    pub fn label(self) -> &'static str {
        match self {
            Step::Day => "day",
            Step::Week => "week",
            Step::Month => "month",
            Step::Year => "year",
        }
    }
}

/// One bar: a period and what was published in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bucket {
    /// First day of the period.
    pub first: NaiveDate,
    /// Last day of the period.
    pub last: NaiveDate,
    /// Documents published in it.
    pub documents: usize,
    /// Claims of those documents.
    pub claims: usize,
}

/// The timeline of a workspace.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    /// Consecutive periods from the first date to the last, empty ones included.
    pub buckets: Vec<Bucket>,
    /// How long each period is (`None` when nothing is dated).
    pub step: Option<Step>,
    /// Documents without a date that can be read.
    pub undated_documents: usize,
    /// Claims of those documents.
    pub undated_claims: usize,
}

/// The publication date of a document's `published` field: its `YYYY-MM-DD` start.
pub fn date_of(published: Option<&str>) -> Option<NaiveDate> {
    let s = published?.trim();
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d")
        .ok()
        .filter(|d| PLAUSIBLE_YEARS.contains(&d.year()))
}

fn period_start(step: Step, d: NaiveDate) -> NaiveDate {
    match step {
        Step::Day => d,
        Step::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
        Step::Month => d.with_day(1).unwrap_or(d),
        Step::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
    }
}

fn next_period(step: Step, d: NaiveDate) -> Option<NaiveDate> {
    match step {
        Step::Day => d.succ_opt(),
        Step::Week => d.checked_add_signed(Duration::days(7)),
        Step::Month => {
            let (y, m) = if d.month() == 12 {
                (d.year() + 1, 1)
            } else {
                (d.year(), d.month() + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)
        }
        Step::Year => NaiveDate::from_ymd_opt(d.year() + 1, 1, 1),
    }
}

impl Timeline {
    /// Counts every document and claim of the workspace by publication date.
    pub fn build(ws: &Workspace) -> Self {
        let documents = &ws.corpus().documents;
        let dates: Vec<Option<NaiveDate>> = documents
            .iter()
            .map(|d| date_of(d.meta.published.as_deref()))
            .collect();
        let mut claims_of = vec![0usize; documents.len()];
        for row in ws.rows() {
            claims_of[row.document] += 1;
        }
        let mut timeline = Timeline::default();
        for (d, date) in dates.iter().enumerate() {
            if date.is_none() {
                timeline.undated_documents += 1;
                timeline.undated_claims += claims_of[d];
            }
        }
        let (Some(first), Some(last)) =
            (dates.iter().flatten().min(), dates.iter().flatten().max())
        else {
            return timeline;
        };
        let span = (*last - *first).num_days();
        let step = if span <= DAYS_BY_DAY {
            Step::Day
        } else if span <= DAYS_BY_WEEK {
            Step::Week
        } else if span <= DAYS_BY_MONTH {
            Step::Month
        } else {
            Step::Year
        };
        timeline.step = Some(step);
        let mut start = period_start(step, *first);
        while start <= *last {
            let Some(next) = next_period(step, start) else {
                break;
            };
            timeline.buckets.push(Bucket {
                first: start,
                last: next.pred_opt().unwrap_or(next),
                documents: 0,
                claims: 0,
            });
            start = next;
        }
        for (d, date) in dates.iter().enumerate() {
            let Some(date) = date else { continue };
            let k = timeline.buckets.partition_point(|b| b.last < *date);
            if let Some(b) = timeline.buckets.get_mut(k) {
                b.documents += 1;
                b.claims += claims_of[d];
            }
        }
        timeline
    }

    /// The most claims of any bar, for scaling.
    pub fn most_claims(&self) -> usize {
        self.buckets.iter().map(|b| b.claims).max().unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_from_their_start_and_bad_ones_are_none() {
        let d = |s| date_of(Some(s));
        assert_eq!(d("2019-07-10"), NaiveDate::from_ymd_opt(2019, 7, 10));
        assert_eq!(
            d("2019-07-10T22:07:00Z"),
            NaiveDate::from_ymd_opt(2019, 7, 10)
        );
        assert_eq!(d("10 July 2019"), None);
        assert_eq!(d("2019-13-40"), None);
        assert_eq!(d("2019-07-1"), None);
        assert_eq!(d("2019-07-1é"), None);
        assert_eq!(d("0001-01-01T00:00:00"), None, "no publication date");
        assert_eq!(date_of(None), None);
    }

    #[test]
    fn months_follow_each_other_over_the_new_year() {
        let dec = NaiveDate::from_ymd_opt(2024, 12, 5).expect("date");
        let start = period_start(Step::Month, dec);
        assert_eq!(start, NaiveDate::from_ymd_opt(2024, 12, 1).expect("date"));
        assert_eq!(
            next_period(Step::Month, start),
            NaiveDate::from_ymd_opt(2025, 1, 1)
        );
        let wednesday = NaiveDate::from_ymd_opt(2026, 12, 2).expect("date");
        assert_eq!(
            period_start(Step::Week, wednesday).weekday(),
            chrono::Weekday::Mon
        );
    }
}
