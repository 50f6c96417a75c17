//! The `huiyin` server: state construction, the router (Leptos pages + plain axum routes for
//! forms, uploads and health), background jobs, and demo content.

pub mod demo;
pub mod handlers;
pub mod web;

use app::server::config::Config;
use app::server::state::AppState;
use app::{App, shell};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use migrations::MigratorTrait;
use sea_orm::{ConnectOptions, Database, DatabaseConnection};
use std::sync::{Arc, Mutex, RwLock};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

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
    let calendar = app::server::calendar_store::load(&db)
        .await
        .map_err(|e| e.to_string())?;
    Ok(AppState {
        leptos_options: leptos_options(&config),
        db,
        config: Arc::new(config),
        calendar: Arc::new(RwLock::new(Arc::new(calendar))),
        login_throttle: Arc::new(Mutex::new(Default::default())),
        comment_rate: Arc::new(Mutex::new(Default::default())),
    })
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let ctx_state = state.clone();
    let fn_state = state.clone();
    let pkg_dir = state.config.site_root.join("pkg");
    let upload_limit = state.config.max_upload_bytes + 256 * 1024;
    Router::new()
        .route("/login", post(handlers::login))
        .route("/logout", post(handlers::logout))
        .route("/lang/{tag}", get(handlers::set_language))
        .route("/staff/policies/new", post(handlers::create_policy))
        .route("/staff/policies/{id}/edit", post(handlers::edit_policy))
        .route(
            "/staff/policies/{id}/interpretations/new",
            post(handlers::add_interpretation).layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/staff/policies/{id}/{action}",
            post(handlers::policy_action),
        )
        .route("/admin/calendar", post(handlers::save_calendar))
        .route("/admin/users", post(handlers::create_user))
        .route("/admin/users/{id}/active", post(handlers::set_user_active))
        .route(
            "/staff/consultations/new",
            post(handlers::create_consultation).layer(DefaultBodyLimit::max(
                app::domain::attachments::MAX_ATTACHMENTS * state.config.max_upload_bytes
                    + 1024 * 1024,
            )),
        )
        .route("/attachments/{id}", get(handlers::attachment))
        .route(
            "/staff/consultations/{id}/release",
            post(handlers::release_consultation),
        )
        .route(
            "/consultations/{id}/comments",
            post(handlers::submit_comment),
        )
        .route("/comments/verify", get(handlers::verify_comment))
        .route("/comments/status", post(handlers::comment_status))
        .route("/subscribe", post(handlers::subscribe))
        .route(
            "/subscriptions/confirm",
            get(handlers::confirm_subscription),
        )
        .route("/unsubscribe", post(handlers::unsubscribe))
        .route("/staff/moderation/{action}", post(handlers::moderate))
        .route(
            "/staff/moderation/redact/{id}",
            post(handlers::redact_comment),
        )
        .route(
            "/staff/consultations/{id}/paper-comments",
            post(handlers::enter_paper_comment),
        )
        .route("/uploads/{name}", get(handlers::upload))
        .route("/healthz", get(handlers::health))
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
            &state,
            routes,
            move || provide_context(ctx_state.clone()),
            move || shell(options.clone()),
        )
        .nest_service(
            "/pkg",
            ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        )
        .fallback(handlers::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            web::session_layer,
        ))
        .layer(DefaultBodyLimit::max(1024 * 1024))
        .layer(CompressionLayer::new())
        .with_state(state)
}

/// Background work of a running server: the mail outbox and deadline reminders.
pub fn spawn_jobs(state: AppState) {
    let mail_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(
            mail_state.config.mail_interval_secs,
        ));
        loop {
            tick.tick().await;
            if let Err(e) = app::server::subscriptions::notify_opened(&mail_state).await {
                tracing::error!(error = %e, "consultation notices");
            }
            if let Err(e) = app::server::mail::deliver_due(&mail_state).await {
                tracing::error!(error = %e, "mail sender");
            }
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            match app::server::reminders::run(&state).await {
                Ok(n) if n > 0 => tracing::info!(policies = n, "deadline reminders queued"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "reminders"),
            }
        }
    });
}
