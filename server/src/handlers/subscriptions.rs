//! Subscriptions to consultation notices, without an account.

use super::{CsrfForm, Ctx, NO_FORM, done};
use crate::web::ClientAddr;
use axum::extract::Query;
use axum::http::header;
use axum::response::Response;
use axum::{Extension, Form};
use backend::forms::SubscribeForm;
use backend::subscriptions;
use domain::i18n::Msg;
use std::collections::HashMap;

/// Start a subscription (double opt-in: the confirmation link is mailed).
pub async fn subscribe(
    c: Ctx,
    Extension(addr): Extension<ClientAddr>,
    CsrfForm(form): CsrfForm<SubscribeForm>,
) -> Response {
    let c = c.at("/subscribe");
    let locale = c.session.locale;
    match subscriptions::subscribe(&c.state, &form, &addr.to_string(), locale).await {
        Ok(()) => done("/subscribe", Msg::NoticeSubscribeCheckMail),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// The POST from the button on the confirmation link's page.
pub async fn confirm_subscription(c: Ctx, Form(form): Form<HashMap<String, String>>) -> Response {
    let token = form.get("token").map(String::as_str).unwrap_or("");
    match subscriptions::confirm(&c.state, token).await {
        Ok(true) => done("/subscribe", Msg::NoticeSubscribed),
        Ok(false) => done("/subscribe", Msg::VerifyInvalid),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// Unsubscribe: from the page's button, or the mail client's one-click POST (RFC 8058),
/// which carries no cookie and no CSRF token — the unguessable token is the authority.
pub async fn unsubscribe(
    c: Ctx,
    Query(q): Query<HashMap<String, String>>,
    body: axum::body::Bytes,
) -> Response {
    // Mail clients post url-encoded or multipart bodies with the token in the URL; the
    // page's form sends it url-encoded in the body.
    let urlencoded = c
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let from_body = urlencoded
        .then(|| serde_urlencoded::from_bytes::<Vec<(String, String)>>(&body).ok())
        .flatten()
        .and_then(|pairs| pairs.into_iter().find(|(k, _)| k == "token"))
        .map(|(_, v)| v);
    let token = from_body
        .or_else(|| q.get("token").cloned())
        .unwrap_or_default();
    match subscriptions::unsubscribe(&c.state, &token).await {
        Ok(true) => done("/subscribe", Msg::NoticeUnsubscribed),
        Ok(false) => done("/subscribe", Msg::UnsubscribeUnknown),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}
