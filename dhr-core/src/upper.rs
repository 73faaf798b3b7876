//! The upper case of a character, exactly as [`char::to_uppercase`] gives
//! it, from a table about a tenth the size of the standard library's.
//!
//! A deadline's explanation starts with its rule's title capitalised, and a
//! caller's rule set may give any title. `char::to_uppercase` links the
//! standard library's whole case table (about 13.7 KB, 5.8 KB of the gzipped
//! WebAssembly module); this one is ranges of characters that move by the
//! same distance, and the few that become several characters. The test
//! `same_as_std_for_every_char` compares the two for every `char`; if a
//! new Rust release changes Unicode's case data it fails, and
//! `cargo test -p dhr-core --lib upper::tests::print_tables -- --ignored --nocapture`
//! prints the tables again.

/// The characters of the upper case of `c`, in order (one to three).
pub(crate) fn to_upper(c: char) -> impl Iterator<Item = char> {
    let one = |c: char| [c, '\0', '\0'];
    let chars = if c.is_ascii() {
        one(c.to_ascii_uppercase())
    } else {
        multi(c).or_else(|| single(c).map(one)).unwrap_or(one(c))
    };
    let n = chars.iter().filter(|&&c| c != '\0').count();
    chars.into_iter().take(n.max(1))
}

/// A character whose upper case is one other character.
fn single(c: char) -> Option<char> {
    let cp = u32::from(c);
    let i = RUNS.partition_point(|&(key, _)| key >> 9 <= cp);
    let &(key, delta) = RUNS.get(i.checked_sub(1)?)?;
    let (start, count, stride) = (key >> 9, (key >> 1) & 0xff, (key & 1) + 1);
    let offset = cp - start;
    if offset % stride != 0 || offset / stride >= count {
        return None;
    }
    char::from_u32(cp.checked_add_signed(delta)?)
}

/// A character whose upper case is several characters.
fn multi(c: char) -> Option<[char; 3]> {
    let cp = u16::try_from(u32::from(c)).ok()?;
    let i = MULTI.binary_search_by_key(&cp, |&(k, _)| k).ok()?;
    let (_, out) = MULTI.get(i)?;
    let ch = |u: u16| char::from_u32(u32::from(u)).unwrap_or('\0');
    let [a, b, c] = *out;
    Some([ch(a), ch(b), ch(c)])
}

