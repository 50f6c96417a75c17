//! Test harness: the real router over a real database — a fresh SQLite file per test, or a
//! fresh database on the PostgreSQL server named by HUIYIN_TEST_POSTGRES.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use backend::config::Config;
use backend::state::AppState;
use sea_orm::{ConnectionTrait, Database};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tower::ServiceExt;

/// Longest any single test request may take (a debug build on a busy 2-core machine answers
/// in well under a second; a stall waits forever).
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

pub struct TestApp {
    pub router: Router,
    pub state: AppState,
    pub dir: tempfile::TempDir,
}

pub struct Response {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> String {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    }
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|c| c.split(';').next())
            .filter_map(|c| c.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }
}

/// A browser's cookie jar, reduced to what the portal sets.
#[derive(Clone, Default)]
pub struct Browser {
    pub session: Option<String>,
    pub csrf_cookie: Option<String>,
    pub lang: Option<String>,
    pub mode: Option<String>,
}

impl Browser {
    fn cookie_header(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = &self.session {
            parts.push(format!("huiyin_session={s}"));
        }
        if let Some(c) = &self.csrf_cookie {
            parts.push(format!("huiyin_csrf={c}"));
        }
        if let Some(l) = &self.lang {
            parts.push(format!("huiyin_lang={l}"));
        }
        if let Some(m) = &self.mode {
            parts.push(format!("huiyin_mode={m}"));
        }
        parts.join("; ")
    }
}

pub fn config(dir: &std::path::Path, database_url: String) -> Config {
    Config {
        addr: "127.0.0.1:0".parse().unwrap(),
        data_dir: dir.to_path_buf(),
        database_url,
        site_url: "http://127.0.0.1:3000".into(),
        mail_from: "回音 <noreply@huiyin.localhost>".into(),
        smtp: None,
        secure_cookies: false,
        max_upload_bytes: 64 * 1024,
        site_root: dir.join("site"),
        flag_words: vec!["骗子".into()],
        comments_per_ip_hour: 20,
        comments_per_email_hour: 3,
        mail_interval_secs: 1,
        mail_retry: std::time::Duration::from_secs(60),
        paper_comments_need_verification: false,
        report_working_days: domain::adoption::DEFAULT_REPORT_WORKING_DAYS,
        export_hours: 24,
        search_dir: dir.join("search"),
        search_interval_ms: 250,
        trusted_proxies: vec![],
        site_url_fixed: true,
        request_timeout: std::time::Duration::from_secs(30),
        // Off: tests move the clock and read pages at once; tests/page_cache.rs turns it on.
        page_cache_ttl: std::time::Duration::ZERO,
        page_cache_bytes: 64 * 1024 * 1024,
        intake_concurrency: 64,
    }
}

impl TestApp {
    pub async fn new() -> TestApp {
        TestApp::new_with(|_| {}).await
    }

