//! Load generator for comment intake (issue "Fast"): many keep-alive HTTP/1.1 connections
//! post comments to one consultation as fast as answers come, each from its own client
//! address (sent as `X-Forwarded-For`; start the server with `HUIYIN_TRUSTED_PROXIES`
//! covering 127.0.0.1) and its own email, so the rate limits stay on and are not what is
//! measured. Then it checks, in the database, that every comment that got a receipt is
//! stored, and that every refusal was a 429 or 503 with `Retry-After` and the text kept.
//!
//! ```text
//! intake_load --addr 127.0.0.1:3000 --consultation 1 --connections 256 \
//!     (--seconds 60 | --total 75000) [--database-url sqlite://…]
//! ```
//! Prints one line of JSON; exits non-zero when a check fails.

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

struct Args {
    addr: String,
    consultation: i32,
    connections: usize,
    seconds: Option<u64>,
    total: Option<u64>,
    database_url: Option<String>,
    /// Added to every address and email, so runs against one database never collide.
    run: String,
}

fn args() -> Args {
    let mut a = Args {
        addr: "127.0.0.1:3000".into(),
        consultation: 1,
        connections: 256,
        seconds: None,
        total: None,
        database_url: None,
        run: format!("{}", std::process::id()),
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let v = it.next().unwrap_or_else(|| panic!("{k} needs a value"));
        match k.as_str() {
            "--addr" => a.addr = v,
            "--consultation" => a.consultation = v.parse().expect("--consultation"),
            "--connections" => a.connections = v.parse().expect("--connections"),
            "--seconds" => a.seconds = Some(v.parse().expect("--seconds")),
            "--total" => a.total = Some(v.parse().expect("--total")),
            "--database-url" => a.database_url = Some(v),
            "--run" => a.run = v,
            _ => panic!("unknown argument {k}"),
        }
    }
    assert!(
        a.seconds.is_some() != a.total.is_some(),
        "give --seconds or --total"
    );
    a
}

struct Answer {
    status: u16,
    location: Option<String>,
    retry_after: bool,
    body: Vec<u8>,
    close: bool,
}

/// Reads one HTTP/1.1 answer (Content-Length or chunked body).
async fn read_answer(r: &mut BufReader<TcpStream>) -> std::io::Result<Answer> {
    let mut line = String::new();
    if r.read_line(&mut line).await? == 0 {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or(std::io::ErrorKind::InvalidData)?;
    let (mut length, mut chunked, mut location, mut retry_after, mut close) =
        (0usize, false, None, false, false);
    loop {
        line.clear();
        r.read_line(&mut line).await?;
        let l = line.trim_end();
        if l.is_empty() {
            break;
        }
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.to_ascii_lowercase().as_str() {
            "content-length" => length = v.parse().unwrap_or(0),
            "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
            "location" => location = Some(v.to_string()),
            "retry-after" => retry_after = true,
            "connection" => close = v.eq_ignore_ascii_case("close"),
            _ => {}
        }
    }
    let mut body = Vec::new();
    if chunked {
        loop {
            line.clear();
            r.read_line(&mut line).await?;
            let n = usize::from_str_radix(line.trim(), 16)
                .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "chunk size"))?;
            let start = body.len();
            body.resize(start + n, 0);
            r.read_exact(&mut body[start..]).await?;
            line.clear();
            r.read_line(&mut line).await?;
            if n == 0 {
                break;
            }
        }
    } else {
        body.resize(length, 0);
        r.read_exact(&mut body).await?;
    }
    Ok(Answer {
        status,
        location,
        retry_after,
        body,
        close,
    })
}

/// What one connection saw.
#[derive(Default)]
struct Tally {
    receipts: Vec<String>,
    refused_429: u64,
    refused_503: u64,
    /// Refusals without Retry-After or without the text on the page.
    bad_refusals: u64,
    other: Vec<u16>,
    errors: u64,
    micros: Vec<u32>,
}

