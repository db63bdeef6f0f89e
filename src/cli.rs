//! The `folio` command line.

use std::io::{BufRead, IsTerminal};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::auth::password;
use crate::config::Config;
use crate::db;
use crate::db::moderation::Actor;
use crate::domain::admin::{NewPassword, Profile, ProfileForm, Username};
use crate::domain::privacy::{Address, Erasure, Export};
use crate::domain::role::Role;
use crate::startup;

#[derive(Debug, Parser)]
#[command(
    name = "folio",
    version,
    about = "A self-hosted blog engine with moderated comments: one binary, one SQLite file."
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Config,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate the database (unless FOLIO_AUTO_MIGRATE=false) and serve the blog (the default).
    Serve,
    /// Apply the migrations embedded in this binary (the same ones `sqlx migrate run` applies).
    Migrate,
    /// Write a consistent copy of the database to a new file (mode 0600), safely while the server runs.
    Backup {
        /// Where to write the copy: a new file, or a folder (existing, or written with a
        /// trailing /) to write `folio-<UTC time>.db` into.
        file: std::path::PathBuf,
        /// With a folder: keep only the newest N backups Folio wrote there, removing older ones.
        #[arg(long, value_name = "N")]
        keep: Option<usize>,
    },
    /// Put a backup in place of the database. Refuses while a Folio serves it; the
    /// database it replaces is kept beside it as `<name>.before-restore-<UTC time>`.
    Restore {
        /// A backup written by `folio backup`.
        backup: std::path::PathBuf,
    },
    /// Manage admin accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// A commenter's personal data, by email address (requests under the GDPR).
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// Move a site in from another blog engine.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write the site out for another blog engine.
    #[command(subcommand)]
    Export(ExportCommand),
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Print every comment, reply subscription and mail stored for an email address as JSON.
    Export {
        /// The commenter's email address (upper and lower case match alike).
        email: String,
    },
    /// Anonymise the comments of an email address: name → "Anonymous"; email,
    /// website, IP and browser removed; the text stays. Its reply subscriptions
    /// and mails go too (queued mail is never sent). Prints how many.
    Erase {
        /// The commenter's email address (upper and lower case match alike).
        email: String,
        /// Delete the comments instead (replies by others stay and move up).
        #[arg(long)]
        delete: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Import a WordPress export (WXR 1.0–1.2, from Tools → Export): posts, tags, comments and
    /// redirects from the old addresses, and the uploaded files (fetched from the old
    /// site by default). Importing it again adds only what is new.
    Wordpress {
        /// The export file (.xml).
        file: std::path::PathBuf,
        /// Read the uploaded files from this copy of the old site's wp-content/uploads
        /// folder instead of fetching them.
        #[arg(long, value_name = "DIR", conflicts_with = "no_media")]
        media_dir: Option<std::path::PathBuf>,
        /// Leave the uploaded files out: posts keep linking them on the old site.
        #[arg(long)]
        no_media: bool,
        /// Show the summary without writing or fetching anything (not even a new
        /// database: it must exist).
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// Write posts, tags, comments and the media library (as attachments on this site's
    /// address, FOLIO_BASE_URL) as WXR 1.2, which WordPress's importer reads.
    Wordpress {
        /// The file to write; must not exist yet.
        file: std::path::PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an account. The password is asked twice on a terminal, or read
    /// from the first line of standard input when it is not a terminal.
    Create {
        /// The login name (letters, digits, '.', '_' and '-'); never shown publicly.
        username: String,
        /// What the account may do: admin (everything), editor (posts, pages, media,
        /// comments, the log), author (writes posts and uploads media; an editor or
        /// admin publishes them), moderator (the comment queue, replies and the log).
        #[arg(long, default_value = "admin", value_parser = ["admin", "editor", "author", "moderator"])]
        role: String,
        /// The name readers see on this admin's replies (default: the site's title).
        #[arg(long)]
        display_name: Option<String>,
        /// An address for notifications about held comments.
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a new password for an account; also lifts a login lock and ends the account's sessions.
    Passwd {
        /// The login name of an existing account.
        username: String,
    },
    /// List the accounts: login name, role, state and last sign-in (UTC).
    List,
    /// For a lost phone: remove an account's authenticator app and recovery codes,
    /// and end its sessions; it then signs in with the password alone.
    #[command(name = "reset-2fa")]
    ResetTwoStep {
        /// The login name of an existing account.
        username: String,
    },
}

/// Runs the command; an error about a database file or folder Folio cannot
/// write says which and what to do (see `diagnose`).
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let database_url = cli.config.database_url.clone();
    run_command(cli)
        .await
        .map_err(|error| crate::diagnose::database_error(&database_url, error))
}

async fn run_command(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate => migrate(&cli.config).await,
        Command::Admin(command) => admin(&cli.config, command).await,
        Command::Backup { file, keep } => {
            let target = crate::backup::Target::new(file, keep)?;
            let done = crate::backup::backup(&cli.config, target).await?;
            println!("Backed up the database to {}.", done.file.display());
            for old in done.removed {
                println!("Removed the older backup {}.", old.display());
            }
            Ok(())
        }
        Command::Restore { backup } => restore(&cli.config, &backup).await,
        Command::Privacy(command) => privacy(&cli.config, command).await,
        Command::Import(ImportCommand::Wordpress {
            file,
            media_dir,
            no_media,
            dry_run,
        }) => {
            use crate::wxr::command::{ImportOptions, Media};
            let mut options = ImportOptions::fetching(dry_run);
            if no_media {
                options.media = Media::LeftOut;
            } else if let Some(dir) = media_dir {
                options.media = Media::BringIn(crate::wxr::fetch::MediaSource::Folder(dir));
            }
            let summary = crate::wxr::command::import_with(&cli.config, &file, &options).await?;
            if dry_run {
                println!("Dry run: nothing was written. The import would do this:");
            }
            // The command line speaks English (README, Language).
            let english = crate::i18n::Language::new(crate::i18n::DEFAULT_LANGUAGE);
            println!("{}", english.summary_lines(&summary.lines()).join("\n"));
            Ok(())
        }
        Command::Export(ExportCommand::Wordpress { file }) => {
            let done = crate::wxr::command::export(&cli.config, &file).await?;
            println!(
                "Wrote {} posts, {} comments, {} tags and {} media items to {}.",
                done.posts,
                done.comments,
                done.tags,
                done.media,
                file.display()
            );
            Ok(())
        }
    }
}

async fn migrate(config: &Config) -> anyhow::Result<()> {
    let pool = startup::connect(&config.database_url).await?;
    let pending = startup::pending_migrations(&pool).await?;
    startup::migrate(&pool).await?;
    if pending.is_empty() {
        println!("The database is up to date; nothing to apply.");
    } else {
        println!("Applied {} migration(s).", pending.len());
    }
    Ok(())
}

async fn restore(config: &Config, backup: &std::path::Path) -> anyhow::Result<()> {
    let restored = crate::backup::restore(config, backup).await?;
    println!(
        "Restored {} into {}.",
        backup.display(),
        restored.database.display()
    );
    match restored.kept {
        Some(kept) => println!("The database it replaced is kept as {}.", kept.display()),
        None => println!("There was no database there before."),
    }
    Ok(())
}

async fn privacy(config: &Config, command: PrivacyCommand) -> anyhow::Result<()> {
    let raw = match &command {
        PrivacyCommand::Export { email } | PrivacyCommand::Erase { email, .. } => email,
    };
    let english = crate::i18n::Language::new(crate::i18n::DEFAULT_LANGUAGE);
    let address = Address::parse(raw).map_err(|e| anyhow::anyhow!("{}", english.message(&e)))?;
    let pool = startup::connect_existing(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let now = config.clock.now();
    match command {
        PrivacyCommand::Export { .. } => {
            let data = db::privacy::personal_data(&pool, &address).await?;
            let base_url = config.base_url();
            let export = Export::new(&address, &data, &base_url, now, &|t| english.stored(t));
            println!("{}", serde_json::to_string_pretty(&export)?);
        }
        PrivacyCommand::Erase { delete, .. } => {
            let erasure = if delete {
                Erasure::Delete
            } else {
                Erasure::Anonymise
            };
            let erased =
                db::privacy::erase(&pool, &address, erasure, Actor::CommandLine, now).await?;
            println!(
                "{}",
                english.message(&erasure.summary(erased.comments, erased.mail_records))
            );
        }
    }
    Ok(())
}

/// The new password: asked twice on a terminal, else the first line of stdin.
fn read_new_password() -> anyhow::Result<NewPassword> {
    let raw = if std::io::stdin().is_terminal() {
        let first =
            rpassword::prompt_password("Password: ").context("could not read the password")?;
        let second = rpassword::prompt_password("Password (again): ")
            .context("could not read the password")?;
        if first != second {
            anyhow::bail!("the two passwords differ; nothing was changed");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("could not read the password from standard input")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    NewPassword::parse(raw).map_err(|e| anyhow::anyhow!("{e}; nothing was changed"))
}

async fn admin(config: &Config, command: AdminCommand) -> anyhow::Result<()> {
    let (raw_username, creating) = match &command {
        AdminCommand::Create { username, .. } => (username, true),
        AdminCommand::Passwd { username } => (username, false),
        AdminCommand::List => return list_accounts(config).await,
        AdminCommand::ResetTwoStep { username } => return reset_two_step(config, username).await,
    };
    let role = match &command {
        AdminCommand::Create { role, .. } => Role::parse(role)
            .with_context(|| format!("there is no role {role:?}; nothing was changed"))?,
        _ => Role::Admin,
    };
    let profile = new_admin_profile(&command)?;
    let username = Username::parse(raw_username).map_err(|e| anyhow::anyhow!("{e}"))?;
    let pool = startup::connect(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let username = username.as_ref();
    if creating && db::admins::credentials(&pool, username).await?.is_some() {
        anyhow::bail!(
            "an account called '{username}' already exists (use `folio admin passwd {username}` to change the password)"
        );
    }
    if !creating && db::admins::credentials(&pool, username).await?.is_none() {
        anyhow::bail!(
            "there is no account called '{username}' (use `folio admin create {username}`)"
        );
    }
    let hash = password::hash(read_new_password()?).await?;
    let now = config.clock.now();
    if creating {
        if db::admins::create(&pool, username, &hash, role, now).await?
            == db::admins::Created::UsernameTaken
        {
            anyhow::bail!("an account called '{username}' already exists");
        }
        if let Some(profile) = &profile {
            db::admins::set_profile(&pool, username, profile, now).await?;
        }
        println!("Created {role} '{username}'. Log in at /admin/login.");
    } else {
        if !db::admins::change_password(&pool, username, &hash, now).await? {
            anyhow::bail!("there is no account called '{username}'");
        }
        println!(
            "Changed the password of '{username}'; its sessions are ended and any login lock is lifted."
        );
    }
    Ok(())
}

/// `folio admin reset-2fa`: the second factors go, the sessions end; logged.
async fn reset_two_step(config: &Config, raw_username: &str) -> anyhow::Result<()> {
    let username = Username::parse(raw_username).map_err(|e| anyhow::anyhow!("{e}"))?;
    let username = username.as_ref();
    let pool = startup::connect_existing(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let Some(account) = db::admins::credentials(&pool, username).await? else {
        anyhow::bail!("there is no account called '{username}' (see `folio admin list`)");
    };
    let by = db::moderation::Actor::CommandLine;
    let now = config.clock.now();
    if db::two_factor::reset(&pool, account.id, by, now)
        .await?
        .is_none()
    {
        anyhow::bail!("there is no account called '{username}'");
    }
    println!(
        "Removed the second factors of '{username}' and ended its sessions; it signs in with its password alone now."
    );
    Ok(())
}

/// Every account, one a line: login name, role, state, last sign-in.
async fn list_accounts(config: &Config) -> anyhow::Result<()> {
    let pool = startup::connect_existing(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let accounts = db::admins::list(&pool, i64::MAX, 0).await?;
    if accounts.is_empty() {
        println!("There are no accounts yet (create one with `folio admin create <username>`).");
        return Ok(());
    }
    let width = accounts
        .iter()
        .map(|a| a.username.chars().count())
        .max()
        .unwrap_or(0)
        .max("username".len());
    println!(
        "{:width$}  {:9}  {:11}  last sign-in (UTC)",
        "username", "role", "state"
    );
    for account in accounts {
        let state = if account.deactivated_at.is_some() {
            "deactivated"
        } else {
            "active"
        };
        let last = account
            .last_login_at
            .map_or_else(|| "never".to_owned(), crate::domain::time::utc_date_time);
        println!(
            "{:width$}  {:9}  {:11}  {last}",
            account.username,
            account.role.as_str(),
            state
        );
    }
    Ok(())
}

/// The display name and email given to `admin create`, checked before anything is written.
fn new_admin_profile(command: &AdminCommand) -> anyhow::Result<Option<Profile>> {
    let AdminCommand::Create {
        display_name,
        email,
        ..
    } = command
    else {
        return Ok(None);
    };
    let form = ProfileForm {
        display_name: display_name.clone().unwrap_or_default(),
        email: email.clone().unwrap_or_default(),
    };
    let english = crate::i18n::Language::new(crate::i18n::DEFAULT_LANGUAGE);
    let profile = Profile::try_from(&form).map_err(|errors| {
        let first = errors.into_iter().next().map(|(field, message)| {
            format!(
                "--{}: {}",
                field.replace('_', "-"),
                english.message(&message)
            )
        });
        anyhow::anyhow!("{}; nothing was changed", first.unwrap_or_default())
    })?;
    Ok(Some(profile))
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let base_url = config.base_url();
    let app = startup::Application::build(config).await?;
    tracing::info!(port = app.port(), %base_url, "Folio is serving");
    app.run_until_stopped().await?;
    Ok(())
}
