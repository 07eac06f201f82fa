//! String formats in the IR (issue 11): `format`s armgen checks become
//! `TypeRef::Format` in models, bodies, items, map values and response
//! headers; outside the body they stay text with `Constraints::format`;
//! formats it does not check (`uri`), and secrets, are what they were.
//! `tests/formats.rs` runs the generated code.

use armgen::ir::{Format, Model, ModelKind, ParamLocation, TypeRef};

mod support;

fn service() -> armgen::ir::Service {
    let config = armgen::Config::new(support::fixtures().join("fixtures/formats"))
        .spec("formats.yaml", "formats");
    let (mut api, _) = config.resolve().unwrap_or_else(|e| panic!("{e}"));
    api.services.pop().expect("one service")
}

fn field_types(model: &Model) -> Vec<(&str, &TypeRef)> {
    let ModelKind::Struct(s) = &model.kind else {
        panic!("{} is not a struct", model.name);
    };
    s.fields
        .iter()
        .map(|f| (f.wire_name.as_str(), &f.ty))
        .collect()
}

#[test]
fn model_properties_of_a_format_carry_it() {
    let service = service();
    let event = service
        .models
        .iter()
        .find(|m| m.wire_name == "Event")
        .expect("Event");
    let format = |f| TypeRef::Format(f);
    assert_eq!(
        field_types(event),
        [
            ("at", &format(Format::DateTime)),
            ("day", &format(Format::Date)),
            ("took", &format(Format::Duration)),
            ("id", &format(Format::Uuid)),
            ("payload", &format(Format::Byte)),
            ("cursor", &format(Format::Base64Url)),
            ("grade", &format(Format::Char)),
            ("stamp", &format(Format::UnixTime)),
            ("modified", &format(Format::DateTimeRfc1123)),
            ("attendees", &TypeRef::Array(Box::new(format(Format::Uuid)))),
            ("history", &TypeRef::Map(Box::new(format(Format::DateTime)))),
            ("link", &TypeRef::String),
            ("accessKey", &TypeRef::Secret),
        ]
    );
}

#[test]
fn parameters_outside_the_body_are_text_checked_for_their_format() {
    let service = service();
    let put = service
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .find(|op| op.id == "Events_Put")
        .expect("Events_Put");
    let params: Vec<(&str, ParamLocation, &TypeRef, Option<Format>)> = put
        .params
        .iter()
        .map(|p| {
            (
                p.wire_name.as_str(),
                p.location,
                &p.ty,
                p.constraints.format,
            )
        })
        .collect();
    let strings = TypeRef::Array(Box::new(TypeRef::String));
    for expected in [
        (
            "day",
            ParamLocation::Path,
            &TypeRef::String,
            Some(Format::Date),
        ),
        (
            "since",
            ParamLocation::Query,
            &TypeRef::String,
            Some(Format::DateTime),
        ),
        ("ids", ParamLocation::Query, &strings, Some(Format::Uuid)),
        (
            "x-ms-when",
            ParamLocation::Header,
            &TypeRef::String,
            Some(Format::DateTimeRfc1123),
        ),
        ("stamp", ParamLocation::Query, &TypeRef::I64, None),
    ] {
        assert!(params.contains(&expected), "{expected:?} not in {params:?}");
    }
    let headers: Vec<(&str, &TypeRef)> = put
        .response_headers
        .iter()
        .map(|h| (h.wire_name.as_str(), &h.ty))
        .collect();
    assert_eq!(
        headers,
        [
            ("Last-Modified", &TypeRef::Format(Format::DateTimeRfc1123)),
            ("x-ms-request-id", &TypeRef::Format(Format::Uuid)),
            ("x-ms-stamp", &TypeRef::Format(Format::UnixTime)),
        ]
    );
}
