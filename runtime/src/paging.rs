//! `x-ms-pageable` operations as `azure_core` [`Pager`]s that follow
//! `nextLink`.
//!
//! The first request is the generated `*_request` function's; each next page
//! is a `GET` of the link the previous page returned (a relative link is
//! resolved against the client's endpoint), or, for
//! `x-ms-pageable.operationName`, the request of the operation it names,
//! built from the link and the first call's arguments. A link to another origin
//! than the client's endpoint is refused, because the bearer token would go
//! with it.
//!
//! A pager ends: a next link that leads back to a page already fetched (a
//! page linking to itself, or a cycle) is an error, and so is a list longer
//! than [`ArmClientOptions::max_pages`](crate::ArmClientOptions::max_pages).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use azure_core::error::ErrorKind;
use azure_core::http::pager::{PagerContinuation, PagerOptions, PagerResult, PagerState};
use azure_core::http::{Context, ItemIterator, Pager, RawResponse, StatusCode, Url};
use serde::de::DeserializeOwned;

use super::client::{ArmPipeline, response_error};
use super::error::ResponseError;
use super::http::{HttpRequest, HttpResponse, Method};
use super::lro::{FinalStateVia, PollerOptions};

/// A decoder of one page: the generated `*_response` function.
pub type PageDecoder<L, E> = fn(&HttpResponse) -> Result<L, ResponseError<E>>;

/// Where a page keeps the link to the next one (`None` on the last page).
pub type NextLink<L> = fn(&L) -> Option<&str>;

