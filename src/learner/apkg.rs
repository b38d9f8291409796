//! An Anki package (`.apkg`) that Anki imports in one step: a note type of leser's own, a
//! deck per text under the parent deck `leser`, and the headwords' sound in the package.
//!
//! The package is the one Anki documents for sharing decks: a zip holding `collection.anki2`
//! (an SQLite collection, schema 11), `media` (JSON: zip entry name -> file name) and the
//! media files. Note ids, guids, card ids and media names are derived from the headword, and
//! deck ids from the deck name, so that exporting again updates the notes Anki has (it
//! matches guids, and takes a note whose modification time is newer) instead of adding more.

use super::export::{field, slug};
use super::status::Status;
use rusqlite::{Connection, params};
use std::io::Write as _;
use std::path::Path;
use thiserror::Error;

/// One note: what the text and the learner's data say about a term, as plain text (the
/// writer escapes it for Anki's HTML fields).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteRecord {
    /// What the note's id, guid and sound file are derived from: the term's headword.
    pub headword: String,
    /// With its article for a noun: `der Diplomat`.
    pub german: String,
    /// `die Diplomaten`; empty when there is none.
    pub plural: String,
    pub english: String,
    /// The headword's IPA; empty when unknown.
    pub ipa: String,
    /// The sentence from the text with the term as cloze 1 (both parts of a split verb):
    /// `Moskau {{c1::kündigte}} die Gespräche {{c1::an}}.`; empty when there is none.
    pub sentence_cloze: String,
    /// The sentence's translation, when the text has one.
    pub sentence_en: String,
    /// The text's title: the note's deck is `leser::<title>`.
    pub text_title: String,
    pub status: Status,
    /// The headword spoken (a WAV file's bytes), for the package's media.
    pub audio: Option<Vec<u8>>,
}

