//! Smaller swaggers: `azure-parameter-grouping.json`
//! (`legacy/routes/azureParameterGrouping.js`), `extensible-enums-swagger.json`
//! (`legacy/routes/extensibleEnums.js`), `security-aad.json`
//! (`dist/test-routes/security.js`), `custom-baseUrl.json`.

use arm_autorest::azure_parameter_grouping::clients::{
    AzureParameterGroupingClient, AzureParameterGroupingParameterGroupingClient,
    AzureParameterGroupingParameterGroupingClientPostMultiParamGroupsOptions,
    AzureParameterGroupingParameterGroupingClientPostOptionalOptions,
    AzureParameterGroupingParameterGroupingClientGroupWithConstantOptions,
    AzureParameterGroupingParameterGroupingClientPostReservedWordsOptions,
    AzureParameterGroupingParameterGroupingClientPostSharedParameterGroupObjectOptions,
};
use arm_autorest::azure_parameter_grouping::models::EncryptionAlgorithmType;
use arm_autorest::azure_parameter_grouping::parameter_grouping::{
    FirstParameterGroup, Grouper, ParameterGroupingPostMultiParamGroupsSecondParamGroup,
    ParameterGroupingPostOptionalParameters, ParameterGroupingPostRequiredParameters,
    ParameterGroupingPostReservedWordsParameters,
};
use arm_autorest::extensible_enums_swagger::clients::ExtensibleEnumsSwaggerClient;
use arm_autorest::extensible_enums_swagger::models::{DaysOfWeekExtensibleEnum, IntEnum, Pet};

use crate::support::{Ctx, Gap, model, scenarios, status};

/// A credential whose token is the scopes it was asked for: the server's
/// `SecurityAad` scenario checks that the swagger's scope was asked for
/// (`Bearer https://security.microsoft.com/.default`), as AutoRest's suites
/// check it.
#[derive(Debug)]
struct ScopesAsToken;

#[armgen_runtime::async_trait]
impl azure_core::credentials::TokenCredential for ScopesAsToken {
    async fn get_token(
        &self,
        scopes: &[&str],
        _options: Option<azure_core::credentials::TokenRequestOptions<'_>>,
    ) -> azure_core::Result<azure_core::credentials::AccessToken> {
        let expires = azure_core::time::OffsetDateTime::now_utc() + azure_core::time::Duration::hours(1);
        Ok(azure_core::credentials::AccessToken::new(scopes.join(" "), expires))
    }
}

fn grouping(ctx: &Ctx) -> AzureParameterGroupingParameterGroupingClient {
    AzureParameterGroupingClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .parameter_grouping()
}

/// The `first-parameter-group` two operations share.
fn first_parameter_group() -> FirstParameterGroup {
    FirstParameterGroup {
        header_one: Some("header".to_owned()),
        query_one: Some(21),
    }
}

fn pets(ctx: &Ctx) -> arm_autorest::extensible_enums_swagger::clients::ExtensibleEnumsSwaggerPetClient {
    ExtensibleEnumsSwaggerClient::new(ctx.credential(), Some(ctx.options()))
        .expect("a client")
        .pet()
}

