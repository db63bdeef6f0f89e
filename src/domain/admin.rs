//! Accounts: what a username and a password must be, what an invitation
//! holds, and where a login may lead.

use super::form::FieldErrors;
use super::message::{Message, msg};
use super::role::Role;

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

/// What an admin's account page sets, as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub email: String,
}

/// An admin's public name and notification address, checked; either may be
/// empty (no name: replies are signed with the site's title; no address: no mail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub display_name: String,
    pub email: String,
}

impl Profile {
    pub const MAX_NAME_CHARS: usize = 100;
    pub const MAX_EMAIL_CHARS: u64 = 254;
}

impl TryFrom<&ProfileForm> for Profile {
    type Error = crate::domain::form::FieldErrors;

    fn try_from(form: &ProfileForm) -> Result<Self, Self::Error> {
        use validator::{ValidateEmail, ValidateLength};
        let mut errors = Self::Error::new();
        let display_name = form.display_name.trim();
        if display_name.chars().count() > Profile::MAX_NAME_CHARS {
            errors.insert(
                "display_name",
                Message::new(msg::ACCOUNT_NAME_TOO_LONG).with("max", Profile::MAX_NAME_CHARS),
            );
        } else if display_name.chars().any(char::is_control) {
            errors.insert("display_name", Message::new(msg::ACCOUNT_NAME_SINGLE_LINE));
        }
        let email = form.email.trim();
        let valid = email.validate_length(None, Some(Profile::MAX_EMAIL_CHARS), None)
            && email.validate_email();
        if !email.is_empty() && !valid {
            errors.insert("email", Message::new(msg::ACCOUNT_EMAIL_INVALID));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Self {
            display_name: display_name.to_owned(),
            email: email.to_owned(),
        })
    }
}

/// A new password; never logged, never printed.
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(..)")
    }
}

/// Why a password is not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    OnlySpaces,
}

impl PasswordProblem {
    /// For the command line, which speaks English.
    pub fn english(self) -> String {
        match self {
            Self::TooShort => format!(
                "the password must be at least {} characters long",
                NewPassword::MIN_CHARS
            ),
            Self::TooLong => format!(
                "the password must be at most {} characters long",
                NewPassword::MAX_CHARS
            ),
            Self::OnlySpaces => "the password must not be only spaces".into(),
        }
    }

    /// For a form, in the site's language.
    pub fn message(self) -> Message {
        match self {
            Self::TooShort => {
                Message::new(msg::PASSWORD_TOO_SHORT).with("min", NewPassword::MIN_CHARS)
            }
            Self::TooLong => {
                Message::new(msg::PASSWORD_TOO_LONG).with("max", NewPassword::MAX_CHARS)
            }
            Self::OnlySpaces => Message::new(msg::PASSWORD_ONLY_SPACES),
        }
    }
}

impl NewPassword {
    pub const MIN_CHARS: usize = 12;
    pub const MAX_CHARS: usize = 1024;

    pub fn parse(raw: String) -> Result<Self, String> {
        Self::check(raw).map_err(PasswordProblem::english)
    }

    pub fn check(raw: String) -> Result<Self, PasswordProblem> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(PasswordProblem::TooShort);
        }
        if chars > Self::MAX_CHARS {
            return Err(PasswordProblem::TooLong);
        }
        if raw.trim().is_empty() {
            return Err(PasswordProblem::OnlySpaces);
        }
        Ok(Self(raw))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

/// The form on an invitation's page: the password, twice.
#[derive(Default, serde::Deserialize)]
#[serde(default)]
pub struct ChosenPasswordForm {
    pub password: String,
    pub password_again: String,
}

impl TryFrom<ChosenPasswordForm> for NewPassword {
    type Error = FieldErrors;

    fn try_from(form: ChosenPasswordForm) -> Result<Self, FieldErrors> {
        if form.password != form.password_again {
            return Err(FieldErrors::from([(
                "password_again",
                Message::new(msg::PASSWORD_MISMATCH),
            )]));
        }
        NewPassword::check(form.password)
            .map_err(|problem| FieldErrors::from([("password", problem.message())]))
    }
}

/// The invitation form as typed; shown again whole when refused.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
#[serde(default)]
pub struct InvitationForm {
    pub username: String,
    pub email: String,
    pub role: String,
    pub display_name: String,
}

