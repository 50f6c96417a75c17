//! Policies and their interpretations: queries for the pages and the drafting / sign-off
//! actions. Every action checks the actor against `domain::policy::may` here, on the server.

use super::entities::{department, interpretation, policy};
use super::error::ServiceError;
use super::forms::{InterpretationInput, PolicyInput};
use super::sanitize;
use super::state::AppState;
use crate::domain::articles;
use crate::domain::deadline::{self, InterpretationStatus};
use crate::domain::policy::{
    Actor, InterpretationKind, InterpretationState, PolicyAction, PolicyStatus, may, transition,
};
use crate::model::*;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

pub const PAGE_SIZE: u32 = 10;

pub fn department_info(d: &department::Model) -> DepartmentInfo {
    DepartmentInfo {
        id: d.id,
        code: d.code.clone(),
        name_zh_hans: d.name_zh_hans.clone(),
        name_zh_hant: d.name_zh_hant.clone(),
        name_en: d.name_en.clone(),
    }
}

pub async fn departments(db: &impl ConnectionTrait) -> Result<Vec<DepartmentInfo>, ServiceError> {
    Ok(department::Entity::find()
        .order_by_asc(department::Column::Code)
        .all(db)
        .await?
        .iter()
        .map(department_info)
        .collect())
}

fn actor(user: &UserInfo) -> Actor {
    Actor {
        role: user.role,
        department_id: user.department_id,
    }
}

/// Date on which each policy got its first published interpretation (one query, no N+1).
async fn first_interpretation_dates(
    db: &impl ConnectionTrait,
    policy_ids: &[i32],
) -> Result<HashMap<i32, NaiveDate>, ServiceError> {
    let mut out: HashMap<i32, NaiveDate> = HashMap::new();
    if policy_ids.is_empty() {
        return Ok(out);
    }
    let rows = interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.is_in(policy_ids.iter().copied()))
        .filter(interpretation::Column::Status.eq(InterpretationState::Published.as_str()))
        .all(db)
        .await?;
    for r in rows {
        if let Some(d) = r.published_on {
            out.entry(r.policy_id)
                .and_modify(|e| *e = (*e).min(d))
                .or_insert(d);
        }
    }
    Ok(out)
}

