//! `armgen diff`: the real api-version pairs of the upstream specs, with
//! expectations written from reading the two files (and checked against the
//! raw JSON, not armgen's own model of it), a synthetic pair with one change
//! per rule category, and the command's formats and exit status.

use std::path::Path;
use std::process::Command;

use armgen::diff::{Change, Report, Rule, SemverBump, Subject, Wire};

mod support;

use support::upstream;

const RELAY_OLD: &str = "specification/relay/resource-manager/Microsoft.Relay/stable/2021-11-01/authorizationRules.json";
const RELAY_NEW: &str =
    "specification/relay/resource-manager/Microsoft.Relay/stable/2024-01-01/relay.json";
const EVENTGRID_OLD: &str = "specification/eventgrid/resource-manager/Microsoft.EventGrid/preview/2024-06-01-preview/EventGrid.json";
const EVENTGRID_NEW: &str =
    "specification/eventgrid/resource-manager/Microsoft.EventGrid/stable/2025-02-15/EventGrid.json";
const SYSTEM_DATA: &str = "common-types/resource-management/v5/types.json#/definitions/systemData=#/definitions/SystemData";

fn service(root: &Path, file: &str) -> armgen::ir::Service {
    let config = armgen::Config::new(root)
        .spec(file, "api")
        .ref_alias(SYSTEM_DATA)
        .expect("a well-formed alias");
    let (mut api, _) = config.resolve().unwrap_or_else(|e| panic!("{e}"));
    api.services.pop().expect("one service")
}

fn diff(root: &Path, old: &str, new: &str) -> Report {
    armgen::diff::diff(&service(root, old), &service(root, new))
}

fn find<'r>(report: &'r Report, rule: Rule, subject: &Subject, at: &str) -> &'r Change {
    report
        .changes
        .iter()
        .find(|c| c.rule == rule && &c.subject == subject && c.at == at)
        .unwrap_or_else(|| {
            panic!(
                "no {rule:?} at {subject:?} {at:?} in:\n{}",
                report.to_markdown()
            )
        })
}

fn op(id: &str) -> Subject {
    Subject::Operation(id.to_owned())
}

fn model(name: &str) -> Subject {
    Subject::Model(name.to_owned())
}

/// Relay 2021-11-01 (`authorizationRules.json`, parameters in
/// `common/v1/definitions.json`) → 2024-01-01 (`relay.json`, parameters in
/// common-types v3). In the old files `resourceGroupName` has minLength 1 and
/// maxLength 90 but no pattern, and `api-version` no constraint; v3 adds the
/// pattern `^[-\w\._\(\)]+$` and minLength 1. The 18 authorization-rule
/// operations exist in both; none is removed.
#[test]
fn relay_2021_to_2024_tightens_resource_group_and_api_version() {
    let Some(root) = upstream() else { return };
    let report = diff(&root, RELAY_OLD, RELAY_NEW);
    let common = [
        "Namespaces_ListKeys",
        "Namespaces_RegenerateKeys",
        "HybridConnections_GetAuthorizationRule",
        "WCFRelays_DeleteAuthorizationRule",
    ];
    for id in common {
        let rg = find(
            &report,
            Rule::ConstraintIsStronger,
            &op(id),
            "parameter resourceGroupName",
        );
        assert!(rg.message.contains("pattern"), "{}", rg.message);
        assert_eq!(rg.wire, Wire::Breaking);
        assert_eq!(rg.rust, SemverBump::Patch, "validation, not signatures");
        let version = find(
            &report,
            Rule::ConstraintIsStronger,
            &op(id),
            "parameter api-version",
        );
        assert!(version.message.contains("minLength 1 added"));
    }
    let strengthened = report
        .changes
        .iter()
        .filter(|c| c.rule == Rule::ConstraintIsStronger && c.at == "parameter resourceGroupName")
        .count();
    assert_eq!(strengthened, 18, "every operation of the old file");
    assert!(
        !report
            .changes
            .iter()
            .any(|c| matches!(c.rule, Rule::RemovedOperation | Rule::RemovedPath)),
        "2024-01-01 keeps every authorization-rule operation"
    );
    let added = find(&report, Rule::AddedPath, &op("Namespaces_Get"), "");
    assert_eq!(
        (added.wire, added.rust),
        (Wire::Compatible, SemverBump::Minor)
    );
    assert_eq!(report.rust_bump(), SemverBump::Major);
}

