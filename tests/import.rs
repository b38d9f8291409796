//! `leser import` end to end: each format's text, chapters and metadata as the reader reads
//! them from the library; the same file twice; damaged files refused with nothing left behind.
//! Fixtures: tests/fixtures/import (made by its make_fixtures.sh).

use leser::learner::Library;
use leser::text::{BlockKind, Document};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn leser(data: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env("LESER_DATA_DIR", data)
        .env("LESER_CONFIG", data.join("config.toml"))
        .output()
        .expect("leser runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Imports one fixture into a fresh data dir; the imported text as the reader reads it.
fn import(name: &str) -> (tempfile::TempDir, Document) {
    let data = tempfile::tempdir().expect("data dir");
    let out = leser(
        data.path(),
        &["import", fixture(name).to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{name}: {}", stderr(&out));
    let library = Library::open(data.path()).expect("library");
    assert_eq!(library.entries().len(), 1);
    let path = library.path_of(&library.entries()[0]);
    let doc = Document::load(&path).expect("the imported text opens");
    (data, doc)
}

fn chapters(doc: &Document) -> Vec<String> {
    doc.chapters().into_iter().map(|c| c.title).collect()
}

fn paragraphs(doc: &Document) -> Vec<&str> {
    doc.paragraphs
        .iter()
        .map(|p| &doc.source[p.clone()])
        .collect()
}

fn assert_novel(doc: &Document) {
    assert_eq!(doc.title(), "Der kleine Hafen");
    assert_eq!(doc.meta.author.as_deref(), Some("Greta Beispiel"));
    assert_eq!(doc.meta.lang.as_deref(), Some("de-DE"));
    assert!(doc.meta.added.is_some());
    assert!(
        doc.meta
            .source
            .as_deref()
            .is_some_and(|s| s.contains("roman-epub"))
    );
    assert_eq!(
        chapters(doc),
        ["Erstes Kapitel: Ankunft", "Zweites Kapitel: Der Sturm"]
    );
    let paras = paragraphs(doc);
    assert!(
        paras.contains(
            &"Er kündigte seine Abreise für den nächsten Tag an, blieb aber eine ganze Woche."
        ),
        "{paras:?}"
    );
    assert!(
        paras.contains(&"Der Fremde"),
        "the section heading stays: {paras:?}"
    );
    // The title page's repeated title and author are no chapter of their own.
    assert_eq!(doc.kind(0), BlockKind::Heading(1), "{paras:?}");
    let ankunft = doc
        .source
        .find("Am Morgen kam")
        .expect("first chapter text");
    let sturm = doc
        .source
        .find("In der Nacht")
        .expect("second chapter text");
    assert!(ankunft < sturm, "spine order");
}

#[test]
fn epub3_with_nav() {
    let (_data, doc) = import("roman-epub3.epub");
    assert_novel(&doc);
}

#[test]
fn epub2_with_ncx() {
    let (_data, doc) = import("roman-epub2.epub");
    assert_novel(&doc);
}

#[test]
fn saved_web_page() {
    let (_data, doc) = import("nachricht.html");
    assert_eq!(doc.title(), "Neue Brücke & alter Streit | Tagesblatt");
    assert_eq!(doc.meta.author.as_deref(), Some("Karl Muster"));
    assert_eq!(doc.meta.lang.as_deref(), Some("de"));
    assert_eq!(
        paragraphs(&doc),
        [
            "Neue Brücke & alter Streit",
            "Der Rat der Stadt hat am Montag den Bau einer neuen Brücke beschlossen.",
            "Die Kosten liegen bei € 12 Millionen. Kritiker sprechen von einem „teuren Fehler“, die Bürgermeisterin hält dagegen.",
            "Wie es weitergeht",
            "• Im Frühjahr beginnen die Arbeiten.",
            "• Die alte Brücke bleibt bis 2027 offen.",
            "Mehr dazu in unserem Archiv.",
        ]
    );
    assert_eq!(chapters(&doc), ["Neue Brücke & alter Streit"]);
    for dropped in [
        "Anmelden",
        "Politik",
        "tracking",
        "nicht lesen",
        "Werbung",
        "Impressum",
        "https",
    ] {
        assert!(!doc.source.contains(dropped), "{dropped} is dropped");
    }
}

#[test]
fn markdown_notes() {
    let (_data, doc) = import("notizen.md");
    assert_eq!(doc.title(), "Anekdoten");
    assert_eq!(chapters(&doc), ["Anekdoten"]);
    let paras = paragraphs(&doc);
    assert_eq!(
        paras,
        [
            "Anekdoten",
            "Eine kurze Sammlung von Anekdoten, aus der Quelle übernommen.",
            "Die Liste",
            "• Der erste Fuchs lief über die Wiese.",
            "• Der zweite Fuchs blieb im Bau.",
            "1. ganz still",
            "2. ganz leise",
            "Der Code",
            "fn rat() -> &'static str { \"Rat\" }",
            "Zum Schluss ein Satz.",
        ]
    );
    assert_eq!(doc.kind(8), BlockKind::Code);
    assert!(doc.linked_paragraphs()[8].is_empty(), "code is not linked");
    assert!(!doc.source.contains("example.org"));
}

#[test]
fn crlf_and_utf16_poems() {
    for name in ["gedicht-crlf.txt", "gedicht-utf16.txt"] {
        let (_data, doc) = import(name);
        assert_eq!(doc.title(), name.trim_end_matches(".txt"));
        let paras = paragraphs(&doc);
        assert_eq!(paras[0], "Abendlied");
        assert_eq!(doc.kind(1), BlockKind::Verse, "{name}");
        assert_eq!(
            paras[1].lines().count(),
            6,
            "{name}: the poem keeps its lines"
        );
        assert_eq!(doc.kind(2), BlockKind::Prose, "{name}");
        assert!(!doc.source.contains('\r'));
        assert!(
            paras[2].contains("bis heute\ngesungen"),
            "{name}: {:?}",
            paras[2]
        );
    }
}

#[test]
fn importing_the_same_file_twice_says_so() {
    let data = tempfile::tempdir().expect("data dir");
    let file = fixture("notizen.md");
    let first = leser(data.path(), &["import", file.to_str().expect("utf-8")]);
    assert!(first.status.success(), "{}", stderr(&first));
    let again = leser(data.path(), &["import", file.to_str().expect("utf-8")]);
    assert!(again.status.success(), "{}", stderr(&again));
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("already in the library"), "{said}");
    assert_eq!(
        Library::open(data.path()).expect("library").entries().len(),
        1
    );
    let texts = std::fs::read_dir(data.path().join("texts"))
        .expect("texts")
        .count();
    assert_eq!(texts, 1);
}

#[test]
fn title_and_translation_given_on_the_command_line() {
    let data = tempfile::tempdir().expect("data dir");
    let out = leser(
        data.path(),
        &[
            "import",
            fixture("gedicht-crlf.txt").to_str().expect("utf-8"),
            "--title",
            "Abendlied",
            "--translation",
            fixture("fabel.en.txt").to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let library = Library::open(data.path()).expect("library");
    let entry = &library.entries()[0];
    assert_eq!(entry.title, "Abendlied");
    let path = library.path_of(entry);
    let doc = Document::load(&path).expect("opens");
    let translation = doc
        .translation_path(&path)
        .expect("the translation is found");
    let en = Document::load(&translation).expect("translation opens");
    assert_eq!(en.paragraphs.len(), doc.paragraphs.len());
}

#[test]
fn damaged_files_are_refused_and_leave_nothing() {
    for (name, says) in [
        ("damaged-truncated.epub", "cut short"),
        ("damaged-not-epub.epub", "no EPUB"),
        ("damaged-missing-spine-item.epub", "ch002.xhtml"),
        ("damaged-drm.epub", "DRM"),
        ("leer.html", "no text"),
        ("make_fixtures.sh", "cannot import this kind of file"),
    ] {
        let data = tempfile::tempdir().expect("data dir");
        let path = fixture(name);
        let out = leser(data.path(), &["import", path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{name}: one line: {err}");
        assert!(err.contains(name), "{name}: names the file: {err}");
        assert!(err.contains(says), "{name}: says why: {err}");
        assert!(
            !data.path().join("texts").exists()
                || std::fs::read_dir(data.path().join("texts"))
                    .expect("dir")
                    .count()
                    == 0,
            "{name}: nothing written"
        );
        assert!(
            Library::open(data.path())
                .expect("library")
                .entries()
                .is_empty()
        );
    }
}

#[test]
fn stats_without_a_text_lists_every_text_and_the_weeks() {
    let data = tempfile::tempdir().expect("data dir");
    let out = leser(
        data.path(),
        &[
            "import",
            fixture("notizen.md").to_str().expect("utf-8"),
            fixture("roman-epub2.epub").to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = leser(data.path(), &["stats"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    for title in ["Lawrow", "Anekdoten", "Der kleine Hafen"] {
        assert!(
            text.lines().any(|l| l.starts_with(title)),
            "{title}: {text}"
        );
    }
    assert!(text.contains("last 4 weeks: 0 words read"), "{text}");
}
