//! Test drivers: for each language, a program that calls the generated
//! functions with the vector arguments written as that language's literals
//! (enum members, nested object constructors, optional and null values),
//! through a capturing transport, and prints one JSON line per case.

use super::vectors::Case;
use serde_json::{Map, Value};
use std::collections::HashMap;
use trackc::codegen::lower::{FieldL, Model, Shape};
use trackc::codegen::naming::{Lang, string_literal};

pub type Models = HashMap<String, Model>;

/// What a case calls, resolved in a plan's lowered model.
pub enum Call<'a> {
    Track(&'a trackc::codegen::lower::EventL),
    Identify(&'a [FieldL]),
    Group(&'a trackc::codegen::lower::GroupL),
    Context(&'a [FieldL]),
}

pub fn event<'a>(m: &'a Model, wire: &str) -> &'a trackc::codegen::lower::EventL {
    m.events
        .iter()
        .find(|e| e.wire == wire)
        .unwrap_or_else(|| panic!("no event {wire:?}"))
}

pub fn resolve<'a>(m: &'a Model, c: &Case) -> Call<'a> {
    match c.call.as_str() {
        "track" => Call::Track(event(m, &c.event)),
        "identify" => Call::Identify(&m.identify.as_ref().expect("identify").fields),
        "group" => Call::Group(m.groups.iter().find(|g| g.wire == c.group).expect("group")),
        "context" => Call::Context(&m.context.as_ref().expect("context").fields),
        other => panic!("unknown call {other}"),
    }
}

fn object_fields<'a>(m: &'a Model, name: &str) -> &'a [FieldL] {
    &m.objects
        .iter()
        .find(|o| o.name == name)
        .unwrap_or_else(|| panic!("no object type {name}"))
        .fields
}

fn member<'a>(shape: &'a Shape, v: &Value) -> &'a str {
    &shape
        .members
        .iter()
        .find(|(w, _)| w == v)
        .unwrap_or_else(|| panic!("{v} is not a member of {}", shape.name))
        .1
}

fn float(v: &Value) -> String {
    format!("{:?}", v.as_f64().expect("a number"))
}

/// Fields of a record with the value each gets (None: left out).
fn bind<'a>(
    fields: &'a [FieldL],
    args: &'a Map<String, Value>,
) -> Vec<(&'a FieldL, Option<&'a Value>)> {
    for k in args.keys() {
        assert!(fields.iter().any(|f| &f.wire == k), "no property {k:?}");
    }
    fields.iter().map(|f| (f, args.get(&f.wire))).collect()
}

// ---------------------------------------------------------------- TypeScript

pub fn typescript(cases: &[Case], models: &Models) -> String {
    let mut s = String::from(
        "import * as invoicely from \"./invoicely/analytics\";\n\
         import * as hostile from \"./hostile/analytics\";\n\
         type Sent = { [key: string]: unknown };\n\
         function capture(sent: Sent[]): invoicely.Transport & hostile.Transport {\n\
         \x20 return {\n\
         \x20   track(event, properties, context) { sent.push({ type: \"track\", event, properties, context }); },\n\
         \x20   identify(userId, traits) { sent.push({ type: \"identify\", userId, traits }); },\n\
         \x20   group(groupType, groupId, traits) { sent.push({ type: \"group\", groupType, groupId, traits }); },\n\
         \x20 };\n\
         }\n",
    );
    let js = |v: &Map<String, Value>| Value::Object(v.clone()).to_string();
    let lit = |x: &str| string_literal(Lang::TypeScript, x);
    for c in cases {
        let m = &models[&c.plan];
        let call = match resolve(m, c) {
            Call::Track(e) if e.fields.is_empty() => format!("a.{}();", e.name),
            Call::Track(e) => format!("a.{}({});", e.name, js(&c.args)),
            Call::Identify(_) => format!("a.identify({}, {});", lit(&c.user_id), js(&c.args)),
            Call::Group(g) => format!("a.{}({}, {});", g.name, lit(&c.group_id), js(&c.args)),
            Call::Context(_) => {
                let (ev, args) = c.then.as_ref().expect("then");
                let e = event(m, ev);
                let then = if e.fields.is_empty() {
                    format!("a.{}();", e.name)
                } else {
                    format!("a.{}({});", e.name, js(args))
                };
                format!("a.setContext({});\n  {then}", js(&c.args))
            }
        };
        s.push_str(&format!(
            "{{\n  const sent: Sent[] = [];\n  const violations: string[] = [];\n  \
             const a = new {}.Analytics(capture(sent), (v) => {{ violations.push(v.path); }});\n  \
             {call}\n  console.log(JSON.stringify({{ id: {}, sent, violations }}));\n}}\n",
            c.plan,
            lit(&c.id)
        ));
    }
    s
}

