//! `x-ms-parameterized-host`: the endpoint built from a host template and
//! parameters the client takes.

use serde_json::Value;

use super::schema::description;
use super::{Resolver, extensions};
use crate::ir::{HostParameter, ParamRef, ParameterizedHost, PathPart};
use crate::load::Node;
use crate::naming::{self, Scope};

impl Resolver<'_> {
    /// The spec's `x-ms-parameterized-host`, if it has one. Every problem is
    /// a located error: a template the client could not fill would send its
    /// requests to the wrong host.
    pub(crate) fn parameterized_host(&mut self, root: &Node) -> Option<ParameterizedHost> {
        let node = root.child(extensions::PARAMETERIZED_HOST);
        self.value(&node)?;
        let value = self.at(&node);
        let Some(template) = value.get("hostTemplate").and_then(Value::as_str) else {
            self.error(
                &node,
                "`x-ms-parameterized-host` needs a `hostTemplate` string",
            );
            return None;
        };
        let use_scheme_prefix = match value.get("useSchemePrefix") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.error(
                    &node.child("useSchemePrefix"),
                    "`useSchemePrefix` must be true or false",
                );
                true
            }
        };
        let first = match value.get("positionInOperation").map(Value::as_str) {
            None | Some(Some("first")) => true,
            Some(Some("last")) => false,
            Some(_) => {
                self.error(
                    &node.child("positionInOperation"),
                    "`positionInOperation` must be `first` or `last`",
                );
                true
            }
        };
        let parts = self.path_parts(&node.child("hostTemplate"), template);
        let list = node.child("parameters");
        let count = self
            .value(&list)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        // Beside the host parameters, `new` takes these.
        let mut scope = Scope::with_reserved(&["credential", "options", "subscription_id"]);
        let mut params: Vec<HostParameter> = Vec::new();
        for i in 0..count {
            let entry = list.child(i.to_string());
            let target = match self.deref(&entry) {
                Ok(target) => target,
                Err(diagnostic) => {
                    self.diagnostics.push(diagnostic);
                    continue;
                }
            };
            let param = self.at(&target);
            let Some(wire_name) = param.get("name").and_then(Value::as_str) else {
                self.error(&target, "a host parameter needs a `name`");
                continue;
            };
            if param.get("in").and_then(Value::as_str) != Some("path") {
                let message = format!("host parameter `{wire_name}` must be `in: path`");
                self.error(&target.child("in"), message);
                continue;
            }
            if param.get("type").and_then(Value::as_str) != Some("string")
                || param.get("enum").is_some()
            {
                let message = format!(
                    "host parameter `{wire_name}`: only plain `type: string` host parameters are supported"
                );
                self.error(&target, message);
                continue;
            }
            if params.iter().any(|p| p.wire_name == wire_name) {
                let message = format!("host parameter `{wire_name}` is listed twice");
                self.error(&entry, message);
                continue;
            }
            let used = parts
                .iter()
                .any(|p| matches!(p, PathPart::Param(r) if r.wire_name == wire_name));
            if !used {
                let message =
                    format!("host parameter `{wire_name}` does not appear in `{template}`");
                self.error(&entry, message);
                continue;
            }
            let name = naming::value_name(extensions::client_name(param).unwrap_or(wire_name));
            params.push(HostParameter {
                name: scope.claim(&name),
                wire_name: wire_name.to_owned(),
                docs: description(param),
                skip_url_encoding: extensions::skip_url_encoding(param),
                default: param.get("default").cloned(),
            });
        }
        for part in &parts {
            if let PathPart::Param(ParamRef {
                wire_name: wanted, ..
            }) = part
                && !params.iter().any(|p| p.wire_name == *wanted)
            {
                let message = format!(
                    "the host template uses `{{{wanted}}}`, but no host parameter is called `{wanted}`"
                );
                self.error(&node.child("hostTemplate"), message);
            }
        }
        let parts = PathPart::resolve_params(parts, &params, |p, wire| p.wire_name == wire);
        Some(ParameterizedHost {
            template: template.to_owned(),
            parts,
            use_scheme_prefix,
            first,
            params,
        })
    }
}
