"""What the logo upload and the account deletion say when a rule fails (issue 17)."""
from __future__ import annotations

from matcher.messages import N_, define

LOGO_MISSING = define("logo.missing", N_("Choose an image file to upload."))
LOGO_TOO_LARGE = define("logo.too_large", N_("The image is larger than %(megabytes)s MB: upload a smaller one."))
LOGO_NOT_AN_IMAGE = define("logo.not_an_image", N_("This file is not a PNG, JPEG or WebP image that can be read."))
LOGO_TOO_MANY_PIXELS = define("logo.too_many_pixels",
                              N_("The image has too many pixels: at most %(limit)d × %(limit)d is accepted."))
LOGO_TOO_SMALL = define("logo.too_small", N_("The image is %(width)d × %(height)d pixels; a logo needs at least %(minimum)d × %(minimum)d."))
DELETION_SCOPE = define("deletion.scope", N_("Choose whether to delete the company only or the whole account."))
DELETION_PASSWORD = define("deletion.password", N_("The password is not right: type your current password to confirm."))
DELETION_NO_COMPANY = define("deletion.no_company", N_("This account has no company to delete."))
