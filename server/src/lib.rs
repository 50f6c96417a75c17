//! The `huiyin` server: state construction, the router (Leptos pages + plain axum routes for
//! forms, uploads and health), background jobs, and demo content.

pub mod assets;
pub mod demo;
pub mod handlers;
mod jobs;
mod serve;
pub mod web;

pub use jobs::spawn_jobs;
pub use serve::{HEADER_READ_TIMEOUT, SHUTDOWN_GRACE, serve, shutdown_signal};

use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::routing::{MethodRouter, any, get, post};
use backend::config::Config;
use backend::state::AppState;
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migrations::MigratorTrait;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::sync::{Arc, OnceLock, RwLock};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Connects to the database (creating the SQLite file's directory) and runs migrations.
pub async fn connect(config: &Config) -> Result<DatabaseConnection, String> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|e| format!("data dir {}: {e}", config.data_dir.display()))?;
    }
    let mut opts = ConnectOptions::new(config.database_url.clone());
    opts.sqlx_logging(false)
        .max_connections(if config.database_url.starts_with("sqlite:") {
            4
        } else {
            16
        })
        // Nothing waits forever: for a pooled connection, for a new one, for a statement.
        .acquire_timeout(std::time::Duration::from_secs(10))
        .connect_timeout(std::time::Duration::from_secs(10))
        .map_sqlx_postgres_opts(|o| {
            o.options([("statement_timeout", "30s"), ("lock_timeout", "10s")])
        })
        // Set on every pooled connection, not just the first: WAL (readers do not wait for
        // the writer), FULL sync (an acknowledged write survives a crash or power loss).
        .map_sqlx_sqlite_opts(|o| {
            use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(std::time::Duration::from_secs(5))
        });
    let db = Database::connect(opts)
        .await
        .map_err(|e| format!("database: {e}"))?;
    migrations::Migrator::up(&db, None)
        .await
        .map_err(|e| format!("migrations: {e}"))?;
    Ok(db)
}

pub fn leptos_options(config: &Config) -> leptos::config::LeptosOptions {
    leptos::config::LeptosOptions::builder()
        .output_name("huiyin")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .env(leptos::config::Env::PROD)
        .build()
}

pub async fn build_state(config: Config) -> Result<AppState, String> {
    let db = connect(&config).await?;
    let calendar = backend::calendar_store::load(&db)
        .await
        .map_err(|e| e.to_string())?;
    backend::policy_queries::backfill_facts(&db, &calendar)
        .await
        .map_err(|e| format!("timeliness facts: {e}"))?;
    // Deadlines stored by an older rule for years without a schedule (the statutory
    // holidays were not known then) are brought up to this calendar; a few rows at most.
    backend::policy_queries::recompute_deadlines(
        &db,
        &calendar,
        backend::calendar_store::estimates_since(),
    )
    .await
    .map_err(|e| format!("timeliness facts: {e}"))?;
    let search = backend::search::SearchIndex::new(&config.search_dir);
    search.open_existing();
    let page_cache = Arc::new(backend::page_cache::PageCache::new(
        config.page_cache_ttl,
        config.page_cache_bytes,
    ));
    // Its first poll only notes where the change queue stands.
    page_cache
        .poll(&db)
        .await
        .map_err(|e| format!("page cache: {e}"))?;
    let intake = Arc::new(tokio::sync::Semaphore::new(config.intake_concurrency));
    let comment_writer = backend::consultations::CommentWriter::spawn(
        db.clone(),
        config.site_url.clone(),
        config.intake_concurrency,
        // Two thirds of the request timeout: a receipt late beyond that becomes "busy, try
        // again" with the text kept, before the timeout's plain error page would.
        config.request_timeout * 2 / 3,
    );
    Ok(AppState::new(backend::state::Services {
        search,
        db,
        config: Arc::new(config),
        calendar: Arc::new(RwLock::new(Arc::new(calendar))),
        login_throttle: backend::state::login_limiter(),
        comment_rate: backend::state::hourly_limiter(),
        lookup_rate: backend::state::hourly_limiter(),
        clock: backend::state::Clock::system(),
        intake,
        comment_writer,
        page_cache,
    }))
}

/// The app's page routes, generated once per process. Generating them renders the app with a
/// process-wide flag set (`IS_SUPPRESSING_RESOURCE_LOAD`, leptos-rs/leptos#4773) that makes a
/// page resource created meanwhile on another thread wait forever; built once, the window
/// closes before the first request is served.
pub fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: OnceLock<Vec<leptos_axum::AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Which method a plain route answers (for the authorization matrix).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
}

