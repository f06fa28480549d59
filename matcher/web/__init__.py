"""HTML pages for companies and organisers."""
from __future__ import annotations

from flask import Blueprint, Flask, render_template
from sqlalchemy import func, select

from matcher.db import db

web = Blueprint("web", __name__, template_folder="templates", static_folder="static",
                static_url_path="/static/web")


@web.get("/")
def home():
    from matcher.models import Company, Niche

    figures = {
        "companies": db.session.scalar(select(func.count(Company.id))),
        "niches": db.session.scalar(select(func.count(Niche.id))),
    }
    return render_template("web/home.html", figures=figures)


def register_web(app: Flask) -> None:
    app.register_blueprint(web)
