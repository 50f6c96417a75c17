//! The errors of the service layer. They name form fields and catalogue messages, never pages:
//! the web layer turns them into pages in one place (the server's `Ctx::service_error`).

use crate::i18n::Msg;

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("login required")]
    Unauthenticated,
    #[error("invalid input: {0:?}")]
    Invalid(Invalid),
    #[error("not possible in the current state")]
    WrongState,
    /// Over a rate limit: the form again, with why, and when to try again (seconds).
    #[error("over a limit: {0:?}")]
    TooMany(Invalid, u64),
    /// Not taken in now (503): the form again with the text kept, and when to try again.
    #[error("busy: {0:?}")]
    Busy(Invalid, u64),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Internal(String),
}

/// One thing wrong with the input: the form field it belongs to, and the catalogue message
/// that says why (with its argument, such as a maximum length).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    pub field: String,
    pub message: Msg,
    pub arg: Option<String>,
}

/// Everything wrong with one input: a form is checked completely, not to its first problem.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Invalid(Vec<ValidationError>);

impl Invalid {
    pub fn one(field: &str, message: Msg, arg: Option<String>) -> Invalid {
        let mut i = Invalid::default();
        i.add(field, message, arg);
        i
    }

    /// Records a problem; the first one found for a field is the one shown.
    pub fn add(&mut self, field: &str, message: Msg, arg: Option<String>) {
        if !self.has(field) {
            self.0.push(ValidationError {
                field: field.to_string(),
                message,
                arg,
            });
        }
    }

    pub fn has(&self, field: &str) -> bool {
        self.0.iter().any(|e| e.field == field)
    }

    /// The message for `field`, if it has a problem.
    pub fn message(&self, field: &str) -> Option<Msg> {
        self.0.iter().find(|e| e.field == field).map(|e| e.message)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }

    /// A parse result together with problems found beside it (in uploaded files, say): all
    /// are reported, and for a field with both, the one found beside it.
    pub fn combine<T>(self, parsed: Result<T, Invalid>) -> Result<T, Invalid> {
        match parsed {
            Ok(v) => self.or_ok(v),
            Err(e) => {
                let mut all = self;
                for x in e.0 {
                    all.add(&x.field, x.message, x.arg);
                }
                Err(all)
            }
        }
    }

    /// `value` when nothing was found wrong, else these problems.
    pub fn or_ok<T>(self, value: T) -> Result<T, Invalid> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl From<Invalid> for ServiceError {
    fn from(i: Invalid) -> ServiceError {
        ServiceError::Invalid(i)
    }
}
