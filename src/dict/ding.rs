//! The Ding dictionary format (`/usr/share/trans/de-en`): one entry a line,
//! `German | forms :: English | forms`, `|` separating parallel columns, `;` alternatives,
//! `{m}`-style tags, `[labels]`, `(comments)`, `<search keywords>`.
//!
//! Column 0 is the headword; later columns are its forms (participles, plural, comparison),
//! sub-entries (`Militärbündnis {n}` under `Bündnis`) or examples. The same column and
//! alternative on the English side translates it.

use super::commonness::Commonness;
use super::index::{Genus, Info, Kind, Spelling, WordClass};

/// One line, split at ` :: ` into its German and English side; columns are split out on
/// demand (a lookup needs two or three columns of a line that may have twenty, and the index
/// build never reads the English).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line<'a> {
    pub de: &'a str,
    pub en: &'a str,
}

impl<'a> Line<'a> {
    /// Column `k`, German and English (empty when the English side has fewer columns).
    pub fn column(&self, k: usize) -> Option<Column<'a>> {
        Some(Column {
            de: split_top(self.de, b'|').nth(k)?,
            en: split_top(self.en, b'|').nth(k).unwrap_or_default(),
        })
    }

    /// The German side of every column, in order.
    pub fn de_columns(&self) -> impl Iterator<Item = &'a str> + 'a {
        split_top(self.de, b'|')
    }

    pub fn column_count(&self) -> usize {
        self.de_columns().count()
    }
}

/// One `|` column, German and English, split into its `;` alternatives on demand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column<'a> {
    pub de: &'a str,
    pub en: &'a str,
}

impl<'a> Column<'a> {
    /// The German alternatives, raw (tags and brackets still in).
    pub fn de_alts(&self) -> Vec<&'a str> {
        split_top(self.de, b';').collect()
    }

    /// The English alternatives, raw.
    pub fn en_alts(&self) -> Vec<&'a str> {
        split_top(self.en, b';').collect()
    }
}

/// What a line is about, from the tags of its headword column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    Noun,
    Verb,
    Adjective,
    Other,
}

/// Parses one line; `None` for comments, blank lines and lines without ` :: `.
pub fn parse_line(line: &str) -> Option<Line<'_>> {
    let line = line.trim_end_matches(['\n', '\r']);
    if line.starts_with('#') {
        return None;
    }
    let (de, en) = line.split_once(" :: ")?;
    if de.trim().is_empty() {
        return None;
    }
    Some(Line { de, en })
}

/// Splits at `sep` where no bracket is open, trimming the pieces and dropping empty ones.
fn split_top(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    SplitTop { s, pos: 0, sep }
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

struct SplitTop<'a> {
    s: &'a str,
    pos: usize,
    sep: u8,
}

impl<'a> Iterator for SplitTop<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.s.as_bytes();
        if self.pos > bytes.len() {
            return None;
        }
        let start = self.pos;
        let mut depth = 0usize;
        for (i, &b) in bytes[start..].iter().enumerate() {
            match b {
                b'(' | b'[' | b'{' => depth += 1,
                b')' | b']' | b'}' => depth = depth.saturating_sub(1),
                _ if b == self.sep && depth == 0 => {
                    self.pos = start + i + 1;
                    return Some(&self.s[start..start + i]);
                }
                _ => {}
            }
        }
        self.pos = bytes.len() + 1;
        Some(&self.s[start..])
    }
}

/// One alternative taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// For reading: tags, labels and keywords out, comments and placeholders in:
    /// `jdn. ausweisen (aus einem Land)`.
    pub display: String,
    /// Without comments: `jdn. ausweisen`.
    pub plain: String,
    /// For the index: also without placeholders and `…`: `ausweisen`.
    pub bare: String,
    /// `m`, `pl`, `vt`, `+Dat.`
    pub tags: Vec<String>,
    /// `pol.`, `ugs.`, `Br.`
    pub labels: Vec<String>,
    /// `<Aalmolch>`: other spellings and search words.
    pub keywords: Vec<String>,
    /// `Zentimeter {m} /cm/`, `Student {m} /stud./`: abbreviations, without their last dot.
    pub abbreviations: Vec<String>,
    /// The article an alternative starts with (`die Polizei {f}`), which `bare` leaves out.
    pub article: Option<&'static str>,
}

/// Words that stand for an object in a headword (`jdn. ausweisen`): kept for reading, not
/// indexed.
const PLACEHOLDERS: &[&str] = &["jdn.", "jdm.", "jds.", "etw.", "sich", "…", "..."];

/// A placeholder, or placeholders joined by slashes: `jdn./etw.`, `sich/jdn.`.
fn is_placeholder(word: &str) -> bool {
    PLACEHOLDERS.contains(&word)
        || (word.contains('/') && word.split('/').all(|w| PLACEHOLDERS.contains(&w)))
}

/// The articles a noun headword may start with.
const ARTICLES: &[&str] = &["der", "die", "das"];

/// Subject pronouns and auxiliaries in front of verb forms: `er/sie hat/hatte zurückgezogen`.
const FORM_PREFIXES: &[&str] = &[
    "ich/er/sie/es",
    "ich/er/sie",
    "er/sie/es",
    "er/sie",
    "ich",
    "du",
    "er",
    "es",
    "wir",
    "ihr",
    "hat/hatte",
    "hat",
    "hatte",
    "ist/war",
    "ist",
    "war",
];

/// Takes an alternative apart.
pub fn clean(raw: &str) -> Cleaned {
    let mut plain = Collapsed::with_capacity(raw.len());
    let mut bare = String::with_capacity(raw.len());
    let mut out = take_apart(raw, Some((&mut plain, &mut bare)));
    out.plain = plain.0;
    out.bare.reserve(bare.len());
    // `die Polizei {f}` is `Polizei`, with its article kept aside.
    let mut plain_words = out.plain.split(' ');
    if let (Some(article), Some(noun), None) =
        (plain_words.next(), plain_words.next(), plain_words.next())
        && let Some(article) = ARTICLES.iter().find(|a| **a == article)
        && crate::de::is_capitalized(noun)
    {
        out.article = Some(article);
        out.bare.push_str(noun);
        return out;
    }
    let mut words = bare.split_whitespace().peekable();
    while let Some(w) = words.next() {
        let before_placeholder = words.peek().is_some_and(|n| is_placeholder(n));
        // `von etw. abhängen` is `abhängen`: the preposition belongs to the object.
        if is_placeholder(w) || (before_placeholder && PREPOSITIONS.contains(&w)) {
            continue;
        }
        if !out.bare.is_empty() {
            out.bare.push(' ');
        }
        out.bare.push_str(w);
    }
    out
}

/// Takes an English alternative apart for reading: only `display`, `tags`, `labels` and
/// `keywords` are filled (nothing looks the English up).
pub fn clean_en(raw: &str) -> Cleaned {
    take_apart(raw, None)
}

/// Text with its runs of white space made one space, none before `,` `.` `;` `)`, written as
/// it comes.
#[derive(Debug, Default)]
struct Collapsed(String, bool);

impl Collapsed {
    fn with_capacity(n: usize) -> Collapsed {
        Collapsed(String::with_capacity(n), false)
    }

    fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_whitespace() {
                self.1 = true;
                continue;
            }
            if std::mem::take(&mut self.1)
                && !self.0.is_empty()
                && !matches!(c, ',' | '.' | ';' | ')')
            {
                self.0.push(' ');
            }
            self.0.push(c);
        }
    }
}

