//! What the linker knows of a word form without its context, worked out once a text: a book of
//! 300,000 words has some 30,000 distinct forms.

use super::grammar::{self, WordInfo};
use super::index::Hits;
use super::{Candidate, Linker};
use crate::de::lowercase_into;
use crate::de::token::{Token, TokenKind};

/// One distinct form as written, what only words that may link and their neighbours look at:
/// what every word needs is in its [`Key`].
#[derive(Debug, Clone)]
pub(super) struct Form<'a> {
    /// Its lower case, at this byte of [`Forms::lower`], this long.
    lower: u32,
    lower_len: u32,
    /// Its entries in the form index, looked up as written or in reformed spelling.
    pub hits: Option<&'a Hits>,
    /// For a word the index does not have: the compound it links as, an index into
    /// [`Forms::compounds`] (its token still to be set), or [`NO_COMPOUND`].
    compound: u32,
    /// Where its bytes after the first sixteen are in [`Forms::tails`].
    tail: u32,
}

const NO_COMPOUND: u32 = u32::MAX;

impl Form<'_> {
    pub fn compound(&self) -> Option<u32> {
        (self.compound != NO_COMPOUND).then_some(self.compound)
    }
}

/// The distinct forms of a text seen so far, by their text and whether they are a word (or an
/// abbreviation).
#[derive(Debug)]
pub(super) struct Forms<'a> {
    /// Form ids by hash: four bytes a slot, so that the table stays in cache.
    ids: hashbrown::HashTable<u32>,
    /// Each form's key, by id: forms seen early (the frequent ones) lie together.
    keys: Vec<Key>,
    /// The bytes of forms longer than [`Key::prefix`] holds, after what it holds.
    tails: Vec<u8>,
    seen: Vec<Form<'a>>,
    lower: String,
    compounds: Vec<Candidate>,
    /// Scratch space for lookups.
    buf: String,
}

/// A form's entry in the table: most forms are short enough to be compared here, with no look
/// at the text they were first seen in (which may be anywhere in a book, long out of cache).
/// It also holds what the linker needs of every word, so that a rare word costs one look into
/// memory, not two: half a cache line.
#[derive(Debug, Clone, Copy)]
pub(super) struct Key {
    /// The form's first sixteen bytes (little-endian), then zeros.
    prefix: [u64; 2],
    /// Its length in bytes, with [`WORD`] set for a word.
    len: u32,
    /// Its id, with [`CAPITAL`] and [`LINKABLE`] set when they apply.
    id: u32,
    pub info: WordInfo,
}

const WORD: u32 = 1 << 31;
const CAPITAL: u32 = 1 << 31;
/// Set for a form with entries in the index or a compound: the only ones that may link.
const LINKABLE: u32 = 1 << 30;
const ID: u32 = LINKABLE - 1;

impl Key {
    /// The form's id in [`Forms::get`].
    pub fn id(&self) -> u32 {
        self.id & ID
    }

    pub fn capital(&self) -> bool {
        self.id & CAPITAL != 0
    }

    pub fn linkable(&self) -> bool {
        self.id & LINKABLE != 0
    }
}

/// The key of a token that is neither word nor abbreviation.
pub(super) const NO_KEY: Key = Key {
    prefix: [0; 2],
    len: 0,
    id: NO_FORM,
    info: WordInfo {
        class: 0,
        slots: 0,
        governs: 0,
    },
};

/// The first sixteen bytes of `text[start..start + len]` as two little-endian words, zeros
/// after its end: two loads and a mask where sixteen bytes of text follow `start`, as they do
/// for all but the last words of a text.
#[inline]
fn prefix_of(text: &[u8], start: usize, len: usize) -> [u64; 2] {
    let n = len.min(16);
    let bytes = match text.get(start..).and_then(<[u8]>::first_chunk::<16>) {
        Some(&chunk) => chunk,
        None => {
            let mut chunk = [0; 16];
            chunk[..n].copy_from_slice(&text[start..start + n]);
            chunk
        }
    };
    let word = |k: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&bytes[8 * k..8 * k + 8]);
        u64::from_le_bytes(w)
    };
    // Keep the first `n` bytes: a mask of n * 8 ones over the two words.
    let keep = |bits: usize| match bits {
        0 => 0,
        64.. => u64::MAX,
        b => (1u64 << b) - 1,
    };
    [
        word(0) & keep(8 * n),
        word(1) & keep((8 * n).saturating_sub(64)),
    ]
}

/// Multiplies and folds the 128-bit product: every bit of the result depends on every bit of
/// both inputs.
#[inline]
fn fold(a: u64, b: u64) -> u64 {
    let m = u128::from(a) * u128::from(b);
    (m as u64) ^ (m >> 64) as u64
}

