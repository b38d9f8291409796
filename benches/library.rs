//! The library's speed: importing a 1 MB EPUB (target: under 300 ms), and opening a library of
//! 100 imported books to its first frame (target: under 50 ms), the figures coming from the
//! cache written the last time (they are counted again on a thread, after the first frame).
//!
//! The EPUB is made here: an EPUB 3 with a nav document, 40 chapters of German prose drawn
//! from the bundled article's words (a fixed pseudo-random sequence, so that deflate packs it
//! about as well as a novel), deflated, just over 1 MB.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use leser::import::{Kind, convert, fingerprint};
use leser::learner::{Figures, Library};
use leser::text::Document;
use leser::tui::Opener;
use leser::tui::library::figures::CACHE_FILE;
use leser::tui::library::{LibraryState, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use zip::write::SimpleFileOptions;

/// German words to make prose from.
fn vocabulary() -> Vec<String> {
    let doc = Document::bundled();
    let mut words: Vec<String> = doc
        .body_text()
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Paragraphs of pseudo-random prose, about `bytes` long.
fn prose(words: &[String], seed: &mut u64, bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut len = 0;
    while len < bytes {
        let mut para = String::new();
        for s in 0..6 {
            for w in 0..12 {
                *seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let word = &words[(*seed >> 33) as usize % words.len()];
                if w > 0 || s > 0 {
                    para.push(' ');
                }
                para.push_str(word);
            }
            para.push('.');
        }
        len += para.len();
        out.push(para);
    }
    out
}

/// An EPUB 3 of `chapters` chapters, each about `chapter_bytes` of text.
fn make_epub(chapters: usize, chapter_bytes: usize, seed: u64) -> Vec<u8> {
    let words = vocabulary();
    let mut seed = seed;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated =
        SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/epub+zip").expect("zip");
    zip.start_file("META-INF/container.xml", deflated)
        .expect("zip");
    zip.write_all(br#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="EPUB/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#).expect("zip");
    let mut manifest = String::new();
    let mut spine = String::new();
    let mut nav = String::new();
    for c in 1..=chapters {
        let _ = write!(
            manifest,
            r#"<item id="c{c}" href="c{c}.xhtml" media-type="application/xhtml+xml"/>"#
        );
        let _ = write!(spine, r#"<itemref idref="c{c}"/>"#);
        let _ = write!(nav, r#"<li><a href="c{c}.xhtml">Kapitel {c}</a></li>"#);
        let mut body = String::new();
        for p in prose(&words, &mut seed, chapter_bytes) {
            let _ = writeln!(body, "<p>{p}</p>");
        }
        zip.start_file(format!("EPUB/c{c}.xhtml"), deflated)
            .expect("zip");
        write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" lang="de"><head><title>Kapitel {c}</title></head><body><h1>Kapitel {c}</h1>{body}</body></html>"#).expect("zip");
    }
    zip.start_file("EPUB/nav.xhtml", deflated).expect("zip");
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>Inhalt</title></head><body><nav epub:type="toc"><ol>{nav}</ol></nav></body></html>"#).expect("zip");
    zip.start_file("EPUB/content.opf", deflated).expect("zip");
    write!(zip, r#"<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:identifier id="id">urn:uuid:{seed:x}</dc:identifier><dc:title>Ein langes Buch {seed}</dc:title><dc:creator>Bench Autor</dc:creator><dc:language>de</dc:language><meta property="dcterms:modified">2026-01-01T00:00:00Z</meta></metadata><manifest><item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>{manifest}</manifest><spine>{spine}</spine></package>"#).expect("zip");
    zip.finish().expect("zip").into_inner()
}

fn import_epub(c: &mut Criterion) {
    let epub = make_epub(40, 100_000, 7);
    eprintln!("EPUB: {} bytes", epub.len());
    assert!(epub.len() >= 1_000_000, "{} bytes", epub.len());
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(epub.len() as u64));
    g.bench_function("epub_1mb_convert", |b| {
        b.iter(|| convert("book.epub", Kind::Epub, black_box(epub.clone())).expect("converts"));
    });
    // Converting, and writing it into a library (word count, text file, library file).
    g.bench_function("epub_1mb_into_library", |b| {
        b.iter_batched(
            || tempfile::tempdir().expect("dir"),
            |dir| {
                let converted =
                    convert("book.epub", Kind::Epub, black_box(epub.clone())).expect("converts");
                let mut library = Library::open(dir.path()).expect("library");
                library
                    .add(Path::new("book.epub"), &epub, &converted, None)
                    .expect("added");
                dir
            },
            criterion::BatchSize::PerIteration,
        );
    });
    g.finish();
}

/// A data dir with 100 imported books and their figures cached.
fn hundred_books(dir: &Path) {
    let mut library = Library::open(dir).expect("library");
    let mut cache = BTreeMap::new();
    for i in 0..100u64 {
        let epub = make_epub(3, 20_000, 1000 + i);
        let converted = convert("b.epub", Kind::Epub, epub.clone()).expect("converts");
        let added = library
            .add(Path::new(&format!("b{i}.epub")), &epub, &converted, None)
            .expect("added");
        let leser::learner::Imported::Added(entry) = added else {
            panic!("{i} twice ({})", fingerprint(&epub));
        };
        let key = std::fs::canonicalize(library.path_of(&entry))
            .expect("path")
            .display()
            .to_string();
        cache.insert(
            key,
            Figures {
                words: entry.words,
                known_words: entry.words / 2,
                new_terms: 100 + i as usize,
            },
        );
    }
    std::fs::write(
        dir.join(CACHE_FILE),
        serde_json::to_vec(&cache).expect("json"),
    )
    .expect("cache");
}

fn open_library(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    hundred_books(dir.path());
    let opener = Opener {
        data_dir: dir.path().to_path_buf(),
        glossary: None,
        dictionaries: None,
        speech: None,
        keymap: leser::tui::keymap::Keymap::default(),
        palette: leser::tui::ui::theme::Palette::default(),
    };
    let size = Size::new(120, 40);
    let mut g = c.benchmark_group("library");
    g.bench_function("open_100_books_first_frame", |b| {
        let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
        b.iter(|| {
            let (rows, progress) = opener.rows().expect("rows");
            assert_eq!(rows.len(), 101);
            let state = LibraryState::new(rows, progress, size, 1_796_040_000);
            terminal.draw(|f| ui::render(&state, f)).expect("draw");
            black_box(&state);
        });
    });
    g.finish();
}

criterion_group!(benches, import_epub, open_library);
criterion_main!(benches);
