//! Pronunciation through espeak-ng (Debian `espeak-ng`, German voice): IPA, speech, WAV.
//!
//! leser runs the `espeak-ng` program rather than linking libespeak-ng: the build stays free
//! of C libraries, a machine without espeak-ng runs everything else (a notice, not a link
//! failure), and a process can be killed the moment the learner asks for something else.
//! Each run costs a few milliseconds, which the IPA cache and background threads hide.
//! Text always goes to espeak-ng on standard input, so a word that starts with `-` is never
//! taken for an option.

pub mod cache;
pub mod ipa;
pub mod wav;
pub mod worker;

pub use cache::IpaCache;
pub use ipa::mark_syllable_stress;
pub use wav::{fix_wav_sizes, wav_seconds};
pub use worker::{IpaWorker, Speaker, SpeechEvent};

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use thiserror::Error;

/// The program leser runs.
pub const PROGRAM: &str = "espeak-ng";
/// espeak-ng's German voice.
pub const VOICE: &str = "de";
/// Speech rates espeak-ng accepts (`-s`, words per minute).
pub const RATES: std::ops::RangeInclusive<u32> = 80..=450;

#[derive(Debug, Error)]
pub enum SpeechError {
    #[error(
        "espeak-ng is not installed: install the Debian package espeak-ng (apt install espeak-ng)"
    )]
    Missing,
    #[error("espeak-ng failed: {0}")]
    Failed(String),
    #[error("espeak-ng could not play the sound, no sound device? ({0})")]
    NoSound(String),
    #[error("cannot run espeak-ng: {0}")]
    Io(#[from] std::io::Error),
}

/// What the reader needs to pronounce: the speech rate, and where the IPA cache lives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SpeechSetup {
    /// Words per minute; espeak-ng's own default when `None`.
    pub rate: Option<u32>,
    /// The cache dir (`$LESER_CACHE_DIR`); `None` keeps IPA in memory only.
    pub cache_dir: Option<PathBuf>,
}

/// The espeak-ng program, found on `PATH`, with the German voice and a rate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Espeak {
    program: PathBuf,
    rate: Option<u32>,
}

