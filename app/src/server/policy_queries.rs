//! Public read models over published policies — the home page, the policy list, a
//! department's page and the timeliness dashboard — filtered, counted and paged in the
//! database, over the timeliness facts each policy keeps (`interpretation_deadline`,
//! `first_interpretation_on`, `withdrawn_on`). Only a page of rows is ever loaded.
//!
//! The classes below are the SQL form of `domain::deadline::interpretation_status`; the rows
//! of a page are still classified by that function, so both must agree (tested).

use super::entities::{interpretation, policy};
use super::error::ServiceError;
use super::policies::{PAGE_SIZE, department_info, departments, summaries};
use super::state::AppState;
use crate::domain::calendar::Calendar;
use crate::domain::deadline;
use crate::domain::policy::{InterpretationKind, InterpretationState, PolicyStatus};
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

/// 解读时效 classes, as stored facts and `today` decide them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    WithPolicy,
    OnTime,
    Late,
    Due,
    Overdue,
}

impl Class {
    pub const ALL: [Class; 5] = [
        Class::WithPolicy,
        Class::OnTime,
        Class::Late,
        Class::Due,
        Class::Overdue,
    ];

    /// The key of `InterpretationStatus::key` for the same class.
    pub fn key(self) -> &'static str {
        match self {
            Class::WithPolicy => "with_policy",
            Class::OnTime => "on_time",
            Class::Late => "late",
            Class::Due => "due",
            Class::Overdue => "overdue",
        }
    }

    pub fn from_key(k: &str) -> Option<Class> {
        Class::ALL.into_iter().find(|c| c.key() == k)
    }

    /// The policies in this class on `today`. Withdrawn policies keep the record they had:
    /// an interpretation published counts as it came; one still missing counts as overdue
    /// only if the deadline had passed when the policy was withdrawn.
    pub fn condition(self, today: NaiveDate) -> Condition {
        use policy::Column as C;
        let published = || C::Status.eq(PolicyStatus::Published.as_str());
        let withdrawn = || C::Status.eq(PolicyStatus::Withdrawn.as_str());
        let either = || Condition::any().add(published()).add(withdrawn());
        let base = Condition::all()
            .add(C::PublishedOn.is_not_null())
            .add(C::InterpretationDeadline.is_not_null());
        // A comparison with a NULL is never true: the classes with an interpretation need
        // no extra "IS NOT NULL".
        match self {
            Class::WithPolicy => base
                .add(cmp(C::FirstInterpretationOn, Cmp::Le, C::PublishedOn))
                .add(either()),
            Class::OnTime => base
                .add(cmp(C::FirstInterpretationOn, Cmp::Gt, C::PublishedOn))
                .add(cmp(
                    C::FirstInterpretationOn,
                    Cmp::Le,
                    C::InterpretationDeadline,
                ))
                .add(either()),
            Class::Late => base
                .add(cmp(
                    C::FirstInterpretationOn,
                    Cmp::Gt,
                    C::InterpretationDeadline,
                ))
                .add(either()),
            Class::Due => base
                .add(C::FirstInterpretationOn.is_null())
                .add(published())
                .add(C::InterpretationDeadline.gte(today)),
            Class::Overdue => base.add(C::FirstInterpretationOn.is_null()).add(
                Condition::any()
                    .add(
                        Condition::all()
                            .add(published())
                            .add(C::InterpretationDeadline.lt(today)),
                    )
                    .add(Condition::all().add(withdrawn()).add(cmp(
                        C::InterpretationDeadline,
                        Cmp::Lt,
                        C::WithdrawnOn,
                    ))),
            ),
        }
    }
}

enum Cmp {
    Lt,
    Le,
    Gt,
}

/// Column against column. (sea-query's `ExprTrait` is called by path: in scope, its
/// `max`/`min` would shadow those of numbers in this module.)
fn cmp(a: policy::Column, op: Cmp, b: policy::Column) -> Expr {
    use sea_orm::sea_query::ExprTrait;
    let (a, b) = (Expr::col(a), Expr::col(b));
    match op {
        Cmp::Lt => ExprTrait::lt(a, b),
        Cmp::Le => ExprTrait::lte(a, b),
        Cmp::Gt => ExprTrait::gt(a, b),
    }
}

fn add_count(counts: &mut TimelinessCounts, class: Class, n: u32) {
    counts.policies += n;
    match class {
        Class::WithPolicy => counts.with_policy += n,
        Class::OnTime => counts.on_time += n,
        Class::Late => counts.late += n,
        Class::Due => counts.due += n,
        Class::Overdue => counts.overdue += n,
    }
}