/// Someone invited to make an account: their login name, the address the
/// link goes to (also where they are told of what their role covers), role
/// and public name. Checked: once you hold one it is valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub username: String,
    pub email: String,
    pub role: Role,
    pub display_name: String,
}

/// How long an invitation's link works.
pub const INVITATION_SECONDS: i64 = 7 * 24 * 60 * 60;

impl TryFrom<&InvitationForm> for Invitation {
    type Error = FieldErrors;

    fn try_from(form: &InvitationForm) -> Result<Self, FieldErrors> {
        let profile = ProfileForm {
            display_name: form.display_name.clone(),
            email: form.email.clone(),
        };
        let mut errors = match Profile::try_from(&profile) {
            Ok(_) => FieldErrors::new(),
            Err(errors) => errors,
        };
        if form.email.trim().is_empty() {
            errors.insert("email", Message::new(msg::ACCOUNT_EMAIL_REQUIRED));
        }
        let username = Username::parse(&form.username);
        if username.is_err() {
            errors.insert(
                "username",
                Message::new(msg::ACCOUNT_USERNAME_INVALID).with("max", Username::MAX_CHARS),
            );
        }
        let role = Role::parse(&form.role);
        if role.is_none() {
            errors.insert("role", Message::new(msg::ACCOUNT_ROLE_UNKNOWN));
        }
        match (username, role) {
            (Ok(username), Some(role)) if errors.is_empty() => Ok(Self {
                username: username.as_ref().to_owned(),
                email: form.email.trim().to_owned(),
                role,
                display_name: form.display_name.trim().to_owned(),
            }),
            _ => Err(errors),
        }
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

    fn profile(display_name: &str, email: &str) -> Result<Profile, Vec<&'static str>> {
        let form = ProfileForm {
            display_name: display_name.into(),
            email: email.into(),
        };
        Profile::try_from(&form).map_err(|e| e.into_keys().collect())
    }

    #[test]
    fn a_profile_may_be_empty_but_not_a_bad_address_or_several_lines() {
        assert_eq!(
            profile(" Dr. Anna Meier ", " anna@praxis.example "),
            Ok(Profile {
                display_name: "Dr. Anna Meier".into(),
                email: "anna@praxis.example".into()
            })
        );
        assert!(profile("", "").is_ok());
        assert_eq!(profile("a\nb", "nope"), Err(vec!["display_name", "email"]));
        assert_eq!(profile(&"x".repeat(101), ""), Err(vec!["display_name"]));
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

    fn invitation(
        username: &str,
        email: &str,
        role: &str,
    ) -> Result<Invitation, Vec<&'static str>> {
        let form = InvitationForm {
            username: username.into(),
            email: email.into(),
            role: role.into(),
            display_name: " Office ".into(),
        };
        Invitation::try_from(&form).map_err(|e| e.into_keys().collect())
    }

    #[test]
    fn an_invitation_needs_a_login_name_an_address_and_a_role() {
        assert_eq!(
            invitation(" bea ", " bea@praxis.example ", "editor"),
            Ok(Invitation {
                username: "bea".into(),
                email: "bea@praxis.example".into(),
                role: Role::Editor,
                display_name: "Office".into(),
            })
        );
        assert_eq!(
            invitation("", "", "boss"),
            Err(vec!["email", "role", "username"])
        );
        assert_eq!(
            invitation("a b", "nope", "admin"),
            Err(vec!["email", "username"])
        );
    }

    #[test]
    fn a_chosen_password_follows_the_usual_rules_and_is_typed_twice_alike() {
        let form = |a: &str, b: &str| ChosenPasswordForm {
            password: a.into(),
            password_again: b.into(),
        };
        assert!(
            NewPassword::try_from(form("correct horse battery", "correct horse battery")).is_ok()
        );
        let keys = |r: Result<NewPassword, FieldErrors>| {
            r.err().map(|e| e.into_keys().collect::<Vec<_>>())
        };
        assert_eq!(
            keys(NewPassword::try_from(form("short", "short"))),
            Some(vec!["password"])
        );
        assert_eq!(
            keys(NewPassword::try_from(form(
                "correct horse battery",
                "correct horse"
            ))),
            Some(vec!["password_again"])
        );
    }

    #[test]
    fn a_password_never_shows_in_debug_output() {
        let password = NewPassword::parse("correct horse battery".into()).expect("valid");
        assert!(!format!("{password:?}").contains("horse"));
    }
}
