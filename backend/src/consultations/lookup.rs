//! A commenter follows their comment by tracking number and email.

use super::*;

/// A commenter's own comment, found by tracking number and the email it was sent with.
pub async fn lookup(
    state: &AppState,
    tracking: &str,
    email: &str,
) -> Result<Option<CommentLookup>, ServiceError> {
    let Some(number) = TrackingNumber::parse(tracking) else {
        return Ok(None);
    };
    let Some(c) = comment::Entity::find()
        .filter(comment::Column::TrackingNumber.eq(number.to_string()))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    // Comments entered without an email cannot be looked up: the number alone proves nothing.
    if c.email.is_empty()
        || !crate::auth::constant_time_eq(&c.email.to_lowercase(), &email.trim().to_lowercase())
    {
        return Ok(None);
    }
    let title = consultation::Entity::find_by_id(c.consultation_id)
        .one(&state.db)
        .await?
        .map(|x| x.title)
        .unwrap_or_default();
    Ok(Some(CommentLookup {
        tracking_number: c.tracking_number,
        consultation_id: c.consultation_id,
        consultation_title: title,
        status: c.status,
        reject_reason: c.reject_reason.as_deref().and_then(RejectReason::parse),
        submitted_at: c.created_at,
    }))
}
