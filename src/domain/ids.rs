//! Row ids as types: a post's id cannot be passed where a comment's is
//! expected, nor an admin's where a post's is. They are stored as SQLite
//! integers (see `db::types`) and shown as numbers.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id a row was stored with (or an address named).
            pub const fn new(raw: i64) -> Self {
                Self(raw)
            }

            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        /// An id in an address or a form: a whole number above zero.
        impl FromStr for $name {
            type Err = ();

            fn from_str(raw: &str) -> Result<Self, ()> {
                match raw.parse::<i64>() {
                    Ok(id) if id > 0 => Ok(Self(id)),
                    _ => Err(()),
                }
            }
        }

        impl From<$name> for super::message::Arg {
            fn from(id: $name) -> Self {
                Self::Number(id.0)
            }
        }
    )*};
}

ids! {
    /// A post's or a page's (both are rows of `posts`).
    PostId,
    /// A comment's, a reader's or an admin's reply.
    CommentId,
    /// An admin account's.
    AdminId,
    TagId,
    /// A reader's subscription to the replies to their comment.
    SubscriptionId,
    /// A mail in the outbox.
    MailId,
    /// A saved revision of a post.
    RevisionId,
    /// An item of the media library (an uploaded file).
    MediaId,
    /// One of the copies readers get of a media item (an image in one width).
    VariantId,
    /// An invitation to make an account.
    InvitationId,
    /// A signed-in device's session (its row).
    SessionId,
    /// One of an account's passkeys.
    PasskeyId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_in_an_address_is_a_whole_number_above_zero() {
        assert_eq!("42".parse::<PostId>(), Ok(PostId::new(42)));
        for raw in ["0", "-3", "4.2", "", "x", "99999999999999999999"] {
            assert!(raw.parse::<CommentId>().is_err(), "{raw}");
        }
        assert_eq!(CommentId::new(7).to_string(), "7");
    }
}
