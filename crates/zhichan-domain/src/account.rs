//! What a person types to get an account: an e-mail address (their login) and a password.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::InvalidValue;

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
