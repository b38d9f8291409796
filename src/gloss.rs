//! An interlinear gloss of one sentence: every word as the text has it, its headword and a
//! short first English sense, from the glossary, the core lexicon and the dictionaries'
//! answers known so far. A split verb (`kündigte … an`) or a multi-word expression is one
//! item at its first word; its later parts are items that point back to it. Punctuation
//! sticks to its word; numbers pass through without a gloss.
//!
//! Nothing here waits for a dictionary: a word whose answer has not come yet is
//! [`English::Pending`], and [`Gloss::pending`] says which words to ask about.

use crate::de::token::TokenKind;
use crate::dict::Answer;
use crate::glossary::Glossary;
use crate::link::Analysis;
use crate::terms::Terms;
use rustc_hash::FxHashMap;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The widest English a gloss item shows, in display columns.
pub const MAX_ENGLISH: usize = 24;

/// How many tokens after its verb a split verb's particle is looked for.
const MAX_PARTICLE_DISTANCE: usize = 200;

/// What stands under a word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum English {
    /// The first sense, made short: `to announce`.
    Sense(String),
    /// Nothing to gloss: a number.
    Nothing,
    /// The dictionaries have not answered yet.
    Pending,
    /// Nobody knows the word.
    Unknown,
    /// A later part of the item at this index (`an` of `kündigte … an`).
    PartOf(usize),
}

/// One column of the gloss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// As the text has it, with the punctuation around it: `„Kündigte`, `an.`; a split verb's
    /// first item has all its parts, `kündigte … an`.
    pub text: String,
    /// The headword, when it is not just the word: `gehen` for `ging`, `das Haus` for `Haus`.
    pub headword: Option<String>,
    pub english: English,
    /// The word tokens of the term the item shows: every part of a split verb, in both its
    /// items, so that selecting either part marks both.
    pub tokens: Vec<usize>,
}

/// A sentence, word by word.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Gloss {
    pub items: Vec<Item>,
    /// Word tokens whose dictionary answers have not come yet, each once.
    pub pending: Vec<usize>,
}

/// What a gloss is made from: the analysed text, its glossary and its terms.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub glossary: &'a Glossary,
    pub terms: &'a Terms,
}

/// How the tokens of a sentence group into terms: the glossary's links and the split verbs
/// the terms found, each keyed by its first token.
fn groups(src: &Context, range: std::ops::Range<usize>) -> FxHashMap<usize, Vec<usize>> {
    let tokens = &src.analysis.tokens;
    let mut first_of: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for t in range.clone() {
        if let Some(Some(l)) = src.analysis.token_link.get(t)
            && let Some(link) = src.analysis.links.get(*l)
            && link.tokens.len() > 1
            && link.tokens.first() == Some(&t)
        {
            first_of.insert(t, link.tokens.clone());
        }
        // A verb whose term took the particle at its clause's end: `kündigte … an`.
        if let Some(form) = src.terms.form_of_token(t)
            && let Some(particle) = &form.particle
            && let Some(term) = src.terms.term_id(t)
        {
            // The particle ends the verb's clause: a sentence without stops ends the search.
            let end = range.end.min(t + MAX_PARTICLE_DISTANCE);
            let part = (t + 1..end).find(|&p| {
                tokens[p].is_word()
                    && src.terms.term_id(p) == Some(term)
                    && src
                        .terms
                        .form_of_token(p)
                        .is_none_or(|f| f.particle.is_none())
                    && tokens[p].text(src.text).eq_ignore_ascii_case(particle)
            });
            if let Some(p) = part {
                first_of.insert(t, vec![t, p]);
            }
        }
    }
    first_of
}