    /// A test app with settings changed from the defaults of [`config`].
    pub async fn new_with(adjust: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let url = match std::env::var("HUIYIN_TEST_POSTGRES") {
            Ok(base) if !base.is_empty() => {
                let name = format!(
                    "huiyin_test_{}",
                    dir.path()
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .to_lowercase()
                        .replace(|c: char| !c.is_ascii_alphanumeric(), "_")
                );
                let admin = Database::connect(&base)
                    .await
                    .expect("connect to PostgreSQL");
                admin
                    .execute_unprepared(&format!("CREATE DATABASE {name}"))
                    .await
                    .unwrap();
                let (prefix, _) = base.rsplit_once('/').unwrap();
                format!("{prefix}/{name}")
            }
            _ => format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display()),
        };
        let mut cfg = config(dir.path(), url);
        adjust(&mut cfg);
        let state = server::build_state(cfg).await.expect("state");
        TestApp {
            router: server::router(state.clone()),
            state,
            dir,
        }
    }

    pub async fn request(&self, browser: &mut Browser, req: Request<Body>) -> Response {
        let mut req = req;
        let cookies = browser.cookie_header();
        if !cookies.is_empty() {
            req.headers_mut()
                .insert(header::COOKIE, cookies.parse().unwrap());
        }
        req.extensions_mut()
            .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
        // A stall fails loudly, naming the request, instead of hanging the test run.
        let what = format!("{} {}", req.method(), req.uri());
        let resp = tokio::time::timeout(REQUEST_LIMIT, self.router.clone().oneshot(req))
            .await
            .unwrap_or_else(|_| panic!("{what} did not answer within {REQUEST_LIMIT:?}"))
            .unwrap();
        let status = resp.status();
        let headers = resp.headers().clone();
        let bytes = axum::body::to_bytes(resp.into_body(), 16 * 1024 * 1024)
            .await
            .unwrap();
        let r = Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        };
        if let Some(c) = r.set_cookie("huiyin_csrf") {
            browser.csrf_cookie = Some(c);
        }
        if let Some(s) = r.set_cookie("huiyin_session") {
            browser.session = if s.is_empty() { None } else { Some(s) };
        }
        if let Some(l) = r.set_cookie("huiyin_lang") {
            browser.lang = Some(l);
        }
        if let Some(m) = r.set_cookie("huiyin_mode") {
            browser.mode = (!m.is_empty()).then_some(m);
        }
        r
    }

    pub async fn get(&self, browser: &mut Browser, path: &str) -> Response {
        self.request(browser, Request::get(path).body(Body::empty()).unwrap())
            .await
    }

    pub async fn post(
        &self,
        browser: &mut Browser,
        path: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let req = Request::post(path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.request(browser, req).await
    }

    /// Posts a form the way a browser does: with the CSRF token the page carried.
    pub async fn submit(
        &self,
        browser: &mut Browser,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> Response {
        let page = self.get(browser, page).await;
        let token = csrf_token(&page.body).expect("page has a CSRF field");
        let mut all: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post(browser, action, &all).await
    }

    pub async fn login(&self, username: &str, password: &str) -> Browser {
        let mut b = Browser::default();
        let r = self
            .submit(
                &mut b,
                "/login",
                "/login",
                &[
                    ("username", username),
                    ("password", password),
                    ("next", "/staff"),
                ],
            )
            .await;
        assert_eq!(
            r.status,
            StatusCode::SEE_OTHER,
            "login of {username} failed: {}",
            r.body
        );
        assert!(b.session.is_some());
        b
    }
}

pub fn csrf_token(html: &str) -> Option<String> {
    let at = html.find("name=\"csrf\"")?;
    let rest = &html[at..];
    let v = rest.find("value=\"")? + 7;
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_string())
}

pub const PASSWORD: &str = "test-password-123";

