//! Accounts: what a person types to get one (an e-mail address, their login, and a password),
//! the user as the platform keeps them, their browser sessions and personal API tokens.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::id::id_type;
use crate::{InvalidValue, Locale, OrgId, Role};

id_type!(
    /// The id of a user account.
    UserId
);

id_type!(
    /// The id of a personal API token.
    TokenId
);

/// A login e-mail address, trimmed and lower-cased. Checked for shape only; ownership is proven
/// elsewhere (by the organisation that creates the account).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// Parses an address of the form `local@domain.tld`, at most 254 characters.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let email = input.trim().to_lowercase();
        let shaped = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && email.split_once('@').is_some_and(|(local, domain)| {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.split('.').count() >= 2
                    && domain.split('.').all(|label| !label.is_empty())
            });
        if shaped {
            Ok(Self(email))
        } else {
            Err(InvalidValue::new("email", "an e-mail address such as name@example.com"))
        }
    }

    /// The address, lower case.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Email {
    type Error = InvalidValue;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

/// A new password that meets the policy: 10 to 256 characters, not only one repeated character.
/// Never printed: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl Password {
    /// The shortest password accepted, in characters.
    pub const MIN_CHARS: usize = 10;

    /// Checks a proposed password against the policy.
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let length = input.chars().count();
        let mut chars = input.chars();
        let first = chars.next();
        let monotonous = first.is_some_and(|f| chars.all(|c| c == f));
        if !(Self::MIN_CHARS..=256).contains(&length) || monotonous {
            return Err(InvalidValue::new("password", "10 to 256 characters, not one character repeated"));
        }
        Ok(Self(input.to_owned()))
    }

    /// The secret itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(***)")
    }
}

/// A user account as kept (without its password hash).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct User {
    /// Store-assigned id.
    pub id: UserId,
    /// The organisation the user belongs to.
    pub organisation_id: OrgId,
    /// Login address.
    pub email: String,
    /// Name shown to others.
    pub display_name: String,
    /// Roles held, sorted.
    pub roles: Vec<Role>,
    /// Preferred UI language, if chosen.
    pub locale: Option<Locale>,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A user together with the password hash needed to check a login.
#[derive(Debug, Clone)]
pub struct UserCredentials {
    /// The account.
    pub user: User,
    /// PHC-format argon2id hash.
    pub password_hash: String,
}

/// A new account.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Organisation it belongs to.
    pub organisation_id: OrgId,
    /// Login address.
    pub email: Email,
    /// Name shown to others.
    pub display_name: String,
    /// PHC-format argon2id hash of the chosen password.
    pub password_hash: String,
    /// Roles granted.
    pub roles: Vec<Role>,
}

/// A signed-in browser session. The cookie holds the secret; the store only its SHA-256.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Hex SHA-256 of the session secret.
    pub token_hash: String,
    /// Whose session it is.
    pub user_id: UserId,
    /// When it was opened.
    pub created_at: DateTime<Utc>,
    /// When it stops being accepted.
    pub expires_at: DateTime<Utc>,
    /// Client address at sign-in.
    pub ip: Option<String>,
    /// Client software at sign-in.
    pub user_agent: Option<String>,
}

/// A personal API token, as listed to its owner. The secret itself is shown once, at creation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiToken {
    /// Store-assigned id.
    pub id: TokenId,
    /// Owner.
    pub user_id: UserId,
    /// The owner's label for it.
    pub name: String,
    /// The first characters of the secret, to tell tokens apart.
    pub token_prefix: String,
    /// When it was created.
    pub created_at: DateTime<Utc>,
    /// When it was last used.
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; revoked tokens are refused.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token to store.
#[derive(Debug, Clone)]
pub struct NewApiToken {
    /// Owner.
    pub user_id: UserId,
    /// Label.
    pub name: String,
    /// First characters of the secret.
    pub token_prefix: String,
    /// Hex SHA-256 of the secret.
    pub token_hash: String,
    /// Creation time.
    pub created_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse(" Li.Wei@Example.CN ").unwrap().as_str(), "li.wei@example.cn");
        for bad in ["", "no-at.example.com", "a@b", "a@@b.cn", "a b@c.cn", "@example.com", "a@example..com"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn password_policy_and_secrecy() {
        assert!(Password::parse("short").is_err());
        assert!(Password::parse("aaaaaaaaaaaa").is_err());
        let password = Password::parse("知产通-secure-2026").unwrap();
        assert_eq!(format!("{password:?}"), "Password(***)");
    }
}
