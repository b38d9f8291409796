//! External dictionaries: Ding (`/usr/share/trans/de-en`) and `FreeDict` for dictd
//! (`/usr/share/dictd/freedict-deu-eng.index` + `.dict.dz`), each with an fst index of its
//! headwords and forms cached in the user's cache dir.
//!
//! ```no_run
//! # use std::path::Path;
//! let dicts = leser::dict::Dictionaries::discover(&[], Path::new("/tmp/leser-cache"));
//! for answer in dicts.lookup("kündigte", Some("an")) {
//!     println!("{} ({}): {}", answer.headword, answer.how, answer.senses[0].text);
//! }
//! ```

pub mod commonness;
pub mod dictd;
pub mod ding;
pub mod index;
mod lookup;
pub mod query;
mod report;

pub use index::{CacheStatus, Entry, Format, Index, WordClass};
pub use lookup::Headword;
pub use query::{DictQuery, Looked, Place, look_up, word_query};
pub use report::lookup_report;

use commonness::Commonness;
use dictd::DictData;
use index::{Builder, Info, Kind, Stamp};
use serde::Serialize;
use std::cell::Cell;
use std::fs::File;
use std::hash::BuildHasher;
use std::io::BufRead;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Where Debian and its derivatives install the dictionaries.
pub const DEFAULT_PATHS: &[&str] = &[
    "/usr/share/trans/de-en",
    "/usr/share/dictd/freedict-deu-eng.index",
];

/// What can go wrong with a dictionary.
#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {message}", path.display())]
    Format { path: PathBuf, message: String },
    #[error("dictionary index: {0}")]
    Index(String),
    #[error("dictionary too large for the index (over 4 million entries)")]
    TooLarge,
}

impl DictError {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> DictError {
        DictError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn format(path: &Path, message: impl Into<String>) -> DictError {
        DictError::Format {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }
}

/// One dictionary's answer for a word: a headword and its senses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Answer {
    /// For reading, with its article: `das Bündnis`, `ausweisen`, `zur Kenntnis nehmen`. A
    /// dictionary's entries for the same headword are one answer, each entry a sense.
    pub headword: String,
    /// Bare, as a glossary `de` would be: `Bündnis`, `ausweisen`.
    pub lemma: String,
    /// Which dictionary answered: `Ding de-en`, `freedict-deu-eng`.
    pub dictionary: String,
    /// How the word looked up relates to the headword: `zu-infinitive of ausweisen`; empty
    /// when it is the headword.
    pub how: String,
    /// Forms the dictionary lists: `pl. Bündnisse`, `kündigte an`, `am ältesten`.
    pub forms: Vec<String>,
    /// A noun's gender as a glossary writes it: `m`, `f`, `n`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    /// A noun's plural, when the dictionary gives it: `Bündnisse`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plural: Option<String>,
    pub senses: Vec<Sense>,
}

/// How an answer for a phrase headword found from its verb relates to the word:
/// `phrase with machen` (`Aa machen`).
pub const PHRASE_WITH: &str = "phrase with ";

impl Answer {
    /// Whether this answers with a phrase the word's verb is in (`Aa machen` for `macht`),
    /// not with the word's own headword.
    pub fn is_phrase(&self) -> bool {
        self.how.starts_with(PHRASE_WITH)
    }
}

/// One meaning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sense {
    /// The German of this sense as the dictionary writes it, placeholders and comments kept
    /// (`jdn. ausweisen (aus einem Land)`); empty when it is just the headword.
    pub de: String,
    /// The English, placeholders kept: `to expel sb.; to expatriate sb. (from a country)`.
    pub text: String,
    /// In the glossary's words: noun, verb, adj, adv, prep, conj, phrase, or empty.
    pub pos: String,
    /// Grammar worth showing: `transitive`, `reflexive`, `+Dat.`.
    pub tags: Vec<String>,
    /// Subject fields and registers, to show dimmed: `pol.`, `ugs.`, `Br.`.
    pub labels: Vec<String>,
    /// Other German words with this meaning: `der Bund`.
    pub synonyms: Vec<String>,
}

/// A dictionary file leser can read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// `Ding de-en`, `freedict-deu-eng`.
    pub name: String,
    pub format: Format,
    /// The Ding file, or the dictd `.index`.
    pub path: PathBuf,
    /// For dictd: the `.dict.dz` or `.dict`.
    pub data: Option<PathBuf>,
}

