//! The read-only open-data API, `/api/v1/`: each handler parses the query into a typed
//! `ListQuery`, calls one `backend::api` query and answers JSON. Errors are JSON too, with a
//! message in the reader's language and, for a bad parameter, what is wrong with each. The
//! OpenAPI document (`/api/v1/openapi.json`) is generated from these annotations and the
//! records' derived schemas.

use super::Ctx;
use axum::Json;
use axum::extract::{FromRequestParts, Path, RawQuery};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use backend::api::{self as q, *};
use backend::error::ServiceError;
use backend::forms::{ListQuery, Param};
use domain::i18n::{Locale, Msg, fill};
use domain::model::SessionInfo;
use serde::Serialize;
use utoipa::{IntoParams, OpenApi, ToSchema};

/// An error: its HTTP status, a message, and for a bad parameter what is wrong with each.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    pub error: ErrorBody,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub status: u16,
    pub message: String,
    pub fields: Vec<FieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// The query parameter.
    pub field: String,
    pub message: String,
}

fn json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    let mut r = (status, Json(body)).into_response();
    // Public data: any site may read it from a browser.
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}

fn error(status: StatusCode, message: String, fields: Vec<FieldError>) -> Response {
    json(
        status,
        &ApiError {
            error: ErrorBody {
                status: status.as_u16(),
                message,
                fields,
            },
        },
    )
}

fn service_error(e: ServiceError, locale: Locale) -> Response {
    match e {
        ServiceError::NotFound => error(
            StatusCode::NOT_FOUND,
            Msg::ErrApiNotFound.text(locale).into(),
            Vec::new(),
        ),
        ServiceError::Invalid(invalid) => {
            let fields = invalid
                .errors()
                .iter()
                .map(|e| FieldError {
                    field: e.field.clone(),
                    message: fill(
                        e.message.text(locale),
                        &[("n", e.arg.as_deref().unwrap_or(""))],
                    ),
                })
                .collect();
            error(
                StatusCode::BAD_REQUEST,
                Msg::ErrApiBadRequest.text(locale).into(),
                fields,
            )
        }
        other => {
            tracing::error!(error = %other, "api request failed");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                Msg::ErrApiInternal.text(locale).into(),
                Vec::new(),
            )
        }
    }
}

/// A record, or the error as JSON.
fn answer<T: Serialize>(result: Result<T, ServiceError>, locale: Locale) -> Response {
    match result {
        Ok(body) => json(StatusCode::OK, &body),
        Err(e) => service_error(e, locale),
    }
}

/// A list: the query parsed for the paging parameters and `filters`, then `run`, then the
/// answer (or the JSON error of either).
async fn list<T, F, Fut>(c: Ctx, raw: Option<String>, filters: &[Param], run: F) -> Response
where
    T: Serialize,
    F: FnOnce(backend::state::AppState, ListQuery) -> Fut,
    Fut: std::future::Future<Output = Result<T, ServiceError>>,
{
    let allowed = [PAGING.as_slice(), filters].concat();
    let result = match ListQuery::parse(raw.as_deref(), &allowed) {
        Ok(query) => run(c.state.clone(), query).await,
        Err(invalid) => Err(invalid.into()),
    };
    answer(result, c.session.locale)
}

/// A record's id from the path; anything else (`/policies/abc`) is a JSON 404.
pub struct Id(pub i32);

impl<S: Send + Sync> FromRequestParts<S> for Id {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Id, Response> {
        let locale = parts
            .extensions
            .get::<SessionInfo>()
            .map(|s| s.locale)
            .unwrap_or_default();
        match Path::<i32>::from_request_parts(parts, state).await {
            Ok(Path(id)) => Ok(Id(id)),
            Err(_) => Err(service_error(ServiceError::NotFound, locale)),
        }
    }
}

/// Any other address under `/api/v1/`.
pub async fn not_found(c: Ctx) -> Response {
    service_error(ServiceError::NotFound, c.session.locale)
}

