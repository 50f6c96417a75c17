//! Rendered public pages kept for anonymous visitors (most visitors), so a page is rendered
//! once per change rather than once per visit.
//!
//! What may be kept is decided by the web layer (anonymous GETs of public pages, answered
//! 200); this module keeps them, bounded, and forgets them when what they show changes:
//! - by the change events the search index consumes (`search_changes`), read by every
//!   instance ([`PageCache::poll`], every quarter second, and right after a signed-in
//!   user's form post on this instance), each mapped to the pages it can change ([`Scope`]);
//! - everything at once when the calendar changes ([`PageCache::clear`]);
//! - after a time to live in any case (`HUIYIN_PAGE_CACHE_SECS`, default 30 s): what
//!   changes with the clock (a deadline passing at midnight), counts no event announces,
//!   and an event committed out of order on PostgreSQL are at most that old.
//!
//! A page rendered while an invalidation happened is not kept (it may predate the change):
//! [`PageCache::generation`] is read before rendering and checked when storing.

use crate::domain::i18n::Locale;
use crate::entities::search_change;
use crate::search::sync::Change;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet, VecDeque};

mod scopes;
pub use scopes::{Owners, Scope, scopes};
use scopes::{owners, page_scope, touches};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Which page, as a visitor sees it: its address (path and query) in a language and a
/// reading mode.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub path_and_query: String,
    pub locale: Locale,
    pub elder: bool,
}

/// A page as it was rendered, ready to send. `parts` is the HTML cut where the visitor's
/// CSRF token goes (one part: the page has no form with a token); `br` and `gzip` are the
/// compressed page, kept only when it has no token (a token differs for every visitor).
#[derive(Debug)]
pub struct CachedPage {
    pub parts: Vec<bytes::Bytes>,
    pub br: Option<bytes::Bytes>,
    pub gzip: Option<bytes::Bytes>,
    /// A digest of the page (without the token).
    pub digest: String,
    pub content_type: String,
}

impl CachedPage {
    fn bytes(&self) -> usize {
        self.parts.iter().map(bytes::Bytes::len).sum::<usize>()
            + self.br.as_ref().map_or(0, bytes::Bytes::len)
            + self.gzip.as_ref().map_or(0, bytes::Bytes::len)
            + 256
    }

    /// The page with `token` where the visitor's CSRF token goes (the kept bytes themselves
    /// when it has no token).
    pub fn with_token(&self, token: &str) -> bytes::Bytes {
        match self.parts.as_slice() {
            [whole] => whole.clone(),
            parts => bytes::Bytes::from(parts.join(token.as_bytes())),
        }
    }
}

struct Entry {
    page: std::sync::Arc<CachedPage>,
    scope: Scope,
    stored: Instant,
    serial: u64,
}

struct Inner {
    pages: HashMap<PageKey, Entry>,
    /// Keys in the order they were stored, for eviction (stale serials are skipped).
    order: VecDeque<(PageKey, u64)>,
    bytes: usize,
    serial: u64,
    /// The last `search_changes` row seen (`None` until the first poll).
    cursor: Option<i32>,
}

pub struct PageCache {
    inner: Mutex<Inner>,
    /// One render at a time per page (striped by key): when a kept page expires under load,
    /// one request renders it while the others wait for it, instead of all rendering it.
    rendering: Vec<tokio::sync::Mutex<()>>,
    generation: AtomicU64,
    ttl: Duration,
    max_bytes: usize,
}

/// At most this many pages, whatever their size.
const MAX_PAGES: usize = 10_000;

impl PageCache {
    /// A cache keeping pages `ttl` at most, up to `max_bytes` in all (`ttl` zero: keeps none).
    pub fn new(ttl: Duration, max_bytes: usize) -> PageCache {
        PageCache {
            inner: Mutex::new(Inner {
                pages: HashMap::new(),
                order: VecDeque::new(),
                bytes: 0,
                serial: 0,
                cursor: None,
            }),
            generation: AtomicU64::new(0),
            rendering: (0..64).map(|_| tokio::sync::Mutex::new(())).collect(),
            ttl,
            max_bytes,
        }
    }