impl ArmPipeline {
    /// Pages through a list operation: yields the items of every page,
    /// fetching the next page when the current one is used up.
    ///
    /// Fails on a next link to a page already fetched, and past
    /// [`ArmClientOptions::max_pages`](crate::ArmClientOptions::max_pages)
    /// pages.
    pub fn pager<L, E>(
        &self,
        ctx: Context<'_>,
        first: HttpRequest,
        decode: PageDecoder<L, E>,
        next_link: NextLink<L>,
    ) -> Pager<L>
    where
        L: azure_core::http::pager::Page + DeserializeOwned + Send + Sync + 'static,
        E: std::fmt::Debug + serde::Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        self.pages(ctx, first, decode, next_link, None, None)
    }

    /// [`pager`](Self::pager) for a list whose next pages are fetched with
    /// another operation (`x-ms-pageable.operationName`): `next` builds that
    /// operation's request from the next link (which it may place in its path,
    /// or ignore) and the first call's arguments. The request must go to the
    /// client's endpoint, like any next link.
    pub fn pager_with<L, E, N>(
        &self,
        ctx: Context<'_>,
        first: HttpRequest,
        decode: PageDecoder<L, E>,
        next_link: NextLink<L>,
        next: N,
    ) -> Pager<L>
    where
        L: azure_core::http::pager::Page + DeserializeOwned + Send + Sync + 'static,
        E: std::fmt::Debug + serde::Serialize + DeserializeOwned + Send + Sync + 'static,
        N: Fn(&str) -> Result<HttpRequest, crate::ValidationErrors> + Send + Sync + 'static,
    {
        self.pages(ctx, first, decode, next_link, Some(Arc::new(next)), None)
    }

    /// A long-running operation whose result is a list
    /// (`x-ms-long-running-operation` with `x-ms-pageable`): the first page is
    /// the operation's final result, polled for as
    /// [`begin`](Self::begin) does with `options`; the next pages follow its
    /// next link as [`pager`](Self::pager)'s do.
    pub fn lro_pager<L, E>(
        &self,
        first: HttpRequest,
        decode: PageDecoder<L, E>,
        final_state_via: FinalStateVia,
        options: PollerOptions<'_>,
        next_link: NextLink<L>,
    ) -> Pager<L>
    where
        L: azure_core::http::pager::Page + DeserializeOwned + Send + Sync + 'static,
        E: std::fmt::Debug + serde::Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        let options = options.into_owned();
        let context = options.context.clone();
        let pipeline = self.clone();
        // Only here is the poller instantiated for the list's type: the
        // walk through the pages below is the same code for every list.
        let start: Arc<StartLongRunning> = Arc::new(move |request, context| {
            let poller = pipeline.begin::<L, azure_core::http::JsonFormat, L, E>(
                request,
                decode,
                final_state_via,
                PollerOptions {
                    context,
                    ..options.clone()
                },
            );
            Box::pin(async move {
                let response = poller.await?;
                let status = response.status();
                Ok((status, azure_core::Bytes::from(response.into_body())))
            })
        });
        self.pages(context, first, decode, next_link, None, Some(start))
    }

    /// The pager: what depends on the list's type (decoding a page, reading
    /// its next link) is written here; the walk itself is [`Walk`]'s, compiled
    /// once for every list.
    fn pages<L, E>(
        &self,
        ctx: Context<'_>,
        first: HttpRequest,
        decode: PageDecoder<L, E>,
        next_link: NextLink<L>,
        next_operation: Option<Arc<NextOperation>>,
        long_running: Option<Arc<StartLongRunning>>,
    ) -> Pager<L>
    where
        L: azure_core::http::pager::Page + DeserializeOwned + Send + Sync + 'static,
        E: std::fmt::Debug + serde::Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        let walk = Arc::new(Walk {
            pipeline: self.clone(),
            first,
            built: Mutex::default(),
            fetched: Mutex::default(),
            next_operation,
            long_running,
        });
        let context = ctx.into_owned();
        ItemIterator::new(
            move |state: PagerState, options: PagerOptions<'static>| {
                let walk = Arc::clone(&walk);
                Box::pin(async move {
                    let fetched = walk.fetch(state, options.context).await?;
                    let page: L = match &fetched {
                        Fetched::Page { response, plain } => {
                            if *plain {
                                serde_json::from_slice(&response.body).map_err(|e| {
                                    azure_core::Error::new(ErrorKind::DataConversion, e)
                                })?
                            } else {
                                decode(response).map_err(|e| response_error(e, response))?
                            }
                        }
                        Fetched::Polled { body, .. } => serde_json::from_slice(body)
                            .map_err(|e| azure_core::Error::new(ErrorKind::DataConversion, e))?,
                    };
                    let next = walk.next(next_link(&page))?;
                    let raw = fetched.into_raw();
                    Ok(match next {
                        Some(link) => PagerResult::More {
                            response: raw.into(),
                            continuation: PagerContinuation::Link(link),
                        },
                        None => PagerResult::Done {
                            response: raw.into(),
                        },
                    })
                })
            },
            Some(PagerOptions {
                context,
                ..Default::default()
            }),
        )
    }
}

/// Starts the long-running operation whose result is a list's first page,
/// and answers that result's status and body once it is done.
type StartLongRunning = dyn Fn(
        HttpRequest,
        Context<'static>,
    )
        -> Pin<Box<dyn Future<Output = azure_core::Result<(StatusCode, azure_core::Bytes)>> + Send>>
    + Send
    + Sync;

/// One pager's walk through the pages, the same for every list type.
struct Walk {
    pipeline: ArmPipeline,
    first: HttpRequest,
    /// The next operation's request, built when its page's link is read
    /// (the pager's continuation is only its URL).
    built: Mutex<Option<HttpRequest>>,
    fetched: Mutex<Seen>,
    next_operation: Option<Arc<NextOperation>>,
    long_running: Option<Arc<StartLongRunning>>,
}

/// A page as fetched, before it is decoded.
enum Fetched {
    /// The answer to a page's request. `plain`: a next page of a
    /// long-running list, whose `200` is not among the statuses the operation
    /// declares (`202`, which its decoder checks), so it is read as JSON.
    Page { response: HttpResponse, plain: bool },
    /// The first page of a long-running list: the operation's final result.
    Polled {
        status: StatusCode,
        body: azure_core::Bytes,
    },
}

