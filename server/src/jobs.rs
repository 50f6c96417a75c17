//! The background jobs of `huiyin serve`.

use backend::state::AppState;

/// Background work of a running server: the mail outbox, calendar refresh, the search
/// index, the open-data archive, deadline reminders and the purge of old client addresses.
pub fn spawn_jobs(state: AppState) {
    let mail_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(
            mail_state.config.mail_interval_secs,
        ));
        loop {
            tick.tick().await;
            // Another instance may have saved a calendar change.
            if let Err(e) = backend::calendar_store::refresh(&mail_state).await {
                tracing::error!(error = %e, "calendar refresh");
            }
            if let Err(e) = backend::subscriptions::notify_opened(&mail_state).await {
                tracing::error!(error = %e, "consultation notices");
            }
            if let Err(e) = backend::mail::drain(&mail_state).await {
                tracing::error!(error = %e, "mail sender");
            }
        }
    });
    let search_state = state.clone();
    tokio::spawn(async move {
        // The dictionaries load once, off the request path.
        let _ = tokio::task::spawn_blocking(backend::search::analysis::warm_up).await;
        // A missing, stale or unreadable index is rebuilt aside; search answers meanwhile
        // from the old one (or says it is being built).
        if search_state.search.opened().is_none() {
            match rebuild(&search_state).await {
                Ok(n) => {
                    // Search pages said "being built" until now.
                    search_state
                        .page_cache
                        .invalidate(&std::collections::HashSet::from([
                            backend::page_cache::Scope::Search,
                        ]));
                    tracing::info!(documents = n, "search index built")
                }
                Err(e) => tracing::error!(error = %e, "search index build"),
            }
        }
        // Then every change to public content, within a second.
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(
            search_state.config.search_interval_ms,
        ));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = backend::search::sync::catch_up(&search_state).await {
                tracing::error!(error = %e, "search index update");
            }
        }
    });
    // The page cache forgets what changed, on every instance, as often as the index looks.
    let cache_state = state.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_millis(
            cache_state.config.search_interval_ms,
        ));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = cache_state.page_cache.poll(&cache_state.db).await {
                tracing::warn!(error = %e, "page cache poll");
            }
        }
    });
    let export_state = state.clone();
    tokio::spawn(async move {
        // The open-data archive: at start when there is none, then every few hours.
        let path = backend::bulk::archive_path(&export_state);
        let every = std::time::Duration::from_secs(export_state.config.export_hours * 3600);
        if path.exists() {
            tokio::time::sleep(every).await;
        }
        loop {
            match export(&export_state, &path).await {
                Ok(bytes) => tracing::info!(bytes, "open-data archive rebuilt"),
                Err(e) => tracing::error!(error = %e, "open-data archive"),
            }
            tokio::time::sleep(every).await;
        }
    });
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            match backend::consultations::purge_addresses(&state).await {
                Ok(n) if n > 0 => tracing::info!(comments = n, "client addresses purged"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "address purge"),
            }
            if let Err(e) = backend::mail::purge_sent(&state.db).await {
                tracing::error!(error = %e, "sent mail purge");
            }
            match backend::reminders::run(&state).await {
                Ok(n) if n > 0 => tracing::info!(policies = n, "deadline reminders queued"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "reminders"),
            }
            match backend::calendar_store::remind_missing_schedule(&state).await {
                Ok(Some(year)) => {
                    tracing::info!(year, "administrators asked for the holiday schedule")
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = %e, "calendar reminder"),
            }
            match backend::adoption::remind_reports(&state).await {
                Ok(n) if n > 0 => tracing::info!(consultations = n, "report reminders queued"),
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "report reminders"),
            }
        }
    });
}

/// Writes the open-data archive in a child process (`huiyin export`, configured by the same
/// environment): reading every public row leaves the allocator's arenas full of freed
/// memory that a long-running server would keep (tens of MB on a million comments); a child
/// returns it all when it exits. In this process when the binary cannot be run again.
async fn export(state: &backend::state::AppState, path: &std::path::Path) -> Result<u64, String> {
    let args = vec!["export".into(), "--out".into(), path.as_os_str().to_owned()];
    if let Some(ran) = run_self(args).await? {
        match ran {
            Ok(o) if o.status.success() => {
                return std::fs::metadata(path)
                    .map(|m| m.len())
                    .map_err(|e| e.to_string());
            }
            Ok(o) => return Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
            Err(e) => tracing::warn!(error = %e, "export in this process instead"),
        }
    }
    backend::bulk::export_archive(state, path)
        .await
        .map(|s| s.bytes)
        .map_err(|e| e.to_string())
}

/// Builds the missing or stale search index in a child process (`huiyin reindex`, configured
/// by the same environment), then opens it: building a million documents peaks near 900 MiB,
/// which this server would keep. In this process when the binary cannot be run again.
async fn rebuild(state: &backend::state::AppState) -> Result<u64, String> {
    if let Some(ran) = run_self(vec!["reindex".into()]).await? {
        match ran {
            Ok(o) if o.status.success() => {
                if !state.search.open_existing() {
                    return Err("the rebuilt index cannot be opened".into());
                }
                // "search index rebuilt: N documents"
                let said = String::from_utf8_lossy(&o.stdout);
                return Ok(said
                    .split_whitespace()
                    .find_map(|w| w.parse().ok())
                    .unwrap_or(0));
            }
            Ok(o) => return Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
            Err(e) => tracing::warn!(error = %e, "search index built in this process instead"),
        }
    }
    state
        .search
        .rebuild(state, &|_| {})
        .await
        .map_err(|e| e.to_string())
}

/// Runs this binary again with `args`, configured by the same environment, and waits for it
/// (a child process returns all its memory when it exits). `None` when the binary cannot be
/// found; `Some(Err)` when it cannot be started.
async fn run_self(
    args: Vec<std::ffi::OsString>,
) -> Result<Option<std::io::Result<std::process::Output>>, String> {
    let Ok(exe) = std::env::current_exe() else {
        return Ok(None);
    };
    tokio::task::spawn_blocking(move || {
        std::process::Command::new(exe)
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
    })
    .await
    .map(Some)
    .map_err(|e| e.to_string())
}
