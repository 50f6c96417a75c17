//! Keeping this process's index current. Every change to public content adds a row to the
//! `search_changes` queue in its own transaction ([`enqueue`]); each process applies the rows
//! to its index ([`catch_up`], every quarter second) and stores how far it got in the index's
//! commit, so a crash or a restart resumes where it stopped. Applying a row re-reads the
//! record: public now → (re)indexed, otherwise → removed. Rows are applied again while they
//! are recent, so a transaction that committed late with a smaller id is not skipped.

use super::documents::{self, DocKind};
use super::{Opened, err};
use crate::entities::search_change;
use crate::error::ServiceError;
use crate::state::AppState;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
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

    fn parse(kind: &str, id: i32) -> Option<Change> {
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

/// How long a change is applied again, for transactions that commit late.
const RECENT: chrono::Duration = chrono::Duration::seconds(10);
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
    let mut applied_recent = state.search.sync_lock().await;
    let cursor = cursor(&opened);
    let since = state.now() - RECENT;
    let rows = search_change::Entity::find()
        .filter(
            Condition::any()
                .add(search_change::Column::Id.gt(cursor))
                .add(search_change::Column::CreatedAt.gt(since)),
        )
        .order_by_asc(search_change::Column::Id)
        .limit(BATCH)
        .all(&state.db)
        .await?;
    applied_recent.retain(|(_, at)| *at > since);
    let todo: Vec<search_change::Model> = rows
        .into_iter()
        .filter(|r| r.id > cursor || !applied_recent.iter().any(|(id, _)| *id == r.id))
        .collect();
    if todo.is_empty() {
        return Ok(0);
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
    let newest = todo
        .iter()
        .map(|r| r.id)
        .max()
        .unwrap_or(cursor)
        .max(cursor);
    commit(&mut writer, newest)?;
    drop(writer);
    opened.reader.reload().map_err(err)?;
    for r in &todo {
        if r.created_at > since {
            applied_recent.push((r.id, r.created_at));
        }
    }
    Ok(todo.len())
}

/// What a rebuild or a change removes first: every key it may hold.
pub(super) type Keys = Vec<(DocKind, i32)>;
