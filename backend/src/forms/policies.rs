//! The policy and interpretation forms of drafting departments.

use super::{BODY_MAX, Check, SHORT_MAX, TITLE_MAX};
use crate::domain::doc_number::DocNumber;
use crate::domain::policy::{CATEGORIES, InterpretationKind};
use crate::error::Invalid;
use crate::i18n::Msg;
use crate::model::QaPair;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A policy as posted (新建 / 编辑政策).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    pub title: String,
    pub doc_number: String,
    pub category: String,
    pub signed_on: String,
    pub effective_on: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PolicyInput {
    pub title: String,
    pub doc_number: DocNumber,
    pub category: String,
    pub signed_on: Option<NaiveDate>,
    pub effective_on: Option<NaiveDate>,
    pub body: String,
}

/// Dates a policy can carry (the People's Republic's documents).
const POLICY_YEARS: std::ops::RangeInclusive<i32> = 1949..=2100;

impl TryFrom<&PolicyForm> for PolicyInput {
    type Error = Invalid;
    fn try_from(f: &PolicyForm) -> Result<PolicyInput, Invalid> {
        let mut c = Check::default();
        let title = c.required("title", &f.title, TITLE_MAX);
        let doc_text = c.required("doc_number", &f.doc_number, 60);
        let doc_number = DocNumber::parse(&doc_text).ok();
        if doc_number.is_none() && !doc_text.is_empty() {
            c.fail("doc_number", Msg::ErrDocNumber, None);
        }
        let category = f.category.trim().to_string();
        if !CATEGORIES.contains(&category.as_str()) {
            c.fail("category", Msg::ErrChoice, None);
        }
        let signed_on = c.date("signed_on", &f.signed_on, POLICY_YEARS, false);
        let effective_on = c.date("effective_on", &f.effective_on, POLICY_YEARS, false);
        if let (Some(s), Some(e)) = (signed_on, effective_on)
            && e < s
        {
            c.fail("effective_on", Msg::ErrDateOrder, None);
        }
        let body = c.required("body", &f.body, BODY_MAX);
        c.finish(doc_number.map(|doc_number| PolicyInput {
            title,
            doc_number,
            category,
            signed_on,
            effective_on,
            body,
        }))
    }
}

/// An interpretation as posted; `has_image` is set by the web layer when a file of an
/// accepted image type came with it (graphics need one).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct InterpretationForm {
    pub kind: String,
    pub title: String,
    pub body: String,
    pub qa: String,
    pub image_alt: String,
    pub media_url: String,
    #[serde(skip)]
    pub has_image: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct InterpretationInput {
    pub kind: InterpretationKind,
    pub title: String,
    pub body: String,
    pub qa: Vec<QaPair>,
    pub image_alt: Option<String>,
    pub media_url: Option<String>,
}

impl TryFrom<&InterpretationForm> for InterpretationInput {
    type Error = Invalid;
    fn try_from(f: &InterpretationForm) -> Result<InterpretationInput, Invalid> {
        let mut c = Check::default();
        let kind = InterpretationKind::parse(f.kind.trim());
        if kind.is_none() {
            c.fail("kind", Msg::ErrChoice, None);
        }
        let title = c.required("title", &f.title, TITLE_MAX);
        let body = c.optional("body", &f.body, BODY_MAX);
        let mut qa = Vec::new();
        let mut image_alt = None;
        let mut media_url = None;
        match kind {
            Some(InterpretationKind::Qa) => {
                qa = parse_qa(&f.qa);
                if qa.is_empty() {
                    c.fail("qa", Msg::ErrQa, None);
                }
            }
            Some(InterpretationKind::Graphic) => {
                if !f.has_image {
                    c.fail("image", Msg::ErrRequired, None);
                }
                image_alt = Some(c.required("image_alt", &f.image_alt, SHORT_MAX));
            }
            Some(InterpretationKind::Media)
            | Some(InterpretationKind::Interview)
            | Some(InterpretationKind::Press) => {
                let url = f.media_url.trim();
                if !url.is_empty() {
                    if (url.starts_with("https://") || url.starts_with("http://"))
                        && url.len() <= 1000
                        && !url.contains(char::is_whitespace)
                    {
                        media_url = Some(url.to_string());
                    } else {
                        c.fail("media_url", Msg::ErrUrl, None);
                    }
                }
                if kind == Some(InterpretationKind::Media) && body.is_empty() {
                    // A recording without a transcript shuts out deaf readers (WCAG 1.2).
                    c.fail("body", Msg::ErrRequired, None);
                }
            }
            _ => {
                if body.is_empty() {
                    c.fail("body", Msg::ErrRequired, None);
                }
            }
        }
        c.finish(kind.map(|kind| InterpretationInput {
            kind,
            title,
            body,
            qa,
            image_alt,
            media_url,
        }))
    }
}

