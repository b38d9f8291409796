//! Changing a glossary file in place.
//!
//! Only the entry being added or changed is touched: comments, key order, blank lines and unknown
//! keys elsewhere stay byte for byte (`toml_edit` keeps the file's own formatting). A change is
//! written only if the result loads, through a temporary file that replaces the old one in a
//! single rename, after a copy of the old one is kept as `<file>.bak`.
//!
//! Every change holds an exclusive advisory lock on `.<file>.lock` beside the file from the
//! moment it reads the file until the rename is done, so two readers saving at once each read
//! the other's entry and both are kept. The lock is on a file of its own because the rename
//! replaces the glossary's inode, and a lock on the old inode would exclude no one.

use super::load::{Lines, TERM_KEYS};
use super::{Diagnostic, Entry, Gender, GlossaryError, parse};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use thiserror::Error;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, Value};

#[derive(Debug, Error)]
pub enum SaveError {
    /// The file as it is cannot be read or does not load; it is left alone.
    #[error(transparent)]
    Load(#[from] GlossaryError),
    #[error("{path}: the glossary cannot be edited as TOML: {message}")]
    Toml { path: String, message: String },
    #[error("{path}: no [[term]] has de = \"{headword}\"")]
    NotFound { path: String, headword: String },
    /// The changed text was not written because it would not load; lines refer to that text.
    #[error("{path}: not saved, the glossary would not load after this change:\n{}", Lines(.diagnostics))]
    WouldNotLoad {
        path: String,
        diagnostics: Vec<Diagnostic>,
    },
    #[error("{path}: cannot write the glossary: {source}")]
    Write {
        path: String,
        #[source]
        source: io::Error,
    },
}

/// Appends `entry` as a new `[[term]]` table at the end of the file, creating the file if missing.
pub fn add_entry(path: &Path, entry: &Entry) -> Result<(), SaveError> {
    let name = path.display().to_string();
    let _lock = GlossaryLock::acquire(path, &name)?;
    add_locked(path, &name, entry)
}

/// Saves an entry the learner edited or added, in one locked read-modify-write: the table
/// whose `de` is `original` gets the entry's values; with no such table (or no `original`)
/// the entry is appended when `add_if_missing`, else that is [`SaveError::NotFound`].
pub fn save_entry(
    path: &Path,
    original: Option<&str>,
    entry: &Entry,
    add_if_missing: bool,
) -> Result<(), SaveError> {
    let name = path.display().to_string();
    let _lock = GlossaryLock::acquire(path, &name)?;
    match original {
        Some(headword) if path.exists() => match update_locked(path, &name, headword, entry) {
            Err(SaveError::NotFound { .. }) if add_if_missing => add_locked(path, &name, entry),
            other => other,
        },
        _ => add_locked(path, &name, entry),
    }
}

fn add_locked(path: &Path, name: &str, entry: &Entry) -> Result<(), SaveError> {
    let old = read_text(path, name, true)?;
    parse(&old, name)?;
    commit(path, name, &append_entry(&old, entry))
}

/// Gives the first `[[term]]` whose `de` is `headword` the values of `entry`.
///
/// The table keeps its place, its comments and its unknown keys; unchanged values keep their
/// formatting, keys `entry` has no value for are removed, new keys go at the table's end.
pub fn update_entry(path: &Path, headword: &str, entry: &Entry) -> Result<(), SaveError> {
    let name = path.display().to_string();
    let _lock = GlossaryLock::acquire(path, &name)?;
    update_locked(path, &name, headword, entry)
}

fn update_locked(path: &Path, name: &str, headword: &str, entry: &Entry) -> Result<(), SaveError> {
    let old = read_text(path, name, false)?;
    parse(&old, name)?;
    let mut doc: DocumentMut = old
        .parse()
        .map_err(|e: toml_edit::TomlError| SaveError::Toml {
            path: name.to_string(),
            message: e.message().to_string(),
        })?;
    let table = doc
        .get_mut("term")
        .and_then(Item::as_array_of_tables_mut)
        .and_then(|terms| {
            // Of homographs (der and die Kiefer), the one whose part of speech and gender the
            // edit keeps.
            let same = |t: &Table| t.get("de").and_then(Item::as_str) == Some(headword);
            let key = |t: &Table, k: &str| t.get(k).and_then(Item::as_str).map(str::to_string);
            let pos = entry.pos.map(|p| p.as_str().to_string());
            let gender = entry.gender.map(|g| g.as_str().to_string());
            let best = terms
                .iter()
                .enumerate()
                .filter(|(_, t)| same(t))
                .max_by_key(|(i, t)| {
                    (
                        key(t, "gender") == gender,
                        key(t, "pos") == pos,
                        std::cmp::Reverse(*i),
                    )
                })
                .map(|(i, _)| i)?;
            terms.get_mut(best)
        })
        .ok_or_else(|| SaveError::NotFound {
            path: name.to_string(),
            headword: headword.to_string(),
        })?;
    set_values(table, entry);
    commit(path, name, &doc.to_string())
}

/// An exclusive advisory lock on `.<file>.lock` next to a glossary (next to the file a symlink
/// points to), released when dropped. Blocks while another process holds it: a save takes
/// milliseconds.
struct GlossaryLock {
    _file: File,
}

impl GlossaryLock {
    fn acquire(path: &Path, name: &str) -> Result<GlossaryLock, SaveError> {
        let lock_path = lock_path(path);
        let fail = |source| SaveError::Write {
            path: name.to_string(),
            source,
        };
        if let Some(dir) = lock_path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(fail)?;
        match file.lock() {
            Ok(()) => {}
            // A file system without locks (some network mounts): save as before, unlocked.
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(e) => return Err(fail(e)),
        }
        Ok(GlossaryLock { _file: file })
    }
}

/// `dir/glossary.toml` -> `dir/.glossary.toml.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    let target = replace_target(path);
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".lock");
    target.with_file_name(name)
}

