//! Dictionaries written for these tests, in Ding's and `FreeDict`'s (dictd) syntax:
//! `tests/fixtures/dict/`. Lookups, the index cache (built, loaded, corrupt, stale), errors.

use leser::de::core;
use leser::dict::{
    Answer, CacheStatus, DEFAULT_PATHS, DictError, Dictionaries, Dictionary, Format, Place, Source,
    find_sources, lookup_report,
};
use std::cell::RefCell;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/dict")
        .join(name)
}

fn ding_source() -> Source {
    Source::from_path(&fixture("ding-de-en.txt")).expect("Ding fixture")
}

fn open_all(cache: &Path) -> Dictionaries {
    let sources = [
        ding_source(),
        Source::from_path(&fixture("dictzip/test-deu-eng.index")).expect("dictzip fixture"),
    ];
    let dicts = Dictionaries::open(&sources, Some(cache), &|_, _| {});
    assert!(dicts.errors().is_empty(), "{:?}", dicts.errors());
    dicts
}

fn ding_only(cache: &Path) -> Dictionaries {
    let d = Dictionary::open(&ding_source(), Some(cache), &|_| {}).expect("opens");
    Dictionaries::from_dictionaries(vec![d])
}

fn find<'a>(answers: &'a [Answer], lemma: &str) -> &'a Answer {
    answers
        .iter()
        .find(|a| a.lemma == lemma)
        .unwrap_or_else(|| panic!("no answer for {lemma}: {answers:#?}"))
}

#[test]
fn recognizes_the_formats_by_name() {
    assert_eq!(ding_source().format, Format::Ding);
    let dz = Source::from_path(&fixture("dictzip/test-deu-eng.dict.dz")).expect("dictd");
    assert_eq!(dz.format, Format::Dictd);
    assert_eq!(dz.path, fixture("dictzip/test-deu-eng.index"));
    assert_eq!(dz.name, "test-deu-eng");
    let plain = Source::from_path(&fixture("plain/test-deu-eng.index")).expect("dictd");
    assert_eq!(plain.data, Some(fixture("plain/test-deu-eng.dict")));
}

#[test]
fn a_zu_infinitive_finds_its_verb() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("auszuweisen", None);
    let a = find(&answers, "ausweisen");
    assert_eq!(a.headword, "ausweisen");
    assert_eq!(a.senses[0].de, "jdn. ausweisen (aus einem Land)");
    assert_eq!(a.how, "zu-infinitive of ausweisen");
    assert_eq!(a.senses[0].text, "to expel sb. (from a country)");
    assert_eq!(a.senses[0].pos, "verb");
    assert_eq!(a.senses[0].tags, vec!["transitive"]);
    assert_eq!(a.senses[0].labels, vec!["adm."]);
    assert_eq!(
        a.forms,
        vec!["ausweisend", "ausgewiesen", "weist aus", "wies aus"]
    );
}

#[test]
fn a_genitive_finds_its_noun_with_article_and_plural() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("Bündnisses", None);
    assert_eq!(answers.len(), 1, "{answers:#?}");
    let a = &answers[0];
    assert_eq!(a.headword, "das Bündnis");
    assert_eq!(a.how, "genitive singular of Bündnis");
    assert_eq!(a.forms, vec!["pl. Bündnisse"]);
    let senses: Vec<&str> = a.senses.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(senses, vec!["alliance", "covenant"]);
    assert_eq!(a.senses[1].labels, vec!["relig."]);
}

#[test]
fn a_plural_from_the_form_column_names_its_singular() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("Mitgliedsstaaten", None);
    assert_eq!(answers[0].lemma, "Mitgliedsstaat");
    assert_eq!(answers[0].how, "plural of Mitgliedsstaat");
    let answers = dicts.lookup("Diplomaten", None);
    assert_eq!(answers[0].headword, "der Diplomat");
    assert_eq!(
        answers[0].senses[0].de,
        "der Diplomat (im auswärtigen Dienst)"
    );
    assert_eq!(
        answers[0].how,
        "plural or genitive/dative/accusative singular of Diplomat"
    );
}

#[test]
fn a_split_verb_finds_the_particle_verb_not_the_base() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("kündigte", Some("an"));
    assert!(
        answers.iter().all(|a| a.lemma != "kündigen"),
        "{answers:#?}"
    );
    let a = find(&answers, "ankündigen");
    assert_eq!(a.how, "simple past, 1st/3rd person singular of ankündigen");
    assert_eq!(a.headword, "ankündigen");
    assert_eq!(a.senses[0].de, "etw. ankündigen");
    assert_eq!(a.senses[0].synonyms, vec!["etw. verkünden"]);
    // Without the particle, the base verb.
    let answers = dicts.lookup("kündigte", None);
    assert_eq!(
        find(&answers, "kündigen").how,
        "simple past, 1st/3rd person singular of kündigen"
    );
}

