//! espeak-ng's IPA, made to read like a dictionary's: espeak-ng puts a stress mark before the
//! stressed vowel (`bˈyndnɪs`), IPA puts it before the stressed syllable (`ˈbyndnɪs`).

const PRIMARY: char = 'ˈ';
const SECONDARY: char = 'ˌ';

/// Consonant clusters German lets a syllable start with inside a word (r standing for any r
/// sound), the longer ones first; `s` before a stop goes with the syllable before
/// (`Indus-trie`). A cluster inside a word is split so that the stressed syllable
/// takes the longest of these that ends it: `ɛɾklˈɛːrʊŋ` gives `ɛɾˈklɛːrʊŋ`.
const ONSETS: &[&str] = &[
    "ʃpr", "ʃtr", "ʃpl", "pfr", "pfl", "tsv", //
    "pr", "pl", "br", "bl", "tr", "dr", "kr", "kl", "kn", "kv", "ɡr", "ɡl", "ɡn", "fr", "fl", "vr",
    "ʃr", "ʃl", "ʃm", "ʃn", "ʃp", "ʃt", "ʃv", "ts", "pf", "tʃ", "dʒ",
];

/// Moves every stress mark from before its vowel to the start of its syllable: to the start
/// of the word when only consonants stand before it there, else past the consonants that may
/// start a German syllable.
pub fn mark_syllable_stress(ipa: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(ipa.len());
    for c in ipa.chars() {
        if c != PRIMARY && c != SECONDARY {
            out.push(c);
            continue;
        }
        // The consonants just before the mark, as (start in `out`, base letter) per segment.
        let mut segments: Vec<(usize, char)> = Vec::new();
        let mut j = out.len();
        let word_start = loop {
            // A segment: a consonant with the marks that follow it (ʰ, a tie, a diacritic).
            let mut k = j;
            while k > 0 && is_modifier(out[k - 1]) {
                k -= 1;
            }
            match k.checked_sub(1).map(|k| out[k]) {
                Some(base) if is_consonant(base) => {
                    segments.push((k - 1, base));
                    j = k - 1;
                }
                Some(other) => {
                    break other.is_whitespace() || other == PRIMARY || other == SECONDARY;
                }
                None => break true,
            }
        };
        segments.reverse();
        let onset = if word_start {
            segments.len()
        } else {
            onset_length(&segments)
        };
        let at = segments
            .get(segments.len() - onset)
            .map_or(out.len(), |&(start, _)| start);
        out.insert(at, c);
    }
    out.into_iter().collect()
}

/// How many of the segments at the end of a word-internal cluster start the next syllable.
fn onset_length(segments: &[(usize, char)]) -> usize {
    let letters: String = segments.iter().map(|&(_, c)| normalize_r(c)).collect();
    for onset in ONSETS {
        if letters.ends_with(onset) {
            return onset.chars().count();
        }
    }
    // One consonant starts the syllable, unless it is ŋ, which never does.
    match segments.last() {
        Some(&(_, 'ŋ')) | None => 0,
        Some(_) => 1,
    }
}

fn normalize_r(c: char) -> char {
    match c {
        'ɾ' | 'ʁ' | 'ɹ' | 'ʀ' => 'r',
        c => c,
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'ɐ'
            | 'ɑ'
            | 'ɒ'
            | 'æ'
            | 'ɛ'
            | 'ɜ'
            | 'ə'
            | 'ɪ'
            | 'ɔ'
            | 'ø'
            | 'œ'
            | 'ʊ'
            | 'ʏ'
            | 'ɵ'
            | 'ɶ'
            | 'ʌ'
            | 'ɤ'
            | 'ɯ'
            | 'ɨ'
            | 'ʉ'
            | 'ɚ'
    )
}

/// Length marks, ties, aspiration and combining diacritics: part of the segment before them.
fn is_modifier(c: char) -> bool {
    matches!(c, 'ː' | 'ˑ' | 'ʰ' | 'ʲ' | 'ʷ' | '\u{0361}' | '\u{035C}')
        || ('\u{0300}'..='\u{036F}').contains(&c)
}

fn is_consonant(c: char) -> bool {
    c.is_alphabetic() && !is_vowel(c) && !is_modifier(c)
}

#[cfg(test)]
mod tests {
    use super::mark_syllable_stress as mark;

    #[test]
    fn a_word_initial_stress_moves_to_the_word_start() {
        assert_eq!(mark("bˈyndnɪs"), "ˈbyndnɪs");
        assert_eq!(mark("ʃtɾˈɑːsə"), "ˈʃtɾɑːsə");
        assert_eq!(mark("ˈapfəl"), "ˈapfəl");
    }

    #[test]
    fn inside_a_word_the_syllable_takes_a_german_onset() {
        assert_eq!(mark("ɛɾklˈɛːrʊŋ"), "ɛɾˈklɛːrʊŋ");
        assert_eq!(mark("fɛɾlˈaŋtən"), "fɛɾˈlaŋtən");
        assert_eq!(mark("tsuːrˈyktsˌiːən"), "tsuːˈrykˌtsiːən");
        assert_eq!(mark("mˈɪtɡlˌiːtsʃtɑːtən"), "ˈmɪtˌɡliːtsʃtɑːtən");
        assert_eq!(mark("ˈankˌyndɪɡən"), "ˈanˌkyndɪɡən");
        assert_eq!(mark("ˈaphˌɛŋən"), "ˈapˌhɛŋən");
        assert_eq!(mark("ˌɪndʊstɾˈiː"), "ˌɪndʊsˈtɾiː");
    }

    #[test]
    fn a_stress_after_a_vowel_stays() {
        assert_eq!(
            mark("ʃpˌɪoːnˌɑɡeːˌaktiːviːtˈɛːtən"),
            "ˌʃpɪoːˌnɑɡeːˌaktiːviːˈtɛːtən"
        );
        assert_eq!(mark("ˌʊkɾɑˈiːnə"), "ˌʊkɾɑˈiːnə");
    }

    #[test]
    fn each_word_of_a_phrase_is_marked() {
        assert_eq!(mark("tsuːɾ kˈɛntnɪs nˈeːmən"), "tsuːɾ ˈkɛntnɪs ˈneːmən");
        assert_eq!(mark("kˈyndɪçtə ˈan"), "ˈkyndɪçtə ˈan");
    }

    #[test]
    fn text_without_stress_is_unchanged() {
        assert_eq!(mark("zɪç"), "zɪç");
        assert_eq!(mark(""), "");
    }
}