/// The gloss of sentence `sentence`. `answers` gives the dictionaries' answers for a word
/// token (with the core lexicon's among them), `None` while they have not come.
pub fn build<'a>(
    src: &Context,
    sentence: usize,
    answers: impl Fn(usize) -> Option<&'a [Answer]>,
) -> Gloss {
    let Some(range) = src
        .analysis
        .sentences
        .get(sentence)
        .map(|s| s.tokens.clone())
    else {
        return Gloss::default();
    };
    let tokens = &src.analysis.tokens;
    let groups = groups(src, range.clone());
    // Token → its group's first token.
    let mut member: FxHashMap<usize, usize> = FxHashMap::default();
    for (&first, parts) in &groups {
        for &p in parts {
            member.entry(p).or_insert(first);
        }
    }
    let mut gloss = Gloss::default();
    // The group's first token → its main item.
    let mut main_item: FxHashMap<usize, usize> = FxHashMap::default();
    let mut prefix_from: Option<usize> = None;
    // Where the last item's text ends in the source, for the punctuation after it.
    let mut last_end = 0;
    let mut previous_word: Option<usize> = None;
    for t in range {
        let token = tokens[t];
        let word = matches!(token.kind, TokenKind::Word | TokenKind::Abbreviation);
        if !word && token.kind != TokenKind::Number {
            let opens = token.kind == TokenKind::OpenQuote
                || matches!(token.text(src.text), "(" | "[" | "{");
            if opens || gloss.items.is_empty() {
                prefix_from.get_or_insert(token.start);
            } else if let Some(item) = gloss.items.last_mut() {
                item.text.push_str(&squeeze(&src.text[last_end..token.end]));
                last_end = token.end;
            }
            continue;
        }
        let prefix = prefix_from
            .take()
            .map(|from| squeeze(&src.text[from..token.start]))
            .unwrap_or_default();
        let group = member.get(&t).copied();
        // A group's next word right after its last one joins that item: `zur Kenntnis`.
        if let Some(first) = group
            && first != t
            && previous_word == Some(t - 1)
            && member.get(&(t - 1)) == Some(&first)
            && prefix.is_empty()
            && let Some(item) = gloss.items.last_mut()
        {
            // The main item shows every part already; a later part's item grows.
            if matches!(item.english, English::PartOf(_)) {
                item.text.push(' ');
                item.text.push_str(token.text(src.text));
            }
            last_end = token.end;
            previous_word = Some(t);
            continue;
        }
        let parts = group.and_then(|first| Some((first, groups.get(&first)?)));
        let mut item = match parts {
            Some((first, parts)) if first != t => Item {
                text: token.text(src.text).to_string(),
                headword: None,
                english: main_item
                    .get(&first)
                    .map_or(English::Unknown, |&i| English::PartOf(i)),
                tokens: parts.clone(),
            },
            Some((first, parts)) => {
                let item = word_item(src, t, parts, &answers, &mut gloss.pending);
                main_item.insert(first, gloss.items.len());
                item
            }
            None if word => word_item(src, t, &[t], &answers, &mut gloss.pending),
            None => Item {
                text: token.text(src.text).to_string(),
                headword: None,
                english: English::Nothing,
                tokens: vec![t],
            },
        };
        item.text.insert_str(0, &prefix);
        gloss.items.push(item);
        last_end = token.end;
        previous_word = Some(t);
    }
    gloss
}

/// The item of a word, or of the first word of a term of several (`parts`, in text order).
fn word_item<'a>(
    src: &Context,
    t: usize,
    parts: &[usize],
    answers: &impl Fn(usize) -> Option<&'a [Answer]>,
    pending: &mut Vec<usize>,
) -> Item {
    let tokens = &src.analysis.tokens;
    let word = tokens[t].text(src.text);
    let text = parts_text(src, parts);
    let linked = src
        .analysis
        .token_link
        .get(t)
        .copied()
        .flatten()
        .and_then(|l| src.analysis.links.get(l))
        .and_then(|l| src.glossary.entries.get(l.entry));
    if let Some(entry) = linked {
        let english = entry
            .en
            .first()
            .map(|e| short_english(e))
            .filter(|e| !e.is_empty())
            .map_or(English::Unknown, English::Sense);
        return Item {
            headword: other_than(&text, entry.display_headword()),
            text,
            english,
            tokens: parts.to_vec(),
        };
    }
    let term = src.terms.term_of_token(t);
    let (headword, english) = match answers(t) {
        Some(found) if !found.is_empty() => dictionary_gloss(found, term, word),
        known => {
            if known.is_none() {
                pending.push(t);
            }
            match core_gloss(src, t) {
                Some((headword, english)) => (Some(headword), English::Sense(english)),
                None if known.is_none() => (term.map(str::to_string), English::Pending),
                None => (term.map(str::to_string), English::Unknown),
            }
        }
    };
    Item {
        headword: headword.and_then(|h| other_than(&text, h)),
        text,
        english,
        tokens: parts.to_vec(),
    }
}

