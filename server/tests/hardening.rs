//! What a hostile trial of the running portal found (issue: Hardening), each as a test that
//! failed before its fix: textarea breakout, open redirects, panics on bad input, the client
//! address and CSRF origin behind a reverse proxy, raced and unbounded throttles, sessions that
//! outlive a disabled account, server function statuses, strict configuration.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use leptos::server_fn::ServerFn;
use std::sync::Arc;

/// What a `<textarea>` of the page holds, as the browser will read it (entities decoded).
fn textarea_text(html: &str, id: &str) -> String {
    let open = format!("<textarea id=\"{id}\"");
    let at = html
        .find(&open)
        .unwrap_or_else(|| panic!("no textarea {id}"));
    let start = at + html[at..].find('>').unwrap() + 1;
    let end = start + html[start..].find("</textarea>").unwrap();
    let raw = &html[start..end];
    // The HTML parser drops one newline right after the start tag.
    let raw = raw.strip_prefix('\n').unwrap_or(raw);
    raw.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

const BREAKOUT: &str = "</textarea><script>alert(1)</script><img src=x onerror=alert(2)>";
const ENTITIES: &str = "&#0000106;avascript:alert(3) &lt;b&gt; &amp;amp;";

#[tokio::test]
async fn typed_text_comes_back_in_a_textarea_exactly_and_inert() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let body = format!("第一条 {BREAKOUT}\n第二条 {ENTITIES}");
    // An error elsewhere in the form: the page comes back with what was typed.
    let r = app
        .submit(
            &mut a,
            "/staff/policies/new",
            "/staff/policies/new",
            &[
                ("title", "关于测试的通知"),
                ("doc_number", "不是文号"),
                ("category", "open_government"),
                ("signed_on", "2026-11-20"),
                ("body", &body),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        !r.body.contains("</textarea><script>"),
        "breakout written raw"
    );
    assert!(!r.body.contains("<img src=x"), "markup written raw");
    assert_eq!(textarea_text(&r.body, "f-body"), body);
    // The page answering a POST carries no script (it is what the server says, whatever
    // the address).
    assert!(!r.body.contains("huiyin.js"), "no script on a POST answer");

    // The calendar form of the admin, too.
    let mut admin = app.login("admin", PASSWORD).await;
    let r = app
        .submit(
            &mut admin,
            "/admin/calendar",
            "/admin/calendar",
            &[("entries", BREAKOUT)],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(!r.body.contains("</textarea><script>"));
    assert_eq!(textarea_text(&r.body, "f-entries"), BREAKOUT);
}

#[tokio::test]
async fn a_stored_body_with_breakouts_and_entities_survives_edit_and_save_unchanged() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let body = format!("第一条 {BREAKOUT}\n第二条 {ENTITIES}");
    let id = draft_policy(&app, &mut a, "往返测试", &body).await;
    // A colleague of the same department opens the edit form.
    let edit = app.get(&mut a, &format!("/staff/policies/{id}/edit")).await;
    assert_eq!(edit.status, StatusCode::OK);
    assert!(!edit.body.contains("</textarea><script>"));
    let shown = textarea_text(&edit.body, "f-body");
    assert_eq!(shown, body, "the form shows the stored text exactly");
    // Saving the form as shown changes nothing.
    let r = app
        .submit(
            &mut a,
            &format!("/staff/policies/{id}/edit"),
            &format!("/staff/policies/{id}/edit"),
            &[
                ("title", "往返测试"),
                ("doc_number", "深府办〔2026〕9号"),
                ("category", "open_government"),
                ("signed_on", "2026-11-20"),
                ("effective_on", ""),
                ("body", &shown),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let again = app.get(&mut a, &format!("/staff/policies/{id}/edit")).await;
    assert_eq!(textarea_text(&again.body, "f-body"), body);
}

#[tokio::test]
async fn redirect_targets_from_input_stay_on_this_site() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let bad = [
        "//evil.example",
        "/\\evil.example",
        "/%5Cevil.example",
        "/%09/evil.example",
        "/%2F%2Fevil.example",
        "https://evil.example",
        "javascript:alert(1)",
    ];
    for target in bad {
        let mut b = Browser::default();
        let r = app
            .get(
                &mut b,
                &format!("/lang/en?back={}", urlencoding::encode(target)),
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{target}");
        assert_eq!(r.location(), "/", "back={target:?}");
    }
    for target in bad {
        let mut b = Browser::default();
        let r = app
            .submit(
                &mut b,
                "/login",
                "/login",
                &[
                    ("username", "editor"),
                    ("password", PASSWORD),
                    ("next", target),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{target}");
        assert_eq!(r.location(), "/staff", "next={target:?}");
    }
    // Own paths are kept.
    let mut b = Browser::default();
    let r = app.get(&mut b, "/lang/en?back=/policies%3Fpage%3D2").await;
    assert_eq!(r.location(), "/policies?page=2");
    // A control character is a refusal or the home page, never a 500.
    for q in ["back=/%0D%0ASet-Cookie:%20x=1", "back=/%00", "back=%FF%FE"] {
        let r = app.get(&mut b, &format!("/lang/en?{q}")).await;
        assert!(
            r.status == StatusCode::SEE_OTHER || r.status.is_client_error(),
            "{q}: {}",
            r.status
        );
        if r.status == StatusCode::SEE_OTHER {
            assert_eq!(r.location(), "/", "{q}");
        }
    }
}

#[tokio::test]
async fn bad_upload_names_are_404_not_a_dropped_connection() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    // 63 ASCII letters then a two-byte character: byte 64 is inside it.
    let name = format!("{}%C3%A9.png", "a".repeat(63));
    let r = app.get(&mut b, &format!("/uploads/{name}")).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    let r = app
        .get(&mut b, &format!("/uploads/{}%C3%A9png", "a".repeat(64)))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    // A well-formed name of a file nobody published is not served either.
    let r = app
        .get(&mut b, &format!("/uploads/{}.png", "a".repeat(64)))
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

fn with_forwarded(mut req: Request<Body>, client: &str) -> Request<Body> {
    req.headers_mut()
        .insert("x-forwarded-for", client.parse().unwrap());
    req
}

async fn login_attempt(app: &TestApp, username: &str, password: &str, client: &str) -> StatusCode {
    let mut b = Browser::default();
    let page = app
        .request(
            &mut b,
            with_forwarded(Request::get("/login").body(Body::empty()).unwrap(), client),
        )
        .await;
    let token = csrf_token(&page.body).unwrap();
    let body = format!(
        "csrf={token}&username={}&password={}&next=%2Fstaff",
        urlencoding::encode(username),
        urlencoding::encode(password)
    );
    let req = Request::post("/login")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap();
    app.request(&mut b, with_forwarded(req, client))
        .await
        .status
}

#[tokio::test]
async fn behind_a_trusted_proxy_one_address_cannot_lock_out_everyone() {
    // The test harness connects from 127.0.0.1: here that is the proxy.
    let app =
        TestApp::new_with(|c| c.trusted_proxies = vec!["127.0.0.1/32".parse().unwrap()]).await;
    fixtures(&app).await;
    // An attacker guesses from one address, across many account names.
    let mut throttled = false;
    for i in 0..25 {
        let s = login_attempt(&app, &format!("nobody{i}"), "wrong-password", "203.0.113.9").await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            throttled = true;
            break;
        }
        assert_eq!(s, StatusCode::UNAUTHORIZED);
    }
    assert!(throttled, "the attacker's address is throttled");
    // A citizen's and a colleague's requests come from other addresses through the same proxy.
    assert_eq!(
        login_attempt(&app, "editor", PASSWORD, "198.51.100.20").await,
        StatusCode::SEE_OTHER
    );

    // Without trusting the proxy, its header is ignored: everyone is 127.0.0.1 and shares
    // the attacker's fate (the reason for the setting).
    let plain = TestApp::new().await;
    fixtures(&plain).await;
    for i in 0..20 {
        login_attempt(
            &plain,
            &format!("nobody{i}"),
            "wrong-password",
            "203.0.113.9",
        )
        .await;
    }
    assert_eq!(
        login_attempt(&plain, "editor", PASSWORD, "198.51.100.20").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn csrf_origin_is_the_site_url_even_when_a_proxy_rewrites_host() {
    let app = TestApp::new_with(|c| c.site_url = "https://zwgk.example.gov.cn".into()).await;
    fixtures(&app).await;
    let mut b = Browser::default();
    let page = app.get(&mut b, "/login").await;
    let token = csrf_token(&page.body).unwrap();
    let post = |origin: &str| {
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin)
            .body(Body::from(format!(
                "csrf={token}&username=editor&password={PASSWORD}&next=%2Fstaff"
            )))
            .unwrap()
    };
    let r = app
        .request(&mut b.clone(), post("https://evil.example"))
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another site");
    let r = app
        .request(&mut b.clone(), post("http://127.0.0.1:3000"))
        .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "the backend's host is not the site"
    );
    let r = app
        .request(&mut b, post("https://zwgk.example.gov.cn"))
        .await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "the site itself, Host rewritten"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_get_no_more_checks_than_the_limit() {
    let app = Arc::new(TestApp::new().await);
    fixtures(&app).await;
    let mut tasks = tokio::task::JoinSet::new();
    for i in 0..40 {
        let app = app.clone();
        // Different addresses, so only the account's limit (5) applies.
        let client = format!("192.0.2.{}", i + 1);
        tasks.spawn(async move { login_attempt(&app, "editor", "wrong-password", &client).await });
    }
    let mut checked = 0;
    while let Some(s) = tasks.join_next().await {
        match s.unwrap() {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => {}
            other => panic!("unexpected {other}"),
        }
    }
    assert!(checked <= 5, "{checked} password checks for a limit of 5");
}

#[tokio::test]
async fn status_lookups_are_throttled_per_address() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let mut statuses = vec![];
    for n in 0..35 {
        let r = app
            .submit(
                &mut b,
                "/comments/status",
                "/comments/status",
                &[
                    ("tracking_number", &format!("HY-2026-{:06}", n + 1)),
                    ("email", "victim@example.test"),
                ],
            )
            .await;
        statuses.push(r.status);
        if r.status == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.body.contains("查询次数过多"), "says why");
            assert!(
                r.body.contains("victim@example.test"),
                "keeps what was typed"
            );
        }
    }
    assert_eq!(statuses[0], StatusCode::NOT_FOUND);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::NOT_FOUND)
            .count(),
        30
    );
    assert_eq!(*statuses.last().unwrap(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn disabling_an_account_ends_its_sessions_for_good() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = app.login("drafter.b", PASSWORD).await;
    assert_eq!(app.get(&mut b, "/staff").await.status, StatusCode::OK);
    let id = backend::entities::user::Entity::find()
        .filter(backend::entities::user::Column::Username.eq("drafter.b"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let mut admin = app.login("admin", PASSWORD).await;
    for active in ["false", "true"] {
        let r = app
            .submit(
                &mut admin,
                "/admin/users",
                &format!("/admin/users/{id}/active"),
                &[("active", active)],
            )
            .await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    }
    // Enabled again, but the old cookie is dead.
    let r = app.get(&mut b, "/staff").await;
    assert!(
        !r.body.contains("乙局起草人"),
        "the old session must not come back"
    );
    app.login("drafter.b", PASSWORD).await;
}

use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn call(app: &TestApp, b: &mut Browser, path: &str, body: &str) -> Response {
    let req = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    app.request(b, req).await
}

#[tokio::test]
async fn server_functions_answer_401_403_404_400_not_500() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut anon = Browser::default();
    let r = call(&app, &mut anon, app::api::GetStaffHome::PATH, "").await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    let mut drafter = app.login("drafter.a", PASSWORD).await;
    let r = call(&app, &mut drafter, app::api::GetCalendarAdmin::PATH, "").await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    let r = call(&app, &mut anon, app::api::GetPolicy::PATH, "id=99999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = call(&app, &mut anon, app::api::GetPolicy::PATH, "id=abc").await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST, "{}", r.body);
    // An empty comment query sends no fields: still a valid call (here: no such consultation).
    let r = call(&app, &mut anon, app::api::GetConsultation::PATH, "id=99999").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let r = call(&app, &mut anon, app::api::GetPolicies::PATH, "").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}

#[tokio::test]
async fn the_site_name_in_the_title_follows_the_language() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    app.get(&mut b, "/lang/en?back=/").await;
    for path in ["/", "/policies", "/consultations", "/timeliness", "/login"] {
        let r = app.get(&mut b, path).await;
        let title = &r.body[r.body.find("<title>").unwrap()..r.body.find("</title>").unwrap()];
        assert!(title.contains("Huiyin"), "{path}: {title}");
        assert!(!title.contains("回音"), "{path}: {title}");
    }
}

#[tokio::test]
async fn an_address_the_mailer_would_refuse_is_refused_by_the_form() {
    let app = TestApp::new().await;
    let mut b = Browser::default();
    let r = app
        .submit(
            &mut b,
            "/subscribe",
            "/subscribe",
            &[("email", "<fooval=\"bar\"/>@example.com"), ("scope", "all")],
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_render_while_routers_are_being_built() {
    // Route generation sets a process-wide flag that froze concurrent renders
    // (leptos-rs/leptos#4773); it now happens once per process.
    let app = Arc::new(TestApp::new().await);
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..4 {
        tasks.spawn_blocking(|| {
            for _ in 0..10 {
                let _ = server::route_list();
            }
        });
    }
    for _ in 0..8 {
        let app = app.clone();
        tasks.spawn(async move {
            let mut b = Browser::default();
            for path in ["/", "/policies", "/consultations"] {
                // The harness fails a request that takes longer than REQUEST_LIMIT.
                assert_eq!(app.get(&mut b, path).await.status, StatusCode::OK);
            }
        });
    }
    while let Some(r) = tasks.join_next().await {
        r.unwrap();
    }
}

#[test]
fn an_invalid_setting_stops_the_start_naming_the_variable() {
    let dir = tempfile::tempdir().unwrap();
    for (var, value) in [
        ("HUIYIN_MAX_UPLOAD_MB", "five"),
        ("HUIYIN_SECURE_COOKIES", "maybe"),
        ("HUIYIN_TRUSTED_PROXIES", "10.0.0.0/40"),
        ("HUIYIN_SITE_URL", "zwgk.example"),
        ("SMTP_SECURITY", "ssl3"),
    ] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_huiyin"))
            .arg("migrate")
            .env("HUIYIN_DATA_DIR", dir.path())
            .env("SMTP_HOST", "127.0.0.1")
            .env(var, value)
            .output()
            .unwrap();
        assert!(!out.status.success(), "{var}={value} was accepted");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(var), "{var}: {err}");
    }
}

/// Submits a comment through the form and gives it a verification token the test knows.
async fn comment_with_token(app: &TestApp, token: &str) -> backend::entities::comment::Model {
    use backend::entities::comment;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let id = open_consultation(app, -1, 29).await;
    let mut b = Browser::default();
    let r = app
        .submit(
            &mut b,
            &format!("/consultations/{id}"),
            &format!("/consultations/{id}/comments"),
            &[
                ("article", "art-1"),
                ("body", "建议第一条写明即时审批的时限，并公开审批规则。"),
                ("display_name", "张先生"),
                ("email", "zhang@example.test"),
                ("consent", "on"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let c = comment::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut m = c.into_active_model();
    m.verify_token_hash = Set(Some(backend::auth::token_hash(token)));
    m.update(&app.state.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_clicks_on_a_verification_link_verify_once() {
    use backend::consultations::{VerifyOutcome, verify};
    use backend::entities::comment_band;
    use sea_orm::PaginatorTrait;
    let app = TestApp::new().await;
    fixtures(&app).await;
    let token = "ab".repeat(32);
    let c = comment_with_token(&app, &token).await;
    let mut tasks = tokio::task::JoinSet::new();
    for _ in 0..8 {
        let state = app.state.clone();
        let token = token.clone();
        tasks.spawn(async move { verify(&state, &token).await.unwrap() });
    }
    let mut verified = 0;
    while let Some(r) = tasks.join_next().await {
        if r.unwrap() == VerifyOutcome::Verified {
            verified += 1;
        }
    }
    assert_eq!(verified, 1, "exactly one click verifies");
    let bands = comment_band::Entity::find()
        .filter(comment_band::Column::CommentId.eq(c.id))
        .count(&app.state.db)
        .await
        .unwrap();
    let expected = domain::near_duplicates::Signature::of(&c.body)
        .band_keys()
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len() as u64;
    assert_eq!(bands, expected, "no duplicate band rows");
}

#[tokio::test]
async fn verification_links_expire_after_seven_days() {
    use backend::consultations::{VerifyOutcome, verify};
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let token = "cd".repeat(32);
    let c = comment_with_token(&app, &token).await;
    let mut m = c.into_active_model();
    m.created_at = Set(chrono::Utc::now() - chrono::Duration::days(8));
    m.update(&app.state.db).await.unwrap();
    assert_eq!(
        verify(&app.state, &token).await.unwrap(),
        VerifyOutcome::Invalid
    );
    // Opening the link shows the button; pressing it says the link is no longer valid.
    let r = open_mail_link(
        &app,
        &mut Browser::default(),
        &format!("/comments/verify?token={token}"),
    )
    .await;
    assert!(r.location().contains("VerifyInvalid"), "{}", r.location());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_editors_signing_off_at_once_give_one_result_and_a_clear_message() {
    let app = Arc::new(TestApp::new().await);
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "同时签发测试", "第一条 内容。").await;
    assert_eq!(add_qa(&app, &mut a, id).await.status, StatusCode::SEE_OTHER);
    let r = app
        .submit(
            &mut a,
            &format!("/staff/policies/{id}"),
            &format!("/staff/policies/{id}/submit"),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    // Two editors have the sign-off page open; both press "approve".
    let mut tasks = tokio::task::JoinSet::new();
    for who in ["editor", "admin"] {
        let app = app.clone();
        let mut b = app.login(who, PASSWORD).await;
        let page = app.get(&mut b, &format!("/staff/policies/{id}")).await;
        let token = csrf_token(&page.body).unwrap();
        tasks.spawn(async move {
            app.post(
                &mut b,
                &format!("/staff/policies/{id}/approve"),
                &[("csrf", token.as_str())],
            )
            .await
        });
    }
    let mut statuses = vec![];
    while let Some(r) = tasks.join_next().await {
        let r = r.unwrap();
        if r.status == StatusCode::CONFLICT {
            assert!(r.body.contains("当前状态"), "says why: {}", r.body);
        }
        statuses.push(r.status);
    }
    statuses.sort();
    assert_eq!(statuses, vec![StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
}

#[tokio::test]
async fn client_addresses_of_comments_are_kept_one_day_only() {
    use backend::entities::comment;
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let c = comment_with_token(&app, &"ef".repeat(32)).await;
    assert_eq!(c.ip, "127.0.0.1", "kept while rate limits need it");
    assert_eq!(
        backend::consultations::purge_addresses(&app.state)
            .await
            .unwrap(),
        0
    );
    let mut m = c.into_active_model();
    m.created_at = Set(chrono::Utc::now() - chrono::Duration::hours(25));
    let c = m.update(&app.state.db).await.unwrap();
    assert_eq!(
        backend::consultations::purge_addresses(&app.state)
            .await
            .unwrap(),
        1
    );
    let c = comment::Entity::find_by_id(c.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.ip, "");
}

#[tokio::test]
async fn unsubscribe_tokens_are_stored_only_as_hashes() {
    use backend::entities::{subscription, unsubscribe_token};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut b = Browser::default();
    let r = app
        .submit(
            &mut b,
            "/subscribe",
            "/subscribe",
            &[("email", "reader@example.test"), ("scope", "all")],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let s = subscription::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut m: subscription::ActiveModel = s.into();
    m.confirmed_at = sea_orm::Set(Some(chrono::Utc::now()));
    sea_orm::ActiveModelTrait::update(m, &app.state.db)
        .await
        .unwrap();
    open_consultation(&app, -1, 29).await;
    backend::subscriptions::notify_opened(&app.state)
        .await
        .unwrap();
    let mail = backend::entities::mail_outbox::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.list_unsubscribe.is_some())
        .expect("a notice with an unsubscribe link");
    let link = mail.list_unsubscribe.unwrap();
    let token = link.split("token=").nth(1).unwrap().to_string();
    let stored = unsubscribe_token::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_ne!(stored[0].token_hash, token, "not the plain token");
    assert_eq!(stored[0].token_hash, backend::auth::token_hash(&token));
    let subs = subscription::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(subs.iter().all(|s| s.unsubscribe_token != token));
    // The link works: one click unsubscribes.
    let r = app
        .post(
            &mut Browser::default(),
            &format!("/unsubscribe?token={token}"),
            &[],
        )
        .await;
    assert!(
        r.location().contains("NoticeUnsubscribed"),
        "{}",
        r.location()
    );
}

#[tokio::test]
async fn existing_unsubscribe_links_keep_working_after_the_tokens_are_hashed() {
    use migrations::MigratorTrait;
    use sea_orm::{ConnectionTrait, Database};
    let dir = tempfile::tempdir().unwrap();
    let db = Database::connect(format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("old.db").display()
    ))
    .await
    .unwrap();
    // The schema before the change, with a subscription holding a plain token.
    migrations::Migrator::up(&db, Some(5)).await.unwrap();
    let token = "7".repeat(64);
    db.execute_unprepared(&format!(
        "INSERT INTO subscriptions (email, department_id, confirm_token_hash, unsubscribe_token, confirmed_at, unsubscribed_at, created_at, locale) \
         VALUES ('old@example.test', NULL, NULL, '{token}', CURRENT_TIMESTAMP, NULL, CURRENT_TIMESTAMP, 'zh-Hans')"
    ))
    .await
    .unwrap();
    migrations::Migrator::up(&db, None).await.unwrap();
    let hash = backend::auth::token_hash(&token);
    let s = backend::entities::subscription::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.unsubscribe_token, hash, "the plain token is gone");
    let t = backend::entities::unsubscribe_token::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((t.subscription_id, t.token_hash), (s.id, hash));
}

/// A comment waiting for moderation, inserted directly (campaign-sized fixtures).
async fn insert_waiting(
    app: &TestApp,
    consultation: i32,
    n: usize,
    body: &str,
    cluster: Option<i32>,
) -> i32 {
    use backend::entities::comment;
    use sea_orm::{ActiveModelTrait, Set};
    let c = comment::ActiveModel {
        tracking_number: Set(format!("HY-2026-{:06}", 100_000 + n)),
        consultation_id: Set(consultation),
        article_anchor: Set(None),
        body: Set(body.to_string()),
        display_name: Set("市民".into()),
        email: Set(format!("c{n}@example.test")),
        ip: Set(String::new()),
        consent: Set(true),
        flagged: Set(false),
        verify_token_hash: Set(None),
        verified_at: Set(Some(chrono::Utc::now())),
        status: Set(domain::consultation::CommentStatus::AwaitingModeration),
        reject_reason: Set(None),
        moderator_note: Set(None),
        moderated_by: Set(None),
        moderated_at: Set(None),
        created_at: Set(chrono::Utc::now()),
        redacted_body: Set(None),
        channel: Set(domain::consultation::CommentChannel::Online),
        cluster_id: Set(cluster),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    c.id
}

#[tokio::test]
async fn the_moderation_queue_is_paged_by_group_and_a_group_is_decided_by_its_id() {
    use backend::entities::comment;
    let app = TestApp::new().await;
    fixtures(&app).await;
    let cid = open_consultation(&app, -1, 29).await;
    // A campaign of 30 identical comments, then 25 different ones.
    let first = insert_waiting(&app, cid, 0, "反对第一条，请删除。", None).await;
    let mut m: comment::ActiveModel = comment::Entity::find_by_id(first)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .into();
    m.cluster_id = sea_orm::Set(Some(first));
    sea_orm::ActiveModelTrait::update(m, &app.state.db)
        .await
        .unwrap();
    for n in 1..30 {
        insert_waiting(&app, cid, n, "反对第一条，请删除。", Some(first)).await;
    }
    for n in 30..55 {
        insert_waiting(&app, cid, n, &format!("第{n}条不同的意见"), None).await;
    }
    let mut editor = app.login("editor", PASSWORD).await;
    let p1 = app.get(&mut editor, "/staff/moderation").await;
    assert_eq!(p1.status, StatusCode::OK);
    assert!(
        p1.body.contains("待审核 55 条"),
        "the total counts every comment"
    );
    assert!(p1.body.contains("近似意见一组，共 30 条"));
    assert_eq!(p1.body.matches("公开这一组待审核的 30 条").count(), 1);
    // The group is one entry showing a few members; 19 single comments fill the page.
    assert_eq!(p1.body.matches("id=\"mod-").count(), 3 + 19);
    assert!(p1.body.contains("page=2"), "a link to the next page");
    let p2 = app.get(&mut editor, "/staff/moderation?page=2").await;
    assert_eq!(p2.body.matches("id=\"mod-").count(), 6);
    // The group's own view lists its members, paged.
    let group = app
        .get(&mut editor, &format!("/staff/moderation?cluster={first}"))
        .await;
    assert_eq!(group.body.matches("id=\"mod-").count(), 20);
    // One action by group id decides all 30, and nothing else.
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("group", &first.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let published = comment::Entity::find()
        .filter(comment::Column::Status.eq("published"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(published.len(), 30);
    assert!(published.iter().all(|c| c.cluster_id == Some(first)));
    // Again: nothing waits in the group any more, a clear refusal.
    let r = app
        .submit(
            &mut editor,
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("group", &first.to_string())],
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn files_of_consultations_are_never_served_under_uploads() {
    use backend::entities::consultation_attachment;
    use sea_orm::{ActiveModelTrait, Set};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let cid = open_consultation(&app, 5, 40).await;
    // An image attached to a consultation that is not released yet, stored on disk.
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    let name = format!("{}.png", "b".repeat(64));
    std::fs::create_dir_all(app.state.config.uploads_dir()).unwrap();
    std::fs::write(app.state.config.uploads_dir().join(&name), &png).unwrap();
    consultation_attachment::ActiveModel {
        consultation_id: Set(cid),
        file_name: Set("图解.png".into()),
        stored_name: Set(name.clone()),
        mime: Set("image/png".into()),
        size_bytes: Set(png.len() as i64),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    for mut who in [Browser::default(), app.login("editor", PASSWORD).await] {
        let r = app.get(&mut who, &format!("/uploads/{name}")).await;
        assert_eq!(
            r.status,
            StatusCode::NOT_FOUND,
            "only through /attachments/{{id}}"
        );
    }
}

#[tokio::test]
async fn a_refused_upload_leaves_nothing_on_disk() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let id = draft_policy(&app, &mut a, "图解测试", "第一条 内容").await;
    // A drafter of another department sends a valid image to department a's policy.
    let mut b = app.login("drafter.b", PASSWORD).await;
    let png = b"\x89PNG\r\n\x1a\n-just-enough-to-be-recognised-".to_vec();
    let r = submit_multipart(
        &app,
        &mut b,
        "/staff",
        &format!("/staff/policies/{id}/interpretations/new"),
        &[
            ("kind", "graphic"),
            ("title", "一图读懂"),
            ("image_alt", "流程图"),
            ("body", ""),
            ("qa", ""),
            ("media_url", ""),
        ],
        &[("image", "a.png", &png)],
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let stored = std::fs::read_dir(app.state.config.uploads_dir())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(stored, 0, "nothing written for a refused request");
}

#[tokio::test]
async fn a_request_over_the_time_limit_gets_the_busy_page() {
    let app = TestApp::new_with(|c| c.request_timeout = std::time::Duration::ZERO).await;
    let mut b = Browser::default();
    let r = app.get(&mut b, "/policies").await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(r.body.contains("服务暂时繁忙"), "{}", r.body);
}

#[tokio::test]
async fn services_take_the_time_from_the_state_clock() {
    use backend::consultations::{VerifyOutcome, purge_addresses, verify};
    let app = TestApp::new().await;
    fixtures(&app).await;
    let token = "9a".repeat(32);
    comment_with_token(&app, &token).await;
    // Eight days later by the state's clock (nothing in the database edited).
    app.state.clock.advance(chrono::Duration::days(8));
    assert_eq!(
        verify(&app.state, &token).await.unwrap(),
        VerifyOutcome::Invalid
    );
    assert_eq!(
        purge_addresses(&app.state).await.unwrap(),
        1,
        "the address is a day old"
    );
}
