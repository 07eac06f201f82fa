//! `body-string.json`: `dist/test-routes/string.js`. String and enum
//! bodies: each value read is compared with what the server sent, and each
//! value sent is checked by the server (`rawBodyEquals`). Formats armgen
//! keeps as strings (`base64url`, `byte`) are their text.

use arm_autorest::body_string::clients::{
    BodyStringClient, BodyStringEnumClient, BodyStringStringClient,
    BodyStringStringClientPutNullOptions,
};
use arm_autorest::body_string::models::{ColorConstant, Colors, RefColorConstant};

use crate::support::{Ctx, Gap, model, scenarios, status};

/// The server's multi-byte string.
const MBCS: &str = "啊齄丂狛狜隣郎隣兀﨩ˊ〞〡￤℡㈱‐ー﹡﹢﹫、〓ⅰⅹ⒈€㈠㈩ⅠⅫ！￣ぁんァヶΑ︴АЯаяāɡㄅㄩ─╋︵﹄︻︱︳︴ⅰⅹɑɡ〇〾⿻⺁䜣€";
const WHITESPACE: &str = "    Now is the time for all good men to come to the aid of their country    ";
const BASE64URL: &str = "YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw";

fn strings(ctx: &Ctx) -> BodyStringStringClient {
    BodyStringClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .string()
}

fn enums(ctx: &Ctx) -> BodyStringEnumClient {
    BodyStringClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .r#enum()
}

scenarios! {
    // `x-nullable: true` results: an empty body is `None`.
    ["getStringNull"] async fn get_null(ctx) {
        assert_eq!(model(strings(&ctx).get_null(None).await), None);
    }
    ["getStringNullBase64UrlEncoding"] async fn get_null_base64_url(ctx) {
        assert_eq!(model(strings(&ctx).get_null_base64_url_encoded(None).await), None);
    }
    // No body at all: the optional body is left out.
    ["putStringNull"] async fn put_null(ctx) {
        let options = BodyStringStringClientPutNullOptions::default();
        assert_eq!(status(strings(&ctx).put_null(Some(options)).await), 200);
    }
    ["getStringEmpty"] async fn get_empty(ctx) {
        assert_eq!(model(strings(&ctx).get_empty(None).await).as_deref(), Some(""));
    }
    ["putStringEmpty"] async fn put_empty(ctx) {
        assert_eq!(status(strings(&ctx).put_empty("", None).await), 200);
    }
    ["getStringWithLeadingAndTrailingWhitespace"] async fn get_whitespace(ctx) {
        assert_eq!(model(strings(&ctx).get_whitespace(None).await).as_deref(), Some(WHITESPACE));
    }
    ["putStringWithLeadingAndTrailingWhitespace"] async fn put_whitespace(ctx) {
        assert_eq!(status(strings(&ctx).put_whitespace(WHITESPACE, None).await), 200);
    }
    ["getStringMultiByteCharacters"] async fn get_mbcs(ctx) {
        assert_eq!(model(strings(&ctx).get_mbcs(None).await).as_deref(), Some(MBCS));
    }
    ["putStringMultiByteCharacters"] async fn put_mbcs(ctx) {
        assert_eq!(status(strings(&ctx).put_mbcs(MBCS, None).await), 200);
    }
    ["getStringBase64UrlEncoded"] async fn get_base64_url(ctx) {
        assert_eq!(model(strings(&ctx).get_base64_url_encoded(None).await).as_deref(), Some(BASE64URL));
    }
    ["putStringBase64UrlEncoded"] async fn put_base64_url(ctx) {
        assert_eq!(status(strings(&ctx).put_base64_url_encoded(&BASE64URL.parse().unwrap(), None).await), 200);
    }
    ["getStringBase64Encoded"] async fn get_base64(ctx) {
        assert_eq!(
            model(strings(&ctx).get_base64_encoded(None).await).as_deref(),
            Some("YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjQ=")
        );
    }
    ["getEnumNotExpandable"] async fn get_not_expandable(ctx) {
        assert_eq!(model(enums(&ctx).get_not_expandable(None).await), Some(Colors::RedColor));
    }
    ["putEnumNotExpandable"] async fn put_not_expandable(ctx) {
        assert_eq!(status(enums(&ctx).put_not_expandable(&Colors::RedColor, None).await), 200);
    }
    ["getEnumReferenced"] async fn get_referenced(ctx) {
        assert_eq!(model(enums(&ctx).get_referenced(None).await), Some(Colors::RedColor));
    }
    ["putEnumReferenced"] async fn put_referenced(ctx) {
        assert_eq!(status(enums(&ctx).put_referenced(&Colors::RedColor, None).await), 200);
    }
    ["putEnumReferencedConstant"] async fn put_referenced_constant(ctx) {
        let body = RefColorConstant { color_constant: ColorConstant::GreenColor, field1: None };
        assert_eq!(status(enums(&ctx).put_referenced_constant(&body, None).await), 200);
    }
    // Generated with `nulls: tolerated` (autorest/build.rs): the server
    // sends nulls the spec does not declare, which AutoRest's clients read
    // as null.
    ["getStringNotProvided"] async fn get_not_provided(ctx) {
        assert_eq!(model(strings(&ctx).get_not_provided(None).await), None);
    }
}

/// Not called: what armgen does differs from what the scenarios expect.
pub const GAPS: &[Gap] = &[
    Gap {
        scenarios: &["getEnumReferencedConstant"],
        reason: "the body leaves out the required constant `ColorConstant` (a single-value enum): armgen's model requires it, so the body is a decoding error; AutoRest fills in the constant",
    },
];
