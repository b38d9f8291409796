//! Linking speed: the bundled article; a 2 MB text with a 1,000-entry glossary; Debian's
//! fortunes-de when installed; reading and indexing a 10,000-entry glossary, with and without
//! plurals.
//!
//! The large inputs are also written to `target/leser-bench/` (`big.de.txt`, `glossary-1k.toml`,
//! `glossary-10k.toml`) so whole-process figures (time, peak memory) can be taken with
//! `leser annotate`.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use leser::cli::{Format, render_annotations, write_links};
use leser::glossary::{Glossary, parse};
use leser::link::Linker;
use leser::text::Document;
use std::fmt::Write as _;
use std::hint::black_box;

const NOUN_MODIFIERS: &[&str] = &[
    "Friedens",
    "Sicherheits",
    "Regierungs",
    "Wirtschafts",
    "Handels",
    "Arbeits",
    "Bildungs",
    "Gesundheits",
    "Umwelt",
    "Verkehrs",
    "Energie",
    "Familien",
    "Kultur",
    "Sport",
    "Finanz",
    "Außen",
    "Innen",
    "Verteidigungs",
    "Justiz",
    "Presse",
    "Staats",
    "Landes",
    "Stadt",
    "Bürger",
    "Kinder",
    "Jugend",
    "Renten",
    "Steuer",
    "Zoll",
    "Grenz",
    "Flüchtlings",
    "Klima",
    "Wahl",
    "Partei",
    "Gewerkschafts",
    "Industrie",
    "Banken",
    "Medien",
    "Forschungs",
    "Welt",
];
const NOUN_HEADS: &[(&str, &str, &str)] = &[
    ("Verhandlung", "f", "Verhandlungen"),
    ("Politik", "f", "Politiken"),
    ("Minister", "m", "Minister"),
    ("Ministerium", "n", "Ministerien"),
    ("Gesetz", "n", "Gesetze"),
    ("Vertrag", "m", "Verträge"),
    ("Konferenz", "f", "Konferenzen"),
    ("Bericht", "m", "Berichte"),
    ("Reform", "f", "Reformen"),
    ("Krise", "f", "Krisen"),
    ("Experte", "m", "Experten"),
    ("Programm", "n", "Programme"),
    ("Abkommen", "n", "Abkommen"),
    ("Behörde", "f", "Behörden"),
    ("Ausschuss", "m", "Ausschüsse"),
    ("Gipfel", "m", "Gipfel"),
    ("Frage", "f", "Fragen"),
    ("Lage", "f", "Lagen"),
    ("Zentrum", "n", "Zentren"),
    ("Haushalt", "m", "Haushalte"),
    ("Streit", "m", "Streite"),
    ("Plan", "m", "Pläne"),
    ("Ziel", "n", "Ziele"),
    ("Bündnis", "n", "Bündnisse"),
    ("Beziehung", "f", "Beziehungen"),
];

/// A glossary of `n` entries: the bundled one, particle verbs on the strong verbs, compound nouns.
pub fn synthetic_glossary(entries: usize) -> String {
    let mut out = leser::glossary::BUNDLED.to_string();
    let bundled = Glossary::bundled();
    let mut seen: std::collections::HashSet<String> =
        bundled.entries.iter().map(|e| e.de.clone()).collect();
    let mut count = bundled.len();
    let particles = [
        "an", "auf", "aus", "ab", "ein", "mit", "nach", "vor", "zurück", "zu", "weg", "bei",
    ];
    'verbs: for p in particles {
        for v in leser::de::strong::STRONG_VERBS {
            if count >= entries / 2 {
                break 'verbs;
            }
            if !seen.insert(format!("{p}{}", v.infinitive)) {
                continue;
            }
            let _ = write!(
                out,
                "\n[[term]]\nde = \"{p}{}\"\nen = \"to {p}-{}\"\npos = \"verb\"\n",
                v.infinitive, v.infinitive
            );
            count += 1;
        }
    }
    let mut next = 0usize;
    while count < entries {
        let modifier = NOUN_MODIFIERS[next % NOUN_MODIFIERS.len()];
        let (head, gender, plural) = NOUN_HEADS[(next / NOUN_MODIFIERS.len()) % NOUN_HEADS.len()];
        let round = next / (NOUN_MODIFIERS.len() * NOUN_HEADS.len());
        let suffix = if round == 0 {
            String::new()
        } else {
            format!("{round}")
        };
        let lower_head = head.to_lowercase();
        next += 1;
        if !seen.insert(format!("{modifier}{lower_head}{suffix}")) {
            continue;
        }
        let _ = write!(
            out,
            "\n[[term]]\nde = \"{modifier}{lower_head}{suffix}\"\nen = \"{modifier} {head}\"\npos = \"noun\"\ngender = \"{gender}\"\nplural = \"{modifier}{}{suffix}\"\n",
            plural.to_lowercase()
        );
        count += 1;
    }
    out
}

