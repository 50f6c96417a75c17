//! Search documents, built from the published state only: what is not public is never read
//! into the index.

use super::analysis::{cited_doc_number_keys, doc_number_key};
use super::{Fields, Opened, err};
use crate::domain::consultation::{CommentStatus, china_date};
use crate::domain::policy::{InterpretationState, PolicyStatus};
use crate::entities::{comment, consultation, decision, department, interpretation, policy};
use crate::error::ServiceError;
use crate::model::QaPair;
use crate::state::AppState;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;
use tantivy::{IndexWriter, TantivyDocument};

/// What a search document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DocKind {
    Policy,
    Interpretation,
    Consultation,
    Comment,
}

impl DocKind {
    pub const ALL: [DocKind; 4] = [
        DocKind::Policy,
        DocKind::Interpretation,
        DocKind::Consultation,
        DocKind::Comment,
    ];
    pub fn key(self) -> &'static str {
        match self {
            DocKind::Policy => "policy",
            DocKind::Interpretation => "interpretation",
            DocKind::Consultation => "consultation",
            DocKind::Comment => "comment",
        }
    }
    pub fn parse(s: &str) -> Option<DocKind> {
        DocKind::ALL.into_iter().find(|k| k.key() == s)
    }
}

/// Rows read per query while building.
const BATCH: u64 = 1_000;

/// Plain text of a stored body (HTML bodies lose their tags).
fn plain(body: &str) -> String {
    if crate::sanitize::looks_like_html(body) {
        let text = ammonia::Builder::empty().clean(body).to_string();
        html_escape::decode_html_entities(&text).into_owned()
    } else {
        body.to_string()
    }
}

fn days(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 719_163
}

/// The parts of a document; `write` turns them into a tantivy document.
pub(super) struct Doc {
    pub kind: DocKind,
    pub id: i32,
    pub title: String,
    pub body: String,
    pub response: Option<String>,
    pub doc_number: Option<String>,
    pub department: String,
    pub date: Option<NaiveDate>,
    pub consultation: Option<i32>,
    pub path: String,
    /// Policies: 0 not interpreted, 1 interpreted, 2 interpreted beside its articles.
    pub interpreted: u8,
}

pub(super) fn key(kind: DocKind, id: i32) -> String {
    format!("{}:{id}", kind.key())
}

impl Doc {
    pub(super) fn into_tantivy(self, f: &Fields) -> TantivyDocument {
        let mut d = TantivyDocument::default();
        d.add_text(f.key, key(self.kind, self.id));
        d.add_text(f.kind, self.kind.key());
        d.add_text(f.heading, &self.title);
        // A comment's heading is its consultation's title: searchable through the
        // consultation itself, not boosted into every one of its comments (they would
        // outrank the texts that are about the words).
        if self.kind != DocKind::Comment {
            d.add_text(f.title, &self.title);
            d.add_text(f.title_grams, &self.title);
        }
        for cited in cited_doc_number_keys(&self.body) {
            d.add_text(f.cited_key, cited);
        }
        d.add_text(f.body, &self.body);
        d.add_text(f.body_grams, &self.body);
        if let Some(r) = &self.response {
            d.add_text(f.response, r);
            d.add_text(f.response_grams, r);
        }
        if let Some(n) = &self.doc_number {
            d.add_text(f.doc_number, n);
            if let Some(k) = doc_number_key(n) {
                d.add_text(f.doc_key, k);
            }
        }
        d.add_text(f.department, &self.department);
        d.add_i64(f.day, self.date.map(days).unwrap_or(0));
        if let Some(c) = self.consultation {
            d.add_i64(f.consultation, i64::from(c));
        }
        d.add_text(f.path, &self.path);
        if let Some(date) = self.date {
            d.add_i64(f.year, i64::from(date.year()));
        }
        // Both values for 逐条解读: "has interpretation" finds it as well.
        for level in 1..=self.interpreted {
            d.add_i64(f.interpreted, i64::from(level));
        }
        d
    }
}

/// How a policy is interpreted by the interpretations given: 0 not (none published), 1 yes,
/// 2 with passages or questions tied to its articles.
fn interpretation_level<'a>(interps: impl IntoIterator<Item = &'a interpretation::Model>) -> u8 {
    let mut level = 0;
    for i in interps {
        if i.status != InterpretationState::Published {
            continue;
        }
        if crate::policies::article_view::is_tied(&i.body, &i.qa_json) {
            return 2;
        }
        level = 1;
    }
    level
}

/// The levels of a batch of policies, from their published interpretations (one query).
async fn interpretation_levels(
    db: &sea_orm::DatabaseConnection,
    policy_ids: &[i32],
) -> Result<HashMap<i32, u8>, ServiceError> {
    let mut by_policy: HashMap<i32, Vec<interpretation::Model>> = HashMap::new();
    for i in interpretation::Entity::find()
        .filter(interpretation::Column::PolicyId.is_in(policy_ids.iter().copied()))
        .filter(interpretation::Column::Status.eq(InterpretationState::Published))
        .all(db)
        .await?
    {
        by_policy.entry(i.policy_id).or_default().push(i);
    }
    Ok(by_policy
        .into_iter()
        .map(|(id, list)| (id, interpretation_level(&list)))
        .collect())
}

