//! Lookups in the real Ding and `FreeDict` files, where Debian installs them (`trans-de-en`,
//! `dict-freedict-deu-eng`). CI installs both; elsewhere the tests say they skipped.

use leser::dict::{Answer, DEFAULT_PATHS, Dictionaries, find_sources, lookup_report};
use std::path::Path;
use std::sync::OnceLock;

/// The real dictionaries, opened once for all tests (the first run builds the indexes).
fn dicts() -> Option<&'static Dictionaries> {
    static DICTS: OnceLock<Option<(tempfile::TempDir, Dictionaries)>> = OnceLock::new();
    DICTS
        .get_or_init(|| {
            let missing: Vec<&str> = DEFAULT_PATHS
                .iter()
                .copied()
                .filter(|p| !Path::new(p).is_file())
                .collect();
            if !missing.is_empty() {
                assert!(
                    std::env::var_os("CI").is_none(),
                    "CI must install trans-de-en and dict-freedict-deu-eng; missing: {missing:?}"
                );
                eprintln!("skipped: no real dictionaries at {missing:?}");
                return None;
            }
            let cache = tempfile::tempdir().expect("temp dir");
            let (sources, errors) = find_sources(&[]);
            assert!(errors.is_empty(), "{errors:?}");
            assert_eq!(sources.len(), 2);
            let dicts = Dictionaries::open(&sources, Some(cache.path()), &|_, _| {});
            assert!(dicts.errors().is_empty(), "{:?}", dicts.errors());
            Some((cache, dicts))
        })
        .as_ref()
        .map(|(_, d)| d)
}

fn ding(answers: &[Answer]) -> Vec<&Answer> {
    answers
        .iter()
        .filter(|a| a.dictionary.starts_with("Ding"))
        .collect()
}

fn any_sense(answers: &[&Answer], lemma: &str, english: &str) -> bool {
    answers
        .iter()
        .any(|a| a.lemma == lemma && a.senses.iter().any(|s| s.text.contains(english)))
}

#[test]
fn auszuweisen_finds_ausweisen_to_expel() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("auszuweisen", None);
    let ding = ding(&answers);
    assert!(any_sense(&ding, "ausweisen", "to expel"), "{answers:#?}");
    let a = ding
        .iter()
        .find(|a| a.lemma == "ausweisen")
        .expect("ausweisen");
    assert_eq!(a.how, "zu-infinitive of ausweisen");
}

#[test]
fn buendnisses_finds_buendnis_alliance() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("Bündnisses", None);
    let ding = ding(&answers);
    assert!(any_sense(&ding, "Bündnis", "alliance"), "{answers:#?}");
    let a = ding.iter().find(|a| a.lemma == "Bündnis").expect("Bündnis");
    assert_eq!(a.headword, "das Bündnis");
    assert_eq!(a.how, "genitive singular of Bündnis");
    assert!(
        a.forms.iter().any(|f| f.contains("Bündnisse")),
        "{:?}",
        a.forms
    );
}

#[test]
fn diplomaten_finds_diplomat() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("Diplomaten", None);
    let ding = ding(&answers);
    assert!(any_sense(&ding, "Diplomat", "diplomat"), "{answers:#?}");
    assert!(ding[0].how.contains("plural"), "{:?}", ding[0].how);
}

#[test]
fn spionageaktivitaeten_finds_spionage_and_aktivitaet() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("Spionageaktivitäten", None);
    let ding = ding(&answers);
    assert!(any_sense(&ding, "Spionage", "espionage"), "{answers:#?}");
    assert!(any_sense(&ding, "Aktivität", "activity"), "{answers:#?}");
    assert!(ding.iter().all(|a| {
        a.how
            .starts_with("part of Spionageaktivitäten (Spionage + Aktivität)")
    }));
}

#[test]
fn mitgliedsstaaten_finds_mitgliedsstaat_member_state() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("Mitgliedsstaaten", None);
    let ding = ding(&answers);
    assert!(
        any_sense(&ding, "Mitgliedsstaat", "member state"),
        "{answers:#?}"
    );
    assert_eq!(ding[0].how, "plural of Mitgliedsstaat");
}

#[test]
fn zurueckzuziehen_finds_zurueckziehen_to_withdraw() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("zurückzuziehen", None);
    let ding = ding(&answers);
    assert!(
        any_sense(&ding, "zurückziehen", "to withdraw"),
        "{answers:#?}"
    );
}

