//! How much of a text the learner knows: terms by status, and the share of running words.
//! Every word is a term ([`crate::terms`]); a status belongs to the term's headword.

use super::status::Status;
use super::store::{Store, StoreError};
use crate::glossary::Glossary;
use crate::link::Link;
use crate::terms::Terms;
use std::ops::Range;

/// The term a link's status is kept under: its entry's headword.
pub fn term_of<'g>(glossary: &'g Glossary, link: &Link) -> Option<&'g str> {
    glossary.entries.get(link.entry).map(|e| e.de.as_str())
}

/// Each term's status, indexed like [`Terms::keys`]: the headword's, or where the headword is
/// still new, a status kept under the word itself in lower case (as leser did before every
/// word had a headword), so no earlier mark is lost.
pub fn term_statuses(terms: &Terms, status: impl Fn(&str) -> Status) -> Vec<Status> {
    let mut out: Vec<Status> = terms.keys().iter().map(|k| status(k)).collect();
    let mut word = String::new();
    for (form, id) in terms.forms_with_terms() {
        if out[id] != Status::New {
            continue;
        }
        crate::de::lowercase_into(&form.word, &mut word);
        if word != terms.keys()[id] {
            out[id] = status(&word);
        }
    }
    out
}

/// Counts for one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStats {
    /// Distinct terms (headwords) of the text, by status.
    pub new: usize,
    pub learning: usize,
    pub known: usize,
    pub ignored: usize,
    /// Running words (word tokens) in the text.
    pub words: usize,
    /// Running words that belong to a known term (both parts of a split verb count).
    pub known_words: usize,
    /// Running words that belong to an ignored term.
    pub ignored_words: usize,
}

/// A share as a whole percentage, rounded down so 100% means all.
fn percent(part: usize, whole: usize) -> usize {
    (part * 100).checked_div(whole).unwrap_or(0)
}

impl TextStats {
    /// Distinct terms.
    pub fn terms(&self) -> usize {
        self.new + self.learning + self.known + self.ignored
    }

    /// Share (0 to 1) of running words that belong to known terms.
    pub fn known_share(&self) -> f64 {
        share(self.known_words, self.words)
    }

    /// Share (0 to 1) of running words that belong to known or ignored terms.
    pub fn known_or_ignored_share(&self) -> f64 {
        share(self.known_words + self.ignored_words, self.words)
    }

    /// The reader's status bar: `known 62% · learning 14 · new 9`.
    pub fn status_bar(&self) -> String {
        format!(
            "known {}% · learning {} · new {}",
            percent(self.known_words, self.words),
            self.learning,
            self.new
        )
    }

    /// Several lines for `leser stats`.
    pub fn report(&self) -> String {
        format!(
            "terms         {}\n  known       {}\n  learning    {}\n  new         {}\n  ignored     {}\n\
             running words {}\n  known            {}% ({})\n  known or ignored {}% ({})\n",
            self.terms(),
            self.known,
            self.learning,
            self.new,
            self.ignored,
            self.words,
            percent(self.known_words, self.words),
            self.known_words,
            percent(self.known_words + self.ignored_words, self.words),
            self.known_words + self.ignored_words,
        )
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts a text's terms by status (`statuses` from [`term_statuses`]), and the running words
/// they cover.
pub fn text_stats(terms: &Terms, statuses: &[Status]) -> TextStats {
    let mut stats = TextStats::default();
    let counts = terms.occurrences();
    // A headword no token is of any more (its forms filed elsewhere) is no term of the text.
    let present = statuses
        .iter()
        .enumerate()
        .filter(|(id, _)| counts.get(*id).is_none_or(|&c| c > 0));
    for (_, status) in present {
        match status {
            Status::New => stats.new += 1,
            Status::Learning(_) => stats.learning += 1,
            Status::Known => stats.known += 1,
            Status::Ignored => stats.ignored += 1,
        }
    }
    // Running words by term, so that a book costs its terms, not its tokens.
    for (id, &count) in terms.occurrences().iter().enumerate() {
        let count = count as usize;
        stats.words += count;
        match statuses.get(id) {
            Some(Status::Known) => stats.known_words += count,
            Some(Status::Ignored) => stats.ignored_words += count,
            _ => {}
        }
    }
    stats
}

/// The terms that are still new, in text order, among the tokens of `tokens` (all of the
/// text when `None`): what "mark these known" would change.
pub fn new_terms(terms: &Terms, statuses: &[Status], tokens: Option<&Range<usize>>) -> Vec<String> {
    let mut seen = vec![false; statuses.len()];
    let mut out = Vec::new();
    for (token, id) in terms.term_tokens() {
        if tokens.as_ref().is_some_and(|r| !r.contains(&token)) || seen[id] {
            continue;
        }
        seen[id] = true;
        if statuses[id] == Status::New {
            out.push(terms.keys()[id].clone());
        }
    }
    out
}

/// The words of a text by their term, each term with the running words it covers: what the
/// library's figures are counted from.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    pub words: usize,
    /// Each term of the text with its running words (none when all its forms went to other
    /// terms: such a term is no term of the text).
    pub terms: Vec<(String, u32)>,
    /// Forms whose word in lower case is not their term (`ging` of `gehen`), with the index of
    /// their term: a status older versions kept under the word shows on the term, as in
    /// [`term_statuses`].
    #[serde(default)]
    pub forms: Vec<(String, u32)>,
}

/// What the library shows of a text: the share of its running words the learner knows, and
/// how many of its terms are still new.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    pub words: usize,
    pub known_words: usize,
    pub new_terms: usize,
}

