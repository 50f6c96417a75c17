//! The adoption of comments (采纳情况): the drafting department decides on every published
//! comment of a closed consultation (`decide`), then publishes all decisions at once as the
//! adoption report (`report`). Decisions stay private until then.

use super::audit;
use super::consultations::article_labels;
use super::entities::{comment, consultation, decision};
use super::error::{Invalid, ServiceError};
use super::forms::{Decision, DecisionForm, DecisionTarget};
use super::state::AppState;
use crate::domain::adoption::{self, ReportError};
use crate::domain::consultation::{
    AuditAction, CommentStatus, ConsultationState, china_date, state_at,
};
use crate::domain::policy::Role;
use crate::i18n::Msg;
use crate::model::*;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Set, TransactionTrait,
};
use std::collections::HashMap;

mod chain;
mod export;
mod reminders;
mod report;
mod templates;
mod ties;
mod topics;
pub use chain::*;
pub use export::*;
pub use reminders::*;
pub use report::*;
pub use templates::*;
pub use ties::*;
pub use topics::*;

/// `COUNT(column)`.
pub(crate) fn count_of(column: impl sea_orm::sea_query::IntoColumnRef) -> Expr {
    sea_orm::sea_query::ExprTrait::count(Expr::col(column))
}

/// Comments per page of the workspace.
pub const WORKSPACE_PAGE: u32 = 20;

pub(crate) async fn find_consultation(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<consultation::Model, ServiceError> {
    consultation::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)
}

fn state_of(c: &consultation::Model, now: DateTime<Utc>) -> ConsultationState {
    state_at(c.released, c.opens_at, c.closes_at, c.report_published, now)
}

/// Only the drafters of the consultation's department answer its comments.
fn may_decide(user: &UserInfo, c: &consultation::Model) -> bool {
    user.role == Role::Drafter && user.department_id == Some(c.department_id)
}

/// The report's deadline and where it stands today.
pub(crate) fn deadline(
    state: &AppState,
    c: &consultation::Model,
) -> (NaiveDate, bool, adoption::ReportTimeliness) {
    let s = crate::consultations::report_status(state, c);
    (s.deadline, s.provisional, s.timeliness)
}

/// The message for a consultation that takes no decisions now.
fn report_refusal(e: ReportError) -> ServiceError {
    let (msg, arg) = match e {
        ReportError::NotClosed => (Msg::ErrNotClosed, None),
        ReportError::AlreadyPublished => (Msg::ErrReportAlreadyPublished, None),
        ReportError::Undecided(n) => (Msg::ErrUndecided, Some(n.to_string())),
    };
    Invalid::one("decision", msg, arg).into()
}

