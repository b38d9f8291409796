//! The offline dictionaries in the reader, end to end through a real pseudo-terminal: opened
//! (and indexed, into an empty cache) in the background, an unknown word's card with the
//! dictionary's answer, a glossary card's folded answers unfolded with `d`, a dictionary named
//! with `--dict`, and one named that is missing. Each test has its own data dir.

mod common;

use common::{Reader, squeeze};
use std::path::Path;

const DING: &str = "/usr/share/trans/de-en";

/// Whether Debian's Ding dictionary is here. CI installs it, so there its absence fails the
/// test; elsewhere the test is skipped with a note.
fn ding_installed() -> bool {
    if Path::new(DING).is_file() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{DING} is missing: CI must install trans-de-en and dict-freedict-deu-eng"
    );
    eprintln!("skipped: {DING} is not installed (apt install trans-de-en dict-freedict-deu-eng)");
    false
}

#[test]
fn an_unknown_word_gets_ding_s_answer_and_d_unfolds_a_glossary_card() {
    if !ding_installed() {
        return;
    }
    let data = tempfile::tempdir().expect("data dir");
    let cache = tempfile::tempdir().expect("cache dir");
    let mut reader = Reader::start_with(data.path(), cache.path(), &[]);
    reader.wait_for_text("Lawrow");
    reader.wait_for_dictionaries();

    // Not in the glossary; Ding has it as an adverb.
    reader.send("/ersatzweise\r");
    reader.wait_for("Ding's answer for ersatzweise", |r| {
        let side = r.side_pane();
        side.contains(&squeeze("no glossary entry"))
            && side.contains(&squeeze("1. by way of substition"))
            && side.contains(&squeeze("Ding de-en"))
    });

    // In the glossary (alliance, pact): the dictionaries' answers are one folded line.
    reader.send("/Bündnisses\r");
    reader.wait_for("the folded dictionary line", |r| {
        let side = r.side_pane();
        side.contains("alliance") && side.contains(&squeeze("answers (press d)"))
    });
    assert!(!reader.side_pane().contains("confederation"));
    reader.send("d");
    reader.wait_for("Ding's senses of Bündnis", |r| {
        let side = r.side_pane();
        side.contains(&squeeze("Dictionary (d folds)"))
            && side.contains(&squeeze("das Bündnis"))
            && side.contains("confederation")
    });
    reader.quit();
}

#[test]
fn a_dictionary_named_with_dict_answers_too() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
    let data = tempfile::tempdir().expect("data dir");
    let cache = tempfile::tempdir().expect("cache dir");
    let fixture = fixture.to_str().expect("a UTF-8 path");
    let mut reader = Reader::start_with(data.path(), cache.path(), &["--dict", fixture]);
    reader.wait_for_text("Lawrow");
    reader.wait_for_dictionaries();
    reader.send("/Mitgliedsstaaten\r");
    reader.wait_for("the folded dictionary line", |r| {
        r.side_pane().contains(&squeeze("answers (press d)"))
    });
    // Unfolded and scrolled to its end (Ctrl-j, more than enough times): the named
    // dictionary's answer comes after those of the dictionaries found by themselves.
    reader.send("d");
    reader.send(&"\n".repeat(60));
    reader.wait_for("the fixture's answer", |r| {
        let side = r.side_pane();
        side.contains(&squeeze("Ding ding-de-en.txt")) && side.contains(&squeeze("member state"))
    });
    reader.quit();
}

#[test]
fn a_missing_named_dictionary_is_a_one_line_notice_and_the_reader_goes_on() {
    let data = tempfile::tempdir().expect("data dir");
    let missing = data.path().join("missing-de-en");
    let missing = missing.to_str().expect("a UTF-8 path");
    let mut reader =
        Reader::start_with(data.path(), &common::warm_cache_dir(), &["--dict", missing]);
    reader.wait_for("the notice naming the file", |r| {
        let status = r.status_bar();
        status.contains("dictionary:") && status.contains("missing-de-en")
    });
    reader.send("/Rates\r");
    reader.wait_for("the card of NATO-Russland-Rat", |r| {
        r.side_pane().contains(&squeeze("NATO-Russia Council"))
    });
    reader.quit();
}