scenarios! {
    ["SecurityAad"] async fn security_aad(ctx) {
        // The scope of the swagger's `security` requirement, asked for by
        // default (no `credential_scopes` in the options).
        let client = arm_autorest::security_aad::clients::SecurityAadClient::new(
            std::sync::Arc::new(ScopesAsToken),
            Some(ctx.options()),
        )
        .expect("a client");
        assert_eq!(status(client.operations().head(None).await), 200);
    }
    // `x-ms-parameter-grouping`: each group is one struct; a group with a
    // required parameter is an argument, the others fields of the options.
    ["postParameterGroupingRequiredParameters"] async fn grouping_required(ctx) {
        let group = ParameterGroupingPostRequiredParameters {
            path: "path".to_owned(),
            body: 1234,
            custom_header: Some("header".to_owned()),
            query: Some(21),
        };
        assert_eq!(status(grouping(&ctx).post_required(group, None).await), 200);
    }
    ["postParameterGroupingOptionalParameters"] async fn grouping_optional(ctx) {
        let options = AzureParameterGroupingParameterGroupingClientPostOptionalOptions {
            parameter_grouping_post_optional_parameters: Some(ParameterGroupingPostOptionalParameters {
                custom_header: Some("header".to_owned()),
                query: Some(21),
            }),
            ..Default::default()
        };
        assert_eq!(status(grouping(&ctx).post_optional(Some(options)).await), 200);
    }
    ["postParameterGroupingMultipleParameterGroups"] async fn grouping_multiple(ctx) {
        let options = AzureParameterGroupingParameterGroupingClientPostMultiParamGroupsOptions {
            first_parameter_group: Some(first_parameter_group()),
            parameter_grouping_post_multi_param_groups_second_param_group: Some(
                ParameterGroupingPostMultiParamGroupsSecondParamGroup {
                    header_two: Some("header2".to_owned()),
                    query_two: Some(42),
                },
            ),
            ..Default::default()
        };
        assert_eq!(status(grouping(&ctx).post_multi_param_groups(Some(options)).await), 200);
    }
    // The same struct as `postMultiParamGroups` takes.
    ["postParameterGroupingSharedParameterGroupObject"] async fn grouping_shared(ctx) {
        let options = AzureParameterGroupingParameterGroupingClientPostSharedParameterGroupObjectOptions {
            first_parameter_group: Some(first_parameter_group()),
            ..Default::default()
        };
        assert_eq!(status(grouping(&ctx).post_shared_parameter_group_object(Some(options)).await), 200);
    }
    ["PutParameterGroupingConstant"] async fn grouping_constant(ctx) {
        // A single-value enum in a group: the caller picks its one value.
        let options = AzureParameterGroupingParameterGroupingClientGroupWithConstantOptions {
            grouper: Some(Grouper {
                grouped_constant: Some(EncryptionAlgorithmType::Foo),
                grouped_parameter: Some("bar".to_owned()),
            }),
            ..Default::default()
        };
        assert_eq!(status(grouping(&ctx).group_with_constant(Some(options)).await), 200);
    }
    ["PostParameterGroupingWithReservedWords"] async fn grouping_reserved_words(ctx) {
        // `from` and `accept` are query parameters here, not the `Accept`
        // header: each keeps its own name.
        let options = AzureParameterGroupingParameterGroupingClientPostReservedWordsOptions {
            parameter_grouping_post_reserved_words_parameters: Some(
                ParameterGroupingPostReservedWordsParameters {
                    from: Some("bob".to_owned()),
                    accept: Some("yes".to_owned()),
                },
            ),
            ..Default::default()
        };
        assert_eq!(status(grouping(&ctx).post_reserved_words(Some(options)).await), 200);
    }
    ["expectedEnum"] async fn expected_enum(ctx) {
        let pet = model(pets(&ctx).get_by_pet_id("tommy", None).await);
        assert_eq!(pet.days_of_week, Some(DaysOfWeekExtensibleEnum::Monday));
        assert_eq!(pet.int_enum, IntEnum::N1);
    }
    ["unexpectedEnum"] async fn unexpected_enum(ctx) {
        // Extensible enums keep a value the spec does not list.
        let pet = model(pets(&ctx).get_by_pet_id("casper", None).await);
        assert_eq!(pet.days_of_week, Some(DaysOfWeekExtensibleEnum::Other("Weekend".to_owned())));
        assert_eq!(pet.int_enum, IntEnum::N2);
    }
    ["allowedValueEnum"] async fn allowed_value_enum(ctx) {
        let pet = model(pets(&ctx).get_by_pet_id("scooby", None).await);
        assert_eq!(pet.days_of_week, Some(DaysOfWeekExtensibleEnum::Thursday));
        assert_eq!(pet.int_enum, IntEnum::Other("2.1".to_owned()));
    }
    ["roundTripEnum"] async fn round_trip_enum(ctx) {
        let pet = Pet {
            name: Some("Retriever".to_owned()),
            days_of_week: Some(DaysOfWeekExtensibleEnum::Other("Weekend".to_owned())),
            int_enum: IntEnum::N2,
        };
        let options = arm_autorest::extensible_enums_swagger::clients::ExtensibleEnumsSwaggerPetClientAddPetOptions {
            pet_param: Some(pet.clone()),
            ..Default::default()
        };
        assert_eq!(model(pets(&ctx).add_pet(Some(options)).await), pet);
    }
}

/// Everything is called.
pub const GAPS: &[Gap] = &[];
