//! The resolved, validated model of an API that the emitters read.
//!
//! Every name here is already a valid, unique Rust identifier, every `$ref`
//! is followed, and every collection is in a deterministic order. Emitters
//! never look at the raw spec.

use std::path::PathBuf;

use crate::diagnostics::Location;

/// Everything generated in one run: one service per root spec file, and
/// providers generated at several api-versions side by side.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Api {
    /// The services, sorted by module name.
    pub services: Vec<Service>,
    /// Providers at several api-versions, sorted by module name.
    pub providers: Vec<Provider>,
}

impl Api {
    /// Every service with the Rust path of its module below the bindings'
    /// root (`relay`, or `relay::v2024_01_01` for a version of a provider).
    pub fn all_services(&self) -> impl Iterator<Item = (String, &Service)> {
        self.services
            .iter()
            .map(|s| (s.module.clone(), s))
            .chain(self.providers.iter().flat_map(|p| {
                p.versions
                    .iter()
                    .map(move |v| (format!("{}::{}", p.module, v.module), v))
            }))
    }
}

/// One resource provider at several api-versions: a module per version
/// (`relay::v2024_01_01`), each behind a cargo feature, the models that are
/// the same in every version emitted once in `relay::shared`.
#[derive(Clone, Debug, PartialEq)]
pub struct Provider {
    /// The provider's module (`relay`).
    pub module: String,
    /// The versions, oldest first; each one's `module` is its version module
    /// (`v2024_01_01`) and its models that are [`Model::shared`] are only
    /// re-exported from [`Provider::shared`].
    pub versions: Vec<Service>,
    /// The definitions identical (docs aside) in every version.
    pub shared: Vec<Model>,
    /// The distinct `pattern`s the `shared` module compiles (of its models
    /// and shared request functions), sorted; set by the analysis stage.
    pub shared_patterns: Vec<String>,
    /// The operations with a part shared ([`Operation::shared`]), by group, emitted in the `shared`
    /// module; a group's [`OperationGroup::shared`] says whether its
    /// sub-client is too.
    pub shared_groups: Vec<OperationGroup>,
    /// The version re-exported at the provider's root and on by default: the
    /// newest stable one (never a preview), if any.
    pub default: Option<usize>,
}

impl Provider {
    /// The cargo feature that compiles a version: `relay-2024-01-01`.
    pub fn feature(&self, version: &Service) -> String {
        let module = crate::naming::join(&[&self.module]);
        format!("{}-{}", module.replace('_', "-"), version.api_version)
    }
}

/// One resource provider at one api-version (one root spec file).
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// The Rust module name (`relay`).
    pub module: String,
    /// The async client's type name (`RelayClient`): `info.x-ms-code-generation-settings.name`
    /// when the spec sets it, else the module name in `UpperCamelCase` + `Client`.
    pub client_name: String,
    /// The root spec file as named in messages and headers.
    pub source: PathBuf,
    /// `info.title`.
    pub title: String,
    /// `info.description`.
    pub description: Option<String>,
    /// `info.version`: the api-version sent by default.
    pub api_version: String,
    /// `host` (`management.azure.com`).
    pub host: String,
    /// `x-ms-parameterized-host`: the endpoint is built from a template and
    /// parameters the client takes, not given as an option.
    pub parameterized_host: Option<ParameterizedHost>,
    /// OAuth2 scopes named by `securityDefinitions` and the top-level
    /// `security` requirements.
    pub scopes: Vec<String>,
    /// The spec's `schemes`, `consumes` and `produces`, as written (for
    /// `armgen diff`; the generated code speaks JSON over HTTPS).
    pub protocols: Protocols,
    /// Models, sorted by name.
    pub models: Vec<Model>,
    /// Operation groups, sorted by module name.
    pub groups: Vec<OperationGroup>,
    /// The distinct `pattern`s its module compiles, each once, in this
    /// (sorted) order: those of its models and request functions, those in
    /// its provider's `shared` module aside. Set by the analysis stage.
    pub patterns: Vec<String>,
}

/// `x-ms-parameterized-host`: a host template whose parameters the client
/// takes when it is made (`new(account_name, host, credential, options)`),
/// and from which it builds its endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct ParameterizedHost {
    /// `hostTemplate`, as written (`{accountName}{host}`).
    pub template: String,
    /// The template split into literals and parameters (by wire name).
    pub parts: Vec<PathPart>,
    /// `useSchemePrefix` (default true): `https://` goes before the
    /// template; when false the template (its first parameter) holds the
    /// scheme.
    pub use_scheme_prefix: bool,
    /// `positionInOperation` (`first`, the default, or `last`): whether the
    /// host parameters come before or after the client's other arguments
    /// (the subscription).
    pub first: bool,
    /// The parameters, in the order the extension lists them.
    pub params: Vec<HostParameter>,
}

