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
        let PollerOptions {
            context,
            frequency,
            max_delay,
            max_polls,
            timeout,
        } = options;
        let start = LongRunning {
            via: final_state_via,
            frequency,
            max_delay,
            max_polls,
            timeout,
        };
        self.pages(context, first, decode, next_link, None, Some(start))
    }

    fn pages<L, E>(
        &self,
        ctx: Context<'_>,
        first: HttpRequest,
        decode: PageDecoder<L, E>,
        next_link: NextLink<L>,
        next_operation: Option<Arc<NextOperation>>,
        long_running: Option<LongRunning>,
    ) -> Pager<L>
    where
        L: azure_core::http::pager::Page + DeserializeOwned + Send + Sync + 'static,
        E: std::fmt::Debug + serde::Serialize + DeserializeOwned + Send + Sync + 'static,
    {
        let pipeline = self.clone();
        // The next operation's request, built when its page's link is read
        // (the pager's continuation is only its URL).
        let built: Arc<Mutex<Option<HttpRequest>>> = Arc::default();
        let context = ctx.into_owned();
        let fetched = Arc::new(Mutex::new(Fetched::default()));
        ItemIterator::new(
            move |state: PagerState, options: PagerOptions<'static>| {
                let pipeline = pipeline.clone();
                let first = first.clone();
                let fetched = Arc::clone(&fetched);
                let built = Arc::clone(&built);
                let next_operation = next_operation.clone();
                Box::pin(async move {
                    // `Some` for the first page of a long-running list: its
                    // request starts the operation, whose result is the page.
                    let mut start = None;
                    let request = match state {
                        PagerState::Initial => {
                            let mut fetched =
                                fetched.lock().unwrap_or_else(PoisonError::into_inner);
                            *fetched = Fetched::default();
                            fetched.check(&first.url, pipeline.limits().max_pages)?;
                            start = long_running;
                            first
                        }
                        PagerState::More(PagerContinuation::Link(link)) => {
                            let request =
                                match built.lock().unwrap_or_else(PoisonError::into_inner).take() {
                                    Some(request) if request.url == link => {
                                        same_origin(&pipeline, &request.url)?;
                                        request
                                    }
                                    _ => next_request(&pipeline, &first, link)?,
                                };
                            fetched
                                .lock()
                                .unwrap_or_else(PoisonError::into_inner)
                                .check(&request.url, pipeline.limits().max_pages)?;
                            request
                        }
                        PagerState::More(_) => {
                            return Err(azure_core::Error::with_message(
                                ErrorKind::Other,
                                "ARM list operations page by next link, not by continuation token",
                            ));
                        }
                    };
                    let (status, body, page) = match start {
                        Some(lro) => {
                            let poller = pipeline.begin::<L, azure_core::http::JsonFormat, L, E>(
                                request,
                                decode,
                                lro.via,
                                PollerOptions {
                                    context: options.context.clone(),
                                    frequency: lro.frequency,
                                    max_delay: lro.max_delay,
                                    max_polls: lro.max_polls,
                                    timeout: lro.timeout,
                                },
                            );
                            let response = poller.await?;
                            let page: L = response.body().json()?;
                            let status = response.status();
                            (status, azure_core::Bytes::from(response.into_body()), page)
                        }
                        None => {
                            let response = pipeline.send(&options.context, request).await?;
                            // The next pages of a long-running list are plain
                            // pages: their `200` is not among the statuses the
                            // operation declares (`202`), which the decoder
                            // checks.
                            let page = if long_running.is_some()
                                && (200..300).contains(&response.status)
                            {
                                serde_json::from_slice(&response.body).map_err(|e| {
                                    azure_core::Error::new(ErrorKind::DataConversion, e)
                                })?
                            } else {
                                decode(&response).map_err(|e| response_error(e, &response))?
                            };
                            let status = StatusCode::from(response.status);
                            (status, azure_core::Bytes::from(response.body), page)
                        }
                    };
                    let next = match (next_link(&page), &next_operation) {
                        (Some(link), Some(build)) if !link.is_empty() => {
                            let request = build(link)?;
                            let url = request.url.clone();
                            *built.lock().unwrap_or_else(PoisonError::into_inner) = Some(request);
                            Some(url)
                        }
                        (Some(link), None) if !link.is_empty() => {
                            Some(next_link_url(pipeline.endpoint(), link).map_err(|e| {
                                azure_core::Error::with_message(
                                    ErrorKind::DataConversion,
                                    format!("the next link is not a URL: {e}"),
                                )
                            })?)
                        }
                        _ => None,
                    };
                    let raw = RawResponse::from_bytes(
                        status,
                        azure_core::http::headers::Headers::new(),
                        body,
                    );
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
struct Fetched {
    urls: HashSet<String>,
    pages: u32,
}

impl Fetched {
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

/// How the first page of a long-running list is polled for.
#[derive(Clone, Copy, Debug)]
struct LongRunning {
    via: FinalStateVia,
    frequency: std::time::Duration,
    max_delay: std::time::Duration,
    max_polls: u32,
    timeout: Option<std::time::Duration>,
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
