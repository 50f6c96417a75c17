//! 法定节假日推算: the statutory public holidays of a year whose State Council schedule
//! (国务院办公厅关于部分节假日安排的通知) is not entered yet, under the national rules as
//! revised in 2024 (全国年节及纪念日放假办法, in force from 2025):
//!
//! | holiday | days off |
//! | --- | --- |
//! | 元旦 | 1 January |
//! | 春节 | New Year's Eve (除夕) to the third day of the lunar year |
//! | 清明节 | the day of the 清明 solar term |
//! | 劳动节 | 1–2 May |
//! | 端午节 | the fifth day of the fifth lunar month |
//! | 中秋节 | the fifteenth day of the eighth lunar month |
//! | 国庆节 | 1–3 October |
//!
//! When a holiday falls on a Saturday or a Sunday (or on another holiday's day), the rules
//! give the day off on a working day instead (补休): it is placed on the next Monday–Friday
//! after it that is not already off, and marked as a guess. The schedule the State Council
//! publishes also moves weekend working days (调休) to make longer breaks; those cannot be
//! derived from the rules and are not guessed.
//!
//! Lunar dates and solar terms come from tyme4rs (a maintained calendar library), not from
//! tables of our own.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use tyme4rs::tyme::lunar::LunarDay;
use tyme4rs::tyme::solar::{SolarDay, SolarTerm};

/// The first year the 2024 rules apply to.
pub const RULES_FROM: i32 = 2025;

/// One estimated day off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EstimatedDayOff {
    pub date: NaiveDate,
    /// The holiday, as the State Council's notices name it (春节, 国庆节…).
    pub name: &'static str,
    /// A day off in place of a holiday that fell on a weekend (补休): where the schedule will
    /// put it is a guess.
    pub make_up: bool,
}

fn solar(day: SolarDay) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::try_from(day.get_year()).ok()?,
        u32::try_from(day.get_month()).ok()?,
        u32::try_from(day.get_day()).ok()?,
    )
}

fn lunar(year: i32, month: isize, day: usize) -> Option<NaiveDate> {
    LunarDay::new(isize::try_from(year).ok()?, month, day)
        .ok()
        .and_then(|d| solar(d.get_solar_day()))
}

