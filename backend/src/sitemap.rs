//! What search engines may index: the public pages of the portal as `sitemap.xml` entries
//! (`robots.txt` points to it; staff and admin pages are not listed and are disallowed).

use crate::domain::policy::PolicyStatus;
use crate::entities::{consultation, department, policy};
use crate::error::ServiceError;
use crate::state::AppState;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// A sitemap holds at most 50,000 addresses (sitemaps.org); the newest policies come first.
pub const MAX_URLS: usize = 50_000;

/// A page's path and when it last changed, if known.
pub type Entry = (String, Option<NaiveDate>);

/// The public pages: the fixed ones, every department, every released consultation (and its
/// report once published) and every published policy, newest first, at most [`MAX_URLS`].
pub async fn entries(state: &AppState) -> Result<Vec<Entry>, ServiceError> {
    let mut out: Vec<Entry> = [
        "/",
        "/policies",
        "/consultations",
        "/timeliness",
        "/statistics",
        "/statistics/annual",
        "/subscribe",
    ]
    .iter()
    .map(|p| (p.to_string(), None))
    .collect();
    let codes: Vec<String> = department::Entity::find()
        .select_only()
        .column(department::Column::Code)
        .order_by_asc(department::Column::Code)
        .into_tuple()
        .all(&state.db)
        .await?;
    out.extend(
        codes
            .into_iter()
            .map(|c| (format!("/departments/{c}"), None)),
    );
    let consultations: Vec<(i32, bool)> = consultation::Entity::find()
        .select_only()
        .column(consultation::Column::Id)
        .column(consultation::Column::ReportPublished)
        .filter(consultation::Column::Released.eq(true))
        .order_by_desc(consultation::Column::Id)
        .limit(10_000)
        .into_tuple()
        .all(&state.db)
        .await?;
    for (id, reported) in consultations {
        out.push((format!("/consultations/{id}"), None));
        if reported {
            out.push((format!("/consultations/{id}/report"), None));
        }
    }
    let room = MAX_URLS.saturating_sub(out.len()) as u64;
    let policies: Vec<(i32, Option<NaiveDate>)> = policy::Entity::find()
        .select_only()
        .column(policy::Column::Id)
        .column(policy::Column::PublishedOn)
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .order_by_desc(policy::Column::PublishedOn)
        .order_by_desc(policy::Column::Id)
        .limit(room)
        .into_tuple()
        .all(&state.db)
        .await?;
    out.extend(
        policies
            .into_iter()
            .map(|(id, on)| (format!("/policies/{id}"), on)),
    );
    Ok(out)
}