impl Espeak {
    /// espeak-ng from `PATH`.
    pub fn find(rate: Option<u32>) -> Result<Espeak, SpeechError> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .map(|dir| dir.join(PROGRAM))
            .find(|p| is_executable(p))
            .map(|program| Espeak::with_program(program, rate))
            .ok_or(SpeechError::Missing)
    }

    /// A given program that takes espeak-ng's arguments.
    pub fn with_program(program: PathBuf, rate: Option<u32>) -> Espeak {
        Espeak { program, rate }
    }

    /// The command with the German voice and the rate; text comes on standard input.
    fn command(&self) -> Command {
        let mut command = Command::new(&self.program);
        command.args(["-v", VOICE]);
        if let Some(rate) = self.rate {
            command.arg("-s").arg(rate.to_string());
        }
        command
    }

    /// espeak-ng's version line (`eSpeak NG text-to-speech: 1.51 …`): what the IPA cache is
    /// valid for.
    pub fn version(&self) -> Result<String, SpeechError> {
        let output = run(Command::new(&self.program).arg("--version"), "")?;
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string())
    }

    /// The IPA of a text with the stress marks at the start of their syllables:
    /// `Bündnis` gives `ˈbyndnɪs`.
    pub fn ipa(&self, text: &str) -> Result<String, SpeechError> {
        let raw = self.ipa_lines(&one_line(&hyphens_as_spaces(text)))?;
        Ok(finish_ipa(text, &raw.join(" ")))
    }

    /// The IPA of many texts, in order. Words go to one espeak-ng run, one a line (espeak-ng
    /// answers each line with one); a text with punctuation, which espeak-ng may split, gets a
    /// run of its own, and so does every text when the lines do not add up.
    pub fn ipa_many(&self, texts: &[String]) -> Result<Vec<String>, SpeechError> {
        let (plain, other): (Vec<usize>, Vec<usize>) =
            (0..texts.len()).partition(|&i| is_plain_words(&texts[i]));
        let mut out = vec![String::new(); texts.len()];
        let mut alone = other;
        if !plain.is_empty() {
            let mut input = String::new();
            for &i in &plain {
                input.push_str(&hyphens_as_spaces(&texts[i]));
                input.push('\n');
            }
            let lines = self.ipa_lines(&input)?;
            if lines.len() == plain.len() {
                for (&i, line) in plain.iter().zip(lines) {
                    out[i] = finish_ipa(&texts[i], &line);
                }
            } else {
                alone.extend(plain);
            }
        }
        for i in alone {
            out[i] = self.ipa(&texts[i])?;
        }
        Ok(out)
    }

    /// espeak-ng's IPA output lines for `input`, trimmed, empty ones dropped.
    fn ipa_lines(&self, input: &str) -> Result<Vec<String>, SpeechError> {
        let output = run(self.command().args(["-q", "--ipa"]), input)?;
        Ok(String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect())
    }

    /// The text spoken, as a WAV file's bytes.
    pub fn wav(&self, text: &str) -> Result<Vec<u8>, SpeechError> {
        let output = run(self.command().arg("--stdout"), &one_line(text))?;
        fix_wav_sizes(output.stdout)
            .ok_or_else(|| SpeechError::Failed("espeak-ng wrote no WAV".to_string()))
    }

    /// Each text spoken, as WAV bytes (`None` where espeak-ng failed). Texts go to espeak-ng
    /// in small batches, one run a batch, with a long pause between texts at which the sound
    /// is cut (an espeak-ng run costs far more to start than a word to speak); a batch that
    /// does not cut into as many pieces as it has texts is spoken a text a run. Batches run on as many
    /// threads as the machine has cores.
    pub fn wav_many(&self, texts: &[&str]) -> Vec<Option<Vec<u8>>> {
        use std::sync::Mutex;
        use std::sync::atomic::{AtomicUsize, Ordering};
        let threads = std::thread::available_parallelism().map_or(2, std::num::NonZero::get);
        let batches = wav::batches(texts);
        let next = AtomicUsize::new(0);
        let sounds: Vec<Mutex<Vec<Option<Vec<u8>>>>> =
            batches.iter().map(|_| Mutex::new(Vec::new())).collect();
        std::thread::scope(|scope| {
            for _ in 0..threads.min(batches.len()) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let (Some(batch), Some(slot)) = (batches.get(i), sounds.get(i)) else {
                            break;
                        };
                        let wavs = match self.wav_batch(batch) {
                            Ok(wavs) => wavs.into_iter().map(Some).collect(),
                            Err(_) => batch.iter().map(|t| self.wav(t).ok()).collect(),
                        };
                        if let Ok(mut slot) = slot.lock() {
                            *slot = wavs;
                        }
                    }
                });
            }
        });
        let mut out: Vec<Option<Vec<u8>>> = sounds
            .into_iter()
            .flat_map(|s| s.into_inner().unwrap_or_default())
            .collect();
        out.resize(texts.len(), None);
        out
    }

    /// Texts spoken in one espeak-ng run (SSML, a pause after each), cut at the pauses.
    fn wav_batch(&self, texts: &[&str]) -> Result<Vec<Vec<u8>>, SpeechError> {
        let ssml = wav::ssml_with_pauses(texts);
        let output = run(self.command().args(["-m", "--stdout"]), &ssml)?;
        let wav = fix_wav_sizes(output.stdout)
            .ok_or_else(|| SpeechError::Failed("espeak-ng wrote no WAV".to_string()))?;
        wav::split_at_pauses(&wav, texts.len())
            .ok_or_else(|| SpeechError::Failed("the pauses did not cut the sound".to_string()))
    }

    /// Starts speaking a text; the child ends when it has spoken. Its standard error is piped,
    /// so that a missing sound device can be told.
    pub fn speak(&self, text: &str) -> Result<Child, SpeechError> {
        let mut child = self
            .command()
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        if let Some(mut stdin) = child.stdin.take() {
            // A text fits the pipe; a child that died early is reported when it is reaped.
            let _ = stdin.write_all(one_line(text).as_bytes());
        }
        Ok(child)
    }

    /// Speaks a text and waits until it is spoken.
    pub fn speak_and_wait(&self, text: &str) -> Result<(), SpeechError> {
        let child = self.speak(text)?;
        let output = child.wait_with_output()?;
        check_played(&output)
    }
}

/// Whether a finished speaking run played its sound: espeak-ng exits 0 even when it cannot
/// open a sound device, but then says so on standard error.
pub fn check_played(output: &Output) -> Result<(), SpeechError> {
    let stderr = String::from_utf8_lossy(&output.stderr);
    let complaint = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| l.to_lowercase().contains("error"));
    match complaint {
        Some(line) => Err(SpeechError::NoSound(
            line.trim_start_matches("error: ").to_string(),
        )),
        None if !output.status.success() => Err(SpeechError::Failed(format!(
            "exited with {}",
            output.status
        ))),
        None => Ok(()),
    }
}

