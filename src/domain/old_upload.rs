//! An imported WordPress site's old upload addresses (`/wp-content/uploads/…`)
//! and the library items they became: which original a resized copy's name
//! stands for, and where a link to it leads now. Shared by the import (which
//! rewrites links) and the redirects of old addresses.

use std::collections::HashMap;

use super::media::{Responsive, Source, fitting, media_path};

/// Where WordPress keeps uploaded files, below the site's address.
pub const UPLOADS: &str = "/wp-content/uploads/";

/// The original of a resized copy (`2024/12/name-300x200.png` →
/// `2024/12/name.png`, 300), or the path itself.
pub fn original_path(path: &str) -> (String, Option<u32>) {
    // A Folio library copy: `media/{hash}/{name}-{width}.webp`.
    if let Some(rest) = path.strip_prefix("media/")
        && let Some((hash, file)) = rest.split_once('/')
    {
        let width = file
            .rsplit_once('.')
            .and_then(|(stem, _)| stem.rsplit_once('-'))
            .and_then(|(_, width)| width.parse().ok());
        return (format!("media/{hash}"), width);
    }
    let (dir, file) = path.rsplit_once('/').map_or(("", path), |(d, f)| (d, f));
    let Some((stem, extension)) = file.rsplit_once('.') else {
        return (path.to_owned(), None);
    };
    let Some((name, size)) = stem.rsplit_once('-') else {
        return (path.to_owned(), None);
    };
    let Some((w, h)) = size.split_once('x') else {
        return (path.to_owned(), None);
    };
    let digits = |s: &str| !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit());
    if name.is_empty() || !digits(w) || !digits(h) {
        return (path.to_owned(), None);
    }
    let original = if dir.is_empty() {
        format!("{name}.{extension}")
    } else {
        format!("{dir}/{name}.{extension}")
    };
    (original, w.parse().ok())
}

/// A file brought in, as content links are rewritten to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub hash: String,
    /// Its largest copy, or the PDF.
    pub url: String,
    /// Its copies, for an image.
    pub image: Option<Responsive>,
}

impl Target {
    /// Where a link to the old file (maybe a resized copy `width` wide) leads.
    pub fn url_at(&self, width: Option<u32>) -> String {
        match (&self.image, width) {
            (Some(image), Some(width)) => fitting(&image.sources, width)
                .map_or_else(|| self.url.clone(), |s: &Source| s.url.clone()),
            _ => self.url.clone(),
        }
    }
}

/// The files brought in, by their path below `wp-content/uploads/`.
pub type Targets = HashMap<String, Target>;

/// A target for an item from its copies (`file`, `width`, `height`), narrowest first.
pub fn target(hash: &str, animated: bool, copies: &[(String, Option<u32>, Option<u32>)]) -> Target {
    let sources: Vec<Source> = copies
        .iter()
        .filter_map(|(file, width, height)| {
            Some(Source {
                url: media_path(hash, file),
                width: (*width)?,
                height: (*height)?,
            })
        })
        .collect();
    let url = match sources.last() {
        Some(largest) => largest.url.clone(),
        None => copies
            .first()
            .map(|(file, _, _)| media_path(hash, file))
            .unwrap_or_default(),
    };
    let image = sources.last().map(|largest| Responsive {
        hash: hash.to_owned(),
        width: largest.width,
        height: largest.height,
        sources: sources.clone(),
        animated,
    });
    Target {
        hash: hash.to_owned(),
        url,
        image,
    }
}
