//! What is done to a rendered page on its way out.
//!
//! Leptos writes its hydration bootstrap (`__RESOLVED_RESOURCES=…`, `__INCOMPLETE_CHUNKS=…`)
//! into every page as inline scripts. In islands mode nothing outside an island is
//! serialized, so they only set empty lists, which `islands.js` sets itself on a page with
//! an island. They are taken out: no page carries an inline script, and the
//! Content-Security-Policy allows none.
//!
//! Leptos also writes `<!>` between adjacent text nodes, so that hydration can tell them
//! apart. Outside an island nothing is hydrated, and `<!>` is not valid HTML (the Nu checker
//! calls it a bogus comment): those are taken out too.

use axum::body::{Body, to_bytes};
use axum::http::header;
use axum::response::Response;

/// A page larger than this is passed on as it is (pages are tens of kilobytes).
const LIMIT: usize = 8 * 1024 * 1024;

/// Leptos's own inline scripts, known by how their text starts. User-written text never
/// reaches a page as a raw `<script` (it is escaped or sanitized), so only these match.
const BOOTSTRAP: [&str; 2] = ["__RESOLVED_RESOURCES=", "__INCOMPLETE_CHUNKS="];

/// The page without Leptos's hydration bootstrap and, outside islands, without its text
/// markers (`None`: nothing to take out).
pub fn finished_page(html: &str) -> Option<String> {
    let scripts = without_bootstrap(html);
    let page = scripts.as_deref().unwrap_or(html);
    if !page.contains("<!>") {
        return scripts;
    }
    let mut out = String::with_capacity(page.len());
    let mut rest = page;
    while let Some(start) = rest.find("<leptos-island") {
        out.push_str(&rest[..start].replace("<!>", ""));
        // Islands are not nested here: the island runs to its first closing tag.
        let end = rest[start..]
            .find("</leptos-island>")
            .map_or(rest.len(), |i| start + i + "</leptos-island>".len());
        out.push_str(&rest[start..end]);
        rest = &rest[end..];
    }
    out.push_str(&rest.replace("<!>", ""));
    Some(out)
}

fn without_bootstrap(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut changed = false;
    while let Some(start) = rest.find("<script") {
        let after_tag = rest[start..].find('>').map(|i| start + i + 1);
        let end = rest[start..]
            .find("</script>")
            .map(|i| start + i + "</script>".len());
        match (after_tag, end) {
            (Some(body), Some(end))
                if body <= end && BOOTSTRAP.iter().any(|b| rest[body..].starts_with(b)) =>
            {
                out.push_str(&rest[..start]);
                rest = &rest[end..];
                changed = true;
            }
            _ => {
                let keep = start + "<script".len();
                out.push_str(&rest[..keep]);
                rest = &rest[keep..];
            }
        }
    }
    out.push_str(rest);
    changed.then_some(out)
}

/// Applies `finished_page` to an HTML response.
pub async fn finish(response: Response) -> Response {
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = match to_bytes(body, LIMIT).await {
        Ok(b) => b,
        Err(e) => {
            tracing::error!(error = %e, "page body unreadable");
            parts.status = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
            return Response::from_parts(parts, Body::empty());
        }
    };
    let body = match std::str::from_utf8(&bytes).ok().and_then(finished_page) {
        Some(html) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(html)
        }
        None => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<html><head><script nonce="abc">__RESOLVED_RESOURCES=[];__SERIALIZED_ERRORS=[];</script></head><body><p>正文 &lt;script&gt;</p>"#;

    #[test]
    fn a_page_loses_the_bootstrap_only() {
        let page =
            format!(r#"{HEAD}<script nonce="abc">__INCOMPLETE_CHUNKS=[];</script></body></html>"#);
        assert_eq!(
            finished_page(&page).as_deref(),
            Some("<html><head></head><body><p>正文 &lt;script&gt;</p></body></html>")
        );
    }

    #[test]
    fn text_markers_go_outside_islands_only() {
        let page = "<p>共<!>3<!>件</p><leptos-island data-component=\"x\"><b>a<!>b</b></leptos-island><p>x<!>y</p>";
        assert_eq!(
            finished_page(page).as_deref(),
            Some(
                "<p>共3件</p><leptos-island data-component=\"x\"><b>a<!>b</b></leptos-island><p>xy</p>"
            )
        );
        // Escaped text that looks like one is text, and stays.
        assert_eq!(finished_page("<p>&lt;!&gt;</p>"), None);
    }

    #[test]
    fn other_scripts_are_kept() {
        let other = r#"<html><script type="module" src="/pkg/islands.js"></script><script>run()</script><p>x</p></html>"#;
        assert_eq!(finished_page(other), None);
        // An unclosed tag is left alone, not a panic.
        assert_eq!(finished_page("<p>a</p><script"), None);
    }
}
