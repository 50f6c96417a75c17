//! Email verification of a comment: one use, seven days, compare-and-set.

use super::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyOutcome {
    Verified,
    /// Unknown, already used or expired link: nothing changes.
    Invalid,
}

/// How long a confirmation link from a mail stays valid (comment verification and
/// subscription confirmation).
pub const LINK_VALID_DAYS: i64 = 7;

pub async fn verify(state: &AppState, token: &str) -> Result<VerifyOutcome, ServiceError> {
    if token.len() != 64 {
        return Ok(VerifyOutcome::Invalid);
    }
    let hash = token_hash(token);
    let Some(c) = comment::Entity::find()
        .filter(comment::Column::VerifyTokenHash.eq(hash.clone()))
        .one(&state.db)
        .await?
    else {
        return Ok(VerifyOutcome::Invalid);
    };
    if state.now() - c.created_at > chrono::Duration::days(LINK_VALID_DAYS) {
        return Ok(VerifyOutcome::Invalid);
    }
    let status = c.status;
    let Ok(next) = comment_transition(status, CommentEvent::Verified) else {
        return Ok(VerifyOutcome::Invalid);
    };
    let txn = state.db.begin().await?;
    // Compare and set: the row changes only if it is still in the state read above with this
    // token, so two clicks (or two instances) verify once; the second finds nothing to do.
    let changed = comment::Entity::update_many()
        .col_expr(
            comment::Column::Status,
            sea_orm::sea_query::Expr::value(next),
        )
        .col_expr(
            comment::Column::VerifiedAt,
            sea_orm::sea_query::Expr::value(state.now()),
        )
        // One use only: a replayed link finds nothing.
        .col_expr(
            comment::Column::VerifyTokenHash,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(comment::Column::Id.eq(c.id))
        .filter(comment::Column::Status.eq(status))
        .filter(comment::Column::VerifyTokenHash.eq(hash))
        .exec(&txn)
        .await?
        .rows_affected;
    if changed != 1 {
        return Ok(VerifyOutcome::Invalid);
    }
    let c = comment::Entity::find_by_id(c.id)
        .one(&txn)
        .await?
        .ok_or(ServiceError::NotFound)?;
    assign_cluster(&txn, &c).await?;
    txn.commit().await?;
    Ok(VerifyOutcome::Verified)
}