#[derive(Debug, Error)]
pub enum ApkgError {
    #[error("cannot build the Anki collection: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot build the Anki package: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("{path}: cannot write the Anki package: {source}")]
    Write {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// What a package holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PackageSummary {
    pub notes: usize,
    pub cards: usize,
    pub media: usize,
    pub decks: usize,
}

/// The parent deck of every text's deck.
pub const PARENT_DECK: &str = "leser";
/// The note type's name in Anki.
pub const NOTE_TYPE: &str = "leser";
/// The note type's fields, in order.
pub const FIELDS: [&str; 9] = [
    "German",
    "Plural",
    "English",
    "IPA",
    "Sentence",
    "Sentence English",
    "Audio",
    "Text",
    "Status",
];
const SENTENCE_FIELD: usize = 4;
/// Card templates: (name, front, back). The cloze card is made only for a note with a
/// sentence; in a note type that is not Anki's Cloze type, `{{cloze:…}}` hides cloze 1 on the
/// first card type.
const TEMPLATES: [(&str, &str, &str); 2] = [
    (
        "Cloze",
        "{{#Sentence}}<div class=sentence>{{cloze:Sentence}}</div>\
         <div class=hint>{{English}}</div>{{/Sentence}}",
        "{{#Sentence}}<div class=sentence>{{cloze:Sentence}}</div>{{/Sentence}}\
         {{#Sentence English}}<div class=sentence-en>{{Sentence English}}</div>{{/Sentence English}}\
         <hr id=answer><div class=german>{{German}}</div>\
         {{#Plural}}<div class=plural>{{Plural}}</div>{{/Plural}}\
         {{#IPA}}<div class=ipa>/{{IPA}}/</div>{{/IPA}}\
         <div class=english>{{English}}</div>{{Audio}}\
         <div class=origin>{{Text}} · {{Status}}</div>",
    ),
    (
        "Recognition",
        "<div class=german>{{German}}</div>{{#IPA}}<div class=ipa>/{{IPA}}/</div>{{/IPA}}{{Audio}}",
        "{{FrontSide}}<hr id=answer><div class=english>{{English}}</div>\
         {{#Plural}}<div class=plural>{{Plural}}</div>{{/Plural}}\
         {{#Sentence English}}<div class=sentence-en>{{Sentence English}}</div>{{/Sentence English}}\
         <div class=origin>{{Text}} · {{Status}}</div>",
    ),
];
const CSS: &str = ".card { font-family: sans-serif; font-size: 22px; text-align: center; }\n\
.german { font-size: 30px; font-weight: bold; }\n\
.ipa { color: #666; }\n\
.plural, .hint, .origin { color: #777; font-size: 17px; }\n\
.sentence-en { font-style: italic; color: #666; font-size: 18px; }\n\
.cloze { font-weight: bold; color: #1a5fb4; }\n\
.nightMode .cloze { color: #99c1f1; }\n";

/// Anki's collection tables (schema 11), as Anki's own packages have them.
const SCHEMA: &str = "
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null,
  factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
";

/// Ids look like Anki's (milliseconds since 1970) and lie in the past: 2001 to 2019.
const ID_BASE: i64 = 1_000_000_000_000;
const ID_SPAN: u64 = 1 << 37;

/// Writes the notes as an Anki package at `path` (whole or not at all). `modified` is the
/// notes' modification time in seconds since 1970: a later export must give a later time
/// for Anki to take its notes over the ones it has.
pub fn write_apkg(
    path: &Path,
    notes: &[NoteRecord],
    modified: i64,
) -> Result<PackageSummary, ApkgError> {
    let (bytes, summary) = apkg_bytes(notes, modified)?;
    crate::glossary::save::write_atomically(path, &bytes).map_err(|source| ApkgError::Write {
        path: path.display().to_string(),
        source,
    })?;
    Ok(summary)
}

/// The package's bytes, and what it holds.
pub fn apkg_bytes(
    notes: &[NoteRecord],
    modified: i64,
) -> Result<(Vec<u8>, PackageSummary), ApkgError> {
    let plan = Plan::new(notes);
    let collection = collection(&plan, notes, modified)?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("collection.anki2", options)?;
    zip.write_all(&collection)
        .map_err(zip::result::ZipError::Io)?;
    let mut media_map = serde_json::Map::new();
    let mut media = 0;
    // espeak-ng's WAV halves at the fastest level (silence, 16-bit samples); more gains little.
    let sound = options.compression_level(Some(1));
    for (note, planned) in notes.iter().zip(&plan.notes) {
        let (Some(wav), Some(name)) = (&note.audio, &planned.sound) else {
            continue;
        };
        let entry = media.to_string();
        zip.start_file(entry.as_str(), sound)?;
        zip.write_all(wav).map_err(zip::result::ZipError::Io)?;
        media_map.insert(entry, serde_json::Value::from(name.as_str()));
        media += 1;
    }
    zip.start_file("media", options)?;
    zip.write_all(serde_json::Value::Object(media_map).to_string().as_bytes())
        .map_err(zip::result::ZipError::Io)?;
    let bytes = zip.finish()?.into_inner();
    let summary = PackageSummary {
        notes: notes.len(),
        cards: plan.notes.iter().map(|n| n.cards.len()).sum(),
        media,
        decks: plan.decks.len(),
    };
    Ok((bytes, summary))
}

/// Ids and names worked out before anything is written.
struct Plan {
    /// (id, name), the parent first.
    decks: Vec<(i64, String)>,
    notes: Vec<PlannedNote>,
    note_type: i64,
}

struct PlannedNote {
    id: i64,
    guid: String,
    deck: i64,
    /// (card id, template ordinal).
    cards: Vec<(i64, i64)>,
    sound: Option<String>,
}

impl Plan {
    fn new(notes: &[NoteRecord]) -> Plan {
        let mut decks = vec![(deck_id(PARENT_DECK), PARENT_DECK.to_string())];
        let mut used = rustc_hash::FxHashSet::default();
        let planned = notes
            .iter()
            .map(|note| {
                let name = deck_name(&note.text_title);
                let deck = deck_id(&name);
                if !decks.iter().any(|(id, _)| *id == deck) {
                    decks.push((deck, name));
                }
                // Two headwords with one id (a chance in billions) take the next free one.
                let mut id = anki_id(hash(b"note", &note.headword), 4);
                while !used.insert(id) {
                    id += 4;
                }
                let with_cloze = note.sentence_cloze.contains("{{c1::");
                let cards = [(0, with_cloze), (1, true)]
                    .into_iter()
                    .filter(|(_, made)| *made)
                    .map(|(ord, _)| (id + ord, ord))
                    .collect();
                PlannedNote {
                    id,
                    guid: guid(&note.headword),
                    deck,
                    cards,
                    sound: note
                        .audio
                        .as_ref()
                        .map(|_| format!("leser-{:016x}.wav", hash(b"sound", &note.headword))),
                }
            })
            .collect();
        Plan {
            decks,
            notes: planned,
            note_type: anki_id(hash(b"note type", NOTE_TYPE), 1),
        }
    }
}

/// The collection file: tables, the collection's settings, notes and cards.
fn collection(
    plan: &Plan,
    notes: &[NoteRecord],
    modified: i64,
) -> Result<Vec<u8>, rusqlite::Error> {
    let mut db = Connection::open_in_memory()?;
    db.execute_batch(SCHEMA)?;
    let first_deck = plan.decks.get(1).map_or(1, |(id, _)| *id);
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?2, 11, 0, 0, 0, ?3, ?4, ?5, ?6, '{}')",
        params![
            modified - modified.rem_euclid(86_400),
            modified * 1000,
            collection_config(plan.note_type, first_deck).to_string(),
            note_types(plan.note_type, first_deck, modified).to_string(),
            decks(&plan.decks, modified).to_string(),
            deck_config().to_string(),
        ],
    )?;
    let tx = db.transaction()?;
    {
        let mut insert_note =
            tx.prepare("INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, ?8, 0, '')")?;
        let mut insert_card = tx.prepare(
            "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')",
        )?;
        // New cards come up in the order of the notes.
        for (due, (note, planned)) in (1i64..).zip(notes.iter().zip(&plan.notes)) {
            let fields = note_fields(note, planned.sound.as_deref());
            insert_note.execute(params![
                planned.id,
                planned.guid,
                plan.note_type,
                modified,
                tags(note),
                fields.join("\u{1f}"),
                note.german,
                checksum(&note.german),
            ])?;
            for &(card, ord) in &planned.cards {
                insert_card.execute(params![card, planned.id, planned.deck, ord, modified, due])?;
            }
        }
    }
    tx.commit()?;
    Ok(db.serialize(rusqlite::MAIN_DB)?.to_vec())
}

