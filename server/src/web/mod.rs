//! HTTP plumbing shared by the handlers: the session layer (who is asking, in which language,
//! with which CSRF token), cookies, and rendering a page of the app with a
//! status (error pages, forms shown again with their errors). What a request may claim
//! (client address, origin, redirect targets) is checked in `guard`.

use app::ForcedError;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use backend::auth::{self, CSRF_COOKIE, LANG_COOKIE, MODE_COOKIE, SESSION_COOKIE};
use backend::config::Cidr;
use backend::state::AppState;
use domain::i18n::Locale;
use domain::model::{FormFeedback, SessionInfo};
use leptos::prelude::provide_context;
use std::net::{IpAddr, SocketAddr};

use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};

mod cached;
mod guard;
mod page_html;
pub use guard::*;

/// The value of a request cookie.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    CookieJar::from_headers(headers)
        .get(name)
        .map(|c| c.value().to_string())
}

/// A `Set-Cookie` for the whole site (`SameSite=Lax`; `Secure` when configured).
pub fn set_cookie(
    state: &AppState,
    name: &str,
    value: &str,
    max_age: Option<i64>,
    http_only: bool,
) -> HeaderValue {
    let mut c = Cookie::build((name.to_string(), value.to_string()))
        .path("/")
        .same_site(SameSite::Lax)
        .http_only(http_only)
        .secure(state.config.secure_cookies);
    if let Some(age) = max_age {
        c = c.max_age(cookie::time::Duration::seconds(age));
    }
    HeaderValue::from_str(&c.build().to_string())
        .unwrap_or_else(|_| HeaderValue::from_static("invalid=1"))
}

/// Resolves the session for every request and adds security headers to every response.
pub async fn session_layer(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let headers = req.headers().clone();
    let peer = req
        .extensions()
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([127, 0, 0, 1]));
    req.extensions_mut().insert(ClientAddr(client_addr(
        peer,
        &headers,
        &state.config.trusted_proxies,
    )));
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
        elder: cookie(&headers, MODE_COOKIE).is_some_and(|m| m == "elder"),
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
    let is_get = req.method() == axum::http::Method::GET;
    let wants_page = is_get || req.method() == axum::http::Method::POST;
    let path = req.uri().path().to_string();
    let page_path = !(path.starts_with("/api/")
        || path.starts_with("/pkg/")
        || path.starts_with("/uploads/")
        || path == "/healthz");
    req.extensions_mut().insert(info.clone());
    // Anonymous visitors of public pages: from the page cache when it has the page.
    let query = req.uri().query().map(str::to_string);
    let cache = is_get
        && info.user.is_none()
        && state.page_cache.enabled()
        && cached::cacheable(&path, query.as_deref());
    let cache_key = cache.then(|| cached::key(&path, query.as_deref(), &info));
    if let Some(page) = cache_key.as_ref().and_then(|k| state.page_cache.get(k)) {
        let response = cached::answer(&page, &info.csrf, &headers, true);
        return with_csrf_cookie(&state, response, new_csrf);
    }
    // A miss: one request renders the page, the others asking for it meanwhile wait and
    // take what it kept.
    let _turn = match &cache_key {
        Some(key) => {
            let turn = state.page_cache.render_turn(key).await;
            if let Some(page) = state.page_cache.get(key) {
                let response = cached::answer(&page, &info.csrf, &headers, true);
                return with_csrf_cookie(&state, response, new_csrf);
            }
            Some(turn)
        }
        None => None,
    };
    let generation = state.page_cache.generation();
    let signed_in_post = !is_get && info.user.is_some();
    let mut response = next.run(req).await;
    // What a signed-in user just changed (published, approved …) is forgotten by the page
    // cache of this instance before they see the result; other instances within a poll.
    if signed_in_post && let Err(e) = state.page_cache.poll(&state.db).await {
        tracing::warn!(error = %e, "page cache poll");
    }
    if path.starts_with("/api/") {
        response = server_fn_status(response).await;
    }
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
        response = error_page(&state, &info, &headers, status, is_get).await;
    }
    if wants_page && page_path {
        response = page_html::finish(response).await;
    }
    if let Some(key) = cache_key {
        response = cached::keep(
            &state.page_cache,
            key,
            generation,
            response,
            &info.csrf,
            &headers,
        )
        .await;
    }
    // The open-data API takes no forms: its answers carry no cookie (and stay cacheable).
    with_csrf_cookie(
        &state,
        response,
        new_csrf.filter(|_| !path.starts_with("/api/v1/")),
    )
}

/// Sets the anonymous CSRF cookie made for this request, if one was.
fn with_csrf_cookie(
    state: &AppState,
    mut response: Response,
    new_csrf: Option<String>,
) -> Response {
    if let Some(c) = new_csrf {
        response.headers_mut().append(
            header::SET_COOKIE,
            set_cookie(state, CSRF_COOKIE, &c, None, true),
        );
    }
    response
}
/// How a page answers, besides its address: the status, a form shown again with its
/// feedback, an error page in place of the route, and whether the browser hydrates it.
pub struct PageAnswer {
    pub status: StatusCode,
    pub feedback: Option<FormFeedback>,
    pub forced: Option<ForcedError>,
    /// Whether the page's islands run in the browser: only for a GET of the page's own URL;
    /// a page answering a POST carries no script.
    pub hydrate: bool,
}

impl PageAnswer {
    /// A form page shown again in answer to a POST.
    pub fn form(status: StatusCode, feedback: Option<FormFeedback>) -> PageAnswer {
        PageAnswer {
            status,
            feedback,
            forced: None,
            hydrate: false,
        }
    }
}

/// Renders the app at `uri` for this session, the request's headers passed on.
pub async fn render(
    state: &AppState,
    session: &SessionInfo,
    headers: &HeaderMap,
    uri: &Uri,
    answer: PageAnswer,
) -> Response {
    let PageAnswer {
        status,
        feedback,
        forced,
        hydrate,
    } = answer;
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
    let options = crate::leptos_options(&state.config);
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(st.clone());
            provide_context(crate::leptos_options(&st.config));
            if let Some(fb) = feedback.clone() {
                provide_context(fb);
            }
            if let Some(f) = forced {
                provide_context(f);
            }
            if !hydrate {
                provide_context(app::NoHydration);
            }
        },
        move || app::shell(options.clone()),
    );
    let mut response = handler(req).await;
    *response.status_mut() = status;
    response
}

/// The site's error page for `status`; `hydrate` only when answering a GET.
pub async fn error_page(
    state: &AppState,
    session: &SessionInfo,
    headers: &HeaderMap,
    status: StatusCode,
    hydrate: bool,
) -> Response {
    let answer = PageAnswer {
        status,
        feedback: None,
        forced: Some(ForcedError(status.as_u16())),
        hydrate,
    };
    render(state, session, headers, &Uri::from_static("/"), answer).await
}

/// 303 See Other: after a POST, the browser GETs the result.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub fn login_redirect(uri: &Uri) -> Response {
    see_other(&format!("/login?next={}", urlencoding::encode(uri.path())))
}
