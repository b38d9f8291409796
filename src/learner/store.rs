//! The learner's data on disk: a status per term and a reading position per text.
//!
//! Files in the data dir:
//! - `state.json`: the snapshot, `{"format": 1, "statuses": {term: {"status", "at"}},
//!   "positions": {text: {"offset", "at"}}, "forms": {form: {"term", "at"}}, "reading":
//!   {"<day>/<session>": {"day", "words_read", "new_met", "marked_known", "at"}}}`. `forms`
//!   keeps which headword a word form was filed under when the learner marked it (`ging` →
//!   `gehen`), so the status still shows where no dictionary is at hand. A day's reading is
//!   the sum over the sessions that read that day; each session's record is replaced as it
//!   grows.
//! - `journal.jsonl`: changes since the snapshot, one JSON object a line, appended (`O_APPEND`)
//!   and synced before the call that made the change returns.
//! - `state.json.bak` and `journal.bak.jsonl`: the previous snapshot and the changes that led
//!   from it to the current one, so a damaged `state.json` loses nothing.
//! - `journal-<stamp>-<pid>.jsonl`: a journal taken aside by a compaction (left behind only if
//!   that compaction was killed; loading reads it).
//! - `lock`: exists while one process compacts; says who (pid, host, since), written whole
//!   before it exists. One whose process is gone is taken over, with a warning.
//! - `glossary.toml` belongs to the glossary module, not to this store.
//!
//! Every change carries a stamp: nanoseconds since 1970, raised past every stamp the store has
//! seen (saturating, never past 2200; a stamp beyond that is refused when read). Loading applies the snapshot and every journal and keeps, per key, the change with the
//! highest stamp, so reading a change twice, or files in any order, gives the same state. That is
//! what lets two processes append to one journal and compact it without losing each other's work.

use super::status::Status;
use crate::text::{Document, open_regular};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};
use thiserror::Error;

/// The environment variable that overrides the data dir.
pub const DATA_DIR_ENV: &str = "LESER_DATA_DIR";

const STATE: &str = "state.json";
const STATE_BAK: &str = "state.json.bak";
const STATE_TMP: &str = "state.json.tmp";
const JOURNAL: &str = "journal.jsonl";
const JOURNAL_BAK: &str = "journal.bak.jsonl";
const JOURNAL_BAK_TMP: &str = "journal.bak.jsonl.tmp";
const ROTATED_PREFIX: &str = "journal-";
const LOCK: &str = "lock";
const FORMAT: u32 = 1;
/// Stamps beyond 2200-01-01 come from no real clock: a change so stamped would outlast every
/// later one, so it is refused when read, and no stamp is made larger.
const MAX_STAMP: u64 = 7_258_118_400 * 1_000_000_000;

/// Journal length (in changes) at which opening the store compacts it.
const COMPACT_ON_OPEN: usize = 256;
/// Journal length at which a change compacts after it is saved.
const COMPACT_WHILE_RUNNING: usize = 4096;
/// A lock file with no holder written in it counts as abandoned at this age.
const STALE_LOCK_SECS: u64 = 60;
/// A lock older than this is taken over even when its process seems to run (its pid reused).
const TAKEOVER_SECS: u64 = 600;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: cannot {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        #[source]
        source: io::Error,
    },
    #[error("{}: {holder}", path.display())]
    Locked { path: PathBuf, holder: String },
    #[error("{}: written by a newer leser (format {format}); this one reads format {FORMAT}", path.display())]
    NewerFormat { path: PathBuf, format: u32 },
    #[error(
        "no home directory to keep the learner's data in; pass --data-dir or set {DATA_DIR_ENV}"
    )]
    NoDataDir,
}

fn io_err(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> StoreError {
    let path = path.to_path_buf();
    move |source| StoreError::Io {
        path,
        action,
        source,
    }
}

/// The data dir: the `--data-dir` flag, else `LESER_DATA_DIR`, else the platform's data dir
/// (`~/.local/share/leser` on Linux).
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    resolve_data_dir_from(flag, std::env::var_os(DATA_DIR_ENV))
}

fn resolve_data_dir_from(
    flag: Option<&Path>,
    env: Option<OsString>,
) -> Result<PathBuf, StoreError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("", "", "leser")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or(StoreError::NoDataDir)
}

/// The key a text's reading position is kept under: the canonical path of a file, or
/// `bundled:<name>` for the article compiled into leser.
pub fn text_key(doc: &Document, path: Option<&Path>) -> String {
    match path {
        Some(p) => path_key(p),
        None => format!("bundled:{}", doc.name),
    }
}

