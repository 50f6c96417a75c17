//! The timeliness dashboard: per department and per month, counted in SQL.

use super::*;

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
