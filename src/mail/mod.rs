//! Email: every mail is a row in the outbox (`db::outbox`), written in the
//! transaction of the event that causes it; a background task (`delivery`)
//! turns the due rows into letters (`letter`: a message with good headers
//! from `templates/mail/`; `team` for the team's invitations and reviews) and
//! sends them over SMTP (`sender`, `transport`), retrying with backoff. A
//! reader's request never waits for SMTP.

pub mod delivery;
pub mod letter;
pub mod sender;
mod team;
pub mod transport;

pub use delivery::{send_due, spawn};
pub use sender::{Mailer, SendError};
