//! What the consultation pages receive: consultations, published comments, the status
//! lookup, the moderation queue, the audit log and subscriptions.

use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i32,
    pub title: String,
    pub department: DepartmentInfo,
    pub state: crate::consultation::ConsultationState,
    pub opens_at: chrono::DateTime<chrono::Utc>,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    pub days_left: i64,
    /// Days until the period starts (scheduled consultations).
    pub days_to_open: i64,
    pub comments_received: u32,
    pub comments_published: u32,
    /// Once closed: when the adoption report is due, and where it stands (public, as part of
    /// the department's timeliness).
    pub report: Option<ReportStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportStatus {
    pub deadline: chrono::NaiveDate,
    /// Counted over days of a year whose holiday schedule is not entered: it may move.
    #[serde(default)]
    pub provisional: bool,
    pub timeliness: crate::adoption::ReportTimeliness,
}

/// One paragraph of a draft; articles carry their anchor and published comment count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftBlock {
    pub anchor: Option<String>,
    pub label: Option<String>,
    /// Sanitized HTML of the paragraph.
    pub html: String,
    pub published_comments: u32,
}

/// A published comment as the public sees it: never email, address or internal notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicComment {
    pub id: i32,
    pub article_anchor: Option<String>,
    pub article_label: Option<String>,
    pub display_name: String,
    /// The published text: redacted where personal data was hidden.
    pub body: String,
    /// Part of the text was hidden as personal data.
    pub redacted: bool,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentQuery {
    pub article: Option<String>,
    pub order: Option<String>,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationDetail {
    pub summary: ConsultationSummary,
    pub short_period_reason: Option<String>,
    pub note_html: String,
    pub blocks: Vec<DraftBlock>,
    pub comments: Vec<PublicComment>,
    pub comments_matching: u32,
    pub page: u32,
    pub pages: u32,
    pub attachments: Vec<AttachmentInfo>,
    /// The published policy that came out of it, if any.
    pub final_policy: Option<PolicyLink>,
}

/// 附件 as the public sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i32,
    pub file_name: String,
    /// Upper-case extension, e.g. "PDF".
    pub kind: String,
    /// "812 KB", "2.4 MB".
    pub size: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationList {
    pub open: Vec<ConsultationSummary>,
    pub upcoming: Vec<ConsultationSummary>,
    pub closed: Vec<ConsultationSummary>,
    /// For the department filter.
    pub departments: Vec<DepartmentInfo>,
}

/// A department's consultations as its staff see them, drafts included.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffConsultations {
    pub items: Vec<ConsultationSummary>,
    /// The viewer may release drafts (a drafter of the department).
    pub can_release: bool,
}

/// What a commenter learns about their own comment (tracking number + email).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CommentLookup {
    pub tracking_number: String,
    pub consultation_id: i32,
    pub consultation_title: String,
    pub status: crate::consultation::CommentStatus,
    pub reject_reason: Option<crate::consultation::RejectReason>,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
    /// The drafting department's decision, once its adoption report is published.
    pub decision: Option<DecisionView>,
    /// The changes of the final text it led to, once the report is out, and the final
    /// policy they are in.
    #[serde(default)]
    pub led_to: Vec<crate::model::ChangeRef>,
    #[serde(default)]
    pub final_policy: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationItem {
    pub id: i32,
    pub tracking_number: String,
    pub consultation_id: i32,
    pub consultation_title: String,
    pub article_label: Option<String>,
    pub display_name: String,
    /// The original text (staff only).
    pub body: String,
    /// The text the public will see, when personal data was hidden.
    pub redacted_body: Option<String>,
    pub flagged: bool,
    pub channel: crate::consultation::CommentChannel,
    /// Near-duplicate group (the smallest comment id in it) and how many comments it holds.
    pub cluster_id: Option<i32>,
    pub cluster_size: u32,
    /// How many of this group's comments wait for moderation (the group actions act on
    /// them all, by group).
    pub cluster_waiting: u32,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModerationFilter {
    /// Words in the comment's text (staff only: the queue holds unpublished comments).
    #[serde(default)]
    pub q: Option<String>,
    pub consultation: Option<i32>,
    pub article: Option<String>,
    pub cluster: Option<i32>,
    pub flagged: bool,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModerationQueue {
    pub items: Vec<ModerationItem>,
    pub consultations: Vec<(i32, String)>,
    /// Articles of the chosen consultation (anchor, label), for the article filter.
    pub articles: Vec<(String, String)>,
    /// Consultations that accept paper comments now (open, or closed with letters still
    /// arriving).
    pub paper_targets: Vec<(i32, String)>,
    pub waiting_total: u32,
    /// Entries (a near-duplicate group, or a single comment) matching the filter, and the page
    /// of them shown.
    pub entries_total: u32,
    pub page: u32,
    pub pages: u32,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: chrono::DateTime<chrono::Utc>,
    pub actor: String,
    pub action: Option<crate::consultation::AuditAction>,
    pub target: String,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditLogPage {
    pub rows: Vec<AuditRow>,
    pub page: u32,
    pub pages: u32,
    pub total: u32,
}

/// The paper-comment form's context: the consultation and its articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperCommentContext {
    pub consultation_id: i32,
    pub title: String,
    pub articles: Vec<(String, String)>,
}

/// What the unsubscribe page shows: a masked address and what it is subscribed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnsubscribeInfo {
    pub email: String,
    pub scope: String,
    pub active: bool,
}
