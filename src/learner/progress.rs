//! Reading over the days: for each day, the running words read, the new words met and the
//! words marked known. Kept in the store's journal like statuses (see [`super::Store`]).

use serde::{Deserialize, Serialize};

/// One day's reading.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Day {
    /// Days since 1970-01-01 (UTC).
    pub day: i64,
    /// Running words read (the reading position moved past them).
    pub words_read: u64,
    /// Words met for the first time (no status yet, read past).
    pub new_met: u64,
    /// Words and terms marked known.
    pub marked_known: u64,
}

/// The days with reading, oldest first, and the number of known terms now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Progress {
    pub days: Vec<Day>,
    /// Terms known now (the chart of known words counts back from here).
    pub known_now: u64,
}

impl Progress {
    /// The last `n` days up to `today`, one entry a day (zero where nothing was read).
    pub fn last_days(&self, today: i64, n: usize) -> Vec<Day> {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        (today - n + 1..=today)
            .map(|d| {
                self.days
                    .iter()
                    .find(|x| x.day == d)
                    .copied()
                    .unwrap_or(Day {
                        day: d,
                        ..Day::default()
                    })
            })
            .collect()
    }

    /// Known terms at the end of each of the last `n` days: today's count, less what was
    /// marked known on the days after.
    pub fn known_by_day(&self, today: i64, n: usize) -> Vec<(i64, u64)> {
        let days = self.last_days(today, n);
        let mut known = self.known_now;
        let mut out = Vec::with_capacity(days.len());
        for d in days.iter().rev() {
            out.push((d.day, known));
            known = known.saturating_sub(d.marked_known);
        }
        out.reverse();
        out
    }

    pub fn total_words_read(&self) -> u64 {
        self.days.iter().map(|d| d.words_read).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_count_back_from_today() {
        let p = Progress {
            days: vec![
                Day {
                    day: 10,
                    words_read: 500,
                    new_met: 40,
                    marked_known: 5,
                },
                Day {
                    day: 12,
                    words_read: 300,
                    new_met: 10,
                    marked_known: 20,
                },
            ],
            known_now: 100,
        };
        assert_eq!(p.known_by_day(12, 3), [(10, 80), (11, 80), (12, 100)]);
        assert_eq!(p.last_days(12, 3)[1].words_read, 0);
        assert_eq!(p.total_words_read(), 800);
    }
}
