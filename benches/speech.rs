//! Pronunciation through espeak-ng: IPA from the cache (target under 5 ms) and from espeak-ng
//! (under 30 ms), what `p` costs the event loop (under 1 ms), and the parts of an Anki export
//! with sound (1,000 notes under 20 s). Skipped when espeak-ng is not installed.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use leser::glossary::{Glossary, GlossarySetup, Pos};
use leser::learner::{NoteRecord, Status, Store, apkg::apkg_bytes};
use leser::speech::{Espeak, IpaCache, IpaWorker, SpeechSetup};
use leser::text::Document;
use leser::tui::{Action, Session, dispatch};
use ratatui::layout::Size;
use std::hint::black_box;
use std::time::{Duration, Instant};

fn espeak() -> Option<Espeak> {
    let found = Espeak::find(None).ok();
    if found.is_none() {
        eprintln!("espeak-ng is not installed: nothing to measure");
    }
    found
}

/// `n` different German nouns: the bundled glossary's, and compounds of them
/// (`Bündnisdiplomat`), which espeak-ng has never seen together.
fn words(n: usize) -> Vec<String> {
    let nouns: Vec<String> = Glossary::bundled()
        .entries
        .iter()
        .filter(|e| e.pos == Some(Pos::Noun) && e.de.chars().all(char::is_alphabetic))
        .map(|e| e.de.clone())
        .collect();
    let mut out: Vec<String> = nouns.clone();
    'outer: for a in &nouns {
        for b in &nouns {
            if out.len() >= n {
                break 'outer;
            }
            if a != b {
                out.push(format!("{a}{}", b.to_lowercase()));
            }
        }
    }
    out.truncate(n);
    out
}

fn ipa(c: &mut Criterion) {
    let Some(espeak) = espeak() else { return };
    let word = vec!["Bündnisses".to_string()];
    let mut cache = IpaCache::in_memory();
    cache.resolve(&espeak, &word).expect("espeak-ng answers");
    c.bench_function("IPA of a word from the cache (export)", |b| {
        b.iter(|| cache.resolve(&espeak, black_box(&word)).expect("cached"));
    });
    // The reader's path: the card's headword and form, answered by the worker's cache at once.
    let card = vec!["Bündnis".to_string(), "Bündnisses".to_string()];
    let mut worker = IpaWorker::spawn(espeak.clone(), None);
    worker.request(card.clone());
    while worker.busy() {
        worker.poll();
        std::thread::sleep(Duration::from_millis(1));
    }
    c.bench_function("IPA of a card from the cache (reader)", |b| {
        b.iter(|| worker.cached(black_box(&card)).expect("cached"));
    });
    let mut group = c.benchmark_group("IPA from espeak-ng");
    group.sample_size(20);
    group.bench_function("one word (one espeak-ng run)", |b| {
        b.iter(|| espeak.ipa(black_box("Bündnisses")).expect("IPA"));
    });
    group.bench_function("headword and form of a card", |b| {
        let texts = vec!["Bündnis".to_string(), "Bündnisses".to_string()];
        b.iter(|| espeak.ipa_many(black_box(&texts)).expect("IPA"));
    });
    group.finish();
}

/// `p` in the reader: the state's update and handing the text to the speaking thread, which
/// starts espeak-ng (and kills the one before) on its own time.
fn speak_key(c: &mut Criterion) {
    if espeak().is_none() {
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let session = Session {
        doc: Document::bundled(),
        translation: Document::bundled_translation(),
        setup: GlossarySetup::load(None, dir.path()).expect("bundled glossary"),
        store: Store::open(dir.path()).expect("store"),
        text_key: "bench".to_string(),
        dictionaries: None,
        speech: Some(SpeechSetup {
            rate: None,
            cache_dir: Some(dir.path().to_path_buf()),
        }),
        keymap: leser::tui::keymap::Keymap::default(),
        palette: leser::tui::ui::theme::Palette::default(),
    };
    let (mut state, mut worker) = session.start(Size::new(120, 40), true);
    c.bench_function("p: from the key to the event loop again", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters {
                let start = Instant::now();
                dispatch(&mut state, &mut worker, black_box(Action::Speak));
                total += start.elapsed();
                // What the event loop does between keys, outside the measure.
                if i % 256 == 0 {
                    worker.background();
                }
            }
            total
        });
    });
    drop(worker);
}

fn notes(words: &[String]) -> Vec<NoteRecord> {
    words
        .iter()
        .map(|w| NoteRecord {
            headword: w.clone(),
            german: format!("das {w}"),
            plural: format!("die {w}e"),
            english: "a thing".into(),
            sentence_cloze: format!("Das ist das {{{{c1::{w}}}}} von gestern."),
            sentence_en: "That is yesterday's thing.".into(),
            text_title: "Bench".into(),
            status: Status::Learning(1),
            ..NoteRecord::default()
        })
        .collect()
}

/// An export's own work for `n` notes: IPA (none cached), sound, and the package.
fn export(espeak: &Espeak, words: &[String]) -> usize {
    let mut notes = notes(words);
    let mut cache = IpaCache::in_memory();
    let ipa = cache.resolve(espeak, words).expect("IPA");
    let texts: Vec<&str> = notes.iter().map(|n| n.german.as_str()).collect();
    let sounds = espeak.wav_many(&texts);
    for ((note, ipa), wav) in notes.iter_mut().zip(ipa).zip(sounds) {
        note.ipa = ipa.unwrap_or_default();
        note.audio = wav;
    }
    let (bytes, _) = apkg_bytes(&notes, 1_700_000_000).expect("package");
    bytes.len()
}

fn anki_export(c: &mut Criterion) {
    let Some(espeak) = espeak() else { return };
    let mut group = c.benchmark_group("Anki export");
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    for n in [100, 1000] {
        let words = words(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(
            BenchmarkId::new("notes with IPA and sound", n),
            &words,
            |b, w| b.iter(|| export(&espeak, w)),
        );
    }
    let words = words(1000);
    let plain = notes(&words);
    group.throughput(Throughput::Elements(1000));
    group.bench_function("package of 1000 notes without sound", |b| {
        b.iter(|| apkg_bytes(black_box(&plain), 1_700_000_000).expect("package"));
    });
    group.finish();
}

criterion_group!(benches, ipa, speak_key, anki_export);
criterion_main!(benches);