/// Department codes by id.
async fn codes(state: &AppState) -> Result<HashMap<i32, String>, ServiceError> {
    Ok(department::Entity::find()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|d| (d.id, d.code))
        .collect())
}

fn policy_doc(p: policy::Model, codes: &HashMap<i32, String>, interpreted: u8) -> Doc {
    Doc {
        interpreted,
        kind: DocKind::Policy,
        id: p.id,
        title: p.title,
        body: plain(&p.body),
        response: None,
        doc_number: Some(p.doc_number),
        department: codes.get(&p.department_id).cloned().unwrap_or_default(),
        date: p.published_on,
        consultation: None,
        path: format!("/policies/{}", p.id),
    }
}

fn interpretation_doc(i: interpretation::Model, codes: &HashMap<i32, String>) -> Doc {
    let mut body = plain(&i.body);
    for qa in serde_json::from_str::<Vec<QaPair>>(&i.qa_json).unwrap_or_default() {
        body.push('\n');
        body.push_str(&qa.question);
        body.push('\n');
        body.push_str(&qa.answer);
    }
    Doc {
        kind: DocKind::Interpretation,
        id: i.id,
        title: i.title,
        body,
        response: None,
        doc_number: None,
        department: codes.get(&i.department_id).cloned().unwrap_or_default(),
        date: i.published_on,
        consultation: None,
        path: format!("/policies/{}#interp-{}", i.policy_id, i.id),
        interpreted: 0,
    }
}

fn consultation_doc(c: consultation::Model, codes: &HashMap<i32, String>) -> Doc {
    Doc {
        kind: DocKind::Consultation,
        id: c.id,
        body: format!("{}\n{}", c.draft_text, c.explanatory_note),
        title: c.title,
        response: None,
        doc_number: None,
        department: codes.get(&c.department_id).cloned().unwrap_or_default(),
        date: Some(china_date(c.opens_at)),
        consultation: Some(c.id),
        path: format!("/consultations/{}", c.id),
        interpreted: 0,
    }
}

/// A published comment: its redacted text only, and its decision once the report is out.
fn comment_doc(
    c: comment::Model,
    d: Option<decision::Model>,
    of: &consultation::Model,
    codes: &HashMap<i32, String>,
) -> Doc {
    let decided = d.filter(|_| of.report_published);
    Doc {
        kind: DocKind::Comment,
        id: c.id,
        title: of.title.clone(),
        body: c.redacted_body.unwrap_or(c.body),
        response: decided.and_then(|d| d.response),
        doc_number: None,
        department: codes.get(&of.department_id).cloned().unwrap_or_default(),
        date: Some(china_date(c.created_at)),
        consultation: Some(of.id),
        path: if of.report_published {
            format!("/consultations/{}/report#c-{}", of.id, c.tracking_number)
        } else {
            format!("/consultations/{}#comment-{}", of.id, c.id)
        },
        interpreted: 0,
    }
}

/// Writes every public document into a new index; returns how many.
pub(super) async fn write_all(
    state: &AppState,
    opened: &Opened,
    cursor: i32,
    progress: &(dyn Fn(u64) + Send + Sync),
) -> Result<u64, ServiceError> {
    let f = opened.fields;
    let mut writer: IndexWriter = opened.index.writer(64 * 1024 * 1024).map_err(err)?;
    // No merging while building: the segments are merged once at the end, into equal parts.
    writer.set_merge_policy(Box::new(tantivy::merge_policy::NoMergePolicy));
    let codes = codes(state).await?;
    let db = &state.db;
    let mut count = 0u64;
    let mut add = |writer: &mut IndexWriter, doc: Doc| -> Result<(), ServiceError> {
        writer.add_document(doc.into_tantivy(&f)).map_err(err)?;
        count += 1;
        progress(count);
        Ok(())
    };

    let mut after = 0;
    loop {
        let rows = crate::public::policies_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|p| p.id) else {
            break;
        };
        let ids: Vec<i32> = rows.iter().map(|p| p.id).collect();
        let levels = interpretation_levels(db, &ids).await?;
        for p in rows {
            let level = levels.get(&p.id).copied().unwrap_or(0);
            add(&mut writer, policy_doc(p, &codes, level))?;
        }
        after = last;
    }

    let mut after = 0;
    loop {
        let rows = crate::public::interpretations_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|i| i.id) else {
            break;
        };
        for i in rows {
            add(&mut writer, interpretation_doc(i, &codes))?;
        }
        after = last;
    }

    // Consultations are few; their comments need them.
    let released: HashMap<i32, consultation::Model> = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c))
        .collect();
    for c in released.values() {
        add(&mut writer, consultation_doc(c.clone(), &codes))?;
    }

    let mut after = 0;
    loop {
        let rows = crate::public::comments_after(db, after, BATCH).await?;
        let Some(last) = rows.last().map(|(c, _)| c.id) else {
            break;
        };
        for (c, d) in rows {
            if let Some(of) = released.get(&c.consultation_id) {
                add(&mut writer, comment_doc(c, d, of, &codes))?;
            }
        }
        after = last;
    }

    super::sync::commit(&mut writer, cursor)?;
    balance(opened, &mut writer)?;
    writer.wait_merging_threads().map_err(err)?;
    Ok(count)
}

