//! The decision form of the adoption workspace: an outcome and a response, for the comments
//! ticked, a near-duplicate group, or all comments on one article.

use super::Check;
use crate::domain::adoption::{DecisionError, Outcome, RESPONSE_MAX_CHARS, check_decision};
use crate::error::Invalid;
use crate::i18n::Msg;
use serde::{Deserialize, Serialize};

/// Most comments one selection by ids may name (a page holds far fewer).
pub const MAX_DECIDED_BY_ID: usize = 1000;

/// A decision as posted. `ids` come from repeated checkboxes, so the web layer collects
/// them from the list of pairs.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct DecisionForm {
    pub outcome: String,
    pub response: String,
    #[serde(skip)]
    pub ids: Vec<i32>,
    /// A near-duplicate group's id.
    pub group: String,
    /// An article's anchor.
    pub article: String,
    /// A response template's id: its text is the response when none is typed.
    pub template: String,
    /// A topic's id: every comment under it.
    pub topic: String,
    /// The title of a new topic the ticked comments are put under.
    pub topic_title: String,
    /// A change of the final text (`5-4`) the chosen comments led to.
    pub change: String,
    /// Set by the "untie" button: the chosen comments are untied from `change`.
    pub untie: String,
}

/// A response template as posted (答复模板).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateForm {
    pub template_title: String,
    pub template_body: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct NewTemplate {
    pub title: String,
    pub body: String,
}

impl TryFrom<&TemplateForm> for NewTemplate {
    type Error = Invalid;
    fn try_from(f: &TemplateForm) -> Result<NewTemplate, Invalid> {
        let mut c = Check::default();
        let title = c.required("template_title", &f.template_title, 100);
        let body = c.required("template_body", &f.template_body, RESPONSE_MAX_CHARS);
        c.finish(Some(NewTemplate { title, body }))
    }
}

/// Which published comments a decision is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecisionTarget {
    Ids(Vec<i32>),
    Group(i32),
    Article(String),
    Topic(i32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub outcome: Outcome,
    pub response: Option<String>,
    pub target: DecisionTarget,
}

impl TryFrom<&DecisionForm> for Decision {
    type Error = Invalid;
    fn try_from(f: &DecisionForm) -> Result<Decision, Invalid> {
        let mut c = Check::default();
        let outcome = Outcome::parse(f.outcome.trim());
        if outcome.is_none() {
            c.fail("outcome", Msg::ErrChoice, None);
        }
        let checked = outcome.map(|o| check_decision(o, &f.response));
        match checked {
            Some(Err(DecisionError::ResponseRequired)) => {
                c.fail("response", Msg::ErrResponseRequired, None)
            }
            Some(Err(DecisionError::ResponseTooLong)) => c.fail(
                "response",
                Msg::ErrTooLong,
                Some(RESPONSE_MAX_CHARS.to_string()),
            ),
            _ => {}
        }
        let target = target_of(f);
        if target.is_none() {
            c.fail("ids", Msg::ErrNothingSelected, None);
        }
        c.finish(match (checked, target) {
            (Some(Ok((outcome, response))), Some(target)) => Some(Decision {
                outcome,
                response,
                target,
            }),
            _ => None,
        })
    }
}

/// The comments chosen: a topic, a group or an article ticked whole, or comments ticked.
fn target_of(f: &DecisionForm) -> Option<DecisionTarget> {
    let mut ids = f.ids.clone();
    ids.sort_unstable();
    ids.dedup();
    let group = f.group.trim();
    let article = f.article.trim();
    let topic = f.topic.trim();
    if !topic.is_empty() {
        topic.parse().ok().map(DecisionTarget::Topic)
    } else if !group.is_empty() {
        group.parse().ok().map(DecisionTarget::Group)
    } else if !article.is_empty() {
        Some(DecisionTarget::Article(article.to_string()))
    } else if !ids.is_empty() && ids.len() <= MAX_DECIDED_BY_ID {
        Some(DecisionTarget::Ids(ids))
    } else {
        None
    }
}

/// Comments tied to (or untied from) a change of the final text.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeTie {
    /// `5-4`, `3-`, `-8`.
    pub change: String,
    pub target: DecisionTarget,
    pub remove: bool,
}

impl TryFrom<&DecisionForm> for ChangeTie {
    type Error = Invalid;
    fn try_from(f: &DecisionForm) -> Result<ChangeTie, Invalid> {
        let mut c = Check::default();
        let change = f.change.trim();
        let well_formed = change.len() <= 20
            && change.split_once('-').is_some_and(|(a, b)| {
                (!a.is_empty() || !b.is_empty())
                    && a.chars().chain(b.chars()).all(|c| c.is_ascii_digit())
            });
        if !well_formed {
            c.fail("change", Msg::ErrChoice, None);
        }
        let target = target_of(f);
        if target.is_none() {
            c.fail("ids", Msg::ErrNothingSelected, None);
        }
        c.finish(target.map(|target| ChangeTie {
            change: change.to_string(),
            target,
            remove: !f.untie.trim().is_empty(),
        }))
    }
}

/// A new topic for the ticked comments.
#[derive(Clone, Debug, PartialEq)]
pub struct NewTopic {
    pub title: String,
    pub ids: Vec<i32>,
}

impl TryFrom<&DecisionForm> for NewTopic {
    type Error = Invalid;
    fn try_from(f: &DecisionForm) -> Result<NewTopic, Invalid> {
        let mut c = Check::default();
        let title = c.required("topic_title", &f.topic_title, 100);
        let mut ids = f.ids.clone();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() || ids.len() > MAX_DECIDED_BY_ID {
            c.fail("ids", Msg::ErrNothingSelected, None);
        }
        c.finish(Some(NewTopic { title, ids }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(outcome: &str, response: &str, ids: &[i32]) -> DecisionForm {
        DecisionForm {
            outcome: outcome.into(),
            response: response.into(),
            ids: ids.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn a_decision_needs_an_outcome_a_reason_and_a_target() {
        let e = Decision::try_from(&form("", "", &[])).unwrap_err();
        assert_eq!(e.message("outcome"), Some(Msg::ErrChoice));
        assert_eq!(e.message("ids"), Some(Msg::ErrNothingSelected));
        let e = Decision::try_from(&form("not_adopted", " ", &[3])).unwrap_err();
        assert_eq!(e.message("response"), Some(Msg::ErrResponseRequired));
        let d = Decision::try_from(&form("adopted", "", &[5, 3, 5])).unwrap();
        assert_eq!(d.target, DecisionTarget::Ids(vec![3, 5]));
        assert_eq!(d.response, None);
    }

    #[test]
    fn a_group_or_an_article_takes_the_place_of_ticked_comments() {
        let d = Decision::try_from(&DecisionForm {
            group: "17".into(),
            ..form("out_of_scope", "不属于本次征求意见范围", &[1])
        })
        .unwrap();
        assert_eq!(d.target, DecisionTarget::Group(17));
        let d = Decision::try_from(&DecisionForm {
            article: "art-3".into(),
            ..form("partly_adopted", "部分采纳", &[])
        })
        .unwrap();
        assert_eq!(d.target, DecisionTarget::Article("art-3".into()));
        let too_many: Vec<i32> = (1..=1001).collect();
        let e = Decision::try_from(&form("adopted", "", &too_many)).unwrap_err();
        assert!(e.has("ids"));
    }
}