/// One parameter of a host template.
#[derive(Clone, Debug, PartialEq)]
pub struct HostParameter {
    /// The Rust argument name of the client's `new`.
    pub name: String,
    /// The name in the template.
    pub wire_name: String,
    /// The description.
    pub docs: Option<String>,
    /// `x-ms-skip-url-encoding`: the value is placed as written (it may hold
    /// a scheme, a host and a port); otherwise it is percent-encoded.
    pub skip_url_encoding: bool,
    /// `default`, as written (documentation: the caller passes the value).
    pub default: Option<serde_json::Value>,
}

/// `schemes`, `consumes` and `produces` as written; `None` where a spec or
/// operation does not say (an operation then inherits the spec's).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Protocols {
    /// `schemes` (`https`, `http`, `ws`, `wss`).
    pub schemes: Option<Vec<String>>,
    /// `consumes`: the request body formats.
    pub consumes: Option<Vec<String>>,
    /// `produces`: the response body formats.
    pub produces: Option<Vec<String>>,
}

impl Protocols {
    /// Reads the three lists of a spec's root or an operation.
    pub fn read(value: &serde_json::Value) -> Self {
        let list = |key: &str| {
            value
                .get(key)
                .and_then(serde_json::Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter_map(serde_json::Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
        };
        Protocols {
            schemes: list("schemes"),
            consumes: list("consumes"),
            produces: list("produces"),
        }
    }

    /// These, where set, else `inherited`'s: what an operation uses.
    pub fn or(&self, inherited: &Protocols) -> Protocols {
        Protocols {
            schemes: self.schemes.clone().or_else(|| inherited.schemes.clone()),
            consumes: self.consumes.clone().or_else(|| inherited.consumes.clone()),
            produces: self.produces.clone().or_else(|| inherited.produces.clone()),
        }
    }
}

/// A model as other parts of the IR point at it: its Rust type name, unique
/// in its service (and in its provider: a name that two versions define
/// differently is given to one definition only). Every stage looks models
/// up by it; it is a name, not an index, because a provider's `shared`
/// module and its versions each hold a subset of the models, and the diff
/// matches models across versions by it. Only the resolver makes new ones,
/// as it names each model.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModelId(String);

impl ModelId {
    /// The model named `name` (a Rust type name the resolver chose).
    pub fn new(name: impl Into<String>) -> Self {
        ModelId(name.into())
    }

    /// The Rust type name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for ModelId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Reads as the name it is (to print it, or to make an identifier of it);
/// making one takes [`ModelId::new`].
impl std::ops::Deref for ModelId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for ModelId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for ModelId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for ModelId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// A named type: a struct or an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The Rust type name, unique in its service: the model's id.
    pub name: ModelId,
    /// The definition's name in the spec.
    pub wire_name: String,
    /// The description.
    pub docs: Option<String>,
    /// What kind of type.
    pub kind: ModelKind,
    /// Where it is defined.
    pub source: Location,
    /// Emitted once in its provider's `shared` module, identical in every
    /// version; a version only re-exports it.
    pub shared: bool,
    /// Sent in a request body, directly or inside another model (set by the
    /// analysis stage).
    pub sent: bool,
    /// Received in a response body, success or error, directly or inside
    /// another model (set by the analysis stage).
    pub received: bool,
    /// Sent, and holds read-only members directly or in a nested model: a
    /// request strips them (set by the analysis stage).
    pub strip_read_only: bool,
}

/// The shape of a model.
#[derive(Clone, Debug, PartialEq)]
pub enum ModelKind {
    /// An object with named fields.
    Struct(StructModel),
    /// A string enum.
    Enum(EnumModel),
    /// A polymorphic type (`discriminator`): one variant per child schema,
    /// chosen by the tag property.
    Union(UnionModel),
}

/// A polymorphic type: its children, by discriminator value.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionModel {
    /// The discriminator property's wire name.
    pub tag: String,
    /// The children, in spec order.
    pub variants: Vec<UnionVariant>,
    /// Whether a child has constraints, directly or through nested models
    /// (set by the analysis stage).
    pub has_constraints: bool,
}

/// One child of a polymorphic type.
#[derive(Clone, Debug, PartialEq)]
pub struct UnionVariant {
    /// The variant name.
    pub name: String,
    /// `x-ms-discriminator-value` (the child's definition name by default).
    pub tag_value: String,
    /// The child's struct model.
    pub model: ModelId,
}

/// An object with named fields.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct StructModel {
    /// Fields in spec order (bases of `allOf` first).
    pub fields: Vec<Field>,
    /// Whether any field, directly or through nested models, has a constraint:
    /// models without one get an empty validator (set by the analysis stage).
    pub has_constraints: bool,
    /// `additionalProperties` beside declared properties (its own or an
    /// `allOf` base's): the members the spec does not declare, kept in a map.
    pub additional: Option<AdditionalProperties>,
}

/// The map of a struct's undeclared members (`#[serde(flatten)]`).
#[derive(Clone, Debug, PartialEq)]
pub struct AdditionalProperties {
    /// The Rust field name (`additional_properties`, unless a property has it).
    pub name: String,
    /// The type of each value (`true` and `{}` are any JSON).
    pub ty: TypeRef,
}

