//! Pronunciation in the reader: what `p` and `P` speak, which texts the card shows IPA for,
//! and the IPA received so far. The speaking and the IPA are the worker's (espeak-ng runs in
//! the background); this only decides and remembers.

use super::action::Effect;
use super::reader::ReaderState;
use super::strings;
use rustc_hash::{FxHashMap, FxHashSet};

/// Whether the reader can pronounce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speech {
    /// Not asked for (a state made without a session).
    #[default]
    Off,
    /// espeak-ng is not installed.
    Missing,
    Ready,
}

/// The texts a card pronounces: its headword, and the form in the text when it is written
/// differently.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardTexts {
    pub headword: Option<String>,
    pub form: Option<String>,
}

/// What the reader knows about pronouncing.
#[derive(Debug, Clone, Default)]
pub struct Pronunciations {
    speech: Speech,
    /// IPA by text, as received; `None` when espeak-ng gave none.
    ipa: FxHashMap<String, Option<String>>,
    /// Texts asked for, answered or not, so that each is asked once.
    asked: FxHashSet<String>,
    /// Whether a text is being spoken, as far as the reader knows.
    speaking: bool,
}

impl Pronunciations {
    pub fn speech(&self) -> Speech {
        self.speech
    }

    pub fn set_speech(&mut self, speech: Speech) {
        self.speech = speech;
    }

    /// The IPA of a text, once received.
    pub fn ipa(&self, text: &str) -> Option<&str> {
        self.ipa.get(text).and_then(Option::as_deref)
    }

    /// Asks for the texts not asked for yet; none while espeak-ng is not ready.
    pub fn ask(&mut self, texts: &CardTexts) -> Option<Effect> {
        if self.speech != Speech::Ready {
            return None;
        }
        let new: Vec<String> = [&texts.headword, &texts.form]
            .into_iter()
            .flatten()
            .filter(|t| self.asked.insert((*t).clone()))
            .cloned()
            .collect();
        (!new.is_empty()).then_some(Effect::Pronounce(new))
    }

    pub fn receive(&mut self, results: Vec<(String, Option<String>)>) {
        for (text, ipa) in results {
            self.asked.insert(text.clone());
            self.ipa.insert(text, ipa);
        }
    }

    /// Speaks a text: the effect, or the message that says why not.
    pub fn speak(&mut self, text: Option<String>) -> Result<Option<Effect>, &'static str> {
        match self.speech {
            Speech::Off => Ok(None),
            Speech::Missing => Err(strings::SPEECH_MISSING),
            Speech::Ready => Ok(text.map(|t| {
                self.speaking = true;
                Effect::Speak(t)
            })),
        }
    }

    /// Stops speaking, when something is being spoken.
    pub fn stop(&mut self) -> Option<Effect> {
        std::mem::take(&mut self.speaking).then_some(Effect::StopSpeech)
    }

    pub fn ended(&mut self) {
        self.speaking = false;
    }
}

/// What the card of the selection pronounces: a glossary term's headword (and the form in
/// the text, parts of a split verb joined); for a word without an entry, the word. Nothing
/// for a span being chosen.
pub fn card_texts(state: &ReaderState) -> CardTexts {
    if state.span().is_some() {
        return CardTexts::default();
    }
    let spans = state.selected_spans();
    let surface = spans
        .iter()
        .filter_map(|s| state.text().get(s.clone()))
        .collect::<Vec<_>>()
        .join(" ");
    if surface.is_empty() {
        return CardTexts::default();
    }
    let entry = state
        .selected_link()
        .and_then(|l| state.link(l))
        .and_then(|link| state.entry(link.entry));
    match entry {
        Some(entry) => {
            let differs = surface.to_lowercase() != entry.de.to_lowercase();
            CardTexts {
                headword: Some(entry.de.clone()),
                form: differs.then_some(surface),
            }
        }
        None => CardTexts {
            headword: Some(surface),
            form: None,
        },
    }
}

