//! Tokens of German text: words (with umlauts, ß, inner hyphens and apostrophes), numbers,
//! abbreviations, quotes and other punctuation. Tokens are byte ranges into the text.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, maybe joined by hyphens or an apostrophe: `NATO-Russland-Rat`, `geht's`, `G20-Gipfel`.
    Word,
    /// Digits, maybe with `.`/`,` inside: `2021`, `3,5`, `10.000`.
    Number,
    /// A word with its period that does not end a sentence: `z.`, `B.`, `bzw.`, `Nr.`, `Dr.`.
    Abbreviation,
    /// An opening quotation mark: `„`, `»`, `‚`, or `"` where a word follows.
    OpenQuote,
    /// A closing quotation mark: `“`, `«`, `‘`, or `"` after a word.
    CloseQuote,
    /// `.`, `!`, `?`, `…`
    SentenceEnd,
    /// `,` `;` `:` and dashes: they close a clause but not a sentence.
    ClausePunct,
    /// Anything else: brackets, slashes, symbols.
    Other,
}

/// One token: its kind and byte range in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }

    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word)
    }
}

/// Abbreviations that keep their period and do not end a sentence (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "abb", "abs", "abt", "allg", "bd", "bspw", "bzgl", "bzw", "ca", "chr", "dgl", "dipl", "dr",
    "ebd", "evtl", "fa", "ff", "fr", "frl", "gegr", "geb", "gest", "ggf", "hr", "hrsg", "inkl",
    "jh", "jhd", "jr", "kap", "kfz", "lt", "mio", "mrd", "mwst", "nr", "prof", "sog", "st", "std",
    "str", "tel", "usw", "vgl", "zt", "zzgl", "etc", "febr", "sept", "okt", "nov", "dez",
    // Recipes: Esslöffel, Teelöffel, Päckchen, gestrichen, Messerspitze.
    "essl", "teel", "pck", "gestr", "msp",
];

/// A word of up to eight bytes as one number (little-endian, zeros after it).
const fn packed(word: &[u8]) -> u64 {
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        n |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    n
}

/// [`ABBREVIATIONS`] as numbers: a word is compared with all of them without a branch on
/// each (a word before a period is checked, at the end of every sentence).
const PACKED_ABBREVIATIONS: [u64; ABBREVIATIONS.len()] = {
    let mut out = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < out.len() {
        out[i] = packed(ABBREVIATIONS[i].as_bytes());
        i += 1;
    }
    out
};

fn is_abbreviation(word: &str) -> bool {
    if word.len() > 8 {
        return false;
    }
    // Upper case folded to lower by the 0x20 bit; only letters fold into letters.
    let mut key = 0;
    let mut letters = true;
    for (i, b) in word.bytes().enumerate() {
        key |= u64::from(b | 0x20) << (8 * i);
        letters &= b.is_ascii_alphabetic();
    }
    letters
        && PACKED_ABBREVIATIONS
            .iter()
            .fold(0u8, |found, &a| found | u8::from(a == key))
            != 0
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{00AD}'
}

/// Splits `text[range]` into tokens, appending to `out`.
pub fn tokenize_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    let end = range.end;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let c = if b < 0x80 {
            b as char
        } else {
            text[i..end].chars().next().unwrap_or(' ')
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        if is_word_char(c) || c.is_ascii_digit() {
            let (tok_end, kind) = scan_word_or_number(text, i, end);
            // A period right after a known abbreviation (or a lone letter, as in z. B.) belongs to it.
            if kind == TokenKind::Word
                && tok_end < end
                && bytes[tok_end] == b'.'
                && (is_abbreviation(&text[i..tok_end]) || text[i..tok_end].chars().count() == 1)
                && !period_ends_paragraph(bytes, tok_end + 1, end)
            {
                out.push(Token {
                    start: i,
                    end: tok_end + 1,
                    kind: TokenKind::Abbreviation,
                });
                i = tok_end + 1;
                continue;
            }
            out.push(Token {
                start: i,
                end: tok_end,
                kind,
            });
            i = tok_end;
            continue;
        }
        let kind = match c {
            '.' | '!' | '?' | '…' => TokenKind::SentenceEnd,
            ',' | ';' | ':' | '–' | '—' => TokenKind::ClausePunct,
            '-' if i + 1 < end
                && bytes[i + 1] == b' '
                && i > range.start
                && bytes[i - 1] == b' ' =>
            {
                TokenKind::ClausePunct
            }
            '„' | '»' | '‚' | '«' | '“' | '‘' | '"' | '\'' | '”' | '’' => {
                quote_kind(text, c, i, clen, range.start, end)
            }
            _ => TokenKind::Other,
        };
        // Runs like "..." or "?!" are one token.
        let mut tok_end = i + clen;
        if kind == TokenKind::SentenceEnd {
            while tok_end < end && matches!(bytes[tok_end], b'.' | b'!' | b'?') {
                tok_end += 1;
            }
        }
        out.push(Token {
            start: i,
            end: tok_end,
            kind,
        });
        i = tok_end;
    }
}

