//! Settings, read once from the environment (documented in the README).

use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `none` (plain, for a local relay), `starttls` or `tls`
    pub security: String,
}

#[derive(Clone, Debug)]
pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: String,
    /// Public base URL used in mails.
    pub site_url: String,
    pub mail_from: String,
    pub smtp: Option<SmtpConfig>,
    /// Set the `Secure` flag on cookies (behind HTTPS).
    pub secure_cookies: bool,
    /// Largest accepted upload, in bytes.
    pub max_upload_bytes: usize,
    /// Directory served as the site root (`pkg/` with wasm, js and css).
    pub site_root: PathBuf,
    /// Words that send a comment to an editor's special attention (not a rejection).
    pub flag_words: Vec<String>,
    /// Comments accepted per client address per hour, and per email address per hour.
    pub comments_per_ip_hour: usize,
    pub comments_per_email_hour: usize,
    /// How often the background sender drains the mail outbox.
    pub mail_interval_secs: u64,
    /// Paper and mailed comments entered by an editor wait for the citizen to confirm their
    /// email (when one was given) before moderation.
    pub paper_comments_need_verification: bool,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let addr: SocketAddr = var("HUIYIN_ADDR")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .map_err(|e| format!("HUIYIN_ADDR: {e}"))?;
        let data_dir = PathBuf::from(var("HUIYIN_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", data_dir.join("huiyin.db").display())
        });
        let smtp = match var("SMTP_HOST") {
            Some(host) => Some(SmtpConfig {
                host,
                port: var("SMTP_PORT")
                    .map(|p| p.parse().map_err(|e| format!("SMTP_PORT: {e}")))
                    .transpose()?
                    .unwrap_or(25),
                username: var("SMTP_USERNAME"),
                password: var("SMTP_PASSWORD"),
                security: var("SMTP_SECURITY").unwrap_or_else(|| "none".into()),
            }),
            None => None,
        };
        Ok(Config {
            site_url: var("HUIYIN_SITE_URL").unwrap_or_else(|| format!("http://{addr}")),
            addr,
            database_url,
            mail_from: var("HUIYIN_MAIL_FROM")
                .unwrap_or_else(|| "回音 Huiyin <noreply@huiyin.localhost>".into()),
            smtp,
            secure_cookies: var("HUIYIN_SECURE_COOKIES").is_some_and(|v| v == "1" || v == "true"),
            max_upload_bytes: var("HUIYIN_MAX_UPLOAD_MB")
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(5)
                * 1024
                * 1024,
            site_root: PathBuf::from(
                var("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            ),
            flag_words: var("HUIYIN_FLAG_WORDS")
                .map(|v| {
                    v.split([',', '，'])
                        .map(|w| w.trim().to_string())
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
            comments_per_ip_hour: var("HUIYIN_COMMENTS_PER_IP_HOUR")
                .and_then(|v| v.parse().ok())
                .unwrap_or(20),
            comments_per_email_hour: var("HUIYIN_COMMENTS_PER_EMAIL_HOUR")
                .and_then(|v| v.parse().ok())
                .unwrap_or(5),
            mail_interval_secs: var("HUIYIN_MAIL_INTERVAL_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(15)
                .max(1),
            paper_comments_need_verification: var("HUIYIN_PAPER_COMMENTS_NEED_VERIFICATION")
                .is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes")),
            data_dir,
        })
    }

    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}
