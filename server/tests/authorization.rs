//! The authorization matrix: every plain route of the router (`server::axum_routes`) and every
//! server function is tried as anonymous, a drafter of the owning department, a drafter of
//! another department, an editor and an admin, each time with a valid CSRF token and a body
//! that is empty or minimal (so no route can deny only after checking input). The outcome is
//! compared with the table below. A route or server function missing from the table fails
//! the test: a new one must say who may use it.

mod common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::*;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, Set};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    OwnDrafter,
    OtherDrafter,
    Editor,
    Admin,
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::OwnDrafter,
    Who::OtherDrafter,
    Who::Editor,
    Who::Admin,
];
const STAFF: &[Who] = &[Who::OwnDrafter, Who::OtherDrafter, Who::Editor, Who::Admin];
const DRAFTERS: &[Who] = &[Who::OwnDrafter, Who::OtherDrafter];
const OWN_DRAFTER: &[Who] = &[Who::OwnDrafter];
const EDITORS: &[Who] = &[Who::Editor, Who::Admin];
const ADMIN: &[Who] = &[Who::Admin];
const OWN_DRAFTER_AND_EDITORS: &[Who] = &[Who::OwnDrafter, Who::Editor, Who::Admin];

/// What a route is, for the matrix.
enum Rule {
    /// Open to the public by design (sign-in, comments, subscriptions, files, health): every
    /// role gets through; checked by the feature tests.
    Public,
    /// Who may: the others are refused (401/403, or sent to the login page).
    Only(&'static [Who]),
}

/// The ids the paths are filled with.
struct Fixture {
    draft_policy: i32,
    open_consultation: i32,
    unreleased_consultation: i32,
    waiting_comment: i32,
    other_user: i32,
    closed_consultation: i32,
    template: i32,
}

/// The table: route template → the concrete requests tried and who may make them.
fn plain_routes(f: &Fixture) -> Vec<(&'static str, Vec<(String, Rule)>)> {
    let p = f.draft_policy;
    let one = |path: String, rule: Rule| vec![(path, rule)];
    vec![
        ("/login", one("/login".into(), Rule::Public)),
        ("/logout", one("/logout".into(), Rule::Public)),
        ("/lang/{tag}", one("/lang/en?back=/".into(), Rule::Public)),
        (
            "/reading-mode/{mode}",
            one("/reading-mode/elder?back=/".into(), Rule::Public),
        ),
        (
            "/staff/policies/new",
            one("/staff/policies/new".into(), Rule::Only(DRAFTERS)),
        ),
        (
            "/staff/policies/{id}/edit",
            one(format!("/staff/policies/{p}/edit"), Rule::Only(OWN_DRAFTER)),
        ),
        (
            "/staff/policies/{id}/interpretations/new",
            one(
                format!("/staff/policies/{p}/interpretations/new"),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/policies/{id}/{action}",
            vec![
                (
                    format!("/staff/policies/{p}/submit"),
                    Rule::Only(OWN_DRAFTER),
                ),
                (format!("/staff/policies/{p}/approve"), Rule::Only(EDITORS)),
                (format!("/staff/policies/{p}/return"), Rule::Only(EDITORS)),
                (format!("/staff/policies/{p}/withdraw"), Rule::Only(EDITORS)),
            ],
        ),
        (
            "/admin/calendar",
            one("/admin/calendar".into(), Rule::Only(ADMIN)),
        ),
        (
            "/admin/calendar/notice",
            one("/admin/calendar/notice".into(), Rule::Only(ADMIN)),
        ),
        (
            "/admin/users",
            one("/admin/users".into(), Rule::Only(ADMIN)),
        ),
        (
            "/admin/users/{id}/active",
            one(
                format!("/admin/users/{}/active", f.other_user),
                Rule::Only(ADMIN),
            ),
        ),
        (
            "/staff/consultations/new",
            one("/staff/consultations/new".into(), Rule::Only(DRAFTERS)),
        ),
        (
            "/attachments/{id}",
            one("/attachments/1".into(), Rule::Public),
        ),
        (
            "/staff/consultations/{id}/release",
            one(
                format!("/staff/consultations/{}/release", f.unreleased_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/consultations/{id}/comments",
            one(
                format!("/consultations/{}/comments", f.open_consultation),
                Rule::Public,
            ),
        ),
        (
            "/comments/verify",
            one("/comments/verify".into(), Rule::Public),
        ),
        (
            "/comments/status",
            one("/comments/status".into(), Rule::Public),
        ),
        ("/subscribe", one("/subscribe".into(), Rule::Public)),
        (
            "/subscriptions/confirm",
            one("/subscriptions/confirm".into(), Rule::Public),
        ),
        ("/unsubscribe", one("/unsubscribe".into(), Rule::Public)),
        (
            "/staff/moderation/{action}",
            vec![
                ("/staff/moderation/approve".into(), Rule::Only(EDITORS)),
                ("/staff/moderation/reject".into(), Rule::Only(EDITORS)),
            ],
        ),
        (
            "/staff/moderation/redact/{id}",
            one(
                format!("/staff/moderation/redact/{}", f.waiting_comment),
                Rule::Only(EDITORS),
            ),
        ),
        (
            "/staff/consultations/{id}/paper-comments",
            one(
                format!(
                    "/staff/consultations/{}/paper-comments",
                    f.open_consultation
                ),
                Rule::Only(EDITORS),
            ),
        ),
        (
            "/staff/consultations/{id}/decisions",
            one(
                format!("/staff/consultations/{}/decisions", f.closed_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/consultations/{id}/report",
            one(
                format!("/staff/consultations/{}/report", f.closed_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/consultations/{id}/policy",
            one(
                format!("/staff/consultations/{}/policy", f.closed_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/consultations/{id}/topics",
            one(
                format!("/staff/consultations/{}/topics", f.closed_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/consultations/{id}/changes",
            one(
                format!("/staff/consultations/{}/changes", f.closed_consultation),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/staff/templates",
            one("/staff/templates".into(), Rule::Only(DRAFTERS)),
        ),
        (
            "/staff/templates/{id}/delete",
            one(
                format!("/staff/templates/{}/delete", f.template),
                Rule::Only(OWN_DRAFTER),
            ),
        ),
        (
            "/consultations/{id}/report.csv",
            one(
                format!("/consultations/{}/report.csv", f.closed_consultation),
                Rule::Public,
            ),
        ),
        (
            "/consultations/{id}/report.json",
            one(
                format!("/consultations/{}/report.json", f.closed_consultation),
                Rule::Public,
            ),
        ),
        // The open-data API reads public data only: the same for every role (a draft
        // policy or an unreleased consultation is a 404 even for its drafters).
        (
            "/api/v1/openapi.json",
            one("/api/v1/openapi.json".into(), Rule::Public),
        ),
        (
            "/api/v1/departments",
            one("/api/v1/departments".into(), Rule::Public),
        ),
        (
            "/api/v1/policies",
            one("/api/v1/policies".into(), Rule::Public),
        ),
        (
            "/api/v1/policies/{id}",
            one(format!("/api/v1/policies/{}", f.draft_policy), Rule::Public),
        ),
        (
            "/api/v1/policies/{id}/changes",
            one(
                format!("/api/v1/policies/{}/changes", f.draft_policy),
                Rule::Public,
            ),
        ),
        (
            "/api/v1/interpretations",
            one("/api/v1/interpretations".into(), Rule::Public),
        ),
        (
            "/api/v1/consultations",
            one("/api/v1/consultations".into(), Rule::Public),
        ),
        (
            "/api/v1/consultations/{id}",
            one(
                format!("/api/v1/consultations/{}", f.unreleased_consultation),
                Rule::Public,
            ),
        ),
        (
            "/api/v1/consultations/{id}/comments",
            one(
                format!("/api/v1/consultations/{}/comments", f.open_consultation),
                Rule::Public,
            ),
        ),
        (
            "/api/v1/consultations/{id}/report",
            one(
                format!("/api/v1/consultations/{}/report", f.closed_consultation),
                Rule::Public,
            ),
        ),
        (
            "/api/v1/decisions",
            one("/api/v1/decisions".into(), Rule::Public),
        ),
        (
            "/uploads/{name}",
            one(format!("/uploads/{}.png", "a".repeat(64)), Rule::Public),
        ),
        ("/healthz", one("/healthz".into(), Rule::Public)),
        ("/robots.txt", one("/robots.txt".into(), Rule::Public)),
        ("/sitemap.xml", one("/sitemap.xml".into(), Rule::Public)),
        (
            "/open-data/huiyin-open-data.tar.gz",
            one("/open-data/huiyin-open-data.tar.gz".into(), Rule::Public),
        ),
        (
            "/statistics/annual.csv",
            one("/statistics/annual.csv".into(), Rule::Public),
        ),
        (
            "/feeds/atom.xml",
            one("/feeds/atom.xml".into(), Rule::Public),
        ),
        (
            "/departments/{code}/feed.atom",
            one("/departments/a/feed.atom".into(), Rule::Public),
        ),
    ]
}

/// Server functions: path → (body, rule).
fn server_functions(f: &Fixture) -> Vec<(&'static str, String, Rule)> {
    use app::api::*;
    let p = f.draft_policy;
    let c = f.open_consultation;
    vec![
        (GetHome::PATH, String::new(), Rule::Public),
        (GetPolicies::PATH, String::new(), Rule::Public),
        (GetPolicy::PATH, "id=1".into(), Rule::Public),
        (GetArticle::PATH, "id=1&number=1".into(), Rule::Public),
        (GetPolicyChanges::PATH, "id=1".into(), Rule::Public),
        (GetDepartment::PATH, "code=a".into(), Rule::Public),
        (GetTimeliness::PATH, String::new(), Rule::Public),
        (GetStatistics::PATH, String::new(), Rule::Public),
        (GetSearch::PATH, String::new(), Rule::Public),
        (GetConsultations::PATH, String::new(), Rule::Public),
        (GetConsultation::PATH, format!("id={c}"), Rule::Public),
        (GetDepartments::PATH, String::new(), Rule::Public),
        (GetUnsubscribeInfo::PATH, "token=00".into(), Rule::Public),
        (GetStaffHome::PATH, String::new(), Rule::Only(STAFF)),
        (
            GetStaffPolicy::PATH,
            format!("id={p}"),
            Rule::Only(OWN_DRAFTER_AND_EDITORS),
        ),
        (
            GetPolicyForm::PATH,
            format!("id={p}"),
            Rule::Only(OWN_DRAFTER),
        ),
        (GetCalendarAdmin::PATH, String::new(), Rule::Only(ADMIN)),
        (GetUsersAdmin::PATH, String::new(), Rule::Only(ADMIN)),
        (
            GetStaffConsultations::PATH,
            String::new(),
            Rule::Only(STAFF),
        ),
        (GetModeration::PATH, String::new(), Rule::Only(EDITORS)),
        (GetAuditLog::PATH, "page=1".into(), Rule::Only(ADMIN)),
        (
            GetPaperCommentContext::PATH,
            format!("id={c}"),
            Rule::Only(EDITORS),
        ),
        (
            GetCanOpenConsultation::PATH,
            String::new(),
            Rule::Only(STAFF),
        ),
        (
            GetAdoptionWorkspace::PATH,
            format!("id={}", f.closed_consultation),
            Rule::Only(OWN_DRAFTER_AND_EDITORS),
        ),
        // Public once published (the own drafter publishes it earlier in the run); a 404
        // before, for everyone alike.
        (
            GetAdoptionReport::PATH,
            format!("id={}", f.closed_consultation),
            Rule::Public,
        ),
    ]
}

async fn fixture(app: &TestApp) -> Fixture {
    use backend::entities::{comment, consultation};
    fixtures(app).await;
    let mut a = app.login("drafter.a", PASSWORD).await;
    let draft_policy = draft_policy(app, &mut a, "矩阵测试", "第一条 内容。").await;
    let open = open_consultation(app, -1, 29).await;
    let unreleased = open_consultation(app, 3, 40).await;
    let closed_consultation = open_consultation(app, -40, -1).await;
    let mut m: consultation::ActiveModel =
        <consultation::Entity as sea_orm::EntityTrait>::find_by_id(unreleased)
            .one(&app.state.db)
            .await
            .unwrap()
            .map(Into::into)
            .unwrap();
    m.released = Set(false);
    m.update(&app.state.db).await.unwrap();
    let now = chrono::Utc::now();
    let waiting = comment::ActiveModel {
        tracking_number: Set("HY-2026-900001".into()),
        consultation_id: Set(open),
        body: Set("建议第一条写明时限。".into()),
        display_name: Set("市民".into()),
        email: Set("c@example.test".into()),
        ip: Set(String::new()),
        consent: Set(true),
        flagged: Set(false),
        status: Set(domain::consultation::CommentStatus::AwaitingModeration),
        created_at: Set(now),
        verified_at: Set(Some(now)),
        channel: Set(domain::consultation::CommentChannel::Online),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id;
    let other_user = backend::auth::create_user(
        &app.state.db,
        "victim",
        "受试账号",
        "drafter",
        Some("b"),
        PASSWORD,
        None,
    )
    .await
    .unwrap();
    let template = backend::entities::response_template::ActiveModel {
        department_id: Set(1),
        title: Set("上位法已有规定".into()),
        body: Set("该事项已由上位法规定。".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap()
    .id;
    Fixture {
        template,
        draft_policy,
        open_consultation: open,
        unreleased_consultation: unreleased,
        waiting_comment: waiting,
        other_user,
        closed_consultation,
    }
}

async fn browser(app: &TestApp, who: Who) -> Browser {
    match who {
        Who::Anonymous => {
            let mut b = Browser::default();
            app.get(&mut b, "/").await;
            b
        }
        Who::OwnDrafter => app.login("drafter.a", PASSWORD).await,
        Who::OtherDrafter => app.login("drafter.b", PASSWORD).await,
        Who::Editor => app.login("editor", PASSWORD).await,
        Who::Admin => app.login("admin", PASSWORD).await,
    }
}

/// Refused: not signed in, not allowed, or (for unpublished work) not there for this viewer.
fn refused(r: &Response) -> bool {
    matches!(
        r.status,
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND
    ) || (r.status == StatusCode::SEE_OTHER && r.location().starts_with("/login"))
}

#[tokio::test]
async fn every_route_and_server_function_checks_the_role_as_the_table_says() {
    let app = TestApp::new().await;
    let f = fixture(&app).await;
    let table = plain_routes(&f);
    // Every route of the router has a row, and every row is a route.
    let routes: Vec<&str> = server::axum_routes(&app.state)
        .into_iter()
        .map(|(_, path, _)| path)
        .collect();
    for path in &routes {
        assert!(
            table.iter().any(|(t, _)| t == path),
            "route {path} has no row in the authorization table"
        );
    }
    assert_eq!(
        table.len(),
        routes.len(),
        "rows for routes that do not exist"
    );
    let fns = server_functions(&f);
    for (path, _) in leptos::server_fn::axum::server_fn_paths() {
        assert!(
            fns.iter().any(|(p, _, _)| *p == path),
            "server function {path} has no row in the authorization table"
        );
    }

    let mut failures = vec![];
    for who in EVERYONE.iter().copied() {
        let mut b = browser(&app, who).await;
        let token = csrf_token(&app.get(&mut b, "/login").await.body)
            .expect("a CSRF token for every visitor");
        for (template, requests) in &table {
            let verb = server::axum_routes(&app.state)
                .into_iter()
                .find(|(_, p, _)| p == template)
                .map(|(v, _, _)| v)
                .unwrap();
            for (path, rule) in requests {
                // Signing out would end the session the other tries use (same cookie).
                if path == "/logout" {
                    continue;
                }
                let req = match verb {
                    server::Verb::Get => Request::get(path.as_str()).body(Body::empty()).unwrap(),
                    server::Verb::Post
                        if template.ends_with("/new") && template.contains("interpretations")
                            || *template == "/staff/consultations/new" =>
                    {
                        let boundary = "MATRIXBOUNDARY";
                        Request::post(path.as_str())
                            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
                            .body(Body::from(format!(
                                "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{token}\r\n--{boundary}--\r\n"
                            )))
                            .unwrap()
                    }
                    server::Verb::Post => Request::post(path.as_str())
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from(format!("csrf={token}")))
                        .unwrap(),
                };
                // Each try in a fresh copy of the browser: a logout must not end the others.
                let mut each = b.clone();
                let r = app.request(&mut each, req).await;
                if r.status.is_server_error() {
                    failures.push(format!("{who:?} {path}: {}", r.status));
                    continue;
                }
                if let Rule::Only(allowed) = rule {
                    let should = allowed.contains(&who);
                    if should == refused(&r) {
                        failures.push(format!(
                            "{who:?} {path}: {} {} (expected {})",
                            r.status,
                            r.location(),
                            if should { "allowed" } else { "refused" }
                        ));
                    }
                }
            }
        }
        for (path, body, rule) in &fns {
            let req = Request::post(*path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "application/json")
                .body(Body::from(body.clone()))
                .unwrap();
            let r = app.request(&mut b, req).await;
            if r.status.is_server_error() {
                failures.push(format!("{who:?} {path}: {} {}", r.status, r.body));
                continue;
            }
            if let Rule::Only(allowed) = rule {
                let should = allowed.contains(&who);
                if should == refused(&r) {
                    failures.push(format!(
                        "{who:?} {path}: {} (expected {})",
                        r.status,
                        if should { "allowed" } else { "refused" }
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
