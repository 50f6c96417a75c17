//! 开放数据接口: the queries behind the read-only JSON API (`/api/v1/`); its records are in
//! `records.rs`. Only what the public pages show is here: published policies and interpretations,
//! released consultations, published comments without email or address, and decisions once
//! their report is published. Every list is filtered, counted and paged in SQL; the records
//! derive their OpenAPI schemas (utoipa), so the document cannot drift from the code.

use crate::departments::departments;
use crate::domain::adoption::Outcome;
use crate::domain::consultation::{CommentStatus, ConsultationState, china_date, state_at};
use crate::domain::policy::InterpretationState;
use crate::entities::{comment, consultation, decision, interpretation, policy};
use crate::error::{Invalid, ServiceError};
use crate::forms::{ListQuery, check_page};
use crate::i18n::Msg;
use crate::model::DepartmentInfo;
use crate::policy_queries::{Class, newest_first, published};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};
use std::collections::HashMap;
mod records;
pub use records::*;

fn pagination(q: &ListQuery, total: u64, pages: u32) -> Pagination {
    Pagination {
        page: q.page,
        per_page: q.per_page,
        total,
        pages,
    }
}

/// The department with this code, or a 400 that names the filter.
fn department_id(depts: &[DepartmentInfo], code: &str) -> Result<i32, ServiceError> {
    depts
        .iter()
        .find(|d| d.code == code)
        .map(|d| d.id)
        .ok_or_else(|| Invalid::one("department", Msg::ErrApiUnknownDepartment, None).into())
}

fn codes(depts: &[DepartmentInfo]) -> HashMap<i32, String> {
    depts.iter().map(|d| (d.id, d.code.clone())).collect()
}

fn year_span(y: i32) -> (NaiveDate, NaiveDate) {
    // `ListQuery` keeps years within 1949..=2100, where both dates exist.
    (
        NaiveDate::from_ymd_opt(y, 1, 1).unwrap_or_default(),
        NaiveDate::from_ymd_opt(y, 12, 31).unwrap_or_default(),
    )
}

pub async fn department_list(state: &AppState) -> Result<DepartmentList, ServiceError> {
    Ok(DepartmentList {
        items: departments(&state.db)
            .await?
            .into_iter()
            .map(|d| Department {
                code: d.code,
                name_zh_hans: d.name_zh_hans,
                name_zh_hant: d.name_zh_hant,
                name_en: d.name_en,
            })
            .collect(),
    })
}

fn policy_record(state: &AppState, s: crate::model::PolicySummary) -> Policy {
    Policy {
        url: format!("{}/policies/{}", state.config.site_url, s.id),
        id: s.id,
        title: s.title,
        doc_number: s.doc_number,
        department: s.department.code,
        category: s.category,
        published_on: s.published_on,
        interpretation_deadline: s.deadline,
        interpretation_deadline_provisional: s.deadline_provisional,
        interpretation_status: s.interpretation.map(|i| i.key().to_string()),
    }
}

/// Published policies, newest first. Filters: `department`, `year`, `interpretation`.
pub async fn policies(state: &AppState, q: &ListQuery) -> Result<PolicyList, ServiceError> {
    let depts = departments(&state.db).await?;
    let mut sel = published();
    if let Some(code) = &q.department {
        sel = sel.filter(policy::Column::DepartmentId.eq(department_id(&depts, code)?));
    }
    if let Some(y) = q.year {
        let (from, to) = year_span(y);
        sel = sel.filter(policy::Column::PublishedOn.between(from, to));
    }
    if let Some(class) = q.interpretation.and_then(Class::from_key) {
        sel = sel.filter(class.condition(state.today()));
    }
    let total = sel.clone().count(&state.db).await?;
    let pages = check_page(q, total)?;
    let rows = newest_first(sel)
        .limit(u64::from(q.per_page))
        .offset(q.offset())
        .all(&state.db)
        .await?;
    Ok(PolicyList {
        items: crate::policies::summaries(state, rows)
            .await?
            .into_iter()
            .map(|s| policy_record(state, s))
            .collect(),
        pagination: pagination(q, total, pages),
    })
}

