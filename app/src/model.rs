//! Data transfer types shared by the server and the browser: what pages receive from server
//! functions. Never entity models, and never anything personal that the page does not show.

use crate::domain::deadline::InterpretationStatus;
use crate::domain::policy::{InterpretationKind, InterpretationState, PolicyStatus, Role};
use crate::i18n::Locale;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i32>,
}

/// Who is looking, in which language, and the CSRF token their forms must carry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<UserInfo>,
    pub csrf: String,
    pub locale: Locale,
}

/// A form that failed validation: what was typed and what is wrong, so the page can show
/// the form again with nothing lost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub values: BTreeMap<String, String>,
    /// field name → message key (see `i18n::Msg::key`) and optional argument
    pub errors: BTreeMap<String, (String, Option<String>)>,
    /// The answer to a comment status lookup, shown on the same page.
    pub comment_lookup: Option<CommentLookup>,
}

impl FormFeedback {
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentInfo {
    pub id: i32,
    pub code: String,
    pub name_zh_hans: String,
    pub name_zh_hant: String,
    pub name_en: String,
}

impl DepartmentInfo {
    pub fn name(&self, l: Locale) -> &str {
        l.pick(&self.name_zh_hans, &self.name_zh_hant, &self.name_en)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicySummary {
    pub id: i32,
    pub title: String,
    pub doc_number: String,
    pub department: DepartmentInfo,
    pub category: String,
    pub status: PolicyStatus,
    pub published_on: Option<NaiveDate>,
    pub deadline: Option<NaiveDate>,
    pub interpretation: Option<InterpretationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QaPair {
    pub question: String,
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterpretationView {
    pub id: i32,
    pub kind: InterpretationKind,
    pub title: String,
    /// Sanitized HTML (ammonia), safe to insert.
    pub body_html: String,
    pub qa: Vec<QaPair>,
    pub image_url: Option<String>,
    pub image_alt: Option<String>,
    pub media_url: Option<String>,
    pub department: DepartmentInfo,
    pub state: InterpretationState,
    pub published_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutlineItem {
    pub anchor: String,
    pub label: String,
    pub level: u8,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyDetail {
    pub summary: PolicySummary,
    pub signed_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    /// Sanitized HTML with article anchors.
    pub body_html: String,
    pub outline: Vec<OutlineItem>,
    pub interpretations: Vec<InterpretationView>,
    pub return_reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterpretationTeaser {
    pub policy_id: i32,
    pub policy_title: String,
    pub interpretation_id: i32,
    pub kind: InterpretationKind,
    pub title: String,
    pub published_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub latest_policies: Vec<PolicySummary>,
    pub latest_interpretations: Vec<InterpretationTeaser>,
    pub due: Vec<PolicySummary>,
    pub due_count: usize,
    pub overdue_count: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyQuery {
    pub department: Option<String>,
    pub category: Option<String>,
    pub year: Option<i32>,
    pub interpretation: Option<String>,
    pub page: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyPage {
    pub items: Vec<PolicySummary>,
    pub total: usize,
    pub page: u32,
    pub pages: u32,
    pub departments: Vec<DepartmentInfo>,
    pub years: Vec<i32>,
}

/// Counts of one row of the timeliness dashboard.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimelinessCounts {
    pub policies: u32,
    pub with_policy: u32,
    pub on_time: u32,
    pub late: u32,
    pub overdue: u32,
    pub due: u32,
}

impl TimelinessCounts {
    pub fn add(&mut self, status: InterpretationStatus) {
        self.policies += 1;
        match status {
            InterpretationStatus::WithPolicy => self.with_policy += 1,
            InterpretationStatus::OnTime { .. } => self.on_time += 1,
            InterpretationStatus::Late { .. } => self.late += 1,
            InterpretationStatus::Overdue { .. } => self.overdue += 1,
            InterpretationStatus::Due { .. } => self.due += 1,
        }
    }
    /// Share of decided cases (not counting those still due) that were timely, in percent.
    pub fn on_time_rate(&self) -> Option<u32> {
        let decided = self.with_policy + self.on_time + self.late + self.overdue;
        (decided > 0).then(|| ((self.with_policy + self.on_time) * 100 + decided / 2) / decided)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelinessData {
    pub departments: Vec<(DepartmentInfo, TimelinessCounts)>,
    /// (year, month, counts), oldest first
    pub months: Vec<(i32, u32, TimelinessCounts)>,
    pub total: TimelinessCounts,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentPage {
    pub department: DepartmentInfo,
    pub counts: TimelinessCounts,
    /// One page of the department's published policies, newest first.
    pub policies: Vec<PolicySummary>,
    pub page: u32,
    pub pages: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffHome {
    pub user: UserInfo,
    pub department: Option<DepartmentInfo>,
    pub due: Vec<PolicySummary>,
    pub policies: Vec<PolicySummary>,
    pub signoff_queue: Vec<PolicySummary>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffPolicy {
    pub detail: PolicyDetail,
    pub can_edit: bool,
    pub can_add_interpretation: bool,
    pub can_submit: bool,
    pub can_sign_off: bool,
    pub can_withdraw: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyForm {
    pub departments: Vec<DepartmentInfo>,
    /// Present when editing an existing policy.
    pub existing: Option<PolicyDetail>,
    pub source_body: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarAdmin {
    pub builtin_years: Vec<i32>,
    pub added_years: Vec<i32>,
    pub entries_text: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: crate::domain::policy::Role,
    pub department: Option<DepartmentInfo>,
    pub has_email: bool,
    pub active: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UsersAdmin {
    pub users: Vec<StaffAccount>,
    pub departments: Vec<DepartmentInfo>,
    pub me: i32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i32,
    pub title: String,
    pub department: DepartmentInfo,
    pub state: crate::domain::consultation::ConsultationState,
    pub opens_at: chrono::DateTime<chrono::Utc>,
    pub closes_at: chrono::DateTime<chrono::Utc>,
    pub days_left: i64,
    /// Days until the period starts (scheduled consultations).
    pub days_to_open: i64,
    pub comments_received: u32,
    pub comments_published: u32,
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
    pub status: crate::domain::consultation::CommentStatus,
    pub reject_reason: Option<crate::domain::consultation::RejectReason>,
    pub submitted_at: chrono::DateTime<chrono::Utc>,
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
    pub channel: crate::domain::consultation::CommentChannel,
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
    pub action: Option<crate::domain::consultation::AuditAction>,
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
