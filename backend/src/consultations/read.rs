//! What the pages read: consultation lists, a consultation with its published comments
//! (counted and paged in the database), and attachments of released consultations.

use super::*;

pub const COMMENTS_PAGE_SIZE: u32 = 20;
pub(crate) async fn counts(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, (u32, u32)>, ServiceError> {
    let mut out: HashMap<i32, (u32, u32)> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    // Counted in the database: a consultation may have hundreds of thousands of comments.
    // Unverified ones are not counted at all, so the index on (consultation, status) is
    // probed for the other statuses only: a flood of unconfirmed submissions (a burst, a
    // bot) does not make every consultation page count through it.
    let rows: Vec<(i32, CommentStatus, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ConsultationId)
        .column(comment::Column::Status)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::ConsultationId.is_in(ids.iter().copied()))
        .filter(comment::Column::Status.is_in([
            CommentStatus::AwaitingModeration,
            CommentStatus::Published,
            CommentStatus::Rejected,
        ]))
        .group_by(comment::Column::ConsultationId)
        .group_by(comment::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (id, status, n) in rows {
        let e = out.entry(id).or_default();
        let n = n.max(0) as u32;
        // "Received" counts verified comments: unverified ones may be typos or abuse.
        if status != CommentStatus::Unverified {
            e.0 += n;
        }
        if status == CommentStatus::Published {
            e.1 += n;
        }
    }
    Ok(out)
}

pub(crate) async fn summaries(
    state: &AppState,
    rows: Vec<consultation::Model>,
) -> Result<Vec<ConsultationSummary>, ServiceError> {
    let depts: HashMap<i32, DepartmentInfo> = departments(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d))
        .collect();
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let counts = counts(&state.db, &ids).await?;
    let now = state.now();
    Ok(rows
        .into_iter()
        .filter_map(|c| {
            let (received, published) = counts.get(&c.id).copied().unwrap_or_default();
            let consultation_state =
                state_at(c.released, c.opens_at, c.closes_at, c.report_published, now);
            let report = matches!(
                consultation_state,
                ConsultationState::Closed | ConsultationState::ReportPublished
            )
            .then(|| report_status(state, &c));
            Some(ConsultationSummary {
                id: c.id,
                state: consultation_state,
                report,
                department: depts.get(&c.department_id)?.clone(),
                title: c.title,
                opens_at: c.opens_at,
                closes_at: c.closes_at,
                days_left: days_left(c.closes_at, now),
                days_to_open: days_left(c.opens_at, now),
                comments_received: received,
                comments_published: published,
            })
        })
        .collect())
}

