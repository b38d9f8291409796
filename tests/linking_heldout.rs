//! Recall and precision of the linker on sentences it was not tuned on:
//! `tests/fixtures/linking/heldout*/sentences.toml`, every link marked by hand, each set with a
//! learner's quick glossary (headword, English, part of speech, gender; no plurals, no forms).

use leser::glossary::Glossary;
use leser::link::Linker;
use leser::text::Document;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

#[derive(serde::Deserialize)]
struct Gold {
    sentence: Vec<Sentence>,
}

#[derive(serde::Deserialize)]
struct Sentence {
    text: String,
    links: Vec<(String, String)>,
}

#[test]
fn heldout_recall_and_precision() {
    check_set("heldout");
}

#[test]
fn second_heldout_recall_and_precision() {
    check_set("heldout2");
}

/// Links one set, prints recall, precision and every miss and false link, and asserts both.
fn check_set(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/linking")
        .join(name);
    let glossary = Glossary::load(&dir.join("glossary.toml")).expect("glossary loads");
    let gold: Gold = toml::from_str(
        &std::fs::read_to_string(dir.join("sentences.toml")).expect("sentences.toml"),
    )
    .expect("sentences.toml parses");
    let linker = Linker::new(glossary);
    let homographs: std::collections::HashSet<&str> = {
        let mut seen = std::collections::HashSet::new();
        linker
            .glossary()
            .entries
            .iter()
            .filter(|e| !seen.insert(e.de.as_str()))
            .map(|e| e.de.as_str())
            .collect()
    };
    let (mut expected, mut found, mut right) = (0u32, 0u32, 0u32);
    let mut report = String::new();
    for s in &gold.sentence {
        let doc = Document::parse("s", s.text.clone()).expect("sentence parses");
        let mut wanted: HashMap<(String, String), usize> = HashMap::new();
        for (words, term) in &s.links {
            *wanted.entry((words.clone(), term.clone())).or_default() += 1;
        }
        expected += u32::try_from(s.links.len()).expect("few links");
        for link in linker.analyze(&doc).links {
            found += 1;
            let entry = &linker.glossary().entries[link.entry];
            let words: Vec<&str> = link.spans.iter().map(|r| &s.text[r.clone()]).collect();
            let mut term = entry.de.clone();
            if homographs.contains(entry.de.as_str())
                && let Some(g) = entry.gender
            {
                term = format!("{term} {}", g.as_str());
            }
            let key = (words.join(" … "), term);
            match wanted.get_mut(&key) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    right += 1;
                }
                _ => {
                    let _ = writeln!(report, "  false: {} → {}   ({})", key.0, key.1, s.text);
                }
            }
        }
        for ((words, term), n) in wanted {
            for _ in 0..n {
                let _ = writeln!(report, "  missed: {words} → {term}   ({})", s.text);
            }
        }
    }
    let recall = f64::from(right) / f64::from(expected);
    let precision = f64::from(right) / f64::from(found);
    println!(
        "{name}: {right} of {expected} links found (recall {recall:.3}), {right} of {found} right (precision {precision:.3})\n{report}"
    );
    assert!(
        recall >= 0.9 && precision >= 0.95,
        "recall {recall:.3}, precision {precision:.3}\n{report}"
    );
}
