//! Shared fixtures for the tests.