pub async fn policy_detail(state: &AppState, id: i32) -> Result<PolicyDetail, ServiceError> {
    let d = crate::policies::detail(state, id, None, true).await?;
    let interpretations = d
        .interpretations
        .into_iter()
        .map(|i| Interpretation {
            url: format!("{}/policies/{id}#interp-{}", state.config.site_url, i.id),
            id: i.id,
            policy_id: id,
            department: i.department.code,
            kind: i.kind.as_str().to_string(),
            title: i.title,
            body_html: i
                .passages
                .iter()
                .map(|p| p.html.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            passages: i
                .passages
                .into_iter()
                .map(|p| Passage {
                    articles: p.articles.iter().map(|a| a.number).collect(),
                    html: p.html,
                })
                .collect(),
            qa: i
                .qa
                .into_iter()
                .map(|p| QuestionAnswer {
                    articles: p.articles.iter().map(|a| a.number).collect(),
                    question: p.question,
                    answer: p.answer,
                })
                .collect(),
            image_url: i.image_url,
            image_alt: i.image_alt,
            media_url: i.media_url,
            published_on: i.published_on,
        })
        .collect();
    let site = &state.config.site_url;
    let articles = d
        .body
        .iter()
        .filter_map(|b| {
            let a = b.article.as_ref()?;
            let mut urls: Vec<String> = Vec::new();
            for n in &b.notes {
                let u = format!("{site}/policies/{id}#interp-{}", n.interpretation_id);
                if !urls.contains(&u) {
                    urls.push(u);
                }
            }
            Some(Article {
                number: a.number,
                label: a.label.clone(),
                url: format!("{site}/policies/{id}/articles/{}", a.number),
                interpretation_count: b.notes.len() as u32,
                interpretation_urls: urls,
            })
        })
        .collect();
    Ok(PolicyDetail {
        policy: policy_record(state, d.summary),
        signed_on: d.signed_on,
        effective_on: d.effective_on,
        body_html: d
            .body
            .iter()
            .map(|b| b.html.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        articles,
        interpretations,
        consultation_id: d.origin.map(|o| o.consultation_id),
    })
}

/// Published interpretations of published policies, newest first. Filters: `department`,
/// `policy`, `kind`, `year`.
pub async fn interpretations(
    state: &AppState,
    q: &ListQuery,
) -> Result<InterpretationList, ServiceError> {
    let depts = departments(&state.db).await?;
    let mut sel = interpretation::Entity::find()
        .join(JoinType::InnerJoin, interpretation::Relation::Policy.def())
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
        .filter(policy::Column::Status.eq(crate::domain::policy::PolicyStatus::Published));
    if let Some(code) = &q.department {
        sel = sel.filter(interpretation::Column::DepartmentId.eq(department_id(&depts, code)?));
    }
    if let Some(p) = q.policy {
        sel = sel.filter(interpretation::Column::PolicyId.eq(p));
    }
    if let Some(k) = q.kind {
        sel = sel.filter(interpretation::Column::Kind.eq(k));
    }
    if let Some(y) = q.year {
        let (from, to) = year_span(y);
        sel = sel.filter(interpretation::Column::PublishedOn.between(from, to));
    }
    let total = sel.clone().count(&state.db).await?;
    let pages = check_page(q, total)?;
    let rows = sel
        .order_by_desc(interpretation::Column::PublishedOn)
        .order_by_desc(interpretation::Column::Id)
        .limit(u64::from(q.per_page))
        .offset(q.offset())
        .all(&state.db)
        .await?;
    let code = codes(&depts);
    let items = rows
        .into_iter()
        .map(|i| {
            let parts = crate::policies::article_view::parts(&i.body, &i.qa_json);
            (i, parts)
        })
        .map(|(i, parts)| Interpretation {
            url: format!(
                "{}/policies/{}#interp-{}",
                state.config.site_url, i.policy_id, i.id
            ),
            department: code.get(&i.department_id).cloned().unwrap_or_default(),
            kind: i.kind.as_str().to_string(),
            body_html: parts
                .passages
                .iter()
                .map(|(_, h)| h.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
            passages: parts
                .passages
                .into_iter()
                .map(|(articles, html)| Passage { articles, html })
                .collect(),
            qa: parts
                .qa
                .into_iter()
                .map(|(p, articles)| QuestionAnswer {
                    question: p.question,
                    answer: p.answer,
                    articles,
                })
                .collect(),
            image_url: i.image_path.as_ref().map(|p| format!("/uploads/{p}")),
            id: i.id,
            policy_id: i.policy_id,
            title: i.title,
            image_alt: i.image_alt,
            media_url: i.media_url,
            published_on: i.published_on,
        })
        .collect();
    Ok(InterpretationList {
        items,
        pagination: pagination(q, total, pages),
    })
}

/// Consultations in `s` at `now`, as SQL (the same rule as `state_at`).
fn in_state(s: ConsultationState, now: DateTime<Utc>) -> Condition {
    use consultation::Column as C;
    let not_reported = C::ReportPublished.eq(false);
    match s {
        ConsultationState::Draft => Condition::all().add(C::Released.eq(false)),
        ConsultationState::ReportPublished => Condition::all().add(C::ReportPublished.eq(true)),
        ConsultationState::Scheduled => Condition::all().add(not_reported).add(C::OpensAt.gt(now)),
        ConsultationState::Open => Condition::all()
            .add(not_reported)
            .add(C::OpensAt.lte(now))
            .add(C::ClosesAt.gt(now)),
        ConsultationState::Closed => Condition::all().add(not_reported).add(C::ClosesAt.lte(now)),
    }
}

fn released() -> Select<consultation::Entity> {
    consultation::Entity::find().filter(consultation::Column::Released.eq(true))
}

/// Published comments per consultation, counted in one query.
async fn published_counts(
    state: &AppState,
    ids: &[i32],
) -> Result<HashMap<i32, u64>, ServiceError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, i64)> = comment::Entity::find()
        .select_only()
        .column(comment::Column::ConsultationId)
        .column_as(crate::adoption::count_of(comment::Column::Id), "n")
        .filter(comment::Column::ConsultationId.is_in(ids.iter().copied()))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .group_by(comment::Column::ConsultationId)
        .into_tuple()
        .all(&state.db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
        .collect())
}

fn consultation_record(
    state: &AppState,
    c: &consultation::Model,
    code: &HashMap<i32, String>,
    published_comments: u64,
) -> Consultation {
    let site = &state.config.site_url;
    let s = state_at(
        c.released,
        c.opens_at,
        c.closes_at,
        c.report_published,
        state.now(),
    );
    Consultation {
        id: c.id,
        title: c.title.clone(),
        department: code.get(&c.department_id).cloned().unwrap_or_default(),
        state: s.key().to_string(),
        opens_at: c.opens_at,
        closes_at: c.closes_at,
        published_comments,
        report_published_at: c.report_published_at.filter(|_| c.report_published),
        report_url: c
            .report_published
            .then(|| format!("{site}/consultations/{}/report", c.id)),
        final_policy_id: c.final_policy_id,
        url: format!("{site}/consultations/{}", c.id),
    }
}

/// Released consultations, the latest to open first. Filters: `department`, `state`, `year`
/// (of opening, in China's time).
pub async fn consultations(
    state: &AppState,
    q: &ListQuery,
) -> Result<ConsultationList, ServiceError> {
    let depts = departments(&state.db).await?;
    let mut sel = released();
    if let Some(code) = &q.department {
        sel = sel.filter(consultation::Column::DepartmentId.eq(department_id(&depts, code)?));
    }
    if let Some(s) = q.state {
        sel = sel.filter(in_state(s, state.now()));
    }
    if let Some(y) = q.year {
        let (from, to) = year_span(y);
        let from = crate::domain::consultation::china_midnight(from);
        let to = crate::domain::consultation::china_midnight(to.succ_opt().unwrap_or(to));
        sel = sel
            .filter(consultation::Column::OpensAt.gte(from))
            .filter(consultation::Column::OpensAt.lt(to));
    }
    let total = sel.clone().count(&state.db).await?;
    let pages = check_page(q, total)?;
    let rows = sel
        .order_by_desc(consultation::Column::OpensAt)
        .order_by_desc(consultation::Column::Id)
        .limit(u64::from(q.per_page))
        .offset(q.offset())
        .all(&state.db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let counts = published_counts(state, &ids).await?;
    let code = codes(&depts);
    Ok(ConsultationList {
        items: rows
            .iter()
            .map(|c| {
                let n = counts.get(&c.id).copied().unwrap_or(0);
                consultation_record(state, c, &code, n)
            })
            .collect(),
        pagination: pagination(q, total, pages),
    })
}

async fn released_consultation(
    state: &AppState,
    id: i32,
) -> Result<consultation::Model, ServiceError> {
    released()
        .filter(consultation::Column::Id.eq(id))
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)
}

pub async fn consultation_detail(
    state: &AppState,
    id: i32,
) -> Result<ConsultationDetail, ServiceError> {
    let c = released_consultation(state, id).await?;
    let code = codes(&departments(&state.db).await?);
    let n = published_counts(state, &[c.id])
        .await?
        .get(&c.id)
        .copied()
        .unwrap_or(0);
    Ok(ConsultationDetail {
        consultation: consultation_record(state, &c, &code, n),
        draft_text: c.draft_text,
        explanatory_note: c.explanatory_note,
    })
}

/// A released consultation's published comments, oldest first, each with its decision once
/// the report is published.
pub async fn comments(
    state: &AppState,
    consultation_id: i32,
    q: &ListQuery,
) -> Result<CommentList, ServiceError> {
    let c = released_consultation(state, consultation_id).await?;
    let sel = comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(c.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published));
    let total = sel.clone().count(&state.db).await?;
    let pages = check_page(q, total)?;
    let rows = sel
        .find_also_related(decision::Entity)
        .order_by_asc(comment::Column::Id)
        .limit(u64::from(q.per_page))
        .offset(q.offset())
        .all(&state.db)
        .await?;
    let items = rows
        .into_iter()
        .map(|(cm, d)| Comment {
            tracking_number: cm.tracking_number,
            consultation_id: cm.consultation_id,
            article: cm.article_anchor,
            display_name: cm.display_name,
            body: cm.redacted_body.unwrap_or(cm.body),
            channel: cm.channel.as_str().to_string(),
            submitted_on: china_date(cm.created_at),
            // Decisions are private drafts until the report is published.
            decision: d.filter(|_| c.report_published).map(|d| DecisionOnComment {
                outcome: d.outcome.as_str().to_string(),
                response: d.response,
            }),
        })
        .collect();
    Ok(CommentList {
        items,
        pagination: pagination(q, total, pages),
    })
}

