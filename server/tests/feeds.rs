//! The Atom feeds, read by a real feed parser (Python's feedparser, from the venv `make test`
//! prepares).

mod common;

use axum::http::StatusCode;
use common::*;

/// What feedparser makes of a document: whether it found it malformed, the feed's title and
/// each entry's title, link, id and update time.
fn parse(xml: &str) -> serde_json::Value {
    use std::io::Write;
    let python = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/smtp-venv/bin/python"
    );
    let script = "import feedparser, json, sys\n\
d = feedparser.parse(sys.stdin.buffer.read())\n\
print(json.dumps({'bozo': bool(d.bozo), 'error': str(d.get('bozo_exception', '')), 'version': d.version,\n\
  'title': d.feed.get('title'), 'language': d.feed.get('language'),\n\
  'entries': [{'title': e.title, 'link': e.link, 'id': e.id, 'updated': e.updated} for e in d.entries]}))";
    let mut child = std::process::Command::new(python)
        .args(["-c", script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("feedparser's venv: run `make test` (it creates it)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(xml.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "feedparser failed");
    serde_json::from_slice(&out.stdout).unwrap()
}

#[tokio::test]
async fn site_and_department_feeds_are_valid_atom_with_what_is_new() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let policy = published_policy(&app, 1, "深圳市数据开放管理办法", 90).await;
    let open = open_consultation(&app, -1, 29).await;
    let site = app.state.config.site_url.clone();
    let mut anyone = Browser::default();

    let r = app.get(&mut anyone, "/feeds/atom.xml").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/atom+xml")
    );
    let feed = parse(&r.body);
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["version"], "atom10");
    assert_eq!(feed["language"], "zh-Hans");
    let entries = feed["entries"].as_array().unwrap();
    let p = entries
        .iter()
        .find(|e| e["title"] == "深圳市数据开放管理办法")
        .expect("the new policy in the feed");
    assert_eq!(p["link"], format!("{site}/policies/{policy}"));
    assert!(
        entries
            .iter()
            .any(|e| e["link"] == format!("{site}/consultations/{open}"))
    );
    // Ids are unique and stable.
    let mut ids: Vec<&str> = entries.iter().map(|e| e["id"].as_str().unwrap()).collect();
    let n = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);

    // One department's feed: its own things only.
    let r = app.get(&mut anyone, "/departments/b/feed.atom").await;
    assert_eq!(r.status, StatusCode::OK);
    let feed = parse(&r.body);
    assert_eq!(feed["bozo"], false, "{feed}");
    assert_eq!(feed["entries"].as_array().unwrap().len(), 0);
    let r = app.get(&mut anyone, "/departments/a/feed.atom").await;
    assert_eq!(
        parse(&r.body)["entries"].as_array().unwrap().len(),
        entries.len()
    );
    let r = app.get(&mut anyone, "/departments/nope/feed.atom").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}
