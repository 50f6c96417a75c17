//! The error of the service layer, mapped to pages in one place (the server's `http_error`).

use crate::model::FormFeedback;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    Unauthenticated,
    #[error("invalid input")]
    Invalid(FormFeedback),
    #[error("not possible in the current state")]
    WrongState,
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Internal(String),
}