#[test]
fn a_split_verb_missing_from_the_form_columns_is_analyzed_joined() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    // `baue … auf` is in no form column: joined, `aufbaue` is a present form of aufbauen.
    let answers = dicts.lookup("baue", Some("auf"));
    assert_eq!(
        find(&answers, "aufbauen").how,
        "present, 1st person singular of aufbauen"
    );
    let answers = dicts.lookup("hängt", Some("ab"));
    assert_eq!(
        find(&answers, "abhängen").how,
        "present, 3rd person singular or 2nd person plural of abhängen"
    );
}

#[test]
fn pronouns_before_forms_are_not_part_of_them() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("zog", Some("zurück"));
    assert_eq!(
        find(&answers, "zurückziehen").how,
        "simple past, 1st/3rd person singular of zurückziehen"
    );
    let answers = dicts.lookup("zurückzuziehen", None);
    let a = find(&answers, "zurückziehen");
    assert_eq!(a.how, "zu-infinitive of zurückziehen");
    // English irregular forms in braces are not shown.
    assert_eq!(a.senses[0].text, "to withdraw sth.");
}

#[test]
fn a_strong_participle_finds_its_verb() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("gewiesen", None);
    assert_eq!(answers[0].lemma, "weisen");
    assert_eq!(answers[0].how, "past participle of weisen");
}

#[test]
fn a_phrase_headword_is_found_from_its_verb() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("abziehen", None);
    assert_eq!(answers[0].lemma, "abziehen", "the verb itself first");
    let phrase = answers
        .iter()
        .find(|a| a.how == "phrase with abziehen")
        .unwrap_or_else(|| panic!("{answers:#?}"));
    assert_eq!(phrase.headword, "von einem Ort abziehen");
    assert_eq!(phrase.senses[0].labels, vec!["mil."]);
}

#[test]
fn a_multi_word_headword_is_found_whole() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("zur Kenntnis nehmen", None);
    assert_eq!(answers[0].headword, "zur Kenntnis nehmen");
    assert_eq!(answers[0].senses[0].de, "etw. zur Kenntnis nehmen");
    assert_eq!(answers[0].how, "");
}

#[test]
fn adjective_comparison_from_columns_and_rules() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    assert_eq!(dicts.lookup("älter", None)[0].how, "comparative of alt");
    assert_eq!(dicts.lookup("ältesten", None)[0].how, "superlative of alt");
    assert_eq!(
        dicts.lookup("kleinste", None)[0].how,
        "superlative of klein"
    );
    // Not in a column: found by rule.
    let a = &dicts.lookup("größeren", None)[0];
    assert_eq!(a.lemma, "groß");
    assert_eq!(a.forms, vec!["größer", "am größten"]);
}

#[test]
fn a_compound_nobody_lists_is_answered_through_its_parts() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("Spionageaktivitäten", None);
    let lemmas: Vec<&str> = answers.iter().map(|a| a.lemma.as_str()).collect();
    // The head first: what the compound is.
    assert_eq!(lemmas, vec!["Aktivität", "Spionage"]);
    assert!(answers.iter().all(|a| {
        a.how
            .starts_with("part of Spionageaktivitäten (Spionage + Aktivität)")
    }));
    assert!(dicts.has_answer("Spionageaktivitäten", None));
}

#[test]
fn a_sub_entry_in_a_later_column_is_found() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("Militärbündnis", None);
    assert_eq!(answers[0].headword, "das Militärbündnis");
    assert_eq!(answers[0].senses[0].text, "military alliance");
}

#[test]
fn a_search_keyword_finds_its_entry() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("Ausweisungsverfahren", None);
    assert_eq!(answers[0].lemma, "Ausweisung");
}

#[test]
fn a_word_spelled_out_keeps_its_case_s_meaning() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    // `frank` with its final e put back is `franke`, but a lowercase word is no noun: not
    // `Franke`.
    assert_eq!(dicts.lookup("Franken", None)[0].lemma, "Franke");
    let frank = dicts.lookup("frank", None);
    assert!(frank.is_empty(), "{frank:#?}");
}

#[test]
fn a_noun_spelled_as_its_headword_is_not_called_its_plural() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    // Das Fenster, die Fenster: the same word in either number.
    let fenster = dicts.lookup("Fenster", None);
    assert_eq!(fenster[0].lemma, "Fenster", "{fenster:#?}");
    assert_eq!(fenster[0].how, "singular or plural");
    assert!(
        dicts.lookup("Fenstern", None)[0]
            .how
            .starts_with("dative plural")
    );
    // Die Kosten has no singular: nothing to tell apart.
    let kosten = dicts.lookup("Kosten", None);
    assert_eq!(kosten[0].headword, "die Kosten (pl.)", "{kosten:#?}");
    assert_eq!(kosten[0].how, "");
    // The same for a text's words (annotate --dict, the status bar's headwords).
    let form = |w: &str| {
        dicts
            .headword_and_form(w, None, Place::default())
            .map(|(_, f)| f)
    };
    assert_eq!(form("Fenster").as_deref(), Some("singular or plural"));
    assert_eq!(form("Kosten").as_deref(), Some(""));
    assert!(form("Fenstern").is_some_and(|f| f.starts_with("dative plural")));
}

