//! `huiyin` — the Huiyin server and its administration commands.

use backend::config::Config;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "huiyin",
    about = "回音 Huiyin — policy interpretation and public consultation portal"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the web server (migrates the database first).
    Serve,
    /// Apply database migrations.
    Migrate,
    /// Load demo content into an empty database and print the demo logins.
    SeedDemo,
    /// Create a staff account.
    CreateUser {
        #[arg(long)]
        username: String,
        #[arg(long, value_parser = ["admin", "editor", "drafter"])]
        role: String,
        /// Department code (required for drafters).
        #[arg(long)]
        department: Option<String>,
        #[arg(long, default_value = "")]
        display_name: String,
        #[arg(long)]
        email: Option<String>,
        /// Password; read from HUIYIN_NEW_PASSWORD if not given.
        #[arg(long, env = "HUIYIN_NEW_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// The working-day calendar: a year as CSV, or a deadline.
    /// Rebuild the search index from the database, aside, then swap it in (a running server
    /// on the same data dir keeps searching the old one until it restarts)
    Reindex,
    /// Write the open-data archive (all public data as CSV in a .tar.gz), by default where the
    /// server serves it (<data dir>/exports/huiyin-open-data.tar.gz)
    Export {
        #[arg(long)]
        out: Option<std::path::PathBuf>,
    },
    Calendar {
        #[arg(long)]
        year: Option<i32>,
        #[command(subcommand)]
        action: Option<CalendarAction>,
    },
}

#[derive(Subcommand)]
enum CalendarAction {
    /// The date N working days after a date.
    Deadline {
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        working_days: u32,
    },
}

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("huiyin: {e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let config = Config::from_env()?;
    match cli.command {
        Command::Calendar { year, action } => {
            // Admin-entered years come from the database; without one, the built-in data.
            let cal = match server::connect(&config).await {
                Ok(db) => backend::calendar_store::load(&db)
                    .await
                    .map_err(|e| e.to_string())?,
                Err(_) => domain::calendar::Calendar::builtin(),
            };
            match (year, action) {
                (_, Some(CalendarAction::Deadline { from, working_days })) => {
                    println!("{}", cal.add_working_days(from, working_days));
                }
                (Some(y), None) => print!("{}", cal.year_csv(y)),
                (None, None) => return Err("give --year YYYY or the deadline subcommand".into()),
            }
            Ok(())
        }
        Command::Reindex => {
            let state = server::build_state(config).await?;
            let bar = indicatif::ProgressBar::new_spinner();
            bar.set_style(
                indicatif::ProgressStyle::with_template(
                    "{spinner} {pos} documents ({per_sec}) {elapsed}",
                )
                .map_err(|e| e.to_string())?,
            );
            let n = state
                .search
                .rebuild(&state, &|n| {
                    if n % 500 == 0 {
                        bar.set_position(n);
                    }
                })
                .await
                .map_err(|e| e.to_string())?;
            bar.finish_and_clear();
            println!("search index rebuilt: {n} documents");
            Ok(())
        }
        Command::Export { out } => {
            let state = server::build_state(config).await?;
            let out = out.unwrap_or_else(|| backend::bulk::archive_path(&state));
            let summary = backend::bulk::export_archive(&state, &out)
                .await
                .map_err(|e| e.to_string())?;
            for (name, rows) in &summary.files {
                println!("{name}: {rows} rows");
            }
            println!("{}: {} bytes", out.display(), summary.bytes);
            Ok(())
        }
        Command::Migrate => {
            server::connect(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::SeedDemo => {
            let state = server::build_state(config).await?;
            if server::demo::seed(&state).await? {
                println!("demo content loaded");
            } else {
                println!("database not empty: demo content not loaded again");
            }
            println!("demo staff logins (username / password / role):");
            for (u, p, r) in server::demo::logins() {
                println!("  {u:<22} {p:<24} {r}");
            }
            Ok(())
        }
        Command::CreateUser {
            username,
            role,
            department,
            display_name,
            email,
            password,
        } => {
            let db = server::connect(&config).await?;
            let id = backend::auth::create_user(
                &db,
                &username,
                &display_name,
                &role,
                department.as_deref(),
                &password,
                email.as_deref(),
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("created user {username} (id {id})");
            Ok(())
        }
        Command::Serve => {
            let addr = config.addr;
            let pkg = config.site_root.join("pkg");
            tokio::task::spawn_blocking(move || match server::assets::precompress(&pkg) {
                Ok(n) => tracing::info!(files = n, "static files compressed"),
                Err(e) => {
                    tracing::warn!(error = %e, dir = %pkg.display(), "static files not compressed")
                }
            });
            let state = server::build_state(config).await?;
            server::spawn_jobs(state.clone());
            let app = server::router(state);
            let listener = tokio::net::TcpListener::bind(addr)
                .await
                .map_err(|e| format!("bind {addr}: {e}"))?;
            println!("Huiyin is serving on http://{addr}");
            server::serve(listener, app, server::shutdown_signal()).await;
            Ok(())
        }
    }
}
