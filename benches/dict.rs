//! Dictionary index: building it from the full Ding file, opening the cached index, and one
//! lookup. Needs the real Ding file (`apt-get install trans-de-en`); without it, says so and
//! measures nothing.
//!
//! Lookups are measured twice: `dict_lookup/…` looks the same word up again and again, so its
//! entries are kept from the lookup before (a word seen before); `dict_lookup_cold/…` forgets
//! the kept entries before each lookup (a word not seen before; the index shards it needs are
//! read already, as they are after a few lookups).
//!
//! `dict_headword/…` names the headword of words as the reader does for every distinct word
//! of a text; `dict_annotate/…` is `leser annotate --dict` without the process: a text's words
//! looked up once each and the JSON lines written, on about 500 KB of Debian's fortunes-de
//! (`apt-get install fortunes-de`), in bytes of text a second.

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use leser::dict::{Dictionaries, Dictionary, Place, Source, build_index};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

const DING: &str = "/usr/share/trans/de-en";

/// Words as a text has them: forms, a split verb, a compound, a headword.
const WORDS: &[(&str, Option<&str>)] = &[
    ("Bündnisses", None),
    ("auszuweisen", None),
    ("kündigte", Some("an")),
    ("Diplomaten", None),
    ("zurückzuziehen", None),
    ("Haus", None),
];

fn ding_source() -> Option<Source> {
    if !Path::new(DING).is_file() {
        eprintln!("benches/dict: no {DING}; install trans-de-en to measure");
        return None;
    }
    Source::from_path(Path::new(DING)).ok()
}

fn index_build(c: &mut Criterion) {
    let Some(source) = ding_source() else { return };
    let size = std::fs::metadata(DING).map_or(0, |m| m.len());
    let mut group = c.benchmark_group("dict_index");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(size));
    group.bench_function("build_ding", |b| {
        b.iter(|| build_index(black_box(&source), None, &|_| {}).expect("index"));
    });
    let freedict = Path::new("/usr/share/dictd/freedict-deu-eng.index");
    if let Ok(source) = Source::from_path(freedict) {
        let size = std::fs::metadata(freedict).map_or(0, |m| m.len());
        group.throughput(Throughput::Bytes(size));
        group.bench_function("build_freedict", |b| {
            b.iter(|| build_index(black_box(&source), None, &|_| {}).expect("index"));
        });
    }
    group.finish();
}

fn index_open(c: &mut Criterion) {
    let Some(source) = ding_source() else { return };
    let cache = tempfile::tempdir().expect("temp dir");
    Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("first build");
    c.bench_function("dict_index/open_cached_ding", |b| {
        b.iter(|| Dictionary::open(black_box(&source), Some(cache.path()), &|_| {}).expect("open"));
    });
}

/// What `leser lookup WORD` does after parsing its arguments: find both dictionaries, open
/// their cached indexes, look the word up, format the answer.
fn lookup_command(c: &mut Criterion) {
    if ding_source().is_none() {
        return;
    }
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = Dictionaries::discover(&[], cache.path());
    assert!(dicts.errors().is_empty());
    drop(dicts);
    c.bench_function("dict_lookup/command_cached_all", |b| {
        b.iter(|| {
            let dicts = Dictionaries::discover(&[], cache.path());
            leser::dict::lookup_report(&dicts, black_box("auszuweisen"), false)
        });
    });
}

fn analysis(c: &mut Criterion) {
    let mut group = c.benchmark_group("dict_analysis");
    group.bench_function("lemma_candidates/Bündnisses", |b| {
        b.iter(|| leser::de::analyze::lemma_candidates(black_box("Bündnisses")));
    });
    group.bench_function("lemma_candidates/zurückzuziehen", |b| {
        b.iter(|| leser::de::analyze::lemma_candidates(black_box("zurückzuziehen")));
    });
    group.finish();
}

