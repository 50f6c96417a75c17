//! 策前—策中—策后: a consultation names the policy that came out of it; the policy's page
//! links back to the consultation and its report, the consultation's page forward.

use super::*;
use crate::domain::adoption::Outcome;
use crate::domain::policy::PolicyStatus;
use crate::entities::policy;

/// The department's published policies a consultation may lead to (newest first, at most
/// this many).
const POLICY_CHOICES: u64 = 100;

pub(crate) async fn policy_choices(
    db: &impl ConnectionTrait,
    department_id: i32,
) -> Result<Vec<(i32, String)>, ServiceError> {
    Ok(policy::Entity::find()
        .select_only()
        .column(policy::Column::Id)
        .column(policy::Column::Title)
        .filter(policy::Column::DepartmentId.eq(department_id))
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .order_by_desc(policy::Column::PublishedOn)
        .order_by_desc(policy::Column::Id)
        .limit(POLICY_CHOICES)
        .into_tuple()
        .all(db)
        .await?)
}

/// Names the published policy of the same department that came out of a closed consultation
/// (`policy` empty: none).
pub async fn link_policy(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
    policy: &str,
) -> Result<(), ServiceError> {
    let c = find_consultation(&state.db, consultation_id).await?;
    if !may_decide(user, &c) {
        return Err(ServiceError::Forbidden);
    }
    if !matches!(
        state_of(&c, state.now()),
        ConsultationState::Closed | ConsultationState::ReportPublished
    ) {
        return Err(report_refusal(ReportError::NotClosed));
    }
    let policy = policy.trim();
    let final_policy = if policy.is_empty() {
        None
    } else {
        let chosen = policy
            .parse::<i32>()
            .map_err(|_| Invalid::one("policy", Msg::ErrChoice, None))?;
        let p = policy::Entity::find_by_id(chosen)
            .one(&state.db)
            .await?
            .filter(|p| p.department_id == c.department_id && p.status == PolicyStatus::Published)
            // Another department's policy, a draft, or no policy at all.
            .ok_or_else(|| Invalid::one("policy", Msg::ErrChoice, None))?;
        Some(p.id)
    };
    consultation::Entity::update_many()
        .col_expr(
            consultation::Column::FinalPolicyId,
            Expr::value(final_policy),
        )
        .filter(consultation::Column::Id.eq(c.id))
        .exec(&state.db)
        .await?;
    Ok(())
}

/// The released consultation a policy came out of, with its numbers.
pub async fn origin_of(
    db: &impl ConnectionTrait,
    policy_id: i32,
) -> Result<Option<ConsultationOrigin>, ServiceError> {
    let Some(c) = consultation::Entity::find()
        .filter(consultation::Column::FinalPolicyId.eq(policy_id))
        .filter(consultation::Column::Released.eq(true))
        .order_by_desc(consultation::Column::ClosesAt)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let comments_published = published_of(c.id).count(db).await? as u32;
    let adopted = if c.report_published {
        Some(
            decision::Entity::find()
                .filter(decision::Column::ConsultationId.eq(c.id))
                .filter(decision::Column::Outcome.is_in([Outcome::Adopted, Outcome::PartlyAdopted]))
                .count(db)
                .await? as u32,
        )
    } else {
        None
    };
    Ok(Some(ConsultationOrigin {
        consultation_id: c.id,
        title: c.title,
        comments_published,
        adopted,
        report_published: c.report_published,
    }))
}
