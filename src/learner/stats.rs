//! How much of a text the learner knows: terms by status, and the share of running words.

use super::status::Status;
use super::store::{Store, StoreError};
use crate::glossary::Glossary;
use crate::link::{Analysis, Link};
use rustc_hash::FxHashSet;

/// The term a link's status is kept under: its entry's headword.
pub fn term_of<'g>(glossary: &'g Glossary, link: &Link) -> Option<&'g str> {
    glossary.entries.get(link.entry).map(|e| e.de.as_str())
}

/// Terms linked in a text, each once, in the order they first occur.
fn linked_terms<'g>(analysis: &Analysis, glossary: &'g Glossary) -> Vec<&'g str> {
    let mut seen = FxHashSet::default();
    analysis
        .links
        .iter()
        .filter_map(|l| term_of(glossary, l))
        .filter(|t| seen.insert(*t))
        .collect()
}

/// Counts for one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextStats {
    /// Distinct terms linked in the text, by status.
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
    /// Distinct terms linked.
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
            "terms linked  {}\n  known       {}\n  learning    {}\n  new         {}\n  ignored     {}\n\
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

/// Counts the terms linked in an analysed text by status, and the running words they cover.
/// `glossary` is the one the analysis was linked with.
pub fn text_stats(analysis: &Analysis, glossary: &Glossary, store: &Store) -> TextStats {
    let mut stats = TextStats::default();
    for term in linked_terms(analysis, glossary) {
        match store.status(term) {
            Status::New => stats.new += 1,
            Status::Learning(_) => stats.learning += 1,
            Status::Known => stats.known += 1,
            Status::Ignored => stats.ignored += 1,
        }
    }
    for token in analysis.words() {
        stats.words += 1;
        let term = analysis
            .token_link
            .get(token)
            .copied()
            .flatten()
            .and_then(|l| analysis.links.get(l))
            .and_then(|l| term_of(glossary, l));
        match term.map(|t| store.status(t)) {
            Some(Status::Known) => stats.known_words += 1,
            Some(Status::Ignored) => stats.ignored_words += 1,
            _ => {}
        }
    }
    stats
}

/// The words of a text by the key their status is kept under (a linked term's headword, else
/// the word in lower case), each with the running words it covers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    pub words: usize,
    pub terms: Vec<(String, u32)>,
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

/// A text's vocabulary. `glossary` is the one the analysis was linked with.
pub fn vocabulary(text: &str, analysis: &Analysis, glossary: &Glossary) -> Vocabulary {
    let mut counts: rustc_hash::FxHashMap<String, u32> = rustc_hash::FxHashMap::default();
    let mut words = 0;
    for token in analysis.words() {
        words += 1;
        let linked = analysis
            .token_link
            .get(token)
            .copied()
            .flatten()
            .and_then(|l| analysis.links.get(l))
            .and_then(|l| term_of(glossary, l));
        let key = match linked {
            Some(term) => term.to_string(),
            None => analysis.tokens[token].text(text).to_lowercase(),
        };
        *counts.entry(key).or_default() += 1;
    }
    let mut terms: Vec<(String, u32)> = counts.into_iter().collect();
    terms.sort_unstable();
    Vocabulary { words, terms }
}

impl Vocabulary {
    pub fn figures(&self, store: &Store) -> Figures {
        let mut f = Figures {
            words: self.words,
            ..Figures::default()
        };
        for (term, count) in &self.terms {
            match store.status(term) {
                Status::Known => f.known_words += *count as usize,
                Status::New => f.new_terms += 1,
                _ => {}
            }
        }
        f
    }
}

/// The terms linked in the text that are still new, in text order (for the confirmation:
/// "mark these 9 terms known?").
pub fn new_terms(analysis: &Analysis, glossary: &Glossary, store: &Store) -> Vec<String> {
    linked_terms(analysis, glossary)
        .into_iter()
        .filter(|t| store.status(t) == Status::New)
        .map(str::to_string)
        .collect()
}

/// Marks every term of the text that is still new as known, saved in one write. Returns the
/// terms it changed.
pub fn mark_all_new_known(
    analysis: &Analysis,
    glossary: &Glossary,
    store: &mut Store,
) -> Result<Vec<String>, StoreError> {
    let terms = new_terms(analysis, glossary, store);
    store.set_statuses(terms.iter().map(|t| (t.as_str(), Status::Known)))?;
    Ok(terms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::link::Linker;
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

    fn setup(text: &str) -> (Glossary, Analysis) {
        let glossary = parse(GLOSSARY, "g.toml").unwrap();
        let doc = Document::parse("t.txt", text.to_string()).unwrap();
        let analysis = Linker::new(glossary.clone()).analyze(&doc);
        (glossary, analysis)
    }

    #[test]
    fn counts_terms_by_status_and_known_running_words() {
        // Eleven words; Diplomat twice, Bündnis, Rat and NATO once each.
        let (glossary, analysis) =
            setup("Der Diplomat sah den Rat. Das Bündnis und die NATO. Diplomat!");
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Diplomat", Status::Known).unwrap();
        store.set_status("Rat", Status::Learning(2)).unwrap();
        store.set_status("NATO", Status::Ignored).unwrap();

        let stats = text_stats(&analysis, &glossary, &store);
        assert_eq!(
            (stats.known, stats.learning, stats.new, stats.ignored),
            (1, 1, 1, 1)
        );
        assert_eq!(stats.words, 11);
        assert_eq!(stats.known_words, 2);
        assert_eq!(stats.ignored_words, 1);
        assert_eq!(stats.status_bar(), "known 18% · learning 1 · new 1");
        assert!((stats.known_or_ignored_share() - 3.0 / 11.0).abs() < 1e-9);
        assert!(
            stats.report().contains("known or ignored 27% (3)"),
            "{}",
            stats.report()
        );
    }

    #[test]
    fn an_empty_text_has_no_share() {
        let (glossary, analysis) = setup("");
        let d = tempfile::tempdir().unwrap();
        let store = Store::open(d.path()).unwrap();
        let stats = text_stats(&analysis, &glossary, &store);
        assert_eq!(stats.words, 0);
        assert!(stats.known_share().abs() < f64::EPSILON);
        assert_eq!(stats.status_bar(), "known 0% · learning 0 · new 0");
    }

    #[test]
    fn marking_all_new_known_changes_only_new_terms_and_saves_them() {
        let (glossary, analysis) = setup("Der Diplomat sah den Rat. Das Bündnis und die NATO.");
        let d = tempfile::tempdir().unwrap();
        let mut store = Store::open(d.path()).unwrap();
        store.set_status("Rat", Status::Learning(1)).unwrap();
        store.set_status("NATO", Status::Ignored).unwrap();

        assert_eq!(
            new_terms(&analysis, &glossary, &store),
            ["Diplomat", "Bündnis"]
        );
        let changed = mark_all_new_known(&analysis, &glossary, &mut store).unwrap();
        assert_eq!(changed, ["Diplomat", "Bündnis"]);
        assert_eq!(store.status("Rat"), Status::Learning(1));
        assert_eq!(store.status("NATO"), Status::Ignored);
        assert!(new_terms(&analysis, &glossary, &store).is_empty());

        let reopened = Store::open(d.path()).unwrap();
        assert_eq!(reopened.status("Diplomat"), Status::Known);
        assert_eq!(reopened.status("Bündnis"), Status::Known);
        // Nothing new left: a second call changes nothing.
        assert!(
            mark_all_new_known(&analysis, &glossary, &mut store)
                .unwrap()
                .is_empty()
        );
    }
}
