//! The command-line contract: annotate's JSON lines, check, exit codes and one-line errors.

use std::path::Path;
use std::process::{Command, Output};

fn leser(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env(
            "LESER_DATA_DIR",
            std::env::temp_dir().join("leser-cli-test-data"),
        )
        .output()
        .expect("leser runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn annotate_jsonl_carries_gender_pos_and_undecided_homographs() {
    let dir = tempfile::tempdir().unwrap();
    let glossary =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/glossary/valid/homographs.toml");
    let text = dir.path().join("t.txt");
    std::fs::write(
        &text,
        "Die Kiefer wächst am Hang. Er hat sich den Kiefer gebrochen. Kiefer sind Bäume.\n",
    )
    .unwrap();
    let out = leser(&[
        "annotate",
        text.to_str().unwrap(),
        "--glossary",
        glossary.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kiefer: Vec<&serde_json::Value> = lines.iter().filter(|v| v["term"] == "Kiefer").collect();
    assert_eq!(kiefer.len(), 3, "{lines:?}");
    assert_eq!(kiefer[0]["gender"], "f");
    assert_eq!(kiefer[0]["pos"], "noun");
    assert!(kiefer[0].get("alternatives").is_none());
    assert_eq!(kiefer[1]["gender"], "m");
    // A bare plural: nothing says which.
    let alternatives = kiefer[2]["alternatives"].as_array().unwrap();
    assert_eq!(alternatives.len(), 1);
    assert_ne!(alternatives[0]["gender"], kiefer[2]["gender"]);
}

#[test]
fn annotate_jsonl_spans_point_into_the_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("texts/lawrow-nato.de.txt");
    let source = std::fs::read_to_string(&path).unwrap();
    let out = leser(&["annotate", path.to_str().unwrap(), "--format", "jsonl"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let mut last_start = 0;
    let mut split_verb = false;
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let term = v["term"].as_str().unwrap();
        let spans = v["spans"].as_array().unwrap();
        let start = spans[0][0].as_u64().unwrap() as usize;
        assert!(start >= last_start, "not in text order: {line}");
        last_start = start;
        let line_no = v["line"].as_u64().unwrap() as usize;
        assert_eq!(line_no, source[..start].matches('\n').count() + 1, "{line}");
        for s in spans {
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            assert!(a < b && b <= source.len());
            assert!(!source[a..b].trim().is_empty());
        }
        if term == "ankündigen" && spans.len() == 2 {
            let a = spans[0][0].as_u64().unwrap() as usize;
            let b = spans[1][0].as_u64().unwrap() as usize;
            assert_eq!(&source[a..a + "kündigte".len()], "kündigte");
            assert_eq!(&source[b..b + 2], "an");
            split_verb = true;
        }
    }
    assert!(
        split_verb,
        "kündigte … an is linked as one term with two spans"
    );
}

#[test]
fn annotate_defaults_to_the_bundled_article() {
    let out = leser(&["annotate"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("NATO-Russland-Rates\tNATO-Russland-Rat\tgenitive singular"),
        "{text}"
    );
}

#[test]
fn missing_text_is_one_line_and_exit_2() {
    let out = leser(&["annotate", "/nonexistent/text.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("/nonexistent/text.txt"), "{err}");
}

#[test]
fn unknown_flag_is_one_line_and_exit_2() {
    let out = leser(&["--frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("--frobnicate"), "{err}");
}

#[test]
fn broken_glossary_names_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.toml");
    std::fs::write(&g, "[[term]]\nde = \"Haus\"\nen = 5\n").unwrap();
    let out = leser(&["annotate", "--glossary", g.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("g.toml:3:"), "{err}");

    let out = leser(&["check", "--glossary", g.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("g.toml:3:"));
}

#[test]
fn binary_text_is_refused_with_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("x.bin");
    std::fs::write(&f, [0x7f, b'E', b'L', b'F', 0, 0, 0, 1, 2, 3]).unwrap();
    let out = leser(&["annotate", f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("binary"));
}

#[test]
fn check_reports_entries_that_never_link() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.toml");
    std::fs::write(
        &g,
        "[[term]]\nde = \"Haus\"\nen = \"house\"\npos = \"noun\"\ngender = \"n\"\nplural = \"Häuser\"\n\n[[term]]\nde = \"Baum\"\nen = \"tree\"\npos = \"noun\"\ngender = \"m\"\n",
    )
    .unwrap();
    let t = dir.path().join("t.txt");
    std::fs::write(&t, "Die Häuser sind alt.").unwrap();
    let out = leser(&[
        "check",
        "--glossary",
        g.to_str().unwrap(),
        t.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("`Baum` never links"), "{stdout}");
    assert!(!stdout.contains("`Haus` never links"), "{stdout}");
}

#[test]
fn bundled_glossary_checks_clean() {
    let out = leser(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

/// The Debian dictionaries, which `.ci/run` installs; elsewhere these tests skip with a note.
fn dictionaries_present() -> bool {
    let present = Path::new("/usr/share/trans/de-en").exists()
        && Path::new("/usr/share/dictd/freedict-deu-eng.index").exists();
    assert!(
        present || std::env::var_os("CI").is_none(),
        "CI must have trans-de-en and dict-freedict-deu-eng installed"
    );
    if !present {
        eprintln!("skipped: install trans-de-en and dict-freedict-deu-eng to run this test");
    }
    present
}

fn leser_with_cache(args: &[&str], cache: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env("LESER_CACHE_DIR", cache)
        .env("LESER_DATA_DIR", cache.join("data"))
        .output()
        .expect("leser runs")
}

#[test]
fn lookup_finds_an_inflected_form_and_exits_1_for_nothing() {
    if !dictionaries_present() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let out = leser_with_cache(&["lookup", "auszuweisen"], cache.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("ausweisen") && text.contains("expel"),
        "{text}"
    );

    let out = leser_with_cache(
        &["lookup", "--format", "json", "kündigte", "an"],
        cache.path(),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["found"], true);
    let lemmas: Vec<&str> = v["answers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["lemma"].as_str())
        .collect();
    assert!(lemmas.contains(&"ankündigen"), "{lemmas:?}");

    let out = leser_with_cache(&["lookup", "Xyqzzwörterbuchlos"], cache.path());
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn annotate_dict_marks_words_only_a_dictionary_knows() {
    if !dictionaries_present() {
        return;
    }
    let cache = tempfile::tempdir().unwrap();
    let out = leser_with_cache(&["annotate", "--dict", "--format", "jsonl"], cache.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ersatz = stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["text"] == "ersatzweise")
        .expect("ersatzweise has a dictionary answer");
    assert_eq!(ersatz["source"], "dictionary");
    assert!(stdout.lines().any(|l| l.contains("\"term\":\"ankündigen\"") && l.contains("\"source\":\"glossary\"")));
}

#[test]
fn config_names_extra_dictionaries_and_a_broken_one_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("dictionaries = [{:?}]\n", fixture.display().to_string()),
    )
    .unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_leser"))
            .args(args)
            .env("LESER_CONFIG", &config)
            .env("LESER_CACHE_DIR", dir.path().join("cache"))
            .output()
            .expect("leser runs")
    };
    let out = run(&["lookup", "Bündnisses"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("[Ding ding-de-en.txt]"));

    std::fs::write(&config, "dictionaries = 3\n").unwrap();
    let out = run(&["lookup", "Haus"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("config.toml:1:16:"), "{err}");
}
