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

/// Slots of [`ABBREVIATION_TABLE`]: a power of two, over twice as many as the abbreviations.
const ABBREVIATION_SLOTS: usize = 128;
const _: () = assert!(ABBREVIATIONS.len() * 2 < ABBREVIATION_SLOTS);

/// Where a packed word is first looked for in [`ABBREVIATION_TABLE`] (multiplicative hashing).
const fn abbreviation_slot(key: u64) -> usize {
    (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 57) as usize
}

/// [`ABBREVIATIONS`] packed, in an open-addressing hash table (0 is an empty slot): a word
/// before a period is checked at the end of every sentence, mostly in one probe.
const ABBREVIATION_TABLE: [u64; ABBREVIATION_SLOTS] = {
    let mut table = [0; ABBREVIATION_SLOTS];
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        let key = packed(ABBREVIATIONS[i].as_bytes());
        let mut slot = abbreviation_slot(key);
        while table[slot] != 0 {
            slot = (slot + 1) % ABBREVIATION_SLOTS;
        }
        table[slot] = key;
        i += 1;
    }
    table
};

/// Whether `bytes[word]` is one of [`ABBREVIATIONS`], in any case.
fn is_abbreviation(bytes: &[u8], word: std::ops::Range<usize>) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let len = word.len();
    if len == 0 || len > 8 {
        return false;
    }
    // Eight bytes at once where the text goes on that far, the bytes after the word masked off.
    let w = match bytes.get(word.start..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => packed(&bytes[word]),
    };
    let used = u64::MAX >> (64 - 8 * len);
    if not_letters(w) & used != 0 {
        return false;
    }
    // Upper case folded to lower by the 0x20 bit.
    let key = (w | (0x20 * ONES)) & used;
    let mut slot = abbreviation_slot(key);
    loop {
        match ABBREVIATION_TABLE[slot] {
            0 => return false,
            k if k == key => return true,
            _ => slot = (slot + 1) % ABBREVIATION_SLOTS,
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || c == '\u{00AD}'
}

/// The char that starts at byte `i` of `text` (a char boundary before its end).
fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// Byte classes for [`CLASS`]: bits, so that one test asks for several.
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 4;
/// An ASCII byte that ends a word begun with letters: not a letter or digit, and not `-`, `'`
/// or `.`, which may join what follows or make an abbreviation (`,` joins digits only).
const ENDS_WORD: u8 = 8;

/// What each byte is, looked up instead of tested range by range. Bytes from 0x80 are 0.
const CLASS: [u8; 256] = {
    let mut out = [0; 256];
    let mut b = 0;
    while b < 0x80 {
        let byte = b as u8;
        out[b] = if byte.is_ascii_alphabetic() {
            LETTER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else if matches!(byte, b'-' | b'\'' | b'.') {
            0
        } else if byte.is_ascii_whitespace() || byte == 0x0b {
            // What `char::is_whitespace` calls space in ASCII: a vertical tab too.
            SPACE | ENDS_WORD
        } else {
            ENDS_WORD
        };
        b += 1;
    }
    out
};

fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
}

/// Splits `text[range]` into tokens, appending to `out`.
pub fn tokenize_into(text: &str, range: std::ops::Range<usize>, out: &mut Vec<Token>) {
    // Every look at a byte stays before the end of the range.
    let bytes = &text.as_bytes()[..range.end];
    let end = range.end;
    let mut i = range.start;
    while i < end {
        let b = bytes[i];
        let cls = class(b);
        let (tok_end, kind) = if cls & LETTER != 0 {
            match ascii_word(bytes, i) {
                AsciiWord::Ends(tok_end, after) => {
                    out.push(Token {
                        start: i,
                        end: tok_end,
                        kind: TokenKind::Word,
                    });
                    // The space after a word need not come round the loop.
                    i = tok_end + usize::from(after & SPACE);
                    continue;
                }
                AsciiWord::BeforePeriod(tok_end) => (tok_end, TokenKind::Word),
                AsciiWord::GoesOn(from) => scan_word_or_number(text, bytes, i, from, true),
            }
        } else if cls & SPACE != 0 {
            i += 1;
            continue;
        } else if cls & DIGIT != 0 {
            scan_word_or_number(text, bytes, i, i + 1, false)
        } else {
            let c = if b < 0x80 {
                b as char
            } else {
                let c = char_at(text, i);
                if c.is_whitespace() {
                    i += c.len_utf8();
                    continue;
                }
                c
            };
            if b >= 0x80 && is_word_char(c) {
                scan_word_or_number(text, bytes, i, i, false)
            } else {
                punctuation(text, bytes, c, i, range.start)
            }
        };
        // A period right after a known abbreviation (or a lone letter, as in z. B.) belongs to it.
        if kind == TokenKind::Word
            && bytes.get(tok_end) == Some(&b'.')
            && (is_abbreviation(bytes, i..tok_end) || is_one_char(&bytes[i..tok_end]))
            && !period_ends_paragraph(bytes, tok_end + 1)
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
        // The space after a token need not come round the loop.
        if bytes.get(i).is_some_and(|&b| class(b) & SPACE != 0) {
            i += 1;
        }
    }
}

/// The end and kind of the punctuation token that starts with `c` at `i` (not a word, number
/// or space).
fn punctuation(text: &str, bytes: &[u8], c: char, i: usize, start: usize) -> (usize, TokenKind) {
    let end = bytes.len();
    let clen = c.len_utf8();
    let kind = match c {
        '.' | '!' | '?' | '…' => TokenKind::SentenceEnd,
        ',' | ';' | ':' | '–' | '—' => TokenKind::ClausePunct,
        '-' if i + 1 < end && bytes[i + 1] == b' ' && i > start && bytes[i - 1] == b' ' => {
            TokenKind::ClausePunct
        }
        '„' | '»' | '‚' | '«' | '“' | '‘' | '"' | '\'' | '”' | '’' => {
            quote_kind(text, c, i, clen, start, end)
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
    (tok_end, kind)
}

/// Tokenizes a whole string.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, 0..text.len(), &mut out);
    out
}

/// Whether `word` (whole chars of UTF-8) is one char, as a lone letter before a period
/// (`z. B.`): all bytes after the first continue it.
fn is_one_char(word: &[u8]) -> bool {
    word.split_first()
        .is_some_and(|(_, rest)| rest.iter().all(|&b| b & 0xc0 == 0x80))
}

fn period_ends_paragraph(bytes: &[u8], from: usize) -> bool {
    bytes[from..].iter().all(u8::is_ascii_whitespace)
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

/// The bytes of `w` (eight, little-endian) that are not ASCII letters, each as its high bit.
fn not_letters(w: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Upper case folded to lower: only letters land in a..=z (0x61..=0x7a).
    let t = (w | (0x20 * ONES)) & !HIGH;
    let at_least_a = t + (0x80 - 0x61) * ONES;
    let above_z = t + (0x7f - 0x7a) * ONES;
    (!at_least_a | above_z | w) & HIGH
}

/// Where the run of ASCII letters from `i` ends, and the byte there (`None` at the end:
/// `bytes` ends where the range does). Inlined into the loop over the tokens, where nearly
/// every word passes through it.
#[inline]
fn ascii_letter_run(bytes: &[u8], i: usize) -> (usize, Option<u8>) {
    // Most of a word is ASCII letters: their end found eight bytes at a time, with no branch
    // on each letter (whose end the processor cannot foresee). Most words end in the first.
    match bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        Some(chunk) => match first_not_letter(*chunk) {
            Some((at, b)) => (i + at, Some(b)),
            None => long_letter_run(bytes, i + 8),
        },
        None => letter_run_bytewise(bytes, i),
    }
}

/// The index and value of the first byte of `chunk` that is not an ASCII letter.
#[inline]
fn first_not_letter(chunk: [u8; 8]) -> Option<(usize, u8)> {
    let w = u64::from_le_bytes(chunk);
    let others = not_letters(w);
    // The high bit of the first byte that is not a letter.
    let bit = std::num::NonZeroU64::new(others)?.trailing_zeros();
    Some(((bit / 8) as usize, (w >> (bit - 7)) as u8))
}

/// [`ascii_letter_run`] past its first eight letters.
fn long_letter_run(bytes: &[u8], mut i: usize) -> (usize, Option<u8>) {
    while let Some(chunk) = bytes.get(i..).and_then(<[u8]>::first_chunk::<8>) {
        if let Some((at, b)) = first_not_letter(*chunk) {
            return (i + at, Some(b));
        }
        i += 8;
    }
    letter_run_bytewise(bytes, i)
}

/// [`ascii_letter_run`] a byte at a time, for the last bytes of a range.
fn letter_run_bytewise(bytes: &[u8], mut i: usize) -> (usize, Option<u8>) {
    while let Some(&b) = bytes.get(i) {
        if !b.is_ascii_alphabetic() {
            return (i, Some(b));
        }
        i += 1;
    }
    (i, None)
}

/// How far [`ascii_word`] got.
enum AsciiWord {
    /// The word ends here, before a byte of this [`CLASS`] (0 at the end of the range).
    Ends(usize, u8),
    /// The word ends here, before a period that may make it an abbreviation.
    BeforePeriod(usize),
    /// The word goes on here with something else: a digit, another letter or char beyond
    /// ASCII, for [`scan_word_or_number`] to take on.
    GoesOn(usize),
}

/// A word that starts with an ASCII letter at `start`, as far as it is plain: ASCII letters,
/// umlauts and ß, hyphens and apostrophes between letters.
fn ascii_word(bytes: &[u8], start: usize) -> AsciiWord {
    let (mut i, mut after) = ascii_letter_run(bytes, start);
    loop {
        let Some(b) = after else {
            return AsciiWord::Ends(i, 0);
        };
        let cls = class(b);
        if cls & ENDS_WORD != 0 {
            return AsciiWord::Ends(i, cls);
        }
        let next = bytes.get(i + 1).copied();
        match (b, next) {
            // À to ÿ but × and ÷.
            (0xc3, Some(n)) if n != 0x97 && n != 0xb7 => {}
            // A period after one letter ends z. of z.B.
            (b'.', Some(n)) if n.is_ascii_alphabetic() && i - start < 2 => {
                return AsciiWord::BeforePeriod(i);
            }
            // Only a letter goes on after these.
            (b'-' | b'\'' | b'.', Some(n)) if n.is_ascii_alphabetic() => {}
            (b'.', None) => return AsciiWord::BeforePeriod(i),
            (b'.', Some(n)) if n < 0x80 => return AsciiWord::BeforePeriod(i),
            (b'-' | b'\'', None) => return AsciiWord::Ends(i, cls),
            (b'-' | b'\'', Some(n)) if n < 0x80 && !(b == b'-' && n.is_ascii_digit()) => {
                return AsciiWord::Ends(i, cls);
            }
            _ => return AsciiWord::GoesOn(i),
        }
        // Both bytes taken: the letter after a joiner, or the second byte of an umlaut.
        (i, after) = ascii_letter_run(bytes, i + 2);
    }
}

/// Scans a word or number that starts at `start` and goes on at least to `i`, with a letter
/// in it if `has_letter`; inner hyphens, apostrophes and (in numbers) `.`/`,` followed by a
/// digit stay inside. `bytes` ends where the range does.
fn scan_word_or_number(
    text: &str,
    bytes: &[u8],
    start: usize,
    mut i: usize,
    mut has_letter: bool,
) -> (usize, TokenKind) {
    let end = bytes.len();
    loop {
        // Run of letters/digits.
        while let Some(&b) = bytes.get(i) {
            let cls = class(b);
            if cls & LETTER != 0 {
                has_letter = true;
                i = ascii_letter_run(bytes, i + 1).0;
            } else if cls & DIGIT != 0 {
                i += 1;
            } else if b == 0xc3 && i + 1 < end && !matches!(bytes[i + 1], 0x97 | 0xb7) {
                // À to ÿ but × and ÷ (umlauts, ß, accents) are letters: no decoding.
                has_letter = true;
                i += 2;
            } else if b >= 0x80 {
                let c = char_at(text, i);
                if is_word_char(c) {
                    has_letter = true;
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
            if bytes[i..].starts_with("’".as_bytes())
                && has_letter
                && i + 3 < end
                && is_word_char(char_at(text, i + 3))
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
        let next = bytes[i + 1];
        let (next_is_word_char, next_is_digit) = if next < 0x80 {
            (next.is_ascii_alphabetic(), next.is_ascii_digit())
        } else {
            (is_word_char(char_at(text, i + 1)), false)
        };
        let joins = match b {
            b'-' => next_is_word_char || next_is_digit,
            b'\'' => next_is_word_char && has_letter,
            _ => {
                (!has_letter && next_is_digit)
                    // NEWS.Debian, sources.list: a period between letters, two at least before it
                    // (z.B. stays an abbreviation).
                    || (b == b'.'
                        && has_letter
                        && next_is_word_char
                        && !is_one_char(&bytes[start..i]))
            }
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
    fn not_letters_marks_each_byte_that_is_not_an_ascii_letter() {
        let expected = |chunk: [u8; 8]| {
            chunk.iter().enumerate().fold(0u64, |m, (k, b)| {
                m | (u64::from(!b.is_ascii_alphabetic()) << (8 * k + 7))
            })
        };
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
            assert_eq!(
                not_letters(u64::from_le_bytes(chunk)),
                expected(chunk),
                "{chunk:?}"
            );
        }
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                assert_eq!(
                    not_letters(u64::from_le_bytes(chunk)),
                    expected(chunk),
                    "{b} at {at}"
                );
            }
        }
    }

    #[test]
    fn a_letter_run_ends_at_the_first_other_byte_and_names_it() {
        let text = b"Donaudampfschiff-Fahrt und Hausboot";
        assert_eq!(ascii_letter_run(text, 0), (16, Some(b'-')));
        assert_eq!(ascii_letter_run(text, 17), (22, Some(b' ')));
        assert_eq!(ascii_letter_run(text, 27), (35, None));
        assert_eq!(ascii_letter_run(&text[..30], 27), (30, None));
        assert_eq!(ascii_letter_run(text, 16), (16, Some(b'-')));
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
            assert!(is_abbreviation(a.as_bytes(), 0..a.len()), "{a}");
            let upper = a.to_uppercase();
            assert!(is_abbreviation(upper.as_bytes(), 0..a.len()), "{a}");
            let mut capital = a.to_string();
            capital[..1].make_ascii_uppercase();
            assert!(is_abbreviation(capital.as_bytes(), 0..a.len()), "{a}");
            // Inside a longer text, with bytes after it that are not part of it.
            let text = format!("{capital}.xyzabcdefgh");
            assert!(is_abbreviation(text.as_bytes(), 0..a.len()), "{a}");
            assert!(!is_abbreviation(text.as_bytes(), 0..a.len() + 1), "{a}");
            assert!(
                !is_abbreviation(a.as_bytes(), 1..a.len()) || ABBREVIATIONS.contains(&&a[1..]),
                "{a}"
            );
            let longer = format!("{a}x");
            assert!(!is_abbreviation(longer.as_bytes(), 0..longer.len()), "{a}");
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
                is_abbreviation(word.as_bytes(), 0..word.len()),
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
    fn letters_beyond_ascii_go_on_an_ascii_word() {
        let t = words("Grüße aus Straße, Café Noël und Ĳssel");
        assert_eq!(t[0], ("Grüße", TokenKind::Word));
        assert_eq!(t[2], ("Straße", TokenKind::Word));
        assert_eq!(t[4], ("Café", TokenKind::Word));
        assert_eq!(t[5], ("Noël", TokenKind::Word));
        assert_eq!(t[7], ("Ĳssel", TokenKind::Word));
        // Past the first eight letters too.
        let t =
            words("Donaudampfschifffahrtskapitänsmütze, Oberbürgermeister-Stellvertreterinnen.");
        assert_eq!(
            t[0],
            ("Donaudampfschifffahrtskapitänsmütze", TokenKind::Word)
        );
        assert_eq!(
            t[2],
            ("Oberbürgermeister-Stellvertreterinnen", TokenKind::Word)
        );
        assert_eq!(t[3], (".", TokenKind::SentenceEnd));
        // A symbol or a space beyond ASCII ends the word.
        let t = words("Preis€ 5\u{a0}Euro\u{2003}genau×");
        assert_eq!(
            t,
            [
                ("Preis", TokenKind::Word),
                ("€", TokenKind::Other),
                ("5", TokenKind::Number),
                ("Euro", TokenKind::Word),
                ("genau", TokenKind::Word),
                ("×", TokenKind::Other)
            ]
        );
    }

    #[test]
    fn a_soft_hyphen_stays_inside_a_word() {
        let t = words("Silben\u{ad}trennung \u{ad}ab");
        assert_eq!(t[0], ("Silben\u{ad}trennung", TokenKind::Word));
        assert_eq!(t[1], ("\u{ad}ab", TokenKind::Word));
    }

    #[test]
    fn a_hyphen_joins_only_what_goes_on() {
        let t = words("Ein- und Ausgang - so war's, 20-30 x-mal");
        assert_eq!(t[0], ("Ein", TokenKind::Word));
        assert_eq!(t[1], ("-", TokenKind::Other));
        assert_eq!(t[4], ("-", TokenKind::ClausePunct));
        assert_eq!(t[6], ("war's", TokenKind::Word));
        assert_eq!(t[7], (",", TokenKind::ClausePunct));
        assert_eq!(t[8], ("20-30", TokenKind::Number));
        assert_eq!(t[9], ("x-mal", TokenKind::Word));
    }

    #[test]
    fn a_comma_or_period_joins_digits_but_not_words() {
        let t = words("1.000,50 Euro, 3. Mai.Ende");
        assert_eq!(t[0], ("1.000,50", TokenKind::Number));
        assert_eq!(t[1], ("Euro", TokenKind::Word));
        assert_eq!(t[2], (",", TokenKind::ClausePunct));
        assert_eq!(t[3], ("3", TokenKind::Number));
        assert_eq!(t[4], (".", TokenKind::SentenceEnd));
        assert_eq!(t[5], ("Mai.Ende", TokenKind::Word));
    }

    #[test]
    fn an_abbreviation_at_the_end_of_a_paragraph_ends_its_sentence() {
        let t = words("Das ist Nr. 5 usw.");
        assert_eq!(t[2], ("Nr.", TokenKind::Abbreviation));
        assert_eq!(t[4], ("usw", TokenKind::Word));
        assert_eq!(t[5], (".", TokenKind::SentenceEnd));
        // The paragraph ends where its range does, not where the text does.
        let text = "Siehe Abb. \n\nDas z.\nB. hier";
        let mut part = Vec::new();
        tokenize_into(text, 0..12, &mut part);
        let kinds: Vec<TokenKind> = part.iter().map(|t| t.kind).collect();
        assert_eq!(
            kinds,
            [TokenKind::Word, TokenKind::Word, TokenKind::SentenceEnd]
        );
        let t = words(text);
        assert_eq!(t[1], ("Abb.", TokenKind::Abbreviation));
        assert_eq!(t[3], ("z.", TokenKind::Abbreviation));
    }

    #[test]
    fn runs_of_sentence_ends_are_one_token() {
        let t = words("Was?! Nein... Doch…!");
        assert_eq!(t[1], ("?!", TokenKind::SentenceEnd));
        assert_eq!(t[3], ("...", TokenKind::SentenceEnd));
        assert_eq!(t[5], ("…!", TokenKind::SentenceEnd));
    }

    #[test]
    fn straight_quotes_open_after_a_space_or_bracket_and_close_after_a_word() {
        let t = words("(\"Ja\") sagte 'er' \" und");
        assert_eq!(t[1], ("\"", TokenKind::OpenQuote));
        assert_eq!(t[3], ("\"", TokenKind::CloseQuote));
        assert_eq!(t[6], ("'", TokenKind::OpenQuote));
        assert_eq!(t[8], ("'", TokenKind::CloseQuote));
        assert_eq!(t[9], ("\"", TokenKind::CloseQuote));
    }

    #[test]
    fn control_spaces_between_words_are_skipped() {
        let t = words("eins\u{b}zwei\r\ndrei\u{c}vier\u{1c}fünf");
        let texts: Vec<&str> = t.iter().map(|x| x.0).collect();
        assert_eq!(texts, ["eins", "zwei", "drei", "vier", "\u{1c}", "fünf"]);
    }

    #[test]
    fn curly_quotes_after_words_do_not_break_tokenizing() {
        let t = words("„Ja“ und ‚nein‘ und “so” ’");
        assert_eq!(t[1], ("Ja", TokenKind::Word));
        assert_eq!(t[2], ("“", TokenKind::CloseQuote));
        assert!(t.iter().any(|x| x.0 == "nein"));
    }
}