/// Consultation, tracking number, article, outcome, response.
type DecisionRow = (i32, String, Option<String>, Outcome, Option<String>);

/// Decisions of published reports, by comment. Filters: `consultation`, `department`,
/// `outcome`.
pub async fn decisions(state: &AppState, q: &ListQuery) -> Result<DecisionList, ServiceError> {
    let mut sel = decision::Entity::find()
        .join(JoinType::InnerJoin, decision::Relation::Comment.def())
        .join(JoinType::InnerJoin, comment::Relation::Consultation.def())
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::ReportPublished.eq(true))
        .filter(comment::Column::Status.eq(CommentStatus::Published));
    if let Some(code) = &q.department {
        let depts = departments(&state.db).await?;
        sel = sel.filter(consultation::Column::DepartmentId.eq(department_id(&depts, code)?));
    }
    if let Some(id) = q.consultation {
        sel = sel.filter(decision::Column::ConsultationId.eq(id));
    }
    if let Some(o) = q.outcome {
        sel = sel.filter(decision::Column::Outcome.eq(o));
    }
    let total = sel.clone().count(&state.db).await?;
    let pages = check_page(q, total)?;
    let rows: Vec<DecisionRow> = sel
        .select_only()
        .column(decision::Column::ConsultationId)
        .column(comment::Column::TrackingNumber)
        .column(comment::Column::ArticleAnchor)
        .column(decision::Column::Outcome)
        .column(decision::Column::Response)
        .order_by_asc(decision::Column::CommentId)
        .limit(u64::from(q.per_page))
        .offset(q.offset())
        .into_tuple()
        .all(&state.db)
        .await?;
    let site = &state.config.site_url;
    Ok(DecisionList {
        items: rows
            .into_iter()
            .map(|(cid, tracking, article, outcome, response)| Decision {
                report_url: format!("{site}/consultations/{cid}/report#c-{tracking}"),
                consultation_id: cid,
                tracking_number: tracking,
                article,
                outcome: outcome.as_str().to_string(),
                response,
            })
            .collect(),
        pagination: pagination(q, total, pages),
    })
}

