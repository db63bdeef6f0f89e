//! The `folio` command line.

use clap::{Parser, Subcommand};

use crate::config::Config;
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
    }
}

async fn serve(config: Config) -> anyhow::Result<()> {
    let base_url = config.base_url();
    let app = startup::Application::build(config).await?;
    tracing::info!(port = app.port(), %base_url, "Folio is serving");
    app.run_until_stopped().await?;
    Ok(())
}
