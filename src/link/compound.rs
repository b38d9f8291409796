//! Compounds the glossary does not have whole: `NATO-Rat` through its last part,
//! `Spionageaktivitäten` through its head noun, split only where both parts are words.

use super::index::Hit;
use super::{Candidate, CompoundPart, Linker, PendingForm};
use crate::de::inflect::{Reading, strong_base};
use crate::de::lexicon::{
    ENDING_HEADS, INSEPARABLE_PREFIXES, LINKING_SUFFIXES, NAME_HEADS, NOUN_PREFIXES, PARTICLES,
    PREFIX_ENDS, PREFIX_ENDS_ALWAYS, TWO_WAY_PREFIXES, VERBAL_HEADS, is_compound_modifier,
};
use crate::de::token::Token;
use crate::glossary::Gender;

/// Whether a lowercase word is a separable verb particle (vor, ein, unter, fest).
fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word) || TWO_WAY_PREFIXES.contains(&word)
}

/// Whether a German word could end as `modifier` ends: not in w, j, q (Denkw-eise), a
/// consonant and h (Festh-alten), a consonant and l or r (Teerfl-ecken), or sp (Felssp-alte).
fn could_end_a_word(modifier: &str) -> bool {
    let b = modifier.as_bytes();
    let [.., x, y] = b else {
        return false;
    };
    let consonant = |c: u8| c.is_ascii_alphabetic() && !b"aeiouy".contains(&c);
    !(matches!(y, b'w' | b'j' | b'q')
        || (*y == b'h' && consonant(*x) && *x != b'c')
        || (matches!(y, b'l' | b'r') && consonant(*x) && !matches!(x, b'l' | b'r' | b'h'))
        || (*x == b's' && *y == b'p'))
}

