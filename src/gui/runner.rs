//! The window's one list of background jobs: each entry has a label, a progress value and a
//! cancel flag; the list is polled once per frame and each finished job's result is applied
//! to the window in one place ([`Runner::poll`], called by the app before drawing).
//!
//! A kind of job is one type implementing [`WindowJob`]: what it shows, what it does on its
//! worker thread, and how its result is applied. The runner is generic over the window (`A`)
//! so that it names none of the window's files.
//!
//! Locking sets every running job aside ([`Runner::set_aside_all`]): it is cancelled, its result
//! is never applied, and the next unlock waits for it ([`Runner::take_set_aside`]), since a job
//! changing the store holds a worker session (and so the store's lock) until it ends.

use std::any::TypeId;

use crate::jobs::{Job, Progress};

/// What a finished job does to the window.
pub(super) type Finish<A> = Box<dyn FnOnce(&mut A) + Send>;

/// The window a job reports to when its thread stopped unexpectedly.
pub(super) trait JobHost {
    /// Says that a job stopped unexpectedly (`message` names it; nothing personal).
    fn job_failed(&mut self, message: String);
}

/// One kind of background work in the window.
pub(super) trait WindowJob<A: JobHost>: Send + Sized + 'static {
    /// What the worker thread hands back.
    type Output: Send + 'static;
    /// Shown in the window's job bar with a Cancel button; false when the job's own area
    /// shows its progress and Cancel.
    const IN_BAR: bool = false;
    /// What the work is, beside its progress.
    fn label(&self) -> String;
    /// The work, on a worker thread; it looks at `progress` to report and to stop.
    fn run(self, progress: &Progress) -> Self::Output;
    /// Applies the result to the window, between frames.
    fn finish(output: Self::Output, app: &mut A);
    /// The thread stopped unexpectedly (a panic): nothing was committed by it.
    fn failed(message: String, app: &mut A) {
        app.job_failed(message);
    }
}

/// One running job.
struct Entry<A> {
    kind: TypeId,
    in_bar: bool,
    failed: fn(String, &mut A),
    job: Job<Finish<A>>,
}

/// The list of running jobs.
pub(super) struct Runner<A> {
    running: Vec<Entry<A>>,
    /// Cancelled jobs whose results are dropped when they end.
    set_aside: Vec<Job<Finish<A>>>,
}

impl<A> Default for Runner<A> {
    fn default() -> Self {
        Self {
            running: Vec::new(),
            set_aside: Vec::new(),
        }
    }
}

