//! Spec descriptions as doc attributes.

use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = "..."]` lines for a description, made safe for rustdoc: code
/// fences become plain text blocks (never doctests) and indentation is
/// dropped so no line turns into an indented code block.
pub fn attrs(text: &Option<String>) -> TokenStream {
    let Some(text) = text else {
        return TokenStream::new();
    };
    let lines = sanitize(text);
    quote! { #(#[doc = #lines])* }
}

/// The lines of a doc comment, each with the leading space rustdoc expects.
pub fn sanitize(text: &str) -> Vec<String> {
    let mut in_fence = false;
    text.replace("\r\n", "\n")
        .lines()
        .map(|line| {
            let line = line.trim();
            if line.starts_with("```") {
                // Opening fences get `text` so rustdoc never runs them.
                in_fence = !in_fence;
                return if in_fence {
                    " ```text".to_owned()
                } else {
                    " ```".to_owned()
                };
            }
            if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            }
        })
        .collect()
}

/// The description, or `fallback` when the spec has none: every public item
/// gets a doc (the crates deny missing docs), naming at least its wire name.
pub fn or(text: &Option<String>, fallback: impl FnOnce() -> String) -> TokenStream {
    match text {
        Some(_) => attrs(text),
        None => attrs(&Some(fallback())),
    }
}

/// Doc lines from several paragraphs.
pub fn paragraphs(parts: &[Option<&str>]) -> TokenStream {
    let text: Vec<&str> = parts
        .iter()
        .flatten()
        .copied()
        .filter(|p| !p.trim().is_empty())
        .collect();
    if text.is_empty() {
        return TokenStream::new();
    }
    attrs(&Some(text.join("\n\n")))
}
