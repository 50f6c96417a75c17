//! 全文检索: the public search index (tantivy) over what the public can read — published
//! policies and interpretations (Q&A included), released consultations, published comments
//! (their redacted text only) with their decisions once the report is out. The index is
//! derived data under `<data dir>/search/`: built from the database when missing, stale or
//! unreadable, aside and then swapped in, so search never goes down for a rebuild.
//!
//! Nothing that is not public is ever written to it: every document is built by
//! `documents::public_*`, which read the published state only.

pub mod analysis;
mod documents;
mod query;
pub mod sync;
mod tally;

pub use documents::DocKind;
pub use query::*;

use crate::error::ServiceError;
use crate::state::AppState;
use analysis::{BigramTokenizer, ChineseTokenizer};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};
use tantivy::{Index, IndexReader, ReloadPolicy};

/// Bumped whenever the schema or the analysis changes: an index of another version is
/// rebuilt at start.
pub const INDEX_VERSION: u32 = 4;

/// The tokenizers' names in the index: jieba words, and CJK bigrams for recall.
const ZH: &str = "zh";
const GRAMS: &str = "zh_grams";

/// The fields of a search document.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// `policy:12`, `interpretation:5`, `consultation:3`, `comment:481`: unique.
    pub key: Field,
    pub kind: Field,
    /// The title shown (stored only).
    pub heading: Field,
    /// The title searched (not a comment's: see `documents`).
    pub title: Field,
    pub body: Field,
    /// A decision's response, once published.
    pub response: Field,
    /// The same three texts as CJK bigrams (not stored): substring matches.
    pub title_grams: Field,
    pub body_grams: Field,
    pub response_grams: Field,
    pub doc_number: Field,
    /// `analysis::doc_number_key` of the document number: exact match.
    pub doc_key: Field,
    /// The keys of the document numbers the body cites.
    pub cited_key: Field,
    pub department: Field,
    /// Days since 1970-01-01 of the date shown (publication, opening, submission): sorting.
    pub day: Field,
    pub consultation: Field,
    /// Where the result links to (a site path).
    pub path: Field,
    /// The year of `day` (the year filter).
    pub year: Field,
    /// Policies only: 1 when it has a published interpretation, and also 2 when some of it
    /// is tied to articles (逐条解读). The "has interpretation" facet and filter.
    pub interpreted: Field,
}

fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ZH)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let searched = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(ZH)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let grams = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(GRAMS)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        // Fast (columns): the counts beside the results read them (`tally`).
        kind: b.add_text_field("kind", STRING | STORED | FAST),
        heading: b.add_text_field("heading", STORED),
        title: b.add_text_field("title", searched.clone()),
        body: b.add_text_field("body", text.clone()),
        response: b.add_text_field("response", text.clone()),
        title_grams: b.add_text_field("title_grams", grams.clone()),
        body_grams: b.add_text_field("body_grams", grams.clone()),
        response_grams: b.add_text_field("response_grams", grams),
        doc_number: b.add_text_field("doc_number", text),
        doc_key: b.add_text_field("doc_key", STRING),
        cited_key: b.add_text_field("cited_key", STRING),
        department: b.add_text_field("department", STRING | STORED | FAST),
        day: b.add_i64_field("day", INDEXED | STORED | FAST),
        consultation: b.add_i64_field("consultation", INDEXED | STORED | FAST),
        path: b.add_text_field("path", STORED),
        year: b.add_i64_field("year", INDEXED),
        interpreted: b.add_i64_field("interpreted", INDEXED | FAST),
    };
    (b.build(), fields)
}

/// An open index and its reader.
pub struct Opened {
    pub index: Index,
    pub reader: IndexReader,
    pub fields: Fields,
    pub dir: PathBuf,
}

fn open_dir(dir: &Path) -> tantivy::Result<Opened> {
    let (schema, fields) = schema();
    let index = Index::open_in_dir(dir)?;
    if index.schema() != schema {
        return Err(tantivy::TantivyError::SchemaError("another schema".into()));
    }
    Ok(ready(index, fields, dir))
}

fn create_dir(dir: &Path) -> tantivy::Result<Opened> {
    let (schema, fields) = schema();
    std::fs::create_dir_all(dir)?;
    let index = Index::create_in_dir(dir, schema)?;
    Ok(ready(index, fields, dir))
}

/// Threads a search runs on: one per core, at most 4. A rebuilt index has as many segments of
/// equal size, so each thread gets the same share of a broad query.
pub(crate) fn search_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
}

