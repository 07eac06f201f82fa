//! The comparison itself: operations, their parameters and responses, then
//! models, each matched across the two versions and judged twice (wire and
//! Rust API).

use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::{Change, Rule, SemverBump, Subject, Wire};
use crate::ir::{
    Bound, Constraints, FinalStateVia, Format, Model, ModelId, ModelKind, Operation,
    OperationGroup, ParamLocation, ParamRole, Parameter, PathPart, Protocols, Service, StructModel,
    TypeRef,
};

use SemverBump::{Major, Minor, Patch};
use Wire::{Breaking, Compatible};

/// Both versions, indexed, and the changes found so far.
pub(super) struct Comparison<'a> {
    old: Side<'a>,
    new: Side<'a>,
    changes: Vec<Change>,
}

/// One version, indexed for matching.
struct Side<'a> {
    service: &'a Service,
    /// Operations by `operationId`, with their group.
    operations: BTreeMap<&'a str, (&'a OperationGroup, &'a Operation)>,
    /// Models by Rust name (how the IR refers to them).
    by_name: BTreeMap<&'a str, &'a Model>,
    /// Models by definition name (how the two versions are matched).
    by_wire: BTreeMap<&'a str, &'a Model>,
}

impl<'a> Side<'a> {
    fn new(service: &'a Service) -> Self {
        let mut operations = BTreeMap::new();
        for group in &service.groups {
            for op in &group.operations {
                operations.insert(op.id.as_str(), (group, op));
            }
        }
        let by_name = service
            .models
            .iter()
            .map(|m| (m.name.as_str(), m))
            .collect();
        let by_wire = service
            .models
            .iter()
            .map(|m| (m.wire_name.as_str(), m))
            .collect();
        Side {
            service,
            operations,
            by_name,
            by_wire,
        }
    }

    /// A type as people read it, with models by definition name.
    fn describe(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "string".to_owned(),
            TypeRef::Secret => "secret string".to_owned(),
            TypeRef::Bool => "boolean".to_owned(),
            TypeRef::I32 => "int32".to_owned(),
            TypeRef::I64 => "int64".to_owned(),
            TypeRef::F32 => "float".to_owned(),
            TypeRef::F64 => "double".to_owned(),
            TypeRef::Any => "any JSON".to_owned(),
            TypeRef::Binary => "bytes".to_owned(),
            TypeRef::Array(inner) => format!("array of {}", self.describe(inner)),
            TypeRef::Map(inner) => format!("map of {}", self.describe(inner)),
            TypeRef::Nullable(inner) => format!("nullable {}", self.describe(inner)),
            TypeRef::Format(Format::UnixTime) => "int64 (unixtime)".to_owned(),
            TypeRef::Format(format) => format!("string ({})", format.name()),
            TypeRef::Model(name) => format!(
                "`{}`",
                self.by_name
                    .get(name.as_str())
                    .map_or(name.as_str(), |m| m.wire_name.as_str())
            ),
        }
    }
}

/// How two types differ.
enum TypeDiff {
    Same,
    /// `int32` → `int64`, `float` → `double`: the new one holds every old value.
    Widened,
    /// The same JSON type, another format the other way (`int64` → `int32`).
    Format,
    /// Plain string ↔ secret string: the same JSON, another Rust type.
    Secret,
    Other,
}

impl<'a> Comparison<'a> {
    pub(super) fn new(old: &'a Service, new: &'a Service) -> Self {
        Comparison {
            old: Side::new(old),
            new: Side::new(new),
            changes: Vec::new(),
        }
    }

    pub(super) fn run(mut self) -> Vec<Change> {
        self.service();
        self.operations();
        self.models();
        if self.old.service.api_version == self.new.service.api_version && !self.changes.is_empty()
        {
            let n = self.changes.len();
            self.push(
                Rule::NoVersionChange,
                Subject::Service,
                "",
                format!(
                    "{n} change(s) but the api-version is still `{}`",
                    self.new.service.api_version
                ),
                Breaking,
                Patch,
                "a service that changes without a new api-version changes under its callers",
                vec![],
            );
        }
        self.changes
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: Rule,
        subject: Subject,
        at: &str,
        message: String,
        wire: Wire,
        rust: SemverBump,
        why: &str,
        items: Vec<String>,
    ) {
        self.changes.push(Change {
            rule,
            subject,
            at: at.to_owned(),
            message,
            wire,
            rust,
            why: why.to_owned(),
            items,
        });
    }

    fn service(&mut self) {
        let (old, new) = (self.old.service, self.new.service);
        if version_key(&new.api_version) < version_key(&old.api_version) {
            self.push(
                Rule::VersionsReversed,
                Subject::Service,
                "",
                format!(
                    "api-version goes back from `{}` to `{}`",
                    old.api_version, new.api_version
                ),
                Breaking,
                Patch,
                "only `API_VERSION`'s value changes",
                vec!["API_VERSION".to_owned()],
            );
        }
        if old.host != new.host {
            self.push(
                Rule::HostChanged,
                Subject::Service,
                "host",
                format!("host `{}` → `{}`", old.host, new.host),
                Breaking,
                Patch,
                "only `DEFAULT_ENDPOINT`'s value changes",
                vec!["DEFAULT_ENDPOINT".to_owned()],
            );
        }
        let (subject, items) = (Subject::Service, Vec::new());
        self.protocols(&old.protocols, &new.protocols, subject, "", &items);
        if old.scopes != new.scopes {
            self.push(
                Rule::SecurityScopesChanged,
                Subject::Service,
                "security",
                format!("OAuth2 scopes {:?} → {:?}", old.scopes, new.scopes),
                Breaking,
                Patch,
                "the token requested changes, not the API",
                vec![],
            );
        }
    }

    fn operations(&mut self) {
        let old_ids: BTreeSet<&str> = self.old.operations.keys().copied().collect();
        let new_ids: BTreeSet<&str> = self.new.operations.keys().copied().collect();
        let mut renamed_to: BTreeSet<&str> = BTreeSet::new();
        for id in old_ids.difference(&new_ids) {
            let (group, op) = self.old.operations[id];
            // The same method and URL under a new id is a rename.
            let successor = new_ids
                .difference(&old_ids)
                .find(|new_id| {
                    let (_, candidate) = self.new.operations[**new_id];
                    candidate.method == op.method
                        && url_shape(&candidate.path) == url_shape(&op.path)
                })
                .copied();
            if let Some(new_id) = successor {
                renamed_to.insert(new_id);
                let (new_group, new_op) = self.new.operations[new_id];
                self.push(
                    Rule::ModifiedOperationId,
                    Subject::Operation(op.id.clone()),
                    "",
                    format!("operationId `{}` is now `{}`", op.id, new_op.id),
                    Breaking,
                    Major,
                    "the generated functions and client method are named after the operationId",
                    items(group, op),
                );
                self.operation(group, op, new_group, new_op);
                continue;
            }
            let path_kept = self
                .new
                .operations
                .values()
                .any(|(_, o)| url_shape(&o.path) == url_shape(&op.path));
            let (rule, what) = if path_kept {
                (Rule::RemovedOperation, "operation removed")
            } else {
                (Rule::RemovedPath, "operation and its path removed")
            };
            self.push(
                rule,
                Subject::Operation(op.id.clone()),
                "",
                format!("{what}: {} {}", op.method.as_str(), op.path_template),
                Breaking,
                Major,
                "its request and response functions and its client method are gone",
                items(group, op),
            );
        }
        for id in new_ids.difference(&old_ids) {
            if renamed_to.contains(id) {
                continue;
            }
            let (group, op) = self.new.operations[id];
            let path_existed = self
                .old
                .operations
                .values()
                .any(|(_, o)| url_shape(&o.path) == url_shape(&op.path));
            let rule = if path_existed {
                Rule::AddedOperation
            } else {
                Rule::AddedPath
            };
            self.push(
                rule,
                Subject::Operation(op.id.clone()),
                "",
                format!(
                    "operation added: {} {}",
                    op.method.as_str(),
                    op.path_template
                ),
                Compatible,
                Minor,
                "new functions and a new client method",
                items(group, op),
            );
        }
        for id in old_ids.intersection(&new_ids) {
            let (old_group, old_op) = self.old.operations[id];
            let (new_group, new_op) = self.new.operations[id];
            self.operation(old_group, old_op, new_group, new_op);
        }
    }

