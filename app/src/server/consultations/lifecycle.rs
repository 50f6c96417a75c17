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
    // Released only once, whoever clicks first.
    let changed = consultation::Entity::update_many()
        .col_expr(
            consultation::Column::Released,
            sea_orm::sea_query::Expr::value(true),
        )
        .filter(consultation::Column::Id.eq(c.id))
        .filter(consultation::Column::Released.eq(false))
        .exec(&state.db)
        .await?
        .rows_affected;
    if changed != 1 {
        return Err(ServiceError::WrongState);
    }
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
    fb: &mut FormFeedback,
) -> Vec<(Upload, attachments::FileType)> {
    let max = state.config.max_upload_bytes;
    if uploads.len() > attachments::MAX_ATTACHMENTS {
        fail(
            fb,
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
            fail(
                fb,
                "attachments",
                Msg::ErrAttachmentTooLarge,
                Some(format!("{mb}|{}", u.name)),
            );
        } else {
            match attachments::detect(&u.name, &u.bytes) {
                Some(t) => ok.push((u, t)),
                None => fail(
                    fb,
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
    form: &BTreeMap<String, String>,
    uploads: Vec<Upload>,
) -> Result<i32, ServiceError> {
    let dept = match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => d,
        _ => return Err(ServiceError::Forbidden),
    };
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut fb = typed(form);
    let title = get("title");
    if title.is_empty() {
        fail(&mut fb, "title", Msg::ErrRequired, None);
    } else if title.chars().count() > 200 {
        fail(&mut fb, "title", Msg::ErrTooLong, Some("200".into()));
    }
    let draft = get("draft_text");
    if draft.is_empty() {
        fail(&mut fb, "draft_text", Msg::ErrRequired, None);
    }
    let note = get("explanatory_note");
    if note.is_empty() {
        fail(&mut fb, "explanatory_note", Msg::ErrRequired, None);
    }
    let date = |fb: &mut FormFeedback, k: &str| match NaiveDate::parse_from_str(&get(k), "%Y-%m-%d")
    {
        Ok(d) if (2000..=2100).contains(&d.year()) => Some(d),
        _ => {
            fail(fb, k, Msg::ErrDate, None);
            None
        }
    };
    let opens = date(&mut fb, "opens_on");
    let closes = date(&mut fb, "closes_on");
    let reason = get("short_period_reason");
    let reason = (!reason.is_empty()).then_some(reason);
    if let (Some(o), Some(c)) = (opens, closes) {
        let (opens_at, closes_at) = (
            china_midnight(o),
            china_midnight(c) + chrono::Duration::days(1),
        );
        match check_period(opens_at, closes_at, reason.as_deref()) {
            Ok(()) => {}
            Err(PeriodError::EndsBeforeStart) => {
                fail(&mut fb, "closes_on", Msg::ErrDateOrder, None)
            }
            Err(PeriodError::ShortWithoutReason) => {
                fail(&mut fb, "short_period_reason", Msg::ErrShortPeriod, None)
            }
        }
    }
    let files = check_uploads(state, uploads, &mut fb);
    let (Some(o), Some(c)) = (opens, closes) else {
        return Err(ServiceError::Invalid(fb));
    };
    if fb.has_errors() {
        return Err(ServiceError::Invalid(fb));
    }
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
        title: Set(title),
        department_id: Set(dept),
        draft_text: Set(draft),
        explanatory_note: Set(note),
        opens_at: Set(china_midnight(o)),
        closes_at: Set(china_midnight(c) + chrono::Duration::days(1)),
        short_period_reason: Set(reason),
        released: Set(form
            .get("release")
            .is_some_and(|v| v == "on" || v == "true")),
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
    txn.commit().await?;
    Ok(saved.id)
}
