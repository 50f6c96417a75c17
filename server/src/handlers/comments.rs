//! A citizen's comment: submitted without an account, confirmed by email, followed by its
//! tracking number.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, done};
use crate::web::{ClientAddr, see_other};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Form};
use backend::consultations::{self, VerifyOutcome};
use backend::forms::CommentForm;
use backend::state::AppState;
use domain::i18n::Msg;
use std::collections::HashMap;

/// Status lookups allowed per client address and per tracking number in an hour.
const LOOKUPS_PER_ADDRESS_HOUR: usize = 30;
const LOOKUPS_PER_NUMBER_HOUR: usize = 10;

/// Stored durably before the receipt is shown.
pub async fn submit_comment(
    c: Ctx,
    Extension(addr): Extension<ClientAddr>,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Response {
    let c = c.at(&format!("/consultations/{id}"));
    let locale = c.session.locale;
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
/// logs), throttled: tracking numbers are sequential, so anyone who knows an address could
/// otherwise try every number and learn where its owner commented.
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
    let ip_key = format!("lookup:ip:{addr}");
    let number_key = format!("lookup:number:{}", tracking.trim().to_uppercase());
    if let Err(wait) = AppState::limit(&c.state.lookup_rate, |l| {
        l.try_acquire(
            &[
                (&ip_key, LOOKUPS_PER_ADDRESS_HOUR),
                (&number_key, LOOKUPS_PER_NUMBER_HOUR),
            ],
            std::time::Instant::now(),
        )
    }) {
        let minutes = wait.as_secs().div_ceil(60).max(1).to_string();
        fb.errors.insert(
            "lookup".into(),
            (Msg::LookupThrottled.key().into(), Some(minutes)),
        );
        return c.page(StatusCode::TOO_MANY_REQUESTS, Some(fb)).await;
    }
    match consultations::lookup(&c.state, &tracking, &email).await {
        Ok(Some(found)) => {
            fb.comment_lookup = Some(found);
            c.page(StatusCode::OK, Some(fb)).await
        }
        Ok(None) => {
            fb.errors
                .insert("lookup".into(), (Msg::StatusNotFound.key().into(), None));
            c.page(StatusCode::NOT_FOUND, Some(fb)).await
        }
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}
