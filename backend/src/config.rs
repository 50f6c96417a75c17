//! Settings, read once from the environment (documented in the README).

use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    /// `none` (plain, for a local relay), `starttls` or `tls`
    pub security: String,
}

/// The password never reaches a log line or a `{:?}`.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("security", &self.security)
            .finish()
    }
}

/// An address block such as `10.0.0.0/8` or `::1/128` (a bare address is a /32 or /128).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Cidr {
    type Err = String;
    fn from_str(s: &str) -> Result<Cidr, String> {
        let (a, p) = match s.trim().split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s.trim(), None),
        };
        let addr: IpAddr = a.parse().map_err(|_| format!("not an IP address: {a}"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match p {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("bad prefix length: {p}"))?,
            None => max,
        };
        Ok(Cidr { addr, prefix })
    }
}

impl Cidr {
    pub fn contains(&self, ip: IpAddr) -> bool {
        // An IPv4 peer may arrive as an IPv4-mapped IPv6 address on a dual-stack socket.
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
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
    /// Wait before a failed mail is tried again (`HUIYIN_MAIL_RETRY_SECS`, default 60),
    /// doubled after each further failure, at most 6 hours.
    pub mail_retry: Duration,
    /// Paper and mailed comments entered by an editor wait for the citizen to confirm their
    /// email (when one was given) before moderation.
    pub paper_comments_need_verification: bool,
    /// Working days after a consultation closes that its adoption report is due by
    /// (`HUIYIN_REPORT_WORKING_DAYS`, default 20).
    pub report_working_days: u32,
    /// Hours between two rebuilds of the open-data archive (`HUIYIN_EXPORT_HOURS`, default
    /// 24); it is also built at start when there is none.
    pub export_hours: u64,
    /// Where this process keeps its search index (`HUIYIN_SEARCH_DIR`, default
    /// `<data dir>/search`). Each process needs its own: instances sharing a data dir set it.
    pub search_dir: PathBuf,
    /// How often the search index takes in changes (`HUIYIN_SEARCH_INTERVAL_MS`, default 250).
    pub search_interval_ms: u64,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`HUIYIN_TRUSTED_PROXIES`).
    pub trusted_proxies: Vec<Cidr>,
    /// `HUIYIN_SITE_URL` was set: form posts must come from exactly that origin. Without it
    /// (a developer's machine) the origin must match the `Host` the browser used.
    pub site_url_fixed: bool,
    /// Longest a request may take before the 503 page (`HUIYIN_REQUEST_TIMEOUT_SECS`).
    pub request_timeout: Duration,
    /// Longest a rendered public page is kept for anonymous visitors
    /// (`HUIYIN_PAGE_CACHE_SECS`, default 30; 0 keeps none). Changes forget pages sooner.
    pub page_cache_ttl: Duration,
    /// Memory the kept pages may take (`HUIYIN_PAGE_CACHE_MB`, default 64).
    pub page_cache_bytes: usize,
    /// Comment submissions handled at once (`HUIYIN_INTAKE_CONCURRENCY`, default 1024).
    pub intake_concurrency: usize,
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

/// A variable parsed as `T`, or the default when unset; a value that does not parse stops the
/// start with a message naming the variable (never a silent fallback).
fn parsed<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    match var(name) {
        Some(v) => v
            .trim()
            .parse()
            .map_err(|e| format!("{name}={v:?} is not valid: {e}")),
        None => Ok(default),
    }
}

/// The one way booleans are written: 1/true/yes/on and 0/false/no/off.
pub fn parse_bool(v: &str) -> Option<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn flag(name: &str) -> Result<bool, String> {
    match var(name) {
        Some(v) => {
            parse_bool(&v).ok_or_else(|| format!("{name}={v:?} is not valid: use true or false"))
        }
        None => Ok(false),
    }
}

fn positive<T: std::str::FromStr + PartialOrd + Default>(
    name: &str,
    default: T,
) -> Result<T, String>
where
    T::Err: std::fmt::Display,
{
    let v = parsed(name, default)?;
    if v <= T::default() {
        return Err(format!("{name} must be greater than 0"));
    }
    Ok(v)
}

