//! A local emulator of a slice of Azure Resource Manager (ARM), served over real HTTPS on
//! 127.0.0.1, for offline tests of generated Azure clients.
//!
//! The emulator is built from the same spec as the clients: it routes every operation of the
//! generated services ([`arm_bindings::SERVICES`]), accepts the api-version each was generated
//! for, and decodes and validates request bodies with the generated models. It emulates, with
//! ARM's status codes, error bodies and headers:
//!
//! * Microsoft.Relay namespaces: `Namespaces_Get`, and `Namespaces_CreateOrUpdate` and
//!   `Namespaces_Delete` as long-running operations (ARM's asynchronous pattern, polled through
//!   `Azure-AsyncOperation` and `Location`),
//! * their authorization rules: the paged `Namespaces_ListAuthorizationRules` and
//!   `Namespaces_ListKeys`,
//! * Microsoft.EventGrid `PartnerNamespaces_ListSharedAccessKeys` and
//!   `PartnerNamespaces_RegenerateKey`.
//!
//! A generated operation without an implementation here answers 501 `NotImplemented`.
//!
//! Tests seed resources, point a client at the emulator, then inspect the
//! [request log](Emulator::requests) and the resources' current state. Queued [faults](Fault)
//! reproduce throttling, server errors, corrupt bodies, slowness, dropped connections and any
//! scripted answer.
//! [`check_regenerations`] tells whether concurrent key regenerations lost an update.
//!
//! A generated client needs only [`Emulator::client_options`] (a transport that trusts the
//! emulator's certificate), [`Emulator::endpoint_url`] and [`Emulator::credential`]:
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use arm_bindings::relay::clients::{RelayClient, RelayClientOptions};
//! use arm_emulator::{Emulator, EmulatorConfig, Fault};
//!
//! let emulator = Emulator::start(EmulatorConfig::default()).await?;
//! emulator.add_relay_namespace("sub", "rg", "my-namespace", &["RootManageSharedAccessKey"])?;
//!
//! let client = RelayClient::new(
//!     "sub",
//!     emulator.credential(),
//!     Some(RelayClientOptions {
//!         client_options: emulator.client_options(),
//!         endpoint: Some(emulator.endpoint_url()),
//!         ..Default::default()
//!     }),
//! )?;
//! emulator.inject_fault(Fault::TooManyRequests { retry_after_secs: 0 });
//! let keys = client
//!     .namespaces()
//!     .list_keys("rg", "my-namespace", "RootManageSharedAccessKey", None)
//!     .await?
//!     .into_model()?;
//! let expected = emulator.relay_keys("sub", "rg", "my-namespace", "RootManageSharedAccessKey");
//! assert_eq!(
//!     keys.primary_key.map(|k| k.secret().to_owned()),
//!     expected.map(|k| k.primary_key)
//! );
//! // The throttled try and the retry.
//! assert_eq!(emulator.request_count(), 2);
//! emulator.shutdown().await;
//! # Ok(())
//! # }
//! ```

#![warn(missing_docs)]

mod body;
mod catalog;
mod client;
mod config;
mod error;
mod eventgrid;
mod faults;
mod handlers;
mod history;
mod log;
mod lro;
mod paging;
mod polling;
mod query;
mod random;
mod relay;
mod response;
pub mod routes;
mod server;
mod state;
mod tls;

use std::fmt;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};

use arm_bindings::runtime::StaticTokenCredential;
use azure_core::http::{ClientOptions, Url};
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use config::{
    DEFAULT_LRO_POLLS, DEFAULT_PAGE_SIZE, DEFAULT_REQUEST_LOG_CAPACITY, EVENT_GRID_API_VERSION,
    EVENT_GRID_PROVIDER, EmulatorConfig, RELAY_API_VERSION, RELAY_PROVIDER,
};
pub use faults::Fault;
pub use history::{HistoryError, Regeneration, check_regenerations};
pub use log::RecordedRequest;
pub use routes::Route;
pub use state::{PartnerKeyName, PartnerNamespaceKeys, RelayKeys, RelayNamespaceState};

use crate::faults::FaultQueue;
use crate::log::RequestLog;
use crate::server::{Settings, Shared, lock};
use crate::state::Store;

