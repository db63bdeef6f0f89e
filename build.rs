// Rebuild when a migration or a catalogue is added, so `sqlx::migrate!()` and
// `i18n` embed it.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=locales");
}
