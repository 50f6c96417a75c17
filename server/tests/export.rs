//! The open-data archive (`huiyin export`): every public record in CSV, nothing private —
//! no email, no address, no unpublished comment, no decision before its report — unpacked
//! with the system's `tar`, and served for download with range requests.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use backend::entities::{comment, consultation, decision};
use common::*;
use domain::adoption::Outcome;
use domain::consultation::CommentStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

/// Unpacks the archive into a new directory and returns it.
fn unpack(archive: &std::path::Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new("tar")
        .arg("-xzf")
        .arg(archive)
        .arg("-C")
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "tar could not read the archive");
    dir
}

fn read(dir: &tempfile::TempDir, name: &str) -> String {
    std::fs::read_to_string(dir.path().join("huiyin-open-data").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Lines of a CSV file without its byte-order mark; quoted line breaks are kept inside
/// their record.
fn records(csv: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for ch in csv.trim_start_matches('\u{feff}').chars() {
        if ch == '"' {
            quoted = !quoted;
        }
        current.push(ch);
        if ch == '\n' && !quoted {
            out.push(current.trim_end().to_string());
            current.clear();
        }
    }
    out
}

#[tokio::test]
async fn the_archive_holds_all_public_data_and_nothing_private() {
    let app = TestApp::new().await;
    server::demo::seed(&app.state).await.unwrap();
    let db = &app.state.db;
    // A decision drafted on a consultation whose report is not out: it must not appear.
    let waiting = consultation::Entity::find()
        .filter(consultation::Column::ReportPublished.eq(false))
        .filter(consultation::Column::ClosesAt.lt(chrono::Utc::now()))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let drafted = comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(waiting.id))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    decision::ActiveModel {
        comment_id: Set(drafted.id),
        consultation_id: Set(waiting.id),
        outcome: Set(Outcome::NotAdopted),
        response: Set(Some("尚未公布的草拟答复".into())),
        decided_by: Set(None),
        decided_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();

    // Not there before the first export.
    let mut anyone = Browser::default();
    let r = app
        .get(&mut anyone, "/open-data/huiyin-open-data.tar.gz")
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);

    let path = backend::bulk::archive_path(&app.state);
    let summary = backend::bulk::export_archive(&app.state, &path)
        .await
        .unwrap();
    let dir = unpack(&path);
    let readme = read(&dir, "README.txt");
    assert!(readme.contains("comments.csv"));

    let all = comment::Entity::find().all(db).await.unwrap();
    let released: Vec<i32> = consultation::Entity::find()
        .filter(consultation::Column::Released.eq(true))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    let public: Vec<&comment::Model> = all
        .iter()
        .filter(|c| c.status == CommentStatus::Published && released.contains(&c.consultation_id))
        .collect();
    let comments = read(&dir, "comments.csv");
    let rows = records(&comments);
    assert_eq!(
        rows[0],
        "tracking_number,consultation_id,article,article_label,display_name,comment,channel,submitted_on,outcome,response"
    );
    assert_eq!(rows.len() - 1, public.len());
    assert!(
        summary
            .files
            .contains(&("comments.csv", public.len() as u64))
    );
    for c in &all {
        let shown = comments.contains(&c.tracking_number);
        assert_eq!(shown, public.contains(&c), "{}", c.tracking_number);
        if !c.email.is_empty() {
            assert!(!comments.contains(&c.email), "{} leaked", c.email);
        }
    }
    assert!(!comments.contains("尚未公布的草拟答复"));
    // The published report's decisions are there, with the article's label.
    let reported = decision::Entity::find()
        .filter(decision::Column::Response.is_not_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .find(|d| d.comment_id != drafted.id)
        .unwrap();
    assert!(comments.contains(reported.response.as_deref().unwrap()));
    assert!(comments.contains(",art-3,第三条,"));

    let policies = read(&dir, "policies.csv");
    assert!(policies.contains("深圳市政策性文件解读工作规定"));
    let consultations = read(&dir, "consultations.csv");
    assert_eq!(records(&consultations).len() - 1, released.len());
    assert!(consultations.contains(",report_published,"));
    assert!(read(&dir, "interpretations.csv").lines().count() > 1);
    assert!(read(&dir, "departments.csv").contains("zwfw,"));

    // Served as a download, whole or in ranges.
    let r = app
        .get(&mut anyone, "/open-data/huiyin-open-data.tar.gz")
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains("huiyin-open-data.tar.gz")
    );
    assert_eq!(
        r.headers[header::CONTENT_LENGTH].to_str().unwrap(),
        summary.bytes.to_string()
    );
    let r = app
        .request(
            &mut anyone,
            Request::get("/open-data/huiyin-open-data.tar.gz")
                .header(header::RANGE, "bytes=0-9")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(r.headers[header::CONTENT_LENGTH], "10");
    // Not compressed a second time for a browser that accepts gzip.
    let r = app
        .request(
            &mut anyone,
            Request::get("/open-data/huiyin-open-data.tar.gz")
                .header(header::ACCEPT_ENCODING, "gzip, br")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(
        r.headers[header::CONTENT_LENGTH].to_str().unwrap(),
        summary.bytes.to_string()
    );
}