    /// Held while this page is rendered for keeping (see `rendering`).
    pub async fn render_turn(&self, key: &PageKey) -> tokio::sync::MutexGuard<'_, ()> {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        key.hash(&mut h);
        self.rendering[(h.finish() % self.rendering.len() as u64) as usize]
            .lock()
            .await
    }

    pub fn enabled(&self) -> bool {
        !self.ttl.is_zero()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Read before rendering a page that may be stored.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    pub fn get(&self, key: &PageKey) -> Option<std::sync::Arc<CachedPage>> {
        let inner = self.lock();
        let entry = inner.pages.get(key)?;
        (entry.stored.elapsed() < self.ttl).then(|| entry.page.clone())
    }

    /// Keeps a page rendered from `generation` on, unless something was invalidated since.
    pub fn insert(&self, key: PageKey, page: CachedPage, generation: u64) {
        let size = page.bytes();
        if !self.enabled() || size > self.max_bytes / 8 {
            return;
        }
        let mut inner = self.lock();
        // Checked under the lock: an invalidation takes the lock before it counts.
        if self.generation() != generation {
            return;
        }
        if let Some(old) = inner.pages.remove(&key) {
            inner.bytes -= old.page.bytes();
        }
        while inner.bytes + size > self.max_bytes || inner.pages.len() >= MAX_PAGES {
            let Some((oldest, serial)) = inner.order.pop_front() else {
                break;
            };
            if inner.pages.get(&oldest).is_some_and(|e| e.serial == serial)
                && let Some(e) = inner.pages.remove(&oldest)
            {
                inner.bytes -= e.page.bytes();
            }
        }
        inner.serial += 1;
        let serial = inner.serial;
        inner.order.push_back((key.clone(), serial));
        inner.bytes += size;
        let scope = page_scope(&key.path_and_query);
        inner.pages.insert(
            key,
            Entry {
                page: std::sync::Arc::new(page),
                scope,
                stored: Instant::now(),
                serial,
            },
        );
        // The order queue holds stale serials too; it is compacted when it grows.
        if inner.order.len() > 2 * MAX_PAGES {
            let Inner { pages, order, .. } = &mut *inner;
            order.retain(|(k, s)| pages.get(k).is_some_and(|e| e.serial == *s));
        }
    }

    /// Forgets the pages in `changed`; returns how many.
    pub fn invalidate(&self, changed: &HashSet<Scope>) -> usize {
        if changed.is_empty() {
            return 0;
        }
        let mut inner = self.lock();
        self.generation.fetch_add(1, Ordering::SeqCst);
        let before = inner.pages.len();
        let mut freed = 0;
        inner.pages.retain(|_, e| {
            let keep = !touches(e.scope, changed);
            if !keep {
                freed += e.page.bytes();
            }
            keep
        });
        inner.bytes -= freed;
        before - inner.pages.len()
    }

    /// Forgets every page (the calendar changed: every deadline may have moved).
    pub fn clear(&self) {
        let mut inner = self.lock();
        self.generation.fetch_add(1, Ordering::SeqCst);
        inner.pages.clear();
        inner.order.clear();
        inner.bytes = 0;
    }

    /// How many pages and bytes are kept.
    pub fn size(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.pages.len(), inner.bytes)
    }

    /// Reads the change events since the last poll and forgets the pages they alter.
    pub async fn poll(&self, db: &DatabaseConnection) -> Result<usize, sea_orm::DbErr> {
        if !self.enabled() {
            return Ok(0);
        }
        let cursor = self.lock().cursor;
        let Some(cursor) = cursor else {
            // First poll: start from now (nothing is kept yet that could predate it).
            let newest = search_change::Entity::find()
                .order_by_desc(search_change::Column::Id)
                .one(db)
                .await?
                .map_or(0, |r| r.id);
            self.lock().cursor.get_or_insert(newest);
            self.clear();
            return Ok(0);
        };
        let rows = search_change::Entity::find()
            .filter(search_change::Column::Id.gt(cursor))
            .order_by_asc(search_change::Column::Id)
            .limit(5_000)
            .all(db)
            .await?;
        let Some(newest) = rows.iter().map(|r| r.id).max() else {
            return Ok(0);
        };
        let changes: HashSet<Change> = rows
            .iter()
            .filter_map(|r| Change::parse(&r.kind, r.entity_id))
            .collect();
        let owners = owners(db, &changes).await?;
        let changed: HashSet<Scope> = changes.iter().flat_map(|&c| scopes(c, &owners)).collect();
        let n = self.invalidate(&changed);
        let mut inner = self.lock();
        inner.cursor = Some(inner.cursor.map_or(newest, |c| c.max(newest)));
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str) -> PageKey {
        PageKey {
            path_and_query: path.to_string(),
            locale: Locale::default(),
            elder: false,
        }
    }

    fn page(text: &str) -> CachedPage {
        CachedPage {
            parts: vec![bytes::Bytes::copy_from_slice(text.as_bytes())],
            br: None,
            gzip: None,
            digest: text.to_string(),
            content_type: "text/html".into(),
        }
    }

    #[test]
    fn a_change_forgets_the_pages_that_show_it_and_no_others() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        for p in [
            "/",
            "/policies/1",
            "/policies/1/changes",
            "/policies/2",
            "/consultations/3",
            "/consultations/4?article=general",
        ] {
            cache.insert(key(p), page(p), cache.generation());
        }
        assert_eq!(cache.size().0, 6);
        // A comment on consultation 3 was approved.
        let owners = Owners {
            consultation_of_comment: HashMap::from([(9, 3)]),
            ..Default::default()
        };
        let changed: HashSet<Scope> = scopes(Change::Comment(9), &owners).into_iter().collect();
        assert_eq!(
            cache.invalidate(&changed),
            2,
            "consultation 3 and the home page"
        );
        assert!(cache.get(&key("/consultations/3")).is_none());
        assert!(cache.get(&key("/")).is_none());
        assert!(
            cache
                .get(&key("/consultations/4?article=general"))
                .is_some()
        );
        assert!(cache.get(&key("/policies/1")).is_some());
        // Policy 1 was withdrawn: its pages, every consultation page and the lists.
        let changed: HashSet<Scope> = scopes(Change::Policy(1), &Owners::default())
            .into_iter()
            .collect();
        assert_eq!(cache.invalidate(&changed), 3);
        assert!(cache.get(&key("/policies/2")).is_some());
    }

    #[test]
    fn search_pages_follow_the_index_as_well() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        for p in ["/", "/search?q=a", "/search"] {
            cache.insert(key(p), page(p), cache.generation());
        }
        assert_eq!(cache.invalidate(&HashSet::from([Scope::Search])), 2);
        assert!(cache.get(&key("/")).is_some());
        cache.insert(key("/search"), page("s"), cache.generation());
        assert_eq!(cache.invalidate(&HashSet::from([Scope::Lists])), 2);
    }

    #[test]
    fn a_page_rendered_across_an_invalidation_is_not_kept() {
        let cache = PageCache::new(Duration::from_secs(60), 1 << 20);
        let generation = cache.generation();
        cache.invalidate(&HashSet::from([Scope::Lists]));
        cache.insert(key("/"), page("old"), generation);
        assert!(cache.get(&key("/")).is_none());
    }

    #[test]
    fn the_cache_stays_within_its_bytes_and_its_time() {
        let cache = PageCache::new(Duration::from_secs(60), 8 * 1024);
        for i in 0..100 {
            cache.insert(
                key(&format!("/policies/{i}")),
                page(&"x".repeat(700)),
                cache.generation(),
            );
        }
        let (pages, bytes) = cache.size();
        assert!(
            bytes <= 8 * 1024 && pages > 0,
            "{pages} pages, {bytes} bytes"
        );
        // The newest are kept, the oldest went first.
        assert!(cache.get(&key("/policies/99")).is_some());
        assert!(cache.get(&key("/policies/0")).is_none());
        let stale = PageCache::new(Duration::from_nanos(1), 1 << 20);
        stale.insert(key("/"), page("a"), stale.generation());
        std::thread::sleep(Duration::from_millis(2));
        assert!(stale.get(&key("/")).is_none());
        // Zero: nothing is kept.
        let off = PageCache::new(Duration::ZERO, 1 << 20);
        off.insert(key("/"), page("a"), off.generation());
        assert_eq!(off.size().0, 0);
    }

    #[test]
    fn the_token_goes_where_it_was() {
        let p = CachedPage {
            parts: vec![
                bytes::Bytes::from_static(b"<input value=\""),
                bytes::Bytes::from_static(b"\"><input value=\""),
                bytes::Bytes::from_static(b"\">"),
            ],
            br: None,
            gzip: None,
            digest: String::new(),
            content_type: String::new(),
        };
        assert_eq!(
            &p.with_token("abc")[..],
            b"<input value=\"abc\"><input value=\"abc\">"
        );
    }
}