#[test]
fn an_old_dative_is_no_plural_where_the_entry_lists_another() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let hause = dicts.lookup("Hause", None);
    assert_eq!(hause[0].lemma, "Haus", "{hause:#?}");
    assert!(!hause[0].how.contains("plural"), "{}", hause[0].how);
    let haeuser = dicts.lookup("Häusern", None);
    assert!(
        haeuser[0].how.contains("dative plural"),
        "{}",
        haeuser[0].how
    );
    // A plural one line lists stays one where another line lists another.
    for plural in ["Worte", "Wörter", "Worten", "Wörtern"] {
        let found = dicts.lookup(plural, None);
        assert_eq!(found[0].lemma, "Wort", "{found:#?}");
        assert!(found[0].how.contains("plural of Wort"), "{}", found[0].how);
    }
}

#[test]
fn old_spelling_finds_the_new() {
    let cache = tempfile::tempdir().expect("temp dir");
    // The dictionary's answers, after the core lexicon's.
    let dictionary = |word: &str| -> Vec<Answer> {
        let answers = ding_only(cache.path()).lookup(word, None);
        assert!(core::is_core(&answers[0]), "{answers:#?}");
        answers.into_iter().filter(|a| !core::is_core(a)).collect()
    };
    let answers = dictionary("muß");
    assert!(
        answers.is_empty(),
        "muss is not in the fixture: {answers:#?}"
    );
    let answers = dictionary("daß");
    assert_eq!(answers[0].lemma, "daß");
    assert_eq!(answers[0].senses[0].labels, vec!["alt"]);
}

#[test]
fn the_case_of_the_word_picks_noun_or_not() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let upper = dicts.lookup("Arme", None);
    assert_eq!(upper[0].senses[0].pos, "noun", "{upper:#?}");
    let lower = dicts.lookup("arme", None);
    assert_eq!(lower[0].lemma, "arm");
    assert_eq!(lower[0].senses[0].pos, "adj", "{lower:#?}");
    // A part of speech asked for comes first: the core lexicon's adverb, then the dictionary's.
    let asked = dicts.lookup_for("gleich", None, Some("adv"));
    assert!(core::is_core(&asked[0]), "{asked:#?}");
    assert_eq!(asked[1].senses[0].text, "right away; in a moment");
    let asked = dicts.lookup_for("gleich", None, Some("adj"));
    assert_eq!(asked[0].senses[0].text, "same; equal");
}

#[test]
fn punctuation_around_a_word_is_ignored() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = ding_only(cache.path()).lookup("„Diplomaten“,", None);
    assert_eq!(answers[0].lemma, "Diplomat");
}

#[test]
fn unknown_words_have_no_answer_but_neighbours() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    assert!(dicts.lookup("Quatschwort", None).is_empty());
    assert!(!dicts.has_answer("Quatschwort", None));
    assert_eq!(dicts.nearest("Bündnos", 3)[0], "Bündnis");
    assert_eq!(dicts.nearest("Diplomatx", 1), vec!["Diplomat"]);
}

#[test]
fn freedict_articles_are_read_through_dictzip_chunks() {
    let cache = tempfile::tempdir().expect("temp dir");
    let source = Source::from_path(&fixture("dictzip/test-deu-eng.index")).expect("source");
    let d = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    let dicts = Dictionaries::from_dictionaries(vec![d]);
    let a = &dicts.lookup("Bündnisses", None)[0];
    assert_eq!(a.headword, "das Bündnis");
    assert_eq!(a.senses[0].text, "alliance");
    assert_eq!(a.senses[0].synonyms, vec!["Allianz"]);
    // This article straddles the first chunk boundary.
    let a = &dicts.lookup("zurückzuziehen", None)[0];
    assert_eq!(a.headword, "zurückziehen");
    assert_eq!(a.senses[0].text, "withdraw sth., retract sth.");
    assert_eq!(a.senses[0].tags, vec!["transitive"]);
    // The last article lies in the second chunk.
    assert_eq!(dicts.lookup("weisen", None)[0].senses[0].text, "point");
    let a = &dicts.lookup("kündigen", None)[0];
    assert_eq!(a.senses[0].text, "give notice (to an employer)");
    assert_eq!(a.senses[0].labels, vec!["Arbeitsstelle"]);
}

