//! The `dhr` command: JSON in, JSON out, around dhr-core. Built in issues 2 and 4.

fn main() {}