/// Anything but GET on an API address.
pub async fn method_not_allowed(c: Ctx) -> Response {
    let mut r = error(
        StatusCode::METHOD_NOT_ALLOWED,
        Msg::ErrApiMethod.text(c.session.locale).into(),
        Vec::new(),
    );
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// Paging: every list takes these.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParams {
    /// The page, from 1. A page past the last one is an error naming the last page.
    #[param(minimum = 1)]
    page: Option<u32>,
    /// Items per page, 1 to 100; 20 by default.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PolicyFilters {
    /// A department's code (see `/api/v1/departments`).
    department: Option<String>,
    /// The year of publication.
    #[param(minimum = 1949, maximum = 2100)]
    year: Option<i32>,
    /// Where the interpretation stands: `with_policy`, `on_time`, `due`, `overdue`, `late`.
    interpretation: Option<String>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct InterpretationFilters {
    /// The publishing department's code.
    department: Option<String>,
    /// A policy's id.
    policy: Option<i32>,
    /// `text`, `qa`, `graphic`, `media`, `expert`, `press` or `interview`.
    kind: Option<String>,
    /// The year of publication.
    year: Option<i32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct ConsultationFilters {
    /// The drafting department's code.
    department: Option<String>,
    /// `scheduled`, `open`, `closed` or `report_published`.
    state: Option<String>,
    /// The year it opened (China's time).
    year: Option<i32>,
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct DecisionFilters {
    /// A consultation's id.
    consultation: Option<i32>,
    /// The drafting department's code.
    department: Option<String>,
    /// `adopted`, `partly_adopted`, `not_adopted`, `already_reflected` or `out_of_scope`.
    outcome: Option<String>,
}

const PAGING: [Param; 2] = [Param::Page, Param::PerPage];

/// The drafting departments.
#[utoipa::path(get, path = "/api/v1/departments", tag = "departments",
    responses(
        (status = 200, body = DepartmentList, description = "The record or the page asked for"),
    ))]
pub async fn departments(c: Ctx) -> Response {
    answer(q::department_list(&c.state).await, c.session.locale)
}

/// Published policies, newest first.
#[utoipa::path(get, path = "/api/v1/policies", tag = "policies",
    params(PageParams, PolicyFilters),
    responses(
        (status = 200, body = PolicyList, description = "The record or the page asked for"),
        (status = 400, body = ApiError, description = "A parameter is not valid; `fields` says which and why"),
    ))]
pub async fn policies(c: Ctx, RawQuery(raw): RawQuery) -> Response {
    list(
        c,
        raw,
        &[Param::Department, Param::Year, Param::Interpretation],
        |state, query| async move { q::policies(&state, &query).await },
    )
    .await
}

/// A published policy with its text and interpretations.
#[utoipa::path(get, path = "/api/v1/policies/{id}", tag = "policies",
    params(("id" = i32, Path, description = "The policy's id")),
    responses(
        (status = 200, body = PolicyDetail, description = "The record or the page asked for"),
        (status = 404, body = ApiError, description = "No such record"),
    ))]
pub async fn policy(c: Ctx, Id(id): Id) -> Response {
    answer(q::policy_detail(&c.state, id).await, c.session.locale)
}

/// 征求意见稿与正式文本对照: what a published policy's text changed from its consultation
/// draft, article by article.
#[utoipa::path(get, path = "/api/v1/policies/{id}/changes", tag = "policies",
    params(("id" = i32, Path, description = "The policy's id")),
    responses(
        (status = 200, body = PolicyChanges, description = "The record or the page asked for"),
        (status = 404, body = ApiError, description = "No such policy, or it came out of no consultation"),
    ))]
pub async fn policy_changes(c: Ctx, Id(id): Id) -> Response {
    answer(q::policy_changes(&c.state, id).await, c.session.locale)
}

/// Published interpretations, newest first.
#[utoipa::path(get, path = "/api/v1/interpretations", tag = "policies",
    params(PageParams, InterpretationFilters),
    responses(
        (status = 200, body = InterpretationList, description = "The record or the page asked for"),
        (status = 400, body = ApiError, description = "A parameter is not valid; `fields` says which and why"),
    ))]
pub async fn interpretations(c: Ctx, RawQuery(raw): RawQuery) -> Response {
    list(
        c,
        raw,
        &[Param::Department, Param::Policy, Param::Kind, Param::Year],
        |state, query| async move { q::interpretations(&state, &query).await },
    )
    .await
}

