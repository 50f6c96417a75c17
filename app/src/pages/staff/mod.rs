//! Staff pages: login, desk, policy and interpretation forms, sign-off, calendar admin.
//! Every form is a plain POST handled by the server (works without JavaScript); the server
//! checks the role again whatever these pages show.

use super::public::PolicyDetailView;
use crate::api::*;
use crate::components::*;
use crate::domain::policy::{CATEGORIES, InterpretationKind, Role};
use crate::i18n::Msg;
use crate::model::*;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

mod admin;
mod desk;
mod policies;

pub use admin::*;
pub use desk::*;
pub use policies::*;

pub(crate) fn id_param() -> Memo<Option<i32>> {
    let params = use_params_map();
    Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok())))
}