impl Source {
    /// What `path` is: a dictd `.index`, `.dict` or `.dict.dz` (its siblings are found), or else
    /// a Ding file.
    pub fn from_path(path: &Path) -> Result<Source, DictError> {
        let s = path.to_string_lossy();
        let index_path = if s.ends_with(".index") {
            Some(path.to_path_buf())
        } else {
            s.strip_suffix(".dict.dz")
                .or_else(|| s.strip_suffix(".dict"))
                .map(|stem| PathBuf::from(format!("{stem}.index")))
        };
        if let Some(index_path) = index_path {
            if !index_path.is_file() {
                return Err(DictError::format(
                    &index_path,
                    "no such dictd index (a dictd dictionary needs its .index file)",
                ));
            }
            let data = dictd::data_path_for(&index_path).ok_or_else(|| {
                DictError::format(&index_path, "no .dict.dz or .dict file next to this index")
            })?;
            let name = index_path
                .file_stem()
                .map_or_else(|| "dictd".to_string(), |s| s.to_string_lossy().into_owned());
            return Ok(Source {
                name,
                format: Format::Dictd,
                path: index_path,
                data: Some(data),
            });
        }
        if !path.is_file() {
            return Err(DictError::io(
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such dictionary file"),
            ));
        }
        let file = path
            .file_name()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        Ok(Source {
            name: format!("Ding {file}"),
            format: Format::Ding,
            path: path.to_path_buf(),
            data: None,
        })
    }

    fn files(&self) -> Vec<&Path> {
        std::iter::once(self.path.as_path())
            .chain(self.data.as_deref())
            .collect()
    }
}

/// Set (to anything but empty), the dictionaries at [`DEFAULT_PATHS`] are not used: only
/// those named are.
pub const NO_SYSTEM_DICTIONARIES_ENV: &str = "LESER_NO_SYSTEM_DICTIONARIES";

/// The dictionaries at [`DEFAULT_PATHS`] that exist (unless [`NO_SYSTEM_DICTIONARIES_ENV`] is
/// set), then those in `extra_paths` (all of which must exist), without duplicates.
pub fn find_sources(extra_paths: &[PathBuf]) -> (Vec<Source>, Vec<DictError>) {
    let mut sources: Vec<Source> = Vec::new();
    let mut errors = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    let system = std::env::var_os(NO_SYSTEM_DICTIONARIES_ENV).is_none_or(|v| v.is_empty());
    let defaults = DEFAULT_PATHS
        .iter()
        .filter(|_| system)
        .map(PathBuf::from)
        .filter(|p| p.is_file());
    for (path, named) in defaults
        .map(|p| (p, false))
        .chain(extra_paths.iter().map(|p| (p.clone(), true)))
    {
        match Source::from_path(&path) {
            Ok(source) => {
                let canonical =
                    std::fs::canonicalize(&source.path).unwrap_or_else(|_| source.path.clone());
                if !seen.contains(&canonical) {
                    seen.push(canonical);
                    sources.push(source);
                }
            }
            Err(e) if named => errors.push(e),
            Err(_) => {}
        }
    }
    (sources, errors)
}

/// leser's cache dir on this platform (`~/.cache/leser` on Linux); the caller lets
/// `LESER_CACHE_DIR` override it.
pub fn default_cache_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "leser").map(|d| d.cache_dir().to_path_buf())
}

/// One open dictionary: its index and its file.
#[derive(Debug)]
pub struct Dictionary {
    source: Source,
    /// Replaced when a lookup finds a bad shard and the index is rebuilt.
    index: RwLock<Arc<Index>>,
    store: Store,
    status: Mutex<CacheStatus>,
    cache_dir: Option<PathBuf>,
    /// Held while rebuilding, so that threads finding the same bad shard rebuild once.
    repairing: Mutex<()>,
    /// Entries taken apart lately.
    pieces: Mutex<lookup::PieceCache>,
    /// Bad lines the index was built without (known when it was built, not when read from the
    /// cache).
    skipped_lines: usize,
    /// Headwords read from entries lately.
    heads: Mutex<lookup::HeadCache>,
}

#[derive(Debug)]
enum Store {
    Ding(File),
    Dictd(DictData),
}

/// Opens the cached index of `source`, building (and caching) it when there is none or it is
/// unusable. `progress` gets the fraction done (0.0 to 1.0) while building. `cache_dir`
/// `None` builds in memory.
pub fn build_index(
    source: &Source,
    cache_dir: Option<&Path>,
    progress: &dyn Fn(f32),
) -> Result<(Index, CacheStatus), DictError> {
    open_index(source, cache_dir, None, progress, &Cell::new(0))
}