/// Counts per class of the policies `base` selects, grouped by `group` (one query per class).
async fn counts_by<K>(
    db: &impl ConnectionTrait,
    base: Select<policy::Entity>,
    group: policy::Column,
    today: NaiveDate,
) -> Result<HashMap<K, TimelinessCounts>, ServiceError>
where
    K: sea_orm::TryGetable + std::hash::Hash + Eq,
{
    let mut out: HashMap<K, TimelinessCounts> = HashMap::new();
    for class in Class::ALL {
        let rows: Vec<(K, i64)> = base
            .clone()
            .select_only()
            .column(group)
            .column_as(
                sea_orm::sea_query::ExprTrait::count(Expr::col(policy::Column::Id)),
                "n",
            )
            .filter(class.condition(today))
            .group_by(group)
            .into_tuple()
            .all(db)
            .await?;
        for (k, n) in rows {
            add_count(
                out.entry(k).or_default(),
                class,
                u32::try_from(n).unwrap_or(0),
            );
        }
    }
    Ok(out)
}

/// Counts per class of the policies `base` selects.
async fn counts(
    db: &impl ConnectionTrait,
    base: Select<policy::Entity>,
    today: NaiveDate,
) -> Result<TimelinessCounts, ServiceError> {
    let mut c = TimelinessCounts::default();
    for class in Class::ALL {
        let n = base
            .clone()
            .filter(class.condition(today))
            .count(db)
            .await?;
        add_count(&mut c, class, u32::try_from(n).unwrap_or(0));
    }
    Ok(c)
}

fn published() -> Select<policy::Entity> {
    policy::Entity::find().filter(policy::Column::Status.eq(PolicyStatus::Published.as_str()))
}

fn newest_first(q: Select<policy::Entity>) -> Select<policy::Entity> {
    q.order_by_desc(policy::Column::PublishedOn)
        .order_by_desc(policy::Column::Id)
}

pub async fn home(state: &AppState) -> Result<HomeData, ServiceError> {
    let today = state.today();
    let db = &state.db;
    let latest = newest_first(published()).limit(6).all(db).await?;
    let due_rows = published()
        .filter(
            Condition::any()
                .add(Class::Due.condition(today))
                .add(Class::Overdue.condition(today)),
        )
        .order_by_asc(policy::Column::InterpretationDeadline)
        .order_by_asc(policy::Column::Id)
        .limit(8)
        .all(db)
        .await?;
    let due_count = published()
        .filter(Class::Due.condition(today))
        .count(db)
        .await? as usize;
    let overdue_count = published()
        .filter(Class::Overdue.condition(today))
        .count(db)
        .await? as usize;
    // The newest interpretations of published policies, titles from one more small query.
    let interps = interpretation::Entity::find()
        .filter(interpretation::Column::Status.eq(InterpretationState::Published.as_str()))
        .filter(
            interpretation::Column::PolicyId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(policy::Column::Id)
                    .from(policy::Entity)
                    .and_where(policy::Column::Status.eq(PolicyStatus::Published.as_str()))
                    .to_owned(),
            ),
        )
        .order_by_desc(interpretation::Column::PublishedOn)
        .order_by_desc(interpretation::Column::Id)
        .limit(6)
        .all(db)
        .await?;
    let titles: HashMap<i32, String> = policy::Entity::find()
        .filter(policy::Column::Id.is_in(interps.iter().map(|i| i.policy_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.title))
        .collect();
    let latest_interpretations = interps
        .into_iter()
        .filter_map(|i| {
            Some(InterpretationTeaser {
                policy_title: titles.get(&i.policy_id)?.clone(),
                policy_id: i.policy_id,
                interpretation_id: i.id,
                kind: InterpretationKind::parse(&i.kind)?,
                title: i.title,
                published_on: i.published_on,
            })
        })
        .collect();
    Ok(HomeData {
        latest_policies: summaries(state, latest).await?,
        latest_interpretations,
        due: summaries(state, due_rows).await?,
        due_count,
        overdue_count,
    })
}

