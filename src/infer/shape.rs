//! Running statistics of the values seen at one place (a property, an
//! array's items), bounded in size whatever the number of values.

use crate::model::Type;
use crate::rfc3339::{is_date, is_date_time};
use indexmap::{IndexMap, IndexSet};
use serde_json::{Map, Value as Json};

/// Nesting followed; deeper values are counted as `any`.
pub const MAX_DEPTH: usize = 8;
/// Distinct properties kept per object.
pub const MAX_FIELDS: usize = 1000;
/// Strings longer than this are never enum values.
const ENUM_MAX_LEN: usize = 64;

#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// At most this many distinct strings make an enum.
    pub enum_max_values: usize,
    /// ...and only when the property was seen at least this many times.
    pub enum_min_count: u64,
    /// First-seen distinct values kept as `examples`.
    pub examples: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            enum_max_values: 10,
            enum_min_count: 20,
            examples: 3,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Fields {
    /// Objects seen at this place.
    pub objects: u64,
    pub map: IndexMap<String, Field>,
    /// Values of properties past [`MAX_FIELDS`], not kept.
    pub overflow: u64,
}

#[derive(Clone, Debug, Default)]
pub struct Field {
    pub present: u64,
    pub shape: Shape,
}

impl Fields {
    /// Counts one object. False when it, or an object inside it, has a
    /// property named "": no plan can name one (the loader rejects an
    /// empty name), so it is left out, and the caller says so.
    pub fn add(&mut self, obj: &Map<String, Json>, opts: &Options, depth: usize) -> bool {
        self.objects += 1;
        let mut describable = true;
        for (k, v) in obj {
            if k.is_empty() {
                describable = false;
                continue;
            }
            if !self.map.contains_key(k) && self.map.len() >= MAX_FIELDS {
                self.overflow += 1;
                continue;
            }
            let f = self.map.entry(k.clone()).or_default();
            f.present += 1;
            describable &= f.shape.add(v, opts, depth + 1);
        }
        describable
    }
}

#[derive(Clone, Debug)]
pub struct Shape {
    pub nulls: u64,
    pub strings: u64,
    pub ints: u64,
    pub floats: u64,
    pub bools: u64,
    pub arrays: u64,
    pub objects: u64,
    /// Every string seen was an RFC 3339 date-time (or date).
    pub all_datetime: bool,
    pub all_date: bool,
    /// Distinct strings, until there are too many to be an enum.
    pub distinct: Option<IndexSet<String>>,
    pub examples: Vec<Json>,
    pub items: Option<Box<Shape>>,
    pub fields: Option<Box<Fields>>,
    /// Values below [`MAX_DEPTH`], counted only.
    pub too_deep: u64,
}

impl Default for Shape {
    fn default() -> Self {
        Shape {
            nulls: 0,
            strings: 0,
            ints: 0,
            floats: 0,
            bools: 0,
            arrays: 0,
            objects: 0,
            all_datetime: true,
            all_date: true,
            distinct: Some(IndexSet::new()),
            examples: Vec::new(),
            items: None,
            fields: None,
            too_deep: 0,
        }
    }
}

