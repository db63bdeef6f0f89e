use std::process::ExitCode;

use clap::Parser;
use folio::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; a broken one is named by file and line, and
    // read only once it is known to be whole.
    if let Some(path) = folio::config::find_dotenv() {
        let checked = folio::config::read_dotenv(&path)
            .and_then(|_| dotenvy::from_path(&path).map_err(anyhow::Error::from));
        if let Err(error) = checked {
            eprintln!("folio: {error:#}");
            return ExitCode::FAILURE;
        }
    }
    let cli = Cli::parse();
    let log = folio::telemetry::init(cli.config.log_format);
    let outcome = run(cli).await;
    // Writes out the lines still buffered before anything else is said.
    drop(log);
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("folio: {error:#}");
            ExitCode::FAILURE
        }
    }
}