/// The words of a term as the text has them: `kündigte … an`, `zur Kenntnis genommen`.
fn parts_text(src: &Context, parts: &[usize]) -> String {
    let mut text = String::new();
    for (i, &p) in parts.iter().enumerate() {
        if i > 0 {
            text.push_str(if parts[i - 1] + 1 == p { " " } else { " … " });
        }
        text.push_str(src.analysis.tokens[p].text(src.text));
    }
    text
}

/// Headword and English from the dictionaries' answers: the first answer's; for a compound
/// answered through its parts, each part's first sense joined (`espionage + activity`).
fn dictionary_gloss(found: &[Answer], term: Option<&str>, word: &str) -> (Option<String>, English) {
    let first = &found[0];
    if is_compound_part(first) {
        // One answer a part: a part's other answers (another dictionary's, its plural's)
        // share its lemma or start like it.
        let mut parts: Vec<&Answer> = Vec::new();
        for answer in found.iter().filter(|a| is_compound_part(a)) {
            let lemma = answer.lemma.to_lowercase();
            let same = |a: &&Answer| {
                let other = a.lemma.to_lowercase();
                other.starts_with(&lemma) || lemma.starts_with(&other)
            };
            if !parts.iter().any(same) {
                parts.push(answer);
            }
        }
        // The answers give the head first; the gloss reads in the word's order.
        let english: Vec<String> = parts
            .iter()
            .rev()
            .filter_map(|a| first_sense(found, &a.lemma))
            .collect();
        let english = fit(&english.join(" + "), MAX_ENGLISH);
        let english = if english.is_empty() {
            English::Unknown
        } else {
            English::Sense(english)
        };
        return (term.map(str::to_string), english);
    }
    let english = first_sense(found, &first.lemma).map_or(English::Unknown, English::Sense);
    // The answer's headword has the article; the term's is the one the text pane uses.
    let same_term = term.is_none_or(|t| t == first.lemma || t == word.to_lowercase());
    let headword = if same_term {
        first.headword.clone()
    } else {
        term.unwrap_or_default().to_string()
    };
    (Some(headword), english)
}

/// The first sense of the answers for `lemma`, made short: the first one without a register
/// (`[coll.]`, `[slang]`, `[obs.]`) where there is one, else the very first. A field or a
/// region (`[comp.]`, `[Br.]`) does not count: `Programm` is "program; programme [Br.]"
/// before it is "schedule".
fn first_sense(found: &[Answer], lemma: &str) -> Option<String> {
    let senses = || {
        found
            .iter()
            .filter(|a| a.lemma == lemma)
            .flat_map(|a| &a.senses)
    };
    senses()
        .find(|s| !s.labels.iter().any(|l| is_register(l)))
        .or_else(|| senses().next())
        .map(|s| short_english(&s.text))
        .filter(|s| !s.is_empty())
}

/// Whether a dictionary's label says how a sense is used rather than where: colloquial,
/// slang, vulgar, pejorative, old, rare, figurative, jocular, euphemistic.
fn is_register(label: &str) -> bool {
    matches!(
        label.trim_matches(|c| c == '[' || c == ']'),
        "coll."
            | "slang"
            | "vulg."
            | "pej."
            | "obs."
            | "dated"
            | "old"
            | "archaic"
            | "rare"
            | "fig."
            | "übtr."
            | "humor."
            | "hum."
            | "euphem."
            | "poet."
            | "geh."
            | "ugs."
    )
}

/// How the dictionaries mark an answer for a part of a compound.
fn is_compound_part(answer: &Answer) -> bool {
    answer.how.starts_with("part of ")
}

