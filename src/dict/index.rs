//! The on-disk index of one dictionary: an fst map from lowercase keys (headwords and forms)
//! to postings (where the entry is in the dictionary file, kind, column).
//!
//! The keys are cut into shards of about 16 KiB, each its own small fst followed by its keys'
//! postings and checked by its own CRC-32. Opening a cached index reads only the header and
//! the shard directory (about 20 KB for the real dictionaries); a lookup reads and checks the
//! few shards its keys fall in, and keeps them. So `leser lookup WORD` reads well under 100 KB
//! of an index instead of all of its 10 MB, and the reader keeps only the shards it used.
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
//! 36  CRC-32 of bytes 40 to the directory's end   u32
//! 40  file length               u64
//! 48  key count                 u64
//! 56  shard count               u32
//! 60  directory length          u32
//! 64  posting count             u64
//! 72  source path length        u32
//! 76  source identity           u64: a hash of each file's device, inode and ctime
//! 84  source path
//!     directory: per shard fst length u32, postings length u32, CRC-32 of fst and
//!       postings u32, first key length u16, first key
//!     shards, in directory order: fst (values: first posting << 20 | posting count),
//!       postings (16 bytes each: u64 entry offset << 16 | alternative << 10 | kind << 7 |
//!       column, u32 length, u32 what the headword is: see [`Info`])
//! ```
//!
//! A cache whose header, stamp or checksum does not match is rebuilt, never trusted. A shard
//! is checked when it is first read; a bad one makes [`Index::corruption`] say so, and the
//! index answers nothing from it (the dictionary then rebuilds the index).

use super::DictError;
use fst::{IntoStreamer, Map, Streamer};
use std::fs;
use std::io::Write;
use std::ops::{ControlFlow, Range};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::UNIX_EPOCH;

const MAGIC: &[u8; 8] = b"LESERIDX";
/// Bump whenever keys, postings or layout change: old caches are then rebuilt.
const VERSION: u32 = 24;
const HEADER_LEN: usize = 84;
/// Bytes of fst and postings a shard holds, about: small enough that reading and checking one
/// costs a few microseconds, large enough that the directory stays small.
const SHARD_TARGET: usize = 16 * 1024;
/// Read at once when opening: the header and, for the real dictionaries, the whole directory.
const FIRST_READ: usize = 64 * 1024;
const POSTING_LEN: usize = 16;
/// Fixed bytes of a directory record, before its key.
const DIR_RECORD_LEN: usize = 14;
/// Entry numbers while building (up to 4 million entries).
const ENTRY_BITS: u32 = 22;
/// An entry's offset must be below this (256 TiB): it shares a posting's 64 bits.
pub const MAX_ENTRY_OFFSET: u64 = 1 << (64 - LOW_BITS);
const KIND_BITS: u32 = 3;
const COLUMN_BITS: u32 = 7;
const TAG_BITS: u32 = KIND_BITS + COLUMN_BITS;
/// The alternative of the column a key came from; all ones when there are too many to say.
const ALT_BITS: u32 = 6;
const NO_ALT: u8 = (1 << ALT_BITS) - 1;
/// Bits below an entry's offset in a posting.
const LOW_BITS: u32 = TAG_BITS + ALT_BITS;
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
    /// An abbreviation the dictionary gives (`cm` for `Zentimeter`).
    Abbreviation = 5,
    /// A one-word English translation of the headword (`the` for `der; die; das`): looked up
    /// only for a word no German headword answers, an English word in a German text.
    English = 6,
}

impl Kind {
    fn from_bits(bits: u64) -> Option<Kind> {
        Some(match bits {
            0 => Kind::Head,
            1 => Kind::Keyword,
            2 => Kind::Form,
            3 => Kind::Sub,
            4 => Kind::Phrase,
            5 => Kind::Abbreviation,
            6 => Kind::English,
            _ => return None,
        })
    }
}

/// A headword's part of speech, as far as ranking answers needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WordClass {
    /// Not tagged, or not known from the index alone.
    #[default]
    None = 0,
    Noun = 1,
    Verb = 2,
    Adj = 3,
    Adv = 4,
    Prep = 5,
    Conj = 6,
    Pron = 7,
    Num = 8,
    Interj = 9,
    Art = 10,
    Phrase = 11,
}

impl WordClass {
    const ALL: [WordClass; 12] = [
        WordClass::None,
        WordClass::Noun,
        WordClass::Verb,
        WordClass::Adj,
        WordClass::Adv,
        WordClass::Prep,
        WordClass::Conj,
        WordClass::Pron,
        WordClass::Num,
        WordClass::Interj,
        WordClass::Art,
        WordClass::Phrase,
    ];

    /// In the glossary's words, as [`super::Sense::pos`] has it: `noun`, `verb`, …; empty for
    /// none.
    pub fn as_str(self) -> &'static str {
        match self {
            WordClass::None => "",
            WordClass::Noun => "noun",
            WordClass::Verb => "verb",
            WordClass::Adj => "adj",
            WordClass::Adv => "adv",
            WordClass::Prep => "prep",
            WordClass::Conj => "conj",
            WordClass::Pron => "pron",
            WordClass::Num => "num",
            WordClass::Interj => "interj",
            WordClass::Art => "art",
            WordClass::Phrase => "phrase",
        }
    }

    pub fn from_pos(pos: &str) -> WordClass {
        WordClass::ALL
            .into_iter()
            .find(|c| c.as_str() == pos)
            .unwrap_or_default()
    }

    /// Words that build sentences rather than name things: articles, pronouns, prepositions,
    /// conjunctions, adverbs, numbers.
    pub fn is_function(self) -> bool {
        matches!(
            self,
            WordClass::Adv
                | WordClass::Prep
                | WordClass::Conj
                | WordClass::Pron
                | WordClass::Num
                | WordClass::Interj
                | WordClass::Art
        )
    }
}

/// A noun's gender, from its tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Genus {
    #[default]
    None = 0,
    M = 1,
    F = 2,
    N = 3,
    /// A plural headword (`Leute {pl}`).
    Plural = 4,
    /// Either of two or three (`{m,f}`).
    Several = 5,
}

