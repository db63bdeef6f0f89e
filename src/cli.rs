//! The `folio` command line.

use std::io::{BufRead, IsTerminal};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::auth::password;
use crate::config::Config;
use crate::db;
use crate::domain::admin::{NewPassword, Username};
use crate::domain::comment::CommenterEmail;
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
    /// Write a consistent copy of the database to a new file, safely while the server runs.
    Backup {
        /// Where to write the copy; must not exist yet.
        file: std::path::PathBuf,
    },
    /// Manage admin accounts.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create an admin account. The password is asked twice on a terminal, or read
    /// from the first line of standard input when it is not a terminal.
    Create {
        /// The login name (letters, digits, '.', '_' and '-').
        username: String,
        /// Where this admin is told of new comments (can be set later on the account page).
        #[arg(long)]
        email: Option<String>,
    },
    /// Set a new password for an admin; also lifts a login lock and ends the account's sessions.
    Passwd {
        /// The login name of an existing admin.
        username: String,
    },
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(cli.config).await,
        Command::Migrate => {
            let pool = startup::connect(&cli.config.database_url).await?;
            let pending = startup::pending_migrations(&pool).await?;
            startup::migrate(&pool).await?;
            if pending.is_empty() {
                println!("The database is up to date; nothing to apply.");
            } else {
                println!("Applied {} migration(s).", pending.len());
            }
            Ok(())
        }
        Command::Admin(command) => admin(&cli.config, command).await,
        Command::Backup { file } => backup(&cli.config, &file).await,
    }
}

async fn backup(config: &Config, file: &std::path::Path) -> anyhow::Result<()> {
    if file.exists() {
        anyhow::bail!(
            "{} already exists; choose a new file name for the backup",
            file.display()
        );
    }
    let target = file
        .to_str()
        .context("the backup file name must be valid UTF-8")?;
    let pool = startup::connect(&config.database_url).await?;
    if !startup::pending_migrations(&pool).await?.is_empty() {
        anyhow::bail!("the database is not set up (or not migrated); run `folio migrate` first");
    }
    db::backup_into(&pool, target)
        .await
        .with_context(|| format!("could not write the backup to {}", file.display()))?;
    println!("Backed up the database to {}.", file.display());
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
    let (raw_username, creating, raw_email) = match &command {
        AdminCommand::Create { username, email } => (username, true, email.as_deref()),
        AdminCommand::Passwd { username } => (username, false, None),
    };
    let username = Username::parse(raw_username).map_err(|e| anyhow::anyhow!("{e}"))?;
    let email = raw_email
        .map(CommenterEmail::parse)
        .transpose()
        .map_err(|e| anyhow::anyhow!("--email: {e}"))?;
    let pool = startup::connect(&config.database_url).await?;
    startup::migrate(&pool).await?;
    let username = username.as_ref();
    if creating && db::admins::credentials(&pool, username).await?.is_some() {
        anyhow::bail!(
            "an admin called '{username}' already exists (use `folio admin passwd {username}` to change the password)"
        );
    }
    if !creating && db::admins::credentials(&pool, username).await?.is_none() {
        anyhow::bail!(
            "there is no admin called '{username}' (use `folio admin create {username}`)"
        );
    }
    let hash = password::hash(read_new_password()?).await?;
    let now = config.clock.now();
    if creating {
        if db::admins::create(&pool, username, &hash, now).await?
            == db::admins::Created::UsernameTaken
        {
            anyhow::bail!("an admin called '{username}' already exists");
        }
        if let Some(email) = &email {
            db::admins::set_email(&pool, username, Some(email.as_ref()), now).await?;
            println!(
                "Created admin '{username}', told of new comments by email. Log in at /admin/login."
            );
        } else {
            println!("Created admin '{username}'. Log in at /admin/login.");
        }
    } else {
        if !db::admins::change_password(&pool, username, &hash, now).await? {
            anyhow::bail!("there is no admin called '{username}'");
        }
        println!(
            "Changed the password of '{username}'; its sessions are ended and any login lock is lifted."
        );
    }
    Ok(())
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let base_url = config.base_url();
    let app = startup::Application::build(config).await?;
    tracing::info!(port = app.port(), %base_url, "Folio is serving");
    app.run_until_stopped().await?;
    Ok(())
}