// The tables (made by `tests::print_tables`). RUNS: `start << 9 | count << 1
// | (stride - 1)` and the distance to the upper case, for the non-ASCII
// characters whose upper case is one character: `count` characters from
// `start`, every `stride` (1 or 2). MULTI: the characters whose upper case
// is several, and those characters ('\0' after the last).
// `| 0` keeps every row's three fields visible.
#[allow(clippy::identity_op)]
#[rustfmt::skip]
const RUNS: [(u32, i32); 197] = [
    (0xb5 << 9 | 1 << 1 | 0, 743),
    (0xe0 << 9 | 23 << 1 | 0, -32),
    (0xf8 << 9 | 7 << 1 | 0, -32),
    (0xff << 9 | 1 << 1 | 0, 121),
    (0x101 << 9 | 24 << 1 | 1, -1),
    (0x131 << 9 | 1 << 1 | 0, -232),
    (0x133 << 9 | 3 << 1 | 1, -1),
    (0x13a << 9 | 8 << 1 | 1, -1),
    (0x14b << 9 | 23 << 1 | 1, -1),
    (0x17a << 9 | 3 << 1 | 1, -1),
    (0x17f << 9 | 1 << 1 | 0, -300),
    (0x180 << 9 | 1 << 1 | 0, 195),
    (0x183 << 9 | 2 << 1 | 1, -1),
    (0x188 << 9 | 1 << 1 | 0, -1),
    (0x18c << 9 | 1 << 1 | 0, -1),
    (0x192 << 9 | 1 << 1 | 0, -1),
    (0x195 << 9 | 1 << 1 | 0, 97),
    (0x199 << 9 | 1 << 1 | 0, -1),
    (0x19a << 9 | 1 << 1 | 0, 163),
    (0x19b << 9 | 1 << 1 | 0, 42561),
    (0x19e << 9 | 1 << 1 | 0, 130),
    (0x1a1 << 9 | 3 << 1 | 1, -1),
    (0x1a8 << 9 | 1 << 1 | 0, -1),
    (0x1ad << 9 | 1 << 1 | 0, -1),
    (0x1b0 << 9 | 1 << 1 | 0, -1),
    (0x1b4 << 9 | 2 << 1 | 1, -1),
    (0x1b9 << 9 | 1 << 1 | 0, -1),
    (0x1bd << 9 | 1 << 1 | 0, -1),
    (0x1bf << 9 | 1 << 1 | 0, 56),
    (0x1c5 << 9 | 1 << 1 | 0, -1),
    (0x1c6 << 9 | 1 << 1 | 0, -2),
    (0x1c8 << 9 | 1 << 1 | 0, -1),
    (0x1c9 << 9 | 1 << 1 | 0, -2),
    (0x1cb << 9 | 1 << 1 | 0, -1),
    (0x1cc << 9 | 1 << 1 | 0, -2),
    (0x1ce << 9 | 8 << 1 | 1, -1),
    (0x1dd << 9 | 1 << 1 | 0, -79),
    (0x1df << 9 | 9 << 1 | 1, -1),
    (0x1f2 << 9 | 1 << 1 | 0, -1),
    (0x1f3 << 9 | 1 << 1 | 0, -2),
    (0x1f5 << 9 | 1 << 1 | 0, -1),
    (0x1f9 << 9 | 20 << 1 | 1, -1),
    (0x223 << 9 | 9 << 1 | 1, -1),
    (0x23c << 9 | 1 << 1 | 0, -1),
    (0x23f << 9 | 2 << 1 | 0, 10815),
    (0x242 << 9 | 1 << 1 | 0, -1),
    (0x247 << 9 | 5 << 1 | 1, -1),
    (0x250 << 9 | 1 << 1 | 0, 10783),
    (0x251 << 9 | 1 << 1 | 0, 10780),
    (0x252 << 9 | 1 << 1 | 0, 10782),
    (0x253 << 9 | 1 << 1 | 0, -210),
    (0x254 << 9 | 1 << 1 | 0, -206),
    (0x256 << 9 | 2 << 1 | 0, -205),
    (0x259 << 9 | 1 << 1 | 0, -202),
    (0x25b << 9 | 1 << 1 | 0, -203),
    (0x25c << 9 | 1 << 1 | 0, 42319),
    (0x260 << 9 | 1 << 1 | 0, -205),
    (0x261 << 9 | 1 << 1 | 0, 42315),
    (0x263 << 9 | 1 << 1 | 0, -207),
    (0x264 << 9 | 1 << 1 | 0, 42343),
    (0x265 << 9 | 1 << 1 | 0, 42280),
    (0x266 << 9 | 1 << 1 | 0, 42308),
    (0x268 << 9 | 1 << 1 | 0, -209),
    (0x269 << 9 | 1 << 1 | 0, -211),
    (0x26a << 9 | 1 << 1 | 0, 42308),
    (0x26b << 9 | 1 << 1 | 0, 10743),
    (0x26c << 9 | 1 << 1 | 0, 42305),
    (0x26f << 9 | 1 << 1 | 0, -211),
    (0x271 << 9 | 1 << 1 | 0, 10749),
    (0x272 << 9 | 1 << 1 | 0, -213),
    (0x275 << 9 | 1 << 1 | 0, -214),
    (0x27d << 9 | 1 << 1 | 0, 10727),
    (0x280 << 9 | 1 << 1 | 0, -218),
    (0x282 << 9 | 1 << 1 | 0, 42307),
    (0x283 << 9 | 1 << 1 | 0, -218),
    (0x287 << 9 | 1 << 1 | 0, 42282),
    (0x288 << 9 | 1 << 1 | 0, -218),
    (0x289 << 9 | 1 << 1 | 0, -69),
    (0x28a << 9 | 2 << 1 | 0, -217),
    (0x28c << 9 | 1 << 1 | 0, -71),
    (0x292 << 9 | 1 << 1 | 0, -219),
    (0x29d << 9 | 1 << 1 | 0, 42261),
    (0x29e << 9 | 1 << 1 | 0, 42258),
    (0x345 << 9 | 1 << 1 | 0, 84),
    (0x371 << 9 | 2 << 1 | 1, -1),
    (0x377 << 9 | 1 << 1 | 0, -1),
    (0x37b << 9 | 3 << 1 | 0, 130),
    (0x3ac << 9 | 1 << 1 | 0, -38),
    (0x3ad << 9 | 3 << 1 | 0, -37),
    (0x3b1 << 9 | 17 << 1 | 0, -32),
    (0x3c2 << 9 | 1 << 1 | 0, -31),
    (0x3c3 << 9 | 9 << 1 | 0, -32),
    (0x3cc << 9 | 1 << 1 | 0, -64),
    (0x3cd << 9 | 2 << 1 | 0, -63),
    (0x3d0 << 9 | 1 << 1 | 0, -62),
    (0x3d1 << 9 | 1 << 1 | 0, -57),
    (0x3d5 << 9 | 1 << 1 | 0, -47),
    (0x3d6 << 9 | 1 << 1 | 0, -54),
    (0x3d7 << 9 | 1 << 1 | 0, -8),
    (0x3d9 << 9 | 12 << 1 | 1, -1),
    (0x3f0 << 9 | 1 << 1 | 0, -86),
    (0x3f1 << 9 | 1 << 1 | 0, -80),
    (0x3f2 << 9 | 1 << 1 | 0, 7),
    (0x3f3 << 9 | 1 << 1 | 0, -116),
    (0x3f5 << 9 | 1 << 1 | 0, -96),
    (0x3f8 << 9 | 1 << 1 | 0, -1),
    (0x3fb << 9 | 1 << 1 | 0, -1),
    (0x430 << 9 | 32 << 1 | 0, -32),
    (0x450 << 9 | 16 << 1 | 0, -80),
    (0x461 << 9 | 17 << 1 | 1, -1),
    (0x48b << 9 | 27 << 1 | 1, -1),
    (0x4c2 << 9 | 7 << 1 | 1, -1),
    (0x4cf << 9 | 1 << 1 | 0, -15),
    (0x4d1 << 9 | 48 << 1 | 1, -1),
    (0x561 << 9 | 38 << 1 | 0, -48),
    (0x10d0 << 9 | 43 << 1 | 0, 3008),
    (0x10fd << 9 | 3 << 1 | 0, 3008),
    (0x13f8 << 9 | 6 << 1 | 0, -8),
    (0x1c80 << 9 | 1 << 1 | 0, -6254),
    (0x1c81 << 9 | 1 << 1 | 0, -6253),
    (0x1c82 << 9 | 1 << 1 | 0, -6244),
    (0x1c83 << 9 | 2 << 1 | 0, -6242),
    (0x1c85 << 9 | 1 << 1 | 0, -6243),
    (0x1c86 << 9 | 1 << 1 | 0, -6236),
    (0x1c87 << 9 | 1 << 1 | 0, -6181),
    (0x1c88 << 9 | 1 << 1 | 0, 35266),
    (0x1c8a << 9 | 1 << 1 | 0, -1),
    (0x1d79 << 9 | 1 << 1 | 0, 35332),
    (0x1d7d << 9 | 1 << 1 | 0, 3814),
    (0x1d8e << 9 | 1 << 1 | 0, 35384),
    (0x1e01 << 9 | 75 << 1 | 1, -1),
    (0x1e9b << 9 | 1 << 1 | 0, -59),
    (0x1ea1 << 9 | 48 << 1 | 1, -1),
    (0x1f00 << 9 | 8 << 1 | 0, 8),
    (0x1f10 << 9 | 6 << 1 | 0, 8),
    (0x1f20 << 9 | 8 << 1 | 0, 8),
    (0x1f30 << 9 | 8 << 1 | 0, 8),
    (0x1f40 << 9 | 6 << 1 | 0, 8),
    (0x1f51 << 9 | 4 << 1 | 1, 8),
    (0x1f60 << 9 | 8 << 1 | 0, 8),
    (0x1f70 << 9 | 2 << 1 | 0, 74),
    (0x1f72 << 9 | 4 << 1 | 0, 86),
    (0x1f76 << 9 | 2 << 1 | 0, 100),
    (0x1f78 << 9 | 2 << 1 | 0, 128),
    (0x1f7a << 9 | 2 << 1 | 0, 112),
    (0x1f7c << 9 | 2 << 1 | 0, 126),
    (0x1fb0 << 9 | 2 << 1 | 0, 8),
    (0x1fbe << 9 | 1 << 1 | 0, -7205),
    (0x1fd0 << 9 | 2 << 1 | 0, 8),
    (0x1fe0 << 9 | 2 << 1 | 0, 8),
    (0x1fe5 << 9 | 1 << 1 | 0, 7),
    (0x214e << 9 | 1 << 1 | 0, -28),
    (0x2170 << 9 | 16 << 1 | 0, -16),
    (0x2184 << 9 | 1 << 1 | 0, -1),
    (0x24d0 << 9 | 26 << 1 | 0, -26),
    (0x2c30 << 9 | 48 << 1 | 0, -48),
    (0x2c61 << 9 | 1 << 1 | 0, -1),
    (0x2c65 << 9 | 1 << 1 | 0, -10795),
    (0x2c66 << 9 | 1 << 1 | 0, -10792),
    (0x2c68 << 9 | 3 << 1 | 1, -1),
    (0x2c73 << 9 | 1 << 1 | 0, -1),
    (0x2c76 << 9 | 1 << 1 | 0, -1),
    (0x2c81 << 9 | 50 << 1 | 1, -1),
    (0x2cec << 9 | 2 << 1 | 1, -1),
    (0x2cf3 << 9 | 1 << 1 | 0, -1),
    (0x2d00 << 9 | 38 << 1 | 0, -7264),
    (0x2d27 << 9 | 1 << 1 | 0, -7264),
    (0x2d2d << 9 | 1 << 1 | 0, -7264),
    (0xa641 << 9 | 23 << 1 | 1, -1),
    (0xa681 << 9 | 14 << 1 | 1, -1),
    (0xa723 << 9 | 7 << 1 | 1, -1),
    (0xa733 << 9 | 31 << 1 | 1, -1),
    (0xa77a << 9 | 2 << 1 | 1, -1),
    (0xa77f << 9 | 5 << 1 | 1, -1),
    (0xa78c << 9 | 1 << 1 | 0, -1),
    (0xa791 << 9 | 2 << 1 | 1, -1),
    (0xa794 << 9 | 1 << 1 | 0, 48),
    (0xa797 << 9 | 10 << 1 | 1, -1),
    (0xa7b5 << 9 | 8 << 1 | 1, -1),
    (0xa7c8 << 9 | 2 << 1 | 1, -1),
    (0xa7cd << 9 | 8 << 1 | 1, -1),
    (0xa7f6 << 9 | 1 << 1 | 0, -1),
    (0xab53 << 9 | 1 << 1 | 0, -928),
    (0xab70 << 9 | 80 << 1 | 0, -38864),
    (0xff41 << 9 | 26 << 1 | 0, -32),
    (0x10428 << 9 | 40 << 1 | 0, -40),
    (0x104d8 << 9 | 36 << 1 | 0, -40),
    (0x10597 << 9 | 11 << 1 | 0, -39),
    (0x105a3 << 9 | 15 << 1 | 0, -39),
    (0x105b3 << 9 | 7 << 1 | 0, -39),
    (0x105bb << 9 | 2 << 1 | 0, -39),
    (0x10cc0 << 9 | 51 << 1 | 0, -64),
    (0x10d70 << 9 | 22 << 1 | 0, -32),
    (0x118c0 << 9 | 32 << 1 | 0, -32),
    (0x16e60 << 9 | 32 << 1 | 0, -32),
    (0x16ebb << 9 | 25 << 1 | 0, -27),
    (0x1e922 << 9 | 34 << 1 | 0, -34),
];
#[rustfmt::skip]
const MULTI: [(u16, [u16; 3]); 102] = [
    (0xdf, [0x53, 0x53, 0x0]),
    (0x149, [0x2bc, 0x4e, 0x0]),
    (0x1f0, [0x4a, 0x30c, 0x0]),
    (0x390, [0x399, 0x308, 0x301]),
    (0x3b0, [0x3a5, 0x308, 0x301]),
    (0x587, [0x535, 0x552, 0x0]),
    (0x1e96, [0x48, 0x331, 0x0]),
    (0x1e97, [0x54, 0x308, 0x0]),
    (0x1e98, [0x57, 0x30a, 0x0]),
    (0x1e99, [0x59, 0x30a, 0x0]),
    (0x1e9a, [0x41, 0x2be, 0x0]),
    (0x1f50, [0x3a5, 0x313, 0x0]),
    (0x1f52, [0x3a5, 0x313, 0x300]),
    (0x1f54, [0x3a5, 0x313, 0x301]),
    (0x1f56, [0x3a5, 0x313, 0x342]),
    (0x1f80, [0x1f08, 0x399, 0x0]),
    (0x1f81, [0x1f09, 0x399, 0x0]),
    (0x1f82, [0x1f0a, 0x399, 0x0]),
    (0x1f83, [0x1f0b, 0x399, 0x0]),
    (0x1f84, [0x1f0c, 0x399, 0x0]),
    (0x1f85, [0x1f0d, 0x399, 0x0]),
    (0x1f86, [0x1f0e, 0x399, 0x0]),
    (0x1f87, [0x1f0f, 0x399, 0x0]),
    (0x1f88, [0x1f08, 0x399, 0x0]),
    (0x1f89, [0x1f09, 0x399, 0x0]),
    (0x1f8a, [0x1f0a, 0x399, 0x0]),
    (0x1f8b, [0x1f0b, 0x399, 0x0]),
    (0x1f8c, [0x1f0c, 0x399, 0x0]),
    (0x1f8d, [0x1f0d, 0x399, 0x0]),
    (0x1f8e, [0x1f0e, 0x399, 0x0]),
    (0x1f8f, [0x1f0f, 0x399, 0x0]),
    (0x1f90, [0x1f28, 0x399, 0x0]),
    (0x1f91, [0x1f29, 0x399, 0x0]),
    (0x1f92, [0x1f2a, 0x399, 0x0]),
    (0x1f93, [0x1f2b, 0x399, 0x0]),
    (0x1f94, [0x1f2c, 0x399, 0x0]),
    (0x1f95, [0x1f2d, 0x399, 0x0]),
    (0x1f96, [0x1f2e, 0x399, 0x0]),
    (0x1f97, [0x1f2f, 0x399, 0x0]),
    (0x1f98, [0x1f28, 0x399, 0x0]),
    (0x1f99, [0x1f29, 0x399, 0x0]),
    (0x1f9a, [0x1f2a, 0x399, 0x0]),
    (0x1f9b, [0x1f2b, 0x399, 0x0]),
    (0x1f9c, [0x1f2c, 0x399, 0x0]),
    (0x1f9d, [0x1f2d, 0x399, 0x0]),
    (0x1f9e, [0x1f2e, 0x399, 0x0]),
    (0x1f9f, [0x1f2f, 0x399, 0x0]),
    (0x1fa0, [0x1f68, 0x399, 0x0]),
    (0x1fa1, [0x1f69, 0x399, 0x0]),
    (0x1fa2, [0x1f6a, 0x399, 0x0]),
    (0x1fa3, [0x1f6b, 0x399, 0x0]),
    (0x1fa4, [0x1f6c, 0x399, 0x0]),
    (0x1fa5, [0x1f6d, 0x399, 0x0]),
    (0x1fa6, [0x1f6e, 0x399, 0x0]),
    (0x1fa7, [0x1f6f, 0x399, 0x0]),
    (0x1fa8, [0x1f68, 0x399, 0x0]),
    (0x1fa9, [0x1f69, 0x399, 0x0]),
    (0x1faa, [0x1f6a, 0x399, 0x0]),
    (0x1fab, [0x1f6b, 0x399, 0x0]),
    (0x1fac, [0x1f6c, 0x399, 0x0]),
    (0x1fad, [0x1f6d, 0x399, 0x0]),
    (0x1fae, [0x1f6e, 0x399, 0x0]),
    (0x1faf, [0x1f6f, 0x399, 0x0]),
    (0x1fb2, [0x1fba, 0x399, 0x0]),
    (0x1fb3, [0x391, 0x399, 0x0]),
    (0x1fb4, [0x386, 0x399, 0x0]),
    (0x1fb6, [0x391, 0x342, 0x0]),
    (0x1fb7, [0x391, 0x342, 0x399]),
    (0x1fbc, [0x391, 0x399, 0x0]),
    (0x1fc2, [0x1fca, 0x399, 0x0]),
    (0x1fc3, [0x397, 0x399, 0x0]),
    (0x1fc4, [0x389, 0x399, 0x0]),
    (0x1fc6, [0x397, 0x342, 0x0]),
    (0x1fc7, [0x397, 0x342, 0x399]),
    (0x1fcc, [0x397, 0x399, 0x0]),
    (0x1fd2, [0x399, 0x308, 0x300]),
    (0x1fd3, [0x399, 0x308, 0x301]),
    (0x1fd6, [0x399, 0x342, 0x0]),
    (0x1fd7, [0x399, 0x308, 0x342]),
    (0x1fe2, [0x3a5, 0x308, 0x300]),
    (0x1fe3, [0x3a5, 0x308, 0x301]),
    (0x1fe4, [0x3a1, 0x313, 0x0]),
    (0x1fe6, [0x3a5, 0x342, 0x0]),
    (0x1fe7, [0x3a5, 0x308, 0x342]),
    (0x1ff2, [0x1ffa, 0x399, 0x0]),
    (0x1ff3, [0x3a9, 0x399, 0x0]),
    (0x1ff4, [0x38f, 0x399, 0x0]),
    (0x1ff6, [0x3a9, 0x342, 0x0]),
    (0x1ff7, [0x3a9, 0x342, 0x399]),
    (0x1ffc, [0x3a9, 0x399, 0x0]),
    (0xfb00, [0x46, 0x46, 0x0]),
    (0xfb01, [0x46, 0x49, 0x0]),
    (0xfb02, [0x46, 0x4c, 0x0]),
    (0xfb03, [0x46, 0x46, 0x49]),
    (0xfb04, [0x46, 0x46, 0x4c]),
    (0xfb05, [0x53, 0x54, 0x0]),
    (0xfb06, [0x53, 0x54, 0x0]),
    (0xfb13, [0x544, 0x546, 0x0]),
    (0xfb14, [0x544, 0x535, 0x0]),
    (0xfb15, [0x544, 0x53b, 0x0]),
    (0xfb16, [0x54e, 0x546, 0x0]),
    (0xfb17, [0x544, 0x53d, 0x0]),
];

