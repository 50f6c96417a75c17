//! The adoption report (采纳情况) through the real router: decisions on one comment, a
//! near-duplicate group, an article and a selection; all or nothing; the publish guard; the
//! report's numbers on a known set of comments; the commenter's status page and mail.

mod common;

use axum::http::StatusCode;
use backend::entities::{audit_entry, comment, consultation, decision, mail_outbox};
use common::*;
use domain::adoption::Outcome;
use domain::consultation::{CommentChannel, CommentStatus};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

struct Seed<'a> {
    status: CommentStatus,
    article: Option<&'a str>,
    email: &'a str,
    cluster: Option<i32>,
    reject_reason: Option<&'a str>,
}

async fn add_comment(app: &TestApp, consultation: i32, n: u32, s: Seed<'_>) -> comment::Model {
    let now = chrono::Utc::now();
    comment::ActiveModel {
        tracking_number: Set(format!("HY-2026-{:06}", 800_000 + n)),
        consultation_id: Set(consultation),
        article_anchor: Set(s.article.map(String::from)),
        body: Set(format!("第{n}条意见：建议明确办理时限。")),
        display_name: Set(format!("市民{n}")),
        email: Set(s.email.into()),
        ip: Set(String::new()),
        consent: Set(true),
        flagged: Set(false),
        status: Set(s.status),
        reject_reason: Set(s.reject_reason.map(String::from)),
        created_at: Set(now),
        verified_at: Set((s.status != CommentStatus::Unverified).then_some(now)),
        channel: Set(CommentChannel::Online),
        cluster_id: Set(s.cluster),
        locale: Set("zh-Hans".into()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
}

fn published<'a>(article: Option<&'a str>, email: &'a str, cluster: Option<i32>) -> Seed<'a> {
    Seed {
        status: CommentStatus::Published,
        article,
        email,
        cluster,
        reject_reason: None,
    }
}

fn rejected(reason: &str) -> Seed<'_> {
    Seed {
        status: CommentStatus::Rejected,
        article: None,
        email: "r@example.test",
        cluster: None,
        reject_reason: Some(reason),
    }
}

async fn decision_of(app: &TestApp, comment_id: i32) -> Option<decision::Model> {
    decision::Entity::find_by_id(comment_id)
        .one(&app.state.db)
        .await
        .unwrap()
}

/// The commenter's status page for the first commenter's address.
async fn lookup(app: &TestApp, tracking: &str) -> Response {
    let mut b = Browser::default();
    app.submit(
        &mut b,
        "/comments/status",
        "/comments/status",
        &[("tracking_number", tracking), ("email", "a@example.test")],
    )
    .await
}

/// The drafter presses "publish the report" on the workspace of consultation `id`.
async fn publish(app: &TestApp, b: &mut Browser, id: i32) -> Response {
    let report = format!("/staff/consultations/{id}/report");
    app.submit(b, &workspace(id), &report, &[]).await
}

fn workspace(id: i32) -> String {
    format!("/staff/consultations/{id}/decisions")
}

async fn decide(app: &TestApp, b: &mut Browser, id: i32, fields: &[(&str, &str)]) -> Response {
    app.submit(b, &workspace(id), &workspace(id), fields).await
}

/// Six comments on a closed consultation: two in a near-duplicate group on article 1, one on
/// article 3, one on the draft as a whole without an email (paper), two not published; one
/// more never verified.
struct Known {
    id: i32,
    group_a: comment::Model,
    group_b: comment::Model,
    art3: comment::Model,
    paper: comment::Model,
}

async fn known(app: &TestApp) -> Known {
    fixtures(app).await;
    let id = open_consultation(app, -40, -1).await;
    let group_a = add_comment(app, id, 1, published(Some("art-1"), "a@example.test", None)).await;
    let mut m: comment::ActiveModel = group_a.clone().into();
    m.cluster_id = Set(Some(group_a.id));
    let group_a = m.update(&app.state.db).await.unwrap();
    let group_b = add_comment(
        app,
        id,
        2,
        published(Some("art-1"), "b@example.test", Some(group_a.id)),
    )
    .await;
    let art3 = add_comment(app, id, 3, published(Some("art-3"), "c@example.test", None)).await;
    let paper = add_comment(app, id, 4, published(None, "", None)).await;
    add_comment(app, id, 5, rejected("spam")).await;
    add_comment(app, id, 6, rejected("off_topic")).await;
    add_comment(
        app,
        id,
        7,
        Seed {
            status: CommentStatus::Unverified,
            ..published(None, "u@example.test", None)
        },
    )
    .await;
    Known {
        id,
        group_a,
        group_b,
        art3,
        paper,
    }
}

#[tokio::test]
async fn decisions_by_comment_group_and_article_then_the_guarded_publication() {
    let app = TestApp::new().await;
    let k = known(&app).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;

    // The workspace shows progress and the report deadline.
    let page = app.get(&mut drafter, &workspace(k.id)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("已公开意见 4 条，尚未答复 4 条"),
        "{}",
        page.body
    );

    // One comment, adopted: no response needed.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[("outcome", "adopted"), ("ids", &k.art3.id.to_string())],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location().contains("notice=NoticeDecided&n=1"),
        "{}",
        r.location()
    );
    assert_eq!(
        decision_of(&app, k.art3.id).await.unwrap().outcome,
        Outcome::Adopted
    );

    // A whole near-duplicate group.
    let group = k.group_a.id.to_string();
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "partly_adopted"),
            ("response", "时限部分采纳。"),
            ("group", &group),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("n=2"), "{}", r.location());

    // Every comment on article 1 (the same two), revised to "not adopted".
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "not_adopted"),
            ("response", "上位法已有规定。"),
            ("article", "art-1"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    for c in [&k.group_a, &k.group_b] {
        let d = decision_of(&app, c.id).await.unwrap();
        assert_eq!(d.outcome, Outcome::NotAdopted);
        assert_eq!(d.response.as_deref(), Some("上位法已有规定。"));
    }
    // Every decision and revision is in the audit log.
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(domain::consultation::AuditAction::Decide))
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(audited, 5);

    // Before the report: nothing public, and the commenter sees no decision.
    let mut citizen = Browser::default();
    let r = app
        .get(&mut citizen, &format!("/consultations/{}/report", k.id))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    for ext in ["csv", "json"] {
        let r = app
            .get(
                &mut citizen,
                &format!("/consultations/{}/report.{ext}", k.id),
            )
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{ext} before the report");
    }
    let before = lookup(&app, &k.group_a.tracking_number).await;
    assert_eq!(before.status, StatusCode::OK);
    assert!(
        !before.body.contains("上位法已有规定"),
        "decision leaked before the report"
    );

    // The guard: one published comment still lacks a decision; nothing is published.
    let r = publish(&app, &mut drafter, k.id).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("还有 1 条已公开的意见未答复"), "{}", r.body);
    assert!(r.body.contains(&format!(
        "/staff/consultations/{}/decisions?undecided=1",
        k.id
    )));
    let c = consultation::Entity::find_by_id(k.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!c.report_published);

    // The last one, then the report.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "out_of_scope"),
            ("response", "属于其他事项。"),
            ("ids", &k.paper.id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mails_before = mail_outbox::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    let r = publish(&app, &mut drafter, k.id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(
        r.location()
            .starts_with(&format!("/consultations/{}/report", k.id))
    );

    // The numbers of the known set.
    let report = backend::adoption::report(&app.state, k.id, None)
        .await
        .unwrap();
    let n = &report.numbers;
    assert_eq!((n.received, n.published, n.groups), (6, 4, 1));
    assert_eq!(
        n.not_published,
        vec![
            (domain::consultation::RejectReason::Spam, 1),
            (domain::consultation::RejectReason::OffTopic, 1)
        ]
    );
    assert_eq!(
        n.outcomes,
        vec![
            (Outcome::Adopted, 1),
            (Outcome::PartlyAdopted, 0),
            (Outcome::NotAdopted, 2),
            (Outcome::AlreadyReflected, 0),
            (Outcome::OutOfScope, 1),
        ]
    );
    let rows: Vec<(Option<String>, u32, Vec<u32>)> = report
        .articles
        .iter()
        .map(|a| (a.anchor.clone(), a.comments, a.outcomes.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (Some("art-1".into()), 2, vec![0, 0, 2, 0, 0]),
            (Some("art-3".into()), 1, vec![1, 0, 0, 0, 0]),
            (None, 1, vec![0, 0, 0, 0, 1]),
        ]
    );
    assert_eq!(report.comments.len(), 4);

    // The public page: every comment at its anchor with its decision; no email anywhere.
    let page = app
        .get(&mut citizen, &format!("/consultations/{}/report", k.id))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    for c in [&k.group_a, &k.group_b, &k.art3, &k.paper] {
        assert!(
            page.body
                .contains(&format!("id=\"c-{}\"", c.tracking_number))
        );
    }
    assert!(page.body.contains("上位法已有规定。") && page.body.contains("<svg"));
    assert!(
        !page.body.contains("@example.test"),
        "an email on the public report"
    );

    // The downloads: every published comment with its decision, no personal data.
    let csv = app
        .get(&mut citizen, &format!("/consultations/{}/report.csv", k.id))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "tracking_number,article,article_label,display_name,comment,channel,submitted_on,outcome,response"
    );
    assert_eq!(lines.len(), 5, "{}", csv.body);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&k.art3.tracking_number) && l.contains(",adopted,"))
    );
    assert!(!csv.body.contains("@example.test"));
    let json = app
        .get(
            &mut citizen,
            &format!("/consultations/{}/report.json", k.id),
        )
        .await;
    assert_eq!(json.status, StatusCode::OK);
    let v: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(v["consultation"]["id"], k.id);
    let rows = v["comments"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let first = rows
        .iter()
        .find(|r| r["tracking_number"] == k.group_a.tracking_number.as_str())
        .unwrap();
    assert_eq!(first["outcome"], "not_adopted");
    assert_eq!(first["article_label"], "第一条");
    assert_eq!(first["response"], "上位法已有规定。");
    assert!(!json.body.contains("@example.test"));

    // Mail to every commenter with a verified email (not the paper one), linking to the
    // decision's anchor.
    let mails = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Id.gt(0))
        .all(&app.state.db)
        .await
        .unwrap();
    let decision_mails: Vec<_> = mails
        .iter()
        .skip(mails_before as usize)
        .filter(|m| m.subject.contains("已有答复"))
        .collect();
    assert_eq!(decision_mails.len(), 3);
    let to_a = decision_mails
        .iter()
        .find(|m| m.recipient == "a@example.test")
        .expect("a mail to the first commenter");
    assert!(to_a.body.contains(&format!(
        "/consultations/{}/report?page=1#c-{}",
        k.id, k.group_a.tracking_number
    )));

    // The commenter's status page now shows the decision.
    let after = lookup(&app, &k.group_a.tracking_number).await;
    assert!(
        after.body.contains("未采纳") && after.body.contains("上位法已有规定。"),
        "{}",
        after.body
    );

    // Decisions are final now.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[("outcome", "adopted"), ("ids", &k.paper.id.to_string())],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("采纳情况报告已发布"));
    assert_eq!(
        decision_of(&app, k.paper.id).await.unwrap().outcome,
        Outcome::OutOfScope
    );
}