pub async fn list(state: &AppState, q: &PolicyQuery) -> Result<PolicyPage, ServiceError> {
    let today = state.today();
    let db = &state.db;
    let depts = departments(db).await?;
    let mut sel = published();
    if let Some(code) = q.department.as_deref().filter(|c| !c.is_empty()) {
        let id = depts.iter().find(|d| d.code == code).map(|d| d.id);
        sel = sel.filter(policy::Column::DepartmentId.eq(id.unwrap_or(-1)));
    }
    if let Some(c) = q.category.as_deref().filter(|c| !c.is_empty()) {
        sel = sel.filter(policy::Column::Category.eq(c));
    }
    if let Some(y) = q.year {
        let (from, to) = (
            NaiveDate::from_ymd_opt(y, 1, 1),
            NaiveDate::from_ymd_opt(y, 12, 31),
        );
        sel = match (from, to) {
            (Some(f), Some(t)) => sel.filter(policy::Column::PublishedOn.between(f, t)),
            _ => sel.filter(policy::Column::Id.eq(-1)),
        };
    }
    if let Some(k) = q.interpretation.as_deref().filter(|k| !k.is_empty()) {
        sel = match Class::from_key(k) {
            Some(class) => sel.filter(class.condition(today)),
            None => sel.filter(policy::Column::Id.eq(-1)),
        };
    }
    let total = sel.clone().count(db).await?;
    let pages = (u32::try_from(total).unwrap_or(u32::MAX))
        .div_ceil(PAGE_SIZE)
        .max(1);
    let page = q.page.unwrap_or(1).clamp(1, pages);
    let rows = newest_first(sel)
        .limit(u64::from(PAGE_SIZE))
        .offset(u64::from((page - 1) * PAGE_SIZE))
        .all(db)
        .await?;
    // Years with publications, newest first: from the first to the last.
    let span: Option<(Option<NaiveDate>, Option<NaiveDate>)> = published()
        .select_only()
        .column_as(
            sea_orm::sea_query::ExprTrait::min(Expr::col(policy::Column::PublishedOn)),
            "first",
        )
        .column_as(
            sea_orm::sea_query::ExprTrait::max(Expr::col(policy::Column::PublishedOn)),
            "last",
        )
        .into_tuple()
        .one(db)
        .await?;
    let years = match span {
        Some((Some(first), Some(last))) => (first.year()..=last.year()).rev().collect(),
        _ => Vec::new(),
    };
    Ok(PolicyPage {
        items: summaries(state, rows).await?,
        total: total as usize,
        page,
        pages,
        departments: depts,
        years,
    })
}

