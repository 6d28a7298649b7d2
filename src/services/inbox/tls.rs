//! The TLS connection to an IMAP server (rustls with the ring provider): Mozilla's roots, plus
//! the certificate authorities in a PEM file the officer names (`--ca-file`), for a business's
//! own server with a private CA or a self-signed certificate.

use std::net::{TcpStream, ToSocketAddrs};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};

use super::super::{ServiceError, ServiceResult};

/// A TLS stream to the server.
pub(super) type TlsStream = StreamOwned<ClientConnection, TcpStream>;

/// How long to wait for the server to answer.
const TIMEOUT: Duration = Duration::from_secs(60);

fn mailbox_error(message: String) -> ServiceError {
    ServiceError::invalid("Mailbox", message)
}

/// The trusted roots: Mozilla's and those of `ca_file`.
fn roots(ca_file: Option<&str>) -> ServiceResult<RootCertStore> {
    let mut roots = RootCertStore::from_iter(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(file) = ca_file {
        let bad = |why: String| {
            mailbox_error(format!(
                "the CA file {file} {why}; give a PEM file with the server's certificate or its authority (--ca-file)."
            ))
        };
        let certs = CertificateDer::pem_file_iter(Path::new(file))
            .map_err(|e| bad(format!("could not be read ({e})")))?;
        let mut n = 0;
        for cert in certs {
            let cert = cert.map_err(|e| bad(format!("holds a bad certificate ({e})")))?;
            roots
                .add(cert)
                .map_err(|e| bad(format!("holds a certificate that cannot be trusted ({e})")))?;
            n += 1;
        }
        if n == 0 {
            return Err(bad("holds no certificate".into()));
        }
    }
    Ok(roots)
}

/// Connects to `host:port` and starts TLS (IMAPS: TLS from the first byte). The handshake
/// runs on the first read, so a certificate problem surfaces at the greeting.
pub(super) fn connect(host: &str, port: u16, ca_file: Option<&str>) -> ServiceResult<TlsStream> {
    // ring has no post-quantum key exchange (hence rustls' deprecation note); aws-lc-rs would
    // need a C and CMake build. X25519 and P-256, which every IMAP server offers, are used.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| mailbox_error(format!("TLS could not be set up: {e}")))?
        .with_root_certificates(roots(ca_file)?)
        .with_no_client_auth();
    let name = ServerName::try_from(host.to_owned()).map_err(|_| {
        mailbox_error(format!(
            "\"{host}\" is not a host name; give the IMAP server's name with --host."
        ))
    })?;
    let tls = ClientConnection::new(Arc::new(config), name)
        .map_err(|e| mailbox_error(format!("TLS could not be set up: {e}")))?;
    let unreachable = |why: String| {
        mailbox_error(format!(
            "could not reach the IMAP server {host} on port {port} ({why}); check --host and --port (IMAPS is usually 993) and the network."
        ))
    };
    let addrs = (host, port)
        .to_socket_addrs()
        .map_err(|e| unreachable(e.to_string()))?;
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect_timeout(&addr, Duration::from_secs(20)) {
            Ok(tcp) => {
                tcp.set_read_timeout(Some(TIMEOUT))
                    .and_then(|()| tcp.set_write_timeout(Some(TIMEOUT)))
                    .map_err(|e| unreachable(e.to_string()))?;
                return Ok(StreamOwned::new(tls, tcp));
            }
            Err(e) => last = Some(e),
        }
    }
    Err(unreachable(
        last.map_or_else(|| "no address".into(), |e| e.to_string()),
    ))
}