/// The key of a text file: its canonical path.
pub fn path_key(path: &Path) -> String {
    fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct StatusMark {
    status: Status,
    at: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FormMark {
    term: String,
    at: u64,
}

/// One session's reading on one day, as far as it has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct ReadingMark {
    day: i64,
    words_read: u64,
    new_met: u64,
    marked_known: u64,
    at: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct PositionMark {
    offset: usize,
    at: u64,
}

/// One line of the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
enum Change {
    Status {
        at: u64,
        term: String,
        status: Status,
    },
    Position {
        at: u64,
        text: String,
        offset: usize,
    },
    Reading {
        at: u64,
        /// `<day>/<session>`.
        key: String,
        day: i64,
        words_read: u64,
        new_met: u64,
        marked_known: u64,
    },
    /// A word form (lower case) is filed under this headword.
    Form { at: u64, form: String, term: String },
}

impl Change {
    fn at(&self) -> u64 {
        match self {
            Change::Status { at, .. }
            | Change::Position { at, .. }
            | Change::Form { at, .. }
            | Change::Reading { at, .. } => *at,
        }
    }
}

#[derive(Deserialize)]
struct SnapshotIn {
    format: u32,
    #[serde(default)]
    statuses: FxHashMap<String, StatusMark>,
    #[serde(default)]
    positions: FxHashMap<String, PositionMark>,
    #[serde(default)]
    forms: FxHashMap<String, FormMark>,
    #[serde(default)]
    reading: FxHashMap<String, ReadingMark>,
}

/// Statuses and positions, each with the stamp of the change that set it.
#[derive(Debug, Default, Clone)]
struct Data {
    statuses: FxHashMap<String, StatusMark>,
    positions: FxHashMap<String, PositionMark>,
    forms: FxHashMap<String, FormMark>,
    reading: FxHashMap<String, ReadingMark>,
    /// The highest stamp seen.
    clock: u64,
}

impl Data {
    fn apply_status(&mut self, term: &str, mark: StatusMark) {
        self.clock = self.clock.max(mark.at);
        keep_latest(&mut self.statuses, term, mark, |m| m.at);
    }

    fn apply_position(&mut self, text: &str, mark: PositionMark) {
        self.clock = self.clock.max(mark.at);
        keep_latest(&mut self.positions, text, mark, |m| m.at);
    }

    fn apply_form(&mut self, form: &str, mark: FormMark) {
        self.clock = self.clock.max(mark.at);
        keep_latest(&mut self.forms, form, mark, |m| m.at);
    }

    fn apply_reading(&mut self, key: &str, mark: ReadingMark) {
        self.clock = self.clock.max(mark.at);
        keep_latest(&mut self.reading, key, mark, |m| m.at);
    }

    fn apply(&mut self, change: &Change) {
        debug_assert!(change.at() <= MAX_STAMP);
        match change {
            Change::Reading {
                at,
                key,
                day,
                words_read,
                new_met,
                marked_known,
            } => self.apply_reading(
                key,
                ReadingMark {
                    day: *day,
                    words_read: *words_read,
                    new_met: *new_met,
                    marked_known: *marked_known,
                    at: *at,
                },
            ),
            Change::Status { at, term, status } => self.apply_status(
                term,
                StatusMark {
                    status: *status,
                    at: *at,
                },
            ),
            Change::Position { at, text, offset } => self.apply_position(
                text,
                PositionMark {
                    offset: *offset,
                    at: *at,
                },
            ),
            Change::Form { at, form, term } => self.apply_form(
                form,
                FormMark {
                    term: term.clone(),
                    at: *at,
                },
            ),
        }
    }

    /// Drops marks stamped beyond [`MAX_STAMP`]; how many.
    fn drop_absurd_stamps(&mut self) -> usize {
        let count =
            |d: &Data| d.statuses.len() + d.positions.len() + d.forms.len() + d.reading.len();
        let before = count(self);
        self.statuses.retain(|_, m| m.at <= MAX_STAMP);
        self.positions.retain(|_, m| m.at <= MAX_STAMP);
        self.forms.retain(|_, m| m.at <= MAX_STAMP);
        self.reading.retain(|_, m| m.at <= MAX_STAMP);
        before - count(self)
    }

    fn merge(&mut self, other: Data) {
        if self.statuses.is_empty()
            && self.positions.is_empty()
            && self.forms.is_empty()
            && self.reading.is_empty()
        {
            *self = other;
            return;
        }
        for (key, mark) in other.reading {
            self.apply_reading(&key, mark);
        }
        for (term, mark) in other.statuses {
            self.apply_status(&term, mark);
        }
        for (text, mark) in other.positions {
            self.apply_position(&text, mark);
        }
        for (form, mark) in other.forms {
            self.apply_form(&form, mark);
        }
        self.clock = self.clock.max(other.clock);
    }

    /// The snapshot as JSON, one term a line, sorted, so it reads and diffs well.
    fn snapshot_json(&self) -> Result<Vec<u8>, serde_json::Error> {
        let mut out = Vec::with_capacity(64 * (self.statuses.len() + self.positions.len()) + 64);
        out.extend_from_slice(format!("{{\n\"format\": {FORMAT},\n\"statuses\": {{").as_bytes());
        write_entries(&mut out, &self.statuses)?;
        out.extend_from_slice(b",\n\"positions\": {");
        write_entries(&mut out, &self.positions)?;
        out.extend_from_slice(b",\n\"forms\": {");
        write_entries(&mut out, &self.forms)?;
        out.extend_from_slice(b",\n\"reading\": {");
        write_entries(&mut out, &self.reading)?;
        out.extend_from_slice(b"\n}\n");
        Ok(out)
    }
}

/// Keeps `mark` under `key` unless the map holds a later one (by `at`): changes read twice or
/// in any order give the same state.
fn keep_latest<M>(map: &mut FxHashMap<String, M>, key: &str, mark: M, at: impl Fn(&M) -> u64) {
    match map.get_mut(key) {
        Some(old) if at(old) > at(&mark) => {}
        Some(old) => *old = mark,
        None => {
            map.insert(key.to_string(), mark);
        }
    }
}

/// Writes `"key": value` pairs of a JSON object, sorted by key, one a line, and the closing brace.
fn write_entries<V: Serialize>(
    out: &mut Vec<u8>,
    map: &FxHashMap<String, V>,
) -> Result<(), serde_json::Error> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (i, (key, value)) in entries.iter().enumerate() {
        out.extend_from_slice(if i == 0 { b"\n  " } else { b",\n  " });
        serde_json::to_writer(&mut *out, key)?;
        out.extend_from_slice(b": ");
        serde_json::to_writer(&mut *out, value)?;
    }
    if !entries.is_empty() {
        out.push(b'\n');
    }
    out.push(b'}');
    Ok(())
}

/// Identity of a file (device, inode), to notice that a journal was taken aside.
type FileId = (u64, u64);

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` where a platform has no inode numbers
fn file_id(meta: &fs::Metadata) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn file_id(_meta: &fs::Metadata) -> Option<FileId> {
    None
}

fn path_id(path: &Path) -> io::Result<Option<FileId>> {
    match fs::metadata(path) {
        Ok(m) => Ok(file_id(&m)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// A file of the data dir, whole. Only a regular file is read: a named pipe put in its place
/// would block the reader forever.
fn read_whole(path: &Path) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_regular(path)?.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Makes a rename or a new file in `dir` durable.
fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(io_err(dir, "sync the directory"))
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

fn now_nanos() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// What reading one journal found.
#[derive(Debug, Default)]
struct JournalRead {
    changes: usize,
    /// Bytes up to and including the last newline: where the next read starts.
    consumed: u64,
}

/// Applies the changes in journal bytes. A line cut short by a killed writer is skipped; when
/// a later append ran onto it, the change after the cut is still read.
fn apply_journal(
    bytes: &[u8],
    name: &str,
    data: &mut Data,
    warnings: &mut Vec<String>,
) -> JournalRead {
    let mut read = JournalRead::default();
    let mut start = 0;
    let mut line_no = 0;
    while start < bytes.len() {
        line_no += 1;
        let (line, complete) = match bytes[start..].iter().position(|&b| b == b'\n') {
            Some(i) => (&bytes[start..start + i], true),
            None => (&bytes[start..], false),
        };
        start += line.len() + usize::from(complete);
        if complete {
            read.consumed = start as u64;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if let Some(change) = parse_change(line) {
            if change.at() > MAX_STAMP {
                warnings.push(format!(
                    "{name}:{line_no}: change stamped in the far future ({}) skipped",
                    change.at()
                ));
                continue;
            }
            data.apply(&change);
            read.changes += 1;
        } else if complete {
            warnings.push(format!("{name}:{line_no}: unreadable change skipped"));
        }
        // An incomplete last line is a write cut short; it is not a change.
    }
    read
}

fn parse_change(line: &[u8]) -> Option<Change> {
    if let Ok(c) = serde_json::from_slice(line) {
        return Some(c);
    }
    // A fragment left by a killed writer, then a whole change appended after it: `{"op":"st{"op":…}`.
    // `{"` cannot occur inside a JSON string (the quote would be escaped), so it starts an object.
    (1..line.len().saturating_sub(1))
        .filter(|&i| line[i] == b'{' && line[i + 1] == b'"')
        .find_map(|i| serde_json::from_slice(&line[i..]).ok())
}

/// The snapshot file's state.
enum SnapshotRead {
    Missing,
    Valid(Data),
    Corrupt(String),
}

fn read_snapshot(path: &Path, warnings: &mut Vec<String>) -> Result<SnapshotRead, StoreError> {
    let bytes = match read_whole(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(SnapshotRead::Missing),
        Err(e) => return Err(io_err(path, "read")(e)),
    };
    match serde_json::from_slice::<SnapshotIn>(&bytes) {
        Ok(snap) if snap.format > FORMAT => Err(StoreError::NewerFormat {
            path: path.to_path_buf(),
            format: snap.format,
        }),
        Ok(snap) => {
            let mut data = Data {
                statuses: snap.statuses,
                positions: snap.positions,
                forms: snap.forms,
                reading: snap.reading,
                clock: 0,
            };
            let dropped = data.drop_absurd_stamps();
            if dropped > 0 {
                warnings.push(format!(
                    "{}: {dropped} marks stamped in the far future skipped",
                    path.display()
                ));
            }
            data.clock = data
                .statuses
                .values()
                .map(|m| m.at)
                .chain(data.positions.values().map(|m| m.at))
                .chain(data.forms.values().map(|m| m.at))
                .chain(data.reading.values().map(|m| m.at))
                .max()
                .unwrap_or(0);
            Ok(SnapshotRead::Valid(data))
        }
        Err(e) => Ok(SnapshotRead::Corrupt(e.to_string())),
    }
}

fn read_optional(path: &Path) -> Result<Option<Vec<u8>>, StoreError> {
    match read_whole(path) {
        Ok(b) => Ok(Some(b)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path, "read")(e)),
    }
}

/// Journals taken aside by a compaction, oldest first.
fn rotated_journals(dir: &Path) -> Result<Vec<PathBuf>, StoreError> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).map_err(io_err(dir, "list"))? {
        let entry = entry.map_err(io_err(dir, "list"))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(ROTATED_PREFIX) && name.ends_with(".jsonl") {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// Everything on disk, read as one consistent state.
struct DiskRead {
    data: Data,
    /// Changes in journals (how much compacting would fold in).
    journal_changes: usize,
    rotated: Vec<PathBuf>,
    /// The snapshot was damaged or missing while a backup existed.
    used_backup: bool,
    /// This read moved a damaged snapshot aside.
    moved_aside: bool,
    /// The live journal as read.
    live: Option<LiveMark>,
}

/// How far the live journal was read, and which files were read, so a later read can go on
/// from there as long as neither file was replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct LiveMark {
    journal: FileId,
    read: u64,
    state: Option<FileId>,
}

/// Moves a damaged snapshot aside, never over an earlier one.
fn move_aside(path: &Path) -> Result<Option<PathBuf>, StoreError> {
    let base = format!("{}.corrupt-{}", path.display(), now_secs());
    let mut target = PathBuf::from(&base);
    let mut n = 1;
    while target.exists() {
        n += 1;
        target = PathBuf::from(format!("{base}-{n}"));
    }
    match fs::rename(path, &target) {
        Ok(()) => Ok(Some(target)),
        // Another process moved it first.
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io_err(path, "move the damaged file aside")(e)),
    }
}

