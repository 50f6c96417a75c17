//! Sliding-window rate limits over keys (login attempts per account and per address, comments
//! per address and per email, status lookups), bounded in memory.
//!
//! Each key keeps at most `limit` instants (older ones are useless for the decision), and the
//! number of keys is capped: when full, expired keys go first, then the least recently active
//! half. An attacker rotating addresses can therefore not grow the map without bound; the
//! price under such an attack is that some quiet keys forget their history early.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct RateLimiter {
    window: Duration,
    max_keys: usize,
    entries: HashMap<String, VecDeque<Instant>>,
}

impl RateLimiter {
    pub fn new(window: Duration, max_keys: usize) -> RateLimiter {
        RateLimiter {
            window,
            max_keys: max_keys.max(2),
            entries: HashMap::new(),
        }
    }

    /// Counts one attempt against every `(key, limit)` at once, or against none: when any key
    /// is at its limit, nothing is recorded and the wait until that key frees is returned.
    /// Checking and recording happen under one `&mut`, so parallel attempts cannot slip
    /// through between a check and a record.
    pub fn try_acquire(&mut self, keys: &[(&str, usize)], now: Instant) -> Result<(), Duration> {
        let mut wait = Duration::ZERO;
        for (key, limit) in keys {
            if let Some(times) = self.entries.get_mut(*key) {
                while times
                    .front()
                    .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
                {
                    times.pop_front();
                }
                if times.len() >= *limit {
                    let oldest = times.front().copied().unwrap_or(now);
                    let frees = self
                        .window
                        .saturating_sub(now.saturating_duration_since(oldest));
                    wait = wait.max(frees);
                }
            } else if *limit == 0 {
                wait = wait.max(self.window);
            }
        }
        if !wait.is_zero() {
            return Err(wait);
        }
        for (key, limit) in keys {
            if !self.entries.contains_key(*key) {
                self.make_room(now);
            }
            let times = self.entries.entry((*key).to_string()).or_default();
            times.push_back(now);
            while times.len() > *limit {
                times.pop_front();
            }
        }
        Ok(())
    }

    /// Forgets a key's history (a successful login clears the account's failures).
    pub fn forget(&mut self, key: &str) {
        self.entries.remove(key);
    }

    /// Takes back the most recent attempt of a key (an attempt that turned out not to count).
    pub fn release(&mut self, key: &str) {
        if let Some(times) = self.entries.get_mut(key) {
            times.pop_back();
            if times.is_empty() {
                self.entries.remove(key);
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn make_room(&mut self, now: Instant) {
        if self.entries.len() < self.max_keys {
            return;
        }
        let window = self.window;
        self.entries.retain(|_, times| {
            times
                .back()
                .is_some_and(|t| now.saturating_duration_since(*t) < window)
        });
        if self.entries.len() < self.max_keys {
            return;
        }
        // Still full of active keys: drop the least recently active half. Sorting once per
        // max_keys/2 insertions keeps the cost per request constant on average.
        let mut last: Vec<(Instant, String)> = self
            .entries
            .iter()
            .map(|(k, v)| (v.back().copied().unwrap_or(now), k.clone()))
            .collect();
        last.sort_unstable();
        for (_, k) in last.into_iter().take(self.max_keys / 2) {
            self.entries.remove(&k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: Duration = Duration::from_secs(60);

    #[test]
    fn allows_up_to_the_limit_then_says_how_long_to_wait() {
        let mut l = RateLimiter::new(15 * MIN, 100);
        let t0 = Instant::now();
        for i in 0..5 {
            assert!(l.try_acquire(&[("user:a", 5)], t0 + MIN * i).is_ok());
        }
        let wait = l.try_acquire(&[("user:a", 5)], t0 + MIN * 5).unwrap_err();
        assert_eq!(wait, 10 * MIN);
        // The first attempt leaves the window: one more is allowed.
        assert!(l.try_acquire(&[("user:a", 5)], t0 + 15 * MIN).is_ok());
    }

    #[test]
    fn several_keys_count_all_or_none() {
        let mut l = RateLimiter::new(MIN, 100);
        let t = Instant::now();
        assert!(l.try_acquire(&[("ip:1", 1)], t).is_ok());
        // The address is full: the account must not be charged for the refused attempt.
        assert!(l.try_acquire(&[("user:a", 3), ("ip:1", 1)], t).is_err());
        assert!(l.try_acquire(&[("user:a", 3)], t).is_ok());
        assert!(l.try_acquire(&[("user:a", 3)], t).is_ok());
        assert!(l.try_acquire(&[("user:a", 3)], t).is_ok());
        assert!(l.try_acquire(&[("user:a", 3)], t).is_err());
    }

    #[test]
    fn forget_and_release() {
        let mut l = RateLimiter::new(MIN, 100);
        let t = Instant::now();
        assert!(l.try_acquire(&[("k", 1)], t).is_ok());
        assert!(l.try_acquire(&[("k", 1)], t).is_err());
        l.release("k");
        assert!(l.try_acquire(&[("k", 1)], t).is_ok());
        l.forget("k");
        assert!(l.is_empty());
        assert!(l.try_acquire(&[("k", 1)], t).is_ok());
    }

    #[test]
    fn memory_stays_bounded_when_keys_rotate() {
        let mut l = RateLimiter::new(MIN, 1000);
        let t = Instant::now();
        for i in 0..100_000u32 {
            let key = format!("ip:{i}");
            assert!(
                l.try_acquire(&[(&key, 3)], t + Duration::from_millis(i as u64))
                    .is_ok()
            );
            assert!(l.len() <= 1000, "{} keys after {i}", l.len());
        }
        // Expired keys are dropped first when room is needed.
        let later = t + Duration::from_secs(3600);
        assert!(l.try_acquire(&[("new", 1)], later).is_ok());
        let fresh = (0..2000u32)
            .all(|i| l.try_acquire(&[(&format!("n:{i}"), 1)], later).is_ok() && l.len() <= 1000);
        assert!(fresh);
    }

    #[test]
    fn recent_activity_survives_eviction() {
        let mut l = RateLimiter::new(MIN, 10);
        let t = Instant::now();
        // An attacker's key, hit at its limit, most recently.
        for i in 0..9u64 {
            let _ = l.try_acquire(&[(&format!("q:{i}"), 1)], t);
        }
        assert!(
            l.try_acquire(&[("attacker", 1)], t + Duration::from_secs(1))
                .is_ok()
        );
        // Room is made by evicting the older, quieter keys, not the active one.
        assert!(
            l.try_acquire(&[("other", 1)], t + Duration::from_secs(2))
                .is_ok()
        );
        assert!(
            l.try_acquire(&[("attacker", 1)], t + Duration::from_secs(3))
                .is_err()
        );
    }
}
