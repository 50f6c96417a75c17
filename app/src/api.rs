//! Server functions: what pages read. Each is a few lines — context → service → result.
//! They only read; every change goes through a POSTed form handled in the `server` crate.

use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::JsonEncoding;
use serde::{Deserialize, Serialize};

/// Errors pages can tell apart (404 page, login prompt …). Causes stay in the server log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    Unauthenticated,
    /// The call itself was malformed (arguments missing or of the wrong type).
    #[error("bad request")]
    BadRequest,
    #[error("server error")]
    Server,
}

impl AppError {
    /// The HTTP status a server function answers with for this error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Forbidden => 403,
            AppError::Unauthenticated => 401,
            AppError::BadRequest => 400,
            AppError::Server => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;
    fn from_server_fn_error(e: ServerFnErrorErr) -> Self {
        match e {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            _ => AppError::Server,
        }
    }
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::AppError;
    use crate::model::{SessionInfo, UserInfo};
    use backend::error::ServiceError;
    use backend::state::AppState;
    use leptos::prelude::*;

    pub fn state() -> Result<AppState, AppError> {
        use_context::<AppState>().ok_or(AppError::Server)
    }

    pub fn session() -> SessionInfo {
        use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<SessionInfo>().cloned())
            .unwrap_or_default()
    }

    pub fn user() -> Result<UserInfo, AppError> {
        session().user.ok_or(AppError::Unauthenticated)
    }

    pub fn map(e: ServiceError) -> AppError {
        match e {
            ServiceError::NotFound => AppError::NotFound,
            ServiceError::Forbidden => AppError::Forbidden,
            ServiceError::Unauthenticated => AppError::Unauthenticated,
            // A page that does not exist in the thing's present state (the decisions of a
            // consultation still open, the paper form of one not yet open).
            ServiceError::WrongState => AppError::NotFound,
            other => {
                tracing::error!(error = %other, "service error");
                AppError::Server
            }
        }
    }
}

#[cfg(feature = "ssr")]
use backend::{calendar_store, policies, policy_queries};
#[cfg(feature = "ssr")]
use ssr::*;

#[server]
pub async fn get_home() -> Result<HomeData, AppError> {
    policy_queries::home(&state()?).await.map_err(map)
}

#[server]
pub async fn get_policies(#[server(default)] query: PolicyQuery) -> Result<PolicyPage, AppError> {
    policy_queries::list(&state()?, &query).await.map_err(map)
}

#[server]
pub async fn get_policy(id: i32) -> Result<PolicyDetail, AppError> {
    policies::detail(&state()?, id, None, true)
        .await
        .map_err(map)
}

#[server]
pub async fn get_article(id: i32, number: u32) -> Result<ArticlePage, AppError> {
    policies::article_page(&state()?, id, number)
        .await
        .map_err(map)
}

#[server]
pub async fn get_policy_changes(id: i32) -> Result<PolicyChanges, AppError> {
    policies::changes(&state()?, id).await.map_err(map)
}

#[server]
pub async fn get_department(
    code: String,
    #[server(default)] page: Option<u32>,
) -> Result<DepartmentPage, AppError> {
    policy_queries::department_page(&state()?, &code, page)
        .await
        .map_err(map)
}

#[server]
pub async fn get_timeliness() -> Result<TimelinessData, AppError> {
    policy_queries::timeliness(&state()?).await.map_err(map)
}

/// The public search (never staff-only content: the index holds only what is public).
#[server]
pub async fn get_search(#[server(default)] params: SearchParams) -> Result<SearchPage, AppError> {
    backend::search::search(&state()?, &params)
        .await
        .map_err(map)
}

/// A year's statistics (this year by default), for all departments or one.
#[server]
pub async fn get_statistics(
    #[server(default)] year: Option<i32>,
    #[server(default)] department: Option<String>,
) -> Result<Statistics, AppError> {
    let state = state()?;
    let year = year.unwrap_or_else(|| chrono::Datelike::year(&state.today()));
    let department = department.filter(|d| !d.is_empty());
    backend::statistics::statistics(&state, year, department.as_deref())
        .await
        .map_err(map)
}

#[server]
pub async fn get_staff_home() -> Result<StaffHome, AppError> {
    let user = user()?;
    policies::staff_home(&state()?, &user).await.map_err(map)
}

