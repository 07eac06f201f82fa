//! `paths` into operation groups, operations and parameters.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use serde_json::Value;

use super::schema::description;
use super::{Resolver, extensions};
use crate::ir::{
    Constraints, ContentType, Encoding, Example, FinalStateVia, Format, GroupArg, GroupField,
    HttpMethod, NextArg, NextOperation, Operation, OperationGroup, PageField, PageFields, Pageable,
    ParamGroup, ParamLocation, ParamRef, ParamRole, Parameter, PathPart, Response, ResponseHeader,
    TypeRef,
};
use crate::load::Node;
use crate::naming::{self, Scope};
use crate::nulls::Nulls;

/// Where each grouped parameter of an operation (by argument name) names
/// its group.
type GroupSites = Vec<(String, Node)>;

/// Operations without a `Group_` prefix in their `operationId` land here.
const DEFAULT_GROUP: &str = "Operations";

/// The parameter of an `x-ms-pageable.operationName` operation that takes
/// the next link, as AutoRest names it.
const NEXT_LINK_PARAMETER: &str = "nextLink";

/// What a body's schema is to its media types ([`Resolver::body_shape`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum BodyShape {
    /// Bytes: sent and read as they are.
    Binary,
    /// A plain string: JSON, or `text/plain` as it is.
    Text,
    /// Anything else: JSON only.
    Other,
}

/// Whether a form parameter is a file, or several (`type: file`, or an
/// array of them).
fn is_file_field(value: &Value) -> bool {
    let ty = |v: &Value| v.get("type").and_then(Value::as_str) == Some("file");
    ty(value) || value.get("items").is_some_and(ty)
}