#[test]
fn plain_and_compressed_dictd_files_give_the_same_answers() {
    let cache = tempfile::tempdir().expect("temp dir");
    let open = |index: &str| {
        let source = Source::from_path(&fixture(index)).expect("source");
        Dictionaries::from_dictionaries(vec![
            Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens"),
        ])
    };
    let plain = open("plain/test-deu-eng.index");
    let dz = open("dictzip/test-deu-eng.index");
    for word in [
        "Bündnis",
        "Diplomat",
        "ausweisen",
        "ankündigen",
        "Spionage",
        "Aktivität",
        "alt",
        "Haus",
        "zurückziehen",
        "weisen",
        "Mitgliedsstaat",
    ] {
        let p = plain.lookup(word, None);
        assert!(!p.is_empty(), "{word}");
        assert_eq!(p, dz.lookup(word, None), "{word}");
    }
    assert!(
        plain.lookup("00databaseinfo", None).is_empty(),
        "dictd's own entries are not words"
    );
}

#[test]
fn several_dictionaries_answer_in_order() {
    let cache = tempfile::tempdir().expect("temp dir");
    let answers = open_all(cache.path()).lookup("Bündnisses", None);
    let dicts: Vec<&str> = answers.iter().map(|a| a.dictionary.as_str()).collect();
    assert_eq!(dicts, vec!["Ding ding-de-en.txt", "test-deu-eng"]);
}

#[test]
fn named_dictionaries_are_found_and_missing_ones_reported() {
    let named = [
        fixture("ding-de-en.txt"),
        fixture("no-such-dictionary"),
        fixture("ding-de-en.txt"),
    ];
    let (sources, errors) = find_sources(&named);
    let ours: Vec<&Source> = sources
        .iter()
        .filter(|s| s.path == fixture("ding-de-en.txt"))
        .collect();
    assert_eq!(ours.len(), 1, "named twice, opened once");
    let defaults = DEFAULT_PATHS
        .iter()
        .filter(|p| Path::new(p).is_file())
        .count();
    assert_eq!(sources.len(), defaults + 1);
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].to_string().contains("no-such-dictionary"),
        "{}",
        errors[0]
    );
}

#[test]
fn the_index_is_cached_and_loaded_again() {
    let cache = tempfile::tempdir().expect("temp dir");
    let first = Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
    assert_eq!(first.cache_status(), CacheStatus::Built);
    let second = Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
    assert_eq!(second.cache_status(), CacheStatus::Loaded);
    assert_eq!(first.index().key_count(), second.index().key_count());
    let files: Vec<String> = fs::read_dir(cache.path())
        .expect("cache dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "no temporary file left: {files:?}");
    let file = Path::new(&files[0]);
    assert!(files[0].starts_with("ding-"));
    assert!(file.extension().is_some_and(|e| e == "idx"));
}

#[test]
fn the_build_reports_progress_up_to_one() {
    let seen = RefCell::new(Vec::new());
    Dictionary::open(&ding_source(), None, &|f| seen.borrow_mut().push(f)).expect("opens");
    let seen = seen.into_inner();
    assert_eq!(seen.first(), Some(&0.0));
    assert_eq!(seen.last(), Some(&1.0));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]));
}

fn cache_file(cache: &Path) -> PathBuf {
    fs::read_dir(cache)
        .expect("cache dir")
        .map(|e| e.expect("entry").path())
        .find(|p| p.extension().is_some_and(|e| e == "idx"))
        .expect("a cache file")
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as usize
}

/// Where the shards start in a cache file: after the 84-byte header, the source path (its
/// length at 72) and the shard directory (its length at 60). See `src/dict/index.rs`.
fn shards_start(cache: &[u8]) -> usize {
    84 + u32_at(cache, 72) + u32_at(cache, 60)
}

fn flipped(good: &[u8], at: usize) -> Vec<u8> {
    let mut bad = good.to_vec();
    bad[at] ^= 0xff;
    bad
}

#[test]
fn a_corrupt_cache_is_rebuilt_not_trusted() {
    let cache = tempfile::tempdir().expect("temp dir");
    Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("cache");
    let shards = shards_start(&good);
    // Header, source path, shard directory: checked when the cache is opened.
    for (bad, reason) in [
        (flipped(&good, 12), "another dictionary format"),
        (flipped(&good, 50), "checksum mismatch"),
        (flipped(&good, 80), "the dictionary changed"),
        (flipped(&good, 88), "built from another file"),
        (flipped(&good, shards - 1), "checksum mismatch"),
        (good[..good.len() - 3].to_vec(), "truncated or padded"),
        ([&good[..], b"x"].concat(), "truncated or padded"),
        (b"garbage".to_vec(), "not a leser index"),
        (Vec::new(), "not a leser index"),
    ] {
        fs::write(&file, bad).expect("write");
        let d = Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
        assert_eq!(d.cache_status(), CacheStatus::Rebuilt(reason.to_string()));
        let dicts = Dictionaries::from_dictionaries(vec![d]);
        assert_eq!(dicts.lookup("Bündnisses", None)[0].lemma, "Bündnis");
        assert_eq!(
            fs::read(&file).expect("cache"),
            good,
            "the cache is written anew"
        );
    }
}

