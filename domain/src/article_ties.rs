//! 逐条解读: which articles of the policy a passage of an interpretation, or one of its Q&A
//! items, explains. A drafter ties them by opening the passage (or the question) with a
//! marker in square brackets, as Chinese drafting already does for cross-references:
//!
//! - `【第三条】`, `【第三条、第五条】`, `【第三、五条】`, `【第3条】`, `【第三条至第五条】`;
//! - `[第三条]` for keyboards without full-width brackets;
//! - `【总体】` (or `【全文】`) returns to passages about the policy as a whole.
//!
//! A marker ties everything up to the next marker or the next heading (`一、…`). The marker
//! itself is kept in the stored text (one source of truth) and is read on every render, so
//! nothing derived can drift from what the drafter wrote.

use crate::articles::{chinese_numeral, heading_number};

/// The longest range a marker may name (`第一条至第五十条`): a typo such as 第一条至第一千条
/// is reported instead of tying a thousand articles.
pub const MAX_RANGE: u32 = 50;

/// What a bracketed marker at the start of a line says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// These articles, ascending, without repeats.
    Articles(Vec<u32>),
    /// 【总体】: the policy as a whole.
    General,
    /// It looks like a marker (`【第…`) but cannot be read; the text inside the brackets.
    Unreadable(String),
}

/// One stretch of an interpretation's text and the articles it explains (none: the whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    pub articles: Vec<u32>,
    /// The passage's lines, the marker removed.
    pub text: String,
}

