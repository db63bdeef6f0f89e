//! Admin accounts: what a username and a password must be, and where a login may lead.

/// A login name: 1–50 letters, digits, `.`, `_` or `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Username(String);

impl Username {
    pub const MAX_CHARS: usize = 50;

    pub fn parse(raw: &str) -> Result<Self, String> {
        let name = raw.trim();
        if name.is_empty() {
            return Err("the username must not be empty".into());
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(format!(
                "the username must be at most {} characters",
                Self::MAX_CHARS
            ));
        }
        if !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        {
            return Err("the username may only contain letters, digits, '.', '_' and '-'".into());
        }
        Ok(Self(name.to_owned()))
    }
}

impl AsRef<str> for Username {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A new password; never logged, never printed.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 1024;

    pub fn parse(raw: String) -> Result<Self, String> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(format!(
                "the password must be at least {} characters long",
                Self::MIN_CHARS
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(format!(
                "the password must be at most {} characters long",
                Self::MAX_CHARS
            ));
        }
        if raw.trim().is_empty() {
            return Err("the password must not be only spaces".into());
        }
        Ok(Self(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// Only a path on this site may be a place to return to after login.
pub fn safe_next(next: &str) -> Option<&str> {
    let local = next.starts_with("/admin") && !next.starts_with("//") && !next.contains('\\');
    local.then_some(next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_short_plain_words() {
        assert!(Username::parse("alice").is_ok());
        assert!(Username::parse("dr.weber_2").is_ok());
        assert!(Username::parse("").is_err());
        assert!(Username::parse("a b").is_err());
        assert!(Username::parse("<script>").is_err());
        assert!(Username::parse(&"a".repeat(51)).is_err());
    }

    #[test]
    fn passwords_must_be_at_least_12_characters() {
        assert!(NewPassword::parse("correct horse".into()).is_ok());
        assert!(NewPassword::parse("short".into()).is_err());
        assert!(NewPassword::parse(" ".repeat(20)).is_err());
    }

    #[test]
    fn only_local_admin_paths_are_returned_to() {
        assert_eq!(
            safe_next("/admin/comments?status=spam"),
            Some("/admin/comments?status=spam")
        );
        assert_eq!(safe_next("//evil.example/admin"), None);
        assert_eq!(safe_next("https://evil.example/admin"), None);
        assert_eq!(safe_next("/admin\\@evil"), None);
        assert_eq!(safe_next("/posts/x"), None);
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = NewPassword::parse("correct horse battery".into()).expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }
}
