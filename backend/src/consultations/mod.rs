//! Consultations (公开征求意见), comments without an account, verification by email, status
//! lookup and moderation. Public reads only ever see released consultations and published
//! comments; email and client address never leave this module in a public type.

use super::audit;
use super::auth::{random_token, token_hash};
use super::departments::departments;
use super::entities::{comment, comment_band, consultation, consultation_attachment};
use super::error::{Invalid, ServiceError};
use super::forms::*;
use super::mail;
use super::sanitize;
use super::state::AppState;
use crate::domain::consultation::*;
use crate::domain::near_duplicates::{Signature, is_near_duplicate};
use crate::domain::policy::Role;
use crate::domain::{articles, attachments};
use crate::i18n::{Locale, Msg, fill};
use crate::model::*;
use chrono::{DateTime, Datelike, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use std::collections::HashMap;

mod clustering;
mod group_commit;
mod intake;
mod lifecycle;
mod lookup;
mod moderation;
mod paper;
mod read;
mod verify;

pub use clustering::*;
pub use group_commit::{CommentWriter, PendingComment};
pub use intake::*;
pub use lifecycle::*;
pub use lookup::*;
pub use moderation::*;
// Named: the glob import of the domain's rules has a `redact` too (the text operation).
pub(crate) use crate::mail::signed;
pub(crate) use crate::state::within_rate;
pub use moderation::redact;
pub use paper::*;
pub use read::*;
pub use verify::*;

pub(crate) fn article_labels(text: &str) -> Vec<(String, String)> {
    articles::outline(text)
        .into_iter()
        .filter(|(_, e)| e.level == 3)
        .map(|(_, e)| (e.anchor, e.label))
        .collect()
}

/// Moderation is for editors and administrators.
pub fn require_editor(user: &UserInfo) -> Result<(), ServiceError> {
    if matches!(user.role, Role::Editor | Role::Admin) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}
