//! 意见促成的修改: the drafting department ties published comments it adopted (in full or in
//! part) to the changes of the final text they led to. A comment decided "adopted" that led
//! to no change is flagged to them before the report goes out; once it is out, the
//! comparison page says which comments prompted each change, and each commenter's status
//! page says what their comment changed.

use super::*;
use crate::domain::adoption::Outcome;
use crate::domain::policy::PolicyStatus;
use crate::entities::{change_link, policy};
use crate::forms::ChangeTie;

/// Tracking numbers listed for a change or a flag (the rest are counted).
pub const LISTED: usize = 20;

const ADOPTED: [Outcome; 2] = [Outcome::Adopted, Outcome::PartlyAdopted];

/// The final text's changes from the draft that comments can be tied to (renumbering alone
/// is none), once a published policy is linked.
pub(crate) async fn final_changes(
    db: &impl ConnectionTrait,
    c: &consultation::Model,
) -> Result<Vec<ArticleChangeView>, ServiceError> {
    let Some(id) = c.final_policy_id else {
        return Ok(Vec::new());
    };
    let Some(p) = policy::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.status == PolicyStatus::Published)
    else {
        return Ok(Vec::new());
    };
    Ok(crate::policies::compare_draft(&c.draft_text, &p.body)
        .1
        .into_iter()
        .filter(|ch| ch.kind != ArticleChangeKind::Renumbered)
        .collect())
}

/// Ties the chosen comments to a change, or unties them (`untie`): all of them or none.
/// Only comments decided "adopted" or "partly adopted", while decisions may be made.
pub async fn tie_change(
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
    let tie = ChangeTie::try_from(form)?;
    let changes = final_changes(&state.db, &c).await?;
    if !changes.iter().any(|ch| ch.key == tie.change) {
        return Err(Invalid::one("change", Msg::ErrChoice, None).into());
    }
    let txn = state.db.begin().await?;
    lock_unpublished(&txn, consultation_id).await?;
    let comments = target_comments(&txn, consultation_id, &tie.target).await?;
    let ids: Vec<i32> = comments.iter().map(|(id, _)| *id).collect();
    let mut adopted = 0;
    for chunk in ids.chunks(500) {
        adopted += decision::Entity::find()
            .filter(decision::Column::CommentId.is_in(chunk.iter().copied()))
            .filter(decision::Column::Outcome.is_in(ADOPTED))
            .count(&txn)
            .await?;
    }
    if adopted != ids.len() as u64 {
        return Err(Invalid::one("ids", Msg::ErrTieNotAdopted, None).into());
    }
    let now = state.now();
    let mut changed = 0;
    for chunk in ids.chunks(200) {
        if tie.remove {
            changed += change_link::Entity::delete_many()
                .filter(change_link::Column::CommentId.is_in(chunk.iter().copied()))
                .filter(change_link::Column::ChangeKey.eq(tie.change.as_str()))
                .exec(&txn)
                .await?
                .rows_affected;
        } else {
            let rows = chunk.iter().map(|id| change_link::ActiveModel {
                consultation_id: Set(consultation_id),
                comment_id: Set(*id),
                change_key: Set(tie.change.clone()),
                created_by: Set(Some(user.id)),
                created_at: Set(now),
                ..Default::default()
            });
            changed += change_link::Entity::insert_many(rows)
                .on_conflict(
                    OnConflict::columns([
                        change_link::Column::CommentId,
                        change_link::Column::ChangeKey,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(&txn)
                .await?;
        }
    }
    txn.commit().await?;
    Ok(changed)
}

/// The changes each of these comments is tied to.
pub(crate) async fn ties_of(
    db: &impl ConnectionTrait,
    comment_ids: &[i32],
    changes: &[ArticleChangeView],
) -> Result<HashMap<i32, Vec<ChangeRef>>, ServiceError> {
    let mut out: HashMap<i32, Vec<ChangeRef>> = HashMap::new();
    if comment_ids.is_empty() || changes.is_empty() {
        return Ok(out);
    }
    let by_key: HashMap<&str, &ArticleChangeView> =
        changes.iter().map(|c| (c.key.as_str(), c)).collect();
    for l in change_link::Entity::find()
        .filter(change_link::Column::CommentId.is_in(comment_ids.iter().copied()))
        .order_by_asc(change_link::Column::Id)
        .all(db)
        .await?
    {
        if let Some(ch) = by_key.get(l.change_key.as_str()) {
            out.entry(l.comment_id).or_default().push(ch.reference());
        }
    }
    Ok(out)
}

/// Published comments decided "adopted" or "partly adopted" that are tied to no change: how
/// many, and the first tracking numbers.
pub(crate) async fn untied_adopted(
    db: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<(u32, Vec<String>), ServiceError> {
    use sea_orm::sea_query::Query;
    let tied = Query::select()
        .column(change_link::Column::CommentId)
        .from(change_link::Entity)
        .and_where(change_link::Column::ConsultationId.eq(consultation_id))
        .to_owned();
    let untied = published_of(consultation_id)
        .join(JoinType::InnerJoin, comment::Relation::Decision.def())
        .filter(decision::Column::Outcome.is_in(ADOPTED))
        .filter(comment::Column::Id.not_in_subquery(tied));
    let n = untied.clone().count(db).await? as u32;
    let first: Vec<String> = untied
        .select_only()
        .column(comment::Column::TrackingNumber)
        .order_by_asc(comment::Column::Id)
        .limit(LISTED as u64)
        .into_tuple()
        .all(db)
        .await?;
    Ok((n, first))
}

/// For each change, the published comments tied to it: how many, and the first tracking
/// numbers (for the comparison page, once the report is out).
pub(crate) async fn prompted(
    db: &impl ConnectionTrait,
    consultation_id: i32,
    changes: &mut [ArticleChangeView],
) -> Result<(), ServiceError> {
    let tied = || {
        change_link::Entity::find()
            .join(JoinType::InnerJoin, change_link::Relation::Comment.def())
            .filter(change_link::Column::ConsultationId.eq(consultation_id))
            .filter(comment::Column::Status.eq(CommentStatus::Published))
    };
    let counts: HashMap<String, i64> = tied()
        .select_only()
        .column(change_link::Column::ChangeKey)
        // Qualified: the join has two `id` columns.
        .column_as(
            count_of((change_link::Entity, change_link::Column::Id)),
            "n",
        )
        .group_by(change_link::Column::ChangeKey)
        .into_tuple::<(String, i64)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    for ch in changes.iter_mut() {
        let Some(n) = counts.get(&ch.key).copied().filter(|n| *n > 0) else {
            continue;
        };
        ch.prompted_count = n as u32;
        ch.prompted_by = tied()
            .filter(change_link::Column::ChangeKey.eq(ch.key.as_str()))
            .select_only()
            .column(comment::Column::TrackingNumber)
            .order_by_asc(comment::Column::Id)
            .limit(LISTED as u64)
            .into_tuple()
            .all(db)
            .await?;
    }
    Ok(())
}

/// The changes one comment led to, for its author (once the report is out).
pub(crate) async fn led_to(
    db: &impl ConnectionTrait,
    c: &consultation::Model,
    comment_id: i32,
) -> Result<Vec<ChangeRef>, ServiceError> {
    if !c.report_published {
        return Ok(Vec::new());
    }
    let changes = final_changes(db, c).await?;
    Ok(ties_of(db, &[comment_id], &changes)
        .await?
        .remove(&comment_id)
        .unwrap_or_default())
}
