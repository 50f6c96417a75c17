//! 开放数据接口: the records of the read-only JSON API (`/api/v1/`) and the queries behind
//! them. Only what the public pages show is here: published policies and interpretations,
//! released consultations, published comments without email or address, and decisions once
//! their report is published. Every list is filtered, counted and paged in SQL; the records
//! derive their OpenAPI schemas (utoipa), so the document cannot drift from the code.

use crate::departments::departments;
use crate::domain::adoption::Outcome;
use crate::domain::consultation::{
    CommentChannel, CommentStatus, ConsultationState, china_date, state_at,
};
use crate::domain::deadline::InterpretationStatus;
use crate::domain::policy::InterpretationKind;
use crate::domain::policy::InterpretationState;
use crate::entities::{comment, consultation, decision, interpretation, policy};
use crate::error::{Invalid, ServiceError};
use crate::forms::{ListQuery, PUBLIC_STATES, check_page};
use crate::i18n::Msg;
use crate::model::DepartmentInfo;
use crate::policy_queries::{Class, newest_first, published};
use crate::sanitize;
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, RelationTrait, Select,
};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

/// A string that is one of `keys` (or null): the allowed values come from the domain's own
/// lists, so the document names exactly what the API can answer.
fn keys_schema<'a>(keys: impl IntoIterator<Item = &'a str>, nullable: bool) -> Object {
    let mut values: Vec<serde_json::Value> = keys.into_iter().map(Into::into).collect();
    let ty = if nullable {
        values.push(serde_json::Value::Null);
        SchemaType::from_iter([Type::String, Type::Null])
    } else {
        SchemaType::from(Type::String)
    };
    ObjectBuilder::new()
        .schema_type(ty)
        .enum_values(Some(values))
        .build()
}

fn outcome_schema() -> Object {
    keys_schema(Outcome::ALL.map(Outcome::as_str), false)
}

fn outcome_or_none_schema() -> Object {
    keys_schema(Outcome::ALL.map(Outcome::as_str), true)
}

fn kind_schema() -> Object {
    keys_schema(
        InterpretationKind::ALL.map(InterpretationKind::as_str),
        false,
    )
}

fn state_schema() -> Object {
    keys_schema(PUBLIC_STATES.map(ConsultationState::key), false)
}

fn interpretation_status_schema() -> Object {
    keys_schema(InterpretationStatus::KEYS, true)
}

fn channel_schema() -> Object {
    keys_schema(CommentChannel::ALL.map(CommentChannel::as_str), false)
}

/// Where a list stands: the page asked for, its size, and how many items and pages there are.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Pagination {
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
    pub pages: u32,
}

/// 部门: a drafting department. `code` is what the `department` filters take.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Department {
    pub code: String,
    pub name_zh_hans: String,
    pub name_zh_hant: String,
    pub name_en: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DepartmentList {
    pub items: Vec<Department>,
}

/// 政策文件: a published policy and where its interpretation stands.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Policy {
    pub id: i32,
    pub title: String,
    /// 发文字号, e.g. 京政发〔2026〕3号.
    pub doc_number: String,
    /// The drafting department's code.
    pub department: String,
    pub category: String,
    pub published_on: Option<NaiveDate>,
    /// 解读期限: three working days after publication on the official calendar.
    pub interpretation_deadline: Option<NaiveDate>,
    /// `with_policy`, `on_time`, `due`, `overdue` or `late`.
    #[schema(schema_with = interpretation_status_schema)]
    pub interpretation_status: Option<String>,
    /// The policy's page on the portal.
    pub url: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PolicyList {
    pub items: Vec<Policy>,
    pub pagination: Pagination,
}

/// A policy with its text and its published interpretations.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PolicyDetail {
    pub policy: Policy,
    pub signed_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    /// The text as HTML, sanitized (safe to embed).
    pub body_html: String,
    pub interpretations: Vec<Interpretation>,
    /// The consultation this policy came out of (策前), if any.
    pub consultation_id: Option<i32>,
}

/// One question and its answer of a Q&A interpretation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuestionAnswer {
    pub question: String,
    pub answer: String,
}

/// 政策解读: one published interpretation of a policy.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Interpretation {
    pub id: i32,
    pub policy_id: i32,
    /// The department that published it.
    pub department: String,
    /// The interpretation's form: text, Q&A, graphic, media, expert, press conference or
    /// interview.
    #[schema(schema_with = kind_schema)]
    pub kind: String,
    pub title: String,
    /// Sanitized HTML.
    pub body_html: String,
    pub qa: Vec<QuestionAnswer>,
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    pub media_url: Option<String>,
    pub published_on: Option<NaiveDate>,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct InterpretationList {
    pub items: Vec<Interpretation>,
    pub pagination: Pagination,
}

