//! Serving anonymous visitors from the page cache (`backend::page_cache`): which requests
//! may be answered from it, how a rendered page is kept, and how a kept page is sent (the
//! visitor's own CSRF token put in, compressed, `ETag` and `304 Not Modified`).

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use backend::page_cache::{CachedPage, PageCache, PageKey};
use sha2::{Digest, Sha256};
use std::io::Write;

/// Public pages: the same for every anonymous visitor in a language and a reading mode.
/// Not the pages that take a personal token in their address (verification, unsubscribe),
/// receipts and status lookups, sign-in and staff pages.
pub fn cacheable(path: &str, query: Option<&str>) -> bool {
    const PUBLIC: [&str; 6] = [
        "/policies",
        "/departments/",
        "/timeliness",
        "/statistics",
        "/search",
        "/consultations",
    ];
    let public = path == "/" || PUBLIC.iter().any(|p| path.starts_with(p));
    public
        && path.len() + query.map_or(0, str::len) <= 1024
        && !query.is_some_and(|q| q.contains("token="))
}

pub fn key(path: &str, query: Option<&str>, session: &domain::model::SessionInfo) -> PageKey {
    PageKey {
        path_and_query: match query {
            Some(q) => format!("{path}?{q}"),
            None => path.to_string(),
        },
        locale: session.locale,
        elder: session.elder,
    }
}

/// Keeps a page just rendered for `token`'s visitor (a 200 HTML page that sets no cookie of
/// its own), and answers with it as a kept page is answered.
pub async fn keep(
    cache: &PageCache,
    key: PageKey,
    generation: u64,
    response: Response,
    token: &str,
    request: &HeaderMap,
) -> Response {
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let keepable = response.status() == StatusCode::OK
        && content_type.starts_with("text/html")
        && !response.headers().contains_key(header::SET_COOKIE)
        && !response.headers().contains_key(header::CONTENT_ENCODING);
    if !keepable {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 8 * 1024 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let page = tokio::task::spawn_blocking({
        let token = token.to_string();
        move || prepare(&bytes, &token, content_type)
    })
    .await;
    let Ok(page) = page else {
        return Response::from_parts(parts, Body::empty());
    };
    let answer = answer(&page, token, request, false);
    cache.insert(key, page, generation);
    answer
}

/// Cuts the page where the token is, and compresses it once when it has none.
fn prepare(html: &[u8], token: &str, content_type: String) -> CachedPage {
    let parts: Vec<Vec<u8>> = split(html, token.as_bytes());
    let whole = parts.concat();
    let digest = hex::encode(&Sha256::digest(&whole)[..12]);
    let (br, gzip) = if parts.len() == 1 {
        (Some(brotli(&whole).into()), Some(gzip(&whole).into()))
    } else {
        (None, None)
    };
    CachedPage {
        parts: parts.into_iter().map(bytes::Bytes::from).collect(),
        br,
        gzip,
        digest,
        content_type,
    }
}

fn split(haystack: &[u8], needle: &[u8]) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut rest = haystack;
    while !needle.is_empty()
        && let Some(at) = rest.windows(needle.len()).position(|w| w == needle)
    {
        parts.push(rest[..at].to_vec());
        rest = &rest[at + needle.len()..];
    }
    parts.push(rest.to_vec());
    parts
}

fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 4);
    {
        // Quality 9: a fraction of a millisecond per page more than on the fly, once.
        let mut w = ::brotli::CompressorWriter::new(&mut out, 32 * 1024, 9, 22);
        let _ = w.write_all(data);
    }
    out
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(9));
    let _ = e.write_all(data);
    e.finish().unwrap_or_default()
}

/// Whether the request accepts `coding` (`Accept-Encoding`, a `q=0` refuses).
fn accepts(request: &HeaderMap, coding: &str) -> bool {
    request
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut fields = item.split(';').map(str::trim);
            fields
                .next()
                .is_some_and(|c| c.eq_ignore_ascii_case(coding))
                && !fields.any(|f| f.replace(' ', "") == "q=0" || f.replace(' ', "") == "q=0.0")
        })
}

