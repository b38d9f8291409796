//! The library end to end, through a real pseudo-terminal: two texts imported, the library
//! filtered, the second opened and read; `leser` alone reopens it where it stopped, and the
//! library shows how much of it was read.

mod common;

use common::{Reader, warm_cache_dir};
use std::path::Path;
use std::process::Command;

fn import(data: &Path, files: &[&str]) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let out = Command::new(env!("CARGO_BIN_EXE_leser"))
        .arg("import")
        .args(files.iter().map(|f| fixtures.join(f)))
        .env("LESER_DATA_DIR", data)
        .env("LESER_CONFIG", data.join("config.toml"))
        .output()
        .expect("leser import runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The library's row of a text, as on screen.
fn row_of(reader: &Reader, title: &str) -> Option<String> {
    reader
        .contents()
        .lines()
        .find(|l| l.starts_with(title))
        .map(str::to_string)
}

/// The "Read" column of a row: the fourth figure from the right (words, read, known, new, opened).
fn read_column(row: &str) -> String {
    let fields: Vec<&str> = row.split_whitespace().collect();
    let n = fields.len();
    // ... words read known new opened [unit]: "opened" may be "–" or "5 min".
    let opened_words = if fields[n - 1] == "–" || fields[n - 1] == "now" {
        1
    } else {
        2
    };
    fields[n - opened_words - 3].to_string()
}

#[test]
fn import_filter_open_read_and_come_back() {
    let data = tempfile::tempdir().expect("data dir");
    import(data.path(), &["nachricht.html", "roman-epub3.epub"]);

    let mut reader = Reader::start_with(data.path(), &warm_cache_dir(), &["library"]);
    reader.wait_for("the library with three texts", |r| {
        let screen = r.contents();
        screen.contains("Library · 3 texts")
            && screen.contains("Der kleine Hafen")
            && screen.contains("Neue Brücke")
    });
    reader.send("/hafen");
    reader.wait_for("the filter leaving one text", |r| {
        r.contents().contains("Der kleine Hafen") && row_of(r, "Neue Brücke").is_none()
    });
    // Enter ends the filter, Enter opens.
    reader.send("\r");
    reader.send("\r");
    reader.wait_for("the novel in the reader", |r| {
        let title = r.title_bar();
        title.contains("Der kleine Hafen") && title.contains("Erstes Kapitel")
    });
    let start = reader.title_bar();
    // Read on to "Fremde" (one move, so the position on screen is final when it shows).
    reader.send("/Fremde\r");
    reader.wait_for("the reader further on", |r| r.title_bar() != start);
    let where_ = reader.title_bar();
    reader.quit();

    // `leser` alone reopens the text read last, where it stopped.
    let reader = Reader::start_with(data.path(), &warm_cache_dir(), &[]);
    reader.wait_for("the novel again, at the same term", |r| {
        r.title_bar() == where_
    });
    let mut reader = reader;
    // The library, from the reader: the novel shows how much of it was read.
    reader.send("L");
    reader.wait_for("the library with the novel's share read", |r| {
        row_of(r, "Der kleine Hafen").is_some_and(|row| {
            let read = read_column(&row);
            read.ends_with('%') && read != "0%"
        })
    });
    let row = row_of(&reader, "Der kleine Hafen").expect("row");
    assert!(row.contains("Greta Beispiel"), "{row}");
    reader.quit();
}

#[test]
fn the_table_of_contents_jumps_to_a_chapter() {
    let data = tempfile::tempdir().expect("data dir");
    import(data.path(), &["roman-epub2.epub"]);
    let library = leser::learner::Library::open(data.path()).expect("library");
    let path = library.path_of(&library.entries()[0]);
    let mut reader = Reader::start_with(
        data.path(),
        &warm_cache_dir(),
        &[path.to_str().expect("utf-8")],
    );
    reader.wait_for("the first chapter", |r| {
        r.title_bar().contains("Erstes Kapitel")
    });
    reader.send("c");
    reader.wait_for_text("Contents");
    reader.send("j\r");
    reader.wait_for("the second chapter", |r| {
        r.title_bar().contains("Zweites Kapitel") && !r.contents().contains("Contents")
    });
    reader.quit();
}

#[test]
fn a_file_imported_from_the_library_screen_with_tab_completion() {
    let data = tempfile::tempdir().expect("data dir");
    let mut reader = Reader::start_with(data.path(), &warm_cache_dir(), &["library"]);
    reader.wait_for_text("Library · 1 text");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    reader.send("i");
    reader.send(&format!("{}/noti", fixtures.display()));
    reader.send("\t");
    reader.wait_for_text("notizen.md");
    reader.send("\r");
    reader.wait_for("the imported notes in the library", |r| {
        let screen = r.contents();
        screen.contains("Library · 2 texts")
            && row_of(r, "Anekdoten").is_some()
            && screen.contains("Imported \"Anekdoten\"")
    });
    reader.quit();
    assert_eq!(
        leser::learner::Library::open(data.path())
            .expect("library")
            .entries()
            .len(),
        1
    );
}
