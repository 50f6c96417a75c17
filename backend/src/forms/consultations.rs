//! The form a drafting department opens a consultation with (征求意见稿).

use super::{BODY_MAX, Check, TITLE_MAX, checked};
use crate::domain::consultation::{PeriodError, check_period, china_midnight};
use crate::error::Invalid;
use crate::i18n::Msg;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsultationForm {
    pub title: String,
    pub draft_text: String,
    pub explanatory_note: String,
    /// The first and last day comments are taken, in China's time.
    pub opens_on: String,
    pub closes_on: String,
    pub short_period_reason: String,
    /// Released at once, rather than kept as a draft.
    pub release: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewConsultation {
    pub title: String,
    pub draft_text: String,
    pub explanatory_note: String,
    pub opens_at: DateTime<Utc>,
    /// The end of the last day (midnight after it).
    pub closes_at: DateTime<Utc>,
    pub short_period_reason: Option<String>,
    pub release: bool,
}

impl TryFrom<&ConsultationForm> for NewConsultation {
    type Error = Invalid;
    fn try_from(f: &ConsultationForm) -> Result<NewConsultation, Invalid> {
        let mut c = Check::default();
        let title = c.required("title", &f.title, TITLE_MAX);
        let draft_text = c.required("draft_text", &f.draft_text, BODY_MAX);
        let explanatory_note = c.required("explanatory_note", &f.explanatory_note, BODY_MAX);
        let opens = c.date("opens_on", &f.opens_on, 2000..=2100, true);
        let closes = c.date("closes_on", &f.closes_on, 2000..=2100, true);
        let reason = f.short_period_reason.trim();
        let short_period_reason = (!reason.is_empty()).then(|| reason.to_string());
        let period = opens.zip(closes).map(|(o, c)| {
            (
                china_midnight(o),
                china_midnight(c) + chrono::Duration::days(1),
            )
        });
        if let Some((opens_at, closes_at)) = period {
            match check_period(opens_at, closes_at, short_period_reason.as_deref()) {
                Ok(()) => {}
                Err(PeriodError::EndsBeforeStart) => c.fail("closes_on", Msg::ErrDateOrder, None),
                Err(PeriodError::ShortWithoutReason) => {
                    c.fail("short_period_reason", Msg::ErrShortPeriod, None)
                }
            }
        }
        c.finish(period.map(|(opens_at, closes_at)| NewConsultation {
            title,
            draft_text,
            explanatory_note,
            opens_at,
            closes_at,
            short_period_reason,
            release: checked(&f.release),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(opens: &str, closes: &str, reason: &str) -> ConsultationForm {
        ConsultationForm {
            title: "关于修订《条例》的征求意见稿".into(),
            draft_text: "第一条 目的".into(),
            explanatory_note: "起草说明".into(),
            opens_on: opens.into(),
            closes_on: closes.into(),
            short_period_reason: reason.into(),
            release: "on".into(),
        }
    }

    #[test]
    fn a_period_of_thirty_days_in_china_time() {
        let n = NewConsultation::try_from(&form("2026-12-01", "2026-12-30", "")).unwrap();
        assert_eq!(n.opens_at.to_rfc3339(), "2026-11-30T16:00:00+00:00");
        assert_eq!(n.closes_at.to_rfc3339(), "2026-12-30T16:00:00+00:00");
        assert!(n.release);
    }

    #[test]
    fn a_short_period_needs_a_reason_and_dates_must_be_in_order() {
        let e = NewConsultation::try_from(&form("2026-12-01", "2026-12-10", "")).unwrap_err();
        assert_eq!(e.message("short_period_reason"), Some(Msg::ErrShortPeriod));
        assert!(NewConsultation::try_from(&form("2026-12-01", "2026-12-10", "紧急")).is_ok());
        let e = NewConsultation::try_from(&form("2026-12-10", "2026-12-01", "x")).unwrap_err();
        assert_eq!(e.message("closes_on"), Some(Msg::ErrDateOrder));
        let e = NewConsultation::try_from(&form("2026-12-01", "", "")).unwrap_err();
        assert_eq!(e.message("closes_on"), Some(Msg::ErrDate));
    }
}
