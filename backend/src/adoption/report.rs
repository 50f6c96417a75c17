//! Publishing the adoption report, and the report as the public reads it.

use super::*;
use crate::departments::department_info;
use crate::domain::adoption::Outcome;
use crate::domain::consultation::RejectReason;
use crate::i18n::{Locale, fill};
use crate::mail::{self, signed};
use crate::subscriptions::notify_subscribers;

/// A commenter to tell: comment id, tracking number, email, language, when verified.
type Commenter = (i32, String, String, String, Option<DateTime<Utc>>);

/// Comments per page of the published report.
pub const REPORT_PAGE: u32 = 100;

/// The address of a comment's decision in the report (its page and anchor), given its place
/// in the report's order (by comment id, from 0).
pub fn report_link(site_url: &str, consultation_id: i32, index: u64, tracking: &str) -> String {
    let page = index / u64::from(REPORT_PAGE) + 1;
    format!("{site_url}/consultations/{consultation_id}/report?page={page}#c-{tracking}")
}

/// Publishes the report: refused while any published comment lacks a decision. Releases all
/// decisions at once, tells every commenter with a verified email where their decision is,
/// and the department's subscribers that the report is out. Returns the mails queued.
pub async fn publish_report(
    state: &AppState,
    user: &UserInfo,
    consultation_id: i32,
) -> Result<usize, ServiceError> {
    let c = find_consultation(&state.db, consultation_id).await?;
    if !may_decide(user, &c) {
        return Err(ServiceError::Forbidden);
    }
    adoption::may_decide(state_of(&c, state.now())).map_err(report_refusal)?;
    let now = state.now();
    let txn = state.db.begin().await?;
    // Claimed first: of two clicks (or a decision being saved) exactly one goes on.
    let claimed = consultation::Entity::update_many()
        .col_expr(consultation::Column::ReportPublished, Expr::value(true))
        .col_expr(consultation::Column::ReportPublishedAt, Expr::value(now))
        .filter(consultation::Column::Id.eq(consultation_id))
        .filter(consultation::Column::ReportPublished.eq(false))
        .exec(&txn)
        .await?
        .rows_affected;
    if claimed != 1 {
        return Err(report_refusal(ReportError::AlreadyPublished));
    }
    let open = undecided(&txn, consultation_id).await?;
    if open > 0 {
        // Dropping the transaction rolls the claim back.
        return Err(report_refusal(ReportError::Undecided(open)));
    }
    let mut queued = 0;
    // Commenters, a batch at a time (a consultation may have many thousands).
    let mut index: u64 = 0;
    let mut after = 0;
    loop {
        let batch: Vec<Commenter> = published_of(consultation_id)
            .select_only()
            .column(comment::Column::Id)
            .column(comment::Column::TrackingNumber)
            .column(comment::Column::Email)
            .column(comment::Column::Locale)
            .column(comment::Column::VerifiedAt)
            .filter(comment::Column::Id.gt(after))
            .order_by_asc(comment::Column::Id)
            .limit(500)
            .into_tuple()
            .all(&txn)
            .await?;
        let Some(last) = batch.last() else { break };
        after = last.0;
        let mut mails = Vec::new();
        for (_, tracking, email, locale, verified_at) in batch {
            let link = report_link(&state.config.site_url, consultation_id, index, &tracking);
            index += 1;
            if email.is_empty() || verified_at.is_none() {
                continue;
            }
            let locale = Locale::from_tag(&locale).unwrap_or_default();
            let args = [
                ("title", c.title.as_str()),
                ("tracking", tracking.as_str()),
                ("link", link.as_str()),
            ];
            mails.push((
                email,
                fill(Msg::MailDecisionSubject.text(locale), &args),
                signed(fill(Msg::MailDecisionBody.text(locale), &args), locale),
            ));
        }
        queued += mail::enqueue_many(&txn, mails).await?;
    }
    let link = format!(
        "{}/consultations/{consultation_id}/report",
        state.config.site_url
    );
    queued += notify_subscribers(
        &txn,
        state,
        c.department_id,
        (Msg::MailReportSubject, Msg::MailReportBody),
        |_| vec![("title", c.title.clone()), ("link", link.clone())],
    )
    .await?;
    // Every comment of the consultation now shows its decision in search too.
    crate::search::sync::enqueue(&txn, [crate::search::sync::Change::Report(consultation_id)])
        .await?;
    txn.commit().await?;
    Ok(queued)
}

/// Counts per key of one grouped query.
fn counted<K>(rows: Vec<(K, i64)>) -> Vec<(K, u32)> {
    rows.into_iter()
        .map(|(k, n)| (k, n.max(0) as u32))
        .collect()
}

