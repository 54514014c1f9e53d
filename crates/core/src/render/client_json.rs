//! `client.json`: an ID-porten client registration in the shape of Digdir's self-service API
//! (`POST /clients`), ready to paste into the self-service or to send to the API. Field names follow
//! the API's client model: `integration_type`, `application_type`, `client_name`, `description`,
//! `client_orgno`, `supplier_orgno`, `scopes`, `redirect_uris`, `post_logout_redirect_uris`,
//! `frontchannel_logout_uri`, `frontchannel_logout_session_required`, `token_endpoint_auth_method`,
//! `grant_types`, `refresh_token_usage`, and the three lifetimes in seconds. `client_id` (and a
//! secret) are assigned by Digdir and so are absent.
//!
//! It reads the document's answers as sent (visible questions only), and the questionnaire's
//! defaults for questions left at their default (the lifetimes, say). The same document gives the
//! same bytes: keys in a fixed order, pretty-printed, a final newline.

use serde::Serialize;

use crate::document::Document;
use crate::form::FormSpec;

const INTEGRATION_TYPE: &str = "client.integration_type";
const APPLICATION_TYPE: &str = "client.application_type";
const DISPLAY_NAME: &str = "service.display_name";
const DESCRIPTION: &str = "service.description";
const CLIENT_ORGNO: &str = "company.orgnr";
const SUPPLIER_ORGNO: &str = "supplier.orgnr";
const SCOPES: &str = "client.scopes";
const API_SCOPES: &str = "client.api_scopes";
const REDIRECT_URIS: &str = "client.redirect_uris";
const POST_LOGOUT_REDIRECT_URIS: &str = "client.post_logout_redirect_uris";
const FRONTCHANNEL_LOGOUT_URI: &str = "client.frontchannel_logout_uri";
const FRONTCHANNEL_LOGOUT_SESSION_REQUIRED: &str = "client.frontchannel_logout_session_required";
const AUTH_METHOD: &str = "client.token_endpoint_auth_method";
const GRANT_TYPES: &str = "client.grant_types";
const REFRESH_TOKEN_USAGE: &str = "client.refresh_token_usage";
const AUTHORIZATION_LIFETIME: &str = "lifetimes.authorization";
const ACCESS_TOKEN_LIFETIME: &str = "lifetimes.access_token";
const REFRESH_TOKEN_LIFETIME: &str = "lifetimes.refresh_token";

/// The fields the renderer reads, with their kinds (the loader checks them).
pub const READS: &[(&str, &str)] = &[
    (INTEGRATION_TYPE, "select"),
    (APPLICATION_TYPE, "select"),
    (DISPLAY_NAME, "text"),
    (DESCRIPTION, "multiline"),
    (CLIENT_ORGNO, "orgnr"),
    (SUPPLIER_ORGNO, "orgnr"),
    (SCOPES, "multi-select"),
    (API_SCOPES, "repeat"),
    (REDIRECT_URIS, "repeat"),
    (POST_LOGOUT_REDIRECT_URIS, "repeat"),
    (FRONTCHANNEL_LOGOUT_URI, "url"),
    (FRONTCHANNEL_LOGOUT_SESSION_REQUIRED, "yes-no"),
    (AUTH_METHOD, "select"),
    (GRANT_TYPES, "multi-select"),
    (REFRESH_TOKEN_USAGE, "select"),
    (AUTHORIZATION_LIFETIME, "number"),
    (ACCESS_TOKEN_LIFETIME, "number"),
    (REFRESH_TOKEN_LIFETIME, "number"),
];

/// Digdir's client model, in the order the file lists it.
#[derive(Serialize)]
struct Client {
    integration_type: String,
    application_type: String,
    client_name: String,
    description: String,
    client_orgno: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    supplier_orgno: Option<String>,
    scopes: Vec<String>,
    redirect_uris: Vec<String>,
    post_logout_redirect_uris: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    frontchannel_logout_uri: Option<String>,
    frontchannel_logout_session_required: bool,
    token_endpoint_auth_method: String,
    grant_types: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token_usage: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authorization_lifetime: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_token_lifetime: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token_lifetime: Option<i64>,
}

/// Reads answers from the document, a question's default where the document shows the question
/// but the answers leave it at its default.
struct Source<'a> {
    spec: &'a FormSpec,
    doc: &'a Document,
}

impl Source<'_> {
    fn shown(&self, id: &str) -> bool {
        self.doc
            .sections
            .iter()
            .any(|s| s.entries.iter().any(|e| e.id == id))
    }

    fn value(&self, id: &str) -> Option<toml::Value> {
        let mut segments = id.split('.');
        let mut value = self.doc.answers.get(segments.next()?);
        for segment in segments {
            value = value
                .and_then(|v| v.as_table())
                .and_then(|t| t.get(segment));
        }
        match value {
            Some(value) => Some(value.clone()),
            None if self.shown(id) => self.spec.field(id)?.default.clone(),
            None => None,
        }
    }

    fn text(&self, id: &str) -> Option<String> {
        match self.value(id)? {
            toml::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        }
    }

    fn list(&self, id: &str) -> Vec<String> {
        match self.value(id) {
            Some(toml::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str())
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            Some(toml::Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
            _ => Vec::new(),
        }
    }
}

/// `client.json` for the document of an ID-porten registration.
pub fn render(spec: &FormSpec, doc: &Document) -> String {
    let source = Source { spec, doc };
    let mut scopes = source.list(SCOPES);
    for scope in source.list(API_SCOPES) {
        if !scopes.contains(&scope) {
            scopes.push(scope);
        }
    }
    let client = Client {
        integration_type: source.text(INTEGRATION_TYPE).unwrap_or_default(),
        application_type: source.text(APPLICATION_TYPE).unwrap_or_default(),
        client_name: source.text(DISPLAY_NAME).unwrap_or_default(),
        description: source.text(DESCRIPTION).unwrap_or_default(),
        client_orgno: source.text(CLIENT_ORGNO).unwrap_or_default(),
        supplier_orgno: source.text(SUPPLIER_ORGNO),
        scopes,
        redirect_uris: source.list(REDIRECT_URIS),
        post_logout_redirect_uris: source.list(POST_LOGOUT_REDIRECT_URIS),
        frontchannel_logout_uri: source.text(FRONTCHANNEL_LOGOUT_URI),
        frontchannel_logout_session_required: source
            .value(FRONTCHANNEL_LOGOUT_SESSION_REQUIRED)
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        token_endpoint_auth_method: source.text(AUTH_METHOD).unwrap_or_default(),
        grant_types: source.list(GRANT_TYPES),
        refresh_token_usage: source.text(REFRESH_TOKEN_USAGE),
        authorization_lifetime: source
            .value(AUTHORIZATION_LIFETIME)
            .and_then(|v| v.as_integer()),
        access_token_lifetime: source
            .value(ACCESS_TOKEN_LIFETIME)
            .and_then(|v| v.as_integer()),
        refresh_token_lifetime: source
            .value(REFRESH_TOKEN_LIFETIME)
            .and_then(|v| v.as_integer()),
    };
    let mut text = serde_json::to_string_pretty(&client).unwrap_or_default();
    text.push('\n');
    text
}
