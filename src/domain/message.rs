//! A text for people, named by its id in the catalogues (`locales/`), with
//! the values it mentions. The domain says what to tell; `i18n` words it.
//!
//! A [`MessageId`] can be made only from the catalogue: `build.rs` writes one
//! constant per message of `locales/en/*.ftl` into [`msg`], so a text that is
//! not in the catalogue (English prose where an id belongs) does not compile.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// The id of a message in the catalogues; see [`msg`] for every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MessageId(&'static str);

impl MessageId {
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The id named `raw`, if the catalogue has it (a message kept in the
    /// database names its id as text).
    pub fn find(raw: &str) -> Option<Self> {
        msg::ALL
            .binary_search_by(|id| id.0.cmp(raw))
            .ok()
            .map(|at| msg::ALL[at])
    }
}

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for MessageId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl PartialEq<&str> for MessageId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Every message id of the catalogues, as a constant: `msg::POST_TITLE_REQUIRED`
/// is `post-title-required`.
pub mod msg {
    use super::MessageId;

    include!(concat!(env!("OUT_DIR"), "/message_ids.rs"));
}

/// A value a message mentions: a count (which picks the plural) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Arg {
    Number(i64),
    Text(String),
}

/// Counts of any integer type; one too large for `i64` says `i64::MAX`.
macro_rules! number_args {
    ($($int:ty),*) => {$(
        impl From<$int> for Arg {
            fn from(n: $int) -> Self {
                Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}

number_args!(i8, i16, i64, u8, u32, u64, usize);

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
    pub id: MessageId,
    pub args: BTreeMap<&'static str, Arg>,
}

impl Message {
    pub fn new(id: MessageId) -> Self {
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
        serde_json::to_string(self).unwrap_or_else(|_| self.id.as_str().to_owned())
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

impl From<MessageId> for Message {
    fn from(id: MessageId) -> Self {
        Self::new(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_exists_only_if_the_catalogue_has_it() {
        assert_eq!(
            MessageId::find("post-title-required"),
            Some(msg::POST_TITLE_REQUIRED)
        );
        assert_eq!(msg::POST_TITLE_REQUIRED.as_str(), "post-title-required");
        assert_eq!(MessageId::find("has already left the queue"), None);
        assert!(msg::ALL.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(msg::ALL.len() > 400);
    }

    #[test]
    fn a_stored_message_names_its_id_as_text() {
        let stored = Message::new(msg::REASON_LINKS)
            .with("links", 3_i64)
            .to_stored();
        assert_eq!(stored, r#"{"id":"reason-links","args":{"links":3}}"#);
    }
}