/// The plain axum routes (forms, files, health) as (method, path, handler). The router is
/// built from this list, and the authorization matrix test walks it: a route added here
/// without a row in that test's table fails the test.
pub fn axum_routes(state: &AppState) -> Vec<(Verb, &'static str, MethodRouter<WebState>)> {
    let upload_limit = state.config.max_upload_bytes + 256 * 1024;
    let attachments_limit =
        domain::attachments::MAX_ATTACHMENTS * state.config.max_upload_bytes + 1024 * 1024;
    use Verb::{Get, Post};
    vec![
        (Post, "/login", post(handlers::login)),
        (Post, "/logout", post(handlers::logout)),
        (Get, "/lang/{tag}", get(handlers::set_language)),
        (Get, "/reading-mode/{mode}", get(handlers::set_reading_mode)),
        (Post, "/staff/policies/new", post(handlers::create_policy)),
        (
            Post,
            "/staff/policies/{id}/edit",
            post(handlers::edit_policy),
        ),
        (
            Post,
            "/staff/policies/{id}/interpretations/new",
            post(handlers::add_interpretation).layer(DefaultBodyLimit::max(upload_limit)),
        ),
        (
            Post,
            "/staff/policies/{id}/{action}",
            post(handlers::policy_action),
        ),
        (Post, "/admin/calendar", post(handlers::save_calendar)),
        (
            Post,
            "/admin/calendar/notice",
            post(handlers::preview_calendar_notice),
        ),
        (Post, "/admin/users", post(handlers::create_user)),
        (
            Post,
            "/admin/users/{id}/active",
            post(handlers::set_user_active),
        ),
        (
            Post,
            "/staff/consultations/new",
            post(handlers::create_consultation).layer(DefaultBodyLimit::max(attachments_limit)),
        ),
        (Get, "/attachments/{id}", get(handlers::attachment)),
        (
            Post,
            "/staff/consultations/{id}/release",
            post(handlers::release_consultation),
        ),
        (
            Post,
            "/consultations/{id}/comments",
            post(handlers::submit_comment),
        ),
        (Post, "/comments/verify", post(handlers::verify_comment)),
        (Post, "/comments/status", post(handlers::comment_status)),
        (Post, "/subscribe", post(handlers::subscribe)),
        (
            Post,
            "/subscriptions/confirm",
            post(handlers::confirm_subscription),
        ),
        (Post, "/unsubscribe", post(handlers::unsubscribe)),
        (Post, "/staff/moderation/{action}", post(handlers::moderate)),
        (
            Post,
            "/staff/moderation/redact/{id}",
            post(handlers::redact_comment),
        ),
        (
            Post,
            "/staff/consultations/{id}/paper-comments",
            post(handlers::enter_paper_comment),
        ),
        (
            Post,
            "/staff/consultations/{id}/decisions",
            post(handlers::decide),
        ),
        (
            Post,
            "/staff/consultations/{id}/report",
            post(handlers::publish_report),
        ),
        (
            Post,
            "/staff/consultations/{id}/policy",
            post(handlers::link_policy),
        ),
        (
            Post,
            "/staff/consultations/{id}/topics",
            post(handlers::create_topic),
        ),
        (
            Post,
            "/staff/consultations/{id}/changes",
            post(handlers::tie_change),
        ),
        (Post, "/staff/templates", post(handlers::save_template)),
        (
            Post,
            "/staff/templates/{id}/delete",
            post(handlers::delete_template),
        ),
        (
            Get,
            "/consultations/{id}/report.csv",
            get(handlers::report_csv),
        ),
        (
            Get,
            "/consultations/{id}/report.json",
            get(handlers::report_json),
        ),
        (Get, "/api/v1/openapi.json", api_get(handlers::api::openapi)),
        (
            Get,
            "/api/v1/departments",
            api_get(handlers::api::departments),
        ),
        (Get, "/api/v1/policies", api_get(handlers::api::policies)),
        (Get, "/api/v1/policies/{id}", api_get(handlers::api::policy)),
        (
            Get,
            "/api/v1/policies/{id}/changes",
            api_get(handlers::api::policy_changes),
        ),
        (
            Get,
            "/api/v1/interpretations",
            api_get(handlers::api::interpretations),
        ),
        (
            Get,
            "/api/v1/consultations",
            api_get(handlers::api::consultations),
        ),
        (
            Get,
            "/api/v1/consultations/{id}",
            api_get(handlers::api::consultation),
        ),
        (
            Get,
            "/api/v1/consultations/{id}/comments",
            api_get(handlers::api::comments),
        ),
        (
            Get,
            "/api/v1/consultations/{id}/report",
            api_get(handlers::api::report),
        ),
        (Get, "/api/v1/decisions", api_get(handlers::api::decisions)),
        (Get, "/uploads/{name}", get(handlers::upload)),
        (Get, "/healthz", get(handlers::health)),
        (Get, "/robots.txt", get(handlers::robots)),
        (Get, "/sitemap.xml", get(handlers::sitemap)),
        (
            Get,
            "/open-data/huiyin-open-data.tar.gz",
            get(handlers::open_data_archive),
        ),
        (Get, "/statistics/annual.csv", get(handlers::annual_csv)),
        (Get, "/feeds/atom.xml", get(handlers::feed)),
        (
            Get,
            "/departments/{code}/feed.atom",
            get(handlers::department_feed),
        ),
    ]
}

