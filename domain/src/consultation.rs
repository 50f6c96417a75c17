//! Public consultations (公开征求意见) and their comments: the period rule, the states a
//! consultation passes through by time, tracking numbers, comment validation and the
//! moderation state machine. Pure: the caller passes "now".

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The national rules for major administrative decisions: normally not less than 30 days.
pub const MIN_PERIOD_DAYS: i64 = 30;
pub const COMMENT_MAX_CHARS: usize = 5000;
pub const DISPLAY_NAME_MAX_CHARS: usize = 40;

/// States of a consultation. All but `Draft` follow from the clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConsultationState {
    /// Being prepared by the drafting department, not public.
    Draft,
    /// Public, not yet open for comments.
    Scheduled,
    /// 征求意见中
    Open,
    /// 已截止
    Closed,
    /// 已公布采纳情况
    ReportPublished,
}

impl ConsultationState {
    pub fn key(self) -> &'static str {
        match self {
            ConsultationState::Draft => "draft",
            ConsultationState::Scheduled => "scheduled",
            ConsultationState::Open => "open",
            ConsultationState::Closed => "closed",
            ConsultationState::ReportPublished => "report_published",
        }
    }
}

pub fn state_at(
    released: bool,
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    report_published: bool,
    now: DateTime<Utc>,
) -> ConsultationState {
    if !released {
        ConsultationState::Draft
    } else if report_published {
        ConsultationState::ReportPublished
    } else if now < opens_at {
        ConsultationState::Scheduled
    } else if now < closes_at {
        ConsultationState::Open
    } else {
        ConsultationState::Closed
    }
}

/// Whole days left until closing, rounded up (0 once closed).
pub fn days_left(closes_at: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let secs = (closes_at - now).num_seconds();
    if secs <= 0 {
        0
    } else {
        (secs + 86_399) / 86_400
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PeriodError {
    #[error("the period must end after it starts")]
    EndsBeforeStart,
    #[error("a period shorter than 30 days needs a reason, shown to the public")]
    ShortWithoutReason,
}

/// The date in China (UTC+8) at an instant.
pub fn china_date(at: DateTime<Utc>) -> chrono::NaiveDate {
    (at + chrono::Duration::hours(8)).date_naive()
}

/// Midnight at the start of a date in China (UTC+8), as UTC.
pub fn china_midnight(d: chrono::NaiveDate) -> DateTime<Utc> {
    use chrono::TimeZone;
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()) - chrono::Duration::hours(8)
}

/// Checks a comment period: at least 30 days, unless a reason for a shorter one is given.
pub fn check_period(
    opens_at: DateTime<Utc>,
    closes_at: DateTime<Utc>,
    short_reason: Option<&str>,
) -> Result<(), PeriodError> {
    if closes_at <= opens_at {
        return Err(PeriodError::EndsBeforeStart);
    }
    let has_reason = short_reason.is_some_and(|r| !r.trim().is_empty());
    if closes_at - opens_at < chrono::Duration::days(MIN_PERIOD_DAYS) && !has_reason {
        return Err(PeriodError::ShortWithoutReason);
    }
    Ok(())
}

/// A comment's tracking number, e.g. `HY-2026-000123`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingNumber {
    pub year: i32,
    pub serial: u32,
}

impl TrackingNumber {
    pub fn parse(s: &str) -> Option<TrackingNumber> {
        let s = s.trim().to_ascii_uppercase();
        let rest = s.strip_prefix("HY-")?;
        let (year, serial) = rest.split_once('-')?;
        if year.len() != 4
            || serial.len() < 6
            || serial.len() > 9
            || !year
                .chars()
                .chain(serial.chars())
                .all(|c| c.is_ascii_digit())
        {
            return None;
        }
        Some(TrackingNumber {
            year: year.parse().ok()?,
            serial: serial.parse().ok()?,
        })
    }
}