/// The articles named inside a marker's brackets: `第三条、第五条`, `第三、五条`,
/// `第三条至第五条`, `第3-5条`. `None` when it is not a list of articles.
pub fn article_refs(inner: &str) -> Option<Vec<u32>> {
    let inner: String = inner.chars().filter(|c| !c.is_whitespace()).collect();
    let rest = inner.strip_prefix('第')?;
    let mut out = Vec::new();
    for part in rest.split(['、', '，', ',', '；', ';', '和', '及', '与', '與']) {
        let part = part.trim_start_matches('第').trim_end_matches(['条', '條']);
        if part.is_empty() {
            return None;
        }
        let mut bounds = part.splitn(2, ['至', '到', '-', '－', '—', '～', '~']);
        let from = number(bounds.next()?)?;
        match bounds.next() {
            None => out.push(from),
            Some(to) => {
                let to = number(to)?;
                if to < from || to - from >= MAX_RANGE {
                    return None;
                }
                out.extend(from..=to);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    (!out.is_empty()).then_some(out)
}

fn number(s: &str) -> Option<u32> {
    let s = s.trim_start_matches('第').trim_end_matches(['条', '條']);
    if s.chars().count() > 6 {
        return None;
    }
    chinese_numeral(s)
}

/// A marker at the start of `line`, and the text after it.
pub fn marker(line: &str) -> Option<(Marker, &str)> {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let (inner, rest) = if let Some(r) = line.strip_prefix('【') {
        r.split_once('】')?
    } else if let Some(r) = line.strip_prefix('[') {
        r.split_once(']')?
    } else {
        return None;
    };
    let trimmed = inner.trim();
    let m = if matches!(trimmed, "总体" | "總體" | "全文") {
        Marker::General
    } else if let Some(list) = article_refs(trimmed) {
        Marker::Articles(list)
    } else if trimmed.starts_with('第') {
        Marker::Unreadable(trimmed.to_string())
    } else {
        // 【注】, [1] and the like are the text's own brackets, not markers.
        return None;
    };
    Some((m, rest.trim_start_matches([' ', '\u{3000}', '\t'])))
}

/// Splits a plain-text interpretation into passages. Text before the first marker, and after
/// 【总体】, explains the policy as a whole; a heading (`一、…`) ends a tied passage.
pub fn passages(text: &str) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    let mut current: Option<Passage> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let (tie, rest) = match marker(line) {
            Some((Marker::Articles(list), rest)) => (Some(list), rest),
            Some((Marker::General, rest)) => (Some(Vec::new()), rest),
            // Shown as written; the form refuses it before it is ever saved.
            Some((Marker::Unreadable(_), _)) | None => (None, line),
        };
        // A drafter's "第三条规定……" inside a passage does not end it; a heading does.
        let breaks = heading_number(rest).is_some_and(|(level, _)| level == 1);
        let starts_new = match (&tie, &current) {
            (Some(_), _) | (None, None) => true,
            (None, Some(p)) => breaks && !p.articles.is_empty(),
        };
        if starts_new {
            if let Some(p) = current.take() {
                out.push(p);
            }
            current = Some(Passage {
                articles: tie.unwrap_or_default(),
                text: String::new(),
            });
        }
        if let Some(p) = current.as_mut() {
            if rest.is_empty() {
                continue;
            }
            if !p.text.is_empty() {
                p.text.push('\n');
            }
            p.text.push_str(rest);
        }
    }
    out.extend(current);
    // A marker on a line of its own followed by nothing says nothing.
    out.retain(|p| !p.text.is_empty());
    // Neighbouring passages about the whole are one passage.
    let mut merged: Vec<Passage> = Vec::with_capacity(out.len());
    for p in out {
        match merged.last_mut() {
            Some(last) if last.articles.is_empty() && p.articles.is_empty() => {
                last.text.push('\n');
                last.text.push_str(&p.text);
            }
            _ => merged.push(p),
        }
    }
    merged
}

/// Everything a drafter's text names that the policy does not have: unreadable markers and
/// articles it lacks. `articles` are the policy's article numbers.
pub fn problems(text: &str, articles: &[u32]) -> Vec<TieProblem> {
    let mut out = Vec::new();
    for line in text.lines() {
        // A Q&A question carries its marker after 问：.
        let line = line.trim();
        let line = ["问：", "問：", "问:", "問:", "Q:", "Q："]
            .iter()
            .find_map(|m| line.strip_prefix(m))
            .unwrap_or(line);
        match marker(line) {
            Some((Marker::Unreadable(s), _)) => out.push(TieProblem::Unreadable(s)),
            Some((Marker::Articles(list), _)) => {
                for n in list {
                    if !articles.contains(&n) {
                        out.push(TieProblem::NoSuchArticle(n));
                    }
                }
            }
            _ => {}
        }
    }
    out.dedup();
    out
}

/// Why a tie cannot be saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TieProblem {
    Unreadable(String),
    NoSuchArticle(u32),
}

/// `第三条` for article 3, in the policy's own numerals.
pub fn article_label(n: u32) -> String {
    format!("第{}条", chinese_number(n))
}

