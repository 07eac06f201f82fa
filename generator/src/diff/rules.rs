//! The kinds of change `armgen diff` finds, with the `@azure/oad` rule each
//! matches (Azure/openapi-diff's `docs/rules/NNNN.md`), where one does.
//!
//! Every oad rule from 1000 to 1050 has a kind here, but two that cannot
//! apply: 1018 is no rule (oad's numbering skips it), and 1031
//! `DifferentExtends` compares a schema's `extends`, a JSON Schema draft-3
//! keyword that Swagger 2.0 does not have and no Azure spec writes (bases
//! are `allOf`, which 1032 `DifferentAllOf` covers).

use serde::{Serialize, Serializer};

/// A kind of change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Rule {
    /// The new api-version sorts before the old one.
    VersionsReversed,
    /// The content changed but the api-version did not.
    NoVersionChange,
    /// An operation's path is gone.
    RemovedPath,
    /// A definition is gone.
    RemovedDefinition,
    /// A client-level parameter is gone.
    RemovedClientParameter,
    /// Same method and URL, another `operationId`.
    ModifiedOperationId,
    /// A required parameter is gone.
    RemovedRequiredParameter,
    /// A definition is reached under another name with the same shape (a
    /// renamed or moved `$ref` target).
    ReferenceRedirection,
    /// A required parameter was added.
    AddingRequiredParameter,
    /// A success status was added.
    AddingResponseCode,
    /// A success status is gone.
    RemovedResponseCode,
    /// A response header was added.
    AddingHeader,
    /// A response header is gone.
    RemovingHeader,
    /// A `default` value changed.
    DefaultValueChanged,
    /// An array parameter's `collectionFormat` changed.
    ArrayCollectionFormatChanged,
    /// `x-ms-mutability` changed.
    XmsMutabilityChanged,
    /// A parameter moved (path, query, header, body).
    ParameterInHasChanged,
    /// A constant (single-value) parameter's value changed.
    ConstantStatusHasChanged,
    /// An optional parameter was added.
    AddingOptionalParameter,
    /// An enum value is gone.
    RemovedEnumValue,
    /// An enum value was added.
    AddedEnumValue,
    /// `additionalProperties` was added to an object.
    AddedAdditionalProperties,
    /// `additionalProperties` was removed from an object.
    RemovedAdditionalProperties,
    /// A type's `format` changed (`int32` → `int64`).
    TypeFormatChanged,
    /// A constraint was added or tightened.
    ConstraintIsStronger,
    /// A property or parameter became required, or optional.
    RequiredStatusChange,
    /// A type changed.
    TypeChanged,
    /// `readOnly` changed.
    ReadonlyPropertyChanged,
    /// The discriminator property changed.
    DifferentDiscriminator,
    /// The children of a polymorphic type, or their discriminator values,
    /// changed.
    DifferentAllOf,
    /// A property is gone.
    RemovedProperty,
    /// A required property was added.
    AddedRequiredProperty,
    /// An operation is gone.
    RemovedOperation,
    /// A constraint changed in another way than stronger or weaker.
    ConstraintChanged,
    /// A constraint was removed or loosened.
    ConstraintIsWeaker,
    /// An operation with a new path was added.
    AddedPath,
    /// An operation was added on an existing path.
    AddedOperation,
    /// A read-only property appeared in a response model.
    AddedReadOnlyPropertyInResponse,
    /// A property appeared in a model only ever received.
    AddedPropertyInResponse,
    /// The parameters are listed in another order.
    ChangedParameterOrder,
    /// `x-ms-long-running-operation` or `final-state-via` changed.
    XmsLongRunningOperationChanged,
    /// An optional property was added.
    AddedOptionalProperty,
    /// An optional parameter is gone.
    RemovedOptionalParameter,
    /// `x-ms-enum`'s `name` or `modelAsString` changed.
    XmsEnumChanged,
    /// A definition was added.
    AddedDefinition,
    /// The method or URL template of an operation changed.
    ChangedOperationUrl,
    /// `x-ms-pageable` (added, removed, `nextLinkName`, `itemName`) changed.
    XmsPageableChanged,
    /// `x-ms-secret` (or armgen's secret-name policy) changed for a value.
    SecretChanged,
    /// `x-ms-skip-url-encoding` changed.
    SkipUrlEncodingChanged,
    /// The error (`default`) response's model changed.
    ErrorModelChanged,
    /// The success body's type changed.
    ResponseTypeChanged,
    /// The OAuth2 scopes changed.
    SecurityScopesChanged,
    /// The host changed.
    HostChanged,
    /// A scheme (`http`, `https`) is no longer listed.
    ProtocolNoLongerSupported,
    /// A request body format (`consumes`) is no longer listed.
    RequestBodyFormatNoLongerSupported,
    /// A response body format (`produces`) was added.
    ResponseBodyFormatNowSupported,
    /// A string enum gained `x-ms-enum`: a generated enum type replaces a
    /// string.
    AddedXmsEnum,
    /// A string enum lost `x-ms-enum`: a string replaces its enum type.
    RemovedXmsEnum,
    /// A parameter moved between the client and the method
    /// (`x-ms-parameter-location`, or a global parameter made local).
    ParameterLocationHasChanged,
    /// A parameter joined, left or changed its `x-ms-parameter-grouping`
    /// group: the same request, set through another struct.
    ParameterGroupingChanged,
    /// A header became, or stopped being, the client request id
    /// (`x-ms-client-request-id`).
    ClientRequestIdChanged,
}