/// One property of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The Rust field name (an identifier, raw if it is a keyword).
    pub name: String,
    /// The JSON property name.
    pub wire_name: String,
    /// The description.
    pub docs: Option<String>,
    /// The type.
    pub ty: TypeRef,
    /// Whether the property is required (plain, not `Option`).
    pub required: bool,
    /// Set by the service only.
    pub read_only: bool,
    /// Boxed to break a recursive type (set by the analysis stage).
    pub boxed: bool,
    /// The constraints on the value.
    pub constraints: Constraints,
    /// `default`, as written (documentation: armgen sends what the caller
    /// sets).
    pub default: Option<serde_json::Value>,
    /// `x-ms-mutability` (`create`, `read`, `update`), documentation only.
    pub mutability: Vec<String>,
}

/// A string enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumModel {
    /// The values.
    pub values: Vec<EnumValue>,
    /// `x-ms-enum.modelAsString`: unknown values are kept, not rejected.
    pub extensible: bool,
}

/// One value of an enum.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumValue {
    /// The variant name.
    pub name: String,
    /// The value on the wire.
    pub wire_value: String,
    /// The description.
    pub docs: Option<String>,
}

/// A type as used by a field or parameter.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A string.
    String,
    /// A string that must never be printed (`x-ms-secret`, or a secret name).
    Secret,
    /// A boolean.
    Bool,
    /// `integer` / `int32`.
    I32,
    /// `integer` / `int64` (and `integer` with no format).
    I64,
    /// `number` / `float`.
    F32,
    /// `number` / `double` (and `number` with no format).
    F64,
    /// Free-form JSON (`type: object` with no properties).
    Any,
    /// Raw bytes: a body that is a file (`type: file`, `format: binary` or
    /// `format: file`), sent and read as it is, never as JSON. Only ever the
    /// whole body of a request or of a success response.
    Binary,
    /// An array.
    Array(Box<TypeRef>),
    /// A string-keyed map (`additionalProperties`).
    Map(Box<TypeRef>),
    /// A model, by its id.
    Model(ModelId),
    /// `x-nullable: true` where armgen honours it: a success response's
    /// body (`null` or an empty body is `None`), array items and map values
    /// (`Vec<Option<T>>`). Model properties are `Option`s already unless
    /// required; parameters outside the body cannot be null.
    Nullable(Box<TypeRef>),
    /// A value of a checked string format (`format: date`, `uuid`, `byte`,
    /// …) or `integer`/`unixtime`: a runtime type that keeps the exact text.
    Format(Format),
}

/// A `format` armgen types and checks ([`TypeRef::Format`]); other formats
/// (`uri`, `arm-id`, `password`, …) stay plain strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// `date`.
    Date,
    /// `date-time`.
    DateTime,
    /// `date-time-rfc1123`.
    DateTimeRfc1123,
    /// `duration`.
    Duration,
    /// `uuid`.
    Uuid,
    /// `byte`.
    Byte,
    /// `base64url`.
    Base64Url,
    /// `char`.
    Char,
    /// `unixtime`, of an `integer`: a number on the wire.
    UnixTime,
}

impl Format {
    /// A string on the wire (all but `unixtime`, a number) kept as text
    /// (all but `char`, a Rust `char`).
    pub fn is_text(self) -> bool {
        !matches!(self, Format::UnixTime | Format::Char)
    }

    /// The checked format of a `type: string` schema's `format`.
    pub fn of_string(format: Option<&str>) -> Option<Format> {
        Some(match format? {
            "date" => Format::Date,
            "date-time" => Format::DateTime,
            "date-time-rfc1123" => Format::DateTimeRfc1123,
            "duration" => Format::Duration,
            "uuid" => Format::Uuid,
            "byte" => Format::Byte,
            "base64url" => Format::Base64Url,
            "char" => Format::Char,
            _ => return None,
        })
    }

    /// The name the spec uses.
    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::DateTimeRfc1123 => "date-time-rfc1123",
            Format::Duration => "duration",
            Format::Uuid => "uuid",
            Format::Byte => "byte",
            Format::Base64Url => "base64url",
            Format::Char => "char",
            Format::UnixTime => "unixtime",
        }
    }

    /// The runtime's `StringFormat` variant that checks it; `None` for
    /// `unixtime` (a number, any `i64`).
    pub fn runtime_name(self) -> Option<&'static str> {
        Some(match self {
            Format::Date => "Date",
            Format::DateTime => "DateTime",
            Format::DateTimeRfc1123 => "DateTimeRfc1123",
            Format::Duration => "Duration",
            Format::Uuid => "Uuid",
            Format::Byte => "Base64",
            Format::Base64Url => "Base64Url",
            Format::Char => "Char",
            Format::UnixTime => return None,
        })
    }
}