/// Merges the built segments into one per search thread, of about equal size (the largest
/// first, each into the lightest part). A broad query then keeps every core busy for the
/// same time: with one large and a few small segments, one core would do most of the work.
fn balance(opened: &Opened, writer: &mut IndexWriter) -> Result<(), ServiceError> {
    let mut metas = opened.index.searchable_segment_metas().map_err(err)?;
    metas.sort_by_key(|m| std::cmp::Reverse(m.num_docs()));
    let parts = super::search_threads().max(1);
    let mut bins: Vec<(u64, Vec<tantivy::index::SegmentId>)> = vec![(0, Vec::new()); parts];
    for m in metas {
        if let Some(bin) = bins.iter_mut().min_by_key(|(docs, _)| *docs) {
            bin.0 += u64::from(m.num_docs());
            bin.1.push(m.id());
        }
    }
    let merges: Vec<_> = bins
        .into_iter()
        .filter(|(_, ids)| ids.len() > 1)
        .map(|(_, ids)| writer.merge(&ids))
        .collect();
    for m in merges {
        m.wait().map_err(err)?;
    }
    Ok(())
}

/// The documents a change concerns, as the database has them now: the keys to remove, and
/// the documents to add back (only what is public).
pub(super) async fn current(
    state: &AppState,
    change: super::sync::Change,
) -> Result<(super::sync::Keys, Vec<Doc>), ServiceError> {
    use super::sync::Change;
    let db = &state.db;
    let codes = codes(state).await?;
    let mut keys = Vec::new();
    let mut docs = Vec::new();
    let released = |id: i32| async move {
        consultation::Entity::find_by_id(id)
            .filter(consultation::Column::Released.eq(true))
            .one(db)
            .await
    };
    // An interpretation changes its policy's "has interpretation": both are written again.
    let change = match change {
        Change::Interpretation(id) => match interpretation::Entity::find_by_id(id).one(db).await? {
            Some(i) => Change::Policy(i.policy_id),
            None => {
                keys.push((DocKind::Interpretation, id));
                return Ok((keys, docs));
            }
        },
        other => other,
    };
    match change {
        Change::Policy(id) => {
            keys.push((DocKind::Policy, id));
            let p = policy::Entity::find_by_id(id).one(db).await?;
            let public = p
                .as_ref()
                .is_some_and(|p| p.status == PolicyStatus::Published);
            let interps = interpretation::Entity::find()
                .filter(interpretation::Column::PolicyId.eq(id))
                .all(db)
                .await?;
            let level = interpretation_level(&interps);
            for i in interps {
                keys.push((DocKind::Interpretation, i.id));
                if public && i.status == InterpretationState::Published {
                    docs.push(interpretation_doc(i, &codes));
                }
            }
            if let Some(p) = p.filter(|_| public) {
                docs.push(policy_doc(p, &codes, level));
            }
        }
        // Read as its policy above.
        Change::Interpretation(_) => {}
        Change::Consultation(id) => {
            keys.push((DocKind::Consultation, id));
            if let Some(c) = released(id).await? {
                docs.push(consultation_doc(c, &codes));
            }
        }
        Change::Comment(id) => {
            keys.push((DocKind::Comment, id));
            if let Some((c, d)) = comment::Entity::find_by_id(id)
                .find_also_related(decision::Entity)
                .one(db)
                .await?
                && c.status == CommentStatus::Published
                && let Some(of) = released(c.consultation_id).await?
            {
                docs.push(comment_doc(c, d, &of, &codes));
            }
        }
        Change::Report(consultation_id) => {
            let Some(of) = released(consultation_id).await? else {
                return Ok((keys, docs));
            };
            let mut after = 0;
            loop {
                let rows = comment::Entity::find()
                    .filter(comment::Column::ConsultationId.eq(consultation_id))
                    .filter(comment::Column::Status.eq(CommentStatus::Published))
                    .filter(comment::Column::Id.gt(after))
                    .find_also_related(decision::Entity)
                    .order_by_asc(comment::Column::Id)
                    .limit(BATCH)
                    .all(db)
                    .await?;
                let Some(last) = rows.last().map(|(c, _)| c.id) else {
                    break;
                };
                for (c, d) in rows {
                    keys.push((DocKind::Comment, c.id));
                    docs.push(comment_doc(c, d, &of, &codes));
                }
                after = last;
            }
        }
    }
    Ok((keys, docs))
}
