//! Where HTTP form input becomes domain values: each form is validated completely, and a
//! failure returns every problem at once together with what was typed.

use crate::domain::doc_number::DocNumber;
use crate::domain::policy::{CATEGORIES, InterpretationKind};
use crate::i18n::Msg;
use crate::model::{FormFeedback, QaPair};
use chrono::NaiveDate;
use std::collections::BTreeMap;

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

/// What was typed, kept for showing the form again (never the CSRF token or honeypot).
pub fn typed(form: &BTreeMap<String, String>) -> FormFeedback {
    FormFeedback {
        values: form
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "website"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        ..Default::default()
    }
}

pub const TITLE_MAX: usize = 200;
pub const BODY_MAX: usize = 200_000;
pub const SHORT_MAX: usize = 500;

struct Check {
    values: BTreeMap<String, String>,
    errors: BTreeMap<String, (String, Option<String>)>,
}

impl Check {
    fn new(values: &BTreeMap<String, String>) -> Check {
        Check {
            values: values.clone(),
            errors: BTreeMap::new(),
        }
    }
    fn get(&self, field: &str) -> String {
        self.values
            .get(field)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    }
    fn fail(&mut self, field: &str, msg: Msg, arg: Option<String>) {
        self.errors
            .entry(field.to_string())
            .or_insert((msg.key().to_string(), arg));
    }
    fn required(&mut self, field: &str, max: usize) -> String {
        let v = self.get(field);
        if v.is_empty() {
            self.fail(field, Msg::ErrRequired, None);
        } else if v.chars().count() > max {
            self.fail(field, Msg::ErrTooLong, Some(max.to_string()));
        }
        v
    }
    fn optional_date(&mut self, field: &str) -> Option<NaiveDate> {
        let v = self.get(field);
        if v.is_empty() {
            return None;
        }
        match NaiveDate::parse_from_str(&v, "%Y-%m-%d") {
            Ok(d) if (1949..=2100).contains(&chrono::Datelike::year(&d)) => Some(d),
            _ => {
                self.fail(field, Msg::ErrDate, None);
                None
            }
        }
    }
    fn finish<T>(self, value: T) -> Result<T, FormFeedback> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(FormFeedback {
                values: self.values,
                errors: self.errors,
                ..Default::default()
            })
        }
    }
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

