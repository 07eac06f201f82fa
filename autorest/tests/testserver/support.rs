//! The test server's lifecycle and the scenario runner.
//!
//! [`TestServer::start`] makes a self-signed certificate, starts
//! `node serve.js` (the package's own server, over HTTPS on 127.0.0.1 and a
//! port the kernel picks) and waits until it answers. Dropping it stops the
//! process by its PID, so a panic stops it too. [`Coverage::read`] reads the
//! reports the server wrote.

use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::io::{BufRead as _, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use armgen_runtime::ArmClientOptions;
use azure_core::credentials::TokenCredential;
use azure_core::error::ErrorKind;
use azure_core::http::policies::{Policy, PolicyResult};
use azure_core::http::{ClientOptions, Context, Request, Response, RetryOptions, Transport, Url};

/// The report files the server writes, by category.
pub const REPORTS: &[&str] = &["azure", "vanilla", "optional"];

/// How long the server may take to answer after it was started.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// One test: the scenarios of the server it exercises and asserts, and the
/// code that does it (it panics when a result is not the expected one).
pub struct Test {
    /// `module::function`.
    pub name: &'static str,
    /// The names, in the server's reports, of the scenarios this test
    /// exercises; each counts only when the test passed.
    pub scenarios: &'static [&'static str],
    /// The test itself.
    pub run: fn(Ctx) -> Pin<Box<dyn Future<Output = ()> + Send>>,
}

/// Scenarios no test exercises yet, and why.
pub struct Gap {
    /// The scenario names in the server's reports.
    pub scenarios: &'static [&'static str],
    /// Why they are not covered (what armgen lacks, or does differently).
    pub reason: &'static str,
}

/// Declares async test functions, each with the scenarios it covers, and the
/// module's `TESTS` table.
///
/// ```ignore
/// scenarios! {
///     ["putIntegerMax"] async fn put_max32(ctx) { … }
/// }
/// ```
macro_rules! scenarios {
    ($( [$($scenario:literal),* $(,)?] async fn $name:ident($ctx:ident) $body:block )*) => {
        $( async fn $name($ctx: $crate::support::Ctx) $body )*

        /// This module's tests.
        pub const TESTS: &[$crate::support::Test] = &[$(
            $crate::support::Test {
                name: concat!(module_path!(), "::", stringify!($name)),
                scenarios: &[$($scenario),*],
                run: |ctx| Box::pin($name(ctx)),
            }
        ),*];
    };
}
pub(crate) use scenarios;

/// What every test gets: how to reach the running server.
#[derive(Clone)]
pub struct Ctx {
    endpoint: Url,
    http: reqwest::Client,
    credential: Arc<armgen_runtime::StaticTokenCredential>,
    cookies: Arc<ScenarioCookie>,
}

/// The test server keeps the state of several scenarios (a first answer of
/// 500, the polls of a long-running operation) in a `scenario` cookie, as
/// AutoRest's own clients keep cookies in their HTTP session. ARM services
/// use no cookies, so the generated clients do not either: this policy,
/// added to the test clients' pipelines only, sends back the cookie the
/// server set. One per test, so tests do not share state.
#[derive(Debug, Default)]
pub struct ScenarioCookie(std::sync::Mutex<Option<String>>);

#[armgen_runtime::async_trait]
impl Policy for ScenarioCookie {
    async fn send(
        &self,
        ctx: &Context,
        request: &mut Request,
        next: &[Arc<dyn Policy>],
    ) -> PolicyResult {
        let cookie = self.0.lock().unwrap().clone();
        if let Some(cookie) = cookie {
            request.insert_header("cookie", cookie);
        }
        let response = next[0].send(ctx, request, &next[1..]).await?;
        if let Some(set) = response.headers().get_optional_str(&"set-cookie".into()) {
            let pair = set.split(';').next().unwrap_or_default().trim().to_owned();
            // `res.clearCookie` sends an empty value that has expired.
            let cleared = pair.ends_with('=') || set.contains("1970");
            *self.0.lock().unwrap() = (!cleared).then_some(pair);
        }
        Ok(response)
    }
}

