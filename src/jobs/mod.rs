//! Long work off the UI thread: a worker thread with a shared progress value, a cancel flag and
//! a result the GUI polls each frame. The CLI runs the same functions inline with a
//! [`Progress`] of its own.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread::JoinHandle;

/// Progress of a piece of work and the request to stop it.
#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

impl Progress {
    /// A fresh progress value, shareable between threads.
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Sets how many steps the work has.
    pub fn set_total(&self, total: u64) {
        self.total.store(total, Ordering::Relaxed);
    }

    /// Records that `done` steps are finished.
    pub fn set_done(&self, done: u64) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Fraction done, 0.0–1.0 (0 while the total is unknown).
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        (self.done.load(Ordering::Relaxed) as f64 / total as f64).min(1.0) as f32
    }

    /// (done, total).
    pub fn counts(&self) -> (u64, u64) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Asks the work to stop; it rolls back what it had not committed.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Whether stopping was asked.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }
}

/// Work running on its own thread.
pub struct Job<T> {
    label: String,
    progress: Arc<Progress>,
    handle: Option<JoinHandle<T>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread.
    pub fn spawn(
        label: impl Into<String>,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let progress = Progress::new();
        let shared = Arc::clone(&progress);
        let handle = std::thread::spawn(move || work(&shared));
        Self {
            label: label.into(),
            progress,
            handle: Some(handle),
        }
    }

    /// What the work is, for the progress line.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The shared progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The result once the thread has finished; `None` while it runs. A panic in the worker
    /// becomes `Err` with a sentence.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        if !self.handle.as_ref()?.is_finished() {
            return None;
        }
        let handle = self.handle.take()?;
        Some(
            handle
                .join()
                .map_err(|_| format!("{} stopped unexpectedly; nothing was changed.", self.label)),
        )
    }

    /// Waits for the result (CLI and tests).
    pub fn wait(mut self) -> Result<T, String> {
        match self.handle.take() {
            Some(h) => h
                .join()
                .map_err(|_| format!("{} stopped unexpectedly; nothing was changed.", self.label)),
            None => Err(format!("{} was already collected.", self.label)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_progress_and_result() {
        let job = Job::spawn("count", |p| {
            p.set_total(10);
            for i in 1..=10 {
                p.set_done(i);
            }
            42
        });
        assert_eq!(job.wait(), Ok(42));
    }

    #[test]
    fn cancel_is_seen_by_the_worker() {
        let mut job = Job::spawn("spin", |p| {
            while !p.is_cancelled() {
                std::thread::yield_now();
            }
            "stopped"
        });
        job.progress().cancel();
        loop {
            if let Some(r) = job.poll() {
                assert_eq!(r, Ok("stopped"));
                break;
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn fraction_is_bounded() {
        let p = Progress::new();
        assert_eq!(p.fraction(), 0.0);
        p.set_total(4);
        p.set_done(8);
        assert_eq!(p.fraction(), 1.0);
    }
}
