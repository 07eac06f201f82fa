//! A standalone ARM emulator for this repository's services (Relay, EventGrid), with sample
//! resources, until Ctrl-C: `cargo run --example emulator -- --cert-out emulator.pem`.
//!
//! The emulator library (`armgen-emulator`) serves whichever generated services it is given;
//! a crate with its own bindings runs its own server the same way, with its `SERVICES`.

use std::path::PathBuf;
use std::process::ExitCode;

use armgen_emulator::{Emulator, EmulatorConfig};

const USAGE: &str = "\
Usage: cargo run --example emulator -- [--cert-out PATH] [--token TOKEN] [--port PORT]

Serves an emulation of Azure Resource Manager over HTTPS on 127.0.0.1 until Ctrl-C.

Options:
  --cert-out PATH   write the server's self-signed certificate (PEM) to PATH
  --token TOKEN     accept this bearer token instead of a random one
  --port PORT       listen on PORT instead of an ephemeral port
  -h, --help        print this help
";

/// Sample resources, named as in the REST API specification's examples.
const RELAY_SUBSCRIPTION: &str = "ffffffff-ffff-ffff-ffff-ffffffffffff";
const RELAY_RESOURCE_GROUP: &str = "resourcegroup";
const RELAY_NAMESPACE: &str = "example-RelayNamespace-01";
const RELAY_RULE: &str = "example-RelayAuthRules-01";
const EVENT_GRID_SUBSCRIPTION: &str = "5b4b650e-28b9-4790-b3ab-ddbd88d727c4";
const EVENT_GRID_RESOURCE_GROUP: &str = "examplerg";
const PARTNER_NAMESPACE: &str = "examplePartnerNamespaceName1";

/// Parsed command line.
#[derive(Default)]
struct Args {
    cert_out: Option<PathBuf>,
    token: Option<String>,
    port: u16,
}

/// What the command line asks for.
enum Command {
    Run(Args),
    Help,
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
            "--cert-out" => parsed.cert_out = Some(PathBuf::from(value("--cert-out")?)),
            "--token" => parsed.token = Some(value("--token")?),
            "--port" => {
                let port = value("--port")?;
                parsed.port = port
                    .parse()
                    .map_err(|_| format!("--port: '{port}' is not a port number"))?;
            }
            other => return Err(format!("unknown argument '{other}'")),
        }
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
            eprintln!("emulator: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("emulator: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    // Registered before anything slow, so a signal arriving during start-up is not missed.
    let stop = StopSignal::register().map_err(|e| format!("cannot listen for signals: {e}"))?;
    let mut config = EmulatorConfig::new()
        .with_services(arm_bindings::SERVICES)
        .with_port(args.port);
    if let Some(token) = args.token {
        config = config.with_token(token);
    }
    let emulator = Emulator::start(config)
        .await
        .map_err(|e| format!("cannot start: {e}"))?;
    emulator
        .add_relay_namespace(
            RELAY_SUBSCRIPTION,
            RELAY_RESOURCE_GROUP,
            RELAY_NAMESPACE,
            &[RELAY_RULE],
        )
        .and_then(|()| {
            emulator.add_partner_namespace(
                EVENT_GRID_SUBSCRIPTION,
                EVENT_GRID_RESOURCE_GROUP,
                PARTNER_NAMESPACE,
            )
        })
        .map_err(|e| format!("cannot seed resources: {e}"))?;
    if let Some(path) = &args.cert_out {
        std::fs::write(path, emulator.certificate_pem())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }

    // The token is printed on purpose: it is this process's output, meant for the user.
    println!("endpoint: {}", emulator.endpoint());
    println!("token: {}", emulator.token());
    if let Some(path) = &args.cert_out {
        println!("certificate: {}", path.display());
    }
    println!(
        "relay: /subscriptions/{RELAY_SUBSCRIPTION}/resourceGroups/{RELAY_RESOURCE_GROUP}/providers/Microsoft.Relay/namespaces/{RELAY_NAMESPACE}/authorizationRules/{RELAY_RULE}"
    );
    println!(
        "event grid: /subscriptions/{EVENT_GRID_SUBSCRIPTION}/resourceGroups/{EVENT_GRID_RESOURCE_GROUP}/providers/Microsoft.EventGrid/partnerNamespaces/{PARTNER_NAMESPACE}"
    );
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
        let Ok(Command::Run(args)) = parse(&["--cert-out", "c.pem", "--token=t", "--port", "8443"])
        else {
            panic!("expected run");
        };
        assert_eq!(args.cert_out, Some(PathBuf::from("c.pem")));
        assert_eq!(args.token.as_deref(), Some("t"));
        assert_eq!(args.port, 8443);
    }

    #[test]
    fn rejects_bad_input() {
        assert!(matches!(parse(&["--help"]), Ok(Command::Help)));
        assert!(parse(&["--port", "x"]).is_err());
        assert!(parse(&["--token"]).is_err());
        assert!(parse(&["--what"]).is_err());
    }
}