// -------------------------------------------------------------------- Python

fn py_value(m: &Model, v: &Value, shape: &Shape) -> String {
    match (v, shape.kind) {
        (Value::Null, _) => "None".into(),
        (_, "object") => {
            let fields = object_fields(m, &shape.name);
            let obj = v.as_object().expect("object");
            let parts: Vec<String> = bind(fields, obj)
                .into_iter()
                .filter_map(|(f, x)| {
                    x.map(|x| format!("{}: {}", f.wire_lit, py_value(m, x, &f.shape)))
                })
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        (Value::Array(items), _) => {
            let inner = shape.items.as_deref();
            let parts: Vec<String> = items
                .iter()
                .map(|x| match inner {
                    Some(s) => py_value(m, x, s),
                    None => py_any(x),
                })
                .collect();
            format!("[{}]", parts.join(", "))
        }
        (_, "number") => float(v),
        _ => py_any(v),
    }
}

fn py_any(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_literal(Lang::Python, s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_any).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", string_literal(Lang::Python, k), py_any(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn py_kwargs(m: &Model, fields: &[FieldL], args: &Map<String, Value>) -> Vec<String> {
    bind(fields, args)
        .into_iter()
        .filter_map(|(f, x)| x.map(|x| format!("{}={}", f.name, py_value(m, x, &f.shape))))
        .collect()
}

pub fn python(cases: &[Case], models: &Models) -> String {
    let mut s = String::from(
        "import json\nfrom typing import Any, Dict, List\n\n\
         from invoicely import analytics as invoicely\n\
         from hostile import analytics as hostile\n\n\n\
         class Capture:\n\
         \x20   def __init__(self) -> None:\n\
         \x20       self.sent: List[Dict[str, Any]] = []\n\n\
         \x20   def track(self, event: str, properties: Dict[str, Any], context: Dict[str, Any]) -> None:\n\
         \x20       self.sent.append({\"type\": \"track\", \"event\": event, \"properties\": properties, \"context\": context})\n\n\
         \x20   def identify(self, user_id: str, traits: Dict[str, Any]) -> None:\n\
         \x20       self.sent.append({\"type\": \"identify\", \"userId\": user_id, \"traits\": traits})\n\n\
         \x20   def group(self, group_type: str, group_id: str, traits: Dict[str, Any]) -> None:\n\
         \x20       self.sent.append({\"type\": \"group\", \"groupType\": group_type, \"groupId\": group_id, \"traits\": traits})\n\n\n",
    );
    let lit = |x: &str| string_literal(Lang::Python, x);
    for (i, c) in cases.iter().enumerate() {
        let m = &models[&c.plan];
        let call = match resolve(m, c) {
            Call::Track(e) => format!(
                "a.{}({})",
                e.name,
                py_kwargs(m, &e.fields, &c.args).join(", ")
            ),
            Call::Identify(f) => {
                let mut a = vec![lit(&c.user_id)];
                a.extend(py_kwargs(m, f, &c.args));
                format!("a.identify({})", a.join(", "))
            }
            Call::Group(g) => {
                let mut a = vec![lit(&c.group_id)];
                a.extend(py_kwargs(m, &g.fields, &c.args));
                format!("a.{}({})", g.name, a.join(", "))
            }
            Call::Context(f) => {
                let (ev, args) = c.then.as_ref().expect("then");
                let e = event(m, ev);
                format!(
                    "a.set_context({})\n    a.{}({})",
                    py_kwargs(m, f, &c.args).join(", "),
                    e.name,
                    py_kwargs(m, &e.fields, args).join(", ")
                )
            }
        };
        s.push_str(&format!(
            "def case_{i}() -> None:\n    t = Capture()\n    v: List[str] = []\n    \
             a = {}.Analytics(t, lambda x: v.append(x.path))\n    {call}\n    \
             print(json.dumps({{\"id\": {}, \"sent\": t.sent, \"violations\": v}}))\n\n",
            c.plan,
            lit(&c.id)
        ));
    }
    s.push_str("\nif __name__ == \"__main__\":\n");
    for i in 0..cases.len() {
        s.push_str(&format!("    case_{i}()\n"));
    }
    s
}

// ---------------------------------------------------------------------- Rust

fn rs_value(m: &Model, pkg: &str, v: &Value, shape: &Shape) -> String {
    let lit = |x: &str| string_literal(Lang::Rust, x);
    match shape.kind {
        "string" => format!("{}.to_string()", lit(v.as_str().expect("string"))),
        "integer" => format!("{}i64", v),
        "number" => format!("{}f64", float(v)),
        "boolean" => v.to_string(),
        "enum" => format!("{pkg}::{}::{}", shape.name, member(shape, v)),
        "any" => format!(
            "serde_json::from_str::<serde_json::Value>({}).unwrap()",
            lit(&v.to_string())
        ),
        "map" => format!(
            "serde_json::from_str::<serde_json::Map<String, serde_json::Value>>({}).unwrap()",
            lit(&v.to_string())
        ),
        "array" => {
            let inner = shape.items.as_deref().expect("items");
            let parts: Vec<String> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|x| rs_value(m, pkg, x, inner))
                .collect();
            format!("vec![{}]", parts.join(", "))
        }
        "object" => rs_record(
            m,
            pkg,
            &shape.name,
            object_fields(m, &shape.name),
            v.as_object().expect("object"),
        ),
        other => panic!("shape {other}"),
    }
}

