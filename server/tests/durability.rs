//! A comment acknowledged with a receipt survives the server being killed (SIGKILL) right
//! after the response, and under a continuous stream of submissions, with or without its SMTP
//! server: the real binary, a real SQLite file, plain HTTP over TCP.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_huiyin");

fn huiyin(dir: &Path, port: u16, args: &[&str]) -> Command {
    let mut c = Command::new(BIN);
    c.args(args)
        .env("HUIYIN_DATA_DIR", dir)
        .env("HUIYIN_ADDR", format!("127.0.0.1:{port}"))
        .env("HUIYIN_MAIL_INTERVAL_SECS", "1")
        .env("HUIYIN_MAIL_RETRY_SECS", "1")
        // The load below comes from many addresses, through a "proxy" on loopback.
        .env("HUIYIN_TRUSTED_PROXIES", "127.0.0.1/32")
        .env_remove("DATABASE_URL")
        .env_remove("SMTP_HOST")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

struct Reply {
    head: String,
    body: String,
}

fn http(port: u16, request: &str) -> std::io::Result<Reply> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    s.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or(raw.len());
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let body = raw.get(split + 4..).unwrap_or_default();
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_vec()
    };
    Ok(Reply {
        head,
        body: String::from_utf8_lossy(&body).into_owned(),
    })
}

fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = String::from_utf8_lossy(&rest[..eol]).trim().to_string();
        let n = usize::from_str_radix(&size, 16).unwrap_or(0);
        let data = &rest[eol + 2..];
        if n == 0 || data.len() < n {
            break;
        }
        out.extend_from_slice(&data[..n]);
        rest = data[n..].strip_prefix(b"\r\n").unwrap_or(&data[n..]);
    }
    out
}

fn get(port: u16, path: &str, cookie: &str) -> Reply {
    http(
        port,
        &format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"
        ),
    )
    .expect("GET")
}

fn post(port: u16, path: &str, cookie: &str, fields: &[(&str, &str)]) -> Reply {
    post_from(port, path, cookie, fields, "").expect("POST")
}

/// A form post; `extra` are more header lines (each ending in CRLF).
fn post_from(
    port: u16,
    path: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    extra: &str,
) -> std::io::Result<Reply> {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\n{extra}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
}

fn header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The cookie `name` (as name=value) that an answer sets.
fn set_cookie(r: &Reply, name: &str) -> Option<String> {
    r.head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| {
            v.trim()
                .split(';')
                .next()
                .filter(|c| c.strip_prefix(name).is_some_and(|r| r.starts_with('=')))
        })
        .map(str::to_string)
}

/// The CSRF token of the first form on a page.
fn form_token(r: &Reply) -> Option<String> {
    let rest = &r.body[r.body.find("name=\"csrf\"")?..];
    let v = rest.find("value=\"")? + 7;
    let end = rest[v..].find('"')?;
    Some(rest[v..v + end].to_string())
}

/// The CSRF cookie (name=value) and the token of the first form on a page.
fn csrf(port: u16, path: &str) -> (String, String) {
    let page = get(port, path, "");
    let cookie = set_cookie(&page, "huiyin_csrf").expect("a CSRF cookie");
    let token =
        form_token(&page).unwrap_or_else(|| panic!("a CSRF field on {path}: {}", page.head));
    (cookie, token)
}

fn serve(dir: &Path, port: u16) -> Child {
    serve_with(dir, port, None)
}

