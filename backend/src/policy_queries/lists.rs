//! The home page, the policy list and a department's page: filtered, counted and paged in SQL.

use super::*;

pub(crate) fn published() -> Select<policy::Entity> {
    policy::Entity::find().filter(policy::Column::Status.eq(PolicyStatus::Published))
}

pub(crate) fn newest_first(q: Select<policy::Entity>) -> Select<policy::Entity> {
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
    // The newest interpretations of published policies, each with its policy (one join).
    let latest_interpretations = interpretation::Entity::find()
        .find_also_related(policy::Entity)
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
        .filter(policy::Column::Status.eq(PolicyStatus::Published))
        .order_by_desc(interpretation::Column::PublishedOn)
        .order_by_desc(interpretation::Column::Id)
        .limit(6)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(i, p)| {
            Some(InterpretationTeaser {
                policy_title: p?.title,
                policy_id: i.policy_id,
                interpretation_id: i.id,
                kind: i.kind,
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
    use crate::entities::department;
    let today = state.today();
    let db = &state.db;
    let d = department::Entity::find()
        .filter(department::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let theirs = || policy::Entity::find().filter(policy::Column::DepartmentId.eq(d.id));
    let counts = counts(db, theirs(), today).await?;
    let sel = theirs().filter(policy::Column::Status.eq(PolicyStatus::Published));
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
        reports: crate::statistics::department_reports(state, d.id).await?,
        department: department_info(&d),
        counts,
        policies: summaries(state, rows).await?,
        page,
        pages,
    })
}
