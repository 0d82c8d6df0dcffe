//! Decoding the structs a client only receives, with one shared visitor: `json_object!` gives a struct its
//! `Deserialize` (and, under the `mock` feature, its `Serialize`) from the list of its fields.
//!
//! serde's derive writes, for every struct, an enum of its fields with a visitor of its own, a visitor for
//! sequences and one for maps: most of what the compiler checks in a crate of a thousand response types. Here the
//! loop over the keys (borrowed from the input, as the derive's are) and the errors are written once; a struct adds
//! one `match` of the key against its wire names.
//! What it accepts is what the derive accepts, for JSON: unknown keys are skipped, a duplicate key is an error, a
//! missing `Option` field is `None` and any other missing field is an error (`missing field `id``); a JSON array
//! is not read as a struct.

use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, Visitor};

/// A struct read from a JSON object: its name and how it reads its fields' values.
/// `json_object!` implements it.
pub trait Object: Sized {
    /// The struct's name, for error messages.
    const NAME: &'static str;

    /// Reads the object's entries from `fields`.
    fn read<'de, A: MapAccess<'de>>(fields: &mut Fields<A, Self>) -> Result<Self, A::Error>;
}

/// Deserializes an [`Object`]: what its `Deserialize` impl calls.
pub fn deserialize<'de, D: Deserializer<'de>, T: Object>(deserializer: D) -> Result<T, D::Error> {
    // Self-describing formats such as JSON do not need the field names.
    deserializer.deserialize_struct(T::NAME, &[], ObjectVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: Object> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::read(&mut Fields { map, object: PhantomData })
    }
}

/// The entries of an object being read: its keys, and the values of the fields they name.
pub struct Fields<A, T> {
    map: A,
    object: PhantomData<T>,
}

impl<'de, A: MapAccess<'de>, T: Object> Fields<A, T> {
    /// The next key, borrowed from the input when it can be (a key with escapes is copied).
    #[inline]
    pub fn next_key(&mut self) -> Result<Option<Key<'de>>, A::Error> {
        self.map.next_key_seed(KeySeed)
    }

    /// Reads the value of the field named `key` into `slot`.
    #[inline]
    pub fn value<V: Deserialize<'de>>(&mut self, slot: &mut Option<V>, key: &Key) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(key.duplicate());
        }
        *slot = Some(self.map.next_value()?);
        Ok(())
    }

    /// Reads the value of the field named `key`, which may be `null`, into a tri-state `slot`: `Some(None)` for
    /// `null`.
    #[inline]
    pub fn tristate<V: Deserialize<'de>>(&mut self, slot: &mut Option<Option<V>>, key: &Key) -> Result<(), A::Error> {
        if slot.is_some() {
            return Err(key.duplicate());
        }
        *slot = Some(self.map.next_value::<Option<V>>()?);
        Ok(())
    }

    /// Skips the value of a key that names no field.
    #[inline]
    pub fn skip(&mut self) -> Result<(), A::Error> {
        self.map.next_value::<IgnoredAny>().map(|_| ())
    }

    /// The value read for the field `name`; when it was absent, `None` for an `Option` field and an error for any
    /// other, as serde's derive does.
    #[inline]
    pub fn take<V: Deserialize<'de>>(&self, slot: Option<V>, name: &'static str) -> Result<V, A::Error> {
        match slot {
            Some(value) => Ok(value),
            None => V::deserialize(Missing(name, PhantomData)),
        }
    }
}

/// A key of an object: borrowed from the input, or copied when it had to be unescaped.
pub enum Key<'de> {
    Borrowed(&'de str),
    Copied(String),
}

impl Key<'_> {
    /// The error of a key given twice, worded as serde's `duplicate_field`.
    #[cold]
    fn duplicate<E: de::Error>(&self) -> E {
        E::custom(format_args!("duplicate field `{}`", self.as_str()))
    }

    /// The key's text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Copied(key) => key,
        }
    }
}

