//! Subscriptions without an account (订阅): double opt-in by email, one-click unsubscribe in
//! every notice, and the "consultation opened" notice sent once per consultation through the
//! outbox. Responses never reveal whether an address is already subscribed.

use super::auth::{random_token, token_hash};
use super::entities::{consultation, department, subscription, unsubscribe_token};
use super::error::{Invalid, ServiceError};
use super::forms::{Subscribe, SubscribeForm};
use super::mail::{self, signed};
use super::state::{AppState, within_rate};
use crate::i18n::{Locale, Msg, fill};
use crate::model::UnsubscribeInfo;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter, Set, TransactionTrait,
};
use std::collections::HashSet;

fn scope_name(dept: Option<&department::Model>, locale: Locale) -> String {
    match dept {
        Some(d) => locale
            .pick(&d.name_zh_hans, &d.name_zh_hant, &d.name_en)
            .to_string(),
        None => Msg::AllConsultations.text(locale).to_string(),
    }
}

/// Starts a subscription: stores it unconfirmed and mails the confirmation link.
pub async fn subscribe(
    state: &AppState,
    form: &SubscribeForm,
    ip: &str,
    locale: Locale,
) -> Result<(), ServiceError> {
    let Subscribe { email, department } = Subscribe::try_from(form)?;
    let dept = match department {
        None => None,
        Some(code) => Some(
            department::Entity::find()
                .filter(department::Column::Code.eq(code.as_str()))
                .one(&state.db)
                .await?
                .ok_or_else(|| Invalid::one("scope", Msg::ErrChoice, None))?,
        ),
    };
    if !within_rate(state, "subscribe", ip, &email) {
        return Err(ServiceError::TooMany(
            Invalid::one("email", Msg::ErrRateLimited, None),
            3600,
        ));
    }
    let email_key = email.to_lowercase();
    let dept_id = dept.as_ref().map(|d| d.id);
    let existing = subscription::Entity::find()
        .filter(subscription::Column::Email.eq(email_key.as_str()))
        .filter(match dept_id {
            Some(id) => subscription::Column::DepartmentId.eq(id),
            None => subscription::Column::DepartmentId.is_null(),
        })
        .filter(subscription::Column::UnsubscribedAt.is_null())
        .one(&state.db)
        .await?;
    if existing.as_ref().is_some_and(|s| s.confirmed_at.is_some()) {
        // Already subscribed: the same answer as for a new subscription, and no mail.
        return Ok(());
    }
    let token = random_token();
    let txn = state.db.begin().await?;
    match existing {
        Some(s) => {
            let mut m = s.into_active_model();
            m.confirm_token_hash = Set(Some(token_hash(&token)));
            m.locale = Set(locale.tag().into());
            m.update(&txn).await?;
        }
        None => {
            subscription::ActiveModel {
                email: Set(email_key.clone()),
                department_id: Set(dept_id),
                confirm_token_hash: Set(Some(token_hash(&token))),
                // Unused since unsubscribe links have tokens of their own (table
                // unsubscribe_tokens); a hash of a random value keeps the column unique.
                unsubscribe_token: Set(token_hash(&random_token())),
                confirmed_at: Set(None),
                unsubscribed_at: Set(None),
                created_at: Set(state.now()),
                locale: Set(locale.tag().into()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    let link = format!(
        "{}/subscriptions/confirm?token={token}",
        state.config.site_url
    );
    let body = fill(
        Msg::MailSubscribeBody.text(locale),
        &[
            ("scope", &scope_name(dept.as_ref(), locale)),
            ("link", &link),
        ],
    );
    mail::enqueue(
        &txn,
        &email_key,
        Msg::MailSubscribeSubject.text(locale),
        &signed(body, locale),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Follows a confirmation link; one use only.
pub async fn confirm(state: &AppState, token: &str) -> Result<bool, ServiceError> {
    if token.len() != 64 {
        return Ok(false);
    }
    let oldest = state.now() - chrono::Duration::days(super::consultations::LINK_VALID_DAYS);
    // One statement that checks and changes: a second click (or a second instance) finds the
    // token gone and changes nothing.
    let changed = subscription::Entity::update_many()
        .col_expr(
            subscription::Column::ConfirmedAt,
            sea_orm::sea_query::Expr::value(state.now()),
        )
        .col_expr(
            subscription::Column::ConfirmTokenHash,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(subscription::Column::ConfirmTokenHash.eq(token_hash(token)))
        .filter(subscription::Column::UnsubscribedAt.is_null())
        .filter(subscription::Column::CreatedAt.gt(oldest))
        .exec(&state.db)
        .await?
        .rows_affected;
    Ok(changed == 1)
}

async fn by_unsubscribe_token(
    state: &AppState,
    token: &str,
) -> Result<Option<subscription::Model>, ServiceError> {
    if token.len() != 64 {
        return Ok(None);
    }
    let Some(t) = unsubscribe_token::Entity::find()
        .filter(unsubscribe_token::Column::TokenHash.eq(token_hash(token)))
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    Ok(subscription::Entity::find_by_id(t.subscription_id)
        .one(&state.db)
        .await?)
}

/// "z***@example.org": enough to recognise one's address, not to harvest it.
fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}***@{domain}")
        }
        None => "***".into(),
    }
}

/// What the unsubscribe page shows before the visitor confirms (a GET never unsubscribes:
/// mail scanners open links).
pub async fn unsubscribe_info(
    state: &AppState,
    token: &str,
    locale: Locale,
) -> Result<Option<UnsubscribeInfo>, ServiceError> {
    let Some(s) = by_unsubscribe_token(state, token).await? else {
        return Ok(None);
    };
    let dept = match s.department_id {
        Some(id) => department::Entity::find_by_id(id).one(&state.db).await?,
        None => None,
    };
    Ok(Some(UnsubscribeInfo {
        email: mask_email(&s.email),
        scope: scope_name(dept.as_ref(), locale),
        active: s.unsubscribed_at.is_none(),
    }))
}

/// Unsubscribes (idempotent); false for an unknown token.
pub async fn unsubscribe(state: &AppState, token: &str) -> Result<bool, ServiceError> {
    let Some(s) = by_unsubscribe_token(state, token).await? else {
        return Ok(false);
    };
    if s.unsubscribed_at.is_none() {
        let mut m = s.into_active_model();
        m.unsubscribed_at = Set(Some(state.now()));
        m.update(&state.db).await?;
    }
    Ok(true)
}

/// Tells confirmed subscribers about consultations that have opened, once each; an address
/// subscribed both to everything and to the department gets one mail. The consultation is
/// marked in the same transaction as the mails are queued.
pub async fn notify_opened(state: &AppState) -> Result<usize, ServiceError> {
    let now = state.now();
    let due = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::OpenedNotifiedAt.is_null())
        .filter(consultation::Column::OpensAt.lte(now))
        .filter(consultation::Column::ClosesAt.gt(now))
        .all(&state.db)
        .await?;
    let mut queued = 0;
    for c in due {
        let txn = state.db.begin().await?;
        // Claimed first, in the same transaction as the mails: of several instances exactly
        // one marks the consultation as notified and queues its notices; the others find it
        // marked (PostgreSQL: after waiting for the row; SQLite: after the write lock).
        let claimed = consultation::Entity::update_many()
            .col_expr(
                consultation::Column::OpenedNotifiedAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(consultation::Column::Id.eq(c.id))
            .filter(consultation::Column::OpenedNotifiedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if claimed != 1 {
            continue;
        }
        let closes = |locale: Locale| {
            locale.date(
                (c.closes_at - chrono::Duration::seconds(1) + chrono::Duration::hours(8))
                    .date_naive(),
            )
        };
        let link = format!("{}/consultations/{}", state.config.site_url, c.id);
        queued += notify_subscribers(
            &txn,
            state,
            c.department_id,
            (Msg::MailOpenedSubject, Msg::MailOpenedBody),
            |locale| {
                vec![
                    ("title", c.title.clone()),
                    ("closes", closes(locale)),
                    ("link", link.clone()),
                ]
            },
        )
        .await?;
        txn.commit().await?;
    }
    Ok(queued)
}

/// Queues a notice about a consultation of `department_id` to every confirmed subscriber of
/// that department or of all (once per address), each with its own unsubscribe link; `args`
/// gives the message's fields in the subscriber's language (`department` and `unsubscribe`
/// are added). Returns how many were queued.
pub(crate) async fn notify_subscribers(
    txn: &impl ConnectionTrait,
    state: &AppState,
    department_id: i32,
    (subject, body): (Msg, Msg),
    args: impl Fn(Locale) -> Vec<(&'static str, String)>,
) -> Result<usize, ServiceError> {
    let now = state.now();
    let dept = department::Entity::find_by_id(department_id)
        .one(txn)
        .await?;
    let subscribers = subscription::Entity::find()
        .filter(subscription::Column::ConfirmedAt.is_not_null())
        .filter(subscription::Column::UnsubscribedAt.is_null())
        .filter(
            Condition::any()
                .add(subscription::Column::DepartmentId.is_null())
                .add(subscription::Column::DepartmentId.eq(department_id)),
        )
        .all(txn)
        .await?;
    let mut seen = HashSet::new();
    let mut queued = 0;
    for s in subscribers {
        if !seen.insert(s.email.clone()) {
            continue;
        }
        let locale = Locale::from_tag(&s.locale).unwrap_or_default();
        // A token for this mail only; the database keeps its hash.
        let token = random_token();
        unsubscribe_token::ActiveModel {
            subscription_id: Set(s.id),
            token_hash: Set(token_hash(&token)),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let unsubscribe = format!("{}/unsubscribe?token={token}", state.config.site_url);
        let mut fields = args(locale);
        fields.push(("department", scope_name(dept.as_ref(), locale)));
        fields.push(("unsubscribe", unsubscribe.clone()));
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        mail::enqueue_with_unsubscribe(
            txn,
            &s.email,
            &fill(subject.text(locale), &fields),
            &signed(fill(body.text(locale), &fields), locale),
            Some(&unsubscribe),
        )
        .await?;
        queued += 1;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::mask_email;

    #[test]
    fn masked_addresses_keep_only_the_first_letter_and_the_domain() {
        assert_eq!(mask_email("zhang.san@example.org"), "z***@example.org");
        assert_eq!(mask_email("张三@例子.中国"), "张***@例子.中国");
        assert_eq!(mask_email("nonsense"), "***");
    }
}
