//! Answers (to come).
