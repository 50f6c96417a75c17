//! Articles (第一条, 第二条 …) and numbered headings (一、 / （一）) of a policy text, and the
//! stable anchors they get (`art-3`, `sec-2`, `sec-2-1`). A published text never changes, so
//! anchors derived from the numbers themselves stay valid for every link ever made to them.

use serde::{Deserialize, Serialize};

/// One entry of a document's outline: an article or a numbered heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutlineEntry {
    pub anchor: String,
    pub label: String,
    pub level: u8,
}

/// Value of a Chinese numeral of up to four digits (一 … 九千九百九十九), also 〇/零 and 两.
pub fn chinese_numeral(s: &str) -> Option<u32> {
    if s.is_empty() {
        return None;
    }
    if s.chars().all(|c| c.is_ascii_digit()) {
        return s.parse().ok().filter(|n| *n > 0);
    }
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        '一' | '壹' => Some(1),
        '二' | '两' | '兩' | '贰' => Some(2),
        '三' | '叁' => Some(3),
        '四' | '肆' => Some(4),
        '五' | '伍' => Some(5),
        '六' | '陆' | '陸' => Some(6),
        '七' | '柒' => Some(7),
        '八' | '捌' => Some(8),
        '九' | '玖' => Some(9),
        _ => None,
    };
    let mut total = 0u32;
    let mut pending: Option<u32> = None;
    for c in s.chars() {
        let unit = match c {
            '十' | '拾' => Some(10),
            '百' | '佰' => Some(100),
            '千' | '仟' => Some(1000),
            _ => None,
        };
        if let Some(unit) = unit {
            // "十" at the start means 1×10.
            total += pending.take().unwrap_or(1) * unit;
        } else {
            let d = digit(c)?;
            pending = Some(d);
        }
    }
    total += pending.unwrap_or(0);
    (total > 0).then_some(total)
}

/// `第十二条 …` → 12.
pub fn article_number(line: &str) -> Option<u32> {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let rest = line.strip_prefix('第')?;
    let end = rest.find(['条', '條'])?;
    let num = &rest[..end];
    if num.chars().count() > 6 {
        return None;
    }
    chinese_numeral(num)
}

/// `第二章 总则`, `第一节 …`, `第三编 …`: a division above the articles, which ends the
/// article before it.
pub fn is_division(line: &str) -> bool {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    let Some(rest) = line.strip_prefix('第') else {
        return false;
    };
    let Some(i) = rest.find(['章', '节', '節', '编', '編', '篇']) else {
        return false;
    };
    let num = &rest[..i];
    num.chars().count() <= 4 && chinese_numeral(num).is_some()
}

/// `一、总体情况` → (1, 1); `（三）主动公开` → (2, 3).
pub fn heading_number(line: &str) -> Option<(u8, u32)> {
    let line = line.trim_start_matches([' ', '\u{3000}', '\t']);
    if line.chars().count() > 60 {
        return None;
    }
    if let Some(rest) = line.strip_prefix(['（', '(']) {
        let end = rest.find(['）', ')'])?;
        let n = chinese_numeral(&rest[..end])?;
        if rest[..end].chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        return Some((2, n));
    }
    let end = line.find('、')?;
    let num = &line[..end];
    if num.chars().count() > 3 || num.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some((1, chinese_numeral(num)?))
}

/// Walks the lines of a text and assigns anchors. Headings of level 2 are numbered inside
/// the current level-1 heading; a repeated anchor (a text quoting 第一条 twice) keeps only
/// its first occurrence so ids stay unique.
pub fn outline(text: &str) -> Vec<(usize, OutlineEntry)> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut current_section = 0u32;
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        let entry = if let Some(n) = article_number(line) {
            let label: String = line
                .chars()
                .take_while(|c| *c != '条' && *c != '條')
                .collect();
            Some(OutlineEntry {
                anchor: format!("art-{n}"),
                label: format!("{label}条"),
                level: 3,
            })
        } else if let Some((level, n)) = heading_number(line) {
            let anchor = if level == 1 {
                current_section = n;
                format!("sec-{n}")
            } else {
                format!("sec-{current_section}-{n}")
            };
            Some(OutlineEntry {
                anchor,
                label: line.chars().take(30).collect(),
                level,
            })
        } else {
            None
        };
        if let Some(entry) = entry
            && seen.insert(entry.anchor.clone())
        {
            out.push((index, entry));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_up_to_thousands() {
        assert_eq!(chinese_numeral("一"), Some(1));
        assert_eq!(chinese_numeral("十"), Some(10));
        assert_eq!(chinese_numeral("十二"), Some(12));
        assert_eq!(chinese_numeral("二十"), Some(20));
        assert_eq!(chinese_numeral("二十三"), Some(23));
        assert_eq!(chinese_numeral("一百零五"), Some(105));
        assert_eq!(chinese_numeral("两千零一十九"), Some(2019));
        assert_eq!(chinese_numeral("12"), Some(12));
        assert_eq!(chinese_numeral("甲"), None);
        assert_eq!(chinese_numeral(""), None);
    }

    #[test]
    fn articles_are_recognised_in_simplified_and_traditional() {
        assert_eq!(article_number("第三条　各部门应当……"), Some(3));
        assert_eq!(article_number("第十二條 本辦法自公布之日起施行"), Some(12));
        assert_eq!(article_number("　第一条 总则"), Some(1));
        assert_eq!(article_number("第一章 总则"), None);
        assert_eq!(article_number("第三方评估条款"), None);
        assert!(is_division("第二章 总则"));
        assert!(is_division("　第一節　範圍"));
        assert!(!is_division("第二条 章程"));
        assert!(!is_division("第三方评估章节"));
    }

    #[test]
    fn headings_of_two_levels() {
        assert_eq!(heading_number("一、总体情况"), Some((1, 1)));
        assert_eq!(heading_number("十一、其他需要报告的事项"), Some((1, 11)));
        assert_eq!(heading_number("（三）主动公开政府信息情况"), Some((2, 3)));
        assert_eq!(heading_number("2018年，深圳市、区两级"), None);
        assert_eq!(heading_number("（2018年）"), None);
    }

    #[test]
    fn outline_gives_stable_unique_anchors() {
        let text =
            "一、总则\n第一条 目的\n（一）范围\n第二条 定义\n二、附则\n（一）施行\n第一条 重复引用";
        let anchors: Vec<String> = outline(text).into_iter().map(|(_, e)| e.anchor).collect();
        assert_eq!(
            anchors,
            ["sec-1", "art-1", "sec-1-1", "art-2", "sec-2", "sec-2-1"]
        );
    }
}