/// [`build_index`]; with `distrust`, the cache is rebuilt for that reason without a look.
/// `skipped` counts the lines a build left out as bad.
fn open_index(
    source: &Source,
    cache_dir: Option<&Path>,
    distrust: Option<String>,
    progress: &dyn Fn(f32),
    skipped: &Cell<usize>,
) -> Result<(Index, CacheStatus), DictError> {
    let stamp = Stamp::of(&source.files())?;
    let cache_file = cache_dir.map(|d| index::cache_path(d, source.format, &source.path));
    index::load_or_build(
        source.format,
        &stamp,
        cache_file.as_deref(),
        distrust,
        || match (source.format, &source.data) {
            (Format::Ding, _) => build_ding(&source.path, progress),
            (Format::Dictd, Some(data)) => build_dictd(&source.path, data, progress, skipped),
            (Format::Dictd, None) => Err(DictError::format(
                &source.path,
                "no .dict.dz or .dict file for this index",
            )),
        },
    )
}

/// Calls `progress` about every 256 KiB.
const PROGRESS_STEP: u64 = 1 << 18;

/// Reads `path` a line at a time (a whole dictionary in memory would double the build's
/// peak), giving each line's byte offset, and reporting progress.
fn for_each_line(
    path: &Path,
    progress: &dyn Fn(f32),
    mut f: impl FnMut(u64, &[u8]) -> Result<(), DictError>,
) -> Result<(), DictError> {
    let file = crate::text::open_regular(path).map_err(|e| DictError::io(path, e))?;
    let total = file.metadata().map_or(1, |m| m.len().max(1));
    let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
    let mut line = Vec::new();
    let mut offset = 0u64;
    let mut next_report = 0u64;
    progress(0.0);
    loop {
        line.clear();
        let n = reader
            .read_until(b'\n', &mut line)
            .map_err(|e| DictError::io(path, e))?;
        if n == 0 {
            break;
        }
        if offset >= next_report {
            progress((offset as f64 / total as f64) as f32);
            next_report = offset + PROGRESS_STEP;
        }
        f(offset, &line)?;
        offset += n as u64;
    }
    progress(1.0);
    Ok(())
}

fn build_ding(path: &Path, progress: &dyn Fn(f32)) -> Result<Builder, DictError> {
    // A first reading counts the English words, by which the second ranks each line.
    let mut commonness = Commonness::default();
    for_each_line(path, &|f| progress(f * 0.2), |_, raw| {
        if let Some(line) = std::str::from_utf8(raw).ok().and_then(ding::parse_line) {
            commonness.add(line.en);
        }
        Ok(())
    })?;
    let mut builder = Builder::default();
    let mut lines = 0usize;
    for_each_line(path, &|f| progress(0.2 + f * 0.8), |start, raw| {
        let Ok(text) = std::str::from_utf8(raw) else {
            return Ok(());
        };
        let Some(line) = ding::parse_line(text) else {
            return Ok(());
        };
        let len = text.trim_end_matches(['\n', '\r']).len();
        let entry = builder.add_entry(start, len as u32)?;
        lines += 1;
        ding::for_each_key_ranked(&line, &commonness, |key, kind, column, alt, info| {
            builder.add_key_with(key, entry, kind, column, alt, info);
        });
        Ok(())
    })?;
    if lines == 0 {
        return Err(DictError::format(
            path,
            "no dictionary lines (expected Ding's `Deutsch :: English` lines)",
        ));
    }
    Ok(builder)
}

