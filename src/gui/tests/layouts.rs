//! Layouts that fit (issue 20, item 2): every area of a demo store, and the main pages inside
//! them (a request's page, a subject's page, the assessment editor with its guidance, the
//! vendor form, every section of Settings), drawn at 1024×700, at the window's default size
//! (1100×720) and at 1920×1080, with no text cut off at the side.
//!
//! How a cut is seen: egui keeps, for the last frame, every widget's full rectangle and the
//! part of it inside its clip rectangle (`WidgetRect::rect` and `interact_rect` in the
//! viewport's `prev_pass.widgets`). A widget whose full rectangle reaches past the clip on the
//! left or right was drawn with part of it cut off: a label, button or field wider than the
//! room it got, or pushed past the window's edge by what stands beside it. The widget's
//! accessibility node (same id) gives its role and its words, so the failure names the text.
//!
//! What is not a cut: a widget scrolled out of view vertically (its `interact_rect` is cut in
//! height only, and it is reached by scrolling down); a widget inside a table that scrolls
//! sideways (`widgets::wide`), where a horizontal scroll bar reaches the rest; a label elided
//! with "…" on purpose (`Label::truncate`, used in some table cells: it fits its cell and
//! shows the whole text on hover, so its rectangle is not cut). Frames in a vertical scroll
//! area are laid out whole, so text below the fold is checked too.

use std::collections::HashMap;

use egui::accesskit::{NodeId, Role};
use egui::{Id, Rect, WidgetRect};
use egui_kittest::kittest::NodeT;

use super::*;
use crate::domain::records::RecordCode;
use crate::gui::Command;
use crate::gui::app::Screen;
use crate::gui::areas::assessments::command::AssessmentCommand;
use crate::gui::areas::requests::command::RequestCommand;
use crate::gui::areas::vendors::command::VendorCommand;
use crate::gui::areas::{RecordsTab, RetentionTab, SecurityTab, SubjectsTab};

/// Half a pixel and more past the clip counts as cut (layout rounds to whole pixels).
const SLACK: f32 = 0.5;

/// One widget drawn with part of it cut off at the side.
#[derive(Debug)]
struct Cut {
    role: Role,
    words: String,
    rect: Rect,
    visible: Rect,
}

/// The widgets of the last frame whose text is cut at the left or right edge of their clip.
fn cuts(h: &Harness<'_, PrivacyDeskApp>) -> Vec<Cut> {
    let layers: Vec<Vec<WidgetRect>> = h.ctx.viewport(|vp| {
        vp.prev_pass
            .widgets
            .layers()
            .map(|(_, ws)| ws.to_vec())
            .collect()
    });
    let by_id: HashMap<Id, WidgetRect> = layers.iter().flatten().map(|w| (w.id, *w)).collect();
    let by_node: HashMap<NodeId, WidgetRect> = layers
        .iter()
        .flatten()
        .map(|w| (w.id.accesskit_id(), *w))
        .collect();
    let mut nodes = Vec::new();
    let mut stack = vec![h.root().accesskit_node()];
    while let Some(n) = stack.pop() {
        stack.extend(n.children());
        nodes.push(n);
    }
    // What a horizontal scroll bar reaches is not cut, it is one drag away. A scroll area's
    // content is a child Ui of the Ui the area was added to, registered (in painting order)
    // just before the area's bars, which are widgets of that same Ui: the content is the
    // nearest earlier sibling of its horizontal bar.
    let bars: Vec<Id> = nodes
        .iter()
        .filter(|n| n.role() == Role::ScrollBar)
        .filter_map(|n| by_node.get(&n.locate().0))
        .filter(|w| w.rect.width() > w.rect.height())
        .map(|w| w.id)
        .collect();
    let sideways: Vec<Id> = layers
        .iter()
        .flat_map(|ws| {
            ws.iter().enumerate().filter_map(|(i, bar)| {
                if !bars.contains(&bar.id) {
                    return None;
                }
                ws[..i]
                    .iter()
                    .rev()
                    .find(|w| w.parent_id == bar.parent_id && w.id != bar.parent_id)
                    .map(|content| content.id)
            })
        })
        .collect();
    let reached_sideways = |w: &WidgetRect| {
        let mut at = *w;
        for _ in 0..500 {
            if sideways.contains(&at.id) {
                return true;
            }
            match by_id.get(&at.parent_id) {
                Some(parent) if parent.id != at.id => at = *parent,
                _ => return false,
            }
        }
        false
    };
    nodes
        .iter()
        .filter(|n| !matches!(n.role(), Role::ScrollBar | Role::GenericContainer))
        .filter_map(|n| {
            let words = n.label().or_else(|| n.value()).unwrap_or_default();
            let w = by_node.get(&n.locate().0)?;
            let cut = w.rect.max.x > w.interact_rect.max.x + SLACK
                || w.rect.min.x < w.interact_rect.min.x - SLACK;
            (cut && !words.trim().is_empty() && !reached_sideways(w)).then(|| Cut {
                role: n.role(),
                words,
                rect: w.rect,
                visible: w.interact_rect,
            })
        })
        .collect()
}

