//! Data transfer types shared by the server and the browser: what pages receive from server
//! functions. Never entity models, and never anything personal that the page does not show.

use crate::deadline::InterpretationStatus;
use crate::i18n::Locale;
use crate::policy::{InterpretationKind, InterpretationState, PolicyStatus, Role};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

mod admin;
mod adoption;
mod consultations;
mod policies;
mod search;
mod statistics;

pub use admin::*;
pub use adoption::*;
pub use consultations::*;
pub use policies::*;
pub use search::*;
pub use statistics::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UserInfo {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<i32>,
}

/// Who is looking, in which language, and the CSRF token their forms must carry.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Option<UserInfo>,
    pub csrf: String,
    pub locale: Locale,
    /// 适老化: the elderly-friendly reading mode (larger text, stronger contrast, wider
    /// spacing, bigger targets), kept in a cookie.
    #[serde(default)]
    pub elder: bool,
}

/// A form that failed validation: what was typed and what is wrong, so the page can show
/// the form again with nothing lost.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FormFeedback {
    pub values: BTreeMap<String, String>,
    /// field name → message key (see `i18n::Msg::key`) and optional argument
    pub errors: BTreeMap<String, (String, Option<String>)>,
    /// The answer to a comment status lookup, shown on the same page.
    pub comment_lookup: Option<CommentLookup>,
}

impl FormFeedback {
    pub fn value(&self, field: &str) -> String {
        self.values.get(field).cloned().unwrap_or_default()
    }
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentInfo {
    pub id: i32,
    pub code: String,
    pub name_zh_hans: String,
    pub name_zh_hant: String,
    pub name_en: String,
}

impl DepartmentInfo {
    pub fn name(&self, l: Locale) -> &str {
        l.pick(&self.name_zh_hans, &self.name_zh_hant, &self.name_en)
    }
}
