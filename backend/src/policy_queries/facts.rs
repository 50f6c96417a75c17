//! Keeping the facts: deadlines (they need the calendar), first interpretation days and
//! withdrawal days, filled in where missing and recomputed when the calendar changes.

use super::*;

/// Fills in the facts that are missing: deadlines (they need the calendar, so not in a
/// migration), first interpretation days and withdrawal days. Run at start and after demo
/// content is loaded; touches only rows that lack a fact.
pub async fn backfill_facts(
    db: &impl ConnectionTrait,
    cal: &Calendar,
) -> Result<u64, ServiceError> {
    let mut changed = 0;
    let missing = policy::Entity::find()
        .filter(policy::Column::PublishedOn.is_not_null())
        .filter(policy::Column::InterpretationDeadline.is_null())
        .all(db)
        .await?;
    for p in missing {
        let Some(published) = p.published_on else {
            continue;
        };
        changed += policy::Entity::update_many()
            .col_expr(
                policy::Column::InterpretationDeadline,
                Expr::value(deadline::interpretation_deadline(cal, published)),
            )
            .filter(policy::Column::Id.eq(p.id))
            .exec(db)
            .await?
            .rows_affected;
    }
    changed += db
        .execute_unprepared(
            "UPDATE policies SET first_interpretation_on = (SELECT MIN(i.published_on) \
             FROM interpretations i WHERE i.policy_id = policies.id AND i.status = 'published') \
             WHERE published_on IS NOT NULL AND first_interpretation_on IS NULL \
             AND EXISTS (SELECT 1 FROM interpretations i WHERE i.policy_id = policies.id \
             AND i.status = 'published' AND i.published_on IS NOT NULL)",
        )
        .await?
        .rows_affected();
    let withdrawn = policy::Entity::find()
        .filter(policy::Column::Status.eq(PolicyStatus::Withdrawn))
        .filter(policy::Column::WithdrawnOn.is_null())
        .all(db)
        .await?;
    for p in withdrawn {
        let day = (p.updated_at + chrono::Duration::hours(8)).date_naive();
        changed += policy::Entity::update_many()
            .col_expr(policy::Column::WithdrawnOn, Expr::value(day))
            .filter(policy::Column::Id.eq(p.id))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(changed)
}

/// After a calendar change: the deadlines of policies published from `since` on, computed
/// again on the new calendar (only future years can change, so few rows).
pub async fn recompute_deadlines(
    db: &impl ConnectionTrait,
    cal: &Calendar,
    since: NaiveDate,
) -> Result<(), ServiceError> {
    let rows = policy::Entity::find()
        .filter(policy::Column::PublishedOn.gte(since))
        .all(db)
        .await?;
    for p in rows {
        let Some(published) = p.published_on else {
            continue;
        };
        let due = deadline::interpretation_deadline(cal, published);
        if p.interpretation_deadline != Some(due) {
            policy::Entity::update_many()
                .col_expr(policy::Column::InterpretationDeadline, Expr::value(due))
                .filter(policy::Column::Id.eq(p.id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}
