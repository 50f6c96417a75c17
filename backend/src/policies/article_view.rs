//! 逐条解读 on the policy page: the policy's text in blocks, one per article, each with the
//! passages and Q&A items of interpretations that explain it; and each interpretation's
//! passages with the articles they explain, quoted.

use super::*;
use crate::domain::article_ties::{self, TieProblem};
use crate::domain::escape_text;
use crate::domain::i18n::Msg;

/// How much of an article an interpretation quotes beside its passage.
const EXCERPT_CHARS: usize = 80;

/// An interpretation's body and Q&A with the tie markers read (and removed from the text).
pub(crate) struct Parts {
    pub passages: Vec<(Vec<u32>, String)>,
    pub qa: Vec<(QaPair, Vec<u32>)>,
}

/// Reads an interpretation's stored body and Q&A. A body in HTML is one passage about the
/// whole (markers are read in plain text only).
pub(crate) fn parts(body: &str, qa_json: &str) -> Parts {
    let passages = if body.trim().is_empty() {
        Vec::new()
    } else if sanitize::looks_like_html(body) {
        vec![(Vec::new(), sanitize::clean_html(body))]
    } else {
        article_ties::passages(body)
            .into_iter()
            .map(|p| (p.articles, passage_html(&p.text)))
            .collect()
    };
    let qa = serde_json::from_str::<Vec<QaPair>>(qa_json)
        .unwrap_or_default()
        .into_iter()
        .map(|p| match article_ties::marker(&p.question) {
            Some((article_ties::Marker::Articles(list), rest)) => (
                QaPair {
                    question: rest.to_string(),
                    answer: p.answer,
                },
                list,
            ),
            Some((article_ties::Marker::General, rest)) => (
                QaPair {
                    question: rest.to_string(),
                    answer: p.answer,
                },
                Vec::new(),
            ),
            _ => (p, Vec::new()),
        })
        .collect();
    Parts { passages, qa }
}

/// Is any passage or question of this interpretation tied to an article?
pub(crate) fn is_tied(body: &str, qa_json: &str) -> bool {
    let in_body = !sanitize::looks_like_html(body)
        && article_ties::passages(body)
            .iter()
            .any(|p| !p.articles.is_empty());
    in_body
        || serde_json::from_str::<Vec<QaPair>>(qa_json)
            .unwrap_or_default()
            .iter()
            .any(|p| {
                matches!(
                    article_ties::marker(&p.question),
                    Some((article_ties::Marker::Articles(_), _))
                )
            })
}