impl TypeRef {
    /// Whether the value is a string on the wire (constraints like
    /// `minLength` apply).
    pub fn is_string_like(&self) -> bool {
        match self {
            TypeRef::String | TypeRef::Secret => true,
            TypeRef::Format(f) => f.is_text(),
            _ => false,
        }
    }

    /// A plain string or a text format: what becomes a `Secret` when the
    /// spec or the secret policy says it is one (a secret wins over a
    /// format: a key must never show in `Debug`).
    pub fn may_be_secret(&self) -> bool {
        match self {
            TypeRef::String => true,
            TypeRef::Format(f) => f.is_text(),
            _ => false,
        }
    }

    /// The type a path, query or header parameter of this type is passed
    /// as, and the format then checked on its text: a text format is a
    /// `&str` (an array item a `String`) checked before sending, so a
    /// caller writes the literal the service documents; `unixtime` is an
    /// `i64`.
    pub fn outside_body(self) -> (TypeRef, Option<Format>) {
        match self {
            TypeRef::Format(Format::UnixTime) => (TypeRef::I64, None),
            TypeRef::Format(f) => (TypeRef::String, Some(f)),
            TypeRef::Array(item) => {
                let (item, format) = item.outside_body();
                (TypeRef::Array(Box::new(item)), format)
            }
            other => (other, None),
        }
    }

    /// Whether `Nullable` is part of the type at any depth.
    pub fn has_nullable(&self) -> bool {
        match self {
            TypeRef::Nullable(_) => true,
            TypeRef::Array(inner) | TypeRef::Map(inner) => inner.has_nullable(),
            _ => false,
        }
    }

    /// The type without `Nullable` at any depth: where `null` cannot be
    /// sent (a query or header value, a path segment).
    pub fn without_nullable(self) -> TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner.without_nullable(),
            TypeRef::Array(inner) => TypeRef::Array(Box::new(inner.without_nullable())),
            TypeRef::Map(inner) => TypeRef::Map(Box::new(inner.without_nullable())),
            other => other,
        }
    }

    /// Whether the value is numeric (`minimum`/`maximum` apply).
    pub fn is_number(&self) -> bool {
        matches!(
            self,
            TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64
        )
    }
}

/// Constraints from JSON Schema keywords.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Constraints {
    /// `minLength`.
    pub min_length: Option<u64>,
    /// `maxLength`.
    pub max_length: Option<u64>,
    /// `pattern` (checked to compile).
    pub pattern: Option<String>,
    /// `minimum` with `exclusiveMinimum`.
    pub minimum: Option<Bound>,
    /// `maximum` with `exclusiveMaximum`.
    pub maximum: Option<Bound>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
    /// `uniqueItems`.
    pub unique_items: bool,
    /// `multipleOf` (greater than zero).
    pub multiple_of: Option<f64>,
    /// `minProperties`, of a map (`additionalProperties`).
    pub min_properties: Option<u64>,
    /// `maxProperties`, of a map.
    pub max_properties: Option<u64>,
    /// `enum` on a value kept as a plain string.
    pub allowed: Vec<String>,
    /// The string `format` of a path, query or header parameter, which is
    /// passed as text and checked ([`TypeRef::Format`] elsewhere); of each
    /// item, for a list.
    pub format: Option<Format>,
}

/// A numeric bound: `minimum` or `maximum`, and whether the matching
/// `exclusiveMinimum`/`exclusiveMaximum` leaves the value itself out.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bound {
    /// The bound.
    pub value: f64,
    /// The bound itself is not allowed.
    pub exclusive: bool,
}

impl Bound {
    /// As a lower bound, whether it admits less than `other` does: a higher
    /// value, or the same value made exclusive.
    pub fn tighter_minimum_than(&self, other: &Bound) -> bool {
        self.value > other.value
            || (self.value == other.value && self.exclusive && !other.exclusive)
    }

    /// As an upper bound, whether it admits less than `other` does: a lower
    /// value, or the same value made exclusive.
    pub fn tighter_maximum_than(&self, other: &Bound) -> bool {
        self.value < other.value
            || (self.value == other.value && self.exclusive && !other.exclusive)
    }
}

impl std::fmt::Display for Bound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.value)?;
        if self.exclusive {
            f.write_str(" (exclusive)")?;
        }
        Ok(())
    }
}

