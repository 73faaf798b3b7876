//! Rule sets as data (spec sections 4.1 and 6.3). Owned by issue 3.
