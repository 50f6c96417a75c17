//! The working-day calendar as the server uses it: built-in official data plus the entries
//! administrators add for later years (table `calendar_entries`).

use super::entities::calendar_entry;
use super::error::{Invalid, ServiceError};
use super::state::AppState;
use crate::domain::calendar::{Calendar, CalendarEntry, CalendarError};
use crate::model::{CalendarAdmin, UserInfo};
use chrono::Datelike;
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, QueryOrder, Set, TransactionTrait};

/// The first publication day whose deadline can fall after the built-in data (in a year that
/// is entered by hand or estimated): December of the last built-in year.
pub fn estimates_since() -> chrono::NaiveDate {
    Calendar::builtin_ref()
        .covered_years()
        .into_iter()
        .max()
        .and_then(|y| chrono::NaiveDate::from_ymd_opt(y, 12, 1))
        .unwrap_or_default()
}

pub async fn load(db: &impl ConnectionTrait) -> Result<Calendar, ServiceError> {
    let rows = calendar_entry::Entity::find()
        .order_by_asc(calendar_entry::Column::Date)
        .all(db)
        .await?;
    let entries = rows.into_iter().map(|r| CalendarEntry {
        date: r.date,
        is_workday: r.is_workday,
        name: r.name,
    });
    Calendar::builtin()
        .with_entries(entries)
        .map_err(|e| ServiceError::Internal(e.to_string()))
}

