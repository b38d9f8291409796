//! An accidental paste changes nothing, and `u` takes a status change back: through a real
//! pseudo-terminal, with the learner's data checked on disk afterwards.

mod common;

use common::{Reader, squeeze};
use leser::learner::{Status, Store};
use leser::tui::strings;

/// What a terminal sends for a paste once the program has turned bracketed paste on.
const BRACKETED_PASTE: &str = "\x1b[200~Kyiv 2022\x1b[201~";
const BRACKETED_PASTE_ON: &[u8] = b"\x1b[?2004h";

fn statuses(data: &std::path::Path) -> Vec<(String, Status)> {
    let store = Store::open(data).expect("the store opens");
    store.statuses().map(|(t, s)| (t.to_string(), s)).collect()
}

#[test]
fn a_bracketed_paste_is_ignored_with_a_notice() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    assert!(
        reader.has_printed(BRACKETED_PASTE_ON),
        "the reader turns bracketed paste on"
    );
    reader.send(BRACKETED_PASTE);
    reader.wait_for("the notice", |r| {
        r.status_bar().contains(strings::PASTE_IGNORED)
    });
    reader.quit();
    assert_eq!(statuses(data.path()), []);
}

#[test]
fn a_paste_arriving_as_keys_cannot_answer_the_question() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    // A terminal without bracketed paste: the pasted text comes as keys, all at once. `K`
    // asks; the `y` was typed before the question was on screen and must not answer it, and
    // the keys after it (`i`, `2`: statuses) go with it.
    reader.send("Kyiv 2022");
    reader.wait_for("the question", |r| r.status_bar().contains("known? y/n"));
    reader.send("n");
    reader.wait_for("the question gone", |r| {
        !r.status_bar().contains("known? y/n")
    });
    reader.quit();
    assert_eq!(statuses(data.path()), []);
}

#[test]
fn u_undoes_a_status_and_a_bulk_mark() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("3");
    reader.wait_for("learning 3 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 3"))
    });
    reader.send("K");
    reader.wait_for("the question", |r| r.status_bar().contains("known? y/n"));
    reader.send("y");
    reader.wait_for("terms marked known", |r| {
        r.status_bar().contains("terms marked known")
    });
    reader.send("u");
    reader.wait_for("the bulk mark undone", |r| {
        r.status_bar().contains("terms back to new")
    });
    reader.send("u");
    reader.wait_for("the single status undone", |r| {
        r.status_bar().contains("back to new") && r.side_pane().contains(&squeeze("status: new"))
    });
    reader.quit();
    assert_eq!(statuses(data.path()), []);
}

#[test]
fn a_25_kb_paste_is_taken_at_once() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    let big = "Bündnis Kyiv 2022 ".repeat(25 * 1024 / 19);
    // Ignored while reading,
    reader.send(&format!("\x1b[200~{big}\x1b[201~"));
    reader.wait_for("the notice", |r| {
        r.status_bar().contains(strings::PASTE_IGNORED)
    });
    // and typed into the search prompt when it is open.
    reader.send("/");
    reader.send(&format!("\x1b[200~{big}\x1b[201~"));
    reader.wait_for("the pasted search", |r| {
        r.status_bar().starts_with("/Bündnis Kyiv 2022 Bündnis")
    });
    reader.send("\x1b");
    reader.wait_for("the prompt closed", |r| !r.status_bar().starts_with('/'));
    reader.quit();
    assert_eq!(statuses(data.path()), []);
}
