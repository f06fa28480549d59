"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""
from matcher import create_app

app = create_app()