fn entries_text(entries: &[CalendarEntry]) -> String {
    entries
        .iter()
        .map(|e| {
            format!(
                "{},{},{}",
                e.date.format("%Y-%m-%d"),
                if e.is_workday { "workday" } else { "holiday" },
                e.name
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reloads the calendar from the database into this instance. Another instance may have
/// saved a change; the background job calls this every few seconds (the table holds a few
/// hundred rows at most).
pub async fn refresh(state: &AppState) -> Result<(), ServiceError> {
    let cal = load(&state.db).await?;
    state.set_calendar(cal);
    Ok(())
}

pub async fn admin_view(state: &AppState) -> Result<CalendarAdmin, ServiceError> {
    let builtin_years = Calendar::builtin().covered_years();
    let rows = calendar_entry::Entity::find()
        .order_by_asc(calendar_entry::Column::Date)
        .all(&state.db)
        .await?;
    let entries: Vec<CalendarEntry> = rows
        .into_iter()
        .map(|r| CalendarEntry {
            date: r.date,
            is_workday: r.is_workday,
            name: r.name,
        })
        .collect();
    let mut added_years: Vec<i32> = entries.iter().map(|e| e.date.year()).collect();
    added_years.dedup();
    Ok(CalendarAdmin {
        builtin_years,
        added_years,
        entries_text: entries_text(&entries),
    })
}

/// From 1 November, when next year's holiday schedule is not entered (or this year's still
/// is not), the administrators get one mail about it: the year is claimed in
/// `calendar_reminders` with the mails in one transaction, so it goes out once whatever the
/// number of instances. Returns the year mailed about, if a mail was queued now.
pub async fn remind_missing_schedule(state: &AppState) -> Result<Option<i32>, ServiceError> {
    use super::entities::{calendar_reminder, user};
    use crate::domain::policy::Role;
    use crate::i18n::Msg;
    use sea_orm::sea_query::OnConflict;
    use sea_orm::{ColumnTrait, QueryFilter};
    let Some(year) = state.calendar().missing_schedule(state.today()) else {
        return Ok(None);
    };
    let txn = state.db.begin().await?;
    let claimed = calendar_reminder::Entity::insert(calendar_reminder::ActiveModel {
        year: Set(year),
        sent_at: Set(state.now()),
    })
    .on_conflict(
        OnConflict::column(calendar_reminder::Column::Year)
            .do_nothing()
            .to_owned(),
    )
    .exec_without_returning(&txn)
    .await?;
    if claimed != 1 {
        return Ok(None);
    }
    let admins = user::Entity::find()
        .filter(user::Column::Role.eq(Role::Admin))
        .filter(user::Column::Active.eq(true))
        .all(&txn)
        .await?;
    // Staff accounts have no language setting: the portal's default language.
    let locale = crate::i18n::Locale::default();
    let link = format!("{}/admin/calendar", state.config.site_url);
    let year_text = year.to_string();
    let args = [("year", year_text.as_str()), ("link", link.as_str())];
    let subject = crate::i18n::fill(Msg::MailCalendarMissingSubject.text(locale), &args);
    let body = crate::i18n::fill(Msg::MailCalendarMissingBody.text(locale), &args);
    let mails: Vec<(String, String, String)> = admins
        .iter()
        .filter_map(|a| a.email.clone())
        .map(|to| (to, subject.clone(), body.clone()))
        .collect();
    super::mail::enqueue_many(&txn, mails).await?;
    txn.commit().await?;
    Ok(Some(year))
}

/// Reads a pasted State Council notice for the preview (admins only): the year and its
/// entries, or what cannot be read, as a form error on `notice`. Nothing is saved.
pub async fn read_notice(
    actor: &UserInfo,
    text: &str,
) -> Result<(i32, Vec<CalendarEntry>), ServiceError> {
    use crate::domain::calendar_notice::{NoticeError, parse_notice};
    use crate::i18n::Msg;
    if actor.role != crate::domain::policy::Role::Admin {
        return Err(ServiceError::Forbidden);
    }
    parse_notice(text, None).map_err(|e| {
        let (msg, arg) = match e {
            NoticeError::NoYear => (Msg::ErrNoticeNoYear, None),
            NoticeError::NoHolidays => (Msg::ErrNoticeNoHolidays, None),
            NoticeError::NoDaysOff { name } => (Msg::ErrNoticeNoDaysOff, Some(name)),
            NoticeError::BadDate { name, text } => {
                (Msg::ErrNoticeBadDate, Some(format!("{name}|{text}")))
            }
            NoticeError::BackwardRange { name } => (Msg::ErrNoticeBackwardRange, Some(name)),
        };
        ServiceError::from(Invalid::one("notice", msg, arg))
    })
}

/// Replaces the admin-entered entries with the given text (`date,holiday|workday,name` per
/// line). Years with built-in official data cannot be changed here.
pub async fn save(state: &AppState, actor: &UserInfo, text: &str) -> Result<(), ServiceError> {
    if actor.role != crate::domain::policy::Role::Admin {
        return Err(ServiceError::Forbidden);
    }
    let fail = |msg: crate::i18n::Msg, arg: String| {
        ServiceError::from(Invalid::one("entries", msg, Some(arg)))
    };
    let invalid = |e: CalendarError| {
        use CalendarError as E;
        let line = match &e {
            E::FieldCount { line, .. }
            | E::InvalidDate { line, .. }
            | E::InvalidKind { line, .. }
            | E::InvalidYears { line, .. }
            | E::DuplicateDate { line, .. }
            | E::InvalidLine { line, .. } => *line,
            E::InvalidEntry { .. } => 0,
        };
        fail(crate::i18n::Msg::ErrCalendarLine, format!("{line}|{e}"))
    };
    let body: String = text.lines().map(str::trim).collect::<Vec<_>>().join("\n");
    let parsed = Calendar::parse_csv(&body).map_err(invalid)?;
    let builtin = Calendar::builtin();
    let mut entries = Vec::new();
    for year in parsed.covered_years() {
        if builtin.covers_year(year) {
            return Err(fail(
                crate::i18n::Msg::ErrCalendarBuiltinYear,
                year.to_string(),
            ));
        }
        entries.extend(parsed.entries_for_year(year));
    }
    let merged = builtin.with_entries(entries.clone()).map_err(invalid)?;
    let txn = state.db.begin().await?;
    calendar_entry::Entity::delete_many().exec(&txn).await?;
    for e in &entries {
        calendar_entry::ActiveModel {
            date: Set(e.date),
            is_workday: Set(e.is_workday),
            name: Set(e.name.clone()),
        }
        .insert(&txn)
        .await?;
    }
    txn.commit().await?;
    super::policy_queries::recompute_deadlines(&state.db, &merged, estimates_since()).await?;
    state.set_calendar(merged);
    Ok(())
}