fn rs_field(m: &Model, pkg: &str, f: &FieldL, x: Option<&Value>) -> String {
    let value = |x: &Value| {
        if x.is_null() {
            "None".to_string()
        } else if f.nullable {
            format!("Some({})", rs_value(m, pkg, x, &f.shape))
        } else {
            rs_value(m, pkg, x, &f.shape)
        }
    };
    match (f.required, x) {
        (true, Some(x)) => value(x),
        (true, None) => panic!("required {} left out", f.wire),
        (false, None) => "None".into(),
        (false, Some(x)) => format!("Some({})", value(x)),
    }
}

fn rs_record(
    m: &Model,
    pkg: &str,
    name: &str,
    fields: &[FieldL],
    args: &Map<String, Value>,
) -> String {
    let parts: Vec<String> = bind(fields, args)
        .into_iter()
        .map(|(f, x)| format!("{}: {}", f.name, rs_field(m, pkg, f, x)))
        .collect();
    format!("{pkg}::{name} {{ {} }}", parts.join(", "))
}

fn rs_event(m: &Model, pkg: &str, wire: &str, args: &Map<String, Value>) -> String {
    let e = event(m, wire);
    if e.fields.is_empty() {
        format!("a.{}();", e.name)
    } else {
        format!(
            "a.{}({});",
            e.name,
            rs_record(m, pkg, &e.type_name, &e.fields, args)
        )
    }
}

