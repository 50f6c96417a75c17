//! The three-working-day rule for policy interpretations (政策解读).
//!
//! Interpretation material is to be published together with the policy (同步发布), and at
//! the latest within 3 working days of it (最迟不超过3个工作日). Working days follow the
//! official calendar ([`Calendar`]), so holidays (放假) do not count and weekend days declared
//! working days (调休上班) do.

use super::calendar::Calendar;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Working days allowed between a policy and its first interpretation.
pub const INTERPRETATION_WORKING_DAYS: u32 = 3;

/// Deadline: end of the 3rd working day after the policy's publication date.
///
/// The publication day itself never counts, even when it is a working day; when the policy is
/// published on a holiday or weekend, the first working day after it is day 1.
pub fn interpretation_deadline(cal: &Calendar, policy_published_on: NaiveDate) -> NaiveDate {
    cal.add_working_days(policy_published_on, INTERPRETATION_WORKING_DAYS)
}

/// Where a policy stands with respect to its interpretation deadline.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InterpretationStatus {
    /// 同步发布: the first interpretation was published the same day as the policy (or before).
    WithPolicy,
    /// 按时发布: published after the policy, by the deadline. `working_days` is the number of
    /// working days after the policy (1..=3; 0 when it came out on a non-working day before
    /// the first working day after the policy).
    OnTime { working_days: u32 },
    /// 待发布: nothing published yet and the deadline has not passed. `working_days_left`
    /// counts the working days after today up to the deadline (0 = due today).
    Due { working_days_left: u32 },
    /// 已逾期: nothing published and the deadline has passed. `working_days_late` counts the
    /// working days after the deadline up to today (0 when today is a non-working day right
    /// after a deadline).
    Overdue { working_days_late: u32 },
    /// 逾期发布: published after the deadline, `working_days` working days after the policy.
    Late { working_days: u32 },
}

