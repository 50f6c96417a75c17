//! Deadline reminders: when a published policy's interpretation is one working day from its
//! deadline and still missing, the drafting department's drafters get a mail (via the outbox).

use super::entities::{policy, user};
use super::mail;
use super::policies;
use super::state::AppState;
use crate::domain::deadline::{self, InterpretationStatus};
use crate::domain::policy::{PolicyStatus, Role};
use crate::i18n::{Msg, fill};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, TransactionTrait};

/// Enqueues the reminders that are due today; returns how many policies were reminded.
pub async fn run(state: &AppState) -> Result<usize, super::error::ServiceError> {
    let rows = policy::Entity::find()
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .filter(policy::Column::ReminderSentAt.is_null())
        .all(&state.db)
        .await?;
    let cal = state.calendar();
    let today = state.today();
    let mut reminded = 0;
    for p in rows {
        let Some(published) = p.published_on else {
            continue;
        };
        if today < deadline::reminder_date(&cal, published) {
            continue;
        }
        let summary = policies::summaries(state, vec![p.clone()]).await?.pop();
        let still_due = matches!(
            summary.as_ref().and_then(|s| s.interpretation),
            Some(InterpretationStatus::Due { .. })
        );
        let drafters = user::Entity::find()
            .filter(user::Column::DepartmentId.eq(p.department_id))
            .filter(user::Column::Role.eq(Role::Drafter))
            .filter(user::Column::Active.eq(true))
            .all(&state.db)
            .await?;
        let due_date = deadline::interpretation_deadline(&cal, published);
        let txn = state.db.begin().await?;
        // Marked as handled first, and only if nobody else did: with several instances,
        // exactly one sends the reminder; a policy is never reminded twice.
        let claimed = policy::Entity::update_many()
            .col_expr(
                policy::Column::ReminderSentAt,
                sea_orm::sea_query::Expr::value(state.now()),
            )
            .filter(policy::Column::Id.eq(p.id))
            .filter(policy::Column::ReminderSentAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if claimed != 1 {
            continue;
        }
        if still_due {
            // Staff accounts have no language setting: the portal's default language.
            let locale = crate::i18n::Locale::default();
            let (due, published) = (
                due_date.format("%Y-%m-%d").to_string(),
                published.format("%Y-%m-%d").to_string(),
            );
            let link = format!("{}/staff/policies/{}", state.config.site_url, p.id);
            let args = [
                ("title", p.title.as_str()),
                ("doc_number", p.doc_number.as_str()),
                ("published", published.as_str()),
                ("due", due.as_str()),
                ("link", link.as_str()),
            ];
            let subject = fill(Msg::MailReminderSubject.text(locale), &args);
            let body = fill(Msg::MailReminderBody.text(locale), &args);
            for d in drafters.iter().filter_map(|d| d.email.as_deref()) {
                mail::enqueue(&txn, d, &subject, &body).await?;
            }
            reminded += 1;
        }
        txn.commit().await?;
    }
    Ok(reminded)
}