    fn operation(
        &mut self,
        old_group: &OperationGroup,
        old: &Operation,
        new_group: &OperationGroup,
        new: &Operation,
    ) {
        let subject = || Subject::Operation(new.id.clone());
        let touched = items(new_group, new);
        if old.method != new.method || url_shape(&old.path) != url_shape(&new.path) {
            self.push(
                Rule::ChangedOperationUrl,
                subject(),
                "",
                format!(
                    "{} {} → {} {}",
                    old.method.as_str(),
                    old.path_template,
                    new.method.as_str(),
                    new.path_template
                ),
                Breaking,
                Patch,
                "the same functions send another request",
                touched.clone(),
            );
        }
        if old_group.name != new_group.name {
            self.push(
                Rule::ModifiedOperationId,
                subject(),
                "",
                format!(
                    "moved from operation group `{}` to `{}`",
                    old_group.wire_name, new_group.wire_name
                ),
                Compatible,
                Major,
                "its functions move to another module and its method to another sub-client",
                touched.clone(),
            );
        }
        // An operation's own lists, where either version has some; the
        // spec's are compared once, for the service.
        let (inherit_old, inherit_new) = (&self.old.service.protocols, &self.new.service.protocols);
        let own = |p: &Protocols, q: &Protocols| Protocols {
            schemes: (p.schemes.is_some() || q.schemes.is_some()).then_some(vec![]),
            consumes: (p.consumes.is_some() || q.consumes.is_some()).then_some(vec![]),
            produces: (p.produces.is_some() || q.produces.is_some()).then_some(vec![]),
        };
        let mask = own(&old.protocols, &new.protocols);
        let pick = |mine: &Protocols, inherited: &Protocols| {
            let used = mine.or(inherited);
            Protocols {
                schemes: mask.schemes.as_ref().and(used.schemes),
                consumes: mask.consumes.as_ref().and(used.consumes),
                produces: mask.produces.as_ref().and(used.produces),
            }
        };
        let (a, b) = (
            pick(&old.protocols, inherit_old),
            pick(&new.protocols, inherit_new),
        );
        self.protocols(&a, &b, subject(), "", &touched);
        self.parameters(old, new, &touched);
        self.responses(old, new, &touched);
    }

    /// oad's 1002–1004: a scheme or a request body format no longer listed,
    /// or a response body format newly listed. A list not written counts as
    /// empty, as in oad. The generated code sends JSON over HTTPS and asks
    /// for the first `produces`, so the Rust side changes at most in the
    /// `Accept` it sends.
    fn protocols(
        &mut self,
        old: &Protocols,
        new: &Protocols,
        subject: Subject,
        at: &str,
        items: &[String],
    ) {
        let list = |l: &Option<Vec<String>>| -> BTreeSet<String> {
            l.iter().flatten().map(|v| v.to_ascii_lowercase()).collect()
        };
        let at = |key: &str| {
            if at.is_empty() {
                key.to_owned()
            } else {
                format!("{at} {key}")
            }
        };
        for scheme in list(&old.schemes).difference(&list(&new.schemes)) {
            self.push(
                Rule::ProtocolNoLongerSupported,
                subject.clone(),
                &at("schemes"),
                format!("scheme `{scheme}` no longer supported"),
                Breaking,
                Patch,
                "generated clients speak HTTPS whatever the spec lists",
                items.to_vec(),
            );
        }
        for format in list(&old.consumes).difference(&list(&new.consumes)) {
            self.push(
                Rule::RequestBodyFormatNoLongerSupported,
                subject.clone(),
                &at("consumes"),
                format!("request body format `{format}` no longer supported"),
                Breaking,
                Patch,
                "generated functions send JSON bodies whatever the spec lists",
                items.to_vec(),
            );
        }
        for format in list(&new.produces).difference(&list(&old.produces)) {
            self.push(
                Rule::ResponseBodyFormatNowSupported,
                subject.clone(),
                &at("produces"),
                format!("response body format `{format}` now possible"),
                Breaking,
                Patch,
                "at most the `Accept` header sent changes (it is the first `produces`)",
                items.to_vec(),
            );
        }
    }

    fn parameters(&mut self, old: &Operation, new: &Operation, touched: &[String]) {
        let subject = || Subject::Operation(new.id.clone());
        // Path parameters are matched by position: renaming `{name}` in the
        // template is not a new parameter. The order of the template is the
        // order of the generated arguments.
        let old_path: Vec<&Parameter> = path_params(old);
        let new_path: Vec<&Parameter> = path_params(new);
        let old_names: Vec<&str> = old_path.iter().map(|p| p.wire_name.as_str()).collect();
        let new_names: Vec<&str> = new_path.iter().map(|p| p.wire_name.as_str()).collect();
        let same_set = {
            let mut a = old_names.clone();
            let mut b = new_names.clone();
            a.sort_unstable();
            b.sort_unstable();
            a == b
        };
        if old_names != new_names && same_set {
            self.push(
                Rule::ChangedParameterOrder,
                subject(),
                "path",
                format!(
                    "path parameters reordered: {} → {}",
                    old_names.join(", "),
                    new_names.join(", ")
                ),
                Breaking,
                Major,
                "generated arguments follow the path template, so their order changes with it",
                touched.to_vec(),
            );
        }
        let mut pairs: Vec<(Option<&Parameter>, Option<&Parameter>)> = Vec::new();
        if same_set {
            for p in &old_path {
                let q = new_path
                    .iter()
                    .find(|q| q.wire_name == p.wire_name)
                    .copied();
                pairs.push((Some(p), q));
            }
        } else {
            for i in 0..old_path.len().max(new_path.len()) {
                pairs.push((old_path.get(i).copied(), new_path.get(i).copied()));
            }
        }
        let (old_others, new_others) = (non_path_params(old), non_path_params(new));
        for (name, p) in &old_others {
            pairs.push((Some(p), new_others.get(name).copied()));
        }
        for (name, q) in &new_others {
            if !old_others.contains_key(name) {
                // A parameter that only moved into or out of the path is one
                // parameter whose location changed.
                let moved = old_path.iter().find(|p| p.wire_name == q.wire_name);
                pairs.push((moved.copied(), Some(q)));
            }
        }
        let mut compared = HashSet::new();
        for pair in pairs {
            let key = (
                pair.0.map(|p| p.wire_name.clone()),
                pair.1.map(|p| p.wire_name.clone()),
            );
            if compared.insert(key) {
                self.parameter(new, pair.0, pair.1, touched);
            }
        }
        match (&old.api_version, &new.api_version) {
            (Some(a), Some(b)) => self.constraints(subject(), "parameter api-version", a, b, true),
            (None, Some(_)) => self.push(
                Rule::AddingRequiredParameter,
                subject(),
                "parameter api-version",
                "the operation now takes an api-version".to_owned(),
                Breaking,
                Major,
                "the request function gains an `api_version` argument",
                touched.to_vec(),
            ),
            (Some(_), None) => self.push(
                Rule::RemovedRequiredParameter,
                subject(),
                "parameter api-version",
                "the operation no longer takes an api-version".to_owned(),
                Breaking,
                Major,
                "the request function loses its `api_version` argument",
                touched.to_vec(),
            ),
            (None, None) => {}
        }
    }

