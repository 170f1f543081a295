//! The use cases of zhichan, over any [`Store`](zhichan_store::Store): signing in, sessions and
//! API tokens, organisations and their members, the audit trail, importing and searching the
//! registers, the watch and its notifications, service cases and their documents, the expert
//! directory, working-day calendars, and the demo world.
//!
//! Every use case takes the [`Actor`] asking and decides in [`authz`] whether they may; handlers
//! in `zhichan-web` and the CLI only translate requests into these calls. No HTTP here.

pub mod accounts;
mod actor;
pub mod audit;
pub mod authz;
pub mod calendar;
pub mod case;
pub mod demo;
pub mod directory;
mod error;
pub mod files;
pub mod import;
pub mod notify;
pub mod organisations;
mod password;
pub mod records;
pub mod reference;
pub mod search;
mod secret;
mod throttle;
pub mod watch;
mod zone;

use std::sync::Arc;

use zhichan_store::Store;

pub use actor::{Actor, RequestContext};
pub use error::{CoreError, CoreResult, ErrorCode};
pub use secret::redact_url;
pub use throttle::LoginThrottle;
pub use zone::{DISTRICT_ZONE, district_date, district_today};

/// Settings that shape the use cases.
#[derive(Debug, Clone)]
pub struct CoreSettings {
    /// How long a browser session lasts.
    pub session_ttl: chrono::Duration,
    /// Failed sign-ins allowed per address (and, ×4, per client IP) within `login_window`.
    pub login_attempts: u32,
    /// The window over which failed sign-ins are counted.
    pub login_window: std::time::Duration,
    /// How alert e-mails are sent; `None`: no e-mail (the inbox and webhooks still work).
    pub mail: Option<notify::MailSettings>,
}

impl Default for CoreSettings {
    fn default() -> Self {
        Self {
            session_ttl: chrono::Duration::days(7),
            login_attempts: 5,
            login_window: std::time::Duration::from_secs(15 * 60),
            mail: None,
        }
    }
}

/// The platform's use cases, shared by every request handler and CLI command.
#[derive(Clone)]
pub struct Core {
    store: Arc<dyn Store>,
    settings: Arc<CoreSettings>,
    throttle: Arc<LoginThrottle>,
    search: Option<Arc<zhichan_search::SearchIndex>>,
    /// Where case documents are kept.
    files: Option<Arc<files::FileStore>>,
    /// Held while the index follows the journal, so two catch-ups never interleave.
    index_follow: Arc<tokio::sync::Mutex<()>>,
    /// Held during a watch run, so two runs of this process never screen the same changes.
    watch_follow: Arc<tokio::sync::Mutex<()>>,
    /// Held while notifications are sent, so this process never sends one twice.
    delivery_follow: Arc<tokio::sync::Mutex<()>>,
}

impl Core {
    /// Use cases over `store`.
    pub fn new(store: Arc<dyn Store>, settings: CoreSettings) -> Self {
        let throttle = Arc::new(LoginThrottle::new(settings.login_attempts, settings.login_window));
        Self {
            store,
            settings: Arc::new(settings),
            throttle,
            search: None,
            files: None,
            index_follow: Arc::new(tokio::sync::Mutex::new(())),
            watch_follow: Arc::new(tokio::sync::Mutex::new(())),
            delivery_follow: Arc::new(tokio::sync::Mutex::new(())),
        }
    }

    /// Use cases over the store `url` names — `sqlite:PATH` or `postgres://…` — with its
    /// migrations applied: how the binary and test harnesses open the platform without naming
    /// the store's types.
    pub async fn open(url: &str, settings: CoreSettings) -> CoreResult<Self> {
        Ok(Self::new(zhichan_store::open(url).await?, settings))
    }

    /// The store, for operations outside the use cases (health checks, maintenance).
    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// Whether the database answers.
    pub async fn ready(&self) -> CoreResult<()> {
        Ok(self.store.ping().await?)
    }
}
