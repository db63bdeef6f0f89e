//! Posts and pages in the database: `read` for what pages, feeds and the
//! admin show, `write` for saving, importing and deleting them.

pub mod read;
pub mod write;
