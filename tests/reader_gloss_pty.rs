//! The translation pane of a text without a translation, end to end through a real
//! pseudo-terminal: `t` shows the selected word's sentence word by word, a split verb of the
//! glossary as one item with its particle pointing back to it, and the dictionaries' English
//! filling in the words the glossary does not have. Sentences from Debian's fortunes-de.

mod common;

use common::{Reader, squeeze, warm_cache_dir};
use std::path::Path;

const TEXT: &str = "Wenn Du nur einen Hammer besitzt, sieht alles wie ein Nagel aus.\n\n\
                    Das Spiel dauert 90 Minuten.\n";

const GLOSSARY: &str = r#"
[[term]]
de = "aussehen"
en = "to look, to appear"
pos = "verb"
"#;

const DING: &str = "/usr/share/trans/de-en";

/// Starts the reader on TEXT (no translation beside it) with GLOSSARY.
fn start(data: &Path) -> Reader {
    let text = data.join("hammer.txt");
    let glossary = data.join("glossary.toml");
    std::fs::write(&text, TEXT).expect("write the text");
    std::fs::write(&glossary, GLOSSARY).expect("write the glossary");
    let args = [
        "--glossary",
        glossary.to_str().expect("a UTF-8 path"),
        text.to_str().expect("a UTF-8 path"),
    ];
    Reader::start_with(data, &warm_cache_dir(), &args)
}

/// What stands under `word` in the side pane, in its column: the words (up to two spaces
/// apart) on the next two rows, `""` where a row has nothing there.
fn under(reader: &Reader, word: &str) -> Option<[String; 2]> {
    let rows: Vec<Vec<char>> = reader
        .contents()
        .lines()
        .map(|l| {
            l.split_once('│')
                .map_or("", |(_, side)| side)
                .chars()
                .collect()
        })
        .collect();
    let target: Vec<char> = word.chars().collect();
    let (row, column) = rows.iter().enumerate().find_map(|(i, r)| {
        r.windows(target.len())
            .position(|w| w == target.as_slice())
            .map(|c| (i, c))
    })?;
    let at = |r: usize| -> String {
        let cells = rows
            .get(r)
            .map_or(&[][..], |cells| cells.get(column..).unwrap_or(&[]));
        let text: String = cells.iter().collect();
        text.split("  ")
            .next()
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    Some([at(row + 1), at(row + 2)])
}

#[test]
fn t_shows_the_sentence_word_by_word_with_a_split_verb_as_one_item() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = start(data.path());
    reader.wait_for_text("Hammer");
    reader.send("/sieht\r");
    reader.send("t");
    reader.wait_for("the sentence word by word", |r| {
        r.side_pane().contains(&squeeze("Word by word"))
            && under(r, "sieht … aus")
                == Some(["aussehen".into(), "to look, to appear".into()])
            // The particle's own column points back to its verb.
            && under(r, "aus.") == Some([String::new(), "← sieht".into()])
            // A function word, from the core lexicon.
            && under(r, "einen") == Some(["ein".into(), "a, an".into()])
    });
    // Where a translation would go is still said, under the gloss.
    assert!(
        reader
            .side_pane()
            .contains(&squeeze("No translation found"))
    );
    // `t` again: the card.
    reader.send("t");
    reader.wait_for("the card again", |r| {
        r.side_pane().contains(&squeeze("Glossary"))
    });
    reader.quit();
}

#[test]
fn the_dictionaries_fill_in_the_words_the_glossary_does_not_have() {
    if !Path::new(DING).is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{DING} is missing: CI must install trans-de-en"
        );
        eprintln!("skipped: {DING} is not installed (apt install trans-de-en)");
        return;
    }
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = start(data.path());
    reader.wait_for_text("Hammer");
    reader.wait_for_dictionaries();
    reader.send("t");
    reader.wait_for("Ding's English under besitzt and Nagel", |r| {
        under(r, "besitzt,").is_some_and(|[headword, english]| {
            headword == "besitzen" && !english.is_empty() && english != "…"
        }) && under(r, "Nagel") == Some(["der Nagel".into(), "nail".into()])
    });
    reader.quit();
}
