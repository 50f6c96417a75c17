//! The open-data API (`/api/v1/`) over the demo content: every documented route answers as
//! its own OpenAPI schema says (checked by openapi-spec-validator and jsonschema from the
//! venv `make test` prepares), lists filter and page in SQL, bad parameters get JSON errors
//! that name them, and nothing private leaks: no email or address, no decision before its
//! report is published.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use backend::entities::{comment, consultation, decision, policy};
use common::*;
use domain::adoption::Outcome;
use domain::consultation::CommentStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::{Value, json};
use std::collections::BTreeSet;

async fn demo() -> TestApp {
    let app = TestApp::new().await;
    server::demo::seed(&app.state).await.unwrap();
    app
}

async fn get_json(app: &TestApp, url: &str) -> (StatusCode, Value, Response) {
    let r = app.get(&mut Browser::default(), url).await;
    assert_eq!(
        r.headers[header::CONTENT_TYPE],
        "application/json",
        "{url}: {}",
        r.body
    );
    let v: Value = serde_json::from_str(&r.body).unwrap_or_else(|e| panic!("{url}: {e}"));
    (r.status, v, r)
}

/// The consultation ids of the demo: one whose report is published, one closed and waiting
/// for its report.
async fn consultation_in(app: &TestApp, state: &str) -> i64 {
    let (_, v, _) = get_json(app, &format!("/api/v1/consultations?state={state}")).await;
    v["items"][0]["id"].as_i64().unwrap()
}

/// Runs openapi_check.py on the document and the answers.
fn check_against_schema(doc: &Value, records: &[Value]) {
    use std::io::Write;
    let python = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../target/smtp-venv/bin/python"
    );
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/openapi_check.py");
    let mut child = std::process::Command::new(python)
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the test venv: run `make test` (it creates it)");
    let input = json!({"doc": doc, "records": records}).to_string();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.status.success(),
        "answers do not match the schema:\n{said}"
    );
    assert!(said.contains("answers match"), "{said}");
}

