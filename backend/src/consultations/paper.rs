//! Comments received on paper or by post, entered by an editor.

use super::*;

/// Paper and mailed comments are entered while a consultation is open, and after it closes
/// (letters posted in time still arrive).
pub(crate) fn accepts_paper_comments(c: &consultation::Model, now: DateTime<Utc>) -> bool {
    matches!(
        state_at(c.released, c.opens_at, c.closes_at, c.report_published, now),
        ConsultationState::Open | ConsultationState::Closed
    )
}

/// The form for a paper or mailed comment: the consultation must accept comments or have
/// just closed (letters posted in time arrive late).
pub async fn paper_context(
    state: &AppState,
    user: &UserInfo,
    id: i32,
) -> Result<PaperCommentContext, ServiceError> {
    require_editor(user)?;
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !accepts_paper_comments(&c, state.now()) {
        return Err(ServiceError::WrongState);
    }
    Ok(PaperCommentContext {
        consultation_id: c.id,
        articles: article_labels(&c.draft_text),
        title: c.title,
    })
}

/// An editor enters a comment received on paper or by post. It goes straight to
/// moderation unless `HUIYIN_PAPER_COMMENTS_NEED_VERIFICATION` is set and an email is given.
pub async fn enter_paper_comment(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
    form: &CommentForm,
) -> Result<String, ServiceError> {
    let ctx = paper_context(state, user, consultation_id).await?;
    let PaperComment { comment, channel } = PaperComment::try_from(form)?;
    let email = comment.email.clone();
    let now = state.now();
    let row = comment_row(state, consultation_id, comment, &ctx.articles, now)?;
    let verify = state.config.paper_comments_need_verification && !email.is_empty();
    let token = random_token();
    let txn = state.db.begin().await?;
    let row = insert_comment(
        &txn,
        comment::ActiveModel {
            ip: Set(String::new()),
            verify_token_hash: Set(verify.then(|| token_hash(&token))),
            verified_at: Set((!verify).then_some(now)),
            status: Set(if verify {
                CommentStatus::Unverified
            } else {
                CommentStatus::AwaitingModeration
            }),
            channel: Set(channel),
            ..row
        },
        now,
    )
    .await?;
    let tracking = row.tracking_number.clone();
    if verify {
        let mail = VerificationMail {
            title: &ctx.title,
            tracking: &tracking,
            token: &token,
            body: Msg::MailPaperVerifyBody,
            locale: Locale::default(),
        };
        mail.enqueue(&txn, state, &email).await?;
    } else {
        assign_cluster(&txn, &row).await?;
    }
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Comment(row.id)]).await?;
    audit::record(
        &txn,
        user,
        AuditAction::EnterComment,
        row.id,
        &tracking,
        None,
        Some(channel.as_str().into()),
    )
    .await?;
    txn.commit().await?;
    Ok(tracking)
}
