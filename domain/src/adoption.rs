//! The adoption of comments (采纳情况): after a consultation closes, the drafting department
//! answers every published comment, and publishes all answers at once as the adoption report.
//! Pure: the caller passes the consultation's state and the counts.

use crate::calendar::Calendar;
use crate::consultation::ConsultationState;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What became of a comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum Outcome {
    /// 采纳
    #[cfg_attr(feature = "db", sea_orm(string_value = "adopted"))]
    Adopted,
    /// 部分采纳
    #[cfg_attr(feature = "db", sea_orm(string_value = "partly_adopted"))]
    PartlyAdopted,
    /// 未采纳
    #[cfg_attr(feature = "db", sea_orm(string_value = "not_adopted"))]
    NotAdopted,
    /// 已在草案中体现
    #[cfg_attr(feature = "db", sea_orm(string_value = "already_reflected"))]
    AlreadyReflected,
    /// 不属于本次征求意见范围
    #[cfg_attr(feature = "db", sea_orm(string_value = "out_of_scope"))]
    OutOfScope,
}

impl Outcome {
    pub const ALL: [Outcome; 5] = [
        Outcome::Adopted,
        Outcome::PartlyAdopted,
        Outcome::NotAdopted,
        Outcome::AlreadyReflected,
        Outcome::OutOfScope,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Adopted => "adopted",
            Outcome::PartlyAdopted => "partly_adopted",
            Outcome::NotAdopted => "not_adopted",
            Outcome::AlreadyReflected => "already_reflected",
            Outcome::OutOfScope => "out_of_scope",
        }
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }

    /// Everything but plain adoption must say why (the commenter is owed a reason).
    pub fn needs_response(self) -> bool {
        self != Outcome::Adopted
    }
}

/// The columns of a report's open data, in order (CSV header and JSON field names alike);
/// the report page explains each.
pub const EXPORT_COLUMNS: [&str; 9] = [
    "tracking_number",
    "article",
    "article_label",
    "display_name",
    "comment",
    "channel",
    "submitted_on",
    "outcome",
    "response",
];

/// The longest response to a comment, in characters.
pub const RESPONSE_MAX_CHARS: usize = 2000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    #[error("a response is required for this outcome")]
    ResponseRequired,
    #[error("the response is too long")]
    ResponseTooLong,
}

/// A decision as it will be stored: the outcome and its (trimmed) response, `None` if empty.
pub fn check_decision(
    outcome: Outcome,
    response: &str,
) -> Result<(Outcome, Option<String>), DecisionError> {
    let response = response.trim();
    if response.chars().count() > RESPONSE_MAX_CHARS {
        return Err(DecisionError::ResponseTooLong);
    }
    if response.is_empty() {
        if outcome.needs_response() {
            return Err(DecisionError::ResponseRequired);
        }
        return Ok((outcome, None));
    }
    Ok((outcome, Some(response.to_string())))
}

/// Why a consultation's comments cannot be decided, or its report not published, now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("the consultation has not closed")]
    NotClosed,
    #[error("the report is already published")]
    AlreadyPublished,
    #[error("{0} published comments have no decision")]
    Undecided(u64),
}

/// Decisions are taken, and revised, between the close of the period and the report.
pub fn may_decide(state: ConsultationState) -> Result<(), ReportError> {
    match state {
        ConsultationState::Closed => Ok(()),
        ConsultationState::ReportPublished => Err(ReportError::AlreadyPublished),
        _ => Err(ReportError::NotClosed),
    }
}

/// The report is published once every published comment has a decision.
pub fn may_publish(state: ConsultationState, undecided: u64) -> Result<(), ReportError> {
    may_decide(state)?;
    if undecided > 0 {
        return Err(ReportError::Undecided(undecided));
    }
    Ok(())
}

/// Working days after the close that the report is due by, unless configured otherwise.
pub const DEFAULT_REPORT_WORKING_DAYS: u32 = 20;

/// The last day comments were taken, in China's time (`closes_at` is the midnight after it).
pub fn last_comment_day(closes_at: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (closes_at + chrono::Duration::hours(8) - chrono::Duration::days(1)).date_naive()
}

/// Working days before the report's deadline that its drafters are reminded.
pub const REPORT_REMINDER_WORKING_DAYS: i64 = 3;

/// Whether the drafters should be reminded today (from a few working days before the
/// deadline on, overdue included).
pub fn report_reminder_due(cal: &Calendar, deadline: NaiveDate, today: NaiveDate) -> bool {
    cal.working_days_between(today, deadline) <= REPORT_REMINDER_WORKING_DAYS
}

