//! The Privacy Desk window without a screen: the real app (`PrivacyDeskApp::show`) run frame
//! by frame in an `egui::Context` with no window, fed keyboard and wheel events, each frame
//! timed from input to tessellated triangles (what remains is the GPU's painting).

use std::path::Path;
use std::time::{Duration, Instant};

use egui::{Event, Key, Modifiers, MouseWheelSource, MouseWheelUnit, Pos2, Rect, TouchPhase, vec2};
use privacy_desk::domain::access::Role;
use privacy_desk::gui::{Area, Prefs, PrivacyDeskApp};

use super::Res;

/// Seconds between frames (60 Hz).
const DT: f64 = 1.0 / 60.0;

/// A headless window on one store.
pub struct Window {
    ctx: egui::Context,
    app: PrivacyDeskApp,
    clock: f64,
}

fn key(key: Key, pressed: bool, modifiers: Modifiers) -> Event {
    Event::Key {
        key,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers,
    }
}

/// Both the press and the release of `k` with `modifiers`.
fn tap(k: Key, modifiers: Modifiers) -> Vec<Event> {
    vec![key(k, true, modifiers), key(k, false, modifiers)]
}

impl Window {
    /// The window as it opens on `store`: the store is opened and its users read (the unlock
    /// screen) before the first frame.
    pub fn open(store: &Path) -> Self {
        Self {
            ctx: egui::Context::default(),
            app: PrivacyDeskApp::new(store.to_owned(), Prefs::default()),
            clock: 0.0,
        }
    }

    /// Draws one frame with `events` and returns how long it took.
    pub fn frame(&mut self, events: Vec<Event>) -> Duration {
        self.clock += DT;
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1100.0, 720.0))),
            time: Some(self.clock),
            predicted_dt: DT as f32,
            focused: true,
            events,
            ..Default::default()
        };
        let Self { ctx, app, .. } = self;
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| app.show(ui));
        let triangles = ctx.tessellate(output.shapes, output.pixels_per_point);
        let took = started.elapsed();
        std::hint::black_box(triangles);
        took
    }

    /// Whether the unlock screen (or any screen before unlocking) is showing.
    pub fn locked(&self) -> bool {
        !self.app.is_unlocked()
    }

    /// Draws frames (10 ms apart) until `done` holds, or fails after `limit`.
    fn until(
        &mut self,
        limit: Duration,
        what: &str,
        done: impl Fn(&PrivacyDeskApp) -> bool,
    ) -> Res<()> {
        let started = Instant::now();
        loop {
            self.frame(Vec::new());
            if done(&self.app) {
                return Ok(());
            }
            if started.elapsed() > limit {
                return Err(format!(
                    "the window did not {what} within {} s (notice: {:?})",
                    limit.as_secs(),
                    self.app.notice_text()
                )
                .into());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Types the passphrase into the focused field, presses Enter and waits until the store is
    /// unlocked and the background work after unlocking (search index, counts) is done.
    pub fn unlock(&mut self, passphrase: &str) -> Res<()> {
        self.frame(Vec::new());
        self.frame(Vec::new());
        self.frame(vec![Event::Text(passphrase.to_owned())]);
        self.frame(tap(Key::Enter, Modifiers::NONE));
        self.until(Duration::from_secs(60), "unlock", |a| a.is_unlocked())?;
        self.settle()
    }

    /// Waits until no background work runs.
    pub fn settle(&mut self) -> Res<()> {
        self.until(
            Duration::from_secs(900),
            "finish its background work",
            |a| !a.is_busy(),
        )?;
        self.frame(Vec::new());
        Ok(())
    }

    /// Goes to `area` with its keyboard shortcut (Ctrl+N) and lets it load.
    pub fn go(&mut self, area: Area) -> Res<()> {
        let position = Area::ALL
            .into_iter()
            .filter(|a| a.visible_to(Role::Owner))
            .position(|a| a == area)
            .ok_or("the area is not in the navigation")?;
        let digits = [
            Key::Num1,
            Key::Num2,
            Key::Num3,
            Key::Num4,
            Key::Num5,
            Key::Num6,
            Key::Num7,
            Key::Num8,
            Key::Num9,
        ];
        let digit = *digits.get(position).ok_or("no shortcut for the area")?;
        self.frame(tap(digit, Modifiers::COMMAND));
        if self.app.area() != Some(area) {
            return Err(format!("Ctrl+{} did not open {}", position + 1, area.label()).into());
        }
        for _ in 0..3 {
            self.frame(Vec::new());
        }
        self.settle()
    }

    /// `n` frames with the pointer resting over the list: repaints without input.
    pub fn idle_frames(&mut self, n: usize) -> Vec<Duration> {
        let at = Event::PointerMoved(Pos2::new(600.0, 450.0));
        self.frame(vec![at]);
        (0..n).map(|_| self.frame(Vec::new())).collect()
    }

    /// `n` frames each scrolled by a wheel notch (three lines) over the list; the rows that
    /// come into view are opened as they would be (pages of the register on the UI thread).
    pub fn scroll_frames(&mut self, n: usize, down: bool) -> Vec<Duration> {
        let at = Event::PointerMoved(Pos2::new(600.0, 450.0));
        self.frame(vec![at]);
        let delta = if down { -3.0 } else { 3.0 };
        (0..n)
            .map(|_| {
                self.frame(vec![Event::MouseWheel {
                    unit: MouseWheelUnit::Line,
                    delta: vec2(0.0, delta),
                    phase: TouchPhase::Move,
                    source: MouseWheelSource::Wheel,
                    modifiers: Modifiers::NONE,
                }])
            })
            .collect()
    }
}
