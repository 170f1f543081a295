//! Signing in and out, browser sessions, personal API tokens, and the first administrator.

use std::time::Instant;

use chrono::Utc;
use serde_json::json;
use zhichan_domain::{
    ApiToken, Email, Locale, NewApiToken, NewSession, OrgKind, OrgName, OrganisationFilter, Page, Role, TokenId, User,
};

use crate::audit::entry;
use crate::organisations::{MemberInput, ProfileInput};
use crate::secret::{API_TOKEN_PREFIX, digest, random_hex};
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, password};

/// A freshly opened browser session: the secret goes into the cookie and is not kept anywhere else.
#[derive(Debug)]
pub struct OpenedSession {
    /// The cookie value.
    pub secret: String,
    /// Who signed in.
    pub user: User,
    /// When the cookie should expire.
    pub expires_at: chrono::DateTime<Utc>,
}

/// A freshly created API token: `secret` is shown to its owner once.
#[derive(Debug)]
pub struct CreatedToken {
    /// The bearer token, `zc_…`.
    pub secret: String,
    /// Its stored description.
    pub token: ApiToken,
}

/// A fresh random secret of 32 bytes, hex-encoded (for cookies such as the CSRF token).
pub fn random_token() -> CoreResult<String> {
    random_hex(32)
}

/// How many failed attempts one client IP may make, as a multiple of the per-address limit.
const IP_LIMIT_SCALE: u32 = 4;

impl Core {
    /// Checks an e-mail and password and opens a session. Failed attempts are throttled per
    /// address and per client IP, and audited.
    pub async fn sign_in(
        &self,
        email: &str,
        password_text: &str,
        context: &RequestContext,
    ) -> CoreResult<OpenedSession> {
        let email_key = format!("email:{}", email.trim().to_lowercase());
        let ip_key = format!("ip:{}", context.ip.as_deref().unwrap_or("-"));
        let now = Instant::now();
        let waits =
            [self.throttle.wait_time(&email_key, 1, now), self.throttle.wait_time(&ip_key, IP_LIMIT_SCALE, now)];
        if let Some(wait) = waits.into_iter().flatten().max() {
            return Err(CoreError::TooManyAttempts { retry_after_secs: wait.as_secs().max(1) });
        }

        let credentials = match Email::parse(email) {
            Ok(email) => self.store.user_credentials(email.as_str()).await?,
            Err(_) => None,
        };
        let stored_hash = credentials.as_ref().map_or(password::DECOY_HASH, |c| c.password_hash.as_str());
        let matches = password::verify(password_text, stored_hash).await?;
        let user = match credentials {
            Some(c) if matches && !c.user.disabled => c.user,
            found => {
                self.throttle.record_failure(&email_key, now);
                self.throttle.record_failure(&ip_key, now);
                let organisation_id = found.map(|c| c.user.organisation_id);
                let audit = entry(
                    None,
                    context,
                    "session.refused",
                    ("user", None),
                    organisation_id,
                    json!({
                        "email": email.trim().to_lowercase(),
                    }),
                );
                self.store.append_audit(audit).await?;
                return Err(CoreError::InvalidCredentials);
            }
        };
        self.throttle.reset(&email_key);

        let secret = random_hex(32)?;
        let created_at = Utc::now();
        let expires_at = created_at + self.settings.session_ttl;
        let session = NewSession {
            token_hash: digest(&secret),
            user_id: user.id,
            created_at,
            expires_at,
            ip: context.ip.clone(),
            user_agent: context.user_agent.clone(),
        };
        let actor = Actor::new(user.clone());
        let audit = entry(
            Some(&actor),
            context,
            "session.create",
            ("user", Some(user.id.to_string())),
            Some(user.organisation_id),
            json!({}),
        );
        self.store.create_session(&session, audit).await?;
        Ok(OpenedSession { secret, user, expires_at })
    }

    /// Closes the session whose cookie holds `secret`.
    pub async fn sign_out(&self, actor: &Actor, secret: &str, context: &RequestContext) -> CoreResult<()> {
        let audit = entry(
            Some(actor),
            context,
            "session.delete",
            ("user", Some(actor.user_id().to_string())),
            Some(actor.organisation_id()),
            json!({}),
        );
        Ok(self.store.delete_session(&digest(secret), audit).await?)
    }