impl Ctx {
    /// The server's base URL, `https://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> Url {
        self.endpoint.clone()
    }

    /// `host:PORT`, what AutoRest's tests pass as the `host` parameter of
    /// the parameterized-host scenarios (`host:3000`): after the account
    /// name `local`, it names this server as `localhost:PORT`.
    pub fn host_parameter(&self) -> String {
        format!("host:{}", self.endpoint.port().unwrap_or(443))
    }

    /// A credential: the test server does not check tokens, but clients
    /// send one.
    pub fn credential(&self) -> Arc<dyn TokenCredential> {
        self.credential.clone()
    }

    /// Client options for the server: its endpoint, a transport that trusts
    /// its certificate, and retries without long back-offs (several
    /// scenarios answer 500 once and expect the retry).
    pub fn options(&self) -> ArmClientOptions {
        ArmClientOptions {
            client_options: ClientOptions {
                transport: Some(Transport::new(Arc::new(self.http.clone()))),
                per_try_policies: vec![self.cookies.clone()],
                retry: RetryOptions::fixed(azure_core::http::FixedRetryOptions {
                    delay: azure_core::time::Duration::milliseconds(10),
                    max_retries: 3,
                    ..Default::default()
                }),
                ..Default::default()
            },
            endpoint: Some(self.endpoint()),
            ..Default::default()
        }
    }

    /// [`options`](Self::options) with no retries at all, for scenarios
    /// whose error must reach the caller as the server sent it.
    pub fn options_without_retries(&self) -> ArmClientOptions {
        let mut options = self.options();
        options.client_options.retry = RetryOptions::none();
        options
    }
}

/// The running test server; dropping it stops the process.
pub struct TestServer {
    child: Child,
    port: u16,
    dir: PathBuf,
    http: reqwest::Client,
}

impl TestServer {
    /// Starts `node serve.js` from the package folder `package` and waits
    /// until it answers over HTTPS. Its log goes to `dir/server.log`, its
    /// coverage reports to `dir/coverage`.
    pub fn start(package: &Path, dir: &Path) -> Result<Self, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let certificate = rcgen::generate_simple_self_signed(vec![
            "127.0.0.1".to_owned(),
            "localhost".to_owned(),
        ])
        .map_err(|e| format!("cannot make a certificate: {e}"))?;
        let cert_file = dir.join("cert.pem");
        let key_file = dir.join("key.pem");
        std::fs::write(&cert_file, certificate.cert.pem()).map_err(|e| e.to_string())?;
        std::fs::write(&key_file, certificate.signing_key.serialize_pem())
            .map_err(|e| e.to_string())?;
        let coverage = dir.join("coverage");
        // A report left from an earlier run must not count.
        let _ = std::fs::remove_dir_all(&coverage);
        let serve = Path::new(env!("CARGO_MANIFEST_DIR")).join("serve.js");
        let mut child = Command::new("node")
            .arg(&serve)
            .arg(package)
            .arg(&cert_file)
            .arg(&key_file)
            .arg(&coverage)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot run `node` ({e}): the tests need Node.js"))?;
        let log_path = dir.join("server.log");
        let port = read_port(&mut child, &log_path);
        let http = reqwest::Client::builder()
            .tls_certs_only([reqwest::Certificate::from_der(certificate.cert.der())
                .map_err(|e| e.to_string())?])
            // Clients of ARM never follow redirects; the 3xx scenarios
            // check exactly that the 3xx reaches them.
            .redirect(reqwest::redirect::Policy::none())
            // The `x-ms-parameterized-host` scenarios name the server
            // `localhost` (`"local" + "host:PORT"`): it is 127.0.0.1 only,
            // whatever the resolver would answer (the port is the URL's).
            .resolve("localhost", std::net::SocketAddr::from(([127, 0, 0, 1], 0)))
            .connect_timeout(Duration::from_secs(10))
            .read_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| e.to_string())?;
        let mut server = TestServer {
            child,
            port: 0,
            dir: dir.to_owned(),
            http,
        };
        server.port = port.map_err(|e| {
            format!(
                "the test server did not start: {e}; its log is {}",
                log_path.display()
            )
        })?;
        Ok(server)
    }

    /// The process id, which stops it.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What tests need to reach the server.
    pub fn ctx(&self) -> Ctx {
        Ctx {
            endpoint: Url::parse(&format!("https://127.0.0.1:{}", self.port)).expect("a valid URL"),
            http: self.http.clone(),
            credential: armgen_runtime::StaticTokenCredential::new("test-token"),
            cookies: Arc::default(),
        }
    }

    /// Stops the server (SIGTERM by PID, then SIGKILL if it has not exited
    /// within 10 s) and returns the folder of its coverage reports.
    pub fn stop(mut self) -> PathBuf {
        self.terminate();
        self.dir.join("coverage")
    }

    fn terminate(&mut self) {
        if let Ok(Some(_)) = self.child.try_wait() {
            return;
        }
        // SIGTERM lets serve.js finish writing its reports before exiting.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.terminate();
    }
}

