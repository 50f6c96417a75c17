//! Form and file handlers, one module per feature. The extractors below carry what every
//! form handler used to repeat: `Staff` (who is signed in, else the login page), `CsrfForm` /
//! `CsrfMultipart` (the CSRF token and origin checked, the body parsed) and `Ctx` (what is
//! needed to answer with a page). A handler then calls one service, which decides who may do
//! what, and answers 303 — or shows the form again with what was typed and what is wrong.
//! No business rule lives here.

mod account;
mod admin;
mod adoption;
pub mod api;
mod comments;
mod consultations;
mod files;
mod moderation;
mod open_data;
mod policies;
mod subscriptions;

pub use account::{login, logout, set_language, set_reading_mode};
pub use admin::{create_user, preview_calendar_notice, save_calendar, set_user_active};
pub use adoption::{
    create_topic, decide, delete_template, link_policy, publish_report, report_csv, report_json,
    save_template, tie_change,
};
pub use comments::{comment_status, submit_comment, verify_comment};
pub use consultations::{create_consultation, enter_paper_comment, release_consultation};
pub use files::{attachment, health, not_found, upload};
pub use moderation::{moderate, redact_comment};
pub use open_data::{annual_csv, department_feed, feed, open_data_archive, robots, sitemap};
pub use policies::{add_interpretation, create_policy, edit_policy, policy_action};
pub use subscriptions::{confirm_subscription, subscribe, unsubscribe};

use crate::web::{self, PageAnswer, check_csrf, render};
use axum::extract::{FromRef, FromRequest, FromRequestParts, Multipart, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::Response;
use backend::error::{Invalid, ServiceError};
use backend::state::AppState;
use domain::i18n::Msg;
use domain::model::{FormFeedback, SessionInfo, UserInfo};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;

pub type FormMap = BTreeMap<String, String>;

/// What the form page shows again: what was typed (never the CSRF token, the honeypot or a
/// password) and, per field, what is wrong.
pub fn feedback(form: &impl Serialize, invalid: &Invalid) -> FormFeedback {
    let values = match serde_json::to_value(form) {
        Ok(serde_json::Value::Object(fields)) => fields
            .into_iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "website" | "password"))
            .filter_map(|(k, v)| match v {
                serde_json::Value::String(s) => Some((k, s)),
                _ => None,
            })
            .collect(),
        _ => BTreeMap::new(),
    };
    FormFeedback {
        values,
        errors: invalid
            .errors()
            .iter()
            .map(|e| {
                (
                    e.field.clone(),
                    (e.message.key().to_string(), e.arg.clone()),
                )
            })
            .collect(),
        ..Default::default()
    }
}

/// A form posted without fields worth showing again.
pub const NO_FORM: &FormMap = &BTreeMap::new();

/// 303 to `path` with a notice from the message catalogue (`?notice=Key`).
pub fn done(path: &str, notice: Msg) -> Response {
    let sep = if path.contains('?') { '&' } else { '?' };
    web::see_other(&format!("{path}{sep}notice={}", notice.key()))
}

/// What a handler needs to answer with a page: the state, who is asking, the request's
/// headers, and the address of the page to show (the form's page, not the POST's address).
pub struct Ctx {
    pub state: AppState,
    pub session: SessionInfo,
    pub headers: HeaderMap,
    pub uri: Uri,
}

impl Ctx {
    fn from_parts(parts: &Parts, state: &AppState) -> Ctx {
        Ctx {
            state: state.clone(),
            session: parts
                .extensions
                .get::<SessionInfo>()
                .cloned()
                .unwrap_or_default(),
            headers: parts.headers.clone(),
            uri: parts.uri.clone(),
        }
    }

    /// The same context, answering with the page at `path`.
    pub fn at(mut self, path: &str) -> Ctx {
        self.uri = path.parse().unwrap_or(Uri::from_static("/"));
        self
    }

    pub async fn page(&self, status: StatusCode, feedback: Option<FormFeedback>) -> Response {
        let answer = PageAnswer::form(status, feedback);
        render(&self.state, &self.session, &self.headers, &self.uri, answer).await
    }

    pub async fn error(&self, status: StatusCode) -> Response {
        web::error_page(&self.state, &self.session, &self.headers, status, false).await
    }

    /// The page for a refused CSRF check (expired form, or posted from another site).
    async fn csrf_refused(&self) -> Response {
        let answer = PageAnswer {
            forced: Some(app::ForcedError(419)),
            ..PageAnswer::form(StatusCode::FORBIDDEN, None)
        };
        render(
            &self.state,
            &self.session,
            &self.headers,
            &Uri::from_static("/"),
            answer,
        )
        .await
    }

    /// A service's refusal as a page: 404/403, the login page, the form again with its
    /// errors and what was typed in `form` (422), the wrong-state message (409), or the 500
    /// page.
    pub async fn service_error(&self, e: ServiceError, form: &impl Serialize) -> Response {
        match e {
            ServiceError::NotFound => self.error(StatusCode::NOT_FOUND).await,
            ServiceError::Forbidden => self.error(StatusCode::FORBIDDEN).await,
            ServiceError::Unauthenticated => web::login_redirect(&self.uri),
            ServiceError::Invalid(invalid) => {
                let fb = feedback(form, &invalid);
                self.page(StatusCode::UNPROCESSABLE_ENTITY, Some(fb)).await
            }
            ServiceError::TooMany(invalid, seconds) => {
                let fb = feedback(form, &invalid);
                let page = self.page(StatusCode::TOO_MANY_REQUESTS, Some(fb)).await;
                retry_after(page, seconds)
            }
            ServiceError::Busy(invalid, seconds) => {
                let fb = feedback(form, &invalid);
                let page = self.page(StatusCode::SERVICE_UNAVAILABLE, Some(fb)).await;
                retry_after(page, seconds)
            }
            ServiceError::WrongState => {
                let mut fb = FormFeedback::default();
                fb.errors
                    .insert("state".into(), (Msg::ErrWrongState.key().into(), None));
                self.page(StatusCode::CONFLICT, Some(fb)).await
            }
            other => {
                tracing::error!(error = %other, "request failed");
                self.error(StatusCode::INTERNAL_SERVER_ERROR).await
            }
        }
    }
}

