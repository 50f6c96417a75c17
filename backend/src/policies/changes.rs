//! 征求意见稿与正式文本对照: a published policy compared with the draft of the consultation
//! it came out of, article by article (`domain::draft_changes`).

use super::*;
use crate::domain::article_ties::article_label;
use crate::domain::draft_changes::{self, ChangeKind, Span};
use crate::entities::consultation;

/// The changes of one draft into its final text, as the pages and the API show them.
pub(crate) fn compare(draft: &str, final_text: &str) -> (ChangeCounts, Vec<ArticleChangeView>) {
    let mut counts = ChangeCounts::default();
    let mut out = Vec::new();
    for c in draft_changes::compare(draft, final_text) {
        let kind = match c.kind {
            ChangeKind::Unchanged => {
                counts.unchanged += 1;
                continue;
            }
            ChangeKind::Renumbered => {
                counts.renumbered += 1;
                ArticleChangeKind::Renumbered
            }
            ChangeKind::Changed => {
                counts.changed += 1;
                ArticleChangeKind::Changed
            }
            ChangeKind::Added => {
                counts.added += 1;
                ArticleChangeKind::Added
            }
            ChangeKind::Removed => {
                counts.removed += 1;
                ArticleChangeKind::Removed
            }
        };
        out.push(ArticleChangeView {
            key: change_key(c.draft, c.final_number),
            prompted_count: 0,
            prompted_by: Vec::new(),
            kind,
            draft_number: c.draft,
            final_number: c.final_number,
            draft_label: c.draft.map(article_label),
            final_label: c.final_number.map(article_label),
            final_anchor: c.final_number.map(|n| format!("art-{n}")),
            spans: c
                .spans
                .into_iter()
                .map(|s| match s {
                    Span::Same(t) => DiffSpan::Same(t),
                    Span::Removed(t) => DiffSpan::Removed(t),
                    Span::Inserted(t) => DiffSpan::Inserted(t),
                })
                .collect(),
            punctuation_only: c.punctuation_only,
        });
    }
    (counts, out)
}

/// The consultation a policy came out of (released, linked to it), if any.
async fn origin_consultation(
    db: &impl ConnectionTrait,
    policy_id: i32,
) -> Result<Option<consultation::Model>, ServiceError> {
    Ok(consultation::Entity::find()
        .filter(consultation::Column::FinalPolicyId.eq(policy_id))
        .filter(consultation::Column::Released.eq(true))
        .order_by_desc(consultation::Column::ClosesAt)
        .one(db)
        .await?)
}

/// What a published policy changed from its consultation draft. Not found for a policy that
/// is not public or came out of no consultation.
pub async fn changes(state: &AppState, id: i32) -> Result<PolicyChanges, ServiceError> {
    let p = policy::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .filter(|p| p.status == PolicyStatus::Published)
        .ok_or(ServiceError::NotFound)?;
    let c = origin_consultation(&state.db, id)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let (counts, mut changes) = compare(&c.draft_text, &p.body);
    // Which comments led to what is public with the decisions, in the report.
    if c.report_published {
        crate::adoption::prompted(&state.db, c.id, &mut changes).await?;
    }
    Ok(PolicyChanges {
        report_published: c.report_published,
        policy_id: p.id,
        policy_title: p.title,
        doc_number: p.doc_number,
        consultation_id: c.id,
        consultation_title: c.title,
        counts,
        changes,
    })
}
