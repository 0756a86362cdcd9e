//! When and how long to wait before sending a request again.

use std::time::Duration;

use reqwest::Method;

/// How the client retries requests that failed transiently.
///
/// Retried: `429 Too Many Requests` and `503 Service Unavailable` responses, connection
/// failures and timeouts, for idempotent methods only (`GET`, `HEAD`, `OPTIONS`, `PUT`,
/// `DELETE`) unless [`retry_non_idempotent`](RetryPolicy::retry_non_idempotent) is set:
/// retrying a `POST` such as `CreateCall` after a timeout can place two calls.
///
/// The wait before attempt *n + 1* is random between zero and
/// `min(max_delay, base_delay × 2ⁿ⁻¹)` ("full jitter"), unless the response carries a
/// `Retry-After: <seconds>` header, which is honoured up to `max_delay`.
///
/// ```
/// use std::time::Duration;
/// use twilio_runtime::RetryPolicy;
///
/// let policy = RetryPolicy::default()
///     .max_attempts(5)
///     .base_delay(Duration::from_millis(500))
///     .max_delay(Duration::from_secs(10));
/// assert_eq!(policy.get_max_attempts(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_delay: Duration,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts in total, backoff from 200 ms up to 5 s, idempotent requests only.
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(5),
            retry_non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// A policy that sends every request exactly once.
    pub fn disabled() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The number of attempts in total, first one included (at least 1: `0` is taken as `1`).
    #[must_use]
    pub fn max_attempts(mut self, max_attempts: u32) -> Self {
        self.max_attempts = max_attempts.max(1);
        self
    }

    /// The upper bound of the first wait; it doubles with every attempt.
    #[must_use]
    pub fn base_delay(mut self, base_delay: Duration) -> Self {
        self.base_delay = base_delay;
        self
    }

    /// The longest wait between two attempts, `Retry-After` included.
    #[must_use]
    pub fn max_delay(mut self, max_delay: Duration) -> Self {
        self.max_delay = max_delay;
        self
    }

    /// Whether `POST` and `PATCH` requests are retried too (default `false`).
    ///
    /// Only enable this if duplicate side effects are acceptable: a `POST` that timed out
    /// may have been performed by Twilio.
    #[must_use]
    pub fn retry_non_idempotent(mut self, retry_non_idempotent: bool) -> Self {
        self.retry_non_idempotent = retry_non_idempotent;
        self
    }

    /// The number of attempts in total.
    pub fn get_max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The upper bound of the first wait.
    pub fn get_base_delay(&self) -> Duration {
        self.base_delay
    }

    /// The longest wait between two attempts.
    pub fn get_max_delay(&self) -> Duration {
        self.max_delay
    }

    /// Whether non-idempotent requests are retried.
    pub fn get_retry_non_idempotent(&self) -> bool {
        self.retry_non_idempotent
    }

    /// Whether a request with this method may be retried at all under this policy.
    pub(crate) fn allows(&self, method: &Method) -> bool {
        self.max_attempts > 1 && (self.retry_non_idempotent || is_idempotent(method))
    }

    /// The wait before the attempt following attempt number `attempt` (1-based), given the
    /// server's `Retry-After` (if any).
    pub(crate) fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(retry_after) = retry_after {
            return retry_after.min(self.max_delay);
        }
        let exponent = attempt.saturating_sub(1).min(31);
        let ceiling = self
            .base_delay
            .saturating_mul(1u32 << exponent)
            .min(self.max_delay);
        let ceiling_ms = u64::try_from(ceiling.as_millis()).unwrap_or(u64::MAX);
        Duration::from_millis(fastrand::u64(0..=ceiling_ms))
    }
}

/// Methods that can be sent twice with the effect of sending them once.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::OPTIONS | Method::PUT | Method::DELETE
    )
}

/// Parses a `Retry-After` header given in seconds (the HTTP-date form is ignored: the
/// backoff applies then).
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.get_max_attempts(), 3);
        assert_eq!(policy.get_base_delay(), Duration::from_millis(200));
        assert_eq!(policy.get_max_delay(), Duration::from_secs(5));
        assert!(!policy.get_retry_non_idempotent());
        assert_eq!(RetryPolicy::disabled().get_max_attempts(), 1);
        assert_eq!(RetryPolicy::default().max_attempts(0).get_max_attempts(), 1);
    }

    #[test]
    fn methods() {
        let policy = RetryPolicy::default();
        assert!(policy.allows(&Method::GET));
        assert!(policy.allows(&Method::DELETE));
        assert!(!policy.allows(&Method::POST));
        assert!(!policy.allows(&Method::PATCH));
        assert!(
            policy
                .clone()
                .retry_non_idempotent(true)
                .allows(&Method::POST)
        );
        assert!(!RetryPolicy::disabled().allows(&Method::GET));
    }

    #[test]
    fn backoff_is_bounded() {
        let policy = RetryPolicy::default()
            .base_delay(Duration::from_millis(100))
            .max_delay(Duration::from_millis(300));
        for _ in 0..200 {
            assert!(policy.delay(1, None) <= Duration::from_millis(100));
            assert!(policy.delay(2, None) <= Duration::from_millis(200));
            assert!(policy.delay(3, None) <= Duration::from_millis(300));
            assert!(policy.delay(40, None) <= Duration::from_millis(300));
        }
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(60))),
            Duration::from_millis(300)
        );
        assert_eq!(policy.delay(1, Some(Duration::ZERO)), Duration::ZERO);
    }

    #[test]
    fn retry_after() {
        assert_eq!(parse_retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(parse_retry_after(" 0 "), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