/// A passage's text as HTML: headings (`一、…`) as headings without ids (the ids of the
/// page belong to the policy's articles), everything else as escaped paragraphs.
fn passage_html(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| match crate::domain::articles::heading_number(l) {
            Some((1, _)) => format!("<h4>{}</h4>", escape_text(l)),
            _ => format!("<p>{}</p>", escape_text(l)),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The policy's text in blocks: an article runs from its line to the next article, the next
/// top heading (`一、`) or division (`第二章`). A text in HTML is one block.
pub(crate) fn body_blocks(body: &str) -> Vec<(BodyBlock, String)> {
    if sanitize::looks_like_html(body) {
        let html = sanitize::render_body(body);
        return vec![(
            BodyBlock {
                article: None,
                html,
                notes: Vec::new(),
            },
            String::new(),
        )];
    }
    // (block, its plain text)
    let mut out: Vec<(BodyBlock, String)> = Vec::new();
    for (entry, html, line) in sanitize::text_lines(body) {
        let article = entry.as_ref().filter(|e| e.level == 3).and_then(|e| {
            Some(ArticleRef {
                number: e.anchor.strip_prefix("art-")?.parse().ok()?,
                anchor: e.anchor.clone(),
                label: e.label.clone(),
            })
        });
        let ends = article.is_some()
            || entry.as_ref().is_some_and(|e| e.level == 1)
            || articles::is_division(line);
        let continues = !ends && out.last().is_some();
        if continues {
            let (block, text) = out.last_mut().expect("checked");
            block.html.push('\n');
            block.html.push_str(&html);
            text.push('\n');
            text.push_str(line);
        } else {
            // Text between articles gathers in one block (a heading and what follows it).
            let joins = article.is_none() && out.last().is_some_and(|(b, _)| b.article.is_none());
            if joins {
                let (block, text) = out.last_mut().expect("checked");
                block.html.push('\n');
                block.html.push_str(&html);
                text.push('\n');
                text.push_str(line);
            } else {
                out.push((
                    BodyBlock {
                        article,
                        html,
                        notes: Vec::new(),
                    },
                    line.to_string(),
                ));
            }
        }
    }
    out
}

/// The beginning of an article's text, without its label, for quoting.
fn excerpt(text: &str) -> String {
    let text = text.trim_start();
    let rest = text
        .find(['条', '條'])
        .filter(|_| text.starts_with('第'))
        .map(|i| &text[i + '条'.len_utf8()..])
        .unwrap_or(text)
        .trim_start_matches([' ', '\u{3000}']);
    let flat: String = rest.split('\n').collect::<Vec<_>>().join(" ");
    if flat.chars().count() > EXCERPT_CHARS {
        let mut s: String = flat.chars().take(EXCERPT_CHARS).collect();
        s.push('…');
        s
    } else {
        flat
    }
}

/// Quotes of the policy's articles, by number.
pub(crate) fn quotes(blocks: &[(BodyBlock, String)]) -> HashMap<u32, ArticleQuote> {
    blocks
        .iter()
        .filter_map(|(b, text)| {
            let a = b.article.as_ref()?;
            Some((
                a.number,
                ArticleQuote {
                    number: a.number,
                    anchor: a.anchor.clone(),
                    label: a.label.clone(),
                    excerpt: excerpt(text),
                },
            ))
        })
        .collect()
}

/// The interpretation as shown: passages and Q&A with the articles they explain quoted.
/// An article the policy does not have (a marker saved before a check existed) is left out.
pub(crate) fn interpretation_parts(
    i: &interpretation::Model,
    quotes: &HashMap<u32, ArticleQuote>,
) -> (Vec<PassageView>, Vec<QaView>) {
    let parts = parts(&i.body, &i.qa_json);
    let quote = |list: &[u32]| -> Vec<ArticleQuote> {
        list.iter().filter_map(|n| quotes.get(n).cloned()).collect()
    };
    let passages = parts
        .passages
        .iter()
        .map(|(list, html)| PassageView {
            articles: quote(list),
            html: html.clone(),
        })
        .collect();
    let qa = parts
        .qa
        .into_iter()
        .map(|(p, list)| QaView {
            articles: quote(&list),
            question: p.question,
            answer: p.answer,
        })
        .collect();
    (passages, qa)
}

/// Puts every tied passage and Q&A item beside its articles, interpretations in order.
pub(crate) fn attach_notes(blocks: &mut [(BodyBlock, String)], interps: &[InterpretationView]) {
    let mut at: HashMap<u32, usize> = HashMap::new();
    for (k, (b, _)) in blocks.iter().enumerate() {
        if let Some(a) = &b.article {
            at.insert(a.number, k);
        }
    }
    for i in interps {
        let note = |content: NoteContent| ArticleNote {
            interpretation_id: i.id,
            kind: i.kind,
            title: i.title.clone(),
            content,
        };
        for p in &i.passages {
            for a in &p.articles {
                if let Some(&k) = at.get(&a.number) {
                    blocks[k]
                        .0
                        .notes
                        .push(note(NoteContent::Passage(p.html.clone())));
                }
            }
        }
        for q in &i.qa {
            for a in &q.articles {
                if let Some(&k) = at.get(&a.number) {
                    blocks[k].0.notes.push(note(NoteContent::Qa {
                        question: q.question.clone(),
                        answer: q.answer.clone(),
                    }));
                }
            }
        }
    }
}

/// The policy's article numbers (a text in HTML has none).
pub(crate) fn article_numbers(body: &str) -> Vec<u32> {
    if sanitize::looks_like_html(body) {
        return Vec::new();
    }
    articles::outline(body)
        .into_iter()
        .filter_map(|(_, e)| e.anchor.strip_prefix("art-")?.parse().ok())
        .collect()
}

/// Refuses markers the policy cannot answer: unreadable ones, articles it does not have.
pub(crate) fn check_ties(policy_body: &str, input: &InterpretationInput) -> Result<(), Invalid> {
    let numbers = article_numbers(policy_body);
    let mut invalid = Invalid::default();
    let qa_text: String = input
        .qa
        .iter()
        .map(|p| format!("问：{}\n", p.question))
        .collect();
    let body = if sanitize::looks_like_html(&input.body) {
        ""
    } else {
        input.body.as_str()
    };
    for (field, text) in [("body", body), ("qa", qa_text.as_str())] {
        if let Some(p) = article_ties::problems(text, &numbers).into_iter().next() {
            match p {
                TieProblem::Unreadable(s) => {
                    invalid.add(field, Msg::ErrTieUnreadable, Some(format!("【{s}】")))
                }
                TieProblem::NoSuchArticle(n) => invalid.add(
                    field,
                    Msg::ErrTieNoSuchArticle,
                    Some(article_ties::article_label(n)),
                ),
            }
        }
    }
    invalid.or_ok(())
}

/// One article of a published policy with its interpretation (`/policies/:id/articles/:n`).
pub async fn article_page(
    state: &AppState,
    id: i32,
    number: u32,
) -> Result<ArticlePage, ServiceError> {
    let d = detail(state, id, None, true).await?;
    let articles: Vec<&BodyBlock> = d.body.iter().filter(|b| b.article.is_some()).collect();
    let k = articles
        .iter()
        .position(|b| b.article.as_ref().is_some_and(|a| a.number == number))
        .ok_or(ServiceError::NotFound)?;
    Ok(ArticlePage {
        policy_id: id,
        policy_title: d.summary.title.clone(),
        doc_number: d.summary.doc_number.clone(),
        block: articles[k].clone(),
        previous: k.checked_sub(1).and_then(|p| articles[p].article.clone()),
        next: articles.get(k + 1).and_then(|b| b.article.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_run_to_the_next_article_heading_or_chapter() {
        let body = "为了规范管理，制定本办法。\n第一章 总则\n第一条 本办法适用于全市。\n（一）行政机关；\n（二）事业单位。\n第二条 市政务服务数据管理局负责实施。\n第二章 附则\n第三条 本办法自公布之日起施行。";
        let blocks = body_blocks(body);
        let shape: Vec<(Option<u32>, usize)> = blocks
            .iter()
            .map(|(b, t)| (b.article.as_ref().map(|a| a.number), t.lines().count()))
            .collect();
        assert_eq!(
            shape,
            vec![
                (None, 2),
                (Some(1), 3),
                (Some(2), 1),
                (None, 1),
                (Some(3), 1)
            ]
        );
        assert!(blocks[1].0.html.contains("id=\"art-1\""));
        assert!(blocks[1].0.html.contains("（二）事业单位。"));
        let q = quotes(&blocks);
        assert_eq!(q[&1].label, "第一条");
        assert_eq!(
            q[&1].excerpt,
            "本办法适用于全市。 （一）行政机关； （二）事业单位。"
        );
    }

    #[test]
    fn markers_leave_the_text_and_questions() {
        let qa = serde_json::to_string(&vec![
            QaPair {
                question: "【第二条】谁负责？".into(),
                answer: "市局。".into(),
            },
            QaPair {
                question: "何时施行？".into(),
                answer: "公布之日。".into(),
            },
        ])
        .unwrap();
        let p = parts("总的说明。\n【第一条】适用于<全市>。", &qa);
        assert_eq!(
            p.passages,
            vec![
                (vec![], "<p>总的说明。</p>".to_string()),
                (vec![1], "<p>适用于&lt;全市&gt;。</p>".to_string())
            ]
        );
        assert_eq!(p.qa[0].0.question, "谁负责？");
        assert_eq!(p.qa[0].1, vec![2]);
        assert!(p.qa[1].1.is_empty());
    }
}