/// Copies the server's output to `log` and returns the port once it says
/// `LISTENING <port>`; both pipes keep being drained into the log after.
fn read_port(child: &mut Child, log: &Path) -> Result<u16, String> {
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let file = std::fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let file = Arc::new(std::sync::Mutex::new(file));
    let (port_tx, port_rx) = std::sync::mpsc::channel();
    {
        let file = Arc::clone(&file);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = writeln!(file.lock().unwrap(), "{line}");
            }
        });
    }
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(port) = line.strip_prefix("LISTENING ") {
                let _ = port_tx.send(port.trim().parse::<u16>().ok());
            }
            let _ = writeln!(file.lock().unwrap(), "{line}");
        }
    });
    match port_rx.recv_timeout(START_TIMEOUT) {
        Ok(Some(port)) => Ok(port),
        Ok(None) => Err("it printed a port that is not a number".to_owned()),
        Err(_) => match child.try_wait() {
            Ok(Some(status)) => Err(format!("it exited ({status})")),
            _ => Err(format!("it printed no port within {START_TIMEOUT:?}")),
        },
    }
}

/// The server's coverage reports: for each category, each scenario and how
/// often it was exercised.
pub struct Coverage(pub BTreeMap<&'static str, BTreeMap<String, u64>>);

impl Coverage {
    /// Reads `report-<category>.json` of every category in [`REPORTS`].
    pub fn read(dir: &Path) -> Result<Self, String> {
        let mut reports = BTreeMap::new();
        for category in REPORTS {
            let path = dir.join(format!("report-{category}.json"));
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let report: BTreeMap<String, u64> =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            reports.insert(*category, report);
        }
        Ok(Coverage(reports))
    }

    /// The scenarios exercised at least once, in every report.
    pub fn exercised(&self) -> BTreeSet<&str> {
        self.0
            .values()
            .flat_map(|report| report.iter())
            .filter(|(_, count)| **count > 0)
            .map(|(name, _)| name.as_str())
            .collect()
    }
}

/// The model of a successful response; panics with the error otherwise.
#[track_caller]
pub fn model<T: armgen_runtime::__private::serde::de::DeserializeOwned>(
    result: azure_core::Result<Response<T>>,
) -> T {
    match result {
        Ok(response) => response
            .into_model()
            .unwrap_or_else(|e| panic!("the success body does not decode: {e:?}")),
        Err(error) => panic!("expected a success, got: {error:?}"),
    }
}

/// The success body of a call read in its own format (bytes with
/// `BinaryFormat`, text with `TextFormat`); panics with the error otherwise.
#[track_caller]
pub fn success_body<T, F>(result: azure_core::Result<Response<T, F>>) -> T
where
    T: azure_core::http::DeserializeWith<F>,
    F: azure_core::http::Format,
{
    match result {
        Ok(response) => response
            .into_model()
            .unwrap_or_else(|e| panic!("the success body does not read: {e:?}")),
        Err(error) => panic!("expected a success, got: {error:?}"),
    }
}

/// The status of a successful response; panics with the error otherwise.
#[track_caller]
pub fn status<T, F>(result: azure_core::Result<Response<T, F>>) -> u16 {
    match result {
        Ok(response) => u16::from(response.status()),
        Err(error) => panic!("expected a success, got: {error:?}"),
    }
}

/// The error of a failed call; panics when it succeeded.
#[track_caller]
pub fn error<T, F>(result: azure_core::Result<Response<T, F>>) -> azure_core::Error {
    match result {
        Ok(response) => panic!("expected an error, got status {}", response.status()),
        Err(error) => error,
    }
}

/// Asserts a body that does not decode into the declared type: an
/// `ErrorKind::DataConversion` error, as AutoRest's suites expect a
/// deserialization error.
#[track_caller]
pub fn assert_decode_error<T, F>(result: azure_core::Result<Response<T, F>>) {
    let error = error(result);
    assert!(
        matches!(error.kind(), ErrorKind::DataConversion),
        "expected a decoding error, got: {error:?}"
    );
}

/// Asserts an error status reported as `ErrorKind::HttpResponse` with that
/// status; returns the error for further checks.
#[track_caller]
pub fn assert_status_error<T, F>(
    result: azure_core::Result<Response<T, F>>,
    expected: u16,
) -> azure_core::Error {
    let error = error(result);
    match error.kind() {
        ErrorKind::HttpResponse { status, .. } => {
            assert_eq!(u16::from(*status), expected, "{error:?}")
        }
        _ => panic!("expected an HTTP {expected} error, got: {error:?}"),
    }
    error
}

/// Asserts a constraint violation caught before sending: an
/// `armgen_runtime::ValidationErrors` naming `what`.
#[track_caller]
pub fn assert_validation_error<T, F>(result: azure_core::Result<Response<T, F>>, what: &str) {
    let error = error(result);
    let errors = error
        .downcast_ref::<armgen_runtime::ValidationErrors>()
        .unwrap_or_else(|| panic!("expected a validation error, got: {error:?}"));
    let text = errors.to_string();
    assert!(text.contains(what), "`{text}` does not mention `{what}`");
}

/// Poller options that poll without delay when the server sends no
/// `Retry-After` (the server's scenarios do not need one; the default 5 s
/// would make the run slow), bounded so that a broken scenario ends.
pub fn fast_polling() -> armgen_runtime::PollerOptions<'static> {
    armgen_runtime::PollerOptions {
        frequency: Duration::from_millis(1),
        max_polls: 50,
        timeout: Some(Duration::from_secs(30)),
        ..Default::default()
    }
}

