"""Schemas only the project endpoints need (issue 15): query arguments, the PATCH body, the page.

The POST bodies and the answers (`ProjectSchema`, `ProjectOutSchema`, `ProjectInterestSchema`,
`ProjectInterestOutSchema`) are the shared ones in `matcher.schemas.project`, which the services
validate and dump with.
"""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from matcher.api.schemas import PaginationArgsSchema, QueryText, page_schema
from matcher.schemas.project import ProjectOutSchema, ProjectSchema
from matcher.scoring.cooperation import TYPES as COOPERATION_TYPES
from matcher.taxonomy.sectors import SECTORS


class ProjectQueryArgsSchema(PaginationArgsSchema):
    status = fields.String(validate=validate.OneOf(("open", "closed")),
                           metadata={"description": "Only open projects (deadline not passed) or only closed ones"})
    sector = fields.String(validate=validate.OneOf(SECTORS), metadata={"description": "One of the corridor's sectors"})
    region = QueryText(validate=validate.Regexp(r"^[A-Za-z]{2}-[A-Za-z0-9]{1,3}$",
                                                error="an ISO 3166-2 code, e.g. RU-PER"),
                       metadata={"description": "ISO 3166-2, e.g. RU-PER"})
    cooperation = fields.String(validate=validate.OneOf(COOPERATION_TYPES),
                                metadata={"description": "Only projects that ask for this kind of cooperation"})


class ProjectMatchQueryArgsSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100),
                           metadata={"description": "At most this many suppliers, 1..100"})
    min_score = fields.Float(load_default=0.0, validate=validate.Range(min=0, max=100),
                             metadata={"description": "Leave out suppliers scoring below this, 0..100"})


class ProjectUpdateSchema(ProjectSchema):
    """A PATCH body: any subset of the project's fields; lists replace the stored ones."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("partial", True)
        super().__init__(*args, **kwargs)


ProjectPageSchema = page_schema("ProjectPageSchema", ProjectOutSchema)
