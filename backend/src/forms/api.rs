//! The query string of an open-data API list, parsed into a typed [`ListQuery`]: every value
//! checked, a parameter the route does not take refused by name (a typo such as `pgae=2`
//! must not silently return page 1).

use super::Check;
use crate::domain::adoption::Outcome;
use crate::domain::consultation::ConsultationState;
use crate::domain::deadline::InterpretationStatus;
use crate::domain::policy::InterpretationKind;
use crate::error::Invalid;
use crate::i18n::Msg;

/// Items per page unless `per_page` says otherwise, and the most it may say.
pub const API_PER_PAGE: u32 = 20;
pub const API_PER_PAGE_MAX: u32 = 100;

/// The parameters an API list may take. A route names the ones it accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    Page,
    PerPage,
    Department,
    Year,
    Interpretation,
    Kind,
    Policy,
    Consultation,
    State,
    Outcome,
}

impl Param {
    pub const ALL: [Param; 10] = [
        Param::Page,
        Param::PerPage,
        Param::Department,
        Param::Year,
        Param::Interpretation,
        Param::Kind,
        Param::Policy,
        Param::Consultation,
        Param::State,
        Param::Outcome,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Param::Page => "page",
            Param::PerPage => "per_page",
            Param::Department => "department",
            Param::Year => "year",
            Param::Interpretation => "interpretation",
            Param::Kind => "kind",
            Param::Policy => "policy",
            Param::Consultation => "consultation",
            Param::State => "state",
            Param::Outcome => "outcome",
        }
    }
}

/// Consultation states the public can see (drafts are never listed).
pub const PUBLIC_STATES: [ConsultationState; 4] = [
    ConsultationState::Scheduled,
    ConsultationState::Open,
    ConsultationState::Closed,
    ConsultationState::ReportPublished,
];

/// An API list's query, typed. `page` and `per_page` always hold a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub page: u32,
    pub per_page: u32,
    /// A department's code; whether it exists is the service's question.
    pub department: Option<String>,
    pub year: Option<i32>,
    /// An `InterpretationStatus` key (`on_time`, `late`, `overdue`…).
    pub interpretation: Option<&'static str>,
    pub kind: Option<InterpretationKind>,
    pub policy: Option<i32>,
    pub consultation: Option<i32>,
    pub state: Option<ConsultationState>,
    pub outcome: Option<Outcome>,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            page: 1,
            per_page: API_PER_PAGE,
            department: None,
            year: None,
            interpretation: None,
            kind: None,
            policy: None,
            consultation: None,
            state: None,
            outcome: None,
        }
    }
}

impl ListQuery {
    /// Parse a raw query string (`None`: no query) for a route that takes `allowed`.
    /// Every problem is reported at once, each under its parameter's name.
    pub fn parse(query: Option<&str>, allowed: &[Param]) -> Result<ListQuery, Invalid> {
        let mut check = Check::default();
        let mut q = ListQuery::default();
        let pairs: Vec<(String, String)> = match query {
            None | Some("") => Vec::new(),
            Some(raw) => match serde_urlencoded::from_str(raw) {
                Ok(p) => p,
                Err(_) => return Err(Invalid::one("query", Msg::ErrApiQuery, None)),
            },
        };
        let mut seen: Vec<Param> = Vec::new();
        for (name, value) in &pairs {
            let Some(param) = Param::ALL
                .into_iter()
                .find(|p| p.name() == name && allowed.contains(p))
            else {
                let names: Vec<&str> = allowed.iter().map(|p| p.name()).collect();
                check.fail(name, Msg::ErrApiUnknownParam, Some(names.join(", ")));
                continue;
            };
            if seen.contains(&param) {
                check.fail(name, Msg::ErrApiRepeatedParam, None);
                continue;
            }
            seen.push(param);
            let value = value.trim();
            match param {
                Param::Page => q.page = positive(&mut check, name, value, u32::MAX).unwrap_or(1),
                Param::PerPage => {
                    q.per_page =
                        positive(&mut check, name, value, API_PER_PAGE_MAX).unwrap_or(API_PER_PAGE)
                }
                Param::Department => {
                    if value.is_empty() || value.len() > 64 {
                        check.fail(name, Msg::ErrApiValue, None);
                    } else {
                        q.department = Some(value.to_string());
                    }
                }
                Param::Year => match value.parse::<i32>() {
                    Ok(y) if (1949..=2100).contains(&y) => q.year = Some(y),
                    _ => check.fail(name, Msg::ErrApiYear, None),
                },
                Param::Interpretation => {
                    q.interpretation =
                        one_of(&mut check, name, value, &InterpretationStatus::KEYS, |k| k)
                }
                Param::Kind => {
                    q.kind = one_of(
                        &mut check,
                        name,
                        value,
                        &InterpretationKind::ALL,
                        InterpretationKind::as_str,
                    )
                }
                Param::Policy => q.policy = id(&mut check, name, value),
                Param::Consultation => q.consultation = id(&mut check, name, value),
                Param::State => {
                    q.state = one_of(
                        &mut check,
                        name,
                        value,
                        &PUBLIC_STATES,
                        ConsultationState::key,
                    )
                }
                Param::Outcome => {
                    q.outcome = one_of(&mut check, name, value, &Outcome::ALL, Outcome::as_str)
                }
            }
        }
        check.finish(Some(q))
    }

