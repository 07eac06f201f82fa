//! Start-up configuration of an [`Emulator`](crate::Emulator): accepted token and api-versions.

use std::collections::BTreeMap;
use std::fmt;

/// Resource provider namespace of Azure Relay.
pub const RELAY_PROVIDER: &str = "Microsoft.Relay";
/// The api-version of Microsoft.Relay the emulator accepts by default.
pub const RELAY_API_VERSION: &str = "2024-01-01";
/// Resource provider namespace of Azure Event Grid.
pub const EVENT_GRID_PROVIDER: &str = "Microsoft.EventGrid";
/// The api-version of Microsoft.EventGrid the emulator accepts by default.
pub const EVENT_GRID_API_VERSION: &str = "2025-02-15";

/// How many requests the request log keeps by default before dropping the oldest.
pub const DEFAULT_REQUEST_LOG_CAPACITY: usize = 10_000;

/// Configuration for [`Emulator::start`](crate::Emulator::start).
///
/// The default accepts a random bearer token (read it back with
/// [`Emulator::token`](crate::Emulator::token)) and exactly one api-version per provider:
/// [`RELAY_API_VERSION`] and [`EVENT_GRID_API_VERSION`].
///
/// ```
/// use arm_emulator::EmulatorConfig;
///
/// let config = EmulatorConfig::new()
///     .with_token("test-token")
///     .with_api_versions("Microsoft.Relay", ["2024-01-01", "2021-11-01"]);
/// assert_eq!(config.api_versions("microsoft.relay"), ["2024-01-01", "2021-11-01"]);
/// ```
#[derive(Clone)]
pub struct EmulatorConfig {
    pub(crate) token: Option<String>,
    // Keyed by the provider namespace in ASCII lowercase, because ARM matches it case-insensitively.
    pub(crate) api_versions: BTreeMap<String, Vec<String>>,
    pub(crate) request_log_capacity: usize,
    pub(crate) port: u16,
}

impl EmulatorConfig {
    /// The default configuration: random token, the default api-version of each provider.
    pub fn new() -> Self {
        let mut api_versions = BTreeMap::new();
        api_versions.insert(
            RELAY_PROVIDER.to_ascii_lowercase(),
            vec![RELAY_API_VERSION.to_owned()],
        );
        api_versions.insert(
            EVENT_GRID_PROVIDER.to_ascii_lowercase(),
            vec![EVENT_GRID_API_VERSION.to_owned()],
        );
        Self {
            token: None,
            api_versions,
            request_log_capacity: DEFAULT_REQUEST_LOG_CAPACITY,
            port: 0,
        }
    }

    /// Accept `token` as the bearer token instead of a random one.
    pub fn with_token(mut self, token: impl Into<String>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Replace the api-versions accepted for `provider` (e.g. `"Microsoft.Relay"`, matched
    /// case-insensitively). An empty list makes every request to that provider fail with
    /// `InvalidApiVersionParameter`.
    pub fn with_api_versions<I, S>(mut self, provider: &str, versions: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.api_versions.insert(
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

    /// The port to listen on; 0 means an ephemeral port chosen at start.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The api-versions accepted for `provider` (matched case-insensitively); empty if none.
    pub fn api_versions(&self, provider: &str) -> &[String] {
        self.api_versions
            .get(&provider.to_ascii_lowercase())
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// Whether a fixed token was configured; `false` means one is generated at start.
    pub fn has_fixed_token(&self) -> bool {
        self.token.is_some()
    }

    /// How many requests the request log keeps.
    pub fn request_log_capacity(&self) -> usize {
        self.request_log_capacity
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
        f.debug_struct("EmulatorConfig")
            .field(
                "token",
                &if self.token.is_some() {
                    "<redacted>"
                } else {
                    "<random>"
                },
            )
            .field("api_versions", &self.api_versions)
            .field("request_log_capacity", &self.request_log_capacity)
            .field("port", &self.port)
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
    fn defaults_accept_one_version_per_provider() {
        let config = EmulatorConfig::default();
        assert_eq!(config.api_versions("Microsoft.Relay"), [RELAY_API_VERSION]);
        assert_eq!(
            config.api_versions("MICROSOFT.EVENTGRID"),
            [EVENT_GRID_API_VERSION]
        );
        assert!(config.api_versions("Microsoft.Storage").is_empty());
        assert!(!config.has_fixed_token());
    }
}
