//! What the policy pages receive: summaries, a policy with its interpretations, lists, the
//! timeliness record, the staff desk and forms.

use super::*;

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
    /// The deadline is counted over days of a year whose holiday schedule is not entered:
    /// estimated from the statutory holidays, it may still move (按法定节假日推算).
    #[serde(default)]
    pub deadline_provisional: bool,
    pub interpretation: Option<InterpretationStatus>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QaPair {
    pub question: String,
    pub answer: String,
}

/// An article of the policy, as an interpretation names it: where it is and how it begins.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleQuote {
    pub number: u32,
    /// `art-3`, the article's anchor on the policy page.
    pub anchor: String,
    /// `第三条`
    pub label: String,
    /// The article's text, shortened.
    pub excerpt: String,
}

/// A stretch of an interpretation and the articles it explains (none: the policy as a whole).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PassageView {
    pub articles: Vec<ArticleQuote>,
    /// Safe HTML: escaped text in our own paragraphs, or sanitized HTML (ammonia).
    pub html: String,
}

/// One Q&A item as shown, its tie marker read into `articles`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QaView {
    pub question: String,
    pub answer: String,
    pub articles: Vec<ArticleQuote>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InterpretationView {
    pub id: i32,
    pub kind: InterpretationKind,
    pub title: String,
    /// The body, passage by passage (逐条解读); empty when there is no body.
    pub passages: Vec<PassageView>,
    pub qa: Vec<QaView>,
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

/// An article of a policy's text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleRef {
    pub number: u32,
    pub anchor: String,
    pub label: String,
}

/// A stretch of a policy's text: an article with its paragraphs, or text between articles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BodyBlock {
    pub article: Option<ArticleRef>,
    /// Safe HTML (escaped text in our own markup, or sanitized HTML).
    pub html: String,
    /// What interpretations say about this article, in the order they were published.
    pub notes: Vec<ArticleNote>,
}

/// One passage or Q&A item of an interpretation, shown beside the article it explains.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleNote {
    pub interpretation_id: i32,
    pub kind: InterpretationKind,
    pub title: String,
    pub content: NoteContent,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NoteContent {
    /// Safe HTML.
    Passage(String),
    Qa {
        question: String,
        answer: String,
    },
}

/// 本条及解读: one article of a published policy with its interpretation, on its own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticlePage {
    pub policy_id: i32,
    pub policy_title: String,
    pub doc_number: String,
    pub block: BodyBlock,
    pub previous: Option<ArticleRef>,
    pub next: Option<ArticleRef>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyDetail {
    pub summary: PolicySummary,
    pub signed_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    /// The text in blocks, one per article (with what interpretations say about it); a text
    /// in HTML is one block.
    pub body: Vec<BodyBlock>,
    pub outline: Vec<OutlineItem>,
    pub interpretations: Vec<InterpretationView>,
    pub return_reason: Option<String>,
    /// The public consultation it came out of, if any.
    pub origin: Option<ConsultationOrigin>,
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
    /// Its adoption reports: on time, late, overdue, still due.
    pub reports: super::ReportCounts,
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
    /// For administrators: the year whose holiday schedule should be entered now.
    #[serde(default)]
    pub calendar_missing: Option<i32>,
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

/// 征求意见稿与正式文本对照: what the final policy changed from its consultation draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyChanges {
    pub policy_id: i32,
    pub policy_title: String,
    pub doc_number: String,
    pub consultation_id: i32,
    pub consultation_title: String,
    pub counts: ChangeCounts,
    /// The consultation's report is out: which comments led to each change is public.
    pub report_published: bool,
    /// Every article that did not stay as it was, in the final text's order (a removed one
    /// where it stood in the draft).
    pub changes: Vec<ArticleChangeView>,
}

/// How many articles of the final text changed, and how.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeCounts {
    pub changed: u32,
    pub added: u32,
    pub removed: u32,
    /// Same text, another number.
    pub renumbered: u32,
    pub unchanged: u32,
}

impl ChangeCounts {
    /// Articles whose words changed (renumbering alone is not a change of substance).
    pub fn substantive(&self) -> u32 {
        self.changed + self.added + self.removed
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ArticleChangeKind {
    Changed,
    Added,
    Removed,
    Renumbered,
}

impl ArticleChangeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleChangeKind::Changed => "changed",
            ArticleChangeKind::Added => "added",
            ArticleChangeKind::Removed => "removed",
            ArticleChangeKind::Renumbered => "renumbered",
        }
    }
}

/// A run of characters of a changed article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffSpan {
    Same(String),
    Removed(String),
    Inserted(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ArticleChangeView {
    pub kind: ArticleChangeKind,
    pub draft_number: Option<u32>,
    pub final_number: Option<u32>,
    /// `第五条` in the draft, if it was there.
    pub draft_label: Option<String>,
    /// `第四条` in the final text, if it is there, and its anchor on the policy page.
    pub final_label: Option<String>,
    pub final_anchor: Option<String>,
    pub spans: Vec<DiffSpan>,
    /// Only punctuation or spacing changed.
    pub punctuation_only: bool,
    /// `5-4`, `3-`, `-8`: what comments are tied to.
    pub key: String,
    /// The published comments that led to it (once the report is out): how many, and the
    /// tracking numbers of the first of them.
    pub prompted_count: u32,
    pub prompted_by: Vec<String>,
}

/// A change of the final text, named: what comments are tied to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeRef {
    pub key: String,
    pub kind: ArticleChangeKind,
    pub draft_label: Option<String>,
    pub final_label: Option<String>,
}

impl ArticleChangeView {
    pub fn reference(&self) -> ChangeRef {
        ChangeRef {
            key: self.key.clone(),
            kind: self.kind,
            draft_label: self.draft_label.clone(),
            final_label: self.final_label.clone(),
        }
    }
}

/// The key of a change: its article in the draft and in the final text (`5-4`, `3-`, `-8`).
pub fn change_key(draft: Option<u32>, final_number: Option<u32>) -> String {
    let n = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
    format!("{}-{}", n(draft), n(final_number))
}
