//! Start-up configuration of an [`Emulator`](crate::Emulator): token, api-versions, served
//! services, paging and long-running-operation behaviour.

use std::collections::BTreeMap;
use std::fmt;

use armgen_runtime::ServiceInfo;

use crate::catalog;
use crate::spec::{SpecError, SpecSet};
use crate::user::{HandlerRequest, HandlerResponse, UserHandler};

/// Resource provider namespace of Azure Relay, whose namespaces have built-in handlers.
pub const RELAY_PROVIDER: &str = "Microsoft.Relay";
/// Resource provider namespace of Azure Event Grid, whose partner namespace keys have built-in
/// handlers.
pub const EVENT_GRID_PROVIDER: &str = "Microsoft.EventGrid";

/// How many requests the request log keeps by default before dropping the oldest.
pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 10_000;
/// How many items a page of a paged list holds by default; small, so that tests see paging.
pub const DEFAULT_PAGE_SIZE: usize = 2;
/// How many polls a long-running operation takes by default to complete.
pub const DEFAULT_LRO_POLLS: u32 = 2;

/// Configuration for [`Emulator::start`](crate::Emulator::start).
///
/// [`new`](EmulatorConfig::new) serves no operations at all: name the services to serve with
/// [`with_services`](EmulatorConfig::with_services), normally the `SERVICES` table of a crate
/// with armgen bindings (built with its `dynamic` feature). The emulator then routes every
/// operation in that table and accepts, per resource provider, exactly the api-version each
/// service was generated for. The bearer token is random unless
/// [`with_token`](EmulatorConfig::with_token) fixes it (read it back with
/// [`Emulator::token`](crate::Emulator::token)).
///
/// ```
/// use armgen_emulator::EmulatorConfig;
///
/// let config = EmulatorConfig::new()
///     .with_token("test-token")
///     .with_api_versions("Microsoft.Widgets", ["2024-01-01", "2021-11-01"])
///     .with_page_size(10)
///     .with_lro_polls(0);
/// assert_eq!(config.api_versions("microsoft.widgets"), ["2024-01-01", "2021-11-01"]);
/// assert!(config.services().is_empty());
/// assert!(config.api_versions("Microsoft.EventGrid").is_empty());
/// ```
#[derive(Clone)]
pub struct EmulatorConfig {
    pub(crate) token: Option<String>,
    pub(crate) services: &'static [ServiceInfo],
    pub(crate) specs: SpecSet,
    pub(crate) handlers: Vec<(String, UserHandler)>,
    // Both keyed by the provider namespace in ASCII lowercase, because ARM matches it
    // case-insensitively. Defaults follow `services`; overrides survive a change of services.
    default_api_versions: BTreeMap<String, Vec<String>>,
    api_version_overrides: BTreeMap<String, Vec<String>>,
    pub(crate) request_log_capacity: usize,
    pub(crate) port: u16,
    pub(crate) page_size: usize,
    pub(crate) next_link_base: Option<String>,
    pub(crate) lro_polls: u32,
    pub(crate) lro_retry_after_secs: u64,
}

impl EmulatorConfig {
    /// The default configuration: no services (add them with
    /// [`with_services`](EmulatorConfig::with_services)), random token, pages of
    /// [`DEFAULT_PAGE_SIZE`] items, long-running operations done after [`DEFAULT_LRO_POLLS`]
    /// polls with `Retry-After: 0`.
    pub fn new() -> Self {
        Self {
            token: None,
            services: &[],
            specs: SpecSet::default(),
            handlers: Vec::new(),
            default_api_versions: BTreeMap::new(),
            api_version_overrides: BTreeMap::new(),
            request_log_capacity: DEFAULT_REQUEST_LOG_CAPACITY,
            port: 0,
            page_size: DEFAULT_PAGE_SIZE,
            next_link_base: None,
            lro_polls: DEFAULT_LRO_POLLS,
            lro_retry_after_secs: 0,
        }
    }