/// The core lexicon's headword and English for a word, where the terms would take its
/// headword from there: not for a capital inside a sentence (a noun, unless a polite
/// pronoun), nor for a verb whose clause ends in a particle.
fn core_gloss(src: &Context, t: usize) -> Option<(String, String)> {
    let token = src.analysis.tokens[t];
    let word = token.text(src.text);
    let entries = crate::de::core::lookup(word);
    let form = src.terms.form_of_token(t);
    let noun_like = form.is_some_and(crate::terms::FormKey::noun_like);
    let next = src
        .analysis
        .tokens
        .get(t + 1)
        .filter(|n| n.is_word() && n.start == token.end + 1)
        .map(|n| n.text(src.text));
    let entry = if noun_like {
        entries.iter().find(|e| e.keeps_capital())?
    } else if crate::de::core::is_possessive_sein(word, next) {
        entries.iter().find(|e| e.pos == "pron")?
    } else {
        entries.first()?
    };
    if form.is_some_and(|f| f.particle.is_some()) && entry.pos == "verb" {
        return None;
    }
    let english = crate::de::core::sense_before(word, next)
        .map_or_else(|| short_english(entry.en), str::to_string);
    Some((entry.headword.to_string(), english))
}

/// `headword` unless it is the word itself (case aside).
fn other_than(text: &str, headword: String) -> Option<String> {
    let bare = text.trim_matches(|c: char| !c.is_alphanumeric());
    (!headword.is_empty() && headword.to_lowercase() != bare.to_lowercase()).then_some(headword)
}

/// Runs of white space as one space.
fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, part) in s.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
    if s.starts_with(char::is_whitespace) && !out.is_empty() {
        out.insert(0, ' ');
    }
    if s.ends_with(char::is_whitespace) && !out.is_empty() {
        out.push(' ');
    }
    out
}

/// Placeholders a dictionary writes in its English, which a gloss does without.
const PLACEHOLDERS: &[&str] = &[
    "sb.", "sth.", "sb./sth.", "sth./sb.", "sb.'s", "sth.'s", "so.", "sb", "sth",
];

/// A sense made short for a gloss: the first of several (`;`), without what stands in
/// brackets or for an object (`sb.`, `sth.`), and at most [`MAX_ENGLISH`] columns, cut at a
/// comma where one is, else at a word.
pub fn short_english(sense: &str) -> String {
    let first = sense.split(';').next().unwrap_or_default();
    let mut bare = String::with_capacity(first.len());
    let mut depth = 0usize;
    for c in first.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = bare
        .split_whitespace()
        .filter(|w| !PLACEHOLDERS.contains(&w.trim_end_matches(',')))
        // An abbreviation between slashes: `professor /prof./`.
        .filter(|w| !(w.len() > 2 && w.starts_with('/') && w.ends_with('/')))
        .collect();
    let joined = words.join(" ");
    let joined = joined.trim_matches(|c: char| c == ',' || c.is_whitespace());
    if joined.width() <= MAX_ENGLISH {
        return joined.to_string();
    }
    let first_part = joined.split(',').next().unwrap_or(joined).trim();
    fit(first_part, MAX_ENGLISH)
}

