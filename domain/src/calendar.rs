//! Mainland China's official working-day calendar (工作日历).
//!
//! A date is a working day (工作日) if it is Monday–Friday and not inside an official
//! holiday period (法定节假日 / 放假), or if it is an adjusted working day (调休上班): a
//! Saturday or Sunday that the year's notice declares a working day to make a longer break.
//!
//! The built-in data (`calendar_cn.csv`) lists only these exceptions, transcribed from the
//! State Council General Office's yearly notices (国务院办公厅关于20XX年部分节假日安排的通知)
//! for 2018 through 2026. Later years are added by administrators with
//! [`Calendar::with_entries`] once the notice for that year is published (usually in
//! November of the year before).
//!
//! For a year from 2025 on whose notice is not in the data, the calendar still knows the
//! statutory holidays under the current rules, with a guessed make-up day for each one that
//! falls on a weekend ([`crate::statutory_holidays`]); other years follow the plain
//! Monday–Friday rule. [`Calendar::covers_year`] tells whether a year's official
//! arrangements are known, and [`Calendar::is_provisional`] whether a deadline counted over
//! some dates may still move when they are.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::ops::Bound::{Excluded, Included, Unbounded};
use std::sync::OnceLock;

/// The built-in official data: `date,kind,name`, exceptions only.
const BUILTIN_CSV: &str = include_str!("calendar_cn.csv");

/// What kind of day a date is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// 工作日: an ordinary Monday–Friday working day.
    Workday,
    /// 周末: an ordinary Saturday or Sunday.
    Weekend,
    /// 法定节假日 / 放假: a day off inside an official holiday period (weekend days included).
    Holiday,
    /// 调休上班: a Saturday or Sunday declared a working day.
    AdjustedWorkday,
}

impl DayKind {
    /// Whether people work on a day of this kind.
    pub fn is_workday(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::AdjustedWorkday)
    }
}

/// One exception to the plain Monday–Friday rule.
///
/// `is_workday == false`: a day off inside a holiday period (放假);
/// `is_workday == true`: a weekend day declared a working day (调休上班).
/// `name` is the holiday the arrangement belongs to, e.g. `春节` or `中秋节、国庆节`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarEntry {
    pub date: NaiveDate,
    pub is_workday: bool,
    pub name: String,
}

/// Why an entry contradicts itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    /// A Monday–Friday marked as an adjusted working day (调休上班 only moves weekend days).
    AdjustedWorkdayOnWeekday,
    /// No holiday name.
    EmptyName,
    /// The name contains a comma, a line break or another control character, which the
    /// CSV forms of the calendar cannot carry.
    InvalidName,
}

impl std::fmt::Display for EntryProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            EntryProblem::AdjustedWorkdayOnWeekday => {
                "is a Monday–Friday and cannot be an adjusted working day (调休上班 applies to Saturdays and Sundays only)"
            }
            EntryProblem::EmptyName => "has no holiday name",
            EntryProblem::InvalidName => "has a holiday name with a comma, line break or control character",
        })
    }
}

/// Errors reading calendar data. Line numbers count from 1 and include comment lines.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    #[error("line {line}: expected 3 comma-separated fields `date,kind,name`, found {found}")]
    FieldCount { line: usize, found: usize },
    #[error("line {line}: invalid date `{value}`, expected YYYY-MM-DD")]
    InvalidDate { line: usize, value: String },
    #[error("line {line}: invalid kind `{value}`, expected `holiday` or `workday`")]
    InvalidKind { line: usize, value: String },
    #[error("line {line}: invalid years line `{value}`, expected e.g. `# years: 2018-2026`")]
    InvalidYears { line: usize, value: String },
    #[error("line {line}: {date} is listed more than once")]
    DuplicateDate { line: usize, date: NaiveDate },
    #[error("line {line}: {date} {problem}")]
    InvalidLine {
        line: usize,
        date: NaiveDate,
        problem: EntryProblem,
    },
    #[error("calendar entry {date} {problem}")]
    InvalidEntry {
        date: NaiveDate,
        problem: EntryProblem,
    },
}

/// The working-day calendar: official exceptions plus the years they cover.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    /// date → (is_workday, name): official entries, and the estimates for years without.
    entries: BTreeMap<NaiveDate, (bool, String)>,
    covered: BTreeSet<i32>,
    /// The entries that are estimates (statutory holidays of a year not covered).
    estimated: BTreeSet<NaiveDate>,
}

/// The last year the statutory holidays are estimated for (deadlines run days, not decades).
#[cfg(not(target_arch = "wasm32"))]
const ESTIMATED_UNTIL: i32 = 2060;

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Checks an entry on its own; `None` if it is consistent.
fn entry_problem(date: NaiveDate, is_workday: bool, name: &str) -> Option<EntryProblem> {
    if is_workday && !is_weekend(date) {
        Some(EntryProblem::AdjustedWorkdayOnWeekday)
    } else if name.trim().is_empty() {
        Some(EntryProblem::EmptyName)
    } else if name.chars().any(|c| c == ',' || c.is_control()) {
        Some(EntryProblem::InvalidName)
    } else {
        None
    }
}

/// Monotone count of Monday–Friday dates up to and including `date`, from an arbitrary
/// origin: `weekday_index(b) - weekday_index(a)` is the number of weekdays in `(a, b]`.
fn weekday_index(date: NaiveDate) -> i64 {
    let day = i64::from(date.num_days_from_ce());
    let from_monday = i64::from(date.weekday().num_days_from_monday());
    let monday = day - from_monday;
    5 * monday.div_euclid(7) + (from_monday + 1).min(5)
}

/// Parses the value of a `# years:` line: `2018-2026`, `2027`, or a comma-separated list.
fn parse_years(value: &str) -> Option<Vec<i32>> {
    let mut years = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.split_once('-') {
            Some((a, b)) => {
                let a: i32 = a.trim().parse().ok()?;
                let b: i32 = b.trim().parse().ok()?;
                // A range longer than a few centuries is a typo, not a calendar.
                if a > b || b - a > 1000 {
                    return None;
                }
                years.extend(a..=b);
            }
            None => years.push(part.parse().ok()?),
        }
    }
    (!years.is_empty()).then_some(years)
}

fn first_of_year(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 1, 1)
}

fn last_of_year(year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, 12, 31)
}

impl Calendar {
    /// The official data for 2018–2026 built into the program (`calendar_cn.csv`).
    pub fn builtin() -> Calendar {
        Calendar::builtin_ref().clone()
    }

