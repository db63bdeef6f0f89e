//! What a site starts with before anyone has written anything: Folio's own
//! title, tagline and header lines, and a sample post that an import removes
//! while nobody has touched it.

pub const TITLE: &str = "Folio";
pub const TAGLINE: &str = "A blog with comments worth reading";
pub const HEADER_LINES: &str =
    "Edit these lines in Settings: opening hours\nand your street address";

pub const SAMPLE_TITLE: &str = "Welcome to Folio";
pub const SAMPLE_SLUG: &str = "welcome-to-folio";
pub const SAMPLE_MARKDOWN: &str = include_str!("../welcome.md");
