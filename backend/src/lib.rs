//! The backend: database, services, mail. It knows nothing of pages or HTTP: pages reach
//! it through the app's server functions, the `server` crate's form handlers call it too.
pub use domain::{self, i18n, model};

pub mod adoption;
pub mod api;
pub mod audit;
pub mod auth;
pub mod bulk;
pub mod calendar_store;
pub mod config;
pub mod consultations;
pub mod departments;
pub mod entities;
pub mod error;
pub mod feeds;
pub mod forms;
pub mod mail;
pub mod page_cache;
pub mod policies;
pub mod policy_queries;
pub mod public;
pub mod reminders;
pub mod sanitize;
pub mod search;
pub mod sitemap;
pub mod state;
pub mod statistics;
pub mod subscriptions;
pub mod users;
