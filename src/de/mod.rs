//! The German language core: tokens, sentences and clauses, inflection, separable verbs,
//! compounds. No terminal code here.

pub mod analyze;
pub mod inflect;
pub mod lexicon;
pub mod noun;
pub mod sentence;
pub mod strong;
pub mod token;

/// Lowercases into a reused buffer (no allocation once the buffer is big enough).
pub fn lowercase_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            if c.is_ascii() {
                buf.push(c.to_ascii_lowercase());
            } else if c.is_lowercase() {
                buf.push(c);
            } else {
                buf.extend(c.to_lowercase());
            }
        }
    }
}

/// Whether a word starts with an uppercase letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}
