//! A commenter follows their comment by tracking number and email.

use super::*;

/// Status lookups allowed per client address and per tracking number in an hour.
const LOOKUPS_PER_ADDRESS_HOUR: usize = 30;
const LOOKUPS_PER_NUMBER_HOUR: usize = 10;

/// The answer to a status lookup.
#[derive(Debug)]
pub enum LookupOutcome {
    Found(CommentLookup),
    /// No comment with this number and email (the two cases are not told apart).
    NotFound,
    /// Too many lookups from this address or for this number: try again in some minutes.
    Throttled {
        minutes: u64,
    },
}

/// A commenter's own comment, by tracking number and the email it was sent with; throttled,
/// because tracking numbers are sequential: anyone who knows an address could otherwise try
/// every number and learn where its owner commented.
pub async fn lookup_throttled(
    state: &AppState,
    tracking: &str,
    email: &str,
    ip: &str,
) -> Result<LookupOutcome, ServiceError> {
    let ip_key = format!("lookup:ip:{ip}");
    let number_key = format!("lookup:number:{}", tracking.trim().to_uppercase());
    if let Err(wait) = AppState::limit(&state.lookup_rate, |l| {
        l.try_acquire(
            &[
                (&ip_key, LOOKUPS_PER_ADDRESS_HOUR),
                (&number_key, LOOKUPS_PER_NUMBER_HOUR),
            ],
            std::time::Instant::now(),
        )
    }) {
        let minutes = wait.as_secs().div_ceil(60).max(1);
        return Ok(LookupOutcome::Throttled { minutes });
    }
    Ok(match lookup(state, tracking, email).await? {
        Some(found) => LookupOutcome::Found(found),
        None => LookupOutcome::NotFound,
    })
}

/// A commenter's own comment, found by tracking number and the email it was sent with.
pub async fn lookup(
    state: &AppState,
    tracking: &str,
    email: &str,
) -> Result<Option<CommentLookup>, ServiceError> {
    let Some(number) = TrackingNumber::parse(tracking) else {
        return Ok(None);
    };
    let Some(c) = comment::Entity::find()
        .filter(comment::Column::TrackingNumber.eq(number.to_string()))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    // Comments entered without an email cannot be looked up: the number alone proves nothing.
    if c.email.is_empty()
        || !crate::auth::constant_time_eq(&c.email.to_lowercase(), &email.trim().to_lowercase())
    {
        return Ok(None);
    }
    let Some(consultation) = consultation::Entity::find_by_id(c.consultation_id)
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    // The decision, once the adoption report made it public.
    let decision = published_decision(&state.db, &consultation, c.id).await?;
    let led_to = crate::adoption::led_to(&state.db, &consultation, c.id).await?;
    Ok(Some(CommentLookup {
        final_policy: consultation.final_policy_id.filter(|_| !led_to.is_empty()),
        led_to,
        tracking_number: c.tracking_number,
        consultation_id: c.consultation_id,
        consultation_title: consultation.title,
        decision,
        status: c.status,
        reject_reason: c.reject_reason.as_deref().and_then(RejectReason::parse),
        submitted_at: c.created_at,
    }))
}

/// A comment's decision for its author's status page, once the report is out.
pub(crate) async fn published_decision(
    db: &impl ConnectionTrait,
    c: &consultation::Model,
    comment_id: i32,
) -> Result<Option<DecisionView>, ServiceError> {
    if !c.report_published {
        return Ok(None);
    }
    Ok(crate::entities::decision::Entity::find_by_id(comment_id)
        .one(db)
        .await?
        .map(|d| DecisionView {
            outcome: d.outcome,
            response: d.response,
        }))
}
