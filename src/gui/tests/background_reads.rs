//! The Dashboard's whole-store reads — the review queue, the review count and the store
//! summary — run one at a time (issue #8: with a million people, side by side they would add
//! up their memory and take both cores), and each still arrives.

use super::consent::store_with_consents;
use super::*;

#[test]
fn after_marking_reviewed_the_queue_count_and_summary_never_run_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("store.pdesk");
    let _ = store_with_consents(&path, &[("old@example.org", 3), ("older@example.org", 4)]);
    let mut h = harness(&path, 1.0 / 60.0);
    unlock(&mut h);
    settle(&mut h);
    assert_eq!(h.state().dashboard_figures(), (Some(2), true));
    click(&mut h, "Open the review queue");
    settle(&mut h);
    click(&mut h, "Mark all listed as reviewed…");
    h.get_by_label("Yes, mark 2 consents as reviewed").click();

    // Frame by frame until everything is read again.
    let (mut saw_queue, mut saw_status) = (false, false);
    for frame in 0..4000 {
        h.step();
        let (count, queue, status) = h.state().whole_store_reads();
        assert!(
            !(status && (count || queue)),
            "frame {frame}: the summary runs beside the review count ({count}) or queue ({queue})"
        );
        assert!(
            !(count && queue),
            "frame {frame}: the count runs beside the queue"
        );
        saw_queue |= queue;
        saw_status |= status;
        if !h.state().is_busy() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    assert!(!h.state().is_busy(), "background work did not finish");
    assert!(
        h.state()
            .notice_text()
            .is_some_and(|t| t.contains("2 consents were marked reviewed")),
        "{:?}",
        h.state().notice_text()
    );
    assert!(saw_queue, "the queue was read again");
    assert!(saw_status, "the summary was read again");
    // The queue's length is the count; the summary waited for it and came.
    assert_eq!(h.state().dashboard_figures(), (Some(0), true));
    h.run();
    assert!(
        h.query_by_label("0 consents need review; 0 are stale")
            .is_some()
    );
    click(&mut h, "Dashboard");
    assert!(
        h.query_by_label("Nothing to review: every consent is recent, current and proven.")
            .is_some()
    );
    assert!(
        h.query_by_label("Data subjects").is_some(),
        "the summary is shown"
    );
}