impl Constraints {
    /// Whether nothing is constrained.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// Operations that share an `operationId` prefix (`Namespaces_*`).
#[derive(Clone, Debug, PartialEq)]
pub struct OperationGroup {
    /// The Rust module name (`namespaces`).
    pub name: String,
    /// The prefix in the spec (`Namespaces`).
    pub wire_name: String,
    /// The operations, sorted by function name.
    pub operations: Vec<Operation>,
    /// The structs of `x-ms-parameter-grouping` its operations name, by
    /// type name: each emitted once in the group's module, whichever
    /// operations take it.
    pub param_groups: Vec<ParamGroup>,
    /// In a provider at several api-versions: every version has this group
    /// with the same operations, each the same in every version (docs aside)
    /// and naming only shared models, so its async sub-client is emitted once
    /// in the provider's `shared` module.
    pub shared: bool,
    /// In a provider at several api-versions, when the sub-client is each
    /// version's but some operations are the same whole in every version
    /// ([`SharedParts::method`]): the `shared` module defines the sub-client
    /// once, generic over a version's marker type, with those methods; a
    /// version names it with its marker and adds its own methods. These are
    /// the fields it holds (the same in every version).
    pub generic_client: Option<ClientFields>,
}

/// A struct of parameters that `x-ms-parameter-grouping` gathers: the
/// caller fills it once and hands it to each operation that names it
/// ([`Operation::param_groups`]), which reads the fields it has.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamGroup {
    /// The Rust type name: the grouping's `name`, else the operationId
    /// followed by its `postfix` (`Parameters` by default), as AutoRest
    /// names it.
    pub name: String,
    /// Its fields, by name: every grouped parameter of the operations that
    /// take it, once.
    pub fields: Vec<GroupField>,
    /// The operationIds that take it, for its docs.
    pub operations: Vec<String>,
}

/// A field of a [`ParamGroup`].
#[derive(Clone, Debug, PartialEq)]
pub struct GroupField {
    /// The field name: the parameter's argument name.
    pub name: String,
    /// The parameter's description.
    pub docs: Option<String>,
    /// The parameter's type.
    pub ty: TypeRef,
    /// A plain value (not an `Option`): some operation that takes the group
    /// requires the parameter. An operation that does not is handed it as
    /// set.
    pub required: bool,
}

/// How an operation takes one [`ParamGroup`]: an argument when it requires
/// one of its parameters, else a field of its options.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupArg {
    /// The argument's (or options field's) name.
    pub name: String,
    /// The [`ParamGroup::name`].
    pub group: String,
    /// The operation requires one of the group's parameters.
    pub required: bool,
}

/// What a sub-client holds besides the pipeline: only what its operations
/// take from the client, so that no field goes unread.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientFields {
    /// The api-version sent by its operations.
    pub api_version: bool,
    /// The subscription.
    pub subscription: bool,
}

impl ClientFields {
    /// What the operations of `group` take from the client, the operations
    /// that fetch their next pages (`x-ms-pageable.operationName`) included.
    pub fn of(group: &OperationGroup) -> Self {
        let ops = &group.operations;
        let next = || {
            ops.iter()
                .filter_map(|o| o.pageable.as_ref()?.next_operation.as_ref())
        };
        ClientFields {
            api_version: ops.iter().any(|o| o.api_version.is_some())
                || next().any(|n| n.api_version),
            subscription: ops
                .iter()
                .flat_map(|o| &o.params)
                .any(Parameter::held_by_client)
                || next().any(|n| {
                    n.args
                        .iter()
                        .any(|(_, source)| *source == NextArg::Subscription)
                }),
        }
    }
}

/// An HTTP method.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HttpMethod {
    /// GET
    Get,
    /// PUT
    Put,
    /// POST
    Post,
    /// PATCH
    Patch,
    /// DELETE
    Delete,
    /// HEAD
    Head,
}

impl HttpMethod {
    /// The method as written in a spec's path item.
    pub fn from_spec(key: &str) -> Option<Self> {
        Some(match key {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "patch" => HttpMethod::Patch,
            "delete" => HttpMethod::Delete,
            "head" => HttpMethod::Head,
            _ => return None,
        })
    }

    /// The method on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Head => "HEAD",
        }
    }
}

/// One operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// `operationId`.
    pub id: String,
    /// The function base name (`list_keys`).
    pub name: String,
    /// `summary`.
    pub summary: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// The method.
    pub method: HttpMethod,
    /// The path template as written (`/subscriptions/{subscriptionId}/…`).
    pub path_template: String,
    /// The template split into literals and parameters.
    pub path: Vec<PathPart>,
    /// Parameters: path ones in template order, then the body, then required
    /// then optional query and header ones by wire name. `api-version` is not
    /// among them: it is [`Operation::api_version`].
    pub params: Vec<Parameter>,
    /// The parameter groups it takes (`x-ms-parameter-grouping`), in the
    /// order of their first parameter.
    pub param_groups: Vec<GroupArg>,
    /// The `api-version` query parameter's constraints, when the operation
    /// takes one.
    pub api_version: Option<Constraints>,
    /// Success statuses with their body types.
    pub responses: Vec<Response>,
    /// The `default` response's body type (the error model).
    pub error: Option<TypeRef>,
    /// The headers the success responses declare with a scalar type, each
    /// once (by name, in any case), in declaration order: read into the
    /// operation's `*Headers` struct.
    pub response_headers: Vec<ResponseHeader>,
    /// `Accept` value, from `produces`.
    pub accept: Option<String>,
    /// The media types the body may be sent as, each with how armgen
    /// encodes the body for it, in the spec's order (`consumes`, those
    /// armgen can produce for the body's type); empty without a body, or
    /// for a JSON body with no `consumes` (sent as `application/json`). With
    /// more than one, the caller chooses ([`Operation::content_type_choice`]).
    pub content_types: Vec<ContentType>,
    /// How success bodies are read (`produces` and the body's type).
    pub response_encoding: Encoding,
    /// The operation's own `schemes`, `consumes` and `produces`, where it
    /// overrides the spec's.
    pub protocols: Protocols,
    /// `x-ms-examples`.
    pub examples: Vec<Example>,
    /// `x-ms-pageable`: the result is a list that continues at a next link.
    pub pageable: Option<Pageable>,
    /// `x-ms-long-running-operation`: where the final result is read.
    pub long_running: Option<FinalStateVia>,
    /// A `HEAD` that answers whether something exists: its successes have no
    /// body and it declares `404` without one (ARM's `CheckExistence`). The
    /// result is a `bool`, `false` for the 404.
    pub exists: bool,
    /// Where the operation is defined.
    pub source: Location,
    /// In a provider at several api-versions: what of it is the same in
    /// every version, emitted once in the provider's `shared` module and only
    /// re-exported by a version.
    pub shared: SharedParts,
}