fn to_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// The status of a policy's interpretation on `today`.
pub fn interpretation_status(
    cal: &Calendar,
    policy_published_on: NaiveDate,
    first_interpretation_published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> InterpretationStatus {
    let deadline = interpretation_deadline(cal, policy_published_on);
    match first_interpretation_published_on {
        Some(published) if published <= policy_published_on => InterpretationStatus::WithPolicy,
        Some(published) => {
            let working_days = to_u32(cal.working_days_between(policy_published_on, published));
            if published <= deadline {
                InterpretationStatus::OnTime { working_days }
            } else {
                InterpretationStatus::Late { working_days }
            }
        }
        None if today <= deadline => InterpretationStatus::Due {
            working_days_left: to_u32(cal.working_days_between(today, deadline)),
        },
        None => InterpretationStatus::Overdue {
            working_days_late: to_u32(cal.working_days_between(deadline, today)),
        },
    }
}

impl InterpretationStatus {
    /// `Some(true)` when the interpretation came out in time, `Some(false)` when it came out
    /// late or is overdue, `None` while it is still due.
    pub fn is_timely(&self) -> Option<bool> {
        match self {
            InterpretationStatus::WithPolicy | InterpretationStatus::OnTime { .. } => Some(true),
            InterpretationStatus::Late { .. } | InterpretationStatus::Overdue { .. } => Some(false),
            InterpretationStatus::Due { .. } => None,
        }
    }

    /// Stable key used in URLs, filters and CSS classes.
    pub fn key(&self) -> &'static str {
        match self {
            InterpretationStatus::WithPolicy => "with_policy",
            InterpretationStatus::OnTime { .. } => "on_time",
            InterpretationStatus::Due { .. } => "due",
            InterpretationStatus::Overdue { .. } => "overdue",
            InterpretationStatus::Late { .. } => "late",
        }
    }

    /// All keys, in the order of [`InterpretationStatus::key`]'s variants.
    pub const KEYS: [&'static str; 5] = ["with_policy", "on_time", "due", "overdue", "late"];
}

/// When to send the reminder: the working day before the deadline (one working day away),
/// i.e. the 2nd working day after the policy.
pub fn reminder_date(cal: &Calendar, policy_published_on: NaiveDate) -> NaiveDate {
    cal.add_working_days(policy_published_on, INTERPRETATION_WORKING_DAYS - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use InterpretationStatus::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> &'static Calendar {
        Calendar::builtin_ref()
    }

    fn status(
        policy: NaiveDate,
        first: Option<NaiveDate>,
        today: NaiveDate,
    ) -> InterpretationStatus {
        interpretation_status(cal(), policy, first, today)
    }

    // ---- deadlines ----

    #[test]
    fn deadline_is_the_third_working_day_after_an_ordinary_monday() {
        assert_eq!(interpretation_deadline(cal(), d(2026, 3, 2)), d(2026, 3, 5));
        // Thursday → the following Tuesday over an ordinary weekend.
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 3, 5)),
            d(2026, 3, 10)
        );
    }

    #[test]
    fn policy_published_the_day_before_national_day_2026_is_due_on_the_worked_saturday() {
        // 10-01..07 off; 10-08 Thu (1), 10-09 Fri (2), 10-10 Sat 调休上班 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 9, 30)),
            d(2026, 10, 10)
        );
        assert_eq!(reminder_date(cal(), d(2026, 9, 30)), d(2026, 10, 9));
        // Same in 2025: 10-01..08 off; 10-09 (1), 10-10 (2), 10-11 Sat worked (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2025, 9, 30)),
            d(2025, 10, 11)
        );
    }

    #[test]
    fn policy_published_on_a_friday_before_a_holiday() {
        // 2026-04-03 (Fri), 清明节 04-04..06: 04-07 (1), 04-08 (2), 04-09 (3).
        assert_eq!(interpretation_deadline(cal(), d(2026, 4, 3)), d(2026, 4, 9));
        // 2026-02-13 (Fri): 02-14 Sat worked (1), 02-15..23 off, 02-24 (2), 02-25 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 2, 13)),
            d(2026, 2, 25)
        );
        // 2024-02-08 (Thu): 02-09 除夕 worked (1), 02-10..17 off, 02-18 Sun worked (2), 02-19 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2024, 2, 8)),
            d(2024, 2, 19)
        );
        // 2025-01-27 (Mon): 01-28..02-04 off, 02-05 (1), 02-06 (2), 02-07 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2025, 1, 27)),
            d(2025, 2, 7)
        );
    }

    #[test]
    fn policy_published_on_a_holiday_counts_from_the_first_working_day_after() {
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 10, 3)),
            d(2026, 10, 10)
        );
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 2, 17)),
            d(2026, 2, 26)
        );
        assert_eq!(reminder_date(cal(), d(2026, 10, 3)), d(2026, 10, 9));
    }

    #[test]
    fn policy_published_on_an_adjusted_weekend_working_day() {
        // 2026-02-28 (Sat, worked): 03-02 (1), 03-03 (2), 03-04 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 2, 28)),
            d(2026, 3, 4)
        );
        // 2026-01-04 (Sun, worked): 01-05, 01-06, 01-07.
        assert_eq!(interpretation_deadline(cal(), d(2026, 1, 4)), d(2026, 1, 7));
        // 2026-10-10 (Sat, worked): 10-12, 10-13, 10-14.
        assert_eq!(
            interpretation_deadline(cal(), d(2026, 10, 10)),
            d(2026, 10, 14)
        );
    }

    #[test]
    fn deadline_crosses_the_year_end_new_year_holiday() {
        // 2025-12-31 (Wed): 2026-01-01..03 off, 01-04 Sun worked (1), 01-05 (2), 01-06 (3).
        assert_eq!(
            interpretation_deadline(cal(), d(2025, 12, 31)),
            d(2026, 1, 6)
        );
        assert_eq!(reminder_date(cal(), d(2025, 12, 31)), d(2026, 1, 5));
    }

    #[test]
    fn deadline_is_always_a_working_day_three_working_days_out_and_the_reminder_one_before() {
        let mut policy = d(2017, 12, 1);
        while policy <= d(2026, 12, 31) {
            let deadline = interpretation_deadline(cal(), policy);
            let reminder = reminder_date(cal(), policy);
            assert!(cal().is_workday(deadline), "{policy}");
            assert!(cal().is_workday(reminder), "{policy}");
            assert_eq!(cal().working_days_between(policy, deadline), 3, "{policy}");
            assert_eq!(
                cal().working_days_between(reminder, deadline),
                1,
                "{policy}"
            );
            assert!(policy < reminder && reminder < deadline);
            policy = policy.succ_opt().unwrap();
        }
    }

    // ---- statuses ----

    #[test]
    fn interpretation_on_the_same_day_or_before_is_with_policy() {
        let p = d(2026, 3, 2);
        assert_eq!(status(p, Some(p), d(2026, 6, 1)), WithPolicy);
        assert_eq!(status(p, Some(d(2026, 2, 27)), d(2026, 6, 1)), WithPolicy);
    }

    #[test]
    fn interpretation_within_three_working_days_is_on_time() {
        let p = d(2026, 3, 2); // Monday; deadline Thursday 03-05
        assert_eq!(
            status(p, Some(d(2026, 3, 3)), d(2026, 6, 1)),
            OnTime { working_days: 1 }
        );
        assert_eq!(
            status(p, Some(d(2026, 3, 4)), d(2026, 6, 1)),
            OnTime { working_days: 2 }
        );
        assert_eq!(
            status(p, Some(d(2026, 3, 5)), d(2026, 6, 1)),
            OnTime { working_days: 3 }
        );
    }

    #[test]
    fn interpretation_on_fourth_working_day_is_late() {
        let p = d(2026, 3, 2);
        assert_eq!(
            status(p, Some(d(2026, 3, 6)), d(2026, 6, 1)),
            Late { working_days: 4 }
        );
        // Over National Day 2026: deadline 10-10 (Sat, worked), 10-12 is the 4th working day.
        assert_eq!(
            status(d(2026, 9, 30), Some(d(2026, 10, 12)), d(2026, 12, 1)),
            Late { working_days: 4 }
        );
    }

    #[test]
    fn interpretation_during_a_holiday_before_the_deadline_is_on_time() {
        // Policy Friday 2026-04-03, interpretation on 清明节 (Sunday 04-05): no working day yet.
        assert_eq!(
            status(d(2026, 4, 3), Some(d(2026, 4, 5)), d(2026, 5, 1)),
            OnTime { working_days: 0 }
        );
        // Policy 09-30, interpretation 10-10 (the worked Saturday, the deadline itself).
        assert_eq!(
            status(d(2026, 9, 30), Some(d(2026, 10, 10)), d(2026, 12, 1)),
            OnTime { working_days: 3 }
        );
        // Published on Sunday 10-11, after the worked Saturday deadline: late, still 3 working days.
        assert_eq!(
            status(d(2026, 9, 30), Some(d(2026, 10, 11)), d(2026, 12, 1)),
            Late { working_days: 3 }
        );
    }

    #[test]
    fn unpublished_interpretation_is_due_until_the_deadline() {
        let p = d(2026, 3, 2);
        assert_eq!(
            status(p, None, p),
            Due {
                working_days_left: 3
            }
        );
        assert_eq!(
            status(p, None, d(2026, 3, 3)),
            Due {
                working_days_left: 2
            }
        );
        assert_eq!(
            status(p, None, d(2026, 3, 5)),
            Due {
                working_days_left: 0
            }
        );
        // During the National Day holiday the count does not move.
        assert_eq!(
            status(d(2026, 9, 30), None, d(2026, 10, 3)),
            Due {
                working_days_left: 3
            }
        );
        assert_eq!(
            status(d(2026, 9, 30), None, d(2026, 10, 10)),
            Due {
                working_days_left: 0
            }
        );
    }

    #[test]
    fn unpublished_interpretation_after_the_deadline_is_overdue() {
        let p = d(2026, 3, 2); // deadline Thursday 03-05
        assert_eq!(
            status(p, None, d(2026, 3, 6)),
            Overdue {
                working_days_late: 1
            }
        );
        assert_eq!(
            status(p, None, d(2026, 3, 8)),
            Overdue {
                working_days_late: 1
            }
        );
        assert_eq!(
            status(p, None, d(2026, 3, 9)),
            Overdue {
                working_days_late: 2
            }
        );
        // Deadline Friday 03-06: the Saturday after is overdue by 0 working days.
        assert_eq!(
            status(d(2026, 3, 3), None, d(2026, 3, 7)),
            Overdue {
                working_days_late: 0
            }
        );
        // Deadline on the worked Saturday 2026-10-10; the Sunday after is overdue.
        assert_eq!(
            status(d(2026, 9, 30), None, d(2026, 10, 11)),
            Overdue {
                working_days_late: 0
            }
        );
        assert_eq!(
            status(d(2026, 9, 30), None, d(2026, 10, 12)),
            Overdue {
                working_days_late: 1
            }
        );
    }

    #[test]
    fn timeliness_and_keys_are_stable() {
        let all = [
            WithPolicy,
            OnTime { working_days: 2 },
            Due {
                working_days_left: 1,
            },
            Overdue {
                working_days_late: 1,
            },
            Late { working_days: 5 },
        ];
        let keys: Vec<&str> = all.iter().map(InterpretationStatus::key).collect();
        assert_eq!(keys, InterpretationStatus::KEYS);
        let timely: Vec<Option<bool>> = all.iter().map(InterpretationStatus::is_timely).collect();
        assert_eq!(
            timely,
            [Some(true), Some(true), None, Some(false), Some(false)]
        );
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let max = NaiveDate::MAX;
        assert_eq!(interpretation_deadline(cal(), max), max);
        assert_eq!(reminder_date(cal(), max), max);
        assert_eq!(
            status(max, None, max),
            Due {
                working_days_left: 0
            }
        );
        assert!(
            matches!(status(NaiveDate::MIN, None, max), Overdue { working_days_late } if working_days_late > 100_000_000)
        );
        assert!(matches!(
            status(NaiveDate::MIN, Some(max), max),
            Late { .. }
        ));
    }
}