impl fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HY-{}-{:06}", self.year, self.serial)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CommentTextError {
    #[error("empty")]
    Empty,
    #[error("too long")]
    TooLong,
    #[error("contains binary or control characters")]
    Binary,
}

/// Normalises a comment: line breaks kept (as `\n`), trailing spaces trimmed, at most
/// 5,000 characters, no control characters (binary uploads pasted as text are refused).
pub fn clean_comment(text: &str) -> Result<String, CommentTextError> {
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
    {
        return Err(CommentTextError::Binary);
    }
    let normalised: String = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    let trimmed = normalised.trim();
    if trimmed.is_empty() {
        return Err(CommentTextError::Empty);
    }
    if trimmed.chars().count() > COMMENT_MAX_CHARS {
        return Err(CommentTextError::TooLong);
    }
    Ok(trimmed.to_string())
}

/// Where a comment is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum CommentStatus {
    /// 已收到，待邮箱确认
    #[cfg_attr(feature = "db", sea_orm(string_value = "unverified"))]
    Unverified,
    /// 待审核
    #[cfg_attr(feature = "db", sea_orm(string_value = "awaiting_moderation"))]
    AwaitingModeration,
    /// 已公开
    #[cfg_attr(feature = "db", sea_orm(string_value = "published"))]
    Published,
    /// 未公开
    #[cfg_attr(feature = "db", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Unverified => "unverified",
            CommentStatus::AwaitingModeration => "awaiting_moderation",
            CommentStatus::Published => "published",
            CommentStatus::Rejected => "rejected",
        }
    }
    pub fn parse(s: &str) -> Option<CommentStatus> {
        [
            CommentStatus::Unverified,
            CommentStatus::AwaitingModeration,
            CommentStatus::Published,
            CommentStatus::Rejected,
        ]
        .into_iter()
        .find(|c| c.as_str() == s)
    }
}

/// Why a comment is not published.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RejectReason {
    Spam,
    Abusive,
    OffTopic,
    PersonalData,
    Duplicate,
}

