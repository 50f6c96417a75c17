//! The append-only moderation audit log (审核日志): who did what to which comment, when and
//! why. Rows are only ever inserted; the database refuses updates and deletes.

use super::entities::audit_entry;
use super::error::ServiceError;
use super::state::AppState;
use crate::domain::consultation::AuditAction;
use crate::domain::policy::Role;
use crate::model::{AuditLogPage, AuditRow, UserInfo};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryOrder, QuerySelect, Set,
};

pub const AUDIT_PAGE_SIZE: u64 = 50;

/// Records one action; call it inside the transaction that makes the change, so the change
/// and its record land together or not at all.
pub async fn record(
    db: &impl ConnectionTrait,
    actor: &UserInfo,
    action: AuditAction,
    target_id: i32,
    target_label: &str,
    reason: Option<&str>,
    detail: Option<String>,
) -> Result<(), ServiceError> {
    audit_entry::ActiveModel {
        at: Set(chrono::Utc::now()),
        actor_id: Set(actor.id),
        actor_name: Set(actor.username.clone()),
        action: Set(action),
        target_type: Set("comment".into()),
        target_id: Set(target_id),
        target_label: Set(target_label.into()),
        reason: Set(reason.map(String::from)),
        detail: Set(detail),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// One action of a bulk change.
pub struct Entry {
    pub action: AuditAction,
    pub target_id: i32,
    pub target_label: String,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

/// Records the actions of one bulk change (at most a few hundred at a time), inside its
/// transaction.
pub async fn record_many(
    db: &impl ConnectionTrait,
    actor: &UserInfo,
    entries: Vec<Entry>,
) -> Result<(), ServiceError> {
    if entries.is_empty() {
        return Ok(());
    }
    let now = chrono::Utc::now();
    let rows = entries.into_iter().map(|e| audit_entry::ActiveModel {
        at: Set(now),
        actor_id: Set(actor.id),
        actor_name: Set(actor.username.clone()),
        action: Set(e.action),
        target_type: Set("comment".into()),
        target_id: Set(e.target_id),
        target_label: Set(e.target_label),
        reason: Set(e.reason),
        detail: Set(e.detail),
        ..Default::default()
    });
    audit_entry::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// Newest first; administrators only.
pub async fn page(
    state: &AppState,
    actor: &UserInfo,
    page: u64,
) -> Result<AuditLogPage, ServiceError> {
    if actor.role != Role::Admin {
        return Err(ServiceError::Forbidden);
    }
    let total = audit_entry::Entity::find().count(&state.db).await?;
    let pages = total.div_ceil(AUDIT_PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let rows = audit_entry::Entity::find()
        .order_by_desc(audit_entry::Column::Id)
        .offset((page - 1) * AUDIT_PAGE_SIZE)
        .limit(AUDIT_PAGE_SIZE)
        .all(&state.db)
        .await?;
    Ok(AuditLogPage {
        rows: rows
            .into_iter()
            .map(|r| AuditRow {
                at: r.at,
                actor: r.actor_name,
                action: Some(r.action),
                target: r.target_label,
                reason: r.reason,
                detail: r.detail,
            })
            .collect(),
        page: page as u32,
        pages: pages as u32,
        total: total as u32,
    })
}
