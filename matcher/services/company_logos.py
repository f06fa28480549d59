"""A company's logo: checked (size, type, pixels), decoded and re-encoded by Pillow as a PNG without
metadata; only the re-encoded image is stored and served, never the bytes that were uploaded."""
from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, UnidentifiedImageError

from matcher.db import db, utcnow
from matcher.errors import NotFound, ValidationFailed
from matcher.messages import account_data as say
from matcher.models import Company, CompanyLogo

MAX_UPLOAD_BYTES = 1024 * 1024  # under the request limit (MAX_CONTENT_LENGTH, 2 MB), so the form can say it
MAX_SIDE_PX = 4000          # refused before decoding: a small file can claim a huge canvas
MIN_SIDE_PX = 16
STORED_SIDE_PX = 400        # what pages need (a 96 px mark on a retina screen, with room to spare)
ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP")


def reencode(data: bytes) -> tuple[bytes, int, int]:
    """The upload as a PNG of at most STORED_SIDE_PX a side, with no metadata; a ValidationFailed names
    the field `logo` when the bytes are not an image we accept."""
    if not data:
        raise ValidationFailed(say.LOGO_MISSING(), {"logo": [say.LOGO_MISSING()]})
    if len(data) > MAX_UPLOAD_BYTES:
        problem = say.LOGO_TOO_LARGE(megabytes=MAX_UPLOAD_BYTES // (1024 * 1024))
        raise ValidationFailed(problem, {"logo": [problem]})
    not_image = say.LOGO_NOT_AN_IMAGE()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS) as image:
                width, height = image.size
                if width > MAX_SIDE_PX or height > MAX_SIDE_PX:
                    problem = say.LOGO_TOO_MANY_PIXELS(limit=MAX_SIDE_PX)
                    raise ValidationFailed(problem, {"logo": [problem]})
                if width < MIN_SIDE_PX or height < MIN_SIDE_PX:
                    problem = say.LOGO_TOO_SMALL(width=width, height=height, minimum=MIN_SIDE_PX)
                    raise ValidationFailed(problem, {"logo": [problem]})
                image.seek(0)  # an animated image keeps its first frame
                image.load()
                has_alpha = image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)
                pixels = image.convert("RGBA" if has_alpha else "RGB")
    except ValidationFailed:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):  # Pillow's own pixel guard, at open
        problem = say.LOGO_TOO_MANY_PIXELS(limit=MAX_SIDE_PX)
        raise ValidationFailed(problem, {"logo": [problem]}) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        raise ValidationFailed(not_image, {"logo": [not_image]}) from None
    pixels.thumbnail((STORED_SIDE_PX, STORED_SIDE_PX), Image.Resampling.LANCZOS)
    clean = Image.new(pixels.mode, pixels.size)  # a new image carries no EXIF, ICC, text chunks or comments
    clean.paste(pixels)
    out = io.BytesIO()
    clean.save(out, format="PNG", optimize=True)
    return out.getvalue(), clean.width, clean.height


def store_logo(company_id: int, data: bytes) -> CompanyLogo:
    """Re-encode and keep the logo (replacing any earlier one); one use case, one transaction."""
    if db.session.get(Company, company_id) is None:
        raise NotFound(f"No company with id {company_id}")
    png, width, height = reencode(data)
    logo = db.session.get(CompanyLogo, company_id) or CompanyLogo(company_id=company_id)
    logo.content, logo.content_type = png, "image/png"
    logo.width_px, logo.height_px = width, height
    logo.sha256 = hashlib.sha256(png).hexdigest()
    logo.updated_at = utcnow()
    db.session.add(logo)
    try:
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return logo


def remove_logo(company_id: int) -> bool:
    logo = db.session.get(CompanyLogo, company_id)
    if logo is None:
        return False
    db.session.delete(logo)
    db.session.commit()
    return True


def find_logo(company_id: int) -> CompanyLogo | None:
    return db.session.get(CompanyLogo, company_id)


def has_logo(company_id: int) -> bool:
    return db.session.get(CompanyLogo, company_id) is not None
