//! How domain values are stored: comment statuses, a post's kind and an
//! account's role as their names (`pending`, …; `post`, `page`; `admin`,
//! `editor`, …), sanitised HTML as the text it was
//! sanitised into, ids and moments as integers.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Sqlite, Type};

use crate::domain::SafeHtml;
use crate::domain::ids::{
    AdminId, CommentId, InvitationId, MailId, MediaId, PasskeyId, PostId, RevisionId, SessionId,
    SubscriptionId, TagId, VariantId,
};
use crate::domain::moderation::Status;
use crate::domain::post::Kind;
use crate::domain::role::{Permission, Role};
use crate::domain::time::UnixTime;

/// Each type is stored as `$stored` (bound as `$bound`): `to` makes the
/// stored value, `from` reads it back (or says why it cannot).
macro_rules! stored_as {
    ($($name:ty: $stored:ty, $bound:ty, from $from:expr, to $to:expr;)*) => {$(
        impl Type<Sqlite> for $name {
            fn type_info() -> SqliteTypeInfo {
                <$stored as Type<Sqlite>>::type_info()
            }

            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <$stored as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<SqliteArgumentValue<'q>>,
            ) -> Result<IsNull, BoxDynError> {
                let to: fn(&$name) -> $bound = $to;
                <$bound as Encode<'q, Sqlite>>::encode(to(self), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $name {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let from: fn($stored) -> Result<$name, BoxDynError> = $from;
                from(<$stored as Decode<'r, Sqlite>>::decode(value)?)
            }
        }
    )*};
}

fn status(name: String) -> Result<Status, BoxDynError> {
    Status::parse(&name).ok_or_else(|| format!("unknown comment status {name:?}").into())
}

fn role(name: String) -> Result<Role, BoxDynError> {
    Role::parse(&name).ok_or_else(|| format!("unknown role {name:?}").into())
}

stored_as! {
    Status: String, String, from status, to |s| s.as_str().to_owned();
    Role: String, String, from role, to |r| r.as_str().to_owned();
    // Anything but `page` is a post, as the column's default says.
    Kind: String, String, from |name| Ok(Kind::from_stored(&name)), to |k| k.as_str().to_owned();
    // What the database holds was sanitised before it was stored.
    SafeHtml: String, String, from |html| Ok(SafeHtml::from_stored(html)), to |h| h.as_str().to_owned();
    PostId: i64, i64, from |id| Ok(PostId::new(id)), to |id| id.get();
    CommentId: i64, i64, from |id| Ok(CommentId::new(id)), to |id| id.get();
    AdminId: i64, i64, from |id| Ok(AdminId::new(id)), to |id| id.get();
    TagId: i64, i64, from |id| Ok(TagId::new(id)), to |id| id.get();
    SubscriptionId: i64, i64, from |id| Ok(SubscriptionId::new(id)), to |id| id.get();
    MailId: i64, i64, from |id| Ok(MailId::new(id)), to |id| id.get();
    RevisionId: i64, i64, from |id| Ok(RevisionId::new(id)), to |id| id.get();
    MediaId: i64, i64, from |id| Ok(MediaId::new(id)), to |id| id.get();
    VariantId: i64, i64, from |id| Ok(VariantId::new(id)), to |id| id.get();
    InvitationId: i64, i64, from |id| Ok(InvitationId::new(id)), to |id| id.get();
    SessionId: i64, i64, from |id| Ok(SessionId::new(id)), to |id| id.get();
    PasskeyId: i64, i64, from |id| Ok(PasskeyId::new(id)), to |id| id.get();
    UnixTime: i64, i64, from |at| Ok(UnixTime::from_seconds(at)), to |at| at.seconds();
}

/// The roles that have `permission`, four of them (repeated to fill), for a
/// query's `role IN (?, ?, ?, ?)`: the table stays in `domain::role`.
pub(super) fn roles_with(permission: Permission) -> [Role; 4] {
    let roles = permission.roles();
    let first = roles.first().copied().unwrap_or(Role::Admin);
    let at = |i: usize| roles.get(i).copied().unwrap_or(first);
    [at(0), at(1), at(2), at(3)]
}
