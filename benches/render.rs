//! Reader speed with the bundled article: one frame drawn at 200x60 (card and translation),
//! the state set up from scratch (analysis of text and translation, wrapping), and wrapping
//! alone, which a resize repeats. And with a book (`LESER_BENCH_BOOK`, else the fortunes-de
//! files, else the article repeated, to 37 MB): the first screen, a resize, a status change
//! read back, once the whole text is linked.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use leser::glossary::Glossary;
use leser::learner::Status;
use leser::link::Linker;
use leser::terms::Sources;
use leser::text::Document;
use leser::tui::preview::{SharedWhole, WholeText, preview_window};
use leser::tui::wrap::{Wrapped, flatten};
use leser::tui::{Action, ReaderState, StatusSnapshot, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use std::hint::black_box;
use std::sync::Arc;

const SIZE: Size = Size::new(200, 60);

fn reader() -> ReaderState {
    ReaderState::new(
        Document::bundled(),
        Document::bundled_translation(),
        Linker::new(Glossary::bundled()),
        SIZE,
    )
}

fn draw(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Elements(1));
    let mut terminal = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
    let mut state = reader();
    for _ in 0..10 {
        state.update(Action::NextTerm);
    }
    group.bench_function("frame_200x60_card", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&state), f))
                .unwrap()
                .area
        });
    });
    state.update(Action::ToggleTranslation);
    group.bench_function("frame_200x60_translation", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&state), f))
                .unwrap()
                .area
        });
    });
    group.finish();
}

fn setup(c: &mut Criterion) {
    let doc = Document::bundled();
    let translation = Document::bundled_translation();
    let linker = Linker::new(Glossary::bundled());
    let mut group = c.benchmark_group("render");
    group.throughput(Throughput::Bytes(doc.source.len() as u64));
    group.bench_function("state_setup", |b| {
        b.iter_batched(
            || (doc.clone(), translation.clone(), linker.clone()),
            |(d, t, l)| ReaderState::new(d, t, l, SIZE),
            BatchSize::SmallInput,
        );
    });
    let text = flatten(&doc.source);
    group.bench_function("wrap_140_columns", |b| {
        b.iter(|| Wrapped::new(black_box(&text), &doc.paragraphs, 140));
    });
    group.finish();
}

/// Bytes of the book the book benches read.
const BOOK_BYTES: usize = 37_000_000;

/// A long German text: `LESER_BENCH_BOOK`'s file, else Debian's fortunes-de, else the bundled
/// article, repeated to [`BOOK_BYTES`].
fn book_text() -> String {
    let mut pieces = Vec::new();
    if let Ok(path) = std::env::var("LESER_BENCH_BOOK") {
        pieces.push(std::fs::read_to_string(path).expect("LESER_BENCH_BOOK is readable"));
    } else if let Ok(dir) = std::fs::read_dir("/usr/share/games/fortunes/de") {
        for entry in dir.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "u8")
                && let Ok(text) = std::fs::read_to_string(&path)
            {
                pieces.push(text.replace("\n%\n", "\n\n"));
            }
        }
    }
    if pieces.is_empty() {
        let doc = Document::bundled();
        pieces.push(doc.source[doc.body.clone()].to_string());
    }
    let mut book = String::with_capacity(BOOK_BYTES + 1_000_000);
    while book.len() < BOOK_BYTES {
        for p in &pieces {
            book.push_str(p);
            book.push_str("\n\n");
        }
    }
    book
}

fn book(c: &mut Criterion) {
    let text = book_text();
    let linker = Linker::new(Glossary::bundled());
    let mut group = c.benchmark_group("book");
    group.sample_size(10);
    group.throughput(Throughput::Elements(1));
    let middle = text.len() / 2;
    group.bench_function("first_screen_37mb", |b| {
        b.iter_batched(
            || text.clone(),
            |t| {
                let doc = Document::parse("book.txt", t).expect("a text");
                let window = preview_window(&doc, middle);
                let mut state =
                    ReaderState::open(Arc::new(doc), None, linker.clone(), SIZE, window);
                let _ = state.resume_at(middle);
                state
            },
            BatchSize::PerIteration,
        );
    });
    let doc = Document::parse("book.txt", text).expect("a text");
    let window = preview_window(&doc, middle);
    let whole = WholeText::build(&doc, None, &linker, &Sources::default());
    let mut state = ReaderState::open(Arc::new(doc), None, linker, SIZE, window);
    let _ = state.resume_at(middle);
    state.update(Action::WholeText(SharedWhole(Arc::new(whole))));
    let mut wide = true;
    group.bench_function("resize_37mb", |b| {
        b.iter(|| {
            wide = !wide;
            let (width, height) = if wide { (200, 50) } else { (80, 24) };
            state.update(Action::Resize { width, height })
        });
    });
    let term = state.selected_term().expect("a word in the middle");
    let mut level = 0;
    group.bench_function("status_read_back_37mb", |b| {
        b.iter(|| {
            level = level % 4 + 1;
            let statuses = std::iter::once((term.clone(), Status::Learning(level))).collect();
            let snapshot = StatusSnapshot {
                statuses,
                filed: rustc_hash::FxHashMap::default(),
            };
            state.update(Action::Statuses(Box::new(snapshot)))
        });
    });
    // The status key also files the selected form under its headword: a filing changed.
    let mut filed = false;
    group.bench_function("status_and_filing_read_back_37mb", |b| {
        b.iter(|| {
            filed = !filed;
            let statuses = std::iter::once((term.clone(), Status::Learning(1))).collect();
            let mut filings = rustc_hash::FxHashMap::default();
            if filed {
                filings.insert("gab".to_string(), "geben".to_string());
            }
            let snapshot = StatusSnapshot {
                statuses,
                filed: filings,
            };
            state.update(Action::Statuses(Box::new(snapshot)))
        });
    });
    // Drawn at the size the state last wrapped for, as in the reader.
    state.update(Action::Resize {
        width: SIZE.width,
        height: SIZE.height,
    });
    let mut terminal = Terminal::new(TestBackend::new(SIZE.width, SIZE.height)).unwrap();
    group.bench_function("frame_200x60_37mb", |b| {
        b.iter(|| {
            terminal
                .draw(|f| ui::render(black_box(&state), f))
                .unwrap()
                .area
        });
    });
    group.finish();
}

criterion_group!(benches, draw, setup, book);
criterion_main!(benches);
