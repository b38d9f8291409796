//! Reader speed with the bundled article: one frame drawn at 200x60 (card and translation),
//! the state set up from scratch (analysis of text and translation, wrapping), and wrapping
//! alone, which a resize repeats.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use leser::glossary::Glossary;
use leser::link::Linker;
use leser::text::Document;
use leser::tui::wrap::{Wrapped, flatten};
use leser::tui::{Action, ReaderState, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use std::hint::black_box;

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

criterion_group!(benches, draw, setup);
criterion_main!(benches);