impl RejectReason {
    pub const ALL: [RejectReason; 5] = [
        RejectReason::Spam,
        RejectReason::Abusive,
        RejectReason::OffTopic,
        RejectReason::PersonalData,
        RejectReason::Duplicate,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::Spam => "spam",
            RejectReason::Abusive => "abusive",
            RejectReason::OffTopic => "off_topic",
            RejectReason::PersonalData => "personal_data",
            RejectReason::Duplicate => "duplicate",
        }
    }
    pub fn parse(s: &str) -> Option<RejectReason> {
        RejectReason::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CommentEvent {
    /// The commenter followed the emailed link (or staff entered a paper comment).
    Verified,
    Approve,
    Reject(RejectReason),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not possible in the current state")]
pub struct CommentTransitionError;

/// The moderation state machine: verify → moderate → published or not. A decision can be
/// revised by an editor (a published comment withdrawn, a rejected one reconsidered).
pub fn comment_transition(
    from: CommentStatus,
    event: CommentEvent,
) -> Result<CommentStatus, CommentTransitionError> {
    use CommentEvent as E;
    use CommentStatus as S;
    match (from, event) {
        (S::Unverified, E::Verified) => Ok(S::AwaitingModeration),
        (S::AwaitingModeration | S::Rejected, E::Approve) => Ok(S::Published),
        (S::AwaitingModeration | S::Published, E::Reject(_)) => Ok(S::Rejected),
        _ => Err(CommentTransitionError),
    }
}

/// Shown in place of redacted personal data. Fixed length, so the mask does not reveal how
/// long the hidden text was.
pub const REDACTION_MASK: &str = "＊＊＊";

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RedactError {
    #[error("nothing to redact")]
    EmptySpan,
    #[error("the text does not contain the span")]
    NotFound,
}

/// 隐去个人信息: replaces every occurrence of `span` in `text` by the mask, returning the
/// new text and how many occurrences were hidden. The original stays with staff.
pub fn redact(text: &str, span: &str) -> Result<(String, usize), RedactError> {
    let span = span.trim();
    if span.is_empty() {
        return Err(RedactError::EmptySpan);
    }
    let n = text.matches(span).count();
    if n == 0 {
        return Err(RedactError::NotFound);
    }
    Ok((text.replace(span, REDACTION_MASK), n))
}

/// What an editor did, as recorded in the append-only audit log (审核日志).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum AuditAction {
    #[cfg_attr(feature = "db", sea_orm(string_value = "approve"))]
    Approve,
    #[cfg_attr(feature = "db", sea_orm(string_value = "reject"))]
    Reject,
    #[cfg_attr(feature = "db", sea_orm(string_value = "redact"))]
    Redact,
    /// An editor entered a paper or mailed comment on a citizen's behalf.
    #[cfg_attr(feature = "db", sea_orm(string_value = "enter_comment"))]
    EnterComment,
    /// The drafting department decided (or revised its decision) on a comment (采纳情况).
    #[cfg_attr(feature = "db", sea_orm(string_value = "decide"))]
    Decide,
}

impl AuditAction {
    pub const ALL: [AuditAction; 5] = [
        AuditAction::Approve,
        AuditAction::Reject,
        AuditAction::Redact,
        AuditAction::EnterComment,
        AuditAction::Decide,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Approve => "approve",
            AuditAction::Reject => "reject",
            AuditAction::Redact => "redact",
            AuditAction::EnterComment => "enter_comment",
            AuditAction::Decide => "decide",
        }
    }
    pub fn parse(s: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// How a comment reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum CommentChannel {
    #[cfg_attr(feature = "db", sea_orm(string_value = "online"))]
    Online,
    /// 纸质意见 handed in
    #[cfg_attr(feature = "db", sea_orm(string_value = "paper"))]
    Paper,
    /// 信函 by post
    #[cfg_attr(feature = "db", sea_orm(string_value = "letter"))]
    Letter,
}

impl CommentChannel {
    pub const ALL: [CommentChannel; 3] = [
        CommentChannel::Online,
        CommentChannel::Paper,
        CommentChannel::Letter,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            CommentChannel::Online => "online",
            CommentChannel::Paper => "paper",
            CommentChannel::Letter => "letter",
        }
    }
    pub fn parse(s: &str) -> Option<CommentChannel> {
        CommentChannel::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0).unwrap()
    }

    #[test]
    fn states_follow_the_clock() {
        let (o, c) = (at(10, 0), at(20, 0));
        assert_eq!(
            state_at(false, o, c, false, at(15, 0)),
            ConsultationState::Draft
        );
        assert_eq!(
            state_at(true, o, c, false, at(9, 23)),
            ConsultationState::Scheduled
        );
        assert_eq!(
            state_at(true, o, c, false, at(10, 0)),
            ConsultationState::Open
        );
        assert_eq!(
            state_at(true, o, c, false, at(19, 23)),
            ConsultationState::Open
        );
        assert_eq!(
            state_at(true, o, c, false, at(20, 0)),
            ConsultationState::Closed
        );
        assert_eq!(
            state_at(true, o, c, true, at(25, 0)),
            ConsultationState::ReportPublished
        );
    }

    #[test]
    fn days_left_rounds_up_and_stops_at_zero() {
        assert_eq!(days_left(at(20, 0), at(19, 23)), 1);
        assert_eq!(days_left(at(20, 0), at(10, 0)), 10);
        assert_eq!(days_left(at(20, 0), at(10, 1)), 10);
        assert_eq!(days_left(at(20, 0), at(21, 0)), 0);
    }

    #[test]
    fn thirty_days_unless_a_reason_is_given() {
        let o = Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap();
        assert_eq!(
            check_period(o, o + chrono::Duration::days(30), None),
            Ok(())
        );
        assert_eq!(
            check_period(o, o + chrono::Duration::days(29), None),
            Err(PeriodError::ShortWithoutReason)
        );
        assert_eq!(
            check_period(o, o + chrono::Duration::days(29), Some("  ")),
            Err(PeriodError::ShortWithoutReason)
        );
        assert_eq!(
            check_period(o, o + chrono::Duration::days(15), Some("防汛紧急事项")),
            Ok(())
        );
        assert_eq!(
            check_period(o, o, Some("x")),
            Err(PeriodError::EndsBeforeStart)
        );
    }

    #[test]
    fn tracking_numbers_round_trip() {
        let n = TrackingNumber {
            year: 2026,
            serial: 123,
        };
        assert_eq!(n.to_string(), "HY-2026-000123");
        assert_eq!(TrackingNumber::parse(" hy-2026-000123 "), Some(n));
        assert_eq!(
            TrackingNumber::parse("HY-2026-1234567"),
            Some(TrackingNumber {
                year: 2026,
                serial: 1_234_567
            })
        );
        for bad in [
            "",
            "HY-26-000123",
            "HY-2026-12",
            "XX-2026-000123",
            "HY-2026-00012a",
        ] {
            assert_eq!(TrackingNumber::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn comments_keep_line_breaks_and_refuse_binary_and_overlong_text() {
        assert_eq!(
            clean_comment("  第三条建议：\r\n延长期限。  \r\n\r\n谢谢  "),
            Ok("第三条建议：\n延长期限。\n\n谢谢".into())
        );
        assert_eq!(clean_comment(" \n\t "), Err(CommentTextError::Empty));
        assert_eq!(
            clean_comment("PK\u{3}\u{4}\u{0}binary"),
            Err(CommentTextError::Binary)
        );
        assert_eq!(
            clean_comment(&"意".repeat(5000)).map(|s| s.chars().count()),
            Ok(5000)
        );
        assert_eq!(
            clean_comment(&"意".repeat(5001)),
            Err(CommentTextError::TooLong)
        );
    }

    #[test]
    fn moderation_state_machine() {
        use CommentEvent as E;
        use CommentStatus as S;
        assert_eq!(
            comment_transition(S::Unverified, E::Verified),
            Ok(S::AwaitingModeration)
        );
        assert_eq!(
            comment_transition(S::Unverified, E::Approve),
            Err(CommentTransitionError),
            "unverified never published"
        );
        assert_eq!(
            comment_transition(S::AwaitingModeration, E::Verified),
            Err(CommentTransitionError),
            "replayed verification"
        );
        assert_eq!(
            comment_transition(S::AwaitingModeration, E::Approve),
            Ok(S::Published)
        );
        assert_eq!(
            comment_transition(S::AwaitingModeration, E::Reject(RejectReason::Spam)),
            Ok(S::Rejected)
        );
        assert_eq!(
            comment_transition(S::Published, E::Reject(RejectReason::PersonalData)),
            Ok(S::Rejected)
        );
        assert_eq!(
            comment_transition(S::Rejected, E::Approve),
            Ok(S::Published)
        );
        assert_eq!(
            comment_transition(S::Published, E::Approve),
            Err(CommentTransitionError)
        );
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(r));
        }
    }

    #[test]
    fn redaction_hides_every_occurrence_and_refuses_what_is_not_there() {
        let text = "我的电话是13800138000，请回电13800138000。";
        let (out, n) = redact(text, " 13800138000 ").unwrap();
        assert_eq!(n, 2);
        assert_eq!(out, "我的电话是＊＊＊，请回电＊＊＊。");
        assert!(!out.contains("1380"));
        assert_eq!(redact(text, "  "), Err(RedactError::EmptySpan));
        assert_eq!(redact(text, "身份证"), Err(RedactError::NotFound));
    }

    #[test]
    fn audit_actions_and_channels_round_trip() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()), Some(a));
        }
        for c in CommentChannel::ALL {
            assert_eq!(CommentChannel::parse(c.as_str()), Some(c));
        }
        assert_eq!(AuditAction::parse("delete"), None);
        assert_eq!(CommentChannel::parse(""), None);
    }
}
