//! A citizen's comment: submitted without an account, confirmed by email, followed by its
//! tracking number.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, done};
use crate::web::{ClientAddr, see_other};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use backend::consultations::{self, LookupOutcome, VerifyOutcome};
use backend::error::ServiceError;
use backend::forms::CommentForm;
use domain::i18n::Msg;
use std::collections::HashMap;

/// Stored durably before the receipt is shown.
pub async fn submit_comment(
    c: Ctx,
    Extension(addr): Extension<ClientAddr>,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Response {
    let c = c.at(&format!("/consultations/{id}"));
    let locale = c.session.locale;
    // More submissions at once than the database takes in: refused at once, the citizen's
    // text kept on the page, rather than left waiting until the request times out.
    let Ok(_permit) = c.state.intake.clone().try_acquire_owned() else {
        let busy = backend::error::Invalid::one("body", Msg::ErrBusy, None);
        return c.service_error(ServiceError::Busy(busy, 5), &form).await;
    };
    match consultations::submit_comment(&c.state, id, &form, &addr.to_string(), locale).await {
        Ok(tracking) => see_other(&format!("/comments/receipt/{tracking}")),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// The POST from the button on the mail link's page (the GET only shows the button). Used
/// once; a replay changes nothing.
pub async fn verify_comment(c: Ctx, Form(form): Form<HashMap<String, String>>) -> Response {
    let token = form.get("token").map(String::as_str).unwrap_or("");
    match consultations::verify(&c.state, token).await {
        Ok(VerifyOutcome::Verified) => done("/comments/status", Msg::VerifiedNotice),
        Ok(VerifyOutcome::Invalid) => done("/comments/status", Msg::VerifyInvalid),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// Status lookup by tracking number and email (POST, so the email stays out of URLs and
/// logs); the service throttles it.
pub async fn comment_status(
    c: Ctx,
    Extension(addr): Extension<ClientAddr>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let tracking = form.get("tracking_number").cloned().unwrap_or_default();
    let email = form.get("email").cloned().unwrap_or_default();
    let mut fb = domain::model::FormFeedback::default();
    fb.values.insert("tracking_number".into(), tracking.clone());
    fb.values.insert("email".into(), email.clone());
    let ip = addr.to_string();
    let found = consultations::lookup_throttled(&c.state, &tracking, &email, &ip).await;
    let (status, error) = match found {
        Ok(LookupOutcome::Found(found)) => {
            fb.comment_lookup = Some(found);
            (StatusCode::OK, None)
        }
        Ok(LookupOutcome::NotFound) => (StatusCode::NOT_FOUND, Some((Msg::StatusNotFound, None))),
        Ok(LookupOutcome::Throttled { minutes }) => (
            StatusCode::TOO_MANY_REQUESTS,
            Some((Msg::LookupThrottled, Some(minutes.to_string()))),
        ),
        Err(e) => return c.service_error(e, NO_FORM).await,
    };
    if let Some((msg, arg)) = error {
        fb.errors.insert("lookup".into(), (msg.key().into(), arg));
    }
    c.page(status, Some(fb)).await
}
