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
pub mod routes;
pub mod startup;
pub mod state;
pub mod telemetry;
pub mod templates;
pub mod wxr;

/// Imports point one way: nothing below `routes` and `auth` imports from them.
#[cfg(test)]
mod layers {
    use std::path::{Path, PathBuf};

    /// What sits below `routes` and `auth` in the import map.
    const LOWER: [&str; 9] = [
        "src/domain",
        "src/db",
        "src/mail",
        "src/metrics.rs",
        "src/image_work.rs",
        "src/media_cache.rs",
        "src/page_cache.rs",
        "src/error.rs",
        "src/state.rs",
    ];

    fn rust_files(path: &Path, found: &mut Vec<PathBuf>) {
        if path.is_dir() {
            for entry in std::fs::read_dir(path).unwrap() {
                rust_files(&entry.unwrap().path(), found);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path.to_owned());
        }
    }

    /// Whether the path after `crate::` (or a `{…}` group there) starts in an upper layer.
    fn names_upper_layer(after: &str) -> bool {
        let heads = match after.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or_default(),
            None => after
                .split([';', ')', ' ', '\n'])
                .next()
                .unwrap_or_default(),
        };
        heads
            .split(',')
            .any(|path| matches!(path.trim().split("::").next(), Some("routes" | "auth")))
    }

    #[test]
    fn the_lower_layers_never_import_routes_or_auth() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        for lower in LOWER {
            rust_files(&root.join(lower), &mut files);
        }
        assert!(files.len() > 10, "{files:?}");
        let upward: Vec<String> = files
            .iter()
            .flat_map(|file| {
                let text = std::fs::read_to_string(file).unwrap();
                text.split("crate::")
                    .skip(1)
                    .filter(|after| names_upper_layer(after))
                    .map(|after| {
                        format!(
                            "{}: crate::{}",
                            file.strip_prefix(root).unwrap_or(file).display(),
                            after.lines().next().unwrap_or_default()
                        )
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(upward.is_empty(), "{upward:#?}");
    }
}
