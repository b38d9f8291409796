//! The core lexicon against real German: every function word among the 200 most frequent words
//! of Debian's fortunes-de (`tests/fixtures/core/top200.tsv`, made by `frequency.py` beside it)
//! gets the right headword and part of speech; the content words are left to the dictionaries.

use leser::de::core;
use std::path::Path;

struct Row {
    rank: usize,
    word: String,
    /// `(headword, pos)`; `None` for a content word.
    expected: Option<(String, String)>,
}

fn top200() -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/core/top200.tsv");
    let text = std::fs::read_to_string(&path).expect("the frequency list");
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [rank, word, _count, expected] = fields[..] else {
                panic!("rank, word, count, expected: {line}");
            };
            let expected = match expected.split_once(' ') {
                Some((headword, pos)) => Some((headword.to_string(), pos.to_string())),
                None => {
                    assert_eq!(expected, "content", "{line}");
                    None
                }
            };
            Row {
                rank: rank.parse().expect("a rank"),
                word: word.to_string(),
                expected,
            }
        })
        .collect()
}

#[test]
fn the_list_is_the_top_200() {
    let rows = top200();
    assert_eq!(rows.len(), 200);
    assert!(rows.iter().enumerate().all(|(i, r)| r.rank == i + 1));
    // Function words are most of the running text, and most of the top of the list.
    let function_words = rows.iter().filter(|r| r.expected.is_some()).count();
    assert!(function_words > 120, "{function_words}");
}

#[test]
fn every_function_word_of_the_top_200_has_its_core_entry() {
    let mut wrong = Vec::new();
    for row in top200() {
        let Some((headword, pos)) = &row.expected else {
            continue;
        };
        // As a text has it: at the start of a sentence too.
        for word in [row.word.clone(), capitalized(&row.word)] {
            match core::lookup(&word).first() {
                Some(e) if e.headword == headword && e.pos == pos => {}
                Some(e) => wrong.push(format!(
                    "{word}: {} {} (expected {headword} {pos})",
                    e.headword, e.pos
                )),
                None => wrong.push(format!("{word}: missing (expected {headword} {pos})")),
            }
            assert_eq!(core::headword(&word), Some(headword.as_str()));
        }
        let answer = &core::answers(&row.word)[0];
        assert_eq!(answer.dictionary, core::DICTIONARY);
        assert!(!answer.how.is_empty() && !answer.senses[0].text.is_empty());
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn content_words_of_the_top_200_are_left_to_the_dictionaries() {
    let claimed: Vec<String> = top200()
        .into_iter()
        .filter(|r| r.expected.is_none() && !core::lookup(&r.word).is_empty())
        .map(|r| r.word)
        .collect();
    assert!(claimed.is_empty(), "{claimed:?}");
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