/// How a headword is spelled, compared with its lowercase key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Spelling {
    /// Not the key (a form, a keyword, a phrase) or not simply: the entry says.
    #[default]
    Other = 0,
    /// The key itself: `gehen`.
    Lower = 1,
    /// The key with a capital: `Stuhl`.
    Capital = 2,
    /// The key in other capitals, which [`Info::capitals`] marks: `NATO`, `FCKW-frei`.
    Mixed = 3,
}

/// What a posting leads to, as far as ranking a word's answers and naming its headword need:
/// kept in the index, so that neither reads an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Info {
    /// Whether the index knows the rest; dictd indexes do not (their build reads no article).
    pub known: bool,
    pub class: WordClass,
    pub genus: Genus,
    /// The headword starts with a capital: a noun, a name.
    pub capitalized: bool,
    pub spelling: Spelling,
    /// How far the sense is from the headword's main ones: least for a line that starts with
    /// the headword alone (`gehen {vi}`) and says much of it (examples, an adjective's
    /// comparison), more for labels (`[ugs.]`), comments, other words on the line, a bare
    /// line; always more for a later alternative, the later the more, and a phrase (`gegen
    /// etw. sein`), and for a translation the dictionary's English hardly uses (`hankering`);
    /// the most for sub-entries and phrase headwords.
    pub penalty: u8,
    /// For [`Spelling::Mixed`], which of the headword's first 12 characters are capitals
    /// (bit 0 the first).
    pub capitals: u16,
    /// A form listed for a use of the word, not the word (`ähnlich` in the forms of `ähnlich
    /// sein`): it says nothing of which headword the word is.
    pub of_use: bool,
}

/// The characters whose capitals [`Info::capitals`] keeps.
const CAPITALS_KEPT: usize = 12;
const CAPITALS_MASK: u16 = (1 << CAPITALS_KEPT) - 1;

impl Info {
    pub const MAX_PENALTY: u8 = u8::MAX;

    fn encode(self) -> u32 {
        u32::from(self.known)
            | (self.class as u32) << 1
            | (self.genus as u32) << 5
            | u32::from(self.capitalized) << 8
            | (self.spelling as u32) << 9
            | u32::from(self.penalty) << 11
            | u32::from(self.capitals & CAPITALS_MASK) << 19
            | u32::from(self.of_use) << 31
    }

    /// How a headword is spelled compared with its lowercase key, and its capitals.
    pub fn spelling_of(headword: &str, key: &str) -> (Spelling, u16) {
        let mut capitals = 0u16;
        let mut lower = String::with_capacity(headword.len());
        for (i, c) in headword.chars().enumerate() {
            if c.is_uppercase() {
                if i >= CAPITALS_KEPT {
                    return (Spelling::Other, 0);
                }
                capitals |= 1 << i;
            }
            lower.extend(c.to_lowercase());
        }
        if lower != key || headword.chars().count() != key.chars().count() {
            (Spelling::Other, 0)
        } else if capitals == 0 {
            (Spelling::Lower, 0)
        } else if capitals == 1 {
            (Spelling::Capital, 0)
        } else {
            (Spelling::Mixed, capitals)
        }
    }

    /// The headword of a key this info is about, when the index can tell.
    pub fn spell(&self, key: &str) -> Option<String> {
        match self.spelling {
            Spelling::Other => None,
            Spelling::Lower => Some(key.to_string()),
            Spelling::Capital | Spelling::Mixed => {
                let capitals = if self.spelling == Spelling::Capital {
                    1
                } else {
                    self.capitals
                };
                let mut out = String::with_capacity(key.len());
                for (i, c) in key.chars().enumerate() {
                    if i < CAPITALS_KEPT && capitals & (1 << i) != 0 {
                        out.extend(c.to_uppercase());
                    } else {
                        out.push(c);
                    }
                }
                Some(out)
            }
        }
    }

    fn decode(bits: u32) -> Info {
        let genus = match (bits >> 5) & 7 {
            1 => Genus::M,
            2 => Genus::F,
            3 => Genus::N,
            4 => Genus::Plural,
            5 => Genus::Several,
            _ => Genus::None,
        };
        let spelling = match (bits >> 9) & 3 {
            1 => Spelling::Lower,
            2 => Spelling::Capital,
            3 => Spelling::Mixed,
            _ => Spelling::Other,
        };
        Info {
            known: bits & 1 != 0,
            class: WordClass::ALL
                .get(((bits >> 1) & 15) as usize)
                .copied()
                .unwrap_or_default(),
            genus,
            capitalized: bits & (1 << 8) != 0,
            spelling,
            penalty: ((bits >> 11) & 0xff) as u8,
            capitals: ((bits >> 19) as u16) & CAPITALS_MASK,
            of_use: bits & (1 << 31) != 0,
        }
    }
}

/// Where an entry is in the dictionary file (for dictd, in the uncompressed text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Entry {
    pub offset: u64,
    pub len: u32,
}

/// One key's pointer to an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Posting {
    pub entry: Entry,
    pub kind: Kind,
    /// The column of the entry the key came from (0 is the headword column).
    pub column: u8,
    /// The first `;` alternative of that column the key came from; `None` when the column has
    /// too many to say (the lookup then finds it again).
    pub alt: Option<u8>,
    pub info: Info,
}

impl Posting {
    fn decode(b: &[u8]) -> Option<Posting> {
        let word = u64_at(b, 0);
        let alt = ((word >> TAG_BITS) & ((1 << ALT_BITS) - 1)) as u8;
        Some(Posting {
            entry: Entry {
                offset: word >> LOW_BITS,
                len: u32_at(b, 8),
            },
            kind: Kind::from_bits((word >> COLUMN_BITS) & ((1 << KIND_BITS) - 1))?,
            column: (word & ((1 << COLUMN_BITS) - 1)) as u8,
            alt: (alt != NO_ALT).then_some(alt),
            info: Info::decode(u32_at(b, 12)),
        })
    }
}

/// A posting while building: entry number, kind and column in 32 bits, so that sorting a
/// million keys stays cheap.
fn pack_ref(entry: u32, kind: Kind, column: u8) -> u32 {
    (entry << TAG_BITS) | ((kind as u32) << COLUMN_BITS) | u32::from(column)
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
    /// Each file's device, inode and change time, hashed: a file rewritten in place and
    /// touched back to its old modification time has a new ctime, one replaced a new inode.
    pub identity: u64,
}