    fn parameter(
        &mut self,
        op: &Operation,
        old: Option<&Parameter>,
        new: Option<&Parameter>,
        touched: &[String],
    ) {
        let subject = || Subject::Operation(op.id.clone());
        match (old, new) {
            (None, None) => {}
            (Some(p), None) => {
                let at = format!("parameter {}", p.wire_name);
                let (rule, why) = if p.client {
                    (
                        Rule::RemovedClientParameter,
                        "the client no longer takes it (or the call's argument goes)",
                    )
                } else if p.required {
                    (
                        Rule::RemovedRequiredParameter,
                        "an argument of the generated functions and method goes",
                    )
                } else {
                    (
                        Rule::RemovedOptionalParameter,
                        "a field of the method's options struct goes",
                    )
                };
                self.push(
                    rule,
                    subject(),
                    &at,
                    format!(
                        "{} parameter `{}` removed",
                        location(p.location),
                        p.wire_name
                    ),
                    Breaking,
                    Major,
                    why,
                    touched.to_vec(),
                );
            }
            (None, Some(q)) => {
                let at = format!("parameter {}", q.wire_name);
                if q.required && !is_constant(&q.constraints) {
                    self.push(
                        Rule::AddingRequiredParameter,
                        subject(),
                        &at,
                        format!(
                            "required {} parameter `{}` added",
                            location(q.location),
                            q.wire_name
                        ),
                        Breaking,
                        Major,
                        "the generated functions and method gain an argument",
                        touched.to_vec(),
                    );
                } else {
                    self.push(
                        Rule::AddingOptionalParameter,
                        subject(),
                        &at,
                        format!("optional {} parameter `{}` added", location(q.location), q.wire_name),
                        Compatible,
                        Minor,
                        "a new field of the method's options struct, which callers build with `..Default::default()`",
                        touched.to_vec(),
                    );
                }
            }
            (Some(p), Some(q)) => {
                let at = format!("parameter {}", q.wire_name);
                if p.wire_name != q.wire_name {
                    self.push(
                        Rule::ChangedOperationUrl,
                        subject(),
                        &at,
                        format!("path parameter `{}` renamed `{}`", p.wire_name, q.wire_name),
                        Compatible,
                        Major,
                        "the argument's name changes (callers passing it by position are unaffected, but docs and examples are)",
                        touched.to_vec(),
                    );
                }
                if p.client != q.client {
                    let side = |client: bool| if client { "client" } else { "method" };
                    let (rust, why) = if p.held_by_client() != q.held_by_client() {
                        (
                            Major,
                            "the client's constructor takes it, or each call does",
                        )
                    } else {
                        (
                            Patch,
                            "generated calls take every parameter but the subscription, wherever the spec puts it",
                        )
                    };
                    self.push(
                        Rule::ParameterLocationHasChanged,
                        subject(),
                        &at,
                        format!(
                            "`{}` moved from the {} to the {}",
                            q.wire_name,
                            side(p.client),
                            side(q.client)
                        ),
                        Compatible,
                        rust,
                        why,
                        touched.to_vec(),
                    );
                }
                if p.location != q.location {
                    self.push(
                        Rule::ParameterInHasChanged,
                        subject(),
                        &at,
                        format!(
                            "`{}` moved from the {} to the {}",
                            q.wire_name,
                            location(p.location),
                            location(q.location)
                        ),
                        Breaking,
                        Patch,
                        "the same argument is sent elsewhere",
                        touched.to_vec(),
                    );
                }
                if p.required != q.required {
                    let (wire, message) = if q.required {
                        (Breaking, format!("`{}` is now required", q.wire_name))
                    } else {
                        (Compatible, format!("`{}` is now optional", q.wire_name))
                    };
                    self.push(
                        Rule::RequiredStatusChange,
                        subject(),
                        &at,
                        message,
                        wire,
                        Major,
                        "the value moves between the arguments and the method's options",
                        touched.to_vec(),
                    );
                }
                // A parameter is only sent: a wider type accepts every old value.
                self.types(subject(), &at, &p.ty, &q.ty, false, touched);
                if p.default != q.default {
                    self.push(
                        Rule::DefaultValueChanged,
                        subject(),
                        &at,
                        format!("default {} → {}", show(&p.default), show(&q.default)),
                        Breaking,
                        Patch,
                        "armgen sends what the caller sets; the service's default changes",
                        touched.to_vec(),
                    );
                }
                if p.collection_format != q.collection_format {
                    self.push(
                        Rule::ArrayCollectionFormatChanged,
                        subject(),
                        &at,
                        format!(
                            "collectionFormat {:?} → {:?}",
                            p.collection_format, q.collection_format
                        ),
                        Breaking,
                        Patch,
                        "the same array is joined differently on the wire",
                        touched.to_vec(),
                    );
                }
                if p.multi_segment != q.multi_segment {
                    self.push(
                        Rule::SkipUrlEncodingChanged,
                        subject(),
                        &at,
                        format!(
                            "x-ms-skip-url-encoding {} → {}",
                            p.multi_segment, q.multi_segment
                        ),
                        Breaking,
                        Patch,
                        "the same argument is encoded differently",
                        touched.to_vec(),
                    );
                }
                let request_id = |p: &Parameter| p.role == ParamRole::ClientRequestId;
                if request_id(p) != request_id(q) {
                    let now = if request_id(q) {
                        "the client request id, filled with a fresh UUID when left unset"
                    } else {
                        "an ordinary header, sent only when set"
                    };
                    self.push(
                        Rule::ClientRequestIdChanged,
                        subject(),
                        &at,
                        format!("`{}` is now {now}", q.wire_name),
                        Compatible,
                        Patch,
                        "the same argument; only what is sent when it is left unset changes",
                        touched.to_vec(),
                    );
                }
                if p.group != q.group {
                    let group = |g: &Option<String>| {
                        g.as_deref()
                            .map_or_else(|| "no group".to_owned(), |g| format!("group `{g}`"))
                    };
                    self.push(
                        Rule::ParameterGroupingChanged,
                        subject(),
                        &at,
                        format!(
                            "x-ms-parameter-grouping: {} → {}",
                            group(&p.group),
                            group(&q.group)
                        ),
                        Compatible,
                        Major,
                        "the request is the same, but the generated method takes the value through another struct or argument",
                        touched.to_vec(),
                    );
                }
                if p.constant().is_some() != q.constant().is_some() {
                    let now = if q.constant().is_some() {
                        "a constant sent for the caller"
                    } else {
                        "an argument the caller passes"
                    };
                    self.push(
                        Rule::ConstantStatusHasChanged,
                        subject(),
                        &at,
                        format!("`{}` is now {now}", q.wire_name),
                        Breaking,
                        Major,
                        "generated methods take an argument only for a parameter that is not constant",
                        touched.to_vec(),
                    );
                }
                if is_constant(&p.constraints)
                    && is_constant(&q.constraints)
                    && p.constraints.allowed != q.constraints.allowed
                {
                    self.push(
                        Rule::ConstantStatusHasChanged,
                        subject(),
                        &at,
                        format!(
                            "constant `{}` is now {:?} (was {:?})",
                            q.wire_name, q.constraints.allowed, p.constraints.allowed
                        ),
                        Breaking,
                        Patch,
                        "the value checked changes, not the signature",
                        touched.to_vec(),
                    );
                } else {
                    let (a, b) =
                        self.enum_values_as_allowed(&p.ty, &q.ty, &p.constraints, &q.constraints);
                    self.constraints(subject(), &at, &a, &b, true);
                }
            }
        }
    }

