//! (rules to come)