#[test]
fn a_corrupt_shard_is_found_by_the_lookup_and_rebuilt() {
    let cache = tempfile::tempdir().expect("temp dir");
    Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
    let file = cache_file(cache.path());
    let good = fs::read(&file).expect("cache");
    assert_eq!(u32_at(&good, 56), 1, "the fixture's index is one shard");
    let shards = shards_start(&good);
    // The shard's fst, its postings (at the end), and a byte between.
    for at in [
        shards,
        shards + 2,
        usize::midpoint(shards, good.len()),
        good.len() - 1,
    ] {
        fs::write(&file, flipped(&good, at)).expect("write");
        let d = Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
        assert_eq!(
            d.cache_status(),
            CacheStatus::Loaded,
            "shards are checked when read"
        );
        assert_eq!(
            d.index().verify(),
            Err("shard 0: checksum mismatch".to_string())
        );
        let d = Dictionary::open(&ding_source(), Some(cache.path()), &|_| {}).expect("opens");
        let dicts = Dictionaries::from_dictionaries(vec![d]);
        let answers = dicts.lookup("Bündnisses", None);
        assert_eq!(answers[0].lemma, "Bündnis", "byte {at}");
        assert_eq!(answers[0].senses[0].text, "alliance");
        let d = &dicts.dictionaries()[0];
        assert_eq!(
            d.cache_status(),
            CacheStatus::Rebuilt("shard 0: checksum mismatch".to_string())
        );
        assert_eq!(d.index().corruption(), None);
        assert_eq!(
            fs::read(&file).expect("cache"),
            good,
            "the cache is written anew"
        );
    }
    // The same for the other ways in: marking words, and suggesting neighbours.
    fs::write(&file, flipped(&good, shards + 1)).expect("write");
    let dicts = ding_only(cache.path());
    assert!(dicts.has_answer("Bündnisses", None));
    assert_eq!(fs::read(&file).expect("cache"), good);
    fs::write(&file, flipped(&good, good.len() - 2)).expect("write");
    let dicts = ding_only(cache.path());
    assert_eq!(dicts.nearest("Bündnos", 1), vec!["Bündnis".to_string()]);
    assert_eq!(fs::read(&file).expect("cache"), good);
}

#[test]
fn a_changed_dictionary_makes_the_cache_stale() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("de-en");
    fs::copy(fixture("ding-de-en.txt"), &copy).expect("copy");
    let source = Source::from_path(&copy).expect("source");
    let d = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    assert!(
        Dictionaries::from_dictionaries(vec![d])
            .lookup("Gletscher", None)
            .is_empty()
    );
    let mut text = fs::read_to_string(&copy).expect("read");
    text.push_str("Gletscher {m} [geogr.] | Gletscher {pl} :: glacier | glaciers\n");
    fs::write(&copy, text).expect("write");
    // Same size and time would fool no one either: the size changed here, the time may not.
    let d = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    assert_eq!(
        d.cache_status(),
        CacheStatus::Rebuilt("the dictionary changed".to_string())
    );
    let answers = Dictionaries::from_dictionaries(vec![d]).lookup("Gletschers", None);
    assert_eq!(answers[0].senses[0].text, "glacier");
}

#[test]
fn a_touched_dictionary_of_the_same_size_is_stale_too() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("de-en");
    fs::copy(fixture("ding-de-en.txt"), &copy).expect("copy");
    let source = Source::from_path(&copy).expect("source");
    Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    let later = SystemTime::now() + Duration::from_hours(1);
    fs::File::options()
        .write(true)
        .open(&copy)
        .and_then(|f| f.set_modified(later))
        .expect("touch");
    let d = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    assert_eq!(
        d.cache_status(),
        CacheStatus::Rebuilt("the dictionary changed".to_string())
    );
}

#[test]
fn a_dictionary_rewritten_and_touched_back_to_its_old_time_is_stale() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = dir.path().join("de-en");
    fs::copy(fixture("ding-de-en.txt"), &copy).expect("copy");
    let source = Source::from_path(&copy).expect("source");
    Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    let mtime = fs::metadata(&copy)
        .and_then(|m| m.modified())
        .expect("mtime");
    // Same size, same modification time: only the inode's change time tells.
    let text = fs::read_to_string(&copy).expect("read");
    fs::write(&copy, text.replace("Haus {n}", "Hxus {n}")).expect("write");
    fs::File::options()
        .write(true)
        .open(&copy)
        .and_then(|f| f.set_modified(mtime))
        .expect("touch back");
    let d = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("opens");
    assert_eq!(
        d.cache_status(),
        CacheStatus::Rebuilt("the dictionary changed".to_string())
    );
    let dicts = Dictionaries::from_dictionaries(vec![d]);
    assert_eq!(dicts.lookup("Hxus", None)[0].lemma, "Hxus");
    assert!(dicts.lookup("Haus", None).iter().all(|a| a.lemma != "Haus"));
}

