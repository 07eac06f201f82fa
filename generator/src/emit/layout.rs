//! The generated layout: which module goes in which file, and how each file
//! is included and gated. Emitters return their module (`pub mod models {
//! … }`); only this module knows the file names (`<service>/<module>.rs`,
//! `<service>/mod.rs`), that a file is included with `include!`, and how a
//! module that needs a cargo feature is gated. Each module's tokens are
//! parsed once, for the formatter; no tree of the whole service is built and
//! cut up. A child module is formatted where it was emitted ([`Child`] holds
//! only text), so modules can be emitted on several threads.

use std::time::{Duration, Instant};

use proc_macro2::TokenStream;
use quote::quote;

use super::docs::Docs;
use super::types::ident;
use crate::naming::unraw;

/// One generated file: its path below the output directory and its
/// formatted content.
pub type File = (String, String);

/// Time spent emitting tokens and formatting them, summed over the threads
/// that did it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Spent {
    /// Building and parsing tokens.
    pub emit: Duration,
    /// prettyplease.
    pub format: Duration,
}

impl std::ops::AddAssign for Spent {
    fn add_assign(&mut self, other: Self) {
        self.emit += other.emit;
        self.format += other.format;
    }
}

/// Formats a file's items with prettyplease, adding the time to `spent`.
pub fn format_items(items: Vec<syn::Item>, spent: &mut Spent) -> String {
    let started = Instant::now();
    let text = prettyplease::unparse(&syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    });
    spent.format += started.elapsed();
    text
}

/// What a module needs beyond the runtime's pure half.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing: it compiles in any crate with the runtime.
    Nothing,
    /// The runtime's `client` feature (`azure_core`'s pipeline): wrapped in
    /// the runtime's `client_only!`, which drops it when the feature is off.
    Client,
    /// The bindings' `dynamic` feature, when the crate sets one.
    Dynamic,
    /// Both.
    DynamicClient,
}

/// A child module of a service module, in a file of its own: its docs stay
/// on the `mod` item in `mod.rs`, its items go to the file.
pub struct Module {
    item: syn::ItemMod,
    needs: Needs,
}

impl Module {
    /// The module an emitter wrote (`#[doc = …] pub mod name { … }`).
    pub fn parse(tokens: TokenStream) -> Result<Self, syn::Error> {
        Ok(Module {
            item: syn::parse2(tokens)?,
            needs: Needs::Nothing,
        })
    }

    /// Each module of `tokens` (an emitter may write several, or none).
    pub fn parse_all(tokens: TokenStream, needs: Needs) -> Result<Vec<Self>, syn::Error> {
        let file: syn::File = syn::parse2(tokens)?;
        file.items
            .into_iter()
            .map(|item| match item {
                syn::Item::Mod(item) if item.content.is_some() => Ok(Module { item, needs }),
                other => Err(syn::Error::new_spanned(other, "expected a module")),
            })
            .collect()
    }

    /// Whether the module is called `name`.
    pub fn is(&self, name: &str) -> bool {
        self.item.ident == name
    }

    /// The same module, compiled only with what `needs` says.
    pub fn needing(self, needs: Needs) -> Self {
        Module { needs, ..self }
    }

