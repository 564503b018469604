"""The ledger and the decision lists are append-only, and the database itself holds them to it:
a trigger refuses every UPDATE and DELETE of a row. The one change it lets through is forgetting a
person (their id set to NULL in the column named in the trigger's argument) when their account is
deleted; that column is not part of what the entry says or hashes.

TRUNCATE is not refused: it needs the table's owner (the portal's migrations), and the test
suite empties tables with it between tests that use real parallel connections.
"""

from django.db import migrations

FUNCTION = "fund_refuse_change"

CREATE_FUNCTION = f"""
CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    person text := TG_ARGV[0];
BEGIN
    IF TG_OP = 'UPDATE'
       AND to_jsonb(NEW) ->> person IS NULL
       AND (to_jsonb(NEW) - person) = (to_jsonb(OLD) - person) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'restrict_violation',
              HINT = 'Correct a ledger entry with a reversing entry.';
END $$;
"""

TABLES = {"fund_ledgerentry": "recorded_by_id", "fund_decision": "decided_by_id"}


def trigger_sql(table: str, person: str) -> tuple[str, str]:
    name = f"{table}_append_only"
    return (
        f"CREATE TRIGGER {name} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}('{person}');",
        f"DROP TRIGGER {name} ON {table};",
    )


class Migration(migrations.Migration):
    dependencies = [("fund", "0001_fund")]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, f"DROP FUNCTION {FUNCTION}();"),
        *(migrations.RunSQL(*trigger_sql(table, person)) for table, person in TABLES.items()),
    ]
