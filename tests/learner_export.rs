//! The Anki export and the statistics on the bundled article.

use leser::glossary::Glossary;
use leser::learner::{
    ExportSelection, Status, Store, TextNotes, anki_tsv, term_statuses, text_stats,
};
use leser::link::{Analysis, Linker};
use leser::terms::{Sources, Terms};
use leser::text::Document;

fn terms(doc: &Document, glossary: &Glossary, analysis: &Analysis) -> Terms {
    Terms::build(&doc.source, analysis, glossary, &Sources::default())
}

/// The export without dictionaries: glossary terms and the words themselves.
fn export(
    doc: &Document,
    analysis: &Analysis,
    glossary: &Glossary,
    store: &Store,
    which: ExportSelection,
) -> String {
    let terms = terms(doc, glossary, analysis);
    let statuses = term_statuses(&terms, |t| store.status(t));
    anki_tsv(
        &TextNotes {
            doc,
            analysis,
            glossary,
            terms: &terms,
            statuses: &statuses,
            dicts: None,
        },
        which,
    )
}

fn bundled() -> (Document, Glossary, Analysis) {
    let doc = Document::bundled();
    let glossary = Glossary::bundled();
    let analysis = Linker::new(glossary.clone()).analyze(&doc);
    (doc, glossary, analysis)
}

/// The note lines (after Anki's `#` header lines), split into fields.
fn notes(tsv: &str) -> Vec<Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect()
}

#[test]
fn learning_terms_become_notes_with_the_split_verb_as_cloze() {
    let (doc, glossary, analysis) = bundled();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.set_status("ankündigen", Status::Learning(2)).unwrap();
    store.set_status("Diplomat", Status::Known).unwrap();

    let tsv = export(
        &doc,
        &analysis,
        &glossary,
        &store,
        ExportSelection::Learning,
    );
    let header: Vec<&str> = tsv.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(
        header,
        [
            "#separator:tab",
            "#html:true",
            "#columns:Front\tBack\tSentence\tTags",
            "#tags column:4"
        ]
    );
    let notes = notes(&tsv);
    assert_eq!(notes.len(), 1, "{tsv}");
    let [front, back, sentence, tags] = notes[0][..] else {
        panic!("not four fields: {:?}", notes[0]);
    };
    assert_eq!(front, "ankündigen");
    assert!(back.starts_with("to announce"), "{back}");
    // The first occurrence, both parts: "kündigte die NATO an".
    assert!(
        sentence.contains("{{c1::kündigte}} die NATO {{c1::an}}, acht russische Diplomaten"),
        "{sentence}"
    );
    assert_eq!(sentence.matches("{{c1::").count(), 2, "{sentence}");
    assert_eq!(
        tags,
        "lawrow-die-fakten-sind-dass-die-nato-keine-zusammenarbeit learning_2"
    );
}

#[test]
fn all_marked_terms_include_known_nouns_with_article_and_plural() {
    let (doc, glossary, analysis) = bundled();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.set_status("ankündigen", Status::Learning(2)).unwrap();
    store.set_status("Diplomat", Status::Known).unwrap();

    let tsv = export(
        &doc,
        &analysis,
        &glossary,
        &store,
        ExportSelection::WithStatus,
    );
    let notes = notes(&tsv);
    assert_eq!(notes.len(), 2, "{tsv}");
    let diplomat = notes.iter().find(|n| n[0].contains("Diplomat")).unwrap();
    assert_eq!(diplomat[0], "der Diplomat, die Diplomaten");
    assert_eq!(diplomat[1], "diplomat");
    assert!(diplomat[2].contains("{{c1::Diplomat}}"), "{}", diplomat[2]);
    assert!(diplomat[3].ends_with(" known"), "{}", diplomat[3]);
    // Notes follow the text: Diplomat (paragraph 1) comes before ankündigen.
    assert!(notes[0][0].contains("Diplomat"));
}

#[test]
fn every_term_gives_one_well_formed_note() {
    let (doc, glossary, analysis) = bundled();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path()).unwrap();
    let tsv = export(&doc, &analysis, &glossary, &store, ExportSelection::All);
    let keys = terms(&doc, &glossary, &analysis).keys().len();
    let notes = notes(&tsv);
    assert_eq!(notes.len(), keys);
    assert!(
        keys > analysis.links.len() / 2,
        "every word is a term: {keys}"
    );
    for note in &notes {
        assert_eq!(note.len(), 4, "{note:?}");
        assert!(note[2].contains("{{c1::"), "{note:?}");
        assert!(note[3].ends_with(" new"), "{note:?}");
        assert!(!note[0].is_empty() && !note[2].is_empty(), "{note:?}");
        assert!(note.iter().all(|f| !f.contains('\r')), "{note:?}");
    }
    // Glossary terms carry their English.
    let diplomat = notes.iter().find(|n| n[0].contains("Diplomat")).unwrap();
    assert_eq!(diplomat[1], "diplomat");
}

#[test]
fn stats_of_the_bundled_article_follow_the_statuses() {
    let (doc, glossary, analysis) = bundled();
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let terms = terms(&doc, &glossary, &analysis);
    let before = text_stats(&terms, &term_statuses(&terms, |t| store.status(t)));
    assert_eq!(before.known_words, 0);
    // Running words, checked against a rough count of the body's words.
    let rough = doc
        .body_text()
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count();
    assert!(
        before.words.abs_diff(rough) * 10 < rough,
        "{} words, roughly {rough}",
        before.words
    );
    assert!(before.new > 10);

    store.set_status("Diplomat", Status::Known).unwrap();
    let after = text_stats(&terms, &term_statuses(&terms, |t| store.status(t)));
    let diplomat_words = analysis
        .links
        .iter()
        .filter(|l| glossary.entries[l.entry].de == "Diplomat")
        .map(|l| l.tokens.len())
        .sum::<usize>();
    assert!(diplomat_words >= 2);
    assert_eq!(after.known, 1);
    assert_eq!(after.new, before.new - 1);
    assert_eq!(after.known_words, diplomat_words);
    assert_eq!(
        after.status_bar(),
        format!(
            "known {}% · learning 0 · new {}",
            diplomat_words * 100 / after.words,
            after.new
        )
    );
}