fn counts<K>(rows: Vec<(K, u32)>, key: fn(K) -> &'static str) -> Vec<Count> {
    rows.into_iter()
        .map(|(k, count)| Count {
            key: key(k).to_string(),
            count,
        })
        .collect()
}

/// A published report's figures; `NotFound` before it is published.
pub async fn report(state: &AppState, consultation_id: i32) -> Result<Report, ServiceError> {
    let f = crate::adoption::report_figures(state, consultation_id).await?;
    let c = f.consultation;
    let base = format!("{}/consultations/{}/report", state.config.site_url, c.id);
    Ok(Report {
        consultation_id: c.id,
        title: c.title,
        department: f.department.code,
        published_at: c.report_published_at,
        numbers: ReportNumbers {
            received: f.numbers.received,
            published: f.numbers.published,
            not_published: counts(f.numbers.not_published, |r| r.as_str()),
            near_duplicate_groups: f.numbers.groups,
            outcomes: counts(f.numbers.outcomes, Outcome::as_str),
        },
        articles: f
            .articles
            .into_iter()
            .map(|a| ArticleFigures {
                article: a.anchor,
                label: a.label,
                comments: a.comments,
                outcomes: Outcome::ALL
                    .iter()
                    .zip(a.outcomes)
                    .map(|(o, count)| Count {
                        key: o.as_str().to_string(),
                        count,
                    })
                    .collect(),
            })
            .collect(),
        topics: f
            .topics
            .into_iter()
            .map(|t| Topic {
                title: t.title,
                comments: t.comments,
                outcome: t.outcome.map(|o| o.as_str().to_string()),
                response: t.response,
            })
            .collect(),
        csv_url: format!("{base}.csv"),
        json_url: format!("{base}.json"),
        url: base,
    })
}

