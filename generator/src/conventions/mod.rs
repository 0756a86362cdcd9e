//! Twilio's conventions, one named rule each, applied by the shape of the spec (never by naming an
//! operation or a schema). Lowering (`lower/`) calls these; the README lists them.

use std::collections::{BTreeMap, BTreeSet};

use crate::casing::{heck_snake, heck_upper_camel};

pub mod webhook_families;

/// Rule "schema names": the Rust name candidates of a component schema key, best first.
///
/// Twilio keys are dotted paths (`api.v2010.account.call.call_recording`) or `{resource}_enum_{field}`
/// (`call_enum_status`). The first candidate is the last dotted segment (`CallRecording`), with
/// `_enum_` dropped (`CallStatus`); later candidates add parent segments (`CallCallRecording`,
/// `AccountCallCallRecording`, ...) and are used only when the shorter names collide.
pub fn component_type_names(key: &str) -> Vec<String> {
    let segments: Vec<&str> = key.split('.').filter(|s| !s.is_empty()).collect();
    let mut names = Vec::new();
    for take in 1..=segments.len().max(1) {
        let start = segments.len().saturating_sub(take);
        let joined = segments
            .get(start..)
            .unwrap_or_default()
            .iter()
            .map(|s| s.replace("_enum_", "_"))
            .collect::<Vec<_>>()
            .join("_");
        let name = crate::casing::type_name(&joined);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

/// Rule "SID patterns": a string whose pattern is exactly `^XX[0-9a-fA-F]{32}$` (two capital letters)
/// is a Twilio SID with prefix `XX`; every such string becomes the one newtype of that prefix.
pub fn sid_prefix(pattern: &str) -> Option<String> {
    let rest = pattern.strip_prefix('^')?.strip_suffix('$')?;
    let (prefix, tail) = rest.split_at_checked(2)?;
    let letters = prefix.bytes().all(|b| b.is_ascii_uppercase());
    (letters && tail == "[0-9a-fA-F]{32}").then(|| prefix.to_owned())
}

/// Rule "SID type names": the name of the newtype for each prefix, from how the spec uses it.
///
/// Candidates are collected by [`SidNames::vote`]: a property or parameter called `foo_sid`/`FooSid`
/// votes `FooSid`; a property called plain `sid` in a schema named `Bar` votes `BarSid` (weaker). The
/// most voted `*_sid` name wins, then the shortest `sid` name; ties break alphabetically. A name that
/// two prefixes want goes to the one with more votes; the other gets its prefix appended.
#[derive(Debug, Default)]
pub struct SidNames {
    strong: BTreeMap<String, BTreeMap<String, usize>>,
    weak: BTreeMap<String, BTreeSet<String>>,
}

impl SidNames {
    /// Records that `wire_name` (a property or parameter) holds a SID of `prefix`, in a type named
    /// `owner` when it is a property.
    pub fn vote(&mut self, prefix: &str, wire_name: &str, owner: Option<&str>) {
        let snake = heck_snake(wire_name);
        if snake == "sid" {
            if let Some(owner) = owner {
                self.weak
                    .entry(prefix.to_owned())
                    .or_default()
                    .insert(format!("{owner}Sid"));
            } else {
                self.weak.entry(prefix.to_owned()).or_default();
            }
        } else if snake.ends_with("_sid") {
            *self
                .strong
                .entry(prefix.to_owned())
                .or_default()
                .entry(heck_upper_camel(&snake))
                .or_default() += 1;
        } else {
            self.weak.entry(prefix.to_owned()).or_default();
        }
    }

    /// Adds the votes of `other` for the prefixes that have none here (the SIDs of callbacks
    /// name only the prefixes the operations do not use, so callbacks never rename a type).
    pub fn add_missing(&mut self, other: SidNames) {
        let known: BTreeSet<String> = self
            .strong
            .keys()
            .chain(self.weak.keys())
            .cloned()
            .collect();
        for (prefix, votes) in other.strong {
            if !known.contains(&prefix) {
                self.strong.insert(prefix, votes);
            }
        }
        for (prefix, names) in other.weak {
            if !known.contains(&prefix) {
                self.weak.insert(prefix, names);
            }
        }
    }

    /// Decides one name per prefix.
    pub fn decide(&self) -> BTreeMap<String, String> {
        let prefixes: BTreeSet<&String> = self.strong.keys().chain(self.weak.keys()).collect();
        // (votes, name) per prefix, best first.
        let mut wanted: Vec<(String, usize, String)> = Vec::new();
        for prefix in prefixes {
            let strong = self.strong.get(prefix).and_then(|m| {
                m.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(name, votes)| (name.clone(), *votes))
            });
            let weak = self.weak.get(prefix).and_then(|s| {
                s.iter()
                    .min_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)))
                    .cloned()
            });
            let (name, votes) = match (strong, weak) {
                (Some(s), _) => s,
                (None, Some(w)) => (w, 0),
                (None, None) => (format!("{}Sid", heck_upper_camel(prefix)), 0),
            };
            wanted.push((prefix.clone(), votes, name));
        }
        let mut owner_of: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (prefix, votes, name) in &wanted {
            let better = match owner_of.get(name) {
                Some((v, p)) => votes > v || (votes == v && prefix < p),
                None => true,
            };
            if better {
                owner_of.insert(name.clone(), (*votes, prefix.clone()));
            }
        }
        wanted
            .into_iter()
            .map(|(prefix, _, name)| {
                let owns = owner_of.get(&name).is_some_and(|(_, p)| p == &prefix);
                let name = if owns {
                    name
                } else {
                    format!("{name}{}", heck_upper_camel(&prefix))
                };
                (prefix, name)
            })
            .collect()
    }
}