#[test]
fn a_bad_dictd_index_line_is_skipped_and_counted() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["test-deu-eng.index", "test-deu-eng.dict"] {
        fs::copy(fixture("plain").join(name), dir.path().join(name)).expect("copy");
    }
    let index = dir.path().join("test-deu-eng.index");
    let mut text = fs::read_to_string(&index).expect("read");
    // An offset of 2^48 ("BAAAAAAAA" in dictd's base64), and a line with no offset.
    text.push_str("kaputt\tBAAAAAAAA\tB\nohne offset\n");
    fs::write(&index, text).expect("write");
    let source = Source::from_path(&index).expect("dictd");
    let d = Dictionary::open(&source, None, &|_| {}).expect("the dictionary still opens");
    let warning = d.warning().expect("a warning");
    assert!(
        warning.ends_with("test-deu-eng.index: 2 bad index lines skipped"),
        "{warning}"
    );
    let dicts = Dictionaries::from_dictionaries(vec![d]);
    assert_eq!(dicts.warnings(), [warning]);
    assert!(!dicts.lookup("ankündigen", None).is_empty());
}

#[test]
fn an_unwritable_cache_dir_still_gives_an_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let not_a_dir = dir.path().join("file");
    fs::write(&not_a_dir, "").expect("write");
    let d =
        Dictionary::open(&ding_source(), Some(&not_a_dir.join("cache")), &|_| {}).expect("opens");
    let answers = Dictionaries::from_dictionaries(vec![d]).lookup("Bündnis", None);
    assert_eq!(answers[0].lemma, "Bündnis");
}

#[test]
fn files_that_are_no_dictionary_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = dir.path().join("notes.txt");
    fs::write(&text, "nur ein Text\nohne Wörterbuch\n").expect("write");
    let source = Source::from_path(&text).expect("a Ding candidate");
    let err = Dictionary::open(&source, None, &|_| {}).expect_err("not a dictionary");
    assert!(matches!(err, DictError::Format { .. }));
    assert!(err.to_string().contains("notes.txt"), "{err}");

    let missing = Source::from_path(&dir.path().join("nothing")).expect_err("missing");
    assert!(missing.to_string().contains("nothing"), "{missing}");

    // A plain gzip file is not dictzip: random access needs the chunk table.
    let index = dir.path().join("x.index");
    fs::write(&index, "wort\tA\tE\n").expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    std::io::Write::write_all(&mut gz, b"wort\n").expect("gzip");
    fs::write(dir.path().join("x.dict.dz"), gz.finish().expect("gzip")).expect("write");
    let source = Source::from_path(&index).expect("dictd");
    let err = Dictionary::open(&source, None, &|_| {}).expect_err("not dictzip");
    assert!(err.to_string().contains("dictzip"), "{err}");
}

#[test]
fn the_lookup_report_as_text_and_json() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = open_all(cache.path());
    let (text, found) = lookup_report(&dicts, "Bündnisses", false);
    assert!(found);
    assert!(
        text.starts_with("das Bündnis (pl. Bündnisse)  [Ding ding-de-en.txt]\n"),
        "{text}"
    );
    assert!(
        text.contains("  Bündnisses: genitive singular of Bündnis\n"),
        "{text}"
    );
    assert!(text.contains("  1. alliance  (noun) [pol.]\n"), "{text}");

    let (json, found) = lookup_report(&dicts, "kündigte an", true);
    assert!(found);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["word"], "kündigte");
    assert_eq!(v["particle"], "an");
    assert_eq!(v["found"], true);
    assert_eq!(v["answers"][0]["lemma"], "ankündigen");
    assert_eq!(
        v["answers"][0]["how"],
        "simple past, 1st/3rd person singular of ankündigen"
    );
    assert_eq!(v["answers"][0]["senses"][0]["pos"], "verb");

    let (text, found) = lookup_report(&dicts, "Bündnos", false);
    assert!(!found);
    assert!(text.contains("nearest: Bündnis"), "{text}");
    let (json, found) = lookup_report(&dicts, "Bündnos", true);
    assert!(!found);
    let v: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(v["answers"].as_array().map(Vec::len), Some(0));
    assert_eq!(v["nearest"][0], "Bündnis");

    let (text, found) = lookup_report(&Dictionaries::default(), "Haus", false);
    assert!(!found);
    assert!(text.contains("no dictionary found"), "{text}");
}

#[test]
fn dictionaries_can_be_built_in_one_thread_and_used_in_another() {
    fn send_and_sync<T: Send + Sync>() {}
    send_and_sync::<Dictionaries>();
    let cache = tempfile::tempdir().expect("temp dir");
    let path = cache.path().to_path_buf();
    let (tx, rx) = std::sync::mpsc::channel();
    let built = std::thread::spawn(move || {
        Dictionaries::open(&[ding_source()], Some(&path), &|name, f| {
            let _ = tx.send((name.to_string(), f));
        })
    })
    .join()
    .expect("thread");
    let progress: Vec<(String, f32)> = rx.iter().collect();
    assert_eq!(
        progress.last(),
        Some(&("Ding ding-de-en.txt".to_string(), 1.0))
    );
    assert_eq!(built.lookup("Staaten", None)[0].lemma, "Staat");
}

