//! Spec descriptions as doc comments.
//!
//! Descriptions are a third of the bytes armgen writes for a large spec
//! (EventGrid 2025-02-15), and every line of one written as a
//! `#[doc = "…"]` token is escaped by `quote`, copied and parsed by `syn`,
//! unescaped and printed by prettyplease, only to come out as `/// …`. So
//! where an emitter's output is formatted as items, [`Docs`] puts one short
//! placeholder attribute in the tokens for a whole description and
//! [`Docs::expand`] writes its lines into the formatted text. The text is
//! byte for byte what prettyplease prints for the lines as attributes: it
//! prints a doc attribute as `///` and its value (neither starts with `/`
//! nor holds a line break here, and the lines have no trailing spaces), then
//! a line break, so the length of the value changes no other line.
//!
//! Inside a macro call (`string_enum! { … }`) prettyplease prints tokens,
//! not comments, so docs there are [`tokens`].

use std::cell::RefCell;

use proc_macro2::TokenStream;
use quote::quote;

/// What starts a placeholder's value; the description's index follows.
const MARKER: &str = "\u{1}armgen-doc-";
/// [`MARKER`] as a string literal prints it: how a placeholder that was not
/// printed as a comment shows.
const MARKER_AS_LITERAL: &str = "\\u{1}armgen-doc-";

/// The descriptions one emitter call wrote, for the placeholders in its
/// tokens: either deferred to [`Docs::expand`] or written as attributes.
#[derive(Debug)]
pub struct Docs {
    /// The lines of each description behind a placeholder; `None` when docs
    /// are written as attributes.
    deferred: Option<RefCell<Vec<Vec<String>>>>,
}

impl Docs {
    /// Docs written as `#[doc]` attributes: for tokens that are not
    /// formatted with [`Docs::expand`] after.
    pub fn attributes() -> Self {
        Docs { deferred: None }
    }

    /// Docs left as placeholders, for tokens that are formatted as items and
    /// then passed through [`Docs::expand`].
    pub fn deferred() -> Self {
        Docs {
            deferred: Some(RefCell::new(Vec::new())),
        }
    }

