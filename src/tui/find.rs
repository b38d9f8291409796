//! Case-insensitive search that reports byte ranges of the original text (lowercasing can
//! change a string's length, so the text is compared character by character instead).

use std::ops::Range;

/// Whether two characters are equal ignoring case.
fn same_letter(a: char, b: char) -> bool {
    a == b || a.to_lowercase().eq(b.to_lowercase())
}

/// The length in bytes of the match of `needle` at the start of `hay`, if it matches.
fn match_len(hay: &str, needle: &str) -> Option<usize> {
    let mut hay_chars = hay.char_indices();
    for n in needle.chars() {
        let (_, h) = hay_chars.next()?;
        if !same_letter(h, n) {
            return None;
        }
    }
    Some(hay_chars.next().map_or(hay.len(), |(i, _)| i))
}

/// Every non-overlapping match of `needle` in `hay`, ignoring case, in order.
pub fn find_all(hay: &str, needle: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if needle.is_empty() {
        return out;
    }
    let mut from = 0;
    for (i, _) in hay.char_indices() {
        if i < from {
            continue;
        }
        if let Some(len) = match_len(&hay[i..], needle) {
            out.push(i..i + len);
            from = i + len;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ignores_case_and_keeps_byte_offsets() {
        let hay = "ÄRGER über Ärger";
        assert_eq!(find_all(hay, "ärger"), [0..6, 13..19]);
    }

    #[test]
    fn empty_needle_finds_nothing() {
        assert!(find_all("Rat", "").is_empty());
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find_all("aaaa", "aa"), [0..2, 2..4]);
    }
}