#[test]
fn answers_are_the_same_whether_entries_were_kept_or_not() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = open_all(cache.path());
    let words: &[(&str, Option<&str>)] = &[
        ("kündigte", Some("an")),
        ("angekündigt", None),
        ("kündigte", None),
        ("auszuweisen", None),
        ("Bündnisses", None),
        ("Bündnis", None),
        ("Staaten", None),
        ("abziehen", None),
        ("älteste", None),
    ];
    let fresh: Vec<_> = words
        .iter()
        .map(|&(w, p)| {
            dicts.forget_entries();
            dicts.lookup(w, p)
        })
        .collect();
    assert!(fresh.iter().all(|a| !a.is_empty()), "{fresh:#?}");
    for &(w, p) in words.iter().rev() {
        dicts.lookup(w, p);
    }
    for (&(w, p), fresh) in words.iter().zip(&fresh) {
        assert_eq!(&dicts.lookup(w, p), fresh, "{w} {p:?}");
    }
}

#[test]
fn a_line_that_starts_with_an_article_is_indexed_under_its_noun() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("Polizei", None);
    assert_eq!(answers[0].headword, "die Polizei", "{answers:#?}");
    assert_eq!(answers[0].lemma, "Polizei");
    assert_eq!(answers[0].gender.as_deref(), Some("f"));
    assert_eq!(answers[0].senses[0].pos, "noun");
    assert_eq!(
        dicts.headword("Polizei", None).map(|h| (h.lemma, h.pos)),
        Some(("Polizei".into(), "noun".into()))
    );
}

#[test]
fn a_lowercase_word_is_no_noun_and_a_capitalized_one_is() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    // The dictionary's own answers, after the core lexicon's `der`.
    let answers: Vec<Answer> = dicts
        .lookup("des", None)
        .into_iter()
        .filter(|a| !core::is_core(a))
        .collect();
    assert_eq!(answers[0].headword, "des", "{answers:#?}");
    assert!(answers.iter().any(|a| a.headword == "das Des"));
    let answers = dicts.lookup("Des", None);
    assert_eq!(answers[0].headword, "das Des", "{answers:#?}");
}

#[test]
fn a_word_at_a_sentence_start_is_not_taken_for_a_noun_form() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    // `Ein` is no form of `Ei`: the generator makes Eis and Eier, not Ein.
    let answers = dicts.lookup_in("Ein", None, None, true);
    assert_eq!(answers[0].lemma, "ein", "{answers:#?}");
    assert!(answers.iter().all(|a| a.lemma != "Ei"), "{answers:#?}");
    assert!(dicts.lookup("Ein", None).iter().all(|a| a.lemma != "Ei"));
    let answers = dicts.lookup_in("Zweitens", None, None, true);
    assert_eq!(answers[0].lemma, "zweitens", "{answers:#?}");
    assert!(
        answers.iter().all(|a| !a.how.contains("Zweite")),
        "{answers:#?}"
    );
    assert_eq!(
        dicts
            .headword_in("Ein", None, Place::at_start(true))
            .map(|h| h.lemma),
        Some("ein".into())
    );
}

#[test]
fn a_typo_is_no_form_of_a_lookalike() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("Kollegn", None);
    assert!(answers.is_empty(), "{answers:#?}");
    assert_eq!(dicts.headword("Kollegn", None), None);
    // What the generator does make is found.
    assert_eq!(dicts.lookup("Kollegs", None)[0].lemma, "Kolleg");
    let a = &dicts.lookup("Stühlen", None)[0];
    assert_eq!(a.lemma, "Stuhl");
    assert_eq!(a.how, "dative plural of Stuhl");
}

#[test]
fn a_form_is_labelled_by_the_generator_not_the_column() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let a = &dicts.lookup("trägt", None)[0];
    assert_eq!(a.headword, "tragen", "the valency is not the headword");
    assert_eq!(a.how, "present, 3rd person singular of tragen");
    assert_eq!(
        a.senses[0].de, "jdn./etw. tragen",
        "it is on the usage line"
    );
    assert_eq!(a.senses[0].text, "to carry; to take sb./sth.");
    // The core lexicon answers `hat` first, naming its person.
    let a = &dicts.lookup("hat", None)[0];
    assert!(core::is_core(a), "{a:#?}");
    assert_eq!(a.how, "present, 3rd person singular (er, sie, es) of haben");
}

