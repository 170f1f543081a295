//! Argon2id password hashing, run off the async executor because it is deliberately slow.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use zhichan_domain::Password;

use crate::{CoreError, CoreResult};

/// Hashes a new password into a PHC string with a fresh random salt.
pub async fn hash(password: &Password) -> CoreResult<String> {
    let secret = password.expose().to_owned();
    blocking(move || {
        Argon2::default()
            .hash_password(secret.as_bytes())
            .map(|hash| hash.to_string())
            .map_err(|e| CoreError::internal(format!("password hashing failed: {e}")))
    })
    .await
}

/// Whether `password` matches the stored PHC hash. An unreadable hash counts as no match.
pub async fn verify(password: &str, stored: &str) -> CoreResult<bool> {
    let (secret, stored) = (password.to_owned(), stored.to_owned());
    blocking(move || {
        Ok(PasswordVerifier::<str>::verify_password(&Argon2::default(), secret.as_bytes(), &stored).is_ok())
    })
    .await
}

/// A hash of a random password, verified against when the e-mail is unknown so that a wrong
/// address takes as long as a wrong password and does not reveal which accounts exist.
pub const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$gNmlhpbbyT0GUWsMWK7YZQ$2Pv33yAJZyYvuDb8mDwjB5VvWvZo3k7xEWfZlmkDt2w";

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> CoreResult<T> + Send + 'static) -> CoreResult<T> {
    tokio::task::spawn_blocking(work).await.map_err(|e| CoreError::internal(format!("password task failed: {e}")))?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_verify_only_their_password() {
        let password = Password::parse("知产通-correct-horse").unwrap();
        let stored = hash(&password).await.unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify("知产通-correct-horse", &stored).await.unwrap());
        assert!(!verify("知产通-wrong-horse", &stored).await.unwrap());
        assert!(!verify("anything", "not a hash").await.unwrap());
    }

    #[tokio::test]
    async fn decoy_hash_is_a_real_argon2id_hash() {
        assert!(argon2::PasswordHash::new(DECOY_HASH).is_ok());
        assert!(!verify("guess", DECOY_HASH).await.unwrap());
    }
}
