//! Administration: the working-day calendar and staff accounts.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, Staff, done};
use axum::extract::Path;
use axum::response::Response;
use backend::forms::NewUserForm;
use backend::{calendar_store, users};
use domain::i18n::Msg;

pub async fn save_calendar(
    c: Ctx,
    Staff(user): Staff,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let entries = form.get("entries").map(String::as_str).unwrap_or("");
    match calendar_store::save(&c.state, &user, entries).await {
        Ok(()) => done("/admin/calendar", Msg::NoticeCalendarSaved),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// The admin calendar page again, with the pasted notice read into a month-by-month
/// preview and the entries filled in for saving (nothing is saved here).
pub async fn preview_calendar_notice(
    c: Ctx,
    Staff(user): Staff,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let c = c.at("/admin/calendar");
    let notice = form.get("notice").map(String::as_str).unwrap_or("");
    match calendar_store::read_notice(&user, notice).await {
        Ok(_) => {
            let mut fb = domain::model::FormFeedback::default();
            fb.values.insert("notice".into(), notice.to_string());
            c.page(axum::http::StatusCode::OK, Some(fb)).await
        }
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn create_user(
    c: Ctx,
    Staff(user): Staff,
    CsrfForm(form): CsrfForm<NewUserForm>,
) -> Response {
    match users::create(&c.state, &user, &form).await {
        Ok(_) => done("/admin/users", Msg::NoticeUserCreated),
        // What was typed is shown again, never the password.
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn set_user_active(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let c = c.at("/admin/users");
    let active = form.get("active").is_some_and(|v| v == "true");
    match users::set_active(&c.state, &user, id, active).await {
        Ok(()) => done("/admin/users", Msg::NoticeUserUpdated),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}