#[cfg(test)]
mod tests {
    use super::to_upper;

    #[test]
    fn same_as_std_for_every_char() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            assert!(
                to_upper(c).eq(c.to_uppercase()),
                "U+{:04X}: the tables need printing again (see the module's documentation)",
                u32::from(c)
            );
        }
    }

    /// Prints RUNS and MULTI from the standard library's case data.
    #[test]
    #[ignore = "prints the tables; run by hand after a Unicode update"]
    fn print_tables() {
        let mut runs: Vec<(u32, u32, u32, i64)> = Vec::new();
        let mut multi = Vec::new();
        for c in (0x80..=0x10_FFFF).filter_map(char::from_u32) {
            let u: Vec<char> = c.to_uppercase().collect();
            if u == [c] {
                continue;
            }
            let cp = u32::from(c);
            if let [one] = u[..] {
                let delta = i64::from(u32::from(one)) - i64::from(cp);
                if let Some(r) = runs.last_mut() {
                    let last = r.0 + (r.1 - 1) * r.2;
                    let step = cp - last;
                    let fits = r.1 == 1 && (step == 1 || step == 2) || r.1 > 1 && step == r.2;
                    if r.3 == delta && r.1 < 255 && fits {
                        r.2 = step;
                        r.1 += 1;
                        continue;
                    }
                }
                runs.push((cp, 1, 1, delta));
            } else {
                multi.push((cp, u));
            }
        }
        println!("const RUNS: [(u32, i32); {}] = [", runs.len());
        for (start, count, stride, delta) in &runs {
            println!(
                "    (0x{start:x} << 9 | {count} << 1 | {}, {delta}),",
                stride - 1
            );
        }
        println!("];");
        println!("const MULTI: [(u16, [u16; 3]); {}] = [", multi.len());
        for (cp, u) in &multi {
            let mut a = [0; 3];
            for (slot, x) in a.iter_mut().zip(u) {
                *slot = u32::from(*x);
            }
            println!(
                "    (0x{cp:x}, [0x{:x}, 0x{:x}, 0x{:x}]),",
                a[0], a[1], a[2]
            );
        }
        println!("];");
    }
}
