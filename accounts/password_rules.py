"""Django's password rules with the portal's own words: Dutch with je, where Django's Dutch says u
and its length message had no Dutch at all."""

from django.contrib.auth import password_validation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class NotLikeYourDetails(password_validation.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("This password looks too much like your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("It must not look like your name or e-mail address.")


class LongEnough(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "Use at least %(min_length)d character.",
            "Use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}


class NotCommon(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Many people use this password, so it is easy to guess. Choose another one.")

    def get_help_text(self) -> str:
        return _("It must not be a password that many people use.")


class NotOnlyDigits(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password has only digits. Add letters or other characters.")

    def get_help_text(self) -> str:
        return _("It must not be only digits.")