/// Whether a media type is a form's, which only `in: formData` parameters
/// make.
fn is_form(media: &str) -> bool {
    let media = media.split(';').next().unwrap_or_default().trim();
    media.eq_ignore_ascii_case("multipart/form-data")
        || media.eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

impl Resolver<'_> {
    /// Every operation under `paths`, grouped by `operationId` prefix.
    pub(crate) fn operations(&mut self, root: &Node) -> Vec<OperationGroup> {
        let paths_node = root.child("paths");
        let paths = self.at(&paths_node);
        let Some(paths) = paths.as_object() else {
            self.error(
                root,
                "`paths` is missing: a spec needs at least one operation",
            );
            return Vec::new();
        };
        // `x-ms-paths`: more path items, whose keys may end in a query string
        // that only tells apart two items of the same path (the query
        // parameters themselves are declared as parameters).
        let extra_node = root.child(extensions::X_MS_PATHS);
        let extra = self.at(&extra_node);
        let empty = serde_json::Map::new();
        let items = paths
            .iter()
            .map(|(key, item)| (&paths_node, key, item))
            .chain(
                extra
                    .as_object()
                    .unwrap_or(&empty)
                    .iter()
                    .map(|(key, item)| (&extra_node, key, item)),
            );
        let mut by_group: BTreeMap<String, (String, Vec<(Operation, GroupSites)>)> =
            BTreeMap::new();
        let mut ids: BTreeMap<String, Node> = BTreeMap::new();
        for (section, key, item) in items {
            let item_node = section.child(key);
            let template = key.split_once('?').map_or(key.as_str(), |(path, _)| path);
            let Some(item) = item.as_object() else {
                self.error(&item_node, "a path item must be a mapping of methods");
                continue;
            };
            for (key, _) in item {
                if key == "parameters" || key.starts_with("x-") {
                    continue;
                }
                let op_node = item_node.child(key);
                let Some(method) = HttpMethod::from_spec(key) else {
                    self.unsupported_method(&op_node, key, template);
                    continue;
                };
                if let Some(why) = self.inexpressible(&item_node, &op_node) {
                    self.leave_out(&op_node, key, template, &why);
                    continue;
                }
                let Some((operation, sites)) =
                    self.operation(&item_node, &op_node, template, method)
                else {
                    continue;
                };
                if let Some(first) = ids.get(&operation.id) {
                    let first = self.docs.location(first);
                    let message = format!(
                        "duplicate operationId `{}` (first defined at {first})",
                        operation.id
                    );
                    self.error(&op_node.child("operationId"), message);
                    continue;
                }
                ids.insert(operation.id.clone(), op_node.child("operationId"));
                let wire_group = operation
                    .id
                    .split_once('_')
                    .map_or(DEFAULT_GROUP, |(group, _)| group)
                    .to_owned();
                by_group
                    .entry(naming::module_name(&wire_group))
                    .or_insert_with(|| (wire_group, Vec::new()))
                    .1
                    .push((operation, sites));
            }
        }
        // The emitter's own modules: an upstream group called `Clients` becomes
        // `clients_2`.
        // And `mod`, whose file would be the service's own `mod.rs`; and the
        // client's own methods, beside which each group has an accessor of
        // its module's name.
        let mut group_scope = Scope::with_reserved(&[
            "models", "dynamic", "clients", "patterns", "mod", "new", "endpoint",
        ]);
        let mut groups = Vec::new();
        for (module, (wire_name, mut operations)) in by_group {
            name_param_groups(&mut operations);
            let param_groups = self.param_groups(&operations);
            let mut operations: Vec<Operation> = operations.into_iter().map(|(op, _)| op).collect();
            operations.sort_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)));
            let mut fn_scope = Scope::default();
            for op in &mut operations {
                let unique = fn_scope.claim(&op.name);
                if unique != op.name {
                    let message = format!(
                        "operationId `{}` gives the function name `{}`, which another operation of `{wire_name}` already has",
                        op.id, op.name
                    );
                    let location = op.source.clone();
                    self.diagnostics.push(
                        crate::diagnostics::Diagnostic::new(location, message)
                            .with_help("rename one of the operationIds"),
                    );
                }
            }
            groups.push(OperationGroup {
                name: group_scope.claim(&module),
                wire_name,
                operations,
                param_groups,
                shared: false,
                generic_client: None,
            });
        }
        groups
    }

    /// The `x-ms-parameter-grouping` structs of one operation group's
    /// `operations`: each group's fields are the parameters of every
    /// operation that names it, once each. A field must mean the same
    /// parameter wherever it is (wire name, location, type), and the struct's
    /// name must not be that of another type of the group's module.
    fn param_groups(&mut self, operations: &[(Operation, GroupSites)]) -> Vec<ParamGroup> {
        // Types the operation group's module may define for its operations.
        let taken: BTreeSet<String> = operations
            .iter()
            .flat_map(|(op, _)| naming::OperationType::ALL.map(|kind| kind.name(&op.name)))
            .collect();
        let mut groups: BTreeMap<String, (ParamGroup, Vec<&Parameter>)> = BTreeMap::new();
        for (op, sites) in operations {
            for p in &op.params {
                let Some(group_name) = &p.group else { continue };
                let site = sites
                    .iter()
                    .find(|(name, _)| *name == p.name)
                    .map(|(_, at)| at.clone());
                let (group, members) = groups.entry(group_name.clone()).or_insert_with(|| {
                    (
                        ParamGroup {
                            name: group_name.clone(),
                            fields: Vec::new(),
                            operations: Vec::new(),
                        },
                        Vec::new(),
                    )
                });
                if !group.operations.contains(&op.id) {
                    group.operations.push(op.id.clone());
                }
                match members.iter().position(|m| m.name == p.name) {
                    Some(i) => {
                        let first = members[i];
                        if first.wire_name != p.wire_name
                            || first.location != p.location
                            || first.ty != p.ty
                        {
                            let message = format!(
                                "parameter `{}` of `{}` is in the group `{group_name}` as the field `{}`, which another operation's parameter `{}` already is, with a different location or type",
                                p.wire_name, op.id, p.name, first.wire_name
                            );
                            self.group_error(site.as_ref(), op, message);
                            continue;
                        }
                        group.fields[i].required |= p.required;
                    }
                    None => {
                        if taken.contains(group_name) {
                            let message = format!(
                                "the parameter group `{group_name}` of `{}` has the name of a type its operation group's module defines for an operation",
                                op.id
                            );
                            self.group_error(site.as_ref(), op, message);
                            continue;
                        }
                        members.push(p);
                        group.fields.push(GroupField {
                            name: p.name.clone(),
                            docs: p.docs.clone(),
                            ty: p.ty.clone(),
                            required: p.required,
                        });
                    }
                }
            }
        }
        groups
            .into_values()
            .map(|(mut group, _)| {
                group.operations.sort_unstable();
                group
            })
            .collect()
    }

    /// Reports a problem with a parameter group where the parameter names
    /// it, else at the operation.
    fn group_error(&mut self, site: Option<&Node>, op: &Operation, message: String) {
        let location = match site {
            Some(at) => self.docs.location(at),
            None => op.source.clone(),
        };
        self.diagnostics.push(
            crate::diagnostics::Diagnostic::new(location, message)
                .with_help("give the group another `name` in `x-ms-parameter-grouping`, or the parameter another `x-ms-client-name`"),
        );
    }

    /// Why armgen cannot express an operation whose leaving out does not
    /// affect the rest of the spec: a body, form or success response in
    /// media types armgen cannot send or read for its type (see
    /// [`Self::media`]: XML, a model as `application/pdf`, a form that no
    /// form media type carries), which would otherwise be sent or read as
    /// JSON. A `$ref` that leads
    /// nowhere is not a reason: resolving the operation reports it.
    fn inexpressible(&mut self, item_node: &Node, op_node: &Node) -> Option<String> {
        self.media(item_node, op_node).err()
    }

    /// An operation's parameter entries, as written (a `$ref` not
    /// followed): its path item's, then its own.
    fn parameter_nodes(&self, item_node: &Node, op_node: &Node) -> Vec<Node> {
        let mut nodes = Vec::new();
        for list in [item_node.child("parameters"), op_node.child("parameters")] {
            let count = self
                .value(&list)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            nodes.extend((0..count).map(|i| list.child(i.to_string())));
        }
        nodes
    }

    /// What the schema at `node` is to a body's media type: bytes
    /// (`type: file`, or `format: binary` / `format: file`), a plain string
    /// (which `text/plain` carries as it is), or anything else (JSON only).
    pub(super) fn body_shape(&mut self, node: &Node) -> BodyShape {
        let Ok(target) = self.deref(node) else {
            return BodyShape::Other;
        };
        let Some(value) = self.value(&target) else {
            return BodyShape::Other;
        };
        let ty = value.get("type").and_then(Value::as_str);
        let format = value.get("format").and_then(Value::as_str);
        if ty == Some("file")
            || (matches!(format, Some("binary" | "file"))
                && matches!(ty, None | Some("string" | "object")))
        {
            BodyShape::Binary
        } else if ty == Some("string")
            && value.get("enum").is_none()
            && format.is_none_or(|f| f.is_empty())
        {
            BodyShape::Text
        } else {
            BodyShape::Other
        }
    }

    /// How an operation's body is sent (the media types of its `consumes`,
    /// its own or the spec's, that armgen can produce for the body's type,
    /// each with its encoding) and how its success bodies are read; `Err`
    /// says why it cannot be, when no media type fits: a JSON model only as
    /// XML or `application/pdf`, success bodies only as XML. A body of
    /// bytes goes as it is in any media type but a form; a string body also
    /// as `text/plain`; any other only as JSON. A success body of bytes is
    /// read as it is, a string one as text when `produces` has `text/plain`
    /// and no JSON type.
    pub(super) fn media(
        &mut self,
        item_node: &Node,
        op_node: &Node,
    ) -> Result<(Vec<ContentType>, Encoding), String> {
        let root = Node {
            doc: op_node.doc,
            pointer: String::new(),
        };
        let op = self.at(op_node);
        let types = |key: &str| -> Vec<String> {
            op.get(key)
                .or_else(|| self.value(&root.child(key)))
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default()
        };
        let consumes = types("consumes");
        let produces = types("produces");
        let special = extensions::pageable(op).is_some() || extensions::long_running(op);
        let success_statuses: Vec<String> = op
            .get("responses")
            .and_then(Value::as_object)
            .map(|map| {
                map.iter()
                    .filter(|(status, response)| {
                        status.starts_with('2') && response.get("schema").is_some()
                    })
                    .map(|(status, _)| status.clone())
                    .collect()
            })
            .unwrap_or_default();
        let mut body = None;
        // Whether there are form fields, and whether one is a file.
        let (mut form, mut form_files) = (false, false);
        for entry in self.parameter_nodes(item_node, op_node) {
            let Ok(target) = self.deref(&entry) else {
                continue;
            };
            let value = self.value(&target);
            match value.and_then(|v| v.get("in")).and_then(Value::as_str) {
                Some("body") if body.is_none() => {
                    body = Some(self.body_shape(&target.child("schema")));
                }
                Some("formData") => {
                    form = true;
                    form_files |= value.is_some_and(is_file_field);
                }
                _ => {}
            }
        }
        let mut content_types: Vec<ContentType> = Vec::new();
        if form {
            if body.is_some() {
                return Err(
                    "it has both a body parameter and form parameters (`in: formData`), and a request has one body"
                        .to_owned(),
                );
            }
            let listed = |wanted: &str| {
                consumes.iter().find(|m| {
                    m.split(';')
                        .next()
                        .unwrap_or_default()
                        .trim()
                        .eq_ignore_ascii_case(wanted)
                })
            };
            // A file needs multipart; otherwise URL-encoded is the simpler
            // of the two when both are listed.
            let chosen = match (
                listed("application/x-www-form-urlencoded"),
                listed("multipart/form-data"),
            ) {
                (_, Some(multipart)) if form_files => (multipart, Encoding::Multipart),
                (Some(urlencoded), _) if !form_files => (urlencoded, Encoding::UrlEncoded),
                (None, Some(multipart)) => (multipart, Encoding::Multipart),
                _ => {
                    return Err(format!(
                        "its form parameters (`in: formData`) are sent as {}, and a form goes as `multipart/form-data`{}",
                        if consumes.is_empty() {
                            "JSON".to_owned()
                        } else {
                            consumes.join(", ")
                        },
                        if form_files {
                            " (it has a file)"
                        } else {
                            " or `application/x-www-form-urlencoded`"
                        }
                    ));
                }
            };
            content_types.push(ContentType {
                media: chosen.0.clone(),
                encoding: chosen.1,
                variant: naming::type_name(chosen.0),
            });
        }
        if let Some(shape) = body {
            let listed: Vec<String> = if consumes.is_empty() && shape == BodyShape::Binary {
                vec!["application/octet-stream".to_owned()]
            } else {
                consumes.clone()
            };
            for media in listed {
                let encoding = match (shape, Encoding::of_media(&media)) {
                    (BodyShape::Binary, _) if is_form(&media) => continue,
                    (BodyShape::Binary, _) => Encoding::Binary,
                    (_, Some(Encoding::Json)) => Encoding::Json,
                    (BodyShape::Text, Some(Encoding::Text)) => Encoding::Text,
                    _ => continue,
                };
                let variant = naming::type_name(&media);
                if content_types.iter().any(|c| c.variant == variant) {
                    continue;
                }
                content_types.push(ContentType {
                    media,
                    encoding,
                    variant,
                });
            }
            if !consumes.is_empty() && content_types.is_empty() {
                return Err(format!(
                    "its body is sent as {} only, and armgen sends a body of bytes (`type: file`, `format: binary`) as any media type but a form, a string body also as `text/plain`, and any other body as JSON (XML bodies are not supported)",
                    consumes.join(", ")
                ));
            }
        }
        let responses = op_node.child("responses");
        let success_shapes: Vec<BodyShape> = success_statuses
            .iter()
            .map(|status| self.body_shape(&responses.child(status).child("schema")))
            .collect();
        let encoding = if success_shapes.contains(&BodyShape::Binary) {
            Encoding::Binary
        } else if success_shapes.is_empty()
            || produces.is_empty()
            || produces
                .iter()
                .any(|m| Encoding::of_media(m) == Some(Encoding::Json))
        {
            Encoding::Json
        } else if success_shapes.iter().all(|s| *s == BodyShape::Text)
            && produces
                .iter()
                .any(|m| Encoding::of_media(m) == Some(Encoding::Text))
        {
            Encoding::Text
        } else {
            return Err(format!(
                "its success bodies come as {} only, and armgen reads JSON bodies, bodies of bytes (`type: file`) and string bodies as `text/plain` (XML bodies are not supported)",
                produces.join(", ")
            ));
        };
        if encoding != Encoding::Json && special {
            return Err(
                "its success body is not JSON, and armgen reads the pages and final results of pageable and long-running operations as JSON"
                    .to_owned(),
            );
        }
        Ok((content_types, encoding))
    }

    /// Leaves an operation out with a located warning naming it and `why`.
    fn leave_out(&mut self, op_node: &Node, method: &str, template: &str, why: &str) {
        let id = self
            .value(&op_node.child("operationId"))
            .and_then(Value::as_str)
            .map_or_else(|| "(no operationId)".to_owned(), |id| format!("`{id}`"));
        let message = format!(
            "operation {id} (`{} {template}`) is left out: {why}, so no client method is generated for it",
            method.to_ascii_uppercase()
        );
        self.warning(op_node, message);
    }

    /// An operation whose method armgen cannot send. A method HTTP knows
    /// but `azure_core` 1.x cannot send (its `Method` has no `OPTIONS`,
    /// `TRACE` or `CONNECT`) leaves out that one operation, with a warning
    /// that names it: the rest of the spec does not depend on it. Any other
    /// key is a mistake in the spec, an error.
    fn unsupported_method(&mut self, op_node: &Node, key: &str, template: &str) {
        const UNSENDABLE: &[&str] = &["options", "trace", "connect"];
        if !UNSENDABLE.contains(&key) {
            let message = format!(
                "unsupported method `{key}`: armgen supports get, put, post, patch, delete and head"
            );
            self.error(op_node, message);
            return;
        }
        let why = format!(
            "azure_core 1.x cannot send the `{}` method (it sends get, put, post, patch, delete and head)",
            key.to_ascii_uppercase()
        );
        self.leave_out(op_node, key, template, &why);
    }

    fn operation(
        &mut self,
        item_node: &Node,
        node: &Node,
        template: &str,
        method: HttpMethod,
    ) -> Option<(Operation, GroupSites)> {
        let value = self.at(node);
        let Some(id) = value
            .get("operationId")
            .and_then(Value::as_str)
            .map(str::to_owned)
        else {
            self.error(
                node,
                "`operationId` is missing: every operation needs one to be named in code",
            );
            return None;
        };
        let fn_base = id.split_once('_').map_or(id.as_str(), |(_, name)| name);
        let name = naming::value_name(fn_base);
        let path = self.path_parts(&node.child("operationId"), template);

        // Path-level parameters apply unless the operation redefines them.
        let raw_params = self.parameter_nodes(item_node, node);
        let mut params: Vec<Parameter> = Vec::new();
        // Where each of `params` is declared, for diagnostics about it.
        let mut declared: Vec<Node> = Vec::new();
        let mut api_version = None;
        // The arguments every generated function takes besides the
        // parameters, and the fields of the options struct beside the
        // optional ones; `f` because `SafeDebug`'s derive (with azure_core's
        // `debug` feature) binds every field by name next to its formatter.
        // Left out already when `Err` (see `inexpressible`).
        let (content_types, response_encoding) = self.media(item_node, node).unwrap_or_default();
        // `content_type` is an argument when the caller chooses the body's
        // media type.
        let reserved: &[&str] = if content_types.len() > 1 {
            &[
                "endpoint",
                "api_version",
                "options",
                "method_options",
                "f",
                "content_type",
            ]
        } else {
            &["endpoint", "api_version", "options", "method_options", "f"]
        };
        let mut arg_scope = Scope::with_reserved(reserved);
        for param_node in raw_params {
            let Some((param, is_api_version)) = self.parameter(&param_node, &name, &id) else {
                continue;
            };
            if is_api_version {
                api_version = Some(param.constraints);
                continue;
            }
            if let Some(i) = params
                .iter()
                .position(|p| p.wire_name == param.wire_name && p.location == param.location)
            {
                let from_path_item = param_node.pointer.starts_with(&item_node.pointer)
                    && !param_node.pointer.starts_with(&node.pointer);
                if !from_path_item {
                    params[i] = param;
                    declared[i] = param_node;
                }
                continue;
            }
            params.push(param);
            declared.push(param_node);
        }
        // Arguments follow the path template, never the spec's parameter
        // order, which may change between api-versions.
        let template_order: Vec<&str> = path
            .iter()
            .filter_map(|p| match p {
                PathPart::Param(reference) => Some(reference.wire_name.as_str()),
                PathPart::Literal(_) => None,
            })
            .collect();
        for wanted in &template_order {
            if !params
                .iter()
                .any(|p| p.location == ParamLocation::Path && p.wire_name == *wanted)
            {
                let message = format!(
                    "the path template uses `{{{wanted}}}`, but no path parameter is called `{wanted}`"
                );
                self.error(&node.child("parameters"), message);
            }
        }
        for (p, at) in params.iter().zip(&declared) {
            if p.location == ParamLocation::Path && !template_order.contains(&p.wire_name.as_str())
            {
                let message = format!(
                    "path parameter `{}` does not appear in the path template",
                    p.wire_name
                );
                self.error(at, message);
            }
        }
        // Where each grouped parameter names its group, for diagnostics
        // about the group (`declared` follows the spec's order, which the
        // sort below leaves).
        let group_sites: Vec<(String, ParamLocation, Node)> = params
            .iter()
            .zip(&declared)
            .filter(|(p, _)| p.group.is_some())
            .map(|(p, at)| {
                (
                    p.wire_name.clone(),
                    p.location,
                    at.child(extensions::PARAMETER_GROUPING),
                )
            })
            .collect();
        params.sort_by_key(|p| {
            let template_index = template_order
                .iter()
                .position(|n| *n == p.wire_name)
                .unwrap_or(usize::MAX);
            (
                p.location != ParamLocation::Path,
                !p.required,
                p.location,
                template_index,
                p.wire_name.clone(),
            )
        });
        for p in &mut params {
            p.name = arg_scope.claim(&p.name);
        }
        // The client holds the subscription: it is never the caller's to
        // group.
        for p in &mut params {
            if p.held_by_client() {
                p.group = None;
            }
        }
        // Each group is one argument (or options field), named after its
        // type, in the order of its first parameter.
        let mut param_groups: Vec<GroupArg> = Vec::new();
        for p in &params {
            let Some(group) = &p.group else { continue };
            match param_groups.iter_mut().find(|g| &g.group == group) {
                Some(arg) => arg.required |= p.required,
                None => param_groups.push(GroupArg {
                    name: arg_scope.claim(&naming::value_name(group)),
                    group: group.clone(),
                    required: p.required,
                }),
            }
        }
        // Each `{name}` now points at its parameter (a missing one was
        // reported above).
        let path = PathPart::resolve_params(path, &params, |p, wire| {
            p.location == ParamLocation::Path && p.wire_name == wire
        });

        let pageable = extensions::pageable(value).map(|p| Pageable {
            next_link_name: p.next_link_name.map(str::to_owned),
            item_name: p.item_name.to_owned(),
            fields: None,
            operation_name: p.operation_name.map(str::to_owned),
            next_operation: None,
        });
        let long_running =
            extensions::long_running(value).then(|| self.final_state_via(node, value, method));
        // A pager or a poller needs a body to go on: only a declared
        // `x-nullable` makes theirs optional.
        let body_nulls = if pageable.is_some() || long_running.is_some() {
            Nulls::Declared
        } else {
            self.nulls
        };
        let (responses, error) = self.responses(node, &name, body_nulls);
        // `CheckExistence`: a 404 without a body is the answer `false`.
        let exists = method == HttpMethod::Head
            && responses.iter().all(|r| r.ty.is_none())
            && value
                .get("responses")
                .and_then(|r| r.get("404"))
                .is_some_and(|r| r.get("schema").is_none());
        let response_headers = self.response_headers(node);
        let root = Node {
            doc: node.doc,
            pointer: String::new(),
        };
        let produces = value
            .get("produces")
            .or_else(|| self.value(&root.child("produces")))
            .and_then(Value::as_array)
            .and_then(|p| p.first())
            .and_then(Value::as_str)
            .map(str::to_owned);
        let examples = self.examples(node, value);
        // Success bodies of different types are told apart by status (see
        // `Operation::success_by_status`); a poller or a pager has one result
        // type, from which the status of the response is gone.
        if crate::ir::distinct_success_types(&responses)
            && (pageable.is_some() || long_running.is_some())
        {
            self.error(
                &node.child("responses"),
                "success responses with different body types: a long-running or pageable operation needs one result type (plain operations get an enum with a variant per status)",
            );
        }
        let group_sites = params
            .iter()
            .filter(|p| p.group.is_some())
            .filter_map(|p| {
                group_sites
                    .iter()
                    .find(|(wire, location, _)| *wire == p.wire_name && *location == p.location)
                    .map(|(_, _, at)| (p.name.clone(), at.clone()))
            })
            .collect();
        let operation = Operation {
            pageable,
            long_running,
            exists,
            id,
            name,
            summary: value
                .get("summary")
                .and_then(Value::as_str)
                .map(str::to_owned),
            description: description(value),
            method,
            path_template: template.to_owned(),
            path,
            params,
            param_groups,
            api_version,
            responses,
            error,
            response_headers,
            accept: produces.or_else(|| Some("application/json".to_owned())),
            content_types,
            response_encoding,
            protocols: crate::ir::Protocols::read(value),
            examples,
            source: self.docs.location(node),
            shared: Default::default(),
        };
        Some((operation, group_sites))
    }

    /// `final-state-via`, or ARM's default for the method.
    fn final_state_via(&mut self, node: &Node, value: &Value, method: HttpMethod) -> FinalStateVia {
        let (found, [options, field]) = extensions::final_state_via(value);
        let options = node.child(options).child(field);
        match found {
            Some("location") => FinalStateVia::Location,
            Some("operation-location") => FinalStateVia::OperationLocation,
            Some("original-uri") => FinalStateVia::OriginalUri,
            Some("azure-async-operation") => FinalStateVia::AzureAsyncOperation,
            Some(other) => {
                let message = format!(
                    "unknown `final-state-via: {other}` (location, original-uri, azure-async-operation and operation-location are known)"
                );
                self.error(&options, message);
                FinalStateVia::Location
            }
            None => match method {
                HttpMethod::Put | HttpMethod::Patch => FinalStateVia::OriginalUri,
                _ => FinalStateVia::Location,
            },
        }
    }

    /// Resolves `x-ms-pageable.operationName` once every operation is named:
    /// the operation that fetches the next pages, and for each of its
    /// parameters where the value comes from. A parameter with no source is a
    /// located error, as the next pages could not be asked for.
    pub(crate) fn resolve_next_operations(&mut self, groups: &mut [OperationGroup]) {
        let by_id: BTreeMap<String, (String, Operation)> = groups
            .iter()
            .flat_map(|g| {
                g.operations
                    .iter()
                    .map(|o| (o.id.clone(), (g.name.clone(), o.clone())))
            })
            .collect();
        // (operation id, parameter) of the next links put into a path.
        let mut link_paths = Vec::new();
        for op in groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
            let Some(wanted) = op.pageable.as_ref().and_then(|p| p.operation_name.clone()) else {
                continue;
            };
            let Some((group, next)) = by_id.get(&wanted) else {
                let message = format!(
                    "`x-ms-pageable.operationName` of `{}` names `{wanted}`, which is not an operation of this spec",
                    op.id
                );
                self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                    op.source.clone(),
                    message,
                ));
                continue;
            };
            let mut args = Vec::new();
            // The next operation sends its constants itself.
            let taken = || next.params.iter().filter(|q| q.constant().is_none());
            for q in taken() {
                let source = if q.wire_name == NEXT_LINK_PARAMETER
                    && q.ty == TypeRef::String
                    && matches!(q.location, ParamLocation::Path | ParamLocation::Query)
                {
                    if q.location == ParamLocation::Path && q.multi_segment {
                        link_paths.push((next.id.clone(), q.wire_name.clone()));
                    }
                    NextArg::Link
                } else if q.held_by_client() {
                    NextArg::Subscription
                } else if let Some(p) = op.params.iter().find(|p| {
                    p.wire_name == q.wire_name && p.location == q.location && p.ty == q.ty
                }) && (p.required || !q.required)
                {
                    NextArg::Same(p.name.clone(), p.required)
                } else if !q.required {
                    NextArg::Nothing
                } else {
                    let message = format!(
                        "`x-ms-pageable.operationName` of `{}` names `{wanted}`, whose required parameter `{}` is neither `{NEXT_LINK_PARAMETER}` nor a required parameter of `{}`",
                        op.id, q.wire_name, op.id
                    );
                    self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                        op.source.clone(),
                        message,
                    ));
                    args.clear();
                    break;
                };
                args.push((q.clone(), source));
            }
            if args.len() != taken().count() {
                continue;
            }
            if let Some(pageable) = &mut op.pageable {
                pageable.next_operation = Some(NextOperation {
                    group: group.clone(),
                    name: next.name.clone(),
                    api_version: next.api_version.is_some(),
                    args,
                });
            }
        }
        for op in groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
            for p in &mut op.params {
                if link_paths
                    .iter()
                    .any(|(id, wire)| *id == op.id && *wire == p.wire_name)
                {
                    p.role = ParamRole::NextLink;
                }
            }
        }
    }

    /// Fills in the page fields of pageable operations once models exist.
    pub(crate) fn resolve_pages(&mut self, groups: &mut [OperationGroup]) {
        for op in groups.iter_mut().flat_map(|g| g.operations.iter_mut()) {
            let Some(pageable) = &mut op.pageable else {
                continue;
            };
            let model = match op.responses.iter().find_map(|r| r.ty.clone()) {
                Some(TypeRef::Model(name)) => name,
                _ => {
                    let message = format!(
                        "`{}` is `x-ms-pageable` but its response is not an object",
                        op.id
                    );
                    self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                        op.source.clone(),
                        message,
                    ));
                    continue;
                }
            };
            let Some(crate::ir::Model {
                kind: crate::ir::ModelKind::Struct(list),
                ..
            }) = self.models.get(&model)
            else {
                continue;
            };
            let field = |wire: &str| list.fields.iter().find(|f| f.wire_name == wire);
            let Some(items) = field(&pageable.item_name) else {
                let message = format!(
                    "`x-ms-pageable` names items `{}`, which `{model}` does not have",
                    pageable.item_name
                );
                self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                    op.source.clone(),
                    message,
                ));
                continue;
            };
            let TypeRef::Array(item_type) = &items.ty else {
                let message = format!(
                    "the page items `{}` of `{model}` are not an array",
                    pageable.item_name
                );
                self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                    op.source.clone(),
                    message,
                ));
                continue;
            };
            let next_link = pageable
                .next_link_name
                .as_deref()
                .and_then(field)
                .filter(|f| f.ty == TypeRef::String)
                .map(|f| PageField {
                    name: f.name.clone(),
                    optional: !f.required,
                });
            if pageable.next_link_name.is_some() && next_link.is_none() {
                let message = format!(
                    "`x-ms-pageable` names the next link `{}`, which `{model}` does not have as a string",
                    pageable.next_link_name.as_deref().unwrap_or_default()
                );
                self.diagnostics.push(crate::diagnostics::Diagnostic::new(
                    op.source.clone(),
                    message,
                ));
                continue;
            }
            pageable.fields = Some(PageFields {
                model: model.clone(),
                items: PageField {
                    name: items.name.clone(),
                    optional: !items.required,
                },
                item_type: (**item_type).clone(),
                next_link,
            });
        }
    }

    pub(super) fn path_parts(&mut self, at: &Node, template: &str) -> Vec<PathPart> {
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(PathPart::Literal(rest[..open].to_owned()));
            }
            let Some(close) = rest[open..].find('}') else {
                let message = format!("the path template `{template}` has an unclosed `{{`");
                self.error(at, message);
                return parts;
            };
            parts.push(PathPart::Param(ParamRef {
                wire_name: rest[open + 1..open + close].to_owned(),
                // Set once the parameters are known (`PathPart::resolve_params`).
                index: usize::MAX,
            }));
            rest = &rest[open + close + 1..];
        }
        if !rest.is_empty() {
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        parts
    }

    /// One parameter; the flag says whether it is the `api-version`.
    fn parameter(&mut self, node: &Node, op_name: &str, op_id: &str) -> Option<(Parameter, bool)> {
        let target = match self.deref(node) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diagnostics.push(diagnostic);
                return None;
            }
        };
        let value = self.at(&target);
        let Some(wire_name) = value.get("name").and_then(Value::as_str).map(str::to_owned) else {
            self.error(&target, "a parameter needs a `name`");
            return None;
        };
        let location = match value.get("in").and_then(Value::as_str) {
            Some("path") => ParamLocation::Path,
            Some("query") => ParamLocation::Query,
            Some("header") => ParamLocation::Header,
            Some("body") => ParamLocation::Body,
            Some("formData") => ParamLocation::Form,
            other => {
                let message = format!(
                    "parameter `{wire_name}`: `in: {}` is not supported (path, query, header, body and formData are)",
                    other.unwrap_or("(missing)")
                );
                self.error(&target.child("in"), message);
                return None;
            }
        };
        let shared = target.pointer.starts_with("/parameters/");
        let client = extensions::client_parameter(value).unwrap_or(shared);
        let hint = format!(
            "{}{}",
            self.names.type_name(op_name),
            self.names.type_name(&wire_name)
        );
        let (ty, constraints) = if location == ParamLocation::Body {
            if value.get("schema").is_none() {
                self.error(
                    &target,
                    format!("body parameter `{wire_name}` needs a `schema`"),
                );
                return None;
            }
            // Bytes are sent as they are, whatever the media type (see
            // `media`).
            let ty = if self.body_shape(&target.child("schema")) == BodyShape::Binary {
                TypeRef::Binary
            } else {
                self.schema_type(&target.child("schema"), &hint)
            };
            (ty, Constraints::default())
        } else if location == ParamLocation::Form && is_file_field(value) {
            // A file, or several, sent as they are (multipart).
            let ty = if value.get("type").and_then(Value::as_str) == Some("array") {
                TypeRef::Array(Box::new(TypeRef::Binary))
            } else {
                TypeRef::Binary
            };
            (ty, Constraints::default())
        } else {
            // `null` cannot be sent in a path, query or header.
            // A format is passed as text and checked (`Constraints::format`).
            let (ty, format) = self
                .schema_type(&target, &hint)
                .without_nullable()
                .outside_body();
            let scalar = |ty: &TypeRef| {
                matches!(
                    ty,
                    TypeRef::String
                        | TypeRef::Bool
                        | TypeRef::I32
                        | TypeRef::I64
                        | TypeRef::F32
                        | TypeRef::F64
                        | TypeRef::Model(_)
                )
            };
            let list_of_scalars = matches!(&ty, TypeRef::Array(item) if scalar(item));
            if !scalar(&ty) && !list_of_scalars {
                let message = format!(
                    "parameter `{wire_name}`: only string, number, boolean and enum values, and arrays of them, are supported outside the body"
                );
                self.error(&target, message);
                return None;
            }
            if list_of_scalars {
                let format = value.get("collectionFormat").and_then(Value::as_str);
                let known = match format {
                    None | Some("csv" | "ssv" | "tsv" | "pipes") => true,
                    Some("multi") => location == ParamLocation::Query,
                    Some(_) => false,
                };
                if !known {
                    let message = format!(
                        "parameter `{wire_name}`: `collectionFormat: {}` is not supported here (csv, ssv, tsv and pipes are, and multi in the query)",
                        format.unwrap_or_default()
                    );
                    self.error(&target.child("collectionFormat"), message);
                    return None;
                }
            }
            let mut constraints = self.constraints(&target, value, &ty);
            constraints.format = format;
            // Secret header and query values are `Secret`s, as secret fields
            // are: they never show in `Debug`. (A path segment names a
            // resource: it is never secret.)
            let marked = extensions::secret(value);
            let ty = if ty == TypeRef::String
                && matches!(location, ParamLocation::Header | ParamLocation::Query)
                && self.is_secret(&wire_name, marked)
            {
                TypeRef::Secret
            } else {
                ty
            };
            (ty, constraints)
        };
        let required = location == ParamLocation::Path
            || value
                .get("required")
                .and_then(Value::as_bool)
                .unwrap_or(false);
        let is_api_version = location == ParamLocation::Query
            && wire_name == "api-version"
            && extensions::client_api_version(value);
        let ty = if is_api_version && ty == TypeRef::Secret {
            TypeRef::String
        } else {
            ty
        };
        // Every ARM client is for one subscription: it holds the client-level
        // `subscriptionId` instead of each call taking it.
        let constant = (required && location != ParamLocation::Body && !is_api_version)
            .then(|| constant_value(value, &ty))
            .flatten();
        let (role, ty) = if client && wire_name == "subscriptionId" {
            (ParamRole::Subscription, ty)
        } else if location == ParamLocation::Header
            && ty == TypeRef::String
            && extensions::client_request_id(value)
        {
            (ParamRole::ClientRequestId, ty)
        } else if let Some(constant) = constant {
            // Sent as the spec writes it (`-1.034e-20` stays that text,
            // which a float would not), whatever its type.
            (ParamRole::Constant(constant), TypeRef::String)
        } else {
            (ParamRole::Argument, ty)
        };
        Some((
            Parameter {
                name: self
                    .names
                    .value_name(extensions::client_name(value).unwrap_or(&wire_name)),
                default: value.get("default").cloned(),
                collection_format: value
                    .get("collectionFormat")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
                wire_name,
                docs: description(value),
                location,
                ty,
                required,
                constraints,
                client,
                // Only an argument is the caller's to set (see `operation`).
                group: matches!(role, ParamRole::Argument | ParamRole::ClientRequestId)
                    .then(|| extensions::parameter_group(value, op_id))
                    .flatten(),
                role,
                multi_segment: extensions::skip_url_encoding(value),
            },
            is_api_version,
        ))
    }

    /// The scalar headers the success responses declare, each once. A header
    /// of another type (an array) stays readable only as raw text.
    fn response_headers(&mut self, node: &Node) -> Vec<ResponseHeader> {
        let responses = self.at(&node.child("responses"));
        let mut scope = Scope::default();
        let mut out: Vec<ResponseHeader> = Vec::new();
        let Some(map) = responses.as_object() else {
            return out;
        };
        for (status, response) in map {
            if !status.parse::<u16>().is_ok_and(|c| (200..300).contains(&c)) {
                continue;
            }
            let Some(headers) = response.get("headers").and_then(Value::as_object) else {
                continue;
            };
            for (wire_name, header) in headers {
                if out
                    .iter()
                    .any(|h| h.wire_name.eq_ignore_ascii_case(wire_name))
                {
                    continue;
                }
                let format = header.get("format").and_then(Value::as_str);
                let ty = match header.get("type").and_then(Value::as_str) {
                    Some("string") if self.is_secret(wire_name, extensions::secret(header)) => {
                        TypeRef::Secret
                    }
                    Some("string") => match Format::of_string(format) {
                        Some(format) => TypeRef::Format(format),
                        None => TypeRef::String,
                    },
                    Some("boolean") => TypeRef::Bool,
                    Some("integer") if format == Some("int32") => TypeRef::I32,
                    Some("integer") if format == Some("unixtime") => {
                        TypeRef::Format(Format::UnixTime)
                    }
                    Some("integer") => TypeRef::I64,
                    Some("number") if format == Some("float") => TypeRef::F32,
                    Some("number") => TypeRef::F64,
                    _ => continue,
                };
                out.push(ResponseHeader {
                    name: scope.claim(&naming::value_name(wire_name)),
                    wire_name: wire_name.clone(),
                    docs: description(header),
                    ty,
                });
            }
        }
        out
    }

    /// The success responses, and the error body type; a success body may be
    /// null as `body_nulls` says.
    fn responses(
        &mut self,
        node: &Node,
        op_name: &str,
        body_nulls: Nulls,
    ) -> (Vec<Response>, Option<TypeRef>) {
        let responses_node = node.child("responses");
        let value = self.at(&responses_node);
        let Some(map) = value.as_object() else {
            self.error(node, "`responses` is missing");
            return (Vec::new(), None);
        };
        let mut success = Vec::new();
        let mut error = None;
        // Whether some error status (or `default`) is declared.
        let mut declares_errors = false;
        for (status, response) in map {
            let response_node = responses_node.child(status);
            let hint = format!("{}Response", self.names.type_name(op_name));
            let is_success = status.starts_with('2');
            let ty = response.get("schema").map(|schema| {
                // A success body of bytes (`type: file`) is read as it is.
                if is_success
                    && self.body_shape(&response_node.child("schema")) == BodyShape::Binary
                {
                    return TypeRef::Binary;
                }
                let ty = self.schema_type(&response_node.child("schema"), &hint);
                // Only a success body may be tolerated empty: an error
                // body is read only when the status says there is one.
                let success = status.parse::<u16>().is_ok_and(|c| (200..300).contains(&c));
                let nulls = if success { body_nulls } else { Nulls::Declared };
                super::nullable_as(ty, Some(schema), nulls)
            });
            if status == "default" {
                error = ty;
                declares_errors = true;
                continue;
            }
            match status.parse::<u16>() {
                Ok(code) if (200..300).contains(&code) => {
                    let headers = response
                        .get("headers")
                        .and_then(Value::as_object)
                        .map(|h| h.keys().cloned().collect())
                        .unwrap_or_default();
                    success.push(Response {
                        status: code,
                        ty,
                        headers,
                    })
                }
                Ok(code) if (100..600).contains(&code) => {
                    declares_errors = true;
                    // Documented error statuses decode with the error model.
                    if error.is_none() {
                        error = ty;
                    }
                }
                _ => {
                    let message = format!("`{status}` is not an HTTP status code or `default`");
                    self.error(&response_node, message);
                }
            }
        }
        success.sort_by_key(|r| r.status);
        // An operation that declares only errors (`url.json`'s null-argument
        // checks, a `HEAD` answering 404) is generated: every answer is then
        // its error. One that declares nothing usable cannot be called.
        if success.is_empty() && !declares_errors {
            self.error(
                &responses_node,
                "the operation has no success (2xx) response",
            );
        }
        (success, error)
    }

    fn examples(&mut self, node: &Node, value: &Value) -> Vec<Example> {
        let Some(map) = extensions::examples(value) else {
            return Vec::new();
        };
        let base = self
            .docs
            .doc(node.doc)
            .path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default();
        let mut examples = Vec::new();
        for (name, entry) in map {
            match entry.get("$ref").and_then(Value::as_str) {
                Some(reference) => examples.push(Example {
                    name: name.clone(),
                    file: crate::load::normalize(&base.join(reference)),
                }),
                None => {
                    let at = node.child(extensions::EXAMPLES).child(name);
                    self.error(&at, "an `x-ms-examples` entry must be `{$ref: file}`");
                }
            }
        }
        examples.sort_by(|a, b| a.name.cmp(&b.name));
        examples
    }
}