/// Brackets out of an alternative: tags, labels and keywords out, `display` made. With
/// `plain_bare`, also the text without comments, collapsed and as it is.
fn take_apart(raw: &str, mut plain_bare: Option<(&mut Collapsed, &mut String)>) -> Cleaned {
    let mut out = Cleaned::default();
    let mut display = Collapsed::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(c) = rest.chars().next() {
        let close = match c {
            '{' => Some('}'),
            '[' => Some(']'),
            '<' => Some('>'),
            '(' => Some(')'),
            _ => None,
        };
        if let Some(close) = close
            && let Some(end) = matching(rest, c, close)
        {
            let inner = rest[1..end].trim();
            match c {
                '{' => push_tags(inner, &mut out.tags),
                '[' => out.labels.push(inner.to_string()),
                '<' => {
                    if !inner.is_empty() {
                        out.keywords.push(inner.to_string());
                    }
                }
                _ => display.push_str(&rest[..=end]),
            }
            rest = &rest[end + 1..];
            continue;
        }
        let after_space = raw[..raw.len() - rest.len()]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        if c == '/'
            && after_space
            && let Some(inner) = abbreviation_at(rest)
        {
            out.abbreviations
                .push(inner.trim_end_matches('.').to_string());
            rest = &rest[inner.len() + 2..];
            continue;
        }
        // Up to the next bracket at once: most of an alternative is plain text.
        let first = c.len_utf8();
        let run = rest[first..]
            .find(['{', '[', '<', '(', '/'])
            .map_or(rest.len(), |n| n + first);
        display.push_str(&rest[..run]);
        if let Some((plain, bare)) = plain_bare.as_mut() {
            plain.push_str(&rest[..run]);
            bare.push_str(&rest[..run]);
        }
        rest = &rest[run..];
    }
    out.display = display.0;
    out
}

/// The abbreviation `rest` starts with, between slashes (`/cm/`, `/stud./`): one word, the
/// closing slash ending the alternative or followed by a space (`langsam / gemütlich` and
/// `fahren/drüberfahren` are none).
fn abbreviation_at(rest: &str) -> Option<&str> {
    let inner_len = rest[1..].find('/')?;
    let inner = &rest[1..=inner_len];
    let after = &rest[inner_len + 2..];
    (!inner.is_empty()
        && inner.len() <= 16
        && !inner.contains(char::is_whitespace)
        && inner.chars().any(char::is_alphabetic)
        && after.chars().next().is_none_or(char::is_whitespace))
    .then_some(inner)
}

/// Prepositions that govern a placeholder object: `von etw.`, `auf jdn.`, `als etw.`.
const PREPOSITIONS: &[&str] = &[
    "als", "an", "auf", "aus", "bei", "durch", "für", "gegen", "hinter", "in", "mit", "nach",
    "neben", "ohne", "über", "um", "unter", "von", "vor", "wegen", "zu", "zwischen",
];

/// `{m,f}` stays one tag (either gender); `{prp; +Dat.}` and `{adj, adv}` are two.
fn push_tags(inner: &str, tags: &mut Vec<String>) {
    for group in inner.split(';').map(str::trim).filter(|t| !t.is_empty()) {
        let genders = group
            .split(',')
            .all(|g| matches!(g.trim(), "m" | "f" | "n"));
        if genders {
            tags.push(group.replace(' ', ""));
        } else {
            tags.extend(
                group
                    .split(',')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(str::to_string),
            );
        }
    }
}

/// The byte index of the bracket closing the one `s` starts with, nesting counted.
fn matching(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

fn is_noun_tag(t: &str) -> bool {
    matches!(t, "m" | "f" | "n" | "pl")
        || (t.len() <= 5 && t.split(',').all(|g| matches!(g, "m" | "f" | "n")))
}

fn is_verb_tag(t: &str) -> bool {
    matches!(t, "vt" | "vi" | "vr" | "v")
}

/// What the line's headword column says it is.
pub fn line_kind(line: &Line<'_>) -> LineKind {
    line_kind_of(
        line.column(0)
            .map(|c| c.de_alts())
            .unwrap_or_default()
            .into_iter()
            .flat_map(|alt| clean(alt).tags),
    )
}

/// What a headword column taken apart says the line is.
pub fn line_kind_of_cleaned(head: &[Cleaned]) -> LineKind {
    line_kind_of(head.iter().flat_map(|c| c.tags.iter().cloned()))
}

fn line_kind_of(tags: impl Iterator<Item = String>) -> LineKind {
    let mut kind = LineKind::Other;
    for t in tags {
        if is_verb_tag(&t) {
            return LineKind::Verb;
        }
        if t == "adj" {
            kind = LineKind::Adjective;
        } else if is_noun_tag(&t) && kind == LineKind::Other {
            kind = LineKind::Noun;
        }
    }
    kind
}

/// Keys are at most this long; longer German "headwords" are sentences.
const MAX_KEY_BYTES: usize = 60;
const MAX_KEY_WORDS: usize = 6;
/// Verb lines list forms up to here (`er/sie hat/hatte zurückgezogen`, `ich/er/sie zöge
/// zurück`); later columns are examples.
const MAX_VERB_FORM_COLUMN: usize = 6;

/// Every index key of a line, as (key, kind, column, alternative, what its headword is).
/// Keys are lowercase. Lookup runs [`cleaned_column_keys`] to find which alternative a key
/// matched.
pub fn for_each_key(line: &Line<'_>, emit: impl FnMut(&str, Kind, usize, usize, Info)) {
    for_each_key_ranked(line, &Commonness::default(), emit);
}

/// [`for_each_key`], with the counts of the dictionary's English words, by which a line
/// translated by a rare word ranks a tier further (see [`Commonness::is_rare`]).
pub fn for_each_key_ranked(
    line: &Line<'_>,
    commonness: &Commonness,
    mut emit: impl FnMut(&str, Kind, usize, usize, Info),
) {
    let mut columns = line.de_columns();
    let Some(head) = columns.next() else {
        return;
    };
    let heads: Vec<Cleaned> = Column { de: head, en: "" }
        .de_alts()
        .into_iter()
        .map(clean)
        .collect();
    let kind = line_kind_of_cleaned(&heads);
    // The first English alternative says what the line is mostly about: `to have sth.; to
    // have got sth. [Br.]` is no regional sense, `to fix [Am.] [coll.]` is one.
    let english_labelled = split_top(line.en, b'|')
        .next()
        .and_then(|en| split_top(en, b';').next())
        .is_some_and(|first| first.contains('[') && is_marked(&clean_en(first).labels));
    // The forms a line of its kind lists first say nothing of how much it says, except that
    // an adjective's comparison is given on its main lines only (`schwach; flau | schwächer;
    // flauer | am schwächsten; am flauesten` "weak"). An adjective's line may start with
    // examples at once (`friedlich {adj} | mit friedlichen Mitteln`).
    let comparatives: Vec<String> = line
        .de_columns()
        .nth(1)
        .filter(|c| {
            kind == LineKind::Adjective && c.split(';').all(|a| a.trim().split(' ').count() == 1)
        })
        .map(|c| c.split(';').map(|a| a.trim().to_lowercase()).collect())
        .unwrap_or_default();
    let forms = match kind {
        LineKind::Verb => 4,
        LineKind::Adjective if !comparatives.is_empty() => 2,
        LineKind::Noun => 1,
        LineKind::Adjective | LineKind::Other => 0,
    };
    let line_info = LineInfo {
        heads: &heads,
        english_labelled,
        columns: line
            .de_columns()
            .skip(1 + forms)
            .map(str::to_lowercase)
            .collect(),
        comparatives,
        verb: kind == LineKind::Verb,
        rare_translation: split_top(line.en, b'|')
            .next()
            .and_then(|en| split_top(en, b';').next())
            .is_some_and(|first| commonness.is_rare(&clean_en(first).display)),
    };
    cleaned_column_keys(&heads, kind, 0, &heads, |key, k, alt| {
        emit(key, k, 0, alt, line_info.of(key, k, 0, alt, &heads));
    });
    // The headword's one-word translations, for English words in a German text.
    if let Some(en) = split_top(line.en, b'|').next() {
        for alt in split_top(en, b';') {
            if let Some(word) = english_word(alt) {
                emit(
                    &word,
                    Kind::English,
                    0,
                    0,
                    line_info.of(&word, Kind::English, 0, 0, &heads),
                );
            }
        }
    }
    for (i, de) in columns.enumerate() {
        let alts: Vec<Cleaned> = Column { de, en: "" }
            .de_alts()
            .into_iter()
            .map(clean)
            .collect();
        // `nicht unterjocht; nicht versklavt; frei`: the negated forms, and words that say
        // the same; none is a form of the headword (`frei` is not versklaven).
        if kind != LineKind::Other && alts.iter().any(|a| a.display.starts_with("nicht ")) {
            continue;
        }
        cleaned_column_keys(&alts, kind, i + 1, &heads, |key, k, alt| {
            emit(key, k, i + 1, alt, line_info.of(key, k, i + 1, alt, &alts));
        });
    }
}

/// An English alternative as one lowercase word, its comments and a verb's `to` aside:
/// `to fly {flew; flown} (to)` is `fly`; `None` for more than one word (`human being`).
pub fn english_word(alt: &str) -> Option<String> {
    let text = alt
        .split(['{', '[', '(', '<', '/'])
        .next()
        .unwrap_or("")
        .trim();
    let text = text.strip_prefix("to ").unwrap_or(text);
    let word = text
        .chars()
        .all(|c| c.is_ascii_alphabetic() || c == '\'' || c == '-')
        .then_some(text)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))?;
    Some(word.to_ascii_lowercase())
}

