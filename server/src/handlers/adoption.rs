//! The drafting department answers comments and publishes the adoption report.

use super::{CsrfForm, Ctx, FormMap, NO_FORM, Staff, done, typed};
use crate::web::see_other;
use axum::body::Body;
use axum::extract::{Path, RawQuery};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use backend::adoption::{self, EXPORT_COLUMNS, ExportSource, csv_line};
use backend::forms::{DecisionForm, TemplateForm};
use backend::state::AppState;
use domain::i18n::Msg;
use futures_util::stream::{self, Stream, StreamExt};

/// The workspace's address with the filters it was on (only the workspace's own, re-encoded:
/// the query goes back out in a `Location`).
fn workspace_path(id: i32, query: Option<&str>) -> String {
    let kept: Vec<(String, String)> =
        serde_urlencoded::from_str::<Vec<(String, String)>>(query.unwrap_or(""))
            .unwrap_or_default()
            .into_iter()
            .filter(|(k, _)| {
                matches!(
                    k.as_str(),
                    "article" | "cluster" | "topic" | "undecided" | "page"
                )
            })
            .collect();
    let query = serde_urlencoded::to_string(&kept).unwrap_or_default();
    let path = format!("/staff/consultations/{id}/decisions");
    if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    }
}

/// A decision for the ticked comments (`ids` repeated), a group or an article; all of them
/// or none. Back to the same page of the workspace, saying how many were decided.
pub async fn decide(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    RawQuery(query): RawQuery,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Response {
    let back = workspace_path(id, query.as_deref());
    let c = c.at(&back);
    let form = decision_form(&pairs);
    match adoption::decide(&c.state, &user, id, &form).await {
        Ok(n) => {
            let sep = if back.contains('?') { '&' } else { '?' };
            see_other(&format!(
                "{back}{sep}notice={}&n={n}",
                Msg::NoticeDecided.key()
            ))
        }
        Err(e) => c.service_error(e, &form).await,
    }
}

/// The decision form from its fields, `ids` repeated (the ticked comments).
fn decision_form(pairs: &[(String, String)]) -> DecisionForm {
    let fields: FormMap = pairs.iter().filter(|(k, _)| k != "ids").cloned().collect();
    DecisionForm {
        ids: pairs
            .iter()
            .filter(|(k, _)| k == "ids")
            .filter_map(|(_, v)| v.parse().ok())
            .collect(),
        ..typed(&fields)
    }
}

/// Puts the ticked comments under a new topic (the decision form's second button), then
/// shows the topic.
pub async fn create_topic(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    RawQuery(query): RawQuery,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&workspace_path(id, query.as_deref()));
    let form = decision_form(&pairs);
    match adoption::create_topic(&c.state, &user, id, &form).await {
        Ok(topic) => done(
            &format!("/staff/consultations/{id}/decisions?topic={topic}"),
            Msg::NoticeTopicCreated,
        ),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// Ties the chosen comments to a change of the final text, or unties them (the decision
/// form's third and fourth buttons), then shows the same page of the workspace.
pub async fn tie_change(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    RawQuery(query): RawQuery,
    CsrfForm(pairs): CsrfForm<Vec<(String, String)>>,
) -> Response {
    let back = workspace_path(id, query.as_deref());
    let c = c.at(&back);
    let form = decision_form(&pairs);
    let notice = if form.untie.is_empty() {
        Msg::NoticeTied
    } else {
        Msg::NoticeUntied
    };
    match adoption::tie_change(&c.state, &user, id, &form).await {
        Ok(_) => done(&back, notice),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// Publishes the report, or says why not (and how many comments still lack a decision).
pub async fn publish_report(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<FormMap>,
) -> Response {
    let c = c.at(&workspace_path(id, None));
    match adoption::publish_report(&c.state, &user, id).await {
        Ok(_) => done(
            &format!("/consultations/{id}/report"),
            Msg::NoticeReportPublished,
        ),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// Names the policy that came out of the consultation (策后).
pub async fn link_policy(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let back = workspace_path(id, None);
    let c = c.at(&back);
    let policy = form.get("policy").map(String::as_str).unwrap_or("");
    match adoption::link_policy(&c.state, &user, id, policy).await {
        Ok(()) => done(&back, Msg::NoticePolicyLinked),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// The page a template form was on (a local path), else the staff consultations.
fn template_back(form: &FormMap) -> String {
    form.get("back")
        .and_then(|b| crate::web::local_path(b))
        .unwrap_or("/staff/consultations")
        .to_string()
}

/// Saves a response template of the drafter's department.
pub async fn save_template(
    c: Ctx,
    Staff(user): Staff,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let back = template_back(&form);
    let c = c.at(&back);
    let template: TemplateForm = typed(&form);
    match adoption::save_template(&c.state, &user, &template).await {
        Ok(_) => done(&back, Msg::NoticeTemplateSaved),
        Err(e) => c.service_error(e, &template).await,
    }
}

pub async fn delete_template(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    let back = template_back(&form);
    let c = c.at(&back);
    match adoption::delete_template(&c.state, &user, id).await {
        Ok(()) => done(&back, Msg::NoticeTemplateDeleted),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// Rows read per query while a download streams.
const EXPORT_BATCH: u64 = 1000;

/// The report's rows as a stream of text chunks, one batch of rows at a time; `render` turns
/// a batch into text (`first`: no row was written before it).
fn export_stream(
    state: AppState,
    source: ExportSource,
    render: fn(&[adoption::ExportRow], bool) -> String,
) -> impl Stream<Item = Result<String, std::io::Error>> {
    stream::unfold(Some((state, source, 0, true)), move |cursor| async move {
        let (state, source, after, first) = cursor?;
        match adoption::export_rows(&state, &source, after, EXPORT_BATCH).await {
            Ok((_, None)) => None,
            Ok((rows, Some(last))) => {
                let chunk = render(&rows, first);
                let first = first && rows.is_empty();
                Some((Ok(chunk), Some((state, source, last, first))))
            }
            // The response has begun: end it broken rather than pretend it is complete.
            Err(e) => Some((Err(std::io::Error::other(e.to_string())), None)),
        }
    })
}

fn download(content_type: &str, file_name: String, body: Body) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file_name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

/// The published report as CSV (UTF-8 with a byte-order mark, so spreadsheets read the
/// Chinese right), streamed row by row.
pub async fn report_csv(c: Ctx, Path(id): Path<i32>) -> Response {
    let source = match adoption::export_source(&c.state, id).await {
        Ok(s) => s,
        Err(e) => return c.service_error(e, NO_FORM).await,
    };
    let head = format!("\u{feff}{}", csv_line(&EXPORT_COLUMNS));
    let rows = export_stream(c.state.clone(), source, |rows, _| {
        rows.iter().map(|r| csv_line(&r.values())).collect()
    });
    let body = stream::once(async move { Ok(head) }).chain(rows);
    download(
        "text/csv; charset=utf-8",
        format!("adoption-report-{id}.csv"),
        Body::from_stream(body),
    )
}

/// The published report as JSON: `{"consultation": {…}, "columns": […], "comments": […]}`,
/// streamed row by row.
pub async fn report_json(c: Ctx, Path(id): Path<i32>) -> Response {
    let source = match adoption::export_source(&c.state, id).await {
        Ok(s) => s,
        Err(e) => return c.service_error(e, NO_FORM).await,
    };
    let head = serde_json::json!({
        "id": source.consultation_id,
        "title": source.title,
        "report_published_at": source.published_at,
        "url": format!("{}/consultations/{id}/report", c.state.config.site_url),
    });
    let head = format!(
        "{{\"consultation\":{head},\"columns\":{},\"comments\":[",
        serde_json::json!(EXPORT_COLUMNS)
    );
    let rows = export_stream(c.state.clone(), source, |rows, first| {
        let mut out = String::new();
        for (i, r) in rows.iter().enumerate() {
            if !(first && i == 0) {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(r).unwrap_or_else(|_| "null".into()));
        }
        out
    });
    let body = stream::once(async move { Ok(head) })
        .chain(rows)
        .chain(stream::once(async { Ok("]}".to_string()) }));
    download(
        "application/json",
        format!("adoption-report-{id}.json"),
        Body::from_stream(body),
    )
}
