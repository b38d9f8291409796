//! The learner's loop end to end, through a real pseudo-terminal: an entry added from the
//! keyboard, a status set, both still there after a restart; a status that survives kill -9;
//! the reading position resumed. Each test has its own data dir (`LESER_DATA_DIR`).

mod common;

use common::{Reader, squeeze};
use leser::glossary::Glossary;
use leser::learner::{Status, Store, term_of};
use leser::link::Linker;
use leser::text::Document;

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
    let analysis = Linker::new(Glossary::bundled()).analyze(&Document::bundled());
    let glossary = Glossary::bundled();
    let first = term_of(&glossary, &analysis.links[0]).expect("the first term has an entry");

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
    assert_eq!(store.status(first), Status::Learning(3));
    assert!(store.warnings().is_empty(), "{:?}", store.warnings());
}

#[test]
fn reopening_resumes_at_the_same_term() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for("the first term", |r| r.title_bar().contains("term 1/"));
    // The card of a glossary term changes once the dictionaries are open (a folded line).
    reader.wait_for_dictionaries();
    reader.send("lllll");
    reader.wait_for("the sixth term", |r| r.title_bar().contains("term 6/"));
    let card = reader.side_pane();
    reader.quit();

    let reader = Reader::start(data.path());
    reader.wait_for_dictionaries();
    reader.wait_for("the sixth term again", |r| {
        r.title_bar().contains("term 6/") && r.side_pane() == card
    });
    reader.quit();
}
