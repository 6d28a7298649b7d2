//! Store-wide settings that are not personal data: auto-lock.

use std::time::Duration;

/// How long the app may sit idle before it locks itself, dropping keys and decrypted data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AutoLock {
    minutes: u32,
}

impl AutoLock {
    /// Default idle time: 10 minutes.
    pub const DEFAULT_MINUTES: u32 = 10;
    /// Shortest allowed idle time.
    pub const MIN_MINUTES: u32 = 1;
    /// Longest allowed idle time: 4 hours. Leaving decrypted personal data open on an
    /// unattended desk for longer defeats the point.
    pub const MAX_MINUTES: u32 = 240;

    /// An idle time in minutes, refused outside 1–240 with a sentence that says so.
    pub fn from_minutes(minutes: u32) -> Result<Self, String> {
        if (Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&minutes) {
            Ok(Self { minutes })
        } else {
            Err(format!(
                "Auto-lock must be between {} and {} minutes; {minutes} is outside that.",
                Self::MIN_MINUTES,
                Self::MAX_MINUTES
            ))
        }
    }

    /// The idle time in minutes.
    pub fn minutes(self) -> u32 {
        self.minutes
    }

    /// The idle time as a duration.
    pub fn duration(self) -> Duration {
        Duration::from_secs(u64::from(self.minutes) * 60)
    }
}

impl Default for AutoLock {
    fn default() -> Self {
        Self {
            minutes: Self::DEFAULT_MINUTES,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_table() {
        for (m, ok) in [(0, false), (1, true), (10, true), (240, true), (241, false)] {
            assert_eq!(AutoLock::from_minutes(m).is_ok(), ok, "{m}");
        }
        assert_eq!(AutoLock::default().duration(), Duration::from_secs(600));
    }
}