    fn responses(&mut self, old: &Operation, new: &Operation, touched: &[String]) {
        let subject = || Subject::Operation(new.id.clone());
        let old_codes: BTreeSet<u16> = old.responses.iter().map(|r| r.status).collect();
        let new_codes: BTreeSet<u16> = new.responses.iter().map(|r| r.status).collect();
        for code in new_codes.difference(&old_codes) {
            self.push(
                Rule::AddingResponseCode,
                subject(),
                &format!("response {code}"),
                format!("success status {code} added"),
                Breaking,
                Patch,
                "the response decoder accepts one more status",
                touched.to_vec(),
            );
        }
        for code in old_codes.difference(&new_codes) {
            self.push(
                Rule::RemovedResponseCode,
                subject(),
                &format!("response {code}"),
                format!("success status {code} removed"),
                Breaking,
                Patch,
                "the response decoder accepts one status less",
                touched.to_vec(),
            );
        }
        for response in &new.responses {
            let Some(before) = old.responses.iter().find(|r| r.status == response.status) else {
                continue;
            };
            let lower = |h: &[String]| -> BTreeSet<String> {
                h.iter().map(|name| name.to_ascii_lowercase()).collect()
            };
            let (was, is) = (lower(&before.headers), lower(&response.headers));
            for header in is.difference(&was) {
                self.push(
                    Rule::AddingHeader,
                    subject(),
                    &format!("response {} header {header}", response.status),
                    format!("response header `{header}` added to {}", response.status),
                    Breaking,
                    Patch,
                    "headers are read from the raw response; no generated item changes",
                    touched.to_vec(),
                );
            }
            for header in was.difference(&is) {
                self.push(
                    Rule::RemovingHeader,
                    subject(),
                    &format!("response {} header {header}", response.status),
                    format!(
                        "response header `{header}` removed from {}",
                        response.status
                    ),
                    Breaking,
                    Patch,
                    "headers are read from the raw response; no generated item changes",
                    touched.to_vec(),
                );
            }
        }
        match (old.success_type(), new.success_type()) {
            (Some(a), Some(b)) => {
                let at = "response body";
                if !matches!(self.type_diff(a, b), TypeDiff::Same) {
                    self.push(
                        Rule::ResponseTypeChanged,
                        subject(),
                        at,
                        format!(
                            "success body {} → {}",
                            self.old.describe(a),
                            self.new.describe(b)
                        ),
                        Breaking,
                        Major,
                        "the response function and the method return another type",
                        touched.to_vec(),
                    );
                }
            }
            (None, None) => {}
            (a, b) => {
                let describe = |side: &Side<'_>, t: Option<&TypeRef>| {
                    t.map_or("no body".to_owned(), |t| side.describe(t))
                };
                let message = format!(
                    "success body {} → {}",
                    describe(&self.old, a),
                    describe(&self.new, b)
                );
                self.push(
                    Rule::ResponseTypeChanged,
                    subject(),
                    "response body",
                    message,
                    Breaking,
                    Major,
                    "the response function and the method return another type",
                    touched.to_vec(),
                );
            }
        }
        if old.exists != new.exists {
            let answer = |exists: bool| {
                if exists {
                    "whether it exists (404 is `false`)"
                } else {
                    "nothing (404 is an error)"
                }
            };
            self.push(
                Rule::ResponseTypeChanged,
                subject(),
                "response 404",
                format!("the HEAD answers {} → {}", answer(old.exists), answer(new.exists)),
                Breaking,
                Major,
                "the method returns `Response<bool>` for an existence check, `Response<()>` otherwise",
                touched.to_vec(),
            );
        }
        let error_changed = match (&old.error, &new.error) {
            (Some(a), Some(b)) => !matches!(self.type_diff(a, b), TypeDiff::Same),
            (a, b) => a.is_some() != b.is_some(),
        };
        if error_changed {
            let describe = |side: &Side<'_>, t: &Option<TypeRef>| {
                t.as_ref().map_or("none".to_owned(), |t| side.describe(t))
            };
            let message = format!(
                "error model {} → {}",
                describe(&self.old, &old.error),
                describe(&self.new, &new.error)
            );
            self.push(
                Rule::ErrorModelChanged,
                subject(),
                "response default",
                message,
                Breaking,
                Major,
                "`ResponseError<E>` in the response function's signature changes",
                touched.to_vec(),
            );
        }
        if old.long_running != new.long_running {
            let describe = |l: Option<FinalStateVia>| match l {
                None => "not long-running".to_owned(),
                Some(via) => format!("long-running (final-state-via {via:?})"),
            };
            let shape_changes = old.long_running.is_some() != new.long_running.is_some();
            self.push(
                Rule::XmsLongRunningOperationChanged,
                subject(),
                "x-ms-long-running-operation",
                format!(
                    "{} → {}",
                    describe(old.long_running),
                    describe(new.long_running)
                ),
                Breaking,
                if shape_changes { Major } else { Patch },
                if shape_changes {
                    "the client method returns a poller instead of a response, or the reverse"
                } else {
                    "the poller reads the final result elsewhere"
                },
                touched.to_vec(),
            );
        }
        match (&old.pageable, &new.pageable) {
            (None, None) => {}
            (Some(a), Some(b)) => {
                if a.next_link_name != b.next_link_name || a.item_name != b.item_name {
                    self.push(
                        Rule::XmsPageableChanged,
                        subject(),
                        "x-ms-pageable",
                        format!(
                            "nextLinkName {:?} → {:?}, itemName `{}` → `{}`",
                            a.next_link_name, b.next_link_name, a.item_name, b.item_name
                        ),
                        Breaking,
                        Patch,
                        "the pager reads other members",
                        touched.to_vec(),
                    );
                }
            }
            (a, b) => self.push(
                Rule::XmsPageableChanged,
                subject(),
                "x-ms-pageable",
                if b.is_some() {
                    "the operation is now pageable".to_owned()
                } else {
                    "the operation is no longer pageable".to_owned()
                },
                Breaking,
                if a.is_some() != b.is_some() {
                    Major
                } else {
                    Patch
                },
                "the client method returns a pager instead of a response, or the reverse",
                touched.to_vec(),
            ),
        }
    }

    fn models(&mut self) {
        let old_names: BTreeSet<&str> = self.old.by_wire.keys().copied().collect();
        let new_names: BTreeSet<&str> = self.new.by_wire.keys().copied().collect();
        let mut removed: Vec<&str> = old_names.difference(&new_names).copied().collect();
        let mut added: Vec<&str> = new_names.difference(&old_names).copied().collect();
        // A definition renamed (or moved to another file under another
        // name, as common-types v2 `systemData` → v5 `SystemData`) is one
        // model: paired when the names differ only in case or the shapes
        // are the same.
        let mut renamed = Vec::new();
        removed.retain(|old_name| {
            let old_model = self.old.by_wire[old_name];
            let partner = added
                .iter()
                .position(|n| n.eq_ignore_ascii_case(old_name))
                .or_else(|| {
                    added.iter().position(|n| {
                        let mut seen = HashSet::new();
                        self.same_shape(old_model, self.new.by_wire[n], &mut seen)
                            && !matches!(old_model.kind, ModelKind::Enum(_))
                    })
                });
            match partner {
                Some(i) => {
                    renamed.push((*old_name, added.remove(i)));
                    false
                }
                None => true,
            }
        });
        for name in removed {
            let model = self.old.by_wire[name];
            self.push(
                Rule::RemovedDefinition,
                Subject::Model(name.to_owned()),
                "",
                format!("definition `{name}` removed"),
                Breaking,
                Major,
                "its generated type is gone",
                vec![format!("models::{}", model.name)],
            );
        }
        for name in added {
            let model = self.new.by_wire[name];
            self.push(
                Rule::AddedDefinition,
                Subject::Model(name.to_owned()),
                "",
                format!("definition `{name}` added"),
                Compatible,
                Minor,
                "a new generated type",
                vec![format!("models::{}", model.name)],
            );
        }
        for (old_name, new_name) in renamed {
            let (a, b) = (self.old.by_wire[old_name], self.new.by_wire[new_name]);
            if a.name != b.name {
                self.push(
                    Rule::ReferenceRedirection,
                    Subject::Model(new_name.to_owned()),
                    "",
                    format!("definition `{old_name}` is now `{new_name}`"),
                    Compatible,
                    Major,
                    "the generated type is renamed",
                    vec![format!("models::{}", a.name), format!("models::{}", b.name)],
                );
            }
            self.model(a, b);
        }
        for name in old_names.intersection(&new_names) {
            let (a, b) = (self.old.by_wire[name], self.new.by_wire[name]);
            self.model(a, b);
        }
    }

    fn model(&mut self, old: &Model, new: &Model) {
        let subject = || Subject::Model(new.wire_name.clone());
        let item = format!("models::{}", new.name);
        // The analysis stage found where each model travels.
        let sent = old.sent || new.sent;
        let received = old.received || new.received;
        match (&old.kind, &new.kind) {
            (ModelKind::Struct(a), ModelKind::Struct(b)) => {
                self.fields(old, new, a, b, sent, received)
            }
            (ModelKind::Enum(a), ModelKind::Enum(b)) => {
                let old_values: BTreeSet<&str> =
                    a.values.iter().map(|v| v.wire_value.as_str()).collect();
                let new_values: BTreeSet<&str> =
                    b.values.iter().map(|v| v.wire_value.as_str()).collect();
                for value in new_values.difference(&old_values) {
                    self.push(
                        Rule::AddedEnumValue,
                        subject(),
                        &format!("value {value}"),
                        format!("enum value `{value}` added"),
                        if b.extensible { Compatible } else { Breaking },
                        Major,
                        "a new variant of an exhaustive enum breaks `match`es",
                        vec![item.clone()],
                    );
                }
                for value in old_values.difference(&new_values) {
                    self.push(
                        Rule::RemovedEnumValue,
                        subject(),
                        &format!("value {value}"),
                        format!("enum value `{value}` removed"),
                        Breaking,
                        Major,
                        "a variant goes",
                        vec![item.clone()],
                    );
                }
                if a.extensible != b.extensible {
                    self.push(
                        Rule::XmsEnumChanged,
                        subject(),
                        "x-ms-enum",
                        format!("modelAsString {} → {}", a.extensible, b.extensible),
                        Breaking,
                        Major,
                        "the `Other(String)` variant comes or goes",
                        vec![item.clone()],
                    );
                }
            }
            (ModelKind::Union(a), ModelKind::Union(b)) => {
                if a.tag != b.tag {
                    self.push(
                        Rule::DifferentDiscriminator,
                        subject(),
                        "discriminator",
                        format!("discriminator `{}` → `{}`", a.tag, b.tag),
                        Breaking,
                        Patch,
                        "the same enum reads another tag property",
                        vec![item.clone()],
                    );
                }
                let children =
                    |side: &Side<'_>, u: &crate::ir::UnionModel| -> BTreeMap<String, String> {
                        u.variants
                            .iter()
                            .map(|v| {
                                let wire = side
                                    .by_name
                                    .get(v.model.as_str())
                                    .map_or_else(|| v.model.to_string(), |m| m.wire_name.clone());
                                (wire, v.tag_value.clone())
                            })
                            .collect()
                    };
                let (old_children, new_children) = (children(&self.old, a), children(&self.new, b));
                for (child, tag) in &new_children {
                    match old_children.get(child) {
                        None => self.push(
                            Rule::DifferentAllOf,
                            subject(),
                            &format!("variant {child}"),
                            format!(
                                "`{child}` (`{}: {tag}`) is a new kind of `{}`",
                                b.tag, new.wire_name
                            ),
                            Compatible,
                            Major,
                            "a new variant of an exhaustive enum breaks `match`es",
                            vec![item.clone()],
                        ),
                        Some(old_tag) if old_tag != tag => self.push(
                            Rule::DifferentAllOf,
                            subject(),
                            &format!("variant {child}"),
                            format!("`{child}`'s discriminator value `{old_tag}` → `{tag}`"),
                            Breaking,
                            Patch,
                            "the variant is read and written with another tag",
                            vec![item.clone()],
                        ),
                        Some(_) => {}
                    }
                }
                for child in old_children.keys() {
                    if !new_children.contains_key(child) {
                        self.push(
                            Rule::DifferentAllOf,
                            subject(),
                            &format!("variant {child}"),
                            format!("`{child}` is no longer a kind of `{}`", new.wire_name),
                            Breaking,
                            Major,
                            "a variant goes",
                            vec![item.clone()],
                        );
                    }
                }
            }
            _ => self.push(
                Rule::TypeChanged,
                subject(),
                "",
                format!("`{}` is now {}", new.wire_name, kind_name(&new.kind)),
                Breaking,
                Major,
                "the generated type is another kind of type",
                vec![item],
            ),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        old: &Model,
        new: &Model,
        a: &StructModel,
        b: &StructModel,
        sent: bool,
        received: bool,
    ) {
        let subject = || Subject::Model(new.wire_name.clone());
        let old_fields: BTreeMap<&str, _> =
            a.fields.iter().map(|f| (f.wire_name.as_str(), f)).collect();
        let new_fields: BTreeMap<&str, _> =
            b.fields.iter().map(|f| (f.wire_name.as_str(), f)).collect();
        let _ = old;
        for (name, f) in &new_fields {
            if old_fields.contains_key(name) {
                continue;
            }
            let at = format!("property {name}");
            let item = vec![format!("models::{}::{}", new.name, f.name)];
            let why = "a new public field breaks struct literals that do not end in `..Default::default()` (cargo's semver rules)";
            if f.required && !f.read_only {
                self.push(
                    Rule::AddedRequiredProperty,
                    subject(),
                    &at,
                    format!("required property `{name}` added"),
                    if sent { Breaking } else { Compatible },
                    Major,
                    why,
                    item,
                );
            } else if !sent {
                let rule = if f.read_only {
                    Rule::AddedReadOnlyPropertyInResponse
                } else {
                    Rule::AddedPropertyInResponse
                };
                self.push(
                    rule,
                    subject(),
                    &at,
                    format!("property `{name}` added to a model only received"),
                    Compatible,
                    Major,
                    why,
                    item,
                );
            } else {
                self.push(
                    Rule::AddedOptionalProperty,
                    subject(),
                    &at,
                    format!("optional property `{name}` added"),
                    Compatible,
                    Major,
                    why,
                    item,
                );
            }
        }
        for (name, f) in &old_fields {
            let Some(g) = new_fields.get(name) else {
                self.push(
                    Rule::RemovedProperty,
                    subject(),
                    &format!("property {name}"),
                    format!("property `{name}` removed"),
                    Breaking,
                    Major,
                    "a public field goes",
                    vec![format!("models::{}::{}", old.name, f.name)],
                );
                continue;
            };
            let at = format!("property {name}");
            let item = vec![format!("models::{}::{}", new.name, g.name)];
            if f.required != g.required {
                // Newly required breaks senders; newly optional breaks readers.
                let wire = if (g.required && sent) || (!g.required && received) {
                    Breaking
                } else {
                    Compatible
                };
                self.push(
                    Rule::RequiredStatusChange,
                    subject(),
                    &at,
                    format!(
                        "`{name}` is now {}",
                        if g.required { "required" } else { "optional" }
                    ),
                    wire,
                    Major,
                    "the field's type changes between `T` and `Option<T>`",
                    item.clone(),
                );
            }
            if f.default != g.default {
                self.push(
                    Rule::DefaultValueChanged,
                    subject(),
                    &at,
                    format!("default {} → {}", show(&f.default), show(&g.default)),
                    if sent { Breaking } else { Compatible },
                    Patch,
                    "defaults are documentation in the generated model",
                    item.clone(),
                );
            }
            if f.mutability != g.mutability {
                // Losing `create` or `update` breaks callers that send it.
                let narrowed = f.mutability.iter().any(|m| !g.mutability.contains(m))
                    && !g.mutability.is_empty();
                self.push(
                    Rule::XmsMutabilityChanged,
                    subject(),
                    &at,
                    format!("x-ms-mutability {:?} → {:?}", f.mutability, g.mutability),
                    if narrowed && sent {
                        Breaking
                    } else {
                        Compatible
                    },
                    Patch,
                    "x-ms-mutability is documentation in the generated model",
                    item.clone(),
                );
            }
            if f.read_only != g.read_only {
                self.push(
                    Rule::ReadonlyPropertyChanged,
                    subject(),
                    &at,
                    format!("`{name}` readOnly {} → {}", f.read_only, g.read_only),
                    Breaking,
                    Patch,
                    "the field stays; whether it is sent changes",
                    item.clone(),
                );
            }
            self.types(subject(), &at, &f.ty, &g.ty, received, &item);
            let (a, b) = self.enum_values_as_allowed(&f.ty, &g.ty, &f.constraints, &g.constraints);
            self.constraints(subject(), &at, &a, &b, sent);
        }
        self.undeclared_members(new, a, b, received);
    }

    /// `additionalProperties` beside declared properties: the struct's map
    /// of undeclared members (`AdditionalProperties`) added, removed or
    /// retyped.
    fn undeclared_members(
        &mut self,
        new: &Model,
        a: &StructModel,
        b: &StructModel,
        received: bool,
    ) {
        let subject = || Subject::Model(new.wire_name.clone());
        let at = "additionalProperties";
        match (&a.additional, &b.additional) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                let item = vec![format!("models::{}::{}", new.name, y.name)];
                self.types(subject(), at, &x.ty, &y.ty, received, &item);
            }
            (None, Some(y)) => {
                let ty = self.new.describe(&y.ty);
                self.push(
                    Rule::AddedAdditionalProperties,
                    subject(),
                    at,
                    format!("undeclared members allowed, as `{ty}`"),
                    Breaking,
                    Major,
                    "a new public map field breaks struct literals that do not end in `..Default::default()`",
                    vec![format!("models::{}::{}", new.name, y.name)],
                );
            }
            (Some(x), None) => {
                let ty = self.old.describe(&x.ty);
                self.push(
                    Rule::RemovedAdditionalProperties,
                    subject(),
                    at,
                    format!("undeclared members (`{ty}`) no longer allowed"),
                    Breaking,
                    Major,
                    "the map field goes",
                    vec![format!("models::{}::{}", new.name, x.name)],
                );
            }
        }
    }

    /// Compares two types at one place (`received`: the value comes from the
    /// service, so a wider type can hold values old readers cannot).
    fn types(
        &mut self,
        subject: Subject,
        at: &str,
        a: &TypeRef,
        b: &TypeRef,
        received: bool,
        touched: &[String],
    ) {
        let (old, new) = (self.old.describe(a), self.new.describe(b));
        match self.type_diff(a, b) {
            TypeDiff::Same => {}
            TypeDiff::Widened => self.push(
                Rule::TypeFormatChanged,
                subject,
                at,
                format!("{old} → {new} (wider)"),
                if received { Breaking } else { Compatible },
                Major,
                "the Rust type changes",
                touched.to_vec(),
            ),
            TypeDiff::Format => self.push(
                Rule::TypeFormatChanged,
                subject,
                at,
                format!("{old} → {new}"),
                Breaking,
                Major,
                "the Rust type changes",
                touched.to_vec(),
            ),
            TypeDiff::Secret => self.push(
                Rule::SecretChanged,
                subject,
                at,
                format!("{old} → {new}"),
                Compatible,
                Major,
                "the Rust type changes between `String` and `Secret`",
                touched.to_vec(),
            ),
            TypeDiff::Other if self.enum_added_or_removed(a, b).is_some() => {
                let (rule, why) = match self.enum_added_or_removed(a, b) {
                    Some(true) => (Rule::AddedXmsEnum, "a generated enum replaces the `String`"),
                    _ => (
                        Rule::RemovedXmsEnum,
                        "a `String` replaces the generated enum",
                    ),
                };
                self.push(
                    rule,
                    subject,
                    at,
                    format!("{old} → {new}"),
                    Compatible,
                    Major,
                    why,
                    touched.to_vec(),
                );
            }
            TypeDiff::Other => {
                let rule = match (a, b) {
                    (TypeRef::Map(_), t) | (t, TypeRef::Map(_))
                        if !matches!(t, TypeRef::Map(_)) =>
                    {
                        if matches!(b, TypeRef::Map(_)) {
                            Rule::AddedAdditionalProperties
                        } else {
                            Rule::RemovedAdditionalProperties
                        }
                    }
                    _ => Rule::TypeChanged,
                };
                self.push(
                    rule,
                    subject,
                    at,
                    format!("{old} → {new}"),
                    Breaking,
                    Major,
                    "the Rust type changes",
                    touched.to_vec(),
                );
            }
        }
    }

    /// Whether a string became a named enum (`Some(true)`: `x-ms-enum` was
    /// added) or a named enum a string (`Some(false)`), at any depth of
    /// arrays and maps. The JSON is the same strings either way.
    fn enum_added_or_removed(&self, a: &TypeRef, b: &TypeRef) -> Option<bool> {
        let is_enum = |side: &Side, name: &str| {
            side.by_name
                .get(name)
                .is_some_and(|m| matches!(m.kind, ModelKind::Enum(_)))
        };
        match (a, b) {
            (TypeRef::String, TypeRef::Model(n)) if is_enum(&self.new, n) => Some(true),
            (TypeRef::Model(n), TypeRef::String) if is_enum(&self.old, n) => Some(false),
            (TypeRef::Array(x), TypeRef::Array(y))
            | (TypeRef::Map(x), TypeRef::Map(y))
            | (TypeRef::Nullable(x), TypeRef::Nullable(y)) => self.enum_added_or_removed(x, y),
            _ => None,
        }
    }

    /// The constraints to compare for a value whose type is a string on one
    /// side and a named enum on the other (`x-ms-enum` added or removed): the
    /// enum's values are the allowed values the string had, so that only a
    /// change of values shows, not the move from constraint to type.
    fn enum_values_as_allowed(
        &self,
        a: &TypeRef,
        b: &TypeRef,
        ca: &Constraints,
        cb: &Constraints,
    ) -> (Constraints, Constraints) {
        let (mut ca, mut cb) = (ca.clone(), cb.clone());
        if self.enum_added_or_removed(a, b).is_some() {
            let values = |side: &Side, ty: &TypeRef| match ty {
                TypeRef::Model(name) => match side.by_name.get(name.as_str()).map(|m| &m.kind) {
                    Some(ModelKind::Enum(e)) => {
                        e.values.iter().map(|v| v.wire_value.clone()).collect()
                    }
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
            if ca.allowed.is_empty() {
                ca.allowed = values(&self.old, a);
            }
            if cb.allowed.is_empty() {
                cb.allowed = values(&self.new, b);
            }
        }
        (ca, cb)
    }

    fn type_diff(&self, a: &TypeRef, b: &TypeRef) -> TypeDiff {
        let mut seen = HashSet::new();
        self.type_diff_in(a, b, &mut seen)
    }

    fn type_diff_in(
        &self,
        a: &TypeRef,
        b: &TypeRef,
        seen: &mut HashSet<(ModelId, ModelId)>,
    ) -> TypeDiff {
        use TypeRef::*;
        match (a, b) {
            (I32, I64) | (F32, F64) => TypeDiff::Widened,
            (I64, I32) | (F64, F32) => TypeDiff::Format,
            (String, Secret) | (Secret, String) => TypeDiff::Secret,
            // A format dropped: the new type holds every old value (oad's
            // 1023 with widening allowed); added or changed, it holds fewer.
            (TypeRef::Format(f), String) if *f != crate::ir::Format::UnixTime => TypeDiff::Widened,
            (TypeRef::Format(crate::ir::Format::UnixTime), I64) => TypeDiff::Widened,
            (String | I32 | I64, TypeRef::Format(_)) => TypeDiff::Format,
            (TypeRef::Format(f), TypeRef::Format(g)) if f != g => TypeDiff::Format,
            (Array(x), Array(y)) | (Map(x), Map(y)) => self.type_diff_in(x, y, seen),
            (Model(x), Model(y)) => {
                let (Some(m), Some(n)) = (
                    self.old.by_name.get(x.as_str()),
                    self.new.by_name.get(y.as_str()),
                ) else {
                    return TypeDiff::Other;
                };
                // The same definition is compared as a model of its own; a
                // differently named one counts as the same type only when its
                // shape is (a renamed or moved `$ref` target).
                if m.wire_name == n.wire_name || self.same_shape(m, n, seen) {
                    TypeDiff::Same
                } else {
                    TypeDiff::Other
                }
            }
            _ if a == b => TypeDiff::Same,
            _ => TypeDiff::Other,
        }
    }

    /// Whether two models have the same fields (wire names, types,
    /// requiredness, constraints), values or variants, docs aside.
    fn same_shape(&self, m: &Model, n: &Model, seen: &mut HashSet<(ModelId, ModelId)>) -> bool {
        if !seen.insert((m.name.clone(), n.name.clone())) {
            return true;
        }
        match (&m.kind, &n.kind) {
            (ModelKind::Struct(a), ModelKind::Struct(b)) => {
                a.fields.len() == b.fields.len()
                    && a.fields.iter().zip(&b.fields).all(|(f, g)| {
                        f.wire_name == g.wire_name
                            && f.required == g.required
                            && f.read_only == g.read_only
                            && f.constraints == g.constraints
                            && matches!(self.type_diff_in(&f.ty, &g.ty, seen), TypeDiff::Same)
                    })
            }
            (ModelKind::Enum(a), ModelKind::Enum(b)) => {
                a.extensible == b.extensible
                    && a.values
                        .iter()
                        .map(|v| &v.wire_value)
                        .eq(b.values.iter().map(|v| &v.wire_value))
            }
            (ModelKind::Union(a), ModelKind::Union(b)) => {
                a.tag == b.tag
                    && a.variants
                        .iter()
                        .map(|v| &v.tag_value)
                        .eq(b.variants.iter().map(|v| &v.tag_value))
            }
            _ => false,
        }
    }

    /// Compares constraints; for a value not sent (`sent` false) only
    /// changes of the declared contract are reported, as information.
    fn constraints(
        &mut self,
        subject: Subject,
        at: &str,
        a: &Constraints,
        b: &Constraints,
        sent: bool,
    ) {
        let mut stronger = Vec::new();
        let mut weaker = Vec::new();
        let mut changed = Vec::new();
        let mut lower = |name: &str, x: Option<u64>, y: Option<u64>| match (x, y) {
            (None, Some(v)) => stronger.push(format!("{name} {v} added")),
            (Some(v), None) => weaker.push(format!("{name} {v} removed")),
            (Some(v), Some(w)) if w > v => stronger.push(format!("{name} {v} → {w}")),
            (Some(v), Some(w)) if w < v => weaker.push(format!("{name} {v} → {w}")),
            _ => {}
        };
        lower("minLength", a.min_length, b.min_length);
        lower("minItems", a.min_items, b.min_items);
        lower("minProperties", a.min_properties, b.min_properties);
        let mut upper = |name: &str, x: Option<u64>, y: Option<u64>| match (x, y) {
            (None, Some(v)) => stronger.push(format!("{name} {v} added")),
            (Some(v), None) => weaker.push(format!("{name} {v} removed")),
            (Some(v), Some(w)) if w < v => stronger.push(format!("{name} {v} → {w}")),
            (Some(v), Some(w)) if w > v => weaker.push(format!("{name} {v} → {w}")),
            _ => {}
        };
        upper("maxLength", a.max_length, b.max_length);
        upper("maxItems", a.max_items, b.max_items);
        upper("maxProperties", a.max_properties, b.max_properties);
        // A factor that is a multiple of the old one admits fewer values.
        match (a.multiple_of, b.multiple_of) {
            (None, Some(f)) => stronger.push(format!("multipleOf {f} added")),
            (Some(f), None) => weaker.push(format!("multipleOf {f} removed")),
            (Some(f), Some(g)) if f != g => {
                let text = format!("multipleOf {f} → {g}");
                if is_multiple(g, f) {
                    stronger.push(text);
                } else if is_multiple(f, g) {
                    weaker.push(text);
                } else {
                    changed.push(text);
                }
            }
            _ => {}
        }
        match (&a.pattern, &b.pattern) {
            (None, Some(p)) => stronger.push(format!("pattern `{p}` added")),
            (Some(p), None) => weaker.push(format!("pattern `{p}` removed")),
            (Some(p), Some(q)) if p != q => changed.push(format!("pattern `{p}` → `{q}`")),
            _ => {}
        }
        let shown = |v: Option<Bound>| v.map_or_else(|| "none".to_owned(), |b| b.to_string());
        // A bound made exclusive (or inclusive) at the same value is tighter
        // (or looser), as a moved bound is.
        if a.minimum != b.minimum {
            let text = format!("minimum {} → {}", shown(a.minimum), shown(b.minimum));
            match (a.minimum, b.minimum) {
                (None, Some(_)) => stronger.push(text),
                (Some(_), None) => weaker.push(text),
                (Some(x), Some(y)) if y.tighter_minimum_than(&x) => stronger.push(text),
                (Some(x), Some(y)) if x.tighter_minimum_than(&y) => weaker.push(text),
                _ => changed.push(text),
            }
        }
        if a.maximum != b.maximum {
            let text = format!("maximum {} → {}", shown(a.maximum), shown(b.maximum));
            match (a.maximum, b.maximum) {
                (None, Some(_)) => stronger.push(text),
                (Some(_), None) => weaker.push(text),
                (Some(x), Some(y)) if y.tighter_maximum_than(&x) => stronger.push(text),
                (Some(x), Some(y)) if x.tighter_maximum_than(&y) => weaker.push(text),
                _ => changed.push(text),
            }
        }
        if a.unique_items != b.unique_items {
            let text = format!("uniqueItems {} → {}", a.unique_items, b.unique_items);
            if b.unique_items {
                stronger.push(text)
            } else {
                weaker.push(text)
            }
        }
        if a.allowed != b.allowed {
            let old: BTreeSet<&String> = a.allowed.iter().collect();
            let new: BTreeSet<&String> = b.allowed.iter().collect();
            let text = format!("allowed values {:?} → {:?}", a.allowed, b.allowed);
            if a.allowed.is_empty() || (!b.allowed.is_empty() && new.is_subset(&old)) {
                stronger.push(text);
            } else if b.allowed.is_empty() || old.is_subset(&new) {
                weaker.push(text);
            } else {
                changed.push(text);
            }
        }
        // The format of a parameter passed as text (`Constraints::format`):
        // the signature stays `&str`, what is accepted changes (oad 1023).
        if a.format != b.format {
            let name = |f: Option<Format>| f.map_or("none", |f| f.name());
            let text = format!("format {} → {}", name(a.format), name(b.format));
            let narrower = b.format.is_some();
            self.push(
                Rule::TypeFormatChanged,
                subject.clone(),
                at,
                if narrower {
                    text
                } else {
                    format!("{text} (wider)")
                },
                if narrower && sent {
                    Breaking
                } else {
                    Compatible
                },
                Patch,
                "checked before sending: behaviour, not signatures",
                vec![],
            );
        }
        let why = "checked before sending: behaviour, not signatures";
        for (rule, list, wire) in [
            (
                Rule::ConstraintIsStronger,
                stronger,
                if sent { Breaking } else { Compatible },
            ),
            (Rule::ConstraintIsWeaker, weaker, Compatible),
            (
                Rule::ConstraintChanged,
                changed,
                if sent { Breaking } else { Compatible },
            ),
        ] {
            if !list.is_empty() {
                self.push(
                    rule,
                    subject.clone(),
                    at,
                    list.join("; "),
                    wire,
                    Patch,
                    why,
                    vec![],
                );
            }
        }
    }
}

/// The generated items of an operation, named as the emitter names them.
fn items(group: &OperationGroup, op: &Operation) -> Vec<String> {
    vec![
        format!(
            "{}::{}",
            group.name,
            crate::naming::join(&[&op.name, "_request"])
        ),
        format!(
            "{}::{}",
            group.name,
            crate::naming::join(&[&op.name, "_response"])
        ),
        format!("clients: {}()", op.name.trim_start_matches("r#")),
    ]
}

fn non_path_params(op: &Operation) -> BTreeMap<&str, &Parameter> {
    op.params
        .iter()
        .filter(|p| p.location != ParamLocation::Path)
        .map(|p| (p.wire_name.as_str(), p))
        .collect()
}

fn path_params(op: &Operation) -> Vec<&Parameter> {
    op.path
        .iter()
        .filter_map(|part| match part {
            PathPart::Param(reference) => op.params.get(reference.index),
            PathPart::Literal(_) => None,
        })
        .collect()
}

/// A path template with its parameters' names left out, compared
/// case-insensitively as ARM compares URLs: `/a/{x}/b` and `/A/{y}/b` are the
/// same URL.
fn url_shape(path: &[PathPart]) -> String {
    path.iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.to_ascii_lowercase(),
            PathPart::Param(_) => "{}".to_owned(),
        })
        .collect()
}

