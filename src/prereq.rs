//! Prerequisite checklist (to come).