/// The note's fields in the order of [`FIELDS`], as Anki's HTML.
fn note_fields(note: &NoteRecord, sound: Option<&str>) -> [String; 9] {
    [
        field(&note.german),
        field(&note.plural),
        field(&note.english),
        field(&note.ipa),
        field(&note.sentence_cloze),
        field(&note.sentence_en),
        sound.map_or_else(String::new, |s| format!("[sound:{s}]")),
        field(&note.text_title),
        field(&note.status.to_string()),
    ]
}

/// `leser lawrow-die-fakten learning_2`, as Anki writes tags: space-separated, with a space
/// at each end.
fn tags(note: &NoteRecord) -> String {
    format!(
        " {PARENT_DECK} {} {} ",
        slug(&note.text_title),
        note.status.tag()
    )
}

/// Anki's checksum of a note's first field: the first 8 hex digits of its SHA-1, as a number.
fn checksum(first_field: &str) -> i64 {
    let digest = sha1_smol::Sha1::from(first_field.trim()).digest().bytes();
    i64::from(u32::from_be_bytes([
        digest[0], digest[1], digest[2], digest[3],
    ]))
}

/// A stable 64-bit number for a text, in a namespace.
fn hash(namespace: &[u8], text: &str) -> u64 {
    let mut sha = sha1_smol::Sha1::new();
    sha.update(b"leser ");
    sha.update(namespace);
    sha.update(b"\0");
    sha.update(text.as_bytes());
    let d = sha.digest().bytes();
    u64::from_be_bytes([d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7]])
}

/// An id from a hash: `ID_BASE` and `step` times the hash cut to `ID_SPAN`.
fn anki_id(hash: u64, step: i64) -> i64 {
    ID_BASE + step * i64::try_from(hash % ID_SPAN).unwrap_or_default()
}