impl Shape {
    /// Counts one value; false as for [`Fields::add`].
    pub fn add(&mut self, v: &Json, opts: &Options, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            self.too_deep += 1;
            return true;
        }
        let mut describable = true;
        match v {
            Json::Null => {
                self.nulls += 1;
                return true;
            }
            Json::Bool(_) => self.bools += 1,
            Json::Number(n) => {
                if n.is_f64() {
                    self.floats += 1
                } else {
                    self.ints += 1
                }
            }
            Json::String(s) => {
                self.strings += 1;
                self.all_date &= is_date(s);
                self.all_datetime &= is_date_time(s);
                if let Some(set) = &mut self.distinct {
                    if s.chars().count() > ENUM_MAX_LEN {
                        self.distinct = None;
                    } else if !set.contains(s.as_str()) {
                        if set.len() >= opts.enum_max_values {
                            self.distinct = None;
                        } else {
                            set.insert(s.clone());
                        }
                    }
                }
            }
            Json::Array(items) => {
                self.arrays += 1;
                let shape = self.items.get_or_insert_with(Default::default);
                for i in items {
                    describable &= shape.add(i, opts, depth + 1);
                }
            }
            Json::Object(map) => {
                self.objects += 1;
                describable = self
                    .fields
                    .get_or_insert_with(Default::default)
                    .add(map, opts, depth);
            }
        }
        let scalar = !matches!(v, Json::Array(_) | Json::Object(_));
        if scalar
            && self.examples.len() < opts.examples
            && !self.examples.contains(v)
            && v.as_str().is_none_or(|s| s.chars().count() <= 200)
        {
            self.examples.push(v.clone());
        }
        describable
    }

    /// The plan type, and a description of the mix when the values
    /// disagree (the type is then `any`).
    pub fn resolved_type(&self) -> (Type, Option<String>) {
        let kinds: Vec<(&str, u64)> = [
            ("string", self.strings),
            ("integer", self.ints),
            ("number", self.floats),
            ("boolean", self.bools),
            ("array", self.arrays),
            ("object", self.objects),
        ]
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .collect();
        let ty = match kinds.as_slice() {
            [] => Type::Any,
            [("string", _)] if self.all_date => Type::Date,
            [("string", _)] if self.all_datetime => Type::Datetime,
            [("string", _)] => Type::String,
            [("integer", _)] => Type::Integer,
            [("number", _)] | [("integer", _), ("number", _)] => Type::Number,
            [("boolean", _)] => Type::Boolean,
            [("array", _)] => Type::Array,
            [("object", _)] => Type::Object,
            _ => {
                let parts: Vec<String> = kinds
                    .iter()
                    .map(|(k, n)| format!("{k} {}", crate::validate::report::thousands(*n)))
                    .collect();
                return (Type::Any, Some(parts.join(", ")));
            }
        };
        (ty, None)
    }

    /// Enum values, when the strings are few and were seen often enough.
    pub fn enum_values(&self, opts: &Options) -> Option<Vec<String>> {
        if self.resolved_type().0 != Type::String || self.strings < opts.enum_min_count {
            return None;
        }
        let set = self.distinct.as_ref()?;
        (!set.is_empty()).then(|| set.iter().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shape_of(values: &[Json], opts: &Options) -> Shape {
        let mut s = Shape::default();
        for v in values {
            s.add(v, opts, 0);
        }
        s
    }

    #[test]
    fn integers_and_floats_make_a_number_and_strings_with_numbers_are_mixed() {
        let o = Options::default();
        assert_eq!(
            shape_of(&[json!(1), json!(2.5)], &o).resolved_type().0,
            Type::Number
        );
        let (t, mixed) = shape_of(&[json!(1), json!("1")], &o).resolved_type();
        assert_eq!(t, Type::Any);
        assert_eq!(mixed.as_deref(), Some("string 1, integer 1"));
    }

    #[test]
    fn enums_need_few_values_seen_often_enough() {
        let o = Options {
            enum_max_values: 2,
            enum_min_count: 3,
            examples: 3,
        };
        let few = shape_of(&[json!("a"), json!("b"), json!("a")], &o);
        assert_eq!(few.enum_values(&o), Some(vec!["a".into(), "b".into()]));
        let many = shape_of(&[json!("a"), json!("b"), json!("c")], &o);
        assert_eq!(many.enum_values(&o), None);
        let rare = shape_of(&[json!("a"), json!("b")], &o);
        assert_eq!(rare.enum_values(&o), None);
    }

    #[test]
    fn objects_keep_at_most_max_fields_properties() {
        let o = Options::default();
        let obj: Map<String, Json> = (0..MAX_FIELDS + 5)
            .map(|i| (format!("k{i}"), json!(i)))
            .collect();
        let mut f = Fields::default();
        f.add(&obj, &o, 0);
        f.add(&obj, &o, 0);
        assert_eq!(f.map.len(), MAX_FIELDS);
        assert_eq!(f.overflow, 10);
        assert_eq!(f.map["k0"].present, 2);
    }

    #[test]
    fn nesting_past_max_depth_is_counted_not_followed() {
        let o = Options::default();
        let mut v = json!(1);
        for _ in 0..MAX_DEPTH + 3 {
            v = json!([v]);
        }
        let mut s = Shape::default();
        s.add(&v, &o, 0);
        let mut depth = 0;
        let mut at = &s;
        while let Some(items) = &at.items {
            at = items;
            depth += 1;
        }
        assert!(depth <= MAX_DEPTH + 1, "{depth}");
        assert_eq!(at.too_deep, 1);
    }
}