/// Builds a dictd index: the `.index` read twice, and between, the first line of every
/// article (headword and grammar), which the index keeps as its postings' [`Info`]. A line
/// that is not `headword TAB offset TAB length`, or whose offset no index can hold, is one bad
/// line: left out and counted in `skipped`, while the rest of the dictionary works.
fn build_dictd(
    path: &Path,
    data: &Path,
    progress: &dyn Fn(f32),
    skipped: &Cell<usize>,
) -> Result<Builder, DictError> {
    fn parsed(raw: &[u8]) -> Option<(&str, u64, u32)> {
        std::str::from_utf8(raw)
            .ok()
            .and_then(dictd::parse_index_line)
            .filter(|&(_, at, _)| at < index::MAX_ENTRY_OFFSET)
    }
    let index_line = |raw: &[u8]| {
        let (word, at, len) = parsed(raw)?;
        (!dictd::is_meta_headword(word)).then(|| (word.trim().to_string(), at, len))
    };
    // Counted once, on the first reading.
    let count_bad = |raw: &[u8]| {
        if !raw.trim_ascii().is_empty() && parsed(raw).is_none() {
            skipped.set(skipped.get() + 1);
        }
    };
    let mut offsets = Vec::new();
    for_each_line(path, &|f| progress(f * 0.2), |_, raw| {
        count_bad(raw);
        if let Some((_, at, _)) = index_line(raw) {
            offsets.push(at);
        }
        Ok(())
    })?;
    offsets.sort_unstable();
    offsets.dedup();
    let mut heads: Vec<(u64, ArticleHead)> = Vec::with_capacity(offsets.len());
    DictData::open(data)?.first_lines(&offsets, &|f| progress(0.2 + f * 0.6), |at, line| {
        heads.push((at, ArticleHead::of(line)));
    })?;
    drop(offsets);
    let mut builder = Builder::default();
    let mut key = String::new();
    for_each_line(path, &|f| progress(0.8 + f * 0.2), |_, raw| {
        let Some((word, at, len)) = index_line(raw) else {
            return Ok(());
        };
        let entry = builder.add_entry(at, len)?;
        crate::de::lowercase_into(&word, &mut key);
        let info = heads
            .binary_search_by_key(&at, |(o, _)| *o)
            .ok()
            .map(|i| heads[i].1.info(&key))
            .unwrap_or_default();
        builder.add_key_with(&key, entry, Kind::Head, 0, 0, info);
        Ok(())
    })?;
    if builder.key_count() == 0 {
        return Err(DictError::format(path, "no headwords in this dictd index"));
    }
    Ok(builder)
}

/// What an article's first line says, kept while building: a few bytes an article.
#[derive(Debug, Clone, Copy)]
struct ArticleHead {
    class: index::WordClass,
    genus: index::Genus,
    capitalized: bool,
    /// The headword's capitals, as [`Info::spelling_of`] gives them for its lowercase.
    spelling: index::Spelling,
    capitals: u16,
    /// Of the lowercase headword, to tell whether a key is it.
    hash: u64,
}

impl ArticleHead {
    fn of(line: &str) -> ArticleHead {
        let (headword, grammar) = dictd::parse_first_line(line);
        let (class, genus) = lookup::dictd_class(&grammar);
        let lower = headword.to_lowercase();
        let (spelling, capitals) = Info::spelling_of(headword, &lower);
        ArticleHead {
            class,
            genus,
            capitalized: crate::de::is_capitalized(headword),
            spelling,
            capitals,
            hash: rustc_hash::FxBuildHasher.hash_one(lower),
        }
    }

    fn info(&self, key: &str) -> Info {
        let same = rustc_hash::FxBuildHasher.hash_one(key) == self.hash;
        Info {
            known: true,
            class: self.class,
            genus: self.genus,
            capitalized: self.capitalized,
            spelling: if same {
                self.spelling
            } else {
                index::Spelling::Other
            },
            penalty: 0,
            capitals: if same { self.capitals } else { 0 },
            of_use: false,
        }
    }
}

impl Dictionary {
    /// Opens `source` with its index (see [`build_index`]).
    pub fn open(
        source: &Source,
        cache_dir: Option<&Path>,
        progress: &dyn Fn(f32),
    ) -> Result<Dictionary, DictError> {
        let store = match source.format {
            Format::Ding => Store::Ding(
                crate::text::open_regular(&source.path)
                    .map_err(|e| DictError::io(&source.path, e))?,
            ),
            Format::Dictd => {
                let data = source.data.as_deref().ok_or_else(|| {
                    DictError::format(&source.path, "no .dict.dz or .dict file for this index")
                })?;
                Store::Dictd(DictData::open(data)?)
            }
        };
        let skipped = Cell::new(0);
        let (index, status) = open_index(source, cache_dir, None, progress, &skipped)?;
        Ok(Dictionary {
            skipped_lines: skipped.get(),
            source: source.clone(),
            index: RwLock::new(Arc::new(index)),
            store,
            status: Mutex::new(status),
            cache_dir: cache_dir.map(Path::to_path_buf),
            repairing: Mutex::new(()),
            pieces: Mutex::default(),
            heads: Mutex::default(),
        })
    }

    pub fn name(&self) -> &str {
        &self.source.name
    }

    /// What the learner should know about this dictionary though it works: bad lines left out.
    pub fn warning(&self) -> Option<String> {
        match self.skipped_lines {
            0 => None,
            1 => Some(format!(
                "{}: 1 bad index line skipped",
                self.source.path.display()
            )),
            n => Some(format!(
                "{}: {n} bad index lines skipped",
                self.source.path.display()
            )),
        }
    }

