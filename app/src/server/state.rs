//! Application state shared by every request: built once in `main` and in tests.

use super::config::Config;
use crate::domain::calendar::Calendar;
use sea_orm::DatabaseConnection;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// Built-in calendar merged with admin-entered entries; replaced when an admin saves.
    pub calendar: Arc<RwLock<Arc<Calendar>>>,
    pub login_throttle: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
    /// Recent comment submissions per client address and per email (rate limits).
    pub comment_rate: Arc<Mutex<HashMap<String, Vec<Instant>>>>,
    pub leptos_options: leptos::config::LeptosOptions,
}

impl AppState {
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
        *guard = Arc::new(cal);
    }

    /// Today's date in China (UTC+8), the date deadlines are counted in.
    pub fn today(&self) -> chrono::NaiveDate {
        today_in_china()
    }
}

pub fn today_in_china() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
