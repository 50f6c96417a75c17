//! The adoption of comments (采纳情况): the drafting department's workspace of decisions, and
//! the published report. All forms are plain POSTs.

use crate::api::*;
use crate::components::*;
use crate::domain::adoption::{Outcome, ReportTimeliness};
use crate::i18n::{Msg, outcome_msg, reason_msg};
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

mod report;
mod workspace;

pub use report::*;
pub use workspace::*;

/// The report deadline in words (colour is never the only sign).
pub(crate) fn report_timeliness_text(t: ReportTimeliness) -> (String, &'static str) {
    match t {
        ReportTimeliness::OnTime => (
            crate::components::t(Msg::ReportOnTime).to_string(),
            "on_time",
        ),
        ReportTimeliness::Late { working_days } => (
            tf(Msg::ReportLate, &[("n", &working_days.to_string())]),
            "late",
        ),
        ReportTimeliness::Due { working_days_left } => (
            tf(Msg::ReportDue, &[("n", &working_days_left.to_string())]),
            "due",
        ),
        ReportTimeliness::Overdue { working_days } => (
            tf(Msg::ReportOverdue, &[("n", &working_days.to_string())]),
            "overdue",
        ),
    }
}

/// A decision's outcome as a badge.
#[component]
pub fn OutcomeBadge(outcome: Outcome) -> impl IntoView {
    view! { <span class=format!("badge outcome-{}", outcome.as_str())>{t(outcome_msg(outcome))}</span> }
}