/// The parts of an operation that a provider's `shared` module emits for
/// every version: each is the same (docs aside) in every version and names
/// only shared models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SharedParts {
    /// The `*_request` function (parameters, path, method).
    pub request: bool,
    /// The `*_response` function (responses, error model).
    pub response: bool,
    /// The options type of its client method (the optional parameters and
    /// long-running or not; named after the client, so only when every
    /// version's client has the same name).
    pub options: bool,
    /// The sub-client's method, when the group's sub-client is each
    /// version's ([`OperationGroup::shared`] is false): the operation is the
    /// same whole in every version, so its method is written once, on the
    /// sub-client generic over the api-version that `shared` defines.
    pub method: bool,
}

impl Operation {
    /// The type of a successful response's body: the one type all success
    /// bodies share, if any.
    pub fn success_type(&self) -> Option<&TypeRef> {
        self.responses.iter().find_map(|r| r.ty.as_ref())
    }

    /// Whether some success status has no body while another has one: the
    /// result is then an `Option`.
    pub fn success_may_be_empty(&self) -> bool {
        // Bytes and text are read whole: an empty body is empty bytes or text.
        self.response_encoding == Encoding::Json
            && self.success_type().is_some()
            && self.responses.iter().any(|r| r.ty.is_none())
    }

    /// Whether the success body is `x-nullable`: `null`, or no body at all,
    /// is `None`.
    pub fn success_nullable(&self) -> bool {
        self.response_encoding == Encoding::Json
            && matches!(self.success_type(), Some(TypeRef::Nullable(_)))
    }

    /// Whether success statuses have bodies of different types (`200` an
    /// `A`, `201` a `B`): the result is then an enum with one variant per
    /// success status, and [`Operation::success_type`] is only the first.
    pub fn success_by_status(&self) -> bool {
        self.response_encoding == Encoding::Json && distinct_success_types(&self.responses)
    }

    /// Whether the caller chooses the body's media type: the operation
    /// `consumes` several that armgen can produce for the body.
    pub fn content_type_choice(&self) -> bool {
        self.content_types.len() > 1
    }

    /// Whether the body is a form made of the `in: formData` parameters.
    pub fn has_form(&self) -> bool {
        self.params
            .iter()
            .any(|p| p.location == ParamLocation::Form)
    }

    /// The body parameter, if any.
    pub fn body(&self) -> Option<&Parameter> {
        self.params
            .iter()
            .find(|p| p.location == ParamLocation::Body)
    }
}

/// How a body is written or read for a media type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    /// As JSON (`application/json`, `text/json`, `…+json`).
    #[default]
    Json,
    /// As UTF-8 text, as it is (`text/plain`): a string body.
    Text,
    /// As bytes, as they are: a [`TypeRef::Binary`] body, whatever the
    /// media type.
    Binary,
    /// The operation's form fields (`in: formData`), URL-encoded
    /// (`application/x-www-form-urlencoded`).
    UrlEncoded,
    /// The operation's form fields as `multipart/form-data`, files among
    /// them.
    Multipart,
}

impl Encoding {
    /// How a media type (as written, parameters such as `charset` allowed)
    /// carries a body: `None` for the types armgen cannot produce or read
    /// from a typed value (XML, forms, images, …), which only raw bytes can
    /// be.
    pub fn of_media(media: &str) -> Option<Encoding> {
        let media = media
            .split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase();
        if media == "application/json"
            || media == "text/json"
            || media == "*/*"
            || media.ends_with("+json")
        {
            Some(Encoding::Json)
        } else if media == "text/plain" {
            Some(Encoding::Text)
        } else {
            None
        }
    }
}

/// One media type a body may be sent as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentType {
    /// The media type as written, sent as the `Content-Type`
    /// (`text/plain; charset=UTF-8`).
    pub media: String,
    /// How the body is encoded for it.
    pub encoding: Encoding,
    /// The Rust variant name of the operation's content-type enum
    /// (`ApplicationOctetStream`).
    pub variant: String,
}

