//! A local emulator of a slice of Azure Resource Manager (ARM), served over real HTTPS on
//! 127.0.0.1, for offline tests of generated Azure clients.
//!
//! It emulates, with ARM's status codes, error bodies and headers:
//!
//! * Microsoft.Relay `Namespaces_ListKeys` (api-version `2024-01-01`),
//! * Microsoft.EventGrid `PartnerNamespaces_ListSharedAccessKeys` and
//!   `PartnerNamespaces_RegenerateKey` (api-version `2025-02-15`).
//!
//! Tests seed resources, point a client at [`Emulator::endpoint`] trusting
//! [`Emulator::certificate_der`] and sending `Authorization: Bearer` [`Emulator::token`], then
//! inspect the [request log](Emulator::requests) and the resources' current keys. Queued
//! [faults](Fault) reproduce throttling, server errors, corrupt bodies, slowness and dropped
//! connections.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use arm_emulator::{Emulator, EmulatorConfig, Fault};
//!
//! let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! emulator.add_partner_namespace("sub", "rg", "pn")?;
//! emulator.inject_faults(Fault::TooManyRequests { retry_after_secs: 1 }, 2);
//! // ... run the client under test against emulator.endpoint() ...
//! assert_eq!(emulator.requests().len(), 3);
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod config;
mod error;
mod faults;
mod handlers;
mod log;
mod random;
mod response;
pub mod routes;
mod server;
mod state;
mod tls;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{
    DEFAULT_REQUEST_LOG_CAPACITY, EVENT_GRID_API_VERSION, EVENT_GRID_PROVIDER, EmulatorConfig,
    RELAY_API_VERSION, RELAY_PROVIDER,
};
pub use faults::Fault;
pub use log::RecordedRequest;
pub use state::{PartnerNamespaceKeys, RelayKeys};

use crate::faults::FaultQueue;
use crate::log::RequestLog;
use crate::server::{Shared, lock};
use crate::state::Store;

/// A running emulator: an HTTPS server on an ephemeral port of 127.0.0.1.
///
/// Stop it with [`shutdown`](Emulator::shutdown); dropping it also stops the server and aborts
/// open connections, without waiting for them.
pub struct Emulator {
    addr: SocketAddr,
    certificate_pem: String,
    certificate_der: Vec<u8>,
    shared: Arc<Shared>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl Emulator {
    /// Generates a self-signed certificate, binds `127.0.0.1` (port 0 unless
    /// [`EmulatorConfig::with_port`] says otherwise) and starts serving on the current tokio
    /// runtime. No resources exist until seeded.
    ///
    /// # Errors
    ///
    /// Fails if the port cannot be bound, or if key or certificate generation fails.
    pub async fn start(config: EmulatorConfig) -> io::Result<Emulator> {
        let token = match config.token {
            Some(token) => token,
            None => random::bearer_token()?,
        };
        let identity = tls::generate()?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            token,
            api_versions: config.api_versions,
            routes: routes::ROUTES,
            store: Mutex::new(Store::default()),
            log: Mutex::new(RequestLog::new(config.request_log_capacity)),
            faults: Mutex::new(FaultQueue::default()),
        });
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(server::run(
            listener,
            identity.acceptor,
            Arc::clone(&shared),
            stopped,
        ));
        Ok(Emulator {
            addr,
            certificate_pem: identity.pem,
            certificate_der: identity.der,
            shared,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The base URL clients use instead of `https://management.azure.com`, e.g.
    /// `https://127.0.0.1:49152` (no trailing slash).
    pub fn endpoint(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's self-signed certificate in PEM, valid for `127.0.0.1` and `localhost`;
    /// clients trust it as a root.
    pub fn certificate_pem(&self) -> &str {
        &self.certificate_pem
    }

    /// The server's self-signed certificate in DER.
    pub fn certificate_der(&self) -> &[u8] {
        &self.certificate_der
    }

    /// The bearer token the emulator accepts in `Authorization: Bearer <token>`.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// Seeds a Microsoft.Relay namespace with authorization rules, each given two fresh keys.
    ///
    /// Names are matched case-insensitively, as ARM does. Seeding an existing namespace adds
    /// the rules it lacks; existing rules keep their keys.
    ///
    /// # Errors
    ///
    /// Fails only if the system random generator does.
    pub fn add_relay_namespace(
        &self,
        subscription_id: &str,
        resource_group: &str,
        namespace: &str,
        authorization_rules: &[&str],
    ) -> io::Result<()> {
        lock(&self.shared.store).add_relay_namespace(
            subscription_id,
            resource_group,
            namespace,
            authorization_rules,
        )
    }

    /// The current keys of a Relay authorization rule, or `None` if it was never seeded.
    pub fn relay_keys(
        &self,
        subscription_id: &str,
        resource_group: &str,
        namespace: &str,
        authorization_rule: &str,
    ) -> Option<RelayKeys> {
        lock(&self.shared.store)
            .relay_keys(
                subscription_id,
                resource_group,
                namespace,
                authorization_rule,
            )
            .ok()
    }

    /// Seeds a Microsoft.EventGrid partner namespace with two fresh keys. Seeding an existing
    /// one (names compared case-insensitively) leaves it unchanged.
    ///
    /// # Errors
    ///
    /// Fails only if the system random generator does.
    pub fn add_partner_namespace(
        &self,
        subscription_id: &str,
        resource_group: &str,
        name: &str,
    ) -> io::Result<()> {
        lock(&self.shared.store).add_partner_namespace(subscription_id, resource_group, name)
    }

    /// The current keys of a partner namespace, or `None` if it was never seeded.
    pub fn partner_namespace_keys(
        &self,
        subscription_id: &str,
        resource_group: &str,
        name: &str,
    ) -> Option<PartnerNamespaceKeys> {
        lock(&self.shared.store)
            .partner_namespace_keys(subscription_id, resource_group, name)
            .ok()
    }

    /// Every request received so far (up to the log's capacity), oldest first, including
    /// rejected and faulted ones.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).snapshot()
    }

    /// Like [`requests`](Emulator::requests), but also empties the log.
    pub fn take_requests(&self) -> Vec<RecordedRequest> {
        lock(&self.shared.log).take()
    }

    /// Number of requests in the log.
    pub fn request_count(&self) -> usize {
        lock(&self.shared.log).len()
    }

    /// Applies `fault` to the next incoming request not claimed by an earlier fault.
    pub fn inject_fault(&self, fault: Fault) {
        self.inject_faults(fault, 1);
    }

    /// Applies `fault` to each of the next `count` incoming requests not claimed by earlier
    /// faults; faults are applied in the order they were injected.
    pub fn inject_faults(&self, fault: Fault, count: usize) {
        lock(&self.shared.faults).push(fault, count);
    }

    /// How many incoming requests will still be faulted.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).pending()
    }

    /// Cancels every fault not yet applied.
    pub fn clear_faults(&self) {
        lock(&self.shared.faults).clear();
    }

    /// Stops accepting connections, aborts open ones and waits until all server tasks ended.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            // The task only ends by this signal; a join error would mean it panicked or was
            // aborted, and either way it is gone, which is all shutdown promises.
            let _ = task.await;
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        // Drop cannot wait; aborting the server task also aborts its connection tasks.
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

// Hand-written so that the token never reaches test output or logs.
impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator")
            .field("endpoint", &self.endpoint())
            .field("token", &"<redacted>")
            .field("pending_faults", &self.pending_faults())
            .field("request_count", &self.request_count())
            .finish_non_exhaustive()
    }
}