/// Tokenizes a whole string.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0..text.len(), &mut out);
    out
}

fn period_ends_paragraph(bytes: &[u8], from: usize, end: usize) -> bool {
    bytes[from..end].iter().all(u8::is_ascii_whitespace)
}

fn quote_kind(text: &str, c: char, i: usize, clen: usize, start: usize, end: usize) -> TokenKind {
    match c {
        '„' | '»' | '‚' => TokenKind::OpenQuote,
        '«' | '“' | '‘' | '”' | '’' => TokenKind::CloseQuote,
        _ => {
            // A straight quote opens when it follows a space (or starts the text) and a
            // non-space follows it.
            let before_space = i == start
                || text[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| p.is_whitespace() || "([{„»–—".contains(p));
            let after_space = i + clen >= end
                || text[i + clen..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace);
            if before_space && !after_space {
                TokenKind::OpenQuote
            } else {
                TokenKind::CloseQuote
            }
        }
    }
}

/// How many of the eight bytes of `w` (little-endian) are ASCII letters before the first that
/// is not.
fn ascii_letters(w: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Upper case folded to lower: only letters land in a..=z (0x61..=0x7a).
    let t = (w | (0x20 * ONES)) & !HIGH;
    let at_least_a = t + (0x80 - 0x61) * ONES;
    let above_z = t + (0x7f - 0x7a) * ONES;
    let letters = at_least_a & !above_z & !w & HIGH;
    ((!letters & HIGH).trailing_zeros() / 8) as usize
}