    /// Accept `token` as the bearer token instead of a random one.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Serve the operations of `services`, typically a generated crate's `SERVICES` (with its
    /// `dynamic` feature on), replacing any set before. Every operation in their tables is
    /// routed; each answers with a built-in handler, the generic resource behaviour, or 501
    /// `NotImplemented` (see the crate documentation). The accepted api-versions default to
    /// the ones the services were generated for.
    ///
    /// To serve the services of several crates, concatenate their tables into one
    /// `&'static` slice (e.g. with `Vec::leak`).
    pub fn with_services(mut self, services: &'static [ServiceInfo]) -> Self {
        self.services = services;
        self.refresh_default_api_versions();
        self
    }

    /// Serve every operation of `specs`, replacing any set before: each is routed and answers
    /// as the spec describes it (see [`SpecSet`] and the crate documentation: resources,
    /// long-running operations, paged lists, actions answered from the spec's examples,
    /// requests checked against the spec). The accepted api-versions default to the specs'
    /// own. An operation that a table of [`with_services`](EmulatorConfig::with_services)
    /// also has keeps its built-in handler there, if it has one.
    pub fn with_specs(mut self, specs: SpecSet) -> Self {
        self.specs = specs;
        self.refresh_default_api_versions();
        self
    }

    /// Serve the spec file at `path` (YAML or JSON): [`SpecSet::load`] then
    /// [`with_specs`](EmulatorConfig::with_specs).
    ///
    /// # Errors
    ///
    /// What armgen reports for the spec, naming the file, line, column and JSON pointer.
    pub fn with_spec(self, path: impl AsRef<std::path::Path>) -> Result<Self, SpecError> {
        Ok(self.with_specs(SpecSet::load(path)?))
    }

    /// Answer `operation_id` (the spec's `operationId`) with `handler` first: whatever it
    /// returns is the answer; `None` leaves the request to the emulator's own behaviour. Use it
    /// for what a spec cannot say (a key regeneration with state of its own, a quota error).
    /// A later handler for the same operation replaces an earlier one.
    pub fn with_handler<F>(mut self, operation_id: &str, handler: F) -> Self
    where
        F: Fn(&HandlerRequest<'_>) -> Option<HandlerResponse> + Send + Sync + 'static,
    {
        self.handlers.retain(|(id, _)| id != operation_id);
        self.handlers
            .push((operation_id.to_owned(), std::sync::Arc::new(handler)));
        self
    }

    /// The specs whose operations are served.
    pub fn specs(&self) -> &SpecSet {
        &self.specs
    }

    fn refresh_default_api_versions(&mut self) {
        let mut versions = catalog::api_versions(self.services);
        for (provider, version) in self.specs.api_versions() {
            let accepted = versions.entry(provider).or_default();
            if !accepted.contains(&version) {
                accepted.push(version);
            }
        }
        self.default_api_versions = versions;
    }

    /// Replace the api-versions accepted for `provider` (e.g. `"Microsoft.Relay"`, matched
    /// case-insensitively). An empty list makes every request to that provider fail with
    /// `InvalidApiVersionParameter`.
    pub fn with_api_versions<I, S>(mut self, provider: &str, versions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.api_version_overrides.insert(
            provider.to_ascii_lowercase(),
            versions.into_iter().map(Into::into).collect(),
        );
        self
    }

    /// Keep at most `capacity` requests in the request log; older ones are dropped first.
    pub fn with_request_log_capacity(mut self, capacity: usize) -> Self {
        self.request_log_capacity = capacity;
        self
    }

    /// Listen on this port of 127.0.0.1 instead of an ephemeral one (0, the default).
    pub fn with_port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Put at most `size` items on each page of a paged list (0 counts as 1).
    pub fn with_page_size(mut self, size: usize) -> Self {
        self.page_size = size.max(1);
        self
    }

    /// Build `nextLink`s on `base` (e.g. `https://elsewhere.example`) instead of the
    /// emulator's own endpoint, to check that a client refuses to follow a link to another
    /// host. A trailing `/` is ignored.
    pub fn with_next_link_base(mut self, base: &str) -> Self {
        self.next_link_base = Some(base.trim_end_matches('/').to_owned());
        self
    }

    /// Complete each long-running operation on the `polls`-th GET of its status or result
    /// URL (0: already complete on the first).
    pub fn with_lro_polls(mut self, polls: u32) -> Self {
        self.lro_polls = polls;
        self
    }

    /// The `Retry-After` value, in seconds, sent while a long-running operation is in
    /// progress (0 by default, so that tests poll without waiting).
    pub fn with_lro_retry_after(mut self, secs: u64) -> Self {
        self.lro_retry_after_secs = secs;
        self
    }

    /// The port to listen on; 0 means an ephemeral port chosen at start.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The api-versions accepted for `provider` (matched case-insensitively); empty if none.
    pub fn api_versions(&self, provider: &str) -> &[String] {
        let key = provider.to_ascii_lowercase();
        self.api_version_overrides
            .get(&key)
            .or_else(|| self.default_api_versions.get(&key))
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Every provider's accepted api-versions, keyed by lowercase provider namespace.
    pub(crate) fn all_api_versions(&self) -> BTreeMap<String, Vec<String>> {
        let mut all = self.default_api_versions.clone();
        all.extend(self.api_version_overrides.clone());
        all
    }

    /// Whether a fixed token was configured; `false` means one is generated at start.
    pub fn has_fixed_token(&self) -> bool {
        self.token.is_some()
    }

    /// How many requests the request log keeps.
    pub fn request_log_capacity(&self) -> usize {
        self.request_log_capacity
    }

    /// How many items a page of a paged list holds.
    pub fn page_size(&self) -> usize {
        self.page_size
    }

    /// The services whose operations are served.
    pub fn services(&self) -> &'static [ServiceInfo] {
        self.services
    }
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self::new()
    }
}

