//! Group commit (成组提交) of citizens' comments: each request hands its checked comment to
//! one writer, which commits everything waiting in one transaction, so one fsync makes a
//! whole batch durable. Each request gets its tracking number only once the transaction
//! holding its own comment has committed: a receipt is never shown for a comment that a
//! crash could lose.
//!
//! While a batch commits, the next one gathers, so batches grow with the load by themselves;
//! one submission alone is committed at once, with no waiting for company.

use super::*;
use sea_orm::sea_query::{CaseStatement, Expr};
use sea_orm::{DatabaseConnection, DbErr};
use tokio::sync::{mpsc, oneshot};

/// Comments committed in one transaction at most; a larger backlog takes several.
const MAX_BATCH: usize = 512;
/// Rows per INSERT statement: 100 rows of about 20 values stay far below SQLite's and
/// PostgreSQL's limits on bound values.
const ROWS_PER_STATEMENT: usize = 100;

/// A checked online comment waiting for its transaction, with what its verification mail
/// needs once its tracking number is known.
pub struct PendingComment {
    pub row: comment::ActiveModel,
    pub created_at: DateTime<Utc>,
    pub email: String,
    pub title: String,
    pub token: String,
    pub locale: Locale,
}

struct Job {
    comment: PendingComment,
    done: oneshot::Sender<Result<String, String>>,
}

/// The sending end of the writer; cloned into every request's state.
#[derive(Clone)]
pub struct CommentWriter {
    jobs: mpsc::Sender<Job>,
    wait: std::time::Duration,
}

impl CommentWriter {
    /// Starts the writer on the current tokio runtime. `queue` bounds the comments waiting
    /// (the intake's concurrency bounds them already; this is the second wall). A request
    /// waits at most `wait` for its receipt: give it less than the request timeout, so that
    /// a stalled database answers "busy, try again" with the text kept, not an error page.
    pub fn spawn(
        db: DatabaseConnection,
        site_url: String,
        queue: usize,
        wait: std::time::Duration,
    ) -> CommentWriter {
        let (jobs, rx) = mpsc::channel(queue.max(1));
        tokio::spawn(run(db, site_url, rx));
        CommentWriter { jobs, wait }
    }

    /// Commits `comment` with its verification mail; returns its tracking number once the
    /// transaction that holds it has committed.
    pub async fn write(&self, comment: PendingComment) -> Result<String, ServiceError> {
        let (done, receipt) = oneshot::channel();
        if self.jobs.try_send(Job { comment, done }).is_err() {
            return Err(busy());
        }
        match tokio::time::timeout(self.wait, receipt).await {
            Ok(Ok(Ok(tracking))) => Ok(tracking),
            Ok(Ok(Err(e))) => {
                tracing::error!(error = %e, "comment not stored");
                Err(busy())
            }
            // The writer stopped (the server is shutting down): the comment was not stored.
            Ok(Err(_)) => Err(busy()),
            // Waited too long. A comment still queued is then dropped by the writer (its
            // requester is gone); one already in a transaction is stored all the same, and
            // its mail tells the citizen.
            Err(_) => {
                tracing::warn!("comment intake: no receipt in time");
                Err(busy())
            }
        }
    }
}

/// Not taken in: the form again with the text kept, and a time to retry.
fn busy() -> ServiceError {
    ServiceError::Busy(Invalid::one("body", Msg::ErrBusy, None), 5)
}

async fn run(db: DatabaseConnection, site_url: String, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while rx.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let mut jobs = std::mem::replace(&mut batch, Vec::with_capacity(MAX_BATCH));
        // Nobody waits for these any more (timed out, disconnected, told "busy"): a
        // comment stored now would be one the citizen was told to send again.
        jobs.retain(|j| !j.done.is_closed());
        if jobs.is_empty() {
            continue;
        }
        let comments: Vec<&PendingComment> = jobs.iter().map(|j| &j.comment).collect();
        match commit(&db, &site_url, &comments).await {
            Ok(tracking) => {
                for (job, tracking) in jobs.into_iter().zip(tracking) {
                    // A requester that went away still has its comment stored; its mail
                    // carries the tracking number.
                    let _ = job.done.send(Ok(tracking));
                }
            }
            // One bad row must not sink the others: each is tried in its own transaction.
            // Unless the database itself fails (gone, timing out), not a row's constraint:
            // then the rest are refused at once rather than each waiting for it in turn.
            Err(_) if jobs.len() > 1 => {
                let mut down: Option<String> = None;
                for job in jobs {
                    let one = match &down {
                        Some(e) => Err(e.clone()),
                        None => match commit(&db, &site_url, &[&job.comment]).await {
                            Ok(mut t) => Ok(t.remove(0)),
                            Err(e) => {
                                if e.sql_err().is_none() {
                                    down = Some(e.to_string());
                                }
                                Err(e.to_string())
                            }
                        },
                    };
                    let _ = job.done.send(one);
                }
            }
            Err(e) => {
                for job in jobs {
                    let _ = job.done.send(Err(e.to_string()));
                }
            }
        }
    }
}

/// One transaction: the comments, their tracking numbers (from their row ids, so numbers
/// never repeat), their verification mails. Returns the tracking numbers in order.
async fn commit(
    db: &DatabaseConnection,
    site_url: &str,
    comments: &[&PendingComment],
) -> Result<Vec<String>, DbErr> {
    let txn = db.begin().await?;
    // A placeholder unique to each row finds it again among the inserted rows, whatever
    // order RETURNING gives them in.
    let placeholders: Vec<String> = comments
        .iter()
        .map(|_| format!("pending-{}", random_token()))
        .collect();
    let mut ids: HashMap<String, i32> = HashMap::with_capacity(comments.len());
    for (chunk, names) in comments
        .chunks(ROWS_PER_STATEMENT)
        .zip(placeholders.chunks(ROWS_PER_STATEMENT))
    {
        let rows = chunk.iter().zip(names).map(|(c, name)| {
            let mut row = c.row.clone();
            row.tracking_number = Set(name.clone());
            row
        });
        for saved in comment::Entity::insert_many(rows)
            .exec_with_returning(&txn)
            .await?
        {
            ids.insert(saved.tracking_number, saved.id);
        }
    }
    let mut tracking = Vec::with_capacity(comments.len());
    for (c, name) in comments.iter().zip(&placeholders) {
        let id = *ids
            .get(name)
            .ok_or_else(|| DbErr::Custom("an inserted comment was not returned".into()))?;
        let number = TrackingNumber {
            year: (c.created_at + chrono::Duration::hours(8)).year(),
            serial: id as u32,
        }
        .to_string();
        tracking.push((id, number));
    }
    for chunk in tracking.chunks(ROWS_PER_STATEMENT) {
        let mut case = CaseStatement::new();
        for (id, number) in chunk {
            case = case.case(comment::Column::Id.eq(*id), number.clone());
        }
        comment::Entity::update_many()
            .col_expr(comment::Column::TrackingNumber, Into::<Expr>::into(case))
            .filter(comment::Column::Id.is_in(chunk.iter().map(|(id, _)| *id)))
            .exec(&txn)
            .await?;
    }
    let mails = comments
        .iter()
        .zip(&tracking)
        .map(|(c, (_, number))| {
            let (subject, body) = VerificationMail {
                title: &c.title,
                tracking: number,
                token: &c.token,
                body: Msg::MailVerifyBody,
                locale: c.locale,
            }
            .compose(site_url);
            (c.email.clone(), subject, body)
        })
        .collect();
    mail::enqueue_many(&txn, mails).await?;
    txn.commit().await?;
    Ok(tracking.into_iter().map(|(_, number)| number).collect())
}