/// Runs a command with `input` on its standard input and collects its output; a failure
/// exit is an error with espeak-ng's message.
fn run(command: &mut Command, input: &str) -> Result<Output, SpeechError> {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => SpeechError::Missing,
            _ => SpeechError::Io(e),
        })?;
    let stdin = child.stdin.take();
    // Input is written while the output is read, so that neither pipe can fill and stall.
    let output = std::thread::scope(|scope| {
        if let Some(mut stdin) = stdin {
            scope.spawn(move || {
                let _ = stdin.write_all(input.as_bytes());
            });
        }
        child.wait_with_output()
    })?;
    if !output.status.success() {
        let mut message = String::new();
        let _ = output.stderr.as_slice().read_to_string(&mut message);
        let message = message
            .lines()
            .next()
            .unwrap_or_default()
            .trim()
            .to_string();
        return Err(SpeechError::Failed(if message.is_empty() {
            format!("exited with {}", output.status)
        } else {
            message
        }));
    }
    Ok(output)
}

/// The parts of a hyphenated word as words of their own: espeak-ng would run them together,
/// and the syllable a stress mark starts could then cross from one part into the next.
fn hyphens_as_spaces(text: &str) -> String {
    text.replace('-', " ")
}

/// espeak-ng's IPA for `text` as leser shows it: language switches (`(en)`) left out, stress
/// marks at the start of their syllables, and the parts of a hyphenated word joined by
/// hyphens again when there are as many words as parts.
fn finish_ipa(text: &str, raw: &str) -> String {
    let mut plain = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(open) = rest.find('(') {
        plain.push_str(&rest[..open]);
        match rest[open..].find(')') {
            Some(close) => rest = &rest[open + close + 1..],
            None => {
                rest = "";
            }
        }
    }
    plain.push_str(rest);
    let ipa = mark_syllable_stress(plain.trim());
    if !text.contains('-') {
        return ipa;
    }
    let separators: Vec<char> = text.chars().filter(|c| *c == ' ' || *c == '-').collect();
    let words: Vec<&str> = ipa.split_whitespace().collect();
    if words.len() != separators.len() + 1 {
        return ipa;
    }
    let mut joined = String::with_capacity(ipa.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            joined.push(separators[i - 1]);
        }
        joined.push_str(word);
    }
    joined
}

/// A text as one line: espeak-ng reads a line break as the end of a clause.
fn one_line(text: &str) -> String {
    let mut s: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    s.push('\n');
    s
}

/// Words that espeak-ng answers with exactly one line: letters, with spaces, hyphens and
/// apostrophes between.
fn is_plain_words(text: &str) -> bool {
    text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'')
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hyphenated_parts_are_joined_again_and_language_switches_dropped() {
        assert_eq!(
            finish_ipa("NATO-Russland-Rat", "nˈɑːtoː rˈʊslant rˈɑːt"),
            "ˈnɑːtoː-ˈrʊslant-ˈrɑːt"
        );
        assert_eq!(finish_ipa("E-Mail", "ˈeː (en)mˈeɪl(de)"), "ˈeː-ˈmeɪl");
        // Parts espeak-ng spelled out stay as it said them.
        assert_eq!(finish_ipa("G-7", "ɡˈeː zˈiːbən ʔˈa"), "ˈɡeː ˈziːbən ˈʔa");
        assert_eq!(finish_ipa("Bündnis", "bˈyndnɪs\n"), "ˈbyndnɪs");
    }

    #[test]
    fn only_plain_words_share_a_run() {
        assert!(is_plain_words("NATO-Russland-Rat"));
        assert!(is_plain_words("zur Kenntnis nehmen"));
        assert!(!is_plain_words("z. B."));
        assert!(!is_plain_words("3"));
        assert!(!is_plain_words(""));
    }

    #[test]
    fn a_program_not_on_path_is_missing() {
        let espeak = Espeak::with_program(PathBuf::from("/nonexistent/espeak-ng"), None);
        assert!(matches!(espeak.ipa("Rat"), Err(SpeechError::Missing)));
    }

    #[test]
    fn a_silent_failure_to_play_is_told() {
        use std::os::unix::process::ExitStatusExt;
        let output = Output {
            status: std::process::ExitStatus::from_raw(0),
            stdout: Vec::new(),
            stderr: b"ALSA lib pcm.c:2666: Unknown PCM default\nerror: No such file or directory\n"
                .to_vec(),
        };
        let err = check_played(&output).unwrap_err().to_string();
        assert!(err.contains("no sound device"), "{err}");
        let fine = Output {
            stderr: Vec::new(),
            ..output
        };
        assert!(check_played(&fine).is_ok());
    }
}