impl Stamp {
    /// The stamp of `paths` as they are now: sizes added, the latest modification time, and
    /// the identity of them all.
    pub fn of(paths: &[&Path]) -> Result<Stamp, DictError> {
        let mut size = 0u64;
        let mut latest = (0u64, 0u32);
        let mut identity = Fnv::default();
        for p in paths {
            let meta = fs::metadata(p).map_err(|e| DictError::io(p, e))?;
            size = size.wrapping_add(meta.len());
            #[cfg(unix)]
            {
                use std::os::unix::fs::MetadataExt;
                for n in [
                    meta.dev(),
                    meta.ino(),
                    meta.ctime().cast_unsigned(),
                    meta.ctime_nsec().cast_unsigned(),
                ] {
                    identity.write(&n.to_le_bytes());
                }
            }
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
            identity: identity.0,
        })
    }
}

/// FNV-1a: stable across runs and platforms, unlike the std hasher.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Collects keys and entries, then writes the index bytes.
#[derive(Debug, Default)]
pub struct Builder {
    arena: String,
    keys: Vec<KeyRef>,
    entries: Vec<Entry>,
}

/// 24 bytes a key while building: a million keys are 24 MB.
#[derive(Debug, Clone, Copy)]
struct KeyRef {
    /// The key's first 4 bytes, big-endian: most comparisons in the sort stop here.
    prefix: u32,
    start: u32,
    len: u32,
    /// See [`pack_ref`].
    posting: u32,
    /// See [`Info::encode`].
    info: u32,
    alt: u8,
}

/// The shard being written.
struct ShardWriter {
    map: fst::MapBuilder<Vec<u8>>,
    postings: Vec<u8>,
    first_key: Vec<u8>,
    posting_count: u64,
}

impl ShardWriter {
    fn new() -> ShardWriter {
        ShardWriter {
            map: fst::MapBuilder::memory(),
            postings: Vec::new(),
            first_key: Vec::new(),
            posting_count: 0,
        }
    }

    fn len(&self) -> usize {
        self.map.bytes_written() as usize + self.postings.len()
    }

    /// Appends the shard to `shards` and its record to `directory`.
    fn finish(self, directory: &mut Vec<u8>, shards: &mut Vec<u8>) -> Result<(), DictError> {
        let fst_bytes = self
            .map
            .into_inner()
            .map_err(|e| DictError::Index(e.to_string()))?;
        let too_large = || DictError::Index("a shard over 4 GiB".into());
        let fst_len = u32::try_from(fst_bytes.len()).map_err(|_| too_large())?;
        let postings_len = u32::try_from(self.postings.len()).map_err(|_| too_large())?;
        let mut crc = flate2::Crc::new();
        crc.update(&fst_bytes);
        crc.update(&self.postings);
        directory.extend_from_slice(&fst_len.to_le_bytes());
        directory.extend_from_slice(&postings_len.to_le_bytes());
        directory.extend_from_slice(&crc.sum().to_le_bytes());
        directory.extend_from_slice(&(self.first_key.len() as u16).to_le_bytes());
        directory.extend_from_slice(&self.first_key);
        shards.extend_from_slice(&fst_bytes);
        shards.extend_from_slice(&self.postings);
        Ok(())
    }
}

impl Builder {
    /// Adds an entry at `offset` with `len` bytes; returns its number.
    pub fn add_entry(&mut self, offset: u64, len: u32) -> Result<u32, DictError> {
        let id = self.entries.len();
        if id >= 1 << ENTRY_BITS || offset >= 1 << (64 - LOW_BITS) {
            return Err(DictError::TooLarge);
        }
        self.entries.push(Entry { offset, len });
        Ok(id as u32)
    }

    /// Adds `key` (lowercase) for `entry`, from alternative `alt` of `column`, with nothing
    /// known about its headword. Columns past the postings' range are not indexed.
    pub fn add_key(&mut self, key: &str, entry: u32, kind: Kind, column: usize, alt: usize) {
        self.add_key_with(key, entry, kind, column, alt, Info::default());
    }

