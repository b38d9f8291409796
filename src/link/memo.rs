//! What the linker knows of a word form without its context, worked out once a text: a book of
//! 300,000 words has some 30,000 distinct forms.

use super::grammar::{self, WordInfo};
use super::index::Hits;
use super::{Candidate, Linker};
use crate::de::lowercase_into;
use crate::de::token::{Token, TokenKind};
use std::ops::Range;

/// One distinct form as written.
#[derive(Debug, Clone)]
pub(super) struct Form<'a> {
    /// Its lower case, a range of [`Forms::lower`].
    lower: Range<u32>,
    pub info: WordInfo,
    pub capital: bool,
    /// Its entries in the form index, looked up as written or in reformed spelling.
    pub hits: Option<&'a Hits>,
    /// For a word the index does not have: the compound it links as, an index into
    /// [`Forms::compounds`] (its token still to be set).
    pub compound: Option<u32>,
}

/// The distinct forms of a text seen so far, by their text and whether they are a word (or an
/// abbreviation).
#[derive(Debug)]
pub(super) struct Forms<'a> {
    ids: rustc_hash::FxHashMap<(&'a str, bool), u32>,
    seen: Vec<Form<'a>>,
    lower: String,
    compounds: Vec<Candidate>,
    /// Scratch space for lookups.
    buf: String,
}

/// The form of a token that is neither word nor abbreviation.
pub(super) const NO_FORM: u32 = 0;

impl Default for Forms<'_> {
    fn default() -> Self {
        Forms {
            ids: rustc_hash::FxHashMap::default(),
            seen: vec![Form {
                lower: 0..0,
                info: WordInfo::default(),
                capital: false,
                hits: None,
                compound: None,
            }],
            lower: String::new(),
            compounds: Vec::new(),
            buf: String::new(),
        }
    }
}

impl<'a> Forms<'a> {
    /// The form of a word or abbreviation token, worked out on its first occurrence.
    #[inline]
    pub fn of(&mut self, linker: &'a Linker, text: &'a str, token: Token) -> u32 {
        let surface = token.text(text);
        let word = token.kind == TokenKind::Word;
        match self.ids.get(&(surface, word)) {
            Some(&id) => id,
            None => self.add(linker, text, token, surface, word),
        }
    }

    /// A form seen for the first time: lowercased, classified, looked up, maybe split.
    #[inline(never)]
    fn add(
        &mut self,
        linker: &'a Linker,
        text: &'a str,
        token: Token,
        surface: &'a str,
        word: bool,
    ) -> u32 {
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
        self.seen.push(Form {
            lower: start as u32..self.lower.len() as u32,
            info: grammar::word_info(lower),
            capital: crate::de::is_capitalized(surface),
            hits,
            compound,
        });
        self.ids.insert((surface, word), id);
        id
    }

    #[inline]
    pub fn get(&self, id: u32) -> &Form<'a> {
        &self.seen[id as usize]
    }

    /// The lower case of a form ("" for [`NO_FORM`]).
    #[inline]
    pub fn lower(&self, id: u32) -> &str {
        let r = &self.seen[id as usize].lower;
        &self.lower[r.start as usize..r.end as usize]
    }

    /// The compound candidate [`Form::compound`] names, for the token at `index`.
    pub fn compound(&self, compound: u32, index: usize) -> Candidate {
        let mut c = self.compounds[compound as usize].clone();
        c.tokens = smallvec::smallvec![index];
        c
    }
}