/// The alternative an answer for a key from alternative `alt` of column `col` is about, its
/// number, and whether it is in the headword column: a form's headword, else the alternative
/// itself (a sub-entry: `Militärbündnis` under `Bündnis`).
pub fn answer_head<'a>(
    kind: Kind,
    col: usize,
    alt: usize,
    heads: &'a [Cleaned],
    alts: &'a [Cleaned],
) -> Option<(&'a Cleaned, usize, bool)> {
    if col == 0 {
        Some((heads.get(alt)?, alt, true))
    } else if kind == Kind::Form {
        let head_alt = alt.min(heads.len().checked_sub(1)?);
        Some((&heads[head_alt], head_alt, true))
    } else {
        Some((alts.get(alt)?, alt, false))
    }
}

/// What the index keeps about a line's headwords.
struct LineInfo<'a> {
    heads: &'a [Cleaned],
    /// A label on the first English of the headword column that marks a field or register
    /// (`[techn.]`, `[coll.]`, `[Am.]`).
    english_labelled: bool,
    /// The columns after the headwords' and their forms', lowercase, for
    /// [`LineInfo::richness`].
    columns: Vec<String>,
    /// The comparatives an adjective's line gives, lowercase (`schwächer`, `flauer`).
    comparatives: Vec<String>,
    /// A verb's line.
    verb: bool,
    /// The first English of the headword column is a word the dictionary rarely uses
    /// (see [`Commonness::is_rare`]).
    rare_translation: bool,
}

/// How much a line says of one of its headwords, 0 to [`MAX_RICHNESS`]: the columns after its
/// forms (examples, uses, compounds) that name it. Ding writes most about a word's commonest
/// senses: `fliegen {vi} (nach)` with its examples is "to fly", the bare `fliegen {vi} |
/// fliegend | geflogen` is "to wing"; the examples of `groß; breit; etabliert; …` are about
/// the others.
fn richness(mentions: usize) -> u8 {
    match mentions {
        0 => 0,
        1 => 1,
        2..=3 => 2,
        4..=6 => 3,
        7..=10 => 4,
        _ => MAX_RICHNESS,
    }
}

impl LineInfo<'_> {
    /// Whether the line's headwords are more than `bare` and its forms (`hoch; hoher; hohe;
    /// hohes` is one word): `fahren; befahren`, `Kopf; Haupt`.
    fn has_other_words(&self, bare: &str) -> bool {
        let lower = bare.to_lowercase();
        let beginning: String = lower.chars().take(2).collect();
        let most = lower.chars().count() + 2;
        self.heads.iter().any(|h| {
            let other = h.bare.to_lowercase();
            other != lower && (!other.starts_with(&beginning) || other.chars().count() > most)
        })
    }

    /// [`richness`] for the headword `bare`: the columns with its stem (`flieg` for
    /// `fliegen`, `gro` for `groß`).
    fn richness(&self, bare: &str) -> u8 {
        let lower = bare.to_lowercase();
        let chars = lower.chars().count();
        let stem: String = lower
            .chars()
            .take((chars.saturating_sub(2)).max(3))
            .collect();
        if stem.is_empty() {
            return 0;
        }
        // Its comparison says as much of an adjective as many examples do: `schwächer` for
        // schwach, not `breiter` for groß in `groß; breit | breiter`.
        let fold = |s: &str| -> String {
            s.chars()
                .map(|c| match c {
                    'ä' => 'a',
                    'ö' => 'o',
                    'ü' => 'u',
                    c => c,
                })
                .take(3)
                .collect()
        };
        let beginning = fold(&lower);
        let compared = if self.comparatives.iter().any(|c| fold(c) == beginning) {
            COMPARISON_MENTIONS
        } else {
            0
        };
        richness(compared + self.columns.iter().filter(|c| c.contains(&stem)).count())
    }
}

const MAX_RICHNESS: u8 = 5;

/// What an adjective's comparison counts for in [`LineInfo::richness`]: as many columns
/// naming it.
const COMPARISON_MENTIONS: usize = 7;

/// Where a line stands among a word's lines, at most (see [`LineInfo::of`]); a rare
/// translation puts it one further.
const MAX_TIER: u8 = 5;
/// What a tier weighs: more than all else lines of the same tier may differ in.
const TIER_WEIGHT: u8 = 32;

/// Subject labels of everyday senses, which say nothing against a sense being a main one
/// (`Auge {n} [anat.]` is the eye).
const EVERYDAY_LABELS: &[&str] = &[
    "adm.", "agr.", "anat.", "biol.", "bot.", "cook.", "geogr.", "hist.", "ling.", "ornith.",
    "phil.", "pol.", "psych.", "relig.", "school", "soc.", "sport", "transp.", "zool.",
];

/// Whether labels mark a sense as one of a special field or register.
fn is_marked(labels: &[String]) -> bool {
    labels
        .iter()
        .any(|l| !EVERYDAY_LABELS.contains(&l.as_str()))
}

