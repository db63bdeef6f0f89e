//! Comment statuses and account roles in SQL: stored as their names
//! (`pending`, `approved`, `spam`, `trash`; `admin`, `editor`, …), read back as
//! `domain::moderation::Status` and `domain::role::Role`.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{SqliteArgumentValue, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Encode, Sqlite, Type};

use crate::domain::moderation::Status;
use crate::domain::role::Role;

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

/// An account's role, stored as its name (`admin`, `editor`, `author`, `moderator`).
impl Type<Sqlite> for Role {
    fn type_info() -> SqliteTypeInfo {
        <&str as Type<Sqlite>>::type_info()
    }

    fn compatible(ty: &SqliteTypeInfo) -> bool {
        <&str as Type<Sqlite>>::compatible(ty)
    }
}

impl<'q> Encode<'q, Sqlite> for Role {
    fn encode_by_ref(&self, buf: &mut Vec<SqliteArgumentValue<'q>>) -> Result<IsNull, BoxDynError> {
        <&str as Encode<'q, Sqlite>>::encode(self.as_str(), buf)
    }
}

impl<'r> Decode<'r, Sqlite> for Role {
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        let name = <&str as Decode<'r, Sqlite>>::decode(value)?;
        Role::parse(name).ok_or_else(|| format!("unknown role {name:?}").into())
    }
}