    /// The module as the text of its file and its declaration, with the
    /// descriptions `docs` deferred written in.
    pub fn into_child(self, docs: &Docs, spent: &mut Spent) -> Result<Child, syn::Error> {
        let mut item = self.item;
        docs.expand_attrs(&mut item.attrs);
        let items = item
            .content
            .take()
            .map(|(_, items)| items)
            .unwrap_or_default();
        // `pub mod name;` with its docs: tokens, unlike text, cannot go to
        // the thread that writes `mod.rs`. Printed and parsed back, they are
        // the same tokens.
        let declaration = quote!(#item).to_string();
        let text = format_items(items, spent);
        Ok(Child {
            name: syn::ext::IdentExt::unraw(&item.ident).to_string(),
            declaration,
            text: docs.expand(text)?,
            needs: self.needs,
        })
    }
}

/// A child module, emitted and formatted: what `mod.rs` needs of it, and its
/// file.
pub struct Child {
    /// The module's name without a raw prefix: its file is `<name>.rs`.
    name: String,
    /// Its `mod` item without content (attributes and docs included), as
    /// tokens printed.
    declaration: String,
    /// Its items, formatted.
    text: String,
    needs: Needs,
}

/// A part of a service module, in order.
pub enum Part {
    /// Items written in `mod.rs` itself: constants, the `patterns` statics
    /// (private to the service, so not a file of their own).
    Inline(TokenStream),
    /// A child module, in a file of its own.
    Child(Child),
}

impl From<Child> for Part {
    fn from(child: Child) -> Self {
        Part::Child(child)
    }
}

/// A service module (or a provider's `shared` module): its outer attributes
/// and its parts.
pub struct ServiceModule {
    /// The module's name (an identifier, raw for a keyword); its files are in
    /// the folder of that name without the raw prefix (`type/mod.rs`).
    pub name: String,
    /// Docs and lints, on the `mod` item that includes `mod.rs` (an included
    /// file cannot carry its module's inner attributes).
    pub attrs: TokenStream,
    /// Its items and child modules, in the order `mod.rs` lists them.
    pub parts: Vec<Part>,
}

/// A module as files, and the item that includes them.
pub struct Laid {
    /// `#[doc] pub mod relay { include!("relay/mod.rs"); }`.
    pub wrapper: TokenStream,
    /// Path (relative to the output directory) and content of each file.
    pub files: Vec<File>,
    /// The time it took, the children's included.
    pub spent: Spent,
}

impl ServiceModule {
    /// Lays the module out as files: one per child, `mod.rs` with the inline
    /// items and the child modules' `include!`s. With `dynamic_feature`, the
    /// modules that need it compile only with that cargo feature.
    pub fn lay_out(
        self,
        runtime: &syn::Path,
        dynamic_feature: Option<&str>,
        mut spent: Spent,
    ) -> Result<Laid, syn::Error> {
        let started = Instant::now();
        let dir = unraw(&self.name).to_owned();
        let mut files = Vec::with_capacity(self.parts.len() + 1);
        let mut mod_rs = Vec::with_capacity(self.parts.len());
        for part in self.parts {
            let child = match part {
                Part::Inline(items) => {
                    mod_rs.push(items);
                    continue;
                }
                Part::Child(child) => child,
            };
            let mut item: syn::ItemMod = syn::parse_str(&child.declaration)?;
            let file = format!("{}.rs", child.name);
            files.push((format!("{dir}/{file}"), child.text));
            if let (Needs::Dynamic | Needs::DynamicClient, Some(feature)) =
                (child.needs, dynamic_feature)
            {
                item.attrs
                    .push(syn::parse_quote!(#[cfg(feature = #feature)]));
            }
            item.content = Some((
                Default::default(),
                vec![syn::parse_quote!(include!(#file);)],
            ));
            let declaration = quote!(#item);
            mod_rs.push(match child.needs {
                Needs::Client | Needs::DynamicClient => {
                    quote!(#runtime::client_only! { #declaration })
                }
                Needs::Nothing | Needs::Dynamic => declaration,
            });
        }
        let mod_rs: syn::File = syn::parse2(quote!(#(#mod_rs)*))?;
        let mut mine = Spent::default();
        files.push((
            format!("{dir}/mod.rs"),
            format_items(mod_rs.items, &mut mine),
        ));
        mine.emit = started.elapsed().saturating_sub(mine.format);
        spent += mine;
        let name = ident(&self.name);
        let attrs = self.attrs;
        let include = format!("{dir}/mod.rs");
        Ok(Laid {
            wrapper: quote! {
                #attrs
                pub mod #name {
                    include!(#include);
                }
            },
            files,
            spent,
        })
    }
}
