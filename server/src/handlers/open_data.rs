//! What machines read: robots.txt, the sitemap and the Atom feeds.

use super::Ctx;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use backend::adoption::csv_line;
use backend::feeds::{self, FeedKind};
use backend::state::AppState;
use domain::i18n::{Locale, Msg};

/// `robots.txt`: everything public may be indexed; staff, admin and the server functions not.
pub async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /staff\nDisallow: /admin\nDisallow: /api/\nDisallow: /comments/\n\nSitemap: {}/sitemap.xml\n",
        state.config.site_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

/// `sitemap.xml` (sitemaps.org) of the public pages.
pub async fn sitemap(c: Ctx) -> Response {
    let entries = match backend::sitemap::entries(&c.state).await {
        Ok(e) => e,
        Err(e) => return c.service_error(e, super::NO_FORM).await,
    };
    let site = &c.state.config.site_url;
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (path, changed) in entries {
        xml.push_str("<url><loc>");
        xml.push_str(&domain::escape_text(&format!("{site}{path}")));
        xml.push_str("</loc>");
        if let Some(d) = changed {
            xml.push_str(&format!("<lastmod>{d}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    (
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8")],
        xml,
    )
        .into_response()
}

/// What a feed entry announces, as its category and summary.
fn kind_msg(kind: FeedKind) -> Msg {
    match kind {
        FeedKind::Policy => Msg::FeedPolicy,
        FeedKind::Interpretation => Msg::FeedInterpretation,
        FeedKind::ConsultationOpened => Msg::FeedConsultation,
        FeedKind::ReportPublished => Msg::FeedReport,
    }
}

/// An Atom feed (RFC 4287) of what is new, site-wide or of one department.
async fn atom(c: Ctx, code: Option<String>) -> Response {
    use atom_syndication::{Category, Entry, Feed, Link, Text};
    let entries = match feeds::entries(&c.state, code.as_deref()).await {
        Ok(e) => e,
        Err(e) => return c.service_error(e, super::NO_FORM).await,
    };
    let site = c.state.config.site_url.clone();
    let china = chrono::FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset");
    let locale = Locale::default();
    let self_path = match &code {
        Some(code) => format!("/departments/{code}/feed.atom"),
        None => "/feeds/atom.xml".to_string(),
    };
    let page_path = match &code {
        Some(code) => format!("/departments/{code}"),
        None => "/".to_string(),
    };
    let link = |href: String, rel: &str| {
        let mut l = Link::default();
        l.set_href(href);
        l.set_rel(rel.to_string());
        l
    };
    let mut feed = Feed::default();
    feed.set_title(Text::plain(match &code {
        Some(code) => format!("{} · {code}", Msg::FeedTitle.text(locale)),
        None => Msg::FeedTitle.text(locale).to_string(),
    }));
    feed.set_id(format!("{site}{self_path}"));
    feed.set_lang(locale.tag().to_string());
    feed.set_links(vec![
        link(format!("{site}{self_path}"), "self"),
        link(format!("{site}{page_path}"), "alternate"),
    ]);
    let mut author = atom_syndication::Person::default();
    author.set_name(Msg::SiteName.text(locale).to_string());
    feed.set_authors(vec![author]);
    let updated = entries
        .first()
        .map(|e| e.updated)
        .unwrap_or_else(|| c.state.now());
    feed.set_updated(updated.with_timezone(&china));
    feed.set_entries(
        entries
            .into_iter()
            .map(|e| {
                let what = kind_msg(e.kind).text(locale);
                let mut entry = Entry::default();
                entry.set_id(format!("{site}/#{}", e.key));
                entry.set_title(Text::plain(e.title));
                entry.set_updated(e.updated.with_timezone(&china));
                entry.set_links(vec![link(format!("{site}{}", e.path), "alternate")]);
                entry.set_summary(Some(Text::plain(what.to_string())));
                let mut category = Category::default();
                category.set_term(what.to_string());
                entry.set_categories(vec![category]);
                entry
            })
            .collect::<Vec<_>>(),
    );
    (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        feed.to_string(),
    )
        .into_response()
}

/// The site-wide feed.
pub async fn feed(c: Ctx) -> Response {
    atom(c, None).await
}

/// One department's feed.
pub async fn department_feed(c: Ctx, Path(code): Path<String>) -> Response {
    atom(c, Some(code)).await
}

/// `?year=…&department=…` of the annual report's download.
#[derive(serde::Deserialize)]
pub struct AnnualQuery {
    year: Option<String>,
    department: Option<String>,
}

/// The annual report's tables as one CSV (UTF-8 with a byte-order mark): the title, then
/// each table's title, head and rows, a blank line between tables — as the page lays them
/// out, in the reader's language.
pub async fn annual_csv(c: Ctx, Query(q): Query<AnnualQuery>) -> Response {
    let year = match q.year.as_deref().map(str::parse::<i32>) {
        None => chrono::Datelike::year(&c.state.today()),
        Some(Ok(y)) => y,
        Some(Err(_)) => return c.error(axum::http::StatusCode::NOT_FOUND).await,
    };
    let department = q.department.filter(|d| !d.is_empty());
    let stats = match backend::statistics::statistics(&c.state, year, department.as_deref()).await {
        Ok(s) => s,
        Err(e) => return c.service_error(e, super::NO_FORM).await,
    };
    let locale = c.session.locale;
    let mut csv = format!("\u{feff}{}", csv_line(&[stats.annual_title(locale)]));
    for table in stats.annual_tables(locale) {
        csv.push_str("\r\n");
        csv.push_str(&csv_line(&[table.title]));
        csv.push_str(&csv_line(&table.head));
        for row in &table.rows {
            csv.push_str(&csv_line(row));
        }
    }
    let name = match &department {
        Some(d) => format!("annual-report-{year}-{d}.csv"),
        None => format!("annual-report-{year}.csv"),
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", urlencoding::encode(&name)),
            ),
        ],
        csv,
    )
        .into_response()
}

/// The latest open-data archive (`huiyin export`, rebuilt by the server every
/// `HUIYIN_EXPORT_HOURS`), streamed from its file with range requests; 404 until the first
/// one is built.
pub async fn open_data_archive(
    State(state): State<AppState>,
    req: axum::extract::Request,
) -> Response {
    let path = backend::bulk::archive_path(&state);
    match tower_http::services::ServeFile::new(path)
        .try_call(req)
        .await
    {
        Ok(r) => {
            let mut r = r.into_response();
            if r.status().is_success() {
                r.headers_mut().insert(
                    header::CONTENT_DISPOSITION,
                    axum::http::HeaderValue::from_static(
                        "attachment; filename=\"huiyin-open-data.tar.gz\"",
                    ),
                );
            }
            r
        }
        Err(e) => {
            tracing::error!(error = %e, "open-data archive");
            axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
