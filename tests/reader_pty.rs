//! The reader end to end, through a real pseudo-terminal: keys go in as bytes, a vt100 parser
//! keeps the screen, and each step waits for what it expects to see.

mod common;

use common::{Reader, squeeze};

#[test]
fn search_shows_the_card_then_t_shows_the_translation() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("/Rates\r");
    reader.wait_for("the card of NATO-Russland-Rat", |r| {
        let side = r.side_pane();
        side.contains("Glossary") && side.contains(&squeeze("NATO-Russia Council"))
    });
    reader.send("t");
    reader.wait_for("the English sentence", |r| {
        let side = r.side_pane();
        side.contains("Translation")
            && side.contains(&squeeze(
                "a meeting of the NATO-Russia Council is still relevant",
            ))
    });
    reader.quit();
}

#[test]
fn question_mark_opens_the_help_and_escape_closes_it() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("?");
    reader.wait_for_text("next word that is new");
    reader.send("\x1b");
    reader.wait_for("the help to close", |r| {
        !r.contents().contains("next word that is new")
    });
    reader.quit();
}

#[test]
fn ctrl_c_quits() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("\x03");
    assert!(reader.wait_exit().success(), "leser exits with status 0");
}
