//! Pure domain rules, the data exchanged between pages and services (`model`) and the
//! message catalogue (`i18n`): no I/O, compiled for the server and the browser, unit-tested
//! alone. Every other crate depends on this one; it depends on none of them.
pub mod adoption;
pub mod article_ties;
pub mod articles;
pub mod attachments;
pub mod calendar;
pub mod calendar_notice;
pub mod consultation;
pub mod deadline;
pub mod doc_number;
#[cfg(not(target_arch = "wasm32"))]
pub mod draft_changes;
pub mod i18n;
pub mod model;
pub mod near_duplicates;
pub mod policy;
pub mod rate_limit;
#[cfg(not(target_arch = "wasm32"))]
pub mod statutory_holidays;

/// HTML-escapes text for places where the framework does not (the SSR `<title>`, textarea
/// content, the article markup of policy bodies): the one escaper of the project.
pub fn escape_text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}
