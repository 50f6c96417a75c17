//! Policies and their interpretations: queries for the pages and the drafting / sign-off
//! actions. Every action checks the actor against `domain::policy::may` here, on the server.

use super::entities::{department, interpretation, policy};
use super::error::{Invalid, ServiceError};
use super::forms::{InterpretationInput, PolicyInput};
use super::sanitize;
use super::state::AppState;
use crate::domain::articles;
use crate::domain::deadline::{self, InterpretationStatus};
use crate::domain::policy::{
    Actor, InterpretationState, PolicyAction, PolicyStatus, may, transition,
};
use crate::model::*;
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use std::collections::HashMap;

pub(crate) mod article_view;
mod changes;
mod drafting;
mod read;
mod signoff;

pub use article_view::article_page;
pub use changes::changes;
pub(crate) use changes::compare as compare_draft;
pub use drafting::*;
pub use read::*;
pub use signoff::*;

pub const PAGE_SIZE: u32 = 10;

pub use crate::departments::{department_info, departments};

pub(crate) fn actor(user: &UserInfo) -> Actor {
    Actor {
        role: user.role,
        department_id: user.department_id,
    }
}

pub(crate) async fn load_for(
    db: &DatabaseConnection,
    user: &UserInfo,
    id: i32,
    action: PolicyAction,
) -> Result<policy::Model, ServiceError> {
    let p = policy::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    if !may(actor(user), action, p.department_id) {
        return Err(ServiceError::Forbidden);
    }
    Ok(p)
}