impl Config {
    pub fn from_env() -> Result<Config, String> {
        let addr: SocketAddr = parsed("HUIYIN_ADDR", SocketAddr::from(([127, 0, 0, 1], 3000)))?;
        let data_dir = PathBuf::from(var("HUIYIN_DATA_DIR").unwrap_or_else(|| "data".into()));
        let database_url = var("DATABASE_URL").unwrap_or_else(|| {
            format!("sqlite://{}?mode=rwc", data_dir.join("huiyin.db").display())
        });
        if !(database_url.starts_with("sqlite:") || database_url.starts_with("postgres")) {
            return Err("DATABASE_URL must start with sqlite: or postgres://".into());
        }
        let smtp = match var("SMTP_HOST") {
            Some(host) => Some(SmtpConfig {
                host,
                port: parsed("SMTP_PORT", 25u16)?,
                username: var("SMTP_USERNAME"),
                password: var("SMTP_PASSWORD"),
                security: match var("SMTP_SECURITY").as_deref() {
                    None => "none".into(),
                    Some(v @ ("none" | "starttls" | "tls")) => v.to_string(),
                    Some(v) => {
                        return Err(format!(
                            "SMTP_SECURITY={v:?} is not valid: use none, starttls or tls"
                        ));
                    }
                },
            }),
            None => None,
        };
        let site_url = var("HUIYIN_SITE_URL");
        if let Some(u) = &site_url
            && site_origin(u).is_none()
        {
            return Err(format!(
                "HUIYIN_SITE_URL={u:?} is not valid: give http(s)://host[:port]"
            ));
        }
        let trusted_proxies = match var("HUIYIN_TRUSTED_PROXIES") {
            Some(v) => v
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| p.parse::<Cidr>())
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| format!("HUIYIN_TRUSTED_PROXIES: {e}"))?,
            None => vec![],
        };
        let mail_from = var("HUIYIN_MAIL_FROM")
            .unwrap_or_else(|| "回音 Huiyin <noreply@huiyin.localhost>".into());
        Ok(Config {
            site_url_fixed: site_url.is_some(),
            site_url: site_url
                .map(|u| u.trim_end_matches('/').to_string())
                .unwrap_or_else(|| format!("http://{addr}")),
            addr,
            database_url,
            mail_from,
            smtp,
            secure_cookies: flag("HUIYIN_SECURE_COOKIES")?,
            max_upload_bytes: positive("HUIYIN_MAX_UPLOAD_MB", 5usize)? * 1024 * 1024,
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
            comments_per_ip_hour: positive("HUIYIN_COMMENTS_PER_IP_HOUR", 20)?,
            comments_per_email_hour: positive("HUIYIN_COMMENTS_PER_EMAIL_HOUR", 5)?,
            mail_interval_secs: positive("HUIYIN_MAIL_INTERVAL_SECS", 15)?,
            mail_retry: Duration::from_secs(positive("HUIYIN_MAIL_RETRY_SECS", 60)?),
            paper_comments_need_verification: flag("HUIYIN_PAPER_COMMENTS_NEED_VERIFICATION")?,
            report_working_days: positive(
                "HUIYIN_REPORT_WORKING_DAYS",
                crate::domain::adoption::DEFAULT_REPORT_WORKING_DAYS,
            )?,
            export_hours: positive("HUIYIN_EXPORT_HOURS", 24)?,
            search_dir: var("HUIYIN_SEARCH_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| data_dir.join("search")),
            search_interval_ms: positive("HUIYIN_SEARCH_INTERVAL_MS", 250)?,
            trusted_proxies,
            request_timeout: Duration::from_secs(positive("HUIYIN_REQUEST_TIMEOUT_SECS", 30)?),
            page_cache_ttl: Duration::from_secs(parsed("HUIYIN_PAGE_CACHE_SECS", 30u64)?),
            page_cache_bytes: positive("HUIYIN_PAGE_CACHE_MB", 64usize)? * 1024 * 1024,
            intake_concurrency: positive("HUIYIN_INTAKE_CONCURRENCY", 1024usize)?,
            data_dir,
        })
    }

    /// `scheme://host[:port]` of the site URL, as browsers send it in `Origin`.
    pub fn site_origin(&self) -> Option<String> {
        site_origin(&self.site_url)
    }

    pub fn uploads_dir(&self) -> PathBuf {
        self.data_dir.join("uploads")
    }

    pub fn outbox_dir(&self) -> PathBuf {
        self.data_dir.join("outbox")
    }
}

/// `scheme://host[:port]` of a URL, lower-cased, without a default port.
pub fn site_origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "http" && scheme != "https" {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    if host.is_empty() || host.contains('@') || host.contains(char::is_whitespace) {
        return None;
    }
    let host = match (scheme.as_str(), host.rsplit_once(':')) {
        ("http", Some((h, "80"))) | ("https", Some((h, "443"))) => h.to_string(),
        _ => host,
    };
    Some(format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_blocks() {
        let net: Cidr = "10.0.0.0/8".parse().unwrap();
        assert!(net.contains("10.1.2.3".parse().unwrap()));
        assert!(!net.contains("11.0.0.1".parse().unwrap()));
        assert!(net.contains("::ffff:10.0.0.9".parse().unwrap()));
        let one: Cidr = "127.0.0.1".parse().unwrap();
        assert!(one.contains("127.0.0.1".parse().unwrap()));
        assert!(!one.contains("127.0.0.2".parse().unwrap()));
        let all: Cidr = "0.0.0.0/0".parse().unwrap();
        assert!(all.contains("8.8.8.8".parse().unwrap()));
        let v6: Cidr = "fd00::/8".parse().unwrap();
        assert!(v6.contains("fd12::1".parse().unwrap()));
        assert!(!v6.contains("fe80::1".parse().unwrap()));
        assert!("10.0.0.0/33".parse::<Cidr>().is_err());
        assert!("proxy.local".parse::<Cidr>().is_err());
    }

    #[test]
    fn origins() {
        assert_eq!(
            site_origin("https://zwgk.sz.gov.cn/").as_deref(),
            Some("https://zwgk.sz.gov.cn")
        );
        assert_eq!(
            site_origin("https://Example.org:443/x").as_deref(),
            Some("https://example.org")
        );
        assert_eq!(
            site_origin("http://127.0.0.1:3000").as_deref(),
            Some("http://127.0.0.1:3000")
        );
        assert_eq!(site_origin("ftp://x"), None);
        assert_eq!(site_origin("example.org"), None);
    }

    #[test]
    fn booleans_one_way() {
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("on"), Some(true));
        assert_eq!(parse_bool("0"), Some(false));
        assert_eq!(parse_bool("nein"), None);
    }

    #[test]
    fn smtp_password_never_in_debug() {
        let c = SmtpConfig {
            host: "smtp.example".into(),
            port: 25,
            username: Some("u".into()),
            password: Some("s3cret-pass".into()),
            security: "none".into(),
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret-pass"), "{shown}");
        assert!(shown.contains("redacted"));
    }
}
