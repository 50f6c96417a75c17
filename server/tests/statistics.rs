//! The statistics page, the annual report and its CSV over a known year (2025) of two
//! departments: every figure counted as the rules say — policies made, published and public
//! at the year's end, interpretation timeliness, consultations, comments received,
//! published and adopted (drafted decisions do not count), reports on time, late, overdue.

mod common;

use axum::http::StatusCode;
use backend::entities::{comment, consultation, decision, interpretation, policy};
use chrono::{NaiveDate, TimeZone, Utc};
use common::*;
use domain::adoption::Outcome;
use domain::consultation::{CommentChannel, CommentStatus};
use domain::model::YearFigures;
use domain::policy::{InterpretationKind, InterpretationState, PolicyStatus};
use sea_orm::{ActiveModelTrait, Set};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Noon in China on that day.
fn at(s: &str) -> chrono::DateTime<Utc> {
    Utc.from_utc_datetime(&day(s).and_hms_opt(4, 0, 0).unwrap())
}

struct P<'a> {
    dept: i32,
    created: &'a str,
    published: Option<&'a str>,
    deadline: Option<&'a str>,
    first_interpretation: Option<&'a str>,
}

async fn policy(app: &TestApp, n: u32, p: P<'_>) -> i32 {
    policy::ActiveModel {
        title: Set(format!("政策{n}")),
        doc_number: Set(format!("深府〔2025〕{n}号")),
        department_id: Set(p.dept),
        category: Set("open_government".into()),
        published_on: Set(p.published.map(day)),
        status: Set(if p.published.is_some() {
            PolicyStatus::Published
        } else {
            PolicyStatus::Draft
        }),
        body: Set("第一条 为规范政务服务，制定本办法。".into()),
        created_at: Set(at(p.created)),
        updated_at: Set(at(p.created)),
        interpretation_deadline: Set(p.deadline.map(day)),
        first_interpretation_on: Set(p.first_interpretation.map(day)),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

async fn interpretation(
    app: &TestApp,
    policy_id: i32,
    dept: i32,
    created: &str,
    published: Option<&str>,
) {
    interpretation::ActiveModel {
        policy_id: Set(policy_id),
        kind: Set(InterpretationKind::Text),
        title: Set("解读".into()),
        body: Set("解读正文".into()),
        qa_json: Set("[]".into()),
        department_id: Set(dept),
        status: Set(if published.is_some() {
            InterpretationState::Published
        } else {
            InterpretationState::Draft
        }),
        published_on: Set(published.map(day)),
        created_at: Set(at(created)),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
}

async fn consultation(
    app: &TestApp,
    dept: i32,
    opens: &str,
    closes: &str,
    report: Option<&str>,
) -> i32 {
    consultation::ActiveModel {
        title: Set("征求意见稿".into()),
        department_id: Set(dept),
        draft_text: Set(DRAFT.into()),
        explanatory_note: Set("说明".into()),
        opens_at: Set(at(opens)),
        closes_at: Set(at(closes)),
        released: Set(true),
        report_published: Set(report.is_some()),
        report_published_at: Set(report.map(at)),
        created_at: Set(at(opens)),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

async fn comment(app: &TestApp, c: i32, n: u32, status: CommentStatus, outcome: Option<Outcome>) {
    let m = comment::ActiveModel {
        tracking_number: Set(format!("HY-2025-{n:06}")),
        consultation_id: Set(c),
        body: Set(format!("意见{n}")),
        display_name: Set("市民".into()),
        email: Set(format!("c{n}@example.test")),
        ip: Set("192.0.2.1".into()),
        consent: Set(true),
        flagged: Set(false),
        status: Set(status),
        reject_reason: Set((status == CommentStatus::Rejected).then(|| "spam".into())),
        created_at: Set(Utc::now()),
        channel: Set(CommentChannel::Online),
        locale: Set("zh-Hans".into()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    if let Some(outcome) = outcome {
        decision::ActiveModel {
            comment_id: Set(m.id),
            consultation_id: Set(c),
            outcome: Set(outcome),
            response: Set(Some("答复".into())),
            decided_by: Set(None),
            decided_at: Set(Utc::now()),
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
}

/// Department a (id 1) and b (id 2), with a year of work in 2025 and a little before.
async fn known_year(app: &TestApp) {
    fixtures(app).await;
    let (a, b) = (1, 2);
    let p = |dept, created, published, deadline, first| P {
        dept,
        created,
        published,
        deadline,
        first_interpretation: first,
    };
    // a: with the policy, late, overdue; one from 2024 still public; one draft.
    let p1 = policy(
        app,
        1,
        p(
            a,
            "2025-03-03",
            Some("2025-03-03"),
            Some("2025-03-06"),
            Some("2025-03-03"),
        ),
    )
    .await;
    let p2 = policy(
        app,
        2,
        p(
            a,
            "2025-06-02",
            Some("2025-06-02"),
            Some("2025-06-05"),
            Some("2025-06-10"),
        ),
    )
    .await;
    policy(
        app,
        3,
        p(
            a,
            "2025-09-01",
            Some("2025-09-01"),
            Some("2025-09-04"),
            None,
        ),
    )
    .await;
    policy(
        app,
        4,
        p(
            a,
            "2024-12-01",
            Some("2024-12-02"),
            Some("2024-12-05"),
            Some("2024-12-02"),
        ),
    )
    .await;
    let draft = policy(app, 5, p(a, "2025-05-01", None, None, None)).await;
    // b: on time.
    let q1 = policy(
        app,
        6,
        p(
            b,
            "2025-05-06",
            Some("2025-05-06"),
            Some("2025-05-09"),
            Some("2025-05-08"),
        ),
    )
    .await;
    interpretation(app, p1, a, "2025-03-03", Some("2025-03-03")).await;
    interpretation(app, p2, a, "2025-06-10", Some("2025-06-10")).await;
    interpretation(app, draft, a, "2025-05-02", None).await;
    interpretation(app, q1, b, "2025-05-08", Some("2025-05-08")).await;

    // a: reported on time (3 published: 2 adopted in full or part; 1 rejected; 1 never
    // verified), and one whose report is overdue (its drafted decision does not count).
    let c1 = consultation(app, a, "2025-04-01", "2025-05-01", Some("2025-05-10")).await;
    comment(app, c1, 1, CommentStatus::Published, Some(Outcome::Adopted)).await;
    comment(
        app,
        c1,
        2,
        CommentStatus::Published,
        Some(Outcome::PartlyAdopted),
    )
    .await;
    comment(
        app,
        c1,
        3,
        CommentStatus::Published,
        Some(Outcome::NotAdopted),
    )
    .await;
    comment(app, c1, 4, CommentStatus::Rejected, None).await;
    comment(app, c1, 5, CommentStatus::Unverified, None).await;
    let c2 = consultation(app, a, "2025-07-01", "2025-08-01", None).await;
    comment(app, c2, 6, CommentStatus::Published, Some(Outcome::Adopted)).await;
    // b: one from 2024 (not this year), one reported late.
    let c3 = consultation(app, b, "2024-11-01", "2024-12-01", Some("2024-12-05")).await;
    comment(app, c3, 7, CommentStatus::Published, Some(Outcome::Adopted)).await;
    consultation(app, b, "2025-10-01", "2025-11-01", Some("2025-12-31")).await;
}

#[tokio::test]
async fn a_known_year_is_counted_as_the_rules_say() {
    let app = TestApp::new().await;
    known_year(&app).await;
    let s = backend::statistics::statistics(&app.state, 2025, None)
        .await
        .unwrap();
    assert!(s.years.contains(&2025) && s.years.contains(&2024));
    let row = |code: &str| {
        s.rows
            .iter()
            .find(|(d, _)| d.code == code)
            .unwrap()
            .1
            .clone()
    };
    let a = row("a");
    let t = &a.timeliness;
    assert_eq!((a.policies_made, t.policies, a.policies_public), (4, 3, 4));
    assert_eq!(
        (t.with_policy, t.on_time, t.late, t.overdue, t.due),
        (1, 0, 1, 1, 0)
    );
    assert_eq!(
        (
            a.interpretations_made,
            a.interpretations_published,
            a.interpretations_public
        ),
        (3, 2, 2)
    );
    assert_eq!(a.consultations, 2);
    assert_eq!(
        (
            a.comments_received,
            a.comments_published,
            a.comments_adopted
        ),
        (5, 4, 2)
    );
    assert_eq!(
        (
            a.reports.on_time,
            a.reports.late,
            a.reports.overdue,
            a.reports.due
        ),
        (1, 0, 1, 0)
    );
    let b = row("b");
    assert_eq!(
        (b.policies_made, b.timeliness.policies, b.timeliness.on_time),
        (1, 1, 1)
    );
    assert_eq!(
        (b.consultations, b.comments_received, b.reports.late),
        (1, 0, 1)
    );
    let mut sum = YearFigures::default();
    sum.add(&a);
    sum.add(&b);
    assert_eq!(s.total, sum);

    // The departments' public record counts every closed consultation's report, any year.
    let ra = backend::statistics::department_reports(&app.state, 1)
        .await
        .unwrap();
    assert_eq!((ra.on_time, ra.late, ra.overdue, ra.due), (1, 0, 1, 0));
    let rb = backend::statistics::department_reports(&app.state, 2)
        .await
        .unwrap();
    assert_eq!((rb.on_time, rb.late, rb.overdue, rb.due), (1, 1, 0, 0));

    // One department alone.
    let only_b = backend::statistics::statistics(&app.state, 2025, Some("b"))
        .await
        .unwrap();
    assert_eq!(only_b.rows.len(), 1);
    assert_eq!(only_b.total, b);
    // The year before: c3, reported on time, its adopted comment counted there.
    let before = backend::statistics::statistics(&app.state, 2024, None)
        .await
        .unwrap();
    assert_eq!(before.total.consultations, 1);
    assert_eq!(before.total.comments_adopted, 1);
    assert_eq!(before.total.reports.on_time, 1);
    assert_eq!(before.total.policies_public, 1);
}

#[tokio::test]
async fn statistics_pages_and_the_annual_csv() {
    let app = TestApp::new().await;
    known_year(&app).await;
    let mut anyone = Browser::default();
    let r = app.get(&mut anyone, "/statistics?year=2025").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("2025年概览"), "{}", r.body);
    assert!(r.body.contains("<svg"));
    assert!(r.body.contains("甲局") && r.body.contains("乙局"));
    assert!(r.body.contains("/statistics/annual.csv?year=2025"));

    let r = app
        .get(&mut anyone, "/statistics/annual?year=2025&department=a")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body
            .contains("甲局 · 2025年政策解读与公众参与工作年度报告（统计表）")
    );
    assert!(r.body.contains("一、主动公开政策文件及解读情况"));
    assert!(!r.body.contains("<th scope=\"row\">乙局</th>"));

    let r = app
        .get(&mut anyone, "/statistics/annual.csv?year=2025")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = r
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .collect();
    assert_eq!(lines[0], "2025年政策解读与公众参与工作年度报告（统计表）");
    assert!(lines.contains(&"信息内容,本年新制作数量,本年新公开数量,对外公开总数量"));
    assert!(lines.contains(&"政策文件,5,4,5"), "{lines:?}");
    assert!(lines.contains(&"政策解读,4,3,3"), "{lines:?}");
    assert!(lines.contains(&"甲局,2,5,4,2,50%,1,0,1,0"), "{lines:?}");
    assert!(lines.contains(&"合计,3,5,4,2,50%,1,1,1,0"), "{lines:?}");

    // In English when the reader asks for it.
    let mut english = Browser {
        lang: Some("en".into()),
        ..Browser::default()
    };
    let r = app
        .get(&mut english, "/statistics/annual.csv?year=2025")
        .await;
    assert!(r.body.contains("Policy documents,5,4,5"), "{}", r.body);

    for bad in [
        "/statistics?year=1990",
        "/statistics?department=nobody",
        "/statistics/annual?year=2999",
        "/statistics/annual.csv?year=abc",
        "/statistics/annual.csv?year=2025&department=nobody",
    ] {
        let r = app.get(&mut anyone, bad).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{bad}");
    }
}