/// At least `bytes` of German: the article's paragraphs, repeated with varied names and numbers,
/// interleaved with sentences built from the synthetic vocabulary.
pub fn synthetic_text(bytes: usize) -> String {
    let doc = Document::bundled();
    let paragraphs: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|r| &doc.source[r.clone()])
        .collect();
    let names = ["NATO", "EU", "UNO", "OSZE", "Regierung"];
    let cities = ["Moskau", "Berlin", "Paris", "Wien", "Warschau"];
    let mut out = String::with_capacity(bytes + 4096);
    let mut i = 0usize;
    while out.len() < bytes {
        let p = paragraphs[i % paragraphs.len()]
            .replace("NATO", names[i % names.len()])
            .replace("Moskau", cities[(i / 3) % cities.len()]);
        out.push_str(&p);
        let m = NOUN_MODIFIERS[i % NOUN_MODIFIERS.len()];
        let (h, _, pl) = NOUN_HEADS[i % NOUN_HEADS.len()];
        let _ = write!(
            out,
            " Die {m}{} kündigten am {}. Mai neue {m}{} an, und der Minister stand früh auf.\n\n",
            pl.to_lowercase(),
            1 + i % 28,
            h.to_lowercase()
        );
        i += 1;
    }
    out
}

/// The German fortunes as one text: the files at Debian's path one after the other, as `cat`
/// gives them to `leser annotate`.
fn fortunes_de() -> Option<String> {
    let dir = std::path::Path::new("/usr/share/games/fortunes/de");
    let mut names: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "dat" && e != "u8"))
        .collect();
    names.sort();
    let mut out = String::new();
    for p in names {
        if let Ok(text) = std::fs::read_to_string(&p) {
            out.push_str(&text);
        }
    }
    (!out.is_empty()).then_some(out)
}

/// A glossary of the `n` commonest nouns and longer words in `text`, as a learner might write
/// one while reading it: headword and English, `noun` for a word mostly capitalized, no gender,
/// plural or forms. It links far more often than [`synthetic_glossary`].
fn commonest_words_glossary(text: &str, n: usize) -> String {
    let mut counts: std::collections::HashMap<String, (usize, usize)> =
        std::collections::HashMap::new();
    for token in leser::de::token::tokenize(text) {
        let word = token.text(text);
        if !token.is_word() || word.chars().count() < 4 || !word.chars().all(char::is_alphabetic) {
            continue;
        }
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let lower = word.to_lowercase();
        if leser::de::lexicon::COMMON_WORDS.contains(&lower.as_str()) {
            continue;
        }
        let c = counts.entry(lower).or_default();
        c.0 += 1;
        c.1 += usize::from(capital);
    }
    let mut words: Vec<(String, (usize, usize))> = counts.into_iter().collect();
    words.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
    let mut out = String::new();
    // Nouns, and other words of six letters or more: a learner looks up `Gedanke` and
    // `vergessen`, not `nicht` or `wenn`.
    let noun = |&(all, capital): &(usize, usize)| capital * 10 > all * 9;
    words.retain(|(lower, counts)| noun(counts) || lower.chars().count() >= 6);
    for (lower, counts) in words.into_iter().take(n) {
        let noun = noun(&counts);
        let de = if noun {
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        } else {
            lower.clone()
        };
        let _ = write!(out, "[[term]]\nde = \"{de}\"\nen = \"({lower})\"\n");
        if noun {
            out.push_str("pos = \"noun\"\n");
        }
        out.push('\n');
    }
    out
}

fn write_inputs(text: &str, g1k: &str, g10k: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/leser-bench");
    if std::fs::create_dir_all(&dir).is_ok() {
        let _ = std::fs::write(dir.join("big.de.txt"), text);
        let _ = std::fs::write(dir.join("glossary-1k.toml"), g1k);
        let _ = std::fs::write(dir.join("glossary-10k.toml"), g10k);
    }
}

