//! `arm-emulator`: a local Azure Resource Manager for any spec armgen reads, over HTTPS on
//! 127.0.0.1, until Ctrl-C or SIGTERM.
//!
//! ```text
//! arm-emulator --spec widgets.yaml --cert-out emulator.pem --token test-token --seed-examples
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use armgen_emulator::{Emulator, EmulatorConfig, SpecSet};

const USAGE: &str = "\
Usage: arm-emulator (--spec FILE)... [--project armgen.yaml] [options]

Serves every operation of the given specs (YAML or JSON, OpenAPI 2.0 with Azure's
extensions) as Azure Resource Manager would, over HTTPS on 127.0.0.1, until Ctrl-C.

Options:
  --spec FILE          serve this spec (repeatable)
  --project FILE       serve the specs of an armgen.yaml (api-versions side by side too)
  --seed-examples      create the resources the specs' example files name
  --cert-out PATH      write the server's self-signed certificate (PEM) to PATH
  --token TOKEN        accept this bearer token (default: random, see --token-out)
  --token-out PATH     write the accepted bearer token to PATH (it is never printed)
  --port PORT          listen on PORT instead of an ephemeral port
  --pid-file PATH      write this process's id to PATH, to stop it with `kill`
  --lro-polls N        polls a long-running operation takes to finish (default 2)
  --page-size N        items per page of a paged list (default 2)
  -h, --help           print this help
";

/// Parsed command line.
#[derive(Default, Debug)]
struct Args {
    specs: Vec<PathBuf>,
    project: Option<PathBuf>,
    seed_examples: bool,
    cert_out: Option<PathBuf>,
    token: Option<String>,
    token_out: Option<PathBuf>,
    port: u16,
    pid_file: Option<PathBuf>,
    lro_polls: Option<u32>,
    page_size: Option<usize>,
}

/// What the command line asks for.
#[derive(Debug)]
enum Command {
    Run(Args),
    Help,
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{flag}: '{text}' is not a number in range"))
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut parsed = Args::default();
    while let Some(arg) = args.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => {
                (flag.to_owned(), Some(value.to_owned()))
            }
            _ => (arg, None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--spec" => parsed.specs.push(PathBuf::from(value("--spec")?)),
            "--project" => parsed.project = Some(PathBuf::from(value("--project")?)),
            "--seed-examples" => parsed.seed_examples = true,
            "--cert-out" => parsed.cert_out = Some(PathBuf::from(value("--cert-out")?)),
            "--token" => parsed.token = Some(value("--token")?),
            "--token-out" => parsed.token_out = Some(PathBuf::from(value("--token-out")?)),
            "--pid-file" => parsed.pid_file = Some(PathBuf::from(value("--pid-file")?)),
            "--port" => parsed.port = number("--port", &value("--port")?)?,
            "--lro-polls" => {
                parsed.lro_polls = Some(number("--lro-polls", &value("--lro-polls")?)?)
            }
            "--page-size" => {
                parsed.page_size = Some(number("--page-size", &value("--page-size")?)?)
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
    }
    if parsed.specs.is_empty() && parsed.project.is_none() {
        return Err("give at least one --spec or a --project".to_owned());
    }
    Ok(Command::Run(parsed))
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Command::Run(args)) => args,
        Ok(Command::Help) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("arm-emulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("arm-emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Every spec the command line names, read into one set.
fn specs(args: &Args) -> Result<SpecSet, String> {
    let mut set = SpecSet::default();
    for path in &args.specs {
        set.extend(SpecSet::load(path).map_err(|e| e.to_string())?);
    }
    if let Some(project) = &args.project {
        let project = armgen::Config::from_project_file(project).map_err(|e| e.to_string())?;
        set.extend(SpecSet::from_config(&project.config).map_err(|e| e.to_string())?);
    }
    Ok(set)
}

async fn run(args: Args) -> Result<(), String> {
    // Registered before anything slow, so a signal arriving during start-up is not missed.
    let stop = StopSignal::register().map_err(|e| format!("cannot listen for signals: {e}"))?;
    let specs = specs(&args)?;
    let mut config = EmulatorConfig::new().with_specs(specs).with_port(args.port);
    if let Some(token) = &args.token {
        config = config.with_token(token.clone());
    }
    if let Some(polls) = args.lro_polls {
        config = config.with_lro_polls(polls);
    }
    if let Some(size) = args.page_size {
        config = config.with_page_size(size);
    }
    let emulator = Emulator::start(config)
        .await
        .map_err(|e| format!("cannot start: {e}"))?;
    let write = |path: &PathBuf, text: &str| {
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
    };
    if args.seed_examples {
        let seeded = emulator.seed_examples();
        println!("seeded: {seeded} resources from the specs' examples");
    }
    if let Some(path) = &args.cert_out {
        write(path, emulator.certificate_pem())?;
    }
    if let Some(path) = &args.token_out {
        write(path, emulator.token())?;
    }
    if let Some(path) = &args.pid_file {
        write(path, &std::process::id().to_string())?;
    }
    let operations = emulator.specs().operation_count();
    println!("endpoint: {}", emulator.endpoint());
    println!("operations: {operations}");
    println!("press Ctrl-C to stop");

    stop.wait().await;
    emulator.shutdown().await;
    Ok(())
}

/// Ctrl-C, and on Unix also SIGTERM, which is what scripts and CI send to stop a server.
struct StopSignal {
    #[cfg(unix)]
    interrupt: tokio::signal::unix::Signal,
    #[cfg(unix)]
    terminate: tokio::signal::unix::Signal,
}

impl StopSignal {
    #[cfg(unix)]
    fn register() -> std::io::Result<Self> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(Self {
            interrupt: signal(SignalKind::interrupt())?,
            terminate: signal(SignalKind::terminate())?,
        })
    }

    #[cfg(not(unix))]
    fn register() -> std::io::Result<Self> {
        Ok(Self {})
    }

    #[cfg(unix)]
    async fn wait(mut self) {
        tokio::select! {
            _ = self.interrupt.recv() => {}
            _ = self.terminate.recv() => {}
        }
    }

    #[cfg(not(unix))]
    async fn wait(self) {
        // Without a listener there is nothing to stop for; run until killed.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Command, String> {
        parse_args(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn parses_flags_in_both_forms() {
        let Ok(Command::Run(args)) = parse(&[
            "--spec",
            "a.yaml",
            "--spec=b.json",
            "--token=t",
            "--port",
            "8443",
            "--lro-polls",
            "0",
        ]) else {
            panic!("expected run");
        };
        assert_eq!(
            args.specs,
            [PathBuf::from("a.yaml"), PathBuf::from("b.json")]
        );
        assert_eq!(args.token.as_deref(), Some("t"));
        assert_eq!(args.port, 8443);
        assert_eq!(args.lro_polls, Some(0));
    }

    #[test]
    fn rejects_bad_input() {
        assert!(matches!(parse(&["--help"]), Ok(Command::Help)));
        assert!(parse(&[]).is_err(), "a spec is required");
        assert!(parse(&["--spec", "a", "--port", "x"]).is_err());
        assert!(parse(&["--spec", "a", "--page-size", "-1"]).is_err());
        assert!(parse(&["--token"]).is_err());
        assert!(parse(&["--what"]).is_err());
    }
}
