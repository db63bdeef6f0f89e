//! How domain values are stored: comment statuses as their names
//! (`pending`, `approved`, `spam`, `trash`), ids and moments as integers.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Sqlite, Type};

use crate::domain::ids::{
    AdminId, CommentId, MailId, MediaId, PostId, RevisionId, SubscriptionId, TagId, VariantId,
};
use crate::domain::moderation::Status;
use crate::domain::time::UnixTime;

impl Type<Sqlite> for Status {
    fn type_info() -> SqliteTypeInfo {
        <&str as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <&str as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for Status {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <&str as Encode<'q, Sqlite>>::encode(self.as_str(), buf)
    }
}

impl<'r> Decode<'r, Sqlite> for Status {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let name = <&str as Decode<'r, Sqlite>>::decode(value)?;
        Status::parse(name).ok_or_else(|| format!("unknown comment status {name:?}").into())
    }
}

/// Ids and moments are SQLite integers; bound and read as the domain's types.
macro_rules! stored_as_integer {
    ($($name:ty => $from:expr, $to:expr;)*) => {$(
        impl Type<Sqlite> for $name {
            fn type_info() -> SqliteTypeInfo {
                <i64 as Type<Sqlite>>::type_info()
            }

            fn compatible(ty: &SqliteTypeInfo) -> bool {
                <i64 as Type<Sqlite>>::compatible(ty)
            }
        }

        impl<'q> Encode<'q, Sqlite> for $name {
            fn encode_by_ref(
                &self,
                buf: &mut Vec<SqliteArgumentValue<'q>>,
            ) -> Result<IsNull, BoxDynError> {
                let to: fn(&$name) -> i64 = $to;
                <i64 as Encode<'q, Sqlite>>::encode(to(self), buf)
            }
        }

        impl<'r> Decode<'r, Sqlite> for $name {
            fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
                let from: fn(i64) -> $name = $from;
                Ok(from(<i64 as Decode<'r, Sqlite>>::decode(value)?))
            }
        }
    )*};
}

stored_as_integer! {
    PostId => PostId::new, |id| id.get();
    CommentId => CommentId::new, |id| id.get();
    AdminId => AdminId::new, |id| id.get();
    TagId => TagId::new, |id| id.get();
    SubscriptionId => SubscriptionId::new, |id| id.get();
    MailId => MailId::new, |id| id.get();
    RevisionId => RevisionId::new, |id| id.get();
    MediaId => MediaId::new, |id| id.get();
    VariantId => VariantId::new, |id| id.get();
    UnixTime => UnixTime::from_seconds, |at| at.seconds();
}
