//! Drafting (谁起草、谁解读): a department's drafters write policies and their
//! interpretations; who may is checked before any input is looked at.

use super::*;

/// Whether `user` may create (id = None) or edit this policy now: checked before the form
/// is read, so someone who may not gets "forbidden", never a list of input errors.
pub async fn check_save_policy(
    state: &AppState,
    user: &UserInfo,
    id: Option<i32>,
) -> Result<(), ServiceError> {
    match id {
        Some(id) => {
            let p = load_for(&state.db, user, id, PolicyAction::Edit).await?;
            let status = p.status;
            transition(status, PolicyAction::Edit, None).map_err(|_| ServiceError::WrongState)?;
        }
        None => {
            let dept = user.department_id.ok_or(ServiceError::Forbidden)?;
            if !may(actor(user), PolicyAction::Create, dept) {
                return Err(ServiceError::Forbidden);
            }
        }
    }
    Ok(())
}

/// Creates (id = None) or edits a draft policy of the drafter's own department.
pub async fn save_policy(
    state: &AppState,
    user: &UserInfo,
    id: Option<i32>,
    input: PolicyInput,
) -> Result<i32, ServiceError> {
    let now = state.now();
    let mut model = match id {
        Some(id) => {
            let p = load_for(&state.db, user, id, PolicyAction::Edit).await?;
            let status = p.status;
            transition(status, PolicyAction::Edit, None).map_err(|_| ServiceError::WrongState)?;
            p.into_active_model()
        }
        None => {
            let dept = user.department_id.ok_or(ServiceError::Forbidden)?;
            if !may(actor(user), PolicyAction::Create, dept) {
                return Err(ServiceError::Forbidden);
            }
            policy::ActiveModel {
                department_id: Set(dept),
                status: Set(PolicyStatus::Draft),
                created_by: Set(Some(user.id)),
                created_at: Set(now),
                ..Default::default()
            }
        }
    };
    model.title = Set(input.title);
    model.doc_number = Set(input.doc_number.to_string());
    model.category = Set(input.category);
    model.signed_on = Set(input.signed_on);
    model.effective_on = Set(input.effective_on);
    model.body = Set(input.body);
    model.updated_at = Set(now);
    let saved = model.save(&state.db).await?;
    Ok(saved.id.unwrap())
}

/// Whether `user` may add an interpretation to the policy now: checked before an upload is
/// stored, so a refused request leaves nothing on disk.
pub async fn check_add_interpretation(
    state: &AppState,
    user: &UserInfo,
    policy_id: i32,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, policy_id, PolicyAction::AddInterpretation).await?;
    let status = p.status;
    transition(status, PolicyAction::AddInterpretation, None)
        .map_err(|_| ServiceError::WrongState)?;
    Ok(())
}

/// Whether the articles an interpretation names are the policy's: checked before its image
/// is stored, so a refused form leaves nothing on disk.
pub async fn check_interpretation_ties(
    state: &AppState,
    user: &UserInfo,
    policy_id: i32,
    input: &InterpretationInput,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, policy_id, PolicyAction::AddInterpretation).await?;
    super::article_view::check_ties(&p.body, input).map_err(ServiceError::Invalid)
}

pub async fn add_interpretation(
    state: &AppState,
    user: &UserInfo,
    policy_id: i32,
    input: InterpretationInput,
    image_path: Option<String>,
) -> Result<i32, ServiceError> {
    let p = load_for(&state.db, user, policy_id, PolicyAction::AddInterpretation).await?;
    let status = p.status;
    transition(status, PolicyAction::AddInterpretation, None)
        .map_err(|_| ServiceError::WrongState)?;
    super::article_view::check_ties(&p.body, &input).map_err(ServiceError::Invalid)?;
    let (state_now, published_on) = if status == PolicyStatus::Published {
        (InterpretationState::Published, Some(state.today()))
    } else {
        (InterpretationState::Draft, None)
    };
    let qa_json =
        serde_json::to_string(&input.qa).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let txn = state.db.begin().await?;
    let saved = interpretation::ActiveModel {
        policy_id: Set(policy_id),
        kind: Set(input.kind),
        title: Set(input.title),
        body: Set(input.body),
        qa_json: Set(qa_json),
        image_path: Set(image_path),
        image_alt: Set(input.image_alt),
        media_url: Set(input.media_url),
        department_id: Set(p.department_id),
        status: Set(state_now),
        published_on: Set(published_on),
        created_by: Set(Some(user.id)),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if published_on.is_some() {
        crate::search::sync::enqueue(
            &txn,
            [crate::search::sync::Change::Interpretation(saved.id)],
        )
        .await?;
    }
    let first_known = p.first_interpretation_on.is_some();
    let mut pm = p.into_active_model();
    pm.updated_at = Set(state.now());
    // The timeliness fact: the first interpretation of a published policy, once.
    if let (Some(day), false) = (published_on, first_known) {
        pm.first_interpretation_on = Set(Some(day));
    }
    pm.update(&txn).await?;
    txn.commit().await?;
    Ok(saved.id)
}
