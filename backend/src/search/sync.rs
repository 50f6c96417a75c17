//! Keeping this process's index current. Every change to public content adds a row to the
//! `search_changes` queue in its own transaction ([`enqueue`]); each process applies the rows
//! to its index ([`catch_up`], every quarter second) and stores how far it got in the index's
//! commit, so a crash or a restart resumes where it stopped. Applying a row re-reads the
//! record: public now → (re)indexed, otherwise → removed. An id skipped over (a transaction
//! that took its id earlier but committed later, as PostgreSQL allows) is looked for again
//! for ten seconds, so it is not lost either.

use super::documents::{self, DocKind};
use super::{Opened, err};
use crate::entities::search_change;
use crate::error::ServiceError;
use crate::state::AppState;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use std::collections::HashSet;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// What may have changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Change {
    /// A policy, and with it its interpretations (withdrawing hides them too).
    Policy(i32),
    Interpretation(i32),
    Consultation(i32),
    Comment(i32),
    /// A consultation's report: every one of its comments now shows its decision.
    Report(i32),
}

impl Change {
    fn stored(self) -> (&'static str, i32) {
        match self {
            Change::Policy(id) => ("policy", id),
            Change::Interpretation(id) => ("interpretation", id),
            Change::Consultation(id) => ("consultation", id),
            Change::Comment(id) => ("comment", id),
            Change::Report(id) => ("report", id),
        }
    }

    pub fn parse(kind: &str, id: i32) -> Option<Change> {
        Some(match kind {
            "policy" => Change::Policy(id),
            "interpretation" => Change::Interpretation(id),
            "consultation" => Change::Consultation(id),
            "comment" => Change::Comment(id),
            "report" => Change::Report(id),
            _ => return None,
        })
    }
}

/// Records changes, in the caller's transaction.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    changes: impl IntoIterator<Item = Change>,
) -> Result<(), sea_orm::DbErr> {
    let now = chrono::Utc::now();
    let rows: Vec<search_change::ActiveModel> = changes
        .into_iter()
        .map(|c| {
            let (kind, id) = c.stored();
            search_change::ActiveModel {
                kind: Set(kind.to_string()),
                entity_id: Set(id),
                created_at: Set(now),
                ..Default::default()
            }
        })
        .collect();
    for chunk in rows.chunks(500) {
        search_change::Entity::insert_many(chunk.to_vec())
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// How long a skipped id is looked for (a transaction that commits late; after that it was
/// rolled back).
const RECENT: chrono::Duration = chrono::Duration::seconds(10);
/// Skipped ids remembered at most (a sequence that jumps far is not a thousand late commits).
const MAX_GAPS: usize = 10_000;
/// Rows applied per commit.
const BATCH: u64 = 1_000;

/// The newest change id, where a rebuild starts from.
pub(super) async fn last_change(state: &AppState) -> Result<i32, ServiceError> {
    Ok(search_change::Entity::find()
        .order_by_desc(search_change::Column::Id)
        .one(&state.db)
        .await?
        .map_or(0, |c| c.id))
}

/// The change id an index has applied up to (its last commit's payload).
pub(super) fn cursor(opened: &Opened) -> i32 {
    opened
        .index
        .load_metas()
        .ok()
        .and_then(|m| m.payload)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

/// Commits with the cursor as payload.
pub(super) fn commit(writer: &mut IndexWriter, cursor: i32) -> Result<(), ServiceError> {
    let mut prepared = writer.prepare_commit().map_err(err)?;
    prepared.set_payload(&cursor.to_string());
    prepared.commit().map_err(err)?;
    Ok(())
}

/// Applies the changes this index has not seen; returns how many rows were applied.
pub async fn catch_up(state: &AppState) -> Result<usize, ServiceError> {
    let Some(opened) = state.search.opened() else {
        return Ok(0);
    };
    let mut gaps = state.search.sync_lock().await;
    let cursor = cursor(&opened);
    let now = state.now();
    gaps.retain(|(id, seen)| *id <= cursor && *seen > now - RECENT);
    let mut todo = search_change::Entity::find()
        .filter(search_change::Column::Id.gt(cursor))
        .order_by_asc(search_change::Column::Id)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    if !gaps.is_empty() {
        let late = search_change::Entity::find()
            .filter(search_change::Column::Id.is_in(gaps.iter().map(|(id, _)| *id)))
            .all(&state.db)
            .await?;
        gaps.retain(|(id, _)| !late.iter().any(|r| r.id == *id));
        todo.extend(late);
    }
    if todo.is_empty() {
        return Ok(0);
    }
    // Ids passed over in this batch: remembered, in case they commit later.
    let newest = todo
        .iter()
        .map(|r| r.id)
        .max()
        .unwrap_or(cursor)
        .max(cursor);
    let seen: HashSet<i32> = todo.iter().map(|r| r.id).collect();
    for id in (cursor + 1)..newest {
        if gaps.len() >= MAX_GAPS {
            break;
        }
        if !seen.contains(&id) {
            gaps.push((id, now));
        }
    }
    let changes: HashSet<Change> = todo
        .iter()
        .filter_map(|r| Change::parse(&r.kind, r.entity_id))
        .collect();
    let mut writer: IndexWriter<TantivyDocument> = opened
        .index
        .writer_with_num_threads(1, 20_000_000)
        .map_err(err)?;
    let f = opened.fields;
    for change in changes {
        let (keys, docs) = documents::current(state, change).await?;
        for (kind, id) in keys {
            writer.delete_term(Term::from_field_text(f.key, &documents::key(kind, id)));
        }
        for doc in docs {
            writer.add_document(doc.into_tantivy(&f)).map_err(err)?;
        }
    }
    commit(&mut writer, newest)?;
    drop(writer);
    opened.reader.reload().map_err(err)?;
    // Search pages rendered before the index had these are out of date now.
    state
        .page_cache
        .invalidate(&HashSet::from([crate::page_cache::Scope::Search]));
    Ok(todo.len())
}

/// What a rebuild or a change removes first: every key it may hold.
pub(super) type Keys = Vec<(DocKind, i32)>;