impl Figures {
    /// Share (0 to 1) of running words that belong to known terms.
    pub fn known_share(&self) -> f64 {
        share(self.known_words, self.words)
    }
}

/// A text's vocabulary, from its terms.
pub fn vocabulary(terms: &Terms) -> Vocabulary {
    let mut counts = vec![0u32; terms.keys().len()];
    let mut words = 0;
    for (_, id) in terms.term_tokens() {
        words += 1;
        counts[id] += 1;
    }
    let mut forms = Vec::new();
    let mut word = String::new();
    for (form, id) in terms.forms_with_terms() {
        crate::de::lowercase_into(&form.word, &mut word);
        if word != terms.keys()[id] {
            forms.push((word.clone(), id as u32));
        }
    }
    forms.sort_unstable();
    forms.dedup();
    let terms = terms.keys().iter().cloned().zip(counts).collect();
    Vocabulary {
        words,
        terms,
        forms,
    }
}

impl Vocabulary {
    /// The figures as [`text_stats`] counts them for the reader's status bar.
    pub fn figures(&self, store: &Store) -> Figures {
        let mut statuses: Vec<Status> = self.terms.iter().map(|(t, _)| store.status(t)).collect();
        for (word, id) in &self.forms {
            if let Some(status) = statuses.get_mut(*id as usize)
                && *status == Status::New
            {
                *status = store.status(word);
            }
        }
        let mut f = Figures {
            words: self.words,
            ..Figures::default()
        };
        for ((_, count), status) in self.terms.iter().zip(statuses) {
            match status {
                _ if *count == 0 => {}
                Status::Known => f.known_words += *count as usize,
                Status::New => f.new_terms += 1,
                _ => {}
            }
        }
        f
    }
}

/// Sets statuses of terms of this text, saved in one write, with the forms of the text that
/// are filed under each term (so the status still shows where no dictionary is at hand).
pub fn set_term_statuses(
    terms: &Terms,
    store: &mut Store,
    changes: &[(String, Status)],
) -> Result<(), StoreError> {
    let filings: Vec<(String, String)> = changes
        .iter()
        .flat_map(|(term, _)| terms.filings_of(term))
        .collect();
    store.set_statuses_filing(
        changes.iter().map(|(t, s)| (t.as_str(), *s)),
        filings.iter().map(|(f, t)| (f.as_str(), t.as_str())),
    )
}

