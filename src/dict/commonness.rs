//! How common an English translation is, told by the dictionary itself: how often its word
//! occurs over the English side of all the dictionary's lines. Examples, compounds and
//! comments use everyday words far more than rare ones (in Ding, `desire` and its forms occur
//! over 100 times, `hankering` 3 times), so a line translated by a word the dictionary hardly
//! uses is seldom a word's main sense.

use rustc_hash::FxHashMap;

/// Counts of the English words of a dictionary, their forms counted together (see [`stem`]).
#[derive(Debug, Default)]
pub struct Commonness {
    counts: FxHashMap<Box<str>, u32>,
}

/// A translation whose main word the dictionary uses fewer times than this is rare. Measured
/// on Ding: at 32, the first senses of common words lose `cattishly` (falsch), `requisite`
/// (nötig), `locality` (Ort), `actuality` (Wirklichkeit); at 64 they would lose `beautiful`
/// (schön), `soul` (Seele), `suddenly` (plötzlich).
pub const RARE_BELOW: u32 = 32;

/// Words that say how a translation is used, not what it is: they make its main word only
/// when there is no other (`a; an`, `to be`).
const FRAME_WORDS: &[&str] = &[
    "to", "sth", "sb", "oneself", "one's", "a", "an", "the", "of", "be",
];

/// Calls `f` with each English word of `text`, lowercase and stemmed: runs of ASCII letters,
/// with `'` and `-` inside a word (`all-important`, `one's`).
fn for_each_word(text: &str, mut f: impl FnMut(&str)) {
    let bytes = text.as_bytes();
    let mut word = String::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_alphabetic()
                || (matches!(bytes[i], b'\'' | b'-')
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic)))
        {
            i += 1;
        }
        word.clear();
        word.push_str(&text[start..i]);
        word.make_ascii_lowercase();
        stem(&mut word);
        f(&word);
    }
}

/// Takes the commonest English endings off a lowercase word, so that a word's forms count
/// together: `forbids`, `forbidding` and `forbid` are `forbid`; `desired`, `desires` and
/// `desire` are `desir`. Crude, but the same for counting and asking, which is all it needs.
fn stem(word: &mut String) {
    let len = word.len();
    let cut = if len > 5 && word.ends_with("ies") {
        word.truncate(len - 3);
        word.push('y');
        return;
    } else if len > 5 && word.ends_with("ing") {
        3
    } else if len > 4 && word.ends_with("ed") {
        2
    } else {
        usize::from(
            len > 3 && word.ends_with('s') && !word.ends_with("ss") && !word.ends_with("'s"),
        )
    };
    word.truncate(len - cut);
    let b = word.as_bytes();
    let n = b.len();
    if cut > 1 && n > 3 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
        // `forbidd` from `forbidding`.
        word.pop();
    } else if n > 3 && word.ends_with('e') && !word.ends_with("ee") {
        word.pop();
    }
}

/// An alternative without its comments, labels, tags and abbreviations: `foot /ft.; f./`,
/// `(human) mind`, `to fly {flew; flown} (to)`.
fn without_brackets(alt: &str) -> String {
    let mut plain = String::with_capacity(alt.len());
    let mut depth = 0usize;
    let mut abbreviation = false;
    let mut after_space = true;
    for c in alt.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth = depth.saturating_sub(1),
            '/' if abbreviation => abbreviation = false,
            '/' if after_space && depth == 0 => abbreviation = true,
            _ if depth == 0 && !abbreviation => plain.push(c),
            _ => {}
        }
        after_space = c.is_whitespace();
    }
    plain
}

impl Commonness {
    /// Counts the words of one line's English side (all its columns).
    pub fn add(&mut self, en: &str) {
        let counts = &mut self.counts;
        for_each_word(en, |w| {
            if let Some(n) = counts.get_mut(w) {
                *n = n.saturating_add(1);
            } else {
                counts.insert(w.into(), 1);
            }
        });
    }

    /// How often `word` occurs, with its forms.
    #[cfg(test)]
    fn count(&self, word: &str) -> u32 {
        let mut n = 0;
        for_each_word(word, |w| n = self.counts.get(w).copied().unwrap_or(0));
        n
    }