#[tokio::test]
async fn bad_decisions_change_nothing_and_say_why() {
    let app = TestApp::new().await;
    let k = known(&app).await;
    let other = open_consultation(&app, -40, -1).await;
    let stranger = add_comment(&app, other, 9, published(None, "s@example.test", None)).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let count = || async { decision::Entity::find().count(&app.state.db).await.unwrap() };

    // A selection with a comment of another consultation: none is decided.
    let ids = [k.art3.id.to_string(), stranger.id.to_string()];
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[("outcome", "adopted"), ("ids", &ids[0]), ("ids", &ids[1])],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("未作任何更改"), "{}", r.body);
    assert_eq!(count().await, 0);

    // A reason is required unless adopted; the choice is kept.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "not_adopted"),
            ("response", "  "),
            ("ids", &ids[0]),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("须填写答复理由"), "{}", r.body);
    assert!(
        r.body.contains("value=\"not_adopted\" checked"),
        "{}",
        r.body
    );
    assert_eq!(count().await, 0);

    // Nothing selected.
    let r = decide(&app, &mut drafter, k.id, &[("outcome", "adopted")]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请至少选择一条意见"));

    // Another department's drafter, and editors, may look but not decide.
    let mut other_drafter = app.login("drafter.b", PASSWORD).await;
    let token_page = app.get(&mut drafter, &workspace(k.id)).await;
    assert_eq!(token_page.status, StatusCode::OK);
    let r = app
        .submit(
            &mut other_drafter,
            "/staff",
            &workspace(k.id),
            &[("outcome", "adopted"), ("ids", &ids[0])],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut editor = app.login("editor", PASSWORD).await;
    let r = decide(
        &app,
        &mut editor,
        k.id,
        &[("outcome", "adopted"), ("ids", &ids[0])],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(count().await, 0);

    // An open consultation takes no decisions and no report.
    let open = open_consultation(&app, -1, 29).await;
    let mine = add_comment(&app, open, 10, published(None, "o@example.test", None)).await;
    let r = app
        .submit(
            &mut drafter,
            "/staff",
            &workspace(open),
            &[("outcome", "adopted"), ("ids", &mine.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("征求意见期结束后才能答复意见"),
        "{}",
        r.body
    );
    let r = app
        .submit(
            &mut drafter,
            "/staff",
            &format!("/staff/consultations/{open}/report"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let c = consultation::Entity::find_by_id(open)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(!c.report_published);
    assert_eq!(count().await, 0);
}

/// 10,000 published comments with verified emails: publishing queues one mail each, in
/// batches, inside the one request. (How long it takes is measured by
/// `scripts/bench-adoption.sh`, not asserted here.)
#[tokio::test]
async fn a_report_on_ten_thousand_comments_queues_every_mail() {
    const N: i32 = 10_000;
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -40, -1).await;
    let now = chrono::Utc::now();
    let first = add_comment(&app, id, 0, published(None, "x0@example.test", None))
        .await
        .id;
    let mut next = 1;
    while next < N {
        let batch: Vec<comment::ActiveModel> = (next..(next + 500).min(N))
            .map(|i| comment::ActiveModel {
                tracking_number: Set(format!("HY-2026-{:06}", 100_000 + i)),
                consultation_id: Set(id),
                body: Set(format!("意见{i}")),
                display_name: Set("市民".into()),
                email: Set(format!("x{i}@example.test")),
                ip: Set(String::new()),
                consent: Set(true),
                flagged: Set(false),
                status: Set(CommentStatus::Published),
                created_at: Set(now),
                verified_at: Set(Some(now)),
                channel: Set(CommentChannel::Online),
                locale: Set("en".into()),
                ..Default::default()
            })
            .collect();
        next += batch.len() as i32;
        comment::Entity::insert_many(batch)
            .exec(&app.state.db)
            .await
            .unwrap();
    }
    let ids: Vec<i32> = (first..first + N).collect();
    for chunk in ids.chunks(500) {
        decision::Entity::insert_many(chunk.iter().map(|c| decision::ActiveModel {
            comment_id: Set(*c),
            consultation_id: Set(id),
            outcome: Set(Outcome::Adopted),
            response: Set(None),
            decided_by: Set(None),
            decided_at: Set(now),
        }))
        .exec(&app.state.db)
        .await
        .unwrap();
    }
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let page = app.get(&mut drafter, &workspace(id)).await;
    let token = csrf_token(&page.body).unwrap();
    // Printed for scripts/bench-adoption.sh; never asserted.
    let started = std::time::Instant::now();
    let r = app
        .post(
            &mut drafter,
            &format!("/staff/consultations/{id}/report"),
            &[("csrf", &token)],
        )
        .await;
    eprintln!(
        "BENCH publish of a report on {N} comments: {:?}",
        started.elapsed()
    );
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let queued = mail_outbox::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap();
    assert_eq!(queued, N as u64);
    // The last comment's link points at the last page of the report (100 a page).
    let last = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(format!("x{}@example.test", N - 1)))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        last.body
            .contains(&format!("/consultations/{id}/report?page=100#c-")),
        "{}",
        last.body
    );
    let page = app
        .get(
            &mut Browser::default(),
            &format!("/consultations/{id}/report?page=100"),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(&format!("id=\"c-HY-2026-{:06}\"", 100_000 + N - 1))
    );
}

#[tokio::test]
async fn the_policy_that_came_out_of_a_consultation_links_both_ways() {
    let app = TestApp::new().await;
    let k = known(&app).await;
    let own = published_policy(&app, 1, "深圳市政务服务“秒批”管理办法41", 41).await;
    let foreign = published_policy(&app, 2, "深圳市政务服务“秒批”管理办法42", 42).await;
    let now = chrono::Utc::now();
    for (c, outcome) in [
        (&k.group_a, Outcome::Adopted),
        (&k.group_b, Outcome::PartlyAdopted),
        (&k.art3, Outcome::NotAdopted),
        (&k.paper, Outcome::OutOfScope),
    ] {
        decision::ActiveModel {
            comment_id: Set(c.id),
            consultation_id: Set(k.id),
            outcome: Set(outcome),
            response: Set(Some("理由".into())),
            decided_by: Set(None),
            decided_at: Set(now),
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let link = format!("/staff/consultations/{}/policy", k.id);

    // Another department's policy is no choice; nor may another department link.
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &link,
            &[("policy", &foreign.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut other = app.login("drafter.b", PASSWORD).await;
    let r = app
        .submit(&mut other, "/staff", &link, &[("policy", &own.to_string())])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &link,
            &[("policy", &own.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut citizen = Browser::default();
    // Before the report: the way back, with the count of comments but no adoption figure.
    let page = app.get(&mut citizen, &format!("/policies/{own}")).await;
    assert!(
        page.body.contains("本文件源自公开征求意见"),
        "{}",
        page.body
    );
    assert!(page.body.contains("公开意见 4 条") && !page.body.contains("采纳或部分采纳"));
    let page = app
        .get(&mut citizen, &format!("/consultations/{}", k.id))
        .await;
    assert!(
        page.body.contains("由此形成的政策文件")
            && page.body.contains(&format!("href=\"/policies/{own}\""))
    );

    let r = publish(&app, &mut drafter, k.id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut citizen, &format!("/policies/{own}")).await;
    assert!(page.body.contains("采纳或部分采纳 2 条"), "{}", page.body);
    assert!(
        page.body
            .contains(&format!("href=\"/consultations/{}/report\"", k.id))
    );
    // The department's page lists it with its report.
    let page = app.get(&mut citizen, "/departments/a").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains(&format!("href=\"/consultations/{}/report\"", k.id)),
        "{}",
        page.body
    );
    // The other department's policy knows nothing of it.
    let page = app.get(&mut citizen, &format!("/policies/{foreign}")).await;
    assert!(!page.body.contains("本文件源自公开征求意见"));
}

#[tokio::test]
async fn drafters_are_reminded_once_before_the_report_falls_due_and_the_public_sees_where_it_stands()
 {
    let app = TestApp::new().await;
    fixtures(&app).await;
    // Closed yesterday: 20 working days to go. Closed 40 days ago: overdue.
    let fresh = open_consultation(&app, -31, -1).await;
    let late = open_consultation(&app, -70, -40).await;
    add_comment(
        &app,
        late,
        1,
        published(Some("art-1"), "p@example.test", None),
    )
    .await;
    assert_eq!(
        backend::adoption::remind_reports(&app.state).await.unwrap(),
        1
    );
    let mails = mail_outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(mails.len(), 1, "one drafter of the department has an email");
    assert_eq!(mails[0].recipient, "drafter.a@example.test");
    assert!(
        mails[0].body.contains("还有 1 条已公开的意见未答复"),
        "{}",
        mails[0].body
    );
    assert!(mails[0].body.contains(&format!(
        "/staff/consultations/{late}/decisions?undecided=1"
    )));
    // Once only, whoever runs the job again.
    assert_eq!(
        backend::adoption::remind_reports(&app.state).await.unwrap(),
        0
    );
    let c = consultation::Entity::find_by_id(fresh)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(c.report_reminded_at.is_none());

    // The public list shows each closed consultation's report against its deadline.
    let page = app.get(&mut Browser::default(), "/consultations").await;
    assert!(page.body.contains("采纳情况待公布"), "{}", page.body);
    assert!(
        page.body.contains("还剩") && page.body.contains("已逾期"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn a_departments_response_templates_answer_comments() {
    use backend::entities::response_template;
    let app = TestApp::new().await;
    let k = known(&app).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let ws = workspace(k.id);

    // A template needs a name and a text; the page says so.
    let r = app
        .submit(
            &mut drafter,
            &ws,
            "/staff/templates",
            &[("back", &ws), ("template_title", "已体现")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("value=\"已体现\""),
        "what was typed is kept"
    );
    let r = app
        .submit(
            &mut drafter,
            &ws,
            "/staff/templates",
            &[
                ("back", &ws),
                ("template_title", "已体现"),
                ("template_body", "草案第三条已作规定。"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().starts_with(&ws));
    let mine = response_template::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(mine.department_id, 1);
    assert!(
        app.get(&mut drafter, &ws)
            .await
            .body
            .contains("草案第三条已作规定。")
    );

    // Chosen with no response typed, the template's text is the response.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "already_reflected"),
            ("template", &mine.id.to_string()),
            ("ids", &k.art3.id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let d = decision_of(&app, k.art3.id).await.unwrap();
    assert_eq!(d.response.as_deref(), Some("草案第三条已作规定。"));

    // Another department's template is no choice, and not theirs to delete either way.
    let mut other = app.login("drafter.b", PASSWORD).await;
    let r = app
        .submit(
            &mut other,
            "/staff",
            "/staff/templates",
            &[("template_title", "乙"), ("template_body", "乙局的答复。")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let theirs = response_template::Entity::find()
        .filter(response_template::Column::DepartmentId.eq(2))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "not_adopted"),
            ("template", &theirs.id.to_string()),
            ("ids", &k.paper.id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(decision_of(&app, k.paper.id).await.is_none());
    let r = app
        .submit(
            &mut other,
            "/staff",
            &format!("/staff/templates/{}/delete", mine.id),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .submit(
            &mut drafter,
            &ws,
            &format!("/staff/templates/{}/delete", mine.id),
            &[("back", &ws)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(
        response_template::Entity::find_by_id(mine.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn comments_under_a_topic_are_answered_once_and_the_report_shows_the_topic() {
    use backend::entities::topic;
    let app = TestApp::new().await;
    let k = known(&app).await;
    let other = open_consultation(&app, -40, -1).await;
    let stranger = add_comment(&app, other, 9, published(None, "s@example.test", None)).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let topics = format!("/staff/consultations/{}/topics", k.id);
    let (a, three, s) = (
        k.group_a.id.to_string(),
        k.art3.id.to_string(),
        stranger.id.to_string(),
    );

    // A topic needs a title, and comments of this consultation only.
    let r = app
        .submit(&mut drafter, &workspace(k.id), &topics, &[("ids", &a)])
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &topics,
            &[("topic_title", "时限"), ("ids", &a), ("ids", &s)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(topic::Entity::find().count(&app.state.db).await.unwrap(), 0);

    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &topics,
            &[("topic_title", "办理时限"), ("ids", &a), ("ids", &three)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let t = topic::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(r.location().contains(&format!("topic={}", t.id)));
    let page = app.get(&mut drafter, &r.location()).await;
    assert!(
        page.body.contains("办理时限") && page.body.contains("答复整个主题（2 条）"),
        "{}",
        page.body
    );

    // One answer for the topic: both comments, and the topic's own response.
    let r = decide(
        &app,
        &mut drafter,
        k.id,
        &[
            ("outcome", "partly_adopted"),
            ("response", "时限将在实施细则中明确。"),
            ("topic", &t.id.to_string()),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(r.location().contains("n=2"));
    for c in [&k.group_a, &k.art3] {
        assert_eq!(
            decision_of(&app, c.id).await.unwrap().outcome,
            Outcome::PartlyAdopted
        );
    }
    assert!(decision_of(&app, k.group_b.id).await.is_none());
    let t = topic::Entity::find_by_id(t.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(t.outcome, Some(Outcome::PartlyAdopted));

    // The rest, the report: the topic with its response.
    for c in [&k.group_b, &k.paper] {
        let r = decide(
            &app,
            &mut drafter,
            k.id,
            &[("outcome", "adopted"), ("ids", &c.id.to_string())],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let r = publish(&app, &mut drafter, k.id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let report = app
        .get(
            &mut Browser::default(),
            &format!("/consultations/{}/report", k.id),
        )
        .await;
    assert!(report.body.contains("意见归类及答复"));
    assert!(report.body.contains("办理时限") && report.body.contains("时限将在实施细则中明确。"));
}

/// 意见促成的修改: adopted comments tied to the changes of the final text; the untied ones
/// flagged before the report; after it, the comparison page, the API and each commenter's
/// status page say what a comment changed.
#[tokio::test]
async fn adopted_comments_are_tied_to_the_changes_they_led_to() {
    use backend::entities::policy;
    let app = TestApp::new().await;
    let k = known(&app).await;
    // The final text: article 3 of the draft ("系统即时审批") edited, an article added.
    let own = published_policy(&app, 1, "深圳市政务服务秒批办法", 91).await;
    let mut p: policy::ActiveModel = policy::Entity::find_by_id(own)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    p.body = Set("第一条 为规范政务服务“秒批”，制定本办法。\n第二条 本办法适用于本市政务服务事项。\n第三条 申请材料齐全的，系统即时审批，并告知申请人结果。\n第四条 审批结果应当向社会公开。\n第五条 本办法自发布之日起施行。".into());
    p.update(&app.state.db).await.unwrap();
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &format!("/staff/consultations/{}/policy", k.id),
            &[("policy", &own.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Article 3 and the group on article 1 adopted, the paper comment not.
    for (fields, what) in [
        (
            vec![("outcome", "adopted"), ("ids", &*k.art3.id.to_string())],
            "art3",
        ),
        (
            vec![
                ("outcome", "partly_adopted"),
                ("response", "部分采纳。"),
                ("group", &*k.group_a.id.to_string()),
            ],
            "group",
        ),
        (
            vec![
                ("outcome", "not_adopted"),
                ("response", "另行研究。"),
                ("ids", &*k.paper.id.to_string()),
            ],
            "paper",
        ),
    ] {
        let r = decide(&app, &mut drafter, k.id, &fields).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{what}: {}", r.body);
    }
    // The workspace offers the two changes and flags the three adopted comments tied to none.
    let page = app.get(&mut drafter, &workspace(k.id)).await;
    assert!(page.body.contains("value=\"3-3\""), "{}", page.body);
    assert!(page.body.contains("value=\"-4\""));
    assert!(
        !page.body.contains("value=\"4-5\""),
        "renumbering alone is no change"
    );
    assert!(
        page.body
            .contains("有 3 条意见决定为“采纳”或“部分采纳”，但尚未关联正式文本的任何修改")
    );

    let tie = format!("/staff/consultations/{}/changes", k.id);
    // A comment not adopted cannot be tied, nor an unknown change, nor by another department.
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &tie,
            &[("change", "3-3"), ("ids", &k.paper.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("只能关联已决定“采纳”或“部分采纳”的意见"),
        "{}",
        r.body
    );
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &tie,
            &[("change", "9-9"), ("ids", &k.art3.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut other = app.login("drafter.b", PASSWORD).await;
    let r = app
        .submit(
            &mut other,
            "/staff",
            &tie,
            &[("change", "3-3"), ("ids", &k.art3.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Article 3's comment led to the edit; the whole group to the new article (tied twice:
    // once is enough), then untied and tied again.
    for fields in [
        vec![
            ("change", "3-3".to_string()),
            ("ids", k.art3.id.to_string()),
        ],
        vec![
            ("change", "-4".to_string()),
            ("group", k.group_a.id.to_string()),
        ],
        vec![
            ("change", "-4".to_string()),
            ("group", k.group_a.id.to_string()),
        ],
        vec![
            ("change", "-4".to_string()),
            ("ids", k.group_b.id.to_string()),
            ("untie", "1".into()),
        ],
    ] {
        let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let r = app
            .submit(&mut drafter, &workspace(k.id), &tie, &fields)
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{fields:?}: {}", r.body);
    }
    let page = app.get(&mut drafter, &workspace(k.id)).await;
    assert!(
        page.body.contains(
            "有 1 条意见决定为“采纳”或“部分采纳”，但尚未关联正式文本的任何修改：HY-2026-800002"
        ),
        "{}",
        page.body
    );
    assert!(page.body.contains("促成的修改：第三条 · 修改"));
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &tie,
            &[("change", "-4"), ("ids", &k.group_b.id.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut drafter, &workspace(k.id)).await;
    assert!(!page.body.contains("尚未关联正式文本的任何修改"));

    // Before the report: which comments led to what is not public.
    let mut citizen = Browser::default();
    let changes = app
        .get(&mut citizen, &format!("/policies/{own}/changes"))
        .await;
    assert_eq!(changes.status, StatusCode::OK);
    assert!(!changes.body.contains("条意见促成"));
    let r = lookup(&app, &k.group_a.tracking_number).await;
    assert!(!r.body.contains("您的意见促成了"));

    assert_eq!(
        publish(&app, &mut drafter, k.id).await.status,
        StatusCode::SEE_OTHER
    );
    let changes = app
        .get(&mut citizen, &format!("/policies/{own}/changes"))
        .await;
    assert!(
        changes.body.contains("由 1 条意见促成："),
        "{}",
        changes.body
    );
    assert!(changes.body.contains("由 2 条意见促成："));
    assert!(changes.body.contains(&format!(
        "href=\"/consultations/{}/report#c-{}\"",
        k.id, k.art3.tracking_number
    )));
    let r = lookup(&app, &k.group_a.tracking_number).await;
    assert!(
        r.body.contains("您的意见促成了正式文本的修改："),
        "{}",
        r.body
    );
    assert!(r.body.contains("第四条 · 新增"));
    assert!(
        r.body
            .contains(&format!("href=\"/policies/{own}/changes\""))
    );
    let v: serde_json::Value = serde_json::from_str(
        &app.get(&mut citizen, &format!("/api/v1/policies/{own}/changes"))
            .await
            .body,
    )
    .unwrap();
    let added = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "added")
        .unwrap();
    assert_eq!(
        added["prompted_by"],
        serde_json::json!(["HY-2026-800001", "HY-2026-800002"])
    );
    // Decisions are final with the report: no more ties.
    let r = app
        .submit(
            &mut drafter,
            &workspace(k.id),
            &tie,
            &[("change", "3-3"), ("ids", &k.group_a.id.to_string())],
        )
        .await;
    assert_ne!(r.status, StatusCode::SEE_OTHER);
}
