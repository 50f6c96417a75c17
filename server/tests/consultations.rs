//! Consultations through the real router: comment → emailed verification → moderation →
//! publication beside its article, and every kind of bad input changing nothing.

mod common;

use axum::http::StatusCode;
use backend::entities::{comment, consultation};
use common::*;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

async fn comment_count(app: &TestApp) -> u64 {
    comment::Entity::find().count(&app.state.db).await.unwrap()
}

/// The text of every mail written to the outbox directory (no SMTP configured in tests).
async fn mails(app: &TestApp) -> Vec<String> {
    backend::mail::deliver_due(&app.state).await.unwrap();
    let Ok(dir) = std::fs::read_dir(app.state.config.outbox_dir()) else {
        return vec![];
    };
    let mut files: Vec<_> = dir.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).unwrap();
            let (head, _) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
            let text = mail_text(&raw).unwrap_or_default();
            format!("{head}\n\n{text}")
        })
        .collect()
}

fn verify_link(mail: &str) -> String {
    let at = mail
        .find("/comments/verify?token=")
        .expect("a verification link");
    mail[at..]
        .chars()
        .take_while(|c| !c.is_whitespace())
        .collect()
}

async fn comment_on(app: &TestApp, b: &mut Browser, id: i32, fields: &[(&str, &str)]) -> Response {
    app.submit(
        b,
        &format!("/consultations/{id}"),
        &format!("/consultations/{id}/comments"),
        fields,
    )
    .await
}

