//! Every word of a text that is not the bundled article is a term, end to end through a real
//! pseudo-terminal: the status bar counts the new words, `1` on a word no glossary entry has
//! files every form of its headword under learning 1 and colours them, and `stats` and
//! `export anki` then count and export it. The words' headwords come from the dictionaries
//! (the test dictionary is named with `--dict`, so the Debian ones are not needed).

mod common;

use common::{Reader, warm_cache_dir};
use std::path::Path;
use std::process::Command;

/// Two forms of `geben` (Ding's test entry lists `gibt` and `gab`) and no glossary term.
const TEXT: &str = "Der Professor gab ihr ein Buch.\n\nHeute gibt sie ihm einen Stift.\n";

fn fixture_dict() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dict/ding-de-en.txt")
        .display()
        .to_string()
}

/// The number after `label` in the status bar: `new 12`.
fn count(status: &str, label: &str) -> Option<usize> {
    let rest = status.split(label).nth(1)?;
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit())
        .next()?
        .parse()
        .ok()
}

fn leser(data: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env("LESER_DATA_DIR", data)
        .env("LESER_CACHE_DIR", warm_cache_dir())
        .env("LESER_CONFIG", data.join("config.toml"))
        .output()
        .expect("run leser");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn a_status_on_one_form_marks_every_form_of_its_headword_and_is_counted_and_exported() {
    let data = tempfile::tempdir().expect("data dir");
    let text = data.path().join("professor.txt");
    std::fs::write(&text, TEXT).expect("write the text");
    let text = text.display().to_string();
    let dict = fixture_dict();
    let mut reader = Reader::start_with(data.path(), &warm_cache_dir(), &[&text, "--dict", &dict]);
    reader.wait_for_dictionaries();
    let status = reader.status_bar();
    let new = count(&status, "new").expect("the bar counts new words");
    assert!(new >= 10, "every word is a term: {status}");
    assert_eq!(count(&status, "learning"), Some(0), "{status}");

    reader.send("/gab\r1");
    reader.wait_for("learning 1 in the bar", |r| {
        count(&r.status_bar(), "learning") == Some(1)
    });
    assert!(
        reader.side_pane().contains("geben"),
        "the card names the headword: {}",
        reader.side_pane()
    );
    // The other form, `gibt`, has the learning colour too.
    let learning_1 = vt100::Color::Idx(220);
    reader.wait_for("gibt coloured as learning 1", |r| {
        r.cells_of_word("gibt")
            .is_some_and(|colors| colors.iter().all(|c| *c == learning_1))
    });
    reader.quit();

    let stats = leser(data.path(), &["stats", &text, "--dict", &dict]);
    assert!(stats.contains("learning    1"), "{stats}");
    let tsv = leser(data.path(), &["export", "anki", &text, "--dict", &dict]);
    let notes: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(notes.len(), 1, "{tsv}");
    assert!(notes[0].starts_with("geben\t"), "{tsv}");
    assert!(notes[0].contains("{{c1::gab}}"), "{tsv}");
    let english = notes[0].split('\t').nth(1).unwrap_or_default();
    assert!(english.contains("to "), "the dictionary's senses: {tsv}");
}
