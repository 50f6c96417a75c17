//! The drafting department answers comments and publishes the adoption report.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, Staff, done, typed};
use crate::web::see_other;
use axum::extract::{Path, RawQuery};
use axum::response::Response;
use backend::adoption;
use backend::forms::DecisionForm;
use domain::i18n::Msg;

/// The workspace's address with the filters it was on (only the workspace's own, re-encoded:
/// the query goes back out in a `Location`).
fn workspace_path(id: i32, query: Option<&str>) -> String {
    let kept: Vec<(String, String)> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| matches!(k.as_str(), "article" | "cluster" | "undecided" | "page"))
            .collect();
    let query = serde_urlencoded::to_string(&kept).unwrap_or_default();
    let path = format!("/staff/consultations/{id}/decisions");
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// A decision for the ticked comments (`ids` repeated), a group or an article; all of them
/// or none. Back to the same page of the workspace, saying how many were decided.
pub async fn decide(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    RawQuery(query): RawQuery,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Response {
    let back = workspace_path(id, query.as_deref());
    let c = c.at(&back);
    let fields: FormMap = pairs.iter().filter(|(k, _)| k != "ids").cloned().collect();
    let form = DecisionForm {
        ids: pairs
            .iter()
            .filter(|(k, _)| k == "ids")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
        ..typed(&fields)
    };
    match adoption::decide(&c.state, &user, id, &form).await {
        Ok(n) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            see_other(&format!(
                "{back}{sep}notice={}&n={n}",
                Msg::NoticeDecided.key()
            ))
        }
        Err(e) => c.service_error(e, &form).await,
    }
}

/// Publishes the report, or says why not (and how many comments still lack a decision).
pub async fn publish_report(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<FormMap>,
) -> Response {
    let c = c.at(&workspace_path(id, None));
    match adoption::publish_report(&c.state, &user, id).await {
        Ok(_) => done(
            &format!("/consultations/{id}/report"),
            Msg::NoticeReportPublished,
        ),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}