impl Fetched {
    /// The page as `azure_core`'s pager holds it.
    fn into_raw(self) -> RawResponse {
        let (status, body) = match self {
            Fetched::Page { response, .. } => (
                StatusCode::from(response.status),
                azure_core::Bytes::from(response.body),
            ),
            Fetched::Polled { status, body } => (status, body),
        };
        RawResponse::from_bytes(status, azure_core::http::headers::Headers::new(), body)
    }
}

impl Walk {
    /// The request for the page `state` asks for, checked against the pages
    /// fetched before and the limit, and its answer.
    async fn fetch(
        &self,
        state: PagerState,
        context: Context<'static>,
    ) -> azure_core::Result<Fetched> {
        let pipeline = &self.pipeline;
        let max_pages = pipeline.limits().max_pages;
        let request = match state {
            PagerState::Initial => {
                {
                    let mut fetched = self.fetched.lock().unwrap_or_else(PoisonError::into_inner);
                    *fetched = Seen::default();
                    fetched.check(&self.first.url, max_pages)?;
                }
                if let Some(start) = &self.long_running {
                    let (status, body) = start(self.first.clone(), context).await?;
                    return Ok(Fetched::Polled { status, body });
                }
                self.first.clone()
            }
            PagerState::More(PagerContinuation::Link(link)) => {
                let built = self
                    .built
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .take();
                let request = match built {
                    Some(request) if request.url == link => {
                        same_origin(pipeline, &request.url)?;
                        request
                    }
                    _ => next_request(pipeline, &self.first, link)?,
                };
                self.fetched
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .check(&request.url, max_pages)?;
                request
            }
            PagerState::More(_) => {
                return Err(azure_core::Error::with_message(
                    ErrorKind::Other,
                    "ARM list operations page by next link, not by continuation token",
                ));
            }
        };
        let response = pipeline.send(&context, request).await?;
        let plain = self.long_running.is_some() && (200..300).contains(&response.status);
        Ok(Fetched::Page { response, plain })
    }

    /// Where the next page is, from the link the page just decoded holds.
    fn next(&self, link: Option<&str>) -> azure_core::Result<Option<Url>> {
        Ok(match (link, &self.next_operation) {
            (Some(link), Some(build)) if !link.is_empty() => {
                let request = build(link)?;
                let url = request.url.clone();
                *self.built.lock().unwrap_or_else(PoisonError::into_inner) = Some(request);
                Some(url)
            }
            (Some(link), None) if !link.is_empty() => {
                Some(next_link_url(self.pipeline.endpoint(), link).map_err(|e| {
                    azure_core::Error::with_message(
                        ErrorKind::DataConversion,
                        format!("the next link is not a URL: {e}"),
                    )
                })?)
            }
            _ => None,
        })
    }
}

/// A next link as a URL: an absolute one as it is, a relative one
/// (`/list?page=2`, `next?page=2`) resolved against the client's endpoint, as
/// AutoRest's Python pagers resolve it. The origin check comes after.
fn next_link_url(endpoint: &Url, link: &str) -> Result<Url, url::ParseError> {
    match Url::parse(link) {
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            // Without a final `/`, `join` would drop the endpoint's last
            // path segment.
            let mut base = endpoint.clone();
            if !base.path().ends_with('/') {
                base.set_path(&format!("{}/", base.path()));
            }
            base.join(link)
        }
        parsed => parsed,
    }
}

/// The pages one pager has fetched so far.
#[derive(Debug, Default)]
struct Seen {
    urls: HashSet<String>,
    pages: u32,
}

impl Seen {
    /// Records that `url` is about to be fetched, or refuses: a page fetched
    /// before, or one past the limit.
    fn check(&mut self, url: &Url, max_pages: u32) -> azure_core::Result<()> {
        // The fragment never reaches the server.
        let mut key = url.clone();
        key.set_fragment(None);
        if !self.urls.insert(key.into()) {
            return Err(azure_core::Error::with_message(
                ErrorKind::DataConversion,
                format!(
                    "the list's next link leads back to a page already fetched ({}): stopping instead of paging forever",
                    url.path()
                ),
            ));
        }
        self.pages += 1;
        if self.pages > max_pages {
            return Err(azure_core::Error::with_message(
                ErrorKind::Other,
                format!(
                    "the list at {} has more than {max_pages} pages (ArmClientOptions::max_pages)",
                    url.path()
                ),
            ));
        }
        Ok(())
    }
}