/// The statutory holidays of `year` as (date, holiday) pairs, one per day of entitlement, in
/// date order. A date may appear twice when two holidays fall on it (中秋 on 1 October).
pub fn statutory_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = Vec::new();
    let ymd = |m, d| NaiveDate::from_ymd_opt(year, m, d);
    days.extend(ymd(1, 1).map(|d| (d, "元旦")));
    // 春节: 除夕 is the day before the first of the first lunar month.
    if let Some(new_year) = lunar(year, 1, 1) {
        for offset in 0..4u64 {
            if let Some(d) = new_year
                .checked_sub_days(Days::new(1))
                .and_then(|eve| eve.checked_add_days(Days::new(offset)))
            {
                days.push((d, "春节"));
            }
        }
    }
    if let Ok(y) = isize::try_from(year) {
        // tyme4rs counts a solar-term year from the 冬至 before it, so 清明 of `year` is in
        // the term year `year`.
        if let Some(d) = SolarTerm::new(y, "清明")
            .ok()
            .and_then(|t| solar(t.get_solar_day()))
        {
            days.push((d, "清明节"));
        }
    }
    days.extend(
        [ymd(5, 1), ymd(5, 2)]
            .into_iter()
            .flatten()
            .map(|d| (d, "劳动节")),
    );
    days.extend(lunar(year, 5, 5).map(|d| (d, "端午节")));
    days.extend(lunar(year, 8, 15).map(|d| (d, "中秋节")));
    days.extend(
        [ymd(10, 1), ymd(10, 2), ymd(10, 3)]
            .into_iter()
            .flatten()
            .map(|d| (d, "国庆节")),
    );
    days.sort();
    days
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The days off of `year` under the rules, with the make-up days (补休) for holidays that
/// fell on a weekend or on another holiday; empty before [`RULES_FROM`]. A make-up day may
/// fall in January of the next year (a holiday on 31 December never does: there is none).
pub fn estimated_days_off(year: i32) -> Vec<EstimatedDayOff> {
    if year < RULES_FROM {
        return Vec::new();
    }
    let entitlements = statutory_days(year);
    let mut off: Vec<EstimatedDayOff> = Vec::new();
    let mut owed: Vec<(NaiveDate, &'static str)> = Vec::new();
    for (date, name) in &entitlements {
        let taken = off.iter().any(|o| o.date == *date);
        if !taken {
            off.push(EstimatedDayOff {
                date: *date,
                name,
                make_up: false,
            });
        }
        if taken || is_weekend(*date) {
            owed.push((*date, name));
        }
    }
    for (from, name) in owed {
        let mut d = from;
        while let Some(next) = d.succ_opt() {
            d = next;
            if !is_weekend(d) && !off.iter().any(|o| o.date == d) {
                off.push(EstimatedDayOff {
                    date: d,
                    name,
                    make_up: true,
                });
                break;
            }
        }
    }
    off.sort_by_key(|o| o.date);
    off
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn dates_of(year: i32, name: &str) -> Vec<NaiveDate> {
        statutory_days(year)
            .into_iter()
            .filter(|(_, n)| *n == name)
            .map(|(date, _)| date)
            .collect()
    }

    /// Dates published by the State Council and in almanacs, for years tyme4rs computes:
    /// lunar New Year, 清明, 端午 and 中秋 of 2025–2030.
    #[test]
    fn lunar_holidays_and_qingming_fall_on_their_known_dates() {
        let known = [
            // (year, 春节 = lunar new year, 清明, 端午, 中秋)
            (
                2025,
                d(2025, 1, 29),
                d(2025, 4, 4),
                d(2025, 5, 31),
                d(2025, 10, 6),
            ),
            (
                2026,
                d(2026, 2, 17),
                d(2026, 4, 5),
                d(2026, 6, 19),
                d(2026, 9, 25),
            ),
            (
                2027,
                d(2027, 2, 6),
                d(2027, 4, 5),
                d(2027, 6, 9),
                d(2027, 9, 15),
            ),
            (
                2028,
                d(2028, 1, 26),
                d(2028, 4, 4),
                d(2028, 5, 28),
                d(2028, 10, 3),
            ),
            (
                2029,
                d(2029, 2, 13),
                d(2029, 4, 4),
                d(2029, 6, 16),
                d(2029, 9, 22),
            ),
            (
                2030,
                d(2030, 2, 3),
                d(2030, 4, 5),
                d(2030, 6, 5),
                d(2030, 9, 12),
            ),
        ];
        for (year, new_year, qingming, duanwu, zhongqiu) in known {
            let eve = new_year.pred_opt().unwrap();
            let spring: Vec<NaiveDate> = eve.iter_days().take(4).collect();
            assert_eq!(dates_of(year, "春节"), spring, "{year} 春节");
            assert_eq!(dates_of(year, "清明节"), [qingming], "{year} 清明");
            assert_eq!(dates_of(year, "端午节"), [duanwu], "{year} 端午");
            assert_eq!(dates_of(year, "中秋节"), [zhongqiu], "{year} 中秋");
            assert_eq!(dates_of(year, "元旦"), [d(year, 1, 1)]);
            assert_eq!(dates_of(year, "劳动节"), [d(year, 5, 1), d(year, 5, 2)]);
            assert_eq!(
                dates_of(year, "国庆节"),
                [d(year, 10, 1), d(year, 10, 2), d(year, 10, 3)]
            );
            // 13 days of entitlement a year under the 2024 rules.
            assert_eq!(statutory_days(year).len(), 13, "{year}");
        }
    }

    #[test]
    fn weekend_holidays_get_a_make_up_day_on_the_next_free_weekday() {
        // 2027: 元旦 is a Friday (no make-up); 春节 runs Fri 5 – Mon 8 Feb, so Sat 6 and
        // Sun 7 are made up on Tue 9 and Wed 10; 国庆 is Fri 1 – Sun 3 Oct: Mon 4, Tue 5.
        let off = estimated_days_off(2027);
        let make_up: Vec<(NaiveDate, &str)> = off
            .iter()
            .filter(|o| o.make_up)
            .map(|o| (o.date, o.name))
            .collect();
        assert!(make_up.contains(&(d(2027, 2, 9), "春节")), "{make_up:?}");
        assert!(make_up.contains(&(d(2027, 2, 10), "春节")), "{make_up:?}");
        assert!(make_up.contains(&(d(2027, 10, 4), "国庆节")), "{make_up:?}");
        assert!(make_up.contains(&(d(2027, 10, 5), "国庆节")), "{make_up:?}");
        assert!(off.iter().any(|o| o.date == d(2027, 1, 1) && !o.make_up));
        // Every make-up day is a weekday, after the day it replaces, and never twice.
        for o in off.iter().filter(|o| o.make_up) {
            assert!(!is_weekend(o.date), "{o:?}");
        }
        let mut dates: Vec<NaiveDate> = off.iter().map(|o| o.date).collect();
        dates.dedup();
        assert_eq!(dates.len(), off.len());

        // 2028: 国庆 begins on a Sunday, and 中秋 (3 Oct) falls on 国庆: two days made up
        // after the holiday, on Wednesday 4 and Thursday 5 October.
        let off = estimated_days_off(2028);
        let october: Vec<NaiveDate> = off
            .iter()
            .filter(|o| o.make_up && o.date.month() == 10)
            .map(|o| o.date)
            .collect();
        assert_eq!(october, [d(2028, 10, 4), d(2028, 10, 5)], "{off:?}");
        // Before the 2024 rules, nothing is guessed.
        assert!(estimated_days_off(2024).is_empty());
    }

    /// Where a published schedule exists (tyme4rs carries them to 2026), every statutory day
    /// off that falls on a weekday is a day off in it.
    #[test]
    fn the_rules_agree_with_the_published_schedules_of_2025_and_2026() {
        use tyme4rs::tyme::holiday::LegalHoliday;
        for year in [2025, 2026] {
            for (date, name) in statutory_days(year) {
                if is_weekend(date) {
                    continue;
                }
                let published = LegalHoliday::from_ymd(
                    date.year() as isize,
                    date.month() as usize,
                    date.day() as usize,
                );
                assert!(
                    published.is_some_and(|h| !h.is_work()),
                    "{date} ({name}) is not a day off in the published {year} schedule"
                );
            }
        }
    }
}