impl LineInfo<'_> {
    /// The [`Info`] of a key from alternative `alt` of column `col`, whose alternatives are
    /// `alts`. The headword is the one the lookup answers with (see [`answer_head`]).
    fn of(&self, key: &str, kind: Kind, col: usize, alt: usize, alts: &[Cleaned]) -> Info {
        let Some((head, head_alt, in_head_column)) = answer_head(kind, col, alt, self.heads, alts)
        else {
            return Info::default();
        };
        let tags: Vec<&String> = if in_head_column { self.heads } else { alts }
            .iter()
            .flat_map(|a| &a.tags)
            .collect();
        let owned: Vec<String> = tags.into_iter().cloned().collect();
        let class = WordClass::from_pos(pos_of(&owned, &head.display));
        let genus = match owned.iter().find(|t| is_noun_tag(t)).map(String::as_str) {
            Some("m") => Genus::M,
            Some("f") => Genus::F,
            Some("n") => Genus::N,
            Some("pl") => Genus::Plural,
            Some(_) => Genus::Several,
            None if head.article == Some("der") => Genus::M,
            None if head.article == Some("das") => Genus::N,
            None => Genus::None,
        };
        let (spelling, capitals) = if matches!(kind, Kind::Head | Kind::Sub) {
            Info::spelling_of(&head.bare, key)
        } else if kind == Kind::Abbreviation {
            // How the abbreviation is written: `cm`, but `TB`.
            alts.get(alt)
                .and_then(|a| a.abbreviations.iter().find(|x| x.to_lowercase() == key))
                .map_or((Spelling::Other, 0), |x| Info::spelling_of(x, key))
        } else {
            (Spelling::Other, 0)
        };
        let mut of_use = false;
        let penalty = match kind {
            Kind::Sub => Info::MAX_PENALTY - 1,
            Kind::Phrase => Info::MAX_PENALTY,
            _ => {
                // The line that starts with the word comes first, then those where it is a
                // later alternative, the later the further (`fühlen; spüren` is nearer spüren's
                // main sense than `empfinden; fühlen; wahrnehmen; spüren`), and uses of it
                // (`gegen etw. sein`) after them: whatever else the lines say.
                let mut tier = u8::try_from(head_alt.min(3)).unwrap_or(3);
                let mut p: u8 = 0;
                let words: Vec<&str> = head
                    .plain
                    .split(' ')
                    .filter(|w| !w.is_empty() && !is_placeholder(w))
                    .collect();
                let bare_words = head.bare.split(' ').count();
                if (head.article.is_none() && words.join(" ") != head.bare)
                    || bare_words > key.split(' ').count()
                {
                    of_use = true;
                    // `gegen etw. sein`, `ein Fahrzeug fahren`: a use of the word, not the
                    // word. Placeholders alone (`etw. machen`) are just how it is used.
                    tier += 2;
                }
                if head.plain.split(' ').any(|w| w == "sich") {
                    // `sich ausweisen` after `jdn. ausweisen`.
                    p += 1;
                }
                if restricting_comment(&head.display) {
                    // `(Last; Verantwortung) tragen`: a sense for some objects only.
                    p += 3;
                }
                if is_marked(&head.labels) || self.english_labelled {
                    p += 2;
                }
                if head.tags.iter().any(|t| t == "pl") {
                    p += 1;
                }
                // A comment after the word tells senses apart, main ones too: it counts for
                // half of what marks a narrower sense, and half of what a verb's line that
                // shares the word with other verbs (`fahren; befahren` "to navigate", `essen;
                // speisen` "to dine") does against one for the word alone (`fahren {vi}`).
                // A noun's or an adjective's main sense is often given with its synonyms
                // (`Bank {f}; Gruppe {f}` "bank" before `Bank {f}` "settle").
                let comment = sense_comments(&head.display).min(2);
                let shared = 2 * u8::from(self.verb && self.has_other_words(&head.bare));
                // A sense translated by a word the dictionary rarely uses is a tier further:
                // `Verlangen {n}` "hankering" after `Wunsch; Verlangen` "desire". Not for an
                // English key, which is that translation itself.
                let rare = self.rare_translation && kind != Kind::English;
                (tier.min(MAX_TIER) + u8::from(rare)) * TIER_WEIGHT
                    + p.min(5) * 2
                    + comment
                    + shared
                    + MAX_RICHNESS
                    - self.richness(&head.bare)
            }
        };
        Info {
            known: true,
            class,
            genus,
            capitalized: crate::de::is_capitalized(&head.bare),
            spelling,
            penalty,
            capitals,
            of_use,
        }
    }
}

/// Whether a headword starts with a comment that restricts its sense: `(Last; Verantwortung)
/// tragen`, not `(jdm.) etw. geben`.
fn restricting_comment(display: &str) -> bool {
    display
        .strip_prefix('(')
        .and_then(|rest| rest.split_once(')'))
        .is_some_and(|(inside, _)| !is_valency(inside))
}

/// How many comments a headword has that tell its sense (`Auge {n} (eines Würfels)`; `etw.
/// (in bestimmter Weise) halten {vt} (in Zusammensetzungen)` has two), not just how it is
/// built (`fliegen (nach)`).
fn sense_comments(display: &str) -> u8 {
    if restricting_comment(display) {
        return 0;
    }
    let count = display
        .split('(')
        .skip(1)
        .filter_map(|part| part.split_once(')').map(|(inside, _)| inside))
        .filter(|inside| !is_valency(inside))
        .count();
    u8::try_from(count).unwrap_or(u8::MAX)
}

/// A comment of placeholders and function words only (`jdm.`, `mit etw.`, `auf; nach`): how
/// the word is built, not what it means.
fn is_valency(inside: &str) -> bool {
    inside
        .split([' ', ';', ',', '/'])
        .filter(|w| !w.is_empty())
        .all(|w| is_placeholder(w) || w.ends_with('.') || !crate::de::core::lookup(w).is_empty())
}

/// `stuhl` → `Stuhl`.
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The keys of one column taken apart, as (key, kind, alternative): what [`for_each_key`]
/// gives for it. `heads` is the headword column taken apart.
pub fn cleaned_column_keys(
    alts: &[Cleaned],
    kind: LineKind,
    col: usize,
    heads: &[Cleaned],
    mut emit: impl FnMut(&str, Kind, usize),
) {
    let mut lower = String::new();
    for (alt, c) in alts.iter().enumerate() {
        crate::de::lowercase_into(&c.bare, &mut lower);
        // A plural column with regional variants (`Tage {pl}; Täge {pl} [Lux.]`) or fewer
        // alternatives than the headwords still gives their plurals where they fit.
        let head = parallel(heads, alts.len(), alt).or_else(|| {
            let h = heads.get(alt.min(heads.len().checked_sub(1)?))?;
            (col == 1 && is_plural_stem(h, c)).then_some(h)
        });
        alt_keys(&lower, c, col, kind, head, &mut |key, k| emit(key, k, alt));
        for kw in &c.keywords {
            let kw = kw.to_lowercase();
            if !kw.contains(' ') && usable_key(&kw) {
                emit(&kw, Kind::Keyword, alt);
            }
        }
        for abbr in &c.abbreviations {
            let abbr = abbr.to_lowercase();
            if usable_key(&abbr) {
                emit(&abbr, Kind::Abbreviation, alt);
            }
        }
    }
}

/// The headword alternative that alternative `alt` of a column with `len` of them stands
/// beside: columns line up only when they have as many alternatives as the headword column.
pub fn parallel(heads: &[Cleaned], len: usize, alt: usize) -> Option<&Cleaned> {
    if heads.len() == len {
        heads.get(alt)
    } else {
        None
    }
}

/// Whether `form` starts like `head`, umlauts aside, but for the last letter of a longer
/// head (`Stadt`/`Städte`, `Thema`/`Themen`), as a plural of it does.
fn is_plural_stem(head: &Cleaned, form: &Cleaned) -> bool {
    let fold = |s: &str| -> Vec<char> {
        s.chars()
            .map(|c| match c.to_lowercase().next().unwrap_or(c) {
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                c => c,
            })
            .collect()
    };
    let (h, f) = (fold(&head.bare), fold(&form.bare));
    let stem = if h.len() > 4 { h.len() - 1 } else { h.len() };
    h.len() >= 3 && f.len() >= h.len() && f[..stem] == h[..stem]
}