#[tokio::test]
async fn a_comment_is_verified_moderated_and_published_beside_its_article() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let mut citizen = Browser::default();
    let page = app.get(&mut citizen, &format!("/consultations/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"art-3\""));
    let r = comment_on(
        &app,
        &mut citizen,
        id,
        &[
            ("article", "art-3"),
            ("body", "建议第三条明确“即时审批”的时限。\n并公开审批规则。"),
            ("display_name", "市民张先生"),
            ("email", "zhang@example.test"),
            ("consent", "on"),
            ("website", ""),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let receipt_url = r.location();
    assert!(
        receipt_url.starts_with("/comments/receipt/HY-"),
        "{receipt_url}"
    );
    let tracking = receipt_url
        .trim_start_matches("/comments/receipt/")
        .to_string();
    let receipt = app.get(&mut citizen, &receipt_url).await;
    assert!(receipt.body.contains(&tracking));
    assert!(
        !receipt.body.contains("zhang@example.test"),
        "the receipt never shows the email"
    );
    // Not public before verification and moderation.
    assert!(
        !app.get(&mut citizen, &format!("/consultations/{id}"))
            .await
            .body
            .contains("即时审批”的时限")
    );
    let all = mails(&app).await;
    assert_eq!(all.len(), 1);
    assert!(all[0].contains("To: zhang@example.test"));
    let link = verify_link(&all[0]);
    // Opening the link (as a mail scanner does) confirms nothing by itself.
    app.get(&mut citizen, &link).await;
    let row = comment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.verified_at.is_none(), "a GET changed nothing");
    let r = open_mail_link(&app, &mut citizen, &link).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("VerifiedNotice"));
    // A replayed link changes nothing and says so.
    let r = open_mail_link(&app, &mut citizen, &link).await;
    assert!(r.location().contains("VerifyInvalid"));
    // Status lookup needs the right email.
    let r = app
        .submit(
            &mut citizen,
            "/comments/status",
            "/comments/status",
            &[
                ("tracking_number", &tracking),
                ("email", "other@example.test"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .submit(
            &mut citizen,
            "/comments/status",
            "/comments/status",
            &[
                ("tracking_number", &tracking),
                ("email", "ZHANG@example.test"),
            ],
        )
        .await;
    assert!(r.body.contains("已确认，待审核"), "{}", r.body);
    // The editor approves.
    let mut editor = app.login("editor", PASSWORD).await;
    let queue = app.get(&mut editor, "/staff/moderation").await;
    assert!(queue.body.contains("即时审批”的时限"));
    let cid = comment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &cid)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let public = app
        .get(&mut citizen, &format!("/consultations/{id}?article=art-3"))
        .await;
    assert!(
        public.body.contains("建议第三条明确“即时审批”的时限。"),
        "published under article 3"
    );
    assert!(public.body.contains("市民张先生"));
    assert!(public.body.contains("1 条意见"), "count beside article 3");
    assert!(
        !public.body.contains("zhang@example.test") && !public.body.contains("127.0.0.1"),
        "no personal data in public"
    );
    let other = app
        .get(&mut citizen, &format!("/consultations/{id}?article=art-1"))
        .await;
    assert!(
        !other.body.contains("即时审批”的时限"),
        "filtered by article"
    );
    let r = app
        .submit(
            &mut citizen,
            "/comments/status",
            "/comments/status",
            &[
                ("tracking_number", &tracking),
                ("email", "zhang@example.test"),
            ],
        )
        .await;
    assert!(r.body.contains("已公开"));
    assert!(
        mails(&app).await.iter().any(|m| m.contains("已审核公开")),
        "the commenter is told"
    );
}

#[tokio::test]
async fn bad_comments_get_a_clear_answer_and_change_nothing() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let mut b = Browser::default();
    let good = [
        ("article", "art-1"),
        ("body", "意见"),
        ("email", "a@example.test"),
        ("consent", "on"),
    ];
    let with = |k: &str, v: &str| -> Vec<(String, String)> {
        let mut f: Vec<(String, String)> = good
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .filter(|(a, _)| a != k)
            .collect();
        f.push((k.to_string(), v.to_string()));
        f
    };
    let long = "意".repeat(5001);
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (with("body", ""), "此项必填"),
        (with("body", &long), "最多 5000 字"),
        (with("body", "PK\u{3}\u{4}\u{0}\u{0}"), "无法识别的字符"),
        (with("email", "not-an-email"), "有效的电子邮箱"),
        (with("article", "art-99"), "请从列表中选择"),
        (with("consent", "off"), "同意公开"),
        (with("website", "http://spam.example"), "提交未被接受"),
    ];
    for (fields, expect) in cases {
        let refs: Vec<(&str, &str)> = fields
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        let r = comment_on(&app, &mut b, id, &refs).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{expect}");
        assert!(
            r.body.contains(expect),
            "{expect}: {}",
            &r.body[..r.body.len().min(400)]
        );
    }
    // What was typed is kept.
    let r = comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "保留这段文字"),
            ("email", "bad"),
            ("consent", "on"),
        ],
    )
    .await;
    assert!(r.body.contains("保留这段文字"));
    // Not yet open, and closed.
    let later = open_consultation(&app, 2, 40).await;
    let refs: Vec<(&str, &str)> = good.to_vec();
    let r = app.get(&mut b, &format!("/consultations/{later}")).await;
    assert!(
        r.body.contains("征求意见尚未开始"),
        "no form before opening"
    );
    let token = csrf_token(&app.get(&mut b, "/login").await.body).unwrap();
    let mut direct = vec![("csrf", token.as_str())];
    direct.extend(refs.iter().copied());
    let r = app
        .post(&mut b, &format!("/consultations/{later}/comments"), &direct)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("不在意见征集期内"));
    let closed = open_consultation(&app, -40, -1).await;
    let r = app
        .post(
            &mut b,
            &format!("/consultations/{closed}/comments"),
            &direct,
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    // From another site.
    let body =
        "article=art-1&body=x&email=a%40example.test&consent=on".to_string() + "&csrf=" + &token;
    let req = axum::http::Request::post(format!("/consultations/{id}/comments"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(app.request(&mut b, req).await.status, StatusCode::FORBIDDEN);
    assert_eq!(comment_count(&app).await, 0, "nothing stored");
    assert!(mails(&app).await.is_empty(), "nothing mailed");
}

#[tokio::test]
async fn comments_are_rate_limited_per_email_with_a_clear_message() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let mut b = Browser::default();
    for i in 0..3 {
        let body = format!("第{i}条意见");
        let r = comment_on(
            &app,
            &mut b,
            id,
            &[
                ("body", &body),
                ("email", "same@example.test"),
                ("consent", "on"),
            ],
        )
        .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER);
    }
    let r = comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "第四条意见"),
            ("email", "same@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    // 429 Too Many Requests, when to try again, and the text kept.
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(r.headers[axum::http::header::RETRY_AFTER], "3600");
    assert!(r.body.contains("提交过于频繁"));
    assert!(r.body.contains("第四条意见"), "kept");
    assert_eq!(comment_count(&app).await, 3);
}

#[tokio::test]
async fn submissions_beyond_what_is_taken_in_at_once_are_refused_with_the_text_kept() {
    let app = TestApp::new_with(|c| c.intake_concurrency = 2).await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    // Two submissions in progress (their permits held here).
    let held = app.state.intake.clone().try_acquire_many_owned(2).unwrap();
    let mut b = Browser::default();
    let r = comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "高峰时段提交的意见"),
            ("email", "busy@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(r.headers[axum::http::header::RETRY_AFTER], "5");
    assert!(r.body.contains("服务繁忙"), "says why");
    assert!(r.body.contains("高峰时段提交的意见"), "the text is kept");
    assert_eq!(comment_count(&app).await, 0);
    // Once they are done, the same submission is taken.
    drop(held);
    let r = comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "高峰时段提交的意见"),
            ("email", "busy@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(comment_count(&app).await, 1);
}

/// A transaction that keeps the comment writer from committing until it ends (SQLite: the
/// write lock; PostgreSQL: a lock on the comments table that plain reads pass).
async fn hold_comments(app: &TestApp, id: i32) -> sea_orm::DatabaseTransaction {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let hold = app.state.db.begin().await.unwrap();
    let lock = match hold.get_database_backend() {
        sea_orm::DbBackend::Postgres => "LOCK TABLE comments IN EXCLUSIVE MODE".to_string(),
        _ => format!("UPDATE consultations SET title = title WHERE id = {id}"),
    };
    hold.execute_unprepared(&lock).await.unwrap();
    hold
}