/// `s` in at most `width` columns: cut after a whole word where one fits, with an ellipsis.
fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut used = 0;
    let mut cut = 0;
    let mut last_space = None;
    for (i, c) in s.char_indices() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        if c == ' ' {
            last_space = Some(i);
        }
        used += w;
        cut = i + c.len_utf8();
    }
    // A word cut in its first half is left out, when there is a word before it.
    let end = match last_space {
        Some(space) if cut - space < 4 => space,
        _ => cut,
    };
    format!("{}…", s[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::Sense;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::terms::{FormKey, Found};

    /// Sentences from Debian's fortunes-de.
    const HAMMER: &str = "Wenn Du nur einen Hammer besitzt, sieht alles wie ein Nagel aus.";
    const MALTA: &str = "Ich habe mit Erich Ribbeck telefoniert, und er hat zu mir gesagt, ich \
                         stehe für die Maltareise nicht zur Verfügung.";
    const SPIEL: &str = "„Das Spiel dauert 90 Minuten.“";

    const GLOSSARY: &str = r#"
[[term]]
de = "aussehen"
en = ["to look, to appear"]
pos = "verb"

[[term]]
de = "zur Verfügung stehen"
en = "to be available"
pos = "phrase"

[[term]]
de = "Hammer"
en = "hammer"
pos = "noun"
gender = "m"
"#;

    /// The gloss of a text's first sentence, with `terms` resolved from `dictionary` (form →
    /// headword) and `answers` as the dictionaries' answers by word.
    fn gloss_with(
        text: &str,
        dictionary: &[(&str, Option<&str>, &str)],
        answers: &[(&str, Vec<Answer>)],
        asked: bool,
    ) -> Gloss {
        let glossary = parse(GLOSSARY, "glossary.toml").expect("the glossary");
        let linker = Linker::new(glossary);
        let analysis = linker.analyze_paragraphs(text, std::slice::from_ref(&(0..text.len())));
        let mut sources = crate::terms::Sources::default();
        for (word, particle, headword) in dictionary {
            for (sentence_start, before_noun) in
                [(false, false), (false, true), (true, false), (true, true)]
            {
                let form = FormKey {
                    word: (*word).to_string(),
                    particle: particle.map(str::to_string),
                    place: crate::dict::Place {
                        sentence_start,
                        before_noun,
                    },
                };
                let found = Found {
                    headword: (*headword).to_string(),
                    with_particle: particle.is_some(),
                };
                sources.dictionary.insert(form, Some(found));
            }
        }
        let terms = Terms::build(text, &analysis, linker.glossary(), &sources);
        let context = Context {
            text,
            analysis: &analysis,
            glossary: linker.glossary(),
            terms: &terms,
        };
        build(&context, 0, |t| {
            let word = analysis.tokens[t].text(text);
            match answers.iter().find(|(w, _)| *w == word) {
                Some((_, found)) => Some(found.as_slice()),
                None if asked => Some(&[]),
                None => None,
            }
        })
    }

    fn answer(lemma: &str, headword: &str, sense: &str) -> Answer {
        Answer {
            headword: headword.into(),
            lemma: lemma.into(),
            dictionary: "Ding de-en".into(),
            how: String::new(),
            forms: Vec::new(),
            gender: None,
            plural: None,
            senses: vec![Sense {
                de: String::new(),
                text: sense.into(),
                pos: String::new(),
                tags: Vec::new(),
                labels: Vec::new(),
                synonyms: Vec::new(),
            }],
        }
    }

    /// Each item as `text / headword / english`.
    fn rows(gloss: &Gloss) -> Vec<String> {
        gloss
            .items
            .iter()
            .map(|i| {
                let english = match &i.english {
                    English::Sense(s) => s.clone(),
                    English::Nothing => String::new(),
                    English::Pending => "…".into(),
                    English::Unknown => "?".into(),
                    English::PartOf(n) => format!("<{n}>"),
                };
                format!(
                    "{} / {} / {english}",
                    i.text,
                    i.headword.as_deref().unwrap_or("")
                )
            })
            .collect()
    }

    #[test]
    fn a_split_verb_of_the_glossary_is_one_item_at_its_first_word() {
        let gloss = gloss_with(HAMMER, &[], &[], true);
        let rows = rows(&gloss);
        let sieht = rows
            .iter()
            .position(|r| r.starts_with("sieht"))
            .expect("sieht");
        assert_eq!(rows[sieht], "sieht … aus / aussehen / to look, to appear");
        assert_eq!(
            rows.last().map(String::as_str),
            Some(&*format!("aus. /  / <{sieht}>"))
        );
        // Both items stand for both words.
        let tokens = &gloss.items[sieht].tokens;
        assert_eq!(tokens.len(), 2);
        assert_eq!(&gloss.items.last().expect("aus").tokens, tokens);
    }

    #[test]
    fn function_words_come_from_the_core_lexicon_and_punctuation_sticks_to_its_word() {
        let rows = rows(&gloss_with(HAMMER, &[], &[], false));
        assert!(rows[0].starts_with("Wenn /  / if"), "{rows:?}");
        assert_eq!(rows[3], "einen / ein / a, an");
        assert_eq!(rows[4], "Hammer / der Hammer / hammer");
        // Not in the glossary nor the core lexicon, and the dictionaries not asked yet.
        assert_eq!(rows[5], "besitzt, /  / …");
    }

    #[test]
    fn sein_before_its_noun_is_his_and_at_the_clause_end_to_be() {
        for (text, english) in [
            ("Er trägt sein Fahrrad.", "his"),
            ("Er trägt sein neues Fahrrad.", "his"),
            ("Er sagt, dass es kaputt sein muss.", "to be"),
            ("Das kann sein.", "to be"),
            ("Es wird sein und bleiben.", "to be"),
        ] {
            let rows = rows(&gloss_with(text, &[], &[], false));
            let sein = rows.iter().find(|r| r.starts_with("sein")).expect("sein");
            assert!(sein.ends_with(&format!("/ {english}")), "{text}: {rows:?}");
        }
    }

    #[test]
    fn words_not_asked_yet_are_pending_and_the_dictionaries_fill_them_in() {
        let pending = gloss_with(HAMMER, &[], &[], false);
        let words: Vec<&str> = pending
            .pending
            .iter()
            .map(|&t| &HAMMER[pending_token(HAMMER, t)])
            .collect();
        assert!(words.contains(&"besitzt"), "{words:?}");
        assert!(words.contains(&"Nagel"), "{words:?}");
        let answers = vec![
            (
                "besitzt",
                vec![answer(
                    "besitzen",
                    "besitzen",
                    "to own sth.; to possess sth.",
                )],
            ),
            ("Nagel", vec![answer("Nagel", "der Nagel", "nail {n}")]),
        ];
        let dictionary = [("besitzt", None, "besitzen"), ("Nagel", None, "Nagel")];
        let gloss = gloss_with(HAMMER, &dictionary, &answers, true);
        assert!(gloss.pending.is_empty());
        let rows = rows(&gloss);
        assert_eq!(rows[5], "besitzt, / besitzen / to own");
        assert!(
            rows.contains(&"Nagel / der Nagel / nail".to_string()),
            "{rows:?}"
        );
    }

    /// The byte range of a token of `text` (analysed alone).
    fn pending_token(text: &str, token: usize) -> std::ops::Range<usize> {
        let analysis = crate::link::segment(text, std::slice::from_ref(&(0..text.len())));
        let t = analysis.tokens[token];
        t.start..t.end
    }

    #[test]
    fn an_expression_with_its_verb_first_is_one_item_and_its_words_after_one_more() {
        let rows = rows(&gloss_with(MALTA, &[], &[], true));
        let stehe = rows
            .iter()
            .position(|r| r.starts_with("stehe"))
            .expect("stehe");
        assert_eq!(
            rows[stehe],
            "stehe … zur Verfügung / zur Verfügung stehen / to be available"
        );
        assert_eq!(
            rows.last().map(String::as_str),
            Some(&*format!("zur Verfügung. /  / <{stehe}>"))
        );
        // A word nobody knows keeps an empty gloss.
        assert!(rows.contains(&"Maltareise /  / ?".to_string()), "{rows:?}");
    }

    #[test]
    fn a_split_verb_the_dictionaries_found_is_one_item_too() {
        let text = "Die Woche fängt ja gut an.";
        let answers = vec![(
            "fängt",
            vec![answer("anfangen", "anfangen", "to begin; to start")],
        )];
        let rows = rows(&gloss_with(
            text,
            &[("fängt", Some("an"), "anfangen")],
            &answers,
            true,
        ));
        assert_eq!(rows[2], "fängt … an / anfangen / to begin");
        assert_eq!(rows[5], "an. /  / <2>");
    }

    #[test]
    fn a_capital_after_a_colon_is_no_noun() {
        let text = "Stilblüten aus Schreiben von Versicherungsnehmern: Ich habe gestern Abend einen Zaun umgefahren.";
        let rows = rows(&gloss_with(text, &[], &[], true));
        assert!(rows.contains(&"Ich /  / I".to_string()), "{rows:?}");
    }

    #[test]
    fn nach_is_after_before_an_article_and_to_before_a_place() {
        let text = "Außerdem bin ich vor meinem ersten Unfall und nach meinem letzten unfallfrei gefahren.";
        let after = rows(&gloss_with(text, &[], &[], true));
        assert!(after.contains(&"nach /  / after".to_string()), "{after:?}");
        let to = rows(&gloss_with("Wir fahren nach Berlin.", &[], &[], true));
        assert!(to.contains(&"nach /  / to".to_string()), "{to:?}");
    }

    #[test]
    fn a_compound_is_glossed_by_its_parts_once_each() {
        let text = "Ein Mathematikprofessor trägt sein Fahrrad über den Universitätsplatz.";
        let part = |lemma: &str, sense: &str| Answer {
            how: "part of Mathematikprofessor (Mathematik + professoren)".into(),
            ..answer(lemma, lemma, sense)
        };
        // The dictionaries give the head first.
        let parts = vec![
            part("Professor", "professor /prof./; prof"),
            part("Professoren", "professors, profs"),
            part("Mathematik", "mathematics"),
            part("Mathematik", "mathematics"),
        ];
        let rows = rows(&gloss_with(
            text,
            &[],
            &[("Mathematikprofessor", parts)],
            true,
        ));
        assert_eq!(rows[1], "Mathematikprofessor /  / mathematics + professor");
    }

    #[test]
    fn a_sense_with_a_register_gives_way_to_a_plain_one() {
        let text = "Darauf schaut der Professor verdutzt auf das Rad in seinen Händen.";
        let mut wonk = answer("Professor", "der Professor", "wonk");
        wonk.senses[0].labels = vec!["coll.".into(), "Am.".into()];
        let answers = vec![(
            "Professor",
            vec![
                wonk,
                answer("Professor", "der Professor", "professor /prof./"),
            ],
        )];
        let rows = rows(&gloss_with(
            text,
            &[("Professor", None, "Professor")],
            &answers,
            true,
        ));
        assert_eq!(rows[3], "Professor / der Professor / professor");
    }

    #[test]
    fn a_field_or_region_does_not_make_a_sense_give_way() {
        let text = "Der Professor startet das Programm.";
        let mut program = answer("Programm", "das Programm", "program; programme");
        program.senses[0].labels = vec!["Br.".into()];
        let mut proceedings = answer("Programm", "das Programm", "the proceedings");
        proceedings.senses[0].labels = vec!["soc.".into()];
        let mut slang = answer("Programm", "das Programm", "gig");
        slang.senses[0].labels = vec!["slang".into()];
        let answers = vec![(
            "Programm",
            vec![
                slang,
                program,
                proceedings,
                answer("Programm", "das Programm", "schedule"),
            ],
        )];
        let rows = rows(&gloss_with(
            text,
            &[("Programm", None, "Programm")],
            &answers,
            true,
        ));
        assert_eq!(rows[4], "Programm. / das Programm / program");
    }

    #[test]
    fn numbers_pass_through_and_quotes_stick_to_their_words() {
        let rows = rows(&gloss_with(SPIEL, &[], &[], true));
        assert_eq!(rows[0], "„Das / der / the");
        assert_eq!(rows[3], "90 /  / ");
        assert_eq!(rows[4], "Minuten.“ /  / ?");
    }

    #[test]
    fn a_sense_loses_its_placeholders_brackets_and_later_senses() {
        assert_eq!(
            short_english("to expel sb.; to expatriate sb. (from a country)"),
            "to expel"
        );
        assert_eq!(short_english("house {n} [archit.]"), "house");
        assert_eq!(short_english("the, to the"), "the, to the");
        assert_eq!(short_english("professor /prof./"), "professor");
        assert_eq!(short_english("and/or"), "and/or");
    }

    #[test]
    fn a_long_sense_is_cut_at_a_comma_or_a_word() {
        assert_eq!(
            short_english("to make a long story short, to sum up"),
            "to make a long story…"
        );
        assert_eq!(
            short_english("conscientiousness, dutifulness, reliability"),
            "conscientiousness"
        );
        assert!(short_english(&"x".repeat(60)).width() <= MAX_ENGLISH);
    }

    #[test]
    fn squeeze_keeps_one_space_at_each_end() {
        assert_eq!(squeeze(" –"), " –");
        assert_eq!(squeeze(",\n "), ", ");
        assert_eq!(squeeze("."), ".");
    }
}