fn lookup(c: &mut Criterion) {
    let Some(source) = ding_source() else { return };
    let cache = tempfile::tempdir().expect("temp dir");
    let dict = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("index");
    let dicts = Dictionaries::from_dictionaries(vec![dict]);
    let mut group = c.benchmark_group("dict_lookup");
    for &(word, particle) in WORDS {
        let name = particle.map_or_else(|| word.to_string(), |p| format!("{word} {p}"));
        group.bench_with_input(
            BenchmarkId::new("ding", name),
            &(word, particle),
            |b, &(w, p)| {
                b.iter(|| dicts.lookup(black_box(w), p));
            },
        );
    }
    group.bench_function("has_answer/Spionageaktivitäten", |b| {
        b.iter(|| dicts.has_answer(black_box("Spionageaktivitäten"), None));
    });
    group.bench_function("compound/Spionageaktivitäten", |b| {
        b.iter(|| dicts.lookup(black_box("Spionageaktivitäten"), None));
    });
    group.finish();
    let mut group = c.benchmark_group("dict_lookup_cold");
    for &(word, particle) in WORDS {
        let name = particle.map_or_else(|| word.to_string(), |p| format!("{word} {p}"));
        group.bench_with_input(
            BenchmarkId::new("ding", name),
            &(word, particle),
            |b, &(w, p)| {
                b.iter_batched(
                    || dicts.forget_entries(),
                    |()| dicts.lookup(black_box(w), p),
                    BatchSize::PerIteration,
                );
            },
        );
    }
    // Another form of a verb looked up before: its entries were kept.
    group.bench_function("ding/angekündigt after kündigte an", |b| {
        b.iter_batched(
            || {
                dicts.forget_entries();
                dicts.lookup("kündigte", Some("an"));
            },
            |()| dicts.lookup(black_box("angekündigt"), None),
            BatchSize::PerIteration,
        );
    });
    group.bench_function("compound/Spionageaktivitäten", |b| {
        b.iter_batched(
            || dicts.forget_entries(),
            |()| dicts.lookup(black_box("Spionageaktivitäten"), None),
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

/// Words of a text for the headword API: function words, inflected forms, a split verb, a
/// compound, a word nobody knows.
const TEXT_WORDS: &[(&str, Option<&str>, bool)] = &[
    ("Die", None, true),
    ("ging", None, false),
    ("Stühlen", None, false),
    ("kündigte", Some("an"), false),
    ("Polizei", None, false),
    ("größeren", None, false),
    ("Spionageaktivitäten", None, false),
    ("Xyqzzwort", None, false),
];

fn headword(c: &mut Criterion) {
    if ding_source().is_none() {
        return;
    }
    let cache = tempfile::tempdir().expect("temp dir");
    let dicts = Dictionaries::discover(&[], cache.path());
    let mut group = c.benchmark_group("dict_headword");
    for &(word, particle, start) in TEXT_WORDS {
        let name = particle.map_or_else(|| word.to_string(), |p| format!("{word} {p}"));
        group.bench_with_input(BenchmarkId::new("both", name), &word, |b, &w| {
            b.iter(|| dicts.headword_in(black_box(w), particle, Place::at_start(start)));
        });
    }
    group.finish();
}

/// About `limit` bytes of fortunes-de, whole lines, the `%` lines out.
fn fortunes(limit: usize) -> Option<String> {
    let mut names: Vec<_> = std::fs::read_dir("/usr/share/games/fortunes/de")
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.is_symlink() && p.extension().is_none())
        .collect();
    names.sort();
    let mut text = String::new();
    for path in names {
        for line in std::fs::read_to_string(&path).ok()?.lines() {
            if line.trim() == "%" {
                continue;
            }
            if text.len() + line.len() >= limit {
                return Some(text);
            }
            text.push_str(line);
            text.push('\n');
        }
    }
    Some(text)
}

fn annotate(c: &mut Criterion) {
    if ding_source().is_none() {
        return;
    }
    let Some(text) = fortunes(500_000) else {
        eprintln!("benches/dict: no fortunes-de; install it to measure annotate");
        return;
    };
    let cache = tempfile::tempdir().expect("temp dir");
    drop(Dictionaries::discover(&[], cache.path()));
    let doc = leser::text::Document::parse("fortunes.txt", text).expect("a text");
    let glossary = leser::glossary::Glossary::bundled();
    let linker = leser::link::Linker::new(glossary);
    let analysis = linker.analyze(&doc);
    let mut group = c.benchmark_group("dict_annotate");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.throughput(Throughput::Bytes(doc.source.len() as u64));
    // Each run opens the dictionaries afresh, as `leser annotate --dict` does: nothing a run
    // looked up is kept for the next.
    group.bench_function("fortunes 500 KB, jsonl", |b| {
        b.iter(|| {
            let dicts = Dictionaries::discover(&[], cache.path());
            leser::cli::with_dictionary_marks(&doc, &analysis, &dicts, |marks| {
                leser::cli::write_annotations(
                    &mut std::io::sink(),
                    &doc,
                    &analysis,
                    linker.glossary(),
                    marks,
                    leser::cli::Format::Jsonl,
                )
            })
            .expect("writes");
        });
    });
    group.finish();
}

fn lookup_freedict(c: &mut Criterion) {
    let path = Path::new("/usr/share/dictd/freedict-deu-eng.index");
    let Ok(source) = Source::from_path(path) else {
        eprintln!(
            "benches/dict: no {}; install dict-freedict-deu-eng to measure",
            path.display()
        );
        return;
    };
    let cache = tempfile::tempdir().expect("temp dir");
    let dict = Dictionary::open(&source, Some(cache.path()), &|_| {}).expect("index");
    let dicts = Dictionaries::from_dictionaries(vec![dict]);
    c.bench_function("dict_lookup/freedict/Bündnisses", |b| {
        b.iter(|| dicts.lookup(black_box("Bündnisses"), None));
    });
    c.bench_function("dict_lookup_cold/freedict/Bündnisses", |b| {
        b.iter_batched(
            || dicts.forget_entries(),
            |()| dicts.lookup(black_box("Bündnisses"), None),
            BatchSize::PerIteration,
        );
    });
}

criterion_group!(
    benches,
    index_build,
    index_open,
    lookup,
    lookup_freedict,
    lookup_command,
    analysis,
    headword,
    annotate
);
criterion_main!(benches);
