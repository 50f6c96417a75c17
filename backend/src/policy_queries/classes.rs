//! The five timeliness classes as SQL conditions over the stored facts, and counting by them.

use super::*;

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
        let published = || C::Status.eq(PolicyStatus::Published);
        let withdrawn = || C::Status.eq(PolicyStatus::Withdrawn);
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

pub(crate) enum Cmp {
    Lt,
    Le,
    Gt,
}

/// Column against column. (sea-query's `ExprTrait` is called by path: in scope, its
/// `max`/`min` would shadow those of numbers in this module.)
pub(crate) fn cmp(a: policy::Column, op: Cmp, b: policy::Column) -> Expr {
    use sea_orm::sea_query::ExprTrait;
    let (a, b) = (Expr::col(a), Expr::col(b));
    match op {
        Cmp::Lt => ExprTrait::lt(a, b),
        Cmp::Le => ExprTrait::lte(a, b),
        Cmp::Gt => ExprTrait::gt(a, b),
    }
}

pub(crate) fn add_count(counts: &mut TimelinessCounts, class: Class, n: u32) {
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
pub(crate) async fn counts_by<K>(
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
pub(crate) async fn counts(
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
