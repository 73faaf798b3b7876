//! Deadlines and their status as of a date (spec sections 4.2 and 6.4). Owned by issue 3.
