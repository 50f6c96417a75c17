//! What the public may read, read in pages by id: one definition for every bulk reader (the
//! open-data archive, the search index), so none of them can drift into unpublished work.
//! Published policies; published interpretations of published policies; released
//! consultations; published comments of released consultations, each with its decision only
//! once the consultation's report is published.

use crate::domain::consultation::CommentStatus;
use crate::domain::policy::{InterpretationState, PolicyStatus};
use crate::entities::{comment, consultation, decision, interpretation, policy};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait,
};
use std::collections::HashSet;

/// Up to `limit` published policies with an id above `after`, in id order.
pub async fn policies_after(
    db: &impl ConnectionTrait,
    after: i32,
    limit: u64,
) -> Result<Vec<policy::Model>, DbErr> {
    policy::Entity::find()
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .filter(policy::Column::Id.gt(after))
        .order_by_asc(policy::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Up to `limit` published interpretations of published policies after `after`.
pub async fn interpretations_after(
    db: &impl ConnectionTrait,
    after: i32,
    limit: u64,
) -> Result<Vec<interpretation::Model>, DbErr> {
    interpretation::Entity::find()
        .join(JoinType::InnerJoin, interpretation::Relation::Policy.def())
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .filter(interpretation::Column::Id.gt(after))
        .order_by_asc(interpretation::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Up to `limit` released consultations after `after`.
pub async fn consultations_after(
    db: &impl ConnectionTrait,
    after: i32,
    limit: u64,
) -> Result<Vec<consultation::Model>, DbErr> {
    consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::Id.gt(after))
        .order_by_asc(consultation::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

/// Up to `limit` published comments of released consultations after `after`, each with its
/// decision when the report that releases it is published (drafted decisions stay out).
pub async fn comments_after(
    db: &impl ConnectionTrait,
    after: i32,
    limit: u64,
) -> Result<Vec<(comment::Model, Option<decision::Model>)>, DbErr> {
    let rows = comment::Entity::find()
        .join(JoinType::InnerJoin, comment::Relation::Consultation.def())
        .filter(consultation::Column::Released.eq(true))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(comment::Column::Id.gt(after))
        .find_also_related(decision::Entity)
        .order_by_asc(comment::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let ids: HashSet<i32> = rows.iter().map(|(c, _)| c.consultation_id).collect();
    let reported: HashSet<i32> = if ids.is_empty() {
        HashSet::new()
    } else {
        consultation::Entity::find()
            .filter(consultation::Column::Id.is_in(ids))
            .filter(consultation::Column::ReportPublished.eq(true))
            .all(db)
            .await?
            .into_iter()
            .map(|c| c.id)
            .collect()
    };
    Ok(rows
        .into_iter()
        .map(|(c, d)| {
            let d = d.filter(|_| reported.contains(&c.consultation_id));
            (c, d)
        })
        .collect())
}
