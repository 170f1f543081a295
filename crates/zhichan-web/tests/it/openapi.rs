//! The OpenAPI document matches the route table and the committed `docs/openapi.json`.
//! After an intended API change, regenerate the file with `ZHICHAN_UPDATE_OPENAPI=1 cargo test`.

use std::collections::BTreeSet;

use utoipa::OpenApi;
use zhichan_web::api::ApiDoc;
use zhichan_web::routes;

#[test]
fn every_api_route_is_documented_and_nothing_else() {
    let document = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let documented: BTreeSet<(String, String)> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object().unwrap().keys().map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let routed: BTreeSet<(String, String)> = routes::all()
        .iter()
        .filter(|r| (r.path.starts_with("/api/v1/") && r.path != "/api/v1/openapi.json") || r.path.ends_with("z"))
        .map(|r| (r.method.to_string(), r.path.to_owned()))
        .collect();
    assert_eq!(documented, routed);
}

#[test]
fn committed_document_is_current() {
    let generated = ApiDoc::openapi().to_pretty_json().unwrap() + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    if std::env::var_os("ZHICHAN_UPDATE_OPENAPI").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/openapi.json is stale: run ZHICHAN_UPDATE_OPENAPI=1 cargo test -p zhichan-web --test it openapi"
    );
}
