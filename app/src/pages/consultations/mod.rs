//! Consultations: the public list and page with the comment form, the receipt, the status
//! lookup; staff: opening a consultation and moderating comments. All forms are plain POSTs.

use crate::api::*;
use crate::components::*;
use crate::domain::consultation::{
    AuditAction, CommentChannel, CommentStatus, ConsultationState, RejectReason,
};
use crate::i18n::{Msg, reason_msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

mod audit;
mod follow;
mod moderation;
mod paper;
mod public;
mod staff;

pub use audit::*;
pub use follow::*;
pub use moderation::*;
pub use paper::*;
pub use public::*;
pub use staff::*;

pub(crate) fn china_date(t: chrono::DateTime<chrono::Utc>) -> String {
    use_locale().date((t + chrono::Duration::hours(8)).date_naive())
}

pub(crate) fn state_msg(s: ConsultationState) -> Msg {
    match s {
        ConsultationState::Open => Msg::ConsultationsOpen,
        ConsultationState::Scheduled => Msg::ConsultationsUpcoming,
        _ => Msg::ConsultationsClosed,
    }
}

pub(crate) fn comment_status_msg(s: CommentStatus) -> Msg {
    match s {
        CommentStatus::Unverified => Msg::CommentStatusUnverified,
        CommentStatus::AwaitingModeration => Msg::CommentStatusAwaiting,
        CommentStatus::Published => Msg::CommentStatusPublished,
        CommentStatus::Rejected => Msg::CommentStatusRejected,
    }
}

/// (closing closes_at is exclusive midnight: show the last day)
pub(crate) fn period_text(c: &ConsultationSummary) -> String {
    tf(
        Msg::ConsultationPeriod,
        &[
            ("from", &china_date(c.opens_at)),
            (
                "to",
                &china_date(c.closes_at - chrono::Duration::seconds(1)),
            ),
        ],
    )
}

pub fn channel_msg(c: CommentChannel) -> Msg {
    match c {
        CommentChannel::Online => Msg::ChannelOnline,
        CommentChannel::Paper => Msg::ChannelPaper,
        CommentChannel::Letter => Msg::ChannelLetter,
    }
}

/// The consent to publication: the citizen's own (required in the browser too), or the one an
/// editor records for a letter.
#[component]
pub(crate) fn ConsentField(label: Msg, required: bool) -> impl IntoView {
    let fb = use_feedback();
    let checked = fb.values.get("consent").is_some_and(|v| v == "on");
    let error = fb.errors.contains_key("consent");
    view! {
        <div class="field checkbox" class:has-error=error>
            {error.then(|| view! { <p class="error" id="f-consent-error">{t(Msg::ErrConsent)}</p> })}
            <label for="f-consent">
                <input id="f-consent" name="consent" type="checkbox" checked=checked required=required aria-describedby=error.then_some("f-consent-error")/>
                " "{t(label)}
            </label>
        </div>
    }
}