/// An open-data API route: GET (and HEAD) only, anything else a JSON 405.
fn api_get<H, T>(handler: H) -> MethodRouter<WebState>
where
    H: axum::handler::Handler<T, WebState>,
    T: 'static,
{
    get(handler).fallback(handlers::api::method_not_allowed)
}

/// The router's state: the backend's, and the options of the Leptos renderer (handlers take
/// either through `State<…>`). The router clones it for every request: one reference count.
#[derive(Clone)]
pub struct WebState(Arc<WebParts>);

pub struct WebParts {
    pub app: AppState,
    pub leptos: leptos::config::LeptosOptions,
}

impl std::ops::Deref for WebState {
    type Target = WebParts;
    fn deref(&self) -> &WebParts {
        &self.0
    }
}

impl axum::extract::FromRef<WebState> for AppState {
    fn from_ref(state: &WebState) -> AppState {
        state.app.clone()
    }
}

impl axum::extract::FromRef<WebState> for leptos::config::LeptosOptions {
    fn from_ref(state: &WebState) -> leptos::config::LeptosOptions {
        state.leptos.clone()
    }
}

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let options = leptos_options(&state.config);
    let web_state = WebState(Arc::new(WebParts {
        app: state.clone(),
        leptos: options.clone(),
    }));
    let ctx_state = state.clone();
    let fn_state = state.clone();
    let pkg_dir = state.config.site_root.join("pkg");
    let app = axum_routes(&state)
        .into_iter()
        .fold(Router::new(), |r, (_, path, handler)| {
            r.route(path, handler)
        })
        .route("/api/v1/{*rest}", any(handlers::api::not_found))
        .route(
            "/api/{*fn_name}",
            post(move |req| {
                let st = fn_state.clone();
                leptos_axum::handle_server_fns_with_context(
                    move || provide_context(st.clone()),
                    req,
                )
            }),
        )
        .leptos_routes_with_context(
            &web_state,
            routes,
            move || provide_context(ctx_state.clone()),
            move || shell(options.clone()),
        )
        .nest_service("/pkg", assets::service(&pkg_dir))
        .fallback(handlers::not_found)
        // Inside the session layer, so a timeout or a panic becomes the site's error page.
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            state.config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(web::panic_response))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::session_layer,
        ));
    let app = SECURITY_HEADERS
        .into_iter()
        .fold(app, |app, (name, value)| {
            app.layer(SetResponseHeaderLayer::overriding(
                name,
                HeaderValue::from_static(value),
            ))
        });
    // Served over HTTPS (secure cookies on): browsers are told to keep to HTTPS for a year.
    let app = if state.config.secure_cookies {
        app.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        ))
    } else {
        app
    };
    app.layer(DefaultBodyLimit::max(1024 * 1024))
        // Compressed once is enough: the open-data archive is served as it is, so its
        // length and byte ranges stay right.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("application/gzip")),
        ))
        // Outermost: a panic in the layers above still answers 500 instead of dropping the
        // connection.
        .layer(CatchPanicLayer::custom(web::panic_response))
        .with_state(web_state)
}

/// Every response carries these (the site's pages, files and error pages alike).
const SECURITY_HEADERS: [(header::HeaderName, &str); 4] = [
    (
        header::CONTENT_SECURITY_POLICY,
        app::CONTENT_SECURITY_POLICY,
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::REFERRER_POLICY, "same-origin"),
];