/// The server, sending its mail to an SMTP server on `smtp_port` when given.
fn serve_with(dir: &Path, port: u16, smtp_port: Option<u16>) -> Child {
    let mut command = huiyin(dir, port, &["serve"]);
    if let Some(p) = smtp_port {
        command
            .env("SMTP_HOST", "127.0.0.1")
            .env("SMTP_PORT", p.to_string());
    }
    let mut child = command.spawn().expect("start huiyin");
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(60) {
        if http(
            port,
            &format!(
                "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
            ),
        )
        .is_ok_and(|r| r.head.starts_with("HTTP/1.1 200"))
        {
            return child;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("huiyin did not start");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn an_acknowledged_comment_survives_a_kill_right_after_the_receipt() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let seeded = huiyin(dir.path(), port, &["seed-demo"]).status().unwrap();
    assert!(seeded.success());
    let mut server = serve(dir.path(), port);
    let (cookie, token) = csrf(port, "/consultations/1");
    let text = "断电测试：建议第三条写明系统故障时转人工办理的时限。";
    let r = post(
        port,
        "/consultations/1/comments",
        &cookie,
        &[
            ("csrf", &token),
            ("article", "art-3"),
            ("body", text),
            ("email", "durable@example.test"),
            ("consent", "on"),
        ],
    );
    // Killed the moment the receipt is out: no graceful shutdown, no flush.
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(r.head.starts_with("HTTP/1.1 303"), "{}", r.head);
    let tracking = header(&r, "location")
        .and_then(|l| l.strip_prefix("/comments/receipt/"))
        .expect("a receipt")
        .to_string();

    let mut server = serve(dir.path(), port);
    let (cookie, token) = csrf(port, "/comments/status");
    let r = post(
        port,
        "/comments/status",
        &cookie,
        &[
            ("csrf", &token),
            ("tracking_number", &tracking),
            ("email", "durable@example.test"),
        ],
    );
    assert!(
        r.body.contains("已收到，待邮箱确认"),
        "the comment is there after the restart"
    );
    // Its verification mail was committed with it and goes out after the restart.
    let outbox = dir.path().join("outbox");
    let start = Instant::now();
    let mut found = false;
    while !found && start.elapsed() < Duration::from_secs(30) {
        found = std::fs::read_dir(&outbox)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .filter_map(|e| std::fs::read_to_string(e.path()).ok())
                    .any(|m| m.contains("To: durable@example.test"))
            })
            .unwrap_or(false);
        std::thread::sleep(Duration::from_millis(200));
    }
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(found, "the verification mail was not lost");
}

/// Every pooled SQLite connection runs in WAL mode with full sync and foreign keys, not just
/// the first one (pragmas are per connection).
#[tokio::test]
async fn every_pooled_sqlite_connection_is_durable() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement, TransactionTrait};
    let dir = tempfile::tempdir().unwrap();
    let mut config = backend::config::Config::from_env().unwrap();
    config.data_dir = dir.path().to_path_buf();
    config.database_url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let db = server::connect(&config).await.unwrap();
    // Transactions hold distinct connections at the same time.
    let mut open = vec![];
    for _ in 0..3 {
        open.push(db.begin().await.unwrap());
    }
    for txn in &open {
        for (pragma, expected) in [
            ("PRAGMA synchronous", "2"),
            ("PRAGMA journal_mode", "wal"),
            ("PRAGMA foreign_keys", "1"),
        ] {
            let row = txn
                .query_one_raw(Statement::from_string(DbBackend::Sqlite, pragma))
                .await
                .unwrap()
                .unwrap();
            let value: String = row
                .try_get_by_index::<String>(0)
                .or_else(|_| row.try_get_by_index::<i32>(0).map(|v| v.to_string()))
                .unwrap();
            assert_eq!(value, expected, "{pragma}");
        }
    }
}

/// A comment that got its receipt under load: its number, email and unique word.
#[derive(Clone, Debug)]
struct Receipted {
    tracking: String,
    email: String,
    word: String,
}

