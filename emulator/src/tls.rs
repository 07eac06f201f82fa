//! The emulator's TLS identity: a self-signed certificate for 127.0.0.1 and localhost.

use std::io;
use std::sync::Arc;

use rcgen::{CertificateParams, DnType, KeyPair};
use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

/// A freshly generated certificate with what clients need to trust it and the server to use it.
pub(crate) struct Identity {
    /// The certificate in PEM, for clients and files.
    pub(crate) pem: String,
    /// The certificate in DER, for clients.
    pub(crate) der: Vec<u8>,
    /// The TLS acceptor presenting this certificate.
    pub(crate) acceptor: TlsAcceptor,
}

/// Generates a new key pair and self-signed certificate, and a TLS server configuration for it.
pub(crate) fn generate() -> io::Result<Identity> {
    let mut params = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .map_err(io::Error::other)?;
    params
        .distinguished_name
        .push(DnType::CommonName, "armgen-emulator");
    let key_pair = KeyPair::generate().map_err(io::Error::other)?;
    let cert = params.self_signed(&key_pair).map_err(io::Error::other)?;
    let der = cert.der().to_vec();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key_pair.serialize_der()));

    // An explicit provider avoids depending on which process-wide default was installed, and
    // keeps ring out of the build.
    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let mut config = ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(io::Error::other)?
        .with_no_client_auth()
        .with_single_cert(vec![CertificateDer::from(der.clone())], key)
        .map_err(io::Error::other)?;
    // Only HTTP/1.1 is served; advertising it lets ALPN-aware clients settle without guessing.
    config.alpn_protocols = vec![b"http/1.1".to_vec()];

    Ok(Identity {
        pem: cert.pem(),
        der,
        acceptor: TlsAcceptor::from(Arc::new(config)),
    })
}