#[tokio::test]
async fn every_documented_route_answers_as_its_schema_says() {
    let app = demo().await;
    let (status, doc, _) = get_json(&app, "/api/v1/openapi.json").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");

    // The document and the router name the same routes.
    let routed: BTreeSet<String> = server::axum_routes(&app.state)
        .into_iter()
        .map(|(_, path, _)| path.to_string())
        .filter(|p| p.starts_with("/api/v1/") && p != "/api/v1/openapi.json")
        .collect();
    let documented: BTreeSet<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    assert_eq!(routed, documented);

    let reported = consultation_in(&app, "report_published").await;
    let open = consultation_in(&app, "open").await;
    let (_, policies, _) = get_json(&app, "/api/v1/policies").await;
    let policy = policies["items"][0]["id"].as_i64().unwrap();
    let with_interpretation = policies["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["interpretation_status"] == "with_policy")
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    // The demo policy that came out of a consultation (深府办规〔2025〕5号).
    let from_consultation = policy::Entity::find()
        .filter(policy::Column::DocNumber.eq("深府办规〔2025〕5号"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // (template, address) for answers of every kind: lists with and without filters, the
    // last page, records, and each error the routes document.
    let calls: Vec<(&str, String)> = vec![
        ("/api/v1/departments", "/api/v1/departments".into()),
        ("/api/v1/policies", "/api/v1/policies".into()),
        (
            "/api/v1/policies",
            "/api/v1/policies?department=bgt&year=2025&per_page=2".into(),
        ),
        (
            "/api/v1/policies",
            "/api/v1/policies?interpretation=due".into(),
        ),
        (
            "/api/v1/policies",
            "/api/v1/policies?page=2&per_page=3".into(),
        ),
        ("/api/v1/policies", "/api/v1/policies?page=9".into()),
        (
            "/api/v1/policies",
            "/api/v1/policies?department=nobody".into(),
        ),
        (
            "/api/v1/policies/{id}",
            format!("/api/v1/policies/{policy}"),
        ),
        (
            "/api/v1/policies/{id}",
            format!("/api/v1/policies/{with_interpretation}"),
        ),
        ("/api/v1/policies/{id}", "/api/v1/policies/999999".into()),
        (
            "/api/v1/policies/{id}/changes",
            format!("/api/v1/policies/{from_consultation}/changes"),
        ),
        (
            "/api/v1/policies/{id}/changes",
            format!("/api/v1/policies/{policy}/changes"),
        ),
        ("/api/v1/interpretations", "/api/v1/interpretations".into()),
        (
            "/api/v1/interpretations",
            format!("/api/v1/interpretations?policy={with_interpretation}&kind=text"),
        ),
        (
            "/api/v1/interpretations",
            "/api/v1/interpretations?kind=poem".into(),
        ),
        ("/api/v1/consultations", "/api/v1/consultations".into()),
        (
            "/api/v1/consultations",
            "/api/v1/consultations?state=closed&department=zwfw".into(),
        ),
        (
            "/api/v1/consultations",
            "/api/v1/consultations?state=draft".into(),
        ),
        (
            "/api/v1/consultations/{id}",
            format!("/api/v1/consultations/{open}"),
        ),
        (
            "/api/v1/consultations/{id}",
            format!("/api/v1/consultations/{reported}"),
        ),
        (
            "/api/v1/consultations/{id}",
            "/api/v1/consultations/999999".into(),
        ),
        (
            "/api/v1/consultations/{id}/comments",
            format!("/api/v1/consultations/{reported}/comments"),
        ),
        (
            "/api/v1/consultations/{id}/comments",
            format!("/api/v1/consultations/{open}/comments?per_page=1&page=2"),
        ),
        (
            "/api/v1/consultations/{id}/comments",
            format!("/api/v1/consultations/{open}/comments?per_page=0"),
        ),
        (
            "/api/v1/consultations/{id}/comments",
            "/api/v1/consultations/999999/comments".into(),
        ),
        (
            "/api/v1/consultations/{id}/report",
            format!("/api/v1/consultations/{reported}/report"),
        ),
        (
            "/api/v1/consultations/{id}/report",
            format!("/api/v1/consultations/{open}/report"),
        ),
        ("/api/v1/decisions", "/api/v1/decisions".into()),
        (
            "/api/v1/decisions",
            format!("/api/v1/decisions?consultation={reported}&outcome=not_adopted"),
        ),
        ("/api/v1/decisions", "/api/v1/decisions?outcome=yes".into()),
    ];
    let mut records = Vec::new();
    let mut statuses = BTreeSet::new();
    for (template, url) in calls {
        let (status, body, _) = get_json(&app, &url).await;
        statuses.insert(status.as_u16());
        records.push(
            json!({"template": template, "url": url, "status": status.as_u16(), "body": body}),
        );
    }
    assert_eq!(statuses, BTreeSet::from([200, 400, 404]));
    check_against_schema(&doc, &records);
}

#[tokio::test]
async fn lists_filter_count_and_page_in_the_database() {
    let app = demo().await;
    let db = &app.state.db;
    let published = policy::Entity::find()
        .filter(policy::Column::Status.eq(domain::policy::PolicyStatus::Published))
        .count(db)
        .await
        .unwrap();
    let (_, all, _) = get_json(&app, "/api/v1/policies?per_page=2").await;
    assert_eq!(all["pagination"]["total"], published);
    assert_eq!(all["pagination"]["pages"], published.div_ceil(2));
    assert_eq!(all["items"].as_array().unwrap().len(), 2);

    // Every page together is every policy, once.
    let mut seen = BTreeSet::new();
    for page in 1..=published.div_ceil(2) {
        let (s, v, _) = get_json(&app, &format!("/api/v1/policies?per_page=2&page={page}")).await;
        assert_eq!(s, StatusCode::OK);
        for p in v["items"].as_array().unwrap() {
            assert!(seen.insert(p["id"].as_i64().unwrap()));
        }
    }
    assert_eq!(seen.len() as u64, published);

    let (_, bgt, _) = get_json(&app, "/api/v1/policies?department=bgt").await;
    let items = bgt["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|p| p["department"] == "bgt"));
    assert!((items.len() as u64) < published);

    let (_, open, _) = get_json(&app, "/api/v1/consultations?state=open").await;
    assert!(
        open["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["state"] == "open" && c["report_url"].is_null())
    );
    let (_, done, _) = get_json(&app, "/api/v1/consultations?state=report_published").await;
    let c = &done["items"][0];
    assert_eq!(c["state"], "report_published");
    assert!(c["report_url"].as_str().unwrap().ends_with("/report"));
    let id = c["id"].as_i64().unwrap();
    // The decisions of that report, counted per outcome, are the report's numbers.
    let (_, report, _) = get_json(&app, &format!("/api/v1/consultations/{id}/report")).await;
    for o in Outcome::ALL {
        let (_, d, _) = get_json(
            &app,
            &format!("/api/v1/decisions?consultation={id}&outcome={}", o.as_str()),
        )
        .await;
        let counted = report["numbers"]["outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["key"] == o.as_str())
            .unwrap()["count"]
            .clone();
        assert_eq!(d["pagination"]["total"], counted, "{}", o.as_str());
        assert!(
            d["items"]
                .as_array()
                .unwrap()
                .iter()
                .all(|x| x["outcome"] == o.as_str())
        );
    }
}

#[tokio::test]
async fn bad_requests_get_json_errors_that_name_what_is_wrong() {
    let app = demo().await;
    let (s, v, r) = get_json(&app, "/api/v1/policies?page=50&per_page=5").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(v["error"]["status"], 400);
    assert_eq!(v["error"]["fields"][0]["field"], "page");
    let last = v["error"]["fields"][0]["message"].as_str().unwrap();
    assert!(last.contains("最后一页是第 2 页"), "{last}");
    // Nothing to store for an API reader: no cookie.
    assert!(r.headers.get(header::SET_COOKIE).is_none());
    assert_eq!(r.headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");

    let (s, v, _) = get_json(&app, "/api/v1/consultations?pgae=2&state=secret&year=abc").await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    let fields: BTreeSet<&str> = v["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, BTreeSet::from(["pgae", "state", "year"]));

    // The message follows Accept-Language.
    let r = app
        .request(
            &mut Browser::default(),
            Request::get("/api/v1/decisions?outcome=yes")
                .header(header::ACCEPT_LANGUAGE, "en")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body
            .contains("the valid ones are: adopted, partly_adopted"),
        "{}",
        r.body
    );

    for url in [
        "/api/v1/policies/abc",
        "/api/v1/policies/999999",
        "/api/v1/nothing/here",
        "/api/v1/consultations/1/report.xml",
    ] {
        let (s, v, _) = get_json(&app, url).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{url}");
        assert_eq!(v["error"]["status"], 404, "{url}");
    }
    let r = app
        .post(
            &mut Browser::default(),
            "/api/v1/policies",
            &[("title", "x")],
        )
        .await;
    assert_eq!(r.status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers[header::ALLOW], "GET, HEAD");
    assert!(r.body.contains("\"status\":405"), "{}", r.body);
}

#[tokio::test]
async fn nothing_private_leaves_through_the_api() {
    let app = demo().await;
    let db = &app.state.db;
    let waiting = consultation_in(&app, "closed").await as i32;
    // A decision drafted on the waiting consultation: private until its report is out.
    let first = comment::Entity::find()
        .filter(comment::Column::ConsultationId.eq(waiting))
        .filter(comment::Column::Status.eq(CommentStatus::Published))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    decision::ActiveModel {
        comment_id: Set(first.id),
        consultation_id: Set(waiting),
        outcome: Set(Outcome::NotAdopted),
        response: Set(Some("内部草拟的答复".into())),
        decided_by: Set(None),
        decided_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();

    let (_, v, r) = get_json(&app, &format!("/api/v1/consultations/{waiting}/comments")).await;
    assert!(!v["items"].as_array().unwrap().is_empty());
    assert!(
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["decision"].is_null())
    );
    assert!(!r.body.contains("内部草拟的答复"));
    let (s, _, _) = get_json(&app, &format!("/api/v1/consultations/{waiting}/report")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (_, d, _) = get_json(&app, &format!("/api/v1/decisions?consultation={waiting}")).await;
    assert_eq!(d["pagination"]["total"], 0);

    // Policies not (or no longer) published do not exist here.
    let unpublished = policy::Entity::find()
        .filter(policy::Column::Status.ne(domain::policy::PolicyStatus::Published))
        .all(db)
        .await
        .unwrap();
    assert!(!unpublished.is_empty());
    for p in unpublished {
        let (s, _, _) = get_json(&app, &format!("/api/v1/policies/{}", p.id)).await;
        assert_eq!(s, StatusCode::NOT_FOUND, "{}", p.title);
    }

    // No commenter's email or address, and no unpublished comment, anywhere.
    let all = comment::Entity::find().all(db).await.unwrap();
    let consultations = consultation::Entity::find().all(db).await.unwrap();
    let mut bodies = String::new();
    for c in &consultations {
        let r = app
            .get(
                &mut Browser::default(),
                &format!("/api/v1/consultations/{}/comments?per_page=100", c.id),
            )
            .await;
        bodies.push_str(&r.body);
    }
    let (_, _, r) = get_json(&app, "/api/v1/decisions?per_page=100").await;
    bodies.push_str(&r.body);
    for c in &all {
        if !c.email.is_empty() {
            assert!(!bodies.contains(&c.email), "{} leaked", c.email);
        }
        if !c.ip.is_empty() {
            assert!(
                !bodies.contains(&format!("\"{}\"", c.ip)),
                "{} leaked",
                c.ip
            );
        }
        let shown = bodies.contains(&c.tracking_number);
        assert_eq!(
            shown,
            c.status == CommentStatus::Published,
            "{}",
            c.tracking_number
        );
    }
}
