//! The hash chain of a case's history. Each entry's hash is the SHA-256 of the hash before it
//! and of the entry's fields as stored, so changing, removing or reordering any entry later (in
//! the database, behind the platform's back) breaks every hash from that entry on.
//!
//! ```text
//! hash(n) = SHA-256( hash(n-1) ‖ "\n" ‖ case ‖ "\n" ‖ seq ‖ "\n" ‖ at ‖ "\n" ‖ actor ‖ "\n" ‖ visibility ‖ "\n" ‖ body )
//! ```
//!
//! `hash(0)` is 64 zeros, `at` is written to the microsecond (`2026-12-06T08:30:00.123456Z`),
//! `actor` is the user id or empty, `body` the entry's JSON exactly as stored.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use super::CaseId;
use crate::UserId;

/// The hash before the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// A history entry as stored, with the hashes the store kept for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// The case.
    pub case_id: CaseId,
    /// Position, from 1.
    pub seq: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// Who.
    pub actor_user_id: Option<UserId>,
    /// `parties` or `internal`.
    pub visibility: String,
    /// The body's JSON as stored.
    pub body: String,
    /// The hash of the entry before, as stored.
    pub prev_hash: String,
    /// The entry's hash, as stored.
    pub hash: String,
}

/// The hash of an entry with these fields following `prev_hash`.
pub fn link_hash(
    prev_hash: &str,
    case_id: CaseId,
    seq: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<UserId>,
    visibility: &str,
    body: &str,
) -> String {
    let actor = actor_user_id.map(|id| id.to_string()).unwrap_or_default();
    let at = at.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string();
    let mut hasher = Sha256::new();
    for (i, part) in
        [prev_hash, &case_id.to_string(), &seq.to_string(), &at, &actor, visibility, body].into_iter().enumerate()
    {
        if i > 0 {
            hasher.update(b"\n");
        }
        hasher.update(part.as_bytes());
    }
    hex::encode(hasher.finalize())
}

/// Why a chain does not verify: the first entry found altered, and how.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Broken {
    /// An entry is missing or out of order: `seq` was expected, `found` is there.
    #[error("entry {expected} is missing (found entry {found} in its place)")]
    Missing {
        /// The position expected.
        expected: i64,
        /// The position found.
        found: i64,
    },
    /// The entry does not chain to the one before it (that one, or this link, was changed).
    #[error("entry {seq} does not follow the entry before it")]
    Unlinked {
        /// The entry.
        seq: i64,
    },
    /// The entry's content no longer matches its hash: it was changed after it was written.
    #[error("entry {seq} was changed after it was written")]
    Altered {
        /// The entry.
        seq: i64,
    },
}

impl Broken {
    /// The position of the first altered entry.
    pub fn seq(&self) -> i64 {
        match *self {
            Self::Missing { expected, .. } => expected,
            Self::Unlinked { seq } | Self::Altered { seq } => seq,
        }
    }
}

/// Checks a case's whole history, in `seq` order: `Ok(n)` with the number of entries when every
/// entry is intact, else the first one that is not.
pub fn verify(links: &[Link]) -> Result<usize, Broken> {
    let mut prev = GENESIS;
    for (i, link) in links.iter().enumerate() {
        let expected = i as i64 + 1;
        if link.seq != expected {
            return Err(Broken::Missing { expected, found: link.seq });
        }
        if link.prev_hash != prev {
            return Err(Broken::Unlinked { seq: link.seq });
        }
        let hash = link_hash(prev, link.case_id, link.seq, link.at, link.actor_user_id, &link.visibility, &link.body);
        if hash != link.hash {
            return Err(Broken::Altered { seq: link.seq });
        }
        prev = &link.hash;
    }
    Ok(links.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(bodies: &[&str]) -> Vec<Link> {
        let at = DateTime::parse_from_rfc3339("2026-12-06T08:30:00.123456789Z").unwrap().with_timezone(&Utc);
        let mut prev = GENESIS.to_owned();
        let mut links = Vec::new();
        for (i, body) in bodies.iter().enumerate() {
            let seq = i as i64 + 1;
            let hash = link_hash(&prev, CaseId::new(7), seq, at, Some(UserId::new(3)), "parties", body);
            links.push(Link {
                case_id: CaseId::new(7),
                seq,
                at,
                actor_user_id: Some(UserId::new(3)),
                visibility: "parties".into(),
                body: (*body).into(),
                prev_hash: prev,
                hash: hash.clone(),
            });
            prev = hash;
        }
        links
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify(&chain(&["a", "b", "c"])), Ok(3));
        assert_eq!(verify(&[]), Ok(0));
    }

    #[test]
    fn any_change_names_the_first_altered_entry() {
        let mut edited = chain(&["a", "b", "c"]);
        edited[1].body = "B".into();
        assert_eq!(verify(&edited), Err(Broken::Altered { seq: 2 }));

        let mut revealed = chain(&["a", "b", "c"]);
        revealed[2].visibility = "internal".into();
        assert_eq!(verify(&revealed), Err(Broken::Altered { seq: 3 }));

        let mut removed = chain(&["a", "b", "c"]);
        removed.remove(1);
        assert_eq!(verify(&removed), Err(Broken::Missing { expected: 2, found: 3 }));

        // Re-hashing an edited entry does not help: the next one no longer follows it.
        let mut rehashed = chain(&["a", "b", "c"]);
        rehashed[0].body = "A".into();
        rehashed[0].hash = link_hash(GENESIS, CaseId::new(7), 1, rehashed[0].at, Some(UserId::new(3)), "parties", "A");
        assert_eq!(verify(&rehashed), Err(Broken::Unlinked { seq: 2 }));
    }

    #[test]
    fn time_counts_to_the_microsecond() {
        let links = chain(&["a"]);
        let at = links[0].at + chrono::Duration::nanoseconds(1);
        let same = link_hash(GENESIS, CaseId::new(7), 1, at, Some(UserId::new(3)), "parties", "a");
        assert_eq!(same, links[0].hash, "below a microsecond does not count (databases keep microseconds)");
    }
}