/// The numbers of a report, all counted in the database.
async fn numbers(
    db: &impl ConnectionTrait,
    consultation_id: i32,
) -> Result<ReportNumbers, ServiceError> {
    let by_status: Vec<(CommentStatus, Option<String>, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::Status)
        .column(comment::Column::RejectReason)
        .column_as(count_of(comment::Column::Id), "n")
        .filter(comment::Column::ConsultationId.eq(consultation_id))
        .filter(comment::Column::Status.ne(CommentStatus::Unverified))
        .group_by(comment::Column::Status)
        .group_by(comment::Column::RejectReason)
        .into_tuple()
        .all(db)
        .await?;
    let mut n = ReportNumbers::default();
    let mut rejected: HashMap<RejectReason, u32> = HashMap::new();
    for (status, note, count) in by_status {
        let count = count.max(0) as u32;
        n.received += count;
        match status {
            CommentStatus::Published => n.published += count,
            CommentStatus::Rejected => {
                let reason = note
                    .as_deref()
                    .and_then(RejectReason::parse)
                    .unwrap_or(RejectReason::OffTopic);
                *rejected.entry(reason).or_default() += count;
            }
            _ => {}
        }
    }
    n.not_published = RejectReason::ALL
        .into_iter()
        .filter_map(|r| rejected.get(&r).map(|c| (r, *c)))
        .collect();
    n.groups = published_of(consultation_id)
        .select_only()
        .column(comment::Column::ClusterId)
        .filter(comment::Column::ClusterId.is_not_null())
        .group_by(comment::Column::ClusterId)
        .having(sea_orm::sea_query::ExprTrait::gt(
            count_of(comment::Column::Id),
            1,
        ))
        .count(db)
        .await? as u32;
    let outcomes: HashMap<Outcome, u32> = counted(
        decision::Entity::find()
            .select_only()
            .column(decision::Column::Outcome)
            .column_as(count_of(decision::Column::CommentId), "n")
            .filter(decision::Column::ConsultationId.eq(consultation_id))
            .group_by(decision::Column::Outcome)
            .into_tuple()
            .all(db)
            .await?,
    )
    .into_iter()
    .collect();
    n.outcomes = Outcome::ALL
        .into_iter()
        .map(|o| (o, outcomes.get(&o).copied().unwrap_or(0)))
        .collect();
    Ok(n)
}

/// The per-article table: decisions per outcome on each article's comments, in the draft's
/// order, the draft as a whole last.
async fn article_rows(
    db: &impl ConnectionTrait,
    c: &consultation::Model,
) -> Result<Vec<ArticleRow>, ServiceError> {
    let counts: Vec<(Option<String>, Outcome, i64)> = decision::Entity::find()
        .join(JoinType::InnerJoin, decision::Relation::Comment.def())
        .select_only()
        .column(comment::Column::ArticleAnchor)
        .column(decision::Column::Outcome)
        .column_as(
            count_of((decision::Entity, decision::Column::CommentId)),
            "n",
        )
        .filter(decision::Column::ConsultationId.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .group_by(comment::Column::ArticleAnchor)
        .group_by(decision::Column::Outcome)
        .into_tuple()
        .all(db)
        .await?;
    let mut rows: Vec<ArticleRow> = article_labels(&c.draft_text)
        .into_iter()
        .map(|(anchor, label)| ArticleRow {
            anchor: Some(anchor),
            label: Some(label),
            comments: 0,
            outcomes: vec![0; Outcome::ALL.len()],
        })
        .chain(std::iter::once(ArticleRow {
            anchor: None,
            label: None,
            comments: 0,
            outcomes: vec![0; Outcome::ALL.len()],
        }))
        .collect();
    for (anchor, outcome, n) in counts {
        let n = n.max(0) as u32;
        let row = rows
            .iter()
            .position(|r| r.anchor == anchor)
            .unwrap_or(rows.len() - 1);
        let at = Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0);
        rows[row].comments += n;
        rows[row].outcomes[at] += n;
    }
    rows.retain(|r| r.comments > 0);
    Ok(rows)
}

/// A published report's figures: its numbers, the per-article table and the topics that
/// hold comments.
pub struct ReportFigures {
    pub consultation: consultation::Model,
    pub department: DepartmentInfo,
    pub numbers: ReportNumbers,
    pub articles: Vec<ArticleRow>,
    pub topics: Vec<TopicSummary>,
}

/// The figures of a published report; `NotFound` before it is published.
pub async fn report_figures(
    state: &AppState,
    consultation_id: i32,
) -> Result<ReportFigures, ServiceError> {
    let c = find_consultation(&state.db, consultation_id).await?;
    if !c.released || !c.report_published {
        return Err(ServiceError::NotFound);
    }
    let department = crate::entities::department::Entity::find_by_id(c.department_id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    Ok(ReportFigures {
        numbers: numbers(&state.db, c.id).await?,
        articles: article_rows(&state.db, &c).await?,
        topics: topics_of(&state.db, c.id)
            .await?
            .into_iter()
            .filter(|t| t.comments > 0)
            .collect(),
        department: department_info(&department),
        consultation: c,
    })
}

/// The published report; nothing of it before it is published.
pub async fn report(
    state: &AppState,
    consultation_id: i32,
    page: Option<u32>,
) -> Result<AdoptionReport, ServiceError> {
    let ReportFigures {
        consultation: c,
        department,
        numbers,
        articles,
        topics,
    } = report_figures(state, consultation_id).await?;
    let labels: HashMap<String, String> = article_labels(&c.draft_text).into_iter().collect();
    let pages = numbers.published.div_ceil(REPORT_PAGE).max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let comments = published_of(c.id)
        .find_also_related(decision::Entity)
        .order_by_asc(comment::Column::Id)
        .limit(u64::from(REPORT_PAGE))
        .offset(u64::from((page - 1) * REPORT_PAGE))
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|(cm, d)| {
            let d = d?;
            Some(ReportComment {
                tracking_number: cm.tracking_number,
                article_label: cm.article_anchor.and_then(|a| labels.get(&a).cloned()),
                display_name: cm.display_name,
                body: cm.redacted_body.unwrap_or(cm.body),
                outcome: d.outcome,
                response: d.response,
            })
        })
        .collect();
    let final_policy = crate::consultations::final_policy_of(&state.db, &c).await?;
    Ok(AdoptionReport {
        topics,
        final_policy,
        consultation_id: c.id,
        title: c.title,
        department,
        closes_at: c.closes_at,
        published_at: c.report_published_at,
        numbers,
        articles,
        comments,
        page,
        pages,
    })
}
