//! The German language core: tokens, sentences and clauses, inflection, separable verbs,
//! compounds. No terminal code here.

pub mod analyze;
pub mod core;
pub mod inflect;
pub mod lexicon;
pub mod noun;
pub mod sentence;
pub mod strong;
pub mod token;

/// Lowercases into a reused buffer (no allocation once the buffer is big enough).
pub fn lowercase_into(word: &str, buf: &mut String) {
    buf.clear();
    buf.push_str(word);
    if word.is_ascii() {
        buf.make_ascii_lowercase();
        return;
    }
    // German letters outside ASCII are two bytes from C3 80 to C3 BF, capitals from C3 80 to C3 9E
    // (Ä Ö Ü): those the loop below handles; any other script goes through `to_lowercase`.
    let bytes = word.as_bytes();
    let latin1 = bytes
        .iter()
        .enumerate()
        .all(|(i, &b)| b < 0x80 || b == 0xc3 || (i > 0 && bytes[i - 1] == 0xc3));
    if !latin1 {
        buf.clear();
        for c in word.chars() {
            if c.is_lowercase() || !c.is_alphabetic() {
                buf.push(c);
            } else {
                buf.extend(c.to_lowercase());
            }
        }
        return;
    }
    if !bytes
        .windows(2)
        .any(|w| w[0] == 0xc3 && (0x80..0x9f).contains(&w[1]) && w[1] != 0x97)
    {
        buf.make_ascii_lowercase();
        return;
    }
    buf.clear();
    for c in word.chars() {
        buf.push(match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            // À..Þ but × (U+00D7): the lowercase letter is 0x20 further on.
            '\u{c0}'..='\u{de}' if c != '\u{d7}' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
            _ => c,
        });
    }
}

/// A whole text in lower case, if lowercasing changes no character's length in bytes (true of
/// German, and of most texts): its byte offsets are then those of `text`.
pub fn lowercase_same_length(text: &str) -> Option<String> {
    let mut out = String::new();
    lowercase_same_length_into(text, &mut out).then_some(out)
}

/// [`lowercase_same_length`] into a reused buffer; `false` (and the buffer empty) when some
/// character's lower case has another length.
pub fn lowercase_same_length_into(text: &str, buf: &mut String) -> bool {
    let mut out = std::mem::take(buf).into_bytes();
    out.clear();
    out.extend_from_slice(text.as_bytes());
    out.make_ascii_lowercase();
    let mut i = 0;
    while let Some(k) = out[i..].iter().position(|&b| b >= 0x80) {
        i += k;
        if out[i] == 0xc3 && i + 1 < out.len() {
            // À..Þ but × become à..þ: 0x20 further on, in the second byte.
            let n = out[i + 1];
            if (0x80..0x9f).contains(&n) && n != 0x97 {
                out[i + 1] = n + 0x20;
            }
            i += 2;
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            return false;
        };
        let len = c.len_utf8();
        let mut lower = c.to_lowercase();
        let (Some(l), None) = (lower.next(), lower.next()) else {
            return false;
        };
        if l.len_utf8() != len {
            return false;
        }
        l.encode_utf8(&mut out[i..i + len]);
        i += len;
    }
    match String::from_utf8(out) {
        Ok(s) => {
            *buf = s;
            true
        }
        Err(_) => false,
    }
}

/// Whether a word starts with an uppercase letter.
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_german_and_other_letters() {
        let mut buf = String::new();
        for (word, lower) in [
            ("Äpfel", "äpfel"),
            ("ÜBER", "über"),
            ("Straße", "straße"),
            ("NATO-Rat", "nato-rat"),
            ("Øre", "øre"),
            ("Ελλάδα", "ελλάδα"),
            ("weiß", "weiß"),
            ("×Ä", "×ä"),
        ] {
            lowercase_into(word, &mut buf);
            assert_eq!(buf, lower, "{word}");
            assert_eq!(buf, word.to_lowercase(), "{word}");
        }
    }

    #[test]
    fn a_whole_text_lowercases_in_place_when_lengths_allow() {
        let text = "Die ÄPFEL, Straße; Ελλάδα. ÜBER × Øre";
        assert_eq!(
            lowercase_same_length(text).as_deref(),
            Some(text.to_lowercase().as_str())
        );
        // İ lowercases to two characters: no offsets to keep.
        assert_eq!(lowercase_same_length("İstanbul"), None);
    }
}
