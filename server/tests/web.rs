//! Integration tests through the real axum router on a real database.

mod common;

use axum::http::{StatusCode, header};
use common::*;

#[tokio::test]
async fn public_pages_render_in_simplified_chinese_and_unknown_pages_404() {
    let app = TestApp::new().await;
    // Proves which database the suite really ran on.
    let backend = sea_orm::ConnectionTrait::get_database_backend(&app.state.db);
    let expected = if std::env::var("HUIYIN_TEST_POSTGRES").is_ok_and(|v| !v.is_empty()) {
        sea_orm::DatabaseBackend::Postgres
    } else {
        sea_orm::DatabaseBackend::Sqlite
    };
    assert_eq!(backend, expected);
    fixtures(&app).await;
    let mut b = Browser::default();
    for path in ["/", "/policies", "/timeliness", "/departments/a", "/login"] {
        let r = app.get(&mut b, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        assert!(r.body.contains("<html lang=\"zh-Hans\""), "{path}");
        assert!(r.body.contains("回音"), "{path}");
        assert!(
            r.body
                .contains("<meta name=\"description\" content=\"回音："),
            "{path}"
        );
    }
    let r = app.get(&mut b, "/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(
        r.body.contains("页面不存在"),
        "404 page in the site's design: {}",
        r.body
    );
    let r = app.get(&mut b, "/departments/zzz").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app.get(&mut b, "/policies/999999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_changes_the_page() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let r = app.get(&mut b, "/lang/zh-Hant?back=/policies").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/policies");
    let r = app.get(&mut b, "/policies").await;
    assert!(r.body.contains("<html lang=\"zh-Hant\""));
    assert!(r.body.contains("篩選"), "Traditional UI text");
    app.get(&mut b, "/lang/en?back=//evil.example").await;
    let r = app.get(&mut b, "/").await;
    assert!(r.body.contains("<html lang=\"en\""));
}

#[tokio::test]
async fn wrong_password_gets_one_message_and_keeps_the_username() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    let r = app
        .submit(
            &mut b,
            "/login",
            "/login",
            &[("username", "editor"), ("password", "nope-nope-nope")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("用户名或密码不正确"));
    assert!(r.body.contains("value=\"editor\""), "username kept");
    let r2 = app
        .submit(
            &mut b,
            "/login",
            "/login",
            &[("username", "nobody"), ("password", "nope-nope-nope")],
        )
        .await;
    assert_eq!(r2.status, StatusCode::UNAUTHORIZED);
    assert!(
        r2.body.contains("用户名或密码不正确"),
        "same message for an unknown user"
    );
    assert!(b.session.is_none());
}

#[tokio::test]
async fn repeated_login_failures_are_throttled() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    for _ in 0..5 {
        let r = app
            .submit(
                &mut b,
                "/login",
                "/login",
                &[("username", "editor"), ("password", "wrong-password")],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    // Even the right password is refused while throttled.
    let r = app
        .submit(
            &mut b,
            "/login",
            "/login",
            &[("username", "editor"), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("登录失败次数过多"));
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = app.login("editor", PASSWORD).await;
    assert_eq!(app.get(&mut b, "/staff").await.status, StatusCode::OK);
    let old = b.clone();
    let r = app.submit(&mut b, "/staff", "/logout", &[]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut replay = old;
    assert_eq!(
        app.get(&mut replay, "/staff").await.status,
        StatusCode::UNAUTHORIZED,
        "old cookie no longer works"
    );
}

#[tokio::test]
async fn the_public_cannot_reach_any_staff_action() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut drafter, "草案", "第一条 内容").await;
    let mut public = Browser::default();
    assert_eq!(
        app.get(&mut public, "/staff").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&mut public, "/admin/calendar").await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&mut public, &format!("/policies/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND,
        "drafts are not public"
    );
    let token_page = app.get(&mut public, "/login").await;
    let token = csrf_token(&token_page.body).unwrap();
    for action in [
        "/staff/policies/new".to_string(),
        format!("/staff/policies/{id}/edit"),
        format!("/staff/policies/{id}/submit"),
        format!("/staff/policies/{id}/approve"),
        format!("/staff/policies/{id}/return"),
        "/admin/calendar".into(),
    ] {
        let r = app
            .post(
                &mut public,
                &action,
                &[
                    ("csrf", &token),
                    ("title", "x"),
                    ("reason", "x"),
                    ("entries", ""),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{action}");
        assert!(
            r.location().starts_with("/login"),
            "{action} → {}",
            r.location()
        );
    }
    let status = app
        .get(&mut drafter, &format!("/staff/policies/{id}"))
        .await;
    assert!(status.body.contains("草稿"), "still a draft");
}

#[tokio::test]
async fn a_drafter_cannot_touch_another_departments_policy() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "甲局草案", "第一条 内容").await;
    let mut b = app.login("drafter.b", PASSWORD).await;
    assert_eq!(
        app.get(&mut b, &format!("/staff/policies/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let token = csrf_token(&app.get(&mut b, "/staff").await.body).unwrap();
    let r = app
        .post(
            &mut b,
            &format!("/staff/policies/{id}/edit"),
            &[
                ("csrf", &token),
                ("title", "改掉"),
                ("doc_number", "深府〔2026〕1号"),
                ("category", "open_government"),
                ("body", "x"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .post(
            &mut b,
            &format!("/staff/policies/{id}/submit"),
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // A drafter cannot sign off either, not even their own.
    let r = add_qa(&app, &mut a, id).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let token_a = csrf_token(&app.get(&mut a, "/staff").await.body).unwrap();
    assert_eq!(
        app.post(
            &mut a,
            &format!("/staff/policies/{id}/submit"),
            &[("csrf", &token_a)]
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.post(
            &mut a,
            &format!("/staff/policies/{id}/approve"),
            &[("csrf", &token_a)]
        )
        .await
        .status,
        StatusCode::FORBIDDEN
    );
    let page = app.get(&mut a, &format!("/staff/policies/{id}")).await;
    assert!(page.body.contains("甲局草案") && !page.body.contains("改掉"));
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_or_from_another_origin_change_nothing() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let fields = [
        ("title", "伪造"),
        ("doc_number", "深府〔2026〕1号"),
        ("category", "open_government"),
        ("body", "x"),
    ];
    let r = app.post(&mut a, "/staff/policies/new", &fields).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no token");
    assert!(
        r.body.contains("表单已过期或来源无效"),
        "explains what happened"
    );
    let mut with_bad = vec![("csrf", "0".repeat(64))];
    with_bad.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let bad: Vec<(&str, &str)> = with_bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        app.post(&mut a, "/staff/policies/new", &bad).await.status,
        StatusCode::FORBIDDEN,
        "wrong token"
    );
    // Right token, but the browser says the form came from another site.
    let token = csrf_token(&app.get(&mut a, "/staff").await.body).unwrap();
    let body = format!(
        "csrf={token}&title=x&doc_number=%E6%B7%B1%E5%BA%9C%E3%80%942026%E3%80%951%E5%8F%B7&category=open_government&body=x"
    );
    let req = axum::http::Request::post("/staff/policies/new")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "https://evil.example")
        .header("host", "127.0.0.1:3000")
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(app.request(&mut a, req).await.status, StatusCode::FORBIDDEN);
    let desk = app.get(&mut a, "/staff").await;
    assert!(!desk.body.contains("伪造"));
}

#[tokio::test]
async fn invalid_policy_form_shows_errors_and_keeps_the_input() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let r = app
        .submit(
            &mut a,
            "/staff/policies/new",
            "/staff/policies/new",
            &[
                ("title", "关于加强政策解读工作的通知"),
                ("doc_number", "深府2026第3号"),
                ("category", "open_government"),
                ("signed_on", "2026-02-30"),
                ("body", "第一条 保留我输入的正文"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("文号格式应为"), "doc number error");
    assert!(r.body.contains("请输入有效日期"), "date error");
    assert!(r.body.contains("关于加强政策解读工作的通知"), "title kept");
    assert!(r.body.contains("第一条 保留我输入的正文"), "body kept");
    assert!(r.body.contains("aria-invalid=\"true\""));
}

#[tokio::test]
async fn publish_flow_drafter_submits_editor_signs_off_public_sees_both() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "深圳市政策解读工作办法", "第一条 为规范政策解读，制定本办法。\n第二条 解读与政策同步发布。\n第三条 本办法自发布之日起施行。").await;
    // Submitting without an interpretation is refused with a message.
    let r = app
        .submit(
            &mut a,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("至少添加一份解读材料"));
    assert_eq!(add_qa(&app, &mut a, id).await.status, StatusCode::SEE_OTHER);
    let r = app
        .submit(
            &mut a,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let mut public = Browser::default();
    assert_eq!(
        app.get(&mut public, &format!("/policies/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let mut editor = app.login("editor", PASSWORD).await;
    let desk = app.get(&mut editor, "/staff").await;
    assert!(
        desk.body.contains("深圳市政策解读工作办法"),
        "in the sign-off queue"
    );
    let r = app
        .submit(
            &mut editor,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/approve"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut public, &format!("/policies/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("深圳市政策解读工作办法"));
    assert!(page.body.contains("什么时候发布解读"), "Q&A shown");
    assert!(page.body.contains("解读同步发布"), "on-time badge");
    assert!(page.body.contains("id=\"art-3\""), "article anchors");
    let again = app
        .submit(
            &mut editor,
            "/staff",
            &format!("/staff/policies/{id}/approve"),
            &[],
        )
        .await;
    assert_eq!(
        again.status,
        StatusCode::CONFLICT,
        "approving twice is refused"
    );
}

#[tokio::test]
async fn editor_returns_with_a_reason_which_the_drafter_sees() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "退回测试", "第一条 内容").await;
    add_qa(&app, &mut a, id).await;
    app.submit(
        &mut a,
        &format!("/staff/policies/{id}"),
        &format!("/staff/policies/{id}/submit"),
        &[],
    )
    .await;
    let mut editor = app.login("editor", PASSWORD).await;
    let r = app
        .submit(
            &mut editor,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/return"),
            &[("reason", " ")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "reason required"
    );
    let r = app
        .submit(
            &mut editor,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/return"),
            &[("reason", "请补充图解")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let page = app.get(&mut a, &format!("/staff/policies/{id}")).await;
    assert!(page.body.contains("已退回：请补充图解"));
}

#[tokio::test]
async fn script_tags_event_handlers_and_javascript_urls_never_reach_the_page() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "</title><script>alert('t')</script>标题", "<p onclick=\"x()\">正文<script>alert(1)</script><a href=\"javascript:alert(2)\">链接</a><img src=x onerror=alert(3)></p>").await;
    let page = app.get(&mut a, &format!("/staff/policies/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(!page.body.contains("<script>alert"), "{}", page.body);
    assert!(!page.body.contains("onclick") && !page.body.contains("onerror"));
    assert!(!page.body.contains("javascript:alert"));
    assert!(
        page.body.contains("&lt;script&gt;alert"),
        "title escaped as text"
    );
}

#[tokio::test]
async fn svg_uploads_are_refused_and_oversized_uploads_get_413() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "图解测试", "第一条 内容").await;
    let upload = |bytes: Vec<u8>, token: String| {
        let boundary = "B0UNDARY";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in [
            ("csrf", token.as_str()),
            ("kind", "graphic"),
            ("title", "一图读懂"),
            ("image_alt", "流程图：起草、审签、发布"),
        ] {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.svg\"\r\nContent-Type: image/svg+xml\r\n\r\n").as_bytes());
        body.extend(bytes);
        body.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        axum::http::Request::post(format!("/staff/policies/{id}/interpretations/new"))
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let token = csrf_token(&app.get(&mut a, "/staff").await.body).unwrap();
    let r = app
        .request(
            &mut a,
            upload(
                b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>".to_vec(),
                token.clone(),
            ),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("SVG 因安全原因不接受"));
    assert!(r.body.contains("流程图：起草、审签、发布"), "alt text kept");
    let mut big = b"\x89PNG\r\n\x1a\n".to_vec();
    big.resize(2 * 1024 * 1024, 0);
    let r = app.request(&mut a, upload(big, token.clone())).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("上传内容过大"));
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend([0u8; 100]);
    let r = app.request(&mut a, upload(png, token)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let page = app.get(&mut a, &format!("/staff/policies/{id}")).await;
    assert!(page.body.contains("alt=\"流程图：起草、审签、发布\""));
    let src_at = page.body.find("/uploads/").unwrap();
    let src: String = page.body[src_at..]
        .chars()
        .take_while(|c| *c != '"')
        .collect();
    let img = app.get(&mut a, &src).await;
    assert_eq!(img.status, StatusCode::OK);
    assert_eq!(img.headers.get("content-type").unwrap(), "image/png");
}

#[tokio::test]
async fn deadline_reminder_is_written_as_eml_without_smtp() {
    use backend::entities::policy;
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let cal = app.state.calendar();
    let today = app.state.today();
    // The latest publication whose reminder day has come: two working days ago on a working
    // day; on a weekend (or a holiday) the day of the last reminder.
    let mut published = today;
    while domain::deadline::reminder_date(&cal, published) > today {
        published = published.pred_opt().unwrap();
    }
    assert!(domain::deadline::interpretation_deadline(&cal, published) > today);
    let now = chrono::Utc::now();
    policy::ActiveModel {
        title: Set("提醒测试政策".into()),
        doc_number: Set("深府〔2026〕77号".into()),
        department_id: Set(1),
        category: Set("open_government".into()),
        published_on: Set(Some(published)),
        status: Set(domain::policy::PolicyStatus::Published),
        body: Set("第一条 内容".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    assert_eq!(backend::reminders::run(&app.state).await.unwrap(), 1);
    assert_eq!(
        backend::reminders::run(&app.state).await.unwrap(),
        0,
        "never twice"
    );
    assert_eq!(backend::mail::deliver_due(&app.state).await.unwrap(), 1);
    let dir = app.state.config.outbox_dir();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1);
    let eml = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(eml.contains("To: drafter.a@example.test"), "{eml}");
    assert!(!eml.contains("drafter.b@"), "only the drafting department");
}

#[tokio::test]
async fn admins_manage_accounts_and_a_disabled_account_cannot_log_in() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut admin = app.login("admin", PASSWORD).await;
    let r = app
        .submit(
            &mut admin,
            "/admin/users",
            "/admin/users",
            &[
                ("username", "x"),
                ("display_name", "新人"),
                ("role", "drafter"),
                ("department", ""),
                ("email", "bad"),
                ("password", "short"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("请输入有效的电子邮箱地址"));
    assert!(r.body.contains("value=\"新人\""), "input kept");
    assert!(
        !r.body.contains("value=\"short\""),
        "the password is never echoed"
    );
    let r = app
        .submit(
            &mut admin,
            "/admin/users",
            "/admin/users",
            &[
                ("username", "li.ming"),
                ("display_name", "李明"),
                ("role", "drafter"),
                ("department", "b"),
                ("email", "li.ming@example.test"),
                ("password", "a-long-password-1"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let mut li = app.login("li.ming", "a-long-password-1").await;
    assert_eq!(
        app.get(&mut li, "/admin/users").await.status,
        StatusCode::FORBIDDEN,
        "drafters do not manage accounts"
    );
    let page = app.get(&mut admin, "/admin/users").await;
    // li.ming's id, from the toggle form in the row after the name.
    let at = page.body.find("li.ming").unwrap();
    let after = &page.body[at..];
    let action_at = after.find("/admin/users/").unwrap();
    let id: String = after[action_at + 13..]
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    let r = app
        .submit(
            &mut admin,
            "/admin/users",
            &format!("/admin/users/{id}/active"),
            &[("active", "false")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&mut li, "/staff").await.status,
        StatusCode::UNAUTHORIZED,
        "session of a disabled account is dead"
    );
    let mut again = Browser::default();
    let r = app
        .submit(
            &mut again,
            "/login",
            "/login",
            &[("username", "li.ming"), ("password", "a-long-password-1")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_withdrawn_policy_leaves_the_public_pages() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "将被撤回的政策", "第一条 内容").await;
    add_qa(&app, &mut a, id).await;
    app.submit(
        &mut a,
        &format!("/staff/policies/{id}"),
        &format!("/staff/policies/{id}/submit"),
        &[],
    )
    .await;
    let mut editor = app.login("editor", PASSWORD).await;
    app.submit(
        &mut editor,
        &format!("/staff/policies/{id}"),
        &format!("/staff/policies/{id}/approve"),
        &[],
    )
    .await;
    let mut public = Browser::default();
    assert!(
        app.get(&mut public, "/policies")
            .await
            .body
            .contains("将被撤回的政策")
    );
    let token = csrf_token(&app.get(&mut a, "/staff").await.body).unwrap();
    let r = app
        .post(
            &mut a,
            &format!("/staff/policies/{id}/withdraw"),
            &[("csrf", &token), ("withdraw_reason", "已被新文件替代")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "drafters do not withdraw");
    let r = app
        .submit(
            &mut editor,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/withdraw"),
            &[("withdraw_reason", "已被新文件替代")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(
        app.get(&mut public, &format!("/policies/{id}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    assert!(
        !app.get(&mut public, "/policies")
            .await
            .body
            .contains("将被撤回的政策")
    );
    assert!(
        !app.get(&mut public, "/")
            .await
            .body
            .contains("将被撤回的政策")
    );
}

#[tokio::test]
async fn admins_extend_the_calendar_for_a_future_year_and_deadlines_follow_it() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut admin = app.login("admin", PASSWORD).await;
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    // 2027-10-01 is a Friday; without the 2027 schedule the deadline is estimated from the
    // statutory holidays (1–3 October off, the weekend made up on 4 and 5 October).
    assert_eq!(
        app.state.calendar().add_working_days(d("2027-09-30"), 3),
        d("2027-10-08")
    );
    assert!(
        app.state
            .calendar()
            .is_provisional(d("2027-09-30"), d("2027-10-08"))
    );
    // So is an adoption report due in January 2027 (comments closed on 2026-12-20).
    let cid = open_consultation(&app, -30, 1).await;
    let consultation = {
        use sea_orm::{ActiveModelTrait, Set};
        backend::entities::consultation::ActiveModel {
            id: Set(cid),
            closes_at: Set(chrono::DateTime::parse_from_rfc3339("2026-12-20T15:00:00Z")
                .unwrap()
                .with_timezone(&chrono::Utc)),
            ..Default::default()
        }
        .update(&app.state.db)
        .await
        .unwrap()
    };
    let report = backend::consultations::report_status(&app.state, &consultation);
    assert_eq!(report.deadline.format("%Y").to_string(), "2027");
    assert!(report.provisional);
    // The open-data API says so too.
    let id = published_policy(&app, 1, "国庆前发布的政策", 901).await;
    {
        use sea_orm::{ActiveModelTrait, Set};
        backend::entities::policy::ActiveModel {
            id: Set(id),
            published_on: Set(Some(d("2027-09-30"))),
            ..Default::default()
        }
        .update(&app.state.db)
        .await
        .unwrap();
    }
    let api = |body: &str| -> serde_json::Value { serde_json::from_str(body).unwrap() };
    let mut reader = Browser::default();
    let record = api(&app
        .get(&mut reader, &format!("/api/v1/policies/{id}"))
        .await
        .body);
    assert_eq!(
        record["policy"]["interpretation_deadline"], "2027-10-08",
        "{record}"
    );
    assert_eq!(
        record["policy"]["interpretation_deadline_provisional"],
        true
    );
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar",
            &[(
                "entries",
                "2027-10-01,holiday,国庆节\n2027-10-0x,holiday,国庆节",
            )],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("第 2 行格式有误"), "{}", r.body);
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar",
            &[("entries", "2026-10-12,holiday,国庆节")],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "built-in years are the State Council's"
    );
    let entries = (1..=7)
        .map(|day| format!("2027-10-0{day},holiday,国庆节"))
        .chain(["2027-10-09,workday,国庆节".to_string()])
        .collect::<Vec<_>>()
        .join("\n");
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar",
            &[("entries", &entries)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let cal = app.state.calendar();
    assert!(cal.is_workday(d("2027-10-09")), "adjusted Saturday");
    assert_eq!(cal.add_working_days(d("2027-09-30"), 3), d("2027-10-11"));
    assert!(
        !cal.is_provisional(d("2027-09-30"), d("2027-10-11")),
        "final"
    );
    let record = api(&app
        .get(&mut reader, &format!("/api/v1/policies/{id}"))
        .await
        .body);
    assert_eq!(
        record["policy"]["interpretation_deadline"], "2027-10-11",
        "{record}"
    );
    assert_eq!(
        record["policy"]["interpretation_deadline_provisional"],
        false
    );
    // The stored deadline (the timeliness record's lists count by it) was recomputed.
    let stored = {
        use sea_orm::EntityTrait;
        backend::entities::policy::Entity::find_by_id(id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
    };
    assert_eq!(stored.interpretation_deadline, Some(d("2027-10-11")));
    assert!(!backend::consultations::report_status(&app.state, &consultation).provisional);
    let mut editor = app.login("editor", PASSWORD).await;
    let r = app
        .submit(&mut editor, "/staff", "/admin/calendar", &[("entries", "")])
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "only admins");
    assert!(
        app.state.calendar().is_workday(d("2027-10-09")),
        "unchanged"
    );
}

#[tokio::test]
async fn malformed_requests_get_the_sites_error_pages_not_plain_text() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let token = csrf_token(&app.get(&mut a, "/staff").await.body).unwrap();
    let r = app
        .post(
            &mut a,
            "/staff/policies/not-a-number/submit",
            &[("csrf", &token)],
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("<html") && r.body.contains("回音"),
        "{}",
        r.body
    );
    // A form body of the wrong type.
    let req = axum::http::Request::post("/staff/policies/new")
        .header("content-type", "application/json")
        .body(axum::body::Body::from("{}"))
        .unwrap();
    let r = app.request(&mut a, req).await;
    assert!(r.status.is_client_error());
    assert!(r.body.contains("<html"), "{}", r.body);
    // Over the 1 MiB limit for ordinary forms.
    let big = "x".repeat(2 * 1024 * 1024);
    let r = app
        .post(
            &mut a,
            "/staff/policies/new",
            &[("csrf", &token), ("body", &big)],
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(r.body.contains("上传内容过大"));
    assert_eq!(
        app.get(&mut a, "/policies/abc").await.status,
        StatusCode::NOT_FOUND
    );
}

/// Islands: a page downloads code only when it has something that runs in the browser. The
/// search box is one (results follow the typing); a policy, a consultation or the home page
/// work as they are and load no script and no wasm.
#[tokio::test]
async fn only_a_page_with_an_island_loads_code() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    for path in ["/", "/policies", "/consultations", "/timeliness", "/login"] {
        let r = app.get(&mut b, path).await;
        assert_eq!(r.status, StatusCode::OK, "{path}");
        assert!(!r.body.contains("<script"), "{path}: no script");
        assert!(!r.body.contains(".wasm"), "{path}: no wasm");
        assert!(!r.body.contains("leptos-island"), "{path}");
    }
    let r = app.get(&mut b, "/search?q=%E6%94%BF%E7%AD%96").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("<leptos-island"),
        "the search input is an island"
    );
    // Addresses with the files' version (`?v=`), so they can be kept a year.
    assert!(
        r.body
            .contains(r#"<link rel="modulepreload" href="/pkg/huiyin.js?v="#)
    );
    // The input is in the island, with what was searched, and the results region it replaces.
    let island = &r.body[r.body.find("<leptos-island").unwrap()..];
    let island = &island[..island.find("</leptos-island>").unwrap()];
    assert!(
        island.contains(r#"id="search-q""#) && island.contains(r#"value="政策""#),
        "{island}"
    );
    assert!(r.body.contains(r#"id="search-live""#) && r.body.contains(r#"id="search-announce""#));
    // Nothing is serialized for hydration, and the script is a file.
    assert!(
        !r.body.contains("__RESOLVED_RESOURCES"),
        "no bootstrap in the page"
    );
    assert!(
        r.body
            .contains(r#"<script type="module" src="/pkg/islands.js?v="#)
    );
    assert!(
        r.body
            .contains(r#"<link rel="stylesheet" href="/pkg/huiyin.css?v="#)
    );
}

#[tokio::test]
async fn static_files_asked_for_with_their_version_are_kept_a_year() {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("huiyin.css"), "body { color: #222; }").unwrap();
    let root = site.path().to_path_buf();
    let app = TestApp::new_with(move |c| c.site_root = root).await;
    let version = server::assets::version(&pkg);
    let mut b = Browser::default();
    let r = app
        .get(&mut b, &format!("/pkg/huiyin.css?v={version}"))
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body, "body { color: #222; }");
    assert_eq!(
        r.headers[header::CACHE_CONTROL],
        "public, max-age=31536000, immutable"
    );
    // Without the version, or with another one (a page from before a deploy): revalidated.
    for path in ["/pkg/huiyin.css", "/pkg/huiyin.css?v=000000000000"] {
        let r = app.get(&mut b, path).await;
        assert_eq!(r.status, StatusCode::OK);
        assert_eq!(r.headers[header::CACHE_CONTROL], "no-cache", "{path}");
    }
    // Another file, another version; its compressed copies do not count.
    std::fs::write(pkg.join("huiyin.css.br"), "x").unwrap();
    assert_eq!(server::assets::version(&pkg), version);
    std::fs::write(pkg.join("huiyin.css"), "body { color: #000; }").unwrap();
    assert_ne!(server::assets::version(&pkg), version);
}

#[tokio::test]
async fn every_response_has_the_security_headers_and_cookies_their_attributes() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    // A page, a file answer, an error page and a redirect alike.
    for path in [
        "/",
        "/search?q=%E6%94%BF%E7%AD%96",
        "/healthz",
        "/no-such-page",
        "/lang/en?back=/",
    ] {
        let r = app.get(&mut b, path).await;
        assert_eq!(r.headers["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(r.headers["x-frame-options"], "DENY", "{path}");
        assert_eq!(r.headers["referrer-policy"], "same-origin", "{path}");
        let csp = r.headers["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        // No inline script at all: scripts are the site's files.
        let scripts = csp
            .split(';')
            .find(|d| d.trim_start().starts_with("script-src"))
            .unwrap();
        assert_eq!(
            scripts.trim(),
            "script-src 'self' 'wasm-unsafe-eval'",
            "{path}"
        );
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        let tags = r.body.matches("<script").count();
        let files = r
            .body
            .matches("<script type=\"module\" src=\"/pkg/")
            .count();
        assert_eq!(tags, files, "{path}: every script is a file of the site");
    }
    let set_cookies = |r: &Response| -> Vec<String> {
        r.headers
            .get_all("set-cookie")
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    };
    // The anonymous CSRF cookie: the whole site, not readable by scripts.
    let r = app.get(&mut Browser::default(), "/login").await;
    let csrf = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("huiyin_csrf="))
        .expect("a CSRF cookie");
    for attr in ["HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(csrf.contains(attr), "{csrf}");
    }
    assert!(!csrf.contains("Secure"), "plain http in tests: {csrf}");
    // The language cookie is kept a year; logging out clears the session cookie.
    let r = app.get(&mut b, "/lang/zh-Hant?back=/").await;
    let lang = set_cookies(&r).join("\n");
    assert!(
        lang.contains("huiyin_lang=zh-Hant") && lang.contains("Max-Age=31536000"),
        "{lang}"
    );
    let mut editor = app.login("editor", PASSWORD).await;
    let r = app.submit(&mut editor, "/staff", "/logout", &[]).await;
    let cleared = set_cookies(&r)
        .into_iter()
        .find(|c| c.starts_with("huiyin_session="))
        .expect("the session cookie cleared");
    assert!(
        cleared.starts_with("huiyin_session=;") && cleared.contains("Max-Age=0"),
        "{cleared}"
    );
    assert!(editor.session.is_none());
    // HSTS only where the site is served over HTTPS (secure cookies on).
    assert!(!r.headers.contains_key("strict-transport-security"));
    let https = TestApp::new_with(|c| c.secure_cookies = true).await;
    for path in ["/", "/healthz", "/no-such-page"] {
        let r = https.get(&mut Browser::default(), path).await;
        assert_eq!(
            r.headers["strict-transport-security"], "max-age=31536000",
            "{path}"
        );
    }
}

#[tokio::test]
async fn robots_and_the_sitemap_list_public_pages_only() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let draft = draft_policy(&app, &mut drafter, "未发布的草稿", "第一条 内容。").await;
    let published = published_policy(&app, 1, "已发布的政策", 88).await;
    let closed = open_consultation(&app, -40, -1).await;
    let mut anyone = Browser::default();
    let robots = app.get(&mut anyone, "/robots.txt").await;
    assert_eq!(robots.status, StatusCode::OK);
    assert!(robots.body.contains("Disallow: /staff") && robots.body.contains("Disallow: /admin"));
    let site = &app.state.config.site_url;
    assert!(
        robots
            .body
            .contains(&format!("Sitemap: {site}/sitemap.xml"))
    );
    let map = app.get(&mut anyone, "/sitemap.xml").await;
    assert_eq!(map.status, StatusCode::OK);
    assert!(
        map.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/xml")
    );
    let today = app.state.today();
    assert!(
        map.body.contains(&format!(
            "<loc>{site}/policies/{published}</loc><lastmod>{today}</lastmod>"
        )),
        "{}",
        map.body
    );
    assert!(
        map.body
            .contains(&format!("<loc>{site}/consultations/{closed}</loc>"))
    );
    assert!(
        map.body
            .contains(&format!("<loc>{site}/departments/a</loc>"))
    );
    assert!(
        !map.body.contains(&format!("/policies/{draft}<")),
        "a draft in the sitemap"
    );
    assert!(
        !map.body.contains("/staff") && !map.body.contains("/report<"),
        "{}",
        map.body
    );
    assert_eq!(
        map.body.matches("<url>").count(),
        map.body.matches("</url>").count()
    );
}

/// From 1 November the administrators see that next year's holiday schedule is missing and
/// get one mail about it; pasting the State Council's notice shows the year month by month
/// with the entries filled in, and saving them makes the year final.
#[tokio::test]
async fn a_missing_schedule_is_announced_once_and_the_pasted_notice_is_previewed() {
    use backend::entities::mail_outbox;
    use sea_orm::{EntityTrait, PaginatorTrait};
    let app = TestApp::new().await;
    fixtures(&app).await;
    backend::auth::create_user(
        &app.state.db,
        "admin.mail",
        "管理员乙",
        "admin",
        None,
        PASSWORD,
        Some("admin.mail@example.test"),
    )
    .await
    .unwrap();
    let at = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    let remind = || backend::calendar_store::remind_missing_schedule(&app.state);
    let mails = || mail_outbox::Entity::find().count(&app.state.db);

    // October: nothing yet.
    app.state.clock.set(at("2026-10-30T02:00:00Z"));
    assert_eq!(remind().await.unwrap(), None);
    let mut admin = app.login("admin", PASSWORD).await;
    assert!(
        !app.get(&mut admin, "/staff")
            .await
            .body
            .contains("2027 年节假日安排尚未录入")
    );

    // 1 November: a notice for administrators (not for editors), and one mail, once.
    app.state.clock.set(at("2026-11-01T02:00:00Z"));
    let before = mails().await.unwrap();
    assert_eq!(remind().await.unwrap(), Some(2027));
    assert_eq!(remind().await.unwrap(), None, "once");
    assert_eq!(
        mails().await.unwrap(),
        before + 1,
        "to the one admin with an address"
    );
    let mail = mail_outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.recipient == "admin.mail@example.test")
        .unwrap();
    assert!(mail.subject.contains("2027"), "{}", mail.subject);
    assert!(mail.body.contains("/admin/calendar"), "{}", mail.body);
    assert!(
        app.get(&mut admin, "/staff")
            .await
            .body
            .contains("2027 年节假日安排尚未录入")
    );
    let mut editor = app.login("editor", PASSWORD).await;
    assert!(
        !app.get(&mut editor, "/staff")
            .await
            .body
            .contains("节假日安排尚未录入")
    );

    // The notice pasted: errors keep the text; a readable one is shown as months.
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar/notice",
            &[("notice", "2027年\n春节：2月30日至3月2日放假")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.body.contains("2月30日 不是有效日期"), "{}", r.body);
    assert!(
        r.body.contains("春节：2月30日至3月2日放假"),
        "what was typed is kept"
    );
    let notice = "国务院办公厅关于2027年部分节假日安排的通知\n\
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
        二、春节：2月5日（农历除夕、周五）至12日（周五）放假调休，共8天。2月14日（周日）上班。\n\
        七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。";
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar/notice",
            &[("notice", notice)],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("2027 年安排预览"), "{}", r.body);
    assert!(r.body.contains("2027年2月"), "month tables");
    assert!(
        r.body.contains("2027-02-14,workday,春节"),
        "entries filled in"
    );
    assert!(r.body.contains("2027-10-07,holiday,国庆节"));
    assert!(
        !app.state.calendar().covers_year(2027),
        "nothing saved by a preview"
    );
    // Editors may not.
    let r = app
        .submit(
            &mut editor,
            "/staff",
            "/admin/calendar/notice",
            &[("notice", notice)],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);

    // Saved: the year is final, and the notice is gone.
    let (_, entries) = domain::calendar_notice::parse_notice(notice, None).unwrap();
    let text = domain::calendar_notice::entries_csv(&entries);
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar",
            &[("entries", &text)],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert!(app.state.calendar().covers_year(2027));
    assert!(
        app.state
            .calendar()
            .is_workday(chrono::NaiveDate::from_ymd_opt(2027, 2, 14).unwrap())
    );
    assert!(
        !app.get(&mut admin, "/staff")
            .await
            .body
            .contains("节假日安排尚未录入")
    );
    assert_eq!(remind().await.unwrap(), None);
}

/// 适老化: the reading-mode switch works by link, lasts in a cookie, marks every page, says
/// what changed on the page it leads back to, and never leads off the site.
#[tokio::test]
async fn the_elderly_friendly_reading_mode_is_switched_by_link_and_kept() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    let page = app.get(&mut b, "/policies").await;
    assert!(
        page.body.contains("<html lang=\"zh-Hans\"") && !page.body.contains("class=\"elder\""),
        "standard by default"
    );
    assert!(
        page.body
            .contains("href=\"/reading-mode/elder?back=%2Fpolicies\""),
        "{}",
        page.body
    );

    let r = app.get(&mut b, "/reading-mode/elder?back=/policies").await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/policies?mode=on");
    assert_eq!(b.mode.as_deref(), Some("elder"));
    let page = app.get(&mut b, "/policies?mode=on").await;
    assert!(
        page.body
            .contains("<html lang=\"zh-Hans\" class=\"elder\">"),
        "{}",
        page.body
    );
    assert!(
        page.body
            .contains("role=\"status\" class=\"notice mode-notice\">已开启长者模式")
    );
    assert!(page.body.contains("退出长者模式"));
    // It lasts: every page, signed in or not.
    let page = app.get(&mut b, "/").await;
    assert!(page.body.contains("class=\"elder\""));
    assert!(
        !page.body.contains("已开启长者模式"),
        "said once, where it changed"
    );

    // Off again; a way back that leaves the site goes home instead.
    let r = app
        .get(&mut b, "/reading-mode/standard?back=https://evil.example/")
        .await;
    assert_eq!(r.location(), "/?mode=off");
    assert_eq!(b.mode, None);
    let page = app.get(&mut b, "/?mode=off").await;
    assert!(!page.body.contains("class=\"elder\""));
    assert!(page.body.contains("已恢复标准模式"));
    // An unknown mode changes nothing.
    let r = app.get(&mut b, "/reading-mode/huge?back=/policies").await;
    assert_eq!(r.location(), "/policies");
    assert_eq!(r.set_cookie("huiyin_mode"), None);
}