pub fn rust(cases: &[Case], models: &Models, packages: &HashMap<String, String>) -> String {
    let mut s = String::from(
        "#![allow(deprecated, clippy::all)]\n\
         use serde_json::{json, Map, Value};\n\
         use std::cell::RefCell;\n\
         use std::rc::Rc;\n\n\
         #[derive(Default)]\n\
         struct Capture { sent: Vec<Value> }\n\n\
         macro_rules! transport {\n\
         \x20   ($m:path) => {\n\
         \x20       impl $m for Capture {\n\
         \x20           fn track(&mut self, event: &str, properties: Map<String, Value>, context: &Map<String, Value>) {\n\
         \x20               self.sent.push(json!({\"type\": \"track\", \"event\": event, \"properties\": properties, \"context\": context}));\n\
         \x20           }\n\
         \x20           fn identify(&mut self, user_id: &str, traits: Map<String, Value>) {\n\
         \x20               self.sent.push(json!({\"type\": \"identify\", \"userId\": user_id, \"traits\": traits}));\n\
         \x20           }\n\
         \x20           fn group(&mut self, group_type: &str, group_id: &str, traits: Map<String, Value>) {\n\
         \x20               self.sent.push(json!({\"type\": \"group\", \"groupType\": group_type, \"groupId\": group_id, \"traits\": traits}));\n\
         \x20           }\n\
         \x20       }\n\
         \x20   };\n\
         }\n\
         transport!(emitter_check::invoicely::Transport);\n\
         transport!(emitter_check::hostile::Transport);\n\n\
         fn main() {\n",
    );
    let lit = |x: &str| string_literal(Lang::Rust, x);
    for c in cases {
        let m = &models[&c.plan];
        let pkg = format!("emitter_check::{}", c.plan);
        let call = match resolve(m, c) {
            Call::Track(_) => rs_event(m, &pkg, &c.event, &c.args),
            Call::Identify(f) => format!(
                "a.identify({}, {});",
                lit(&c.user_id),
                rs_record(m, &pkg, "Traits", f, &c.args)
            ),
            Call::Group(g) => format!(
                "a.{}({}, {});",
                g.name,
                lit(&c.group_id),
                rs_record(m, &pkg, &g.type_name, &g.fields, &c.args)
            ),
            Call::Context(f) => {
                let (ev, args) = c.then.as_ref().expect("then");
                format!(
                    "a.set_context({});\n        {}",
                    rs_record(m, &pkg, "Context", f, &c.args),
                    rs_event(m, &pkg, ev, args)
                )
            }
        };
        let _ = packages;
        s.push_str(&format!(
            "    {{\n        let violations: Rc<RefCell<Vec<String>>> = Rc::default();\n        \
             let v = violations.clone();\n        \
             let mut a = {pkg}::Analytics::with_violation_handler(Capture::default(), Box::new(move |x| v.borrow_mut().push(x.path)));\n        \
             {call}\n        \
             println!(\"{{}}\", json!({{\"id\": {}, \"sent\": a.transport().sent, \"violations\": *violations.borrow()}}));\n    }}\n",
            lit(&c.id)
        ));
    }
    s.push_str("}\n");
    s
}

// ------------------------------------------------------------------------ Go

fn go_type(pkg: &str, shape: &Shape) -> String {
    match shape.kind {
        "string" => "string".into(),
        "integer" => "int64".into(),
        "number" => "float64".into(),
        "boolean" => "bool".into(),
        "any" => "any".into(),
        "map" => "map[string]any".into(),
        "array" => format!("[]{}", go_type(pkg, shape.items.as_deref().expect("items"))),
        _ => format!("{pkg}.{}", shape.name),
    }
}