#[test]
fn kuendigte_with_an_finds_ankuendigen_not_kuendigen() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("kündigte", Some("an"));
    assert!(!answers.is_empty());
    assert!(
        answers.iter().all(|a| a.lemma != "kündigen"),
        "{answers:#?}"
    );
    let ding = ding(&answers);
    assert!(any_sense(&ding, "ankündigen", "to herald"), "{answers:#?}");
    assert_eq!(
        ding[0].how,
        "simple past, 1st/3rd person singular of ankündigen"
    );
}

#[test]
fn kuendigte_alone_finds_kuendigen() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("kündigte", None);
    assert!(
        ding(&answers).iter().any(|a| a.lemma == "kündigen"),
        "{answers:#?}"
    );
}

#[test]
fn a_phrase_headword_is_found_from_its_verb() {
    let Some(d) = dicts() else { return };
    let answers = d.lookup("abziehen", None);
    assert!(
        answers.iter().any(|a| a.how == "phrase with abziehen"),
        "{answers:#?}"
    );
}

#[test]
fn the_lookup_report_says_what_it_found() {
    let Some(d) = dicts() else { return };
    let (text, found) = lookup_report(d, "auszuweisen", false);
    assert!(found);
    assert!(text.contains("zu-infinitive of ausweisen"), "{text}");
    let (json, found) = lookup_report(d, "kündigte an", true);
    assert!(found);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["particle"], "an");
    assert_eq!(v["answers"][0]["lemma"], "ankündigen");
    let (text, found) = lookup_report(d, "Bündnos", false);
    assert!(!found);
    assert!(text.contains("Bündnis"), "{text}");
}

#[test]
#[ignore = "prints lookups for a look by eye"]
fn print_lookups() {
    let Some(d) = dicts() else { return };
    for w in std::env::var("WORDS").unwrap_or_default().split(',') {
        let (text, _) = lookup_report(d, w, false);
        println!("=== {w}\n{text}");
    }
}

#[test]
#[ignore = "measures memory; run twice with LESER_CACHE_DIR set, the second run loads the cache"]
fn resident_memory_with_the_indexes_open() {
    let Some(cache) = std::env::var_os("LESER_CACHE_DIR") else {
        eprintln!("set LESER_CACHE_DIR to measure");
        return;
    };
    let rss = || {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (sources, _) = find_sources(&[]);
    let mut opened = Vec::new();
    println!("before: {}", rss());
    for source in &sources {
        let d =
            leser::dict::Dictionary::open(source, Some(Path::new(&cache)), &|_| {}).expect("opens");
        println!(
            "{}: {:?}, index file {} bytes, {} in memory; {}",
            d.name(),
            d.cache_status(),
            d.index().byte_len(),
            d.index().resident_len(),
            rss()
        );
        opened.push(d);
    }
    let dicts = Dictionaries::from_dictionaries(opened);
    for word in [
        "Bündnisses",
        "auszuweisen",
        "zurückzuziehen",
        "Spionageaktivitäten",
    ] {
        assert!(!dicts.lookup(word, None).is_empty());
    }
    assert!(!dicts.lookup("kündigte", Some("an")).is_empty());
    let resident: usize = dicts
        .dictionaries()
        .iter()
        .map(|d| d.index().resident_len())
        .sum();
    println!(
        "after five lookups: indexes {resident} bytes in memory; {}",
        rss()
    );
    assert!(dicts.nearest("Bündnos", 3).contains(&"Bündnis".to_string()));
    let resident: usize = dicts
        .dictionaries()
        .iter()
        .map(|d| d.index().resident_len())
        .sum();
    println!(
        "after a near-miss (every shard read): indexes {resident} bytes in memory; {}",
        rss()
    );
}

#[test]
fn answers_are_the_same_whether_entries_were_kept_or_not() {
    let Some(d) = dicts() else { return };
    let words: &[(&str, Option<&str>)] = &[
        ("kündigte", Some("an")),
        ("angekündigt", None),
        ("ankündigen", None),
        ("kündigte", None),
        ("zurückzuziehen", None),
        ("zog", Some("zurück")),
        ("Bündnisses", None),
        ("Bündnis", None),
        ("Haus", None),
        ("Häuser", None),
        ("Spionageaktivitäten", None),
        ("abziehen", None),
        ("Weisen", None),
        ("gewiesen", None),
    ];
    let fresh: Vec<_> = words
        .iter()
        .map(|&(w, p)| {
            d.forget_entries();
            d.lookup(w, p)
        })
        .collect();
    // Backwards, then forwards: each lookup now meets entries kept by the others.
    for &(w, p) in words.iter().rev() {
        d.lookup(w, p);
    }
    for (&(w, p), fresh) in words.iter().zip(&fresh) {
        assert_eq!(&d.lookup(w, p), fresh, "{w} {p:?}");
    }
}
