//! What a request is allowed to claim: the client address (believed from trusted proxies
//! only), the origin and CSRF token of a form, where a redirect may lead; and how faults are
//! answered (server function statuses, panics).

use super::*;

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
        let Some(origin) = origin.to_str().ok().and_then(backend::config::site_origin) else {
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
                    backend::config::site_origin(&format!("{scheme}://{host}"))
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
