use serde::Serialize;

/// HTML that Folio made itself from user input and sanitised (or escaped):
/// the only kind of value a template may print without escaping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// Wraps HTML produced by one of Folio's renderers.
    pub(crate) fn from_renderer(html: String) -> Self {
        Self(html)
    }

    /// Wraps HTML read back from the database, where only renderer output is ever stored.
    pub fn from_stored(html: String) -> Self {
        Self(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}