/// Group commit: comments submitted while the writer is held up are committed together;
/// each gets its own tracking number (its row id) and its own mail, and a row the database
/// refuses fails alone.
#[tokio::test]
async fn comments_submitted_at_once_are_committed_together_each_with_its_own_receipt() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    // Hold the comments table so that everything submitted meanwhile queues up.
    let hold = hold_comments(&app, id).await;
    let mut tasks = tokio::task::JoinSet::new();
    for n in 0..40 {
        if n == 1 {
            // The first one is in the writer now, waiting on the lock: all that follow
            // gather into the next batch, the refused row among them.
            tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        }
        let state = app.state.clone();
        tasks.spawn(async move {
            let form = backend::forms::CommentForm {
                body: format!("同时提交的第{n}条意见"),
                email: format!("c{n}@example.test"),
                consent: "on".into(),
                ..Default::default()
            };
            let ip = format!("192.0.2.{n}");
            let r = backend::consultations::submit_comment(
                &state,
                id,
                &form,
                &ip,
                domain::i18n::Locale::default(),
            )
            .await;
            (n, r.map_err(|e| e.to_string()))
        });
    }
    // A row the database refuses (no such consultation), in the same queue.
    let writer = app.state.comment_writer.clone();
    let refused = tokio::spawn(async move {
        writer
            .write(backend::consultations::PendingComment {
                row: comment::ActiveModel {
                    consultation_id: Set(999_999),
                    body: Set("不存在的征求意见".into()),
                    display_name: Set("匿名".into()),
                    email: Set("x@example.test".into()),
                    ip: Set(String::new()),
                    consent: Set(true),
                    flagged: Set(false),
                    status: Set(backend::domain::consultation::CommentStatus::Unverified),
                    channel: Set(backend::domain::consultation::CommentChannel::Online),
                    locale: Set("zh-Hans".into()),
                    created_at: Set(chrono::Utc::now()),
                    ..Default::default()
                },
                created_at: chrono::Utc::now(),
                email: "x@example.test".into(),
                title: "无".into(),
                token: "t".into(),
                locale: domain::i18n::Locale::default(),
            })
            .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        comment_count(&app).await,
        0,
        "nothing acknowledged while held"
    );
    hold.rollback().await.unwrap();
    let mut receipts = std::collections::HashMap::new();
    while let Some(done) = tasks.join_next().await {
        let (n, r) = done.unwrap();
        receipts.insert(n, r.expect("stored"));
    }
    assert!(
        matches!(
            refused.await.unwrap(),
            Err(backend::error::ServiceError::Busy(_, 5))
        ),
        "the refused row fails alone, as busy"
    );
    assert_eq!(receipts.len(), 40);
    assert_eq!(comment_count(&app).await, 40);
    let outbox = mails(&app).await;
    for (n, tracking) in &receipts {
        let row = comment::Entity::find()
            .filter(comment::Column::TrackingNumber.eq(tracking.as_str()))
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("the receipt's comment is stored");
        assert_eq!(row.body, format!("同时提交的第{n}条意见"));
        assert!(tracking.ends_with(&format!("{:06}", row.id)), "{tracking}");
        let to = format!("c{n}@example.test");
        let mail = outbox
            .iter()
            .find(|m| m.contains(&to))
            .expect("each commenter gets a mail");
        assert!(mail.contains(tracking.as_str()), "with their own number");
    }
}

/// A stalled database: the citizen is told "busy, try again" with the text kept before the
/// request times out, and a comment still queued then is not stored behind their back.
#[tokio::test]
async fn a_stalled_database_answers_busy_with_the_text_kept_before_the_timeout() {
    // Receipts are waited for two thirds of the request timeout: 2 s here.
    let app = TestApp::new_with(|c| c.request_timeout = std::time::Duration::from_secs(3)).await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let hold = hold_comments(&app, id).await;
    // The first comment is in the writer's transaction, waiting on the lock …
    let state = app.state.clone();
    let first = tokio::spawn(async move {
        let form = backend::forms::CommentForm {
            body: "数据库停顿时第一条意见".into(),
            email: "first@example.test".into(),
            consent: "on".into(),
            ..Default::default()
        };
        backend::consultations::submit_comment(
            &state,
            id,
            &form,
            "192.0.2.1",
            domain::i18n::Locale::default(),
        )
        .await
    });
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    // … the second, a whole request, queues behind it.
    let started = std::time::Instant::now();
    let mut b = Browser::default();
    let r = comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "数据库停顿时第二条意见"),
            ("email", "second@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(3),
        "before the timeout"
    );
    assert_eq!(r.headers[axum::http::header::RETRY_AFTER], "5");
    assert!(r.body.contains("服务繁忙"), "says why");
    assert!(
        r.body.contains("数据库停顿时第二条意见"),
        "the text is kept"
    );
    assert!(matches!(
        first.await.unwrap(),
        Err(backend::error::ServiceError::Busy(_, 5))
    ));
    // The database comes back.
    hold.rollback().await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let bodies: Vec<String> = comment::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.body)
        .collect();
    // The first was in its transaction already: stored all the same (its mail says so).
    // The second was still queued: not stored, as its citizen was told.
    assert_eq!(bodies, ["数据库停顿时第一条意见"]);
}

