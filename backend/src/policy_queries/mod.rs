//! Public read models over published policies — the home page, the policy list, a
//! department's page and the timeliness dashboard — filtered, counted and paged in the
//! database, over the timeliness facts each policy keeps (`interpretation_deadline`,
//! `first_interpretation_on`, `withdrawn_on`). Only a page of rows is ever loaded.
//!
//! The classes (`classes.rs`) are the SQL form of `domain::deadline::interpretation_status`; the rows
//! of a page are still classified by that function, so both must agree (tested).

use super::departments::{department_info, departments};
use super::entities::{interpretation, policy};
use super::error::ServiceError;
use super::policies::{PAGE_SIZE, summaries};
use super::state::AppState;
use crate::domain::calendar::Calendar;
use crate::domain::deadline;
use crate::domain::policy::{InterpretationState, PolicyStatus};
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Select,
};
use std::collections::HashMap;

mod classes;
mod dashboard;
mod facts;
mod lists;

pub use classes::*;
pub use dashboard::*;
pub use facts::*;
pub use lists::*;
