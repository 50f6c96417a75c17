//! Which kept pages a change alters: a page's scope is read from its address, a change's
//! from what it is (a comment is shown on its consultation's pages, an interpretation on its
//! policy's, looked up in the database).

use crate::entities::{comment, interpretation};
use crate::search::sync::Change;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

/// The pages a change can alter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scope {
    /// `/policies/{id}` and the pages under it.
    Policy(i32),
    AllPolicies,
    /// `/consultations/{id}` and the pages under it.
    Consultation(i32),
    AllConsultations,
    /// `/search`: its results change when the index takes a change in, which may be a
    /// moment after the change itself (`search::sync::catch_up` forgets these then too).
    Search,
    /// Every other page: home, lists, statistics, departments (and search).
    Lists,
}

/// What a page's address says it shows.
pub(super) fn page_scope(path: &str) -> Scope {
    let id = |rest: &str| {
        rest.split(['/', '?'])
            .next()
            .and_then(|s| s.parse::<i32>().ok())
    };
    if let Some(id) = path.strip_prefix("/policies/").and_then(id) {
        Scope::Policy(id)
    } else if let Some(id) = path.strip_prefix("/consultations/").and_then(id) {
        Scope::Consultation(id)
    } else if path == "/search" || path.starts_with("/search?") {
        Scope::Search
    } else {
        Scope::Lists
    }
}

pub(super) fn touches(page: Scope, changed: &HashSet<Scope>) -> bool {
    changed.contains(&page)
        || match page {
            Scope::Policy(_) => changed.contains(&Scope::AllPolicies),
            Scope::Consultation(_) => changed.contains(&Scope::AllConsultations),
            Scope::Search => changed.contains(&Scope::Lists),
            _ => false,
        }
}

/// The pages a change alters. Comments and interpretations are known by their own id; the
/// consultation or policy that shows them is looked up (`owners`).
pub fn scopes(change: Change, owners: &Owners) -> Vec<Scope> {
    match change {
        // A policy's page, and a consultation's page that shows what its final text changed.
        Change::Policy(id) => vec![Scope::Policy(id), Scope::AllConsultations, Scope::Lists],
        Change::Interpretation(id) => match owners.policy_of_interpretation.get(&id) {
            Some(&p) => vec![Scope::Policy(p), Scope::Lists],
            None => vec![Scope::AllPolicies, Scope::Lists],
        },
        // A policy page names the consultation it came from, and a report what it led to.
        Change::Consultation(id) | Change::Report(id) => {
            vec![Scope::Consultation(id), Scope::AllPolicies, Scope::Lists]
        }
        Change::Comment(id) => match owners.consultation_of_comment.get(&id) {
            Some(&c) => vec![Scope::Consultation(c), Scope::Lists],
            None => vec![Scope::AllConsultations, Scope::Lists],
        },
    }
}

/// Where comments and interpretations are shown.
#[derive(Default)]
pub struct Owners {
    pub consultation_of_comment: HashMap<i32, i32>,
    pub policy_of_interpretation: HashMap<i32, i32>,
}

pub(super) async fn owners(
    db: &DatabaseConnection,
    changes: &HashSet<Change>,
) -> Result<Owners, sea_orm::DbErr> {
    let comments: Vec<i32> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Comment(id) => Some(*id),
            _ => None,
        })
        .collect();
    let interpretations: Vec<i32> = changes
        .iter()
        .filter_map(|c| match c {
            Change::Interpretation(id) => Some(*id),
            _ => None,
        })
        .collect();
    let mut owners = Owners::default();
    if !comments.is_empty() {
        owners.consultation_of_comment = comment::Entity::find()
            .select_only()
            .column(comment::Column::Id)
            .column(comment::Column::ConsultationId)
            .filter(comment::Column::Id.is_in(comments))
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    }
    if !interpretations.is_empty() {
        owners.policy_of_interpretation = interpretation::Entity::find()
            .select_only()
            .column(interpretation::Column::Id)
            .column(interpretation::Column::PolicyId)
            .filter(interpretation::Column::Id.is_in(interpretations))
            .into_tuple::<(i32, i32)>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    }
    Ok(owners)
}