fn ready(mut index: Index, fields: Fields, dir: &Path) -> Opened {
    // A search runs over the segments on every core: a broad query (100,000 matches) is
    // answered in a fraction of the time one thread takes.
    let threads = search_threads();
    if threads > 1
        && let Err(e) = index.set_multithread_executor(threads)
    {
        tracing::warn!(error = %e, "search runs on one thread");
    }
    index.tokenizers().register(ZH, ChineseTokenizer);
    index
        .tokenizers()
        .register(GRAMS, BigramTokenizer::folded());
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .expect("a reader on a freshly opened index");
    Opened {
        index,
        reader,
        fields,
        dir: dir.to_path_buf(),
    }
}

/// Change ids passed over (not committed yet when a later one was applied), with when they
/// were first missed.
pub(crate) type Applied = Vec<(i32, chrono::DateTime<chrono::Utc>)>;

/// The public search index of this process. Swapped whole when rebuilt.
#[derive(Clone)]
pub struct SearchIndex {
    root: PathBuf,
    current: Arc<RwLock<Option<Arc<Opened>>>>,
    /// Held while changes are applied; remembers the ids passed over.
    applied: Arc<tokio::sync::Mutex<Applied>>,
}

impl SearchIndex {
    /// The index under `root` (`HUIYIN_SEARCH_DIR`), not opened yet.
    pub fn new(root: &Path) -> SearchIndex {
        SearchIndex {
            root: root.to_path_buf(),
            current: Arc::new(RwLock::new(None)),
            applied: Arc::new(tokio::sync::Mutex::new(Vec::new())),
        }
    }

    /// One catch-up at a time.
    pub(crate) async fn sync_lock(&self) -> tokio::sync::MutexGuard<'_, Applied> {
        self.applied.lock().await
    }

    /// The open index, if there is one.
    pub fn opened(&self) -> Option<Arc<Opened>> {
        self.current.read().ok().and_then(|c| c.clone())
    }

    /// The directory the live index is in (`public-v<version>`).
    fn live_dir(&self) -> PathBuf {
        self.root.join(format!("public-v{INDEX_VERSION}"))
    }

    /// Opens the live index; `false` when it is missing, of another version or unreadable
    /// (then it must be rebuilt).
    pub fn open_existing(&self) -> bool {
        match open_dir(&self.live_dir()) {
            Ok(o) => {
                if let Ok(mut c) = self.current.write() {
                    *c = Some(Arc::new(o));
                }
                true
            }
            Err(e) => {
                if self.live_dir().exists() {
                    tracing::warn!(error = %e, "search index unreadable: it will be rebuilt");
                }
                false
            }
        }
    }

    /// Builds a new index from the database beside the live one, then swaps it in. Search
    /// keeps answering from the old index meanwhile. `progress` hears of every document.
    pub async fn rebuild(
        &self,
        state: &AppState,
        progress: &(dyn Fn(u64) + Send + Sync),
    ) -> Result<u64, ServiceError> {
        let aside = self.root.join(format!(
            "building-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        let opened = create_dir(&aside).map_err(err)?;
        // Changes from here on are applied after the swap.
        let from = sync::last_change(state).await?;
        let count = documents::write_all(state, &opened, from, progress).await?;
        drop(opened);
        let live = self.live_dir();
        let old = self.root.join(format!("old-{}", rand::random::<u32>()));
        if live.exists() {
            std::fs::rename(&live, &old).map_err(|e| err(e.into()))?;
        }
        std::fs::rename(&aside, &live).map_err(|e| err(e.into()))?;
        let fresh = open_dir(&live).map_err(err)?;
        if let Ok(mut c) = self.current.write() {
            *c = Some(Arc::new(fresh));
        }
        // Readers of the old index hold its files open (or mapped); removing the directory
        // is safe on Unix.
        let _ = std::fs::remove_dir_all(&old);
        self.remove_leftovers();
        Ok(count)
    }

    /// Directories of builds that never finished (a crash mid-rebuild).
    fn remove_leftovers(&self) {
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return;
        };
        let mine = format!("building-{}-", std::process::id());
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().to_string();
            if (name.starts_with("building-") && !name.starts_with(&mine))
                || name.starts_with("old-")
            {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}

fn err(e: tantivy::TantivyError) -> ServiceError {
    ServiceError::Internal(format!("search index: {e}"))
}
