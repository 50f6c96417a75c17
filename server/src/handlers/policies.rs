//! Drafting and sign-off of policies and their interpretations.

use super::{CsrfForm, CsrfMultipart, Ctx, FormMap, Staff, done};
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::Response;
use backend::error::Invalid;
use backend::error::ServiceError;
use backend::forms::{InterpretationForm, InterpretationInput, PolicyForm, PolicyInput};
use backend::policies;
use domain::i18n::Msg;

pub async fn create_policy(
    c: Ctx,
    Staff(user): Staff,
    CsrfForm(form): CsrfForm<PolicyForm>,
) -> Response {
    save_policy(c, user, None, form).await
}

pub async fn edit_policy(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    CsrfForm(form): CsrfForm<PolicyForm>,
) -> Response {
    save_policy(c, user, Some(id), form).await
}

async fn save_policy(
    c: Ctx,
    user: domain::model::UserInfo,
    id: Option<i32>,
    form: PolicyForm,
) -> Response {
    // Who may is decided before the input is looked at.
    if let Err(e) = policies::check_save_policy(&c.state, &user, id).await {
        return c.service_error(e, &form).await;
    }
    let input = match PolicyInput::try_from(&form) {
        Ok(i) => i,
        Err(invalid) => return c.service_error(invalid.into(), &form).await,
    };
    match policies::save_policy(&c.state, &user, id, input).await {
        Ok(id) => done(&format!("/staff/policies/{id}"), Msg::NoticeSaved),
        Err(e) => c.service_error(e, &form).await,
    }
}

/// Submit, approve (sign off and publish), return or withdraw.
pub async fn policy_action(
    c: Ctx,
    Staff(user): Staff,
    Path((id, action)): Path<(i32, String)>,
    CsrfForm(form): CsrfForm<FormMap>,
) -> Response {
    // Errors are shown on the staff page of the policy.
    let c = c.at(&format!("/staff/policies/{id}"));
    let reason = |field: &str| {
        form.get(field)
            .map(String::as_str)
            .unwrap_or("")
            .to_string()
    };
    let result = match action.as_str() {
        "submit" => policies::submit(&c.state, &user, id)
            .await
            .map(|_| Msg::NoticeSubmitted),
        "approve" => policies::approve(&c.state, &user, id)
            .await
            .map(|_| Msg::NoticePublished),
        "return" => policies::return_policy(&c.state, &user, id, &reason("reason"))
            .await
            .map(|_| Msg::NoticeReturned),
        "withdraw" => policies::withdraw(&c.state, &user, id, &reason("withdraw_reason"))
            .await
            .map(|_| Msg::NoticeWithdrawn),
        _ => Err(ServiceError::NotFound),
    };
    match result {
        // After a sign-off decision, back to the queue.
        Ok(msg) if matches!(action.as_str(), "approve" | "return") => done("/staff", msg),
        Ok(msg) => done(&format!("/staff/policies/{id}"), msg),
        Err(e) => c.service_error(e, &form).await,
    }
}

pub async fn add_interpretation(
    c: Ctx,
    Staff(user): Staff,
    Path(id): Path<i32>,
    upload: CsrfMultipart,
) -> Response {
    // Nothing is checked, and nothing written, for a request that will be refused.
    if let Err(e) = policies::check_add_interpretation(&c.state, &user, id).await {
        return c.service_error(e, &upload.form).await;
    }
    let image = upload
        .files
        .iter()
        .find(|f| f.field == "image")
        .map(|f| f.bytes.clone());
    if image
        .as_ref()
        .is_some_and(|b| b.len() > c.state.config.max_upload_bytes)
    {
        return c.error(StatusCode::PAYLOAD_TOO_LARGE).await;
    }
    let kind = image.as_deref().map(domain::attachments::detect_image);
    let form = InterpretationForm {
        has_image: matches!(kind, Some(Some(_))),
        ..upload.parse()
    };
    let mut file_problems = Invalid::default();
    if let Some(None) = kind {
        file_problems.add("image", Msg::ErrImageType, None);
    }
    let input = match file_problems.combine(InterpretationInput::try_from(&form)) {
        Ok(i) => i,
        Err(invalid) => return c.service_error(invalid.into(), &form).await,
    };
    if let Err(e) = policies::check_interpretation_ties(&c.state, &user, id, &input).await {
        return c.service_error(e, &form).await;
    }
    // Only graphics keep an image; content-hash names make uploads immutable and deduplicated.
    let image_path = match (input.kind, image, kind.flatten()) {
        (domain::policy::InterpretationKind::Graphic, Some(bytes), Some(t)) => {
            match backend::consultations::store_file(&c.state, &bytes, t.ext).await {
                Ok(name) => Some(name),
                Err(e) => return c.service_error(e, &form).await,
            }
        }
        _ => None,
    };
    match policies::add_interpretation(&c.state, &user, id, input, image_path).await {
        Ok(_) => done(&format!("/staff/policies/{id}"), Msg::NoticeSaved),
        Err(e) => c.service_error(e, &form).await,
    }
}