/// Turns policy rows into summaries with deadline and interpretation status.
pub async fn summaries(
    state: &AppState,
    rows: Vec<policy::Model>,
) -> Result<Vec<PolicySummary>, ServiceError> {
    let depts: HashMap<i32, DepartmentInfo> = departments(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
    let firsts = first_interpretation_dates(&state.db, &ids).await?;
    let cal = state.calendar();
    let today = state.today();
    let mut out = Vec::with_capacity(rows.len());
    for p in rows {
        let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
        let (deadline, interp) = match (status, p.published_on) {
            (PolicyStatus::Published, Some(published)) => (
                Some(deadline::interpretation_deadline(&cal, published)),
                Some(deadline::interpretation_status(
                    &cal,
                    published,
                    firsts.get(&p.id).copied(),
                    today,
                )),
            ),
            _ => (None, None),
        };
        let Some(department) = depts.get(&p.department_id).cloned() else {
            continue;
        };
        out.push(PolicySummary {
            id: p.id,
            title: p.title,
            doc_number: p.doc_number,
            department,
            category: p.category,
            status,
            published_on: p.published_on,
            deadline,
            interpretation: interp,
        });
    }
    Ok(out)
}

fn is_due(s: &PolicySummary) -> bool {
    matches!(
        s.interpretation,
        Some(InterpretationStatus::Due { .. }) | Some(InterpretationStatus::Overdue { .. })
    )
}

fn image_url(path: &Option<String>) -> Option<String> {
    path.as_ref().map(|p| format!("/uploads/{p}"))
}

fn interpretation_view(
    i: interpretation::Model,
    depts: &HashMap<i32, DepartmentInfo>,
) -> Option<InterpretationView> {
    let qa: Vec<QaPair> = serde_json::from_str(&i.qa_json).unwrap_or_default();
    Some(InterpretationView {
        id: i.id,
        kind: InterpretationKind::parse(&i.kind)?,
        title: i.title,
        body_html: sanitize::render_body(&i.body),
        qa,
        image_url: image_url(&i.image_path),
        image_alt: i.image_alt,
        media_url: i.media_url,
        department: depts.get(&i.department_id)?.clone(),
        state: InterpretationState::parse(&i.status)?,
        published_on: i.published_on,
    })
}

/// May this viewer see a policy in this state? The public sees only published policies.
fn may_view(viewer: Option<&UserInfo>, p: &policy::Model) -> bool {
    if p.status == PolicyStatus::Published.as_str() {
        return true;
    }
    match viewer {
        Some(u) => match u.role {
            crate::domain::policy::Role::Admin | crate::domain::policy::Role::Editor => true,
            crate::domain::policy::Role::Drafter => u.department_id == Some(p.department_id),
        },
        None => false,
    }
}

pub async fn detail(
    state: &AppState,
    id: i32,
    viewer: Option<&UserInfo>,
    public_only: bool,
) -> Result<PolicyDetail, ServiceError> {
    let p = policy::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let visible = if public_only {
        p.status == PolicyStatus::Published.as_str()
    } else {
        may_view(viewer, &p)
    };
    if !visible {
        // Unpublished work does not exist for those who may not see it.
        return Err(ServiceError::NotFound);
    }
    let depts: HashMap<i32, DepartmentInfo> = departments(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let interps = interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.eq(id))
        .order_by_asc(interpretation::Column::Id)
        .all(&state.db)
        .await?;
    let interpretations: Vec<InterpretationView> = interps
        .into_iter()
        .filter(|i| !public_only || i.status == InterpretationState::Published.as_str())
        .filter_map(|i| interpretation_view(i, &depts))
        .collect();
    let outline = if sanitize::looks_like_html(&p.body) {
        Vec::new()
    } else {
        articles::outline(&p.body)
            .into_iter()
            .map(|(_, e)| OutlineItem {
                anchor: e.anchor,
                label: e.label,
                level: e.level,
            })
            .collect()
    };
    let body_html = sanitize::render_body(&p.body);
    let (signed_on, effective_on, return_reason) =
        (p.signed_on, p.effective_on, p.return_reason.clone());
    let summary = summaries(state, vec![p])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(PolicyDetail {
        summary,
        signed_on,
        effective_on,
        body_html,
        outline,
        interpretations,
        return_reason,
    })
}

pub async fn source_body(state: &AppState, id: i32) -> Result<String, ServiceError> {
    Ok(policy::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?
        .body)
}

pub async fn staff_home(state: &AppState, user: &UserInfo) -> Result<StaffHome, ServiceError> {
    let department = match user.department_id {
        Some(id) => department::Entity::find_by_id(id)
            .one(&state.db)
            .await?
            .as_ref()
            .map(department_info),
        None => None,
    };
    let mut due = Vec::new();
    let mut policies = Vec::new();
    if let Some(dept) = user.department_id {
        let rows = policy::Entity::find()
            .filter(policy::Column::DepartmentId.eq(dept))
            .filter(policy::Column::Status.ne(PolicyStatus::Withdrawn.as_str()))
            .order_by_desc(policy::Column::UpdatedAt)
            .all(&state.db)
            .await?;
        policies = summaries(state, rows).await?;
        due = policies.iter().filter(|s| is_due(s)).cloned().collect();
        due.sort_by_key(|s| s.deadline);
    }
    let signoff_queue = if matches!(
        user.role,
        crate::domain::policy::Role::Editor | crate::domain::policy::Role::Admin
    ) {
        let rows = policy::Entity::find()
            .filter(policy::Column::Status.eq(PolicyStatus::AwaitingSignoff.as_str()))
            .order_by_asc(policy::Column::UpdatedAt)
            .all(&state.db)
            .await?;
        summaries(state, rows).await?
    } else {
        Vec::new()
    };
    Ok(StaffHome {
        user: user.clone(),
        department,
        due,
        policies,
        signoff_queue,
    })
}

pub async fn staff_policy(
    state: &AppState,
    user: &UserInfo,
    id: i32,
) -> Result<StaffPolicy, ServiceError> {
    let detail = detail(state, id, Some(user), false).await?;
    let a = actor(user);
    let dept = detail.summary.department.id;
    let status = detail.summary.status;
    Ok(StaffPolicy {
        can_edit: may(a, PolicyAction::Edit, dept)
            && transition(status, PolicyAction::Edit, None).is_ok(),
        can_add_interpretation: may(a, PolicyAction::AddInterpretation, dept)
            && transition(status, PolicyAction::AddInterpretation, None).is_ok(),
        can_submit: may(a, PolicyAction::SubmitForSignoff, dept) && status == PolicyStatus::Draft,
        can_sign_off: may(a, PolicyAction::Approve, dept)
            && status == PolicyStatus::AwaitingSignoff,
        can_withdraw: may(a, PolicyAction::Withdraw, dept) && status == PolicyStatus::Published,
        detail,
    })
}

async fn load_for(
    db: &DatabaseConnection,
    user: &UserInfo,
    id: i32,
    action: PolicyAction,
) -> Result<policy::Model, ServiceError> {
    let p = policy::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may(actor(user), action, p.department_id) {
        return Err(ServiceError::Forbidden);
    }
    Ok(p)
}

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
            let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
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
            let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
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
                status: Set(PolicyStatus::Draft.as_str().into()),
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

/// Adds an interpretation. To a draft it joins the sign-off; to a published policy it is
/// published at once, alone (an interpretation may follow its policy, within the deadline).
/// Whether an uploaded image may be served: it belongs to a published interpretation, or the
/// reader is staff (drafts are previewed). Files of consultations are served only through
/// their attachment route, which checks that the consultation is released.
pub async fn image_visible(
    state: &AppState,
    name: &str,
    staff: bool,
) -> Result<bool, ServiceError> {
    let mut q = interpretation::Entity::find().filter(interpretation::Column::ImagePath.eq(name));
    if !staff {
        q = q.filter(interpretation::Column::Status.eq(InterpretationState::Published.as_str()));
    }
    Ok(q.one(&state.db).await?.is_some())
}

/// Whether `user` may add an interpretation to the policy now: checked before an upload is
/// stored, so a refused request leaves nothing on disk.
pub async fn check_add_interpretation(
    state: &AppState,
    user: &UserInfo,
    policy_id: i32,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, policy_id, PolicyAction::AddInterpretation).await?;
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    transition(status, PolicyAction::AddInterpretation, None)
        .map_err(|_| ServiceError::WrongState)?;
    Ok(())
}