/// Whether a plural belongs to its headword rather than to a sub-entry
/// (`Bündnis`/`Bündnisse`, `Arzt`/`Ärzte`, not `Kenntnis`/`Fachkenntnisse`).
pub fn same_stem(head: &Cleaned, form: &Cleaned) -> bool {
    let first = |s: &str| {
        s.chars()
            .next()
            .map(|c| match c.to_lowercase().next().unwrap_or(c) {
                'ä' => 'a',
                'ö' => 'o',
                'ü' => 'u',
                c => c,
            })
    };
    first(&head.bare).is_some() && first(&head.bare) == first(&form.bare)
}

/// Whether `w` may be an adjective's comparative (column 1: `größer`, `mehr`) or superlative
/// (column 2: `größte`, `meisten`).
fn is_comparison(w: &str, col: usize) -> bool {
    // `kleinste/r/s`: the first part says.
    let w = w.split('/').next().unwrap_or(w);
    match col {
        1 => w.ends_with('r'),
        _ => ["st", "ste", "sten", "stens"]
            .iter()
            .any(|e| w.ends_with(e)),
    }
}

fn usable_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= MAX_KEY_BYTES
        && key.split(' ').count() <= MAX_KEY_WORDS
        && key.chars().any(char::is_alphabetic)
}

fn alt_keys(
    lower: &str,
    c: &Cleaned,
    col: usize,
    kind: LineKind,
    head: Option<&Cleaned>,
    emit: &mut dyn FnMut(&str, Kind),
) {
    if lower.ends_with(['.', '!', '?']) && lower.contains(' ') {
        return; // an example sentence
    }
    let words: Vec<&str> = lower.split(' ').filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return;
    }
    if col == 0 {
        if words.len() == 1 {
            for part in slash_parts(words[0]) {
                emit(part, Kind::Head);
            }
        } else {
            if usable_key(lower) {
                emit(lower, Kind::Head);
            }
            // `von einem Ort abziehen` is found from `abziehen`.
            if kind == LineKind::Verb
                && let Some(last) = words.last()
            {
                for part in slash_parts(last) {
                    if part.ends_with('n') && part.chars().count() >= 3 {
                        emit(part, Kind::Phrase);
                    }
                }
            }
        }
        return;
    }
    let tagged_plural = c.tags.iter().any(|t| t == "pl");
    let tagged_entry = c
        .tags
        .iter()
        .any(|t| is_noun_tag(t) || is_verb_tag(t) || t == "adj" || t == "adv");
    if tagged_plural {
        let own_plural = col == 1 && head.is_some_and(|h| same_stem(h, c));
        if words.len() == 1 {
            emit(words[0], if own_plural { Kind::Form } else { Kind::Sub });
        } else if usable_key(lower) {
            emit(lower, Kind::Sub);
        }
        return;
    }
    if tagged_entry {
        if words.len() == 1 {
            for part in slash_parts(words[0]) {
                emit(part, Kind::Sub);
            }
        } else if usable_key(lower) {
            emit(lower, Kind::Sub);
        }
        return;
    }
    // Untagged columns are forms only where a grammar puts them: participles and 3rd persons
    // of verbs, comparison of adjectives. Elsewhere they are examples and phrases
    // (`so viele; dass …`, `von etw. abhängen` under `bedingt`).
    let max_col = match kind {
        LineKind::Verb => MAX_VERB_FORM_COLUMN,
        LineKind::Adjective => 2,
        _ => return,
    };
    if col > max_col {
        return;
    }
    let plain = c.plain.to_lowercase();
    let all: Vec<&str> = plain.split(' ').filter(|w| *w != "sich").collect();
    let mut words = &all[..];
    while words.len() > 1 && FORM_PREFIXES.contains(&words[0]) {
        words = &words[1..];
    }
    match words {
        // An adjective's comparison is shaped like one: `stillstehend; stehend {adj} |
        // stillstehen; stehen` lists verbs beside it, no comparative.
        [w] if kind == LineKind::Adjective && !is_comparison(w, col) => {}
        [w] => {
            for part in slash_parts(w) {
                emit(part, Kind::Form);
            }
        }
        ["am", w] if kind == LineKind::Adjective => emit(w, Kind::Form),
        [verb, particle] if crate::de::analyze::SEPARABLE_PARTICLES.contains(particle) => {
            emit(&format!("{verb} {particle}"), Kind::Form);
        }
        _ => {}
    }
}

/// `abfüllen/füllen` → both; `kleinste/r/s` → `kleinste` (ending variants are not words).
fn slash_parts(word: &str) -> impl Iterator<Item = &str> {
    let mut parts = word.split('/');
    let first = parts.next();
    first
        .into_iter()
        .chain(parts.filter(|p| p.chars().count() >= 3))
        .filter(|p| usable_key(p))
}

/// How a form in column `col` relates to its headword: "simple past", "plural", …
pub fn form_desc(kind: LineKind, col: usize, c: &Cleaned) -> &'static str {
    if c.tags.iter().any(|t| t == "pl") {
        return "plural";
    }
    match kind {
        LineKind::Verb => {
            let words: Vec<&str> = c.bare.split(' ').collect();
            if words
                .iter()
                .any(|w| w.starts_with("hat") || *w == "ist" || *w == "ist/war")
            {
                return "past participle";
            }
            match col {
                1 => "present participle",
                2 => "past participle",
                3 => "present tense",
                4 => "simple past",
                _ => "form",
            }
        }
        LineKind::Adjective => match col {
            1 => "comparative",
            2 => "superlative",
            _ => "form",
        },
        _ => "form",
    }
}

/// The article a gender tag stands for.
pub fn article(tags: &[String]) -> Option<&'static str> {
    let mut genders = tags.iter().filter(|t| is_noun_tag(t));
    let tag = genders.next()?;
    Some(match tag.as_str() {
        "m" => "der",
        "f" | "pl" => "die",
        "n" => "das",
        "m,f" | "f,m" => "der/die",
        "m,n" | "n,m" => "der/das",
        "f,n" | "n,f" => "die/das",
        _ => "der/die/das",
    })
}

/// A headword for reading: `das Bündnis`, `die Aale (pl.)`, `jdn. ausweisen (aus einem Land)`.
pub fn headword_display(c: &Cleaned) -> String {
    with_article(&c.display, &c.tags, c.article)
}

/// A headword without placeholders and comments, as answers are grouped under:
/// `das Bündnis`, `ausweisen`.
pub fn lemma_display(c: &Cleaned) -> String {
    with_article(&c.bare, &c.tags, c.article)
}

/// `text` with the article its tags call for, or else the one it was written with.
fn with_article(text: &str, tags: &[String], written: Option<&str>) -> String {
    let has_article = ARTICLES
        .iter()
        .any(|a| text.strip_prefix(a).is_some_and(|r| r.starts_with(' ')));
    match article(tags).or(written).filter(|_| !has_article) {
        Some(article) if tags.iter().any(|t| t == "pl") => format!("{article} {text} (pl.)"),
        Some(article) => format!("{article} {text}"),
        None => text.to_string(),
    }
}

/// The part of speech, in the glossary's words (noun, verb, adj, adv, prep, conj, phrase).
pub fn pos_of(tags: &[String], display: &str) -> &'static str {
    for t in tags {
        if is_noun_tag(t) {
            return "noun";
        }
        if is_verb_tag(t) {
            return "verb";
        }
        match t.as_str() {
            "adj" => return "adj",
            "adv" => return "adv",
            "prp" => return "prep",
            "conj" => return "conj",
            "pron" | "ppron" => return "pron",
            "num" => return "num",
            "interj" => return "interj",
            "art" => return "art",
            _ => {}
        }
    }
    let mut words = display.split(' ');
    match (words.next(), words.next(), words.next()) {
        (Some(a), Some(noun), None) if ARTICLES.contains(&a) && crate::de::is_capitalized(noun) => {
            "noun"
        }
        (_, Some(_), _) => "phrase",
        _ => "",
    }
}

