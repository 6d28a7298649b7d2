//! The summary table: one row per operation and size, Privacy Desk beside plain SQLite, the
//! ratio, the target and whether it is met; printed as Markdown.

use std::time::Duration;

use super::Res;

/// A measured quantity.
#[derive(Clone, Copy, Debug)]
pub enum Value {
    /// A duration.
    Time(Duration),
    /// A size in bytes.
    Bytes(u64),
}

impl Value {
    fn amount(self) -> f64 {
        match self {
            Self::Time(d) => d.as_secs_f64(),
            Self::Bytes(b) => b as f64,
        }
    }

    fn show(self) -> String {
        match self {
            Self::Time(d) => {
                let ms = d.as_secs_f64() * 1000.0;
                if ms < 1.0 {
                    format!("{ms:.3} ms")
                } else if ms < 100.0 {
                    format!("{ms:.2} ms")
                } else if ms < 1000.0 {
                    format!("{ms:.0} ms")
                } else {
                    format!("{:.2} s", ms / 1000.0)
                }
            }
            Self::Bytes(b) => format!("{:.0} MB", b as f64 / 1e6),
        }
    }
}

/// What the issue asks of an operation.
#[derive(Clone, Copy, Debug)]
pub enum Target {
    /// Below this value.
    Under(Value),
    /// At most this many times the plain-SQLite figure.
    RatioAtMost(f64),
}

/// One line of the table.
#[derive(Clone, Debug)]
pub struct Row {
    /// What was measured.
    pub operation: String,
    /// Subjects in the store.
    pub size: u64,
    /// Privacy Desk's figure.
    pub ours: Value,
    /// The same work on plain SQLite, when it has a counterpart.
    pub plain: Option<Value>,
    /// The target, if it sets one.
    pub target: Option<Target>,
}

impl Row {
    /// A row without a plain counterpart or target.
    pub fn new(operation: impl Into<String>, size: u64, ours: Value) -> Self {
        Self {
            operation: operation.into(),
            size,
            ours,
            plain: None,
            target: None,
        }
    }

    /// With the plain-SQLite figure.
    pub fn plain(mut self, plain: Value) -> Self {
        self.plain = Some(plain);
        self
    }

    /// With a target.
    pub fn target(mut self, target: Target) -> Self {
        self.target = Some(target);
        self
    }

    fn ratio(&self) -> Option<f64> {
        let plain = self.plain?.amount();
        (plain > 0.0).then(|| self.ours.amount() / plain)
    }

    fn met(&self) -> Option<bool> {
        match self.target? {
            Target::Under(limit) => Some(self.ours.amount() < limit.amount()),
            Target::RatioAtMost(r) => self.ratio().map(|x| x <= r),
        }
    }
}

fn size_label(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The table in Markdown.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| operation | size | Privacy Desk | plain SQLite | ratio | target | met? |\n\
         |---|---:|---:|---:|---:|---|---|\n",
    );
    for r in rows {
        let target = match r.target {
            None => "—".to_owned(),
            Some(Target::Under(v)) => format!("< {}", v.show()),
            Some(Target::RatioAtMost(x)) => format!("≤ {x:.0}× plain"),
        };
        let met = match r.met() {
            None => "—",
            Some(true) => "yes",
            Some(false) => "**no**",
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.operation,
            size_label(r.size),
            r.ours.show(),
            r.plain.map_or("—".to_owned(), Value::show),
            r.ratio().map_or("—".to_owned(), |x| format!("{x:.2}×")),
            target,
            met
        ));
    }
    out
}

/// The median of `times` (zero when empty).
pub fn median(times: &[Duration]) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    sorted.get(sorted.len() / 2).copied().unwrap_or_default()
}

/// The `p`-th percentile (0–100) of `times`.
pub fn percentile(times: &[Duration], p: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort_unstable();
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    sorted[(sorted.len() - 1) * p / 100]
}

/// Runs `f` `runs` times and returns each time.
pub fn times<T>(runs: usize, mut f: impl FnMut() -> Res<T>) -> Res<Vec<Duration>> {
    let mut out = Vec::with_capacity(runs);
    for _ in 0..runs {
        let started = std::time::Instant::now();
        std::hint::black_box(f()?);
        out.push(started.elapsed());
    }
    Ok(out)
}

/// Runs `f` `runs` times and returns the median time.
pub fn time_median<T>(runs: usize, f: impl FnMut() -> Res<T>) -> Res<Duration> {
    times(runs, f).map(|t| median(&t))
}
