//! What is new on the portal, for Atom feeds (site-wide or one department's): policies
//! published, interpretations published, consultations opened and adoption reports
//! published, newest first.

use crate::domain::policy::{InterpretationState, PolicyStatus};
use crate::entities::{consultation, department, interpretation, policy};
use crate::error::ServiceError;
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Entries in a feed.
pub const FEED_ENTRIES: u64 = 50;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedKind {
    Policy,
    Interpretation,
    ConsultationOpened,
    ReportPublished,
}

#[derive(Clone, Debug, PartialEq)]
pub struct FeedEntry {
    pub kind: FeedKind,
    /// Stable for the thing it announces (`policy-12`, `report-3` …).
    pub key: String,
    pub title: String,
    /// The page's path on the site.
    pub path: String,
    pub updated: DateTime<Utc>,
}

/// The start of a day in China, as UTC (dates of publication have no time).
fn china_day(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()) - chrono::Duration::hours(8)
}

/// The newest entries, site-wide or of the department with `code` (`NotFound` for an
/// unknown code).
pub async fn entries(state: &AppState, code: Option<&str>) -> Result<Vec<FeedEntry>, ServiceError> {
    let department = match code {
        Some(code) => Some(
            department::Entity::find()
                .filter(department::Column::Code.eq(code))
                .one(&state.db)
                .await?
                .ok_or(ServiceError::NotFound)?
                .id,
        ),
        None => None,
    };
    let mut out = Vec::new();
    let mut policies = policy::Entity::find()
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .filter(policy::Column::PublishedOn.is_not_null());
    if let Some(d) = department {
        policies = policies.filter(policy::Column::DepartmentId.eq(d));
    }
    for p in policies
        .order_by_desc(policy::Column::PublishedOn)
        .order_by_desc(policy::Column::Id)
        .limit(FEED_ENTRIES)
        .all(&state.db)
        .await?
    {
        out.push(FeedEntry {
            kind: FeedKind::Policy,
            key: format!("policy-{}", p.id),
            title: p.title,
            path: format!("/policies/{}", p.id),
            updated: china_day(p.published_on.unwrap_or_default()),
        });
    }
    let mut interps = interpretation::Entity::find()
        .find_also_related(policy::Entity)
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
        .filter(interpretation::Column::PublishedOn.is_not_null())
        .filter(policy::Column::Status.eq(PolicyStatus::Published));
    if let Some(d) = department {
        interps = interps.filter(interpretation::Column::DepartmentId.eq(d));
    }
    for (i, p) in interps
        .order_by_desc(interpretation::Column::PublishedOn)
        .order_by_desc(interpretation::Column::Id)
        .limit(FEED_ENTRIES)
        .all(&state.db)
        .await?
    {
        let Some(p) = p else { continue };
        out.push(FeedEntry {
            kind: FeedKind::Interpretation,
            key: format!("interpretation-{}", i.id),
            title: format!("{}：{}", p.title, i.title),
            path: format!("/policies/{}#interp-{}", p.id, i.id),
            updated: china_day(i.published_on.unwrap_or_default()),
        });
    }
    let now = state.now();
    let mut opened = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::OpensAt.lte(now));
    if let Some(d) = department {
        opened = opened.filter(consultation::Column::DepartmentId.eq(d));
    }
    for c in opened
        .order_by_desc(consultation::Column::OpensAt)
        .limit(FEED_ENTRIES)
        .all(&state.db)
        .await?
    {
        if let Some(at) = c.report_published_at {
            out.push(FeedEntry {
                kind: FeedKind::ReportPublished,
                key: format!("report-{}", c.id),
                title: c.title.clone(),
                path: format!("/consultations/{}/report", c.id),
                updated: at,
            });
        }
        out.push(FeedEntry {
            kind: FeedKind::ConsultationOpened,
            key: format!("consultation-{}", c.id),
            title: c.title,
            path: format!("/consultations/{}", c.id),
            updated: c.opens_at,
        });
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.key.cmp(&b.key)));
    out.truncate(FEED_ENTRIES as usize);
    Ok(out)
}
