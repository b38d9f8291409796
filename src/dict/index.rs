//! The on-disk index of one dictionary: an fst map from lowercase keys (headwords and forms)
//! to postings (entry, kind, column), and the entries' locations in the dictionary file.
//!
//! File layout, little-endian:
//!
//! ```text
//!  0  magic "LESERIDX"          8
//!  8  version                   u32
//! 12  format (0 Ding, 1 dictd)  u32
//! 16  source size               u64
//! 24  source mtime, seconds     u64
//! 32  source mtime, nanos       u32
//! 36  CRC-32 of bytes 40..      u32
//! 40  entry count               u64
//! 48  posting count             u64
//! 56  fst length                u64
//! 64  source path length        u32
//! 68  source path, entries (u64 offset + u32 length each), postings (u32 each), fst
//! ```
//!
//! A cache whose header, stamp or checksum does not match is rebuilt, never trusted.

use super::DictError;
use fst::{IntoStreamer, Map, Streamer};
use std::fs;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

const MAGIC: &[u8; 8] = b"LESERIDX";
/// Bump whenever keys, postings or layout change: old caches are then rebuilt.
const VERSION: u32 = 2;
const HEADER_LEN: usize = 68;
const ENTRY_LEN: usize = 12;
const ENTRY_BITS: u32 = 22;
const KIND_BITS: u32 = 3;
const COLUMN_BITS: u32 = 7;
/// Postings of one key: start in the upper bits of the fst value, count in the lower.
const COUNT_BITS: u32 = 20;

/// How a key relates to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The headword itself (`ankündigen`), or a multi-word headword whole.
    Head = 0,
    /// A search keyword or other spelling the dictionary gives.
    Keyword = 1,
    /// An inflected form from the entry's own form columns (`kündigte an`, `Bündnisse`).
    Form = 2,
    /// A sub-entry in a later column (`Militärbündnis` under `Bündnis`).
    Sub = 3,
    /// The verb of a multi-word headword (`abziehen` for `von einem Ort abziehen`).
    Phrase = 4,
}

impl Kind {
    fn from_bits(bits: u32) -> Option<Kind> {
        Some(match bits {
            0 => Kind::Head,
            1 => Kind::Keyword,
            2 => Kind::Form,
            3 => Kind::Sub,
            4 => Kind::Phrase,
            _ => return None,
        })
    }
}

/// One key's pointer to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Posting {
    pub entry: u32,
    pub kind: Kind,
    /// The column of the entry the key came from (0 is the headword column).
    pub column: u8,
}

impl Posting {
    fn pack(self) -> u32 {
        (self.entry << (KIND_BITS + COLUMN_BITS))
            | ((self.kind as u32) << COLUMN_BITS)
            | u32::from(self.column)
    }

    fn unpack(bits: u32) -> Option<Posting> {
        Some(Posting {
            entry: bits >> (KIND_BITS + COLUMN_BITS),
            kind: Kind::from_bits((bits >> COLUMN_BITS) & ((1 << KIND_BITS) - 1))?,
            column: (bits & ((1 << COLUMN_BITS) - 1)) as u8,
        })
    }
}

/// Which reader a cache belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Ding = 0,
    Dictd = 1,
}

/// What identifies the dictionary file a cache was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub path: String,
    pub size: u64,
    pub mtime_secs: u64,
    pub mtime_nanos: u32,
}

impl Stamp {
    /// The stamp of `paths` as they are now: sizes added, the latest modification time.
    pub fn of(paths: &[&Path]) -> Result<Stamp, DictError> {
        let mut size = 0u64;
        let mut latest = (0u64, 0u32);
        for p in paths {
            let meta = fs::metadata(p).map_err(|e| DictError::io(p, e))?;
            size = size.wrapping_add(meta.len());
            let mtime = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or((0, 0), |d| (d.as_secs(), d.subsec_nanos()));
            latest = latest.max(mtime);
        }
        let first = paths.first().map_or_else(PathBuf::new, |p| p.to_path_buf());
        let path = fs::canonicalize(&first).unwrap_or(first);
        Ok(Stamp {
            path: path.to_string_lossy().into_owned(),
            size,
            mtime_secs: latest.0,
            mtime_nanos: latest.1,
        })
    }
}