/// 征求意见: a released consultation on a draft.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Consultation {
    pub id: i32,
    pub title: String,
    pub department: String,
    /// `scheduled`, `open`, `closed` or `report_published`.
    #[schema(schema_with = state_schema)]
    pub state: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// Comments published after moderation.
    pub published_comments: u64,
    pub report_published_at: Option<DateTime<Utc>>,
    /// The adoption report's page, once published.
    pub report_url: Option<String>,
    /// The policy that came out of it (策后), if linked.
    pub final_policy_id: Option<i32>,
    pub url: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ConsultationList {
    pub items: Vec<Consultation>,
    pub pagination: Pagination,
}

/// A consultation with its draft.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ConsultationDetail {
    pub consultation: Consultation,
    /// The draft as plain text, articles (第一条…) on their own lines.
    pub draft_text: String,
    /// 起草说明.
    pub explanatory_note: String,
}

/// What became of a comment: released with the adoption report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DecisionOnComment {
    /// `adopted`, `partly_adopted`, `not_adopted`, `already_reflected` or `out_of_scope`.
    #[schema(schema_with = outcome_schema)]
    pub outcome: String,
    pub response: Option<String>,
}

/// A published comment. Never the commenter's email or address.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Comment {
    pub tracking_number: String,
    pub consultation_id: i32,
    /// The article's anchor (`art-3`); none for the draft as a whole.
    pub article: Option<String>,
    pub display_name: String,
    /// The published text (with personal data redacted where an editor hid it).
    pub body: String,
    /// `online`, `paper` or `letter`.
    #[schema(schema_with = channel_schema)]
    pub channel: String,
    pub submitted_on: NaiveDate,
    /// Present once the consultation's adoption report is published.
    pub decision: Option<DecisionOnComment>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CommentList {
    pub items: Vec<Comment>,
    pub pagination: Pagination,
}

/// 采纳情况: a decision of a published report.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Decision {
    pub consultation_id: i32,
    pub tracking_number: String,
    pub article: Option<String>,
    /// `adopted`, `partly_adopted`, `not_adopted`, `already_reflected` or `out_of_scope`.
    #[schema(schema_with = outcome_schema)]
    pub outcome: String,
    pub response: Option<String>,
    pub report_url: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DecisionList {
    pub items: Vec<Decision>,
    pub pagination: Pagination,
}

/// A number of comments with one property.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Count {
    /// The outcome or the reason (its key).
    pub key: String,
    pub count: u32,
}

/// The report's numbers.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ReportNumbers {
    /// Verified comments received, whatever became of them.
    pub received: u32,
    pub published: u32,
    /// Not published, per reason.
    pub not_published: Vec<Count>,
    /// Near-duplicate groups of two or more published comments.
    pub near_duplicate_groups: u32,
    /// Decisions per outcome.
    pub outcomes: Vec<Count>,
}

/// One row of the per-article table.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleFigures {
    /// The article's anchor; none for the draft as a whole.
    pub article: Option<String>,
    pub label: Option<String>,
    pub comments: u32,
    pub outcomes: Vec<Count>,
}

/// 意见归类: a topic and its one response.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Topic {
    pub title: String,
    pub comments: u32,
    #[schema(schema_with = outcome_or_none_schema)]
    pub outcome: Option<String>,
    pub response: Option<String>,
}

/// 采纳情况报告: a published adoption report's figures (its decisions are at
/// `/api/v1/decisions?consultation=…`).
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Report {
    pub consultation_id: i32,
    pub title: String,
    pub department: String,
    pub published_at: Option<DateTime<Utc>>,
    pub numbers: ReportNumbers,
    pub articles: Vec<ArticleFigures>,
    pub topics: Vec<Topic>,
    pub url: String,
    pub csv_url: String,
    pub json_url: String,
}

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
            body_html: i.body_html,
            qa: i
                .qa
                .into_iter()
                .map(|p| QuestionAnswer {
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
    Ok(PolicyDetail {
        policy: policy_record(state, d.summary),
        signed_on: d.signed_on,
        effective_on: d.effective_on,
        body_html: d.body_html,
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
        .map(|i| Interpretation {
            url: format!(
                "{}/policies/{}#interp-{}",
                state.config.site_url, i.policy_id, i.id
            ),
            department: code.get(&i.department_id).cloned().unwrap_or_default(),
            kind: i.kind.as_str().to_string(),
            body_html: sanitize::render_body(&i.body),
            qa: serde_json::from_str::<Vec<crate::model::QaPair>>(&i.qa_json)
                .unwrap_or_default()
                .into_iter()
                .map(|p| QuestionAnswer {
                    question: p.question,
                    answer: p.answer,
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
