//! Editors decide on comments: approve or reject one, a selection or a near-duplicate group,
//! and hide personal data in a comment's public text.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, Staff, done};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use backend::consultations::{self, MAX_SELECTED, Selection};
use domain::consultation::{CommentEvent, RejectReason};
use domain::i18n::Msg;

/// Approve or reject: `ids` repeated (the ticked comments) or `group` (a whole group).
pub async fn moderate(
    c: Ctx,
    Staff(user): Staff,
    Path(action): Path<String>,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/staff/moderation");
    // Who may, before the request is looked at.
    if let Err(e) = consultations::require_editor(&user) {
        return c.service_error(e, NO_FORM).await;
    }
    let form: FormMap = pairs.iter().filter(|(k, _)| k != "ids").cloned().collect();
    let selection = match form.get("group").map(|g| g.parse::<i32>()) {
        Some(Ok(group)) => Selection::Group(group),
        Some(Err(_)) => return c.error(StatusCode::BAD_REQUEST).await,
        None => {
            let ids: Vec<i32> = pairs
                .iter()
                .filter(|(k, _)| k == "ids")
                .filter_map(|(_, v)| v.parse().ok())
                .collect();
            if ids.len() > MAX_SELECTED {
                return c.error(StatusCode::BAD_REQUEST).await;
            }
            Selection::Ids(ids)
        }
    };
    let event = match action.as_str() {
        "approve" => CommentEvent::Approve,
        "reject" => match form.get("reason").and_then(|r| RejectReason::parse(r)) {
            Some(r) => CommentEvent::Reject(r),
            None => return c.error(StatusCode::BAD_REQUEST).await,
        },
        _ => return c.error(StatusCode::NOT_FOUND).await,
    };
    let note = form.get("note").map(String::as_str);
    match consultations::moderate(&c.state, &user, &selection, event, note).await {
        Ok(_) => done("/staff/moderation", Msg::NoticeModerated),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// Hide a span of personal data in one comment's public text.
pub async fn redact_comment(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let c = c.at("/staff/moderation");
    let span = form.get("span").cloned().unwrap_or_default();
    match consultations::redact(&c.state, &user, id, &span).await {
        Ok(()) => redirect_to_comment(id),
        // Each comment has its own redaction form on the queue page.
        Err(e) => {
            let typed = FormMap::from([(format!("span-{id}"), span)]);
            c.service_error(e, &typed).await
        }
    }
}

/// Back to the queue, at the redacted comment.
fn redirect_to_comment(id: i32) -> Response {
    crate::web::see_other(&format!(
        "/staff/moderation?notice={}#mod-{id}",
        Msg::NoticeRedacted.key()
    ))
}