/// Sends comments on consultation 1 from `threads` clients without pause, each from its own
/// address and email, until the server stops answering; SIGKILLs the server once
/// `before_kill` receipts are out (mid-stream: the clients are still sending). Returns
/// what got a receipt.
fn kill_under_load(port: u16, server: &mut Child, before_kill: usize) -> Vec<Receipted> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let (cookie, token) = csrf(port, "/consultations/1");
    let receipts = Arc::new(Mutex::new(Vec::new()));
    let down = Arc::new(AtomicBool::new(false));
    let next = Arc::new(AtomicUsize::new(0));
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let (receipts, down, next) = (receipts.clone(), down.clone(), next.clone());
            let (cookie, token) = (cookie.clone(), token.clone());
            std::thread::spawn(move || {
                let mut sent = 0;
                while !down.load(Ordering::Relaxed) {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let word = format!("crashmark{n}");
                    let email = format!("load{n}@example.test");
                    let text = format!("持续提交的意见 {word} ：建议写明系统故障时的办理时限。");
                    let from = format!("X-Forwarded-For: 10.9.{}.{}\r\n", n / 250, n % 250);
                    let fields = [
                        ("csrf", token.as_str()),
                        ("body", text.as_str()),
                        ("email", email.as_str()),
                        ("consent", "on"),
                    ];
                    let answer =
                        post_from(port, "/consultations/1/comments", &cookie, &fields, &from);
                    let receipt = answer.as_ref().ok().and_then(|r| {
                        r.head.starts_with("HTTP/1.1 303").then_some(())?;
                        header(r, "location")?.strip_prefix("/comments/receipt/")
                    });
                    match (receipt, &answer) {
                        (Some(tracking), _) => receipts.lock().unwrap().push(Receipted {
                            tracking: tracking.to_string(),
                            email,
                            word,
                        }),
                        // Any other whole answer is a failure of the portal.
                        (None, Ok(r))
                            if r.head.contains("\r\n") && !r.head.starts_with("HTTP/1.1 303") =>
                        {
                            panic!("not a receipt: {}\n{}", r.head, r.body)
                        }
                        // Killed mid-request: no (whole) answer, so no receipt.
                        _ => down.store(true, Ordering::Relaxed),
                    }
                    sent += 1;
                }
                sent
            })
        })
        .collect();
    let start = Instant::now();
    while receipts.lock().unwrap().len() < before_kill {
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "no receipts under load"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    server.kill().unwrap(); // SIGKILL
    server.wait().unwrap();
    let sent: usize = clients.into_iter().map(|c| c.join().unwrap()).sum();
    let receipts = receipts.lock().unwrap().clone();
    assert!(
        sent > receipts.len(),
        "the kill came while requests were in flight"
    );
    receipts
}

/// The tracking numbers stored, and those with an unsent mail in the outbox.
fn stored(dir: &Path) -> (std::collections::HashSet<String>, usize) {
    use backend::entities::{comment, mail_outbox};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect};
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let url = format!("sqlite://{}?mode=ro", dir.join("huiyin.db").display());
        let db = sea_orm::Database::connect(url).await.unwrap();
        let numbers = comment::Entity::find()
            .select_only()
            .column(comment::Column::TrackingNumber)
            .into_tuple::<String>()
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .collect();
        let unsent = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::SentAt.is_null())
            .count(&db)
            .await
            .unwrap() as usize;
        (numbers, unsent)
    })
}

/// The verification link in the mail to `email` among `mails` (decoded).
fn link_for(mails: &[String], email: &str) -> Option<String> {
    let mail = mails.iter().find(|m| m.contains(&format!("To: {email}")))?;
    let text = common::mail_text(mail)?;
    let at = text.find("/comments/verify?token=")?;
    Some(
        text[at..]
            .chars()
            .take_while(|c| !c.is_whitespace())
            .collect(),
    )
}

