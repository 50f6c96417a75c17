//! Opening consultations, releasing them, and paper comments entered by editors.

use super::{CsrfForm, CsrfMultipart, Ctx, FormMap, NO_FORM, Staff, done};
use axum::extract::Path;
use axum::response::Response;
use backend::consultations::{self, Upload};
use backend::forms::{CommentForm, ConsultationForm};
use domain::i18n::Msg;

/// A drafter opens a consultation for their department, with attachments.
pub async fn create_consultation(c: Ctx, Staff(user): Staff, upload: CsrfMultipart) -> Response {
    let upload_form = upload.parse();
    let CsrfMultipart { files, .. } = upload;
    let uploads = files
        .into_iter()
        .map(|f| Upload {
            name: f.file_name,
            bytes: f.bytes,
        })
        .collect();
    let form: ConsultationForm = upload_form;
    match consultations::create(&c.state, &user, &form, uploads).await {
        Ok(id) => done(
            &format!("/consultations/{id}"),
            Msg::NoticeConsultationSaved,
        ),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// A drafter publishes a draft consultation of their department.
pub async fn release_consultation(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(_): CsrfForm<FormMap>,
) -> Response {
    let c = c.at("/staff/consultations");
    match consultations::release(&c.state, &user, id).await {
        Ok(()) => done("/staff/consultations", Msg::NoticeReleased),
        Err(e) => c.service_error(e, NO_FORM).await,
    }
}

/// An editor enters a paper or mailed comment.
pub async fn enter_paper_comment(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> Response {
    let c = c.at(&format!("/staff/consultations/{id}/paper-comments/new"));
    match consultations::enter_paper_comment(&c.state, &user, id, &form).await {
        Ok(_) => done(
            &format!("/staff/moderation?consultation={id}"),
            Msg::NoticePaperSaved,
        ),
        Err(e) => c.service_error(e, &form).await,
    }
}