fn go_any(v: &Value) -> String {
    match v {
        Value::Null => "nil".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_i64() => format!("int64({n})"),
        Value::Number(_) => format!("float64({})", float(v)),
        Value::String(s) => string_literal(Lang::Go, s),
        Value::Array(a) => format!(
            "[]any{{{}}}",
            a.iter().map(go_any).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => format!(
            "map[string]any{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", string_literal(Lang::Go, k), go_any(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn go_value(m: &Model, pkg: &str, v: &Value, shape: &Shape) -> String {
    match shape.kind {
        "string" => string_literal(Lang::Go, v.as_str().expect("string")),
        "integer" => format!("int64({v})"),
        "number" => format!("float64({})", float(v)),
        "boolean" => v.to_string(),
        "enum" => format!("{pkg}.{}", member(shape, v)),
        "any" | "map" => go_any(v),
        "array" => {
            let inner = shape.items.as_deref().expect("items");
            let parts: Vec<String> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|x| go_value(m, pkg, x, inner))
                .collect();
            format!("{}{{{}}}", go_type(pkg, shape), parts.join(", "))
        }
        "object" => go_record(
            m,
            pkg,
            &shape.name,
            object_fields(m, &shape.name),
            v.as_object().expect("object"),
        ),
        other => panic!("shape {other}"),
    }
}

fn go_record(
    m: &Model,
    pkg: &str,
    name: &str,
    fields: &[FieldL],
    args: &Map<String, Value>,
) -> String {
    let parts: Vec<String> = bind(fields, args)
        .into_iter()
        .filter_map(|(f, x)| {
            let x = x?;
            let value = if f.nullable && !f.shape.kind.eq("any") {
                if x.is_null() {
                    format!("(*{})(nil)", go_type(pkg, &f.shape))
                } else {
                    format!("{pkg}.Ptr({})", go_value(m, pkg, x, &f.shape))
                }
            } else {
                go_value(m, pkg, x, &f.shape)
            };
            let value = if f.required {
                value
            } else {
                format!("{pkg}.Some({value})")
            };
            Some(format!("{}: {value}", f.name))
        })
        .collect();
    format!("{pkg}.{name}{{{}}}", parts.join(", "))
}

fn go_event(m: &Model, pkg: &str, wire: &str, args: &Map<String, Value>) -> String {
    let e = event(m, wire);
    format!(
        "a.{}({})",
        e.name,
        go_record(m, pkg, &e.type_name, &e.fields, args)
    )
}

pub fn go(cases: &[Case], models: &Models, packages: &HashMap<String, String>) -> String {
    let mut s = String::from("package main\n\nimport (\n\t\"encoding/json\"\n\t\"fmt\"\n\n");
    let mut used: Vec<&str> = cases.iter().map(|c| c.plan.as_str()).collect();
    used.sort_unstable();
    used.dedup();
    for plan in used {
        s.push_str(&format!("\t\"example.com/emitters/{plan}\"\n"));
    }
    s.push_str(
        ")\n\ntype capture struct{ sent []any }\n\n\
         func (c *capture) Track(event string, properties map[string]any, context map[string]any) {\n\
         \tc.sent = append(c.sent, map[string]any{\"type\": \"track\", \"event\": event, \"properties\": properties, \"context\": context})\n}\n\n\
         func (c *capture) Identify(userID string, traits map[string]any) {\n\
         \tc.sent = append(c.sent, map[string]any{\"type\": \"identify\", \"userId\": userID, \"traits\": traits})\n}\n\n\
         func (c *capture) Group(groupType string, groupID string, traits map[string]any) {\n\
         \tc.sent = append(c.sent, map[string]any{\"type\": \"group\", \"groupType\": groupType, \"groupId\": groupID, \"traits\": traits})\n}\n\n\
         func emit(id string, c *capture, violations []string) {\n\
         \tsent := c.sent\n\tif sent == nil {\n\t\tsent = []any{}\n\t}\n\
         \tif violations == nil {\n\t\tviolations = []string{}\n\t}\n\
         \tb, err := json.Marshal(map[string]any{\"id\": id, \"sent\": sent, \"violations\": violations})\n\
         \tif err != nil {\n\t\tpanic(err)\n\t}\n\tfmt.Println(string(b))\n}\n\n\
         func main() {\n",
    );
    let lit = |x: &str| string_literal(Lang::Go, x);
    for c in cases {
        let m = &models[&c.plan];
        let pkg = &packages[&c.plan];
        let call = match resolve(m, c) {
            Call::Track(e) if e.fields.is_empty() => format!("a.{}()", e.name),
            Call::Track(_) => go_event(m, pkg, &c.event, &c.args),
            Call::Identify(f) => format!(
                "a.Identify({}, {})",
                lit(&c.user_id),
                go_record(m, pkg, "Traits", f, &c.args)
            ),
            Call::Group(g) => format!(
                "a.{}({}, {})",
                g.name,
                lit(&c.group_id),
                go_record(m, pkg, &g.type_name, &g.fields, &c.args)
            ),
            Call::Context(f) => {
                let (ev, args) = c.then.as_ref().expect("then");
                let e = event(m, ev);
                let then = if e.fields.is_empty() {
                    format!("a.{}()", e.name)
                } else {
                    go_event(m, pkg, ev, args)
                };
                format!(
                    "a.SetContext({})\n\t\t{then}",
                    go_record(m, pkg, "Context", f, &c.args)
                )
            }
        };
        s.push_str(&format!(
            "\t{{\n\t\tc := &capture{{}}\n\t\tvar violations []string\n\t\t\
             a := {pkg}.New(c, func(v {pkg}.Violation) {{ violations = append(violations, v.Path) }})\n\t\t\
             {call}\n\t\temit({}, c, violations)\n\t}}\n",
            lit(&c.id)
        ));
    }
    s.push_str("}\n");
    s
}

// ---------------------------------------------------------------------- Java

fn java_any(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_i64() => format!("{n}L"),
        Value::Number(_) => float(v),
        Value::String(s) => string_literal(Lang::Java, s),
        Value::Array(a) => format!(
            "list({})",
            a.iter().map(java_any).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => format!(
            "map({})",
            o.iter()
                .map(|(k, v)| format!("{}, {}", string_literal(Lang::Java, k), java_any(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn java_value(m: &Model, pkg: &str, v: &Value, shape: &Shape) -> String {
    if v.is_null() {
        return "null".into();
    }
    match shape.kind {
        "string" => string_literal(Lang::Java, v.as_str().expect("string")),
        "integer" => format!("{v}L"),
        "number" => float(v),
        "boolean" => v.to_string(),
        "enum" => format!("{pkg}.Analytics.{}.{}", shape.name, member(shape, v)),
        "any" | "map" => java_any(v),
        "array" => {
            let inner = shape.items.as_deref().expect("items");
            let parts: Vec<String> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|x| java_value(m, pkg, x, inner))
                .collect();
            format!("java.util.Arrays.asList({})", parts.join(", "))
        }
        "object" => java_record(
            m,
            pkg,
            &shape.name,
            object_fields(m, &shape.name),
            v.as_object().expect("object"),
        ),
        other => panic!("shape {other}"),
    }
}

fn java_record(
    m: &Model,
    pkg: &str,
    name: &str,
    fields: &[FieldL],
    args: &Map<String, Value>,
) -> String {
    let bound = bind(fields, args);
    let required: Vec<String> = bound
        .iter()
        .filter(|(f, _)| f.required)
        .map(|(f, x)| java_value(m, pkg, x.expect("required"), &f.shape))
        .collect();
    let mut s = format!("new {pkg}.Analytics.{name}({})", required.join(", "));
    for (f, x) in &bound {
        if let (false, Some(x)) = (f.required, x) {
            s.push_str(&format!(".{}({})", f.name, java_value(m, pkg, x, &f.shape)));
        }
    }
    s
}

fn java_event(m: &Model, pkg: &str, wire: &str, args: &Map<String, Value>) -> String {
    let e = event(m, wire);
    if e.fields.is_empty() {
        format!("a.{}();", e.name)
    } else {
        format!(
            "a.{}({});",
            e.name,
            java_record(m, pkg, &e.type_name, &e.fields, args)
        )
    }
}

const JSON_WRITER_JAVA: &str = r#"
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    static String write(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String) {
            return q((String) v);
        }
        if (v instanceof Map) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(q(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (v instanceof List) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : (List<?>) v) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(write(x));
            }
            return b.append(']').toString();
        }
        return String.valueOf(v);
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static List<Object> list(Object... xs) {
        return new ArrayList<>(Arrays.asList(xs));
    }
"#;

pub fn java(cases: &[Case], models: &Models, packages: &HashMap<String, String>) -> String {
    let mut s = String::from(
        "import java.util.ArrayList;\nimport java.util.Arrays;\nimport java.util.LinkedHashMap;\n\
         import java.util.List;\nimport java.util.Map;\n\n\
         @SuppressWarnings(\"deprecation\")\npublic final class Driver {\n\
         \x20   static final class Capture implements invoicely.Analytics.Transport, hostile_plan.Analytics.Transport {\n\
         \x20       final List<Object> sent = new ArrayList<>();\n\n\
         \x20       @Override\n        public void track(String event, Map<String, Object> properties, Map<String, Object> context) {\n\
         \x20           sent.add(map(\"type\", \"track\", \"event\", event, \"properties\", properties, \"context\", context));\n        }\n\n\
         \x20       @Override\n        public void identify(String userId, Map<String, Object> traits) {\n\
         \x20           sent.add(map(\"type\", \"identify\", \"userId\", userId, \"traits\", traits));\n        }\n\n\
         \x20       @Override\n        public void group(String groupType, String groupId, Map<String, Object> traits) {\n\
         \x20           sent.add(map(\"type\", \"group\", \"groupType\", groupType, \"groupId\", groupId, \"traits\", traits));\n        }\n    }\n",
    );
    s.push_str(JSON_WRITER_JAVA);
    s.push_str("\n    public static void main(String[] args) {\n");
    let lit = |x: &str| string_literal(Lang::Java, x);
    for c in cases {
        let m = &models[&c.plan];
        let pkg = &packages[&c.plan];
        let call = match resolve(m, c) {
            Call::Track(_) => java_event(m, pkg, &c.event, &c.args),
            Call::Identify(f) => format!(
                "a.identify({}, {});",
                lit(&c.user_id),
                java_record(m, pkg, "Traits", f, &c.args)
            ),
            Call::Group(g) => format!(
                "a.{}({}, {});",
                g.name,
                lit(&c.group_id),
                java_record(m, pkg, &g.type_name, &g.fields, &c.args)
            ),
            Call::Context(f) => {
                let (ev, args) = c.then.as_ref().expect("then");
                format!(
                    "a.setContext({});\n            {}",
                    java_record(m, pkg, "Context", f, &c.args),
                    java_event(m, pkg, ev, args)
                )
            }
        };
        s.push_str(&format!(
            "        {{\n            Capture t = new Capture();\n            List<Object> v = new ArrayList<>();\n            \
             {pkg}.Analytics a = new {pkg}.Analytics(t, x -> v.add(x.path));\n            {call}\n            \
             System.out.println(write(map(\"id\", {}, \"sent\", t.sent, \"violations\", v)));\n        }}\n",
            lit(&c.id)
        ));
    }
    s.push_str("    }\n}\n");
    s
}

// -------------------------------------------------------------------- Kotlin

fn kt_any(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) if n.is_i64() => format!("{n}L"),
        Value::Number(_) => float(v),
        Value::String(s) => string_literal(Lang::Kotlin, s),
        Value::Array(a) => format!(
            "listOf<Any?>({})",
            a.iter().map(kt_any).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(o) => format!(
            "mapOf<String, Any?>({})",
            o.iter()
                .map(|(k, v)| format!("{} to {}", string_literal(Lang::Kotlin, k), kt_any(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn kt_value(m: &Model, pkg: &str, v: &Value, shape: &Shape) -> String {
    if v.is_null() {
        return "null".into();
    }
    match shape.kind {
        "string" => string_literal(Lang::Kotlin, v.as_str().expect("string")),
        "integer" => format!("{v}L"),
        "number" => float(v),
        "boolean" => v.to_string(),
        "enum" => format!("{pkg}.{}.{}", shape.name, member(shape, v)),
        "any" | "map" => kt_any(v),
        "array" => {
            let inner = shape.items.as_deref().expect("items");
            let parts: Vec<String> = v
                .as_array()
                .expect("array")
                .iter()
                .map(|x| kt_value(m, pkg, x, inner))
                .collect();
            format!("listOf({})", parts.join(", "))
        }
        "object" => {
            let fields = object_fields(m, &shape.name);
            format!(
                "{pkg}.{}({})",
                shape.name,
                kt_args(m, pkg, fields, v.as_object().expect("object")).join(", ")
            )
        }
        other => panic!("shape {other}"),
    }
}

fn kt_args(m: &Model, pkg: &str, fields: &[FieldL], args: &Map<String, Value>) -> Vec<String> {
    bind(fields, args)
        .into_iter()
        .filter_map(|(f, x)| {
            let x = x?;
            let value = kt_value(m, pkg, x, &f.shape);
            let value = if !f.required && f.nullable {
                format!("{pkg}.Value({value})")
            } else {
                value
            };
            Some(format!("{} = {value}", f.name))
        })
        .collect()
}

pub fn kotlin(cases: &[Case], models: &Models, packages: &HashMap<String, String>) -> String {
    let mut s = String::from(
        "@file:Suppress(\"DEPRECATION\")\n\npackage driver\n\n\
         class Capture : invoicely.Transport, hostile_plan.Transport {\n\
         \x20   val sent = ArrayList<Any?>()\n\
         \x20   override fun track(event: String, properties: Map<String, Any?>, context: Map<String, Any?>) {\n\
         \x20       sent.add(mapOf(\"type\" to \"track\", \"event\" to event, \"properties\" to properties, \"context\" to context))\n    }\n\
         \x20   override fun identify(userId: String, traits: Map<String, Any?>) {\n\
         \x20       sent.add(mapOf(\"type\" to \"identify\", \"userId\" to userId, \"traits\" to traits))\n    }\n\
         \x20   override fun group(groupType: String, groupId: String, traits: Map<String, Any?>) {\n\
         \x20       sent.add(mapOf(\"type\" to \"group\", \"groupType\" to groupType, \"groupId\" to groupId, \"traits\" to traits))\n    }\n}\n\n\
         fun q(s: String): String {\n\
         \x20   val b = StringBuilder(\"\\\"\")\n\
         \x20   for (c in s) {\n\
         \x20       when {\n\
         \x20           c == '\"' || c == '\\\\' -> b.append('\\\\').append(c)\n\
         \x20           c < ' ' -> b.append(String.format(\"\\\\u%04x\", c.toInt()))\n\
         \x20           else -> b.append(c)\n\
         \x20       }\n    }\n    return b.append('\"').toString()\n}\n\n\
         fun write(v: Any?): String = when (v) {\n\
         \x20   null -> \"null\"\n\
         \x20   is String -> q(v)\n\
         \x20   is Map<*, *> -> v.entries.joinToString(\",\", \"{\", \"}\") { q(it.key.toString()) + \":\" + write(it.value) }\n\
         \x20   is List<*> -> v.joinToString(\",\", \"[\", \"]\") { write(it) }\n\
         \x20   else -> v.toString()\n}\n\n\
         fun main() {\n",
    );
    let lit = |x: &str| string_literal(Lang::Kotlin, x);
    for c in cases {
        let m = &models[&c.plan];
        let pkg = &packages[&c.plan];
        let ev = |wire: &str, args: &Map<String, Value>| {
            let e = event(m, wire);
            format!(
                "a.{}({})",
                e.name,
                kt_args(m, pkg, &e.fields, args).join(", ")
            )
        };
        let call = match resolve(m, c) {
            Call::Track(_) => ev(&c.event, &c.args),
            Call::Identify(f) => {
                let mut a = vec![lit(&c.user_id)];
                a.extend(kt_args(m, pkg, f, &c.args));
                format!("a.identify({})", a.join(", "))
            }
            Call::Group(g) => {
                let mut a = vec![lit(&c.group_id)];
                a.extend(kt_args(m, pkg, &g.fields, &c.args));
                format!("a.{}({})", g.name, a.join(", "))
            }
            Call::Context(f) => {
                let (then, args) = c.then.as_ref().expect("then");
                format!(
                    "a.setContext({})\n        {}",
                    kt_args(m, pkg, f, &c.args).join(", "),
                    ev(then, args)
                )
            }
        };
        s.push_str(&format!(
            "    run {{\n        val t = Capture()\n        val v = ArrayList<String>()\n        \
             val a = {pkg}.Analytics(t) {{ v.add(it.path) }}\n        {call}\n        \
             println(write(mapOf(\"id\" to {}, \"sent\" to t.sent, \"violations\" to v)))\n    }}\n",
            lit(&c.id)
        ));
    }
    s.push_str("}\n");
    s
}