/// A form's hash from its first sixteen bytes, its length and kind, and the bytes after the
/// sixteenth (`tail`, empty for most forms).
#[inline]
fn hash(prefix: [u64; 2], len: u32, tail: &[u8]) -> u64 {
    const SEEDS: [u64; 3] = [
        0x243f_6a88_85a3_08d3,
        0x1319_8a2e_0370_7344,
        0xa409_3822_299f_31d0,
    ];
    let h = fold(
        prefix[0] ^ SEEDS[0],
        prefix[1] ^ SEEDS[1] ^ u64::from(len) << 32,
    );
    if tail.is_empty() {
        return h;
    }
    let mut rest = rustc_hash::FxHasher::default();
    std::hash::Hasher::write(&mut rest, tail);
    fold(
        h ^ std::hash::Hasher::finish(&rest) ^ SEEDS[2],
        u64::from(len) ^ SEEDS[0],
    )
}

impl Key {
    /// The hash of the form a key is for, when the table grows.
    fn rehash(&self, tails: &[u8], seen: &[Form<'_>]) -> u64 {
        let n = (self.len & !WORD) as usize;
        let tail = if n <= 16 {
            &[][..]
        } else {
            let at = seen[self.id() as usize].tail as usize;
            &tails[at..at + n - 16]
        };
        hash(self.prefix, self.len, tail)
    }
}

/// The form of a token that is neither word nor abbreviation.
pub(super) const NO_FORM: u32 = 0;

impl Default for Forms<'_> {
    fn default() -> Self {
        Forms {
            ids: hashbrown::HashTable::new(),
            keys: vec![NO_KEY],
            tails: Vec::new(),
            seen: vec![Form {
                lower: 0,
                lower_len: 0,
                hits: None,
                compound: NO_COMPOUND,
                tail: 0,
            }],
            lower: String::new(),
            compounds: Vec::new(),
            buf: String::new(),
        }
    }
}

impl<'a> Forms<'a> {
    /// Room for the forms of a text of `bytes` bytes, made once: growing by doubling would
    /// copy every form and touch fresh memory each time. Room not used costs nothing.
    pub fn reserve_for(&mut self, bytes: usize) {
        // fortunes-de has a distinct form in every 56 bytes (41,000 in 2.3 MB); a little more.
        let forms = bytes / 48;
        let (tails, seen, keys) = (&self.tails, &self.seen, &self.keys);
        self.ids
            .reserve(forms, |&id| keys[id as usize].rehash(tails, seen));
        self.keys.reserve(forms);
        self.seen.reserve(forms);
        self.lower.reserve(forms * 10);
    }

    /// The form of a word or abbreviation token, worked out on its first occurrence.
    #[inline]
    pub fn of(&mut self, linker: &'a Linker, text: &'a str, token: Token) -> Key {
        let bytes = text.as_bytes();
        let n = token.end - token.start;
        let word = token.kind == TokenKind::Word;
        let len = n as u32 | if word { WORD } else { 0 };
        let prefix = prefix_of(bytes, token.start, n);
        let tail = if n <= 16 {
            &[][..]
        } else {
            &bytes[token.start + 16..token.end]
        };
        let hash = hash(prefix, len, tail);
        let (tails, seen, keys) = (&self.tails, &self.seen, &self.keys);
        let found = self.ids.find(hash, |&id| {
            let k = &keys[id as usize];
            k.prefix == prefix
                && k.len == len
                && (tail.is_empty() || {
                    let at = seen[id as usize].tail as usize;
                    tails[at..at + tail.len()] == *tail
                })
        });
        match found {
            Some(&id) => keys[id as usize],
            None => self.add(
                linker,
                text,
                token,
                hash,
                Key {
                    prefix,
                    len,
                    ..NO_KEY
                },
            ),
        }
    }

    /// A form seen for the first time: lowercased, classified, looked up, maybe split.
    #[inline(never)]
    fn add(&mut self, linker: &'a Linker, text: &'a str, token: Token, hash: u64, key: Key) -> Key {
        let surface = token.text(text);
        let word = key.len & WORD != 0;
        let start = self.lower.len();
        lowercase_into(surface, &mut self.buf);
        self.lower.push_str(&self.buf);
        let lower = &self.lower[start..];
        let hits = linker.lookup(lower, &mut self.buf);
        let compound = match hits {
            None if word => linker
                .compound_candidate(text, token, 0, lower, &mut self.buf)
                .map(|c| {
                    self.compounds.push(c);
                    (self.compounds.len() - 1) as u32
                }),
            _ => None,
        };
        let id = self.seen.len() as u32;
        let tail = self.tails.len() as u32;
        if surface.len() > 16 {
            self.tails.extend_from_slice(&surface.as_bytes()[16..]);
        }
        let mut flags = 0;
        if crate::de::is_capitalized(surface) {
            flags |= CAPITAL;
        }
        if hits.is_some() || compound.is_some() {
            flags |= LINKABLE;
        }
        let key = Key {
            id: id | flags,
            info: grammar::word_info(lower),
            ..key
        };
        self.seen.push(Form {
            lower: start as u32,
            lower_len: (self.lower.len() - start) as u32,
            hits,
            compound: compound.unwrap_or(NO_COMPOUND),
            tail,
        });
        self.keys.push(key);
        let (tails, seen, keys) = (&self.tails, &self.seen, &self.keys);
        self.ids
            .insert_unique(hash, id, |&id| keys[id as usize].rehash(tails, seen));
        key
    }