/// The day the report is due: `working_days` working days after the last day of comments.
pub fn report_deadline(
    cal: &Calendar,
    last_comment_day: NaiveDate,
    working_days: u32,
) -> NaiveDate {
    cal.add_working_days(last_comment_day, working_days)
}

/// Where a report stands against its deadline (shown like the interpretation deadline).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReportTimeliness {
    /// Published by the deadline.
    OnTime,
    /// Published after it.
    Late { working_days: i64 },
    /// Not yet published; this many working days are left (0: due today).
    Due { working_days_left: i64 },
    /// Not published, and the deadline has passed.
    Overdue { working_days: i64 },
}

pub fn report_timeliness(
    cal: &Calendar,
    deadline: NaiveDate,
    published_on: Option<NaiveDate>,
    today: NaiveDate,
) -> ReportTimeliness {
    match published_on {
        Some(p) if p <= deadline => ReportTimeliness::OnTime,
        Some(p) => ReportTimeliness::Late {
            working_days: cal.working_days_between(deadline, p),
        },
        None if today <= deadline => ReportTimeliness::Due {
            working_days_left: cal.working_days_between(today, deadline),
        },
        None => ReportTimeliness::Overdue {
            working_days: cal.working_days_between(deadline, today),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn only_plain_adoption_may_go_without_a_response() {
        assert_eq!(
            check_decision(Outcome::Adopted, "  "),
            Ok((Outcome::Adopted, None))
        );
        for o in Outcome::ALL.into_iter().filter(|o| *o != Outcome::Adopted) {
            assert_eq!(
                check_decision(o, " \n"),
                Err(DecisionError::ResponseRequired),
                "{o:?}"
            );
        }
        assert_eq!(
            check_decision(Outcome::NotAdopted, " 与上位法不符 "),
            Ok((Outcome::NotAdopted, Some("与上位法不符".into())))
        );
        assert_eq!(
            check_decision(Outcome::Adopted, &"理".repeat(RESPONSE_MAX_CHARS + 1)),
            Err(DecisionError::ResponseTooLong)
        );
    }

    #[test]
    fn outcomes_round_trip() {
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Outcome::parse("maybe"), None);
    }

    #[test]
    fn decisions_between_close_and_report_and_publishing_needs_all_of_them() {
        use ConsultationState as S;
        assert_eq!(may_decide(S::Open), Err(ReportError::NotClosed));
        assert_eq!(may_decide(S::Scheduled), Err(ReportError::NotClosed));
        assert_eq!(may_decide(S::Closed), Ok(()));
        assert_eq!(
            may_decide(S::ReportPublished),
            Err(ReportError::AlreadyPublished)
        );
        assert_eq!(may_publish(S::Closed, 3), Err(ReportError::Undecided(3)));
        assert_eq!(may_publish(S::Open, 0), Err(ReportError::NotClosed));
        assert_eq!(may_publish(S::Closed, 0), Ok(()));
    }

    #[test]
    fn the_reminder_comes_three_working_days_before_the_deadline() {
        let cal = Calendar::builtin();
        let due = d("2025-10-30");
        assert!(!report_reminder_due(&cal, due, d("2025-10-24")));
        assert!(report_reminder_due(&cal, due, d("2025-10-27")));
        assert!(report_reminder_due(&cal, due, d("2025-11-03")));
        let closes = chrono::DateTime::parse_from_rfc3339("2025-09-26T16:00:00Z").unwrap();
        assert_eq!(last_comment_day(closes.into()), d("2025-09-26"));
    }

    #[test]
    fn the_report_deadline_counts_working_days_over_national_day() {
        let cal = Calendar::builtin();
        // Comments closed on Friday 2025-09-26; Sunday 09-28 and Saturday 10-11 are 调休
        // working days, 10-01…10-08 the National Day holiday.
        let due = report_deadline(&cal, d("2025-09-26"), 20);
        assert_eq!(due, d("2025-10-30"));
        assert_eq!(
            report_timeliness(&cal, due, Some(d("2025-10-30")), d("2025-11-03")),
            ReportTimeliness::OnTime
        );
        assert_eq!(
            report_timeliness(&cal, due, Some(d("2025-10-31")), d("2025-11-03")),
            ReportTimeliness::Late { working_days: 1 }
        );
        assert_eq!(
            report_timeliness(&cal, due, None, d("2025-10-28")),
            ReportTimeliness::Due {
                working_days_left: 2
            }
        );
        assert_eq!(
            report_timeliness(&cal, due, None, d("2025-11-03")),
            ReportTimeliness::Overdue { working_days: 2 }
        );
    }
}
