//! 年度统计: a year's figures per department, counted in the database — policies and
//! interpretations made, published and public at the year's end, the interpretation
//! timeliness of the year's policies, consultations opened, their comments received,
//! published and adopted, and whether their adoption reports came on time. The statistics
//! page, the annual report and its CSV all read this one function.

use crate::adoption::count_of;
use crate::departments::departments;
use crate::domain::adoption::{Outcome, ReportTimeliness};
use crate::domain::consultation::{CommentStatus, china_date, china_midnight};
use crate::domain::policy::{InterpretationState, PolicyStatus};
use crate::entities::{comment, consultation, decision, interpretation, policy};
use crate::error::ServiceError;
use crate::model::{DepartmentInfo, ReportCounts, Statistics, YearFigures};
use crate::policy_queries::counts_by;
use crate::state::AppState;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, JoinType, QueryFilter, QuerySelect, RelationTrait,
};
use std::collections::HashMap;

/// The earliest year one may ask for.
pub const FIRST_YEAR: i32 = 2000;

/// The year's first and last day, and its bounds as instants in China's time.
struct Year {
    first: NaiveDate,
    last: NaiveDate,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
}

fn year(y: i32) -> Option<Year> {
    let first = NaiveDate::from_ymd_opt(y, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(y, 12, 31)?;
    let next = NaiveDate::from_ymd_opt(y + 1, 1, 1)?;
    Some(Year {
        first,
        last,
        from: china_midnight(first),
        until: china_midnight(next),
    })
}

fn n(v: i64) -> u32 {
    u32::try_from(v).unwrap_or(0)
}

/// `(group, count)` rows summed into `figures` per department by `put`.
fn put_counts(
    rows: Vec<(i32, i64)>,
    figures: &mut HashMap<i32, YearFigures>,
    put: fn(&mut YearFigures, u32),
) {
    for (department, count) in rows {
        put(figures.entry(department).or_default(), n(count));
    }
}

/// Years with anything in them, newest first: from the first publication or consultation
/// to this year.
async fn years(state: &AppState) -> Result<Vec<i32>, ServiceError> {
    let first_policy: Option<Option<NaiveDate>> = policy::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::ExprTrait::min(Expr::col(policy::Column::PublishedOn)),
            "first",
        )
        .into_tuple()
        .one(&state.db)
        .await?;
    let first_consultation: Option<Option<DateTime<Utc>>> = consultation::Entity::find()
        .select_only()
        .column_as(
            sea_orm::sea_query::ExprTrait::min(Expr::col(consultation::Column::OpensAt)),
            "first",
        )
        .filter(consultation::Column::Released.eq(true))
        .into_tuple()
        .one(&state.db)
        .await?;
    let this = state.today().year();
    let first = [
        first_policy.flatten().map(|d| d.year()),
        first_consultation.flatten().map(|t| china_date(t).year()),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(this)
    .clamp(FIRST_YEAR, this);
    Ok((first..=this).rev().collect())
}

/// Counts where a closed consultation's adoption report stands (an open one counts nowhere).
fn count_report(state: &AppState, c: &consultation::Model, r: &mut ReportCounts) {
    if c.closes_at > state.now() {
        return;
    }
    match crate::consultations::report_status(state, c).timeliness {
        ReportTimeliness::OnTime => r.on_time += 1,
        ReportTimeliness::Late { .. } => r.late += 1,
        ReportTimeliness::Overdue { .. } => r.overdue += 1,
        ReportTimeliness::Due { .. } => r.due += 1,
    }
}

/// A department's adoption reports over all its closed consultations: its public record
/// beside the interpretation timeliness.
pub async fn department_reports(
    state: &AppState,
    department_id: i32,
) -> Result<ReportCounts, ServiceError> {
    let closed = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::DepartmentId.eq(department_id))
        .filter(consultation::Column::ClosesAt.lte(state.now()))
        .all(&state.db)
        .await?;
    let mut r = ReportCounts::default();
    for c in &closed {
        count_report(state, c, &mut r);
    }
    Ok(r)
}

/// The statistics of year `y`, for every department or the one with `department_code`
/// (`NotFound` for an unknown code or a year out of range).
pub async fn statistics(
    state: &AppState,
    y: i32,
    department_code: Option<&str>,
) -> Result<Statistics, ServiceError> {
    let this = state.today().year();
    if !(FIRST_YEAR..=this).contains(&y) {
        return Err(ServiceError::NotFound);
    }
    let span = year(y).ok_or(ServiceError::NotFound)?;
    let depts = departments(&state.db).await?;
    let department: Option<DepartmentInfo> = match department_code {
        Some(code) => Some(
            depts
                .iter()
                .find(|d| d.code == code)
                .cloned()
                .ok_or(ServiceError::NotFound)?,
        ),
        None => None,
    };
    let mut by_dept = figures(state, &span).await?;
    let rows: Vec<(DepartmentInfo, YearFigures)> = depts
        .iter()
        .filter(|d| department.as_ref().is_none_or(|c| c.id == d.id))
        .map(|d| (d.clone(), by_dept.remove(&d.id).unwrap_or_default()))
        .collect();
    let mut total = YearFigures::default();
    for (_, f) in &rows {
        total.add(f);
    }
    Ok(Statistics {
        year: y,
        years: years(state).await?,
        department,
        departments: depts,
        rows,
        total,
    })
}