fn read_disk(dir: &Path, warnings: &mut Vec<String>) -> Result<DiskRead, StoreError> {
    let state = dir.join(STATE);
    // A compaction that replaces state.json while this reads would pair an old snapshot with
    // journals it does not cover; the snapshot's identity tells, and the read starts over.
    let mut attempts = 0;
    loop {
        attempts += 1;
        let mut attempt_warnings = Vec::new();
        let before = path_id(&state).map_err(io_err(&state, "read"))?;
        let read = read_disk_once(dir, warnings, &mut attempt_warnings)?;
        let after = path_id(&state).map_err(io_err(&state, "read"))?;
        let moved_aside_by_this_read = read.moved_aside && after.is_none();
        if before == after || moved_aside_by_this_read || attempts >= 64 {
            warnings.extend(attempt_warnings);
            let mut read = read;
            if let Some(mark) = &mut read.live {
                mark.state = after;
            }
            return Ok(read);
        }
    }
}

/// One read of the data dir. Moving a damaged snapshot aside is reported in `lasting` (it
/// happened, whatever the caller does with this read); the rest in `warnings`.
fn read_disk_once(
    dir: &Path,
    lasting: &mut Vec<String>,
    warnings: &mut Vec<String>,
) -> Result<DiskRead, StoreError> {
    let state = dir.join(STATE);
    let bak = dir.join(STATE_BAK);
    let mut used_backup = false;
    let mut moved_aside = false;
    let mut data = match read_snapshot(&state, warnings)? {
        SnapshotRead::Valid(d) => d,
        SnapshotRead::Missing if !bak.exists() => Data::default(),
        SnapshotRead::Missing => {
            used_backup = true;
            read_backup(dir, &bak, warnings)?
        }
        SnapshotRead::Corrupt(why) => {
            used_backup = true;
            if let Some(to) = move_aside(&state)? {
                moved_aside = true;
                lasting.push(format!(
                    "{}: damaged ({why}); moved aside to {}",
                    state.display(),
                    to.display()
                ));
            }
            read_backup(dir, &bak, warnings)?
        }
    };
    let mut journal_changes = 0;
    // The live journal before the rotated ones: a rotation between the two reads then shows
    // the same changes twice, never zero times.
    let live_path = dir.join(JOURNAL);
    let live = match open_regular(&live_path) {
        Ok(mut f) => {
            let meta = f.metadata().map_err(io_err(&live_path, "read"))?;
            let mut bytes = Vec::with_capacity(meta.len() as usize);
            f.read_to_end(&mut bytes)
                .map_err(io_err(&live_path, "read"))?;
            let read = apply_journal(&bytes, JOURNAL, &mut data, warnings);
            journal_changes += read.changes;
            file_id(&meta).map(|journal| LiveMark {
                journal,
                read: read.consumed,
                state: None,
            })
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(io_err(&live_path, "read")(e)),
    };
    let rotated = rotated_journals(dir)?;
    for path in &rotated {
        // Gone: a compaction finished meanwhile, and the snapshot check repeats the read.
        if let Some(bytes) = read_optional(path)? {
            let name = path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            journal_changes += apply_journal(&bytes, &name, &mut data, warnings).changes;
        }
    }
    Ok(DiskRead {
        data,
        journal_changes,
        rotated,
        used_backup,
        moved_aside,
        live,
    })
}

/// The previous snapshot plus the journal that led from it to the damaged one.
fn read_backup(dir: &Path, bak: &Path, warnings: &mut Vec<String>) -> Result<Data, StoreError> {
    let mut data = match read_snapshot(bak, warnings)? {
        SnapshotRead::Valid(d) => {
            warnings.push(format!("using the backup {}", bak.display()));
            d
        }
        SnapshotRead::Missing => Data::default(),
        SnapshotRead::Corrupt(why) => {
            warnings.push(format!(
                "{}: damaged too ({why}); only the journals were read",
                bak.display()
            ));
            Data::default()
        }
    };
    let jbak = dir.join(JOURNAL_BAK);
    if let Some(bytes) = read_optional(&jbak)? {
        apply_journal(&bytes, JOURNAL_BAK, &mut data, warnings);
    }
    Ok(data)
}

/// Who holds the compaction lock, as its file says: `pid 12\nhost name\nsince 1700000000\n`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LockHolder {
    pid: Option<u32>,
    host: Option<String>,
    since: Option<u64>,
}

impl LockHolder {
    fn parse(text: &str) -> LockHolder {
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(key))
                .map(str::trim)
        };
        LockHolder {
            pid: field("pid ").and_then(|p| p.parse().ok()),
            host: field("host ").map(str::to_string),
            since: field("since ").and_then(|s| s.parse().ok()),
        }
    }

    /// Whether the process that wrote the lock certainly no longer holds it: it is not running
    /// on this host, or the lock is older than any compaction. A lock with no holder written
    /// in it (left by a leser that could not write it, on a full disk) counts once its file
    /// is [`STALE_LOCK_SECS`] old: a lock is written whole before it exists.
    fn is_gone(&self, file_age: Option<u64>) -> bool {
        let (Some(pid), Some(since)) = (self.pid, self.since) else {
            return file_age.is_some_and(|age| age > STALE_LOCK_SECS);
        };
        let here = self.host.as_deref().is_none_or(|h| h == host_name());
        let proc = Path::new("/proc");
        let dead = here && proc.join("self").exists() && !proc.join(pid.to_string()).exists();
        dead || now_secs().saturating_sub(since) > TAKEOVER_SECS
    }

    /// `leser (pid 12 on host) for 3 s`.
    fn describe(&self) -> String {
        let who = match (self.pid, &self.host) {
            (Some(p), Some(h)) => format!("leser (pid {p} on {h})"),
            (Some(p), None) => format!("leser (pid {p})"),
            _ => "a leser that did not write its name".to_string(),
        };
        match self.since {
            Some(s) => format!("{who} for {} s", now_secs().saturating_sub(s)),
            None => who,
        }
    }
}

/// This machine's name, for lock files (a lock from another host is never judged by pid).
fn host_name() -> &'static str {
    static NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    NAME.get_or_init(|| {
        ["/proc/sys/kernel/hostname", "/etc/hostname"]
            .iter()
            .find_map(|p| fs::read_to_string(p).ok())
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty() && !n.contains(char::is_whitespace))
            .unwrap_or_else(|| "unknown".to_string())
    })
}

/// The lock file's text and its age in seconds; `None` when there is none.
fn read_lock(path: &Path) -> Option<(String, Option<u64>)> {
    let text = fs::read_to_string(path).ok()?;
    let age = fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .map(|d| d.as_secs());
    Some((text, age))
}

fn describe_lock(path: &Path) -> String {
    let holder = read_lock(path).map_or_else(LockHolder::default, |(t, _)| LockHolder::parse(&t));
    format!(
        "locked by {} while it compacts the data; try again in a moment",
        holder.describe()
    )
}

/// What became of a lock found in place.
enum Found {
    /// Its holder is running (or may be).
    Held,
    /// It went away meanwhile.
    Gone,
    /// Its holder was gone; it is removed, and this says so.
    TakenOver(String),
}

/// Removes the lock at `path` if its holder is gone. It is first renamed to a name of this
/// process's own and read again, so that a fresh lock another process put in place meanwhile
/// is given back rather than removed.
fn take_over(path: &Path) -> Result<Found, StoreError> {
    let Some((text, age)) = read_lock(path) else {
        return Ok(Found::Gone);
    };
    let holder = LockHolder::parse(&text);
    if !holder.is_gone(age) {
        return Ok(Found::Held);
    }
    let aside = path.with_file_name(format!(
        "{LOCK}.stale-{}-{}",
        std::process::id(),
        now_nanos()
    ));
    match fs::rename(path, &aside) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Gone),
        Err(e) => return Err(io_err(path, "take over the lock")(e)),
    }
    let moved = fs::read_to_string(&aside).unwrap_or_default();
    if moved != text {
        let _ = fs::hard_link(&aside, path);
        let _ = fs::remove_file(&aside);
        return Ok(Found::Held);
    }
    let _ = fs::remove_file(&aside);
    Ok(Found::TakenOver(format!(
        "{}: took over the lock of {}, which is no longer running",
        path.display(),
        holder.describe()
    )))
}