pub async fn add_interpretation(
    state: &AppState,
    user: &UserInfo,
    policy_id: i32,
    input: InterpretationInput,
    image_path: Option<String>,
) -> Result<i32, ServiceError> {
    let p = load_for(&state.db, user, policy_id, PolicyAction::AddInterpretation).await?;
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    transition(status, PolicyAction::AddInterpretation, None)
        .map_err(|_| ServiceError::WrongState)?;
    let (state_now, published_on) = if status == PolicyStatus::Published {
        (InterpretationState::Published, Some(state.today()))
    } else {
        (InterpretationState::Draft, None)
    };
    let qa_json =
        serde_json::to_string(&input.qa).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let saved = interpretation::ActiveModel {
        policy_id: Set(policy_id),
        kind: Set(input.kind.as_str().into()),
        title: Set(input.title),
        body: Set(input.body),
        qa_json: Set(qa_json),
        image_path: Set(image_path),
        image_alt: Set(input.image_alt),
        media_url: Set(input.media_url),
        department_id: Set(p.department_id),
        status: Set(state_now.as_str().into()),
        published_on: Set(published_on),
        created_by: Set(Some(user.id)),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let first_known = p.first_interpretation_on.is_some();
    let mut pm = p.into_active_model();
    pm.updated_at = Set(state.now());
    // The timeliness fact: the first interpretation of a published policy, once.
    if let (Some(day), false) = (published_on, first_known) {
        pm.first_interpretation_on = Set(Some(day));
    }
    pm.update(&state.db).await?;
    Ok(saved.id)
}

/// 同步审签: the drafter submits the policy together with its interpretation(s).
pub async fn submit(state: &AppState, user: &UserInfo, id: i32) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::SubmitForSignoff).await?;
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    let next = transition(status, PolicyAction::SubmitForSignoff, None)
        .map_err(|_| ServiceError::WrongState)?;
    let has_interpretation = interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.eq(id))
        .one(&state.db)
        .await?
        .is_some();
    if !has_interpretation {
        let mut fb = FormFeedback::default();
        fb.errors.insert(
            "submit".into(),
            (crate::i18n::Msg::NeedsInterpretation.key().into(), None),
        );
        return Err(ServiceError::Invalid(fb));
    }
    let txn = state.db.begin().await?;
    interpretation::Entity::update_many()
        .col_expr(
            interpretation::Column::Status,
            sea_orm::sea_query::Expr::value(InterpretationState::AwaitingSignoff.as_str()),
        )
        .filter(interpretation::Column::PolicyId.eq(id))
        .filter(interpretation::Column::Status.eq(InterpretationState::Draft.as_str()))
        .exec(&txn)
        .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next.as_str().into());
    pm.return_reason = Set(None);
    pm.updated_at = Set(state.now());
    save_if_status(&txn, pm, status).await?;
    txn.commit().await?;
    Ok(())
}