/// EventGrid 2024-06-01-preview → 2025-02-15: the stable version drops the
/// preview's partner destinations and network security perimeter
/// configurations (10 operations, found by listing both files'
/// operationIds), and 32 definitions the stable file no longer has.
#[test]
fn eventgrid_preview_to_stable_removes_partner_destinations_and_perimeters() {
    let Some(root) = upstream() else { return };
    let report = diff(&root, EVENTGRID_OLD, EVENTGRID_NEW);
    let removed_operations = [
        "NetworkSecurityPerimeterConfigurations_Get",
        "NetworkSecurityPerimeterConfigurations_List",
        "NetworkSecurityPerimeterConfigurations_Reconcile",
        "PartnerDestinations_Activate",
        "PartnerDestinations_CreateOrUpdate",
        "PartnerDestinations_Delete",
        "PartnerDestinations_Get",
        "PartnerDestinations_ListByResourceGroup",
        "PartnerDestinations_ListBySubscription",
        "PartnerDestinations_Update",
    ];
    let mut found: Vec<&str> = report
        .changes
        .iter()
        .filter(|c| matches!(c.rule, Rule::RemovedOperation | Rule::RemovedPath))
        .map(|c| match &c.subject {
            Subject::Operation(id) => id.as_str(),
            other => panic!("{other:?}"),
        })
        .collect();
    found.sort_unstable();
    assert_eq!(found, removed_operations);
    for id in removed_operations {
        let change = report.changes.iter().find(|c| c.subject == op(id)).unwrap();
        assert_eq!(
            (change.wire, change.rust),
            (Wire::Breaking, SemverBump::Major)
        );
    }
    // Definitions of the preview file that the stable one lacks (the ones
    // armgen generates a type for: every one here is used by an operation).
    for name in [
        "PartnerDestination",
        "PartnerDestinationProperties",
        "PartnerDestinationsListResult",
        "NetworkSecurityPerimeterConfiguration",
        "NetworkSecurityPerimeterConfigurationList",
        "ResourceAssociation",
        "PartnerClientAuthentication",
        "AzureADPartnerClientAuthentication",
        "WebhookPartnerDestinationInfo",
        "PartnerEventSubscriptionDestination",
    ] {
        let change = find(&report, Rule::RemovedDefinition, &model(name), "");
        assert_eq!(change.wire, Wire::Breaking);
    }
    assert!(
        !report
            .changes
            .iter()
            .any(|c| matches!(c.rule, Rule::AddedOperation | Rule::AddedPath)),
        "the stable version adds no operation"
    );
    // common-types v2 `systemData` and v5 `SystemData` are one model (the
    // same shape, the same generated type): no change at all.
    assert!(
        !report.changes.iter().any(
            |c| matches!(&c.subject, Subject::Model(n) if n.eq_ignore_ascii_case("systemData"))
        ),
        "{}",
        report.to_markdown()
    );
    // A discriminated child that left the union.
    find(
        &report,
        Rule::DifferentAllOf,
        &model("EventSubscriptionDestination"),
        "variant PartnerEventSubscriptionDestination",
    );
}

#[test]
fn a_spec_compared_with_itself_has_no_change() {
    let Some(root) = upstream() else { return };
    for file in [RELAY_NEW, EVENTGRID_NEW, EVENTGRID_OLD] {
        let report = diff(&root, file, file);
        assert!(report.changes.is_empty(), "{}", report.to_markdown());
        assert!(!report.fails(armgen::diff::FailOn::Minor));
    }
}

fn synthetic() -> Report {
    let root = support::fixtures().join("fixtures/diff");
    let old = armgen::Config::new(&root).spec("base.yaml", "api");
    let new = armgen::Config::new(&root).spec("changed.yaml", "api");
    let service = |c: armgen::Config| {
        c.resolve()
            .unwrap_or_else(|e| panic!("{e}"))
            .0
            .services
            .remove(0)
    };
    armgen::diff::diff(&service(old), &service(new))
}

