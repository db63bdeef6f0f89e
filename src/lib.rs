//! Folio: a self-hosted blog engine with its own moderated comments.

pub mod auth;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod diagnose;
pub mod domain;
pub mod error;
pub mod files;
pub mod hygiene;
pub mod i18n;
pub mod image_work;
pub mod mail;
pub mod media_cache;
pub mod media_intake;
pub mod metrics;
pub mod page_cache;
pub mod publisher;
pub mod respond;
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod templates;
pub mod wxr;

/// The import map, checked (see README's "Layout").
#[cfg(test)]
mod layers;
