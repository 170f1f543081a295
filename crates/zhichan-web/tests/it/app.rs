//! `TestApp`: the real server on a free local port over a fresh database, plus helpers to act as
//! a browser (cookies and CSRF token) or an API client.

use std::sync::Arc;

use reqwest::redirect::Policy;
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::{Actor, Core, CoreSettings, RequestContext};
use zhichan_domain::{OrgKind, Organisation};

/// The password of every account the tests create.
pub const PASSWORD: &str = "walk-password-2026";

/// A client builder. The workspace's reqwest has rustls without a default crypto provider (core's
/// webhooks choose ring), so ring is installed before any client is built.
pub fn client_builder() -> reqwest::ClientBuilder {
    #[allow(deprecated)]
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
}

/// A running server.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    /// The use cases behind it, for arranging data and checking effects.
    pub core: Core,
    _dir: Option<tempfile::TempDir>,
    _index_dir: tempfile::TempDir,
    _files_dir: tempfile::TempDir,
}

/// Which database a test app uses.
#[derive(Debug, Clone, Copy)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl TestApp {
    /// A server over a fresh SQLite database.
    pub async fn spawn() -> Self {
        Self::spawn_on(Backend::Sqlite).await.expect("SQLite is always available")
    }

    /// A server over a fresh database of `backend`; `None` (with a note) when PostgreSQL is not configured.
    pub async fn spawn_on(backend: Backend) -> Option<Self> {
        let (url, dir) = match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary directory");
                (format!("sqlite:{}", dir.path().join("web.sqlite3").display()), Some(dir))
            }
            Backend::Postgres => (zhichan_testkit::postgres_test_database().await?, None),
        };
        let settings = CoreSettings { login_attempts: 50, ..CoreSettings::default() };
        let core = Core::open(&url, settings).await.expect("open store");
        let index_dir = tempfile::tempdir().expect("temporary directory");
        let index = zhichan_core::search::open_index(index_dir.path()).expect("search index");
        let files_dir = tempfile::tempdir().expect("temporary directory");
        let files = zhichan_core::files::FileStore::new(files_dir.path().to_owned(), 1024 * 1024);
        let core = core.with_search_index(index).with_files(files);
        let state = zhichan_web::AppState::new(core.clone(), false).expect("catalogues");
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(zhichan_web::serve(listener, state, std::future::pending()));
        Some(Self { base, core, _dir: dir, _index_dir: index_dir, _files_dir: files_dir })
    }

    /// A URL on the server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// A browser-like client: keeps cookies, does not follow redirects.
    pub fn browser(&self) -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = client_builder().cookie_provider(jar.clone()).redirect(Policy::none()).build().expect("client");
        Browser { client, jar, base: self.base.clone() }
    }

    /// A signed-in browser.
    pub async fn signed_in(&self, email: &str) -> Browser {
        let browser = self.browser();
        let response = browser.form("/login", &[("email", email), ("password", PASSWORD), ("next", "/")]).await;
        assert_eq!(response.status(), 303, "sign-in of {email} failed");
        browser
    }

    /// Creates the first administrator (and the district centre).
    pub async fn admin(&self) -> Actor {
        let user = self.core.create_administrator("root@centre.example", "管理员", PASSWORD).await.expect("admin");
        Actor::new(user)
    }

    /// Creates an enterprise named `name_zh` with an enterprise administrator `email`.
    pub async fn enterprise(&self, admin: &Actor, name_zh: &str, email: &str) -> (Organisation, Actor) {
        let profile = ProfileInput {
            name_zh: name_zh.into(),
            street: Some("shajing".into()),
            export_markets: vec!["US".into(), "DE".into()],
            ..Default::default()
        };
        let context = RequestContext::cli();
        let organisation =
            self.core.create_organisation(admin, OrgKind::Enterprise, &profile, &context).await.expect("organisation");
        let member = MemberInput {
            email: email.into(),
            display_name: format!("{name_zh}管理员"),
            password: PASSWORD.into(),
            roles: vec!["enterprise_admin".into(), "enterprise_member".into()],
        };
        let user = self.core.add_member(admin, organisation.id, &member, &context).await.expect("member");
        (organisation, Actor::new(user))
    }
}

/// A client with cookies, as a browser has.
pub struct Browser {
    pub client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
    base: String,
}

impl Browser {
    /// GET a path.
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.base)).send().await.expect("request")
    }

    /// The CSRF token the server gave this browser (fetching a page first if needed).
    pub async fn csrf(&self) -> String {
        if let Some(token) = self.cookie("zc_csrf") {
            return token;
        }
        self.get("/login").await;
        self.cookie("zc_csrf").expect("the server sets a CSRF cookie")
    }

    /// A cookie's value, as the browser would send it.
    pub fn cookie(&self, name: &str) -> Option<String> {
        use reqwest::cookie::CookieStore;
        let url = self.base.parse().ok()?;
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split("; ").find_map(|pair| {
            let (key, value) = pair.split_once('=')?;
            (key == name).then(|| value.to_owned())
        })
    }

    /// POSTs a form with the CSRF token added.
    pub async fn form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut body: Vec<(&str, &str)> = vec![("csrf", token.as_str())];
        body.extend_from_slice(fields);
        self.client.post(format!("{}{path}", self.base)).form(&body).send().await.expect("request")
    }
}

impl Browser {
    /// Sends an API request with the session cookie and the CSRF header, as the UI's scripts would.
    pub async fn api(&self, method: reqwest::Method, path: &str, body: Option<serde_json::Value>) -> reqwest::Response {
        let token = self.csrf().await;
        let mut request = self.client.request(method, format!("{}{path}", self.base)).header("x-csrf-token", token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("request")
    }

    /// POSTs a `multipart/form-data` body — text `fields`, then `bytes` as the `file` named
    /// `file_name` — with the CSRF header, as the case page's upload does.
    pub async fn upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_name: &str,
        bytes: &[u8],
    ) -> reqwest::Response {
        const BOUNDARY: &str = "zhichan-test-boundary-7MA4YWxkTrZu0gW";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        }
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
        let token = self.csrf().await;
        self.client
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", token)
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(body)
            .send()
            .await
            .expect("request")
    }
}
