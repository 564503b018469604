from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from omzien.search.words import key_of

MAX_TERM_LENGTH = 60


class WordGroup(models.Model):
    """Words that find each other: a search for one of them also finds the others."""

    terms = ArrayField(
        models.CharField(max_length=MAX_TERM_LENGTH),
        verbose_name=_("words"),
        help_text=_(
            "Two or more words, separated by commas, that should find each other: forms of one "
            "word (huis, huizen), words for the same thing (buurthuis, wijkcentrum) or longer "
            "words that contain it (bewonersinitiatief). A word may have a space in it "
            "(informele zorg)."
        ),
    )
    # The terms as searches compare them (lower case, no accents), derived on save.
    keys = ArrayField(models.CharField(max_length=MAX_TERM_LENGTH), editable=False, default=list)

    class Meta:
        ordering = ["terms"]
        verbose_name = _("word group")
        verbose_name_plural = _("word groups")
        indexes = [GinIndex(fields=["keys"], name="search_wordgroup_keys_idx")]

    def __str__(self) -> str:
        return ", ".join(self.terms)

    def save(self, *args: object, **kwargs: object) -> None:
        self.terms = self.tidy_terms()
        self.keys = list(dict.fromkeys(key_of(term) for term in self.terms))
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def clean(self) -> None:
        terms = self.tidy_terms()
        if len({key_of(term) for term in terms}) < 2:
            raise ValidationError(
                {"terms": _("Give at least two different words: one word alone finds nothing new.")}
            )
        self.terms = terms

    def tidy_terms(self) -> list[str]:
        """Lower case, single spaces, each word once, in the order given."""
        tidy = (" ".join(term.lower().split()) for term in self.terms or [])
        return list(dict.fromkeys(term for term in tidy if key_of(term)))
