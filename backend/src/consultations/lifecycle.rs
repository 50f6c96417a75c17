//! Opening a consultation (with attachments checked by content and stored by hash) and
//! releasing it.

use super::*;

/// Publishes a draft consultation; it then opens and closes by its dates. Only a drafter of
/// its department may.
pub async fn release(state: &AppState, user: &UserInfo, id: i32) -> Result<(), ServiceError> {
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if user.role != Role::Drafter || user.department_id != Some(c.department_id) {
        return Err(ServiceError::Forbidden);
    }
    // Released only once, whoever clicks first; into search in the same transaction.
    let txn = state.db.begin().await?;
    let changed = consultation::Entity::update_many()
        .col_expr(
            consultation::Column::Released,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(consultation::Column::Id.eq(c.id))
        .filter(consultation::Column::Released.eq(false))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(ServiceError::WrongState);
    }
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Consultation(c.id)]).await?;
    txn.commit().await?;
    Ok(())
}

/// An uploaded file as the form handler received it.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Checks uploads (count, size, type by content); the accepted ones with their types.
pub(crate) fn check_uploads(
    state: &AppState,
    uploads: Vec<Upload>,
    invalid: &mut Invalid,
) -> Vec<(Upload, attachments::FileType)> {
    let max = state.config.max_upload_bytes;
    if uploads.len() > attachments::MAX_ATTACHMENTS {
        invalid.add(
            "attachments",
            Msg::ErrTooManyAttachments,
            Some(attachments::MAX_ATTACHMENTS.to_string()),
        );
        return vec![];
    }
    let mut ok = vec![];
    for u in uploads {
        if u.bytes.len() > max {
            let mb = (max / (1024 * 1024)).max(1);
            invalid.add(
                "attachments",
                Msg::ErrAttachmentTooLarge,
                Some(format!("{mb}|{}", u.name)),
            );
        } else {
            match attachments::detect(&u.name, &u.bytes) {
                Some(t) => ok.push((u, t)),
                None => invalid.add(
                    "attachments",
                    Msg::ErrAttachmentType,
                    Some(format!("|{}", u.name)),
                ),
            }
        }
    }
    ok
}

/// Writes an uploaded file under its content hash (written once, under a temporary name of
/// its own, then renamed into place); returns the stored name.
pub async fn store_file(state: &AppState, bytes: &[u8], ext: &str) -> Result<String, ServiceError> {
    use sha2::Digest;
    let name = format!("{}.{ext}", hex::encode(sha2::Sha256::digest(bytes)));
    let dir = state.config.uploads_dir();
    let path = dir.join(&name);
    let io = |e: std::io::Error| ServiceError::Internal(format!("storing an attachment: {e}"));
    tokio::fs::create_dir_all(&dir).await.map_err(io)?;
    if tokio::fs::metadata(&path).await.is_err() {
        let tmp = dir.join(format!("{name}.{}.tmp", random_token()));
        tokio::fs::write(&tmp, bytes).await.map_err(io)?;
        tokio::fs::rename(&tmp, &path).await.map_err(io)?;
    }
    Ok(name)
}

/// A drafter opens a consultation for their own department.
pub async fn create(
    state: &AppState,
    user: &UserInfo,
    form: &ConsultationForm,
    uploads: Vec<Upload>,
) -> Result<i32, ServiceError> {
    let dept = match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => d,
        _ => return Err(ServiceError::Forbidden),
    };
    // The form and the files are checked together: every problem is shown at once.
    let mut file_problems = Invalid::default();
    let files = check_uploads(state, uploads, &mut file_problems);
    let input = file_problems.combine(NewConsultation::try_from(form))?;
    let mut stored = vec![];
    for (u, t) in files {
        let name = store_file(state, &u.bytes, t.ext).await?;
        stored.push((
            attachments::display_name(&u.name, t.ext),
            name,
            t,
            u.bytes.len(),
        ));
    }
    let txn = state.db.begin().await?;
    let saved = consultation::ActiveModel {
        title: Set(input.title),
        department_id: Set(dept),
        draft_text: Set(input.draft_text),
        explanatory_note: Set(input.explanatory_note),
        opens_at: Set(input.opens_at),
        closes_at: Set(input.closes_at),
        short_period_reason: Set(input.short_period_reason),
        released: Set(input.release),
        report_published: Set(false),
        created_by: Set(Some(user.id)),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for (file_name, stored_name, t, size) in stored {
        consultation_attachment::ActiveModel {
            consultation_id: Set(saved.id),
            file_name: Set(file_name),
            stored_name: Set(stored_name),
            mime: Set(t.mime.into()),
            size_bytes: Set(size as i64),
            created_at: Set(state.now()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    // Released at once: public now, so searchable (and shown on the cached pages) now.
    if saved.released {
        crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Consultation(saved.id)])
            .await?;
    }
    txn.commit().await?;
    Ok(saved.id)
}