/// The compaction lock: `lock` in the data dir, holding who took it. It is written whole
/// under a name of its own and then linked as `lock`, so a `lock` always says who holds it,
/// and a failed write (a full disk) leaves none. Removed on drop, if it is still this one.
struct Lock {
    path: PathBuf,
    body: String,
}

impl Lock {
    /// Takes the lock; one left by a process that is gone is taken over, and `notices` says so.
    fn acquire(dir: &Path, notices: &mut Vec<String>) -> Result<Lock, StoreError> {
        Lock::acquire_with(dir, notices, Write::write_all)
    }

    /// [`Lock::acquire`] with the writing step given, so that a failing write can be tested.
    fn acquire_with(
        dir: &Path,
        notices: &mut Vec<String>,
        write: impl FnOnce(&mut File, &[u8]) -> io::Result<()>,
    ) -> Result<Lock, StoreError> {
        let path = dir.join(LOCK);
        let body = format!(
            "pid {}\nhost {}\nsince {}\n",
            std::process::id(),
            host_name(),
            now_secs()
        );
        let tmp = dir.join(format!("{LOCK}.{}-{}.tmp", std::process::id(), now_nanos()));
        let written = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut f| write(&mut f, body.as_bytes()).and_then(|()| f.sync_all()));
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(io_err(&path, "write the lock")(e));
        }
        let result = Lock::link(&tmp, path, body, notices);
        let _ = fs::remove_file(&tmp);
        result
    }

    fn link(
        tmp: &Path,
        path: PathBuf,
        body: String,
        notices: &mut Vec<String>,
    ) -> Result<Lock, StoreError> {
        // One try, and one more after a lock left behind was taken over or went away.
        for _ in 0..2 {
            match fs::hard_link(tmp, &path) {
                Ok(()) => return Ok(Lock { path, body }),
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => match take_over(&path)? {
                    Found::Held => break,
                    Found::Gone => {}
                    Found::TakenOver(notice) => notices.push(notice),
                },
                // No hard links on this file system: made in place, removed if not whole.
                Err(_) => return Lock::create_in_place(path, body),
            }
        }
        Err(StoreError::Locked {
            holder: describe_lock(&path),
            path,
        })
    }

    fn create_in_place(path: PathBuf, body: String) -> Result<Lock, StoreError> {
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => match f.write_all(body.as_bytes()).and_then(|()| f.sync_all()) {
                Ok(()) => Ok(Lock { path, body }),
                Err(e) => {
                    let _ = fs::remove_file(&path);
                    Err(io_err(&path, "write the lock")(e))
                }
            },
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(StoreError::Locked {
                holder: describe_lock(&path),
                path,
            }),
            Err(e) => Err(io_err(&path, "create the lock")(e)),
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Taken over meanwhile (this process was judged gone): the lock is another's now.
        if fs::read_to_string(&self.path).is_ok_and(|t| t == self.body) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// How many status changes [`Store::undo`] can take back.
pub const UNDO_STEPS: usize = 100;

/// One term of a status change: what it was and what it became.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatusStep {
    term: String,
    before: Status,
    after: Status,
}

/// What [`Store::undo`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undone {
    /// The terms set back, with the status they have again.
    pub restored: Vec<(String, Status)>,
    /// Terms of the change that another reader has changed since: left as they are.
    pub skipped: usize,
}

/// The open end of the live journal.
#[derive(Debug)]
struct Appender {
    file: File,
    id: Option<FileId>,
}

/// The learner's statuses and reading positions, kept in a data dir.
///
/// Every setter has saved its change (journal append + fsync) when it returns `Ok`.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    data: Data,
    appender: Option<Appender>,
    /// Changes in the journals as far as this store knows.
    journal_changes: usize,
    /// The live journal as last read, for [`Store::refresh`].
    live: Option<LiveMark>,
    warnings: Vec<String>,
    stale_lock_reported: bool,
    /// This store's status changes, oldest first, for [`Store::undo`].
    undo: VecDeque<Vec<StatusStep>>,
}

impl Store {
    /// Opens (creating if needed) the data dir and reads everything in it. Problems that lose
    /// nothing (a damaged snapshot moved aside, the backup used) are in [`Store::warnings`].
    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        fs::create_dir_all(dir).map_err(io_err(dir, "create the data directory"))?;
        let mut warnings = Vec::new();
        let read = read_disk(dir, &mut warnings)?;
        let mut store = Store {
            dir: dir.to_path_buf(),
            data: read.data,
            appender: None,
            journal_changes: read.journal_changes,
            live: read.live,
            warnings,
            stale_lock_reported: false,
            undo: VecDeque::new(),
        };
        if read.journal_changes >= COMPACT_ON_OPEN || !read.rotated.is_empty() || read.used_backup {
            store.compact_if_free();
        }
        Ok(store)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Messages for the learner: damaged files moved aside, a backup used, a stale lock.
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The warnings, leaving none (to show each once).
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// A term's status; terms never marked are new.
    pub fn status(&self, term: &str) -> Status {
        self.data
            .statuses
            .get(term)
            .map_or(Status::New, |m| m.status)
    }

    /// Every term with a status other than new, in no particular order.
    pub fn statuses(&self) -> impl Iterator<Item = (&str, Status)> {
        self.data
            .statuses
            .iter()
            .filter(|(_, m)| m.status != Status::New)
            .map(|(t, m)| (t.as_str(), m.status))
    }

    /// Sets a term's status and saves the change before returning.
    pub fn set_status(&mut self, term: &str, status: Status) -> Result<(), StoreError> {
        self.set_statuses([(term, status)])
    }

    /// Sets several statuses with one write and one sync. The change is one step for
    /// [`Store::undo`].
    pub fn set_statuses<'a>(
        &mut self,
        changes: impl IntoIterator<Item = (&'a str, Status)>,
    ) -> Result<(), StoreError> {
        self.set_statuses_filing(changes, std::iter::empty())
    }

    /// The headword a word form (lower case) was filed under when the learner marked it.
    pub fn filed_under(&self, form: &str) -> Option<&str> {
        self.data.forms.get(form).map(|m| m.term.as_str())
    }

    /// Every filed form, as (form, headword).
    pub fn filings(&self) -> impl Iterator<Item = (&str, &str)> {
        self.data
            .forms
            .iter()
            .map(|(f, m)| (f.as_str(), m.term.as_str()))
    }

    /// Sets statuses and files word forms under headwords, with one write and one sync:
    /// `forms` are (form in lower case, headword) pairs; those already filed so are skipped.
    /// The change is one step for [`Store::undo`].
    pub fn set_statuses_filing<'a>(
        &mut self,
        changes: impl IntoIterator<Item = (&'a str, Status)>,
        forms: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), StoreError> {
        let step: Vec<StatusStep> = changes
            .into_iter()
            .map(|(term, after)| StatusStep {
                before: self.status(term),
                term: term.to_string(),
                after,
            })
            .collect();
        // Written even when unchanged as far as this store knows: another reader may have
        // changed it meanwhile.
        self.write_statuses(step.iter().map(|s| (s.term.as_str(), s.after)), forms)?;
        let step: Vec<StatusStep> = step.into_iter().filter(|s| s.before != s.after).collect();
        if !step.is_empty() {
            if self.undo.len() == UNDO_STEPS {
                self.undo.pop_front();
            }
            self.undo.push_back(step);
        }
        Ok(())
    }

