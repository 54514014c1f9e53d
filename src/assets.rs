//! Embedded assets (to come).