#[tokio::test]
async fn only_editors_moderate_and_flag_words_mark_comments() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let mut b = Browser::default();
    comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "这个办法是骗子写的"),
            ("email", "x@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    comment_on(
        &app,
        &mut b,
        id,
        &[
            ("body", "普通意见"),
            ("email", "y@example.test"),
            ("consent", "on"),
        ],
    )
    .await;
    for m in mails(&app).await {
        let link = verify_link(&m);
        open_mail_link(&app, &mut b, &link).await;
    }
    let rows = comment::Entity::find().all(&app.state.db).await.unwrap();
    assert!(rows.iter().any(|r| r.flagged && r.body.contains("骗子")));
    assert!(rows.iter().any(|r| !r.flagged));
    let ids: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    assert_eq!(
        app.get(&mut drafter, "/staff/moderation").await.status,
        StatusCode::FORBIDDEN
    );
    let token = csrf_token(&app.get(&mut drafter, "/staff").await.body).unwrap();
    let r = app
        .post(
            &mut drafter,
            "/staff/moderation/approve",
            &[("csrf", &token), ("ids", &ids[0])],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut editor = app.login("editor", PASSWORD).await;
    let flagged = app.get(&mut editor, "/staff/moderation?flagged=1").await;
    assert!(flagged.body.contains("骗子") && !flagged.body.contains("普通意见"));
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/reject",
            &[
                ("ids", &ids[0]),
                ("reason", "abusive"),
                ("note", "内部：辱骂"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    // Bulk approve of a set that includes the rejected one... is allowed (reconsideration);
    // but an unknown id makes the whole action fail and change nothing.
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &ids[1]), ("ids", "999999")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let page = app.get(&mut b, &format!("/consultations/{id}")).await;
    assert!(!page.body.contains("普通意见"), "nothing partially applied");
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &ids[1])],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut b, &format!("/consultations/{id}")).await;
    assert!(page.body.contains("普通意见"));
    assert!(
        !page.body.contains("骗子") && !page.body.contains("内部：辱骂"),
        "rejected text and notes stay internal"
    );
    assert!(page.body.contains("收到意见 2 条，已公开 1 条"));
}

#[tokio::test]
async fn drafters_open_consultations_of_at_least_thirty_days_or_say_why() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let base = [
        ("title", "征求意见稿"),
        ("draft_text", DRAFT),
        ("explanatory_note", "起草说明"),
        ("opens_on", "2026-12-01"),
        ("release", "on"),
    ];
    let mut short: Vec<(&str, &str)> = base.to_vec();
    short.push(("closes_on", "2026-12-10"));
    let new = "/staff/consultations/new";
    let r = submit_multipart(&app, &mut a, new, new, &short, &[]).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("少于30日时，须填写理由"));
    short.push(("short_period_reason", "涉及年底前必须出台的民生事项"));
    let r = submit_multipart(&app, &mut a, new, new, &short, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut a, &r.location()).await;
    assert!(
        page.body.contains("涉及年底前必须出台的民生事项"),
        "the reason is public"
    );
    let mut editor = app.login("editor", PASSWORD).await;
    let r = submit_multipart(&app, &mut editor, "/staff", new, &short, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "editors do not draft");
}

