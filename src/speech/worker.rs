//! The reader's speech and IPA, each on a thread of its own, so that a key never waits for
//! espeak-ng: the caller sends an order and reads the results when it polls.

use super::{Espeak, IpaCache, check_played};
use std::io::Read;
use std::path::PathBuf;
use std::process::{Child, Output};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// How often the speaking thread looks whether espeak-ng has finished.
const REAP_POLL: Duration = Duration::from_millis(40);

/// How a text that was to be spoken ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpeechEvent {
    /// Spoken, or stopped.
    Ended,
    /// Not spoken: espeak-ng is missing, failed, or found no sound device.
    Failed(String),
}

enum Order {
    Say(String),
    Stop,
}

/// Speaks one text at a time: a new text, or [`Speaker::stop`], kills the espeak-ng that is
/// speaking. Every text said ends in exactly one [`SpeechEvent`].
#[derive(Debug)]
pub struct Speaker {
    orders: Option<Sender<Order>>,
    events: Receiver<SpeechEvent>,
    thread: Option<JoinHandle<()>>,
    /// Texts said whose end has not been polled yet.
    outstanding: usize,
}

impl Speaker {
    pub fn spawn(espeak: Espeak) -> Speaker {
        let (orders, order_rx) = mpsc::channel();
        let (event_tx, events) = mpsc::channel();
        let thread = std::thread::spawn(move || speak_loop(&espeak, &order_rx, &event_tx));
        Speaker {
            orders: Some(orders),
            events,
            thread: Some(thread),
            outstanding: 0,
        }
    }

    /// Starts speaking `text`, stopping what is being spoken. Returns at once.
    pub fn say(&mut self, text: &str) {
        if self.send(Order::Say(text.to_string())) {
            self.outstanding += 1;
        }
    }

    /// Stops what is being spoken.
    pub fn stop(&mut self) {
        self.send(Order::Stop);
    }

    fn send(&self, order: Order) -> bool {
        self.orders.as_ref().is_some_and(|o| o.send(order).is_ok())
    }

    /// Whether a text is being spoken (its end not yet polled).
    pub fn busy(&self) -> bool {
        self.outstanding > 0
    }

    /// How the texts said since the last call ended.
    pub fn poll(&mut self) -> Vec<SpeechEvent> {
        let mut out = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(event) => {
                    self.outstanding = self.outstanding.saturating_sub(1);
                    out.push(event);
                }
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    // The thread is gone: nothing more will end.
                    for _ in 0..std::mem::take(&mut self.outstanding) {
                        out.push(SpeechEvent::Failed("speech stopped working".to_string()));
                    }
                    return out;
                }
            }
        }
    }
}

