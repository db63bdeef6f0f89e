//! A text for people, named by its id in the catalogues (`locales/`), with
//! the values it mentions. The domain says what to tell; `i18n` words it.

use std::collections::BTreeMap;

use serde::Serialize;

/// A value a message mentions: a count (which picks the plural) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
}

impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Self::Number(n)
    }
}

impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u8> for Arg {
    fn from(n: u8) -> Self {
        Self::Number(n.into())
    }
}

impl From<i8> for Arg {
    fn from(n: i8) -> Self {
        Self::Number(n.into())
    }
}

impl From<i16> for Arg {
    fn from(n: i16) -> Self {
        Self::Number(n.into())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_owned())
    }
}

/// Serialised as `{"id": …, "args": {…}}`, so a template can hand it to `t(msg=…)`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub id: &'static str,
    pub args: BTreeMap<&'static str, Arg>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: BTreeMap::new(),
        }
    }

    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.insert(name, value.into());
        self
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Self {
        Self::new(id)
    }
}