/// A `default` as people read it.
fn show(value: &Option<serde_json::Value>) -> String {
    value
        .as_ref()
        .map_or_else(|| "none".to_owned(), |v| format!("`{v}`"))
}

/// Whether `value` is a whole multiple of `factor`, allowing for the
/// rounding of decimal factors in binary floats (`0.3` of `0.1`).
fn is_multiple(value: f64, factor: f64) -> bool {
    let quotient = value / factor;
    quotient.is_finite() && (quotient - quotient.round()).abs() <= quotient.abs() * 1e-15 + 1e-12
}

fn is_constant(c: &Constraints) -> bool {
    c.allowed.len() == 1
}

fn location(l: ParamLocation) -> &'static str {
    match l {
        ParamLocation::Path => "path",
        ParamLocation::Body => "body",
        ParamLocation::Query => "query",
        ParamLocation::Header => "header",
        ParamLocation::Form => "form field",
    }
}

fn kind_name(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct(_) => "an object",
        ModelKind::Enum(_) => "an enum",
        ModelKind::Union(_) => "a polymorphic type",
    }
}

/// api-versions sort by date, a preview before the stable release of its date:
/// `2024-06-01-preview` < `2024-06-01`.
fn version_key(version: &str) -> (&str, bool) {
    match version.strip_suffix("-preview") {
        Some(date) => (date, false),
        None => (version, true),
    }
}
