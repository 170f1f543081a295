//! One typed settings tree: built-in defaults, then `zhichan.toml` (or `--config FILE`), then
//! `ZHICHAN_*` environment variables (`__` separates levels: `ZHICHAN_SERVER__BIND`), then flags.
//! Unknown keys anywhere are an error, so a typo never silently falls back to a default.
//! URLs that may carry a password are [`SecretUrl`]s, so `{:?}` of the settings shows none.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::Context;
use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Environment variables with the `ZHICHAN_` prefix that are not settings.
const NOT_SETTINGS: [&str; 2] = ["test_database_url", "config"];

/// Everything zhichan can be configured with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// Where the embedded database, the search index and case documents live.
    pub data_dir: PathBuf,
    /// `postgres://…` for server mode; unset for the embedded SQLite file in `data_dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub database_url: Option<SecretUrl>,
    /// The HTTP server.
    pub server: ServerSettings,
    /// Sign-in and sessions.
    pub auth: AuthSettings,
    /// The search index.
    pub search: SearchSettings,
    /// Case documents.
    pub files: FileSettings,
    /// Alert e-mails.
    pub mail: MailSettings,
}

/// Alert e-mail settings: e-mail is sent only when `smtp_url` is set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    /// `smtp://host:port` (no TLS, a local relay), `smtp://host?tls=required` (STARTTLS) or
    /// `smtps://user:password@host` (TLS); unset: no e-mail.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub smtp_url: Option<SecretUrl>,
    /// The sender.
    pub from: String,
    /// The platform's public address, for links in e-mails.
    pub base_url: String,
}

/// A URL that may carry a password (`postgres://user:password@host/db`,
/// `smtps://user:password@host`): read and written as the plain string, shown by `Debug` with the
/// password replaced by `***`.
#[derive(Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct SecretUrl(String);

impl SecretUrl {
    /// The URL, password included, for the code that connects with it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&zhichan_core::redact_url(&self.0), f)
    }
}

/// Search index settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// The index directory; unset for `index` inside `data_dir`. Each `serve` process sharing one
    /// PostgreSQL keeps its own index, so give each its own directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index_dir: Option<PathBuf>,
    /// How often a running server checks the store's change journal for records written by
    /// other processes (to index them and run the watch on them), in seconds.
    pub follow_seconds: u32,
}

/// Case document settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    /// The directory documents are kept in; unset for `files` inside `data_dir`. Every `serve`
    /// process sharing one PostgreSQL must see the same directory (a shared volume).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dir: Option<PathBuf>,
    /// The largest document accepted, in bytes.
    pub max_upload_bytes: u64,
}

/// HTTP server settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    /// Address to listen on.
    pub bind: SocketAddr,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
}

/// Sign-in and session settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// How long a browser session lasts, in hours.
    pub session_hours: u32,
    /// Failed sign-ins allowed per e-mail address in the window (four times as many per client IP).
    pub login_attempts: u32,
    /// The window over which failed sign-ins are counted, in minutes.
    pub login_window_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            database_url: None,
            server: ServerSettings { bind: SocketAddr::from(([127, 0, 0, 1], 8080)), secure_cookies: false },
            auth: AuthSettings { session_hours: 168, login_attempts: 5, login_window_minutes: 15 },
            search: SearchSettings { index_dir: None, follow_seconds: 2 },
            files: FileSettings { dir: None, max_upload_bytes: 25 * 1024 * 1024 },
            mail: MailSettings {
                smtp_url: None,
                from: "知产通 <noreply@localhost>".into(),
                base_url: "http://127.0.0.1:8080".into(),
            },
        }
    }
}

/// The commented example printed by `zhichan config default`.
pub const EXAMPLE: &str = r#"# zhichan.toml — every key is optional; these are the built-in defaults.
# Environment variables override this file: ZHICHAN_DATA_DIR, ZHICHAN_DATABASE_URL,
# ZHICHAN_SERVER__BIND, ZHICHAN_AUTH__SESSION_HOURS, … (two underscores between levels).

# Where the embedded SQLite database, the search index and case documents are kept.
data_dir = "./data"

# Server mode: share one PostgreSQL between several `zhichan serve` processes.
# database_url = "postgres://zhichan@127.0.0.1:5432/zhichan"

[server]
# Address and port to listen on.
bind = "127.0.0.1:8080"
# Set to true when zhichan is served over HTTPS (behind a TLS proxy).
secure_cookies = false

[auth]
# Browser sessions last this many hours.
session_hours = 168
# Failed sign-ins allowed per e-mail address within the window (×4 per client IP).
login_attempts = 5
login_window_minutes = 15

[search]
# The search index directory (default: "index" inside data_dir). Several `serve` processes on one
# PostgreSQL each keep their own index and follow the database's change journal.
# index_dir = "./data/index"
# How often a running server picks up records written by other processes (indexing them and
# running the watch on them), in seconds.
follow_seconds = 2

[files]
# Where case documents are kept (default: "files" inside data_dir), each named by the SHA-256 of its
# content. Several `serve` processes on one PostgreSQL must all see the same directory: put it on a
# volume every process mounts (NFS, a shared disk).
# dir = "./data/files"
# The largest document accepted, in bytes (25 MiB).
max_upload_bytes = 26214400

[mail]
# Alert e-mails to enterprise members go out only when an SMTP server is set:
# smtp://host:port (no TLS, a local relay), smtp://host?tls=required (STARTTLS),
# smtps://user:password@host (TLS).
# smtp_url = "smtp://127.0.0.1:25"
from = "知产通 <noreply@localhost>"
# The platform's public address, for links in e-mails.
base_url = "http://127.0.0.1:8080"
"#;

