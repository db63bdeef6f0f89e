//! Folio's rules: what is valid, how text is rendered, who may see what. No I/O here.

pub mod admin;
pub mod backup;
pub mod client_ip;
pub mod comment;
pub mod comment_text;
pub mod etag;
pub mod feed;
pub mod form;
pub mod ids;
pub mod import;
pub mod intake;
pub mod mail;
pub mod markdown;
pub mod media;
pub mod message;
pub mod moderation;
pub mod new_site;
pub mod page;
pub mod pagination;
pub mod post;
pub mod post_save;
pub mod privacy;
pub mod remember;
pub mod role;
pub mod safe_html;
pub mod schedule;
pub mod search;
pub mod settings;
pub mod signing;
pub mod slug;
pub mod spam;
pub mod thread;
pub mod time;
pub mod trash;

pub use safe_html::SafeHtml;