/// Builds the request for a next page from its link: the next operation's
/// `*_request` function with the first call's arguments.
type NextOperation = dyn Fn(&str) -> Result<HttpRequest, crate::ValidationErrors> + Send + Sync;

/// Refuses a next page on another origin than the client's endpoint: the
/// bearer token would go with it.
fn same_origin(pipeline: &ArmPipeline, link: &Url) -> azure_core::Result<()> {
    let endpoint = pipeline.endpoint();
    if link.origin() != endpoint.origin() {
        return Err(azure_core::Error::with_message(
            ErrorKind::Other,
            format!(
                "refusing to follow a next link to {} (the client's endpoint is {}): the bearer token would go with it",
                link.origin().ascii_serialization(),
                endpoint.origin().ascii_serialization()
            ),
        ));
    }
    Ok(())
}

/// The `GET` of a next link, with the first request's headers (but no body)
/// and its `api-version` when the link lacks one.
fn next_request(
    pipeline: &ArmPipeline,
    first: &HttpRequest,
    link: Url,
) -> azure_core::Result<HttpRequest> {
    same_origin(pipeline, &link)?;
    let mut url = link;
    let has_version = url.query_pairs().any(|(name, _)| name == "api-version");
    if !has_version
        && let Some((_, version)) = first
            .url
            .query_pairs()
            .find(|(name, _)| name == "api-version")
    {
        let version = version.into_owned();
        url.query_pairs_mut().append_pair("api-version", &version);
    }
    let mut request = HttpRequest::new(Method::Get, url);
    request.headers = first
        .headers
        .iter()
        .filter(|(name, _)| !name.eq_ignore_ascii_case("content-type"))
        .cloned()
        .collect();
    for name in first.secret_names() {
        request.mark_secret(name);
    }
    Ok(request)
}

/// Implements `azure_core`'s `Page` for a generated list model: the items are
/// its `$field` (a `Vec`, or an `Option<Vec>` when marked `optional`).
#[doc(hidden)]
#[macro_export]
macro_rules! __armgen_page {
    ($list:ty, $field:ident, $item:ty) => {
        #[$crate::async_trait]
        impl $crate::__private::azure_core::http::pager::Page for $list {
            type Item = $item;
            type IntoIter = ::std::vec::IntoIter<$item>;
            async fn into_items(self) -> $crate::__private::azure_core::Result<Self::IntoIter> {
                ::core::result::Result::Ok(::core::iter::IntoIterator::into_iter(self.$field))
            }
        }
    };
    ($list:ty, optional $field:ident, $item:ty) => {
        #[$crate::async_trait]
        impl $crate::__private::azure_core::http::pager::Page for $list {
            type Item = $item;
            type IntoIter = ::std::vec::IntoIter<$item>;
            async fn into_items(self) -> $crate::__private::azure_core::Result<Self::IntoIter> {
                ::core::result::Result::Ok(::core::iter::IntoIterator::into_iter(
                    self.$field.unwrap_or_default(),
                ))
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).unwrap()
    }

    #[test]
    fn absolute_next_links_are_kept() {
        let endpoint = url("https://management.azure.com");
        let link = "https://management.azure.com/subs?page=2";
        assert_eq!(next_link_url(&endpoint, link).unwrap(), url(link));
    }

    #[test]
    fn relative_next_links_resolve_against_the_endpoint() {
        let endpoint = url("https://example.test/base");
        assert_eq!(
            next_link_url(&endpoint, "/paging/2").unwrap(),
            url("https://example.test/paging/2")
        );
        assert_eq!(
            next_link_url(&endpoint, "next?page=2").unwrap(),
            url("https://example.test/base/next?page=2")
        );
    }

    #[test]
    fn a_next_link_that_is_no_url_is_an_error() {
        let endpoint = url("https://example.test");
        assert!(next_link_url(&endpoint, "https://[::1").is_err());
    }
}
