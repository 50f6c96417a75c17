//! `huiyin seed-demo`: loads departments, staff and policies built from the real seed texts
//! into an empty database. Dates relative to "today" are counted in working days, so the
//! demo always shows current deadlines.

pub mod consultations;
pub mod content;

use backend::auth;
use backend::entities::{department, interpretation, policy, user};
use backend::state::AppState;
use chrono::NaiveDate;
use content::{DemoDate, InterpretationTiming};
use domain::calendar::Calendar;
use domain::policy::{InterpretationState, PolicyStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

/// The n-th working day before `today`.
fn working_days_before(cal: &Calendar, today: NaiveDate, n: u32) -> NaiveDate {
    let mut d = today;
    let mut left = n;
    while left > 0 {
        d = d.pred_opt().unwrap_or(d);
        if cal.is_workday(d) {
            left -= 1;
        }
    }
    d
}

fn resolve(cal: &Calendar, today: NaiveDate, d: &DemoDate) -> NaiveDate {
    match d {
        DemoDate::Fixed { y, m, d } => NaiveDate::from_ymd_opt(*y, *m, *d).unwrap_or(today),
        DemoDate::WorkingDaysBeforeToday(n) => working_days_before(cal, today, *n),
    }
}

/// Loads the demo if the database has no department yet. Returns whether it loaded.
pub async fn seed(state: &AppState) -> Result<bool, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    if department::Entity::find()
        .count(&state.db)
        .await
        .map_err(err)?
        > 0
    {
        return Ok(false);
    }
    let set = content::demo();
    let cal = state.calendar();
    let today = state.today();
    for d in &set.departments {
        department::ActiveModel {
            code: Set(d.code.into()),
            name_zh_hans: Set(d.name_zh_hans.into()),
            name_zh_hant: Set(d.name_zh_hant.into()),
            name_en: Set(d.name_en.into()),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
    }
    for u in &set.users {
        let email = format!("{}@huiyin.localhost", u.username);
        auth::create_user(
            &state.db,
            u.username,
            u.display_name,
            u.role,
            u.department,
            u.password,
            Some(&email),
        )
        .await
        .map_err(|e| format!("user {}: {e}", u.username))?;
    }
    let now = chrono::Utc::now();
    for p in &set.policies {
        let dept = department::Entity::find()
            .filter(department::Column::Code.eq(p.department))
            .one(&state.db)
            .await
            .map_err(err)?
            .ok_or_else(|| format!("unknown department {}", p.department))?;
        let creator = user::Entity::find()
            .filter(user::Column::DepartmentId.eq(dept.id))
            .one(&state.db)
            .await
            .map_err(err)?
            .map(|u| u.id);
        let published_status = p.status == PolicyStatus::Published;
        let published_on = published_status.then(|| resolve(&cal, today, &p.published_on));
        // Already reminded: the demo must not mail anyone about historic deadlines.
        let reminded = published_on
            .filter(|d| *d < today - chrono::Duration::days(10))
            .map(|_| now);
        let saved = policy::ActiveModel {
            title: Set(p.title.into()),
            doc_number: Set(p.doc_number.into()),
            department_id: Set(dept.id),
            category: Set(p.category.into()),
            signed_on: Set(Some(resolve(&cal, today, &p.signed_on))),
            published_on: Set(published_on),
            effective_on: Set(p.effective_on.as_ref().map(|d| resolve(&cal, today, d))),
            status: Set(p.status),
            body: Set(p.body.trim().into()),
            return_reason: Set(None),
            reminder_sent_at: Set(reminded),
            created_by: Set(creator),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        for i in &p.interpretations {
            let (status, date) = match (p.status, published_on) {
                (PolicyStatus::Published, Some(pub_on)) => {
                    let date = match i.timing {
                        InterpretationTiming::WithPolicy => pub_on,
                        InterpretationTiming::WorkingDaysAfterPolicy(n) => {
                            cal.add_working_days(pub_on, n)
                        }
                    };
                    (InterpretationState::Published, Some(date))
                }
                (PolicyStatus::AwaitingSignoff, _) => (InterpretationState::AwaitingSignoff, None),
                _ => (InterpretationState::Draft, None),
            };
            let qa: Vec<domain::model::QaPair> =
                i.qa.iter()
                    .map(|(q, a)| domain::model::QaPair {
                        question: (*q).into(),
                        answer: (*a).into(),
                    })
                    .collect();
            interpretation::ActiveModel {
                policy_id: Set(saved.id),
                kind: Set(i.kind),
                title: Set(i.title.into()),
                body: Set(i.body.trim().into()),
                qa_json: Set(serde_json::to_string(&qa).unwrap_or_else(|_| "[]".into())),
                image_path: Set(None),
                image_alt: Set(None),
                media_url: Set(i.media_url.map(Into::into)),
                department_id: Set(dept.id),
                status: Set(status),
                published_on: Set(date),
                created_by: Set(creator),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&state.db)
            .await
            .map_err(err)?;
        }
    }
    consultations::seed(state).await?;
    consultations::seed_reported(state).await?;
    consultations::seed_awaiting_report(state).await?;
    consultations::seed_policy_origin(state).await?;
    // The demo rows are written directly: give them their timeliness facts.
    backend::policy_queries::backfill_facts(&state.db, &cal)
        .await
        .map_err(|e| e.to_string())?;
    Ok(true)
}

/// The demo logins, for printing.
pub fn logins() -> Vec<(String, String, String)> {
    content::demo()
        .users
        .iter()
        .map(|u| {
            (
                u.username.to_string(),
                u.password.to_string(),
                u.role.to_string(),
            )
        })
        .collect()
}