/// The wire text of a parameter that can take one value only: `enum` with a
/// single value, unless `x-ms-enum` says other values are accepted
/// (`modelAsString: true`), of a type sent as text (not a list or a
/// secret).
fn constant_value(value: &Value, ty: &TypeRef) -> Option<String> {
    let sendable = matches!(
        ty,
        TypeRef::String
            | TypeRef::Bool
            | TypeRef::I32
            | TypeRef::I64
            | TypeRef::F32
            | TypeRef::F64
            | TypeRef::Model(_)
    );
    let [only] = value.get("enum")?.as_array()?.as_slice() else {
        return None;
    };
    if !sendable || extensions::enumeration(value).extensible {
        return None;
    }
    match only {
        Value::String(text) => Some(text.clone()),
        Value::Bool(_) | Value::Number(_) => Some(only.to_string()),
        _ => None,
    }
}

/// Gives each parameter group of one operation group's `operations` its
/// struct name: the name the spec gives it, but for the prelude's types,
/// which generated code writes plainly (`Option`): those take the next name
/// no group of the spec has (`Option2`, or `Option3` where a group is
/// really called `Option2`). Groups are one struct per name, so a renamed
/// group landing on another's name would merge the two.
fn name_param_groups(operations: &mut [(Operation, GroupSites)]) {
    let names: BTreeSet<String> = operations
        .iter()
        .flat_map(|(op, _)| op.params.iter().filter_map(|p| p.group.clone()))
        .collect();
    let is_prelude = |name: &str| {
        naming::PRELUDE_TYPES
            .iter()
            .any(|prelude| prelude.eq_ignore_ascii_case(name))
    };
    let mut scope = Scope::with_reserved(&naming::PRELUDE_TYPES);
    for name in names.iter().filter(|name| !is_prelude(name)) {
        scope.claim(name);
    }
    let renamed: BTreeMap<&str, String> = names
        .iter()
        .filter(|name| is_prelude(name))
        .map(|name| (name.as_str(), scope.claim(name)))
        .collect();
    if renamed.is_empty() {
        return;
    }
    let rename = |group: &mut String| {
        if let Some(name) = renamed.get(group.as_str()) {
            *group = name.clone();
        }
    };
    for (op, _) in operations {
        op.params
            .iter_mut()
            .filter_map(|p| p.group.as_mut())
            .for_each(rename);
        op.param_groups
            .iter_mut()
            .map(|arg| &mut arg.group)
            .for_each(rename);
    }
}
