"""Commands an operator runs, and the health probe a load balancer calls."""
from sqlalchemy import select

from matcher.db import db
from matcher.models import ApiToken, User
from matcher.services.accounts import hash_secret, user_for_token


def test_tokens_create_makes_the_user_and_prints_only_the_token_last(app):
    result = app.test_cli_runner().invoke(args=["tokens", "create", "Org@Example.org", "--role", "organizer"])
    assert result.exit_code == 0, result.output
    token = result.output.strip().splitlines()[-1]
    assert token.startswith("mt_") and " " not in token
    user = db.session.scalar(select(User).where(User.email == "org@example.org"))
    assert user.role == "organizer"
    stored = db.session.scalar(select(ApiToken))
    assert stored.token_hash == hash_secret(token) and token not in stored.token_hash
    assert user_for_token(token).id == user.id


def test_revoked_token_no_longer_authenticates(app):
    runner = app.test_cli_runner()
    token = runner.invoke(args=["tokens", "create", "a@example.org"]).output.strip().splitlines()[-1]
    result = runner.invoke(args=["tokens", "revoke", token])
    assert result.exit_code == 0 and "revoked 1" in result.output
    assert user_for_token(token) is None


def test_tokens_create_refuses_a_bad_email(app):
    result = app.test_cli_runner().invoke(args=["tokens", "create", "not-an-email"])
    assert result.exit_code != 0 and "email" in result.output


def test_health_reports_the_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok",
                                   "index": {"ready": True, "covers_change": 0, "behind": 0}}


def test_health_says_unavailable_when_the_database_is_gone(tmp_path):
    from matcher import create_app

    app = create_app({"SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://nobody@127.0.0.1:1/none",
                      "TESTING": True})
    response = app.test_client().get("/api/v1/health")
    assert response.status_code == 503
    assert response.get_json()["database"] == "unavailable"


def test_home_page_answers_in_russian(client):
    response = client.get("/")
    assert response.status_code == 200
    assert 'lang="ru"' in response.get_data(as_text=True)