/// How a list operation's pages are read.
#[derive(Clone, Debug, PartialEq)]
pub struct Pageable {
    /// `nextLinkName`: the response member holding the next page's URL, or
    /// `None` when the list has a single page.
    pub next_link_name: Option<String>,
    /// `itemName`: the member holding the items (`value` by default).
    pub item_name: String,
    /// The fields of the response model, once resolved.
    pub fields: Option<PageFields>,
    /// `operationName`, as written: the `operationId` whose request fetches
    /// the next pages.
    pub operation_name: Option<String>,
    /// That operation, once resolved (`None` when the next link is simply followed).
    pub next_operation: Option<NextOperation>,
}

/// The operation that fetches a list's next pages
/// (`x-ms-pageable.operationName`), and where each of its arguments comes
/// from.
#[derive(Clone, Debug, PartialEq)]
pub struct NextOperation {
    /// Its group's module name.
    pub group: String,
    /// Its function base name (its `*_request` function is called).
    pub name: String,
    /// Whether it takes the client's api-version.
    pub api_version: bool,
    /// Its parameters in order, each with its source.
    pub args: Vec<(Parameter, NextArg)>,
}

/// Where an argument of a next-page operation comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum NextArg {
    /// The next link the page holds (its `nextLink` parameter).
    Link,
    /// The client's subscription.
    Subscription,
    /// The first call's argument of this Rust name (a parameter with the
    /// same wire name, place and type); `true` when it is required there.
    Same(String, bool),
    /// Nothing: an optional parameter the first call does not have.
    Nothing,
}

/// The response model's fields a pager reads.
#[derive(Clone, Debug, PartialEq)]
pub struct PageFields {
    /// The list model.
    pub model: ModelId,
    /// The items field.
    pub items: PageField,
    /// The item type.
    pub item_type: TypeRef,
    /// The next-link field (a string), if the list has more than one page.
    pub next_link: Option<PageField>,
}

/// A field of a list model that a pager reads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageField {
    /// The Rust field name.
    pub name: String,
    /// The field is an `Option` (not required in the spec).
    pub optional: bool,
}

/// `final-state-via` of a long-running operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FinalStateVia {
    /// The `Location` header's URL.
    Location,
    /// The original request's URL.
    OriginalUri,
    /// The `Azure-AsyncOperation` status monitor.
    AzureAsyncOperation,
    /// The `Operation-Location` status monitor.
    OperationLocation,
}

/// A piece of a path template (or of a host template).
#[derive(Clone, Debug, PartialEq)]
pub enum PathPart {
    /// Literal text.
    Literal(String),
    /// A parameter of the template.
    Param(ParamRef),
}

/// A template's parameter: its name in the template and, once resolved, the
/// parameter it is (an index into the operation's `params`, or the host's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParamRef {
    /// The name between the braces.
    pub wire_name: String,
    /// Its parameter's position in the owner's list; resolve drops the
    /// parts that name no parameter (and reports them).
    pub index: usize,
}

impl PathPart {
    /// The parts with each parameter pointed at its position in `params`
    /// (found by wire name with `is_it`); a part naming none is left out.
    pub fn resolve_params<P>(
        parts: Vec<PathPart>,
        params: &[P],
        is_it: impl Fn(&P, &str) -> bool,
    ) -> Vec<PathPart> {
        parts
            .into_iter()
            .filter_map(|part| match part {
                PathPart::Param(reference) => {
                    let index = params.iter().position(|p| is_it(p, &reference.wire_name))?;
                    Some(PathPart::Param(ParamRef { index, ..reference }))
                }
                literal => Some(literal),
            })
            .collect()
    }
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// The JSON body.
    Body,
    /// A query parameter.
    Query,
    /// A header.
    Header,
    /// A field of a form body (`in: formData`): URL-encoded, or
    /// `multipart/form-data` when a field is a file.
    Form,
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// The Rust argument name.
    pub name: String,
    /// The name on the wire (and in example files).
    pub wire_name: String,
    /// The description.
    pub docs: Option<String>,
    /// Where it goes.
    pub location: ParamLocation,
    /// The type.
    pub ty: TypeRef,
    /// Required (a plain argument) or optional (`Option`).
    pub required: bool,
    /// Constraints on the value.
    pub constraints: Constraints,
    /// A client-level parameter (`x-ms-parameter-location: client`, the
    /// default for parameters shared through a `parameters` section):
    /// a client takes it once, not per call.
    pub client: bool,
    /// What the parameter is to the generated code.
    pub role: ParamRole,
    /// `x-ms-skip-url-encoding`: in the path, the value is itself a path
    /// (`{scope}`); in the query, it is sent as written.
    pub multi_segment: bool,
    /// `default`, as written.
    pub default: Option<serde_json::Value>,
    /// `collectionFormat` of an array parameter, as written (checked: `csv`,
    /// `ssv`, `tsv`, `pipes`, or `multi` in the query).
    pub collection_format: Option<String>,
    /// `x-ms-parameter-grouping`: the [`ParamGroup`] (by its type name, in
    /// the operation group's module) of which the caller sets this argument
    /// as a field, instead of passing it on its own. Only arguments are
    /// grouped: a constant or a value the client holds never is.
    pub group: Option<String>,
}