    /// Takes back the last status change this store made (all the terms of a bulk change),
    /// as new changes in the journal like any other. A term another reader has changed since
    /// keeps that reader's status (call [`Store::refresh`] first to know). `None` when there is
    /// nothing left to undo; up to [`UNDO_STEPS`] changes can be undone.
    pub fn undo(&mut self) -> Result<Option<Undone>, StoreError> {
        let Some(step) = self.undo.pop_back() else {
            return Ok(None);
        };
        let (back, changed_since): (Vec<&StatusStep>, Vec<&StatusStep>) =
            step.iter().partition(|s| self.status(&s.term) == s.after);
        let skipped = changed_since.len();
        let restored: Vec<(String, Status)> =
            back.iter().map(|s| (s.term.clone(), s.before)).collect();
        if let Err(e) = self.write_statuses(
            restored.iter().map(|(t, s)| (t.as_str(), *s)),
            std::iter::empty(),
        ) {
            self.undo.push_back(step);
            return Err(e);
        }
        Ok(Some(Undone { restored, skipped }))
    }

    /// Writes statuses, and forms filed under headwords, as changes to the journal, with one
    /// write and one sync.
    fn write_statuses<'c, 'f>(
        &mut self,
        changes: impl IntoIterator<Item = (&'c str, Status)>,
        forms: impl IntoIterator<Item = (&'f str, &'f str)>,
    ) -> Result<(), StoreError> {
        let mut lines = Vec::new();
        let mut applied = Vec::new();
        for (term, status) in changes {
            let at = self.next_stamp();
            let change = Change::Status {
                at,
                term: term.to_string(),
                status,
            };
            push_line(&mut lines, &change);
            applied.push(change);
        }
        for (form, term) in forms {
            if self.filed_under(form) == Some(term)
                || applied
                    .iter()
                    .any(|c| matches!(c, Change::Form { form: f, .. } if f == form))
            {
                continue;
            }
            let change = Change::Form {
                at: self.next_stamp(),
                form: form.to_string(),
                term: term.to_string(),
            };
            push_line(&mut lines, &change);
            applied.push(change);
        }
        if applied.is_empty() {
            return Ok(());
        }
        self.append(&lines)?;
        for change in &applied {
            self.data.apply(change);
        }
        self.after_append(applied.len());
        Ok(())
    }

    /// Where the learner stopped in a text (byte offset of the selected token), by
    /// [`text_key`].
    pub fn position(&self, text: &str) -> Option<usize> {
        self.data.positions.get(text).map(|m| m.offset)
    }

    /// Saves the reading position in a text; does nothing when it has not moved.
    pub fn set_position(&mut self, text: &str, offset: usize) -> Result<(), StoreError> {
        if self.position(text) == Some(offset) {
            return Ok(());
        }
        let change = Change::Position {
            at: self.next_stamp(),
            text: text.to_string(),
            offset,
        };
        let mut line = Vec::new();
        push_line(&mut line, &change);
        self.append(&line)?;
        self.data.apply(&change);
        self.after_append(1);
        Ok(())
    }

    /// Saves one session's reading on a day (the whole of it so far: it replaces the last
    /// record of the same session and day).
    pub fn set_reading(&mut self, session: &str, day: &super::Day) -> Result<(), StoreError> {
        let key = format!("{}/{session}", day.day);
        let old = self.data.reading.get(&key);
        if old.is_some_and(|m| {
            (m.words_read, m.new_met, m.marked_known)
                == (day.words_read, day.new_met, day.marked_known)
        }) {
            return Ok(());
        }
        let change = Change::Reading {
            at: self.next_stamp(),
            key,
            day: day.day,
            words_read: day.words_read,
            new_met: day.new_met,
            marked_known: day.marked_known,
        };
        let mut line = Vec::new();
        push_line(&mut line, &change);
        self.append(&line)?;
        self.data.apply(&change);
        self.after_append(1);
        Ok(())
    }

    /// The reading of every day, summed over sessions, and the terms known now.
    pub fn progress(&self) -> super::Progress {
        let mut days: std::collections::BTreeMap<i64, super::Day> =
            std::collections::BTreeMap::new();
        for mark in self.data.reading.values() {
            let d = days.entry(mark.day).or_insert(super::Day {
                day: mark.day,
                ..super::Day::default()
            });
            d.words_read += mark.words_read;
            d.new_met += mark.new_met;
            d.marked_known += mark.marked_known;
        }
        super::Progress {
            days: days.into_values().collect(),
            known_now: self
                .data
                .statuses
                .values()
                .filter(|m| m.status == Status::Known)
                .count() as u64,
        }
    }

    /// Reads what other processes saved since this store last read the data dir.
    pub fn refresh(&mut self) -> Result<(), StoreError> {
        let path = self.dir.join(JOURNAL);
        let state = self.dir.join(STATE);
        if let Some(mark) = self.live
            && path_id(&path).map_err(io_err(&path, "read"))? == Some(mark.journal)
            && path_id(&state).map_err(io_err(&state, "read"))? == mark.state
        {
            // Same journal and snapshot as last read: only the lines appended since.
            let mut f = open_regular(&path).map_err(io_err(&path, "read"))?;
            f.seek(SeekFrom::Start(mark.read))
                .map_err(io_err(&path, "read"))?;
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).map_err(io_err(&path, "read"))?;
            let read = apply_journal(&bytes, JOURNAL, &mut self.data, &mut self.warnings);
            self.live = Some(LiveMark {
                read: mark.read + read.consumed,
                ..mark
            });
            return Ok(());
        }
        let mut warnings = Vec::new();
        let read = read_disk(&self.dir, &mut warnings)?;
        self.add_warnings(warnings);
        self.data.merge(read.data);
        self.journal_changes = read.journal_changes;
        self.live = read.live;
        Ok(())
    }

    /// Folds the journals into a new snapshot (keeping the previous one as `state.json.bak`),
    /// after reading everything on disk, so changes made by other processes are kept.
    /// Fails with [`StoreError::Locked`] while another process compacts.
    pub fn compact(&mut self) -> Result<(), StoreError> {
        let mut notices = Vec::new();
        let lock = Lock::acquire(&self.dir, &mut notices);
        self.add_warnings(notices);
        let _lock = lock?;
        let dir = self.dir.clone();
        // Take the live journal aside: new appends (ours and others') start a fresh one.
        let live = dir.join(JOURNAL);
        let aside = dir.join(format!(
            "{ROTATED_PREFIX}{}-{}.jsonl",
            now_nanos(),
            std::process::id()
        ));
        match fs::rename(&live, &aside) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io_err(&live, "take the journal aside")(e)),
        }
        self.appender = None;
        let mut warnings = Vec::new();
        let read = read_disk(&dir, &mut warnings)?;
        self.add_warnings(warnings);
        self.data.merge(read.data);

        let state = dir.join(STATE);
        let tmp = dir.join(STATE_TMP);
        let bytes = self
            .data
            .snapshot_json()
            .map_err(|e| io_err(&tmp, "write")(io::Error::other(e)))?;
        write_synced(&tmp, &bytes)?;
        if state.exists() {
            keep_backup(&state, &dir.join(STATE_BAK))?;
        }
        fs::rename(&tmp, &state).map_err(io_err(&state, "replace"))?;
        sync_dir(&dir)?;

        // The journals now folded in become journal.bak.jsonl, the way from state.json.bak
        // to state.json.
        let jbak = dir.join(JOURNAL_BAK);
        match read.rotated.as_slice() {
            [] => {
                let _ = fs::remove_file(&jbak);
            }
            [one] => fs::rename(one, &jbak).map_err(io_err(one, "rename"))?,
            several => {
                let mut all = Vec::new();
                for path in several {
                    if let Some(bytes) = read_optional(path)? {
                        all.extend_from_slice(&bytes);
                        if !all.ends_with(b"\n") {
                            all.push(b'\n');
                        }
                    }
                }
                let jtmp = dir.join(JOURNAL_BAK_TMP);
                write_synced(&jtmp, &all)?;
                fs::rename(&jtmp, &jbak).map_err(io_err(&jbak, "replace"))?;
                for path in several {
                    fs::remove_file(path).map_err(io_err(path, "remove"))?;
                }
            }
        }
        sync_dir(&dir)?;
        self.journal_changes = 0;
        self.live = None;
        Ok(())
    }

    /// Compacts unless another process is at it; a lock held for long is reported once.
    fn compact_if_free(&mut self) {
        match self.compact() {
            Ok(()) => {}
            Err(StoreError::Locked { path, holder }) => {
                let held_long = read_lock(&path)
                    .and_then(|(text, _)| LockHolder::parse(&text).since)
                    .is_some_and(|s| now_secs().saturating_sub(s) > STALE_LOCK_SECS);
                if held_long && !self.stale_lock_reported {
                    self.stale_lock_reported = true;
                    self.warnings.push(format!("{}: {holder}", path.display()));
                }
            }
            Err(e) => self.add_warnings(vec![format!("compacting the learner's data: {e}")]),
        }
    }

    /// Adds messages not already waiting to be shown.
    fn add_warnings(&mut self, new: Vec<String>) {
        for w in new {
            if !self.warnings.contains(&w) {
                self.warnings.push(w);
            }
        }
    }

    fn next_stamp(&mut self) -> u64 {
        // Saturating: a stamp never wraps round to before the ones it must outlast.
        self.data.clock = now_nanos()
            .max(self.data.clock.saturating_add(1))
            .min(MAX_STAMP);
        self.data.clock
    }

    fn after_append(&mut self, changes: usize) {
        self.journal_changes += changes;
        if self.journal_changes >= COMPACT_WHILE_RUNNING {
            self.compact_if_free();
        }
    }

    /// Appends whole lines to the live journal and syncs them. When a compaction took the
    /// journal aside during the write, the lines may be in a file it already read: write them
    /// again to the new journal (a change read twice is harmless).
    fn append(&mut self, lines: &[u8]) -> Result<(), StoreError> {
        let path = self.dir.join(JOURNAL);
        for _ in 0..16 {
            let appender = self.appender()?;
            appender
                .file
                .write_all(lines)
                .and_then(|()| appender.file.sync_data())
                .map_err(io_err(&path, "append to"))?;
            let id = appender.id;
            let live = path_id(&path).map_err(io_err(&path, "read"))?;
            if id.is_none() || live == id {
                return Ok(());
            }
            self.appender = None;
        }
        Err(io_err(&path, "append to")(io::Error::other(
            "the journal kept being replaced while writing",
        )))
    }

    fn appender(&mut self) -> Result<&mut Appender, StoreError> {
        let appender = if let Some(a) = self.appender.take() {
            a
        } else {
            let path = self.dir.join(JOURNAL);
            let existed = path.exists();
            let file = OpenOptions::new()
                .append(true)
                .create(true)
                .open(&path)
                .map_err(io_err(&path, "open"))?;
            let id = file
                .metadata()
                .map_err(io_err(&path, "open"))
                .map(|m| file_id(&m))?;
            if !existed {
                sync_dir(&self.dir)?;
            }
            Appender { file, id }
        };
        Ok(self.appender.insert(appender))
    }
}

