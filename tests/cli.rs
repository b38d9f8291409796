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
    assert_eq!(
        err,
        "leser: /nonexistent/text.txt: cannot read the text: No such file or directory (os error 2)\n"
    );
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

/// A config file in `dir` that names the Ding fixture as a dictionary.
fn fixture_dictionary_config(dir: &Path) -> std::path::PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dict/ding-de-en.txt");
    let config = dir.join("config.toml");
    std::fs::write(
        &config,
        format!("dictionaries = [{:?}]\n", fixture.display().to_string()),
    )
    .expect("the temp dir is writable");
    config
}

#[test]
fn annotate_dict_answers_function_words_from_the_core_lexicon_first() {
    let dir = tempfile::tempdir().unwrap();
    let config = fixture_dictionary_config(dir.path());
    let text = dir.path().join("t.txt");
    std::fs::write(
        &text,
        "Das war einer der besten Tage. Im Haus ist es warm.\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(["annotate", "--dict", "--format", "jsonl"])
        .arg(&text)
        .env("LESER_CONFIG", &config)
        .env("LESER_CACHE_DIR", dir.path().join("cache"))
        .env("LESER_NO_SYSTEM_DICTIONARIES", "1")
        .output()
        .expect("leser runs");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let of = |word: &str| {
        records
            .iter()
            .find(|r| r["text"] == word)
            .unwrap_or_else(|| panic!("{word} is answered: {records:?}"))
    };
    assert_eq!(of("einer")["term"], "ein");
    assert_eq!(of("einer")["pos"], "art");
    assert_eq!(of("Im")["term"], "im");
    assert_eq!(of("Im")["form"], "in + dem");
    assert_eq!(of("war")["term"], "sein");
}

#[test]
fn config_names_extra_dictionaries_and_a_broken_one_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = fixture_dictionary_config(dir.path());
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

/// `leser` with no dictionary but those in `config` (none when it does not exist).
fn leser_without_system_dictionaries(args: &[&str], dir: &Path, config: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(args)
        .env("LESER_NO_SYSTEM_DICTIONARIES", "1")
        .env("LESER_CONFIG", config)
        .env("LESER_CACHE_DIR", dir.join("cache"))
        .env("LESER_DATA_DIR", dir.join("data"))
        .output()
        .expect("leser runs")
}

#[test]
fn lookup_answers_function_words_from_the_core_lexicon_without_a_dictionary() {
    let dir = tempfile::tempdir().unwrap();
    let no_config = dir.path().join("none.toml");
    let out = leser_without_system_dictionaries(&["lookup", "dem"], dir.path(), &no_config);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        text.lines().next(),
        Some("dem: dative singular of der (masculine or neuter): the, to the"),
        "{text}"
    );
    assert!(text.contains("[core lexicon]"), "{text}");
    // Stderr says why only the core lexicon answered, in one line.
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("no dictionary found"), "{err}");

    let out = leser_without_system_dictionaries(
        &["lookup", "--format", "json", "im"],
        dir.path(),
        &no_config,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["found"], true);
    assert_eq!(v["answers"][0]["how"], "in + dem");
    assert_eq!(v["answers"][0]["lemma"], "im");
    assert_eq!(v["answers"][0]["dictionary"], "core lexicon");
    assert_eq!(v["answers"][0]["senses"][0]["text"], "in the");

    // A content word needs a dictionary: the one-line error, exit 2.
    let out = leser_without_system_dictionaries(&["lookup", "Haus"], dir.path(), &no_config);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
}

#[test]
fn lookup_puts_the_core_answer_before_the_dictionary_s() {
    let dir = tempfile::tempdir().unwrap();
    let config = fixture_dictionary_config(dir.path());
    let out = leser_without_system_dictionaries(&["lookup", "Die"], dir.path(), &config);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "Die: nominative or accusative singular of der (feminine): the",
        "{text}"
    );
    assert_eq!(
        lines[1],
        "Die: nominative or accusative plural of der (all genders): the"
    );
    let core_at = text
        .find("[core lexicon]")
        .expect("the core lexicon's name");
    if let Some(ding_at) = text.find("[Ding ding-de-en.txt]") {
        assert!(core_at < ding_at, "{text}");
    }
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

