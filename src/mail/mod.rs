//! Email: every mail is a row in the outbox (`db::outbox`), written in the
//! transaction of the event that causes it; a background task turns the rows
//! into messages (`outbox`, `team`, `message`) and sends them over SMTP (`sender`,
//! `transport`), retrying with backoff. A reader's request never waits for SMTP.

pub mod message;
mod outbox;
pub mod sender;
mod team;
pub mod transport;

pub use sender::{Mailer, SendError};
