//! The comment forms: a citizen's online comment, and a paper or mailed one entered by an
//! editor.

use super::{Check, checked};
use crate::domain::consultation::{
    COMMENT_MAX_CHARS, CommentChannel, CommentTextError, DISPLAY_NAME_MAX_CHARS, clean_comment,
};
use crate::error::Invalid;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// A comment as posted (发表意见), online or entered from paper.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CommentForm {
    /// An article anchor of the draft (`art-3`), or empty / `general` for the whole draft.
    pub article: String,
    pub body: String,
    pub display_name: String,
    pub email: String,
    pub consent: String,
    /// A field people never see; bots fill it (honeypot).
    pub website: String,
    /// Paper comments only: `paper` or `letter`.
    pub channel: String,
}

/// The parts every comment has.
#[derive(Clone, Debug, PartialEq)]
pub struct CommentInput {
    pub body: String,
    /// The article anchor, not yet checked against the draft (the service does that).
    pub article: Option<String>,
    /// Empty for anonymous.
    pub display_name: String,
    /// Empty only for paper comments without one.
    pub email: String,
}

/// A citizen's comment: the email is required (it is verified before moderation).
#[derive(Clone, Debug, PartialEq)]
pub struct OnlineComment(pub CommentInput);

/// A comment received on paper or by letter.
#[derive(Clone, Debug, PartialEq)]
pub struct PaperComment {
    pub comment: CommentInput,
    pub channel: CommentChannel,
}

fn comment_fields(c: &mut Check, f: &CommentForm, email_required: bool) -> Option<CommentInput> {
    let body = match clean_comment(&f.body) {
        Ok(b) => Some(b),
        Err(e) => {
            let (msg, arg) = match e {
                CommentTextError::Empty => (Msg::ErrRequired, None),
                CommentTextError::TooLong => (Msg::ErrTooLong, Some(COMMENT_MAX_CHARS.to_string())),
                CommentTextError::Binary => (Msg::ErrBinaryText, None),
            };
            c.fail("body", msg, arg);
            None
        }
    };
    let article = f.article.trim();
    let article = (!article.is_empty() && article != "general").then(|| article.to_string());
    let display_name = c.optional("display_name", &f.display_name, DISPLAY_NAME_MAX_CHARS);
    if display_name.chars().any(char::is_control) {
        c.fail(
            "display_name",
            Msg::ErrTooLong,
            Some(DISPLAY_NAME_MAX_CHARS.to_string()),
        );
    }
    let email = c.email("email", &f.email, email_required);
    if !checked(&f.consent) {
        c.fail("consent", Msg::ErrConsent, None);
    }
    body.map(|body| CommentInput {
        body,
        article,
        display_name,
        email,
    })
}

impl TryFrom<&CommentForm> for OnlineComment {
    type Error = Invalid;
    fn try_from(f: &CommentForm) -> Result<OnlineComment, Invalid> {
        if !f.website.trim().is_empty() {
            return Err(Invalid::one("body", Msg::ErrNotAccepted, None));
        }
        let mut c = Check::default();
        let comment = comment_fields(&mut c, f, true);
        c.finish(comment.map(OnlineComment))
    }
}

impl TryFrom<&CommentForm> for PaperComment {
    type Error = Invalid;
    fn try_from(f: &CommentForm) -> Result<PaperComment, Invalid> {
        let mut c = Check::default();
        let channel =
            CommentChannel::parse(f.channel.trim()).filter(|c| *c != CommentChannel::Online);
        if channel.is_none() {
            c.fail("channel", Msg::ErrChoice, None);
        }
        let comment = comment_fields(&mut c, f, false);
        c.finish(
            comment
                .zip(channel)
                .map(|(comment, channel)| PaperComment { comment, channel }),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str, email: &str, consent: &str) -> CommentForm {
        CommentForm {
            body: body.into(),
            email: email.into(),
            consent: consent.into(),
            ..Default::default()
        }
    }

    #[test]
    fn an_online_comment_needs_body_email_and_consent() {
        let e = OnlineComment::try_from(&form(" ", "", "")).unwrap_err();
        assert_eq!(e.message("body"), Some(Msg::ErrRequired));
        assert_eq!(e.message("email"), Some(Msg::ErrRequired));
        assert_eq!(e.message("consent"), Some(Msg::ErrConsent));
        let e = OnlineComment::try_from(&form("建议", "a@localhost", "on")).unwrap_err();
        assert_eq!(e.message("email"), Some(Msg::ErrEmail));
        let ok = OnlineComment::try_from(&CommentForm {
            article: "general".into(),
            ..form(" 建议延长期限 ", "a@example.cn", "on")
        })
        .unwrap();
        assert_eq!(ok.0.body, "建议延长期限");
        assert_eq!(ok.0.article, None);
    }

    #[test]
    fn the_honeypot_refuses_alone() {
        let e = OnlineComment::try_from(&CommentForm {
            website: "http://spam".into(),
            ..form("", "", "")
        })
        .unwrap_err();
        assert_eq!(e.errors().len(), 1);
        assert_eq!(e.message("body"), Some(Msg::ErrNotAccepted));
    }

    #[test]
    fn a_paper_comment_needs_a_paper_channel_but_no_email() {
        let e = PaperComment::try_from(&CommentForm {
            channel: "online".into(),
            ..form("来信", "", "on")
        })
        .unwrap_err();
        assert_eq!(e.message("channel"), Some(Msg::ErrChoice));
        assert!(!e.has("email"));
        let ok = PaperComment::try_from(&CommentForm {
            channel: "letter".into(),
            article: "art-2".into(),
            ..form("来信", "", "on")
        })
        .unwrap();
        assert_eq!(ok.channel, CommentChannel::Letter);
        assert_eq!(ok.comment.article.as_deref(), Some("art-2"));
    }
}