impl Drop for Speaker {
    /// Silences espeak-ng before the reader goes.
    fn drop(&mut self) {
        self.stop();
        self.orders = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn speak_loop(espeak: &Espeak, orders: &Receiver<Order>, events: &Sender<SpeechEvent>) {
    let mut speaking: Option<Child> = None;
    loop {
        let order = if speaking.is_some() {
            match orders.recv_timeout(REAP_POLL) {
                Ok(order) => Some(order),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => {
                    silence(&mut speaking, events);
                    return;
                }
            }
        } else {
            match orders.recv() {
                Ok(order) => Some(order),
                Err(_) => return,
            }
        };
        // Orders that came in a burst (a key held down): only the last counts.
        let order = order.map(|first| latest(first, orders, events));
        match order {
            Some(Order::Say(text)) => {
                silence(&mut speaking, events);
                match espeak.speak(&text) {
                    Ok(child) => speaking = Some(child),
                    Err(e) => {
                        let _ = events.send(SpeechEvent::Failed(e.to_string()));
                    }
                }
            }
            Some(Order::Stop) => silence(&mut speaking, events),
            None => reap(&mut speaking, events),
        }
    }
}

/// The last of the orders waiting, starting with `first`; every text passed over ends
/// unspoken.
fn latest(first: Order, orders: &Receiver<Order>, events: &Sender<SpeechEvent>) -> Order {
    let mut order = first;
    while let Ok(next) = orders.try_recv() {
        if matches!(order, Order::Say(_)) {
            let _ = events.send(SpeechEvent::Ended);
        }
        order = next;
    }
    order
}

/// Kills the espeak-ng that is speaking, if any.
fn silence(speaking: &mut Option<Child>, events: &Sender<SpeechEvent>) {
    if let Some(mut child) = speaking.take() {
        let _ = child.kill();
        let _ = child.wait();
        let _ = events.send(SpeechEvent::Ended);
    }
}

/// The IPA of texts: what the cache lacks comes from espeak-ng, run without holding the
/// cache, and is kept. A failure costs a card its IPA, nothing more.
fn resolve(espeak: &Espeak, cache: &Mutex<IpaCache>, texts: &[String]) -> Vec<Option<String>> {
    let missing = match cache.lock() {
        Ok(cache) => cache.missing(texts),
        Err(_) => return vec![None; texts.len()],
    };
    let found: Vec<(String, String)> = if missing.is_empty() {
        Vec::new()
    } else {
        match espeak.ipa_many(&missing) {
            Ok(ipa) => missing
                .into_iter()
                .zip(ipa)
                .filter(|(_, ipa)| !ipa.is_empty())
                .collect(),
            Err(_) => Vec::new(),
        }
    };
    let Ok(mut cache) = cache.lock() else {
        return vec![None; texts.len()];
    };
    // A cache file that cannot be written still answers from memory.
    let _ = cache.insert_all(&found);
    texts
        .iter()
        .map(|t| cache.get(t).map(str::to_string))
        .collect()
}

/// Reports the end of an espeak-ng that finished by itself.
fn reap(speaking: &mut Option<Child>, events: &Sender<SpeechEvent>) {
    let Some(child) = speaking.as_mut() else {
        return;
    };
    let Ok(Some(status)) = child.try_wait() else {
        return;
    };
    let mut stderr = Vec::new();
    if let Some(mut pipe) = child.stderr.take() {
        let _ = pipe.read_to_end(&mut stderr);
    }
    *speaking = None;
    let output = Output {
        status,
        stdout: Vec::new(),
        stderr,
    };
    let event = match check_played(&output) {
        Ok(()) => SpeechEvent::Ended,
        Err(e) => SpeechEvent::Failed(e.to_string()),
    };
    let _ = events.send(event);
}

/// Works out IPA in the background, from the cache file or from espeak-ng. What the cache
/// already has is answered at once, without the round trip through the thread.
#[derive(Debug)]
pub struct IpaWorker {
    requests: Sender<Vec<String>>,
    results: Receiver<Vec<(String, Option<String>)>>,
    /// Shared with the thread, which holds it only to look up and to keep, never while
    /// espeak-ng runs.
    cache: Arc<Mutex<IpaCache>>,
    outstanding: usize,
}

impl IpaWorker {
    /// Starts the thread; it opens the cache in `cache_dir` (in memory only when `None`).
    pub fn spawn(espeak: Espeak, cache_dir: Option<PathBuf>) -> IpaWorker {
        let (requests, request_rx) = mpsc::channel::<Vec<String>>();
        let (result_tx, results) = mpsc::channel();
        let cache = Arc::new(Mutex::new(IpaCache::in_memory()));
        let shared = Arc::clone(&cache);
        std::thread::spawn(move || {
            if let (Some(dir), Ok(version)) = (&cache_dir, espeak.version()) {
                let opened = IpaCache::open(dir, &version);
                if let Ok(mut cache) = shared.lock() {
                    *cache = opened;
                }
            }
            while let Ok(mut texts) = request_rx.recv() {
                // Requests that came in a burst (the selection moving on) share one run; each
                // request still gets one answer, the merged ones an empty one.
                let mut merged = 0;
                while let Ok(more) = request_rx.try_recv() {
                    texts.extend(more);
                    merged += 1;
                }
                let ipa = resolve(&espeak, &shared, &texts);
                let answers = std::iter::repeat_with(Vec::new)
                    .take(merged)
                    .chain(std::iter::once(texts.into_iter().zip(ipa).collect()));
                for answer in answers {
                    if result_tx.send(answer).is_err() {
                        return;
                    }
                }
            }
        });
        IpaWorker {
            requests,
            results,
            cache,
            outstanding: 0,
        }
    }

    /// The IPA of these texts when the cache has all of them (and is not being written just
    /// then); never waits.
    pub fn cached(&self, texts: &[String]) -> Option<Vec<(String, Option<String>)>> {
        let cache = self.cache.try_lock().ok()?;
        texts
            .iter()
            .map(|t| Some((t.clone(), Some(cache.get(t)?.to_string()))))
            .collect()
    }

    /// Asks for the IPA of these texts; the answer comes through [`IpaWorker::poll`].
    pub fn request(&mut self, texts: Vec<String>) {
        if self.requests.send(texts).is_ok() {
            self.outstanding += 1;
        }
    }

    /// Whether an answer is still to come.
    pub fn busy(&self) -> bool {
        self.outstanding > 0
    }

    /// The answers that arrived since the last call: each text with its IPA, or `None`.
    pub fn poll(&mut self) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        loop {
            match self.results.try_recv() {
                Ok(batch) => {
                    self.outstanding = self.outstanding.saturating_sub(1);
                    out.extend(batch);
                }
                Err(TryRecvError::Empty) => return out,
                Err(TryRecvError::Disconnected) => {
                    self.outstanding = 0;
                    return out;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::time::Instant;

    /// A stand-in for espeak-ng: logs `pid text` for each text it is asked to speak and then
    /// speaks for half a minute (sleeps); `--version` and `--ipa` answer like espeak-ng.
    fn fake_espeak(dir: &Path) -> Espeak {
        use std::os::unix::fs::PermissionsExt;
        let log = dir.join("spoken.log");
        let script = format!(
            "#!/bin/sh\n\
             case \"$*\" in\n\
             *--version*) echo 'fake espeak 1'; exit 0 ;;\n\
             *--ipa*) while read -r line; do echo \"ˈ$line\"; done; exit 0 ;;\n\
             esac\n\
             read -r text\n\
             case \"$text\" in\n\
             *mute*) echo 'error: no sound device' >&2; exit 0 ;;\n\
             esac\n\
             echo \"$$ $text\" >> '{}'\n\
             exec sleep 30\n",
            log.display()
        );
        let path = dir.join("espeak-ng");
        std::fs::write(&path, script).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        Espeak::with_program(path, Some(150))
    }

    /// Waits (with a deadline) until the log has a line for `text`; returns its pid.
    fn spoken_pid(dir: &Path, text: &str) -> u32 {
        let start = Instant::now();
        loop {
            let log = std::fs::read_to_string(dir.join("spoken.log")).unwrap_or_default();
            if let Some(line) = log.lines().find(|l| l.ends_with(&format!(" {text}"))) {
                return line.split(' ').next().unwrap().parse().unwrap();
            }
            assert!(start.elapsed().as_secs() < 10, "{text} was never spoken");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn running(pid: u32) -> bool {
        Path::new(&format!("/proc/{pid}")).exists()
    }

    /// Polls until `n` texts have ended.
    fn events(speaker: &mut Speaker, n: usize) -> Vec<SpeechEvent> {
        let start = Instant::now();
        let mut out = Vec::new();
        while out.len() < n {
            out.extend(speaker.poll());
            assert!(start.elapsed().as_secs() < 10, "only {out:?} ended");
            std::thread::sleep(Duration::from_millis(10));
        }
        out
    }

    #[test]
    fn a_new_text_stops_the_one_being_spoken_and_stop_stops_it_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut speaker = Speaker::spawn(fake_espeak(dir.path()));
        speaker.say("der Diplomat");
        assert!(speaker.busy());
        let first = spoken_pid(dir.path(), "der Diplomat");
        assert!(running(first));
        speaker.say("ankündigen");
        let second = spoken_pid(dir.path(), "ankündigen");
        assert!(!running(first), "the first espeak-ng was killed");
        assert!(running(second));
        speaker.stop();
        assert_eq!(
            events(&mut speaker, 2),
            [SpeechEvent::Ended, SpeechEvent::Ended]
        );
        assert!(!running(second));
        assert!(!speaker.busy());
    }

    #[test]
    fn a_burst_of_texts_speaks_only_the_last() {
        let dir = tempfile::tempdir().unwrap();
        let mut speaker = Speaker::spawn(fake_espeak(dir.path()));
        for i in 0..200 {
            speaker.say(&format!("Wort{i}"));
        }
        let last = spoken_pid(dir.path(), "Wort199");
        speaker.stop();
        assert_eq!(events(&mut speaker, 200).len(), 200);
        assert!(!speaker.busy());
        let log = std::fs::read_to_string(dir.path().join("spoken.log")).unwrap();
        assert!(log.lines().count() < 20, "{log}");
        assert!(!running(last));
    }

    #[test]
    fn dropping_the_speaker_silences_it() {
        let dir = tempfile::tempdir().unwrap();
        let mut speaker = Speaker::spawn(fake_espeak(dir.path()));
        speaker.say("Bündnis");
        let pid = spoken_pid(dir.path(), "Bündnis");
        drop(speaker);
        assert!(!running(pid));
    }

    #[test]
    fn a_sound_that_cannot_play_is_a_failure() {
        let dir = tempfile::tempdir().unwrap();
        let mut speaker = Speaker::spawn(fake_espeak(dir.path()));
        speaker.say("mute");
        let [SpeechEvent::Failed(why)] = &events(&mut speaker, 1)[..] else {
            panic!("not one failure");
        };
        assert!(why.contains("no sound device"), "{why}");
    }

    #[test]
    fn ipa_comes_from_espeak_and_is_kept_in_the_cache_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut worker = IpaWorker::spawn(fake_espeak(dir.path()), Some(dir.path().into()));
        worker.request(vec!["Rat".into(), "Bündnis".into()]);
        let start = Instant::now();
        let mut got = Vec::new();
        while worker.busy() {
            got.extend(worker.poll());
            assert!(start.elapsed().as_secs() < 10, "no IPA");
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(
            got,
            [
                ("Rat".to_string(), Some("ˈRat".to_string())),
                ("Bündnis".to_string(), Some("ˈBündnis".to_string()))
            ]
        );
        let cache = IpaCache::open(dir.path(), "fake espeak 1");
        assert_eq!(cache.get("Bündnis"), Some("ˈBündnis"));
        // Now the worker answers from its cache at once; what it lacks it does not.
        assert_eq!(
            worker.cached(&["Rat".to_string()]),
            Some(vec![("Rat".to_string(), Some("ˈRat".to_string()))])
        );
        assert_eq!(
            worker.cached(&["Rat".to_string(), "Rates".to_string()]),
            None
        );
    }

    #[test]
    fn a_burst_of_requests_is_answered_whole() {
        let dir = tempfile::tempdir().unwrap();
        let mut worker = IpaWorker::spawn(fake_espeak(dir.path()), None);
        for i in 0..50 {
            worker.request(vec![format!("Wort{i}")]);
        }
        let start = Instant::now();
        let mut got = Vec::new();
        while worker.busy() {
            got.extend(worker.poll());
            assert!(start.elapsed().as_secs() < 10, "{} answers", got.len());
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(got.len(), 50);
        assert!(
            got.iter()
                .all(|(w, ipa)| ipa.as_deref() == Some(&format!("ˈ{w}")))
        );
    }
}
