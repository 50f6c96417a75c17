//! Application state shared by every request: built once in `main` and in tests.

use super::config::Config;
use crate::domain::calendar::Calendar;
use crate::domain::rate_limit::RateLimiter;
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// What every request shares. Cloning it (every request does, several times) is one
/// reference count, not one per part: under load, a dozen atomic counters bounced between
/// the cores took a fifth of the time of a page served from the cache.
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;
    fn deref(&self) -> &Services {
        &self.0
    }
}

/// The parts of [`AppState`].
#[derive(Clone)]
pub struct Services {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// Built-in calendar merged with admin-entered entries; replaced when an admin saves.
    pub calendar: Arc<RwLock<Arc<Calendar>>>,
    /// Login attempts per account and per client address (15 minutes).
    pub login_throttle: Arc<Mutex<RateLimiter>>,
    /// Recent comment submissions per client address and per email (an hour).
    pub comment_rate: Arc<Mutex<RateLimiter>>,
    /// Comment status lookups per client address and per tracking number (an hour).
    pub lookup_rate: Arc<Mutex<RateLimiter>>,
    pub clock: Clock,
    /// The public search index (derived from the database).
    pub search: crate::search::SearchIndex,
    /// Rendered public pages for anonymous visitors.
    pub page_cache: Arc<crate::page_cache::PageCache>,
    /// Comment submissions handled at once (`HUIYIN_INTAKE_CONCURRENCY`); more are refused
    /// with 503 and `Retry-After`, the text kept.
    pub intake: Arc<tokio::sync::Semaphore>,
    /// Commits the comments submitted meanwhile together (group commit).
    pub comment_writer: crate::consultations::CommentWriter,
}

/// Keys each limiter remembers at most (a few MB at most).
const LIMITER_KEYS: usize = 50_000;

pub fn login_limiter() -> Arc<Mutex<RateLimiter>> {
    Arc::new(Mutex::new(RateLimiter::new(
        Duration::from_secs(15 * 60),
        LIMITER_KEYS,
    )))
}

pub fn hourly_limiter() -> Arc<Mutex<RateLimiter>> {
    Arc::new(Mutex::new(RateLimiter::new(
        Duration::from_secs(3600),
        LIMITER_KEYS,
    )))
}

/// Counts a submission (comment, subscription) against the hourly limits per client address
/// and per email; false when over a limit.
pub fn within_rate(state: &AppState, kind: &str, ip: &str, email: &str) -> bool {
    let ip_key = format!("{kind}:ip:{ip}");
    let email_key = format!("{kind}:email:{}", email.to_lowercase());
    AppState::limit(&state.comment_rate, |l| {
        l.try_acquire(
            &[
                (&ip_key, state.config.comments_per_ip_hour),
                (&email_key, state.config.comments_per_email_hour),
            ],
            std::time::Instant::now(),
        )
        .is_ok()
    })
}

impl AppState {
    pub fn new(services: Services) -> AppState {
        AppState(Arc::new(services))
    }

    /// The same state with another configuration (tests that point one at an SMTP server).
    pub fn with_config(&self, config: Config) -> AppState {
        AppState::new(Services {
            config: Arc::new(config),
            ..(*self.0).clone()
        })
    }

    /// Runs `f` on a limiter; a poisoned lock still holds valid counts.
    pub fn limit<T>(limiter: &Mutex<RateLimiter>, f: impl FnOnce(&mut RateLimiter) -> T) -> T {
        let mut guard = limiter.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard)
    }

    pub fn calendar(&self) -> Arc<Calendar> {
        match self.calendar.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    pub fn set_calendar(&self, cal: Calendar) {
        let mut guard = match self.calendar.write() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        };
        if **guard != cal {
            *guard = Arc::new(cal);
            drop(guard);
            // Every deadline on every page may have moved.
            self.page_cache.clear();
        }
    }

    /// The current instant, from the state's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// Today's date in China (UTC+8), the date deadlines are counted in.
    pub fn today(&self) -> chrono::NaiveDate {
        crate::domain::consultation::china_date(self.now())
    }
}

/// Where services get the time: the system clock, or, in tests, a time that is set and
/// moved by hand, so deadline and period rules can be tried at a chosen instant through the
/// services.
#[derive(Clone, Debug, Default)]
pub struct Clock(Arc<Mutex<Option<DateTime<Utc>>>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock::default()
    }

    /// A clock standing at `at` until it is set or moved.
    pub fn fixed(at: DateTime<Utc>) -> Clock {
        Clock(Arc::new(Mutex::new(Some(at))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        let fixed = *self.0.lock().unwrap_or_else(|p| p.into_inner());
        fixed.unwrap_or_else(Utc::now)
    }

    /// Sets a fixed clock to `at` (a system clock becomes fixed).
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|p| p.into_inner()) = Some(at);
    }

    /// Moves the clock forward (a system clock becomes fixed at now + `by`).
    pub fn advance(&self, by: chrono::Duration) {
        let at = self.now() + by;
        self.set(at);
    }
}
