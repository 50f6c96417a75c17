//! 年度统计: a year's figures per department, for the statistics page and the annual report.

use super::{DepartmentInfo, TimelinessCounts};
use crate::i18n::{Locale, Msg, fill};
use serde::{Deserialize, Serialize};

/// Adoption reports of the consultations that closed, by where they stand.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportCounts {
    pub on_time: u32,
    pub late: u32,
    /// Not published, deadline passed.
    pub overdue: u32,
    /// Not published yet, still within the deadline.
    pub due: u32,
}

impl ReportCounts {
    pub fn add(&mut self, other: &ReportCounts) {
        self.on_time += other.on_time;
        self.late += other.late;
        self.overdue += other.overdue;
        self.due += other.due;
    }
}

/// A year's figures of one department (or of all).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct YearFigures {
    /// Policies drafted (created) in the year, published or not: 本年新制作.
    pub policies_made: u32,
    /// The year's published policies, by where their interpretation stands (its `policies`
    /// is the number published in the year: 本年新公开).
    pub timeliness: TimelinessCounts,
    /// Policies public at the end of the year: 对外公开总数.
    pub policies_public: u32,
    pub interpretations_made: u32,
    pub interpretations_published: u32,
    pub interpretations_public: u32,
    /// Consultations that opened in the year.
    pub consultations: u32,
    /// Verified comments on them, whatever became of them.
    pub comments_received: u32,
    pub comments_published: u32,
    /// Adopted in full or in part, as published reports say.
    pub comments_adopted: u32,
    /// The reports of those consultations that have closed.
    pub reports: ReportCounts,
}

impl YearFigures {
    pub fn add(&mut self, o: &YearFigures) {
        self.policies_made += o.policies_made;
        let t = &mut self.timeliness;
        t.policies += o.timeliness.policies;
        t.with_policy += o.timeliness.with_policy;
        t.on_time += o.timeliness.on_time;
        t.late += o.timeliness.late;
        t.overdue += o.timeliness.overdue;
        t.due += o.timeliness.due;
        self.policies_public += o.policies_public;
        self.interpretations_made += o.interpretations_made;
        self.interpretations_published += o.interpretations_published;
        self.interpretations_public += o.interpretations_public;
        self.consultations += o.consultations;
        self.comments_received += o.comments_received;
        self.comments_published += o.comments_published;
        self.comments_adopted += o.comments_adopted;
        self.reports.add(&o.reports);
    }

    /// Share of published comments adopted in full or in part, in whole percent.
    pub fn adoption_rate(&self) -> Option<u32> {
        (self.comments_published > 0).then(|| {
            (self.comments_adopted * 100 + self.comments_published / 2) / self.comments_published
        })
    }
}

/// The statistics of a year: all departments, or one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statistics {
    pub year: i32,
    /// Years one may choose, newest first.
    pub years: Vec<i32>,
    /// The department chosen, if any.
    pub department: Option<DepartmentInfo>,
    /// Every department, for the choice.
    pub departments: Vec<DepartmentInfo>,
    /// Per department (just the chosen one, when there is one).
    pub rows: Vec<(DepartmentInfo, YearFigures)>,
    /// The rows added up.
    pub total: YearFigures,
}

/// One table of the annual report: its title, column heads and rows (first cell: the row's
/// head). The page and the CSV download both lay out these, so they cannot differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnnualTable {
    pub title: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn percent(rate: Option<u32>) -> String {
    rate.map(|r| format!("{r}%")).unwrap_or_else(|| "—".into())
}

impl Statistics {
    /// The annual report's title, e.g. 2026年政策解读与公众参与工作年度报告（统计表）.
    pub fn annual_title(&self, locale: Locale) -> String {
        let title = fill(
            Msg::AnnualTitle.text(locale),
            &[("n", &self.year.to_string())],
        );
        match &self.department {
            Some(d) => format!("{} · {title}", d.name(locale)),
            None => title,
        }
    }