pub async fn department_page(
    state: &AppState,
    code: &str,
    page: Option<u32>,
) -> Result<DepartmentPage, ServiceError> {
    use super::entities::department;
    let today = state.today();
    let db = &state.db;
    let d = department::Entity::find()
        .filter(department::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let theirs = || policy::Entity::find().filter(policy::Column::DepartmentId.eq(d.id));
    let counts = counts(db, theirs(), today).await?;
    let sel = theirs().filter(policy::Column::Status.eq(PolicyStatus::Published.as_str()));
    let total = sel.clone().count(db).await?;
    let pages = (u32::try_from(total).unwrap_or(u32::MAX))
        .div_ceil(PAGE_SIZE)
        .max(1);
    let page = page.unwrap_or(1).clamp(1, pages);
    let rows = newest_first(sel)
        .limit(u64::from(PAGE_SIZE))
        .offset(u64::from((page - 1) * PAGE_SIZE))
        .all(db)
        .await?;
    Ok(DepartmentPage {
        department: department_info(&d),
        counts,
        policies: summaries(state, rows).await?,
        page,
        pages,
    })
}

pub async fn timeliness(state: &AppState) -> Result<TimelinessData, ServiceError> {
    let db = &state.db;
    let today = state.today();
    let depts = departments(db).await?;
    let everything = || policy::Entity::find();
    let total = counts(db, everything(), today).await?;
    let mut by_dept: HashMap<i32, TimelinessCounts> =
        counts_by(db, everything(), policy::Column::DepartmentId, today).await?;
    // The last 12 months, oldest first; counted by publication day, summed per month.
    let mut months: Vec<(i32, u32, TimelinessCounts)> = (0..12)
        .rev()
        .map(|back| {
            let m0 = today.year() * 12 + today.month0() as i32 - back;
            (
                m0.div_euclid(12),
                (m0.rem_euclid(12) + 1) as u32,
                TimelinessCounts::default(),
            )
        })
        .collect();
    let since = months
        .first()
        .and_then(|(y, m, _)| NaiveDate::from_ymd_opt(*y, *m, 1))
        .unwrap_or(today);
    let by_day: HashMap<NaiveDate, TimelinessCounts> = counts_by(
        db,
        everything().filter(policy::Column::PublishedOn.gte(since)),
        policy::Column::PublishedOn,
        today,
    )
    .await?;
    for (day, c) in by_day {
        if let Some(m) = months
            .iter_mut()
            .find(|(y, m, _)| *y == day.year() && *m == day.month())
        {
            for (class, n) in [
                (Class::WithPolicy, c.with_policy),
                (Class::OnTime, c.on_time),
                (Class::Late, c.late),
                (Class::Due, c.due),
                (Class::Overdue, c.overdue),
            ] {
                add_count(&mut m.2, class, n);
            }
        }
    }
    let mut departments: Vec<(DepartmentInfo, TimelinessCounts)> = depts
        .into_iter()
        .map(|d| {
            let c = by_dept.remove(&d.id).unwrap_or_default();
            (d, c)
        })
        .collect();
    departments.sort_by(|a, b| {
        b.1.policies
            .cmp(&a.1.policies)
            .then(a.0.code.cmp(&b.0.code))
    });
    Ok(TimelinessData {
        departments,
        months,
        total,
    })
}

/// Fills in the facts that are missing: deadlines (they need the calendar, so not in a
/// migration), first interpretation days and withdrawal days. Run at start and after demo
/// content is loaded; touches only rows that lack a fact.
pub async fn backfill_facts(
    db: &impl ConnectionTrait,
    cal: &Calendar,
) -> Result<u64, ServiceError> {
    let mut changed = 0;
    let missing = policy::Entity::find()
        .filter(policy::Column::PublishedOn.is_not_null())
        .filter(policy::Column::InterpretationDeadline.is_null())
        .all(db)
        .await?;
    for p in missing {
        let Some(published) = p.published_on else {
            continue;
        };
        changed += policy::Entity::update_many()
            .col_expr(
                policy::Column::InterpretationDeadline,
                Expr::value(deadline::interpretation_deadline(cal, published)),
            )
            .filter(policy::Column::Id.eq(p.id))
            .exec(db)
            .await?
            .rows_affected;
    }
    changed += db
        .execute_unprepared(
            "UPDATE policies SET first_interpretation_on = (SELECT MIN(i.published_on) \
             FROM interpretations i WHERE i.policy_id = policies.id AND i.status = 'published') \
             WHERE published_on IS NOT NULL AND first_interpretation_on IS NULL \
             AND EXISTS (SELECT 1 FROM interpretations i WHERE i.policy_id = policies.id \
             AND i.status = 'published' AND i.published_on IS NOT NULL)",
        )
        .await?
        .rows_affected();
    let withdrawn = policy::Entity::find()
        .filter(policy::Column::Status.eq(PolicyStatus::Withdrawn.as_str()))
        .filter(policy::Column::WithdrawnOn.is_null())
        .all(db)
        .await?;
    for p in withdrawn {
        let day = (p.updated_at + chrono::Duration::hours(8)).date_naive();
        changed += policy::Entity::update_many()
            .col_expr(policy::Column::WithdrawnOn, Expr::value(day))
            .filter(policy::Column::Id.eq(p.id))
            .exec(db)
            .await?
            .rows_affected;
    }
    Ok(changed)
}

/// After a calendar change: the deadlines of policies published from `since` on, computed
/// again on the new calendar (only future years can change, so few rows).
pub async fn recompute_deadlines(
    db: &impl ConnectionTrait,
    cal: &Calendar,
    since: NaiveDate,
) -> Result<(), ServiceError> {
    let rows = policy::Entity::find()
        .filter(policy::Column::PublishedOn.gte(since))
        .all(db)
        .await?;
    for p in rows {
        let Some(published) = p.published_on else {
            continue;
        };
        let due = deadline::interpretation_deadline(cal, published);
        if p.interpretation_deadline != Some(due) {
            policy::Entity::update_many()
                .col_expr(policy::Column::InterpretationDeadline, Expr::value(due))
                .filter(policy::Column::Id.eq(p.id))
                .exec(db)
                .await?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::Class;

    #[test]
    fn class_keys_match_the_status_keys() {
        use crate::domain::deadline::InterpretationStatus as S;
        for (class, status) in [
            (Class::WithPolicy, S::WithPolicy),
            (Class::OnTime, S::OnTime { working_days: 1 }),
            (Class::Late, S::Late { working_days: 5 }),
            (
                Class::Due,
                S::Due {
                    working_days_left: 2,
                },
            ),
            (
                Class::Overdue,
                S::Overdue {
                    working_days_late: 1,
                },
            ),
        ] {
            assert_eq!(class.key(), status.key());
            assert_eq!(Class::from_key(status.key()), Some(class));
        }
    }
}