    /// The built-in calendar, parsed once and shared.
    pub fn builtin_ref() -> &'static Calendar {
        static BUILTIN: OnceLock<Calendar> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            Calendar::parse_csv(BUILTIN_CSV)
                .expect("calendar_cn.csv is valid (checked by the tests)")
                .with_statutory_estimates()
        })
    }

    /// The browser never counts working days: no estimates there (and no lunar calendar
    /// in the bundle).
    #[cfg(target_arch = "wasm32")]
    pub fn with_statutory_estimates(self) -> Calendar {
        self
    }

    /// Adds the statutory holidays (and guessed make-up days) of every year from
    /// [`crate::statutory_holidays::RULES_FROM`] that the data does not cover.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn with_statutory_estimates(mut self) -> Calendar {
        use crate::statutory_holidays::{RULES_FROM, estimated_days_off};
        for year in RULES_FROM..=ESTIMATED_UNTIL {
            if self.covered.contains(&year) {
                continue;
            }
            for day in estimated_days_off(year) {
                if self.covered.contains(&day.date.year()) || self.entries.contains_key(&day.date) {
                    continue;
                }
                // A make-up day's place is a guess, and its name says so.
                let name = if day.make_up {
                    format!("{}补休（推算）", day.name)
                } else {
                    day.name.to_string()
                };
                self.entries.insert(day.date, (false, name));
                self.estimated.insert(day.date);
            }
        }
        self
    }

    /// The year whose official schedule administrators should enter now, if any: the current
    /// year when it is missing, or from 1 November the next year (the State Council usually
    /// publishes it in November).
    pub fn missing_schedule(&self, today: NaiveDate) -> Option<i32> {
        let year = today.year();
        if !self.covers_year(year) {
            Some(year)
        } else if today.month() >= 11 && !self.covers_year(year + 1) {
            Some(year + 1)
        } else {
            None
        }
    }

    /// Whether `date`'s entry is an estimate (its year's schedule is not entered).
    pub fn is_estimated(&self, date: NaiveDate) -> bool {
        self.estimated.contains(&date)
    }

    /// Whether a deadline counted over the dates after `from` up to `to` may still move: some
    /// of them lie in a year whose official schedule is not entered (按法定节假日推算).
    pub fn is_provisional(&self, from: NaiveDate, to: NaiveDate) -> bool {
        let (a, b) = if from <= to { (from, to) } else { (to, from) };
        (a.year()..=b.year()).any(|y| !self.covers_year(y))
    }

    /// Parses `date,kind,name` lines (`kind` = `holiday` or `workday`).
    ///
    /// Blank lines and lines starting with `#` are skipped; an optional header line
    /// `date,kind,name` may come before the first entry. A comment line `# years: 2018-2026`
    /// (or `# years: 2027` or `# years: 2025, 2026`) declares which years the data covers;
    /// without one, every year with at least one entry counts as covered. A date listed
    /// twice is an error, and so is an entry that contradicts itself (a Monday–Friday
    /// marked `workday`, an empty name).
    ///
    /// # Errors
    /// A [`CalendarError`] naming the first offending line.
    pub fn parse_csv(text: &str) -> Result<Calendar, CalendarError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut cal = Calendar::default();
        let mut declared: Option<BTreeSet<i32>> = None;
        let mut seen_entry_or_header = false;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let trimmed = raw.trim();
            if trimmed.is_empty() {
                continue;
            }
            if let Some(comment) = trimmed.strip_prefix('#') {
                if let Some(value) = comment.trim().strip_prefix("years:") {
                    let years = parse_years(value).ok_or_else(|| CalendarError::InvalidYears {
                        line,
                        value: value.trim().to_string(),
                    })?;
                    declared.get_or_insert_with(BTreeSet::new).extend(years);
                }
                continue;
            }
            let fields: Vec<&str> = trimmed.split(',').map(str::trim).collect();
            if !seen_entry_or_header
                && fields
                    .first()
                    .is_some_and(|f| f.eq_ignore_ascii_case("date"))
            {
                seen_entry_or_header = true;
                continue;
            }
            seen_entry_or_header = true;
            let [date_text, kind, name] = fields[..] else {
                return Err(CalendarError::FieldCount {
                    line,
                    found: fields.len(),
                });
            };
            let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
                CalendarError::InvalidDate {
                    line,
                    value: date_text.to_string(),
                }
            })?;
            let is_workday = match kind.to_ascii_lowercase().as_str() {
                "holiday" => false,
                "workday" => true,
                _ => {
                    return Err(CalendarError::InvalidKind {
                        line,
                        value: kind.to_string(),
                    });
                }
            };
            if let Some(problem) = entry_problem(date, is_workday, name) {
                return Err(CalendarError::InvalidLine {
                    line,
                    date,
                    problem,
                });
            }
            if cal
                .entries
                .insert(date, (is_workday, name.to_string()))
                .is_some()
            {
                return Err(CalendarError::DuplicateDate { line, date });
            }
        }
        cal.covered = match declared {
            Some(years) => years,
            None => cal.entries.keys().map(|d| d.year()).collect(),
        };
        Ok(cal)
    }

    /// Adds entries (e.g. the ones administrators enter for years after the built-in data).
    /// An entry for a date already present replaces it, and so does a later entry for the
    /// same date in `entries`. Every year that receives an entry counts as covered from then
    /// on, so a year's notice should be entered whole.
    ///
    /// # Errors
    /// [`CalendarError::InvalidEntry`] for the first entry that contradicts itself; the
    /// calendar is then not returned at all.
    pub fn with_entries(
        mut self,
        entries: impl IntoIterator<Item = CalendarEntry>,
    ) -> Result<Calendar, CalendarError> {
        let entries: Vec<CalendarEntry> = entries.into_iter().collect();
        // A year entered replaces its estimates whole.
        let years: BTreeSet<i32> = entries.iter().map(|e| e.date.year()).collect();
        for year in years.iter().filter(|y| !self.covered.contains(y)) {
            let (Some(first), Some(last)) = (first_of_year(*year), last_of_year(*year)) else {
                continue;
            };
            let guessed: Vec<NaiveDate> = self.estimated.range(first..=last).copied().collect();
            for date in guessed {
                self.estimated.remove(&date);
                self.entries.remove(&date);
            }
        }
        for entry in entries {
            let name = entry.name.trim();
            if let Some(problem) = entry_problem(entry.date, entry.is_workday, name) {
                return Err(CalendarError::InvalidEntry {
                    date: entry.date,
                    problem,
                });
            }
            self.covered.insert(entry.date.year());
            self.estimated.remove(&entry.date);
            self.entries
                .insert(entry.date, (entry.is_workday, name.to_string()));
        }
        Ok(self)
    }

    /// The exceptions listed for dates in `year`, in date order.
    pub fn entries_for_year(&self, year: i32) -> Vec<CalendarEntry> {
        let (Some(first), Some(last)) = (first_of_year(year), last_of_year(year)) else {
            return Vec::new();
        };
        self.entries
            .range(first..=last)
            .map(|(date, (is_workday, name))| CalendarEntry {
                date: *date,
                is_workday: *is_workday,
                name: name.clone(),
            })
            .collect()
    }

    /// Whether the official arrangements (the notice) for `year` are in the data. For a year
    /// that is not covered the calendar still answers, by the plain Monday–Friday rule, but
    /// deadlines computed for it may change once the notice is entered.
    pub fn covers_year(&self, year: i32) -> bool {
        self.covered.contains(&year)
    }

    /// The covered years, ascending.
    pub fn covered_years(&self) -> Vec<i32> {
        self.covered.iter().copied().collect()
    }

    /// What kind of day `date` is.
    pub fn day_kind(&self, date: NaiveDate) -> DayKind {
        match self.entries.get(&date) {
            Some((true, _)) => DayKind::AdjustedWorkday,
            Some((false, _)) => DayKind::Holiday,
            None if is_weekend(date) => DayKind::Weekend,
            None => DayKind::Workday,
        }
    }

    /// Whether `date` is a working day (工作日, including 调休上班).
    pub fn is_workday(&self, date: NaiveDate) -> bool {
        self.day_kind(date).is_workday()
    }

    /// The holiday a listed date belongs to: the holiday's name on its days off, and also on
    /// the weekend days worked for it (e.g. `春节` on 2026-02-14, a Saturday worked).
    pub fn holiday_name(&self, date: NaiveDate) -> Option<&str> {
        self.entries.get(&date).map(|(_, name)| name.as_str())
    }

    /// The `n`-th working day strictly after `from`; `from` itself when `n == 0`.
    ///
    /// Runs in time proportional to the number of listed exceptions, not to `n`. Saturates at
    /// [`NaiveDate::MAX`] when the answer would lie beyond the last representable date.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        let mut remaining = u64::from(n);
        while remaining > 0 {
            // Skip whole weeks while no exception lies within them: 7 days after any date
            // hold exactly 5 Monday–Friday dates. Keep at least one working day to walk.
            let room = match self.entries.range((Excluded(date), Unbounded)).next() {
                Some((next, _)) => u64::try_from((*next - date).num_days() - 1).unwrap_or(0) / 7,
                None => u64::MAX,
            };
            let weeks = room.min((remaining - 1) / 5);
            if weeks > 0 {
                match date.checked_add_days(Days::new(weeks * 7)) {
                    Some(d) => date = d,
                    None => return NaiveDate::MAX,
                }
                remaining -= weeks * 5;
                continue;
            }
            match date.succ_opt() {
                Some(d) => date = d,
                None => return NaiveDate::MAX,
            }
            if self.is_workday(date) {
                remaining -= 1;
            }
        }
        date
    }

    /// The number of working days `d` with `from < d <= to`; when `to < from`, minus the
    /// number with `to < d <= from`. So `working_days_between(a, add_working_days(a, n)) == n`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.working_days_between(to, from);
        }
        let plain = weekday_index(to) - weekday_index(from);
        let adjustment: i64 = self
            .entries
            .range((Excluded(from), Included(to)))
            .map(|(date, (is_workday, _))| i64::from(*is_workday) - i64::from(!is_weekend(*date)))
            .sum();
        plain + adjustment
    }

    /// Every date of `year` as CSV: the header `date,is_workday,holiday`, then one line per
    /// date such as `2026-02-16,false,春节`, `2026-02-14,true,春节`, `2026-03-02,true,` or
    /// `2026-03-07,false,`. Only the header for a year outside the supported date range.
    pub fn year_csv(&self, year: i32) -> String {
        let mut out = String::from("date,is_workday,holiday\n");
        let Some(first) = first_of_year(year) else {
            return out;
        };
        for date in first.iter_days().take_while(|d| d.year() == year) {
            let name = self.holiday_name(date).unwrap_or("");
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{},{},{name}",
                date.format("%Y-%m-%d"),
                self.is_workday(date)
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> &'static Calendar {
        Calendar::builtin_ref()
    }

    /// Day-by-day reference implementation used to check the fast paths.
    fn count_slowly(cal: &Calendar, from: NaiveDate, to: NaiveDate) -> i64 {
        from.iter_days()
            .skip(1)
            .take_while(|x| *x <= to)
            .filter(|x| cal.is_workday(*x))
            .count() as i64
    }

    fn days_of_year(year: i32) -> impl Iterator<Item = NaiveDate> {
        d(year, 1, 1)
            .iter_days()
            .take_while(move |x| x.year() == year)
    }

    // ---- the built-in data ----

    #[test]
    fn builtin_data_parses_and_covers_2018_to_2026() {
        let cal = Calendar::parse_csv(BUILTIN_CSV).expect("built-in data parses");
        assert_eq!(cal.covered_years(), (2018..=2026).collect::<Vec<_>>());
        assert!(!cal.covers_year(2017));
        assert!(!cal.covers_year(2027));
        let cal = cal.with_statutory_estimates();
        assert_eq!(&cal, Calendar::builtin_ref());
        assert_eq!(Calendar::builtin(), cal);
        // The estimates are for years without data only.
        assert!((2018..=2026).all(|y| {
            cal.entries_for_year(y)
                .iter()
                .all(|e| !cal.is_estimated(e.date))
        }));
    }

    /// Every built-in year matches the schedule published for it, as tyme4rs also carries
    /// them (an independent transcription of the same notices), day by day.
    #[test]
    fn builtin_years_match_the_published_schedules_exactly() {
        use tyme4rs::tyme::holiday::LegalHoliday;
        for year in 2018..=2026 {
            for date in days_of_year(year) {
                let published = LegalHoliday::from_ymd(
                    date.year() as isize,
                    date.month() as usize,
                    date.day() as usize,
                );
                let expected = match published {
                    Some(h) if h.is_work() => DayKind::AdjustedWorkday,
                    Some(_) => DayKind::Holiday,
                    None if is_weekend(date) => DayKind::Weekend,
                    None => DayKind::Workday,
                };
                assert_eq!(cal().day_kind(date), expected, "{date}");
            }
        }
    }

    /// (year, holiday dates listed in that calendar year, adjusted workdays in that year).
    /// Dates are counted by the year they fall in: e.g. 2018-12-30/31 and 2018-12-29 belong
    /// to the 2019 notice but count for 2018.
    const ENTRY_COUNTS: [(i32, usize, usize); 9] = [
        (2018, 29, 7),
        (2019, 28, 6),
        (2020, 30, 6),
        (2021, 31, 7),
        (2022, 32, 7),
        (2023, 28, 7),
        (2024, 30, 8),
        (2025, 28, 5),
        (2026, 33, 6),
    ];

    #[test]
    fn every_year_has_the_published_number_of_holiday_days_and_adjusted_workdays() {
        for (year, holidays, workdays) in ENTRY_COUNTS {
            let entries = cal().entries_for_year(year);
            let h = entries.iter().filter(|e| !e.is_workday).count();
            let w = entries.iter().filter(|e| e.is_workday).count();
            assert_eq!((h, w), (holidays, workdays), "{year}");
        }
        // Only the 2018 notice's 元旦 reaches back into 2017 (two weekend days).
        assert_eq!(cal().entries_for_year(2017).len(), 2);
        // 2027 has only estimates until its notice is entered.
        let estimated = cal().entries_for_year(2027);
        assert!(!estimated.is_empty());
        assert!(
            estimated
                .iter()
                .all(|e| cal().is_estimated(e.date) && !e.is_workday)
        );
    }

    /// Holiday periods per the notices: (name, first day, 共N天).
    const PERIODS: &[(&str, (i32, u32, u32), i64)] = &[
        ("元旦", (2017, 12, 30), 3),
        ("春节", (2018, 2, 15), 7),
        ("清明节", (2018, 4, 5), 3),
        ("劳动节", (2018, 4, 29), 3),
        ("端午节", (2018, 6, 16), 3),
        ("中秋节", (2018, 9, 22), 3),
        ("国庆节", (2018, 10, 1), 7),
        ("元旦", (2018, 12, 30), 3),
        ("春节", (2019, 2, 4), 7),
        ("清明节", (2019, 4, 5), 3),
        ("劳动节", (2019, 5, 1), 4),
        ("端午节", (2019, 6, 7), 3),
        ("中秋节", (2019, 9, 13), 3),
        ("国庆节", (2019, 10, 1), 7),
        ("元旦", (2020, 1, 1), 1),
        ("春节", (2020, 1, 24), 10),
        ("清明节", (2020, 4, 4), 3),
        ("劳动节", (2020, 5, 1), 5),
        ("端午节", (2020, 6, 25), 3),
        ("国庆节、中秋节", (2020, 10, 1), 8),
        ("元旦", (2021, 1, 1), 3),
        ("春节", (2021, 2, 11), 7),
        ("清明节", (2021, 4, 3), 3),
        ("劳动节", (2021, 5, 1), 5),
        ("端午节", (2021, 6, 12), 3),
        ("中秋节", (2021, 9, 19), 3),
        ("国庆节", (2021, 10, 1), 7),
        ("元旦", (2022, 1, 1), 3),
        ("春节", (2022, 1, 31), 7),
        ("清明节", (2022, 4, 3), 3),
        ("劳动节", (2022, 4, 30), 5),
        ("端午节", (2022, 6, 3), 3),
        ("中秋节", (2022, 9, 10), 3),
        ("国庆节", (2022, 10, 1), 7),
        ("元旦", (2022, 12, 31), 3),
        ("春节", (2023, 1, 21), 7),
        ("清明节", (2023, 4, 5), 1),
        ("劳动节", (2023, 4, 29), 5),
        ("端午节", (2023, 6, 22), 3),
        ("中秋节、国庆节", (2023, 9, 29), 8),
        ("元旦", (2023, 12, 30), 3),
        ("春节", (2024, 2, 10), 8),
        ("清明节", (2024, 4, 4), 3),
        ("劳动节", (2024, 5, 1), 5),
        ("端午节", (2024, 6, 8), 3),
        ("中秋节", (2024, 9, 15), 3),
        ("国庆节", (2024, 10, 1), 7),
        ("元旦", (2025, 1, 1), 1),
        ("春节", (2025, 1, 28), 8),
        ("清明节", (2025, 4, 4), 3),
        ("劳动节", (2025, 5, 1), 5),
        ("端午节", (2025, 5, 31), 3),
        ("国庆节、中秋节", (2025, 10, 1), 8),
        ("元旦", (2026, 1, 1), 3),
        ("春节", (2026, 2, 15), 9),
        ("清明节", (2026, 4, 4), 3),
        ("劳动节", (2026, 5, 1), 5),
        ("端午节", (2026, 6, 19), 3),
        ("中秋节", (2026, 9, 25), 3),
        ("国庆节", (2026, 10, 1), 7),
    ];

    /// Adjusted working days (调休上班) per the notices.
    const ADJUSTED_WORKDAYS: &[(&str, (i32, u32, u32))] = &[
        ("春节", (2018, 2, 11)),
        ("春节", (2018, 2, 24)),
        ("清明节", (2018, 4, 8)),
        ("劳动节", (2018, 4, 28)),
        ("国庆节", (2018, 9, 29)),
        ("国庆节", (2018, 9, 30)),
        ("元旦", (2018, 12, 29)),
        ("春节", (2019, 2, 2)),
        ("春节", (2019, 2, 3)),
        ("劳动节", (2019, 4, 28)),
        ("劳动节", (2019, 5, 5)),
        ("国庆节", (2019, 9, 29)),
        ("国庆节", (2019, 10, 12)),
        ("春节", (2020, 1, 19)),
        ("劳动节", (2020, 4, 26)),
        ("劳动节", (2020, 5, 9)),
        ("端午节", (2020, 6, 28)),
        ("国庆节、中秋节", (2020, 9, 27)),
        ("国庆节、中秋节", (2020, 10, 10)),
        ("春节", (2021, 2, 7)),
        ("春节", (2021, 2, 20)),
        ("劳动节", (2021, 4, 25)),
        ("劳动节", (2021, 5, 8)),
        ("中秋节", (2021, 9, 18)),
        ("国庆节", (2021, 9, 26)),
        ("国庆节", (2021, 10, 9)),
        ("春节", (2022, 1, 29)),
        ("春节", (2022, 1, 30)),
        ("清明节", (2022, 4, 2)),
        ("劳动节", (2022, 4, 24)),
        ("劳动节", (2022, 5, 7)),
        ("国庆节", (2022, 10, 8)),
        ("国庆节", (2022, 10, 9)),
        ("春节", (2023, 1, 28)),
        ("春节", (2023, 1, 29)),
        ("劳动节", (2023, 4, 23)),
        ("劳动节", (2023, 5, 6)),
        ("端午节", (2023, 6, 25)),
        ("中秋节、国庆节", (2023, 10, 7)),
        ("中秋节、国庆节", (2023, 10, 8)),
        ("春节", (2024, 2, 4)),
        ("春节", (2024, 2, 18)),
        ("清明节", (2024, 4, 7)),
        ("劳动节", (2024, 4, 28)),
        ("劳动节", (2024, 5, 11)),
        ("中秋节", (2024, 9, 14)),
        ("国庆节", (2024, 9, 29)),
        ("国庆节", (2024, 10, 12)),
        ("春节", (2025, 1, 26)),
        ("春节", (2025, 2, 8)),
        ("劳动节", (2025, 4, 27)),
        ("国庆节、中秋节", (2025, 9, 28)),
        ("国庆节、中秋节", (2025, 10, 11)),
        ("元旦", (2026, 1, 4)),
        ("春节", (2026, 2, 14)),
        ("春节", (2026, 2, 28)),
        ("劳动节", (2026, 5, 9)),
        ("国庆节", (2026, 9, 20)),
        ("国庆节", (2026, 10, 10)),
    ];

    #[test]
    fn data_matches_the_holiday_periods_and_adjusted_workdays_of_the_notices() {
        let mut expected = BTreeMap::new();
        for &(name, (y, m, day), len) in PERIODS {
            for offset in 0..len {
                let date = d(y, m, day) + chrono::Duration::days(offset);
                assert!(
                    expected.insert(date, (false, name)).is_none(),
                    "{date} twice"
                );
            }
        }
        for &(name, (y, m, day)) in ADJUSTED_WORKDAYS {
            assert!(
                expected.insert(d(y, m, day), (true, name)).is_none(),
                "{y}-{m}-{day} twice"
            );
        }
        let actual: BTreeMap<NaiveDate, (bool, &str)> = cal()
            .entries
            .iter()
            .filter(|(date, _)| !cal().is_estimated(**date))
            .map(|(date, (w, name))| (*date, (*w, name.as_str())))
            .collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn every_adjusted_workday_is_a_saturday_or_sunday() {
        for year in 2017..=2026 {
            for e in cal()
                .entries_for_year(year)
                .into_iter()
                .filter(|e| e.is_workday)
            {
                assert!(is_weekend(e.date), "{} is a {:?}", e.date, e.date.weekday());
                assert_eq!(cal().day_kind(e.date), DayKind::AdjustedWorkday);
            }
        }
    }

    #[test]
    fn holiday_names_are_the_seven_public_holidays() {
        let allowed = [
            "元旦",
            "春节",
            "清明节",
            "劳动节",
            "端午节",
            "中秋节",
            "国庆节",
            "国庆节、中秋节",
            "中秋节、国庆节",
        ];
        for (date, (_, name)) in &cal().entries {
            // Estimated make-up days carry their holiday's name and say they are a guess.
            let holiday = match name.strip_suffix("补休（推算）") {
                Some(h) if cal().is_estimated(*date) => h,
                _ => name.as_str(),
            };
            assert!(allowed.contains(&holiday), "{date}: {name}");
        }
    }

    /// Working days per calendar year (全年工作日天数).
    const WORKING_DAYS_PER_YEAR: [(i32, i64); 9] = [
        (2018, 250),
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];

    #[test]
    fn every_year_has_the_published_number_of_working_days() {
        for (year, expected) in WORKING_DAYS_PER_YEAR {
            let counted = days_of_year(year).filter(|x| cal().is_workday(*x)).count() as i64;
            assert_eq!(counted, expected, "{year} counted day by day");
            let between = cal().working_days_between(d(year - 1, 12, 31), d(year, 12, 31));
            assert_eq!(between, expected, "{year} via working_days_between");
        }
    }

    /// Independent check: the law (全国年节及纪念日放假办法) gives 11 public holiday days a
    /// year, 13 from 2025 (除夕 and 5月2日 added); a holiday falling on a weekend is made up
    /// on a working day and each 调休 swap moves a day without changing the total. So a
    /// year's working days are its Monday–Fridays minus 11 (13), minus the two extra days of
    /// the 2020 Spring Festival extension (1月31日 and the cancelled 2月1日 调休).
    #[test]
    fn working_days_equal_weekdays_minus_statutory_holidays() {
        for year in 2018..=2026 {
            let weekdays = days_of_year(year).filter(|x| !is_weekend(*x)).count() as i64;
            let statutory = if year >= 2025 { 13 } else { 11 };
            let extra = if year == 2020 { 2 } else { 0 };
            let counted = days_of_year(year).filter(|x| cal().is_workday(*x)).count() as i64;
            assert_eq!(counted, weekdays - statutory - extra, "{year}");
        }
    }

    #[test]
    fn spring_festival_2020_includes_the_covid_extension_to_february_2() {
        for day in 24..=31 {
            assert_eq!(cal().day_kind(d(2020, 1, day)), DayKind::Holiday);
        }
        // 2月1日 was to be a working Saturday; the extension made it a day off.
        assert_eq!(cal().day_kind(d(2020, 2, 1)), DayKind::Holiday);
        assert_eq!(cal().day_kind(d(2020, 2, 2)), DayKind::Holiday);
        assert_eq!(cal().day_kind(d(2020, 2, 3)), DayKind::Workday);
        assert_eq!(cal().day_kind(d(2020, 1, 19)), DayKind::AdjustedWorkday);
        assert_eq!(cal().add_working_days(d(2020, 1, 23), 1), d(2020, 2, 3));
    }

    #[test]
    fn from_2025_new_years_eve_and_may_2_are_holidays() {
        assert_eq!(cal().day_kind(d(2025, 1, 28)), DayKind::Holiday); // 除夕
        assert_eq!(cal().day_kind(d(2026, 2, 16)), DayKind::Holiday); // 除夕
        assert_eq!(cal().day_kind(d(2024, 2, 9)), DayKind::Workday); // 除夕 2024: only "encouraged"
        assert_eq!(cal().day_kind(d(2025, 5, 2)), DayKind::Holiday);
        // 2025 劳动节 needs a single 调休 Sunday (4月27日), no Saturday after the break.
        assert_eq!(cal().day_kind(d(2025, 5, 10)), DayKind::Weekend);
    }

    #[test]
    fn combined_mid_autumn_and_national_day_breaks_are_eight_days() {
        for (first, name) in [
            (d(2020, 10, 1), "国庆节、中秋节"),
            (d(2023, 9, 29), "中秋节、国庆节"),
            (d(2025, 10, 1), "国庆节、中秋节"),
        ] {
            for date in first.iter_days().take(8) {
                assert_eq!(cal().day_kind(date), DayKind::Holiday, "{date}");
                assert_eq!(cal().holiday_name(date), Some(name));
            }
            assert_ne!(
                cal().day_kind(first + chrono::Duration::days(8)),
                DayKind::Holiday
            );
        }
    }

    // ---- day kinds ----

    #[test]
    fn day_kind_distinguishes_all_four_kinds() {
        assert_eq!(cal().day_kind(d(2026, 3, 2)), DayKind::Workday);
        assert_eq!(cal().day_kind(d(2026, 3, 7)), DayKind::Weekend);
        assert_eq!(cal().day_kind(d(2026, 2, 16)), DayKind::Holiday);
        assert_eq!(cal().day_kind(d(2026, 2, 15)), DayKind::Holiday); // a Sunday inside 春节
        assert_eq!(cal().day_kind(d(2026, 2, 14)), DayKind::AdjustedWorkday);
        assert!(cal().is_workday(d(2026, 2, 14)));
        assert!(!cal().is_workday(d(2026, 2, 15)));
        assert_eq!(cal().holiday_name(d(2026, 2, 14)), Some("春节"));
        assert_eq!(cal().holiday_name(d(2026, 10, 10)), Some("国庆节"));
        assert_eq!(cal().holiday_name(d(2026, 3, 2)), None);
    }

    #[test]
    fn years_without_data_know_the_statutory_holidays() {
        // 2027: no notice yet, but 元旦 is a holiday by law, and the weekend of 春节 is made
        // up on the Tuesday and Wednesday after it (a guess).
        assert_eq!(cal().day_kind(d(2027, 1, 1)), DayKind::Holiday);
        assert!(cal().is_estimated(d(2027, 1, 1)));
        assert_eq!(cal().holiday_name(d(2027, 1, 1)), Some("元旦"));
        assert_eq!(cal().day_kind(d(2027, 1, 2)), DayKind::Weekend);
        assert_eq!(cal().day_kind(d(2027, 1, 4)), DayKind::Workday);
        assert_eq!(cal().day_kind(d(2027, 2, 10)), DayKind::Holiday);
        assert_eq!(cal().holiday_name(d(2027, 2, 10)), Some("春节补休（推算）"));
        // Before the 2024 rules, years without data follow the plain weekday rule.
        assert_eq!(cal().day_kind(d(2016, 10, 3)), DayKind::Workday);
        assert!(!cal().is_estimated(d(2016, 10, 3)));
    }

    #[test]
    fn administrators_are_asked_for_next_years_schedule_from_november() {
        assert_eq!(cal().missing_schedule(d(2026, 10, 31)), None);
        assert_eq!(cal().missing_schedule(d(2026, 11, 1)), Some(2027));
        assert_eq!(cal().missing_schedule(d(2026, 12, 31)), Some(2027));
        assert_eq!(cal().missing_schedule(d(2027, 3, 1)), Some(2027));
        assert_eq!(
            cal().missing_schedule(d(2025, 11, 30)),
            None,
            "2026 is built in"
        );
        let entered = cal()
            .clone()
            .with_entries([CalendarEntry {
                date: d(2027, 1, 1),
                is_workday: false,
                name: "元旦".into(),
            }])
            .unwrap();
        assert_eq!(entered.missing_schedule(d(2026, 11, 24)), None);
    }

    #[test]
    fn a_deadline_across_new_year_2027_is_provisional_and_a_day_later() {
        // Three working days after Wednesday 2026-12-30: Thursday 31, then 元旦 (Friday) is
        // a holiday by law, so Monday 4 and Tuesday 5 January. By the plain weekday rule it
        // was Monday 4.
        let from = d(2026, 12, 30);
        let plain = Calendar::parse_csv(BUILTIN_CSV).unwrap();
        assert_eq!(plain.add_working_days(from, 3), d(2027, 1, 4));
        assert_eq!(cal().add_working_days(from, 3), d(2027, 1, 5));
        assert!(cal().is_provisional(from, d(2027, 1, 5)));
        assert!(!cal().is_provisional(from, d(2026, 12, 31)));

        // Entering the 2027 schedule makes it final, and the estimates give way to it.
        let entered = cal()
            .clone()
            .with_entries([
                CalendarEntry {
                    date: d(2027, 1, 1),
                    is_workday: false,
                    name: "元旦".into(),
                },
                CalendarEntry {
                    date: d(2027, 1, 4),
                    is_workday: false,
                    name: "元旦".into(),
                },
            ])
            .unwrap();
        assert!(!entered.is_provisional(from, d(2027, 1, 6)));
        assert_eq!(entered.add_working_days(from, 3), d(2027, 1, 6));
        assert!(!entered.is_estimated(d(2027, 1, 1)));
        // 春节's guessed make-up day is gone with the other estimates of 2027.
        assert_eq!(entered.day_kind(d(2027, 2, 10)), DayKind::Workday);
        assert!(entered.is_estimated(d(2028, 1, 1)));
    }

    // ---- counting working days ----

    #[test]
    fn adding_zero_working_days_returns_the_same_date_even_on_a_holiday() {
        assert_eq!(cal().add_working_days(d(2026, 10, 3), 0), d(2026, 10, 3));
        assert_eq!(
            cal().working_days_between(d(2026, 10, 3), d(2026, 10, 3)),
            0
        );
    }

    #[test]
    fn weekend_adjusted_working_days_count() {
        // 2026-10-09 (Fri) → 10-10 (Sat, 调休上班) is the next working day.
        assert_eq!(cal().add_working_days(d(2026, 10, 9), 1), d(2026, 10, 10));
        // Friday 2026-02-13 → Saturday 02-14 works, then 9 days off, then 02-24.
        assert_eq!(cal().add_working_days(d(2026, 2, 13), 1), d(2026, 2, 14));
        assert_eq!(cal().add_working_days(d(2026, 2, 13), 2), d(2026, 2, 24));
        assert_eq!(
            cal().working_days_between(d(2026, 2, 13), d(2026, 2, 24)),
            2
        );
    }

    #[test]
    fn national_day_week_is_skipped() {
        // 2026-09-30 (Wed): 10-01..07 off, 10-08 Thu, 10-09 Fri, 10-10 Sat (worked).
        assert_eq!(cal().add_working_days(d(2026, 9, 30), 1), d(2026, 10, 8));
        assert_eq!(cal().add_working_days(d(2026, 9, 30), 3), d(2026, 10, 10));
        assert_eq!(cal().add_working_days(d(2026, 9, 30), 4), d(2026, 10, 12));
        // 2019: 09-29 (Sun) worked, 10-01..07 off, 10-12 (Sat) worked.
        assert_eq!(cal().add_working_days(d(2019, 9, 27), 1), d(2019, 9, 29));
        assert_eq!(cal().add_working_days(d(2019, 9, 30), 1), d(2019, 10, 8));
        assert_eq!(cal().add_working_days(d(2019, 10, 11), 1), d(2019, 10, 12));
    }

    #[test]
    fn spring_festival_weeks_are_skipped() {
        assert_eq!(cal().add_working_days(d(2024, 2, 8), 1), d(2024, 2, 9)); // 除夕 2024 worked
        assert_eq!(cal().add_working_days(d(2024, 2, 9), 1), d(2024, 2, 18)); // Sunday worked
        assert_eq!(cal().add_working_days(d(2025, 1, 27), 1), d(2025, 2, 5));
        assert_eq!(cal().add_working_days(d(2023, 1, 20), 1), d(2023, 1, 28));
        assert_eq!(cal().add_working_days(d(2026, 2, 23), 1), d(2026, 2, 24));
    }

    #[test]
    fn year_end_crosses_into_the_new_year_holiday() {
        // 2025-12-31 (Wed) → 2026-01-01..03 off, 01-04 (Sun) worked.
        assert_eq!(cal().add_working_days(d(2025, 12, 31), 1), d(2026, 1, 4));
        assert_eq!(cal().add_working_days(d(2025, 12, 31), 2), d(2026, 1, 5));
        assert_eq!(
            cal().working_days_between(d(2025, 12, 30), d(2026, 1, 5)),
            3
        );
        // 2018-12-28 (Fri) → 12-29 (Sat) worked, 12-30..2019-01-01 off.
        assert_eq!(cal().add_working_days(d(2018, 12, 28), 1), d(2018, 12, 29));
        assert_eq!(cal().add_working_days(d(2018, 12, 29), 1), d(2019, 1, 2));
    }

    #[test]
    fn working_days_between_is_negative_when_reversed() {
        let (a, b) = (d(2026, 9, 30), d(2026, 10, 12));
        assert_eq!(cal().working_days_between(a, b), 4);
        assert_eq!(cal().working_days_between(b, a), -4);
    }

    #[test]
    fn adding_and_counting_agree_with_a_day_by_day_walk() {
        let mut from = d(2017, 12, 1);
        while from <= d(2027, 1, 31) {
            for n in 0..12u32 {
                let to = cal().add_working_days(from, n);
                assert!(n == 0 || cal().is_workday(to), "{from} + {n} = {to}");
                assert_eq!(count_slowly(cal(), from, to), i64::from(n), "{from} + {n}");
                assert_eq!(
                    cal().working_days_between(from, to),
                    i64::from(n),
                    "{from} + {n}"
                );
                assert_eq!(cal().working_days_between(to, from), -i64::from(n));
            }
            from = from.succ_opt().unwrap();
        }
        for (from, to) in [
            (d(2010, 3, 3), d(2030, 7, 9)),
            (d(2017, 12, 29), d(2019, 1, 2)),
            (d(2026, 12, 31), d(2027, 1, 9)),
        ] {
            assert_eq!(
                cal().working_days_between(from, to),
                count_slowly(cal(), from, to),
                "{from}..{to}"
            );
        }
    }

    #[test]
    fn large_working_day_counts_skip_ahead_exactly() {
        // From 2016 across the whole data into 2030: the fast path must agree with a walk.
        for n in [1u32, 5, 6, 250, 1000, 2500, 4000] {
            let from = d(2016, 6, 15);
            let to = cal().add_working_days(from, n);
            assert_eq!(count_slowly(cal(), from, to), i64::from(n), "{n}");
            assert!(cal().is_workday(to));
        }
    }

    #[test]
    fn huge_or_extreme_inputs_saturate_instead_of_panicking() {
        assert_eq!(
            cal().add_working_days(d(2026, 1, 1), u32::MAX),
            NaiveDate::MAX
        );
        assert_eq!(cal().add_working_days(NaiveDate::MAX, 1), NaiveDate::MAX);
        assert_eq!(cal().add_working_days(NaiveDate::MAX, 0), NaiveDate::MAX);
        let near_end = NaiveDate::MAX - chrono::Duration::days(3);
        let _ = cal().add_working_days(near_end, 10);
        assert!(cal().add_working_days(NaiveDate::MIN, 1000) > NaiveDate::MIN);
        let span = cal().working_days_between(NaiveDate::MIN, NaiveDate::MAX);
        assert!(span > 0);
        assert_eq!(
            cal().working_days_between(NaiveDate::MAX, NaiveDate::MIN),
            -span
        );
        assert_eq!(
            cal().working_days_between(NaiveDate::MAX, NaiveDate::MAX),
            0
        );
        assert_eq!(
            cal().year_csv(NaiveDate::MAX.year() + 1),
            "date,is_workday,holiday\n"
        );
        assert!(cal().entries_for_year(i32::MAX).is_empty());
        assert!(!cal().covers_year(i32::MIN));
    }

    // ---- CSV export ----

    #[test]
    fn year_csv_has_a_header_and_one_line_per_day() {
        for (year, days) in [(2024, 366), (2025, 365), (2026, 365), (2027, 365)] {
            let csv = cal().year_csv(year);
            let lines: Vec<&str> = csv.lines().collect();
            assert_eq!(lines.len(), days + 1, "{year}");
            assert_eq!(lines[0], "date,is_workday,holiday");
            assert!(csv.ends_with('\n'));
        }
        let csv = cal().year_csv(2026);
        for line in [
            "2026-02-16,false,春节",
            "2026-02-14,true,春节",
            "2026-03-02,true,",
            "2026-03-07,false,",
            "2026-01-01,false,元旦",
            "2026-12-31,true,",
        ] {
            assert!(csv.lines().any(|l| l == line), "missing {line}");
        }
        let working = csv.lines().filter(|l| l.contains(",true,")).count();
        assert_eq!(working, 248);
    }

    // ---- parsing ----

    #[test]
    fn parse_accepts_header_comments_blank_lines_and_crlf() {
        let cal = Calendar::parse_csv("\u{feff}# comment\r\ndate,kind,name\r\n\r\n2027-01-01,holiday,元旦\r\n 2027-02-06 , workday , 春节 \r\n").unwrap();
        assert_eq!(cal.covered_years(), vec![2027]);
        assert_eq!(cal.day_kind(d(2027, 1, 1)), DayKind::Holiday);
        assert_eq!(cal.day_kind(d(2027, 2, 6)), DayKind::AdjustedWorkday);
        assert_eq!(cal.holiday_name(d(2027, 2, 6)), Some("春节"));
        assert_eq!(Calendar::parse_csv("").unwrap(), Calendar::default());
    }

    #[test]
    fn years_line_declares_coverage() {
        let cal =
            Calendar::parse_csv("# years: 2030-2031, 2033\n2029-12-31,holiday,元旦\n").unwrap();
        assert_eq!(cal.covered_years(), vec![2030, 2031, 2033]);
        assert!(!cal.covers_year(2029));
        assert_eq!(
            Calendar::parse_csv("# years: 2030-20x1\n"),
            Err(CalendarError::InvalidYears {
                line: 1,
                value: "2030-20x1".into()
            })
        );
        assert!(matches!(
            Calendar::parse_csv("# years: 2031-2030"),
            Err(CalendarError::InvalidYears { .. })
        ));
    }

    #[test]
    fn parse_reports_a_bad_date_with_its_line_number() {
        let err = Calendar::parse_csv(
            "date,kind,name\n# c\n2027-01-01,holiday,元旦\n2027-02-30,holiday,春节\n",
        )
        .unwrap_err();
        assert_eq!(
            err,
            CalendarError::InvalidDate {
                line: 4,
                value: "2027-02-30".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "line 4: invalid date `2027-02-30`, expected YYYY-MM-DD"
        );
    }

    #[test]
    fn parse_reports_a_bad_kind_with_its_line_number() {
        let err =
            Calendar::parse_csv("2027-01-01,holiday,元旦\n2027-01-02,off,元旦\n").unwrap_err();
        assert_eq!(
            err,
            CalendarError::InvalidKind {
                line: 2,
                value: "off".into()
            }
        );
    }

    #[test]
    fn parse_rejects_a_weekday_marked_as_adjusted_workday() {
        // 2027-01-04 is a Monday.
        let err = Calendar::parse_csv("date,kind,name\n2027-01-04,workday,元旦\n").unwrap_err();
        assert_eq!(
            err,
            CalendarError::InvalidLine {
                line: 2,
                date: d(2027, 1, 4),
                problem: EntryProblem::AdjustedWorkdayOnWeekday
            }
        );
        assert!(
            err.to_string()
                .starts_with("line 2: 2027-01-04 is a Monday–Friday")
        );
    }

    #[test]
    fn parse_rejects_wrong_field_counts_missing_names_and_duplicates() {
        assert_eq!(
            Calendar::parse_csv("2027-01-01,holiday\n"),
            Err(CalendarError::FieldCount { line: 1, found: 2 })
        );
        assert_eq!(
            Calendar::parse_csv("2027-01-01,holiday,元旦,x\n"),
            Err(CalendarError::FieldCount { line: 1, found: 4 })
        );
        assert_eq!(
            Calendar::parse_csv("\n2027-01-01,holiday, \n"),
            Err(CalendarError::InvalidLine {
                line: 2,
                date: d(2027, 1, 1),
                problem: EntryProblem::EmptyName
            })
        );
        assert_eq!(
            Calendar::parse_csv("2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n"),
            Err(CalendarError::DuplicateDate {
                line: 2,
                date: d(2027, 1, 1)
            })
        );
        // A header is only recognised before the first entry.
        assert!(matches!(
            Calendar::parse_csv("2027-01-01,holiday,元旦\ndate,kind,name\n"),
            Err(CalendarError::InvalidDate { line: 2, .. })
        ));
    }

    // ---- admin-added entries ----

    fn entry(date: NaiveDate, is_workday: bool, name: &str) -> CalendarEntry {
        CalendarEntry {
            date,
            is_workday,
            name: name.into(),
        }
    }

    #[test]
    fn with_entries_extends_the_calendar_to_a_new_year() {
        let cal = Calendar::builtin()
            .with_entries([
                entry(d(2027, 1, 1), false, "元旦"),
                entry(d(2027, 1, 2), false, "元旦"),
                entry(d(2027, 1, 3), false, "元旦"),
                entry(d(2027, 2, 6), true, "春节"),
            ])
            .unwrap();
        assert!(cal.covers_year(2027));
        assert_eq!(cal.covered_years(), (2018..=2027).collect::<Vec<_>>());
        assert_eq!(cal.entries_for_year(2027).len(), 4);
        assert_eq!(cal.add_working_days(d(2026, 12, 31), 1), d(2027, 1, 4));
        assert_eq!(cal.day_kind(d(2027, 2, 6)), DayKind::AdjustedWorkday);
        // The built-in data is untouched.
        assert_eq!(
            cal.entries_for_year(2026),
            Calendar::builtin().entries_for_year(2026)
        );
        assert!(!Calendar::builtin().covers_year(2027));
    }

    #[test]
    fn with_entries_overrides_an_existing_date_and_later_entries_win() {
        let cal = Calendar::builtin()
            .with_entries([
                entry(d(2026, 10, 10), false, "国庆节"),
                entry(d(2026, 10, 9), false, "临时"),
                entry(d(2026, 10, 9), false, "国庆节"),
            ])
            .unwrap();
        assert_eq!(cal.day_kind(d(2026, 10, 10)), DayKind::Holiday);
        assert_eq!(cal.holiday_name(d(2026, 10, 9)), Some("国庆节"));
        assert_eq!(cal.add_working_days(d(2026, 9, 30), 1), d(2026, 10, 8));
        assert_eq!(cal.add_working_days(d(2026, 9, 30), 2), d(2026, 10, 12));
    }

    #[test]
    fn with_entries_rejects_contradictory_entries() {
        let err = Calendar::builtin()
            .with_entries([entry(d(2027, 1, 4), true, "元旦")])
            .unwrap_err();
        assert_eq!(
            err,
            CalendarError::InvalidEntry {
                date: d(2027, 1, 4),
                problem: EntryProblem::AdjustedWorkdayOnWeekday
            }
        );
        assert!(matches!(
            Calendar::builtin().with_entries([entry(d(2027, 1, 1), false, "")]),
            Err(CalendarError::InvalidEntry {
                problem: EntryProblem::EmptyName,
                ..
            })
        ));
        assert!(matches!(
            Calendar::builtin().with_entries([entry(d(2027, 1, 1), false, "元旦,春节")]),
            Err(CalendarError::InvalidEntry {
                problem: EntryProblem::InvalidName,
                ..
            })
        ));
    }

    #[test]
    fn entries_round_trip_through_the_csv_format() {
        let text: String = cal()
            .entries
            .iter()
            .filter(|(date, _)| !cal().is_estimated(**date))
            .map(|(date, (w, name))| {
                format!("{date},{},{name}\n", if *w { "workday" } else { "holiday" })
            })
            .collect();
        let again =
            Calendar::parse_csv(&format!("# years: 2018-2026\ndate,kind,name\n{text}")).unwrap();
        assert_eq!(&again.with_statutory_estimates(), cal());
    }
}