    /// The tables of the annual report, in the order and layout of the official annual
    /// disclosure report (seed 001): what was made public, then per department.
    pub fn annual_tables(&self, locale: Locale) -> Vec<AnnualTable> {
        let t = |m: Msg| m.text(locale).to_string();
        let total = &self.total;
        let public = AnnualTable {
            title: t(Msg::AnnualSection1),
            head: vec![
                t(Msg::AnnualColContent),
                t(Msg::AnnualColMade),
                t(Msg::AnnualColPublished),
                t(Msg::AnnualColPublic),
            ],
            rows: vec![
                vec![
                    t(Msg::AnnualRowPolicies),
                    total.policies_made.to_string(),
                    total.timeliness.policies.to_string(),
                    total.policies_public.to_string(),
                ],
                vec![
                    t(Msg::AnnualRowInterpretations),
                    total.interpretations_made.to_string(),
                    total.interpretations_published.to_string(),
                    total.interpretations_public.to_string(),
                ],
            ],
        };
        let with_total = |row: fn(&YearFigures) -> Vec<String>| {
            let mut rows: Vec<Vec<String>> = self
                .rows
                .iter()
                .map(|(d, f)| {
                    let mut r = vec![d.name(locale).to_string()];
                    r.extend(row(f));
                    r
                })
                .collect();
            if self.rows.len() > 1 {
                let mut r = vec![t(Msg::StatsTotal)];
                r.extend(row(total));
                rows.push(r);
            }
            rows
        };
        let timeliness = AnnualTable {
            title: t(Msg::AnnualSection2),
            head: vec![
                t(Msg::Department),
                t(Msg::StatsPoliciesPublished),
                t(Msg::TimelyWithPolicy),
                t(Msg::TimelyOnTime),
                t(Msg::TimelyLate),
                t(Msg::TimelyOverdue),
                t(Msg::TimelyDue),
                t(Msg::ColRate),
            ],
            rows: with_total(|f| {
                let c = &f.timeliness;
                vec![
                    c.policies.to_string(),
                    c.with_policy.to_string(),
                    c.on_time.to_string(),
                    c.late.to_string(),
                    c.overdue.to_string(),
                    c.due.to_string(),
                    percent(c.on_time_rate()),
                ]
            }),
        };
        let participation = AnnualTable {
            title: t(Msg::AnnualSection3),
            head: vec![
                t(Msg::Department),
                t(Msg::StatsConsultations),
                t(Msg::StatsCommentsReceived),
                t(Msg::StatsCommentsPublished),
                t(Msg::StatsCommentsAdopted),
                t(Msg::StatsAdoptionRate),
                t(Msg::StatsReportsOnTime),
                t(Msg::StatsReportsLate),
                t(Msg::StatsReportsOverdue),
                t(Msg::StatsReportsDue),
            ],
            rows: with_total(|f| {
                vec![
                    f.consultations.to_string(),
                    f.comments_received.to_string(),
                    f.comments_published.to_string(),
                    f.comments_adopted.to_string(),
                    percent(f.adoption_rate()),
                    f.reports.on_time.to_string(),
                    f.reports.late.to_string(),
                    f.reports.overdue.to_string(),
                    f.reports.due.to_string(),
                ]
            }),
        };
        vec![public, timeliness, participation]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_add_up_and_round_the_rate() {
        let mut a = YearFigures {
            comments_published: 3,
            comments_adopted: 2,
            reports: ReportCounts {
                on_time: 1,
                ..ReportCounts::default()
            },
            ..YearFigures::default()
        };
        assert_eq!(a.adoption_rate(), Some(67));
        let b = YearFigures {
            comments_published: 1,
            reports: ReportCounts {
                late: 2,
                ..ReportCounts::default()
            },
            ..YearFigures::default()
        };
        a.add(&b);
        assert_eq!((a.comments_published, a.comments_adopted), (4, 2));
        assert_eq!(a.adoption_rate(), Some(50));
        assert_eq!((a.reports.on_time, a.reports.late), (1, 2));
        assert_eq!(YearFigures::default().adoption_rate(), None);
    }

    fn dept(code: &str, name: &str) -> DepartmentInfo {
        DepartmentInfo {
            id: 1,
            code: code.into(),
            name_zh_hans: name.into(),
            name_zh_hant: name.into(),
            name_en: code.into(),
        }
    }

    #[test]
    fn annual_tables_follow_the_official_layout_with_a_total_row() {
        let f = |published: u32, adopted: u32| YearFigures {
            policies_made: 3,
            timeliness: TimelinessCounts {
                policies: 2,
                with_policy: 1,
                late: 1,
                ..TimelinessCounts::default()
            },
            policies_public: 10,
            comments_published: published,
            comments_adopted: adopted,
            ..YearFigures::default()
        };
        let mut total = f(4, 1);
        total.add(&f(0, 0));
        let s = Statistics {
            year: 2026,
            years: vec![2026],
            department: None,
            departments: vec![],
            rows: vec![
                (dept("a", "市甲局"), f(4, 1)),
                (dept("b", "市乙局"), f(0, 0)),
            ],
            total,
        };
        let tables = s.annual_tables(Locale::ZhHans);
        assert_eq!(tables.len(), 3);
        assert_eq!(tables[0].title, "一、主动公开政策文件及解读情况");
        assert_eq!(
            tables[0].head,
            [
                "信息内容",
                "本年新制作数量",
                "本年新公开数量",
                "对外公开总数量"
            ]
        );
        assert_eq!(tables[0].rows[0], ["政策文件", "6", "4", "20"]);
        // Per department, then the total.
        assert_eq!(tables[1].rows.len(), 3);
        assert_eq!(tables[1].rows[0][0], "市甲局");
        assert_eq!(tables[1].rows[0][7], "50%");
        assert_eq!(tables[1].rows[2][0], "合计");
        assert_eq!(tables[2].rows[0][5], "25%");
        assert_eq!(tables[2].rows[1][5], "—");
        assert_eq!(
            s.annual_title(Locale::ZhHans),
            "2026年政策解读与公众参与工作年度报告（统计表）"
        );
        // Every row as wide as its head.
        for t in &tables {
            assert!(
                t.rows.iter().all(|r| r.len() == t.head.len()),
                "{}",
                t.title
            );
        }
    }
}
