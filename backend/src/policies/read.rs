//! What the pages read about policies: summaries with deadline and timeliness status, a
//! policy with its interpretations (for the public, or for staff by role), the staff desk.

use super::*;

/// Date on which each policy got its first published interpretation (one query, no N+1).
pub(crate) async fn first_interpretation_dates(
    db: &impl ConnectionTrait,
    policy_ids: &[i32],
) -> Result<HashMap<i32, NaiveDate>, ServiceError> {
    let mut out: HashMap<i32, NaiveDate> = HashMap::new();
    if policy_ids.is_empty() {
        return Ok(out);
    }
    let rows = interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.is_in(policy_ids.iter().copied()))
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
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
        let status = p.status;
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
            deadline_provisional: match (p.published_on, deadline) {
                (Some(from), Some(due)) => cal.is_provisional(from, due),
                _ => false,
            },
            deadline,
            interpretation: interp,
        });
    }
    Ok(out)
}

pub(crate) fn is_due(s: &PolicySummary) -> bool {
    matches!(
        s.interpretation,
        Some(InterpretationStatus::Due { .. }) | Some(InterpretationStatus::Overdue { .. })
    )
}

pub(crate) fn image_url(path: &Option<String>) -> Option<String> {
    path.as_ref().map(|p| format!("/uploads/{p}"))
}

pub(crate) fn interpretation_view(
    i: interpretation::Model,
    depts: &HashMap<i32, DepartmentInfo>,
    quotes: &HashMap<u32, ArticleQuote>,
) -> Option<InterpretationView> {
    let (passages, qa) = super::article_view::interpretation_parts(&i, quotes);
    Some(InterpretationView {
        id: i.id,
        kind: i.kind,
        title: i.title,
        passages,
        qa,
        image_url: image_url(&i.image_path),
        image_alt: i.image_alt,
        media_url: i.media_url,
        department: depts.get(&i.department_id)?.clone(),
        state: i.status,
        published_on: i.published_on,
    })
}

/// May this viewer see a policy in this state? The public sees only published policies.
pub(crate) fn may_view(viewer: Option<&UserInfo>, p: &policy::Model) -> bool {
    if p.status == PolicyStatus::Published {
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
        p.status == PolicyStatus::Published
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
    let mut blocks = super::article_view::body_blocks(&p.body);
    let quotes = super::article_view::quotes(&blocks);
    let interpretations: Vec<InterpretationView> = interps
        .into_iter()
        .filter(|i| !public_only || i.status == InterpretationState::Published)
        .filter_map(|i| interpretation_view(i, &depts, &quotes))
        .collect();
    super::article_view::attach_notes(&mut blocks, &interpretations);
    let body = blocks.into_iter().map(|(b, _)| b).collect();
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
    let (signed_on, effective_on, return_reason) =
        (p.signed_on, p.effective_on, p.return_reason.clone());
    let origin = crate::adoption::origin_of(&state.db, p.id).await?;
    let summary = summaries(state, vec![p])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    Ok(PolicyDetail {
        origin,
        summary,
        signed_on,
        effective_on,
        body,
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
            .filter(policy::Column::Status.ne(PolicyStatus::Withdrawn))
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
            .filter(policy::Column::Status.eq(PolicyStatus::AwaitingSignoff))
            .order_by_asc(policy::Column::UpdatedAt)
            .all(&state.db)
            .await?;
        summaries(state, rows).await?
    } else {
        Vec::new()
    };
    let calendar_missing = (user.role == crate::domain::policy::Role::Admin)
        .then(|| state.calendar().missing_schedule(state.today()))
        .flatten();
    Ok(StaffHome {
        user: user.clone(),
        department,
        due,
        policies,
        signoff_queue,
        calendar_missing,
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
        q = q.filter(interpretation::Column::Status.eq(InterpretationState::Published));
    }
    Ok(q.one(&state.db).await?.is_some())
}