struct Shared {
    addr: String,
    path: String,
    cookie: String,
    token: String,
    run: String,
    next: AtomicU64,
    total: Option<u64>,
    stop: AtomicBool,
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn connection(shared: Arc<Shared>) -> Tally {
    let mut t = Tally::default();
    let mut conn: Option<BufReader<TcpStream>> = None;
    while !shared.stop.load(Ordering::Relaxed) {
        let n = shared.next.fetch_add(1, Ordering::Relaxed);
        if shared.total.is_some_and(|total| n >= total) {
            break;
        }
        let text = format!("压力测试意见{}-{n}：建议公开办理时限和结果。", shared.run);
        // Ten comments per address and one per email: under both hourly limits.
        let ip = format!(
            "10.{}.{}.{}",
            (n / 10) >> 16 & 255,
            (n / 10) >> 8 & 255,
            (n / 10) & 255
        );
        let body = format!(
            "csrf={}&article=&body={}&display_name=&email={}&consent=on&website=",
            encode(&shared.token),
            encode(&text),
            encode(&format!("load{}-{n}@example.test", shared.run)),
        );
        let request = format!(
            "POST {} HTTP/1.1\r\nHost: {}\r\nCookie: {}\r\nX-Forwarded-For: {ip}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n{body}",
            shared.path,
            shared.addr,
            shared.cookie,
            body.len()
        );
        let began = Instant::now();
        if conn.is_none() {
            match TcpStream::connect(&shared.addr).await {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    conn = Some(BufReader::new(s));
                }
                Err(_) => {
                    t.errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            }
        }
        let c = conn.as_mut().expect("connected");
        let answer = match c.get_mut().write_all(request.as_bytes()).await {
            Ok(()) => read_answer(c).await,
            Err(e) => Err(e),
        };
        let answer = match answer {
            Ok(a) => a,
            Err(_) => {
                t.errors += 1;
                conn = None;
                continue;
            }
        };
        t.micros
            .push(began.elapsed().as_micros().min(u32::MAX as u128) as u32);
        match answer.status {
            303 => match answer
                .location
                .as_deref()
                .and_then(|l| l.strip_prefix("/comments/receipt/"))
            {
                Some(tracking) => t.receipts.push(tracking.to_string()),
                None => t.other.push(303),
            },
            429 | 503 => {
                if answer.status == 429 {
                    t.refused_429 += 1;
                } else {
                    t.refused_503 += 1;
                }
                let kept = String::from_utf8_lossy(&answer.body).contains(&text);
                if !answer.retry_after || !kept {
                    t.bad_refusals += 1;
                }
            }
            s => t.other.push(s),
        }
        if answer.close {
            conn = None;
        }
    }
    t
}

/// The CSRF cookie and the form's token, from the consultation page.
async fn csrf(addr: &str, path: &str) -> (String, String) {
    let s = TcpStream::connect(addr).await.expect("the server answers");
    let mut r = BufReader::new(s);
    r.get_mut()
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").as_bytes(),
        )
        .await
        .unwrap();
    let mut raw = Vec::new();
    r.read_to_end(&mut raw).await.unwrap();
    let raw = String::from_utf8_lossy(&raw);
    let cookie = raw
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
    let at = raw.find("name=\"csrf\"").expect("a form with a CSRF field");
    let rest = &raw[at..];
    let v = rest.find("value=\"").expect("its value") + 7;
    let end = rest[v..].find('"').expect("its end");
    (cookie, rest[v..v + end].to_string())
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

#[tokio::main]
async fn main() {
    let a = args();
    let page = format!("/consultations/{}", a.consultation);
    let (cookie, token) = csrf(&a.addr, &page).await;
    let shared = Arc::new(Shared {
        addr: a.addr.clone(),
        path: format!("{page}/comments"),
        cookie,
        token,
        run: a.run.clone(),
        next: AtomicU64::new(0),
        total: a.total,
        stop: AtomicBool::new(false),
    });
    let began = Instant::now();
    let tasks: Vec<_> = (0..a.connections)
        .map(|_| tokio::spawn(connection(shared.clone())))
        .collect();
    if let Some(seconds) = a.seconds {
        tokio::time::sleep(Duration::from_secs(seconds)).await;
        shared.stop.store(true, Ordering::Relaxed);
    }
    let mut all = Tally::default();
    for task in tasks {
        let t = task.await.expect("a connection task");
        all.receipts.extend(t.receipts);
        all.refused_429 += t.refused_429;
        all.refused_503 += t.refused_503;
        all.bad_refusals += t.bad_refusals;
        all.other.extend(t.other);
        all.errors += t.errors;
        all.micros.extend(t.micros);
    }
    let elapsed = began.elapsed().as_secs_f64();
    all.micros.sort_unstable();
    let stored = match &a.database_url {
        Some(url) => {
            let db = sea_orm::Database::connect(url.as_str())
                .await
                .expect("the database");
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
            let numbers: HashSet<String> = backend::entities::comment::Entity::find()
                .select_only()
                .column(backend::entities::comment::Column::TrackingNumber)
                .filter(backend::entities::comment::Column::ConsultationId.eq(a.consultation))
                .into_tuple::<String>()
                .all(&db)
                .await
                .expect("the comments")
                .into_iter()
                .collect();
            Some(all.receipts.iter().filter(|t| numbers.contains(*t)).count())
        }
        None => None,
    };
    let unique: HashSet<&String> = all.receipts.iter().collect();
    let answered = all.micros.len();
    println!(
        "{{\"connections\": {}, \"seconds\": {:.1}, \"answered\": {}, \"receipts\": {}, \"receipts_per_s\": {:.0}, \"refused_429\": {}, \"refused_503\": {}, \"bad_refusals\": {}, \"other_statuses\": {:?}, \"connection_errors\": {}, \"p50_ms\": {:.1}, \"p99_ms\": {:.1}, \"max_ms\": {:.1}, \"receipts_stored\": {}}}",
        a.connections,
        elapsed,
        answered,
        all.receipts.len(),
        all.receipts.len() as f64 / elapsed,
        all.refused_429,
        all.refused_503,
        all.bad_refusals,
        all.other,
        all.errors,
        percentile(&all.micros, 0.5),
        percentile(&all.micros, 0.99),
        percentile(&all.micros, 1.0),
        stored.map_or("null".into(), |s| s.to_string()),
    );
    let failed = all.bad_refusals > 0
        || !all.other.is_empty()
        || unique.len() != all.receipts.len()
        || stored.is_some_and(|s| s != all.receipts.len());
    if failed {
        std::process::exit(1);
    }
}