/// Parses 问：/答： text into pairs. Lines after an answer line continue that answer.
pub fn parse_qa(text: &str) -> Vec<QaPair> {
    let mut pairs: Vec<QaPair> = Vec::new();
    let mut current_q: Option<String> = None;
    let strip = |line: &str, marks: &[&str]| {
        marks
            .iter()
            .find_map(|m| line.strip_prefix(m))
            .map(|s| s.trim().to_string())
    };
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(q) = strip(line, &["问：", "問：", "问:", "問:", "Q:", "Q："]) {
            current_q = Some(q);
        } else if let Some(a) = strip(line, &["答：", "答:", "A:", "A："]) {
            if let Some(q) = current_q.take() {
                pairs.push(QaPair {
                    question: q,
                    answer: a,
                });
            }
        } else if current_q.is_none() {
            if let Some(last) = pairs.last_mut() {
                last.answer.push('\n');
                last.answer.push_str(line);
            }
        } else if let Some(q) = current_q.as_mut() {
            q.push_str(line);
        }
    }
    pairs.retain(|p| !p.question.is_empty() && !p.answer.is_empty());
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy(f: PolicyForm) -> Result<PolicyInput, Invalid> {
        PolicyInput::try_from(&f)
    }

    fn interpretation(f: InterpretationForm) -> Result<InterpretationInput, Invalid> {
        InterpretationInput::try_from(&f)
    }

    fn s(v: &str) -> String {
        v.to_string()
    }

    #[test]
    fn valid_policy_form() {
        let p = policy(PolicyForm {
            title: s("关于政策解读的通知"),
            doc_number: s("深府办函[2026]7号"),
            category: s("open_government"),
            signed_on: s("2026-11-20"),
            body: s("第一条 总则"),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(p.doc_number.to_string(), "深府办函〔2026〕7号");
        assert_eq!(p.effective_on, None);
    }

    #[test]
    fn every_problem_is_reported() {
        let e = policy(PolicyForm {
            title: s(""),
            doc_number: s("12号"),
            category: s("x"),
            signed_on: s("2026-13-01"),
            body: s("正文"),
            ..Default::default()
        })
        .unwrap_err();
        for f in ["title", "doc_number", "category", "signed_on"] {
            assert!(e.has(f), "{f}: {e:?}");
        }
        assert!(!e.has("body"));
        assert_eq!(e.message("doc_number"), Some(Msg::ErrDocNumber));
    }

    #[test]
    fn effective_before_signed_is_rejected() {
        let e = policy(PolicyForm {
            title: s("t"),
            doc_number: s("深府〔2020〕1号"),
            category: s("open_government"),
            signed_on: s("2020-05-01"),
            effective_on: s("2020-04-01"),
            body: s("b"),
        })
        .unwrap_err();
        assert_eq!(e.message("effective_on"), Some(Msg::ErrDateOrder));
    }

    #[test]
    fn qa_pairs_parse_with_multi_line_answers() {
        let pairs = parse_qa(
            "问：什么时候发布解读？\n答：与政策同步。\n最迟3个工作日。\n問：谁负责？\n答：起草部门。",
        );
        assert_eq!(pairs.len(), 2);
        assert_eq!(pairs[0].answer, "与政策同步。\n最迟3个工作日。");
        assert_eq!(pairs[1].question, "谁负责？");
    }

    #[test]
    fn qa_needs_a_pair_and_graphic_needs_alt_text() {
        let e = interpretation(InterpretationForm {
            kind: s("qa"),
            title: s("问答"),
            qa: s("只有问题没有答案"),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.message("qa"), Some(Msg::ErrQa));
        let e = interpretation(InterpretationForm {
            kind: s("graphic"),
            title: s("图解"),
            image_alt: s(" "),
            has_image: true,
            ..Default::default()
        })
        .unwrap_err();
        assert!(e.has("image_alt"));
        assert!(!e.has("image"));
        let e = interpretation(InterpretationForm {
            kind: s("media"),
            title: s("视频"),
            media_url: s("javascript:alert(1)"),
            ..Default::default()
        })
        .unwrap_err();
        assert_eq!(e.message("media_url"), Some(Msg::ErrUrl));
        assert!(e.has("body"), "transcript required");
    }
}
