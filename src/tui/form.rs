//! The form that adds or edits a glossary entry: a few text fields, one focused, and the
//! checks that turn them into an [`Entry`].

use super::reader::Suggestion;
use super::strings::form as text;
use crate::glossary::{Entry, Gender, Pos};

/// The form's fields, in the order Tab visits them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    German,
    English,
    Pos,
    Gender,
    Plural,
    Note,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::German,
        Field::English,
        Field::Pos,
        Field::Gender,
        Field::Plural,
        Field::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::German => text::GERMAN,
            Field::English => text::ENGLISH,
            Field::Pos => text::POS,
            Field::Gender => text::GENDER,
            Field::Plural => text::PLURAL,
            Field::Note => text::NOTE,
        }
    }

    /// What the field expects, shown while it has the focus.
    pub fn help(self) -> &'static str {
        match self {
            Field::German => text::GERMAN_HELP,
            Field::English => text::ENGLISH_HELP,
            Field::Pos => text::POS_HELP,
            Field::Gender => text::GENDER_HELP,
            Field::Plural => text::PLURAL_HELP,
            Field::Note => text::NOTE_HELP,
        }
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
    }
}

/// The form's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryForm {
    /// One string a field, in [`Field::ALL`] order.
    values: [String; 6],
    focus: Field,
    /// The entry being edited (its keys the form has no field for are kept), or `None` for a
    /// new entry.
    original: Option<Entry>,
}

impl EntryForm {
    /// A form for a new entry, focused on the German: the headword comes first, whatever the
    /// dictionary suggested.
    pub fn new_entry(headword: &str, english: Option<&str>) -> EntryForm {
        EntryForm::suggested(&Suggestion {
            headword: headword.to_string(),
            english: english.map(str::to_string),
            ..Suggestion::default()
        })
    }

    /// A form for a new entry with all a suggestion knows filled in: headword, English, part
    /// of speech, gender, plural.
    pub fn suggested(s: &Suggestion) -> EntryForm {
        let mut form = EntryForm {
            values: Default::default(),
            focus: Field::German,
            original: None,
        };
        form.values[Field::German.index()].clone_from(&s.headword);
        form.values[Field::English.index()] = s.english.clone().unwrap_or_default();
        form.values[Field::Pos.index()] = s.pos.map(Pos::as_str).unwrap_or_default().to_string();
        form.values[Field::Gender.index()] =
            s.gender.map(gender_key).unwrap_or_default().to_string();
        form.values[Field::Plural.index()] = s.plural.clone().unwrap_or_default();
        form
    }

    /// A form on an existing entry, with its values.
    pub fn edit(entry: &Entry) -> EntryForm {
        let values = [
            entry.de.clone(),
            entry.en.join("; "),
            entry.pos.map(Pos::as_str).unwrap_or_default().to_string(),
            entry
                .gender
                .map(|g| gender_key(g).to_string())
                .unwrap_or_default(),
            entry.plural.clone().unwrap_or_default(),
            entry.note.clone().unwrap_or_default(),
        ];
        EntryForm {
            values,
            focus: Field::English,
            original: Some(entry.clone()),
        }
    }

    pub fn value(&self, field: Field) -> &str {
        &self.values[field.index()]
    }

    pub fn focus(&self) -> Field {
        self.focus
    }

    /// The entry being edited.
    pub fn original(&self) -> Option<&Entry> {
        self.original.as_ref()
    }

    pub fn is_edit(&self) -> bool {
        self.original.is_some()
    }

    pub fn focus_on(&mut self, field: Field) {
        self.focus = field;
    }

    pub fn input(&mut self, c: char) {
        // A field is one line: a pasted line break becomes a space.
        let c = if c.is_control() { ' ' } else { c };
        self.values[self.focus.index()].push(c);
    }

    pub fn backspace(&mut self) {
        self.values[self.focus.index()].pop();
    }

    pub fn clear(&mut self) {
        self.values[self.focus.index()].clear();
    }

    pub fn next_field(&mut self) {
        let i = (self.focus.index() + 1) % Field::ALL.len();
        self.focus = Field::ALL[i];
    }

    pub fn prev_field(&mut self) {
        let n = Field::ALL.len();
        let i = (self.focus.index() + n - 1) % n;
        self.focus = Field::ALL[i];
    }