/// One expectation per rule category of `fixtures/diff/changed.yaml`:
/// (rule, subject, place, wire, Rust bump).
#[test]
fn every_rule_category_is_found_and_classified() {
    use SemverBump::{Major, Minor, Patch};
    use Wire::{Breaking, Compatible};
    let report = synthetic();
    let expected: &[(Rule, Subject, &str, Wire, SemverBump)] = &[
        // Operations and paths.
        (Rule::RemovedPath, op("Things_Old"), "", Breaking, Major),
        (Rule::AddedPath, op("Gadgets_List"), "", Compatible, Minor),
        (
            Rule::ModifiedOperationId,
            op("Things_Before"),
            "",
            Breaking,
            Major,
        ),
        // Parameters.
        (
            Rule::AddingRequiredParameter,
            op("Things_Act"),
            "parameter mode",
            Breaking,
            Major,
        ),
        (
            Rule::AddingOptionalParameter,
            op("Things_Act"),
            "parameter verbose",
            Compatible,
            Minor,
        ),
        (
            Rule::RemovedOptionalParameter,
            op("Things_Act"),
            "parameter trace",
            Breaking,
            Major,
        ),
        (
            Rule::ParameterInHasChanged,
            op("Things_Act"),
            "parameter x-ms-tag",
            Breaking,
            Patch,
        ),
        (
            Rule::TypeFormatChanged,
            op("Things_Act"),
            "parameter level",
            Compatible,
            Major,
        ),
        (
            Rule::ParameterGroupingChanged,
            op("Things_Act"),
            "parameter top",
            Compatible,
            Major,
        ),
        (
            Rule::ClientRequestIdChanged,
            op("Things_Act"),
            "parameter x-trace-id",
            Compatible,
            Patch,
        ),
        (
            Rule::ConstraintIsStronger,
            op("Things_Get"),
            "parameter thingName",
            Breaking,
            Patch,
        ),
        (
            Rule::ConstraintIsWeaker,
            op("Things_Get"),
            "parameter thingName",
            Compatible,
            Patch,
        ),
        // Responses.
        (
            Rule::AddingResponseCode,
            op("Things_Put"),
            "response 201",
            Breaking,
            Patch,
        ),
        (
            Rule::RemovedResponseCode,
            op("Things_Delete"),
            "response 204",
            Breaking,
            Patch,
        ),
        (
            Rule::ResponseTypeChanged,
            op("Things_Check"),
            "response 404",
            Breaking,
            Major,
        ),
        (
            Rule::ErrorModelChanged,
            op("Things_Get"),
            "response default",
            Breaking,
            Major,
        ),
        // Long-running and paging.
        (
            Rule::XmsLongRunningOperationChanged,
            op("Things_Delete"),
            "x-ms-long-running-operation",
            Breaking,
            Major,
        ),
        (
            Rule::XmsPageableChanged,
            op("Things_List"),
            "x-ms-pageable",
            Breaking,
            Patch,
        ),
        // Schemas.
        (Rule::RemovedDefinition, model("Error"), "", Breaking, Major),
        (
            Rule::AddedDefinition,
            model("Error2"),
            "",
            Compatible,
            Minor,
        ),
        (
            Rule::ReferenceRedirection,
            model("NewShape"),
            "",
            Compatible,
            Major,
        ),
        (
            Rule::RemovedProperty,
            model("Thing"),
            "property legacy",
            Breaking,
            Major,
        ),
        (
            Rule::AddedRequiredProperty,
            model("Thing"),
            "property size",
            Breaking,
            Major,
        ),
        (
            Rule::AddedOptionalProperty,
            model("Thing"),
            "property note",
            Compatible,
            Major,
        ),
        (
            Rule::AddedPropertyInResponse,
            model("ThingList"),
            "property next",
            Compatible,
            Major,
        ),
        (
            Rule::RequiredStatusChange,
            model("Thing"),
            "property name2",
            Breaking,
            Major,
        ),
        (
            Rule::ReadonlyPropertyChanged,
            model("Thing"),
            "property state",
            Breaking,
            Patch,
        ),
        (
            Rule::TypeFormatChanged,
            model("Thing"),
            "property count",
            Breaking,
            Major,
        ),
        (
            Rule::TypeChanged,
            model("Thing"),
            "property label",
            Breaking,
            Major,
        ),
        (
            Rule::SecretChanged,
            model("Thing"),
            "property pin",
            Compatible,
            Major,
        ),
        // Enums.
        (
            Rule::AddedEnumValue,
            model("Color"),
            "value blue",
            Compatible,
            Major,
        ),
        (
            Rule::RemovedEnumValue,
            model("Color"),
            "value green",
            Breaking,
            Major,
        ),
        (
            Rule::XmsEnumChanged,
            model("Color"),
            "x-ms-enum",
            Breaking,
            Major,
        ),
        // Polymorphism.
        (
            Rule::DifferentAllOf,
            model("Animal"),
            "variant Bird",
            Compatible,
            Major,
        ),
        (
            Rule::DifferentAllOf,
            model("Animal"),
            "variant Cat",
            Breaking,
            Major,
        ),
        (
            Rule::DifferentAllOf,
            model("Animal"),
            "variant Dog",
            Breaking,
            Patch,
        ),
    ];
    for (rule, subject, at, wire, rust) in expected {
        let change = find(&report, *rule, subject, at);
        assert_eq!(
            (change.wire, change.rust),
            (*wire, *rust),
            "{rule:?} at {subject:?} {at}: {}",
            change.message
        );
    }
    // `count` is a field of a model both sent and received: widening breaks
    // readers of the old width.
    assert_eq!(report.rust_bump(), SemverBump::Major);
    assert!(report.breaks_wire());
}