    #[inline]
    pub fn get(&self, id: u32) -> &Form<'a> {
        &self.seen[id as usize]
    }

    /// The lower case of a form ("" for [`NO_FORM`]).
    #[inline]
    pub fn lower(&self, id: u32) -> &str {
        let f = &self.seen[id as usize];
        let start = f.lower as usize;
        &self.lower[start..start + f.lower_len as usize]
    }

    /// The compound candidate [`Form::compound`] names, for the token at `index`.
    pub fn compound(&self, compound: u32, index: usize) -> Candidate {
        let mut c = self.compounds[compound as usize].clone();
        c.tokens = smallvec::smallvec![index];
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::Glossary;

    #[test]
    fn a_prefix_is_the_same_at_the_end_of_a_text_as_inside_it() {
        let inside = "Spionageaktivitäten und Diplomaten, ja.".as_bytes();
        for (start, end) in [
            (0, 20),
            (0, 17),
            (0, 15),
            (4, 12),
            (25, 33),
            (35, 37),
            (0, 8),
        ] {
            let word = &inside[start..end];
            let at_end = [&b"xy "[..], word].concat();
            let expected = {
                let mut b = [0u8; 16];
                let n = word.len().min(16);
                b[..n].copy_from_slice(&word[..n]);
                [
                    u64::from_le_bytes(b[..8].try_into().unwrap()),
                    u64::from_le_bytes(b[8..].try_into().unwrap()),
                ]
            };
            assert_eq!(prefix_of(inside, start, end - start), expected);
            assert_eq!(prefix_of(&at_end, 3, word.len()), expected, "{word:?}");
        }
    }

    #[test]
    fn a_key_says_whether_its_form_is_capitalized_and_may_link() {
        let text = "Die Diplomaten auszuweisen, qwxzy Spionageaktivitäten die";
        let linker = Linker::new(Glossary::bundled());
        let tokens = crate::de::token::tokenize(text);
        let mut forms = Forms::default();
        let keys: Vec<Key> = tokens
            .iter()
            .filter(|t| t.is_word())
            .map(|&t| forms.of(&linker, text, t))
            .collect();
        let capital: Vec<bool> = keys.iter().map(Key::capital).collect();
        assert_eq!(capital, [true, true, false, false, true, false]);
        let linkable: Vec<bool> = keys.iter().map(Key::linkable).collect();
        assert_eq!(linkable, [false, true, true, false, true, false]);
        // The article's class, the same for Die and die, whose ids differ.
        assert_ne!(keys[0].info.class, 0);
        assert_eq!(keys[0].info.class, keys[5].info.class);
        assert_ne!(keys[0].id(), keys[5].id());
        assert_eq!(forms.lower(keys[1].id()), "diplomaten");
        assert!(forms.get(keys[1].id()).hits.is_some());
    }

    #[test]
    fn forms_with_the_same_first_sixteen_bytes_differ_by_their_tails() {
        let text = "Bundesverfassungsgericht Bundesverfassungsgerichts Bundesverfassungsgerichtes \
                    Bundesverfassungsrichter Bundesverfassungsgericht";
        let linker = Linker::new(Glossary::bundled());
        let tokens = crate::de::token::tokenize(text);
        let mut forms = Forms::default();
        let ids: Vec<u32> = tokens
            .iter()
            .map(|&t| forms.of(&linker, text, t).id())
            .collect();
        assert_eq!(ids[0], ids[4]);
        let mut distinct = ids[..4].to_vec();
        distinct.dedup();
        assert_eq!(distinct.len(), 4);
    }

    #[test]
    fn a_form_keeps_its_id_as_the_table_grows() {
        let linker = Linker::new(Glossary::bundled());
        let words: Vec<String> = (0..3000)
            .map(|i| match i % 3 {
                0 => format!("Wort{i}"),
                1 => format!("Spionageaktivitäten{i}"),
                _ => format!("nato-russland-rat-und-so-weiter-{i}"),
            })
            .collect();
        let text = words.join(" ");
        let tokens = crate::de::token::tokenize(&text);
        assert_eq!(tokens.len(), words.len());
        let mut forms = Forms::default();
        let first: Vec<u32> = tokens
            .iter()
            .map(|&t| forms.of(&linker, &text, t).id())
            .collect();
        let again: Vec<u32> = tokens
            .iter()
            .map(|&t| forms.of(&linker, &text, t).id())
            .collect();
        assert_eq!(first, again);
        let mut distinct = first.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), words.len());
        for (&id, word) in first.iter().zip(&words) {
            assert_eq!(forms.lower(id), word.to_lowercase());
        }
    }
}