/// Verifies a comment through its mail link, has the demo editor approve it, and waits
/// until a search for its unique word finds it.
fn verify_approve_find(port: u16, link: &str, tracking: &str, word: &str) {
    // The link's page shows a button that posts its one-use token.
    let page = get(port, link, "");
    assert!(page.body.contains("action=\"/comments/verify\""));
    let token_in_link = link.split_once("token=").unwrap().1;
    let r = post(port, "/comments/verify", "", &[("token", token_in_link)]);
    assert!(r.head.starts_with("HTTP/1.1 303"), "verified: {}", r.head);
    let (cookie, token) = csrf(port, "/login");
    let r = post(
        port,
        "/login",
        &cookie,
        &[
            ("csrf", &token),
            ("username", "editor"),
            ("password", "huiyin-demo-editor"),
            ("next", "/staff"),
        ],
    );
    let session = set_cookie(&r, "huiyin_session").expect("signed in");
    let page = get(port, "/staff/moderation", &session);
    let staff_token = form_token(&page).expect("a form");
    let id = tracking.rsplit('-').next().unwrap().trim_start_matches('0');
    let r = post(
        port,
        "/staff/moderation/approve",
        &session,
        &[("csrf", &staff_token), ("ids", id)],
    );
    assert!(r.head.starts_with("HTTP/1.1 303"), "approved: {}", r.head);
    let start = Instant::now();
    loop {
        let found = get(port, &format!("/search?q={word}"), "");
        if found.body.contains(word) {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{word} was not found after its approval"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[test]
fn receipted_comments_survive_a_kill_under_continuous_load() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    assert!(
        huiyin(dir.path(), port, &["seed-demo"])
            .status()
            .unwrap()
            .success()
    );
    let mut server = serve(dir.path(), port);
    let receipts = kill_under_load(port, &mut server, 300);
    let (numbers, _) = stored(dir.path());
    for r in &receipts {
        assert!(numbers.contains(&r.tracking), "{} was lost", r.tracking);
    }
    // After the restart the most recent of them can be verified, approved and found.
    let server = serve(dir.path(), port);
    let last = receipts.last().unwrap();
    let outbox = dir.path().join("outbox");
    let start = Instant::now();
    let link = loop {
        let mails: Vec<String> = std::fs::read_dir(&outbox)
            .map(|d| {
                d.filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
                    .collect()
            })
            .unwrap_or_default();
        if let Some(link) = link_for(&mails, &last.email) {
            break link;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no mail");
        std::thread::sleep(Duration::from_millis(200));
    };
    verify_approve_find(port, &link, &last.tracking, &last.word);
    let mut server = server;
    server.kill().unwrap();
    server.wait().unwrap();
}

#[test]
fn with_the_smtp_server_down_the_mail_of_receipted_comments_waits_and_then_goes_out() {
    let dir = tempfile::tempdir().unwrap();
    let port = free_port();
    let smtp_port = free_port(); // nothing listens there yet
    assert!(
        huiyin(dir.path(), port, &["seed-demo"])
            .status()
            .unwrap()
            .success()
    );
    let mut server = serve_with(dir.path(), port, Some(smtp_port));
    let receipts = kill_under_load(port, &mut server, 200);
    let (numbers, unsent) = stored(dir.path());
    for r in &receipts {
        assert!(numbers.contains(&r.tracking), "{} was lost", r.tracking);
    }
    assert!(
        unsent >= receipts.len(),
        "each receipted comment's mail is queued"
    );
    // The SMTP server comes back, then the portal: every receipted comment's mail arrives.
    let rt = tokio::runtime::Runtime::new().unwrap();
    let smtp = rt.block_on(common::start_smtp_on(smtp_port));
    let mut server = serve_with(dir.path(), port, Some(smtp_port));
    let start = Instant::now();
    let mails = loop {
        let mails = common::received(&smtp);
        let arrived = receipts
            .iter()
            .filter(|r| link_for(&mails, &r.email).is_some())
            .count();
        if arrived == receipts.len() {
            break mails;
        }
        assert!(
            start.elapsed() < Duration::from_secs(120),
            "{arrived} of {} mails arrived",
            receipts.len()
        );
        std::thread::sleep(Duration::from_millis(250));
    };
    for r in &receipts {
        let mail = mails
            .iter()
            .find(|m| m.contains(&format!("To: {}", r.email)))
            .unwrap();
        assert!(
            common::mail_text(mail).unwrap().contains(&r.tracking),
            "the mail names its comment's number"
        );
    }
    server.kill().unwrap();
    server.wait().unwrap();
}
