//! Sign-in throttling: failed attempts are counted per key (e-mail address, client IP) in a
//! sliding window, and a key over its limit is refused until its oldest failure ages out.
//!
//! Written here rather than taken from a rate-limiting crate because it counts *failures*, not
//! requests: a user who signs in correctly is never slowed down. State is per process; with
//! several `serve` processes behind a balancer the limit applies per process.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Counts failed sign-ins per key.
#[derive(Debug)]
pub struct LoginThrottle {
    limit: u32,
    window: Duration,
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginThrottle {
    /// Allows `limit` failures per key within `window`.
    pub fn new(limit: u32, window: Duration) -> Self {
        Self { limit, window, failures: Mutex::new(HashMap::new()) }
    }

    /// `None` if `key` may try now, else how long until it may, for a key allowed `limit × scale` failures.
    pub fn wait_time(&self, key: &str, scale: u32, now: Instant) -> Option<Duration> {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let recent = failures.get_mut(key)?;
        while recent.front().is_some_and(|t| now.duration_since(*t) >= self.window) {
            recent.pop_front();
        }
        if recent.len() < (self.limit * scale) as usize {
            return None;
        }
        recent.front().map(|oldest| self.window.saturating_sub(now.duration_since(*oldest)))
    }

    /// Records a failed attempt for `key`.
    pub fn record_failure(&self, key: &str, now: Instant) {
        let mut failures = self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if failures.len() > 100_000 {
            // Bound memory under a spray of random keys: forget keys whose failures all aged out.
            failures.retain(|_, times| times.back().is_some_and(|t| now.duration_since(*t) < self.window));
        }
        failures.entry(key.to_owned()).or_default().push_back(now);
    }

    /// Forgets `key`'s failures (after a successful sign-in).
    pub fn reset(&self, key: &str) {
        self.failures.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_after_limit_until_window_passes() {
        let throttle = LoginThrottle::new(3, Duration::from_secs(60));
        let start = Instant::now();
        for i in 0..3 {
            assert_eq!(throttle.wait_time("a", 1, start), None, "attempt {i}");
            throttle.record_failure("a", start + Duration::from_secs(i));
        }
        let wait = throttle.wait_time("a", 1, start + Duration::from_secs(10)).unwrap();
        assert_eq!(wait, Duration::from_secs(50));
        assert_eq!(throttle.wait_time("a", 2, start + Duration::from_secs(10)), None, "scaled limit");
        assert_eq!(throttle.wait_time("b", 1, start), None, "other keys unaffected");
        assert_eq!(throttle.wait_time("a", 1, start + Duration::from_secs(61)), None, "oldest aged out");
        throttle.reset("a");
        assert_eq!(throttle.wait_time("a", 1, start + Duration::from_secs(10)), None);
    }
}