// Hand-written so that the token never reaches test output or logs.
impl fmt::Debug for EmulatorConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let services: Vec<&str> = self.services.iter().map(|s| s.module).collect();
        f.debug_struct("EmulatorConfig")
            .field(
                "token",
                &if self.token.is_some() {
                    "<redacted>"
                } else {
                    "<random>"
                },
            )
            .field("services", &services)
            .field("specs", &self.specs)
            .field(
                "handlers",
                &self.handlers.iter().map(|(id, _)| id).collect::<Vec<_>>(),
            )
            .field("api_versions", &self.all_api_versions())
            .field("request_log_capacity", &self.request_log_capacity)
            .field("port", &self.port)
            .field("page_size", &self.page_size)
            .field("next_link_base", &self.next_link_base)
            .field("lro_polls", &self.lro_polls)
            .field("lro_retry_after_secs", &self.lro_retry_after_secs)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_token() {
        let config = EmulatorConfig::new().with_token("super-secret-token");
        let shown = format!("{config:?}");
        assert!(!shown.contains("super-secret-token"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn defaults_serve_nothing() {
        let config = EmulatorConfig::default();
        assert!(config.services().is_empty());
        assert!(config.api_versions("Microsoft.Relay").is_empty());
        assert!(!config.has_fixed_token());
        assert_eq!(config.page_size(), DEFAULT_PAGE_SIZE);
    }

    #[test]
    fn overrides_survive_a_change_of_services() {
        let config = EmulatorConfig::new()
            .with_api_versions("Microsoft.Relay", ["x"])
            .with_services(&[])
            .with_page_size(0)
            .with_next_link_base("https://elsewhere.example/");
        assert_eq!(config.api_versions("microsoft.relay"), ["x"]);
        assert_eq!(config.page_size(), 1);
        assert_eq!(
            config.next_link_base.as_deref(),
            Some("https://elsewhere.example")
        );
    }
}