/// Follows a long-running operation started by a `begin_*` method to its
/// end, and decodes the final model.
pub async fn finish<T>(
    begin: azure_core::Result<azure_core::http::poller::Poller<armgen_runtime::OperationStatus<T>>>,
) -> azure_core::Result<T>
where
    T: armgen_runtime::__private::serde::de::DeserializeOwned + Send + Sync + 'static,
{
    begin?.await?.into_model()
}

/// [`finish`] for an operation whose result has no body.
pub async fn finish_empty(
    begin: azure_core::Result<
        azure_core::http::poller::Poller<
            armgen_runtime::OperationStatus<(), azure_core::http::NoFormat>,
        >,
    >,
) -> azure_core::Result<()> {
    begin?.await?;
    Ok(())
}

/// Asserts that a successful response's model serializes to `expected`
/// (the value the server sent, as AutoRest's tests compare it).
#[track_caller]
pub fn assert_model<T>(result: azure_core::Result<Response<T>>, expected: serde_json::Value)
where
    T: armgen_runtime::__private::serde::de::DeserializeOwned
        + armgen_runtime::__private::serde::Serialize,
{
    let value = model(result);
    let actual = serde_json::to_value(&value).expect("the model serializes");
    assert_eq!(actual, expected);
}

/// A request body built from the JSON the scenario expects, whatever Rust
/// type the spec gives it (`Vec<Option<T>>` where nulls are tolerated).
#[track_caller]
pub fn body<T: armgen_runtime::__private::serde::de::DeserializeOwned>(
    value: serde_json::Value,
) -> T {
    serde_json::from_value(value).expect("the JSON fits the body type")
}