impl Parameter {
    /// Whether the value is a list sent outside the body (a path segment,
    /// query or header value joined by its `collectionFormat`, or repeated
    /// for `multi`): taken as a slice.
    pub fn is_list(&self) -> bool {
        matches!(self.ty, TypeRef::Array(_)) && self.location != ParamLocation::Body
    }

    /// How a request function takes the value: the one place that decides
    /// it, for the function's signature and for every caller (the client's
    /// methods, calls by operation id).
    pub fn passing(&self) -> Passing {
        match (&self.ty, self.location) {
            (TypeRef::Array(_), _) if self.is_list() => Passing::Slice,
            (TypeRef::Binary, _) => Passing::Bytes,
            // The body too, which callers hand over as `as_deref()` like any
            // optional string.
            (TypeRef::String, _) => Passing::Str,
            (_, ParamLocation::Body) | (TypeRef::Model(_) | TypeRef::Secret, _) => Passing::Ref,
            (TypeRef::Format(f), _) if f.is_text() => Passing::Ref,
            _ => Passing::Value,
        }
    }

    /// Whether the generated client holds the parameter instead of each
    /// call taking it ([`ParamRole::Subscription`]).
    pub fn held_by_client(&self) -> bool {
        self.role == ParamRole::Subscription
    }

    /// The value sent for a [`ParamRole::Constant`], as written on the wire.
    pub fn constant(&self) -> Option<&str> {
        match &self.role {
            ParamRole::Constant(value) => Some(value),
            _ => None,
        }
    }

    /// Whether a caller passes the value ([`ParamRole::Argument`],
    /// [`ParamRole::NextLink`], [`ParamRole::ClientRequestId`]): not one the
    /// client holds, nor a constant.
    pub fn is_argument(&self) -> bool {
        matches!(
            self.role,
            ParamRole::Argument | ParamRole::NextLink | ParamRole::ClientRequestId
        )
    }
}

/// How a request function takes an argument ([`Parameter::passing`]); an
/// optional one is the same inside an `Option`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Passing {
    /// A string, as `&str`.
    Str,
    /// A list outside the body, as a slice `&[T]`.
    Slice,
    /// Raw bytes ([`TypeRef::Binary`]), as `&[u8]`.
    Bytes,
    /// A body, model or secret, by reference `&T`.
    Ref,
    /// A number, boolean or other small value, by value.
    Value,
}

/// What a parameter is to the generated code, decided once by resolve.
/// (The api-version is not a parameter: it is [`Operation::api_version`].)
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamRole {
    /// An argument of each call, or a field of its options when optional.
    Argument,
    /// The client-level `subscriptionId`: the generated client holds it and
    /// passes it to every call.
    Subscription,
    /// The `nextLink` path parameter (`x-ms-skip-url-encoding`) of an
    /// operation that `x-ms-pageable.operationName` names: an argument that
    /// holds a next link as the service wrote it, a path with perhaps a
    /// query (`next?page=2`), whose query goes into the URL's query.
    NextLink,
    /// The header `x-ms-client-request-id: true` marks as carrying the client
    /// request id (a string): an argument, which the client's method fills
    /// with a fresh UUID when it is optional and the caller leaves it unset.
    /// (For the `x-ms-client-request-id` header itself, `azure_core`'s
    /// pipeline does the same.)
    ClientRequestId,
    /// A required path, query or header parameter with a single allowed
    /// value (`enum: [v]`, not an extensible `x-ms-enum`): the request
    /// function sends that value, written here as it goes on the wire (the
    /// parameter's type is then `String`), and no caller passes it.
    Constant(String),
}

/// Whether `responses` have bodies of more than one type.
pub fn distinct_success_types(responses: &[Response]) -> bool {
    let mut types = responses.iter().filter_map(|r| r.ty.as_ref());
    types.next().is_some_and(|first| types.any(|t| t != first))
}

/// A success response.
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// The body's type, if it has one.
    pub ty: Option<TypeRef>,
    /// The response headers the spec declares, as written.
    pub headers: Vec<String>,
}

/// A response header with its type.
#[derive(Clone, Debug, PartialEq)]
pub struct ResponseHeader {
    /// The Rust field name.
    pub name: String,
    /// The header's name as declared.
    pub wire_name: String,
    /// The description.
    pub docs: Option<String>,
    /// The type: a string (enum values included, as their text), a secret
    /// string, a boolean or a number.
    pub ty: TypeRef,
}

/// An `x-ms-examples` entry.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    /// The example's name.
    pub name: String,
    /// The example file.
    pub file: PathBuf,
}
