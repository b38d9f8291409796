//! `leser export anki --out deck.apkg`, checked by Anki itself: Anki's Python library (PyPI
//! `anki`, in a venv kept under target/) imports the package into a fresh collection, and a
//! second export after a status change must update the notes, not add any. Without Python,
//! venv or PyPI the Anki part is skipped with a message, unless `LESER_REQUIRE_ANKI` is set
//! (`.ci/run` sets it).

use leser::glossary::Glossary;
use leser::learner::{ExportSelection, Status, Store, TextNotes, anki_notes, term_statuses};
use leser::link::Linker;
use leser::terms::{Sources, Terms};
use leser::text::Document;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

const TITLE: &str = "Lawrow: „Die Fakten sind, dass die NATO keine Zusammenarbeit mit uns will“";

#[test]
fn notes_carry_article_plural_both_parts_of_a_split_verb_and_the_translation() {
    let doc = Document::bundled();
    let translation = Document::bundled_translation();
    let glossary = Glossary::bundled();
    let analysis = Linker::new(glossary.clone()).analyze(&doc);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    store.set_status("ankündigen", Status::Learning(2)).unwrap();
    store.set_status("Diplomat", Status::Learning(1)).unwrap();
    let terms = Terms::build(&doc.source, &analysis, &glossary, &Sources::default());
    let statuses = term_statuses(&terms, |t| store.status(t));
    let src = TextNotes {
        doc: &doc,
        analysis: &analysis,
        glossary: &glossary,
        terms: &terms,
        statuses: &statuses,
        dicts: None,
    };
    let notes = anki_notes(&src, ExportSelection::Learning, translation.as_ref());
    let heads: Vec<&str> = notes.iter().map(|n| n.headword.as_str()).collect();
    assert_eq!(heads, ["Diplomat", "ankündigen"]);
    let diplomat = &notes[0];
    assert_eq!(diplomat.german, "der Diplomat");
    assert_eq!(diplomat.plural, "die Diplomaten");
    assert_eq!(diplomat.status, Status::Learning(1));
    assert_eq!(diplomat.text_title, TITLE);
    assert!(diplomat.sentence_cloze.contains("{{c1::Diplomat}}"));
    let verb = &notes[1];
    assert!(
        verb.sentence_cloze
            .contains("{{c1::kündigte}} die NATO {{c1::an}}"),
        "{}",
        verb.sentence_cloze
    );
    assert!(
        verb.sentence_en.contains("NATO announced"),
        "{}",
        verb.sentence_en
    );
    assert!(
        verb.ipa.is_empty() && verb.audio.is_none(),
        "left to the caller"
    );
}

// ----- through Anki -----

