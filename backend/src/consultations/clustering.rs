//! Near-duplicate groups (campaigns): a comment entering moderation joins the group whose
//! members it resembles, found through indexed band keys.

use super::*;

/// Members of a candidate near-duplicate group compared with a new comment.
pub(crate) const CLUSTER_PROBES: u64 = 16;

/// Puts a comment that enters moderation into its near-duplicate group: LSH band keys find
/// candidates by index, the MinHash similarity confirms them, and groups that the new
/// comment bridges are merged under the smallest id.
pub async fn assign_cluster(
    db: &impl ConnectionTrait,
    c: &comment::Model,
) -> Result<(), ServiceError> {
    let sig = Signature::of(&c.body);
    let keys: Vec<i64> = sig
        .band_keys()
        .iter()
        .map(|k| i64::from_ne_bytes(k.to_ne_bytes()))
        .collect();
    // Comments sharing a band key with this one, as a subquery: a campaign of 100,000
    // copies must not load 100,000 rows per new comment.
    let sharing = || {
        sea_orm::sea_query::Query::select()
            .column(comment_band::Column::CommentId)
            .from(comment_band::Entity)
            .and_where(comment_band::Column::ConsultationId.eq(c.consultation_id))
            .and_where(comment_band::Column::BandKey.is_in(keys.iter().copied()))
            .to_owned()
    };
    let clusters: Vec<Option<i32>> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ClusterId)
        .distinct()
        .filter(comment::Column::Id.in_subquery(sharing()))
        .filter(comment::Column::Id.ne(c.id))
        .into_tuple()
        .all(db)
        .await?;
    let mut groups: std::collections::BTreeSet<i32> = Default::default();
    for cluster in clusters.into_iter().flatten() {
        // A few members of each candidate group are enough to decide: the group is one of
        // near-identical texts, and the most recent members reflect its latest edits.
        let members = comment::Entity::find()
            .filter(comment::Column::ClusterId.eq(cluster))
            .filter(comment::Column::Id.in_subquery(sharing()))
            .filter(comment::Column::Id.ne(c.id))
            .order_by_desc(comment::Column::Id)
            .limit(CLUSTER_PROBES)
            .all(db)
            .await?;
        let similar = members.iter().any(|other| {
            other
                .signature
                .as_deref()
                .and_then(Signature::from_hex)
                .is_some_and(|o| is_near_duplicate(&sig, &o))
        });
        if similar {
            groups.insert(cluster);
        }
    }
    let target = groups.iter().copied().chain([c.id]).min().unwrap_or(c.id);
    let merge: Vec<i32> = groups.into_iter().filter(|g| *g != target).collect();
    if !merge.is_empty() {
        comment::Entity::update_many()
            .col_expr(
                comment::Column::ClusterId,
                sea_orm::sea_query::Expr::value(target),
            )
            .filter(comment::Column::ClusterId.is_in(merge))
            .exec(db)
            .await?;
    }
    let mut m = c.clone().into_active_model();
    m.signature = Set(Some(sig.to_hex()));
    m.cluster_id = Set(Some(target));
    m.update(db).await?;
    comment_band::Entity::insert_many(keys.into_iter().map(|k| comment_band::ActiveModel {
        consultation_id: Set(c.consultation_id),
        band_key: Set(k),
        comment_id: Set(c.id),
        ..Default::default()
    }))
    .exec(db)
    .await?;
    Ok(())
}
