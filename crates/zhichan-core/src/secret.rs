//! Random secrets (session cookies, API tokens) and the hashes under which the store keeps them.
//! A stolen database reveals no usable secret: only SHA-256 digests are stored.

use sha2::{Digest, Sha256};

use crate::{CoreError, CoreResult};

/// Prefix of personal API tokens, so leaked tokens are easy to recognise and scan for.
pub const API_TOKEN_PREFIX: &str = "zc_";

/// `bytes` random bytes from the operating system, hex-encoded.
pub fn random_hex(bytes: usize) -> CoreResult<String> {
    let mut buffer = vec![0u8; bytes];
    getrandom::fill(&mut buffer).map_err(|e| CoreError::internal(format!("random source failed: {e}")))?;
    Ok(hex::encode(buffer))
}

/// Hex SHA-256 of a secret, as stored.
pub fn digest(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// `url` with its password, if it has one, replaced by `***`, for messages and logs.
pub fn redact_url(url: &str) -> String {
    if let (Some(scheme), Some(at)) = (url.find("://"), url.rfind('@'))
        && at > scheme
        && let Some((user, _password)) = url[scheme + 3..at].split_once(':')
    {
        return format!("{}{user}:***{}", &url[..scheme + 3], &url[at..]);
    }
    url.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_passwords_are_redacted() {
        assert_eq!(redact_url("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact_url("smtps://ip:p@ss:w0rd@mail.example.cn:465"), "smtps://ip:***@mail.example.cn:465");
        assert_eq!(redact_url("postgres://postgres@127.0.0.1:5432/test"), "postgres://postgres@127.0.0.1:5432/test");
        assert_eq!(redact_url("sqlite:./data/z.sqlite3"), "sqlite:./data/z.sqlite3");
    }

    #[test]
    fn secrets_are_random_and_digests_stable() {
        let (a, b) = (random_hex(32).unwrap(), random_hex(32).unwrap());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