/// Rule "operator-suffixed names": Twilio filters by inequality with query names ending in `<` or
/// `>` (`StartTime<`, `StartTime>`). Returns the base name and the Rust suffix (`before`/`after`);
/// the wire name is kept verbatim.
pub fn operator_suffix(wire_name: &str) -> (&str, Option<&'static str>) {
    if let Some(base) = wire_name.strip_suffix('<') {
        (base, Some("before"))
    } else if let Some(base) = wire_name.strip_suffix('>') {
        (base, Some("after"))
    } else {
        (wire_name, None)
    }
}

/// Rule "conditional groups": `x-twilio.conditional` on an operation lists groups of form fields
/// (in snake case) of which the caller must send exactly one. Returns the groups, or a message when
/// the extension has another shape.
pub fn conditional_groups(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Result<Vec<Vec<String>>, String> {
    let Some(x) = extensions.get("x-twilio") else {
        return Ok(Vec::new());
    };
    let Some(groups) = x.get("conditional") else {
        return Ok(Vec::new());
    };
    let Some(groups) = groups.as_array() else {
        return Err("`x-twilio.conditional` must be a list of lists of field names".into());
    };
    groups
        .iter()
        .map(|g| {
            g.as_array()
                .and_then(|members| {
                    members
                        .iter()
                        .map(|m| m.as_str().map(str::to_owned))
                        .collect::<Option<Vec<_>>>()
                })
                .filter(|members| members.len() >= 2)
                .ok_or_else(|| {
                    "`x-twilio.conditional` groups must list at least two field names".to_owned()
                })
        })
        .collect()
}

/// Whether a form field's wire name is the member `member` (snake case) of a conditional group.
pub fn is_conditional_member(wire_name: &str, member: &str) -> bool {
    heck_snake(wire_name) == heck_snake(member)
}

/// Rule "indexed families": form fields named `{Prefix}{n}.{Key}` (`Parameter7.Value`) form a family
/// that the client sets as one list and writes back to the indexed keys. Returns (prefix, n, key).
pub fn indexed_member(wire_name: &str) -> Option<(&str, usize, &str)> {
    let (head, key) = wire_name.split_once('.')?;
    let digits_at = head.find(|c: char| c.is_ascii_digit())?;
    let (prefix, digits) = head.split_at(digits_at);
    let valid = !prefix.is_empty()
        && prefix.chars().all(|c| c.is_ascii_alphabetic())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !key.is_empty()
        && key.chars().all(|c| c.is_ascii_alphanumeric());
    if !valid {
        return None;
    }
    let n: usize = digits.parse().ok()?;
    (n >= 1).then_some((prefix, n, key))
}

/// Rule "list pages": a response object with a `next_page_uri` property and exactly one array
/// property is a page of a List operation; the array holds the items. Returns (items, next) names.
pub fn page_shape<'a>(
    properties: impl Iterator<Item = (&'a str, bool)>,
) -> Option<(&'a str, &'a str)> {
    let mut next = None;
    let mut arrays = Vec::new();
    for (name, is_array) in properties {
        if name == "next_page_uri" {
            next = Some(name);
        }
        if is_array {
            arrays.push(name);
        }
    }
    match (next, arrays.as_slice()) {
        (Some(next), [items]) => Some((items, next)),
        _ => None,
    }
}

/// Rule "personal data": a property with `x-twilio.pii` is redacted from `Debug` output.
pub fn is_sensitive(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> bool {
    extensions
        .get("x-twilio")
        .and_then(|x| x.get("pii"))
        .is_some()
}

/// Rule "credentials": a parameter or property whose wire name ends in `Password`, `Secret`,
/// `AuthToken`, `AccessToken` or `RefreshToken` (any case, with or without `_`: `SipAuthPassword`,
/// `auth_token`) holds a secret and is redacted from `Debug` output like personal data; so is a
/// string with `format: password` (see `lower/schemas.rs`). Twilio marks personal data (`x-twilio.pii`) but
/// not credentials, so the name is the only sign. (`PageToken` is a paging cursor, not a secret.)
pub fn is_secret(wire_name: &str) -> bool {
    let plain: String = wire_name
        .chars()
        .filter(|c| !matches!(c, '_' | '-' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    [
        "password",
        "secret",
        "authtoken",
        "accesstoken",
        "refreshtoken",
    ]
    .iter()
    .any(|suffix| plain.ends_with(suffix))
}

/// Rule "header parameters": a header parameter that carries credentials (`Authorization`,
/// `Proxy-Authorization`, any case) is redacted from `Debug` output like a secret, and its value
/// is never logged. Flex declares `Authorization` as a parameter of some operations.
pub fn is_credential_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("authorization") || name.eq_ignore_ascii_case("proxy-authorization")
}

/// Rule "header parameters": OpenAPI says a header parameter named `Accept` or `Content-Type`
/// is ignored (the media types say what they are); the client sets them from the media types.
/// (`Authorization`, which OpenAPI also names, is kept: Twilio's libraries expose it.)
pub fn is_ignored_header(name: &str) -> bool {
    name.eq_ignore_ascii_case("accept") || name.eq_ignore_ascii_case("content-type")
}

/// Rule "shared inline enums": identical inline string enums are one type. The key is the format
/// (Twilio marks its GET/POST enums `format: http-method`) and the values.
pub fn inline_enum_key(format: Option<&str>, values: &[String]) -> String {
    format!("{}:{}", format.unwrap_or(""), values.join("|"))
}

/// Rule "shared inline enums", naming: an inline enum with a format is named after the format
/// (`http-method` → `HttpMethod`); without one, after where it is used (`{Owner}{Field}`).
pub fn inline_enum_name(format: Option<&str>, owner: &str, field: &str) -> String {
    match format {
        Some(f) if !f.is_empty() => crate::casing::type_name(f),
        _ => crate::casing::type_name(&format!("{owner}_{field}")),
    }
}

/// Rule "account scope": the path parameter `AccountSid` of an operation that accepts basic
/// authentication (the account's own credentials) is filled from the client's account (which
/// `Client::with_account_sid` changes), so it never appears in a function signature; an
/// operation authenticated otherwise (OAuth2, bearer) takes it as an argument.
pub fn is_account_scope(wire_name: &str) -> bool {
    wire_name == "AccountSid"
}

/// Rule "resource modules": operations are grouped by the collection their path addresses: the
/// path's literal segments without trailing `{param}` segments, without version segments (those
/// starting with a digit) and without the `.json`/`.xml` extension
/// (`/2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}/Recordings.json` → `Accounts`, `Calls`,
/// `Recordings`). The naming stage names one module per collection (`names/modules.rs`).
pub fn resource_collection(path: &str) -> Vec<String> {
    let mut segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    while segments.last().is_some_and(|s| s.starts_with('{')) {
        segments.pop();
    }
    segments
        .iter()
        .filter(|s| !s.starts_with('{'))
        .map(|s| media_extension_stripped(s))
        .filter(|s| !s.starts_with(|c: char| c.is_ascii_digit()))
        .map(|s| s.to_owned())
        .collect()
}

/// A path segment without its media-type extension (`Calls.json`, `Calls.xml` → `Calls`): the
/// same collection in another format is the same resource module.
fn media_extension_stripped(segment: &str) -> &str {
    segment
        .strip_suffix(".json")
        .or_else(|| segment.strip_suffix(".xml"))
        .unwrap_or(segment)
}

/// Rule "XML bodies": a request or response body is XML when its media type is
/// `application/xml`, `text/xml` or ends in `+xml`. JSON is preferred when an operation declares
/// both; an XML body is read and written through quick-xml (the runtime's `xml` feature) with the
/// same model types as JSON.
pub fn is_xml_media_type(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/xml" || essence == "text/xml" || essence.ends_with("+xml")
}

/// The OpenAPI `xml` object of a schema (read from the raw document, which `openapiv3` drops).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct XmlObject {
    /// `xml.name`.
    pub name: Option<String>,
    /// `xml.attribute`.
    pub attribute: bool,
    /// `xml.wrapped`.
    pub wrapped: bool,
}

/// Rule "XML names" (the OpenAPI `xml` object): an element is named after its property unless
/// `xml.name` renames it; `xml.attribute: true` reads a scalar from an attribute; an array's items
/// are repeated elements named by the items' `xml.name` (or the property name), inside one
/// element named after the property when `xml.wrapped: true`. The root element of a body is the
/// schema's `xml.name`, checked when decoding. Returns the object, or a message when it has
/// another shape.
pub fn xml_object(schema: Option<&serde_json::Value>) -> Result<XmlObject, String> {
    let Some(xml) = schema.and_then(|s| s.get("xml")) else {
        return Ok(XmlObject::default());
    };
    let Some(xml) = xml.as_object() else {
        return Err("`xml` must be an object".into());
    };
    let mut out = XmlObject::default();
    for (key, value) in xml {
        match key.as_str() {
            "name" => {
                let name = value.as_str().ok_or("`xml.name` must be a string")?;
                let valid = name
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphabetic() || c == '_')
                    && name
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
                if !valid {
                    return Err(format!("`xml.name` `{name}` is not an XML name"));
                }
                out.name = Some(name.to_owned());
            }
            "attribute" => {
                out.attribute = value.as_bool().ok_or("`xml.attribute` must be a boolean")?
            }
            "wrapped" => out.wrapped = value.as_bool().ok_or("`xml.wrapped` must be a boolean")?,
            "namespace" | "prefix" => {
                return Err(format!("`xml.{key}` is not supported"));
            }
            other if other.starts_with("x-") => {}
            other => return Err(format!("unknown field `xml.{other}`")),
        }
    }
    Ok(out)
}

/// Rule "empty XML elements": in a type read from XML, an optional scalar whose element or
/// attribute is empty (`<EndTime/>`, `<Price></Price>`, `total=""`) has no value (`None`), as
/// a missing one has; quick-xml alone would read `Some("")`, or fail for a number.
pub fn empty_element_is_none(optional: bool, scalar: bool) -> bool {
    optional && scalar
}

/// Rule "money": which properties of an object are amounts of money, read as a decimal
/// (`twilio_runtime::Decimal`) that loses no digit instead of `f64` or text. Twilio's documents
/// mark the currency, not the amount: an object with an amount has a `price_unit` (or
/// `billed_unit`) property of `format: currency`. In such an object, a `number` property, and a
/// `string` property without a format named `price` or `*_price`, is an amount (`price`,
/// `data_total_billed`). Elsewhere, a `number` property named `price`, `*_price`, `amount` or
/// `*_amount` is one too. `properties`: (wire name, `"number"`/`"string"`/other, format).
pub fn money_fields<'a>(properties: &[(&'a str, &str, Option<&str>)]) -> Vec<&'a str> {
    let has_currency = properties
        .iter()
        .any(|(_, _, format)| *format == Some("currency"));
    let priced = |name: &str| name == "price" || name.ends_with("_price");
    properties
        .iter()
        .filter(|(name, ty, format)| match *ty {
            "number" => {
                has_currency || priced(name) || *name == "amount" || name.ends_with("_amount")
            }
            "string" => has_currency && format.is_none() && priced(name),
            _ => false,
        })
        .map(|(name, _, _)| *name)
        .collect()
}