/// A demo store of the smallest size, owned by `owner`.
fn demo_store(path: &Path) {
    crate::demo::create_demo(
        path,
        "owner",
        &Passphrase::new(PASS),
        KdfParams::FLOOR,
        crate::demo::MIN_DEMO_SUBJECTS,
        crate::demo::DEFAULT_DEMO_SEED,
        &crate::jobs::Progress::default(),
    )
    .unwrap();
}

fn main<'h>(h: &'h mut Harness<'_, PrivacyDeskApp>) -> &'h mut crate::gui::app::MainScreen {
    match &mut h.state_mut().screen {
        Screen::Main(m) => m,
        _ => panic!("the store is not unlocked"),
    }
}

/// The pages opened inside an area, each with the button that leads back (it shows the page
/// opened, so a step that opened nothing fails rather than passing on the wrong view).
const PAGES: [(&str, &str); 4] = [
    ("a subject's page", "Back to all subjects"),
    ("a request's page", "Back to the inbox"),
    (
        "the assessment editor with its guidance",
        "Back to all assessments",
    ),
    ("the vendor form", "Close the editor"),
];

/// A way to a view, from anywhere.
type Way = Box<dyn Fn(&mut Harness<'_, PrivacyDeskApp>)>;

/// What is shown (for the failure message) and the way there.
type Step = (&'static str, Way);

fn go(area: Area) -> Way {
    Box::new(move |h| h.state_mut().apply(Command::Navigate(area)))
}

/// Every area and its main pages, each a way to get there from anywhere.
fn steps(path: &Path) -> Vec<Step> {
    let session = Session::unlock(path, None, &Passphrase::new(PASS), Via::Cli).unwrap();
    let today = crate::gui::areas::today();
    let inbox = session.requests().inbox(today).unwrap();
    let request = inbox.first().unwrap().summary.id;
    let subject = inbox
        .iter()
        .find_map(|r| r.summary.subject_id)
        .expect("a demo request names its person");
    let assessment = session.assessments().list(today).unwrap()[0].id;
    let vendor: RecordCode = session.vendors().list().unwrap()[0].code.clone();
    drop(session);
    let subjects_tab = |tab: SubjectsTab| -> Way {
        Box::new(move |h| {
            h.state_mut().apply(Command::Navigate(Area::Subjects));
            h.state_mut().apply(Command::SubjectsTab(tab));
        })
    };
    vec![
        ("Dashboard", go(Area::Dashboard)),
        ("Subjects: people", subjects_tab(SubjectsTab::People)),
        ("Subjects: purposes", subjects_tab(SubjectsTab::Purposes)),
        ("Subjects: review", subjects_tab(SubjectsTab::Review)),
        ("Subjects: import", subjects_tab(SubjectsTab::Import)),
        (
            "Subjects: pseudonymised export",
            subjects_tab(SubjectsTab::Pseudonymised),
        ),
        (
            "a subject's page",
            Box::new(move |h| {
                h.state_mut().apply(Command::Navigate(Area::Subjects));
                h.state_mut().apply(Command::OpenSubject(subject));
            }),
        ),
        ("Campaigns", go(Area::Campaigns)),
        ("Requests: the inbox", go(Area::Requests)),
        (
            "a request's page",
            Box::new(move |h| {
                h.state_mut()
                    .apply(Command::Request(RequestCommand::Open(request)))
            }),
        ),
        (
            "Retention: policy",
            Box::new(|h| {
                h.state_mut().apply(Command::Navigate(Area::Retention));
                main(h).retention.tab = RetentionTab::Policy;
            }),
        ),
        (
            "Retention: holds",
            Box::new(|h| main(h).retention.tab = RetentionTab::Holds),
        ),
        (
            "Retention: sweeps",
            Box::new(|h| main(h).retention.tab = RetentionTab::Sweep),
        ),
        (
            "Records: activities",
            Box::new(|h| {
                h.state_mut().apply(Command::Navigate(Area::Records));
                main(h).records.tab = RecordsTab::Activities;
            }),
        ),
        (
            "Records: systems",
            Box::new(|h| main(h).records.tab = RecordsTab::Systems),
        ),
        (
            "Records: categories",
            Box::new(|h| main(h).records.tab = RecordsTab::Categories),
        ),
        (
            "Records: minimisation",
            Box::new(|h| main(h).records.tab = RecordsTab::Minimisation),
        ),
        ("Assessments", go(Area::Assessments)),
        (
            "the assessment editor with its guidance",
            Box::new(move |h| {
                h.state_mut()
                    .apply(Command::Assessment(AssessmentCommand::Open(assessment)))
            }),
        ),
        ("Vendors", go(Area::Vendors)),
        (
            "the vendor form",
            Box::new(move |h| {
                h.state_mut()
                    .apply(Command::Vendor(VendorCommand::Edit(vendor.clone())))
            }),
        ),
        (
            "Security: measures",
            Box::new(|h| {
                h.state_mut().apply(Command::Navigate(Area::Security));
                main(h).security.tab = SecurityTab::Measures;
            }),
        ),
        (
            "Security: training",
            Box::new(|h| main(h).security.tab = SecurityTab::Training),
        ),
        (
            "Security: incidents",
            Box::new(|h| main(h).security.tab = SecurityTab::Incidents),
        ),
        ("Audit log", go(Area::AuditLog)),
        (
            "Settings: general (every section, one scroll)",
            Box::new(|h| {
                h.state_mut().apply(Command::Navigate(Area::Settings));
                main(h).site.shown = false;
            }),
        ),
        (
            "Settings: self-service and mailbox",
            Box::new(|h| main(h).site.shown = true),
        ),
    ]
}

/// Opens a demo store at `size` and visits every step; fails naming each cut text.
fn every_view_fits(size: [f32; 2]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.pdesk");
    demo_store(&path);
    let steps = steps(&path);
    let mut h = harness(&path, 1.0 / 60.0);
    h.set_size(size.into());
    // The window's own fonts (the demo's names are in many scripts). A machine without the
    // system fonts for a script draws boxes there, as the window would, rather than panic.
    h.ctx.set_fonts(crate::gui::fonts::definitions());
    h.ctx
        .set_missing_glyph_policy(egui::epaint::text::MissingGlyphPolicy::Tofu);
    unlock(&mut h);
    let mut found = Vec::new();
    for (name, step) in &steps {
        step(&mut h);
        settle(&mut h);
        if let Some(back) = PAGES.iter().find(|(page, _)| page == name).map(|(_, b)| *b) {
            assert!(h.query_by_label(back).is_some(), "{name} did not open");
        }
        // Twice: sizes measured in one frame (a sizing pass, a scroll bar appearing) settle
        // in the next.
        h.run();
        assert!(
            h.state()
                .notice
                .as_ref()
                .is_none_or(|n| n.kind != crate::gui::widgets::NoticeKind::Error),
            "{name}: {:?}",
            h.state().notice_text()
        );
        for cut in cuts(&h) {
            found.push(format!(
                "{name}: {:?} “{}” is {:.0}–{:.0} wide but shown {:.0}–{:.0}",
                cut.role,
                cut.words,
                cut.rect.min.x,
                cut.rect.max.x,
                cut.visible.min.x,
                cut.visible.max.x
            ));
        }
    }
    assert!(
        found.is_empty(),
        "{} text(s) cut at {}×{}:\n{}",
        found.len(),
        size[0],
        size[1],
        found.join("\n")
    );
}

#[test]
fn every_area_fits_1024_by_700() {
    every_view_fits([1024.0, 700.0]);
}

#[test]
fn every_area_fits_the_default_window() {
    every_view_fits(crate::gui::DEFAULT_WINDOW);
}

#[test]
fn every_area_fits_1920_by_1080() {
    every_view_fits([1920.0, 1080.0]);
}
