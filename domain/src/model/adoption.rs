//! What the adoption pages receive: the drafting department's workspace of decisions, and
//! the published adoption report (采纳情况).

use super::*;
use crate::adoption::{Outcome, ReportTimeliness};
use crate::consultation::{ConsultationState, RejectReason};

/// A decision on one comment.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DecisionView {
    pub outcome: Outcome,
    pub response: Option<String>,
}

/// Which published comments the workspace shows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionFilter {
    pub article: Option<String>,
    /// A near-duplicate group.
    pub cluster: Option<i32>,
    /// Only those still without a decision.
    pub undecided: bool,
    /// A topic (意见归类).
    pub topic: Option<i32>,
    pub page: Option<u32>,
}

/// A published comment with its decision, as its department's staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptionItem {
    pub id: i32,
    pub tracking_number: String,
    pub article_anchor: Option<String>,
    pub article_label: Option<String>,
    pub display_name: String,
    /// The published text (redacted where personal data was hidden).
    pub body: String,
    /// The near-duplicate group and how many published comments it holds.
    pub cluster_id: Option<i32>,
    pub cluster_size: u32,
    pub topic_id: Option<i32>,
    pub decision: Option<DecisionView>,
    /// The changes of the final text it is tied to.
    #[serde(default)]
    pub changes: Vec<ChangeRef>,
}

/// The drafting department's workspace for one consultation's decisions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptionWorkspace {
    pub consultation_id: i32,
    pub title: String,
    pub state: ConsultationState,
    /// Articles of the draft (anchor, label), for the filter and the article action.
    pub articles: Vec<(String, String)>,
    pub published: u32,
    pub undecided: u32,
    /// When the report is due, and where it stands.
    pub deadline: chrono::NaiveDate,
    /// The deadline may still move (its year's holiday schedule is not entered).
    #[serde(default)]
    pub deadline_provisional: bool,
    pub timeliness: ReportTimeliness,
    /// The viewer may decide and publish (a drafter of the department, an administrator).
    pub may_decide: bool,
    /// The department's published policies, newest first, one of which may be the one that
    /// came out of this consultation; and the one linked now.
    pub policies: Vec<(i32, String)>,
    pub final_policy: Option<i32>,
    /// The final text's changes from the draft that comments can be tied to.
    #[serde(default)]
    pub changes: Vec<ChangeRef>,
    /// Comments decided "adopted" or "partly adopted" but tied to no change: how many, and
    /// the first of their tracking numbers (flagged before the report is published).
    #[serde(default)]
    pub untied_adopted: u32,
    #[serde(default)]
    pub untied_examples: Vec<String>,
    pub topics: Vec<TopicSummary>,
    /// The department's response templates (for its drafters).
    pub templates: Vec<ResponseTemplate>,
    pub items: Vec<AdoptionItem>,
    pub matching: u32,
    pub page: u32,
    pub pages: u32,
}

/// The numbers of a report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReportNumbers {
    /// Verified comments, whatever became of them.
    pub received: u32,
    pub published: u32,
    /// Not published, per reason.
    pub not_published: Vec<(RejectReason, u32)>,
    /// Near-duplicate groups of two or more published comments.
    pub groups: u32,
    /// Decisions per outcome, in `Outcome::ALL` order.
    pub outcomes: Vec<(Outcome, u32)>,
}

/// One row of the per-article table: the article (`None`: the draft as a whole) and the
/// decisions on its comments per outcome, in `Outcome::ALL` order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    pub anchor: Option<String>,
    pub label: Option<String>,
    pub comments: u32,
    pub outcomes: Vec<u32>,
}

/// A comment in the published report: no email, address or internal notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportComment {
    pub tracking_number: String,
    pub article_label: Option<String>,
    pub display_name: String,
    pub body: String,
    pub outcome: Outcome,
    pub response: Option<String>,
}

/// The published adoption report of a consultation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdoptionReport {
    pub consultation_id: i32,
    pub title: String,
    pub department: DepartmentInfo,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    pub published_at: Option<chrono::DateTime<chrono::Utc>>,
    pub numbers: ReportNumbers,
    /// The policy the consultation led to, with what it changed from the draft.
    #[serde(default)]
    pub final_policy: Option<PolicyLink>,
    pub articles: Vec<ArticleRow>,
    /// Topics with their one response each.
    pub topics: Vec<TopicSummary>,
    pub comments: Vec<ReportComment>,
    pub page: u32,
    pub pages: u32,
}

/// The consultation a policy came out of (策前), as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationOrigin {
    pub consultation_id: i32,
    pub title: String,
    pub comments_published: u32,
    /// Adopted in full or in part; known once the report is published.
    pub adopted: Option<u32>,
    pub report_published: bool,
}

/// The policy a consultation led to (策后), as the consultation's page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyLink {
    pub id: i32,
    pub title: String,
    pub doc_number: String,
    /// What its text changed from the consultation's draft, article by article.
    #[serde(default)]
    pub changes: ChangeCounts,
}

/// A reusable response of a department (答复模板).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResponseTemplate {
    pub id: i32,
    pub title: String,
    pub body: String,
}

/// A topic (意见归类) and its response, once answered as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub id: i32,
    pub title: String,
    /// Published comments under it.
    pub comments: u32,
    pub outcome: Option<Outcome>,
    pub response: Option<String>,
}