/// A kept page for this visitor: their token in it, compressed when it can be, and
/// `304 Not Modified` when the browser has it already.
pub fn answer(page: &CachedPage, token: &str, request: &HeaderMap, hit: bool) -> Response {
    let with_token = page.parts.len() > 1;
    // A page with a token is this visitor's: its tag says whose, and no shared cache keeps it.
    let etag = if with_token {
        format!(
            "\"{}-{}\"",
            page.digest,
            hex::encode(&Sha256::digest(token.as_bytes())[..4])
        )
    } else {
        format!("\"{}\"", page.digest)
    };
    let cache_control = if with_token {
        "private, no-cache"
    } else {
        "public, max-age=0, s-maxage=10"
    };
    let not_modified = request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().trim_start_matches("W/") == etag);
    let (status, body, encoding) = if not_modified {
        (StatusCode::NOT_MODIFIED, Body::empty(), None)
    } else if let Some(br) = page.br.as_ref().filter(|_| accepts(request, "br")) {
        (StatusCode::OK, Body::from(br.clone()), Some("br"))
    } else if let Some(gz) = page.gzip.as_ref().filter(|_| accepts(request, "gzip")) {
        (StatusCode::OK, Body::from(gz.clone()), Some("gzip"))
    } else {
        (StatusCode::OK, Body::from(page.with_token(token)), None)
    };
    let mut response = Response::new(body);
    *response.status_mut() = status;
    let h = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&page.content_type) {
        h.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    // The language and reading mode come from cookies and Accept-Language.
    h.insert(
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"),
    );
    if let Some(coding) = encoding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    h.insert(
        "x-page-cache",
        HeaderValue::from_static(if hit { "hit" } else { "miss" }),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_pages_without_personal_tokens_are_kept() {
        for (path, query) in [
            ("/", None),
            ("/policies/3", None),
            ("/consultations/1", Some("article=general")),
            ("/search", Some("q=%E6%94%BF%E7%AD%96")),
            ("/consultations/2/report", None),
        ] {
            assert!(cacheable(path, query), "{path}");
        }
        for (path, query) in [
            ("/login", None),
            ("/staff", None),
            ("/admin/audit", None),
            ("/comments/receipt/HY-2026-000001", None),
            ("/comments/verify", Some("token=abc")),
            ("/unsubscribe", Some("token=abc")),
            ("/consultations/1", Some("token=abc")),
            ("/search", Some(&*"q=".repeat(600))),
        ] {
            assert!(!cacheable(path, query), "{path}");
        }
    }

    #[test]
    fn each_visitor_gets_their_own_token_and_tag() {
        let html = b"<form><input name=\"csrf\" value=\"TOKEN-A\"></form><p>TOKEN-A</p>";
        let page = prepare(html, "TOKEN-A", "text/html; charset=utf-8".into());
        assert_eq!(page.parts.len(), 3);
        assert!(
            page.br.is_none(),
            "a page with a token is compressed per answer"
        );
        let a = answer(&page, "TOKEN-A", &HeaderMap::new(), true);
        let b = answer(&page, "TOKEN-B", &HeaderMap::new(), true);
        assert_ne!(a.headers()[header::ETAG], b.headers()[header::ETAG]);
        assert_eq!(a.headers()[header::CACHE_CONTROL], "private, no-cache");
        assert_eq!(
            &page.with_token("TOKEN-B")[..],
            b"<form><input name=\"csrf\" value=\"TOKEN-B\"></form><p>TOKEN-B</p>"
        );
        // The browser's copy: 304.
        let mut request = HeaderMap::new();
        request.insert(header::IF_NONE_MATCH, b.headers()[header::ETAG].clone());
        assert_eq!(
            answer(&page, "TOKEN-B", &request, true).status(),
            StatusCode::NOT_MODIFIED
        );
        assert_eq!(
            answer(&page, "TOKEN-A", &request, true).status(),
            StatusCode::OK
        );
    }

    #[test]
    fn a_page_without_a_token_is_sent_compressed_as_accepted() {
        let page = prepare(
            "<p>政策</p>".repeat(100).as_bytes(),
            "TOKEN",
            "text/html".into(),
        );
        let mut request = HeaderMap::new();
        request.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br;q=0"),
        );
        let r = answer(&page, "TOKEN", &request, true);
        assert_eq!(r.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(
            r.headers()[header::CACHE_CONTROL],
            "public, max-age=0, s-maxage=10"
        );
        request.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, br"),
        );
        assert_eq!(
            answer(&page, "TOKEN", &request, true).headers()[header::CONTENT_ENCODING],
            "br"
        );
        let plain = answer(&page, "TOKEN", &HeaderMap::new(), true);
        assert!(!plain.headers().contains_key(header::CONTENT_ENCODING));
    }
}
