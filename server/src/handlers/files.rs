//! Files (consultation attachments, interpretation images), the not-found page and health.

use super::Ctx;
use crate::web;
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use backend::state::AppState;
use backend::{consultations, policies};
use domain::model::SessionInfo;

/// A consultation's attachment (only of a released consultation), offered under its cleaned
/// original name.
pub async fn attachment(State(state): State<AppState>, Path(id): Path<i32>) -> Response {
    let Ok(a) = consultations::attachment(&state, id).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let kind = a
        .stored_name
        .rsplit_once('.')
        .and_then(|(_, e)| domain::attachments::by_ext(e));
    let Some(kind) = kind else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(bytes) = tokio::fs::read(state.config.uploads_dir().join(&a.stored_name)).await else {
        tracing::error!(file = %a.stored_name, "attachment file missing");
        return StatusCode::NOT_FOUND.into_response();
    };
    let disposition = format!(
        "{}; filename=\"attachment.{}\"; filename*=UTF-8''{}",
        if kind.inline { "inline" } else { "attachment" },
        kind.ext,
        urlencoding::encode(&a.file_name)
    );
    let mut resp = (
        [
            (header::CONTENT_TYPE, kind.mime.to_string()),
            (header::CACHE_CONTROL, "public, max-age=86400".to_string()),
        ],
        bytes,
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        resp.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    resp
}

/// Interpretation images: only content-hash names of images we stored, served as the type
/// we verified; those of unpublished interpretations to staff only, never cached by others.
pub async fn upload(
    State(state): State<AppState>,
    Extension(session): Extension<SessionInfo>,
    Path(name): Path<String>,
) -> Response {
    // Parsed without slicing by byte position: a multi-byte character must not panic.
    let Some((hash, ext)) = name.split_once('.') else {
        return StatusCode::NOT_FOUND.into_response();
    };
    if hash.len() != 64 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
        return StatusCode::NOT_FOUND.into_response();
    }
    let Some(kind) = domain::attachments::by_ext(ext).filter(|k| k.mime.starts_with("image/"))
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let public = policies::image_visible(&state, &name, false).await;
    let visible = match public {
        Ok(true) => Ok(Some("public, max-age=31536000, immutable")),
        Ok(false) if session.user.is_some() => policies::image_visible(&state, &name, true)
            .await
            .map(|staff| staff.then_some("private, no-store")),
        Ok(false) => Ok(None),
        Err(e) => Err(e),
    };
    let cache = match visible {
        Ok(Some(cache)) => cache,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "upload lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    match tokio::fs::read(state.config.uploads_dir().join(&name)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, kind.mime),
                (header::CACHE_CONTROL, cache),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

pub async fn not_found(c: Ctx, method: Method) -> Response {
    let is_get = method == Method::GET;
    web::error_page(
        &c.state,
        &c.session,
        &c.headers,
        StatusCode::NOT_FOUND,
        is_get,
    )
    .await
}

pub async fn health() -> &'static str {
    "ok"
}