#[tokio::test]
async fn consultations_carry_attachments_checked_by_content() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    app.state.search.rebuild(&app.state, &|_| {}).await.unwrap();
    let mut a = app.login("drafter.a", PASSWORD).await;
    let new = "/staff/consultations/new";
    let fields = [
        ("title", "附件测试征求意见稿"),
        ("draft_text", DRAFT),
        ("explanatory_note", "起草说明"),
        ("opens_on", "2026-11-01"),
        ("closes_on", "2026-12-31"),
        ("release", "on"),
    ];
    let pdf: &[u8] = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n";
    let docx: &[u8] = b"PK\x03\x04\x14\x00\x06\x00word/document.xml";
    // An executable named .pdf: refused, what was typed kept, nothing stored.
    let r = submit_multipart(
        &app,
        &mut a,
        new,
        new,
        &fields,
        &[
            ("attachments", "起草说明.pdf", b"MZ\x90\x00\x03"),
            ("attachments", "a.pdf", pdf),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.body.contains("不支持的附件类型：起草说明.pdf"),
        "{}",
        &r.body[..r.body.len().min(2000)]
    );
    assert!(r.body.contains("附件测试征求意见稿"));
    assert_eq!(
        consultation::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    // Too large (the test limit is 64 KiB per file).
    let big = vec![b'%'; 70 * 1024];
    let mut big_pdf = b"%PDF-1.4".to_vec();
    big_pdf.extend_from_slice(&big);
    let r = submit_multipart(
        &app,
        &mut a,
        new,
        new,
        &fields,
        &[("attachments", "大.pdf", &big_pdf)],
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("附件过大：大.pdf"));
    let r = submit_multipart(
        &app,
        &mut a,
        new,
        new,
        &fields,
        &[
            ("attachments", "../起草说明.pdf", pdf),
            ("attachments", "条文对照表.docx", docx),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut citizen = Browser::default();
    let page = app.get(&mut citizen, &r.location()).await;
    assert!(page.body.contains("起草说明.pdf"));
    assert!(page.body.contains("条文对照表.docx"));
    assert!(!page.body.contains("../"));
    // Released at once, so searchable at once: the change queue carries it to the index
    // built before it existed.
    assert!(backend::search::sync::catch_up(&app.state).await.unwrap() >= 1);
    let found = backend::search::search(
        &app.state,
        &domain::model::SearchParams {
            q: "附件测试征求意见稿".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert!(
        found.hits.iter().any(|h| h.title == "附件测试征求意见稿"),
        "{:?}",
        found.hits.iter().map(|h| &h.title).collect::<Vec<_>>()
    );
    let at = page.body.find("/attachments/").expect("an attachment link");
    let href: String = page.body[at..].chars().take_while(|c| *c != '"').collect();
    let file = app.get(&mut citizen, &href).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.headers["content-type"], "application/pdf");
    assert_eq!(file.body.as_bytes(), pdf);
    let disposition = file.headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.contains("filename*=UTF-8''%E8%B5%B7%E8%8D%89%E8%AF%B4%E6%98%8E.pdf"),
        "{disposition}"
    );
    assert_eq!(file.headers["x-content-type-options"], "nosniff");
    // Attachments of unreleased consultations stay private.
    use backend::entities::consultation_attachment;
    let att = consultation_attachment::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(att.len(), 2);
    let cid = att[0].consultation_id;
    let mut m: consultation::ActiveModel = consultation::Entity::find_by_id(cid)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    m.released = Set(false);
    m.update(&app.state.db).await.unwrap();
    assert_eq!(
        app.get(&mut citizen, &href).await.status,
        StatusCode::NOT_FOUND
    );
}

/// Submits and verifies a comment; returns its tracking number and id.
async fn verified_comment(app: &TestApp, id: i32, body: &str, email: &str) -> (String, i32) {
    let mut b = Browser::default();
    let r = comment_on(
        app,
        &mut b,
        id,
        &[
            ("article", "art-3"),
            ("body", body),
            ("email", email),
            ("consent", "on"),
        ],
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let tracking = r
        .location()
        .trim_start_matches("/comments/receipt/")
        .to_string();
    let mail = mails(app)
        .await
        .into_iter()
        .find(|m| m.contains(&tracking) && m.contains("/comments/verify"))
        .expect("verification mail");
    let r = open_mail_link(app, &mut b, &verify_link(&mail)).await;
    assert!(r.location().contains("VerifiedNotice"));
    let row = comment::Entity::find()
        .filter(comment::Column::TrackingNumber.eq(tracking.clone()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (tracking, row.id)
}

const CAMPAIGN: &str = "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知。";

#[tokio::test]
async fn near_duplicate_comments_are_grouped_and_a_group_is_published_at_once() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let (_, a) = verified_comment(&app, id, CAMPAIGN, "a@example.test").await;
    // Small edits: punctuation, a digit, a word dropped.
    let edited = CAMPAIGN.replace("五个", "5个").replace('：', "。");
    let (_, b) = verified_comment(&app, id, &edited, "b@example.test").await;
    let (_, c) =
        verified_comment(&app, id, &CAMPAIGN.replace("应当", "应"), "c@example.test").await;
    let (_, other) = verified_comment(
        &app,
        id,
        "第三条中的“相关数据”范围过宽，建议列明可共享核验的数据目录，并规定数据错误时的更正程序。",
        "d@example.test",
    )
    .await;
    let cluster = |id: i32| {
        let db = app.state.db.clone();
        async move {
            comment::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .cluster_id
        }
    };
    assert_eq!(cluster(a).await, Some(a));
    assert_eq!(cluster(b).await, Some(a));
    assert_eq!(cluster(c).await, Some(a));
    assert_eq!(
        cluster(other).await,
        Some(other),
        "a different comment stays alone"
    );

    let mut editor = app.login("editor", PASSWORD).await;
    let queue = app.get(&mut editor, "/staff/moderation").await;
    assert!(
        queue.body.contains("近似意见一组，共 3 条"),
        "{}",
        queue.body
    );
    assert_eq!(
        queue.body.matches("公开这一组待审核的 3 条").count(),
        1,
        "one group action per group"
    );
    let only_group = app
        .get(&mut editor, &format!("/staff/moderation?cluster={a}"))
        .await;
    assert!(!only_group.body.contains("数据目录"), "the group filter");
    let ids = [a.to_string(), b.to_string(), c.to_string()];
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &ids[0]), ("ids", &ids[1]), ("ids", &ids[2])],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let status = |id: i32| {
        let db = app.state.db.clone();
        async move {
            comment::Entity::find_by_id(id)
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .status
        }
    };
    for x in [a, b, c] {
        assert_eq!(status(x).await.as_str(), "published");
    }
    assert_eq!(status(other).await.as_str(), "awaiting_moderation");
}

#[tokio::test]
async fn redaction_hides_personal_data_and_every_action_is_in_the_audit_log() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let (tracking, cid) = verified_comment(
        &app,
        id,
        "建议第三条增加咨询电话。我的手机13800138000，欢迎联系。",
        "p@example.test",
    )
    .await;
    let (spam_tracking, spam) =
        verified_comment(&app, id, "低价代办各类证件，加微信", "s@example.test").await;
    let mut editor = app.login("editor", PASSWORD).await;
    // A span that is not in the text: a clear error, what was typed kept, nothing changed.
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            &format!("/staff/moderation/redact/{cid}"),
            &[("span", "身份证号440301")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("意见原文中没有这段文字"));
    assert!(r.body.contains("身份证号440301"));
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            &format!("/staff/moderation/redact/{cid}"),
            &[("span", "13800138000")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let queue = app.get(&mut editor, "/staff/moderation").await;
    assert!(
        queue.body.contains("我的手机＊＊＊"),
        "the editor sees the public text"
    );
    assert!(queue.body.contains("13800138000"), "and the original");
    let cid_s = cid.to_string();
    let spam_s = spam.to_string();
    app.submit(
        &mut editor,
        "/staff/moderation",
        "/staff/moderation/approve",
        &[("ids", &cid_s)],
    )
    .await;
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/reject",
            &[("ids", &spam_s), ("reason", "spam"), ("note", "广告")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut citizen = Browser::default();
    let public = app.get(&mut citizen, &format!("/consultations/{id}")).await;
    assert!(public.body.contains("我的手机＊＊＊，欢迎联系。"));
    assert!(public.body.contains("部分个人信息已隐去"));
    assert!(!public.body.contains("13800138000"));
    assert!(!public.body.contains("代办各类证件"));
    let stored = comment::Entity::find_by_id(cid)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.body.contains("13800138000"), "the original is kept");

    // The audit log: administrators only.
    let r = app.get(&mut editor, "/admin/audit").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let mut admin = app.login("admin", PASSWORD).await;
    let log = app.get(&mut admin, "/admin/audit").await;
    assert_eq!(log.status, StatusCode::OK);
    for expect in [
        "隐去个人信息",
        "隐去 1 处",
        "公开",
        "不予公开",
        "垃圾信息",
        "广告",
        tracking.as_str(),
        spam_tracking.as_str(),
        "editor",
    ] {
        assert!(log.body.contains(expect), "audit log shows {expect}");
    }
    assert!(!log.body.contains("13800138000"), "never the hidden text");
    // Append-only, enforced by the database.
    use sea_orm::ConnectionTrait;
    assert!(
        app.state
            .db
            .execute_unprepared("UPDATE audit_log SET actor_name = 'someone'")
            .await
            .is_err()
    );
    assert!(
        app.state
            .db
            .execute_unprepared("DELETE FROM audit_log")
            .await
            .is_err()
    );
    use backend::entities::audit_entry;
    assert_eq!(
        audit_entry::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        3
    );
}

#[tokio::test]
async fn editors_enter_paper_comments_which_go_to_moderation() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let form = format!("/staff/consultations/{id}/paper-comments/new");
    let action = format!("/staff/consultations/{id}/paper-comments");
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    assert_eq!(
        app.get(&mut drafter, &form).await.status,
        StatusCode::FORBIDDEN
    );
    let mut editor = app.login("editor", PASSWORD).await;
    let page = app.get(&mut editor, &form).await;
    assert_eq!(page.status, StatusCode::OK);
    // Missing consent: a clear error, the text kept, nothing stored.
    let r = app
        .submit(
            &mut editor,
            &form,
            &action,
            &[
                ("channel", "letter"),
                ("article", "art-2"),
                ("body", "来信：建议扩大适用范围。"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("来信：建议扩大适用范围。"));
    assert_eq!(comment_count(&app).await, 0);
    let r = app
        .submit(
            &mut editor,
            &form,
            &action,
            &[
                ("channel", "letter"),
                ("article", "art-2"),
                ("body", "来信：建议扩大适用范围。"),
                ("display_name", "退休职工刘某"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let row = comment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.status.as_str(), "awaiting_moderation");
    assert_eq!(row.channel.as_str(), "letter");
    assert_eq!(row.article_anchor.as_deref(), Some("art-2"));
    let queue = app.get(&mut editor, "/staff/moderation").await;
    assert!(queue.body.contains("来信：建议扩大适用范围。"));
    assert!(queue.body.contains("信函"));
    // A drafter cannot post one either.
    let token = csrf_token(&app.get(&mut drafter, "/staff").await.body).unwrap();
    let r = app
        .post(
            &mut drafter,
            &action,
            &[
                ("csrf", &token),
                ("channel", "paper"),
                ("body", "x"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(comment_count(&app).await, 1);
    // Without an email: approving mails nobody, and the number alone reveals nothing.
    let id_s = row.id.to_string();
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &id_s)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    use backend::entities::mail_outbox;
    assert_eq!(
        mail_outbox::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );
    let mut anyone = Browser::default();
    let r = app
        .submit(
            &mut anyone,
            "/comments/status",
            "/comments/status",
            &[("tracking_number", &row.tracking_number), ("email", "")],
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

fn link_after(mail: &str, marker: &str) -> String {
    let at = mail.find(marker).expect(marker);
    mail[at..]
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != '>')
        .collect()
}

async fn subscribe(app: &TestApp, email: &str, scope: &str) -> Response {
    let mut b = Browser::default();
    app.submit(
        &mut b,
        "/subscribe",
        "/subscribe",
        &[("email", email), ("scope", scope)],
    )
    .await
}

async fn confirm_latest(app: &TestApp, email: &str) -> String {
    let mail = mails(app)
        .await
        .into_iter()
        .rev()
        .find(|m| m.contains(&format!("To: {email}")) && m.contains("/subscriptions/confirm"))
        .expect("a confirmation mail");
    let link = link_after(&mail, "/subscriptions/confirm?token=");
    let r = open_mail_link(app, &mut Browser::default(), &link).await;
    assert!(
        r.location().contains("NoticeSubscribed"),
        "{}",
        r.location()
    );
    link
}

#[tokio::test]
async fn subscribers_confirm_get_one_notice_per_opened_consultation_and_unsubscribe_in_one_click() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    // Bad input: a clear error, what was typed kept, nothing stored or sent.
    let r = subscribe(&app, "not-an-email", "all").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("not-an-email"));
    let r = subscribe(&app, "x@example.test", "no-such-department").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(mails(&app).await.is_empty());

    for (email, scope) in [
        ("all@example.test", "all"),
        ("a@example.test", "a"),
        ("b@example.test", "b"),
        ("pending@example.test", "a"),
    ] {
        let r = subscribe(&app, email, scope).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        assert!(r.location().contains("NoticeSubscribeCheckMail"));
    }
    let link = confirm_latest(&app, "all@example.test").await;
    confirm_latest(&app, "a@example.test").await;
    confirm_latest(&app, "b@example.test").await;
    // A replayed confirmation changes nothing.
    let r = open_mail_link(&app, &mut Browser::default(), &link).await;
    assert!(r.location().contains("VerifyInvalid"));
    // Subscribing again when already subscribed: the same answer, no new mail.
    let before = mails(&app).await.len();
    let r = subscribe(&app, "ALL@example.test", "all").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(mails(&app).await.len(), before);

    // Department a (id 1) opens a consultation: "all" and "a" hear of it, once.
    let id = open_consultation(&app, -1, 29).await;
    let queued = backend::subscriptions::notify_opened(&app.state)
        .await
        .unwrap();
    assert_eq!(queued, 2);
    assert_eq!(
        backend::subscriptions::notify_opened(&app.state)
            .await
            .unwrap(),
        0,
        "one notice per consultation"
    );
    let all = mails(&app).await;
    let notices: Vec<&String> = all
        .iter()
        .filter(|m| m.contains(&format!("/consultations/{id}")))
        .collect();
    assert_eq!(notices.len(), 2);
    assert!(notices.iter().any(|m| m.contains("To: all@example.test")));
    assert!(notices.iter().any(|m| m.contains("To: a@example.test")));
    let notice = notices
        .iter()
        .find(|m| m.contains("To: all@example.test"))
        .unwrap();
    assert!(notice.contains("List-Unsubscribe: <http://127.0.0.1:3000/unsubscribe?token="));
    assert!(notice.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
    let unsubscribe = link_after(notice, "/unsubscribe?token=");
    // Opening the link shows a confirmation and changes nothing…
    let page = app.get(&mut Browser::default(), &unsubscribe).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("a***@example.test"), "masked address");
    assert!(!page.body.contains("all@example.test"));
    // …the mail client's one-click POST (no cookie, no CSRF token) unsubscribes.
    let req = axum::http::Request::post(unsubscribe.as_str())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("List-Unsubscribe=One-Click"))
        .unwrap();
    let r = app.request(&mut Browser::default(), req).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().contains("NoticeUnsubscribed"));
    let page = app.get(&mut Browser::default(), &unsubscribe).await;
    assert!(page.body.contains("已退订"));
    let r = app
        .get(
            &mut Browser::default(),
            &format!("/unsubscribe?token={}", "0".repeat(64)),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    // The next consultation reaches only the department subscriber.
    open_consultation(&app, -1, 29).await;
    assert_eq!(
        backend::subscriptions::notify_opened(&app.state)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn drafts_are_private_until_their_department_releases_them_and_lists_filter_by_department() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let new = "/staff/consultations/new";
    let fields = [
        ("title", "草稿阶段的征求意见稿"),
        ("draft_text", DRAFT),
        ("explanatory_note", "起草说明"),
        ("opens_on", "2030-01-02"),
        ("closes_on", "2030-02-28"),
    ];
    let r = submit_multipart(&app, &mut a, new, new, &fields, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let id = consultation::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut citizen = Browser::default();
    let public = format!("/consultations/{id}");
    assert_eq!(
        app.get(&mut citizen, &public).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !app.get(&mut citizen, "/consultations")
            .await
            .body
            .contains("草稿阶段")
    );
    let desk = app.get(&mut a, "/staff/consultations").await;
    assert!(desk.body.contains("草稿阶段的征求意见稿"));
    assert!(desk.body.contains("草稿，尚未公布"));
    // Another department's drafter sees none of it and cannot release it.
    let mut b = app.login("drafter.b", PASSWORD).await;
    assert!(
        !app.get(&mut b, "/staff/consultations")
            .await
            .body
            .contains("草稿阶段")
    );
    let release = format!("/staff/consultations/{id}/release");
    let r = app.submit(&mut b, "/staff", &release, &[]).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .submit(&mut citizen, "/comments/status", &release, &[])
        .await;
    assert!(
        r.location().starts_with("/login"),
        "the public is sent to log in"
    );
    assert_eq!(
        app.get(&mut citizen, &public).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.submit(&mut a, "/staff", &release, &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Released: public, scheduled, with the days to the start; filterable by department.
    let list = app.get(&mut citizen, "/consultations?department=a").await;
    assert!(list.body.contains("草稿阶段的征求意见稿"));
    assert!(list.body.contains("天后开始"));
    let other = app.get(&mut citizen, "/consultations?department=b").await;
    assert!(!other.body.contains("草稿阶段的征求意见稿"));
    let unknown = app.get(&mut citizen, "/consultations?department=zz").await;
    assert_eq!(unknown.status, StatusCode::OK);
    assert!(!unknown.body.contains("草稿阶段的征求意见稿"));
    // Releasing twice is refused.
    let r = app.submit(&mut a, "/staff", &release, &[]).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn published_comments_are_paged_and_ordered_in_the_database() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let id = open_consultation(&app, -1, 29).await;
    let now = chrono::Utc::now();
    for i in 0..25 {
        comment::ActiveModel {
            tracking_number: Set(format!("HY-2026-{:06}", 500 + i)),
            consultation_id: Set(id),
            article_anchor: Set((i % 2 == 0).then(|| "art-2".to_string())),
            body: Set(format!("第{i:02}号意见")),
            display_name: Set("匿名".into()),
            email: Set(format!("p{i}@example.test")),
            ip: Set("127.0.0.1".into()),
            consent: Set(true),
            flagged: Set(false),
            status: Set(domain::consultation::CommentStatus::Published),
            created_at: Set(now - chrono::Duration::minutes(100 - i)),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    let mut b = Browser::default();
    let first = app.get(&mut b, &format!("/consultations/{id}")).await;
    assert!(first.body.contains("第24号意见"), "newest first");
    assert!(!first.body.contains("第04号意见"));
    assert!(first.body.contains("第 1 页，共 2 页"));
    assert!(
        first.body.contains("13 条意见"),
        "13 published beside article 2"
    );
    let second = app
        .get(&mut b, &format!("/consultations/{id}?page=2"))
        .await;
    assert!(second.body.contains("第00号意见") && second.body.contains("第04号意见"));
    assert!(!second.body.contains("第05号意见"));
    let oldest = app
        .get(
            &mut b,
            &format!("/consultations/{id}?order=oldest&article=art-2"),
        )
        .await;
    assert!(oldest.body.contains("第 1 页，共 1 页"));
    let at = |s: &str| oldest.body.find(s).unwrap();
    assert!(at("第00号意见") < at("第02号意见"), "oldest first");
    assert!(!oldest.body.contains("第01号意见"), "only article 2");
    // A page beyond the end shows the last page, never an error.
    let beyond = app
        .get(&mut b, &format!("/consultations/{id}?page=99"))
        .await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert!(beyond.body.contains("第 2 页，共 2 页"));
}
