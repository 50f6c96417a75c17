//! Two `huiyin serve` processes on one database (PostgreSQL when HUIYIN_TEST_POSTGRES is set,
//! else one SQLite file), as the portal runs when it grows past one machine: a comment
//! submitted to one is verified and moderated on the other, every mail reaches the local SMTP
//! server exactly once, and a calendar change saved on one is used by the other.

mod common;

use backend::entities::{comment, policy};
use common::*;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, EntityTrait, QueryFilter, Set,
};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

struct Instance {
    child: Child,
    port: u16,
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn huiyin(env: &[(String, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_huiyin"));
    cmd.env_remove("DATABASE_URL")
        .env("RUST_LOG", "warn")
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdout(Stdio::null())
        .stderr(Stdio::inherit());
    cmd
}

async fn start(env: &[(String, String)]) -> Instance {
    let port = free_port();
    let child = huiyin(env)
        .arg("serve")
        .env("HUIYIN_ADDR", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("start huiyin serve");
    let instance = Instance { child, port };
    for _ in 0..200 {
        if let Ok((200, _, _)) = Client::new(port).send("GET", "/healthz", None).await {
            return instance;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("huiyin serve on port {port} did not start");
}

/// A minimal HTTP/1.1 client with a cookie jar: one request per connection.
struct Client {
    port: u16,
    cookies: BTreeMap<String, String>,
}

impl Client {
    fn new(port: u16) -> Client {
        Client {
            port,
            cookies: BTreeMap::new(),
        }
    }

    fn to(&self, port: u16) -> Client {
        Client {
            port,
            cookies: self.cookies.clone(),
        }
    }

    async fn send(
        &mut self,
        method: &str,
        path: &str,
        form: Option<&[(&str, &str)]>,
    ) -> std::io::Result<(u16, Vec<(String, String)>, String)> {
        let body = form
            .map(|f| {
                f.iter()
                    .map(|(k, v)| format!("{k}={}", urlencoding::encode(v)))
                    .collect::<Vec<_>>()
                    .join("&")
            })
            .unwrap_or_default();
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let mut req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        if !cookie.is_empty() {
            req.push_str(&format!("Cookie: {cookie}\r\n"));
        }
        if form.is_some() {
            req.push_str(&format!(
                "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
                body.len()
            ));
        }
        req.push_str("\r\n");
        req.push_str(&body);
        let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", self.port)).await?;
        stream.write_all(req.as_bytes()).await?;
        let mut raw = Vec::new();
        tokio::time::timeout(REQUEST_LIMIT, stream.read_to_end(&mut raw))
            .await
            .map_err(|_| std::io::Error::other(format!("{method} {path}: no answer")))??;
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .ok_or_else(|| std::io::Error::other("no header end"))?;
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut rest = raw[split + 4..].to_vec();
        let mut lines = head.split("\r\n");
        let status: u16 = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers: Vec<(String, String)> = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        if headers
            .iter()
            .any(|(k, v)| k == "transfer-encoding" && v.contains("chunked"))
        {
            rest = dechunk(&rest);
        }
        for (k, v) in &headers {
            if k == "set-cookie"
                && let Some((name, value)) = v.split(';').next().and_then(|c| c.split_once('='))
            {
                self.cookies.insert(name.to_string(), value.to_string());
            }
        }
        Ok((status, headers, String::from_utf8_lossy(&rest).into_owned()))
    }

    async fn get(&mut self, path: &str) -> (u16, String) {
        let (s, _, b) = self.send("GET", path, None).await.unwrap();
        (s, b)
    }

    /// Posts with the CSRF token of `page`, as a browser does; returns status and Location.
    async fn submit(&mut self, page: &str, action: &str, fields: &[(&str, &str)]) -> (u16, String) {
        let (_, html) = self.get(page).await;
        let token = csrf_token(&html).expect("the page has a CSRF field");
        let mut all = vec![("csrf", token.as_str())];
        all.extend_from_slice(fields);
        let (s, h, b) = self.send("POST", action, Some(&all)).await.unwrap();
        let location = h
            .into_iter()
            .find(|(k, _)| k == "location")
            .map(|(_, v)| v)
            .unwrap_or_default();
        assert!(s == 303, "{action}: {s} {b}");
        (s, location)
    }
}

fn dechunk(mut data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = data.windows(2).position(|w| w == b"\r\n") {
        let size =
            usize::from_str_radix(String::from_utf8_lossy(&data[..eol]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let start = eol + 2;
        out.extend_from_slice(&data[start..(start + size).min(data.len())]);
        data = &data[(start + size + 2).min(data.len())..];
    }
    out
}

/// Whether `/search?q=…` on the instance lists a result linking to `marker` (waits up to
/// five seconds).
async fn found(port: u16, q: &str, marker: &str) -> bool {
    for _ in 0..50 {
        if found_now(port, q, marker).await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    false
}

/// Mails received for `to` (raw), waiting until at least `n` arrived.
async fn mails_to(smtp: &SmtpServer, to: &str, n: usize) -> Vec<String> {
    for _ in 0..300 {
        let got: Vec<String> = received(smtp)
            .into_iter()
            .filter(|m| m.contains(&format!("To: {to}")))
            .collect();
        if got.len() >= n {
            return got;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("fewer than {n} mails to {to}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_share_comments_moderation_mail_and_the_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let url = match std::env::var("HUIYIN_TEST_POSTGRES") {
        Ok(base) if !base.is_empty() => {
            let name = format!("huiyin_instances_{}", std::process::id());
            let admin = Database::connect(&base).await.unwrap();
            admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
                .await
                .unwrap();
            admin
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            format!("{}/{name}", base.rsplit_once('/').unwrap().0)
        }
        _ => format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("shared.db").display()
        ),
    };
    let smtp = start_smtp().await;
    let env: Vec<(String, String)> = [
        ("DATABASE_URL", url.clone()),
        ("HUIYIN_DATA_DIR", dir.path().display().to_string()),
        ("SMTP_HOST", "127.0.0.1".into()),
        ("SMTP_PORT", smtp.port.to_string()),
        ("HUIYIN_MAIL_INTERVAL_SECS", "1".into()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let seeded = huiyin(&env).arg("seed-demo").status().unwrap();
    assert!(seeded.success());
    // One data dir (uploads are shared), a search index each.
    let own = |name: &str| {
        let mut e = env.clone();
        e.push((
            "HUIYIN_SEARCH_DIR".into(),
            dir.path().join(name).display().to_string(),
        ));
        e
    };
    let a = start(&own("search-a")).await;
    let b = start(&own("search-b")).await;
    let db = Database::connect(&url).await.unwrap();

    // A citizen comments on instance A.
    let email = "two.instances@example.test";
    let mut citizen = Client::new(a.port);
    let (_, receipt) = citizen
        .submit(
            "/consultations/1",
            "/consultations/1/comments",
            &[
                ("article", ""),
                ("body", "建议在两台服务器上都能看到这条意见。"),
                ("display_name", "市民"),
                ("email", email),
                ("consent", "on"),
                ("website", ""),
            ],
        )
        .await;
    assert!(receipt.starts_with("/comments/receipt/"), "{receipt}");
    // The verification mail (sent by whichever instance claimed it), verified on B.
    let raw = mails_to(&smtp, email, 1).await.remove(0);
    let mail = mail_text(&raw).expect("a text mail");
    let at = mail.find("token=").expect("a verification link") + 6;
    let token: String = mail[at..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect();
    let mut on_b = citizen.to(b.port);
    let (status, headers, _) = on_b
        .send("POST", "/comments/verify", Some(&[("token", &token)]))
        .await
        .unwrap();
    assert_eq!(status, 303);
    assert!(
        headers
            .iter()
            .any(|(k, v)| k == "location" && v.contains("VerifiedNotice"))
    );

    // A visitor of A has the consultation page from A's page cache (kept when the citizen
    // opened it, or at the first of these).
    let mut visitor = Client::new(a.port);
    for expected in ["", "hit"] {
        let (status, headers, page) = visitor.send("GET", "/consultations/1", None).await.unwrap();
        assert_eq!(status, 200);
        assert!(
            headers
                .iter()
                .any(|(k, v)| k == "x-page-cache" && v.contains(expected)),
            "{expected}: {headers:?}"
        );
        assert!(!page.contains("两台服务器"));
    }

    // An editor approves it on B.
    let c = comment::Entity::find()
        .filter(comment::Column::Email.eq(email))
        .one(&db)
        .await
        .unwrap()
        .expect("the comment is stored");
    let mut editor = Client::new(b.port);
    editor
        .submit(
            "/login",
            "/login",
            &[
                ("username", "editor"),
                ("password", "huiyin-demo-editor"),
                ("next", "/staff"),
            ],
        )
        .await;
    let id = c.id.to_string();
    editor
        .submit(
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &id)],
        )
        .await;
    let c = comment::Entity::find_by_id(c.id)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(c.status.as_str(), "published");
    // A's page cache forgets the page on the same queue: the visitor sees the comment.
    let mut shown = false;
    for _ in 0..50 {
        if visitor
            .get("/consultations/1")
            .await
            .1
            .contains("两台服务器")
        {
            shown = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(
        shown,
        "the approved comment on A's cached consultation page"
    );
    // Both instances' indexes take it in from the one queue, within a second or so.
    for port in [a.port, b.port] {
        assert!(
            found(port, "两台服务器", &format!("#comment-{}", c.id)).await,
            "instance on {port} finds the approved comment"
        );
    }

    // Every mail exactly once: the verification and the outcome, with both senders running.
    mails_to(&smtp, email, 2).await;
    tokio::time::sleep(Duration::from_secs(4)).await;
    let all = received(&smtp);
    let to_citizen = all
        .iter()
        .filter(|m| m.contains(&format!("To: {email}")))
        .count();
    assert_eq!(to_citizen, 2, "verification + outcome, each once");
    let mut bodies: Vec<&String> = all.iter().collect();
    bodies.sort();
    bodies.dedup();
    assert_eq!(bodies.len(), all.len(), "no mail delivered twice");

    // A calendar change saved on A is used by B. A policy published on 2027-09-30: without
    // the 2027 schedule its deadline is estimated from the statutory holidays (国庆 1–3
    // October, the weekend days of it made up on Monday 4 and Tuesday 5) as 2027-10-08, and
    // marked provisional; with the schedule entered (1–7 October off, Saturday 9 October
    // worked) it is 2027-10-11, final.
    let now = chrono::Utc::now();
    let p = policy::ActiveModel {
        title: Set("跨年度解读期限测试".into()),
        doc_number: Set("深府〔2027〕1号".into()),
        department_id: Set(1),
        category: Set("open_government".into()),
        signed_on: Set(None),
        published_on: Set(Some(chrono::NaiveDate::from_ymd_opt(2027, 9, 30).unwrap())),
        effective_on: Set(None),
        status: Set(domain::policy::PolicyStatus::Published),
        body: Set("第一条 测试。".into()),
        return_reason: Set(None),
        reminder_sent_at: Set(Some(now)),
        created_by: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&db)
    .await
    .unwrap();
    let page = format!("/policies/{}", p.id);
    let (_, html) = Client::new(b.port).get(&page).await;
    assert!(html.contains("2027年10月8日"), "statutory holidays before");
    assert!(html.contains("按法定节假日推算"), "provisional before");
    let mut admin = Client::new(a.port);
    admin
        .submit(
            "/login",
            "/login",
            &[
                ("username", "admin"),
                ("password", "huiyin-demo-admin"),
                ("next", "/staff"),
            ],
        )
        .await;
    let entries = (1..=7)
        .map(|d| format!("2027-10-{d:02},holiday,国庆节"))
        .chain(["2027-10-09,workday,国庆节调休".to_string()])
        .collect::<Vec<_>>()
        .join("\n");
    admin
        .submit(
            "/admin/calendar",
            "/admin/calendar",
            &[("entries", &entries)],
        )
        .await;
    let mut seen = false;
    for _ in 0..100 {
        let (_, html) = Client::new(b.port).get(&page).await;
        if html.contains("2027年10月11日") {
            assert!(!html.contains("按法定节假日推算"), "final once entered");
            seen = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(seen, "instance B uses the calendar saved on A");
    drop((a, b));
}

/// The change queue survives a crash: a comment approved just before `kill -9` (the index
/// had no chance to take it in) is found once the server is back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_after_an_approval_loses_nothing_from_search() {
    let dir = tempfile::tempdir().unwrap();
    let env: Vec<(String, String)> = vec![
        ("HUIYIN_DATA_DIR".into(), dir.path().display().to_string()),
        ("HUIYIN_MAIL_INTERVAL_SECS".into(), "3600".into()),
    ];
    assert!(huiyin(&env).arg("seed-demo").status().unwrap().success());
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("huiyin.db").display()
    );
    let db = Database::connect(&url).await.unwrap();
    let waiting = comment::Entity::find()
        .filter(comment::Column::Status.eq("awaiting_moderation"))
        .one(&db)
        .await
        .unwrap()
        .expect("the demo has a comment waiting");
    let words: String = waiting.body.chars().take(6).collect();

    // The index takes in changes only every ten minutes here: the approval stays queued.
    let mut slow = env.clone();
    slow.push(("HUIYIN_SEARCH_INTERVAL_MS".into(), "600000".into()));
    let mut server = start(&slow).await;
    let mut editor = Client::new(server.port);
    editor
        .submit(
            "/login",
            "/login",
            &[
                ("username", "editor"),
                ("password", "huiyin-demo-editor"),
                ("next", "/staff"),
            ],
        )
        .await;
    // The index is built at start (the demo has no index yet): wait for it.
    for _ in 0..100 {
        let (_, html) = Client::new(server.port)
            .get("/search?q=%E6%94%BF%E7%AD%96")
            .await;
        if html.contains("class=\"hit\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let id = waiting.id.to_string();
    editor
        .submit(
            "/staff/moderation",
            "/staff/moderation/approve",
            &[("ids", &id)],
        )
        .await;
    let marker = format!("#comment-{}", waiting.id);
    assert!(!found_now(server.port, &words, &marker).await);
    // kill -9.
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    let server = start(&env).await;
    assert!(
        found(server.port, &words, &marker).await,
        "the approved comment is found after the restart"
    );
    drop(server);
}

/// Whether a result links to `marker` right now.
async fn found_now(port: u16, q: &str, marker: &str) -> bool {
    let path = format!("/search?q={}", urlencoding::encode(q));
    let (status, html) = Client::new(port).get(&path).await;
    assert_eq!(status, 200);
    html.contains(marker)
}

#[tokio::test]
async fn slow_headers_are_cut_off_and_sigterm_stops_the_server_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let env: Vec<(String, String)> = vec![
        ("HUIYIN_DATA_DIR".into(), dir.path().display().to_string()),
        ("HUIYIN_MAIL_INTERVAL_SECS".into(), "1".into()),
    ];
    let mut server = start(&env).await;
    // A client that never finishes its headers (slowloris) is disconnected by the server.
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", server.port))
        .await
        .unwrap();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n")
        .await
        .unwrap();
    let mut buf = Vec::new();
    let closed = tokio::time::timeout(
        server::HEADER_READ_TIMEOUT * 3,
        stream.read_to_end(&mut buf),
    )
    .await;
    assert!(
        closed.is_ok(),
        "the connection was still open after 3 × the header timeout"
    );
    // SIGTERM: the server stops and exits successfully within the grace period.
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let mut exited = None;
    for _ in 0..(server::SHUTDOWN_GRACE.as_secs() * 10 + 50) {
        if let Some(status) = server.child.try_wait().unwrap() {
            exited = Some(status);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let status = exited.expect("the server exits after SIGTERM");
    assert!(status.success(), "{status:?}");
}