/// A running emulator: an HTTPS server on an ephemeral port of 127.0.0.1.
///
/// Stop it with [`shutdown`](Emulator::shutdown); dropping it also stops the server and aborts
/// open connections, without waiting for them.
pub struct Emulator {
    addr: SocketAddr,
    endpoint_url: Url,
    certificate_pem: String,
    certificate_der: Vec<u8>,
    http_client: reqwest::Client,
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
    /// Fails if the port cannot be bound, if key or certificate generation fails, or if the
    /// HTTP client of [`client_options`](Emulator::client_options) cannot be built.
    pub async fn start(config: EmulatorConfig) -> io::Result<Emulator> {
        let token = match config.token.clone() {
            Some(token) => token,
            None => random::bearer_token()?,
        };
        let identity = tls::generate()?;
        let http_client = client::http_client(&identity.der)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, config.port)).await?;
        let addr = listener.local_addr()?;
        let endpoint = format!("https://{addr}");
        let endpoint_url = Url::parse(&endpoint).map_err(io::Error::other)?;
        let mut routes = catalog::routes(config.services);
        routes.extend_from_slice(routes::EMULATOR_ROUTES);
        let settings = Settings {
            next_link_base: config
                .next_link_base
                .clone()
                .unwrap_or_else(|| endpoint.clone()),
            endpoint,
            page_size: config.page_size,
            lro_polls: config.lro_polls,
            lro_retry_after_secs: config.lro_retry_after_secs,
        };
        let shared = Arc::new(Shared {
            token,
            api_versions: config.all_api_versions(),
            routes,
            settings,
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
            endpoint_url,
            certificate_pem: identity.pem,
            certificate_der: identity.der,
            http_client,
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

    /// [`endpoint`](Emulator::endpoint) as a URL, for a generated client's `endpoint` option.
    pub fn endpoint_url(&self) -> Url {
        self.endpoint_url.clone()
    }

    /// Options for a generated client (or any Azure SDK client) that sends its requests to
    /// this emulator: the transport is a reqwest client that trusts exactly the emulator's
    /// certificate, does not follow redirects, and times out like `azure_core`'s default one
    /// (20 s to connect, 60 s per read). Everything else is `azure_core`'s default; adjust
    /// `retry` and the rest as usual.
    pub fn client_options(&self) -> ClientOptions {
        client::client_options(&self.http_client)
    }

    /// A credential that always hands out the emulator's [`token`](Emulator::token).
    pub fn credential(&self) -> Arc<StaticTokenCredential> {
        StaticTokenCredential::new(self.shared.token.clone())
    }

    /// Every route the emulator serves: the generated services' operations and the polling
    /// URLs of long-running operations. [`Route::is_implemented`] tells which answer 501.
    pub fn routes(&self) -> &[Route] {
        &self.shared.routes
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
    /// A new namespace is in `westus`, with provisioning state `Succeeded`.
    ///
    /// Names are matched case-insensitively, as ARM does. Seeding an existing namespace adds
    /// the rules it lacks (after the others: lists return rules in seeding order); existing
    /// rules keep their keys.
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

    /// Makes a resource group exist, so that resources can be created in it with PUT. Seeding
    /// a resource creates its group too; like ARM, the emulator answers 404
    /// `ResourceGroupNotFound` (or `SubscriptionNotFound`) for a write to any other group.
    pub fn add_resource_group(&self, subscription_id: &str, resource_group: &str) {
        lock(&self.shared.store).add_resource_group(subscription_id, resource_group);
    }

    /// What the emulator holds about a Relay namespace (location, tags, SKU, provisioning
    /// state, rule names), or `None` if it does not exist.
    pub fn relay_namespace(
        &self,
        subscription_id: &str,
        resource_group: &str,
        namespace: &str,
    ) -> Option<RelayNamespaceState> {
        lock(&self.shared.store).relay_namespace_state(subscription_id, resource_group, namespace)
    }

    /// Makes the next long-running operation started (a create, update or delete) end
    /// `Failed`: its status reports the failure, its result URL answers 409
    /// `ProvisioningFailed`, and the namespace is left in state `Failed`.
    pub fn fail_next_operation(&self) {
        lock(&self.shared.store).fail_next_operation();
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
