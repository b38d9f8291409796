//! What the linker knows of a word form without its context, worked out once a text: a book of
//! 300,000 words has some 30,000 distinct forms.

use super::grammar::{self, WordInfo};
use super::index::Hits;
use super::{Candidate, Linker};
use crate::de::lowercase_into;
use crate::de::token::{Token, TokenKind};

/// One distinct form as written: kept small, as a book has tens of thousands and every word
/// looks at its own.
#[derive(Debug, Clone)]
pub(super) struct Form<'a> {
    /// Its lower case, at this byte of [`Forms::lower`], this long (with the top bit set for a
    /// capitalized form).
    lower: u32,
    lower_len: u32,
    pub info: WordInfo,
    /// Its entries in the form index, looked up as written or in reformed spelling.
    pub hits: Option<&'a Hits>,
    /// For a word the index does not have: the compound it links as, an index into
    /// [`Forms::compounds`] (its token still to be set), or [`NO_COMPOUND`].
    compound: u32,
    /// Where its bytes after the first sixteen are in [`Forms::tails`].
    tail: u32,
}

const NO_COMPOUND: u32 = u32::MAX;

const CAPITAL: u32 = 1 << 31;

impl Form<'_> {
    pub fn capital(&self) -> bool {
        self.lower_len & CAPITAL != 0
    }

    pub fn compound(&self) -> Option<u32> {
        (self.compound != NO_COMPOUND).then_some(self.compound)
    }
}

/// The distinct forms of a text seen so far, by their text and whether they are a word (or an
/// abbreviation).
#[derive(Debug)]
pub(super) struct Forms<'a> {
    ids: hashbrown::HashTable<Key>,
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
#[derive(Debug, Clone, Copy)]
struct Key {
    /// The form's first bytes, then zeros.
    prefix: [u8; 16],
    /// Its length in bytes, with the top bit set for a word.
    len: u32,
    id: u32,
}

impl Key {
    fn of(surface: &str, word: bool) -> ([u8; 16], u32) {
        let mut prefix = [0; 16];
        let n = surface.len().min(16);
        prefix[..n].copy_from_slice(&surface.as_bytes()[..n]);
        (prefix, surface.len() as u32 | u32::from(word) << 31)
    }
}

impl Key {
    /// The hash of the form a key is for, when the table grows.
    fn rehash(&self, tails: &[u8], seen: &[Form<'_>]) -> u64 {
        let n = (self.len & !(1 << 31)) as usize;
        let word = self.len >> 31 != 0;
        if n <= 16 {
            return hash(&self.prefix[..n], word);
        }
        let tail = seen[self.id as usize].tail as usize;
        let mut bytes = self.prefix.to_vec();
        bytes.extend_from_slice(&tails[tail..tail + n - 16]);
        hash(&bytes, word)
    }
}

fn hash(surface: &[u8], word: bool) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(surface);
    h.write_u8(u8::from(word));
    h.finish()
}

/// The form of a token that is neither word nor abbreviation.
pub(super) const NO_FORM: u32 = 0;

impl Default for Forms<'_> {
    fn default() -> Self {
        Forms {
            ids: hashbrown::HashTable::new(),
            tails: Vec::new(),
            seen: vec![Form {
                lower: 0,
                lower_len: 0,
                info: WordInfo::default(),
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
        let (tails, seen) = (&self.tails, &self.seen);
        self.ids.reserve(forms, |k| k.rehash(tails, seen));
        self.seen.reserve(forms);
        self.lower.reserve(forms * 10);
    }

    /// The form of a word or abbreviation token, worked out on its first occurrence.
    #[inline]
    pub fn of(&mut self, linker: &'a Linker, text: &'a str, token: Token) -> u32 {
        let surface = token.text(text);
        let word = token.kind == TokenKind::Word;
        let hash = hash(surface.as_bytes(), word);
        let (prefix, len) = Key::of(surface, word);
        let (tails, seen) = (&self.tails, &self.seen);
        let found = self.ids.find(hash, |k| {
            k.prefix == prefix
                && k.len == len
                && (surface.len() <= 16 || {
                    let tail = seen[k.id as usize].tail as usize;
                    tails[tail..tail + surface.len() - 16] == surface.as_bytes()[16..]
                })
        });
        match found {
            Some(k) => k.id,
            None => self.add(linker, text, token, hash, word),
        }
    }

    /// A form seen for the first time: lowercased, classified, looked up, maybe split.
    #[inline(never)]
    fn add(
        &mut self,
        linker: &'a Linker,
        text: &'a str,
        token: Token,
        hash: u64,
        word: bool,
    ) -> u32 {
        let surface = token.text(text);
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
        let capital = if crate::de::is_capitalized(surface) {
            CAPITAL
        } else {
            0
        };
        self.seen.push(Form {
            lower: start as u32,
            lower_len: (self.lower.len() - start) as u32 | capital,
            info: grammar::word_info(lower),
            hits,
            compound: compound.unwrap_or(NO_COMPOUND),
            tail,
        });
        let (prefix, len) = Key::of(surface, word);
        let (tails, seen) = (&self.tails, &self.seen);
        self.ids
            .insert_unique(hash, Key { prefix, len, id }, |k| k.rehash(tails, seen));
        id
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
        &self.lower[start..start + (f.lower_len & !CAPITAL) as usize]
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
            .map(|&t| forms.of(&linker, &text, t))
            .collect();
        let again: Vec<u32> = tokens
            .iter()
            .map(|&t| forms.of(&linker, &text, t))
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