/// The file a save replaces: the file a symlink points to, not the link.
fn replace_target(path: &Path) -> PathBuf {
    if path.is_symlink() {
        fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
    } else {
        path.to_path_buf()
    }
}

/// `entry` as a `[[term]]` table, the way `add_entry` writes it.
pub fn render_entry(entry: &Entry) -> String {
    let mut table = Table::new();
    for (key, value) in entry_values(entry) {
        table.insert(key, Item::Value(value));
    }
    let mut terms = ArrayOfTables::new();
    terms.push(table);
    let mut doc = DocumentMut::new();
    doc.insert("term", Item::ArrayOfTables(terms));
    doc.to_string()
}

/// Replaces the file at `path` with `contents` so that a crash leaves either the old or the new
/// file, never a mix: temporary file in the same directory, fsync, rename. The previous version
/// is copied to `<path>.bak` first.
pub fn write_replacing(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, true, |file| file.write_all(contents))
}

/// Like [`write_replacing`], without keeping the previous version: for files made again from
/// the learner's data (an export, a sound, a cache).
pub fn write_atomically(path: &Path, contents: &[u8]) -> io::Result<()> {
    replace_with(path, false, |file| file.write_all(contents))
}

/// The keys `entry` has values for, in the order `glossary.toml` lists them.
fn entry_values(entry: &Entry) -> Vec<(&'static str, Value)> {
    fn text(s: Option<&String>) -> Option<Value> {
        s.filter(|s| !s.trim().is_empty()).map(Value::from)
    }
    let gender = entry.gender.map(Gender::as_str);
    let en = match entry.en.as_slice() {
        [one] => Value::from(one),
        senses => Value::from_iter(senses),
    };
    let forms = (!entry.forms.is_empty()).then(|| Value::from_iter(&entry.forms));
    let values = [
        // The required keys are always written, so that an empty one is refused by `parse`.
        Some(Value::from(&entry.de)),
        Some(en),
        entry.pos.map(|p| Value::from(p.as_str())),
        gender.map(Value::from),
        text(entry.plural.as_ref()),
        forms,
        text(entry.note.as_ref()),
        text(entry.example.as_ref()),
        text(entry.example_en.as_ref()),
        entry.separable.map(Value::from),
    ];
    TERM_KEYS
        .into_iter()
        .zip(values)
        .filter_map(|(key, value)| Some((key, value?)))
        .collect()
}

