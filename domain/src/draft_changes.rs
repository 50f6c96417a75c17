//! From draft to final (征求意见稿 → 正式文本): what changed, article by article. Articles are
//! matched by their text, not their number: one renumbered with its text kept is the same
//! article, and one edited is matched to the most similar article left over. Inside a
//! changed article the difference is by character (Chinese has no spaces to split words on).

use crate::articles::{article_number, is_division};
use similar::{ChangeTag, TextDiff};

/// An article of a text: its number and its words after the label (第X条).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleText {
    pub number: u32,
    pub text: String,
}

/// What became of an article between the draft and the final text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    /// Same number, same text.
    Unchanged,
    /// Same text under another number (an article before it came or went).
    Renumbered,
    /// Edited; `punctuation_only` says whether only punctuation moved.
    Changed,
    /// New in the final text.
    Added,
    /// In the draft, gone from the final text.
    Removed,
}

/// A run of characters in a changed article: kept, taken out, or put in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Span {
    Same(String),
    Removed(String),
    Inserted(String),
}

/// One article's fate, in the final text's order (removed articles where they stood).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleChange {
    pub kind: ChangeKind,
    /// Its number in the draft, if it was there.
    pub draft: Option<u32>,
    /// Its number in the final text, if it is there.
    pub final_number: Option<u32>,
    /// Changed articles: the character-level difference.
    pub spans: Vec<Span>,
    /// Changed articles: only punctuation (and spacing) differs.
    pub punctuation_only: bool,
}

/// How alike two edited articles must be to count as one article changed (a share of their
/// characters in common, 0–1); below it the draft's is removed and the final's added.
pub const MATCH_RATIO: f32 = 0.5;

/// The articles of a plain-text document: each runs from its 第X条 line to the next article,
/// top heading (`一、`) or division (`第二章`). A number seen twice keeps the first.
pub fn articles(text: &str) -> Vec<ArticleText> {
    let mut out: Vec<ArticleText> = Vec::new();
    let mut open = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(n) = article_number(line) {
            open = !out.iter().any(|a| a.number == n);
            if open {
                out.push(ArticleText {
                    number: n,
                    text: without_label(line).to_string(),
                });
            }
        } else if is_division(line)
            || crate::articles::heading_number(line).is_some_and(|(level, _)| level == 1)
        {
            open = false;
        } else if open && let Some(a) = out.last_mut() {
            a.text.push('\n');
            a.text.push_str(line);
        }
    }
    out
}

/// `第三条　内容` → `内容`.
fn without_label(line: &str) -> &str {
    let at = line
        .find(['条', '條'])
        .map(|i| i + '条'.len_utf8())
        .unwrap_or(0);
    line[at..].trim_start_matches([' ', '\u{3000}', '\t'])
}

/// Punctuation and spacing, which a punctuation-only change touches.
fn is_punctuation(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || "，。、；：？！“”‘’（）《》〈〉【】〔〕—…·「」『』﹐﹑﹔﹕".contains(c)
}

fn letters(s: &str) -> String {
    s.chars().filter(|c| !is_punctuation(*c)).collect()
}

/// The share of characters two texts have in common (Ratcliff/Obershelp as `similar` counts
/// it), 0 to 1.
pub fn similarity(a: &str, b: &str) -> f32 {
    TextDiff::from_chars(a, b).ratio()
}

/// The character-level difference, runs of one kind joined.
pub fn spans(old: &str, new: &str) -> Vec<Span> {
    let diff = TextDiff::from_chars(old, new);
    let mut out: Vec<Span> = Vec::new();
    for change in diff.iter_all_changes() {
        let text = change.value();
        match (change.tag(), out.last_mut()) {
            (ChangeTag::Equal, Some(Span::Same(s)))
            | (ChangeTag::Delete, Some(Span::Removed(s)))
            | (ChangeTag::Insert, Some(Span::Inserted(s))) => s.push_str(text),
            (ChangeTag::Equal, _) => out.push(Span::Same(text.to_string())),
            (ChangeTag::Delete, _) => out.push(Span::Removed(text.to_string())),
            (ChangeTag::Insert, _) => out.push(Span::Inserted(text.to_string())),
        }
    }
    out
}

