//! Black-box tests: each starts the real app on a random port with its own SQLite file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin_login;
mod admin_posts;
mod admin_queue;
mod admin_settings;
mod bad_input;
mod cli;
mod comment_defences;
mod comment_writer;
mod comments;
mod conditional_get;
mod durability;
mod email;
mod feeds;
mod helpers;
mod home;
mod migrations;
mod page_cache;
mod post_page;
mod smtp;
mod system;
mod tags;