fn push_line(out: &mut Vec<u8>, change: &Change) {
    // A Change always serializes: its fields are strings and numbers.
    if serde_json::to_writer(&mut *out, change).is_ok() {
        out.push(b'\n');
    }
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = File::create(path).map_err(io_err(path, "create"))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(io_err(path, "write"))
}

/// Makes `bak` the current `state` without a moment where `state` is missing: a second name
/// for the same file (a copy where the file system has no hard links).
fn keep_backup(state: &Path, bak: &Path) -> Result<(), StoreError> {
    let tmp = bak.with_extension("bak.tmp");
    let _ = fs::remove_file(&tmp);
    if fs::hard_link(state, &tmp).is_err() {
        fs::copy(state, &tmp).map_err(io_err(&tmp, "write the backup"))?;
    }
    fs::rename(&tmp, bak).map_err(io_err(bak, "replace the backup"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn new_store_has_every_term_new() {
        let d = dir();
        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Diplomat"), Status::New);
        assert_eq!(store.statuses().count(), 0);
        assert_eq!(store.position("bundled:x"), None);
    }

    #[test]
    fn status_changes_survive_reopening() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Diplomat", Status::Learning(1)).unwrap();
        store.set_status("ankündigen", Status::Known).unwrap();
        store.set_status("Diplomat", Status::Learning(3)).unwrap();
        store.set_status("NATO", Status::Ignored).unwrap();
        store.set_status("NATO", Status::New).unwrap();
        store.set_position("bundled:texts/a.txt", 1234).unwrap();
        assert_eq!(store.status("Diplomat"), Status::Learning(3));
        drop(store);

        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Diplomat"), Status::Learning(3));
        assert_eq!(store.status("ankündigen"), Status::Known);
        assert_eq!(store.status("NATO"), Status::New);
        assert_eq!(store.position("bundled:texts/a.txt"), Some(1234));
        let mut marked: Vec<_> = store.statuses().collect();
        marked.sort_unstable();
        assert_eq!(
            marked,
            [
                ("Diplomat", Status::Learning(3)),
                ("ankündigen", Status::Known)
            ]
        );
        assert!(store.warnings().is_empty(), "{:?}", store.warnings());
    }

    #[test]
    fn each_change_is_on_disk_when_the_setter_returns() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Bündnis", Status::Learning(2)).unwrap();
        let journal = fs::read_to_string(d.path().join(JOURNAL)).unwrap();
        assert!(journal.contains("\"term\":\"Bündnis\""), "{journal}");
        assert!(journal.contains("\"status\":\"learning 2\""), "{journal}");
        assert!(journal.ends_with('\n'));
    }

    #[test]
    fn a_torn_last_journal_line_is_ignored() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Diplomat", Status::Known).unwrap();
        drop(store);
        let mut f = OpenOptions::new()
            .append(true)
            .open(d.path().join(JOURNAL))
            .unwrap();
        f.write_all(br#"{"op":"status","at":99999999999999999,"term":"Diplo"#)
            .unwrap();
        drop(f);

        let mut store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Diplomat"), Status::Known);
        assert!(store.warnings().is_empty(), "{:?}", store.warnings());
        // A change appended after the torn fragment still counts.
        store.set_status("Bündnis", Status::Learning(1)).unwrap();
        drop(store);
        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Bündnis"), Status::Learning(1));
        assert_eq!(store.status("Diplomat"), Status::Known);
    }

    #[test]
    fn an_unreadable_line_inside_the_journal_is_reported() {
        let d = dir();
        fs::write(
            d.path().join(JOURNAL),
            "{\"op\":\"status\",\"at\":1,\"term\":\"a\",\"status\":\"known\"}\nnot json\n",
        )
        .unwrap();
        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("a"), Status::Known);
        assert_eq!(
            store.warnings(),
            ["journal.jsonl:2: unreadable change skipped"]
        );
    }

    #[test]
    fn compaction_keeps_everything_and_a_backup() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        for i in 0..50 {
            store
                .set_status(&format!("Wort{i}"), Status::Learning(1 + i % 4))
                .unwrap();
        }
        store.set_position("t", 7).unwrap();
        store.compact().unwrap();
        assert!(d.path().join(STATE).exists());
        assert!(!d.path().join(JOURNAL).exists());
        store.set_status("Wort0", Status::Known).unwrap();
        store.compact().unwrap();
        assert!(d.path().join(STATE_BAK).exists());
        assert!(d.path().join(JOURNAL_BAK).exists());
        assert!(!d.path().join(LOCK).exists());

        let again = Store::open(d.path()).unwrap();
        assert_eq!(again.status("Wort0"), Status::Known);
        for i in 1..50 {
            assert_eq!(
                again.status(&format!("Wort{i}")),
                Status::Learning(1 + i % 4)
            );
        }
        assert_eq!(again.position("t"), Some(7));
        // The backup is the snapshot before the last compaction.
        let Ok(SnapshotRead::Valid(bak)) =
            read_snapshot(&d.path().join(STATE_BAK), &mut Vec::new())
        else {
            panic!("backup unreadable")
        };
        assert_eq!(bak.statuses["Wort0"].status, Status::Learning(1));
    }

    #[test]
    fn the_snapshot_has_one_term_a_line() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        store.set_status("Bündnis", Status::Learning(2)).unwrap();
        store.set_position("bundled:x", 17).unwrap();
        store.compact().unwrap();
        let text = fs::read_to_string(d.path().join(STATE)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[1], "\"format\": 1,");
        assert!(lines[3].starts_with("  \"Bündnis\": {\"status\":\"learning 2\",\"at\":"));
        assert!(lines[4].starts_with("  \"Rat\": {\"status\":\"known\",\"at\":"));
        assert!(lines[7].starts_with("  \"bundled:x\": {\"offset\":17,\"at\":"));
        serde_json::from_str::<serde_json::Value>(&text).unwrap();
    }

    #[test]
    fn a_corrupt_snapshot_is_moved_aside_and_the_backup_used() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Diplomat", Status::Learning(2)).unwrap();
        store.compact().unwrap();
        store.set_status("Bündnis", Status::Known).unwrap();
        store.compact().unwrap();
        store.set_status("Rat", Status::Ignored).unwrap();
        drop(store);
        fs::write(
            d.path().join(STATE),
            "{\"format\": 1, \"statuses\": {\"Dipl",
        )
        .unwrap();

        let store = Store::open(d.path()).unwrap();
        // Backup + the journal that led from it + the live journal: nothing lost.
        assert_eq!(store.status("Diplomat"), Status::Learning(2));
        assert_eq!(store.status("Bündnis"), Status::Known);
        assert_eq!(store.status("Rat"), Status::Ignored);
        let warnings = store.warnings().join("\n");
        assert!(warnings.contains("damaged"), "{warnings}");
        assert!(warnings.contains("moved aside"), "{warnings}");
        assert!(warnings.contains("state.json.bak"), "{warnings}");
        let aside: Vec<_> = fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("state.json.corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        let kept = fs::read_to_string(d.path().join(&aside[0])).unwrap();
        assert!(kept.contains("Dipl"));
        // Opening wrote a good snapshot again.
        assert!(matches!(
            read_snapshot(&d.path().join(STATE), &mut Vec::new()).unwrap(),
            SnapshotRead::Valid(_)
        ));
    }

    #[test]
    fn a_newer_format_is_refused_not_moved_aside() {
        let d = dir();
        fs::write(d.path().join(STATE), "{\"format\": 9}").unwrap();
        let err = Store::open(d.path()).unwrap_err();
        assert!(
            matches!(err, StoreError::NewerFormat { format: 9, .. }),
            "{err}"
        );
        assert!(d.path().join(STATE).exists());
    }

    #[test]
    fn two_stores_on_one_dir_lose_nothing() {
        let d = dir();
        let mut a = Store::open(d.path()).unwrap();
        let mut b = Store::open(d.path()).unwrap();
        a.set_status("eins", Status::Known).unwrap();
        b.set_status("zwei", Status::Learning(1)).unwrap();
        a.set_status("drei", Status::Ignored).unwrap();
        b.compact().unwrap();
        // a's journal was taken aside by b: a notices and writes to the new one.
        a.set_status("vier", Status::Learning(4)).unwrap();
        b.set_status("eins", Status::Learning(2)).unwrap();
        a.compact().unwrap();
        b.set_status("fünf", Status::Known).unwrap();
        a.set_position("t", 42).unwrap();

        let c = Store::open(d.path()).unwrap();
        assert_eq!(c.status("eins"), Status::Learning(2));
        assert_eq!(c.status("zwei"), Status::Learning(1));
        assert_eq!(c.status("drei"), Status::Ignored);
        assert_eq!(c.status("vier"), Status::Learning(4));
        assert_eq!(c.status("fünf"), Status::Known);
        assert_eq!(c.position("t"), Some(42));

        // Each sees the other's changes after a refresh.
        a.refresh().unwrap();
        assert_eq!(a.status("fünf"), Status::Known);
        assert_eq!(a.status("eins"), Status::Learning(2));
        b.refresh().unwrap();
        assert_eq!(b.position("t"), Some(42));
    }

    #[test]
    fn refresh_picks_up_another_stores_changes() {
        let d = dir();
        let mut a = Store::open(d.path()).unwrap();
        let mut b = Store::open(d.path()).unwrap();
        a.set_status("eins", Status::Known).unwrap();
        a.refresh().unwrap();
        assert!(a.live.is_some());
        b.set_status("zwei", Status::Learning(1)).unwrap();
        a.refresh().unwrap();
        assert_eq!(a.status("zwei"), Status::Learning(1));
        b.set_status("zwei", Status::Learning(2)).unwrap();
        a.refresh().unwrap();
        assert_eq!(a.status("zwei"), Status::Learning(2));
        // After a compaction the journal is a new file: refresh reads everything again.
        b.compact().unwrap();
        b.set_status("drei", Status::Ignored).unwrap();
        a.refresh().unwrap();
        assert_eq!(a.status("drei"), Status::Ignored);
        assert_eq!(a.status("zwei"), Status::Learning(2));
        assert_eq!(a.status("eins"), Status::Known);
    }

    #[test]
    fn the_later_change_wins_whichever_file_holds_it() {
        let d = dir();
        let mut a = Store::open(d.path()).unwrap();
        a.set_status("Rat", Status::Learning(1)).unwrap();
        a.compact().unwrap();
        let mut b = Store::open(d.path()).unwrap();
        b.set_status("Rat", Status::Known).unwrap();
        // a has not seen b's change; its own later change wins.
        a.set_status("Rat", Status::Learning(3)).unwrap();
        let c = Store::open(d.path()).unwrap();
        assert_eq!(c.status("Rat"), Status::Learning(3));
    }

    #[test]
    fn a_held_lock_is_reported_and_loses_nothing() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        fs::write(
            d.path().join(LOCK),
            format!("pid {}\nsince {}\n", std::process::id(), now_secs()),
        )
        .unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        let err = store.compact().unwrap_err();
        let msg = err.to_string();
        assert!(matches!(err, StoreError::Locked { .. }));
        assert!(
            msg.contains(&format!("pid {}", std::process::id())),
            "{msg}"
        );
        assert!(msg.contains("try again"), "{msg}");
        assert_eq!(Store::open(d.path()).unwrap().status("Rat"), Status::Known);
    }

    /// A pid no process has: above the kernel's largest.
    const DEAD_PID: u32 = 99_999_999;

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over_with_a_notice() {
        let d = dir();
        fs::write(
            d.path().join(LOCK),
            format!(
                "pid {DEAD_PID}\nhost {}\nsince {}\n",
                host_name(),
                now_secs()
            ),
        )
        .unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        store.compact().unwrap();
        let warnings = store.take_warnings().join("\n");
        assert!(warnings.contains("took over the lock"), "{warnings}");
        assert!(warnings.contains(&format!("pid {DEAD_PID}")), "{warnings}");
        assert!(!d.path().join(LOCK).exists());
        assert!(!d.path().join(JOURNAL).exists(), "compacted");
        assert_eq!(Store::open(d.path()).unwrap().status("Rat"), Status::Known);
    }

    #[test]
    fn an_empty_lock_left_by_a_full_disk_is_taken_over_once_old() {
        let d = dir();
        let lock = d.path().join(LOCK);
        let file = File::create(&lock).unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        // Just made: it may be another leser's, being written.
        assert!(matches!(store.compact(), Err(StoreError::Locked { .. })));
        file.set_modified(SystemTime::now() - std::time::Duration::from_secs(STALE_LOCK_SECS + 5))
            .unwrap();
        drop(file);
        store.compact().unwrap();
        assert!(
            store.warnings().iter().any(|w| w.contains("took over")),
            "{:?}",
            store.warnings()
        );
        assert!(!lock.exists());
    }

    #[test]
    fn a_lock_that_cannot_be_written_whole_is_never_left_behind() {
        let d = dir();
        let err = Lock::acquire_with(d.path(), &mut Vec::new(), |file, body| {
            file.write_all(&body[..3])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"))
        })
        .err()
        .expect("the write failed");
        assert!(err.to_string().contains("no space left"), "{err}");
        assert_eq!(
            names_in(d.path()),
            Vec::<String>::new(),
            "no lock, no temporary file"
        );
        // So the next compaction runs.
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        store.compact().unwrap();
        assert!(d.path().join(STATE).exists());
    }

    #[test]
    fn a_lock_says_who_holds_it_from_the_moment_it_exists() {
        let d = dir();
        let lock = Lock::acquire(d.path(), &mut Vec::new()).unwrap();
        let holder = LockHolder::parse(&fs::read_to_string(d.path().join(LOCK)).unwrap());
        assert_eq!(holder.pid, Some(std::process::id()));
        assert_eq!(holder.host.as_deref(), Some(host_name()));
        assert!(holder.since.is_some());
        assert!(!holder.is_gone(Some(0)), "this process runs");
        assert!(matches!(
            Lock::acquire(d.path(), &mut Vec::new()),
            Err(StoreError::Locked { .. })
        ));
        drop(lock);
        assert_eq!(names_in(d.path()), Vec::<String>::new());
    }

    #[test]
    fn a_stamp_of_u64_max_is_refused_and_the_term_can_change() {
        let d = dir();
        fs::write(
            d.path().join(JOURNAL),
            format!(
                "{{\"op\":\"status\",\"at\":{},\"term\":\"Rat\",\"status\":\"known\"}}\n",
                u64::MAX
            ),
        )
        .unwrap();
        let mut store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Rat"), Status::New);
        assert!(
            store.warnings()[0].contains("journal.jsonl:1: change stamped in the far future"),
            "{:?}",
            store.warnings()
        );
        store.set_status("Rat", Status::Learning(2)).unwrap();
        assert_eq!(store.status("Rat"), Status::Learning(2));
        drop(store);
        assert_eq!(
            Store::open(d.path()).unwrap().status("Rat"),
            Status::Learning(2)
        );
    }

    #[test]
    fn stamps_saturate_at_the_ceiling() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.data.clock = u64::MAX;
        assert_eq!(store.next_stamp(), MAX_STAMP);
        store.data.clock = MAX_STAMP;
        assert_eq!(store.next_stamp(), MAX_STAMP);
    }

    #[test]
    fn a_snapshot_mark_stamped_in_the_far_future_is_skipped() {
        let d = dir();
        fs::write(
            d.path().join(STATE),
            format!(
                "{{\"format\": 1, \"statuses\": {{\"Rat\": {{\"status\": \"known\", \"at\": {}}}, \"Bund\": {{\"status\": \"known\", \"at\": 5}}}}}}",
                u64::MAX - 1
            ),
        )
        .unwrap();
        let mut store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Rat"), Status::New);
        assert_eq!(store.status("Bund"), Status::Known);
        assert!(store.warnings()[0].contains("1 marks stamped in the far future"));
        store.set_status("Rat", Status::Learning(1)).unwrap();
        drop(store);
        assert_eq!(
            Store::open(d.path()).unwrap().status("Rat"),
            Status::Learning(1)
        );
    }

    #[test]
    fn a_journal_left_by_a_killed_compaction_is_read_and_folded_in() {
        let d = dir();
        fs::write(
            d.path().join(format!("{ROTATED_PREFIX}5-1.jsonl")),
            "{\"op\":\"status\",\"at\":5,\"term\":\"Rat\",\"status\":\"known\"}\n",
        )
        .unwrap();
        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Rat"), Status::Known);
        assert!(rotated_journals(d.path()).unwrap().is_empty());
        drop(store);
        assert_eq!(Store::open(d.path()).unwrap().status("Rat"), Status::Known);
    }

    #[test]
    fn a_clock_set_back_does_not_undo_a_new_change() {
        let d = dir();
        let far_future = u64::MAX / 2;
        fs::write(
            d.path().join(JOURNAL),
            format!(
                "{{\"op\":\"status\",\"at\":{far_future},\"term\":\"Rat\",\"status\":\"known\"}}\n"
            ),
        )
        .unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Learning(1)).unwrap();
        drop(store);
        assert_eq!(
            Store::open(d.path()).unwrap().status("Rat"),
            Status::Learning(1)
        );
    }

    #[test]
    fn undo_takes_back_the_last_changes_a_bulk_one_whole() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Learning(1)).unwrap();
        for i in 0..30u8 {
            store
                .set_status("Diplomat", Status::Learning(1 + i % 4))
                .unwrap();
        }
        store
            .set_statuses([("Rat", Status::Known), ("Bündnis", Status::Known)])
            .unwrap();
        let undone = store.undo().unwrap().unwrap();
        assert_eq!(undone.skipped, 0);
        let mut restored = undone.restored.clone();
        restored.sort();
        assert_eq!(
            restored,
            [
                ("Bündnis".to_string(), Status::New),
                ("Rat".to_string(), Status::Learning(1))
            ]
        );
        // Thirty changes of one term, undone one by one, back to before the first.
        for _ in 0..30 {
            assert!(store.undo().unwrap().is_some());
        }
        assert_eq!(store.status("Diplomat"), Status::New);
        assert_eq!(store.status("Rat"), Status::Learning(1));
        drop(store);
        // The undoing is in the journal like every change.
        let store = Store::open(d.path()).unwrap();
        assert_eq!(store.status("Diplomat"), Status::New);
        assert_eq!(store.status("Bündnis"), Status::New);
        assert_eq!(store.status("Rat"), Status::Learning(1));
    }

    #[test]
    fn undo_keeps_what_another_reader_changed_since_and_ends() {
        let d = dir();
        let mut a = Store::open(d.path()).unwrap();
        let mut b = Store::open(d.path()).unwrap();
        a.set_statuses([("eins", Status::Known), ("zwei", Status::Known)])
            .unwrap();
        b.refresh().unwrap();
        b.set_status("zwei", Status::Learning(2)).unwrap();
        a.refresh().unwrap();
        let undone = a.undo().unwrap().unwrap();
        assert_eq!(undone.restored, [("eins".to_string(), Status::New)]);
        assert_eq!(undone.skipped, 1);
        assert_eq!(a.status("zwei"), Status::Learning(2));
        assert_eq!(a.undo().unwrap(), None);
    }

    #[test]
    fn undo_goes_back_at_most_its_limit() {
        let d = dir();
        let mut store = Store::open(d.path()).unwrap();
        for i in 0..=UNDO_STEPS {
            store.set_status(&format!("w{i}"), Status::Known).unwrap();
        }
        let mut steps = 0;
        while store.undo().unwrap().is_some() {
            steps += 1;
        }
        assert_eq!(steps, UNDO_STEPS);
        assert_eq!(store.status("w0"), Status::Known, "older than the limit");
        assert_eq!(store.status("w1"), Status::New);
    }

    #[test]
    fn reading_is_summed_over_sessions_and_survives_compaction() {
        use crate::learner::Day;
        let data = dir();
        let mut first = Store::open(data.path()).unwrap();
        let mut second = Store::open(data.path()).unwrap();
        let day = |words_read, marked_known| Day {
            day: 20_000,
            words_read,
            new_met: 3,
            marked_known,
        };
        first.set_reading("a", &day(100, 1)).unwrap();
        first.set_reading("a", &day(250, 2)).unwrap();
        second.set_reading("b", &day(50, 0)).unwrap();
        second.set_status("Rat", Status::Known).unwrap();
        second.compact().unwrap();
        let progress = Store::open(data.path()).unwrap().progress();
        assert_eq!(
            progress.days,
            [Day {
                day: 20_000,
                words_read: 300,
                new_met: 6,
                marked_known: 2
            }]
        );
        assert_eq!(progress.known_now, 1);
    }

    #[test]
    fn data_dir_comes_from_flag_then_env_then_platform() {
        let flag = Path::new("/tmp/flag");
        let env = Some(OsString::from("/tmp/env"));
        assert_eq!(
            resolve_data_dir_from(Some(flag), env.clone()).unwrap(),
            flag
        );
        assert_eq!(
            resolve_data_dir_from(None, env).unwrap(),
            Path::new("/tmp/env")
        );
        if let Ok(platform) = resolve_data_dir_from(None, Some(OsString::new())) {
            assert!(platform.ends_with("leser"), "{}", platform.display());
        }
    }

    #[test]
    fn text_keys_tell_bundled_from_files() {
        let doc = Document::bundled();
        assert_eq!(text_key(&doc, None), format!("bundled:{}", doc.name));
        let d = dir();
        let file = d.path().join("a.txt");
        fs::write(&file, "Hallo.").unwrap();
        let key = text_key(&doc, Some(&d.path().join(".").join("a.txt")));
        assert_eq!(key, fs::canonicalize(&file).unwrap().display().to_string());
    }

    #[test]
    fn a_named_pipe_for_the_journal_is_an_error_not_a_wait() {
        let d = dir();
        let made = std::process::Command::new("mkfifo")
            .arg(d.path().join(JOURNAL))
            .status()
            .unwrap();
        assert!(made.success());
        let err = Store::open(d.path()).unwrap_err();
        assert!(err.to_string().contains("not a regular file"), "{err}");
    }
}
