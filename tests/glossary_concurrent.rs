//! Two processes saving entries to one glossary at the same moment both keep their entries.
//!
//! The test runs this test binary twice more as savers (selected by an environment variable).
//! Each saver says it is ready, waits for a line on its stdin, and then adds its entries as
//! fast as it can; the test sends that line to both at once: a barrier across processes.

use leser::glossary::save::add_entry;
use leser::glossary::{Entry, Glossary, Pos};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

const SAVER_ENV: &str = "LESER_TEST_GLOSSARY_SAVER";
const ENTRIES_EACH: usize = 25;

/// The saver: runs only when the test below starts this binary with the environment variable
/// (`name:glossary path`); otherwise it returns at once.
#[test]
fn saver_process() {
    let Ok(job) = std::env::var(SAVER_ENV) else {
        return;
    };
    let (name, path) = job.split_once(':').expect("name:path");
    println!("ready");
    std::io::stdout().flush().expect("stdout");
    let mut go = String::new();
    std::io::stdin().read_line(&mut go).expect("the go line");
    for i in 0..ENTRIES_EACH {
        let entry = Entry {
            de: format!("{name}wort{i}"),
            en: vec![format!("word {i} of {name}")],
            pos: Some(Pos::Noun),
            ..Entry::default()
        };
        add_entry(Path::new(path), &entry).expect("saved");
    }
}

fn start_saver(name: &str, glossary: &Path) -> Child {
    Command::new(std::env::current_exe().expect("this test binary"))
        .args([
            "saver_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(SAVER_ENV, format!("{name}:{}", glossary.display()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start a saver")
}

/// Reads the saver's output up to its `ready` (the test harness may print before it on the line).
fn wait_ready(child: &mut Child) -> BufReader<std::process::ChildStdout> {
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    loop {
        line.clear();
        assert!(
            out.read_line(&mut line).expect("saver output") > 0,
            "the saver ended before it was ready"
        );
        if line.trim_end().ends_with("ready") {
            return out;
        }
    }
}

#[test]
fn two_processes_saving_at_once_keep_every_entry() {
    let dir = tempfile::tempdir().expect("temp dir");
    let glossary: PathBuf = dir.path().join("glossary.toml");
    std::fs::write(
        &glossary,
        "# mine\n[[term]]\nde = \"Diplomat\"\nen = \"diplomat\"\npos = \"noun\"\n",
    )
    .expect("glossary");
    let mut savers = [start_saver("a", &glossary), start_saver("b", &glossary)];
    let _outputs: Vec<_> = savers.iter_mut().map(wait_ready).collect();
    // Both are waiting: release them together.
    let mut inputs: Vec<_> = savers
        .iter_mut()
        .map(|c| c.stdin.take().expect("stdin"))
        .collect();
    for input in &mut inputs {
        input.write_all(b"go\n").expect("go");
    }
    for input in &mut inputs {
        input.flush().expect("go");
    }
    for saver in &mut savers {
        assert!(saver.wait().expect("saver exit").success());
    }

    let loaded = Glossary::load(&glossary).expect("the glossary loads");
    let mut headwords: Vec<&str> = loaded.entries.iter().map(|e| e.de.as_str()).collect();
    headwords.sort_unstable();
    let mut expected = vec!["Diplomat".to_string()];
    for name in ["a", "b"] {
        expected.extend((0..ENTRIES_EACH).map(|i| format!("{name}wort{i}")));
    }
    expected.sort_unstable();
    assert_eq!(headwords, expected);
    let text = std::fs::read_to_string(&glossary).expect("glossary");
    assert!(text.starts_with("# mine\n"), "the comment is kept");
}