impl Settings {
    /// Layers defaults, the config file, the environment and `overrides` (from flags).
    pub fn load(config_file: Option<&Path>, overrides: Figment) -> anyhow::Result<Self> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match config_file {
            Some(path) => {
                anyhow::ensure!(path.exists(), "config file {} does not exist", path.display());
                figment = figment.merge(Toml::file(path));
            }
            None => figment = figment.merge(Toml::file("zhichan.toml")),
        }
        figment = figment.merge(Env::prefixed("ZHICHAN_").split("__").ignore(&NOT_SETTINGS)).merge(overrides);
        figment.extract().context("invalid configuration")
    }

    /// The database URL to open: the configured one, or the SQLite file in the data directory.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.expose().is_empty() => url.expose().to_owned(),
            _ => format!("sqlite:{}", self.data_dir.join("zhichan.sqlite3").display()),
        }
    }

    /// The search index directory.
    pub fn index_dir(&self) -> PathBuf {
        self.search.index_dir.clone().unwrap_or_else(|| self.data_dir.join("index"))
    }

    /// The directory case documents are kept in.
    pub fn files_dir(&self) -> PathBuf {
        self.files.dir.clone().unwrap_or_else(|| self.data_dir.join("files"))
    }

    /// The store of case documents these settings describe.
    pub fn file_store(&self) -> zhichan_core::files::FileStore {
        zhichan_core::files::FileStore::new(self.files_dir(), self.files.max_upload_bytes)
    }

    /// Settings for the use cases.
    pub fn core(&self) -> zhichan_core::CoreSettings {
        zhichan_core::CoreSettings {
            session_ttl: chrono_hours(self.auth.session_hours),
            login_attempts: self.auth.login_attempts.max(1),
            login_window: std::time::Duration::from_secs(u64::from(self.auth.login_window_minutes) * 60),
            mail: self.mail.smtp_url.as_ref().map(|smtp_url| zhichan_core::notify::MailSettings {
                smtp_url: smtp_url.expose().to_owned(),
                from: self.mail.from.clone(),
                base_url: self.mail.base_url.clone(),
            }),
        }
    }
}

fn chrono_hours(hours: u32) -> chrono::Duration {
    chrono::Duration::hours(i64::from(hours.max(1)))
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment::Jail's closures return figment's large error
mod tests {
    use super::*;

    #[test]
    fn the_printed_example_parses_to_the_defaults() {
        let parsed: Settings = Figment::new().merge(Toml::string(EXAMPLE)).extract().unwrap();
        assert_eq!(parsed, Settings::default());
    }

    #[test]
    fn layers_apply_in_order_and_unknown_keys_fail() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("zhichan.toml", "data_dir = \"/srv/zhichan\"\n[server]\nbind = \"0.0.0.0:9000\"\n")?;
            jail.set_env("ZHICHAN_SERVER__BIND", "127.0.0.1:9100");
            jail.set_env("ZHICHAN_TEST_DATABASE_URL", "postgres://ignored");
            let flags = Figment::new().merge(("data_dir", "/tmp/flag"));
            let settings = Settings::load(None, flags).unwrap();
            assert_eq!(settings.data_dir, PathBuf::from("/tmp/flag"));
            assert_eq!(settings.server.bind.port(), 9100);
            assert_eq!(settings.database_url(), "sqlite:/tmp/flag/zhichan.sqlite3");
            assert_eq!(settings.files_dir(), PathBuf::from("/tmp/flag/files"));

            jail.set_env("ZHICHAN_FILES__DIR", "/mnt/shared/files");
            jail.set_env("ZHICHAN_FILES__MAX_UPLOAD_BYTES", "1048576");
            let shared = Settings::load(None, Figment::new()).unwrap().file_store();
            assert_eq!((shared.root(), shared.max_bytes()), (Path::new("/mnt/shared/files"), 1_048_576));

            jail.set_env("ZHICHAN_SERVR__BIND", "127.0.0.1:1");
            let error = Settings::load(None, Figment::new()).unwrap_err();
            assert!(format!("{error:#}").contains("servr"), "{error:#}");
            Ok(())
        });
    }

    #[test]
    fn debug_shows_no_password() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("ZHICHAN_DATABASE_URL", "postgres://zhichan:db-s3cret@db.example.cn/zhichan");
            jail.set_env("ZHICHAN_MAIL__SMTP_URL", "smtps://alerts:mail-s3cret@mail.example.cn");
            let settings = Settings::load(None, Figment::new()).unwrap();
            assert_eq!(settings.database_url(), "postgres://zhichan:db-s3cret@db.example.cn/zhichan");
            for shown in [format!("{settings:?}"), format!("{settings:#?}"), format!("{:?}", settings.core())] {
                assert!(!shown.contains("s3cret"), "{shown}");
                assert!(shown.contains("mail.example.cn"), "{shown}");
            }
            assert!(format!("{settings:?}").contains("postgres://zhichan:***@db.example.cn/zhichan"));
            Ok(())
        });
    }

    #[test]
    fn unknown_keys_in_the_file_fail() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("zhichan.toml", "[server]\nport = 1\n")?;
            let error = Settings::load(None, Figment::new()).unwrap_err();
            assert!(format!("{error:#}").contains("port"), "{error:#}");
            Ok(())
        });
    }
}