    /// [`Builder::add_key`], with what the posting's headword is.
    pub fn add_key_with(
        &mut self,
        key: &str,
        entry: u32,
        kind: Kind,
        column: usize,
        alt: usize,
        info: Info,
    ) {
        let Ok(column) = u8::try_from(column) else {
            return;
        };
        // Keys are words and short phrases; a key as long as a page is no key.
        if u32::from(column) >= 1 << COLUMN_BITS || key.is_empty() || key.len() > 1024 {
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
            posting: pack_ref(entry, kind, column),
            info: info.encode(),
            alt: u8::try_from(alt).map_or(NO_ALT, |a| a.min(NO_ALT)),
        });
    }

    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// The index file's bytes.
    pub fn finish(self, format: Format, stamp: &Stamp) -> Result<Vec<u8>, DictError> {
        self.finish_sharded(format, stamp, SHARD_TARGET)
    }

    fn finish_sharded(
        mut self,
        format: Format,
        stamp: &Stamp,
        shard_target: usize,
    ) -> Result<Vec<u8>, DictError> {
        // Each part is dropped once copied: the build's peak memory is what a reader showing
        // its first page meanwhile pays for.
        let arena = std::mem::take(&mut self.arena);
        let mut keys = std::mem::take(&mut self.keys);
        let key = |k: &KeyRef| &arena.as_bytes()[k.start as usize..(k.start + k.len) as usize];
        keys.sort_unstable_by(|a, b| {
            a.prefix
                .cmp(&b.prefix)
                .then_with(|| key(a).cmp(key(b)))
                .then(a.posting.cmp(&b.posting))
                .then(a.alt.cmp(&b.alt))
        });
        let mut directory = Vec::new();
        let mut shards = Vec::with_capacity(keys.len() * 8);
        let mut shard_count = 0u32;
        let mut key_count = 0u64;
        let mut posting_count = 0u64;
        let mut shard = ShardWriter::new();
        let mut i = 0;
        while i < keys.len() {
            let k = key(&keys[i]);
            if shard.len() >= shard_target {
                std::mem::replace(&mut shard, ShardWriter::new())
                    .finish(&mut directory, &mut shards)?;
                shard_count += 1;
            }
            if shard.first_key.is_empty() {
                shard.first_key = k.to_vec();
            }
            let start = shard.posting_count;
            let mut last = None;
            while i < keys.len() && key(&keys[i]) == k {
                let p = keys[i].posting;
                // The same key, entry, kind and column from several alternatives: the first.
                if last != Some(p) {
                    let entry = self.entries[(p >> TAG_BITS) as usize];
                    let word = (entry.offset << LOW_BITS)
                        | (u64::from(keys[i].alt) << TAG_BITS)
                        | u64::from(p & ((1 << TAG_BITS) - 1));
                    shard.postings.extend_from_slice(&word.to_le_bytes());
                    shard.postings.extend_from_slice(&entry.len.to_le_bytes());
                    shard
                        .postings
                        .extend_from_slice(&keys[i].info.to_le_bytes());
                    shard.posting_count += 1;
                    last = Some(p);
                }
                i += 1;
            }
            let count = (shard.posting_count - start).min((1 << COUNT_BITS) - 1);
            posting_count += shard.posting_count - start;
            key_count += 1;
            shard
                .map
                .insert(k, (start << COUNT_BITS) | count)
                .map_err(|e| DictError::Index(e.to_string()))?;
        }
        drop(keys);
        drop(arena);
        if key_count > 0 {
            shard.finish(&mut directory, &mut shards)?;
            shard_count += 1;
        }
        let dir_len = u32::try_from(directory.len())
            .map_err(|_| DictError::Index("a directory over 4 GiB".into()))?;
        let mut out =
            Vec::with_capacity(HEADER_LEN + stamp.path.len() + directory.len() + shards.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&(format as u32).to_le_bytes());
        out.extend_from_slice(&stamp.size.to_le_bytes());
        out.extend_from_slice(&stamp.mtime_secs.to_le_bytes());
        out.extend_from_slice(&stamp.mtime_nanos.to_le_bytes());
        out.extend_from_slice(&[0u8; 4]); // checksum
        let file_len = (HEADER_LEN + stamp.path.len() + directory.len() + shards.len()) as u64;
        out.extend_from_slice(&file_len.to_le_bytes());
        out.extend_from_slice(&key_count.to_le_bytes());
        out.extend_from_slice(&shard_count.to_le_bytes());
        out.extend_from_slice(&dir_len.to_le_bytes());
        out.extend_from_slice(&posting_count.to_le_bytes());
        out.extend_from_slice(&(stamp.path.len() as u32).to_le_bytes());
        out.extend_from_slice(&stamp.identity.to_le_bytes());
        out.extend_from_slice(stamp.path.as_bytes());
        out.extend_from_slice(&directory);
        let crc = checksum(&out[40..]);
        out[36..40].copy_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&shards);
        debug_assert_eq!(out.len() as u64, file_len);
        Ok(out)
    }
}