/// Saves a status change only if the policy is still in `from`: of two editors (or a double
/// click) one changes it, the other gets "not possible in the current state", and nothing is
/// applied twice.
async fn save_if_status(
    db: &impl sea_orm::ConnectionTrait,
    pm: policy::ActiveModel,
    from: PolicyStatus,
) -> Result<(), ServiceError> {
    match policy::Entity::update(pm)
        .validate()?
        .filter(policy::Column::Status.eq(from.as_str()))
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
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    let next =
        transition(status, PolicyAction::Approve, None).map_err(|_| ServiceError::WrongState)?;
    let today = state.today();
    let txn = state.db.begin().await?;
    interpretation::Entity::update_many()
        .col_expr(
            interpretation::Column::Status,
            sea_orm::sea_query::Expr::value(InterpretationState::Published.as_str()),
        )
        .col_expr(
            interpretation::Column::PublishedOn,
            sea_orm::sea_query::Expr::value(today),
        )
        .filter(interpretation::Column::PolicyId.eq(id))
        .filter(interpretation::Column::Status.eq(InterpretationState::AwaitingSignoff.as_str()))
        .exec(&txn)
        .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next.as_str().into());
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

/// Returns a submission to the drafting department with a reason.
pub async fn return_policy(
    state: &AppState,
    user: &UserInfo,
    id: i32,
    reason: &str,
) -> Result<(), ServiceError> {
    let p = load_for(&state.db, user, id, PolicyAction::Return).await?;
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    let next = match transition(status, PolicyAction::Return, Some(reason)) {
        Ok(n) => n,
        Err(crate::domain::policy::TransitionError::ReasonRequired) => {
            let mut fb = FormFeedback::default();
            fb.errors.insert(
                "reason".into(),
                (crate::i18n::Msg::ErrRequired.key().into(), None),
            );
            return Err(ServiceError::Invalid(fb));
        }
        Err(_) => return Err(ServiceError::WrongState),
    };
    let txn = state.db.begin().await?;
    interpretation::Entity::update_many()
        .col_expr(
            interpretation::Column::Status,
            sea_orm::sea_query::Expr::value(InterpretationState::Draft.as_str()),
        )
        .filter(interpretation::Column::PolicyId.eq(id))
        .filter(interpretation::Column::Status.eq(InterpretationState::AwaitingSignoff.as_str()))
        .exec(&txn)
        .await?;
    let mut pm = p.into_active_model();
    pm.status = Set(next.as_str().into());
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
    let status = PolicyStatus::parse(&p.status).unwrap_or(PolicyStatus::Draft);
    let next = match transition(status, PolicyAction::Withdraw, Some(reason)) {
        Ok(n) => n,
        Err(crate::domain::policy::TransitionError::ReasonRequired) => {
            let mut fb = FormFeedback::default();
            fb.errors.insert(
                "withdraw_reason".into(),
                (crate::i18n::Msg::ErrRequired.key().into(), None),
            );
            return Err(ServiceError::Invalid(fb));
        }
        Err(_) => return Err(ServiceError::WrongState),
    };
    let mut pm = p.into_active_model();
    pm.status = Set(next.as_str().into());
    pm.return_reason = Set(Some(reason.trim().chars().take(1000).collect()));
    // Its timeliness record stays as it was on this day.
    pm.withdrawn_on = Set(Some(state.today()));
    pm.updated_at = Set(state.now());
    save_if_status(&state.db, pm, status).await?;
    Ok(())
}
