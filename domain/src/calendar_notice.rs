//! Reading the State Council's yearly notice (国务院办公厅关于20XX年部分节假日安排的通知) as
//! it is published, pasted whole, into calendar entries:
//!
//! ```text
//! 一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
//! 二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
//! ```
//!
//! Each item names a holiday, the days off (a date, or a range with 至), and the weekend days
//! worked for it (…上班). Parenthesised remarks are ignored; a date without a year is in the
//! notice's year (taken from its title, or given); a day without a month is in the month
//! before it (2月15日至23日). What does not read as a date is an error naming the item.

use crate::calendar::CalendarEntry;
use chrono::NaiveDate;
use std::fmt::Write as _;

/// The holiday names the notices use, longest first (中秋节、国庆节 before 国庆节).
const NAMES: [&str; 9] = [
    "中秋节、国庆节",
    "国庆节、中秋节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
    "元旦",
    "春节",
];

/// Why a pasted notice cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoticeError {
    #[error("the notice names no year (…20XX年部分节假日安排…)")]
    NoYear,
    #[error("no holiday found (items such as 元旦：1月1日放假…)")]
    NoHolidays,
    #[error("{name}: no date of the days off before 放假")]
    NoDaysOff { name: String },
    #[error("{name}: {text} is not a date")]
    BadDate { name: String, text: String },
    #[error("{name}: the range ends before it begins")]
    BackwardRange { name: String },
}

/// Full-width digits to ASCII, whitespace and parenthesised remarks dropped.
fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() => {}
            '０'..='９' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
            '：' => out.push(':'),
            _ => out.push(c),
        }
    }
    out
}

/// The notice's year: the first 20XX年 in it.
fn year_of(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(5).find_map(|w| {
        (w[4] == '年' && w[..4].iter().all(char::is_ascii_digit))
            .then(|| w[..4].iter().collect::<String>().parse().ok())
            .flatten()
    })
}

/// The dates in a part of an item, in order, and whether 至 joins them into a range.
fn dates_in(part: &str, year: i32, name: &str) -> Result<(Vec<NaiveDate>, bool), NoticeError> {
    let mut dates = Vec::new();
    let (mut y, mut m): (i32, Option<u32>) = (year, None);
    let mut number = String::new();
    let mut pending = String::new();
    let mut range = false;
    for c in part.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            pending.push(c);
            continue;
        }
        match c {
            '年' if !number.is_empty() => {
                y = number.parse().map_err(|_| NoticeError::BadDate {
                    name: name.into(),
                    text: pending.clone(),
                })?;
            }
            '月' if !number.is_empty() => m = number.parse().ok(),
            '日' if !number.is_empty() => {
                pending.push(c);
                let day: u32 = number.parse().unwrap_or(0);
                let date = m
                    .and_then(|m| NaiveDate::from_ymd_opt(y, m, day))
                    .ok_or_else(|| NoticeError::BadDate {
                        name: name.into(),
                        text: pending.clone(),
                    })?;
                dates.push(date);
                pending.clear();
            }
            '至' => range = true,
            _ => {}
        }
        if matches!(c, '年' | '月') {
            pending.push(c);
        }
        if !c.is_ascii_digit() {
            number.clear();
        }
    }
    Ok((dates, range))
}

/// The entries of a pasted notice: every day off, and every weekend day worked, named by
/// its holiday. `year` is used when the text names none.
pub fn parse_notice(
    text: &str,
    year: Option<i32>,
) -> Result<(i32, Vec<CalendarEntry>), NoticeError> {
    let text = normalise(text);
    let year = year_of(&text).or(year).ok_or(NoticeError::NoYear)?;
    // Where each item begins: a holiday's name and a colon, not inside a longer name.
    let mut starts: Vec<(usize, &str)> = Vec::new();
    for name in NAMES {
        let key = format!("{name}:");
        for (at, _) in text.match_indices(&key) {
            let inside = starts.iter().any(|(s, n)| at >= *s && at < s + n.len() + 1);
            if !inside {
                starts.push((at, name));
            }
        }
    }
    starts.sort();
    if starts.is_empty() {
        return Err(NoticeError::NoHolidays);
    }
    let mut entries: Vec<CalendarEntry> = Vec::new();
    for (i, (at, name)) in starts.iter().enumerate() {
        let from = at + name.len() + 1;
        let to = starts.get(i + 1).map_or(text.len(), |(next, _)| *next);
        let item = &text[from..to];
        let Some((off, rest)) = item.split_once("放假") else {
            return Err(NoticeError::NoDaysOff {
                name: (*name).into(),
            });
        };
        let (off_dates, range) = dates_in(off, year, name)?;
        let days_off: Vec<NaiveDate> = match (off_dates.as_slice(), range) {
            ([], _) => {
                return Err(NoticeError::NoDaysOff {
                    name: (*name).into(),
                });
            }
            ([first, .., last], true) => {
                if last < first {
                    return Err(NoticeError::BackwardRange {
                        name: (*name).into(),
                    });
                }
                first.iter_days().take_while(|d| d <= last).collect()
            }
            (dates, _) => dates.to_vec(),
        };
        for date in days_off {
            entries.push(CalendarEntry {
                date,
                is_workday: false,
                name: (*name).into(),
            });
        }
        for sentence in rest.split('。') {
            if let Some((worked, _)) = sentence.split_once("上班") {
                for date in dates_in(worked, year, name)?.0 {
                    entries.push(CalendarEntry {
                        date,
                        is_workday: true,
                        name: (*name).into(),
                    });
                }
            }
        }
    }
    entries.sort_by_key(|e| e.date);
    Ok((year, entries))
}