/// Rule "numbers": Twilio's documents say what a value means, not always how it is sent (prices
/// and counts arrive as strings too). A `number` or `integer` property of an object read from
/// JSON, a response's or a webhook payload's (whose form parameters are text, and which may be
/// kept or forwarded as JSON), accepts a JSON number or a string holding one (`"15"`,
/// `"-0.0025"`); `""` reads as no value (`twilio_runtime::serde::number_opt`).
pub fn lenient_number(json: bool, xml: bool) -> bool {
    json && !xml
}

/// Rule "null map values": in a map of an object read from JSON (`format: uri-map`,
/// `additionalProperties`), a `null` value (`"links": {"last_message": null}`, in Twilio's chat
/// examples) is left out, as an absent key is (`twilio_runtime::serde::map_without_nulls`).
pub fn map_without_nulls(json: bool, xml: bool) -> bool {
    json && !xml
}

/// Rule "SIDs in responses": an optional SID property of an object read from JSON (a response or
/// a webhook payload) reads `null` and `""` as `None` (`twilio_runtime::sid::optional`); in a
/// response, a SID that does not match its pattern is
/// kept unchecked with a warning naming the field (`twilio_runtime::sid::deserialize_lenient`,
/// called by every SID newtype's `Deserialize`), so one malformed SID never fails a response.
/// The newtypes' constructors, for user input, stay checked, and so do the SIDs of a webhook
/// payload decoded by `twilio_runtime::webhook` (an error naming the parameter).
pub fn lenient_sid(json: bool, xml: bool) -> bool {
    json && !xml
}