/// Consultations, the latest to open first.
#[utoipa::path(get, path = "/api/v1/consultations", tag = "consultations",
    params(PageParams, ConsultationFilters),
    responses(
        (status = 200, body = ConsultationList, description = "The record or the page asked for"),
        (status = 400, body = ApiError, description = "A parameter is not valid; `fields` says which and why"),
    ))]
pub async fn consultations(c: Ctx, RawQuery(raw): RawQuery) -> Response {
    list(
        c,
        raw,
        &[Param::Department, Param::State, Param::Year],
        |state, query| async move { q::consultations(&state, &query).await },
    )
    .await
}

/// A consultation with its draft.
#[utoipa::path(get, path = "/api/v1/consultations/{id}", tag = "consultations",
    params(("id" = i32, Path, description = "The consultation's id")),
    responses(
        (status = 200, body = ConsultationDetail, description = "The record or the page asked for"),
        (status = 404, body = ApiError, description = "No such record"),
    ))]
pub async fn consultation(c: Ctx, Id(id): Id) -> Response {
    answer(q::consultation_detail(&c.state, id).await, c.session.locale)
}

/// A consultation's published comments, oldest first, with decisions once its report is
/// published.
#[utoipa::path(get, path = "/api/v1/consultations/{id}/comments", tag = "consultations",
    params(("id" = i32, Path, description = "The consultation's id"), PageParams),
    responses(
        (status = 200, body = CommentList, description = "The record or the page asked for"),
        (status = 400, body = ApiError, description = "A parameter is not valid; `fields` says which and why"),
        (status = 404, body = ApiError, description = "No such record"),
    ))]
pub async fn comments(c: Ctx, Id(id): Id, RawQuery(raw): RawQuery) -> Response {
    list(c, raw, &[], move |state, query| async move {
        q::comments(&state, id, &query).await
    })
    .await
}

/// A published adoption report's figures.
#[utoipa::path(get, path = "/api/v1/consultations/{id}/report", tag = "adoption",
    params(("id" = i32, Path, description = "The consultation's id")),
    responses(
        (status = 200, body = Report, description = "The record or the page asked for"),
        (status = 404, body = ApiError, description = "No such consultation, or its report is not published"),
    ))]
pub async fn report(c: Ctx, Id(id): Id) -> Response {
    answer(q::report(&c.state, id).await, c.session.locale)
}

/// Decisions of published adoption reports.
#[utoipa::path(get, path = "/api/v1/decisions", tag = "adoption",
    params(PageParams, DecisionFilters),
    responses(
        (status = 200, body = DecisionList, description = "The record or the page asked for"),
        (status = 400, body = ApiError, description = "A parameter is not valid; `fields` says which and why"),
    ))]
pub async fn decisions(c: Ctx, RawQuery(raw): RawQuery) -> Response {
    list(
        c,
        raw,
        &[Param::Consultation, Param::Department, Param::Outcome],
        |state, query| async move { q::decisions(&state, &query).await },
    )
    .await
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "回音 Huiyin open data",
        description = "Read-only: published policies and interpretations, consultations, published comments (no personal data) and adoption decisions once their report is published. Errors are JSON (`ApiError`); messages follow `Accept-Language` (zh-CN by default)."
    ),
    paths(
        departments,
        policies,
        policy,
        policy_changes,
        interpretations,
        consultations,
        consultation,
        comments,
        report,
        decisions
    ),
    components(schemas(ApiError))
)]
pub struct ApiDoc;

/// The OpenAPI document, generated once per process.
pub fn openapi_json() -> &'static str {
    static DOC: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DOC.get_or_init(|| {
        let mut doc = ApiDoc::openapi();
        doc.info.version = env!("CARGO_PKG_VERSION").to_string();
        doc.to_pretty_json().unwrap_or_else(|_| "{}".into())
    })
}

/// `GET /api/v1/openapi.json`.
pub async fn openapi() -> Response {
    let mut r = ([(header::CONTENT_TYPE, "application/json")], openapi_json()).into_response();
    r.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    r
}