/// Published comments of one consultation.
fn published_of(consultation_id: i32) -> sea_orm::Select<comment::Entity> {
    comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(consultation_id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
}

/// The published comments (id, tracking number) a target names: all of them, or an error
/// that changes nothing (a comment of another consultation, one not published, a forged id).
pub(crate) async fn target_comments(
    db: &impl ConnectionTrait,
    consultation_id: i32,
    target: &DecisionTarget,
) -> Result<Vec<(i32, String)>, ServiceError> {
    let mut query = published_of(consultation_id)
        .select_only()
        .column(comment::Column::Id)
        .column(comment::Column::TrackingNumber)
        .order_by_asc(comment::Column::Id);
    query = match target {
        DecisionTarget::Ids(ids) => query.filter(comment::Column::Id.is_in(ids.iter().copied())),
        DecisionTarget::Group(g) => query.filter(comment::Column::ClusterId.eq(*g)),
        DecisionTarget::Article(a) => query.filter(comment::Column::ArticleAnchor.eq(a.as_str())),
        DecisionTarget::Topic(t) => query.filter(comment::Column::TopicId.eq(*t)),
    };
    let comments: Vec<(i32, String)> = query.into_tuple().all(db).await?;
    let complete = match target {
        DecisionTarget::Ids(ids) => comments.len() == ids.len(),
        _ => !comments.is_empty(),
    };
    if !complete {
        return Err(Invalid::one("ids", Msg::ErrNotDecidable, None).into());
    }
    Ok(comments)
}

/// How many published comments of the consultation have no decision yet.
pub(crate) async fn undecided(
    db: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<u64, ServiceError> {
    Ok(published_of(consultation_id)
        .join(JoinType::LeftJoin, comment::Relation::Decision.def())
        .filter(decision::Column::CommentId.is_null())
        .count(db)
        .await?)
}

/// The workspace of one consultation's decisions: its department's drafters decide (once it
/// has closed), editors and administrators may look.
pub async fn workspace(
    state: &AppState,
    user: &UserInfo,
    id: i32,
    filter: &DecisionFilter,
) -> Result<AdoptionWorkspace, ServiceError> {
    let c = find_consultation(&state.db, id).await?;
    let mine = may_decide(user, &c);
    if !mine && !matches!(user.role, Role::Editor | Role::Admin) {
        return Err(ServiceError::Forbidden);
    }
    let consultation_state = state_of(&c, state.now());
    // Open ones too: the department sees what is coming before the period ends.
    if !matches!(
        consultation_state,
        ConsultationState::Open | ConsultationState::Closed | ConsultationState::ReportPublished
    ) {
        return Err(ServiceError::WrongState);
    }
    let articles = article_labels(&c.draft_text);
    let labels: HashMap<&str, &str> = articles
        .iter()
        .map(|(a, l)| (a.as_str(), l.as_str()))
        .collect();
    let published = published_of(id).count(&state.db).await? as u32;
    let undecided = undecided(&state.db, id).await? as u32;
    let mut query = published_of(id)
        .find_also_related(decision::Entity)
        .order_by_asc(comment::Column::Id);
    if let Some(a) = &filter.article {
        query = query.filter(comment::Column::ArticleAnchor.eq(a.as_str()));
    }
    if let Some(g) = filter.cluster {
        query = query.filter(comment::Column::ClusterId.eq(g));
    }
    if let Some(t) = filter.topic {
        query = query.filter(comment::Column::TopicId.eq(t));
    }
    if filter.undecided {
        query = query.filter(decision::Column::CommentId.is_null());
    }
    let matching = query.clone().count(&state.db).await? as u32;
    let pages = matching.div_ceil(WORKSPACE_PAGE).max(1);
    let page = filter.page.unwrap_or(1).clamp(1, pages);
    let rows = query
        .limit(u64::from(WORKSPACE_PAGE))
        .offset(u64::from((page - 1) * WORKSPACE_PAGE))
        .all(&state.db)
        .await?;
    // Sizes of the near-duplicate groups on this page, counted in the database.
    let clusters: Vec<i32> = rows.iter().filter_map(|(c, _)| c.cluster_id).collect();
    let sizes: HashMap<i32, u32> = if clusters.is_empty() {
        HashMap::new()
    } else {
        published_of(id)
            .select_only()
            .column(comment::Column::ClusterId)
            .column_as(count_of(comment::Column::Id), "n")
            .filter(comment::Column::ClusterId.is_in(clusters))
            .group_by(comment::Column::ClusterId)
            .into_tuple::<(i32, i64)>()
            .all(&state.db)
            .await?
            .into_iter()
            .map(|(g, n)| (g, n.max(0) as u32))
            .collect()
    };
    let changes = if mine {
        final_changes(&state.db, &c).await?
    } else {
        Vec::new()
    };
    let page_ids: Vec<i32> = rows.iter().map(|(cm, _)| cm.id).collect();
    let mut tied = ties_of(&state.db, &page_ids, &changes).await?;
    let (untied_adopted, untied_examples) = if changes.is_empty() {
        (0, Vec::new())
    } else {
        untied_adopted(&state.db, c.id).await?
    };
    let items = rows
        .into_iter()
        .map(|(cm, d)| AdoptionItem {
            changes: tied.remove(&cm.id).unwrap_or_default(),
            id: cm.id,
            tracking_number: cm.tracking_number,
            article_label: cm
                .article_anchor
                .as_deref()
                .and_then(|a| labels.get(a).map(|l| l.to_string())),
            article_anchor: cm.article_anchor,
            display_name: cm.display_name,
            body: cm.redacted_body.unwrap_or(cm.body),
            cluster_size: cm
                .cluster_id
                .and_then(|g| sizes.get(&g).copied())
                .unwrap_or(1),
            cluster_id: cm.cluster_id,
            topic_id: cm.topic_id,
            decision: d.map(|d| DecisionView {
                outcome: d.outcome,
                response: d.response,
            }),
        })
        .collect();
    let (deadline, deadline_provisional, timeliness) = deadline(state, &c);
    Ok(AdoptionWorkspace {
        consultation_id: c.id,
        title: c.title,
        state: consultation_state,
        articles,
        published,
        undecided,
        deadline,
        deadline_provisional,
        timeliness,
        may_decide: mine && consultation_state == ConsultationState::Closed,
        policies: if mine {
            policy_choices(&state.db, c.department_id).await?
        } else {
            Vec::new()
        },
        final_policy: c.final_policy_id,
        changes: changes.iter().map(ArticleChangeView::reference).collect(),
        untied_adopted,
        untied_examples,
        topics: topics_of(&state.db, c.id).await?,
        templates: if mine {
            templates_of(&state.db, c.department_id).await?
        } else {
            Vec::new()
        },
        items,
        matching,
        page,
        pages,
    })
}

/// Records (or revises) one decision for every comment of the target, or for none: the
/// target must name published comments of this consultation only. Returns how many.
pub async fn decide(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
    form: &DecisionForm,
) -> Result<u64, ServiceError> {
    let c = find_consultation(&state.db, consultation_id).await?;
    if !may_decide(user, &c) {
        return Err(ServiceError::Forbidden);
    }
    adoption::may_decide(state_of(&c, state.now())).map_err(report_refusal)?;
    let form = with_template(&state.db, c.department_id, form).await?;
    let Decision {
        outcome,
        response,
        target,
    } = Decision::try_from(&form)?;
    let txn = state.db.begin().await?;
    // Holds the consultation's row until commit: a report being published meanwhile waits,
    // or this finds it published and changes nothing.
    lock_unpublished(&txn, consultation_id).await?;
    let comments = target_comments(&txn, consultation_id, &target).await?;
    let now = state.now();
    for chunk in comments.chunks(200) {
        let rows = chunk.iter().map(|(id, _)| decision::ActiveModel {
            comment_id: Set(*id),
            consultation_id: Set(consultation_id),
            outcome: Set(outcome),
            response: Set(response.clone()),
            decided_by: Set(Some(user.id)),
            decided_at: Set(now),
        });
        decision::Entity::insert_many(rows)
            .on_conflict(
                OnConflict::column(decision::Column::CommentId)
                    .update_columns([
                        decision::Column::Outcome,
                        decision::Column::Response,
                        decision::Column::DecidedBy,
                        decision::Column::DecidedAt,
                    ])
                    .to_owned(),
            )
            .exec(&txn)
            .await?;
        let entries: Vec<audit::Entry> = chunk
            .iter()
            .map(|(id, tracking)| audit::Entry {
                action: AuditAction::Decide,
                target_id: *id,
                target_label: tracking.clone(),
                reason: response.clone(),
                detail: Some(outcome.as_str().into()),
            })
            .collect();
        audit::record_many(&txn, user, entries).await?;
    }
    if let DecisionTarget::Topic(t) = target {
        answer_topic(&txn, consultation_id, t, outcome, response).await?;
    }
    txn.commit().await?;
    Ok(comments.len() as u64)
}

/// Takes the consultation's row for this transaction if its report is not yet published.
async fn lock_unpublished(db: &impl ConnectionTrait, id: i32) -> Result<(), ServiceError> {
    let locked = consultation::Entity::update_many()
        .col_expr(
            consultation::Column::ReportPublished,
            Expr::col(consultation::Column::ReportPublished),
        )
        .filter(consultation::Column::Id.eq(id))
        .filter(consultation::Column::ReportPublished.eq(false))
        .exec(db)
        .await?
        .rows_affected;
    if locked != 1 {
        return Err(report_refusal(ReportError::AlreadyPublished));
    }
    Ok(())
}
