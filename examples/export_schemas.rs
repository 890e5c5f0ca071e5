//! Writes the JSON Schemas that `trackc validate` compiles, as one JSON
//! document `{events: {NAME: schema}, identify, groups: {KEY: schema},
//! context}`, so the benchmark can feed the very same schemas to ajv and
//! Python's jsonschema. `cargo run --example export_schemas -- PLAN > schemas.json`

fn main() {
    let plan_path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "plans/invoicely".into());
    let loaded = match trackc::load::load(std::path::Path::new(&plan_path)) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let s = trackc::validate::schema::schemas(&loaded.plan);
    let mut context = s.context.clone();
    // validate compiles context leniently (libraries add their own keys).
    if let Some(obj) = context.as_mut().and_then(|c| c.as_object_mut()) {
        obj.remove("additionalProperties");
    }
    let doc = serde_json::json!({
        "events": s.events.into_iter().collect::<serde_json::Map<_, _>>(),
        "identify": s.identify,
        "groups": s.groups.into_iter().collect::<serde_json::Map<_, _>>(),
        "context": context,
    });
    println!("{}", serde_json::to_string_pretty(&doc).unwrap_or_default());
}