/// Whether a first part is a verb prefix or particle and one or two letters more (`vorur`,
/// `vorau`): those letters begin the head (Vor-urteil, Vor-aussage).
fn begins_with_prefix_of_head(modifier: &str) -> bool {
    PARTICLES
        .iter()
        .chain(INSEPARABLE_PREFIXES)
        .filter_map(|p| modifier.strip_prefix(p))
        .any(|rest| !rest.is_empty() && rest.chars().nth(2).is_none())
}

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
    /// part that is a word (Russland is no Land, Dokumente no Ente). A head inside a longer one
    /// that has a first part that is no word is none (Mißerfolge is no Folge, with or without an
    /// entry Erfolg). The old spelling wrote two of three equal consonants (Schiffahrt for
    /// Schifffahrt).
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
        // A first part of three letters at least (two for Un-), a head of three bytes at least.
        let shortest = if lower.starts_with("un") { 2 } else { 3 };
        let (first, _) = lower.char_indices().nth(shortest)?;
        let mut triple = String::new();
        let mut buf = String::new();
        // Where the longest head found so far starts, if its first part was no word.
        let mut refused: Option<usize> = None;
        for at in first..bytes.len().saturating_sub(2) {
            // Only where a letter starts.
            if bytes[at] & 0xc0 == 0x80 {
                continue;
            }
            let head = &lower[at..];
            let (h0, h1, h2) = (bytes[at], bytes[at + 1], bytes[at + 2]);
            let mut head = head;
            let mut found = if self.may_be_noun([h0, h1, h2], head.len()) {
                self.noun_hit(head)
            } else {
                None
            };
            let mut tripled = false;
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
                tripled = found.is_some();
                if tripled {
                    head = &triple;
                }
            }
            let Some(hit) = found else {
                continue;
            };
            // Russland, Münchhausen: names; jedermann, ebenfalls: function words.
            if crate::de::lexicon::is_not_compound(lower)
                || lower.ends_with("hausen")
                || !crate::de::core::lookup(lower).is_empty()
            {
                return None;
            }
            // A shorter head than one refused only after a linking element: Arbeits-amt after
            // Arbeit-samt; not Mißer-folge after Miß-erfolg, Unver-stand after Un-verstand.
            if let Some(longer) = refused
                && !matches!(&lower[longer..at], "s" | "es" | "n" | "en" | "e")
            {
                return None;
            }
            let head_entry = &self.glossary.entries[hit.entry as usize];
            let modifier_lower = &lower[..at];
            // Schiff-fahrt: only after a word, before no other word's ending (Pas-sagen).
            let refuse = if tripled {
                !self.known_stem(modifier_lower)
                    || ENDING_HEADS.contains(&head_entry.de.to_lowercase().as_str())
                    || !self.is_first_part(modifier_lower, head, head_entry, &mut buf)
            } else {
                !self.is_first_part(modifier_lower, head, head_entry, &mut buf)
            };
            if refuse {
                refused.get_or_insert(at);
                continue;
            }
            let (modifier_text, modifier_entry) = self.modifier(&surface[..at]);
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

    /// Whether `modifier` (lowercase) is a first part a German reader would split off before
    /// `head` (lowercase, as written), a form of the noun `head_entry`:
    ///
    /// - a prefix of nouns (Un-verstand, Miss-erfolg, Meta-beweis; `un` before a head of five
    ///   letters or more);
    /// - no verb particle before a noun made from a verb (Vorzug from vorziehen, Einfall,
    ///   Einrichtung) or an infinitive (Vorfahren, Einschlafen, Überschlagen): those are the
    ///   particle verb's;
    /// - before Ende a word with its linking element (Wochen-ende): Reisende, Stechende and
    ///   Andersdenkende are participles; before Alt and Bar a word, no verb stem (Gehalt,
    ///   Festhalten, erkennbar); no adjective in -reich (Erfolgreiche), no adverb in -erweise
    ///   (Glücklicherweise);
    /// - before another word's ending (Tisch, Ente, Eis) a word, not two (Komm-uni-), and
    ///   before a short one no first part ending in a vowel (Auto-ren);
    /// - otherwise a word (see [`Linker::is_word`]), or a first part of five letters or more
    ///   that could end a German word, is no verb prefix with the head's first letters (Vorur-)
    ///   and does not end in one (Gerichtsver-, Blitzab-), before a head of four letters or
    ///   more that is no other word's ending (Dokum-ente, Denkw-eise), no ending of names
    ///   (Ecker-mann, Wallen-stein) and no infinitive read as a plural (Vollb-ringen).
    fn is_first_part(
        &self,
        modifier: &str,
        head: &str,
        head_entry: &crate::glossary::Entry,
        buf: &mut String,
    ) -> bool {
        if NOUN_PREFIXES.contains(&modifier) {
            return if modifier == "un" {
                head_entry.de.chars().nth(4).is_some()
            } else {
                // Missfallen is missfallen's, no kind of Fall.
                !self.is_infinitive(head)
            };
        }
        if modifier.chars().nth(1).is_none() {
            return false;
        }
        let head_lower = head_entry.de.to_lowercase();
        if is_particle(modifier)
            && (VERBAL_HEADS.contains(&head_lower.as_str())
                || (head_lower.ends_with("ung")
                    && !INSEPARABLE_PREFIXES
                        .iter()
                        .any(|p| head_lower.starts_with(p)))
                || (head_entry.gender == Some(Gender::N)
                    && head_lower.ends_with("en")
                    && !head_lower.ends_with("chen"))
                || self.is_infinitive(head))
        {
            return false;
        }
        match head_lower.as_str() {
            // Wochen-ende, Lebens-ende; Reisende, Stechende and Andersdenkende are participles.
            "ende" => return self.known_stem_linked(modifier),
            // Gehalt, Festhalten; erkennbar.
            "alt" | "bar" => {
                return self.known_stem(modifier) && {
                    buf.clear();
                    buf.push_str(modifier);
                    buf.push_str("en");
                    !self.is_infinitive(buf)
                };
            }
            // Erfolgreiche, tugendreichen: adjectives in -reich.
            "reich" if ["e", "en", "er", "em"].iter().any(|e| head.ends_with(e)) => return false,
            // Glücklicherweise, möglicherweise: adverbs.
            "weise" if modifier.ends_with("er") => return false,
            _ => {}
        }
        let ending_head = ENDING_HEADS.contains(&head_lower.as_str());
        // Auto-ren, Philosophie-ren: a short ending after a vowel is a word's own.
        if ending_head
            && head_lower.chars().nth(3).is_none()
            && modifier.ends_with(['a', 'e', 'i', 'o', 'u', 'y', 'ä', 'ö', 'ü'])
        {
            return false;
        }
        // Before a word ending, no first part of two (Komm-uni-tisch).
        if self.is_word(modifier, u8::from(ending_head), buf) {
            return true;
        }
        // Vollbringen is no plural of Ring; Hammerwerfen is Werfen.
        modifier.chars().nth(4).is_some()
            && head_lower.chars().nth(3).is_some()
            && !ending_head
            && !NAME_HEADS.contains(&head_lower.as_str())
            && could_end_a_word(modifier)
            && (head == head_lower || !self.is_infinitive(head))
            && !self.ends_in_prefix(modifier, 0)
            && !begins_with_prefix_of_head(modifier)
    }

    /// Whether a first part no word list knows ends in a verb prefix that belongs to the head:
    /// `gerichtsver` (a word and ver-), `blitzab` (ab- ends no noun), `wettervorher`.
    fn ends_in_prefix(&self, modifier: &str, depth: u8) -> bool {
        let cut = |p: &&str| {
            modifier
                .strip_suffix(*p)
                .filter(|rest| rest.chars().nth(2).is_some())
        };
        if PREFIX_ENDS_ALWAYS.iter().any(|p| cut(p).is_some()) {
            return true;
        }
        PREFIX_ENDS.iter().filter_map(cut).any(|rest| {
            (rest.ends_with('s') && rest.chars().nth(4).is_some())
                || NOUN_PREFIXES.contains(&rest)
                || self.known_stem(rest)
                || crate::de::core::lookup(rest)
                    .iter()
                    .any(|e| matches!(e.pos, "adv" | "particle"))
                || (depth == 0 && self.ends_in_prefix(rest, 1))
        })
    }

    /// Whether a first part is a word itself (see [`Linker::known_stem`]) with a linking
    /// element: `wochen`, `lebens`, not `reis`.
    fn known_stem_linked(&self, modifier: &str) -> bool {
        LINKING[..LINKING.len() - 1].iter().any(|link| {
            modifier
                .strip_suffix(link)
                .is_some_and(|stem| self.known_stem_of(stem))
        })
    }

    /// Whether a first part (lowercase, maybe with its linking element) is a word itself, not a
    /// verb's stem: a noun, adjective or other word of the glossary's or a frequent first part.
    fn known_stem(&self, modifier: &str) -> bool {
        LINKING.iter().any(|link| {
            modifier
                .strip_suffix(link)
                .is_some_and(|stem| self.known_stem_of(stem))
        })
    }

    /// Whether a stem without linking element is a word of the glossary's that is no verb form,
    /// or a frequent first part.
    fn known_stem_of(&self, stem: &str) -> bool {
        stem.chars().nth(1).is_some()
            && (is_compound_modifier(stem)
                || self.forms.get(stem).is_some_and(|hits| {
                    hits.iter()
                        .any(|h| self.info[h.entry as usize].verb_display.is_none())
                }))
    }

    /// Whether a lowercase word is a verb's infinitive: a verb of the glossary's, or a strong
    /// verb's (fahren, schlafen).
    fn is_infinitive(&self, lower: &str) -> bool {
        (lower.ends_with("en") || lower.ends_with("ern") || lower.ends_with("eln"))
            && (strong_base(lower).is_some_and(|(prefix, _)| prefix.is_empty())
                || self.forms.get(lower).is_some_and(|hits| {
                    hits.iter().any(|h| {
                        self.info[h.entry as usize].verb_display.is_some()
                            && h.readings.contains(Reading::Infinitive)
                    })
                }))
    }

    /// The surest noun a compound's head may be a form of: Mausefalle is a Falle, not the old
    /// dative of Fall.
    fn noun_hit(&self, lower: &str) -> Option<&Hit> {
        self.forms
            .get(lower)?
            .iter()
            .filter(|h| self.info[h.entry as usize].noun_like)
            .min_by_key(|h| h.sureness)
    }

    /// Whether a compound's first part (lowercase, maybe with its linking element) is a word:
    /// a form the glossary knows, a verb stem of it (Schreib-tisch), a frequent first part, a
    /// noun by its suffix (Sicherheits-), or itself two such parts (Handbuch-seite). `buf` is
    /// scratch space.
    fn is_word(&self, modifier: &str, depth: u8, buf: &mut String) -> bool {
        // Not Kommunis-: -nis follows a consonant (Erleb-nis, Zeug-nis).
        if modifier.len() > 5
            && LINKING_SUFFIXES.iter().any(|s| modifier.ends_with(s))
            && !(modifier.ends_with("nis")
                && modifier[..modifier.len() - 3]
                    .ends_with(['a', 'e', 'i', 'o', 'u', 'ä', 'ö', 'ü']))
        {
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
                // Not Prioritäts-an-: a prefix at the end belongs to the head (Anspruch); not
                // Vor-ur-: a second part of three letters at least.
                if b.chars().nth(2).is_some()
                    && !is_particle(b)
                    && !INSEPARABLE_PREFIXES.contains(&b)
                    && self.is_word(a, 1, buf)
                    && self.is_word(b, 1, buf)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A linker for a glossary of `(headword, pos, gender)`.
    fn linker(entries: &[(&str, &str, &str)]) -> Linker {
        use std::fmt::Write as _;
        let mut toml = String::new();
        for (de, pos, gender) in entries {
            let _ = writeln!(toml, "[[term]]\nde = \"{de}\"\nen = \"x\"\npos = \"{pos}\"");
            if !gender.is_empty() {
                let _ = writeln!(toml, "gender = \"{gender}\"");
            }
        }
        Linker::new(crate::glossary::parse(&toml, "g.toml").unwrap())
    }

    /// The parts a capitalized word splits into, joined by ` + ` (the head as its headword).
    fn split(linker: &Linker, word: &str) -> Option<String> {
        let c = linker.closed_compound(word, &word.to_lowercase(), 0)?;
        Some(
            c.parts
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" + "),
        )
    }

    #[test]
    fn a_first_part_that_is_no_word_splits_off_no_word_ending() {
        let l = linker(&[
            ("Ente", "noun", "f"),
            ("Eis", "noun", "n"),
            ("Reich", "noun", "n"),
            ("Tat", "noun", "f"),
            ("Tier", "noun", "n"),
            ("Ende", "noun", "n"),
            ("Alt", "noun", "m"),
            ("Zunge", "noun", "f"),
            ("Mist", "noun", "m"),
            ("Ren", "noun", "n"),
            ("Auto", "noun", "n"),
            ("stechen", "verb", ""),
            ("denken", "verb", ""),
        ]);
        for word in [
            "Dokumente",
            "Instrumente",
            "Denkweise",
            "Österreich",
            "Universitäten",
            "Musketiere",
            "Stechende",
            "Andersdenkenden",
            "Festhalten",
            "Besitzungen",
            "Pessimist",
            "Autoren",
        ] {
            assert_eq!(split(&l, word), None, "{word}");
        }
    }

    #[test]
    fn a_word_ending_head_follows_a_word() {
        let l = linker(&[
            ("Ende", "noun", "n"),
            ("Woche", "noun", "f"),
            ("Tier", "noun", "n"),
            ("Tisch", "noun", "m"),
            ("schreiben", "verb", ""),
            ("Reich", "noun", "n"),
            ("Erfolg", "noun", "m"),
            ("Weise", "noun", "f"),
            ("glücklich", "adj", ""),
        ]);
        assert_eq!(split(&l, "Wochenende").as_deref(), Some("Woche + Ende"));
        assert_eq!(split(&l, "Säugetiere").as_deref(), Some("Säuge + Tier"));
        assert_eq!(
            split(&l, "Schreibtisch").as_deref(),
            Some("Schreib + Tisch")
        );
        assert_eq!(split(&l, "Tierreich").as_deref(), Some("Tier + Reich"));
        // Adjectives and adverbs, not kinds of Reich and Weise.
        assert_eq!(split(&l, "Erfolgreiche"), None);
        assert_eq!(split(&l, "Glücklicherweise"), None);
    }

    #[test]
    fn a_verb_prefix_at_the_end_of_the_first_part_belongs_to_the_head() {
        let l = linker(&[
            ("Handlung", "noun", "f"),
            ("Spruch", "noun", "m"),
            ("Leiter", "noun", "m"),
            ("Sage", "noun", "f"),
            ("Markt", "noun", "m"),
            ("an", "prep", ""),
            ("Gericht", "noun", "n"),
        ]);
        assert_eq!(split(&l, "Gerichtsverhandlungen"), None);
        assert_eq!(split(&l, "Prioritätsanspruch"), None);
        assert_eq!(split(&l, "Blitzableiter"), None);
        assert_eq!(split(&l, "Marktaussage"), None);
        assert_eq!(split(&l, "Heutzutage"), None);
        assert_eq!(
            split(&l, "Seminarleiter").as_deref(),
            Some("Seminar + Leiter")
        );
    }

    #[test]
    fn a_longer_head_wins_over_a_shorter_one_inside_it() {
        let l = linker(&[
            ("Folge", "noun", "f"),
            ("Erfolg", "noun", "m"),
            ("Stand", "noun", "m"),
            ("Verstand", "noun", "m"),
            ("Ende", "noun", "n"),
            ("Tugend", "noun", "f"),
            ("Fall", "noun", "m"),
            ("Teil", "noun", "m"),
            ("Urteil", "noun", "n"),
        ]);
        assert_eq!(split(&l, "Mißerfolge").as_deref(), Some("Miß + Erfolg"));
        assert_eq!(split(&l, "Unverstand").as_deref(), Some("Un + Verstand"));
        assert_eq!(split(&l, "Untugenden").as_deref(), Some("Un + Tugend"));
        assert_eq!(split(&l, "Vorurteil").as_deref(), Some("Vor + Urteil"));
        // Un- only before a head of five letters or more; Missfallen is missfallen's.
        assert_eq!(split(&l, "Unfall"), None);
        assert_eq!(split(&l, "Missfallen"), None);
        let without_urteil = linker(&[("Teil", "noun", "m")]);
        assert_eq!(split(&without_urteil, "Vorurteil"), None);
    }

    #[test]
    fn a_particle_before_a_noun_of_a_verb_makes_the_particle_verb_s_noun() {
        let l = linker(&[
            ("Zug", "noun", "m"),
            ("Fall", "noun", "m"),
            ("Richtung", "noun", "f"),
            ("Fahren", "noun", "n"),
            ("Satz", "noun", "m"),
            ("Ort", "noun", "m"),
            ("Arm", "noun", "m"),
            ("Bedingung", "noun", "f"),
        ]);
        for word in ["Vorzüge", "Einfall", "Einrichtung", "Vorfahren", "Vorsatz"] {
            assert_eq!(split(&l, word), None, "{word}");
        }
        assert_eq!(split(&l, "Vorort").as_deref(), Some("Vor + Ort"));
        assert_eq!(split(&l, "Unterarme").as_deref(), Some("Unter + Arm"));
        assert_eq!(
            split(&l, "Vorbedingung").as_deref(),
            Some("Vor + Bedingung")
        );
    }

    #[test]
    fn compounds_a_reader_splits_still_split() {
        let l = linker(&[
            ("Brücke", "noun", "f"),
            ("Esel", "noun", "m"),
            ("Zeit", "noun", "f"),
            ("Arzt", "noun", "m"),
            ("Rechner", "noun", "m"),
            ("Raum", "noun", "m"),
            ("Spieler", "noun", "m"),
            ("Beweis", "noun", "m"),
            ("Gesellschaft", "noun", "f"),
            ("Werfen", "noun", "n"),
        ]);
        for (word, parts) in [
            ("Eselsbrücke", "Esel + Brücke"),
            ("Paarungszeiten", "Paarung + Zeit"),
            ("Tierarzt", "Tier + Arzt"),
            ("Solartaschenrechner", "Solartaschen + Rechner"),
            ("Hubraum", "Hub + Raum"),
            ("Skatspielers", "Skat + Spieler"),
            ("METABEWEIS", "META + Beweis"),
            ("Konsumgesellschaft", "Konsum + Gesellschaft"),
            ("Hammerwerfen", "Hammer + Werfen"),
        ] {
            assert_eq!(split(&l, word).as_deref(), Some(parts), "{word}");
        }
    }

    #[test]
    fn names_and_function_words_are_no_compounds() {
        let l = linker(&[
            ("Mann", "noun", "m"),
            ("Baum", "noun", "m"),
            ("Haus", "noun", "n"),
            ("Hirsch", "noun", "m"),
            ("Ring", "noun", "m"),
        ]);
        for word in [
            "Eckermann",
            "Weizenbaum",
            "Hirschhausen",
            "Jedermann",
            "Vollbringen",
        ] {
            assert_eq!(split(&l, word), None, "{word}");
        }
    }

    #[test]
    fn words_end_as_german_words_do() {
        assert!(could_end_a_word("seminar"));
        assert!(could_end_a_word("schreib"));
        assert!(!could_end_a_word("denkw"));
        assert!(!could_end_a_word("festh"));
        assert!(!could_end_a_word("teerfl"));
        assert!(!could_end_a_word("felssp"));
        assert!(could_end_a_word("zeitalt"));
    }
}
