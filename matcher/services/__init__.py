"""Use cases: validate, load rows, call the engine, persist. Flask-free apart from the db session."""
