//! Waiting until a resource reaches a state: polling with backoff and a deadline.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::Error;

/// How [`wait_until`] polls: the first wait, how it grows (doubling up to `max_delay`) and the
/// deadline after which it gives up with [`Error::WaitTimeout`].
///
/// ```
/// use std::time::Duration;
/// use twilio_runtime::WaitOptions;
///
/// let options = WaitOptions::new()
///     .timeout(Duration::from_secs(120))
///     .initial_delay(Duration::from_secs(2))
///     .max_delay(Duration::from_secs(15));
/// assert_eq!(options.get_timeout(), Duration::from_secs(120));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[must_use]
pub struct WaitOptions {
    timeout: Duration,
    initial_delay: Duration,
    max_delay: Duration,
}

impl Default for WaitOptions {
    /// Up to 5 minutes, polling after 1 s, then 2 s, 4 s, ... up to 20 s between polls.
    fn default() -> Self {
        WaitOptions {
            timeout: Duration::from_secs(300),
            initial_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(20),
        }
    }
}

impl WaitOptions {
    /// The default options.
    pub fn new() -> WaitOptions {
        WaitOptions::default()
    }

    /// How long to wait in total before giving up.
    pub fn timeout(mut self, timeout: Duration) -> WaitOptions {
        self.timeout = timeout;
        self
    }

    /// The wait after the first poll; it doubles after every poll.
    pub fn initial_delay(mut self, delay: Duration) -> WaitOptions {
        self.initial_delay = delay;
        self
    }

    /// The longest wait between two polls.
    pub fn max_delay(mut self, delay: Duration) -> WaitOptions {
        self.max_delay = delay;
        self
    }

    /// How long to wait in total.
    pub fn get_timeout(&self) -> Duration {
        self.timeout
    }

    /// The wait after the first poll.
    pub fn get_initial_delay(&self) -> Duration {
        self.initial_delay
    }

    /// The longest wait between two polls.
    pub fn get_max_delay(&self) -> Duration {
        self.max_delay
    }
}

/// Calls `poll` until `state` of its value is one of `targets`, waiting between polls as
/// `options` say; returns the value that matched. Generated crates wrap it in typed methods
/// (`wait_for_call`).
///
/// A poll that fails ends the wait with its error (the client has already retried what can be
/// retried).
///
/// # Errors
/// The error of a failed poll, or [`Error::WaitTimeout`] (naming `operation` and the last state
/// seen) when the deadline passes first.
pub async fn wait_until<T, S, F, Fut>(
    operation: &'static str,
    options: &WaitOptions,
    targets: &[S],
    state: impl Fn(&T) -> Option<S>,
    mut poll: F,
) -> Result<T, Error>
where
    S: PartialEq + std::fmt::Debug,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let started = Instant::now();
    let mut delay = options.initial_delay;
    loop {
        let value = poll().await?;
        let current = state(&value);
        if current.as_ref().is_some_and(|s| targets.contains(s)) {
            return Ok(value);
        }
        let elapsed = started.elapsed();
        if elapsed >= options.timeout {
            return Err(Error::WaitTimeout {
                operation,
                waited: elapsed,
                last_state: current.map(|s| format!("{s:?}")),
            });
        }
        tokio::time::sleep(delay.min(options.timeout - elapsed)).await;
        delay = delay.saturating_mul(2).min(options.max_delay);
    }
}
