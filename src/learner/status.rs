//! How well the learner knows a term: new, learning 1 to 4, known, or ignored.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A term's status. Terms the learner never marked are [`Status::New`]. Ordered as listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Status {
    #[default]
    New,
    /// Level 1 (just met) to 4 (nearly known).
    Learning(u8),
    Known,
    /// Names, numbers, words the learner does not want to study.
    Ignored,
}

impl Status {
    /// Learning levels run from 1 to this.
    pub const MAX_LEARNING: u8 = 4;

    /// `Learning(level)` for a level in 1..=4, else `None`.
    pub fn learning(level: u8) -> Option<Status> {
        (1..=Status::MAX_LEARNING)
            .contains(&level)
            .then_some(Status::Learning(level))
    }

    pub fn is_learning(self) -> bool {
        matches!(self, Status::Learning(_))
    }

    /// A word without spaces, for an Anki tag or a file: `new`, `learning_2`, `known`, `ignored`.
    pub fn tag(self) -> String {
        match self {
            Status::Learning(n) => format!("learning_{n}"),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::New => f.write_str("new"),
            Status::Learning(n) => write!(f, "learning {n}"),
            Status::Known => f.write_str("known"),
            Status::Ignored => f.write_str("ignored"),
        }
    }
}

/// A string that is not a status.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a status: {0:?} (expected new, learning 1 to learning 4, known or ignored)")]
pub struct ParseStatusError(pub String);

impl FromStr for Status {
    type Err = ParseStatusError;

    /// Reads what [`Display`](fmt::Display) writes, and the [`Status::tag`] spelling.
    fn from_str(s: &str) -> Result<Status, ParseStatusError> {
        let fail = || ParseStatusError(s.to_string());
        match s {
            "new" => Ok(Status::New),
            "known" => Ok(Status::Known),
            "ignored" => Ok(Status::Ignored),
            _ => {
                let level = s
                    .strip_prefix("learning ")
                    .or_else(|| s.strip_prefix("learning_"))
                    .ok_or_else(fail)?;
                let level: u8 = level.parse().map_err(|_| fail())?;
                Status::learning(level).ok_or_else(fail)
            }
        }
    }
}

// Stored as the words ("learning 2"), so the data files read like the card does.
impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Status, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_in_words() {
        assert_eq!(Status::New.to_string(), "new");
        assert_eq!(Status::Learning(2).to_string(), "learning 2");
        assert_eq!(Status::Known.to_string(), "known");
        assert_eq!(Status::Ignored.to_string(), "ignored");
    }

    #[test]
    fn parses_what_it_displays_and_its_tag() {
        for s in [
            Status::New,
            Status::Learning(1),
            Status::Learning(4),
            Status::Known,
            Status::Ignored,
        ] {
            assert_eq!(s.to_string().parse::<Status>(), Ok(s));
            assert_eq!(s.tag().parse::<Status>(), Ok(s));
        }
        assert_eq!(Status::Learning(3).tag(), "learning_3");
    }

    #[test]
    fn learning_levels_outside_one_to_four_are_refused() {
        assert_eq!(Status::learning(0), None);
        assert_eq!(Status::learning(5), None);
        assert_eq!(Status::learning(4), Some(Status::Learning(4)));
        assert!("learning 5".parse::<Status>().is_err());
        assert!("learning".parse::<Status>().is_err());
        assert!("Known".parse::<Status>().is_err());
    }

    #[test]
    fn serializes_as_words() {
        let json = serde_json::to_string(&Status::Learning(2)).unwrap();
        assert_eq!(json, "\"learning 2\"");
        let back: Status = serde_json::from_str(&json).unwrap();
        assert_eq!(back, Status::Learning(2));
        let err = serde_json::from_str::<Status>("\"learning 9\"").unwrap_err();
        assert!(err.to_string().contains("not a status"), "{err}");
    }
}