impl Rule {
    /// The `@azure/oad` rule id, when there is a matching rule.
    pub fn oad_id(self) -> Option<u16> {
        use Rule::*;
        Some(match self {
            VersionsReversed => 1000,
            NoVersionChange => 1001,
            ProtocolNoLongerSupported => 1002,
            RequestBodyFormatNoLongerSupported => 1003,
            ResponseBodyFormatNowSupported => 1004,
            RemovedPath => 1005,
            RemovedDefinition => 1006,
            RemovedClientParameter => 1007,
            ModifiedOperationId => 1008,
            RemovedRequiredParameter => 1009,
            AddingRequiredParameter => 1010,
            AddingResponseCode => 1011,
            RemovedResponseCode => 1012,
            AddingHeader => 1013,
            RemovingHeader => 1014,
            ParameterInHasChanged => 1015,
            ConstantStatusHasChanged => 1016,
            ReferenceRedirection => 1017,
            RemovedEnumValue => 1019,
            AddedEnumValue => 1020,
            AddedAdditionalProperties => 1021,
            RemovedAdditionalProperties => 1022,
            TypeFormatChanged => 1023,
            ConstraintIsStronger => 1024,
            RequiredStatusChange => 1025,
            TypeChanged => 1026,
            DefaultValueChanged => 1027,
            ArrayCollectionFormatChanged => 1028,
            ReadonlyPropertyChanged => 1029,
            DifferentDiscriminator => 1030,
            DifferentAllOf => 1032,
            RemovedProperty => 1033,
            AddedRequiredProperty => 1034,
            RemovedOperation => 1035,
            ConstraintChanged => 1036,
            ConstraintIsWeaker => 1037,
            AddedPath => 1038,
            AddedOperation => 1039,
            AddedReadOnlyPropertyInResponse => 1040,
            AddedPropertyInResponse => 1041,
            ChangedParameterOrder => 1042,
            AddingOptionalParameter => 1043,
            XmsLongRunningOperationChanged => 1044,
            AddedOptionalProperty => 1045,
            RemovedOptionalParameter => 1046,
            XmsEnumChanged => 1047,
            AddedXmsEnum => 1048,
            RemovedXmsEnum => 1049,
            ParameterLocationHasChanged => 1050,
            _ => return None,
        })
    }

    /// The rule's name (oad's where there is one).
    pub fn name(self) -> String {
        format!("{self:?}")
    }

    /// A sort key: oad rules by id, armgen's own after them.
    pub(crate) fn id(self) -> (u16, String) {
        (self.oad_id().unwrap_or(u16::MAX), self.name())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shape {
            name: String,
            oad: Option<u16>,
        }
        Shape {
            name: self.name(),
            oad: self.oad_id(),
        }
        .serialize(serializer)
    }
}