/// Marks the terms that are still new known (among `tokens`, or in the whole text), saved in
/// one write. Returns the terms it changed.
pub fn mark_new_known(
    terms: &Terms,
    statuses: &[Status],
    tokens: Option<&Range<usize>>,
    store: &mut Store,
) -> Result<Vec<String>, StoreError> {
    let new = new_terms(terms, statuses, tokens);
    let changes: Vec<(String, Status)> = new.iter().map(|t| (t.clone(), Status::Known)).collect();
    set_term_statuses(terms, store, &changes)?;
    Ok(new)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::terms::{FormKey, Found, Sources};
    use crate::text::Document;

    const GLOSSARY: &str = r#"
[[term]]
de = "Diplomat"
en = "diplomat"
pos = "noun"
gender = "m"

[[term]]
de = "Bündnis"
en = "alliance"
pos = "noun"
gender = "n"

[[term]]
de = "Rat"
en = "council"
pos = "noun"
gender = "m"

[[term]]
de = "NATO"
en = "NATO"
pos = "abbr"
gender = "f"
"#;

    fn setup(text: &str, sources: &Sources) -> Terms {
        let glossary = parse(GLOSSARY, "g.toml").unwrap();
        let doc = Document::parse("t.txt", text.to_string()).unwrap();
        let analysis = Linker::new(glossary.clone()).analyze(&doc);
        Terms::build(&doc.source, &analysis, &glossary, sources)
    }

    fn statuses(terms: &Terms, store: &Store) -> Vec<Status> {
        term_statuses(terms, |t| store.status(t))
    }

    #[test]
    fn counts_every_word_s_term_by_status_and_known_running_words() {
        // Seven words, six terms; Diplomat twice.
        let terms = setup(
            "Diplomat sah Rat. Bündnis prüfte NATO. Diplomat!",
            &Sources::default(),
        );
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Diplomat", Status::Known).unwrap();
        store.set_status("Rat", Status::Learning(2)).unwrap();
        store.set_status("NATO", Status::Ignored).unwrap();

        let stats = text_stats(&terms, &statuses(&terms, &store));
        assert_eq!(
            (stats.known, stats.learning, stats.new, stats.ignored),
            (1, 1, 3, 1)
        );
        assert_eq!(stats.words, 7);
        assert_eq!(stats.known_words, 2);
        assert_eq!(stats.ignored_words, 1);
        assert_eq!(stats.status_bar(), "known 28% · learning 1 · new 3");
        assert!((stats.known_or_ignored_share() - 3.0 / 7.0).abs() < 1e-9);
        assert!(
            stats.report().contains("known or ignored 42% (3)"),
            "{}",
            stats.report()
        );
    }

    #[test]
    fn a_status_kept_under_the_word_itself_still_shows_on_its_headword() {
        let mut sources = Sources::default();
        sources.filed.insert("sah".to_string(), "sehen".to_string());
        let terms = setup("Diplomat sah Rat.", &sources);
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("sah", Status::Learning(3)).unwrap();
        let st = statuses(&terms, &store);
        assert_eq!(st[terms.id("sehen").unwrap()], Status::Learning(3));
    }

    #[test]
    fn the_library_s_figures_are_the_status_bar_s() {
        // `kündigte … an` is ankündigen, so the particle's own term `an` covers no word here;
        // `sah` keeps an old status under the word itself.
        let mut sources = Sources::default();
        let form = |word: &str, particle: Option<&str>| FormKey {
            word: word.to_string(),
            particle: particle.map(str::to_string),
            place: crate::dict::Place::default(),
        };
        let found = |h: &str, with_particle| {
            Some(Found {
                headword: h.to_string(),
                with_particle,
            })
        };
        sources
            .dictionary
            .insert(form("kündigte", Some("an")), found("ankündigen", true));
        sources
            .dictionary
            .insert(form("sah", None), found("sehen", false));
        let terms = setup(
            "Der Diplomat sah den Rat. Er kündigte es an. Der Rat sah es.",
            &sources,
        );
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("sah", Status::Known).unwrap();
        store.set_status("Rat", Status::Known).unwrap();
        store.set_status("es", Status::Learning(2)).unwrap();

        let stats = text_stats(&terms, &statuses(&terms, &store));
        let figures = vocabulary(&terms).figures(&store);
        assert_eq!(
            (figures.words, figures.known_words, figures.new_terms),
            (stats.words, stats.known_words, stats.new)
        );
        // What the case is made of: a known term through its form's old status, and a term
        // with no words of its own.
        assert_eq!(store.status("sehen"), Status::New);
        assert_eq!(
            statuses(&terms, &store)[terms.id("sehen").unwrap()],
            Status::Known
        );
        let unused = terms
            .keys()
            .iter()
            .zip(terms.occurrences())
            .filter(|(_, c)| **c == 0);
        assert_eq!(unused.count(), 1, "{:?}", terms.keys());
    }

    #[test]
    fn an_empty_text_has_no_share() {
        let terms = setup("", &Sources::default());
        let stats = text_stats(&terms, &[]);
        assert_eq!(stats.words, 0);
        assert!(stats.known_share().abs() < f64::EPSILON);
        assert_eq!(stats.status_bar(), "known 0% · learning 0 · new 0");
    }

    #[test]
    fn marking_new_known_changes_only_new_terms_files_forms_and_saves_them() {
        let mut sources = Sources::default();
        sources.dictionary.insert(
            FormKey {
                word: "sah".to_string(),
                particle: None,
                place: crate::dict::Place::default(),
            },
            Some(Found {
                headword: "sehen".to_string(),
                with_particle: false,
            }),
        );
        let terms = setup("Diplomat sah Rat. Bündnis prüfte NATO.", &sources);
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Learning(1)).unwrap();
        store.set_status("NATO", Status::Ignored).unwrap();

        let st = statuses(&terms, &store);
        assert_eq!(
            new_terms(&terms, &st, None),
            ["Diplomat", "sehen", "Bündnis", "prüfte"]
        );
        // Only the first sentence's tokens (Diplomat sah Rat .).
        assert_eq!(new_terms(&terms, &st, Some(&(0..4))), ["Diplomat", "sehen"]);
        let changed = mark_new_known(&terms, &st, None, &mut store).unwrap();
        assert_eq!(changed, ["Diplomat", "sehen", "Bündnis", "prüfte"]);
        assert_eq!(store.status("Rat"), Status::Learning(1));
        assert_eq!(store.status("NATO"), Status::Ignored);

        let reopened = Store::open(d.path()).unwrap();
        assert_eq!(reopened.status("sehen"), Status::Known);
        assert_eq!(reopened.filed_under("sah"), Some("sehen"));
        let st = statuses(&terms, &reopened);
        assert!(new_terms(&terms, &st, None).is_empty());
    }
}
