//! Staff authentication: argon2 password hashes, server-side sessions (only a hash of the
//! token is stored), CSRF tokens, and throttling of repeated login failures.

use super::entities::{department, session, user};
use super::state::AppState;
use crate::domain::policy::Role;
use crate::model::UserInfo;
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use rand::RngCore;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};
use std::time::Instant;

pub const SESSION_COOKIE: &str = "huiyin_session";
pub const CSRF_COOKIE: &str = "huiyin_csrf";
pub const LANG_COOKIE: &str = "huiyin_lang";
/// The reading mode (`elder` for 适老化); absent: the standard one.
pub const MODE_COOKIE: &str = "huiyin_mode";
pub const SESSION_DAYS: i64 = 7;
const MAX_FAILURES: usize = 5;
/// Per address the limit is higher: offices share addresses.
const MAX_FAILURES_PER_ADDRESS: usize = MAX_FAILURES * 4;

pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Compares two secrets in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn hash_password(password: &str) -> Result<String, String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    Argon2::default()
        .verify_password(password.as_bytes(), hash)
        .is_ok()
}

pub fn user_info(u: &user::Model) -> Option<UserInfo> {
    Some(UserInfo {
        id: u.id,
        username: u.username.clone(),
        display_name: u.display_name.clone(),
        role: u.role,
        department_id: u.department_id,
    })
}

#[derive(Debug, PartialEq, Eq)]
pub enum LoginError {
    /// Wrong username or password; deliberately not saying which.
    Failed,
    /// Too many failures; minutes to wait.
    Throttled(u64),
    Db(String),
}

fn throttle_keys(username: &str, ip: &str) -> [String; 2] {
    [
        format!("user:{}", username.trim().to_lowercase()),
        format!("ip:{ip}"),
    ]
}

/// Checks a login. Failures are counted per username and per client address, so guessing
/// is slowed down without letting a stranger lock everybody out from one address.
pub async fn authenticate(
    state: &AppState,
    username: &str,
    password: &str,
    ip: &str,
) -> Result<UserInfo, LoginError> {
    let keys = throttle_keys(username, ip);
    // The attempt is counted before the password is checked, atomically with the check of
    // the limit: parallel guesses cannot all pass a check that none has recorded yet.
    AppState::limit(&state.login_throttle, |l| {
        l.try_acquire(
            &[
                (&keys[0], MAX_FAILURES),
                (&keys[1], MAX_FAILURES_PER_ADDRESS),
            ],
            Instant::now(),
        )
    })
    .map_err(|wait| LoginError::Throttled(wait.as_secs().div_ceil(60).max(1)))?;
    let found = user::Entity::find()
        .filter(user::Column::Username.eq(username.trim()))
        .one(&state.db)
        .await
        .map_err(|e| LoginError::Db(e.to_string()))?;
    // Verify against a dummy hash when the user does not exist, so timing does not tell.
    // argon2 takes tens of milliseconds of CPU: off the async workers.
    let hash = match &found {
        Some(u) if u.active => Some(u.password_hash.clone()),
        _ => None,
    };
    let password = password.to_string();
    let ok = tokio::task::spawn_blocking(move || match hash {
        Some(h) => verify_password(&password, &h),
        None => {
            let _ = verify_password(&password, dummy_hash());
            false
        }
    })
    .await
    .map_err(|e| LoginError::Db(e.to_string()))?;
    match found.as_ref().filter(|_| ok).and_then(user_info) {
        Some(info) => {
            // Success clears the account's failures and does not count against the address.
            AppState::limit(&state.login_throttle, |l| {
                l.forget(&keys[0]);
                l.release(&keys[1]);
            });
            Ok(info)
        }
        None => Err(LoginError::Failed),
    }
}

/// A real argon2 hash, verified against for unknown usernames so they take as long.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("huiyin timing equaliser").unwrap_or_default())
}

/// Starts a session; returns (cookie token, csrf token).
pub async fn create_session(
    db: &DatabaseConnection,
    user_id: i32,
) -> Result<(String, String), DbErr> {
    let token = random_token();
    let csrf = random_token();
    let now = chrono::Utc::now();
    session::ActiveModel {
        token_hash: Set(token_hash(&token)),
        user_id: Set(user_id),
        csrf_token: Set(csrf.clone()),
        created_at: Set(now),
        expires_at: Set(now + chrono::Duration::days(SESSION_DAYS)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((token, csrf))
}

/// The user and CSRF token of a session cookie, if the session is valid.
pub async fn resolve_session(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<(UserInfo, String)>, DbErr> {
    let Some(s) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at < chrono::Utc::now() {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id).one(db).await? else {
        return Ok(None);
    };
    if !u.active {
        return Ok(None);
    }
    Ok(user_info(&u).map(|info| (info, s.csrf_token)))
}

/// Ends every session of a user (account disabled; a password or role change must call this
/// too, so that nobody keeps the rights of before).
pub async fn end_all_sessions(
    db: &impl sea_orm::ConnectionTrait,
    user_id: i32,
) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_session(db: &DatabaseConnection, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(token_hash(token)))
        .exec(db)
        .await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum CreateUserError {
    #[error("unknown role {0} (admin, editor or drafter)")]
    Role(String),
    #[error("a drafter needs --department with an existing department code")]
    DepartmentRequired,
    #[error("unknown department {0}")]
    UnknownDepartment(String),
    #[error("username must be 3–40 letters, digits, dots, dashes or underscores")]
    Username,
    #[error("password must have at least 12 characters")]
    Password,
    #[error("username already taken")]
    Taken,
    #[error("{0}")]
    Other(String),
}

/// Creates a staff account. Drafters belong to exactly one department.
pub async fn create_user(
    db: &DatabaseConnection,
    username: &str,
    display_name: &str,
    role: &str,
    department_code: Option<&str>,
    password: &str,
    email: Option<&str>,
) -> Result<i32, CreateUserError> {
    let role = Role::parse(role).ok_or_else(|| CreateUserError::Role(role.to_string()))?;
    let username = username.trim();
    if !(3..=40).contains(&username.len())
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
    {
        return Err(CreateUserError::Username);
    }
    if password.chars().count() < 12 {
        return Err(CreateUserError::Password);
    }
    let department_id = match (role, department_code) {
        (_, Some(code)) => Some(
            department::Entity::find()
                .filter(department::Column::Code.eq(code))
                .one(db)
                .await
                .map_err(|e| CreateUserError::Other(e.to_string()))?
                .ok_or_else(|| CreateUserError::UnknownDepartment(code.to_string()))?
                .id,
        ),
        (Role::Drafter, None) => return Err(CreateUserError::DepartmentRequired),
        (_, None) => None,
    };
    if user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await
        .map_err(|e| CreateUserError::Other(e.to_string()))?
        .is_some()
    {
        return Err(CreateUserError::Taken);
    }
    let hash = hash_password(password).map_err(CreateUserError::Other)?;
    let created = user::ActiveModel {
        username: Set(username.to_string()),
        display_name: Set(if display_name.trim().is_empty() {
            username.to_string()
        } else {
            display_name.trim().to_string()
        }),
        password_hash: Set(hash),
        role: Set(role),
        department_id: Set(department_id),
        email: Set(email.map(str::to_string)),
        active: Set(true),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await
    .map_err(|e| CreateUserError::Other(e.to_string()))?;
    Ok(created.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(h.starts_with("$argon2"));
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong horse battery", &h));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn dummy_hash_is_a_valid_hash() {
        assert!(!verify_password("x", dummy_hash()));
        assert!(dummy_hash().starts_with("$argon2id$"));
    }

    #[test]
    fn constant_time_comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