fn set_values(table: &mut Table, entry: &Entry) {
    let mut values = entry_values(entry);
    for key in TERM_KEYS {
        let Some(at) = values.iter().position(|(k, _)| *k == key) else {
            table.remove(key);
            continue;
        };
        let (_, new) = values.swap_remove(at);
        match table.get_mut(key) {
            Some(Item::Value(old)) => {
                if !same_value(old, &new) {
                    // Keep the spacing and any comment after the old value.
                    let decor = old.decor().clone();
                    *old = new;
                    *old.decor_mut() = decor;
                }
            }
            Some(other) => *other = Item::Value(new),
            None => {
                table.insert(key, Item::Value(new));
            }
        }
    }
}

/// Equal as data, whatever the quoting or layout.
fn same_value(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(a), Value::String(b)) => a.value() == b.value(),
        (Value::Boolean(a), Value::Boolean(b)) => a.value() == b.value(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b.iter()).all(|(a, b)| same_value(a, b))
        }
        _ => false,
    }
}

/// The old text with the entry appended: a plain append leaves every earlier byte as it was.
fn append_entry(old: &str, entry: &Entry) -> String {
    let newline = if old.contains("\r\n") { "\r\n" } else { "\n" };
    let rendered = render_entry(entry);
    let mut text = String::with_capacity(old.len() + rendered.len() + 4);
    text.push_str(old);
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(newline);
    }
    let blank_line = format!("{newline}{newline}");
    if !text.trim().is_empty() && !text.ends_with(&blank_line) {
        text.push_str(newline);
    }
    text.push_str(&rendered.replace('\n', newline));
    text
}

/// The file's text; a missing file reads as empty when `missing_ok`.
fn read_text(path: &Path, name: &str, missing_ok: bool) -> Result<String, GlossaryError> {
    match crate::text::read_regular(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|_| GlossaryError::NotUtf8 {
            path: name.to_string(),
        }),
        Err(e) if missing_ok && e.kind() == io::ErrorKind::NotFound => Ok(String::new()),
        Err(source) => Err(GlossaryError::Io {
            path: name.to_string(),
            source,
        }),
    }
}

fn commit(path: &Path, name: &str, text: &str) -> Result<(), SaveError> {
    match parse(text, name) {
        Ok(_) => {}
        Err(GlossaryError::Invalid(diagnostics)) => {
            return Err(SaveError::WouldNotLoad {
                path: name.to_string(),
                diagnostics,
            });
        }
        Err(other) => return Err(other.into()),
    }
    write_replacing(path, text.as_bytes()).map_err(|source| SaveError::Write {
        path: name.to_string(),
        source,
    })
}

/// `write_replacing` with the writing step given, so a failing write can be tested.
fn replace_with(
    path: &Path,
    backup: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = replace_target(path);
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (temp_path, mut file) = create_temp(&dir, &target)?;
    let result = (|| {
        write(&mut file)?;
        file.sync_all()?;
        drop(file);
        if let Ok(meta) = fs::metadata(&target) {
            fs::set_permissions(&temp_path, meta.permissions())?;
            if backup {
                fs::copy(&target, backup_path(&target))?;
            }
        }
        fs::rename(&temp_path, &target)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        // Best effort: the old file is intact either way.
        let _ = fs::remove_file(&temp_path);
    }
    result
}

/// `glossary.toml` -> `glossary.toml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn create_temp(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let base = target
        .file_name()
        .map_or_else(|| "glossary".into(), |n| n.to_string_lossy());
    for _ in 0..100 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{base}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "no free name for a temporary file",
    ))
}

/// Makes the rename itself durable. Some file systems refuse to sync a directory; the data is
/// already safely in place then, so that refusal is not an error.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::{Glossary, Pos};

    const GLOSSARY: &str = "\
# Glossary for the Lawrow article.
# Keys in any order; comments are kept.

[[term]]
en = \"diplomat\"   # before de, on purpose
de = \"Diplomat\"
pos = \"noun\"
gender = \"m\"
plural = \"Diplomaten\"


[[term]]
# expel: used of diplomats
de = \"ausweisen\"  # the headword
en = [
    \"to expel\",
    \"to identify\",
]
pos = \"verb\"
colour = \"red\"
note = \"separable: weist ... aus\"

# the council
[[term]]
de = \"NATO-Russland-Rat\"
en = 'NATO-Russia Council'
colour = \"blue\"   # unknown, kept
pos = \"name\"

