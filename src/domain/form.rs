//! What every form shares: one message per field that is wrong, recorded as
//! each field is parsed.

use std::collections::BTreeMap;

use super::message::Message;

/// One message per form field that failed; the key is the field name.
pub type FieldErrors = BTreeMap<&'static str, Message>;

/// The value of a field that parsed; else `None`, with why recorded in `errors`.
pub fn checked<T>(
    errors: &mut FieldErrors,
    field: &'static str,
    parsed: Result<T, Message>,
) -> Option<T> {
    parsed.map_err(|why| errors.insert(field, why)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::message::msg;

    #[test]
    fn a_wrong_field_is_recorded_and_a_right_one_passes() {
        let mut errors = FieldErrors::new();
        let wrong: Result<u8, Message> = Err(Message::new(msg::POST_TITLE_REQUIRED));
        assert_eq!(checked(&mut errors, "title", wrong), None);
        assert_eq!(checked(&mut errors, "body", Ok::<_, Message>(7)), Some(7));
        assert_eq!(errors.keys().collect::<Vec<_>>(), [&"title"]);
    }
}