impl<A: JobHost + 'static> Runner<A> {
    /// Starts `job` on its own thread.
    pub fn start<J: WindowJob<A>>(&mut self, job: J) {
        let label = job.label();
        let handle = Job::spawn(label, move |progress| {
            let output = job.run(progress);
            Box::new(move |app: &mut A| J::finish(output, app)) as Finish<A>
        });
        self.running.push(Entry {
            kind: TypeId::of::<J>(),
            in_bar: J::IN_BAR,
            failed: J::failed,
            job: handle,
        });
    }

    /// Takes the finished jobs off the list and returns what each does to the window, in the
    /// order they were started; drops the results of set-aside jobs that ended.
    pub fn poll(&mut self) -> Vec<Finish<A>> {
        self.set_aside.retain_mut(|job| job.poll().is_none());
        let mut finished = Vec::new();
        let mut i = 0;
        while i < self.running.len() {
            match self.running[i].job.poll() {
                None => i += 1,
                Some(result) => {
                    let entry = self.running.remove(i);
                    finished.push(match result {
                        Ok(finish) => finish,
                        Err(message) => {
                            let failed = entry.failed;
                            Box::new(move |app: &mut A| failed(message, app)) as Finish<A>
                        }
                    });
                }
            }
        }
        finished
    }

    fn entry<J: 'static>(&self) -> Option<&Entry<A>> {
        let kind = TypeId::of::<J>();
        self.running.iter().find(|e| e.kind == kind)
    }

    /// Whether a job of kind `J` runs.
    pub fn is_running<J: 'static>(&self) -> bool {
        self.entry::<J>().is_some()
    }

    /// The progress of the running job of kind `J`.
    pub fn progress<J: 'static>(&self) -> Option<&Progress> {
        self.entry::<J>().map(|e| e.job.progress())
    }

    /// The label of the running job of kind `J`.
    pub fn label<J: 'static>(&self) -> Option<&str> {
        self.entry::<J>().map(|e| e.job.label())
    }

    /// Asks the running job of kind `J` to stop; its result (usually "cancelled") is still
    /// applied.
    pub fn cancel<J: 'static>(&self) {
        if let Some(e) = self.entry::<J>() {
            e.job.progress().cancel();
        }
    }

    /// Cancels the running job of kind `J` and sets it aside: a newer one replaces it, or
    /// what it would show is stale.
    pub fn forget<J: 'static>(&mut self) {
        let kind = TypeId::of::<J>();
        let (gone, kept): (Vec<_>, Vec<_>) = self.running.drain(..).partition(|e| e.kind == kind);
        self.running = kept;
        for entry in gone {
            entry.job.progress().cancel();
            self.set_aside.push(entry.job);
        }
    }

    /// Cancels the running job of kind `J` and waits for its thread to end, dropping its
    /// result (before a change that needs its connection closed).
    pub fn stop<J: 'static>(&mut self) {
        let kind = TypeId::of::<J>();
        let (gone, kept): (Vec<_>, Vec<_>) = self.running.drain(..).partition(|e| e.kind == kind);
        self.running = kept;
        for entry in gone {
            entry.job.progress().cancel();
            drop(entry.job.wait());
        }
    }

    /// Cancels every job and sets it aside (on lock).
    pub fn set_aside_all(&mut self) {
        for entry in self.running.drain(..) {
            entry.job.progress().cancel();
            self.set_aside.push(entry.job);
        }
    }

    /// The set-aside jobs still ending, for the next unlock to wait for (they may hold the
    /// store's lock).
    pub fn take_set_aside(&mut self) -> Vec<Job<Finish<A>>> {
        std::mem::take(&mut self.set_aside)
    }

    /// Whether any job runs.
    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Whether set-aside jobs are still ending.
    pub fn is_draining(&self) -> bool {
        !self.set_aside.is_empty()
    }

    /// The jobs shown in the window's job bar: label and progress.
    pub fn in_bar(&self) -> impl Iterator<Item = (&str, &Progress)> {
        self.running
            .iter()
            .filter(|e| e.in_bar)
            .map(|e| (e.job.label(), e.job.progress()))
    }

    /// Cancels the jobs shown in the job bar.
    pub fn cancel_bar(&self) {
        for e in self.running.iter().filter(|e| e.in_bar) {
            e.job.progress().cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Default)]
    struct Host {
        log: Vec<String>,
    }

    impl JobHost for Host {
        fn job_failed(&mut self, message: String) {
            self.log.push(format!("failed: {message}"));
        }
    }

    struct Add(u64, u64);

    impl WindowJob<Host> for Add {
        type Output = u64;
        fn label(&self) -> String {
            "Adding".into()
        }
        fn run(self, progress: &Progress) -> u64 {
            progress.set_total(1);
            progress.set_done(1);
            self.0 + self.1
        }
        fn finish(sum: u64, host: &mut Host) {
            host.log.push(format!("sum {sum}"));
        }
    }

    struct Spin;

    impl WindowJob<Host> for Spin {
        type Output = &'static str;
        const IN_BAR: bool = true;
        fn label(&self) -> String {
            "Spinning".into()
        }
        fn run(self, progress: &Progress) -> &'static str {
            while !progress.is_cancelled() {
                std::thread::yield_now();
            }
            "stopped"
        }
        fn finish(said: &'static str, host: &mut Host) {
            host.log.push(said.into());
        }
    }

    struct Crash;

    impl WindowJob<Host> for Crash {
        type Output = ();
        fn label(&self) -> String {
            "Crashing".into()
        }
        fn run(self, _: &Progress) {
            panic!("on purpose");
        }
        fn finish((): (), host: &mut Host) {
            host.log.push("crash finished".into());
        }
    }

    /// Polls until nothing runs, applying what finishes.
    fn settle(runner: &mut Runner<Host>, host: &mut Host) {
        while runner.is_busy() || runner.is_draining() {
            for finish in runner.poll() {
                finish(host);
            }
            std::thread::yield_now();
        }
    }

    #[test]
    fn a_finished_job_is_applied_once_and_leaves_the_list() {
        let mut runner = Runner::default();
        let mut host = Host::default();
        runner.start(Add(2, 3));
        assert!(runner.is_running::<Add>());
        assert!(!runner.is_running::<Spin>());
        settle(&mut runner, &mut host);
        assert_eq!(host.log, ["sum 5"]);
        assert!(!runner.is_running::<Add>());
        assert!(runner.poll().is_empty());
    }

    #[test]
    fn cancel_stops_a_job_and_its_result_is_applied() {
        let mut runner = Runner::default();
        let mut host = Host::default();
        runner.start(Spin);
        assert_eq!(runner.label::<Spin>(), Some("Spinning"));
        assert_eq!(runner.in_bar().count(), 1);
        runner.cancel::<Spin>();
        settle(&mut runner, &mut host);
        assert_eq!(host.log, ["stopped"]);
    }

    #[test]
    fn a_forgotten_or_set_aside_job_is_never_applied() {
        let mut runner = Runner::default();
        let mut host = Host::default();
        runner.start(Spin);
        runner.forget::<Spin>();
        assert!(!runner.is_busy());
        assert!(runner.is_draining());
        runner.start(Spin);
        runner.start(Add(1, 1));
        runner.set_aside_all();
        assert!(!runner.is_busy());
        settle(&mut runner, &mut host);
        assert!(host.log.is_empty(), "{:?}", host.log);
    }

    #[test]
    fn a_panic_is_reported_to_the_host() {
        let mut runner = Runner::default();
        let mut host = Host::default();
        runner.start(Crash);
        settle(&mut runner, &mut host);
        assert_eq!(host.log.len(), 1);
        assert!(
            host.log[0].starts_with("failed: Crashing"),
            "{:?}",
            host.log
        );
    }
}