/// Two departments (a, b), a drafter in each, an editor and an admin.
pub async fn fixtures(app: &TestApp) {
    use backend::entities::department;
    use sea_orm::{ActiveModelTrait, Set};
    for (code, name) in [("a", "甲局"), ("b", "乙局")] {
        department::ActiveModel {
            code: Set(code.into()),
            name_zh_hans: Set(name.into()),
            name_zh_hant: Set(name.into()),
            name_en: Set(format!("Bureau {code}")),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    let db = &app.state.db;
    use backend::auth::create_user;
    create_user(
        db,
        "drafter.a",
        "甲局起草人",
        "drafter",
        Some("a"),
        PASSWORD,
        Some("drafter.a@example.test"),
    )
    .await
    .unwrap();
    create_user(
        db,
        "drafter.b",
        "乙局起草人",
        "drafter",
        Some("b"),
        PASSWORD,
        Some("drafter.b@example.test"),
    )
    .await
    .unwrap();
    create_user(db, "editor", "编辑", "editor", None, PASSWORD, None)
        .await
        .unwrap();
    create_user(db, "admin", "管理员", "admin", None, PASSWORD, None)
        .await
        .unwrap();
}

/// Creates a draft policy as department a's drafter; returns its id.
pub async fn draft_policy(app: &TestApp, drafter: &mut Browser, title: &str, body: &str) -> i32 {
    let r = app
        .submit(
            drafter,
            "/staff/policies/new",
            "/staff/policies/new",
            &[
                ("title", title),
                ("doc_number", "深府办〔2026〕9号"),
                ("category", "open_government"),
                ("signed_on", "2026-11-20"),
                ("effective_on", ""),
                ("body", body),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let loc = r.location();
    loc.trim_start_matches("/staff/policies/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

pub async fn add_qa(app: &TestApp, drafter: &mut Browser, id: i32) -> Response {
    let page = app
        .get(
            drafter,
            &format!("/staff/policies/{id}/interpretations/new"),
        )
        .await;
    let token = csrf_token(&page.body).expect("csrf");
    let boundary = "XHUIYINBOUNDARY";
    let mut body = String::new();
    for (k, v) in [
        ("csrf", token.as_str()),
        ("kind", "qa"),
        ("title", "政策问答"),
        ("qa", "问：什么时候发布解读？\n答：与政策同步发布。"),
        ("body", ""),
        ("image_alt", ""),
        ("media_url", ""),
    ] {
        body.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"));
    body.push_str(&format!("--{boundary}--\r\n"));
    let req = Request::post(format!("/staff/policies/{id}/interpretations/new"))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.request(drafter, req).await
}

/// Posts a multipart form the way a browser does, with the page's CSRF token; `files` are
/// (field, file name, bytes).
#[allow(dead_code)]
pub async fn submit_multipart(
    app: &TestApp,
    browser: &mut Browser,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> Response {
    let page = app.get(browser, page).await;
    let token = csrf_token(&page.body).expect("page has a CSRF field");
    let boundary = "XHUIYINBOUNDARY7MA4YWxkTrZu0gW";
    let mut body: Vec<u8> = Vec::new();
    for (k, v) in [("csrf", token.as_str())].iter().chain(fields.iter()) {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    for (field, name, bytes) in files {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let req = Request::post(action)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.request(browser, req).await
}

/// Follows a confirmation link from a mail the way a person does: the GET shows a page with
/// a button and changes nothing (mail scanners follow links too); pressing the button POSTs
/// the token. Returns the POST's answer.
pub async fn open_mail_link(app: &TestApp, browser: &mut Browser, link: &str) -> Response {
    let page = app.get(browser, link).await;
    assert_eq!(page.status, StatusCode::OK, "{link}: {}", page.body);
    let (path, query) = link.split_once('?').expect("a link with a token");
    assert!(
        page.body.contains(&format!("action=\"{path}\"")),
        "the page posts to {path}"
    );
    let token = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .expect("token in the link");
    app.post(browser, path, &[("token", token)]).await
}

/// A local SMTP server (aiosmtpd from the venv `make test` prepares) that keeps what it
/// receives in a maildir; stopped when dropped.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub maildir: tempfile::TempDir,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub async fn start_smtp() -> SmtpServer {
    start_smtp_on(free_port()).await
}

/// The local SMTP server on a chosen port (one that was down before, say).
pub async fn start_smtp_on(port: u16) -> SmtpServer {
    let python = std::env::var("HUIYIN_SMTP_PYTHON").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/smtp-venv/bin/python"
        )
        .to_string()
    });
    assert!(
        std::path::Path::new(&python).exists(),
        "no aiosmtpd venv at {python}: run `make test` (it creates it)"
    );
    let maildir = tempfile::tempdir().unwrap();
    let mut child = Command::new(&python)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir.path().join("mail"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start aiosmtpd");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return SmtpServer {
                child,
                port,
                maildir,
            };
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("aiosmtpd did not start");
}

/// Every mail the server has received, as raw text.
/// A mail's text body, decoded (quoted-printable or base64) by a real MIME parser.
pub fn mail_text(raw: &str) -> Option<String> {
    mail_parser::MessageParser::default()
        .parse(raw.as_bytes())
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
}

pub fn received(server: &SmtpServer) -> Vec<String> {
    let new = server.maildir.path().join("mail/new");
    std::fs::read_dir(new)
        .map(|d| {
            d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                .collect()
        })
        .unwrap_or_default()
}

/// A released consultation of department 1 on the `DRAFT` text, opening and closing the
/// given number of days from now; returns its id.
pub async fn open_consultation(app: &TestApp, opens_in_days: i64, closes_in_days: i64) -> i32 {
    use sea_orm::ActiveModelTrait;
    let now = chrono::Utc::now();
    backend::entities::consultation::ActiveModel {
        title: sea_orm::Set("深圳市政务服务“秒批”管理办法（征求意见稿）".into()),
        department_id: sea_orm::Set(1),
        draft_text: sea_orm::Set(DRAFT.into()),
        explanatory_note: sea_orm::Set("一、起草背景\n为巩固“秒批”改革成果。".into()),
        opens_at: sea_orm::Set(now + chrono::Duration::days(opens_in_days)),
        closes_at: sea_orm::Set(now + chrono::Duration::days(closes_in_days)),
        short_period_reason: sea_orm::Set(None),
        released: sea_orm::Set(true),
        report_published: sea_orm::Set(false),
        created_by: sea_orm::Set(None),
        created_at: sea_orm::Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}

/// The draft of the test consultations: four articles.
pub const DRAFT: &str = "第一条 为规范政务服务“秒批”，制定本办法。\n第二条 本办法适用于本市政务服务事项。\n第三条 申请材料齐全的，系统即时审批。\n第四条 本办法自发布之日起施行。";

/// A published policy of a department, inserted directly (published today).
pub async fn published_policy(app: &TestApp, department_id: i32, title: &str, n: u32) -> i32 {
    use sea_orm::{ActiveModelTrait, Set};
    let now = chrono::Utc::now();
    backend::entities::policy::ActiveModel {
        title: Set(title.into()),
        doc_number: Set(format!("深府〔2026〕{n}号")),
        department_id: Set(department_id),
        category: Set("open_government".into()),
        published_on: Set(Some(app.state.today())),
        status: Set(domain::policy::PolicyStatus::Published),
        body: Set("第一条 为规范政务服务，制定本办法。".into()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id
}
