//! The records of the open-data API, as they are serialized, with their OpenAPI schemas
//! derived (utoipa): the document cannot drift from what is sent.

use crate::domain::adoption::Outcome;
use crate::domain::consultation::{CommentChannel, ConsultationState};
use crate::domain::deadline::InterpretationStatus;
use crate::domain::policy::InterpretationKind;
use crate::forms::PUBLIC_STATES;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
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

fn change_kind_schema() -> Object {
    keys_schema(["changed", "added", "removed", "renumbered"], false)
}

fn span_kind_schema() -> Object {
    keys_schema(["same", "removed", "inserted"], false)
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
    /// The deadline runs over days of a year whose holiday schedule is not entered yet: it is
    /// estimated from the statutory holidays and may still move (按法定节假日推算，以国务院
    /// 公布的安排为准). `false` once the schedule is entered.
    pub interpretation_deadline_provisional: bool,
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
    /// The text's articles (第X条), each with what interpretations say about it (逐条解读).
    pub articles: Vec<Article>,
    pub interpretations: Vec<Interpretation>,
    /// The consultation this policy came out of (策前), if any.
    pub consultation_id: Option<i32>,
}

/// An article of a policy and the interpretation of it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Article {
    pub number: u32,
    /// `第三条`
    pub label: String,
    /// The article on its own page, with its interpretation.
    pub url: String,
    /// How many passages and Q&A items of published interpretations explain it.
    pub interpretation_count: u32,
    /// Those interpretations, each once.
    pub interpretation_urls: Vec<String>,
}

/// 征求意见稿与正式文本对照: what a published policy's text changed from the draft of the
/// consultation it came out of, article by article.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PolicyChanges {
    pub policy_id: i32,
    pub consultation_id: i32,
    /// The page of the comparison on the portal.
    pub url: String,
    pub changed: u32,
    pub added: u32,
    pub removed: u32,
    /// Articles whose text stayed but whose number changed.
    pub renumbered: u32,
    pub unchanged: u32,
    /// Every article that did not stay as it was, in the final text's order.
    pub changes: Vec<ArticleChange>,
}

/// One article's change.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ArticleChange {
    #[schema(schema_with = change_kind_schema)]
    pub kind: String,
    /// Its number in the draft (none: added).
    pub draft_article: Option<u32>,
    /// Its number in the final text (none: removed).
    pub final_article: Option<u32>,
    /// Only punctuation or spacing changed.
    pub punctuation_only: bool,
    /// The text, character by character: kept, taken out, put in.
    pub spans: Vec<DiffSpan>,
    /// How many published comments led to it, once the consultation's report is published
    /// (0 before), and the tracking numbers of the first 20.
    pub prompted_count: u32,
    pub prompted_by: Vec<String>,
}

/// A run of characters of a changed article.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct DiffSpan {
    #[schema(schema_with = span_kind_schema)]
    pub kind: String,
    pub text: String,
}

/// One question and its answer of a Q&A interpretation.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct QuestionAnswer {
    pub question: String,
    pub answer: String,
    /// The articles of the policy it explains (none: the policy as a whole).
    pub articles: Vec<u32>,
}

/// A stretch of an interpretation's text and the articles it explains.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Passage {
    /// The articles of the policy it explains (none: the policy as a whole).
    pub articles: Vec<u32>,
    /// Sanitized HTML.
    pub html: String,
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
    /// Sanitized HTML: the whole text (all passages).
    pub body_html: String,
    /// The text passage by passage, with the articles each explains.
    pub passages: Vec<Passage>,
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
