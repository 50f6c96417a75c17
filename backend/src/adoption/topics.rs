//! Topics (意见归类): the drafting department puts comments that raise the same point under
//! a topic and answers the topic once; the report shows each topic's response.

use super::*;
use crate::entities::topic;
use crate::forms::NewTopic;
use sea_orm::ActiveModelTrait;

/// Puts the ticked published comments of a closed consultation under a new topic; all of
/// them or none. Returns the topic's id.
pub async fn create_topic(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
    form: &DecisionForm,
) -> Result<i32, ServiceError> {
    let c = find_consultation(&state.db, consultation_id).await?;
    if !may_decide(user, &c) {
        return Err(ServiceError::Forbidden);
    }
    adoption::may_decide(state_of(&c, state.now())).map_err(report_refusal)?;
    let NewTopic { title, ids } = NewTopic::try_from(form)?;
    let txn = state.db.begin().await?;
    lock_unpublished(&txn, consultation_id).await?;
    let found = published_of(consultation_id)
        .filter(comment::Column::Id.is_in(ids.iter().copied()))
        .count(&txn)
        .await?;
    if found != ids.len() as u64 {
        return Err(Invalid::one("ids", Msg::ErrNotDecidable, None).into());
    }
    let saved = topic::ActiveModel {
        consultation_id: Set(consultation_id),
        title: Set(title),
        outcome: Set(None),
        response: Set(None),
        created_at: Set(state.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    comment::Entity::update_many()
        .col_expr(comment::Column::TopicId, Expr::value(saved.id))
        .filter(comment::Column::Id.is_in(ids))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(saved.id)
}

/// The topics of a consultation with their published comments counted.
pub(crate) async fn topics_of(
    db: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<Vec<TopicSummary>, ServiceError> {
    let sizes: HashMap<i32, u32> = published_of(consultation_id)
        .select_only()
        .column(comment::Column::TopicId)
        .column_as(count_of(comment::Column::Id), "n")
        .filter(comment::Column::TopicId.is_not_null())
        .group_by(comment::Column::TopicId)
        .into_tuple::<(i32, i64)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(t, n)| (t, n.max(0) as u32))
        .collect();
    Ok(topic::Entity::find()
        .filter(topic::Column::ConsultationId.eq(consultation_id))
        .order_by_asc(topic::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| TopicSummary {
            comments: sizes.get(&t.id).copied().unwrap_or(0),
            id: t.id,
            title: t.title,
            outcome: t.outcome,
            response: t.response,
        })
        .collect())
}

/// Records a topic's decision as the topic's own response.
pub(crate) async fn answer_topic(
    db: &impl ConnectionTrait,
    consultation_id: i32,
    topic_id: i32,
    outcome: adoption::Outcome,
    response: Option<String>,
) -> Result<(), ServiceError> {
    topic::Entity::update_many()
        .col_expr(topic::Column::Outcome, Expr::value(outcome))
        .col_expr(topic::Column::Response, Expr::value(response))
        .filter(topic::Column::Id.eq(topic_id))
        .filter(topic::Column::ConsultationId.eq(consultation_id))
        .exec(db)
        .await?;
    Ok(())
}
