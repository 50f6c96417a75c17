//! Staff accounts, managed by administrators.

use super::auth::{self, CreateUserError};
use super::entities::user;
use super::error::ServiceError;
use super::policies::departments;
use super::state::AppState;
use crate::domain::policy::Role;
use crate::i18n::Msg;
use crate::model::{FormFeedback, StaffAccount, UserInfo, UsersAdmin};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, QueryOrder, Set};
use std::collections::BTreeMap;

fn require_admin(actor: &UserInfo) -> Result<(), ServiceError> {
    if actor.role == Role::Admin {
        Ok(())
    } else {
        Err(ServiceError::Forbidden)
    }
}

pub async fn list(state: &AppState, actor: &UserInfo) -> Result<UsersAdmin, ServiceError> {
    require_admin(actor)?;
    let depts = departments(&state.db).await?;
    let users = user::Entity::find()
        .order_by_asc(user::Column::Username)
        .all(&state.db)
        .await?
        .into_iter()
        .filter_map(|u| {
            Some(StaffAccount {
                id: u.id,
                role: Role::parse(&u.role)?,
                department: u
                    .department_id
                    .and_then(|d| depts.iter().find(|x| x.id == d).cloned()),
                has_email: u.email.is_some(),
                username: u.username,
                display_name: u.display_name,
                active: u.active,
            })
        })
        .collect();
    Ok(UsersAdmin {
        users,
        departments: depts,
        me: actor.id,
    })
}

pub async fn create(
    state: &AppState,
    actor: &UserInfo,
    form: &BTreeMap<String, String>,
) -> Result<i32, ServiceError> {
    require_admin(actor)?;
    let get = |k: &str| {
        form.get(k)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let mut fb = FormFeedback {
        values: form
            .iter()
            .filter(|(k, _)| k.as_str() != "password" && k.as_str() != "csrf")
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..Default::default()
    };
    let email = get("email");
    if !email.is_empty() && !crate::server::forms::valid_email(&email) {
        fb.errors
            .insert("email".into(), (Msg::ErrEmail.key().into(), None));
    }
    let department = get("department");
    let department = (!department.is_empty()).then_some(department);
    let result = if fb.errors.is_empty() {
        auth::create_user(
            &state.db,
            &get("username"),
            &get("display_name"),
            &get("role"),
            department.as_deref(),
            form.get("password").map(String::as_str).unwrap_or(""),
            (!email.is_empty()).then_some(email.as_str()),
        )
        .await
    } else {
        return Err(ServiceError::Invalid(fb));
    };
    match result {
        Ok(id) => Ok(id),
        Err(e) => {
            let (field, msg) = match e {
                CreateUserError::Role(_) => ("role", Msg::ErrChoice),
                CreateUserError::DepartmentRequired => ("department", Msg::ErrDepartmentRequired),
                CreateUserError::UnknownDepartment(_) => ("department", Msg::ErrChoice),
                CreateUserError::Username => ("username", Msg::ErrUsername),
                CreateUserError::Password => ("password", Msg::ErrPasswordShort),
                CreateUserError::Taken => ("username", Msg::ErrUsernameTaken),
                CreateUserError::Other(e) => return Err(ServiceError::Internal(e)),
            };
            fb.errors.insert(field.into(), (msg.key().into(), None));
            Err(ServiceError::Invalid(fb))
        }
    }
}

/// Enables or disables an account; disabling also ends its sessions' validity (checked on
/// every request). An admin cannot lock themselves out.
pub async fn set_active(
    state: &AppState,
    actor: &UserInfo,
    id: i32,
    active: bool,
) -> Result<(), ServiceError> {
    require_admin(actor)?;
    if id == actor.id && !active {
        let mut fb = FormFeedback::default();
        fb.errors
            .insert("account".into(), (Msg::ErrOwnAccount.key().into(), None));
        return Err(ServiceError::Invalid(fb));
    }
    let u = user::Entity::find_by_id(id)
        .one(&state.db)
        .await?
        .ok_or(ServiceError::NotFound)?;
    let mut m = u.into_active_model();
    m.active = Set(active);
    m.update(&state.db).await?;
    // Disabling ends every session for good: enabling again must not revive old cookies.
    if !active {
        super::auth::end_all_sessions(&state.db, id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn email_shape() {
        assert!(crate::server::forms::valid_email("li.ming@sz.gov.cn"));
        assert!(!crate::server::forms::valid_email("li.ming@localhost"));
        assert!(!crate::server::forms::valid_email("@sz.gov.cn"));
        assert!(!crate::server::forms::valid_email("a b@sz.gov.cn"));
        // Accepted by a naive check, refused by the mailer: must be refused here.
        assert!(!crate::server::forms::valid_email(
            "<fooval=\"bar\"/>@example.com"
        ));
        assert!(!crate::server::forms::valid_email("a@b@example.com"));
        assert!(crate::server::forms::valid_email(
            "citizen+tag@example.test"
        ));
    }
}