    /// How often an English alternative's main word occurs: the rarest of its words,
    /// comments, `to`, `sth.`, `sb.` and articles aside (`human being` is as common as
    /// `being`, `to give up` as `give`, `(human) mind` as `mind`). `None` for no words.
    pub fn main_word_count(&self, alt: &str) -> Option<u32> {
        let (mut rarest, mut rarest_frame): (Option<u32>, Option<u32>) = (None, None);
        for_each_word(&without_brackets(alt), |w| {
            let n = self.counts.get(w).copied().unwrap_or(0);
            let slot = if FRAME_WORDS.contains(&w) {
                &mut rarest_frame
            } else {
                &mut rarest
            };
            *slot = Some(slot.map_or(n, |r| r.min(n)));
        });
        rarest.or(rarest_frame)
    }

    /// Whether an English alternative's main word occurs fewer than [`RARE_BELOW`] times.
    /// Without counts (an empty dictionary, or none asked), nothing is rare.
    pub fn is_rare(&self, alt: &str) -> bool {
        !self.counts.is_empty() && self.main_word_count(alt).is_some_and(|n| n < RARE_BELOW)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counted(lines: &[&str]) -> Commonness {
        let mut c = Commonness::default();
        for l in lines {
            c.add(l);
        }
        c
    }

    #[test]
    fn counts_words_of_every_column_case_aside() {
        let c = counted(&[
            "garden | the Garden of Eden | in the garden",
            "yard; garden (behind a house) | back yard",
        ]);
        assert_eq!(c.count("garden"), 4);
        assert_eq!(c.count("Garden"), 4);
        assert_eq!(c.count("yard"), 2);
        assert_eq!(c.count("eden"), 1);
        assert_eq!(c.count("lawn"), 0);
    }

    #[test]
    fn counts_a_words_forms_together() {
        let c = counted(&[
            "to wish sth. | wishing | wished | he/she wishes",
            "wish; desire | wishes | desired | desiring",
            "to forbid sth. | forbidding | forbids",
            "cherries | cherry",
        ]);
        assert_eq!(c.count("wish"), 6);
        assert_eq!(c.count("desire"), 3);
        assert_eq!(c.count("forbid"), 3);
        assert_eq!(c.count("cherry"), 2);
        // `ss` is no plural; short words keep their ending.
        let c = counted(&["glass | glasses | gas | bus"]);
        assert_eq!(c.count("glass"), 2);
        assert_eq!(c.count("gas"), 1);
        assert_eq!(c.count("bus"), 1);
    }

    #[test]
    fn keeps_hyphens_and_apostrophes_inside_words() {
        let c = counted(&["all-important; one's own - vital"]);
        assert_eq!(c.count("all-important"), 1);
        assert_eq!(c.count("all"), 0);
        assert_eq!(c.count("one's"), 1);
        assert_eq!(c.count("vital"), 1);
    }

    #[test]
    fn the_main_word_leaves_out_frame_words_comments_and_abbreviations() {
        let c = counted(&[
            "to decide sth. | to decide | decides | decided",
            "(human) mind | to mind | peace of mind | state of mind",
            "foot /ft./ | feet",
        ]);
        assert_eq!(c.main_word_count("to decide sth."), Some(4));
        // `human` in the comment does not make `(human) mind` rare.
        assert_eq!(c.main_word_count("(human) mind"), Some(4));
        assert_eq!(c.main_word_count("foot /ft.; f./"), Some(1));
        assert_eq!(c.main_word_count("to fly {flew; flown} [aviat.]"), Some(0));
        assert_eq!(c.main_word_count("(just a comment)"), None);
    }

    #[test]
    fn a_phrase_is_as_common_as_its_rarest_word() {
        let c = counted(&["being | human | human | human | a human being"]);
        assert_eq!(c.main_word_count("human being"), Some(2));
        assert_eq!(c.main_word_count("human"), Some(4));
    }

    #[test]
    fn frame_words_alone_are_the_main_word() {
        let c = counted(&[
            "a; an | a book | a house | an apple",
            "to be | to be or not to be",
        ]);
        assert_eq!(c.main_word_count("a; an"), Some(2));
        assert_eq!(c.main_word_count("to be"), Some(3));
    }

    #[test]
    fn a_word_used_fewer_than_rare_below_times_is_rare() {
        let mut c = Commonness::default();
        for _ in 0..RARE_BELOW {
            c.add("desire | a strong desire");
        }
        c.add("hankering");
        assert!(c.is_rare("hankering"));
        assert!(c.is_rare("to hanker (after sth.)"));
        assert!(!c.is_rare("desire (for sth.)"));
        // No counts: nothing is rare.
        assert!(!Commonness::default().is_rare("hankering"));
    }
}
