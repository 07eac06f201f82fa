//! The HTTP client side of the emulator: `azure_core` client options whose transport trusts
//! exactly the emulator's certificate.

use std::io;
use std::sync::Arc;
use std::time::Duration;

use azure_core::http::{ClientOptions, Transport};

/// `azure_core`'s own reqwest client waits this long to connect...
const CONNECT_TIMEOUT: Duration = Duration::from_secs(20);
/// ...and this long for each read.
const READ_TIMEOUT: Duration = Duration::from_secs(60);

/// A reqwest client like `azure_core`'s default one, but trusting only `certificate_der`.
pub(crate) fn http_client(certificate_der: &[u8]) -> io::Result<reqwest::Client> {
    let certificate = reqwest::Certificate::from_der(certificate_der).map_err(io::Error::other)?;
    reqwest::Client::builder()
        .tls_certs_only([certificate])
        // ARM clients do not follow redirects; neither does azure_core's default transport.
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(CONNECT_TIMEOUT)
        .read_timeout(READ_TIMEOUT)
        .build()
        .map_err(io::Error::other)
}

/// Default client options with `http` as the transport. Cloning a reqwest client is cheap and
/// shares its connection pool.
pub(crate) fn client_options(http: &reqwest::Client) -> ClientOptions {
    ClientOptions {
        transport: Some(Transport::new(Arc::new(http.clone()))),
        ..Default::default()
    }
}
