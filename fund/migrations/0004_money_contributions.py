"""Money in (the money part of the fund app).

- `Contribution.idempotency_key`: the one-time key of the form a treasurer recorded it with,
  unique, so that a double click or a form sent again records one contribution.
- A contribution keeps its facts: the database refuses to change who gave it, how much, when, its
  reference, earmark, note or key, and refuses to delete one. A mistake is put right by reversing
  it (a reversing ledger entry) and recording it again. What may change are the figures kept from
  the ledger (`unallocated_cents`), the moment of a reversal (set once, never undone) and
  forgetting the treasurer who recorded it when their account is deleted.

TRUNCATE is not refused, as for the ledger (migration 0002).
"""

from django.db import migrations, models

FUNCTION = "fund_contribution_keeps_its_facts"
TRIGGER = "fund_contribution_keeps_its_facts"
# The columns that may change after a contribution is recorded.
MAY_CHANGE = ("unallocated_cents", "reversed_at", "recorded_by_id")

_WITHOUT = " - ".join(f"'{column}'" for column in MAY_CHANGE)

CREATE_SQL = f"""
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND (to_jsonb(NEW) - {_WITHOUT}) = (to_jsonb(OLD) - {_WITHOUT})
       AND (OLD.reversed_at IS NULL OR NEW.reversed_at IS NOT DISTINCT FROM OLD.reversed_at)
       AND (NEW.recorded_by_id IS NULL OR NEW.recorded_by_id IS NOT DISTINCT FROM OLD.recorded_by_id)
    THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'fund_contribution keeps its facts: % refused', TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Reverse a contribution recorded by mistake, then record it again.';
END $$;
CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON fund_contribution
    FOR EACH ROW EXECUTE FUNCTION {FUNCTION}();
"""

DROP_SQL = f"DROP TRIGGER {TRIGGER} ON fund_contribution; DROP FUNCTION {FUNCTION}();"


class Migration(migrations.Migration):
    dependencies = [
        ("fund", "0003_content_version_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="contribution",
            name="idempotency_key",
            field=models.UUIDField(blank=True, editable=False, null=True, unique=True),
        ),
        migrations.RunSQL(CREATE_SQL, DROP_SQL),
    ]