    pub fn source(&self) -> &Source {
        &self.source
    }

    pub fn index(&self) -> Arc<Index> {
        Arc::clone(&self.index.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Whether the index came from the cache, was built, or was rebuilt (and why).
    pub fn cache_status(&self) -> CacheStatus {
        self.status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Rebuilds the index when a lookup found part of it bad; whether it did. A rebuild that
    /// fails leaves the bad index, which answers nothing from its bad parts.
    fn repair(&self) -> bool {
        if self.index().corruption().is_none() {
            return false;
        }
        let _rebuilding = self
            .repairing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let index = self.index();
        let Some(reason) = index.corruption() else {
            // Rebuilt by another thread meanwhile.
            return true;
        };
        let Ok((fresh, status)) = open_index(
            &self.source,
            self.cache_dir.as_deref(),
            Some(reason.to_string()),
            &|_| {},
            &Cell::new(0),
        ) else {
            return false;
        };
        *self.index.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(fresh);
        // What the bad index led to is not kept either.
        self.pieces().clear();
        self.heads
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        *self.status.lock().unwrap_or_else(PoisonError::into_inner) = status;
        true
    }

    fn pieces(&self) -> std::sync::MutexGuard<'_, lookup::PieceCache> {
        self.pieces.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The raw text of an entry: a Ding line or a dictd article.
    pub(crate) fn entry_text(&self, entry: Entry) -> Option<String> {
        let bytes = match &self.store {
            Store::Ding(file) => {
                let mut buf = vec![0u8; entry.len as usize];
                file.read_exact_at(&mut buf, entry.offset).ok()?;
                buf
            }
            Store::Dictd(data) => data.read(entry.offset, entry.len).ok()?,
        };
        String::from_utf8(bytes).ok()
    }
}

/// The active dictionaries, looked up together.
#[derive(Debug, Default)]
pub struct Dictionaries {
    dicts: Vec<Dictionary>,
    errors: Vec<DictError>,
    /// Verbs' forms, made to confirm that a word is one of them.
    verb_forms: Mutex<lookup::VerbFormCache>,
    /// Whether a dictionary knows a word (lowercase), for splitting compounds: the same parts
    /// come up in many words.
    known_words: Mutex<lookup::KnownWords>,
}

impl Dictionaries {
    /// The dictionaries at the default paths and in `extra_paths`, their indexes cached in
    /// `cache_dir`. What cannot be opened is left out and reported by [`Dictionaries::errors`].
    pub fn discover(extra_paths: &[PathBuf], cache_dir: &Path) -> Dictionaries {
        let (sources, errors) = find_sources(extra_paths);
        let mut dicts = Dictionaries::open(&sources, Some(cache_dir), &|_, _| {});
        dicts.errors.splice(0..0, errors);
        dicts
    }

    /// Opens `sources` in order. `progress` gets the dictionary's name and the fraction of its
    /// index built, for a status bar.
    pub fn open(
        sources: &[Source],
        cache_dir: Option<&Path>,
        progress: &dyn Fn(&str, f32),
    ) -> Dictionaries {
        let mut out = Dictionaries::default();
        for source in sources {
            match Dictionary::open(source, cache_dir, &|f| progress(&source.name, f)) {
                Ok(d) => out.dicts.push(d),
                Err(e) => out.errors.push(e),
            }
        }
        out
    }

    /// Forgets what lookups keep so that a word looked up again costs little (entries taken
    /// apart, dictzip chunks inflated): for measuring a first lookup, or to free the memory.
    pub fn forget_entries(&self) {
        self.forget_known_words();
        for d in &self.dicts {
            d.pieces().clear();
            d.heads
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clear();
            if let Store::Dictd(data) = &d.store {
                data.forget();
            }
        }
    }

    pub fn from_dictionaries(dicts: Vec<Dictionary>) -> Dictionaries {
        Dictionaries {
            dicts,
            ..Dictionaries::default()
        }
    }

    pub fn dictionaries(&self) -> &[Dictionary] {
        &self.dicts
    }

    /// Dictionaries that were named or found but could not be opened.
    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    /// What is wrong with dictionaries that work nonetheless (bad lines left out).
    pub fn warnings(&self) -> Vec<String> {
        self.dicts.iter().filter_map(Dictionary::warning).collect()
    }

    pub fn is_empty(&self) -> bool {
        self.dicts.is_empty()
    }
}