pub fn policy(values: &BTreeMap<String, String>) -> Result<PolicyInput, FormFeedback> {
    let mut c = Check::new(values);
    let title = c.required("title", TITLE_MAX);
    let doc_text = c.required("doc_number", 60);
    let doc_number = DocNumber::parse(&doc_text).ok();
    if doc_number.is_none() && !doc_text.is_empty() {
        c.fail("doc_number", Msg::ErrDocNumber, None);
    }
    let category = c.get("category");
    if !CATEGORIES.contains(&category.as_str()) {
        c.fail("category", Msg::ErrChoice, None);
    }
    let signed_on = c.optional_date("signed_on");
    let effective_on = c.optional_date("effective_on");
    if let (Some(s), Some(e)) = (signed_on, effective_on)
        && e < s
    {
        c.fail("effective_on", Msg::ErrDateOrder, None);
    }
    let body = c.required("body", BODY_MAX);
    match doc_number {
        Some(doc_number) => c.finish(PolicyInput {
            title,
            doc_number,
            category,
            signed_on,
            effective_on,
            body,
        }),
        None => {
            c.fail("doc_number", Msg::ErrRequired, None);
            Err(FormFeedback {
                values: c.values,
                errors: c.errors,
                ..Default::default()
            })
        }
    }
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

/// `has_image`: whether a valid image file came with the form (graphics need one).
pub fn interpretation(
    values: &BTreeMap<String, String>,
    has_image: bool,
) -> Result<InterpretationInput, FormFeedback> {
    let mut c = Check::new(values);
    let kind = InterpretationKind::parse(&c.get("kind"));
    if kind.is_none() {
        c.fail("kind", Msg::ErrChoice, None);
    }
    let title = c.required("title", TITLE_MAX);
    let mut body = c.get("body");
    if body.chars().count() > BODY_MAX {
        c.fail("body", Msg::ErrTooLong, Some(BODY_MAX.to_string()));
    }
    let mut qa = Vec::new();
    let mut image_alt = None;
    let mut media_url = None;
    match kind {
        Some(InterpretationKind::Qa) => {
            qa = parse_qa(&c.get("qa"));
            if qa.is_empty() {
                c.fail("qa", Msg::ErrQa, None);
            }
        }
        Some(InterpretationKind::Graphic) => {
            if !has_image {
                c.fail("image", Msg::ErrRequired, None);
            }
            let alt = c.required("image_alt", SHORT_MAX);
            image_alt = Some(alt);
        }
        Some(InterpretationKind::Media)
        | Some(InterpretationKind::Interview)
        | Some(InterpretationKind::Press) => {
            let url = c.get("media_url");
            if !url.is_empty() {
                if (url.starts_with("https://") || url.starts_with("http://"))
                    && url.len() <= 1000
                    && !url.contains(char::is_whitespace)
                {
                    media_url = Some(url);
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
    body = body.trim().to_string();
    match kind {
        Some(kind) => c.finish(InterpretationInput {
            kind,
            title,
            body,
            qa,
            image_alt,
            media_url,
        }),
        None => Err(FormFeedback {
            values: c.values,
            errors: c.errors,
            ..Default::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn valid_policy_form() {
        let p = policy(&form(&[
            ("title", "关于政策解读的通知"),
            ("doc_number", "深府办函[2026]7号"),
            ("category", "open_government"),
            ("signed_on", "2026-11-20"),
            ("body", "第一条 总则"),
        ]))
        .unwrap();
        assert_eq!(p.doc_number.to_string(), "深府办函〔2026〕7号");
        assert_eq!(p.effective_on, None);
    }

    #[test]
    fn every_problem_is_reported_and_input_kept() {
        let fb = policy(&form(&[
            ("title", ""),
            ("doc_number", "12号"),
            ("category", "x"),
            ("signed_on", "2026-13-01"),
            ("body", "正文"),
        ]))
        .unwrap_err();
        for f in ["title", "doc_number", "category", "signed_on"] {
            assert!(fb.errors.contains_key(f), "{f}: {fb:?}");
        }
        assert_eq!(fb.value("doc_number"), "12号");
        assert_eq!(fb.value("body"), "正文");
        assert_eq!(fb.errors["doc_number"].0, "ErrDocNumber");
    }

    #[test]
    fn effective_before_signed_is_rejected() {
        let fb = policy(&form(&[
            ("title", "t"),
            ("doc_number", "深府〔2020〕1号"),
            ("category", "open_government"),
            ("signed_on", "2020-05-01"),
            ("effective_on", "2020-04-01"),
            ("body", "b"),
        ]))
        .unwrap_err();
        assert_eq!(fb.errors["effective_on"].0, "ErrDateOrder");
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
        let fb = interpretation(
            &form(&[
                ("kind", "qa"),
                ("title", "问答"),
                ("qa", "只有问题没有答案"),
            ]),
            false,
        )
        .unwrap_err();
        assert_eq!(fb.errors["qa"].0, "ErrQa");
        let fb = interpretation(
            &form(&[("kind", "graphic"), ("title", "图解"), ("image_alt", " ")]),
            true,
        )
        .unwrap_err();
        assert!(fb.errors.contains_key("image_alt"));
        let fb = interpretation(
            &form(&[
                ("kind", "media"),
                ("title", "视频"),
                ("media_url", "javascript:alert(1)"),
            ]),
            false,
        )
        .unwrap_err();
        assert_eq!(fb.errors["media_url"].0, "ErrUrl");
        assert!(fb.errors.contains_key("body"), "transcript required");
    }
}