/// 3 → 三, 12 → 十二, 105 → 一百零五 (up to 9,999).
pub fn chinese_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    if n == 0 || n > 9999 {
        return n.to_string();
    }
    if (10..20).contains(&n) {
        return format!(
            "十{}",
            if n.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(n % 10) as usize]
            }
        );
    }
    let mut out = String::new();
    let mut zero = false;
    for (unit, name) in [(1000, "千"), (100, "百"), (10, "十"), (1, "")] {
        let d = (n / unit) % 10;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push('零');
            zero = false;
        }
        out.push_str(DIGITS[d as usize]);
        out.push_str(name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::articles::article_number;

    #[test]
    fn markers_name_one_or_more_articles() {
        assert_eq!(article_refs("第三条"), Some(vec![3]));
        assert_eq!(article_refs("第三条、第五条"), Some(vec![3, 5]));
        assert_eq!(article_refs("第三、五条"), Some(vec![3, 5]));
        assert_eq!(article_refs("第3条"), Some(vec![3]));
        assert_eq!(article_refs("第三条至第五条"), Some(vec![3, 4, 5]));
        assert_eq!(article_refs("第3-5条"), Some(vec![3, 4, 5]));
        assert_eq!(article_refs("第十二條和第十條"), Some(vec![10, 12]));
        assert_eq!(article_refs("第 五 条"), Some(vec![5]));
        assert_eq!(article_refs("第五条至第三条"), None);
        assert_eq!(article_refs("第一条至第一千条"), None);
        assert_eq!(article_refs("第三章"), None);
        assert_eq!(article_refs("注"), None);
    }

    #[test]
    fn brackets_that_are_not_markers_are_left_alone() {
        assert_eq!(
            marker("【第三条】明确了适用范围"),
            Some((Marker::Articles(vec![3]), "明确了适用范围"))
        );
        assert_eq!(
            marker("　[第3条] 适用范围"),
            Some((Marker::Articles(vec![3]), "适用范围"))
        );
        assert_eq!(marker("【总体】其余"), Some((Marker::General, "其余")));
        assert_eq!(
            marker("【第三张】"),
            Some((Marker::Unreadable("第三张".into()), ""))
        );
        assert_eq!(marker("【注】本文所称……"), None);
        assert_eq!(marker("[1] 参见"), None);
        assert_eq!(marker("第三条 正文"), None);
        assert_eq!(marker("【第三条 没有结束"), None);
    }

    #[test]
    fn a_marker_ties_the_following_lines_until_the_next_marker_or_heading() {
        let text = "本办法出台的背景。\n\
                    【第三条】第三条明确了适用范围。\n\
                    适用范围包括全市各级行政机关。\n\
                    【第五条、第六条】\n\
                    这两条规定了办理时限。\n\
                    二、其他说明\n\
                    本解读由市政务服务数据管理局负责。\n\
                    【总体】\n\
                    欢迎来电咨询。";
        let p = passages(text);
        assert_eq!(
            p,
            vec![
                Passage {
                    articles: vec![],
                    text: "本办法出台的背景。".into()
                },
                Passage {
                    articles: vec![3],
                    text: "第三条明确了适用范围。\n适用范围包括全市各级行政机关。".into()
                },
                Passage {
                    articles: vec![5, 6],
                    text: "这两条规定了办理时限。".into()
                },
                Passage {
                    articles: vec![],
                    text: "二、其他说明\n本解读由市政务服务数据管理局负责。\n欢迎来电咨询。".into()
                },
            ]
        );
    }

    #[test]
    fn text_without_markers_is_one_passage_about_the_whole() {
        let p = passages("一、背景\n（一）缘起\n第一条的内容被引用。");
        let tied = passages("【第三条】\n第三条规定了范围。\n第四条另有规定的除外。");
        assert_eq!(tied.len(), 1);
        assert_eq!(tied[0].articles, vec![3]);
        assert_eq!(p.len(), 1);
        assert!(p[0].articles.is_empty());
        assert_eq!(p[0].text, "一、背景\n（一）缘起\n第一条的内容被引用。");
        assert!(passages("").is_empty());
        assert!(passages("【第一条】\n").is_empty());
    }

    #[test]
    fn problems_name_unreadable_markers_and_missing_articles() {
        let articles = [1, 2, 3];
        assert!(problems("【第三条】好\n问：【第一条、第二条】为何？", &articles).is_empty());
        assert_eq!(
            problems(
                "【第九条】\n问：【第三章】为何？\n【第九条】又一次",
                &articles
            ),
            vec![
                TieProblem::NoSuchArticle(9),
                TieProblem::Unreadable("第三章".into()),
                TieProblem::NoSuchArticle(9),
            ]
        );
    }

    #[test]
    fn labels_use_chinese_numerals_that_read_back() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (2019, "二千零一十九"),
        ] {
            assert_eq!(chinese_number(n), s);
        }
        for n in 1..=300 {
            assert_eq!(article_number(&article_label(n)), Some(n), "{n}");
        }
    }
}