/// Entries as the calendar's CSV lines (`date,holiday|workday,name`).
pub fn entries_csv(entries: &[CalendarEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        let kind = if e.is_workday { "workday" } else { "holiday" };
        let _ = writeln!(out, "{},{kind},{}", e.date.format("%Y-%m-%d"), e.name);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    /// The 2026 notice (国办发明电〔2025〕7号), as published.
    const NOTICE_2026: &str = "国务院办公厅关于2026年部分节假日安排的通知

各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。";

    #[test]
    fn the_2026_notice_reads_as_the_built_in_2026_schedule() {
        let (year, entries) = parse_notice(NOTICE_2026, None).unwrap();
        assert_eq!(year, 2026);
        let builtin = Calendar::builtin_ref().entries_for_year(2026);
        assert_eq!(entries, builtin);
    }

    #[test]
    fn years_across_new_year_combined_holidays_and_full_width_digits() {
        // The 2019 notice's 元旦 (from 2018) and the 2025 notice's combined holiday.
        let text = "一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。2018年12月29日（星期六）上班。
八、中秋节、国庆节：１０月１日（周三）至８日（周三）放假调休，共８天。９月２８日（周日）、10月11日（周六）上班。";
        let (year, entries) = parse_notice(text, Some(2019)).unwrap();
        assert_eq!(year, 2018, "the first year named");
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        let off: Vec<NaiveDate> = entries
            .iter()
            .filter(|e| e.name == "元旦" && !e.is_workday)
            .map(|e| e.date)
            .collect();
        assert_eq!(off, [d(2018, 12, 30), d(2018, 12, 31), d(2019, 1, 1)]);
        assert!(entries.contains(&CalendarEntry {
            date: d(2018, 12, 29),
            is_workday: true,
            name: "元旦".into()
        }));
        let combined: Vec<&CalendarEntry> = entries
            .iter()
            .filter(|e| e.name == "中秋节、国庆节")
            .collect();
        assert_eq!(combined.iter().filter(|e| !e.is_workday).count(), 8);
        assert_eq!(
            combined
                .iter()
                .filter(|e| e.is_workday)
                .map(|e| e.date)
                .collect::<Vec<_>>(),
            [d(2018, 9, 28), d(2018, 10, 11)]
        );
    }

    #[test]
    fn what_cannot_be_read_is_named() {
        assert_eq!(
            parse_notice("元旦：1月1日放假", None),
            Err(NoticeError::NoYear)
        );
        assert_eq!(
            parse_notice("2027年的安排另行通知", None),
            Err(NoticeError::NoHolidays)
        );
        assert_eq!(
            parse_notice("2027年\n元旦：放假一天", None),
            Err(NoticeError::NoDaysOff {
                name: "元旦".into()
            })
        );
        assert_eq!(
            parse_notice("2027年\n春节：2月30日至3月2日放假", None),
            Err(NoticeError::BadDate {
                name: "春节".into(),
                text: "2月30日".into()
            })
        );
        assert_eq!(
            parse_notice("2027年\n春节：2月10日至2月3日放假", None),
            Err(NoticeError::BackwardRange {
                name: "春节".into()
            })
        );
        // A single day off, no range.
        let (_, e) = parse_notice("2027年\n元旦：1月1日（周五）放假1天。", None).unwrap();
        assert_eq!(e.len(), 1);
        assert!(entries_csv(&e).starts_with("2027-01-01,holiday,元旦\n"));
    }
}
