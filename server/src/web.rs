//! HTTP plumbing shared by the handlers: the session layer (who is asking, in which language,
//! with which CSRF token), CSRF and origin checks, cookies, security headers, and rendering a
//! page of the app with a status (error pages, forms shown again with their errors).

use app::ForcedError;
use app::i18n::Locale;
use app::model::{FormFeedback, SessionInfo};
use app::server::auth::{self, CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE};
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age: Option<i64>,
    http_only: bool,
) -> HeaderValue {
    let mut c = format!("{name}={value}; Path=/; SameSite=Lax");
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if http_only {
        c.push_str("; HttpOnly");
    }
    if state.config.secure_cookies {
        c.push_str("; Secure");
    }
    HeaderValue::from_str(&c).unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// Resolves the session for every request and adds security headers to every response.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers().clone();
    let locale = cookie(&headers, LANG_COOKIE)
        .and_then(|t| Locale::from_tag(&t))
        .or_else(|| {
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Locale::from_accept_language)
        })
        .unwrap_or_default();
    let mut info = SessionInfo {
        user: None,
        csrf: String::new(),
        locale,
    };
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        match auth::resolve_session(&state.db, &token).await {
            Ok(Some((user, csrf))) => {
                info.user = Some(user);
                info.csrf = csrf;
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "session lookup failed"),
        }
    }
    let mut new_csrf = None;
    if info.user.is_none() {
        match cookie(&headers, CSRF_COOKIE)
            .filter(|c| c.len() == 64 && c.chars().all(|ch| ch.is_ascii_hexdigit()))
        {
            Some(c) => info.csrf = c,
            None => {
                let c = auth::random_token();
                info.csrf = c.clone();
                new_csrf = Some(c);
            }
        }
    }
    let wants_page =
        req.method() == axum::http::Method::GET || req.method() == axum::http::Method::POST;
    let path = req.uri().path().to_string();
    let page_path = !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/uploads/")
        || path == "/healthz");
    req.extensions_mut().insert(info.clone());
    let mut response = next.run(req).await;
    // Rejections from extractors (a malformed id, a form of the wrong type, a body over the
    // limit) are plain text; people get the site's error page instead.
    let status = response.status();
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if wants_page && page_path && (status.is_client_error() || status.is_server_error()) && !is_html
    {
        response = error_page(&state, &info, &headers, status).await;
    }
    if let Some(c) = new_csrf {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(&state, CSRF_COOKIE, &c, None, true),
        );
    }
    let h = response.headers_mut();
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
    response
}

/// Rejects form posts from another site: the CSRF token must match, and where the browser
/// says where the form came from (Origin, Sec-Fetch-Site) it must be this site.
pub fn check_csrf(session: &SessionInfo, headers: &HeaderMap, token: Option<&str>) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return false;
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        let host = headers
            .get(header::HOST)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let origin_host = origin.split("://").nth(1).unwrap_or_default();
        if origin == "null" || origin_host != host {
            return false;
        }
    }
    match token {
        Some(t) => !session.csrf.is_empty() && auth::constant_time_eq(t, &session.csrf),
        None => false,
    }
}

/// Renders the app at `uri` for this session with an optional form feedback or forced error
/// page, and sets the status.
pub async fn render(
    state: &AppState,
    session: &SessionInfo,
    uri: &Uri,
    headers: &HeaderMap,
    status: StatusCode,
    feedback: Option<FormFeedback>,
    forced: Option<ForcedError>,
) -> Response {
    let mut builder = Request::builder().method("GET").uri(uri.clone());
    for (k, v) in headers {
        if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
            builder = builder.header(k, v);
        }
    }
    let Ok(mut req) = builder.body(Body::empty()) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    req.extensions_mut().insert(session.clone());
    let st = state.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(st.clone());
            provide_context(st.leptos_options.clone());
            if let Some(fb) = feedback.clone() {
                provide_context(fb);
            }
            if let Some(f) = forced {
                provide_context(f);
            }
        },
        move || app::shell(options.clone()),
    );
    let mut response = handler(req).await;
    *response.status_mut() = status;
    response
}

pub async fn error_page(
    state: &AppState,
    session: &SessionInfo,
    headers: &HeaderMap,
    status: StatusCode,
) -> Response {
    let uri = Uri::from_static("/");
    render(
        state,
        session,
        &uri,
        headers,
        status,
        None,
        Some(ForcedError(status.as_u16())),
    )
    .await
}

/// 303 See Other: after a POST, the browser GETs the result.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub fn login_redirect(uri: &Uri) -> Response {
    see_other(&format!("/login?next={}", app::urlencode(uri.path())))
}