/// Collects keys and entries, then writes the index bytes.
#[derive(Debug, Default)]
pub struct Builder {
    arena: String,
    keys: Vec<KeyRef>,
    entries: Vec<u8>,
    entry_count: u32,
}

/// 16 bytes a key while building: a million keys are 16 MB.
#[derive(Debug, Clone, Copy)]
struct KeyRef {
    /// The key's first 4 bytes, big-endian: most comparisons in the sort stop here.
    prefix: u32,
    start: u32,
    len: u32,
    posting: u32,
}

impl Builder {
    /// Adds an entry at `offset` with `len` bytes; returns its number.
    pub fn add_entry(&mut self, offset: u64, len: u32) -> Result<u32, DictError> {
        let id = self.entry_count;
        if id >= 1 << ENTRY_BITS {
            return Err(DictError::TooLarge);
        }
        self.entries.extend_from_slice(&offset.to_le_bytes());
        self.entries.extend_from_slice(&len.to_le_bytes());
        self.entry_count += 1;
        Ok(id)
    }

    /// Adds `key` (lowercase) for `entry`. Columns past the postings' range are not indexed.
    pub fn add_key(&mut self, key: &str, entry: u32, kind: Kind, column: usize) {
        let Ok(column) = u8::try_from(column) else {
            return;
        };
        if u32::from(column) >= 1 << COLUMN_BITS || key.is_empty() {
            return;
        }
        let Ok(start) = u32::try_from(self.arena.len()) else {
            return;
        };
        let mut prefix = [0u8; 4];
        let n = key.len().min(4);
        prefix[..n].copy_from_slice(&key.as_bytes()[..n]);
        self.arena.push_str(key);
        self.keys.push(KeyRef {
            prefix: u32::from_be_bytes(prefix),
            start,
            len: key.len() as u32,
            posting: Posting {
                entry,
                kind,
                column,
            }
            .pack(),
        });
    }

    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The index file's bytes.
    pub fn finish(mut self, format: Format, stamp: &Stamp) -> Result<Vec<u8>, DictError> {
        // Written in place, each part dropped once copied: the build's peak memory is what a
        // reader showing its first page meanwhile pays for.
        let mut out = Vec::with_capacity(
            HEADER_LEN + stamp.path.len() + self.entries.len() + self.keys.len() * 4,
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(format as u32).to_le_bytes());
        out.extend_from_slice(&stamp.size.to_le_bytes());
        out.extend_from_slice(&stamp.mtime_secs.to_le_bytes());
        out.extend_from_slice(&stamp.mtime_nanos.to_le_bytes());
        out.extend_from_slice(&[0u8; 4]); // checksum
        out.extend_from_slice(&u64::from(self.entry_count).to_le_bytes());
        out.extend_from_slice(&[0u8; 16]); // posting count, fst length
        out.extend_from_slice(&(stamp.path.len() as u32).to_le_bytes());
        out.extend_from_slice(stamp.path.as_bytes());
        out.extend_from_slice(&self.entries);
        drop(std::mem::take(&mut self.entries));
        let arena = std::mem::take(&mut self.arena);
        let mut keys = std::mem::take(&mut self.keys);
        let key = |k: &KeyRef| &arena.as_bytes()[k.start as usize..(k.start + k.len) as usize];
        keys.sort_unstable_by(|a, b| {
            a.prefix
                .cmp(&b.prefix)
                .then_with(|| key(a).cmp(key(b)))
                .then(a.posting.cmp(&b.posting))
        });
        let mut posting_count = 0u64;
        let mut map = fst::MapBuilder::memory();
        let mut i = 0;
        while i < keys.len() {
            let k = key(&keys[i]);
            let start = posting_count;
            let mut last = None;
            while i < keys.len() && key(&keys[i]) == k {
                let p = keys[i].posting;
                if last != Some(p) {
                    out.extend_from_slice(&p.to_le_bytes());
                    posting_count += 1;
                    last = Some(p);
                }
                i += 1;
            }
            let count = (posting_count - start).min((1 << COUNT_BITS) - 1);
            map.insert(k, (start << COUNT_BITS) | count)
                .map_err(|e| DictError::Index(e.to_string()))?;
        }
        drop(keys);
        drop(arena);
        let fst_bytes = map
            .into_inner()
            .map_err(|e| DictError::Index(e.to_string()))?;
        out.extend_from_slice(&fst_bytes);
        drop(fst_bytes);
        out.shrink_to_fit();
        out[48..56].copy_from_slice(&posting_count.to_le_bytes());
        let fst_len = (out.len() - HEADER_LEN - stamp.path.len()) as u64
            - u64::from(self.entry_count) * ENTRY_LEN as u64
            - posting_count * 4;
        out[56..64].copy_from_slice(&fst_len.to_le_bytes());
        let crc = checksum(&out[40..]);
        out[36..40].copy_from_slice(&crc.to_le_bytes());
        Ok(out)
    }
}

