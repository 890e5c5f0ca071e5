//! The kinds of change `trackc diff` reports. Each has a stable id (what
//! scripts and `--format json` match on) and a fixed classification: a kind
//! never changes class, so a script can rely on the id alone.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Something recorded or consumed before may no longer work: a dashboard,
    /// a query, a typed emitter call, an event that validated yesterday.
    Breaking,
    NonBreaking,
}

impl Class {
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::NonBreaking => "non-breaking",
        }
    }
}

macro_rules! kinds {
    ($( $variant:ident = $id:literal, $class:ident, $doc:literal; )*) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind { $( $variant, )* }

        impl Kind {
            pub const ALL: &'static [Kind] = &[ $( Kind::$variant, )* ];

            pub fn id(self) -> &'static str {
                match self { $( Kind::$variant => $id, )* }
            }

            pub fn class(self) -> Class {
                match self { $( Kind::$variant => Class::$class, )* }
            }

            /// One line for the docs table and `--help`.
            pub fn doc(self) -> &'static str {
                match self { $( Kind::$variant => $doc, )* }
            }
        }
    };
}

kinds! {
    EventRemoved = "event.removed", Breaking, "An event was removed from the plan.";
    EventRenamed = "event.renamed", Breaking,
        "An event was removed and another added with a nearly identical name and properties: likely a rename, which is a new event on the wire.";
    EventNameCaseChanged = "event.name_case_changed", Breaking,
        "An event's wire name changed only in case or separators (`Signed Up` to `signed_up`): still a different event on the wire.";
    EventSideChanged = "event.side_changed", Breaking, "An event moved between client and server.";
    PropertyRenamed = "property.renamed", Breaking,
        "A property was removed and another of the same type added with a nearly identical name: likely a rename, which is a new property on the wire.";
    PropertyNameCaseChanged = "property.name_case_changed", Breaking,
        "A property's wire name changed only in case or separators (`invoiceId` to `invoice_id`): still a different property on the wire.";
    PropertyRemoved = "property.removed", Breaking,
        "A property was removed (event properties, identify traits, group traits and context properties alike).";
    PropertyAddedRequired = "property.added_required", Breaking,
        "A required property was added: producers that do not send it now fail validation.";
    PropertyTypeChanged = "property.type_changed", Breaking, "A property's type changed.";
    PropertyMadeRequired = "property.made_required", Breaking, "An optional property became required.";
    PropertyMadeNonNullable = "property.made_non_nullable", Breaking, "A nullable property no longer accepts null.";
    EnumValueRemoved = "enum.value_removed", Breaking, "A value was removed from a property's `enum`.";
    PropertyConstChanged = "property.const_changed", Breaking, "A property's `const` changed or was added.";
    PropertyPatternChanged = "property.pattern_changed", Breaking,
        "A property's `pattern` changed or was added (two regular expressions cannot be compared, so any change is treated as narrowing).";
    ConstraintNarrowed = "constraint.narrowed", Breaking,
        "A constraint now accepts fewer values: `minimum`, `min_length` or `min_items` raised or added; `maximum`, `max_length` or `max_items` lowered or added; `format` added or changed; `unique_items` turned on; an `enum` or `items` added.";
    AdditionalPropertiesClosed = "additional_properties.closed", Breaking,
        "A JSON Schema output in trackc.yaml went from `additional_properties: true` to false: events with extra properties now fail validation.";
    GroupRemoved = "group.removed", Breaking, "A group type was removed.";

    EventAdded = "event.added", NonBreaking, "An event was added.";
    EventDeprecated = "event.deprecated", NonBreaking, "An event was marked `status: deprecated`.";
    EventUndeprecated = "event.undeprecated", NonBreaking, "A deprecated event became active again.";
    EventDescriptionChanged = "event.description_changed", NonBreaking, "An event's description changed.";
    EventOwnerChanged = "event.owner_changed", NonBreaking, "An event's owner changed.";
    EventCategoryChanged = "event.category_changed", NonBreaking, "An event's category changed.";
    EventTagsChanged = "event.tags_changed", NonBreaking, "An event's tags changed.";
    EventSourcesChanged = "event.sources_changed", NonBreaking, "An event's sources changed (the side did not).";
    PropertyAdded = "property.added", NonBreaking, "An optional property was added.";
    PropertyMadeOptional = "property.made_optional", NonBreaking, "A required property became optional.";
    PropertyMadeNullable = "property.made_nullable", NonBreaking, "A property now accepts null.";
    EnumValueAdded = "enum.value_added", NonBreaking, "A value was added to a property's `enum`.";
    ConstraintWidened = "constraint.widened", NonBreaking,
        "A constraint now accepts more values: a bound relaxed or removed; `format`, `pattern`, `const`, `enum` or `items` removed; `unique_items` turned off.";
    PropertyDescriptionChanged = "property.description_changed", NonBreaking, "A property's description changed.";
    PropertyExamplesChanged = "property.examples_changed", NonBreaking, "A property's examples changed.";
    PropertyPiiChanged = "property.pii_changed", NonBreaking, "A property's `pii` marking changed.";
    PropertyDeprecated = "property.deprecated", NonBreaking, "A property was marked deprecated.";
    PropertyUndeprecated = "property.undeprecated", NonBreaking, "A property is no longer deprecated.";
    AdditionalPropertiesOpened = "additional_properties.opened", NonBreaking,
        "A JSON Schema output in trackc.yaml went from `additional_properties: false` to true.";
    GroupAdded = "group.added", NonBreaking, "A group type was added.";
}

impl Kind {
    pub fn is_breaking(self) -> bool {
        self.class() == Class::Breaking
    }
}

impl Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}