/// Scans a word or number starting at `i`; inner hyphens, apostrophes and (in numbers) `.`/`,`
/// followed by a digit stay inside.
fn scan_word_or_number(text: &str, start: usize, end: usize) -> (usize, TokenKind) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut has_letter = false;
    let mut all_digits = true;
    loop {
        // Run of letters/digits.
        while i < end {
            let b = bytes[i];
            if b.is_ascii_alphabetic() {
                has_letter = true;
                all_digits = false;
                // Most of a word is ASCII letters: their end found eight bytes at a time, with
                // no branch on each letter (whose end the processor cannot foresee).
                i += 1;
                loop {
                    let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) else {
                        while i < end && bytes[i].is_ascii_alphabetic() {
                            i += 1;
                        }
                        break;
                    };
                    let run = ascii_letters(u64::from_le_bytes(*chunk)).min(end - i);
                    i += run;
                    if run < 8 {
                        break;
                    }
                }
            } else if b.is_ascii_digit() {
                i += 1;
            } else if b == 0xc3 && i + 1 < end && !matches!(bytes[i + 1], 0x97 | 0xb7) {
                // À to ÿ but × and ÷ (umlauts, ß, accents) are letters: no decoding.
                has_letter = true;
                all_digits = false;
                i += 2;
            } else if b >= 0x80 {
                let c = text[i..end].chars().next().unwrap_or(' ');
                if is_word_char(c) {
                    has_letter = true;
                    all_digits = false;
                    i += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if i + 1 >= end {
            break;
        }
        let b = bytes[i];
        if b >= 0x80 {
            // A typographic apostrophe inside a word: geht’s.
            if text[i..end].starts_with('’')
                && has_letter
                && text[i + 3..end].chars().next().is_some_and(is_word_char)
            {
                i += 3;
                continue;
            }
            break;
        }
        // Only these four join what follows; most words end at a space.
        if !matches!(b, b'-' | b'\'' | b'.' | b',') {
            break;
        }
        let next = text[i + 1..end].chars().next().unwrap_or(' ');
        let joins = match b {
            b'-' => is_word_char(next) || next.is_ascii_digit(),
            b'\'' => is_word_char(next) && has_letter,
            b'.' | b',' => {
                (all_digits && next.is_ascii_digit())
                    // NEWS.Debian, sources.list: a period between letters, two at least before it
                    // (z.B. stays an abbreviation).
                    || (b == b'.'
                        && has_letter
                        && is_word_char(next)
                        && text[start..i].chars().count() >= 2)
            }
            _ => false,
        };
        if joins {
            i += 1;
        } else {
            break;
        }
    }
    let kind = if has_letter {
        TokenKind::Word
    } else {
        TokenKind::Number
    };
    (i, kind)
}

/// Parts of a hyphenated word: `NATO-Russland-Rat` → `NATO`, `Russland`, `Rat` (byte ranges).
pub fn hyphen_parts(text: &str, token: Token) -> impl Iterator<Item = (usize, usize)> + '_ {
    let word = &text[token.start..token.end];
    let base = token.start;
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos > word.len() {
            return None;
        }
        let rest = &word[pos..];
        let len = rest.find('-').unwrap_or(rest.len());
        let part = (base + pos, base + pos + len);
        pos += len + 1;
        Some(part)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_letters_counts_the_letters_before_the_first_other_byte() {
        for chunk in [
            *b"abcdefgh",
            *b"ABCDEFGH",
            *b"Haus und",
            *b"z@[`{Z\x00a",
            *b"Gr\xc3\xb6\xc3\x9fe!",
            *b"azAZ09-.",
            *b"\x7f\xe1\xc1aaaaa",
            *b"Wort-Art",
        ] {
            let expected = chunk
                .iter()
                .position(|b| !b.is_ascii_alphabetic())
                .unwrap_or(8);
            assert_eq!(
                ascii_letters(u64::from_le_bytes(chunk)),
                expected,
                "{chunk:?}"
            );
        }
        for b in 0..=255u8 {
            let chunk = [b'a', b, b'a', b'a', b'a', b'a', b'a', b'a'];
            let expected = if b.is_ascii_alphabetic() { 8 } else { 1 };
            assert_eq!(ascii_letters(u64::from_le_bytes(chunk)), expected, "{b}");
        }
    }

    #[test]
    fn a_word_at_the_end_of_a_text_or_paragraph_ends_there() {
        let text = "Ein Wort am Endeeeeeeee Schlusswort";
        let all = tokenize(text);
        assert_eq!(all.last().map(|t| t.text(text)), Some("Schlusswort"));
        let mut part = Vec::new();
        tokenize_into(text, 0..14, &mut part);
        let words: Vec<&str> = part.iter().map(|t| t.text(text)).collect();
        assert_eq!(words, ["Ein", "Wort", "am", "En"]);
    }

    #[test]
    fn abbreviations_are_known_in_any_case_and_only_whole() {
        for a in ABBREVIATIONS {
            assert!(is_abbreviation(a), "{a}");
            assert!(is_abbreviation(&a.to_uppercase()), "{a}");
            let mut capital = a.to_string();
            capital[..1].make_ascii_uppercase();
            assert!(is_abbreviation(&capital), "{a}");
            assert!(
                !is_abbreviation(&a[1..]) || ABBREVIATIONS.contains(&&a[1..]),
                "{a}"
            );
            assert!(!is_abbreviation(&format!("{a}x")), "{a}");
        }
        for word in [
            "",
            "z",
            "Haus",
            "usw1",
            "u@w",
            "Nr\u{0}",
            "bzw.",
            "Straße",
            "ÄÖÜ",
            "abcdefghi",
        ] {
            assert_eq!(
                is_abbreviation(word),
                ABBREVIATIONS.contains(&word.to_lowercase().as_str()),
                "{word:?}"
            );
        }
    }

    #[test]
    fn latin_letters_join_words_and_times_and_divides_do_not() {
        let text = "Größe×Maß Çà÷ñ 3×4";
        let words: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| t.is_word())
            .map(|t| t.text(text))
            .collect();
        assert_eq!(words, ["Größe", "Maß", "Çà", "ñ"]);
    }

    fn words(text: &str) -> Vec<(&str, TokenKind)> {
        tokenize(text)
            .into_iter()
            .map(|t| (t.text(text), t.kind))
            .collect()
    }

    #[test]
    fn keeps_umlauts_and_eszett_inside_words() {
        let t = words("Außenministerium schließen Bündnisses");
        assert_eq!(
            t,
            [
                ("Außenministerium", TokenKind::Word),
                ("schließen", TokenKind::Word),
                ("Bündnisses", TokenKind::Word)
            ]
        );
    }

    #[test]
    fn hyphenated_compound_is_one_token_with_parts() {
        let text = "des NATO-Russland-Rates und G20-Gipfel";
        let toks = tokenize(text);
        assert_eq!(toks[1].text(text), "NATO-Russland-Rates");
        let parts: Vec<&str> = hyphen_parts(text, toks[1])
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(parts, ["NATO", "Russland", "Rates"]);
        assert_eq!(toks[3].text(text), "G20-Gipfel");
    }

    #[test]
    fn german_and_straight_quotes_open_and_close() {
        let t = words("„Ja“, sagte er. \"Nein.\" »So« ‚eben‘");
        let kinds: Vec<TokenKind> = t.iter().map(|x| x.1).collect();
        assert_eq!(kinds[0], TokenKind::OpenQuote);
        assert_eq!(kinds[2], TokenKind::CloseQuote);
        assert_eq!(t[7], ("\"", TokenKind::OpenQuote));
        assert_eq!(t[10], ("\"", TokenKind::CloseQuote));
        assert_eq!(t[11], ("»", TokenKind::OpenQuote));
        assert_eq!(t[13], ("«", TokenKind::CloseQuote));
        assert_eq!(t[14], ("‚", TokenKind::OpenQuote));
        assert_eq!(t[16], ("‘", TokenKind::CloseQuote));
    }

    #[test]
    fn numbers_keep_their_separators() {
        let t = words("rund 10.000 Menschen, 3,5 Prozent");
        assert_eq!(t[1], ("10.000", TokenKind::Number));
        assert_eq!(t[4], ("3,5", TokenKind::Number));
    }

    #[test]
    fn abbreviations_keep_their_period() {
        let t = words("z. B. Dr. Müller bzw. Nr. 5 usw. Ende.");
        assert_eq!(t[0], ("z.", TokenKind::Abbreviation));
        assert_eq!(t[1], ("B.", TokenKind::Abbreviation));
        assert_eq!(t[2], ("Dr.", TokenKind::Abbreviation));
        assert_eq!(t[4], ("bzw.", TokenKind::Abbreviation));
        assert_eq!(t[5], ("Nr.", TokenKind::Abbreviation));
        assert_eq!(t[8], ("Ende", TokenKind::Word));
        assert_eq!(t[9], (".", TokenKind::SentenceEnd));
        // A recipe's units do not end its sentences.
        let t = words("4 Essl. Zucker und 1 gestr. TL Salz zugeben.");
        assert_eq!(t[1], ("Essl.", TokenKind::Abbreviation));
        assert_eq!(t[5], ("gestr.", TokenKind::Abbreviation));
        assert_eq!(
            t.iter().filter(|x| x.1 == TokenKind::SentenceEnd).count(),
            1
        );
    }

    #[test]
    fn a_period_between_letters_stays_inside_a_word() {
        let t = words("aus NEWS.Debian und /etc/apt/sources.list, z.B. hier");
        assert_eq!(t[1], ("NEWS.Debian", TokenKind::Word));
        assert!(t.iter().any(|x| x.0 == "sources.list"));
        assert!(t.contains(&("z.", TokenKind::Abbreviation)));
    }

    #[test]
    fn apostrophe_stays_inside_a_word() {
        assert_eq!(words("wie geht's?")[1], ("geht's", TokenKind::Word));
        assert_eq!(words("wie geht’s?")[1], ("geht’s", TokenKind::Word));
    }

    #[test]
    fn curly_quotes_after_words_do_not_break_tokenizing() {
        let t = words("„Ja“ und ‚nein‘ und “so” ’");
        assert_eq!(t[1], ("Ja", TokenKind::Word));
        assert_eq!(t[2], ("“", TokenKind::CloseQuote));
        assert!(t.iter().any(|x| x.0 == "nein"));
    }
}