fn checksum(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

/// A shared slice of the index bytes, so that the fst reads them without a copy.
#[derive(Debug, Clone)]
struct Shared {
    bytes: Arc<Vec<u8>>,
    range: Range<usize>,
}

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[self.range.clone()]
    }
}

/// An opened index.
#[derive(Debug)]
pub struct Index {
    bytes: Arc<Vec<u8>>,
    entries: Range<usize>,
    postings: Range<usize>,
    map: Map<Shared>,
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    let mut a = [0u8; 4];
    a.copy_from_slice(&b[at..at + 4]);
    u32::from_le_bytes(a)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0u8; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl Index {
    /// Checks index bytes against what they must be built from; the reason when they don't fit.
    pub fn from_bytes(bytes: Vec<u8>, format: Format, stamp: &Stamp) -> Result<Index, String> {
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err("not a leser index".into());
        }
        if u32_at(&bytes, 8) != VERSION {
            return Err("written by another version".into());
        }
        if u32_at(&bytes, 12) != format as u32 {
            return Err("another dictionary format".into());
        }
        if u64_at(&bytes, 16) != stamp.size
            || u64_at(&bytes, 24) != stamp.mtime_secs
            || u32_at(&bytes, 32) != stamp.mtime_nanos
        {
            return Err("the dictionary changed".into());
        }
        let entry_count = usize::try_from(u64_at(&bytes, 40)).map_err(|_| "bad entry count")?;
        let posting_count = usize::try_from(u64_at(&bytes, 48)).map_err(|_| "bad posting count")?;
        let fst_len = usize::try_from(u64_at(&bytes, 56)).map_err(|_| "bad fst length")?;
        let path_len = u32_at(&bytes, 64) as usize;
        let entries_start = HEADER_LEN + path_len;
        let postings_start = entry_count
            .checked_mul(ENTRY_LEN)
            .and_then(|n| n.checked_add(entries_start))
            .ok_or("bad entry count")?;
        let fst_start = posting_count
            .checked_mul(4)
            .and_then(|n| n.checked_add(postings_start))
            .ok_or("bad posting count")?;
        if fst_start.checked_add(fst_len) != Some(bytes.len()) {
            return Err("truncated or padded".into());
        }
        if &bytes[HEADER_LEN..entries_start] != stamp.path.as_bytes() {
            return Err("built from another file".into());
        }
        if checksum(&bytes[40..]) != u32_at(&bytes, 36) {
            return Err("checksum mismatch".into());
        }
        let bytes = Arc::new(bytes);
        let map = Map::new(Shared {
            bytes: Arc::clone(&bytes),
            range: fst_start..fst_start + fst_len,
        })
        .map_err(|e| format!("bad fst: {e}"))?;
        Ok(Index {
            bytes,
            entries: entries_start..postings_start,
            postings: postings_start..fst_start,
            map,
        })
    }