/// Every department's figures for the year (departments with nothing are absent).
async fn figures(state: &AppState, span: &Year) -> Result<HashMap<i32, YearFigures>, ServiceError> {
    let db = &state.db;
    let mut out: HashMap<i32, YearFigures> = HashMap::new();

    // Policies.
    let made: Vec<(i32, i64)> = policy::Entity::find()
        .select_only()
        .column(policy::Column::DepartmentId)
        .column_as(count_of(policy::Column::Id), "n")
        .filter(policy::Column::CreatedAt.gte(span.from))
        .filter(policy::Column::CreatedAt.lt(span.until))
        .group_by(policy::Column::DepartmentId)
        .into_tuple()
        .all(db)
        .await?;
    put_counts(made, &mut out, |f, n| f.policies_made = n);
    let published_in_year =
        policy::Entity::find().filter(policy::Column::PublishedOn.between(span.first, span.last));
    let timeliness: HashMap<i32, crate::model::TimelinessCounts> = counts_by(
        db,
        published_in_year,
        policy::Column::DepartmentId,
        state.today(),
    )
    .await?;
    for (d, t) in timeliness {
        out.entry(d).or_default().timeliness = t;
    }
    // Public at the year's end: published by then, and not withdrawn by then.
    let public: Vec<(i32, i64)> = policy::Entity::find()
        .select_only()
        .column(policy::Column::DepartmentId)
        .column_as(count_of(policy::Column::Id), "n")
        .filter(
            Condition::any()
                .add(policy::Column::Status.eq(PolicyStatus::Published))
                .add(policy::Column::Status.eq(PolicyStatus::Withdrawn)),
        )
        .filter(policy::Column::PublishedOn.lte(span.last))
        .filter(
            Condition::any()
                .add(policy::Column::WithdrawnOn.is_null())
                .add(policy::Column::WithdrawnOn.gt(span.last)),
        )
        .group_by(policy::Column::DepartmentId)
        .into_tuple()
        .all(db)
        .await?;
    put_counts(public, &mut out, |f, n| f.policies_public = n);

    // Interpretations, by the department that wrote them.
    let interpretations = || {
        interpretation::Entity::find()
            .select_only()
            .column(interpretation::Column::DepartmentId)
            .column_as(count_of(interpretation::Column::Id), "n")
            .group_by(interpretation::Column::DepartmentId)
    };
    let made: Vec<(i32, i64)> = interpretations()
        .filter(interpretation::Column::CreatedAt.gte(span.from))
        .filter(interpretation::Column::CreatedAt.lt(span.until))
        .into_tuple()
        .all(db)
        .await?;
    put_counts(made, &mut out, |f, n| f.interpretations_made = n);
    let published = || {
        interpretations().filter(interpretation::Column::Status.eq(InterpretationState::Published))
    };
    let in_year: Vec<(i32, i64)> = published()
        .filter(interpretation::Column::PublishedOn.between(span.first, span.last))
        .into_tuple()
        .all(db)
        .await?;
    put_counts(in_year, &mut out, |f, n| f.interpretations_published = n);
    let public: Vec<(i32, i64)> = published()
        .filter(interpretation::Column::PublishedOn.lte(span.last))
        .into_tuple()
        .all(db)
        .await?;
    put_counts(public, &mut out, |f, n| f.interpretations_public = n);

    // Consultations opened in the year, and their reports. A year holds at most a few
    // hundred: their deadlines are computed on the calendar, one by one.
    let opened = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .filter(consultation::Column::OpensAt.gte(span.from))
        .filter(consultation::Column::OpensAt.lt(span.until))
        .all(db)
        .await?;
    for c in &opened {
        let f = out.entry(c.department_id).or_default();
        f.consultations += 1;
        count_report(state, c, &mut f.reports);
    }

    // Their comments, counted per department and status in one query.
    let in_span = || {
        Condition::all()
            .add(consultation::Column::Released.eq(true))
            .add(consultation::Column::OpensAt.gte(span.from))
            .add(consultation::Column::OpensAt.lt(span.until))
    };
    let comments: Vec<(i32, CommentStatus, i64)> = comment::Entity::find()
        .join(JoinType::InnerJoin, comment::Relation::Consultation.def())
        .select_only()
        .column(consultation::Column::DepartmentId)
        .column(comment::Column::Status)
        .column_as(count_of((comment::Entity, comment::Column::Id)), "n")
        .filter(in_span())
        .filter(comment::Column::Status.ne(CommentStatus::Unverified))
        .group_by(consultation::Column::DepartmentId)
        .group_by(comment::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    for (d, status, count) in comments {
        let f = out.entry(d).or_default();
        f.comments_received += n(count);
        if status == CommentStatus::Published {
            f.comments_published += n(count);
        }
    }
    // Adopted, in full or in part, as the published reports say.
    let adopted: Vec<(i32, i64)> = decision::Entity::find()
        .join(JoinType::InnerJoin, decision::Relation::Comment.def())
        .join(JoinType::InnerJoin, comment::Relation::Consultation.def())
        .select_only()
        .column(consultation::Column::DepartmentId)
        .column_as(
            count_of((decision::Entity, decision::Column::CommentId)),
            "n",
        )
        .filter(in_span())
        .filter(consultation::Column::ReportPublished.eq(true))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .filter(decision::Column::Outcome.is_in([Outcome::Adopted, Outcome::PartlyAdopted]))
        .group_by(consultation::Column::DepartmentId)
        .into_tuple()
        .all(db)
        .await?;
    put_counts(adopted, &mut out, |f, n| f.comments_adopted = n);
    Ok(out)
}
