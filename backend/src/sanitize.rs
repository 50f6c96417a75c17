//! Everything user-written that is rendered as HTML goes through here (ammonia allowlist).

use crate::domain::articles;
use std::collections::HashSet;

use crate::domain::escape_text as escape;

/// The allowlist for bodies: structure and emphasis, tables, and links to http(s)/mailto.
fn cleaner() -> ammonia::Builder<'static> {
    let mut b = ammonia::Builder::default();
    b.tags(HashSet::from([
        "p",
        "br",
        "h2",
        "h3",
        "h4",
        "ul",
        "ol",
        "li",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "blockquote",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "a",
        "span",
        "sup",
        "sub",
    ]))
    .generic_attributes(HashSet::new())
    .tag_attributes(std::collections::HashMap::from([
        ("a", HashSet::from(["href"])),
        ("td", HashSet::from(["colspan", "rowspan"])),
        ("th", HashSet::from(["colspan", "rowspan"])),
    ]))
    .url_schemes(HashSet::from(["http", "https", "mailto"]))
    .link_rel(Some("noopener noreferrer"))
    .strip_comments(true);
    b
}

/// Sanitizes limited HTML from staff input.
pub fn clean_html(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Does this body look like HTML rather than plain text?
pub fn looks_like_html(body: &str) -> bool {
    let t = body.trim_start();
    t.starts_with('<') && t.contains('>')
}

/// Renders a policy or interpretation body: plain text becomes paragraphs with article and
/// heading anchors; HTML is sanitized. Either way the result has passed ammonia.
pub fn render_body(body: &str) -> String {
    if looks_like_html(body) {
        return clean_html(body);
    }
    let html: String = text_blocks(body)
        .into_iter()
        .map(|(_, h)| h + "\n")
        .collect();
    // Final pass through ammonia with our own anchor ids allowed, nothing else added.
    let mut b = cleaner();
    b.add_tag_attributes("p", ["id", "class"])
        .add_tag_attributes("h3", ["id"])
        .add_tag_attributes("h4", ["id"]);
    b.attribute_filter(|_, attr, value| match attr {
        "id" if value.starts_with("art-") || value.starts_with("sec-") => Some(value.into()),
        "id" => None,
        "class" if value == "article" => Some(value.into()),
        "class" => None,
        _ => Some(value.into()),
    });
    b.clean(&html).to_string()
}

/// The paragraphs of a plain-text body, each with its article/heading entry if it has one.
/// The HTML is escaped text in our own markup; callers pass it through ammonia (render_body)
/// or use it as it is (it contains nothing user-written unescaped).
pub fn text_blocks(body: &str) -> Vec<(Option<articles::OutlineEntry>, String)> {
    text_lines(body)
        .into_iter()
        .map(|(entry, html, _)| (entry, html))
        .collect()
}

/// `text_blocks` with each paragraph's own line (trimmed) beside it.
pub fn text_lines(body: &str) -> Vec<(Option<articles::OutlineEntry>, String, &str)> {
    let mut anchors: std::collections::HashMap<usize, articles::OutlineEntry> =
        articles::outline(body).into_iter().collect();
    let mut out = Vec::new();
    // A （一） heading before any 一、 heading is the text's top level: h3, so the page's
    // headings never skip a level (h2 "正文", then h4).
    let mut top_seen = false;
    for (index, raw) in body.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let entry = anchors.remove(&index);
        let html = match &entry {
            Some(entry) if entry.level == 3 => {
                let label_len = entry.label.len().min(line.len());
                let (label, rest) = line.split_at(if line.is_char_boundary(label_len) {
                    label_len
                } else {
                    0
                });
                format!(
                    "<p class=\"article\" id=\"{}\"><strong>{}</strong>{}</p>",
                    entry.anchor,
                    escape(label),
                    escape(rest)
                )
            }
            Some(entry) => {
                top_seen |= entry.level == 1;
                let tag = if entry.level == 1 || !top_seen {
                    "h3"
                } else {
                    "h4"
                };
                format!("<{tag} id=\"{}\">{}</{tag}>", entry.anchor, escape(line))
            }
            None => format!("<p>{}</p>", escape(line)),
        };
        out.push((entry, html, line));
    }
    out
}

/// Plain text (interpretation answers, reasons) to safe HTML paragraphs.
pub fn text_to_html(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>", escape(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_tags_are_removed() {
        let out = render_body("<p>政策<script>alert(1)</script>正文</p>");
        assert!(!out.contains("script"), "{out}");
        assert!(out.contains("政策"));
    }

    #[test]
    fn event_handlers_and_javascript_urls_are_stripped() {
        let out = clean_html(
            r#"<p onclick="steal()">点<a href="javascript:alert(1)" onmouseover="x()">这里</a><img src=x onerror=alert(1)></p>"#,
        );
        assert!(
            !out.contains("onclick") && !out.contains("onmouseover") && !out.contains("onerror"),
            "{out}"
        );
        assert!(!out.contains("javascript:"), "{out}");
        assert!(!out.contains("<img"), "{out}");
    }

    #[test]
    fn user_ids_are_not_kept_but_anchors_are_added_to_text() {
        let html = clean_html(r#"<p id="art-1" style="color:red">x</p>"#);
        assert!(!html.contains("id=") && !html.contains("style"), "{html}");
        let text = render_body(
            "第一条 为了规范政策解读，制定本办法。\n第二条 <b>解读</b>与文件同步发布。",
        );
        assert!(text.contains(r#"id="art-1""#), "{text}");
        assert!(text.contains(r#"id="art-2""#), "{text}");
        assert!(
            text.contains("&lt;b&gt;解读&lt;/b&gt;"),
            "text input is escaped, not interpreted: {text}"
        );
    }

    #[test]
    fn text_headings_get_section_anchors() {
        let out = render_body("一、总体情况\n正文一段。\n（一）主动公开\n内容");
        assert!(out.contains(r#"<h3 id="sec-1">"#), "{out}");
        assert!(out.contains(r#"<h4 id="sec-1-1">"#), "{out}");
        // Without a 一、 heading above them, （一） headings are the top level.
        let out = render_body("（一）加强组织领导\n内容\n（二）压实责任\n一、总体\n（一）细则");
        assert!(out.contains(r#"<h3 id="sec-0-1">"#), "{out}");
        assert!(out.contains(r#"<h3 id="sec-0-2">"#), "{out}");
        assert!(out.contains(r#"<h4 id="sec-1-1">"#), "{out}");
    }

    #[test]
    fn plain_text_is_escaped() {
        assert_eq!(text_to_html("a<b>\n\n c "), "<p>a&lt;b&gt;</p>\n<p>c</p>");
    }
}
