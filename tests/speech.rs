//! `leser say` through the real espeak-ng (Debian `espeak-ng`, which CI installs), and what
//! leser does when espeak-ng is not there: `say` exits 1 naming the package, the reader says
//! so once and goes on.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn leser(args: &[&str], path_env: Option<&str>) -> Output {
    let dir = tempfile::tempdir().expect("a temp dir");
    let mut command = Command::new(env!("CARGO_BIN_EXE_leser"));
    command
        .args(args)
        .env("LESER_DATA_DIR", dir.path())
        .env("LESER_CACHE_DIR", dir.path())
        .env("LESER_CONFIG", dir.path().join("config.toml"));
    if let Some(path) = path_env {
        command.env("PATH", path);
    }
    command.output().expect("leser runs")
}

/// Whether espeak-ng is installed; without it these tests are skipped, except on CI.
fn espeak_installed() -> bool {
    let found = leser::speech::Espeak::find(None).is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "espeak-ng is missing on CI: .ci/run installs it"
        );
        eprintln!("skipped: espeak-ng is not installed");
    }
    found
}

#[test]
fn say_writes_a_wav_of_the_word() {
    if !espeak_installed() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let wav = dir.path().join("out.wav");
    let out = leser(&["say", "Bündnis", "--wav", wav.to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reader = hound::WavReader::open(&wav).expect("a WAV file hound reads");
    let spec = reader.spec();
    let seconds = f64::from(reader.duration()) / f64::from(spec.sample_rate);
    assert!(seconds > 0.2, "{seconds} s");
    assert!(seconds < 5.0, "{seconds} s");
    let samples: Vec<i16> = reader
        .into_samples::<i16>()
        .collect::<Result<_, _>>()
        .expect("every sample reads");
    assert!(
        samples.iter().any(|s| s.unsigned_abs() > 1000),
        "not silence"
    );
}

#[test]
fn say_ipa_prints_the_stressed_syllable_first() {
    if !espeak_installed() {
        return;
    }
    // espeak-ng 1.51 (Debian 12) prints bˈyndnɪs; leser moves the mark to the syllable start.
    let out = leser(&["say", "--ipa", "Bündnis"], None);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), "ˈbyndnɪs\n");
    let out = leser(&["say", "--ipa", "zur", "Kenntnis", "nehmen"], None);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "tsuːɾ ˈkɛntnɪs ˈneːmən\n"
    );
}

#[test]
fn without_espeak_say_exits_1_naming_the_package() {
    let empty = tempfile::tempdir().unwrap();
    let path = empty.path().to_str().unwrap();
    for args in [
        &["say", "Bündnis"][..],
        &["say", "--ipa", "Bündnis"],
        &["say", "Bündnis", "--wav", "x.wav"],
    ] {
        let out = leser(args, Some(path));
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("Debian package espeak-ng"), "{err}");
        assert!(!Path::new("x.wav").exists());
    }
}

#[test]
fn the_reader_without_espeak_says_so_once_and_reads_on() {
    use common::Reader;
    let data = tempfile::tempdir().unwrap();
    let empty = tempfile::tempdir().unwrap();
    let mut reader = Reader::start_with_env(
        data.path(),
        &common::warm_cache_dir(),
        &[],
        &[("PATH", empty.path().to_str().unwrap())],
    );
    reader.wait_for("the notice", |r| {
        r.status_bar().contains("espeak-ng is not installed")
    });
    // Reading goes on: a key moves on and the notice goes; p says why it is silent.
    reader.send("w");
    reader.wait_for("the notice to go", |r| {
        !r.status_bar().contains("espeak-ng")
    });
    reader.send("p");
    reader.wait_for("p to explain", |r| {
        r.status_bar().contains("espeak-ng is not installed")
    });
    reader.send("/Rates\r");
    reader.wait_for("the card, without IPA", |r| {
        let side = r.side_pane();
        side.contains("NATO-Russia") && !side.contains('ˈ')
    });
    reader.quit();
}

#[test]
fn the_card_shows_the_headword_s_ipa_and_the_form_s() {
    use common::Reader;
    if !espeak_installed() {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    let mut reader = Reader::start(data.path());
    reader.wait_for_text("Lawrow");
    reader.send("/Bündnisses\r");
    // das Bündnis /ˈbyndnɪs/ · Bündnisses /ˈbyndnɪsəs/
    reader.wait_for("the IPA of Bündnis and Bündnisses", |r| {
        let side = r.side_pane();
        side.contains("/ˈbyndnɪs/") && side.contains("Bündnisses/ˈbyndnɪsəs/")
    });
    reader.quit();
}
