//! Where HTTP form input becomes domain values, in one way: each form is a struct of what was
//! posted (`…Form`, deserialized by the web layer), and `TryFrom` parses it completely into a
//! typed command, or returns every problem at once as [`Invalid`]. Services take the commands
//! (or the form, when a rule needs the database first) and never see a field map.

mod accounts;
mod adoption;
mod api;
mod comments;
mod consultations;
mod policies;

pub use accounts::*;
pub use adoption::*;
pub use api::*;
pub use comments::*;
pub use consultations::*;
pub use policies::*;

use crate::error::Invalid;
use crate::i18n::Msg;
use chrono::NaiveDate;

/// An email address the mailer will accept (`lettre::Address`, so nothing passes here that
/// the SMTP sender refuses later) with a dotted domain (no intranet host names), at most 254
/// bytes (RFC 5321).
pub fn valid_email(e: &str) -> bool {
    let Ok(address) = e.parse::<lettre::Address>() else {
        return false;
    };
    let domain = address.domain();
    e.len() <= 254 && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
}

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 200_000;
pub const SHORT_MAX: usize = 500;

/// Collects the problems of one form while its fields are parsed.
#[derive(Default)]
pub(crate) struct Check(pub Invalid);

impl Check {
    pub fn fail(&mut self, field: &str, msg: Msg, arg: Option<String>) {
        self.0.add(field, msg, arg);
    }

    /// The trimmed value; an error when empty or longer than `max` characters.
    pub fn required(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.fail(field, Msg::ErrRequired, None);
        } else {
            self.max_chars(field, v, max);
        }
        v.to_string()
    }

    /// The trimmed value; an error when longer than `max` characters.
    pub fn optional(&mut self, field: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        self.max_chars(field, v, max);
        v.to_string()
    }

    fn max_chars(&mut self, field: &str, v: &str, max: usize) {
        if v.chars().count() > max {
            self.fail(field, Msg::ErrTooLong, Some(max.to_string()));
        }
    }

    /// A `YYYY-MM-DD` date within `years`; `None` (and no error) when empty and not required.
    pub fn date(
        &mut self,
        field: &str,
        value: &str,
        years: std::ops::RangeInclusive<i32>,
        required: bool,
    ) -> Option<NaiveDate> {
        let v = value.trim();
        if v.is_empty() && !required {
            return None;
        }
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if years.contains(&chrono::Datelike::year(&d)) => Some(d),
            _ => {
                self.fail(field, Msg::ErrDate, None);
                None
            }
        }
    }

    /// A trimmed email address the mailer accepts; empty allowed unless `required`.
    pub fn email(&mut self, field: &str, value: &str, required: bool) -> String {
        let v = value.trim();
        if v.is_empty() {
            if required {
                self.fail(field, Msg::ErrRequired, None);
            }
        } else if !valid_email(v) {
            self.fail(field, Msg::ErrEmail, None);
        }
        v.to_string()
    }

    /// `value` if every field parsed (`Some`) and nothing was found wrong.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Invalid> {
        match value {
            Some(v) if self.0.is_empty() => Ok(v),
            _ => Err(self.0),
        }
    }
}

/// A checked checkbox (`on`, or `true` from scripts).
pub(crate) fn checked(value: &str) -> bool {
    matches!(value, "on" | "true")
}
