//! A scripted HTTPS server on 127.0.0.1: each request gets the next queued [`Reply`], written
//! byte for byte as scripted, however badly it behaves.
//!
//! The [`Emulator`](crate::Emulator) answers like ARM; this server answers like a broken ARM, or
//! a hostile one: huge `Retry-After`s, bodies that drip one byte at a time or never end, pages
//! that link to themselves. It presents the same kind of self-signed certificate, and
//! [`ScriptedServer::client_options`] trusts it, so a generated client reaches it exactly as it
//! reaches Azure.
//!
//! Every connection serves one request and is then closed (`Connection: close`), so the order
//! of requests is the order of replies.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! use armgen_emulator::scripted::{Reply, ScriptedServer};
//!
//! let server = ScriptedServer::start().await?;
//! server.reply(Reply::new(429).header("Retry-After", "1000000000"));
//! server.reply(Reply::new(200).json(r#"{"ok": true}"#));
//! // Point a client at `server.endpoint_url()` with `server.client_options()`.
//! server.shutdown().await;
//! # Ok(())
//! # }
//! ```

use std::collections::VecDeque;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use azure_core::http::{ClientOptions, Url};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::{JoinHandle, JoinSet};
use tokio_rustls::TlsAcceptor;

use crate::server::lock;
use crate::{client, tls};

/// Largest request head read; a client sending more is cut off.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// How long a connection may take to send its request.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// How a reply's body is written.
#[derive(Clone, Debug)]
enum Body {
    /// All at once, with `Content-Length`.
    Bytes(Vec<u8>),
    /// One byte every `interval`, with a truthful `Content-Length`.
    Drip { bytes: Vec<u8>, interval: Duration },
    /// `len` copies of `byte`, generated as written; with `Content-Length`, or chunked (no
    /// length announced) when `chunked`.
    Repeat { byte: u8, len: u64, chunked: bool },
}

/// One scripted response.
#[derive(Clone, Debug)]
pub struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Body,
}

impl Reply {
    /// A response with `status`, no headers and an empty body.
    pub fn new(status: u16) -> Self {
        Self {
            status,
            headers: Vec::new(),
            body: Body::Bytes(Vec::new()),
        }
    }

    /// Adds a header, written as given.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// A JSON body (`Content-Type: application/json`).
    pub fn json(self, body: impl Into<String>) -> Self {
        self.header("Content-Type", "application/json; charset=utf-8")
            .body(body.into().into_bytes())
    }

    /// A body, written at once.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Body::Bytes(body.into());
        self
    }

    /// A body written one byte every `interval` (its length announced truthfully).
    pub fn drip(mut self, body: impl Into<Vec<u8>>, interval: Duration) -> Self {
        self.body = Body::Drip {
            bytes: body.into(),
            interval,
        };
        self
    }

    /// A body of `len` copies of `byte`, generated while written, so that it costs the server
    /// no memory; `chunked` leaves its length unannounced (`Transfer-Encoding: chunked`).
    pub fn repeat(mut self, byte: u8, len: u64, chunked: bool) -> Self {
        self.body = Body::Repeat { byte, len, chunked };
        self
    }
}

/// A request as the scripted server received it (its body is not kept).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptedRequest {
    /// `GET`, `PUT`…
    pub method: String,
    /// The request target: path and query, as sent.
    pub target: String,
    /// Headers in the order received, names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl ScriptedRequest {
    /// The first header called `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct Script {
    queue: VecDeque<Reply>,
    /// Served once the queue is empty; without it such a request gets a 599.
    fallback: Option<Reply>,
    requests: Vec<ScriptedRequest>,
}

/// The running server; see the [module docs](self).
pub struct ScriptedServer {
    addr: SocketAddr,
    http_client: reqwest::Client,
    script: Arc<Mutex<Script>>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl ScriptedServer {
    /// Binds an ephemeral port of 127.0.0.1 and starts serving on the current tokio runtime.
    pub async fn start() -> io::Result<Self> {
        let identity = tls::generate()?;
        let http_client = client::http_client(&identity.der)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).await?;
        let addr = listener.local_addr()?;
        let script = Arc::new(Mutex::new(Script::default()));
        let (stop, stopped) = oneshot::channel();
        let task = tokio::spawn(run(
            listener,
            identity.acceptor,
            Arc::clone(&script),
            stopped,
        ));
        Ok(Self {
            addr,
            http_client,
            script,
            stop: Some(stop),
            task: Some(task),
        })
    }

    /// The base URL, e.g. `https://127.0.0.1:49152`.
    pub fn endpoint(&self) -> String {
        format!("https://{}", self.addr)
    }