/// Reads a [`Key`].
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key<'de>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        Ok(Key::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Key::Copied(key.to_owned()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Key::Copied(key))
    }

    fn visit_bytes<E: de::Error>(self, key: &[u8]) -> Result<Self::Value, E> {
        Ok(Key::Copied(String::from_utf8_lossy(key).into_owned()))
    }
}

/// What an absent field is read from: `None` for an `Option`, a "missing field" error for anything else.
struct Missing<E>(&'static str, PhantomData<E>);

impl<'de, E: de::Error> Deserializer<'de> for Missing<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, E> {
        Err(E::missing_field(self.0))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        visitor.visit_none()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit unit_struct
        newtype_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

/// Implements `Deserialize` for a struct, through [`Object`]. A struct only ever decoded gets `Serialize` under the
/// `mock` feature too (typed mocks answer with it); `json_object!(decode Name { .. })` is for a struct that derives
/// `Serialize` itself. Each field is `name: "wire"`, the wire name even when it is the same (naming only the renamed
/// fields costs the compiler a macro call per field), then how it may be missing: nothing for a required field (an
/// error when absent), `nullable` for a required `Option` (`null`, or `None` when absent, as serde reads it),
/// `optional` for an `Option` that may be absent (not written when `None`), `tristate` for an absent-or-null
/// `Option<Option<T>>` (`None` absent, `Some(None)` null). The calling file imports this module as `object`.
#[allow(unused_macros)]
macro_rules! json_object {
    ($name:ident { $($field:ident: $wire:literal $($mode:ident)?),* $(,)? }) => {
        json_object!(decode $name { $($field: $wire $($mode)?),* });

        // Gated before it expands, so a build without `mock` never reads the impl.
        #[cfg(feature = "mock")]
        json_object!(serialize $name { $($field: $wire $($mode)?),* });
    };
    (serialize $name:ident { $($field:ident: $wire:literal $($mode:ident)?),* $(,)? }) => {
        #[allow(deprecated, reason = "the spec may deprecate a field")]
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeStruct as _;
                let len = <[&str]>::len(&[$($wire),*]);
                let mut state = serializer.serialize_struct(stringify!($name), len)?;
                $(json_object!(@write state self $field $wire, $($mode)?);)*
                state.end()
            }
        }
    };
    (decode $name:ident { $($field:ident: $wire:literal $($mode:ident)?),* $(,)? }) => {
        #[allow(deprecated, reason = "the spec may deprecate a field")]
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                object::deserialize(deserializer)
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate a field")]
        impl object::Object for $name {
            const NAME: &'static str = stringify!($name);

            fn read<'de, A: ::serde::de::MapAccess<'de>>(
                fields: &mut object::Fields<A, Self>,
            ) -> ::std::result::Result<Self, A::Error> {
                // `None`, `Some` and `Ok` are the prelude's: generated names never take them.
                $(let mut $field = None;)*
                while let Some(key) = fields.next_key()? {
                    match key.as_str() {
                        $($wire => json_object!(@read fields key $field $($mode)?),)*
                        _ => fields.skip(),
                    }?;
                }
                Ok(Self {
                    $($field: json_object!(@take fields $field $wire, $($mode)?),)*
                })
            }
        }
    };
    (@read $fields:ident $key:ident $field:ident tristate) => { $fields.tristate(&mut $field, &$key) };
    (@read $fields:ident $key:ident $field:ident $($mode:ident)?) => { $fields.value(&mut $field, &$key) };
    (@take $fields:ident $field:ident $wire:literal, tristate) => { $field };
    (@take $fields:ident $field:ident $wire:literal, $mode:ident) => { $field.flatten() };
    (@take $fields:ident $field:ident $wire:literal,) => { $fields.take($field, $wire)? };
    (@write $state:ident $self:ident $field:ident $wire:literal, $(nullable)?) => {
        $state.serialize_field($wire, &$self.$field)?
    };
    (@write $state:ident $self:ident $field:ident $wire:literal, $mode:ident) => {
        if $self.$field.is_some() {
            $state.serialize_field($wire, &$self.$field)?;
        } else {
            $state.skip_field($wire)?;
        }
    };
}

#[allow(unused_imports)]
pub(crate) use json_object;
