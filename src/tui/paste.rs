//! Pasted text as the reader takes it into a one-line field.

/// Pasted text on one line: line breaks and tabs become one space each (a Windows line end
/// one), other control characters are dropped.
pub fn one_line(text: &str) -> String {
    let text = text.replace("\r\n", "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::text::Document;
    use crate::tui::{Action, Effect, Mode, ReaderState};
    use ratatui::layout::Size;

    fn state() -> ReaderState {
        let glossary = parse(
            "[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\n",
            "g.toml",
        )
        .unwrap();
        let doc = Document::parse("t.txt", "Der Diplomat ging nach Kyiv.".to_string()).unwrap();
        ReaderState::new(doc, None, Linker::new(glossary), Size::new(100, 30))
    }

    #[test]
    fn a_paste_while_reading_does_nothing_but_say_so() {
        let mut s = state();
        let before = s.selected_token();
        assert_eq!(s.update(Action::Paste("Kyiv 2022".into())), []);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.selected_token(), before);
        assert_eq!(s.message(), Some(crate::tui::strings::PASTE_IGNORED));
    }

    #[test]
    fn a_paste_cannot_answer_a_question() {
        let mut s = state();
        s.update(Action::MarkAllKnown);
        assert_eq!(s.mode(), Mode::Confirm);
        assert_eq!(s.update(Action::Paste("y".into())), []);
        assert_eq!(s.mode(), Mode::Confirm, "the question is still open");
        assert_eq!(s.update(Action::Confirm), [Effect::MarkNewKnown(None)]);
    }

    #[test]
    fn a_paste_goes_into_the_search_prompt_and_the_form() {
        let mut s = state();
        s.update(Action::SearchStart);
        s.update(Action::Paste("Ky\niv".into()));
        assert_eq!(s.query(), "Ky iv");
        s.update(Action::Cancel);
        s.update(Action::AddEntry);
        // The form opens on the German; the English is next.
        s.update(Action::FormNextField);
        s.update(Action::Paste("\u{1b}[31mto go".into()));
        let form = s.form().expect("the form is open");
        assert_eq!(form.value(crate::tui::form::Field::English), "[31mto go");
    }

    #[test]
    fn u_asks_to_undo() {
        let mut s = state();
        let key = crate::tui::Keymap::default().key_for(Mode::Normal, &Action::Undo);
        assert_eq!(key.as_deref(), Some("u"));
        assert_eq!(s.update(Action::Undo), [Effect::Undo]);
    }

    #[test]
    fn line_breaks_become_spaces_and_escapes_go() {
        assert_eq!(one_line("Kyiv\r\n2022\tx"), "Kyiv 2022 x");
        assert_eq!(one_line("rot\u{1b}[31m\u{7}"), "rot[31m");
    }
}