    /// The postings of `key` (lowercase).
    pub fn get(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        let range = self.map.get(key).map_or(0..0, |v| {
            let start = (v >> COUNT_BITS) as usize;
            start..start + (v & ((1 << COUNT_BITS) - 1)) as usize
        });
        let postings = &self.bytes[self.postings.clone()];
        range
            .filter_map(move |i| {
                let at = i * 4;
                (at + 4 <= postings.len()).then(|| u32_at(postings, at))
            })
            .filter_map(Posting::unpack)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    /// Where entry `id` is in the dictionary file: (offset, length).
    pub fn entry(&self, id: u32) -> Option<(u64, u32)> {
        let at = id as usize * ENTRY_LEN;
        let entries = &self.bytes[self.entries.clone()];
        (at + ENTRY_LEN <= entries.len()).then(|| (u64_at(entries, at), u32_at(entries, at + 8)))
    }

    pub fn entry_count(&self) -> usize {
        self.entries.len() / ENTRY_LEN
    }

    pub fn key_count(&self) -> usize {
        self.map.len()
    }

    /// The size of the index in memory, in bytes.
    pub fn byte_len(&self) -> usize {
        self.bytes.len()
    }

    /// Keys within `distance` edits of `word` (lowercase), at most `limit`.
    pub fn keys_near(&self, word: &str, distance: u32, limit: usize) -> Vec<String> {
        let Ok(automaton) = fst::automaton::Levenshtein::new(word, distance) else {
            return Vec::new();
        };
        let mut stream = self.map.search(automaton).into_stream();
        let mut out = Vec::new();
        while let Some((k, _)) = stream.next() {
            if let Ok(k) = std::str::from_utf8(k) {
                out.push(k.to_string());
            }
            if out.len() >= limit {
                break;
            }
        }
        out
    }

    /// Keys starting with `prefix` (lowercase), at most `limit`, in order.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let mut stream = self.map.range().ge(prefix).into_stream();
        let mut out = Vec::new();
        while let Some((k, _)) = stream.next() {
            if !k.starts_with(prefix.as_bytes()) || out.len() >= limit {
                break;
            }
            if let Ok(k) = std::str::from_utf8(k) {
                out.push(k.to_string());
            }
        }
        out
    }
}

/// How an index came to be open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheStatus {
    /// Read from a valid cache file.
    Loaded,
    /// Built: there was no cache yet.
    Built,
    /// Built again because the cache was unusable; the reason.
    Rebuilt(String),
}

/// Where the index of `source` is cached: one file per dictionary path.
pub fn cache_path(cache_dir: &Path, format: Format, source: &Path) -> PathBuf {
    let canonical = fs::canonicalize(source).unwrap_or_else(|_| source.to_path_buf());
    // FNV-1a: stable across runs and platforms, unlike the std hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in canonical.to_string_lossy().bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let name = match format {
        Format::Ding => "ding",
        Format::Dictd => "dictd",
    };
    cache_dir.join(format!("{name}-{hash:016x}.idx"))
}

