//! Text from a file, made safe to print to a terminal.

use std::borrow::Cow;
use std::fmt::Write as _;

/// `text` with every character that would act on a terminal instead of showing written out as
/// an escape: control characters (ESC, BEL, a line break, DEL, the C1 range) and the bidi
/// controls that reorder what is shown, each as `\u{1b}`. Everything a message quotes from a
/// file or a command line (a headword, a value, a file name) goes through here, so a glossary
/// cannot set the window title, colour the terminal or hide text.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_terminal(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`terminal_safe`] for a message of several lines: each line made safe, the breaks kept.
pub fn terminal_safe_lines(text: &str) -> String {
    text.split('\n')
        .map(|line| terminal_safe(line.strip_suffix('\r').unwrap_or(line)))
        .collect::<Vec<_>>()
        .join("\n")
}

fn acts_on_terminal(c: char) -> bool {
    c.is_control()
        // Bidi embeddings, overrides and isolates, and the marks that steer them.
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_are_written_out() {
        assert_eq!(
            terminal_safe("noun\u{1b}[41m"),
            "noun\\u{1b}[41m",
            "a colour sequence"
        );
        assert_eq!(
            terminal_safe("\u{1b}]0;title\u{7}Haus"),
            "\\u{1b}]0;title\\u{7}Haus"
        );
        assert_eq!(
            terminal_safe("a\nb\tc\u{7f}\u{9b}"),
            "a\\u{a}b\\u{9}c\\u{7f}\\u{9b}"
        );
        assert_eq!(terminal_safe("abc\u{202e}cba"), "abc\\u{202e}cba");
    }

    #[test]
    fn plain_text_is_borrowed_unchanged() {
        assert!(matches!(
            terminal_safe("Grüße, „Bündnis“ – ok"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            terminal_safe_lines("eins\u{1b}\nzwei\r\n"),
            "eins\\u{1b}\nzwei\n"
        );
    }
}
