//! The offline dictionaries as the reader knows them: opening, what the selection asks them,
//! what they answered.

use super::ReaderState;
use crate::tui::dictionary::{DictQuery, Looked, SharedDictionaries};
use crate::tui::strings;

/// The offline dictionaries, as far as the reader knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DictionaryState {
    /// None were asked for (a state made without a session).
    Off,
    /// Being opened: the dictionary whose index is being built and how far, once one is.
    Opening(Option<(String, u8)>),
    /// Open (possibly none: nothing installed).
    Ready(SharedDictionaries),
}

impl ReaderState {
    /// The dictionaries are being opened: the status bar says so until they are ready.
    pub fn expect_dictionaries(&mut self) {
        self.dictionaries = DictionaryState::Opening(None);
        self.needs_redraw = true;
    }

    pub fn dictionary_state(&self) -> &DictionaryState {
        &self.dictionaries
    }

    /// The dictionaries, once open.
    pub fn dictionaries(&self) -> Option<&SharedDictionaries> {
        match &self.dictionaries {
            DictionaryState::Ready(d) => Some(d),
            _ => None,
        }
    }

    /// What the status bar says while the dictionaries open.
    pub fn dictionary_status(&self) -> Option<String> {
        match &self.dictionaries {
            DictionaryState::Opening(None) => Some(strings::DICT_OPENING.to_string()),
            DictionaryState::Opening(Some((name, percent))) => {
                Some(strings::dict_indexing(name, *percent))
            }
            DictionaryState::Ready(_) => self
                .resolving
                .map(|(done, total)| strings::finding_headwords(done * 100 / total.max(1))),
            DictionaryState::Off => None,
        }
    }

    /// Whether a glossary entry's card shows the dictionaries' answers unfolded.
    pub fn dictionary_unfolded(&self) -> bool {
        self.dictionary_unfolded
    }

    /// What the dictionaries answered to a query, once asked.
    pub fn looked_up(&self, query: &DictQuery) -> Option<&Looked> {
        self.looked_up.get(query)
    }

    /// What the card asks the dictionaries: for a glossary term its entry's headword, for a
    /// word (or a span of one word) the word.
    pub fn dictionary_query(&self) -> Option<DictQuery> {
        if let Some(span) = &self.span {
            return match span.tokens() {
                [token] => self.word_query(*token),
                _ => None,
            };
        }
        if let Some(link) = self.selected_link().and_then(|l| self.link(l)) {
            let entry = self.entry(link.entry)?;
            return Some(DictQuery {
                word: entry.de.clone(),
                particle: None,
                pos: entry.pos.map(|p| p.as_str().to_string()),
                // A headword's capital is its own.
                sentence_start: false,
            });
        }
        self.word_query(self.selected?)
    }

    /// The query for a word of the text (see [`crate::dict::word_query`]).
    pub fn word_query(&self, token: usize) -> Option<DictQuery> {
        crate::dict::word_query(&self.text, &self.analysis, token)
    }

    /// The selection's query, when the dictionaries are open and have not been asked yet.
    pub(super) fn missing_lookup(&self) -> Option<DictQuery> {
        self.dictionaries()?;
        self.dictionary_query()
            .filter(|q| !self.looked_up.contains_key(q))
    }
}

#[cfg(test)]
mod tests {
    use crate::glossary::Glossary;
    use crate::link::Linker;
    use crate::text::Document;
    use crate::tui::reader::ReaderState;
    use ratatui::layout::Size;

    #[test]
    fn sein_is_asked_as_the_possessive_before_its_noun_and_as_the_verb_at_the_clause_end() {
        let text = "Er trägt sein Fahrrad, weil es kaputt sein muss.";
        let doc = Document::parse("t.txt", text.to_string()).unwrap();
        let s = ReaderState::new(
            doc,
            None,
            Linker::new(Glossary::default()),
            Size::new(80, 24),
        );
        let tokens = &s.analysis().tokens;
        let sein: Vec<usize> = (0..tokens.len())
            .filter(|&t| tokens[t].text(s.text()) == "sein")
            .collect();
        assert_eq!(sein.len(), 2);
        assert_eq!(s.word_query(sein[0]).unwrap().pos.as_deref(), Some("pron"));
        assert_eq!(s.word_query(sein[1]).unwrap().pos, None);
    }
}