#[test]
fn the_command_prints_markdown_or_json_and_gates_ci() {
    let root = support::fixtures().join("fixtures/diff");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_armgen"))
            .arg("diff")
            .arg("--root")
            .arg(&root)
            .args(args)
            .output()
            .expect("armgen runs")
    };
    let markdown = run(&["base.yaml", "changed.yaml"]);
    assert!(markdown.status.success(), "no --fail-on: exit 0");
    let text = String::from_utf8_lossy(&markdown.stdout);
    assert!(
        text.starts_with("# api-version 2025-01-01 → 2025-06-01"),
        "{text}"
    );
    assert!(text.contains("## Breaking on the wire"));

    let json = run(&[
        "base.yaml",
        "changed.yaml",
        "--format",
        "json",
        "--fail-on",
        "breaking",
    ]);
    assert_eq!(
        json.status.code(),
        Some(1),
        "breaking changes fail the gate"
    );
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).expect("JSON");
    assert_eq!(value["schema"], "armgen-diff/1");
    assert_eq!(value["summary"]["rust_bump"], "major");
    let first = &value["changes"][0];
    for key in [
        "rule", "subject", "at", "message", "wire", "rust", "why", "items",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert!(
        value["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["rule"]["oad"] == 1005 && c["rule"]["name"] == "RemovedPath")
    );

    let same = run(&["base.yaml", "base.yaml", "--fail-on", "minor"]);
    assert!(same.status.success(), "no change passes the strictest gate");
    let usage = run(&["base.yaml"]);
    assert_eq!(usage.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&usage.stderr).contains("two spec files"));
}

