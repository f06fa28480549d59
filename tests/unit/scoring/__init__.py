"""Unit tests of matcher.scoring: pure functions and the engine, no app, no database."""