    /// The actor behind a session cookie, if it is valid.
    pub async fn session_actor(&self, secret: &str) -> CoreResult<Option<Actor>> {
        Ok(self.store.session_user(&digest(secret), Utc::now()).await?.map(Actor::new))
    }

    /// The actor behind a bearer token, if it is valid.
    pub async fn token_actor(&self, secret: &str) -> CoreResult<Option<Actor>> {
        if !secret.starts_with(API_TOKEN_PREFIX) {
            return Ok(None);
        }
        Ok(self.store.api_token_user(&digest(secret), Utc::now()).await?.map(Actor::new))
    }

    /// Creates a personal API token for the actor.
    pub async fn create_api_token(
        &self,
        actor: &Actor,
        name: &str,
        context: &RequestContext,
    ) -> CoreResult<CreatedToken> {
        let name = OrgName::parse("name", name)?.as_str().to_owned();
        let secret = format!("{API_TOKEN_PREFIX}{}", random_hex(20)?);
        let new = NewApiToken {
            user_id: actor.user_id(),
            name: name.clone(),
            token_prefix: secret[..10].to_owned(),
            token_hash: digest(&secret),
            created_at: Utc::now(),
        };
        let audit = entry(
            Some(actor),
            context,
            "api_token.create",
            ("api_token", None),
            Some(actor.organisation_id()),
            json!({ "name": name }),
        );
        let token = self.store.create_api_token(&new, audit).await?;
        Ok(CreatedToken { secret, token })
    }

    /// The actor's own API tokens, newest first.
    pub async fn api_tokens(&self, actor: &Actor) -> CoreResult<Vec<ApiToken>> {
        Ok(self.store.api_tokens(actor.user_id()).await?)
    }

    /// Revokes one of the actor's own tokens.
    pub async fn revoke_api_token(
        &self,
        actor: &Actor,
        token_id: TokenId,
        context: &RequestContext,
    ) -> CoreResult<ApiToken> {
        let audit = entry(
            Some(actor),
            context,
            "api_token.revoke",
            ("api_token", Some(token_id.to_string())),
            Some(actor.organisation_id()),
            json!({}),
        );
        Ok(self.store.revoke_api_token(actor.user_id(), token_id, audit).await?)
    }

    /// Remembers the actor's UI language.
    pub async fn set_locale(&self, actor: &Actor, locale: Locale, context: &RequestContext) -> CoreResult<()> {
        let audit = entry(
            Some(actor),
            context,
            "user.locale",
            ("user", Some(actor.user_id().to_string())),
            Some(actor.organisation_id()),
            json!({ "locale": locale.tag() }),
        );
        Ok(self.store.set_user_locale(actor.user_id(), locale, audit).await?)
    }

    /// Whether any enabled administrator exists.
    pub async fn has_admin(&self) -> CoreResult<bool> {
        Ok(self.store.count_users_with_role(Role::Admin).await? > 0)
    }

    /// Creates an administrator from the command line, creating the district centre first if it
    /// does not exist yet. This is how a new installation gets its first account.
    pub async fn create_administrator(&self, email: &str, display_name: &str, password: &str) -> CoreResult<User> {
        let context = RequestContext::cli();
        let centre = self.district_centre(&context).await?;
        let input = MemberInput {
            email: email.to_owned(),
            display_name: display_name.to_owned(),
            password: password.to_owned(),
            roles: vec![Role::Admin.code().to_owned()],
        };
        self.insert_user(None, &centre, &input, vec![Role::Admin], &context).await
    }

    /// The district centre organisation, created on first use.
    pub(crate) async fn district_centre(&self, context: &RequestContext) -> CoreResult<zhichan_domain::Organisation> {
        let filter = OrganisationFilter { kind: Some(OrgKind::Centre), ..Default::default() };
        if let Some(centre) = self.store.organisations(&filter, Page::first(1)).await?.into_iter().next() {
            return Ok(centre);
        }
        let input = ProfileInput {
            name_zh: "宝安区知识产权保护中心".into(),
            name_en: Some("Bao'an District IP Protection Centre".into()),
            street: Some("xin_an".into()),
            ..Default::default()
        };
        let new = zhichan_domain::NewOrganisation { kind: OrgKind::Centre, profile: input.parse()? };
        let audit =
            entry(None, context, "organisation.create", ("organisation", None), None, json!({ "kind": "centre" }));
        Ok(self.store.create_organisation(&new, audit).await?)
    }
}
