//! Forms about people: a subscription without an account, and a staff account an
//! administrator creates.

use super::Check;
use crate::error::Invalid;
use serde::{Deserialize, Serialize};

/// 订阅: notices of new consultations, of all departments or one.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct SubscribeForm {
    pub email: String,
    /// A department code, or empty / `all`.
    pub scope: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Subscribe {
    pub email: String,
    /// The department code (the service looks it up); `None` for all departments.
    pub department: Option<String>,
}

impl TryFrom<&SubscribeForm> for Subscribe {
    type Error = Invalid;
    fn try_from(f: &SubscribeForm) -> Result<Subscribe, Invalid> {
        let mut c = Check::default();
        let email = c.email("email", &f.email, true);
        let scope = f.scope.trim();
        let department = (!scope.is_empty() && scope != "all").then(|| scope.to_string());
        c.finish(Some(Subscribe { email, department }))
    }
}

/// A staff account as an administrator enters it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NewUserForm {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department: String,
    /// Never shown again on a form with errors.
    #[serde(skip_serializing)]
    pub password: String,
    pub email: String,
}

/// The account to create; the username, role, department and password rules are checked
/// where accounts are made (`auth::create_user`).
#[derive(Clone, Debug, PartialEq)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub department: Option<String>,
    pub password: String,
    pub email: Option<String>,
}

impl TryFrom<&NewUserForm> for NewUser {
    type Error = Invalid;
    fn try_from(f: &NewUserForm) -> Result<NewUser, Invalid> {
        let mut c = Check::default();
        let email = c.email("email", &f.email, false);
        let department = f.department.trim();
        c.finish(Some(NewUser {
            username: f.username.trim().to_string(),
            display_name: f.display_name.trim().to_string(),
            role: f.role.trim().to_string(),
            department: (!department.is_empty()).then(|| department.to_string()),
            password: f.password.clone(),
            email: (!email.is_empty()).then_some(email),
        }))
    }
}
