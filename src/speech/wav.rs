//! The WAV files espeak-ng writes: sizes set, length read, and a batch of words spoken in one
//! run cut into one file a word.

use std::fmt::Write as _;

/// The pause espeak-ng is told to make after each text of a batch.
const PAUSE_MS: u32 = 2500;
/// Silence at least this long is a pause between texts: far longer than any pause espeak-ng
/// makes inside a text (a sentence end, even at the slowest rate), well under `PAUSE_MS`.
const CUT_MS: u32 = 1600;
/// Silence kept before and after each piece.
const LEAD_MS: u32 = 15;
const TAIL_MS: u32 = 250;
const HEADER: usize = 44;

/// The most SSML one batch may hold: espeak-ng 1.51 drops pauses from longer input (a
/// batch of 20 words loses one about every third time, of 16 never).
const BATCH_BYTES: usize = 600;

/// Texts in batches for [`ssml_with_pauses`], in order, each within `BATCH_BYTES`.
pub fn batches<'a>(texts: &'a [&'a str]) -> Vec<&'a [&'a str]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0;
    for (i, text) in texts.iter().enumerate() {
        let cost = text.len() + 40;
        if i > start && bytes + cost > BATCH_BYTES {
            out.push(&texts[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += cost;
    }
    if start < texts.len() {
        out.push(&texts[start..]);
    }
    out
}

/// SSML for espeak-ng (`-m`): each text a sentence of its own, a long pause after each.
pub fn ssml_with_pauses(texts: &[&str]) -> String {
    let mut ssml = String::from("<speak>");
    for text in texts {
        ssml.push_str("<s>");
        for c in text.chars() {
            match c {
                '&' => ssml.push_str("&amp;"),
                '<' => ssml.push_str("&lt;"),
                '>' => ssml.push_str("&gt;"),
                '"' => ssml.push_str("&quot;"),
                '\'' => ssml.push_str("&apos;"),
                c if c.is_whitespace() => ssml.push(' '),
                c => ssml.push(c),
            }
        }
        let _ = write!(ssml, "</s><break time=\"{PAUSE_MS}ms\"/>");
    }
    ssml.push_str("</speak>\n");
    ssml
}

/// Cuts a 16-bit mono WAV (as [`fix_wav_sizes`] leaves it) at its long silences into
/// `count` WAVs, each with a little silence around it; `None` unless there are exactly
/// `count` pieces.
pub fn split_at_pauses(wav: &[u8], count: usize) -> Option<Vec<Vec<u8>>> {
    let header = wav.get(..HEADER)?;
    let channels = u16::from_le_bytes([header[22], header[23]]);
    let rate = u32::from_le_bytes([header[24], header[25], header[26], header[27]]);
    let bits = u16::from_le_bytes([header[34], header[35]]);
    if channels != 1 || bits != 16 || rate == 0 {
        return None;
    }
    let samples: Vec<i16> = wav[HEADER..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    let ms = |n: u32| usize::try_from(u64::from(rate) * u64::from(n) / 1000).unwrap_or(usize::MAX);
    // Pieces of sound between silences of at least CUT_MS.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_sound = 0;
    for (i, &s) in samples.iter().enumerate() {
        if s == 0 {
            if let Some(from) = start
                && i - last_sound > ms(CUT_MS)
            {
                pieces.push((from, last_sound + 1));
                start = None;
            }
            continue;
        }
        if start.is_none() {
            start = Some(i);
        }
        last_sound = i;
    }
    if let Some(from) = start {
        pieces.push((from, last_sound + 1));
    }
    if pieces.len() != count {
        return None;
    }
    Some(
        pieces
            .into_iter()
            .map(|(from, to)| {
                let from = from.saturating_sub(ms(LEAD_MS));
                let to = (to + ms(TAIL_MS)).min(samples.len());
                let mut out = header.to_vec();
                out.reserve((to - from) * 2);
                for s in &samples[from..to] {
                    out.extend_from_slice(&s.to_le_bytes());
                }
                fix_wav_sizes(out).unwrap_or_default()
            })
            .collect(),
    )
}

/// The WAV espeak-ng writes to a pipe says its sizes are unknown (it cannot seek back);
/// this sets them from the length. `None` when the bytes are not the 44-byte-header WAV that
/// espeak-ng writes.
pub fn fix_wav_sizes(mut wav: Vec<u8>) -> Option<Vec<u8>> {
    let canonical = wav.len() >= HEADER
        && &wav[0..4] == b"RIFF"
        && &wav[8..16] == b"WAVEfmt "
        && wav[16..20] == 16u32.to_le_bytes()
        && &wav[36..40] == b"data";
    if !canonical {
        return None;
    }
    let riff = u32::try_from(wav.len() - 8).ok()?;
    let data = u32::try_from(wav.len() - HEADER).ok()?;
    wav[4..8].copy_from_slice(&riff.to_le_bytes());
    wav[40..44].copy_from_slice(&data.to_le_bytes());
    Some(wav)
}

/// How long a WAV from [`fix_wav_sizes`] plays, in seconds.
pub fn wav_seconds(wav: &[u8]) -> Option<f64> {
    let field = |at: usize| Some(u32::from_le_bytes(wav.get(at..at + 4)?.try_into().ok()?));
    let bytes_per_second = field(28)?;
    let data = field(40)?;
    (bytes_per_second > 0).then(|| f64::from(data) / f64::from(bytes_per_second))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 16-bit mono WAV of these samples at 1000 Hz (a millisecond a sample).
    fn wav(samples: &[i16]) -> Vec<u8> {
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF");
        wav.extend_from_slice(&0u32.to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        wav.extend_from_slice(&16u32.to_le_bytes());
        wav.extend_from_slice(&[1, 0, 1, 0]);
        wav.extend_from_slice(&1000u32.to_le_bytes());
        wav.extend_from_slice(&2000u32.to_le_bytes());
        wav.extend_from_slice(&[2, 0, 16, 0]);
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&0u32.to_le_bytes());
        for s in samples {
            wav.extend_from_slice(&s.to_le_bytes());
        }
        fix_wav_sizes(wav).unwrap()
    }

    fn samples(wav: &[u8]) -> Vec<i16> {
        wav[HEADER..]
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]]))
            .collect()
    }

    #[test]
    fn a_pipe_wav_gets_its_sizes() {
        let mut wav = Vec::new();
        wav.extend_from_slice(b"RIFF");
        wav.extend_from_slice(&0x7fff_f024u32.to_le_bytes());
        wav.extend_from_slice(b"WAVEfmt ");
        wav.extend_from_slice(&16u32.to_le_bytes());
        wav.extend_from_slice(&[1, 0, 1, 0]); // PCM, mono
        wav.extend_from_slice(&22050u32.to_le_bytes());
        wav.extend_from_slice(&44100u32.to_le_bytes());
        wav.extend_from_slice(&[2, 0, 16, 0]);
        wav.extend_from_slice(b"data");
        wav.extend_from_slice(&0x7fff_f000u32.to_le_bytes());
        wav.extend(std::iter::repeat_n(0u8, 22050));
        let fixed = fix_wav_sizes(wav).unwrap();
        assert_eq!(fixed[4..8], (44 + 22050 - 8u32).to_le_bytes());
        assert_eq!(fixed[40..44], 22050u32.to_le_bytes());
        assert_eq!(wav_seconds(&fixed), Some(0.5));
        assert_eq!(fix_wav_sizes(b"not a wav".to_vec()), None);
    }

    #[test]
    fn a_batch_is_cut_at_its_long_pauses_only() {
        // Word one (with a short pause inside), a long pause, word two, a long pause.
        let mut all = vec![0i16; 20];
        all.extend([5, 6, 0, 0, 0, 7]);
        all.extend(std::iter::repeat_n(0, 2000));
        all.extend([8, 9]);
        all.extend(std::iter::repeat_n(0, 2500));
        let batch = wav(&all);
        let pieces = split_at_pauses(&batch, 2).unwrap();
        assert_eq!(pieces.len(), 2);
        let first = samples(&pieces[0]);
        // 15 ms before, 250 ms after.
        assert_eq!(&first[..15], &[0; 15]);
        assert_eq!(&first[15..21], &[5, 6, 0, 0, 0, 7]);
        assert_eq!(first.len(), 15 + 6 + 250);
        assert_eq!(&samples(&pieces[1])[15..17], &[8, 9]);
        assert_eq!(wav_seconds(&pieces[1]), Some(0.267));
        // A count that does not match is no cut.
        assert_eq!(split_at_pauses(&batch, 3), None);
    }

    #[test]
    fn batches_keep_the_order_and_stay_small() {
        let words: Vec<String> = (0..100).map(|i| format!("das Wort{i}")).collect();
        let texts: Vec<&str> = words.iter().map(String::as_str).collect();
        let cut = batches(&texts);
        assert!(cut.len() > 5, "{}", cut.len());
        assert_eq!(cut.concat(), texts);
        for batch in &cut {
            assert!(ssml_with_pauses(batch).len() <= BATCH_BYTES + 20);
        }
        let long = "x".repeat(2000);
        assert_eq!(batches(&[long.as_str()]).len(), 1);
    }

    #[test]
    fn ssml_escapes_the_texts() {
        assert_eq!(
            ssml_with_pauses(&["A & B", "das\nBündnis"]),
            "<speak><s>A &amp; B</s><break time=\"2500ms\"/>\
             <s>das Bündnis</s><break time=\"2500ms\"/></speak>\n"
        );
    }
}
