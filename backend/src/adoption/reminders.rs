//! The report's deadline reminder: a few working days before a closed consultation's
//! adoption report falls due (or once it is overdue), the department's drafters get a mail
//! saying how many comments still wait for an answer. Once per consultation, whatever the
//! number of instances.

use super::*;
use crate::entities::user;
use crate::i18n::{Locale, fill};
use crate::mail;

/// Queues the reminders due today; returns how many consultations were reminded.
pub async fn remind_reports(state: &AppState) -> Result<usize, ServiceError> {
    let now = state.now();
    let waiting = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::ReportPublished.eq(false))
        .filter(consultation::Column::ReportRemindedAt.is_null())
        .filter(consultation::Column::ClosesAt.lte(now))
        .order_by_asc(consultation::Column::ClosesAt)
        .limit(100)
        .all(&state.db)
        .await?;
    let cal = state.calendar();
    let today = state.today();
    let mut reminded = 0;
    for c in waiting {
        let (due, _, _) = deadline(state, &c);
        if !adoption::report_reminder_due(&cal, due, today) {
            continue;
        }
        let txn = state.db.begin().await?;
        // Claimed first: of several instances exactly one sends it.
        let claimed = consultation::Entity::update_many()
            .col_expr(consultation::Column::ReportRemindedAt, Expr::value(now))
            .filter(consultation::Column::Id.eq(c.id))
            .filter(consultation::Column::ReportRemindedAt.is_null())
            .exec(&txn)
            .await?
            .rows_affected;
        if claimed != 1 {
            continue;
        }
        let open = undecided(&txn, c.id).await?.to_string();
        let drafters: Vec<Option<String>> = user::Entity::find()
            .select_only()
            .column(user::Column::Email)
            .filter(user::Column::DepartmentId.eq(c.department_id))
            .filter(user::Column::Role.eq(Role::Drafter))
            .filter(user::Column::Active.eq(true))
            .into_tuple()
            .all(&txn)
            .await?;
        // Staff accounts have no language setting: the portal's default language.
        let locale = Locale::default();
        let due_text = due.format("%Y-%m-%d").to_string();
        let link = format!(
            "{}/staff/consultations/{}/decisions?undecided=1",
            state.config.site_url, c.id
        );
        let args = [
            ("title", c.title.as_str()),
            ("due", due_text.as_str()),
            ("n", open.as_str()),
            ("link", link.as_str()),
        ];
        let subject = fill(Msg::MailReportReminderSubject.text(locale), &args);
        let body = mail::signed(
            fill(Msg::MailReportReminderBody.text(locale), &args),
            locale,
        );
        for email in drafters.into_iter().flatten() {
            mail::enqueue(&txn, &email, &subject, &body).await?;
        }
        txn.commit().await?;
        reminded += 1;
    }
    Ok(reminded)
}