/// Opens the cached index of `stamp`'s dictionary, or builds it with `build` and writes the
/// cache (atomically: a temporary file renamed into place). Without a cache dir, or when it
/// cannot be written, the index is built in memory and still works.
pub fn load_or_build(
    format: Format,
    stamp: &Stamp,
    cache_file: Option<&Path>,
    build: impl FnOnce() -> Result<Builder, DictError>,
) -> Result<(Index, CacheStatus), DictError> {
    let mut status = CacheStatus::Built;
    if let Some(file) = cache_file {
        match fs::read(file) {
            Ok(bytes) => match Index::from_bytes(bytes, format, stamp) {
                Ok(index) => return Ok((index, CacheStatus::Loaded)),
                Err(reason) => status = CacheStatus::Rebuilt(reason),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => status = CacheStatus::Rebuilt(e.to_string()),
        }
    }
    let bytes = build()?.finish(format, stamp)?;
    if let Some(file) = cache_file {
        // A cache that cannot be written costs a rebuild next time, nothing more.
        let _ = write_atomically(file, &bytes);
    }
    let index = Index::from_bytes(bytes, format, stamp).map_err(DictError::Index)?;
    Ok((index, status))
}

fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = file.parent().unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let tmp = file.with_extension(format!("tmp.{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, file)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Stamp {
        Stamp {
            path: "/x/de-en".into(),
            size: 42,
            mtime_secs: 7,
            mtime_nanos: 9,
        }
    }

    fn small_index() -> Vec<u8> {
        let mut b = Builder::default();
        let e0 = b.add_entry(0, 10).expect("entry");
        let e1 = b.add_entry(10, 20).expect("entry");
        b.add_key("ankündigen", e0, Kind::Head, 0);
        b.add_key("kündigte an", e0, Kind::Form, 4);
        b.add_key("bündnis", e1, Kind::Head, 0);
        b.add_key("bündnis", e1, Kind::Head, 0);
        b.add_key("bündnisse", e1, Kind::Form, 1);
        b.add_key("ankündigen", e1, Kind::Phrase, 0);
        b.finish(Format::Ding, &stamp()).expect("finish")
    }

    #[test]
    fn keys_map_to_their_postings() {
        let index = Index::from_bytes(small_index(), Format::Ding, &stamp()).expect("valid");
        let p: Vec<Posting> = index.get("ankündigen").collect();
        assert_eq!(p.len(), 2);
        assert!(p.contains(&Posting {
            entry: 0,
            kind: Kind::Head,
            column: 0
        }));
        assert!(p.contains(&Posting {
            entry: 1,
            kind: Kind::Phrase,
            column: 0
        }));
        assert_eq!(
            index.get("bündnis").count(),
            1,
            "duplicate postings are merged"
        );
        assert_eq!(
            index.get("kündigte an").collect::<Vec<_>>(),
            vec![Posting {
                entry: 0,
                kind: Kind::Form,
                column: 4
            }]
        );
        assert_eq!(index.get("kündigen").count(), 0);
        assert_eq!(index.entry(1), Some((10, 20)));
        assert_eq!(index.entry(2), None);
    }

    #[test]
    fn near_and_prefix_keys() {
        let index = Index::from_bytes(small_index(), Format::Ding, &stamp()).expect("valid");
        assert_eq!(
            index.keys_near("bündnos", 1, 10),
            vec!["bündnis".to_string()]
        );
        assert_eq!(
            index.keys_with_prefix("bünd", 10),
            vec!["bündnis".to_string(), "bündnisse".to_string()]
        );
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        let good = small_index();
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x20;
            assert!(
                Index::from_bytes(bad, Format::Ding, &stamp()).is_err(),
                "byte {i} flipped went unnoticed"
            );
        }
    }

    #[test]
    fn truncated_and_stale_indexes_are_refused() {
        let good = small_index();
        let mut truncated = good.clone();
        truncated.truncate(good.len() - 1);
        assert!(Index::from_bytes(truncated, Format::Ding, &stamp()).is_err());
        let mut changed = stamp();
        changed.size += 1;
        assert_eq!(
            Index::from_bytes(good.clone(), Format::Ding, &changed).err(),
            Some("the dictionary changed".to_string())
        );
        assert!(Index::from_bytes(good, Format::Dictd, &stamp()).is_err());
    }

    #[test]
    fn postings_pack_and_unpack() {
        let p = Posting {
            entry: (1 << ENTRY_BITS) - 1,
            kind: Kind::Phrase,
            column: 127,
        };
        assert_eq!(Posting::unpack(p.pack()), Some(p));
    }
}