/// `Retry-After` on a refusal (429, 503): when to send the form again.
pub fn retry_after(mut response: Response, seconds: u64) -> Response {
    response
        .headers_mut()
        .insert(axum::http::header::RETRY_AFTER, seconds.into());
    response
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx
where
    AppState: FromRef<S>,
{
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Ctx, Self::Rejection> {
        Ok(Ctx::from_parts(parts, &AppState::from_ref(state)))
    }
}

/// The signed-in staff member; anyone else is sent to the login page (and back after).
pub struct Staff(pub UserInfo);

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Staff, Response> {
        parts
            .extensions
            .get::<SessionInfo>()
            .and_then(|s| s.user.clone())
            .map(Staff)
            .ok_or_else(|| web::login_redirect(&parts.uri))
    }
}

/// A url-encoded form whose CSRF token and origin were checked, parsed into `T` (a field
/// map, the list of pairs, or a typed form). An expired or foreign form gets the 419 page; a
/// malformed body, one of another type or one over the size limit, the site's error page.
pub struct CsrfForm<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequest<S> for CsrfForm<T>
where
    AppState: FromRef<S>,
{
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<CsrfForm<T>, Response> {
        let (parts, body) = req.into_parts();
        let ctx = Ctx::from_parts(&parts, &AppState::from_ref(state));
        let urlencoded = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if !urlencoded {
            return Err(ctx.error(StatusCode::UNSUPPORTED_MEDIA_TYPE).await);
        }
        let bytes =
            match axum::body::Bytes::from_request(Request::from_parts(parts, body), state).await {
                Ok(b) => b,
                Err(rejection) => return Err(ctx.error(rejection.status()).await),
            };
        let Ok(pairs) = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes) else {
            return Err(ctx.error(StatusCode::BAD_REQUEST).await);
        };
        let token = pairs
            .iter()
            .find(|(k, _)| k == "csrf")
            .map(|(_, v)| v.as_str());
        if !check_csrf(&ctx.state, &ctx.session, &ctx.headers, token) {
            return Err(ctx.csrf_refused().await);
        }
        match serde_urlencoded::from_bytes::<T>(&bytes).ok() {
            Some(value) => Ok(CsrfForm(value)),
            None => Err(ctx.error(StatusCode::BAD_REQUEST).await),
        }
    }
}

/// A file part of a multipart form: field name, the browser's file name, the bytes.
pub struct FilePart {
    pub field: String,
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// A multipart form (uploads) whose CSRF token and origin were checked: its text fields as a
/// map, its non-empty file parts as files. A body over the route's limit gets the 413 page.
pub struct CsrfMultipart {
    pub form: FormMap,
    pub files: Vec<FilePart>,
}

impl CsrfMultipart {
    /// The text fields as a typed form (fields it does not name are ignored).
    pub fn parse<T: DeserializeOwned + Default>(&self) -> T {
        typed(&self.form)
    }
}

/// Text fields as a typed form (fields it does not name are ignored; all are strings).
pub fn typed<T: DeserializeOwned + Default>(fields: &FormMap) -> T {
    serde_json::to_value(fields)
        .and_then(serde_json::from_value)
        .unwrap_or_default()
}

impl<S: Send + Sync> FromRequest<S> for CsrfMultipart
where
    AppState: FromRef<S>,
{
    type Rejection = Response;
    async fn from_request(req: Request, state: &S) -> Result<CsrfMultipart, Response> {
        let ctx = {
            let (parts, body) = req.into_parts();
            let ctx = Ctx::from_parts(&parts, &AppState::from_ref(state));
            (ctx, Request::from_parts(parts, body))
        };
        let (ctx, req) = ctx;
        let mut multipart = match Multipart::from_request(req, state).await {
            Ok(m) => m,
            Err(rejection) => return Err(ctx.error(rejection.status()).await),
        };
        let status = |e: axum::extract::multipart::MultipartError| {
            if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::BAD_REQUEST
            }
        };
        let mut form = FormMap::new();
        let mut files = vec![];
        loop {
            let field = match multipart.next_field().await {
                Ok(Some(f)) => f,
                Ok(None) => break,
                Err(e) => return Err(ctx.error(status(e)).await),
            };
            let name = field.name().unwrap_or_default().to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => match field.bytes().await {
                    Ok(b) if !b.is_empty() => files.push(FilePart {
                        field: name,
                        file_name,
                        bytes: b.to_vec(),
                    }),
                    Ok(_) => {}
                    Err(e) => return Err(ctx.error(status(e)).await),
                },
                None => match field.text().await {
                    Ok(t) => {
                        form.insert(name, t);
                    }
                    Err(e) => return Err(ctx.error(status(e)).await),
                },
            }
        }
        let token = form.get("csrf").map(String::as_str);
        if !check_csrf(&ctx.state, &ctx.session, &ctx.headers, token) {
            return Err(ctx.csrf_refused().await);
        }
        Ok(CsrfMultipart { form, files })
    }
}
