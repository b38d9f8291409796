//! Compounds the glossary does not have whole: `NATO-Rat` through its last part,
//! `Spionageaktivitäten` through its head noun, split only where both parts are words.

use super::index::Hit;
use super::{Candidate, CompoundPart, Linker, PendingForm};
use crate::de::lexicon::{LINKING_SUFFIXES, NOT_COMPOUNDS, PLACE_NAME_HEADS, is_compound_modifier};
use crate::de::token::Token;

/// Linking elements between a compound's parts, longest first (Frieden-s-, Sonne-n-).
const LINKING: [&str; 8] = ["ens", "es", "en", "er", "s", "n", "e", ""];

impl Linker {
    /// A word the glossary does not know as a whole: a hyphenated compound links through its
    /// last part, a closed compound through its head noun (`Spionageaktivitäten` → Aktivität).
    pub(super) fn compound_candidate(
        &self,
        text: &str,
        token: Token,
        index: usize,
        lower: &str,
        buf: &mut String,
    ) -> Option<Candidate> {
        let surface = token.text(text);
        // Words are short: a plain scan beats a call to memrchr.
        let last_dash = |s: &str| s.bytes().rposition(|b| b == b'-');
        let surface_dash = last_dash(surface);
        let Some(surface_dash) = surface_dash else {
            return if crate::de::is_capitalized(surface) {
                self.closed_compound(surface, lower, index)
            } else {
                None
            };
        };
        // A hyphenated compound's last part is the noun (applications-Verzeichnissen).
        if !crate::de::is_capitalized(&surface[surface_dash + 1..]) {
            return None;
        }
        // The last hyphen of each: lowercasing may change the lengths before it (`ẞ` to `ß`).
        if let Some(dash) = last_dash(lower) {
            let dash_in_lower = dash;
            let dash = surface_dash;
            let last = &lower[dash_in_lower + 1..];
            let surface_last = &surface[dash + 1..];
            let Some(hit) = self
                .lookup(last, buf)
                .and_then(|hits| hits.iter().find(|h| self.info[h.entry as usize].noun_like))
            else {
                // UN-Sicherheitsrat: the last part is itself a closed compound.
                let mut c = self.closed_compound(surface_last, last, index)?;
                if let PendingForm::Text(form) = &mut c.form {
                    *form = format!("{}-{form}", &surface[..dash]);
                }
                return Some(c);
            };
            let parts = surface
                .split('-')
                .map(|p| CompoundPart {
                    text: p.to_string(),
                    entry: self.noun_entry(&p.to_lowercase()),
                })
                .collect();
            let form = self.compound_form(surface.split('-').collect::<Vec<_>>().join(" + "), hit);
            return Some(Candidate {
                entry: hit.entry as usize,
                tokens: smallvec::smallvec![index],
                form: PendingForm::Text(form),
                parts,
                rank: 1,
            });
        }
        self.closed_compound(surface, lower, index)
    }

    /// "Spionage + Aktivität, plural": a compound's parts, then what its head's form is.
    fn compound_form(&self, parts: String, head: &Hit) -> String {
        let reading = self.describe(head.entry as usize, head.readings, false);
        if reading.is_empty() {
            parts
        } else {
            format!("{parts}, {reading}")
        }
    }

