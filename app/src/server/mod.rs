//! Server-only code (feature `ssr`): database, services, mail. Pages reach it through the
//! server functions in `crate::api`; the HTTP form handlers in the `server` crate call it too.
pub mod audit;
pub mod auth;
pub mod calendar_store;
pub mod config;
pub mod consultations;
pub mod entities;
pub mod error;
pub mod forms;
pub mod mail;
pub mod policies;
pub mod policy_queries;
pub mod reminders;
pub mod sanitize;
pub mod state;
pub mod subscriptions;
pub mod users;
