//! The learner's loop end to end, through a real pseudo-terminal: an entry added from the
//! keyboard, a status set, both still there after a restart; a status that survives kill -9;
//! the reading position resumed. Each test has its own data dir (`LESER_DATA_DIR`).

mod common;

use common::{Reader, squeeze};
use leser::learner::{Status, Store};

#[test]
fn an_entry_added_from_the_keyboard_links_and_keeps_its_status_after_a_restart() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("/ersatzweise\r");
    reader.wait_for("ersatzweise selected, with no entry", |r| {
        let side = r.side_pane();
        side.contains("ersatzweise") && side.contains(&squeeze("no glossary entry"))
    });
    reader.send("a");
    reader.wait_for("the form, prefilled", |r| {
        let screen = r.contents();
        screen.contains("New glossary entry") && screen.contains("ersatzweise")
    });
    // The form opens on the German; Tab goes to the English, which the dictionary may have
    // suggested (once it is open) and Ctrl-u empties first.
    reader.send("\t\x15as a substitute");
    reader.wait_for_text("as a substitute");
    reader.send("\r");
    reader.wait_for("the card of the new entry", |r| {
        let side = r.side_pane();
        !r.contents().contains("New glossary entry")
            && side.contains("ersatzweise")
            && side.contains(&squeeze("as a substitute"))
    });
    reader.send("2");
    reader.wait_for("learning 2 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 2"))
    });
    reader.quit();

    let saved = std::fs::read_to_string(data.path().join("glossary.toml")).expect("glossary.toml");
    assert!(saved.contains("de = \"ersatzweise\""), "{saved}");
    assert!(saved.contains("en = \"as a substitute\""), "{saved}");

    let reader = Reader::start(data.path());
    reader.wait_for("ersatzweise linked, learning 2, after the restart", |r| {
        let side = r.side_pane();
        side.contains("ersatzweise")
            && side.contains(&squeeze("as a substitute"))
            && side.contains(&squeeze("status: learning 2"))
    });
    reader.quit();
}

#[test]
fn a_status_set_just_before_kill_9_is_saved() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("3");
    reader.wait_for("learning 3 on the card", |r| {
        r.side_pane().contains(&squeeze("status: learning 3"))
    });
    // portable-pty's kill() sends SIGHUP first; this must be SIGKILL, which nothing can catch.
    let pid = reader.child.process_id().expect("a pid");
    let killed = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(killed.success());
    let status = reader.wait_exit();
    assert!(!status.success(), "killed, not exited: {status:?}");

    let store = Store::open(data.path()).expect("the store opens");
    let statuses: Vec<(&str, Status)> = store.statuses().collect();
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert_eq!(statuses[0].1, Status::Learning(3));
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
}

#[test]
fn reopening_resumes_at_the_same_word() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for("the first term", |r| r.title_bar().contains("word "));
    // The card of a glossary term changes once the dictionaries are open (a folded line).
    reader.wait_for_dictionaries();
    let start = position(&reader.title_bar());
    reader.send("wwwww");
    reader.wait_for("five words on", |r| {
        position(&r.title_bar()).0 == start.0.map(|w| w + 5)
    });
    let here = position(&reader.title_bar());
    // The card's heading: the selected word (its IPA may arrive later, or not at all).
    let card = card_heading(&reader.side_pane());
    reader.quit();

    let reader = Reader::start(data.path());
    reader.wait_for_dictionaries();
    reader.wait_for("the same word again", |r| {
        position(&r.title_bar()) == here && card_heading(&r.side_pane()) == card
    });
    reader.quit();
}

/// The side pane up to the card's pronunciation or status: its title and the word.
fn card_heading(side: &str) -> String {
    let end = [side.find('/'), side.find("status:")]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(side.len());
    side[..end].to_string()
}

/// The word number and count in the title bar: "word 12/870".
fn position(title: &str) -> (Option<usize>, Option<usize>) {
    let Some(rest) = title.split("word ").nth(1) else {
        return (None, None);
    };
    let mut parts = rest.split(['/', ' ']);
    let word = parts.next().and_then(|w| w.parse().ok());
    let words = parts.next().and_then(|w| w.parse().ok());
    (word, words)
}