/// A note's guid, in Anki's form: a 64-bit number in base 91.
fn guid(headword: &str) -> String {
    const DIGITS: &[u8] =
        b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_`{|}~";
    let mut n = hash(b"guid", headword);
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 91) as usize]);
        n /= 91;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

/// `leser::<title>`; a `::` in the title, which would nest decks, becomes `:`.
fn deck_name(title: &str) -> String {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let title = title.replace("::", ":");
    let title = title.trim_matches(':').trim();
    if title.is_empty() {
        format!("{PARENT_DECK}::text")
    } else {
        format!("{PARENT_DECK}::{title}")
    }
}

fn deck_id(name: &str) -> i64 {
    anki_id(hash(b"deck", name), 1)
}

fn collection_config(note_type: i64, deck: i64) -> serde_json::Value {
    serde_json::json!({
        "activeDecks": [deck],
        "curDeck": deck,
        "curModel": note_type.to_string(),
        "newSpread": 0,
        "collapseTime": 1200,
        "timeLim": 0,
        "estTimes": true,
        "dueCounts": true,
        "nextPos": 1,
        "sortType": "noteFld",
        "sortBackwards": false,
        "addToCur": true
    })
}

fn note_types(id: i64, deck: i64, modified: i64) -> serde_json::Value {
    let fields: Vec<serde_json::Value> = FIELDS
        .iter()
        .enumerate()
        .map(|(ord, name)| {
            serde_json::json!({
                "name": name, "ord": ord, "sticky": false, "rtl": false,
                "font": "Arial", "size": 20, "media": []
            })
        })
        .collect();
    let templates: Vec<serde_json::Value> = TEMPLATES
        .iter()
        .enumerate()
        .map(|(ord, (name, front, back))| {
            serde_json::json!({
                "name": name, "ord": ord, "qfmt": front, "afmt": back,
                "bqfmt": "", "bafmt": "", "did": null, "bfont": "", "bsize": 0
            })
        })
        .collect();
    let mut types = serde_json::Map::new();
    types.insert(
        id.to_string(),
        serde_json::json!({
            "id": id,
            "name": NOTE_TYPE,
            "type": 0,
            "mod": modified,
            "usn": -1,
            "sortf": 0,
            "did": deck,
            "tmpls": templates,
            "flds": fields,
            "css": CSS,
            "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            "latexPost": "\\end{document}",
            "latexsvg": false,
            "req": [[0, "all", [SENTENCE_FIELD]], [1, "all", [0]]],
            "tags": [],
            "vers": []
        }),
    );
    serde_json::Value::Object(types)
}

fn decks(decks: &[(i64, String)], modified: i64) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    let deck = |id: i64, name: &str| {
        serde_json::json!({
            "id": id, "name": name, "mod": modified, "usn": -1,
            "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
            "collapsed": false, "browserCollapsed": false, "desc": "", "dyn": 0, "conf": 1,
            "extendNew": 0, "extendRev": 0
        })
    };
    out.insert("1".to_string(), deck(1, "Default"));
    for (id, name) in decks {
        out.insert(id.to_string(), deck(*id, name));
    }
    serde_json::Value::Object(out)
}

/// Anki's default options group, which the decks use.
fn deck_config() -> serde_json::Value {
    serde_json::json!({
        "1": {
            "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
            "timer": 0, "replayq": true, "dyn": false,
            "new": {
                "bury": false, "delays": [1.0, 10.0], "initialFactor": 2500,
                "ints": [1, 4, 0], "order": 1, "perDay": 20
            },
            "lapse": {
                "delays": [10.0], "leechAction": 1, "leechFails": 8, "minInt": 1, "mult": 0.0
            },
            "rev": {
                "bury": false, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "perDay": 200,
                "hardFactor": 1.2
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    fn record(headword: &str, german: &str, sentence: &str, audio: bool) -> NoteRecord {
        NoteRecord {
            headword: headword.into(),
            german: german.into(),
            english: "x".into(),
            sentence_cloze: sentence.into(),
            text_title: "Lawrow: „Die Fakten“".into(),
            status: Status::Learning(2),
            audio: audio.then(|| b"RIFF....WAVE".to_vec()),
            ..NoteRecord::default()
        }
    }

    fn notes() -> Vec<NoteRecord> {
        vec![
            NoteRecord {
                plural: "die Diplomaten".into(),
                ipa: "dˌɪploːˈmɑːt".into(),
                sentence_en: "Eight <diplomats> & more.".into(),
                ..record(
                    "Diplomat",
                    "der Diplomat",
                    "Acht {{c1::Diplomaten}} gingen.",
                    true,
                )
            },
            record("ankündigen", "ankündigen", "", false),
        ]
    }

    #[test]
    fn ids_guids_and_sound_names_follow_the_headword_not_the_order() {
        let notes = notes();
        let plan = Plan::new(&notes);
        let reversed: Vec<NoteRecord> = notes.iter().rev().cloned().collect();
        let again = Plan::new(&reversed);
        assert_eq!(plan.notes[0].id, again.notes[1].id);
        assert_eq!(plan.notes[0].guid, again.notes[1].guid);
        assert_eq!(plan.notes[0].sound, again.notes[1].sound);
        assert_ne!(plan.notes[0].id, plan.notes[1].id);
        assert_ne!(plan.notes[0].guid, plan.notes[1].guid);
        // Both cards for a note with a sentence, the recognition card alone without.
        let id = plan.notes[0].id;
        assert_eq!(plan.notes[0].cards, [(id, 0), (id + 1, 1)]);
        assert_eq!(plan.notes[1].cards, [(plan.notes[1].id + 1, 1)]);
        assert_eq!(plan.notes[1].sound, None);
        // Ids look like Anki's: milliseconds of a past date.
        assert!((ID_BASE..1_600_000_000_000).contains(&id));
        assert_eq!(guid("Diplomat").len(), 10);
    }

    #[test]
    fn decks_are_named_for_the_text_under_leser() {
        let plan = Plan::new(&notes());
        let names: Vec<&str> = plan.decks.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(names, ["leser", "leser::Lawrow: „Die Fakten“"]);
        assert_eq!(deck_name("a::b"), "leser::a:b");
        assert_eq!(deck_name("  "), "leser::text");
    }

    /// The package's zip entries, by name.
    fn entries(bytes: &[u8]) -> std::collections::BTreeMap<String, Vec<u8>> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        (0..zip.len())
            .map(|i| {
                let mut file = zip.by_index(i).unwrap();
                let mut data = Vec::new();
                file.read_to_end(&mut data).unwrap();
                (file.name().unwrap().to_string(), data)
            })
            .collect()
    }

    #[test]
    fn the_package_holds_the_collection_and_the_sounds() {
        let (bytes, summary) = apkg_bytes(&notes(), 1_700_000_000).unwrap();
        assert_eq!(
            summary,
            PackageSummary {
                notes: 2,
                cards: 3,
                media: 1,
                decks: 2
            }
        );
        let entries = entries(&bytes);
        let names: Vec<&str> = entries.keys().map(String::as_str).collect();
        assert_eq!(names, ["0", "collection.anki2", "media"]);
        let media: serde_json::Value = serde_json::from_slice(&entries["media"]).unwrap();
        let sound = media["0"].as_str().unwrap();
        assert!(
            sound.starts_with("leser-") && sound.len() == "leser-".len() + 16 + ".wav".len(),
            "{sound}"
        );
        assert_eq!(entries["0"], b"RIFF....WAVE");

        let dir = tempfile::tempdir().unwrap();
        let db_path = dir.path().join("collection.anki2");
        std::fs::write(&db_path, &entries["collection.anki2"]).unwrap();
        let db = Connection::open(&db_path).unwrap();
        let (fields, sfld, modified): (String, String, i64) = db
            .query_row(
                "SELECT flds, sfld, mod FROM notes WHERE guid = ?1",
                [guid("Diplomat")],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        let fields: Vec<&str> = fields.split('\u{1f}').collect();
        assert_eq!(
            fields,
            [
                "der Diplomat",
                "die Diplomaten",
                "x",
                "dˌɪploːˈmɑːt",
                "Acht {{c1::Diplomaten}} gingen.",
                "Eight &lt;diplomats&gt; &amp; more.",
                &format!("[sound:{sound}]"),
                "Lawrow: „Die Fakten“",
                "learning 2",
            ]
        );
        assert_eq!(sfld, "der Diplomat");
        assert_eq!(modified, 1_700_000_000);
        let decks: String = db
            .query_row("SELECT decks FROM col", [], |r| r.get(0))
            .unwrap();
        assert!(decks.contains("\"leser::Lawrow: „Die Fakten“\""), "{decks}");
        let cards: i64 = db
            .query_row("SELECT count(*) FROM cards", [], |r| r.get(0))
            .unwrap();
        assert_eq!(cards, 3);
    }

    #[test]
    fn without_sound_the_package_has_no_media() {
        let notes: Vec<NoteRecord> = notes()
            .into_iter()
            .map(|n| NoteRecord { audio: None, ..n })
            .collect();
        let (bytes, summary) = apkg_bytes(&notes, 1_700_000_000).unwrap();
        assert_eq!(summary.media, 0);
        let entries = entries(&bytes);
        assert_eq!(entries.len(), 2);
        assert_eq!(entries["media"], b"{}");
    }

    #[test]
    fn the_checksum_is_anki_s() {
        // int(sha1("der Diplomat").hexdigest()[:8], 16), as Anki computes it.
        assert_eq!(checksum("der Diplomat"), 1_821_517_017);
    }
}