/// Rule "integer enums" (`x-enum-varnames`, as openapi-generator reads it): an integer schema with
/// `enum` values and `x-enum-varnames` (and optionally `x-enum-descriptions`, their meanings) is an
/// enum whose variants carry those names. Unlike string enums it is closed: a value outside the
/// set is a decoding error. Returns (name, meaning) per value, or a message when the extensions
/// do not match the values.
pub fn int_enum_names(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
    values: &[i64],
) -> Result<Vec<(String, Option<String>)>, String> {
    let strings = |key: &str| -> Result<Option<Vec<String>>, String> {
        let Some(v) = extensions.get(key) else {
            return Ok(None);
        };
        let list = v
            .as_array()
            .and_then(|a| {
                a.iter()
                    .map(|s| s.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            })
            .ok_or_else(|| format!("`{key}` must be a list of strings"))?;
        if list.len() != values.len() {
            return Err(format!(
                "`{key}` has {} entries for {} enum values",
                list.len(),
                values.len()
            ));
        }
        Ok(Some(list))
    };
    let names = strings("x-enum-varnames")?;
    let docs = strings("x-enum-descriptions")?;
    Ok(values
        .iter()
        .enumerate()
        .map(|(i, value)| {
            let name = names
                .as_ref()
                .and_then(|n| n.get(i).cloned())
                .unwrap_or_else(|| format!("V{value}"));
            (name, docs.as_ref().and_then(|d| d.get(i).cloned()))
        })
        .collect())
}

/// One bit of [`flags`]: its name, its value and its meaning.
pub type NamedFlag = (String, u64, Option<String>);

/// Rule "bit flags" (`x-twilio-codegen-flags`): an integer schema documented as a set of bits that
/// may be OR'd together lists them as `[{name, value, description}]`; it becomes a small newtype
/// with one constant per bit, `contains` and `|`. Unknown bits are kept. Returns (name, bit,
/// meaning) per flag, `None` without the extension, or a message when it has another shape.
pub fn flags(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Result<Option<Vec<NamedFlag>>, String> {
    let Some(v) = extensions.get("x-twilio-codegen-flags") else {
        return Ok(None);
    };
    let shape = "`x-twilio-codegen-flags` must be a list of `{name, value, description}` with distinct names and distinct powers of two";
    let list = v.as_array().ok_or(shape)?;
    let mut out: Vec<NamedFlag> = Vec::new();
    for entry in list {
        let name = entry.get("name").and_then(|n| n.as_str()).ok_or(shape)?;
        let value = entry.get("value").and_then(|n| n.as_u64()).ok_or(shape)?;
        let doc = entry
            .get("description")
            .and_then(|d| d.as_str())
            .map(str::to_owned);
        if !value.is_power_of_two() || out.iter().any(|(n, v, _)| n == name || *v == value) {
            return Err(shape.to_owned());
        }
        out.push((name.to_owned(), value, doc));
    }
    if out.is_empty() {
        return Err(shape.to_owned());
    }
    Ok(Some(out))
}

/// Rule "false means no value" (`x-twilio-codegen-false-is-null: true` on a property): the API
/// sends `false` where the property has no value (`"EndTime": false`); the field is optional and
/// `false` reads as `None`.
pub fn false_is_null(property: Option<&serde_json::Value>) -> Result<bool, String> {
    match property.and_then(|p| p.get("x-twilio-codegen-false-is-null")) {
        None => Ok(false),
        Some(v) => v
            .as_bool()
            .ok_or_else(|| "`x-twilio-codegen-false-is-null` must be a boolean".to_owned()),
    }
}

/// Rule "declared form order" (`x-twilio-codegen-form-order` on a form body's schema): the fields
/// are written in this order (a sequence, so that it survives key reordering) rather than in
/// wire-name order; unlisted fields follow in wire-name order. Returns the order, `None` without
/// the extension, or a message when it is not a list of names.
pub fn form_order(
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Result<Option<Vec<String>>, String> {
    let Some(v) = extensions.get("x-twilio-codegen-form-order") else {
        return Ok(None);
    };
    let list = v
        .as_array()
        .and_then(|a| {
            a.iter()
                .map(|s| s.as_str().map(str::to_owned))
                .collect::<Option<Vec<_>>>()
        })
        .ok_or("`x-twilio-codegen-form-order` must be a list of field names")?;
    Ok(Some(list))
}

/// Rule "install-specific servers" (`x-twilio-codegen-user-supplied: true` on a server variable):
/// the API is served by the user's own install, so the variable (e.g. `install` in
/// `{install}/api`) has no meaningful default; the generated client takes its value at
/// construction (`Client::new(install, ..)`) and the runtime fills it in.
pub fn is_user_supplied(extensions: &indexmap::IndexMap<String, serde_json::Value>) -> bool {
    extensions
        .get("x-twilio-codegen-user-supplied")
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

/// Rule "navigation": the segments of an operation's path below its scope, from which the
/// navigation API (`client.call(&sid).recordings().list(..)`) is built. The scope (everything up
/// to the account-scope parameter, and literal segments that start with a digit, i.e. versions)
/// is dropped; a `.json` or `.xml` extension is not part of a segment. `Some(name)` is a literal
/// (a collection), `None` a parameter (an instance).
pub fn navigation_segments(path: &str) -> Vec<Option<String>> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let start = segments
        .iter()
        .rposition(|s| {
            s.strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .is_some_and(is_account_scope)
        })
        .map_or(0, |i| i + 1);
    segments
        .iter()
        .skip(start)
        .map(|s| media_extension_stripped(s))
        .filter(|s| !s.starts_with(|c: char| c.is_ascii_digit()))
        .map(|s| (!s.contains('{')).then(|| s.to_owned()))
        .collect()
}

/// Rule "version segments": a path segment that names the API's version (`v1`, `v2010`), the
/// same on every path of a document, so no word of a navigation type's name.
pub fn is_version_segment(segment: &str) -> bool {
    segment
        .strip_prefix(['v', 'V'])
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_digit()))
}

/// Rule "waiters": an operation that reads one resource (a `GET` whose path ends with a
/// parameter and whose JSON response is an object) with a `status` property of a string enum
/// gets a waiter (`wait_for_call`): fetch until the status is one of those asked for. Returns the
/// enum's type.
pub fn waiter_status(
    op: &crate::model::Operation,
    types: &BTreeMap<crate::model::TypeId, crate::model::TypeDef>,
) -> Option<crate::model::TypeId> {
    use crate::model::{Method, ResponseKind, TypeKind, TypeRef};
    if op.method != Method::Get || !op.path.trim_end_matches(".json").ends_with('}') {
        return None;
    }
    let ResponseKind::Json(TypeRef::Named(id)) = &op.response else {
        return None;
    };
    let TypeKind::Struct(s) = &types.get(id)?.kind else {
        return None;
    };
    let field = s.fields.iter().find(|f| f.wire_name == "status")?;
    let TypeRef::Named(status) = &field.ty else {
        return None;
    };
    matches!(types.get(status)?.kind, TypeKind::Enum(_)).then(|| status.clone())
}

#[cfg(test)]
mod tests;