# end of glossary
";

    fn write_glossary(dir: &tempfile::TempDir, text: &str) -> PathBuf {
        let path = dir.path().join("glossary.toml");
        fs::write(&path, text).unwrap();
        path
    }

    fn kuendigen() -> Entry {
        Entry {
            de: "ankündigen".into(),
            en: vec!["to announce".into()],
            pos: Some(Pos::Verb),
            note: Some(String::new()),
            example: Some("  ".into()),
            ..Entry::default()
        }
    }

    /// Byte range of the `n`th `[[term]]` table: from its header up to the next table's comments.
    fn table_range(text: &str, n: usize) -> std::ops::Range<usize> {
        let headers: Vec<usize> = text.match_indices("[[term]]").map(|(i, _)| i).collect();
        let start = headers[n];
        let end = headers.get(n + 1).map_or(text.len(), |&next| {
            // Comments and blank lines right above a header belong to that header.
            let mut end = next;
            for line in text[..next].lines().rev() {
                let trimmed = line.trim();
                if trimmed.is_empty() || trimmed.starts_with('#') {
                    end -= line.len() + 1;
                } else {
                    break;
                }
            }
            end
        });
        start..end
    }

    #[test]
    fn add_entry_appends_and_keeps_every_earlier_byte() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        add_entry(&path, &kuendigen()).unwrap();

        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(GLOSSARY));
        assert_eq!(
            &text[GLOSSARY.len()..],
            "\n[[term]]\nde = \"ankündigen\"\nen = \"to announce\"\npos = \"verb\"\n"
        );
        let g = Glossary::load(&path).unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(g.entries[3].de, "ankündigen");
        assert_eq!(g.entries[3].line, GLOSSARY.lines().count() + 2);
    }

    #[test]
    fn update_entry_changes_only_its_table() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let old = table_range(GLOSSARY, 1);

        let mut ausweisen = Glossary::load(&path).unwrap().entries[1].clone();
        ausweisen.en = vec!["to expel".into()];
        ausweisen.note = None;
        ausweisen.separable = Some(true);
        update_entry(&path, "ausweisen", &ausweisen).unwrap();

        let text = fs::read_to_string(&path).unwrap();
        let new = table_range(&text, 1);
        assert_eq!(text[..new.start], GLOSSARY[..old.start]);
        assert_eq!(text[new.end..], GLOSSARY[old.end..]);
        assert_eq!(
            &text[new],
            "[[term]]\n\
             # expel: used of diplomats\n\
             de = \"ausweisen\"  # the headword\n\
             en = \"to expel\"\n\
             pos = \"verb\"\n\
             colour = \"red\"\n\
             separable = true\n"
        );
        let g = Glossary::load(&path).unwrap();
        assert_eq!(g.entries[1].en, ["to expel"]);
        assert_eq!(g.entries[1].separable, Some(true));
        assert_eq!(g.warnings.len(), 2, "both unknown `colour` keys survive");
    }

    #[test]
    fn update_entry_with_same_values_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        for entry in Glossary::load(&path).unwrap().entries {
            update_entry(&path, &entry.de, &entry).unwrap();
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), GLOSSARY);
    }

    #[test]
    fn update_entry_edits_the_homograph_of_the_same_gender() {
        let dir = tempfile::tempdir().unwrap();
        let text = "[[term]]\nde = \"Kiefer\"\nen = \"jaw\"\npos = \"noun\"\ngender = \"m\"\n\n\
                    [[term]]\nde = \"Kiefer\"\nen = \"pine\"\npos = \"noun\"\ngender = \"f\"\n";
        let path = write_glossary(&dir, text);
        let mut pine = Glossary::load(&path).unwrap().entries[1].clone();
        pine.en = vec!["pine tree".into()];
        update_entry(&path, "Kiefer", &pine).unwrap();
        let g = Glossary::load(&path).unwrap();
        assert_eq!(g.entries[0].en, ["jaw"]);
        assert_eq!(g.entries[1].en, ["pine tree"]);
    }

    #[test]
    fn update_entry_can_rename_the_headword() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let mut rat = Glossary::load(&path).unwrap().entries[2].clone();
        rat.de = "Rat".into();
        rat.pos = Some(Pos::Noun);
        rat.gender = Some(Gender::M);
        update_entry(&path, "NATO-Russland-Rat", &rat).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(
            "de = \"Rat\"\nen = 'NATO-Russia Council'\ncolour = \"blue\"   # unknown, kept\npos = \"noun\"\ngender = \"m\"\n"
        ));
    }

    #[test]
    fn update_entry_of_a_missing_headword_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let err = update_entry(&path, "Botschaft", &kuendigen()).unwrap_err();
        assert!(matches!(err, SaveError::NotFound { ref headword, .. } if headword == "Botschaft"));
        assert_eq!(fs::read_to_string(&path).unwrap(), GLOSSARY);
    }

    #[test]
    fn add_entry_creates_a_missing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        let mut entry = kuendigen();
        entry.en.push("to give notice".into());
        entry.forms = vec!["kündigte an".into()];
        add_entry(&path, &entry).unwrap();
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            "[[term]]\nde = \"ankündigen\"\nen = [\"to announce\", \"to give notice\"]\npos = \"verb\"\nforms = [\"kündigte an\"]\n"
        );
        assert!(!backup_path(&path).exists(), "nothing to back up");
        let mut loaded = Glossary::load(&path).unwrap().entries.remove(0);
        loaded.line = 0;
        entry.note = None;
        entry.example = None;
        assert_eq!(loaded, entry);
    }

    #[test]
    fn save_keeps_the_previous_version_as_bak() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        add_entry(&path, &kuendigen()).unwrap();
        let bak = dir.path().join("glossary.toml.bak");
        assert_eq!(fs::read_to_string(&bak).unwrap(), GLOSSARY);

        let after_add = fs::read_to_string(&path).unwrap();
        let mut entry = kuendigen();
        entry.en = vec!["to herald".into()];
        update_entry(&path, "ankündigen", &entry).unwrap();
        assert_eq!(fs::read_to_string(&bak).unwrap(), after_add);
    }

    #[test]
    fn failed_write_leaves_the_old_file_intact() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let err = replace_with(&path, true, |file| {
            file.write_all(b"[[term]]\nde = \"halb")?;
            Err(io::Error::other("disk full"))
        })
        .unwrap_err();
        assert_eq!(err.to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), GLOSSARY);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["glossary.toml"], "no temporary file or backup left");
    }

    #[test]
    fn a_change_that_would_not_load_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let duplicate = Entry {
            de: "Diplomat".into(),
            en: vec!["envoy".into()],
            pos: Some(Pos::Noun),
            gender: Some(Gender::M),
            plural: Some("Diplomaten".into()),
            ..Entry::default()
        };
        let err = add_entry(&path, &duplicate).unwrap_err();
        let SaveError::WouldNotLoad { diagnostics, .. } = &err else {
            panic!("unexpected {err}");
        };
        assert_eq!(
            diagnostics[0].message,
            "duplicate headword `Diplomat` (noun, m): first defined at line 4"
        );

        let no_english = Entry {
            de: "Botschafter".into(),
            ..Entry::default()
        };
        assert!(matches!(
            add_entry(&path, &no_english),
            Err(SaveError::WouldNotLoad { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), GLOSSARY);
        assert!(!backup_path(&path).exists());
    }

    #[test]
    fn a_glossary_that_does_not_load_is_not_edited() {
        let dir = tempfile::tempdir().unwrap();
        let broken = "[[term]]\nde = \"Diplomat\"\n";
        let path = write_glossary(&dir, broken);
        let err = add_entry(&path, &kuendigen()).unwrap_err();
        assert!(matches!(err, SaveError::Load(GlossaryError::Invalid(_))));
        assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn save_entry_updates_or_adds_the_missing_entry_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = write_glossary(&dir, GLOSSARY);
        let err = save_entry(&path, Some("ankündigen"), &kuendigen(), false).unwrap_err();
        assert!(matches!(err, SaveError::NotFound { .. }), "{err}");
        save_entry(&path, Some("ankündigen"), &kuendigen(), true).unwrap();
        let mut entry = kuendigen();
        entry.en = vec!["to herald".into()];
        save_entry(&path, Some("ankündigen"), &entry, true).unwrap();
        let g = Glossary::load(&path).unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(g.entries[3].en, ["to herald"]);
        assert!(lock_path(&path).ends_with(".glossary.toml.lock"));
    }

    #[test]
    fn add_entry_keeps_crlf_line_endings() {
        let dir = tempfile::tempdir().unwrap();
        let old = "[[term]]\r\nde = \"Diplomat\"\r\nen = \"diplomat\"\r\n";
        let path = write_glossary(&dir, old);
        add_entry(&path, &kuendigen()).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(old));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    }
}