fn checksum(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    let mut a = [0u8; 2];
    a.copy_from_slice(&b[at..at + 2]);
    u16::from_le_bytes(a)
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

/// Where the index bytes are: the cache file, read a shard at a time, or memory when the
/// cache could not be written.
#[derive(Debug)]
enum Body {
    File(fs::File),
    Memory(Vec<u8>),
}

impl Body {
    fn read(&self, at: u64, len: usize) -> std::io::Result<Vec<u8>> {
        let mut buf = vec![0u8; len];
        self.read_into(at, &mut buf)?;
        Ok(buf)
    }

    fn read_into(&self, at: u64, buf: &mut [u8]) -> std::io::Result<()> {
        match self {
            Body::File(file) => file.read_exact_at(buf, at),
            Body::Memory(bytes) => {
                let part = usize::try_from(at)
                    .ok()
                    .and_then(|start| bytes.get(start..start.checked_add(buf.len())?))
                    .ok_or(std::io::ErrorKind::UnexpectedEof)?;
                buf.copy_from_slice(part);
                Ok(())
            }
        }
    }
}

/// A shard's directory record.
#[derive(Debug, Clone)]
struct ShardInfo {
    at: u64,
    fst_len: u32,
    postings_len: u32,
    crc: u32,
    /// The shard's first key, in [`Index::first_keys`].
    first_key: Range<usize>,
    /// Its first 8 bytes: see [`key_prefix`].
    prefix: u64,
}

/// A key's first 8 bytes, big-endian and padded with zeros: keys compare as their prefixes
/// do, unless the prefixes are equal.
fn key_prefix(key: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = key.len().min(8);
    b[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(b)
}

/// A shard's bytes: the fst, then the postings.
#[derive(Debug)]
struct ShardBytes {
    bytes: Vec<u8>,
    fst_len: usize,
}

impl AsRef<[u8]> for ShardBytes {
    fn as_ref(&self) -> &[u8] {
        &self.bytes[..self.fst_len]
    }
}

/// A shard read and checked.
#[derive(Debug)]
struct Shard {
    map: Map<ShardBytes>,
}

impl Shard {
    fn postings(&self) -> &[u8] {
        let b = self.map.as_fst().as_inner();
        &b.bytes[b.fst_len..]
    }

    /// The postings of `key`: all postings of the shard, and which of them.
    fn find(&self, key: &[u8]) -> (&[u8], Range<usize>) {
        let range = self.map.get(key).map_or(0..0, |v| {
            let start = (v >> COUNT_BITS) as usize;
            start..start + (v & ((1 << COUNT_BITS) - 1)) as usize
        });
        (self.postings(), range)
    }
}

/// What the fixed header says.
struct Header {
    file_len: u64,
    key_count: u64,
    shard_count: usize,
    /// Where the directory starts and ends.
    directory: Range<usize>,
}

impl Header {
    /// Checks the fixed header against what the index must be built from and the file's
    /// length; the reason when it doesn't fit.
    fn parse(b: &[u8], format: Format, stamp: &Stamp, len: u64) -> Result<Header, String> {
        if b.len() < HEADER_LEN || &b[..8] != MAGIC {
            return Err("not a leser index".into());
        }
        if u32_at(b, 8) != VERSION {
            return Err("written by another version".into());
        }
        if u32_at(b, 12) != format as u32 {
            return Err("another dictionary format".into());
        }
        if u64_at(b, 16) != stamp.size
            || u64_at(b, 24) != stamp.mtime_secs
            || u32_at(b, 32) != stamp.mtime_nanos
            || u64_at(b, 76) != stamp.identity
        {
            return Err("the dictionary changed".into());
        }
        let file_len = u64_at(b, 40);
        if file_len != len {
            return Err("truncated or padded".into());
        }
        let path_len = u32_at(b, 72) as usize;
        let dir_start = HEADER_LEN + path_len;
        let dir_end = dir_start + u32_at(b, 60) as usize;
        if dir_end as u64 > len {
            return Err("truncated or padded".into());
        }
        Ok(Header {
            file_len,
            key_count: u64_at(b, 48),
            shard_count: u32_at(b, 56) as usize,
            directory: dir_start..dir_end,
        })
    }

    /// Checks the path and the checksum of `head` (the bytes up to the directory's end) and
    /// reads the directory: the shards and their first keys.
    fn shards(&self, head: &[u8], stamp: &Stamp) -> Result<(Vec<ShardInfo>, Vec<u8>), String> {
        if &head[HEADER_LEN..self.directory.start] != stamp.path.as_bytes() {
            return Err("built from another file".into());
        }
        if checksum(&head[40..self.directory.end]) != u32_at(head, 36) {
            return Err("checksum mismatch".into());
        }
        let dir = &head[self.directory.clone()];
        let bad = || "bad shard directory".to_string();
        let mut shards = Vec::with_capacity(self.shard_count.min(dir.len() / DIR_RECORD_LEN));
        let mut first_keys = Vec::with_capacity(dir.len());
        let mut pos = 0;
        let mut at = self.directory.end as u64;
        for _ in 0..self.shard_count {
            let record = dir.get(pos..pos + DIR_RECORD_LEN).ok_or_else(bad)?;
            let key_len = usize::from(u16_at(record, 12));
            let key = dir
                .get(pos + DIR_RECORD_LEN..pos + DIR_RECORD_LEN + key_len)
                .ok_or_else(bad)?;
            let start = first_keys.len();
            first_keys.extend_from_slice(key);
            let info = ShardInfo {
                at,
                fst_len: u32_at(record, 0),
                postings_len: u32_at(record, 4),
                crc: u32_at(record, 8),
                first_key: start..first_keys.len(),
                prefix: key_prefix(key),
            };
            at += u64::from(info.fst_len) + u64::from(info.postings_len);
            shards.push(info);
            pos += DIR_RECORD_LEN + key_len;
        }
        if pos != dir.len() || at != self.file_len {
            return Err(bad());
        }
        Ok((shards, first_keys))
    }
}

/// An opened index. Shards are read when a key first needs them and kept.
#[derive(Debug)]
pub struct Index {
    body: Body,
    shards: Vec<ShardInfo>,
    first_keys: Vec<u8>,
    loaded: Vec<OnceLock<Shard>>,
    key_count: u64,
    file_len: u64,
    /// Why a shard could not be used, once one could not.
    corrupt: OnceLock<String>,
}

impl Index {
    /// Opens a cache file: reads and checks the header and the shard directory, no more.
    pub fn open(file: fs::File, format: Format, stamp: &Stamp) -> Result<Index, String> {
        let len = file.metadata().map_err(|e| e.to_string())?.len();
        let mut head = vec![0u8; len.min(FIRST_READ as u64) as usize];
        file.read_exact_at(&mut head, 0)
            .map_err(|e| e.to_string())?;
        let header = Header::parse(&head, format, stamp, len)?;
        if header.directory.end > head.len() {
            head = vec![0u8; header.directory.end];
            file.read_exact_at(&mut head, 0)
                .map_err(|e| e.to_string())?;
        }
        let (shards, first_keys) = header.shards(&head[..header.directory.end], stamp)?;
        Ok(Index::with(Body::File(file), &header, shards, first_keys))
    }

    /// [`Index::open`] for index bytes in memory.
    pub fn from_bytes(bytes: Vec<u8>, format: Format, stamp: &Stamp) -> Result<Index, String> {
        let header = Header::parse(&bytes, format, stamp, bytes.len() as u64)?;
        let (shards, first_keys) = header.shards(&bytes[..header.directory.end], stamp)?;
        Ok(Index::with(
            Body::Memory(bytes),
            &header,
            shards,
            first_keys,
        ))
    }

    fn with(body: Body, header: &Header, shards: Vec<ShardInfo>, first_keys: Vec<u8>) -> Index {
        Index {
            body,
            loaded: shards.iter().map(|_| OnceLock::new()).collect(),
            shards,
            first_keys,
            key_count: header.key_count,
            file_len: header.file_len,
            corrupt: OnceLock::new(),
        }
    }

    /// Shard `i`, read and checked on first use; `None` when it is bad (and
    /// [`Index::corruption`] then says why).
    fn shard(&self, i: usize) -> Option<&Shard> {
        let cell = self.loaded.get(i)?;
        if let Some(shard) = cell.get() {
            return Some(shard);
        }
        match self.read_shard(i) {
            Ok(shard) => {
                // Two threads reading the same shard at once both read it; one copy stays.
                let _ = cell.set(shard);
                cell.get()
            }
            Err(reason) => {
                let _ = self.corrupt.set(reason);
                None
            }
        }
    }

    fn read_shard(&self, i: usize) -> Result<Shard, String> {
        let info = &self.shards[i];
        let fst_len = info.fst_len as usize;
        let bytes = self
            .body
            .read(info.at, fst_len + info.postings_len as usize)
            .map_err(|e| format!("shard {i}: {e}"))?;
        if checksum(&bytes) != info.crc {
            return Err(format!("shard {i}: checksum mismatch"));
        }
        let map = Map::new(ShardBytes { bytes, fst_len })
            .map_err(|e| format!("shard {i}: bad fst: {e}"))?;
        Ok(Shard { map })
    }

    /// The shard `key` would be in: the last whose first key is not after it. The first
    /// keys' first 8 bytes decide most comparisons.
    fn shard_index(&self, key: &[u8]) -> Option<usize> {
        let prefix = key_prefix(key);
        self.shards
            .partition_point(|s| match s.prefix.cmp(&prefix) {
                std::cmp::Ordering::Less => true,
                std::cmp::Ordering::Greater => false,
                std::cmp::Ordering::Equal => &self.first_keys[s.first_key.clone()] <= key,
            })
            .checked_sub(1)
    }

    fn shard_for(&self, key: &[u8]) -> Option<&Shard> {
        self.shard(self.shard_index(key)?)
    }

    /// The postings of `key` (lowercase).
    pub fn get(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        let (postings, range) = self
            .shard_for(key.as_bytes())
            .map_or((&[][..], 0..0), |s| s.find(key.as_bytes()));
        range
            .filter_map(move |i| postings.get(i * POSTING_LEN..(i + 1) * POSTING_LEN))
            .filter_map(Posting::decode)
    }

    pub fn contains(&self, key: &str) -> bool {
        self.shard_for(key.as_bytes())
            .is_some_and(|s| s.map.contains_key(key))
    }

    pub fn key_count(&self) -> usize {
        self.key_count as usize
    }

    /// The size of the index file, in bytes.
    pub fn byte_len(&self) -> u64 {
        self.file_len
    }

    /// The bytes of the index held in memory: the directory and the shards read so far.
    pub fn resident_len(&self) -> usize {
        let shards: usize = self
            .loaded
            .iter()
            .filter_map(OnceLock::get)
            .map(|s| s.map.as_fst().as_inner().bytes.len())
            .sum();
        let body = match &self.body {
            Body::File(_) => 0,
            Body::Memory(b) => b.len(),
        };
        shards + body + self.first_keys.len() + self.shards.len() * size_of::<ShardInfo>()
    }

    /// Why the index cannot be trusted, once a shard was found bad.
    pub fn corruption(&self) -> Option<&str> {
        self.corrupt.get().map(String::as_str)
    }

    /// Reads and checks every shard; the first problem found.
    pub fn verify(&self) -> Result<(), String> {
        for i in 0..self.shards.len() {
            if self.shard(i).is_none() {
                break;
            }
        }
        self.corruption().map_or(Ok(()), |r| Err(r.to_string()))
    }

    /// Calls `f` with the fst of every shard in order until it breaks. Shards not read yet are
    /// read into one buffer and not kept: a scan does not make the whole index resident.
    fn scan(&self, mut f: impl FnMut(&Map<&[u8]>) -> ControlFlow<()>) {
        let mut buf = Vec::new();
        for (i, info) in self.shards.iter().enumerate() {
            let flow = if let Some(shard) = self.loaded[i].get() {
                Map::new(shard.map.as_fst().as_bytes()).map(|m| f(&m))
            } else {
                let fst_len = info.fst_len as usize;
                buf.resize(fst_len + info.postings_len as usize, 0);
                if let Err(reason) = self
                    .body
                    .read_into(info.at, &mut buf)
                    .map_err(|e| format!("shard {i}: {e}"))
                    .and_then(|()| {
                        if checksum(&buf) == info.crc {
                            Ok(())
                        } else {
                            Err(format!("shard {i}: checksum mismatch"))
                        }
                    })
                {
                    let _ = self.corrupt.set(reason);
                    continue;
                }
                Map::new(&buf[..fst_len]).map(|m| f(&m))
            };
            match flow {
                Ok(ControlFlow::Break(())) => return,
                Ok(ControlFlow::Continue(())) => {}
                Err(e) => {
                    let _ = self.corrupt.set(format!("shard {i}: bad fst: {e}"));
                }
            }
        }
    }

    /// Calls `visit` with the keys within `distance` edits of `word` (lowercase), in order,
    /// until it breaks; with fewer edits when `word` is too long for an automaton of
    /// `distance`. Reads every shard.
    pub fn keys_near(
        &self,
        word: &str,
        distance: u32,
        mut visit: impl FnMut(&str) -> ControlFlow<()>,
    ) {
        let Some(automaton) = (1..=distance)
            .rev()
            .find_map(|d| fst::automaton::Levenshtein::new(word, d).ok())
        else {
            return;
        };
        self.scan(|map| {
            let mut stream = map.search(&automaton).into_stream();
            while let Some((k, _)) = stream.next() {
                if let Ok(k) = std::str::from_utf8(k) {
                    visit(k)?;
                }
            }
            ControlFlow::Continue(())
        });
    }

    /// Keys starting with `prefix` (lowercase), at most `limit`, in order.
    pub fn keys_with_prefix(&self, prefix: &str, limit: usize) -> Vec<String> {
        let mut out = Vec::new();
        let first = self.shard_index(prefix.as_bytes()).unwrap_or(0);
        for i in first..self.shards.len() {
            let Some(shard) = self.shard(i) else {
                return out;
            };
            let mut stream = shard.map.range().ge(prefix).into_stream();
            while let Some((k, _)) = stream.next() {
                if !k.starts_with(prefix.as_bytes()) || out.len() >= limit {
                    return out;
                }
                if let Ok(k) = std::str::from_utf8(k) {
                    out.push(k.to_string());
                }
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
    let mut hash = Fnv::default();
    hash.write(canonical.to_string_lossy().as_bytes());
    let hash = hash.0;
    let name = match format {
        Format::Ding => "ding",
        Format::Dictd => "dictd",
    };
    cache_dir.join(format!("{name}-{hash:016x}.idx"))
}

/// Opens the cached index of `stamp`'s dictionary, or builds it with `build` and writes the
/// cache (atomically: a temporary file renamed into place). Without a cache dir, or when it
/// cannot be written, the index is built in memory and still works. `distrust` is why the
/// cache must be rebuilt without a look (a bad shard found while looking words up).
pub fn load_or_build(
    format: Format,
    stamp: &Stamp,
    cache_file: Option<&Path>,
    distrust: Option<String>,
    build: impl FnOnce() -> Result<Builder, DictError>,
) -> Result<(Index, CacheStatus), DictError> {
    let mut status = CacheStatus::Built;
    match (cache_file, distrust) {
        (_, Some(reason)) => status = CacheStatus::Rebuilt(reason),
        (Some(file), None) => match crate::text::open_regular(file) {
            Ok(f) => match Index::open(f, format, stamp) {
                Ok(index) => return Ok((index, CacheStatus::Loaded)),
                Err(reason) => status = CacheStatus::Rebuilt(reason),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => status = CacheStatus::Rebuilt(e.to_string()),
        },
        (None, None) => {}
    }
    let bytes = build()?.finish(format, stamp)?;
    // A cache that cannot be written costs a rebuild next time, nothing more. One that was
    // written is opened like any other, so the bytes in memory can go.
    if let Some(file) = cache_file
        && write_atomically(file, &bytes).is_ok()
        && let Ok(index) = fs::File::open(file)
            .map_err(|e| e.to_string())
            .and_then(|f| Index::open(f, format, stamp))
    {
        return Ok((index, status));
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
            identity: 11,
        }
    }

    fn small_builder() -> Builder {
        let mut b = Builder::default();
        let e0 = b.add_entry(0, 10).expect("entry");
        let e1 = b.add_entry(10, 20).expect("entry");
        b.add_key("ankündigen", e0, Kind::Head, 0, 0);
        b.add_key("kündigte an", e0, Kind::Form, 4, 2);
        b.add_key("bündnis", e1, Kind::Head, 0, 1);
        b.add_key("bündnis", e1, Kind::Head, 0, 0);
        b.add_key("bündnisse", e1, Kind::Form, 1, 0);
        b.add_key("ankündigen", e1, Kind::Phrase, 0, 70);
        b
    }

    fn small_index() -> Vec<u8> {
        small_builder()
            .finish(Format::Ding, &stamp())
            .expect("finish")
    }

    /// Keys `w0000` to `w{n}`, entry `i` at offset `i * 100` with length `i`, cut into shards
    /// of about `target` bytes.
    fn numbered(n: u32, target: usize) -> Vec<u8> {
        let mut b = Builder::default();
        for i in 0..n {
            let e = b.add_entry(u64::from(i) * 100, i).expect("entry");
            b.add_key(&format!("w{i:04}"), e, Kind::Head, 0, 0);
            if i % 3 == 0 {
                b.add_key(&format!("w{i:04}"), e, Kind::Form, 2, 1);
            }
        }
        b.finish_sharded(Format::Ding, &stamp(), target)
            .expect("finish")
    }

    fn near(index: &Index, word: &str, distance: u32) -> Vec<String> {
        let mut keys = Vec::new();
        index.keys_near(word, distance, |k| {
            keys.push(k.to_string());
            ControlFlow::Continue(())
        });
        keys
    }

    fn shard_count(bytes: &[u8]) -> usize {
        u32_at(bytes, 56) as usize
    }

    /// Where the shards start: after the header, the path and the directory.
    fn shards_start(bytes: &[u8]) -> usize {
        HEADER_LEN + u32_at(bytes, 72) as usize + u32_at(bytes, 60) as usize
    }

    #[test]
    fn keys_map_to_their_postings() {
        let index = Index::from_bytes(small_index(), Format::Ding, &stamp()).expect("valid");
        let e0 = Entry { offset: 0, len: 10 };
        let e1 = Entry {
            offset: 10,
            len: 20,
        };
        let p: Vec<Posting> = index.get("ankündigen").collect();
        assert_eq!(p.len(), 2);
        assert!(p.contains(&Posting {
            entry: e0,
            kind: Kind::Head,
            column: 0,
            alt: Some(0),
            info: Info::default(),
        }));
        assert!(p.contains(&Posting {
            entry: e1,
            kind: Kind::Phrase,
            column: 0,
            alt: None,
            info: Info::default(),
        }));
        assert_eq!(
            index.get("bündnis").map(|p| p.alt).collect::<Vec<_>>(),
            vec![Some(0)],
            "postings from several alternatives are merged, the first kept"
        );
        assert_eq!(
            index.get("kündigte an").collect::<Vec<_>>(),
            vec![Posting {
                entry: e0,
                kind: Kind::Form,
                column: 4,
                alt: Some(2),
                info: Info::default(),
            }]
        );
        assert_eq!(index.get("kündigen").count(), 0);
        assert_eq!(index.get("a").count(), 0, "before the first key");
        assert!(index.contains("bündnisse"));
        assert!(!index.contains("zzz"));
        assert_eq!(index.key_count(), 4);
    }

    #[test]
    fn near_and_prefix_keys() {
        let index = Index::from_bytes(small_index(), Format::Ding, &stamp()).expect("valid");
        assert_eq!(near(&index, "bündnos", 1), vec!["bündnis".to_string()]);
        assert_eq!(
            near(&index, "bündnise", 1),
            vec!["bündnis".to_string(), "bündnisse".to_string()]
        );
        assert_eq!(
            index.keys_with_prefix("bünd", 10),
            vec!["bündnis".to_string(), "bündnisse".to_string()]
        );
        assert_eq!(
            index.keys_with_prefix("a", 10),
            vec!["ankündigen".to_string()]
        );
    }

    #[test]
    fn every_key_is_found_across_many_shards() {
        let bytes = numbered(3000, 512);
        assert!(shard_count(&bytes) > 20, "{} shards", shard_count(&bytes));
        let index = Index::from_bytes(bytes, Format::Ding, &stamp()).expect("valid");
        assert_eq!(index.key_count(), 3000);
        for i in 0..3000u32 {
            let key = format!("w{i:04}");
            let p: Vec<Posting> = index.get(&key).collect();
            let entry = Entry {
                offset: u64::from(i) * 100,
                len: i,
            };
            assert_eq!(p.len(), if i % 3 == 0 { 2 } else { 1 }, "{key}");
            assert!(p.iter().all(|p| p.entry == entry), "{key}: {p:?}");
        }
        assert_eq!(index.get("w3000").count(), 0);
        assert_eq!(index.get("w").count(), 0);
        assert!(index.verify().is_ok());
        // A prefix whose keys span several shards.
        let keys = index.keys_with_prefix("w1", 2000);
        assert_eq!(keys.len(), 1000);
        assert_eq!(keys.first().map(String::as_str), Some("w1000"));
        assert_eq!(keys.last().map(String::as_str), Some("w1999"));
        assert_eq!(near(&index, "w2000x", 1), vec!["w2000".to_string()]);
        let mut first_three = Vec::new();
        index.keys_near("w1234", 1, |k| {
            first_three.push(k.to_string());
            if first_three.len() == 3 {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        assert_eq!(first_three, ["w0234", "w1034", "w1134"]);
    }

    #[test]
    fn every_flipped_byte_is_detected() {
        for good in [small_index(), numbered(40, 64)] {
            for i in 0..good.len() {
                let mut bad = good.clone();
                bad[i] ^= 0x20;
                assert!(
                    Index::from_bytes(bad, Format::Ding, &stamp())
                        .and_then(|i| i.verify())
                        .is_err(),
                    "byte {i} flipped went unnoticed"
                );
            }
        }
    }

    #[test]
    fn a_bad_shard_is_found_when_read_and_answers_nothing() {
        let mut bytes = numbered(300, 256);
        let n = shard_count(&bytes);
        assert!(n > 4);
        // The last byte of the last shard: its postings.
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let index = Index::from_bytes(bytes, Format::Ding, &stamp()).expect("header is fine");
        assert_eq!(index.corruption(), None, "shards are checked when read");
        assert_eq!(index.get("w0000").count(), 2, "a good shard answers");
        assert_eq!(index.corruption(), None);
        assert_eq!(
            index.get("w0299").count(),
            0,
            "the bad shard answers nothing"
        );
        assert_eq!(
            index.corruption(),
            Some(format!("shard {}: checksum mismatch", n - 1).as_str())
        );
        assert!(index.verify().is_err());
    }

    #[test]
    fn a_bad_fst_in_a_shard_is_found() {
        let mut bytes = numbered(300, 256);
        let start = shards_start(&bytes);
        bytes[start + 3] ^= 0x40;
        let index = Index::from_bytes(bytes, Format::Ding, &stamp()).expect("header is fine");
        assert!(!index.contains("w0000"));
        assert_eq!(index.corruption(), Some("shard 0: checksum mismatch"));
        assert!(!near(&index, "w0000", 1).contains(&"w0000".to_string()));
    }

    #[test]
    fn a_cache_file_is_read_a_shard_at_a_time() {
        // One key a shard: a directory larger than the first read.
        let bytes = numbered(5000, 1);
        assert!(shards_start(&bytes) > FIRST_READ);
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("x.idx");
        fs::write(&path, &bytes).expect("write");
        let index = Index::open(fs::File::open(&path).expect("open"), Format::Ding, &stamp())
            .expect("valid");
        assert_eq!(index.byte_len(), bytes.len() as u64);
        let before = index.resident_len();
        // w4321 itself, 4 other first digits, 9 others in each of 3 places.
        assert_eq!(near(&index, "w4321", 1).len(), 1 + 4 + 27);
        assert_eq!(index.resident_len(), before, "a scan keeps no shard");
        assert_eq!(index.get("w4321").count(), 1);
        assert!(index.resident_len() > before);
        assert!(
            index.resident_len() < bytes.len(),
            "one shard read, not all"
        );
        assert!(index.verify().is_ok());
        let mut truncated = bytes.clone();
        truncated.truncate(bytes.len() - 1);
        fs::write(&path, &truncated).expect("write");
        let err = Index::open(fs::File::open(&path).expect("open"), Format::Ding, &stamp());
        assert_eq!(err.err(), Some("truncated or padded".to_string()));
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
        let mut moved = stamp();
        moved.path = "/y/de-en".into();
        assert_eq!(
            Index::from_bytes(good.clone(), Format::Ding, &moved).err(),
            Some("built from another file".to_string())
        );
        assert!(Index::from_bytes(good, Format::Dictd, &stamp()).is_err());
    }

    #[test]
    fn infos_encode_and_decode() {
        let info = Info {
            known: true,
            class: WordClass::Phrase,
            genus: Genus::Several,
            capitalized: true,
            spelling: Spelling::Mixed,
            penalty: 7,
            capitals: 0b1011,
            of_use: true,
        };
        assert_eq!(Info::decode(info.encode()), info);
        assert_eq!(Info::decode(Info::default().encode()), Info::default());
        let mut b = Builder::default();
        let e = b.add_entry(5, 6).expect("entry");
        b.add_key_with("stuhl", e, Kind::Head, 0, 0, info);
        let index = Index::from_bytes(
            b.finish(Format::Ding, &stamp()).expect("finish"),
            Format::Ding,
            &stamp(),
        )
        .expect("valid");
        assert_eq!(
            index.get("stuhl").map(|p| p.info).collect::<Vec<_>>(),
            [info]
        );
    }

    #[test]
    fn a_headword_is_spelled_from_its_key() {
        for headword in ["gehen", "Stuhl", "NATO", "FCKW-frei", "eBay", "Übermaß"] {
            let key = headword.to_lowercase();
            let (spelling, capitals) = Info::spelling_of(headword, &key);
            assert_ne!(spelling, Spelling::Other, "{headword}");
            let info = Info {
                spelling,
                capitals,
                of_use: false,
                ..Info::default()
            };
            let info = Info::decode(info.encode());
            assert_eq!(info.spell(&key).as_deref(), Some(headword));
        }
        assert_eq!(Info::spelling_of("Wie?", "wie").0, Spelling::Other);
        assert_eq!(
            Info::spelling_of("abfüllen/füllen", "füllen").0,
            Spelling::Other
        );
        assert_eq!(
            Info::spelling_of("abcdefghijklmnopQ", "abcdefghijklmnopq").0,
            Spelling::Other
        );
    }

    #[test]
    fn postings_encode_and_decode() {
        let mut b = Builder::default();
        let offset = (1u64 << (64 - LOW_BITS)) - 1;
        let e = b.add_entry(offset, u32::MAX).expect("entry");
        b.add_key("x", e, Kind::Phrase, 127, 62);
        b.add_key("y", e, Kind::Head, 128, 0);
        assert!(b.add_entry(offset + 1, 0).is_err());
        let index = Index::from_bytes(
            b.finish(Format::Ding, &stamp()).expect("finish"),
            Format::Ding,
            &stamp(),
        )
        .expect("valid");
        assert_eq!(
            index.get("x").collect::<Vec<_>>(),
            vec![Posting {
                entry: Entry {
                    offset,
                    len: u32::MAX
                },
                kind: Kind::Phrase,
                column: 127,
                alt: Some(62),
                info: Info::default(),
            }]
        );
        assert!(
            !index.contains("y"),
            "column 128 is past the postings' range"
        );
    }
}
