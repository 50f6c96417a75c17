//! A comment acknowledged with a receipt survives the server being killed (SIGKILL) right
//! after the response: the real binary, a real SQLite file, plain HTTP over TCP.

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
    let body = fields
        .iter()
        .map(|(k, v)| format!("{}={}", urlencoding::encode(k), urlencoding::encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    http(
        port,
        &format!(
            "POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .expect("POST")
}

fn header<'a>(r: &'a Reply, name: &str) -> Option<&'a str> {
    r.head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

/// The CSRF cookie (name=value) and the token of the first form on a page.
fn csrf(port: u16, path: &str) -> (String, String) {
    let page = get(port, path, "");
    let cookie = page
        .head
        .lines()
        .filter_map(|l| l.split_once(':'))
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .find_map(|(_, v)| {
            v.trim()
                .split(';')
                .next()
                .filter(|c| c.starts_with("huiyin_csrf="))
        })
        .expect("a CSRF cookie")
        .to_string();
    let at = page.body.find("name=\"csrf\"").expect("a CSRF field");
    let rest = &page.body[at..];
    let v = rest.find("value=\"").unwrap() + 7;
    let end = rest[v..].find('"').unwrap();
    (cookie, rest[v..v + end].to_string())
}

fn serve(dir: &Path, port: u16) -> Child {
    let mut child = huiyin(dir, port, &["serve"]).spawn().expect("start huiyin");
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
