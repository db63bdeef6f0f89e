use std::process::ExitCode;

use clap::Parser;
use folio::cli::{Cli, run};

#[tokio::main]
async fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth saying.
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("folio: could not read .env: {error}");
        return ExitCode::FAILURE;
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
