//! Macros that give generated enums their conversions, `Display` and serde impls, keeping generated code small.
//!
//! Every generated enum keeps values the spec does not list in a fallback variant instead of failing to decode;
//! `validate()` refuses them in requests.

/// Implements a string enum: `VALUES`, `as_str`, `is_known`, `From<&str>`, `From<String>`, `Display`, serde.
#[allow(unused_macros)]
macro_rules! string_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $fallback:ident) => {
        #[allow(deprecated, reason = "the spec may deprecate the enum")]
        impl $name {
            /// The values the spec lists.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The value on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(s) => s.as_str(),
                }
            }

            /// True for values the spec lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::$fallback(_))
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(::std::borrow::ToOwned::to_owned(other)),
                }
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                Self::from(s.as_str())
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from(s))
            }
        }
    };
}

/// Implements an integer enum: `VALUES`, `value`, `is_known`, `From<i64>`, `Display`, serde.
#[allow(unused_macros)]
macro_rules! int_enum {
    ($name:ident { $($variant:ident = $wire:literal),* $(,)? } $fallback:ident) => {
        #[allow(deprecated, reason = "the spec may deprecate the enum")]
        impl $name {
            /// The values the spec lists.
            pub const VALUES: &'static [i64] = &[$($wire),*];

            /// The value on the wire.
            pub fn value(&self) -> i64 {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::$fallback(v) => *v,
                }
            }

            /// True for values the spec lists.
            pub fn is_known(&self) -> bool {
                !matches!(self, Self::$fallback(_))
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::std::convert::From<i64> for $name {
            fn from(v: i64) -> Self {
                match v {
                    $($wire => Self::$variant,)*
                    other => Self::$fallback(other),
                }
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::fmt::Display::fmt(&self.value(), f)
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }

        #[allow(deprecated, reason = "the spec may deprecate the enum")]

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
    };
}

#[allow(unused_imports)]
pub(crate) use {int_enum, string_enum};
