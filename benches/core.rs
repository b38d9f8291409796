//! The core lexicon: one lookup is one hash probe (after a lowercase copy for a capitalized
//! word). Reports the time per word for words as a text has them: hits in lower case and
//! capitalized, and misses (content words, which go on to the dictionaries).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leser::de::core;
use std::hint::black_box;

const HITS: &[&str] = &[
    "dem", "im", "würde", "zwischen", "ihr", "daß", "weil", "seinen",
];
const CAPITALIZED: &[&str] = &[
    "Die", "Im", "Über", "Sie", "Dessen", "Zum", "Können", "Deshalb",
];
const MISSES: &[&str] = &[
    "Bündnisses",
    "auszuweisen",
    "kündigte",
    "Haus",
    "gegangen",
    "schönen",
    "Zeit",
    "Frau",
];

fn lookup(c: &mut Criterion) {
    // Parsed once, before measuring.
    black_box(core::lookup("der"));
    let mut group = c.benchmark_group("core_lookup");
    for (name, words) in [
        ("hit", HITS),
        ("capitalized", CAPITALIZED),
        ("miss", MISSES),
    ] {
        group.throughput(Throughput::Elements(words.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for w in words {
                    black_box(core::lookup(black_box(w)));
                }
            });
        });
    }
    group.throughput(Throughput::Elements(HITS.len() as u64));
    group.bench_function("answers", |b| {
        b.iter(|| {
            for w in HITS {
                black_box(core::answers(black_box(w)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, lookup);
criterion_main!(benches);
