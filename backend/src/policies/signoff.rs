//! Sign-off (同步审签): submitted together, approved (published with its interpretations,
//! the timeliness facts recorded), returned with a reason, or withdrawn. Every change
//! compares and sets the expected state.

use super::*;

/// 同步审签: the drafter submits the policy together with its interpretation(s).
pub async fn submit(state: &AppState, user: &UserInfo, id: i32) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::SubmitForSignoff).await?;
    let status = p.status;
    let next = transition(status, PolicyAction::SubmitForSignoff, None)
        .map_err(|_| ServiceError::WrongState)?;
    let has_interpretation = interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.eq(id))
        .one(&state.db)
        .await?
        .is_some();
    if !has_interpretation {
        return Err(Invalid::one("submit", crate::i18n::Msg::NeedsInterpretation, None).into());
    }
    let txn = state.db.begin().await?;
    move_interpretations(
        &txn,
        id,
        InterpretationState::Draft,
        InterpretationState::AwaitingSignoff,
    )
    .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next);
    pm.return_reason = Set(None);
    pm.updated_at = Set(state.now());
    save_if_status(&txn, pm, status).await?;
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Policy(id)]).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves a status change only if the policy is still in `from`: of two editors (or a double
/// click) one changes it, the other gets "not possible in the current state", and nothing is
/// applied twice.
pub(crate) async fn save_if_status(
    db: &impl sea_orm::ConnectionTrait,
    pm: policy::ActiveModel,
    from: PolicyStatus,
) -> Result<(), ServiceError> {
    match policy::Entity::update(pm)
        .validate()?
        .filter(policy::Column::Status.eq(from))
        .exec(db)
        .await
    {
        Ok(_) => Ok(()),
        Err(sea_orm::DbErr::RecordNotUpdated) => Err(ServiceError::WrongState),
        Err(e) => Err(e.into()),
    }
}

/// Approves: the policy and its interpretations are published together, today.
pub async fn approve(state: &AppState, user: &UserInfo, id: i32) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::Approve).await?;
    let status = p.status;
    let next =
        transition(status, PolicyAction::Approve, None).map_err(|_| ServiceError::WrongState)?;
    let today = state.today();
    let txn = state.db.begin().await?;
    interpretation::Entity::update_many()
        .col_expr(
            interpretation::Column::Status,
            sea_orm::sea_query::Expr::value(InterpretationState::Published),
        )
        .col_expr(
            interpretation::Column::PublishedOn,
            sea_orm::sea_query::Expr::value(today),
        )
        .filter(interpretation::Column::PolicyId.eq(id))
        .filter(interpretation::Column::Status.eq(InterpretationState::AwaitingSignoff))
        .exec(&txn)
        .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next);
    pm.published_on = Set(Some(today));
    // The timeliness facts: the deadline on today's calendar, and the interpretations that
    // were signed off with the policy (submitting requires one) published the same day.
    pm.interpretation_deadline = Set(Some(deadline::interpretation_deadline(
        &state.calendar(),
        today,
    )));
    pm.first_interpretation_on = Set(Some(today));
    pm.updated_at = Set(state.now());
    save_if_status(&txn, pm, status).await?;
    txn.commit().await?;
    Ok(())
}

/// Moves the policy's interpretations that are in `from` to `to` (they travel with the policy
/// through sign-off).
async fn move_interpretations(
    db: &impl sea_orm::ConnectionTrait,
    policy_id: i32,
    from: InterpretationState,
    to: InterpretationState,
) -> Result<(), ServiceError> {
    interpretation::Entity::update_many()
        .col_expr(
            interpretation::Column::Status,
            sea_orm::sea_query::Expr::value(to),
        )
        .filter(interpretation::Column::PolicyId.eq(policy_id))
        .filter(interpretation::Column::Status.eq(from))
        .exec(db)
        .await?;
    Ok(())
}

/// A transition that needs a reason: a missing reason is an error on the form's `field`.
fn transition_with_reason(
    status: PolicyStatus,
    action: PolicyAction,
    reason: &str,
    field: &str,
) -> Result<PolicyStatus, ServiceError> {
    match transition(status, action, Some(reason)) {
        Ok(next) => Ok(next),
        Err(crate::domain::policy::TransitionError::ReasonRequired) => {
            Err(Invalid::one(field, crate::i18n::Msg::ErrRequired, None).into())
        }
        Err(_) => Err(ServiceError::WrongState),
    }
}

/// Returns a submission to the drafting department with a reason.
pub async fn return_policy(
    state: &AppState,
    user: &UserInfo,
    id: i32,
    reason: &str,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::Return).await?;
    let status = p.status;
    let next = transition_with_reason(status, PolicyAction::Return, reason, "reason")?;
    let txn = state.db.begin().await?;
    move_interpretations(
        &txn,
        id,
        InterpretationState::AwaitingSignoff,
        InterpretationState::Draft,
    )
    .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next);
    pm.return_reason = Set(Some(reason.trim().chars().take(1000).collect()));
    pm.updated_at = Set(state.now());
    save_if_status(&txn, pm, status).await?;
    txn.commit().await?;
    Ok(())
}

/// Withdraws (废止/撤回) a published policy with a reason; it leaves the public pages.
pub async fn withdraw(
    state: &AppState,
    user: &UserInfo,
    id: i32,
    reason: &str,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::Withdraw).await?;
    let status = p.status;
    let next = transition_with_reason(status, PolicyAction::Withdraw, reason, "withdraw_reason")?;
    let mut pm = p.into_active_model();
    pm.status = Set(next);
    pm.return_reason = Set(Some(reason.trim().chars().take(1000).collect()));
    // Its timeliness record stays as it was on this day.
    pm.withdrawn_on = Set(Some(state.today()));
    pm.updated_at = Set(state.now());
    // Out of search with its interpretations, in the same transaction.
    let txn = state.db.begin().await?;
    save_if_status(&txn, pm, status).await?;
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Policy(id)]).await?;
    txn.commit().await?;
    Ok(())
}