#[server]
pub async fn get_staff_policy(id: i32) -> Result<StaffPolicy, AppError> {
    let user = user()?;
    policies::staff_policy(&state()?, &user, id)
        .await
        .map_err(map)
}

#[server]
pub async fn get_policy_form(id: Option<i32>) -> Result<PolicyForm, AppError> {
    let user = user()?;
    let state = state()?;
    let departments = policies::departments(&state.db).await.map_err(map)?;
    match id {
        None => {
            if user.role != crate::domain::policy::Role::Drafter {
                return Err(AppError::Forbidden);
            }
            Ok(PolicyForm {
                departments,
                existing: None,
                source_body: String::new(),
            })
        }
        Some(id) => {
            let sp = policies::staff_policy(&state, &user, id)
                .await
                .map_err(map)?;
            if !sp.can_edit {
                return Err(AppError::Forbidden);
            }
            let source_body = policies::source_body(&state, id).await.map_err(map)?;
            Ok(PolicyForm {
                departments,
                existing: Some(sp.detail),
                source_body,
            })
        }
    }
}

#[server]
pub async fn get_calendar_admin() -> Result<CalendarAdmin, AppError> {
    let user = user()?;
    if user.role != crate::domain::policy::Role::Admin {
        return Err(AppError::Forbidden);
    }
    calendar_store::admin_view(&state()?).await.map_err(map)
}

#[server]
pub async fn get_users_admin() -> Result<UsersAdmin, AppError> {
    let user = user()?;
    backend::users::list(&state()?, &user).await.map_err(map)
}

#[server]
pub async fn get_consultations(
    #[server(default)] department: Option<String>,
) -> Result<ConsultationList, AppError> {
    backend::consultations::list(&state()?, department.as_deref())
        .await
        .map_err(map)
}

#[server]
pub async fn get_staff_consultations() -> Result<StaffConsultations, AppError> {
    let user = user()?;
    backend::consultations::staff_list(&state()?, &user)
        .await
        .map_err(map)
}

#[server]
pub async fn get_consultation(
    id: i32,
    // An empty query sends no fields at all: it must still arrive (as the default).
    #[server(default)] query: CommentQuery,
) -> Result<ConsultationDetail, AppError> {
    backend::consultations::detail(&state()?, id, &query)
        .await
        .map_err(map)
}

#[server]
pub async fn get_moderation(
    #[server(default)] filter: ModerationFilter,
) -> Result<ModerationQueue, AppError> {
    let user = user()?;
    backend::consultations::moderation_queue(&state()?, &user, &filter)
        .await
        .map_err(map)
}

/// The drafting department's workspace of decisions on a closed consultation's comments.
#[server]
pub async fn get_adoption_workspace(
    id: i32,
    #[server(default)] filter: DecisionFilter,
) -> Result<AdoptionWorkspace, AppError> {
    let user = user()?;
    backend::adoption::workspace(&state()?, &user, id, &filter)
        .await
        .map_err(map)
}

/// A published adoption report (采纳情况).
#[server]
pub async fn get_adoption_report(id: i32, page: Option<u32>) -> Result<AdoptionReport, AppError> {
    backend::adoption::report(&state()?, id, page)
        .await
        .map_err(map)
}

/// The moderation audit log, for administrators.
#[server]
pub async fn get_audit_log(page: u32) -> Result<AuditLogPage, AppError> {
    let user = user()?;
    backend::audit::page(&state()?, &user, page as u64)
        .await
        .map_err(map)
}

#[server]
pub async fn get_paper_comment_context(id: i32) -> Result<PaperCommentContext, AppError> {
    let user = user()?;
    backend::consultations::paper_context(&state()?, &user, id)
        .await
        .map_err(map)
}

/// Whether the signed-in user may open consultations (a drafter with a department).
#[server]
pub async fn get_can_open_consultation() -> Result<bool, AppError> {
    let user = user()?;
    Ok(user.role == crate::domain::policy::Role::Drafter && user.department_id.is_some())
}

/// Departments, for the subscription form.
#[server]
pub async fn get_departments() -> Result<Vec<DepartmentInfo>, AppError> {
    policies::departments(&state()?.db).await.map_err(map)
}

#[server]
pub async fn get_unsubscribe_info(token: String) -> Result<Option<UnsubscribeInfo>, AppError> {
    backend::subscriptions::unsubscribe_info(&state()?, &token, session().locale)
        .await
        .map_err(map)
}
