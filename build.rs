// Rebuild when a migration or a catalogue is added, so `sqlx::migrate!()` and
// `i18n` embed it; and make the catalogue's message ids the only `MessageId`s
// there are (see `domain::message`).
use std::fmt::Write as _;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=locales");
    if let Err(error) = write_message_ids() {
        println!("cargo:warning=could not read the catalogues: {error}");
        std::process::exit(1);
    }
}

/// One constant per message of the English catalogue (`post-title-required`
/// becomes `POST_TITLE_REQUIRED`), and the list of them all.
fn write_message_ids() -> std::io::Result<()> {
    let mut files: Vec<_> = std::fs::read_dir("locales/en")?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    let mut ids = Vec::new();
    for file in &files {
        println!("cargo:rerun-if-changed={}", file.display());
        for line in std::fs::read_to_string(file)?.lines() {
            let Some((name, _)) = line.split_once('=') else {
                continue;
            };
            let name = name.trim_end();
            let is_id = name.starts_with(|c: char| c.is_ascii_lowercase())
                && name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if is_id {
                ids.push(name.to_owned());
            }
        }
    }
    ids.sort();
    ids.dedup();
    let mut out = String::from("// Made by build.rs from locales/en/*.ftl.\n");
    for id in &ids {
        let constant = id.to_ascii_uppercase().replace('-', "_");
        writeln!(out, "pub const {constant}: MessageId = MessageId({id:?});").ok();
    }
    out.push_str("\n/// Every message id, sorted.\npub(super) const ALL: &[MessageId] = &[\n");
    for id in &ids {
        writeln!(out, "    {},", id.to_ascii_uppercase().replace('-', "_")).ok();
    }
    out.push_str("];\n");
    let dir = std::env::var("OUT_DIR").map_err(std::io::Error::other)?;
    std::fs::write(Path::new(&dir).join("message_ids.rs"), out)
}
