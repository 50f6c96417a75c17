//! Staff sign-in and sign-out, and the language switch.

use super::{CsrfForm, Ctx, FormMap};
use crate::web::{self, ClientAddr, PageAnswer, render, see_other};
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::Response;
use backend::auth::{self, LANG_COOKIE, LoginError, MODE_COOKIE, SESSION_COOKIE};
use backend::state::AppState;
use domain::i18n::Msg;
use domain::model::FormFeedback;
use std::collections::HashMap;

pub async fn login(
    c: Ctx,
    Extension(addr): Extension<ClientAddr>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let c = c.at("/login");
    let username = form.get("username").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    let next = form
        .get("next")
        .and_then(|n| web::local_path(n))
        .unwrap_or("/staff")
        .to_string();
    match auth::authenticate(&c.state, &username, &password, &addr.to_string()).await {
        Ok(user) => match auth::create_session(&c.state.db, user.id).await {
            Ok((token, _csrf)) => {
                let mut r = see_other(&next);
                r.headers_mut().append(
                    header::SET_COOKIE,
                    web::set_cookie(
                        &c.state,
                        SESSION_COOKIE,
                        &token,
                        Some(auth::SESSION_DAYS * 86400),
                        true,
                    ),
                );
                r
            }
            Err(e) => c.service_error(e.into(), &form).await,
        },
        Err(err) => {
            let (status, msg, arg) = match err {
                LoginError::Failed => (StatusCode::UNAUTHORIZED, Msg::LoginFailed, None),
                LoginError::Throttled(mins) => (
                    StatusCode::TOO_MANY_REQUESTS,
                    Msg::LoginThrottled,
                    Some(mins.to_string()),
                ),
                LoginError::Db(e) => {
                    tracing::error!(error = %e, "login failed");
                    return c.error(StatusCode::INTERNAL_SERVER_ERROR).await;
                }
            };
            // The password is never shown again; the username is.
            let mut fb = FormFeedback::default();
            fb.values.insert("username".into(), username);
            fb.errors.insert("login".into(), (msg.key().into(), arg));
            let login_uri: Uri = format!("/login?next={}", urlencoding::encode(&next))
                .parse()
                .unwrap_or(Uri::from_static("/login"));
            let answer = PageAnswer::form(status, Some(fb));
            render(&c.state, &c.session, &c.headers, &login_uri, answer).await
        }
    }
}

pub async fn logout(c: Ctx, CsrfForm(_): CsrfForm<FormMap>) -> Response {
    if let Some(token) = web::cookie(&c.headers, SESSION_COOKIE)
        && let Err(e) = auth::end_session(&c.state.db, &token).await
    {
        tracing::error!(error = %e, "logout failed");
    }
    let mut r = super::done("/login", Msg::LoggedOut);
    r.headers_mut().append(
        header::SET_COOKIE,
        web::set_cookie(&c.state, SESSION_COOKIE, "", Some(0), true),
    );
    r
}

/// The reading-mode switch (适老化), by link like the language: sets or clears the cookie and
/// goes back (to a page of this site only), saying what changed there.
pub async fn set_reading_mode(
    State(state): State<AppState>,
    Path(mode): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let back = q
        .get("back")
        .and_then(|b| web::local_path(b))
        .unwrap_or("/");
    let elder = mode == "elder";
    if !elder && mode != "standard" {
        return see_other(back);
    }
    let sep = if back.contains('?') { '&' } else { '?' };
    let mut r = see_other(&format!(
        "{back}{sep}mode={}",
        if elder { "on" } else { "off" }
    ));
    r.headers_mut().append(
        header::SET_COOKIE,
        if elder {
            web::set_cookie(&state, MODE_COOKIE, "elder", Some(365 * 86400), false)
        } else {
            web::set_cookie(&state, MODE_COOKIE, "", Some(0), false)
        },
    );
    r
}

/// Language switch by link: sets the preference cookie and goes back (to a page of this
/// site only).
pub async fn set_language(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let back = q
        .get("back")
        .and_then(|b| web::local_path(b))
        .unwrap_or("/");
    let mut r = see_other(back);
    if let Some(locale) = domain::i18n::Locale::from_tag(&tag) {
        r.headers_mut().append(
            header::SET_COOKIE,
            web::set_cookie(&state, LANG_COOKIE, locale.tag(), Some(365 * 86400), false),
        );
    }
    r
}