    /// [`endpoint`](Self::endpoint) as a URL.
    pub fn endpoint_url(&self) -> Url {
        Url::parse(&self.endpoint()).expect("an https URL of a socket address")
    }

    /// Client options whose transport trusts exactly this server's certificate (as
    /// [`Emulator::client_options`](crate::Emulator::client_options)).
    pub fn client_options(&self) -> ClientOptions {
        client::client_options(&self.http_client)
    }

    /// Queues `reply` for the next request not answered by an earlier one.
    pub fn reply(&self, reply: Reply) {
        lock(&self.script).queue.push_back(reply);
    }

    /// Answers every request with `reply` once the queue is used up.
    pub fn reply_always(&self, reply: Reply) {
        lock(&self.script).fallback = Some(reply);
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<ScriptedRequest> {
        lock(&self.script).requests.clone()
    }

    /// How many requests were received.
    pub fn request_count(&self) -> usize {
        lock(&self.script).requests.len()
    }

    /// Stops the server and aborts open connections.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for ScriptedServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

impl std::fmt::Debug for ScriptedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ScriptedServer")
            .field("endpoint", &self.endpoint())
            .finish_non_exhaustive()
    }
}

async fn run(
    listener: TcpListener,
    acceptor: TlsAcceptor,
    script: Arc<Mutex<Script>>,
    mut shutdown: oneshot::Receiver<()>,
) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((tcp, _)) => {
                    connections.spawn(serve(tcp, acceptor.clone(), Arc::clone(&script)));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

/// Serves one connection: one request, its scripted reply, then close. Write errors mean the
/// client went away (as a client enforcing a limit does): nothing to report.
async fn serve(tcp: TcpStream, acceptor: TlsAcceptor, script: Arc<Mutex<Script>>) {
    let _ = tcp.set_nodelay(true);
    let Ok(Ok(mut tls)) = tokio::time::timeout(REQUEST_TIMEOUT, acceptor.accept(tcp)).await else {
        return;
    };
    let Ok(Ok(Some(request))) = tokio::time::timeout(REQUEST_TIMEOUT, read_request(&mut tls)).await
    else {
        return;
    };
    let reply = {
        let mut script = lock(&script);
        script.requests.push(request);
        script
            .queue
            .pop_front()
            .or_else(|| script.fallback.clone())
            .unwrap_or_else(|| Reply::new(599).body("the script has no reply for this request"))
    };
    let _ = write_reply(&mut tls, &reply).await;
    let _ = tls.shutdown().await;
}

/// Reads a request head and discards its body (`Content-Length` only: clients send no other).
async fn read_request<S: tokio::io::AsyncRead + Unpin>(
    stream: &mut S,
) -> io::Result<Option<ScriptedRequest>> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Ok(None);
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut remaining = length.saturating_sub(buffer.len() - (end + 4));
    while remaining > 0 {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        remaining = remaining.saturating_sub(n);
    }
    Ok(Some(ScriptedRequest {
        method,
        target,
        headers,
    }))
}

async fn write_reply<S: tokio::io::AsyncWrite + Unpin>(
    stream: &mut S,
    reply: &Reply,
) -> io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} Scripted\r\nConnection: close\r\n",
        reply.status
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    match &reply.body {
        Body::Bytes(bytes) | Body::Drip { bytes, .. } => {
            head.push_str(&format!("Content-Length: {}\r\n", bytes.len()));
        }
        Body::Repeat {
            len,
            chunked: false,
            ..
        } => head.push_str(&format!("Content-Length: {len}\r\n")),
        Body::Repeat { chunked: true, .. } => head.push_str("Transfer-Encoding: chunked\r\n"),
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    match &reply.body {
        Body::Bytes(bytes) => stream.write_all(bytes).await?,
        Body::Drip { bytes, interval } => {
            for byte in bytes {
                stream.write_all(&[*byte]).await?;
                stream.flush().await?;
                tokio::time::sleep(*interval).await;
            }
        }
        Body::Repeat { byte, len, chunked } => {
            const CHUNK: u64 = 64 * 1024;
            let block = vec![*byte; CHUNK as usize];
            let mut left = *len;
            while left > 0 {
                let n = left.min(CHUNK) as usize;
                if *chunked {
                    stream.write_all(format!("{n:x}\r\n").as_bytes()).await?;
                    stream.write_all(&block[..n]).await?;
                    stream.write_all(b"\r\n").await?;
                } else {
                    stream.write_all(&block[..n]).await?;
                }
                left -= n as u64;
            }
            if *chunked {
                stream.write_all(b"0\r\n\r\n").await?;
            }
        }
    }
    stream.flush().await
}
