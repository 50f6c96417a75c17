//! Mail goes through a durable outbox table: a request only inserts a row (in the same
//! transaction as the change that causes it); the background sender delivers it over SMTP,
//! or writes an `.eml` file under the data dir when no SMTP server is configured. A failed
//! attempt is retried later with exponential backoff; nothing is lost and no request waits.

use super::config::{Config, SmtpConfig};
use super::entities::mail_outbox;
use super::state::AppState;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

pub const MAX_ATTEMPTS: i32 = 12;

/// A mail body with the platform's signature.
pub fn signed(body: String, locale: crate::i18n::Locale) -> String {
    format!(
        "{body}\n\n{}\n",
        crate::i18n::Msg::MailSignature.text(locale)
    )
}

pub async fn enqueue(
    db: &impl ConnectionTrait,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<i32, DbErr> {
    enqueue_with_unsubscribe(db, to, subject, body, None).await
}

/// Queues a mail; subscription mail passes its one-click unsubscribe URL, which goes out as
/// `List-Unsubscribe` and `List-Unsubscribe-Post` headers (RFC 2369, RFC 8058).
pub async fn enqueue_with_unsubscribe(
    db: &impl ConnectionTrait,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe_url: Option<&str>,
) -> Result<i32, DbErr> {
    let now = chrono::Utc::now();
    let row = mail_outbox::ActiveModel {
        recipient: Set(to.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(now),
        send_after: Set(now),
        attempts: Set(0),
        list_unsubscribe: Set(unsubscribe_url.map(String::from)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Queues many mails (to, subject, body) with few statements: a report published on a
/// consultation of 10,000 comments writes its notices in batches, not one by one.
pub async fn enqueue_many(
    db: &impl ConnectionTrait,
    mails: Vec<(String, String, String)>,
) -> Result<usize, DbErr> {
    let now = chrono::Utc::now();
    let n = mails.len();
    let mut rows = mails
        .into_iter()
        .map(|(to, subject, body)| mail_outbox::ActiveModel {
            recipient: Set(to),
            subject: Set(subject),
            body: Set(body),
            created_at: Set(now),
            send_after: Set(now),
            attempts: Set(0),
            list_unsubscribe: Set(None),
            ..Default::default()
        });
    loop {
        // 200 rows of 7 values: far below SQLite's and PostgreSQL's bound-value limits.
        let batch: Vec<_> = rows.by_ref().take(200).collect();
        if batch.is_empty() {
            break;
        }
        mail_outbox::Entity::insert_many(batch).exec(db).await?;
    }
    Ok(n)
}

/// Wait before the next attempt: `first`, then twice as long each time, at most 6 hours.
pub fn backoff(attempts: i32, first: std::time::Duration) -> chrono::Duration {
    let first = chrono::Duration::from_std(first).unwrap_or(chrono::Duration::minutes(1));
    (first * (1i32 << attempts.clamp(1, 10).saturating_sub(1))).min(chrono::Duration::hours(6))
}

fn build(config: &Config, row: &mail_outbox::Model) -> Result<Message, String> {
    let from: Mailbox = config.mail_from.parse().map_err(|e| format!("from: {e}"))?;
    let to: Mailbox = row.recipient.parse().map_err(|e| format!("to: {e}"))?;
    let mut builder = Message::builder()
        .from(from)
        .to(to)
        .subject(row.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    if let Some(url) = &row.list_unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    builder.body(row.body.clone()).map_err(|e| e.to_string())
}

fn transport(smtp: &SmtpConfig) -> Result<AsyncSmtpTransport<Tokio1Executor>, String> {
    let mut builder = match smtp.security.as_str() {
        "tls" => {
            AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host).map_err(|e| e.to_string())?
        }
        "starttls" => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
            .map_err(|e| e.to_string())?,
        _ => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host),
    }
    .port(smtp.port)
    .timeout(Some(std::time::Duration::from_secs(20)));
    if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
        builder = builder.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(builder.build())
}

/// Why a delivery failed, and whether the next mail has a chance now.
struct Failure {
    error: String,
    /// The server refused this message for good (5xx): others may still go through. Any
    /// other failure (no connection, a timeout, 4xx) would most likely hit the next mail too.
    this_mail_only: bool,
}

async fn deliver(
    config: &Config,
    smtp: Option<&AsyncSmtpTransport<Tokio1Executor>>,
    row: &mail_outbox::Model,
) -> Result<(), Failure> {
    let message = build(config, row).map_err(|error| Failure {
        error,
        this_mail_only: true,
    })?;
    match smtp {
        Some(transport) => {
            transport.send(message).await.map_err(|e| Failure {
                this_mail_only: e.is_permanent(),
                error: e.to_string(),
            })?;
        }
        None => {
            let failed = |e: std::io::Error| Failure {
                error: e.to_string(),
                this_mail_only: false,
            };
            let dir = config.outbox_dir();
            tokio::fs::create_dir_all(&dir).await.map_err(failed)?;
            let path = dir.join(format!("{:08}.eml", row.id));
            tokio::fs::write(&path, message.formatted())
                .await
                .map_err(failed)?;
        }
    }
    Ok(())
}

/// How long the text of a sent mail is kept (for questions about delivery): mails carry
/// personal data and working links, so after this only the row remains, without body.
pub const SENT_BODY_RETENTION: chrono::Duration = chrono::Duration::days(30);

/// Blanks bodies and unsubscribe links of mails sent longer ago than [`SENT_BODY_RETENTION`].
pub async fn purge_sent(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    let cutoff = chrono::Utc::now() - SENT_BODY_RETENTION;
    Ok(mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::Body,
            sea_orm::sea_query::Expr::value(""),
        )
        .col_expr(
            mail_outbox::Column::ListUnsubscribe,
            sea_orm::sea_query::Expr::value(Option::<String>::None),
        )
        .filter(mail_outbox::Column::SentAt.lt(cutoff))
        .filter(mail_outbox::Column::Body.ne(""))
        .exec(db)
        .await?
        .rows_affected)
}

/// How long a claimed mail is reserved for the instance that claimed it. Far longer than a
/// pass of SMTP conversations takes (20 s timeout each); if that instance dies, another
/// takes the mails over when the lease runs out.
pub const CLAIM_LEASE: chrono::Duration = chrono::Duration::minutes(5);

/// Mails looked at in one pass of the sender.
pub const BATCH: u64 = 100;

/// Delivers the mails that are due and that this instance can claim, at most [`BATCH`], over
/// up to [`PARALLEL_DELIVERIES`] pooled SMTP connections; returns how many were sent.
///
/// The database is written twice per pass, not twice per mail (each write is an fsync):
/// one statement claims the batch (moves `send_after` forward by the lease, only where it is
/// still due, and returns the rows it moved, so of several instances on one database each
/// mail goes to exactly one), and one transaction records the outcomes. A crash between
/// the two sends the batch again after the lease: delivery is at least once.
///
/// A failure that the next mail would meet too (the SMTP server is down) ends the pass: the
/// mails not tried are due again at once, without an attempt spent, so an outage costs one
/// attempt of one mail, not one attempt of every queued mail.
pub async fn deliver_due(state: &AppState) -> Result<usize, DbErr> {
    use sea_orm::TransactionTrait;
    use sea_orm::sea_query::{Expr, ExprTrait};
    let now = state.now();
    let due: Vec<i32> = mail_outbox::Entity::find()
        .select_only()
        .column(mail_outbox::Column::Id)
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::SendAfter.lte(now))
        .filter(mail_outbox::Column::Attempts.lt(MAX_ATTEMPTS))
        .order_by_asc(mail_outbox::Column::Id)
        .limit(BATCH)
        .into_tuple()
        .all(&state.db)
        .await?;
    if due.is_empty() {
        return Ok(0);
    }
    let smtp = match state.config.smtp.as_ref().map(transport).transpose() {
        Ok(t) => t,
        Err(e) => {
            tracing::error!(error = %e, "SMTP configuration");
            return Ok(0);
        }
    };
    let mut rows = mail_outbox::Entity::update_many()
        .col_expr(
            mail_outbox::Column::SendAfter,
            Expr::value(now + CLAIM_LEASE),
        )
        .filter(mail_outbox::Column::Id.is_in(due))
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::SendAfter.lte(now))
        .exec_with_returning(&state.db)
        .await?;
    rows.sort_by_key(|r| r.id);
    let (mut sent, mut failed, mut untried) = (Vec::new(), Vec::new(), Vec::new());
    let mut rows = rows.into_iter();
    // The first mail alone: when the server is down, only it spends an attempt. The rest
    // over several connections at once (an SMTP conversation is mostly waiting).
    let mut stop = false;
    if let Some(row) = rows.next() {
        let outcome = deliver(&state.config, smtp.as_ref(), &row).await;
        stop = record(outcome, row.id, row.attempts, &mut sent, &mut failed);
    }
    let mut running = tokio::task::JoinSet::new();
    for row in rows {
        while running.len() >= PARALLEL_DELIVERIES || (stop && !running.is_empty()) {
            if let Some(Ok((id, attempts, outcome))) = running.join_next().await {
                stop |= record(outcome, id, attempts, &mut sent, &mut failed);
            }
        }
        if stop {
            untried.push(row.id);
            continue;
        }
        let (config, smtp) = (state.config.clone(), smtp.clone());
        running.spawn(async move {
            let outcome = deliver(&config, smtp.as_ref(), &row).await;
            (row.id, row.attempts, outcome)
        });
    }
    while let Some(done) = running.join_next().await {
        if let Ok((id, attempts, outcome)) = done {
            record(outcome, id, attempts, &mut sent, &mut failed);
        }
    }
    let txn = state.db.begin().await?;
    if !sent.is_empty() {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::SentAt, Expr::value(Some(state.now())))
            .col_expr(
                mail_outbox::Column::LastError,
                Expr::value(Option::<String>::None),
            )
            .col_expr(
                mail_outbox::Column::Attempts,
                Expr::col(mail_outbox::Column::Attempts).add(1),
            )
            .filter(mail_outbox::Column::Id.is_in(sent.iter().copied()))
            .exec(&txn)
            .await?;
    }
    for (id, attempts, error) in failed {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::Attempts, Expr::value(attempts))
            .col_expr(
                mail_outbox::Column::SendAfter,
                Expr::value(state.now() + backoff(attempts, state.config.mail_retry)),
            )
            .col_expr(mail_outbox::Column::LastError, Expr::value(Some(error)))
            .filter(mail_outbox::Column::Id.eq(id))
            .exec(&txn)
            .await?;
    }
    if !untried.is_empty() {
        mail_outbox::Entity::update_many()
            .col_expr(mail_outbox::Column::SendAfter, Expr::value(now))
            .filter(mail_outbox::Column::Id.is_in(untried))
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    Ok(sent.len())
}