    /// The entry the form describes, or what is wrong with it (and the field to fix).
    pub fn entry(&self) -> Result<Entry, (Field, String)> {
        let trimmed = |f: Field| self.value(f).trim().to_string();
        let optional = |f: Field| Some(trimmed(f)).filter(|s| !s.is_empty());
        let de = trimmed(Field::German);
        if de.is_empty() {
            return Err((Field::German, text::GERMAN_MISSING.to_string()));
        }
        let en: Vec<String> = self
            .value(Field::English)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if en.is_empty() {
            return Err((Field::English, text::ENGLISH_MISSING.to_string()));
        }
        let pos = match optional(Field::Pos) {
            None => None,
            Some(p) => Some(
                Pos::from_key(&p.to_lowercase()).ok_or_else(|| (Field::Pos, text::bad_pos(&p)))?,
            ),
        };
        let gender = match optional(Field::Gender) {
            None => None,
            Some(g) => Some(
                Gender::from_key(&g.to_lowercase())
                    .ok_or_else(|| (Field::Gender, text::bad_gender(&g)))?,
            ),
        };
        // Keys without a field (forms, example, separable) stay as they were.
        let base = self.original.clone().unwrap_or_default();
        Ok(Entry {
            de,
            en,
            pos,
            gender,
            plural: optional(Field::Plural),
            note: optional(Field::Note),
            ..base
        })
    }
}

fn gender_key(g: Gender) -> &'static str {
    match g {
        Gender::M => "m",
        Gender::F => "f",
        Gender::N => "n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_form_focuses_the_german() {
        let form = EntryForm::new_entry("ersatzweise", None);
        assert_eq!(form.value(Field::German), "ersatzweise");
        assert_eq!(form.focus(), Field::German);
        assert_eq!(EntryForm::new_entry("", None).focus(), Field::German);
        let suggested = EntryForm::new_entry("ersatzweise", Some("by way of substitution"));
        assert_eq!(suggested.value(Field::English), "by way of substitution");
        assert_eq!(suggested.focus(), Field::German);
    }

    #[test]
    fn a_suggestion_fills_every_field_it_knows() {
        let form = EntryForm::suggested(&Suggestion {
            headword: "Fahrrad".into(),
            english: Some("bicycle".into()),
            pos: Some(Pos::Noun),
            gender: Some(Gender::N),
            plural: Some("Fahrräder".into()),
        });
        assert_eq!(form.value(Field::German), "Fahrrad");
        assert_eq!(form.value(Field::English), "bicycle");
        assert_eq!(form.value(Field::Pos), "noun");
        assert_eq!(form.value(Field::Gender), "n");
        assert_eq!(form.value(Field::Plural), "Fahrräder");
        assert_eq!(form.focus(), Field::German);
        let entry = form.entry().unwrap();
        assert_eq!(
            (entry.pos, entry.gender, entry.plural.as_deref()),
            (Some(Pos::Noun), Some(Gender::N), Some("Fahrräder"))
        );
    }

    #[test]
    fn tab_cycles_through_the_fields_both_ways() {
        let mut form = EntryForm::new_entry("", None);
        for f in Field::ALL.into_iter().skip(1) {
            form.next_field();
            assert_eq!(form.focus(), f);
        }
        form.next_field();
        assert_eq!(form.focus(), Field::German);
        form.prev_field();
        assert_eq!(form.focus(), Field::Note);
    }

    #[test]
    fn senses_split_on_semicolons_and_optional_fields_stay_empty() {
        let mut form = EntryForm::new_entry("Rat", None);
        form.next_field();
        for c in "council; advice ;".chars() {
            form.input(c);
        }
        let entry = form.entry().unwrap();
        assert_eq!(entry.en, ["council", "advice"]);
        assert_eq!((entry.pos, entry.gender, entry.plural), (None, None, None));
    }

    #[test]
    fn bad_pos_and_gender_name_the_field() {
        let mut form = EntryForm::new_entry("Rat", Some("council"));
        form.focus = Field::Pos;
        form.input('x');
        assert_eq!(form.entry().unwrap_err().0, Field::Pos);
        form.clear();
        for c in "Noun".chars() {
            form.input(c);
        }
        form.next_field();
        form.input('q');
        assert_eq!(form.entry().unwrap_err().0, Field::Gender);
        form.backspace();
        form.input('m');
        let entry = form.entry().unwrap();
        assert_eq!(
            (entry.pos, entry.gender),
            (Some(Pos::Noun), Some(Gender::M))
        );
    }

    #[test]
    fn editing_keeps_the_keys_the_form_does_not_show() {
        let original = Entry {
            de: "Rat".into(),
            en: vec!["council".into(), "advice".into()],
            pos: Some(Pos::Noun),
            gender: Some(Gender::M),
            forms: vec!["Räte".into()],
            example: Some("Der Rat tagt.".into()),
            ..Entry::default()
        };
        let mut form = EntryForm::edit(&original);
        assert_eq!(form.value(Field::English), "council; advice");
        assert_eq!(form.value(Field::Gender), "m");
        form.clear();
        for c in "board".chars() {
            form.input(c);
        }
        let entry = form.entry().unwrap();
        assert_eq!(entry.en, ["board"]);
        assert_eq!(entry.forms, original.forms);
        assert_eq!(entry.example, original.example);
        assert_eq!(entry.gender, Some(Gender::M));
    }
}