/// What a published policy changed from its consultation draft (404: none, or not public).
pub async fn policy_changes(state: &AppState, id: i32) -> Result<PolicyChanges, ServiceError> {
    let c = crate::policies::changes(state, id).await?;
    Ok(PolicyChanges {
        url: format!("{}/policies/{id}/changes", state.config.site_url),
        policy_id: c.policy_id,
        consultation_id: c.consultation_id,
        changed: c.counts.changed,
        added: c.counts.added,
        removed: c.counts.removed,
        renumbered: c.counts.renumbered,
        unchanged: c.counts.unchanged,
        changes: c
            .changes
            .into_iter()
            .map(|a| ArticleChange {
                kind: a.kind.as_str().to_string(),
                draft_article: a.draft_number,
                final_article: a.final_number,
                punctuation_only: a.punctuation_only,
                prompted_count: a.prompted_count,
                prompted_by: a.prompted_by,
                spans: a
                    .spans
                    .into_iter()
                    .map(|s| {
                        let (kind, text) = match s {
                            crate::model::DiffSpan::Same(t) => ("same", t),
                            crate::model::DiffSpan::Removed(t) => ("removed", t),
                            crate::model::DiffSpan::Inserted(t) => ("inserted", t),
                        };
                        DiffSpan {
                            kind: kind.to_string(),
                            text,
                        }
                    })
                    .collect(),
            })
            .collect(),
    })
}