/// The venv's Python with `anki` installed, made once under target/ and kept for later runs.
fn anki_python() -> Option<PathBuf> {
    static PYTHON: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    let result = PYTHON.get_or_init(|| {
        let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join("anki-venv");
        let python = venv.join("bin/python");
        let has_anki = |python: &Path| {
            Command::new(python)
                .args(["-c", "import anki.collection"])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        if has_anki(&python) {
            return Ok(python);
        }
        let step = |what: &str, command: &mut Command| -> Result<(), String> {
            let out = command.output().map_err(|e| format!("{what}: {e}"))?;
            if out.status.success() {
                Ok(())
            } else {
                Err(format!(
                    "{what}: {}",
                    String::from_utf8_lossy(&out.stderr).trim()
                ))
            }
        };
        step(
            "python3 -m venv",
            Command::new("python3").arg("-m").arg("venv").arg(&venv),
        )?;
        step(
            "pip install anki",
            Command::new(venv.join("bin/pip")).args(["install", "--quiet", "anki"]),
        )?;
        if has_anki(&python) {
            Ok(python)
        } else {
            Err("anki does not import after pip install".to_string())
        }
    });
    match result {
        Ok(python) => Some(python.clone()),
        Err(why) => {
            assert!(
                std::env::var_os("LESER_REQUIRE_ANKI").is_none(),
                "Anki is required here but could not be set up: {why}"
            );
            eprintln!("skipped: no Anki to check the package with ({why})");
            None
        }
    }
}

/// Whether espeak-ng is there for IPA and sound; on CI it must be.
fn espeak_installed() -> bool {
    let found = leser::speech::Espeak::find(None).is_ok();
    assert!(
        found || std::env::var_os("CI").is_none(),
        "espeak-ng is missing on CI: .ci/run installs it"
    );
    found
}

/// `leser export anki` of the bundled article with the learner's data in `data`, at the
/// time `when` (`SOURCE_DATE_EPOCH`).
fn export(data: &Path, out: &Path, when: i64, extra: &[&str], path_env: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_leser"));
    command
        .args(["export", "anki", "--out"])
        .arg(out)
        .args(extra)
        .env("LESER_DATA_DIR", data)
        .env("LESER_CACHE_DIR", data.join("cache"))
        .env("LESER_CONFIG", data.join("config.toml"))
        .env("SOURCE_DATE_EPOCH", when.to_string());
    if let Some(path) = path_env {
        command.env("PATH", path);
    }
    let output = command.output().expect("leser runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// What Anki made of importing `apkg` into the collection at `collection`.
fn import(python: &Path, collection: &Path, apkg: &Path, notes: &[&str]) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/anki/import_apkg.py");
    let output = Command::new(python)
        .arg(script)
        .arg(collection)
        .arg(apkg)
        .args(notes)
        .output()
        .expect("python runs");
    assert!(
        output.status.success(),
        "Anki could not import the package: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the script prints JSON")
}

fn learner(data: &Path, statuses: &[(&str, Status)]) {
    let mut store = Store::open(data).expect("the store opens");
    for (term, status) in statuses {
        store
            .set_status(term, *status)
            .expect("the status is saved");
    }
}

#[test]
fn anki_imports_the_package_and_a_later_export_updates_its_notes() {
    let Some(python) = anki_python() else { return };
    if !espeak_installed() {
        eprintln!("skipped: espeak-ng is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    learner(
        &data,
        &[
            ("ankündigen", Status::Learning(2)),
            ("Diplomat", Status::Learning(1)),
            ("Bündnis", Status::Learning(3)),
        ],
    );
    let apkg = dir.path().join("deck.apkg");
    let out = export(&data, &apkg, 1_700_000_000, &[], None);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("3 notes (6 cards)"), "{said}");
    assert!(said.contains("with 3 sounds"), "{said}");

    let collection = dir.path().join("anki/collection.anki2");
    std::fs::create_dir_all(collection.parent().unwrap()).unwrap();
    let first = import(&python, &collection, &apkg, &["das Bündnis", "ankündigen"]);
    assert_eq!(first["new"], 3, "{first}");
    assert_eq!(first["note_count"], 3);
    assert_eq!(first["card_count"], 6);
    let deck = format!("leser::{TITLE}");
    assert!(
        first["decks"]
            .as_array()
            .unwrap()
            .contains(&deck.as_str().into()),
        "{}",
        first["decks"]
    );

    let bündnis = &first["notes"]["das Bündnis"];
    assert_eq!(bündnis["note_type"], "leser");
    let fields = &bündnis["fields"];
    assert_eq!(fields["German"], "das Bündnis");
    assert_eq!(fields["Plural"], "die Bündnisse");
    assert_eq!(fields["IPA"], "ˈbyndnɪs");
    assert_eq!(fields["Status"], "learning 3");
    assert_eq!(fields["Text"], TITLE);
    let sentence = fields["Sentence"].as_str().unwrap();
    assert!(
        sentence.contains("die Büros des {{c1::Bündnisses}}"),
        "{sentence}"
    );
    assert!(
        fields["Sentence English"]
            .as_str()
            .unwrap()
            .contains("Alliance"),
        "{fields}"
    );
    // The cloze card hides the term; the recognition card shows the German.
    let cloze = bündnis["cards"]["Cloze"]["question"].as_str().unwrap();
    assert!(
        cloze.contains("[...]") && !cloze.contains("Bündnisses"),
        "{cloze}"
    );
    assert_eq!(bündnis["cards"]["Cloze"]["deck"], deck.as_str());
    let recognition = bündnis["cards"]["Recognition"]["question"]
        .as_str()
        .unwrap();
    assert!(recognition.contains("das Bündnis"), "{recognition}");
    let verb = &first["notes"]["ankündigen"]["fields"]["Sentence"];
    assert!(
        verb.as_str()
            .unwrap()
            .contains("{{c1::kündigte}} die NATO {{c1::an}}"),
        "{verb}"
    );

    // The sound: named in the Audio field, in Anki's media folder, a WAV of the headword.
    let audio = fields["Audio"].as_str().unwrap();
    let sound = audio
        .strip_prefix("[sound:")
        .and_then(|s| s.strip_suffix(']'))
        .expect("[sound:…]");
    assert_eq!(first["media"].as_array().unwrap().len(), 3);
    let media = Path::new(first["media_dir"].as_str().unwrap()).join(sound);
    let wav = hound::WavReader::open(&media).expect("Anki has the WAV");
    assert!(f64::from(wav.duration()) / f64::from(wav.spec().sample_rate) > 0.2);

    // More reading: a status changes, the deck is exported again and imported again.
    learner(&data, &[("Bündnis", Status::Learning(4))]);
    export(&data, &apkg, 1_700_000_100, &[], None);
    let second = import(&python, &collection, &apkg, &["das Bündnis"]);
    assert_eq!(second["new"], 0, "{second}");
    assert_eq!(second["updated"], 3, "{second}");
    assert_eq!(second["note_count"], 3);
    assert_eq!(second["card_count"], 6);
    assert_eq!(second["media"].as_array().unwrap().len(), 3);
    let again = &second["notes"]["das Bündnis"];
    assert_eq!(again["fields"]["Status"], "learning 4");
    assert_eq!(again["guid"], bündnis["guid"]);
    assert!(
        again["tags"]
            .as_array()
            .unwrap()
            .contains(&"learning_4".into()),
        "{}",
        again["tags"]
    );
}

#[test]
fn without_espeak_the_package_has_no_sound_and_says_so() {
    let Some(python) = anki_python() else { return };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    learner(&data, &[("Bündnis", Status::Learning(1))]);
    let apkg = dir.path().join("deck.apkg");
    let empty = tempfile::tempdir().unwrap();
    let out = export(
        &data,
        &apkg,
        1_700_000_000,
        &[],
        Some(empty.path().to_str().unwrap()),
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("without IPA and sound"), "{said}");
    assert!(said.contains("espeak-ng"), "{said}");
    let collection = dir.path().join("anki/collection.anki2");
    std::fs::create_dir_all(collection.parent().unwrap()).unwrap();
    let result = import(&python, &collection, &apkg, &["das Bündnis"]);
    assert_eq!(result["note_count"], 1, "{result}");
    assert_eq!(result["media"].as_array().unwrap().len(), 0);
    let fields = &result["notes"]["das Bündnis"]["fields"];
    assert_eq!(fields["Audio"], "");
    assert_eq!(fields["IPA"], "");
    assert_eq!(fields["German"], "das Bündnis");
}

#[test]
fn no_audio_leaves_the_sound_out() {
    if !espeak_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    learner(&data, &[("Bündnis", Status::Learning(1))]);
    let with = dir.path().join("with.apkg");
    let without = dir.path().join("without.apkg");
    export(&data, &with, 1_700_000_000, &[], None);
    let out = export(&data, &without, 1_700_000_000, &["--no-audio"], None);
    assert!(String::from_utf8_lossy(&out.stderr).contains("without sound"));
    let size = |p: &Path| std::fs::metadata(p).unwrap().len();
    assert!(
        size(&without) + 10_000 < size(&with),
        "the sound is left out"
    );
}
