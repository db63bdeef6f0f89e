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

impl From<u64> for Arg {
    fn from(n: u64) -> Self {
        Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<u32> for Arg {
    fn from(n: u32) -> Self {
        Self::Number(n.into())
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

    /// How a message is kept in the database (a comment's hold reason): its
    /// id and values as JSON, worded in the site's language only when shown
    /// (`i18n::Language::stored`), so a reason reads in whatever language the
    /// site has then.
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| self.id.to_owned())
    }
}

/// For logs: the id and values, not words.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.id)?;
        for (name, value) in &self.args {
            match value {
                Arg::Number(n) => write!(f, " {name}={n}")?,
                Arg::Text(s) => write!(f, " {name}={s:?}")?,
            }
        }
        Ok(())
    }
}

impl From<&'static str> for Message {
    fn from(id: &'static str) -> Self {
        Self::new(id)
    }
}
