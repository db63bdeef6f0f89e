//! Black-box tests: each starts the real app on a random port with its own SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod cli;
mod comment_defences;
mod comments;
mod helpers;
mod home;
mod migrations;
mod system;
