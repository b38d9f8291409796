//! The learner's library: the texts imported into the data dir, which was read last, and when
//! each was opened.
//!
//! Files in the data dir:
//! - `texts/<name>.md` or `.txt`: an imported text in leser's own format (TOML front matter
//!   with title, author, lang, source and the day it was added; a Markdown or plain body). A
//!   translation imported with it is `texts/<name>.en.md` or `.en.txt` beside it.
//! - `library.json`: `{"format": 1, "last": key, "opened": {key: unix seconds},
//!   "texts": [entry, ...]}`, replaced atomically on every change.
//!
//! A text's key is the one its reading position is kept under ([`super::text_key`]).

use crate::import::{Converted, fingerprint};
use crate::text::{BUNDLED_NAME, Document};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

pub const LIBRARY_FILE: &str = "library.json";
pub const TEXTS_DIR: &str = "texts";
const FORMAT: u32 = 1;

#[derive(Debug, Error)]
pub enum LibraryError {
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: damaged ({why}); move it aside to start an empty library", path.display())]
    Damaged { path: PathBuf, why: String },
    #[error("{}: written by a newer leser (format {format})", path.display())]
    NewerFormat { path: PathBuf, format: u32 },
    #[error("{path}: {message}")]
    Text { path: String, message: String },
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
}

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> LibraryError {
    let path = path.to_path_buf();
    move |source| LibraryError::Io {
        path,
        action,
        source,
    }
}

/// One imported text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LibraryEntry {
    /// The text's file, relative to the data dir (`texts/name.md`).
    pub file: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The file it was imported from.
    pub source: String,
    /// The day it was imported (`YYYY-MM-DD`).
    pub added: String,
    /// A fingerprint of the imported file's bytes: the same file is not imported twice.
    pub fingerprint: String,
    /// Running words.
    pub words: usize,
    pub chapters: usize,
    /// The body's byte range in the text as read, for the share read.
    pub body: [usize; 2],
    /// The translation's file, when one was imported with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct LibraryFile {
    format: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    last: Option<String>,
    #[serde(default)]
    opened: BTreeMap<String, u64>,
    #[serde(default)]
    texts: Vec<LibraryEntry>,
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Imported {
    Added(LibraryEntry),
    /// The same file was imported before; nothing was written.
    Already(LibraryEntry),
}

/// The library of a data dir.
#[derive(Debug)]
pub struct Library {
    dir: PathBuf,
    file: LibraryFile,
}