    /// `Spionageaktivitäten` → Aktivität: the longest head that is a noun form, after a first
    /// part that is a word (Russland is no Land). The old spelling wrote two of three equal
    /// consonants (Schiffahrt for Schifffahrt).
    pub(super) fn closed_compound(
        &self,
        surface: &str,
        lower: &str,
        index: usize,
    ) -> Option<Candidate> {
        // Parts are cut from the surface at the lower case's offsets: a word whose lower case
        // is longer or shorter (İ, ẞ) is no compound the glossary could know.
        if lower.len() != surface.len() {
            return None;
        }
        let bytes = lower.as_bytes();
        // A first part of three letters at least, a head of three bytes at least.
        let (first, _) = lower.char_indices().nth(3)?;
        let mut triple = String::new();
        for at in first..bytes.len().saturating_sub(2) {
            // Only where a letter starts.
            if bytes[at] & 0xc0 == 0x80 {
                continue;
            }
            let head = &lower[at..];
            let (h0, h1, h2) = (bytes[at], bytes[at + 1], bytes[at + 2]);
            let mut found = if self.may_be_noun([h0, h1, h2], head.len()) {
                self.noun_hit(head)
            } else {
                None
            };
            if found.is_none()
                && bytes[at - 1] == bytes[at - 2]
                && self.may_be_noun([bytes[at - 1], h0, h1], head.len() + 1)
                && bytes[at - 1].is_ascii_alphabetic()
                && !b"aeiou".contains(&bytes[at - 1])
            {
                triple.clear();
                triple.push(bytes[at - 1] as char);
                triple.push_str(head);
                found = self.noun_hit(&triple);
            }
            let Some(hit) = found else {
                continue;
            };
            if NOT_COMPOUNDS.contains(&lower) {
                return None;
            }
            // An unknown first part of five letters or more before a noun of four or more
            // (Seminar-leiter) is taken, unless the head makes a place name (Heidel-berg); a
            // shorter one must be a word. Whether it is one is asked only then: it is the
            // dearest test here.
            let modifier_lower = &lower[..at];
            let head_len = lower.len() - at;
            let must_be_word = head_len < 4
                || modifier_lower.chars().nth(4).is_none()
                || PLACE_NAME_HEADS.iter().any(|h| lower.ends_with(h));
            if must_be_word && !self.is_word(modifier_lower, 0, &mut triple) {
                continue;
            }
            let (modifier_text, modifier_entry) = self.modifier(&surface[..at]);
            let head_entry = &self.glossary.entries[hit.entry as usize];
            let form = self.compound_form(format!("{modifier_text} + {}", head_entry.de), hit);
            return Some(Candidate {
                entry: hit.entry as usize,
                tokens: smallvec::smallvec![index],
                form: PendingForm::Text(form),
                parts: vec![
                    CompoundPart {
                        text: modifier_text,
                        entry: modifier_entry,
                    },
                    CompoundPart {
                        text: head_entry.de.clone(),
                        entry: Some(hit.entry as usize),
                    },
                ],
                rank: 0,
            });
        }
        None
    }

    fn noun_hit(&self, lower: &str) -> Option<&Hit> {
        self.forms
            .get(lower)?
            .iter()
            .find(|h| self.info[h.entry as usize].noun_like)
    }

    /// Whether a compound's first part (lowercase, maybe with its linking element) is a word:
    /// a form the glossary knows, a verb stem of it (Schreib-tisch), a frequent first part, a
    /// noun by its suffix (Sicherheits-), or itself two such parts (Handbuch-seite). `buf` is
    /// scratch space.
    fn is_word(&self, modifier: &str, depth: u8, buf: &mut String) -> bool {
        if modifier.len() > 5 && LINKING_SUFFIXES.iter().any(|s| modifier.ends_with(s)) {
            return true;
        }
        for link in LINKING {
            let Some(stem) = modifier.strip_suffix(link) else {
                continue;
            };
            if stem.chars().nth(1).is_none() {
                continue;
            }
            if self.forms.contains_key(stem) || is_compound_modifier(stem) {
                return true;
            }
            if link.is_empty() {
                buf.clear();
                buf.push_str(stem);
                buf.push_str("en");
                if self.is_verb_form(buf) {
                    return true;
                }
            }
        }
        if depth == 0 {
            // Handbuch-: two words.
            for (at, _) in modifier.char_indices().skip(2) {
                let (a, b) = modifier.split_at(at);
                if b.chars().nth(1).is_some() && self.is_word(a, 1, buf) && self.is_word(b, 1, buf)
                {
                    return true;
                }
            }
        }
        false
    }

    fn is_verb_form(&self, lower: &str) -> bool {
        self.forms.get(lower).is_some_and(|hits| {
            hits.iter()
                .any(|h| self.info[h.entry as usize].verb_display.is_some())
        })
    }

    /// A compound's modifier without its linking element (`Mitglieds` → `Mitglied`), with its
    /// entry when the glossary has one.
    fn modifier(&self, modifier: &str) -> (String, Option<usize>) {
        let lower = modifier.to_lowercase();
        for link in ["", "s", "es", "n", "en", "e", "er"] {
            if let Some(stem) = lower.strip_suffix(link)
                && stem.len() >= 3
                && let Some(e) = self.noun_entry(stem)
            {
                return (self.glossary.entries[e].de.clone(), Some(e));
            }
        }
        // Unknown: drop a linking -s- after typical suffixes (Sicherheits-, Mitglieds-).
        let text = [
            "ungs", "heits", "keits", "schafts", "ions", "täts", "lings", "s",
        ]
        .iter()
        .find(|suffix| {
            lower.ends_with(*suffix) && lower.len() > suffix.len() + 2 && !lower.ends_with("ss")
        })
        .map_or(modifier, |_| &modifier[..modifier.len() - 1]);
        (text.to_string(), None)
    }

    pub(super) fn noun_entry(&self, lower: &str) -> Option<usize> {
        self.noun_hit(lower).map(|h| h.entry as usize)
    }
}
