//! Save loop for the crash test (to come).
