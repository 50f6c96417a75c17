//! Staff accounts, managed by administrators.

use super::auth::{self, CreateUserError};
use super::departments::departments;
use super::entities::user;
use super::error::{Invalid, ServiceError};
use super::forms::{NewUser, NewUserForm};
use super::state::AppState;
use crate::domain::policy::Role;
use crate::i18n::Msg;
use crate::model::{StaffAccount, UserInfo, UsersAdmin};
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, QueryOrder, Set};

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
        .map(|u| StaffAccount {
            id: u.id,
            role: u.role,
            department: u
                .department_id
                .and_then(|d| depts.iter().find(|x| x.id == d).cloned()),
            has_email: u.email.is_some(),
            username: u.username,
            display_name: u.display_name,
            active: u.active,
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
    form: &NewUserForm,
) -> Result<i32, ServiceError> {
    require_admin(actor)?;
    let new = NewUser::try_from(form)?;
    let result = auth::create_user(
        &state.db,
        &new.username,
        &new.display_name,
        &new.role,
        new.department.as_deref(),
        &new.password,
        new.email.as_deref(),
    )
    .await;
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
            Err(Invalid::one(field, msg, None).into())
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
        return Err(Invalid::one("account", Msg::ErrOwnAccount, None).into());
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
        assert!(crate::forms::valid_email("li.ming@sz.gov.cn"));
        assert!(!crate::forms::valid_email("li.ming@localhost"));
        assert!(!crate::forms::valid_email("@sz.gov.cn"));
        assert!(!crate::forms::valid_email("a b@sz.gov.cn"));
        // Accepted by a naive check, refused by the mailer: must be refused here.
        assert!(!crate::forms::valid_email("<fooval=\"bar\"/>@example.com"));
        assert!(!crate::forms::valid_email("a@b@example.com"));
        assert!(crate::forms::valid_email("citizen+tag@example.test"));
    }
}