/// SMTP conversations of one pass at once (each on its own pooled connection).
const PARALLEL_DELIVERIES: usize = 8;

/// Notes how a delivery went; true when the next one would most likely fail too.
fn record(
    outcome: Result<(), Failure>,
    id: i32,
    attempts: i32,
    sent: &mut Vec<i32>,
    failed: &mut Vec<(i32, i32, String)>,
) -> bool {
    match outcome {
        Ok(()) => {
            sent.push(id);
            false
        }
        Err(f) => {
            tracing::warn!(error = %f.error, "mail delivery failed; will retry");
            failed.push((id, attempts + 1, f.error));
            !f.this_mail_only
        }
    }
}

/// Delivers what is due, pass after pass, until a pass is not full (the outbox is drained
/// or the server is down); returns how many were sent.
pub async fn drain(state: &AppState) -> Result<usize, DbErr> {
    let mut total = 0;
    loop {
        let sent = deliver_due(state).await?;
        total += sent;
        if sent < BATCH as usize {
            return Ok(total);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let minute = std::time::Duration::from_secs(60);
        assert_eq!(backoff(1, minute), chrono::Duration::minutes(1));
        assert_eq!(backoff(2, minute), chrono::Duration::minutes(2));
        assert_eq!(backoff(4, minute), chrono::Duration::minutes(8));
        assert_eq!(backoff(50, minute), chrono::Duration::minutes(360));
        let second = std::time::Duration::from_secs(1);
        assert_eq!(backoff(1, second), chrono::Duration::seconds(1));
        assert_eq!(backoff(3, second), chrono::Duration::seconds(4));
    }
}