    /// The doc comment of a description (nothing for none).
    pub fn attrs(&self, text: &Option<String>) -> TokenStream {
        let Some(text) = text else {
            return TokenStream::new();
        };
        let lines = sanitize(text);
        match &self.deferred {
            Some(table) if !lines.is_empty() => {
                let mut table = table.borrow_mut();
                let placeholder = format!("{MARKER}{}", table.len());
                table.push(lines);
                quote!(#[doc = #placeholder])
            }
            _ => quote! { #(#[doc = #lines])* },
        }
    }

    /// The description, or `fallback` when the spec has none: every public
    /// item gets a doc (the crates deny missing docs), naming at least its
    /// wire name.
    pub fn or(&self, text: &Option<String>, fallback: impl FnOnce() -> String) -> TokenStream {
        match text {
            Some(_) => self.attrs(text),
            None => self.attrs(&Some(fallback())),
        }
    }

    /// A doc comment of several paragraphs.
    pub fn paragraphs(&self, parts: &[Option<&str>]) -> TokenStream {
        let text: Vec<&str> = parts
            .iter()
            .flatten()
            .copied()
            .filter(|p| !p.trim().is_empty())
            .collect();
        if text.is_empty() {
            return TokenStream::new();
        }
        self.attrs(&Some(text.join("\n\n")))
    }

    /// The formatted `text` with each placeholder line
    /// (`<indent>///<placeholder>`) replaced by its description's lines, at
    /// the same indent. A placeholder printed any other way (inside a macro
    /// call, by mistake) is an error, never a stray line in the output.
    pub fn expand(&self, text: String) -> Result<String, syn::Error> {
        let Some(table) = &self.deferred else {
            return Ok(text);
        };
        let table = table.borrow();
        let stray = |line: &str| line.contains(MARKER) || line.contains(MARKER_AS_LITERAL);
        if !stray(&text) {
            return Ok(text);
        }
        let mut out = String::with_capacity(
            text.len() + table.iter().flatten().map(|l| l.len() + 16).sum::<usize>(),
        );
        for line in text.split_inclusive('\n') {
            let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
            let index = line[indent.len()..]
                .strip_prefix("///")
                .and_then(|rest| rest.strip_prefix(MARKER))
                .map(|rest| rest.trim_end_matches('\n'))
                .and_then(|index| index.parse::<usize>().ok());
            match index.and_then(|i| table.get(i)) {
                Some(lines) => {
                    for doc in lines {
                        out.push_str(indent);
                        out.push_str("///");
                        out.push_str(doc);
                        out.push('\n');
                    }
                }
                None if stray(line) => {
                    return Err(syn::Error::new(
                        proc_macro2::Span::call_site(),
                        format!(
                            "internal error: a deferred doc comment was not printed as `///` (in `{}`)",
                            line.trim()
                        ),
                    ));
                }
                None => out.push_str(line),
            }
        }
        Ok(out)
    }

    /// `attrs` with every placeholder replaced by the attributes of its
    /// lines: for an item that leaves this emitter as tokens (a child
    /// module's declaration, written in `mod.rs`).
    pub fn expand_attrs(&self, attrs: &mut Vec<syn::Attribute>) {
        let Some(table) = &self.deferred else {
            return;
        };
        let table = table.borrow();
        let mut expanded = Vec::with_capacity(attrs.len());
        for attr in attrs.drain(..) {
            let lines = placeholder_index(&attr).and_then(|i| table.get(i));
            match lines {
                Some(lines) => {
                    expanded.extend(lines.iter().map(|line| syn::parse_quote!(#[doc = #line])))
                }
                None => expanded.push(attr),
            }
        }
        *attrs = expanded;
    }
}

/// The description index of a placeholder attribute.
fn placeholder_index(attr: &syn::Attribute) -> Option<usize> {
    let syn::Meta::NameValue(meta) = &attr.meta else {
        return None;
    };
    if !meta.path.is_ident("doc") {
        return None;
    }
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(value),
        ..
    }) = &meta.value
    else {
        return None;
    };
    value.value().strip_prefix(MARKER)?.parse().ok()
}

/// `#[doc = "..."]` attributes for a description, whatever is done with the
/// tokens: for docs inside a macro call.
pub fn tokens(text: &Option<String>) -> TokenStream {
    Docs::attributes().attrs(text)
}

/// [`tokens`], or `fallback` when there is no description.
pub fn tokens_or(text: &Option<String>, fallback: impl FnOnce() -> String) -> TokenStream {
    Docs::attributes().or(text, fallback)
}

/// The lines of a doc comment, each with the leading space rustdoc expects,
/// made safe for rustdoc: code fences become plain text blocks (never
/// doctests) and indentation is dropped so no line turns into an indented
/// code block.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Items with descriptions in every place emitters put one, formatted
    /// with the descriptions as attributes and as placeholders.
    fn both_ways(item: impl Fn(&Docs) -> TokenStream) -> (String, Result<String, syn::Error>) {
        let format = |tokens: TokenStream| {
            prettyplease::unparse(&syn::parse2::<syn::File>(tokens).expect("items parse"))
        };
        let deferred = Docs::deferred();
        let text = format(item(&deferred));
        (format(item(&Docs::attributes())), deferred.expand(text))
    }

    #[test]
    fn deferred_descriptions_print_as_prettyplease_prints_them() {
        let long = "word ".repeat(40);
        let texts = [
            Some("One line.".to_owned()),
            Some("  Indented\r\n\r\nparagraphs\n\n\n  with ``` inside  ".to_owned()),
            Some("```json\n{\"a\": 1}\n```\nafter the fence".to_owned()),
            Some(format!("{long}\n{long}")),
            Some("Ünïcödé ‘quotes’ and \\ backslashes \"quoted\" \t tabs".to_owned()),
            Some("\n\n".to_owned()),
            None,
        ];
        for text in &texts {
            let (expected, deferred) = both_ways(|docs| {
                let doc = docs.attrs(text);
                let fallback = docs.or(text, || "The fallback.".to_owned());
                let paragraphs = docs.paragraphs(&[text.as_deref(), Some("Second.")]);
                quote! {
                    #doc
                    pub struct Model {
                        #fallback
                        pub field: ::core::option::Option<::std::string::String>,
                    }
                    #paragraphs
                    pub mod group {
                        #doc
                        pub fn request(
                            #[doc = "literal"] endpoint: &str,
                            very_long_parameter_name_number_one: &str,
                            very_long_parameter_name_number_two: &str,
                        ) {}
                        impl Model {
                            #fallback
                            pub async fn method(&self) -> ::core::result::Result<(), ()> { Ok(()) }
                        }
                    }
                }
            });
            assert_eq!(deferred.expect("expands"), expected, "{text:?}");
        }
    }

    #[test]
    fn a_placeholder_inside_a_macro_call_is_an_error_not_output() {
        let (_, deferred) = both_ways(|docs| {
            let doc = docs.attrs(&Some("In a macro.".to_owned()));
            quote! { string_enum! { #doc closed enum E { A = "a", } } }
        });
        let error = deferred.expect_err("a placeholder in a macro call");
        assert!(
            error.to_string().contains("not printed as `///`"),
            "{error}"
        );
    }

    #[test]
    fn a_declaration_gets_its_descriptions_back_as_attributes() {
        let docs = Docs::deferred();
        let doc = docs.attrs(&Some("The group.\n\nMore.".to_owned()));
        let mut item: syn::ItemMod = syn::parse2(quote!(#doc pub mod group {})).unwrap();
        docs.expand_attrs(&mut item.attrs);
        let expected = quote!(
            #[doc = " The group."]
            #[doc = ""]
            #[doc = " More."]
            pub mod group {}
        );
        assert_eq!(quote!(#item).to_string(), expected.to_string());
    }
}