/// What `p` speaks: a glossary term as its headword with its article (`der Diplomat`,
/// `ankündigen` for `kündigte … an`); otherwise the selected words.
pub fn term_to_speak(state: &ReaderState) -> Option<String> {
    if state.span().is_none()
        && let Some(entry) = state
            .selected_link()
            .and_then(|l| state.link(l))
            .and_then(|link| state.entry(link.entry))
    {
        return Some(entry.display_headword());
    }
    let words: Vec<&str> = state
        .selected_spans()
        .iter()
        .filter_map(|s| state.text().get(s.clone()))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// What `P` speaks: the sentence the selection stands in.
pub fn sentence_to_speak(state: &ReaderState) -> Option<String> {
    let sentence = state.analysis().sentences.get(state.selected_sentence()?)?;
    let text = state.text().get(sentence.range.clone())?.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::text::Document;
    use crate::tui::action::Action;
    use crate::tui::reader::card::{Pronunciation, card_view};
    use ratatui::layout::Size;

    const GLOSSARY: &str = r#"
[[term]]
de = "Diplomat"
en = "diplomat"
pos = "noun"
gender = "m"
plural = "Diplomaten"

[[term]]
de = "ankündigen"
en = "to announce"
pos = "verb"
"#;

    const TEXT: &str = "Im Oktober kündigte die NATO an, acht Diplomaten auszuweisen. \
        Der Diplomat ging.\n";

    fn reader(speech: Speech) -> ReaderState {
        let glossary = parse(GLOSSARY, "test.toml").unwrap();
        let doc = Document::parse("t.txt", TEXT.to_string()).unwrap();
        let mut s = ReaderState::new(doc, None, Linker::new(glossary), Size::new(120, 40));
        s.set_speech(speech);
        s
    }

    /// Searches a word; the effects of every step.
    fn select(s: &mut ReaderState, word: &str) -> Vec<Effect> {
        let mut effects = s.update(Action::SearchStart);
        for c in word.chars() {
            effects.extend(s.update(Action::SearchInput(c)));
        }
        effects.extend(s.update(Action::SearchSubmit));
        effects
    }

    #[test]
    fn p_speaks_a_split_verb_as_its_headword_and_capital_p_the_sentence() {
        let mut s = reader(Speech::Ready);
        select(&mut s, "kündigte");
        assert_eq!(
            s.update(Action::Speak),
            [Effect::Speak("ankündigen".into())]
        );
        assert_eq!(
            s.update(Action::SpeakSentence),
            [Effect::Speak(
                "Im Oktober kündigte die NATO an, acht Diplomaten auszuweisen.".into()
            )]
        );
        select(&mut s, "Diplomaten");
        assert_eq!(
            s.update(Action::Speak),
            [Effect::Speak("der Diplomat".into())]
        );
        // A word with no entry is spoken as it stands.
        select(&mut s, "ging");
        assert_eq!(s.update(Action::Speak), [Effect::Speak("ging".into())]);
    }

    #[test]
    fn escape_stops_speaking_only_while_something_is_spoken() {
        let mut s = reader(Speech::Ready);
        s.update(Action::Speak);
        assert_eq!(s.update(Action::Cancel), [Effect::StopSpeech]);
        assert!(s.update(Action::Cancel).is_empty());
        s.update(Action::Speak);
        s.update(Action::SpeechEnded);
        assert!(s.update(Action::Cancel).is_empty());
    }

    #[test]
    fn without_espeak_the_reader_says_so_once_and_p_explains() {
        let mut s = reader(Speech::Missing);
        assert_eq!(s.message(), Some(strings::SPEECH_MISSING));
        s.update(Action::NextWord);
        assert_eq!(s.message(), None);
        assert!(s.update(Action::Speak).is_empty());
        assert_eq!(s.message(), Some(strings::SPEECH_MISSING));
        // Nothing is asked of espeak-ng, and the card has no IPA.
        assert!(
            !select(&mut s, "Diplomaten")
                .iter()
                .any(|e| matches!(e, Effect::Pronounce(_)))
        );
        assert_eq!(card_view(&s).unwrap().pronunciation, None);
    }

    #[test]
    fn the_card_asks_once_for_headword_and_form_and_shows_what_comes_back() {
        let mut s = reader(Speech::Ready);
        let effects = select(&mut s, "Diplomaten");
        assert!(
            effects.contains(&Effect::Pronounce(vec![
                "Diplomat".into(),
                "Diplomaten".into()
            ])),
            "{effects:?}"
        );
        // Until the IPA arrives the card goes without.
        assert_eq!(card_view(&s).unwrap().pronunciation, None);
        s.update(Action::Pronounced(vec![
            ("Diplomat".into(), Some("dˌɪploːˈmɑːt".into())),
            ("Diplomaten".into(), Some("dˌɪploːˈmɑːtən".into())),
        ]));
        assert!(s.take_redraw());
        assert_eq!(
            card_view(&s).unwrap().pronunciation,
            Some(Pronunciation {
                ipa: "dˌɪploːˈmɑːt".into(),
                form: Some(("Diplomaten".into(), "dˌɪploːˈmɑːtən".into())),
            })
        );
        // Asked once: back on the same card, nothing more is asked.
        s.update(Action::NextWord);
        let again = select(&mut s, "Diplomaten");
        assert!(
            !again.iter().any(|e| matches!(e, Effect::Pronounce(_))),
            "{again:?}"
        );
        // The headword as it stands needs no form line.
        select(&mut s, "Diplomat");
        let effects = s.update(Action::Pronounced(Vec::new()));
        assert!(effects.is_empty());
        assert_eq!(
            card_view(&s).unwrap().pronunciation.unwrap().form,
            None,
            "Diplomat is the headword"
        );
    }

    #[test]
    fn a_split_verb_s_form_is_both_parts() {
        let mut s = reader(Speech::Ready);
        let effects = select(&mut s, "kündigte");
        assert!(
            effects.contains(&Effect::Pronounce(vec![
                "ankündigen".into(),
                "kündigte an".into()
            ])),
            "{effects:?}"
        );
    }
}