pub async fn list(
    state: &AppState,
    department: Option<&str>,
) -> Result<ConsultationList, ServiceError> {
    let departments = departments(&state.db).await?;
    let mut q = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .order_by_desc(consultation::Column::OpensAt);
    if let Some(code) = department.filter(|c| !c.is_empty()) {
        // An unknown department shows nothing rather than everything.
        let id = departments
            .iter()
            .find(|d| d.code == code)
            .map_or(-1, |d| d.id);
        q = q.filter(consultation::Column::DepartmentId.eq(id));
    }
    let rows = q.all(&state.db).await?;
    let all = summaries(state, rows).await?;
    let pick = |s: ConsultationState| {
        all.iter()
            .filter(|c| c.state == s)
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut closed = pick(ConsultationState::Closed);
    closed.extend(pick(ConsultationState::ReportPublished));
    Ok(ConsultationList {
        open: pick(ConsultationState::Open),
        upcoming: pick(ConsultationState::Scheduled),
        closed,
        departments,
    })
}

/// Consultations for staff: a drafter sees their department's, drafts included; editors
/// and administrators see all.
pub async fn staff_list(
    state: &AppState,
    user: &UserInfo,
) -> Result<StaffConsultations, ServiceError> {
    let mut q = consultation::Entity::find().order_by_desc(consultation::Column::CreatedAt);
    match (user.role, user.department_id) {
        (Role::Drafter, Some(d)) => q = q.filter(consultation::Column::DepartmentId.eq(d)),
        (Role::Editor | Role::Admin, _) => {}
        _ => return Err(ServiceError::Forbidden),
    }
    let rows = q.all(&state.db).await?;
    Ok(StaffConsultations {
        items: summaries(state, rows).await?,
        can_release: user.role == Role::Drafter,
    })
}

pub async fn detail(
    state: &AppState,
    id: i32,
    q: &CommentQuery,
) -> Result<ConsultationDetail, ServiceError> {
    let c = consultation::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !c.released {
        return Err(ServiceError::NotFound);
    }
    let final_policy = final_policy_of(&state.db, &c).await?;
    let labels: HashMap<String, String> = article_labels(&c.draft_text).into_iter().collect();
    let published = comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(id))
        .filter(comment::Column::Status.eq(CommentStatus::Published));
    let per_article: HashMap<String, u32> = published
        .clone()
        .select_only()
        .column(comment::Column::ArticleAnchor)
        .column_as(comment::Column::Id.count(), "n")
        .filter(comment::Column::ArticleAnchor.is_not_null())
        .group_by(comment::Column::ArticleAnchor)
        .into_tuple::<(Option<String>, i64)>()
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|(a, n)| Some((a?, n.max(0) as u32)))
        .collect();
    let blocks = sanitize::text_blocks(&c.draft_text)
        .into_iter()
        .map(|(entry, html)| {
            let (anchor, label) = match entry.filter(|e| e.level == 3) {
                Some(e) => (Some(e.anchor), Some(e.label)),
                None => (None, None),
            };
            DraftBlock {
                published_comments: anchor
                    .as_ref()
                    .and_then(|a| per_article.get(a))
                    .copied()
                    .unwrap_or(0),
                anchor,
                label,
                html,
            }
        })
        .collect();
    let article_filter = q.article.clone().filter(|a| !a.is_empty());
    let matching = match article_filter.as_deref() {
        None => published,
        Some("general") => published.filter(comment::Column::ArticleAnchor.is_null()),
        Some(a) => published.filter(comment::Column::ArticleAnchor.eq(a)),
    };
    let matching = if q.order.as_deref() == Some("oldest") {
        matching
            .order_by_asc(comment::Column::CreatedAt)
            .order_by_asc(comment::Column::Id)
    } else {
        matching
            .order_by_desc(comment::Column::CreatedAt)
            .order_by_desc(comment::Column::Id)
    };
    let total = matching.clone().count(&state.db).await? as u32;
    let pages = total.div_ceil(COMMENTS_PAGE_SIZE).max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let comments = matching
        .offset(((page - 1) * COMMENTS_PAGE_SIZE) as u64)
        .limit(COMMENTS_PAGE_SIZE as u64)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|p| PublicComment {
            id: p.id,
            article_label: p
                .article_anchor
                .as_ref()
                .and_then(|a| labels.get(a).cloned()),
            article_anchor: p.article_anchor,
            display_name: p.display_name,
            redacted: p.redacted_body.is_some(),
            body: p.redacted_body.unwrap_or(p.body),
            submitted_at: p.created_at,
        })
        .collect();
    let short_period_reason = c.short_period_reason.clone();
    let note_html = sanitize::render_body(&c.explanatory_note);
    let summary = summaries(state, vec![c])
        .await?
        .pop()
        .ok_or(ServiceError::NotFound)?;
    let attachments = consultation_attachment::Entity::find()
        .filter(consultation_attachment::Column::ConsultationId.eq(id))
        .order_by_asc(consultation_attachment::Column::Id)
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| AttachmentInfo {
            id: a.id,
            kind: a
                .stored_name
                .rsplit_once('.')
                .map(|(_, e)| e.to_uppercase())
                .unwrap_or_default(),
            size: attachments::human_size(a.size_bytes.max(0) as u64),
            file_name: a.file_name,
        })
        .collect();
    Ok(ConsultationDetail {
        final_policy,
        summary,
        short_period_reason,
        note_html,
        blocks,
        comments,
        comments_matching: total,
        page,
        pages,
        attachments,
    })
}

/// A public attachment: only of a released consultation.
pub async fn attachment(
    state: &AppState,
    id: i32,
) -> Result<consultation_attachment::Model, ServiceError> {
    let a = consultation_attachment::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let released = consultation::Entity::find_by_id(a.consultation_id)
        .one(&state.db)
        .await?
        .is_some_and(|c| c.released);
    if released {
        Ok(a)
    } else {
        Err(ServiceError::NotFound)
    }
}

/// The published policy a consultation led to.
pub async fn final_policy_of(
    db: &impl ConnectionTrait,
    c: &consultation::Model,
) -> Result<Option<PolicyLink>, ServiceError> {
    let Some(id) = c.final_policy_id else {
        return Ok(None);
    };
    Ok(crate::entities::policy::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.status == crate::domain::policy::PolicyStatus::Published)
        .map(|p| PolicyLink {
            changes: crate::policies::compare_draft(&c.draft_text, &p.body).0,
            id: p.id,
            title: p.title,
            doc_number: p.doc_number,
        }))
}

/// When a consultation's adoption report is due (working days after its last day of
/// comments, on the official calendar) and where it stands today.
pub fn report_status(state: &AppState, c: &consultation::Model) -> ReportStatus {
    use crate::domain::adoption;
    let cal = state.calendar();
    let last_day = adoption::last_comment_day(c.closes_at);
    let deadline = adoption::report_deadline(&cal, last_day, state.config.report_working_days);
    let published = c
        .report_published_at
        .map(crate::domain::consultation::china_date);
    ReportStatus {
        deadline,
        provisional: cal.is_provisional(last_day, deadline),
        timeliness: adoption::report_timeliness(&cal, deadline, published, state.today()),
    }
}