/// Grammar tags worth showing beside a sense: "transitive", "+Dat.".
pub fn readable_tags(tags: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for t in tags {
        let readable = match t.as_str() {
            "vt" => "transitive",
            "vi" => "intransitive",
            "vr" => "reflexive",
            "m" | "f" | "n" | "pl" | "v" | "adj" | "adv" | "prp" | "conj" | "pron" | "ppron"
            | "num" | "interj" | "art" => continue,
            other if is_noun_tag(other) => continue,
            other => other,
        };
        if !out.iter().any(|o| o == readable) {
            out.push(readable.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collapse_spaces(s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        for w in s.split_whitespace() {
            if !out.is_empty() && !w.starts_with([',', '.', ';', ')']) {
                out.push(' ');
            }
            out.push_str(w);
        }
        out
    }

    #[test]
    fn spaces_collapse_as_the_text_comes() {
        for s in [
            "",
            "  a  ",
            "jdn.  ausweisen (aus einem Land)",
            "a , b ; c . d ) e",
            "\tsich\u{a0}zurückziehen  ",
            " ,x",
        ] {
            let mut c = Collapsed::default();
            // In pieces, as the brackets cut it.
            let middle = (0..=s.len() / 2)
                .rev()
                .find(|&i| s.is_char_boundary(i))
                .unwrap_or(0);
            let (a, b) = s.split_at(middle);
            c.push_str(a);
            c.push_str(b);
            assert_eq!(c.0, collapse_spaces(s), "{s:?}");
        }
    }

    const ANKUENDIGEN: &str = "ankündigen; verkünden {vt} | ankündigend; verkündend | angekündigt; verkündet | kündigt an; verkündet | kündigte an; verkündete :: to herald; to proclaim | heralding; proclaiming | heralded; proclaimed | heralds; proclaims | heralded; proclaimed";

    fn keys(line: &str) -> Vec<(String, Kind, usize, usize)> {
        let line = parse_line(line).expect("a Ding line");
        let mut out = Vec::new();
        for_each_key(&line, |k, kind, col, alt, _| {
            out.push((k.to_string(), kind, col, alt));
        });
        out
    }

    fn has_key(keys: &[(String, Kind, usize, usize)], key: &str, kind: Kind) -> bool {
        keys.iter().any(|(k, kd, _, _)| k == key && *kd == kind)
    }

    #[test]
    fn parses_parallel_columns_and_alternatives() {
        let line = parse_line(ANKUENDIGEN).expect("parses");
        assert_eq!(line.column_count(), 5);
        assert_eq!(
            line.column(0).expect("column").de_alts(),
            vec!["ankündigen", "verkünden {vt}"]
        );
        assert_eq!(
            line.column(4).expect("column").de_alts(),
            vec!["kündigte an", "verkündete"]
        );
        assert_eq!(
            line.column(4).expect("column").en_alts(),
            vec!["heralded", "proclaimed"]
        );
        assert_eq!(line_kind(&line), LineKind::Verb);
    }

    #[test]
    fn abbreviations_between_slashes_are_kept_apart() {
        let student = clean("Student {m} /stud./");
        assert_eq!(student.bare, "Student");
        assert_eq!(student.abbreviations, ["stud"]);
        assert_eq!(clean("Kilogramm {n}; Kilo {n} /kg/").abbreviations, ["kg"]);
        // Slashes between words are no abbreviation.
        let slow = clean("langsam / gemütlich fahren");
        assert!(slow.abbreviations.is_empty());
        assert_eq!(slow.bare, "langsam / gemütlich fahren");
        assert!(
            clean("über jdn./etw. fahren/drüberfahren")
                .abbreviations
                .is_empty()
        );
    }

    #[test]
    fn an_abbreviation_is_a_key_of_its_own() {
        let mut keys = Vec::new();
        for_each_key(
            &parse_line("Zentimeter {m} /cm/ | Zentimeter {pl} :: centimetre").expect("parses"),
            |key, kind, column, _, _| keys.push((key.to_string(), kind, column)),
        );
        assert!(keys.contains(&("cm".to_string(), Kind::Abbreviation, 0)));
        assert!(keys.contains(&("zentimeter".to_string(), Kind::Head, 0)));
    }

    #[test]
    fn skips_comments_and_lines_without_a_separator() {
        assert_eq!(parse_line("# Version :: devel"), None);
        assert_eq!(parse_line(""), None);
        assert_eq!(parse_line("nur Deutsch"), None);
    }

    #[test]
    fn semicolons_inside_braces_do_not_split() {
        let line = parse_line("wegen {prp; +Gen.} :: because of").expect("parses");
        assert_eq!(
            line.column(0).expect("column").de_alts(),
            vec!["wegen {prp; +Gen.}"]
        );
        let c = clean(line.column(0).expect("column").de_alts()[0]);
        assert_eq!(c.tags, vec!["prp", "+Gen."]);
    }

    #[test]
    fn cleaning_keeps_comments_and_placeholders_for_reading_only() {
        let c = clean("jdn. ausweisen (aus einem Land) [adm.] <Ausweisung> {vt}");
        assert_eq!(c.display, "jdn. ausweisen (aus einem Land)");
        assert_eq!(c.bare, "ausweisen");
        assert_eq!(clean("von etw. abhängen {vi}").bare, "abhängen");
        assert_eq!(
            clean("von einem Ort abziehen").bare,
            "von einem Ort abziehen"
        );
        assert_eq!(c.tags, vec!["vt"]);
        assert_eq!(c.labels, vec!["adm."]);
        assert_eq!(c.keywords, vec!["Ausweisung"]);
    }

    #[test]
    fn split_verb_forms_are_keys_with_their_particle() {
        let k = keys(ANKUENDIGEN);
        assert!(has_key(&k, "ankündigen", Kind::Head));
        assert!(has_key(&k, "verkünden", Kind::Head));
        assert!(has_key(&k, "kündigte an", Kind::Form));
        assert!(has_key(&k, "kündigt an", Kind::Form));
        assert!(has_key(&k, "angekündigt", Kind::Form));
        assert!(!k.iter().any(|(key, ..)| key == "kündigte"));
    }

    #[test]
    fn pronoun_and_auxiliary_prefixes_are_stripped_from_forms() {
        let k = keys(
            "zurückziehen {vt} | zurückziehend | zurückgezogen | er/sie zieht zurück | ich/er/sie zog zurück | er/sie hat/hatte zurückgezogen :: to withdraw | withdrawing | withdrawn | he/she withdraws | I/he/she withdrew | he/she has/had withdrawn",
        );
        assert!(has_key(&k, "zieht zurück", Kind::Form));
        assert!(has_key(&k, "zog zurück", Kind::Form));
        assert!(
            k.iter().any(|(key, kind, col, _)| key == "zurückgezogen"
                && *kind == Kind::Form
                && *col == 5)
        );
    }

    #[test]
    fn an_adjective_s_comparison_columns_give_only_comparisons() {
        let k = keys(
            "stillstehend; stehend; ruhend {adj} [techn.] | stillstehen; stehen; ruhen | stehende Figur :: stationary | to be stationary | stationary figure",
        );
        assert!(
            !k.iter()
                .any(|(key, kind, ..)| key == "stehen" && *kind == Kind::Form)
        );
        let k = keys("groß {adj} | größer | am größten :: big | bigger | biggest");
        assert!(has_key(&k, "größer", Kind::Form));
        assert!(has_key(&k, "größten", Kind::Form));
    }

    #[test]
    fn a_negation_column_gives_no_forms() {
        let k = keys(
            "jdn. unterjochen; versklaven {vt} | unterjochend; versklavend | unterjocht; versklavt | unterjocht; versklavt | unterjochte; versklavte | nicht unterjocht; nicht versklavt; frei :: to enslave sb. | enslaving | enslaved | enslaves | enslaved | unenslaved",
        );
        assert!(has_key(&k, "versklavt", Kind::Form));
        assert!(
            !k.iter()
                .any(|(key, ..)| key == "frei" || key.starts_with("nicht"))
        );
    }

    #[test]
    fn plurals_are_forms_and_tagged_columns_sub_entries() {
        let k = keys(
            "Bündnis {n} [pol.] | Bündnisse {pl} | Militärbündnis {n} | ein Bündnis schließen :: alliance | alliances | military alliance | to form an alliance",
        );
        assert!(has_key(&k, "bündnis", Kind::Head));
        assert!(has_key(&k, "bündnisse", Kind::Form));
        assert!(has_key(&k, "militärbündnis", Kind::Sub));
        assert!(!k.iter().any(|(key, ..)| key.contains("schließen")));
    }

    #[test]
    fn a_plural_of_another_word_is_a_sub_entry() {
        let k = keys("Kenntnis {f} | Fachkenntnisse {pl} :: knowledge | expert knowledge");
        assert!(has_key(&k, "fachkenntnisse", Kind::Sub));
        assert!(!has_key(&k, "fachkenntnisse", Kind::Form));
        let k = keys("Arzt {m} | Ärzte {pl} :: doctor | doctors");
        assert!(has_key(&k, "ärzte", Kind::Form));
    }

    #[test]
    fn a_plural_column_with_regional_variants_still_gives_the_plural() {
        let k = keys("Tag {m} | Tage {pl}; Täge {pl} [Lux.] | pro Tag :: day | days | per day");
        assert!(has_key(&k, "tage", Kind::Form));
        assert!(has_key(&k, "täge", Kind::Form));
        let k = keys(
            "Student {m}; Studentin {f}; Hörer {m} | Studenten {pl}; Studentinnen {pl} :: student | students",
        );
        assert!(has_key(&k, "studenten", Kind::Form));
        assert!(has_key(&k, "studentinnen", Kind::Form));
        let k =
            keys("Kenntnis {f} | Fachkenntnisse {pl}; Vorkenntnisse {pl} :: knowledge | expertise");
        assert!(!has_key(&k, "fachkenntnisse", Kind::Form));
    }

    /// The penalty of a line's headword key.
    fn head_penalty(line: &str, key: &str) -> u32 {
        let line = parse_line(line).expect("a Ding line");
        let mut found = None;
        for_each_key(&line, |k, kind, _, _, info| {
            if k == key && kind == Kind::Head && found.is_none() {
                found = Some(u32::from(info.penalty));
            }
        });
        found.expect("the key")
    }

    #[test]
    fn main_senses_have_the_least_penalty() {
        let info = head_penalty;
        let bare = info("sein {vi} | seiend :: to be | being", "sein");
        assert_eq!(info("etw. machen {vt} :: to do sth.", "machen"), bare);
        assert_eq!(
            info("(jdm.) etw. geben {vt} :: to give sb. sth.", "geben"),
            bare
        );
        assert!(info("gegen etw. sein {vi} :: to object to sth.", "sein") >= bare + 8);
        assert!(info("(Last; Verantwortung) tragen {vt} :: to bear", "tragen") >= bare + 6);
        assert!(
            info(
                "machen; zubereiten {vt} (Essen) :: to fix [Am.] [coll.]",
                "machen"
            ) >= bare + 4
        );
        assert_eq!(
            info("Auge {n} [anat.] | Augen {pl} :: eye | eyes", "auge"),
            bare
        );
        assert_eq!(
            info("Kind {n} :: child; bairn [Sc.] [Northern English]", "kind"),
            bare,
            "a label on a later English alternative"
        );
        assert_eq!(info("Auge {n} (eines Würfels) :: pip", "auge"), bare + 1);
        assert!(
            info(
                "etw. bedienen; fahren {vt} [mach.] :: to operate sth.",
                "fahren"
            ) >= bare + 8
        );
    }

    #[test]
    fn a_line_with_examples_of_the_word_ranks_before_a_bare_one() {
        let penalty = head_penalty;
        let fly = penalty(
            "fliegen {vi} (nach) | fliegend | geflogen | ich fliege | du fliegst | er/sie fliegt | \
             wir/sie fliegen | ihr fliegt | ich/er/sie flog | nach Deutschland fliegen :: to fly (to) \
             | flying | flown | I fly | you fly | he/she flies | we/they fly | you fly | I/he/she \
             flew | to fly to Germany",
            "fliegen",
        );
        let wing = penalty(
            "fliegen {vi} | fliegend | geflogen :: to wing | winging | winged",
            "fliegen",
        );
        assert!(fly < wing, "{fly} {wing}");
        // Examples of the other headwords say nothing of this one.
        let others = penalty(
            "groß; breit {adj} | breiter | am breitesten | eine breite Straße | breite Schultern \
             :: wide | wider | widest | a wide road | broad shoulders",
            "groß",
        );
        let own = penalty(
            "groß {adj} | größer | am größten | ein großes Haus | große Pläne :: big | bigger | \
             biggest | a big house | big plans",
            "groß",
        );
        assert!(own < others, "{own} {others}");
    }

    #[test]
    fn a_line_that_starts_with_the_word_ranks_before_one_where_it_comes_later() {
        let penalty = head_penalty;
        // However much the later line says of it.
        let first = penalty("Verlangen {n} :: appetites", "verlangen");
        let later = penalty(
            "Wunsch {m}; Verlangen {n} | vor Verlangen brennen | Verlangen haben | das Verlangen \
             | sein Verlangen :: desire | to burn with desire | to desire | the desire | his desire",
            "verlangen",
        );
        assert!(first < later, "{first} {later}");
        let second = penalty(
            "fühlen; spüren; verspüren; empfinden {vt} | fühlend; spürend :: to feel | feeling",
            "spüren",
        );
        let fourth = penalty(
            "empfinden; fühlen; wahrnehmen; spüren {vt} | empfindend; fühlend :: to sense | sensing",
            "spüren",
        );
        assert!(second < fourth, "{second} {fourth}");
    }

    /// The penalty of a line's headword key, ranked with the word counts of `dictionary`.
    fn ranked_head_penalty(dictionary: &[&str], line: &str, key: &str) -> u32 {
        let mut commonness = Commonness::default();
        for l in dictionary.iter().filter_map(|l| parse_line(l)) {
            commonness.add(l.en);
        }
        let line = parse_line(line).expect("a Ding line");
        let mut found = None;
        for_each_key_ranked(&line, &commonness, |k, kind, _, _, info| {
            if k == key && kind == Kind::Head && found.is_none() {
                found = Some(u32::from(info.penalty));
            }
        });
        found.expect("the key")
    }

    #[test]
    fn a_line_translated_by_a_rare_word_ranks_a_tier_further() {
        let rare = "Freude {f} :: gladsomeness";
        let common = "Vergnügen {n}; Freude {f} | Vergnügen {pl} | viel Freude | Freude haben :: \
                      joy | joys | much joy | to have joy";
        let mut dictionary = vec![rare, common];
        let joys: Vec<String> = (0..40)
            .map(|i| format!("Beispiel{i} {{n}} :: a joy to behold {i}"))
            .collect();
        dictionary.extend(joys.iter().map(String::as_str));
        let penalty = |line| ranked_head_penalty(&dictionary, line, "freude");
        assert!(
            penalty(common) < penalty(rare),
            "{} {}",
            penalty(common),
            penalty(rare)
        );
        assert_eq!(
            penalty(rare),
            head_penalty(rare, "freude") + u32::from(TIER_WEIGHT)
        );
        assert_eq!(penalty(common), head_penalty(common, "freude"));
        // Without counts, the line that starts with the word comes first.
        assert!(head_penalty(rare, "freude") < head_penalty(common, "freude"));
    }

    #[test]
    fn an_english_key_is_not_ranked_by_its_own_rarity() {
        let line = parse_line("Frohsinn {m} :: gladsomeness").expect("a Ding line");
        let mut commonness = Commonness::default();
        commonness.add("joy | a joy to behold");
        let english = |c: &Commonness| {
            let mut found = None;
            for_each_key_ranked(&line, c, |k, kind, _, _, info| {
                if k == "gladsomeness" && kind == Kind::English {
                    found = Some(info.penalty);
                }
            });
            found.expect("the English key")
        };
        assert!(commonness.is_rare("gladsomeness"));
        assert_eq!(english(&commonness), english(&Commonness::default()));
    }

    #[test]
    fn a_line_for_the_word_alone_ranks_before_one_it_shares() {
        let penalty = head_penalty;
        let alone = penalty(
            "fahren {vi} (mit etw.) (als Mitfahrer) | fahrend | gefahren :: to go (by sth.) | going | gone",
            "fahren",
        );
        let shared = penalty(
            "fahren; befahren {vt} | fahrend; befahrend | gefahren; befahren :: to navigate | navigating | navigated",
            "fahren",
        );
        assert!(alone < shared, "{alone} {shared}");
        // A noun's synonyms do not count against it.
        let bank = penalty("Bank {f}; Gruppe {f} :: bank", "bank");
        let settle = penalty("Bank {f} :: settle", "bank");
        assert_eq!(bank, settle);
        // Its own forms are no other words.
        let forms = penalty(
            "hoch; hoher; hohe; hohes {adj} | höher | am höchsten :: high | higher | highest",
            "hoch",
        );
        let heavy = penalty(
            "hoch {adj} (auf einer Werteskala) | hohes Fieber :: heavy | heavy fever",
            "hoch",
        );
        assert!(forms < heavy, "{forms} {heavy}");
    }

    #[test]
    fn an_adjective_s_comparison_marks_its_main_line() {
        let penalty = head_penalty;
        let weak = penalty(
            "schwach; flau {adj} | schwächer; flauer | am schwächsten; am flauesten :: weak | weaker | weakest",
            "schwach",
        );
        let faint = penalty(
            "schwach {adj} | Mir ist ganz schwach vor Hunger. :: faint | I feel faint with hunger.",
            "schwach",
        );
        assert!(weak < faint, "{weak} {faint}");
        // Examples right after the headword count as examples.
        let examples = penalty(
            "friedlich; geruhsam {adj} | Der Park ist so ruhig und friedlich. | friedliche Tage \
             :: peaceful | The park is so quiet and peaceful. | peaceful days",
            "friedlich",
        );
        let bare = penalty("friedlich; geruhsam {adj} :: peaceful", "friedlich");
        assert!(examples < bare, "{examples} {bare}");
    }

    #[test]
    fn each_comment_that_tells_a_sense_narrows_it() {
        let penalty = head_penalty;
        let keep = penalty(
            "etw. (in bestimmter Weise) halten {vt} (in Zusammensetzungen) | haltend | gehalten \
             :: to keep sth. (in a particular way) (in compounds) | keeping | kept",
            "halten",
        );
        let one = penalty(
            "etw. halten {vt} (besitzen) | haltend | gehalten :: to keep sth. | keeping | kept",
            "halten",
        );
        let hold = penalty(
            "etw. halten {vt} | haltend | gehalten :: to hold sth. | holding | held",
            "halten",
        );
        assert!(hold < one && one < keep, "{hold} {one} {keep}");
    }

    #[test]
    fn english_words_are_one_word_translations() {
        assert_eq!(
            english_word("to fly {flew; flown} (to)").as_deref(),
            Some("fly")
        );
        assert_eq!(english_word(" the ").as_deref(), Some("the"));
        assert_eq!(
            english_word("Christmas [Br.]").as_deref(),
            Some("christmas")
        );
        assert_eq!(english_word("human being"), None);
        assert_eq!(english_word("to give sb. sth."), None);
        assert_eq!(english_word("…"), None);
        let line = parse_line("der; die; das {art} :: the").expect("a line");
        let mut keys = Vec::new();
        for_each_key(&line, |k, kind, _, _, _| keys.push((k.to_string(), kind)));
        assert!(keys.contains(&("the".to_string(), Kind::English)));
    }

    #[test]
    fn untagged_phrases_outside_form_columns_are_no_forms() {
        let k = keys(
            "bedingt {adj} | bedingter | von etw. abhängen :: conditional | more conditional | to depend on sth.",
        );
        assert!(has_key(&k, "bedingter", Kind::Form));
        assert!(!k.iter().any(|(key, ..)| key == "abhängen"));
        let k = keys("so {adv} | so viele; dass … :: so | so many that …");
        assert!(!k.iter().any(|(key, ..)| key == "dass"));
    }

    #[test]
    fn phrase_headwords_are_found_from_their_verb() {
        let k = keys(
            "sich von einem Ort zurückziehen/absetzen {vr}; von einem Ort abziehen {vi} [mil.] :: to withdraw; to pull out",
        );
        assert!(has_key(&k, "abziehen", Kind::Phrase));
        assert!(has_key(&k, "zurückziehen", Kind::Phrase));
        assert!(has_key(&k, "absetzen", Kind::Phrase));
        assert!(has_key(&k, "von einem ort abziehen", Kind::Head));
    }

    #[test]
    fn adjective_comparison_columns_are_forms() {
        let k = keys("alt {adj} | älter | am ältesten :: old | older | oldest");
        assert!(has_key(&k, "älter", Kind::Form));
        assert!(has_key(&k, "ältesten", Kind::Form));
        let k = keys("klein {adj} | kleiner | kleinste/r/s :: small | smaller | smallest");
        assert!(has_key(&k, "kleinste", Kind::Form));
        assert!(!k.iter().any(|(key, ..)| key == "r" || key == "s"));
    }

    #[test]
    fn example_sentences_are_not_keys() {
        let k = keys(
            "weisen {vt} | weisend | Er weist nach Osten. :: to point | pointing | He points east.",
        );
        assert!(!k.iter().any(|(key, ..)| key.contains("osten")));
    }

    #[test]
    fn form_descriptions_follow_the_column() {
        let desc = |kind, col, raw| form_desc(kind, col, &clean(raw));
        assert_eq!(desc(LineKind::Verb, 4, "kündigte an"), "simple past");
        assert_eq!(
            desc(LineKind::Verb, 5, "er/sie hat/hatte zurückgezogen"),
            "past participle"
        );
        assert_eq!(desc(LineKind::Noun, 1, "Bündnisse {pl}"), "plural");
        assert_eq!(desc(LineKind::Adjective, 2, "am ältesten"), "superlative");
    }

    #[test]
    fn headwords_read_with_their_article() {
        assert_eq!(
            headword_display(&clean("Bündnis {n} [pol.]")),
            "das Bündnis"
        );
        assert_eq!(headword_display(&clean("Aale {pl}")), "die Aale (pl.)");
        assert_eq!(
            headword_display(&clean("Aachener {m,f}")),
            "der/die Aachener"
        );
        assert_eq!(
            readable_tags(&clean("ankündigen {vt}").tags),
            vec!["transitive"]
        );
    }
}