/// Diffs two specs written inline (a minimal spec each, `{…}` filled in).
fn inline_pair(name: &str, old: &str, new: &str) -> Report {
    let dir = std::env::temp_dir().join(format!("armgen-diff-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("old.yaml"), old).unwrap();
    std::fs::write(dir.join("new.yaml"), new).unwrap();
    let report = diff(&dir, "old.yaml", "new.yaml");
    std::fs::remove_dir_all(&dir).unwrap();
    report
}

/// A one-operation spec at `version`; `root` and `op` are extra YAML lines
/// at the root and in the operation, `params` extra parameters, `defs`
/// extra definitions.
fn spec(version: &str, root: &str, op: &str, params: &str, defs: &str) -> String {
    format!(
        r##"swagger: "2.0"
info: {{title: Things, version: "{version}"}}
host: management.azure.com
{root}
paths:
  /subscriptions/{{subscriptionId}}/providers/Contoso.Things/things/{{thingName}}:
    put:
      operationId: Things_Put
{op}
      parameters:
        - {{$ref: "#/parameters/ApiVersion"}}
        - {{$ref: "#/parameters/SubscriptionId"}}
        - {{name: thingName, in: path, required: true, type: string}}
        - {{name: thing, in: body, required: true, schema: {{$ref: "#/definitions/Thing"}}}}
{params}
      responses:
        "200": {{description: ok, schema: {{$ref: "#/definitions/Thing"}}}}
parameters:
  ApiVersion: {{name: api-version, in: query, required: true, type: string}}
  SubscriptionId: {{name: subscriptionId, in: path, required: true, type: string}}
  Tag: {{name: tag, in: query, required: false, type: string}}
definitions:
  Thing:
    type: object
    properties:
      name: {{type: string}}
{defs}
"##
    )
}

#[test]
fn schemes_and_body_formats_follow_oad_1002_to_1004() {
    let old = spec(
        "2025-01-01",
        "schemes: [http, https]\nconsumes: [application/json, text/json]\nproduces: [application/json]",
        "",
        "",
        "",
    );
    let new = spec(
        "2025-06-01",
        "schemes: [https]\nconsumes: [application/json]\nproduces: [application/json]",
        "      produces: [application/json, text/json]",
        "",
        "",
    );
    let report = inline_pair("protocols", &old, &new);
    let scheme = find(
        &report,
        Rule::ProtocolNoLongerSupported,
        &Subject::Service,
        "schemes",
    );
    assert_eq!(scheme.rule.oad_id(), Some(1002));
    assert!(scheme.message.contains("`http`"), "{}", scheme.message);
    assert_eq!(
        (scheme.wire, scheme.rust),
        (Wire::Breaking, SemverBump::Patch)
    );
    let consumes = find(
        &report,
        Rule::RequestBodyFormatNoLongerSupported,
        &Subject::Service,
        "consumes",
    );
    assert_eq!(consumes.rule.oad_id(), Some(1003));
    assert!(consumes.message.contains("`text/json`"));
    // The operation's own `produces` adds a format to the spec's.
    let produces = find(
        &report,
        Rule::ResponseBodyFormatNowSupported,
        &op("Things_Put"),
        "produces",
    );
    assert_eq!(produces.rule.oad_id(), Some(1004));
    assert!(produces.message.contains("`text/json`"));
    // Nothing more: `application/json` stays everywhere.
    let protocol_changes = report
        .changes
        .iter()
        .filter(|c| matches!(c.rule.oad_id(), Some(1002..=1004)))
        .count();
    assert_eq!(protocol_changes, 3, "{}", report.to_markdown());
}

#[test]
fn constraints_carry_oad_1024_1036_and_1037() {
    let old = spec(
        "2025-01-01",
        "",
        "",
        "        - {name: a, in: query, required: false, type: string, maxLength: 10}\n        - {name: b, in: query, required: false, type: string, maxLength: 10}\n        - {name: c, in: query, required: false, type: string, pattern: \"^a$\"}",
        "",
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        "        - {name: a, in: query, required: false, type: string, maxLength: 5}\n        - {name: b, in: query, required: false, type: string, maxLength: 20}\n        - {name: c, in: query, required: false, type: string, pattern: \"^b$\"}",
        "",
    );
    let report = inline_pair("constraints", &old, &new);
    let ids = |at: &str| {
        report
            .changes
            .iter()
            .find(|c| c.at == at)
            .map(|c| (c.rule, c.rule.oad_id()))
    };
    assert_eq!(
        ids("parameter a"),
        Some((Rule::ConstraintIsStronger, Some(1024)))
    );
    assert_eq!(
        ids("parameter b"),
        Some((Rule::ConstraintIsWeaker, Some(1037)))
    );
    assert_eq!(
        ids("parameter c"),
        Some((Rule::ConstraintChanged, Some(1036)))
    );
}

#[test]
fn a_bound_made_exclusive_is_stronger_and_made_inclusive_weaker() {
    let param = |name: &str, rest: &str| {
        format!("        - {{name: {name}, in: query, required: false, type: integer, {rest}}}\n")
    };
    let old = spec(
        "2025-01-01",
        "",
        "",
        &[
            param("low", "minimum: 1"),
            param("high", "maximum: 9, exclusiveMaximum: true"),
            param("moved", "minimum: 1, exclusiveMinimum: true"),
        ]
        .concat(),
        "",
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        &[
            param("low", "minimum: 1, exclusiveMinimum: true"),
            param("high", "maximum: 9"),
            param("moved", "minimum: 2"),
        ]
        .concat(),
        "",
    );
    let report = inline_pair("bounds", &old, &new);
    let change = |at: &str| {
        report
            .changes
            .iter()
            .find(|c| c.at == at)
            .unwrap_or_else(|| panic!("no change at {at}: {}", report.to_markdown()))
    };
    // 1 is no longer allowed: stronger, breaking for a parameter sent.
    let low = change("parameter low");
    assert_eq!(low.rule, Rule::ConstraintIsStronger, "{}", low.message);
    assert_eq!(low.wire, Wire::Breaking);
    assert!(
        low.message.contains("minimum 1 → 1 (exclusive)"),
        "{}",
        low.message
    );
    // 9 is now allowed: weaker.
    assert_eq!(change("parameter high").rule, Rule::ConstraintIsWeaker);
    // > 1 becomes >= 2: for integers the same, for numbers stronger.
    assert_eq!(change("parameter moved").rule, Rule::ConstraintIsStronger);
}

/// `multipleOf`: a factor that is a multiple of the old one admits fewer
/// values (stronger), one the old is a multiple of admits more (weaker),
/// others neither.
#[test]
fn multiples_are_compared() {
    // Each parameter: its name, then its type in the old and the new spec.
    let params = [
        (
            "finer",
            "type: number, multipleOf: 0.5",
            "type: number, multipleOf: 1.5",
        ),
        (
            "coarser",
            "type: number, multipleOf: 0.5",
            "type: number, multipleOf: 0.1",
        ),
        (
            "other",
            "type: number, multipleOf: 2",
            "type: number, multipleOf: 3",
        ),
        ("added", "type: integer", "type: integer, multipleOf: 5"),
    ];
    let version =
        |date: &str, side: fn(&(&'static str, &'static str, &'static str)) -> &'static str| {
            let lines: String = params
                .iter()
                .map(|p| {
                    format!(
                        "        - {{name: {}, in: query, required: false, {}}}\n",
                        p.0,
                        side(p)
                    )
                })
                .collect();
            spec(date, "", "", &lines, "")
        };
    let old = version("2025-01-01", |p| p.1);
    let new = version("2025-06-01", |p| p.2);
    let report = inline_pair("multiples", &old, &new);
    let rule = |at: &str| {
        report
            .changes
            .iter()
            .find(|c| c.at == at)
            .map(|c| (c.rule, c.message.clone()))
            .unwrap_or_else(|| panic!("no change at {at}: {}", report.to_markdown()))
    };
    let (finer, message) = rule("parameter finer");
    assert_eq!(finer, Rule::ConstraintIsStronger, "{message}");
    assert!(message.contains("multipleOf 0.5 → 1.5"), "{message}");
    assert_eq!(rule("parameter coarser").0, Rule::ConstraintIsWeaker);
    assert_eq!(rule("parameter other").0, Rule::ConstraintChanged);
    assert_eq!(rule("parameter added").0, Rule::ConstraintIsStronger);
}

/// `additionalProperties` beside declared properties (the struct's map of
/// undeclared members): added and removed are oad 1021 and 1022, a new
/// value type is a type change; a spec compared with itself says nothing.
#[test]
fn undeclared_members_beside_properties_are_compared() {
    let model = |name: &str, extra: &str| {
        format!("  {name}:\n    type: object\n    properties:\n      id: {{type: string}}\n{extra}")
    };
    let map = |ty: &str| format!("    additionalProperties: {{type: {ty}}}\n");
    let defs = |added: &str, removed: &str, retyped: &str| {
        [
            model("Added", added),
            model("Removed", removed),
            model("Retyped", retyped),
            "  Holder:\n    type: object\n    properties:\n      added: {$ref: \"#/definitions/Added\"}\n      removed: {$ref: \"#/definitions/Removed\"}\n      retyped: {$ref: \"#/definitions/Retyped\"}\n".to_owned(),
        ]
        .concat()
    };
    // `Thing`, which the operation sends and receives, holds them all.
    let holder = "      holder: {$ref: \"#/definitions/Holder\"}\n";
    let old = spec(
        "2025-01-01",
        "",
        "",
        "",
        &format!("{holder}{}", defs("", &map("string"), &map("string"))),
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        "",
        &format!("{holder}{}", defs(&map("string"), "", &map("integer"))),
    );
    assert!(
        inline_pair("undeclared-same", &old, &old)
            .changes
            .is_empty()
    );
    let report = inline_pair("undeclared", &old, &new);
    let change = |model: &str| {
        report
            .changes
            .iter()
            .find(|c| {
                c.subject == Subject::Model(model.to_owned()) && c.at == "additionalProperties"
            })
            .map(|c| (c.rule, c.rule.oad_id(), c.message.clone()))
            .unwrap_or_else(|| panic!("no change of {model}: {}", report.to_markdown()))
    };
    let (rule, oad, message) = change("Added");
    assert_eq!(
        (rule, oad),
        (Rule::AddedAdditionalProperties, Some(1021)),
        "{message}"
    );
    assert_eq!(change("Removed").0, Rule::RemovedAdditionalProperties);
    assert_eq!(change("Retyped").0, Rule::TypeChanged);
}

#[test]
fn a_removed_optional_parameter_is_oad_1046() {
    let old = spec(
        "2025-01-01",
        "",
        "",
        "        - {name: trace, in: query, required: false, type: boolean}",
        "",
    );
    let new = spec("2025-06-01", "", "", "", "");
    let report = inline_pair("optional", &old, &new);
    let removed = find(
        &report,
        Rule::RemovedOptionalParameter,
        &op("Things_Put"),
        "parameter trace",
    );
    assert_eq!(removed.rule.oad_id(), Some(1046));
}

#[test]
fn x_ms_enum_added_or_removed_is_oad_1048_or_1049() {
    let plain = "      kind: {type: string, enum: [a, b]}\n      mode: {type: string, enum: [x, y], x-ms-enum: {name: Mode, modelAsString: true}}";
    let named = "      kind: {type: string, enum: [a, b], x-ms-enum: {name: Kind, modelAsString: true}}\n      mode: {type: string, enum: [x, y]}";
    let report = inline_pair(
        "xmsenum",
        &spec(
            "2025-01-01",
            "",
            "",
            "",
            &format!("      tier: {{type: string}}\n{plain}"),
        ),
        &spec(
            "2025-06-01",
            "",
            "",
            "",
            &format!("      tier: {{type: string}}\n{named}"),
        ),
    );
    let added = find(
        &report,
        Rule::AddedXmsEnum,
        &model("Thing"),
        "property kind",
    );
    assert_eq!(added.rule.oad_id(), Some(1048));
    assert_eq!(
        (added.wire, added.rust),
        (Wire::Compatible, SemverBump::Major),
        "the same strings on the wire, another Rust type"
    );
    let removed = find(
        &report,
        Rule::RemovedXmsEnum,
        &model("Thing"),
        "property mode",
    );
    assert_eq!(removed.rule.oad_id(), Some(1049));
    // The values are the same: no type change, and no constraint change from
    // the values moving between the string's `enum` and the generated type.
    assert!(
        !report.changes.iter().any(|c| c.at.starts_with("property")
            && !matches!(c.rule, Rule::AddedXmsEnum | Rule::RemovedXmsEnum)),
        "{}",
        report.to_markdown()
    );
}

#[test]
fn a_parameter_moved_between_client_and_method_is_oad_1050() {
    // `tag` is a global parameter (client-level by default), then the
    // operation's own.
    let old = spec(
        "2025-01-01",
        "",
        "",
        "        - {$ref: \"#/parameters/Tag\"}",
        "",
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        "        - {name: tag, in: query, required: false, type: string}",
        "",
    );
    let report = inline_pair("location", &old, &new);
    let moved = find(
        &report,
        Rule::ParameterLocationHasChanged,
        &op("Things_Put"),
        "parameter tag",
    );
    assert_eq!(moved.rule.oad_id(), Some(1050));
    assert!(
        moved.message.contains("from the client to the method"),
        "{}",
        moved.message
    );
    assert_eq!(
        (moved.wire, moved.rust),
        (Wire::Compatible, SemverBump::Patch),
        "sent the same, and a generated call takes it either way"
    );
}

#[test]
fn a_parameter_made_constant_is_oad_1016_and_changes_the_signature() {
    let old = spec(
        "2025-01-01",
        "",
        "",
        "        - {name: mode, in: query, required: true, type: string, enum: [fast, slow]}",
        "",
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        "        - {name: mode, in: query, required: true, type: string, enum: [fast]}",
        "",
    );
    let report = inline_pair("constant", &old, &new);
    let change = find(
        &report,
        Rule::ConstantStatusHasChanged,
        &op("Things_Put"),
        "parameter mode",
    );
    assert_eq!(change.rule.oad_id(), Some(1016));
    assert_eq!(
        (change.wire, change.rust),
        (Wire::Breaking, SemverBump::Major),
        "{}",
        change.message
    );
    assert!(
        change.message.contains("a constant sent for the caller"),
        "{}",
        change.message
    );
}

/// String formats (oad 1023, `TypeFormatChanged`): a format added to a
/// property or parameter, or changed, narrows what is accepted (breaking
/// where the value is sent); one dropped widens it (breaking only for a
/// property read from the service, whose Rust type changes). A parameter
/// keeps its `&str` signature either way; a property's type changes.
#[test]
fn string_formats_are_compared_as_oad_1023() {
    let props = |created: &str, seen: &str, day: &str, stamp: &str| {
        format!(
            "      created: {{type: string{created}}}\n      seen: {{type: string{seen}}}\n      day: {{type: string{day}}}\n      same: {{type: string, format: uuid}}\n      stamp: {{type: integer{stamp}}}\n"
        )
    };
    let params = |since: &str, until: &str| {
        format!(
            "        - {{name: since, in: query, required: false, type: string{since}}}\n        - {{name: until, in: query, required: false, type: string{until}}}\n"
        )
    };
    let old = spec(
        "2025-01-01",
        "",
        "",
        &params("", ", format: date-time"),
        &props("", ", format: date-time", ", format: date", ""),
    );
    let new = spec(
        "2025-06-01",
        "",
        "",
        &params(", format: date-time", ""),
        &props(
            ", format: date-time",
            "",
            ", format: date-time",
            ", format: unixtime",
        ),
    );
    assert!(inline_pair("formats-same", &new, &new).changes.is_empty());
    let report = inline_pair("formats", &old, &new);
    let change = |subject: &Subject, at: &str| {
        let c = find(&report, Rule::TypeFormatChanged, subject, at);
        assert_eq!(c.rule.oad_id(), Some(1023));
        (c.wire, c.message.clone())
    };
    let thing = model("Thing");
    let (wire, message) = change(&thing, "property created");
    assert_eq!(wire, Wire::Breaking, "{message}");
    assert_eq!(message, "string → string (date-time)");
    let (wire, message) = change(&thing, "property seen");
    // Read from the service too: a wider type can hold what old readers cannot.
    assert_eq!(wire, Wire::Breaking, "{message}");
    assert!(message.ends_with("(wider)"), "{message}");
    assert_eq!(
        change(&thing, "property day").1,
        "string (date) → string (date-time)"
    );
    assert_eq!(
        change(&thing, "property stamp").1,
        "int64 → int64 (unixtime)"
    );
    let put = op("Things_Put");
    let (wire, message) = change(&put, "parameter since");
    assert_eq!(
        (wire, message.as_str()),
        (Wire::Breaking, "format none → date-time")
    );
    let (wire, message) = change(&put, "parameter until");
    assert_eq!(
        (wire, message.as_str()),
        (Wire::Compatible, "format date-time → none (wider)")
    );
    assert!(
        !report.changes.iter().any(|c| c.at.contains("same")),
        "{}",
        report.to_markdown()
    );
}
