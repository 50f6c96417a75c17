//! 文号 — the document number of a policy, e.g. `深府〔2020〕12号`.
//!
//! Parse, don't validate: a [`DocNumber`] can only hold a well-formed number. Common
//! keyboard variants of the year brackets (`[2020]`, `(2020)`, `【2020】`, `［2020］`,
//! `（2020）`, `〔2020〕`) are normalised to the official `〔〕`.

use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocNumber {
    /// 发文机关代字, e.g. 深府办函
    pub issuer: String,
    pub year: i32,
    pub serial: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocNumberError {
    #[error("empty")]
    Empty,
    #[error("missing issuer abbreviation")]
    MissingIssuer,
    #[error("missing year in brackets")]
    MissingYear,
    #[error("year out of range")]
    YearOutOfRange,
    #[error("missing serial number followed by 号")]
    MissingSerial,
}

impl DocNumber {
    pub fn parse(input: &str) -> Result<DocNumber, DocNumberError> {
        let s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        if s.is_empty() {
            return Err(DocNumberError::Empty);
        }
        let open = s
            .char_indices()
            .find(|(_, c)| matches!(c, '〔' | '[' | '(' | '【' | '［' | '（' | '〖'))
            .map(|(i, c)| (i, c.len_utf8()));
        let Some((open_at, open_len)) = open else {
            return Err(DocNumberError::MissingYear);
        };
        let issuer = &s[..open_at];
        if issuer.chars().count() < 1 || !issuer.chars().all(|c| !c.is_ascii_punctuation()) {
            return Err(DocNumberError::MissingIssuer);
        }
        let rest = &s[open_at + open_len..];
        let close = rest
            .char_indices()
            .find(|(_, c)| matches!(c, '〕' | ']' | ')' | '】' | '］' | '）' | '〗'))
            .map(|(i, c)| (i, c.len_utf8()));
        let Some((close_at, close_len)) = close else {
            return Err(DocNumberError::MissingYear);
        };
        let year_text = &rest[..close_at];
        if year_text.len() != 4 || !year_text.chars().all(|c| c.is_ascii_digit()) {
            return Err(DocNumberError::MissingYear);
        }
        let year: i32 = year_text.parse().map_err(|_| DocNumberError::MissingYear)?;
        if !(1949..=2100).contains(&year) {
            return Err(DocNumberError::YearOutOfRange);
        }
        let tail = &rest[close_at + close_len..];
        let Some(serial_text) = tail.strip_suffix('号') else {
            return Err(DocNumberError::MissingSerial);
        };
        if serial_text.is_empty()
            || serial_text.len() > 6
            || !serial_text.chars().all(|c| c.is_ascii_digit())
        {
            return Err(DocNumberError::MissingSerial);
        }
        let serial: u32 = serial_text
            .parse()
            .map_err(|_| DocNumberError::MissingSerial)?;
        if serial == 0 {
            return Err(DocNumberError::MissingSerial);
        }
        Ok(DocNumber {
            issuer: issuer.to_string(),
            year,
            serial,
        })
    }
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}〔{}〕{}号", self.issuer, self.year, self.serial)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_form_parses_and_round_trips() {
        let n = DocNumber::parse("深府〔2020〕12号").unwrap();
        assert_eq!(n.issuer, "深府");
        assert_eq!(n.year, 2020);
        assert_eq!(n.serial, 12);
        assert_eq!(n.to_string(), "深府〔2020〕12号");
    }

    #[test]
    fn keyboard_brackets_are_normalised() {
        for input in [
            "深府办函[2019]35号",
            "深府办函（2019）35号",
            "深府办函【2019】35号",
            " 深府办函 〔2019〕 35号 ",
        ] {
            assert_eq!(
                DocNumber::parse(input).unwrap().to_string(),
                "深府办函〔2019〕35号",
                "{input}"
            );
        }
    }

    #[test]
    fn malformed_numbers_are_rejected_with_the_reason() {
        assert_eq!(DocNumber::parse(""), Err(DocNumberError::Empty));
        assert_eq!(
            DocNumber::parse("〔2020〕12号"),
            Err(DocNumberError::MissingIssuer)
        );
        assert_eq!(
            DocNumber::parse("深府2020-12"),
            Err(DocNumberError::MissingYear)
        );
        assert_eq!(
            DocNumber::parse("深府〔20〕12号"),
            Err(DocNumberError::MissingYear)
        );
        assert_eq!(
            DocNumber::parse("深府〔1800〕12号"),
            Err(DocNumberError::YearOutOfRange)
        );
        assert_eq!(
            DocNumber::parse("深府〔2020〕12"),
            Err(DocNumberError::MissingSerial)
        );
        assert_eq!(
            DocNumber::parse("深府〔2020〕号"),
            Err(DocNumberError::MissingSerial)
        );
        assert_eq!(
            DocNumber::parse("深府〔2020〕0号"),
            Err(DocNumberError::MissingSerial)
        );
        assert_eq!(
            DocNumber::parse("深府〔2020〕十二号"),
            Err(DocNumberError::MissingSerial)
        );
    }
}