impl Library {
    /// Reads the library (none yet: an empty one).
    pub fn open(dir: &Path) -> Result<Library, LibraryError> {
        let path = dir.join(LIBRARY_FILE);
        let file = match fs::read(&path) {
            Ok(bytes) => {
                let file: LibraryFile =
                    serde_json::from_slice(&bytes).map_err(|e| LibraryError::Damaged {
                        path: path.clone(),
                        why: e.to_string(),
                    })?;
                if file.format > FORMAT {
                    return Err(LibraryError::NewerFormat {
                        path,
                        format: file.format,
                    });
                }
                file
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => LibraryFile {
                format: FORMAT,
                ..LibraryFile::default()
            },
            Err(e) => return Err(io_err(&path, "read")(e)),
        };
        Ok(Library {
            dir: dir.to_path_buf(),
            file,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The imported texts, in the order they were added.
    pub fn entries(&self) -> &[LibraryEntry] {
        &self.file.texts
    }

    /// Where an entry's text is.
    pub fn path_of(&self, entry: &LibraryEntry) -> PathBuf {
        self.dir.join(&entry.file)
    }

    /// The key of the text read last.
    pub fn last(&self) -> Option<&str> {
        self.file.last.as_deref()
    }

    /// When a text was last opened (unix seconds).
    pub fn opened(&self, key: &str) -> Option<u64> {
        self.file.opened.get(key).copied()
    }

    /// Notes that a text was opened now, and that it is the one read last.
    pub fn mark_opened(&mut self, key: &str) -> Result<(), LibraryError> {
        self.file.last = Some(key.to_string());
        self.file.opened.insert(key.to_string(), now_secs());
        self.save()
    }

    /// The entry imported from a file with these bytes, if any.
    pub fn find_fingerprint(&self, fingerprint: &str) -> Option<&LibraryEntry> {
        self.file
            .texts
            .iter()
            .find(|e| e.fingerprint == fingerprint)
    }

    /// Adds a converted text (and its translation): the text file is written first, then the
    /// library; if either fails, nothing of the import is left behind.
    pub fn add(
        &mut self,
        source: &Path,
        source_bytes: &[u8],
        converted: &Converted,
        translation: Option<&Converted>,
    ) -> Result<Imported, LibraryError> {
        let print = fingerprint(source_bytes);
        if let Some(entry) = self.find_fingerprint(&print) {
            return Ok(Imported::Already(entry.clone()));
        }
        let texts = self.dir.join(TEXTS_DIR);
        fs::create_dir_all(&texts).map_err(io_err(&texts, "create the directory"))?;
        let mut converted = converted.clone();
        converted.meta.source = Some(
            fs::canonicalize(source)
                .unwrap_or_else(|_| source.to_path_buf())
                .display()
                .to_string(),
        );
        converted.meta.added = Some(today());
        let title = converted.meta.title.clone().unwrap_or_default();
        let stem = format!("{}-{}", slug(&title), &print[..8]);
        let file = format!("{TEXTS_DIR}/{stem}.{}", converted.extension());
        let translation_file =
            translation.map(|t| format!("{TEXTS_DIR}/{stem}.en.{}", t.extension()));
        if let Some(name) = &translation_file {
            converted.meta.translation = Some(
                Path::new(name)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
            );
        }
        let text = converted.file_text();
        let doc = Document::parse(&file, text.clone()).map_err(|e| LibraryError::Text {
            path: file.clone(),
            message: e.to_string(),
        })?;
        let words = count_words(&doc);
        let entry = LibraryEntry {
            file: file.clone(),
            title,
            author: converted.meta.author.clone(),
            lang: converted.meta.lang.clone(),
            source: converted.meta.source.clone().unwrap_or_default(),
            added: converted.meta.added.clone().unwrap_or_default(),
            fingerprint: print,
            words,
            chapters: doc.chapters().len(),
            body: [doc.body.start, doc.body.end],
            translation: translation_file.clone(),
        };
        let mut written = Vec::new();
        let result = (|| {
            let path = self.dir.join(&file);
            write_new(&path, text.as_bytes())?;
            written.push(path);
            if let (Some(t), Some(name)) = (translation, &translation_file) {
                let path = self.dir.join(name);
                write_new(&path, t.file_text().as_bytes())?;
                written.push(path);
            }
            self.file.texts.push(entry.clone());
            self.save()
        })();
        if let Err(e) = result {
            self.file.texts.retain(|t| t.file != file);
            for path in written {
                let _ = fs::remove_file(path);
            }
            return Err(e);
        }
        Ok(Imported::Added(entry))
    }

    /// Reads, converts and adds a file; `title` replaces the one found in it.
    pub fn import_file(
        &mut self,
        path: &Path,
        title: Option<&str>,
        translation: Option<&Converted>,
    ) -> Result<Imported, LibraryError> {
        let mut converted = crate::import::convert_file(path)?;
        if let Some(title) = title {
            converted.meta.title = Some(title.to_string());
        }
        let bytes = fs::read(path).map_err(io_err(path, "read"))?;
        self.add(path, &bytes, &converted, translation)
    }

    /// Takes a text out of the library and deletes its copy (the learner's statuses stay).
    pub fn remove(&mut self, file: &str) -> Result<Option<LibraryEntry>, LibraryError> {
        let Some(i) = self.file.texts.iter().position(|e| e.file == file) else {
            return Ok(None);
        };
        let entry = self.file.texts.remove(i);
        if let Err(e) = self.save() {
            self.file.texts.insert(i, entry);
            return Err(e);
        }
        for f in std::iter::once(&entry.file).chain(entry.translation.iter()) {
            let _ = fs::remove_file(self.dir.join(f));
        }
        Ok(Some(entry))
    }

    fn save(&self) -> Result<(), LibraryError> {
        let path = self.dir.join(LIBRARY_FILE);
        fs::create_dir_all(&self.dir).map_err(io_err(&self.dir, "create the directory"))?;
        let json = serde_json::to_vec_pretty(&self.file)
            .map_err(|e| io_err(&path, "write")(io::Error::other(e)))?;
        write_atomic(&path, &json)
    }
}

/// The key of the bundled article.
pub fn bundled_key() -> String {
    format!("bundled:{BUNDLED_NAME}")
}

/// Running words of a text (code left out).
pub fn count_words(doc: &Document) -> usize {
    crate::link::segment(&doc.source, &doc.linked_paragraphs())
        .tokens
        .iter()
        .filter(|t| t.is_word())
        .count()
}

/// Writes a file that must not exist yet, through a temporary file and a rename.
fn write_new(path: &Path, bytes: &[u8]) -> Result<(), LibraryError> {
    if path.exists() {
        return Err(io_err(path, "write")(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "a file of that name is already there",
        )));
    }
    write_atomic(path, bytes)
}

/// Temporary file in the same directory, fsync, rename, fsync of the directory.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), LibraryError> {
    use std::io::Write;
    let tmp = path.with_extension(format!(
        "{}.tmp-{}",
        path.extension().and_then(|e| e.to_str()).unwrap_or(""),
        std::process::id()
    ));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        if let Some(dir) = path.parent()
            && let Ok(d) = fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        io_err(path, "write")(e)
    })
}

/// A file name from a title: ASCII letters and digits, umlauts spelt out, dashes between.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        let piece = match c {
            'ä' | 'Ä' => "ae",
            'ö' | 'Ö' => "oe",
            'ü' | 'Ü' => "ue",
            'ß' => "ss",
            c if c.is_ascii_alphanumeric() => {
                out.push(c.to_ascii_lowercase());
                continue;
            }
            _ => "-",
        };
        out.push_str(piece);
    }
    let mut slug = String::new();
    for part in out.split('-').filter(|p| !p.is_empty()) {
        if slug.len() + part.len() > 40 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(part);
    }
    if slug.is_empty() {
        "text".to_string()
    } else {
        slug
    }
}

pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Today (UTC) as `YYYY-MM-DD`.
pub fn today() -> String {
    date_of(now_secs())
}

/// A day number (days since 1970-01-01) of a time in unix seconds.
pub fn day_of(secs: u64) -> i64 {
    (secs / 86_400).cast_signed()
}

/// `YYYY-MM-DD` of a time in unix seconds (UTC).
pub fn date_of(secs: u64) -> String {
    let (y, m, d) = civil_from_days(day_of(secs));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day number (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain_ascii() {
        assert_eq!(
            slug("Die Brüder Karamasow: Erster Teil"),
            "die-brueder-karamasow-erster-teil"
        );
        assert_eq!(slug("«»"), "text");
    }

    #[test]
    fn dates_from_day_numbers() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_709_251_200), "2024-03-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
    }
}
