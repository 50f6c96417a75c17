//! HTTP plumbing shared by the handlers: the session layer (who is asking, in which language,
//! with which CSRF token), CSRF and origin checks, cookies, security headers, and rendering a
//! page of the app with a status (error pages, forms shown again with their errors).

use app::ForcedError;
use app::i18n::Locale;
use app::model::{FormFeedback, SessionInfo};
use app::server::auth::{self, CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE};
use app::server::config::Cidr;
use app::server::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;
use std::net::{IpAddr, SocketAddr};

/// The address of the person asking: the TCP peer, or, when the peer is a trusted reverse
/// proxy, the nearest address in `X-Forwarded-For` that is not itself a trusted proxy.
/// Addresses a client wrote itself (left of the first untrusted one) are never believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl std::fmt::Display for ClientAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

pub fn client_addr(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            // Garbage in the chain: stop at the last address we could believe.
            Err(_) => break,
        }
    }
    client
}

/// A redirect target from user input (`next`, `back`): only a path on this site. Refuses
/// anything a browser could read as another host: `//host`, `/\host` (browsers treat `\` as
/// `/`), control characters and whitespace (browsers drop tabs and newlines: `/\t/host`),
/// and the same in percent-encoded form.
pub fn local_path(target: &str) -> Option<&str> {
    fn bad(s: &str) -> bool {
        !s.starts_with('/')
            || s.starts_with("//")
            || s.contains('\\')
            || s.chars().any(char::is_control)
    }
    if target.len() > 2000 || bad(target) || target.contains(char::is_whitespace) {
        return None;
    }
    let decoded = urlencoding::decode(target).ok()?;
    if bad(&decoded) {
        return None;
    }
    // A second decoding must not reveal a host either (`%252F%252F`).
    let twice = urlencoding::decode(&decoded).ok()?;
    if bad(&twice) {
        return None;
    }
    Some(target)
}

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
    let mut response = next.run(req).await;
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

/// Server functions answer every error with 500; the status is set from the error the body
/// carries, so "not signed in", "not allowed", "not found" and a malformed call are 401, 403,
/// 404 and 400, and 500 stays for real faults.
pub async fn server_fn_status(res: axum::response::Response) -> axum::response::Response {
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    if let Ok(e) = serde_json::from_slice::<app::api::AppError>(&bytes)
        && let Ok(status) = StatusCode::from_u16(e.status())
    {
        parts.status = status;
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Rejects form posts from another site: the CSRF token must match, and where the browser
/// says where the form came from (Origin, Sec-Fetch-Site) it must be this site. "This site" is
/// the origin of `HUIYIN_SITE_URL` (a proxy may rewrite `Host`); without that setting, the
/// `Host` the browser asked for.
pub fn check_csrf(
    state: &AppState,
    session: &SessionInfo,
    headers: &HeaderMap,
    token: Option<&str>,
) -> bool {
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return false;
    }
    if let Some(origin) = headers.get(header::ORIGIN) {
        let Some(origin) = origin
            .to_str()
            .ok()
            .and_then(app::server::config::site_origin)
        else {
            return false; // "null", or not an origin at all
        };
        let ours = if state.config.site_url_fixed {
            state.config.site_origin()
        } else {
            headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .and_then(|host| {
                    let scheme = origin.split("://").next().unwrap_or("http");
                    app::server::config::site_origin(&format!("{scheme}://{host}"))
                })
        };
        if ours.as_deref() != Some(origin.as_str()) {
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
// Eight plain inputs of one rendering; the handler restructuring (issue: Structure) folds
// them into a page-answer type.
#[allow(clippy::too_many_arguments)]
pub async fn render(
    state: &AppState,
    session: &SessionInfo,
    uri: &Uri,
    headers: &HeaderMap,
    status: StatusCode,
    feedback: Option<FormFeedback>,
    forced: Option<ForcedError>,
    hydrate: bool,
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
    // Only a page rendered for a GET of its own URL hydrates: the browser's router would
    // render something else at a POST's URL (hydration stops with `unreachable`).
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
    let uri = Uri::from_static("/");
    render(
        state,
        session,
        &uri,
        headers,
        status,
        None,
        Some(ForcedError(status.as_u16())),
        hydrate,
    )
    .await
}

/// What a panic inside a request becomes: logged, and a plain 500 that the session layer turns
/// into the site's error page.
pub fn panic_response(err: Box<dyn std::any::Any + Send + 'static>) -> Response {
    let detail = err
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| err.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = detail, "request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        "internal error",
    )
        .into_response()
}

/// 303 See Other: after a POST, the browser GETs the result.
pub fn see_other(to: &str) -> Response {
    Redirect::to(to).into_response()
}

pub fn login_redirect(uri: &Uri) -> Response {
    see_other(&format!("/login?next={}", urlencoding::encode(uri.path())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_own_paths_are_redirect_targets() {
        for good in ["/", "/staff", "/policies/1?lang=en#art-3", "/a%20b"] {
            assert_eq!(local_path(good), Some(good), "{good}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\\/evil.example",
            "\\evil.example",
            "https://evil.example",
            "javascript:alert(1)",
            "evil.example",
            "/%5Cevil.example",
            "/%2F/evil.example",
            "/%09/evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/%252F%252Fevil.example",
            "",
        ] {
            assert_eq!(local_path(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn client_address_behind_trusted_proxies_only() {
        let trusted: Vec<Cidr> = vec!["10.0.0.0/8".parse().unwrap()];
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", "1.2.3.4, 10.0.0.7".parse().unwrap());
        let proxy: IpAddr = "10.0.0.5".parse().unwrap();
        let stranger: IpAddr = "8.8.8.8".parse().unwrap();
        assert_eq!(
            client_addr(proxy, &h, &trusted),
            "1.2.3.4".parse::<IpAddr>().unwrap()
        );
        // Not from a proxy: the header is the client's own claim and ignored.
        assert_eq!(client_addr(stranger, &h, &trusted), stranger);
        // A client prepending a fake address does not move past its real one.
        h.insert("x-forwarded-for", "9.9.9.9, 1.2.3.4".parse().unwrap());
        assert_eq!(
            client_addr(proxy, &h, &trusted),
            "1.2.3.4".parse::<IpAddr>().unwrap()
        );
        // No trusted proxies configured: always the peer.
        assert_eq!(client_addr(proxy, &h, &[]), proxy);
    }
}
