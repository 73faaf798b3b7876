//! `names!`: a fieldless enum whose values are interchange strings.
//!
//! Gives `ALL`, `NAMES`, `as_str`, `from_str`, `Display` and `Serialize`,
//! so the strings of the JSON contract live in one place per enum.

macro_rules! names {
    ($(#[$m:meta])* $vis:vis enum $name:ident { $($(#[$vm:meta])* $var:ident = $s:literal,)* }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        $vis enum $name {
            $($(#[$vm])* #[serde(rename = $s)] $var,)*
        }
        impl $name {
            /// Every value, in the spec's order.
            pub const ALL: &'static [$name] = &[$($name::$var,)*];
            /// Every value's interchange string, in the spec's order.
            pub const NAMES: &'static [&'static str] = &[$($s,)*];
            /// The interchange string.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$var => $s,)* }
            }
            /// Parse the interchange string.
            #[allow(clippy::should_implement_trait)]
            pub fn from_str(s: &str) -> Option<Self> {
                match s { $($s => Some($name::$var),)* _ => None }
            }
        }
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