/// Compares a draft with its final text, article by article.
pub fn compare(draft: &str, final_text: &str) -> Vec<ArticleChange> {
    let old = articles(draft);
    let new = articles(final_text);
    // final index → draft index
    let mut matched: Vec<Option<usize>> = vec![None; new.len()];
    let mut taken = vec![false; old.len()];
    // 1. The same text, letters only (a renumbered article keeps its text), nearest first.
    for (j, n) in new.iter().enumerate() {
        let key = letters(&n.text);
        let same = (0..old.len())
            .filter(|i| !taken[*i] && letters(&old[*i].text) == key)
            .min_by_key(|i| i.abs_diff(j));
        if let Some(i) = same {
            matched[j] = Some(i);
            taken[i] = true;
        }
    }
    // 2. Edited articles: the most similar pairs left, best first.
    let mut pairs: Vec<(f32, usize, usize)> = Vec::new();
    for (j, n) in new
        .iter()
        .enumerate()
        .filter(|(j, _)| matched[*j].is_none())
    {
        for (i, o) in old.iter().enumerate().filter(|(i, _)| !taken[*i]) {
            let r = similarity(&o.text, &n.text);
            if r >= MATCH_RATIO {
                pairs.push((r, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| {
        b.0.partial_cmp(&a.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.1.abs_diff(a.2).cmp(&b.1.abs_diff(b.2)))
    });
    for (_, i, j) in pairs {
        if !taken[i] && matched[j].is_none() {
            matched[j] = Some(i);
            taken[i] = true;
        }
    }
    // 3. In the final order; a removed article stands where it stood in the draft: before
    //    the first article (kept or added) that comes before a later draft article.
    let mut out = Vec::new();
    let mut removed: std::collections::VecDeque<usize> =
        (0..old.len()).filter(|i| !taken[*i]).collect();
    for (j, n) in new.iter().enumerate() {
        // The draft position this article is at: its own, or that of the next kept one.
        let at = matched[j..].iter().flatten().next().copied();
        while let Some(&r) = removed.front().filter(|r| at.is_some_and(|at| **r < at)) {
            out.push(removal(&old[r]));
            removed.pop_front();
        }
        if let Some(i) = matched[j] {
            let o = &old[i];
            out.push(if o.text == n.text {
                ArticleChange {
                    kind: if o.number == n.number {
                        ChangeKind::Unchanged
                    } else {
                        ChangeKind::Renumbered
                    },
                    draft: Some(o.number),
                    final_number: Some(n.number),
                    spans: Vec::new(),
                    punctuation_only: false,
                }
            } else {
                ArticleChange {
                    kind: ChangeKind::Changed,
                    draft: Some(o.number),
                    final_number: Some(n.number),
                    spans: spans(&o.text, &n.text),
                    punctuation_only: letters(&o.text) == letters(&n.text),
                }
            });
        } else {
            out.push(ArticleChange {
                kind: ChangeKind::Added,
                draft: None,
                final_number: Some(n.number),
                spans: vec![Span::Inserted(n.text.clone())],
                punctuation_only: false,
            });
        }
    }
    out.extend(removed.into_iter().map(|r| removal(&old[r])));
    out
}

fn removal(a: &ArticleText) -> ArticleChange {
    ArticleChange {
        kind: ChangeKind::Removed,
        draft: Some(a.number),
        final_number: None,
        spans: vec![Span::Removed(a.text.clone())],
        punctuation_only: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeKind::*;

    /// (kind, draft number, final number) of each change.
    fn shape(c: &[ArticleChange]) -> Vec<(ChangeKind, Option<u32>, Option<u32>)> {
        c.iter()
            .map(|c| (c.kind, c.draft, c.final_number))
            .collect()
    }

    fn inserted(c: &ArticleChange) -> String {
        c.spans
            .iter()
            .filter_map(|s| match s {
                Span::Inserted(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    fn removed(c: &ArticleChange) -> String {
        c.spans
            .iter()
            .filter_map(|s| match s {
                Span::Removed(t) => Some(t.as_str()),
                _ => None,
            })
            .collect()
    }

    const RULES_FINAL: &str = include_str!("../tests/pairs/interpretation_rules.final.txt");
    const RULES_DRAFT: &str = include_str!("../tests/pairs/interpretation_rules.draft.txt");
    const NO_VISIT_FINAL: &str = include_str!("../tests/pairs/no_visit.final.txt");
    const NO_VISIT_DRAFT: &str = include_str!("../tests/pairs/no_visit.draft.txt");
    const CONSULTATION_FINAL: &str = include_str!("../tests/pairs/consultation_rules.final.txt");
    const CONSULTATION_DRAFT: &str = include_str!("../tests/pairs/consultation_rules.draft.txt");

    #[test]
    fn articles_are_read_with_their_paragraphs_and_without_labels() {
        let a = articles(
            "总则说明\n第一章 总则\n第一条　目的。\n（一）甲；\n第二条 范围。\n第二章 附则\n附则说明\n第三条 施行。",
        );
        assert_eq!(
            a,
            vec![
                ArticleText {
                    number: 1,
                    text: "目的。\n（一）甲；".into()
                },
                ArticleText {
                    number: 2,
                    text: "范围。".into()
                },
                ArticleText {
                    number: 3,
                    text: "施行。".into()
                },
            ]
        );
    }

    /// 《深圳市政策性文件解读工作规定》: the draft had an article the final text dropped
    /// (so the next ones moved up one), a deadline changed from 5 to 3 working days, and an
    /// article on consultations added (so the last two are back at their numbers).
    #[test]
    fn interpretation_rules_draft_to_final() {
        let c = compare(RULES_DRAFT, RULES_FINAL);
        assert_eq!(
            shape(&c),
            vec![
                (Unchanged, Some(1), Some(1)),
                (Unchanged, Some(2), Some(2)),
                (Removed, Some(3), None),
                (Renumbered, Some(4), Some(3)),
                (Changed, Some(5), Some(4)),
                (Renumbered, Some(6), Some(5)),
                (Renumbered, Some(7), Some(6)),
                (Renumbered, Some(8), Some(7)),
                (Added, None, Some(8)),
                (Unchanged, Some(9), Some(9)),
                (Unchanged, Some(10), Some(10)),
            ]
        );
        let deadline = &c[4];
        assert_eq!(removed(deadline), "5");
        assert_eq!(inserted(deadline), "3");
        assert!(!deadline.punctuation_only);
    }

    /// 《“不见面审批”事项管理办法》: only punctuation and spacing changed in one article,
    /// two articles swapped places, a sentence was added to another.
    #[test]
    fn no_visit_measures_draft_to_final() {
        let c = compare(NO_VISIT_DRAFT, NO_VISIT_FINAL);
        assert_eq!(
            shape(&c),
            vec![
                (Changed, Some(1), Some(1)),
                (Unchanged, Some(2), Some(2)),
                (Unchanged, Some(3), Some(3)),
                (Renumbered, Some(5), Some(4)),
                (Changed, Some(4), Some(5)),
                (Unchanged, Some(6), Some(6)),
                (Unchanged, Some(7), Some(7)),
            ]
        );
        assert!(c[0].punctuation_only, "{:?}", c[0].spans);
        assert!(
            inserted(&c[4]).contains("申请人可以选择通过邮政物流方式领取证照"),
            "{:?}",
            c[4].spans
        );
        assert!(!c[4].punctuation_only);
    }

    /// 《重大行政决策事项公开征求意见工作规定》: an article inserted, one rewritten beyond
    /// recognition (removed, and another added in its place), the period lengthened from
    /// 20 to 30 days and the validity from 3 to 5 years.
    #[test]
    fn consultation_rules_draft_to_final() {
        let c = compare(CONSULTATION_DRAFT, CONSULTATION_FINAL);
        let kinds: Vec<ChangeKind> = c.iter().map(|c| c.kind).collect();
        assert_eq!(
            shape(&c),
            vec![
                (Unchanged, Some(1), Some(1)),
                (Unchanged, Some(2), Some(2)),
                (Added, None, Some(3)),
                (Changed, Some(3), Some(4)),
                (Removed, Some(4), None),
                (Added, None, Some(5)),
                (Renumbered, Some(5), Some(6)),
                (Renumbered, Some(6), Some(7)),
                (Changed, Some(7), Some(8)),
            ],
            "{kinds:?}"
        );
        assert_eq!(
            (removed(&c[3]).as_str(), inserted(&c[3]).as_str()),
            ("2", "3")
        );
        assert_eq!(
            (removed(&c[8]).as_str(), inserted(&c[8]).as_str()),
            ("3", "5")
        );
    }

    #[test]
    fn identical_texts_change_nothing_and_empty_texts_have_no_articles() {
        let c = compare(RULES_FINAL, RULES_FINAL);
        assert!(c.iter().all(|c| c.kind == Unchanged));
        assert_eq!(c.len(), 10);
        assert!(compare("", "").is_empty());
        assert_eq!(
            shape(&compare("", "第一条 新。")),
            vec![(Added, None, Some(1))]
        );
    }
}