#[test]
fn main_senses_come_first_and_phrases_last() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers: Vec<Answer> = dicts
        .lookup("sein", None)
        .into_iter()
        .filter(|a| !core::is_core(a))
        .collect();
    let senses: Vec<&str> = answers[0].senses.iter().map(|s| s.text.as_str()).collect();
    assert_eq!(
        senses,
        ["to be", "his", "to object to sth."],
        "{answers:#?}"
    );
    let answers = dicts.lookup("macht", None);
    assert_eq!(answers[0].lemma, "machen");
    assert_eq!(answers[0].senses[0].text, "to do sth.", "{answers:#?}");
    let last = answers.last().expect("answers");
    assert_eq!(last.headword, "Aa machen");
    assert_eq!(last.how, "phrase with machen");
}

#[test]
fn the_headword_api_agrees_with_the_first_answer() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    for (word, particle) in [
        ("Bündnisses", None),
        ("kündigte", Some("an")),
        ("kündigte", None),
        ("Diplomaten", None),
        ("auszuweisen", None),
        ("gewiesen", None),
        ("älter", None),
        ("größeren", None),
        ("Stühlen", None),
        ("Polizei", None),
        ("trägt", None),
        ("macht", None),
        ("sein", None),
        ("daß", None),
        ("Arme", None),
        ("arme", None),
    ] {
        let first = &dicts.lookup(word, particle)[0];
        let h = dicts
            .headword(word, particle)
            .unwrap_or_else(|| panic!("{word}"));
        assert_eq!(h.lemma, first.lemma, "{word}");
        assert_eq!(h.pos, first.senses[0].pos, "{word}");
    }
    let h = dicts
        .headword("Spionageaktivitäten", None)
        .expect("a compound");
    assert_eq!(
        (h.lemma.as_str(), h.pos.as_str()),
        ("Spionageaktivität", "noun")
    );
}

#[test]
fn an_abbreviation_finds_its_entry_after_the_word_itself() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("cm", None);
    assert_eq!(answers[0].lemma, "Zentimeter");
    assert_eq!(answers[0].how, "abbreviation of Zentimeter");
    assert_eq!(dicts.headword("cm", None).expect("cm").lemma, "Zentimeter");
    // Written in capitals, an abbreviation is not a word in lower case.
    assert_eq!(dicts.lookup("TB", None)[0].lemma, "Tuberkulose");
    // `tb` is no `TB`: in lower case it is the recipe unit (tablespoon) of the core lexicon.
    assert_ne!(
        dicts.headword("tb", None).map(|h| h.lemma),
        Some("Tuberkulose".to_string())
    );
}

#[test]
fn a_word_written_as_spoken_is_looked_up_in_full() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let heut = dicts.lookup("heut", None);
    assert_eq!(heut[0].lemma, "heute");
    assert_eq!(heut[0].how, "dropped final e for heute");
    assert_eq!(
        dicts.headword("schwitz'n", None).expect("schwitz'n").lemma,
        "schwitzen"
    );
}

#[test]
fn a_verb_with_a_particle_nobody_lists_is_its_verb_with_the_particle() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let headword = dicts.headword("anschwitzen", None).expect("anschwitzen");
    assert_eq!(
        (headword.lemma.as_str(), headword.pos.as_str()),
        ("anschwitzen", "verb")
    );
    let answers = dicts.lookup("angeschwitzt", None);
    assert_eq!(answers[0].lemma, "schwitzen");
    assert!(
        answers[0]
            .how
            .starts_with("part of angeschwitzt (an + schwitzen)"),
        "{}",
        answers[0].how
    );
}

#[test]
fn an_adjective_s_form_is_that_adjective_before_a_headword_of_its_own() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("größte", None);
    assert_eq!(answers[0].lemma, "groß");
    assert!(answers.iter().any(|a| a.lemma == "größte"));
    assert_eq!(
        dicts.headword("größte", None).expect("größte").lemma,
        "groß"
    );
}

#[test]
fn an_english_word_nothing_german_answers_is_answered_as_english() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup("house", None);
    let first = answers.first().expect("an answer");
    assert_eq!(
        (first.lemma.as_str(), first.how.as_str()),
        ("house", "English word")
    );
    assert!(first.senses[0].text.contains("Haus"), "{first:#?}");
    let head = dicts.headword("house", None).expect("a headword");
    assert_eq!(head.lemma, "house");
    // A German word is German first, and a capitalized unknown word inside a sentence is a
    // name, not English.
    assert_eq!(dicts.lookup("Haus", None)[0].lemma, "Haus");
    assert!(dicts.headword("House", None).is_none());
    // English translations are suggested nowhere.
    assert!(!dicts.nearest("hous", 5).iter().any(|s| s == "house"));
}

#[test]
fn a_particle_makes_a_verb_never_a_noun() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = ding_only(cache.path());
    let answers = dicts.lookup_in("weisung", Some("aus"), None, false);
    assert!(
        answers.iter().all(|a| a.lemma != "Ausweisung"),
        "{answers:#?}"
    );
}
