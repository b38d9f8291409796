//! The translation pane's word-by-word gloss of a 30-word sentence from Debian's fortunes-de
//! (`anekdoten`): how long the reader is busy from `t` until every word has its English (the
//! lookups `update` asks for, done as the worker does them, and fed back), with the
//! dictionaries' kept entries forgotten first (`cold`) or not (`warm`); the gloss built from
//! what is known; and one frame drawn at 80x24. Needs Debian's Ding (`apt-get install
//! trans-de-en`) for the lookups; without it, measures only the gloss and the frame.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use leser::dict::Dictionaries;
use leser::glossary::Glossary;
use leser::link::Linker;
use leser::terms::ask_dictionaries;
use leser::text::Document;
use leser::tui::dictionary::look_up;
use leser::tui::gloss::sentence_gloss;
use leser::tui::{Action, Effect, LookedUp, ReaderState, SharedDictionaries, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use std::collections::VecDeque;
use std::hint::black_box;
use std::path::Path;
use std::sync::Arc;

const SENTENCE: &str = "Aufgrund des Lärms, den die ganze Sache verursacht hatte, bekamen es \
    die beiden mit der Angst zu tun, fuhren auf und davon und ließen die Kette befestigt am \
    Bankomaten zurück.\n";

const DING: &str = "/usr/share/trans/de-en";

/// The installed dictionaries, their indexes cached in cargo's target dir.
fn dictionaries() -> SharedDictionaries {
    if !Path::new(DING).is_file() {
        eprintln!("benches/gloss: no {DING}; install trans-de-en to measure the lookups");
    }
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join("leser-dictionary-cache");
    SharedDictionaries(Arc::new(Dictionaries::discover(&[], &cache)))
}

/// The reader on the sentence with the dictionaries open and every word's headword known,
/// the card shown.
fn reader(dicts: &SharedDictionaries, size: Size) -> ReaderState {
    let doc = Document::parse("anekdote.txt", SENTENCE.to_string()).expect("the text");
    let mut state = ReaderState::new(doc, None, Linker::new(Glossary::default()), size);
    state.expect_dictionaries();
    for effect in state.update(Action::DictionariesReady(dicts.clone())) {
        if let Effect::ResolveTerms(forms) = effect {
            let found = ask_dictionaries(&dicts.0, &forms);
            state.update(Action::TermsResolved(found));
        }
    }
    state
}

/// `t`, and every lookup it asks for answered and fed back in order, as the reader's
/// dispatch does; the number of lookups.
fn fill_in(state: &mut ReaderState) -> usize {
    let mut lookups = 0;
    let mut queue = VecDeque::from([Action::ToggleTranslation]);
    while let Some(action) = queue.pop_front() {
        for effect in state.update(action) {
            if let Effect::LookUp(query) = effect {
                let dicts = state.dictionaries().expect("open");
                let looked = look_up(&dicts.0, &query);
                lookups += 1;
                queue.push_back(Action::LookedUp(Box::new(LookedUp { query, looked })));
            }
        }
    }
    lookups
}

fn gloss(c: &mut Criterion) {
    let dicts = dictionaries();
    let card = reader(&dicts, Size::new(80, 24));
    let mut filled = card.clone();
    let lookups = fill_in(&mut filled);
    let gloss = sentence_gloss(&filled).expect("a sentence");
    eprintln!(
        "benches/gloss: {} items, {lookups} lookups, {} still pending",
        gloss.items.len(),
        gloss.pending.len()
    );
    let mut group = c.benchmark_group("gloss");
    group.throughput(Throughput::Elements(1));
    group.sample_size(20);
    group.bench_function("fill_in_30_words_cold", |b| {
        b.iter_batched(
            || {
                dicts.0.forget_entries();
                card.clone()
            },
            |mut state| fill_in(&mut state),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("fill_in_30_words_warm", |b| {
        b.iter_batched(
            || card.clone(),
            |mut state| fill_in(&mut state),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("build_30_words", |b| {
        b.iter(|| sentence_gloss(black_box(&filled)));
    });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).expect("a terminal");
    group.bench_function("frame_80x24", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&filled), f))
                .expect("drawn")
                .area
        });
    });
    group.finish();
}

criterion_group!(benches, gloss);
criterion_main!(benches);