    /// Rows to skip for this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.per_page)
    }
}

/// A whole number from 1 to `max`.
fn positive(check: &mut Check, name: &str, value: &str, max: u32) -> Option<u32> {
    match value.parse::<u32>() {
        Ok(n) if (1..=max).contains(&n) => Some(n),
        _ => {
            check.fail(name, Msg::ErrApiNumber, Some(max.to_string()));
            None
        }
    }
}

fn id(check: &mut Check, name: &str, value: &str) -> Option<i32> {
    let max = i32::MAX as u32;
    positive(check, name, value, max).and_then(|n| i32::try_from(n).ok())
}

/// One of `options`, by its key; the error lists the keys.
fn one_of<T: Copy>(
    check: &mut Check,
    name: &str,
    value: &str,
    options: &[T],
    key: fn(T) -> &'static str,
) -> Option<T> {
    let found = options.iter().copied().find(|o| key(*o) == value);
    if found.is_none() {
        let keys: Vec<&str> = options.iter().map(|o| key(*o)).collect();
        check.fail(name, Msg::ErrApiValue, Some(keys.join(", ")));
    }
    found
}

/// The last page of `total` items, `per_page` each (1 when there are none).
pub fn last_page(total: u64, per_page: u32) -> u32 {
    u32::try_from(total.div_ceil(u64::from(per_page.max(1))))
        .unwrap_or(u32::MAX)
        .max(1)
}

/// A page past the last one is an error that names the last page, not an empty answer.
pub fn check_page(q: &ListQuery, total: u64) -> Result<u32, Invalid> {
    let pages = last_page(total, q.per_page);
    if q.page > pages {
        return Err(Invalid::one(
            "page",
            Msg::ErrApiPagePastEnd,
            Some(pages.to_string()),
        ));
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &[Param] = &[
        Param::Page,
        Param::PerPage,
        Param::Department,
        Param::Outcome,
    ];

    #[test]
    fn defaults_without_a_query() {
        assert_eq!(ListQuery::parse(None, LIST), Ok(ListQuery::default()));
        assert_eq!(ListQuery::parse(Some(""), LIST), Ok(ListQuery::default()));
    }

    #[test]
    fn values_are_typed() {
        let q = ListQuery::parse(
            Some("page=3&per_page=50&department=fgw&outcome=partly_adopted"),
            LIST,
        )
        .unwrap();
        assert_eq!((q.page, q.per_page, q.offset()), (3, 50, 100));
        assert_eq!(q.department.as_deref(), Some("fgw"));
        assert_eq!(q.outcome, Some(Outcome::PartlyAdopted));
    }

    #[test]
    fn every_problem_is_named() {
        let e = ListQuery::parse(
            Some("page=0&per_page=101&outcome=maybe&pgae=2&year=2026"),
            LIST,
        )
        .unwrap_err();
        assert_eq!(e.message("page"), Some(Msg::ErrApiNumber));
        assert_eq!(e.message("per_page"), Some(Msg::ErrApiNumber));
        assert_eq!(e.message("outcome"), Some(Msg::ErrApiValue));
        assert_eq!(e.message("pgae"), Some(Msg::ErrApiUnknownParam));
        // Known elsewhere, but not taken by this list.
        assert_eq!(e.message("year"), Some(Msg::ErrApiUnknownParam));
        let listed = e.errors().iter().find(|x| x.field == "outcome").unwrap();
        assert!(listed.arg.as_deref().unwrap().contains("already_reflected"));
    }

    #[test]
    fn repeated_and_malformed() {
        let e = ListQuery::parse(Some("page=1&page=2"), LIST).unwrap_err();
        assert_eq!(e.message("page"), Some(Msg::ErrApiRepeatedParam));
        let e = ListQuery::parse(Some("page=-1"), LIST).unwrap_err();
        assert_eq!(e.message("page"), Some(Msg::ErrApiNumber));
        let all: Vec<Param> = Param::ALL.to_vec();
        let e = ListQuery::parse(Some("year=99999&state=draft&kind=x"), &all).unwrap_err();
        assert_eq!(e.message("year"), Some(Msg::ErrApiYear));
        // Drafts are not public: not a state one may ask for.
        assert_eq!(e.message("state"), Some(Msg::ErrApiValue));
        assert_eq!(e.message("kind"), Some(Msg::ErrApiValue));
    }

    #[test]
    fn pages_past_the_end_name_the_last() {
        let q = ListQuery {
            page: 4,
            per_page: 20,
            ..ListQuery::default()
        };
        let e = check_page(&q, 60).unwrap_err();
        assert_eq!(e.errors()[0].arg.as_deref(), Some("3"));
        assert_eq!(check_page(&ListQuery::default(), 0), Ok(1));
        assert_eq!(check_page(&ListQuery { page: 3, ..q }, 41), Ok(3));
        assert_eq!(last_page(0, 20), 1);
        assert_eq!(last_page(20, 20), 1);
        assert_eq!(last_page(21, 20), 2);
    }
}