fn benches(c: &mut Criterion) {
    let article = Document::bundled();
    let bundled = Linker::new(Glossary::bundled());
    let mut g = c.benchmark_group("annotate");
    g.throughput(Throughput::Bytes(article.source.len() as u64));
    g.bench_function("article, bundled glossary", |b| {
        b.iter(|| black_box(bundled.analyze(black_box(&article))));
    });

    let g1k = synthetic_glossary(1_000);
    let g10k = synthetic_glossary(10_000);
    let text = synthetic_text(2 * 1024 * 1024);
    write_inputs(&text, &g1k, &g10k);
    let doc = Document::parse("big.de.txt", text).expect("synthetic text parses");
    let linker = Linker::new(parse(&g1k, "glossary-1k.toml").expect("synthetic glossary parses"));
    g.throughput(Throughput::Bytes(doc.source.len() as u64));
    g.sample_size(20);
    g.bench_function("2 MB text, 1,000 entries", |b| {
        b.iter(|| black_box(linker.analyze(black_box(&doc))));
    });
    // The same text as one line: `annotate --format text` counts columns once, not per link.
    let one_line =
        Document::parse("one-line.de.txt", doc.source.replace('\n', " ")).expect("one line parses");
    let analysis = linker.analyze(&one_line);
    g.bench_function("2 MB one line, text output", |b| {
        b.iter(|| {
            black_box(render_annotations(
                &one_line,
                &analysis,
                linker.glossary(),
                Format::Text,
            ))
        });
    });
    // Real text: Debian's fortunes-de (fortunes-de package), when installed. It has more tokens
    // a byte and more words the glossary does not know than the synthetic text.
    if let Some(fortunes) = fortunes_de() {
        let doc = Document::parse("fortunes-de", fortunes).expect("fortunes parse");
        g.throughput(Throughput::Bytes(doc.source.len() as u64));
        g.bench_function("fortunes-de, 1,000 entries", |b| {
            b.iter(|| black_box(linker.analyze(black_box(&doc))));
        });
        // What `annotate --format jsonl` does once the files are read: link and write.
        g.bench_function("fortunes-de, 1,000 entries, jsonl written", |b| {
            b.iter(|| {
                write_links(
                    &mut std::io::sink(),
                    black_box(&doc),
                    &linker,
                    Format::Jsonl,
                )
            });
        });
        // A glossary of the text's own commonest words links twenty times as often.
        let common = commonest_words_glossary(&doc.source, 1_000);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/leser-bench");
        let _ = std::fs::write(dir.join("common-1k.toml"), &common);
        let common = Linker::new(parse(&common, "common-1k.toml").expect("common words parse"));
        g.bench_function(
            "fortunes-de, its 1,000 commonest words, jsonl written",
            |b| {
                b.iter(|| {
                    write_links(
                        &mut std::io::sink(),
                        black_box(&doc),
                        &common,
                        Format::Jsonl,
                    )
                });
            },
        );
    }
    g.finish();

    let mut g = c.benchmark_group("glossary");
    g.sample_size(20);
    g.bench_function("parse 10,000 entries", |b| {
        b.iter(|| black_box(parse(black_box(&g10k), "glossary-10k.toml")));
    });
    g.bench_function("parse and index 10,000 entries", |b| {
        b.iter(|| Linker::new(parse(black_box(&g10k), "glossary-10k.toml").expect("parses")));
    });
    // A learner's quick glossary gives no plurals: every noun's forms are guessed.
    let quick: String = g10k
        .lines()
        .filter(|l| !l.starts_with("plural ="))
        .collect::<Vec<_>>()
        .join("\n");
    g.bench_function("parse and index 10,000 entries without plurals", |b| {
        b.iter(|| Linker::new(parse(black_box(&quick), "quick.toml").expect("parses")));
    });
    let parsed = parse(&g10k, "glossary-10k.toml").expect("synthetic glossary parses");
    // The clone is set-up and the drop comes after timing: what is measured is building.
    g.bench_function("linker from 10,000 entries", |b| {
        b.iter_batched(|| parsed.clone(), Linker::new, BatchSize::LargeInput);
    });
    g.finish();
}

criterion_group!(annotate, benches);
criterion_main!(annotate);