/// A glossary whose values hold terminal escape sequences: a window title (OSC ... BEL) and a
/// colour (CSI ... m).
const HOSTILE_GLOSSARY: &str = "[[term]]\nde = \"Haus\\u001b]0;pwned\\u0007\"\nen = \"house\"\npos = \"noun\"\n\n[[term]]\nde = \"Rot\\u001b[31m\"\nen = \"red\"\nforms = [\"Diplomaten\"]\n";

#[test]
fn check_never_prints_escape_sequences_from_a_glossary() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.toml");
    std::fs::write(&g, HOSTILE_GLOSSARY).unwrap();
    let text = dir.path().join("t.txt");
    std::fs::write(&text, "Nichts davon steht hier.\n").unwrap();
    let out = leser(&[
        "check",
        "--glossary",
        g.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert!(
        stdout.contains("`Haus\\u{1b}]0;pwned\\u{7}` never links"),
        "{stdout}"
    );

    // An error message quoting a value.
    std::fs::write(
        &g,
        "[[term]]\nde = \"Haus\"\nen = \"house\"\npos = \"noun\\u001b[41m\"\n",
    )
    .unwrap();
    let out = leser(&["check", "--glossary", g.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(
        stdout.contains("unknown `pos` value \"noun\\u{1b}[41m\""),
        "{stdout}"
    );
    let out = leser(&["annotate", "--glossary", g.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(!stderr(&out).contains('\u{1b}'), "{:?}", stderr(&out));
}

#[test]
fn annotate_text_and_errors_quote_names_safely() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.toml");
    std::fs::write(&g, HOSTILE_GLOSSARY).unwrap();
    let out = leser(&["annotate", "--glossary", g.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\tRot\\u{1b}[31m"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");

    let missing = dir.path().join("ti\u{1b}]0;x\u{7}tle.txt");
    let out = leser(&["annotate", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        !err.contains('\u{1b}') && err.contains("ti\\u{1b}]0;x\\u{7}tle.txt"),
        "{err:?}"
    );
}

/// Spans stay offsets into the file as read when leser reads something else: the lines of a
/// CRLF file, the rendered text of Markdown.
#[test]
fn annotate_spans_point_into_crlf_and_markdown_files() {
    let dir = tempfile::tempdir().unwrap();
    let crlf = dir.path().join("rat.txt");
    std::fs::write(
        &crlf,
        "Der Rat tagte.\r\nDann kündigte er\r\nseinen Rücktritt an.\r\n",
    )
    .unwrap();
    let md = dir.path().join("rat.md");
    std::fs::write(
        &md,
        "# Der *Rat*\r\n\r\nEr [kündigte](https://x.org/rat) seinen **Rücktritt** an.\r\n",
    )
    .unwrap();
    for path in [&crlf, &md] {
        let file = std::fs::read_to_string(path).unwrap();
        let out = leser(&["annotate", path.to_str().unwrap(), "--format", "jsonl"]);
        assert!(out.status.success(), "{}", stderr(&out));
        let stdout = String::from_utf8(out.stdout).unwrap();
        let mut terms = Vec::new();
        for line in stdout.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let spans = v["spans"].as_array().unwrap();
            let parts: Vec<&str> = spans
                .iter()
                .map(|s| &file[s[0].as_u64().unwrap() as usize..s[1].as_u64().unwrap() as usize])
                .collect();
            let start = spans[0][0].as_u64().unwrap() as usize;
            assert_eq!(
                v["line"].as_u64().unwrap() as usize,
                file[..start].matches('\n').count() + 1,
                "{line}"
            );
            terms.push((v["term"].as_str().unwrap().to_string(), parts.join(" ")));
        }
        assert!(
            terms.contains(&("Rat".to_string(), "Rat".to_string())),
            "{}: {terms:?}",
            path.display()
        );
        assert!(
            terms.contains(&("ankündigen".to_string(), "kündigte an".to_string())),
            "{}: {terms:?}",
            path.display()
        );
    }
}

#[test]
fn annotate_links_a_web_page_s_text_not_its_markup() {
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("g.toml");
    std::fs::write(
        &glossary,
        "[[term]]\nde = \"alt\"\nen = \"old\"\npos = \"adj\"\n\n\
         [[term]]\nde = \"Tipp\"\nen = \"tip\"\npos = \"noun\"\ngender = \"m\"\n\n\
         [[term]]\nde = \"lesen\"\nen = \"to read\"\npos = \"verb\"\n\n\
         [[term]]\nde = \"Rat\"\nen = \"council\"\npos = \"noun\"\ngender = \"m\"\n",
    )
    .unwrap();
    // debian-reference: an admonition's image, a title attribute, code, a paragraph per block.
    let page = dir.path().join("ch01.de.html");
    std::fs::write(
        &page,
        "<html><head><title>Tipp</title></head><body>\n\
         <div class=\"tip\" title=\"Tipp\"><img alt=\"[Tipp]\" src=\"tip.png\">\n\
         <p>Ein <em>alter</em> Rat.</p><p>Lesen Sie <code>man alt</code> dazu\n\
         noch einmal.</p></div></body></html>\n",
    )
    .unwrap();
    let file = std::fs::read_to_string(&page).unwrap();
    let out = leser(&[
        "annotate",
        page.to_str().unwrap(),
        "--format",
        "jsonl",
        "--glossary",
        glossary.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut links = Vec::new();
    for line in String::from_utf8(out.stdout).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let s = &v["spans"][0];
        let start = s[0].as_u64().unwrap() as usize;
        let end = s[1].as_u64().unwrap() as usize;
        assert_eq!(v["text"].as_str().unwrap(), &file[start..end], "{line}");
        assert_eq!(
            v["line"].as_u64().unwrap() as usize,
            file[..start].matches('\n').count() + 1,
            "{line}"
        );
        links.push(format!(
            "{} {}",
            &file[start..end],
            v["term"].as_str().unwrap()
        ));
    }
    // The words of the text link; nothing in a tag, the head or code does.
    assert_eq!(links, ["alter alt", "Rat Rat", "Lesen lesen"]);
}

#[test]
fn utf16_and_damaged_utf8_texts_open_with_a_notice() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Der Diplomat sprach mit dem Außenminister über die Bemühungen.\n";
    let utf16 = dir.path().join("u16.txt");
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(&utf16, bytes).unwrap();
    let out = leser(&["annotate", utf16.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Diplomat"));
    assert!(
        stderr(&out).contains("read as UTF-16LE"),
        "{}",
        stderr(&out)
    );

    let damaged = dir.path().join("bad.txt");
    let mut bytes = text.as_bytes().to_vec();
    bytes.insert(4, 0xff);
    std::fs::write(&damaged, bytes).unwrap();
    let out = leser(&["annotate", damaged.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    // Read as Windows-1252, the word would be `BemÃ¼hungen` and link to nothing.
    assert!(stdout.contains("Bemühungen\tBemühung"), "{stdout}");
    assert!(
        stderr(&out).contains("1 bad byte sequence replaced"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_missing_word_or_subcommand_is_named() {
    let out = leser(&["lookup"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "leser: missing <WORD>... (usage: leser lookup <WORD>...)\n"
    );
    let out = leser(&["export"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("leser: `leser export` needs one of: anki"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn export_anki_out_dash_writes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_leser"))
        .args(["export", "anki", "--all", "--out", "-"])
        .env("LESER_DATA_DIR", dir.path())
        .current_dir(dir.path())
        .output()
        .expect("leser runs");
    assert!(out.status.success(), "{}", stderr(&out));
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(tsv.starts_with("#separator:tab"), "{tsv}");
    assert!(tsv.lines().count() > 10, "{tsv}");
    assert!(!dir.path().join("-").exists(), "no file named -");
}

#[test]
fn check_shows_warnings_with_errors_and_checks_the_data_dir() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("glossary.toml"),
        "[[term]]\nde = \"Haus\"\nen = \"house\"\ncolour = \"x\"\n\n[[term]]\nde = \"Rat\"\npos = \"nom\"\nen = \"c\"\n",
    )
    .unwrap();
    let out = leser(&["check", "--data-dir", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert!(lines[0].ends_with("glossary.toml:4:1: unknown key `colour` (ignored) (warning)"));
    assert!(lines[1].contains("glossary.toml:8:7: unknown `pos` value \"nom\""));
    assert!(
        lines[2].ends_with("glossary.toml: 1 error(s), 1 warning(s)"),
        "{stdout}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = leser(&["check", "--data-dir", empty.path().to_str().unwrap()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no glossary of your own yet"));
}
